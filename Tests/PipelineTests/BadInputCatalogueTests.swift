import Foundation
import Testing
import TestSupport
@testable import Pipeline

/// The bad-input catalogue of reliability.md section 9 (issue 14), as a sender would drop it: every
/// hostile or broken file of sections A–D that a test of its own did not already drop in a batch,
/// all at once beside the seven good demo workbooks. Each must be quarantined with its category
/// (kept whole, with its reason beside it), the demo must give its 43 findings as if alone (nothing
/// of the good files lost), and the files that are good in a strange way (ZIP64, stored parts, a
/// large styles part, absurd declared counts) must be read, not refused. docs/reliability.md maps
/// each item to this test or to the one that covers it.
@Suite(.enabled(if: ZipFixture.python != nil, "no Python to build the hostile files"))
struct BadInputCatalogueTests {
    typealias Entry = ZipFixture.Entry
    static let ole2: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
    static let cell = #"<row r="1"><c r="A1" t="inlineStr"><is><t>Budget</t></is></c></row>"#

    /// A catalogue file: its item number, its name in the inbox and the category its reason must start with.
    struct Case {
        var item: Int
        var file: String
        var category: String
        var make: (String) throws -> Void
    }

    static func bytes(_ data: [UInt8]) -> (String) throws -> Void {
        { try Data(data).write(to: URL(fileURLWithPath: $0)) }
    }

    static func zip(_ entries: [Entry], truncateTo: Int? = nil) -> (String) throws -> Void {
        { try ZipFixture(entries, truncateTo: truncateTo).write(to: $0) }
    }

    static func book(_ edit: @escaping (inout WorkbookFixture) -> Void = { _ in }, entries: @escaping (inout [Entry]) -> Void = { _ in })
        -> (String) throws -> Void {
        { path in
            var fixture = WorkbookFixture(rows: cell)
            edit(&fixture)
            var list = fixture.entries
            entries(&list)
            try ZipFixture(list).write(to: path)
        }
    }

    /// Changes the entry named `name` of a workbook's entries.
    static func on(_ name: String, _ change: @escaping (inout Entry) -> Void) -> (inout [Entry]) -> Void {
        { list in
            for i in list.indices where list[i].name == name { change(&list[i]) }
        }
    }

    static let doctype = #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>"#

    nonisolated(unsafe) static let cases: [Case] = [
        // A. Format and container
        Case(item: 1, file: "c01 empty.xlsx", category: "incomplete-file", make: bytes([])),
        Case(item: 2, file: "c02 zeros.xlsx", category: "incomplete-file", make: bytes([UInt8](repeating: 0, count: 4096))),
        Case(item: 3, file: "c03 half.xlsx", category: "incomplete-file", make: { path in
            let whole = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox/OP_GS_2022-2025_v2.xlsx")))
            try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))
        }),
        Case(item: 4, file: "c04 csv.xlsx", category: "not-a-workbook", make: bytes([0xEF, 0xBB, 0xBF] + Array("Output;2022;2023\nD.1-1;100;200\n".utf8))),
        Case(item: 4, file: "c04 tsv utf16.xlsx", category: "not-a-workbook",
             make: bytes([0xFF, 0xFE] + "Output\t2022\nD.1-1\t100\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })),
        Case(item: 5, file: "c05 html.xlsx", category: "not-a-workbook",
             make: bytes(Array("<html><body><table><tr><td>Output</td><td>2022</td></tr></table></body></html>".utf8))),
        Case(item: 5, file: "c05 html.xls", category: "not-a-workbook",
             make: bytes(Array("<!DOCTYPE html><html><table><tr><td>1</td></tr></table></html>".utf8))),
        Case(item: 6, file: "c06 pdf.xlsx", category: "not-a-workbook", make: bytes(Array("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".utf8))),
        Case(item: 6, file: "c06 plain zip.xlsx", category: "not-a-workbook", make: zip([Entry("notes.txt", "not a workbook")])),
        Case(item: 7, file: "c07 legacy.xls", category: "unsupported-format", make: bytes(ole2)),
        Case(item: 7, file: "c07 legacy.xlsx", category: "unsupported-format", make: bytes(ole2)),
        Case(item: 8, file: "c08 encrypted.xlsx", category: "encrypted",
             make: bytes(ole2 + Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))),
        Case(item: 9, file: "c09 binary.xlsx", category: "unsupported-format", make: zip([
            Entry("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>"#),
            Entry("_rels/.rels", #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>"#),
            Entry("xl/workbook.bin", "\u{1}\u{2}"),
        ])),
        Case(item: 9, file: "c09 opendocument.xlsx", category: "unsupported-format", make: zip([
            Entry("mimetype", "application/vnd.oasis.opendocument.spreadsheet", method: 0), Entry("content.xml", "<office:document-content/>"),
        ])),
        Case(item: 9, file: "c09 spreadsheetml 2003.xlsx", category: "unsupported-format",
             make: bytes(Array(#"<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Sheet1"/></Workbook>"#.utf8))),
        // B. ZIP structure and decompression
        Case(item: 14, file: "c14 zip bomb.xlsx", category: "resource-limit", make: book(entries: on("xl/worksheets/sheet1.xml") {
            $0.runs = [.init(#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#),
                       .init(String(repeating: " ", count: 4096), times: 64 << 8), .init("</sheetData></worksheet>")]
        })),
        Case(item: 17, file: "c17 size smaller than data.xlsx", category: "corrupt-archive", make: book(entries: on("xl/workbook.xml") {
            $0.runs.append(.init(String(repeating: " ", count: 1024), times: 1024)); $0.declaredSize = 100
        })),
        Case(item: 18, file: "c18 size larger than data.xlsx", category: "corrupt-archive", make: book(entries: on("xl/workbook.xml") { $0.declaredSize = 50_000_000 })),
        Case(item: 19, file: "c19 crc deflated.xlsx", category: "corrupt-archive", make: book(entries: on("xl/workbook.xml") { $0.crc = 0xDEAD_BEEF })),
        Case(item: 19, file: "c19 crc stored.xlsx", category: "corrupt-archive", make: book(entries: on("xl/workbook.xml") { $0.crc = 0xDEAD_BEEF; $0.method = 0 })),
        Case(item: 20, file: "c20 bad deflate.xlsx", category: "corrupt-archive", make: { path in
            // The workbook part's deflate stream starts with a block of the reserved type 3.
            try book()(path)
            var data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let name = Array("xl/workbook.xml".utf8)
            let at = try #require((0...(data.count - name.count)).first { data[$0..<$0 + name.count].elementsEqual(name) })
            data[at + name.count] = 0xFF
            try Data(data).write(to: URL(fileURLWithPath: path))
        }),
        Case(item: 21, file: "c21 duplicate part.xlsx", category: "suspicious-archive", make: book(entries: { $0.append(Entry("xl/workbook.xml", "<workbook/>")) })),
        Case(item: 22, file: "c22 equivalent names.xlsx", category: "suspicious-archive", make: book(entries: { $0.append(Entry("XL/Workbook.xml", "<workbook/>")) })),
        Case(item: 23, file: "c23 parent name.xlsx", category: "suspicious-archive", make: book(entries: { $0.append(Entry("../../x.xml", "<x/>")) })),
        Case(item: 23, file: "c23 absolute name.xlsx", category: "suspicious-archive", make: book(entries: { $0.append(Entry("/abs.xml", "<x/>")) })),
        Case(item: 23, file: "c23 long name.xlsx", category: "suspicious-archive",
             make: book(entries: { $0.append(Entry("xl/" + String(repeating: "n", count: 2000) + ".xml", "<x/>")) })),
        Case(item: 24, file: "c24 local name differs.xlsx", category: "corrupt-archive", make: book(entries: on("xl/workbook.xml") { $0.localName = "xl/workbooc.xml" })),
        Case(item: 24, file: "c24 trailing garbage.xlsx", category: "corrupt-archive", make: { path in
            try book()(path)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.seekToEnd(); try handle.write(contentsOf: Data(repeating: 0x41, count: 300)); try handle.close()
        }),
        Case(item: 26, file: "c26 method 12.xlsx", category: "suspicious-archive", make: book(entries: on("xl/workbook.xml") { $0.method = 12 })),
        Case(item: 26, file: "c26 method 14.xlsx", category: "suspicious-archive", make: book(entries: on("xl/workbook.xml") { $0.method = 14 })),
        Case(item: 27, file: "c27 encrypted entry.xlsx", category: "encrypted", make: book(entries: on("xl/workbook.xml") { $0.flags = 1 })),
        Case(item: 28, file: "c28 too many entries.xlsx", category: "suspicious-archive",
             make: book(entries: { list in for i in 0..<10_001 { list.append(Entry("xl/media/m\(i).txt", "", method: 0)) } })),
        // C. XML parts
        Case(item: 30, file: "c30 billion laughs.xlsx", category: "forbidden-xml", make: book {
            $0.sharedStringsXML = doctype + #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol1;</t></si></sst>"#
        }),
        Case(item: 32, file: "c32 external entity.xlsx", category: "forbidden-xml", make: book {
            $0.sheetXML = #"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>"#
        }),
        Case(item: 33, file: "c33 external dtd.xlsx", category: "forbidden-xml", make: book {
            $0.workbookXML = #"<?xml version="1.0"?><!DOCTYPE workbook SYSTEM "http://127.0.0.1:9/evil.dtd"><workbook/>"#
        }),
        Case(item: 35, file: "c35 unclosed tag.xlsx", category: "malformed-xml", make: book { $0.workbookXML = #"<?xml version="1.0"?><workbook><sheets>"# }),
        Case(item: 35, file: "c35 noncharacter.xlsx", category: "malformed-xml", make: book(entries: on("xl/workbook.xml") {
            $0.runs = [.init("<?xml version=\"1.0\"?><workbook name=\"\u{FFFF}\"><sheets/></workbook>")]
        })),
        Case(item: 35, file: "c35 long element name.xlsx", category: "malformed-xml", make: book {
            $0.workbookXML = "<?xml version=\"1.0\"?><" + String(repeating: "w", count: 60_000) + ">"
        }),
        Case(item: 36, file: "c36 latin1.xlsx", category: "malformed-xml", make: book {
            $0.workbookXML = #"<?xml version="1.0" encoding="ISO-8859-1"?><workbook/>"#
        }),
        Case(item: 36, file: "c36 utf7.xlsx", category: "malformed-xml", make: book { $0.workbookXML = #"<?xml version="1.0" encoding="UTF-7"?><workbook/>"# }),
        Case(item: 37, file: "c37 long cell.xlsx", category: "resource-limit", make: book {
            $0.sharedStringsXML = WorkbookFixture.sharedStrings([String(repeating: "x", count: 40_000)])
            $0.sheetXML = WorkbookFixture.sheet(#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#)
        }),
        Case(item: 38, file: "c38 deep nesting.xlsx", category: "resource-limit", make: book {
            $0.sheetXML = WorkbookFixture.sheet(String(repeating: "<x>", count: 10_000) + String(repeating: "</x>", count: 10_000))
        }),
        // D. SpreadsheetML content
        Case(item: 40, file: "c40 shared string out of range.xlsx", category: "invalid-content", make: book {
            $0.sharedStringsXML = WorkbookFixture.sharedStrings(["a", "b", "c"])
            $0.sheetXML = WorkbookFixture.sheet(#"<row r="7"><c r="B7" t="s"><v>99</v></c></row>"#)
        }),
        Case(item: 44, file: "c44 duplicate sheet names.xlsx", category: "invalid-content", make: book {
            $0.workbookXML = #"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/><sheet name="plan" sheetId="2" r:id="rId1"/></sheets></workbook>"#
        }),
        Case(item: 44, file: "c44 external target.xlsx", category: "invalid-content", make: book {
            $0.workbookRelsXML = #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="http://127.0.0.1:9/sheet.xml" TargetMode="External"/></Relationships>"#
        }),
        Case(item: 44, file: "c44 missing sheet part.xlsx", category: "invalid-content", make: book(entries: { $0.removeAll { $0.name == "xl/worksheets/sheet1.xml" } })),
    ]

    /// BR's good plan rewritten in ways that must still read (items 16, 29, 39): each a later
    /// version, so the last one is current and the run's findings are the demo's.
    static let rewrites: [(item: Int, file: String, how: String)] = [
        (29, "OP_BR_2022-2025_v3.xlsx", "zip64"),
        (29, "OP_BR_2022-2025_v4.xlsx", "stored"),
        (16, "OP_BR_2022-2025_v5.xlsx", "styles"),
        (39, "OP_BR_2022-2025_v6.xlsx", "counts"),
    ]

    static let rewriter = #"""
import re, sys, zipfile
source, target, how = sys.argv[1:4]
with zipfile.ZipFile(source) as z:
    items = [(i, z.read(i.filename)) for i in z.infolist()]
done = how in ("zip64", "stored")
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
    for info, data in items:
        if how == "styles" and info.filename == "xl/styles.xml":
            data = data.replace(b"</styleSheet>", b"<!--" + b"padding 0123456789 " * 7000 + b"--></styleSheet>"); done = True
        if how == "counts" and info.filename == "xl/sharedStrings.xml":
            data, n = re.subn(rb'uniqueCount="\d+"', b'uniqueCount="4000000000"', data); done = done or n > 0
        if how == "counts" and info.filename.startswith("xl/worksheets/"):
            data, n = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data); done = done or n > 0
        kind = zipfile.ZIP_STORED if how == "stored" else zipfile.ZIP_DEFLATED
        entry = zipfile.ZipInfo(info.filename, info.date_time); entry.compress_type = kind
        with out.open(entry, "w", force_zip64=(how == "zip64")) as f:
            f.write(data)
if not done:
    sys.exit("nothing to rewrite for " + how)
"""#

    @Test(.timeLimit(.minutes(3)))
    func everyCatalogueFileIsQuarantinedForItsCauseAndTheBatchGoesOn() throws {
        let work = Fixtures.temporaryDirectory("rbm-catalogue")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        let good = try FileManager.default.contentsOfDirectory(atPath: inbox.path).filter { !$0.hasPrefix(".") }
        for c in Self.cases { try c.make(inbox.appendingPathComponent(c.file).path) }
        let python = try #require(ZipFixture.python)
        for r in Self.rewrites {
            let result = try Subprocess.run(python, ["-c", Self.rewriter, inbox.appendingPathComponent("OP_BR_2022-2025_v2.xlsx").path,
                                                     inbox.appendingPathComponent(r.file).path, r.how])
            #expect(result.status == 0, "\(r.file): \(result.errors)")
        }
        try CurrentSubmissionsTests.settle(inbox)

        let report = try BatchRun(options: .init(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path,
                                                 output: work.appendingPathComponent("out").path)).run()
        let fates = Dictionary(report.manifest.inputs.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(report.manifest.inputs.count == good.count + Self.cases.count + Self.rewrites.count)
        for c in Self.cases {
            let input = fates[c.file]
            #expect(input?.fate == .quarantined, "item \(c.item) \(c.file): \(String(describing: input?.fate))")
            #expect(input?.reason?.hasPrefix(c.category + ":") == true, "item \(c.item) \(c.file): \(input?.reason ?? "no reason")")
            // Kept whole beside its reason: nothing the sender sent is lost.
            let kept = work.appendingPathComponent("quarantine/\(report.manifest.batch ?? "?")/\(c.file)").path
            #expect(FileManager.default.fileExists(atPath: kept), "item \(c.item): \(c.file) not kept in quarantine/")
            #expect(FileManager.default.fileExists(atPath: kept + ".reason.txt"), "item \(c.item): no reason file")
        }
        for file in good + Self.rewrites.map(\.file) {
            #expect(fates[file].map { $0.fate != .quarantined } == true, "\(file): \(fates[file]?.reason ?? "missing")")
        }
        #expect(fates["OP_BR_2022-2025_v6.xlsx"]?.fate == .current || fates["OP_BR_2022-2025_v6.xlsx"]?.fate == .archived)
        // The good files' rows all arrived: the demo's findings, no more, no fewer.
        #expect(report.findings.count == 43)
        // Nothing read from outside the package reached an output.
        for output in ["discrepancies.csv", "discrepancies.jsonl"] {
            let text = try String(contentsOf: work.appendingPathComponent("out/\(output)"), encoding: .utf8)
            #expect(!text.contains("root:x:0:0"))
        }
    }
}

/// Catalogue item 48's memory and CPU limits: a worker the kernel stops for memory (the allocator's
/// message, then SIGABRT) or for CPU time (SIGXCPU) quarantines its file as `resource-limit` with
/// the limit named, and the batch goes on to its reports (each bureau's SUB-001).
@Suite(.enabled(if: ZipFixture.python != nil, "no Python for the stand-in worker"))
struct WorkerLimitCatalogueTests {
    static func die(_ signal: String) -> String {
        "exec \(ZipFixture.python ?? "python3") -c 'import os, signal; signal.signal(signal.\(signal), signal.SIG_DFL); signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.\(signal)]); os.kill(os.getpid(), signal.\(signal))'"
    }

    @Test(arguments: [
        // The signal's default action restored and the signal unblocked first: the test process may hand its
        // children these signals ignored or blocked.
        ("echo 'fatal error: failed to allocate 4294967296 bytes' >&2; " + Self.die("SIGABRT"), "resource-limit: the reader ran out of memory (limit "),
        (Self.die("SIGXCPU"), "resource-limit: the reader used more than "),
    ])
    func aWorkerStoppedForALimitQuarantinesItsFileAndTheBatchGoesOn(script: String, reason: String) throws {
        let worker = WorkerProcess(executable: try WorkerProcessTests.fakeWorker(script))
        let (report, work) = try WorkerProcessTests.run(worker: worker)
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(report.manifest.inputs.count == 7)
        for input in report.manifest.inputs {
            #expect(input.fate == .quarantined)
            #expect(input.reason?.hasPrefix(reason) == true, "\(input.reason ?? "")")
        }
        #expect(report.findings.filter { $0.rule == .sub001 }.count == 7)
    }
}

extension BadInputCatalogueTests {
    /// Item 34: `<xi:include>` inside `<t>` is unknown markup, never followed: the workbook reads
    /// (and, naming no source, is `not-recognised`) and no file's content appears.
    @Test func anXIncludeIsInertMarkup() throws {
        let path = try WorkbookFixture(rows: #"<row r="1"><c r="A1" t="inlineStr"><is><t>Lunch<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/></t></is></c></row>"#)
            .write(named: "budget notes.xlsx")
        let outcome = try FileLoadTests.perform(path)
        guard case .refused(let category, let reason) = outcome else { Issue.record("loaded"); return }
        #expect(category == "not-recognised")
        #expect(!reason.contains("root:"))
    }
}

extension BadInputCatalogueTests {
    /// Item 50: the same name dropped again with other content (BR's plan re-saved with stored
    /// parts, under its old name) is read, and the archive keeps both files: nothing is lost.
    @Test func aSecondFileUnderTheSameNameKeepsTheFirst() throws {
        let work = Fixtures.temporaryDirectory("rbm-same-name")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        func run() throws -> BatchRun.Report {
            try BatchRun(options: .init(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path, output: work.appendingPathComponent("out").path)).run()
        }
        let first = try run()
        let name = "OP_BR_2022-2025_v2.xlsx"
        let python = try #require(ZipFixture.python)
        let archived = try #require(FileManager.default.enumerator(atPath: work.appendingPathComponent("archive").path)?
            .compactMap { $0 as? String }.first { $0.hasSuffix(name) })
        let original = try Data(contentsOf: work.appendingPathComponent("archive/\(archived)"))
        let result = try Subprocess.run(python, ["-c", Self.rewriter, work.appendingPathComponent("archive/\(archived)").path,
                                                 inbox.appendingPathComponent(name).path, "stored"])
        #expect(result.status == 0, "\(result.errors)")
        let resent = try Data(contentsOf: inbox.appendingPathComponent(name))
        #expect(resent != original)
        try CurrentSubmissionsTests.settle(inbox)
        let second = try run()
        #expect(second.manifest.inputs.first { $0.file == name }.map { $0.fate != .quarantined } == true)
        #expect(second.findings.count == first.findings.count)
        // Both contents are somewhere under archive/.
        var kept: [Data] = []
        for path in FileManager.default.enumerator(atPath: work.appendingPathComponent("archive").path)?.compactMap({ $0 as? String }) ?? []
        where URL(fileURLWithPath: path).lastPathComponent.hasPrefix("OP_BR_2022-2025_v2") {
            kept.append(try Data(contentsOf: work.appendingPathComponent("archive/\(path)")))
        }
        let listing = FileManager.default.enumerator(atPath: work.path)?.compactMap { $0 as? String }.filter { $0.contains("OP_BR") } ?? []
        #expect(kept.contains(original), "the first \(name) was overwritten: \(listing)")
        #expect(kept.contains(resent), "\(second.manifest.inputs.map { "\($0.file) \($0.fate) \($0.reason ?? "")" }) \(listing)")
    }
}
