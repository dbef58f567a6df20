#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#else
#error("SystemIO is written for Glibc (Linux) and Darwin only")
#endif

/// An empty file whose being there is the message (a batch's `.read`), made with one `open(2)`,
/// not flushed. Foundation's `createFile` wrote a temporary, renamed it and looked its owner and
/// group up by name, on the run's one thread between reading and reconciling (issue 11).
public enum FileMark {
    /// Makes an empty file at `path`, or leaves the one there as it is.
    /// - Returns: whether the file is there.
    @discardableResult
    public static func make(at path: String) -> Bool {
        let descriptor = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        close(descriptor)
        return true
    }
}
