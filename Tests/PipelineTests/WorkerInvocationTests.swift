import Testing
@testable import Pipeline

/// A pooled worker's arguments are read back without the command line's parser (issue 11): only
/// the exact shape the pool writes, everything else left to the parser.
@Suite struct WorkerInvocationTests {
    @Test(arguments: [nil, "/tmp/rbm-run-1/worker-settings.rbmt"])
    func thePoolsArgumentsReadBackAsTheyWereWritten(settings: String?) {
        let invocation = WorkerInvocation(pipelinePath: "pipelines/itu 2022-2023.yaml", memoryBytes: 4 << 30, cpuSeconds: 300, settingsPath: settings)
        #expect(WorkerInvocation(arguments: invocation.arguments) == invocation)
        #expect(invocation.arguments.starts(with: ["worker", "pipelines/itu 2022-2023.yaml", "--serve"]))
    }

    @Test(arguments: [
        ["worker", "p.yaml", "file.xlsx", "--result", "r.rbmt"],                                                    // one file, not serving
        ["worker", "p.yaml", "--serve"],                                                                          // a person's short form
        ["worker", "p.yaml", "--serve", "--memory-bytes", "4096", "--cpu-seconds", "300"],                        // no lifeline flag
        ["worker", "p.yaml", "--serve", "--memory-bytes", "lots", "--cpu-seconds", "300", "--exit-with-parent"],  // not a number
        ["worker", "p.yaml", "--serve", "--memory-bytes", "-1", "--cpu-seconds", "300", "--exit-with-parent"],    // negative
        ["worker", "--help", "--serve", "--memory-bytes", "1", "--cpu-seconds", "300", "--exit-with-parent"],     // an option for a path
        ["worker", "p.yaml", "--serve", "--memory-bytes", "1", "--cpu-seconds", "300", "--exit-with-parent", "--settings"],
        ["worker", "p.yaml", "--serve", "--memory-bytes", "1", "--cpu-seconds", "300", "--exit-with-parent", "--verbose", "x"],
        ["run", "p.yaml", "--serve", "--memory-bytes", "1", "--cpu-seconds", "300", "--exit-with-parent"],
        [],
    ])
    func anyOtherCommandLineIsLeftToTheParser(arguments: [String]) {
        #expect(WorkerInvocation(arguments: arguments) == nil)
    }
}
