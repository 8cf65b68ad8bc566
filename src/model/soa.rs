//! `soa.yaml`: the applicability decision per control. A control absent from the file is applicable.

use crate::catalog::{Catalog, ControlIdx};
use crate::finding::{Code, Finding};
use crate::source::discover::{Limit, MAX_SETTINGS_BYTES};
use crate::source::schema;
use crate::source::yaml;
use crate::source::Source;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

pub use crate::source::SOA_FILE as FILE_NAME;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImplStatus {
    Implemented,
    Partial,
    Planned,
    NotImplemented,
}

impl ImplStatus {
    fn parse(s: &str) -> Option<ImplStatus> {
        match s {
            "implemented" => Some(ImplStatus::Implemented),
            "partial" => Some(ImplStatus::Partial),
            "planned" => Some(ImplStatus::Planned),
            "not-implemented" => Some(ImplStatus::NotImplemented),
            _ => None,
        }
    }

    /// As written in `soa.yaml`.
    pub fn as_str(self) -> &'static str {
        match self {
            ImplStatus::Implemented => "implemented",
            ImplStatus::Partial => "partial",
            ImplStatus::Planned => "planned",
            ImplStatus::NotImplemented => "not-implemented",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ImplStatus::Implemented => "Implemented",
            ImplStatus::Partial => "Partially implemented",
            ImplStatus::Planned => "Planned",
            ImplStatus::NotImplemented => "Not implemented",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub applicable: bool,
    pub justification: Option<String>,
    pub status: Option<ImplStatus>,
    pub note: Option<String>,
    /// Line of the control's key in `soa.yaml`.
    pub line: u32,
}

/// How the keys of a file in the `soa.yaml` format name controls.
pub trait Lookup {
    fn find(&self, key: &str) -> Option<ControlIdx>;
    /// The control's id as its catalog writes it.
    fn id(&self, idx: ControlIdx) -> &str;
    /// The id as findings name it (`csf:PR.AA-01`; Annex A ids stay bare).
    fn qualified(&self, id: &str) -> String;
    /// What to say of a key that names no control, and how to fix it.
    fn unknown(&self, key: &str) -> (String, Option<String>);
}

impl Lookup for Catalog {
    fn find(&self, key: &str) -> Option<ControlIdx> {
        Catalog::find(self, key)
    }

    fn id(&self, idx: ControlIdx) -> &str {
        &self.control(idx).id
    }

    fn qualified(&self, id: &str) -> String {
        id.to_owned()
    }

    fn unknown(&self, key: &str) -> (String, Option<String>) {
        (
            format!("`{key}` is not an ISO/IEC 27001:2022 Annex A control"),
            self.hint_2013(key),
        )
    }
}

#[derive(Debug, Default, Clone)]
pub struct Soa {
    pub decisions: HashMap<ControlIdx, Decision>,
    /// Problems in the file itself (syntax, schema, unknown control ids).
    pub findings: Vec<Finding>,
}

impl Soa {
    /// Reads `soa.yaml` (absent: every control applicable). A file that cannot be read, or is
    /// over [`MAX_SETTINGS_BYTES`], stops the run: without it applicability is unknown.
    pub fn load(source: &dyn Source, catalog: &Catalog) -> Result<Soa, crate::error::Error> {
        let limit = Limit {
            bytes: MAX_SETTINGS_BYTES,
            what: "soa.yaml is",
            advice: "it holds one short entry per control; is this the right file?",
        };
        match source.read_limited(FILE_NAME, limit) {
            Ok(bytes) => Ok(Soa::parse(&String::from_utf8_lossy(&bytes), catalog)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Soa::default()),
            Err(e) => Err(crate::error::Error::io(std::path::Path::new(FILE_NAME), e)),
        }
    }

    pub fn parse(text: &str, catalog: &Catalog) -> Soa {
        Soa::parse_for(text, FILE_NAME, catalog)
    }

    /// Reads a file in the `soa.yaml` format (`file` is the path findings name) whose keys are
    /// controls found through `lookup`: `soa.yaml` itself, or a framework's applicability file.
    pub fn parse_for(text: &str, file: &str, lookup: &dyn Lookup) -> Soa {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut soa = Soa::default();
        let (value, index) = match yaml::load(text) {
            Ok(loaded) => loaded,
            Err(e) => {
                soa.findings.push(Finding::at(
                    Code::InvalidSoa,
                    file,
                    e.pos().line,
                    e.pos().column,
                    e.message(),
                ));
                return soa;
            }
        };
        let (validator, schema_value) = schema::soa();
        soa.findings = schema::validate(
            validator,
            schema_value,
            &value,
            &schema::ValidationTarget {
                file,
                line0: 1,
                yaml: text,
                index: &index,
                invalid: Code::InvalidSoa,
                unknown_field: Code::InvalidSoa,
                object_line: 1,
            },
        );
        let Some(map) = value.as_object() else {
            return soa;
        };
        let mut seen: HashMap<ControlIdx, (String, u32)> = HashMap::new();
        // In file order, so "the first one" of a duplicate is the one written first.
        let mut entries: Vec<(&String, &Value, yaml::Pos)> = map
            .iter()
            .map(|(key, entry)| {
                let pointer = format!("/{}", key.replace('~', "~0").replace('/', "~1"));
                let pos = index
                    .locate(&pointer)
                    .unwrap_or(yaml::Pos { line: 1, column: 1 });
                (key, entry, pos)
            })
            .collect();
        entries.sort_by_key(|(_, _, pos)| pos.line);
        for (key, entry, pos) in entries {
            let Some(idx) = lookup.find(key) else {
                let (message, help) = lookup.unknown(key);
                let mut f = Finding::at(Code::UnknownControl, file, pos.line, pos.column, message);
                if let Some(h) = help {
                    f = f.help(h);
                }
                soa.findings.push(f.control(&lookup.qualified(key)));
                continue;
            };
            let text_field = |k: &str| {
                entry
                    .get(k)
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
            };
            if let Some((first_key, first_line)) = seen.get(&idx) {
                let id = &lookup.qualified(lookup.id(idx));
                soa.findings.push(
                    Finding::at(
                        Code::InvalidSoa,
                        file,
                        pos.line.max(*first_line),
                        1,
                        format!(
                            "{id} is listed twice (`{first_key}` on line {first_line} and `{key}` on line {}); the first one counts",
                            pos.line
                        ),
                    )
                    .control(id)
                    .help("keep one entry per control"),
                );
                continue;
            }
            seen.insert(idx, (key.clone(), pos.line));
            soa.decisions.insert(
                idx,
                Decision {
                    applicable: entry
                        .get("applicable")
                        .and_then(Value::as_bool)
                        .unwrap_or(true),
                    justification: text_field("justification"),
                    status: text_field("status").and_then(|s| ImplStatus::parse(&s)),
                    note: text_field("note"),
                    line: pos.line,
                },
            );
        }
        soa
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_and_problems_with_lines() {
        let c = Catalog::iso27001_2022();
        let soa = Soa::parse(
            "# comment\nA.7.4:\n  applicable: false\n  justification: remote\n8.28:\n  status: partiall\nA.12.1.1:\n  applicable: false\n",
            c,
        );
        let d = &soa.decisions[&c.find("A.7.4").unwrap()];
        assert!(!d.applicable);
        assert_eq!((d.justification.as_deref(), d.line), (Some("remote"), 2));
        assert!(soa.decisions[&c.find("A.8.28").unwrap()].applicable);
        let got: Vec<_> = soa
            .findings
            .iter()
            .map(|f| (f.code, f.line.unwrap()))
            .collect();
        assert!(got.contains(&(Code::InvalidSoa, 6)), "{got:?}");
        assert!(got.contains(&(Code::UnknownControl, 7)), "{got:?}");
    }

    #[test]
    fn a_control_listed_twice_is_reported() {
        let c = Catalog::iso27001_2022();
        let soa = Soa::parse(
            "A.7.4:\n  applicable: false\n  justification: x\n7.4:\n  applicable: true\n",
            c,
        );
        let f: Vec<_> = soa
            .findings
            .iter()
            .map(|f| (f.code, f.line.unwrap()))
            .collect();
        assert_eq!(f, [(Code::InvalidSoa, 4)]);
        // The entry written first counts, whatever the spelling.
        assert!(!soa.decisions[&c.find("A.7.4").unwrap()].applicable);
        assert!(soa.findings[0].message.contains("listed twice"));
    }

    #[test]
    fn syntax_errors_are_findings() {
        let soa = Soa::parse("A.7.4:\n  applicable: [\n", Catalog::iso27001_2022());
        assert_eq!(soa.findings.len(), 1);
        assert_eq!(soa.findings[0].code, Code::InvalidSoa);
        assert!(soa.decisions.is_empty());
    }
}
