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
#
# SwiftPM keeps its build plan (.build/release.yaml) when a source file is added to or removed
# from the main package, which this package takes as a path dependency: the new file is then not
# compiled ("cannot find 'CodePatterns' in scope", session 9). A folder's time changes when an
# entry is added or removed, so a folder of ../Sources newer than the plan drops the plan.
if [ -f .build/release.yaml ] && [ -n "$(find ../Sources -type d -newer .build/release.yaml -print -quit)" ]; then
  rm -f .build/release.yaml
fi
env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 \
  swift build -c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address "$@"
