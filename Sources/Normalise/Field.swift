/// A column a table can read: every field of every ``TableKind``, spelt once.
///
/// One enum for all table kinds, with each kind's list of valid cases in ``TableKind/fields``,
/// rather than one type per kind. Many fields mean the same thing in several tables (`code`,
/// `title`, `bureau`, `output`, `amount`, `notes`) and are read by the same code; the loader
/// (``TableLayout``, `HeaderMapper`, `RowContext`, `SheetLoader`) handles every kind through one
/// path, which a type per kind would make generic or boxed for no gain in safety where it
/// matters. What the compiler now checks: a misspelt field does not compile. What the kind's list
/// checks: a pipeline file naming a field its table does not have is refused when it is loaded,
/// with the valid fields of that table; and the header mapper only ever maps a table's own
/// fields, so asking a row for another kind's field finds no column.
///
/// The raw values are the names pipeline files and `Defaults/defaults.yaml` use (`fields:`).
public enum Field: String, Sendable, Codable, CodingKeyRepresentable, CaseIterable {
    case code, shortName, title, goal, goals, description, unit, baseline, baselineYear, target, targetYear
    case bureau, type, objective, output, costRecovery
    case id, linkedTo, name, direction, actual, status, source
    case oldCode, newCode, note
    case sector, category, funding, amount, biennium, notes
    case label, value
    case activities, fte, priority
    case likelihood, impact, score, owner, mitigation, lastReview

    /// The case's place in ``allCases`` (`FieldOrdinalTests`): what the field is hashed by.
    var ordinal: Int {
        switch self {
        case .code: 0
        case .shortName: 1
        case .title: 2
        case .goal: 3
        case .goals: 4
        case .description: 5
        case .unit: 6
        case .baseline: 7
        case .baselineYear: 8
        case .target: 9
        case .targetYear: 10
        case .bureau: 11
        case .type: 12
        case .objective: 13
        case .output: 14
        case .costRecovery: 15
        case .id: 16
        case .linkedTo: 17
        case .name: 18
        case .direction: 19
        case .actual: 20
        case .status: 21
        case .source: 22
        case .oldCode: 23
        case .newCode: 24
        case .note: 25
        case .sector: 26
        case .category: 27
        case .funding: 28
        case .amount: 29
        case .biennium: 30
        case .notes: 31
        case .label: 32
        case .value: 33
        case .activities: 34
        case .fte: 35
        case .priority: 36
        case .likelihood: 37
        case .impact: 38
        case .score: 39
        case .owner: 40
        case .mitigation: 41
        case .lastReview: 42
        }
    }

    /// Hashed by its place, not its raw text: a raw-value enum's default hashes the raw string,
    /// and every row looks its fields' columns up (issue 11: about 45,000 times a run at 58 times
    /// the demo).
    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }

    /// How a field's cells are read.
    public enum Role: String, Sendable, CaseIterable {
        /// A code in the code grammar (goal, target, objective, output, KPI or risk id).
        case code
        /// Text kept as typed (titles, descriptions, notes).
        case text
        /// A word read through a value-alias table (bureau, funding, priority, cost category…).
        case alias
        /// A number (FTE, baseline, likelihood, a parameter's value).
        case number
        /// A calendar year (`baselineYear`).
        case year
        /// One column per year of the biennium, the year in the header (`Planned cost 2022`).
        case yearColumns
        /// A stated biennium total, checked against the year columns.
        case bienniumTotal
    }
}
