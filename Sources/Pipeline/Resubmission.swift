import Foundation
import Results

/// Which of two workbooks of the same kind and bureau, arriving in one batch, is the later version.
///
/// 1. Both names carry a version number on the same stem (`OP_BR_2022-2025_v9.xlsx`,
///    `…_v10.xlsx`): the higher version.
/// 2. Otherwise (`…_v2.xlsx` against `…_final.xlsx`): the one modified later, when their times
///    differ by more than two seconds (file shares keep times to two seconds).
/// 3. Otherwise: the one later in natural name order.
enum Resubmission {
    static func isEarlier(_ a: URL, than b: URL) -> Bool {
        let (stemA, versionA) = version(of: a.lastPathComponent), (stemB, versionB) = version(of: b.lastPathComponent)
        if let versionA, let versionB, stemA == stemB, versionA != versionB { return versionA < versionB }
        if let timeA = modified(a), let timeB = modified(b), abs(timeA.timeIntervalSince(timeB)) > 2 { return timeA < timeB }
        return NaturalOrder.less(a.lastPathComponent, b.lastPathComponent)
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
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
    }
}
