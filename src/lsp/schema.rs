//! What the plan format allows at a place: keys and enum values, read from
//! the JSON Schema that `actionplan schema` prints (generated from the raw
//! types), so the server and yaml-language-server never disagree.

use std::sync::OnceLock;

use serde_json::Value;

/// One step of a path into the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(String),
    /// An item of a list, whichever.
    Item,
}

/// A path as words, `*` for an item: `goals.*.measures`.
pub fn dotted(path: &[Step]) -> String {
    let words: Vec<&str> = path
        .iter()
        .map(|s| match s {
            Step::Key(k) => k.as_str(),
            Step::Item => "*",
        })
        .collect();
    words.join(".")
}

/// A key allowed in a mapping.
#[derive(Clone, Debug)]
pub struct Key {
    pub name: String,
    pub description: Option<String>,
    pub required: bool,
}

fn root() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(crate::schema::schema)
}

/// A schema with its `$ref`s followed and its `anyOf`s opened, without `null`.
fn resolve(schema: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    let mut todo = vec![schema];
    while let Some(s) = todo.pop() {
        if out.len() > 16 {
            break;
        }
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            let name = r.trim_start_matches("#/$defs/");
            if let Some(def) = root().get("$defs").and_then(|d| d.get(name)) {
                todo.push(def);
            }
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            if let Some(list) = s.get(key).and_then(Value::as_array) {
                todo.extend(list.iter());
            }
        }
        if s.get("type").and_then(Value::as_str) != Some("null") {
            out.push(s);
        }
    }
    out
}

/// The schemas a value at `path` may take.
fn at(path: &[Step]) -> Vec<&'static Value> {
    let mut here = resolve(root());
    for step in path {
        let mut next = Vec::new();
        for s in &here {
            let child = match step {
                Step::Key(k) => s
                    .get("properties")
                    .and_then(|p| p.get(k))
                    .or_else(|| {
                        let patterns = s.get("patternProperties")?.as_object()?;
                        patterns.values().next()
                    })
                    .or_else(|| s.get("additionalProperties").filter(|a| a.is_object())),
                Step::Item => s.get("items"),
            };
            if let Some(child) = child {
                next.extend(resolve(child));
            }
        }
        here = next;
    }
    here
}

/// The keys a mapping at `path` may have, in the schema's order.
pub fn keys(path: &[Step]) -> Vec<Key> {
    let mut keys = Vec::new();
    for s in at(path) {
        let Some(properties) = s.get("properties").and_then(Value::as_object) else {
            continue;
        };
        let required: Vec<&str> = s
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for (name, property) in properties {
            let description = property
                .get("description")
                .or_else(|| resolve(property).iter().find_map(|p| p.get("description")))
                .and_then(Value::as_str)
                .map(str::to_string);
            keys.push(Key {
                name: name.clone(),
                description,
                required: required.contains(&name.as_str()),
            });
        }
    }
    keys
}

/// Whether the value at `path` is a mapping with named keys.
pub fn is_mapping(path: &[Step]) -> bool {
    at(path).iter().any(|s| s.get("properties").is_some())
}

/// The values an enum at `path` allows.
pub fn enum_values(path: &[Step]) -> Vec<String> {
    at(path)
        .iter()
        .filter_map(|s| s.get("enum").and_then(Value::as_array))
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(dotted: &str) -> Vec<Step> {
        dotted
            .split('.')
            .filter(|s| !s.is_empty())
            .map(|s| match s {
                "*" => Step::Item,
                k => Step::Key(k.to_string()),
            })
            .collect()
    }

    #[test]
    fn knows_the_keys_of_each_mapping() {
        let names =
            |p: &str| -> Vec<String> { keys(&path(p)).into_iter().map(|k| k.name).collect() };
        assert!(names("").contains(&"goals".to_string()));
        let measure = keys(&path("goals.*.measures.*"));
        let deadline = measure.iter().find(|k| k.name == "deadline").unwrap();
        assert!(deadline.required);
        assert!(!measure.iter().find(|k| k.name == "cost").unwrap().required);
        assert!(names("bodies.kf").contains(&"kind".to_string()));
        assert!(names("follow_up.reports.*.measures.M1").contains(&"comment".to_string()));
        assert!(names("plan.decision").contains(&"paragraph".to_string()));
        assert!(names("plan.title").is_empty());
        assert!(is_mapping(&path("goals.*")));
        assert!(!is_mapping(&path("goals.*.measures.*.partners.*")));
    }

    #[test]
    fn knows_every_enum() {
        assert!(enum_values(&path("goals.*.measures.*.status")).contains(&"delayed".to_string()));
        assert!(enum_values(&path("bodies.x.kind")).contains(&"external".to_string()));
        assert!(enum_values(&path("plan.language")).contains(&"en".to_string()));
        assert!(!enum_values(&path("plan.document_type")).is_empty());
        assert!(!enum_values(&path("follow_up.frequency")).is_empty());
        assert!(
            enum_values(&path("follow_up.reports.*.measures.M1.status"))
                .contains(&"done".to_string())
        );
        assert!(enum_values(&path("plan.title")).is_empty());
    }
}
