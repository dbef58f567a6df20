internal import XLSXCore

/// Rewrites one worksheet's XML (`xl/worksheets/sheetN.xml`) as it streams through: the target
/// cells get a new style (`s`), cells that are not written yet are created in row and column
/// order, and `<legacyDrawing>` is inserted where CT_Worksheet wants it. Every other byte is
/// copied as it is.
///
/// Feed it the part in chunks (`feed`), take the output as it comes (`take`), then `finish`.
/// Only the unfinished markup at a chunk's end is held back, so memory does not grow with the sheet.
struct WorksheetMarker {
    /// The new style of a target cell, from its current one (0 when it has none).
    typealias Restyle = (_ oldStyle: Int) -> Int

    private var targets: [Int: [Int: Restyle]]
    /// The target rows not reached yet, the next one last (taken with `popLast`, not
    /// `removeFirst`, which moves the rest each time).
    private var pendingRows: [Int]
    private var legacyDrawing: [UInt8]?

    private var buffer: [UInt8] = []
    private var output: [UInt8] = []
    /// Where the bytes of `buffer` not yet copied to `output` begin: tokens that stay as they are
    /// are copied in runs, not one by one (issue 11: a sheet's every tag was an append).
    private var copied = 0
    /// The start of the token being handled: what is written for it goes before it.
    private var tokenStart = 0
    private var depth = 0
    private var prefix: [UInt8] = []
    private var inSheetData = false
    private var currentRow: Int?
    /// The current row's target columns not reached yet, the next one last.
    private var pendingColumns: [Int] = []
    private var lastRow = 0
    private var lastColumn = 0
    private(set) var insertedDrawing = false

    static let maxDepth = 256
    /// The CT_Worksheet children that come after `<legacyDrawing>`.
    private static let afterLegacyDrawing: [String] = [
        "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
        "AlternateContent",
    ]

    /// - Parameters:
    ///   - targets: row → column → restyle, rows and columns from 1.
    ///   - legacyDrawingID: the relationship id of the notes' VML drawing, or nil for no notes.
    init(targets: [Int: [Int: Restyle]], legacyDrawingID: String?) {
        self.targets = targets
        pendingRows = targets.keys.sorted(by: >)
        legacyDrawing = legacyDrawingID.map {
            Array("<legacyDrawing xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:id=\"\($0)\"/>".utf8)
        }
    }

    mutating func take() -> [UInt8] {
        defer { output.removeAll(keepingCapacity: true) }
        return output
    }

    mutating func feed(_ chunk: ArraySlice<UInt8>) throws(MarkupScanner.Failure) {
        buffer.append(contentsOf: chunk)
        try scan(isFinal: false)
    }

    mutating func finish() throws(MarkupScanner.Failure) {
        try scan(isFinal: true)
        guard depth == 0 else { throw MarkupScanner.Failure(message: "the worksheet ends before its root element closes") }
        guard pendingRows.isEmpty, legacyDrawing == nil || insertedDrawing else {
            throw MarkupScanner.Failure(message: "the worksheet has no <sheetData> to mark")
        }
    }

    private mutating func scan(isFinal: Bool) throws(MarkupScanner.Failure) {
        var position = 0
        while let token = try MarkupScanner.next(in: buffer, from: position, isFinal: isFinal) {
            try handle(token)
            position = token.range.upperBound
        }
        flush(to: position)
        buffer.removeFirst(position)
        copied = 0
    }

    private mutating func handle(_ token: MarkupScanner.Token) throws(MarkupScanner.Failure) {
        tokenStart = token.range.lowerBound
        switch token.kind {
        case .text, .other:
            break   // copied as it is, with the run it belongs to
        case .startTag, .emptyTag:
            try start(token)
        case .endTag:
            end(token)
        }
    }

    /// Copies the bytes not yet copied up to `end`.
    private mutating func flush(to end: Int) {
        guard copied < end else { return }
        output.append(contentsOf: buffer[copied..<end])
        copied = end
    }

    /// Copies what comes before the current token, so that what is written next goes before it.
    private mutating func flushBeforeToken() { flush(to: tokenStart) }

    /// Writes in place of `token` what `write` appends to the output.
    private mutating func replace(_ token: MarkupScanner.Token, _ write: (inout [UInt8]) -> Void) {
        flush(to: token.range.lowerBound)
        write(&output)
        copied = token.range.upperBound
    }

    private func isNamed(_ local: String, _ token: MarkupScanner.Token) -> Bool {
        MarkupScanner.hasLocalName(local, token, in: buffer)
    }

    private mutating func start(_ token: MarkupScanner.Token) throws(MarkupScanner.Failure) {
        let isEmpty = token.kind == .emptyTag
        switch depth {
        case 0:
            prefix = MarkupScanner.prefix(of: token, in: buffer)
        case 1:
            if legacyDrawing != nil, !insertedDrawing, isNamed("legacyDrawing", token) {
                throw MarkupScanner.Failure(message: "the sheet already has a drawing for notes")
            }
            if Self.afterLegacyDrawing.contains(where: { isNamed($0, token) }) { insertDrawing() }
            if isNamed("sheetData", token) {
                if isEmpty {
                    // `<sheetData/>` becomes `<sheetData>…</sheetData>`.
                    flushBeforeToken()
                    copied = token.range.upperBound
                    append("<", "sheetData>")
                    writeRows(before: Int.max)
                    append("</", "sheetData>")
                } else {
                    inSheetData = true
                }
            }
        // A row or cell is read only while marks are left to place in the sheet or in the row:
        // the rest of the sheet is copied as it is without parsing a reference (issue 11).
        case 2 where inSheetData && !pendingRows.isEmpty && isNamed("row", token):
            let row = MarkupScanner.attribute("r", of: token, in: buffer).flatMap { Int($0) } ?? lastRow + 1
            writeRows(before: row)
            lastRow = row
            lastColumn = 0
            var columns: [Int] = []
            if pendingRows.last == row {
                pendingRows.removeLast()
                columns = targets[row].map { $0.keys.sorted(by: >) } ?? []
            }
            if isEmpty && !columns.isEmpty {
                // `<row r="5"/>` becomes `<row r="5">…</row>`.
                let open = buffer[token.range].dropLast(2)
                replace(token) {
                    $0.append(contentsOf: open)
                    $0.append(UInt8(ascii: ">"))
                }
                currentRow = row
                pendingColumns = columns
                writeCells(before: Int.max)
                append("</", "row>")
                currentRow = nil
            } else if !isEmpty {
                currentRow = row
                pendingColumns = columns
            }
        case 3 where currentRow != nil && !pendingColumns.isEmpty && isNamed("c", token):
            let column = MarkupScanner.referenceColumn(of: token, in: buffer) ?? lastColumn + 1
            writeCells(before: column)
            lastColumn = column
            if pendingColumns.last == column, let row = currentRow, let restyle = targets[row]?[column] {
                pendingColumns.removeLast()
                let old = MarkupScanner.attribute("s", of: token, in: buffer).flatMap { Int($0) } ?? 0
                let source = buffer
                replace(token) { MarkupScanner.set("s", to: String(restyle(old)), in: token, of: source, appendingTo: &$0) }
            }
        default:
            break
        }
        if !isEmpty {
            depth += 1
            guard depth <= Self.maxDepth else { throw MarkupScanner.Failure(message: "nesting deeper than \(Self.maxDepth)") }
        }
    }

    private mutating func end(_ token: MarkupScanner.Token) {
        depth -= 1
        switch depth {
        case 2 where currentRow != nil && isNamed("row", token):
            writeCells(before: Int.max)
            currentRow = nil
        case 1 where inSheetData && isNamed("sheetData", token):
            writeRows(before: Int.max)
            inSheetData = false
        case 0:
            insertDrawing()
        default:
            break
        }
    }

    private mutating func insertDrawing() {
        guard let legacyDrawing, !insertedDrawing else { return }
        flushBeforeToken()
        if prefix.isEmpty {
            output.append(contentsOf: legacyDrawing)
        } else {
            // `<legacyDrawing` → `<x:legacyDrawing` in a sheet that prefixes its elements.
            output.append(UInt8(ascii: "<"))
            output.append(contentsOf: prefix)
            output.append(contentsOf: legacyDrawing.dropFirst())
        }
        insertedDrawing = true
    }

    /// Writes the target rows the sheet does not have, up to (not including) `row`.
    private mutating func writeRows(before row: Int) {
        while let next = pendingRows.last, next < row {
            pendingRows.removeLast()
            append("<", "row r=\"\(next)\">")
            currentRow = next
            pendingColumns = targets[next].map { $0.keys.sorted(by: >) } ?? []
            writeCells(before: Int.max)
            currentRow = nil
            append("</", "row>")
        }
    }

    /// Writes the current row's target cells that the sheet does not have, up to `column`.
    private mutating func writeCells(before column: Int) {
        guard let row = currentRow else { return }
        while let next = pendingColumns.last, next < column {
            pendingColumns.removeLast()
            let style = targets[row]?[next]?(0) ?? 0
            append("<", "c r=\"\(CellReference(row: row, column: next))\" s=\"\(style)\"/>")
        }
    }

    /// Appends `opening`, the sheet's element prefix, then `rest`.
    private mutating func append(_ opening: StaticString, _ rest: String) {
        flushBeforeToken()
        opening.withUTF8Buffer { output.append(contentsOf: $0) }
        output.append(contentsOf: prefix)
        output.append(contentsOf: rest.utf8)
    }
}
