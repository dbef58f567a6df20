#!/usr/bin/env python3
"""A run's timeline from its own trace (`RBM_TRACE`, issue 11): when each stage ended and when each
file started and ended, in the run and in each worker, in milliseconds from the run's start.

    python3 Benchmarks/trace_timeline.py --rbm .build/release/rbm \
        --scenario .build-bench/e2e/fixtures/scenarios/scale-58 [--runs 5] [--in-process]
    python3 Benchmarks/trace_timeline.py --trace FILE        # a trace written elsewhere

Runs `rbm run` RUNS times on fresh copies of the scenario's inbox with `RBM_TRACE` set, prints the
last run's events and, over all runs, the median time of each of the run's own events and of each
worker's first file. Unlike `core_timeline.py` (perf samples) it costs the run nothing measurable
and needs no tool but Python's standard library; it shows waits (a worker idle until a file comes)
that samples do not. The trace's clock is the system's monotonic one, which the run and its workers
share; this script adds a `process ended` event to each run, read on the same clock when the run's
process has been waited for (its exit and the kernel's teardown included).
"""
import argparse
import collections
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PIPELINE = HERE.parent / "pipelines" / "itu-2022-2023.yaml"


def runs_of(events):
    """The events split into runs: each starts at a `run started` and takes every event, of any
    process, until the next."""
    events = sorted(events, key=lambda e: e["t"])
    runs, current = [], None
    for event in events:
        if event["event"] == "run started":
            current = []
            runs.append(current)
        if current is not None:
            current.append(event)
    return runs


def timeline(run):
    start = run[0]["t"]
    main = run[0]["pid"]
    names = {main: "run"}
    rows = []
    for event in run:
        if event["pid"] not in names:
            names[event["pid"]] = f"worker {len(names)}"
        label = event["event"] + (f" {event['file']}" if event.get("file") else "")
        rows.append(((event["t"] - start) / 1000, names[event["pid"]], event["event"], label))
    return rows


def summary(runs):
    times = collections.defaultdict(list)
    for run in runs:
        rows = timeline(run)
        seen = set()
        for ms, who, event, _ in rows:
            key = f"{who}: {event}" if who == "run" else f"{who}: first {event}"
            if who == "run" and event in ("file started", "file received"):
                key = f"run: first {event}"
            if key in seen:
                continue
            seen.add(key)
            times[key].append(ms)
    return sorted(((statistics.median(v), k, len(v)) for k, v in times.items()))


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # `| head` ends the listing quietly
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rbm")
    ap.add_argument("--scenario", help="a folder with inbox/ (gen_scale.py's scale-K)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--in-process", action="store_true")
    ap.add_argument("--trace", help="read this trace instead of running rbm")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="rbm-trace-") as folder:
        trace = Path(args.trace) if args.trace else Path(folder) / "trace.jsonl"
        if not args.trace:
            if not (args.rbm and args.scenario):
                ap.error("--rbm and --scenario, or --trace")
            environment = dict(os.environ, RBM_TRACE=str(trace))
            for index in range(args.runs):
                work = Path(folder) / f"run{index}"
                shutil.copytree(Path(args.scenario) / "inbox", work / "inbox")
                command = [args.rbm, "run", str(PIPELINE), "--inbox", str(work / "inbox"), "--out", str(work / "out"),
                           "--fail-on", "never"] + (["--in-process"] if args.in_process else [])
                process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL)
                status = process.wait()
                ended = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
                if status != 0:
                    raise subprocess.CalledProcessError(status, command)
                with trace.open("a") as log:
                    log.write(json.dumps({"event": "process ended", "t": ended, "pid": process.pid}) + "\n")
        events = [json.loads(line) for line in trace.read_text().splitlines() if line.strip()]
    runs = runs_of(events)
    if not runs:
        print("trace_timeline: the trace holds no run", file=sys.stderr)
        return 1
    print(f"The last of {len(runs)} runs (ms from its start):")
    for ms, who, _, label in timeline(runs[-1]):
        print(f"{ms:8.1f}  {who:9s} {label}")
    print(f"\nMedians over {len(runs)} runs (ms from the run's start):")
    for ms, key, count in summary(runs):
        print(f"{ms:8.1f}  {key}" + ("" if count == len(runs) else f"  ({count} runs)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
