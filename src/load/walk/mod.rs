//! The tree → the raw plan, collecting every shape error on the way.
//!
//! A serde `Deserializer` over [`Node`]s ([`node`]) that does not stop at a
//! shape error: it records the error and goes on with a stand-in
//! ([`absent`]), so that the raw structs (plain serde derives) are read
//! exactly as the typed parse reads them and every mistake is found in one
//! walk.
//!
//! - An unknown key is reported and hidden from the struct.
//! - A value of the wrong type is reported and read as an empty stand-in.
//! - A missing required key is reported, and stands in empty. Which keys a
//!   struct requires is known up front, from the types ([`required`]).
//!
//! An item (an element of a list, an entry of a mapping with ids for keys)
//! with a stand-in in it is left out: a second walk skips it, so the raw plan
//! holds only what was written, and validation can run on the rest. An error
//! outside every item (in the metadata, say) leaves no plan to validate.
//!
//! The modules form a tree: [`node`] uses [`state`], [`keys`], [`absent`] and
//! [`sp`]; [`keys`] uses [`state`] and [`required`]; [`absent`] uses [`sp`];
//! all of them fail with [`stop`]'s error.

use std::collections::HashSet;

use serde::Deserialize;

use super::tree::Node;
use crate::raw;
use crate::source::SourceFile;

mod absent;
mod keys;
mod node;
mod required;
mod sp;
mod state;
mod stop;

pub use state::{Item, Problem};

/// What the walk made of a document.
pub struct Walked<'a> {
    /// The raw plan without the items left out; `None` when an error is outside every item.
    pub document: Option<raw::Document>,
    pub problems: Vec<Problem<'a>>,
}

/// Reads the raw plan from the tree, collecting every shape error: one walk,
/// and a second without the items the first had to leave out.
pub fn document<'a>(file: &'a SourceFile, root: &'a Node) -> Walked<'a> {
    let (result, problems) = walk(file, root, &HashSet::new());
    let Ok(document) = result else {
        // Not a shape error the walk knows: what was found, and no plan.
        return Walked {
            document: None,
            problems,
        };
    };
    let outside = problems.iter().any(|p| p.leaves_out && p.items.is_empty());
    let skip: HashSet<usize> = problems
        .iter()
        .filter(|p| p.leaves_out)
        .filter_map(|p| p.items.last().map(Item::address))
        .collect();
    if outside || skip.is_empty() {
        return Walked {
            document: (!outside).then_some(document),
            problems,
        };
    }
    // Not kept while the second walk makes the plan again.
    drop(document);
    // Without the items left out, nothing may be wrong any more.
    let (again, left) = walk(file, root, &skip);
    let clean = left.iter().all(|p| !p.leaves_out);
    Walked {
        document: again.ok().filter(|_| clean),
        problems,
    }
}

/// One walk of the tree, skipping the items at the addresses in `skip`.
fn walk<'a>(
    file: &'a SourceFile,
    root: &'a Node,
    skip: &HashSet<usize>,
) -> (Result<raw::Document, stop::Stop>, Vec<Problem<'a>>) {
    let walk = state::Walk::new(file, skip);
    let result = raw::Document::deserialize(node::NodeDe {
        walk: &walk,
        node: root,
    });
    (result, walk.into_problems())
}
