//! The built-in theme (templates and assets embedded in the binary), overridable file by file
//! from `<content root>/theme/templates/*.hbs` and `<content root>/theme/assets/*`.
//!
//! Partials that include each other, directly or not, are refused when the theme loads (see
//! [`partial_cycle`]): Handlebars would recurse until the stack overflows, which
//! aborts the process.

use crate::error::Error;
use handlebars::template::{Parameter, TemplateElement};
use handlebars::{Handlebars, JsonRender, Path as JsonPath, Template};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

const TEMPLATES: &[(&str, &str)] = &[
    ("layout", include_str!("../../theme/templates/layout.hbs")),
    (
        "findings",
        include_str!("../../theme/templates/findings.hbs"),
    ),
    ("index", include_str!("../../theme/templates/index.hbs")),
    (
        "index-row",
        include_str!("../../theme/templates/index-row.hbs"),
    ),
    (
        "documents",
        include_str!("../../theme/templates/documents.hbs"),
    ),
    (
        "documents-row",
        include_str!("../../theme/templates/documents-row.hbs"),
    ),
    (
        "document",
        include_str!("../../theme/templates/document.hbs"),
    ),
    (
        "controls",
        include_str!("../../theme/templates/controls.hbs"),
    ),
    ("control", include_str!("../../theme/templates/control.hbs")),
    (
        "frameworks",
        include_str!("../../theme/templates/frameworks.hbs"),
    ),
    (
        "framework",
        include_str!("../../theme/templates/framework.hbs"),
    ),
    (
        "framework-control",
        include_str!("../../theme/templates/framework-control.hbs"),
    ),
    ("matrix", include_str!("../../theme/templates/matrix.hbs")),
    (
        "matrix-row",
        include_str!("../../theme/templates/matrix-row.hbs"),
    ),
    (
        "mapped-controls",
        include_str!("../../theme/templates/mapped-controls.hbs"),
    ),
    ("soa", include_str!("../../theme/templates/soa.hbs")),
    ("soa-row", include_str!("../../theme/templates/soa-row.hbs")),
    (
        "exceptions",
        include_str!("../../theme/templates/exceptions.hbs"),
    ),
    ("risks", include_str!("../../theme/templates/risks.hbs")),
    ("risk", include_str!("../../theme/templates/risk.hbs")),
    ("reviews", include_str!("../../theme/templates/reviews.hbs")),
    (
        "reviews-row",
        include_str!("../../theme/templates/reviews-row.hbs"),
    ),
    ("owners", include_str!("../../theme/templates/owners.hbs")),
    (
        "owners-row",
        include_str!("../../theme/templates/owners-row.hbs"),
    ),
    ("print", include_str!("../../theme/templates/print.hbs")),
    (
        "print-soa-row",
        include_str!("../../theme/templates/print-soa-row.hbs"),
    ),
    (
        "print-document",
        include_str!("../../theme/templates/print-document.hbs"),
    ),
];

const ASSETS: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../theme/assets/style.css")),
    (
        "ismsbook.js",
        include_bytes!("../../theme/assets/ismsbook.js"),
    ),
    (
        "diagrams.js",
        include_bytes!("../../theme/assets/diagrams.js"),
    ),
    // Mermaid, vendored (theme/assets/vendor/update-mermaid.sh says how it is updated): sites
    // are read on intranets and from file://, where no CDN answers.
    (
        "mermaid.min.js",
        include_bytes!("../../theme/assets/vendor/mermaid.min.js"),
    ),
    (
        "mermaid.LICENSE.txt",
        include_bytes!("../../theme/assets/vendor/MERMAID-LICENSE"),
    ),
];

/// Assets only pages with a Mermaid diagram load: written only when a page has one (Mermaid
/// is 5.7 MB).
const DIAGRAM_ASSETS: &[&str] = &["diagrams.js", "mermaid.min.js", "mermaid.LICENSE.txt"];

/// How a page template wraps itself in the layout; [`Theme::load`] takes the wrapper off so a
/// page renders in two stages (see [`Theme::render_page`]).
const WRAP_OPEN: &str = "{{#> layout}}{{#*inline \"content\"}}";
const WRAP_CLOSE: &str = "{{/inline}}{{/layout}}";

pub struct Theme {
    pub registry: Handlebars<'static>,
    /// The interface language: `{{t "key"}}` in templates, labels in view models.
    pub lang: std::sync::Arc<crate::i18n::Lang>,
    /// Page templates whose layout wrapper was taken off: rendered, then put in the layout.
    unwrapped: std::collections::HashSet<&'static str>,
    /// `theme/templates/layout.hbs` replaces the built-in layout: every page renders it
    /// (a [`LayoutFrame`] is only made of the built-in one, whose values are known).
    own_layout: bool,
    /// Assets to write under `assets/`: built-in ones (possibly overridden) plus extra files.
    /// Built-in ones stay borrowed from the binary: Mermaid alone is 5.7 MB.
    pub assets: Vec<(String, Cow<'static, [u8]>)>,
}

impl Theme {
    /// Loads the theme in `language` (`en`, `de`, `de-CH`…); `overrides` is
    /// `<content root>/theme` (absent is fine), whose `locales/<language>.ftl` is read over the
    /// built-in words.
    pub fn load(overrides: &Path, language: &str) -> Result<Theme, Error> {
        let lang = std::sync::Arc::new(crate::i18n::Lang::load(
            language,
            Some(&overrides.join("locales")),
        )?);
        let own_layout = read_own_file(&overrides.join("templates/layout.hbs"))?.is_some();
        let mut registry = Handlebars::new();
        // A typo in a template must fail the build, not render an empty string.
        registry.set_strict_mode(true);
        registry.register_escape_fn(super::escape::handlebars);
        registry.register_helper("t", Box::new(Translate(lang.clone())));
        let tpl_dir = overrides.join("templates");
        let mut texts = Vec::with_capacity(TEMPLATES.len());
        for (name, builtin) in TEMPLATES {
            let file = tpl_dir.join(format!("{name}.hbs"));
            let (text, origin) = match read_own_file(&file)? {
                Some(bytes) => (text_of(&file, bytes)?, file.display().to_string()),
                None => ((*builtin).to_owned(), format!("built-in {name}.hbs")),
            };
            let text = inline_words(&text, &lang)
                .map_err(|e| Error::Template(format!("{origin}: {e}")))?;
            refuse_escaped_place(&origin, &text)?;
            texts.push((*name, text, origin));
        }
        // Handlebars deep-copies the whole page context into every partial call and the
        // values looked up inside it: rendering a page's content first and handing the layout
        // the finished HTML halves the templates' work (measured with callgrind). The findings
        // partial is written into the pages that include it, for the same reason. Templates
        // keep the documented `{{#> layout}}` form; the rewrite happens here.
        // Both rewrites keep every line where it was, so template errors name the right line.
        let findings = texts
            .iter()
            .find(|(n, _, _)| *n == "findings")
            .map(|(_, t, _)| t.replace('\n', " "))
            .unwrap_or_default();
        let mut unwrapped = std::collections::HashSet::new();
        // Pages as written, before `findings` was copied into them: a cycle through
        // `findings` is reported with the names the author wrote.
        let mut as_written: Vec<(&str, String)> = Vec::new();
        for (name, mut text, origin) in texts {
            if name == "layout" {
                text = text.replace("{{> content}}", "{{{content}}}");
            } else if let Some(inner) = unwrap(&text) {
                text = inner.replace("{{> findings}}", &findings);
                if text != inner {
                    as_written.push((name, inner));
                }
                unwrapped.insert(name);
            }
            registry
                .register_template_string(name, text)
                .map_err(|e| Error::Template(format!("{origin}: {e}")))?;
        }
        // Extra partials a user's templates may include.
        if let Ok(entries) = std::fs::read_dir(&tpl_dir) {
            for entry in entries.flatten() {
                let path = entry.path();
                let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
                    continue;
                };
                if path.extension().is_some_and(|x| x == "hbs")
                    && !TEMPLATES.iter().any(|(n, _)| *n == name)
                {
                    let Some(bytes) = read_own_file(&path)? else {
                        continue;
                    };
                    let text = inline_words(&text_of(&path, bytes)?, &lang)
                        .map_err(|e| Error::Template(format!("{}: {e}", path.display())))?;
                    refuse_escaped_place(&path.display().to_string(), &text)?;
                    registry
                        .register_template_string(name, text)
                        .map_err(|e| Error::Template(format!("{}: {e}", path.display())))?;
                }
            }
        }
        if let Some(cycle) = partial_cycle(&registry, &HashMap::new()) {
            // Compiling the pages again as written costs 40% of a theme load (measured), so
            // only to name a cycle; the check itself takes microseconds.
            let as_written: HashMap<&str, Template> = as_written
                .iter()
                .filter_map(|(name, text)| Some((*name, Template::compile(text).ok()?)))
                .collect();
            let cycle = partial_cycle(&registry, &as_written).unwrap_or(cycle);
            return Err(Error::Template(cycle));
        }
        let asset_dir = overrides.join("assets");
        let mut assets: Vec<(String, Cow<'static, [u8]>)> = Vec::new();
        for (name, builtin) in ASSETS {
            let file = asset_dir.join(name);
            let bytes = match read_own_file(&file)? {
                Some(own) => Cow::Owned(own),
                None => Cow::Borrowed(*builtin),
            };
            assets.push(((*name).to_owned(), bytes));
        }
        if let Ok(entries) = std::fs::read_dir(&asset_dir) {
            for entry in entries.flatten() {
                let path = entry.path();
                let Some(name) = path.file_name().and_then(|s| s.to_str()) else {
                    continue;
                };
                if !ASSETS.iter().any(|(n, _)| *n == name) && !name.starts_with('.') {
                    if let Some(bytes) = read_own_file(&path)? {
                        assets.push((name.to_owned(), Cow::Owned(bytes)));
                    }
                }
            }
        }
        Ok(Theme {
            registry,
            lang,
            unwrapped,
            own_layout,
            assets,
        })
    }

    /// The assets a site writes: those for diagrams only if it has one.
    pub fn assets_to_write(
        &self,
        diagrams: bool,
    ) -> impl Iterator<Item = &(String, Cow<'static, [u8]>)> {
        self.assets
            .iter()
            .filter(move |(name, _)| diagrams || !DIAGRAM_ASSETS.contains(&name.as_str()))
    }

    pub fn render<T: serde::Serialize>(&self, template: &str, data: &T) -> Result<String, Error> {
        self.registry
            .render(template, data)
            .map_err(|e| Error::Template(format!("{template}.hbs: {e}")))
    }

    /// A page: its content template with the whole page data, then the layout with `shell`
    /// (site, root, page URL and title) and the content's HTML. A template that does not use
    /// the layout renders on its own. The built-in layout is filled in from `frames`.
    pub fn render_page<T: serde::Serialize>(
        &self,
        template: &str,
        data: &T,
        shell: &Shell<'_>,
        frames: &Frames,
    ) -> Result<String, Error> {
        let content = self.render(template, data)?;
        if !self.unwrapped.contains(template) {
            return Ok(content);
        }
        if let Some(frame) = self.frame(shell, frames)? {
            return Ok(frame.fill(shell, &content));
        }
        self.render(
            "layout",
            &Layout {
                shell,
                content: &content,
            },
        )
    }

    /// The built-in layout for pages at `shell.root`, from `frames` or rendered now; `None`
    /// for a theme's own layout, whose values may be used other than as text.
    fn frame(&self, shell: &Shell<'_>, frames: &Frames) -> Result<Option<Arc<LayoutFrame>>, Error> {
        if self.own_layout {
            return Ok(None);
        }
        let mut known = frames
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(frame) = known.get(shell.root) {
            return Ok(frame.clone());
        }
        let marked = self.render(
            "layout",
            &Layout {
                shell: &Shell {
                    site: shell.site,
                    root: shell.root,
                    page_url: MARK_URL,
                    page_title: MARK_TITLE,
                },
                content: MARK_CONTENT,
            },
        )?;
        let frame = LayoutFrame::parse(&marked).map(Arc::new);
        known.insert(shell.root.to_owned(), frame.clone());
        Ok(frame)
    }
}

/// A template that writes a value named `…_html` with two braces: the HTML would show as text.
fn refuse_escaped_place(origin: &str, text: &str) -> Result<(), Error> {
    match super::parts::escaped_place(text) {
        Some((line, place)) => Err(Error::Template(format!(
            "{origin}:{line}: `{place}` writes HTML as escaped text (a list's rows, a body): write it with three braces, `{{{place}}}`"
        ))),
        None => Ok(()),
    }
}

/// What the layout around a page's content sees.
#[derive(serde::Serialize)]
pub struct Shell<'a> {
    pub site: &'a super::site::SiteInfo,
    pub root: &'a str,
    pub page_url: &'a str,
    pub page_title: &'a str,
}

/// Where the page's own values go in a [`LayoutFrame`]: private-use characters, which no
/// escaping changes and no template of ours writes.
const MARK_TITLE: &str = "\u{E000}ismsbook:title\u{E000}";
const MARK_URL: &str = "\u{E000}ismsbook:url\u{E000}";
const MARK_CONTENT: &str = "\u{E000}ismsbook:content\u{E000}";

/// The built-in layout, rendered once per build and folder depth with marks where a page's
/// title, URL and content go: filling it in is a few copies, where rendering it for every page
/// made the whole page's HTML a template value and copied it twice (the site's title and date
/// are in it, so frames live as long as one build's [`Frames`]).
pub struct LayoutFrame {
    pieces: Vec<Piece>,
}

enum Piece {
    Text(String),
    Title,
    Url,
    Content,
}

impl LayoutFrame {
    /// The pieces of a layout rendered with the marks; `None` unless the content goes in once.
    fn parse(marked: &str) -> Option<LayoutFrame> {
        let mut pieces = Vec::new();
        let mut rest = marked;
        let marks = [MARK_TITLE, MARK_URL, MARK_CONTENT];
        loop {
            let next = marks
                .iter()
                .filter_map(|m| rest.find(m).map(|at| (at, *m)))
                .min_by_key(|(at, _)| *at);
            let Some((at, mark)) = next else {
                pieces.push(Piece::Text(rest.to_owned()));
                break;
            };
            pieces.push(Piece::Text(rest[..at].to_owned()));
            pieces.push(match mark {
                MARK_TITLE => Piece::Title,
                MARK_URL => Piece::Url,
                _ => Piece::Content,
            });
            rest = &rest[at + mark.len()..];
        }
        let contents = pieces
            .iter()
            .filter(|p| matches!(p, Piece::Content))
            .count();
        (contents == 1).then_some(LayoutFrame { pieces })
    }

    /// The page: the frame with `shell`'s title and URL (escaped as Handlebars escapes them)
    /// and `content`, in one allocation.
    fn fill(&self, shell: &Shell<'_>, content: &str) -> String {
        let title = super::escape::handlebars(shell.page_title);
        let url = super::escape::handlebars(shell.page_url);
        let piece = |p: &'_ Piece| -> usize {
            match p {
                Piece::Text(t) => t.len(),
                Piece::Title => title.len(),
                Piece::Url => url.len(),
                Piece::Content => content.len(),
            }
        };
        let mut out = String::with_capacity(self.pieces.iter().map(piece).sum());
        for p in &self.pieces {
            out.push_str(match p {
                Piece::Text(t) => t,
                Piece::Title => &title,
                Piece::Url => &url,
                Piece::Content => content,
            });
        }
        out
    }
}

/// One build's [`LayoutFrame`]s, by the pages' way up to the site's root (`""`, `"../"`, …).
#[derive(Default)]
pub struct Frames(std::sync::Mutex<HashMap<String, Option<Arc<LayoutFrame>>>>);

/// `{{t "key"}}` without arguments becomes the text itself when the theme loads: the language
/// is fixed for the build, and a layout's two dozen words would otherwise cost a helper call
/// each on every page. A key no language file has is an error here, with the line it is on.
fn inline_words(text: &str, lang: &crate::i18n::Lang) -> Result<String, String> {
    const OPEN: &str = "{{t \"";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        let (before, call) = rest.split_at(at);
        out.push_str(before);
        let after = &call[OPEN.len()..];
        let Some(end) = after.find('"') else {
            out.push_str(call);
            rest = "";
            break;
        };
        let key = &after[..end];
        if !lang.has(key) {
            let line = text[..text.len() - rest.len() + at].matches('\n').count() + 1;
            return Err(format!(
                "line {line}: no text for `{key}` in theme/locales (add `{key} = …` to theme/locales/{}.ftl)",
                lang.tag()
            ));
        }
        match after[end + 1..].strip_prefix("}}") {
            // `{{t "key"}}`: the text, escaped as Handlebars would escape it (and its braces,
            // so a translation can never read as a template expression).
            Some(tail) => {
                out.push_str(&super::escape::handlebars(&lang.text(key)).replace('{', "&#123;"));
                rest = tail;
            }
            // With arguments: the helper formats it on each render.
            None => {
                out.push_str(&call[..OPEN.len() + end + 1]);
                rest = &after[end + 1..];
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// `{{t "key" n=3 date=…}}`: a text of the interface language with arguments (numbers choose
/// the plural form). Escaped like any `{{value}}`.
struct Translate(std::sync::Arc<crate::i18n::Lang>);

impl handlebars::HelperDef for Translate {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &handlebars::Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc handlebars::Context,
        _: &mut handlebars::RenderContext<'reg, 'rc>,
    ) -> Result<handlebars::ScopedJson<'rc>, handlebars::RenderError> {
        let key = h.param(0).and_then(|p| p.value().as_str()).ok_or_else(|| {
            handlebars::RenderErrorReason::Other(
                "t: the first parameter is the text's key, in quotes".into(),
            )
        })?;
        if !self.0.has(key) {
            return Err(handlebars::RenderErrorReason::Other(format!(
                "t: no text for `{key}` in theme/locales"
            ))
            .into());
        }
        let mut args = fluent_bundle::FluentArgs::new();
        for (name, value) in h.hash() {
            match value.value() {
                serde_json::Value::Number(n) => match n.as_i64() {
                    Some(i) => args.set(*name, i),
                    None => args.set(*name, n.as_f64().unwrap_or_default()),
                },
                serde_json::Value::String(s) => args.set(*name, s.clone()),
                serde_json::Value::Null => args.set(*name, ""),
                other => args.set(*name, other.render()),
            }
        }
        Ok(handlebars::ScopedJson::Derived(serde_json::Value::String(
            self.0.fmt(key, &args),
        )))
    }
}

/// A node of the include graph: a registered template, or an inline partial
/// (`{{#*inline "name"}}`) defined in one.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Partial {
    Template(String),
    Inline { template: String, name: String },
}

impl std::fmt::Display for Partial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Partial::Template(name) => write!(f, "{name}.hbs"),
            Partial::Inline { template, name } => write!(f, "inline \"{name}\" in {template}.hbs"),
        }
    }
}

/// The partial calls found in templates, before they are resolved to nodes.
#[derive(Default)]
struct Calls {
    nodes: Vec<Partial>,
    index: HashMap<Partial, usize>,
    /// (calling node, template the call is written in, partial name)
    calls: Vec<(usize, String, String)>,
    /// Templates holding a partial call whose name is computed while rendering.
    computed: Vec<String>,
}

impl Calls {
    fn node(&mut self, partial: Partial) -> usize {
        if let Some(&i) = self.index.get(&partial) {
            return i;
        }
        self.nodes.push(partial.clone());
        self.index.insert(partial, self.nodes.len() - 1);
        self.nodes.len() - 1
    }

    /// Walks `elements` of `template`, inside node `from`. Partial calls may sit in any block
    /// (`if`, `each`, `else` branches) and in the body of a partial block, which Handlebars
    /// renders before the partial itself, as the caller; an inline partial's body belongs to
    /// the inline partial, rendered when it is called.
    fn walk(&mut self, elements: &[TemplateElement], template: &str, from: usize) {
        for element in elements {
            match element {
                TemplateElement::PartialExpression(d) | TemplateElement::PartialBlock(d) => {
                    // A computed name (`{{> (lookup …)}}`) is only known while rendering: a
                    // cycle through one could not be found here, and Handlebars has no depth
                    // limit to fall back on (the stack overflows), so such calls are refused.
                    match static_name(&d.name) {
                        // `@partial-block` writes the caller's already rendered block.
                        Some(name) if name == "@partial-block" => {}
                        Some(name) => self.calls.push((from, template.to_owned(), name)),
                        None => self.computed.push(template.to_owned()),
                    }
                    if let Some(body) = &d.template {
                        self.walk(&body.elements, template, from);
                    }
                }
                TemplateElement::DecoratorBlock(d) => {
                    let inline = matches!(&d.name, Parameter::Name(n) if n == "inline");
                    // Handlebars takes an inline partial's name from a string literal only.
                    let name = match d.params.first() {
                        Some(Parameter::Literal(serde_json::Value::String(name))) => Some(name),
                        _ => None,
                    };
                    match (inline, name, &d.template) {
                        (true, Some(name), Some(body)) => {
                            let node = self.node(Partial::Inline {
                                template: template.to_owned(),
                                name: name.clone(),
                            });
                            self.walk(&body.elements, template, node);
                        }
                        (_, _, Some(body)) => self.walk(&body.elements, template, from),
                        _ => {}
                    }
                }
                TemplateElement::HelperBlock(h) => {
                    for body in [&h.template, &h.inverse].into_iter().flatten() {
                        self.walk(&body.elements, template, from);
                    }
                }
                _ => {}
            }
        }
    }
}

/// A partial's name as Handlebars looks it up (`{{> a}}`, `{{> dir/a}}`; quotes and brackets,
/// as in `{{> 'a'}}`, are part of the name it looks for); `None` when it is computed while
/// rendering.
fn static_name(name: &Parameter) -> Option<String> {
    match name {
        Parameter::Name(n) => Some(n.clone()),
        Parameter::Path(JsonPath::Relative((_, raw)) | JsonPath::Local((_, _, raw))) => {
            Some(raw.clone())
        }
        Parameter::Literal(json) => Some(json.render()),
        _ => None,
    }
}

/// The message refusing a theme whose partials include each other, directly or through others,
/// naming the cycle (`a.hbs -> b.hbs -> a.hbs`); `None` without one. Templates in `as_written`
/// are analysed in place of their registered version (pages before `findings` was copied into
/// them: the same calls, under the names the author wrote).
///
/// A call resolves as Handlebars resolves it: to an inline partial of that name in the same
/// template, else to the registered template and to inline partials of that name in other
/// templates (an inline partial is visible to the partials its template calls, and takes
/// precedence). Every call counts, even one behind a condition or in a partial no page uses:
/// recursion over nested data is not supported (Handlebars itself refuses a template including
/// itself).
fn partial_cycle(
    registry: &Handlebars<'_>,
    as_written: &HashMap<&str, Template>,
) -> Option<String> {
    let mut names: Vec<&String> = registry.get_templates().keys().collect();
    // Sorted, so that the same theme always reports the same cycle.
    names.sort();
    let mut graph = Calls::default();
    for name in &names {
        let template = as_written
            .get(name.as_str())
            .or_else(|| registry.get_template(name));
        let node = graph.node(Partial::Template((*name).clone()));
        if let Some(template) = template {
            graph.walk(&template.elements, name, node);
        }
    }
    if let Some(template) = graph.computed.first() {
        return Some(format!(
            "{template}.hbs includes a partial whose name is computed while rendering \
             (`{{{{> (…)}}}}`); name the partial instead (`{{{{> name}}}}`), so that ismsbook can \
             check that partials never include each other, which would crash the build"
        ));
    }
    let mut inlines: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, node) in graph.nodes.iter().enumerate() {
        if let Partial::Inline { name, .. } = node {
            inlines.entry(name).or_default().push(i);
        }
    }
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); graph.nodes.len()];
    for (from, template, name) in &graph.calls {
        let local = Partial::Inline {
            template: template.clone(),
            name: name.clone(),
        };
        let targets: Vec<usize> = match graph.index.get(&local) {
            Some(&inline) => vec![inline],
            None => graph
                .index
                .get(&Partial::Template(name.clone()))
                .into_iter()
                .chain(inlines.get(name.as_str()).into_iter().flatten())
                .copied()
                .collect(),
        };
        for target in targets {
            if !edges[*from].contains(&target) {
                edges[*from].push(target);
            }
        }
    }
    let cycle = find_cycle(&edges)?;
    let path = cycle
        .iter()
        .chain(cycle.first())
        .map(|&i| graph.nodes[i].to_string())
        .collect::<Vec<_>>()
        .join(" -> ");
    let what = if cycle.len() == 1 {
        "partial includes itself"
    } else {
        "partials include each other"
    };
    Some(format!(
        "{what}: {path}; rendering would never end. Remove one of these {{{{> …}}}} includes \
         (in theme/templates)"
    ))
}

/// The nodes of a cycle in order (the first one closes it), if there is one. Depth-first
/// without recursion, so that even a long chain of partials cannot overflow the stack here.
fn find_cycle(edges: &[Vec<usize>]) -> Option<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    let mut state = vec![State::New; edges.len()];
    for start in 0..edges.len() {
        if state[start] != State::New {
            continue;
        }
        // (node, index of its next edge to follow)
        let mut stack = vec![(start, 0)];
        state[start] = State::Open;
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            match edges[node].get(*next) {
                Some(&target) => {
                    *next += 1;
                    match state[target] {
                        State::Open => {
                            let at = stack.iter().position(|(n, _)| *n == target)?;
                            return Some(stack[at..].iter().map(|(n, _)| *n).collect());
                        }
                        State::New => {
                            state[target] = State::Open;
                            stack.push((target, 0));
                        }
                        State::Done => {}
                    }
                }
                None => {
                    state[node] = State::Done;
                    stack.pop();
                }
            }
        }
    }
    None
}

/// A page template without its `{{#> layout}}{{#*inline "content"}}` … wrapper, the lines
/// before its content kept as empty lines.
fn unwrap(text: &str) -> Option<String> {
    let lead = text.len() - text.trim_start().len();
    let body = text.trim_end();
    let inner = body[lead..]
        .strip_prefix(WRAP_OPEN)?
        .strip_suffix(WRAP_CLOSE)?;
    Some(format!(
        "{}{inner}{}",
        "\n".repeat(text[..lead].matches('\n').count()),
        &text[body.len()..]
    ))
}

#[derive(serde::Serialize)]
struct Layout<'a, S: serde::Serialize> {
    #[serde(flatten)]
    shell: &'a S,
    content: &'a str,
}

/// Reads a theme override: `None` when absent (or a folder). A symlink is refused, since
/// following one would publish whatever it points at on the build machine.
fn read_own_file(path: &Path) -> Result<Option<Vec<u8>>, Error> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, e)),
        Ok(m) if m.file_type().is_symlink() => Err(Error::Template(format!(
            "{} is a symbolic link; theme files must be regular files inside the content folder",
            path.display()
        ))),
        Ok(m) if !m.is_file() => Ok(None),
        Ok(_) => std::fs::read(path)
            .map(Some)
            .map_err(|e| Error::io(path, e)),
    }
}

fn text_of(path: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(bytes)
        .map_err(|_| Error::Template(format!("{} is not UTF-8 text", path.display())))
}

#[cfg(test)]
mod cycle_tests {
    use super::*;

    fn check(templates: &[(&str, &str)]) -> Result<(), String> {
        let mut registry = Handlebars::new();
        for (name, text) in templates {
            registry
                .register_template_string(name, *text)
                .expect("test template compiles");
        }
        match partial_cycle(&registry, &HashMap::new()) {
            Some(cycle) => Err(Error::Template(cycle).to_string()),
            None => Ok(()),
        }
    }

    #[test]
    fn cycles_are_named() {
        let err = check(&[("p", "{{> a}}"), ("a", "{{> b}}"), ("b", "x{{> a}}")]).unwrap_err();
        assert!(
            err.starts_with("theme: partials include each other: a.hbs -> b.hbs -> a.hbs;"),
            "{err}"
        );
        // A partial block including itself, and an inline partial including itself.
        let err = check(&[("b", "{{#> b}}x{{/b}}")]).unwrap_err();
        assert!(
            err.contains("partial includes itself: b.hbs -> b.hbs"),
            "{err}"
        );
        let err = check(&[("t", "{{#*inline \"p\"}}{{> p}}{{/inline}}{{> p}}")]).unwrap_err();
        assert!(
            err.contains("partial includes itself: inline \"p\" in t.hbs -> inline \"p\" in t.hbs"),
            "{err}"
        );
    }

    #[test]
    fn no_cycle_no_error() {
        // A diamond, a partial block's own `@partial-block`, and an inline partial shadowing a
        // template of the same name.
        check(&[
            ("a", "{{> b}}{{> c}}"),
            ("b", "{{> d}}"),
            ("c", "{{#> d}}{{> @partial-block}}{{/d}}"),
            ("d", "{{> @partial-block}}"),
            ("e", "{{#*inline \"e2\"}}inline{{/inline}}{{> e2}}"),
            ("e2", "{{> e}}"),
        ])
        .unwrap();
    }

    #[test]
    fn computed_partial_names_are_refused() {
        let err = check(&[
            ("f", "{{> f2}}"),
            ("f2", "{{#if x}}{{> (lookup this \"f\")}}{{/if}}"),
        ])
        .unwrap_err();
        assert!(
            err.starts_with(
                "theme: f2.hbs includes a partial whose name is computed while rendering"
            ),
            "{err}"
        );
    }

    #[test]
    fn the_built_in_theme_loads() {
        let theme = Theme::load(Path::new("/nonexistent/ismsbook-theme-test"), "en");
        assert!(theme.is_ok());
    }

    #[test]
    fn a_long_chain_is_walked_without_recursion() {
        let n = 20_000;
        let mut edges: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
        edges.push(Vec::new());
        assert_eq!(find_cycle(&edges), None);
        edges[n].push(0);
        assert_eq!(find_cycle(&edges).map(|c| c.len()), Some(n + 1));
    }
}
