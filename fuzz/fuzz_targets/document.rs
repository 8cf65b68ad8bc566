//! One document through stage 1: split, YAML, schema validation, meta, body scan.
#![no_main]

use ismsbook::fuzzing;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fuzzing::check_document(data);
});
