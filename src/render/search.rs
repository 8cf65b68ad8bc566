//! `search-index.js`: the offline search index, a script (not JSON fetched by XHR) so search
//! works from `file://` and under any sub-path. Bodies are reduced to their distinct words,
//! which keeps the index a fraction of the handbook's size.

use super::site::{control_page, href, Site};
use crate::source::scan;
use pulldown_cmark::{Event, Parser};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashSet;

/// Words kept per document: enough for real policies, bounded for generated giants.
const MAX_TERMS: usize = 4000;
const SNIPPET: usize = 180;

#[derive(Serialize)]
struct Entry {
    /// id, title, URL from the site root, kind, owner, controls, snippet, words.
    i: String,
    t: String,
    u: String,
    k: &'static str,
    o: String,
    c: String,
    s: String,
    w: String,
}

/// Plain text of a Markdown body.
fn plain_text(body: &str) -> String {
    let mut text = String::with_capacity(body.len());
    for event in Parser::new_ext(body, scan::options()) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                text.push_str(&t);
                text.push(' ');
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    text
}

fn snippet(text: &str) -> String {
    let collapsed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match collapsed.char_indices().nth(SNIPPET) {
        Some((cut, _)) => format!("{}…", &collapsed[..cut]),
        None => collapsed,
    }
}

/// Distinct lower-cased words, in order of first appearance.
fn terms(text: &str) -> String {
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = String::new();
    // One buffer for every word: most words repeat, and only a new one is kept.
    let mut lower = String::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
    {
        if seen.len() >= MAX_TERMS {
            break;
        }
        lower.clear();
        if word.is_ascii() {
            lower.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            // Per word, as before: lowercasing depends on the word (a final sigma).
            lower.push_str(&word.to_lowercase());
        }
        if !seen.contains(lower.as_str()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&lower);
            seen.insert(lower.clone());
        }
    }
    out
}

#[cfg(test)]
mod terms_tests {
    #[test]
    fn words_lowercased_once_each_in_order() {
        assert_eq!(
            super::terms("Access ACCESS access, MFA-token; ΟΔΟΣ Straße a 42"),
            "access mfa token οδος straße 42"
        );
    }
}

pub fn index_script(site: &Site) -> String {
    let hb = site.hb;
    let published: Vec<usize> = site.documents().map(|(i, _)| i).collect();
    let mut entries: Vec<Entry> = published
        .par_iter()
        .map(|&i| {
            let d = &hb.documents[i];
            let text = plain_text(d.src.body());
            Entry {
                i: d.id.clone(),
                t: d.title.clone(),
                u: href("index.html", &d.url, None),
                k: d.doc_type().map(|t| t.label()).unwrap_or("Document"),
                o: d.src.meta.owner().unwrap_or_default().to_owned(),
                c: d.controls
                    .iter()
                    .map(|&c| hb.catalog.control(c).id.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                s: snippet(&text),
                w: terms(&format!("{} {}", d.src.meta.tags.join(" "), text)),
            }
        })
        .collect();
    entries.extend(hb.catalog.controls.iter().map(|c| Entry {
        i: c.id.clone(),
        t: c.title.clone(),
        u: control_page(&c.id),
        k: "Control",
        o: String::new(),
        c: String::new(),
        s: c.theme.label().to_owned(),
        w: String::new(),
    }));
    let json = serde_json::to_string(&entries).unwrap_or_else(|_| "[]".into());
    format!("window.ISMSBOOK_SEARCH = {};\n", script_safe(&json))
}

/// JSON that stays data wherever a script holds it, even inline in a page: `<`, `>` and `&`
/// as `\u` escapes (no `</script>` or `<!--`), and the line separators older engines reject.
/// Inside JSON those characters only occur in strings, where the escapes mean the same.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_means_the_same_and_cannot_close_a_script() {
        let v = serde_json::json!({"t": "</script><!-- & \u{2028}"});
        let safe = script_safe(&v.to_string());
        assert!(!safe.contains('<') && !safe.contains('&') && !safe.contains('\u{2028}'));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&safe).unwrap(), v);
    }

    #[test]
    fn words_are_distinct_lowercase_and_unicode_aware() {
        assert_eq!(
            terms("Access access ACCESS: Zugriffsrechte für Überprüfung a"),
            "access zugriffsrechte für überprüfung"
        );
        let text = plain_text(
            "# Title\n\nSome *emphasis* and `code`.\n\n| a | b |\n|---|---|\n| c | d |\n",
        );
        assert_eq!(terms(&text), "title some emphasis and code");
    }

    #[test]
    fn snippets_are_short() {
        let s = snippet(&"word ".repeat(100));
        assert!(s.chars().count() <= SNIPPET + 1 && s.ends_with('…'));
    }
}
