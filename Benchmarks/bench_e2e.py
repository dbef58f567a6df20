#!/usr/bin/env python3
"""End-to-end benchmark: `rbm run` on the demo scaled K times, next to the reference implementation.

Usage (normally through `make bench-e2e`):
    .venv/bin/python Benchmarks/bench_e2e.py --rbm .build/release/rbm [--k 1,5,20,58] [--runs 3]
                                             [--work .build-bench/e2e] [--out Benchmarks/results]

For each K, `gen_scale.py` writes the scenario and its expected findings (the independent Python
oracle). Each round then runs, interleaved, four whole processes under `/usr/bin/time -v` (peak
memory), timed by a monotonic clock around each and `wait4` (CPU of the tree), to the microsecond:

- rbm workers:    rbm run pipelines/itu-2022-2023.yaml --inbox COPY --out OUT --fail-on never
- rbm in-process: the same with --in-process
- reference:      fixtures/oracle/compute_oracle.py --stdout (openpyxl, one thread, same rules):
                  the findings only, printed as CSV
- whole-run ref.: Benchmarks/reference_run.py INBOX OUT: the same oracle, then every output rbm
                  writes (consolidated workbook, CSV, JSONL, HTML, feedback workbooks, manifest,
                  history) and the inputs filed away, as a straightforward openpyxl script does it

Each rbm run gets a fresh copy of the inbox (`cp -rp`, times kept). The table shows the median
wall-clock time and peak resident memory over the rounds (one warm-up round dropped), and rbm's
time as a ratio of each reference's in the same run: the findings-only oracle (what the issue's
goal names) and the whole-run script (the same work as `rbm run`). Every rbm run's discrepancies.csv is compared
with the expected list (every column but `message`); a difference fails the benchmark.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import re
import shutil
import statistics
import subprocess
import time
import threading
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import gen_scale  # noqa: E402

PIPELINE = REPO / "pipelines" / "itu-2022-2023.yaml"
ORACLE = REPO / "fixtures" / "oracle" / "compute_oracle.py"
WHOLE_RUN = HERE / "reference_run.py"
COMPARED = ["id", "rule", "severity", "bureau", "output", "period", "expected", "actual", "delta",
            "sources", "caused_by"]


def timed(cmd: list[str], stdout=subprocess.DEVNULL) -> tuple[float, float, int, float]:
    """(wall seconds, peak RSS MiB, exit code, CPU seconds) of one whole process tree, run under
    `/usr/bin/time -v`: the wall clock from a monotonic clock around it and the CPU (user + system
    of the tree) from `wait4`, both to the microsecond (time's own report has 10 ms steps, 3 % of
    a K = 58 run); the peak RSS (the largest process of the tree) and the exit status from time's
    report (a child forked from this Python process would start its peak at Python's size)."""
    began = time.perf_counter()
    proc = subprocess.Popen(["/usr/bin/time", "-v"] + cmd, stdout=stdout, stderr=subprocess.PIPE, text=True)
    chunks: list[str] = []
    # Standard error is read while the process runs (a full pipe would block it), then the process
    # is waited for with wait4 for its resource usage.
    reader = threading.Thread(target=lambda: chunks.append(proc.stderr.read()))
    reader.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - began
    reader.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = "".join(chunks)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    if not m:
        raise RuntimeError(f"no report from /usr/bin/time:\n{err[-2000:]}")
    rss = int(m.group(1)) / 1024
    code = int(re.search(r"Exit status: (\d+)", err).group(1)) if "Exit status" in err else proc.returncode
    if code != 0:
        sys.stderr.write(err[-3000:])
    return wall, rss, code, usage.ru_utime + usage.ru_stime


def read_rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def same_findings(actual: Path, expected: Path) -> str | None:
    a, e = read_rows(actual), read_rows(expected)
    if len(a) != len(e):
        return f"{len(a)} findings, expected {len(e)}"
    for x, y in zip(a, e):
        for c in COMPARED:
            if x.get(c) != y.get(c):
                return f"{y.get('id')} column {c}: {x.get(c)!r} != {y.get(c)!r}"
    return None


def run_rbm(rbm: str, scenario: Path, work: Path, in_process: bool) -> tuple[float, float, float]:
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    subprocess.run(["cp", "-rp", str(scenario / "inbox"), str(work / "inbox")], check=True)
    cmd = [rbm, "run", str(PIPELINE), "--inbox", str(work / "inbox"), "--out", str(work / "out"),
           "--fail-on", "never"] + (["--in-process"] if in_process else [])
    wall, rss, code, cpu = timed(cmd)
    if code != 0:
        raise SystemExit(f"rbm exited {code}: {' '.join(cmd)}")
    problem = same_findings(work / "out" / "discrepancies.csv", scenario / "expected" / "findings.csv")
    if problem:
        raise SystemExit(f"{scenario.name} ({'in-process' if in_process else 'workers'}): findings differ "
                         f"from the expected list: {problem}")
    return wall, rss, cpu


def run_reference(root: Path, name: str, out: Path) -> tuple[float, float, float]:
    with open(out, "w") as fh:
        wall, rss, code, cpu = timed([sys.executable, str(ORACLE), "--root", str(root), "--stdout", name], stdout=fh)
    if code != 0:
        raise SystemExit("reference implementation failed")
    return wall, rss, cpu


def run_whole_reference(scenario: Path, work: Path) -> tuple[float, float, float]:
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    subprocess.run(["cp", "-rp", str(scenario / "inbox"), str(work / "inbox")], check=True)
    wall, rss, code, cpu = timed([sys.executable, str(WHOLE_RUN), str(work / "inbox"), str(work / "out")])
    if code != 0:
        raise SystemExit("whole-run reference failed")
    problem = same_findings(work / "out" / "discrepancies.csv", scenario / "expected" / "findings.csv")
    if problem:
        raise SystemExit(f"{scenario.name} (whole-run reference): findings differ: {problem}")
    return wall, rss, cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rbm", default=str(REPO / ".build" / "release" / "rbm"))
    ap.add_argument("--k", default="1,5,20,58")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--work", default=str(REPO / ".build-bench" / "e2e"))
    ap.add_argument("--out", default=str(HERE / "results"))
    args = ap.parse_args()
    ks = [int(k) for k in args.k.split(",")]
    work = Path(args.work).resolve()
    scenarios = {}
    for k in ks:
        scenarios[k] = gen_scale.generate(k, work)
        cells = count_cells(scenarios[k] / "inbox")
        print(f"K={k}: {scenarios[k]} ({cells:,} cells, "
              f"{len(read_rows(scenarios[k] / 'expected' / 'findings.csv')):,} expected findings)", flush=True)
    load_before = os.getloadavg()
    samples: dict[tuple[int, str], list[tuple[float, float]]] = {}
    for rnd in range(args.warmup + args.runs):
        for k in ks:
            s = scenarios[k]
            results = {
                "workers": run_rbm(args.rbm, s, work / "run" / f"w{k}", False),
                "in-process": run_rbm(args.rbm, s, work / "run" / f"p{k}", True),
                "reference": run_reference(work, s.name, work / "run" / f"ref{k}.csv"),
                "whole": run_whole_reference(s, work / "run" / f"whole{k}"),
            }
            if rnd >= args.warmup:
                for what, r in results.items():
                    samples.setdefault((k, what), []).append(r)
        print(f"round {rnd + 1}/{args.warmup + args.runs} done" + (" (warm-up)" if rnd < args.warmup else ""),
              flush=True)
    # The reference's own output is checked too: it is the expected list.
    for k in ks:
        problem = same_findings(work / "run" / f"ref{k}.csv", scenarios[k] / "expected" / "findings.csv")
        if problem:
            raise SystemExit(f"reference output differs at K={k}: {problem}")
    load_after = os.getloadavg()

    def med(k, what, i):
        return statistics.median(x[i] for x in samples[(k, what)])

    lines = [
        f"# End-to-end: rbm run vs the reference implementation ({dt.date.today().isoformat()})",
        "",
        f"`make bench-e2e` (Benchmarks/bench_e2e.py): {args.runs} interleaved rounds after {args.warmup} warm-up, "
        f"medians; whole process (wall clock and CPU of the tree to the µs, peak memory from `/usr/bin/time -v`); {os.cpu_count()} cores; load average "
        f"{load_before[0]:.2f} before, {load_after[0]:.2f} after. Reference: fixtures/oracle/compute_oracle.py "
        "(Python, openpyxl, one thread; the findings only). Whole-run reference: Benchmarks/reference_run.py "
        "(the same oracle, then every output `rbm run` writes and the inputs filed away, with openpyxl). "
        "rbm's findings, and the whole-run reference's, equal the expected list at every K (all columns "
        "but message).",
        "",
        "| K | cells | findings | rbm workers | rbm in-process | reference | whole-run ref. | workers / ref "
        "| in-process / ref | workers / whole-run | peak MiB workers | in-process | reference | whole-run |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for k in ks:
        w, p, r, wr = med(k, "workers", 0), med(k, "in-process", 0), med(k, "reference", 0), med(k, "whole", 0)
        lines.append(
            f"| {k} | {count_cells(scenarios[k] / 'inbox'):,} | "
            f"{len(read_rows(scenarios[k] / 'expected' / 'findings.csv')):,} | {w:.3f} s | {p:.3f} s | {r:.3f} s | "
            f"{wr:.3f} s | **{w / r:.3f}** | {p / r:.3f} | **{w / wr:.3f}** | {med(k, 'workers', 1):.1f} | "
            f"{med(k, 'in-process', 1):.1f} | {med(k, 'reference', 1):.1f} | {med(k, 'whole', 1):.1f} |")
    lines += ["", "CPU time (user + system of the whole process tree, workers included; median), which the "
              "machine's load changes much less than the wall clock:", "",
              "| K | rbm workers | rbm in-process | reference | whole-run ref. | workers / ref | in-process / ref "
              "| workers / whole-run |", "|---|---|---|---|---|---|---|---|"]
    for k in ks:
        w, p, r, wr = med(k, "workers", 2), med(k, "in-process", 2), med(k, "reference", 2), med(k, "whole", 2)
        lines.append(f"| {k} | {w:.3f} s | {p:.3f} s | {r:.3f} s | {wr:.3f} s | {w / r:.3f} | {p / r:.3f} | {w / wr:.3f} |")
    lines += ["", "Peak memory of the worker run is its largest process's (`/usr/bin/time` reports the largest "
              "process of the tree it waited for)."]
    text = "\n".join(lines) + "\n"
    print()
    print(text)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "e2e-latest.md").write_text(text)
    (out / f"e2e-{dt.date.today().isoformat()}.md").write_text(text)
    return 0


def count_cells(inbox: Path) -> int:
    import openpyxl
    n = 0
    for f in sorted(inbox.glob("*.xlsx")):
        wb = openpyxl.load_workbook(f, read_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                n += sum(1 for v in row if v is not None)
        wb.close()
    return n


if __name__ == "__main__":
    sys.exit(main())
