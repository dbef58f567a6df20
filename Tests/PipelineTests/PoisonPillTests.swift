import Foundation
@testable import Pipeline
import Testing
import TestSupport

/// The poison-pill rule (`reliability.md` 1.1, ``ReadingAttempts``): a file while whose reading
/// the run stopped twice is quarantined unread, and the inbox's other files are not held with it.
/// `RBM_STOP_READING` ends `rbm run` (`_exit(137)`, as a kill would) as it begins reading the
/// named file, in-process or before handing it to a worker, as a reader's crash in-process or the
/// machine's OOM killer would.
@Suite struct PoisonPillTests {
    static let poison = "OP_BR_2022-2025_v2.xlsx"

    /// The batch folders in `processing/` and the entries of each, hidden ones included.
    static func processing(_ work: URL) throws -> [String: [String]] {
        let folder = work.appendingPathComponent("processing")
        var found: [String: [String]] = [:]
        for batch in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where !batch.hasPrefix(".") {
            found[batch] = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(batch).path).sorted()
        }
        return found
    }

    static func manifest(_ work: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: work.appendingPathComponent("out/manifest.json"))) as? [String: Any])
    }

    @Test(.timeLimit(.minutes(3)), arguments: [true, false])
    func aFileThatStopsTheRunTwiceIsQuarantinedUnreadAndTheOthersGoOn(inProcess: Bool) throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let (work, allArguments) = try KillLoopTests.dropFolder()
        let arguments = inProcess ? allArguments : allArguments.filter { $0 != "--in-process" }
        let stop = ["RBM_STOP_READING": Self.poison]

        // 1: the run stops while its files are read together: all seven stay claimed, no `.read`.
        #expect(try Subprocess.run(rbm, arguments, environment: stop, errors: .discard).status == 137)
        let first = try Self.processing(work)
        let firstBatch = try #require(first.keys.first)
        #expect(first.count == 1 && first[firstBatch]!.filter { $0.hasSuffix(".xlsx") }.count == 7, "\(first)")
        #expect(!first[firstBatch]!.contains(ReadingAttempts.readName))

        // 2: each is read by itself, in name order; the run stops again at the same file, which
        // `.alone` names, and every file's first stop is in the new batch's journal.
        #expect(try Subprocess.run(rbm, arguments, environment: stop, errors: .discard).status == 137)
        let second = try Self.processing(work)
        let secondBatch = try #require(second.keys.first)
        #expect(second.count == 1 && secondBatch != firstBatch, "\(second)")
        let folder = work.appendingPathComponent("processing").appendingPathComponent(secondBatch)
        #expect(try String(contentsOf: folder.appendingPathComponent(ReadingAttempts.aloneName), encoding: .utf8) == Self.poison)
        let journal = try JSONDecoder().decode(ReadingAttempts.self, from: Data(contentsOf: folder.appendingPathComponent(ReadingAttempts.journalName)))
        #expect(journal.stops.count == 7 && journal.stops.values.allSatisfy { $0 == [firstBatch] }, "\(journal)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
        let after = ReadingAttempts.afterStop(of: folder, names: names)
        #expect(after.refused(Self.poison) && after.stops(of: Self.poison) == [firstBatch, secondBatch])
        #expect(names.filter { after.readAlone($0) }.count == 6)

        // 3: with the stop still armed, the run never begins reading the file: it is quarantined
        // unread with its reason; the six others are read by themselves and archived.
        let third = try Subprocess.run(rbm, arguments, environment: stop)
        #expect(third.status == 0, "\(third.errors)")
        let quarantined = Filed.paths(in: work.appendingPathComponent("quarantine"))
        #expect(quarantined.filter { $0.hasSuffix(".xlsx") }.map { URL(fileURLWithPath: $0).lastPathComponent } == [Self.poison], "\(quarantined)")
        let reasonPath = try #require(quarantined.first { $0.hasSuffix(".reason.txt") })
        let reason = try String(contentsOf: work.appendingPathComponent("quarantine").appendingPathComponent(reasonPath), encoding: .utf8)
        #expect(reason.hasPrefix("reader-crash: the runs of batches \(firstBatch) and \(secondBatch) stopped while reading this file"), "\(reason)")
        #expect(Filed.paths(in: work.appendingPathComponent("archive")).filter { $0.hasSuffix(".xlsx") }.count == 6)
        #expect(try Self.processing(work).isEmpty)
        let notes = try Self.manifest(work)["notes"] as? [String] ?? []
        #expect(notes.filter { $0.contains("stopped while reading it; it was read by itself this time") }.count == 6, "\(notes)")
        // No mark is left behind in the drop folder.
        let left = (FileManager.default.enumerator(atPath: work.path)?.allObjects as? [String] ?? [])
            .filter { [ReadingAttempts.readName, ReadingAttempts.aloneName, ReadingAttempts.journalName].contains(URL(fileURLWithPath: $0).lastPathComponent) }
        #expect(left.isEmpty, "\(left)")
    }

    @Test(.timeLimit(.minutes(3)))
    func oneStopWhileReadingHasEachFileReadByItselfAndAllArchived() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let (work, arguments) = try KillLoopTests.dropFolder()
        #expect(try Subprocess.run(rbm, arguments, environment: ["RBM_STOP_READING": Self.poison], errors: .discard).status == 137)
        let final = try Subprocess.run(rbm, arguments)
        #expect(final.status == 0, "\(final.errors)")
        #expect(final.text.contains("findings: 43 (28 error, 13 warning, 2 info; 37 root causes)"), "\(final.text)")
        #expect(Filed.paths(in: work.appendingPathComponent("archive")).filter { $0.hasSuffix(".xlsx") }.count == 7)
        #expect(Filed.paths(in: work.appendingPathComponent("quarantine")).isEmpty)
        let notes = try Self.manifest(work)["notes"] as? [String] ?? []
        #expect(notes.filter { $0.contains("stopped while reading it; it was read by itself this time") }.count == 7, "\(notes)")
    }

    /// A stop after every arrival was read (here: before the first output is written) is not the
    /// files' doing: the next run reads them together, with no note.
    @Test(.timeLimit(.minutes(3)))
    func aStopAfterTheReadingCountsForNoFile() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let (work, arguments) = try KillLoopTests.dropFolder()
        // Steps 1-7 claim the seven files; step 8 is the run's first output.
        #expect(try Subprocess.run(rbm, arguments, environment: ["RBM_CRASH_AT": "8"], errors: .discard).status == 137)
        let stopped = try Self.processing(work)
        #expect(stopped.count == 1 && stopped.values.first!.contains(ReadingAttempts.readName), "\(stopped)")
        let final = try Subprocess.run(rbm, arguments)
        #expect(final.status == 0, "\(final.errors)")
        let notes = try Self.manifest(work)["notes"] as? [String] ?? []
        #expect(!notes.contains { $0.contains("stopped while reading") }, "\(notes)")
        #expect(Filed.paths(in: work.appendingPathComponent("archive")).filter { $0.hasSuffix(".xlsx") }.count == 7)
    }

    /// A batch the machine stops (here a worker that will not start, twice: once while the files
    /// are read together, once while the first is read by itself) is no file's doing: the next run
    /// reads every file together and archives all seven. Before, the second stop was counted for
    /// the file being read by itself, and the third run quarantined it.
    @Test func aBatchTheMachineStopsCountsForNoFile() throws {
        let work = Fixtures.temporaryDirectory("rbm-machine-stops")
        defer { try? FileManager.default.removeItem(at: work) }
        let missing = WorkerProcess(executable: work.appendingPathComponent("bin/rbm").path)
        _ = try EnvironmentFaultTests.stoppedBatch(in: work, worker: missing)
        let inbox = work.appendingPathComponent("inbox")
        let options = BatchRun.Options(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path, output: work.appendingPathComponent("out").path,
                                       worker: missing)
        #expect(throws: EnvironmentFault.self) { try BatchRun(options: options).run() }
        let stopped = try Self.processing(work)
        #expect(stopped.count == 1 && stopped.values.first!.contains(ReadingAttempts.readName), "\(stopped)")
        let report = try BatchRun(options: .init(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path,
                                                 output: work.appendingPathComponent("out").path)).run()
        #expect(report.manifest.inputs.filter { $0.fate == .archived }.count == 7, "\(report.manifest.inputs.map { "\($0.file) \($0.fate)" })")
        #expect(!report.manifest.notes.contains { $0.contains("stopped while reading") })
        #expect(Filed.paths(in: work.appendingPathComponent("quarantine")).isEmpty)
    }

    /// What a stopped batch's folder says, mark by mark.
    @Test func theMarksOfAStoppedBatchCountItsStop() throws {
        let folder = Fixtures.temporaryDirectory("rbm-attempts").appendingPathComponent("2026-12-06T150000Z-cd34")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let names = ["a.xlsx", "b.xlsx", "c.xlsx"]
        // No journal, no mark: every file was being read together.
        #expect(ReadingAttempts.afterStop(of: folder, names: names).stops == ["a.xlsx": ["2026-12-06T150000Z-cd34"], "b.xlsx": ["2026-12-06T150000Z-cd34"],
                                                                            "c.xlsx": ["2026-12-06T150000Z-cd34"]])
        // A journal: the files with earlier stops were not among those read together.
        try ReadingAttempts(stops: ["b.xlsx": ["B0"]]).save(in: folder, steps: .uncounted)
        #expect(ReadingAttempts.afterStop(of: folder, names: names).stops == ["a.xlsx": ["2026-12-06T150000Z-cd34"], "b.xlsx": ["B0"],
                                                                            "c.xlsx": ["2026-12-06T150000Z-cd34"]])
        // `.alone`: only the file it names.
        try ReadingAttempts.markAlone("b.xlsx", in: folder, steps: .uncounted)
        let alone = ReadingAttempts.afterStop(of: folder, names: names)
        #expect(alone.stops == ["b.xlsx": ["B0", "2026-12-06T150000Z-cd34"]])
        #expect(alone.refused("b.xlsx") && !alone.readAlone("b.xlsx") && !alone.readAlone("a.xlsx"))
        // `.read`: the stop came after the reading; the journal's stops are carried as they were.
        ReadingAttempts.markRead(in: folder)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(ReadingAttempts.aloneName).path))
        #expect(ReadingAttempts.afterStop(of: folder, names: names).stops == ["b.xlsx": ["B0"]])
        // A journal that cannot be read counts as none: a file gets one more try, never one less.
        try Data("{\"stops\": ".utf8).write(to: folder.appendingPathComponent(ReadingAttempts.journalName))
        unlink(folder.appendingPathComponent(ReadingAttempts.readName).path)
        #expect(ReadingAttempts.afterStop(of: folder, names: ["b.xlsx"]).stops == ["b.xlsx": ["2026-12-06T150000Z-cd34"]])
        ReadingAttempts.removeMarks(in: folder)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
