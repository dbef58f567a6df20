import Foundation
import Glibc

/// One `rbm run` at a time per drop folder (`reliability.md` 5): an exclusive `flock` on
/// `.rbm.lock` beside the inbox, where `archive/` and `quarantine/` live. Released when the run
/// ends, and by the kernel if the process dies, so a crash never leaves the folder locked.
final class RunLock {
    private let descriptor: Int32
    let path: String

    /// Takes the lock or throws at once (no waiting): two runs must not file the same inputs away.
    init(besideInbox inbox: URL) throws {
        path = inbox.deletingLastPathComponent().appendingPathComponent(".rbm.lock").path
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PipelineError(file: path, "cannot open the run lock: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { throw DropFolderBusy(inbox: inbox.path, lock: path) }
            throw PipelineError(file: path, "cannot lock: \(String(cString: strerror(code)))")
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
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
