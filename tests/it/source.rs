//! Hostile files given to `actionplan source` (issue 23): not a PDF,
//! truncated, none attached, a name that leaves the folder, a compressed
//! bomb, sizes declared or stored over the limit, a foreign filter, a file
//! over 200 MiB. Each is refused with exit 1 and its reason, in under a
//! second, under a 200 MB address-space limit.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crate::archive::{EXAMPLE, actionplan, archive, manifest, stderr};

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
        writeln!(pdf, "{} 0 obj", i + 1).unwrap();
        pdf.extend(object);
        pdf.extend(b"\nendobj\n");
    }
    let xref = pdf.len();
    write!(pdf, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for offset in offsets {
        writeln!(pdf, "{offset:010} 00000 n ").unwrap();
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
    let chunk = |c: &mut Compress| {
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
