import GRDB

/// The history's rows of a run bound straight from their fields, many to a statement
/// (``BatchInsert``), each in its table's columns' order.
extension FindingRecord {
    static let batch = BatchInsert(table: databaseTableName, columns: columns)

    /// Inserts `findings` as rows of the run `run`, just inserted in this transaction: `run_id` that
    /// run, and `first_seen_run` that run for a series that starts with it.
    static func insert(_ findings: [FindingRecord], run: Int64, into db: Database) throws {
        try batch.insert(findings, into: db) { finding, binder in
            try binder.bind(run)
            try binder.bind(finding.id)
            try binder.bind(finding.rule)
            try binder.bind(finding.severity)
            try binder.bind(finding.bureau)
            try binder.bind(finding.output)
            try binder.bind(finding.period)
            try binder.bind(finding.expected)
            try binder.bind(finding.actual)
            try binder.bind(finding.delta)
            try binder.bind(finding.expectedText)
            try binder.bind(finding.actualText)
            try binder.bind(finding.deltaText)
            try binder.bind(finding.message)
            try binder.bind(finding.sources)
            try binder.bind(finding.causedBy)
            try binder.bind(finding.status)
            try binder.bind(finding.firstSeenRun ?? run)
            try binder.bind(finding.runsSeen)
            try binder.bind(finding.deltaChange)
        }
    }
}

extension InputRecord {
    static let batch = BatchInsert(table: databaseTableName, columns: ["run_id", "file", "sha256", "size", "kind", "bureau", "fate", "reason"])

    static func insert(_ inputs: [InputRecord], run: Int64, into db: Database) throws {
        try batch.insert(inputs, into: db) { input, binder in
            try binder.bind(run)
            try binder.bind(input.file)
            try binder.bind(input.sha256)
            try binder.bind(input.size)
            try binder.bind(input.kind)
            try binder.bind(input.bureau)
            try binder.bind(input.fate)
            try binder.bind(input.reason)
        }
    }
}

extension ResolvedRecord {
    static let batch = BatchInsert(table: databaseTableName,
                                   columns: ["run_id", "id", "rule", "severity", "bureau", "delta", "delta_text", "why", "last_seen_run"])

    static func insert(_ resolved: [ResolvedRecord], run: Int64, into db: Database) throws {
        try batch.insert(resolved, into: db) { row, binder in
            try binder.bind(run)
            try binder.bind(row.id)
            try binder.bind(row.rule)
            try binder.bind(row.severity)
            try binder.bind(row.bureau)
            try binder.bind(row.delta)
            try binder.bind(row.deltaText)
            try binder.bind(row.why)
            try binder.bind(row.lastSeenRun)
        }
    }
}

extension CoverageRecord {
    static let batch = BatchInsert(table: databaseTableName, columns: ["run_id", "rule", "scope", "reason"])

    static func insert(_ coverage: [CoverageRecord], run: Int64, into db: Database) throws {
        try batch.insert(coverage, into: db) { row, binder in
            try binder.bind(run)
            try binder.bind(row.rule)
            try binder.bind(row.scope)
            try binder.bind(row.reason)
        }
    }
}
