//! The risk register (`risks.yaml`, `risks.csv`) and `exceptions.yaml` as a build reads them.
#![no_main]

use ismsbook::fuzzing;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fuzzing::check_registers(data);
});
