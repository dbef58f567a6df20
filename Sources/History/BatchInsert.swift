import GRDB

/// Rows of one table inserted many to a statement, each value bound straight from its field.
///
/// Issue 11: a run's rows are its last step (they commit after its outputs and filing away). One
/// statement a row, through GRDB's records or arguments, cost about 58,000 instructions a finding
/// and 77,000 a coverage row (an argument array of `DatabaseValue`s, or a record's encoding and
/// its statement made again, for every row), at 58 times the demo about 135 M in all. A statement
/// of ``rowsPerStatement`` rows runs SQLite's per-statement work (cursors, the statement journal,
/// the foreign-key checks) once for all of them, and each value is bound by ``Binder`` through
/// ``StatementBinding`` (GRDB's public binding of a value to a prepared statement). The
/// `INSERT` keeps the table's own conflict clauses (`findings` replaces a row of the same run and
/// id), as one statement a row did. `HistoryInsertTests` reads the rows back.
struct BatchInsert {
    let table: String
    let columns: [String]

    /// Rows a statement inserts: as many as stay within 1,000 variables (SQLite allows 32,766).
    var rowsPerStatement: Int { max(1, 1000 / columns.count) }

    /// `INSERT INTO table (…) VALUES (?, …), (?, …), …`: `rows` groups of the columns.
    func sql(rows: Int) -> String {
        let group = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return "INSERT INTO \"\(table)\" (" + columns.map { "\"\($0)\"" }.joined(separator: ", ") + ") VALUES "
            + Array(repeating: group, count: rows).joined(separator: ", ")
    }

    /// Inserts `rows` in order, `bind` binding one row's values in the columns' order.
    func insert<Row>(_ rows: [Row], into db: Database, bind: (Row, inout Binder) throws -> Void) throws {
        let batch = rowsPerStatement
        var full: Statement?   // the statement of `batch` rows, prepared once
        var start = rows.startIndex
        while start < rows.endIndex {
            let end = min(start + batch, rows.endIndex)
            let statement: Statement
            if end - start == batch, let full {
                statement = full
            } else {
                statement = try db.makeStatement(sql: sql(rows: end - start))
                if end - start == batch { full = statement }
            }
            // Resets the statement and clears its bindings (no argument is given: the values are
            // bound next, straight from the fields; SQLite keeps bindings across the reset that
            // `execute()` does before it steps).
            statement.setUncheckedArguments(StatementArguments())
            var binder = Binder(statement: statement)
            for row in rows[start..<end] { try bind(row, &binder) }
            precondition(binder.next == Int32((end - start) * columns.count + 1), "every variable of the statement is bound")
            try statement.execute()
            start = end
        }
    }
}

/// Binds values to a statement's variables in order (1-based, as SQLite numbers them).
struct Binder {
    let statement: Statement
    private(set) var next: Int32 = 1

    init(statement: Statement) { self.statement = statement }

    /// Binds `value` (nil as SQL `NULL`) to the next variable. (One call a value: a variadic
    /// form over a parameter pack ran unspecialised, 77 M → 128 M instructions for a run's rows.)
    mutating func bind(_ value: (some StatementBinding)?) throws {
        let code = value.map { $0.bind(to: statement.sqliteStatement, at: next) }
            ?? DatabaseValue.null.bind(to: statement.sqliteStatement, at: next)
        guard code == ResultCode.SQLITE_OK.rawValue else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "variable \(next) could not be bound", sql: statement.sql)
        }
        next += 1
    }
}
