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

dates = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def refused(data, where, value):
    """Whether the schema refuses `data` with `value` put at the path `where`."""
    data = json.loads(json.dumps(data))
    node = data
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    return any(True for _ in dates.iter_errors(data))


for plan in PLANS:
    data = json.loads(export(plan, "json"))
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in dates.iter_errors(data)]
    check(not errors, f"{plan}: the JSON does not match its schema: {errors[:3]}")
    # Every date field is a date: a month or day that cannot exist is refused
    # (by the pattern alone, and by `format: date` where formats are checked).
    for where in [("plan", "period", "from"), ("plan", "period", "to"), ("measures", 0, "deadline", "date"), ("revisions", 0, "date")]:
        if len(data["revisions"]) == 0 and where[0] == "revisions":
            continue
        for bad in ["2019-13-45", "2019-12-32", "2019-1-5", "31/12/2019", "2019-12-31T00:00:00Z"]:
            check(refused(data, where, bad), f"{plan}: the schema takes {bad!r} at {'/'.join(map(str, where))}")
        check(not refused(data, where, "2019-12-31"), f"{plan}: the schema refuses a real day at {where}")
    check(refused(data, ("plan", "period", "from"), "2019-02-30"), f"{plan}: format: date takes 2019-02-30")
    invalid = json.loads(json.dumps(data))
    invalid["plan"]["period"]["from"] = "2019-13-45"
    check(any(True for _ in validator.iter_errors(invalid)), f"{plan}: the pattern alone takes 2019-13-45")
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
    # What tells a calendar that re-imports the file which copy is newer.
    revisions = len(data["revisions"])
    for e in events:
        if "SEQUENCE" not in e or "LAST-MODIFIED" not in e:
            check(False, f"{plan}: an event without SEQUENCE or LAST-MODIFIED")
            break
        check(int(e["SEQUENCE"]) == revisions, f"{plan}: SEQUENCE {e.get('SEQUENCE')} != {revisions} revisions")
        check(e["LAST-MODIFIED"].dt.tzinfo is not None, f"{plan}: LAST-MODIFIED is not in UTC")
        check(e["DTSTAMP"].dt >= e["LAST-MODIFIED"].dt, f"{plan}: DTSTAMP before LAST-MODIFIED")
    name = str(cal["X-WR-CALNAME"])
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
        own = icalendar.Calendar.from_ical(export(plan, "ics", "--body", body))
        body_name = next(b["name"] for b in data["bodies"] if b["id"] == body)
        # X-WR-CALNAME is not RFC 5545's, so icalendar leaves its escapes in.
        escaped = icalendar.vText(body_name).to_ical().decode()
        check(
            str(own["X-WR-CALNAME"]) == f"{escaped}: {name}",
            f"{plan} --body {body}: calendar name {str(own['X-WR-CALNAME'])!r}",
        )
        got = own.walk("VEVENT")
        ids = [str(e["UID"]).removeprefix("measure-").rsplit("-", 1)[0] for e in got]
        check(ids == mine, f"{plan} --body {body}: {ids} != {mine}")

failed = len(FAILURES)
print(f"export: {PASSED} passed, {failed} failed")
sys.exit(1 if failed else 0)
