//! Write: outputs go to a temporary file in the same folder, are flushed to
//! disk, and are renamed into place. A failed or killed build leaves the
//! previous output as it was, and two builds of the same output never leave
//! a mixed file: each writes its own temporary file and the rename is atomic.

use std::io::Write;
use std::path::Path;
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::error::AppError;

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

/// Writes `bytes` to `path` atomically.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    write_with(path, |file| file.write_all(bytes))
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
    fn a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("plan.pdf");
        assert!(matches!(
            atomic_write(&path, b"new"),
            Err(AppError::Write { .. })
        ));
    }
}
