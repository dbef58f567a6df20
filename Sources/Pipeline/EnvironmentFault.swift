import Foundation
import SystemIO
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

    /// The cause of an I/O error in plain words: the `errno` text when there is one (from
    /// `SystemIO`, or inside a Foundation error), else the words for the kind of failure.
    static func cause(of error: any Error) -> String {
        if let fault = error as? EnvironmentFault { return fault.cause }
        if let error = error as? PipelineError { return error.message }
        if let error = error as? SystemCallError { return error.reason }
        if let code = errno(of: error) { return SystemCallError.reason(of: code) }
        if let words = kind(of: error)?.plainWords { return words }
        return "\(error)"
    }

    /// The `errno` a Foundation error carries, itself or as its underlying error.
    private static func errno(of error: any Error) -> Int32? {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
        if let posix = error as? POSIXError { return posix.code.rawValue }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? any Error {
            if let posix = underlying as? POSIXError { return posix.code.rawValue }
            let inner = underlying as NSError
            if inner.domain == NSPOSIXErrorDomain { return Int32(inner.code) }
        }
        return nil
    }

    /// The kind of failure a Foundation `CocoaError` without an `errno` stands for.
    private static func kind(of error: any Error) -> ErrorKind? {
        let ns = error as NSError
        guard ns.domain == NSCocoaErrorDomain else { return nil }
        switch CocoaError.Code(rawValue: ns.code) {
        case .fileWriteOutOfSpace: return .noSpace
        case .fileWriteNoPermission, .fileReadNoPermission: return .permissionDenied
        case .fileWriteVolumeReadOnly: return .readOnly
        case .fileNoSuchFile, .fileReadNoSuchFile: return .notFound
        case .fileWriteFileExists: return .alreadyExists
        default: return nil
        }
    }

    /// Whether `error` comes from the machine (I/O, space, permissions) rather than from the content
    /// being written: a content problem costs one output, an I/O one the whole run.
    static func isEnvironmental(_ error: any Error) -> Bool {
        switch error {
        case is EnvironmentFault, is PipelineError, is SystemCallError, is CocoaError, is POSIXError: return true
        case let error as WorkbookWriterError: return error.code == .archiveFailed
        default:
            let domain = (error as NSError).domain
            return domain == NSPOSIXErrorDomain || domain == NSCocoaErrorDomain
        }
    }
}
