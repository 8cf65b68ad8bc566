//! Simple catalogs, for frameworks with no OSCAL edition: a YAML file
//! (`name:` and `controls: [{id, title, group, statement}]`) or a CSV table with the columns
//! `id,title,group` and optionally `statement`. Groups are the distinct `group` texts, in the
//! order they first appear.

use super::catalog::{self, control_at, At, Builder, FrameworkCatalog, FwGroup, NewControl, Tree};
use crate::finding::Finding;
use serde_json::Value;
use std::collections::HashMap;

const SHAPE: &str = "a simple catalog is `name: …` and `controls:`, a list of `{id, title, group}` (`statement` optional)";

/// Reads a simple YAML catalog; `file` is the path findings name.
pub fn parse_simple_yaml(text: &str, file: &str) -> Result<FrameworkCatalog, Vec<Finding>> {
    let tree = Tree::parse(text, file)?;
    from_tree(&tree, file)
}

pub(crate) fn from_tree(tree: &Tree, file: &str) -> Result<FrameworkCatalog, Vec<Finding>> {
    let locate = |p: &str| tree.locate(p);
    let root = tree.value.as_object();
    let name = root
        .and_then(|r| catalog::text(r.get("name")).ok().flatten())
        .filter(|n| !n.is_empty());
    let mut b = Builder::new(name.unwrap_or_else(|| catalog::stem(file)));
    let mut groups = Groups::default();
    match root.map(|r| r.get("controls")) {
        None => b.problem(At::Pos(1, 1), format!("not a mapping: {SHAPE}")),
        Some(None) => b.problem(At::Pos(1, 1), format!("no `controls`: {SHAPE}")),
        Some(Some(Value::Array(controls))) => {
            for (i, c) in controls.iter().enumerate() {
                let at = format!("/controls/{i}");
                let Some(c) = c.as_object() else {
                    b.problem(
                        At::Pointer(at),
                        "a control must be a mapping: `{id: …, title: …, group: …}`",
                    );
                    continue;
                };
                let mut field = |key: &str| match catalog::text(c.get(key)) {
                    Ok(t) => t,
                    Err(what) => {
                        let help = if key == "id" {
                            "quote the id (`id: \"1.10\"`): YAML reads 1.10 as the number 1.1"
                        } else {
                            "write it as text"
                        };
                        b.problem_with_help(
                            At::Pointer(format!("{at}/{key}")),
                            format!("`{key}` must be text, not {what}"),
                            help,
                        );
                        None
                    }
                };
                let id_ok = catalog::text(c.get("id")).is_ok();
                let (id, title, group, statement) = (
                    field("id"),
                    field("title"),
                    field("group"),
                    field("statement"),
                );
                let group = groups.get(&mut b, group);
                // An id that is no text is reported as such, not again as missing.
                if id_ok {
                    b.control(
                        new(id, title, group, statement),
                        At::Pointer(control_at(c, &at)),
                    );
                }
            }
        }
        Some(Some(_)) => b.problem(
            At::Pointer("/controls".to_owned()),
            format!("`controls` must be a list: {SHAPE}"),
        ),
    }
    b.finish(file, &locate)
}

/// Reads a simple CSV catalog: a header row naming the columns (`id`, `title`, `group`,
/// `statement`; any order and case, others ignored), then one control per row. Commas or, as
/// Excel writes them in much of Europe, semicolons or tabs.
pub fn parse_simple_csv(text: &str, file: &str) -> Result<FrameworkCatalog, Vec<Finding>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut b = Builder::new(catalog::stem(file));
    let no_positions = |_: &str| crate::source::yaml::Pos { line: 1, column: 1 };
    let header = text.lines().next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| (header.bytes().filter(|&c| c == d).count(), d == b','))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let columns: HashMap<String, usize> = match records.next() {
        Some(Ok(head)) => head
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim().to_lowercase(), i))
            .collect(),
        Some(Err(e)) => {
            b.problem(At::Pos(1, 1), format!("not valid CSV: {e}"));
            return b.finish(file, &no_positions);
        }
        None => {
            b.problem(At::Pos(1, 1), "the file is empty: the first row must name the columns id, title, group (and optionally statement)");
            return b.finish(file, &no_positions);
        }
    };
    let missing: Vec<&str> = ["id", "title"]
        .into_iter()
        .filter(|c| !columns.contains_key(*c))
        .collect();
    if !missing.is_empty() {
        b.problem(
            At::Pos(1, 1),
            format!(
                "the first row must name the columns id, title, group (and optionally statement); {} missing",
                missing
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
        );
        return b.finish(file, &no_positions);
    }
    let mut groups = Groups::default();
    let mut lines = Lines {
        text,
        byte: 0,
        line: 1,
    };
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = lines.at(e.position().map_or(0, |p| p.byte()));
                b.problem(At::Pos(line, 1), format!("not valid CSV: {e}"));
                continue;
            }
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let line = lines.at(record.position().map_or(0, |p| p.byte()));
        let cell = |name: &str| {
            columns
                .get(name)
                .and_then(|&i| record.get(i))
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let group = groups.get(&mut b, cell("group"));
        b.control(
            new(cell("id"), cell("title"), group, cell("statement")),
            At::Pos(line, 1),
        );
    }
    b.finish(file, &no_positions)
}

/// The line of a byte offset, counted on from the previous record's (records come in order,
/// so the whole file is counted once). The csv crate's own line does not count line breaks
/// inside quoted fields.
struct Lines<'a> {
    text: &'a str,
    byte: usize,
    line: u32,
}

impl Lines<'_> {
    fn at(&mut self, byte: u64) -> u32 {
        let mut byte = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        // After CRLF the csv crate starts the next record at the LF: the record's first
        // character is past the line breaks.
        while matches!(self.text.as_bytes().get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        if byte > self.byte {
            let newlines = self
                .text
                .as_bytes()
                .get(self.byte..byte)
                .unwrap_or_default();
            let n = memchr::memchr_iter(b'\n', newlines).count();
            self.line = self
                .line
                .saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
            self.byte = byte;
        }
        self.line
    }
}

fn new(
    id: Option<String>,
    title: Option<String>,
    group: Option<usize>,
    statement: Option<String>,
) -> NewControl {
    NewControl {
        id,
        title,
        statement,
        group,
        parent: None,
        class: None,
        label: None,
        sort_id: None,
        withdrawn: false,
        successors: Vec::new(),
        depth: 0,
    }
}

/// A simple catalog's groups: one per distinct `group` text.
#[derive(Default)]
struct Groups(HashMap<String, usize>);

impl Groups {
    fn get(&mut self, b: &mut Builder, title: Option<String>) -> Option<usize> {
        let title = title.filter(|t| !t.is_empty())?;
        if let Some(&g) = self.0.get(&title) {
            return Some(g);
        }
        let g = b.group(FwGroup {
            id: None,
            title: title.clone(),
            class: None,
            parent: None,
            control: None,
            depth: 0,
        });
        self.0.insert(title, g);
        Some(g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Code;

    fn problems(r: Result<FrameworkCatalog, Vec<Finding>>, file: &str) -> Vec<(u32, String)> {
        match r {
            Ok(c) => panic!("parsed: {c:?}"),
            Err(f) => f
                .into_iter()
                .map(|f| {
                    assert_eq!(f.code, Code::InvalidCatalog);
                    assert_eq!(f.file.as_deref(), Some(file));
                    (f.line.unwrap(), f.message)
                })
                .collect(),
        }
    }

    #[test]
    fn yaml_catalog() {
        let text = "\
# SOC 2 criteria we hold a licence for
name: SOC 2 Trust Services Criteria
controls:
  - {id: CC6.1, title: Logical access security software, group: CC6 Logical and Physical Access}
  - id: CC6.2
    title: User registration and authorisation
    group: CC6 Logical and Physical Access
    statement: >
      Prior to issuing system credentials, the entity registers
      and authorizes new users. 🔐
  - {id: CC7.1, title: Detection of changes, group: CC7 System Operations}
  - {id: A1.1, title: Capacity}
";
        let c = parse_simple_yaml(text, "frameworks/soc2.yaml").unwrap();
        assert_eq!(c.name, "SOC 2 Trust Services Criteria");
        let rows: Vec<(&str, Option<usize>)> = c
            .controls
            .iter()
            .map(|x| (x.id.as_str(), x.group))
            .collect();
        assert_eq!(
            rows,
            [
                ("CC6.1", Some(0)),
                ("CC6.2", Some(0)),
                ("CC7.1", Some(1)),
                ("A1.1", None)
            ]
        );
        let groups: Vec<&str> = c.groups.iter().map(|g| g.title.as_str()).collect();
        assert_eq!(
            groups,
            ["CC6 Logical and Physical Access", "CC7 System Operations"]
        );
        assert_eq!(
            c.control(1).statement.as_deref(),
            Some("Prior to issuing system credentials, the entity registers and authorizes new users. 🔐")
        );
        assert_eq!(
            c.ungrouped()
                .map(|(_, x)| x.id.as_str())
                .collect::<Vec<_>>(),
            ["A1.1"]
        );
        assert_eq!(c.find("cc6.1"), Some(0));
        // No name: the file's.
        let c = parse_simple_yaml("controls:\n  - {id: X, title: Y}\n", "fw/soc2.yaml").unwrap();
        assert_eq!(c.name, "soc2");
    }

    #[test]
    fn yaml_problems_at_their_line() {
        let text = "\
name: ISO 27017
controls:
  - {id: CLD.6.3.1, title: Shared roles}
  - id: 1.10
    title: Read as a number
  - id: CLD.9.5.1
  - {id: CLD.6.3.1, title: Again}
  - just text
";
        let got = problems(parse_simple_yaml(text, "fw/x.yaml"), "fw/x.yaml");
        assert_eq!(
            got,
            [
                (4, "`id` must be text, not the number 1.1".to_owned()),
                (6, "control `CLD.9.5.1` has no `title`".to_owned()),
                (
                    7,
                    "control id `CLD.6.3.1` appears twice; the first one counts".to_owned()
                ),
                (
                    8,
                    "a control must be a mapping: `{id: …, title: …, group: …}`".to_owned()
                ),
            ]
        );
        let help = parse_simple_yaml(text, "fw/x.yaml").unwrap_err()[0]
            .help
            .clone();
        assert!(help.unwrap().contains("quote the id"));
        assert_eq!(
            problems(parse_simple_yaml("name: X\n", "x.yaml"), "x.yaml")[0].0,
            1
        );
        assert!(problems(
            parse_simple_yaml("name: X\ncontrols: []\n", "x.yaml"),
            "x.yaml"
        )[0]
        .1
        .contains("no controls"));
        assert_eq!(
            problems(
                parse_simple_yaml("name: X\n\ncontrols: CC6.1\n", "x.yaml"),
                "x.yaml"
            )[0]
            .0,
            3
        );
    }

    #[test]
    fn csv_as_excel_writes_it() {
        // BOM, CRLF, quoted commas and a quoted line break, columns in another order and case,
        // an extra column, an empty row.
        let text = "\u{feff}ID,Group,Title,Statement,Owner\r\n\
CC6.1,CC6 Logical and Physical Access,\"Logical access security software, infrastructure, and architectures\",,CISO\r\n\
CC6.2,CC6 Logical and Physical Access,User registration,\"Prior to issuing credentials,\r\nthe entity registers users.\",CISO\r\n\
,,,,\r\n\
A1.1,,Capacity,,\r\n";
        let c = parse_simple_csv(text, "frameworks/soc2.csv").unwrap();
        assert_eq!(c.name, "soc2");
        let rows: Vec<(&str, &str, Option<usize>)> = c
            .controls
            .iter()
            .map(|x| (x.id.as_str(), x.title.as_str(), x.group))
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "CC6.1",
                    "Logical access security software, infrastructure, and architectures",
                    Some(0)
                ),
                ("CC6.2", "User registration", Some(0)),
                ("A1.1", "Capacity", None),
            ]
        );
        assert_eq!(
            c.control(1).statement.as_deref(),
            Some("Prior to issuing credentials,\r\nthe entity registers users.")
        );
        assert_eq!(c.control(0).statement, None);
        // Semicolons, as Excel writes CSV where the decimal separator is a comma.
        let c = parse_simple_csv(
            "id;title;group\n1.1.1;Richtlinien, Organisation;Informationssicherheit\n",
            "tisax.csv",
        )
        .unwrap();
        assert_eq!(c.control(0).title, "Richtlinien, Organisation");
    }

    #[test]
    fn csv_problems_at_their_line() {
        let text = "id,title,group\r\n\
A.1,\"Policy, reviewed\",G\r\n\
A.2,\"A title\r\nover two lines\",G\r\n\
A.3,,G\r\n\
A.1,Again,G\r\n\
A 4,Space,G\r\n";
        assert_eq!(
            problems(parse_simple_csv(text, "c.csv"), "c.csv"),
            [
                (5, "control `A.3` has no `title`".to_owned()),
                (
                    6,
                    "control id `A.1` appears twice; the first one counts".to_owned()
                ),
                (7, "control id `A 4` contains a space or `:`".to_owned()),
            ]
        );
        assert_eq!(
            problems(parse_simple_csv("control,name\nA,B\n", "c.csv"), "c.csv"),
            [(1, "the first row must name the columns id, title, group (and optionally statement); `id` and `title` missing".to_owned())]
        );
        assert_eq!(problems(parse_simple_csv("", "c.csv"), "c.csv")[0].0, 1);
        assert!(
            problems(parse_simple_csv("id,title,group\r\n", "c.csv"), "c.csv")[0]
                .1
                .contains("no controls")
        );
    }
}
