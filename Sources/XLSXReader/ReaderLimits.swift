internal import ZipIO
internal import XMLIO

/// Caps applied while reading an untrusted workbook (`reliability.md` 2.3 and 3.3).
///
/// The defaults take every real workbook of the conformance corpus and stop the bombs of the
/// safety catalogue. Nothing is allocated from a size or count the file declares: every cap
/// counts bytes actually inflated or characters actually parsed.
public struct ReaderLimits: Sendable, Equatable {
    /// Largest workbook file accepted, in bytes (256 MiB).
    public var maxFileBytes: UInt64 = 256 << 20
    /// Most zip entries accepted (10,000; a normal workbook has fewer than 100).
    public var maxEntries: Int = 10_000
    /// Largest inflated size of one worksheet (2 GiB: a 1 M-row × 20-column sheet is ~0.8 GB).
    public var maxWorksheetBytes: UInt64 = 2 << 30
    /// Largest inflated `sharedStrings.xml` (256 MiB: it is held in memory).
    public var maxSharedStringsBytes: UInt64 = 256 << 20
    /// Largest inflated size of every other part read (workbook, relationships, styles: 64 MiB).
    public var maxPartBytes: UInt64 = 64 << 20
    /// Largest inflated size of all parts read from one workbook (4 GiB).
    public var maxTotalBytes: UInt64 = 4 << 30
    /// Largest inflated ÷ compressed ratio of a part once past `ratioGraceBytes` (250:1).
    ///
    /// POI uses 100:1; the corpus holds a real 57 MB worksheet at 121:1 (SheetJS `large_strings`,
    /// ever-longer runs of one letter), while repetitive-XML bombs run at 345:1 and more and a
    /// deflated run of zeros at about 1,000:1.
    public var maxCompressionRatio: UInt64 = 250
    /// Bytes a part may inflate before the ratio applies (1 MiB: small parts such as `styles.xml`
    /// legitimately reach 140:1).
    public var ratioGraceBytes: UInt64 = 1 << 20
    /// Most characters (UTF-16 code units) in one cell's text: Excel's own limit, 32,767.
    public var maxCellCharacters: Int = 32_767
    /// Deepest element nesting accepted in any part.
    public var maxXMLDepth: Int = 256

    public init() {}

    var zip: ZipLimits {
        var z = ZipLimits()
        z.maxArchiveBytes = maxFileBytes
        z.maxEntries = maxEntries
        z.maxEntryBytes = max(maxWorksheetBytes, maxSharedStringsBytes, maxPartBytes)
        z.maxTotalBytes = maxTotalBytes
        z.maxCompressionRatio = maxCompressionRatio
        z.ratioGraceBytes = ratioGraceBytes
        return z
    }

    var xml: XMLLimits {
        var x = XMLLimits()
        x.maxDepth = maxXMLDepth
        // One text node holds at most a cell's characters at 4 UTF-8 bytes each (a formula is
        // shorter); the parser's cap keeps memory bounded before the cell check runs.
        x.maxTextBytes = max(maxCellCharacters, 8_192) * 4 + 1024
        return x
    }
}
