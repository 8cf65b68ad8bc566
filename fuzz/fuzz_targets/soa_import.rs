//! `ismsbook adopt --soa` on one SoA file (its first byte picks Markdown, CSV or xlsx): read,
//! columns found, cells read, decisions merged into a `soa.yaml`.
#![no_main]

use ismsbook::fuzzing;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fuzzing::check_soa_import(data);
});
