import GRDB

/// A run's finding rows inserted in statements of many rows each, their values bound one by one.
///
/// Issue 11: the rows are the last step of a run (they commit after its outputs and filing away),
/// and thousands of them went through one statement a row with GRDB's arguments: at 58 times the
/// demo (2,157 rows) about 125 M instructions, of which SQLite's work was 53 M and building and
/// binding the arguments (an array of `DatabaseValue`s a row, each bound inside a nested closure)
/// most of the rest. A statement of ``rowsPerInsert`` rows runs SQLite's per-statement work
/// (opening cursors, the statement journal, the foreign-key check) once for all of them, and each
/// value is bound straight from its field (``StatementBinding``, GRDB's public binding of a value
/// to a prepared statement), with no argument array. `HistoryInsertTests` reads the rows back.
extension FindingRecord {
    /// Rows a statement inserts (`20 × 50 = 1,000` variables; SQLite allows 32,766).
    static let rowsPerInsert = 50

    /// `INSERT INTO findings (…) VALUES (?, …), (?, …), …`: `rows` groups of the ``columns``.
    static func insertSQL(rows: Int) -> String {
        let group = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return "INSERT INTO \(databaseTableName) (" + columns.map { "\"\($0)\"" }.joined(separator: ", ") + ") VALUES "
            + Array(repeating: group, count: rows).joined(separator: ", ")
    }

    /// Inserts `findings` as rows of the run `run`, just inserted in this transaction: `run_id` that
    /// run, and `first_seen_run` that run for a series that starts with it.
    static func insert(_ findings: [FindingRecord], run: Int64, into db: Database) throws {
        var full: Statement?   // the statement of `rowsPerInsert` rows, prepared once
        var start = findings.startIndex
        while start < findings.endIndex {
            let end = min(start + rowsPerInsert, findings.endIndex)
            let statement: Statement
            if end - start == rowsPerInsert, let full {
                statement = full
            } else {
                statement = try db.makeStatement(sql: insertSQL(rows: end - start))
                if end - start == rowsPerInsert { full = statement }
            }
            // Resets the statement and clears its bindings (no argument is given: the values are
            // bound next, straight from the fields; SQLite keeps bindings across the reset that
            // `execute()` does before it steps).
            statement.setUncheckedArguments(StatementArguments())
            var binder = Binder(statement: statement)
            for finding in findings[start..<end] { try finding.bind(run: run, to: &binder) }
            precondition(binder.next == Int32((end - start) * columns.count + 1), "every variable of the statement is bound")
            try statement.execute()
            start = end
        }
    }

    /// Binds the row's values in ``columns`` order, from the binder's next variable on.
    private func bind(run: Int64, to binder: inout Binder) throws {
        try binder.bind(run)
        try binder.bind(id)
        try binder.bind(rule)
        try binder.bind(severity)
        try binder.bind(bureau)
        try binder.bind(output)
        try binder.bind(period)
        try binder.bind(expected)
        try binder.bind(actual)
        try binder.bind(delta)
        try binder.bind(expectedText)
        try binder.bind(actualText)
        try binder.bind(deltaText)
        try binder.bind(message)
        try binder.bind(sources)
        try binder.bind(causedBy)
        try binder.bind(status)
        try binder.bind(firstSeenRun ?? run)
        try binder.bind(runsSeen)
        try binder.bind(deltaChange)
    }
}

/// Binds values to a statement's variables in order (1-based, as SQLite numbers them).
private struct Binder {
    let statement: Statement
    var next: Int32 = 1

    mutating func bind(_ value: (some StatementBinding)?) throws {
        let code = value.map { $0.bind(to: statement.sqliteStatement, at: next) }
            ?? DatabaseValue.null.bind(to: statement.sqliteStatement, at: next)
        guard code == ResultCode.SQLITE_OK.rawValue else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "variable \(next) could not be bound", sql: statement.sql)
        }
        next += 1
    }
}
