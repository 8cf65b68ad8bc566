//! `soa.yaml` as a build reads it.
#![no_main]

use ismsbook::fuzzing;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fuzzing::check_soa(data);
});
