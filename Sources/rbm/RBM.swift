import ArgumentParser
import Foundation
import Pipeline
import Reports
import Results
import SystemIO

@main
struct RBM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rbm",
        abstract: "Reconcile ITU financial plans, operational plans, results framework and risk register.",
        version: BatchRun.version,
        subcommands: [Run.self, Watch.self, CheckCommand.self, Validate.self, AliasesCommand.self, InspectCommand.self, RulesCommand.self, HistoryCommand.self,
                      DiffCommand.self, Worker.self])

    /// A pooled worker starts without the command line's parser (``WorkerInvocation``: the pool's
    /// exact arguments, about 7 ms of parsing saved at each start); every other command line, a
    /// person's `rbm worker` included, goes through it.
    static func main() {
        if let invocation = WorkerInvocation(arguments: CommandLine.arguments.dropFirst()) {
            do {
                try invocation.serve(trace: .fromEnvironment())
                Self.exit()
            } catch {
                Self.exit(withError: error)
            }
        }
        main(nil)
    }
}

/// Exit codes: 0 no finding at the chosen severity, 1 such a finding, 2 the run itself failed.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a pipeline: read the inbox, reconcile, write the outputs, file the inputs away.")

    enum FailOn: String, ExpressibleByArgument, CaseIterable { case error, warning, never }

    @Argument(help: "The pipeline file (pipelines/*.yaml).") var pipeline: String
    @Option(help: "The inbox folder (default: the pipeline's).") var inbox: String?
    @Option(help: "The output folder (default: the pipeline's).") var out: String?
    @Option(help: "Which severity makes the exit code 1: error, warning or never.") var failOn: FailOn = .error
    @Flag(help: "Leave the input files in the inbox.") var keepInputs = false
    @Flag(help: "Parse workbooks in this process instead of one worker process per file.") var inProcess = false
    @Option(help: "Seconds a worker may spend on one file before it is stopped.") var timeout: Double = 300
    @Option(help: "The reports' language: en, fr or es (default: the pipeline's language:, else en).") var language: String?

    func validate() throws {
        if let language, Language(code: language) == nil { throw ValidationError(Language.unknown(language)) }
    }

    var failing: Set<Severity> {
        switch failOn {
        case .error: [.error]
        case .warning: [.error, .warning]
        case .never: []
        }
    }

    func run() throws {
        let report: BatchRun.Report
        var worker: WorkerProcess?
        if !inProcess {
            let me = ProcessControl.executablePath ?? CommandLine.arguments[0]
            worker = WorkerProcess(executable: me)
            worker?.timeout = timeout
        }
        do {
            var options = BatchRun.Options(pipelinePath: pipeline, inbox: inbox, output: out, keepInputs: keepInputs, worker: worker)
            // The environment read once (each read copies all of it, about 1 M instructions, before
            // the run starts its workers).
            let environment = ProcessInfo.processInfo.environment
            // Crash-safety tests stop a run just before its N-th durable step (reliability.md 6.4).
            options.faults.crashAt = environment["RBM_CRASH_AT"].flatMap(Int.init)
            options.faults.stopReading = environment["RBM_STOP_READING"]
            options.trace = RunTrace(path: environment[RunTrace.environmentKey])
            options.failingSeverities = failing
            options.language = language.flatMap(Language.init(code:))
            report = try BatchRun(options: options).run()
        } catch let busy as DropFolderBusy {
            FileHandle.standardError.write(Data("rbm: \(busy)\n".utf8))
            throw ExitCode(75)   // EX_TEMPFAIL: nothing was touched; the next run will do it
        } catch {
            FileHandle.standardError.write(Data("rbm: \(error)\n".utf8))
            throw ExitCode(2)
        }
        print(Summary.render(report))
        // Warnings about the drop folder itself (a recovered current.json, a late older version)
        // go to standard error too: they need a person's eye even when nobody reads the manifest.
        for note in report.model.notes where note.severity == .warning {
            FileHandle.standardError.write(Data("rbm: \(note.manifestLine)\n".utf8))
        }
        for (name, error) in report.failedOutputs.sorted(by: { $0.key < $1.key }) {
            FileHandle.standardError.write(Data("rbm: \(name) was not written: \(error); the other outputs and manifest.json were\n".utf8))
        }
        let status = report.exitStatus(failingOn: failing)
        // Everything is committed and said: end the process here instead of freeing the run's
        // model and findings piece by piece on the way out (issue 11: about 4 ms at 58 times the
        // demo), and without the exit handlers either (`_exit`, about 0.9 ms less at K = 58, 25
        // runs each): standard output is flushed first, the only buffered stream the run writes
        // (standard error, the trace and every file are written unbuffered or already closed).
        withExtendedLifetime(report) { ProcessControl.exitAfterFlushing(status) }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "Check a pipeline file without reading any workbook.")
    @Argument(help: "The pipeline file.") var pipeline: String

    func run() throws {
        do {
            let file = try PipelineFile.load(path: pipeline)
            print("\(pipeline): ok (\(file.sources.count) sources, plan \(file.plan.id), biennium \(file.plan.biennium))")
            // The acknowledgements beside it: parsed, and each id looked up in the last committed run.
            for line in try HistoryReport.acknowledgementProblems(pipelinePath: pipeline) { print(line) }
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Dry run for a new layout: read sample workbooks as `rbm run` would and show what every sheet, column and row became.",
        discussion: "Writes nothing, moves nothing, takes no lock. Exit 0 when every table loaded with every field the rules need, 1 otherwise, 2 when the pipeline file or the inbox cannot be read.")
    @Argument(help: "The pipeline file (pipelines/*.yaml).") var pipeline: String
    @Option(help: "A folder of sample workbooks (default: the pipeline's inbox); ignored when files are given.") var inbox: String?
    @Option(help: "text or json.") var format: String = "text"
    @Argument(help: "Workbooks to check (default: every file of the inbox).") var files: [String] = []

    func run() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("--format must be text or json") }
        let report: Check.Report
        do {
            report = try Check.run(pipelinePath: pipeline, inbox: inbox, files: files)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(Check.render(report))
        }
        if !report.complete { throw ExitCode(1) }
    }
}

struct AliasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "aliases", abstract: "Print the header and value aliases rbm ships.")
    @Argument(help: "A table (allocations, budgetLines, kpis, …) or a value-alias table (priority, funding, …); all when omitted.") var table: String?
    @Option(help: "text, or markdown (every table, as docs/aliases.md carries it).") var format: String = "text"

    func run() throws {
        guard ["text", "markdown"].contains(format) else { throw ValidationError("--format must be text or markdown") }
        do { print(format == "markdown" ? try AliasCatalogue.markdown() : try AliasCatalogue.render(table)) } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Show what rbm reads in a workbook.")
    @Argument(help: "The workbook.") var file: String
    @Option(help: "text, or jsonl: one JSON object per line, per cell with a value (empty-string cells left out) and per sheet not read as a grid (a chartsheet).") var format: String = "text"
    @Flag(help: "Per sheet: count of cells by type and the sum of all numbers.") var stats = false
    @Option(help: "Only this sheet.") var sheet: String?

    func run() throws {
        guard let f = Inspect.Format(rawValue: format) else { throw ValidationError("--format must be text or jsonl") }
        do {
            try Inspect.run(path: file, format: f, stats: stats, sheet: sheet) { print($0) }
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}

/// The worker side of `rbm run`: loads one file under resource limits and writes the outcome.
struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker", abstract: "Load one workbook for `rbm run` (internal).", shouldDisplay: false)
    @Argument var pipeline: String
    @Argument var file: String?
    @Option var result: String?
    @Flag(help: "Take file after file: JSON requests on standard input, replies on standard output.") var serve = false
    @Option var memoryBytes: UInt64 = 4 << 30
    @Option var cpuSeconds: UInt64 = 300
    @Flag(help: "Standard input is the parent's lifeline: exit when it closes.") var exitWithParent = false
    @Option(help: "The run's parsed settings, instead of parsing the pipeline file (with --serve).") var settings: String?

    func run() throws {
        if serve {
            // The same serving as a pooled worker's start (`RBM.main`), reached through the parser.
            try WorkerInvocation(pipelinePath: pipeline, memoryBytes: memoryBytes, cpuSeconds: cpuSeconds, settingsPath: settings).serve(trace: .fromEnvironment())
            return
        }
        guard let file, let result else { throw ValidationError("rbm worker needs FILE and --result, or --serve") }
        do {
            try WorkerProcess.serve(pipelinePath: pipeline, file: file, result: result, memoryBytes: memoryBytes, cpuSeconds: cpuSeconds,
                                    exitWithParent: exitWithParent)
        } catch let error as ResultNotWritten {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(WorkerProcess.resultNotWritten)
        }
    }
}

extension RunTrace {
    /// The trace `RBM_TRACE` names, if any (the library reads no environment: the command line does).
    static func fromEnvironment() -> RunTrace {
        RunTrace(path: ProcessInfo.processInfo.environment[environmentKey])
    }
}
