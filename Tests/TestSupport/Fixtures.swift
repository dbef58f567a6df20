import Foundation

/// Locates the project's folders from a test file, and `../shared` beside the project.
public enum Fixtures {
    /// The package root (the folder holding `Package.swift`).
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// `../shared` beside the project, when present (CI has it; a bare clone may not).
    public static var shared: URL? {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// `../shared/xlsx-corpus`, the reader's conformance corpus, when present.
    public static var corpus: URL? {
        guard let url = shared?.appendingPathComponent("xlsx-corpus"),
              FileManager.default.fileExists(atPath: url.appendingPathComponent("README.md").path) else { return nil }
        return url
    }

    /// The project's Python (the Makefile's virtual environment), when present.
    public static var python: String? {
        let p = path(".venv/bin/python")
        return FileManager.default.isExecutableFile(atPath: p) ? p : nil
    }

    /// A fresh temporary folder, inside `scratch`.
    public static func temporaryDirectory(_ label: String = "rbm") -> URL {
        let url = scratch.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The one folder a test process makes its temporary folders and files in,
    /// `$TMPDIR/rbm-tests-<pid>`, removed when the process exits. A test run that was killed
    /// leaves its folder; the next test process removes those whose process is gone. (Before,
    /// every `make test` left about eighty folders in `$TMPDIR` for good, and `rbm run` lists
    /// `$TMPDIR` at its start to sweep its own dead runs' scratch.)
    public static let scratch: URL = {
        let files = FileManager.default
        let base = files.temporaryDirectory
        for name in (try? files.contentsOfDirectory(atPath: base.path)) ?? [] where name.hasPrefix(scratchPrefix) {
            guard let pid = Int32(name.dropFirst(scratchPrefix.count)), pid != getpid(), !isAlive(pid) else { continue }
            try? files.removeItem(at: base.appendingPathComponent(name))
        }
        let url = base.appendingPathComponent("\(scratchPrefix)\(getpid())")
        try? files.removeItem(at: url)    // a reused process id's leftovers
        try? files.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Fixtures.scratch) }
        return url
    }()

    private static let scratchPrefix = "rbm-tests-"

    private static func isAlive(_ pid: Int32) -> Bool { kill(pid, 0) == 0 || errno != ESRCH }

    /// Copies a file or folder as `cp -rp` does: the copies keep the originals' modification times,
    /// so a drop folder sees settled files (a fresh copy would wait out the stability rule's five
    /// seconds, which only the tests of that rule should spend).
    public static func copyPreservingTimes(atPath source: String, toPath destination: String) throws {
        try FileManager.default.copyItem(atPath: source, toPath: destination)
        var isFolder: ObjCBool = false
        FileManager.default.fileExists(atPath: source, isDirectory: &isFolder)
        let names = isFolder.boolValue ? (FileManager.default.enumerator(atPath: source)?.allObjects as? [String] ?? []) : [""]
        for name in names {
            let from = name.isEmpty ? source : (source as NSString).appendingPathComponent(name)
            let to = name.isEmpty ? destination : (destination as NSString).appendingPathComponent(name)
            guard let date = try FileManager.default.attributesOfItem(atPath: from)[.modificationDate] else { continue }
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: to)
        }
    }

    public static func copyPreservingTimes(at source: URL, to destination: URL) throws {
        try copyPreservingTimes(atPath: source.path, toPath: destination.path)
    }
}
