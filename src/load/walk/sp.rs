//! The walk's side of [`raw::Sp`]'s protocol: a span and a value, as the
//! sequence `[start, end, value]` that `Sp` reads (see [`raw::Sp`]).

use serde::de::{DeserializeSeed, IntoDeserializer, SeqAccess};

use super::stop::Stop;
use crate::raw;
use crate::source::Span;

/// Answers `deserialize_newtype_struct(raw::Sp::NAME, …)` for a value read
/// by `value` that stands at `span`.
pub(super) struct SpSeq<D> {
    span: Span,
    value: Option<D>,
    next: u8,
}

impl<D> SpSeq<D> {
    pub(super) fn new(span: Span, value: D) -> Self {
        SpSeq {
            span,
            value: Some(value),
            next: 0,
        }
    }
}

/// The name `raw::Sp` asks for.
pub(super) const NAME: &str = raw::Sp::<()>::NAME;

impl<'de, D: serde::Deserializer<'de, Error = Stop>> SeqAccess<'de> for SpSeq<D> {
    type Error = Stop;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Stop> {
        let offset = match self.next {
            0 => self.span.start,
            1 => self.span.end,
            _ => {
                return match self.value.take() {
                    Some(value) => seed.deserialize(value).map(Some),
                    None => Ok(None),
                };
            }
        };
        self.next += 1;
        let offset: serde::de::value::U64Deserializer<Stop> = (offset as u64).into_deserializer();
        seed.deserialize(offset).map(Some)
    }
}
