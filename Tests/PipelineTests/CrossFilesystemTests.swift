import Foundation
import Glibc
import Testing
import TestSupport
@testable import Pipeline

/// issue 11: a kill -9 during a cross-file-system archive move left a truncated copy in `archive/`
/// for good. Across file systems a file is copied under a hidden temporary name, flushed, renamed
/// into place and only then removed from the inbox; its modification time goes with it (later
/// runs order resubmissions by it). Here `archive/` is a link to a folder on `/dev/shm` (tmpfs).
@Suite(.enabled(if: OtherFileSystem.folder != nil, "no second file system (/dev/shm) beside the temporary folder"))
struct CrossFilesystemTests {
    static var otherFileSystem: URL? { OtherFileSystem.folder }

    @Test func anArchivedFileIsWholeAndKeepsItsModificationTime() throws {
        let (work, _) = try KillLoopTests.dropFolder(archiveOn: Self.otherFileSystem)
        let inbox = work.appendingPathComponent("inbox"), archive = work.appendingPathComponent("archive")
        // The archive is a link to a folder on the other file system: remove that folder too.
        defer {
            try? FileManager.default.removeItem(at: archive.resolvingSymlinksInPath())
            try? FileManager.default.removeItem(at: work)
        }
        let originals = try FileManager.default.contentsOfDirectory(atPath: inbox.path).map { name in
            (name, try Data(contentsOf: inbox.appendingPathComponent(name)),
             try FileManager.default.attributesOfItem(atPath: inbox.appendingPathComponent(name).path)[.modificationDate] as? Date)
        }
        let report = try BatchRun(options: .init(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path,
                                                 output: work.appendingPathComponent("out").path)).run()
        #expect(report.findings.count == 43)
        // The layout is said once, as a warning: archive/ only (processing/ and quarantine/ are beside the inbox).
        let apart = report.manifest.notes.filter { $0.contains("on another file system") }
        #expect(apart.count == 1 && apart[0].hasPrefix("warning: inbox: archive/ is on another file system than the inbox"), "\(apart)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).isEmpty)
        for (name, bytes, modified) in originals {
            let archived = try #require(Filed.url(of: name, in: archive), "\(name) not archived")
            #expect(try Data(contentsOf: archived) == bytes, "\(name)")
            let kept = try FileManager.default.attributesOfItem(atPath: archived.path)[.modificationDate] as? Date
            #expect(kept != nil && modified != nil && abs(kept!.timeIntervalSince(modified!)) < 0.001, "\(name): \(String(describing: kept)) ≠ \(String(describing: modified))")
        }
        #expect((FileManager.default.enumerator(atPath: archive.resolvingSymlinksInPath().path)?.allObjects as? [String] ?? []).allSatisfy { !URL(fileURLWithPath: $0).lastPathComponent.hasPrefix(".") })
    }

    /// Inbox and state folders on one file system: no note.
    @Test func oneFileSystemGivesNoNote() throws {
        let (work, _) = try KillLoopTests.dropFolder(archiveOn: nil)
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = Inbox(folder: work.appendingPathComponent("inbox"), steps: DurableSteps(crashAt: nil))
        #expect(inbox.fileSystemNote() == nil)
        #expect(Inbox.device(of: inbox.folder) != nil)
        #expect(Inbox.device(of: inbox.folder) != Inbox.device(of: try #require(Self.otherFileSystem)))
    }

    /// Stopped at every durable step, the copy across file systems included: no truncated file is
    /// ever left under a final name, and the next run completes with every input archived once.
    @Test(.timeLimit(.minutes(3)))
    func aRunStoppedWhileCopyingAcrossFileSystemsLosesNothing() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let source = Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox")
        let originals = Set(try FileManager.default.contentsOfDirectory(atPath: source).map { try Data(contentsOf: URL(fileURLWithPath: source).appendingPathComponent($0)) })
        var crashed = 0, stoppedInCopy = 0
        for step in 1...90 {
            let (work, arguments) = try KillLoopTests.dropFolder(archiveOn: Self.otherFileSystem)
            let archive = work.appendingPathComponent("archive")
            defer {
                try? FileManager.default.removeItem(at: archive.resolvingSymlinksInPath())
                try? FileManager.default.removeItem(at: work)
            }
            let stopped = try Subprocess.run(rbm, arguments, environment: ["RBM_CRASH_AT": String(step)], errors: .discard)
            guard stopped.status == 137 else { break }
            crashed += 1
            let names = FileManager.default.enumerator(atPath: archive.resolvingSymlinksInPath().path)?.allObjects as? [String] ?? []
            if names.contains(where: { $0.hasSuffix(".rbm-partial") }) { stoppedInCopy += 1 }
            for name in names where name.hasSuffix(".xlsx") && !URL(fileURLWithPath: name).lastPathComponent.hasPrefix(".") {
                #expect(originals.contains(try Data(contentsOf: archive.resolvingSymlinksInPath().appendingPathComponent(name))), "step \(step): \(name) is not whole")
            }
            try KillLoopTests.completeAndCheck(rbm, work, arguments, after: "stopped before durable step \(step) (archive on another file system)")
        }
        #expect(crashed >= 30, "only \(crashed) durable steps")
        #expect(stoppedInCopy >= 7, "the copy into archive/ was interrupted only \(stoppedInCopy) times")
    }
}

enum OtherFileSystem {
    /// `/dev/shm` when it is a file system other than the temporary folder's.
    static let folder: URL? = {
        var a = stat(), b = stat()
        guard stat("/dev/shm", &a) == 0, stat(FileManager.default.temporaryDirectory.path, &b) == 0, a.st_dev != b.st_dev else { return nil }
        return URL(fileURLWithPath: "/dev/shm")
    }()
}
