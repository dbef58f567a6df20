import ArgumentParser
import Foundation
import History
import Pipeline

/// Where `rbm history` and `rbm diff` find `history.sqlite`: `--drop-folder`, else the pipeline
/// file's drop folder (its inbox's parent), else the current folder.
struct HistoryLocation: ParsableArguments {
    @Option(help: "The pipeline file (its drop folder, and only its runs) or a pipeline file name (only its runs).") var pipeline: String?
    @Option(help: "The folder holding archive/ and history.sqlite (default: the pipeline's, else the current folder).") var dropFolder: String?

    /// The history and the pipeline name to filter on.
    func open() throws -> (RunHistory, String?) {
        var folder = dropFolder.map { URL(fileURLWithPath: $0) }
        var name = pipeline
        if let pipeline, FileManager.default.fileExists(atPath: pipeline) {
            name = URL(fileURLWithPath: pipeline).lastPathComponent
            if folder == nil { folder = try HistoryReport.dropFolder(forPipeline: pipeline) }
        }
        let history = try HistoryReport.open(dropFolder: folder ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        return (history, name)
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List the committed runs of a drop folder (history.sqlite).")
    @OptionGroup var location: HistoryLocation

    func run() throws {
        do {
            let (history, pipeline) = try location.open()
            print(HistoryReport.list(try history.runs(pipeline: pipeline)))
        } catch {
            FileHandle.standardError.write(Data("rbm: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two committed runs: new, resolved, regressed and changed findings with their amounts.",
        discussion: "No run: the last two. One run: that run against the run it was compared with. Two runs: the first against the second.")
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Run ids (rbm history lists them).") var runs: [Int64] = []
    @OptionGroup var location: HistoryLocation
    @Option(help: "text or json.") var format: Format = .text

    func validate() throws {
        if runs.count > 2 { throw ValidationError("at most two runs") }
    }

    func run() throws {
        do {
            let (history, pipeline) = try location.open()
            let (from, to) = try HistoryReport.runs(runs, in: history, pipeline: pipeline)
            let comparison = try history.diff(from: from.id!, to: to.id!)
            print(format == .json ? try HistoryReport.json(comparison, from: from, to: to) : HistoryReport.text(comparison, from: from, to: to))
        } catch {
            FileHandle.standardError.write(Data("rbm: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
