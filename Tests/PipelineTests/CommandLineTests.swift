import Foundation
import Testing
import TestSupport

/// The `rbm` command line: exit codes and the summary, run as a user would.
@Suite struct CommandLineTests {
    /// Runs the built `rbm`; a missing executable fails the test (`swift build --build-tests` builds it).
    static func rbm(_ arguments: [String]) throws -> (status: Int32, output: String)? {
        let executable = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let result = try Subprocess.run(executable, arguments, errors: .merge)
        return (result.status, result.text)
    }

    @Test(arguments: [(["--fail-on", "never"], Int32(0)), ([String](), Int32(1)), (["--fail-on", "warning"], Int32(1))])
    func theExitCodeFollowsFailOn(flags: [String], status: Int32) throws {
        let work = Fixtures.temporaryDirectory("rbm-cli")
        defer { try? FileManager.default.removeItem(at: work) }
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: work.appendingPathComponent("inbox").path)
        let (code, output) = try #require(try Self.rbm(["run", Fixtures.path("pipelines/itu-2022-2023.yaml"), "--inbox", work.appendingPathComponent("inbox").path,
                                                 "--out", work.appendingPathComponent("out").path] + flags))
        #expect(code == status, "\(output)")
        #expect(output.contains("findings: 43 (28 error, 13 warning, 2 info; 37 root causes)"))
        #expect(output.contains("rows: 128 read = 120 loaded + 8 skipped + 0 rejected"))
    }

    @Test func aRunThatCannotStartExitsWithTwoAndSaysWhy() throws {
        let (code, output) = try #require(try Self.rbm(["run", "/nonexistent/pipeline.yaml"]))
        #expect(code == 2)
        #expect(output.contains("/nonexistent/pipeline.yaml: error: cannot read the pipeline file"))
    }

    @Test func aMissingInboxOrAnUnwritableOutputIsNamed() throws {
        let work = Fixtures.temporaryDirectory("rbm-cli")
        defer { try? FileManager.default.removeItem(at: work) }
        let pipeline = Fixtures.path("pipelines/itu-2022-2023.yaml")
        let missing = work.appendingPathComponent("no-such-inbox").path
        let (code, output) = try #require(try Self.rbm(["run", pipeline, "--inbox", missing, "--out", work.appendingPathComponent("out").path]))
        #expect(code == 2)
        #expect(output.contains("rbm: \(missing): error: the inbox folder does not exist (set inbox: in itu-2022-2023.yaml or pass --inbox)"), "\(output)")

        let inbox = work.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let blocker = work.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        let (code2, output2) = try #require(try Self.rbm(["run", pipeline, "--inbox", inbox.path, "--out", blocker.appendingPathComponent("out").path]))
        #expect(code2 == 2)
        #expect(output2.contains("\(blocker.path)/out: error: cannot create the output folder"), "\(output2)")
    }
}
