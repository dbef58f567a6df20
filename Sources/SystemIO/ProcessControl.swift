internal import SystemPackage

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#else
#error("SystemIO is written for Glibc (Linux) and Darwin only")
#endif

/// The few process operations Foundation's `Process` lacks: a signal to a pid, an exit that runs
/// nothing on the way out, and waiting for standard input to close (a worker's lifeline).
public enum ProcessControl {
    /// Sends `signal` to the process `pid`.
    /// - Throws: ``SystemCallError`` (`kill`; `ESRCH` when the process is gone).
    public static func send(_ signal: Signal, to pid: Int32) throws {
        guard kill(pid, signal.rawValue) == 0 else { throw SystemCallError.last("kill", "pid \(pid)") }
    }

    /// Ends the process at once with `status` (`_exit(2)`): no `atexit` handlers, no buffers
    /// flushed, as abrupt as a kill for everything but the status.
    public static func exitImmediately(_ status: Int32) -> Never {
        _exit(status)
    }

    /// Flushes the C library's buffered streams (standard output as `print` writes it), then ends
    /// the process at once with `status` (``exitImmediately(_:)``): no `atexit` handlers, no wait
    /// for other threads, but nothing said on standard output lost.
    public static func exitAfterFlushing(_ status: Int32) -> Never {
        fflush(nil)
        _exit(status)
    }

    /// Seconds of CPU this process has used so far, user and system (`getrusage(RUSAGE_SELF)`): a
    /// reused worker moves its CPU limit on by this much before each file.
    public static func cpuSecondsUsed() -> UInt64 {
        var usage = rusage()
        #if canImport(Glibc)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        return UInt64(max(0, usage.ru_utime.tv_sec + usage.ru_stime.tv_sec))
    }

    /// Microseconds on the system's monotonic clock: comparable between the processes of one boot
    /// (a run's trace, ``LineLog``).
    public static func monotonicMicroseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1_000
    }

    /// This process's id.
    public static var processID: Int32 { getpid() }

    /// Makes a write to a pipe whose reader is gone fail with `EPIPE` instead of killing this
    /// process with `SIGPIPE` (a run writes requests to workers that may have died).
    public static func ignoreBrokenPipes() {
        _ = signal(SIGPIPE, SIG_IGN)
    }

    /// Reads standard input until it ends (the other end of the pipe closed, or the process that
    /// held it died) and discards what it reads.
    public static func waitForEndOfStandardInput() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = (try? buffer.withUnsafeMutableBytes { try FileDescriptor.standardInput.read(into: $0) }) ?? 0
            if count <= 0 { return }
        }
    }
}
