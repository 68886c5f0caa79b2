#!/usr/bin/env bash
# Installs the missing Debian packages, configures the Release build in build/ (CMake preset
# "release") and builds it. Extra arguments go to `cmake --build` (e.g. --target mechcheck_cli).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-deps.sh
cmake --preset release
cmake --build --preset release --parallel "$(nproc)" "$@"
