import Foundation
import Results
import XLSXWriter

extension ConsolidatedWorkbook {
    /// The completeness matrix: every expected submission (kind, and bureau for operational plans)
    /// against what the drop folder holds for it — received this run, current from an earlier run
    /// (since when), late, or missing — with the files superseded or quarantined for it.
    func submissionsMatrix(_ writer: WorkbookWriter) throws {
        guard !expected.isEmpty else { return }
        let sheet = try self.sheet(writer, "Submissions", ["Expected", "State", "Late", "Since", "Workbook", "Superseded or quarantined"],
                                   widths: [10, 10, 6, 20, 44, 70])
        for e in expected {
            try sheet.writeRow([text(e.slot), text(e.state.rawValue, style: e.state == .missing ? Self.severityFill[.error] : nil),
                                text(e.late ? "late" : nil), text(e.since), text(e.file), text(e.notes.joined(separator: "\n"), style: Self.wrap)])
        }
    }
}
