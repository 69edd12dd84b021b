//! Finding files in a folder: recursively, in sorted order, hidden entries
//! (names starting with `.`) skipped, so a run does not depend on the order
//! the file system lists them in.

use std::path::{Path, PathBuf};

use crate::error::AppError;

/// The files below `dir` whose extension is one of `extensions` (any case).
pub fn find(dir: &Path, extensions: &[&str]) -> Result<Vec<PathBuf>, AppError> {
    let mut found = Vec::new();
    walk(dir, extensions, &mut found)?;
    Ok(found)
}

fn walk(dir: &Path, extensions: &[&str], found: &mut Vec<PathBuf>) -> Result<(), AppError> {
    let read_error = |source| AppError::Read {
        path: dir.to_path_buf(),
        source,
    };
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
        if path.is_dir() {
            walk(&path, extensions, found)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
        {
            found.push(path);
        }
    }
    Ok(())
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
}
