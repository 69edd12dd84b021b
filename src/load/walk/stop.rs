//! Why a walk stopped: the error type of the walk's deserializers.
//!
//! The walk records shape errors and goes on, so it stops only for what it
//! does not expect: serde asking for a key the walk did not know to be
//! required (its table disagrees with the types, a bug), or anything else
//! serde raises. Its own module, so that every part of the walk can use it
//! without importing from another.

use std::fmt;

use serde::de;

/// Why a walk stopped: serde's missing key, or an error it does not expect.
#[derive(Debug)]
pub(super) enum Stop {
    /// serde's `missing_field`: a required key the walk did not stand in.
    Missing(&'static str),
    Other(String),
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stop::Missing(field) => write!(f, "missing field `{field}`"),
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
        Stop::Missing(field)
    }
}
