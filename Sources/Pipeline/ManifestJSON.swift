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

    /// `manifest` as `encode` would give it, from the bytes of `draft` encoded: the same manifest
    /// but for its `outputs` and `stages` (issue 11: the commit's manifest is encoded while the
    /// outputs are written, about 16 M instructions at K = 58 that the run's one thread spent
    /// between its outputs and filing its inputs away). Encoded whole when either has failed
    /// outputs (a key the draft does not have) or a value is not found where the encoder puts it.
    static func completed(_ manifest: Manifest, draft: Manifest, encoded: Data) throws -> Data {
        guard manifest.failedOutputs == nil, draft.failedOutputs == nil,
              let outputs = try spliced(encoded, key: "outputs", then: draft.outputs, now: manifest.outputs),
              let staged = try spliced(outputs, key: "stages", then: draft.stages, now: manifest.stages)
        else { return try encode(manifest) }
        return staged
    }

    /// `encoded` with its top-level `stages` object `stagesThen` replaced by `stagesNow`, or nil
    /// when that object is not found exactly where the encoder puts it.
    static func spliced(_ encoded: Data, stagesThen: [String: Double], stagesNow: [String: Double]) throws -> Data? {
        try spliced(encoded, key: "stages", then: stagesThen, now: stagesNow)
    }

    /// `encoded` with the value of its top-level `key`, encoded as `then`, replaced by `now`, or
    /// nil when that value is not found exactly where the encoder puts it.
    static func spliced<Value: Encodable>(_ encoded: Data, key: String, then: Value, now: Value) throws -> Data? {
        let marker = Data("\n  \"\(key)\" : ".utf8)
        guard let found = encoded.range(of: marker), encoded.range(of: marker, in: found.upperBound..<encoded.endIndex) == nil else { return nil }
        let then = try nested(then), now = try nested(now)
        let start = found.upperBound
        guard encoded.endIndex - start >= then.count, encoded[start..<start + then.count].elementsEqual(then) else { return nil }
        var result = Data(capacity: encoded.count - then.count + now.count)
        result.append(encoded[encoded.startIndex..<start])
        result.append(now)
        result.append(encoded[(start + then.count)...])
        return result
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
