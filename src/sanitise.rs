//! What raw HTML in a body may put into a page, as one allow-list close to GitHub's: used to
//! sanitise rendered bodies ([`clean`], with ammonia) and to say what was removed, and where
//! ([`inspect`], with html5ever's tokenizer, for the `raw-html-removed` note).
//!
//! Authors are trusted to write policy, not to run script in every reader's browser: script,
//! style, frames, forms, event handlers and `javascript:`/`data:` URLs (but `data:image/…` in
//! images) never reach a page.

use ammonia::Url;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer};
use html5ever::LocalName;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Elements kept. Others are removed with their tags, their text kept (`<center>x</center>`
/// shows `x`), except [`DROPPED_WITH_CONTENT`].
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements removed together with what they hold: their text is code, style or a fallback no
/// reader should see as text.
const DROPPED_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "noscript", "template", "textarea", "title", "xmp", "noembed",
    "noframes", "object", "select",
];

/// Attributes kept on every element.
const GENERIC_ATTRIBUTES: &[&str] = &[
    "id",
    "title",
    "lang",
    "dir",
    "align",
    "class",
    "aria-label",
    "aria-hidden",
    "aria-describedby",
    "aria-labelledby",
];

/// Whether `name` is kept on every element (Markdown's heading attributes are filtered so).
pub fn is_generic_attribute(name: &str) -> bool {
    GENERIC_ATTRIBUTES.contains(&name.to_ascii_lowercase().as_str())
}

/// Attributes kept on one element.
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "name", "hreflang"]),
    ("img", &["src", "alt", "width", "height"]),
    ("source", &["srcset", "media", "type", "sizes"]),
    // `style` only for Markdown's column alignment: only `text-align` survives.
    (
        "td",
        &["colspan", "rowspan", "headers", "valign", "width", "style"],
    ),
    (
        "th",
        &[
            "colspan", "rowspan", "headers", "scope", "valign", "width", "style",
        ],
    ),
    ("col", &["span", "width"]),
    ("colgroup", &["span", "width"]),
    ("table", &["width", "summary"]),
    ("ol", &["start", "type", "reversed"]),
    ("ul", &["type"]),
    ("li", &["value"]),
    ("details", &["open"]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
    ("q", &["cite"]),
    ("blockquote", &["cite"]),
    ("time", &["datetime"]),
    // Task-list checkboxes; every `<input>` becomes a disabled checkbox.
    ("input", &["type", "disabled", "checked"]),
];

/// URL schemes kept in links and images; relative URLs are kept too. `data:` only for images.
const URL_SCHEMES: &[&str] = &[
    "http", "https", "mailto", "tel", "ftp", "ftps", "sftp", "ssh", "irc", "ircs", "xmpp", "sip",
    "sips", "sms", "webcal", "news", "nntp", "geo", "magnet", "data",
];

/// Classes kept: those the renderer itself writes (highlighting, footnotes, alerts, broken
/// links). Others are dropped silently: they change nothing a reader could miss.
const CLASS_PREFIXES: &[&str] = &[
    "hl-",
    "language-",
    "markdown-alert",
    "footnote-",
    "broken-link",
    "mermaid-source",
];

fn builder() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::empty();
        b.tags(TAGS.iter().copied().collect())
            .clean_content_tags(DROPPED_WITH_CONTENT.iter().copied().collect())
            .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
            .tag_attributes(
                TAG_ATTRIBUTES
                    .iter()
                    .map(|(tag, attrs)| (*tag, attrs.iter().copied().collect()))
                    .collect::<HashMap<_, HashSet<_>>>(),
            )
            .set_tag_attribute_value("input", "type", "checkbox")
            .set_tag_attribute_value("input", "disabled", "")
            .url_schemes(URL_SCHEMES.iter().copied().collect())
            .url_relative(ammonia::UrlRelative::PassThrough)
            // Links stay as written: the handbook's own links are relative.
            .link_rel(None)
            .strip_comments(true)
            .filter_style_properties(["text-align"].into_iter().collect())
            .attribute_filter(|element, attribute, value| {
                // The renderer's own URLs, marked (see [`own_url`]): as they are.
                let value: std::borrow::Cow<'_, str> = match value.strip_prefix(OWN) {
                    Some(own) => own.into(),
                    None if link_attribute(element) == Some(attribute) => {
                        match REWRITES
                            .with_borrow(|r| r.get(&(element == "img", value.to_owned())).cloned())
                        {
                            Some(Some(url)) => url.into(),
                            // Not published, broken or unsafe: the element stays, unlinked.
                            Some(None) => return None,
                            None => value.into(),
                        }
                    }
                    None => value.into(),
                };
                keep_value(element, attribute, &value).then(|| {
                    if attribute == "class" {
                        kept_classes(&value).into()
                    } else {
                        value.into_owned().into()
                    }
                })
            });
        b
    })
}

/// How each link of a body's raw HTML is written, by (`<img src>`, value as a browser reads
/// it): the URL to write, or `None` to remove the attribute (the element and its content stay).
/// The same value in the same body always resolves alike, so the value is the key: no count of
/// elements, which a browser's tree building may move or repeat (`<a>` mis-nested), is trusted.
pub type LinkRewrites = HashMap<(bool, String), Option<String>>;

thread_local! {
    /// The rewrites of the body [`clean_with_links`] is cleaning on this thread (ammonia's
    /// attribute filter is one function for the whole process).
    static REWRITES: RefCell<LinkRewrites> = RefCell::default();
}

/// Marks a URL that the renderer wrote (a Markdown link, already resolved) so that the
/// attribute filter does not take it for raw HTML written the same. It starts with no scheme,
/// so ammonia's own check sees a relative URL; the filter then checks the URL itself. Raw HTML
/// that writes the mark gains nothing: its URL is kept as written, and checked.
pub fn own_url(url: &str) -> String {
    format!("{OWN}{url}")
}

const OWN: &str = "_ismsbook-own_";

/// A body's HTML with what the allow-list does not keep removed.
pub fn clean(html: &str) -> String {
    clean_with_links(html, &mut LinkRewrites::new())
}

/// [`clean`], with the links of raw HTML written as `rewrites` says (taken for the time of the
/// call, and given back).
pub fn clean_with_links(html: &str, rewrites: &mut LinkRewrites) -> String {
    REWRITES.with_borrow_mut(|r| std::mem::swap(r, rewrites));
    let out = builder().clean(html).to_string();
    REWRITES.with_borrow_mut(|r| std::mem::swap(r, rewrites));
    out
}

/// Beyond the allow-list: `data:` URLs only as images, and classes only the renderer's own.
fn keep_value(element: &str, attribute: &str, value: &str) -> bool {
    match attribute {
        // `cite` is a URL too (`<q>`, `<blockquote>`, `<del>`, `<ins>`), shown by some readers.
        "href" | "src" | "cite" => url_allowed(element, attribute, value),
        "srcset" => value
            .split(',')
            .filter_map(|candidate| candidate.split_whitespace().next())
            .all(|url| url_allowed(element, attribute, url)),
        "class" => !kept_classes(value).is_empty(),
        _ => true,
    }
}

fn kept_classes(value: &str) -> String {
    value
        .split_ascii_whitespace()
        .filter(|c| CLASS_PREFIXES.iter().any(|p| c.starts_with(p)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a URL survives: relative, or a listed scheme; `data:` only as an image.
fn url_allowed(element: &str, attribute: &str, url: &str) -> bool {
    match Url::parse(url) {
        Ok(u) if u.scheme() == "data" => {
            let image = matches!((element, attribute), ("img", "src") | ("source", "srcset"));
            image && u.path().to_ascii_lowercase().starts_with("image/")
        }
        Ok(u) => URL_SCHEMES.contains(&u.scheme()),
        Err(ammonia::url::ParseError::RelativeUrlWithoutBase) => true,
        Err(_) => false,
    }
}

/// Something raw HTML held that a page will not: `` `<script>` element and its content ``.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// 0-based line within the inspected fragment.
    pub line: u32,
    pub what: String,
}

/// Raw HTML and the Markdown around it nested deeper than this are not sanitised but shown as
/// text: building the tree to sanitise takes time growing with the square of the depth (each
/// new element looks through the open ones), and 300,000 nested `<div>`s, 1.8 MB, took five
/// minutes. Browsers stop nesting their trees at about this depth too.
pub const MAX_DEPTH: usize = 512;

/// A tag with more attributes than this is not sanitised but shown as text: html5ever checks
/// each new attribute against the tag's others (200,000 attributes, 1.5 MB, took 38 s). No
/// real tag comes near it.
pub const MAX_ATTRIBUTES: usize = 256;

/// What [`tag_shape`] found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TagShape {
    /// The most attributes of any one tag.
    pub most_attributes: usize,
    /// The fragment ends inside a tag, whose attributes would go on in what follows.
    pub unfinished: bool,
}

/// Counts the attributes of each tag of `fragment` by the tokenizer's rules for tags (names,
/// `=`, quoted and unquoted values, comments), in one pass, before html5ever reads it. It may
/// count more than html5ever (text inside `<script>` is read as tags here), never fewer.
pub fn tag_shape(fragment: &str) -> TagShape {
    let b = fragment.as_bytes();
    let mut shape = TagShape::default();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let next = b.get(i + 1).copied();
        if fragment[i..].starts_with("<!--") {
            // Comments end at `-->`; an unclosed one hides the rest, which is no tag.
            i = fragment[i + 4..]
                .find("-->")
                .map_or(b.len(), |e| i + 4 + e + 3);
            continue;
        }
        if matches!(next, Some(b'!' | b'?')) {
            i = fragment[i..].find('>').map_or(b.len(), |e| i + e + 1);
            continue;
        }
        let starts_tag = match next {
            Some(b'/') => b.get(i + 2).is_some_and(u8::is_ascii_alphabetic),
            Some(c) => c.is_ascii_alphabetic(),
            None => false,
        };
        if !starts_tag {
            i += 1;
            continue;
        }
        // The tag's name (after `</` for an end tag), then attributes until `>`.
        i += if next == Some(b'/') { 2 } else { 1 };
        while i < b.len() && !matches!(b[i], b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | 0x0c) {
            i += 1;
        }
        let mut attributes = 0;
        let mut closed = false;
        while i < b.len() {
            match b[i] {
                b'>' => {
                    closed = true;
                    i += 1;
                    break;
                }
                b'/' | b' ' | b'\t' | b'\n' | b'\r' | 0x0c => i += 1,
                _ => {
                    attributes += 1;
                    // The name (a leading `=` is part of it), then an optional value.
                    i += 1;
                    while i < b.len()
                        && !matches!(
                            b[i],
                            b'>' | b'/' | b'=' | b' ' | b'\t' | b'\n' | b'\r' | 0x0c
                        )
                    {
                        i += 1;
                    }
                    let mut j = i;
                    while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\n' | b'\r' | 0x0c) {
                        j += 1;
                    }
                    if b.get(j) != Some(&b'=') {
                        continue;
                    }
                    j += 1;
                    while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\n' | b'\r' | 0x0c) {
                        j += 1;
                    }
                    i = match b.get(j) {
                        Some(&q @ (b'"' | b'\'')) => b[j + 1..]
                            .iter()
                            .position(|&c| c == q)
                            .map_or(b.len(), |e| j + 1 + e + 1),
                        _ => {
                            let mut k = j;
                            while k < b.len()
                                && !matches!(b[k], b'>' | b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
                            {
                                k += 1;
                            }
                            k
                        }
                    };
                }
            }
        }
        shape.most_attributes = shape.most_attributes.max(attributes);
        if !closed {
            shape.unfinished = true;
        }
    }
    shape
}

/// Elements that hold nothing (no end tag), and those whose end tag may be left out and that
/// cannot hold themselves (`<p>`, `<li>`, `<td>`): repeating them does not nest.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot",
    "option", "optgroup", "rb", "rt", "rtc", "rp", "colgroup", "caption",
];

/// How deep raw HTML nests, kept across the pieces of one body as [`inspect`] reads them: the
/// elements open, as a browser keeps them (near enough: an end tag closes up to the last open
/// element of its name, and is ignored without one).
#[derive(Default)]
pub struct Depth {
    open: Vec<LocalName>,
    count: HashMap<LocalName, usize>,
    /// The most elements open at once so far.
    pub max: usize,
}

impl Depth {
    fn start(&mut self, name: &LocalName) {
        if NOT_NESTING.contains(&&**name) {
            return;
        }
        self.open.push(name.clone());
        *self.count.entry(name.clone()).or_default() += 1;
        self.max = self.max.max(self.open.len());
    }

    fn end(&mut self, name: &LocalName) {
        if self.count.get(name).is_none_or(|&n| n == 0) {
            return;
        }
        while let Some(top) = self.open.pop() {
            if let Some(n) = self.count.get_mut(&top) {
                *n -= 1;
            }
            if top == *name {
                break;
            }
        }
    }
}

/// A link written in raw HTML: `href` of `<a>`, `src` of `<img>`, as a browser reads the value
/// (character references decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawLink {
    /// 0-based line within the inspected fragment (where the tag ends).
    pub line: u32,
    /// `<img src>`, not `<a href>`.
    pub image: bool,
    pub value: String,
}

/// The attribute holding the link of raw HTML element `element`, if it has one that pages
/// rewrite (`srcset` is left as written: one attribute holding many URLs).
pub fn link_attribute(element: &str) -> Option<&'static str> {
    match element {
        "a" => Some("href"),
        "img" => Some("src"),
        _ => None,
    }
}

/// What [`clean`] would remove from the raw HTML `fragment`, tag by tag, with its line; `depth`
/// goes on counting from the fragments before. The ids that stay (`id` of a kept element, `name`
/// of `<a>`: what a link's `#fragment` can reach) are added to `anchors`, the links of kept
/// elements (see [`link_attribute`]) to `links`.
pub fn inspect(
    fragment: &str,
    depth: &mut Depth,
    anchors: &mut Vec<String>,
    links: &mut Vec<RawLink>,
) -> Vec<Removal> {
    let sink = Inspector {
        found: RefCell::default(),
        depth: RefCell::new(std::mem::take(depth)),
        anchors: RefCell::new(std::mem::take(anchors)),
        links: RefCell::new(std::mem::take(links)),
    };
    let input = BufferQueue::default();
    input.push_back(fragment.into());
    let tokenizer = Tokenizer::new(sink, Default::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    *depth = tokenizer.sink.depth.into_inner();
    *anchors = tokenizer.sink.anchors.into_inner();
    *links = tokenizer.sink.links.into_inner();
    tokenizer.sink.found.into_inner()
}

struct Inspector {
    found: RefCell<Vec<Removal>>,
    depth: RefCell<Depth>,
    anchors: RefCell<Vec<String>>,
    links: RefCell<Vec<RawLink>>,
}

impl TokenSink for Inspector {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            self.depth.borrow_mut().end(&tag.name);
            return TokenSinkResult::Continue;
        }
        self.depth.borrow_mut().start(&tag.name);
        let line = u32::try_from(line.saturating_sub(1)).unwrap_or(u32::MAX);
        let mut found = self.found.borrow_mut();
        let mut say = |what: String| found.push(Removal { line, what });
        let name = &*tag.name;
        if DROPPED_WITH_CONTENT.contains(&name) {
            say(format!("`<{name}>` element and its content"));
        } else if !TAGS.contains(&name) {
            say(format!("`<{name}>` element (its text is kept)"));
        } else {
            let attrs = tag.attrs.iter().map(|a| (&*a.name.local, &*a.value));
            for what in removed_attributes(name, attrs) {
                say(what);
            }
            let mut anchors = self.anchors.borrow_mut();
            for a in &tag.attrs {
                let kept = match &*a.name.local {
                    "id" => true,
                    "name" => name == "a",
                    _ => false,
                };
                if kept && !a.value.is_empty() {
                    anchors.push(a.value.to_string());
                }
            }
            if let Some(attribute) = link_attribute(name) {
                // The tokenizer keeps the first of attributes written twice, as browsers do.
                if let Some(a) = tag.attrs.iter().find(|a| &*a.name.local == attribute) {
                    self.links.borrow_mut().push(RawLink {
                        line,
                        image: name == "img",
                        value: a.value.to_string(),
                    });
                }
            }
        }
        // What follows these start tags is text to a browser, not markup.
        match name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }
}

/// What [`clean`] removes of the attributes of a kept element `name`, one description each
/// (`` `onclick` event handler of `<h1>` ``).
pub fn removed_attributes<'v>(
    name: &str,
    attrs: impl IntoIterator<Item = (&'v str, &'v str)>,
) -> Vec<String> {
    let own = TAG_ATTRIBUTES
        .iter()
        .find(|(t, _)| *t == name)
        .map_or(&[][..], |(_, a)| *a);
    let mut out = Vec::new();
    for (attribute, value) in attrs {
        // As a browser reads it: `onClick` is `onclick`.
        let attribute = attribute.to_ascii_lowercase();
        let attribute = attribute.as_str();
        if attribute == "class" {
            continue;
        }
        let why = if !GENERIC_ATTRIBUTES.contains(&attribute) && !own.contains(&attribute) {
            if attribute.starts_with("on") {
                "`{}` event handler"
            } else {
                "`{}` attribute"
            }
        } else if matches!(attribute, "href" | "src" | "srcset" | "cite")
            && !keep_value(name, attribute, value)
        {
            match scheme(value) {
                Some(s) if s == "javascript" => "`javascript:` URL in `{}`",
                Some(s) if s == "data" => "`data:` URL in `{}` (only images may be data)",
                _ => "URL of an unsupported kind in `{}`",
            }
        } else {
            continue;
        };
        out.push(format!("{} of `<{name}>`", why.replace("{}", attribute)));
    }
    out
}

fn scheme(url: &str) -> Option<String> {
    Url::parse(url).ok().map(|u| u.scheme().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_shapes_are_counted_as_the_tokenizer_reads_tags() {
        let shape = |s: &str| {
            let t = tag_shape(s);
            (t.most_attributes, t.unfinished)
        };
        assert_eq!(shape("<p align=\"center\">x</p>"), (1, false));
        assert_eq!(
            shape("<img src=x width = 10 alt='a > b' hidden>"),
            (4, false)
        );
        // `>` inside quoted values does not end the tag; attributes between them count.
        assert_eq!(shape("<div a=\">\" b=\">\" c d>"), (4, false));
        assert_eq!(shape("<!-- <a b c d> --><br/>"), (0, false));
        assert_eq!(shape("a < b and <3"), (0, false));
        assert_eq!(shape("<div\n  align=\"center\""), (1, true));
        assert_eq!(shape("</div >"), (0, false));
        let many: String = (0..300).map(|i| format!(" a{i}")).collect();
        assert_eq!(shape(&format!("<b{many}>")), (300, false));
    }

    fn inspect_one(fragment: &str) -> Vec<Removal> {
        inspect(
            fragment,
            &mut Depth::default(),
            &mut Vec::new(),
            &mut Vec::new(),
        )
    }

    #[test]
    fn depth_is_counted_across_fragments_as_a_browser_nests() {
        let mut depth = Depth::default();
        inspect(
            "<div><section>\n<p>a<p>b<br><img src=x>",
            &mut depth,
            &mut Vec::new(),
            &mut Vec::new(),
        );
        assert_eq!(depth.max, 2, "p, br and img do not nest");
        // A stray end tag closes nothing; one of an open element closes up to it.
        inspect(
            "</span></b><div><div><div>",
            &mut depth,
            &mut Vec::new(),
            &mut Vec::new(),
        );
        assert_eq!(depth.max, 5);
        inspect(
            "</section><div>",
            &mut depth,
            &mut Vec::new(),
            &mut Vec::new(),
        );
        assert_eq!((depth.open.len(), depth.max), (2, 5));
        // Text of a script is not markup.
        inspect(
            "<script>'<div><div><div><div>'</script>",
            &mut depth,
            &mut Vec::new(),
            &mut Vec::new(),
        );
        assert_eq!((depth.open.len(), depth.max), (2, 5));
    }

    #[test]
    fn removes_script_handlers_and_unsafe_urls() {
        let dirty = concat!(
            "<p align=\"center\">Hi<script>alert(1)</script></p>",
            "<img src=x onerror=\"alert(2)\" width=\"40\">",
            "<a href=\"javascript:alert(3)\" id=\"top\" name=\"top\">x</a>",
            "<a href=\" JaVa\tScRiPt:alert(4)\">y</a>",
            "<iframe src=\"https://evil.example\">fallback</iframe>",
            "<div style=\"position:fixed\" onclick=\"x()\">d</div>",
            "<form action=\"https://evil.example\"><input type=\"text\" name=\"pw\"></form>",
            "<a href=\"data:text/html,<script>alert(5)</script>\">d</a>",
            "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"ok\">",
            "<details open><summary>More</summary><kbd>Ctrl</kbd><sup>1</sup><sub>2</sub><br></details>",
        );
        let clean = clean(dirty);
        for gone in [
            "script",
            "alert",
            "onerror",
            "onclick",
            "javascript",
            "JaVa",
            "iframe",
            "fallback",
            "style=",
            "<form",
            "data:text",
            "name=\"pw\"",
            "type=\"text\"",
        ] {
            assert!(!clean.contains(gone), "{gone} left in {clean}");
        }
        for kept in [
            "<p align=\"center\">Hi</p>",
            "<img src=\"x\" width=\"40\">",
            "<a id=\"top\" name=\"top\">x</a>",
            "<div>d</div>",
            "src=\"data:image/png;base64,iVBORw0KGgo=\"",
            "<details open=\"\"><summary>More</summary><kbd>Ctrl</kbd><sup>1</sup><sub>2</sub><br></details>",
        ] {
            assert!(clean.contains(kept), "{kept} missing from {clean}");
        }
    }

    #[test]
    fn inspect_says_what_clean_removes_and_where() {
        let found = inspect_one(
            "<p>\n<img src=x onerror=\"alert(1)\">\n<script>if (a<b) { x('<img onload=y>') }</script>\n<a href=\"javascript:go()\">x</a> <center>c</center>\n",
        );
        let got: Vec<(u32, &str)> = found.iter().map(|r| (r.line, r.what.as_str())).collect();
        assert_eq!(
            got,
            [
                (1, "`onerror` event handler of `<img>`"),
                (2, "`<script>` element and its content"),
                (3, "`javascript:` URL in `href` of `<a>`"),
                (3, "`<center>` element (its text is kept)"),
            ]
        );
        assert!(
            inspect_one("<div align=\"center\"><img src=\"logo.png\" width=\"100\"></div>")
                .is_empty()
        );
        assert!(inspect_one("<!-- a comment --><br/>").is_empty());
    }

    #[test]
    fn the_renderers_own_markup_survives() {
        let ours = concat!(
            "<h2 id=\"scope\">Scope</h2>\n",
            "<p><a href=\"../policies/a.html#x\" title=\"t\">a</a> <span class=\"broken-link\" title=\"why\">b</span></p>\n",
            "<ul>\n<li><input type=\"checkbox\" disabled=\"\" checked=\"\" aria-label=\"done\"> done</li>\n</ul>\n",
            "<blockquote class=\"markdown-alert-note\">\n<p>hi</p>\n</blockquote>\n",
            "<div class=\"markdown-alert markdown-alert-note\">\n<p class=\"markdown-alert-title\">Note</p>\n<p>hi</p>\n</div>\n",
            "<pre class=\"mermaid-source\">graph TD; A--&gt;B</pre>\n",
            "<table><thead><tr><th style=\"text-align:center\">a</th></tr></thead><tbody>\n<tr><td style=\"text-align:right\">1</td></tr>\n</tbody></table>\n",
            "<p>f<sup class=\"footnote-reference\"><a href=\"#d--1\">1</a></sup></p>\n",
            "<div class=\"footnote-definition\" id=\"d--1\"><sup class=\"footnote-definition-label\">1</sup>\n<p>n</p>\n</div>\n",
            "<pre class=\"hl-code\"><code class=\"language-rust\"><span class=\"hl-source hl-rust\">fn</span>\n</code></pre>\n",
            "<p><img src=\"img/a.png\" alt=\"a\"></p>\n",
        );
        assert_eq!(clean(ours), ours);
    }
}
