import Foundation
import SystemIO

extension FileStatus {
    /// The last modification as a `Date` (SystemIO keeps to the system's types, without Foundation).
    var modifiedDate: Date { Date(timeIntervalSince1970: modifiedSince1970) }

    /// The last modification of the entry at `path`; nil when there is none there.
    static func modifiedDate(ofEntry path: String) -> Date? {
        (try? FileStatus(ofEntry: path))?.modifiedDate
    }
}
