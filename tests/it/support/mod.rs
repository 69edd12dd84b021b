//! What several test modules share.

pub mod git;
pub mod live;
pub mod lsp;
pub mod oracles;
pub mod tools;
