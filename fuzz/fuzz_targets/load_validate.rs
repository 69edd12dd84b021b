//! Load + validate on arbitrary bytes: a plan or an error diagnostic, spans
//! inside the file, and every renderer of diagnostics runs.
#![no_main]

#[path = "../../tests/it/support/oracles.rs"]
#[allow(dead_code)]
mod oracles;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| oracles::check_any_bytes(data));
