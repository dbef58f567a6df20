import SystemIO
import Testing

@Suite struct ResourceLimitTests {
    @Test(arguments: ResourceLimit.Resource.allCases)
    func aLimitIsReadBack(resource: ResourceLimit.Resource) throws {
        let limit = try ResourceLimit.current(resource)
        #expect(limit.soft <= limit.hard)
    }

    /// Lowering only the soft limit of core files is harmless to the test process and can be undone.
    @Test func aSoftLimitIsSetAndRestored() throws {
        let before = try ResourceLimit.current(.coreFileSize)
        try ResourceLimit.set(.coreFileSize, soft: 0, hard: before.hard)
        let lowered = try ResourceLimit.current(.coreFileSize)
        #expect(lowered.soft == 0 && lowered.hard == before.hard)
        try ResourceLimit.set(.coreFileSize, soft: before.soft, hard: before.hard)
        let restored = try ResourceLimit.current(.coreFileSize)
        #expect(restored.soft == before.soft && restored.hard == before.hard)
    }

    @Test func aSoftLimitAboveTheHardOneIsRefused() throws {
        let error = try #require(throws: SystemCallError.self) { try ResourceLimit.set(.cpuTime, soft: 2, hard: 1) }
        #expect(error.call == "setrlimit" && error.path == "RLIMIT_CPU" && error.kind == .other)   // EINVAL, whoever asks
    }
}
