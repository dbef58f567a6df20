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

    /// A fresh temporary folder.
    public static func temporaryDirectory(_ label: String = "rbm") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
