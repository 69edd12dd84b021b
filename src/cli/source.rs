//! `actionplan source`: takes the plan's YAML back out of an archival PDF
//! (`build --archive`), byte for byte. The reading is `crate::archive`'s;
//! this file decides where the plan goes and never overwrites a file
//! unless told to.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::{ExitStatus, paint, print, stderr_color};
use crate::archive::{self, MAX_PDF_BYTES};
use crate::diagnostics::DisplayPath;
use crate::error::AppError;

/// Take the plan's YAML out of an archival PDF (made with `build --archive`),
/// exactly as it was built from. Then `actionplan build --archive` on it,
/// with the same --today and SOURCE_DATE_EPOCH, makes the same PDF again.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The archival PDF.
    #[arg(value_name = "FILE.pdf")]
    pdf: PathBuf,
    /// Where to write the plan; `-` for stdout [default: the name it was
    /// attached under, in the current folder].
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Replace the file if it exists.
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args) -> Result<ExitStatus, AppError> {
    let bytes = read_bounded(&args.pdf)?;
    let source = match bytes.map(archive::extract) {
        Ok(Ok(source)) => source,
        Ok(Err(e)) => return Ok(refuse(&args.pdf, &e.to_string())),
        Err(message) => return Ok(refuse(&args.pdf, &message)),
    };
    let out = match (args.output, source.plain_name()) {
        (Some(out), _) => out,
        (None, Some(name)) => PathBuf::from(name),
        (None, None) => {
            let message = format!(
                "the attached source is named {:?}, which is not a plain file name; give one with -o",
                source.name
            );
            return Ok(refuse(&args.pdf, &message));
        }
    };
    if out == Path::new("-") {
        print::stdout(&source.bytes)?;
        return Ok(ExitStatus::Success);
    }
    if !args.force && out.symlink_metadata().is_ok() {
        return Err(AppError::Usage(format!(
            "{} already exists; give another name with -o, or --force to replace it",
            crate::diagnostics::DisplayPath(&out)
        )));
    }
    crate::write::atomic_write(&out, &source.bytes)?;
    eprintln!(
        "wrote {}, the source of {}",
        print::described(&DisplayPath(&out).to_string(), source.bytes.len(), None),
        DisplayPath(&args.pdf)
    );
    Ok(ExitStatus::Success)
}

/// The PDF's bytes; a file over [`MAX_PDF_BYTES`] is refused (the inner
/// `Err`, exit 1) before more than that is read.
fn read_bounded(path: &Path) -> Result<Result<Vec<u8>, String>, AppError> {
    let file = crate::files::open_regular(path)?;
    let too_large = || {
        format!(
            "the file is larger than {} MiB, more than an archival plan ever is",
            MAX_PDF_BYTES / 1024 / 1024
        )
    };
    // Said before reading anything; the bounded read below is for a file
    // that grows meanwhile.
    if file.metadata().is_ok_and(|m| m.len() > MAX_PDF_BYTES) {
        return Ok(Err(too_large()));
    }
    let mut bytes = Vec::new();
    file.take(MAX_PDF_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| AppError::Read {
            path: path.to_path_buf(),
            source,
        })?;
    if bytes.len() as u64 > MAX_PDF_BYTES {
        return Ok(Err(too_large()));
    }
    Ok(Ok(bytes))
}

/// `error: FILE.pdf: <why>`, exit 1: the file is not what `source` reads.
fn refuse(pdf: &Path, message: &str) -> ExitStatus {
    eprintln!(
        "{}: {}: {message}",
        paint("error", super::Style::Error, stderr_color()),
        DisplayPath(pdf)
    );
    ExitStatus::Failure
}
