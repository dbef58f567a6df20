internal import SystemPackage

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#else
#error("SystemIO is written for Glibc (Linux) and Darwin only")
#endif

/// A folder's entry names as the file system holds them: bytes, not always UTF-8.
///
/// Foundation lists a name in a legacy encoding (`Plan op\xE9rationnel.xlsx` from a Windows
/// share) with U+FFFD in place of the bad bytes, a path that names no file; `readdir(3)` gives the
/// bytes themselves, and a rename from those bytes reaches the file.
public enum DirectoryEntries {
    /// The names in `folder`, in the order the file system lists them, without `.` and `..`.
    /// - Throws: ``SystemCallError`` (`opendir`).
    public static func names(in folder: String) throws -> [[UInt8]] {
        guard let directory = opendir(folder) else { throw SystemCallError.last("opendir", folder) }
        defer { closedir(directory) }
        var names: [[UInt8]] = []
        // The name is read where it lies, up to its terminating zero: `entry.pointee.d_name` would
        // copy all 256 bytes `dirent` declares, past the end of a short last record, and across the
        // end of the buffer `readdir` filled (a debug build crashed listing a `$TMPDIR` of 6,000 entries).
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let entry = readdir(directory) {
            let start = UnsafeRawPointer(entry).advanced(by: nameOffset)
            let count = strlen(start.assumingMemoryBound(to: CChar.self))
            let name = Array(UnsafeRawBufferPointer(start: start, count: count))
            if name != [0x2E] && name != [0x2E, 0x2E] { names.append(name) }
        }
        return names
    }

    /// Renames the entry `name` (its bytes, as ``names(in:)`` gave them) in `folder` to `newName`
    /// in the same folder, replacing a file of that name (the caller picks a free one).
    /// - Throws: ``SystemCallError`` (`rename`).
    public static func rename(entry name: [UInt8], in folder: String, to newName: String) throws {
        let raw = (name + [0]).map { CInterop.PlatformChar(bitPattern: $0) }
        let entry = FilePath(platformString: raw)
        let base = FilePath(folder)
        try renameItem(base.pushing(entry), over: base.appending(newName))
    }
}
