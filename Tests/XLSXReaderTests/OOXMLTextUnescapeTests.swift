import Testing
import XLSXReader

/// `_xHHHH_` escapes decoded; texts without one (the quick check on their bytes, issue 11) kept.
@Suite struct OOXMLTextUnescapeTests {
    @Test(arguments: [
        ("_x0041_", "A"), ("a_x0041_b", "aAb"), ("_x005F_x0041_", "_x0041_"), ("é_x0042_", "éB"),
        ("_xD83D__xDE00_", "😀"), ("x_x000D_y", "x\ry"), ("Budget 2022_x000A_", "Budget 2022\n"),
        ("_x41_", "_x41_"), ("_x004", "_x004"), ("a_x", "a_x"), ("_xZZZZ_", "_xZZZZ_"), ("plain text", "plain text"),
        ("", ""), ("x_x", "x_x"), ("R.1-1_xx", "R.1-1_xx"), ("Plan opérationnel", "Plan opérationnel"),
    ])
    func escapesAreDecodedAndOtherTextsKept(written: String, read: String) {
        #expect(OOXMLText.unescape(written) == read)
        #expect(Array(OOXMLText.unescape(written).utf8) == Array(read.utf8))
    }
}
