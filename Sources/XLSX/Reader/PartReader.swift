internal import ZipIO
internal import XMLIO

/// Streams one zip entry through a SAX handler: the loop shared by every part the reader parses.
struct PartReader {
    let archive: ZipArchive
    let file: String

    /// Parses the whole part `name` with `handler`.
    /// - Throws: ``XLSXError`` naming the part.
    func parse(_ name: String, vocabulary: XMLVocabulary, handler: XMLEventHandler, cap: UInt64 = 64 << 20) throws {
        guard let entry = archive.entry(named: name) else {
            throw XLSXError(.invalidContent, file: file, part: name, "missing part")
        }
        let stream = try open(entry)
        let parser = XMLPushParser(document: entry.name, vocabulary: vocabulary, handler: handler)
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        do {
            while true {
                let n = try stream.read(into: &buffer)
                if n == 0 { break }
                guard stream.bytesRead <= cap else {
                    throw XLSXError(.resourceLimit, file: file, part: entry.name, "part larger than \(cap) bytes")
                }
                try parser.feed(buffer, count: n)
            }
            try parser.finish()
        } catch let error as ZipIOError {
            throw XLSXError(error, file: file)
        } catch let error as XMLParseError {
            throw XLSXError(error, file: file, part: entry.name)
        }
    }

    func open(_ entry: ZipArchive.Entry) throws -> ZipEntryReader {
        do { return try archive.reader(for: entry) } catch let error as ZipIOError { throw XLSXError(error, file: file) }
    }
}

/// Resolves a relationship target against the folder of its source part (OPC part names).
enum PartName {
    /// `xl/_rels/workbook.xml.rels` describes `xl/workbook.xml`.
    static func relationships(of part: String) -> String {
        let (folder, name) = split(part)
        return (folder.isEmpty ? "" : folder + "/") + "_rels/" + name + ".rels"
    }

    /// Target `worksheets/sheet1.xml` from `xl/workbook.xml` → `xl/worksheets/sheet1.xml`;
    /// an absolute `/xl/…` target is taken from the package root. Nil if it escapes the root.
    static func resolve(_ target: String, from source: String) -> String? {
        var segments: [Substring]
        if target.hasPrefix("/") {
            segments = []
        } else {
            segments = split(source).0.split(separator: "/")
        }
        for segment in target.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..":
                if segments.isEmpty { return nil }
                segments.removeLast()
            default: segments.append(segment)
            }
        }
        let path = segments.joined(separator: "/")
        return (path.removingPercentEncodingIfValid)
    }

    static func split(_ part: String) -> (String, String) {
        guard let slash = part.lastIndex(of: "/") else { return ("", part) }
        return (String(part[..<slash]), String(part[part.index(after: slash)...]))
    }
}

extension String {
    /// Decodes `%20`-style escapes in part names; leaves malformed text as is.
    var removingPercentEncodingIfValid: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var it = utf8.makeIterator()
        while let b = it.next() {
            if b == UInt8(ascii: "%"), let h = it.next(), let l = it.next(),
               let v = UInt8(String(decoding: [h, l], as: UTF8.self), radix: 16) {
                bytes.append(v)
            } else { bytes.append(b) }
        }
        return String(validating: bytes, as: UTF8.self) ?? self
    }
}
