import Foundation
import TestSupport

/// A small tmpfs mounted for one test, to make a real full disk (`mount` needs root; the tests
/// that use it are skipped without).
final class TinyDisk {
    let folder: URL

    /// Whether this process may mount a tmpfs (tried once).
    static let available: Bool = {
        guard let disk = try? TinyDisk(kilobytes: 64) else { return false }
        withExtendedLifetime(disk) {}
        return true
    }()

    struct Unavailable: Error {}

    init(kilobytes: Int) throws {
        folder = Fixtures.temporaryDirectory("rbm-tinydisk")
        let result = try Subprocess.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", folder.path], errors: .discard)
        guard result.status == 0 else {
            try? FileManager.default.removeItem(at: folder)
            throw Unavailable()
        }
    }

    /// Fills the disk to the last byte.
    func fill() throws {
        _ = try Subprocess.run("/bin/dd", ["if=/dev/zero", "of=\(folder.appendingPathComponent(".filler").path)", "bs=4096"], errors: .discard)
    }

    deinit {
        _ = try? Subprocess.run("/bin/umount", [folder.path], errors: .discard)
        try? FileManager.default.removeItem(at: folder)
    }
}
