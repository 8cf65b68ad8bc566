//! A framework's files as a build reads them: catalogs (OSCAL, simple YAML/CSV) and mappings.
#![no_main]

use ismsbook::fuzzing;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fuzzing::check_framework_files(data);
});
