#!/usr/bin/python3
"""csv-matches-json.py RANK.JSON RANK.CSV: rank's CSV must hold the JSON's
task members, same names (nested objects flattened with "_"), same order,
same values (an empty field for null), row by row.  blast_radius and whatif
are the JSON's alone (man/oomrisk.1, JSON OUTPUT).  Prints what differs;
exit 0 when nothing does."""
import csv
import json
import sys

JSON_ONLY = {"blast_radius", "whatif"}
# The nested objects and their members, for the columns of a null object.
NESTED = {
    "breakdown": ["base_pages", "root_bonus", "adj_points", "clamped_to_one"],
    "container": ["runtime", "id", "name", "conmon", "pod"],
    "container_pod": ["uid", "qos", "namespace", "name"],
}


def flatten(prefix, obj, out):
    for key, val in obj.items():
        if key in JSON_ONLY and not prefix:
            continue
        name = prefix + key
        if isinstance(val, dict) or (val is None and name in NESTED):
            if val is None:
                val = {k: None for k in NESTED[name]}
            flatten(name + "_", val, out)
        else:
            out.append((name, val))


def text(val):
    if val is None:
        return ""
    if isinstance(val, bool):
        return "true" if val else "false"
    return str(val)


def main():
    doc = json.load(open(sys.argv[1]))
    rows = list(csv.reader(open(sys.argv[2], newline="")))
    bad = 0
    if len(rows) - 1 != len(doc["tasks"]):
        print(f"{len(rows) - 1} CSV rows, {len(doc['tasks'])} JSON tasks")
        return 1
    for n, task in enumerate(doc["tasks"]):
        cols = []
        flatten("", task, cols)
        names = [c[0] for c in cols]
        if names != rows[0]:
            print(f"task {n}: JSON members {names}\n   CSV header {rows[0]}")
            return 1
        for (name, val), field in zip(cols, rows[n + 1]):
            # Floats: the same double, however written.
            same = (float(field) == val if isinstance(val, float) and field
                    else text(val) == field)
            # Text is escaped for terminals in CSV (csv_field), raw in JSON.
            if not same and isinstance(val, str) and field.isprintable() and val.isprintable():
                bad += 1
                print(f"task {n} {name}: JSON {val!r}, CSV {field!r}")
            elif not same and not isinstance(val, str):
                bad += 1
                print(f"task {n} {name}: JSON {val!r}, CSV {field!r}")
    return 1 if bad else 0


sys.exit(main())
