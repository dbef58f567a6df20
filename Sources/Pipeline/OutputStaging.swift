import Foundation

/// Writes a run's outputs as one set: every file goes first into a staging folder inside the
/// output folder (same file system), and only when all of them were written are they renamed over
/// the previous ones. A full disk or an I/O error while writing leaves the previous outputs as they
/// were, never a mix of old and new (`reliability.md` 9, E.49).
struct OutputStaging {
    let folder: URL
    let staging: URL
    let steps: DurableSteps

    init(outputFolder: URL, steps: DurableSteps = .uncounted) throws {
        folder = outputFolder
        self.steps = steps
        staging = outputFolder.appendingPathComponent(".staging-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Where to write the output `name` for now.
    func path(_ name: String) -> URL { staging.appendingPathComponent(name) }

    /// Renames every staged file over its published name (`rename(2)` replaces atomically), removes
    /// the published copies of `withdrawn` (outputs this run could not render: an older copy beside
    /// the new set would pass for this run's), then removes the staging folder.
    func publish(_ names: [String], withdrawing withdrawn: [String] = []) throws {
        for name in names {
            steps.step()
            if name.contains("/") {
                // `feedback/BR-operational-plan.xlsx`: the published folder may not exist yet.
                try FileManager.default.createDirectory(
                    at: folder.appendingPathComponent(name).deletingLastPathComponent(), withIntermediateDirectories: true)
            }
            try DurableFile.rename(path(name), over: folder.appendingPathComponent(name))
        }
        for name in withdrawn where FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        for subfolder in Set(names.filter { $0.contains("/") }.map { folder.appendingPathComponent($0).deletingLastPathComponent() }) {
            try DurableFile.flushFolder(subfolder)
        }
        try DurableFile.flushFolder(folder)
        discard()
    }

    /// Drops whatever was staged (after a failure, or once published).
    func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}
