//! Runs the real binary on fixtures and checks what it prints and its exit code.
//!
//! Every `tests/fixtures/invalid/<case>.yaml` is validated and its human
//! output recorded as a snapshot in `tests/it/snapshots/`; adding a check means
//! adding a fixture. Regenerate with `INSTA_UPDATE=always cargo test` (or
//! `cargo insta review`), then read the diff.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TODAY: &str = "2019-09-01";

fn actionplan() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_actionplan"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env("NO_COLOR", "1");
    cmd
}

fn run(args: &[&str]) -> Output {
    actionplan().args(args).output().expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_invalid_fixture_reports_its_code_with_a_position() {
    let cases = fixtures("invalid");
    assert!(
        cases.len() >= 30,
        "the corpus is smaller than expected: {}",
        cases.len()
    );
    // Every fixture is checked, and every failure kept: one run shows all
    // that changed, then the test fails once.
    let mut failures: Vec<String> = Vec::new();
    for path in cases {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let relative = format!("tests/fixtures/invalid/{name}.yaml");
        let out = run(&["validate", "--today", TODAY, &relative]);
        let stderr = text(&out.stderr);
        let mut fail = |why: String| failures.push(format!("{name}: {why}"));
        // A fixture named after a code must produce that code.
        let code = name.split('-').next().unwrap();
        if code.len() == 4 && (code.starts_with('E') || code.starts_with('W')) {
            if !stderr.contains(&format!("[{code}]")) {
                fail(format!("expected {code} in\n{stderr}"));
            }
            let expected_exit = if code.starts_with('E') { 1 } else { 0 };
            if out.status.code() != Some(expected_exit) {
                fail(format!(
                    "exit {:?}, expected {expected_exit}\n{stderr}",
                    out.status.code()
                ));
            }
            if !stderr.contains(&format!("{relative}:")) {
                fail(format!("no path:line:column in\n{stderr}"));
            }
        }
        // insta panics on a mismatch, after printing the diff: catch it and
        // go on to the next fixture.
        let snapshot = std::panic::catch_unwind(|| {
            insta::assert_snapshot!(format!("invalid__{name}"), stderr);
        });
        if snapshot.is_err() {
            failures.push(format!("{name}: the snapshot differs (its diff is above)"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failure(s) among the invalid fixtures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let plan = "tests/fixtures/invalid/W204-unused-body.yaml";
    assert_eq!(
        run(&["validate", "--today", TODAY, plan]).status.code(),
        Some(0)
    );
    let out = run(&["validate", "--today", TODAY, "--deny-warnings", plan]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("1 warning in"));
}

#[test]
fn example_plans_are_valid_without_warnings() {
    for (plan, today) in [
        ("plans/umea-handlingsplan-mot-vald.yaml", "2018-09-01"),
        ("plans/example-en.yaml", "2025-03-01"),
    ] {
        let out = run(&["validate", "--deny-warnings", "--today", today, plan]);
        assert_eq!(out.status.code(), Some(0), "{plan}:\n{}", text(&out.stderr));
        assert_eq!(text(&out.stderr), format!("ok: {plan} is valid\n"));
    }
}

#[test]
fn a_folder_validates_every_plan_in_it() {
    let out = run(&[
        "validate",
        "--today",
        "2018-09-01",
        "--format",
        "json",
        "plans",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "plans/example-en.yaml",
            "plans/umea-handlingsplan-mot-vald.yaml"
        ]
    );
}

#[test]
fn json_format_has_positions_and_codes() {
    let out = run(&[
        "validate",
        "--today",
        TODAY,
        "--format",
        "json",
        "tests/fixtures/invalid/many-errors-at-once.yaml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let file = &json["files"][0];
    assert_eq!(file["valid"], false);
    assert_eq!(file["errors"], 3);
    let first = &file["diagnostics"][0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["code"], "E102");
    assert_eq!(first["line"], 5);
    assert_eq!(first["column"], 11);
    assert_eq!(first["end_line"], 5);
    assert_eq!(first["end_column"], 18);
    assert!(first["help"].as_str().unwrap().contains("`adopted`"));
    let codes: Vec<&str> = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["E102", "W204", "E107", "E104"]);
}

#[test]
fn github_format_annotates_lines() {
    let out = run(&[
        "validate",
        "--today",
        TODAY,
        "--format",
        "github",
        "tests/fixtures/invalid/E107-unknown-body.yaml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("::error file=tests/fixtures/invalid/E107-unknown-body.yaml,line=18,col=22,endLine=18,endColumn=25,title=E107 reference to an undeclared body::no body with id `ifm` is declared%0Ahelp: did you mean `ifn`?"),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .all(|l| l.starts_with("::error ") || l.starts_with("::warning ")),
        "{stdout}"
    );
}

#[test]
fn io_and_usage_errors_exit_2() {
    let out = run(&["validate", "no/such/plan.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("cannot read no/such/plan.yaml"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&["validate", "--today", "2019-02-30", "plans"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("day 30 does not exist"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&["validate", "--format", "xml", "plans"]);
    assert_eq!(out.status.code(), Some(2));
    let empty = tempfile::tempdir().unwrap();
    let out = run(&["validate", empty.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no plan files"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    let line = "# padding padding padding padding padding padding padding padding\n";
    let big: String = line.repeat(50 * 1024 * 1024 / line.len());
    std::fs::write(&path, big).unwrap();
    let out = run(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("[E006]") && stderr.contains("larger than 10 MiB"),
        "{stderr}"
    );
}

#[test]
fn new_writes_a_valid_starter_and_never_overwrites() {
    for language in ["sv", "en"] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.yaml");
        let path = path.to_str().unwrap();
        let out = run(&["new", "--language", language, path]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let written = std::fs::read_to_string(path).unwrap();
        assert!(written.contains(&format!("language: {language}")));
        let out = run(&["validate", "--deny-warnings", path]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

        std::fs::write(path, "mine").unwrap();
        let out = run(&["new", path]);
        assert_eq!(out.status.code(), Some(2));
        assert!(text(&out.stderr).contains("already exists"));
        assert_eq!(std::fs::read_to_string(path).unwrap(), "mine");
    }
}

#[test]
fn committed_schema_matches_the_generated_one() {
    let out = run(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let committed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/actionplan.schema.json"),
    )
    .unwrap();
    assert!(
        text(&out.stdout) == committed,
        "plans/actionplan.schema.json is stale: run `cargo run -- schema > plans/actionplan.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&committed).unwrap();
    assert_eq!(
        schema["required"],
        serde_json::json!(["actionplan", "plan", "bodies", "goals"])
    );
    let plan_props = &schema["$defs"]["PlanMeta"]["properties"];
    assert_eq!(plan_props["status"]["$ref"], "#/$defs/PlanStatus");
    assert_eq!(
        schema["$defs"]["PlanStatus"]["enum"],
        serde_json::json!(["draft", "proposal", "adopted", "revoked"])
    );
    assert!(
        plan_props["title"]["description"]
            .as_str()
            .unwrap()
            .contains("Handlingsplan")
    );
}

#[test]
fn example_plans_reference_the_schema() {
    for plan in [
        "plans/umea-handlingsplan-mot-vald.yaml",
        "plans/example-en.yaml",
    ] {
        let text =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(plan)).unwrap();
        assert!(
            text.starts_with("# yaml-language-server: $schema=actionplan.schema.json\n"),
            "{plan}"
        );
    }
}

#[test]
fn the_readme_example_is_a_valid_plan() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("```yaml\n# yaml-language-server")
        .expect("the README has the plan example")
        + "```yaml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("readme.yaml");
    std::fs::write(&path, &readme[start..end]).unwrap();
    let out = run(&[
        "validate",
        "--deny-warnings",
        "--today",
        "2018-09-01",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// Issue 24 #11: a plan's file name is the author's, not ours. Printed raw,
/// a name with a line break puts a line of its own in a CI log (a GitHub
/// annotation, `::error …`) and an escape sequence rewrites the terminal.
/// Every name the human output prints is escaped, and no line starts with one.
#[test]
fn crafted_file_names_reach_the_terminal_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let invalid = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid/E107-unknown-body.yaml"),
    )
    .unwrap();
    let valid =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/example-en.yaml")).unwrap();
    let injected = "x\n::error file=README.md,line=1::INJECTED\n.yaml";
    let coloured = "\u{1b}]0;owned\u{7}\u{1b}[2Jy.yaml";
    let bare = "::error file=README.md,line=1::BARE.yaml";
    std::fs::write(dir.path().join(injected), &invalid).unwrap();
    std::fs::write(dir.path().join(coloured), &valid).unwrap();
    std::fs::write(dir.path().join(bare), &valid).unwrap();
    // By name, so the summary of a valid plan and the snippet of an invalid
    // one are both printed; and through the folder walk, as CI would.
    for args in [
        vec![
            "validate".to_string(),
            dir.path().join(injected).display().to_string(),
            dir.path().join(coloured).display().to_string(),
        ],
        vec!["validate".into(), dir.path().display().to_string()],
    ] {
        let out = actionplan()
            .args(&args)
            .args(["--today", "2025-03-01"])
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            !stderr.contains('\u{1b}'),
            "an escape reached stderr: {stderr:?}"
        );
        assert!(
            !stderr.contains('\u{7}'),
            "a bell reached stderr: {stderr:?}"
        );
        for line in stderr.lines() {
            assert!(
                !line.trim_start().starts_with("::"),
                "a line starts with a workflow command: {line:?}"
            );
        }
        assert!(
            stderr.contains("x\\n::error file=README.md,line=1::INJECTED\\n.yaml"),
            "{stderr}"
        );
        assert!(
            stderr.contains("\\u{1b}]0;owned\\u{7}\\u{1b}[2Jy.yaml is valid"),
            "{stderr}"
        );
    }
    // A name without control characters is printed as it is, never at a line's start.
    let out = run(&[
        "validate",
        &dir.path().join(bare).display().to_string(),
        "--today",
        "2025-03-01",
    ]);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("BARE.yaml is valid"), "{stderr}");
    assert!(
        stderr.lines().all(|l| !l.trim_start().starts_with("::")),
        "{stderr}"
    );
    // `export -o` names the file it wrote the same way.
    let target = dir.path().join("out\u{1b}[31m.csv");
    let out = run(&[
        "export",
        "plans/example-en.yaml",
        "--format",
        "csv",
        "-o",
        &target.display().to_string(),
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("out\\u{1b}[31m.csv"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}

/// Issue 24 #15: `explain CODE` prints the code's entry of
/// docs/diagnostics.md from the copy built into the binary.
#[test]
fn explain_prints_a_codes_entry_and_refuses_an_unknown_code() {
    let out = run(&["explain", "E107"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let entry = text(&out.stdout);
    assert!(
        entry.starts_with("E107: reference to an undeclared body\n"),
        "{entry}"
    );
    assert!(
        entry.contains("(`owner`, `decision.body`, `responsible`"),
        "{entry}"
    );
    assert!(
        entry.contains("Checked while: Checking the plan"),
        "{entry}"
    );
    assert!(entry.contains("the plan is invalid"), "{entry}");
    assert!(!entry.contains("<a id"), "{entry}");
    // Outside the repository too: the text is in the binary.
    let dir = tempfile::tempdir().unwrap();
    let out = actionplan()
        .current_dir(dir.path())
        .args(["explain", "w208"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("W208: text contains control characters\n"));
    assert!(text(&out.stdout).contains("A warning"));

    let out = run(&["explain", "E999"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("`E999` is not a diagnostic code"),
        "{stderr}"
    );
    assert!(
        stderr.contains("E001, E002,") && stderr.contains("E401"),
        "{stderr}"
    );

    let out = run(&["explain", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    assert!(
        help.contains("Explain a diagnostic code") && help.contains("<CODE>"),
        "{help}"
    );
    let out = run(&["--help"]);
    assert!(
        text(&out.stdout).contains("explain"),
        "listed in the commands"
    );
}

/// Issue 24 #16: `site --out` naming an existing file says so in words.
#[test]
fn site_out_naming_a_file_says_it_is_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("public");
    std::fs::write(&file, "mine").unwrap();
    let out = run(&[
        "site",
        "plans",
        "--today",
        "2018-09-01",
        "--out",
        file.to_str().unwrap(),
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("{} is a file, not a folder", file.display())),
        "{stderr}"
    );
    assert!(!stderr.contains("os error 17"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
}
