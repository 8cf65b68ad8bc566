//! Crosswalks between two frameworks (`[[mappings]]`): a simple YAML file (`csf:PR.AA-01:
//! [A.5.16]`) or an OSCAL mapping collection. Read here as written, ids unresolved: the model
//! resolves them against the two catalogs and reports the unknown ones.

use super::catalog::{decode_as, Tree};
use crate::finding::{Code, Finding};
use crate::source::yaml::Pos;
use serde::Serialize;
use serde_json::Value;

/// How a source control relates to its targets, after OSCAL's mapping model and NIST OLIR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relationship {
    EquivalentTo,
    EqualTo,
    /// The source is contained in the targets: implementing them implements it.
    SubsetOf,
    /// The source contains the targets and more.
    SupersetOf,
    IntersectsWith,
}

impl Relationship {
    pub const ALL: [Relationship; 5] = [
        Relationship::EquivalentTo,
        Relationship::EqualTo,
        Relationship::SubsetOf,
        Relationship::SupersetOf,
        Relationship::IntersectsWith,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Relationship::EquivalentTo => "equivalent-to",
            Relationship::EqualTo => "equal-to",
            Relationship::SubsetOf => "subset-of",
            Relationship::SupersetOf => "superset-of",
            Relationship::IntersectsWith => "intersects-with",
        }
    }

    /// As written in YAML or OSCAL; `_` and case are forgiven (`subset_of`, `Subset-Of`).
    pub fn parse(s: &str) -> Option<Relationship> {
        let s = s.trim().to_ascii_lowercase().replace('_', "-");
        Relationship::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The same relationship read from the target's side.
    pub fn inverse(self) -> Relationship {
        match self {
            Relationship::SubsetOf => Relationship::SupersetOf,
            Relationship::SupersetOf => Relationship::SubsetOf,
            r => r,
        }
    }

    /// Whether implementing the targets implements the source completely.
    pub fn covers_source(self) -> bool {
        matches!(
            self,
            Relationship::EquivalentTo | Relationship::EqualTo | Relationship::SubsetOf
        )
    }
}

/// One source control and the controls it maps to, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapEntry {
    pub source: String,
    pub source_at: Pos,
    pub targets: Vec<(String, Pos)>,
    pub relationship: Relationship,
    pub note: Option<String>,
}

/// A mapping file's entries in file order, and the problems of its form.
#[derive(Debug, Default)]
pub struct MappingFile {
    pub entries: Vec<MapEntry>,
    pub findings: Vec<Finding>,
}

/// Reads a mapping file's bytes: an OSCAL mapping collection when it has a top-level
/// `mapping-collection`, else the simple YAML form.
pub fn parse_mapping(bytes: &[u8], file: &str) -> MappingFile {
    let text = match decode_as(bytes, file, Code::InvalidMapping) {
        Ok(t) => t,
        Err(findings) => {
            return MappingFile {
                entries: Vec::new(),
                findings,
            }
        }
    };
    let tree = match Tree::parse_as(text, file, Code::InvalidMapping) {
        Ok(t) => t,
        Err(findings) => {
            return MappingFile {
                entries: Vec::new(),
                findings,
            }
        }
    };
    let mut r = Reader {
        tree: &tree,
        file,
        out: MappingFile::default(),
    };
    match &tree.value {
        Value::Object(map) if map.contains_key("mapping-collection") => r.oscal(),
        Value::Object(_) => r.simple(),
        Value::Null => {}
        _ => r.problem(
            "/",
            "a mapping file is a mapping from source control to target controls (`csf:PR.AA-01: [A.5.16]`) or an OSCAL mapping collection",
        ),
    }
    r.out
}

struct Reader<'a> {
    tree: &'a Tree<'a>,
    file: &'a str,
    out: MappingFile,
}

impl Reader<'_> {
    fn at(&self, pointer: &str) -> Pos {
        self.tree.locate(pointer)
    }

    fn problem(&mut self, pointer: &str, message: impl Into<String>) {
        let pos = self.at(pointer);
        self.out.findings.push(Finding::at(
            Code::InvalidMapping,
            self.file,
            pos.line,
            pos.column,
            message,
        ));
    }

    /// An id as written: text, or a number read back from the source (`5.10`, not 5.1).
    fn id(&mut self, value: &Value, pointer: &str) -> Option<String> {
        match value {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            Value::Number(_) => self.tree.raw(pointer).or_else(|| Some(value.to_string())),
            _ => {
                self.problem(pointer, "a control id must be text, e.g. `A.5.16`");
                None
            }
        }
    }

    /// `source: [targets]`, `source: target`, or `source: {to: …, relationship: …, note: …}`.
    fn simple(&mut self) {
        let Some(map) = self.tree.value.as_object() else {
            return;
        };
        let mut keys: Vec<(String, Pos)> = map
            .keys()
            .map(|k| (k.clone(), self.at(&pointer_of(&[k]))))
            .collect();
        keys.sort_by_key(|(_, p)| (p.line, p.column));
        for (key, source_at) in keys {
            let Some(value) = map.get(&key) else { continue };
            let base = pointer_of(&[&key]);
            let (to, to_ptr, relationship, note) = match value {
                Value::Object(o) => {
                    for k in o.keys() {
                        if !matches!(k.as_str(), "to" | "relationship" | "note") {
                            self.problem(
                                &format!("{base}{}", pointer_of(&[k])),
                                format!("unknown key `{k}` in the mapping of `{key}`; use `to`, `relationship` and `note`"),
                            );
                        }
                    }
                    let relationship = match o.get("relationship") {
                        None => Some(Relationship::IntersectsWith),
                        Some(Value::String(s)) => {
                            let r = Relationship::parse(s);
                            if r.is_none() {
                                self.problem(
                                    &format!("{base}/relationship"),
                                    format!(
                                        "`{s}` is not a relationship; write one of {}",
                                        names()
                                    ),
                                );
                            }
                            r
                        }
                        Some(_) => {
                            self.problem(
                                &format!("{base}/relationship"),
                                format!("a relationship is text: one of {}", names()),
                            );
                            None
                        }
                    };
                    let note = o
                        .get("note")
                        .and_then(Value::as_str)
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned);
                    let Some(to) = o.get("to") else {
                        self.problem(
                            &base,
                            format!(
                                "the mapping of `{key}` has no `to`: name the controls it maps to"
                            ),
                        );
                        continue;
                    };
                    (to, format!("{base}/to"), relationship, note)
                }
                other => (
                    other,
                    base.clone(),
                    Some(Relationship::IntersectsWith),
                    None,
                ),
            };
            let targets = self.targets(to, &to_ptr, &key);
            let Some(relationship) = relationship else {
                continue;
            };
            if targets.is_empty() {
                continue;
            }
            self.out.entries.push(MapEntry {
                source: key.trim().to_owned(),
                source_at,
                targets,
                relationship,
                note,
            });
        }
    }

    fn targets(&mut self, to: &Value, pointer: &str, key: &str) -> Vec<(String, Pos)> {
        let mut out = Vec::new();
        match to {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let p = format!("{pointer}/{i}");
                    if let Some(id) = self.id(item, &p) {
                        out.push((id, self.at(&p)));
                    }
                }
                if items.is_empty() {
                    self.problem(
                        pointer,
                        format!(
                            "`{key}` maps to no control; name at least one, or leave the entry out"
                        ),
                    );
                }
            }
            Value::Null => self.problem(
                pointer,
                format!("`{key}` maps to no control; name at least one, or leave the entry out"),
            ),
            v => {
                if let Some(id) = self.id(v, pointer) {
                    out.push((id, self.at(pointer)));
                }
            }
        }
        out
    }

    /// OSCAL 1.1+ `mapping-collection`: every `mappings[].maps[]` with its relationship, sources
    /// and targets of type `control`. Other types (statements, parts) are not controls here.
    fn oscal(&mut self) {
        let Some(mappings) = self
            .tree
            .value
            .pointer("/mapping-collection/mappings")
            .and_then(Value::as_array)
        else {
            self.problem(
                "/mapping-collection",
                "an OSCAL mapping collection needs `mappings`, each with its `maps`",
            );
            return;
        };
        for (m, mapping) in mappings.iter().enumerate() {
            let Some(maps) = mapping.get("maps").and_then(Value::as_array) else {
                self.problem(
                    &format!("/mapping-collection/mappings/{m}"),
                    "this mapping has no `maps`",
                );
                continue;
            };
            for (i, map) in maps.iter().enumerate() {
                let base = format!("/mapping-collection/mappings/{m}/maps/{i}");
                let relationship = match map.get("relationship") {
                    Some(Value::String(s)) => Relationship::parse(s),
                    // OSCAL 1.2 may write it as an object with a `type`.
                    Some(Value::Object(o)) => o
                        .get("type")
                        .and_then(Value::as_str)
                        .and_then(Relationship::parse),
                    _ => None,
                };
                let Some(relationship) = relationship else {
                    self.problem(
                        &format!("{base}/relationship"),
                        format!(
                            "missing or unknown relationship; OSCAL names one of {}",
                            names()
                        ),
                    );
                    continue;
                };
                let note = map
                    .get("remarks")
                    .and_then(Value::as_str)
                    .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|s| !s.is_empty());
                let sources = self.oscal_ids(map.get("sources"), &format!("{base}/sources"));
                let targets = self.oscal_ids(map.get("targets"), &format!("{base}/targets"));
                if targets.is_empty() {
                    continue;
                }
                for (source, source_at) in sources {
                    self.out.entries.push(MapEntry {
                        source,
                        source_at,
                        targets: targets.clone(),
                        relationship,
                        note: note.clone(),
                    });
                }
            }
        }
    }

    fn oscal_ids(&mut self, list: Option<&Value>, pointer: &str) -> Vec<(String, Pos)> {
        let Some(items) = list.and_then(Value::as_array).filter(|a| !a.is_empty()) else {
            self.problem(
                pointer,
                "a map needs at least one entry here, each with an `id-ref`",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let p = format!("{pointer}/{i}");
            let kind = item
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("control");
            if kind != "control" {
                continue;
            }
            match item.get("id-ref") {
                Some(v) => {
                    if let Some(id) = self.id(v, &format!("{p}/id-ref")) {
                        out.push((id, self.at(&format!("{p}/id-ref"))));
                    }
                }
                None => self.problem(&p, "no `id-ref`: name the control"),
            }
        }
        out
    }
}

fn names() -> String {
    Relationship::ALL.map(Relationship::as_str).join(", ")
}

/// A JSON pointer from its (unescaped) parts.
fn pointer_of(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| format!("/{}", p.replace('~', "~0").replace('/', "~1")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> MappingFile {
        parse_mapping(text.as_bytes(), "map.yaml")
    }

    #[test]
    fn the_three_simple_forms_with_their_lines() {
        let m = read(
            "# crosswalk\r\ncsf:PR.AA-01: [A.5.16, A.5.17]\r\ncsf:GV.PO-01:\r\n  to: [A.5.1]\r\n  relationship: subset_of\r\n  note: policy\r\ncsf:RS.MA-01: A.5.26\r\n",
        );
        assert!(m.findings.is_empty(), "{:?}", m.findings);
        let got: Vec<_> = m
            .entries
            .iter()
            .map(|e| {
                (
                    e.source.as_str(),
                    e.source_at.line,
                    e.targets.len(),
                    e.relationship,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("csf:PR.AA-01", 2, 2, Relationship::IntersectsWith),
                ("csf:GV.PO-01", 3, 1, Relationship::SubsetOf),
                ("csf:RS.MA-01", 7, 1, Relationship::IntersectsWith),
            ]
        );
        assert_eq!(m.entries[1].note.as_deref(), Some("policy"));
        assert_eq!(m.entries[0].targets[1].1.line, 2);
    }

    #[test]
    fn a_bare_number_is_read_as_written() {
        let m = read("csf:PR.AA-01: [5.10, 5.1]\n");
        let t: Vec<_> = m.entries[0].targets.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(t, ["5.10", "5.1"]);
    }

    #[test]
    fn problems_are_findings_at_their_place() {
        let m = read("a: {to: [A.5.1], relationship: overlaps}\nb: {relationship: equal-to}\nc: []\nd: {to: x, why: 1}\n");
        let got: Vec<_> = m.findings.iter().map(|f| (f.code, f.line)).collect();
        assert_eq!(
            got,
            [
                (Code::InvalidMapping, Some(1)),
                (Code::InvalidMapping, Some(2)),
                (Code::InvalidMapping, Some(3)),
                (Code::InvalidMapping, Some(4)),
            ]
        );
        assert!(m.findings[0].message.contains("overlaps"));
        // `d` is kept: an unknown key does not lose the mapping.
        assert_eq!(m.entries.len(), 1);
        let bad = parse_mapping(b"a: [\n", "m.yaml");
        assert_eq!(bad.findings[0].code, Code::InvalidMapping);
        let bytes = parse_mapping(b"a: [\xff]\n", "m.yaml");
        assert_eq!(bytes.findings[0].code, Code::InvalidMapping);
    }

    #[test]
    fn an_oscal_mapping_collection() {
        let json = r#"{
  "mapping-collection": {
    "uuid": "0b7c6e39-0d49-4bb8-9d0c-7a0d2a2c5b11",
    "metadata": {"title": "CSF to ISO", "version": "1", "oscal-version": "1.1.2", "last-modified": "2026-01-01T00:00:00Z"},
    "provenance": {"method": "human", "matching-rationale": "semantic", "status": "complete", "mapping-description": "x"},
    "mappings": [{
      "uuid": "1b7c6e39-0d49-4bb8-9d0c-7a0d2a2c5b11",
      "source-resource": {"type": "catalog", "href": "csf.json"},
      "target-resource": {"type": "catalog", "href": "iso.json"},
      "maps": [
        {"uuid": "2b7c6e39-0d49-4bb8-9d0c-7a0d2a2c5b11", "relationship": "subset-of",
         "sources": [{"type": "control", "id-ref": "GV.PO-01"}],
         "targets": [{"type": "control", "id-ref": "A.5.1"}, {"type": "statement", "id-ref": "x_smt"}],
         "remarks": "Policy\n  established"},
        {"uuid": "3b7c6e39-0d49-4bb8-9d0c-7a0d2a2c5b11", "relationship": "related",
         "sources": [{"type": "control", "id-ref": "PR.AA-01"}],
         "targets": [{"type": "control", "id-ref": "A.5.16"}]}
      ]
    }]
  }
}"#;
        let m = parse_mapping(json.as_bytes(), "m.json");
        assert_eq!(m.entries.len(), 1);
        let e = &m.entries[0];
        assert_eq!(
            (e.source.as_str(), e.relationship),
            ("GV.PO-01", Relationship::SubsetOf)
        );
        assert_eq!(e.targets.len(), 1);
        assert_eq!(e.source_at.line, 12);
        assert_eq!(e.note.as_deref(), Some("Policy established"));
        assert_eq!(m.findings.len(), 1);
        assert_eq!(m.findings[0].line, Some(15));
    }
}
