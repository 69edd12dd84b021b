//! The YAML as a tree that keeps the place of every node.
//!
//! serde-saphyr reads the file into it once, with the same options as the
//! typed parse (budgets, duplicate keys, strict booleans), so a file that
//! reads into the typed plan reads into a tree too. The tree is what
//! [`super::walk`] turns into the raw plan while collecting every shape error.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

/// One YAML node: its value and where it stands.
#[derive(Debug)]
pub struct Node {
    pub value: Value,
    /// Where the node is used: for a node inside an alias's expansion, the alias.
    pub at: Location,
    /// Where the node is written: for a node reached through an alias, in the anchor.
    pub defined: Location,
}

/// A node's value. Scalars other than text keep only their kind: their text
/// is read from the file where they are written ([`Node::defined`]), exactly
/// as the typed parse reads a plain scalar.
#[derive(Debug)]
pub enum Value {
    /// A plain null: empty, `~` or `null`.
    Null,
    Bool,
    Int,
    Float,
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<Value>::deserialize(deserializer)?;
        Ok(Node {
            value: spanned.value,
            at: spanned.referenced,
            defined: spanned.defined,
        })
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Value, E> {
        Ok(Value::Bool)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Value, E> {
        Ok(Value::Int)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Value, E> {
        Ok(Value::Int)
    }
    fn visit_i128<E>(self, _: i128) -> Result<Value, E> {
        Ok(Value::Int)
    }
    fn visit_u128<E>(self, _: u128) -> Result<Value, E> {
        Ok(Value::Int)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Value, E> {
        Ok(Value::Float)
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<Value, E> {
        Ok(Value::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Value::Map(entries))
    }
}

impl Node {
    /// A scalar's text as the typed parse reads it; `None` for a list or mapping.
    pub fn text<'a>(&'a self, file: &'a str) -> Option<&'a str> {
        match &self.value {
            Value::Str(s) => Some(s),
            Value::Seq(_) | Value::Map(_) => None,
            _ => {
                let span = self.defined.span();
                let start = span.byte_offset()? as usize;
                let len = span.byte_len().unwrap_or(0) as usize;
                file.get(start..start + len)
            }
        }
    }

    /// The value under `key`, for a mapping.
    pub fn get(&self, key: &str, file: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.text(file) == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }
}
