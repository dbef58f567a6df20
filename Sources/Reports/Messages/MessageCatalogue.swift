import Results

/// The words of a language for the findings' messages: one template per rule and variant.
///
/// Rules give a `Message` (the case and its facts); a catalogue turns it into the sentence a
/// reviewer reads. English is the catalogue of the log (its bytes are pinned by the scenario
/// oracles); `FrenchMessages` and `SpanishMessages` go beside it (`Language.catalogue`).
public protocol MessageCatalogue: Sendable {
    func text(_ message: Message) -> String
    /// A typed term of an expected or actual value (`none`, `blank`, `1 row`).
    func term(_ term: Term) -> String
}

extension MessageCatalogue {
    public func term(_ term: Term) -> String { term.english }
}

extension Message {
    /// The message in English, the language of the log.
    public var english: String { EnglishMessages().text(self) }
}
