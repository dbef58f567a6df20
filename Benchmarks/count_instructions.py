#!/usr/bin/env python3
"""What a change costs in work, not in time: instructions and page faults of `rbm run` (issue 11).

On a shared machine the wall clock and even the CPU time of the same run move by several per cent
within minutes (session 19: one build against a copy of itself, three sets of 20 interleaved pairs
with workers, gave 0.991, 0.973 and 1.090 of the wall clock), so a change of 1-2 % cannot be seen in `ab_pairs.py`'s medians. Two counts do not move
with the load: the instructions a run executes (valgrind's callgrind) and the page faults it takes
(`ru_minflt` from `wait4`; each fault is a kernel entry and a page zeroed, costly in a virtual
machine, and an instruction count does not see them). This script gives both, for one build or for
two side by side:

    .venv/bin/python Benchmarks/count_instructions.py --rbm .build/release/rbm \
        --scenario .build-bench/e2e/fixtures/scenarios/scale-58 [--base OLD/rbm] [--stages]

For each build: the instructions of `rbm run --in-process` on a copy of the scenario's inbox; the
instructions of one pooled worker (`rbm worker PIPELINE --serve`) handed every file of the inbox
in turn, as the pool hands them (the worker parses the pipeline file itself, having no settings
file: about 0.04 G of its count); and the median minor page faults of five in-process runs. With
`--stages`, the in-process count split by stage (inclusive counts of the stages' functions).
Callgrind runs a program about fifty times slower: at K = 58 a build takes about a minute.

Valgrind gives up on the release executable's debug information (the static Swift runtime's), so
each build is counted from a copy without it (`objcopy --strip-debug`), symbols kept. Needs
valgrind, binutils and, for `--stages`, `swift demangle`; says so and stops when one is missing.
Standard library only.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PIPELINE = HERE.parent / "pipelines" / "itu-2022-2023.yaml"

# Stages by the function whose inclusive count is the stage's (demangled, `--simplified`). Each is
# a function that runs whole on one thread per call, so that its count does not depend on which
# thread the scheduler gave the pieces of a stage run on both cores (callgrind links a thread's
# work to the function that started the thread, not to the one that waits for it).
STAGES = [
    ("read + normalise (in-process; the XML parsed on threads of its own, next line)", r"^closure #\d+ in BatchRun\.loadAll\(_:_:\)$"),
    ("  libxml2's parsing and its events recorded", r"^EventPipeline\.run\(\)$"),
    ("the ledger (reconcile's indexes)", r"^closure #1 in Ledger\.init\(model:years:threads:\)$"),
    ("the rules (every group, both threads)", r"^closure #2 in Reconciler\.concurrently\(_:ledger:threads:\)$"),
    ("the findings' log texts", r"^LogText\.init<A>\(_:language:\)$"),
    ("the results chain", r"^(specialized )?ResultsChain\.init\(model:findings:years:envelope:\)$"),
    ("consolidated workbook: model sheets", r"^ConsolidatedWorkbook\.begin\(model:years:to:\)$"),
    ("consolidated workbook: findings and close", r"^ConsolidatedWorkbook\.finish\("),
    ("feedback workbooks", r"^FeedbackWorkbook\.write\(findings:log:source:to:\)$"),
    ("the page", r"^static DiscrepancyHTML\.renderBytes\("),
    ("history rows", r"^(specialized )?static RunHistory\.insert\(_:into:\)$"),
]


def need(tool):
    if shutil.which(tool) is None:
        print(f"count_instructions: `{tool}` is not installed; nothing counted", file=sys.stderr)
        sys.exit(2)


def stripped(rbm, folder):
    """A copy of `rbm` without debug information, which valgrind cannot read."""
    copy = Path(folder) / ("rbm-" + str(abs(hash(os.path.abspath(rbm)))))
    subprocess.run(["objcopy", "--strip-debug", rbm, str(copy)], check=True)
    return str(copy)


def collected(log):
    match = re.search(r"Collected : (\d+)", Path(log).read_text(errors="replace"))
    if not match:
        raise RuntimeError(f"callgrind wrote no count ({log})")
    return int(match.group(1))


def run_in_process(rbm, inbox, folder, tag, callgrind):
    work = Path(folder) / f"{tag}-{os.getpid()}"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir()
    shutil.copytree(inbox, work / "inbox")
    command = [rbm, "run", str(PIPELINE), "--inbox", str(work / "inbox"), "--out", str(work / "out"),
               "--fail-on", "never", "--in-process"]
    out = work / "callgrind.out"
    log = work / "callgrind.log"
    if callgrind:
        command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + command
    with open(log, "w") as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} ended with {status}; see {log}")
    return (collected(log), out) if callgrind else usage.ru_minflt


def count_worker(rbm, inbox, folder):
    """One serving worker, every file of the inbox handed to it in turn."""
    results = Path(folder) / "worker-results"
    results.mkdir(exist_ok=True)
    log = Path(folder) / "worker-callgrind.log"
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={folder}/worker.out", rbm, "worker", str(PIPELINE),
               "--serve", "--memory-bytes", str(4 << 30), "--cpu-seconds", "600", "--exit-with-parent"]
    with open(log, "w") as err:
        worker = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err)
        for index, file in enumerate(sorted(Path(inbox).glob("*.xlsx"))):
            request = {"file": str(file), "result": str(results / f"{index}.rbmt")}
            worker.stdin.write((json.dumps(request) + "\n").encode())
            worker.stdin.flush()
            reply = json.loads(worker.stdout.readline() or b"{}")
            if reply.get("status") != "ok":
                raise RuntimeError(f"the worker answered {reply} for {file}; see {log}")
        worker.stdin.close()
        worker.wait()
    return collected(log)


def stages(out):
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(out)],
                          capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["swift", "demangle", "--simplified"], input=text, capture_output=True, text=True, check=True).stdout
    found = {}
    for line in text.splitlines():
        match = re.match(r"\s*([\d,]+) \([^)]*\)\s+\S*?:(.*) \[", line)
        if not match:
            continue
        count, name = int(match.group(1).replace(",", "")), match.group(2).strip()
        for stage, pattern in STAGES:
            if re.search(pattern, name):
                found[stage] = max(found.get(stage, 0), count)
    return found


def measure(rbm, inbox, folder, with_stages):
    copy = stripped(rbm, folder)
    total, out = run_in_process(copy, inbox, folder, "count", callgrind=True)
    result = {"in-process": total, "worker": count_worker(copy, inbox, folder),
              "faults": statistics.median(run_in_process(rbm, inbox, folder, f"faults{i}", callgrind=False) for i in range(5))}
    if with_stages:
        need("swift")
        result["stages"] = stages(out)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rbm", required=True, help="the build to count")
    parser.add_argument("--base", help="a build to count beside it, for ratios")
    parser.add_argument("--scenario", required=True, help="a folder with inbox/ (gen_scale.py's scale-K)")
    parser.add_argument("--stages", action="store_true", help="split the in-process count by stage")
    args = parser.parse_args()
    for tool in ("valgrind", "objcopy", "callgrind_annotate"):
        need(tool)
    inbox = Path(args.scenario) / "inbox"
    if not inbox.is_dir():
        print(f"count_instructions: {inbox} is not a folder (make one with Benchmarks/gen_scale.py)", file=sys.stderr)
        return 2
    builds = ([("base", args.base)] if args.base else []) + [("rbm", args.rbm)]
    counted = {}
    with tempfile.TemporaryDirectory(prefix="rbm-count-") as folder:
        for name, rbm in builds:
            sub = Path(folder) / name
            sub.mkdir()
            counted[name] = measure(rbm, inbox, str(sub), args.stages)
    names = [name for name, _ in builds]
    print(f"Instructions and page faults, {inbox.parent.name} ({', '.join(f'{n}: {p}' for n, p in builds)})\n")
    header = "| | " + " | ".join(names) + (" | rbm / base |" if args.base else " |")
    print(header)
    print("|---" * (len(names) + 1 + (1 if args.base else 0)) + "|")

    def row(label, values, unit, scale):
        cells = [f"{v / scale:,.3f} {unit}" if scale != 1 else f"{v:,.0f}" for v in values]
        ratio = f" | {values[-1] / values[0]:.4f}" if args.base and values[0] else ""
        print(f"| {label} | " + " | ".join(cells) + ratio + " |")

    row("instructions, `rbm run --in-process`", [counted[n]["in-process"] for n in names], "G", 1e9)
    row("instructions, one worker, every file", [counted[n]["worker"] for n in names], "G", 1e9)
    row("minor page faults, in-process (median of 5)", [counted[n]["faults"] for n in names], "", 1)
    if args.stages:
        for stage, _ in STAGES:
            row(f"  {stage}", [counted[n]["stages"].get(stage, 0) for n in names], "G", 1e9)
    return 0


if __name__ == "__main__":
    sys.exit(main())
