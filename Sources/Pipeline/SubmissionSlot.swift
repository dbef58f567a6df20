import Results

/// The place one workbook fills in the drop folder's current set: a kind, and for an operational
/// plan its bureau (`RF`, `FP`, `RR`, `OP/BR`). A resubmission replaces the workbook of its slot;
/// `archive/current.json` maps each slot to its current workbook.
///
/// Typed so that the stages compare slots, not strings that must be spelt alike in several places;
/// its text (`OP/BR`) is written only where a person or a file reads it: `current.json`, the
/// filing plan, the manifest's completeness matrix and messages.
struct SubmissionSlot: Hashable, Comparable, Sendable, CustomStringConvertible {
    var kind: WorkbookKind
    var bureau: Bureau?

    init(_ kind: WorkbookKind, _ bureau: Bureau? = nil) {
        self.kind = kind
        self.bureau = bureau
    }

    /// The slot of a workbook of `kind` (and `bureau`); nil when its kind is not known.
    init?(kind: WorkbookKind?, bureau: Bureau?) {
        guard let kind else { return nil }
        self.init(kind, bureau)
    }

    /// A slot from its text (`OP/BR`, `FP`); nil for any other text.
    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let kind = WorkbookKind(rawValue: String(parts[0])) else { return nil }
        if parts.count == 2 {
            guard let bureau = Bureau(rawValue: String(parts[1])) else { return nil }
            self.init(kind, bureau)
        } else {
            self.init(kind)
        }
    }

    /// `OP/BR`, `FP`.
    var description: String { bureau.map { "\(kind.rawValue)/\($0.rawValue)" } ?? kind.rawValue }

    static func < (a: SubmissionSlot, b: SubmissionSlot) -> Bool { a.description < b.description }
}

extension SubmissionSlot: Codable {
    init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let slot = SubmissionSlot(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a submission slot (RF, FP, RR or OP/<bureau>)"))
        }
        self = slot
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
