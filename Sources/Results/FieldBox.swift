/// The shared, copy-on-write box a record of the model keeps its fields in (issue 11).
///
/// The rules, the reports and the transfer copy rows out of the model's arrays thousands of
/// times; a record whose fields are stored inline costs a reference count for each text and cell
/// it holds at every copy (about 550 instructions for an allocation or a budget line), one whose
/// fields are in a box costs one. The record copies the box before changing a field when another
/// copy shares it (`isKnownUniquelyReferenced`), so value semantics hold; ``Finding`` keeps its
/// own box, which also holds its id's text.
///
/// `fields` is read without the runtime's exclusivity check: every getter of the model's records
/// reads through it, and the check (`swift_beginAccess`, about 60 instructions a read) was about
/// 1 % of a run (issue 11). A record only ever reads a field or changes one in place through its
/// own accessors, never two at once, so no access can overlap another.
final class FieldBox<Fields: Sendable>: @unchecked Sendable {
    @exclusivity(unchecked) var fields: Fields
    init(_ fields: Fields) { self.fields = fields }
}
