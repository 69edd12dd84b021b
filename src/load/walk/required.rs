//! The keys each struct of the plan format requires, taken from the types.
//!
//! serde's derive knows which keys a struct requires, but tells only when
//! one is missed, and then stops. The JSON Schema that schemars derives from
//! the same types (`actionplan schema`) lists them up front: a key is
//! required unless it is an `Option` or has `#[serde(default)]`, the rule
//! serde follows. The tests below check the table against serde itself, and
//! that it names every struct the format has.

use std::collections::HashMap;
use std::sync::LazyLock;

use schemars::{JsonSchema, SchemaGenerator};

use crate::raw;

/// Lists the structs of the plan format, by their type in [`raw`].
macro_rules! structs {
    ($($ty:ident),* $(,)?) => {
        /// Every struct's required keys, by the struct's name.
        fn table() -> HashMap<String, Vec<String>> {
            let mut generator = SchemaGenerator::default();
            HashMap::from([$(required::<raw::$ty>(&mut generator)),*])
        }

        #[cfg(test)]
        fn serde_table() -> Vec<(&'static str, Vec<&'static str>)> {
            vec![$(tests::serde_required::<raw::$ty>()),*]
        }

        #[cfg(test)]
        fn schemas() -> Vec<schemars::Schema> {
            let mut generator = SchemaGenerator::default();
            vec![$(<raw::$ty as JsonSchema>::json_schema(&mut generator)),*]
        }
    };
}

structs![
    Document,
    PlanMeta,
    Period,
    Decision,
    Related,
    Body,
    Section,
    Goal,
    Indicator,
    Measurement,
    Measure,
    FollowUp,
    Report,
    GoalReport,
    MeasureReport,
    Revision,
];

/// Made once, when a walk first needs it.
static REQUIRED: LazyLock<HashMap<String, Vec<String>>> = LazyLock::new(table);

/// The keys the struct named `strukt` (serde's name, the type's) requires.
pub(super) fn keys(strukt: &str) -> &'static [String] {
    REQUIRED.get(strukt).map_or(&[], Vec::as_slice)
}

/// `T`'s name and the keys its schema requires.
fn required<T: JsonSchema>(generator: &mut SchemaGenerator) -> (String, Vec<String>) {
    let schema = T::json_schema(generator);
    let keys = schema
        .get("required")
        .and_then(|r| r.as_array())
        .into_iter()
        .flatten()
        .filter_map(|k| k.as_str().map(str::to_string))
        .collect();
    (T::schema_name().into_owned(), keys)
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::collections::BTreeSet;

    use serde::de::value::MapDeserializer;
    use serde::de::{self, DeserializeOwned, Visitor};

    use super::super::absent::Absent;
    use super::super::stop::Stop;
    use super::*;

    /// Offers a struct the keys `offered` (as stand-ins) and records its name.
    #[derive(Clone, Copy)]
    struct Probe<'p> {
        offered: &'p [&'static str],
        name: &'p Cell<&'static str>,
    }

    impl<'de> de::Deserializer<'de> for Probe<'_> {
        type Error = Stop;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop::Other("the probe reads structs only".into()))
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            name: &'static str,
            _fields: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Stop> {
            self.name.set(name);
            visitor.visit_map(MapDeserializer::new(
                self.offered.iter().map(|f| (*f, Absent)),
            ))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }

    /// `T`'s name and the keys serde's derive requires of it: offered none,
    /// it asks for one; offered that one too, for the next; and so on.
    pub(super) fn serde_required<T: DeserializeOwned>() -> (&'static str, Vec<&'static str>) {
        let name = Cell::new("");
        let mut offered = Vec::new();
        loop {
            let probe = Probe {
                offered: &offered,
                name: &name,
            };
            match T::deserialize(probe) {
                Ok(_) => return (name.get(), offered),
                Err(Stop::Missing(key)) if !offered.contains(&key) => offered.push(key),
                Err(e) => panic!("{}: {e}", name.get()),
            }
        }
    }

    #[test]
    fn the_schema_requires_exactly_the_keys_serde_requires() {
        for (name, serde_keys) in serde_table() {
            let schema_keys: BTreeSet<&str> = keys(name).iter().map(String::as_str).collect();
            let serde_keys: BTreeSet<&str> = serde_keys.into_iter().collect();
            assert!(!schema_keys.is_empty(), "{name}: not in the table");
            assert_eq!(schema_keys, serde_keys, "{name}");
        }
    }

    /// Every object with properties anywhere in `schema`, as its keys.
    fn objects(schema: &serde_json::Value, found: &mut Vec<BTreeSet<String>>) {
        match schema {
            serde_json::Value::Object(map) => {
                // An optional struct's type is `["object", "null"]`.
                if let Some(serde_json::Value::Object(properties)) = map.get("properties") {
                    found.push(properties.keys().cloned().collect());
                }
                map.values().for_each(|v| objects(v, found));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| objects(v, found)),
            _ => {}
        }
    }

    #[test]
    fn the_table_names_every_struct_of_the_format() {
        // A struct added to `raw` but not to `structs!` would have its
        // missing keys stop the walk instead of being reported.
        let mut found = Vec::new();
        objects(&crate::schema::schema(), &mut found);
        let listed: Vec<BTreeSet<String>> = schemas()
            .iter()
            .filter_map(|s| s.get("properties")?.as_object())
            .map(|p| p.keys().cloned().collect())
            .collect();
        assert_eq!(listed.len(), serde_table().len());
        assert!(found.len() >= listed.len(), "{found:?}");
        for object in &found {
            assert!(
                listed.contains(object),
                "a struct not in `structs!`: {object:?}"
            );
        }
    }
}
