import Foundation

/// Looks at a file's first bytes before any unzipping, so each kind of wrong upload gets its own
/// plain message (libzip calls them all "Not a zip archive").
public enum FileSniffer {
    /// - Throws: ``XLSXError`` `.incompleteFile`, `.encrypted`, `.unsupportedFormat` or `.notAWorkbook`.
    public static func check(path: String) throws {
        let file = fileName(of: path)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw XLSXError(.ioError, file: file, "cannot open the file for reading")
        }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 4096)) ?? Data())
        if head.isEmpty { throw XLSXError(.incompleteFile, file: file, "the file is empty") }
        if head.allSatisfy({ $0 == 0 }) { throw XLSXError(.incompleteFile, file: file, "the file holds only zero bytes (an interrupted upload?)") }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            if head.count < 30 { throw XLSXError(.incompleteFile, file: file, "the file is truncated") }
            return
        }
        if head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { throw XLSXError(.incompleteFile, file: file, "an empty zip archive") }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // OLE2 compound file: a password-protected xlsx stores "EncryptedPackage" in UTF-16.
            let marker = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            let whole = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)) ?? Data())
            if whole.firstRange(of: marker) != nil {
                throw XLSXError(.encrypted, file: file, "the workbook is password-protected; save it without a password")
            }
            throw XLSXError(.unsupportedFormat, file: file, "a legacy Excel 97-2003 workbook (.xls); save it as .xlsx")
        }
        if head.starts(with: Array("%PDF".utf8)) { throw XLSXError(.notAWorkbook, file: file, "a PDF document, not a workbook") }
        let text = String(decoding: head.prefix(512), as: UTF8.self).lowercased()
        if text.contains("<html") || text.contains("<!doctype html") || text.contains("<table") {
            throw XLSXError(.notAWorkbook, file: file, "an HTML page renamed .xlsx, not a workbook")
        }
        if text.contains("urn:schemas-microsoft-com:office:spreadsheet") {
            throw XLSXError(.unsupportedFormat, file: file, "an XML Spreadsheet 2003 file; save it as .xlsx")
        }
        if head.prefix(512).allSatisfy({ $0 == 9 || $0 == 10 || $0 == 13 || ($0 >= 32 && $0 != 127) || $0 >= 0x80 }) {
            throw XLSXError(.notAWorkbook, file: file, "a text file (CSV or similar) renamed .xlsx, not a workbook")
        }
        throw XLSXError(.notAWorkbook, file: file, "not a zip-based workbook")
    }
}
