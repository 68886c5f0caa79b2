#!/usr/bin/env python3
"""Mutation testing: applies seeded one-line mutants one at a time, rebuilds only what they
touch, runs the tests and cases meant to kill each, and reports which ones did.

    scripts/mutate.py                      # every mutant in scripts/mutants.txt
    scripts/mutate.py --only ID [ID...]    # some of them
    scripts/mutate.py --list               # the mutants, without running anything

A mutant is a block in scripts/mutants.txt:

    id: llm-eq11-outside-sign
    layer: model
    file: proofs/llm/model/spot_market.cpp
    find: q_integral(hat[i]) - hat[i] * m[i];
    replace: q_integral(hat[i]) + hat[i] * m[i];
    why: the sign of the outside-option term min(r_i, k_i) hat_i in eq. (11)
    kill: ctest:llm_model_test suite:cases/llm

`find` must occur exactly once in `file` (else the mutant is stale and reported so). `kill`
lists what should catch it: `ctest:NAME` (a CTest test, built and run), `suite:DIR` (every
expectation of the case files under DIR, through the command line). Every killer is run, so
the report says which of them catch the mutant. A killer catches it by failing (any nonzero
exit, a crash included) or by running over max(120 s, 5 x its time on the unmutated code).
The source file is restored after each mutant, also when the run is interrupted. The build
happens in its own directory (default build-mutate/, a Release build), so the working build is
never left mutated. docs/mutation-testing.md says how to read a survivor.

The results are written as a Markdown table (default docs/mutation-testing.md, between the
markers `<!-- mutants -->` and `<!-- /mutants -->`). Exit status 0 when every mutant was
killed, 1 when one survived or was stale or did not compile.
"""
import argparse
import os
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_mutants(path):
    mutants, current = [], None
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                if current:
                    mutants.append(current)
                    current = None
                continue
            key, sep, value = line.partition(": ")
            if not sep:
                sys.exit(f"{path}:{number}: expected 'key: value'")
            if key == "id":
                if current:
                    mutants.append(current)
                current = {"id": value, "line": number}
            elif current is None:
                sys.exit(f"{path}:{number}: a mutant starts with 'id: ...'")
            elif key in ("layer", "file", "find", "replace", "why", "kill"):
                current[key] = value
            else:
                sys.exit(f"{path}:{number}: unknown key '{key}'")
    if current:
        mutants.append(current)
    ids = set()
    for m in mutants:
        for key in ("layer", "file", "find", "replace", "why", "kill"):
            if key not in m:
                sys.exit(f"{path}:{m['line']}: mutant {m['id']} has no '{key}'")
        if m["id"] in ids:
            sys.exit(f"{path}:{m['line']}: mutant id {m['id']} used twice")
        ids.add(m["id"])
        m["killers"] = m["kill"].split()
    return mutants


TIMED_OUT = "timed out"


def run(command, log, cwd=ROOT, timeout=None):
    """The command's exit status, or TIMED_OUT."""
    log.write("$ " + " ".join(command) + "\n")
    log.flush()
    try:
        return subprocess.run(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, timeout=timeout).returncode
    except subprocess.TimeoutExpired:
        log.write(f"(timed out after {timeout:.0f} s)\n")
        return TIMED_OUT


def configure(build_dir, log):
    # Configured on every run, not only the first: the test targets come from globs (a test file
    # added or renamed since the last run must exist as a target), and re-configuring is cheap.
    if run(["cmake", "-S", ROOT, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release",
            "-DMECHCHECK_BUILD_BENCH=OFF"], log) != 0:
        sys.exit("mutate: cmake configure failed (see the log)")


def build(build_dir, targets, log):
    return run(["cmake", "--build", build_dir, "--parallel", str(os.cpu_count() or 2), "--target", *targets], log)


def killer_targets(killers):
    targets = ["mechcheck_cli"]
    for k in killers:
        kind, _, name = k.partition(":")
        if kind == "ctest":
            targets.append(name)
    return targets


def run_killer(build_dir, killer, log, timeout=None):
    """The killer's exit status (0: it passes), or TIMED_OUT."""
    kind, _, name = killer.partition(":")
    if kind == "ctest":
        # --no-tests=error: a misspelt test name must not pass as "survived" (ctest's default is 0).
        return run(["ctest", "--test-dir", build_dir, "-R", f"^{name}$", "--no-tests=error", "--output-on-failure"],
                   log, timeout=timeout)
    if kind == "suite":
        return run([os.path.join(build_dir, "app", "mechcheck"), "suite", name, "--quiet", "--threads", "2"],
                   log, timeout=timeout)
    sys.exit(f"mutate: unknown killer '{killer}' (ctest:NAME or suite:DIR)")


def mutant_timeout(unmutated_seconds):
    # A mutant can loop forever (a bisection that never closes, a refinement that never
    # isolates): a killer that takes far longer than on the unmutated code has caught it.
    return max(120.0, 5 * unmutated_seconds)


def write_whole(path, text):
    """Replaces the file by a complete new version (a temporary, then a rename): a source file
    is never left half-written, whenever the run stops."""
    tmp = f"{path}.mutate-{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


class Restorer:
    """Puts the original text back, also on SIGINT/SIGTERM."""

    def __init__(self):
        self.pending = None
        for s in (signal.SIGINT, signal.SIGTERM):
            signal.signal(s, self.interrupted)

    def apply(self, path, original, mutated):
        self.pending = (path, original)
        write_whole(path, mutated)

    def restore(self):
        if self.pending:
            path, original = self.pending
            write_whole(path, original)
            self.pending = None

    def interrupted(self, signum, frame):
        self.restore()
        sys.exit(f"mutate: interrupted (signal {signum}); the source is restored")


def source_state(report_path):
    """The commit the run was made on, and whether the sources differed from it (the report
    itself aside)."""
    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    report = os.path.relpath(report_path, ROOT)
    changed = [line for line in git("status", "--porcelain").splitlines() if not line.endswith(report)]
    return commit + (" (with uncommitted changes)" if changed else "")


def markdown(results, when, commit, total_seconds):
    def cell(s):
        return s.replace("|", "\\|")

    def code(s):
        return "`" + cell(s).replace("`", "'") + "`"

    lines = ["| id | layer | file | mutation | what it models | result | killed by | time |",
             "|---|---|---|---|---|---|---|---|"]
    for m, status, killers, seconds in results:
        mutation = code(m["find"]) + " -> " + code(m["replace"])
        lines.append(f"| {m['id']} | {m['layer']} | {m['file']} | {mutation} | {cell(m['why'])} | {status} | "
                     f"{', '.join(killers) if killers else '-'} | {seconds:.0f} s |")
    killed = sum(1 for _, s, _, _ in results if s == "killed")
    lines.append("")
    lines.append(f"{killed} of {len(results)} mutants killed. Run on {when} at commit {commit}, "
                 f"{total_seconds / 60:.0f} min in all (time per mutant: its rebuild and every killer listed).")
    return "\n".join(lines)


def write_report(path, table):
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else "<!-- mutants -->\n<!-- /mutants -->\n"
    begin, end = "<!-- mutants -->", "<!-- /mutants -->"
    if begin not in text or end not in text:
        text += "\n" + begin + "\n" + end + "\n"
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    write_whole(path, head + begin + "\n" + table + "\n" + end + tail)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mutants", default=os.path.join(ROOT, "scripts", "mutants.txt"))
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build-mutate"))
    ap.add_argument("--report", default=os.path.join(ROOT, "docs", "mutation-testing.md"))
    ap.add_argument("--log", default=None, help="log file (default BUILD_DIR/mutate.log)")
    ap.add_argument("--only", nargs="+", default=None)
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()

    mutants = parse_mutants(args.mutants)
    if args.only:
        unknown = set(args.only) - {m["id"] for m in mutants}
        if unknown:
            sys.exit("mutate: no mutant " + ", ".join(sorted(unknown)))
        mutants = [m for m in mutants if m["id"] in args.only]
    if args.list:
        for m in mutants:
            print(f"{m['id']:40} {m['layer']:8} {m['file']}: {m['why']}")
        print(f"{len(mutants)} mutants")
        return 0

    run_start = time.time()
    commit = source_state(args.report)  # before any mutant touches a file
    os.makedirs(args.build_dir, exist_ok=True)
    log_path = args.log or os.path.join(args.build_dir, "mutate.log")
    restorer = Restorer()
    results = []
    with open(log_path, "w", encoding="utf-8") as log:
        configure(args.build_dir, log)
        all_targets = sorted({t for m in mutants for t in killer_targets(m["killers"])})
        print(f"mutate: building the unmutated targets ({len(all_targets)}) in {args.build_dir}", flush=True)
        if build(args.build_dir, all_targets, log) != 0:
            sys.exit(f"mutate: the unmutated build fails (see {log_path})")
        # Every killer must pass on the unmutated code, or a "kill" means nothing; its time
        # there sets its time limit under a mutant.
        unmutated_seconds = {}
        for killer in sorted({k for m in mutants for k in m["killers"]}):
            start = time.time()
            if run_killer(args.build_dir, killer, log) != 0:
                sys.exit(f"mutate: {killer} fails without any mutant (see {log_path})")
            unmutated_seconds[killer] = time.time() - start
        for i, m in enumerate(mutants, 1):
            path = os.path.join(ROOT, m["file"])
            original = open(path, encoding="utf-8").read()
            occurrences = original.count(m["find"])
            start = time.time()
            if occurrences != 1:
                status, killers = f"stale ({occurrences} matches)", []
            else:
                log.write(f"\n==== mutant {m['id']}: {m['file']}: {m['find']} -> {m['replace']}\n")
                restorer.apply(path, original, original.replace(m["find"], m["replace"]))
                try:
                    if build(args.build_dir, killer_targets(m["killers"]), log) != 0:
                        status, killers = "does not compile", []
                    else:
                        killers = []
                        for k in m["killers"]:
                            result = run_killer(args.build_dir, k, log, mutant_timeout(unmutated_seconds[k]))
                            if result == TIMED_OUT:
                                killers.append(f"{k} ({TIMED_OUT})")
                            elif result != 0:
                                killers.append(k)
                        status = "killed" if killers else "SURVIVED"
                finally:
                    restorer.restore()
            seconds = time.time() - start
            print(f"[{i}/{len(mutants)}] {m['id']}: {status}" + (f" by {', '.join(killers)}" if killers else "") +
                  f" ({seconds:.0f} s)", flush=True)
            results.append((m, status, killers, seconds))
        # Leave the mutation build matching the source again.
        build(args.build_dir, all_targets, log)
    if not args.only:
        write_report(args.report, markdown(results, time.strftime("%Y-%m-%d"), commit, time.time() - run_start))
        print(f"mutate: wrote {args.report}")
    survivors = [m["id"] for m, s, _, _ in results if s != "killed"]
    if survivors:
        print("mutate: not killed: " + ", ".join(survivors))
        return 1
    print(f"mutate: all {len(results)} mutants killed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
