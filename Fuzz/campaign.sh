#!/usr/bin/env bash
# A fuzzing campaign in the background of other work (docs/fuzzing.md, "Campaign"): two lanes (one
# per core), each taking the targets in turn for FUZZ_SECONDS (600) at the lowest CPU priority, until
# UNTIL (a `date -d` time, e.g. "18:50") or until Fuzz/.corpus/stop exists. Every run is recorded
# in the committed Fuzz/campaign.tsv with its CPU seconds; `Fuzz/campaign_totals.py` sums them.
#
#   UNTIL=18:50 Fuzz/campaign.sh                 # all targets, the least-fuzzed first
#   UNTIL=18:50 Fuzz/campaign.sh FuzzReader FuzzWorksheetPart
#   UNTIL=18:50 TARGET_HOURS=1.0 Fuzz/campaign.sh   # top up: each target only until it has its hour
#
# With TARGET_HOURS a turn lasts what the target still lacks (its CPU seconds in the campaign log
# against the goal, plus a minute for a niced fuzzer's lost time, at most FUZZ_SECONDS), a target
# that has its hours is passed over, and a lane ends when all of its targets have them.
set -euo pipefail
cd "$(dirname "$0")"
: "${UNTIL:?set UNTIL to the time the campaign must end, e.g. UNTIL=18:50}"
export FUZZ_SECONDS=${FUZZ_SECONDS:-600}
# libFuzzer's -timeout is wall clock: at nice 19 beside builds an input can wait that long for a
# core (2026-12-05: a 0.03 s input "timed out" under a load average of 11). A real hang still shows.
export FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-60}
deadline=$(date -d "$UNTIL" +%s)
bash ./build.sh >/dev/null

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  # least CPU time in the campaign log first, so every target reaches its hour
  mapfile -t targets < <(python3 campaign_totals.py --order)
fi
rm -f .corpus/stop

lane() {
  local lane=$1; shift
  while :; do
    local ran=0
    for t in "$@"; do
      local left=$(( deadline - $(date +%s) ))
      [ -f .corpus/stop ] || [ "$left" -lt 120 ] && return 0
      local turn=$(( left < FUZZ_SECONDS ? left - 30 : FUZZ_SECONDS ))
      if [ -n "${TARGET_HOURS:-}" ]; then
        local need
        need=$(python3 campaign_totals.py --short-of "$TARGET_HOURS" "$t")
        [ "$need" -eq 0 ] && continue
        turn=$(( need + 60 < turn ? need + 60 : turn ))
      fi
      ran=1
      FUZZ_SECONDS=$turn nice -n 19 bash ./fuzz.sh "$t" \
        >> ".corpus/lane$lane.log" 2>&1 || echo "$(date -u +%FT%TZ) $t: crash inputs in Fuzz/Crashes/$t" >> ".corpus/lane$lane.log"
    done
    [ "$ran" -eq 0 ] && return 0
  done
}
mkdir -p .corpus
odd=(); even=()
for i in "${!targets[@]}"; do
  if (( i % 2 == 0 )); then even+=("${targets[$i]}"); else odd+=("${targets[$i]}"); fi
done
lane 1 "${even[@]}" &
[ ${#odd[@]} -gt 0 ] && lane 2 "${odd[@]}" &
wait
python3 campaign_totals.py
