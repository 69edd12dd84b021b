//! `actionplan build`: runs the binary and checks the files it writes.
//!
//! These checks need nothing but Rust: the PDF's archival and accessibility
//! declarations are read from its (uncompressed) XMP and catalog, and two
//! builds are compared byte for byte. The checks that need outside tools
//! (pdftotext, pdffonts, qpdf, pikepdf, a browser) are in `tests/conformance`
//! and `tests/e2e`, run by `.ci/run`.

use std::path::Path;
use std::process::{Command, Output};

fn actionplan(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_actionplan"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.args(args).output().expect("the binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const UMEA: &str = "plans/umea-handlingsplan-mot-vald.yaml";

fn build_pdf(plan: &str, out: &Path, today: &str) -> Vec<u8> {
    let result = actionplan(
        &[
            "build",
            "--pdf",
            "--today",
            today,
            "--out",
            out.to_str().unwrap(),
            plan,
        ],
        &[],
    );
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    let stem = Path::new(plan).file_stem().unwrap().to_str().unwrap();
    std::fs::read(out.join(format!("{stem}.pdf"))).unwrap()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn the_pdf_declares_pdf_a_2a_and_pdf_ua_1_and_is_tagged() {
    let dir = tempfile::tempdir().unwrap();
    for (plan, today, lang) in [
        (UMEA, "2018-09-01", "sv-SE"),
        ("plans/example-en.yaml", "2025-03-01", "en"),
    ] {
        let pdf = build_pdf(plan, dir.path(), today);
        assert!(pdf.starts_with(b"%PDF-"), "{plan}");
        for needle in [
            "<pdfaid:part>2</pdfaid:part>",
            "<pdfaid:conformance>A</pdfaid:conformance>",
            "<pdfuaid:part>1</pdfuaid:part>",
            &format!("/Lang({lang})"),
            "/MarkInfo",
            "/StructTreeRoot",
            "/DisplayDocTitle true",
            "/OutputIntents",
        ] {
            assert!(contains(&pdf, needle), "{plan}: no {needle}");
        }
    }
}

#[test]
fn two_builds_are_byte_identical_and_dated_from_the_plan() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first = build_pdf(UMEA, a.path(), "2018-09-01");
    let second = build_pdf(UMEA, b.path(), "2018-09-01");
    assert!(first == second, "two builds differ");
    // The decision date, not the clock.
    assert!(contains(&first, "/CreationDate(D:20180625000000Z)"));
}

#[test]
fn source_date_epoch_sets_the_timestamp() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let result = actionplan(
        &[
            "build",
            "--pdf",
            "--today",
            "2018-09-01",
            "--out",
            out,
            UMEA,
        ],
        &[("SOURCE_DATE_EPOCH", "1700000000")],
    );
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    let pdf = std::fs::read(dir.path().join("umea-handlingsplan-mot-vald.pdf")).unwrap();
    assert!(contains(&pdf, "/CreationDate(D:20231114221320Z)"));
    let bad = actionplan(
        &["build", "--pdf", "--out", out, UMEA],
        &[("SOURCE_DATE_EPOCH", "yesterday")],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("SOURCE_DATE_EPOCH"));
}

#[test]
fn an_invalid_plan_is_not_built_and_the_previous_output_survives() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.yaml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.yaml"),
        &plan,
    )
    .unwrap();
    let out = dir.path().join("out");
    let args = [
        "build",
        "--today",
        "2019-09-01",
        "--out",
        out.to_str().unwrap(),
        plan.to_str().unwrap(),
    ];
    let first = actionplan(&args, &[]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let pdf_before = std::fs::read(out.join("plan.pdf")).unwrap();
    let html_before = std::fs::read(out.join("plan.html")).unwrap();

    let text = std::fs::read_to_string(&plan)
        .unwrap()
        .replace("responsible: ifn", "responsible: ifm");
    std::fs::write(&plan, text).unwrap();
    let second = actionplan(&args, &[]);
    assert_eq!(second.status.code(), Some(1));
    let err = stderr(&second);
    assert!(
        err.contains("error[E107]") && err.contains("plan.yaml:18:22"),
        "{err}"
    );
    assert!(err.contains("not built"), "{err}");
    assert_eq!(std::fs::read(out.join("plan.pdf")).unwrap(), pdf_before);
    assert_eq!(std::fs::read(out.join("plan.html")).unwrap(), html_before);
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "{leftovers:?}");
}

/// Writes `body` (after the two lines every template needs) as `dir/templates/plan.typ`
/// and builds the Umeå plan's PDF with it into `dir/out`.
fn build_with_template(dir: &Path, body: &str) -> Output {
    let templates = dir.join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let source = format!(
        "#let data = json(\"/data.json\")\n#set document(title: data.meta.title)\n{body}\n"
    );
    std::fs::write(templates.join("plan.typ"), source).unwrap();
    let out = dir.join("out");
    actionplan(
        &[
            "build",
            "--pdf",
            "--today",
            "2018-09-01",
            "--templates",
            templates.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            UMEA,
        ],
        &[],
    )
}

#[test]
fn a_broken_custom_template_reports_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let result = build_with_template(dir.path(), "Hello #data.meta.nosuchfield");
    let out = dir.path().join("out");
    assert_eq!(result.status.code(), Some(2));
    let err = stderr(&result);
    assert!(err.contains("error[E301]"), "{err}");
    assert!(err.contains("plan.typ:3:"), "{err}");
    assert!(err.contains("nosuchfield"), "{err}");
    assert!(!out.join("umea-handlingsplan-mot-vald.pdf").exists());
}

#[test]
fn an_unknown_font_in_a_custom_template_is_reported_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let result = build_with_template(
        dir.path(),
        "#set text(font: \"Gill Sans\")\n#data.meta.title",
    );
    let err = stderr(&result);
    assert!(
        err.contains("warning[W301]: unknown font family: gill sans"),
        "{err}"
    );
    assert!(err.contains("plan.typ:3:17"), "{err}");
    assert!(
        err.contains("Noto Sans") && err.contains("--font-path"),
        "{err}"
    );
}

#[test]
fn missing_folders_and_unwritable_outputs_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out = out.to_str().unwrap();
    for (flag, message) in [
        ("--templates", "--templates"),
        ("--font-path", "--font-path"),
    ] {
        let result = actionplan(
            &[
                "build",
                "--pdf",
                flag,
                "/no/such/folder",
                "--out",
                out,
                UMEA,
            ],
            &[],
        );
        assert_eq!(result.status.code(), Some(2), "{flag}");
        assert!(stderr(&result).contains(message), "{}", stderr(&result));
    }
    // A file where the output folder should be.
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "x").unwrap();
    let result = actionplan(
        &[
            "build",
            "--out",
            blocker.join("out").to_str().unwrap(),
            UMEA,
        ],
        &[],
    );
    assert_eq!(result.status.code(), Some(2));
    assert!(
        stderr(&result).contains(&format!("{} is a file, not a folder", blocker.display())),
        "{}",
        stderr(&result)
    );
    // A plan path that is a folder with no plans.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let result = actionplan(&["build", "--out", out, empty.to_str().unwrap()], &[]);
    assert_eq!(result.status.code(), Some(2));
}

#[test]
fn odd_content_builds() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_pdf(
        "tests/fixtures/hostile/odd-content.yaml",
        dir.path(),
        "2024-03-01",
    );
    assert!(contains(&pdf, "<pdfaid:part>2</pdfaid:part>"));
}

#[test]
fn a_template_reads_files_only_inside_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
    std::fs::write(templates.join("logo.txt"), "inside").unwrap();
    for (path, allowed) in [
        ("logo.txt", true),
        ("/logo.txt", true),
        ("../secret.txt", false),
        ("/../secret.txt", false),
        ("/etc/passwd", false),
    ] {
        let result = build_with_template(dir.path(), &format!("#read(\"{path}\")"));
        let err = stderr(&result);
        if allowed {
            assert_eq!(result.status.code(), Some(0), "{path}: {err}");
        } else {
            assert_eq!(result.status.code(), Some(2), "{path}: {err}");
            assert!(
                err.contains("error[E301]") && err.contains("plan.typ:3:7"),
                "{path}: {err}"
            );
        }
    }
}

#[test]
fn characters_no_font_has_are_replaced_with_a_warning_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.yaml");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.yaml"),
    )
    .unwrap()
    .replace(
        "    title: Utbilda personal",
        "    title: \"Utbilda \u{1FB89} personal\"",
    );
    std::fs::write(&plan, text).unwrap();
    let out = dir.path().join("out");
    let result = actionplan(
        &[
            "build",
            "--today",
            "2019-01-01",
            "--out",
            out.to_str().unwrap(),
            plan.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    assert!(
        stderr(&result).contains("warning[W302]: no font of the PDF can show U+1FB89"),
        "{}",
        stderr(&result)
    );
    let html = std::fs::read_to_string(out.join("plan.html")).unwrap();
    assert!(html.contains("Utbilda \u{1FB89} personal"));
}

#[test]
fn an_output_that_is_the_plan_itself_is_refused_with_exit_2() {
    // A plan saved as `p.html`: its page would be `p.html` too.
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("p.html");
    let text = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(UMEA)).unwrap();
    std::fs::write(&plan, &text).unwrap();
    let result = actionplan(
        &[
            "build",
            "--html",
            "--today",
            "2018-09-01",
            "--out",
            dir.path().to_str().unwrap(),
            plan.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(result.status.code(), Some(2), "{}", stderr(&result));
    assert!(
        stderr(&result).contains("would replace the plan"),
        "{}",
        stderr(&result)
    );
    assert_eq!(std::fs::read(&plan).unwrap(), text, "the plan was replaced");
}

#[cfg(unix)]
#[test]
fn an_output_that_is_a_symbolic_link_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let target = dir.path().join("elsewhere.html");
    std::fs::write(&target, "someone else's page").unwrap();
    std::os::unix::fs::symlink(&target, out.join("umea-handlingsplan-mot-vald.html")).unwrap();
    let result = actionplan(
        &[
            "build",
            "--html",
            "--today",
            "2018-09-01",
            "--out",
            out.to_str().unwrap(),
            UMEA,
        ],
        &[],
    );
    assert_eq!(result.status.code(), Some(2), "{}", stderr(&result));
    assert!(
        stderr(&result).contains("it is a symbolic link"),
        "{}",
        stderr(&result)
    );
    let link = out.join("umea-handlingsplan-mot-vald.html");
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "someone else's page"
    );
}
