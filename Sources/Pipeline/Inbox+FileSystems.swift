import Foundation
import Results

/// The folder protocol keeps the inbox and its state folders on one file system, so that each move
/// is one atomic `rename(2)` (`../shared/reliability.md` 6.2: "check `st_dev` at start-up"). A drop
/// folder laid out otherwise still works: every move across file systems is a durable copy (copy
/// under a hidden name, flush, rename, then remove the original; `DurableFile`). The run says so
/// once, as a warning note (manifest and standard error), so that whoever set the folders up can
/// put them together.
extension Inbox {
    /// A warning naming the state folders on another file system than the inbox; nil when they
    /// share it (or when the inbox's own file system cannot be told).
    func fileSystemNote() -> Note? {
        guard let home = Self.device(of: folder) else { return nil }
        let apart = [("processing/", processing), ("archive/", archive), ("quarantine/", quarantine)].filter { _, url in
            // A folder not made yet will be made beside the inbox, on its parent's file system.
            let device = Self.device(of: url) ?? Self.device(of: url.deletingLastPathComponent())
            return device != nil && device != home
        }.map(\.0)
        guard !apart.isEmpty else { return nil }
        let names = apart.count == 1 ? apart[0] : apart.dropLast().joined(separator: ", ") + " and " + apart.last!
        return Note(.separateFileSystems, source: SourceRef(file: "inbox"),
                    "\(names) \(apart.count == 1 ? "is" : "are") on another file system than the inbox, so each file is moved there by a durable copy (copied, flushed, renamed, then removed from where it was) instead of one rename; put the inbox, processing/, archive/ and quarantine/ on one file system")
    }

    /// The device (`st_dev`) of the file system that holds `url`, following links.
    static func device(of url: URL) -> UInt64? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path),
              let number = attributes[.systemNumber] as? NSNumber else { return nil }
        return number.uint64Value
    }
}
