import Foundation
import Testing
import TestSupport

/// The order of durable steps in one run, as the kernel sees it (`strace`; `reliability.md` 6.4's
/// cheap check): every file is flushed before it is renamed into place, every rename is followed by
/// a flush of its folder, the manifest (the commit point) is in place before any input moves, and
/// each archived input is recorded in `current.json` before it moves. Skipped without strace.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"), "no /usr/bin/strace: the durable-write order is not checked"))
struct DurableWriteTests {
    enum Call: Equatable { case fsync(String), rename(String, String) }

    /// The `fsync` and `rename` calls of `rbm run` (the main thread, which does all the filing).
    static func trace(_ work: URL) throws -> [Call] {
        guard let rbm = WorkerProcessTests.rbm else { return [] }
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        for name in try FileManager.default.contentsOfDirectory(atPath: inbox.path) {
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-600)], ofItemAtPath: inbox.appendingPathComponent(name).path)
        }
        let log = work.appendingPathComponent("trace.txt")
        let result = try Subprocess.run("/usr/bin/strace", ["-y", "-e", "trace=fsync,rename,renameat,renameat2", "-o", log.path, rbm, "run",
                                        Fixtures.path("pipelines/itu-2022-2023.yaml"), "--inbox", inbox.path,
                                        "--out", work.appendingPathComponent("out").path, "--fail-on", "never", "--in-process"])
        #expect(result.status == 0, "\(result.errors)")
        let fsync = #/^fsync\(\d+<(.*)>\) = 0$/#
        let rename = #/^rename(?:at2?)?\((?:[^,]*, )?"(.*)", (?:[^,]*, )?"(.*)"(?:, \d+)?\) = 0$/#
        return try String(contentsOf: log, encoding: .utf8).split(separator: "\n").compactMap { line in
            if let m = line.wholeMatch(of: fsync) { return .fsync(String(m.1)) }
            if let m = line.wholeMatch(of: rename) { return .rename(String(m.1), String(m.2)) }
            return nil
        }
    }

    @Test func flushesRenamesAndTheCommitPointComeInOrder() throws {
        try #require(WorkerProcessTests.rbm != nil, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let work = Fixtures.temporaryDirectory("rbm-strace")
        defer { try? FileManager.default.removeItem(at: work) }
        let calls = try Self.trace(work)
        let inbox = work.appendingPathComponent("inbox").path + "/", out = work.appendingPathComponent("out").path + "/"
        let processing = work.appendingPathComponent("processing").path + "/"
        /// An input's rename (claimed from the inbox, or filed away from processing/): its bytes were never written by rbm.
        func isInput(_ path: String) -> Bool { path.hasPrefix(inbox) || (path.hasPrefix(processing) && !path.hasSuffix(".rbm-partial")) }
        let renames = calls.enumerated().compactMap { i, call -> (Int, String, String)? in
            if case .rename(let from, let to) = call { (i, from, to) } else { nil }
        }
        #expect(renames.count > 20)
        func flushed(_ path: String, before index: Int) -> Bool { calls[..<index].contains(.fsync(path)) }
        func flushedFolder(of path: String, after index: Int) -> Bool {
            calls[(index + 1)...].contains(.fsync((path as NSString).deletingLastPathComponent))
        }
        for (i, from, to) in renames where !to.contains("/.staging-") {
            // (Inside the staging folder names come and go; what counts is the publishing rename.)
            // The bytes are on disk before the name points at them (a moved input was never written).
            if !isInput(from) {
                let origin = renames.last { $0.0 < i && $0.2 == from }?.1   // a staged output: flushed under its staging name
                #expect(flushed(from, before: i) || origin.map { flushed($0, before: i) } == true, "\(from) → \(to) not flushed first")
            }
            #expect(flushedFolder(of: to, after: i), "the rename to \(to) is never flushed")
        }
        let manifest = try #require(renames.first { $0.2 == out + "manifest.json" }?.0)
        let firstMove = try #require(renames.first { isInput($0.1) && !$0.2.hasPrefix(processing) }?.0)
        // Every input was claimed into processing/ before anything was written.
        let lastClaim = try #require(renames.last { $0.1.hasPrefix(inbox) && $0.2.hasPrefix(processing) }?.0)
        #expect(lastClaim < manifest)
        #expect(manifest < firstMove, "an input moved before the manifest was in place")
        for (i, from, to) in renames where isInput(from) && to.contains("/archive/") {
            let recorded = renames.last { $0.0 < i && $0.2.hasSuffix("/archive/current.json") }
            #expect(recorded != nil, "\(from) moved before current.json named it")
        }
    }
}
