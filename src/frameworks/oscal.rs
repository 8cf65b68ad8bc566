//! OSCAL catalogs (JSON or YAML): groups and controls nested to any depth, each control's
//! title, statement, `label`/`sort-id` props, and withdrawn status with its successors.
//! Everything else OSCAL carries (parameters, back-matter, guidance) is ignored, not refused.

use super::catalog::{self, control_at, At, Builder, FrameworkCatalog, FwGroup, NewControl, Tree};
use crate::finding::Finding;
use serde_json::{Map, Value};

/// The OSCAL namespace: a prop with no `ns`, or this one, is OSCAL's own.
const OSCAL_NS: &str = "http://csrc.nist.gov/ns/oscal";

/// Reads an OSCAL catalog; `file` is the path findings name.
pub fn parse_oscal(text: &str, file: &str) -> Result<FrameworkCatalog, Vec<Finding>> {
    let tree = Tree::parse(text, file)?;
    from_tree(&tree, file)
}

pub(crate) fn from_tree(tree: &Tree, file: &str) -> Result<FrameworkCatalog, Vec<Finding>> {
    let locate = |p: &str| tree.locate(p);
    let Some(root) = tree.value.as_object() else {
        let mut b = Builder::new(String::new());
        b.problem(
            At::Pos(1, 1),
            "an OSCAL catalog is an object with a top-level `catalog`; this file is not an object",
        );
        return b.finish(file, &locate);
    };
    let Some(cat) = root.get("catalog").and_then(Value::as_object) else {
        let mut b = Builder::new(String::new());
        let found: Vec<&str> = root.keys().map(String::as_str).collect();
        let message = match root.get("catalog") {
            Some(_) => "`catalog` is not an object".to_owned(),
            None if found.is_empty() => "no top-level `catalog`: the file is empty".to_owned(),
            None => format!(
                "no top-level `catalog` (found {}): an OSCAL profile or mapping is not a catalog",
                found
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        b.problem(At::Pointer("/catalog".to_owned()), message);
        return b.finish(file, &locate);
    };
    let metadata = cat.get("metadata");
    let title = catalog::text(metadata.and_then(|m| m.get("title")))
        .ok()
        .flatten()
        .filter(|t| !t.is_empty());
    let mut b = Builder::new(title.unwrap_or_else(|| catalog::stem(file)));
    b.set_version(
        catalog::text(metadata.and_then(|m| m.get("version")))
            .ok()
            .flatten(),
    );
    let mut walk = Walk { b };
    walk.groups(cat, "/catalog", None, 0);
    walk.controls(cat, "/catalog", None, None, 0);
    walk.b.finish(file, &locate)
}

struct Walk {
    b: Builder,
}

impl Walk {
    /// The `groups` of a catalog or group.
    fn groups(
        &mut self,
        owner: &Map<String, Value>,
        ptr: &str,
        parent: Option<usize>,
        depth: usize,
    ) {
        for (g, at) in self.list(owner, "groups", ptr) {
            let Some(g) = g.as_object() else {
                self.b.problem(At::Pointer(at), "a group must be an object");
                continue;
            };
            let id = self.text_field(g, "id", &at);
            let title = self.text_field(g, "title", &at).filter(|t| !t.is_empty());
            let Some(title) = title.or_else(|| id.clone()) else {
                self.b.problem(At::Pointer(at), "a group without `title`");
                continue;
            };
            let class = self.text_field(g, "class", &at);
            let idx = self.b.group(FwGroup {
                id,
                title,
                class,
                parent,
                control: None,
                depth: catalog::depth(depth),
            });
            self.groups(g, &at, Some(idx), depth + 1);
            self.controls(g, &at, Some(idx), None, 0);
        }
    }

    /// The `controls` of a catalog, group or control.
    fn controls(
        &mut self,
        owner: &Map<String, Value>,
        ptr: &str,
        group: Option<usize>,
        parent: Option<usize>,
        depth: usize,
    ) {
        for (c, at) in self.list(owner, "controls", ptr) {
            let Some(c) = c.as_object() else {
                self.b
                    .problem(At::Pointer(at), "a control must be an object");
                continue;
            };
            // An id that is no text is reported as such, not again as missing.
            let id_ok = catalog::text(c.get("id")).is_ok();
            let id = self.text_field(c, "id", &at);
            let title = self.text_field(c, "title", &at);
            let class = self.text_field(c, "class", &at);
            let props = props(c);
            let withdrawn = props.iter().any(|p| {
                p.name == "status" && p.value.eq_ignore_ascii_case("withdrawn") && p.oscal
            });
            let label = props
                .iter()
                .find(|p| p.name == "label" && p.oscal)
                .map(|p| p.value.to_owned());
            let sort_id = props
                .iter()
                .find(|p| p.name == "sort-id" && p.oscal)
                .map(|p| p.value.to_owned());
            let new = NewControl {
                id: id.clone(),
                title: title.clone(),
                statement: statement(c),
                group,
                parent,
                class: class.clone(),
                label,
                sort_id,
                withdrawn,
                successors: successors(c, &at),
                depth,
            };
            let idx = if id_ok {
                self.b.control(new, At::Pointer(control_at(c, &at)))
            } else {
                None
            };
            let has_children = c
                .get("controls")
                .and_then(Value::as_array)
                .is_some_and(|a| !a.is_empty());
            let (child_group, child_parent) = match idx {
                Some(idx) if has_children => {
                    let parent_depth = group
                        .and_then(|g| self.b.groups().get(g))
                        .map_or(0, |g| usize::from(g.depth) + 1);
                    let g = self.b.group(FwGroup {
                        id,
                        title: title.unwrap_or_default(),
                        class,
                        parent: group,
                        control: Some(idx),
                        depth: catalog::depth(parent_depth),
                    });
                    self.b.control_is_group(idx, g);
                    (Some(g), Some(idx))
                }
                // A control that was not added: its children are still read, for their
                // problems, as if they stood in its place.
                _ => (group, parent),
            };
            self.controls(c, &at, child_group, child_parent, depth + 1);
        }
    }

    /// The items of list `key` with their pointers; a `key` that is not a list is a problem.
    fn list<'v>(
        &mut self,
        owner: &'v Map<String, Value>,
        key: &str,
        ptr: &str,
    ) -> Vec<(&'v Value, String)> {
        match owner.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (v, format!("{ptr}/{key}/{i}")))
                .collect(),
            Some(_) => {
                self.b.problem(
                    At::Pointer(format!("{ptr}/{key}")),
                    format!("`{key}` must be a list"),
                );
                Vec::new()
            }
        }
    }

    /// A text field; a value of another kind is a problem (and read as absent).
    fn text_field(&mut self, obj: &Map<String, Value>, key: &str, at: &str) -> Option<String> {
        match catalog::text(obj.get(key)) {
            Ok(t) => t,
            Err(what) => {
                self.b.problem(
                    At::Pointer(format!("{at}/{key}")),
                    format!("`{key}` must be text, not {what}"),
                );
                None
            }
        }
    }
}

struct Prop<'v> {
    name: &'v str,
    value: &'v str,
    /// No `ns`, or OSCAL's: `status` in another namespace may mean something else.
    oscal: bool,
}

fn props(obj: &Map<String, Value>) -> Vec<Prop<'_>> {
    obj.get("props")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|p| {
            Some(Prop {
                name: p.get("name")?.as_str()?,
                value: p.get("value")?.as_str()?.trim(),
                oscal: p
                    .get("ns")
                    .and_then(Value::as_str)
                    .is_none_or(|ns| ns.trim_end_matches('/') == OSCAL_NS),
            })
        })
        .collect()
}

/// Successor ids from `links` (`rel` `incorporated_into`/`moved_to`, as CSF writes them, or
/// with hyphens, as SP 800-53 does); `href` is the id, perhaps as a fragment (`#ac-2`).
fn successors(c: &Map<String, Value>, at: &str) -> Vec<(String, At)> {
    c.get("links")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, l)| {
            let rel = l.get("rel")?.as_str()?.replace('-', "_");
            if rel != "incorporated_into" && rel != "moved_to" {
                return None;
            }
            let href = l.get("href")?.as_str()?.trim();
            let id = href.strip_prefix('#').unwrap_or(href).trim();
            (!id.is_empty()).then(|| (id.to_owned(), At::Pointer(format!("{at}/links/{i}"))))
        })
        .collect()
}

/// The prose of the control's part named `statement` (found at any depth of its parts), with
/// the prose of the statement's own sub-parts (its items, `a.`, `1.`) appended one per line,
/// each after its label.
fn statement(c: &Map<String, Value>) -> Option<String> {
    fn find(parts: Option<&Value>) -> Option<&Value> {
        let parts = parts?.as_array()?;
        parts
            .iter()
            .find(|p| p.get("name").and_then(Value::as_str) == Some("statement"))
            .or_else(|| parts.iter().find_map(|p| find(p.get("parts"))))
    }
    fn items(part: &Value, lines: &mut Vec<String>) {
        for sub in part
            .get("parts")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let label = sub
                .get("props")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .find(|p| p.get("name").and_then(Value::as_str) == Some("label"))
                .and_then(|p| p.get("value")?.as_str());
            let prose = sub.get("prose").and_then(Value::as_str).map(str::trim);
            match (label, prose) {
                (Some(l), Some(p)) if !p.is_empty() => lines.push(format!("{} {p}", l.trim())),
                (None, Some(p)) if !p.is_empty() => lines.push(p.to_owned()),
                _ => {}
            }
            items(sub, lines);
        }
    }
    let part = find(c.get("parts"))?;
    let mut lines = Vec::new();
    if let Some(p) = part.get("prose").and_then(Value::as_str).map(str::trim) {
        if !p.is_empty() {
            lines.push(p.to_owned());
        }
    }
    items(part, &mut lines);
    (!lines.is_empty()).then(|| lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Code;

    /// Groups in groups, controls in controls, as SP 800-53 and ISO-style catalogs nest them.
    const NESTED: &str = "\
catalog:
  uuid: 5a7b9e00-0000-4000-8000-000000000001
  metadata:
    title: Example Corp Security Standard
    version: \"2.1\"
    oscal-version: 1.1.2
  groups:
    - id: org
      class: domain
      title: Organisational
      groups:
        - id: org-ac
          title: Access control
          controls:
            - id: ac-1
              class: requirement
              title: Access policy
              props:
                - {name: label, value: AC-1}
                - {name: sort-id, value: ac-01}
              parts:
                - id: ac-1_smt
                  name: statement
                  prose: 'The organisation:'
                  parts:
                    - id: ac-1_smt.a
                      name: item
                      props: [{name: label, value: a.}]
                      prose: Writes an access policy;
                      parts:
                        - id: ac-1_smt.a.1
                          name: item
                          props: [{name: label, value: '1.'}]
                          prose: covering remote access;
                    - id: ac-1_smt.b
                      name: item
                      props: [{name: label, value: b.}]
                      prose: Reviews it yearly.
                - id: ac-1_gdn
                  name: guidance
                  prose: Not part of the statement.
              controls:
                - id: ac-1.1
                  class: enhancement
                  title: Automated review
                  parts:
                    - name: overview
                      parts:
                        - {name: statement, prose: Reviews are automated.}
                - id: ac-1.2
                  title: Manual review
                  props:
                    - {name: status, value: withdrawn}
                  links:
                    - {href: '#ac-1.1', rel: moved-to}
                    - {href: '#ac-1', rel: related}
    - id: tech
      title: Technical
      controls:
        - id: tc-1
          title: Encryption
          props:
            - {name: status, ns: 'https://example.com/ns', value: withdrawn}
";

    #[test]
    fn groups_and_controls_nest_to_any_depth() {
        let c = parse_oscal(NESTED, "example.yaml").unwrap();
        assert_eq!(c.name, "Example Corp Security Standard");
        assert_eq!(c.version.as_deref(), Some("2.1"));
        let ids: Vec<&str> = c.controls.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, ["ac-1", "ac-1.1", "ac-1.2", "tc-1"]);
        type Row<'a> = (Option<&'a str>, &'a str, Option<usize>, Option<usize>, u8);
        let groups: Vec<Row> = c
            .groups
            .iter()
            .map(|g| {
                (
                    g.id.as_deref(),
                    g.title.as_str(),
                    g.parent,
                    g.control,
                    g.depth,
                )
            })
            .collect();
        assert_eq!(
            groups,
            [
                (Some("org"), "Organisational", None, None, 0),
                (Some("org-ac"), "Access control", Some(0), None, 1),
                (Some("ac-1"), "Access policy", Some(1), Some(0), 2),
                (Some("tech"), "Technical", None, None, 0),
            ]
        );
        let ac1 = c.control(0);
        assert_eq!(
            (ac1.group, ac1.parent, ac1.as_group, ac1.depth),
            (Some(1), None, Some(2), 0)
        );
        assert_eq!(ac1.label.as_deref(), Some("AC-1"));
        assert_eq!(ac1.sort_id.as_deref(), Some("ac-01"));
        assert_eq!(ac1.class.as_deref(), Some("requirement"));
        assert_eq!(
            ac1.statement.as_deref(),
            Some("The organisation:\na. Writes an access policy;\n1. covering remote access;\nb. Reviews it yearly.")
        );
        let enh = c.control(1);
        assert_eq!((enh.group, enh.parent, enh.depth), (Some(2), Some(0), 1));
        // A statement found inside another part.
        assert_eq!(enh.statement.as_deref(), Some("Reviews are automated."));
        let withdrawn = c.control(2);
        assert!(withdrawn.withdrawn);
        // `#` dropped, hyphenated rel read, `related` is no successor.
        assert_eq!(withdrawn.successors, ["ac-1.1"]);
        // `status` in a foreign namespace is not OSCAL's.
        assert!(!c.control(3).withdrawn);
        let current: Vec<&str> = c.current().map(|(_, x)| x.id.as_str()).collect();
        assert_eq!(current, ["ac-1", "ac-1.1", "tc-1"]);
    }

    #[test]
    fn same_catalog_as_json() {
        let json =
            serde_json::to_string_pretty(&crate::source::yaml::load(NESTED).unwrap().0).unwrap();
        let from_json = parse_oscal(&json, "example.json").unwrap();
        let from_yaml = parse_oscal(NESTED, "example.yaml").unwrap();
        assert_eq!(from_json.controls, from_yaml.controls);
        assert_eq!(from_json.groups, from_yaml.groups);
    }

    fn problems(text: &str) -> Vec<(u32, u32, String)> {
        match parse_oscal(text, "fw/cat.yaml") {
            Ok(c) => panic!("parsed: {c:?}"),
            Err(f) => f
                .into_iter()
                .map(|f| {
                    assert_eq!(f.code, Code::InvalidCatalog);
                    assert_eq!(f.file.as_deref(), Some("fw/cat.yaml"));
                    (f.line.unwrap(), f.column.unwrap(), f.message)
                })
                .collect(),
        }
    }

    #[test]
    fn each_problem_at_its_line() {
        let text = "\
catalog:
  metadata: {title: Broken}
  groups:
    - id: g
      title: Group
      controls:
        - title: No id
        - id: c-1
        - id: c-2
          title: Two
        - id: c-2
          title: Two again
        - id: c 3
          title: Space
        - id: 'csf:c-4'
          title: Colon
        - id: c-5
          title: Withdrawn
          props: [{name: status, value: withdrawn}]
          links:
            - {href: '#c-2', rel: incorporated_into}
            - {href: '#c-9', rel: incorporated_into}
        - id: 1.10
          title: Number
        - Just text
";
        let got = problems(text);
        let lines: Vec<u32> = got.iter().map(|p| p.0).collect();
        assert_eq!(lines, [7, 8, 11, 13, 15, 22, 23, 25], "{got:#?}");
        let messages: Vec<&str> = got.iter().map(|p| p.2.as_str()).collect();
        assert!(messages[0].contains("without `id`"));
        assert!(messages[1].contains("`c-1` has no `title`"));
        assert!(messages[2].contains("`c-2` appears twice"));
        assert!(messages[3].contains("`c 3` contains a space"));
        assert!(messages[4].contains("`csf:c-4` contains a space or `:`"));
        assert_eq!(
            messages[5],
            "withdrawn control `c-5`: successor c-9 not in the catalog"
        );
        assert_eq!(messages[6], "`id` must be text, not the number 1.1");
        assert_eq!(messages[7], "a control must be an object");
        assert_eq!((got[0].1, got[2].1), (11, 11));
    }

    #[test]
    fn not_a_catalog() {
        assert_eq!(
            problems("- a\n- b\n"),
            [(1, 1, "an OSCAL catalog is an object with a top-level `catalog`; this file is not an object".to_owned())]
        );
        let profile = problems("\n\nprofile:\n  imports: []\n");
        assert_eq!(profile.len(), 1);
        assert!(
            profile[0]
                .2
                .contains("no top-level `catalog` (found `profile`)"),
            "{profile:?}"
        );
        assert_eq!(
            problems("catalog:\n  metadata: {title: Empty}\n  groups:\n    - {id: g, title: G}\n"),
            [(1, 1, "the catalog has no controls".to_owned())]
        );
        assert_eq!(
            problems("catalog:\n  controls: {id: a, title: b}\n"),
            [(2, 3, "`controls` must be a list".to_owned())]
        );
        let syntax = problems("catalog:\n  controls:\n    - {id: a, title: b\n");
        assert_eq!(syntax.len(), 1);
        assert!(syntax[0].2.starts_with("not valid YAML"), "{syntax:?}");
    }

    #[test]
    fn json_problems_at_their_line() {
        // Pretty-printed JSON, as OSCAL tools write it: positions are worked out on error.
        let text = "{\r\n  \"catalog\": {\r\n    \"controls\": [\r\n      {\"id\": \"a\", \"title\": \"A\"},\r\n      {\"id\": \"a\", \"title\": \"Again\"}\r\n    ]\r\n  }\r\n}\r\n";
        assert_eq!(
            problems(text),
            [(
                5,
                8,
                "control id `a` appears twice; the first one counts".to_owned()
            )]
        );
        let syntax = problems("{\n  \"catalog\": {\n    \"controls\": [,]\n  }\n}\n");
        assert_eq!(syntax.len(), 1);
        assert_eq!((syntax[0].0, syntax[0].1), (3, 18), "{syntax:?}");
        assert!(syntax[0].2.starts_with("not valid JSON"), "{syntax:?}");
        // Indented with tabs (`jq --tab`), which YAML does not allow for indentation.
        let tabs = "{\n\t\"catalog\": {\n\t\t\"controls\": [\n\t\t\t{\"id\": \"a\", \"title\": \"A\"},\n\t\t\t{\"id\": \"a\", \"title\": \"Again\"}\n\t\t]\n\t}\n}\n";
        assert_eq!(problems(tabs)[0].0, 5);
        // A byte order mark, as Windows tools write it.
        assert!(parse_oscal(
            "\u{feff}{\"catalog\": {\"controls\": [{\"id\": \"a\", \"title\": \"A\"}]}}",
            "x.json"
        )
        .is_ok());
    }
}
