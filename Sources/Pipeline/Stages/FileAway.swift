import Foundation
import SystemIO
import Results

/// `processing/<batch>/.filing.json`: what becomes of each claimed file of a committed batch.
/// Written right after the manifest; its presence tells a later run that the batch committed, so
/// that run finishes the moves instead of reading the files again (docs/manifest.md).
struct FilingPlan: Codable {
    struct Entry: Codable {
        /// The file's name in `processing/<batch>/`.
        var file: String
        /// `archived`, `superseded` or `quarantined` in the file.
        var fate: Fate
        /// For an accepted file: the slot it becomes current in (`OP/BR` in the file).
        var slot: SubmissionSlot?
        var reason: String?
        var stderr: String?
    }

    var batch: String
    var entries: [Entry]

    static let name = ".filing.json"
}

extension BatchRun {
    static func filingPlan(_ selection: Selection, _ setup: RunSetup) -> FilingPlan {
        FilingPlan(batch: setup.batch, entries: selection.inputs.filter(\.fate.isFiledAway).map { input in
            FilingPlan.Entry(file: input.file, fate: input.fate, slot: input.fate == .archived ? input.slot : nil,
                             reason: input.reason, stderr: input.stderr)
        })
    }

    /// Writes the filing plan of the run's batch into `processing/<batch>/` (after the manifest).
    func writeFilingPlan(_ selection: Selection, _ setup: RunSetup) throws {
        guard !options.keepInputs, FileManager.default.fileExists(atPath: setup.processing.path) else { return }
        let plan = Self.filingPlan(selection, setup)
        do {
            setup.steps.step()
            try DurableFile.write(JSONEncoder().encode(plan), to: setup.processing.appendingPathComponent(FilingPlan.name))
        } catch {
            throw EnvironmentFault(folder: setup.inbox.folder.deletingLastPathComponent(),
                                   action: "file the inputs away into archive/\(setup.batch)/ and quarantine/\(setup.batch)/ (its plan in processing/\(setup.batch)/)", error: error,
                                   consequence: "the outputs and manifest.json are written; the inputs stay in processing/\(setup.batch)/ and the next run reads them again")
        }
    }

    /// Moves each archived, superseded or quarantined input from `processing/<batch>/` to
    /// `archive/<batch>/` or `quarantine/<batch>/`, after the commit point, then removes the batch's
    /// folder. A `--keep-inputs` run moves nothing.
    func fileAway(_ selection: Selection, _ setup: RunSetup) throws {
        guard !options.keepInputs else { return }
        var current = selection.current
        guard FileManager.default.fileExists(atPath: setup.processing.path) else {
            // Nothing claimed: the current set is still written afresh (a recovered one, say).
            do {
                setup.steps.step()
                try current.save(to: setup.inbox.archive)
            } catch {
                throw EnvironmentFault(folder: setup.inbox.archive, action: "write archive/current.json", error: error,
                                       consequence: "the outputs and manifest.json are written; no input was claimed")
            }
            return
        }
        let plan = Self.filingPlan(selection, setup)
        try Self.finish(plan, in: setup.processing, current: &current, setup.inbox)
    }

    /// Files each entry of `plan` still in `folder` (`processing/<batch>/`) away, then removes the
    /// plan and the folder. The archived workbooks that become current are recorded so (by their
    /// paths relative to `archive/`), in one write of `current.json`, before any of them moves: a
    /// run stopped half-way leaves no archived workbook that the next run would not know as
    /// current. The moves' folders are flushed once each, after the last move and before the plan
    /// is removed. Entries already moved are skipped, so this may run again.
    static func finish(_ plan: FilingPlan, in folder: URL, current: inout CurrentSubmissions, _ inbox: Inbox) throws {
        let steps = inbox.steps, batch = plan.batch
        do {
            // Each file's place first, then the current set with every accepted one, on disk before
            // any of them moves; then the moves, and each folder they touched flushed once
            // (`reliability.md` 6.1), before the plan goes.
            var taken = Set<String>()
            var places: [(entry: FilingPlan.Entry, file: URL, target: URL)] = []
            for entry in plan.entries {
                let url = folder.appendingPathComponent(entry.file)
                guard FileStatus.exists(url.path) else { continue }   // filed already
                let target = entry.fate == .quarantined
                    ? try inbox.quarantineTarget(url, batch: batch, taken: &taken) : try inbox.archiveTarget(url, batch: batch, taken: &taken)
                if entry.fate != .quarantined, let slot = entry.slot {
                    current.files[slot] = batch + "/" + target.lastPathComponent
                }
                places.append((entry, url, target))
            }
            steps.step()
            try current.save(to: inbox.archive)
            var flushes = FolderFlushes()
            for (entry, url, target) in places {
                if entry.fate == .quarantined {
                    try inbox.quarantine(url, to: target, reason: entry.reason ?? "refused", stderr: entry.stderr, flushes: &flushes)
                } else {
                    try inbox.archive(url, to: target, flushes: &flushes)
                }
            }
            try flushes.flush()
            // The reading attempts' marks, then the plan last: a folder left without it (and without
            // files) is only removed by the next run.
            ReadingAttempts.removeMarks(in: folder)
            let planURL = folder.appendingPathComponent(FilingPlan.name)
            if FileManager.default.fileExists(atPath: planURL.path) { try FileManager.default.removeItem(at: planURL) }
            steps.step()
            try Self.removeEmptyFolder(folder)
            try DurableFile.flushFolder(inbox.processing)
        } catch {
            throw EnvironmentFault(folder: inbox.folder.deletingLastPathComponent(), action: "file the inputs away into archive/\(batch)/ and quarantine/\(batch)/",
                                   error: error, consequence: "the outputs and manifest.json are written; the inputs not yet filed stay in processing/\(batch)/ and the next run files them away")
        }
    }

    /// `rmdir(2)`: removes `folder` only when it is empty, so a file nobody planned for is never lost.
    static func removeEmptyFolder(_ folder: URL) throws {
        guard rmdir(folder.path) == 0 || errno == ENOENT else {
            throw PipelineError(file: folder.path, "cannot remove the batch folder: \(String(cString: strerror(errno)))")
        }
    }
}
