#!/usr/bin/python3
"""validate.py SCHEMA_DIR NAME FILE...: validate each JSON FILE ("-" for
stdin) against SCHEMA_DIR/NAME.schema.json (which refers to
common.schema.json beside it), with Debian 12's python3-jsonschema.  Prints
"valid FILE" or "invalid FILE" and its errors with their paths; exits 0 when every file is valid, 1 when one is
not, 2 when a schema itself is not a valid JSON Schema.  NAME "-" checks
the schemas only."""
import json
import os
import sys

import jsonschema


def main():
    schema_dir, name, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    store = {}
    for fn in sorted(os.listdir(schema_dir)):
        if fn.endswith(".schema.json"):
            with open(os.path.join(schema_dir, fn)) as f:
                s = json.load(f)
            try:
                jsonschema.Draft202012Validator.check_schema(s)
            except jsonschema.SchemaError as e:
                print(f"{fn}: not a valid schema: {e.message}")
                return 2
            store[s["$id"]] = s
            store[fn] = s
    if name == "-":
        return 0
    schema = store[name + ".schema.json"]
    resolver = jsonschema.RefResolver(schema["$id"], schema, store=store)
    validator = jsonschema.Draft202012Validator(schema, resolver=resolver)
    # One line per file, "valid FILE" or "invalid FILE", then its errors
    # indented: the shell test makes a TAP point of each.
    bad = 0
    for fn in files:
        with (sys.stdin if fn == "-" else open(fn)) as f:
            doc = json.load(f)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        print(("invalid " if errors else "valid ") + fn)
        for err in errors[:10]:
            where = "/".join(str(p) for p in err.path)
            print(f"  {name}: at /{where}: {err.message[:300]}")
        bad += bool(errors)
    return 1 if bad else 0


sys.exit(main())
