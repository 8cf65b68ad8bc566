//! What a document written for GitHub says about itself without front matter: its title (the
//! first H1, Markdown or HTML), its type (folder and file name) and its version (when the text
//! states one). Each answer says where it came from, for the proposal.

use crate::source::meta::DocType;
use crate::source::scan;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// The longest title the schema accepts.
const MAX_TITLE: usize = 300;

/// The first H1 of `body` (`# Title`, a setext heading, or `<h1 …>Title</h1>`), with markup,
/// emoji and `:shortcodes:` removed, and its 1-based line; `None` when there is none or
/// nothing is left of it.
pub fn title(body: &str) -> Option<(String, u32)> {
    let line_of = |offset: usize| {
        let before = &body.as_bytes()[..offset.min(body.len())];
        before.iter().filter(|&&b| b == b'\n').count() as u32 + 1
    };
    let mut heading: Option<(String, usize)> = None;
    // Raw HTML arrives line by line: a block's lines are read together, with where each
    // starts in the text and in the body (a quote's or a list's lines come without their
    // `> ` or indent, so the two differ).
    let mut html: Option<(String, Vec<(usize, usize)>)> = None;
    let place = |starts: &[(usize, usize)], at: usize| {
        let i = starts.partition_point(|&(s, _)| s <= at).saturating_sub(1);
        starts.get(i).map_or(0, |&(s, offset)| offset + (at - s))
    };
    for (event, range) in Parser::new_ext(body, scan::options()).into_offset_iter() {
        if let Some((text, start)) = &mut heading {
            match event {
                Event::Text(t) | Event::Code(t) => text.push_str(&t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                Event::End(TagEnd::Heading(_)) => {
                    let found = clean(text);
                    if !found.is_empty() {
                        return Some((found, line_of(*start)));
                    }
                    heading = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Html(t) | Event::InlineHtml(t) => {
                let (text, starts) = html.get_or_insert_with(Default::default);
                starts.push((text.len(), range.start));
                text.push_str(&t);
                continue;
            }
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => heading = Some((String::new(), range.start)),
            _ => {}
        }
        if let Some((t, starts)) = html.take() {
            if let Some((title, at)) = html_h1(&t) {
                return Some((title, line_of(place(&starts, at))));
            }
        }
    }
    let (t, starts) = html?;
    html_h1(&t).map(|(title, at)| (title, line_of(place(&starts, at))))
}

/// The text of the first `<h1 …>…</h1>` in `html`, and where it starts there.
fn html_h1(html: &str) -> Option<(String, usize)> {
    let lower = html.to_ascii_lowercase();
    let open = lower.match_indices("<h1").map(|(i, _)| i).find(|&i| {
        matches!(
            lower.as_bytes().get(i + 3),
            Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')
        )
    })?;
    let inner_start = open + lower[open..].find('>')? + 1;
    let inner_end = inner_start + lower[inner_start..].find("</h1")?;
    let text = clean(&crate::render::markdown::raw_links::decode_text(
        &strip_tags(&html[inner_start..inner_end]),
    ));
    (!text.is_empty()).then_some((text, open))
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Pictographs, dingbats, arrows-as-emoji and the characters that join or vary them.
pub(super) fn is_emoji(c: char) -> bool {
    matches!(u32::from(c),
        0x1F000..=0x1FAFF // emoji, pictographs, regional indicators, skin tones
        | 0x2300..=0x23FF // ⌚ ⏱ ⏰
        | 0x25A0..=0x25FF // ▶ ◀ ◻
        | 0x2600..=0x27BF // ☁ ⚠ ✅ ✨ ❗
        | 0x2B00..=0x2BFF // ⬛ ⭐
        | 0x3030 | 0x303D | 0x3297 | 0x3299
        | 0x200D // zero-width joiner
        | 0x20E3 // keycap
        | 0xFE00..=0xFE0F // variation selectors
        | 0xE0020..=0xE007F // tag characters (flags)
    )
}

/// Heading text as a title: emoji and `:shortcode:` removed, control characters (which the
/// schema refuses) dropped, white space collapsed, at most 300 characters.
fn clean(text: &str) -> String {
    let mut no_emoji = String::with_capacity(text.len());
    for c in text.chars() {
        let drop = is_emoji(c) || c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
        no_emoji.push(if drop { ' ' } else { c });
    }
    let words: Vec<&str> = no_emoji
        .split_whitespace()
        .filter(|w| !is_shortcode(w))
        .collect();
    let joined = words.join(" ");
    // What separated an emoji from the words: `🔐 | Access`, `— Access`.
    let trimmed = joined.trim_matches(|c: char| {
        matches!(c, '|' | '-' | '–' | '—' | ':' | '·' | '•') || c.is_whitespace()
    });
    trimmed
        .chars()
        .take(MAX_TITLE)
        .collect::<String>()
        .trim_end()
        .to_owned()
}

/// `:lock:`, `:white_check_mark:`: GitHub shows these as emoji.
fn is_shortcode(word: &str) -> bool {
    word.len() > 2
        && word.starts_with(':')
        && word.ends_with(':')
        && word[1..word.len() - 1].bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'+' | b'-')
        })
}

/// A title from a file name: `access-control_policy.md` → `Access Control Policy`.
pub fn title_from_name(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.len().checked_sub(3).map_or(name, |n| {
        if name.get(n..).is_some_and(|e| e.eq_ignore_ascii_case(".md")) {
            &name[..n]
        } else {
            name
        }
    });
    let words: Vec<String> = stem
        .split(|c: char| c == '-' || c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(first) => first.to_uppercase().chain(cs).collect(),
                None => String::new(),
            }
        })
        .collect();
    let title = clean(&words.join(" "));
    if title.is_empty() {
        "Untitled".to_owned()
    } else {
        title
    }
}

/// The type when neither file nor folders say: most documents of an ISMS repository are
/// policies.
pub const DEFAULT_TYPE: DocType = DocType::Policy;

/// A document type from a word of a file or folder name.
fn type_of_word(word: &str) -> Option<DocType> {
    Some(match word {
        "policy" | "policies" => DocType::Policy,
        "standard" | "standards" => DocType::Standard,
        "procedure" | "procedures" | "playbook" | "playbooks" | "runbook" | "runbooks" | "sop"
        | "sops" => DocType::Procedure,
        "guideline" | "guidelines" | "guide" | "guides" | "guidance" => DocType::Guideline,
        "plan" | "plans" => DocType::Plan,
        "register" | "registers" | "inventory" | "inventories" => DocType::Register,
        "record" | "records" | "minutes" => DocType::Record,
        _ => return None,
    })
}

/// The type `path` suggests, and why: the file name first (`policies/incident-plan.md` is a
/// plan), then its folders from the nearest out; the last word of a name counts most
/// (`plan-policy.md` is a policy).
pub fn doc_type(path: &str) -> (DocType, String) {
    let mut parts: Vec<&str> = path.split('/').collect();
    let file = parts.pop().unwrap_or(path);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let words = |name: &str| -> Vec<String> {
        name.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    if let Some(t) = words(stem).iter().rev().find_map(|w| type_of_word(w)) {
        return (t, format!("from the file name `{file}`"));
    }
    for folder in parts.iter().rev() {
        if let Some(t) = words(folder).iter().rev().find_map(|w| type_of_word(w)) {
            return (t, format!("from the folder `{folder}/`"));
        }
    }
    (
        DEFAULT_TYPE,
        format!(
            "neither the file name nor its folders say; {} is the default",
            DEFAULT_TYPE.as_str()
        ),
    )
}

/// The prefix of ids of a type: `POL-001`.
pub fn id_prefix(t: DocType) -> &'static str {
    match t {
        DocType::Policy => "POL",
        DocType::Standard => "STD",
        DocType::Procedure => "PRO",
        DocType::Guideline => "GDL",
        DocType::Plan => "PLN",
        DocType::Register => "REG",
        DocType::Record => "REC",
    }
}

/// A version number as documents state it: `2.1`, `v1.2.3` (the `v` dropped), at most four
/// parts.
fn version_at(s: &str) -> Option<String> {
    let s = s.strip_prefix(['v', 'V']).unwrap_or(s);
    let len = s
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .map(|(i, c)| i + c.len_utf8())
        .last()?;
    let v = s[..len].trim_end_matches('.');
    let ok = !v.is_empty()
        && v.split('.').count() <= 4
        && v.split('.').all(|p| !p.is_empty() && p.len() <= 6);
    // `1.2a`, `2024-01`: not a version number.
    let next = s[v.len()..].chars().next();
    let ends = next.is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '/'));
    (ok && ends).then(|| v.to_owned())
}

/// The version the text states, its line, and how it was stated. Conservative: a line that
/// says `Version: 2.1` (in any markup, or as a `| Version | 2.1 |` row), else a shields.io
/// version badge, else the highest number in the first column of a table headed "Version".
pub fn version(body: &str) -> Option<(String, u32, &'static str)> {
    let mut badge: Option<(String, u32)> = None;
    let mut table: Option<(String, u32)> = None;
    // In a table headed "Version": whether its rows are being read.
    let mut in_history = false;
    let mut in_fence = false;
    for (n, raw) in (1u32..).zip(body.lines()) {
        let line = raw.trim();
        if line.starts_with("```") || line.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let plain: String = line
            .chars()
            .filter(|c| !matches!(c, '*' | '_' | '`'))
            .collect();
        let plain = plain.trim_start_matches(['>', '-', '|', ' ', '\t']);
        let lower = plain.to_lowercase();
        let rest = lower
            .strip_prefix("document version")
            .or_else(|| lower.strip_prefix("version"));
        if let Some(rest) = rest {
            let value = rest.trim_start_matches([' ', '\t', ':', '|']);
            if value.len() < rest.len() {
                if let Some(v) = version_at(value) {
                    return Some((v, n, "stated"));
                }
            }
        }
        if badge.is_none() {
            if let Some(i) = lower.find("shields.io/badge/version-") {
                // `version-3.2-blue`: the label, the value and the colour, split by `-`.
                let value = &lower[i + "shields.io/badge/version-".len()..];
                if let Some(v) = version_at(value.split('-').next().unwrap_or("")) {
                    badge = Some((v, n));
                }
            }
        }
        if line.starts_with('|') {
            let first = plain.split('|').next().unwrap_or("").trim().to_lowercase();
            if first == "version" || first == "ver." || first == "rev" || first == "revision" {
                in_history = true;
                continue;
            }
            if in_history {
                if let Some(v) = version_at(&first) {
                    let higher = table.as_ref().is_none_or(|(t, _)| natural(&v) > natural(t));
                    if higher {
                        table = Some((v, n));
                    }
                }
            }
        } else {
            in_history = false;
        }
    }
    badge
        .map(|(v, n)| (v, n, "in the version badge"))
        .or(table.map(|(v, n)| (v, n, "the highest in the version table")))
}

fn natural(v: &str) -> Vec<u64> {
    v.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_markdown_and_html_headings() {
        let gh = "<h1 align=\"center\">🔐 Access Control Policy</h1>\n\n<p align=\"center\">\n  <img src=\"https://img.shields.io/badge/x-y-z\">\n</p>\n\n## ⏱️ Scope\n";
        assert_eq!(title(gh), Some(("Access Control Policy".into(), 1)));
        assert_eq!(
            title("Intro\n\n# 🛡️ **Incident** `Response` Plan :rotating_light:\n"),
            Some(("Incident Response Plan".into(), 3))
        );
        assert_eq!(
            title("<div align=\"center\">\n\n# Risk &amp; Register\n\n</div>\n"),
            Some(("Risk & Register".into(), 3))
        );
        assert_eq!(
            title("<H1>\n  Data &amp; Privacy\n</H1>\n"),
            Some(("Data & Privacy".into(), 1))
        );
        assert_eq!(title("Setext\n======\n"), Some(("Setext".into(), 1)));
        assert_eq!(title("## Only a second level\n"), None);
        assert_eq!(title("```\n# not a heading\n```\n"), None);
        assert_eq!(title("# 🔐\n\n# Real\n"), Some(("Real".into(), 3)));
    }

    #[test]
    fn titles_from_file_names() {
        assert_eq!(
            title_from_name("policies/access-control_policy.md"),
            "Access Control Policy"
        );
        assert_eq!(title_from_name("x/🔐.md"), "Untitled");
    }

    #[test]
    fn types_from_names_and_folders() {
        let t = |p: &str| doc_type(p).0;
        assert_eq!(t("policies/access-control.md"), DocType::Policy);
        assert_eq!(t("policies/incident-response-plan.md"), DocType::Plan);
        assert_eq!(t("docs/playbooks/phishing.md"), DocType::Procedure);
        assert_eq!(t("risk_register.md"), DocType::Register);
        assert_eq!(t("records/2025/mgmt-review.md"), DocType::Record);
        assert_eq!(t("Guidelines/Passwords.md"), DocType::Guideline);
        assert_eq!(t("standards/crypto.md"), DocType::Standard);
        assert_eq!(t("scope.md"), DEFAULT_TYPE);
        assert!(doc_type("scope.md").1.contains("default"));
    }

    #[test]
    fn versions_as_stated() {
        let v = |b: &str| version(b).map(|(v, n, _)| (v, n));
        assert_eq!(v("# T\n\n**Version:** 1.3\n"), Some(("1.3".into(), 3)));
        assert_eq!(v("Version: v2.1\n"), Some(("2.1".into(), 1)));
        assert_eq!(v("| Version | 2.0 |\n|---|---|\n"), Some(("2.0".into(), 1)));
        assert_eq!(v("> Document Version: 4\n"), Some(("4".into(), 1)));
        assert_eq!(
            v("[![Version](https://img.shields.io/badge/version-3.2-blue)](x)\n"),
            Some(("3.2".into(), 1))
        );
        let history = "## History\n\n| Version | Date | Change |\n|---|---|---|\n| v1.0 | 2024-01-01 | First |\n| v1.2 | 2025-01-01 | Review |\n| 1.1 | 2024-06-01 | Fix |\n";
        assert_eq!(v(history), Some(("1.2".into(), 6)));
        for none in [
            "## Version history\n",
            "Version control is used.\n",
            "Version: 2024-01-01\n",
            "v1.2 of the tool\n",
            "```\nVersion: 9.9\n```\n",
            "Version: 1.2a\n",
        ] {
            assert_eq!(v(none), None, "{none:?}");
        }
    }
}
