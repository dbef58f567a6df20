import Foundation
import SystemIO

/// File names as the file system holds them: bytes, not always UTF-8, up to 255 of them.
///
/// A drop folder fed from Windows shares can receive a name in a legacy encoding
/// (`Plan op\xe9rationnel.xlsx`); Foundation lists it with U+FFFD in place of the bad bytes, a
/// path that names no file, so moving it failed and stopped the run. Such names are given a valid
/// spelling in place before anything else (`Plan op%E9rationnel.xlsx`), and names too long to
/// take a suffix are shortened when filed away (`reliability.md` 9, E.50).
enum FileNames {
    /// The names in `folder` whose bytes are not UTF-8, as raw bytes.
    static func invalidUTF8Names(in folder: String) -> [[UInt8]] {
        let names = (try? DirectoryEntries.names(in: folder)) ?? []
        return names.filter { String(validating: $0, as: UTF8.self) == nil }
    }

    /// The bytes with every byte that is not part of valid UTF-8 written as `%XX`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < bytes.count {
            let length = sequenceLength(bytes, at: i)
            if length > 0, let text = String(validating: bytes[i..<(i + length)], as: UTF8.self) {
                out += text
                i += length
            } else {
                out += String(format: "%%%02X", bytes[i])
                i += 1
            }
        }
        return out
    }

    /// Renames each non-UTF-8 name in `folder` to its escaped spelling (never over an existing
    /// file). Returns the new names, for the manifest's notes.
    static func repairNames(in folder: String) -> [String] {
        var repaired: [String] = []
        for bytes in invalidUTF8Names(in: folder) {
            let spelled = escaped(bytes)
            var target = spelled, n = 2
            while FileManager.default.fileExists(atPath: folder + "/" + target) {
                target = "\(n)-" + spelled
                n += 1
            }
            if (try? DirectoryEntries.rename(entry: bytes, in: folder, to: target)) != nil { repaired.append(target) }
        }
        return repaired
    }

    /// A name that fits the file system with room for ` (2)` and `.reason.txt`: at most 200 bytes,
    /// cut at a character boundary before the extension, with a short hash of the whole name.
    static func fitting(_ name: String) -> String {
        guard name.utf8.count > 200 else { return name }
        let ext = (name as NSString).pathExtension
        let suffix = ext.isEmpty ? "" : "." + ext
        var stem = ""
        for ch in (name as NSString).deletingPathExtension where stem.utf8.count + ch.utf8.count <= 180 - suffix.utf8.count { stem.append(ch) }
        let hash = name.utf8.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 }
        return stem + "~" + String(format: "%08x", hash) + suffix
    }

    /// The name as a log line may show it: control characters (a newline in a name) as `\u{…}`.
    static func display(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            if scalar.properties.generalCategory == .control { out += "\\u{\(String(scalar.value, radix: 16))}" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// The length of the UTF-8 sequence a lead byte announces (0 for a byte that cannot lead one).
    private static func sequenceLength(_ bytes: [UInt8], at i: Int) -> Int {
        let b = bytes[i]
        let length = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0
        return i + length <= bytes.count ? length : 0
    }
}
