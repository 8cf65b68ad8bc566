//! HTML escaping, in two flavours for two readers of the same site. Text ismsbook writes into
//! Markdown's output (link text, code, tooltips) and the dev server's own pages is escaped as
//! pulldown-cmark escapes it, so a body reads the same whichever part wrote it; template
//! values are escaped exactly as Handlebars escapes them, so a theme written for Handlebars
//! renders as it would there.

/// Text in element content or a double-quoted attribute: `&`, `<`, `>` and `"`.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// Handlebars' own escaping, character for character, written for speed: its version grows
/// a new string one character at a time for every `{{value}}` of every page (a tenth of the
/// template engine's work, measured with callgrind).
pub fn handlebars(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'&' => "&amp;",
            b'\'' => "&#x27;",
            b'`' => "&#x60;",
            b'=' => "&#x3D;",
            _ => continue,
        };
        // The escaped bytes are ASCII, so `i` is always on a character boundary.
        out.push_str(&s[plain..i]);
        out.push_str(entity);
        plain = i + 1;
    }
    out.push_str(&s[plain..]);
    out
}

#[cfg(test)]
mod escape_tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_text_escapes_as_handlebars_escapes_it(s in "\\PC*") {
            prop_assert_eq!(super::handlebars(&s), handlebars::html_escape(&s));
        }
    }

    #[test]
    fn escapes_exactly_as_handlebars_does() {
        for s in [
            "",
            "plain",
            "<script>alert('x')</script>",
            "a=b & c \"d\" `e` é ☃ <",
            "&&&&",
            "ends with >",
        ] {
            assert_eq!(super::handlebars(s), handlebars::html_escape(s), "{s}");
        }
    }
}
