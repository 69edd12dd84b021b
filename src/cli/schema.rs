//! `actionplan schema`: print the plan format's JSON Schema, or with
//! `--export` the schema of the open-data JSON export.

use super::ExitStatus;
use crate::error::AppError;

/// Print the JSON Schema of the plan format, for editors and other tools.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the schema of `export --format json` instead (docs/export.schema.json).
    #[arg(long)]
    export: bool,
}

pub fn run(args: Args) -> Result<ExitStatus, AppError> {
    match args.export {
        true => super::print::stdout(crate::render::export::json::json_schema().as_bytes())?,
        false => super::print::stdout(crate::schema::json_schema().as_bytes())?,
    }
    Ok(ExitStatus::Success)
}
