import Foundation

/// A workbook that arrives after a newer version of its kind and bureau was made current (it
/// waited in the inbox beside an editor's lock file, or was simply sent late). It must not
/// replace the newer one: it is archived as superseded on arrival, and the current one stays.
enum LateArrival {
    /// The archived path (relative to `archive/`) of the current workbook of `slot` when `file` is an earlier version of it
    /// (`Resubmission`: a lower `_vN` on the same name, else an earlier modification time), else nil.
    static func newerCurrent(than file: URL, slot: SubmissionSlot, current: CurrentSubmissions, archive: URL) -> String? {
        guard let name = current.files[slot] else { return nil }
        let url = archive.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path),
              Resubmission.isEarlier(file, than: url, arrivedAs: Resubmission.arrivalName(ofArchived: url.lastPathComponent)) else { return nil }
        return name
    }
}
