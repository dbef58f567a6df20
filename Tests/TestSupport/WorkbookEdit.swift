import Foundation

/// Edits one part of an existing workbook in place (a copy of a fixture), for tests that need a
/// real workbook with one cell changed. Python's `zipfile` rewrites the package; the text to
/// replace must occur in the part, so a fixture that changed cannot make the edit a silent no-op.
public enum WorkbookEdit {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Replaces the first occurrence of `old` with `new` in the part `part` of the workbook at `path`.
    public static func replace(_ old: String, with new: String, in part: String, of path: String) throws {
        guard let python = ZipFixture.python else { throw Failure(description: "no Python to edit the workbook") }
        let result = try Subprocess.run(python, ["-c", script, path, part, old, new])
        guard result.status == 0 else { throw Failure(description: "cannot edit \(part) of \(path): \(result.errors)") }
    }

    private static let script = #"""
import os, sys, zipfile
path, part, old, new = sys.argv[1:5]
with zipfile.ZipFile(path) as z:
    items = [(i, z.read(i.filename)) for i in z.infolist()]
out = path + ".edit"
found = False
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for info, data in items:
        if info.filename == part:
            text = data.decode("utf-8")
            if old not in text:
                sys.exit("not found in " + part + ": " + old)
            data = text.replace(old, new, 1).encode("utf-8")
            found = True
        z.writestr(info, data)
if not found:
    sys.exit("no part " + part)
os.replace(out, path)
"""#
}
