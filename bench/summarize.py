#!/usr/bin/env python3
"""Markdown tables from llm_prop1_bench's JSON output (--benchmark_out=FILE, with
--benchmark_repetitions=N): medians per instance and kind, ratios to double in the same run.

usage: summarize.py RESULT.json [--time real|cpu]
"""
import json
import sys

KINDS = ["exact", "interval", "double", "mpfr"]
INSTANCES = ["uniform_n2", "uniform_n3", "uniform_n4", "fig1_n3", "t2_n3"]
SCALE = {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}  # to microseconds


def load(path, which):
    with open(path) as f:
        data = json.load(f)
    medians = {}
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue
        name = b["run_name"]
        if b.get("run_type") == "iteration" and name in medians:
            continue  # repetitions without aggregates: keep the first
        b["us"] = b[which + "_time"] * SCALE[b["time_unit"]]
        medians[name] = b
    return data["context"], medians


def fmt_us(us):
    if us >= 1000:
        return f"{us / 1000:.2f} ms"
    if us >= 1:
        return f"{us:.2f} µs"
    return f"{us * 1000:.1f} ns"


def ratio(a, b):
    r = a / b
    return f"{r:.0f}x" if r >= 10 else f"{r:.2f}x"


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    which = "cpu"
    if "--time" in sys.argv:
        which = sys.argv[sys.argv.index("--time") + 1]
    context, m = load(sys.argv[1], which)
    print(f"Times are medians of {which} time. Ratios are to double, in the same run.\n")
    # Overview: one row per instance, the scan ratios.
    print("| instance | points | exact zeros | double scan | exact / double | interval / double | mpfr / double "
          "| interval undecided | double false neg | mpfr false neg |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for inst in INSTANCES:
        d = m.get(f"scan/{inst}/double")
        if d is None:
            continue
        e, i, f = (m[f"scan/{inst}/{k}"] for k in ["exact", "interval", "mpfr"])
        print(f"| {inst} | {int(d['points'])} | {int(d['exact_zero'])} | {fmt_us(d['us'])} | {ratio(e['us'], d['us'])} "
              f"| {ratio(i['us'], d['us'])} | {ratio(f['us'], d['us'])} | {int(i['undecided'])} "
              f"| {int(d['false_neg'])} | {int(f['false_neg'])} |")
    print()
    for inst in INSTANCES:
        prep = m.get(f"prepare/{inst}")
        if prep is None:
            continue
        alloc = m.get(f"allocation/{inst}")
        points = int(prep["points"])
        print(f"### {inst}\n")
        print(f"{points} grid points ({int(prep['constants'])} constants per coordinate). "
              f"Exact preparation (r_star + vertex_grid): {fmt_us(prep['us'])}"
              + (f"; efficient_allocation (mpq, once per welfare call, every kind): {fmt_us(alloc['us'])}." if alloc else ".")
              + "\n")
        print("| kind | scan (median) | per point | / double | neg | zero | pos | undecided | false neg | wrong sign | min found |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        d = m[f"scan/{inst}/double"]
        for kind in KINDS:
            scan = m.get(f"scan/{inst}/{kind}")
            if scan is None:
                continue
            row = [kind, fmt_us(scan["us"]), fmt_us(scan["us"] / points), ratio(scan["us"], d["us"])]
            row += [str(int(scan[c])) for c in ["neg", "zero", "pos", "undecided", "false_neg", "wrong_sign"]]
            row.append(f"{scan['min']:.3g}" if "min" in scan else "-")
            print("| " + " | ".join(row) + " |")
        print()
        print("| kind | Pi at theta = hat (Pi = 0) | / double | Pi at (hi, lo, ..) | / double | one x*y+z | / double |")
        print("|---|---|---|---|---|---|---|")
        base = [m.get(f"surplus/{inst}/hat/double"), m.get(f"surplus/{inst}/corner/double"), m.get(f"mul_add/{inst}/double")]
        for kind in KINDS:
            row = [kind]
            for b, b0 in zip([m.get(f"surplus/{inst}/hat/{kind}"), m.get(f"surplus/{inst}/corner/{kind}"),
                              m.get(f"mul_add/{inst}/{kind}")], base):
                row += [fmt_us(b["us"]), ratio(b["us"], b0["us"])] if b and b0 else ["-", "-"]
            print("| " + " | ".join(row) + " |")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
