//! How long each stage of a build took, for `build --timings` and the
//! benchmarks. A leaf: every stage adds its own, the printing formats them.

use std::time::Duration;

/// How long each stage took.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    /// Reading and parsing the YAML.
    pub load: Duration,
    pub validate: Duration,
    pub view: Duration,
    /// The view as JSON for Typst, with characters no font has replaced.
    pub pdf_data: Duration,
    pub html: Duration,
    /// Typst's compilation and layout.
    pub typst_layout: Duration,
    /// Typst's PDF export.
    pub typst_export: Duration,
}

impl Timings {
    /// Everything that is not the Typst engine, in CPU time (the HTML is
    /// rendered while Typst works, so it adds little wall time).
    pub fn ours(&self) -> Duration {
        self.load + self.validate + self.view + self.pdf_data + self.html
    }

    /// Adds the stages `other` timed (each output times its own).
    pub fn add(&mut self, other: &Timings) {
        self.load += other.load;
        self.validate += other.validate;
        self.view += other.view;
        self.pdf_data += other.pdf_data;
        self.html += other.html;
        self.typst_layout += other.typst_layout;
        self.typst_export += other.typst_export;
    }

    /// The wall time of our own stages: the HTML only when there is no PDF to hide behind.
    pub fn ours_wall(&self) -> Duration {
        let html = if self.typst_layout.is_zero() {
            self.html
        } else {
            Duration::ZERO
        };
        self.load + self.validate + self.view + self.pdf_data + html
    }
}
