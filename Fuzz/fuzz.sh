#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for FUZZ_SECONDS (docs/fuzzing.md).
#
#   Fuzz/fuzz.sh [target ...]                 all targets when none is named
#   FUZZ_SECONDS=600 FUZZ_JOBS=2 Fuzz/fuzz.sh FuzzReader
#
# Working corpora grow in Fuzz/.corpus/<target> (seeded from Fuzz/Seeds, the repo's fixtures and,
# when present, the shared corpus RBM_SHARED_CORPUS); crash inputs land in Fuzz/Crashes/<target>/.
# Each run appends "date target runs seconds crashes" to Fuzz/.corpus/stats.tsv, and a line to the
# committed campaign log Fuzz/campaign.tsv (date, commit, target, executions, wall seconds, CPU
# seconds, crash inputs): the corpora are scratch, the CPU time spent fuzzing is the record.
set -euo pipefail
cd "$(dirname "$0")"
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_JOBS=${FUZZ_JOBS:-1}
SHARED=${RBM_SHARED_CORPUS:-../../shared/xlsx-corpus/files}
export SWIFT_BACKTRACE=enable=no   # the runtime's backtracer hangs under libFuzzer (reliability.md 5.1)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(ls Targets)
fi

bash ./build.sh

mkdir -p .corpus
if [ ! -f .corpus/.seeded ]; then
  python3 seeds.py .corpus ../fixtures/scenarios $( [ -d "$SHARED" ] && echo "$SHARED" )
  touch .corpus/.seeded
fi
bin=$(bash ./build.sh --show-bin-path)
status=0
for t in "${targets[@]}"; do
  mkdir -p ".corpus/$t" "Crashes/$t"
  cp -n Seeds/"$t"/* ".corpus/$t/" 2>/dev/null || true
  dict=()
  case "$t" in *Part|FuzzReader) dict=(-dict=xlsx.dict) ;; esac
  log=".corpus/$t.log"
  timing=$(mktemp)
  kept=$(find "Crashes/$t" -type f | wc -l)
  set +e
  /usr/bin/time -f '%U %S %e' -o "$timing" "$bin/$t" ".corpus/$t" "${dict[@]}" -max_total_time="$FUZZ_SECONDS" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 \
    -max_len=262144 -print_final_stats=1 -artifact_prefix="Crashes/$t/" \
    $( [ "$FUZZ_JOBS" -gt 1 ] && echo "-fork=$FUZZ_JOBS -ignore_crashes=1" ) >"$log" 2>&1
  rc=$?
  set -e
  # `|| true`: a grep that finds nothing must not end the script (pipefail) before the run is logged
  runs=$( { grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" || true; } | awk '{s+=$2} END {print s+0}')
  [ "$runs" = 0 ] && runs=$( { grep -Eo 'Done [0-9]+ runs' "$log" || true; } | awk '{s+=$2} END {print s+0}')
  # fork mode (FUZZ_JOBS > 1) prints neither: its last progress line "#N: cov: …" counts every job's runs
  [ "$runs" = 0 ] && runs=$( { grep -Eo '^#[0-9]+: cov:' "$log" || true; } | tail -n 1 | tr -dc '0-9')
  runs=${runs:-0}
  crashes=$(( $(find "Crashes/$t" -type f | wc -l) - kept ))   # this run's, not those kept from before
  cpu=$(tail -n 1 "$timing" | awk '{printf "%.0f", $1 + $2}')
  wall=$(tail -n 1 "$timing" | awk '{printf "%.0f", $3}')   # a run interrupted early is shorter than FUZZ_SECONDS
  rm -f "$timing"
  [ -f campaign.tsv ] || printf 'date\tcommit\ttarget\texecutions\twall_seconds\tcpu_seconds\tcrash_inputs\n' > campaign.tsv
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$(git rev-parse --short HEAD 2>/dev/null || echo -)" \
    "$t" "$runs" "$wall" "$cpu" "$crashes" >> campaign.tsv
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$runs" "$FUZZ_SECONDS" "$crashes" >> .corpus/stats.tsv
  printf '%-24s %12s runs  %3s crash inputs  (exit %s)\n' "$t" "$runs" "$crashes" "$rc"
  [ "$rc" -ne 0 ] && status=1
done
exit $status
