/// The natural order of domain.md (d) "Sort order": digit runs compare as integers, other runs by
/// Unicode scalar values; equal keys fall back to the scalar order of the whole text.
public enum NaturalOrder {
    public static func less(_ a: String, _ b: String) -> Bool {
        let ra = runs(a), rb = runs(b)
        for (x, y) in zip(ra, rb) where x != y {
            switch (x, y) {
            case (.digits(let p), .digits(let q)):
                let pt = p.drop { $0 == "0" }, qt = q.drop { $0 == "0" }
                if pt.count != qt.count { return pt.count < qt.count }
                if pt != qt { return scalarLess(String(pt), String(qt)) }
            case (.text(let p), .text(let q)):
                return scalarLess(p, q)
            default:
                // Alternation starts with a text run, so kinds line up; reaching here is impossible.
                break
            }
        }
        if ra.count != rb.count { return ra.count < rb.count }
        return scalarLess(a, b)
    }

    private enum Run: Equatable {
        case text(String)
        case digits(String)
    }

    private static func runs(_ s: String) -> [Run] {
        var result: [Run] = []
        var current = ""
        var inDigits = false
        for scalar in s.unicodeScalars {
            let isDigit = scalar.value >= 48 && scalar.value <= 57
            if isDigit != inDigits {
                result.append(inDigits ? .digits(current) : .text(current))
                current = ""
                inDigits = isDigit
            }
            current.unicodeScalars.append(scalar)
        }
        result.append(inDigits ? .digits(current) : .text(current))
        return result
    }

    public static func scalarLess(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
    }
}
