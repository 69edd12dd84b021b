//! What is at an output's path, and so how it may be written: a rename
//! replaces whatever has the name, which is right for a regular file and
//! wrong for a named pipe, a device or a terminal (they would become
//! regular files; as root, `-o /dev/null` would replace the machine's).
//! Also the identity of a file (device and inode), by which an output is
//! told from the plan it is made of, and a folder from one seen before.

use std::io::Write;
use std::path::Path;

use crate::error::AppError;

/// How [`super::atomic_write`] writes to a path.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Target {
    /// A regular file or nothing: a temporary file renamed into place.
    Replace,
    /// The process's own stdout (`/dev/stdout`, `/dev/fd/1`): its handle.
    Stdout,
    /// A named pipe or a device: opened and written, never replaced.
    Through,
}

/// What `path` is, as [`super::atomic_write`] treats it.
pub(super) fn target(path: &Path) -> Result<Target, AppError> {
    let refuse = |why: String| AppError::Usage(format!("cannot write {}: {why}", path.display()));
    let link = match std::fs::symlink_metadata(path) {
        Ok(link) => link,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Target::Replace),
        Err(source) => {
            return Err(AppError::Write {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    if link.is_file() {
        return Ok(Target::Replace);
    }
    // What a link leads to (or the node itself).
    let node = match link.is_symlink() {
        false => link,
        true => std::fs::metadata(path).map_err(|_| {
            refuse("it is a symbolic link to nothing; remove the link or give another name".into())
        })?,
    };
    if node.is_dir() {
        return Err(refuse("it is a folder; give a file name".into()));
    }
    if is_stdout(&node) {
        return Ok(Target::Stdout);
    }
    if node.is_file() {
        return Err(refuse(
            "it is a symbolic link, and outputs are never written through links; \
             give the file it leads to, or remove the link"
                .into(),
        ));
    }
    match special_kind(&node) {
        Some("a socket") | None => Err(refuse("it is a socket; give a file name".into())),
        Some(_) => Ok(Target::Through),
    }
}

/// Writes into a named pipe or a device as it is: opened for writing,
/// neither created nor truncated.
pub(super) fn write_through(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let write_error = |source| AppError::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(write_error)?;
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .map_err(write_error)
}

/// What kind of node a special file is, in words: `Some("a named pipe
/// (FIFO)")`; `None` for a regular file, a folder or a link.
pub fn special_kind(metadata: &std::fs::Metadata) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = metadata.file_type();
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    let t = metadata.file_type();
    (!t.is_file() && !t.is_dir() && !t.is_symlink()).then_some("an unusual kind of file")
}

/// A file's identity: its device and inode, which every name and hard link
/// of it shares.
#[cfg(unix)]
pub fn identity(metadata: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((metadata.dev(), metadata.ino()))
}

/// Without inodes, names are all there is; callers compare those instead.
#[cfg(not(unix))]
pub fn identity(_metadata: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// Whether `node` is the file this process's stdout is.
fn is_stdout(node: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() else {
            return false;
        };
        let Ok(ours) = std::fs::File::from(fd).metadata() else {
            return false;
        };
        identity(&ours) == identity(node)
    }
    #[cfg(not(unix))]
    {
        let _ = node;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn only_a_regular_file_or_nothing_is_renamed_over() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str| dir.path().join(name);
        std::fs::write(at("file"), "x").unwrap();
        std::fs::create_dir(at("folder")).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(at("pipe"))
            .status()
            .unwrap();
        assert!(made.success());
        symlink(at("file"), at("link")).unwrap();
        symlink(at("missing"), at("dangling")).unwrap();
        symlink(at("pipe"), at("link-to-pipe")).unwrap();
        assert_eq!(target(&at("file")).unwrap(), Target::Replace);
        assert_eq!(target(&at("missing")).unwrap(), Target::Replace);
        assert_eq!(target(&at("pipe")).unwrap(), Target::Through);
        assert_eq!(target(&at("link-to-pipe")).unwrap(), Target::Through);
        assert_eq!(target(Path::new("/dev/null")).unwrap(), Target::Through);
        for (name, why) in [
            (
                "link",
                "it is a symbolic link, and outputs are never written through links",
            ),
            ("dangling", "it is a symbolic link to nothing"),
            ("folder", "it is a folder"),
        ] {
            let error = target(&at(name)).unwrap_err().to_string();
            assert!(error.contains(why), "{name}: {error}");
        }
    }
}
