import Yams

/// YAML 1.1's base-60 integers (`1:30` is 90), which the YAML library reads for every integer field
/// from any scalar holding a `:`, with arithmetic that traps on overflow: a value such as
/// `1:2:3:4:5:6:7:8:9:10:11` (60¹¹ passes `Int`'s range) killed the process instead of being
/// refused (found by fuzzing `FuzzPipelineFile`). Scalars are checked after composing, before any
/// decoding, by the library's own steps with overflow reported.
enum YAMLSexagesimal {
    /// The first scalar under `node` whose base-60 reading overflows `Int`, depth first.
    static func firstOverflowing(in node: Node) -> Node.Scalar? {
        switch node {
        case .scalar(let scalar): return overflows(scalar.string) ? scalar : nil
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

    /// True when the library's base-60 reading of `text` (sign, then each `:`-separated part that
    /// reads as a decimal integer, the last part first, times 60 to the power of its place) would
    /// overflow `Int`, the place's factor after the last part included, as the library computes it.
    static func overflows(_ text: String) -> Bool {
        guard text.contains(":") else { return false }
        var digits = Substring(text)
        if digits.hasPrefix("-") || digits.hasPrefix("+") { digits = digits.dropFirst() }
        let parts = digits.components(separatedBy: ":").compactMap { Int($0, radix: 10) }
        var base = 1, value = 0
        for digit in parts.reversed() {
            let (product, o1) = digit.multipliedReportingOverflow(by: base)
            let (sum, o2) = value.addingReportingOverflow(product)
            let (next, o3) = base.multipliedReportingOverflow(by: 60)
            if o1 || o2 || o3 { return true }
            (value, base) = (sum, next)
        }
        return false
    }
}
