//! A serde `Deserializer` over one tree [`Node`], and the accessors of its
//! lists, mappings and structs.
//!
//! It reads a node as the typed parse reads the same YAML, but a shape error
//! is reported (through [`Walk`]) and read as a stand-in ([`Absent`])
//! instead of stopping; a struct's keys are sorted out by [`keys`].

use serde::de::value::StrDeserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use super::absent::Absent;
use super::keys;
use super::sp::{self, SpSeq};
use super::state::{Item, Walk};
use super::stop::Stop;
use crate::load::errors::{convert_at, span_of};
use crate::load::tree::{Node, Value};
use crate::raw;

/// Reads one node.
#[derive(Clone, Copy)]
pub(super) struct NodeDe<'w, 'a> {
    pub walk: &'w Walk<'w, 'a>,
    pub node: &'a Node,
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
        match serde_saphyr::from_str_with_options::<T>(yaml, crate::load::options()) {
            Ok(value) => value,
            Err(error) => {
                let span = span_of(self.walk.file, self.node.at);
                let d = convert_at(self.walk.file, &error, Some(span));
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
        if name == sp::NAME {
            // Where the node is used: for an alias, the alias.
            visitor.visit_seq(SpSeq::new(raw::byte_span(self.node.at), self))
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
        let (present, absent) = keys::sort(self.walk, self.node, entries, name, fields);
        let outer = self.walk.field.get();
        let result = visitor.visit_map(Fields {
            walk: self.walk,
            present: present.into_iter(),
            absent: absent.into_iter(),
            value: None,
        });
        self.walk.field.set(outer);
        result
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
