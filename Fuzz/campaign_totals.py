#!/usr/bin/env python3
"""Sum Fuzz/campaign.tsv per target: executions, CPU hours, crash inputs (docs/fuzzing.md).

    python3 Fuzz/campaign_totals.py            # a Markdown table, every target of Fuzz/Targets
    python3 Fuzz/campaign_totals.py --order    # target names, least CPU time first
    python3 Fuzz/campaign_totals.py --short-of 1.0 TARGET   # CPU seconds TARGET still needs (0 if none)
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def totals() -> dict[str, dict[str, float]]:
    found = {t.name: {"executions": 0, "cpu": 0.0, "runs": 0, "last": ""}
             for t in sorted((HERE / "Targets").iterdir()) if t.is_dir()}
    log = HERE / "campaign.tsv"
    if log.exists():
        with log.open(newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                entry = found.setdefault(row["target"], {"executions": 0, "cpu": 0.0, "runs": 0, "last": ""})
                entry["executions"] += int(row["executions"] or 0)
                entry["cpu"] += float(row["cpu_seconds"] or 0)
                entry["runs"] += 1
                entry["last"] = max(entry["last"], row["date"][:10])
    return found


def main() -> None:
    found = totals()
    if "--short-of" in sys.argv:
        at = sys.argv.index("--short-of")
        hours, target = float(sys.argv[at + 1]), sys.argv[at + 2]
        have = found.get(target, {"cpu": 0.0})["cpu"]
        print(max(0, int(hours * 3600 - have + 0.999)))
        return
    if "--order" in sys.argv:
        for name in sorted(found, key=lambda n: (found[n]["cpu"], n)):
            print(name)
        return
    print("| target | executions | CPU hours | runs | last run |")
    print("|---|---:|---:|---:|---|")
    for name, e in found.items():
        print(f"| `{name}` | {int(e['executions']):,} | {e['cpu'] / 3600:.2f} | {int(e['runs'])} | {e['last'] or '–'} |")
    print(f"\nIn all: {sum(int(e['executions']) for e in found.values()):,} executions, "
          f"{sum(e['cpu'] for e in found.values()) / 3600:.2f} CPU hours.")


if __name__ == "__main__":
    main()
