/// What a failed call's `errno` means: the machine's faults (a full disk, a read-only or forbidden
/// folder, an I/O error) told apart from a name taken, a lock held elsewhere or another file
/// system. `EnvironmentFault` uses it to name a cause in plain words.
public enum ErrorKind: Sendable, Equatable, CaseIterable {
    /// `ENOSPC`, `EDQUOT`: the disk (or the user's quota) is full.
    case noSpace
    /// `EROFS`.
    case readOnly
    /// `EACCES`, `EPERM`.
    case permissionDenied
    /// `ENOENT`, `ENOTDIR`.
    case notFound
    /// `EEXIST`.
    case alreadyExists
    /// `EXDEV`: a rename across file systems, which has to be a copy instead.
    case crossDevice
    /// `EWOULDBLOCK` (`EAGAIN`): a non-blocking lock another process holds.
    case wouldBlock
    /// `EIO`.
    case inputOutput
    /// Anything else.
    case other

    public init(errno code: Int32) {
        switch code {
        case ErrorNumber.noSpace, ErrorNumber.quotaExceeded: self = .noSpace
        case ErrorNumber.readOnly: self = .readOnly
        case ErrorNumber.accessDenied, ErrorNumber.notPermitted: self = .permissionDenied
        case ErrorNumber.noEntry, ErrorNumber.notADirectory: self = .notFound
        case ErrorNumber.exists: self = .alreadyExists
        case ErrorNumber.crossDevice: self = .crossDevice
        case ErrorNumber.wouldBlock, ErrorNumber.tryAgain: self = .wouldBlock
        case ErrorNumber.inputOutput: self = .inputOutput
        default: self = .other
        }
    }

    /// Whether the failure is the machine's (space, permissions, a read-only or failing disk)
    /// rather than something the caller can work around.
    public var isEnvironmental: Bool {
        switch self {
        case .noSpace, .readOnly, .permissionDenied, .inputOutput: true
        case .notFound, .alreadyExists, .crossDevice, .wouldBlock, .other: false
        }
    }

    /// The failure in the words rbm's error lines use when no `strerror` text is at hand (an error
    /// that carries a kind but no `errno`, such as a Foundation `CocoaError`).
    public var plainWords: String? {
        switch self {
        case .noSpace: "no space left on device (the disk is full)"
        case .permissionDenied: "permission denied"
        case .readOnly: "the file system is read-only"
        case .notFound: "no such file or folder"
        case .alreadyExists: "a file of that name is in the way"
        case .crossDevice, .wouldBlock, .inputOutput, .other: nil
        }
    }
}
