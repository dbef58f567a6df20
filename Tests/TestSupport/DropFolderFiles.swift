import Foundation

/// The batch-scoped folders of a drop folder (`archive/<batch>/NAME`, `quarantine/<batch>/NAME`,
/// `archive/NAME` from versions before batch folders), for tests that look for a filed file.
public enum Filed {
    /// Every file under `folder` (`archive/` or `quarantine/`), as paths relative to it, batch
    /// folders included; hidden names and `current.json*` left out.
    public static func paths(in folder: URL) -> [String] {
        let folder = folder.resolvingSymlinksInPath()   // `archive/` may be a link to another file system
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var found: [String] = []
        while let path = walker.nextObject() as? String {
            let name = URL(fileURLWithPath: path).lastPathComponent
            var isFolder: ObjCBool = false
            guard !name.hasPrefix("."), !name.hasPrefix("current.json"),
                  FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder) || isSymlink(folder.appendingPathComponent(path)),
                  !isFolder.boolValue else { continue }
            found.append(path)
        }
        return found.sorted()
    }

    /// The names (last components) of every file under `folder`.
    public static func names(in folder: URL) -> [String] { paths(in: folder).map { URL(fileURLWithPath: $0).lastPathComponent } }

    /// The place of `name` under `folder` (`archive/<batch>/name`), the first batch holding it.
    public static func url(of name: String, in folder: URL) -> URL? {
        paths(in: folder).first { URL(fileURLWithPath: $0).lastPathComponent == name }.map { folder.resolvingSymlinksInPath().appendingPathComponent($0) }
    }

    private static func isSymlink(_ url: URL) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType == .typeSymbolicLink
    }
}
