//! The engine as the command line drives it: every plan of a batch gets its
//! report, and the diagnostics of templates and fonts count like a plan's
//! (exit status, `--deny-warnings`, `--format json|github`). Also the engine
//! as a library: a plan held in memory, built twice by one compiler.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use actionplan::engine::Lifetime;
use actionplan::{Compiler, Input, Options, Verdict};

fn actionplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_actionplan"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The minimal plan with a title character no embedded font has (W302).
fn plan_with_missing_glyph(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(manifest("tests/fixtures/valid/minimal.yaml"))
        .unwrap()
        .replace(
            "    title: Utbilda personal",
            "    title: \"Utbilda \u{1FB89} personal\"",
        );
    let plan = dir.join("glyph.yaml");
    std::fs::write(&plan, text).unwrap();
    plan
}

#[test]
fn every_plan_of_a_batch_is_reported_whatever_happens_to_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let (a, c) = (dir.path().join("a.yaml"), dir.path().join("c.yaml"));
    for plan in [&a, &c] {
        std::fs::copy(manifest("tests/fixtures/valid/minimal.yaml"), plan).unwrap();
    }
    let missing = dir.path().join("missing.yaml");
    let out = dir.path().join("out");
    let result = actionplan(&[
        "build",
        "--html",
        "--today",
        "2019-09-01",
        "--out",
        out.to_str().unwrap(),
        a.to_str().unwrap(),
        missing.to_str().unwrap(),
        c.to_str().unwrap(),
    ]);
    let err = text(&result.stderr);
    // The worst of the three: an unreadable file is an I/O error.
    assert_eq!(result.status.code(), Some(2), "{err}");
    assert!(err.contains("error[E401]"), "{err}");
    assert!(
        err.contains(&format!("cannot read {}", missing.display())),
        "{err}"
    );
    // Both readable plans are written, and each says so, in the order given.
    let wrote_a = err.find(&format!("wrote {}", out.join("a.html").display()));
    let wrote_c = err.find(&format!("wrote {}", out.join("c.html").display()));
    let missing_at = err.find("error[E401]");
    assert!(wrote_a.is_some() && wrote_c.is_some(), "{err}");
    assert!(wrote_a < missing_at && missing_at < wrote_c, "{err}");
    assert!(out.join("a.html").is_file() && out.join("c.html").is_file());

    // The JSON report has all three files, the missing one with its E401.
    let result = actionplan(&[
        "validate",
        "--format",
        "json",
        "--today",
        "2019-09-01",
        a.to_str().unwrap(),
        missing.to_str().unwrap(),
        c.to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&result.stdout).unwrap();
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 3, "{json}");
    assert_eq!(files[1]["diagnostics"][0]["code"], "E401");
    assert_eq!(files[0]["valid"], true);
    assert_eq!(files[2]["valid"], true);
}

#[test]
fn font_warnings_count_for_deny_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_with_missing_glyph(dir.path());
    let out = dir.path().join("out");
    let result = actionplan(&[
        "build",
        "--deny-warnings",
        "--today",
        "2019-01-01",
        "--out",
        out.to_str().unwrap(),
        plan.to_str().unwrap(),
    ]);
    let err = text(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{err}");
    assert!(err.contains("warning[W302]"), "{err}");
    assert!(err.contains("not built"), "{err}");
    // Refused means nothing written, not even the HTML that had no warning.
    assert!(!out.join("glyph.pdf").exists() && !out.join("glyph.html").exists());
}

#[test]
fn template_and_font_diagnostics_appear_in_json_and_github() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_with_missing_glyph(dir.path());
    let out = dir.path().join("out");
    let args = |format: &'static str| {
        vec![
            "build".to_string(),
            "--pdf".into(),
            "--format".into(),
            format.into(),
            "--today".into(),
            "2019-01-01".into(),
            "--out".into(),
            out.to_str().unwrap().into(),
            plan.to_str().unwrap().into(),
        ]
    };
    let run = |format| {
        let args = args(format);
        actionplan(&args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let json = run("json");
    assert_eq!(json.status.code(), Some(0), "{}", text(&json.stderr));
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let codes: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap())
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"W302"), "{json}");
    let github = run("github");
    let stdout = text(&github.stdout);
    assert!(
        stdout.contains("::warning") && stdout.contains("W302"),
        "{stdout}"
    );
}

#[test]
fn emit_typst_writes_what_typst_read_even_when_typst_fails() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("plan.typ"),
        "#let data = json(\"/data.json\")\n#data.meta.nosuchfield\n",
    )
    .unwrap();
    let plan = plan_with_missing_glyph(dir.path());
    let emit = dir.path().join("typst");
    let result = actionplan(&[
        "build",
        "--pdf",
        "--today",
        "2019-01-01",
        "--templates",
        templates.to_str().unwrap(),
        "--emit-typst",
        emit.to_str().unwrap(),
        "--out",
        dir.path().join("out").to_str().unwrap(),
        plan.to_str().unwrap(),
    ]);
    let err = text(&result.stderr);
    assert_eq!(result.status.code(), Some(2), "{err}");
    assert!(err.contains("error[E301]"), "{err}");
    let typ = std::fs::read_to_string(emit.join("glyph/plan.typ")).unwrap();
    assert!(typ.contains("nosuchfield"));
    // The data as Typst read it: the missing character already replaced.
    let data = std::fs::read_to_string(emit.join("glyph/data.json")).unwrap();
    assert!(data.contains("Utbilda \u{FFFD} personal"), "{data}");
    assert!(!data.contains('\u{1FB89}'));
    let _: serde_json::Value = serde_json::from_str(&data).unwrap();
}

/// The help promises `typst compile --root DIR/<plan> DIR/<plan>/plan.typ`:
/// so the folder holds every file `plan.typ` imports, not only the data.
#[test]
fn emit_typst_writes_every_file_the_template_imports() {
    let dir = tempfile::tempdir().unwrap();
    let emit = dir.path().join("typst");
    let result = actionplan(&[
        "build",
        "--pdf",
        "--today",
        "2019-01-01",
        "--emit-typst",
        emit.to_str().unwrap(),
        "--out",
        dir.path().join("out").to_str().unwrap(),
        "tests/fixtures/valid/minimal.yaml",
    ]);
    assert_eq!(result.status.code(), Some(0), "{}", text(&result.stderr));
    let folder = emit.join("minimal");
    let typ = std::fs::read_to_string(folder.join("plan.typ")).unwrap();
    let imports: Vec<&str> = typ
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("#import \""))
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert!(imports.contains(&"markdown.typ"), "{imports:?}");
    for file in imports.iter().chain(&["data.json"]) {
        let path = folder.join(file);
        assert!(path.is_file(), "plan.typ reads {file}, not emitted");
        // The file Typst read, not an empty placeholder.
        assert!(
            std::fs::metadata(&path).unwrap().len() > 0,
            "{file} is empty"
        );
    }
    let markdown = std::fs::read_to_string(folder.join("markdown.typ")).unwrap();
    assert_eq!(
        markdown,
        std::fs::read_to_string(manifest("templates/markdown.typ")).unwrap()
    );
}

#[test]
fn one_compiler_builds_a_plan_held_in_memory_again_and_again() {
    let options = Options {
        lifetime: Lifetime::Long { evict_after: 10 },
        ..Options::build(chrono::NaiveDate::from_ymd_opt(2019, 9, 1).unwrap())
    };
    let compiler = Compiler::new(options).unwrap();
    let text = std::fs::read_to_string(manifest("tests/fixtures/valid/minimal.yaml")).unwrap();
    let buffer = |text: String| Input::Text {
        path: "unsaved/plan.yaml".into(),
        text,
    };
    let first = compiler.compile(&actionplan::Request::plan(buffer(text.clone())));
    assert_eq!(first.verdict(), Verdict::Ok, "{:?}", first.reports);
    let names: Vec<&str> = first
        .documents
        .iter()
        .map(|d| d.file_name.as_str())
        .collect();
    assert_eq!(names, ["plan.html", "plan.pdf"]);
    assert!(first.documents[1].bytes.starts_with(b"%PDF-"));

    // An edit: the new title is in the new page, and nothing was written.
    let edited = compiler.compile(&actionplan::Request::plan(buffer(text.replace(
        "Handlingsplan mot våld",
        "Handlingsplan mot våld, reviderad",
    ))));
    assert_eq!(edited.verdict(), Verdict::Ok);
    let page = String::from_utf8(edited.documents[0].bytes.clone()).unwrap();
    assert!(page.contains("Handlingsplan mot våld, reviderad"));
    assert!(!Path::new("unsaved").exists());

    // An edit that breaks the plan: diagnostics, no documents.
    let broken = compiler.compile(&actionplan::Request::plan(buffer(
        text.replace("responsible: ifn", "responsible: ifm"),
    )));
    assert_eq!(broken.verdict(), Verdict::Invalid);
    assert!(broken.documents.is_empty());
    let codes: Vec<&str> = broken.diagnostics().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"E107"), "{codes:?}");
}
