// rbm-bench: the benchmark twin of `rbm inspect --stats`, for rbm's own XLSX reader and writer.
//
//     rbm-bench write FILE --rows N [--inline-strings] [--level L]
//     rbm-bench read FILE
//
// `write` makes the benchmark sheet described in Benchmarks/README.md ("The data"); the Python
// (Benchmarks/gen_data.py) and C (Benchmarks/write_libxlsxwriter.c) programs draw the same values
// from the same generator, so every tool writes the same cells. `read` prints, per sheet, the count
// of cells of each type and the sum of the numbers, exactly as `rbm inspect FILE --stats` does.
// Arguments are parsed by hand so that the target depends on the XLSX modules alone.

import XLSXCore
import XLSXReader
import XLSXWriter

#if canImport(Glibc)
import Glibc
let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
let systemWrite = Darwin.write
#endif

/// splitmix64 (Steele, Lea and Flood 2014; Vigna's reference `splitmix64.c`): tiny and exactly
/// reproducible in any language with 64-bit wrapping arithmetic.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The benchmark sheet: 10 columns per row, drawn in column order from one generator.
enum BenchmarkData {
    static let seed: UInt64 = 20_240_601
    static let columns = 10
    static let distinctStrings = 2_000
    static let kinds = ["Output", "Outcome", "Budget line", "Risk", "KPI"]
    static let places = ["Geneva", "Bangkok", "Addis Ababa", "Brasília", "Cairo", "New Delhi", "Santiago", "Yaoundé"]

    /// String `k` of the pool: `"<kind> <k, 4 digits> <place>"`, e.g. `"Budget line 0042 Brasília"`.
    static func string(_ k: Int) -> String {
        let digits = String(k)
        return kinds[k % 5] + " " + String(repeating: "0", count: 4 - digits.count) + digits + " " + places[(k / 5) % 8]
    }

    /// 2015-01-01 as days since 1970-01-01.
    static let firstDay = 16_436
    static let daySpan: UInt64 = 3_653
}

func fail(_ message: String) -> Never {
    var line = "rbm-bench: \(message)\n"
    line.withUTF8 { _ = systemWrite(2, $0.baseAddress, $0.count) }
    exit(2)
}

let usage = """
    usage: rbm-bench write FILE --rows N [--inline-strings] [--level L]
           rbm-bench read FILE
    """

func writeSheet(path: String, rows: Int, inlineStrings: Bool, level: Int) throws {
    let options = WorkbookOptions(stringStorage: inlineStrings ? .inline : .shared, compressionLevel: level)
    let workbook = try WorkbookWriter(path: path, options: options)
    let sheet = try workbook.addSheet("Data")
    let pool = (0..<BenchmarkData.distinctStrings).map(BenchmarkData.string)
    let amount = CellStyle(numberFormat: "#,##0.00")
    let date = CellStyle(numberFormat: "yyyy-mm-dd")
    var random = SplitMix64(state: BenchmarkData.seed)
    var row = [Cell](repeating: .empty, count: BenchmarkData.columns)
    for _ in 0..<rows {
        for column in 0..<3 {
            row[column] = Cell(.string(pool[Int(random.next() % UInt64(BenchmarkData.distinctStrings))]))
        }
        for column in 3..<8 {
            let cents = Int64(random.next() % 200_000_000) - 100_000_000
            row[column] = Cell(.number(Double(cents) / 100), style: amount)
        }
        row[8] = Cell(.number(Double(random.next() % 1_000_000)))
        let (y, m, d) = CivilCalendar.civil(fromDaysSince1970: BenchmarkData.firstDay + Int(random.next() % BenchmarkData.daySpan))
        row[9] = Cell(.date(year: y, month: m, day: d), style: date)
        try sheet.writeRow(row)
    }
    try workbook.close()
}

func readSheets(path: String) throws {
    let book = try Workbook(path: path)
    for info in book.sheets {
        guard info.kind == .worksheet else {
            print("# \(info.name) (\(info.kind.rawValue), not read as a grid)")
            continue
        }
        let cursor = try book.cursor(for: info)
        var n = 0, s = 0, b = 0, d = 0, e = 0
        var sum = 0.0
        while let row = try cursor.nextRow() {
            for cell in row.cells {
                switch cell.value {
                case .number(let value, _): n += 1; sum += value
                case .string: s += 1
                case .bool: b += 1
                case .date: d += 1
                case .error: e += 1
                case .uncalculated: break   // no value: other readers see a blank
                }
            }
        }
        print("\(info.name): n=\(n) s=\(s) b=\(b) d=\(d) e=\(e) sum=\(sum)")
    }
}

var arguments = CommandLine.arguments.dropFirst()
guard let command = arguments.popFirst(), let path = arguments.popFirst() else { fail(usage) }
do {
    switch command {
    case "write":
        var rows: Int?
        var inlineStrings = false
        var level = WorkbookOptions().compressionLevel
        while let flag = arguments.popFirst() {
            switch flag {
            case "--rows":
                guard let text = arguments.popFirst(), let value = Int(text), value >= 0 else { fail("--rows needs a count") }
                rows = value
            case "--level":
                guard let text = arguments.popFirst(), let value = Int(text) else { fail("--level needs 0...9") }
                level = value
            case "--inline-strings":
                inlineStrings = true
            default:
                fail("unknown option \(flag)\n\(usage)")
            }
        }
        guard let rows else { fail("--rows is required\n\(usage)") }
        try writeSheet(path: path, rows: rows, inlineStrings: inlineStrings, level: level)
    case "read":
        guard arguments.isEmpty else { fail(usage) }
        try readSheets(path: path)
    default:
        fail(usage)
    }
} catch {
    fail("\(error)")
}
