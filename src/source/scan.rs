//! The first pass over a document body: heading ids and outgoing links with their positions.
//! Rendering walks the same event stream again, so both passes share [`options`].

use crate::config::RawHtml;
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;

/// Markdown extensions, listed explicitly: `Options::all()` would turn on smart punctuation,
/// subscript and others that change the meaning of ordinary text.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_WIKILINKS
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    /// GitHub-style slug, or the `{#custom-id}`; unique within the document.
    pub id: String,
    /// The id came from a `{#custom-id}` attribute, which GitHub shows as text.
    pub custom: bool,
    pub line: u32,
}

/// What a link in the body points at, before the whole handbook is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A Markdown file, as a path relative to the content root (`policies/x.md`).
    Document {
        path: String,
        anchor: Option<String>,
    },
    /// Another file of the repository (an image, a PDF), relative to the content root.
    File { path: String },
    /// `#anchor` in the same document.
    Anchor(String),
    /// `[[POL-002]]` or `[[A.5.15]]`.
    Reference(String),
    /// A relative path that climbs out of the content root.
    OutsideRoot(String),
    /// `https:`, `mailto:`, `//host/path`: kept as written.
    External,
    /// `javascript:`, `vbscript:`, `data:` (links only): never emitted.
    Unsafe,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub dest: String,
    pub target: LinkTarget,
    pub image: bool,
    /// `[[X|text]]` or any ordinary link keeps its own text; `[[X]]` shows the target's title.
    pub own_text: bool,
    /// Neither text nor an image between the brackets: nothing to see or click
    /// (`[](x.md)`; `[[X|]]` shows the target's title instead).
    pub empty_text: bool,
    /// Written in raw HTML (`<a href>`, `<img src>`): after the body's Markdown links in
    /// [`BodyScan::links`], and a link only where raw HTML is kept.
    pub html: bool,
    pub line: u32,
    pub column: u32,
}

/// Raw HTML in the body that sanitising removes (see [`crate::sanitise`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlRemoval {
    pub line: u32,
    pub column: u32,
    pub what: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyScan {
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    /// Empty for a body without raw HTML, as most are: only those pay for inspecting it.
    pub raw_html: Vec<HtmlRemoval>,
    /// Link targets raw HTML adds beside the headings: `id="…"` of a kept element, `<a
    /// name="…">` (as GitHub keeps them).
    pub anchors: Vec<String>,
    /// Raw HTML that sanitising cannot take in reasonable time, shown as text instead: where
    /// it starts, and why.
    pub raw_html_as_text: Option<(u32, u32, AsText)>,
    /// Annex A controls the text names, the first place each is named.
    pub mentions: Vec<super::mentions::Mention>,
}

/// Why a body's raw HTML is shown as text rather than sanitised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsText {
    /// Nested, with the Markdown around it, this deep (over [`crate::sanitise::MAX_DEPTH`]).
    Deep(usize),
    /// A tag with this many attributes (over [`crate::sanitise::MAX_ATTRIBUTES`]).
    Attributes(usize),
    /// A tag still open where the raw HTML ends: the Markdown after it would become its
    /// attributes, as many as it has words.
    Unfinished,
}

impl BodyScan {
    /// What the body's raw HTML becomes with `configured`: as text where it nests too deep to
    /// sanitise.
    pub fn raw_html_mode(&self, configured: RawHtml) -> RawHtml {
        match configured {
            RawHtml::Sanitise if self.raw_html_as_text.is_some() => RawHtml::Escape,
            other => other,
        }
    }
}

/// Byte offsets of line starts, to turn an offset into a line and column. Offsets asked in
/// order (as a scan does) are counted on from the last one, so many links on one long line
/// cost that line's length once, not once per link.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    first_line: u32,
    /// The last offset asked for, and its 0-based column in characters.
    last: std::cell::Cell<(usize, usize)>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str, first_line: u32) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines {
            text,
            starts,
            first_line,
            last: std::cell::Cell::new((0, 0)),
        }
    }

    /// 1-based file line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let i = self.starts.partition_point(|&s| s <= offset) - 1;
        let line_start = self.starts[i];
        let (last, last_col) = self.last.get();
        let (from, col) = if last >= line_start && last <= offset {
            (last, last_col)
        } else {
            (line_start, 0)
        };
        let col = col
            + self
                .text
                .get(from..offset)
                .map(|s| s.chars().count())
                .unwrap_or(0);
        self.last.set((offset, col));
        (self.first_line + i as u32, col as u32 + 1)
    }
}

pub fn scan(body: &str, body_line: u32, doc_path: &str) -> BodyScan {
    let lines = Lines::new(body, body_line);
    let mut out = BodyScan::default();
    let mut heading: Option<(u8, Option<String>, String, u32)> = None;
    // Ids are given once all headings are known: an explicit `{#id}` keeps its id even when an
    // earlier heading's slug is the same (that one becomes `id-1`).
    let mut found: Vec<(u8, Option<String>, String, u32)> = Vec::new();
    // Raw HTML, as spans of the body: an HTML block arrives line by line, and a tag may span
    // lines, so touching spans are inspected together.
    let mut html: Vec<std::ops::Range<usize>> = Vec::new();
    // Links being read (they nest with images), and whether each has shown anything yet.
    let mut open: Vec<(usize, bool)> = Vec::new();
    // How deep the Markdown nests, and where raw HTML first is.
    let (mut md_depth, mut md_max) = (0usize, 0usize);
    let mut first_html: Option<usize> = None;
    let mut mentions = super::mentions::Finder::new(body);
    let mut images_open = 0usize;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        mentions.event(&event, &range, body, &lines, &mut out.mentions);
        match &event {
            Event::Start(_) => {
                md_depth += 1;
                md_max = md_max.max(md_depth);
            }
            Event::End(_) => md_depth = md_depth.saturating_sub(1),
            _ => {}
        }
        if matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            first_html.get_or_insert(range.start);
        }
        match &event {
            Event::Text(t) | Event::Code(t) if !t.trim().is_empty() => {
                open.iter_mut().for_each(|(_, seen)| *seen = true);
            }
            Event::Start(Tag::Image { .. }) | Event::InlineHtml(_) => {
                open.iter_mut().for_each(|(_, seen)| *seen = true);
                if matches!(event, Event::Start(_)) {
                    images_open += 1;
                }
            }
            Event::End(TagEnd::Image) => images_open = images_open.saturating_sub(1),
            Event::End(TagEnd::Link) => {
                if let Some((i, seen)) = open.pop() {
                    out.links[i].empty_text = !seen;
                    if !seen && matches!(out.links[i].target, LinkTarget::Reference(_)) {
                        // `[[X|]]`: show the target's title rather than nothing.
                        out.links[i].own_text = false;
                    }
                }
            }
            _ => {}
        }
        match event {
            Event::Html(_) | Event::InlineHtml(_) => match html.last_mut() {
                Some(last) if last.end == range.start => last.end = range.end,
                _ => html.push(range),
            },
            Event::Start(Tag::Heading {
                level, id, attrs, ..
            }) => {
                let (line, column) = lines.position(range.start);
                // `# Title {onclick=…}`: attributes are raw HTML too, sanitised as such.
                let name = format!("h{}", level_number(level));
                let attrs = attrs
                    .iter()
                    .map(|(k, v)| (k.as_ref(), v.as_deref().unwrap_or("")));
                for what in crate::sanitise::removed_attributes(&name, attrs) {
                    out.raw_html.push(HtmlRemoval { line, column, what });
                }
                heading = Some((
                    level_number(level),
                    id.map(|s| s.to_string()),
                    String::new(),
                    line,
                ));
            }
            Event::End(TagEnd::Heading(_)) => {
                found.extend(heading.take());
            }
            // An image's alt text is no text of the heading GitHub renders (`<img>` has none).
            Event::Text(t) | Event::Code(t) if images_open == 0 => {
                if let Some((_, _, text, _)) = heading.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, text, _)) = heading.as_mut() {
                    text.push(' ');
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                let (line, column) = lines.position(range.start);
                let wiki = matches!(link_type, LinkType::WikiLink { .. });
                let target = match link_type {
                    // `<a@b.org>`: pulldown-cmark adds `mailto:` when writing the link.
                    LinkType::Email => LinkTarget::External,
                    _ => classify(&dest_url, doc_path, wiki, false),
                };
                open.push((out.links.len(), false));
                out.links.push(Link {
                    target,
                    own_text: !matches!(link_type, LinkType::WikiLink { has_pothole: false }),
                    empty_text: false,
                    html: false,
                    dest: dest_url.to_string(),
                    image: false,
                    line,
                    column,
                });
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                ..
            }) => {
                let (line, column) = lines.position(range.start);
                let wiki = matches!(link_type, LinkType::WikiLink { .. });
                out.links.push(Link {
                    target: classify(&dest_url, doc_path, wiki, true),
                    own_text: true,
                    empty_text: false,
                    html: false,
                    dest: dest_url.to_string(),
                    image: true,
                    line,
                    column,
                });
            }
            _ => {}
        }
    }
    let mut depth = crate::sanitise::Depth::default();
    let mut raw_links = Vec::new();
    // Where the last raw link's attribute was found, to look for the next one after it.
    let mut last_attribute = (0u32, 0usize, 0u32);
    for span in html {
        let (line, column) = lines.position(span.start);
        // Counted before html5ever reads it: its tokenizer takes time growing with the square
        // of a tag's attributes.
        let shape = crate::sanitise::tag_shape(&body[span.clone()]);
        let odd = if shape.most_attributes > crate::sanitise::MAX_ATTRIBUTES {
            Some(AsText::Attributes(shape.most_attributes))
        } else if shape.unfinished {
            Some(AsText::Unfinished)
        } else {
            None
        };
        if let Some(why) = odd {
            out.raw_html_as_text = Some((line, column, why));
            break;
        }
        let removed =
            crate::sanitise::inspect(&body[span], &mut depth, &mut out.anchors, &mut raw_links);
        for r in removed {
            out.raw_html.push(HtmlRemoval {
                line: line + r.line,
                column: if r.line == 0 { column } else { 1 },
                what: r.what,
            });
        }
        for raw in raw_links.drain(..) {
            let line = line + raw.line;
            let column = attribute_column(&lines, line, raw.image, &mut last_attribute);
            out.links.push(Link {
                target: classify(&raw.value, doc_path, false, raw.image),
                own_text: true,
                empty_text: false,
                html: true,
                dest: raw.value,
                image: raw.image,
                line,
                column,
            });
        }
    }
    // Headings' attributes were noted as they came: one order for the notes.
    out.raw_html.sort_by_key(|r| (r.line, r.column));
    // An upper bound of the page's depth: the two may nest in each other.
    let nested = md_max + depth.max;
    if let Some(at) = first_html.filter(|_| nested > crate::sanitise::MAX_DEPTH) {
        if out.raw_html_as_text.is_none() {
            let (line, column) = lines.position(at);
            out.raw_html_as_text = Some((line, column, AsText::Deep(nested)));
        }
    }
    if out.raw_html_as_text.is_some() {
        out.raw_html.clear();
        // Shown as text: its ids and links are not on the page.
        out.anchors.clear();
        out.links.retain(|l| !l.html);
    }
    let mut used: HashMap<String, u32> = found
        .iter()
        .filter_map(|h| h.1.clone())
        .map(|id| (id, 0))
        .collect();
    out.headings = found
        .into_iter()
        .map(|(level, custom, text, line)| Heading {
            level,
            custom: custom.is_some(),
            id: custom.unwrap_or_else(|| unique_id(slug(&text), &mut used)),
            text: text.trim().to_owned(),
            line,
        })
        .collect();
    // Kept for the whole build, one per document: without the room the vectors grew into
    // (a fifth of their size on average; 20 MB at 50,000 documents).
    out.headings = exact(out.headings);
    out.links = exact(out.links);
    out.mentions = exact(out.mentions);
    out.anchors = exact(out.anchors);
    out
}

/// `v` in an allocation of exactly its length. A new allocation, not `shrink_to_fit`: the
/// allocator keeps a block in place when it would shrink by less than half.
fn exact<T>(v: Vec<T>) -> Vec<T> {
    if v.len() == v.capacity() {
        return v;
    }
    let mut out = Vec::with_capacity(v.len());
    out.extend(v);
    out
}

/// The column of a raw link's attribute (`href=`, `src=`) on file line `line`: the tokenizer
/// says only the line a tag ends on. Several on one line are found one after another (`last`:
/// the line, byte offset and column just after the previous one, so that a line of many links
/// is read once); 1 when the attribute is on a line before.
fn attribute_column(
    lines: &Lines<'_>,
    line: u32,
    image: bool,
    last: &mut (u32, usize, u32),
) -> u32 {
    let Some(i) = line.checked_sub(lines.first_line).map(|i| i as usize) else {
        return 1;
    };
    let Some(&start) = lines.starts.get(i) else {
        return 1;
    };
    let end = lines.starts.get(i + 1).copied().unwrap_or(lines.text.len());
    let (from, column) = if last.0 == line {
        (last.1, last.2)
    } else {
        (start, 0)
    };
    let text = lines.text.get(from..end).unwrap_or("");
    let name = if image { "src" } else { "href" };
    let b = text.as_bytes();
    let found = (0..b.len().saturating_sub(name.len() - 1)).find(|&at| {
        b[at..at + name.len()].eq_ignore_ascii_case(name.as_bytes())
            && at > 0
            && b[at - 1].is_ascii_whitespace()
            && text[at + name.len()..]
                .trim_start_matches([' ', '\t'])
                .starts_with('=')
    });
    match found {
        Some(at) => {
            let column = column + text[..at].chars().count() as u32;
            *last = (line, from + at + name.len(), column + name.len() as u32);
            column + 1
        }
        // None later on this line either.
        None => {
            *last = (line, end, 0);
            1
        }
    }
}

fn level_number(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// GitHub's heading slug, as github-slugger computes it: lower-case; every character removed
/// but letters, marks, decimal and letter numbers, connector punctuation (`_`), spaces and `-`
/// (a symbol that Unicode also counts alphabetic, such as `Ⓐ`, stays); each space becomes `-`.
/// Nothing is trimmed: `## 🔐 Access` is `-access`, and `## ⏱️ Data` keeps the emoji's
/// variation selector (a mark): `\u{fe0f}-data`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.to_lowercase().chars() {
        if c == ' ' {
            out.push('-');
        } else if slug_keeps(c) {
            out.push(c);
        }
    }
    out
}

/// Whether a (lower-cased) character stays in a slug.
fn slug_keeps(c: char) -> bool {
    use unicode_general_category::{get_general_category, GeneralCategory as G};
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '-' || c == '_';
    }
    match get_general_category(c) {
        G::UppercaseLetter
        | G::LowercaseLetter
        | G::TitlecaseLetter
        | G::ModifierLetter
        | G::OtherLetter
        | G::NonspacingMark
        | G::SpacingMark
        | G::EnclosingMark
        | G::DecimalNumber
        | G::LetterNumber
        | G::ConnectorPunctuation => true,
        // Not yet a character in Unicode 13.0: even a letter now.
        G::Unassigned => false,
        // Some symbols and others are alphabetic too (circled letters): github-slugger keeps
        // them.
        _ => c.is_alphabetic(),
    }
}

/// github-slugger's duplicate rule: the second `intro` becomes `intro-1`, then `intro-2`; a
/// candidate already taken (by a heading whose own slug is `intro-1`) moves on to the next
/// number. `seen` counts, per slug, the numbers tried.
fn unique_id(base: String, seen: &mut HashMap<String, u32>) -> String {
    if !seen.contains_key(&base) {
        seen.insert(base.clone(), 0);
        return base;
    }
    let mut candidate;
    loop {
        let n = seen.get(&base).copied().unwrap_or(0) + 1;
        seen.insert(base.clone(), n);
        candidate = format!("{base}-{n}");
        if !seen.contains_key(&candidate) {
            break;
        }
    }
    seen.insert(candidate.clone(), 0);
    candidate
}

fn has_scheme(dest: &str) -> Option<String> {
    let (scheme, _) = dest.split_once(':')?;
    let valid = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

fn classify(dest: &str, doc_path: &str, wiki: bool, image: bool) -> LinkTarget {
    let dest = dest.trim();
    if wiki {
        return LinkTarget::Reference(dest.to_owned());
    }
    // `[![Status](badge.svg)]()`: an empty destination is the page itself, as `href=""` is to
    // a browser (and `#` too, below).
    if dest.is_empty() && !image {
        return LinkTarget::Anchor(String::new());
    }
    // The scheme as a browser's URL parser reads it: leading control characters and spaces
    // dropped, tabs and line breaks removed anywhere (`java&#x09;script:` is `javascript:`).
    let as_read: String = dest
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if let Some(scheme) = has_scheme(&as_read) {
        // Browsers ignore leading whitespace and case in schemes; so does this check.
        return match scheme.as_str() {
            "javascript" | "vbscript" => LinkTarget::Unsafe,
            "data" if !image => LinkTarget::Unsafe,
            _ => LinkTarget::External,
        };
    }
    if dest.starts_with("//") {
        return LinkTarget::External;
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        return LinkTarget::Anchor(decode(anchor));
    }
    let (path_part, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(decode(a))),
        None => (dest, None),
    };
    let path_part = path_part.split('?').next().unwrap_or(path_part);
    // `/policies/x.md` is relative to the content root, as Git hosts read repository links.
    let (base, path_part) = match path_part.strip_prefix('/') {
        Some(rest) => ("", rest),
        None => (doc_path, path_part),
    };
    let Some(path) = join(base, &decode(path_part)) else {
        return LinkTarget::OutsideRoot(dest.to_owned());
    };
    if path.to_ascii_lowercase().ends_with(".md") && !image {
        LinkTarget::Document { path, anchor }
    } else {
        LinkTarget::File { path }
    }
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Resolves `rel` against the folder of `doc_path`; `None` if it climbs above the root.
pub fn join(doc_path: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = doc_path.split('/').collect();
    parts.pop();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a scan keeps holds no spare room: it lives as long as the build, once per document.
    #[test]
    fn a_scan_keeps_no_spare_room() {
        let body: String = (0..5)
            .map(|i| format!("## Part {i}\n\nSee [x](x{i}.md), [[POL-00{i}]] and A.5.{i}.\n\n"))
            .collect();
        let s = scan(&body, 1, "d.md");
        assert_eq!((s.headings.len(), s.links.len()), (5, 10));
        assert_eq!(s.headings.capacity(), s.headings.len());
        assert_eq!(s.links.capacity(), s.links.len());
        assert_eq!(s.mentions.capacity(), s.mentions.len());
    }

    /// github-slugger's own fixtures (tests/fixtures/README.md says whence), in their order:
    /// each case's id depends on the ids before it.
    #[test]
    fn github_slugger_fixtures() {
        let cases: Vec<serde_json::Value> =
            serde_json::from_str(include_str!("../../tests/fixtures/github-slugger.json"))
                .expect("fixtures parse");
        assert!(cases.len() > 70);
        let mut seen = HashMap::new();
        let mut failed = Vec::new();
        for case in &cases {
            let field = |k: &str| case[k].as_str().expect("a string field");
            let got = unique_id(slug(field("input")), &mut seen);
            if got != field("expected") {
                failed.push(format!(
                    "{}: {:?} gave {got:?}, not {:?}",
                    field("name"),
                    field("input"),
                    field("expected")
                ));
            }
        }
        assert!(failed.is_empty(), "{failed:#?}");
        // The same cases written as Markdown headings, punctuation escaped (with the fixtures'
        // own Markdown where spaces at the ends would not survive): the ids of the page.
        let escaped = |text: &str| -> String {
            text.chars()
                .flat_map(|c| match c.is_ascii_punctuation() {
                    true => vec!['\\', c],
                    false => vec![c],
                })
                .collect()
        };
        let body: String = cases
            .iter()
            .map(|c| match c["markdownOverwrite"].as_str() {
                Some(md) => format!("{md}\n\n"),
                None => format!("# {}\n\n", escaped(c["input"].as_str().unwrap_or_default())),
            })
            .collect();
        let ids: Vec<String> = scan(&body, 1, "d.md")
            .headings
            .into_iter()
            .map(|h| h.id)
            .collect();
        let expected: Vec<&str> = cases
            .iter()
            .map(|c| c["expected"].as_str().unwrap_or_default())
            .collect();
        assert_eq!(ids, expected);
    }

    #[test]
    fn github_slugs() {
        assert_eq!(
            slug("Roles and responsibilities"),
            "roles-and-responsibilities"
        );
        assert_eq!(slug("Roles & Responsibilities"), "roles--responsibilities");
        assert_eq!(slug("5.2 Policy (v2)!"), "52-policy-v2");
        assert_eq!(slug("Über_uns"), "über_uns");
    }

    #[test]
    fn headings_get_unique_and_custom_ids() {
        let s = scan(
            "# Intro\n\n## Intro\n\n## Scope {#the-scope}\n\n## `code` heading\n",
            5,
            "p/x.md",
        );
        let ids: Vec<_> = s.headings.iter().map(|h| (h.id.as_str(), h.line)).collect();
        assert_eq!(
            ids,
            [
                ("intro", 5),
                ("intro-1", 7),
                ("the-scope", 9),
                ("code-heading", 11)
            ]
        );
        // An explicit id wins over an earlier heading's slug.
        let s = scan("## Intro\n\n## Other {#intro}\n", 1, "x.md");
        let ids: Vec<_> = s.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["intro-1", "intro"]);
    }

    #[test]
    fn github_headings_badges_and_html_anchors() {
        let s = scan(
            "[![s](https://img.shields.io/x)]() [t](#)\n\n## ⏱️ **Data** `Retention`\n\n## 🔐 Access\n\n## ![logo](l.png) Intro [link](x.md)\n\n## 🔐\n\n## 🎉\n\n<a name=\"legacy\"></a><div id=\"box\" name=\"no\"><script id=\"gone\"></script></div>\n",
            1,
            "d.md",
        );
        let ids: Vec<&str> = s.headings.iter().map(|h| h.id.as_str()).collect();
        // The variation selector is a mark and stays; the image's alt text is no heading text;
        // an empty id stays empty, then `-1` (github-slugger's rule).
        assert_eq!(
            ids,
            [
                "\u{fe0f}-data-retention",
                "-access",
                "-intro-link",
                "",
                "-1"
            ]
        );
        assert_eq!(
            s.links[..3]
                .iter()
                .filter(|l| !l.image)
                .map(|l| l.target.clone())
                .collect::<Vec<_>>(),
            [
                LinkTarget::Anchor(String::new()),
                LinkTarget::Anchor(String::new())
            ]
        );
        // `name` counts on `<a>` only; what sanitising removes has no ids.
        assert_eq!(s.anchors, ["legacy", "box"]);
        assert_eq!(scan("## Plain\n", 1, "d.md").anchors, Vec::<String>::new());
    }

    #[test]
    fn links_are_classified_with_positions() {
        let body = "Intro\n\nSee [ac](../policies/access-control.md#scope), [[POL-002]] and\n[[A.5.15|access]], [x](#top), [w](https://x.org), [j](javascript:alert(1)), [o](../../x.md) ![i](img/a.png)\n";
        let s = scan(body, 10, "procedures/p.md");
        let got: Vec<_> = s
            .links
            .iter()
            .map(|l| (l.target.clone(), l.line, l.column, l.own_text))
            .collect();
        assert_eq!(
            got,
            [
                (
                    LinkTarget::Document {
                        path: "policies/access-control.md".into(),
                        anchor: Some("scope".into())
                    },
                    12,
                    5,
                    true
                ),
                (LinkTarget::Reference("POL-002".into()), 12, 48, false),
                (LinkTarget::Reference("A.5.15".into()), 13, 1, true),
                (LinkTarget::Anchor("top".into()), 13, 20, true),
                (LinkTarget::External, 13, 31, true),
                (LinkTarget::Unsafe, 13, 51, true),
                (LinkTarget::OutsideRoot("../../x.md".into()), 13, 77, true),
                (
                    LinkTarget::File {
                        path: "procedures/img/a.png".into()
                    },
                    13,
                    93,
                    true
                ),
            ]
        );
    }

    #[test]
    fn root_relative_links_start_at_the_content_root() {
        let s = scan(
            "[a](/policies/a.md#x) [b](/img/b.png) [c](//cdn.example/c.js)",
            1,
            "deep/er/d.md",
        );
        let targets: Vec<_> = s.links.iter().map(|l| l.target.clone()).collect();
        assert_eq!(
            targets,
            [
                LinkTarget::Document {
                    path: "policies/a.md".into(),
                    anchor: Some("x".into())
                },
                LinkTarget::File {
                    path: "img/b.png".into()
                },
                LinkTarget::External,
            ]
        );
    }

    #[test]
    fn multi_line_headings_and_email_autolinks() {
        let s = scan(
            "Access\ncontrol scope\n===\n\nMail <a@example.org>.\n",
            1,
            "d.md",
        );
        assert_eq!(s.headings[0].id, "access-control-scope");
        assert_eq!(s.links[0].target, LinkTarget::External);
    }

    #[test]
    fn crlf_bodies_have_the_same_lines() {
        let lf = scan("a\n\n[x](y.md)\n", 1, "d.md");
        let crlf = scan("a\r\n\r\n[x](y.md)\r\n", 1, "d.md");
        assert_eq!(lf.links[0].line, 3);
        assert_eq!(crlf.links[0].line, 3);
    }

    #[test]
    fn positions_asked_in_any_order_agree() {
        let text = "ab\néé x [y](z) w\n\nend";
        let lines = Lines::new(text, 10);
        let expect = |offset: usize| {
            let before = &text[..offset];
            let line = before.matches('\n').count() as u32 + 10;
            let col = before.rsplit('\n').next().unwrap().chars().count() as u32 + 1;
            (line, col)
        };
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for &o in offsets
            .iter()
            .chain(offsets.iter().rev())
            .chain(&[5, 1, 12, 3])
        {
            assert_eq!(lines.position(o), expect(o), "offset {o}");
        }
    }

    #[test]
    fn join_paths() {
        assert_eq!(join("a/b.md", "../c/d.md").as_deref(), Some("c/d.md"));
        assert_eq!(join("b.md", "./c.md").as_deref(), Some("c.md"));
        assert_eq!(join("b.md", "../c.md"), None);
    }
}
