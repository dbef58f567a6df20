import Foundation
import Results
import XLSXReader

/// Why a data row could not be loaded: the first offending cell, what it needed, what it held.
struct RowRejection: Error {
    var column: Int
    /// What the cell needs: `number`, `known funding source`, `output code`, `bureau`.
    var expected: String
    /// The cell as typed (`blank` when empty).
    var actual: String
    var reason: String
}

/// One data row seen through its table's layout: typed accessors that name the cell on failure.
struct RowContext {
    let row: SheetRow
    let layout: TableLayout
    let file: String
    let sheet: String
    let settings: NormaliseSettings
    let amounts: AmountGrammar
    /// The number format code of a cell format index (percent cells are rescaled).
    let numberFormat: (Int) -> String
    /// Notes the row raises (an unknown KPI unit, a percentage outside 0-100, …).
    let notes: NoteSink
    private let positions: ColumnPositions
    /// Columns whose cell had an empty `<v/>` (no value, no formula): not the same as blank.
    private let emptyValueColumns: Set<Int>

    init(row: SheetRow, layout: TableLayout, file: String, sheet: String, settings: NormaliseSettings,
         numberFormat: @escaping (Int) -> String = { _ in "General" }, notes: NoteSink = NoteSink()) {
        self.row = row
        self.layout = layout
        self.file = file
        self.sheet = sheet
        self.settings = settings
        self.numberFormat = numberFormat
        self.notes = notes
        amounts = AmountGrammar(dashMeans: settings.dashMeans)
        positions = ColumnPositions(row.cells)
        emptyValueColumns = Set(row.emptyValues.map(\.column))
    }

    func source(_ column: Int) -> CellSource {
        CellSource(file: file, sheet: sheet, position: CellPosition(row: row.number, column: column))
    }

    func cell(_ column: Int) -> SheetCell? { positions.position(of: column).map { row.cells[$0] } }

    /// Whether the column's cell holds a text (a number typed as text, when it reads as one).
    func holdsText(_ column: Int) -> Bool {
        guard let cell = self.cell(column), case .string = cell.value else { return false }
        return true
    }

    /// The trimmed text of a field's cell, nil when absent or blank.
    func text(_ field: Field) -> TextCell? {
        guard let column = layout.columnIndex(field), let cell = self.cell(column) else { return nil }
        let text = CodeText.trimmed(cell.text)
        return text.isEmpty ? nil : TextCell(text: text, source: source(column))
    }

    /// A code cell: numbers use their displayed text (a code typed as a number is lossy).
    func code(_ field: Field, as kind: CodeGrammar.Kind) -> (CodeParse, TextCell)? {
        guard let typed = text(field) else { return nil }
        return (settings.codes.parse(typed.text, as: kind), typed)
    }

    /// A decimal from a number cell or a text in the amount grammar; nil when blank.
    /// - Throws: ``RowRejection`` for a text that is no number, and for a number beyond
    ///   ``PlausibleNumber/maxMagnitude`` (or beyond `Exact` itself, e.g. `1E+300`).
    func decimal(column: Int) throws(RowRejection) -> Exact? {
        guard let (value, typed) = try exactDecimal(column: column) else { return nil }
        guard PlausibleNumber.isWithin(value, PlausibleNumber.maxMagnitude) else {
            throw RowRejection(column: column, expected: "number", actual: typed,
                               reason: "\(typed) is beyond any plausible value (below 10^15 in magnitude); a typing or export error?")
        }
        return value
    }

    /// The cell's value as read, with its text, before any bound; NaN when it is beyond `Exact`.
    private func exactDecimal(column: Int) throws(RowRejection) -> (Exact, String)? {
        guard let cell = self.cell(column) else {
            // No spreadsheet program writes `<v/>`: a value was lost on the way (a hand-made or
            // damaged export). Reading it as blank would drop an amount without a word
            // (reliability.md 9, D 42: a row reject).
            guard emptyValueColumns.contains(column) else { return nil }
            throw RowRejection(column: column, expected: "number", actual: "blank",
                               reason: "the cell holds an empty value (<v/>), neither a number nor nothing; type the number or clear the cell")
        }
        switch cell.value {
        case .number(let d, let text):
            return (AmountGrammar.decimal(fromNumberText: text) ?? AmountGrammar.decimal(fromNumber: d), text)
        case .string(let s):
            switch amounts.parse(s) {
            case .value(let v): return (v, s)
            case .null: return nil
            case .invalid: throw RowRejection(column: column, expected: "number", actual: s, reason: "'\(s)' is not a number")
            }
        case .bool, .error, .date:
            throw RowRejection(column: column, expected: "number", actual: cell.text, reason: "'\(cell.text)' is not a number")
        case .uncalculated:
            let formula = "=" + (cell.formula ?? "")
            throw RowRejection(column: column, expected: "number", actual: formula,
                               reason: "the formula \(formula) has no saved result (the file was written by a program that does not calculate); open it in Excel or LibreOffice, save it and drop it again")
        }
    }

    func quantity(_ field: Field) throws(RowRejection) -> Quantity? {
        guard let column = layout.columnIndex(field) else { return nil }
        return try decimal(column: column).map { Quantity(value: $0, source: source(column)) }
    }

    /// An amount of a year or biennium column, scaled to CHF by the column's unit.
    func amount(_ column: TableLayout.Column) throws(RowRejection) -> Amount? {
        guard let (value, typed) = try exactDecimal(column: column.index) else { return nil }
        let unit = column.unit ?? .chf
        let chf = value * unit.factor   // NaN when it overflows `Exact`: refused below like any other
        guard PlausibleNumber.isWithin(chf, PlausibleNumber.maxAmountCHF) else {
            throw RowRejection(column: column.index, expected: "number", actual: typed,
                               reason: "\(typed) \(unit.rawValue) is beyond any plausible budget (below CHF 10^15); a typing or export error?")
        }
        return Amount(chf: chf, unit: unit, source: source(column.index))
    }

    /// A percentage on the 0-100 scale: `0.71` in a `%`-formatted cell, `71`, or the text `71 %`.
    func percent(column: Int) throws(RowRejection) -> Exact? {
        guard let cell = self.cell(column) else { return nil }
        if case .string(let s) = cell.value, s.contains("%") {
            switch amounts.parse(s.replacingOccurrences(of: "%", with: "")) {
            case .value(let v): return v
            case .null: return nil
            case .invalid: throw RowRejection(column: column, expected: "number", actual: s, reason: "'\(s)' is not a percentage")
            }
        }
        guard let value = try decimal(column: column) else { return nil }
        return numberFormat(cell.styleIndex).contains("%") ? value * 100 : value
    }

    func integer(_ field: Field) throws(RowRejection) -> Int? {
        try quantity(field).map { $0.value.intValue }
    }

    /// Whether any amount-bearing column (year, biennium, FTE) holds a value.
    var hasAmounts: Bool {
        layout.columns.contains { column in
            switch column.role {
            case .year, .biennium: positions.position(of: column.index) != nil || emptyValueColumns.contains(column.index)
            case .field(let f): f == .fte && (positions.position(of: column.index) != nil || emptyValueColumns.contains(column.index))
            }
        }
    }

    /// The text of the row's first non-empty cell.
    var firstText: String? {
        row.cells.first.flatMap { if case .string(let s) = $0.value { s } else { nil } }
    }

    /// A rejection for a field's cell.
    func reject(_ field: Field, expected: String, reason: String) -> RowRejection {
        let column = layout.columnIndex(field) ?? row.cells.first?.reference.column ?? 1
        let actual = cell(column)?.text ?? "blank"
        return RowRejection(column: column, expected: expected, actual: actual.isEmpty ? "blank" : actual, reason: reason)
    }
}

/// Collects the notes of a sheet's rows (a reference, so row readers can add to it).
final class NoteSink: @unchecked Sendable {
    var notes: [Note] = []
    func add(_ note: Note) { notes.append(note) }
}

/// Where each column's cell sits in a row's cells, the last one winning as a dictionary's would
/// (issue 11: a dictionary of the cells made for every row cost a hash per cell and per look-up).
/// A row as wide as its cells allow is indexed by column; a row with a cell far to the right of
/// the rest (`XFD7` beside `A7`) keeps a dictionary, so no row costs more than its cells.
struct ColumnPositions {
    private var dense: [Int32] = []
    private var sparse: [Int: Int] = [:]
    private let isDense: Bool

    init(_ cells: [SheetCell]) {
        var widest = 0
        for cell in cells { widest = max(widest, cell.reference.column) }
        isDense = widest <= 4 * cells.count + 64
        if isDense {
            dense = Array(repeating: 0, count: widest + 1)
            for (position, cell) in cells.enumerated() { dense[cell.reference.column] = Int32(position + 1) }
        } else {
            for (position, cell) in cells.enumerated() { sparse[cell.reference.column] = position }
        }
    }

    /// The position in the row's cells of the cell at `column`, nil when the row has none there.
    func position(of column: Int) -> Int? {
        guard isDense else { return sparse[column] }
        guard column >= 0, column < dense.count, dense[column] != 0 else { return nil }
        return Int(dense[column]) - 1
    }
}
