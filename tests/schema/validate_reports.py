#!/usr/bin/env python3
"""Validates mechcheck JSON reports against docs/report.schema.json (CTest `report_schema`).

    validate_reports.py SCHEMA REPORT...

Each REPORT must be valid. Then, from the first report, seeded defects that the schema must reject
(a number written as text, a machine key with a space, a missing schema version, ...): a schema that
accepts one of them fails the test, so the test can fail.
"""
import copy
import json
import sys

import jsonschema


def errors_of(validator, report):
    return sorted(validator.iter_errors(report), key=lambda e: list(e.absolute_path))


def first_result_with(report, section):
    for result in report["results"]:
        values = result.get(section) or {}
        if values:
            return result
    return None


def seeded_defects(report):
    """(what, broken copy) pairs; each must be invalid."""
    out = []

    def broken(what, change):
        copy_ = copy.deepcopy(report)
        if change(copy_) is not False:
            out.append((what, copy_))

    broken("schema_version missing", lambda r: r.pop("schema_version"))
    broken("an unknown top-level key", lambda r: r.__setitem__("extra", 1))
    broken("a date without its zone", lambda r: r.__setitem__("date", r["date"].rstrip("Z")))
    if report["command"] != "probe":
        broken("seconds as text", lambda r: r["results"][0].__setitem__("seconds", "0.5"))
        broken("an unknown verdict", lambda r: r["results"][0].__setitem__("verdict", "maybe"))

        def add_value(r, key, value):
            r["results"][0]["values"][key] = value

        broken("a key with a space", lambda r: add_value(r, "bad key", {"label": "x", "type": "text", "value": "x"}))
        broken("a count as text", lambda r: add_value(r, "n", {"label": "n", "type": "count", "value": "3"}))
        broken("a rational as a JSON float", lambda r: add_value(r, "q", {"label": "q", "type": "rational",
                                                                          "value": 0.5, "decimal": "0.5"}))
        broken("a rational in e-notation", lambda r: add_value(r, "q", {"label": "q", "type": "rational",
                                                                        "value": "5e-1", "decimal": "0.5"}))
        broken("an algebraic number without its polynomial",
               lambda r: add_value(r, "a", {"label": "a", "type": "algebraic", "interval": ["1", "2"],
                                            "decimal": "1.4..."}))
        broken("a decimal that is not digits", lambda r: add_value(r, "q", {"label": "q", "type": "rational",
                                                                            "value": "1/3", "decimal": "~0.33"}))
    return out


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1]) as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failed = False
    reports = []
    for path in argv[2:]:
        with open(path) as f:
            report = json.load(f)
        reports.append(report)
        errors = errors_of(validator, report)
        for e in errors[:10]:
            print(f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}", file=sys.stderr)
        if errors:
            failed = True
        else:
            print(f"{path}: valid ({report['command']}, {len(report['results'])} results)")
    for report in reports:
        for what, broken in seeded_defects(report):
            if not errors_of(validator, broken):
                print(f"the schema accepts a seeded defect: {what}", file=sys.stderr)
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
