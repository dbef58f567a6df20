# rbm: the two commands a newcomer runs are `make demo` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
SCENARIO ?= itu-2022-2023
DEMO := demo-run/$(SCENARIO)

.PHONY: demo test test-slow test-all build setup system-deps python-deps fixtures oracle clean kill-harness

# System libraries the C targets link against (Debian).
system-deps:
	@missing=""; for p in libxml2-dev libzip-dev libdeflate-dev libisal-dev pkg-config; do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing; fi

# Python tools the tests use (Debian's system pip refuses global installs: a virtual environment).
python-deps: $(VENV)/.installed
$(VENV)/.installed: requirements-test.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-test.txt
	touch $@

setup: system-deps python-deps

build: system-deps
	swift build

# Runs the demo pipeline on a copy of the scenario (fixtures are never moved).
demo: setup build
	rm -rf $(DEMO) && mkdir -p $(DEMO)
	cp -rp fixtures/scenarios/$(SCENARIO)/inbox $(DEMO)/inbox   # -p: the files keep their times, so the run need not wait for them to settle
	.build/debug/rbm run pipelines/itu-2022-2023.yaml --inbox $(DEMO)/inbox --out $(DEMO)/out --fail-on never
	@echo
	@echo "Outputs:  $(DEMO)/out/ (consolidated.xlsx, discrepancies.csv, discrepancies.jsonl, discrepancies.html, manifest.json, feedback/)"
	@echo "Inputs filed away in $(DEMO)/archive/ and $(DEMO)/quarantine/"

# The release build of rbm (benchmarks, stress, kill harness): the Swift runtime and Foundation
# linked statically, so that a process, and each worker the run starts, starts without loading
# and binding a dozen shared libraries (docs/scale.md, "What is left": 18 ms a start instead of 27).
RELEASE_BUILD := swift build -c release --product rbm --static-swift-stdlib

# Two tiers. `make test`: every suite but the slow ones (well under three minutes of tests on two
# cores). `make test-slow`: the corpus sweeps and the kill loops. `make test-all` (and CI) runs both.
SLOW_SUITES := CorpusConformanceTests|CorpusSweepTests|CorpusDropFolderTests|KillLoopTests|CrossFilesystemTests

build-tests: setup
	swift build --build-tests --explicit-target-dependency-import-check error

test: build-tests
	swift test --skip-build --skip "$(SLOW_SUITES)"

test-slow: build-tests
	swift test --skip-build --filter "$(SLOW_SUITES)"

test-all: test test-slow

# The kill harness (docs/reliability.md, "Kill harness"): one drop folder, ITERATIONS iterations of
# drops, SIGKILLs and injected crashes, the invariants I1-I5 checked after each, against the release
# build. Python 3 standard library only. SEED=N repeats a run; exits non-zero on any violation and
# keeps the failing folder.
ITERATIONS ?= 1000
kill-harness: system-deps
	$(RELEASE_BUILD)
	python3 Benchmarks/kill_harness.py --rbm .build/release/rbm --iterations $(ITERATIONS) $(if $(SEED),--seed $(SEED))

# Regenerate the demo workbooks and their oracle with the independent Python scripts.
fixtures: python-deps
	$(PY) fixtures/generate_scenarios.py
	$(PY) fixtures/check_scenarios.py

oracle: python-deps
	$(PY) fixtures/oracle/compute_oracle.py itu-2022-2023 missing-bdt
	$(PY) fixtures/oracle/check_against_domain.py

clean:
	rm -rf .build demo-run out

# Benchmarks: rbm against fastexcel, python-calamine, openpyxl, libxlsxwriter and XlsxWriter (several minutes).
.PHONY: bench
bench:
	bash Benchmarks/run.sh

# End to end: `rbm run` (workers and --in-process) on the demo scaled K = 1, 5, 20, 58 times, next to
# the reference implementation (the Python oracle), time and peak memory, ratios from one run
# (Benchmarks/README.md, "End to end"). BENCH_E2E_ARGS='--k 1,5 --runs 1' for a quick run.
.PHONY: bench-e2e
bench-e2e: setup
	$(RELEASE_BUILD)
	$(PY) Benchmarks/bench_e2e.py --rbm .build/release/rbm $(BENCH_E2E_ARGS)

# What a change costs in work: instructions (callgrind) of `rbm run --in-process` and of one worker
# at K = 58, and page faults, for the release build and, with BASE=OLD/rbm, beside another build
# (Benchmarks/README.md, "What a change costs in work"). Needs valgrind; about a minute a build.
.PHONY: bench-count
bench-count: setup
	$(RELEASE_BUILD)
	$(PY) Benchmarks/gen_scale.py 58 .build-bench/e2e > /dev/null
	$(PY) Benchmarks/count_instructions.py --rbm .build/release/rbm --scenario .build-bench/e2e/fixtures/scenarios/scale-58 --stages $(if $(BASE),--base $(BASE))

# Stress run (issue 14): 500 workbooks, good, broken and hostile (zip bombs, million-row junk
# sheets of about 50 MB, huge shared strings, deep XML), in one inbox through `rbm run`; wall
# time, peak memory of the parent and the largest worker, and exactly the bad ones quarantined
# (Benchmarks/README.md, "Stress run"). Several minutes; STRESS_ARGS='--files 100 --big 1' for a quick one.
.PHONY: stress
stress:
	$(RELEASE_BUILD)
	python3 Benchmarks/stress.py --rbm .build/release/rbm $(STRESS_ARGS)

# LibreOffice opens one workbook of each kind rbm writes, and every demo feedback workbook: `soffice --headless --convert-to pdf`
# and `--convert-to csv` must succeed and the CSV must hold the values. Headless Chromium opens the
# demo's discrepancies.html: its layout must fit 1,440 and 390 px, screenshots are taken at both,
# and its PDF print (A4 landscape) must hold every finding's id and source cell (pdftotext); the
# consolidated workbook's PDF is read with pdftotext too (the Summary on one page, no id cut).
# Not part of `make test` (LibreOffice and Chromium are large installs). Installs
# libreoffice-calc-nogui, chromium and poppler-utils (pdftotext, pdfinfo) when missing, waiting for
# any apt or dpkg already running; SCRATCH=folder builds there (--scratch-path);
# RBM_INTEROP_DIR=folder keeps the workbooks, the page, its screenshots and PDF.
.PHONY: interop
interop: system-deps
	@missing=""; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-calc-nogui"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq && \
	  $$SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends $$missing; fi
	swift build --build-tests $(if $(SCRATCH),--scratch-path $(SCRATCH))
	RBM_INTEROP=1 swift test --skip-build $(if $(SCRATCH),--scratch-path $(SCRATCH)) --filter "WriterInteropTests|ConsolidatedWorkbookLibreOfficeTests|DiscrepancyPageChromiumTests|FeedbackWorkbookTests"

# libFuzzer targets (docs/fuzzing.md), a separate package in Fuzz/ built in release with
# --sanitize=fuzzer --sanitize=address. `make fuzz` runs each for FUZZ_SECONDS (FUZZ_TARGETS to
# pick some; FUZZ_JOBS>1 forks workers); `make fuzz-replay` (CI) runs every regression input and
# seed once, then a FUZZ_BURST-second burst per target.
FUZZ_SECONDS ?= 60
FUZZ_BURST ?= 3
.PHONY: fuzz fuzz-replay fuzz-campaign
fuzz: system-deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash Fuzz/fuzz.sh $(FUZZ_TARGETS)

# Background fuzzing on two lanes at the lowest priority until UNTIL (e.g. UNTIL=18:50), the
# least-fuzzed targets first; every run's CPU seconds go to the committed Fuzz/campaign.tsv.
# TARGET_HOURS=1.0 tops each target up to that many CPU hours and stops.
fuzz-campaign: system-deps
	UNTIL="$(UNTIL)" TARGET_HOURS="$(TARGET_HOURS)" bash Fuzz/campaign.sh $(FUZZ_TARGETS)

fuzz-replay: system-deps
	FUZZ_BURST=$(FUZZ_BURST) bash Fuzz/replay.sh
