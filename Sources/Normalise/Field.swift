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
