//! `actionplan new FILE`: write a commented starter plan that validates.

use std::io::Write;
use std::path::PathBuf;

use super::ExitStatus;
use crate::error::AppError;
use crate::model::Language;
use crate::starter::starter_plan;

/// Write a commented starter plan; never overwrites an existing file.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan file to create, e.g. plans/handlingsplan.yaml.
    file: PathBuf,
    /// The language of the plan's labels and of the starter's comments.
    #[arg(long, default_value = "sv", value_parser = super::args::parse_language)]
    language: Language,
}

pub fn run(args: Args) -> Result<ExitStatus, AppError> {
    let write_error = |source| AppError::Write {
        path: args.file.clone(),
        source,
    };
    // `create_new` fails if the file exists, atomically: no check-then-write race.
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&args.file)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(AppError::Exists(args.file));
        }
        Err(e) => return Err(write_error(e)),
    };
    let text = starter_plan(
        args.language,
        super::args::today(None)?,
        &args.file.display().to_string(),
    );
    if let Err(e) = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
    {
        // The file is ours (create_new made it): leave no half-written plan.
        drop(file);
        let _ = std::fs::remove_file(&args.file);
        return Err(write_error(e));
    }
    eprintln!(
        "created {}; check it with `actionplan validate {}`",
        args.file.display(),
        args.file.display()
    );
    Ok(ExitStatus::Success)
}
