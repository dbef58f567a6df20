import Foundation

/// One workbook of the conformance corpus (`../shared/xlsx-corpus`) and what a reader should do
/// with it, from the `Expect` column of the corpus README.
public struct CorpusFile: Sendable, CustomStringConvertible {
    public enum Expectation: String, Sendable {
        case open
        case encrypted = "fail: encrypted"
        case notOOXML = "fail: not OOXML"
        case broken
        case hostile
    }

    public var name: String
    public var expectation: Expectation
    public var description: String { name }

    /// The files of the README's file table, in its order; empty when the corpus is absent.
    public static func all(in corpus: URL?) -> [CorpusFile] {
        guard let corpus,
              let readme = try? String(contentsOf: corpus.appendingPathComponent("README.md"), encoding: .utf8)
        else { return [] }
        var files: [CorpusFile] = []
        for line in readme.split(separator: "\n") where line.hasPrefix("| `") {
            let columns = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            // "", file, source, path, license, writer, features, expect, references, ""
            guard columns.count >= 10, let expect = Expectation(rawValue: columns[7]) else { continue }
            files.append(CorpusFile(name: columns[1].trimmingCharacters(in: CharacterSet(charactersIn: "`")), expectation: expect))
        }
        return files
    }
}
