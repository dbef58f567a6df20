internal import ZipIO
internal import XMLIO

/// Streams the rows of one worksheet: `while let row = try cursor.nextRow() { … }`.
///
/// Bytes come from the zip entry in 64 KiB chunks through the SAX parser; rows are handed out as
/// soon as they are complete, so memory holds one chunk's worth of rows. Merged ranges and the
/// dimension follow `<sheetData>` in the part, so they are complete once `nextRow()` returned nil.
public final class SheetCursor {
    public let sheet: SheetInfo
    private let stream: ZipEntryReader
    private let parser: XMLPushParser
    private let handler: WorksheetHandler
    private var buffer = [UInt8](repeating: 0, count: 64 << 10)
    private var finished = false
    private let file: String

    init(sheet: SheetInfo, stream: ZipEntryReader, context: WorksheetHandler.Context, file: String, xmlLimits: XMLPushParser.Limits) {
        self.sheet = sheet
        self.stream = stream
        self.file = file
        handler = WorksheetHandler(context: context, file: file, part: sheet.part)
        parser = XMLPushParser(document: sheet.part, vocabulary: WorksheetHandler.vocabulary, handler: handler, limits: xmlLimits)
    }

    /// Merged ranges seen so far (all of them once the cursor is exhausted).
    public var mergedRanges: [CellRange] { handler.merges }
    /// The `<dimension>` the sheet declares, if any (informative only).
    public var declaredDimension: CellRange? { handler.dimension }

    /// The next row with at least one cell, or nil at the end of the sheet.
    /// - Throws: ``XLSXError`` naming the part and, for cell problems, the cell.
    public func nextRow() throws -> SheetRow? {
        while handler.ready.isEmpty {
            if finished { return nil }
            do {
                let n = try stream.read(into: &buffer)
                if n == 0 {
                    finished = true
                    try parser.finish()
                } else {
                    try parser.feed(buffer, count: n)
                }
            } catch let error as ZipIOError {
                finished = true
                throw XLSXError(error, file: file)
            } catch let error as XMLParseError {
                finished = true
                if let cause = handler.failure { throw cause }
                throw XLSXError(error, file: file, part: sheet.part)
            }
        }
        return handler.ready.popFirst()
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

