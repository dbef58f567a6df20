import Foundation
import Results

/// One input as the stages see it: what was read, what it is, and what becomes of it. The
/// manifest records it (`Manifest.InputFile`) once the run commits; file-away works from this.
struct Intake {
    /// The file's name as it lies in `processing/<batch>/` (the inbox in a `--keep-inputs` run), or
    /// in `archive/<batch>/` for a current workbook.
    var file: String
    var sha256: String
    var size: Int
    var kind: WorkbookKind?
    var bureau: Bureau?
    var fate: Fate
    /// Why it was quarantined or superseded, or where the current workbook was accepted.
    var reason: String?
    var sheets: [SheetAccount] = []
    /// What its worker wrote on standard error before it crashed or was stopped (the last
    /// ``WorkerProcess/keptErrorBytes``): kept beside the quarantined file as `<file>.stderr.txt`.
    var stderr: String?
    /// Where it was read: `processing/<batch>/` for an arrival (the inbox for a `--keep-inputs`
    /// run), `archive/<batch>/` (or `archive/`, before batch folders) for a current workbook.
    var source: URL?

    /// The slot it fills (`OP/BR`, `FP`); nil when its kind is not known.
    var slot: SubmissionSlot? { SubmissionSlot(kind: kind, bureau: bureau) }

    /// Its line in the manifest; `keepInputs`: the run moves nothing, so a file its fate would
    /// file away is marked as kept in the inbox.
    func record(keepInputs: Bool) -> Manifest.InputFile {
        Manifest.InputFile(file: file, sha256: sha256, size: size, kind: kind, bureau: bureau, fate: fate, reason: reason, sheets: sheets,
                           keptInInbox: keepInputs && fate.isFiledAway ? true : nil,
                           stderr: stderr == nil ? nil : Inbox.stderrName(of: file))
    }
}
