import Foundation

/// `manifest.json`'s bytes, and the same manifest with the time of filing away added to its
/// `stages` without encoding the rest again.
///
/// A run writes its manifest twice at its end, on its own thread: at the commit, then with the
/// stage that filing away took (issue 11). The second is the first with only `stages` changed, and
/// encoding the whole manifest again (about 12 M instructions at 58 times the demo, most of it
/// Foundation's encoder on the inputs' sheet and column accounts and the rules' coverage) is what
/// made it long. The encoder writes keys sorted and indented two spaces a level, so the
/// top-level `stages` object is found at a newline, two spaces and its key (a newline inside a
/// string is always escaped): when the object the commit encoded is there, byte for byte, the new
/// one is put in its place; otherwise the manifest is encoded whole. `ManifestJSONTests` compares
/// both ways.
enum ManifestJSON {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func encode(_ manifest: Manifest) throws -> Data { try encoder().encode(manifest) }

    /// `manifest` (whose stages may differ from those in `encoded`) as `encode` would give it.
    static func restaged(_ manifest: Manifest, encoded: Data, stagesThen: [String: Double]) throws -> Data {
        try spliced(encoded, stagesThen: stagesThen, stagesNow: manifest.stages) ?? encode(manifest)
    }

    /// `manifest` as `encode` would give it, from `draft`: the same manifest encoded but for its
    /// `outputs` and `stages`, whose values' places the draft found (issue 11: the commit's
    /// manifest is encoded while the outputs are written, about 16 M instructions at K = 58 that
    /// the run's one thread spent between its outputs and filing its inputs away, and the places
    /// found there too, a search of the bytes that took 5 M). With the place of `stages` in the
    /// result, for ``CommittedManifest/setStages(_:)``. Encoded whole when either has failed
    /// outputs (a key the draft does not have) or a value is not where the draft found it.
    static func completed(_ manifest: Manifest, draft: DraftManifest) throws -> (json: Data, stages: Range<Int>?) {
        guard manifest.failedOutputs == nil, draft.manifest.failedOutputs == nil,
              let outputs = draft.outputs, let stages = draft.stages, outputs.upperBound <= stages.lowerBound,
              // The later value first, so that the earlier one's place still holds.
              let staged = try replacing(stages, then: draft.manifest.stages, now: manifest.stages, in: draft.json),
              let both = try replacing(outputs, then: draft.manifest.outputs, now: manifest.outputs, in: staged.data)
        else { return (try encode(manifest), nil) }
        let shift = both.range.count - outputs.count
        return (both.data, staged.range.lowerBound + shift..<staged.range.upperBound + shift)
    }

    /// Where the value of the top-level `key` lies in `encoded` (offsets from its start), checked
    /// to be `value` as the encoder writes it there; nil when it is not found exactly so.
    static func valueRange<Value: Encodable>(of key: String, as value: Value, in encoded: Data) throws -> Range<Int>? {
        let marker = Data("\n  \"\(key)\" : ".utf8)
        guard let found = encoded.range(of: marker), encoded.range(of: marker, in: found.upperBound..<encoded.endIndex) == nil else { return nil }
        let bytes = try nested(value)
        let start = found.upperBound - encoded.startIndex
        guard encoded.count - start >= bytes.count,
              encoded[(encoded.startIndex + start)..<(encoded.startIndex + start + bytes.count)].elementsEqual(bytes) else { return nil }
        return start..<start + bytes.count
    }

    /// `encoded` with the bytes at `range` (offsets, as ``valueRange(of:as:in:)`` gives them),
    /// which must be `then` as the encoder writes it there, replaced by `now`; with `now`'s place.
    /// Nil when the bytes there are not `then`'s.
    static func replacing<Value: Encodable>(_ range: Range<Int>, then: Value, now: Value, in encoded: Data)
        throws -> (data: Data, range: Range<Int>)? {
        let thenBytes = try nested(then), base = encoded.startIndex
        guard range.lowerBound >= 0, range.upperBound <= encoded.count, range.count == thenBytes.count,
              encoded[(base + range.lowerBound)..<(base + range.upperBound)].elementsEqual(thenBytes) else { return nil }
        let nowBytes = try nested(now)
        var result = Data(capacity: encoded.count - thenBytes.count + nowBytes.count)
        result.append(encoded[base..<(base + range.lowerBound)])
        result.append(nowBytes)
        result.append(encoded[(base + range.upperBound)...])
        return (result, range.lowerBound..<range.lowerBound + nowBytes.count)
    }

    /// `encoded` with its top-level `stages` object `stagesThen` replaced by `stagesNow`, or nil
    /// when that object is not found exactly where the encoder puts it.
    static func spliced(_ encoded: Data, stagesThen: [String: Double], stagesNow: [String: Double]) throws -> Data? {
        try spliced(encoded, key: "stages", then: stagesThen, now: stagesNow)
    }

    /// `encoded` with the value of its top-level `key`, encoded as `then`, replaced by `now`, or
    /// nil when that value is not found exactly where the encoder puts it.
    static func spliced<Value: Encodable>(_ encoded: Data, key: String, then: Value, now: Value) throws -> Data? {
        guard let range = try valueRange(of: key, as: then, in: encoded) else { return nil }
        return try replacing(range, then: then, now: now, in: encoded)?.data
    }

    /// A value as the encoder writes it one level down: each line after the first indented two
    /// more spaces, but for the empty line the encoder writes inside an empty array or object.
    private static func nested(_ value: some Encodable) throws -> Data {
        var bytes: [UInt8] = []
        var afterNewline = false
        for byte in try encoder().encode(value) {
            if afterNewline && byte != UInt8(ascii: "\n") { bytes += [UInt8(ascii: " "), UInt8(ascii: " ")] }
            bytes.append(byte)
            afterNewline = byte == UInt8(ascii: "\n")
        }
        return Data(bytes)
    }
}
