#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#else
#error("SystemIO is written for Glibc (Linux) and Darwin only")
#endif

/// The process's own resource limits (`setrlimit(2)`): a worker sets them on itself before it
/// reads an untrusted file, so a runaway allocation or loop ends that worker only
/// (`reliability.md` 1.1). Limits are inherited by children and can only be lowered for good
/// (the hard limit) by an unprivileged process.
public enum ResourceLimit {
    public enum Resource: Sendable, CaseIterable {
        /// `RLIMIT_AS`: bytes of address space; an allocation beyond it fails.
        case addressSpace
        /// `RLIMIT_CPU`: seconds of CPU; `SIGXCPU` at the soft limit, `SIGKILL` at the hard one.
        case cpuTime
        /// `RLIMIT_CORE`: bytes of a core file; 0 writes none.
        case coreFileSize
    }

    /// The soft and hard limits of `resource` (`UInt64.max` for none).
    /// - Throws: ``SystemCallError`` (`getrlimit`).
    public static func current(_ resource: Resource) throws -> (soft: UInt64, hard: UInt64) {
        var limit = rlimit()
        guard getrlimit(resource.code, &limit) == 0 else { throw SystemCallError.last("getrlimit", resource.name) }
        return (UInt64(limit.rlim_cur), UInt64(limit.rlim_max))
    }

    /// Sets the soft and hard limits of `resource`.
    /// - Throws: ``SystemCallError`` (`setrlimit`), for instance when `hard` is above the current
    ///   hard limit of an unprivileged process.
    public static func set(_ resource: Resource, soft: UInt64, hard: UInt64) throws {
        var limit = rlimit(rlim_cur: rlim_t(soft), rlim_max: rlim_t(hard))
        guard setrlimit(resource.code, &limit) == 0 else { throw SystemCallError.last("setrlimit", resource.name) }
    }
}

extension ResourceLimit.Resource {
    var name: String {
        switch self {
        case .addressSpace: "RLIMIT_AS"
        case .cpuTime: "RLIMIT_CPU"
        case .coreFileSize: "RLIMIT_CORE"
        }
    }

    #if canImport(Glibc)
    var code: __rlimit_resource_t {
        switch self {
        case .addressSpace: __rlimit_resource_t(RLIMIT_AS.rawValue)
        case .cpuTime: __rlimit_resource_t(RLIMIT_CPU.rawValue)
        case .coreFileSize: __rlimit_resource_t(RLIMIT_CORE.rawValue)
        }
    }
    #else
    var code: Int32 {
        switch self {
        case .addressSpace: RLIMIT_AS
        case .cpuTime: RLIMIT_CPU
        case .coreFileSize: RLIMIT_CORE
        }
    }
    #endif
}
