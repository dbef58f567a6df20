import GRDB

/// A run's rows of one table, inserted many to a statement (``BatchInsert``): the columns are the
/// record's `CodingKeys` (as GRDB reads the rows back), and each type binds its values in their
/// order (a missing or extra binding stops at ``BatchInsert``'s count check; `HistoryInsertTests`
/// reads every field back).
protocol RunRow {
    static var batch: BatchInsert { get }
    /// Binds the row's values, in ``batch``'s columns' order, for the run `run`.
    func bind(run: Int64, to binder: inout Binder) throws
}

extension RunRow {
    /// Inserts `rows` as rows of the run `run`, just inserted in this transaction.
    static func insert(_ rows: [Self], run: Int64, into db: Database) throws {
        try batch.insert(rows, into: db) { row, binder in try row.bind(run: run, to: &binder) }
    }
}

extension FindingRecord: RunRow {
    static let batch = BatchInsert(table: databaseTableName, columns: columns)

    /// `first_seen_run` the run for a series that starts with it.
    func bind(run: Int64, to binder: inout Binder) throws {
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

extension InputRecord: RunRow {
    static let batch = BatchInsert(table: databaseTableName, columns: CodingKeys.allCases.map(\.rawValue))

    func bind(run: Int64, to binder: inout Binder) throws {
        try binder.bind(run)
        try binder.bind(file)
        try binder.bind(sha256)
        try binder.bind(size)
        try binder.bind(kind)
        try binder.bind(bureau)
        try binder.bind(fate)
        try binder.bind(reason)
    }
}

extension ResolvedRecord: RunRow {
    static let batch = BatchInsert(table: databaseTableName, columns: CodingKeys.allCases.map(\.rawValue))

    func bind(run: Int64, to binder: inout Binder) throws {
        try binder.bind(run)
        try binder.bind(id)
        try binder.bind(rule)
        try binder.bind(severity)
        try binder.bind(bureau)
        try binder.bind(delta)
        try binder.bind(deltaText)
        try binder.bind(why)
        try binder.bind(lastSeenRun)
    }
}

extension CoverageRecord: RunRow {
    static let batch = BatchInsert(table: databaseTableName, columns: CodingKeys.allCases.map(\.rawValue))

    func bind(run: Int64, to binder: inout Binder) throws {
        try binder.bind(run)
        try binder.bind(rule)
        try binder.bind(scope)
        try binder.bind(reason)
    }
}
