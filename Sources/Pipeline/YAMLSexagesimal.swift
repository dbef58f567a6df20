import Yams

/// YAML 1.1's base-60 integers (`1:30` is 90), which the YAML library reads for every integer field
/// from any plain scalar holding a `:`, with arithmetic that traps on overflow: a value such as
/// `1:2:3:4:5:6:7:8:9:10:11` (60¹¹ passes `Int`'s range) killed the process instead of being
/// refused (found by fuzzing `FuzzPipelineFile`, twice: the second time the value held `_`, which
/// the library drops before reading the number and this check did not). Scalars are checked after
/// composing, before any decoding, by the library's own steps (`Int.construct(from:)`) with
/// overflow reported; `YAMLSexagesimalTests` compares the readings with the library's on random
/// texts.
enum YAMLSexagesimal {
    /// What the library makes of a scalar decoded as `Int`, as far as base 60 goes.
    enum Reading: Equatable {
        /// The library does not read it as a base-60 number (no `:`, quoted, `0x…`, `0…`).
        case notBase60
        /// The library reads it as this base-60 number.
        case value(Int)
        /// The library's arithmetic would overflow: it would stop the process.
        case overflow
    }

    /// The first scalar under `node` whose base-60 reading overflows `Int`, depth first.
    static func firstOverflowing(in node: Node) -> Node.Scalar? {
        switch node {
        case .scalar(let scalar): return reading(of: scalar) == .overflow ? scalar : nil
        case .mapping(let mapping):
            for (key, value) in mapping {
                if let found = firstOverflowing(in: key) ?? firstOverflowing(in: value) { return found }
            }
            return nil
        case .sequence(let sequence):
            for item in sequence {
                if let found = firstOverflowing(in: item) { return found }
            }
            return nil
        }
    }

    /// The library's steps for an `Int` (Yams 5, `FixedWidthInteger._construct` and
    /// `String.sexagesimal`): only plain scalars; every `_` dropped; `0` alone, and a `0x`, `0b`,
    /// `0o` or `0` after the sign, read in another radix (without trapping); otherwise, when a `:`
    /// is left, the sign, then each `:`-separated part that reads as a decimal integer, the last
    /// part first, times 60 to the power of its place — the place's factor after the last part
    /// included, since the library computes it too — and the sign applied by a product.
    static func reading(of scalar: Node.Scalar) -> Reading {
        guard scalar.style == .any || scalar.style == .plain else { return .notBase60 }
        let text = scalar.string.replacingOccurrences(of: "_", with: "")
        if text == "0" { return .notBase60 }
        let negative = text.hasPrefix("-")
        let unsigned = text.dropFirst(negative || text.hasPrefix("+") ? 1 : 0)
        if unsigned.hasPrefix("0") || !unsigned.contains(":") { return .notBase60 }
        let parts = unsigned.components(separatedBy: ":").compactMap { Int($0, radix: 10) }
        var base = 1, value = 0
        for digit in parts.reversed() {
            let (product, o1) = digit.multipliedReportingOverflow(by: base)
            let (sum, o2) = value.addingReportingOverflow(product)
            let (next, o3) = base.multipliedReportingOverflow(by: 60)
            if o1 || o2 || o3 { return .overflow }
            (value, base) = (sum, next)
        }
        let (signed, o4) = value.multipliedReportingOverflow(by: negative ? -1 : 1)
        return o4 ? .overflow : .value(signed)
    }
}
