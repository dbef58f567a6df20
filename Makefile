# rbm: the two commands a newcomer runs are `make demo` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
SCENARIO ?= itu-2022-2023
DEMO := demo-run/$(SCENARIO)

.PHONY: demo test test-slow test-all build setup system-deps python-deps fixtures oracle clean

# System libraries the C targets link against (Debian).
system-deps:
	@missing=""; for p in libxml2-dev libzip-dev pkg-config; do \
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
	@echo "Outputs:  $(DEMO)/out/ (consolidated.xlsx, discrepancies.csv, discrepancies.jsonl, discrepancies.html, manifest.json)"
	@echo "Inputs filed away in $(DEMO)/archive/ and $(DEMO)/quarantine/"

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

# LibreOffice opens one workbook of each kind rbm writes: `soffice --headless --convert-to pdf`
# and `--convert-to csv` must succeed and the CSV must hold the values. Not part of `make test`
# (LibreOffice is a large install); the consolidated workbook's PDF is read with pdftotext (the
# Summary on one page, no id cut). Installs libreoffice-calc-nogui when soffice is missing,
# poppler-utils when pdftotext is,
# waiting for any apt or dpkg already running; SCRATCH=folder builds there (--scratch-path);
# RBM_INTEROP_DIR=folder keeps the workbooks and their conversions.
.PHONY: interop
interop: system-deps
	@if ! command -v soffice >/dev/null 2>&1; then \
	  echo "installing: libreoffice-calc-nogui"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq && \
	  $$SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends libreoffice-calc-nogui; fi
	@if ! command -v pdftotext >/dev/null 2>&1; then \
	  echo "installing: poppler-utils"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends poppler-utils; fi
	swift build --build-tests $(if $(SCRATCH),--scratch-path $(SCRATCH))
	RBM_INTEROP=1 swift test --skip-build $(if $(SCRATCH),--scratch-path $(SCRATCH)) --filter "WriterInteropTests|ConsolidatedWorkbookLibreOfficeTests"

# libFuzzer targets (docs/fuzzing.md), a separate package in Fuzz/ built in release with
# --sanitize=fuzzer --sanitize=address. `make fuzz` runs each for FUZZ_SECONDS (FUZZ_TARGETS to
# pick some; FUZZ_JOBS>1 forks workers); `make fuzz-replay` (CI) runs every regression input and
# seed once, then a FUZZ_BURST-second burst per target.
FUZZ_SECONDS ?= 60
FUZZ_BURST ?= 3
.PHONY: fuzz fuzz-replay
fuzz: system-deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash Fuzz/fuzz.sh $(FUZZ_TARGETS)

fuzz-replay: system-deps
	FUZZ_BURST=$(FUZZ_BURST) bash Fuzz/replay.sh
