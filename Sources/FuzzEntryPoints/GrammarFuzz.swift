import Foundation
import XLSXCore
import XLSXReader
import Normalise

/// The pure parsers: A1 references and ranges, number text, dates, codes and amounts.
enum GrammarFuzz {
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Accepted references lie inside Excel's grid and print back to themselves; the byte scanner
    /// the worksheet handler uses agrees with the text initialiser.
    static func cellReference(_ bytes: [UInt8]) throws {
        let s = text(bytes)
        let ref = CellReference(s)
        let fromBytes = bytes.withUnsafeBufferPointer { buffer in CellReference(utf8: buffer.span) }
        try check(ref == fromBytes || !s.utf8.elementsEqual(bytes), "CellReference('\(s)') = \(String(describing: ref)), from bytes \(String(describing: fromBytes))")
        if let ref {
            try check((1...1_048_576).contains(ref.row) && (1...16_384).contains(ref.column), "'\(s)' read as row \(ref.row) column \(ref.column)")
            try check(CellReference(ref.description) == ref, "'\(ref.description)' does not read back as \(ref)")
        }
        if let range = CellRange(s) {
            try check(range.first.row <= range.last.row && range.first.column <= range.last.column, "range '\(s)' not normalised: \(range)")
            try check(range.contains(range.first) && range.contains(range.last), "range '\(s)' does not contain its corners")
            try check(CellRange(range.description) == range, "range '\(range.description)' does not read back")
        }
        if !s.isEmpty, s.utf8.allSatisfy({ (0x41...0x5A).contains($0 | 0) || (0x61...0x7A).contains($0) }), let column = CellReference.columnNumber(s) {
            try check((1...16_384).contains(column), "column '\(s)' read as \(column)")
            try check(CellReference.columnName(column) == s.uppercased(), "column \(column) prints as \(CellReference.columnName(column)), read from '\(s)'")
        }
    }

    /// The worksheet handler's exact fast path agrees with the full parser; accepted numbers are finite.
    static func number(_ bytes: [UInt8]) throws {
        let s = text(bytes)
        let scan = bytes.withUnsafeBufferPointer { NumberText.scan($0.span, in: 0..<bytes.count) }
        let value = NumberText.value(s)
        if let value { try check(value.isFinite, "'\(s)' read as \(value)") }
        if case .exact(let exact) = scan {
            try check(value == exact,
                      "'\(s)': fast path \(exact), full parser \(String(describing: value))")
        }
        if let d = AmountGrammar.decimal(fromNumberText: s) {
            try check(!d.isNaN, "'\(s)' read as NaN")
        }
        _ = AmountGrammar.decimal(fromNumber: value ?? Double(s) ?? 0)
    }

    /// Serials in, ISO text out, and ISO text back to the same serial.
    static func date(_ bytes: [UInt8]) throws {
        var stream = ByteStream(bytes)
        let date1904 = stream.byte() & 1 == 1
        let serial = stream.double()
        if let iso = DateSerial.iso(serial: serial, date1904: date1904) {
            try check(DateSerial.parse(iso: iso, date1904: date1904) != nil || iso.hasPrefix("1900-02-29") || serial < 0 || serial < 1,
                      "serial \(serial) prints as '\(iso)', which does not parse back")
        }
        _ = DateSerial.duration(serial: serial)
        let s = text(Array(bytes.dropFirst(min(9, bytes.count))))
        for system in [false, true] {
            if let parsed = DateSerial.parse(iso: s, date1904: system) {
                try check(parsed.serial.isFinite, "'\(s)' parsed to serial \(parsed.serial)")
                if let again = DateSerial.parse(iso: parsed.iso, date1904: system) {
                    try check(again.iso == parsed.iso, "'\(s)' → '\(parsed.iso)' → '\(again.iso)'")
                }
            }
        }
    }

    /// Every kind, both compact-code options; a canonical code reads back as itself.
    static func code(_ bytes: [UInt8]) throws {
        let s = text(bytes)
        for compact in CodeGrammar.CompactCodes.allCases {
            let grammar = CodeGrammar(options: .init(compactCodes: compact))
            for kind in CodeGrammar.Kind.allCases {
                if case .code(let code) = grammar.parse(s, as: kind) {
                    try check(grammar.parse(code, as: kind) == .code(code), "'\(s)' as \(kind) reads \(code), which reads back as \(grammar.parse(code, as: kind))")
                }
            }
            _ = grammar.goalTokens(s)
        }
        _ = CodeText.normalise(s)
        // The patterns read on bytes match what their regexes match, with the same groups, on the
        // text as given and as the grammar reads it (upper case, spaces collapsed).
        for text in [s, CodeText.preprocess(s)] {
            for pattern in CodeGrammar.Pattern.allCases {
                let bytes = CodeGrammar.groups(of: text, pattern), regex = CodeGrammar.regexGroups(of: text, pattern)
                try check(bytes == regex, "'\(text)' as \(pattern): \(String(describing: bytes)) on bytes, \(String(describing: regex)) by the regex")
            }
        }
    }

    /// Amounts, unit words and header years; a value is never NaN.
    static func amount(_ bytes: [UInt8]) throws {
        let s = text(bytes)
        for dash in AmountGrammar.DashMeaning.allCases {
            if case .value(let d) = AmountGrammar(dashMeans: dash).parse(s) {
                try check(!d.isNaN, "'\(s)' read as NaN")
            }
        }
        _ = AmountUnit.detect(in: s)
        _ = HeaderYear.classify(s)
    }
}
