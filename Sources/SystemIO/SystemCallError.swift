internal import SystemPackage

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#else
#error("SystemIO is written for Glibc (Linux) and Darwin only")
#endif

/// A system call that failed: which call, on which path, and the `errno` it left.
///
/// The one error `SystemIO` throws. `reason` is the C library's own text (`No space left on
/// device`), which is what rbm's error lines have always shown; `kind` says what the failure means
/// (a full disk, a lock held elsewhere, another file system).
public struct SystemCallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The call by its C name: `open`, `fsync`, `rename`, `flock`, `opendir`, `setrlimit`, `kill`.
    public var call: String
    /// The path the call was given (for `rename`, the target), or what it acted on.
    public var path: String
    /// The `errno` value.
    public var code: Int32

    public init(call: String, path: String, code: Int32) {
        self.call = call
        self.path = path
        self.code = code
    }

    /// What the failure means for the caller.
    public var kind: ErrorKind { ErrorKind(errno: code) }

    /// The C library's text for `code`, as `strerror(3)` gives it.
    public var reason: String { Self.reason(of: code) }

    public var description: String { "\(path): \(call): \(reason)" }

    /// `strerror(3)` of an `errno` value, for errors that arrive from elsewhere (Foundation's
    /// `NSPOSIXErrorDomain`, `POSIXError`) carrying only the number.
    public static func reason(of code: Int32) -> String { Errno(rawValue: code).description }

    /// The calling thread's `errno` now.
    public static var currentErrno: Int32 { errno }

    /// The error of `call` on `path`, from the `errno` it just left.
    static func last(_ call: String, _ path: String) -> SystemCallError {
        SystemCallError(call: call, path: path, code: errno)
    }

    /// Runs a swift-system call, turning its `Errno` into a `SystemCallError` that names the call.
    static func wrapping<T>(_ call: String, _ path: FilePath, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as Errno {
            throw SystemCallError(call: call, path: path.description, code: error.rawValue)
        }
    }
}
