#!/usr/bin/env bash
# Installs the built project into a scratch prefix and builds and runs a consumer that
# finds it with find_package(mechcheck). Usage: run.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cmake --install "$build" --prefix "$scratch/prefix" > /dev/null
cmake -S "$here" -B "$scratch/consumer" -DCMAKE_PREFIX_PATH="$scratch/prefix" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$scratch/consumer" -j2 > /dev/null
"$scratch/consumer/consumer"
