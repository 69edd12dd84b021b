//! Finding files in a folder: recursively, in sorted order, hidden entries
//! (names starting with `.`) skipped, so a run does not depend on the order
//! the file system lists them in; and telling the YAML files that are plans
//! from the others a repository holds ([`is_plan`], used by `site` and `watch`).

use std::path::{Path, PathBuf};

use crate::error::AppError;

/// The extensions of plan files (any case).
pub const PLAN_EXTENSIONS: &[&str] = &["yaml", "yml"];

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
        } else if has_extension(&path, extensions) {
            found.push(path);
        }
    }
    Ok(())
}

/// Whether `path`'s extension is one of `extensions` (any case).
pub fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Whether a YAML file is a plan: it has the top-level key `actionplan`
/// (block style, as every plan and `actionplan new` write it). A file that
/// cannot be read counts as a plan, so that the build reports why.
pub fn is_plan(path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return true;
    };
    let text = String::from_utf8_lossy(&bytes);
    text.trim_start_matches('\u{feff}').lines().any(|line| {
        ["actionplan", "\"actionplan\"", "'actionplan'"]
            .iter()
            .any(|key| {
                line.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with(':'))
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
}
