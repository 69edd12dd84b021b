//! Finding files in a folder: recursively, in sorted order, hidden entries
//! (names starting with `.`) skipped, so a run does not depend on the order
//! the file system lists them in; telling the YAML files that are plans
//! from the others a repository holds ([`is_plan`], used by `site` and
//! `watch`); and opening a file to read only when it is a regular file
//! ([`open_regular`]), so a named pipe or a device never blocks a run.
//!
//! Symbolic links in a folder are followed only while they stay inside the
//! folder searched: one that leads out of it is skipped, with a note on
//! stderr, so a folder cannot publish files from elsewhere. Each folder is
//! searched once, known by its device and inode, so links that loop
//! (`a -> .`) end the walk instead of multiplying paths.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::AppError;
use crate::write::{identity, special_kind};

/// The largest plan file accepted: 10 MiB, about 40 times a 10,000-measure
/// plan. Here, below the loader, because the folder walk reads files too.
pub const MAX_INPUT_BYTES: u64 = 10 * 1024 * 1024;

/// The extensions of plan files (any case).
pub const PLAN_EXTENSIONS: &[&str] = &["yaml", "yml"];

/// The files below `dir` whose extension is one of `extensions` (any case).
/// A symbolic link that leads out of `dir` is skipped with a one-line note
/// on stderr.
pub fn find(dir: &Path, extensions: &[&str]) -> Result<Vec<PathBuf>, AppError> {
    let walk = walk(dir, extensions)?;
    for link in &walk.links_out {
        note_link_out(link, dir);
    }
    Ok(walk.files)
}

/// The files below `dir` as [`find`] finds them, but following symbolic
/// links wherever they lead (each folder still searched once): for a folder
/// of the user's own that is no plan repository (`--font-path`, whose links
/// to installed fonts are the point).
pub fn find_anywhere(dir: &Path, extensions: &[&str]) -> Result<Vec<PathBuf>, AppError> {
    let mut search = Search::new(dir, extensions, false)?;
    search.folder(dir)?;
    Ok(search.walk.files)
}

/// The one line that says a link was not followed.
pub fn note_link_out(link: &Path, dir: &Path) {
    use std::io::Write;
    // Not eprintln!: a closed stderr is no reason to stop.
    let _ = writeln!(
        std::io::stderr(),
        "note: skipped {}: a symbolic link that leads out of {}",
        link.display(),
        dir.display()
    );
}

/// What a search of a folder found.
#[derive(Debug, Default)]
pub struct Walk {
    /// The files with a wanted extension, in sorted order.
    pub files: Vec<PathBuf>,
    /// Symbolic links (to files or folders) that lead out of the folder, not followed.
    pub links_out: Vec<PathBuf>,
}

/// Searches `dir` as [`find`] does, and returns the links it did not follow
/// instead of printing them.
pub fn walk(dir: &Path, extensions: &[&str]) -> Result<Walk, AppError> {
    walk_except(dir, extensions, None)
}

/// Searches `dir` as [`walk`] does, leaving out the folder `except` (a
/// site's output folder inside it) if it is there.
pub fn walk_except(
    dir: &Path,
    extensions: &[&str],
    except: Option<&Path>,
) -> Result<Walk, AppError> {
    let mut search = Search::new(dir, extensions, true)?;
    if let Some(id) = except
        .and_then(|e| std::fs::metadata(e).ok())
        .and_then(|m| identity(&m))
    {
        // Known as searched already, so it never is.
        search.seen.insert(id);
    }
    search.folder(dir)?;
    Ok(search.walk)
}

struct Search<'a> {
    /// The folder searched, resolved, when links must stay below it.
    root: Option<PathBuf>,
    extensions: &'a [&'a str],
    /// The folders searched so far, by device and inode.
    seen: HashSet<(u64, u64)>,
    walk: Walk,
}

impl<'a> Search<'a> {
    fn new(dir: &Path, extensions: &'a [&'a str], inside: bool) -> Result<Self, AppError> {
        let root = match inside {
            true => Some(dir.canonicalize().map_err(|source| AppError::Read {
                path: dir.to_path_buf(),
                source,
            })?),
            false => None,
        };
        Ok(Search {
            root,
            extensions,
            seen: HashSet::new(),
            walk: Walk::default(),
        })
    }

    fn folder(&mut self, dir: &Path) -> Result<(), AppError> {
        let read_error = |source| AppError::Read {
            path: dir.to_path_buf(),
            source,
        };
        let metadata = std::fs::metadata(dir).map_err(read_error)?;
        if let Some(id) = identity(&metadata)
            && !self.seen.insert(id)
        {
            // Searched already, through another name: a loop or a second link.
            return Ok(());
        }
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .map_err(read_error)?
            .collect::<Result<_, _>>()
            .map_err(read_error)?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
            if is_link {
                match path.canonicalize() {
                    Ok(target) if self.root.as_ref().is_some_and(|r| !target.starts_with(r)) => {
                        self.walk.links_out.push(path);
                        continue;
                    }
                    Ok(_) => {}
                    // A link to nothing, or one that loops on itself: as a
                    // file, its build says it cannot be read.
                    Err(_) => {
                        if has_extension(&path, self.extensions) {
                            self.walk.files.push(path);
                        }
                        continue;
                    }
                }
            }
            if path.is_dir() {
                self.folder(&path)?;
            } else if has_extension(&path, self.extensions) {
                self.walk.files.push(path);
            }
        }
        Ok(())
    }
}

/// Whether `path`'s extension is one of `extensions` (any case).
pub fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Opens `path` to read when it is a regular file (a link to one is fine).
/// A folder is [`AppError::IsDirectory`]; a named pipe, a device or a
/// socket is an [`AppError::Read`] that says what it is. The type is looked
/// at before opening, so a device is never opened, and again on the opened
/// file, which is opened without blocking, so a file swapped for a pipe in
/// between cannot stop the run either.
pub fn open_regular(path: &Path) -> Result<std::fs::File, AppError> {
    let io_error = |source| AppError::Read {
        path: path.to_path_buf(),
        source,
    };
    check_regular(path, &std::fs::metadata(path).map_err(io_error)?)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(io_error)?;
    check_regular(path, &file.metadata().map_err(io_error)?)?;
    Ok(file)
}

fn check_regular(path: &Path, metadata: &std::fs::Metadata) -> Result<(), AppError> {
    if metadata.is_dir() {
        return Err(AppError::IsDirectory(path.to_path_buf()));
    }
    match special_kind(metadata) {
        None => Ok(()),
        Some(kind) => Err(AppError::Read {
            path: path.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("it is {kind}, not a regular file; give a plan file"),
            ),
        }),
    }
}

/// How far into a file [`is_plan`] looks for the key: as far as a plan
/// may be long ([`MAX_INPUT_BYTES`]), in small pieces.
const PLAN_KEY_WITHIN: u64 = MAX_INPUT_BYTES;
/// The most of a line's start [`is_plan`] keeps: the key, quotes, blanks and `:`.
const LINE_HEAD: usize = 64;

/// Whether a YAML file is a plan: it has the top-level key `actionplan`
/// (block style, as every plan and `actionplan new` write it). A file that
/// cannot be read as a plan (missing, not a regular file, larger than a
/// plan may be) counts as one, so that the build reports why. It is read
/// in pieces, keeping only the start of each line, up to the size limit of
/// a plan: memory stays small whatever the file.
pub fn is_plan(path: &Path) -> bool {
    let Ok(file) = open_regular(path) else {
        return true;
    };
    if file.metadata().is_ok_and(|m| m.len() > PLAN_KEY_WITHIN) {
        return true;
    }
    let mut reader = file.take(PLAN_KEY_WITHIN);
    let mut chunk = [0u8; 64 * 1024];
    let mut head: Vec<u8> = Vec::with_capacity(LINE_HEAD);
    let mut first = true;
    // Whether the current line's start is still being kept.
    let mut keeping = true;
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return true,
        };
        for &byte in &chunk[..n] {
            if byte == b'\n' {
                if keeping && is_key_line(&head, first) {
                    return true;
                }
                head.clear();
                first = false;
                keeping = true;
            } else if keeping {
                head.push(byte);
                if head.len() == LINE_HEAD {
                    keeping = false;
                    if is_key_line(&head, first) {
                        return true;
                    }
                }
            }
        }
    }
    keeping && is_key_line(&head, first)
}

/// Whether a line's start is the top-level key `actionplan:`.
fn is_key_line(head: &[u8], first: bool) -> bool {
    let mut line = head;
    if first {
        line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line);
    }
    [&b"actionplan"[..], b"\"actionplan\"", b"'actionplan'"]
        .iter()
        .any(|key| {
            line.strip_prefix(*key).is_some_and(|rest| {
                let blanks = rest
                    .iter()
                    .take_while(|b| matches!(b, b' ' | b'\t'))
                    .count();
                rest.get(blanks) == Some(&b':')
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_matching_files_sorted_and_skips_hidden_ones() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/c")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        for f in [
            "z.yaml",
            "a.YML",
            "b/c/d.yaml",
            "b/notes.txt",
            ".hidden.yaml",
            ".git/x.yaml",
        ] {
            std::fs::write(root.join(f), "").unwrap();
        }
        let found: Vec<String> = find(root, &["yaml", "yml"])
            .unwrap()
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(found, ["a.YML", "b/c/d.yaml", "z.yaml"]);
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_once_and_only_inside_the_folder() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("L");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::create_dir_all(dir.path().join("outside")).unwrap();
        std::fs::write(root.join("sub/p.yaml"), "").unwrap();
        std::fs::write(dir.path().join("outside/o.yaml"), "").unwrap();
        symlink(".", root.join("a")).unwrap();
        symlink("..", root.join("sub/up")).unwrap();
        symlink("sub", root.join("same")).unwrap();
        symlink("../outside", root.join("ext")).unwrap();
        symlink("/dev/zero", root.join("z.yaml")).unwrap();
        symlink("missing.yaml", root.join("gone.yaml")).unwrap();
        let walk = walk(&root, &["yaml"]).unwrap();
        let names = |paths: &[PathBuf]| -> Vec<String> {
            paths
                .iter()
                .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
                .collect()
        };
        // `same` is `sub` by another name: its plan is found once, first as `same/p.yaml`.
        assert_eq!(names(&walk.files), ["gone.yaml", "same/p.yaml"]);
        assert_eq!(names(&walk.links_out), ["ext", "z.yaml"]);
    }

    #[test]
    fn is_plan_looks_at_line_starts_only_and_reads_in_bounded_pieces() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            path
        };
        // The key after a line far longer than what is kept of each line start.
        let mut long = vec![b'#'; 200_000];
        long.extend_from_slice(b"\r\nactionplan  :\t1\r\n");
        assert!(is_plan(&write("long.yaml", &long)));
        let mut inside = vec![b'x'; 100];
        inside.extend_from_slice(b" actionplan: 1\n");
        assert!(!is_plan(&write("inside.yaml", &inside)));
        assert!(is_plan(&write(
            "bom.yaml",
            "\u{feff}'actionplan': 1".as_bytes()
        )));
        assert!(!is_plan(&write(
            "bom2.yaml",
            "x: 1\n\u{feff}actionplan: 1".as_bytes()
        )));
        assert!(!is_plan(&write("no-colon.yaml", b"actionplans: 1\n")));
        // Larger than any plan may be: a plan as far as the search goes, so
        // that its build reports the size (E006), and not read to find out.
        let huge = std::fs::File::create(dir.path().join("huge.yaml")).unwrap();
        huge.set_len(MAX_INPUT_BYTES + 1).unwrap();
        assert!(is_plan(&dir.path().join("huge.yaml")));
    }

    #[cfg(unix)]
    #[test]
    fn what_is_not_a_regular_file_is_not_opened_for_reading() {
        let dir = tempfile::tempdir().unwrap();
        let pipe = dir.path().join("x.yaml");
        let made = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap();
        assert!(made.success());
        let error = open_regular(&pipe).unwrap_err().to_string();
        assert!(
            error.ends_with("it is a named pipe (FIFO), not a regular file; give a plan file"),
            "{error}"
        );
        // A plan, as far as the search goes: its build says what it is.
        assert!(is_plan(&pipe));
        let zero = open_regular(Path::new("/dev/zero"))
            .unwrap_err()
            .to_string();
        assert!(zero.contains("it is a character device"), "{zero}");
        assert!(matches!(
            open_regular(dir.path()),
            Err(AppError::IsDirectory(_))
        ));
    }
}
