import Foundation

extension BatchRun {
    /// Moves each archived, superseded or quarantined input out of the inbox, after the commit
    /// point. An archived workbook is recorded as current before it moves: a run stopped half-way
    /// leaves no archived workbook that the next run would not know as current. A `--keep-inputs`
    /// run moves nothing.
    func fileAway(_ selection: Selection, _ setup: RunSetup) throws {
        guard !options.keepInputs else { return }
        var current = selection.current
        let inbox = setup.inbox, steps = setup.steps
        do {
            for input in selection.inputs where input.fate.isFiledAway {
                let url = inbox.folder.appendingPathComponent(input.file)
                if input.fate == .quarantined {
                    _ = try inbox.quarantine(url, reason: input.reason ?? "refused", stderr: input.stderr)
                    continue
                }
                _ = try inbox.archive(url) { target in
                    guard input.fate == .archived else { return }
                    current.files[input.slot] = target.lastPathComponent
                    steps.step()
                    try current.save(to: inbox.archive)
                }
            }
            steps.step()
            try current.save(to: inbox.archive)
        } catch {
            throw EnvironmentFault(folder: inbox.folder.deletingLastPathComponent(), action: "file the inputs away into archive/ and quarantine/",
                                   error: error, consequence: "the outputs and manifest.json are written; the inputs not yet filed stay in the inbox and the next run takes them again")
        }
    }
}
