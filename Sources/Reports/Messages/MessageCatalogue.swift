import Results

/// The words of a language for the findings' messages: one template per rule and variant.
///
/// Rules give a `Message` (the case and its facts); a catalogue turns it into the sentence a
/// reviewer reads. English is the catalogue of the log (its bytes are pinned by the scenario
/// oracles); French and Spanish go beside it as further conforming types.
public protocol MessageCatalogue: Sendable {
    func text(_ message: Message) -> String
}

extension Message {
    /// The message in English, the language of the log.
    public var english: String { EnglishMessages().text(self) }
}
