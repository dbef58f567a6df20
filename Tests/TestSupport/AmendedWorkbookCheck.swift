import Foundation

/// Compares an amended copy of a workbook with its original in openpyxl (an independent reader):
/// every sheet, cell value, formula, number format, font, merge, table, defined name, data
/// validation and column width of the original must be there unchanged, the added sheet first,
/// and each marked cell filled with its colour and, where asked, carrying a note.
public enum AmendedWorkbookCheck {
    /// A cell expected to be marked: sheet, A1 reference, fill (`RRGGBB`), whether it has a note.
    public struct Mark: Codable, Sendable {
        public var sheet: String
        public var cell: String
        public var fill: String
        public var note: Bool

        public init(sheet: String, cell: String, fill: String, note: Bool = true) {
            self.sheet = sheet
            self.cell = cell
            self.fill = fill
            self.note = note
        }
    }

    public struct Verdict: Decodable, Sendable {
        /// Every difference found, in words; empty when the copy is faithful.
        public var problems: [String]
        /// The added (first) sheet's name, its row count and its links (`'Sheet'!B5`).
        public var first: String
        public var rows: Int
        public var links: [String]
        /// The cells compared (non-empty cells of the original).
        public var cells: Int
        /// The original's parts whose bytes differ in the copy (every other part is copied byte for byte).
        public var changed: [String]
    }

    static let script = """
    import json, sys, openpyxl
    orig = openpyxl.load_workbook(sys.argv[1])
    amended = openpyxl.load_workbook(sys.argv[2])
    marks = json.loads(sys.argv[3])
    problems = []
    cells = 0
    if amended.sheetnames[1:] != orig.sheetnames:
        problems.append(f"sheets {amended.sheetnames} for {orig.sheetnames}")
    def font(c):
        f = c.font
        return (f.b, f.i, f.u, f.sz, f.name, f.color.rgb if f.color is not None else None)
    for ws in orig.worksheets:
        other = amended[ws.title]
        for (r, col), c in list(ws._cells.items()):
            o = other._cells.get((r, col))
            if c.value is None and o is None:
                continue
            cells += 1
            if o is None:
                problems.append(f"{ws.title}!{c.coordinate}: missing"); continue
            if c.value != o.value or type(c.value) != type(o.value):
                problems.append(f"{ws.title}!{c.coordinate}: {c.value!r} became {o.value!r}")
            if c.number_format != o.number_format:
                problems.append(f"{ws.title}!{c.coordinate}: format {c.number_format} became {o.number_format}")
            if font(c) != font(o):
                problems.append(f"{ws.title}!{c.coordinate}: font {font(c)} became {font(o)}")
            if c.comment is not None and (o.comment is None or o.comment.text != c.comment.text):
                problems.append(f"{ws.title}!{c.coordinate}: its note changed")
            if repr(c.alignment) != repr(o.alignment) or repr(c.border) != repr(o.border) or repr(c.protection) != repr(o.protection):
                problems.append(f"{ws.title}!{c.coordinate}: alignment, border or protection changed")
        for (r, col), o in list(other._cells.items()):
            if o.value is not None and ws._cells.get((r, col)) is None:
                problems.append(f"{ws.title}!{o.coordinate}: new value {o.value!r}")
        if sorted(map(str, ws.merged_cells.ranges)) != sorted(map(str, other.merged_cells.ranges)):
            problems.append(f"{ws.title}: merges {ws.merged_cells.ranges} became {other.merged_cells.ranges}")
        if dict(ws.tables.items()) != dict(other.tables.items()):
            problems.append(f"{ws.title}: tables changed")
        if len(ws.data_validations.dataValidation) != len(other.data_validations.dataValidation):
            problems.append(f"{ws.title}: data validations changed")
        if ws.freeze_panes != other.freeze_panes:
            problems.append(f"{ws.title}: frozen panes {ws.freeze_panes} became {other.freeze_panes}")
        widths = lambda s: {k: d.width for k, d in s.column_dimensions.items() if d.customWidth}
        if widths(ws) != widths(other):
            problems.append(f"{ws.title}: column widths changed")
        if {n: d.value for n, d in ws.defined_names.items()} != {n: d.value for n, d in other.defined_names.items()}:
            problems.append(f"{ws.title}: sheet-scoped names {dict(ws.defined_names)} became {dict(other.defined_names)}")
    if {n: d.value for n, d in orig.defined_names.items()} != {n: d.value for n, d in amended.defined_names.items()}:
        problems.append("workbook names changed")
    for m in marks:
        c = amended[m["sheet"]][m["cell"]]
        rgb = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type == "solid" else None
        if rgb != "FF" + m["fill"].upper():
            problems.append(f"{m['sheet']}!{m['cell']}: fill {rgb}, expected {m['fill']}")
        if m["note"] and (c.comment is None or not c.comment.text):
            problems.append(f"{m['sheet']}!{m['cell']}: no note")
    first = amended.worksheets[0]
    links = [c.hyperlink.location for row in first.iter_rows() for c in row if c.hyperlink is not None]
    import zipfile
    zo, za = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2])
    names = set(za.namelist())
    for n in zo.namelist():
        if not n.endswith("/") and n not in names:
            problems.append(f"part {n} is gone")
    changed = sorted(n for n in zo.namelist() if not n.endswith("/") and n in names and zo.read(n) != za.read(n))
    print(json.dumps({"problems": problems, "first": first.title, "rows": first.max_row, "links": links, "cells": cells,
                      "changed": changed}))
    """

    /// Runs the comparison with `python` (the project's `.venv`).
    public static func check(python: String, original: String, amended: String, marks: [Mark]) throws -> Verdict {
        let json = String(decoding: try JSONEncoder().encode(marks), as: UTF8.self)
        let result = try Subprocess.run(python, ["-c", script, original, amended, json])
        guard result.status == 0 else {
            return Verdict(problems: ["openpyxl failed: \(result.errors)"], first: "", rows: 0, links: [], cells: 0, changed: [])
        }
        return try JSONDecoder().decode(Verdict.self, from: result.output)
    }
}
