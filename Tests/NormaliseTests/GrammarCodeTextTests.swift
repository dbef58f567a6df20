import Normalise
import Testing

@Suite struct GrammarCodeTextTests {
    @Test("Pre-processing applies NFKC, maps spaces and dashes, trims, collapses and uppercases", arguments: [
        ("  output  d.1-2 ", "OUTPUT D.1-2"),
        ("D.1\u{2010}2", "D.1-2"),
        ("D.1\u{2011}2", "D.1-2"),
        ("D.1\u{2012}2", "D.1-2"),
        ("D.1\u{2013}2", "D.1-2"),
        ("D.1\u{2014}2", "D.1-2"),
        ("D.1\u{2212}2", "D.1-2"),
        ("Goal\u{00A0}1", "GOAL 1"),
        ("Goal\u{2009}1", "GOAL 1"),
        ("Goal\u{202F}1", "GOAL 1"),
        ("Output\nD.1-2", "OUTPUT D.1-2"),
        ("Output \t \r\n D.1-2", "OUTPUT D.1-2"),
        ("\u{FF24}\u{FF0E}\u{FF11}", "D.1"),
        ("D.1\u{00AD}-2", "D.1-2"),
        ("\u{FEFF}R.1\u{200B}", "R.1"),
        ("Objetivo estratégico 1", "OBJETIVO ESTRATÉGICO 1"),
        ("GOAL 1 – GROWTH", "GOAL 1 - GROWTH"),
        ("", ""),
        ("   ", ""),
        ("\u{00A0}\u{202F}", ""),
    ])
    func preprocess(raw: String, expected: String) {
        #expect(CodeText.preprocess(raw) == expected)
    }

    @Test("Pre-processing composes accents so label words compare equal")
    func preprocessComposesAccents() {
        let text = CodeText.preprocess("Re\u{0301}sultat")
        #expect(text.unicodeScalars.map(\.value) == "RÉSULTAT".unicodeScalars.map(\.value))
    }

    @Test("Normalising keeps the case that pre-processing uppercases")
    func normaliseKeepsCase() {
        #expect(CodeText.normalise(" Coût\u{00A0}prévu  2022–2023 ") == "Coût prévu 2022-2023")
    }

    @Test("Leading label words are stripped as whole words, longest first, repeatedly", arguments: [
        ("OBJETIVO ESTRATÉGICO 1", "1"),
        ("BUT STRATÉGIQUE 3", "3"),
        ("STRATEGIC GOAL 2", "2"),
        ("OUTPUT D.1.2", "D.1.2"),
        ("OUT D.1-2", "D.1-2"),
        ("OUTCOME: R.1-1", "R.1-1"),
        ("OUTPUTS D.1-2", "OUTPUTS D.1-2"),
        ("BUT 1", "1"),
        ("BUTTON", "BUTTON"),
        ("OBJ. R1", "R1"),
        ("OBJ.R1", "R1"),
        ("OBJECTIF: T.3", "T.3"),
        ("TARGET: 2.1.A", "2.1.A"),
        ("ITU-R OBJECTIVE R.1", "R.1"),
        ("UIT-D PRODUIT D.2-9", "D.2-9"),
        ("RÉSULTAT R.1-2", "R.1-2"),
        ("OUTPUT", ""),
        ("OUTPUT:", ""),
        ("GOAL1", "GOAL1"),
        ("GOAL-1", "GOAL-1"),
        ("KPI-R-01", "KPI-R-01"),
        ("D.1-2", "D.1-2"),
        ("", ""),
    ])
    func stripDefaultLabels(text: String, expected: String) {
        #expect(CodeText.stripLabels(text, labels: CodeText.defaultLabels) == expected)
    }

    @Test("A short label does not strip the start of a longer word even when that word is not a label")
    func shortLabelNeedsWordEnd() {
        #expect(CodeText.stripLabels("OUTPUT D.1-2", labels: ["OUT"]) == "OUTPUT D.1-2")
        #expect(CodeText.stripLabels("OBJECTIVE R.1", labels: ["OBJ"]) == "OBJECTIVE R.1")
    }

    @Test("Extra labels may be given in any case and order")
    func extraLabels() {
        #expect(CodeText.stripLabels("RÉALISATION D.1-2", labels: ["réalisation"]) == "D.1-2")
        #expect(CodeText.stripLabels("OBJ OBJECTIVE R.1", labels: ["obj", "objective"]) == "R.1")
    }

    @Test("The default labels are the b.3 list")
    func defaultLabels() {
        #expect(CodeText.defaultLabels.count == 26)
        #expect(Set(CodeText.defaultLabels).count == 26)
        #expect(CodeText.defaultLabels.contains("OBJETIVO ESTRATÉGICO"))
        #expect(CodeText.defaultLabels.contains("UIT-D"))
        #expect(CodeText.defaultLabels.allSatisfy { CodeText.preprocess($0) == $0 })
    }

    /// `trimmed` strips Unicode White_Space, the ASCII scalars told without the property tables:
    /// for every scalar, alone, before and after a text, and around one.
    @Test func trimmingStripsWhiteSpaceForEveryScalar() {
        var differ: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let space = scalar.properties.isWhitespace, s = String(scalar)
            let expected: [(String, String)] = [("\(s)x\(s)", space ? "x" : "\(s)x\(s)"), ("x\(s)", space ? "x" : "x\(s)"), ("\(s)x", space ? "x" : "\(s)x"),
                                                (s, space ? "" : s)]
            if expected.contains(where: { CodeText.trimmed($0.0) != $0.1 }) { differ.append(value) }
        }
        #expect(differ.isEmpty, "\(differ.prefix(10).map { String($0, radix: 16) })")
    }
}
