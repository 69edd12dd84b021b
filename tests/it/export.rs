//! `actionplan export` and `validate --format gitlab`, through the real
//! binary: the CSV read back with a real CSV reader (the `csv` crate), the
//! calendar checked line by line against RFC 5545, the JSON against the
//! measures it must hold, and the exit codes of every way it can fail.
//! `tests/conformance/export_checks.py` adds Python's `icalendar` parser and
//! `jsonschema` against the published schema.

use std::path::Path;
use std::process::{Command, Output};

const UMEA: &str = "plans/umea-handlingsplan-mot-vald.yaml";
const TRICKY: &str = "tests/fixtures/export/tricky.yaml";
const TODAY: &str = "2018-09-01";

fn actionplan() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_actionplan"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env("NO_COLOR", "1").env_remove("SOURCE_DATE_EPOCH");
    cmd
}

fn run(args: &[&str]) -> Output {
    actionplan().args(args).output().expect("the binary runs")
}

/// The export's bytes, after checking it succeeded and said nothing.
fn export(plan: &str, format: &str, extra: &[&str]) -> Vec<u8> {
    let mut args = vec!["export", plan, "--format", format, "--today", TODAY];
    args.extend(extra);
    let out = run(&args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    out.stdout
}

fn json(plan: &str, extra: &[&str]) -> serde_json::Value {
    serde_json::from_slice(&export(plan, "json", extra)).expect("the export is JSON")
}

/// The measures' ids, from the JSON export (checked itself in
/// `json_holds_every_measure_with_its_days`), to compare the others with.
fn measures(data: &serde_json::Value, dated_only: bool) -> Vec<String> {
    data["measures"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| !dated_only || !m["deadline"]["date"].is_null())
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn json_holds_every_measure_with_its_days() {
    let data = json(UMEA, &[]);
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(UMEA)).unwrap();
    // Every measure of the plan, and nothing else.
    let in_file = text.matches("      - id: \"").count();
    assert_eq!(data["measures"].as_array().unwrap().len(), in_file);
    assert_eq!(data["format_version"], 1);
    assert_eq!(data["plan"]["case_number"], "KS-2018/00412");
    assert_eq!(data["plan"]["decision"]["date"], "2018-06-25");
    let m = &data["measures"][2];
    assert_eq!(m["id"], "1.3");
    assert_eq!(m["deadline"]["given"], "2019-12");
    assert_eq!(m["deadline"]["date"], "2019-12-31");
    assert_eq!(m["responsible"]["id"], "ifn");
    assert_eq!(m["responsible"]["name"], "Individ- och familjenämnden");
    for m in data["measures"].as_array().unwrap() {
        let date = &m["deadline"]["date"];
        assert!(
            date.is_null() || date.as_str().unwrap().len() == 10,
            "not an ISO day: {date}"
        );
    }
}

#[test]
fn csv_reads_back_with_a_csv_reader() {
    let bytes = export(UMEA, "csv", &[]);
    // The byte-order mark Excel needs to read UTF-8.
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    // The documented columns (docs/export.md), in order: renaming one breaks users' sheets.
    assert_eq!(
        headers,
        [
            "id",
            "title",
            "goal_id",
            "goal_title",
            "responsible_id",
            "responsible_name",
            "partner_ids",
            "partner_names",
            "start",
            "start_given",
            "deadline",
            "deadline_given",
            "status",
            "status_label",
            "cost",
            "indicator_ids",
            "description"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(
        rows.iter().map(|r| r[0].to_string()).collect::<Vec<_>>(),
        measures(&json(UMEA, &[]), false)
    );
    let names: Vec<&str> = rows.iter().map(|r| &r[5]).collect();
    assert!(names.contains(&"Individ- och familjenämnden"), "{names:?}");
    assert!(names.contains(&"Äldrenämnden"), "{names:?}");
    assert!(rows.iter().any(|r| r[3].contains("människohandel i Umeå")));
    assert!(rows.iter().all(|r| r[10].is_empty() || r[10].len() == 10));
}

#[test]
fn csv_keeps_separators_quotes_and_line_breaks_of_the_plan() {
    let bytes = export(TRICKY, "csv", &[]);
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        &rows[0][3],
        "Mål med komma, semikolon; och citat \"så här\""
    );
    assert_eq!(&rows[0][5], "Social-, omsorgs- och äldrenämnden");
    assert_eq!(
        &rows[0][16],
        "Första stycket, med \"citat\".\r\n\r\nAndra stycket; med \\ och en rad till."
    );
    assert_eq!((&rows[0][10], &rows[0][11]), ("2025-02-28", "2025-02"));
    // A title that a spreadsheet would run as a formula stays text.
    assert_eq!(&rows[1][1], "'=1+1");
    assert_eq!((&rows[1][10], &rows[1][11]), ("", "ongoing"));
}

/// The calendar's content lines, unfolded, after checking every physical
/// line: CRLF, at most 75 octets, valid UTF-8 (a character never split).
fn ics_lines(bytes: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    assert!(text.ends_with("\r\n"));
    for line in text.split_terminator("\r\n") {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line break in {line:?}"
        );
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    text.replace("\r\n ", "")
        .split_terminator("\r\n")
        .map(String::from)
        .collect()
}

fn property<'a>(lines: &'a [String], name: &str) -> Vec<&'a str> {
    lines.iter().filter_map(|l| l.strip_prefix(name)).collect()
}

#[test]
fn ics_has_one_all_day_event_per_dated_deadline_with_stable_uids() {
    let first = export(UMEA, "ics", &[]);
    let second = export(UMEA, "ics", &[]);
    assert_eq!(first, second, "two runs, the same bytes");
    let lines = ics_lines(&first);
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    let dated = measures(&json(UMEA, &[]), true);
    assert!(
        dated.len() < measures(&json(UMEA, &[]), false).len(),
        "the plan has ongoing measures"
    );
    let uids = property(&lines, "UID:");
    assert_eq!(uids.len(), dated.len());
    let mut unique = uids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), uids.len(), "UIDs are unique");
    for (uid, id) in uids.iter().zip(&dated) {
        assert!(uid.starts_with(&format!("measure-{id}-")), "{uid} for {id}");
    }
    let starts = property(&lines, "DTSTART;VALUE=DATE:");
    assert_eq!(starts.len(), dated.len());
    assert!(
        starts
            .iter()
            .all(|d| d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()))
    );
    assert!(
        lines
            .iter()
            .filter(|l| l.starts_with("DTSTART"))
            .all(|l| l.starts_with("DTSTART;VALUE=DATE:"))
    );
    // A measure due "2019-12" is due on its last day.
    assert!(lines.contains(&"DTSTART;VALUE=DATE:20191231".to_string()));
    assert!(property(&lines, "SUMMARY:").contains(&"1.1 Inrätta en KAST-mottagning (IFN)"));
    assert_eq!(
        property(&lines, "DTSTAMP:")[0],
        "20180625T000000Z",
        "the decision date"
    );
}

#[test]
fn ics_stamp_follows_source_date_epoch() {
    let out = actionplan()
        .args(["export", UMEA, "-f", "ics"])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    let lines = ics_lines(&out.stdout);
    assert!(
        property(&lines, "DTSTAMP:")
            .iter()
            .all(|s| *s == "20231114T221320Z")
    );
}

/// Issue 24 #13: a new version of the plan that moves a deadline must reach
/// a calendar that imports the file again as a newer copy of each event
/// (same UID, higher SEQUENCE, later DTSTAMP), without reading the clock.
#[test]
fn a_new_version_of_the_plan_gives_newer_events() {
    let old = ics_lines(&export(UMEA, "ics", &[]));
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(UMEA)).unwrap();
    let moved = text.replacen("deadline: 2019-06-30", "deadline: 2019-09-30", 1)
        + "  - version: \"1.1\"\n    date: 2019-03-01\n    note: Ny tidsplan för 1.1.\n";
    let plan = dir.path().join("umea.yaml");
    std::fs::write(&plan, moved).unwrap();
    let new = ics_lines(&export(plan.to_str().unwrap(), "ics", &[]));
    assert_eq!(
        property(&old, "UID:"),
        property(&new, "UID:"),
        "the same events"
    );
    assert!(new.contains(&"DTSTART;VALUE=DATE:20190930".to_string()));
    // Three revisions, the last on the decision day; then a fourth.
    let count = property(&old, "UID:").len();
    assert_eq!(property(&old, "SEQUENCE:"), vec!["3"; count]);
    assert_eq!(property(&new, "SEQUENCE:"), vec!["4"; count]);
    assert_eq!(
        property(&old, "LAST-MODIFIED:"),
        vec!["20180625T000000Z"; count]
    );
    assert_eq!(
        property(&new, "LAST-MODIFIED:"),
        vec!["20190301T000000Z"; count]
    );
    assert_eq!(property(&new, "DTSTAMP:"), vec!["20190301T000000Z"; count]);
    // Still the same bytes from one run to the next.
    assert_eq!(
        export(plan.to_str().unwrap(), "ics", &[]),
        export(plan.to_str().unwrap(), "ics", &[])
    );
}

/// Issue 24 #13: a committee that subscribes to the whole plan's calendar
/// and its own must be able to tell the two apart.
#[test]
fn a_body_calendar_is_named_after_the_body() {
    let whole = ics_lines(&export(UMEA, "ics", &[]));
    let police = ics_lines(&export(UMEA, "ics", &["--body", "polisen"]));
    assert_eq!(
        property(&whole, "X-WR-CALNAME:"),
        ["Handlingsplan mot våld – Umeå kommun"]
    );
    assert_eq!(
        property(&police, "X-WR-CALNAME:"),
        ["Polisen: Handlingsplan mot våld – Umeå kommun"]
    );
}

#[test]
fn ics_escapes_text_and_folds_long_lines() {
    let bytes = export(TRICKY, "ics", &[]);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains("\r\n "), "a long SUMMARY is folded");
    let lines = ics_lines(&bytes);
    assert!(lines.contains(&"CATEGORIES:Social-\\, omsorgs- och äldrenämnden".to_string()));
    assert!(lines.contains(
        &"X-WR-CALNAME:Plan\\, med\\; \"citat\" och \\\\ snedstreck – Åre kommun".to_string()
    ));
    assert!(lines.iter().any(|l| l.starts_with(
        "DESCRIPTION:Mål M1: Mål med komma\\, semikolon\\; och citat \"så här\"\\nStatus: Planerad"
    )));
    assert_eq!(property(&lines, "STATUS:"), ["CANCELLED"]);
}

#[test]
fn body_keeps_its_own_and_its_partner_measures() {
    let all = json(UMEA, &[]);
    for body in ["polisen", "ifn", "kf"] {
        let expected: Vec<String> = all["measures"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| {
                m["responsible"]["id"] == body
                    || m["partners"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|p| p["id"] == body)
            })
            .filter(|m| !m["deadline"]["date"].is_null())
            .map(|m| m["id"].as_str().unwrap().to_string())
            .collect();
        let lines = ics_lines(&export(UMEA, "ics", &["--body", body]));
        let got: Vec<String> = property(&lines, "UID:measure-")
            .iter()
            .map(|u| u.rsplit_once('-').unwrap().0.to_string())
            .collect();
        assert_eq!(got, expected, "--body {body}");
        let csv_rows = export(UMEA, "csv", &["--body", body]);
        let rows = csv::Reader::from_reader(&csv_rows[3..]).records().count();
        assert_eq!(rows, measures(&json(UMEA, &["--body", body]), false).len());
    }
    // Polisen is responsible for some and a partner in others.
    assert!(measures(&json(UMEA, &["--body", "polisen"]), false).len() > 1);
}

#[test]
fn an_unknown_body_is_a_usage_error_that_lists_the_bodies() {
    let out = run(&["export", UMEA, "-f", "ics", "--body", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--body nope"), "{stderr}");
    assert!(
        stderr.contains("ifn (Individ- och familjenämnden)"),
        "{stderr}"
    );
    assert!(stderr.contains("kf (Kommunfullmäktige)"), "{stderr}");
}

#[test]
fn an_invalid_plan_exits_1_with_its_diagnostics_and_exports_nothing() {
    let out = run(&[
        "export",
        "tests/fixtures/invalid/E107-unknown-body.yaml",
        "-f",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("[E107]"), "{stderr}");
    assert!(
        stderr.contains("tests/fixtures/invalid/E107-unknown-body.yaml:"),
        "{stderr}"
    );
    assert!(stderr.contains("not exported"), "{stderr}");
}

#[test]
fn usage_and_io_problems_exit_2() {
    for args in [
        &["export", "plans/missing.yaml", "-f", "json"][..],
        &["export", UMEA, "-f", "xlsx"],
        &["export", UMEA],
        // A folder that cannot be made: its parent is a file.
        &["export", UMEA, "-f", "csv", "-o", "README.md/x.csv"],
    ] {
        let out = run(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn output_file_is_written_whole_and_left_alone_on_failure() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new-folder").join("plan.ics");
    let target_s = target.to_str().unwrap();
    let out = run(&[
        "export", UMEA, "-f", "ics", "--today", TODAY, "-o", target_s,
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read(&target).unwrap(), export(UMEA, "ics", &[]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrote "));
    // An invalid plan leaves the previous export as it was.
    let invalid = run(&[
        "export",
        "tests/fixtures/invalid/E107-unknown-body.yaml",
        "-f",
        "ics",
        "-o",
        target_s,
    ]);
    assert_eq!(invalid.status.code(), Some(1));
    assert_eq!(std::fs::read(&target).unwrap(), export(UMEA, "ics", &[]));
    let names: Vec<_> = std::fs::read_dir(dir.path().join("new-folder"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["plan.ics"], "no temporary file is left");
}

#[test]
fn every_export_is_deterministic() {
    for format in ["json", "csv", "ics"] {
        for plan in [UMEA, "plans/example-en.yaml", TRICKY] {
            assert_eq!(
                export(plan, format, &[]),
                export(plan, format, &[]),
                "{format} {plan}"
            );
        }
    }
}

#[test]
fn the_published_export_schema_is_up_to_date() {
    let out = run(&["schema", "--export"]);
    assert_eq!(out.status.code(), Some(0));
    let committed =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/export.schema.json"))
            .unwrap();
    assert!(
        out.stdout == committed,
        "docs/export.schema.json is stale: run `cargo run -- schema --export > docs/export.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["properties"]["format_version"]["const"], 1);
}

#[test]
fn gitlab_report_is_a_code_quality_array_with_stable_fingerprints() {
    let args = [
        "validate",
        "--today",
        "2019-09-01",
        "--format",
        "gitlab",
        "tests/fixtures/invalid/E107-unknown-body.yaml",
        "plans/",
    ];
    let first = run(&args);
    assert_eq!(first.status.code(), Some(1));
    assert_eq!(
        first.stdout,
        run(&args).stdout,
        "fingerprints are stable across runs"
    );
    let issues: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    let issues = issues.as_array().expect("a JSON array");
    assert!(issues.iter().any(|i| i["check_name"] == "E107"));
    for issue in issues {
        assert!(issue["description"].as_str().is_some_and(|d| !d.is_empty()));
        assert!(issue["fingerprint"].as_str().is_some_and(|f| !f.is_empty()));
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&issue["severity"].as_str().unwrap())
        );
        let path = issue["location"]["path"].as_str().unwrap();
        assert!(
            path == "tests/fixtures/invalid/E107-unknown-body.yaml" || path.starts_with("plans/"),
            "{path}: the path as given, relative to the repository"
        );
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
    // A valid plan adds nothing: an empty array is a clean report.
    let clean = run(&["validate", "--today", TODAY, "--format", "gitlab", UMEA]);
    assert_eq!(clean.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&clean.stdout).trim(), "[]");
}

#[test]
fn warnings_are_counted_not_listed_and_do_not_stop_the_export() {
    let out = run(&["export", UMEA, "-f", "json", "--today", "2030-01-01"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warnings in plans/umea-handlingsplan-mot-vald.yaml"),
        "{stderr}"
    );
    assert!(stderr.contains("actionplan validate"), "{stderr}");
    assert!(
        !stderr.contains("W202"),
        "warnings are listed by validate, not here: {stderr}"
    );
    assert_eq!(
        out.stdout,
        export(UMEA, "json", &[]),
        "the day does not change the export"
    );
}

/// A named pipe in `dir`, made with `mkfifo`.
#[cfg(unix)]
fn fifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn o_writes_through_a_named_pipe_and_never_replaces_it() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("plan.csv");
    fifo(&pipe);
    // The reader opens the pipe and waits for the export to write into it.
    let reader = {
        let pipe = pipe.clone();
        std::thread::spawn(move || std::fs::read(pipe).unwrap())
    };
    let out = run(&[
        "export",
        UMEA,
        "-f",
        "csv",
        "--today",
        TODAY,
        "-o",
        pipe.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Checked first: had the pipe been replaced, the reader would wait for ever.
    let kind = std::fs::symlink_metadata(&pipe).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe was replaced: {kind:?}");
    assert_eq!(reader.join().unwrap(), export(UMEA, "csv", &[]));
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file is left");
}

#[cfg(unix)]
#[test]
fn o_writes_through_a_device_node() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let null = dir.path().join("null");
    // A copy of /dev/null (major 1, minor 3 on Linux); only root may make one.
    let made = Command::new("mknod")
        .arg(&null)
        .args(["c", "1", "3"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !made {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "skipped: o_writes_through_a_device_node: mknod needs root"
        );
        return;
    }
    let out = run(&["export", UMEA, "-f", "json", "-o", null.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let kind = std::fs::symlink_metadata(&null).unwrap().file_type();
    assert!(kind.is_char_device(), "the device was replaced: {kind:?}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[cfg(target_os = "linux")]
#[test]
fn o_to_our_own_stdout_writes_to_stdout() {
    // /dev/stdout is a link to this; /proc cannot be renamed into even by
    // root, so the old rename failed here instead of replacing anything.
    let out = run(&[
        "export",
        UMEA,
        "-f",
        "ics",
        "--today",
        TODAY,
        "-o",
        "/proc/self/fd/1",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.stdout, export(UMEA, "ics", &[]));
}

#[cfg(unix)]
#[test]
fn o_refuses_a_symbolic_link_and_leaves_it_and_its_target_alone() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("elsewhere.csv");
    std::fs::write(&target, "the previous export").unwrap();
    let link = dir.path().join("plan.csv");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let dangling = dir.path().join("dangling.csv");
    std::os::unix::fs::symlink(dir.path().join("missing.csv"), &dangling).unwrap();
    for (path, why) in [
        (&link, "it is a symbolic link"),
        (&dangling, "a symbolic link to nothing"),
    ] {
        let out = run(&["export", UMEA, "-f", "csv", "-o", path.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(why), "{stderr}");
        assert!(std::fs::symlink_metadata(path).unwrap().is_symlink());
    }
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "the previous export"
    );
    assert!(!dir.path().join("missing.csv").exists());
}

#[test]
fn o_never_replaces_the_plan_itself_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("p.yaml");
    let text = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(UMEA)).unwrap();
    std::fs::write(&plan, &text).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let hard_link = dir.path().join("same.json");
    std::fs::hard_link(&plan, &hard_link).unwrap();
    let other_name = dir.path().join("sub/../p.yaml");
    for output in [&plan, &other_name, &hard_link] {
        let out = run(&[
            "export",
            plan.to_str().unwrap(),
            "-f",
            "json",
            "-o",
            output.to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{output:?}: {stderr}");
        assert!(
            stderr.contains("is the plan") && stderr.contains("would replace the plan"),
            "{stderr}"
        );
        assert_eq!(std::fs::read(&plan).unwrap(), text, "the plan was replaced");
    }
}

/// Issue 24 #16: a file where the output's folder must be is named, in
/// words, instead of the system's "File exists (os error 17)".
#[test]
fn a_file_in_the_way_of_the_output_folder_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file.yaml");
    std::fs::write(&file, "not a folder").unwrap();
    for target in [file.join("x.csv"), file.join("sub").join("x.csv")] {
        let out = run(&["export", UMEA, "-f", "csv", "-o", target.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains(&format!("{} is a file, not a folder", file.display())),
            "{stderr}"
        );
        assert!(!stderr.contains("os error"), "{stderr}");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a folder");
}
