"""Runs the readers and writers of the benchmark in one interleaved loop and prints the ratios.

    python Benchmarks/bench.py [--rows N] [--runs 5] [--warmup 1] [--only read|write] [--out FILE]

Benchmarks/run.sh installs and builds everything first, then calls this. Each round runs every
command once, in a fixed order, so that slow drift of the machine hits all tools alike; the first
`--warmup` rounds are not counted. Wall time is measured around the whole process; peak memory is
the maximum resident set size reported by /usr/bin/time (%M). Every output is checked afterwards:
each reader must report, and each writer's file must read back (with fastexcel) as, 6N numbers, 3N
strings and N dates whose sum agrees.
"""

import argparse
import shlex
import datetime
import importlib.metadata
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RBM_BENCH = ROOT / ".build-bench/release/rbm-bench"
LIBXLSXWRITER = ROOT / ".build-bench/c/write_libxlsxwriter"
SAX2_FLOOR = ROOT / ".build-bench/c/read_sax2_floor"
PY = sys.executable
MiB = 1024 * 1024
STATS = re.compile(r"n=(\d+) s=(\d+) b=(\d+) d=(\d+) e=(\d+) sum=(\S+)")

READ_REFERENCE = "fastexcel"
WRITE_REFERENCE = "libxlsxwriter constant-memory"


class Command:
    def __init__(self, group, name, argv, output=None, note=""):
        self.group, self.name, self.argv, self.output, self.note = group, name, [str(a) for a in argv], output, note
        self.times, self.rss_kib = [], []
        self.stdout = ""
        self.size = None
        self.check = ""


def commands(rows, work, read_input, only):
    found = []
    if only in (None, "read"):
        f = read_input
        found += [
            Command("read", "rbm", [RBM_BENCH, "read", f], note="rbm-bench read (= rbm inspect --stats)"),
            Command("read", "fastexcel", [PY, BENCH / "read_calamine.py", f, "--engine", "fastexcel"],
                    note="Rust calamine → Arrow columns"),
            Command("read", "python-calamine", [PY, BENCH / "read_calamine.py", f, "--engine", "python-calamine"],
                    note="Rust calamine → Python objects"),
            Command("read", "openpyxl read-only", [PY, BENCH / "read_openpyxl.py", f]),
            Command("read", "C SAX2 floor", [SAX2_FLOOR, f], note="libzip + libxml2 SAX2, C, no positions"),
        ]
    if only in (None, "write"):
        def out(tag):
            return work / f"write-{tag}.xlsx"
        found += [
            Command("write", "rbm shared strings", [RBM_BENCH, "write", out("rbm"), "--rows", rows],
                    out("rbm"), "rbm-bench write (default: shared strings, deflate level 5)"),
            Command("write", "rbm inline strings", [RBM_BENCH, "write", out("rbm-inline"), "--rows", rows, "--inline-strings"],
                    out("rbm-inline"), "rbm-bench write --inline-strings"),
            Command("write", WRITE_REFERENCE, [LIBXLSXWRITER, out("lxw-cm"), "--rows", rows], out("lxw-cm"),
                    "C; inline strings, rows streamed"),
            Command("write", "libxlsxwriter shared strings", [LIBXLSXWRITER, out("lxw-sst"), "--rows", rows, "--shared-strings"],
                    out("lxw-sst"), "C; whole sheet in memory"),
            Command("write", "XlsxWriter constant_memory", [PY, BENCH / "write_xlsxwriter.py", out("xlsxwriter"), "--rows", rows],
                    out("xlsxwriter"), "Python; includes the generator"),
            Command("write", "openpyxl write-only", [PY, BENCH / "write_openpyxl.py", out("openpyxl"), "--rows", rows],
                    out("openpyxl"), "Python; includes the generator"),
            Command("write", "(Python generator alone)", [PY, BENCH / "gen_data.py", "--rows", rows],
                    note="the data cost inside the Python writers"),
        ]
    return found


def measure(command):
    if command.output:
        command.output.unlink(missing_ok=True)
    with tempfile.NamedTemporaryFile("r") as rss:
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name, *command.argv],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - start
        lines = rss.read().split()
    if done.returncode != 0:
        sys.exit(f"{command.name} failed ({done.returncode}):\n{' '.join(command.argv)}\n{done.stderr[-2000:]}")
    command.stdout = done.stdout
    return wall, int(lines[-1])


def parse_stats(text):
    found = STATS.findall(text)
    if len(found) != 1:
        return None
    n, s, b, d, e, total = found[0]
    return int(n), int(s), int(b), int(d), int(e), float(total)


def check(stats, rows, reference_sum):
    if stats is None:
        return "no stats"
    n, s, b, d, e, total = stats
    if (n, s, b, d, e) != (6 * rows, 3 * rows, 0, rows, 0):
        return f"MISMATCH n={n} s={s} b={b} d={d} e={e}"
    if reference_sum is not None and abs(total - reference_sum) > 1e-9 * abs(reference_sum):
        return f"MISMATCH sum={total!r}"
    return "ok"


def versions():
    def run(argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True, cwd=ROOT).stdout.strip()
        except OSError:
            return "?"
    found = {}
    for name in ["fastexcel", "python-calamine", "pyarrow", "openpyxl", "XlsxWriter"]:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "missing"
    found["libxlsxwriter"] = run(["dpkg-query", "-W", "-f=${Version}", "libxlsxwriter-dev"])
    found["libxml2"] = run(["pkg-config", "--modversion", "libxml-2.0"])
    found["libzip"] = run(["pkg-config", "--modversion", "libzip"])
    swift = run(["swift", "--version"])
    found["swift"] = swift.splitlines()[0].replace("Swift version ", "") if swift else "?"
    found["python"] = platform.python_version()
    commit = run(["git", "rev-parse", "--short", "HEAD"])
    dirty = run(["git", "status", "--porcelain", "--untracked-files=no"])
    found["rbm commit"] = commit + (" + uncommitted changes" if dirty else "")
    return found


def cpu():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def ratio(value, reference):
    return f"{value / reference:.2f}x" if reference else "–"


def table(group, found, rows, reference_name):
    chosen = [c for c in found if c.group == group]
    if not chosen:
        return []
    reference = next((c for c in chosen if c.name == reference_name), None)
    ref_time = statistics.median(reference.times) if reference else None
    ref_rss = statistics.median(reference.rss_kib) if reference else None
    ref_size = reference.size if reference else None
    short = "fastexcel" if group == "read" else "lxw cm"
    if group == "read":
        head = f"| reader | median s | min s | time × {short} | peak RSS MiB | RSS × {short} | check | what |"
        lines = [head, "|---|---:|---:|---:|---:|---:|---|---|"]
    else:
        head = (f"| writer | median s | min s | time × {short} | peak RSS MiB | file MiB | size × {short} "
                "| check | what |")
        lines = [head, "|---|---:|---:|---:|---:|---:|---:|---|---|"]
    for c in chosen:
        t, rss = statistics.median(c.times), statistics.median(c.rss_kib)
        cells = [c.name, f"{t:.2f}", f"{min(c.times):.2f}", ratio(t, ref_time), f"{rss / 1024:.1f}"]
        if group == "read":
            cells.append(ratio(rss, ref_rss))
        else:
            cells += [f"{c.size / MiB:.2f}" if c.size else "–", ratio(c.size, ref_size) if c.size else "–"]
        cells += [c.check, c.note]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def goals(found, rows):
    by_name = {c.name: c for c in found}

    def median_time(name):
        return statistics.median(by_name[name].times) if name in by_name else None

    def rss_mib(name):
        return statistics.median(by_name[name].rss_kib) / 1024 if name in by_name else None

    lines = []
    rbm, fe, floor = median_time("rbm"), median_time("fastexcel"), median_time("C SAX2 floor")
    if rbm and fe and floor:
        # The 2 M-cell sheet has a goal against the C floor too; the 10 M-cell one against fastexcel only.
        floor_goal = " (goal ≤ 1.25)" if rows * 10 <= 2_000_000 else ""
        lines += [
            f"- issue 3, reading {rows * 10:,} cells: rbm / fastexcel = {rbm / fe:.2f} (goal ≤ 0.80), "
            f"rbm / C SAX2 floor = {rbm / floor:.2f}{floor_goal}, peak RSS {rss_mib('rbm'):.1f} MiB (goal < 32)",
        ]
    w, ref = median_time("rbm inline strings"), median_time(WRITE_REFERENCE)
    ws = median_time("rbm shared strings")
    if w and ref:
        size = by_name["rbm inline strings"].size / by_name[WRITE_REFERENCE].size
        lines += [
            f"- issue 4, writing: rbm / libxlsxwriter constant-memory = {w / ref:.2f} inline strings, "
            f"{ws / ref:.2f} shared strings (goal ≤ 0.70); file {size:.2f}x (goal ≤ 1.20); "
            f"peak RSS {rss_mib('rbm inline strings'):.1f} MiB inline, {rss_mib('rbm shared strings'):.1f} MiB shared "
            "(goal < 32 apart from the shared-strings table)",
        ]
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--only", choices=["read", "write"])
    parser.add_argument("--skip", action="append", default=[], metavar="NAME",
                        help="leave out a command by its table name (repeatable), e.g. --skip 'openpyxl read-only' at 1,000,000 rows")
    parser.add_argument("--work", type=Path, default=ROOT / ".build-bench/bench-data")
    parser.add_argument("--out", type=Path, default=BENCH / "results/latest.md")
    args = parser.parse_args()
    for tool in [RBM_BENCH, LIBXLSXWRITER, SAX2_FLOOR]:
        if not tool.exists():
            sys.exit(f"{tool} is missing: run Benchmarks/run.sh, which builds it")
    args.work.mkdir(parents=True, exist_ok=True)

    # The readers' input, written once by an independent writer (libxlsxwriter, shared strings as
    # Excel writes them), so that rbm's reader is not timed on its own writer's output.
    read_input = args.work / f"read-input-{args.rows}.xlsx"
    if args.only != "write" and not read_input.exists():
        print(f"generating {read_input.relative_to(ROOT)} ({args.rows:,} rows x 10)", flush=True)
        subprocess.run([LIBXLSXWRITER, read_input, "--rows", str(args.rows), "--shared-strings"], check=True)

    found = [c for c in commands(args.rows, args.work, read_input, args.only) if c.name not in args.skip]
    rounds = args.warmup + args.runs
    started = datetime.datetime.now()
    load_before = os.getloadavg()[0]
    for round_number in range(rounds):
        label = "warm-up" if round_number < args.warmup else f"run {round_number - args.warmup + 1}/{args.runs}"
        for command in found:
            wall, rss = measure(command)
            print(f"  {label:9} {command.group:5} {command.name:32} {wall:7.2f} s {rss / 1024:8.1f} MiB", flush=True)
            if round_number >= args.warmup:
                command.times.append(wall)
                command.rss_kib.append(rss)

    # Checks: the readers' own reports, then each written file read back with fastexcel.
    sums = [s[5] for c in found if c.group == "read" and (s := parse_stats(c.stdout))]
    reference_sum = statistics.median(sums) if sums else None
    for command in found:
        if command.group == "read":
            command.check = check(parse_stats(command.stdout), args.rows, reference_sum)
        elif command.output:
            command.size = command.output.stat().st_size
            back = subprocess.run([PY, BENCH / "read_calamine.py", command.output, "--engine", "fastexcel"],
                                  capture_output=True, text=True)
            command.check = check(parse_stats(back.stdout), args.rows, reference_sum)
        else:
            command.check = "–"

    load_after = os.getloadavg()[0]
    v = versions()
    rows = args.rows
    report = [
        "# Benchmark results",
        "",
        f"{started:%Y-%m-%d %H:%M}, {os.cpu_count()} cores ({cpu()}), {rows:,} rows x 10 columns "
        f"({rows * 10:,} cells); median of {args.runs} interleaved runs after {args.warmup} warm-up round(s).",
        "",
        f"Load average (1 min) {load_before:.2f} before, {load_after:.2f} after: figures taken while other work "
        "ran on the machine are skewed; compare ratios from one run only.",
        "",
        "Command: `" + shlex.join(["Benchmarks/run.sh", *sys.argv[1:]]) + "`",
        "",
        "Versions: " + ", ".join(f"{k} {val}" for k, val in v.items()) + ".",
        "",
    ]
    if args.only != "write":
        size = read_input.stat().st_size / MiB
        report += [f"## Reading (input: written by libxlsxwriter with shared strings, {size:.1f} MiB)", ""]
        report += table("read", found, rows, READ_REFERENCE) + [""]
    if args.only != "read":
        report += ["## Writing", ""] + table("write", found, rows, WRITE_REFERENCE) + [""]
    goal_lines = goals(found, rows)
    if goal_lines:
        report += ["## Against the goals", ""] + goal_lines + [""]
    text = "\n".join(report)
    print()
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    print(f"written to {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    if any(c.check.startswith(("MISMATCH", "no stats")) for c in found):
        sys.exit("some outputs did not check out (see the check column)")


if __name__ == "__main__":
    main()
