import Foundation

/// The entry points the libFuzzer targets in `Fuzz/` call, one per target, each taking the raw
/// input bytes. Kept in the main package so that the regression tests (`Tests/FuzzRegressionTests`)
/// feed a saved crash input through exactly the code the fuzzer ran (docs/fuzzing.md).
///
/// An entry point returns normally for any input the code under test handles (accepted or
/// refused with its own error). It throws ``FuzzPropertyViolation`` when a property that must
/// hold for every input does not (an accepted cell reference outside the grid, a written value
/// read back different); the fuzz harness turns that into a crash. A Swift trap is a crash by itself.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case cellReference = "FuzzCellReference"
    case numberGrammar = "FuzzNumberGrammar"
    case dateGrammar = "FuzzDateGrammar"
    case codeGrammar = "FuzzCodeGrammar"
    case amountGrammar = "FuzzAmountGrammar"
    case workbookPart = "FuzzWorkbookPart"
    case sharedStringsPart = "FuzzSharedStringsPart"
    case stylesPart = "FuzzStylesPart"
    case worksheetPart = "FuzzWorksheetPart"
    case tablePart = "FuzzTablePart"
    case relationshipsPart = "FuzzRelationshipsPart"
    case reader = "FuzzReader"
    case pipelineFile = "FuzzPipelineFile"
    case writerRoundTrip = "FuzzWriterRoundTrip"

    /// Runs one input through the target's code.
    /// - Throws: ``FuzzPropertyViolation`` when a property does not hold.
    public func run(_ bytes: [UInt8]) throws {
        switch self {
        case .cellReference: try GrammarFuzz.cellReference(bytes)
        case .numberGrammar: try GrammarFuzz.number(bytes)
        case .dateGrammar: try GrammarFuzz.date(bytes)
        case .codeGrammar: try GrammarFuzz.code(bytes)
        case .amountGrammar: try GrammarFuzz.amount(bytes)
        case .workbookPart: try PartFuzz.run(.workbook, bytes)
        case .sharedStringsPart: try PartFuzz.run(.sharedStrings, bytes)
        case .stylesPart: try PartFuzz.run(.styles, bytes)
        case .worksheetPart: try PartFuzz.run(.worksheet, bytes)
        case .tablePart: try PartFuzz.run(.table, bytes)
        case .relationshipsPart: try PartFuzz.run(.relationships, bytes)
        case .reader: try ReaderFuzz.run(bytes)
        case .pipelineFile: try PipelineFileFuzz.run(bytes)
        case .writerRoundTrip: try WriterRoundTripFuzz.run(bytes)
        }
    }

    /// The libFuzzer callback's body: runs the input, and on a property violation prints it and
    /// aborts (libFuzzer then saves the input as a crash).
    public func fuzzOne(_ start: UnsafeRawPointer, _ count: Int) -> Int32 {
        let bytes = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
        do { try run(bytes) } catch {
            FileHandle.standardError.write(Data("\(rawValue): \(error)\n".utf8))
            abort()
        }
        return 0
    }
}

/// A property that must hold for every input did not.
public struct FuzzPropertyViolation: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) throws {
    if !condition() { throw FuzzPropertyViolation(message()) }
}

/// A scratch file per process and thread, removed after each input, for the targets that must hand the reader a path (the reader opens
/// archives by path: libzip and the header check read the file). In `/dev/shm` when there is one.
enum Scratch {
    static let directory = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    /// One file per process and thread: the regression tests run targets side by side (the same
    /// path for all once made the writer's round trip read another target's workbook).
    static var path: String { "\(directory)/rbm-fuzz-\(getpid())-\(UInt(bitPattern: Int(bitPattern: pthread_self()))).xlsx" }
    static func remove(_ path: String) { unlink(path) }
}

/// Reads the input as a sequence of choices (a minimal FuzzedDataProvider).
struct ByteStream {
    var bytes: [UInt8]
    var index = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    var isEmpty: Bool { index >= bytes.count }
    mutating func byte() -> UInt8 {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return bytes[index]
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = range.upperBound - range.lowerBound + 1
        let raw = Int(byte()) << 8 | Int(byte())
        return range.lowerBound + raw % span
    }
    mutating func double() -> Double {
        var raw: UInt64 = 0
        for _ in 0..<8 { raw = raw << 8 | UInt64(byte()) }
        return Double(bitPattern: raw)
    }
    /// Up to `max` bytes as UTF-8 (invalid sequences repaired).
    mutating func string(max: Int) -> String {
        let n = Int(byte()) % (max + 1)
        let end = min(bytes.count, index + n)
        defer { index = end }
        return String(decoding: bytes[index..<end], as: UTF8.self)
    }
}
