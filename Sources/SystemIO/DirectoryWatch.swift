#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Tells when something changes in one folder: inotify on Linux (`IN_CREATE`, `IN_CLOSE_WRITE`,
/// `IN_MOVED_TO`, `IN_MODIFY`, `IN_ATTRIB`, `IN_DELETE`, `IN_MOVED_FROM`), nil elsewhere or when the
/// kernel refuses (a network share, no inotify instance left): the caller then polls.
public final class DirectoryWatch {
    private let descriptor: Int32

    public init?(folder: String) {
        #if canImport(Glibc)
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        let mask = UInt32(IN_CREATE | IN_CLOSE_WRITE | IN_MOVED_TO | IN_MODIFY | IN_ATTRIB | IN_DELETE | IN_MOVED_FROM)
        guard inotify_add_watch(fd, folder, mask) >= 0 else {
            close(fd)
            return nil
        }
        descriptor = fd
        #else
        return nil
        #endif
    }

    deinit { close(descriptor) }

    /// Waits up to `seconds` for a change; true when one came (the pending events are consumed).
    public func wait(seconds: Double) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&entry, 1, Int32(max(0, seconds * 1000)))
        guard ready > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var any = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            any = true
        }
        return any
    }
}

/// SIGINT and SIGTERM turned into a flag the caller checks between batches (the default action
/// would end a batch halfway through its durable steps).
public enum StopRequest {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    /// Installs the handlers; from then on the two signals only set the flag.
    public static func install() {
        signal(SIGINT) { _ in StopRequest.flag = 1 }
        signal(SIGTERM) { _ in StopRequest.flag = 1 }
        // A parent may have started this process with the two signals blocked (the mask is inherited).
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Whether SIGINT or SIGTERM has arrived since `install()`.
    public static var requested: Bool { flag != 0 }
}

/// Whether a file descriptor is a terminal (`isatty`): progress goes to a person only.
public enum Terminal {
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }
}
