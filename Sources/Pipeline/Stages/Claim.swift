import Foundation
import SystemIO

extension BatchRun {
    /// Start-up recovery, inside the drop folder's lock and before discovery: for each
    /// `processing/<B>/` a stopped run left, oldest first, either B committed (its filing plan,
    /// written right after its manifest, is there) and its moves are finished, or it did not and
    /// its files are returned, to be taken back into this run as inputs, each with the batches
    /// whose runs stopped while reading it (``ReadingAttempts``). A `--keep-inputs` run recovers
    /// nothing (it claims nothing either).
    func recover(_ setup: RunSetup) throws -> [TakenBack] {
        guard !options.keepInputs else { return [] }
        var takenBack: [TakenBack] = []
        var current: CurrentSubmissions?
        for folder in Inbox.batchFolders(in: setup.inbox.processing) {
            let planURL = folder.appendingPathComponent(FilingPlan.name)
            if FileManager.default.fileExists(atPath: planURL.path) {
                let plan: FilingPlan
                do { plan = try JSONDecoder().decode(FilingPlan.self, from: Data(contentsOf: planURL)) } catch {
                    throw EnvironmentFault(folder: folder, action: "read the filing plan of an earlier batch", error: error,
                                           consequence: "nothing is read, written or moved; its files stay in \(folder.path)")
                }
                var recorded = current ?? Self.currentSubmissions(setup).current
                try Self.finish(plan, in: folder, current: &recorded, setup.inbox)
                current = recorded
                continue
            }
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
            if names.isEmpty {
                // Stopped before its first claim, or after its last move (or the claim that took its
                // files back): its marks go with it.
                ReadingAttempts.removeMarks(in: folder)
                try? Self.removeEmptyFolder(folder)
            }
            let attempts = ReadingAttempts.afterStop(of: folder, names: names)
            takenBack += names.map { TakenBack(url: folder.appendingPathComponent($0), stops: attempts.stops(of: $0)) }
        }
        return takenBack
    }

    /// Claims the run's inputs by `rename(2)` into `processing/<batch>/`: first the files taken back
    /// from batches that never committed (they arrived before anything in the inbox now), then the
    /// inbox's ready files and the entries refused unopened. A name already taken there gets rbm's
    /// `name (2).xlsx`, so a newer file of the same name never replaces an older one. Returns the
    /// discovery with the claimed places, and the stops of the files taken back under their new
    /// names (written to the batch's `.attempts.json` before the stopped batches' folders go). A
    /// `--keep-inputs` run reads in place and claims nothing.
    func claim(_ discovery: Inbox.Discovery, takenBack: [TakenBack], _ setup: RunSetup) throws -> (Inbox.Discovery, ReadingAttempts) {
        guard !options.keepInputs, !(takenBack.isEmpty && discovery.ready.isEmpty && discovery.notFiles.isEmpty) else { return (discovery, ReadingAttempts()) }
        let inbox = setup.inbox, batch = setup.processing
        var claimed = discovery
        var attempts = ReadingAttempts()
        claimed.ready = []
        claimed.notFiles = []
        do {
            try FileManager.default.createDirectory(at: batch, withIntermediateDirectories: true)
            try DurableFile.flushFolder(inbox.processing)
            // Each folder a claim renames into or out of is flushed once, after the last claim
            // (`reliability.md` 6.1); nothing is read before.
            var flushes = FolderFlushes()
            for back in takenBack {
                let url = back.url
                // Judged again as discovery judges: only a regular file is ever opened.
                let type = (try? FileStatus(ofEntry: url.path))?.kind
                let target = try inbox.claim(url, into: batch, flushes: &flushes)
                if !back.stops.isEmpty { attempts.stops[target.lastPathComponent] = back.stops }
                if type == .regular {
                    claimed.ready.append(target)
                } else {
                    claimed.notFiles.append((target, "not a regular file; it was not opened"))
                }
            }
            if !takenBack.isEmpty {
                // The taken-back files' moves are on disk, and then their stops, before their emptied
                // folders go, and then those folders' removal.
                try flushes.flush()
                try attempts.save(in: batch, steps: inbox.steps)
                for folder in Set(takenBack.map { $0.url.deletingLastPathComponent() }) {
                    ReadingAttempts.removeMarks(in: folder)
                    try Self.removeEmptyFolder(folder)
                }
                try DurableFile.flushFolder(inbox.processing)
            }
            for url in discovery.ready { claimed.ready.append(try inbox.claim(url, into: batch, flushes: &flushes)) }
            for entry in discovery.notFiles { claimed.notFiles.append((try inbox.claim(entry.url, into: batch, flushes: &flushes), entry.reason)) }
            try flushes.flush()
        } catch {
            throw EnvironmentFault(folder: inbox.folder.deletingLastPathComponent(), action: "claim the inputs into processing/\(setup.batch)/",
                                   error: error, consequence: "nothing is written; the files claimed so far lie in processing/\(setup.batch)/ and the next run takes them back")
        }
        return (claimed, attempts)
    }
}

/// A file of a batch that did not commit, taken back into this run.
struct TakenBack {
    var url: URL
    /// The batches whose runs stopped while reading it, oldest first (``ReadingAttempts``).
    var stops: [String]
}
