//! Links of trusted raw HTML (`[markdown] raw_html = "trusted"`), written as their Markdown
//! twins are. Sanitised HTML has its links rewritten by the sanitiser's attribute filter, in the
//! parse it makes anyway; trusted HTML is not parsed at all, so its tags are read here by the
//! tokenizer's rules in one pass, and only the `href` of `<a>` and the `src` of `<img>` are
//! changed: every other byte stays as the author wrote it.

use crate::sanitise::{link_attribute, LinkRewrites};
use std::borrow::Cow;

/// Elements whose content is text to a browser, never tags.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// `html` with the links `rewrites` names rewritten or removed.
pub fn rewrite<'h>(html: &'h str, rewrites: &LinkRewrites) -> Cow<'h, str> {
    let b = html.as_bytes();
    let mut out = String::new();
    // Bytes of `html` up to here are in `out` already.
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i + 4..].find("-->").map_or(b.len(), |e| i + 4 + e + 3);
            continue;
        }
        let end_tag = b.get(i + 1) == Some(&b'/');
        let name_at = i + 1 + usize::from(end_tag);
        if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        let mut j = name_at;
        while j < b.len() && !is_space(b[j]) && !matches!(b[j], b'>' | b'/') {
            j += 1;
        }
        let name = html[name_at..j].to_ascii_lowercase();
        // Attributes, each as (name, the span from its name to the end of its value, value).
        let mut attrs: Vec<(
            String,
            std::ops::Range<usize>,
            Option<std::ops::Range<usize>>,
        )> = Vec::new();
        while j < b.len() && b[j] != b'>' {
            if is_space(b[j]) || b[j] == b'/' {
                j += 1;
                continue;
            }
            let start = j;
            j += 1;
            while j < b.len() && !is_space(b[j]) && !matches!(b[j], b'>' | b'/' | b'=') {
                j += 1;
            }
            let attr = html[start..j].to_ascii_lowercase();
            let mut k = j;
            while k < b.len() && is_space(b[k]) {
                k += 1;
            }
            if b.get(k) != Some(&b'=') {
                attrs.push((attr, start..j, None));
                continue;
            }
            k += 1;
            while k < b.len() && is_space(b[k]) {
                k += 1;
            }
            let (value, after) = match b.get(k) {
                Some(&q @ (b'"' | b'\'')) => match b[k + 1..].iter().position(|&c| c == q) {
                    Some(e) => (k + 1..k + 1 + e, k + 1 + e + 1),
                    None => (k + 1..b.len(), b.len()),
                },
                _ => {
                    let mut e = k;
                    while e < b.len() && !is_space(b[e]) && b[e] != b'>' {
                        e += 1;
                    }
                    (k..e, e)
                }
            };
            attrs.push((attr, start..after, Some(value)));
            j = after;
        }
        let tag_end = (j + 1).min(b.len());
        if end_tag {
            i = tag_end;
            continue;
        }
        if let Some(wanted) = link_attribute(&name) {
            // The first of an attribute written twice counts, as in a browser.
            if let Some((_, span, Some(value))) = attrs.iter().find(|(a, _, _)| a == wanted) {
                let key = (name == "img", decode(&html[value.clone()]).into_owned());
                if let Some(to) = rewrites.get(&key) {
                    out.push_str(&html[copied..span.start]);
                    if let Some(url) = to {
                        out.push_str(wanted);
                        out.push_str("=\"");
                        out.push_str(&crate::render::escape::text(url));
                        out.push('"');
                    }
                    copied = span.end;
                }
            }
        }
        i = tag_end;
        if RAW_TEXT.contains(&name.as_str()) {
            // Up to the matching end tag, whatever it holds.
            i = html[i..]
                .match_indices("</")
                .find(|(e, _)| {
                    b.get(i + e + 2..i + e + 2 + name.len())
                        .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
                })
                .map_or(b.len(), |(e, _)| i + e);
        }
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// The longest character reference read (`&CounterClockwiseContourIntegral;` is the longest
/// named one; `&#x10FFFF;` numeric ones are shorter).
const MAX_REFERENCE: usize = 40;

/// Text as a reader sees it, for comparing and proposing titles and owners: [`decode`], and
/// `&nbsp;` as the space it shows as.
pub(crate) fn decode_text(text: &str) -> String {
    decode(&text.replace("&nbsp;", " ")).into_owned()
}

/// An attribute value as a browser reads it: character references decoded. Only the numeric
/// ones and those URLs hold (`&amp;`, quotes, `<`, `>`); a value with another named reference
/// finds no rewrite and stays as written.
pub(crate) fn decode(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        // A reference's name is short: looked for near the `&` only, so a value of many `&`
        // and no `;` is read once, not once per `&`.
        let mut near = rest.as_bytes().iter().skip(1).take(MAX_REFERENCE);
        let decoded = near.position(|&b| b == b';').and_then(|semi| {
            let name = &rest[1..1 + semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let n = match name.strip_prefix(['#']) {
                        Some(hex) if hex.starts_with(['x', 'X']) => {
                            u32::from_str_radix(&hex[1..], 16).ok()
                        }
                        Some(dec) => dec.parse().ok(),
                        None => None,
                    };
                    n.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, semi + 2))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_links_named_change() {
        let rewrites: LinkRewrites = [
            ((false, "a.md#x".to_owned()), Some("a.html#x".to_owned())),
            (
                (true, "img/a&b.png".to_owned()),
                Some("img/a&b.png".to_owned()),
            ),
            ((false, "gone.md".to_owned()), None),
        ]
        .into_iter()
        .collect();
        let html = concat!(
            "<p align=center><A class=x HREF = 'a.md#x' title=\"t\">a</A>\n",
            "<img\n  src=img/a&amp;b.png alt=\"a > b\"><a href=\"gone.md\" id=g>g</a>",
            "<!-- <a href=\"a.md#x\"> --><script>'<a href=\"a.md#x\">'</script>",
            "<a href=\"other.md\">o</a></p>"
        );
        assert_eq!(
            rewrite(html, &rewrites),
            concat!(
                "<p align=center><A class=x href=\"a.html#x\" title=\"t\">a</A>\n",
                "<img\n  src=\"img/a&amp;b.png\" alt=\"a > b\"><a  id=g>g</a>",
                "<!-- <a href=\"a.md#x\"> --><script>'<a href=\"a.md#x\">'</script>",
                "<a href=\"other.md\">o</a></p>"
            )
        );
        assert!(matches!(
            rewrite("<b>no links</b>", &rewrites),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn references_are_decoded_as_a_browser_does() {
        assert_eq!(
            decode("a?x=1&amp;y=&#50;&#x33;&copy;&"),
            "a?x=1&y=23&copy;&"
        );
    }
}
