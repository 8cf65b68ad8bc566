//! `ismsbook adopt` on one Markdown file without front matter (as it is, with a BOM, with
//! CRLF): the inferred title, type, version, owner and review cycle, the file as `--write`
//! writes it, and a second run on that.
#![no_main]

use ismsbook::fuzzing;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fuzzing::check_adopt(data);
});
