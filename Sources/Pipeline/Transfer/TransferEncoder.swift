import Foundation
import Results

/// Writes an `Encodable` value in the transfer format (``TransferFormat``): a worker's outcome.
struct TransferEncoder {
    /// Encodes `value`.
    /// - Throws: `EncodingError.invalidValue` when a container is written after its value was
    ///   complete (a conformance that keeps a container and writes to it later).
    func encode<T: Encodable>(_ value: T) throws -> Data {
        let writer = TransferWriter()
        try writer.encodeValue(value)
        writer.close(downTo: 0)
        return writer.finish()
    }
}

/// The bytes being written and the string table; shared by the containers of one encoding.
///
/// Values are written depth first into one buffer, as `Codable` conformances write them. An open
/// container reserves its length and count and has them filled in when it is complete: when its
/// value's `encode(to:)` returns, or when a container further out writes its next entry.
final class TransferWriter {
    // Unchecked: these are touched for every value, only by this writer's own methods, one at a
    // time (an encoding runs on one thread); the checks were 4 % of a worker's time.
    @exclusivity(unchecked) private(set) var body: [UInt8] = []
    /// The string table (``TransferStrings``: texts told apart by their bytes).
    @exclusivity(unchecked) private var table = TransferStrings()
    /// The last cell's file and sheet and their indexes (``cellBody(_:)``).
    @exclusivity(unchecked) private var lastFile: (text: String, index: UInt32)?
    @exclusivity(unchecked) private var lastSheet: (text: String, index: UInt32)?
    /// The table index of each dictionary key (`[Int: Amount]`'s years) already written.
    @exclusivity(unchecked) private var intKeys: [Int: UInt32] = [:]

    private struct Open {
        var id: Int
        var start: Int
        var count: UInt32
    }
    @exclusivity(unchecked) private var open: [Open] = []
    private var serial = 0

    init() {
        body.reserveCapacity(1 << 16)
    }

    /// The whole result: header, string table, values.
    func finish() -> Data {
        var head: [UInt8] = TransferFormat.magic
        head.append(UInt8(truncatingIfNeeded: TransferFormat.version))
        head.append(UInt8(truncatingIfNeeded: TransferFormat.version >> 8))
        Self.varint(UInt64(table.strings.count), into: &head)
        for string in table.strings {
            let utf8 = string.utf8
            Self.varint(UInt64(utf8.count), into: &head)
            head.append(contentsOf: utf8)
        }
        var data = Data(capacity: head.count + body.count)
        data.append(contentsOf: head)
        data.append(contentsOf: body)
        return data
    }

    // MARK: Scalars

    private static func varint(_ value: UInt64, into bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private func tag(_ tag: TransferFormat.Tag) { body.append(tag.rawValue) }
    private func varint(_ value: UInt64) { Self.varint(value, into: &body) }

    /// A signed integer zigzag-encoded, so small magnitudes of either sign take few bytes.
    private func signedVarint(_ value: Int64) { varint(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    /// Writes the index of `string` in the table, added on first use.
    @discardableResult
    func reference(_ string: String) -> UInt32 {
        let index = table.index(of: string)
        varint(UInt64(index))
        return index
    }

    /// ``reference(_:)`` of a text that is often `last`'s, remembered in `last`.
    private func referenceRepeated(_ string: String, _ last: inout (text: String, index: UInt32)?) {
        if let known = last, known.text.hasSameBytes(as: string) {
            varint(UInt64(known.index))
            return
        }
        last = (string, reference(string))
    }

    func null() { tag(.null) }
    func bool(_ value: Bool) { tag(value ? .yes : .no) }
    func string(_ value: String) { tag(.string); reference(value) }

    func signed<I: FixedWidthInteger & SignedInteger>(_ value: I) {
        let wide = Int64(value)
        tag(.int)
        signedVarint(wide)
    }

    func unsigned<I: FixedWidthInteger & UnsignedInteger>(_ value: I) {
        tag(.uint)
        varint(UInt64(value))
    }

    func double(_ value: Double) {
        tag(.double)
        let bits = value.bitPattern
        for shift in stride(from: 0, to: 64, by: 8) { body.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    func float(_ value: Float) {
        tag(.float)
        let bits = value.bitPattern
        for shift in stride(from: 0, to: 32, by: 8) { body.append(UInt8(truncatingIfNeeded: bits >> UInt32(shift))) }
    }

    func cell(_ value: CellSource) {
        tag(.cell)
        cellBody(value)
    }

    private func cellBody(_ value: CellSource) {
        // A cell's file and sheet are nearly always the last cell's: told by their bytes before
        // hashing them for the table (issue 11: two look-ups for every cell of the model). Equal
        // bytes get the index the table gave the last time, exactly what it would give again.
        referenceRepeated(value.file, &lastFile)
        referenceRepeated(value.sheet, &lastSheet)
        varint(UInt64(bitPattern: Int64(value.position.row)))
        varint(UInt64(bitPattern: Int64(value.position.column)))
    }

    /// An exact decimal: its integer and power of ten, or the text of a value held otherwise.
    func decimal(_ value: Exact) throws {
        tag(.decimal)
        decimalBody(value)
    }

    private func decimalBody(_ value: Exact) {
        if let (mantissa, exponent) = value.parts {
            body.append(0)
            signedVarint(mantissa)
            signedVarint(Int64(exponent))
        } else {
            body.append(1)
            reference(value.decimal.description)
        }
    }

    // MARK: Leaves written by hand

    // The commonest model values (every year of every row holds an `Amount`), written without
    // a keyed container and its key names: their generic coding was most of the transfer's cost.
    // A value whose decimal has no parts to take goes through its conformance instead.

    func amount(_ value: Amount) throws {
        tag(.amount)
        decimalBody(value.chf)
        reference(value.unit.rawValue)
        cellBody(value.source)
    }

    func quantity(_ value: Quantity) throws {
        tag(.quantity)
        decimalBody(value.value)
        body.append(value.typedAsText ? 1 : 0)
        cellBody(value.source)
    }

    func textCell(_ value: TextCell) {
        tag(.textCell)
        reference(value.text)
        cellBody(value.source)
    }

    func yearCost(_ value: YearCost) throws {
        tag(.yearCost)
        try optional(value.total, amount)
        try optional(value.staff, amount)
        try optional(value.nonStaff, amount)
    }

    /// An operational-plan row: its fields in the order of ``TransferFormat``, nil as null.
    func allocation(_ value: Allocation) throws {
        tag(.allocation)
        body.append(14)
        string(value.bureau.rawValue)
        string(value.output.text)
        cell(value.outputCell)
        optional(value.statedObjective, textCell)
        string(value.title)
        try intKeyed(value.years)
        try optional(value.biennium, amount)
        try optional(value.fte, quantity)
        optional(value.priority.map(\.rawValue), string)
        optional(value.priorityCell, cell)
        string(value.funding.code)
        optional(value.fundingCell, cell)
        optional(value.notes, textCell)
        signed(value.row)
    }

    /// A financial-plan line: its fields in the order of ``TransferFormat``, nil as null.
    func budgetLine(_ value: BudgetLine) throws {
        tag(.budgetLine)
        body.append(14)
        optional(value.bureau.map(\.rawValue), string)
        optional(value.sector, textCell)
        optional(value.sectorBureau.map(\.rawValue), string)
        optional(value.statedObjective, textCell)
        string(value.output.text)
        cell(value.outputCell)
        string(value.title)
        optional(value.category.map(\.code), string)
        string(value.funding.code)
        cell(value.fundingCell)
        try intKeyed(value.years)
        try optional(value.biennium, amount)
        optional(value.notes, textCell)
        signed(value.row)
    }

    /// A stated total: its fields in the order of ``TransferFormat``, nil as null.
    func statedTotal(_ value: StatedTotal) throws {
        tag(.statedTotal)
        body.append(8)
        sourceTag(value.workbook)
        optional(value.bureau.map(\.rawValue), string)
        string(value.label)
        measure(value.measure)
        try decimal(value.stated)
        optional(value.unit.map(\.rawValue), string)
        cell(value.cell)
        try array(value.components, quantity)
    }

    /// A value or null.
    func optional<V>(_ value: V?, _ write: (V) throws -> Void) rethrows {
        if let value { try write(value) } else { null() }
    }

    /// The start of a value written by hand as a record: its tag and its number of fields, which
    /// follow (``TransferFormat``).
    func record(_ fields: UInt8) {
        tag(.record)
        body.append(fields)
    }

    /// A list, as `Codable` writes one (an unkeyed container), each element written by `write`.
    func array<V>(_ values: [V], _ write: (V) throws -> Void) rethrows {
        let (id, depth) = openContainer(.unkeyed)
        for value in values {
            _ = enter(id, depth)
            try write(value)
        }
        close(downTo: depth)
    }

    /// A dictionary with `Int` keys as the standard library writes one (a keyed container whose
    /// keys are the numbers as text), each key's text made and looked up once.
    func intKeyed<V: Encodable>(_ dictionary: [Int: V]) throws {
        let (id, depth) = openContainer(.keyed)
        for (key, value) in dictionary {
            _ = enter(id, depth)
            if let known = intKeys[key] {
                varint(UInt64(known))
            } else {
                intKeys[key] = reference(String(key))
            }
            try encodeValue(value)
        }
        close(downTo: depth)
    }

    // MARK: Values and containers

    /// Writes one value: a scalar directly, anything else through its `encode(to:)`.
    func encodeValue<T: Encodable>(_ value: T) throws {
        if T.self == String.self { return string(value as! String) }
        if T.self == CellSource.self { return cell(value as! CellSource) }
        if T.self == Int.self { return signed(value as! Int) }
        if T.self == Bool.self { return bool(value as! Bool) }
        if T.self == Exact.self { return try decimal(value as! Exact) }
        if T.self == Amount.self { return try amount(value as! Amount) }
        if T.self == Quantity.self { return try quantity(value as! Quantity) }
        if T.self == TextCell.self { return textCell(value as! TextCell) }
        if T.self == YearCost.self { return try yearCost(value as! YearCost) }
        if T.self == Allocation.self { return try allocation(value as! Allocation) }
        if T.self == BudgetLine.self { return try budgetLine(value as! BudgetLine) }
        if T.self == StatedTotal.self { return try statedTotal(value as! StatedTotal) }
        if T.self == [Int: Amount].self { return try intKeyed(value as! [Int: Amount]) }
        if T.self == [Int: YearCost].self { return try intKeyed(value as! [Int: YearCost]) }
        if T.self == [Int: Quantity].self { return try intKeyed(value as! [Int: Quantity]) }
        if T.self == ResultsModel.self { return try resultsModel(value as! ResultsModel) }
        if T.self == FileLoad.self { return try fileLoad(value as! FileLoad) }
        try encodeGeneric(value)
    }

    /// Writes a value through its `encode(to:)`.
    private func encodeGeneric<T: Encodable>(_ value: T) throws {
        let depth = open.count
        let before = body.count
        try value.encode(to: TransferValueEncoder(writer: self))
        // A value that wrote nothing is an empty keyed container, as JSON writes `{}`.
        if body.count == before { _ = openContainer(.keyed) }
        close(downTo: depth)
    }

    /// Starts a container; returns its identity and depth for ``enter(_:_:)``.
    func openContainer(_ kind: TransferFormat.Tag) -> (id: Int, depth: Int) {
        tag(kind)
        serial += 1
        open.append(Open(id: serial, start: body.count, count: 0))
        body.append(contentsOf: repeatElement(0, count: 8))
        return (serial, open.count - 1)
    }

    /// Before a container writes an entry: completes the containers opened inside it since, and
    /// counts the entry. False when the container itself is already complete.
    func enter(_ id: Int, _ depth: Int) -> Bool {
        guard depth < open.count, open[depth].id == id else { return false }
        close(downTo: depth + 1)
        open[depth].count += 1
        return true
    }

    func count(_ id: Int, _ depth: Int) -> Int {
        guard depth < open.count, open[depth].id == id else { return 0 }
        return Int(open[depth].count)
    }

    /// Completes the containers deeper than `depth`: fills in their length and count.
    func close(downTo depth: Int) {
        while open.count > depth {
            let done = open.removeLast()
            // A worker's address space is limited to a few GiB, so this never fails in a run; if
            // it did, the worker stops (its file is refused) rather than write a wrong length.
            precondition(body.count - done.start - 8 <= Int(UInt32.max), "transfer: a container of more than 4 GiB")
            let length = UInt32(body.count - done.start - 8)
            for i in 0..<4 {
                body[done.start + i] = UInt8(truncatingIfNeeded: length >> UInt32(8 * i))
                body[done.start + 4 + i] = UInt8(truncatingIfNeeded: done.count >> UInt32(8 * i))
            }
        }
    }

    static func closed(_ path: [CodingKey]) -> EncodingError {
        EncodingError.invalidValue((), .init(codingPath: path, debugDescription: "a container was written after its value was complete"))
    }
}

/// The `Encoder` handed to one value's `encode(to:)`.
final class TransferValueEncoder: Encoder {
    let writer: TransferWriter
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// The container this value opened (a value asking twice gets the same one).
    private var opened: (tag: TransferFormat.Tag, id: Int, depth: Int)?

    init(writer: TransferWriter) {
        self.writer = writer
    }

    private func container(_ tag: TransferFormat.Tag) -> (id: Int, depth: Int) {
        if let opened {
            precondition(opened.tag == tag, "transfer: a value asked for two kinds of container")
            return (opened.id, opened.depth)
        }
        let new = writer.openContainer(tag)
        opened = (tag, new.id, new.depth)
        return new
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let (id, depth) = container(.keyed)
        return KeyedEncodingContainer(TransferKeyedWriter<Key>(writer: writer, id: id, depth: depth))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        let (id, depth) = container(.unkeyed)
        return TransferUnkeyedWriter(writer: writer, id: id, depth: depth)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        precondition(opened == nil, "transfer: a value asked for a single value after a container")
        return TransferSingleWriter(writer: writer)
    }
}

struct TransferKeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: TransferWriter
    let id: Int
    let depth: Int
    var codingPath: [CodingKey] { [] }

    private func entry(_ key: Key) throws {
        guard writer.enter(id, depth) else { throw TransferWriter.closed([key]) }
        writer.reference(key.stringValue)
    }

    mutating func encodeNil(forKey key: Key) throws { try entry(key); writer.null() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try entry(key); writer.bool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { try entry(key); writer.string(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try entry(key); writer.double(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try entry(key); writer.float(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try entry(key); writer.signed(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try entry(key); writer.signed(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try entry(key); writer.signed(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try entry(key); writer.signed(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try entry(key); writer.signed(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try entry(key); writer.unsigned(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try entry(key); writer.unsigned(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try entry(key); writer.unsigned(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try entry(key); writer.unsigned(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try entry(key); writer.unsigned(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try entry(key); try writer.encodeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        precondition(writer.enter(id, depth), "transfer: a container was written after its value was complete")
        writer.reference(key.stringValue)
        let (id, depth) = writer.openContainer(.keyed)
        return KeyedEncodingContainer(TransferKeyedWriter<NestedKey>(writer: writer, id: id, depth: depth))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        precondition(writer.enter(id, depth), "transfer: a container was written after its value was complete")
        writer.reference(key.stringValue)
        let (id, depth) = writer.openContainer(.unkeyed)
        return TransferUnkeyedWriter(writer: writer, id: id, depth: depth)
    }

    mutating func superEncoder() -> Encoder { preconditionFailure("transfer: superEncoder is not supported") }
    mutating func superEncoder(forKey key: Key) -> Encoder { preconditionFailure("transfer: superEncoder is not supported") }
}

struct TransferUnkeyedWriter: UnkeyedEncodingContainer {
    let writer: TransferWriter
    let id: Int
    let depth: Int
    var codingPath: [CodingKey] { [] }
    var count: Int { writer.count(id, depth) }

    private func entry() throws {
        guard writer.enter(id, depth) else { throw TransferWriter.closed([]) }
    }

    mutating func encodeNil() throws { try entry(); writer.null() }
    mutating func encode(_ value: Bool) throws { try entry(); writer.bool(value) }
    mutating func encode(_ value: String) throws { try entry(); writer.string(value) }
    mutating func encode(_ value: Double) throws { try entry(); writer.double(value) }
    mutating func encode(_ value: Float) throws { try entry(); writer.float(value) }
    mutating func encode(_ value: Int) throws { try entry(); writer.signed(value) }
    mutating func encode(_ value: Int8) throws { try entry(); writer.signed(value) }
    mutating func encode(_ value: Int16) throws { try entry(); writer.signed(value) }
    mutating func encode(_ value: Int32) throws { try entry(); writer.signed(value) }
    mutating func encode(_ value: Int64) throws { try entry(); writer.signed(value) }
    mutating func encode(_ value: UInt) throws { try entry(); writer.unsigned(value) }
    mutating func encode(_ value: UInt8) throws { try entry(); writer.unsigned(value) }
    mutating func encode(_ value: UInt16) throws { try entry(); writer.unsigned(value) }
    mutating func encode(_ value: UInt32) throws { try entry(); writer.unsigned(value) }
    mutating func encode(_ value: UInt64) throws { try entry(); writer.unsigned(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try entry(); try writer.encodeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        precondition(writer.enter(id, depth), "transfer: a container was written after its value was complete")
        let (id, depth) = writer.openContainer(.keyed)
        return KeyedEncodingContainer(TransferKeyedWriter<NestedKey>(writer: writer, id: id, depth: depth))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        precondition(writer.enter(id, depth), "transfer: a container was written after its value was complete")
        let (id, depth) = writer.openContainer(.unkeyed)
        return TransferUnkeyedWriter(writer: writer, id: id, depth: depth)
    }

    mutating func superEncoder() -> Encoder { preconditionFailure("transfer: superEncoder is not supported") }
}

struct TransferSingleWriter: SingleValueEncodingContainer {
    let writer: TransferWriter
    var codingPath: [CodingKey] { [] }

    mutating func encodeNil() throws { writer.null() }
    mutating func encode(_ value: Bool) throws { writer.bool(value) }
    mutating func encode(_ value: String) throws { writer.string(value) }
    mutating func encode(_ value: Double) throws { writer.double(value) }
    mutating func encode(_ value: Float) throws { writer.float(value) }
    mutating func encode(_ value: Int) throws { writer.signed(value) }
    mutating func encode(_ value: Int8) throws { writer.signed(value) }
    mutating func encode(_ value: Int16) throws { writer.signed(value) }
    mutating func encode(_ value: Int32) throws { writer.signed(value) }
    mutating func encode(_ value: Int64) throws { writer.signed(value) }
    mutating func encode(_ value: UInt) throws { writer.unsigned(value) }
    mutating func encode(_ value: UInt8) throws { writer.unsigned(value) }
    mutating func encode(_ value: UInt16) throws { writer.unsigned(value) }
    mutating func encode(_ value: UInt32) throws { writer.unsigned(value) }
    mutating func encode(_ value: UInt64) throws { writer.unsigned(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try writer.encodeValue(value) }
}
