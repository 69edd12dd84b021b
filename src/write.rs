//! Write: outputs go to a temporary file in the same folder, are flushed to
//! disk, and are renamed into place. A failed or killed build leaves the
//! previous output as it was, and two builds of the same output never leave
//! a mixed file: each writes its own temporary file and the rename is atomic.
//!
//! A rename replaces whatever has the name, so it is used only where the
//! name is a regular file or nothing ([`atomic_write`] decides): a named
//! pipe, a device or a terminal (`-o /dev/stdout`, `-o /dev/null`) is
//! written through, as a shell's `>` would, and a symbolic link to a regular
//! file is refused rather than replaced or followed: the link may lead
//! anywhere, and a site's folder must not write outside itself. No output
//! may be an input ([`check_not_input`]): compared by file identity, so a
//! second name or a hard link of the plan is caught too.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::error::AppError;

mod target;

use target::{Target, target, write_through};
pub use target::{identity, special_kind};

/// Held while outputs are written. Ctrl-C waits for it (see
/// [`exit_on_interrupt`]), so the process never ends between a temporary
/// file's creation and its rename.
static WRITING: Mutex<()> = Mutex::new(());

/// Holds off the end on Ctrl-C until the guard is dropped: take it around
/// the writing of files that belong together.
pub fn hold() -> MutexGuard<'static, ()> {
    WRITING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Ends the process with `code` on Ctrl-C (and SIGTERM), after any write
/// in progress under [`hold`].
pub fn exit_on_interrupt(code: i32) -> Result<(), AppError> {
    ctrlc::set_handler(move || {
        let _writing = hold();
        // Not eprintln!: it panics when stderr is gone (a closed pipe), and
        // a panic here would end this thread instead of the process.
        let _ = writeln!(std::io::stderr());
        std::process::exit(code);
    })
    .map_err(|e| AppError::Usage(format!("cannot handle Ctrl-C: {e}")))
}

/// Writes `bytes` to `path`: atomically (a temporary file renamed into
/// place) when `path` is a regular file or missing; straight through when it
/// is a named pipe, a device or our own stdout, which a rename would replace
/// by a regular file. A folder, a symbolic link to a regular file or to
/// nothing, and a socket are refused.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    match target(path)? {
        Target::Replace => write_with(path, |file| file.write_all(bytes)),
        Target::Stdout => {
            let mut stdout = std::io::stdout().lock();
            (stdout.write_all(bytes).and_then(|()| stdout.flush())).map_err(|source| {
                AppError::Write {
                    path: path.to_path_buf(),
                    source,
                }
            })
        }
        Target::Through => write_through(path, bytes),
    }
}

/// Refuses to write `output` when it is one of `inputs` (the plan, an
/// earlier version of it): compared by file identity, so `./p.yaml`, a
/// link to it or a hard link is the same file. An output that does not
/// exist yet is no input.
pub fn check_not_input<'a>(
    output: &Path,
    inputs: impl IntoIterator<Item = &'a Path>,
) -> Result<(), AppError> {
    let Ok(out) = std::fs::metadata(output) else {
        return Ok(());
    };
    for input in inputs {
        let Ok(theirs) = std::fs::metadata(input) else {
            continue;
        };
        let same = match (identity(&out), identity(&theirs)) {
            (Some(a), Some(b)) => a == b,
            _ => canonical(output) == canonical(input),
        };
        if same {
            return Err(AppError::Usage(format!(
                "{} is the plan {} itself; writing there would replace the plan: choose another output",
                output.display(),
                input.display()
            )));
        }
    }
    Ok(())
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// Writes to `path` atomically with `write`, which fills the temporary file.
fn write_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), AppError> {
    let write_error = |source| AppError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A temporary file is private (0600) by default; the output is an
    // ordinary file, readable as the umask allows (usually 0644).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(write_error)?;
    write(temp.as_file_mut()).map_err(write_error)?;
    temp.as_file().sync_all().map_err(write_error)?;
    // A temporary file is removed when dropped, so an error above leaves nothing behind.
    temp.persist(path).map_err(|e| write_error(e.error))?;
    Ok(())
}

/// Creates the output folder, with its parents. A file where a folder must
/// be is said in words: the system's "File exists" does not say which.
pub fn create_dir(dir: &Path) -> Result<(), AppError> {
    std::fs::create_dir_all(dir).map_err(|source| {
        let in_the_way = (dir.ancestors())
            .filter(|a| !a.as_os_str().is_empty())
            .find(|a| a.exists() && !a.is_dir());
        match in_the_way {
            Some(file) => AppError::Usage(format!(
                "cannot make the folder {}: {} is a file, not a folder; choose another output path",
                crate::diagnostics::DisplayPath(dir),
                crate::diagnostics::DisplayPath(file)
            )),
            None => AppError::Write {
                path: dir.to_path_buf(),
                source,
            },
        }
    })
}

/// Creates `dir`, a folder below `root` (a site's `--out`), with the
/// folders between, refusing a symbolic link on the way: the site's files
/// stay inside `root` whatever links it holds. `root` itself may be a link.
pub fn create_dir_below(root: &Path, dir: &Path) -> Result<(), AppError> {
    create_dir(root)?;
    let below = dir.strip_prefix(root).unwrap_or(dir);
    let mut current = root.to_path_buf();
    for part in below.components() {
        current.push(part);
        let made = match std::fs::symlink_metadata(&current) {
            Ok(_) => Ok(()),
            Err(_) => std::fs::create_dir(&current),
        };
        // Looked at after making it: another plan's build may have made it first.
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.is_symlink() => {
                return Err(AppError::Usage(format!(
                    "cannot write into {}: it is a symbolic link, and the site writes only into \
                     its own folders; remove the link",
                    current.display()
                )));
            }
            Ok(m) if m.is_dir() => {}
            _ => {
                let source = made.err().unwrap_or_else(|| {
                    std::io::Error::new(std::io::ErrorKind::AlreadyExists, "a file has that name")
                });
                return Err(AppError::Write {
                    path: current,
                    source,
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.pdf");
        std::fs::write(&path, b"old").unwrap();
        atomic_write(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn outputs_are_readable_by_others_as_the_umask_allows() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.html");
        atomic_write(&path, b"x").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_ne!(
            mode, 0o600,
            "the output kept the temporary file's private mode"
        );
        assert_eq!(mode & 0o400, 0o400);
    }

    #[test]
    fn a_failed_write_keeps_the_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.pdf");
        std::fs::write(&path, b"previous").unwrap();
        // Half the new output is written, then the disk is full.
        let result = write_with(&path, |file| {
            file.write_all(b"half of the n")?;
            Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "no space left",
            ))
        });
        assert!(matches!(result, Err(AppError::Write { .. })), "{result:?}");
        assert_eq!(std::fs::read(&path).unwrap(), b"previous");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["plan.pdf"], "a temporary file was left behind");
    }

    #[test]
    fn an_input_is_no_output_by_any_name() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan.yaml");
        std::fs::write(&plan, "actionplan: 1").unwrap();
        std::fs::hard_link(&plan, dir.path().join("same.json")).unwrap();
        let other = dir.path().join("other.json");
        std::fs::write(&other, "{}").unwrap();
        let inputs = [plan.as_path()];
        for name in ["plan.yaml", "./plan.yaml", "same.json"] {
            let output = dir.path().join(name);
            let error = check_not_input(&output, inputs).unwrap_err().to_string();
            assert!(error.contains("would replace the plan"), "{error}");
        }
        assert!(check_not_input(&other, inputs).is_ok());
        assert!(check_not_input(&dir.path().join("new.json"), inputs).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_folder_below_the_root_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("public");
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, root.join("sub")).unwrap();
        let error = create_dir_below(&root, &root.join("sub/deeper"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("it is a symbolic link"), "{error}");
        assert!(!elsewhere.join("deeper").exists());
        create_dir_below(&root, &root.join("a/b")).unwrap();
        assert!(root.join("a/b").is_dir());
    }

    #[test]
    fn a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("plan.pdf");
        assert!(matches!(
            atomic_write(&path, b"new"),
            Err(AppError::Write { .. })
        ));
    }
}
