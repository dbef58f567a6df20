internal import SystemPackage

/// The `errno` values `ErrorKind` tells apart, from swift-system's `Errno` (which spells them the
/// same on Linux and Darwin).
enum ErrorNumber {
    static let noSpace = Errno.noSpace.rawValue
    static let quotaExceeded = Errno.diskQuotaExceeded.rawValue
    static let readOnly = Errno.readOnlyFileSystem.rawValue
    static let accessDenied = Errno.permissionDenied.rawValue
    static let notPermitted = Errno.notPermitted.rawValue
    static let noEntry = Errno.noSuchFileOrDirectory.rawValue
    static let notADirectory = Errno.notDirectory.rawValue
    static let exists = Errno.fileExists.rawValue
    static let crossDevice = Errno.improperLink.rawValue
    static let wouldBlock = Errno.wouldBlock.rawValue
    static let tryAgain = Errno.resourceTemporarilyUnavailable.rawValue
    static let inputOutput = Errno.ioError.rawValue
}
