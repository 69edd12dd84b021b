//! `actionplan site DIR… --out PUBLIC`: every plan in the folders, built on
//! every core, with an index page and a register for the website. The
//! work is the library's (`crate::site`); this file turns arguments into
//! options, shows progress and prints what happened.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Mutex;

use super::args::{Building, parse_language};
use super::{ExitStatus, print};
use crate::engine::{Compiler, Lifetime};
use crate::error::AppError;
use crate::model::Language;
use crate::render::Templates;
use crate::site::{self, find, index, register};
use crate::write;

/// Build every plan in the folders and an index of them for the website.
///
/// Writes each plan's page and PDF, keeping the plan's place below its
/// folder (plans/social/vald.yaml → PUBLIC/social/vald.html), then
/// PUBLIC/index.html (one row per plan, with links, status and revision
/// dates) and PUBLIC/plans.json (the same as data). An invalid plan is listed
/// in the index with its errors and does not stop the others; the exit status
/// is then 1.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folders searched recursively for plans (*.yaml and *.yml files with a
    /// top-level `actionplan:` key; other YAML is skipped), or plan files.
    #[arg(required = true, value_name = "DIR")]
    dirs: Vec<PathBuf>,
    /// The folder the site is written into.
    #[arg(long, short, value_name = "PUBLIC", default_value = "public")]
    out: PathBuf,
    /// The index's language: sv or en [default: the language most plans are written in].
    #[arg(long, value_name = "LANG", value_parser = parse_language)]
    lang: Option<Language>,
    /// The index's heading [default: "Styrdokument", or "Governing documents" in English].
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    #[command(flatten)]
    building: Building,
}

pub fn run(args: Args) -> Result<ExitStatus, AppError> {
    let search = find::find(&args.dirs, &site::outputs(), &args.out)?;
    print::skipped(&search.skipped);
    if search.plans.is_empty() {
        return Err(AppError::Usage(
            "no plans found: no *.yaml or *.yml file has a top-level `actionplan:` key".into(),
        ));
    }
    let options = args.building.options(site::formats(), Lifetime::Once)?;
    let today = options.check_day();
    let templates: Templates = options.templates.clone();
    let compiler = Compiler::new(options)?;
    // Ctrl-C ends the run between files: every file is whole, and the
    // index is the last complete one.
    write::exit_on_interrupt(130)?;

    let progress = Progress::new(search.plans.len());
    let entries = site::build(&compiler, &search.plans, &args.out, |_, outcome| {
        progress.step(&outcome.file().name())
    });
    progress.finish();
    let outcomes: Vec<_> = entries.iter().map(|e| &e.outcome).collect();
    let status = print::outcomes(
        &outcomes,
        args.building.format(),
        false,
        print::Action::Build,
    )?;

    let language = args
        .lang
        .unwrap_or_else(|| site::majority_language(&entries));
    let options = index::IndexOptions {
        language,
        today,
        title: args.title.as_deref(),
        templates: &templates,
    };
    let page = match index::render(&entries, &options) {
        Ok(page) => page,
        Err(problem) => {
            print::reports(&[problem.report()], args.building.format())?;
            eprintln!("not written: {}", args.out.join(find::INDEX).display());
            return Ok(ExitStatus::Error);
        }
    };
    let data = register::render(&entries, today, language);
    {
        let _writing = write::hold();
        write::create_dir(&args.out)?;
        write::atomic_write(&args.out.join(find::REGISTER), &data)?;
        write::atomic_write(&args.out.join(find::INDEX), &page)?;
    }
    let published = entries.iter().filter(|e| e.is_published()).count();
    let not = entries.len() - published;
    let mut line = format!(
        "wrote {} ({published} published",
        args.out.join(find::INDEX).display()
    );
    if not > 0 {
        line.push_str(&format!(", {not} not published"));
    }
    eprintln!("{line}) and {}", args.out.join(find::REGISTER).display());
    Ok(status)
}

/// "[3/12] plans/vald.yaml" on one line of stderr, redrawn as plans are
/// done; only on a terminal, so logs and pipes get none of it.
struct Progress {
    total: usize,
    done: Mutex<usize>,
    on: bool,
}

impl Progress {
    fn new(total: usize) -> Self {
        let progress = Progress {
            total,
            done: Mutex::new(0),
            on: std::io::stderr().is_terminal(),
        };
        progress.draw(0, "");
        progress
    }

    fn step(&self, name: &str) {
        let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        *done += 1;
        self.draw(*done, name);
    }

    fn draw(&self, done: usize, name: &str) {
        if self.on {
            let _ = write!(std::io::stderr(), "\r\x1b[2K[{done}/{}] {name}", self.total);
            let _ = std::io::stderr().flush();
        }
    }

    fn finish(&self) {
        if self.on {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }
}
