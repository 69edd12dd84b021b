//! File events for live rebuilds: which plans, and whether the templates or
//! the fonts, changed since the last rebuild.
//!
//! Editors save in many ways: write in place, truncate then write, write a
//! temporary file and rename it over the plan, or delete the plan and create
//! it again (vim). A watch on the file itself is lost when the file is
//! replaced, so we watch the plan's *folder* and keep the events whose path is
//! the plan's. Only events that can change a file count: reading one (as
//! every rebuild reads the plan and the templates) opens it, and counting
//! that would rebuild forever. Events are debounced: a burst of them becomes
//! one change once the watched files have been quiet for [`QUIET`], or for
//! only [`SETTLE`] after an event that ends a save (a file written and
//! closed, or renamed into place), so a save is not kept waiting.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::error::AppError;

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
    /// Indexes into the plans given to [`Watcher::new`], in order.
    pub plans: Vec<usize>,
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

/// Watches plan files (through their folders) and two optional folders.
pub struct Watcher {
    // Kept alive: dropping it stops the watch.
    _watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    /// Each plan's absolute path, its folder resolved.
    plans: Vec<PathBuf>,
    templates: Option<PathBuf>,
    fonts: Option<PathBuf>,
}

impl Watcher {
    /// Starts watching. An `Err` is a usage or I/O problem: a plan's folder
    /// or a given folder that does not exist, or no watch can be set.
    pub fn new(
        plans: &[&Path],
        templates: Option<&Path>,
        fonts: Option<&Path>,
    ) -> Result<Self, AppError> {
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(tx).map_err(watch_error)?;
        let plans: Vec<PathBuf> = plans
            .iter()
            .map(|p| resolve_plan(p))
            .collect::<Result<_, _>>()?;
        let folders: BTreeSet<&Path> = plans.iter().filter_map(|p| p.parent()).collect();
        for folder in folders {
            watcher
                .watch(folder, RecursiveMode::NonRecursive)
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
            plans,
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
            let change = self.classify(paths.iter().map(PathBuf::as_path));
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
        let watched = !reads
            && !self
                .classify(event.paths.iter().map(PathBuf::as_path))
                .is_empty();
        if !watched {
            return Ok(None);
        }
        let ends_a_save = matches!(
            event.kind,
            EventKind::Access(AccessKind::Close(AccessMode::Write))
                | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
        );
        paths.extend(event.paths);
        Ok(Some(if ends_a_save { SETTLE } else { QUIET }))
    }

    /// A change of everything watched: what to rebuild when events were lost.
    pub fn everything(&self) -> Change {
        Change {
            plans: (0..self.plans.len()).collect(),
            templates: self.templates.is_some(),
            fonts: self.fonts.is_some(),
        }
    }

    fn classify<'a>(&self, paths: impl Iterator<Item = &'a Path>) -> Change {
        let mut change = Change::default();
        let mut plans = BTreeSet::new();
        for path in paths {
            plans.extend(
                self.plans
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.as_path() == path)
                    .map(|(i, _)| i),
            );
            let under = |dir: &Option<PathBuf>| dir.as_ref().is_some_and(|d| path.starts_with(d));
            change.templates |= under(&self.templates);
            change.fonts |= under(&self.fonts);
        }
        change.plans = plans.into_iter().collect();
        change
    }
}

/// The plan's path with its folder made absolute and free of links, as the
/// watch reports paths; the file itself may be missing for a moment.
fn resolve_plan(plan: &Path) -> Result<PathBuf, AppError> {
    let folder = match plan.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = plan
        .file_name()
        .ok_or_else(|| AppError::Usage(format!("{} is not a file name", plan.display())))?;
    Ok(canonical(folder)?.join(name))
}

fn canonical(path: &Path) -> Result<PathBuf, AppError> {
    path.canonicalize().map_err(|source| AppError::Read {
        path: path.to_path_buf(),
        source,
    })
}

fn watch_error(e: notify::Error) -> AppError {
    AppError::Usage(format!("cannot watch files: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths_by_plan_and_folder() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan.yaml");
        let templates = dir.path().join("t");
        std::fs::create_dir(&templates).unwrap();
        let watcher = Watcher::new(&[&plan], Some(&templates), None).unwrap();
        let root = dir.path().canonicalize().unwrap();
        let change = watcher.classify(
            [
                root.join(".plan.yaml.swp"),
                root.join("plan.yaml"),
                root.join("t/style.css"),
            ]
            .iter()
            .map(PathBuf::as_path),
        );
        assert_eq!(
            change,
            Change {
                plans: vec![0],
                templates: true,
                fonts: false
            }
        );
        let other = watcher.classify(std::iter::once(root.join("other.yaml").as_path()));
        assert!(other.is_empty());
    }
}
