import Foundation

/// Builds zip archives byte by byte for reader tests, including the malformed ones no zip library
/// will write: duplicate names, wrong CRCs, lying sizes, foreign methods, truncated files.
///
/// The bytes are assembled by a short Python program (its `zlib` gives real deflate streams, which
/// bombs need); the project's `.venv` Python or the system `python3` runs it.
public struct ZipFixture: Encodable, Sendable {
    /// A run of text repeated `times` times; entries are built from runs so a bomb needs no memory here.
    public struct Run: Encodable, Sendable {
        public var text: String
        public var times: Int
        public init(_ text: String, times: Int = 1) {
            self.text = text
            self.times = times
        }
    }

    public struct Entry: Encodable, Sendable {
        public var name: String
        public var runs: [Run]
        /// 0 stored, 8 deflated; any other number is written as the method field over stored bytes.
        public var method: Int = 8
        /// Written instead of the real CRC-32 (in both headers).
        public var crc: UInt32?
        /// Written instead of the real uncompressed size (in both headers).
        public var declaredSize: UInt64?
        /// Written instead of `name` in the local header only.
        public var localName: String?
        /// General-purpose flags (bit 0: encrypted).
        public var flags: UInt16 = 0
        /// Written as Info-ZIP does when streaming: flag bit 3, CRC and compressed size 0 but the
        /// uncompressed size in the local header, a data descriptor after the data.
        public var streamed = false
        /// Written instead of the real compressed size (in both headers), e.g. to make entries overlap.
        public var declaredCompressedSize: UInt64?
        /// The text's encoding: `utf-8`, or `utf-16` (little-endian with a byte-order mark).
        public var textEncoding = "utf-8"
        /// Written instead of the declared uncompressed size in the local header only (in its
        /// ZIP64 extra field in a ZIP64 archive).
        public var localDeclaredSize: UInt64?

        public init(_ name: String, _ text: String, method: Int = 8) {
            self.name = name
            self.runs = [Run(text)]
            self.method = method
        }

        public init(_ name: String, runs: [Run], method: Int = 8) {
            self.name = name
            self.runs = runs
            self.method = method
        }
    }

    /// ZIP64 records, as real writers make them without any entry needing them.
    public enum Zip64: String, Encodable, Sendable {
        /// Python's `zipfile` with `force_zip64=True`: each local header's sizes are 0xFFFFFFFF
        /// with both in a ZIP64 extra field; the central directory and its end are plain.
        case localHeaders
        /// Info-ZIP `zip -fz` and more: the local headers as above, and central-directory entries
        /// whose sizes and offset are 0xFFFFFFFF with the values in ZIP64 extra fields, found
        /// through a ZIP64 end record and locator (the plain end record's offset 0xFFFFFFFF).
        ///
        /// In both, the central directory states a lower version needed to extract (2.0) than the
        /// local header (4.5), as Python does for every entry and Info-ZIP for folders: libzip
        /// 1.7.3's consistency check refuses exactly that.
        case everywhere
    }

    public var entries: [Entry]
    /// Keep only the first `truncateTo` bytes of the archive.
    public var truncateTo: Int?
    /// Write ZIP64 records (not with streamed entries).
    public var zip64: Zip64?

    public init(_ entries: [Entry], truncateTo: Int? = nil, zip64: Zip64? = nil) {
        self.entries = entries
        self.truncateTo = truncateTo
        self.zip64 = zip64
    }

    /// The Python that runs the builder, or nil when none is installed.
    public static var python: String? {
        Fixtures.python ?? ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes the archive to `path`.
    public func write(to path: String) throws {
        guard let python = Self.python else { throw Failure(description: "no Python to build zip fixtures") }
        let result = try Subprocess.run(python, ["-c", Self.builder, path], input: try JSONEncoder().encode(self))
        guard result.status == 0 else { throw Failure(description: "zip fixture builder failed: \(result.errors)") }
    }

    /// Writes the archive into a fresh temporary folder and returns its path. The folders are
    /// removed when the test process exits.
    public func write(named name: String) throws -> String {
        let folder = Self.folder.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try write(to: path)
        return path
    }

    /// One folder per test process for every fixture written.
    private static let folder: URL = {
        let url = Fixtures.temporaryDirectory("rbm-zip-fixtures")
        atexit { ZipFixture.removeFolder() }
        return url
    }()

    private static func removeFolder() { try? FileManager.default.removeItem(at: folder) }

    private static let builder = #"""
import json, struct, sys, zlib
spec = json.load(sys.stdin)
zip64 = spec.get("zip64")
out = bytearray()
central = bytearray()
for e in spec["entries"]:
    method = e.get("method", 8)
    crc, size, raw_chunks = 0, 0, []
    comp = zlib.compressobj(9, zlib.DEFLATED, -15) if method == 8 else None
    body = bytearray()
    utf16 = e.get("textEncoding", "utf-8") == "utf-16"
    runs = ([{"text": "\ufeff", "times": 1}] if utf16 else []) + e["runs"]
    for run in runs:
        piece = run["text"].encode("utf-16-le" if utf16 else "utf-8")
        times = run["times"]
        # feed repeated text in blocks so a large entry never sits in memory uncompressed
        block = piece * max(1, min(times, (1 << 20) // max(1, len(piece))))
        per_block = max(1, min(times, (1 << 20) // max(1, len(piece))))
        left = times
        while left > 0:
            n = min(left, per_block)
            data = block if n == per_block else piece * n
            crc = zlib.crc32(data, crc)
            size += len(data)
            body += comp.compress(data) if comp else data
            left -= n
    if comp:
        body += comp.flush()
    if e.get("crc") is not None:
        crc = e["crc"]
    declared = e.get("declaredSize")
    if declared is None:
        declared = size
    name = e["name"].encode("utf-8")
    local_name = e["localName"].encode("utf-8") if e.get("localName") is not None else name
    flags = e.get("flags", 0) | 0x800
    streamed = e.get("streamed", False)
    if streamed:
        flags |= 8
    csize = e.get("declaredCompressedSize")
    if csize is None:
        csize = len(body)
    offset = len(out)
    if streamed:
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, 0, 0x21, 0, 0, declared & 0xFFFFFFFF, len(local_name), 0)
        out += local_name + body + struct.pack("<IIII", 0x08074B50, crc & 0xFFFFFFFF, csize & 0xFFFFFFFF, declared & 0xFFFFFFFF)
    else:
        local_declared = e.get("localDeclaredSize")
        if local_declared is None:
            local_declared = declared
        if zip64:
            extra = struct.pack("<HHQQ", 1, 16, local_declared, csize)
            out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, flags, method, 0, 0x21,
                               crc & 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, len(local_name), len(extra))
            out += local_name + extra + body
        else:
            out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, 0, 0x21,
                               crc & 0xFFFFFFFF, csize & 0xFFFFFFFF, local_declared & 0xFFFFFFFF, len(local_name), 0)
            out += local_name + body
    if zip64 == "everywhere":
        extra = struct.pack("<HHQQQ", 1, 24, declared, csize, offset)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 20, flags, method, 0, 0x21,
                               crc & 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, len(name), len(extra), 0, 0, 0, 0, 0xFFFFFFFF)
        central += name + extra
    else:
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, method, 0, 0x21,
                               crc & 0xFFFFFFFF, csize & 0xFFFFFFFF, declared & 0xFFFFFFFF, len(name), 0, 0, 0, 0, 0, offset)
        central += name
cd_offset = len(out)
out += central
n = len(spec["entries"])
if zip64 == "everywhere":
    record = len(out)
    out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, n, n, len(central), cd_offset)
    out += struct.pack("<IIQI", 0x07064B50, 0, record, 1)
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(central), 0xFFFFFFFF, 0)
else:
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(central), cd_offset, 0)
if spec.get("truncateTo") is not None:
    out = out[:spec["truncateTo"]]
open(sys.argv[1], "wb").write(out)
"""#
}

/// A minimal workbook as zip entries, with every part replaceable: the starting point of the
/// hostile-input tests.
public struct WorkbookFixture {
    public var sheetXML: String
    public var sharedStringsXML: String?
    /// `xl/styles.xml`, for cells whose number format matters (``styles(numberFormats:)``).
    public var stylesXML: String?
    public var workbookXML = #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    public var workbookRelsXML: String?
    public var contentTypesXML = #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#
    public var rootRelsXML = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#

    public init(sheetXML: String, sharedStringsXML: String? = nil) {
        self.sheetXML = sheetXML
        self.sharedStringsXML = sharedStringsXML
    }

    /// A worksheet whose `<sheetData>` holds `rows`.
    public init(rows: String, sharedStrings: [String]? = nil) {
        self.init(sheetXML: Self.sheet(rows), sharedStringsXML: sharedStrings.map(Self.sharedStrings))
    }

    public static func sheet(_ rows: String) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
            + rows + "</sheetData></worksheet>"
    }

    public static func sharedStrings(_ items: [String]) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + items.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"
    }

    /// A style sheet whose cell formats 1, 2, … show `numberFormats` (built-in ids or format codes;
    /// format 0 is General).
    public static func styles(numberFormats: [String]) -> String {
        var custom: [String] = []
        let ids = numberFormats.map { format -> Int in
            if let id = Int(format) { return id }
            custom.append(#"<numFmt numFmtId="\#(164 + custom.count)" formatCode="\#(format)"/>"#)
            return 163 + custom.count
        }
        return #"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + (custom.isEmpty ? "" : #"<numFmts count="\#(custom.count)">"# + custom.joined() + "</numFmts>")
            + #"<cellXfs count="\#(ids.count + 1)"><xf numFmtId="0"/>"#
            + ids.map { #"<xf numFmtId="\#($0)" applyNumberFormat="1"/>"# }.joined() + "</cellXfs></styleSheet>"
    }

    /// The package's entries, in the order Excel writes them.
    public var entries: [ZipFixture.Entry] {
        var rels = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#
        if sharedStringsXML != nil {
            rels += #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
        }
        if stylesXML != nil {
            rels += #"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        }
        rels += "</Relationships>"
        var entries = [
            ZipFixture.Entry("[Content_Types].xml", contentTypesXML),
            ZipFixture.Entry("_rels/.rels", rootRelsXML),
            ZipFixture.Entry("xl/workbook.xml", workbookXML),
            ZipFixture.Entry("xl/_rels/workbook.xml.rels", workbookRelsXML ?? rels),
            ZipFixture.Entry("xl/worksheets/sheet1.xml", sheetXML),
        ]
        if let sharedStringsXML { entries.append(ZipFixture.Entry("xl/sharedStrings.xml", sharedStringsXML)) }
        if let stylesXML { entries.append(ZipFixture.Entry("xl/styles.xml", stylesXML)) }
        return entries
    }

    /// Writes the workbook, after `edit` changed its entries, as `name` in a fresh folder.
    public func write(named name: String = "book.xlsx", edit: (inout [ZipFixture.Entry]) -> Void = { _ in }) throws -> String {
        var entries = self.entries
        edit(&entries)
        return try ZipFixture(entries).write(named: name)
    }
}
