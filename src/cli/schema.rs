//! `actionplan schema`: print the plan format's JSON Schema.

use super::ExitStatus;
use crate::error::AppError;

/// Print the JSON Schema of the plan format, for editors and other tools.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> Result<ExitStatus, AppError> {
    print!("{}", crate::schema::json_schema());
    Ok(ExitStatus::Success)
}
