//! The engine: one compiler under every command.
//!
//! A [`Compiler`] owns what stays the same between builds: the options, the
//! templates, the fonts, and Typst's memo cache. It turns a plan ([`Input`]:
//! a file, or a text held in memory such as an editor's buffer) into one
//! [`Outcome`]: every diagnostic of every file involved (plan, templates,
//! fonts, I/O) and the documents it produced, in memory. [`Compiler::write`]
//! then puts them in place. `build` and `validate` run it once per plan;
//! long-running commands keep it alive between edits, as the Typst CLI's
//! `compile` and `watch` share one `compile_once`.
//!
//! This module decides what no command should decide on its own: the order
//! of the stages, output file names ([`file_name`]), the documents' date,
//! and when Typst's cache is emptied ([`Lifetime`]).

mod names;
mod outcome;
mod report;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use rayon::prelude::*;

pub use names::{check_unique_names, file_name, report_file_name, stem};
pub use outcome::{Document, ExitStatus, Outcome, Verdict};
pub use report::ReportRequest;

use crate::error::AppError;
use crate::render::fonts::Fonts;
use crate::render::{Context, Output, Templates};
use crate::source::SourceFile;
use crate::{Timings, check_source, load, render, validate, view, write};

/// Everything a build depends on besides the plan.
#[derive(Clone)]
pub struct Options {
    pub validate: validate::Options,
    /// Warnings of any file refuse the build, as errors do.
    pub deny_warnings: bool,
    /// The documents to make, from [`render::OUTPUTS`]; none: only check.
    pub outputs: Vec<&'static dyn Output>,
    pub templates: Templates,
    /// A folder of extra fonts.
    pub font_path: Option<PathBuf>,
    /// The documents' date instead of the plan's (`SOURCE_DATE_EPOCH`, see
    /// [`source_date_epoch`]).
    pub timestamp: Option<NaiveDateTime>,
    pub lifetime: Lifetime,
}

impl Options {
    /// Check only, against `today`, with the embedded templates.
    pub fn check(today: chrono::NaiveDate) -> Self {
        Options {
            validate: validate::Options { today },
            deny_warnings: false,
            outputs: Vec::new(),
            templates: Templates::embedded(),
            font_path: None,
            timestamp: None,
            lifetime: Lifetime::Once,
        }
    }

    /// Check and make every registered document.
    pub fn build(today: chrono::NaiveDate) -> Self {
        Options {
            outputs: render::OUTPUTS.to_vec(),
            ..Options::check(today)
        }
    }
}

/// How long the compiler lives, which decides what Typst's memo cache keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lifetime {
    /// One run, then the process exits. One plan keeps everything; the plans
    /// of a batch share little, so the cache is emptied after each and
    /// memory stays that of one plan (8 plans of ~2,500 measures: 1.8 GB
    /// peak instead of 5.6 GB, for about a third more time).
    Once,
    /// Many builds of the same plans (`watch`, `serve`, `lsp`): what an edit
    /// leaves alone is laid out again from the cache, and entries unused for
    /// this many builds are evicted, so memory stays bounded.
    Long { evict_after: usize },
}

/// A plan to build.
#[derive(Clone, Debug)]
pub enum Input {
    /// A file on disk, read by the engine.
    File(PathBuf),
    /// A text in memory, named by the path its diagnostics and outputs use.
    Text { path: PathBuf, text: String },
}

impl Input {
    pub fn path(&self) -> &Path {
        match self {
            Input::File(path) | Input::Text { path, .. } => path,
        }
    }
}

/// Where [`Compiler::write`] puts a plan's files.
#[derive(Clone, Debug)]
pub struct Destination {
    /// The documents: `<out>/<plan>.pdf`, `<out>/<plan>.html`.
    pub out: PathBuf,
    /// What the outputs' engines are fed: `<dir>/<plan>/plan.typ` and `data.json`.
    pub emit_typst: Option<PathBuf>,
}

/// The compiler. Shareable between threads: a batch builds plans in parallel.
pub struct Compiler {
    options: Options,
    fonts: Option<Fonts>,
    fonts_time: Duration,
}

impl Compiler {
    /// Loads the fonts if a document needs them. An `Err` is a usage
    /// problem (a `--font-path` that is not a folder of fonts).
    pub fn new(options: Options) -> Result<Self, AppError> {
        let start = Instant::now();
        let fonts = match options.outputs.iter().any(|o| o.needs_fonts()) {
            true => Some(Fonts::load(options.font_path.as_deref())?),
            false => None,
        };
        Ok(Compiler {
            fonts_time: start.elapsed(),
            fonts,
            options,
        })
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// How long loading the fonts took.
    pub fn fonts_time(&self) -> Duration {
        self.fonts_time
    }

    /// Load → validate → view → render, in memory. Never fails: every
    /// problem is a diagnostic in the outcome.
    pub fn compile(&self, input: &Input) -> Outcome {
        let outcome = self.compile_uncached(input, None);
        if let Lifetime::Long { evict_after } = self.options.lifetime {
            typst::comemo::evict(evict_after);
        }
        outcome
    }

    /// [`compile`](Self::compile), with the changes since `old` (an earlier
    /// version of the plan) marked in the documents, which are named
    /// `<plan>.changes.<ext>` ([`file_name`]). An `old` with errors makes
    /// its diagnostics part of the outcome, which is then invalid.
    pub fn compile_compared(&self, input: &Input, old: &Input) -> Outcome {
        let outcome = self.compile_uncached(input, Some(old));
        if let Lifetime::Long { evict_after } = self.options.lifetime {
            typst::comemo::evict(evict_after);
        }
        outcome
    }

    /// Compiles each input and, given a destination, writes its files; one
    /// plan per core at a time. Every plan gets its outcome, whatever happens
    /// to the others, in the order given.
    pub fn build_all(&self, inputs: &[Input], destination: Option<&Destination>) -> Vec<Outcome> {
        let pairs: Vec<(Input, Option<Input>)> = inputs.iter().map(|i| (i.clone(), None)).collect();
        self.build_all_compared(&pairs, destination)
    }

    /// [`build_all`](Self::build_all) for plans each paired with the earlier
    /// version to mark the changes since, if any (`build --compare`).
    pub fn build_all_compared(
        &self,
        inputs: &[(Input, Option<Input>)],
        destination: Option<&Destination>,
    ) -> Vec<Outcome> {
        self.each(inputs, |_, mut outcome| {
            if let Some(destination) = destination {
                self.write(&mut outcome, destination);
                // Written: the bytes are not needed any more, and a batch
                // should not hold every plan's documents at once.
                outcome.documents.clear();
                outcome.inputs.clear();
            }
            outcome
        })
    }

    /// Compiles each input, one plan per core at a time, and hands its
    /// outcome (with its documents, in memory) to `then` on the same thread,
    /// as soon as it is ready: to write it where the caller decides, or to
    /// show progress. The results come back in the order of the inputs.
    pub fn build_each<R: Send>(
        &self,
        inputs: &[Input],
        then: impl Fn(usize, Outcome) -> R + Sync,
    ) -> Vec<R> {
        let pairs: Vec<(Input, Option<Input>)> = inputs.iter().map(|i| (i.clone(), None)).collect();
        self.each(&pairs, then)
    }

    /// What [`build_each`](Self::build_each) and
    /// [`build_all_compared`](Self::build_all_compared) share: each plan,
    /// compared with its earlier version if it has one.
    fn each<R: Send>(
        &self,
        inputs: &[(Input, Option<Input>)],
        then: impl Fn(usize, Outcome) -> R + Sync,
    ) -> Vec<R> {
        let batch = inputs.len() > 1;
        let indexed: Vec<(usize, &(Input, Option<Input>))> = inputs.iter().enumerate().collect();
        one_per_core(&indexed, |&(i, (input, old))| {
            let outcome = match old {
                Some(old) => self.compile_compared(input, old),
                None => self.compile(input),
            };
            if batch && self.options.lifetime == Lifetime::Once {
                render::pdf::forget_caches();
            }
            then(i, outcome)
        })
    }

    fn compile_uncached(&self, input: &Input, old: Option<&Input>) -> Outcome {
        let mut outcome = self.check(input);
        if self.options.outputs.is_empty() || outcome.verdict() != Verdict::Ok {
            return outcome;
        }
        let old = match old.map(|old| self.check(old)) {
            // Its errors only: its warnings say nothing about the plan being built.
            Some(checked) if checked.errors() > 0 || checked.plan.is_none() => {
                for mut report in checked.reports {
                    report.diagnostics.retain(|d| d.is_error());
                    outcome.add_problems(report);
                }
                return outcome;
            }
            old => old,
        };
        if let Some(plan) = &outcome.plan {
            // The diff is part of the view's time (`--timings`).
            let start = Instant::now();
            let compared = old.as_ref().and_then(|old| {
                let (old_version, new_version) = (old.version()?, outcome.version()?);
                Some((
                    crate::diff::compare(&old_version, &new_version),
                    old_version.plan,
                ))
            });
            let diffing = start.elapsed();
            let stem = outcome.stem();
            let marked = old.is_some();
            let rendered = self
                .render(plan, compared, &mut outcome.timings)
                .into_iter()
                .map(|(o, r)| (o.name(), file_name(&stem, o, marked), r))
                .collect();
            outcome.timings.view += diffing;
            self.collect(&mut outcome, rendered);
        }
        outcome
    }

    /// Load and validate only.
    fn check(&self, input: &Input) -> Outcome {
        let start = Instant::now();
        let loaded = match input {
            Input::File(path) => load::read(path),
            Input::Text { path, text } => Ok((SourceFile::new(path, text.clone()), None)),
        };
        let deny = self.options.deny_warnings;
        let (file, problem) = match loaded {
            Ok(loaded) => loaded,
            Err(e) => {
                let file = SourceFile::new(input.path(), String::new());
                let mut outcome = Outcome::new(file, Vec::new(), deny);
                outcome.io_problem(&e);
                return outcome;
            }
        };
        let read = start.elapsed();
        let checked = match problem {
            Some(diagnostic) => crate::Checked {
                file,
                diagnostics: vec![diagnostic],
                plan: None,
                timings: Timings::default(),
            },
            None => check_source(file, self.options.validate),
        };
        let mut outcome = Outcome::new(checked.file, checked.diagnostics, deny);
        outcome.timings = checked.timings;
        outcome.timings.load += read;
        outcome.plan = checked.plan;
        outcome
    }

    /// The view (with the changes since an earlier version marked, if
    /// given), then every output on it, in parallel: they only read it.
    fn render(
        &self,
        plan: &crate::model::Plan,
        compared: Option<(crate::diff::Diff, &crate::model::Plan)>,
        timings: &mut Timings,
    ) -> Vec<(&'static dyn Output, render::Rendered)> {
        let start = Instant::now();
        let mut view = view::build(plan);
        if let Some((diff, old)) = compared {
            view::changes::mark(&mut view, &diff, old, plan);
        }
        timings.view = start.elapsed();
        let context = self.context(plan);
        self.options
            .outputs
            .par_iter()
            .map(|&output| (output, output.render(&view, &context)))
            .collect()
    }

    /// What the outputs of `plan` get besides its view: templates, fonts,
    /// and the documents' date (`SOURCE_DATE_EPOCH`, else the plan's).
    /// Public for a command that renders a view it has changed
    /// (`export --body`).
    pub fn context(&self, plan: &crate::model::Plan) -> Context<'_> {
        Context {
            templates: &self.options.templates,
            fonts: self.fonts.as_ref(),
            timestamp: self
                .options
                .timestamp
                .unwrap_or_else(|| view::document_date(plan).and_time(chrono::NaiveTime::MIN)),
        }
    }

    /// Takes the outputs' documents (each with its output's name and its
    /// file name) and problems into the outcome. A
    /// document is kept only if nothing refuses the build, so the caller
    /// never writes part of a failed one.
    fn collect(
        &self,
        outcome: &mut Outcome,
        rendered: Vec<(&'static str, String, render::Rendered)>,
    ) {
        for (output, file_name, r) in rendered {
            outcome.timings.add(&r.timings);
            outcome.inputs.extend(r.inputs);
            for problems in r.problems {
                outcome.add_problems(problems);
            }
            if let Some(bytes) = r.bytes {
                outcome.documents.push(Document {
                    output,
                    file_name,
                    bytes,
                    detail: r.detail,
                });
            }
        }
        if outcome.verdict() != Verdict::Ok {
            outcome.documents.clear();
        }
    }

    /// Writes an outcome's documents (each atomically; all are complete in
    /// memory before the first is written) and, with `emit_typst`, what
    /// Typst was fed, even when Typst failed. A file that cannot be written
    /// becomes an E401 diagnostic of the outcome.
    pub fn write(&self, outcome: &mut Outcome, destination: &Destination) {
        let stem = outcome.stem();
        if let Some(dir) = &destination.emit_typst
            && !outcome.inputs.is_empty()
        {
            let dir = dir.join(&stem);
            let written = write::create_dir(&dir).and_then(|()| {
                outcome
                    .inputs
                    .iter()
                    .try_for_each(|(name, bytes)| write::atomic_write(&dir.join(name), bytes))
            });
            if let Err(e) = written {
                outcome.io_problem(&e);
            }
        }
        if outcome.verdict() != Verdict::Ok || outcome.documents.is_empty() {
            return;
        }
        if let Err(e) = write::create_dir(&destination.out) {
            outcome.io_problem(&e);
            return;
        }
        for i in 0..outcome.documents.len() {
            let document = &outcome.documents[i];
            let target = destination.out.join(&document.file_name);
            match write::atomic_write(&target, &document.bytes) {
                Ok(()) => {
                    let size = format!("{} kB", document.bytes.len().div_ceil(1024));
                    let shown = crate::diagnostics::DisplayPath(&target);
                    let line = match &document.detail {
                        Some(detail) => format!("wrote {shown} ({size}, {detail})"),
                        None => format!("wrote {shown} ({size})"),
                    };
                    outcome.written.push(line);
                }
                Err(e) => {
                    outcome.io_problem(&e);
                    return;
                }
            }
        }
    }
}

/// Maps `f` over `items` on one thread per core, each taking the next item
/// when done with its last, and returns the results in the items' order.
///
/// Not rayon's `par_iter`: a rayon worker that waits inside Typst (which
/// uses rayon itself) steals queued work, so more plans than cores end up
/// in flight at once. Measured on 8 plans of ~250 measures: 656 MB peak with
/// `par_iter` against 210 MB this way, and no faster. The outputs of one
/// plan still render in parallel on rayon (see [`Compiler::render`]).
fn one_per_core<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::Mutex::new(Vec::with_capacity(items.len()));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let result = f(item);
                    done.lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((i, result));
                }
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, result)| result).collect()
}

/// `SOURCE_DATE_EPOCH` (seconds since 1970) as the documents' date.
pub fn source_date_epoch(value: &str) -> Result<NaiveDateTime, String> {
    let seconds: i64 = value
        .trim()
        .parse()
        .map_err(|_| format!("SOURCE_DATE_EPOCH={value:?} is not a number of seconds"))?;
    chrono::DateTime::from_timestamp(seconds, 0)
        .map(|d| d.naive_utc())
        .ok_or_else(|| format!("SOURCE_DATE_EPOCH={value} is out of range"))
}
