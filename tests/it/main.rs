//! The integration tests, one binary: each module runs the real binary (or
//! the public engine) on fixtures. One binary instead of one per file,
//! because each links Typst: see README "Contributing" for the measured
//! difference.

mod support;

mod archive;
mod build;
mod cli;
mod compare;
mod diff;
mod engine;
mod export;
mod faults;
mod fuzz_regressions;
mod golden;
mod lsp;
mod properties;
mod report;
mod serve;
mod shape;
mod site;
mod source;
mod watch;
