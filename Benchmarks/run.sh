#!/usr/bin/env bash
# Installs what the benchmark needs, builds rbm-bench (release) and the C programs, then runs every
# reader and writer interleaved and prints the table (also written to Benchmarks/results/latest.md).
#
#     Benchmarks/run.sh [--rows 200000] [--runs 5] [--warmup 1] [--only read|write]
set -euo pipefail
cd "$(dirname "$0")/.."

missing=""
for p in libxml2-dev libzip-dev libxlsxwriter-dev pkg-config time gcc; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "installing:$missing"
  SUDO=$( [ "$(id -u)" = 0 ] || echo sudo )
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq $missing
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r Benchmarks/requirements.txt

swift build -c release --product rbm-bench --scratch-path .build-bench
mkdir -p .build-bench/c
cc -O2 -o .build-bench/c/write_libxlsxwriter Benchmarks/write_libxlsxwriter.c $(pkg-config --cflags --libs xlsxwriter)
cc -O2 -o .build-bench/c/read_sax2_floor Benchmarks/read_sax2_floor.c $(pkg-config --cflags --libs libxml-2.0 libzip)

exec .venv/bin/python Benchmarks/bench.py "$@"
