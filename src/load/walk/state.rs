//! What one walk keeps while it reads: the items it is inside, the shape
//! errors found so far, and the items to skip (those left out).

use std::cell::{Cell, RefCell};
use std::collections::HashSet;

use crate::diagnostics::Diagnostic;
use crate::load::errors::{found_at, span_of, wrong_type};
use crate::load::tree::Node;
use crate::source::SourceFile;

/// An item being read: an element of a list or an entry of a mapping.
#[derive(Clone, Copy, Debug)]
pub struct Item<'a> {
    /// The element, or the entry's value.
    pub node: &'a Node,
    /// The entry's key.
    pub key: Option<&'a Node>,
    /// The struct key the list or mapping stands under, e.g. `measures`.
    pub field: &'static str,
}

impl Item<'_> {
    /// The item's identity across walks of one tree: where its node lives.
    pub(super) fn address(&self) -> usize {
        std::ptr::from_ref(self.key.unwrap_or(self.node)) as usize
    }
}

/// One shape error, with the items it stands in (outermost first).
#[derive(Debug)]
pub struct Problem<'a> {
    /// `None` for an error already told by another (a key missed because it was misspelt).
    pub diagnostic: Option<Diagnostic>,
    /// Whether the item had to be completed with a stand-in, and so is left out.
    pub leaves_out: bool,
    pub items: Vec<Item<'a>>,
}

/// One walk's state, shared by the deserializers of its nodes.
pub(super) struct Walk<'w, 'a> {
    pub file: &'a SourceFile,
    /// Items left out, by [`Item::address`].
    skip: &'w HashSet<usize>,
    problems: RefCell<Vec<Problem<'a>>>,
    /// The items being read, outermost first.
    items: RefCell<Vec<Item<'a>>>,
    /// The struct key whose value is being read.
    pub field: Cell<&'static str>,
}

impl<'w, 'a> Walk<'w, 'a> {
    pub fn new(file: &'a SourceFile, skip: &'w HashSet<usize>) -> Self {
        Walk {
            file,
            skip,
            problems: RefCell::new(Vec::new()),
            items: RefCell::new(Vec::new()),
            field: Cell::new(""),
        }
    }

    /// The shape errors found.
    pub fn into_problems(self) -> Vec<Problem<'a>> {
        self.problems.into_inner()
    }

    pub fn report(&self, diagnostic: Option<Diagnostic>, leaves_out: bool) {
        self.problems.borrow_mut().push(Problem {
            diagnostic,
            leaves_out,
            items: self.items.borrow().clone(),
        });
    }

    pub fn wrong_type(&self, node: &Node, expected: &str) {
        let span = span_of(self.file, node.at);
        let found = found_at(self.file, span);
        let expected = if self.items.borrow().is_empty() && self.field.get().is_empty() {
            "struct Document"
        } else {
            expected
        };
        self.report(Some(wrong_type(Some(span), &found, expected)), true);
    }

    /// Enters `item`, unless it is left out (then false).
    pub fn enter(&self, item: Item<'a>) -> bool {
        if self.skip.contains(&item.address()) {
            return false;
        }
        self.items.borrow_mut().push(item);
        true
    }

    pub fn leave(&self) {
        self.items.borrow_mut().pop();
    }
}
