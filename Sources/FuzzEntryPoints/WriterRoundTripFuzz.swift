import Foundation
import XLSXCore
import XLSXReader
import XLSXWriter

/// Random cells, styles and sheet names → the writer → the reader → the same values.
/// Inputs the writer refuses (an invalid sheet name, say) are answers, not failures.
enum WriterRoundTripFuzz {
    static let numberFormats: [String?] = [nil, "0.00", "#,##0", "0%", "@", "#,##0.00 \"CHF\""]
    static let colours: [String?] = [nil, "FFFF0000", "FF00FF00", "FFFFFFFF"]

    static func run(_ bytes: [UInt8]) throws {
        var input = ByteStream(bytes)
        let options = WorkbookOptions(stringStorage: input.byte() & 1 == 0 ? .shared : .inline, compressionLevel: Int(input.byte() % 10))
        let path = Scratch.path + ".roundtrip.xlsx"
        defer { Scratch.remove(path) }
        var expected: [(name: String, rows: [[CellValue]])] = []
        do {
            let writer = try WorkbookWriter(path: path, options: options)
            let sheetCount = input.int(1...3)
            for index in 0..<sheetCount {
                var name = input.string(max: 40)
                let sheet: SheetWriter
                do { sheet = try writer.addSheet(name) } catch {
                    name = "Sheet\(index + 1)"
                    guard let fallback = try? writer.addSheet(name) else { continue }
                    sheet = fallback
                }
                var rows: [[CellValue]] = []
                for _ in 0..<input.int(0...12) {
                    var cells: [Cell] = []
                    var values: [CellValue] = []
                    for _ in 0..<input.int(0...8) {
                        let value = randomValue(&input)
                        let style = randomStyle(&input, for: value)
                        cells.append(Cell(value, style: style))
                        values.append(value)
                    }
                    // A refused value (text too long, say) is the writer's answer: nothing to compare.
                    do { try sheet.writeRow(cells) } catch { return }
                    rows.append(values)
                }
                expected.append((name, rows))
            }
            try writer.close()
        } catch { return }
        try compare(path: path, expected: expected)
    }

    static func randomValue(_ input: inout ByteStream) -> CellValue {
        switch input.byte() % 6 {
        case 0: return .empty
        case 1: return .string(input.string(max: 60))
        case 2:
            let d = input.double()
            return .number(d.isFinite ? d : Double(input.int(-100_000...100_000)) / 100)
        case 3: return .bool(input.byte() & 1 == 1)
        case 4: return .date(year: input.int(1900...9999), month: input.int(1...12), day: input.int(1...28))
        default:
            var text = input.byte() & 1 == 1 ? "-" : ""
            text += String(input.int(0...99_999_999))
            if input.byte() & 1 == 1 { text += "." + String(input.int(0...9_999)) }
            return .decimal(text)
        }
    }

    static func randomStyle(_ input: inout ByteStream, for value: CellValue) -> CellStyle? {
        let choice = input.byte()
        guard choice & 1 == 1 else { return nil }
        var format = numberFormats[Int(choice >> 1) % numberFormats.count]
        if case .date = value { format = nil }
        return CellStyle(bold: choice & 0x10 != 0, italic: choice & 0x20 != 0,
                         fontColor: colours[Int(input.byte()) % colours.count], fillColor: colours[Int(input.byte()) % colours.count],
                         numberFormat: format, wrapText: choice & 0x40 != 0, border: choice & 0x80 != 0 ? .thin : .none)
    }

    static func compare(path: String, expected: [(name: String, rows: [[CellValue]])]) throws {
        let book = try Workbook(path: path)
        try check(book.sheets.map(\.name) == expected.map(\.name), "sheet names \(book.sheets.map(\.name)), written \(expected.map(\.name))")
        for (info, sheet) in zip(book.sheets, expected) {
            let cursor = try book.cursor(for: info)
            var read: [Int: SheetRow] = [:]
            while let row = try cursor.nextRow() { read[row.number] = row }
            for (r, values) in sheet.rows.enumerated() {
                for (c, value) in values.enumerated() {
                    let cell = read[r + 1]?[c + 1]
                    let at = "\(info.name)!\(CellReference(row: r + 1, column: c + 1))"
                    try check(matches(value, cell?.value), "\(at): wrote \(value), read \(String(describing: cell?.value))")
                }
            }
            let written = Set(sheet.rows.enumerated().flatMap { r, values in
                values.enumerated().compactMap { c, v in v == .empty ? nil : CellReference(row: r + 1, column: c + 1) }
            })
            for row in read.values {
                for cell in row.cells {
                    try check(written.contains(cell.reference), "\(info.name)!\(cell.reference): read \(cell.value), nothing written there")
                }
            }
        }
    }

    static func matches(_ written: CellValue, _ read: SheetCell.Value?) -> Bool {
        switch (written, read) {
        case (.empty, nil): return true
        case (.string(let s), .string(let t)?): return s == t
        case (.string(let s), nil): return s.isEmpty
        case (.number(let d), .number(let e, _)?): return d == e
        case (.bool(let b), .bool(let c)?): return b == c
        case (.date(let y, let m, let d), .date(_, let iso)?):
            return iso == String(format: "%04d-%02d-%02d", y, m, d)
        case (.decimal(let text), .number(let e, let stored)?):
            return Double(text) == e && AmountGrammarCheck.sameDecimal(text, stored)
        default: return false
        }
    }
}

enum AmountGrammarCheck {
    /// The stored number text means the same decimal as the written one.
    static func sameDecimal(_ a: String, _ b: String) -> Bool {
        Decimal(string: a) == Decimal(string: b)
    }
}
