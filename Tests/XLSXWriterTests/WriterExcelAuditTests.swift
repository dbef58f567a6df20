import Foundation
import Testing
import TestSupport
@testable import XLSXWriter

/// Every kind of workbook the writer makes, through the Open XML SDK's validation rules
/// (`openxml-audit`): the schema, the package and Excel's own app-compatibility checks.
@Suite(.enabled(if: OpenXMLAudit.executable != nil, "Excel validation skipped: no .venv/bin/openxml-audit (make test installs it)"))
struct WriterExcelAuditTests {
    @Test("each kind of workbook is predicted to open cleanly in Excel", arguments: WriterSampleWorkbooks.all)
    func opensCleanly(kind: WriterSampleWorkbooks.Kind) throws {
        let path = WriterTestSupport.temporaryPath("audit-\(kind.name).xlsx")
        try kind.write(path)
        let verdict = try #require(try OpenXMLAudit.audit(path))
        #expect(verdict.errors.isEmpty, "\(verdict)")
        if kind.name.contains("inline") {
            // Inline strings are legal; Excel only moves them to a shared-strings table when it
            // saves (the tool calls that a rewrite). Nothing else may be found.
            #expect(verdict.warnings.allSatisfy { $0.contains("inline-string cell") }, "\(verdict)")
        } else {
            #expect(verdict.prediction == "opens-clean" && verdict.warnings.isEmpty, "\(verdict)")
        }
    }
}
