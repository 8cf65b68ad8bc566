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
            let (text, origin) = match std::fs::read_to_string(&file) {
                Ok(t) => (t, file.display().to_string()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    ((*builtin).to_owned(), format!("built-in {name}.hbs"))
                }
                Err(e) => return Err(Error::io(&file, e)),
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
                    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
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
            let bytes = match std::fs::read(&file) {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => builtin.to_vec(),
                Err(e) => return Err(Error::io(&file, e)),
            };
            assets.push(((*name).to_owned(), bytes));
        }
        if let Ok(entries) = std::fs::read_dir(&asset_dir) {
            for entry in entries.flatten() {
                let path = entry.path();
                let Some(name) = path.file_name().and_then(|s| s.to_str()) else {
                    continue;
                };
                if path.is_file()
                    && !ASSETS.iter().any(|(n, _)| *n == name)
                    && !name.starts_with('.')
                {
                    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
                    assets.push((name.to_owned(), bytes));
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
