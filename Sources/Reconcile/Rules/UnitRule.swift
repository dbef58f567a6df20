import Foundation
import Results

/// FIN-007: an amount entered in the wrong unit (a factor of about 1 000), per cell or per column.
struct UnitRule: Rule {
    var emits: [RuleID] { [.fin007] }
    func apply(to run: inout RuleRun) {
        run.coverBureaus(emits)
        run.unitRule()
    }
}

extension RuleRun {
    /// FIN-007: sides differing by a factor of about 1 000. Leaves the pairs it covers and the
    /// cells behind each per-cell finding (FIN-003, FIN-004 and FIN-011 read them).
    mutating func unitRule() {
        guard hasFinancialPlan else { return }
        let band = tolerances.unitFactorBand, bigBand = 1000 * band
        struct Hit { var key: Ledger.Key; var ratio: Exact; var op: Ledger.Side; var fp: Ledger.Side }
        var hits: [Hit] = []
        var pairsPerColumn: [SourceRef: Int] = [:]
        /// The amount column of a side's first cell: `file!sheet!E`.
        func column(_ side: Ledger.Side) -> SourceRef {
            guard let c = side.allCells.first else { return SourceRef(file: "") }
            return SourceRef(file: c.file, sheet: c.sheet, cell: CellPosition.letters(c.position.column))
        }
        for key in ledger.keys {
            guard let op = ledger.op[key], let fp = ledger.fp[key], !op.all.isZero, !fp.all.isZero else { continue }
            pairsPerColumn[column(op), default: 0] += 1
            // ratio = op / fp within the band of 1000 or of 1/1000, compared as products (|fp| > 0):
            // a division per pair led the reconciliation's profile at scale (issue 11).
            let scale = abs(fp.all)
            let big = abs(op.all - 1000 * fp.all) <= bigBand * scale
            let small = abs(1000 * op.all - fp.all) <= band * scale
            if big || small { hits.append(Hit(key: key, ratio: op.all / fp.all, op: op, fp: fp)) }
        }
        var byColumn: [SourceRef: [Hit]] = [:]
        for hit in hits { byColumn[column(hit.op), default: []].append(hit) }
        var columnCells: [(CellSource, Finding.ID)] = []
        /// The operational-plan cells behind each per-cell finding, in the order they are emitted.
        var pairCells: [(CellSource, Finding.ID)] = []
        var covered = Set<Ledger.Key>()
        for (col, columnHits) in byColumn.sorted(by: { $0.key.description < $1.key.description }) {
            let pairs = pairsPerColumn[col, default: 0]
            if columnHits.count >= 2, Exact(columnHits.count) >= Exact(pairs) * 0.8, let first = columnHits.first?.op.allCells.first {
                let a = model.allocations.first { $0.outputCell.file == first.file }
                emit(Finding(id: Finding.ID(.fin007, .source(.operationalPlan(a?.bureau)), .text("\(first.sheet)!\(CellPosition.letters(first.position.column))")),
                             severity: .error, bureau: a?.bureau,
                             message: .unitColumn(file: first.file, sheet: first.sheet, column: CellPosition.letters(first.position.column),
                                                  hits: columnHits.count, pairs: pairs),
                             expected: .term(.declaredUnit), actual: .term(.thousandFold(hits: columnHits.count, pairs: pairs)), sources: [col]))
                columnHits.forEach { covered.insert($0.key) }
                // Every cell of the column's hits explains what sums it (FIN-004, FIN-009, FIN-011).
                if let id = findings.last?.id { columnCells += columnHits.flatMap(\.op.allCells).map { ($0, id) } }
                continue
            }
            for hit in columnHits {
                let unit = hit.op.units.first ?? .chf
                let bureau = owner(hit.key.output)
                emit(Finding(id: Finding.ID(.fin007, .output(hit.key.output), .year(hit.key.year)), severity: .error, bureau: bureau,
                             output: hit.key.output, period: .year(hit.key.year),
                             message: .unitCell(output: hit.key.output, year: hit.key.year, planned: hit.op.all, unit: unit, budgeted: hit.fp.all, ratio: hit.ratio),
                             expected: .term(.inUnit(hit.fp.all / unit.factor, unit)),
                             actual: .term(.inUnit(hit.op.all / unit.factor, unit)),
                             delta: .ratio(hit.ratio), sources: Format.summed(hit.op.allCells) + Format.summed(hit.fp.allCells)))
                if let id = findings.last?.id { pairCells += hit.op.allCells.map { ($0, id) } }
                covered.insert(hit.key)
            }
        }
        unitCovered = covered
        // A cell behind a per-cell finding is explained by it first, then by its column's (the cells
        // are taken as the findings are emitted, not looked up by id for every key: issue 11).
        unitErrorCells = Dictionary(pairCells + columnCells, uniquingKeysWith: { a, _ in a })
    }
}
