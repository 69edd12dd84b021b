//! [`Sp`]: a value of the plan and where it stands in the file.
//!
//! Our own type, with our own way for a deserializer to give the span, so
//! that no part of the program depends on how a YAML crate carries
//! positions inside. From serde-saphyr it reads the public, documented
//! [`serde_saphyr::Spanned`].

use std::marker::PhantomData;

use schemars::JsonSchema;
use serde::{Deserialize, de};

use crate::source::Span;

/// A value and where it stands in the file.
///
/// [`Sp::span`] is the byte range of the value as it is used: for an alias
/// (`*name`), the alias, not the anchor.
///
/// # How a deserializer gives the span
/// `Sp<T>` asks for a newtype struct named [`Sp::NAME`]. A deserializer that
/// knows where its values stand (the walk in `load`) answers with
/// `visit_seq` of three elements: the start and end byte offsets (`u64`) and
/// then the value. Any other deserializer hands itself to
/// `visit_newtype_struct`, as serde's contract says, and the value is read
/// through serde-saphyr's public [`serde_saphyr::Spanned`], whose
/// `referenced` location gives the span. Where neither knows a position
/// (e.g. JSON), the span is empty at 0.
#[derive(Debug, Clone)]
pub struct Sp<T> {
    value: T,
    span: Span,
}

impl<T> Sp<T> {
    /// The newtype name `Sp<T>` asks a deserializer for; see the type's docs.
    pub const NAME: &'static str = "actionplan::raw::Sp";

    pub fn new(value: T, span: Span) -> Self {
        Sp { value, span }
    }

    pub fn value(&self) -> &T {
        &self.value
    }

    /// The byte range of the value; for an alias, where the alias is used.
    pub fn span(&self) -> Span {
        self.span
    }
}

/// The byte range of a serde-saphyr location, or an empty span at 0 where
/// the location has no byte offset (a value made up, not read).
pub(crate) fn byte_span(location: serde_saphyr::Location) -> Span {
    let span = location.span();
    match (span.byte_offset(), span.byte_len()) {
        (Some(offset), Some(len)) => Span::new(offset as usize, (offset + len) as usize),
        _ => Span::default(),
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(Self::NAME, SpVisitor(PhantomData))
    }
}

struct SpVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> de::Visitor<'de> for SpVisitor<T> {
    type Value = Sp<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a value")
    }

    /// serde-saphyr (or any deserializer without our protocol).
    fn visit_newtype_struct<D: de::Deserializer<'de>>(self, d: D) -> Result<Sp<T>, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(d)?;
        Ok(Sp::new(spanned.value, byte_span(spanned.referenced)))
    }

    /// Our protocol: start, end, value.
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Sp<T>, A::Error> {
        let missing = |what: &str| -> A::Error {
            de::Error::custom(format!("a spanned value without its {what}"))
        };
        let start: u64 = seq.next_element()?.ok_or_else(|| missing("start"))?;
        let end: u64 = seq.next_element()?.ok_or_else(|| missing("end"))?;
        let value: T = seq.next_element()?.ok_or_else(|| missing("value"))?;
        let start = usize::try_from(start).unwrap_or(usize::MAX);
        let end = usize::try_from(end).unwrap_or(usize::MAX);
        Ok(Sp::new(value, Span::new(start, end)))
    }
}

// Compared and ordered by value: where a value is written does not change it.
impl<T: PartialEq> PartialEq for Sp<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value()
    }
}
impl<T: Eq> Eq for Sp<T> {}
impl<T: Ord> PartialOrd for Sp<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<T: Ord> Ord for Sp<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value().cmp(other.value())
    }
}

/// The schema of `T`: a span is no part of the format.
impl<T: JsonSchema> JsonSchema for Sp<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}
