//! `actionplan build PLAN…`: arguments → engine options; the engine builds
//! and writes; the outcomes are printed.

use std::path::PathBuf;

use super::args::{Building, Selecting};
use super::{ExitStatus, plan_inputs, print, versions};
use crate::engine::{self, Compiler, Destination, Lifetime, Product, Request};
use crate::error::AppError;

/// Validate plans and build their PDF and HTML into the output folder.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Plan files, or folders searched for *.yaml and *.yml.
    #[arg(required = true, value_name = "PLAN")]
    pub(super) plans: Vec<PathBuf>,
    /// The folder to write into; outputs are named after the plan file.
    #[arg(long, short, value_name = "DIR", default_value = "out")]
    pub(super) out: PathBuf,
    #[command(flatten)]
    pub(super) selecting: Selecting,
    #[command(flatten)]
    pub(super) building: Building,
    /// Print how long each stage took, per plan.
    #[arg(long)]
    pub(super) timings: bool,
    /// Also write what Typst is fed (DIR/<plan>/plan.typ, the templates it
    /// imports and data.json), even when Typst fails, so the same document
    /// can be compiled with the Typst CLI: `typst compile --root DIR/<plan>
    /// DIR/<plan>/plan.typ`.
    #[arg(long, value_name = "DIR")]
    pub(super) emit_typst: Option<PathBuf>,
    /// Mark the changes since an earlier version: a plan file, REV:PATH (e.g.
    /// HEAD~1:plans/x.yaml), or a git revision (e.g. origin/main) meaning each
    /// PLAN's own file at that revision. The change-marked draft is written as
    /// <plan>.changes.html and <plan>.changes.pdf, beside the clean documents.
    #[arg(long, value_name = "OLD")]
    pub(super) compare: Option<String>,
}

impl Args {
    /// The engine's options: the formats asked for, templates, date.
    pub(super) fn options(&self, lifetime: Lifetime) -> Result<engine::Options, AppError> {
        let formats = self.selecting.formats("build", |f| f.plan.is_some())?;
        self.building.options(formats, lifetime)
    }

    pub(super) fn destination(&self) -> Destination {
        Destination {
            out: self.out.clone(),
            emit_typst: self.emit_typst.clone(),
        }
    }
}

pub fn run(args: Args) -> Result<ExitStatus, AppError> {
    let inputs = plan_inputs(&args.plans)?;
    // Every earlier version is read before anything is built: one that
    // cannot be read is a usage error (exit 2), not a half-done build.
    let products: Vec<Product> = match args.compare.as_deref() {
        None => vec![Product::Plan; inputs.len()],
        Some(old) => versions::baselines(old, &inputs)?
            .into_iter()
            .map(Product::Compared)
            .collect(),
    };
    let options = args.options(Lifetime::Once)?;
    let outputs: Vec<_> = options.formats.iter().filter_map(|f| f.plan).collect();
    engine::check_unique_names(&inputs, &outputs)?;
    let compiler = Compiler::new(options)?;
    if args.timings && compiler.options().formats.iter().any(|f| f.needs_fonts()) {
        print::fonts_time(compiler.fonts_time());
    }
    let destination = args.destination();
    let requests: Vec<Request> = inputs
        .into_iter()
        .zip(products)
        .map(|(input, product)| Request {
            input,
            product,
            body: None,
        })
        .collect();
    let outcomes = compiler.compile_all(&requests, |_, mut outcome| {
        compiler.write(&mut outcome, &destination);
        // Written: a batch should not hold every plan's documents at once.
        outcome.documents.clear();
        outcome.inputs.clear();
        outcome
    });
    print::outcomes(
        &outcomes.iter().collect::<Vec<_>>(),
        args.building.format(),
        args.timings,
        print::Action::Build,
    )
}
