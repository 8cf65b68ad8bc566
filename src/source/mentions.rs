//! Annex A controls a body names in its text (`A.5.15`, `Annex A 5.15`, `ISO 27001 A.8.2`,
//! `(A.5.1, A.5.2)`, `A.5.1–A.5.3`, 2013 ids such as `A.9.2.3`), with the line of each: what
//! `ismsbook adopt` proposes as `controls`, and what the `control-mentioned` note compares with
//! them.
//!
//! Fed the scan's event stream ([`Finder::event`]): text of code spans and code blocks, link
//! destinations and `[[A.5.15]]` references (checked as links) are never read; link text is. A bare `5.15` counts only right after "Annex A"
//! (or as the next item of a list or range that began with an id): alone it is as likely a
//! clause or a version. Bodies without `A.`, `A <digit>` or "annex" skip all of it
//! ([`may_mention`]), so most pay one search.

use super::scan::Lines;
use crate::catalog::Catalog;
use pulldown_cmark::{Event, LinkType, Tag, TagEnd};
use std::ops::Range;

/// One control named in a body (the first place it is named).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The ISO/IEC 27001:2022 id, canonical: `A.5.15`.
    pub control: String,
    /// The id as the text names it, canonical: `A.5.15`, or a 2013 id (`A.9.2.3`), or a range
    /// (`A.5.1–A.5.3`).
    pub written: String,
    /// `written` is an ISO/IEC 27001:2013 id, mapped to `control` with the catalog's table.
    pub from_2013: bool,
    pub line: u32,
    pub column: u32,
}

/// Whether `body` may name a control at all: an `A` followed by `.` or a space and a digit, or
/// "annex". Everything else skips the search.
pub fn may_mention(body: &str) -> bool {
    // One pass over the `A`s and `a`s (this runs for every text of most bodies).
    let b = body.as_bytes();
    memchr::memchr2_iter(b'A', b'a', b).any(|i| match b[i] {
        b'A' => {
            matches!(
                b.get(i + 1..i + 3),
                Some([b'.' | b' ', d]) if d.is_ascii_digit()
            ) || matches!(b.get(i + 1..i + 3), Some([b'n' | b'N', b'n' | b'N']))
        }
        _ => b[i..].starts_with(b"annex"),
    })
}

/// Reads one body's events in order; inactive (free) when [`may_mention`] said no.
pub struct Finder {
    active: bool,
    /// Inside a fenced or indented code block.
    code_block: usize,
    /// Inside `[[A.5.15]]`: a reference (checked as a link), not prose naming a control.
    wiki_link: bool,
    /// The text so far ended where a bare id would still count ("Annex A controls", "A.5.1,"):
    /// emphasis or a link may split `Annex A **5.15**` into several text events.
    carry: bool,
}

impl Finder {
    pub fn new(body: &str) -> Finder {
        Finder {
            active: may_mention(body),
            code_block: 0,
            wiki_link: false,
            carry: false,
        }
    }

    /// Notes the controls `event` names; `range` is its place in `body`.
    pub fn event(
        &mut self,
        event: &Event<'_>,
        range: &Range<usize>,
        body: &str,
        lines: &Lines<'_>,
        out: &mut Vec<Mention>,
    ) {
        if !self.active {
            return;
        }
        match event {
            Event::Start(Tag::CodeBlock(_)) => self.code_block += 1,
            Event::End(TagEnd::CodeBlock) => self.code_block = self.code_block.saturating_sub(1),
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                ..
            }) => {
                self.wiki_link = true;
                self.carry = false;
            }
            Event::End(TagEnd::Link) if self.wiki_link => self.wiki_link = false,
            Event::Text(t) if self.code_block == 0 && !self.wiki_link => {
                // Most text names no control (a body may only link `[[A.5.15]]`): unless a
                // list goes on from the last text, only text that may name one is read.
                if !self.carry && !may_mention(t) {
                    return;
                }
                let mut found = Vec::new();
                self.carry = find(t, self.carry, &mut found);
                if found.is_empty() {
                    return;
                }
                // Where the text sits in the body, when it is written there as it reads (no
                // escapes or entities): then a mention gets its own column.
                let verbatim = body.get(range.clone()) == Some(&**t);
                for (at, m) in found {
                    let offset = if verbatim {
                        range.start + at
                    } else {
                        range.start
                    };
                    let (line, column) = lines.position(offset);
                    for (control, from_2013) in m.controls {
                        if !out.iter().any(|o| o.control == control) {
                            out.push(Mention {
                                control,
                                written: m.written.clone(),
                                from_2013,
                                line,
                                column,
                            });
                        }
                    }
                }
            }
            // Inline markup keeps a list or "Annex A" going; anything else ends it.
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            )
            | Event::SoftBreak => {}
            _ => self.carry = false,
        }
    }
}

struct Found {
    /// 2022 ids, and whether each was mapped from a 2013 id.
    controls: Vec<(String, bool)>,
    written: String,
}

/// Words that make the `A.1.2` after them a numbered part of the document, not a control.
const NOT_ANNEX: [&str; 7] = [
    "appendix", "section", "table", "figure", "page", "step", "chapter",
];

/// Finds mentions in `t`; `carry`: the text before ended where a bare id counts. Returns
/// whether the end of `t` is such a place.
fn find(t: &str, carry: bool, out: &mut Vec<(usize, Found)>) -> bool {
    let b = t.as_bytes();
    let mut i = 0;
    // Where a bare id (`5.15`) would count: at the start when carried, after "Annex A", and
    // after an id and a separator.
    let mut bare_ok = carry;
    // The last id found, for ranges (`A.5.1–A.5.3`).
    let mut last: Option<Vec<u32>> = None;
    while i < b.len() {
        if bare_ok {
            let (j, range) = separators(b, i);
            // A bare item of a list has as many levels as the one before (`A.9.2.3, 9.2.4`),
            // so `A.5.15, 6.1.2 of the standard` does not read clause 6.1.2 as a 2013 control.
            let found = id_at(b, j, true).filter(|(numbers, _, prefixed)| {
                *prefixed || last.as_ref().is_none_or(|l| l.len() == numbers.len())
            });
            if let Some((numbers, end, _)) = found {
                let from = range.then(|| last.clone()).flatten();
                push(j, &numbers, from, edition_2013(t, i), out);
                last = Some(numbers);
                i = end;
                continue;
            }
            if j > i && j >= b.len() {
                // Only separators up to the end: the list may go on in the next text event.
                return true;
            }
            bare_ok = false;
            last = None;
            if j > i {
                i = j;
                continue;
            }
        }
        let c = b[i];
        let word_start = i == 0 || !is_word(b[i - 1]);
        if word_start && (c == b'A' || c == b'a') && starts_annex(b, i) {
            // "Annex A", then "control(s)" and ":" optional: a bare id may follow.
            let mut j = i + "annex".len();
            j = skip_spaces(b, j);
            if matches!(b.get(j), Some(b'A' | b'a')) && !b.get(j + 1).is_some_and(is_ascii_word) {
                let after_a = j + 1;
                if b.get(after_a) == Some(&b'.') {
                    // `Annex A.5.15`: the `A.5.15` is found as itself next.
                    i = j;
                    continue;
                }
                let mut k = skip_spaces(b, after_a);
                for word in ["controls", "control"] {
                    if b.len() >= k + word.len()
                        && b[k..k + word.len()].eq_ignore_ascii_case(word.as_bytes())
                    {
                        k = skip_spaces(b, k + word.len());
                        break;
                    }
                }
                if b.get(k) == Some(&b':') {
                    k = skip_spaces(b, k + 1);
                }
                if k >= b.len() {
                    return true;
                }
                bare_ok = true;
                last = None;
                i = k;
                continue;
            }
            i += 1;
            continue;
        }
        if word_start && c == b'A' && !preceded_by(t, i, &NOT_ANNEX) {
            if let Some((numbers, end, _)) = id_at(b, i, false) {
                push(i, &numbers, None, edition_2013(t, i), out);
                last = Some(numbers);
                bare_ok = true;
                i = end;
                continue;
            }
        }
        // Next character (ids are ASCII; skip a whole UTF-8 sequence).
        i += 1;
        while i < b.len() && !t.is_char_boundary(i) {
            i += 1;
        }
    }
    bare_ok
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

fn is_ascii_word(c: &u8) -> bool {
    c.is_ascii_alphanumeric() || *c == b'_'
}

fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| *c == b' ' || *c == b'\t') {
        i += 1;
    }
    // A no-break space (U+00A0) between "Annex" and "A" is common in typeset text.
    while b.get(i..i + 2) == Some(&[0xc2, 0xa0]) {
        i = skip_spaces(b, i + 2);
    }
    i
}

fn starts_annex(b: &[u8], i: usize) -> bool {
    b.len() >= i + 5
        && b[i..i + 5].eq_ignore_ascii_case(b"annex")
        && !b.get(i + 5).is_some_and(is_ascii_word)
}

/// Skips what separates the items of a list or the ends of a range: spaces, `,` `;` `/` `&`,
/// "and", "or", and a dash or "to" (then `true`: a range).
fn separators(b: &[u8], mut i: usize) -> (usize, bool) {
    let mut range = false;
    loop {
        let start = i;
        i = skip_spaces(b, i);
        match b.get(i) {
            Some(b',' | b';' | b'/' | b'&') => i += 1,
            Some(b'-') => {
                range = true;
                i += 1;
            }
            // En and em dashes.
            _ if b.get(i..i + 3) == Some("–".as_bytes())
                || b.get(i..i + 3) == Some("—".as_bytes()) =>
            {
                range = true;
                i += 3;
            }
            _ => {
                for (word, is_range) in [("and", false), ("or", false), ("to", true)] {
                    let end = i + word.len();
                    if b.len() >= end
                        && b[i..end].eq_ignore_ascii_case(word.as_bytes())
                        && !b.get(end).is_some_and(|&c| is_word(c))
                        && i > start
                    {
                        range |= is_range;
                        i = end;
                        break;
                    }
                }
            }
        }
        if i == start {
            return (i, range);
        }
    }
}

/// An id at `i`: `A.5.15`, `A 5.15`, or (when `bare` is allowed) `5.15`; its numbers, where it
/// ends, and whether it had its `A`.
fn id_at(b: &[u8], i: usize, bare: bool) -> Option<(Vec<u32>, usize, bool)> {
    let (start, prefixed) = match (b.get(i), b.get(i + 1)) {
        (Some(b'A'), Some(b'.' | b' ')) if b.get(i + 2).is_some_and(u8::is_ascii_digit) => {
            (i + 2, true)
        }
        (Some(d), _) if bare && d.is_ascii_digit() => (i, false),
        _ => return None,
    };
    let mut numbers = Vec::new();
    let mut j = start;
    loop {
        let digits = b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || digits > 3 {
            return None;
        }
        numbers.push(std::str::from_utf8(&b[j..j + digits]).ok()?.parse().ok()?);
        j += digits;
        if b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
            j += 1;
        } else {
            break;
        }
    }
    // `A.5.15a`: part of something else.
    if b.get(j).is_some_and(is_ascii_word) || !(2..=3).contains(&numbers.len()) {
        return None;
    }
    Some((numbers, j, prefixed))
}

/// Whether the word before `i` is one of `words` (case-insensitive).
fn preceded_by(t: &str, i: usize, words: &[&str]) -> bool {
    let before = t[..i].trim_end();
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    words.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// The text just before `i` names the 2013 edition (`ISO/IEC 27001:2013 A.8.2`).
fn edition_2013(t: &str, i: usize) -> bool {
    let mut from = i.saturating_sub(40);
    while !t.is_char_boundary(from) {
        from += 1;
    }
    t[from..i].contains("2013")
}

fn id(numbers: &[u32]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(10);
    out.push('A');
    for n in numbers {
        let _ = write!(out, ".{n}");
    }
    out
}

/// The 2022 controls `numbers` names: itself, or its 2013 successors (a 2013 objective such as
/// `A.9.2` stands for the controls under it).
fn resolve(numbers: &[u32], edition_2013: bool) -> Vec<(String, bool)> {
    let catalog = Catalog::iso27001_2022();
    let written = id(numbers);
    match numbers.len() {
        2 if !edition_2013 && catalog.find(&written).is_some() => vec![(written, false)],
        2 => {
            let mut out: Vec<(String, bool)> = Vec::new();
            for n in 1.. {
                let Some(next) = catalog.successors_2013(&format!("{written}.{n}")) else {
                    break;
                };
                for c in next {
                    if !out.iter().any(|(o, _)| o == c) {
                        out.push((c.clone(), true));
                    }
                }
            }
            out
        }
        3 => catalog
            .successors_2013(&written)
            .map(|s| s.iter().map(|c| (c.clone(), true)).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn push(
    at: usize,
    numbers: &[u32],
    range_from: Option<Vec<u32>>,
    edition_2013: bool,
    out: &mut Vec<(usize, Found)>,
) {
    // `A.5.1–A.5.3`: the controls between, when both ends are 2022 controls of one theme.
    if let Some(from) = range_from {
        let catalog = Catalog::iso27001_2022();
        if from.len() == 2
            && numbers.len() == 2
            && from[0] == numbers[0]
            && from[1] < numbers[1]
            && !edition_2013
            && catalog.find(&id(&from)).is_some()
            && catalog.find(&id(numbers)).is_some()
        {
            let written = format!("{}–{}", id(&from), id(numbers));
            let controls = (from[1] + 1..=numbers[1])
                .map(|n| id(&[from[0], n]))
                .filter(|c| catalog.find(c).is_some())
                .map(|c| (c, false))
                .collect();
            out.push((at, Found { controls, written }));
            return;
        }
    }
    let controls = resolve(numbers, edition_2013);
    if !controls.is_empty() {
        out.push((
            at,
            Found {
                controls,
                written: id(numbers),
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn may_mention_in_one_pass_is_its_definition(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "A", "a", ".", " ", "0", "5", "n", "N", "x", "é", "annex", "anne", "Annex", "A.5",
                "A 8", "AN", "ann",
            ]), 0..8)
        ) {
            let text = parts.concat();
            let b = text.as_bytes();
            let definition = text.match_indices('A').any(|(i, _)| {
                matches!(b.get(i + 1..i + 3), Some([b'.' | b' ', d]) if d.is_ascii_digit())
                    || matches!(b.get(i + 1..i + 3), Some([b'n' | b'N', b'n' | b'N']))
            }) || text.contains("annex");
            proptest::prop_assert_eq!(may_mention(&text), definition, "{:?}", text);
        }
    }

    use super::super::scan::scan;

    /// (control, written, line) of every control `body` names.
    fn named(body: &str) -> Vec<(String, String, u32)> {
        scan(body, 1, "p/x.md")
            .mentions
            .into_iter()
            .map(|m| (m.control, m.written, m.line))
            .collect()
    }

    fn controls(body: &str) -> Vec<String> {
        named(body).into_iter().map(|(c, _, _)| c).collect()
    }

    #[test]
    fn the_ways_a_control_is_named() {
        for text in [
            "See A.5.15.",
            "See A 5.15 here",
            "Annex A 5.15 applies",
            "annex a 5.15 applies",
            "Annex A control 5.15",
            "Annex A Controls: 5.15",
            "Annex A.5.15",
            "ISO 27001 A.5.15",
            "ISO/IEC 27001:2022 A.5.15 (Access control)",
            "| A.5.15 | Access control |",
            "**A.5.15**",
            "Annex A **5.15**",
            "[Access control (A.5.15)](https://example.org/A.5.16)",
            "Annex\u{a0}A\u{a0}5.15",
        ] {
            assert_eq!(controls(text), ["A.5.15"], "{text:?}");
        }
    }

    #[test]
    fn lists_and_ranges() {
        assert_eq!(controls("(A.5.1, A.5.2)"), ["A.5.1", "A.5.2"]);
        assert_eq!(
            controls("Annex A controls 5.15, 5.16 and 5.18 apply"),
            ["A.5.15", "A.5.16", "A.5.18"]
        );
        assert_eq!(controls("A.5.1–A.5.3"), ["A.5.1", "A.5.2", "A.5.3"]);
        assert_eq!(controls("A.8.1 - 8.3"), ["A.8.1", "A.8.2", "A.8.3"]);
        assert_eq!(controls("A.8.1 to A.8.2"), ["A.8.1", "A.8.2"]);
        // Across themes a range is two ends, not what lies between.
        assert_eq!(controls("A.5.37–A.6.1"), ["A.5.37", "A.6.1"]);
        let m = named("x\n\nA.5.1–A.5.3\n");
        assert_eq!(m[2], ("A.5.3".into(), "A.5.1–A.5.3".into(), 3));
    }

    #[test]
    fn not_mentions() {
        for text in [
            "Clause 5.15 and version 5.15",
            "v1.2, 6.1.2",
            "DATA.5.15",
            "A.5",
            "A.5.15a",
            "Appendix A.9.1 lists the roles",
            "Section A.10.1",
            "A.5.99 does not exist",
            "A.1.2.3 is no control",
            "`A.5.15` in code",
            "A.5.15, 6.1.2 of the standard",
        ] {
            let got = controls(text);
            assert!(
                got.is_empty() || (text.starts_with("A.5.15,") && got == ["A.5.15"]),
                "{text:?}: {got:?}"
            );
        }
        assert!(controls("```\nA.5.15\n```\n").is_empty());
        assert!(controls("    A.5.15 indented code\n").is_empty());
        assert!(controls("[policy](docs/A.5.15.md)").is_empty());
        assert!(controls("See [[A.5.15]] and [[A.9.2.1|access]].").is_empty());
    }

    #[test]
    fn ids_of_2013_are_mapped() {
        let m = scan("Per A.9.2.3, and\nA.18.2.3.", 1, "x.md").mentions;
        let got: Vec<_> = m
            .iter()
            .map(|m| (m.control.as_str(), m.written.as_str(), m.from_2013, m.line))
            .collect();
        assert_eq!(
            got,
            [
                ("A.8.2", "A.9.2.3", true, 1),
                ("A.5.36", "A.18.2.3", true, 2),
                ("A.8.8", "A.18.2.3", true, 2)
            ]
        );
        // A 2013 objective stands for its controls.
        assert_eq!(controls("A.12.4"), ["A.8.15", "A.8.17"]);
        // Named as 2013, an id that also exists in 2022 is read as 2013.
        assert_eq!(
            controls("ISO/IEC 27001:2013 A.8.2"),
            controls("A.8.2.1 A.8.2.2 A.8.2.3")
        );
        assert_ne!(controls("ISO/IEC 27001:2013 A.8.2"), ["A.8.2"]);
    }

    #[test]
    fn first_mention_per_control_with_its_line_and_column() {
        let m = scan("# T\n\nText, then A.5.15 and\nagain A.5.15.\n", 5, "x.md").mentions;
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].line, m[0].column), (7, 12));
    }

    #[test]
    fn the_filter_lets_only_candidates_through() {
        assert!(!may_mention("A plain policy. All users. Version 5.15."));
        assert!(may_mention("see A.5.15"));
        assert!(may_mention("see A 5.15"));
        assert!(may_mention("ANNEX A"));
        assert!(may_mention("annex a"));
        assert!(scan("All users, Version 5.15.", 1, "x.md")
            .mentions
            .is_empty());
    }
}
