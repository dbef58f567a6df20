import Results
import XLSXCore
import XLSXReader

/// What each column of a table means, found from its header row(s).
public struct TableLayout: Sendable, Equatable {
    public enum Role: Sendable, Equatable {
        /// A plain field (`output`, `fte`, …).
        case field(Field)
        /// A year column of a year-bearing field, with the cost category of a sub-header.
        case year(field: Field, year: Int, category: String?)
        /// A stated biennium column (a checksum).
        case biennium

        /// The field the column provides (``Field/biennium`` for a stated biennium column).
        public var field: Field {
            switch self {
            case .field(let f), .year(let f, _, _): f
            case .biennium: .biennium
            }
        }
    }

    public struct Column: Sendable, Equatable {
        public var index: Int
        public var header: String
        public var role: Role
        /// The unit of an amount column and where it came from (`header`, `title`, `profile`, `default`).
        public var unit: MoneyUnit?
        public var unitOrigin: String?
        /// The alias that matched, folded (`cout prevu`), or `column:H` for a pinned column.
        public var alias: String?
    }

    /// A non-empty header cell that no field was read from, and why.
    public struct PassedOver: Sendable, Equatable {
        public var index: Int
        public var header: String
        /// The header row's own text (without a two-row header's sub-header): what names a field.
        public var text: String
        public var reason: String
        /// A field of the table the header resembles (edit distance or a shared word with one of
        /// its aliases), when no column provides that field: it probably is that field.
        public var probably: Field?
        /// Whether it matched no alias at all (rather than naming years rbm cannot use).
        public var matchedNoAlias: Bool
    }

    /// 1-based header row; `lastHeaderRow` is the sub-header row of a two-row header.
    public var headerRow: Int
    public var lastHeaderRow: Int
    public var columns: [Column] { didSet { firstColumn = Self.firstColumns(columns) } }
    /// Each field's first column, by its place in `columns`, -1 for none; indexed by the field's
    /// ordinal (looked up for every cell a row reads: a dictionary hashed the field at each look-up,
    /// issue 11); kept with `columns`.
    private var firstColumn: [Int]
    /// Text of the rows above the header, top to bottom.
    public var titleText: [String]
    /// Headers ignored as ambiguous, with the reason (for notes).
    public var ignored: [String]
    /// Every non-empty header cell that no field was read from (the ambiguous ones included).
    public var passedOver: [PassedOver] = []

    public init(headerRow: Int, lastHeaderRow: Int, columns: [Column], titleText: [String], ignored: [String], passedOver: [PassedOver] = []) {
        self.headerRow = headerRow
        self.lastHeaderRow = lastHeaderRow
        self.columns = columns
        self.titleText = titleText
        self.ignored = ignored
        self.passedOver = passedOver
        self.firstColumn = Self.firstColumns(columns)
    }

    private static func firstColumns(_ columns: [Column]) -> [Int] {
        var first = [Int](repeating: -1, count: Field.allCases.count)
        for (place, column) in columns.enumerated() where first[column.role.field.ordinal] < 0 { first[column.role.field.ordinal] = place }
        return first
    }

    public func columns(for field: Field) -> [Column] {
        columns.filter { $0.role.field == field }
    }

    public func column(_ field: Field) -> Column? {
        let place = firstColumn[field.ordinal]
        return place < 0 ? nil : columns[place]
    }
    /// The sheet column of `field`'s column, without copying the column's texts (read for every
    /// field of every row, issue 11).
    public func columnIndex(_ field: Field) -> Int? {
        let place = firstColumn[field.ordinal]
        return place < 0 ? nil : columns[place].index
    }

    public var headerDescription: String { headerRow == lastHeaderRow ? "\(headerRow)" : "\(headerRow)-\(lastHeaderRow)" }
}

/// Finds the header row of a table and maps its columns to fields through the aliases.
struct HeaderMapper {
    let table: TableKind
    let aliases: [Field: Set<String>]
    let categories: AliasTable
    let biennium: Biennium

    /// Fields pinned to a column letter (`column:H` in the pipeline file), whatever the header says.
    let fixed: [Int: Field]

    init(table: TableKind, fields: [Field: [String]], categories: AliasTable, biennium: Biennium) {
        self.table = table
        self.categories = categories
        self.biennium = biennium
        var aliases: [Field: Set<String>] = [:]
        var fixed: [Int: Field] = [:]
        for (field, words) in fields {
            for word in words {
                if let column = Self.fixedColumn(word) { fixed[column] = field } else { aliases[field, default: []].insert(HeaderKey.field(word)) }
            }
        }
        self.aliases = aliases
        self.fixed = fixed
    }

    /// `column:H` → 8.
    static func fixedColumn(_ alias: String) -> Int? {
        guard alias.lowercased().hasPrefix("column:") else { return nil }
        return CellReference.columnNumber(alias.dropFirst("column:".count).trimmingHorizontalSpace)
    }

    /// Words too common to say that two headers mean the same (English, French, Spanish).
    static let commonWords: Set<String> = ["the", "of", "and", "for", "per", "par", "des", "les", "del", "los", "las", "por",
                                           "para", "total", "no", "nb", "n", "de", "du", "la", "le", "el", "et", "y", "en", "a"]

    /// The field of the table a header that matched no alias probably is: one whose alias (or
    /// name) lies within a small edit distance of the header, else one whose alias shares a word
    /// of four letters or more with it (aliases come in English, French and Spanish, so a shared
    /// word crosses languages: `ETP prévus` shares `etp` with `ETP`). Fields another column
    /// already provides are not suggested.
    func resemblance(of header: String, excluding provided: Set<Field>) -> Field? {
        let key = HeaderKey.field(header)
        guard !key.isEmpty else { return nil }
        let words = Set(key.split(separator: " ").map(String.init)).subtracting(Self.commonWords)
        var best: (distance: Int, field: Field)?
        var shared: (count: Int, field: Field)?
        for field in table.fields where !provided.contains(field) {
            let names = (aliases[field] ?? []).union([HeaderKey.fold(field.rawValue)])
            for alias in names where !alias.isEmpty {
                let d = Levenshtein.distance(alias, key)
                if d <= max(1, min(3, alias.count / 4)), d < (best?.distance ?? .max) { best = (d, field) }
                let aliasWords = Set(alias.split(separator: " ").map(String.init)).subtracting(Self.commonWords)
                let common = words.intersection(aliasWords).filter { $0.count >= 4 || aliasWords.count == 1 && $0.count >= 3 }
                if !common.isEmpty, common.count > (shared?.count ?? 0) { shared = (common.count, field) }
            }
        }
        return best?.field ?? shared?.field
    }

    /// The most ignored headers whose field is guessed: a sheet with thousands of unknown columns
    /// (an export, a pivot) is not a layout to fix header by header, and edit distances cost.
    static let guessedHeaders = 200

    /// Fills `probably` for the chosen layout's headers that matched no alias (only for the row
    /// taken as the header, not for every candidate row tried).
    func guessFields(of layout: inout TableLayout) {
        let provided = Set(layout.columns.map(\.role.field))
        var guessed = 0
        for i in layout.passedOver.indices where layout.passedOver[i].matchedNoAlias && guessed < Self.guessedHeaders {
            guessed += 1
            let text = layout.passedOver[i].text
            guard text.count <= 80 else { continue }
            layout.passedOver[i].probably = resemblance(of: text, excluding: provided)
        }
    }

    /// The alias nearest to a header, for DAT-003's message.
    func closestAlias(to headers: [String], for field: Field) -> String? {
        let keys = headers.map(HeaderKey.field)
        var best: (Int, String)?
        for alias in aliases[field] ?? [] where !alias.isEmpty {
            for key in keys {
                let d = Levenshtein.distance(alias, key)
                if d < (best?.0 ?? .max) { best = (d, alias) }
            }
        }
        return best.flatMap { $0.0 <= max(3, $0.1.count / 2) ? $0.1 : nil }
    }

    /// The header of `headers` that most likely is `field`, for DAT-003's message (the line it
    /// suggests maps that header): one that names no field and resembles `field` as
    /// ``resemblance(of:excluding:)`` judges an ignored column, the nearest to one of its aliases
    /// first.
    func likelyHeader(among headers: [String], for field: Field) -> String? {
        let others = Set(table.fields).subtracting([field])
        let names = (aliases[field] ?? []).union([HeaderKey.fold(field.rawValue)]).filter { !$0.isEmpty }
        var best: (distance: Int, header: String)?
        for header in headers.prefix(Self.guessedHeaders) where header.count <= 80 && self.field(for: header) == nil {
            guard resemblance(of: header, excluding: others) == field else { continue }
            let key = HeaderKey.field(header)
            let distance = names.map { Levenshtein.distance($0, key) }.min() ?? .max
            if distance < (best?.distance ?? .max) { best = (distance, header) }
        }
        return best?.header
    }

    /// The field a header names, or nil. Year-bearing headers are matched without their year.
    func field(for header: String) -> Field? {
        let key = HeaderKey.field(header)
        for field in table.fields where aliases[field]?.contains(key) == true { return field }
        return nil
    }

    /// Rows tried as the header (the first 30 non-empty ones; an Excel table's header row anywhere).
    static let searchedRows = 30

    /// Where the header search ended: the position of the first row that names every required
    /// field, else the headers of the closest row and the fields it lacks.
    struct Search {
        var position: Int?
        var best: [String]
        var missing: [Field]
    }

    /// Tries each of the first 30 rows (or the given one) as the header; finds the first that
    /// names every required field. The header rows of the sheet's Excel tables (`preferred`) are
    /// tried first, wherever they are. Merged ranges play no part here: a merge only repeats its
    /// first cell's header over its other columns and adds a sub-header's words, so it never
    /// changes which fields a row names. That is what lets the header be found from the first
    /// rows of a sheet before its merges (written after its rows) are read.
    func search(rows: [SheetRow], headerRow fixed: Int?, preferred: [Int] = []) -> Search {
        var best: (found: Int, headers: [String], missing: [Field]) = (-1, [], table.required)
        var positions = Array(rows.indices.prefix(Self.searchedRows))
        if fixed == nil, !preferred.isEmpty {
            let tableRows = preferred.compactMap { number in rows.firstIndex { $0.number == number } }
            positions = tableRows + positions.filter { !tableRows.contains($0) }
        }
        for position in positions {
            let row = rows[position]
            if let fixed, row.number != fixed { continue }
            let candidate = map(header: row, subHeader: nil, merged: [])
            let named = Set(candidate.columns.map(\.role.field))
            let missing = table.required.filter { !named.contains($0) }
            if missing.isEmpty { return Search(position: position, best: [], missing: []) }
            let found = table.required.count - missing.count
            if found > best.found || (found == best.found && row.cells.count > best.headers.count) {
                best = (found, row.cells.map(\.text), missing)
            }
        }
        return Search(position: nil, best: best.headers, missing: best.missing)
    }

    /// The layout of the header found at `position` of `rows`, with the sheet's merged ranges
    /// (a two-row header's sub-header, group headers over several columns).
    func layout(at position: Int, rows: [SheetRow], merged: [CellRange]) -> TableLayout {
        let next = position + 1 < rows.count ? rows[position + 1] : nil
        var layout = map(header: rows[position], subHeader: next, merged: merged)
        layout.titleText = rows.prefix(position).flatMap { $0.cells.map(\.text) }
        guessFields(of: &layout)
        return layout
    }

    private func map(header: SheetRow, subHeader: SheetRow?, merged: [CellRange]) -> TableLayout {
        // A following row is a sub-header when all its cells sit under horizontal merges of the header.
        let groupMerges = merged.filter { $0.first.row == header.number && $0.last.row == header.number && $0.last.column > $0.first.column }
        var sub: [Int: String] = [:]
        if let subHeader, subHeader.number == header.number + 1, !groupMerges.isEmpty,
           subHeader.cells.allSatisfy({ cell in groupMerges.contains { $0.contains(CellReference(row: header.number, column: cell.reference.column)) } }),
           subHeader.cells.allSatisfy({ if case .string = $0.value { true } else { false } }) {
            for cell in subHeader.cells { sub[cell.reference.column] = cell.text }
        }
        var texts: [Int: String] = [:]
        for cell in header.cells { texts[cell.reference.column] = cell.text }
        for range in groupMerges {
            guard let text = texts[range.first.column] else { continue }
            for column in range.first.column...range.last.column where texts[column] == nil { texts[column] = text }
        }
        var columns: [TableLayout.Column] = []
        var ignored: [String] = []
        var passedOver: [TableLayout.PassedOver] = []
        for (index, field) in fixed where texts[index] == nil { texts[index] = field.rawValue }
        for (index, text) in texts.sorted(by: { $0.key < $1.key }) {
            let header = sub[index].map { "\(text) / \($0)" } ?? text
            if let field = fixed[index] {
                columns.append(.init(index: index, header: header, role: .field(field), alias: "column:\(CellPosition.letters(index))"))
                continue
            }
            let before = (columns.count, ignored.count)
            let key = HeaderKey.field(text)
            defer {
                if columns.count > before.0 {
                    columns[columns.count - 1].alias = key
                } else if !text.trimmingHorizontalSpace.isEmpty {
                    if ignored.count > before.1 {
                        passedOver.append(.init(index: index, header: header, text: text, reason: ignored[ignored.count - 1], matchedNoAlias: false))
                    } else if let f = field(for: text) {
                        let reason = table.yearFields.contains(f) ? "an alias of '\(f.rawValue)' without a year" : "an alias of '\(f.rawValue)' with a year or biennium"
                        passedOver.append(.init(index: index, header: header, text: text, reason: reason + "; column ignored", matchedNoAlias: false))
                    } else {
                        passedOver.append(.init(index: index, header: header, text: text, reason: "no alias of table '\(table.rawValue)' matches '\(key)'",
                                                matchedNoAlias: true))
                    }
                }
            }
            switch HeaderYear.classify(text) {
            case .biennium(let first, let second):
                if Biennium(first, second) != biennium {
                    ignored.append("'\(text)' is not the pipeline's biennium; column ignored")
                } else if field(for: text) == .biennium || aliases[.biennium]?.contains(HeaderKey.field(text)) == true {
                    columns.append(.init(index: index, header: header, role: .biennium))
                } else if let f = field(for: text), !table.yearFields.contains(f) {
                    columns.append(.init(index: index, header: header, role: .field(f)))
                }
            case .year(let year):
                if let f = field(for: text), table.yearFields.contains(f) {
                    let category = sub[index].flatMap { categories.canonical($0) }
                    columns.append(.init(index: index, header: header, role: .year(field: f, year: year, category: category)))
                } else if let f = field(for: text) {
                    columns.append(.init(index: index, header: header, role: .field(f)))
                }
            case .ambiguous(let years):
                ignored.append("'\(text)' names several years (\(years.map(String.init).joined(separator: ", "))); column ignored")
            case .invalidBiennium(let reason):
                ignored.append("'\(text)': \(reason); column ignored")
            case .none:
                if let f = field(for: text), !table.yearFields.contains(f) { columns.append(.init(index: index, header: header, role: .field(f))) }
            }
        }
        let last = sub.isEmpty ? header.number : header.number + 1
        return TableLayout(headerRow: header.number, lastHeaderRow: last, columns: columns, titleText: [], ignored: ignored, passedOver: passedOver)
    }
}

/// Edit distance, for suggestions (closest alias, did-you-mean).
public enum Levenshtein {
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in 1...b.count {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
