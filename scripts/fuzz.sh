#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (clang, AddressSanitizer + UndefinedBehaviorSanitizer,
# CMake preset "sanitize", build-sanitize/, shared with scripts/sanitize.sh) and runs each for
# SECONDS (default 60) from its seeds.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     # targets: case_reader number_parser (default: all)
# The corpus grows in build-sanitize/fuzz/corpus/TARGET/ (kept between runs); a finding (crash,
# hang > 10 s, leak, sanitizer report, failed property) is written to
# build-sanitize/fuzz/findings/TARGET/ and makes the script fail. Each run's statistics are in
# build-sanitize/fuzz/logs/TARGET.log.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(case_reader number_parser)

# The seeds of each target (read only; libFuzzer adds what it finds to the first directory only).
declare -A seeds=(
  [case_reader]="cases tests/data/cases tests/data/hostile tests/fuzz/regressions/case_reader"
  [number_parser]="tests/fuzz/seeds/number_parser tests/fuzz/regressions/number_parser"
)

scripts/install-deps.sh
cmake --preset sanitize > /dev/null
cmake --build --preset fuzz --parallel "$(nproc)"

# The sanitizers' run-time options, unless the caller set them.
while IFS='=' read -r name value; do
  [[ "$name" =~ ^[A-Z]+_OPTIONS$ ]] && [ -z "${!name:-}" ] && export "$name=$value"
done < cmake/sanitizers.env
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ] && command -v llvm-symbolizer > /dev/null; then
  export ASAN_SYMBOLIZER_PATH=$(command -v llvm-symbolizer)
fi

passed=0
failed=0
for target in "${targets[@]}"; do
  [ -n "${seeds[$target]:-}" ] || { echo "fuzz: unknown target '$target'" >&2; exit 2; }
  corpus=build-sanitize/fuzz/corpus/$target
  findings=build-sanitize/fuzz/findings/$target
  log=build-sanitize/fuzz/logs/$target.log
  mkdir -p "$corpus" "$findings" "$(dirname "$log")"
  dictionary=()
  [ -f "tests/fuzz/$target.dict" ] && dictionary=(-dict="tests/fuzz/$target.dict")
  echo "fuzz: $target for ${seconds} s (log: $log)"
  # shellcheck disable=SC2086  # the seed list is split on purpose
  if build-sanitize/tests/fuzz/fuzz_$target -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
       -print_final_stats=1 "${dictionary[@]}" -artifact_prefix="$findings/" "$corpus" ${seeds[$target]} > "$log" 2>&1; then
    passed=$((passed + 1))
    grep -E '^(#[0-9]+[[:space:]]+DONE|stat::(number_of_executed_units|new_units_added|peak_rss_mb))' "$log" | sed 's/^/  /' || true
  else
    failed=$((failed + 1))
    echo "fuzz: $target FOUND A PROBLEM; the input is in $findings/, the report:" >&2
    grep -E -m1 -A25 '(ERROR: |runtime error|finding|ALARM|Test unit written)' "$log" | cut -c1-240 >&2 || tail -40 "$log" >&2
    ls -1 "$findings" | sed "s|^|  $findings/|" >&2
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
