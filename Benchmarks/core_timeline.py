#!/usr/bin/env python3
"""How many cores `rbm run` keeps busy, 20 ms at a time, and on what (issue 11).

Runs `rbm run` once on a copy of a scenario's inbox under `perf record -g` (2 kHz), then prints
one line per 20 ms of the run: the cores busy (samples over the samples one core gives) and the
stages the samples fall in, named from their call stacks (read, transfer, reconcile, recall, the
log texts, the consolidated workbook, the page, the feedback workbooks, the history...). A line
well under the machine's cores is time a core waited: only there does spreading work over the
cores shorten a run; where every core is busy only less work does.

    .venv/bin/python Benchmarks/core_timeline.py --rbm .build/release/rbm \
        --scenario .build-bench/e2e/fixtures/scenarios/scale-58 [--in-process]

Needs `perf` (Debian's linux-perf) and `swift demangle`; says so and stops when either is missing.
"""
import argparse
import collections
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PIPELINE = HERE.parent / "pipelines" / "itu-2022-2023.yaml"
FREQUENCY = 2000
BUCKET = 0.020

# The first of these found in a sample's stack names its stage (order matters: the most specific first).
STAGES = [
    ("WorkbookLoader", "read"), ("Transfer", "transfer"), ("Reconciler", "reconcile"), ("Ledger", "reconcile"),
    ("recall", "recall"), ("LogText", "log texts"), ("ConsolidatedWorkbook", "consolidated"),
    ("FeedbackWorkbook", "feedback"), ("DiscrepancyHTML", "page"), ("DiscrepancyCSV", "csv"),
    ("DiscrepancyJSONL", "jsonl"), ("RunHistory", "history"), ("WorkerWarmUp", "worker start"),
    ("serve", "worker"), ("PipelineFile", "pipeline file"), ("commit", "commit"), ("Inbox", "discover"),
    ("fileAway", "file away"), ("_dl_", "linking"),
]


def stage(stack: str) -> str:
    for needle, name in STAGES:
        if needle in stack:
            return name
    return "other"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rbm", required=True)
    ap.add_argument("--scenario", required=True, help="a folder with inbox/ (gen_scale.py's scale-K)")
    ap.add_argument("--in-process", action="store_true")
    args = ap.parse_args()
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # `| head` ends the listing quietly
    for tool in ("perf", "swift"):
        if shutil.which(tool) is None:
            print(f"core_timeline: `{tool}` is not installed; nothing measured", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        subprocess.run(["cp", "-rp", str(Path(args.scenario) / "inbox"), str(work / "inbox")], check=True)
        data = work / "perf.data"
        command = [args.rbm, "run", str(PIPELINE), "--inbox", str(work / "inbox"), "--out", str(work / "out"),
                   "--fail-on", "never"] + (["--in-process"] if args.in_process else [])
        subprocess.run(["perf", "record", "-q", "-F", str(FREQUENCY), "-g", "-o", str(data), "--"] + command,
                       check=True, stdout=subprocess.DEVNULL)
        script = subprocess.run(["perf", "script", "-i", str(data), "-F", "pid,tid,time,ip,sym"],
                                check=True, capture_output=True, text=True).stdout
        text = subprocess.run(["swift", "demangle", "--simplified"], input=script, check=True,
                              capture_output=True, text=True).stdout
    samples = []
    for block in text.split("\n\n"):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        time = float(lines[0].split()[1].rstrip(":"))
        samples.append((time, " | ".join(line.strip().split(" ", 1)[-1] for line in lines[1:])))
    if not samples:
        print("core_timeline: perf recorded no samples", file=sys.stderr)
        return 1
    start = min(t for t, _ in samples)
    buckets = collections.defaultdict(collections.Counter)
    for t, stack in samples:
        buckets[int((t - start) / BUCKET)][stage(stack)] += 1
    per_core = FREQUENCY * BUCKET
    print(f"{'ms':>6}  cores  stages (samples)")
    for index in sorted(buckets):
        counts = buckets[index]
        busy = sum(counts.values()) / per_core
        print(f"{index * BUCKET * 1000:6.0f}  {busy:5.2f}  " + "  ".join(f"{k}:{v}" for k, v in counts.most_common(5)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
