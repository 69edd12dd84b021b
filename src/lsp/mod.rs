//! `actionplan lsp`: a language server for plan files (LSP 3.17, stdio).

pub mod actions;
pub mod complete;
pub mod context;
pub mod diagnostics;
pub mod documents;
pub mod index;
pub mod navigate;
pub mod rename;
pub mod schema;
pub mod symbols;
pub mod tree;
