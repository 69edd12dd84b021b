#!/usr/bin/env python3
"""The exports read by outside parsers: Python's `icalendar` (RFC 5545),
`jsonschema` (the published schema, Draft 2020-12) and `csv` (RFC 4180, with
the encoding Excel is told by the byte-order mark).

Usage: export_checks.py ACTIONPLAN_BINARY
"""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import icalendar
import jsonschema

BIN = sys.argv[1]
ROOT = Path(__file__).resolve().parents[2]
PLANS = ["plans/umea-handlingsplan-mot-vald.yaml", "plans/example-en.yaml", "tests/fixtures/export/tricky.yaml"]
FAILURES = []
PASSED = 0


def check(ok, what):
    global PASSED
    if ok:
        PASSED += 1
    else:
        FAILURES.append(what)
        print(f"FAIL: {what}", flush=True)


def export(plan, fmt, *extra):
    r = subprocess.run([BIN, "export", str(ROOT / plan), "--format", fmt, *extra], capture_output=True)
    check(r.returncode == 0, f"export {plan} {fmt} {extra}: {r.stderr.decode()}")
    return r.stdout


schema = json.loads(subprocess.run([BIN, "schema", "--export"], capture_output=True, check=True).stdout)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

for plan in PLANS:
    data = json.loads(export(plan, "json"))
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data)]
    check(not errors, f"{plan}: the JSON does not match its schema: {errors[:3]}")
    measures = data["measures"]
    dated = [m for m in measures if m["deadline"]["date"] is not None]

    # CSV: what Excel and LibreOffice read with the BOM's encoding.
    raw = export(plan, "csv")
    check(raw.startswith(b"\xef\xbb\xbf"), f"{plan}: the CSV has no byte-order mark")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    check([r["id"] for r in rows] == [m["id"] for m in measures], f"{plan}: CSV rows are not the measures")
    check(
        all(r["responsible_name"] == m["responsible"]["name"] for r, m in zip(rows, measures)),
        f"{plan}: CSV names differ from the JSON's",
    )

    # iCalendar: parsed by the icalendar library.
    cal = icalendar.Calendar.from_ical(export(plan, "ics"))
    events = cal.walk("VEVENT")
    check(len(events) == len(dated), f"{plan}: {len(events)} events for {len(dated)} dated deadlines")
    uids = [str(e["UID"]) for e in events]
    check(len(set(uids)) == len(uids), f"{plan}: UIDs repeat")
    again = [str(e["UID"]) for e in icalendar.Calendar.from_ical(export(plan, "ics")).walk("VEVENT")]
    check(uids == again, f"{plan}: UIDs differ between two runs")
    for e, m in zip(events, dated):
        start = e["DTSTART"]
        check(start.params.get("VALUE") == "DATE", f"{plan} {m['id']}: DTSTART without VALUE=DATE")
        check(start.dt.isoformat() == m["deadline"]["date"], f"{plan} {m['id']}: DTSTART {start.dt} != {m['deadline']['date']}")
        summary = str(e["SUMMARY"])
        check(summary.startswith(f"{m['id']} {m['title']} ("), f"{plan} {m['id']}: SUMMARY {summary!r}")
        cats = [str(c) for c in e["CATEGORIES"].cats]
        check(cats == [m["responsible"]["name"]], f"{plan} {m['id']}: CATEGORIES {cats}")
        check(f" {m['goal']}: " in str(e["DESCRIPTION"]), f"{plan} {m['id']}: DESCRIPTION lacks the goal")

    # --body: the body's own and its partner measures, nothing else.
    for body in [b["id"] for b in data["bodies"]]:
        mine = [
            m["id"]
            for m in dated
            if m["responsible"]["id"] == body or any(p["id"] == body for p in m["partners"])
        ]
        got = icalendar.Calendar.from_ical(export(plan, "ics", "--body", body)).walk("VEVENT")
        ids = [str(e["UID"]).removeprefix("measure-").rsplit("-", 1)[0] for e in got]
        check(ids == mine, f"{plan} --body {body}: {ids} != {mine}")

failed = len(FAILURES)
print(f"export: {PASSED} passed, {failed} failed")
sys.exit(1 if failed else 0)
