//! `actionplan lsp`: the language server, for editors.

use chrono::NaiveDate;

use super::ExitStatus;
use super::args::{parse_date, today};
use crate::error::AppError;
use crate::lsp;

/// Run a language server (LSP 3.17) over stdin and stdout, for editors.
///
/// It checks the editor's buffer as you type and publishes what `validate`
/// would report; it also offers go to definition, find references, hover,
/// completion of ids, keys and values, rename of ids, an outline and quick
/// fixes. Start it from the editor, not by hand: see docs/editors.md. It
/// ends when the editor sends `exit` (exit code 0 after `shutdown`) or
/// closes its input (exit code 1).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The day deadlines and revise-by are checked against (YYYY-MM-DD)
    /// [default: the day of SOURCE_DATE_EPOCH if set, else today].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    today: Option<NaiveDate>,
    /// Where docs/diagnostics.md is published, e.g. your own copy; each
    /// diagnostic then links to its code's entry there (URL#E107). Without
    /// it there is no link: hovering a diagnostic shows the entry instead.
    #[arg(long, value_name = "URL")]
    docs_url: Option<String>,
}

pub fn run(args: Args) -> Result<ExitStatus, AppError> {
    lsp::run(lsp::Options {
        today: today(args.today)?,
        docs_url: args.docs_url,
    })
}
