import Foundation
import Results

/// Reads a value written by ``TransferEncoder`` (``TransferFormat``): a worker's outcome.
struct TransferDecoder {
    /// Decodes a `T` from `data`.
    /// - Throws: ``TransferError`` when the data is not the format, of another version or damaged;
    ///   `DecodingError` when it does not hold a `T`.
    func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let reader = try TransferReader(data)
        let value = try reader.decodeValue(T.self, at: reader.bodyStart)
        guard try reader.skip(reader.bodyStart) == reader.bytes.count else {
            throw TransferError(.damaged, "bytes after the value")
        }
        return value
    }
}

/// The bytes and string table of one result; shared by the containers of one decoding.
final class TransferReader {
    let bytes: [UInt8]
    /// Constants once read (`let`, not `private(set) var`): a class's variable is checked for
    /// exclusive access at every read, about 65 instructions, 7.8 M at K = 58 (issue 11).
    let strings: [String]
    let bodyStart: Int

    init(_ data: Data) throws {
        bytes = [UInt8](data)
        let magic = TransferFormat.magic
        guard bytes.count >= magic.count + 2, Array(bytes[0..<magic.count]) == magic else { throw TransferError(.notTransfer) }
        let version = UInt16(bytes[magic.count]) | UInt16(bytes[magic.count + 1]) << 8
        guard version == TransferFormat.version else { throw TransferError(.version(found: version)) }
        var position = magic.count + 2
        let count = try Self.varint(bytes, &position)
        guard count <= UInt64(bytes.count) else { throw TransferError(.damaged, "a string table of \(count) strings") }
        var strings: [String] = []
        strings.reserveCapacity(Int(count))
        for _ in 0..<count {
            // Converted only once known to fit: a damaged length may be any 64-bit number.
            let raw = try Self.varint(bytes, &position)
            guard raw <= UInt64(bytes.count - position) else { throw TransferError(.damaged, "a string past the end") }
            let length = Int(raw)
            strings.append(String(decoding: bytes[position..<position + length], as: UTF8.self))
            position += length
        }
        self.strings = strings
        bodyStart = position
    }

    // MARK: Scalars

    /// A zigzag-encoded signed integer (``TransferWriter``'s `signedVarint`).
    func signedVarint(_ position: inout Int) throws -> Int64 { Self.unzigzag(try varint(&position)) }

    static func unzigzag(_ raw: UInt64) -> Int64 { Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1) }

    func varint(_ position: inout Int) throws -> UInt64 { try Self.varint(bytes, &position) }

    static func varint(_ bytes: [UInt8], _ position: inout Int) throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count, shift < 64 else { throw TransferError(.damaged, "a number past the end") }
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    func tag(at position: Int) throws -> TransferFormat.Tag {
        guard position < bytes.count else { throw TransferError(.damaged, "a value past the end") }
        guard let tag = TransferFormat.Tag(rawValue: bytes[position]) else { throw TransferError(.damaged, "tag \(bytes[position]) at \(position)") }
        return tag
    }

    func expect(_ expected: TransferFormat.Tag, _ type: Any.Type, at position: Int) throws {
        let found = try tag(at: position)
        guard found == expected else {
            throw DecodingError.typeMismatch(type, .init(codingPath: [], debugDescription: "expected \(type), found \(found) at \(position)"))
        }
    }

    /// The value at `position`, tagged `tag`, read by `body` from the byte after its tag.
    private func leaf<T>(_ tag: TransferFormat.Tag, at position: Int, _ body: (inout Int) throws -> T) throws -> T {
        try expect(tag, T.self, at: position)
        var next = position + 1
        return try body(&next)
    }

    func string(at position: Int) throws -> String {
        try leaf(.string, at: position, stringReference)
    }

    func stringReference(_ position: inout Int) throws -> String {
        let index = try varint(&position)
        guard index < UInt64(strings.count) else { throw TransferError(.damaged, "string \(index) of \(strings.count)") }
        return strings[Int(index)]
    }

    func isNull(at position: Int) throws -> Bool { try tag(at: position) == .null }

    func bool(at position: Int) throws -> Bool {
        switch try tag(at: position) {
        case .yes: return true
        case .no: return false
        default: throw DecodingError.typeMismatch(Bool.self, .init(codingPath: [], debugDescription: "expected a Bool at \(position)"))
        }
    }

    func integer<I: FixedWidthInteger>(_ type: I.Type, at position: Int) throws -> I {
        var next = position + 1
        let value: I?
        if I.isSigned {
            try expect(.int, type, at: position)
            let raw = try varint(&next)
            value = I(exactly: Self.unzigzag(raw))
        } else {
            try expect(.uint, type, at: position)
            value = I(exactly: try varint(&next))
        }
        guard let value else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a number out of range of \(type) at \(position)"))
        }
        return value
    }

    private func fixed(_ size: Int, at position: Int) throws -> UInt64 {
        guard position + 1 + size <= bytes.count else { throw TransferError(.damaged, "a number past the end") }
        var bits: UInt64 = 0
        for i in 0..<size { bits |= UInt64(bytes[position + 1 + i]) << UInt64(8 * i) }
        return bits
    }

    func double(at position: Int) throws -> Double {
        try expect(.double, Double.self, at: position)
        return Double(bitPattern: try fixed(8, at: position))
    }

    func float(at position: Int) throws -> Float {
        try expect(.float, Float.self, at: position)
        return Float(bitPattern: UInt32(truncatingIfNeeded: try fixed(4, at: position)))
    }

    func cell(at position: Int) throws -> CellSource {
        try leaf(.cell, at: position, cellBody)
    }

    private func cellBody(_ next: inout Int) throws -> CellSource {
        let file = try stringReference(&next)
        let sheet = try stringReference(&next)
        let row = Int(Int64(bitPattern: try varint(&next)))
        let column = Int(Int64(bitPattern: try varint(&next)))
        return CellSource(file: file, sheet: sheet, position: CellPosition(row: row, column: column))
    }

    /// A container's bounds: where its entries start and end, and how many there are.
    func container(_ kind: TransferFormat.Tag, at position: Int) throws -> (start: Int, end: Int, count: Int) {
        try expect(kind, kind == .keyed ? [String: String].self : [String].self, at: position)
        let length = Int(try fixed(4, at: position))
        let count = Int(try fixed(8, at: position) >> 32)
        let start = position + 9
        guard length <= bytes.count - start else { throw TransferError(.damaged, "a container past the end") }
        return (start, start + length, count)
    }

    /// How deep values written by hand may nest in one another (a record in a record…): far more
    /// than the model's, few enough that a damaged result cannot exhaust the stack.
    static let nesting = 32

    /// Where the value at `position` ends.
    /// - Parameter depth: how many values written by hand this one is in (containers are stepped
    ///   over by their length, without looking inside).
    func skip(_ position: Int, depth: Int = 0) throws -> Int {
        guard depth < Self.nesting else { throw TransferError(.damaged, "values nested too deep at \(position)") }
        var next = position + 1
        switch try tag(at: position) {
        case .null, .no, .yes: break
        case .int, .uint, .string: _ = try varint(&next)
        case .double: next += 8
        case .float: next += 4
        case .cell: try skipVarints(4, &next)
        case .decimal: try skipDecimalBody(&next)
        case .keyed, .unkeyed: next = try container(try tag(at: position), at: position).end
        case .amount: try skipDecimalBody(&next); try skipVarints(5, &next)
        case .quantity: try skipDecimalBody(&next); next += 1; try skipVarints(4, &next)
        case .textCell: try skipVarints(5, &next)
        case .yearCost: for _ in 0..<3 { next = try skip(next, depth: depth + 1) }
        case .allocation, .budgetLine, .statedTotal, .record:
            guard next < bytes.count else { throw TransferError(.damaged, "a value past the end") }
            let fields = Int(bytes[next])
            next += 1
            for _ in 0..<fields { next = try skip(next, depth: depth + 1) }
        }
        guard next <= bytes.count else { throw TransferError(.damaged, "a value past the end") }
        return next
    }

    private func skipVarints(_ count: Int, _ next: inout Int) throws {
        for _ in 0..<count { _ = try varint(&next) }
    }

    private func skipDecimalBody(_ next: inout Int) throws {
        guard next < bytes.count else { throw TransferError(.damaged, "a decimal past the end") }
        let kind = bytes[next]
        next += 1
        try skipVarints(kind == 0 ? 2 : 1, &next)
    }

    // MARK: Values

    func decodeValue<T: Decodable>(_ type: T.Type, at position: Int) throws -> T {
        if T.self == String.self { return try string(at: position) as! T }
        if T.self == CellSource.self { return try cell(at: position) as! T }
        if T.self == Int.self { return try integer(Int.self, at: position) as! T }
        if T.self == Bool.self { return try bool(at: position) as! T }
        if T.self == Exact.self, try tag(at: position) == .decimal { return try decimal(at: position) as! T }
        if T.self == Amount.self, try tag(at: position) == .amount { return try amount(at: position) as! T }
        if T.self == Quantity.self, try tag(at: position) == .quantity { return try quantity(at: position) as! T }
        if T.self == TextCell.self, try tag(at: position) == .textCell { return try textCell(at: position) as! T }
        if T.self == YearCost.self, try tag(at: position) == .yearCost { return try yearCost(at: position) as! T }
        if T.self == Allocation.self { return try allocation(at: position) as! T }
        if T.self == BudgetLine.self { return try budgetLine(at: position) as! T }
        if T.self == StatedTotal.self { return try statedTotal(at: position) as! T }
        if T.self == [Int: Amount].self { return try intKeyed(Amount.self, at: position) as! T }
        if T.self == [Int: YearCost].self { return try intKeyed(YearCost.self, at: position) as! T }
        if T.self == [Int: Quantity].self { return try intKeyed(Quantity.self, at: position) as! T }
        if T.self == ResultsModel.self { return try resultsModel(at: position) as! T }
        if T.self == FileLoad.self { return try fileLoad(at: position) as! T }
        return try T(from: TransferValueDecoder(reader: self, position: position))
    }

    func decimal(at position: Int) throws -> Exact {
        var next = position + 1
        return try decimalBody(&next)
    }

    private func decimalBody(_ next: inout Int) throws -> Exact {
        let position = next
        guard next < bytes.count else { throw TransferError(.damaged, "a decimal past the end") }
        let kind = bytes[next]
        next += 1
        switch kind {
        case 0:
            let mantissa = try signedVarint(&next), exponent = try signedVarint(&next)
            // An exponent beyond a 16-bit one is damage: no small value has one.
            guard Int16(exactly: exponent) != nil else { throw TransferError(.damaged, "a decimal at \(position)") }
            return Exact(mantissa: mantissa, exponent: Int(exponent))
        case 1:
            let text = try stringReference(&next)
            if text == "NaN" { return .nan }
            guard let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                throw TransferError(.damaged, "a decimal at \(position)")
            }
            return Exact(decimal)
        default:
            throw TransferError(.damaged, "a decimal at \(position)")
        }
    }

    // MARK: Leaves written by hand (``TransferWriter/amount(_:)`` and the following)

    func amount(at position: Int) throws -> Amount {
        try leaf(.amount, at: position, amountBody)
    }

    private func amountBody(_ next: inout Int) throws -> Amount {
        let chf = try decimalBody(&next)
        let unitText = try stringReference(&next)
        guard let unit = MoneyUnit(rawValue: unitText) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "an amount in \(unitText)"))
        }
        return Amount(chf: chf, unit: unit, source: try cellBody(&next))
    }

    func quantity(at position: Int) throws -> Quantity {
        try expect(.quantity, Quantity.self, at: position)
        var next = position + 1
        let value = try decimalBody(&next)
        guard next < bytes.count, bytes[next] <= 1 else { throw TransferError(.damaged, "a quantity at \(position)") }
        let typedAsText = bytes[next] == 1
        next += 1
        return Quantity(value: value, source: try cellBody(&next), typedAsText: typedAsText)
    }

    func textCell(at position: Int) throws -> TextCell {
        try expect(.textCell, TextCell.self, at: position)
        var next = position + 1
        let text = try stringReference(&next)
        return TextCell(text: text, source: try cellBody(&next))
    }

    func yearCost(at position: Int) throws -> YearCost {
        var next = position + 1
        var parts: [Amount?] = []
        for _ in 0..<3 {
            parts.append(try isNull(at: next) ? nil : try decodeValue(Amount.self, at: next))
            next = try skip(next)
        }
        return YearCost(total: parts[0], staff: parts[1], nonStaff: parts[2])
    }

    func allocation(at position: Int) throws -> Allocation {
        var fields = try Fields(self, position, count: 14, tag: .allocation)
        return Allocation(
            bureau: try fields.take(rawValue), output: OutputCode(try fields.take(string)), outputCell: try fields.take(cell),
            statedObjective: try fields.optional(textCell), title: try fields.take(string),
            years: try fields.take { try self.intKeyed(YearCost.self, at: $0) }, biennium: try fields.optional(value(Amount.self)),
            fte: try fields.optional(value(Quantity.self)), priority: try fields.optional(rawValue), priorityCell: try fields.optional(cell),
            funding: FundingSource(try fields.take(string)), fundingCell: try fields.optional(cell), notes: try fields.optional(textCell),
            row: try fields.take { try self.integer(Int.self, at: $0) })
    }

    func budgetLine(at position: Int) throws -> BudgetLine {
        var fields = try Fields(self, position, count: 14, tag: .budgetLine)
        let bureau: Bureau? = try fields.optional(rawValue)
        let sector = try fields.optional(textCell)
        let sectorBureau: Bureau? = try fields.optional(rawValue)
        return BudgetLine(
            bureau: bureau, sector: sector, statedObjective: try fields.optional(textCell), output: OutputCode(try fields.take(string)),
            outputCell: try fields.take(cell), title: try fields.take(string), category: try fields.optional(string).map(CostCategory.init),
            funding: FundingSource(try fields.take(string)), fundingCell: try fields.take(cell),
            years: try fields.take { try self.intKeyed(Amount.self, at: $0) }, biennium: try fields.optional(value(Amount.self)),
            notes: try fields.optional(textCell), row: try fields.take { try self.integer(Int.self, at: $0) }, sectorBureau: sectorBureau)
    }

    func statedTotal(at position: Int) throws -> StatedTotal {
        var fields = try Fields(self, position, count: 8, tag: .statedTotal)
        return StatedTotal(
            workbook: try fields.take(sourceTag), bureau: try fields.optional(rawValue), label: try fields.take(string),
            measure: try fields.take(measure), stated: try fields.take(value(Exact.self)),
            unit: try fields.optional(rawValue), cell: try fields.take(cell), components: try fields.take(array(value(Quantity.self))))
    }

    /// Reads a `V` at a position (for ``Fields``).
    func value<V: Decodable>(_ type: V.Type) -> (Int) throws -> V {
        { try self.decodeValue(type, at: $0) }
    }

    /// An enumeration written as its raw text.
    func rawValue<E: RawRepresentable>(at position: Int) throws -> E where E.RawValue == String {
        let text = try string(at: position)
        guard let value = E(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(text) is not a \(E.self)"))
        }
        return value
    }

    /// The fields of a value written by hand, read in the order written.
    struct Fields {
        let reader: TransferReader
        var next: Int

        /// - Parameter tag: the value's tag, checked when given.
        init(_ reader: TransferReader, _ position: Int, count: UInt8, tag: TransferFormat.Tag? = nil) throws {
            if let tag { try reader.expect(tag, Any.self, at: position) }
            guard position + 1 < reader.bytes.count, reader.bytes[position + 1] == count else {
                throw TransferError(.damaged, "a value of another number of fields at \(position)")
            }
            self.reader = reader
            next = position + 2
        }

        mutating func take<V>(_ read: (Int) throws -> V) throws -> V {
            let value = try read(next)
            next = try reader.skip(next)
            return value
        }

        mutating func optional<V>(_ read: (Int) throws -> V) throws -> V? {
            if try reader.isNull(at: next) {
                next += 1
                return nil
            }
            return try take(read)
        }
    }

    /// A dictionary with `Int` keys (see ``TransferWriter/intKeyed(_:)``).
    func intKeyed<V: Decodable>(_ type: V.Type, at position: Int) throws -> [Int: V] {
        let (start, end, count) = try container(.keyed, at: position)
        var dictionary: [Int: V] = [:]
        // Each entry takes two bytes at least: a damaged count does not reserve more.
        dictionary.reserveCapacity(min(count, (end - start) / 2))
        var entry = start
        while entry < end {
            let text = try stringReference(&entry)
            guard let key = Int(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a dictionary key \(text) that is not a number"))
            }
            let next = try skip(entry)
            dictionary[key] = try decodeValue(V.self, at: entry)
            entry = next
        }
        return dictionary
    }
}

/// The `Decoder` handed to one value's `init(from:)`.
struct TransferValueDecoder: Decoder {
    let reader: TransferReader
    let position: Int
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let (start, end, _) = try reader.container(.keyed, at: position)
        return KeyedDecodingContainer(TransferKeyedReader<Key>(reader: reader, start: start, end: end))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        let (start, end, count) = try reader.container(.unkeyed, at: position)
        return TransferUnkeyedReader(reader: reader, position: start, end: end, total: count)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer {
        TransferSingleReader(reader: reader, position: position)
    }
}

/// A keyed container, looked up by key: from the entry after the last one decoded, so a value
/// decoded in the order it was written costs one comparison.
final class TransferKeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: TransferReader
    let start: Int
    let end: Int
    private var cursor: Int
    var codingPath: [CodingKey] { [] }

    init(reader: TransferReader, start: Int, end: Int) {
        self.reader = reader
        self.start = start
        self.end = end
        cursor = start
    }

    var allKeys: [Key] {
        var keys: [Key] = []
        var position = start
        while position < end {
            guard let name = try? reader.stringReference(&position), let next = try? reader.skip(position) else { break }
            if let key = Key(stringValue: name) { keys.append(key) }
            position = next
        }
        return keys
    }

    /// The value of `key` and where its entry ends, nil when the container has no such key.
    private func find(_ key: Key) throws -> (value: Int, next: Int)? {
        let name = key.stringValue
        var position = cursor
        var wrapped = false
        while true {
            if position >= end {
                if wrapped || cursor == start { return nil }
                wrapped = true
                position = start
            }
            if wrapped && position >= cursor { return nil }
            var value = position
            let entry = try reader.stringReference(&value)
            let next = try reader.skip(value)
            guard next <= end else { throw TransferError(.damaged, "an entry past its container") }
            if entry == name {
                cursor = position
                return (value, next)
            }
            position = next
        }
    }

    private func value(_ key: Key) throws -> Int {
        guard let (value, next) = try find(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "no value for \(key.stringValue)"))
        }
        cursor = next
        return value
    }

    func contains(_ key: Key) -> Bool { (try? find(key)) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let (value, _) = try find(key) else { return true }
        return try reader.isNull(at: value)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try reader.bool(at: value(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try reader.string(at: value(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try reader.double(at: value(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try reader.float(at: value(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try reader.integer(type, at: value(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try reader.integer(type, at: value(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try reader.integer(type, at: value(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try reader.integer(type, at: value(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try reader.integer(type, at: value(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try reader.integer(type, at: value(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try reader.integer(type, at: value(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try reader.integer(type, at: value(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try reader.integer(type, at: value(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try reader.integer(type, at: value(key)) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try reader.decodeValue(type, at: value(key)) }

    /// One look-up for an optional value (the default asks three times).
    private func present(_ key: Key) throws -> Int? {
        guard let (value, next) = try find(key) else { return nil }
        cursor = next
        return try reader.isNull(at: value) ? nil : value
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(key).map { try reader.bool(at: $0) } }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(key).map { try reader.string(at: $0) } }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(key).map { try reader.integer(type, at: $0) } }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present(key).map { try reader.double(at: $0) } }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try present(key).map { try reader.decodeValue(type, at: $0) }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try TransferValueDecoder(reader: reader, position: value(key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        try TransferValueDecoder(reader: reader, position: value(key)).unkeyedContainer()
    }

    func superDecoder() throws -> Decoder {
        throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "transfer: superDecoder is not supported"))
    }

    func superDecoder(forKey key: Key) throws -> Decoder {
        throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "transfer: superDecoder is not supported"))
    }
}

struct TransferUnkeyedReader: UnkeyedDecodingContainer {
    let reader: TransferReader
    var position: Int
    let end: Int
    let total: Int
    var codingPath: [CodingKey] { [] }
    var count: Int? { total }
    private(set) var currentIndex = 0
    var isAtEnd: Bool { currentIndex >= total }

    init(reader: TransferReader, position: Int, end: Int, total: Int) {
        self.reader = reader
        self.position = position
        self.end = end
        self.total = total
    }

    /// The next value's position; moves past it.
    private mutating func next(_ type: Any.Type) throws -> Int {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: [], debugDescription: "no value left (\(total) in all)"))
        }
        let value = position
        position = try reader.skip(value)
        guard position <= end else { throw TransferError(.damaged, "a value past its container") }
        currentIndex += 1
        return value
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, try reader.isNull(at: position) else { return false }
        _ = try next(Never.self)
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try reader.bool(at: next(type)) }
    mutating func decode(_ type: String.Type) throws -> String { try reader.string(at: next(type)) }
    mutating func decode(_ type: Double.Type) throws -> Double { try reader.double(at: next(type)) }
    mutating func decode(_ type: Float.Type) throws -> Float { try reader.float(at: next(type)) }
    mutating func decode(_ type: Int.Type) throws -> Int { try reader.integer(type, at: next(type)) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try reader.integer(type, at: next(type)) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try reader.integer(type, at: next(type)) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try reader.integer(type, at: next(type)) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try reader.integer(type, at: next(type)) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try reader.integer(type, at: next(type)) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try reader.integer(type, at: next(type)) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try reader.integer(type, at: next(type)) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try reader.integer(type, at: next(type)) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try reader.integer(type, at: next(type)) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.decodeValue(type, at: next(type)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try TransferValueDecoder(reader: reader, position: next(type)).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
        try TransferValueDecoder(reader: reader, position: next([Never].self)).unkeyedContainer()
    }

    mutating func superDecoder() throws -> Decoder {
        throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "transfer: superDecoder is not supported"))
    }
}

struct TransferSingleReader: SingleValueDecodingContainer {
    let reader: TransferReader
    let position: Int
    var codingPath: [CodingKey] { [] }

    func decodeNil() -> Bool { (try? reader.isNull(at: position)) ?? false }
    func decode(_ type: Bool.Type) throws -> Bool { try reader.bool(at: position) }
    func decode(_ type: String.Type) throws -> String { try reader.string(at: position) }
    func decode(_ type: Double.Type) throws -> Double { try reader.double(at: position) }
    func decode(_ type: Float.Type) throws -> Float { try reader.float(at: position) }
    func decode(_ type: Int.Type) throws -> Int { try reader.integer(type, at: position) }
    func decode(_ type: Int8.Type) throws -> Int8 { try reader.integer(type, at: position) }
    func decode(_ type: Int16.Type) throws -> Int16 { try reader.integer(type, at: position) }
    func decode(_ type: Int32.Type) throws -> Int32 { try reader.integer(type, at: position) }
    func decode(_ type: Int64.Type) throws -> Int64 { try reader.integer(type, at: position) }
    func decode(_ type: UInt.Type) throws -> UInt { try reader.integer(type, at: position) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try reader.integer(type, at: position) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try reader.integer(type, at: position) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try reader.integer(type, at: position) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try reader.integer(type, at: position) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.decodeValue(type, at: position) }
}
