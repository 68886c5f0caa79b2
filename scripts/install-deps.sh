#!/usr/bin/env bash
# Installs the Debian packages mechcheck needs, only those that are missing.
# Works as root or through sudo; runs `apt-get update` first so a pristine machine works.
set -euo pipefail
packages=(
  build-essential cmake pkg-config ccache
  libgmp-dev libmpfr-dev libmpfi-dev libboost1.81-dev libboost-test1.81-dev
  libbenchmark-dev libcli11-dev libtoml11-dev nlohmann-json3-dev
  libxml2-utils  # xmllint: the JUnit report against its schema (tests/cli_test.cpp)
  python3-jsonschema  # the JSON report against docs/report.schema.json (tests/schema)
  chromium  # the HTML report opened and drawn headless (tests/html)
  libtbb-dev libflint-dev libflint-arb-dev libcalcium-dev librapidcheck-dev libcdd-dev
  # runs across processes (mpirun; the Release preset builds with MECHCHECK_MPI=ON)
  libopenmpi-dev openmpi-bin
  # scripts/fuzz.sh: libFuzzer and clang's sanitizer run-times; llvm-symbolizer for their stack traces
  clang libclang-rt-14-dev llvm
  # scripts/format.sh: the layout of the C++ files (.clang-format), checked in CI
  clang-format-14
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
