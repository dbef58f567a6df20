#!/usr/bin/env python3
"""The kill harness of ../shared/reliability.md 6.4 (catalogue item 46), run against `rbm run`.

One drop folder is kept across all iterations. Each iteration drops 0-6 files into its inbox (the
demo's good workbooks, later resubmissions of them under higher version numbers, and about 15 % bad
files: truncated, not a zip, empty, a Word document renamed .xlsx, or `poison.xlsx`, a file that
stops the whole run while it is read: every run has RBM_STOP_READING=poison.xlsx, so it ends with
137 as it begins reading that file, as an in-process reader's crash or the OOM killer would; the
poison-pill rule must quarantine it as `reader-crash` after two such stops, holding no other file),
then either

  * kills `rbm run` with SIGKILL after a random delay within a run's duration ("kill"; with worker
    processes, sometimes --in-process), or
  * sets RBM_CRASH_AT=N so the run ends itself just before its N-th durable step ("crash"; N counts
    up from 1 and starts again at 1 once a run had fewer steps, so every crash point of every run
    shape is tried over the iterations),

and about 10 % of iterations start a second `rbm run` on the same folder while the first one runs
(it must be refused with exit 75 when the first holds the lock), plus a second instance started
while the harness itself holds the folder's lock (it must exit 75 and touch nothing at all).
Then `rbm run` is run to completion and the invariants are checked (docs/reliability.md):

  I1 nothing complete left in the inbox, nothing in processing/ (every claimed batch filed away
     or taken back), no temporary files under the drop folder, the output
     folder or $TMPDIR (rbm-* scratch folders), no `rbm worker` process left running;
  I2 every file ever dropped is in exactly one of archive/**/ or quarantine/**/ (the batch folders
     archive/<batch>/, quarantine/<batch>/), byte-identical (sha256), under its name or rbm's
     `name (N).ext`;
  I3 exactly the bad files are quarantined, each with its NAME.reason.txt (category as expected);
  I4 archive/current.json names, for each slot, the newest version dropped, and the final run's
     findings (discrepancies.csv, every column but message and status) equal those of a clean run
     on the same current set: the scenario oracle (expected/findings.csv, file names mapped) when
     all seven slots are there, else a reference run made once per set in a fresh folder;
  I5 manifest.json exists, names every output that exists and nothing that does not, and its row
     accounts balance (read = loaded + skipped + rejected per sheet); history.sqlite is whole.

Exits 0 when no invariant was ever violated, 1 otherwise (the failing folder is kept and named).
Python 3 standard library only.
"""

import argparse
import csv
import hashlib
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import fcntl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIO = os.path.join(ROOT, "fixtures", "scenarios", "itu-2022-2023")
PIPELINE = os.path.join(ROOT, "pipelines", "itu-2022-2023.yaml")
ORACLE = os.path.join(SCENARIO, "expected", "findings.csv")
COMPARED = ["id", "rule", "severity", "bureau", "output", "period", "expected", "actual", "delta", "sources", "caused_by"]
MARK = "RBM_KILL_HARNESS"
UNIQUE_SUFFIX = re.compile(r" \(\d+\)(?=\.xlsx)")

# The seven slots of the demo: slot -> (demo file name, the name's version stem for resubmissions).
SLOTS = {
    "RF": "RF_ITU_SP2020-2023_v2.xlsx",
    "FP": "FP_ITU_2022-2023_v3.xlsx",
    "RR": "RR_ITU_2022-2023_v1.xlsx",
    "OP/BR": "OP_BR_2022-2025_v2.xlsx",
    "OP/GS": "OP_GS_2022-2025_v2.xlsx",
    "OP/TSB": "OP_TSB_2022-2025_v3.xlsx",
    "OP/BDT": "BDT Operational Plan 2022-2025 (final).xlsx",
}
BAD_KINDS = {  # kind -> the quarantine category rbm must give it (docs/manifest.md)
    "truncated": "incomplete-file",
    "empty": "incomplete-file",
    "not-a-zip": "not-a-workbook",
    "docx": "not-a-workbook",
    # A file that stops the whole run while it is read (RBM_STOP_READING names it: `_exit(137)` as
    # a reader's crash in-process or the OOM killer would): the poison-pill rule must quarantine it
    # after two such stops, the second while it is read by itself, and hold no other file with it.
    "poison": "reader-crash",
}
POISON = "poison.xlsx"


_HASHES = {}


def sha256(path):
    """The content's SHA-256, remembered per (path, size, mtime, inode): the archive only grows."""
    info = os.stat(path)
    key = (path, info.st_size, info.st_mtime_ns, info.st_ino)
    if key not in _HASHES:
        with open(path, "rb") as f:
            _HASHES[key] = hashlib.sha256(f.read()).hexdigest()
    return _HASHES[key]


def with_comment(data, text):
    """The same zip with `text` as its archive comment: new bytes, same workbook."""
    end = data.rfind(b"PK\x05\x06")
    assert end >= 0 and struct.unpack("<H", data[end + 20:end + 22])[0] == len(data) - end - 22
    comment = text.encode()
    return data[:end + 20] + struct.pack("<H", len(comment)) + comment


def docx_bytes(serial):
    import io
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                   f'<w:body><w:p><w:r><w:t>Operational plan {serial}, sent as a letter</w:t></w:r></w:p></w:body></w:document>')
    return buffer.getvalue()


def versioned(name, version):
    """`OP_BR_2022-2025_v2.xlsx` -> `…_v<version>.xlsx`; a name without a version gets ` v<version>`."""
    stem, ext = os.path.splitext(name)
    match = re.search(r"_v\d+$", stem)
    if match:
        return stem[:match.start()] + f"_v{version}" + ext
    return f"{stem} v{version}{ext}"


VERSION = re.compile(r"(?i)[ _\-.]v(?:ersion)?[ _]?(\d{1,4})(?=[ _\-.(])")


def is_earlier(a, b):
    """rbm's rule (Pipeline/Resubmission.swift) for two good drops of one slot: the higher `_vN` on the
    same name, else the later modified (here: dropped) one."""
    def version(name):
        match = VERSION.search(name)
        return (name.lower(), None) if not match else ((name[:match.start()] + name[match.end():]).lower(), int(match.group(1)))
    (stem_a, version_a), (stem_b, version_b) = version(a["name"]), version(b["name"])
    if version_a is not None and version_b is not None and stem_a == stem_b and version_a != version_b:
        return version_a < version_b
    return a["serial"] < b["serial"]


class Violation(Exception):
    pass


class Harness:
    def __init__(self, args):
        self.args = args
        self.rbm = os.path.abspath(args.rbm)
        self.rng = random.Random(args.seed)
        # tmpfs by default: SIGKILL keeps the page cache anyway, and the machine's disk is not what is tested.
        shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
        self.work = os.path.abspath(args.work) if args.work else tempfile.mkdtemp(prefix="rbm-kill-harness-", dir=shm)
        os.makedirs(self.work, exist_ok=True)
        self.drop = os.path.join(self.work, "drop")
        self.inbox = os.path.join(self.drop, "inbox")
        self.out = os.path.join(self.drop, "out")
        self.tmp = os.path.join(self.work, "tmp")
        for folder in (self.inbox, self.tmp):
            os.makedirs(folder, exist_ok=True)
        self.env = dict(os.environ, TMPDIR=self.tmp, **{MARK: self.work})
        self.env.pop("RBM_CRASH_AT", None)
        self.env["RBM_STOP_READING"] = POISON
        self.poison = None         # the poison drop not yet quarantined, and the runs it stopped
        self.demo = {slot: open(os.path.join(SCENARIO, "inbox", name), "rb").read() for slot, name in SLOTS.items()}
        self.oracle = self.read_findings(ORACLE)
        self.time_base = time.time() - 40 * 86400   # every drop older than rbm's minimum age, in drop order
        self.serial = 0
        self.versions = {slot: 1 for slot in SLOTS}  # resubmissions start above the demo's own versions
        for slot, name in SLOTS.items():
            match = re.search(r"_v(\d+)\.", name)
            self.versions[slot] = int(match.group(1)) if match else 1
        self.drops = []            # every file dropped: dict(name, sha, good, slot, kind, serial)
        self.newest = {}           # slot -> the newest good drop that rbm has taken
        self.processing = []       # good drops the current iteration's runs take
        self.held = None           # a drop waiting beside an editor's lock file
        self.references = {}       # current set -> findings of a clean run on it
        # Crash points: every other crash iteration goes round 1..frontier-1 again (small batches
        # included), the others try the frontier, the first step no run has yet been stopped at, until
        # a batch long enough reaches it; so every step of the longest batches is reached too.
        self.crash_round = 1
        self.crash_frontier = 1
        self.crash_turn = 0
        self.crash_points = set()  # N at which a run did end itself
        self.max_steps_seen = 0
        self.stats = dict(iterations=0, kills=0, kills_in_process=0, kill_landed=0, crashes=0, crash_runs_completed=0,
                          same_name=0, held=0, late_older=0, second_concurrent=0, second_refused=0, second_ran=0, lock_held_refused=0,
                          files=0, good=0, bad=0, poison=0, poison_stops=0, reference_runs=0, oracle_checks=0, violations=0)
        self.run_seconds = []      # durations of completed runs, for the kill delays

    # --- dropping files ------------------------------------------------------------------------

    def place(self, name, data):
        path = os.path.join(self.inbox, name)
        assert not os.path.exists(path), name
        with open(path + ".part", "wb") as f:   # written under a name rbm ignores, then renamed in
            f.write(data)
        self.serial += 1
        stamp = self.time_base + self.serial * 10
        os.utime(path + ".part", (stamp, stamp))
        os.rename(path + ".part", path)
        return path

    def drop_good(self):
        slot = self.rng.choice(sorted(SLOTS))
        first = not any(d["slot"] == slot for d in self.drops)
        if first:
            name, data = SLOTS[slot], self.demo[slot]
        else:
            data = with_comment(self.demo[slot], f"rbm kill harness: resubmission {self.serial + 1}")
            if slot in self.newest and not any(e["slot"] == slot for e in self.processing) and self.rng.random() < 0.15:
                # Sent again under the same name (new bytes, later time): archived in its own batch folder (`archive/<batch>/NAME`; `name (2).xlsx` only beside one of the same name in that batch), current.
                name = self.newest[slot]["name"]
                self.stats["same_name"] += 1
            else:
                self.versions[slot] += 1
                name = versioned(SLOTS[slot], self.versions[slot])
        self.place(name, data)
        entry = dict(name=name, sha=hashlib.sha256(data).hexdigest(), good=True, slot=slot, kind="good", serial=self.serial)
        self.drops.append(entry)
        self.processing.append(entry)

    def hold(self):
        """A resubmission open in Excel (`~$NAME` beside it): rbm must leave it in the inbox until the
        lock goes. When newer versions went through meanwhile, it then arrives late and older: it
        must be archived as superseded, never made current (issue 11)."""
        slot = self.rng.choice(sorted(self.newest))
        self.versions[slot] += 1
        name = versioned(SLOTS[slot], self.versions[slot])
        data = with_comment(self.demo[slot], f"rbm kill harness: held {self.serial + 1}")
        self.place(name, data)
        lock = os.path.join(self.inbox, "~$" + name)
        with open(lock, "wb") as f:
            f.write(b"\x0bharness" + b"\x20" * 45)
        entry = dict(name=name, sha=hashlib.sha256(data).hexdigest(), good=True, slot=slot, kind="good", serial=self.serial,
                     held=True, lock=lock)
        self.drops.append(entry)
        self.held = entry
        self.stats["held"] += 1

    def release(self):
        entry, self.held = self.held, None
        os.remove(entry["lock"])
        entry["held"] = False
        if is_earlier(entry, self.newest[entry["slot"]]):
            self.stats["late_older"] += 1
        self.processing.append(entry)

    def drop_bad(self, poison_allowed):
        kinds = sorted(k for k in BAD_KINDS if k != "poison" or (poison_allowed and self.poison is None))
        kind = self.rng.choice(kinds)
        slot = self.rng.choice(sorted(SLOTS))
        serial = self.serial + 1
        if kind == "poison":
            data = with_comment(self.demo[slot], f"rbm kill harness: poison {serial}")
            self.place(POISON, data)
            self.poison = dict(name=POISON, sha=hashlib.sha256(data).hexdigest(), good=False, slot=None, kind=kind, serial=self.serial, stops=0)
            self.drops.append(self.poison)
            self.stats["poison"] += 1
            return
        if kind == "truncated":
            whole = with_comment(self.demo[slot], f"rbm kill harness: bad {serial}")
            data = whole[:len(whole) // 2]
        elif kind == "empty":
            data = b""
        elif kind == "not-a-zip":
            data = f"bureau;output;2022;2023\nBR;R.1-1;{serial};{serial * 2}\n".encode()
        else:
            data = docx_bytes(serial)
        # Half of them carry a slot's name with a higher version than any good one so far: a refused
        # file must never become current.
        if self.rng.random() < 0.5:
            self.versions[slot] += 1
            name = versioned(SLOTS[slot], self.versions[slot])
        else:
            name = f"upload {serial} ({kind}).xlsx"
        self.place(name, data)
        self.drops.append(dict(name=name, sha=hashlib.sha256(data).hexdigest(), good=False, slot=None, kind=kind, serial=self.serial))

    # --- running rbm ---------------------------------------------------------------------------

    def command(self, in_process=False):
        command = [self.rbm, "run", PIPELINE, "--inbox", self.inbox, "--out", self.out, "--fail-on", "never"]
        return command + (["--in-process"] if in_process else [])

    def start(self, in_process=False, crash_at=None):
        env = dict(self.env)
        if crash_at is not None:
            env["RBM_CRASH_AT"] = str(crash_at)
        return subprocess.Popen(self.command(in_process), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def poison_stop(self, returncode, what):
        """A run that ended with 137 was stopped by the poison file: at most twice per poison drop."""
        if returncode != 137:
            return False
        if self.poison is None:
            raise Violation(f"{what} exited 137 with no poison file in flight")
        self.poison["stops"] += 1
        self.stats["poison_stops"] += 1
        if self.poison["stops"] > 2:
            raise Violation(f"{what}: {POISON} stopped a run a third time (the poison-pill rule quarantines it after two stops)")
        return True

    def complete(self):
        while True:
            began = time.time()
            result = subprocess.run(self.command(self.rng.random() < 0.2), env=self.env, capture_output=True, text=True)
            if not self.poison_stop(result.returncode, "the completing run"):
                break
        self.run_seconds.append(time.time() - began)
        self.run_seconds = self.run_seconds[-50:]
        if result.returncode != 0:
            raise Violation(f"the completing run exited {result.returncode}: {result.stderr.strip()[-2000:]}")
        self.poison = None   # I3 checks that it is quarantined as a reader crash
        return result

    def snapshot(self):
        """Every entry under the drop folder and $TMPDIR with its size, time and content hash."""
        state = {}
        for top in (self.drop, self.tmp):
            for folder, dirs, files in os.walk(top):
                for name in dirs + files:
                    path = os.path.join(folder, name)
                    info = os.lstat(path)
                    digest = sha256(path) if os.path.isfile(path) and not os.path.islink(path) else None
                    state[path] = (info.st_size, info.st_mtime_ns, digest)
        return state

    def second_instance_while_locked(self):
        """The harness holds the folder's lock: a run must exit 75 and change nothing."""
        lock = os.open(os.path.join(self.drop, ".rbm.lock"), os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            before = self.snapshot()
            result = subprocess.run(self.command(self.rng.random() < 0.5), env=self.env, capture_output=True, text=True)
            after = self.snapshot()
        finally:
            os.close(lock)
        if result.returncode != 75:
            raise Violation(f"a second instance while the lock was held exited {result.returncode}, not 75: {result.stderr.strip()}")
        if before != after:
            changed = sorted(set(before.items()) ^ set(after.items()))
            raise Violation(f"a refused second instance changed the folder: {changed[:10]}")
        self.stats["lock_held_refused"] += 1

    # --- one iteration -------------------------------------------------------------------------

    def iteration(self, index):
        self.processing = []
        if self.held and self.rng.random() < 0.35:
            self.release()
        count = self.rng.randint(0, 6)
        second = self.rng.random() < self.args.second_share
        mode = "crash" if self.rng.random() < self.args.crash_share else "kill"
        in_process = self.rng.random() < 0.3
        for _ in range(count):
            if self.rng.random() < self.args.bad_share:
                # No poison where a run must end itself at a crash point: it would stop first.
                self.drop_bad(poison_allowed=mode == "kill")
                self.stats["bad"] += 1
            else:
                self.drop_good()
                self.stats["good"] += 1
            self.stats["files"] += 1
        if self.held is None and self.newest and self.rng.random() < self.args.held_share:
            self.hold()
            self.stats["files"] += 1
            self.stats["good"] += 1
        note = f"iteration {index}: {count} files, {mode}" + (", poison" if self.poison else "")
        if mode == "crash":
            self.crash_turn += 1
            frontier = self.crash_turn % 2 == 0 or self.crash_frontier == 1
            crash_at = self.crash_frontier if frontier else self.crash_round
            victim = self.start(in_process, crash_at=crash_at)
            note += f" at step {crash_at}"
        else:
            victim = self.start(in_process)
            typical = sorted(self.run_seconds)[len(self.run_seconds) // 2] if self.run_seconds else 1.0
            delay = self.rng.uniform(0, typical * 1.3)
            note += f" after {delay * 1000:.0f} ms" + (" (in-process)" if in_process else "")
        if second:
            self.stats["second_concurrent"] += 1
            time.sleep(self.rng.uniform(0.0, 0.05))
            other = subprocess.run(self.command(True), env=self.env, capture_output=True, text=True)
            if self.poison_stop(other.returncode, f"{note}: a concurrent second instance"):
                pass
            elif other.returncode == 75:
                self.stats["second_refused"] += 1
                if "another rbm run is working on this inbox" not in other.stderr:
                    raise Violation(f"{note}: a refused second instance said {other.stderr!r}")
            elif other.returncode == 0:
                self.stats["second_ran"] += 1   # the first had already ended (or had not yet taken the lock)
            else:
                raise Violation(f"{note}: a concurrent second instance exited {other.returncode}: {other.stderr.strip()[-1000:]}")
            note += ", second instance " + ("refused" if other.returncode == 75 else "ran")
        if mode == "crash":
            _, err = victim.communicate()
            if victim.returncode == 137:
                self.stats["crashes"] += 1
                self.crash_points.add(crash_at)
                self.max_steps_seen = max(self.max_steps_seen, crash_at)
                self.crash_frontier = max(self.crash_frontier, crash_at + 1)
                if not frontier:
                    self.crash_round = crash_at + 1 if crash_at + 1 < self.crash_frontier else 1
            elif victim.returncode == 0:
                self.stats["crash_runs_completed"] += 1   # the run had fewer steps than N
                if not frontier:
                    self.crash_round = 1
            elif victim.returncode == 75 and second:
                pass                                      # the second instance took the lock first

            else:
                raise Violation(f"{note}: the run exited {victim.returncode}: {err.decode(errors='replace')[-1000:]}")
        else:
            time.sleep(delay)
            if victim.poll() is None:
                victim.send_signal(signal.SIGKILL)   # the run only: its workers must end by themselves
                self.stats["kill_landed"] += 1
            victim.communicate()
            self.poison_stop(victim.returncode, f"{note}: the run to kill")   # -9 when the kill landed
            self.stats["kills"] += 1
            if in_process:
                self.stats["kills_in_process"] += 1
        if second and self.rng.random() < 0.5:
            self.second_instance_while_locked()
        result = self.complete()
        for entry in self.processing:
            if entry["slot"] not in self.newest or is_earlier(self.newest[entry["slot"]], entry):
                self.newest[entry["slot"]] = entry
        self.check(note, result)
        self.stats["iterations"] += 1
        return note

    # --- the invariants ------------------------------------------------------------------------

    def entries(self, folder):
        try:
            return sorted(os.listdir(folder))
        except FileNotFoundError:
            return []

    @staticmethod
    def files_under(folder):
        """Every file under `folder` (batch folders included), following a linked `archive/`."""
        found = []
        for parent, dirs, files in os.walk(folder, followlinks=True):
            dirs.sort()
            found += [os.path.join(parent, name) for name in sorted(files)]
        return found

    def check(self, note, result):
        problems = []
        archive, quarantine = os.path.join(self.drop, "archive"), os.path.join(self.drop, "quarantine")

        # I1: nothing complete left in the inbox; no temporary files; no scratch folders; no workers.
        left = self.entries(self.inbox)
        waiting = sorted([self.held["name"], "~$" + self.held["name"]]) if self.held else []
        if left != waiting:
            problems.append(f"I1 inbox holds {left}, expected {waiting or 'nothing'}")
        processing = self.entries(os.path.join(self.drop, "processing"))
        if processing:
            problems.append(f"I1 processing/ holds {processing}")
        for top in (self.drop,):
            for folder, dirs, files in os.walk(top):
                for name in dirs + files:
                    if name.startswith(".") and name != ".rbm.lock":
                        problems.append(f"I1 temporary file left: {os.path.relpath(os.path.join(folder, name), self.work)}")
                    elif ".tmp" in name or name.endswith(".rbm-partial"):
                        problems.append(f"I1 temporary file left: {os.path.relpath(os.path.join(folder, name), self.work)}")
        # A run killed while making its scratch folder leaves `.rbm-run-<id>`; later runs sweep it
        # once it is a minute old (a live run renames it within microseconds), so only older ones count.
        scratch = [name for name in self.entries(self.tmp) if name.startswith("rbm-")
                   or (name.startswith(".rbm-") and time.time() - os.lstat(os.path.join(self.tmp, name)).st_mtime > 90)]
        if scratch:
            problems.append(f"I1 scratch folders left in $TMPDIR: {scratch}")
        orphans = self.workers_alive()
        if orphans:
            problems.append(f"I1 rbm worker processes still running: {orphans}")

        # I2: every drop in exactly one of archive/ and quarantine/, byte-identical.
        filed = {}
        for place, folder in (("archive", archive), ("quarantine", quarantine)):
            for path in self.files_under(folder):
                name = os.path.relpath(path, folder)   # <batch>/NAME (NAME alone from older versions)
                base = os.path.basename(name)
                if base in ("current.json", "current.json.prev") or name.endswith(".reason.txt") or name.endswith(".stderr.txt") \
                        or base.startswith(".") or not os.path.isfile(path):
                    continue
                filed.setdefault(sha256(path), []).append((place, name))
        expected = {}
        for drop in self.drops:
            if drop.get("held"):
                continue
            expected.setdefault(drop["sha"], []).append(drop)
        for digest, drops in expected.items():
            found = filed.get(digest, [])
            if len(found) != len(drops):
                problems.append(f"I2 {[d['name'] for d in drops]} dropped {len(drops)} time(s), filed {len(found)} time(s): {found}")
                continue
            for drop, (place, name) in zip(sorted(drops, key=lambda d: d["name"]), sorted(found, key=lambda f: f[1])):
                stem, ext = os.path.splitext(drop["name"])
                if not re.fullmatch(re.escape(stem) + r"( \(\d+\))?" + re.escape(ext), os.path.basename(name)) and len(drops) == 1:
                    problems.append(f"I2 {drop['name']} filed as {place}/{name}")
                # I3: good files archived, bad files quarantined with their reason.
                want = "archive" if drop["good"] else "quarantine"
                if place != want:
                    problems.append(f"I3 {drop['name']} ({drop['kind']}) is in {place}/, not {want}/")
                if place == "quarantine":
                    reason_path = os.path.join(quarantine, name + ".reason.txt")
                    try:
                        reason = open(reason_path, encoding="utf-8").read().strip()
                    except OSError:
                        problems.append(f"I3 quarantine/{name} has no reason file")
                        continue
                    if not drop["good"] and not reason.startswith(BAD_KINDS[drop["kind"]]):
                        problems.append(f"I3 quarantine/{name} ({drop['kind']}): reason {reason[:120]!r}, expected {BAD_KINDS[drop['kind']]}")
        for digest, found in filed.items():
            if digest not in expected:
                problems.append(f"I2 filed but never dropped: {found}")
        for name in (os.path.relpath(p, quarantine) for p in self.files_under(quarantine)):
            for suffix in (".reason.txt", ".stderr.txt"):
                if name.endswith(suffix) and not os.path.exists(os.path.join(quarantine, name[:-len(suffix)])):
                    problems.append(f"I3 quarantine/{name} without its file")

        # I4: current.json names the newest good version of each slot; findings as a clean run's.
        try:
            current = json.load(open(os.path.join(archive, "current.json")))["files"] if self.newest else {}
        except (OSError, ValueError, KeyError) as error:
            current = {}
            problems.append(f"I4 archive/current.json unreadable: {error}")
        if sorted(current) != sorted(self.newest):
            problems.append(f"I4 current.json has slots {sorted(current)}, expected {sorted(self.newest)}")
        for slot, entry in self.newest.items():
            name = current.get(slot)
            if name is None:
                continue
            path = os.path.join(archive, name)
            if not os.path.isfile(path) or sha256(path) != entry["sha"]:
                problems.append(f"I4 current.json makes {name} current for {slot}; the newest version dropped is {entry['name']}")
        if not any(p.startswith("I4 current") for p in problems):
            try:
                findings = self.read_findings(os.path.join(self.out, "discrepancies.csv"))
                reference = self.reference(current)
                if findings != reference:
                    extra, missing = sorted(findings - reference), sorted(reference - findings)
                    problems.append(f"I4 findings differ from a clean run on the same workbooks: {len(extra)} extra {extra[:3]}, "
                                    f"{len(missing)} missing {missing[:3]}")
            except Violation as error:
                problems.append(f"I4 {error}")

        # I5: the manifest, its outputs, its row accounts; the history.
        problems += self.check_manifest()
        problems += self.check_history()
        if problems:
            self.stats["violations"] += len(problems)
            raise Violation(f"{note}:\n  " + "\n  ".join(problems) + f"\n  final run said:\n{result.stdout[-1500:]}")

    def workers_alive(self, grace=3.0):
        deadline = time.time() + grace
        while True:
            alive = []
            for pid in os.listdir("/proc"):
                if not pid.isdigit():
                    continue
                try:
                    environ = open(f"/proc/{pid}/environ", "rb").read().split(b"\0")
                    cmdline = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
                except OSError:
                    continue
                if f"{MARK}={self.work}".encode() in environ:
                    try:
                        state = [line for line in open(f"/proc/{pid}/status").read().splitlines() if line.startswith(("State", "PPid"))]
                    except OSError:
                        state = []
                    alive.append(f"{pid}: {' '.join(c.decode(errors='replace') for c in cmdline[:3])} {state}")
            if not alive or time.time() > deadline:
                return alive
            time.sleep(0.1)

    def check_manifest(self):
        problems = []
        path = os.path.join(self.out, "manifest.json")
        try:
            manifest = json.load(open(path))
        except (OSError, ValueError) as error:
            return [f"I5 manifest.json unreadable: {error}"]
        listed = set(manifest.get("outputs", []))
        present = set()
        for folder, dirs, files in os.walk(self.out):
            for name in files:
                present.add(os.path.relpath(os.path.join(folder, name), self.out))
        if listed - present:
            problems.append(f"I5 manifest lists outputs that do not exist: {sorted(listed - present)}")
        if present - listed:
            problems.append(f"I5 outputs the manifest does not list: {sorted(present - listed)}")
        if manifest.get("failedOutputs"):
            problems.append(f"I5 failed outputs: {manifest['failedOutputs']}")
        for entry in manifest.get("inputs", []):
            for sheet in entry.get("sheets", []):
                if sheet["read"] != sheet["loaded"] + sheet["skipped"] + sheet["rejected"]:
                    problems.append(f"I5 {entry['file']}!{sheet['sheet']}: read {sheet['read']} != loaded + skipped + rejected")
        left = sorted(manifest.get("leftInInbox", []))
        if left != ([self.held["name"]] if self.held else []):
            problems.append(f"I1 the final run left {left} in the inbox")
        return problems

    def check_history(self):
        try:
            db = sqlite3.connect(f"file:{os.path.join(self.drop, 'history.sqlite')}?mode=ro", uri=True)
            try:
                check = db.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                db.close()
        except sqlite3.Error as error:
            return [f"I5 history.sqlite: {error}"]
        return [] if check == "ok" else [f"I5 history.sqlite integrity: {check}"]

    # --- the findings of a clean run -----------------------------------------------------------

    @staticmethod
    def read_findings(path):
        """The findings on the compared columns, with the ` (N)` that archive/ adds to a name sent
        twice taken out (a workbook read from the inbox is cited by its arrival name, from the archive
        by its archived one; which file is current is checked by content, above)."""
        try:
            with open(path, newline="", encoding="utf-8") as f:
                return frozenset(tuple(UNIQUE_SUFFIX.sub("", row[c]) for c in COMPARED) for row in csv.DictReader(f))
        except (OSError, KeyError) as error:
            raise Violation(f"cannot read {path}: {error}")

    def reference(self, current):
        archive = os.path.join(self.drop, "archive")
        if sorted(current) == sorted(SLOTS):
            # The oracle of the scenario, its file names mapped to the current ones.
            self.stats["oracle_checks"] += 1
            names = {SLOTS[slot]: UNIQUE_SUFFIX.sub("", os.path.basename(current[slot])) for slot in SLOTS}
            pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
            return frozenset(tuple(pattern.sub(lambda m: names[m.group(0)], value) for value in row) for row in self.oracle)
        key = tuple(sorted((slot, name, sha256(os.path.join(archive, name))) for slot, name in current.items()))
        if key not in self.references:
            self.stats["reference_runs"] += 1
            folder = tempfile.mkdtemp(prefix="reference-", dir=self.work)
            try:
                inbox = os.path.join(folder, "inbox")
                os.makedirs(inbox)
                for _, name, _ in key:
                    shutil.copy2(os.path.join(archive, name), os.path.join(inbox, os.path.basename(name)))
                out = os.path.join(folder, "out")
                result = subprocess.run([self.rbm, "run", PIPELINE, "--inbox", inbox, "--out", out, "--fail-on", "never", "--in-process"],
                                        env=self.env, capture_output=True, text=True)
                if result.returncode != 0:
                    raise Violation(f"the reference run exited {result.returncode}: {result.stderr[-1000:]}")
                self.references[key] = self.read_findings(os.path.join(out, "discrepancies.csv"))
            finally:
                shutil.rmtree(folder, ignore_errors=True)
        return self.references[key]

    # --- the loop ------------------------------------------------------------------------------

    def summary(self, began):
        s = self.stats
        return (f"kill harness: {s['iterations']} iterations in {time.time() - began:.0f} s; "
                f"{s['kills']} SIGKILLs ({s['kill_landed']} while running, {s['kills_in_process']} in-process); "
                f"{s['crashes']} injected crashes at {len(self.crash_points)} of the crash points 1..{self.max_steps_seen}, "
                f"{s['crash_runs_completed']} crash runs with fewer steps; "
                f"second instances: {s['second_concurrent']} concurrent ({s['second_refused']} refused with 75, {s['second_ran']} ran after the first), "
                f"{s['lock_held_refused']} refused while the lock was held, touching nothing; "
                f"files dropped: {s['files']} ({s['good']} good, {s['same_name']} of them under a name sent before, {s['held']} held beside an editor's lock, "
                f"{s['late_older']} of which arrived after a newer version, {s['bad']} bad, {s['poison']} of them poison, "
                f"which stopped {s['poison_stops']} runs); "
                f"findings checked against the oracle {s['oracle_checks']} times, {s['reference_runs']} reference runs; "
                f"violations: {s['violations']}")

    def run(self):
        began = time.time()
        print(f"kill harness: {self.args.iterations} iterations, seed {self.args.seed}, folder {self.work}, rbm {self.rbm}", flush=True)
        for index in range(1, self.args.iterations + 1):
            try:
                note = self.iteration(index)
            except Violation as error:
                self.stats["violations"] = max(self.stats["violations"], 1)
                print(f"VIOLATION in {error}", flush=True)
                print(self.summary(began), flush=True)
                print(f"the failing folder is kept: {self.work}", flush=True)
                return 1
            if self.args.verbose or index % self.args.progress == 0:
                print(f"[{time.strftime('%H:%M:%S')}] {note}; ok. " + self.summary(began), flush=True)
        print(self.summary(began), flush=True)
        if not self.args.keep:
            shutil.rmtree(self.work, ignore_errors=True)
        else:
            print(f"folder kept: {self.work}")
        return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rbm", default=os.path.join(ROOT, ".build", "release", "rbm"))
    parser.add_argument("--iterations", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--work", help="the harness's folder (default: a new one in $TMPDIR)")
    parser.add_argument("--bad-share", type=float, default=0.15)
    parser.add_argument("--crash-share", type=float, default=0.5, help="share of iterations with RBM_CRASH_AT (the rest are SIGKILLs)")
    parser.add_argument("--second-share", type=float, default=0.10)
    parser.add_argument("--held-share", type=float, default=0.05, help="share of iterations that leave a file open in an editor")
    parser.add_argument("--progress", type=int, default=25, help="print a line every N iterations")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the folder after a passing run")
    args = parser.parse_args()
    if args.seed is None:
        args.seed = random.randrange(1 << 30)
    sys.exit(Harness(args).run())


if __name__ == "__main__":
    main()
