/// How the pool starts a serving worker, in one place: the arguments ``WorkerPool`` gives the
/// process, and their reading back at the worker's start without the command line's parser
/// (issue 11). `rbm worker --serve` through swift-argument-parser took about 23 M instructions
/// (its reflection over every command, names derived from type names), 7 ms of each worker's start
/// on a 2-core machine, on the cores the run is using. Only the exact shape the pool writes is read
/// here; anything else (a person typing `rbm worker …`, an older pool) is left to the parser.
public struct WorkerInvocation: Equatable {
    public var pipelinePath: String
    public var memoryBytes: UInt64
    public var cpuSeconds: UInt64
    /// The run's parsed settings (``WorkerSettings``), when they were written before the start.
    public var settingsPath: String?

    public init(pipelinePath: String, memoryBytes: UInt64, cpuSeconds: UInt64, settingsPath: String? = nil) {
        self.pipelinePath = pipelinePath
        self.memoryBytes = memoryBytes
        self.cpuSeconds = cpuSeconds
        self.settingsPath = settingsPath
    }

    /// The process's arguments (after the executable), as `rbm worker` also parses them.
    public var arguments: [String] {
        var arguments = ["worker", pipelinePath, "--serve", "--memory-bytes", String(memoryBytes), "--cpu-seconds", String(cpuSeconds),
                         "--exit-with-parent"]
        if let settingsPath { arguments += ["--settings", settingsPath] }
        return arguments
    }

    /// The invocation `arguments` (after the executable) spell, when they have exactly the shape
    /// ``arguments`` writes; nil for any other command line.
    public init?(arguments: some Collection<String>) {
        let given = Array(arguments)
        guard given.count == 8 || given.count == 10, given[0] == "worker", given[2] == "--serve", given[3] == "--memory-bytes",
              given[5] == "--cpu-seconds", given[7] == "--exit-with-parent",
              !given[1].hasPrefix("-"), let memory = UInt64(given[4]), let cpu = UInt64(given[6]) else { return nil }
        var settings: String?
        if given.count == 10 {
            guard given[8] == "--settings", !given[9].hasPrefix("-") else { return nil }
            settings = given[9]
        }
        self.init(pipelinePath: given[1], memoryBytes: memory, cpuSeconds: cpu, settingsPath: settings)
    }

    /// Serves the pool (``WorkerProcess/serveMany(pipelinePath:settingsPath:memoryBytes:cpuSeconds:trace:)``).
    public func serve(trace: RunTrace = RunTrace(path: nil)) throws {
        try WorkerProcess.serveMany(pipelinePath: pipelinePath, settingsPath: settingsPath, memoryBytes: memoryBytes, cpuSeconds: cpuSeconds,
                                    trace: trace)
    }
}
