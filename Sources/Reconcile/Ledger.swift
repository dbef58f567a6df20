import Foundation
import Results

/// The two sides of the reconciliation grain (output, year), built once from the model.
struct Ledger {
    /// One side's cells for an (output, year): all funding, and the regular-budget part.
    ///
    /// A class: filled while the ledger is built, then only read, by every rule and for every key;
    /// a look-up hands out one reference instead of copying four arrays (issue 11).
    final class Side {
        var all: Exact = 0
        var rb: Exact = 0
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

    var op: [Key: Side]
    var fp: [Key: Side]
    /// Outputs with any FP line (whatever the years hold).
    var fpOutputs: Set<OutputCode>
    var opOutputs: Set<OutputCode>

    /// Every (output, year) on either side, in natural order (sorted once, each code's natural-order
    /// key built once).
    let keys: [Key]
    /// Indexes of `model.allocations` and `model.budgetLines` by output, in model order: rules look
    /// rows up here instead of scanning the model once per key.
    let allocationIndex: [OutputCode: [Int]]
    let budgetLineIndex: [OutputCode: [Int]]

    /// `threads` > 1 builds the two sides at once (issue 11).
    init(model: ResultsModel, years: [Int], threads: Int = 1) {
        let halves = ParallelWork.map(2, order: [0, 1], threads: threads) { half in
            half == 0 ? Self.operationalSide(model.allocations, years: years) : Self.financialSide(model.budgetLines, years: years)
        }
        (op, opOutputs, allocationIndex) = (halves[0].sides, halves[0].outputs, halves[0].index)
        (fp, fpOutputs, budgetLineIndex) = (halves[1].sides, halves[1].outputs, halves[1].index)
        // (output, year) < (output, year): the output's natural order, then the year. The outputs
        // are sorted (each code's natural-order key built once), then each output's years.
        var years: [OutputCode: [Int]] = [:]
        for key in Set(op.keys).union(fp.keys) { years[key.output, default: []].append(key.year) }
        keys = NaturalOrder.sorted(Array(years.keys), by: \.text).flatMap { output in
            years[output, default: []].sorted().map { Key(output: output, year: $0) }
        }
    }

    /// One side of the ledger: its cells by (output, year), the outputs with any row, and each
    /// output's rows in model order.
    struct Half {
        var sides: [Key: Side] = [:]
        var outputs: Set<OutputCode> = []
        var index: [OutputCode: [Int]] = [:]
    }

    /// The operational plans' side.
    static func operationalSide(_ allocations: [Allocation], years: [Int]) -> Half {
        var half = Half()
        for (index, a) in allocations.enumerated() {
            half.outputs.insert(a.output)
            half.index[a.output, default: []].append(index)
            for year in years {
                guard let cost = a.years[year], !cost.cells.isEmpty else { continue }
                Self.update(&half.sides, Key(output: a.output, year: year)) { side in
                    side.all += cost.chf
                    for cell in cost.cells {
                        side.allCells.append(cell.source)
                        side.units.append(cell.unit)
                    }
                    side.rowCount += 1
                    if a.funding.isRegular {
                        side.rb += cost.chf
                        for cell in cost.cells { side.rbCells.append(cell.source) }
                        if !cost.chf.isZero { side.hasRB = true }
                    } else if !cost.chf.isZero { side.hasXB = true }
                }
            }
        }
        return half
    }

    /// The financial plan's side.
    static func financialSide(_ lines: [BudgetLine], years: [Int]) -> Half {
        var half = Half()
        for (index, line) in lines.enumerated() {
            half.outputs.insert(line.output)
            half.index[line.output, default: []].append(index)
            for year in years {
                guard let amount = line.years[year] else { continue }
                Self.update(&half.sides, Key(output: line.output, year: year)) { side in
                    side.all += amount.chf
                    side.allCells.append(amount.source)
                    side.units.append(amount.unit)
                    side.rowCount += 1
                    if line.funding.isRegular {
                        side.rb += amount.chf
                        side.rbCells.append(amount.source)
                        if !amount.chf.isZero { side.hasRB = true }
                    } else if !amount.chf.isZero { side.hasXB = true }
                }
            }
        }
        return half
    }

    /// Changes one side in place, made on first use.
    private static func update(_ sides: inout [Key: Side], _ key: Key, _ body: (Side) -> Void) {
        if let side = sides[key] { return body(side) }
        let side = Side()
        sides[key] = side
        body(side)
    }
}

extension ResultsModel {
    /// The allocations of `output`, in model order, through the ledger's index.
    func allocations(of output: OutputCode, in ledger: Ledger) -> LazyMapSequence<[Int], Allocation> {
        let allocations = allocations   // the one array, not the whole model, goes into the closure
        return (ledger.allocationIndex[output] ?? []).lazy.map { allocations[$0] }
    }

    /// The financial-plan lines of `output`, in model order, through the ledger's index.
    func budgetLines(of output: OutputCode, in ledger: Ledger) -> LazyMapSequence<[Int], BudgetLine> {
        let lines = budgetLines
        return (ledger.budgetLineIndex[output] ?? []).lazy.map { lines[$0] }
    }
}

extension Bureau {
    /// The bureau that owns an output: its code's prefix, else the given fallback.
    static func owner(of output: OutputCode, fallback: Bureau?) -> Bureau? {
        owning(prefix: output.prefix) ?? fallback
    }
}
