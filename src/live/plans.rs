//! Which plans a live command builds, and how that set follows the files.
//!
//! A plan file named on the command line stays for as long as the command
//! runs: while it is missing (an editor deletes and re-creates it on save),
//! its rebuild reports that it cannot be read, and it comes back with the
//! file. A folder named on the command line is searched as `build` searches
//! it (recursively, `*.yaml` and `*.yml`, hidden entries skipped), and, as
//! `site` does, only its files with a top-level `actionplan:` key are plans
//! ([`files::is_plan`]); other YAML (a CI configuration) is left alone. The
//! folder stays searched: a plan created in it, moved into it, or that gains
//! the key joins the set and is built; a plan deleted or moved away leaves
//! it. Hidden files (`.plan.yaml.swp`) and files of other extensions
//! (`plan.yaml~`, `plan.yaml.tmp`) are never plans, so editors' temporary
//! and swap files start nothing.
//!
//! Plans are known by their path with its folders resolved (as the file
//! watch reports paths), and shown by the path the user gave: a plan found
//! later in `plans/` is `plans/new.yaml`, like those found at the start.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::engine::{self, Input};
use crate::error::AppError;
use crate::files::{self, PLAN_EXTENSIONS};
use crate::render::Output;

/// The plans of a live command.
pub struct Plans {
    entries: Vec<Entry>,
    folders: Vec<Folder>,
    /// The outputs written: a new plan whose files would replace another
    /// plan's is refused.
    outputs: Vec<&'static dyn Output>,
}

#[derive(Debug)]
struct Entry {
    input: Input,
    /// The path with its folders resolved.
    key: PathBuf,
    /// Named on the command line: kept when its file is missing.
    named: bool,
}

#[derive(Debug)]
struct Folder {
    /// As given on the command line.
    given: PathBuf,
    /// Resolved.
    key: PathBuf,
}

/// What a change of files did to the set of plans.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Update {
    /// The plans to build: changed, or new. Indexes into [`Plans::inputs`], in order.
    pub build: Vec<usize>,
    /// Plans found in a folder whose file is gone (deleted or moved away), as shown.
    pub dropped: Vec<PathBuf>,
    /// New plans not taken, and why (their files would replace another plan's).
    pub refused: Vec<String>,
}

impl Plans {
    /// The plans of `args`, in the order given: files as they are (always
    /// plans), folders searched for plans (none yet is fine: they may come).
    /// The same file named twice is one plan. Also returns the YAML files
    /// of the folders that are not plans. Two plans whose outputs would have
    /// the same name are a usage error, as for `build`.
    pub fn find(
        args: &[PathBuf],
        outputs: &[&'static dyn Output],
    ) -> Result<(Plans, Vec<PathBuf>), AppError> {
        let mut plans = Plans::new(outputs);
        let mut skipped = Vec::new();
        for arg in args {
            if arg.is_dir() {
                plans.folders.push(Folder {
                    given: arg.clone(),
                    key: canonical(arg)?,
                });
                for file in files::find(arg, PLAN_EXTENSIONS)? {
                    match files::is_plan(&file) {
                        true => plans.add(Input::File(file), false)?,
                        false => skipped.push(file),
                    }
                }
            } else {
                plans.add(Input::File(arg.clone()), true)?;
            }
        }
        engine::check_unique_names(&plans.inputs(), outputs)?;
        Ok((plans, skipped))
    }

    /// Exactly these plans, each as named on the command line; no folder is searched.
    pub fn named(inputs: Vec<Input>, outputs: &[&'static dyn Output]) -> Result<Plans, AppError> {
        let mut plans = Plans::new(outputs);
        for input in inputs {
            plans.add(input, true)?;
        }
        Ok(plans)
    }

    fn new(outputs: &[&'static dyn Output]) -> Plans {
        Plans {
            entries: Vec::new(),
            folders: Vec::new(),
            outputs: outputs.to_vec(),
        }
    }

    fn add(&mut self, input: Input, named: bool) -> Result<(), AppError> {
        let key = resolve_file(input.path())?;
        match self.entries.iter_mut().find(|e| e.key == key) {
            Some(entry) => entry.named |= named,
            None => self.entries.push(Entry { input, key, named }),
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn input(&self, index: usize) -> &Input {
        &self.entries[index].input
    }

    pub fn inputs(&self) -> Vec<Input> {
        self.entries.iter().map(|e| e.input.clone()).collect()
    }

    /// The files named on the command line, resolved: watched one by one.
    pub fn named_files(&self) -> Vec<&Path> {
        let files = self.entries.iter().filter(|e| e.named);
        files.map(|e| e.key.as_path()).collect()
    }

    /// The folders named on the command line, resolved: watched with all below them.
    pub fn folders(&self) -> Vec<&Path> {
        self.folders.iter().map(|f| f.key.as_path()).collect()
    }

    /// Whether a file event on `path` may concern a plan in a folder: it
    /// is below one, and neither it nor a folder between is hidden.
    pub fn in_folder(&self, path: &Path) -> bool {
        self.folder_of(path).is_some()
    }

    fn folder_of(&self, path: &Path) -> Option<&Folder> {
        self.folders.iter().find(|f| within(&f.key, path))
    }

    /// Follows a change of the files at `paths` (resolved; a folder stands
    /// for all below it): plans there are to be built again, those of a
    /// folder that are gone leave, and plans new in a folder join.
    pub fn update(&mut self, paths: &[PathBuf]) -> Update {
        let mut update = Update::default();
        let touched = |key: &Path| paths.iter().any(|p| key.starts_with(p));
        self.entries.retain(|e| {
            let gone = !e.named && touched(&e.key) && !e.key.is_file();
            if gone {
                update.dropped.push(e.input.path().to_path_buf());
            }
            !gone
        });
        update.build = (0..self.entries.len())
            .filter(|&i| touched(&self.entries[i].key))
            .collect();
        for file in self.candidates(paths) {
            match self.join(&file) {
                Ok(true) => update.build.push(self.entries.len() - 1),
                Ok(false) => {}
                Err(why) => update.refused.push(why),
            }
        }
        update
    }

    /// Plan files below a folder at `paths` that are not plans yet.
    fn candidates(&self, paths: &[PathBuf]) -> BTreeSet<PathBuf> {
        let mut found = BTreeSet::new();
        for path in paths.iter().filter(|p| self.in_folder(p)) {
            if path.is_dir() {
                // A folder created or moved in: its events may have come
                // before it was watched.
                found.extend(files::find(path, PLAN_EXTENSIONS).unwrap_or_default());
            } else if files::has_extension(path, PLAN_EXTENSIONS) {
                found.insert(path.clone());
            }
        }
        found.retain(|f| !self.entries.iter().any(|e| &e.key == f));
        found
    }

    /// Takes `file` as a new plan if it is one: `Ok(true)` when it joined,
    /// `Err` when its outputs would replace another plan's.
    fn join(&mut self, file: &Path) -> Result<bool, String> {
        let Some(folder) = self.folder_of(file) else {
            return Ok(false);
        };
        if !file.is_file() || !files::is_plan(file) {
            return Ok(false);
        }
        let shown = match file.strip_prefix(&folder.key) {
            Ok(below) => folder.given.join(below),
            Err(_) => file.to_path_buf(),
        };
        let input = Input::File(shown);
        let stem = engine::stem(input.path());
        if let Some(other) = self
            .entries
            .iter()
            .find(|e| engine::stem(e.input.path()) == stem)
        {
            let pair = [other.input.clone(), input.clone()];
            if let Err(e) = engine::check_unique_names(&pair, &self.outputs) {
                return Err(format!("not building {}: {e}", input.path().display()));
            }
        }
        self.entries.push(Entry {
            input,
            key: file.to_path_buf(),
            named: false,
        });
        Ok(true)
    }
}

/// Whether `path` is `folder` or below it with no hidden name on the way,
/// as [`files::find`] searches.
pub(super) fn within(folder: &Path, path: &Path) -> bool {
    path.strip_prefix(folder).is_ok_and(|below| {
        below
            .components()
            .all(|c| !c.as_os_str().to_string_lossy().starts_with('.'))
    })
}

/// A file's path with its folder made absolute and free of links, as the
/// watch reports paths; the file itself may be missing for a moment.
pub(super) fn resolve_file(file: &Path) -> Result<PathBuf, AppError> {
    let folder = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = file
        .file_name()
        .ok_or_else(|| AppError::Usage(format!("{} is not a file name", file.display())))?;
    Ok(canonical(folder)?.join(name))
}

pub(super) fn canonical(path: &Path) -> Result<PathBuf, AppError> {
    path.canonicalize().map_err(|source| AppError::Read {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{html::HtmlOutput, pdf::PdfOutput};

    const OUTPUTS: &[&dyn Output] = &[&HtmlOutput, &PdfOutput];
    const PLAN: &str = "actionplan: 1\n";

    fn write(root: &Path, name: &str, text: &str) -> PathBuf {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    fn shown(plans: &Plans) -> Vec<String> {
        let inputs = plans.inputs();
        inputs
            .iter()
            .map(|i| i.path().display().to_string())
            .collect()
    }

    /// A folder with a plan and a CI file, found as `<root>/plans`.
    fn folder() -> (tempfile::TempDir, PathBuf, Plans) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        write(&root, "plans/a.yaml", PLAN);
        write(&root, "plans/ci.yml", "stages: [build]\n");
        let (plans, skipped) = Plans::find(&[root.join("plans")], OUTPUTS).unwrap();
        assert_eq!(skipped, [root.join("plans/ci.yml")]);
        (dir, root, plans)
    }

    #[test]
    fn plans_join_and_leave_a_folder_and_other_files_do_not() {
        let (_dir, root, mut plans) = folder();
        let plans_dir = root.join("plans");
        assert_eq!(
            shown(&plans),
            [plans_dir.join("a.yaml").display().to_string()]
        );

        let b = write(&root, "plans/sub/b.yaml", PLAN);
        let ci = write(&root, "plans/ci.yml", "stages: [test]\n");
        let swap = write(&root, "plans/.a.yaml.swp", PLAN);
        let backup = write(&root, "plans/a.yaml~", PLAN);
        let update = plans.update(&[b.clone(), ci, swap, backup]);
        assert_eq!(update.build, [1], "only b is built: {update:?}");
        assert_eq!(plans.len(), 2);

        // The CI file gains the key: now it is a plan.
        let ci = write(&root, "plans/ci.yml", PLAN);
        assert_eq!(plans.update(std::slice::from_ref(&ci)).build, [2]);

        std::fs::remove_file(&b).unwrap();
        let update = plans.update(std::slice::from_ref(&b));
        assert_eq!(update.dropped, [plans_dir.join("sub/b.yaml")]);
        assert!(update.build.is_empty());
        assert_eq!(plans.len(), 2);

        // A folder moved in: its plans join; moved away: they leave.
        write(&root, "elsewhere/c.yaml", PLAN);
        std::fs::rename(root.join("elsewhere"), plans_dir.join("moved")).unwrap();
        let update = plans.update(&[plans_dir.join("moved")]);
        assert_eq!(update.build, [2]);
        std::fs::rename(plans_dir.join("moved"), root.join("elsewhere")).unwrap();
        let update = plans.update(&[plans_dir.join("moved")]);
        assert_eq!(update.dropped, [plans_dir.join("moved/c.yaml")]);

        // Outside the folder, or in a hidden folder below it: not a plan.
        let outside = write(&root, "other/d.yaml", PLAN);
        let hidden = write(&root, "plans/.git/e.yaml", PLAN);
        assert_eq!(plans.update(&[outside, hidden]), Update::default());
    }

    #[test]
    fn a_named_file_stays_while_it_is_missing() {
        let (_dir, root, _) = folder();
        let a = root.join("plans/a.yaml");
        let (mut plans, _) = Plans::find(&[root.join("plans"), a.clone()], OUTPUTS).unwrap();
        assert_eq!(plans.len(), 1, "named twice, one plan");
        std::fs::remove_file(&a).unwrap();
        let update = plans.update(std::slice::from_ref(&a));
        assert_eq!(update.build, [0]);
        assert!(update.dropped.is_empty());
    }

    #[test]
    fn a_new_plan_that_would_replace_another_plans_files_is_refused() {
        let (_dir, root, mut plans) = folder();
        let twin = write(&root, "plans/sub/a.yaml", PLAN);
        let update = plans.update(&[twin]);
        assert!(update.build.is_empty());
        assert_eq!(update.refused.len(), 1);
        assert!(
            update.refused[0].contains("would both be written as a.html"),
            "{:?}",
            update.refused
        );
        assert_eq!(plans.len(), 1);
    }
}
