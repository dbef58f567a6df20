/// An ITU bureau (or the General Secretariat).
public enum Bureau: String, Sendable, Codable, CaseIterable, Comparable {
    case br = "BR", tsb = "TSB", bdt = "BDT", gs = "GS"

    /// The bureau that owns an objective prefix: R → BR, T → TSB, D → BDT; I and E → nil (any).
    public static func owning(prefix: Character) -> Bureau? {
        switch prefix {
        case "R": .br
        case "T": .tsb
        case "D": .bdt
        default: nil
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A canonical output (or outcome) code `P.n-m`, e.g. `D.1-14`.
public struct OutputCode: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let text: String
    public init(_ text: String) { self.text = text }

    /// The objective part: `D.1-14` → `D.1`.
    public var objective: String {
        // An ASCII code on its bytes, where each byte is a character (issue 11: per character,
        // about 2,000 instructions a call, ten thousand calls in a large run's rules).
        if text.isASCII {
            guard let dash = text.utf8.firstIndex(of: UInt8(ascii: "-")) else { return text }
            return String(text[..<dash])
        }
        return String(text.prefix { $0 != "-" })
    }
    /// The prefix letter: `D`.
    public var prefix: Character { text.first ?? "?" }
    public var description: String { text }
    public static func < (a: Self, b: Self) -> Bool { NaturalOrder.less(a.text, b.text) }
}

/// A funding source code: `RB`, `RB-CR`, `XB`, `XB-VC`, `XB-TF`, `XB-ICTDF`.
public struct FundingSource: Hashable, Sendable, Codable, CustomStringConvertible {
    public let code: String
    public init(_ code: String) { self.code = code }
    /// Regular budget (assessed contributions and cost recovery); everything else is extrabudgetary.
    public var isRegular: Bool { code == "RB" || code.hasPrefix("RB-") }
    /// Regular budget or extrabudgetary.
    public var fundingClass: FundingClass { isRegular ? .regular : .extrabudgetary }
    public var description: String { code }
}

/// The two classes of money: regular budget (`RB`) and extrabudgetary (`XB`).
public enum FundingClass: String, Hashable, Sendable, Codable {
    case regular = "RB", extrabudgetary = "XB"
}

/// A cost category code: `STAFF`, `NONSTAFF` or a sub-code such as `NONSTAFF.TRV`.
public struct CostCategory: Hashable, Sendable, Codable, CustomStringConvertible {
    public let code: String
    public init(_ code: String) { self.code = code }
    /// `STAFF` or `NONSTAFF`: the part before the dot.
    public var rollUp: String { String(code.prefix { $0 != "." }) }
    public var description: String { code }
}

/// The unit an amount column was read in.
public enum MoneyUnit: String, Sendable, Codable {
    case chf = "CHF", kchf = "kCHF", mchf = "MCHF"

    public var factor: Exact {
        switch self {
        case .chf: 1
        case .kchf: 1000
        case .mchf: 1_000_000
        }
    }
}

/// Priority of an output in an operational plan.
public enum Priority: String, Sendable, Codable {
    case high = "HIGH", medium = "MEDIUM", low = "LOW"
}

import Foundation
