#!/usr/bin/env bash
# The one fuzz build (docs/fuzzing.md): release, libFuzzer and AddressSanitizer, every target.
# In a fixed environment: SwiftPM's build records each command's environment, so a different one
# (make's variables, FUZZ_SECONDS, ASAN_OPTIONS) would rebuild everything (~10 min on two cores).
set -euo pipefail
cd "$(dirname "$0")"
#
# -Xswiftc -sanitize=fuzzer,address: SwiftPM passes the two sanitizers to swiftc as two flags,
# `-sanitize=fuzzer -sanitize=address`, and swiftc keeps only the last: the Swift code then had
# AddressSanitizer but no coverage counters (libFuzzer: "no interesting inputs were found"; only
# the C dependencies were instrumented). The combined flag, last on the line, gives both.
env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 \
  swift build -c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address "$@"
