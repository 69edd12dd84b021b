//! The tree → the raw plan, collecting every shape error on the way.
//!
//! A serde `Deserializer` over [`Node`]s that does not stop at a shape error:
//! it records the error and goes on with a stand-in, so that the raw structs
//! (plain serde derives) are read exactly as the typed parse reads them and
//! every mistake is found in one walk.
//!
//! - An unknown key is reported and hidden from the struct.
//! - A value of the wrong type is reported and read as an empty stand-in.
//! - A missing required key is reported, and stands in empty. serde only says
//!   a key is required when it misses one, so the first time a key is missed
//!   the walk starts over knowing it (the facts are kept for the process).
//!
//! An item (an element of a list, an entry of a mapping with ids for keys)
//! with a stand-in in it is left out: a second walk skips it, so the raw plan
//! holds only what was written, and validation can run on the rest. An error
//! outside every item (in the metadata, say) leaves no plan to validate.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::fmt;
use std::sync::Mutex;

use serde::Deserialize;
use serde::de::value::{MapDeserializer, SeqDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Location;

use super::spanned::{SPANNED, SpannedDe};
use super::tree::{Node, Value};
use crate::diagnostics::Diagnostic;
use crate::raw;
use crate::source::SourceFile;
use crate::suggest::did_you_mean;

/// The most walks of one document: one per required key learnt, and two more.
const MAX_WALKS: usize = 64;

/// Required keys, as (struct, key), learnt from serde's `missing_field`.
static REQUIRED: Mutex<Vec<(&'static str, &'static str)>> = Mutex::new(Vec::new());

fn is_required(strukt: &'static str, field: &'static str) -> bool {
    REQUIRED
        .lock()
        .map(|r| r.contains(&(strukt, field)))
        .unwrap_or(false)
}

/// Records that `strukt` requires `field`; false if it was known.
fn learn(strukt: &'static str, field: &'static str) -> bool {
    let Ok(mut required) = REQUIRED.lock() else {
        return false;
    };
    if required.contains(&(strukt, field)) {
        return false;
    }
    required.push((strukt, field));
    true
}

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
    fn address(&self) -> usize {
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

/// What the walk made of a document.
pub struct Walked<'a> {
    /// The raw plan without the items left out; `None` when an error is outside every item.
    pub document: Option<raw::Document>,
    pub problems: Vec<Problem<'a>>,
}

/// Reads the raw plan from the tree, collecting every shape error.
pub fn document<'a>(file: &'a SourceFile, root: &'a Node) -> Walked<'a> {
    let mut skip = HashSet::new();
    let mut found: Option<Vec<Problem<'a>>> = None;
    for _ in 0..MAX_WALKS {
        let walk = Walk {
            file,
            skip: &skip,
            problems: RefCell::new(Vec::new()),
            items: RefCell::new(Vec::new()),
            field: Cell::new(""),
        };
        let result = raw::Document::deserialize(NodeDe {
            walk: &walk,
            node: root,
        });
        let problems = walk.problems.into_inner();
        match result {
            Err(Stop::Missing {
                strukt: Some(strukt),
                field,
            }) if learn(strukt, field) => continue,
            Err(_) => {
                // Not a shape error this walk knows: what was found so far, and no plan.
                return Walked {
                    document: None,
                    problems: found.unwrap_or(problems),
                };
            }
            Ok(doc) => match found {
                None => {
                    let outside = problems.iter().any(|p| p.leaves_out && p.items.is_empty());
                    skip = problems
                        .iter()
                        .filter(|p| p.leaves_out)
                        .filter_map(|p| p.items.last().map(Item::address))
                        .collect();
                    if outside {
                        return Walked {
                            document: None,
                            problems,
                        };
                    }
                    if skip.is_empty() {
                        return Walked {
                            document: Some(doc),
                            problems,
                        };
                    }
                    found = Some(problems);
                }
                Some(first) => {
                    // Without the items left out, nothing may be wrong any more.
                    let clean = problems.iter().all(|p| !p.leaves_out);
                    return Walked {
                        document: clean.then_some(doc),
                        problems: first,
                    };
                }
            },
        }
    }
    Walked {
        document: None,
        problems: found.unwrap_or_default(),
    }
}

struct Walk<'w, 'a> {
    file: &'a SourceFile,
    /// Items left out, by [`Item::address`].
    skip: &'w HashSet<usize>,
    problems: RefCell<Vec<Problem<'a>>>,
    /// The items being read, outermost first.
    items: RefCell<Vec<Item<'a>>>,
    /// The struct key whose value is being read.
    field: Cell<&'static str>,
}

impl<'a> Walk<'_, 'a> {
    fn report(&self, diagnostic: Option<Diagnostic>, leaves_out: bool) {
        self.problems.borrow_mut().push(Problem {
            diagnostic,
            leaves_out,
            items: self.items.borrow().clone(),
        });
    }

    fn wrong_type(&self, node: &Node, expected: &str) {
        let span = super::span_of(self.file, node.at);
        let found = super::found_at(self.file, span);
        let expected = if self.items.borrow().is_empty() && self.field.get().is_empty() {
            "struct Document"
        } else {
            expected
        };
        self.report(Some(super::wrong_type(Some(span), &found, expected)), true);
    }

    fn enter(&self, item: Item<'a>) -> bool {
        if self.skip.contains(&item.address()) {
            return false;
        }
        self.items.borrow_mut().push(item);
        true
    }

    fn leave(&self) {
        self.items.borrow_mut().pop();
    }
}

/// Why a walk stopped: serde's missing key, or an error it does not expect.
#[derive(Debug)]
pub(super) enum Stop {
    Missing {
        strukt: Option<&'static str>,
        field: &'static str,
    },
    Other(String),
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stop::Missing { field, .. } => write!(f, "missing field `{field}`"),
            Stop::Other(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Stop::Other(msg.to_string())
    }

    fn missing_field(field: &'static str) -> Self {
        Stop::Missing {
            strukt: None,
            field,
        }
    }
}

/// Reads one node.
#[derive(Clone, Copy)]
struct NodeDe<'w, 'a> {
    walk: &'w Walk<'w, 'a>,
    node: &'a Node,
}

impl<'w, 'a> NodeDe<'w, 'a> {
    fn text(&self) -> Option<&'a str> {
        self.node.text(self.walk.file.text())
    }

    /// A number read as the typed parse reads it, or the error it gives.
    fn number<T: serde::de::DeserializeOwned + Default>(&self, expected: &str) -> T {
        let Some(text) = self.text() else {
            self.walk.wrong_type(self.node, expected);
            return T::default();
        };
        // A JSON string is a YAML double-quoted scalar: the same text, and
        // numbers are parsed from a scalar's text whatever its style.
        self.reparse(&serde_json::to_string(text).unwrap_or_default())
    }

    /// `yaml` read as the typed parse reads this node, or the error it gives, here.
    fn reparse<T: serde::de::DeserializeOwned + Default>(&self, yaml: &str) -> T {
        match serde_saphyr::from_str_with_options::<T>(yaml, super::options()) {
            Ok(value) => value,
            Err(error) => {
                let span = super::span_of(self.walk.file, self.node.at);
                let d = super::convert_at(self.walk.file, &error, Some(span));
                self.walk.report(Some(d), true);
                T::default()
            }
        }
    }
}

macro_rules! numbers {
    ($($method:ident $visit:ident $ty:ty, $expected:literal;)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
                let value: $ty = self.number($expected);
                visitor.$visit(value)
            }
        )*
    };
}

impl<'de, 'w, 'a> de::Deserializer<'de> for NodeDe<'w, 'a> {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        match &self.node.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool => visitor.visit_bool(self.text() == Some("true")),
            Value::Int => match self.text().and_then(|t| t.parse::<i64>().ok()) {
                Some(n) => visitor.visit_i64(n),
                None => self.deserialize_u64(visitor),
            },
            Value::Float => self.deserialize_f64(visitor),
            Value::Str(s) => visitor.visit_str(s),
            Value::Seq(_) => self.deserialize_seq(visitor),
            Value::Map(_) => self.deserialize_map(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        let value: bool = self.number("bool");
        visitor.visit_bool(value)
    }

    numbers! {
        deserialize_i8 visit_i8 i8, "i8";
        deserialize_i16 visit_i16 i16, "i16";
        deserialize_i32 visit_i32 i32, "i32";
        deserialize_i64 visit_i64 i64, "i64";
        deserialize_u8 visit_u8 u8, "u8";
        deserialize_u16 visit_u16 u16, "u16";
        deserialize_u32 visit_u32 u32, "u32";
        deserialize_u64 visit_u64 u64, "u64";
        deserialize_f32 visit_f32 f32, "f32";
        deserialize_f64 visit_f64 f64, "f64";
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        match (&self.node.value, self.text()) {
            (Value::Null, _) => {
                let text: String = self.reparse("~");
                visitor.visit_str(&text)
            }
            (_, Some(text)) => visitor.visit_str(text),
            (_, None) => {
                self.walk.wrong_type(self.node, "string");
                visitor.visit_str("")
            }
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        match self.node.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        if !matches!(self.node.value, Value::Null) {
            self.walk.wrong_type(self.node, "unit");
        }
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Stop> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Stop> {
        if name == SPANNED {
            visitor.visit_newtype_struct(SpannedDe {
                value: self,
                at: self.node.at,
                defined: self.node.defined,
            })
        } else {
            visitor.visit_newtype_struct(self)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        match &self.node.value {
            Value::Seq(items) => visitor.visit_seq(Elements {
                walk: self.walk,
                items: items.iter(),
                field: self.walk.field.get(),
            }),
            _ => {
                self.walk.wrong_type(self.node, "sequence");
                Absent.deserialize_seq(visitor)
            }
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Stop> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Stop> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        match &self.node.value {
            Value::Map(entries) => visitor.visit_map(Entries {
                walk: self.walk,
                entries: entries.iter(),
                field: self.walk.field.get(),
                value: None,
            }),
            _ => {
                self.walk.wrong_type(self.node, "map");
                Absent.deserialize_map(visitor)
            }
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Stop> {
        let Value::Map(entries) = &self.node.value else {
            self.walk.wrong_type(self.node, "map");
            return Absent.deserialize_struct(name, fields, visitor);
        };
        let file = self.walk.file.text();
        let mut present: Vec<(&'static str, &'a Node)> = Vec::with_capacity(entries.len());
        let mut misspelt = Vec::new();
        let written: Vec<&str> = entries.iter().filter_map(|(k, _)| k.text(file)).collect();
        for (key, value) in entries {
            let text = key.text(file).unwrap_or("");
            match fields.iter().find(|f| **f == text) {
                Some(field) => present.push((field, value)),
                None => {
                    let span = super::span_of(self.walk.file, key.at);
                    let d = super::unknown_key(Some(span), text, fields, &written);
                    misspelt.extend(did_you_mean(text, fields.iter().copied()));
                    self.walk.report(Some(d), false);
                }
            }
        }
        let mut absent = Vec::new();
        for field in fields {
            if is_required(name, field) && !present.iter().any(|(f, _)| f == field) {
                let d = if misspelt.contains(field) {
                    None
                } else {
                    let at = entries.last().map_or(self.node.at, |(key, _)| key.at);
                    let span = super::span_of(self.walk.file, at);
                    Some(super::missing_key(Some(span), field))
                };
                self.walk.report(d, true);
                absent.push(*field);
            }
        }
        let outer = self.walk.field.get();
        let result = visitor.visit_map(Fields {
            walk: self.walk,
            present: present.into_iter(),
            absent: absent.into_iter(),
            value: None,
        });
        self.walk.field.set(outer);
        result.map_err(|e| match e {
            Stop::Missing {
                strukt: None,
                field,
            } => Stop::Missing {
                strukt: Some(name),
                field,
            },
            other => other,
        })
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Stop> {
        Err(Stop::Other("the plan format has no enums".to_string()))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        visitor.visit_unit()
    }
}

/// The elements of a list, each an item.
struct Elements<'w, 'a> {
    walk: &'w Walk<'w, 'a>,
    items: std::slice::Iter<'a, Node>,
    field: &'static str,
}

impl<'de> SeqAccess<'de> for Elements<'_, '_> {
    type Error = Stop;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Stop> {
        for node in self.items.by_ref() {
            let item = Item {
                node,
                key: None,
                field: self.field,
            };
            if !self.walk.enter(item) {
                continue;
            }
            let value = seed.deserialize(NodeDe {
                walk: self.walk,
                node,
            });
            self.walk.leave();
            return value.map(Some);
        }
        Ok(None)
    }
}

/// The entries of a mapping with ids for keys, each an item.
struct Entries<'w, 'a> {
    walk: &'w Walk<'w, 'a>,
    entries: std::slice::Iter<'a, (Node, Node)>,
    field: &'static str,
    value: Option<&'a Node>,
}

impl<'de> MapAccess<'de> for Entries<'_, '_> {
    type Error = Stop;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Stop> {
        for (key, node) in self.entries.by_ref() {
            let item = Item {
                node,
                key: Some(key),
                field: self.field,
            };
            if !self.walk.enter(item) {
                continue;
            }
            self.value = Some(node);
            let key = seed.deserialize(NodeDe {
                walk: self.walk,
                node: key,
            });
            if key.is_err() {
                self.walk.leave();
            }
            return key.map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Stop> {
        let node = self
            .value
            .take()
            .ok_or_else(|| Stop::Other("a value before its key".to_string()))?;
        let value = seed.deserialize(NodeDe {
            walk: self.walk,
            node,
        });
        self.walk.leave();
        value
    }
}

/// The keys of a struct: those written, then required ones missing (as stand-ins).
struct Fields<'w, 'a> {
    walk: &'w Walk<'w, 'a>,
    present: std::vec::IntoIter<(&'static str, &'a Node)>,
    absent: std::vec::IntoIter<&'static str>,
    value: Option<Option<&'a Node>>,
}

impl<'de> MapAccess<'de> for Fields<'_, '_> {
    type Error = Stop;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Stop> {
        let (field, node) = match self.present.next() {
            Some((field, node)) => (field, Some(node)),
            None => match self.absent.next() {
                Some(field) => (field, None),
                None => return Ok(None),
            },
        };
        self.value = Some(node);
        self.walk.field.set(field);
        let key: StrDeserializer<Stop> = field.into_deserializer();
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Stop> {
        match self.value.take() {
            Some(Some(node)) => seed.deserialize(NodeDe {
                walk: self.walk,
                node,
            }),
            Some(None) => seed.deserialize(Absent),
            None => Err(Stop::Other("a value before its key".to_string())),
        }
    }
}

macro_rules! absent_numbers {
    ($($method:ident $visit:ident $zero:literal,)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
                visitor.$visit($zero)
            }
        )*
    };
}

/// A stand-in for a value that is missing or wrong: empty, zero, or a struct of stand-ins.
struct Absent;

impl<'de> de::Deserializer<'de> for Absent {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        visitor.visit_unit()
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        visitor.visit_bool(false)
    }

    absent_numbers! {
        deserialize_i8 visit_i64 0, deserialize_i16 visit_i64 0, deserialize_i32 visit_i64 0,
        deserialize_i64 visit_i64 0, deserialize_u8 visit_u64 0, deserialize_u16 visit_u64 0,
        deserialize_u32 visit_u64 0, deserialize_u64 visit_u64 0, deserialize_f32 visit_f64 0.0,
        deserialize_f64 visit_f64 0.0,
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        visitor.visit_str("")
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        visitor.visit_str("")
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        visitor.visit_str("")
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        visitor.visit_none()
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        visitor.visit_seq(SeqDeserializer::<_, Stop>::new(std::iter::empty::<()>()))
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        visitor.visit_map(MapDeserializer::<_, Stop>::new(
            std::iter::empty::<((), ())>(),
        ))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Stop> {
        visitor.visit_map(MapDeserializer::new(fields.iter().map(|f| (*f, Absent))))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Stop> {
        if name == SPANNED {
            visitor.visit_newtype_struct(SpannedDe {
                value: Absent,
                at: Location::UNKNOWN,
                defined: Location::UNKNOWN,
            })
        } else {
            visitor.visit_newtype_struct(self)
        }
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char bytes byte_buf unit unit_struct tuple
        tuple_struct enum ignored_any
    }
}

impl<'de> IntoDeserializer<'de, Stop> for Absent {
    type Deserializer = Absent;
    fn into_deserializer(self) -> Absent {
        self
    }
}
