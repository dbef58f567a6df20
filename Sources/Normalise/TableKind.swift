import Results

/// The model tables a sheet can fill, with their fields.
public enum TableKind: String, Sendable, Codable, CodingKeyRepresentable, CaseIterable {
    case goals, targets, objectives, outputs, kpis, crosswalk
    case budgetLines, sectorSummary, parameters
    case allocations
    case risks

    /// Every field the table knows, in the order the README lists them.
    public var fields: [Field] {
        switch self {
        case .goals: [.code, .shortName, .title]
        case .targets: [.code, .goal, .description, .unit, .baseline, .baselineYear, .target, .targetYear]
        case .objectives: [.code, .bureau, .type, .title, .goals]
        case .outputs: [.code, .objective, .bureau, .title, .costRecovery]
        case .kpis: [.id, .linkedTo, .name, .unit, .direction, .baseline, .baselineYear, .target, .targetYear, .actual, .status, .source]
        case .crosswalk: [.oldCode, .newCode, .note]
        case .budgetLines: [.sector, .objective, .output, .title, .category, .funding, .amount, .biennium, .notes]
        case .sectorSummary: [.bureau, .amount, .biennium]
        case .parameters: [.label, .value]
        case .allocations: [.output, .objective, .title, .activities, .amount, .biennium, .fte, .priority, .funding, .notes]
        case .risks: [.id, .bureau, .description, .category, .objective, .output, .likelihood, .impact, .score, .owner,
                      .mitigation, .status, .lastReview]
        }
    }

    /// Fields without which the sheet is not loaded (DAT-003).
    public var required: [Field] {
        switch self {
        case .goals, .targets, .objectives, .outputs: [.code]
        case .kpis: [.id]
        case .crosswalk: [.oldCode]
        case .budgetLines, .allocations: [.output, .amount]
        case .sectorSummary: [.bureau, .amount]
        case .parameters: [.label, .value]
        case .risks: [.id, .likelihood, .impact]
        }
    }

    /// Fields the table reads when a column provides them.
    public var optional: [Field] { fields.filter { !required.contains($0) } }

    /// How the table reads one of its fields; nil for a field the table does not have.
    public func role(of field: Field) -> Field.Role? {
        guard fields.contains(field) else { return nil }
        switch field {
        case .amount: return .yearColumns
        case .actual: return .yearColumns
        case .biennium: return .bienniumTotal
        case .code, .goal, .objective, .output, .id, .linkedTo, .oldCode, .newCode, .goals: return .code
        case .unit: return self == .kpis ? .alias : .text
        case .bureau, .sector, .category, .funding, .priority, .direction: return .alias
        case .baseline, .target, .fte, .likelihood, .impact, .score, .value: return .number
        case .baselineYear, .targetYear: return .year
        case .shortName, .title, .description, .type, .costRecovery, .name, .status, .source, .note, .notes, .label,
             .activities, .owner, .mitigation, .lastReview: return .text
        }
    }

    /// The optional fields some rule reads, with those rules: a sheet that loaded without a column
    /// for one of them is loaded, but those rules cannot check its rows (named per sheet in the
    /// manifest, and by `rbm check`). Required fields are not listed (without them nothing loads).
    public var neededBy: [(field: Field, rules: [RuleID])] {
        switch self {
        case .allocations: [(.fte, [.fin009]), (.priority, [.fin011]), (.funding, [.fin010]), (.notes, [.fin010])]
        case .budgetLines: [(.category, [.fin008]), (.funding, [.fin010]), (.notes, [.fin010])]
        case .sectorSummary: []
        case .kpis: [(.baseline, [.kpi001, .kpi002]), (.baselineYear, [.kpi001, .kpi002]), (.target, [.kpi001, .kpi002]),
                     (.targetYear, [.kpi001, .kpi002]), (.actual, [.kpi002])]
        case .objectives: [(.goals, [.rf002])]
        case .outputs: [(.objective, [.rf004]), (.bureau, [.rf004])]
        case .crosswalk: [(.newCode, [.rf003])]
        case .risks: [(.mitigation, [.rsk001]), (.objective, [.rsk002]), (.output, [.rsk002]), (.score, [.rsk003])]
        case .goals, .targets, .parameters: []
        }
    }

    /// Fields read from headers that carry a year (one column per year).
    public var yearFields: Set<Field> { Set(fields.filter { role(of: $0) == .yearColumns }) }

    /// Parses a field name as a pipeline file spells it, for this table.
    /// - Throws: ``UnknownField`` when the name is not one of the table's fields.
    public func field(named name: String) throws(UnknownField) -> Field {
        guard let field = Field(rawValue: name), fields.contains(field) else { throw UnknownField(name: name, table: self) }
        return field
    }

    /// Tables whose rows carry amounts: blank, total and note rows are told apart there.
    public var isAmountTable: Bool { self == .budgetLines || self == .allocations || self == .sectorSummary }
}

/// A field name that the table it is given for does not have.
public struct UnknownField: Error, Equatable, CustomStringConvertible {
    public var name: String
    public var table: TableKind

    public init(name: String, table: TableKind) {
        self.name = name
        self.table = table
    }

    public var description: String { message() }

    /// `unknown field 'fte' in PATH (did you mean …?): table 'goals' has the fields code, shortName, title`;
    /// a field of another table says whose it is.
    public func message(at path: String? = nil, suggestion: String? = nil) -> String {
        let owners = Field(rawValue: name).map { field in TableKind.allCases.filter { $0.fields.contains(field) }.map(\.rawValue) } ?? []
        let elsewhere = owners.isEmpty ? "" : " ('\(name)' is a field of \(owners.map { "'\($0)'" }.joined(separator: ", ")))"
        let place = path.map { " in \($0)" } ?? ""
        let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
        return "unknown field '\(name)'\(place)\(hint)\(elsewhere): table '\(table.rawValue)' has the fields \(table.fields.map(\.rawValue).joined(separator: ", "))"
    }
}
