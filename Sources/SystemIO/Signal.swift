#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#else
#error("SystemIO is written for Glibc (Linux) and Darwin only")
#endif

/// A POSIX signal number, named: the ones rbm sends to a worker or reads in a worker's death.
public struct Signal: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `SIGKILL`: cannot be caught; also what the kernel sends at a hard `RLIMIT_CPU`.
    public static let kill = Signal(rawValue: SIGKILL)
    /// `SIGXCPU`: the soft `RLIMIT_CPU` was reached.
    public static let cpuTimeExceeded = Signal(rawValue: SIGXCPU)
    /// `SIGILL`: a Swift runtime trap on x86_64.
    public static let illegalInstruction = Signal(rawValue: SIGILL)
    /// `SIGABRT`: an abort, such as an allocation failure under `RLIMIT_AS`.
    public static let abort = Signal(rawValue: SIGABRT)
    /// `SIGSEGV`.
    public static let segmentationFault = Signal(rawValue: SIGSEGV)

    public var description: String { String(rawValue) }
}
