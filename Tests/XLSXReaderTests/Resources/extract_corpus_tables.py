#!/usr/bin/env python3
"""Writes corpus-tables.json: the table definitions (ListObjects) openpyxl reads from every
workbook of ../shared/xlsx-corpus, so rbm's reading can be compared with an independent reader.

    .venv/bin/python Tests/XLSXReaderTests/Resources/extract_corpus_tables.py ../shared/xlsx-corpus

Only workbooks whose README row expects `open` are read; a workbook openpyxl cannot open is left
out (the conformance test covers those). Column names are kept as openpyxl gives them (it does not
decode `_xHHHH_` escapes); the test decodes them before comparing.
"""
import json
import re
import sys
import warnings
from pathlib import Path

import openpyxl

warnings.simplefilter("ignore")


def open_files(corpus: Path):
    for line in (corpus / "README.md").read_text(encoding="utf-8").splitlines():
        if not line.startswith("| `"):
            continue
        cols = [c.strip() for c in line.split("|")]
        if len(cols) >= 10 and cols[7] == "open":
            yield cols[1].strip("`")


def tables_of(path: Path):
    book = openpyxl.load_workbook(path, read_only=False, data_only=True)
    found = []
    for ws in book.worksheets:
        for table in ws.tables.values():
            found.append({
                "sheet": ws.title,
                "name": table.displayName or table.name,
                "ref": table.ref,
                "headerRowCount": 1 if table.headerRowCount is None else int(table.headerRowCount),
                "totalsRowCount": 0 if table.totalsRowCount is None else int(table.totalsRowCount),
                "columns": [c.name or "" for c in table.tableColumns],
            })
    return found


def main():
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/xlsx-corpus")
    result = {}
    for name in open_files(corpus):
        try:
            tables = tables_of(corpus / "files" / name)
        except Exception as error:  # openpyxl cannot read it: nothing to compare against
            print(f"skipped {name}: {type(error).__name__}: {error}"[:200], file=sys.stderr)
            continue
        if tables:
            result[name] = tables
    out = Path(__file__).with_name("corpus-tables.json")
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{out}: {sum(len(t) for t in result.values())} tables in {len(result)} workbooks")


if __name__ == "__main__":
    main()
