//! The engine: one compiler under every command.
//!
//! A [`Compiler`] owns what stays the same between builds: the options (the
//! formats to make, templates, fonts, the day to check against), and
//! Typst's memo cache. It turns one [`Request`] (an [`Input`]: a file or a
//! text held in memory, such as an editor's buffer; and a [`Product`]: the
//! plan, the plan with the changes since an earlier version marked, or the
//! follow-up report at a date) into one [`Outcome`]: every diagnostic of
//! every file involved (plan, templates, fonts, I/O) and the documents it
//! produced, in memory. [`Compiler::write`] then puts them in place.
//!
//! There are two ways in: [`Compiler::compile`] for one request, and
//! [`Compiler::compile_all`] for many, one plan per core. Long-running
//! commands keep one compiler alive between edits, as the Typst CLI's
//! `compile` and `watch` share one `compile_once`.
//!
//! This module decides what no command should decide on its own: the order
//! of the stages, output file names ([`file_name`]), the day plans are
//! checked against ([`Options::today`]), the documents' date, and when
//! Typst's cache is emptied ([`Lifetime`]).

mod build;
mod names;
mod outcome;
mod write;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};

pub use names::{check_unique_names, file_name, report_file_name, stem};
pub use outcome::{Document, ExitStatus, Outcome, Verdict, Written};

use crate::error::AppError;
use crate::render::Templates;
use crate::render::fonts::Fonts;
use crate::render::formats::{self, Format};

/// Everything a build depends on besides the plan.
#[derive(Clone)]
pub struct Options {
    /// The day deadlines and `revise_by` are checked against, when given
    /// (`--today`). Otherwise the day of [`Options::timestamp`] if set,
    /// else the clock's; a follow-up report is then checked as of its own
    /// date. See [`Options::check_day`].
    pub today: Option<NaiveDate>,
    /// Warnings of any file refuse the build, as errors do.
    pub deny_warnings: bool,
    /// The formats to make, from [`formats::FORMATS`]; none: only check.
    pub formats: Vec<&'static Format>,
    pub templates: Templates,
    /// A folder of extra fonts.
    pub font_path: Option<PathBuf>,
    /// The documents' date instead of the plan's (`SOURCE_DATE_EPOCH`, see
    /// [`source_date_epoch`]).
    pub timestamp: Option<NaiveDateTime>,
    /// The archival PDF (`--archive`): PDF/A-3a with PDF/UA-1, carrying the
    /// plan's source (see `render::attach`). Otherwise PDF/A-2a, which every
    /// archive accepts.
    pub archive: bool,
    pub lifetime: Lifetime,
}

impl Default for Options {
    /// Check only, against the default day ([`Options::check_day`]), with
    /// the embedded templates.
    fn default() -> Self {
        Options {
            today: None,
            deny_warnings: false,
            formats: Vec::new(),
            templates: Templates::embedded(),
            font_path: None,
            timestamp: None,
            archive: false,
            lifetime: Lifetime::Once,
        }
    }
}

impl Options {
    /// Check only, against `today`, with the embedded templates.
    pub fn check(today: NaiveDate) -> Self {
        Options {
            today: Some(today),
            ..Options::default()
        }
    }

    /// Check and make the documents a person reads (the PDF and the page).
    pub fn build(today: NaiveDate) -> Self {
        Options {
            formats: formats::documents(),
            ..Options::check(today)
        }
    }

    /// The day a plan is checked against, when the product does not decide
    /// it: `--today`, else the day of `SOURCE_DATE_EPOCH`, else the clock's.
    pub fn check_day(&self) -> NaiveDate {
        self.today
            .or(self.timestamp.map(|t| t.date()))
            .unwrap_or_else(|| chrono::Local::now().date_naive())
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

/// What to make of a plan.
#[derive(Clone, Debug)]
pub enum Product {
    /// The plan's documents: `<plan>.<ext>`.
    Plan,
    /// The plan with the changes since an earlier version of it marked
    /// (`build --compare`): `<plan>.changes.<ext>`. An earlier version with
    /// errors makes its errors part of the outcome, which is then invalid.
    Compared(Input),
    /// The follow-up report at one of the plan's `follow_up.reports` (the
    /// latest without a date): `<plan>-followup-<date>.<ext>`. A date the
    /// plan has no report on is E117. Unless `--today` is given, the plan
    /// is checked as of the report's date.
    Report(Option<NaiveDate>),
}

/// One plan and what to make of it.
#[derive(Clone, Debug)]
pub struct Request {
    pub input: Input,
    pub product: Product,
    /// Keep only the measures this body is responsible for or a partner in
    /// (`export --body`); an id the plan does not have is a usage error.
    pub body: Option<String>,
}

impl Request {
    /// The plan's own documents.
    pub fn plan(input: Input) -> Self {
        Request {
            input,
            product: Product::Plan,
            body: None,
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
    /// Loads the fonts if a format needs them. An `Err` is a usage problem
    /// (a `--font-path` that is not a folder of fonts).
    pub fn new(options: Options) -> Result<Self, AppError> {
        let start = Instant::now();
        let fonts = match options.formats.iter().any(|f| f.needs_fonts()) {
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
    pub fn compile(&self, request: &Request) -> Outcome {
        let outcome = self.compile_uncached(request);
        if let Lifetime::Long { evict_after } = self.options.lifetime {
            typst::comemo::evict(evict_after);
        }
        outcome
    }

    /// Compiles each request, one plan per core at a time, and hands its
    /// outcome (with its documents, in memory) to `then` on the same thread
    /// as soon as it is ready: to write it where the caller decides, or to
    /// show progress. Every plan gets its outcome, whatever happens to the
    /// others; the results come back in the order of the requests.
    pub fn compile_all<R: Send>(
        &self,
        requests: &[Request],
        then: impl Fn(usize, Outcome) -> R + Sync,
    ) -> Vec<R> {
        let batch = requests.len() > 1;
        let indexed: Vec<(usize, &Request)> = requests.iter().enumerate().collect();
        one_per_core(&indexed, |&(i, request)| {
            let outcome = self.compile(request);
            if batch && self.options.lifetime == Lifetime::Once {
                crate::render::pdf::forget_caches();
            }
            then(i, outcome)
        })
    }
}

/// Maps `f` over `items` on one thread per core, each taking the next item
/// when done with its last, and returns the results in the items' order.
///
/// Not rayon's `par_iter`: a rayon worker that waits inside Typst (which
/// uses rayon itself) steals queued work, so more plans than cores end up
/// in flight at once. Measured on 8 plans of ~250 measures: 656 MB peak with
/// `par_iter` against 210 MB this way, and no faster. The outputs of one
/// plan still render in parallel on rayon (see `build.rs`).
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
