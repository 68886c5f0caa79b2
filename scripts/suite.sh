#!/usr/bin/env bash
# Builds the program only (the library, the papers and the command line; not the tests or the
# benchmarks), then runs every expectation of every case file under cases/, writing
# build/suite.xml (JUnit) and build/suite.json. Exit status is mechcheck's: 0 all met,
# 1 some verdict differs from its expectation, 2 bad input. Extra arguments go to
# `mechcheck suite` (e.g. --threads 4, --verbose).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/build.sh --target mechcheck_cli  # only what the suite runs: the library, the papers, the program
exec build/app/mechcheck suite cases --junit build/suite.xml --json build/suite.json "$@"
