//! Live rebuilds, shared by `watch` and `serve`: one engine kept alive
//! between edits, the file events that start a rebuild, and a clean end on
//! Ctrl-C.
//!
//! A [`Session`] owns one [`Compiler`] with [`Lifetime::Long`], so Typst lays
//! out again only what an edit touched, and old cache entries are evicted by
//! age. It rebuilds only the plans that changed (all of them when a template
//! or a font changed; a font change makes a new compiler, as the fonts are
//! loaded once per compiler). Its [`Plans`] follow the folders given: a plan
//! created there is built, a deleted one is dropped. What the outcomes are
//! then used for (written, served) and how they are printed is the command's.
//!
//! [`page`] makes the page `serve` sends (reload script, error overlay) and
//! [`server`] is its small HTTP server (the protocol itself in `http`).

mod http;
pub mod page;
mod plans;
pub mod server;
mod watcher;

use std::path::PathBuf;
use std::time::{Duration, Instant};

pub use plans::Plans;
pub use watcher::{Change, WatchError, Watcher};

use crate::engine::{Compiler, Destination, Lifetime, Options, Outcome, Request};
use crate::error::AppError;

/// How many rebuilds a cache entry of Typst may go unused before it is
/// evicted (the Typst CLI's `watch` uses 10 too).
pub const EVICT_AFTER: usize = 10;

/// Ends the process with exit code 0 on Ctrl-C (and SIGTERM), after any
/// write in progress. Nothing else needs cleaning up: outputs are only ever
/// written through [`Session::write`].
pub fn exit_on_ctrl_c() -> Result<(), AppError> {
    crate::write::exit_on_interrupt(0)
}

/// One plan's rebuild.
pub struct Rebuilt {
    pub outcome: Outcome,
    /// From the start of the rebuild to the end of its compilation.
    pub elapsed: Duration,
}

/// What a change did: the plans that left, those refused, the rebuilds.
#[derive(Default)]
pub struct Rebuild {
    /// Plans found in a folder whose file is gone, as shown; no longer built.
    pub dropped: Vec<PathBuf>,
    /// New plans not taken, and why.
    pub refused: Vec<String>,
    pub rebuilt: Vec<Rebuilt>,
}

impl Rebuild {
    /// Nothing to say: the change concerned no plan.
    pub fn is_empty(&self) -> bool {
        self.dropped.is_empty() && self.refused.is_empty() && self.rebuilt.is_empty()
    }
}

/// The engine and the plans of a live command.
pub struct Session {
    options: Options,
    compiler: Compiler,
    plans: Plans,
}

impl Session {
    /// Loads the fonts once; the options' lifetime becomes [`Lifetime::Long`].
    pub fn new(plans: Plans, mut options: Options) -> Result<Self, AppError> {
        options.lifetime = Lifetime::Long {
            evict_after: EVICT_AFTER,
        };
        Ok(Session {
            compiler: Compiler::new(options.clone())?,
            options,
            plans,
        })
    }

    /// Starts watching the plans, their folders, and the templates and fonts folders.
    pub fn watch(&self) -> Result<Watcher, AppError> {
        Watcher::new(
            &self.plans.named_files(),
            &self.plans.folders(),
            self.options.templates.dir(),
            self.options.font_path.as_deref(),
        )
    }

    /// Compiles every plan (the first build).
    pub fn build_all(&self) -> Vec<Rebuilt> {
        (0..self.plans.len()).map(|i| self.compile(i)).collect()
    }

    /// Follows a change: plans leave or join, and what it touched is
    /// compiled. When the fonts changed and cannot be loaded again, nothing
    /// is rebuilt, the old fonts stay, and the problem is returned.
    pub fn rebuild(&mut self, change: &Change) -> Result<Rebuild, AppError> {
        if change.fonts {
            self.compiler = Compiler::new(self.options.clone())?;
        }
        let update = self.plans.update(&change.plans);
        let rebuilt = match change.templates || change.fonts {
            true => self.build_all(),
            false => update.build.iter().map(|&i| self.compile(i)).collect(),
        };
        Ok(Rebuild {
            dropped: update.dropped,
            refused: update.refused,
            rebuilt,
        })
    }

    fn compile(&self, index: usize) -> Rebuilt {
        let start = Instant::now();
        let request = Request::plan(self.plans.input(index).clone());
        let outcome = self.compiler.compile(&request);
        Rebuilt {
            outcome,
            elapsed: start.elapsed(),
        }
    }

    /// Writes an outcome's documents, unless it has errors (then the last
    /// good files stay). Ctrl-C waits for this to finish.
    pub fn write(&self, outcome: &mut Outcome, destination: &Destination) {
        let _writing = crate::write::hold();
        self.compiler.write(outcome, destination);
    }
}
