import Foundation

/// A decimal's stored parts, taken and given back through `Decimal`'s own `Codable` conformance
/// (Foundation keeps them internal, and unsafe memory access is for ZipIO and XMLIO only): the
/// transfer format writes them in a few bytes instead of the conformance's keyed container with a
/// list of eight numbers, the commonest value of a model after its cells (issue 11).
///
/// Taking the parts fails (nil) when the conformance writes anything but those five fields; the
/// transfer then writes the decimal through the conformance like any other value.
struct DecimalParts: Hashable {
    var exponent: Int32 = 0
    var length: UInt32 = 0
    var negative = false
    var compact = false
    /// The mantissa's eight 16-bit words, least significant first: words 0-3 and 4-7.
    var low: UInt64 = 0
    var high: UInt64 = 0

    enum Field: String {
        case exponent, length, isNegative, isCompact, mantissa
        var bit: Int {
            switch self {
            case .exponent: 1
            case .length: 2
            case .isNegative: 4
            case .isCompact: 8
            case .mantissa: 16
            }
        }
        static let all = 31
    }

    func word(_ index: Int) -> UInt16 {
        UInt16(truncatingIfNeeded: (index < 4 ? low : high) >> UInt64(16 * (index % 4)))
    }

    mutating func setWord(_ index: Int, _ value: UInt16) {
        let shift = UInt64(16 * (index % 4))
        if index < 4 { low |= UInt64(value) << shift } else { high |= UInt64(value) << shift }
    }

    /// The parts of `value` (nil when its conformance writes something else), taken with `capture`.
    init?(_ value: Decimal, capture: DecimalCapture) {
        capture.reset()
        guard (try? value.encode(to: capture)) != nil, !capture.failed, capture.seen == Field.all, capture.words == 8 else { return nil }
        self = capture.parts
    }

    init() {}

    /// The decimal with these parts.
    /// - Throws: `DecodingError` when `Decimal`'s conformance asks for something else.
    func decimal() throws -> Decimal {
        try Decimal(from: DecimalFeed(parts: self))
    }
}

/// The `Encoder` that takes a decimal's parts as its conformance writes them (one per encoding,
/// reset for each decimal).
final class DecimalCapture: Encoder {
    var parts = DecimalParts()
    var failed = false
    var seen = 0
    var words = 0
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func reset() {
        parts = DecimalParts()
        failed = false
        seen = 0
        words = 0
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Keyed<Key>(capture: self))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        failed = true
        return Words(capture: self)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        failed = true
        return Single()
    }

    /// Whether `key` is `field` (marked as seen); otherwise the capture has failed.
    func take(_ key: some CodingKey, as field: DecimalParts.Field) -> Bool {
        guard DecimalParts.Field(rawValue: key.stringValue) == field else {
            failed = true
            return false
        }
        seen |= field.bit
        return true
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let capture: DecimalCapture
        var codingPath: [CodingKey] { [] }

        mutating func encode(_ value: Int32, forKey key: Key) throws {
            if capture.take(key, as: .exponent) { capture.parts.exponent = value }
        }
        mutating func encode(_ value: UInt32, forKey key: Key) throws {
            if capture.take(key, as: .length) { capture.parts.length = value }
        }
        mutating func encode(_ value: Bool, forKey key: Key) throws {
            if DecimalParts.Field(rawValue: key.stringValue) == .isNegative {
                if capture.take(key, as: .isNegative) { capture.parts.negative = value }
            } else if capture.take(key, as: .isCompact) {
                capture.parts.compact = value
            }
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            _ = capture.take(key, as: .mantissa)
            return Words(capture: capture)
        }
        mutating func encodeNil(forKey key: Key) throws { capture.failed = true }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { capture.failed = true }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            capture.failed = true
            return KeyedEncodingContainer(Keyed<NestedKey>(capture: capture))
        }
        mutating func superEncoder() -> Encoder { capture.failed = true; return capture }
        mutating func superEncoder(forKey key: Key) -> Encoder { capture.failed = true; return capture }
    }

    struct Words: UnkeyedEncodingContainer {
        let capture: DecimalCapture
        var codingPath: [CodingKey] { [] }
        var count: Int { capture.words }

        mutating func encode(_ value: UInt16) throws {
            guard capture.words < 8 else { capture.failed = true; return }
            capture.parts.setWord(capture.words, value)
            capture.words += 1
        }
        mutating func encodeNil() throws { capture.failed = true }
        mutating func encode<T: Encodable>(_ value: T) throws { capture.failed = true }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            capture.failed = true
            return KeyedEncodingContainer(Keyed<NestedKey>(capture: capture))
        }
        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer { capture.failed = true; return self }
        mutating func superEncoder() -> Encoder { capture.failed = true; return capture }
    }

    struct Single: SingleValueEncodingContainer {
        var codingPath: [CodingKey] { [] }
        mutating func encodeNil() throws {}
        mutating func encode<T: Encodable>(_ value: T) throws {}
    }
}

/// The `Decoder` that gives a decimal's conformance its parts back.
struct DecimalFeed: Decoder {
    let parts: DecimalParts
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func mismatch(_ what: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: [], debugDescription: "transfer: Decimal's conformance asked for \(what)"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Keyed<Key>(parts: parts))
    }
    func unkeyedContainer() throws -> UnkeyedDecodingContainer { throw Self.mismatch("a list") }
    func singleValueContainer() throws -> SingleValueDecodingContainer { throw Self.mismatch("a single value") }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let parts: DecimalParts
        var codingPath: [CodingKey] { [] }
        var allKeys: [Key] {
            [DecimalParts.Field.exponent, .length, .isNegative, .isCompact, .mantissa].compactMap { Key(stringValue: $0.rawValue) }
        }
        func contains(_ key: Key) -> Bool { DecimalParts.Field(rawValue: key.stringValue) != nil }
        private func field(_ key: Key) -> DecimalParts.Field? { DecimalParts.Field(rawValue: key.stringValue) }

        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
            guard field(key) == .exponent else { throw DecimalFeed.mismatch("\(key.stringValue) as Int32") }
            return parts.exponent
        }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
            guard field(key) == .length else { throw DecimalFeed.mismatch("\(key.stringValue) as UInt32") }
            return parts.length
        }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
            switch field(key) {
            case .isNegative: return parts.negative
            case .isCompact: return parts.compact
            default: throw DecimalFeed.mismatch("\(key.stringValue) as Bool")
            }
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
            guard field(key) == .mantissa else { throw DecimalFeed.mismatch("\(key.stringValue) as a list") }
            return Words(parts: parts)
        }
        func decodeNil(forKey key: Key) throws -> Bool { false }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { throw DecimalFeed.mismatch("\(key.stringValue) as \(type)") }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecimalFeed.mismatch("a nested container")
        }
        func superDecoder() throws -> Decoder { throw DecimalFeed.mismatch("a super decoder") }
        func superDecoder(forKey key: Key) throws -> Decoder { throw DecimalFeed.mismatch("a super decoder") }
    }

    struct Words: UnkeyedDecodingContainer {
        let parts: DecimalParts
        var codingPath: [CodingKey] { [] }
        var count: Int? { 8 }
        var isAtEnd: Bool { currentIndex >= 8 }
        private(set) var currentIndex = 0

        init(parts: DecimalParts) { self.parts = parts }

        mutating func decode(_ type: UInt16.Type) throws -> UInt16 {
            guard !isAtEnd else { throw DecimalFeed.mismatch("more than 8 words") }
            defer { currentIndex += 1 }
            return parts.word(currentIndex)
        }
        mutating func decodeNil() throws -> Bool { false }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { throw DecimalFeed.mismatch("a word as \(type)") }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecimalFeed.mismatch("a nested container")
        }
        mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer { throw DecimalFeed.mismatch("a nested list") }
        mutating func superDecoder() throws -> Decoder { throw DecimalFeed.mismatch("a super decoder") }
    }
}
