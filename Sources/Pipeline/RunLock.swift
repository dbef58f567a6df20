import Foundation
import SystemIO

/// One `rbm run` at a time per drop folder (`reliability.md` 5): an exclusive `flock` on
/// `.rbm.lock` beside the inbox, where `archive/` and `quarantine/` live. Released when the run
/// ends, and by the kernel if the process dies, so a crash never leaves the folder locked.
final class RunLock {
    private let lock: FileLock
    let path: String

    /// Takes the lock or throws at once (no waiting): two runs must not file the same inputs away.
    init(besideInbox inbox: URL) throws {
        path = inbox.deletingLastPathComponent().appendingPathComponent(".rbm.lock").path
        let taken: FileLock?
        do {
            taken = try FileLock(exclusive: path, permissions: 0o644)
        } catch let error as SystemCallError {
            throw PipelineError(file: path, "\(error.call == "open" ? "cannot open the run lock" : "cannot lock"): \(error.reason)")
        }
        guard let taken else { throw DropFolderBusy(inbox: inbox.path, lock: path) }
        lock = taken
    }
}

/// Another run holds the drop folder: try again later (`rbm run` exits with 75, EX_TEMPFAIL).
public struct DropFolderBusy: Error, CustomStringConvertible {
    public var inbox: String
    public var lock: String
    public var description: String {
        "\(inbox): error: another rbm run is working on this inbox (\(lock)); run again when it has finished"
    }
}
