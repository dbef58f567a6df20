import Foundation
import Yams

/// A `Decodable` value read from a YAML node already composed, as Yams' `YAMLDecoder` reads it
/// from a text (its decoder, on the node; the same scalars, the same errors), so that a pipeline
/// file is parsed once, not twice (issue 11). Yams offers decoding from a text only, which composes
/// the text again with a resolver whose merge rule is a regular expression: compiling it set up
/// ICU's regular expressions (about 2 ms at every run's start, before any file could be read), and
/// every key's look-up matched it.
///
/// `compose(_:)` resolves merge keys (`<<: *base`) only where the text can hold one: a plain `<<`.
enum YAMLNodeDecoding {
    /// The text's node, merge keys resolved when it has any, every other plain scalar a string (the
    /// tags `YAMLDecoder` gives, its resolver having the merge rule only).
    /// - Throws: Yams' `YamlError` for a text that is not YAML.
    static func compose(_ text: String) throws -> Node? {
        try Yams.compose(yaml: text, resolver(for: text))
    }

    /// The resolver `text` needs: Yams' merge rule when `<<` is in it (only a plain `<<` is resolved
    /// to a merge key; an explicit `!!merge` tag needs no rule), else none.
    static func resolver(for text: String) -> Resolver {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "<") && previous == UInt8(ascii: "<") { return Resolver.basic.appending(.merge) }
            previous = byte
        }
        return .basic
    }

    /// `T` decoded from `node`.
    /// - Throws: `DecodingError`, as `YAMLDecoder` throws it.
    static func decode<T: Decodable>(_ type: T.Type, from node: Node, userInfo: [CodingUserInfoKey: Any] = [:]) throws -> T {
        try NodeDecoder(node: node, userInfo: userInfo, codingPath: []).decode(type)
    }
}

/// Yams' `_Decoder` (Sources/Yams/Decoder.swift, MIT licence), which it keeps private.
private struct NodeDecoder: Decoder {
    let node: Node
    let userInfo: [CodingUserInfoKey: Any]
    let codingPath: [CodingKey]

    func container<Key>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard let mapping = node.mapping.map(Self.flattened) else {
            throw nodeTypeMismatch(at: codingPath, expectation: Node.Mapping.self, reality: node)
        }
        return .init(NodeKeyedContainer<Key>(decoder: self, mapping: mapping))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        guard let sequence = node.sequence else {
            throw nodeTypeMismatch(at: codingPath, expectation: Node.Sequence.self, reality: node)
        }
        return NodeUnkeyedContainer(decoder: self, sequence: sequence)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer { self }

    func decoder(referencing node: Node, as key: CodingKey) -> NodeDecoder {
        NodeDecoder(node: node, userInfo: userInfo, codingPath: codingPath + [key])
    }

    func scalar() throws -> Node.Scalar {
        switch node {
        case .scalar(let scalar): return scalar
        case .mapping(let mapping): throw nodeTypeMismatch(at: codingPath, expectation: Node.Scalar.self, reality: mapping)
        case .sequence(let sequence): throw nodeTypeMismatch(at: codingPath, expectation: Node.Scalar.self, reality: sequence)
        }
    }

    /// The mapping with its merge keys' mappings put in before its own pairs (Yams'
    /// `Node.Mapping.flatten`, internal to Yams); the mapping itself when it has none.
    static func flattened(_ mapping: Node.Mapping) -> Node.Mapping {
        guard mapping.contains(where: { isMerge($0.key) }) else { return mapping }
        var pairs: [(Node, Node)] = []
        var merged: [(Node, Node)] = []
        for pair in mapping {
            guard isMerge(pair.key) else {
                pairs.append((pair.key, pair.value))
                continue
            }
            switch pair.value {
            case .mapping(let inner):
                merged += flattened(inner).map { ($0.key, $0.value) }
            case .sequence(let sequence):
                for inner in sequence.compactMap({ $0.mapping.map(flattened) }).reversed() {
                    merged += inner.map { ($0.key, $0.value) }
                }
            default:
                break
            }
        }
        return Node.Mapping(merged + pairs, mapping.tag, mapping.style)
    }

    /// A merge key (`<<` resolved so, or tagged `!!merge`); Yams keeps a tag's name internal and
    /// spells it as its description.
    static func isMerge(_ key: Node) -> Bool {
        key.tag.description == Tag.Name.merge.rawValue
    }
}

extension NodeDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool { node.null == NSNull() }
    func decode<T>(_ type: T.Type) throws -> T where T: Decodable & ScalarConstructible { try construct(type) }
    func decode<T>(_ type: T.Type) throws -> T where T: Decodable { try construct(type) ?? type.init(from: self) }

    private func construct<T: ScalarConstructible>(_ type: T.Type) throws -> T {
        let scalar = try self.scalar()
        guard let constructed = type.construct(from: scalar) else {
            throw nodeTypeMismatch(at: codingPath, expectation: type, reality: scalar)
        }
        return constructed
    }

    private func construct<T>(_ type: T.Type) throws -> T? {
        guard let constructible = type as? ScalarConstructible.Type else { return nil }
        let scalar = try self.scalar()
        guard let value = constructible.construct(from: scalar) else {
            throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "Expected \(type) value but found \(scalar) instead."))
        }
        return value as? T
    }
}

private struct NodeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoder
    let mapping: Node.Mapping

    var codingPath: [CodingKey] { decoder.codingPath }
    var allKeys: [Key] { mapping.keys.compactMap { $0.string.flatMap(Key.init(stringValue:)) } }
    func contains(_ key: Key) -> Bool { mapping[key.stringValue] != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try decoder(for: key).decodeNil() }
    func decode<T>(_ type: T.Type, forKey key: Key) throws -> T where T: Decodable & ScalarConstructible { try decoder(for: key).decode(type) }
    func decode<T>(_ type: T.Type, forKey key: Key) throws -> T where T: Decodable { try decoder(for: key).decode(type) }

    func nestedContainer<NestedKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder(for: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer { try decoder(for: key).unkeyedContainer() }
    func superDecoder() throws -> Decoder { try decoder(for: NodeCodingKey(stringValue: "super")) }
    func superDecoder(forKey key: Key) throws -> Decoder { try decoder(for: key) }

    private func decoder(for key: CodingKey) throws -> NodeDecoder {
        guard let node = mapping[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        return decoder.decoder(referencing: node, as: key)
    }
}

private struct NodeUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: NodeDecoder
    let sequence: Node.Sequence
    var currentIndex = 0

    init(decoder: NodeDecoder, sequence: Node.Sequence) {
        self.decoder = decoder
        self.sequence = sequence
    }

    var codingPath: [CodingKey] { decoder.codingPath }
    var count: Int? { sequence.count }
    var isAtEnd: Bool { currentIndex >= sequence.count }

    mutating func decodeNil() throws -> Bool {
        try throwIfAtEnd(Any?.self)
        return try current { $0.decodeNil() }
    }

    mutating func decode<T>(_ type: T.Type) throws -> T where T: Decodable & ScalarConstructible { try current { try $0.decode(type) } }
    mutating func decode<T>(_ type: T.Type) throws -> T where T: Decodable { try current { try $0.decode(type) } }

    mutating func nestedContainer<NestedKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try current { try $0.container(keyedBy: type) }
    }

    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer { try current { try $0.unkeyedContainer() } }
    mutating func superDecoder() throws -> Decoder { try current { $0 } }

    private var currentKey: CodingKey { NodeCodingKey(index: currentIndex) }

    private func throwIfAtEnd<T>(_ type: T.Type) throws {
        if isAtEnd { throw DecodingError.valueNotFound(type, .init(codingPath: codingPath + [currentKey], debugDescription: "Unkeyed container is at end.")) }
    }

    private mutating func current<T>(_ body: (NodeDecoder) throws -> T) throws -> T {
        try throwIfAtEnd(T.self)
        let decoded = try body(decoder.decoder(referencing: sequence[currentIndex], as: currentKey))
        currentIndex += 1
        return decoded
    }
}

/// A key of a list's element or of a super decoder (Yams' `_YAMLCodingKey`).
private struct NodeCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init(intValue: Int) {
        stringValue = "\(intValue)"
        self.intValue = intValue
    }

    init(index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }
}

/// Yams' `_typeMismatch`: the expected type, and the kind of node found, in its words.
private func nodeTypeMismatch(at codingPath: [CodingKey], expectation: Any.Type, reality: Any) -> DecodingError {
    .typeMismatch(expectation, .init(codingPath: codingPath, debugDescription: "Expected to decode \(expectation) but found \(type(of: reality)) instead."))
}
