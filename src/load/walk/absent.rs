//! The stand-in for a value that is missing or of the wrong type: empty,
//! zero, or a struct of stand-ins, so that the walk can go on after a shape
//! error and the item holding it can be left out afterwards.

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{self, IntoDeserializer, Visitor};

use super::sp::{self, SpSeq};
use super::stop::Stop;
use crate::source::Span;

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
pub(super) struct Absent;

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
        if name == sp::NAME {
            // A stand-in stands nowhere: the empty span at 0, as a value
            // without a byte offset has always had.
            visitor.visit_seq(SpSeq::new(Span::default(), Absent))
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
