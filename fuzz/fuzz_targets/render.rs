//! One document through stages 1–4: parse, link resolution, checks, its rendered page and the
//! files built from every document (search index, JSON, calendar). A document with raw HTML
//! (a `<`) is also rendered with `[markdown] raw_html = "trusted"`, and its text is given to
//! trusted HTML's link rewriting as one run of HTML.
#![no_main]

use ismsbook::config::RawHtml;
use ismsbook::fuzzing;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fuzzing::check_render(data, fuzzing::Scope::Document, RawHtml::Sanitise);
    if data.contains(&b'<') {
        fuzzing::check_render(data, fuzzing::Scope::Document, RawHtml::Trusted);
        if let Ok(text) = std::str::from_utf8(data) {
            fuzzing::check_raw_links(text);
        }
    }
});
