import Foundation
internal import ZipIO

/// Looks at a file's first bytes before any unzipping, so each kind of wrong upload gets its own
/// plain message (libzip calls them all "Not a zip archive").
public enum FileSniffer {
    /// The OLE2 compound-file signature: legacy `.xls`, and password-protected OOXML packages.
    static let ole2: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// - Throws: ``XLSXError`` `.incompleteFile`, `.encrypted`, `.unsupportedFormat`,
    ///   `.notAWorkbook` or `.ioError`.
    public static func check(path: String) throws {
        let file = fileName(of: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw XLSXError(.ioError, file: file, "the file does not exist")
        }
        guard !isDirectory.boolValue else { throw XLSXError(.notAWorkbook, file: file, "a folder, not a file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw XLSXError(.ioError, file: file, "cannot open the file for reading")
        }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 4096)) ?? Data())
        if head.isEmpty { throw XLSXError(.incompleteFile, file: file, "the file is empty (an interrupted upload?); upload it again") }
        if head.allSatisfy({ $0 == 0 }) {
            throw XLSXError(.incompleteFile, file: file, "the file holds only zero bytes (an interrupted upload?); upload it again")
        }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            if head.count < 30 { throw XLSXError(.incompleteFile, file: file, "the file is truncated; upload it again") }
            return
        }
        if head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { throw XLSXError(.incompleteFile, file: file, "an empty zip archive") }
        if head.starts(with: ole2) {
            // A password-protected xlsx is an OLE2 file with an "EncryptedPackage" stream (name in UTF-16).
            let marker = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            let whole = (try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)) ?? Data()
            if whole.range(of: Data(marker)) != nil {
                throw XLSXError(.encrypted, file: file, "the workbook is password-protected; save it without a password")
            }
            throw XLSXError(.unsupportedFormat, file: file, "a legacy Excel 97-2003 workbook (.xls); save it as .xlsx")
        }
        if head.starts(with: Array("%PDF".utf8)) { throw XLSXError(.notAWorkbook, file: file, "a PDF document, not a workbook") }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            throw XLSXError(.notAWorkbook, file: file, "a UTF-16 text file (CSV or tab-separated) renamed .xlsx, not a workbook")
        }
        let text = String(decoding: head.prefix(1024), as: UTF8.self).lowercased()
        if text.contains("urn:schemas-microsoft-com:office:spreadsheet") {
            throw XLSXError(.unsupportedFormat, file: file, "an XML Spreadsheet 2003 file; save it as .xlsx")
        }
        if text.contains("<html") || text.contains("<!doctype html") || text.contains("<table") {
            throw XLSXError(.notAWorkbook, file: file, "an HTML page renamed .xlsx, not a workbook")
        }
        if head.prefix(1024).allSatisfy({ $0 == 9 || $0 == 10 || $0 == 13 || ($0 >= 32 && $0 != 127) || $0 >= 0x80 }) {
            throw XLSXError(.notAWorkbook, file: file, "a text file (CSV or similar) renamed .xlsx, not a workbook")
        }
        throw XLSXError(.notAWorkbook, file: file, "not a zip-based workbook (unknown binary format)")
    }

    /// The workbook error for a zip that could not be opened, telling a truncated upload (no
    /// end-of-central-directory record in the last 64 KiB) from a damaged archive.
    static func explain(_ error: ZipIOError, path: String) -> XLSXError {
        let file = fileName(of: path)
        guard error.code == .notAZip else { return XLSXError(error, file: file) }
        if !hasEndOfCentralDirectory(path: path) {
            return XLSXError(.incompleteFile, file: file,
                             "the zip archive is truncated (its central directory is missing); upload the file again")
        }
        return XLSXError(.corruptArchive, file: file, "the zip archive is damaged: its central directory cannot be read")
    }

    /// Whether the signature `PK\5\6` occurs in the last 65,557 bytes (the record plus the
    /// longest comment).
    static func hasEndOfCentralDirectory(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd() else { return false }
        let tail = min(size, 65_557)
        guard (try? handle.seek(toOffset: size - tail)) != nil, let data = try? handle.read(upToCount: Int(tail)) else { return false }
        return data.range(of: Data([0x50, 0x4B, 0x05, 0x06])) != nil
    }
}
