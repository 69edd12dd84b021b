//! The names of the files the engine writes: the one place they are made,
//! so `build`, `--compare`, `report`, `site` and `watch` can never disagree
//! (or overwrite each other's files).

use std::path::Path;

use super::Input;
use crate::error::AppError;
use crate::render::Output;

/// The name outputs take from a plan file: `plans/umea.yaml` → `umea`.
pub fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan".into())
}

/// The file an output of the plan `stem` is written to. The one place
/// output names are made. A change-marked draft (`compared`, from `build
/// --compare`) is `<stem>.changes.<ext>`, so it never overwrites the clean
/// document that goes to the council.
pub fn file_name(stem: &str, output: &dyn Output, compared: bool) -> String {
    match compared {
        true => format!("{stem}.changes.{}", output.extension()),
        false => format!("{stem}.{}", output.extension()),
    }
}

/// The file a follow-up report's output is written to:
/// `<plan>-followup-<date>.<extension>`, e.g. `umea-followup-2020-02-27.pdf`.
pub fn report_file_name(stem: &str, date: chrono::NaiveDate, extension: &str) -> String {
    format!("{stem}-followup-{date}.{extension}")
}

/// Refuses two plans whose outputs would overwrite each other's.
pub fn check_unique_names(
    inputs: &[Input],
    outputs: &[&'static dyn Output],
) -> Result<(), AppError> {
    let mut seen: std::collections::HashMap<String, &Path> = std::collections::HashMap::new();
    for input in inputs {
        let stem = stem(input.path());
        if let Some(first) = seen.insert(stem.clone(), input.path()) {
            let names: Vec<String> = outputs
                .iter()
                .map(|o| file_name(&stem, *o, false))
                .collect();
            return Err(AppError::Usage(format!(
                "{} and {} would both be written as {}; build them into different --out folders",
                crate::diagnostics::DisplayPath(first),
                crate::diagnostics::DisplayPath(input.path()),
                names.join(" and ")
            )));
        }
    }
    Ok(())
}
