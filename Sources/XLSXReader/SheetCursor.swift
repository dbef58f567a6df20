public import XLSXCore
internal import ZipIO
internal import XMLIO

/// Streams the rows of one worksheet: `while let row = try cursor.nextRow() { … }`.
///
/// Two threads share the work on two cores (``XMLBackgroundParser``): libxml2 parses on a thread
/// of its own, while the caller's thread inflates the zip entry in 192 KiB chunks a few chunks
/// ahead and turns the parsed events into cells and rows. Rows are handed out as soon as they are
/// complete, and at most a few chunks wait, so memory stays flat whatever the sheet's size. Merged ranges and the dimension follow
/// `<sheetData>` in the part, so they are complete once `nextRow()` returned nil.
public final class SheetCursor {
    public let sheet: SheetInfo
    private let parser: XMLBackgroundParser<WorksheetHandler>
    private var finished = false
    /// The problem that ended the sheet, thrown once the rows before it are handed out.
    private var failure: Error?
    private let file: String

    init(sheet: SheetInfo, stream: ZipEntryReader, context: WorksheetHandler.Context, file: String, xmlLimits: XMLLimits) {
        self.sheet = sheet
        self.file = file
        parser = XMLBackgroundParser(document: sheet.part, handler: WorksheetHandler(context: context, file: file, part: sheet.part),
                                     limits: xmlLimits, expectedBytes: stream.entry.declaredSize, source: { buffer in try stream.read(into: &buffer) })
    }

    /// Merged ranges seen so far (all of them once the cursor is exhausted).
    public var mergedRanges: [CellRange] { parser.withHandler { $0.merges } }
    /// The `<dimension>` the sheet declares, if any (informative only).
    public var declaredDimension: CellRange? { parser.withHandler { $0.dimension } }

    /// The next row with at least one cell, or nil at the end of the sheet.
    ///
    /// Every row completed before a problem is handed out first; then the problem is thrown, and
    /// thrown again by every later call.
    /// - Throws: ``XLSXError`` naming the part and, for cell problems, the cell.
    public func nextRow() throws -> SheetRow? {
        while true {
            if let row = parser.withHandler({ $0.ready.popFirst() }) { return row }
            if let failure { throw failure }
            if finished { return nil }
            do {
                if try !parser.nextBatch() { finished = true }
            } catch let error as ZipIOError {
                failure = XLSXError(error, file: file)
            } catch let error as XMLParseError {
                failure = parser.withHandler({ $0.failure }) ?? XLSXError(error, file: file, part: sheet.part)
            } catch {
                failure = error   // the handler refused a cell (an XLSXError naming it)
            }
        }
    }
}

/// A small FIFO that hands out rows without shifting an array on each pop.
struct RowQueue {
    private var items: [SheetRow] = []
    private var head = 0
    var isEmpty: Bool { head == items.count }

    mutating func append(_ row: SheetRow) { items.append(row) }

    mutating func popFirst() -> SheetRow? {
        guard head < items.count else { return nil }
        let row = items[head]
        head += 1
        if head == items.count { items.removeAll(keepingCapacity: true); head = 0 }
        return row
    }
}

