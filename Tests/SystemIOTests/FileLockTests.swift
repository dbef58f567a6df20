import Foundation
import SystemIO
import Testing

@Suite struct FileLockTests {
    @Test func aSecondLockOnTheSameFileFailsUntilTheFirstIsReleased() throws {
        let folder = try TestFolder("lock")
        defer { folder.remove() }
        let path = folder.file(".rbm.lock")
        let first = try #require(try FileLock(exclusive: path))
        #expect(FileManager.default.fileExists(atPath: path))
        // Another open file description, even in this process, finds it held.
        #expect(try FileLock(exclusive: path) == nil)
        first.unlock()
        let second = try #require(try FileLock(exclusive: path))
        second.unlock()
        second.unlock()   // a second release does nothing
    }

    @Test func aLockIsReleasedWhenItsHolderGoesAway() throws {
        let folder = try TestFolder("lock-scope")
        defer { folder.remove() }
        let path = folder.file("owner")
        do {
            let held = try #require(try FileLock(exclusive: path))
            #expect(try FileLock(exclusive: path) == nil)
            withExtendedLifetime(held) {}
        }
        #expect(try FileLock(exclusive: path) != nil)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock"), "no flock(1) to hold a lock from another process"))
    func aLockHeldByAnotherProcessIsSeenAndDiesWithIt() throws {
        let folder = try TestFolder("lock-process")
        defer { folder.remove() }
        let path = folder.file("owner")
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = ["--exclusive", "--no-fork", path, "/bin/sleep", "30"]   // the holder is the process we kill
        try holder.run()
        var seenHeld = false
        for _ in 0..<100 where !seenHeld {   // until flock(1) has taken it
            if let lock = try FileLock(exclusive: path) { lock.unlock(); Thread.sleep(forTimeInterval: 0.05) } else { seenHeld = true }
        }
        #expect(seenHeld)
        try ProcessControl.send(.kill, to: holder.processIdentifier)
        holder.waitUntilExit()
        #expect(holder.terminationReason == .uncaughtSignal && holder.terminationStatus == Signal.kill.rawValue)
        #expect(try FileLock(exclusive: path) != nil, "the kernel keeps no lock of a dead process")
    }

    @Test func withoutCreateAMissingFileIsAnError() throws {
        let folder = try TestFolder("lock-missing")
        defer { folder.remove() }
        let error = try #require(throws: SystemCallError.self) { try FileLock(exclusive: folder.file("none"), create: false) }
        #expect(error.call == "open" && error.kind == .notFound)
        #expect(try folder.names().isEmpty)
    }

    @Test func aSymbolicLinkIsRefusedWhenLinksAreNotFollowed() throws {
        let folder = try TestFolder("lock-link")
        defer { folder.remove() }
        try Data().write(to: URL(fileURLWithPath: folder.file("target")))
        try FileManager.default.createSymbolicLink(atPath: folder.file("link"), withDestinationPath: folder.file("target"))
        #expect(throws: SystemCallError.self) { try FileLock(exclusive: folder.file("link"), create: false, followingSymlinks: false) }
        #expect(try FileLock(exclusive: folder.file("link"), create: false) != nil)
    }
}
