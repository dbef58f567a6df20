import Foundation
import Testing
@testable import XLSXReader

/// Numbers as `rbm inspect --format jsonl` should print them: valid JSON that reads back exactly.
@Suite struct ReaderJSONNumberTests {
    @Test("the file's own digits are kept when they are JSON", arguments: [
        ("470000", 470000.0), ("0.1", 0.1), ("-12.5", -12.5), ("1.5E+22", 1.5e22), ("1e-7", 1e-7), ("0", 0), ("-0", -0.0),
    ])
    func validTextIsKept(text: String, value: Double) {
        #expect(SheetCell.jsonNumber(value, text: text) == text)
    }

    @Test("other spellings become JSON", arguments: [
        ("470000.", 470000.0, "470000"), (".5", 0.5, "0.5"), ("+3", 3.0, "3"), ("007", 7.0, "7"), ("-.5", -0.5, "-0.5"),
        ("1.e5", 1e5, "100000"), ("1e+22.", 1e22, "1e+22"), ("+1.5E-300", 1.5e-300, "1.5e-300"),
    ])
    func invalidTextIsRewritten(text: String, value: Double, json: String) throws {
        let out = try #require(SheetCell.jsonNumber(value, text: text))
        #expect(out == json)
        let parsed = try JSONSerialization.jsonObject(with: Data("[\(out)]".utf8)) as? [NSNumber]
        #expect(parsed?.first?.doubleValue == value)
    }

    @Test func nonFiniteNumbersHaveNoJSON() {
        #expect(SheetCell.jsonNumber(.nan, text: "NaN") == nil)
        #expect(SheetCell.jsonNumber(.infinity, text: "INF") == nil)
    }
}
