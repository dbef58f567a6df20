import Foundation
import Results

/// A worker's whole outcome written by hand (format version 3): the file's load, its model and
/// every record of the model as a record (tag 19: a field count, then the fields in the order of
/// ``TransferFormat``), so that neither the worker's encoding nor the run's decoding goes through
/// `Codable`'s keyed containers, their key names and their first-use costs (conformance and
/// metadata look-ups, a fresh worker's first file paid most of them). Findings (``Finding``, whose
/// message has a case per rule) still go through their conformance.
extension TransferWriter {
    /// A file's outcome: `loaded` and its model, or `refused`, its category and reason.
    func fileLoad(_ value: FileLoad) throws {
        switch value {
        case .loaded(let model):
            record(2)
            string("loaded")
            try resultsModel(model)
        case .refused(let category, let reason):
            record(3)
            string("refused")
            string(category)
            string(reason)
        }
    }

    func resultsModel(_ value: ResultsModel) throws {
        record(19)
        array(value.submissions, submission)
        array(value.missed, missedWorkbook)
        array(value.goals, goal)
        try array(value.targets, target)
        array(value.objectives, objective)
        array(value.outputs, frameworkOutput)
        array(value.crosswalk, crosswalkEntry)
        try array(value.kpis, kpi)
        try array(value.budgetLines, budgetLine)
        try array(value.sectorSummary, sectorSummary)
        bool(value.hasSectorSummary)
        try optional(value.envelope, envelope)
        try array(value.allocations, allocation)
        try array(value.risks, risk)
        try array(value.statedTotals, statedTotal)
        array(value.duplicates, duplicateRow)
        array(value.rejectedRows, rejectedRow)
        try array(value.loadFindings) { try encodeValue($0) }
        array(value.notes, note)
    }

    // MARK: Submissions

    func submission(_ value: Submission) {
        record(5)
        string(value.file)
        string(value.kind.rawValue)
        optional(value.bureau?.rawValue, string)
        array(value.sheets, sheetAccount)
        array(value.unloaded, unloadedTable)
    }

    func sheetAccount(_ value: SheetAccount) {
        record(9)
        string(value.sheet)
        optional(value.table, string)
        string(value.headerRow)
        signed(value.read)
        signed(value.loaded)
        signed(value.skipped)
        signed(value.rejected)
        array(value.columns, columnAccount)
        array(value.missing, fieldGap)
    }

    func columnAccount(_ value: ColumnAccount) {
        record(12)
        string(value.column)
        string(value.header)
        string(value.role.rawValue)
        optional(value.field, string)
        optional(value.alias, string)
        optional(value.year, signed)
        optional(value.category, string)
        optional(value.unit, string)
        optional(value.unitOrigin, string)
        optional(value.reason, string)
        optional(value.probably, string)
        optional(value.suggestedLine, string)
    }

    func fieldGap(_ value: FieldGap) {
        record(2)
        string(value.field)
        array(value.rules) { string($0.rawValue) }
    }

    func unloadedTable(_ value: UnloadedTable) {
        record(3)
        string(value.table)
        optional(value.sheet, string)
        array(value.findings, findingID)
    }

    func missedWorkbook(_ value: MissedWorkbook) {
        record(4)
        string(value.file)
        string(value.reason)
        optional(value.kind?.rawValue, string)
        optional(value.bureau?.rawValue, string)
    }

    // MARK: Results framework

    func goal(_ value: Goal) {
        record(4)
        string(value.code)
        string(value.shortName)
        string(value.title)
        cell(value.source)
    }

    func target(_ value: Target) throws {
        record(9)
        string(value.code)
        string(value.goal)
        string(value.description)
        string(value.unit)
        try optional(value.baseline, decimal)
        optional(value.baselineYear, signed)
        try optional(value.target, decimal)
        optional(value.targetYear, signed)
        cell(value.source)
    }

    func objective(_ value: Objective) {
        record(7)
        string(value.code)
        optional(value.bureau?.rawValue, string)
        string(value.kind)
        string(value.title)
        array(value.goalTokens, string)
        optional(value.goalsSource, cell)
        cell(value.source)
    }

    func frameworkOutput(_ value: FrameworkOutput) {
        record(8)
        string(value.code.text)
        string(value.objective)
        optional(value.bureau?.rawValue, string)
        string(value.title)
        bool(value.isCostRecovery)
        cell(value.source)
        optional(value.objectiveCell, cell)
        optional(value.bureauCell, cell)
    }

    func crosswalkEntry(_ value: CrosswalkEntry) {
        record(4)
        string(value.oldCode)
        optional(value.newCode, string)
        string(value.note)
        cell(value.source)
    }

    func kpi(_ value: KPI) throws {
        record(15)
        string(value.id)
        string(value.linkedTo)
        optional(value.linkedOutput?.text, string)
        string(value.name)
        string(value.unit)
        optional(value.direction?.rawValue, string)
        try optional(value.baseline, quantity)
        optional(value.baselineYear, signed)
        cell(value.baselineCell)
        try optional(value.target, quantity)
        optional(value.targetYear, signed)
        cell(value.targetCell)
        try intKeyed(value.actuals)
        optional(value.reportedStatus, textCell)
        cell(value.source)
    }

    func risk(_ value: Risk) throws {
        record(15)
        string(value.id)
        optional(value.bureau?.rawValue, string)
        string(value.description)
        string(value.category)
        optional(value.linkedObjective, textCell)
        optional(value.linkedOutput, textCell)
        try optional(value.likelihood, quantity)
        try optional(value.impact, quantity)
        cell(value.likelihoodCell)
        try optional(value.statedScore, quantity)
        string(value.owner)
        textCell(value.mitigation)
        string(value.status)
        optional(value.lastReview, string)
        cell(value.source)
    }

    // MARK: Financial plan

    func sectorSummary(_ value: SectorSummary) throws {
        record(4)
        string(value.bureau.rawValue)
        try intKeyed(value.years)
        try optional(value.biennium, amount)
        signed(value.row)
    }

    func envelope(_ value: Envelope) throws {
        record(2)
        try decimal(value.amount)
        cell(value.source)
    }

    // MARK: Rows noted

    func sourceTag(_ value: SourceTag) {
        record(3)
        string(value.kind.rawValue)
        optional(value.bureau?.rawValue, string)
        bool(value.isSummary)
    }

    /// A stated total's measure: `year` and the year, or `biennium` or `fte` and nil.
    func measure(_ value: StatedTotal.Measure) {
        record(2)
        switch value {
        case .year(let year):
            string("year")
            signed(year)
        case .biennium:
            string("biennium")
            null()
        case .fte:
            string("fte")
            null()
        }
    }

    func duplicateRow(_ value: DuplicateRow) {
        record(7)
        sourceTag(value.workbook)
        string(value.key)
        optional(value.bureau?.rawValue, string)
        optional(value.output?.text, string)
        bool(value.identical)
        cell(value.keptCell)
        cell(value.duplicateCell)
    }

    func rejectedRow(_ value: RejectedRow) {
        record(6)
        string(value.file)
        string(value.sheet)
        signed(value.row)
        array(value.cells) { cell in
            record(3)
            string(cell.column)
            optional(cell.header, string)
            string(cell.text)
        }
        optional(value.finding, findingID)
        string(value.reason)
    }

    /// A finding's identity: its rule, its parts (each its case's name and value) and occurrence.
    func findingID(_ value: Finding.ID) {
        record(3)
        string(value.rule.rawValue)
        array(value.parts) { part in
            record(2)
            switch part {
            case .output(let code): string("output"); string(code.text)
            case .year(let year): string("year"); signed(year)
            case .biennium(let biennium):
                string("biennium")
                record(2)
                signed(biennium.first)
                signed(biennium.second)
            case .bureau(let bureau): string("bureau"); string(bureau.rawValue)
            case .kind(let kind): string("kind"); string(kind.rawValue)
            case .source(let tag): string("source"); sourceTag(tag)
            case .text(let text): string("text"); string(text)
            }
        }
        signed(value.occurrence)
    }

    func note(_ value: Note) {
        record(4)
        string(value.kind.rawValue)
        string(value.severity.rawValue)
        optional(value.source) { source in
            record(3)
            string(source.file)
            optional(source.sheet, string)
            optional(source.cell, string)
        }
        string(value.text)
    }
}
