#!/usr/bin/env bash
# Lays out every C++ file of the repository with clang-format (.clang-format), or with --check
# only reports the files that differ from that layout and fails (CI runs it so).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
format=$(command -v clang-format-14 || command -v clang-format || true)
[ -n "$format" ] || { echo "format.sh: clang-format not found: run scripts/install-deps.sh" >&2; exit 2; }
if git rev-parse --is-inside-work-tree > /dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h')
else  # a copy without git: the source folders (build directories are not among them)
  mapfile -t files < <(find app bench examples lib proofs tests -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) | sort)
fi
if [ "${1:-}" = --check ]; then
  bad=()
  for f in "${files[@]}"; do
    "$format" --style=file "$f" | cmp -s "$f" - || bad+=("$f")
  done
  if [ ${#bad[@]} -gt 0 ]; then
    echo "format.sh: ${#bad[@]} file(s) differ from .clang-format's layout (run scripts/format.sh):" >&2
    printf '  %s\n' "${bad[@]}" >&2
    exit 1
  fi
  echo "format.sh: ${#files[@]} files laid out as .clang-format says"
else
  "$format" --style=file -i "${files[@]}"
fi
