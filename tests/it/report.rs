//! `actionplan report`: runs the real binary on the example plans and reads
//! what it wrote: the file names, the HTML's text, the PDF's text
//! (`pdftotext`; see `support::tools` for when it is missing), the exit status for a date with no report,
//! and a golden snapshot of the report's view.

use std::path::Path;
use std::process::{Command, Output};

use actionplan::source::SourceFile;
use actionplan::{check_source, report, validate};
use chrono::NaiveDate;

use crate::support::tools;

const UMEA: &str = "plans/umea-handlingsplan-mot-vald.yaml";

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_actionplan"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1582588800")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn out_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("actionplan-report-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn the_latest_report_is_written_as_pdf_and_html_named_by_its_date() {
    let dir = out_dir("latest");
    let out = run(&[
        "report",
        UMEA,
        "--today",
        "2018-09-01",
        "--out",
        dir.to_str().unwrap(),
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let html = dir.join("umea-handlingsplan-mot-vald-followup-2020-02-25.html");
    let pdf = dir.join("umea-handlingsplan-mot-vald-followup-2020-02-25.pdf");
    assert!(
        stderr.contains(&format!("wrote {}", html.display())),
        "{stderr}"
    );
    assert!(pdf.is_file() && std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let page = std::fs::read_to_string(&html).unwrap();
    for phrase in [
        "<h1>Uppföljningsrapport 25 februari 2020</h1>",
        "Status för planens 33 åtgärder den 25 februari 2020.",
        // The attention list: delayed, and open past the deadline.
        "Utbildningen flyttas till hösten 2020 på grund av personalomsättning.",
        "slutdatum 31 december 2019 har passerat",
        // Changes since the previous report, with the newly done marked.
        "Förändringar sedan föregående rapport",
        "Ny klar",
        "Bedömning: Risk för avvikelse",
        "Värden för indikator I1.2",
        "26 februari 2019 – 25 februari 2020",
    ] {
        assert!(page.contains(phrase), "the page lacks {phrase:?}");
    }
    // One chart per indicator with a value, each an image with its description.
    assert_eq!(page.matches("<svg class=\"line-chart\"").count(), 9);
    assert_eq!(page.matches("role=\"img\" aria-labelledby=").count(), 9);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_earlier_date_gives_that_report_and_the_pdf_says_it() {
    let dir = out_dir("earlier");
    let out = run(&[
        "report",
        UMEA,
        "--date",
        "2019-02-26",
        "--pdf",
        "--today",
        "2018-09-01",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let pdf = dir.join("umea-handlingsplan-mot-vald-followup-2019-02-26.pdf");
    assert!(pdf.is_file());
    assert!(
        !dir.join("umea-handlingsplan-mot-vald-followup-2019-02-26.html")
            .exists()
    );
    if tools::installed(
        "pdftotext",
        "an_earlier_date_gives_that_report_and_the_pdf_says_it",
    ) {
        let extracted = Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let t = text(&extracted.stdout);
        assert!(t.contains("Uppföljningsrapport 26 februari 2019"), "{t}");
        assert!(t.contains("Detta är den första uppföljningen"), "{t}");
        assert!(t.contains("Går inte enligt plan"), "{t}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_date_without_a_report_lists_the_dates_and_exits_2() {
    let dir = out_dir("nodate");
    let out = run(&[
        "report",
        UMEA,
        "--date",
        "2019-06-30",
        "--today",
        "2018-09-01",
        "--out",
        dir.to_str().unwrap(),
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error[E117]: the plan has no follow-up report dated 2019-06-30"),
        "{stderr}"
    );
    assert!(stderr.contains("2019-02-26, 2020-02-25"), "{stderr}");
    assert!(!dir.exists(), "nothing is written");
}

#[test]
fn a_date_without_a_report_is_checked_as_the_latest_report_is() {
    // Without --today, the warnings are those of the latest report's day, not
    // the clock's: the error is not drowned in years of overdue warnings.
    let dir = out_dir("nodate-today");
    let out = run(&[
        "report",
        UMEA,
        "--date",
        "2019-06-30",
        "--out",
        dir.to_str().unwrap(),
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("error[E117]"), "{stderr}");
    assert!(stderr.contains("checked against 2020-02-25"), "{stderr}");
    assert!(
        !stderr.contains("W206"),
        "revise-by 2021-12-31 is not past: {stderr}"
    );
}

#[test]
fn a_plan_without_reports_says_so() {
    let out = run(&[
        "report",
        "tests/fixtures/valid/minimal.yaml",
        "--out",
        "/nonexistent/never",
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("the plan has no follow-up reports"),
        "{stderr}"
    );
}

#[test]
fn an_invalid_plan_gets_its_diagnostics_and_exit_1() {
    let out = run(&[
        "report",
        "tests/fixtures/invalid/E116-follow-up-unknown-goal.yaml",
        "--out",
        "/nonexistent/never",
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("[E116]"), "{stderr}");
}

#[test]
fn report_help_names_its_options() {
    let out = run(&["report", "--help"]);
    let help = text(&out.stdout);
    for option in ["--date", "--out", "--pdf", "--html", "uppföljningsrapport"] {
        assert!(help.contains(option), "{option} missing in\n{help}");
    }
}

#[test]
fn report_views_of_the_example_plans() {
    for (name, path, date) in [
        ("umea", UMEA, None),
        ("umea-2019", UMEA, Some((2019, 2, 26))),
        ("example-en", "plans/example-en.yaml", None),
    ] {
        let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        let file = SourceFile::new(path, std::fs::read_to_string(full).unwrap());
        let today = NaiveDate::from_ymd_opt(2018, 9, 1).unwrap();
        let plan = check_source(file, validate::Options { today })
            .plan
            .unwrap();
        let date = date.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
        let view = report::build(&plan, date).unwrap();
        insta::assert_json_snapshot!(format!("report_view__{name}"), view);
    }
}
