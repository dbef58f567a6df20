import Foundation
import SystemIO
import Results

/// Which of two workbooks of the same kind and bureau is the later version: two arriving in one
/// batch, or one arriving against the workbook an earlier run made current (the same rule across
/// runs as within one, so a late-arriving older version never replaces a newer one).
///
/// 1. Both names carry a version number on the same stem (`OP_BR_2022-2025_v9.xlsx`,
///    `…_v10.xlsx`): the higher version.
/// 2. Otherwise (`…_v2.xlsx` against `…_final.xlsx`): the one modified later, when their times
///    differ by more than two seconds (file shares keep times to two seconds).
/// 3. Otherwise: the one later in natural name order.
enum Resubmission {
    /// - Parameter nameB: the name to read `b`'s version from, when not its own (an archived file's
    ///   name as it arrived, before `archive/` added ` (2)` to keep it unique).
    static func isEarlier(_ a: URL, than b: URL, arrivedAs nameB: String? = nil) -> Bool {
        let nameA = a.lastPathComponent, nameB = nameB ?? b.lastPathComponent
        let (stemA, versionA) = version(of: nameA), (stemB, versionB) = version(of: nameB)
        if let versionA, let versionB, stemA == stemB, versionA != versionB { return versionA < versionB }
        if let timeA = modified(a), let timeB = modified(b), abs(timeA.timeIntervalSince(timeB)) > 2 { return timeA < timeB }
        return NaturalOrder.less(nameA, nameB)
    }

    nonisolated(unsafe) private static let uniqueSuffix = #/ \(\d+\)(?=(\.[^.]*)?$)/#

    /// An archived file's name as it arrived: without the ` (N)` that `archive/` adds to keep
    /// names unique (`OP_BR_v3 (2).xlsx` → `OP_BR_v3.xlsx`).
    static func arrivalName(ofArchived name: String) -> String {
        guard let match = name.firstMatch(of: uniqueSuffix) else { return name }
        var arrived = name
        arrived.removeSubrange(match.range)
        return arrived
    }

    nonisolated(unsafe) private static let versionToken = #/(?i)[ _\-.]v(?:ersion)?[ _]?(\d{1,4})(?=[ _\-.(])/#

    /// The name without its version token (lowercased), and the version number, if any.
    static func version(of name: String) -> (stem: String, version: Int?) {
        guard let match = name.firstMatch(of: versionToken) else { return (name.lowercased(), nil) }
        var stem = name
        stem.removeSubrange(match.range)
        return (stem.lowercased(), Int(match.output.1))
    }

    private static func modified(_ url: URL) -> Date? {
        FileStatus.modifiedDate(ofEntry: url.path)
    }
}
