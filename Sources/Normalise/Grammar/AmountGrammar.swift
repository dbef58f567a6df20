import Foundation
import Results

/// Reads amount and FTE text into exact `Exact` values (domain.md b.3, "Amount parsing").
///
/// Text cells take the full grammar of `parse(_:)`; numeric cells should be read from the
/// number text stored in the sheet with `decimal(fromNumberText:)`, so that no value passes
/// through a binary `Double`. The unit factor is applied by the caller, after parsing.
public struct AmountGrammar: Sendable {
    /// What a dash or "not applicable" placeholder (`-`, `–`, `—`, `n/a`, `N/A`, `s.o.`) means.
    public enum DashMeaning: String, Sendable, CaseIterable, Codable {
        /// The usual finance-sheet convention: a dash is a zero.
        case zero
        /// The placeholder means "not provided", like an empty cell.
        case null
    }

    public var dashMeans: DashMeaning

    public init(dashMeans: DashMeaning = .zero) {
        self.dashMeans = dashMeans
    }

    /// Reads the text of a numeric-column cell.
    ///
    /// Accepted: an optional sign (`-`, `+`, or any of the dashes b.3 maps to `-`) or enclosing
    /// parentheses for a negative; digits grouped in threes by `,` `.` `'` `’` or a space
    /// (NBSP and narrow NBSP included), one separator kind per number; one decimal mark. The
    /// mark is decided as b.3 says: with both `,` and `.` the later one; with commas alone a
    /// comma is a thousands separator only in the form `1,234` / `1,234,567`, otherwise it is
    /// the decimal mark (`0,5`, `1 234,50`). Dots alone follow the same rule the other way round:
    /// one dot is the decimal mark (`1.234` = 1.234), several must group threes (`1.234.567`).
    ///
    /// - Returns: `.null` for an empty text; `.value(0)` or `.null` for a placeholder, as
    ///   `dashMeans` says; `.invalid` for anything else the grammar does not read (`1 O50`,
    ///   `0,5x`, `1e3`, more than 38 significant digits).
    public func parse(_ text: String) -> AmountParse {
        var s = Substring(CodeText.apostrophesStraightened(CodeText.normalise(text)))
        if s.isEmpty { return .null }
        if Self.placeholders.contains(s.lowercased()) {
            return dashMeans == .zero ? .value(0) : .null
        }
        var negative = false
        if s.first == "(" && s.last == ")" {
            negative = true
            s = Self.trimmed(s.dropFirst().dropLast())
        } else if s.first == "-" || s.first == "+" {
            negative = s.first == "-"
            s = Self.trimmed(s.dropFirst())
        }
        guard let (digits, scale) = Self.digits(ofBody: s),
              let magnitude = Self.decimal(digits: digits, exponent: -scale)
        else { return .invalid }
        return .value(negative && magnitude != 0 ? -magnitude : magnitude)
    }

    /// Converts a cell's `Double` through its shortest round-trip text, so 0.1 stays 0.1 and
    /// 470000 stays exact instead of carrying binary noise into `Exact`.
    ///
    /// Prefer `decimal(fromNumberText:)` on the sheet's stored text; this is for values that are
    /// already `Double`. Returns `Exact.nan` for a non-finite value or one outside `Exact`'s
    /// exponent range (beyond about 1e165), which no planning sheet holds.
    public static func decimal(fromNumber d: Double) -> Exact {
        guard d.isFinite, let value = decimal(fromNumberText: "\(d)") else { return .nan }
        return value
    }

    /// Reads the exact number text a worksheet stores for a numeric cell (`3950000`, `0.1`,
    /// `1.5E-3`, `-2.5e+20`): an optional sign, digits with an optional `.`, an optional exponent.
    ///
    /// - Returns: `nil` when the text is not such a number or has more than 38 significant digits.
    public static func decimal(fromNumberText text: String) -> Exact? {
        if let plain = plainNumber(text) { return plain }
        var s = Substring(text.trimmingHorizontalSpace)
        var negative = false
        if s.first == "-" || s.first == "+" {
            negative = s.first == "-"
            s = s.dropFirst()
        }
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            var power = s[s.index(after: e)...]
            let powerNegative = power.first == "-"
            if power.first == "-" || power.first == "+" { power = power.dropFirst() }
            guard !power.isEmpty, power.count <= 4, power.allSatisfy(isDigit),
                  let p = Int(power)
            else { return nil }
            exponent = powerNegative ? -p : p
            s = s[..<e]
        }
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty),
              whole.allSatisfy(isDigit), fraction.allSatisfy(isDigit),
              let magnitude = decimal(digits: String(whole + fraction),
                                      exponent: exponent - fraction.count)
        else { return nil }
        return negative && magnitude != 0 ? -magnitude : magnitude
    }

    /// The common case of `decimal(fromNumberText:)` read on the UTF-8 bytes, with no Foundation
    /// call: `[+-]?d*(.d*)?([eE][+-]?d{1,4})?` in ASCII with at most 19 significant digits. Returns
    /// nil for anything else, which the general path then reads (or refuses) as before.
    @inline(__always)
    private static func plainNumber(_ text: String) -> Exact? {
        var text = text
        return text.withUTF8 { bytes -> Exact? in
            var i = 0
            let n = bytes.count
            var negative = false
            if i < n, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                negative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var significand: UInt64 = 0
            var significantDigits = 0
            var pendingZeros = 0
            var wholeCount = 0, fractionCount = 0
            var inFraction = false
            while i < n {
                let b = bytes[i]
                if b >= 48 && b <= 57 {
                    if inFraction { fractionCount += 1 } else { wholeCount += 1 }
                    if b == 48 {
                        if significantDigits > 0 { pendingZeros += 1 }
                    } else {
                        significantDigits += pendingZeros + 1
                        if significantDigits > 19 { return nil }
                        for _ in 0..<pendingZeros { significand &*= 10 }
                        pendingZeros = 0
                        significand = significand &* 10 &+ UInt64(b - 48)
                    }
                } else if b == UInt8(ascii: ".") && !inFraction {
                    inFraction = true
                } else {
                    break
                }
                i += 1
            }
            guard wholeCount + fractionCount > 0 else { return nil }
            var exponent = 0
            if i < n {
                guard bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") else { return nil }
                i += 1
                var powerNegative = false
                if i < n, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                    powerNegative = bytes[i] == UInt8(ascii: "-")
                    i += 1
                }
                let start = i
                while i < n, bytes[i] >= 48 && bytes[i] <= 57 {
                    exponent = exponent &* 10 &+ Int(bytes[i] - 48)
                    i += 1
                }
                guard i == n, i > start, i - start <= 4 else { return nil }
                if powerNegative { exponent = -exponent }
            }
            if significand == 0 { return 0 }
            exponent += pendingZeros - fractionCount
            guard (-128...127).contains(exponent) else { return nil }
            let magnitude = Exact(sign: .plus, exponent: exponent, significand: Exact(significand))
            return negative ? -magnitude : magnitude
        }
    }

    // MARK: Grammar

    /// Texts b.3 reads as zero or null, compared in lowercase after `-` normalisation.
    private static let placeholders: Set<String> = ["-", "n/a", "s.o."]

    /// Separator kinds; the space-like characters are all spaces after `CodeText.normalise`.
    private static let separators: Set<Character> = [",", ".", "'", " "]

    /// Splits an unsigned number body into its ASCII digits and the count of digits after the
    /// decimal mark, or `nil` when the body breaks the grammar.
    private static func digits(ofBody body: Substring) -> (String, Int)? {
        guard !body.isEmpty,
              body.allSatisfy({ isDigit($0) || separators.contains($0) }),
              body.last.map(isDigit) == true
        else { return nil }

        let lastComma = body.lastIndex(of: ",")
        let lastDot = body.lastIndex(of: ".")
        let mark: Character?
        switch (lastComma, lastDot) {
        case let (comma?, dot?):
            mark = comma > dot ? "," : "."
        case (_?, nil):
            mark = isGroupedByThrees(body, separator: ",") ? nil : ","
        case (nil, _?):
            mark = body.filter({ $0 == "." }).count == 1 ? "." : nil
        case (nil, nil):
            mark = nil
        }

        var whole = body
        var fraction: Substring = ""
        if let mark {
            let parts = body.split(separator: mark, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            whole = parts[0]
            fraction = parts[1]
            guard !fraction.isEmpty, fraction.allSatisfy(isDigit) else { return nil }
            // `.5` and `,5` read as 0.5; a bare mark does not.
            if whole.isEmpty { return (String(fraction), fraction.count) }
        }
        guard let wholeDigits = groupedDigits(whole) else { return nil }
        return (wholeDigits + fraction, fraction.count)
    }

    /// The digits of an integer part: plain digits, or 1-3 digits then groups of exactly three,
    /// all separated by one and the same separator.
    private static func groupedDigits(_ whole: Substring) -> String? {
        let used = Set(whole.filter { separators.contains($0) })
        if used.isEmpty { return whole.isEmpty ? nil : String(whole) }
        guard used.count == 1, let separator = used.first,
              isGroupedByThrees(whole, separator: separator)
        else { return nil }
        return whole.filter(isDigit)
    }

    /// Whether the text is exactly `d{1,3}(<sep>ddd)+` with a first group not starting with `0`.
    ///
    /// A leading zero rules out thousands grouping, so `0,500` reads as 0.5, not 500.
    private static func isGroupedByThrees(_ text: Substring, separator: Character) -> Bool {
        let groups = text.split(separator: separator, omittingEmptySubsequences: false)
        guard groups.count >= 2, let first = groups.first,
              (1...3).contains(first.count), first.first != "0"
        else { return false }
        return groups.allSatisfy { $0.allSatisfy(isDigit) }
            && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// Builds `digits × 10^exponent` exactly, or `nil` when it does not fit a `Exact`.
    ///
    /// Zeros at either end are folded away first, so `1000…000` (many zeros) or `0.000…1` still
    /// fit the 38-digit significand.
    static func decimal(digits: String, exponent: Int) -> Exact? {
        var significant = Substring(digits.drop { $0 == "0" })
        var exponent = exponent
        while significant.last == "0" {
            significant = significant.dropLast()
            exponent += 1
        }
        if significant.isEmpty { return 0 }
        guard significant.count <= 38, (-128...127).contains(exponent),
              let significand = Exact(string: String(significant))
        else { return nil }
        return Exact(sign: .plus, exponent: exponent, significand: significand)
    }

    private static func trimmed(_ s: Substring) -> Substring {
        var s = s.drop { $0 == " " }
        while s.last == " " { s = s.dropLast() }
        return s
    }

    /// `0`-`9` only: `Character.isNumber` would also accept other scripts' digits and fractions.
    private static func isDigit(_ c: Character) -> Bool {
        c.isASCII && c.isWholeNumber
    }
}

/// The outcome of reading one numeric cell's text with `AmountGrammar`.
public enum AmountParse: Equatable, Sendable {
    /// An exact value, before the column's unit factor.
    case value(Exact)
    /// Not provided: an empty cell, or a placeholder when dashes mean null.
    case null
    /// The text breaks the grammar; its row is rejected (DAT-002).
    case invalid
}
