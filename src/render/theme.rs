//! The built-in theme (templates and assets embedded in the binary), overridable file by file
//! from `<content root>/theme/templates/*.hbs` and `<content root>/theme/assets/*`.

use crate::error::Error;
use handlebars::Handlebars;
use std::path::Path;

const TEMPLATES: &[(&str, &str)] = &[
    ("layout", include_str!("../../theme/templates/layout.hbs")),
    (
        "findings",
        include_str!("../../theme/templates/findings.hbs"),
    ),
    ("index", include_str!("../../theme/templates/index.hbs")),
    (
        "documents",
        include_str!("../../theme/templates/documents.hbs"),
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
    ("soa", include_str!("../../theme/templates/soa.hbs")),
    ("reviews", include_str!("../../theme/templates/reviews.hbs")),
    ("owners", include_str!("../../theme/templates/owners.hbs")),
    ("print", include_str!("../../theme/templates/print.hbs")),
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
];

/// How a page template wraps itself in the layout; [`Theme::load`] takes the wrapper off so a
/// page renders in two stages (see [`Theme::render_page`]).
const WRAP_OPEN: &str = "{{#> layout}}{{#*inline \"content\"}}";
const WRAP_CLOSE: &str = "{{/inline}}{{/layout}}";

pub struct Theme {
    pub registry: Handlebars<'static>,
    /// Page templates whose layout wrapper was taken off: rendered, then put in the layout.
    unwrapped: std::collections::HashSet<&'static str>,
    /// Assets to write under `assets/`: built-in ones (possibly overridden) plus extra files.
    pub assets: Vec<(String, Vec<u8>)>,
}

impl Theme {
    /// Loads the theme; `overrides` is `<content root>/theme` (absent is fine).
    pub fn load(overrides: &Path) -> Result<Theme, Error> {
        let mut registry = Handlebars::new();
        // A typo in a template must fail the build, not render an empty string.
        registry.set_strict_mode(true);
        registry.register_escape_fn(escape_html);
        let tpl_dir = overrides.join("templates");
        let mut texts = Vec::with_capacity(TEMPLATES.len());
        for (name, builtin) in TEMPLATES {
            let file = tpl_dir.join(format!("{name}.hbs"));
            texts.push(match read_own_file(&file)? {
                Some(bytes) => (*name, text_of(&file, bytes)?, file.display().to_string()),
                None => (*name, (*builtin).to_owned(), format!("built-in {name}.hbs")),
            });
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
        for (name, mut text, origin) in texts {
            if name == "layout" {
                text = text.replace("{{> content}}", "{{{content}}}");
            } else if let Some(inner) = unwrap(&text) {
                text = inner.replace("{{> findings}}", &findings);
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
                    let text = text_of(&path, bytes)?;
                    registry
                        .register_template_string(name, text)
                        .map_err(|e| Error::Template(format!("{}: {e}", path.display())))?;
                }
            }
        }
        let asset_dir = overrides.join("assets");
        let mut assets: Vec<(String, Vec<u8>)> = Vec::new();
        for (name, builtin) in ASSETS {
            let file = asset_dir.join(name);
            let bytes = read_own_file(&file)?.unwrap_or_else(|| builtin.to_vec());
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
                        assets.push((name.to_owned(), bytes));
                    }
                }
            }
        }
        Ok(Theme {
            registry,
            unwrapped,
            assets,
        })
    }

    pub fn render<T: serde::Serialize>(&self, template: &str, data: &T) -> Result<String, Error> {
        self.registry
            .render(template, data)
            .map_err(|e| Error::Template(format!("{template}.hbs: {e}")))
    }

    /// A page: its content template with the whole page data, then the layout with `shell`
    /// (site, root, page URL and title) and the content's HTML. A template that does not use
    /// the layout renders on its own.
    pub fn render_page<T: serde::Serialize, S: serde::Serialize>(
        &self,
        template: &str,
        data: &T,
        shell: &S,
    ) -> Result<String, Error> {
        let content = self.render(template, data)?;
        if !self.unwrapped.contains(template) {
            return Ok(content);
        }
        self.render(
            "layout",
            &Layout {
                shell,
                content: &content,
            },
        )
    }
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

/// Handlebars' own escaping, character for character, written for speed: its version grows
/// a new string one character at a time for every `{{value}}` of every page (a tenth of the
/// template engine's work, measured with callgrind).
fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'&' => "&amp;",
            b'\'' => "&#x27;",
            b'`' => "&#x60;",
            b'=' => "&#x3D;",
            _ => continue,
        };
        // The escaped bytes are ASCII, so `i` is always on a character boundary.
        out.push_str(&s[plain..i]);
        out.push_str(entity);
        plain = i + 1;
    }
    out.push_str(&s[plain..]);
    out
}

#[cfg(test)]
mod escape_tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_text_escapes_as_handlebars_escapes_it(s in "\\PC*") {
            prop_assert_eq!(super::escape_html(&s), handlebars::html_escape(&s));
        }
    }

    #[test]
    fn escapes_exactly_as_handlebars_does() {
        for s in [
            "",
            "plain",
            "<script>alert('x')</script>",
            "a=b & c \"d\" `e` é ☃ <",
            "&&&&",
            "ends with >",
        ] {
            assert_eq!(super::escape_html(s), handlebars::html_escape(s), "{s}");
        }
    }
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
