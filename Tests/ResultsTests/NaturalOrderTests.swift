import Testing
@testable import Results
import TestSupport

@Suite struct NaturalOrderTests {
    @Test(arguments: [
        ("BDT/2022", "BR/2022"),
        ("D.1-2", "D.1-14"),
        ("OP-BR/Operational plan!F9", "OP-BR/Operational plan!F11"),
        ("01", "1"),
        ("R.1-2/2022", "R.1-2/2023"),
        ("A", "AB"),
    ])
    func firstKeySortsBeforeSecond(a: String, b: String) {
        #expect(NaturalOrder.less(a, b))
        #expect(!NaturalOrder.less(b, a))
    }

    @Test func findingsSortByRuleThenKey() {
        let make = { (id: Finding.ID) in Finding(id: id, severity: .error, message: .riskUnknownObjective(risk: "R", objective: "X"), sources: []) }
        let list = [make(Finding.ID(.rf001, .source(SourceTag(.financialPlan)), .output(OutputCode("D.5-1")))),
                    make(Finding.ID(.fin004, .bureau(.br), .year(2022))), make(Finding.ID(.fin004, .bureau(.bdt), .year(2022))),
                    make(Finding.ID(.sub001, .kind(.operationalPlan), .bureau(.bdt)))]
        #expect(list.sorted(by: Finding.logOrder).map(\.id.description) == ["SUB-001/OP/BDT", "FIN-004/BDT/2022", "FIN-004/BR/2022", "RF-001/FP/D.5-1"])
    }

    /// Keys built once (issue 11) order as the comparator does, on every pair of a mixed list.
    @Test func keysOrderAsTheComparator() {
        let texts = ["", "a", "A", "a1", "a01", "a001", "a1b", "a10", "a2", "D.1-14", "D.1-2", "D.10-1", "D.2-1", "1", "01", "001", "10",
                     "é", "e\u{301}", "z9", "z09x", "Σ2", "x 1", "x1", "0", "00", "a0", "a00b", "T.4-1/2023", "T.4-1/2023#2", "T.4-1/2022"]
        for a in texts {
            for b in texts {
                #expect((NaturalOrder.Key(a) < NaturalOrder.Key(b)) == Self.referenceLess(a, b), "\(a) < \(b)")
            }
        }
        #expect(NaturalOrder.sorted(texts, by: { $0 }) == texts.sorted { Self.referenceLess($0, $1) })
        // Compared where they are in their array (`less`, `order`), as compared taken out of it.
        let keys = texts.map(NaturalOrder.Key.init)
        for i in keys.indices {
            for j in keys.indices {
                #expect(NaturalOrder.Key.less(keys, i, j) == (keys[i] < keys[j]), "\(texts[i]) < \(texts[j])")
                #expect(NaturalOrder.Key.order(keys, i, j) == NaturalOrder.Key.order(keys[i], keys[j]), "\(texts[i]) ? \(texts[j])")
            }
        }
    }

    /// The comparator as it was before keys were built once: runs re-split on every comparison.
    static func referenceLess(_ a: String, _ b: String) -> Bool {
        enum Run: Equatable { case text(String), digits(String) }
        func runs(_ s: String) -> [Run] {
            var result: [Run] = [], current = "", inDigits = false
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
        func scalarLess(_ a: String, _ b: String) -> Bool {
            a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
        }
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
                break
            }
        }
        if ra.count != rb.count { return ra.count < rb.count }
        return scalarLess(a, b)
    }
}

extension NaturalOrderTests {
    /// The comparison walking two ASCII strings gives what their keys give, on codes of every
    /// shape: leading zeros, runs of different counts, empty strings, equal runs.
    @Test("Comparing ASCII strings in place agrees with their keys")
    func asciiWalkAgreesWithKeys() {
        var random = SeededRandom(seed: 11)
        let alphabet = Array("0012345679.-ABRDzx ".utf8)
        var texts = ["", "0", "00", "1", "01", "R.1-2", "R.01-2", "R.1-02", "R.10-2", "R.1-2a", "D.2-12", "D.2-2", "a", "a0", "a00", "0a"]
        for _ in 0..<400 {
            let length = Int(random.next() % 9)
            texts.append(String(decoding: (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }, as: UTF8.self))
        }
        for a in texts {
            for b in texts {
                #expect(NaturalOrder.asciiLess(a, b) == (NaturalOrder.Key(a) < NaturalOrder.Key(b)), "\(a) < \(b)")
            }
        }
        #expect(NaturalOrder.asciiLess("é1", "e1") == nil)
        #expect(NaturalOrder.less("R.é2", "R.é10"))
    }
}

extension NaturalOrderTests {
    /// Keys packed into bytes (issue 11) order as the comparator does: `order` is -1, 0 or 1 as
    /// the reference says less, equal or greater, on random texts with leading zeros, spaces, control
    /// characters and digit runs past 31 significant digits (both unpacked), and non-ASCII texts.
    @Test("A packed key's byte order is the runs' order")
    func packedKeysOrderAsTheReference() {
        var random = SeededRandom(seed: 29)
        let alphabet = Array("00123456789.-_/!ABz \t".utf8)
        var texts = ["", "0", "1", "01", "a", "a0", "a00", "0a", "é1", "e1", "D.Σ-2", "D.Σ-10", String(repeating: "9", count: 31),
                     "1" + String(repeating: "0", count: 31), "0" + String(repeating: "9", count: 31), "x" + String(repeating: "5", count: 40)]
        for _ in 0..<300 {
            let length = Int(random.next() % 10)
            texts.append(String(decoding: (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }, as: UTF8.self))
        }
        #expect(NaturalOrder.Key("R.01-2").packed != nil)
        #expect(NaturalOrder.Key("a\tb").packed == nil && NaturalOrder.Key("é").packed == nil)
        #expect(NaturalOrder.Key("x" + String(repeating: "5", count: 32)).packed == nil)
        for a in texts {
            for b in texts {
                let (ka, kb) = (NaturalOrder.Key(a), NaturalOrder.Key(b))
                let expected = Self.referenceLess(a, b) ? -1 : Self.referenceLess(b, a) ? 1 : 0
                #expect(NaturalOrder.Key.order(ka, kb) == expected, "\(a) vs \(b)")
                #expect((ka < kb) == (expected < 0), "\(a) < \(b)")
            }
        }
    }
}
