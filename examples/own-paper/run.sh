#!/usr/bin/env bash
# Builds this project against an installed mechcheck (`install`) or against mechcheck's build tree
# (`build-tree`) and runs its command line: the paper is listed and explained, its cases and a
# built-in paper's case pass with `suite`, and a bad case file is refused with exit status 2.
# Usage: run.sh install|build-tree MECHCHECK_BUILD_DIR MECHCHECK_SOURCE_DIR
set -euo pipefail
mode=$1 build=$2 source=$3
case "$mode" in install | build-tree) ;; *) echo "run.sh: the mode is install or build-tree, not '$mode'" >&2; exit 2 ;; esac
[ -f "$build/CMakeCache.txt" ] || { echo "run.sh: '$build' is not a mechcheck build directory" >&2; exit 2; }
[ -f "$source/CMakeLists.txt" ] || { echo "run.sh: '$source' is not the mechcheck source directory" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
# A fixed scratch directory in the build tree (not mktemp), so that ccache finds the same paths
# on the next run; emptied first.
scratch=$build/own-paper-$mode
rm -rf "$scratch" && mkdir -p "$scratch"
launcher=()
command -v ccache > /dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
if [ "$mode" = install ]; then
  cmake --install "$build" --prefix "$scratch/prefix" > /dev/null
  where=(-DCMAKE_PREFIX_PATH="$scratch/prefix")
else
  where=(-Dmechcheck_DIR="$build")
fi
cmake -S "$here" -B "$scratch/own" "${where[@]}" "${launcher[@]}" -DCMAKE_BUILD_TYPE=Release > "$scratch/configure.log" ||
  { cat "$scratch/configure.log"; exit 1; }
cmake --build "$scratch/own" -j2 > "$scratch/build.log" || { cat "$scratch/build.log"; exit 1; }
own=$scratch/own/own-mechcheck

# (Outputs go to files first: `grep -q` on a pipe would end the writer early, and pipefail
# would report that as a failure.)
"$own" list > "$scratch/list.txt"
grep -q '^bk.auctions_vs_negotiations  *Bulow & Klemperer (1996)' "$scratch/list.txt" ||
  { echo "own-mechcheck list does not show the own claim:"; cat "$scratch/list.txt"; exit 1; }
"$own" explain bk.auctions_vs_negotiations > "$scratch/explain.txt"
grep -q 'one_more_bidder' "$scratch/explain.txt" ||
  { echo "own-mechcheck explain does not show the claim's hypothesis:"; cat "$scratch/explain.txt"; exit 1; }
mkdir "$scratch/cases"
cp -r "$here/cases/bk" "$scratch/cases/"
cp "$source/cases/vickrey/two-bidders-uniform.toml" "$scratch/cases/"
(cd "$here" && "$own" suite "$scratch/cases" --quiet > "$scratch/suite.txt") ||
  { echo "own-mechcheck suite failed:"; cat "$scratch/suite.txt"; exit 1; }
printf '[case]\nname = "bad"\nmodel = "bk"\n[bk]\nbidders = 0\n' > "$scratch/bad.toml"
status=0
"$own" check bk.auctions_vs_negotiations "$scratch/bad.toml" 2> "$scratch/bad.err" > /dev/null || status=$?
grep -q 'bad.toml:5:[0-9]*: bidders must be a whole number in \[1, 40\]' "$scratch/bad.err" ||
  { echo "expected an input error at bad.toml:5, got:"; cat "$scratch/bad.err"; exit 1; }
[ "$status" = 2 ] || { echo "a bad case file exited with status $status, not 2"; exit 1; }
rm -rf "$scratch"
echo "own paper ($mode): list, explain, suite and a refused bad case all as expected"
