#!/usr/bin/env bash
# Builds the test suite with AddressSanitizer and UndefinedBehaviorSanitizer (clang -O1 with
# assertions, CMake preset "sanitize", build-sanitize/; the same build holds the fuzz targets of
# scripts/fuzz.sh) and runs it: any sanitizer report fails its test. Run-time options:
# cmake/sanitizers.env (set per test by tests/CMakeLists.txt).
#   scripts/sanitize.sh            # every test (slow: hours on 2 cores; see docs/sanitizers-and-fuzzing.md)
#   scripts/sanitize.sh --fast     # the tests labelled fast, and only what they need
#   scripts/sanitize.sh --library  # the framework's and the models' tests (label library): no checkers, no CLI (CI)
# Other arguments go to ctest after the defaults (e.g. -R number_test, or -j1 to leave a core free).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
targets=()
filter=()
case "${1:-}" in
  --fast) shift; targets=(--target mechcheck_fast_tests); filter=(-L fast) ;;
  --library) shift; targets=(--target mechcheck_library_tests); filter=(-L library) ;;
esac
scripts/install-deps.sh
cmake --preset sanitize > /dev/null
cmake --build --preset sanitize --parallel "$(nproc)" "${targets[@]}"
exec ctest --test-dir build-sanitize --output-on-failure -j2 --timeout 3600 "${filter[@]}" "$@"
