//! The follow-up report's documents: the PDF (`templates/report.typ`, with
//! the same Typst engine, fonts and PDF/A-2a + PDF/UA-1 export as the plan)
//! and the HTML page (`templates/report.html` with `style.css` and
//! `report.css`). They are registered in [`super::formats`]; the engine names their files
//! (`engine::report_file_name`).

use super::html::Page;
use super::{Context, Output, Rendered, pdf};
use crate::report::ReportView;

/// The report for the council and the archive.
pub struct ReportPdf;

impl Output<ReportView> for ReportPdf {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn extension(&self) -> &'static str {
        "pdf"
    }

    fn needs_fonts(&self) -> bool {
        true
    }

    fn render(&self, view: &ReportView, context: &Context<'_>) -> Rendered {
        pdf::typeset("report.typ", view, context)
    }
}

/// The report as one accessible page.
pub struct ReportHtml;

impl Output<ReportView> for ReportHtml {
    fn name(&self) -> &'static str {
        "html"
    }

    fn extension(&self) -> &'static str {
        "html"
    }

    fn render(&self, view: &ReportView, context: &Context<'_>) -> Rendered {
        let page = Page {
            template: "report.html",
            name: "report",
            styles: &["style.css", "report.css"],
            scripts: &[],
        };
        page.render(view, context)
    }
}
