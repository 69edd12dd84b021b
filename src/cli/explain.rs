//! `actionplan explain CODE`: print a diagnostic code's documentation.

use std::io::Write;

use super::ExitStatus;
use crate::diagnostics::explain;
use crate::error::AppError;

/// Explain a diagnostic code (E107, W202, …): what it means and how to fix it.
///
/// Prints the code's entry of docs/diagnostics.md, which is built into the
/// binary, so it works offline and matches this version of actionplan.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The code, as a diagnostic shows it (`E107`; the case does not matter).
    #[arg(value_name = "CODE")]
    code: String,
}

pub fn run(args: Args) -> Result<ExitStatus, AppError> {
    let code = explain::parse_code(&args.code).ok_or_else(|| {
        AppError::Usage(format!(
            "`{}` is not a diagnostic code; the codes are {} (docs/diagnostics.md)",
            args.code.escape_debug(),
            explain::all_codes()
        ))
    })?;
    // As `export` writes: a full stdout is an error, a reader that stops
    // early (`| head`) is not. (Issue 24 #10 gives every command one way.)
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(explain::explain(code).as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(AppError::Write {
            path: "<stdout>".into(),
            source: e,
        }),
        _ => Ok(ExitStatus::Success),
    }
}
