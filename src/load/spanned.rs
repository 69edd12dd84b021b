//! serde-saphyr's `Spanned<T>` (inside [`crate::raw::Sp`]) fed from a tree
//! node: the map of a marker, the value and two locations that serde-saphyr's
//! own deserializer makes for it.

use serde::de::value::{MapDeserializer, SeqDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde_saphyr::Location;

use super::walk::Stop;

/// serde-saphyr's name for `Spanned<T>`, and the key that marks its map.
pub(super) const SPANNED: &str = "__yaml_spanned";
const SPANNED_MARKER: &str = "__serde_saphyr_private_spanned";

/// `Spanned<T>` as serde-saphyr feeds it: a map of a marker, the value and two locations.
pub(super) struct SpannedDe<D> {
    pub value: D,
    pub at: Location,
    pub defined: Location,
}

impl<'de, D: de::Deserializer<'de, Error = Stop>> de::Deserializer<'de> for SpannedDe<D> {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        visitor.visit_map(SpannedAccess {
            value: Some(self.value),
            at: self.at,
            defined: self.defined,
            state: 0,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct SpannedAccess<D> {
    value: Option<D>,
    at: Location,
    defined: Location,
    state: u8,
}

impl<'de, D: de::Deserializer<'de, Error = Stop>> MapAccess<'de> for SpannedAccess<D> {
    type Error = Stop;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Stop> {
        let key = match self.state {
            0 => SPANNED_MARKER,
            1 => "value",
            2 => "referenced",
            3 => "defined",
            _ => return Ok(None),
        };
        self.state += 1;
        let key: StrDeserializer<Stop> = key.into_deserializer();
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Stop> {
        match self.state {
            1 => seed.deserialize(Lit::True),
            2 => match self.value.take() {
                Some(value) => seed.deserialize(value),
                None => Err(Stop::Other("the value twice".to_string())),
            },
            3 => seed.deserialize(Lit::Location(self.at)),
            _ => seed.deserialize(Lit::Location(self.defined)),
        }
    }
}

/// A location as serde-saphyr's `Location` reads it (a map of line, column and span).
enum Lit {
    True,
    U64(u64),
    Pair(u64, u64),
    Location(Location),
    Span(serde_saphyr::Span),
}

/// What a span holds where the byte offset is unknown.
const NO_INDEX: u64 = u32::MAX as u64;

impl<'de> IntoDeserializer<'de, Stop> for Lit {
    type Deserializer = Lit;
    fn into_deserializer(self) -> Lit {
        self
    }
}

impl<'de> de::Deserializer<'de> for Lit {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        match self {
            Lit::True => visitor.visit_bool(true),
            Lit::U64(n) => visitor.visit_u64(n),
            Lit::Pair(a, b) => {
                visitor.visit_seq(SeqDeserializer::new([Lit::U64(a), Lit::U64(b)].into_iter()))
            }
            Lit::Location(l) => visitor.visit_map(MapDeserializer::new(
                [
                    ("line", Lit::U64(l.line())),
                    ("column", Lit::U64(l.column())),
                    ("span", Lit::Span(l.span())),
                ]
                .into_iter(),
            )),
            Lit::Span(s) => visitor.visit_map(MapDeserializer::new(
                [("offset", Lit::U64(s.offset())), ("len", Lit::U64(s.len()))]
                    .into_iter()
                    .chain(std::iter::once((
                        "byte_info",
                        Lit::Pair(
                            s.byte_offset().unwrap_or(NO_INDEX),
                            s.byte_len().unwrap_or(NO_INDEX),
                        ),
                    ))),
            )),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}
