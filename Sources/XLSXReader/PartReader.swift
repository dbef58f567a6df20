internal import ZipIO
internal import XMLIO

/// Streams one zip entry through a SAX handler: the loop shared by every part the reader parses.
struct PartReader {
    let archive: ZipArchive
    let file: String
    let limits: ReaderLimits

    /// Parses the whole part `name` with `handler` and returns the handler as the events left it.
    /// - Parameter cap: the largest inflated size accepted (the limits' `maxPartBytes` by default).
    /// - Throws: ``XLSXError`` naming the part.
    func parse<Handler: XMLEventHandler>(_ name: String, handler: Handler, cap: UInt64? = nil) throws -> Handler {
        guard let entry = archive.entry(named: name) else {
            throw XLSXError(.invalidContent, file: file, part: name, "missing part")
        }
        let stream = try open(entry, cap: cap ?? limits.maxPartBytes)
        let parser = XMLPushParser(document: entry.name, handler: handler, limits: limits.xml)
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        do {
            while true {
                let n = try stream.read(into: &buffer)
                if n == 0 { break }
                try parser.feed(buffer, count: n)
            }
            try parser.finish()
            return parser.handler
        } catch let error as ZipIOError {
            throw XLSXError(error, file: file)
        } catch let error as XMLParseError {
            throw XLSXError(error, file: file, part: entry.name)
        }
    }

    func open(_ entry: ZipArchive.Entry, cap: UInt64) throws -> ZipEntryReader {
        do { return try archive.reader(for: entry, cap: cap) } catch let error as ZipIOError { throw XLSXError(error, file: file) }
    }

    /// Reads a small part whole (at most `cap` bytes), for sniffing.
    func bytes(_ entry: ZipArchive.Entry, cap: UInt64) throws -> [UInt8] {
        do { return try archive.readAll(entry, cap: cap) } catch let error as ZipIOError { throw XLSXError(error, file: file) }
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
    /// an absolute `/xl/…` target is taken from the package root; `\` reads as `/` (as in zip
    /// names). Nil if it escapes the root or is empty.
    static func resolve(_ target: String, from source: String) -> String? {
        // Decode first, so `%2E%2E` cannot smuggle a `..` segment past the normalisation below.
        let decoded = target.removingPercentEncodingIfValid
        let target = decoded.contains("\\") ? String(decoded.map { $0 == "\\" ? "/" : $0 }) : decoded
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
        guard !segments.isEmpty else { return nil }
        return segments.joined(separator: "/")
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
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        let input = Array(utf8)
        var bytes: [UInt8] = []
        var i = 0
        while i < input.count {
            if input[i] == UInt8(ascii: "%"), i + 2 < input.count, let h = hex(input[i + 1]), let l = hex(input[i + 2]) {
                bytes.append(h << 4 | l)
                i += 3
            } else {
                bytes.append(input[i])
                i += 1
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? self
    }
}
