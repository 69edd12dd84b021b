//! An earlier version of a plan, as `diff` and `build --compare` take it: a
//! file, `REV:PATH` read with `git show` from the repository of the current
//! directory, or (for `build --compare`) a bare revision, which names each
//! plan's own file at that revision. A file with the literal name wins.
//!
//! Whatever cannot be read (a missing file, no git, an unknown revision, a
//! path not in the revision) is an [`AppError`], exit 2, before any plan is
//! built; a version that is read but does not validate is the engine's.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::engine::Input;
use crate::error::AppError;
use crate::load::MAX_INPUT_BYTES;

/// A file, or `REV:PATH` from git when no file has that literal name.
pub(super) fn input(arg: &str) -> Result<Input, AppError> {
    let path = Path::new(arg);
    if path.exists() {
        return Ok(Input::File(path.to_path_buf()));
    }
    match rev_path(arg) {
        true => Ok(Input::Text {
            path: PathBuf::from(arg),
            text: git_show(arg)?,
        }),
        false => Ok(Input::File(path.to_path_buf())),
    }
}

/// Whether `arg` reads as `REV:PATH`.
fn rev_path(arg: &str) -> bool {
    matches!(arg.split_once(':'),
        Some((rev, file)) if !rev.is_empty() && !file.is_empty() && !rev.starts_with('-'))
}

/// The earlier version of each plan for `build --compare OLD`: the same
/// file or `REV:PATH` for every plan, or each plan's own path at the
/// revision OLD. Every version is read here, so an unreadable one stops the
/// build before it starts.
pub(super) fn baselines(old: &str, plans: &[Input]) -> Result<Vec<Input>, AppError> {
    let path = Path::new(old);
    if path.exists() {
        // Opened here only to fail early (a folder, a pipe, no permission); the engine reads it.
        crate::files::open_regular(path)?;
        return Ok(plans
            .iter()
            .map(|_| Input::File(path.to_path_buf()))
            .collect());
    }
    if rev_path(old) {
        let text = git_show(old)?;
        let input = Input::Text {
            path: PathBuf::from(old),
            text,
        };
        return Ok(plans.iter().map(|_| input.clone()).collect());
    }
    if !old.starts_with('-') && git_missing() {
        return Err(AppError::Usage(format!(
            "--compare {old}: no file has that name, and git is not installed (or not on PATH), \
             so it cannot be read as a revision (give a plan file, or install git)"
        )));
    }
    if old.starts_with('-') || !is_revision(old) {
        return Err(AppError::Usage(format!(
            "--compare {old}: no file has that name, and it is not a git revision of the repository here \
             (give a plan file, REV:PATH such as HEAD~1:plans/x.yaml, or a revision such as origin/main)"
        )));
    }
    plans
        .iter()
        .map(|plan| {
            let path = relative(plan.path());
            let spec = match path.is_absolute() {
                false => format!("{old}:./{}", path.display()),
                // Not under the current folder: from the repository's top, if it is in it.
                true => match in_repository(&path) {
                    Some(inside) => format!("{old}:{}", inside.display()),
                    None => {
                        return Err(AppError::Usage(format!(
                            "--compare {old}: {} is outside the repository here, so it has no \
                             version at {old}; run from the plan's repository, or give the earlier \
                             version as a file",
                            crate::diagnostics::DisplayPath(plan.path()),
                        )));
                    }
                },
            };
            Ok(Input::Text {
                path: PathBuf::from(&spec),
                text: git_show(&spec)?,
            })
        })
        .collect()
}

/// A plan's path as git reads it after `REV:./`: relative to the current directory.
fn relative(path: &Path) -> PathBuf {
    let path = path.strip_prefix("./").unwrap_or(path);
    match std::env::current_dir() {
        Ok(cwd) if path.is_absolute() => path.strip_prefix(&cwd).unwrap_or(path).to_path_buf(),
        _ => path.to_path_buf(),
    }
}

/// An absolute path relative to the top of the current directory's
/// repository; none when it lies outside (or git cannot say where that is).
fn in_repository(path: &Path) -> Option<PathBuf> {
    let out = Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    let top = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim_end_matches('\n'));
    let top = top.canonicalize().unwrap_or(top);
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    path.strip_prefix(&top).ok().map(Path::to_path_buf)
}

/// Whether git cannot be run at all (not installed, not on `PATH`), which
/// no revision could be told from.
fn git_missing() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
}

/// Whether git knows `rev` as a commit in the current directory's repository.
fn is_revision(rev: &str) -> bool {
    Command::new("git")
        .args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
        .arg(format!("{rev}^{{commit}}"))
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `git show REV:PATH` in the current directory's repository, at most
/// [`MAX_INPUT_BYTES`] of it, as for a plan file on disk (E006): the size
/// is asked first (`git cat-file -s`), and the reading stops at the limit
/// whatever git then sends.
pub(super) fn git_show(spec: &str) -> Result<String, AppError> {
    let too_large = || {
        AppError::Usage(format!(
            "cannot read {spec}: the plan file is larger than {} MiB (E006); \
             a plan of 10,000 measures takes about 3 MiB, so check that this is the right file",
            MAX_INPUT_BYTES / 1024 / 1024
        ))
    };
    if blob_size(spec).is_some_and(|size| size > MAX_INPUT_BYTES) {
        return Err(too_large());
    }
    let cannot_run = |e: std::io::Error| {
        AppError::Usage(format!(
            "cannot read {spec}: no file has that name, and git could not be run to read it as REV:PATH ({e})"
        ))
    };
    let mut child = Command::new("git")
        .args(["show", "--no-textconv", spec])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(cannot_run)?;
    let mut text = Vec::new();
    let read = match child.stdout.take() {
        Some(stdout) => stdout.take(MAX_INPUT_BYTES + 1).read_to_end(&mut text),
        None => Ok(0),
    };
    if text.len() as u64 > MAX_INPUT_BYTES {
        let _ = child.kill();
        let _ = child.wait();
        return Err(too_large());
    }
    let output = child.wait_with_output().map_err(cannot_run)?;
    read.map_err(cannot_run)?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let reason = stderr.lines().next().unwrap_or("git show failed").trim();
        let reason = reason.strip_prefix("fatal: ").unwrap_or(reason);
        return Err(AppError::Usage(format!(
            "cannot read {spec}: no file has that name, and git cannot show it as REV:PATH: {reason}"
        )));
    }
    String::from_utf8(text)
        .map_err(|_| AppError::Usage(format!("{spec} from git is not valid UTF-8")))
}

/// The size in bytes of the object `spec` names, if git can tell
/// (`git cat-file -s`); `None` leaves the error to `git show`, which says it better.
fn blob_size(spec: &str) -> Option<u64> {
    let output = Command::new("git")
        .args(["cat-file", "-s", spec])
        .stdin(Stdio::null())
        .output()
        .ok()?;
    let size = String::from_utf8(output.stdout).ok()?;
    output
        .status
        .success()
        .then(|| size.trim().parse().ok())
        .flatten()
}
