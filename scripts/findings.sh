#!/usr/bin/env bash
# Writes `mechcheck findings --markdown` into README.md between the lines <!-- findings:begin -->
# and <!-- findings:end -->, the section "Findings in the papers" (tests/findings_test.cpp fails
# while the two differ). Usage: scripts/findings.sh [MECHCHECK] (default: build/app/mechcheck).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
program=${1:-build/app/mechcheck}
[ -x "$program" ] || { echo "findings.sh: $program not found: build it (cmake --build build --target mechcheck_cli)" >&2; exit 2; }
grep -qx '<!-- findings:begin -->' README.md && grep -qx '<!-- findings:end -->' README.md ||
  { echo "findings.sh: README.md lacks the lines <!-- findings:begin --> and <!-- findings:end -->" >&2; exit 2; }
body=$(mktemp)
trap 'rm -f "$body" README.md.findings' EXIT
"$program" findings --markdown > "$body"
awk -v body="$body" '
  $0 == "<!-- findings:end -->" { while ((getline line < body) > 0) print line; skip = 0 }
  !skip { print }
  $0 == "<!-- findings:begin -->" { skip = 1 }
' README.md > README.md.findings
mv README.md.findings README.md
echo "findings.sh: README.md's findings section rewritten from $program findings --markdown"
