#!/usr/bin/env bash
# CI: every target runs its regression inputs and seeds once (libFuzzer's regression mode), then
# fuzzes for a burst of FUZZ_BURST seconds (3 by default) from the seeds in a scratch corpus, so a
# fixed crash stays fixed and a new shallow one shows. Exit 1 on any crash (docs/fuzzing.md).
set -euo pipefail
cd "$(dirname "$0")"
FUZZ_BURST=${FUZZ_BURST:-3}
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
bash ./build.sh
bin=$(bash ./build.sh --show-bin-path)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0
for t in $(ls Targets); do
  inputs=$(find "Regressions/$t" "Seeds/$t" -type f 2>/dev/null | sort || true)
  if [ -n "$inputs" ]; then
    # shellcheck disable=SC2086
    if ! "$bin/$t" -timeout=10 -rss_limit_mb=2048 $inputs >"$scratch/$t.replay.log" 2>&1; then
      echo "FAIL $t: a regression or seed input crashes"; tail -30 "$scratch/$t.replay.log"; status=1; continue
    fi
  fi
  mkdir -p "$scratch/$t" "$scratch/crash-$t"
  cp Seeds/"$t"/* "$scratch/$t/" 2>/dev/null || true
  dict=()
  case "$t" in *Part|FuzzReader) dict=(-dict=xlsx.dict) ;; esac
  if ! "$bin/$t" "$scratch/$t" "${dict[@]}" -max_total_time="$FUZZ_BURST" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -artifact_prefix="$scratch/crash-$t/" -print_final_stats=1 >"$scratch/$t.burst.log" 2>&1; then
    echo "FAIL $t: the burst found a crash (input kept in Fuzz/Crashes/$t/)"
    mkdir -p "Crashes/$t" && cp "$scratch/crash-$t"/* "Crashes/$t/" 2>/dev/null || true
    tail -30 "$scratch/$t.burst.log"; status=1; continue
  fi
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$scratch/$t.burst.log" | awk '{print $2}')
  printf 'ok   %-24s %s regression and seed inputs once, %s runs in a %ss burst\n' "$t" "$(echo "$inputs" | grep -c . || true)" "${runs:-?}" "$FUZZ_BURST"
done
exit $status
