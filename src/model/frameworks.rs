//! The frameworks declared under `[[frameworks]]`, with their catalogs loaded once per run, and
//! how a `controls` entry names one of their controls (`csf:PR.AA-01`).

use crate::config::FrameworkDecl;
use crate::error::Error;
use crate::finding::Finding;
use crate::frameworks::{CatalogError, FrameworkCatalog, CATALOG_LIMIT};
use crate::source::Source;
use std::sync::Arc;

/// One declared framework.
#[derive(Debug, Clone)]
pub struct Framework {
    /// The prefix as declared (`csf`).
    pub id: String,
    /// `name` from `ismsbook.toml`, else the catalog's.
    pub name: String,
    pub catalog: Arc<FrameworkCatalog>,
}

/// Every declared framework, in the order of `ismsbook.toml`.
#[derive(Debug, Clone, Default)]
pub struct Frameworks {
    pub list: Vec<Framework>,
    /// Declared frameworks whose catalog is invalid (`invalid-catalog`): their ids are not judged.
    pub invalid: Vec<String>,
}

impl Frameworks {
    /// The framework whose prefix is `prefix`, ignoring case.
    pub fn get(&self, prefix: &str) -> Option<&Framework> {
        self.list.iter().find(|f| f.id.eq_ignore_ascii_case(prefix))
    }

    /// Whether `prefix` is declared with a catalog that could not be used.
    pub fn is_invalid(&self, prefix: &str) -> bool {
        self.invalid.iter().any(|i| i.eq_ignore_ascii_case(prefix))
    }

    /// The declared prefixes, for messages.
    pub fn ids(&self) -> Vec<&str> {
        self.list.iter().map(|f| f.id.as_str()).collect()
    }

    /// Loads the catalog of every declaration through `source`. A catalog that cannot be read
    /// or is of no supported kind stops the run; an invalid one gives its `invalid-catalog`
    /// findings (in `findings`) and the framework is left out, so its ids are not judged
    /// against a broken catalog.
    pub fn load(
        decls: &[FrameworkDecl],
        source: &dyn Source,
        findings: &mut Vec<Finding>,
    ) -> Result<Frameworks, Error> {
        let mut list = Vec::new();
        let mut invalid = Vec::new();
        // Two frameworks may share a catalog: read and check it once.
        let mut loaded: Vec<(&str, Option<Arc<FrameworkCatalog>>)> = Vec::new();
        for decl in decls {
            let spec = decl.catalog.trim();
            let catalog = match loaded.iter().find(|(s, _)| *s == spec) {
                Some((_, c)) => c.clone(),
                None => {
                    let read = |path: &str| source.read_limited(path, CATALOG_LIMIT);
                    let c = match crate::frameworks::load_with(spec, &read) {
                        Ok(c) => Some(Arc::new(c)),
                        Err(CatalogError::Invalid(f)) => {
                            findings.extend(f);
                            None
                        }
                        Err(CatalogError::Io { path, source }) => {
                            return Err(Error::Config {
                                path: crate::config::FILE_NAME.into(),
                                msg: format!(
                                    "[[frameworks]] {:?}: catalog {path:?} cannot be read ({source}); write a built-in catalog's name ({}) or the path of a catalog file inside the content folder",
                                    decl.id,
                                    crate::frameworks::BUILTIN.join(", ")
                                ),
                            })
                        }
                        Err(CatalogError::Unsupported(msg)) => {
                            return Err(Error::Config {
                                path: crate::config::FILE_NAME.into(),
                                msg: format!("[[frameworks]] {:?}: {msg}", decl.id),
                            })
                        }
                    };
                    loaded.push((spec, c.clone()));
                    c
                }
            };
            let Some(catalog) = catalog else {
                invalid.push(decl.id.clone());
                continue;
            };
            {
                list.push(Framework {
                    id: decl.id.clone(),
                    name: decl.name.clone().unwrap_or_else(|| catalog.name.clone()),
                    catalog,
                });
            }
        }
        Ok(Frameworks { list, invalid })
    }
}

/// `prefix:ID` split into its trimmed parts, when `raw` is written so: a prefix of letters,
/// digits, `-` and `_` before the first `:`. Anything else is an Annex A id (or no id).
pub fn qualified(raw: &str) -> Option<(&str, &str)> {
    let (prefix, id) = raw.split_once(':')?;
    let prefix = prefix.trim();
    let ok = !prefix.is_empty()
        && prefix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then_some((prefix, id.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualified_ids() {
        assert_eq!(qualified("csf:PR.AA-01"), Some(("csf", "PR.AA-01")));
        assert_eq!(qualified(" CSF : PR.AA-01 "), Some(("CSF", "PR.AA-01")));
        assert_eq!(qualified("A.5.15"), None);
        assert_eq!(qualified("ISO 27001:2022 A.5.15"), None);
        assert_eq!(qualified(":x"), None);
    }
}
