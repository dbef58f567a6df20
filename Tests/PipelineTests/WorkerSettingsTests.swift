import Foundation
import Testing
import TestSupport
@testable import Pipeline

/// A pooled worker takes the run's parsed settings instead of parsing the pipeline file (issue
/// 11): what it reads back loads every workbook as the pipeline file's own settings do.
@Suite struct WorkerSettingsTests {
    @Test func theSettingsComeBackAndLoadAWorkbookAsThePipelineFileDoes() throws {
        let pipeline = try PipelineFile.load(path: Fixtures.path("pipelines/itu-2022-2023.yaml"))
        let settings = WorkerSettings(pipeline.workbookLoader)
        let url = Fixtures.scratch.appendingPathComponent("worker-settings-\(UUID().uuidString).rbmt")
        defer { try? FileManager.default.removeItem(at: url) }
        try settings.write(to: url)
        let read = try WorkerSettings.read(path: url.path)
        #expect(read == settings)
        let loader = read.loader()
        #expect(WorkerSettings(loader) == settings)
        for path in TransferFormatTests.workbooks {
            guard case .loaded(let expected) = try TransferFormatTests.loadInProcess(path),
                  case .loaded(let model) = FileLoad.perform(path: path, loader: loader, pipelineName: "itu-2022-2023.yaml") else {
                Issue.record("\(path) did not load")
                continue
            }
            #expect(try TransferFormatTests.canonical(model) == TransferFormatTests.canonical(expected), "\(path)")
        }
    }
}
