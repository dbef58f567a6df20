#!/usr/bin/env python3
"""Builds the fuzz targets' seed corpora (docs/fuzzing.md).

  seeds.py OUT [XLSX_FOLDER ...]

Writes OUT/<target>/ for the targets that take workbooks or parts: each workbook under the folders
(whole, for FuzzReader, when at most 256 KiB) and its parts unzipped (for the part targets, each
at most 64 KiB), named by content hash so that reruns add nothing twice. The grammar targets,
the pipeline loader and the round trip have hand-written seeds in Seeds/ only.
"""
import hashlib, os, re, sys, zipfile

PARTS = {
    "FuzzWorkbookPart": re.compile(r"^xl/workbook\.xml$", re.I),
    "FuzzSharedStringsPart": re.compile(r"^xl/sharedStrings\.xml$", re.I),
    "FuzzStylesPart": re.compile(r"^xl/styles\.xml$", re.I),
    "FuzzWorksheetPart": re.compile(r"^xl/worksheets/[^/]+\.xml$", re.I),
    "FuzzTablePart": re.compile(r"^xl/tables/[^/]+\.xml$", re.I),
    "FuzzRelationshipsPart": re.compile(r"^(xl/_rels/workbook\.xml\.rels|_rels/\.rels|xl/worksheets/_rels/[^/]+\.rels)$", re.I),
}
MAX_PART = 64 << 10
MAX_BOOK = 256 << 10


def put(out, target, data):
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, hashlib.sha1(data).hexdigest())
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(data)


def main():
    out, folders = sys.argv[1], sys.argv[2:]
    for folder in folders:
        for root, _, names in os.walk(folder):
            for name in sorted(names):
                if not name.lower().endswith((".xlsx", ".xlsm")):
                    continue
                path = os.path.join(root, name)
                with open(path, "rb") as f:
                    data = f.read()
                if len(data) <= MAX_BOOK:
                    put(out, "FuzzReader", data)
                try:
                    with zipfile.ZipFile(path) as z:
                        for info in z.infolist():
                            for target, pattern in PARTS.items():
                                if pattern.match(info.filename) and info.file_size <= MAX_PART:
                                    put(out, target, z.read(info))
                except Exception:
                    pass  # broken, encrypted or not a zip: a FuzzReader seed only


if __name__ == "__main__":
    main()
