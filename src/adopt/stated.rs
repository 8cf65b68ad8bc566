//! What a document written for GitHub states about itself in its text: its owner
//! (`**Document Owner:** CEO`, a `| Owner | CISO |` row, a shields.io `Owner-CEO` badge) and
//! its review cycle (`Review Cycle: Semi-Annual`, a `Review-Quarterly` badge).
//!
//! Conservative, since a wrong owner is worse than a placeholder `check` flags: a value is
//! taken only where a label plainly names it, only as one short line, and never when it reads
//! like a sentence or a template's placeholder. Generic labels (`Owner:`, `Reviewed:`, a
//! two-column row, a badge) count only in the document's header (before its first section) or
//! in a document-control section: elsewhere `Owner:` is as often a risk's or an asset's.

use super::infer::is_emoji;
use crate::render::markdown::raw_links::decode_text;

/// A value the text states, its 1-based line, and how it was stated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stated<T> {
    pub value: T,
    pub line: u32,
    /// `` `Document Owner:` ``, `the Owner badge`, `the table row "Owner"`.
    pub how: String,
}

/// What one document states.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Statements {
    pub owner: Option<Stated<String>>,
    /// In months.
    pub review_interval: Option<Stated<u32>>,
}

/// The longest owner taken from a text.
const MAX_OWNER: usize = 200;
/// More words than this is a sentence, not a name or a role.
const MAX_OWNER_WORDS: usize = 6;
/// The longest interval the schema accepts.
const MAX_MONTHS: u32 = 120;

/// Labels precise enough to be believed anywhere in the text (longest first).
const OWNER_LABELS: &[&str] = &[
    "propriétaire du document",
    "dokumenteneigentümer",
    "document owner",
    "policy owner",
    "owned by",
];
/// Labels that name the document's owner only in its header or document-control section.
const OWNER_LABELS_META: &[&str] = &["propriétaire", "verantwortlich", "eigentümer", "owner"];
/// Review-cycle labels: header or document-control section only, since a policy states how
/// often other things are reviewed (`Review frequency: Quarterly` for access rights).
const REVIEW_LABELS: &[&str] = &[
    "review frequency",
    "review interval",
    "review cycle",
    "reviewed",
];
const OWNER_BADGES: &[&str] = &["owner", "document owner", "policy owner"];
const REVIEW_BADGES: &[&str] = &["review", "review cycle", "review frequency"];
/// Words of a section heading that make it the document's own data (`## Document Control`).
const META_SECTIONS: &[&str] = &[
    "document",
    "dokument",
    "metadata",
    "ownership",
    "approval",
    "revision",
    "version",
    "freigabe",
];

/// The owner and review cycle `body` states; see the module documentation for what counts.
pub fn stated(body: &str) -> Statements {
    let mut out = Statements::default();
    let mut owner_badge: Option<Stated<String>> = None;
    let mut review_badge: Option<Stated<u32>> = None;
    // Before the first section: the header, where GitHub repositories put badges and fields.
    let mut head = true;
    let mut meta_section = false;
    let mut fence: Option<&str> = None;
    for (n, raw) in (1u32..).zip(body.lines()) {
        let line = raw.trim();
        if let Some(open) = fence {
            if line.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if line.starts_with("```") {
            fence = Some("```");
            continue;
        }
        if line.starts_with("~~~") {
            fence = Some("~~~");
            continue;
        }
        if let Some(heading) = section_heading(line) {
            head = false;
            let lower = plain(&heading).to_lowercase();
            meta_section = META_SECTIONS.iter().any(|w| lower.contains(w));
            continue;
        }
        let meta = head || meta_section;
        if head {
            for (label, message) in badges(line) {
                let label = label.to_lowercase();
                if owner_badge.is_none() && OWNER_BADGES.contains(&label.as_str()) {
                    owner_badge = owner_value(&message).map(|value| Stated {
                        value,
                        line: n,
                        how: "the Owner badge".to_owned(),
                    });
                }
                if review_badge.is_none() && REVIEW_BADGES.contains(&label.as_str()) {
                    review_badge = months(&message).map(|value| Stated {
                        value,
                        line: n,
                        how: format!("the Review badge ({message})"),
                    });
                }
            }
        }
        if out.owner.is_some() && out.review_interval.is_some() {
            break;
        }
        let text = plain(line);
        if let Some(cells) = two_cells(&text) {
            if !meta {
                continue;
            }
            let label = cells.0.trim_end_matches(':').trim().to_lowercase();
            let row = format!("the table row \"{}\"", cells.0.trim_end_matches(':').trim());
            let is = |labels: &[&str]| labels.contains(&label.as_str());
            if out.owner.is_none() && (is(OWNER_LABELS) || is(OWNER_LABELS_META)) {
                out.owner = owner_value(&cells.1).map(|value| Stated {
                    value,
                    line: n,
                    how: row.clone(),
                });
            }
            if out.review_interval.is_none() && is(REVIEW_LABELS) {
                out.review_interval = months(&cells.1).map(|value| Stated {
                    value,
                    line: n,
                    how: format!("{row} ({})", cells.1.trim()),
                });
            }
            continue;
        }
        // `Owner: CEO | Version: 2.6`: each field of the line on its own.
        for part in text.split(['|', '·', '•']) {
            let part = part
                .trim_start_matches(|c: char| matches!(c, '>' | '-' | '+') || c.is_whitespace());
            if out.owner.is_none() {
                let mut labels = OWNER_LABELS.to_vec();
                if meta {
                    labels.extend_from_slice(OWNER_LABELS_META);
                }
                out.owner = labelled(part, &labels).and_then(|(label, value)| {
                    Some(Stated {
                        value: owner_value(value)?,
                        line: n,
                        how: label,
                    })
                });
            }
            if out.review_interval.is_none() && meta {
                out.review_interval = labelled(part, REVIEW_LABELS).and_then(|(label, value)| {
                    Some(Stated {
                        value: months(value)?,
                        line: n,
                        how: format!("{label} {}", value.trim()),
                    })
                });
            }
        }
    }
    out.owner = out.owner.or(owner_badge);
    out.review_interval = out.review_interval.or(review_badge);
    out
}

/// The text of a heading of level 2 or lower (`## Scope`, `<h2>Scope</h2>`); an H1 is the
/// title, inside the header.
fn section_heading(line: &str) -> Option<String> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let rest = &line[hashes..];
    if (2..=6).contains(&hashes) && (rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return Some(rest.to_owned());
    }
    let lower = line.get(..3)?.to_ascii_lowercase();
    let level = lower.strip_prefix("<h")?.bytes().next()?;
    (b'2'..=b'6').contains(&level).then(|| line.to_owned())
}

/// A line as text: HTML tags removed (a `<td>`/`<th>` becomes a cell separator), entities
/// decoded, emoji, emphasis and code marks removed, links replaced by their text.
fn plain(line: &str) -> String {
    let mut untagged = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find('<') {
        untagged.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let is_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        // Only a tag has an end to look for; when none is left, nothing after is a tag.
        let end = is_tag.then(|| after.find('>'));
        if end == Some(None) {
            untagged.push('<');
            rest = after;
            break;
        }
        match end.flatten() {
            Some(end) => {
                let tag = after[..end].to_ascii_lowercase();
                let name: String = tag
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                match name.as_str() {
                    "td" | "th" => untagged.push('|'),
                    "br" | "p" | "div" => untagged.push(' '),
                    _ => {}
                }
                rest = &after[end + 1..];
            }
            None => {
                untagged.push('<');
                rest = after;
            }
        }
    }
    untagged.push_str(rest);
    let decoded = decode_text(&untagged);
    let linked = link_text(&decoded);
    let chars: Vec<char> = linked.chars().collect();
    let mut out = String::with_capacity(linked.len());
    for (i, &c) in chars.iter().enumerate() {
        let word = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_alphanumeric())
        };
        match c {
            '*' | '`' => {}
            // Emphasis, but not the `_` inside `it_security`.
            '_' if !(word(i.checked_sub(1)) && word(Some(i + 1))) => {}
            c if is_emoji(c) || c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `[text](url)` and `![alt](url)` as their text.
fn link_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find("](") else {
            break;
        };
        let Some(end) = after[close + 2..].find(')') else {
            break;
        };
        out.push_str(rest[..open].strip_suffix('!').unwrap_or(&rest[..open]));
        out.push_str(&after[..close]);
        rest = &after[close + 2 + end + 1..];
    }
    out.push_str(rest);
    out
}

/// A table row of exactly two cells, `| Owner | CISO |`.
fn two_cells(text: &str) -> Option<(String, String)> {
    let t = text.trim();
    if !t.starts_with('|') {
        return None;
    }
    let inner = t.trim_start_matches('|').trim_end_matches('|');
    let cells: Vec<&str> = inner.split('|').map(str::trim).collect();
    match cells.as_slice() {
        [label, value] if !label.is_empty() => Some((label.to_string(), value.to_string())),
        _ => None,
    }
}

/// `Document Owner: CEO` → (`` `Document Owner:` ``, ` CEO`), for the first of `labels` that
/// starts `part` (any case) and is followed by a colon (`Owned by` also by a space).
fn labelled<'a>(part: &'a str, labels: &[&str]) -> Option<(String, &'a str)> {
    for label in labels {
        let Some(rest) = strip_prefix_ci(part, label) else {
            continue;
        };
        let as_written = &part[..part.len() - rest.len()];
        let after = rest.trim_start();
        if let Some(value) = after.strip_prefix([':', '：']) {
            return Some((format!("`{as_written}:`"), value));
        }
        if *label == "owned by" && rest.starts_with(char::is_whitespace) {
            return Some((format!("`{as_written}`"), after));
        }
    }
    None
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let mut chars = s.char_indices();
    for p in prefix.chars() {
        let (_, c) = chars.next()?;
        if !c.to_lowercase().eq(p.to_lowercase()) {
            return None;
        }
    }
    Some(chars.next().map_or("", |(i, _)| &s[i..]))
}

/// Trimmed, white space collapsed, without the separators around it.
fn tidy(value: &str) -> String {
    let words: Vec<&str> = value.split_whitespace().collect();
    words
        .join(" ")
        .trim_matches(|c: char| {
            matches!(c, '|' | '-' | '–' | '—' | ':' | '·' | '•' | ',' | ';') || c.is_whitespace()
        })
        .to_owned()
}

/// A stated owner worth writing: a name or a role, not a sentence, a date or a placeholder.
fn owner_value(value: &str) -> Option<String> {
    let v = tidy(value);
    let lower = v.to_lowercase();
    let placeholder = v.starts_with(['[', '{', '<', '(', '$'])
        || v.contains("{{")
        || matches!(
            lower.as_str(),
            "tbd" | "tbc" | "n/a" | "na" | "none" | "todo" | "?" | "unassigned" | "unknown"
        );
    let ok = !v.is_empty()
        && v.chars().count() <= MAX_OWNER
        && v.split_whitespace().count() <= MAX_OWNER_WORDS
        && !v.ends_with(['.', '!', '?'])
        // `CEO Version: 2.6`: another field, not part of the name.
        && !v.contains(':')
        && v.chars().any(char::is_alphabetic)
        // A badge's URL may hold one, raw or `%07`: the schema refuses it in a field.
        && !v.chars().any(char::is_control)
        && !placeholder;
    ok.then_some(v)
}

/// A review cycle in months (`Semi-Annual` → 6, `every 18 months` → 18); `None` when the words
/// are not a cycle this knows (`Weekly`, `As needed`, `2026-07-25`).
pub fn months(value: &str) -> Option<u32> {
    let lower = value.to_lowercase().replace(['-', '_'], " ");
    // The cycle, not what follows it: `Annual (or after a major change)`.
    let head = lower.split(['(', ',', ';', '/']).next().unwrap_or("");
    let head = head.split(" or ").next().unwrap_or("");
    let head = head.split(" and ").next().unwrap_or("");
    let words: Vec<&str> = head
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| c == '.' || c == '*'))
        .filter(|w| !w.is_empty())
        .collect();
    let phrase = words.join(" ");
    let fixed = match phrase.as_str() {
        "annual" | "annually" | "yearly" | "every year" | "once a year" | "jährlich" | "annuel"
        | "annuelle" => Some(12),
        "semi annual" | "semi annually" | "semiannual" | "semiannually" | "biannual"
        | "biannually" | "bi annual" | "bi annually" | "half yearly" | "halfyearly"
        | "twice a year" | "twice yearly" | "six monthly" | "halbjährlich" | "semestriel"
        | "semestrielle" => Some(6),
        "quarterly" | "every quarter" | "vierteljährlich" | "quartalsweise" | "trimestriel"
        | "trimestrielle" => Some(3),
        "monthly" | "every month" | "monatlich" | "mensuel" | "mensuelle" => Some(1),
        "biennial" | "biennially" | "every other year" => Some(24),
        _ => None,
    };
    if fixed.is_some() {
        return fixed;
    }
    // `every 6 months`, `12 months`, `every two years`.
    let rest = match words.as_slice() {
        ["every", rest @ ..] => rest,
        rest => rest,
    };
    let [n, unit] = rest else {
        return None;
    };
    let n = number(n)?;
    let months = match *unit {
        "month" | "months" => n,
        "year" | "years" => n.saturating_mul(12),
        _ => return None,
    };
    (months >= 1).then(|| months.min(MAX_MONTHS))
}

fn number(word: &str) -> Option<u32> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    match WORDS.iter().position(|w| *w == word) {
        Some(i) => u32::try_from(i + 1).ok(),
        None => word.parse().ok(),
    }
}

/// The (label, message) of each shields.io static badge on `line` (`badge/Owner-CEO-0A66C2`),
/// decoded as shields does: `--` is `-`, `__` is `_`, `_` is a space, percent-encoding.
fn badges(line: &str) -> Vec<(String, String)> {
    const MARK: &str = "shields.io/badge/";
    let lower = line.to_ascii_lowercase();
    let mut out = Vec::new();
    for (i, _) in lower.match_indices(MARK) {
        let path = &line[i + MARK.len()..];
        let end = path
            .find(|c: char| matches!(c, '?' | '"' | '\'' | ')' | '#' | '>') || c.is_whitespace())
            .unwrap_or(path.len());
        let parts = badge_parts(&percent_decode(&path[..end]));
        if let [label, message, _colour] = parts.as_slice() {
            out.push((tidy(label), tidy(message)));
        }
    }
    out
}

fn badge_parts(path: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        let part = parts.last_mut().expect("never empty");
        match c {
            '-' if chars.peek() == Some(&'-') => {
                chars.next();
                part.push('-');
            }
            '-' => parts.push(String::new()),
            '_' if chars.peek() == Some(&'_') => {
                chars.next();
                part.push('_');
            }
            '_' => part.push(' '),
            c => part.push(c),
        }
    }
    parts
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(body: &str) -> Option<(String, u32)> {
        stated(body).owner.map(|s| (s.value, s.line))
    }

    fn review(body: &str) -> Option<(u32, u32)> {
        stated(body).review_interval.map(|s| (s.value, s.line))
    }

    const HEADER: &str = "<h1 align=\"center\">🔐 Access Control Policy</h1>\n\n<p align=\"center\">\n  <a href=\"#\"><img src=\"https://img.shields.io/badge/Owner-CEO-0A66C2?style=for-the-badge\" alt=\"Owner\"/></a>\n  <a href=\"#\"><img src=\"https://img.shields.io/badge/Review-Semi_Annual-orange?style=for-the-badge\" alt=\"Review Cycle\"/></a>\n</p>\n\n**📋 Document Owner:** CEO | **📄 Version:** 2.6 | **📅 Last Updated:** 2026-01-25 (UTC)  \n**🔄 Review Cycle:** Semi-Annual | **⏰ Next Review:** 2026-07-25\n\n## Scope\n";

    #[test]
    fn owners_as_github_repositories_state_them() {
        let s = stated(HEADER);
        let o = s.owner.unwrap();
        assert_eq!(
            (o.value.as_str(), o.line, o.how.as_str()),
            ("CEO", 8, "`Document Owner:`")
        );
        let r = s.review_interval.unwrap();
        assert_eq!((r.value, r.line), (6, 9));
        assert_eq!(
            owner("| Field | Value |\n|---|---|\n| **Owner** | CISO |\n"),
            Some(("CISO".into(), 3))
        );
        assert_eq!(
            owner("**Verantwortlich:** IT-Leitung\n"),
            Some(("IT-Leitung".into(), 1))
        );
        assert_eq!(owner("Propriétaire : RSSI\n"), Some(("RSSI".into(), 1)));
        assert_eq!(
            owner("> _Owned by_ Head of IT\n"),
            Some(("Head of IT".into(), 1))
        );
        assert_eq!(
            owner("**Version:** 1.0 · **Owner:** [Security Team](mailto:s@x.org)\n"),
            Some(("Security Team".into(), 1))
        );
        assert_eq!(
            owner("<table><tr><td><b>Owner</b></td><td>it_security</td></tr></table>\n"),
            Some(("it_security".into(), 1))
        );
        // Only the badge.
        assert_eq!(
            owner("[![Owner](https://img.shields.io/badge/Owner-Head_of_R%26D--Ops-blue)](#)\n"),
            Some(("Head of R&D-Ops".into(), 1))
        );
        // The text wins over a badge above it.
        assert_eq!(
            owner("![o](https://img.shields.io/badge/owner-CTO-blue)\nOwner: CISO\n"),
            Some(("CISO".into(), 2))
        );
    }

    #[test]
    fn no_owner_from_sentences_placeholders_or_other_things_owners() {
        for none in [
            "Owner: the CISO is accountable for keeping this policy up to date\n",
            "Owner: The CISO.\n",
            "Owner: [OWNER_NAME]\n",
            "Owner: {{owner}}\n",
            "Owner: TBD\n",
            "Owner: 2025-01-01\n",
            "Owner: CEO Version: 2.6\n",
            "- **ISMS Owner:** Overall responsibility for the ISMS\n",
            "Ownership: CISO\n",
            "```\nOwner: CISO\n```\n",
            // A risk's owner, in the body: not the document's.
            "# Risks\n\n## R-01 Phishing\n\n- **Owner:** CTO\n| Owner | CTO |\n",
            // A badge in the body (a table of engagements), not the header.
            "## Partners\n\n![x](https://img.shields.io/badge/Owner-CTO-blue)\n",
            "| 👤 Owner | 🔐 MFA | Notes |\n",
            "![o](https://img.shields.io/badge/Owner-C%07EO-blue)\n",
            "![o](https://img.shields.io/badge/Owner-C\u{17}EO-blue)\n",
        ] {
            assert_eq!(owner(none), None, "{none:?}");
        }
        // A document-control section counts; a precise label counts anywhere.
        assert_eq!(
            owner("## Scope\n\n## 📋 Document Control\n\n| Owner | CISO |\n"),
            Some(("CISO".into(), 5))
        );
        assert_eq!(
            owner("## Scope\n\nText.\n\n**Document owner:** CISO\n"),
            Some(("CISO".into(), 5))
        );
    }

    #[test]
    fn review_cycles() {
        for (words, m) in [
            ("Annual", 12),
            ("Annually (or after a major change)", 12),
            ("Yearly", 12),
            ("Semi-Annual", 6),
            ("Semi_Annual", 6),
            ("Biannual", 6),
            ("Half-yearly", 6),
            ("Every 6 months", 6),
            ("every six months", 6),
            ("Quarterly", 3),
            ("Monthly", 1),
            ("every 18 months", 18),
            ("Every 2 years", 24),
            ("Biennial", 24),
            ("every 20 years", 120),
            ("halbjährlich", 6),
        ] {
            assert_eq!(months(words), Some(m), "{words}");
        }
        for none in [
            "Weekly",
            "As needed",
            "2026-07-25",
            "every 0 months",
            "[CYCLE]",
            "",
        ] {
            assert_eq!(months(none), None, "{none}");
        }
        assert_eq!(review("| Review frequency | Quarterly |\n"), Some((3, 1)));
        assert_eq!(review("**Reviewed:** annually\n"), Some((12, 1)));
        assert_eq!(
            review("![r](https://img.shields.io/badge/Review-Semi--Annual-orange)\n"),
            Some((6, 1))
        );
        assert_eq!(
            review("**Reviewed:** 2025-01-01\n**Review Cycle:** Quarterly\n"),
            Some((3, 2))
        );
        // How often something else is reviewed, in the body.
        assert_eq!(
            review("## Access\n\n- **Review frequency:** Quarterly\n"),
            None
        );
        assert_eq!(
            review("**🔄 Update Frequency:** Weekly (Automated)\n"),
            None
        );
    }
}
