//! Faults: a killed process, a full disk, two builds racing for one output.
//! In each case the output is either the previous file or a complete new
//! one, never a mix or a truncated file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use crate::support::tools;

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_actionplan"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    cmd
}

fn build(plan: &Path, out: &Path) -> Output {
    bin()
        .args(["build", "--pdf", "--today", "2024-01-01", "--out"])
        .arg(out)
        .arg(plan)
        .output()
        .unwrap()
}

/// A generated plan of `n` measures, big enough that a build takes a while.
fn generated_plan(dir: &Path, name: &str, n: usize, title: &str) -> PathBuf {
    let out = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen-plan.py"))
        .arg(n.to_string())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap().replacen(
        "  title: Handlingsplan",
        &format!("  title: {title}"),
        1,
    );
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn pdf_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_killed_build_leaves_the_previous_or_the_complete_new_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let old_plan = generated_plan(dir.path(), "plan.yaml", 25, "Gammal");
    let out = dir.path().join("out");
    assert!(build(&old_plan, &out).status.success());
    let old = std::fs::read(out.join("plan.pdf")).unwrap();

    // The reference for the new content, built elsewhere.
    let new_dir = dir.path().join("new");
    std::fs::create_dir(&new_dir).unwrap();
    let new_plan = generated_plan(&new_dir, "plan.yaml", 400, "Ny");
    let reference_out = dir.path().join("reference");
    assert!(build(&new_plan, &reference_out).status.success());
    let new = std::fs::read(reference_out.join("plan.pdf")).unwrap();
    assert_ne!(old, new);

    for delay_ms in [5, 40, 120, 250, 400, 600, 900] {
        let mut child = bin()
            .args(["build", "--pdf", "--today", "2024-01-01", "--out"])
            .arg(&out)
            .arg(&new_plan)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = std::fs::read(out.join("plan.pdf")).unwrap();
        assert!(
            now == old || now == new,
            "after a kill at {delay_ms} ms the PDF is neither the old nor the new one ({} bytes)",
            now.len()
        );
    }
}

#[test]
fn a_full_disk_is_an_error_and_keeps_the_previous_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let mount = dir.path().join("small");
    std::fs::create_dir(&mount).unwrap();
    // A 12 KiB file system: mounting needs root, which CI has.
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=12k", "tmpfs"])
        .arg(&mount)
        .status();
    if !mounted.is_ok_and(|s| s.success()) {
        tools::skip(
            "a_full_disk_is_an_error_and_keeps_the_previous_pdf",
            "cannot mount a small tmpfs here (not root?)",
        );
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(mount.clone());
    std::fs::write(mount.join("minimal.pdf"), b"previous").unwrap();
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.yaml");
    let result = build(&plan, &mount);
    assert_eq!(result.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("cannot write") && stderr.contains("No space left"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(mount.join("minimal.pdf")).unwrap(),
        b"previous"
    );
    assert_eq!(pdf_files(&mount), ["minimal.pdf"]);
}

#[test]
fn two_builds_racing_for_one_output_never_mix() {
    let dir = tempfile::tempdir().unwrap();
    let (a_dir, b_dir) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir(&a_dir).unwrap();
    std::fs::create_dir(&b_dir).unwrap();
    let a = generated_plan(&a_dir, "plan.yaml", 150, "Plan A");
    let b = generated_plan(&b_dir, "plan.yaml", 150, "Plan B");
    let (ra, rb) = (dir.path().join("ra"), dir.path().join("rb"));
    assert!(build(&a, &ra).status.success());
    assert!(build(&b, &rb).status.success());
    let (pdf_a, pdf_b) = (
        std::fs::read(ra.join("plan.pdf")).unwrap(),
        std::fs::read(rb.join("plan.pdf")).unwrap(),
    );
    assert_ne!(pdf_a, pdf_b);

    let out = dir.path().join("out");
    for _ in 0..4 {
        let spawn = |plan: &Path| {
            bin()
                .args(["build", "--pdf", "--today", "2024-01-01", "--out"])
                .arg(&out)
                .arg(plan)
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        };
        let (mut x, mut y) = (spawn(&a), spawn(&b));
        assert!(x.wait().unwrap().success());
        assert!(y.wait().unwrap().success());
        let now = std::fs::read(out.join("plan.pdf")).unwrap();
        assert!(
            now == pdf_a || now == pdf_b,
            "the racing builds left a mixed file"
        );
        assert_eq!(
            pdf_files(&out),
            ["plan.pdf"],
            "temporary files were left behind"
        );
    }
}
