//! The archival PDF (`build --archive`, issue 23) and `actionplan source`:
//! the plan goes in byte for byte, comes out byte for byte, and a rebuild
//! from it is the same PDF. Hostile files given to `source` are refused
//! with exit 1, quickly and in bounded memory.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crate::support::tools;

const UMEA: &str = "plans/umea-handlingsplan-mot-vald.yaml";
const EXAMPLE: &str = "plans/example-en.yaml";

fn manifest(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Runs the binary in `dir`, with a fixed document date.
fn actionplan(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_actionplan"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `build --archive --pdf` of `plan` into `dir/out`; the PDF's bytes.
fn archive(dir: &Path, plan: &Path, extra: &[&str]) -> Vec<u8> {
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

// ----- hostile files given to `source` --------------------------------------

/// `source FILE` in `dir` with at most 200 MB of address space: a reader
/// that tried to hold a bomb would fail to allocate instead of exiting 1.
fn source_bounded(dir: &Path, file: &str) -> (Output, Duration) {
    let start = Instant::now();
    let out = Command::new("sh")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("-c")
        .arg("ulimit -v 204800; exec \"$0\" source -o - \"$1\"")
        .arg(env!("CARGO_BIN_EXE_actionplan"))
        .arg(file)
        .output()
        .unwrap();
    (out, start.elapsed())
}

fn refused(dir: &Path, file: &str, message: &str) {
    let (out, took) = source_bounded(dir, file);
    assert_eq!(out.status.code(), Some(1), "{file}: {}", stderr(&out));
    let said = stderr(&out);
    assert!(
        said.starts_with(&format!("error: {file}: ")),
        "{file}: {said}"
    );
    assert!(said.contains(message), "{file}: {said}");
    assert!(out.stdout.is_empty(), "{file}: wrote something");
    assert!(took < Duration::from_secs(1), "{file}: took {took:?}");
}

/// A small PDF with one page whose catalogue lists one attached file
/// marked as the source, `data` as its stream (`filter` and `params`, such
/// as `/Params << /Size 5 >>`, in its dictionary).
fn pdf_with(data: &[u8], filter: &str, params: &str) -> Vec<u8> {
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R /AF [4 0 R] >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>".to_vec(),
        b"<< /Type /Filespec /F (p.yaml) /UF (p.yaml) /AFRelationship /Source /EF << /F 5 0 R >> >>"
            .to_vec(),
        [
            format!("<< /Type /EmbeddedFile {filter} {params} /Length {} >>\nstream\n", data.len())
                .as_bytes(),
            data,
            b"\nendstream",
        ]
        .concat(),
    ];
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        write!(pdf, "{} 0 obj\n", i + 1).unwrap();
        pdf.extend(object);
        pdf.extend(b"\nendobj\n");
    }
    let xref = pdf.len();
    write!(pdf, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for offset in offsets {
        write!(pdf, "{offset:010} 00000 n \n").unwrap();
    }
    write!(
        pdf,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    )
    .unwrap();
    pdf
}

/// A zlib stream that inflates to `gib` GiB of zeros, made without
/// compressing them all: one fully flushed MiB, repeated.
fn bomb(gib: usize) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let zeros = vec![0u8; 1 << 20];
    let mut compress = Compress::new(Compression::best(), true);
    let mut chunk = |c: &mut Compress| {
        let mut out = Vec::with_capacity(1 << 16);
        c.compress_vec(&zeros, &mut out, FlushCompress::Full)
            .unwrap();
        out
    };
    let first = chunk(&mut compress);
    let next = chunk(&mut compress);
    let mut stream = first;
    for _ in 1..gib * 1024 {
        stream.extend(&next);
    }
    stream
}

#[test]
fn hostile_files_are_refused_quickly_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |name: &str, bytes: &[u8]| std::fs::write(d.join(name), bytes).unwrap();

    write("plan.pdf", &std::fs::read(manifest(EXAMPLE)).unwrap());
    refused(d, "plan.pdf", "this is not a PDF");

    archive(d, &manifest(EXAMPLE), &[]);
    let whole = std::fs::read(d.join("out/example-en.pdf")).unwrap();
    write("truncated.pdf", &whole[..whole.len() / 3]);
    refused(d, "truncated.pdf", "the PDF is damaged or truncated");

    // A plain build: a PDF/A-2a without attachments.
    let out = actionplan(
        d,
        &[
            "build",
            "--pdf",
            "--out",
            "plain",
            manifest(EXAMPLE).to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::copy(d.join("plain/example-en.pdf"), d.join("plain.pdf")).unwrap();
    refused(d, "plain.pdf", "the PDF carries no source file");

    // The hand-made PDF is read when it is honest.
    write(
        "small.pdf",
        &pdf_with(b"a: 1\n", "", "/Params << /Size 5 >>"),
    );
    let (out, _) = source_bounded(d, "small.pdf");
    assert_eq!(
        (out.status.code(), out.stdout.as_slice()),
        (Some(0), &b"a: 1\n"[..]),
        "{}",
        stderr(&out)
    );

    // A name that would leave the current folder (the same length, so the
    // offsets hold).
    let small = pdf_with(b"a: 1\n", "", "");
    let text = String::from_utf8(small).unwrap();
    write("name.pdf", text.replace("(p.yaml)", "(../.ya)").as_bytes());
    // Run one folder down, so a name that escaped would land in `d`.
    std::fs::create_dir(d.join("inner")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_actionplan"))
        .current_dir(d.join("inner"))
        .args(["source", "../name.pdf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(
        said.contains("named \"../.ya\", which is not a plain file name; give one with -o"),
        "{said}"
    );
    assert!(!d.join(".ya").exists());
    let (out, _) = source_bounded(d, "name.pdf");
    assert_eq!(out.stdout, b"a: 1\n", "with -o the name does not matter");

    // 4 GiB of zeros in about 4 MB: inflated only up to the plan limit.
    write("bomb.pdf", &pdf_with(&bomb(4), "/Filter /FlateDecode", ""));
    refused(d, "bomb.pdf", "the attached source is larger than 10 MiB");
    write(
        "declared.pdf",
        &pdf_with(b"a: 1\n", "", "/Params << /Size 99999999999 >>"),
    );
    refused(
        d,
        "declared.pdf",
        "the attached source is larger than 10 MiB",
    );
    write("stored.pdf", &pdf_with(&vec![b'#'; 11 << 20], "", ""));
    refused(d, "stored.pdf", "the attached source is larger than 10 MiB");
    write("filter.pdf", &pdf_with(b"a: 1\n", "/Filter /LZWDecode", ""));
    refused(d, "filter.pdf", "encoded with LZWDecode");

    // Over 200 MiB: refused before it is read (a sparse file, no disk used).
    let huge = std::fs::File::create(d.join("huge.pdf")).unwrap();
    huge.set_len(200 * 1024 * 1024 + 1).unwrap();
    refused(d, "huge.pdf", "the file is larger than 200 MiB");
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
