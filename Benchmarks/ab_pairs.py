#!/usr/bin/env python3
"""Two rbm builds timed in interleaved pairs on one scenario (issue 11).

What a change bought, on a machine whose speed moves within the hour: each pair runs both builds
back to back, in alternating order, each on a fresh copy of the scenario's inbox, and the medians
of wall clock and CPU (user + system of the process tree, from wait4) are compared as ratios.

    python3 Benchmarks/ab_pairs.py --base OLD/rbm --new .build/release/rbm \
        --scenario .build-bench/e2e/fixtures/scenarios/scale-58 [--pairs 12] [--in-process]

The scenario is a folder `gen_scale.py` wrote (its `inbox/`); the pipeline is the demo's.
Standard library only.
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def one_run(exe, inbox, pipeline, extra):
    """One whole `rbm run` on a fresh copy of `inbox`: (wall seconds, CPU seconds of the tree)."""
    with tempfile.TemporaryDirectory(prefix="rbm-ab-") as root:
        shutil.copytree(inbox, os.path.join(root, "inbox"))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([exe, "run", pipeline, "--inbox", os.path.join(root, "inbox"), "--out", os.path.join(root, "out"),
                        "--fail-on", "never"] + extra, stdout=subprocess.DEVNULL, check=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the build before the change")
    parser.add_argument("--new", required=True, help="the build with the change")
    parser.add_argument("--scenario", required=True, help="a folder with inbox/ (gen_scale.py)")
    parser.add_argument("--pipeline", default=os.path.join(ROOT, "pipelines", "itu-2022-2023.yaml"))
    parser.add_argument("--pairs", type=int, default=12)
    parser.add_argument("--in-process", action="store_true")
    args = parser.parse_args()
    inbox = os.path.join(args.scenario, "inbox")
    if not os.path.isdir(inbox):
        sys.exit(f"ab_pairs: no inbox/ in {args.scenario}")
    extra = ["--in-process"] if args.in_process else []
    builds = [("base", args.base), ("new", args.new)]
    results = {name: {"wall": [], "cpu": []} for name, _ in builds}
    for pair in range(args.pairs):
        for name, exe in (builds if pair % 2 == 0 else builds[::-1]):
            wall, cpu = one_run(exe, inbox, args.pipeline, extra)
            results[name]["wall"].append(wall)
            results[name]["cpu"].append(cpu)
    medians = {name: {k: statistics.median(v) for k, v in r.items()} for name, r in results.items()}
    mode = "in-process" if args.in_process else "with workers"
    print(f"{args.pairs} interleaved pairs, {mode}, medians (load average {os.getloadavg()[0]:.2f} at the end):")
    for name in ("base", "new"):
        print(f"  {name:4}  wall {medians[name]['wall']:.3f} s  cpu {medians[name]['cpu']:.3f} s")
    print(f"  new / base  wall {medians['new']['wall'] / medians['base']['wall']:.3f}  "
          f"cpu {medians['new']['cpu'] / medians['base']['cpu']:.3f}")


if __name__ == "__main__":
    main()
