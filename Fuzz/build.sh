#!/usr/bin/env bash
# The one fuzz build (docs/fuzzing.md): release, libFuzzer and AddressSanitizer, every target.
# In a fixed environment: SwiftPM's build records each command's environment, so a different one
# (make's variables, FUZZ_SECONDS, ASAN_OPTIONS) would rebuild everything (~10 min on two cores).
set -euo pipefail
cd "$(dirname "$0")"
env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 swift build -c release --sanitize=fuzzer --sanitize=address "$@"
