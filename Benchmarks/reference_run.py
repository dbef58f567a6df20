#!/usr/bin/env python3
"""The whole run as a straightforward script would do it: the reference for `make bench-e2e`.

`fixtures/oracle/compute_oracle.py` computes the findings only (the rules, then a CSV on stdout).
`rbm run` does more: it writes the consolidated workbook, the discrepancy log as CSV, JSON Lines
and an HTML page, one feedback workbook per input with its cited cells marked, a manifest and a
history record, and files the inputs away. This script does each of those steps too, in the plainest
way a Python programmer would (openpyxl, the standard library, one thread), so that the benchmark
can compare whole runs as well as rules:

1. the findings: `compute_oracle.run(inbox)` — the same independent oracle the benchmark checks
   rbm against. Its `openpyxl.load_workbook` calls are remembered, so no workbook is read twice
   for the outputs below (the script is not made slower than it needs to be);
2. `consolidated.xlsx`: every worksheet of every input copied as values into one workbook (one
   sheet each, header row bold and filled, panes frozen), a Discrepancies sheet (the log's
   columns, severity filled, autofilter) and a Summary sheet (findings by rule and severity);
3. `discrepancies.csv` (the oracle's own CSV), `discrepancies.jsonl`, `discrepancies.html` (a
   summary table and one table row per finding, escaped);
4. `feedback/<input>`: each input workbook opened in full (formulas, styles), a Findings sheet
   first, each cited cell filled and given a comment with its findings, saved;
5. `manifest.json` (inputs with size and SHA-256, counts), `history.sqlite` (the run and its
   findings in one transaction), and the inputs moved to `archive/`.

Usage: reference_run.py INBOX OUT   (INBOX is consumed: its files are moved to OUT/../archive)
"""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import os
import shutil
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.cell import range_boundaries, get_column_letter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures" / "oracle"))
import compute_oracle as oracle  # noqa: E402

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
SEVERITY_FILL = {"error": PatternFill("solid", fgColor="F8CBAD"),
                 "warning": PatternFill("solid", fgColor="FFE699"),
                 "info": PatternFill("solid", fgColor="DDEBF7")}
MARK_FILL = PatternFill("solid", fgColor="FFFF00")

_loaded: dict[tuple, object] = {}
_load_workbook = openpyxl.load_workbook


def load_once(path, *args, **kwargs):
    """openpyxl.load_workbook, remembered per path and options: the outputs reuse the oracle's reads."""
    key = (str(path), args, tuple(sorted(kwargs.items())))
    if key not in _loaded:
        _loaded[key] = _load_workbook(path, *args, **kwargs)
    return _loaded[key]


oracle.openpyxl.load_workbook = load_once


def styled_header(ws, names):
    ws.append(list(names))
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    ws.freeze_panes = "A2"


def write_consolidated(path: Path, inputs: list[Path], findings: list[dict]) -> None:
    out = openpyxl.Workbook()
    summary = out.active
    summary.title = "Summary"
    styled_header(summary, ["rule", "severity", "findings"])
    for (rule, severity), n in sorted(Counter((f["rule"], f["severity"]) for f in findings).items()):
        summary.append([rule, severity, n])
    log = out.create_sheet("Discrepancies")
    styled_header(log, oracle.COLUMNS)
    for f in findings:
        row = [("; ".join(f[c]) if c in ("sources", "caused_by") else f[c]) for c in oracle.COLUMNS]
        log.append(row)
        fill = SEVERITY_FILL.get(f["severity"])
        if fill:
            log.cell(row=log.max_row, column=3).fill = fill
    log.auto_filter.ref = log.dimensions
    for p in inputs:
        wb = load_once(p, data_only=True)
        for ws in wb.worksheets:
            copy = out.create_sheet(f"{len(out.sheetnames):02d} {ws.title}"[:31])
            first = True
            for values in ws.iter_rows(values_only=True):
                copy.append(list(values))
                if first:
                    for cell in copy[1]:
                        cell.font = Font(bold=True)
                    first = False
    out.save(path)


def write_jsonl(path: Path, findings: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for f in findings:
            fh.write(json.dumps({c: f[c] for c in oracle.COLUMNS}, ensure_ascii=False) + "\n")


def write_html(path: Path, findings: list[dict]) -> None:
    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>Discrepancies</title></head><body>",
             "<h1>Discrepancies</h1><table><tr><th>rule</th><th>severity</th><th>findings</th></tr>"]
    for (rule, severity), n in sorted(Counter((f["rule"], f["severity"]) for f in findings).items()):
        parts.append(f"<tr><td>{rule}</td><td>{severity}</td><td>{n}</td></tr>")
    parts.append("</table><table><tr>" + "".join(f"<th>{c}</th>" for c in oracle.COLUMNS) + "</tr>")
    for f in findings:
        cells = []
        for c in oracle.COLUMNS:
            v = "; ".join(f[c]) if c in ("sources", "caused_by") else f[c]
            cells.append(f"<td>{html.escape(str(v))}</td>")
        parts.append(f"<tr class='{f['severity']}'>" + "".join(cells) + "</tr>")
    parts.append("</table></body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")


def cited_cells(findings: list[dict]) -> dict[str, dict[str, list[tuple[str, dict]]]]:
    """file name -> sheet -> [(cell or range, finding)] from the findings' `file!sheet!cell` sources."""
    cited: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for f in findings:
        for s in f["sources"]:
            parts = s.split("!")
            if len(parts) == 3:
                cited[parts[0]][parts[1]].append((parts[2], f))
    return cited


def write_feedback(folder: Path, inputs: list[Path], findings: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    cited = cited_cells(findings)
    for p in inputs:
        mine = [f for f in findings if any(s.startswith(p.name + "!") for s in f["sources"])]
        if not mine:
            continue
        wb = _load_workbook(p)   # in full, formulas and styles kept: a different read from the values
        sheet = wb.create_sheet("Findings", 0)
        styled_header(sheet, ["id", "severity", "message", "sources"])
        for f in mine:
            sheet.append([f["id"], f["severity"], f["message"], "; ".join(f["sources"])])
        for sheet_name, refs in cited[p.name].items():
            if sheet_name not in wb.sheetnames:
                continue
            ws = wb[sheet_name]
            notes: dict[str, list[str]] = defaultdict(list)
            for ref, f in refs:
                try:
                    c1, r1, c2, r2 = range_boundaries(ref)
                except (TypeError, ValueError):
                    continue
                for r in range(r1 or 1, (r2 or r1 or 1) + 1):
                    for c in range(c1 or 1, (c2 or c1 or 1) + 1):
                        notes[f"{get_column_letter(c)}{r}"].append(f"{f['id']}: {f['message']}")
            for coord, texts in notes.items():
                cell = ws[coord]
                cell.fill = MARK_FILL
                cell.comment = Comment("\n".join(texts)[:32000], "rbm reference")
        wb.save(folder / p.name)


def write_manifest(path: Path, inputs: list[Path], findings: list[dict]) -> None:
    entries = []
    for p in inputs:
        data = p.read_bytes()
        entries.append({"file": p.name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                        "fate": "accepted"})
    counts = Counter(f["severity"] for f in findings)
    path.write_text(json.dumps({"inputs": entries, "findings": len(findings), "bySeverity": counts,
                                "finishedAt": dt.datetime.now(dt.timezone.utc).isoformat()}, indent=2))


def record_history(path: Path, findings: list[dict]) -> None:
    db = sqlite3.connect(path)
    with db:
        db.execute("CREATE TABLE IF NOT EXISTS run (id INTEGER PRIMARY KEY, at TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS finding (run INTEGER, id TEXT, rule TEXT, severity TEXT, "
                   "message TEXT, expected TEXT, actual TEXT, sources TEXT)")
        run = db.execute("INSERT INTO run (at) VALUES (?)", (dt.datetime.now().isoformat(),)).lastrowid
        db.executemany("INSERT INTO finding VALUES (?,?,?,?,?,?,?,?)",
                       [(run, f["id"], f["rule"], f["severity"], f["message"], f["expected"], f["actual"],
                         "; ".join(f["sources"])) for f in findings])
    db.close()


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.split("\n\n")[-1], file=sys.stderr)
        return 2
    inbox, out = Path(argv[1]), Path(argv[2])
    out.mkdir(parents=True, exist_ok=True)
    inputs = sorted(p for p in inbox.iterdir() if p.suffix.lower() == ".xlsx" and not p.name.startswith("~$"))
    ctx = oracle.run(str(inbox))
    findings = sorted(ctx.findings, key=oracle.sort_key)
    (out / "discrepancies.csv").write_text(oracle.render_csv(findings), encoding="utf-8")
    write_jsonl(out / "discrepancies.jsonl", findings)
    write_html(out / "discrepancies.html", findings)
    write_consolidated(out / "consolidated.xlsx", inputs, findings)
    write_feedback(out / "feedback", inputs, findings)
    write_manifest(out / "manifest.json", inputs, findings)
    record_history(inbox.parent / "history.sqlite", findings)
    archive = inbox.parent / "archive"
    archive.mkdir(exist_ok=True)
    for p in inputs:
        shutil.move(str(p), archive / p.name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
