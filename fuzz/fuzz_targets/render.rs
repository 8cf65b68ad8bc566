//! One document through stages 1–4: parse, link resolution, checks, its rendered page and the
//! files built from every document (search index, JSON, calendar).
#![no_main]

use ismsbook::fuzzing;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fuzzing::check_render(data, fuzzing::Scope::Document);
});
