//! The archival PDF (`build --archive`, issue 23) and `actionplan source`:
//! the plan goes in byte for byte, comes out byte for byte, and a rebuild
//! from it is the same PDF. Hostile files given to `source`: `source.rs`.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::tools;

const UMEA: &str = "plans/umea-handlingsplan-mot-vald.yaml";
pub(crate) const EXAMPLE: &str = "plans/example-en.yaml";

pub(crate) fn manifest(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Runs the binary in `dir`, with a fixed document date.
pub(crate) fn actionplan(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_actionplan"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(args)
        .output()
        .expect("the binary runs")
}

pub(crate) fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `build --archive --pdf` of `plan` into `dir/out`; the PDF's bytes.
pub(crate) fn archive(dir: &Path, plan: &Path, extra: &[&str]) -> Vec<u8> {
    let out = dir.join("out");
    let mut args = vec!["build", "--archive", "--pdf", "--today", "2020-01-01"];
    args.extend(extra);
    args.extend(["--out", out.to_str().unwrap(), plan.to_str().unwrap()]);
    let result = actionplan(dir, &args);
    assert!(result.status.success(), "{}", stderr(&result));
    let name = Path::new(plan.file_stem().unwrap()).with_extension(match extra {
        [] => "pdf",
        _ => "changes.pdf",
    });
    std::fs::read(out.join(name)).unwrap()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn the_archival_pdf_carries_the_plan_and_a_rebuild_from_it_is_identical() {
    let dir = tempfile::tempdir().unwrap();
    let plan = manifest(UMEA);
    let pdf = archive(dir.path(), &plan, &[]);
    // The XMP (uncompressed) declares PDF/A-3a and PDF/UA-1.
    assert!(contains(&pdf, "<pdfaid:part>3</pdfaid:part>"));
    assert!(contains(&pdf, "<pdfaid:conformance>A</pdfaid:conformance>"));
    assert!(contains(&pdf, "<pdfuaid:part>1</pdfuaid:part>"));

    // Taken out under the name it was attached under, byte for byte.
    let again = dir.path().join("again");
    std::fs::create_dir(&again).unwrap();
    std::fs::copy(
        dir.path().join("out/umea-handlingsplan-mot-vald.pdf"),
        again.join("in.pdf"),
    )
    .unwrap();
    let out = actionplan(&again, &["source", "in.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("wrote umea-handlingsplan-mot-vald.yaml"),
        "{}",
        stderr(&out)
    );
    let extracted = again.join("umea-handlingsplan-mot-vald.yaml");
    assert_eq!(
        std::fs::read(&extracted).unwrap(),
        std::fs::read(&plan).unwrap()
    );

    // Built again from what came out: the same bytes.
    assert_eq!(archive(&again, &extracted, &[]), pdf, "the rebuild differs");

    // To stdout with `-o -`.
    let out = actionplan(&again, &["source", "-o", "-", "in.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(out.stdout, std::fs::read(&plan).unwrap());
}

#[test]
fn source_never_overwrites_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    archive(dir.path(), &manifest(EXAMPLE), &[]);
    let pdf = "out/example-en.pdf";
    for target in [None, Some("mine.yaml")] {
        let path = dir.path().join(target.unwrap_or("example-en.yaml"));
        std::fs::write(&path, "my own work").unwrap();
        let mut args = vec!["source", pdf];
        args.extend(target.map(|t| ["-o", t]).iter().flatten());
        let out = actionplan(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "my own work");
        args.push("--force");
        let out = actionplan(dir.path(), &args);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(
            std::fs::read(&path).unwrap(),
            std::fs::read(manifest(EXAMPLE)).unwrap()
        );
    }
}

#[test]
fn a_report_attaches_its_plan_and_a_draft_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let plan = manifest(EXAMPLE);
    let out = actionplan(
        dir.path(),
        &[
            "report",
            "--archive",
            "--pdf",
            "--out",
            "rep",
            plan.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report = std::fs::read_dir(dir.path().join("rep"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    let source = actionplan::archive::extract(std::fs::read(report.path()).unwrap()).unwrap();
    assert_eq!(
        (source.name.as_str(), source.bytes),
        ("example-en.yaml", std::fs::read(&plan).unwrap())
    );

    // A change-marked draft: the plan is the source, the earlier version
    // (here the same file, so renamed) a supplement beside it.
    let draft = archive(dir.path(), &plan, &["--compare", plan.to_str().unwrap()]);
    let source = actionplan::archive::extract(draft.clone()).unwrap();
    assert_eq!(source.name, "example-en.yaml");
    if tools::installed(
        "qpdf",
        "a_report_attaches_its_plan_and_a_draft_both_versions",
    ) {
        let listed = Command::new("qpdf")
            .args(["--list-attachments", "--verbose"])
            .arg(dir.path().join("out/example-en.changes.pdf"))
            .output()
            .unwrap();
        let listed = String::from_utf8_lossy(&listed.stdout);
        assert!(listed.contains("earlier-example-en.yaml"), "{listed}");
        assert!(
            listed.contains("Earlier version in YAML that the changes are marked against"),
            "{listed}"
        );
    }
}

/// The second reader the issue asks for: qpdf takes out the same bytes.
#[test]
fn qpdf_reads_the_same_attachment() {
    if !tools::installed("qpdf", "qpdf_reads_the_same_attachment") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    archive(dir.path(), &manifest(UMEA), &[]);
    let shown = Command::new("qpdf")
        .arg("--show-attachment=umea-handlingsplan-mot-vald.yaml")
        .arg(dir.path().join("out/umea-handlingsplan-mot-vald.pdf"))
        .output()
        .unwrap();
    assert!(shown.status.success(), "{}", stderr(&shown));
    assert_eq!(shown.stdout, std::fs::read(manifest(UMEA)).unwrap());
}

#[test]
fn a_custom_template_that_attaches_nothing_refuses_the_archival_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    let embedded = std::fs::read_to_string(manifest("templates/plan.typ")).unwrap();
    let start = embedded.find("#for file in sys.inputs").unwrap();
    let end = start + embedded[start..].find("\n}\n").unwrap() + 3;
    std::fs::write(
        templates.join("plan.typ"),
        [&embedded[..start], &embedded[end..]].concat(),
    )
    .unwrap();
    let plan = manifest(EXAMPLE);
    let out = actionplan(
        dir.path(),
        &[
            "build",
            "--archive",
            "--pdf",
            "--templates",
            "templates",
            plan.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the template attaches 0 files where the archival PDF carries 1"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("out/example-en.pdf").exists());
}

#[test]
fn site_archive_publishes_the_archival_pdf() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    std::fs::copy(manifest(EXAMPLE), dir.path().join("plans/example-en.yaml")).unwrap();
    for (flag, carries) in [(None, false), (Some("--archive"), true)] {
        let mut args = vec!["site", "plans", "--out", "public", "--today", "2025-03-01"];
        args.extend(flag);
        let out = actionplan(dir.path(), &args);
        assert!(out.status.success(), "{}", stderr(&out));
        let pdf = std::fs::read(dir.path().join("public/example-en.pdf")).unwrap();
        let source = actionplan::archive::extract(pdf);
        match carries {
            true => assert_eq!(
                source.unwrap().bytes,
                std::fs::read(manifest(EXAMPLE)).unwrap()
            ),
            false => assert_eq!(source, Err(actionplan::archive::ExtractError::NoSource)),
        }
    }
}
