import Foundation
import Glibc
import SystemIO
import Testing

@Suite struct ProcessControlTests {
    @Test func theExecutablePathIsAbsoluteAndExecutable() throws {
        let path = try #require(ProcessControl.executablePath)
        #expect(path.hasPrefix("/"))
        #expect(FileManager.default.isExecutableFile(atPath: path))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) == nil, "links are resolved")
    }

    @Test func aSignalReachesAChild() throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sleep")
        child.arguments = ["30"]
        try child.run()
        try ProcessControl.send(.kill, to: child.processIdentifier)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal)
        #expect(Signal(rawValue: child.terminationStatus) == .kill)
    }

    @Test func theSignalsHaveTheirLinuxNumbers() {
        #expect([Signal.kill, .cpuTimeExceeded, .illegalInstruction, .abort, .segmentationFault].map(\.rawValue) == [SIGKILL, SIGXCPU, SIGILL, SIGABRT, SIGSEGV])
        #expect("\(Signal.kill)" == "9")
    }
}
