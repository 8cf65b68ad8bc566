//! A body that begins with its own title: the H1 every Markdown file written for GitHub starts
//! with, as `# Title`, setext or raw HTML (`<h1 align="center">Title</h1>`, often followed by
//! badges in the same HTML block). The page's template already shows the title, so the
//! body's copy is left out when it says the same.

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

/// The body's leading H1, found when the body is parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lead {
    /// A Markdown heading: events `start..=end`. It is the body's first heading, so its id is
    /// the first of the scan's.
    Markdown {
        start: usize,
        end: usize,
        text: String,
    },
    /// An `<h1>` in an HTML block whose events are `first..=last`: they are written as `rest`
    /// (the block without that element). `id` is the element's own `id`, if any.
    Html {
        first: usize,
        last: usize,
        rest: String,
        text: String,
        id: Option<String>,
    },
}

impl Lead {
    pub fn text(&self) -> &str {
        match self {
            Lead::Markdown { text, .. } | Lead::Html { text, .. } => text,
        }
    }
}

/// The leading H1 of `events`: the first thing a reader sees, only HTML blocks without text
/// (a comment, `<div align="center">`, a logo) before it.
pub fn lead(events: &[Event<'_>]) -> Option<Lead> {
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => {
                let mut text = String::new();
                for (j, e) in events.iter().enumerate().skip(i + 1) {
                    match e {
                        Event::Text(t) | Event::Code(t) => text.push_str(t),
                        Event::SoftBreak | Event::HardBreak => text.push(' '),
                        Event::InlineHtml(h) => text.push_str(&strip_tags(h)),
                        Event::End(TagEnd::Heading(_)) => {
                            return Some(Lead::Markdown {
                                start: i,
                                end: j,
                                text,
                            })
                        }
                        _ => {}
                    }
                }
                return None;
            }
            Event::Start(Tag::HtmlBlock) => {
                let first = i + 1;
                let mut last = first;
                let mut html = String::new();
                while let Some(Event::Html(h)) = events.get(last) {
                    html.push_str(h);
                    last += 1;
                }
                if last == first {
                    return None;
                }
                if let Some(h1) = find_h1(&html) {
                    if !has_text(&html[..h1.open]) {
                        return Some(Lead::Html {
                            first,
                            last: last - 1,
                            rest: format!("{}{}", &html[..h1.open], &html[h1.close..]),
                            text: strip_tags(&html[h1.inner.clone()]),
                            id: h1.id,
                        });
                    }
                }
                if has_text(&html) {
                    return None;
                }
                // `last` is the block's end event.
                i = last + 1;
            }
            _ => return None,
        }
    }
    None
}

/// Whether a heading's text says the page's title: compared by its words (letters and
/// numbers), so case, emoji, punctuation, markup and spacing do not count.
pub fn same_title(heading: &str, title: &str) -> bool {
    let words = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_lowercase().next().unwrap_or(c)
                } else {
                    ' '
                }
            })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let heading = words(heading);
    !heading.is_empty() && heading == words(title)
}

struct H1 {
    /// Where `<h1` starts.
    open: usize,
    /// Between the opening tag's `>` and `</h1`.
    inner: std::ops::Range<usize>,
    /// Just after `</h1>`.
    close: usize,
    id: Option<String>,
}

/// The first `<h1 …>…</h1>` of an HTML block.
fn find_h1(html: &str) -> Option<H1> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    let open = loop {
        let at = from + lower[from..].find("<h1")?;
        match lower.as_bytes().get(at + 3) {
            Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/') => break at,
            _ => from = at + 3,
        }
    };
    let tag_end = open + lower[open..].find('>')?;
    let inner_end = tag_end + lower[tag_end..].find("</h1")?;
    let close = inner_end + lower[inner_end..].find('>')? + 1;
    Some(H1 {
        open,
        inner: tag_end + 1..inner_end,
        close,
        id: attribute(&html[open + 3..tag_end], "id"),
    })
}

/// An attribute's value in a tag's text (`align="center" id='x'`).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find(name) {
        let at = from + found;
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = tag[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value = rest[1..].trim_start();
        let v = match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value
                .split(|c: char| c.is_ascii_whitespace() || c == '/')
                .next()
                .unwrap_or(""),
        };
        let v = super::raw_links::decode_text(v);
        return (!v.is_empty()).then_some(v);
    }
    None
}

/// The text of an HTML fragment: tags and comments dropped, common entities decoded.
fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        let after = &rest[lt..];
        let end = if after.starts_with("<!--") {
            after.find("-->").map(|e| e + 3)
        } else {
            after.find('>').map(|e| e + 1)
        };
        match end {
            Some(e) => rest = &after[e..],
            None => {
                rest = "";
            }
        }
    }
    text.push_str(rest);
    super::raw_links::decode_text(&text)
}

fn has_text(html: &str) -> bool {
    !strip_tags(html).trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn lead_of(body: &str) -> Option<Lead> {
        let events: Vec<Event<'_>> =
            Parser::new_ext(body, crate::source::scan::options()).collect();
        lead(&events)
    }

    #[test]
    fn titles_compare_by_words() {
        assert!(same_title(
            "🛡️ Access **Control** Policy",
            "access control policy"
        ));
        assert!(same_title(
            "  Access-Control Policy ✅",
            "Access Control Policy"
        ));
        assert!(!same_title("Access Control", "Access Control Policy"));
        assert!(!same_title("🛡️", ""));
    }

    #[test]
    fn markdown_and_html_leads_are_found() {
        assert!(matches!(
            lead_of("# T\n\ntext"),
            Some(Lead::Markdown { .. })
        ));
        assert!(matches!(lead_of("T\n===\n"), Some(Lead::Markdown { .. })));
        assert_eq!(lead_of("Intro\n\n# T\n"), None);
        assert_eq!(lead_of("## T\n"), None);
        let Some(Lead::Html { rest, text, id, .. }) = lead_of(
            "<!-- logo -->\n\n<h1 align=\"center\" id='top'>\n  🛡️ Policy &amp; Scope\n</h1>\n<p align=\"center\"><img src=\"https://img.shields.io/badge/x-y-green\"></p>\n\nBody\n",
        ) else {
            panic!("no HTML lead")
        };
        assert_eq!(text.trim(), "🛡️ Policy & Scope");
        assert_eq!(id.as_deref(), Some("top"));
        assert!(!rest.contains("<h1"), "{rest}");
        assert!(rest.contains("img.shields.io"), "{rest}");
        // Text before the h1 in the same block: not a leading title.
        assert_eq!(lead_of("<p>Hello</p>\n<h1>T</h1>\n"), None);
        // An HTML block of a wrapper only, then the Markdown heading.
        assert!(matches!(
            lead_of("<div align=\"center\">\n\n# T\n\n</div>\n"),
            Some(Lead::Markdown { .. })
        ));
    }
}
