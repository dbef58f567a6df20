import Foundation
import Glibc
import XLSXWriter

/// A failure of the machine, not of an input: a full disk, a folder rbm may not write, a
/// temporary folder it cannot use (`reliability.md` 1.3, `io-error`). It stops the batch before its
/// commit point, so no input is quarantined for it and none is moved (`rbm run` exits with 2), and
/// it says in one plain line which folder and why, instead of Foundation's
/// `NSCocoaErrorDomain Code=640`.
public struct EnvironmentFault: Error, CustomStringConvertible {
    /// The folder concerned.
    public var folder: String
    /// What rbm was doing: `write the outputs`, `file the inputs away`, ….
    public var action: String
    /// The cause in plain words (`no space left on device`).
    public var cause: String
    /// What became of the run (`nothing was moved; …`).
    public var consequence: String

    public init(folder: String, action: String, cause: String, consequence: String) {
        self.folder = folder
        self.action = action
        self.cause = cause
        self.consequence = consequence
    }

    init(folder: URL, action: String, error: any Error, consequence: String) {
        self.init(folder: folder.path, action: action, cause: Self.cause(of: error), consequence: consequence)
    }

    public var description: String { "\(folder): error: cannot \(action): \(cause); \(consequence)" }

    /// The cause of an I/O error in plain words: the `errno` text when there is one.
    static func cause(of error: any Error) -> String {
        if let fault = error as? EnvironmentFault { return fault.cause }
        if let error = error as? PipelineError { return error.message }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? any Error {
            if let posix = underlying as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
            let inner = underlying as NSError
            if inner.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(inner.code))) }
        }
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileWriteOutOfSpace: return "no space left on device (the disk is full)"
            case .fileWriteNoPermission, .fileReadNoPermission: return "permission denied"
            case .fileWriteVolumeReadOnly: return "the file system is read-only"
            case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
            case .fileWriteFileExists: return "a file of that name is in the way"
            default: break
            }
        }
        return "\(error)"
    }

    /// Whether `error` comes from the machine (I/O, space, permissions) rather than from the content
    /// being written: a content problem costs one output, an I/O one the whole run.
    static func isEnvironmental(_ error: any Error) -> Bool {
        switch error {
        case is EnvironmentFault, is PipelineError, is CocoaError, is POSIXError: return true
        case let error as WorkbookWriterError: return error.code == .archiveFailed
        default:
            let domain = (error as NSError).domain
            return domain == NSPOSIXErrorDomain || domain == NSCocoaErrorDomain
        }
    }
}
