//! File events for live rebuilds: which plan files, and whether the
//! templates or the fonts, changed since the last rebuild.
//!
//! Editors save in many ways: write in place, truncate then write, write a
//! temporary file and rename it over the plan, or delete the plan and create
//! it again (vim). A watch on the file itself is lost when the file is
//! replaced, so we watch the plan's *folder* and keep the events whose path is
//! the plan's. A folder of plans is watched with everything below it, and
//! its events that may concern a plan are kept: a `*.yaml` or `*.yml` file
//! (not hidden), or a folder created, deleted or moved (its plans come or
//! go with it). Which of those files are plans is [`super::plans`]'s to say.
//! Only events that can change a file count: reading one (as
//! every rebuild reads the plan and the templates) opens it, and counting
//! that would rebuild forever. Events are debounced: a burst of them becomes
//! one change once the watched files have been quiet for [`QUIET`], or for
//! only [`SETTLE`] after an event that ends a save (a file written and
//! closed, or renamed into place), so a save is not kept waiting.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind, RemoveKind, RenameMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use super::plans::{canonical, within};
use crate::error::AppError;
use crate::files::{PLAN_EXTENSIONS, has_extension};

/// How long the watched files must be quiet before their events count as one
/// change. An editor's save (write and rename, delete and create) takes
/// well under this; it is most of the latency of a small plan's rebuild.
pub const QUIET: Duration = Duration::from_millis(25);

/// How long to wait for stragglers after an event that ends a save: the
/// rename into place of write-and-rename, the close of a file written in
/// place. Measured with `scripts/bench-live`: the example plan's `watch`
/// went from 49 to 28 ms with this (see BENCHMARKS.md).
pub const SETTLE: Duration = Duration::from_millis(2);

/// What changed since the last call to [`Watcher::next`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// Plan files, and folders in a folder of plans, that changed: resolved,
    /// sorted, each once. A folder stands for everything below it.
    pub plans: Vec<PathBuf>,
    /// A file in the `--templates` folder.
    pub templates: bool,
    /// A file in the `--font-path` folder.
    pub fonts: bool,
}

impl Change {
    fn is_empty(&self) -> bool {
        self.plans.is_empty() && !self.templates && !self.fonts
    }
}

/// Why [`Watcher::next`] has no change to give.
#[derive(Debug)]
pub enum WatchError {
    /// The system reported a problem (e.g. its queue of events overflowed):
    /// changes may have been missed.
    Lost(String),
    /// The watch ended; no change will come.
    Stopped,
}

/// Watches plan files (through their folders), folders of plans, and two
/// optional folders.
pub struct Watcher {
    // Kept alive: dropping it stops the watch.
    _watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    /// Plan files, their folders resolved.
    plans: Vec<PathBuf>,
    /// Folders of plans, resolved.
    folders: Vec<PathBuf>,
    templates: Option<PathBuf>,
    fonts: Option<PathBuf>,
}

impl Watcher {
    /// Starts watching the plan files `plans` and the folders of plans
    /// `folders` (both resolved, see [`super::plans`]). An `Err` is a usage
    /// or I/O problem: a given folder that does not exist, or no watch can
    /// be set.
    pub fn new(
        plans: &[&Path],
        folders: &[&Path],
        templates: Option<&Path>,
        fonts: Option<&Path>,
    ) -> Result<Self, AppError> {
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(tx).map_err(watch_error)?;
        // A folder below another given one is watched with it already.
        let tops = folders.iter().filter(|f| {
            !folders
                .iter()
                .any(|other| f.starts_with(other) && *f != other)
        });
        for folder in tops.collect::<BTreeSet<_>>() {
            watcher
                .watch(folder, RecursiveMode::Recursive)
                .map_err(watch_error)?;
        }
        // A plan file's folder, unless a folder of plans holds it already.
        let parents: BTreeSet<&Path> = plans
            .iter()
            .filter_map(|p| p.parent())
            .filter(|p| !folders.iter().any(|f| p.starts_with(f)))
            .collect();
        for parent in parents {
            watcher
                .watch(parent, RecursiveMode::NonRecursive)
                .map_err(watch_error)?;
        }
        let mut watch_tree = |dir: Option<&Path>| -> Result<Option<PathBuf>, AppError> {
            let Some(dir) = dir else { return Ok(None) };
            let dir = canonical(dir)?;
            watcher
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(watch_error)?;
            Ok(Some(dir))
        };
        let templates = watch_tree(templates)?;
        let fonts = watch_tree(fonts)?;
        Ok(Watcher {
            _watcher: watcher,
            events,
            plans: plans.iter().map(|p| p.to_path_buf()).collect(),
            folders: folders.iter().map(|p| p.to_path_buf()).collect(),
            templates,
            fonts,
        })
    }

    /// Blocks until something watched changes, then until the watched files
    /// have been quiet for [`QUIET`].
    pub fn next(&self) -> Result<Change, WatchError> {
        loop {
            let mut paths = Vec::new();
            let first = self.events.recv().map_err(|_| WatchError::Stopped)?;
            let Some(mut quiet) = self.take(first, &mut paths)? else {
                continue;
            };
            // Quiet is counted from the last event of a watched file: other
            // files of the folder (a log being written) do not prolong it.
            let mut last = Instant::now();
            loop {
                let left = quiet.saturating_sub(last.elapsed());
                match self.events.recv_timeout(left) {
                    Ok(event) => {
                        if let Some(next) = self.take(event, &mut paths)? {
                            quiet = next;
                            last = Instant::now();
                        }
                    }
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return Err(WatchError::Stopped),
                }
            }
            let change = self.classify(paths);
            if !change.is_empty() {
                return Ok(change);
            }
        }
    }

    /// Keeps the paths of an event that may have changed a watched file,
    /// and says how long to wait for more after it; `None` if it changed
    /// nothing watched.
    fn take(
        &self,
        event: notify::Result<Event>,
        paths: &mut Vec<PathBuf>,
    ) -> Result<Option<Duration>, WatchError> {
        let event = event.map_err(|e| WatchError::Lost(format!("watching files: {e}")))?;
        let reads = matches!(
            event.kind,
            EventKind::Access(
                AccessKind::Open(_) | AccessKind::Read | AccessKind::Close(AccessMode::Read)
            )
        );
        let before = paths.len();
        if !reads {
            let kind = event.kind;
            paths.extend(event.paths.into_iter().filter(|p| self.concerns(p, kind)));
        }
        if paths.len() == before {
            return Ok(None);
        }
        let ends_a_save = matches!(
            event.kind,
            EventKind::Access(AccessKind::Close(AccessMode::Write))
                | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
        );
        Ok(Some(if ends_a_save { SETTLE } else { QUIET }))
    }

    /// A change of everything watched: what to rebuild (and search again)
    /// when events were lost.
    pub fn everything(&self) -> Change {
        Change {
            plans: self.plans.iter().chain(&self.folders).cloned().collect(),
            templates: self.templates.is_some(),
            fonts: self.fonts.is_some(),
        }
    }

    /// Whether an event of `kind` on `path` may change something watched.
    fn concerns(&self, path: &Path, kind: EventKind) -> bool {
        // A folder's name says nothing, and some systems do not say that a
        // path is a folder: any creation, removal or move may be one.
        let moves = matches!(
            kind,
            EventKind::Create(CreateKind::Folder | CreateKind::Any)
                | EventKind::Remove(RemoveKind::Folder | RemoveKind::Any)
                | EventKind::Modify(ModifyKind::Name(_))
        );
        let in_folder = |f: &PathBuf| {
            f != path && within(f, path) && (moves || has_extension(path, PLAN_EXTENSIONS))
        };
        self.plans.iter().any(|p| p == path)
            || self.folders.iter().any(in_folder)
            || self.in_templates(path)
            || self.in_fonts(path)
    }

    fn in_templates(&self, path: &Path) -> bool {
        self.templates.as_ref().is_some_and(|d| path.starts_with(d))
    }

    fn in_fonts(&self, path: &Path) -> bool {
        self.fonts.as_ref().is_some_and(|d| path.starts_with(d))
    }

    /// The change made of the paths of [`Self::take`]n events.
    fn classify(&self, paths: Vec<PathBuf>) -> Change {
        let mut change = Change::default();
        let mut plans = BTreeSet::new();
        for path in paths {
            change.templates |= self.in_templates(&path);
            change.fonts |= self.in_fonts(&path);
            if self.plans.contains(&path) || self.folders.iter().any(|f| path.starts_with(f)) {
                plans.insert(path);
            }
        }
        change.plans = plans.into_iter().collect();
        change
    }
}

fn watch_error(e: notify::Error) -> AppError {
    AppError::Usage(format!("cannot watch files: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_paths_that_concern_plans_templates_or_fonts() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("t")).unwrap();
        std::fs::create_dir_all(root.join("plans")).unwrap();
        let (plan, plans) = (root.join("plan.yaml"), root.join("plans"));
        let watcher = Watcher::new(&[&plan], &[&plans], Some(&root.join("t")), None).unwrap();
        let write = EventKind::Modify(ModifyKind::Data(notify::event::DataChange::Any));
        let made_folder = EventKind::Create(CreateKind::Folder);
        let events = [
            (root.join(".plan.yaml.swp"), write),
            (root.join("plan.yaml"), write),
            (root.join("t/style.css"), write),
            (root.join("other.yaml"), write),
            (plans.join("new.yml"), write),
            (plans.join("new.yml~"), write),
            (plans.join(".new.yml.swp"), write),
            (plans.join(".git/x.yaml"), write),
            (plans.join("notes.txt"), write),
            (plans.join("sub"), made_folder),
            (plans.clone(), made_folder),
        ];
        let kept: Vec<PathBuf> = events
            .into_iter()
            .filter(|(path, kind)| watcher.concerns(path, *kind))
            .map(|(path, _)| path)
            .collect();
        assert_eq!(
            watcher.classify(kept),
            Change {
                plans: vec![plan, plans.join("new.yml"), plans.join("sub")],
                templates: true,
                fonts: false
            }
        );
        assert!(watcher.classify(Vec::new()).is_empty());
    }
}
