import Foundation
import Testing
import TestSupport
@testable import XLSXReader

extension CorpusFile: CustomTestStringConvertible {
    public var testDescription: String { name }
}

/// rbm's reader against the conformance corpus (`../shared/xlsx-corpus`: 273 real-world files and
/// the values openpyxl and calamine read from them).
///
/// `open` files must read with the reference values: where openpyxl and calamine agree, the same
/// type and value; where they disagree, either answer, except that where they differ only in the
/// whitespace at a string's ends calamine's trimmed text is required, as Excel shows it (see
/// `CorpusReference`). Encrypted and
/// non-OOXML files must fail with their category; broken and hostile files either fail with a
/// fitting category or read without crash, hang or memory blow-up (and then match whatever the
/// references recovered). Deliberate differences are listed with their reasons in
/// `Resources/corpus-accepted-differences.txt`.
@Suite(.enabled(if: Corpus.location != nil, "../shared/xlsx-corpus is absent: the conformance corpus is skipped"))
struct CorpusConformanceTests {
    static var corpus: URL? { Corpus.location }
    static var files: [CorpusFile] { Corpus.files }
    static var accepted: [AcceptedDifference] { Corpus.accepted }

    /// Categories a file that cannot be read may fail with, by its `Expect` column.
    static func allowedCodes(_ expectation: CorpusFile.Expectation) -> Set<XLSXError.Code> {
        switch expectation {
        case .open: []
        case .encrypted: [.encrypted]
        case .notOOXML: [.unsupportedFormat]
        case .broken: [.corruptArchive, .incompleteFile, .malformedXML, .invalidContent]
        case .hostile: [.forbiddenXML, .resourceLimit]
        }
    }

    @Test("the corpus table lists every file and every file has its reference values")
    func theCorpusIsComplete() throws {
        let corpus = try #require(Self.corpus)
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: corpus.appendingPathComponent("files").path)
        #expect(Set(onDisk) == Set(Self.files.map(\.name)))
        #expect(Self.files.count == 273)
        for file in Self.files {
            #expect(FileManager.default.fileExists(atPath: corpus.appendingPathComponent("expected/\(file.name).json").path), "\(file.name)")
        }
    }

    @Test("every accepted difference names a corpus file and gives a reason")
    func acceptedDifferencesAreWellFormed() {
        #expect(!Self.accepted.isEmpty)
        let names = Set(Self.files.map(\.name))
        for difference in Self.accepted {
            #expect(names.contains(difference.file), "unknown corpus file \(difference.file)")
            #expect(difference.reason.count >= 20, "give a reason for \(difference.file) | \(difference.location)")
        }
    }

    @Test("each corpus file reads as the references do, or fails with its category", .timeLimit(.minutes(2)), arguments: Corpus.files)
    func corpusFile(_ file: CorpusFile) throws {
        let corpus = try #require(Self.corpus)
        let path = corpus.appendingPathComponent("files/\(file.name)").path
        let reference = try CorpusReference(json: corpus.appendingPathComponent("expected/\(file.name).json"))
        let accepted = Self.accepted.filter { $0.file == file.name }
        var used = Set<Int>()

        let book: Workbook
        do {
            book = try Workbook(path: path)
        } catch let error as XLSXError {
            if let index = accepted.firstIndex(where: { $0.refusal == error.code }) {
                used.insert(index)
            } else {
                #expect(file.expectation != .open, "an `open` file was refused: \(error)")
                #expect(Self.allowedCodes(file.expectation).contains(error.code), "\(file.expectation.rawValue): \(error)")
            }
            #expect(error.file == file.name)
            #expect(!error.message.isEmpty)
            checkUnused(accepted, used: used)
            return
        }
        #expect(file.expectation != .encrypted && file.expectation != .notOOXML, "opened a file that must be refused")
        #expect(accepted.allSatisfy { $0.refusal == nil }, "the file opens although the accepted differences say it is refused")

        let problems: [CorpusReference.Problem]
        do {
            problems = try reference.compare(with: book)
        } catch let error as XLSXError {
            // A broken or hostile file may also fail once its sheets are read.
            #expect(file.expectation == .broken || file.expectation == .hostile, "\(error)")
            #expect(Self.allowedCodes(file.expectation).contains(error.code), "\(file.expectation.rawValue): \(error)")
            checkUnused(accepted, used: used)
            return
        }
        if file.expectation == .broken || file.expectation == .hostile {
            let resident = ProcessMemory.residentBytes()
            #expect(resident < 1 << 30, "resident memory \(resident >> 20) MiB after reading a \(file.expectation.rawValue) file")
        }
        for problem in problems {
            if let index = accepted.firstIndex(where: { $0.covers(problem) }) {
                used.insert(index)
            } else {
                Issue.record("\(file.name): \(problem)")
            }
        }
        checkUnused(accepted, used: used)
    }

    /// An accepted difference that no longer occurs must leave the list.
    private func checkUnused(_ accepted: [AcceptedDifference], used: Set<Int>) {
        for (index, difference) in accepted.enumerated() where !used.contains(index) {
            Issue.record("accepted difference no longer occurs; remove it: \(difference.file) | \(difference.location)")
        }
    }

    /// The exact outcome of every file that cannot be read, so a change of category is noticed.
    @Test("files that cannot be read fail with their pinned category", arguments: [
        ("poi__protected_passtika.xlsx", XLSXError.Code.encrypted),
        ("poi__protect.xlsx", .encrypted),
        ("poi__60320-protected.xlsx", .encrypted),
        ("calamine__pass_protected.xlsx", .encrypted),
        ("excelize__encryptAES.xlsx", .encrypted),
        ("excelize__encryptSHA1.xlsx", .encrypted),
        ("poi__SampleSS.xls.xlsx", .unsupportedFormat),
        ("calamine__date.xlsb.xlsx", .unsupportedFormat),
        ("poi__invalid.xlsx", .incompleteFile),
        ("poi__clusterfuzz-testcase-minimized-POIXSSFFuzzer-5089447305609216.xlsx", .incompleteFile),
        ("poi__clusterfuzz-testcase-minimized-XLSX2CSVFuzzer-5636439151607808.xlsx", .incompleteFile),
        ("poi__clusterfuzz-testcase-minimized-POIXSSFFuzzer-4828727001088000.xlsx", .corruptArchive),
        ("poi__crash-274d6342e4842d61be0fb48eaadad6208ae767ae.xlsx", .corruptArchive),
        ("poi__clusterfuzz-testcase-minimized-POIXSSFFuzzer-5937385319563264.xlsx", .invalidContent),
        ("calamine__issue252.xlsx", .corruptArchive),
        ("poi__xlsx-corrupted.xlsx", .malformedXML),
        ("exceljs__invalid-xml.xlsx", .malformedXML),
        ("exceljs__missing-bits.xlsx", .invalidContent),
        ("poi__poc-xmlbomb.xlsx", .forbiddenXML),
        ("poi__poc-shared-strings.xlsx", .resourceLimit),
    ])
    func pinnedRefusal(name: String, code: XLSXError.Code) throws {
        let corpus = try #require(Self.corpus)
        let error = try #require(throws: XLSXError.self) {
            let book = try Workbook(path: corpus.appendingPathComponent("files/\(name)").path)
            for info in book.sheets where info.kind == .worksheet { _ = try book.grid(for: info) }
        }
        #expect(error.code == code, "\(error)")
    }

    @Test("the messages of refused corpus files say what the file is", arguments: [
        ("poi__protect.xlsx", "poi__protect.xlsx: error: the workbook is password-protected; save it without a password"),
        ("poi__SampleSS.xls.xlsx", "poi__SampleSS.xls.xlsx: error: a legacy Excel 97-2003 workbook (.xls); save it as .xlsx"),
        ("calamine__date.xlsb.xlsx", "calamine__date.xlsb.xlsx: error: a binary workbook (.xlsb); save it as .xlsx"),
        ("poi__poc-xmlbomb.xlsx", "poi__poc-xmlbomb.xlsx[xl/sharedStrings.xml]: error: line 2: DOCTYPE declaration (forbidden in OOXML parts)"),
    ])
    func refusalMessage(name: String, message: String) throws {
        let corpus = try #require(Self.corpus)
        let error = try #require(throws: XLSXError.self) { try Workbook(path: corpus.appendingPathComponent("files/\(name)").path) }
        #expect(error.description == message)
    }
}

/// Where the corpus is, what it holds, and the accepted differences.
enum Corpus {
    static let location: URL? = Fixtures.corpus
    static let files = CorpusFile.all(in: location)
    static let accepted = AcceptedDifference.load(Fixtures.path("Tests/XLSXReaderTests/Resources/corpus-accepted-differences.txt"))
}

/// One line of `corpus-accepted-differences.txt`.
struct AcceptedDifference {
    var file: String
    /// `Sheet!A1`, `Sheet!*` or `refused: CODE`.
    var location: String
    var reason: String

    /// The error code when the line accepts a refusal.
    var refusal: XLSXError.Code? {
        location.hasPrefix("refused: ") ? XLSXError.Code(rawValue: String(location.dropFirst("refused: ".count))) : nil
    }

    func covers(_ problem: CorpusReference.Problem) -> Bool {
        location == "\(problem.sheet)!\(problem.ref)" || location == "\(problem.sheet)!*"
    }

    static func load(_ path: String) -> [AcceptedDifference] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
            let fields = trimmed.components(separatedBy: " | ")
            guard fields.count == 3 else { return AcceptedDifference(file: trimmed, location: "?", reason: "") }
            return AcceptedDifference(file: fields[0], location: fields[1], reason: fields[2])
        }
    }
}

/// The process's resident memory, from `/proc/self/statm` (0 where it is not available).
enum ProcessMemory {
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
