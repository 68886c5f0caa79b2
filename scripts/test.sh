#!/usr/bin/env bash
# Builds, then runs every CTest suite (Boost.Test executables under tests/). Extra arguments
# go to ctest (e.g. -R cli_test).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/build.sh
exec ctest --test-dir build --output-on-failure -j2 --timeout 1200 "$@"
