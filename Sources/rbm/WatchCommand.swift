import ArgumentParser
import Foundation
import Pipeline
import SystemIO

/// `rbm watch`: runs a batch whenever complete files have arrived in the inbox and it has been
/// quiet for a while; stops between batches on SIGINT or SIGTERM (issue 11).
struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch the inbox and run a batch when files arrive (inotify, or polling where it is not available).")

    @Argument(help: "The pipeline file (pipelines/*.yaml).") var pipeline: String
    @Option(help: "The inbox folder (default: the pipeline's).") var inbox: String?
    @Option(help: "The output folder (default: the pipeline's).") var out: String?
    @Option(help: "Seconds without any change in the inbox before a batch starts.") var quietPeriod: Double = 5
    @Option(help: "Seconds between two looks at the inbox when polling (and between retries of files still being written).") var interval: Double = 2
    @Flag(help: "Poll the inbox instead of using inotify (network shares).") var poll = false
    @Flag(help: "Run one batch if the inbox holds anything, then exit (for cron or a systemd timer).") var once = false
    @Flag(help: "Print a JSON summary of each batch and of the whole watch on standard output.") var json = false
    @Flag(help: "Parse workbooks in this process instead of worker processes.") var inProcess = false
    @Option(help: "Seconds a worker may spend on one file before it is stopped.") var timeout: Double = 300

    func run() throws {
        StopRequest.install()
        let progress = Terminal.isTerminal(2)
        func say(_ text: String) { if progress { FileHandle.standardError.write(Data("rbm watch: \(text)\n".utf8)) } }
        var worker: WorkerProcess?
        if !inProcess {
            worker = WorkerProcess(executable: ProcessControl.executablePath ?? CommandLine.arguments[0])
            worker?.timeout = timeout
        }
        var options = BatchRun.Options(pipelinePath: pipeline, inbox: inbox, output: out, keepInputs: false, worker: worker)
        options.trace = RunTrace.fromEnvironment()
        let folder = try Self.inboxFolder(options)
        let watch = poll ? nil : DirectoryWatch(folder: folder)
        say("watching \(folder) (\(watch == nil ? "polling every \(interval) s" : "inotify"))")
        var batches = 0, files = 0, findings = 0, worst: Int32 = 0
        var lastLeft: [String: Date]? = nil
        while !StopRequest.requested {
            let listing = Self.listing(folder)
            // New or changed entries since the last batch looked (what it left, it left for a reason).
            let changed = lastLeft.map { seen in listing.contains { seen[$0.key] != $0.value } } ?? true
            // At start-up, a batch a stopped run left in processing/ is worth a run even with an empty inbox.
            let unfinished = lastLeft == nil && !Self.listing(URL(fileURLWithPath: folder).deletingLastPathComponent().appendingPathComponent("processing").path).isEmpty
            if (!listing.isEmpty && changed) || unfinished {
                // Quiet period: no change for `quietPeriod` seconds.
                var snapshot = listing
                var quietSince = Date()
                while !StopRequest.requested && Date().timeIntervalSince(quietSince) < quietPeriod {
                    _ = wait(watch, min(interval, quietPeriod))
                    let now = Self.listing(folder)
                    if now != snapshot { snapshot = now; quietSince = Date() }
                }
                if StopRequest.requested { break }
                say("batch \(batches + 1): \(snapshot.count) file(s) in the inbox")
                let (status, report) = Self.batch(options)
                batches += 1
                worst = max(worst, status)
                if let report {
                    // Files this batch took from the inbox (not the earlier runs' current ones it carried).
                    let taken = report.manifest.inputs.filter { $0.fate != .current && $0.fate != .currentUnreadable }.count
                    files += taken
                    findings += report.findings.count
                    say("batch \(batches): \(taken) file(s) read, \(report.findings.count) finding(s)")
                    if json { Self.printJSON(["batch": batches, "files": taken, "findings": report.findings.count, "status": Int(status)]) }
                } else if json {
                    Self.printJSON(["batch": batches, "files": 0, "findings": 0, "status": Int(status)])
                }
                // What the batch saw: files that arrived while it ran count as new on the next look.
                lastLeft = snapshot
                if once { break }
                continue
            }
            if once { break }
            // Files still being written stay in the inbox: while one changed lately, look again after
            // `interval` even without an event (an editor's lock file left for good does not loop).
            if !wait(watch, interval), listing.values.contains(where: { Date().timeIntervalSince($0) < 120 }) { lastLeft = nil }
        }
        say(StopRequest.requested ? "stopped between batches" : "done")
        if json { Self.printJSON(["batches": batches, "files": files, "findings": findings, "stopped": StopRequest.requested]) }
        if worst == 2 { throw ExitCode(2) }
    }

    private func wait(_ watch: DirectoryWatch?, _ seconds: Double) -> Bool {
        if let watch {
            // Short slices, so a stop request is seen within half a second.
            var left = seconds
            while left > 0 && !StopRequest.requested {
                if watch.wait(seconds: min(0.5, left)) { return true }
                left -= 0.5
            }
            return false
        }
        var left = seconds
        while left > 0 && !StopRequest.requested {
            Thread.sleep(forTimeInterval: min(0.2, left))
            left -= 0.2
        }
        return false
    }

    /// The inbox folder the batch will read.
    static func inboxFolder(_ options: BatchRun.Options) throws -> String {
        if let inbox = options.inbox { return URL(fileURLWithPath: inbox).standardizedFileURL.path }
        let file = try PipelineFile.load(path: options.pipelinePath)
        if file.inbox.hasPrefix("/") { return file.inbox }
        let root = URL(fileURLWithPath: options.pipelinePath).deletingLastPathComponent().deletingLastPathComponent()
        return URL(fileURLWithPath: file.inbox, relativeTo: root).standardizedFileURL.path
    }

    /// Visible entries of the inbox with their modification times (hidden names are the run's own).
    static func listing(_ folder: String) -> [String: Date] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var out: [String: Date] = [:]
        for name in names where !name.hasPrefix(".") {
            let attributes = try? FileManager.default.attributesOfItem(atPath: folder + "/" + name)
            out[name] = (attributes?[.modificationDate] as? Date) ?? .distantPast
        }
        return out
    }

    /// One batch; its exit status as `rbm run --fail-on never` gives it (0, or 2 when the run failed).
    static func batch(_ options: BatchRun.Options) -> (Int32, BatchRun.Report?) {
        do {
            let report = try BatchRun(options: options).run()
            return (0, report)
        } catch let busy as DropFolderBusy {
            FileHandle.standardError.write(Data("rbm watch: \(busy)\n".utf8))
            return (0, nil)
        } catch {
            FileHandle.standardError.write(Data("rbm watch: \(error)\n".utf8))
            return (2, nil)
        }
    }

    static func printJSON(_ object: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}
