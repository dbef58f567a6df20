import Foundation
import Results

/// The binary form in which a worker hands a file's outcome to its run (issue 11).
///
/// Why binary: the JSON of a partial model cost about a quarter of a worker run's CPU (numbers
/// and decimals written and parsed as text, every key and every cell's sheet name written again
/// for each value). This form keeps `Codable` for most model types (each goes through its own
/// conformance, so a new field travels without a change here), writes the few commonest ones by
/// hand (tags 12-18 below), each distinct string once, in a table at the start, and every value
/// after it as a tag byte and little binary:
///
/// ```
/// file     = "RBMT" version:u16le strings:varint (length:varint utf8)* value
/// value    = 0 nil | 1 false | 2 true | 3 int:zigzag-varint | 4 uint:varint
///          | 5 double:8 bytes le | 6 float:4 bytes le | 7 string:varint (index in the table)
///          | 8 keyed: length:u32le count:u32le (key:varint value)*   (key: index in the table)
///          | 9 unkeyed: length:u32le count:u32le value*
///          | 10 cell: file sheet row column, all varints (a `CellSource`, the commonest value)
///          | 11 decimal: 0:byte mantissa:zigzag-varint exponent:zigzag-varint (an `Exact` held on
///               64 bits) | 1:byte text:varint (any other, as `Decimal`'s description, or `NaN`)
///          | 12 amount: decimal-body unit:varint (its raw value in the table) cell-body
///          | 13 quantity: decimal-body typedAsText:byte cell-body
///          | 14 text cell: text:varint cell-body
///          | 15 year cost: total staff nonStaff (each an amount or nil)
///          | 16 allocation: 14:byte bureau:string output:string outputCell:cell
///               statedObjective:text-cell|nil title:string years:keyed biennium:amount|nil
///               fte:quantity|nil priority:string|nil priorityCell:cell|nil funding:string
///               fundingCell:cell|nil notes:text-cell|nil row:int
///          | 17 budget line: 14:byte bureau:string|nil sector:text-cell|nil
///               sectorBureau:string|nil statedObjective:text-cell|nil output:string
///               outputCell:cell title:string category:string|nil funding:string fundingCell:cell
///               years:keyed biennium:amount|nil notes:text-cell|nil row:int
///          | 18 stated total: 8:byte workbook:record bureau:string|nil label:string measure:record
///               stated:decimal unit:string|nil cell:cell components:unkeyed (quantities)
///          | 19 record: fields:byte value* (a model value written by hand, its fields in the
///               order of ``TransferWriter``'s method for its type, TransferWriter+Model.swift)
/// ```
///
/// (A body is the value after its tag; codes and enumerations are written as their text.) Tags
/// 12-18 are the model's commonest values written by hand (version 2): as keyed containers their
/// key names, lengths and `Codable`'s generic machinery were most of the transfer's cost. They
/// list every stored property of `Amount`, `Quantity`, `TextCell`, `YearCost`, `Allocation`,
/// `BudgetLine` and `StatedTotal`: a property added to one of those must be added here (the
/// decoder builds each through its public initialiser, so a new parameter does not compile until
/// it is; the round-trip tests compare whole models loaded from the scenarios).
///
/// Version 3 writes the rest of a worker's outcome by hand too, as records (tag 19): the file's
/// load (`loaded` and its model, or `refused`, its category and reason), the model, and every
/// record in it (submissions and their sheet and column accounts, the results framework, KPIs,
/// risks, the sector summary, the envelope, duplicate and rejected rows, finding identities,
/// notes; a stated total's workbook and measure). A record is the type's stored properties in a
/// fixed order; an enumeration is its raw text, or its case's name and value. Only findings
/// (``Finding``: a message with a case per rule) still go through their conformance. The same
/// rule holds as for tags 12-18: a property added to one of those types must be added to its
/// writer and reader (`TransferWriter+Model.swift`, `TransferReader+Model.swift`).
///
/// An ``Exact`` is written as its integer and power of ten, exactly (version 4; versions 2 and 3
/// wrote a Foundation `Decimal`'s stored parts); a dictionary with `Int` keys as the standard
/// library writes it (keys as text), each key's text made once.
///
/// A container's `length` counts the bytes after its count, so a reader steps over a value it
/// was not asked for; a keyed container is looked up by key name (decoded in the order written
/// in the common case, in any order otherwise), so a field added or left out (`encodeIfPresent`)
/// is found or missed as in JSON, never read in another's place.
///
/// Versioning: ``version`` goes up whenever the layout above changes. The worker is the run's own
/// executable, but an upgrade can replace the file while a run is under way: a result of another
/// version is never decoded; it is refused with ``TransferError`` naming both versions and, as the
/// file is not to blame, the run stops the batch before anything is moved (an ``EnvironmentFault``,
/// exit 2) and the file waits for the next run. A result that is not this format at all, or is
/// damaged, refuses its file as `reader-crash`.
enum TransferFormat {
    static let magic: [UInt8] = Array("RBMT".utf8)
    static let version: UInt16 = 4

    enum Tag: UInt8 {
        case null = 0, no, yes, int, uint, double, float, string, keyed, unkeyed, cell, decimal
        case amount, quantity, textCell, yearCost, allocation, budgetLine, statedTotal, record
    }
}

/// A transfer result that cannot be decoded: not the format, another version, or damaged.
struct TransferError: Error, CustomStringConvertible {
    enum Code: Equatable {
        /// The bytes do not start with the format's magic.
        case notTransfer
        /// Written by a worker of another version of the format.
        case version(found: UInt16)
        /// Cut short or inconsistent.
        case damaged
    }

    var code: Code
    var detail: String

    init(_ code: Code, _ detail: String = "") {
        self.code = code
        self.detail = detail
    }

    var description: String {
        switch code {
        case .notTransfer:
            "the worker's result is not an rbm transfer (no RBMT header)"
        case .version(let found):
            "the worker wrote transfer format \(found) and this rbm reads format \(TransferFormat.version): the worker is another version of rbm (was rbm upgraded during the run?)"
        case .damaged:
            "the worker's result is damaged: \(detail)"
        }
    }
}
