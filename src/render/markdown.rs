//! The second pass over a body: Markdown to HTML, with heading ids from the scan, links rewritten
//! to their resolved pages, fenced code highlighted, Mermaid diagrams left for the browser to
//! draw, GitHub's alerts written as GitHub writes them, and a leading H1 that repeats the
//! page's title left out.

pub(crate) mod raw_links;
mod title;

use super::escape::text as escape;
use super::highlight;
use crate::config::RawHtml;
use crate::source::scan::{self, Heading};
use pulldown_cmark::{
    html, BlockQuoteKind, CodeBlockKind, CowStr, Event, LinkType, Parser, Tag, TagEnd,
};
use title::Lead;

/// How one link of the body is written, in scan order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkOut {
    /// Link to this (relative) URL; `text` replaces the link text (`[[POL-002]]` → its title).
    Href { url: String, text: Option<String> },
    /// A document this build leaves out: the text stays, unlinked and unmarked (never a dead
    /// link); `text` replaces it as for `Href`.
    Plain { text: Option<String> },
    /// Unresolved or unsafe: the text is kept, marked, and not linked.
    Broken { why: String },
}

/// How the links of a body are written: its Markdown links in scan order, and those of its
/// raw HTML by value.
#[derive(Debug, Default)]
pub struct BodyLinks {
    pub markdown: Vec<LinkOut>,
    pub html: crate::sanitise::LinkRewrites,
}

/// A body parsed once. A build needs it three times (its page, its print.html section, its
/// search entry), and parsing was the larger part of rendering.
pub struct ParsedBody<'a> {
    events: Vec<Event<'a>>,
    /// The body's length: room enough for its plain text.
    len: usize,
    /// Whether the body holds raw HTML: only such bodies pay for sanitising.
    has_html: bool,
    /// Whether the body has a Mermaid diagram: only its pages load Mermaid.
    pub diagrams: bool,
    lead: Option<Lead>,
}

pub fn parse(body: &str) -> ParsedBody<'_> {
    let events: Vec<Event<'_>> = Parser::new_ext(body, scan::options()).collect();
    let has_html = events
        .iter()
        .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    let diagrams = events.iter().any(is_diagram);
    let lead = title::lead(&events);
    ParsedBody {
        events,
        len: body.len(),
        has_html,
        diagrams,
        lead,
    }
}

/// Whether a body has a Mermaid diagram, without keeping its parse (the site-wide check of
/// whether to write Mermaid at all): only bodies with a fence followed by `mermaid` are parsed.
pub fn has_diagram(body: &str) -> bool {
    has_mermaid_fence(body) && Parser::new_ext(body, scan::options()).any(|e| is_diagram(&e))
}

/// A run of backticks or tildes followed by `mermaid`, found by substring search; each run is
/// looked at once, so a body of backticks costs its length.
fn has_mermaid_fence(body: &str) -> bool {
    ["```", "~~~"].iter().any(|fence| {
        let mark = fence.as_bytes()[0] as char;
        let mut run_end = 0;
        memchr::memmem::find_iter(body.as_bytes(), fence).any(|at| {
            if at < run_end {
                return false;
            }
            let after = body[at..].trim_start_matches(mark);
            run_end = body.len() - after.len();
            let info = after.trim_start_matches([' ', '\t']).as_bytes();
            info.len() >= MERMAID.len()
                && info[..MERMAID.len()].eq_ignore_ascii_case(MERMAID.as_bytes())
        })
    })
}

const MERMAID: &str = "mermaid";

fn is_diagram(event: &Event<'_>) -> bool {
    matches!(event, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) if is_mermaid(lang))
}

/// ```` ```mermaid ````, as GitHub reads it: the info string's first word, any case.
fn is_mermaid(lang: &str) -> bool {
    lang.split([',', ' ', '{', '\t'])
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case(MERMAID))
}

/// A leading H1 left out of the body because it repeats the title: where links to it go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedTitle {
    /// The heading's id (a Markdown heading's slug, an HTML `<h1 id>`): the template puts it
    /// on its own title, so `#that-id` still lands on the title.
    pub id: Option<String>,
}

impl ParsedBody<'_> {
    /// The leading H1 to leave out, when it says `title` (see [`title`]). `headings` are the
    /// ids the page gives the body's headings. An HTML `<h1>` stays when raw HTML is shown as
    /// text: it is then not a title but visible source.
    pub fn repeated_title(
        &self,
        title: &str,
        headings: &[Heading],
        raw_html: RawHtml,
    ) -> Option<DroppedTitle> {
        let lead = self.lead.as_ref()?;
        if !title::same_title(lead.text(), title) {
            return None;
        }
        match lead {
            Lead::Markdown { .. } => Some(DroppedTitle {
                id: headings.first().map(|h| h.id.clone()),
            }),
            Lead::Html { .. } if raw_html == RawHtml::Escape => None,
            Lead::Html { id, .. } => Some(DroppedTitle { id: id.clone() }),
        }
    }

    /// The text a reader sees, words separated by spaces (for search).
    pub fn plain_text(&self) -> String {
        let mut text = String::with_capacity(self.len);
        for event in &self.events {
            match event {
                Event::Text(t) | Event::Code(t) => {
                    text.push_str(t);
                    text.push(' ');
                }
                Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
                _ => {}
            }
        }
        text
    }
}

/// How a body is written, beyond its links and headings.
#[derive(Debug, Clone, Copy)]
pub struct BodyStyle<'a> {
    /// Prefix of footnote ids: print.html holds every document, and their `[^1]`s must not
    /// point at each other.
    pub footnotes: &'a str,
    /// What the body's raw HTML becomes (`[markdown] raw_html`).
    pub raw_html: RawHtml,
    /// Leave out the leading H1 ([`ParsedBody::repeated_title`] said it repeats the title).
    pub drop_title: bool,
    /// The words Markdown's own markup shows in the interface language.
    pub words: &'a Words,
}

/// What GitHub's Markdown adds in words of its own: alert titles (`> [!NOTE]`) and the
/// accessible names of task-list checkboxes, in the interface language, escaped once per build.
#[derive(Debug, Clone)]
pub struct Words {
    /// Note, Tip, Important, Warning, Caution.
    alerts: [String; 5],
    done: String,
    not_done: String,
}

impl Words {
    pub fn new(lang: &crate::i18n::Lang) -> Words {
        let t = |key: &str| super::escape::text(&lang.text(key));
        Words {
            alerts: [
                t("md-alert-note"),
                t("md-alert-tip"),
                t("md-alert-important"),
                t("md-alert-warning"),
                t("md-alert-caution"),
            ],
            done: t("md-task-done"),
            not_done: t("md-task-open"),
        }
    }

    fn alert(&self, kind: BlockQuoteKind) -> &str {
        &self.alerts[match kind {
            BlockQuoteKind::Note => 0,
            BlockQuoteKind::Tip => 1,
            BlockQuoteKind::Important => 2,
            BlockQuoteKind::Warning => 3,
            BlockQuoteKind::Caution => 4,
        }]
    }
}

/// The body's HTML, appended to `out`. With raw HTML and `raw_html = "sanitise"`, the whole
/// body is sanitised once rendered, as GitHub does: raw HTML arrives in pieces (`<div>`, then
/// Markdown, then `</div>`) that only make sense together.
///
/// Links of raw HTML are written as `links.html` says: by the sanitiser's attribute filter, or
/// in trusted HTML as it is written out ([`raw_links`]).
pub fn render(
    parsed: &ParsedBody<'_>,
    headings: &[Heading],
    links: &mut BodyLinks,
    style: BodyStyle<'_>,
    out: &mut String,
) {
    if parsed.has_html && style.raw_html == RawHtml::Sanitise {
        let mut html = String::with_capacity(parsed.len * 2);
        write_html(parsed, headings, links, style, true, &mut html);
        out.push_str(&crate::sanitise::clean_with_links(&html, &mut links.html));
    } else {
        write_html(parsed, headings, links, style, false, out);
    }
}

/// `sanitised`: the output goes through the sanitiser, so the links written here are marked as
/// the renderer's own ([`crate::sanitise::own_url`]).
fn write_html(
    parsed: &ParsedBody<'_>,
    headings: &[Heading],
    body_links: &BodyLinks,
    style: BodyStyle<'_>,
    sanitised: bool,
    out: &mut String,
) {
    let links = &body_links.markdown[..];
    let own = |url: String| match sanitised {
        true => crate::sanitise::own_url(&url),
        false => url,
    };
    // Trusted HTML with links to rewrite: its pieces are gathered (a tag may span the lines
    // of an HTML block, each its own event) and rewritten together.
    let trusted_links = style.raw_html == RawHtml::Trusted
        && body_links
            .html
            .iter()
            .any(|((_, from), to)| to.as_deref() != Some(from.as_str()));
    let footnotes = style.footnotes;
    let escape_html = style.raw_html == RawHtml::Escape;
    let footnote =
        |name: CowStr<'_>| -> CowStr<'static> { CowStr::from(format!("{footnotes}{name}")) };
    let lead = parsed.lead.as_ref().filter(|_| style.drop_title);
    // A dropped Markdown lead is the body's first heading: it keeps its id (the template's
    // title wears it), the ones after keep theirs.
    let mut heading_no = usize::from(matches!(lead, Some(Lead::Markdown { .. })));
    // Its links and images are the body's first (only text-less HTML blocks come before it):
    // they are not written, so the links after it start past them.
    let mut link_no = match lead {
        Some(Lead::Markdown { start, end, .. }) => parsed.events[*start..=*end]
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::Link { .. } | Tag::Image { .. })))
            .count(),
        _ => 0,
    };
    // Within a link: whether its own text is being replaced, and whether it is a broken one.
    let mut skip_text = false;
    // Links and images nest (`[![logo](a.png)](b.md)`), so each keeps its own state.
    let mut broken_link = false;
    let mut plain_link = false;
    let mut broken_image = false;
    let mut code: Option<(String, String)> = None;

    let events = parsed
        .events
        .iter()
        .cloned()
        .enumerate()
        .filter_map(|(at, event)| match lead {
            Some(Lead::Markdown { start, end, .. }) if (*start..=*end).contains(&at) => None,
            Some(Lead::Html {
                first, last, rest, ..
            }) if (*first..=*last).contains(&at) => {
                (at == *first).then(|| Event::Html(CowStr::from(rest.clone())))
            }
            _ => Some(event),
        })
        .filter_map(|event| match event {
            Event::FootnoteReference(name) if !footnotes.is_empty() => {
                Some(Event::FootnoteReference(footnote(name)))
            }
            Event::Start(Tag::FootnoteDefinition(name)) if !footnotes.is_empty() => {
                Some(Event::Start(Tag::FootnoteDefinition(footnote(name))))
            }
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                // An empty slug (`## 🔐`) is no id: `#` already means the page.
                let id = headings
                    .get(heading_no)
                    .filter(|h| !h.id.is_empty())
                    .map(|h| CowStr::from(h.id.clone()));
                heading_no += 1;
                // `# Title {onclick=…}`: attributes are raw HTML too, kept as the sanitiser
                // keeps them (filtered here, so that they cost no sanitising).
                let attrs = match style.raw_html {
                    RawHtml::Trusted => attrs,
                    RawHtml::Escape => Vec::new(),
                    RawHtml::Sanitise => attrs
                        .into_iter()
                        .filter(|(name, _)| crate::sanitise::is_generic_attribute(name))
                        .collect(),
                };
                Some(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let out = links.get(link_no).cloned();
                link_no += 1;
                match out {
                    Some(LinkOut::Href { url, text }) => {
                        let start = Event::Start(Tag::Link {
                            link_type: if matches!(link_type, LinkType::WikiLink { .. }) {
                                LinkType::Inline
                            } else {
                                link_type
                            },
                            dest_url: own(url).into(),
                            title,
                            id,
                        });
                        match text {
                            Some(t) => {
                                skip_text = true;
                                Some(Event::Html(
                                    format!("{}{}", start_tag_html(start), escape(&t)).into(),
                                ))
                            }
                            None => Some(start),
                        }
                    }
                    Some(LinkOut::Plain { text }) => {
                        plain_link = true;
                        text.map(|t| {
                            skip_text = true;
                            Event::Text(t.into())
                        })
                    }
                    Some(LinkOut::Broken { why }) => {
                        broken_link = true;
                        Some(broken_span(&why))
                    }
                    None => Some(Event::Start(Tag::Link {
                        link_type,
                        dest_url: own(dest_url.to_string()).into(),
                        title,
                        id,
                    })),
                }
            }
            Event::End(TagEnd::Link) => {
                skip_text = false;
                if std::mem::take(&mut plain_link) {
                    None
                } else if std::mem::take(&mut broken_link) {
                    Some(Event::Html("</span>".into()))
                } else {
                    Some(Event::End(TagEnd::Link))
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let out = links.get(link_no).cloned();
                link_no += 1;
                match out {
                    Some(LinkOut::Href { url, .. }) => Some(Event::Start(Tag::Image {
                        link_type,
                        dest_url: own(url).into(),
                        title,
                        id,
                    })),
                    // An image of a left-out document: its alt text, unmarked.
                    Some(LinkOut::Plain { .. }) => {
                        broken_image = true;
                        Some(Event::Html("<span>".into()))
                    }
                    Some(LinkOut::Broken { why }) => {
                        broken_image = true;
                        Some(broken_span(&why))
                    }
                    None => Some(Event::Start(Tag::Image {
                        link_type,
                        dest_url: own(dest_url.to_string()).into(),
                        title,
                        id,
                    })),
                }
            }
            // `broken_image` covers both spans opened above.
            Event::End(TagEnd::Image) if std::mem::take(&mut broken_image) => {
                Some(Event::Html("</span>".into()))
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => {
                code = Some((lang.to_string(), String::new()));
                None
            }
            Event::Text(t) if code.is_some() => {
                if let Some((_, buf)) = code.as_mut() {
                    buf.push_str(&t);
                }
                None
            }
            Event::End(TagEnd::CodeBlock) if code.is_some() => {
                let (lang, text) = code.take().unwrap_or_default();
                Some(Event::Html(code_block(&lang, &text).into()))
            }
            Event::Text(_) | Event::Code(_) if skip_text => None,
            // GitHub's alert: a titled box, not a quotation.
            Event::Start(Tag::BlockQuote(Some(kind))) => Some(Event::Html(
                format!(
                    "<div class=\"markdown-alert markdown-alert-{0}\">\n<p class=\"markdown-alert-title\">{1}</p>\n",
                    alert_class(kind),
                    style.words.alert(kind)
                )
                .into(),
            )),
            Event::End(TagEnd::BlockQuote(Some(_))) => Some(Event::Html("</div>\n".into())),
            Event::Html(html) | Event::InlineHtml(html) if escape_html => Some(Event::Text(html)),
            // pulldown-cmark's checkbox has no accessible name; say what its state means.
            Event::TaskListMarker(done) => Some(Event::Html(
                if done {
                    format!(
                        "<input type=\"checkbox\" disabled checked aria-label=\"{}\"> ",
                        style.words.done
                    )
                } else {
                    format!(
                        "<input type=\"checkbox\" disabled aria-label=\"{}\"> ",
                        style.words.not_done
                    )
                }
                .into(),
            )),
            e => Some(e),
        });
    if trusted_links {
        html::push_html(out, rewrite_trusted(events, &body_links.html));
    } else {
        html::push_html(out, events);
    }
}

/// `events` with each run of raw HTML joined into one and its links rewritten.
fn rewrite_trusted<'e, 'r>(
    events: impl Iterator<Item = Event<'e>> + 'r,
    rewrites: &'r crate::sanitise::LinkRewrites,
) -> impl Iterator<Item = Event<'e>> + 'r {
    let mut events = events.peekable();
    std::iter::from_fn(move || {
        let first = events.next()?;
        let (Event::Html(html) | Event::InlineHtml(html)) = first else {
            return Some(first);
        };
        let mut run = html.into_string();
        while let Some(Event::Html(next) | Event::InlineHtml(next)) = events.peek() {
            run.push_str(next);
            events.next();
        }
        Some(Event::Html(
            raw_links::rewrite(&run, rewrites).into_owned().into(),
        ))
    })
}

/// Opens the span that stands for a broken link or image, its reason as the tooltip.
fn broken_span(why: &str) -> Event<'static> {
    Event::Html(format!("<span class=\"broken-link\" title=\"{}\">", escape(why)).into())
}

fn alert_class(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    }
}

fn code_block(lang: &str, text: &str) -> String {
    if is_mermaid(lang) {
        // Drawn in the browser (assets/diagrams.js); the source, escaped, is what a reader
        // without script, or with a diagram Mermaid cannot read, sees.
        return format!("<pre class=\"mermaid-source\">{}</pre>\n", escape(text));
    }
    let lang_name: String = lang
        .split([',', ' ', '{'])
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '#'))
        .collect();
    match highlight::highlight(lang, text) {
        Some(html) => format!(
            "<pre class=\"hl-code\"><code class=\"language-{lang_name}\">{html}</code></pre>\n"
        ),
        None if lang_name.is_empty() => format!("<pre><code>{}</code></pre>\n", escape(text)),
        None => format!(
            "<pre><code class=\"language-{lang_name}\">{}</code></pre>\n",
            escape(text)
        ),
    }
}

fn start_tag_html(start: Event<'_>) -> String {
    let mut s = String::new();
    html::push_html(&mut s, std::iter::once(start));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_body(body: &str, links: &[LinkOut]) -> String {
        let mut links = BodyLinks {
            markdown: links.to_vec(),
            ..BodyLinks::default()
        };
        let s = scan::scan(body, 1, "d.md");
        let mut out = String::new();
        let style = BodyStyle {
            footnotes: "",
            raw_html: RawHtml::Sanitise,
            drop_title: false,
            words: &Words::new(&crate::i18n::Lang::english()),
        };
        render(&parse(body), &s.headings, &mut links, style, &mut out);
        out
    }

    #[test]
    fn headings_get_scan_ids() {
        let html = render_body("# Roles & duties\n\n## Scope {#the-scope}\n", &[]);
        assert!(
            html.contains("<h1 id=\"roles--duties\">Roles &amp; duties</h1>"),
            "{html}"
        );
        assert!(html.contains("<h2 id=\"the-scope\">Scope</h2>"), "{html}");
    }

    #[test]
    fn links_are_rewritten_or_marked_broken() {
        let html = render_body(
            "See [ac](access.md#x), [[POL-2]], [[A.5.1|policies]] and [gone](gone.md).",
            &[
                LinkOut::Href {
                    url: "access.html#x".into(),
                    text: None,
                },
                LinkOut::Href {
                    url: "p2.html".into(),
                    text: Some("Access <Policy>".into()),
                },
                LinkOut::Href {
                    url: "../controls/A.5.1.html".into(),
                    text: None,
                },
                LinkOut::Broken {
                    why: "no document at gone.md".into(),
                },
            ],
        );
        assert!(html.contains("<a href=\"access.html#x\">ac</a>"), "{html}");
        assert!(
            html.contains("<a href=\"p2.html\">Access &lt;Policy&gt;</a>"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"../controls/A.5.1.html\">policies</a>"),
            "{html}"
        );
        assert!(
            html.contains(
                "<span class=\"broken-link\" title=\"no document at gone.md\">gone</span>"
            ),
            "{html}"
        );
        assert!(!html.contains("href=\"gone.md"), "{html}");
    }

    #[test]
    fn links_to_left_out_documents_become_plain_text() {
        let html = render_body(
            "See [the plan](plan.md) and [[PLN-1]].",
            &[
                LinkOut::Plain { text: None },
                LinkOut::Plain {
                    text: Some("Risk <Plan>".into()),
                },
            ],
        );
        assert_eq!(html, "<p>See the plan and Risk &lt;Plan&gt;.</p>\n");
    }

    #[test]
    fn diagrams_are_found_by_their_fence() {
        assert!(has_diagram("Text\n\n```mermaid\ngraph TD\n```\n"));
        assert!(has_diagram(
            "- item\n\n  ~~~~ Mermaid\n  graph TD\n  ~~~~\n"
        ));
        assert!(!has_diagram("We use Mermaid.\n\n```text\nmermaid\n```\n"));
        // A fence inside a longer code block is text, not a diagram.
        assert!(!has_diagram("````md\n```mermaid\ngraph TD\n```\n````\n"));
        assert!(!has_diagram(&"`".repeat(100_000)));
    }

    #[test]
    fn code_blocks_are_highlighted_and_escaped() {
        let html = render_body("```yaml\nkey: <b>\n```\n\n```\n<i>plain</i>\n```\n", &[]);
        assert!(html.contains("hl-"), "{html}");
        assert!(html.contains("&lt;i&gt;plain&lt;/i&gt;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }
}
