//! The frameworks declared under `[[frameworks]]`, with their catalogs loaded once per run, and
//! how a `controls` entry names one of their controls (`csf:PR.AA-01`).

mod coverage;

pub use coverage::{
    coverage_of, derive_coverage, directly_implemented, Coverage, CoverageCounts, Derived, MapUse,
};

use super::soa::{Lookup, Soa};
use super::ControlState;
use crate::catalog::Catalog;
use crate::config::{Config, ANNEX_A_ID, ANNEX_A_NAME};
use crate::error::Error;
use crate::finding::{Code, Finding};
use crate::frameworks::{
    parse_mapping, CatalogError, FrameworkCatalog, MapEntry, Relationship, CATALOG_LIMIT,
};
use crate::source::yaml::Pos;
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
    /// The applicability file, when one is declared.
    pub applicability: Option<String>,
    /// Indexed like `catalog.controls`: decisions from the applicability file, the documents
    /// implementing each control and its coverage via mappings (filled by the model).
    pub controls: Vec<ControlState>,
    /// Indexed like `catalog.controls`: whether the control is a requirement of its own, not a
    /// heading over current controls (a CSF category) and not withdrawn.
    pub requirement: Vec<bool>,
}

impl Framework {
    fn new(
        id: String,
        name: String,
        catalog: Arc<FrameworkCatalog>,
        applicability: Option<String>,
    ) -> Framework {
        let mut requirement: Vec<bool> = catalog.controls.iter().map(|c| !c.withdrawn).collect();
        for c in &catalog.controls {
            if let (Some(p), false) = (c.parent, c.withdrawn) {
                if let Some(r) = requirement.get_mut(p) {
                    *r = false;
                }
            }
        }
        Framework {
            controls: vec![ControlState::default(); catalog.controls.len()],
            id,
            name,
            catalog,
            applicability,
            requirement,
        }
    }

    /// `csf:PR.AA-01` for the control at `idx`.
    pub fn qualified_id(&self, idx: usize) -> String {
        format!("{}:{}", self.id, self.catalog.control(idx).id)
    }

    /// Whether the control applies: a current requirement not excluded in the applicability file.
    pub fn applicable(&self, idx: usize) -> bool {
        self.requirement.get(idx).copied().unwrap_or(false)
            && self.controls.get(idx).is_some_and(ControlState::applicable)
    }

    /// The requirements of the framework and how each is covered.
    pub fn coverage(&self, idx: usize) -> Coverage {
        coverage_of(self.applicable(idx), &self.controls[idx])
    }

    /// Counts over the framework's requirements.
    pub fn counts(&self) -> CoverageCounts {
        CoverageCounts::of((0..self.controls.len()).map(|i| self.coverage(i)))
    }
}

/// Which framework a control belongs to: Annex A (built in) or a declared one, by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FwKey {
    AnnexA,
    Declared(usize),
}

/// A control of any framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CtlRef {
    pub fw: FwKey,
    pub idx: usize,
}

/// One resolved crosswalk entry: `from` relates to `to` (all in one other framework).
#[derive(Debug, Clone)]
pub struct Mapping {
    pub from: CtlRef,
    pub to: Vec<CtlRef>,
    pub relationship: Relationship,
    pub note: Option<String>,
    /// The mapping file and the line of the entry.
    pub file: String,
    pub line: u32,
}

/// Every declared framework, in the order of `ismsbook.toml`, and the crosswalks between them.
#[derive(Debug, Clone, Default)]
pub struct Frameworks {
    pub list: Vec<Framework>,
    /// Declared frameworks whose catalog is invalid (`invalid-catalog`): their ids are not judged.
    pub invalid: Vec<String>,
    /// Every entry of every `[[mappings]]` file whose ids resolved, in declaration and file order.
    pub mappings: Vec<Mapping>,
}

impl Frameworks {
    /// The framework whose prefix is `prefix`, ignoring case.
    pub fn get(&self, prefix: &str) -> Option<&Framework> {
        self.position(prefix).map(|i| &self.list[i])
    }

    /// Where the framework of this prefix is in `list`.
    pub fn position(&self, prefix: &str) -> Option<usize> {
        self.list
            .iter()
            .position(|f| f.id.eq_ignore_ascii_case(prefix))
    }

    /// Whether `prefix` is declared with a catalog that could not be used.
    pub fn is_invalid(&self, prefix: &str) -> bool {
        self.invalid.iter().any(|i| i.eq_ignore_ascii_case(prefix))
    }

    /// The declared prefixes, for messages.
    pub fn ids(&self) -> Vec<&str> {
        self.list.iter().map(|f| f.id.as_str()).collect()
    }

    /// The control a `controls` entry names, when it is `prefix:ID` of a declared framework and
    /// a current control of its catalog.
    pub fn resolve(&self, raw: &str) -> Option<CtlRef> {
        let (prefix, id) = qualified(raw)?;
        let fw = self.position(prefix)?;
        let idx = self.list[fw].catalog.find(id)?;
        (!self.list[fw].catalog.control(idx).withdrawn).then_some(CtlRef {
            fw: FwKey::Declared(fw),
            idx,
        })
    }

    /// Loads the catalog of every declaration through `source`, then the applicability files
    /// and the mappings. A file that cannot be read, or a catalog of no supported kind, stops
    /// the run; an invalid one gives its findings (in `findings`): a framework with an invalid
    /// catalog is left out, so its ids are not judged against a broken catalog, and a mapping
    /// entry naming an unknown control is left out.
    pub fn load(
        config: &Config,
        source: &dyn Source,
        findings: &mut Vec<Finding>,
    ) -> Result<Frameworks, Error> {
        let mut list = Vec::new();
        let mut invalid = Vec::new();
        // Two frameworks may share a catalog: read and check it once.
        let mut loaded: Vec<(&str, Option<Arc<FrameworkCatalog>>)> = Vec::new();
        for decl in &config.frameworks {
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
            let name = decl.name.clone().unwrap_or_else(|| catalog.name.clone());
            let applicability = decl
                .applicability
                .as_deref()
                .map(|p| p.trim().trim_start_matches("./").to_owned());
            let mut fw = Framework::new(decl.id.clone(), name, catalog, applicability);
            if let Some(path) = fw.applicability.clone() {
                let bytes = read_declared(source, &path, "[[frameworks]] applicability", &decl.id)?;
                let soa = Soa::parse_for(&String::from_utf8_lossy(&bytes), &path, &FwLookup(&fw));
                findings.extend(soa.findings);
                for (idx, decision) in soa.decisions {
                    let c = fw.catalog.control(idx);
                    if c.withdrawn && decision.applicable {
                        findings.push(withdrawn_in_file(&fw, idx, &path, decision.line));
                    }
                    // A heading (a CSF category) is no requirement: a decision on it would
                    // seem to decide its controls while deciding nothing.
                    if !c.withdrawn && !fw.requirement.get(idx).copied().unwrap_or(true) {
                        findings.push(heading_in_file(&fw, idx, &path, decision.line));
                        continue;
                    }
                    fw.controls[idx].decision = Some(decision);
                }
            }
            list.push(fw);
        }
        let mut frameworks = Frameworks {
            list,
            invalid,
            mappings: Vec::new(),
        };
        for decl in &config.mappings {
            let file = decl.file.trim().trim_start_matches("./").to_owned();
            let what = format!("{} to {}", decl.from.trim(), decl.to.trim());
            let bytes = read_declared(source, &file, "[[mappings]] file", &what)?;
            let (Some(from), Some(to)) = (
                frameworks.side(decl.from.trim()),
                frameworks.side(decl.to.trim()),
            ) else {
                // A framework with an invalid catalog: its findings say what to fix first.
                continue;
            };
            let parsed = parse_mapping(&bytes, &file);
            findings.extend(parsed.findings);
            for entry in &parsed.entries {
                if let Some(m) = frameworks.resolve_entry(entry, from, to, &file, findings) {
                    frameworks.mappings.push(m);
                }
            }
        }
        Ok(frameworks)
    }

    /// The framework a `[[mappings]]` end names.
    fn side(&self, id: &str) -> Option<FwKey> {
        if id.eq_ignore_ascii_case(ANNEX_A_ID) {
            Some(FwKey::AnnexA)
        } else {
            self.position(id).map(FwKey::Declared)
        }
    }

    /// The prefix and name of a framework.
    pub fn describe(&self, fw: FwKey) -> (&str, &str) {
        match fw {
            FwKey::AnnexA => (ANNEX_A_ID, ANNEX_A_NAME),
            FwKey::Declared(i) => (&self.list[i].id, &self.list[i].name),
        }
    }

    /// A control's id as documents write it: bare for Annex A, `prefix:ID` otherwise.
    pub fn qualified_id(&self, c: CtlRef) -> String {
        match c.fw {
            FwKey::AnnexA => Catalog::iso27001_2022().control(c.idx).id.clone(),
            FwKey::Declared(i) => self.list[i].qualified_id(c.idx),
        }
    }

    /// One id of a mapping entry in framework `fw`: bare, or with that framework's prefix.
    fn find_in(&self, fw: FwKey, raw: &str) -> Result<usize, (String, Option<String>)> {
        let (prefix, own) = self.describe(fw);
        let (name, bare) = match qualified(raw) {
            Some((p, id)) if p.eq_ignore_ascii_case(prefix) => (format!("{prefix}:{id}"), id),
            Some((p, _)) => {
                return Err((
                    format!("`{raw}` has the prefix `{p}`, but this side of the mapping is {own} (`{prefix}`)"),
                    Some("write the id bare, or with the prefix of the framework `[[mappings]]` names".to_owned()),
                ))
            }
            None => (raw.to_owned(), raw),
        };
        match fw {
            FwKey::AnnexA => {
                let c = Catalog::iso27001_2022();
                c.find(bare).ok_or_else(|| {
                    let help = c.hint_2013(bare).or_else(|| {
                        let norm = crate::catalog::normalize_control_id(bare);
                        crate::suggest::did_you_mean(
                            &norm,
                            c.controls.iter().map(|c| c.id.as_str()),
                        )
                        .map(|s| format!("did you mean {s}?"))
                    });
                    (
                        format!("`{name}` is not an ISO/IEC 27001:2022 Annex A control"),
                        help,
                    )
                })
            }
            FwKey::Declared(i) => {
                let f = &self.list[i];
                f.catalog.find(bare).ok_or_else(|| {
                    let help = crate::suggest::did_you_mean(
                        bare,
                        f.catalog.controls.iter().map(|c| c.id.as_str()),
                    )
                    .map(|s| format!("did you mean {s}?"));
                    (
                        format!("`{name}` is not a control of {} (`{}`)", f.name, f.id),
                        help,
                    )
                })
            }
        }
    }

    fn withdrawn(&self, fw: FwKey, idx: usize) -> Option<&crate::frameworks::FwControl> {
        match fw {
            FwKey::AnnexA => None,
            FwKey::Declared(i) => Some(self.list[i].catalog.control(idx)).filter(|c| c.withdrawn),
        }
    }

    /// Resolves an entry's ids; each that does not resolve is an `invalid-mapping` finding
    /// (a withdrawn one `withdrawn-control`) and is left out.
    fn resolve_entry(
        &self,
        entry: &MapEntry,
        from: FwKey,
        to: FwKey,
        file: &str,
        findings: &mut Vec<Finding>,
    ) -> Option<Mapping> {
        let mut one = |fw: FwKey, raw: &str, at: Pos| -> Option<CtlRef> {
            match self.find_in(fw, raw) {
                Ok(idx) => {
                    if let Some(c) = self.withdrawn(fw, idx) {
                        let (prefix, name) = self.describe(fw);
                        findings.push(
                            Finding::at(
                                Code::WithdrawnControl,
                                file,
                                at.line,
                                at.column,
                                format!("`{prefix}:{}` is withdrawn from {name}; the mapping entry is left out", c.id),
                            )
                            .control(&format!("{prefix}:{}", c.id))
                            .help(successors_help(prefix, c)),
                        );
                        return None;
                    }
                    Some(CtlRef { fw, idx })
                }
                Err((message, help)) => {
                    let mut f =
                        Finding::at(Code::InvalidMapping, file, at.line, at.column, message);
                    if let Some(h) = help {
                        f = f.help(h);
                    }
                    findings.push(f);
                    None
                }
            }
        };
        let source = one(from, &entry.source, entry.source_at);
        let targets: Vec<CtlRef> = entry
            .targets
            .iter()
            .filter_map(|(raw, at)| one(to, raw, *at))
            .collect();
        // A mapping with a target left out would claim more than was written.
        if targets.len() != entry.targets.len() || targets.is_empty() {
            return None;
        }
        // `[A.5.1, 5.1]` names one control twice: count and show it once.
        let mut seen = std::collections::HashSet::new();
        let targets: Vec<CtlRef> = targets.into_iter().filter(|t| seen.insert(*t)).collect();
        Some(Mapping {
            from: source?,
            to: targets,
            relationship: entry.relationship,
            note: entry.note.clone(),
            file: file.to_owned(),
            line: entry.source_at.line,
        })
    }
}

/// How to fix a reference to a withdrawn control: name its successors.
pub fn successors_help(prefix: &str, c: &crate::frameworks::FwControl) -> String {
    if c.successors.is_empty() {
        "the catalog names no successor; remove the entry".to_owned()
    } else {
        let s: Vec<String> = c
            .successors
            .iter()
            .map(|s| format!("{prefix}:{s}"))
            .collect();
        format!("its requirements moved to {}", s.join(", "))
    }
}

fn withdrawn_in_file(fw: &Framework, idx: usize, file: &str, line: u32) -> Finding {
    let c = fw.catalog.control(idx);
    Finding::at(
        Code::WithdrawnControl,
        file,
        line,
        1,
        format!(
            "{}:{} is withdrawn from {} and never applicable",
            fw.id, c.id, fw.name
        ),
    )
    .control(&fw.qualified_id(idx))
    .help(successors_help(&fw.id, c))
}

fn heading_in_file(fw: &Framework, idx: usize, file: &str, line: u32) -> Finding {
    let c = fw.catalog.control(idx);
    let within: Vec<String> = fw
        .catalog
        .controls
        .iter()
        .enumerate()
        .filter(|(_, k)| k.parent == Some(idx) && !k.withdrawn)
        .map(|(i, _)| fw.qualified_id(i))
        .collect();
    let shown = match within.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [first, .., last] => format!("{first} … {last}"),
    };
    Finding::at(
        Code::InvalidSoa,
        file,
        line,
        1,
        format!(
            "{} is a heading over {} controls of {} ({shown}), not a requirement: a decision on it decides none of them, and is left out",
            fw.qualified_id(idx),
            within.len(),
            fw.name
        ),
    )
    .control(&fw.qualified_id(idx))
    .help(format!(
        "write the decision for each control under {} that it is meant for",
        c.id
    ))
}

/// A declared file (applicability, mapping): it must exist and be readable, or the run stops.
fn read_declared(source: &dyn Source, path: &str, key: &str, what: &str) -> Result<Vec<u8>, Error> {
    source
        .read_limited(path, CATALOG_LIMIT)
        .map_err(|e| Error::Config {
            path: crate::config::FILE_NAME.into(),
            msg: format!("{key} {path:?} ({what}) cannot be read: {e}; correct the path (relative to the content folder) or remove the key"),
        })
}

/// The keys of a framework's applicability file: `PR.AA-01` or `csf:PR.AA-01`.
struct FwLookup<'a>(&'a Framework);

impl Lookup for FwLookup<'_> {
    fn find(&self, key: &str) -> Option<usize> {
        let bare = match qualified(key) {
            Some((p, id)) if p.eq_ignore_ascii_case(&self.0.id) => id,
            Some(_) => return None,
            None => key.trim(),
        };
        self.0.catalog.find(bare)
    }

    fn id(&self, idx: usize) -> &str {
        &self.0.catalog.control(idx).id
    }

    fn qualified(&self, id: &str) -> String {
        match qualified(id) {
            Some(_) => id.to_owned(),
            None => format!("{}:{}", self.0.id, id.trim()),
        }
    }

    fn unknown(&self, key: &str) -> (String, Option<String>) {
        let f = self.0;
        let bare = qualified(key).map_or(key.trim(), |(_, id)| id);
        let help =
            crate::suggest::did_you_mean(bare, f.catalog.controls.iter().map(|c| c.id.as_str()))
                .map(|s| format!("did you mean {s}?"));
        (
            format!("`{key}` is not a control of {} (`{}`)", f.name, f.id),
            help,
        )
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
