import Foundation
import Results

/// DAT-001: a key that repeats in one workbook (a warning when the rows are identical).
struct DuplicateRule: Rule {
    var emits: [RuleID] { [.dat001] }
    func apply(to run: inout RuleRun) { run.duplicateRules() }
}

extension RuleRun {
    /// DAT-001: duplicate rows or keys found while loading.
    mutating func duplicateRules() {
        for dup in model.duplicates {
            emit(Finding(
                id: Finding.ID(.dat001, .source(dup.workbook), .text(dup.key)), severity: dup.identical ? .warning : .error,
                bureau: dup.bureau, output: dup.output,
                message: .duplicateRow(key: dup.key, file: dup.keptCell.file, identical: dup.identical, keptRow: dup.keptCell.position.row,
                                       duplicateRow: dup.duplicateCell.position.row),
                expected: .term(.rows(1)), actual: .term(.rows(2)), sources: [Format.cell(dup.keptCell), Format.cell(dup.duplicateCell)]))
        }
    }
}
