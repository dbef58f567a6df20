import Foundation
import Testing
import Yams
@testable import Pipeline

/// A pipeline file is composed once and decoded from its node (`YAMLNodeDecoding`) exactly as Yams'
/// `YAMLDecoder` decodes its text: the same values, the same errors at the same keys.
@Suite struct YAMLNodeDecodingTests {
    struct Settings: Decodable, Equatable {
        struct Source: Decodable, Equatable {
            var name: String
            var files: [String]
            var header: Int?
            var scale: Double?
        }
        var name: String
        var count: Int
        var strict: Bool
        var ratio: Double?
        var note: String?
        var words: [String: [String]]?
        var sources: [Source]
        var extra: Decimal?
    }

    static let texts = [
        """
        name: ITU
        count: 1_000
        strict: yes
        ratio: 0.005
        note: ~
        words: {HIGH: [high, élevée], LOW: []}
        sources:
          - {name: financial-plan, files: ["FP_*.xlsx"], header: 3}
          - name: "operational: plan"
            files: [OP_*.xlsx, '*Operational Plan*.xlsx']
            scale: .inf
        extra: 12.50
        """,
        // Merge keys, from a mapping and from a list of mappings; the file's own keys win.
        """
        base: &base {name: x, files: [a.xlsx], header: 2}
        other: &other {scale: 1000}
        name: merged
        count: 0x10
        strict: false
        sources:
          - <<: *base
            name: own
          - <<: [*base, *other]
        """,
        "name: n\ncount: 1\nstrict: true\nsources: []\nratio: null\nnote: ''\n",
    ]

    static func throughYams(_ text: String) -> Result<Settings, DecodingError> {
        Result { try YAMLDecoder().decode(Settings.self, from: text) }.mapError { $0 as! DecodingError }
    }

    static func fromNode(_ text: String) -> Result<Settings, DecodingError> {
        Result { try YAMLNodeDecoding.decode(Settings.self, from: try #require(try YAMLNodeDecoding.compose(text))) }
            .mapError { $0 as! DecodingError }
    }

    @Test(arguments: texts)
    func valuesAreThoseYAMLDecoderGives(_ text: String) throws {
        let expected = try Self.throughYams(text).get()
        #expect(try Self.fromNode(text).get() == expected)
    }

    @Test func theMergedSourcesTakeTheBaseAndKeepTheirOwnKeys() throws {
        let settings = try Self.fromNode(Self.texts[1]).get()
        #expect(settings.sources == [Settings.Source(name: "own", files: ["a.xlsx"], header: 2, scale: nil),
                                     Settings.Source(name: "x", files: ["a.xlsx"], header: 2, scale: 1000)])
        #expect(settings.count == 16)
    }

    /// Errors name the same key, with the same case and words, as `YAMLDecoder`'s.
    @Test(arguments: [
        "name: n\ncount: many\nstrict: true\nsources: []\n",                 // not a number
        "name: n\ncount: 1\nstrict: true\nsources: {a: 1}\n",                // a mapping for a list
        "name: n\ncount: 1\nstrict: true\n",                                 // a key missing
        "name: [a]\ncount: 1\nstrict: true\nsources: []\n",                  // a list for a text
        "name: n\ncount: 1\nstrict: true\nsources: [{name: s, files: x}]\n", // a text for a list, in a list
        "name: n\ncount: 1\nstrict: true\nsources: []\nextra: lots\n",       // not a decimal
    ])
    func errorsAreThoseYAMLDecoderThrows(_ text: String) throws {
        guard case .failure(let expected) = Self.throughYams(text) else { Issue.record("Yams decoded \(text)"); return }
        guard case .failure(let error) = Self.fromNode(text) else { Issue.record("decoded \(text)"); return }
        #expect(String(describing: error) == String(describing: expected))
    }

    @Test func aMergeRuleOnlyWhereTheTextCanHoldAMergeKey() {
        #expect(YAMLNodeDecoding.resolver(for: "name: x\nsources: []\n").rules.isEmpty)
        #expect(YAMLNodeDecoding.resolver(for: "a: 1 < 2\nb: '<'\n").rules.isEmpty)
        #expect(YAMLNodeDecoding.resolver(for: "- <<: *base\n").rules.map(\.tag) == [.merge])
    }
}
