import Testing
import XLSXCore

@testable import XLSXWriter

/// A cell's column read in place from its tag (`MarkupScanner.referenceColumn`) is what the tag's
/// `r` attribute, unescaped and parsed as a reference, gives: the marker places its marks by it.
@Suite struct WriterMarkupScannerTests {
    static let tags = [
        #"<c r="B7" s="3">"#, #"<c r="$AB$12"/>"#, #"<c s="1" t="s" r="XFD1048576">"#, #"<c r='C9'>"#,
        #"<c  r = "D4" >"#, #"<c r="&#65;1">"#, #"<c r="A&amp;1">"#, #"<c r="1A">"#, #"<c r="A0">"#,
        #"<c r="XFE1">"#, #"<c r="">"#, #"<c s="2">"#, #"<c>"#, #"<x:c r="E5">"#, #"<c rr="F6" r="G7">"#,
        #"<c xr:r="H8">"#, #"<c r="I9" r="J10">"#, #"<c r="aa3">"#, #"<c r="Z99999999999999999999">"#,
        #"<c r="K3"s="1">"#, #"<c r="L4"/>"#, #"<c r="M5" >"#, #"<c r="N6 ">"#, #"<c r=" O7">"#, #"<c\#tr="P8">"#,
    ]

    @Test(arguments: tags)
    func aCellsColumnIsItsReferencesColumn(tag: String) throws {
        let bytes = Array(tag.utf8)
        let token = try #require(try MarkupScanner.next(in: bytes, from: 0, isFinal: true))
        let expected = MarkupScanner.attribute("r", of: token, in: bytes).flatMap { CellReference($0)?.column }
        #expect(MarkupScanner.referenceColumn(of: token, in: bytes) == expected)
    }

    @Test func theAnswersAreTheColumns() throws {
        func column(_ tag: String) throws -> Int? {
            let bytes = Array(tag.utf8)
            return MarkupScanner.referenceColumn(of: try #require(try MarkupScanner.next(in: bytes, from: 0, isFinal: true)), in: bytes)
        }
        #expect(try column(#"<c r="B7" s="3">"#) == 2)
        #expect(try column(#"<c r="&#65;1">"#) == 1)
        #expect(try column(#"<c s="1" t="s" r="XFD1048576">"#) == 16_384)
        #expect(try column(#"<c rr="F6" r="G7">"#) == 7)
        #expect(try column(#"<c r="1A">"#) == nil)
        #expect(try column(#"<c s="2">"#) == nil)
    }

    /// Stopping at the first match gives what the list of all attributes gives.
    @Test(arguments: tags)
    func anAttributesRangeIsTheFirstOfItsName(tag: String) throws {
        let bytes = Array(tag.utf8)
        let token = try #require(try MarkupScanner.next(in: bytes, from: 0, isFinal: true))
        for name in ["r", "s", "t", "rr"] {
            let first = MarkupScanner.attributes(of: token, in: bytes).first { bytes[$0.name].elementsEqual(name.utf8) }?.value
            #expect(MarkupScanner.attributeRange(name, of: token, in: bytes) == first)
        }
    }

    /// A tag retagged in place (`set`, the marker's way) is the tag `setting` makes, the
    /// attribute replaced where it is or added after the last one.
    @Test(arguments: [
        (#"<c r="B7" s="3">"#, #"<c r="B7" s="12">"#), (#"<c r="B7"/>"#, #"<c r="B7" s="12"/>"#),
        (#"<c>"#, #"<c s="12">"#), (#"<x:c r='B7' t="s">"#, #"<x:c r='B7' t="s" s="12">"#),
        (#"<c s = "3" r="B7">"#, #"<c s = "12" r="B7">"#),
    ])
    func aTagRetaggedInPlaceIsTheTagSettingMakes(tag: String, expected: String) throws {
        let bytes = Array(tag.utf8)
        let token = try #require(try MarkupScanner.next(in: bytes, from: 0, isFinal: true))
        var output = Array("before".utf8)
        MarkupScanner.set("s", to: "12", in: token, of: bytes, appendingTo: &output)
        #expect(String(decoding: output, as: UTF8.self) == "before" + expected)
        #expect(String(decoding: MarkupScanner.setting("s", to: "12", in: token, of: bytes), as: UTF8.self) == expected)
    }
}
