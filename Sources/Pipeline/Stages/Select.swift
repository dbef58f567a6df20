import Foundation
import SystemIO
import Normalise
import Results

/// Which workbooks the run reconciles: every entry with its final fate, the merged model of the
/// kept ones (new arrivals and earlier runs' current workbooks), and the current set as recorded.
struct Selection {
    var inputs: [Intake]
    var model: ResultsModel
    /// `archive/current.json` as read (or recovered); file-away updates it.
    var current: CurrentSubmissions
    /// The newest modification time of the workbooks read (arrivals and current ones): the run's
    /// date in the outputs, so the same inputs give byte-identical files.
    var newestInput: Date?
}

extension BatchRun {
    /// Within the batch a later version supersedes an earlier one of the same kind and bureau; across
    /// runs the same rule holds (an arrival older than its slot's current workbook is superseded on
    /// arrival); every slot that sent nothing new keeps the workbook accepted in an earlier run.
    func select(_ arrivals: Arrivals, _ setup: RunSetup) throws -> Selection {
        var inputs = arrivals.inputs
        var model = ResultsModel()
        model.notes = arrivals.notes
        let loaded = arrivals.loaded
        // The current workbook of each kind and bureau, from earlier runs (recovered, loudly, if its
        // record is damaged: an archived file's name tells its kind and bureau).
        let loader = setup.loader
        let recorded = Self.currentSubmissions(setup)
        let current = recorded.current
        if let warning = recorded.warning { model.notes.append(warning) }
        if let apart = setup.inbox.fileSystemNote() { model.notes.append(apart) }

        var kept = Self.supersede(loaded.map(\.url), models: loaded.map(\.part), marking: &inputs)
        kept.removeAll { i in
            let (url, part) = loaded[i]
            guard let slot = SubmissionSlot(kind: part.submissions.first?.kind, bureau: part.submissions.first?.bureau),
                  let newer = LateArrival.newerCurrent(than: url, slot: slot, current: current, archive: setup.inbox.archive),
                  let index = inputs.firstIndex(where: { $0.file == url.lastPathComponent }) else { return false }
            let newerName = URL(fileURLWithPath: newer).lastPathComponent
            inputs[index].fate = .superseded
            inputs[index].reason = "superseded on arrival by archive/\(newer), the current \(slot) workbook since an earlier run (this one is an earlier version)"
            model.notes.append(Note(.earlierVersion, source: SourceRef(file: "inbox"),
                                    "'\(url.lastPathComponent)' is an earlier version than '\(newerName)', the current \(slot) workbook accepted in an earlier run; it was archived as superseded and '\(newerName)' stays current"))
            return true
        }
        var readFiles = loaded.map(\.url)
        var parts = kept.map { loaded[$0].part }
        let arrived = Set(parts.compactMap { SubmissionSlot(kind: $0.submissions.first?.kind, bureau: $0.submissions.first?.bureau) })
        for (slot, name) in current.files.sorted(by: { $0.key < $1.key }) where !arrived.contains(slot) {
            let url = setup.inbox.archive.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            var (entry, part) = try loadFile(url, as: .current, setup)
            if let part {
                entry.reason = "accepted in an earlier run (archive/\(name))"
                parts.append(part)
                readFiles.append(url)
            } else {
                entry.fate = .currentUnreadable
            }
            inputs.append(entry)
        }
        for part in parts { model.merge(part) }
        for input in inputs where input.fate.isMissed {
            let source = loader.source(forFile: input.file)
            model.missed.append(MissedWorkbook(file: input.file, reason: input.reason ?? "", kind: source?.kind,
                                               bureau: source.flatMap { loader.bureau(fromFileName: input.file, source: $0) }))
        }
        let newest = readFiles.compactMap { FileStatus.modifiedDate(ofEntry: $0.path) }.max()
        return Selection(inputs: inputs, model: model, current: current, newestInput: newest)
    }

    /// `archive/current.json` as recorded (or recovered, with its warning: an archived file's name
    /// tells its kind and bureau).
    static func currentSubmissions(_ setup: RunSetup) -> (current: CurrentSubmissions, warning: Note?) {
        let loader = setup.loader
        return CurrentSubmissions.load(from: setup.inbox.archive) { name in
            guard let source = loader.source(forFile: name) else { return nil }
            let bureau = loader.bureau(fromFileName: name, source: source)
            if source.kind == .operationalPlan, bureau == nil { return nil }
            return SubmissionSlot(source.kind, bureau)
        }
    }

    /// A resubmission supersedes the earlier workbook of the same kind and bureau (`Resubmission`:
    /// the higher `_vN`, else the later modified, else the later name); the superseded one is
    /// marked in `inputs` (archived but not reconciled). Returns the indexes of the workbooks kept.
    static func supersede(_ urls: [URL], models: [ResultsModel], marking inputs: inout [Intake]) -> [Int] {
        func mark(_ url: URL, by other: URL) {
            guard let i = inputs.firstIndex(where: { $0.file == url.lastPathComponent }) else { return }
            inputs[i].fate = .superseded
            inputs[i].reason = "superseded by \(other.lastPathComponent)"
        }
        var latest: [SubmissionSlot: Int] = [:]
        var unslotted: [Int] = []   // a workbook whose kind is not known competes with none
        for (i, model) in models.enumerated() {
            guard let slot = SubmissionSlot(kind: model.submissions.first?.kind, bureau: model.submissions.first?.bureau) else {
                unslotted.append(i)
                continue
            }
            guard let previous = latest[slot] else {
                latest[slot] = i
                continue
            }
            if Resubmission.isEarlier(urls[i], than: urls[previous]) {
                mark(urls[i], by: urls[previous])
            } else {
                mark(urls[previous], by: urls[i])
                latest[slot] = i
            }
        }
        return (Array(latest.values) + unslotted).sorted()
    }
}
