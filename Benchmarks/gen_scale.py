#!/usr/bin/env python3
"""Write the demo scenario K times its size, and its expected findings.

Usage:
    .venv/bin/python Benchmarks/gen_scale.py K ROOT

Writes ROOT/fixtures/scenarios/scale-K/inbox/ (the demo's seven workbooks, same file names,
sheets, layouts, writers and quirks) and ROOT/fixtures/scenarios/scale-K/expected/findings.csv
(computed by the independent oracle, fixtures/oracle/compute_oracle.py, on the generated files).

How the demo is scaled (the cells are those of fixtures/generate_scenarios.py):
- every data block (RF Outputs and KPIs, FP Budget by output, the four operational plans, the risk
  register) is repeated K times; copy k = 10j + i renumbers each code, keeping the grammar's two
  digits per part: objective n -> n + 10j, output m -> m + 10i (R.1-1 -> R.11-21 for k = 12,
  'Output D.2.1' -> 'Output D.12.21', 'T1-1' -> 'T11-21', D2.2 -> D12.22), KPI ids likewise, risk ids
  + 10k; so the code quirks, duplicates and inconsistencies of the demo recur once per copy: the
  defects stay at a fixed rate (the same per row);
- the objectives (and the crosswalk rows naming objectives) are repeated once per ten copies with
  their numbers + 10j; the goals and targets stay as they are;
- stated totals (the rows after the data block whose first cell starts with 'Total'), the Summary by
  Sector and the envelope are multiplied by K (so their defects scale with them); the one formula,
  TSB's =SUM, covers the whole column and caches K times its value.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "fixtures"))

import generate_scenarios as g  # noqa: E402
from openpyxl.utils.cell import get_column_letter, range_boundaries  # noqa: E402

OUTPUT_CODE = re.compile(r"^(Output )?([A-Z])(\.?)(\d)([.-])(\d+)$")
OBJECTIVE_CODE = re.compile(r"^([A-Z])\.(\d)$")
KPI_ID = re.compile(r"^(KPI-[A-Z]\.)(\d)-(\d+)(-\d+)$")
RISK_ID = re.compile(r"^(RSK-[A-Z]+-)(\d+)$")


def renumber(value, k: int):
    """A code of copy k. Codes keep at most two digits per part (the code grammar): the objective
    number gains 10 * (k // 10), the output number 10 * (k % 10), so K <= 100 copies stay distinct
    (R.1-1 -> R.11-21 for k = 12). Risk ids gain 10 * k."""
    if k == 0 or not isinstance(value, str):
        return value
    j, i = divmod(k, 10)
    m = OUTPUT_CODE.match(value)
    if m:
        return f"{m.group(1) or ''}{m.group(2)}{m.group(3)}{int(m.group(4)) + 10 * j}{m.group(5)}{int(m.group(6)) + 10 * i}"
    m = OBJECTIVE_CODE.match(value)
    if m:
        return f"{m.group(1)}.{int(m.group(2)) + 10 * j}"
    m = KPI_ID.match(value)
    if m:
        return f"{m.group(1)}{int(m.group(2)) + 10 * j}-{int(m.group(3)) + 10 * i}{m.group(4)}"
    m = RISK_ID.match(value)
    if m:
        return f"{m.group(1)}{int(m.group(2)) + 10 * k:02d}"
    return value


def is_total(row: list) -> bool:
    return bool(row) and isinstance(row[0], str) and row[0].lower().startswith("total")


def times(value, k: int):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        if isinstance(value, g.Formula):
            return value
        return value
    if isinstance(value, int):
        return value * k
    return round(value * k, 6)


def scale_sheet(sheet: g.Sheet, k_total: int, copies: int | None = None, step: int = 1,
                keep=lambda row: True) -> g.Sheet:
    """The data block repeated `copies` times (default K), copy c renumbered as copy c * step;
    rows failing `keep` appear in the first copy only. Totals times K."""
    copies = k_total if copies is None else copies
    first = max(sheet.bold_rows) + 1
    rows = sheet.rows
    numbers = sorted(r for r in rows if r >= first)
    totals = [r for r in numbers if is_total(rows[r])]
    data = [r for r in numbers if r not in totals]
    last = max(data)
    if any(t < last for t in totals):
        raise ValueError(f"{sheet.name}: a total inside the data block")
    out: dict[int, list] = {r: list(v) for r, v in rows.items() if r < first}
    at = first
    for c in range(copies):
        for r in range(first, last + 1):
            if r in rows and c > 0 and not keep(rows[r]):
                continue
            if r in rows:
                out[at] = [renumber(v, c * step) for v in rows[r]]
            at += 1
    shift = at - 1 - last
    new_last = last + shift
    for r in totals:
        cells = []
        for c, v in enumerate(rows[r], start=1):
            if isinstance(v, g.Formula):
                col = get_column_letter(c)
                v = g.Formula(f"=SUM({col}{first}:{col}{new_last})", v.cached * k_total)
            else:
                v = times(v, k_total)
            cells.append(v)
        out[r + shift] = cells
    formats = []
    for ref, fmt in sheet.formats:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if max_row >= first:
            max_row += shift
        formats.append((f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}", fmt))
    return g.Sheet(sheet.name, out, merged=list(sheet.merged), formats=formats,
                   bold_rows=list(sheet.bold_rows), widths=dict(sheet.widths))


def multiply_sheet(sheet: g.Sheet, k_total: int) -> g.Sheet:
    """Every number of the sheet times K (Summary by Sector, Parameters)."""
    first = max(sheet.bold_rows) + 1
    rows = {r: [times(v, k_total) if r >= first else v for v in row] for r, row in sheet.rows.items()}
    return g.Sheet(sheet.name, rows, merged=list(sheet.merged), formats=list(sheet.formats),
                   bold_rows=list(sheet.bold_rows), widths=dict(sheet.widths))


KEPT = {"Goals", "Targets"}
# Objectives exist once per objective block (copies 10j..10j+9 share the objectives +10j).
PER_BLOCK = {"Objectives", "Crosswalk 2016-2019"}
MULTIPLIED = {"Summary by Sector", "Parameters"}


def scale_book(book: g.Book, k_total: int) -> g.Book:
    sheets = []
    for s in book.sheets:
        if s.name in KEPT:
            sheets.append(s)
        elif s.name in PER_BLOCK:
            sheets.append(scale_sheet(s, k_total, copies=(k_total + 9) // 10, step=10,
                                      keep=lambda row: bool(OBJECTIVE_CODE.match(str(row[0])))))
        elif s.name in MULTIPLIED:
            sheets.append(multiply_sheet(s, k_total))
        else:
            sheets.append(scale_sheet(s, k_total))
    return g.Book(book.file_name, book.writer, sheets)


def generate(k_total: int, root: Path) -> Path:
    base = root / "fixtures" / "scenarios" / f"scale-{k_total}"
    inbox = base / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    for stale in inbox.glob("*.xlsx"):
        stale.unlink()
    for book in g.BOOKS:
        scaled = scale_book(book, k_total)
        g.WRITERS[scaled.writer](scaled, inbox / scaled.file_name)
    # Every file dated an hour ago: rbm's stability rule need not wait for them.
    for f in inbox.iterdir():
        t = f.stat().st_mtime - 3600
        os.utime(f, (t, t))
    oracle = REPO / "fixtures" / "oracle" / "compute_oracle.py"
    subprocess.run([sys.executable, str(oracle), "--root", str(root), f"scale-{k_total}"],
                   check=True, stdout=subprocess.DEVNULL)
    return base


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__)
        return 2
    base = generate(int(argv[1]), Path(argv[2]).resolve())
    print(base)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
