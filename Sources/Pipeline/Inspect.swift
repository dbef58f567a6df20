import Foundation
import Reports
import XLSXReader

/// `rbm inspect`: what rbm's reader sees in a workbook.
public enum Inspect {
    public enum Format: String, CaseIterable, Sendable { case text, jsonl }

    /// Prints sheets and cells (`text`), one JSON object per line (`jsonl`), or per-sheet counts and
    /// number sums (`stats`).
    ///
    /// In `jsonl` every line parses as JSON: one object per cell with a value (`sheet`, `ref`,
    /// `type`, `value`), leaving out cells that hold the empty string (a spreadsheet shows them
    /// blank; the text view lists them) and formulas without a saved result; a sheet that is not
    /// a grid (a chartsheet, a dialog sheet) is one object `sheet`, `kind`, `note` instead.
    /// - Parameter sheet: only this sheet (its name, or ignoring case), when given.
    /// - Throws: ``XLSXError`` when the file cannot be read or has no such sheet.
    public static func run(path: String, format: Format, stats: Bool, sheet: String? = nil, print: (String) -> Void) throws {
        let book = try Workbook(path: path)
        var sheets = book.sheets
        if let sheet {
            guard let info = book.sheet(named: sheet) else {
                throw XLSXError(.invalidContent, file: book.fileName,
                                "no sheet named '\(sheet)'; its sheets: " + book.sheets.map { "'\($0.name)'" }.joined(separator: ", "))
            }
            sheets = [info]
        }
        for info in sheets {
            guard info.kind == .worksheet || info.kind == .macrosheet else {
                switch format {
                case .text: print("# \(info.name) (\(info.kind.rawValue), not read as a grid)")
                case .jsonl: print("{\"sheet\":\(JSON.string(info.name)),\"kind\":\(JSON.string(info.kind.rawValue)),\"note\":\"not read as a grid\"}")
                }
                continue
            }
            let cursor = try book.cursor(for: info)
            if stats {
                var counts: [String: Int] = [:]
                var sum = 0.0
                while let row = try cursor.nextRow() {
                    for cell in row.cells {
                        switch cell.value {
                        case .number(let d, _): counts["n", default: 0] += 1; sum += d
                        case .string: counts["s", default: 0] += 1
                        case .bool: counts["b", default: 0] += 1
                        case .date: counts["d", default: 0] += 1
                        case .error: counts["e", default: 0] += 1
                        case .uncalculated: break   // no value: other readers see a blank
                        }
                    }
                }
                let list = ["n", "s", "b", "d", "e"].map { "\($0)=\(counts[$0, default: 0])" }.joined(separator: " ")
                print("\(info.name): \(list) sum=\(sum)")
                continue
            }
            if format == .text { print("# \(info.name) [\(info.visibility.rawValue)]") }
            while let row = try cursor.nextRow() {
                for cell in row.cells {
                    if case .uncalculated = cell.value {
                        // No value to compare with other readers (they see a blank); the text view says so.
                        if format == .text { print("\(cell.reference)\t-\t(no saved result)\t=\(cell.formula ?? "")") }
                        continue
                    }
                    let (type, json): (String, String) = switch cell.value {
                    case .number(let d, let text): ("n", SheetCell.jsonNumber(d, text: text) ?? "null")
                    case .string(let s): ("s", JSON.string(s))
                    case .bool(let b): ("b", b ? "true" : "false")
                    case .date(_, let iso): ("d", JSON.string(iso))
                    case .error(let e): ("e", JSON.string(e))
                    case .uncalculated: ("", "null")
                    }
                    switch format {
                    case .jsonl:
                        if case .string("") = cell.value { continue }   // blank on screen: not a cell with a value
                        print("{\"sheet\":\(JSON.string(info.name)),\"ref\":\"\(cell.reference)\",\"type\":\"\(type)\",\"value\":\(json)}")
                    case .text:
                        print("\(cell.reference)\t\(type)\t\(cell.text)" + (cell.formula.map { "\t=\($0)" } ?? ""))
                    }
                }
            }
            guard format == .text else { continue }
            if let dimension = cursor.declaredDimension { print("dimension: \(dimension)") }
            if !cursor.mergedRanges.isEmpty {
                print("merged: " + cursor.mergedRanges.map(\.description).joined(separator: " "))
            }
            for table in try book.tables(in: info) {
                let header = table.headerRow.map { "header row \($0)" } ?? "no header row"
                let totals = table.totalsRowCount > 0 ? ", totals row" : ""
                print("table: \(table.name) \(table.range) (\(header)\(totals)): " + table.columns.map { JSON.string($0) }.joined(separator: ", "))
            }
        }
    }
}
