//! Render: the view model → the PDF (Typst) and the HTML page (minijinja).
//!
//! Both renderers read the same [`crate::view::View`]; neither computes
//! anything a reader sees. Templates come embedded in the binary, or from a
//! folder given with `--templates` (a file missing there falls back to the
//! embedded one). Errors in a template are reported like plan errors, with
//! the template's `path:line:column`.

pub mod fonts;
pub mod html;
pub mod pdf;
mod world;

use std::path::{Path, PathBuf};

use crate::error::AppError;
use crate::source::SourceFile;

/// The embedded templates.
const PLAN_TYP: &str = include_str!("../../templates/plan.typ");
const PLAN_HTML: &str = include_str!("../../templates/plan.html");
const STYLE_CSS: &str = include_str!("../../templates/style.css");
const FILTER_JS: &str = include_str!("../../templates/filter.js");

/// Where templates come from: embedded, or a folder that overrides them file by file.
#[derive(Clone, Debug, Default)]
pub struct Templates {
    dir: Option<PathBuf>,
}

impl Templates {
    pub fn embedded() -> Self {
        Templates { dir: None }
    }

    /// Templates from a folder; it must exist.
    pub fn from_dir(dir: &Path) -> Result<Self, AppError> {
        if !dir.is_dir() {
            return Err(AppError::Usage(format!(
                "--templates {}: no such folder",
                dir.display()
            )));
        }
        Ok(Templates {
            dir: Some(dir.to_path_buf()),
        })
    }

    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// A template's text and the path its diagnostics name.
    pub fn load(&self, name: &str) -> Result<SourceFile, AppError> {
        if let Some(dir) = &self.dir {
            let path = dir.join(name);
            if path.is_file() {
                let text = std::fs::read_to_string(&path).map_err(|source| AppError::Read {
                    path: path.clone(),
                    source,
                })?;
                return Ok(SourceFile::new(path, text));
            }
        }
        let text = match name {
            "plan.typ" => PLAN_TYP,
            "plan.html" => PLAN_HTML,
            "style.css" => STYLE_CSS,
            "filter.js" => FILTER_JS,
            _ => {
                return Err(AppError::Usage(format!("no template named {name}")));
            }
        };
        Ok(SourceFile::new(
            Path::new("templates").join(name),
            text.to_string(),
        ))
    }
}
