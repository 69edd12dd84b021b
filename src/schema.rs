//! The JSON Schema of the plan format, generated from the [`crate::raw`] types.
//!
//! `actionplan schema` prints it; `plans/actionplan.schema.json` is a
//! committed copy (kept equal by a test) that plans reference so editors
//! complete and check as you type.

/// The schema as pretty-printed JSON, ending in a newline.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(crate::raw::Document);
    let mut out = serde_json::to_string_pretty(&schema).expect("a schema serialises to JSON");
    out.push('\n');
    out
}

/// The schema as a JSON value, e.g. for `lsp` to complete keys and values.
pub fn schema() -> serde_json::Value {
    schemars::schema_for!(crate::raw::Document).to_value()
}
