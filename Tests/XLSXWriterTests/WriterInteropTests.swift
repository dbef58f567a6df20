import Foundation
import TestSupport
import Testing

@testable import XLSXWriter

/// Opens one workbook of each kind the writer makes in LibreOffice, as a user would: converting it
/// to PDF and to CSV must succeed, and the CSV must hold the values written.
///
/// Runs only with `RBM_INTEROP=1` and `soffice` on the path (`make interop` sets both up); the
/// workbooks and conversions stay in `$RBM_INTEROP_DIR` when it is set.
@Suite(
    .enabled(if: WriterInterop.isEnabled, "interop check skipped: set RBM_INTEROP=1 and install soffice"),
    .serialized)
struct WriterInteropTests {
    @Test(arguments: WriterSampleWorkbooks.all)
    func libreOfficeOpensEveryKindOfWorkbook(kind: WriterSampleWorkbooks.Kind) throws {
        let folder = WriterInterop.folder.appendingPathComponent(kind.name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("\(kind.name).xlsx").path
        try kind.write(path)

        for format in ["pdf", "csv"] {
            let result = try WriterInterop.soffice(["--convert-to", format, "--outdir", folder.path, path])
            let output = folder.appendingPathComponent("\(kind.name).\(format)")
            #expect(result.status == 0, "soffice --convert-to \(format) failed: \(result.output)")
            let size = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
            #expect(size > 0, "no \(format) written for \(kind.name): \(result.output)")
        }
        let csv = (try? String(contentsOf: folder.appendingPathComponent("\(kind.name).csv"), encoding: .utf8)) ?? ""
        let lines = Set(csv.split(whereSeparator: \.isNewline).map(String.init))
        for line in kind.expectedCSVLines {
            #expect(lines.contains(line), "\(kind.name).csv lacks '\(line)':\n\(csv)")
        }
    }
}

/// The writer's interop checks run LibreOffice through `TestSupport`.
typealias WriterInterop = LibreOffice
