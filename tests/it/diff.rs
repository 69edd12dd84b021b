//! `actionplan diff`: runs the real binary on pairs of plans and checks what
//! it prints.
//!
//! Every `tests/fixtures/diff/<case>/{old,new}.yaml` is compared and its JSON
//! recorded as a snapshot in `tests/it/snapshots/it__diff__<case>.snap`; adding a
//! case means adding a folder. Regenerate with `INSTA_UPDATE=always cargo test
//! --test diff`, then read the diff.

use crate::support::git as git_repo;
use crate::support::tools;
use git_repo::git;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const EXAMPLE_OLD: &str = "tests/fixtures/diff/umea-0.9.yaml";
const EXAMPLE_NEW: &str = "plans/umea-handlingsplan-mot-vald.yaml";

fn actionplan(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_actionplan"));
    cmd.current_dir(dir);
    cmd.env("NO_COLOR", "1");
    cmd
}

fn run(args: &[&str]) -> Output {
    let out = actionplan(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(args)
        .output();
    out.expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn case(name: &str) -> (String, String) {
    let dir = format!("tests/fixtures/diff/{name}");
    (format!("{dir}/old.yaml"), format!("{dir}/new.yaml"))
}

/// The JSON of a diff that must succeed.
fn json(old: &str, new: &str) -> Value {
    let out = run(&["diff", "--format", "json", old, new]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("the output is JSON")
}

fn changes(json: &Value) -> &Vec<Value> {
    json["changes"].as_array().expect("changes is a list")
}

#[test]
fn every_case_matches_its_golden_json() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff");
    let mut cases: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    assert!(cases.len() >= 5, "missing cases: {cases:?}");
    for name in cases {
        let (old, new) = case(&name);
        let out = run(&["diff", "--format", "json", &old, &new]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
        let value: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(value["old"]["path"], old.as_str());
        assert_eq!(value["new"]["path"], new.as_str());
        insta::assert_snapshot!(name, text(&out.stdout));
    }
}

#[test]
fn reformatting_alone_gives_an_empty_diff() {
    let (old, new) = case("reformat-only");
    assert_eq!(changes(&json(&old, &new)).len(), 0);
    let out = run(&["diff", "--exit-code", &old, &new]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout).lines().next(),
        Some("Inga ändringar från version 0.4 till version 0.4.")
    );
}

#[test]
fn every_kind_of_change_and_of_item_is_reported() {
    let (old, new) = case("every-kind");
    let json = json(&old, &new);
    let seen = |key: &str| -> Vec<String> {
        let mut v: Vec<String> = changes(&json)
            .iter()
            .map(|c| c[key].as_str().unwrap().to_string())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    assert_eq!(seen("kind"), ["added", "changed", "moved", "removed"]);
    assert_eq!(
        seen("item"),
        [
            "body",
            "follow_up",
            "goal",
            "indicator",
            "measure",
            "plan",
            "revision",
            "section"
        ]
    );
    let measure_fields: Vec<&str> = changes(&json)
        .iter()
        .filter(|c| c["item"] == "measure" && c["id"] == "1.1")
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        measure_fields,
        [
            "title",
            "description",
            "responsible",
            "partners",
            "start",
            "deadline",
            "status",
            "cost",
            "indicators"
        ]
    );
    let deadline = changes(&json)
        .iter()
        .find(|c| c["id"] == "1.1" && c["field"] == "deadline")
        .unwrap();
    assert_eq!(deadline["months"], 6);
    assert_eq!(
        deadline["summary"],
        "Deadline of measure 1.1 moved 6 months later, from 31 December 2024 to 30 June 2025."
    );
}

#[test]
fn markdown_tables_survive_user_text() {
    let (old, new) = case("every-kind");
    let out = run(&["diff", "--format", "markdown", &old, &new]);
    assert_eq!(out.status.code(), Some(0));
    let md = text(&out.stdout);
    assert!(
        md.contains(
            "| 1.3 | Title | Campaign in schools | Campaign in schools **\\| \\*phase 1\\*** |"
        ),
        "{md}"
    );
    for line in md.lines().filter(|l| l.starts_with('|')) {
        let cells = line.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 5, "a row with the wrong number of cells: {line}");
    }
    insta::assert_snapshot!("every-kind-markdown", md);
    let human = text(&run(&["diff", &old, &new]).stdout);
    insta::assert_snapshot!("every-kind-human", human);
}

#[test]
fn a_measure_moved_between_goals_is_one_move() {
    let (old, new) = case("measure-moved");
    let json = json(&old, &new);
    let moves: Vec<(&str, &str, &str, &str)> = changes(&json)
        .iter()
        .filter(|c| c["kind"] != "changed" || c["item"] != "plan")
        .map(|c| {
            assert_eq!(c["kind"], "moved", "{c}");
            assert_eq!(c["field"], "goal");
            let s = |k: &str| c[k].as_str().unwrap();
            (s("item"), s("id"), s("old"), s("new"))
        })
        .collect();
    assert_eq!(
        moves,
        [
            ("indicator", "I1.2", "M1", "M2"),
            ("measure", "1.2", "M1", "M2")
        ]
    );
}

#[test]
fn a_renamed_id_is_paired_only_when_the_title_is_the_same() {
    let (old, new) = case("id-renamed");
    let json = json(&old, &new);
    let pairs: Vec<(&str, &str, &Value)> = changes(&json)
        .iter()
        .filter(|c| c["item"] == "measure")
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap();
            (s("kind"), s("id"), &c["likely_rename"])
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("added", "2.2", &Value::from("1.2")),
            ("added", "1.4", &Value::Null),
            ("removed", "1.2", &Value::from("2.2")),
            ("removed", "1.3", &Value::Null),
        ]
    );
}

#[test]
fn a_renamed_body_changes_no_measure() {
    let (old, new) = case("body-renamed");
    let json = json(&old, &new);
    let fields: Vec<(&str, &str)> = changes(&json)
        .iter()
        .map(|c| (c["item"].as_str().unwrap(), c["field"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        [("plan", "version"), ("body", "name"), ("body", "short")]
    );
}

#[test]
fn a_report_in_both_versions_changes_field_by_field() {
    let (old, new) = case("report-changed");
    let json = json(&old, &new);
    let said: Vec<(&str, &str, &str)> = changes(&json)
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap_or("-");
            (s("kind"), s("id"), s("field"))
        })
        .collect();
    assert_eq!(
        said,
        [
            ("changed", "2020-02-25", "summary"),
            ("changed", "2020-02-25", "goals.M1.comment"),
            ("changed", "2020-02-25", "goals.M2.assessment"),
            ("changed", "2020-02-25", "goals.M3.comment"),
            ("changed", "2020-02-25", "goals.M4.assessment"),
            ("changed", "2020-02-25", "goals.M4.comment"),
            ("changed", "2020-02-25", "measures.1.1.comment"),
            ("changed", "2020-02-25", "measures.1.2.status"),
            ("changed", "2020-02-25", "measures.1.2.comment"),
            ("changed", "2020-02-25", "measures.2.1.status"),
            ("changed", "2020-02-25", "indicators.I1.1"),
            ("changed", "2020-02-25", "indicators.I1.2"),
            ("added", "2021-02-23", "-"),
            ("removed", "2019-02-26", "-"),
        ]
    );
    let all = changes(&json);
    assert!(all.iter().all(|c| c["item"] == "follow_up"));
    let summary = &all[0];
    assert_eq!(
        summary["words"][1],
        serde_json::json!({"op": "insert", "text": "och utbildningen "})
    );
    assert_eq!(
        summary["summary"],
        "Sammanfattning i uppföljningsrapport 2020-02-25 omformulerad."
    );
    let assessment = &all[2];
    assert_eq!(
        (&assessment["old"], &assessment["new"]),
        (&Value::from("at_risk"), &Value::from("off_track"))
    );
    assert_eq!(
        assessment["summary"],
        "Bedömningen av mål M2 i uppföljningsrapport 2020-02-25 ändrad från Risk för avvikelse \
         till Går inte enligt plan."
    );
    assert_eq!(
        all[4]["summary"],
        "Bedömningen av mål M4 i uppföljningsrapport 2020-02-25 borttagen (var Risk för avvikelse)."
    );
    assert_eq!(all[12]["new"], "2 åtgärder, 1 indikator, 2 mål bedömda");
    // The lines are the fields' own, in each file.
    assert_eq!(
        (&all[0]["old_line"], &all[0]["new_line"]),
        (&52.into(), &60.into())
    );
    assert_eq!(
        (&all[2]["old_line"], &all[2]["new_line"]),
        (&56.into(), &56.into())
    );
}

#[test]
fn the_readme_example_shows_real_changes() {
    let out = run(&["diff", "--format", "markdown", EXAMPLE_OLD, EXAMPLE_NEW]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    insta::assert_snapshot!("umea-markdown", text(&out.stdout));
    let out = run(&["diff", EXAMPLE_OLD, EXAMPLE_NEW]);
    let human = text(&out.stdout);
    for expected in [
        "Slutdatum för åtgärd 1.1 flyttat 6 månader senare",
        "Ansvarig för åtgärd 1.4 ändrad från KS till IFN.",
        "+ Åtgärd 2.6 under mål M2 tillagd",
        "- Åtgärd 3.6 (under mål M3) borttagen",
        "{+och med sex mot ersättning+}",
    ] {
        assert!(human.contains(expected), "{expected:?} not in\n{human}");
    }
    insta::assert_snapshot!("umea-human", human);
}

#[test]
fn exit_codes() {
    let changed = run(&["diff", "--exit-code", EXAMPLE_OLD, EXAMPLE_NEW]);
    assert_eq!(changed.status.code(), Some(1));
    assert!(!changed.stdout.is_empty());

    let invalid = "tests/fixtures/invalid/E107-unknown-body.yaml";
    let out = run(&["diff", EXAMPLE_OLD, invalid]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("error[E107]") && stderr.contains(&format!("{invalid}:18:22")),
        "{stderr}"
    );

    let out = run(&["diff", EXAMPLE_OLD, "no/such/plan.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no/such/plan.yaml"));

    let out = run(&["diff", "--format", "xml", EXAMPLE_OLD, EXAMPLE_NEW]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn diagnostics_follow_the_format() {
    let invalid = "tests/fixtures/invalid/E107-unknown-body.yaml";
    // JSON: the document `validate --format json` prints, on stdout; nothing on stderr.
    let out = run(&["diff", "--format", "json", EXAMPLE_OLD, invalid]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let json: Value = serde_json::from_slice(&out.stdout).expect("the output is JSON");
    let validate = run(&["validate", "--format", "json", invalid]);
    assert_eq!(validate.status.code(), Some(1));
    assert_eq!(
        json,
        serde_json::from_slice::<Value>(&validate.stdout).unwrap(),
        "the same document as validate's"
    );
    let files = json["files"].as_array().unwrap();
    assert_eq!(
        files.len(),
        1,
        "only the version that does not validate: {json}"
    );
    assert_eq!(files[0]["path"], invalid);
    assert_eq!(files[0]["valid"], false);
    let diagnostics = files[0]["diagnostics"].as_array().unwrap();
    let error = diagnostics
        .iter()
        .find(|d| d["severity"] == "error")
        .unwrap();
    assert_eq!(
        (&error["code"], &error["line"], &error["column"]),
        (&Value::from("E107"), &Value::from(18), &Value::from(22))
    );
    assert!(json.get("changes").is_none());

    // Both versions invalid: both files, OLD first.
    let old_invalid = "tests/fixtures/invalid/E109-period-reversed.yaml";
    let out = run(&["diff", "--format", "json", old_invalid, invalid]);
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).expect("the output is JSON");
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, [old_invalid, invalid]);

    // Markdown: stdout (a pull-request comment) stays empty; the diagnostics
    // are on stderr, in human form.
    let out = run(&["diff", "--format", "markdown", EXAMPLE_OLD, invalid]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("error[E107]") && stderr.contains(&format!("{invalid}:18:22")),
        "{stderr}"
    );
}

#[test]
fn old_can_be_read_from_git() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    if !tools::installed("git", "old_can_be_read_from_git") {
        return;
    }
    assert!(git(repo, &["init", "-q"]));
    let plan = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.yaml"),
    )
    .unwrap();
    std::fs::create_dir(repo.join("plans")).unwrap();
    std::fs::write(repo.join("plans/plan.yaml"), &plan).unwrap();
    assert!(git(repo, &["add", "."]));
    assert!(git(repo, &["commit", "-q", "-m", "first"]));
    let edited = plan.replace("deadline: 2020-06", "deadline: 2020-12");
    std::fs::write(repo.join("plans/plan.yaml"), edited).unwrap();

    let out = actionplan(repo)
        .args([
            "diff",
            "--format",
            "json",
            "HEAD:plans/plan.yaml",
            "plans/plan.yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["old"]["path"], "HEAD:plans/plan.yaml");
    let change = &changes(&json)[0];
    assert_eq!(
        (&change["field"], &change["months"]),
        (&Value::from("deadline"), &Value::from(6))
    );

    // Diagnostics name the version as REV:PATH.
    std::fs::write(repo.join("plans/plan.yaml"), "actionplan: 1\nplan: [").unwrap();
    assert!(git(repo, &["commit", "-qam", "broken"]));
    let out = actionplan(repo)
        .args(["diff", "HEAD:plans/plan.yaml", "HEAD~1:plans/plan.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("HEAD:plans/plan.yaml:2:"),
        "{}",
        text(&out.stderr)
    );

    // An unknown revision is a clear error, exit 2.
    let out = actionplan(repo)
        .args(["diff", "nosuchrev:plans/plan.yaml", "plans/plan.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("cannot read nosuchrev:plans/plan.yaml")
            && stderr.contains("git cannot show it"),
        "{stderr}"
    );
}

#[test]
fn a_file_whose_name_has_a_colon_wins_over_git() {
    let dir = tempfile::tempdir().unwrap();
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.yaml");
    std::fs::copy(&plan, dir.path().join("v1:plan.yaml")).unwrap();
    let out = actionplan(dir.path())
        .args(["diff", "v1:plan.yaml", plan.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("Inga ändringar"));
}

#[test]
fn a_missing_git_is_a_clear_error() {
    let out = run_without_git(&["diff", "HEAD:plans/x.yaml", EXAMPLE_NEW]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("cannot read HEAD:plans/x.yaml") && stderr.contains("git could not be run"),
        "{stderr}"
    );
}

fn run_without_git(args: &[&str]) -> Output {
    let mut cmd = actionplan(Path::new(env!("CARGO_MANIFEST_DIR")));
    cmd.env("PATH", "")
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn the_readme_diff_commands_work() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let commands: Vec<&str> = readme
        .lines()
        .filter_map(|l| l.strip_prefix("cargo run -q -- diff "))
        // REV:PATH needs the repository's history: see old_can_be_read_from_git.
        .filter(|l| !l.contains("HEAD:"))
        .collect();
    assert!(commands.len() >= 3, "{commands:?}");
    for command in commands {
        let mut args = vec!["diff"];
        args.extend(command.split_whitespace());
        let out = run(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{command}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stdout).contains("version 1.0") || text(&out.stdout).contains("\"1.0\""),
            "{command}"
        );
    }
}

#[test]
fn a_plan_compared_with_itself_has_no_changes() {
    let mut plans = vec![
        EXAMPLE_NEW.to_string(),
        EXAMPLE_OLD.to_string(),
        "plans/example-en.yaml".to_string(),
        "tests/fixtures/valid/minimal.yaml".to_string(),
    ];
    for name in ["every-kind", "measure-moved"] {
        let (old, new) = case(name);
        plans.extend([old, new]);
    }
    for plan in plans {
        let json = json(&plan, &plan);
        assert_eq!(changes(&json).len(), 0, "{plan}: {json}");
    }
}

#[test]
fn a_version_from_git_is_held_to_the_size_limit_of_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    if !git(repo, &["init", "-q"]) {
        eprintln!("SKIPPED a_version_from_git_is_held_to_the_size_limit_of_a_file: no git");
        return;
    }
    let plan = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.yaml"),
    )
    .unwrap();
    // A valid plan, and 11 MiB of comment after it: larger than a plan may be.
    let big = format!("{plan}{}", format!("{}\n", "#".repeat(31)).repeat(11 << 15));
    assert!(big.len() > 11 << 20);
    std::fs::write(repo.join("big.yaml"), &big).unwrap();
    std::fs::write(repo.join("plan.yaml"), &plan).unwrap();
    assert!(git(repo, &["add", "."]));
    assert!(git(repo, &["commit", "-q", "-m", "big"]));

    // On disk: E006.
    let out = actionplan(repo)
        .args(["diff", "big.yaml", "plan.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("E006"), "{}", text(&out.stderr));

    // From git, as REV:PATH and as `build --compare REV`: refused before it is read.
    let out = actionplan(repo)
        .args(["diff", "HEAD:big.yaml", "plan.yaml"])
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot read HEAD:big.yaml: the plan file is larger than 10 MiB (E006)"),
        "{stderr}"
    );
    std::fs::copy(repo.join("plan.yaml"), repo.join("big.yaml")).unwrap();
    let out = actionplan(repo)
        .args(["build", "--html", "--compare", "HEAD", "big.yaml"])
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("larger than 10 MiB (E006)"), "{stderr}");
    assert!(!repo.join("out").exists());
}
