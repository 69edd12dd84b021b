//! The registry of formats: every document and export the engine can make,
//! one [`Format`] each, in one list, [`FORMATS`].
//!
//! A format names its file extension and, for each product it can make, the
//! [`Output`] that renders it: the plan (also change-marked), the follow-up
//! report. `build`, `report`, `serve`, `site` and `export` all select from
//! this list (the command line with `--only`); nothing else picks a format
//! by its name. Adding a format is one module with its outputs and one
//! entry here.

use super::export::{csv, ics, json};
use super::{Output, html, pdf, report};
use crate::report::ReportView;
use crate::view::View;

/// One kind of file made from a plan.
pub struct Format {
    /// Its short name, as `--only` and `--timings` say it: `pdf`.
    pub name: &'static str,
    /// The extension of the files it is written to: `pdf`.
    pub extension: &'static str,
    /// A line for `--help`.
    pub about: &'static str,
    /// A document a person reads (made by `build` unless `--only` says
    /// otherwise), or data for another program (`export`, `site`).
    pub kind: Kind,
    /// Renders the plan's view (and the change-marked draft's).
    pub plan: Option<&'static dyn Output<View>>,
    /// Renders the follow-up report's view.
    pub report: Option<&'static dyn Output<ReportView>>,
}

/// What a format is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Document,
    Data,
}

impl Format {
    /// Whether it lays out text with fonts (the engine loads them only then).
    pub fn needs_fonts(&self) -> bool {
        self.plan.is_some_and(|o| o.needs_fonts()) || self.report.is_some_and(|o| o.needs_fonts())
    }
}

impl PartialEq for Format {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Format {}

impl std::fmt::Debug for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

pub static HTML: Format = Format {
    name: "html",
    extension: "html",
    about: "one self-contained, accessible page",
    kind: Kind::Document,
    plan: Some(&html::HtmlOutput),
    report: Some(&report::ReportHtml),
};

pub static PDF: Format = Format {
    name: "pdf",
    extension: "pdf",
    about: "the PDF/A-2a + PDF/UA-1 document for the council and the archive",
    kind: Kind::Document,
    plan: Some(&pdf::PdfOutput),
    report: Some(&report::ReportPdf),
};

pub static JSON: Format = Format {
    name: "json",
    extension: "json",
    about: "open data: the plan with ISO dates and keys (docs/export.md)",
    kind: Kind::Data,
    plan: Some(&json::JsonExport),
    report: None,
};

pub static CSV: Format = Format {
    name: "csv",
    extension: "csv",
    about: "a spreadsheet, one row per measure (docs/export.md)",
    kind: Kind::Data,
    plan: Some(&csv::CsvExport),
    report: None,
};

pub static ICS: Format = Format {
    name: "ics",
    extension: "ics",
    about: "a calendar of the measures' deadlines (docs/export.md)",
    kind: Kind::Data,
    plan: Some(&ics::IcsExport),
    report: None,
};

/// Every format, in the order outputs are made, reported and linked.
pub static FORMATS: &[&Format] = &[&HTML, &PDF, &JSON, &CSV, &ICS];

/// The format called `name`, for argument parsing.
pub fn by_name(name: &str) -> Option<&'static Format> {
    FORMATS.iter().copied().find(|f| f.name == name)
}

/// The documents a person reads: what `build` makes by default.
pub fn documents() -> Vec<&'static Format> {
    FORMATS
        .iter()
        .copied()
        .filter(|f| f.kind == Kind::Document)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_extensions_are_unique_and_outputs_agree() {
        for (i, f) in FORMATS.iter().enumerate() {
            assert!(
                FORMATS[..i]
                    .iter()
                    .all(|g| g.name != f.name && g.extension != f.extension)
            );
            assert!(
                f.plan.is_some() || f.report.is_some(),
                "{} makes nothing",
                f.name
            );
            for name in [f.plan.map(|o| o.name()), f.report.map(|o| o.name())]
                .into_iter()
                .flatten()
            {
                assert_eq!(name, f.name);
            }
            assert_eq!(by_name(f.name), Some(*f));
        }
        assert_eq!(documents(), vec![&HTML, &PDF]);
    }
}
