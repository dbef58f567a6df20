import Foundation
import Testing
import Results

/// `TextSearch.contains` says what Foundation's `contains` says (issue 11 put it in the rules).
struct TextSearchTests {
    @Test(arguments: [
        ("funded by the trust fund", "trust fund"), ("trust fun", "trust fund"), ("", "x"), ("abc", "c"), ("abc", "abcd"),
        ("a voluntary contribution", "voluntary contribution"), ("voluntarycontribution", "voluntary contribution"),
        ("fonds fiduciaire", "fiduciaire"), ("fonds fidúciaire", "fidúciaire"), ("fonds fidu\u{301}ciaire", "fidúciaire"),
        ("café", "cafe"), ("abc", ""), ("", ""), ("cafe\u{301}", "cafe"), ("xb-tf", "xb"), ("aaab", "aab"), ("TRUST FUND", "trust fund"),
    ])
    func answersAsFoundationDoes(text: String, word: String) {
        #expect(TextSearch.contains(text, word) == text.contains(word))
    }
}
