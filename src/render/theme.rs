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

pub struct Theme {
    pub registry: Handlebars<'static>,
    /// Assets to write under `assets/`: built-in ones (possibly overridden) plus extra files.
    pub assets: Vec<(String, Vec<u8>)>,
}

impl Theme {
    /// Loads the theme; `overrides` is `<content root>/theme` (absent is fine).
    pub fn load(overrides: &Path) -> Result<Theme, Error> {
        let mut registry = Handlebars::new();
        // A typo in a template must fail the build, not render an empty string.
        registry.set_strict_mode(true);
        let tpl_dir = overrides.join("templates");
        for (name, builtin) in TEMPLATES {
            let file = tpl_dir.join(format!("{name}.hbs"));
            let (text, origin) = match read_own_file(&file)? {
                Some(bytes) => (text_of(&file, bytes)?, file.display().to_string()),
                None => ((*builtin).to_owned(), format!("built-in {name}.hbs")),
            };
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
        Ok(Theme { registry, assets })
    }

    pub fn render<T: serde::Serialize>(&self, template: &str, data: &T) -> Result<String, Error> {
        self.registry
            .render(template, data)
            .map_err(|e| Error::Template(format!("{template}.hbs: {e}")))
    }
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
