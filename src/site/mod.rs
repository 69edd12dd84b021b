//! The site: every plan of a municipality's repository, built, with an
//! index page and a register for its website (`actionplan site`).
//!
//! [`find`] decides which YAML files are plans and where their documents go;
//! [`build`] runs the one engine over them on every core, writing each
//! plan's documents as soon as they are made; [`Entry`] is what the site
//! knows of a plan afterwards (its outcome and its published files); the
//! [`register`] (`plans.json`) and the [`index`] (`index.html`) are made
//! from the entries. Which documents a plan gets is one list,
//! every format of the registry ([`crate::render::formats::FORMATS`]) that
//! renders a plan, and the index links exactly those.

pub mod find;
pub mod index;
mod order;
pub mod register;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic};
use crate::engine::{Compiler, Destination, Outcome, Request, Verdict};
use crate::model::Language;
use crate::render::Output;
use crate::render::formats::{FORMATS, Format};

pub use find::Found;

/// The formats every plan of the site gets, in the order the index links
/// them: every registered format that renders a plan.
pub fn formats() -> Vec<&'static Format> {
    FORMATS
        .iter()
        .copied()
        .filter(|f| f.plan.is_some())
        .collect()
}

/// The outputs of [`formats`], for naming the files.
pub fn outputs() -> Vec<&'static dyn Output> {
    FORMATS.iter().filter_map(|f| f.plan).collect()
}

/// A plan of the site after its build.
#[derive(Debug)]
pub struct Entry {
    /// Its place: the plan file below its folder, and its documents' folder.
    pub found: Found,
    /// Its diagnostics, its verdict and, when valid, the plan. The documents
    /// themselves are written and dropped.
    pub outcome: Outcome,
    /// The files written, in the order of [`formats`]; empty when the
    /// plan was not built.
    pub published: Vec<Published>,
}

impl Entry {
    /// Whether the plan was built and its documents written.
    pub fn is_published(&self) -> bool {
        self.outcome.verdict() == Verdict::Ok && self.outcome.plan.is_some()
    }
}

/// One document of a plan in the site.
#[derive(Clone, Debug)]
pub struct Published {
    /// The output's registry name: `pdf`.
    pub output: &'static str,
    pub extension: &'static str,
    /// Its path in the site, `/`-separated: `social/vald.pdf`.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// Builds every plan into `out`, one plan per core, writing each plan's
/// files as soon as they are made (under [`crate::write::hold`], so Ctrl-C
/// never ends the run halfway through them); `done` is called after each
/// (its index among `plans`, its outcome) on the thread that built it, e.g.
/// to show progress.
pub fn build(
    compiler: &Compiler,
    plans: &[Found],
    out: &Path,
    done: impl Fn(usize, &Outcome) + Sync,
) -> Vec<Entry> {
    let requests: Vec<_> = plans
        .iter()
        .map(|p| Request::plan(p.input.clone()))
        .collect();
    compiler.compile_all(&requests, |i, mut outcome| {
        let found = &plans[i];
        let destination = Destination {
            out: folder(out, &found.folder),
            emit_typst: None,
        };
        {
            let _writing = crate::write::hold();
            // Never through a linked folder: the site's files stay in `out`.
            let made = match outcome.verdict() {
                Verdict::Ok => crate::write::create_dir_below(out, &destination.out),
                _ => Ok(()),
            };
            match made {
                Ok(()) => compiler.write(&mut outcome, &destination),
                Err(e) => {
                    let diagnostic = Diagnostic::new(Code::Io, None, e.to_string());
                    outcome.reports[0].diagnostics.push(diagnostic);
                }
            }
        }
        let mut published = Vec::new();
        if outcome.verdict() == Verdict::Ok {
            for document in &outcome.documents {
                let format = document.format;
                if let Some(output) = format.plan {
                    published.push(Published {
                        output: format.name,
                        extension: format.extension,
                        path: found.site_path(output),
                        bytes: document.bytes.len() as u64,
                    });
                }
            }
        }
        outcome.documents.clear();
        outcome.inputs.clear();
        done(i, &outcome);
        Entry {
            found: found.clone(),
            outcome,
            published,
        }
    })
}

/// The folder of a site path's files below `out`.
fn folder(out: &Path, folder: &str) -> PathBuf {
    folder
        .split('/')
        .filter(|s| !s.is_empty())
        .fold(out.to_path_buf(), |p, s| p.join(s))
}

/// The language of the index: the one most published plans are written in;
/// Swedish when none is published or on a tie.
pub fn majority_language(entries: &[Entry]) -> Language {
    let count = |language| {
        entries
            .iter()
            .filter_map(|e| e.outcome.plan.as_ref())
            .filter(|p| p.meta.language == language)
            .count()
    };
    match count(Language::English) > count(Language::Swedish) {
        true => Language::English,
        false => Language::Swedish,
    }
}
