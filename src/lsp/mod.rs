//! `actionplan lsp`: a language server for plan files (LSP 3.17, stdio).

pub mod complete;
pub mod context;
pub mod documents;
pub mod index;
pub mod schema;
pub mod tree;
