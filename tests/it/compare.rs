//! `actionplan build --compare OLD PLAN…`: runs the real binary and reads
//! the change-marked draft it writes, the HTML page as text and the PDF
//! through `pdftotext` (see `support::tools` for when it is missing).

use crate::support::git as git_repo;
use crate::support::tools;
use git_repo::git;
use std::path::Path;
use std::process::{Command, Output};

const OLD: &str = "tests/fixtures/diff/umea-0.9.yaml";
const UMEA: &str = "plans/umea-handlingsplan-mot-vald.yaml";

fn actionplan(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_actionplan"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Builds UMEA compared with `old` into `out`; returns the process's output.
fn compare(old: &str, out: &Path, extra: &[&str]) -> Output {
    let out = out.to_str().unwrap();
    let mut args = vec![
        "build",
        "--today",
        "2018-09-01",
        "--out",
        out,
        "--compare",
        old,
    ];
    args.extend_from_slice(extra);
    args.push(UMEA);
    actionplan(root(), &args)
}

/// The ids the page's elements have, and the links of its summary of changes.
fn ids_and_summary_links(html: &str) -> (Vec<String>, Vec<String>) {
    let attr = |name: &str, within: &str| -> Vec<String> {
        within
            .split(&format!(" {name}=\""))
            .skip(1)
            .map(|rest| rest[..rest.find('"').unwrap()].to_string())
            .collect()
    };
    let start = html
        .find("<section class=\"chapter changes\"")
        .expect("a summary");
    let end = start + html[start..].find("</section>").unwrap();
    (attr("id", html), attr("href", &html[start..end]))
}

#[test]
fn the_html_marks_every_change_and_links_each_to_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let out = compare(OLD, dir.path(), &["--html"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The draft never takes the clean document's name.
    assert_eq!(
        crate::support::file_names(dir.path()),
        ["umea-handlingsplan-mot-vald.changes.html"]
    );
    let html = std::fs::read_to_string(dir.path().join("umea-handlingsplan-mot-vald.changes.html"))
        .unwrap();

    // The summary near the top: before the plan's own summary.
    let summary = html.find("<h2 id=\"changes-h\">Ändringar sedan version 0.9</h2>");
    assert!(summary.is_some_and(|s| s < html.find("id=\"summary-h\"").unwrap()));
    assert!(html.contains("17 ändringar från version 0.9 till version 1.0"));

    // Every link of the summary lands on an element of the page.
    let (ids, links) = ids_and_summary_links(&html);
    assert!(links.len() >= 17, "{links:?}");
    for link in &links {
        let target = link.strip_prefix('#').expect("a link within the page");
        assert!(ids.iter().any(|id| id == target), "{link} lands nowhere");
    }
    assert!(links.contains(&"#measure-3.6".to_string()));

    // Inserted and deleted words in place, with words for screen readers.
    assert!(html.contains(
        "<span class=\"measure-title\">Utveckla stödet till personer i prostitution <ins><span class=\"vh\">inlagt: </span>och med sex mot ersättning</ins> <span class=\"change-tag change-tag-changed\">Ändrad</span></span>"
    ));
    assert!(html.contains(
        "<del><span class=\"vh\">borttaget: </span>150</del><ins><span class=\"vh\">inlagt: </span>100</ins> tkr"
    ));
    // Tags in words, the earlier value of a changed field, the removed measure struck through.
    assert!(html.contains("<span class=\"change-tag change-tag-added\">Ny</span>"));
    assert!(html.contains(
        "<article class=\"measure measure-planned is-changed change-added\" id=\"measure-2.6\""
    ));
    assert!(html.contains("(tidigare: <del><span class=\"vh\">borttaget: </span>KS</del>)"));
    assert!(html.contains("<article class=\"removed-measure is-changed\" id=\"measure-3.6\""));
    assert!(html.contains(
        "<span class=\"measure-title\"><del><span class=\"vh\">borttaget: </span>Informationskampanj om barns rätt att leva utan våld</del>"
    ));
    // 3.6 stood last in its goal: after 3.5.
    assert!(html.find("id=\"measure-3.5\"").unwrap() < html.find("id=\"measure-3.6\"").unwrap());
    // The filter, hidden until its script shows it; its script and style pinned by hash.
    assert!(html.contains("<form class=\"change-filter\" id=\"change-filter\" hidden>"));
    assert!(html.contains("only-changed"));
    assert_eq!(html.matches("</script>").count(), 1);
    assert_eq!(html.matches("</style>").count(), 1);
    // A changed row of the governing-document block, with its earlier value.
    assert!(html.contains(
        "<div class=\"fact is-changed\"><dt>Version</dt><dd>1.0 <span class=\"change-was\">(tidigare: <del><span class=\"vh\">borttaget: </span>0.9</del>)</span></dd></div>"
    ));
    assert!(html.contains("<div class=\"fact\"><dt>Giltighetstid</dt>"));
    // An unchanged measure carries no mark.
    let m12 = html.find("id=\"measure-1.2\"").unwrap();
    let m12 = &html[m12..m12 + html[m12..].find("</article>").unwrap()];
    assert!(!m12.contains("change-"), "{m12}");
}

#[test]
fn a_plain_build_carries_no_mark() {
    let dir = tempfile::tempdir().unwrap();
    let out = actionplan(
        root(),
        &[
            "build",
            "--html",
            "--today",
            "2018-09-01",
            "--out",
            dir.path().to_str().unwrap(),
            UMEA,
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html =
        std::fs::read_to_string(dir.path().join("umea-handlingsplan-mot-vald.html")).unwrap();
    for mark in [
        "<ins",
        "<del",
        "change-",
        "is-changed",
        "Ändringar sedan",
        "doc-facts",
    ] {
        assert!(!html.contains(mark), "a plain page has {mark}");
    }
}

#[test]
fn the_pdf_has_margin_marks_and_an_appendix_of_changes() {
    let dir = tempfile::tempdir().unwrap();
    let out = compare(OLD, dir.path(), &["--pdf"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let pdf = dir.path().join("umea-handlingsplan-mot-vald.changes.pdf");
    assert_eq!(
        crate::support::file_names(dir.path()),
        ["umea-handlingsplan-mot-vald.changes.pdf"]
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));

    // Same inputs, same bytes.
    let again = tempfile::tempdir().unwrap();
    assert_eq!(
        compare(OLD, again.path(), &["--pdf"]).status.code(),
        Some(0)
    );
    assert!(
        std::fs::read(again.path().join("umea-handlingsplan-mot-vald.changes.pdf")).unwrap()
            == bytes,
        "two change-marked builds differ"
    );

    if !tools::installed(
        "pdftotext",
        "the_pdf_has_margin_marks_and_an_appendix_of_changes",
    ) {
        return;
    }
    let text = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    // A margin mark beside each changed measure, on its row.
    for (mark, id) in [
        ("Ändrad", "1.1"),
        ("Ändrad", "1.4"),
        ("Ny", "2.6"),
        ("Borttagen", "3.6"),
    ] {
        assert!(
            text.lines().any(|l| {
                let words: Vec<&str> = l.split_whitespace().collect();
                words.windows(2).any(|w| w == [mark, id])
            }),
            "no mark {mark} beside {id}"
        );
    }
    let unchanged = text.lines().any(|l| {
        let words: Vec<&str> = l.split_whitespace().collect();
        words.windows(2).any(|w| w[1] == "1.2" && w[0] == "Ändrad")
    });
    assert!(!unchanged, "an unchanged measure is marked");
    // The appendix, last: id, what changed, before, after.
    let appendix = text
        .rfind("Ändringar sedan version 0.9")
        .expect("an appendix");
    assert!(appendix > text.find("Revisionshistorik").unwrap());
    let appendix = &text[appendix..];
    for row in [
        ["1.4", "Ansvarig", "KS", "IFN"],
        [
            "1.1",
            "Slutdatum",
            "31 december 2018",
            "30 juni 2019 (+6 mån)",
        ],
        ["3.6", "Borttagning", "Informationskampanj", ""],
    ] {
        let line = appendix
            .lines()
            .find(|l| l.trim_start().starts_with(row[0]) && l.contains(row[1]))
            .unwrap_or_else(|| panic!("no row {row:?} in\n{appendix}"));
        let mut at = 0;
        for cell in row.iter().filter(|c| !c.is_empty()) {
            at += line[at..]
                .find(cell)
                .unwrap_or_else(|| panic!("{cell} out of place in {line}"));
        }
    }
}

#[test]
fn an_old_version_with_errors_gets_its_diagnostics_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.yaml");
    let text = std::fs::read_to_string(root().join(OLD)).unwrap();
    std::fs::write(
        &old,
        text.replace("responsible: ks", "responsible: nosuchbody"),
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    let out = compare(old.to_str().unwrap(), &out_dir, &["--html"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("old.yaml:") && err.contains("nosuchbody"),
        "{err}"
    );
    assert!(
        err.contains("not built: ") && err.contains("old.yaml has errors"),
        "{err}"
    );
    assert!(
        !err.contains("warning"),
        "only the earlier version's errors: {err}"
    );
    assert!(!out_dir.exists(), "nothing is written");
}

#[test]
fn an_unreadable_old_version_is_exit_2_before_anything_is_built() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    for (old, says) in [
        ("no/such/old.yaml", "not a git revision"),
        (
            "nosuchrev:plans/x.yaml",
            "cannot read nosuchrev:plans/x.yaml",
        ),
        ("tests", "tests"),
    ] {
        let out = compare(old, &out_dir, &[]);
        assert_eq!(out.status.code(), Some(2), "{old}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{old}: {}", stderr(&out));
        assert!(!out_dir.exists(), "{old}: nothing is written");
    }
}

#[test]
fn a_git_revision_compares_each_plan_with_its_own_file_there() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    if !tools::installed(
        "git",
        "a_git_revision_compares_each_plan_with_its_own_file_there",
    ) {
        return;
    }
    assert!(git(repo, &["init", "-q"]));
    std::fs::create_dir(repo.join("plans")).unwrap();
    let umea = std::fs::read_to_string(root().join(UMEA)).unwrap();
    let en = std::fs::read_to_string(root().join("plans/example-en.yaml")).unwrap();
    std::fs::write(
        repo.join("plans/a.yaml"),
        std::fs::read(root().join(OLD)).unwrap(),
    )
    .unwrap();
    std::fs::write(repo.join("plans/b.yaml"), &en).unwrap();
    assert!(git(repo, &["add", "."]));
    assert!(git(repo, &["commit", "-q", "-m", "first"]));
    std::fs::write(repo.join("plans/a.yaml"), &umea).unwrap();
    let b_title = "title: Set up a single point of contact for victims of violence";
    assert!(en.contains(b_title));
    std::fs::write(
        repo.join("plans/b.yaml"),
        en.replacen(b_title, &format!("{b_title} (revised)"), 1),
    )
    .unwrap();

    let build = |old: &str| {
        actionplan(
            repo,
            &[
                "build",
                "--html",
                "--today",
                "2018-09-01",
                "--compare",
                old,
                "plans/a.yaml",
                "plans/b.yaml",
            ],
        )
    };
    let out = build("HEAD");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        crate::support::file_names(&repo.join("out")),
        ["a.changes.html", "b.changes.html"]
    );
    let a = std::fs::read_to_string(repo.join("out/a.changes.html")).unwrap();
    assert!(
        a.contains("Ändringar sedan version 0.9"),
        "a against its own file at HEAD"
    );
    let b = std::fs::read_to_string(repo.join("out/b.changes.html")).unwrap();
    assert!(
        b.contains("<ins><span class=\"vh\">inserted: </span>(revised)</ins>"),
        "b against its own"
    );

    // REV:PATH: one version for every plan.
    let out = build("HEAD:plans/a.yaml");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // An unknown revision, or a plan the revision lacks: exit 2, nothing built.
    std::fs::remove_dir_all(repo.join("out")).unwrap();
    let out = build("nosuchrev");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a git revision"),
        "{}",
        stderr(&out)
    );
    std::fs::write(repo.join("plans/c.yaml"), &en).unwrap();
    let out = actionplan(
        repo,
        &[
            "build",
            "--html",
            "--compare",
            "HEAD",
            "plans/a.yaml",
            "plans/c.yaml",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot read HEAD:./plans/c.yaml"),
        "{}",
        stderr(&out)
    );
    assert!(!repo.join("out").exists());
}

#[test]
fn the_readme_compare_command_works() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let commands: Vec<&str> = readme
        .lines()
        .filter_map(|l| l.strip_prefix("cargo run -q -- build --compare "))
        // A bare revision needs the repository's history: see the git test above.
        .filter(|l| !l.starts_with("HEAD"))
        .collect();
    assert!(!commands.is_empty(), "the README shows build --compare");
    for command in commands {
        let dir = tempfile::tempdir().unwrap();
        let mut args = vec!["build", "--today", "2018-09-01", "--out"];
        args.push(dir.path().to_str().unwrap());
        args.push("--compare");
        args.extend(command.split_whitespace());
        let out = actionplan(root(), &args);
        assert_eq!(out.status.code(), Some(0), "{command}: {}", stderr(&out));
        assert_eq!(
            crate::support::file_names(dir.path()),
            [
                "umea-handlingsplan-mot-vald.changes.html",
                "umea-handlingsplan-mot-vald.changes.pdf"
            ],
            "{command}"
        );
    }
}

/// Issue 24 #16: without git at all, `--compare REV` says git is missing,
/// not that the revision is unknown.
#[test]
fn compare_without_git_says_git_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_actionplan"))
        .current_dir(root())
        .env("PATH", dir.path())
        .env("NO_COLOR", "1")
        .args([
            "build",
            "--html",
            "--out",
            dir.path().to_str().unwrap(),
            "--compare",
            "HEAD",
            UMEA,
        ])
        .output()
        .unwrap();
    let stderr = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("git is not installed"), "{stderr}");
    assert!(!stderr.contains("not a git revision"), "{stderr}");
}

/// Issue 24 #16: a plan given by an absolute path outside the repository
/// has no version at a revision: say so, not "HEAD:./<path> does not exist".
#[test]
fn compare_with_a_plan_outside_the_repository_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    if !git(&repo, &["init", "-q"]) {
        eprintln!("SKIPPED: git is not installed");
        return;
    }
    std::fs::write(
        repo.join("a.yaml"),
        std::fs::read(root().join(OLD)).unwrap(),
    )
    .unwrap();
    assert!(git(&repo, &["add", "."]));
    assert!(git(&repo, &["commit", "-q", "-m", "first"]));
    let outside = dir.path().join("outside.yaml");
    std::fs::copy(root().join(UMEA), &outside).unwrap();
    let out_dir = dir.path().join("out");
    let out = actionplan(
        &repo,
        &[
            "build",
            "--html",
            "--out",
            out_dir.to_str().unwrap(),
            "--compare",
            "HEAD",
            outside.to_str().unwrap(),
        ],
    );
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{message}");
    assert!(message.contains("is outside the repository"), "{message}");
    assert!(!message.contains("HEAD:./"), "{message}");
    // An absolute path inside the repository, from a folder below its top, still works.
    std::fs::create_dir(repo.join("sub")).unwrap();
    let inside = repo.join("a.yaml");
    std::fs::write(&inside, std::fs::read(root().join(UMEA)).unwrap()).unwrap();
    let out = actionplan(
        &repo.join("sub"),
        &[
            "build",
            "--html",
            "--today",
            "2018-09-01",
            "--out",
            out_dir.to_str().unwrap(),
            "--compare",
            "HEAD",
            inside.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        crate::support::file_names(&out_dir)
            .iter()
            .any(|n| n == "a.changes.html"),
        "{:?}",
        crate::support::file_names(&out_dir)
    );
}
