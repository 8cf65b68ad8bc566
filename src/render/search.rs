//! `search-index.js`: the offline search index, a script (not JSON fetched by XHR) so search
//! works from `file://` and under any sub-path. Bodies are reduced to their distinct words,
//! which keeps the index a fraction of the handbook's size.

use super::markdown;
use super::site::{control_page, href, Site};
use crate::model::DocIdx;
use hashbrown::HashTable;
use rayon::prelude::*;
use serde::Serialize;
use std::hash::BuildHasher;

/// Words kept per document: enough for real policies, bounded for generated giants.
const MAX_TERMS: usize = 4000;
const SNIPPET: usize = 180;

/// One document or control in the index.
#[derive(Serialize)]
pub struct Entry {
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
    markdown::parse(body).plain_text()
}

fn snippet(text: &str) -> String {
    // Only the words that can fit: the text may be megabytes long.
    let mut out = String::with_capacity(SNIPPET + 8);
    let mut chars = 0;
    for word in text.split_whitespace() {
        let space = (chars > 0).then_some(' ');
        for c in space.into_iter().chain(word.chars()) {
            if chars == SNIPPET {
                out.push('…');
                return out;
            }
            out.push(c);
            chars += 1;
        }
    }
    out
}

/// Distinct lower-cased words of two letters or more, in order of first appearance, at most
/// [`MAX_TERMS`] of them. One pass over the text: this runs over every body of the handbook.
fn terms(text: &str) -> String {
    let mut terms = Terms {
        out: String::with_capacity((text.len() / 4).min(MAX_TERMS * 12)),
        seen: HashTable::new(),
        // A fast hash: the words are the author's, but a slower search index is all a flood
        // of colliding words could cause.
        hasher: foldhash::fast::FixedState::default(),
        word: String::with_capacity(32),
    };
    // The current word: where it starts, its length in characters, whether it is all ASCII
    // (then `word` holds it lower-cased already). Bytes, not chars: nearly all text is ASCII.
    let bytes = text.as_bytes();
    let (mut start, mut chars, mut ascii) = (0, 0, true);
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        let (len, in_word) = if b.is_ascii() {
            if b.is_ascii_alphanumeric() {
                terms.word.push(char::from(b.to_ascii_lowercase()));
            }
            (1, b.is_ascii_alphanumeric())
        } else {
            // `at` is always on a character boundary: it only moves by whole characters.
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            if c.is_alphanumeric() {
                ascii = false;
            }
            (c.len_utf8(), c.is_alphanumeric())
        };
        if in_word {
            chars += 1;
        } else {
            if chars > 0 && !terms.add(&text[start..at], chars, ascii) {
                return terms.out;
            }
            (start, chars, ascii) = (at + len, 0, true);
            terms.word.clear();
        }
        at += len;
    }
    if chars > 0 {
        terms.add(&text[start..], chars, ascii);
    }
    terms.out
}

struct Terms {
    out: String,
    /// Each distinct word as (start, length) in `out`.
    seen: HashTable<(usize, usize)>,
    hasher: foldhash::fast::FixedState,
    /// The current word, lower-cased, when it is all ASCII.
    word: String,
}

impl Terms {
    /// Adds `original` (`chars` characters long) unless it is too short or known; false once
    /// the index holds [`MAX_TERMS`] words.
    fn add(&mut self, original: &str, chars: usize, ascii: bool) -> bool {
        if self.seen.len() >= MAX_TERMS {
            return false;
        }
        if chars < 2 {
            return true;
        }
        if !ascii {
            // The whole word at once: lowercasing depends on the word (a final sigma).
            self.word.clear();
            self.word.push_str(&original.to_lowercase());
        }
        let word = self.word.as_str();
        let hash = self.hasher.hash_one(word.as_bytes());
        let out = self.out.as_bytes();
        if self
            .seen
            .find(hash, |&(s, l)| out[s..s + l] == *word.as_bytes())
            .is_none()
        {
            if !self.out.is_empty() {
                self.out.push(' ');
            }
            let at = self.out.len();
            self.out.push_str(word);
            let (out, hasher) = (self.out.as_bytes(), &self.hasher);
            self.seen.insert_unique(hash, (at, word.len()), |&(s, l)| {
                hasher.hash_one(&out[s..s + l])
            });
        }
        true
    }
}

#[cfg(test)]
mod terms_tests {
    use proptest::prelude::*;

    /// The plain definition the one-pass version must agree with.
    fn reference(text: &str) -> String {
        let mut seen = std::collections::HashSet::new();
        let mut out: Vec<String> = Vec::new();
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            if seen.len() >= super::MAX_TERMS {
                break;
            }
            if word.chars().count() >= 2 && seen.insert(word.to_lowercase()) {
                out.push(word.to_lowercase());
            }
        }
        out.join(" ")
    }

    /// The whitespace-collapsed text, cut after [`super::SNIPPET`] characters.
    fn reference_snippet(text: &str) -> String {
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        match collapsed.char_indices().nth(super::SNIPPET) {
            Some((cut, _)) => format!("{}…", &collapsed[..cut]),
            None => collapsed,
        }
    }

    #[test]
    fn a_snippet_cut_at_a_word_end_ends_there() {
        let text = format!("{} next", "a".repeat(super::SNIPPET));
        assert_eq!(
            super::snippet(&text),
            format!("{}…", "a".repeat(super::SNIPPET))
        );
        assert_eq!(super::snippet(&text), reference_snippet(&text));
    }

    proptest! {
        #[test]
        fn snippets_match_the_definition(text in "[a-zé \n\t]{0,400}") {
            prop_assert_eq!(super::snippet(&text), reference_snippet(&text));
        }

        #[test]
        fn one_pass_terms_match_the_definition(text in "[a-zA-Z0-9ΣσςÄäßİ .,;-]{0,200}") {
            prop_assert_eq!(super::terms(&text), reference(&text));
        }
    }

    #[test]
    fn at_most_max_terms() {
        let text: String = (0..5000).map(|i| format!("w{i} ")).collect();
        assert_eq!(super::terms(&text), reference(&text));
        assert_eq!(super::terms(&text).split(' ').count(), super::MAX_TERMS);
    }

    #[test]
    fn words_lowercased_once_each_in_order() {
        assert_eq!(
            super::terms("Access ACCESS access, MFA-token; ΟΔΟΣ Straße a 42"),
            "access mfa token οδος straße 42"
        );
    }
}

/// The index entry of published document `i`, from the plain text of its body.
pub fn entry(site: &Site, i: DocIdx, text: &str) -> Entry {
    let hb = site.hb;
    let d = &hb.documents[i];
    let words = if d.src.meta.tags.is_empty() {
        terms(text)
    } else {
        terms(&format!("{} {}", d.src.meta.tags.join(" "), text))
    };
    Entry {
        i: d.id.clone(),
        t: d.title.clone(),
        u: href("index.html", &d.url, None),
        k: d.doc_type().map(|t| t.label()).unwrap_or("Document"),
        o: d.src.meta.owner().unwrap_or_default().to_owned(),
        c: d.controls
            .iter()
            .map(|&c| hb.catalog.control(c).id.to_owned())
            .chain(
                d.framework_controls
                    .iter()
                    .map(|&c| hb.frameworks.qualified_id(c)),
            )
            .collect::<Vec<_>>()
            .join(" "),
        s: snippet(text),
        // Kept until the index is written, with every other entry: an exact copy (see
        // `print::section`).
        w: words.as_str().to_owned(),
    }
}

/// The index script. `known` holds, by document index, entries already made while the pages
/// were rendered (from the same parse of each body); the others are made here.
pub fn index_script(site: &Site, mut known: Vec<Option<Entry>>) -> String {
    let hb = site.hb;
    known.resize_with(hb.documents.len(), || None);
    let published: Vec<(usize, Option<Entry>)> = site
        .documents()
        .map(|(i, _)| (i, known[i].take()))
        .collect();
    let mut entries: Vec<Entry> = published
        .into_par_iter()
        .map(|(i, made)| {
            made.unwrap_or_else(|| entry(site, i, &plain_text(hb.documents[i].src.body())))
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
    // Every declared framework's current controls, found by qualified id (`csf:PR.AA-01`, and
    // `pr.aa-01` within it) and heading; a statement longer than the heading adds its words.
    // One entry per control, each of bounded size: the index grows with the catalogs.
    for (fi, f) in hb.frameworks.list.iter().enumerate() {
        entries.extend(f.catalog.current().map(|(idx, c)| {
            let heading = c.heading();
            let group = c
                .group
                .and_then(|g| f.catalog.groups.get(g))
                .map(|g| g.title.as_str())
                .unwrap_or_default();
            Entry {
                i: f.qualified_id(idx),
                t: heading.to_owned(),
                u: href(
                    "index.html",
                    &site.ctl_page(crate::model::frameworks::CtlRef {
                        fw: crate::model::frameworks::FwKey::Declared(fi),
                        idx,
                    }),
                    None,
                ),
                k: "Control",
                o: String::new(),
                c: String::new(),
                s: if group.is_empty() {
                    f.name.clone()
                } else {
                    format!("{} · {group}", f.name)
                },
                w: match c.statement.as_deref() {
                    Some(st) if st != heading => terms(st),
                    _ => String::new(),
                },
            }
        }));
    }
    // Each risk of the register, found by id, title, owner and treatment; one bounded entry each.
    entries.extend(hb.risks.iter().enumerate().filter_map(|(i, r)| {
        let page = site.risks.page(i)?;
        let treatment = r.treatment.map(|t| t.as_str()).unwrap_or_default();
        let score = match r.residual() {
            Some(s) => format!(" · residual {s}"),
            None => String::new(),
        };
        Some(Entry {
            i: r.id.clone(),
            t: r.title.clone(),
            u: href("index.html", page, None),
            k: "Risk",
            o: r.owner.clone().unwrap_or_default(),
            c: r.controls
                .iter()
                .filter_map(|c| c.control)
                .map(|c| hb.frameworks.qualified_id(c))
                .collect::<Vec<_>>()
                .join(" "),
            s: if treatment.is_empty() {
                format!("No treatment{score}")
            } else {
                format!("Treatment: {treatment}{score}")
            },
            w: terms(treatment),
        })
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
