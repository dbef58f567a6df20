import Foundation
import Results

/// The two sides of the reconciliation grain (output, year), built once from the model.
struct Ledger {
    /// One side's cells for an (output, year): all funding, and the regular-budget part.
    struct Side {
        var all: Decimal = 0
        var rb: Decimal = 0
        var allCells: [CellSource] = []
        var rbCells: [CellSource] = []
        var hasRB = false
        var hasXB = false
        var units: [MoneyUnit] = []
        /// Rows or lines with an amount for the pair, top to bottom.
        var rowCount = 0

        /// The one class of money this side holds, nil when it holds both or none.
        var fundingClass: FundingClass? {
            if hasRB && !hasXB { return .regular }
            if hasXB && !hasRB { return .extrabudgetary }
            return nil
        }
    }

    struct Key: Hashable { var output: OutputCode; var year: Int }

    var op: [Key: Side] = [:]
    var fp: [Key: Side] = [:]
    /// Outputs with any FP line (whatever the years hold).
    var fpOutputs: Set<OutputCode> = []
    var opOutputs: Set<OutputCode> = []

    init(model: ResultsModel, years: [Int]) {
        for a in model.allocations {
            opOutputs.insert(a.output)
            for year in years {
                guard let cost = a.years[year], !cost.cells.isEmpty else { continue }
                var side = op[Key(output: a.output, year: year), default: Side()]
                side.all += cost.chf
                side.allCells += cost.cells.map(\.source)
                side.units += cost.cells.map(\.unit)
                side.rowCount += 1
                if a.funding.isRegular {
                    side.rb += cost.chf
                    side.rbCells += cost.cells.map(\.source)
                    if cost.chf != 0 { side.hasRB = true }
                } else if cost.chf != 0 { side.hasXB = true }
                op[Key(output: a.output, year: year)] = side
            }
        }
        for line in model.budgetLines {
            fpOutputs.insert(line.output)
            for year in years {
                guard let amount = line.years[year] else { continue }
                var side = fp[Key(output: line.output, year: year), default: Side()]
                side.all += amount.chf
                side.allCells.append(amount.source)
                side.units.append(amount.unit)
                side.rowCount += 1
                if line.funding.isRegular {
                    side.rb += amount.chf
                    side.rbCells.append(amount.source)
                    if amount.chf != 0 { side.hasRB = true }
                } else if amount.chf != 0 { side.hasXB = true }
                fp[Key(output: line.output, year: year)] = side
            }
        }
    }

    /// Every (output, year) on either side, in natural order.
    var keys: [Key] {
        Set(op.keys).union(fp.keys).sorted { ($0.output, $0.year) < ($1.output, $1.year) }
    }
}

extension Bureau {
    /// The bureau that owns an output: its code's prefix, else the given fallback.
    static func owner(of output: OutputCode, fallback: Bureau?) -> Bureau? {
        owning(prefix: output.prefix) ?? fallback
    }
}
