import Foundation
import Normalise
import Results

/// What a pooled worker does once it has started and before it reads its first request: pays,
/// on values of its own, the first-use costs that the first file would otherwise pay on the run's
/// critical path (issue 11), while the run is still discovering its inbox. A fresh worker read
/// its first workbook in about twice the time of the next: most of the difference was memory the
/// process touched for the first time (page faults, pages zeroed by the kernel), then the Swift
/// runtime's first look-ups (conformances, generic metadata) and code paged in.
///
/// Nothing here reads a file, writes one or answers: the worker's requests and replies are those
/// of a worker without it, and each step is cheap (a few milliseconds in all).
///
/// It stops as soon as a file waits (`stop`, checked between its steps and every megabyte of the
/// heap): from then on it would only hold the file back, since the first load pays for what it
/// touches itself (issue 11: the run claims its files about when a worker has started, and the
/// warm-up's 6-10 ms, most of it the heap, came before every worker's first file).
enum WorkerWarmUp {
    /// The heap the warm-up faults in: about what a large workbook's first load touches.
    static let heapBytes = 8 << 20

    /// - Parameter stop: whether a file waits.
    static func run(until stop: () -> Bool = { false }) {
        heap(until: stop)
        for step in [exchange, transfer, codes] {
            if stop() { return }
            step()
        }
    }

    /// Faults in heap pages that the first file's allocations then reuse. glibc's allocator
    /// serves a block larger than its threshold (128 KiB at first) with its own mapping and, when
    /// such a block is freed, raises the threshold to its size (and the size above which it gives
    /// the heap's top back to the system to twice that). So: a block of `heapBytes` reserved and
    /// freed untouched (it costs no page), then pieces below the new threshold written and freed,
    /// which stay in the heap, faulted in.
    static func heap(until stop: () -> Bool = { false }) {
        var reserved: [UInt8] = []
        reserved.reserveCapacity(heapBytes)
        withExtendedLifetime(reserved) {}
        reserved = []
        let piece = 256 << 10
        var pieces: [[UInt8]] = []
        pieces.reserveCapacity(heapBytes / piece)
        for index in 0..<heapBytes / piece {
            if index % 4 == 0, stop() { break }
            pieces.append([UInt8](repeating: 1, count: piece))
        }
        withExtendedLifetime(pieces) {}
    }

    /// A request read and a reply written, as for a file (JSON's first use).
    static func exchange() {
        let request = Data(#"{"file":"/warm-up.xlsx","result":"/warm-up.rbmt"}"#.utf8)
        _ = try? JSONDecoder().decode(WorkerPool.Request.self, from: request)
        _ = WorkerPool.Reply(status: .ok).line
    }

    /// An outcome with a value of the commonest records, written in the transfer format.
    static func transfer() {
        let cell = CellSource(file: "warm-up.xlsx", sheet: "Sheet1", position: CellPosition(row: 2, column: 3))
        let amount = Amount(chf: Exact(string: "1234.5") ?? 1, unit: .kchf, source: cell)
        let text = TextCell(text: "warm-up", source: cell)
        var model = ResultsModel()
        var account = SheetAccount(sheet: "Sheet1", headerRow: "1")
        account.columns = [ColumnAccount(column: "A", header: "Output", role: .field, field: "output")]
        model.submissions = [Submission(file: "warm-up.xlsx", kind: .financialPlan, bureau: nil, sheets: [account])]
        model.budgetLines = [BudgetLine(bureau: .br, sector: text, statedObjective: nil, output: OutputCode("R.1-1"), outputCell: cell,
                                        title: "warm-up", category: CostCategory("STAFF"), funding: FundingSource("RB"), fundingCell: cell,
                                        years: [2022: amount, 2023: amount], biennium: amount, notes: nil, row: 2)]
        model.allocations = [Allocation(bureau: .br, output: OutputCode("R.1-1"), outputCell: cell, statedObjective: text, title: "warm-up",
                                        years: [2022: YearCost(total: amount)], biennium: amount,
                                        fte: Quantity(value: 1, source: cell), priority: .high, priorityCell: cell,
                                        funding: FundingSource("RB"), fundingCell: cell, notes: nil, row: 2)]
        model.notes = [Note(.amountUnit, source: SourceRef(file: "warm-up.xlsx"), "warm-up")]
        _ = try? FileLoad.loaded(model).transferData()
    }

    /// The code grammar on an output code: its patterns' first use (the run's settings may not have come yet).
    static func codes() {
        _ = CodeGrammar().parse("R.1-1", as: .output)
    }
}
