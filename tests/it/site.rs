//! `actionplan site`: runs the binary on a folder like a municipality's plan
//! repository (the example plans, a valid plan in a subfolder, an invalid
//! plan, a YAML file that is no plan, the JSON Schema) and checks the site it
//! writes: every valid plan built, the invalid one listed with its errors,
//! the register's contents, links that resolve, the same bytes twice.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const TODAY: &str = "2026-11-29";

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn actionplan(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_actionplan"));
    cmd.env("NO_COLOR", "1").env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.args(args).output().expect("the binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A plan repository: `plans/` as in this one, plus `tests/fixtures/site`.
fn repository(root: &Path) -> PathBuf {
    let plans = root.join("plans");
    copy_tree(&manifest("plans"), &plans);
    copy_tree(&manifest("tests/fixtures/site"), &plans);
    plans
}

fn site(plans: &Path, out: &Path, extra: &[&str], env: &[(&str, &str)]) -> Output {
    let mut args = vec![
        "site",
        plans.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    actionplan(&args, env)
}

fn register(out: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(out.join("plans.json")).unwrap()).unwrap()
}

/// Every file below `dir`, relative, with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                found.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    found.sort();
    found
}

/// The values of `href="…"` in a page, in order, their character
/// references resolved (minijinja writes `/` as `&#x2f;`).
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .map(|rest| {
            rest[..rest.find('"').unwrap()]
                .replace("&#x2f;", "/")
                .replace("&amp;", "&")
        })
        .collect()
}

/// A percent-encoded relative link → the path it names.
fn decode(href: &str) -> String {
    let bytes = href.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&href[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn valid_plans_are_built_and_an_invalid_one_is_listed_with_its_errors() {
    let dir = tempfile::tempdir().unwrap();
    let plans = repository(dir.path());
    let out = dir.path().join("public");
    let result = site(&plans, &out, &["--today", TODAY], &[]);
    let err = stderr(&result);
    assert_eq!(result.status.code(), Some(1), "{err}");

    // The valid plans: page and PDF each, in their folders.
    for file in [
        "umea-handlingsplan-mot-vald.html",
        "umea-handlingsplan-mot-vald.pdf",
        "example-en.html",
        "example-en.pdf",
        "kultur/kulturprogram-åtgärder.html",
        "kultur/kulturprogram-åtgärder.pdf",
        "index.html",
        "plans.json",
    ] {
        assert!(out.join(file).is_file(), "missing {file}\n{err}");
    }
    let pdf = std::fs::read(out.join("example-en.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    // The invalid plan: nothing written; the file that is no plan: skipped.
    assert!(!out.join("broken-plan.html").exists());
    assert!(!out.join("broken-plan.pdf").exists());
    assert!(!out.join("ci.html").exists());
    assert!(
        err.contains("ci.yml: no top-level `actionplan:` key, so not a plan"),
        "{err}"
    );
    // Its diagnostics are printed as `build` prints them.
    assert!(
        err.contains("error[E107]: no body with id `tn` is declared"),
        "{err}"
    );
    assert!(err.contains("broken-plan.yaml:11:10"), "{err}");
    assert!(err.contains("not built:"), "{err}");
    assert!(err.contains("(3 published, 1 not published)"), "{err}");
    // Not a terminal: no progress line.
    assert!(!err.contains('\r') && !err.contains("\x1b["), "{err:?}");

    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.starts_with("<!DOCTYPE html>\n<html lang=\"sv-SE\">"));
    for text in [
        "<h1>Styrdokument</h1>",
        "3 styrdokument · 1 skulle redan ha reviderats · 1 kunde inte publiceras",
        "<time datetime=\"2026-11-29\">29 november 2026</time>",
        "Kunde inte publiceras",
        "<code>broken-plan.yaml</code>",
        "2 fel",
        "rad 11, kolumn 10",
        "no body with id `tn` is declared",
        "E103",
        "Åtgärder för kulturprogrammet",
        "Revidering försenad",
        "Kulturnämnden, 14 december 2023, § 88",
    ] {
        assert!(index.contains(text), "the index lacks {text:?}");
    }
    // The overdue mark is on the one plan whose revise-by date has passed.
    assert_eq!(index.matches("<strong class=\"overdue\">").count(), 1);
    // An English plan in a Swedish index is marked as English.
    assert!(index.contains("<th scope=\"row\" class=\"plan-title\" lang=\"en\">"));

    // Every link of the index resolves to a file of the site.
    let links: Vec<String> = hrefs(&index)
        .into_iter()
        .filter(|h| !h.starts_with('#'))
        .collect();
    assert_eq!(links.len(), 18, "{links:?}"); // three plans: title, page, PDF, json, csv, ics
    assert!(links.contains(&"kultur/kulturprogram-%C3%A5tg%C3%A4rder.pdf".to_string()));
    for link in links {
        assert!(out.join(decode(&link)).is_file(), "{link} does not resolve");
    }
}

#[test]
fn the_register_lists_every_plan_with_machine_values() {
    let dir = tempfile::tempdir().unwrap();
    let plans = repository(dir.path());
    let out = dir.path().join("public");
    let result = site(&plans, &out, &["--today", TODAY], &[]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    let register = register(&out);
    assert_eq!(register["register_version"], 1);
    assert_eq!(register["checked_on"], TODAY);
    assert_eq!(register["language"], "sv");
    let entries = register["plans"].as_array().unwrap();
    let sources: Vec<&str> = entries
        .iter()
        .map(|p| p["source"].as_str().unwrap())
        .collect();
    // In the order found (sorted by path), the schema and ci.yml left out.
    assert_eq!(
        sources,
        [
            "broken-plan.yaml",
            "example-en.yaml",
            "kultur/kulturprogram-åtgärder.yaml",
            "umea-handlingsplan-mot-vald.yaml"
        ]
    );

    let broken = &entries[0];
    assert_eq!(broken["published"], false);
    assert_eq!(broken["errors"], 2);
    assert!(broken.get("title").is_none() && broken.get("documents").is_none());
    let codes: Vec<(&str, u64, u64)> = broken["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert_eq!(d["path"], "broken-plan.yaml");
            (
                d["code"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(codes, [("E103", 10, 35), ("E107", 11, 10)]);

    let umea = &entries[3];
    assert_eq!(umea["published"], true);
    assert!(umea.get("diagnostics").is_none());
    assert_eq!(umea["title"], "Handlingsplan mot våld");
    assert_eq!(umea["status"], "adopted");
    assert_eq!(umea["document_type"], "handlingsplan");
    assert_eq!(umea["language"], "sv");
    assert_eq!(umea["owner"]["id"], "ks");
    assert_eq!(umea["owner"]["name"], "Kommunstyrelsen");
    assert_eq!(umea["period"]["from"], "2018-07-01");
    assert_eq!(umea["decision"]["date"], "2018-06-25");
    assert_eq!(umea["revise_by"], "2021-12-31");
    assert_eq!(umea["revision_overdue"], true);
    assert_eq!(entries[1]["revision_overdue"], false);
    assert_eq!(entries[1]["decision"], Value::Null);

    let culture = &entries[2]["documents"];
    assert_eq!(culture[0]["output"], "html");
    assert_eq!(culture[0]["path"], "kultur/kulturprogram-åtgärder.html");
    assert_eq!(
        culture[1]["href"],
        "kultur/kulturprogram-%C3%A5tg%C3%A4rder.pdf"
    );
    let size = std::fs::metadata(out.join("kultur/kulturprogram-åtgärder.pdf"))
        .unwrap()
        .len();
    assert_eq!(culture[1]["bytes"], size);
}

#[test]
fn two_runs_write_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let plans = repository(dir.path());
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    // The day comes from SOURCE_DATE_EPOCH (2026-11-29 12:00 UTC), as for `build`.
    let epoch = [("SOURCE_DATE_EPOCH", "1795953600")];
    for out in [&a, &b] {
        let result = site(&plans, out, &[], &epoch);
        assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    }
    assert_eq!(register(&a)["checked_on"], "2026-11-29");
    let (first, second) = (files(&a), files(&b));
    assert_eq!(first.len(), 17); // index, register, five documents for each of three plans
    for ((name_a, bytes_a), (name_b, bytes_b)) in first.iter().zip(&second) {
        assert_eq!(name_a, name_b);
        assert!(bytes_a == bytes_b, "{name_a} differs between two runs");
    }
}

#[test]
fn the_index_language_is_the_plans_or_the_one_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("en");
    // Only an English plan: the index is in English.
    let english = manifest("plans/example-en.yaml");
    let result = site(&english, &out, &["--today", TODAY], &[]);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<html lang=\"en\">"));
    assert!(index.contains("<h1>Governing documents</h1>"));
    assert!(index.contains("1 governing document<"));
    assert!(
        !index.contains("lang=\"en\">\n<a"),
        "no lang of its own in its own language"
    );
    assert_eq!(register(&out)["language"], "en");

    // Asked for Swedish, with a heading of its own.
    let out = dir.path().join("sv");
    let result = site(
        &english,
        &out,
        &[
            "--today",
            TODAY,
            "--lang",
            "sv",
            "--title",
            "Umeå <kommuns> planer",
        ],
        &[],
    );
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<html lang=\"sv-SE\">"));
    assert!(index.contains("<h1>Umeå &lt;kommuns&gt; planer</h1>"));
}

#[test]
fn usage_problems_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    // A folder of YAML without plans.
    let empty = dir.path().join("config");
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::copy(manifest("tests/fixtures/site/ci.yml"), empty.join("ci.yml")).unwrap();
    let result = site(&empty, &out, &[], &[]);
    assert_eq!(result.status.code(), Some(2));
    assert!(
        stderr(&result).contains("no plans found"),
        "{}",
        stderr(&result)
    );

    // Two plans whose documents would have the same name.
    for sub in ["a", "b"] {
        let d = dir.path().join(sub);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::copy(
            manifest("tests/fixtures/valid/minimal.yaml"),
            d.join("plan.yaml"),
        )
        .unwrap();
    }
    let result = actionplan(
        &[
            "site",
            dir.path().join("a").to_str().unwrap(),
            dir.path().join("b").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(result.status.code(), Some(2));
    assert!(
        stderr(&result).contains("would both be written as plan.html"),
        "{}",
        stderr(&result)
    );
    assert!(!out.exists());

    // A mistyped folder: nothing is built, and an existing index stays.
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("index.html"), "the published index").unwrap();
    let result = site(&dir.path().join("plnas"), &out, &[], &[]);
    assert_eq!(result.status.code(), Some(2));
    assert!(
        stderr(&result).contains("plnas: no such file or folder"),
        "{}",
        stderr(&result)
    );
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).unwrap(),
        "the published index"
    );
    assert!(!out.join("plans.json").exists());
}

#[test]
fn a_plans_documents_are_the_ones_build_makes() {
    let dir = tempfile::tempdir().unwrap();
    let (site_out, build_out) = (dir.path().join("site"), dir.path().join("build"));
    let plan = manifest("plans/umea-handlingsplan-mot-vald.yaml");
    let epoch = [("SOURCE_DATE_EPOCH", "1795953600")];
    let result = site(&plan, &site_out, &["--today", "2018-09-01"], &epoch);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    let plan = plan.to_str().unwrap();
    let out = build_out.to_str().unwrap();
    let result = actionplan(
        &["build", "--today", "2018-09-01", "--out", out, plan],
        &epoch,
    );
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    for file in [
        "umea-handlingsplan-mot-vald.html",
        "umea-handlingsplan-mot-vald.pdf",
    ] {
        let (a, b) = (
            std::fs::read(site_out.join(file)).unwrap(),
            std::fs::read(build_out.join(file)).unwrap(),
        );
        assert!(a == b, "{file} differs between site and build");
    }
    // Built before the revise-by date: nothing is overdue.
    assert_eq!(register(&site_out)["plans"][0]["revision_overdue"], false);
    let index = std::fs::read_to_string(site_out.join("index.html")).unwrap();
    assert!(!index.contains("class=\"overdue\""));
    assert!(index.contains("1 styrdokument<"));
}

#[test]
fn a_broken_index_template_is_reported_and_leaves_the_old_index() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let plan = manifest("tests/fixtures/site/kultur/kulturprogram-åtgärder.yaml");
    let result = site(&plan, &out, &["--today", TODAY], &[]);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    let before = std::fs::read(out.join("index.html")).unwrap();

    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("site.html"),
        "<p>{{ site.nothing_here }}</p>\n",
    )
    .unwrap();
    let args = [
        "--today",
        "2030-01-01",
        "--templates",
        templates.to_str().unwrap(),
    ];
    let result = site(&plan, &out, &args, &[]);
    let err = stderr(&result);
    assert_eq!(result.status.code(), Some(2), "{err}");
    assert!(
        err.contains("error[E301]") && err.contains("site.html:1:"),
        "{err}"
    );
    assert!(err.contains("not written:"), "{err}");
    // The plan's documents were built; the index is the previous one.
    assert!(out.join("kulturprogram-åtgärder.pdf").is_file());
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), before);
}

/// The site publishes every format of the registry that renders a plan, and
/// the register lists each: a format added to `FORMATS` and left out of
/// the site fails here.
#[test]
fn every_registered_format_is_published_and_registered() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    std::fs::copy(
        manifest("tests/fixtures/valid/minimal.yaml"),
        plans.join("minimal.yaml"),
    )
    .unwrap();
    let out = dir.path().join("public");
    let result = site(&plans, &out, &["--today", TODAY], &[]);
    assert!(result.status.success(), "{}", stderr(&result));
    let register: Value =
        serde_json::from_slice(&std::fs::read(out.join("plans.json")).unwrap()).unwrap();
    let text = register.to_string();
    for format in actionplan::render::formats::FORMATS {
        if format.plan.is_none() {
            continue;
        }
        let file = out.join(format!("minimal.{}", format.extension));
        let bytes = std::fs::read(&file)
            .unwrap_or_else(|e| panic!("{} is not published: {e}", format.name));
        assert!(!bytes.is_empty(), "{} is empty", file.display());
        assert!(
            text.contains(&format!("\"minimal.{}\"", format.extension)),
            "plans.json does not list minimal.{}: {text}",
            format.extension
        );
    }
}

/// A folder `name` below `root` holding the minimal plan as each of `plans`.
fn plans_in(root: &Path, name: &str, plans: &[&str]) -> PathBuf {
    let folder = root.join(name);
    for plan in plans {
        let path = folder.join(plan);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::copy(manifest("tests/fixtures/valid/minimal.yaml"), path).unwrap();
    }
    folder
}

fn sources(out: &Path) -> Vec<String> {
    register(out)["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["source"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn out_that_is_a_searched_folder_is_refused_and_out_inside_one_is_not_searched() {
    let dir = tempfile::tempdir().unwrap();
    let s = plans_in(dir.path(), "S", &["plan.yaml"]);
    std::fs::write(s.join("index.html"), "the user's own page").unwrap();
    std::fs::write(s.join("b.csv"), "the user's own table").unwrap();
    for out in [s.clone(), dir.path().join("S/../S")] {
        let result = site(&s, &out, &[], &[]);
        assert_eq!(result.status.code(), Some(2), "{}", stderr(&result));
        assert!(
            stderr(&result).contains("a folder searched for plans"),
            "{}",
            stderr(&result)
        );
    }
    assert_eq!(
        std::fs::read_to_string(s.join("index.html")).unwrap(),
        "the user's own page"
    );
    assert_eq!(
        std::fs::read_to_string(s.join("b.csv")).unwrap(),
        "the user's own table"
    );
    assert!(!s.join("plan.html").exists() && !s.join("plans.json").exists());

    // `--out` inside the folder: a plan left there (a published copy) is no source.
    let public = plans_in(&s, "public", &["copy.yaml"]);
    let result = site(&s, &public, &["--today", TODAY], &[]);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    assert_eq!(sources(&public), ["plan.yaml"]);
    assert!(!public.join("public").exists());
    assert!(public.join("plan.html").is_file());
}

#[cfg(unix)]
#[test]
fn links_out_of_the_folder_are_not_published_nor_written_through() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let s = plans_in(dir.path(), "S", &["a.yaml", "sub/b.yaml"]);
    plans_in(dir.path(), "outside", &["o.yaml"]);
    symlink("../outside", s.join("ext")).unwrap();
    // A folder of the site that is a link to elsewhere: b's documents would land there.
    let public = dir.path().join("public");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&public).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    symlink(&elsewhere, public.join("sub")).unwrap();

    let result = site(&s, &public, &["--today", TODAY], &[]);
    let err = stderr(&result);
    assert_eq!(result.status.code(), Some(2), "{err}");
    let note = format!(
        "note: skipped {}: a symbolic link that leads out of {}",
        s.join("ext").display(),
        s.display()
    );
    assert_eq!(err.matches(&note).count(), 1, "{note:?} in:\n{err}");
    assert_eq!(sources(&public), ["a.yaml", "sub/b.yaml"]);
    let b = &register(&public)["plans"][1];
    assert_eq!(b["published"], false);
    assert!(
        b["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("it is a symbolic link"),
        "{b}"
    );
    assert_eq!(
        std::fs::read_dir(&elsewhere).unwrap().count(),
        0,
        "a document was written through the link"
    );
    assert!(public.join("a.html").is_file());
}

#[test]
fn a_huge_yaml_file_is_not_read_whole_to_tell_whether_it_is_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    let s = plans_in(dir.path(), "S", &["a.yaml"]);
    // 64 MiB of nothing (sparse): too large to be a plan, so the build says
    // so (E006) instead of the search reading it all and skipping it.
    let huge = std::fs::File::create(s.join("huge.yaml")).unwrap();
    huge.set_len(64 << 20).unwrap();
    let public = dir.path().join("public");
    let result = site(&s, &public, &["--today", TODAY], &[]);
    let err = stderr(&result);
    assert_eq!(result.status.code(), Some(1), "{err}");
    assert!(!err.contains("skipped"), "{err}");
    let plans = register(&public)["plans"].clone();
    assert_eq!(plans[1]["source"], "huge.yaml");
    assert_eq!(plans[1]["diagnostics"][0]["code"], "E006", "{plans}");
}

#[test]
fn names_that_one_file_system_would_merge_after_normalisation_clash() {
    let dir = tempfile::tempdir().unwrap();
    // `Å` as one character (NFC), and as `A` and a combining ring (NFD): one name on macOS.
    let s = plans_in(
        dir.path(),
        "S",
        &["\u{c5}tgärder.yaml", "A\u{30a}tgärder.yaml"],
    );
    let public = dir.path().join("public");
    let result = site(&s, &public, &[], &[]);
    assert_eq!(result.status.code(), Some(2), "{}", stderr(&result));
    assert!(
        stderr(&result).contains("would both be written as"),
        "{}",
        stderr(&result)
    );
    assert!(!public.exists(), "something was built");
}
