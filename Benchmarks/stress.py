#!/usr/bin/env python3
"""Stress run: one batch of mixed good, broken and hostile workbooks through `rbm run` (issue 14).

Usage (normally through `make stress`):
    python3 Benchmarks/stress.py --rbm .build/release/rbm [--files 500] [--big 3]
                                 [--work .build-bench/stress] [--out Benchmarks/results]

Writes FILES inputs into one inbox (Python's standard library only, no network):

- good (fate `archived` or `superseded`, never `quarantined`): the demo's seven workbooks
  (fixtures/scenarios/itu-2022-2023/inbox, the newest files of their slots, so they stay current)
  and older copies of them under other names, plus two long generated operational plans
  (20,000 and 45,000 distinct rows);
- broken (quarantined): truncated copies, empty and all-zero files, random bytes, CSV, HTML and PDF
  renamed .xlsx, OLE2 files that look encrypted (`EncryptedPackage`) or legacy `.xls` (`Workbook`),
  Word documents renamed .xlsx, workbooks without a worksheet, workbooks whose only sheet is an
  "Export Summary";
- hostile (quarantined): zip bombs above the ratio limit, repetitive plan sheets of 1.1 million
  rows (377 MiB of XML just under the ratio limit, about 215:1 and 230:1, past the 1,048,576-row
  grid), a shared-string table past its 256 MiB cap, one of about
  40 MB of distinct strings, million-row junk sheets of up to about 50 MB (`--big` of them),
  XML nested 10,000 deep, a DOCTYPE (billion laughs).

The inputs are written once into WORK/source (reused while --files and --big stay the same;
--regenerate writes them again) and each run starts from a `cp -rp` copy of them. Every input has
a modification time in the past, so the run takes it at once. Then
`rbm run pipelines/itu-2022-2023.yaml --inbox … --out … --fail-on never` runs under
`/usr/bin/time -v` while a sampler reads /proc every 0.2 s for the resident memory of each process
of the tree (the peak of the largest worker is its VmHWM). The run passes when it exits 0 and
manifest.json gives every input a fate, `quarantined` for exactly the broken and hostile ones.
The figures go to Benchmarks/results/stress-latest.md and stress-DATE.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PIPELINE = REPO / "pipelines" / "itu-2022-2023.yaml"
DEMO = REPO / "fixtures" / "scenarios" / "itu-2022-2023" / "inbox"

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_START = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>'
SHEET_END = "</sheetData></worksheet>"


# ----------------------------------------------------------------------------- writing workbooks

def write_xlsx(path: Path, sheets: list[tuple[str, object]], shared_strings: object = None, level: int = 6) -> None:
    """A minimal package. Each sheet's XML (and the shared strings) is bytes, a str, or an iterable
    of str chunks, written through the deflater without being held whole."""
    ct = ['<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>']
    rels = [f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">']
    book = [f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{REL_NS}"><sheets>']
    for i, (name, _) in enumerate(sheets, 1):
        ct.append(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>')
        book.append(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>')
    if shared_strings is not None:
        ct.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
        rels.append(f'<Relationship Id="rIdS" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>')
    ct.append("</Types>")
    rels.append("</Relationships>")
    book.append("</sheets></workbook>")
    root = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
            f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr("[Content_Types].xml", "".join(ct))
        z.writestr("_rels/.rels", root)
        z.writestr("xl/workbook.xml", "".join(book))
        z.writestr("xl/_rels/workbook.xml.rels", "".join(rels))
        for i, (_, xml) in enumerate(sheets, 1):
            put(z, f"xl/worksheets/sheet{i}.xml", xml)
        if shared_strings is not None:
            put(z, "xl/sharedStrings.xml", shared_strings)


def put(z: zipfile.ZipFile, name: str, data: object) -> None:
    with z.open(name, "w", force_zip64=True) as fh:
        if isinstance(data, (bytes, str)):
            fh.write(data.encode() if isinstance(data, str) else data)
            return
        buf: list[str] = []
        size = 0
        for chunk in data:
            buf.append(chunk)
            size += len(chunk)
            if size > 1 << 20:
                fh.write("".join(buf).encode())
                buf, size = [], 0
        fh.write("".join(buf).encode())


def t(text: str, ref: str = "") -> str:
    r = f' r="{ref}"' if ref else ""
    return f'<c{r} t="inlineStr"><is><t>{text}</t></is></c>'


def n(value, ref: str = "") -> str:
    r = f' r="{ref}"' if ref else ""
    return f"<c{r}><v>{value}</v></c>"


OP_HEADER = ["Output ID", "Output", "Objective", "Main activities", "Planned cost 2022 (CHF)", "Planned cost 2023 (CHF)",
             "Total 2022-2023", "FTE", "Priority", "Funding", "Notes"]


def op_plan_rows(rows: int, rng: random.Random):
    """An operational plan (the demo's layout) with `rows` distinct outputs."""
    yield SHEET_START
    yield "<row>" + t("ITU Radiocommunication Bureau (BR)") + "</row>"
    yield "<row>" + t("Operational Plan 2022-2025 — resource requirements 2022-2023 (CHF)") + "</row>"
    yield "<row>" + "".join(t(h) for h in OP_HEADER) + "</row>"
    letters = "RTDIE"   # the code grammar's letters: 5 x 99 x 99 distinct outputs
    k = 0
    for letter in letters:
        for obj in range(1, 100):
            for out in range(1, 100):
                if k == rows:
                    yield SHEET_END
                    return
                k += 1
                a, b = rng.randrange(10, 900) * 1000, rng.randrange(10, 900) * 1000
                yield ("<row>" + t(f"{letter}.{obj}-{out}") + t(f"Output {k}") + t(f"{letter}.{obj}") + t("Activities")
                       + n(a) + n(b) + n(a + b) + n(rng.randrange(1, 40) / 2) + t(rng.choice(["High", "Medium", "Low"]))
                       + t("RB") + "</row>")
    yield SHEET_END


def near_limit_rows(rows: int, every: int):
    """A header, then `rows` identical plan rows; one in `every` states its `r` (the others take
    the next position), which sets the part's deflate ratio: identical rows deflate about 1,000:1,
    numbered ones about 40:1."""
    yield SHEET_START
    yield "<row>" + "".join(t(h) for h in OP_HEADER) + "</row>"
    cells = (t("R.1-1") + t("WRC-23 preparation") + t("R.1") + t("CPM-23 report") + n(5330000) + n(7025000) + n(12355000)
             + n(21.5) + t("High") + t("RB") + "</row>")
    for r in range(2, rows + 2):
        yield (f'<row r="{r}">' if every and r % every == 0 else "<row>") + cells
    yield SHEET_END


def junk_rows(rows: int, rng: random.Random):
    """`rows` rows that are no table: random words and numbers."""
    yield SHEET_START
    for r in range(1, rows + 1):
        yield (f'<row r="{r}">' + t("%016x" % rng.getrandbits(64), f"A{r}") + n(rng.random(), f"B{r}")
               + t("%08x" % rng.getrandbits(32), f"C{r}") + "</row>")
    yield SHEET_END


def bomb_sheet(mebibytes: int):
    """Well-formed XML that deflates about 1,000:1: a row, then runs of spaces."""
    yield SHEET_START + '<row r="1">' + t("Output ID") + "</row>"
    block = " " * (1 << 20)
    for _ in range(mebibytes):
        yield block
    yield SHEET_END


def deep_sheet(depth: int) -> str:
    return SHEET_START + "<row>" + "<x>" * depth + "</x>" * depth + "</row>" + SHEET_END


BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
                  + f']><worksheet xmlns="{NS}"><sheetData><row><c t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')


def shared_strings(count: int, length: int, rng: random.Random, distinct: bool):
    yield f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}">'
    same = "x" * length
    for _ in range(count):
        text = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(length)) if distinct else same
        yield f"<si><t>{text}</t></si>"
    yield "</sst>"


def ole2(marker: str, size: int, rng: random.Random) -> bytes:
    head = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504)
    return head + marker.encode("utf-16-le") + rng.randbytes(size)


def numbering_for_ratio(target: float) -> int:
    """How sparsely near-limit rows state their `r` for a deflate ratio just under `target`:1."""
    best = 1
    for every in range(1, 64):
        sample = "".join(near_limit_rows(50_000, every)).encode()
        if len(sample) / len(zlib.compress(sample, 6)) > target:
            break
        best = every
    return best


def generate(inbox: Path, files: int, big: int, seed: int = 14) -> dict[str, str]:
    """Writes the inputs; returns file name -> 'good' or 'bad: what'."""
    rng = random.Random(seed)
    inbox.mkdir(parents=True)
    labels: dict[str, str] = {}
    demo = sorted(DEMO.glob("*.xlsx"))
    old = time.time() - 7200

    def done(name: str, label: str, mtime: float = old) -> None:
        os.utime(inbox / name, (mtime, mtime))
        labels[name] = label

    # Hostile first (the big ones), then broken, then good copies up to `files`.
    # Under the ratio limit, past the row grid: a few rows numbered (about 215:1), none (about 230:1).
    for i, every in enumerate([numbering_for_ratio(245), 0]):
        name = f"OP_BR_2022-2025_repetitive-{i}_v1.xlsx"
        write_xlsx(inbox / name, [("Operational plan", near_limit_rows(1_100_000, every))])
        done(name, "bad: near-limit repetitive sheet past the row grid")
    for i in range(big):
        name = f"OP_GS_2022-2025_junk-{i}_v1.xlsx"
        write_xlsx(inbox / name, [("Export", junk_rows(1_000_000, rng))], level=1)
        done(name, "bad: million-row junk sheet")
    name = "RR_ITU_2022-2023_strings-distinct_v1.xlsx"
    write_xlsx(inbox / name, [("Risks", SHEET_START + '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + SHEET_END)],
               shared_strings=shared_strings(200_000, 200, rng, True), level=1)
    done(name, "bad: 40 MB of distinct shared strings, no table")
    name = "RR_ITU_2022-2023_strings-cap_v1.xlsx"
    write_xlsx(inbox / name, [("Risks", SHEET_START + SHEET_END)], shared_strings=shared_strings(300_000, 1_000, rng, False), level=9)
    done(name, "bad: shared strings past their 256 MiB cap")
    for i in range(20):
        name = f"{rng.choice(['OP_TSB_2022-2025', 'FP_ITU_2022-2023', 'upload'])}_bomb-{i:02d}_v1.xlsx"
        write_xlsx(inbox / name, [("Sheet1", bomb_sheet(rng.choice([64, 256, 1024])))], level=9)
        done(name, "bad: zip bomb above the ratio limit")
    for i in range(10):
        name = f"OP_BDT_2022-2025_deep-{i:02d}_v1.xlsx"
        write_xlsx(inbox / name, [("Plan", deep_sheet(10_000 + i))])
        done(name, "bad: XML nested 10,000 deep")
    for i in range(10):
        name = f"FP_ITU_2022-2023_doctype-{i:02d}_v1.xlsx"
        write_xlsx(inbox / name, [("Budget by output", BILLION_LAUGHS)])
        done(name, "bad: DOCTYPE (billion laughs)")

    broken = 240
    kinds = ["truncated", "empty", "zeros", "random", "csv", "html", "pdf", "encrypted", "xls", "docx", "no-sheet", "export-summary"]
    for i in range(broken):
        kind = kinds[i % len(kinds)]
        base = rng.choice(demo)
        stem = base.stem.rsplit("_v", 1)[0] if "_v" in base.stem else base.stem
        name = f"{stem}_{kind}-{i:03d}_v1.xlsx" if i % 3 else f"upload-{kind}-{i:03d}.xlsx"
        p = inbox / name
        if kind == "truncated":
            data = base.read_bytes()
            p.write_bytes(data[: len(data) * rng.randrange(20, 90) // 100])
        elif kind == "empty":
            p.write_bytes(b"")
        elif kind == "zeros":
            p.write_bytes(bytes(4096))
        elif kind == "random":
            p.write_bytes(rng.randbytes(rng.randrange(1_000, 2_000_000)))
        elif kind == "csv":
            p.write_text("\ufeffOutput ID;Planned cost 2022\n" + "".join(f"R.1-{j};{j * 1000}\n" for j in range(1, 500)))
        elif kind == "html":
            p.write_text("<html><body><table><tr><td>Output ID</td></tr></table></body></html>")
        elif kind == "pdf":
            p.write_bytes(b"%PDF-1.7\n" + rng.randbytes(50_000))
        elif kind == "encrypted":
            p.write_bytes(ole2("EncryptedPackage", rng.randrange(10_000, 500_000), rng))
        elif kind == "xls":
            p.write_bytes(ole2("Workbook", rng.randrange(10_000, 500_000), rng))
        elif kind == "docx":
            with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                           '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
                z.writestr("_rels/.rels", f'<?xml version="1.0"?><Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="word/document.xml"/></Relationships>')
                z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>')
        elif kind == "no-sheet":
            write_xlsx(p, [])
        elif kind == "export-summary":
            write_xlsx(p, [("Export Summary", SHEET_START + "<row>" + t("This document was exported from Numbers.") + "</row>" + SHEET_END)])
        done(name, f"bad: {kind}")

    # Good: two long plans, the demo itself (newest), older copies of it to make up the count.
    for rows, bureau in ((20_000, "TSB"), (45_000, "BR")):
        name = f"OP_{bureau}_2022-2025_long-{rows}_v1.xlsx"
        write_xlsx(inbox / name, [("Operational plan", op_plan_rows(rows, rng))])
        done(name, "good")
    for f in demo:
        shutil.copy2(f, inbox / f.name)
        done(f.name, "good", time.time() - 3600)
    i = 0
    while len(labels) < files:
        base = demo[i % len(demo)]
        stem = base.stem.rsplit("_v", 1)[0] if "_v" in base.stem else base.stem
        name = f"{stem}_copy-{i:03d}_v1.xlsx"
        shutil.copy2(base, inbox / name)
        done(name, "good")
        i += 1
    return labels


# ----------------------------------------------------------------------------- measuring the run

class TreeSampler(threading.Thread):
    """Polls /proc for every descendant of `root`: peak VmHWM per process, peak summed VmRSS."""

    def __init__(self, root: int):
        super().__init__(daemon=True)
        self.root = root
        self.stop = threading.Event()
        self.peak: dict[int, tuple[str, int]] = {}
        self.tree_peak_kb = 0

    def run(self) -> None:
        while not self.stop.is_set():
            children: dict[int, list[int]] = {}
            for entry in os.listdir("/proc"):
                if not entry.isdigit():
                    continue
                try:
                    with open(f"/proc/{entry}/stat") as fh:
                        ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
                    children.setdefault(ppid, []).append(int(entry))
                except (OSError, IndexError, ValueError):
                    pass
            total = 0
            stack = [self.root]
            while stack:
                pid = stack.pop()
                stack.extend(children.get(pid, []))
                try:
                    status = open(f"/proc/{pid}/status").read()
                    cmd = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
                except OSError:
                    continue
                hwm = re.search(r"VmHWM:\s+(\d+)", status)
                rss = re.search(r"VmRSS:\s+(\d+)", status)
                if hwm:
                    self.peak[pid] = (cmd, max(int(hwm.group(1)), self.peak.get(pid, ("", 0))[1]))
                if rss:
                    total += int(rss.group(1))
            self.tree_peak_kb = max(self.tree_peak_kb, total)
            time.sleep(0.2)


def run(rbm: str, inbox: Path, out: Path) -> dict:
    cmd = ["/usr/bin/time", "-v", rbm, "run", str(PIPELINE), "--inbox", str(inbox), "--out", str(out), "--fail-on", "never"]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.monotonic() - start
    sampler.stop.set()
    sampler.join()
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    code = re.search(r"Exit status: (\d+)", stderr)
    workers = [(pid, kb) for pid, (c, kb) in sampler.peak.items() if " worker" in c]
    parents = [(pid, kb) for pid, (c, kb) in sampler.peak.items() if " run " in c and "/usr/bin/time" not in c]
    return {
        "wall": wall, "exit": int(code.group(1)) if code else proc.returncode,
        "time_max_rss_mib": int(m.group(1)) / 1024 if m else None,
        "parent_peak_mib": max((kb for _, kb in parents), default=0) / 1024,
        "worker_peak_mib": max((kb for _, kb in workers), default=0) / 1024,
        "workers": len(workers), "tree_peak_mib": sampler.tree_peak_kb / 1024,
        "stdout": stdout, "stderr": stderr,
    }


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def count(values) -> dict:
    out: dict = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def inflated(path: Path) -> int:
    """The declared inflated size of a zip's entries (0 for what is not a zip)."""
    try:
        with zipfile.ZipFile(path) as z:
            return sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return 0


def check_alone(rbm: str, path: Path, reason: str) -> tuple[float, int, str]:
    """(wall seconds, peak RSS KiB, the run's verdict) of `rbm check` on one file."""
    proc = subprocess.run(["/usr/bin/time", "-f", "%e %M", rbm, "check", str(PIPELINE), str(path)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall, kb = proc.stderr.strip().splitlines()[-1].split()
    verdict = reason.split(":", 1)[0] if reason else "loaded"
    if "more than 1048576 rows" in reason:
        verdict += " (past the row grid)"
    elif "ratio above" in reason:
        verdict += " (ratio)"
    elif "no " in reason and "table found" in reason:
        verdict += " (no table)"
    return float(wall), int(kb), verdict


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rbm", default=str(REPO / ".build" / "release" / "rbm"))
    ap.add_argument("--files", type=int, default=500)
    ap.add_argument("--big", type=int, default=3, help="million-row junk sheets (about 50 MB each)")
    ap.add_argument("--work", default=str(REPO / ".build-bench" / "stress"))
    ap.add_argument("--out", default=str(HERE / "results"))
    ap.add_argument("--regenerate", action="store_true", help="write the inputs again even if WORK holds them")
    ap.add_argument("--generate-only", action="store_true")
    args = ap.parse_args()
    work = Path(args.work).resolve()
    source, labels_file = work / "source", work / "labels.json"
    settings = {"files": args.files, "big": args.big}
    if args.regenerate or not labels_file.exists() or json.loads(labels_file.read_text()).get("settings") != settings:
        if work.exists():
            shutil.rmtree(work)
        t0 = time.monotonic()
        labels = generate(source, args.files, args.big)
        labels_file.write_text(json.dumps({"settings": settings, "labels": labels}, indent=1))
        print(f"generated in {time.monotonic() - t0:.0f} s", flush=True)
    labels = json.loads(labels_file.read_text())["labels"]
    sizes = {f.name: f.stat().st_size for f in source.iterdir()}
    bad = {f for f, label in labels.items() if label != "good"}
    print(f"{len(labels)} files ({sum(sizes.values()) / 1e6:.1f} MB, largest {max(sizes.values()) / 1e6:.1f} MB, "
          f"{len(bad)} bad) in {source}", flush=True)
    if args.generate_only:
        return 0

    # Each run starts from a fresh copy (times kept: the inputs are already settled).
    run_dir = work / "run"
    if run_dir.exists():
        shutil.rmtree(run_dir)
    run_dir.mkdir()
    subprocess.run(["cp", "-rp", str(source), str(run_dir / "inbox")], check=True)
    r = run(args.rbm, run_dir / "inbox", run_dir / "out")
    manifest = json.loads((run_dir / "out" / "manifest.json").read_text())
    fates = {e["file"]: e["fate"] for e in manifest["inputs"]}
    reasons = {e["file"]: e.get("reason", "") for e in manifest["inputs"]}
    left = set(manifest.get("leftInInbox", []))
    quarantined = {f for f, fate in fates.items() if fate == "quarantined"}
    problems = []
    if r["exit"] != 0:
        problems.append(f"rbm exited {r['exit']}: {r['stderr'][-2000:]}")
    for f in sorted(labels):
        if f not in fates:
            problems.append(f"{f}: no fate in the manifest" + (" (left in the inbox)" if f in left else ""))
        elif (fates[f] == "quarantined") != (f in bad):
            problems.append(f"{f} ({labels[f]}): {fates[f]} {reasons[f]}")
    timeouts = [f for f, why in reasons.items() if "longer than" in why]
    categories: dict[str, int] = {}
    for f in quarantined:
        categories[reasons[f].split(":", 1)[0]] = categories.get(reasons[f].split(":", 1)[0], 0) + 1

    total_mb = sum(sizes.values()) / 1e6
    big = sorted(sizes.values(), reverse=True)
    lines = [
        f"# Stress run: {len(labels)} workbooks in one batch ({dt.date.today().isoformat()})",
        "",
        f"`make stress` (Benchmarks/stress.py --files {args.files} --big {args.big}); `rbm run` release build, "
        f"{os.cpu_count()} cores (shared), one pool of workers.",
        "",
        "| inputs | good | bad | total size | largest | wall | peak RSS parent | peak RSS largest worker | whole tree (sum, sampled) | quarantined | quarantined = bad |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        f"| {len(labels)} | {len(labels) - len(bad)} | {len(bad)} | {total_mb:.0f} MB | {big[0] / 1e6:.1f} MB "
        f"(then {big[1] / 1e6:.1f}, {big[2] / 1e6:.1f}) | {r['wall']:.1f} s | {r['parent_peak_mib']:.0f} MiB | "
        f"{r['worker_peak_mib']:.0f} MiB ({r['workers']} workers) | {r['tree_peak_mib']:.0f} MiB | {len(quarantined)} | "
        f"{'yes' if not problems else 'NO'} |",
        "",
        f"`/usr/bin/time -v` maximum resident set size (largest process it saw): {r['time_max_rss_mib']:.0f} MiB; "
        f"exit {r['exit']}; worker time-outs: {len(timeouts)}.",
        "",
        "Quarantine categories: " + ", ".join(f"{k} {v}" for k, v in sorted(categories.items())) + ".",
    ]
    lines += ["", f"Findings: {len(read_lines(run_dir / 'out' / 'discrepancies.csv')) - 1} (the demo's own 43 when its "
              "seven workbooks stay current). Fates: " + ", ".join(f"{k} {v}" for k, v in sorted(count(fates.values()).items())) + ".",
              "", "The largest input of each kind alone (`rbm check`, in process, `/usr/bin/time`): what one worker needs for it.", "",
              "| input | size | inflated | what | time | peak RSS | verdict |", "|---|---|---|---|---|---|---|"]
    # The largest input (inflated, else on disk) of each kind of input, largest first.
    largest: dict[str, str] = {}
    for name in labels:
        key = (inflated(source / name), sizes[name])
        if labels[name] not in largest or key > (inflated(source / largest[labels[name]]), sizes[largest[labels[name]]]):
            largest[labels[name]] = name
    for name in sorted(largest.values(), key=lambda f: (-inflated(source / f), -sizes[f]))[:10]:
        wall, kb, verdict = check_alone(args.rbm, source / name, reasons.get(name, ""))
        lines.append(f"| {name} | {sizes[name] / 1e6:.1f} MB | {inflated(source / name) / 2**20:.0f} MiB | {labels[name]} | "
                     f"{wall:.2f} s | {kb / 1024:.0f} MiB | {verdict} |")
    if problems:
        lines += ["", "Problems:", ""] + [f"- {p}" for p in problems[:50]]
    text = "\n".join(lines) + "\n"
    print(text)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "stress-latest.md").write_text(text)
    (out / f"stress-{dt.date.today().isoformat()}.md").write_text(text)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
