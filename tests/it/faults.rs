//! Faults: a killed process, a full disk, two builds racing for one output.
//! In each case the output is either the previous file or a complete new
//! one, never a mix or a truncated file. And hostile file systems: folders
//! whose links loop or lead out, named pipes where plans should be; each
//! run ends, within a generous bound, with a message.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

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
    assert_eq!(crate::support::file_names(&mount), ["minimal.pdf"]);
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
            crate::support::file_names(&out),
            ["plan.pdf"],
            "temporary files were left behind"
        );
    }
}

/// Runs the binary in `dir`, failing the test if it has not ended within a
/// minute (it is then killed): a run that hangs must not hang the suite.
fn run_bounded(dir: &Path, args: &[&str]) -> Output {
    let mut child = bin()
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "{args:?} had not ended after 60 s; stderr:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

fn minimal() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.yaml"),
    )
    .unwrap()
}

#[cfg(unix)]
#[test]
fn a_folder_whose_links_loop_or_lead_out_is_searched_once_and_inside_only() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let l = dir.path().join("L");
    std::fs::create_dir_all(l.join("sub")).unwrap();
    std::fs::write(l.join("plan.yaml"), minimal()).unwrap();
    symlink(".", l.join("a")).unwrap();
    symlink(".", l.join("b")).unwrap();
    symlink("..", l.join("sub/up")).unwrap();
    // A plan outside, with an error that would show were it read.
    let outside = dir.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("o.yaml"), "actionplan: 1\nplan: [\n").unwrap();
    symlink("../outside", l.join("ext")).unwrap();
    symlink("../outside/o.yaml", l.join("o-link.yaml")).unwrap();

    let out = run_bounded(dir.path(), &["validate", "L"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        !stderr.contains("o.yaml:"),
        "read a plan from outside L: {stderr}"
    );
    for link in ["L/ext", "L/o-link.yaml"] {
        let line = format!("note: skipped {link}: a symbolic link that leads out of L");
        assert_eq!(stderr.matches(&line).count(), 1, "{line:?} in:\n{stderr}");
    }
    // The plan is validated once, not once per path through the loops.
    let json = run_bounded(dir.path(), &["validate", "--format", "json", "L"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let paths: Vec<_> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["L/plan.yaml"]);
}

#[cfg(unix)]
#[test]
fn a_named_pipe_where_a_plan_should_be_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let made = Command::new("mkfifo")
        .arg(dir.path().join("x.yaml"))
        .status()
        .unwrap();
    assert!(made.success());
    let out = run_bounded(dir.path(), &["validate", "x.yaml"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot read x.yaml: it is a named pipe (FIFO), not a regular file"),
        "{stderr}"
    );

    // In a folder, beside a plan: the plan is validated, the pipe named.
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    std::fs::write(dir.path().join("plans/plan.yaml"), minimal()).unwrap();
    std::fs::rename(dir.path().join("x.yaml"), dir.path().join("plans/x.yaml")).unwrap();
    let out = run_bounded(dir.path(), &["validate", "plans"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("plans/x.yaml: it is a named pipe"),
        "{stderr}"
    );
    assert!(stderr.contains("plans/plan.yaml"), "{stderr}");

    // `site`: the pipe is listed as not published, with the reason.
    let out = run_bounded(
        dir.path(),
        &["site", "plans", "--out", "public", "--today", "2024-01-01"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let register: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("public/plans.json")).unwrap())
            .unwrap();
    let pipe = &register["plans"][1];
    assert_eq!(
        (&pipe["source"], &pipe["published"]),
        (&"x.yaml".into(), &false.into())
    );
    assert!(
        pipe["diagnostics"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("it is a named pipe")),
        "{pipe}"
    );
    assert!(dir.path().join("public/plan.html").is_file());

    // An earlier version that is a pipe (`build --compare`) is refused before any build.
    let out = run_bounded(
        dir.path(),
        &[
            "build",
            "--html",
            "--compare",
            "plans/x.yaml",
            "plans/plan.yaml",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("it is a named pipe"), "{stderr}");
    assert!(!dir.path().join("out").exists());
}

/// The commands that print a document on stdout, each with what it reads:
/// every one must print something (a warning for `--format github`).
fn printing_commands(dir: &Path) -> Vec<Vec<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let plans = dir.join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    std::fs::copy(
        root.join("tests/fixtures/valid/minimal.yaml"),
        plans.join("minimal.yaml"),
    )
    .unwrap();
    let warning = root.join("tests/fixtures/invalid/W204-unused-body.yaml");
    let plan = root.join("plans/example-en.yaml");
    let s = |p: &Path| p.display().to_string();
    let today = ["--today", "2025-03-01"].map(String::from);
    let mut commands = vec![
        vec![
            "validate".into(),
            "--format".into(),
            "json".into(),
            s(&plan),
        ],
        vec![
            "validate".into(),
            "--format".into(),
            "github".into(),
            s(&warning),
        ],
        vec![
            "validate".into(),
            "--format".into(),
            "gitlab".into(),
            s(&warning),
        ],
        vec!["schema".into()],
        vec!["schema".into(), "--export".into()],
        vec![
            "build".into(),
            "--html".into(),
            "--format".into(),
            "json".into(),
            "--out".into(),
            s(&dir.join("build")),
            s(&plan),
        ],
        vec![
            "site".into(),
            "--format".into(),
            "json".into(),
            "--out".into(),
            s(&dir.join("public")),
            s(&plans),
        ],
    ];
    for c in &mut commands {
        if c[0] != "schema" {
            c.extend(today.iter().cloned());
        }
    }
    commands
}

/// Issue 24 #10: a full stdout (`> /dev/full`) is an I/O error, exit 2 with
/// a message that names stdout, not a panic (exit 101); a reader that goes
/// away (`| head`) is no error at all.
#[test]
fn printing_to_a_full_or_closed_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let commands = printing_commands(dir.path());
    match std::fs::OpenOptions::new().write(true).open("/dev/full") {
        Err(e) => tools::skip(
            "printing_to_a_full_or_closed_stdout (full)",
            &format!("no /dev/full: {e}"),
        ),
        Ok(_) => {
            for args in &commands {
                let full = std::fs::OpenOptions::new()
                    .write(true)
                    .open("/dev/full")
                    .unwrap();
                let out = bin().args(args).stdout(Stdio::from(full)).output().unwrap();
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert_eq!(out.status.code(), Some(2), "{args:?} > /dev/full: {stderr}");
                assert!(stderr.contains("stdout"), "{args:?} > /dev/full: {stderr}");
                assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
            }
        }
    }
    for args in &commands {
        let mut child = bin()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader is gone before anything is written
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?} | (closed): {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
