//! A framework's catalog as plain data: its controls in document order, the groups they sit in,
//! and lookups by id. Built by the OSCAL and simple-catalog readers through [`Builder`], which
//! owns the checks every format shares (ids, titles, duplicates, successors).

use crate::finding::{Code, Finding};
use crate::source::discover::{read_regular, Limit};
use crate::source::yaml::{self, Pos, PositionIndex};
use serde_json::Value;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

/// Names of the built-in catalogs, as written in `catalog = "…"`.
pub const BUILTIN: &[&str] = &["nist-csf-2.0"];

/// The NIST CSF 2.0 OSCAL catalog (public domain; provenance in `schema/nist-csf-2.0.NOTICE`).
const CSF_2_0: &str = include_str!("../../schema/nist-csf-2.0.json");

/// OSCAL catalogs run to a few megabytes (NIST SP 800-53 is about ten); more is not a catalog.
pub const MAX_CATALOG_BYTES: u64 = 64 * 1024 * 1024;

/// One framework's controls. Controls are kept in document order (sort-ids are not unique in
/// every catalog: CSF 2.0 repeats three).
#[derive(Debug, Clone, Default)]
pub struct FrameworkCatalog {
    /// The catalog's title (OSCAL `metadata.title`, a simple catalog's `name`, else the file name).
    pub name: String,
    /// OSCAL `metadata.version`, when there is one.
    pub version: Option<String>,
    pub controls: Vec<FwControl>,
    pub groups: Vec<FwGroup>,
    by_id: HashMap<String, usize>,
    /// Lowercased id → first control with it: `csf:pr.aa-01` still finds `PR.AA-01`.
    by_lower: HashMap<String, usize>,
}

/// A control, at any depth: in CSF 2.0 both categories (`PR.AA`) and subcategories
/// (`PR.AA-01`) are controls, told apart by `class`, so a document may cite either.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FwControl {
    pub id: String,
    pub title: String,
    /// The prose of the control's `statement` part, its items appended one per line.
    pub statement: Option<String>,
    /// The innermost group around the control: an OSCAL group, or the parent control acting as
    /// group (for a CSF subcategory, its category's entry in `groups`).
    pub group: Option<usize>,
    /// The control this one is nested in (a CSF subcategory's category).
    pub parent: Option<usize>,
    /// This control's own entry in `groups`, when it contains controls.
    pub as_group: Option<usize>,
    /// OSCAL `class` (`category`, `subcategory`); `None` in simple catalogs.
    pub class: Option<String>,
    /// OSCAL prop `label` (`Organizational Context (GV.OC)`).
    pub label: Option<String>,
    /// OSCAL prop `sort-id`, as written (not unique in every catalog).
    pub sort_id: Option<String>,
    /// Known but no longer part of the framework: never applicable.
    pub withdrawn: bool,
    /// What a withdrawn control became (`incorporated_into` / `moved_to` links), in file order.
    pub successors: Vec<String>,
    /// How many controls it is nested in: 0 for a CSF category, 1 for a subcategory.
    pub depth: u8,
}

impl FwControl {
    /// What to call the control beside its id: its title, or its statement when the title only
    /// repeats the id (CSF 2.0 subcategories are titled `GV.OC-01`).
    pub fn heading(&self) -> &str {
        match &self.statement {
            Some(s) if self.title == self.id || self.title.is_empty() => s,
            _ => &self.title,
        }
    }
}

/// A heading controls are listed under: an OSCAL group (a CSF function), a control that contains
/// controls (a CSF category), or a simple catalog's `group` text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FwGroup {
    /// `None` for a simple catalog's group, which is only a title.
    pub id: Option<String>,
    pub title: String,
    pub class: Option<String>,
    /// The group this one is nested in.
    pub parent: Option<usize>,
    /// The control this group is, when a control contains controls.
    pub control: Option<usize>,
    /// How many groups it is nested in (0 for a CSF function, 1 for a category).
    pub depth: u8,
}

impl FrameworkCatalog {
    /// The control with this id: exactly as written, else ignoring case.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.by_id
            .get(id)
            .or_else(|| self.by_lower.get(&id.to_lowercase()))
            .copied()
    }

    /// Index from [`find`](Self::find) or [`current`](Self::current).
    pub fn control(&self, idx: usize) -> &FwControl {
        &self.controls[idx]
    }

    /// The controls that are part of the framework (not withdrawn), in document order.
    pub fn current(&self) -> impl Iterator<Item = (usize, &FwControl)> {
        self.controls
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.withdrawn)
    }

    /// Controls directly under group `g` (a control acting as group: its child controls).
    pub fn controls_in(&self, g: usize) -> impl Iterator<Item = (usize, &FwControl)> {
        self.controls
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.group == Some(g))
    }

    /// Groups directly under group `g`; `None`: the top-level groups.
    pub fn subgroups(&self, g: Option<usize>) -> impl Iterator<Item = (usize, &FwGroup)> {
        self.groups
            .iter()
            .enumerate()
            .filter(move |(_, x)| x.parent == g)
    }

    /// Controls in no group (a simple catalog's controls without `group`, OSCAL top-level ones).
    pub fn ungrouped(&self) -> impl Iterator<Item = (usize, &FwControl)> {
        self.controls
            .iter()
            .enumerate()
            .filter(|(_, c)| c.group.is_none())
    }
}

/// The built-in catalog of this name, parsed once.
pub fn builtin(name: &str) -> Option<&'static FrameworkCatalog> {
    static CSF: OnceLock<Option<FrameworkCatalog>> = OnceLock::new();
    if name.eq_ignore_ascii_case("nist-csf-2.0") {
        return CSF
            .get_or_init(|| {
                // The catalog's own title is "Electronic Version of NIST Cybersecurity Framework
                // 2.0"; pages should name the framework. A unit test checks it parses cleanly.
                crate::frameworks::oscal::parse_oscal(CSF_2_0, "nist-csf-2.0")
                    .ok()
                    .map(|mut c| {
                        c.name = "NIST Cybersecurity Framework 2.0".to_owned();
                        c
                    })
            })
            .as_ref();
    }
    None
}

/// Why a catalog could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// The file cannot be read at all (missing, a link, too large): the run stops (exit 2).
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Neither a built-in catalog's name nor a file of a supported kind.
    #[error("{0}")]
    Unsupported(String),
    /// The file was read, but is not a usable catalog: `invalid-catalog` findings.
    #[error("the catalog has {} problem(s)", .0.len())]
    Invalid(Vec<Finding>),
}

/// Loads `spec`: a built-in catalog's name, or a path relative to `root` (`.json` OSCAL;
/// `.yaml`/`.yml` OSCAL when it has a top-level `catalog`, else simple; `.csv` simple).
pub fn load(root: &Path, spec: &str) -> Result<FrameworkCatalog, CatalogError> {
    load_with(spec, &|path| load_file(root, path))
}

/// Like [`load`], reading a file through `read` (a path relative to the content root): a
/// build reads through its source, so a past revision's catalog is the one committed then.
/// `read` should refuse files over [`MAX_CATALOG_BYTES`].
pub fn load_with(
    spec: &str,
    read: &dyn Fn(&str) -> std::io::Result<Vec<u8>>,
) -> Result<FrameworkCatalog, CatalogError> {
    if let Some(c) = builtin(spec) {
        return Ok(c.clone());
    }
    let ext = Path::new(spec)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let kind = match ext.as_deref() {
        Some("json") => Kind::Json,
        Some("yaml" | "yml") => Kind::Yaml,
        Some("csv") => Kind::Csv,
        _ => {
            return Err(CatalogError::Unsupported(format!(
                "catalog `{spec}` is neither built in ({}) nor a file ending in .json or .yaml (an OSCAL catalog), .yaml or .csv (a simple catalog)",
                BUILTIN.join(", ")
            )))
        }
    };
    let bytes = read(spec).map_err(|source| CatalogError::Io {
        path: spec.to_owned(),
        source,
    })?;
    let text = decode(&bytes, spec).map_err(CatalogError::Invalid)?;
    let parsed = match kind {
        Kind::Json => crate::frameworks::oscal::parse_oscal(text, spec),
        Kind::Csv => crate::frameworks::simple::parse_simple_csv(text, spec),
        Kind::Yaml => match Tree::parse(text, spec) {
            Err(f) => Err(f),
            Ok(tree) if tree.value.get("catalog").is_some() => {
                crate::frameworks::oscal::from_tree(&tree, spec)
            }
            Ok(tree) => crate::frameworks::simple::from_tree(&tree, spec),
        },
    };
    parsed.map_err(CatalogError::Invalid)
}

enum Kind {
    Json,
    Yaml,
    Csv,
}

/// Reads a catalog file inside the content folder `root`: no symbolic links, nothing outside
/// `root`, at most 64 MB. The only IO of this module.
pub fn load_file(root: &Path, path: &str) -> std::io::Result<Vec<u8>> {
    let root = root.canonicalize()?;
    read_regular(&root, &root.join(path), Some(CATALOG_LIMIT))
}

/// How large a catalog file may be.
pub const CATALOG_LIMIT: Limit = Limit {
    bytes: MAX_CATALOG_BYTES,
    what: "catalogs are",
    advice: "is this the right file?",
};

/// The file's text: UTF-8, a byte order mark dropped. Anything else is a finding saying how to
/// save it (Excel's "CSV" is Windows-1252; its "Unicode text" UTF-16).
fn decode<'a>(bytes: &'a [u8], file: &str) -> Result<&'a str, Vec<Finding>> {
    decode_as(bytes, file, Code::InvalidCatalog)
}

/// [`decode`], its findings under `code` (a mapping file's are `invalid-mapping`).
pub(crate) fn decode_as<'a>(
    bytes: &'a [u8],
    file: &str,
    code: Code,
) -> Result<&'a str, Vec<Finding>> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(vec![Finding::at(
            code,
            file,
            1,
            1,
            "the file is UTF-16 text; save it as UTF-8 (in Excel: \"CSV UTF-8\")",
        )]);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let before = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let column = 1 + before
            .rsplit(|&b| b == b'\n')
            .next()
            .map_or(0, |l| String::from_utf8_lossy(l).chars().count());
        vec![Finding::at(
            code,
            file,
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
            "the file is not UTF-8 text; save it as UTF-8 (in Excel: \"CSV UTF-8\")",
        )]
    })
}

/// A parsed YAML or JSON file and where its values are.
pub(crate) struct Tree<'a> {
    pub value: Value,
    text: &'a str,
    positions: Positions<'a>,
}

enum Positions<'a> {
    Yaml(PositionIndex),
    /// JSON is read with serde_json (the CSF catalog: about 1 ms, against 13 ms through the
    /// YAML parser); positions are worked out only when a finding needs one.
    Json {
        text: &'a str,
        index: OnceCell<PositionIndex>,
    },
}

impl<'a> Tree<'a> {
    /// JSON (a text starting with `{`) through serde_json, anything else through the YAML
    /// loader; a syntax error is a finding at its place.
    pub fn parse(text: &'a str, file: &str) -> Result<Tree<'a>, Vec<Finding>> {
        Tree::parse_as(text, file, Code::InvalidCatalog)
    }

    /// [`parse`](Tree::parse), a syntax error reported under `code`.
    pub fn parse_as(text: &'a str, file: &str, code: Code) -> Result<Tree<'a>, Vec<Finding>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut json_error = None;
        if text.trim_start().starts_with('{') {
            match serde_json::from_str::<Value>(text) {
                Ok(value) => {
                    return Ok(Tree {
                        value,
                        text,
                        positions: Positions::Json {
                            text,
                            index: OnceCell::new(),
                        },
                    })
                }
                // Perhaps YAML in flow style (`{catalog: …}`): the YAML loader decides.
                Err(e) => json_error = Some(e),
            }
        }
        match yaml::load(text) {
            Ok((value, index)) => Ok(Tree {
                value,
                text,
                positions: Positions::Yaml(index),
            }),
            Err(e) => Err(vec![match json_error {
                Some(j) => Finding::at(
                    code,
                    file,
                    u32::try_from(j.line()).unwrap_or(u32::MAX).max(1),
                    u32::try_from(j.column()).unwrap_or(u32::MAX).max(1),
                    format!("not valid JSON: {j}"),
                ),
                None => Finding::at(code, file, e.pos().line, e.pos().column, e.message()),
            }]),
        }
    }

    /// Where the value at a JSON pointer is (or its nearest ancestor that has a place).
    pub fn locate(&self, pointer: &str) -> Pos {
        let index = match &self.positions {
            Positions::Yaml(index) => index,
            Positions::Json { text, index } => index.get_or_init(|| PositionIndex::build(text)),
        };
        index.locate(pointer).unwrap_or(Pos { line: 1, column: 1 })
    }

    /// The scalar at `pointer` as written (`5.10`, which YAML reads as the number 5.1).
    pub fn raw(&self, pointer: &str) -> Option<String> {
        let index = match &self.positions {
            Positions::Yaml(index) => index,
            Positions::Json { text, index } => index.get_or_init(|| PositionIndex::build(text)),
        };
        crate::source::schema::raw_scalar(self.text, index, pointer)
    }
}

/// Where a problem is: a JSON pointer into a parsed tree, or a place already known (CSV).
#[derive(Debug, Clone)]
pub(crate) enum At {
    Pointer(String),
    Pos(u32, u32),
}

struct Problem {
    at: At,
    message: String,
    help: Option<String>,
}

/// What a reader found for one control, before the shared checks.
pub(crate) struct NewControl {
    pub id: Option<String>,
    pub title: Option<String>,
    pub statement: Option<String>,
    pub group: Option<usize>,
    pub parent: Option<usize>,
    pub class: Option<String>,
    pub label: Option<String>,
    pub sort_id: Option<String>,
    pub withdrawn: bool,
    /// Successor ids and where each is written.
    pub successors: Vec<(String, At)>,
    pub depth: usize,
}

/// Collects a catalog and its problems; [`finish`](Builder::finish) runs the checks that need
/// the whole catalog and turns problems into findings.
pub(crate) struct Builder {
    cat: FrameworkCatalog,
    problems: Vec<Problem>,
    successors: Vec<(usize, String, At)>,
}

impl Builder {
    pub fn new(name: String) -> Builder {
        Builder {
            cat: FrameworkCatalog {
                name,
                ..FrameworkCatalog::default()
            },
            problems: Vec::new(),
            successors: Vec::new(),
        }
    }

    pub fn set_version(&mut self, version: Option<String>) {
        self.cat.version = version;
    }

    pub fn problem(&mut self, at: At, message: impl Into<String>) {
        self.problems.push(Problem {
            at,
            message: message.into(),
            help: None,
        });
    }

    pub fn problem_with_help(
        &mut self,
        at: At,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.problems.push(Problem {
            at,
            message: message.into(),
            help: Some(help.into()),
        });
    }

    pub fn group(&mut self, group: FwGroup) -> usize {
        self.cat.groups.push(group);
        self.cat.groups.len() - 1
    }

    pub fn groups(&self) -> &[FwGroup] {
        &self.cat.groups
    }

    /// Adds a control after checking its id and title; `None` when it is not added (the
    /// problem is recorded). A repeated id keeps the first control.
    pub fn control(&mut self, c: NewControl, at: At) -> Option<usize> {
        let Some(id) = c.id else {
            self.problem(at, "a control without `id`: every control needs one");
            return None;
        };
        if id.is_empty() {
            self.problem(at, "a control with an empty `id`");
            return None;
        }
        if id.contains(|ch: char| ch.is_whitespace() || ch == ':') {
            self.problem_with_help(
                at,
                format!("control id `{id}` contains a space or `:`"),
                "front matter cites controls as prefix:id (csf:PR.AA-01), so ids may contain neither spaces nor `:`",
            );
            return None;
        }
        let Some(title) = c.title.filter(|t| !t.is_empty()) else {
            self.problem(at, format!("control `{id}` has no `title`"));
            return None;
        };
        if self.cat.by_id.contains_key(&id) {
            self.problem_with_help(
                at,
                format!("control id `{id}` appears twice; the first one counts"),
                "give each control its own id",
            );
            return None;
        }
        let idx = self.cat.controls.len();
        self.cat.by_id.insert(id.clone(), idx);
        self.cat.by_lower.entry(id.to_lowercase()).or_insert(idx);
        for (successor, at) in c.successors.iter().filter(|_| c.withdrawn) {
            self.successors.push((idx, successor.clone(), at.clone()));
        }
        self.cat.controls.push(FwControl {
            id,
            title,
            statement: c.statement.filter(|s| !s.is_empty()),
            group: c.group,
            parent: c.parent,
            as_group: None,
            class: c.class,
            label: c.label,
            sort_id: c.sort_id,
            withdrawn: c.withdrawn,
            successors: if c.withdrawn {
                c.successors.into_iter().map(|(s, _)| s).collect()
            } else {
                Vec::new()
            },
            depth: depth(c.depth),
        });
        Some(idx)
    }

    /// Records that control `idx` is listed as group `g`.
    pub fn control_is_group(&mut self, idx: usize, g: usize) {
        if let Some(c) = self.cat.controls.get_mut(idx) {
            c.as_group = Some(g);
        }
    }

    /// The catalog, or every problem as an `invalid-catalog` finding (in file order).
    pub fn finish(
        mut self,
        file: &str,
        locate: &dyn Fn(&str) -> Pos,
    ) -> Result<FrameworkCatalog, Vec<Finding>> {
        if self.cat.controls.is_empty() && self.problems.is_empty() {
            self.problem(At::Pointer(String::new()), "the catalog has no controls");
        }
        let successors = std::mem::take(&mut self.successors);
        for (idx, successor, at) in successors {
            let known = self.cat.by_id.contains_key(&successor)
                || self
                    .cat
                    .groups
                    .iter()
                    .any(|g| g.id.as_deref() == Some(successor.as_str()));
            if !known {
                let id = self.cat.control(idx).id.clone();
                self.problem_with_help(
                    at,
                    format!("withdrawn control `{id}`: successor {successor} not in the catalog"),
                    "correct the link's href to the id of the control that replaced it, or remove the link",
                );
            }
        }
        if self.problems.is_empty() {
            return Ok(self.cat);
        }
        let mut findings: Vec<Finding> = self
            .problems
            .into_iter()
            .map(|p| {
                let pos = match p.at {
                    At::Pointer(pointer) => locate(&pointer),
                    At::Pos(line, column) => Pos { line, column },
                };
                let f = Finding::at(Code::InvalidCatalog, file, pos.line, pos.column, p.message);
                match p.help {
                    Some(h) => f.help(h),
                    None => f,
                }
            })
            .collect();
        findings.sort_by_key(|f| (f.line, f.column));
        Err(findings)
    }
}

pub(crate) fn depth(n: usize) -> u8 {
    u8::try_from(n).unwrap_or(u8::MAX)
}

/// A value that is text: a string (trimmed) or a whole number. `Err` names what it is instead
/// (YAML reads `1.10` as the number 1.1, so such an id must be quoted).
pub(crate) fn text(v: Option<&Value>) -> Result<Option<String>, String> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_owned())),
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(Some(n.to_string())),
        Some(Value::Number(n)) => Err(format!("the number {n}")),
        Some(Value::Bool(b)) => Err(format!("`{b}`")),
        Some(Value::Array(_)) => Err("a list".to_owned()),
        Some(Value::Object(_)) => Err("a mapping".to_owned()),
    }
}

/// Where a control's problems point: its `id` key (else its `title`, else the entry), where an
/// editor's cursor should go; the entry itself may start at its first key's colon.
pub(crate) fn control_at(c: &serde_json::Map<String, Value>, at: &str) -> String {
    match ["id", "title"].into_iter().find(|k| c.contains_key(*k)) {
        Some(k) => format!("{at}/{k}"),
        None => at.to_owned(),
    }
}

/// The file name without folders and extension: a catalog's name when it states none.
pub(crate) fn stem(file: &str) -> String {
    Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(file)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csf() -> &'static FrameworkCatalog {
        builtin("nist-csf-2.0").expect("the built-in CSF 2.0 catalog parses")
    }

    #[test]
    fn builtin_csf_parse_time() {
        // Not the OnceLock: a fresh parse each time, to see what the first use costs.
        let t = std::time::Instant::now();
        let c = crate::frameworks::parse_oscal(CSF_2_0, "nist-csf-2.0");
        let parsed = t.elapsed();
        let t = std::time::Instant::now();
        let yaml = yaml::load(CSF_2_0).is_ok();
        println!(
            "built-in CSF 2.0 ({} bytes): parse_oscal {parsed:?} ({} controls); through the YAML loader instead {:?} ({yaml})",
            CSF_2_0.len(),
            c.map_or(0, |c| c.controls.len()),
            t.elapsed()
        );
    }

    #[test]
    fn builtin_csf_counts() {
        let c = csf();
        assert_eq!(c.name, "NIST Cybersecurity Framework 2.0");
        assert_eq!(c.version.as_deref(), Some("1.2.0"));
        let count = |class: &str, withdrawn: Option<bool>| {
            c.controls
                .iter()
                .filter(|x| x.class.as_deref() == Some(class))
                .filter(|x| withdrawn.is_none_or(|w| x.withdrawn == w))
                .count()
        };
        assert_eq!(count("category", None), 34);
        assert_eq!(count("category", Some(true)), 12);
        assert_eq!(count("subcategory", None), 185);
        assert_eq!(count("subcategory", Some(true)), 79);
        assert_eq!(c.controls.len(), 219);
        assert_eq!(c.current().count(), 22 + 106);
        let functions: Vec<_> = c
            .subgroups(None)
            .map(|(_, g)| (g.id.as_deref(), g.title.as_str(), g.class.as_deref()))
            .collect();
        assert_eq!(
            functions,
            [
                (Some("GV"), "GOVERN", Some("function")),
                (Some("ID"), "IDENTIFY", Some("function")),
                (Some("PR"), "PROTECT", Some("function")),
                (Some("DE"), "DETECT", Some("function")),
                (Some("RS"), "RESPOND", Some("function")),
                (Some("RC"), "RECOVER", Some("function")),
            ]
        );
        // Every category is also a group (of its subcategories), under its function.
        assert_eq!(c.groups.len(), 6 + 34);
        assert!(c.ungrouped().next().is_none());
    }

    #[test]
    fn builtin_csf_current_subcategories_are_the_csv() {
        let csv = include_str!("../../tests/fixtures/frameworks/csf2-subcategories.csv");
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let expected: Vec<[String; 5]> = reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                std::array::from_fn(|i| r[i].to_owned())
            })
            .collect();
        assert_eq!(expected.len(), 106);
        let c = csf();
        let got: Vec<[String; 5]> = c
            .current()
            .filter(|(_, x)| x.class.as_deref() == Some("subcategory"))
            .map(|(_, sub)| {
                let cat = c.control(sub.parent.unwrap());
                let function = &c.groups[cat.group.unwrap()];
                // The subcategory's group is its category's own group entry.
                assert_eq!(c.groups[sub.group.unwrap()].control, sub.parent);
                assert_eq!(sub.title, sub.id);
                assert_eq!(sub.depth, 1);
                assert_eq!(cat.depth, 0);
                [
                    function.id.clone().unwrap(),
                    cat.id.clone(),
                    cat.title.clone(),
                    sub.id.clone(),
                    sub.statement.clone().unwrap(),
                ]
            })
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn builtin_csf_withdrawn_and_lookups() {
        let c = csf();
        let am06 = c.control(c.find("ID.AM-06").unwrap());
        assert!(am06.withdrawn);
        assert_eq!(am06.successors, ["GV.RR-02", "GV.SC-02"]);
        assert_eq!(
            am06.statement.as_deref(),
            Some("Cybersecurity roles and responsibilities for the entire workforce and third-party stakeholders (e.g., suppliers, customers, partners) are established")
        );
        // A withdrawn category whose successor is a function (a group, not a control).
        let id_gv = c.control(c.find("ID.GV").unwrap());
        assert!(id_gv.withdrawn);
        assert_eq!(id_gv.successors, ["GV"]);
        // Categories are controls a document may cite, and groups of their subcategories.
        let pr_aa = c.find("PR.AA").unwrap();
        let g = c.control(pr_aa).as_group.unwrap();
        assert_eq!(c.groups[g].id.as_deref(), Some("PR.AA"));
        assert_eq!(
            c.groups[g].title,
            "Identity Management, Authentication, and Access Control"
        );
        assert_eq!(
            c.groups[c.groups[g].parent.unwrap()].id.as_deref(),
            Some("PR")
        );
        let subs: Vec<&str> = c.controls_in(g).map(|(_, x)| x.id.as_str()).collect();
        assert_eq!(
            subs,
            ["PR.AA-01", "PR.AA-02", "PR.AA-03", "PR.AA-04", "PR.AA-05", "PR.AA-06"]
        );
        assert_eq!(
            c.control(pr_aa).label.as_deref(),
            Some("Identity Management, Authentication, and Access Control (PR.AA)")
        );
        // Exact first, then ignoring case.
        assert_eq!(c.find("pr.aa-01"), c.find("PR.AA-01"));
        assert!(c.find("PR.AA-01").is_some());
        assert_eq!(c.find("PR.AA-99"), None);
        assert_eq!(c.find("PR.AA-01 "), None);
        assert!(builtin("NIST-CSF-2.0").is_some());
        assert!(builtin("nist-csf-1.1").is_none());
    }

    #[test]
    fn builtin_csf_keeps_document_order_where_sort_ids_repeat() {
        let c = csf();
        for (first, second) in [
            ("ID.IM-03", "ID.IM-04"),
            ("PR.AC-06", "PR.AC-07"),
            ("RC.CO", "RC.IM"),
            ("RC.CO-01", "RC.IM-01"),
        ] {
            let (a, b) = (c.find(first).unwrap(), c.find(second).unwrap());
            assert_eq!(
                c.control(a).sort_id,
                c.control(b).sort_id,
                "{first} {second}"
            );
            assert!(a < b, "{first} comes before {second}");
        }
        assert_eq!(
            c.control(c.find("RC.CO").unwrap()).sort_id.as_deref(),
            Some("00006.00002")
        );
    }

    fn dir(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        for (name, bytes) in files {
            let p = d.path().join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        d
    }

    #[test]
    fn load_picks_the_reader_by_name_and_extension() {
        let d = dir(&[
            (
                "frameworks/oscal.json",
                br#"{"catalog": {"metadata": {"title": "Mini"}, "controls": [{"id": "x-1", "title": "One"}]}}"#,
            ),
            (
                "frameworks/oscal.yaml",
                b"catalog:\n  metadata: {title: Mini YAML}\n  controls:\n    - {id: y-1, title: One}\n",
            ),
            (
                "frameworks/soc2.yml",
                b"name: SOC 2\ncontrols:\n  - {id: CC6.1, title: Logical access, group: CC6 Logical and Physical Access}\n",
            ),
            ("frameworks/tisax.CSV", b"\xEF\xBB\xBFid,title,group\r\n1.1.1,Policies,Policies\r\n"),
        ]);
        let root = d.path();
        assert_eq!(load(root, "nist-csf-2.0").unwrap().controls.len(), 219);
        assert_eq!(load(root, "frameworks/oscal.json").unwrap().name, "Mini");
        assert_eq!(
            load(root, "frameworks/oscal.yaml").unwrap().controls[0].id,
            "y-1"
        );
        let soc2 = load(root, "frameworks/soc2.yml").unwrap();
        assert_eq!(soc2.name, "SOC 2");
        assert_eq!(soc2.groups[0].title, "CC6 Logical and Physical Access");
        let tisax = load(root, "frameworks/tisax.CSV").unwrap();
        assert_eq!(
            (tisax.name.as_str(), tisax.controls[0].id.as_str()),
            ("tisax", "1.1.1")
        );
    }

    #[test]
    fn load_tells_unreadable_from_invalid() {
        let d = dir(&[
            ("bad.yaml", b"name: X\ncontrols:\n  - {id: A 1, title: t}\n"),
            // Excel's plain "CSV" on Windows: Windows-1252, "Maßnahme" with ß as 0xDF.
            ("excel.csv", b"id,title,group\r\nM-1,Ma\xDFnahme,Orga\r\n"),
            ("utf16.csv", b"\xFF\xFEi\0d\0"),
        ]);
        let root = d.path();
        match load(root, "frameworks/missing.yaml") {
            Err(CatalogError::Io { path, source }) => {
                assert_eq!(path, "frameworks/missing.yaml");
                assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
            }
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(load(root, "nist-csf-3"), Err(CatalogError::Unsupported(m)) if m.contains("nist-csf-2.0"))
        );
        assert!(matches!(
            load(root, "../outside.json"),
            Err(CatalogError::Io { .. })
        ));
        let invalid = |spec: &str| match load(root, spec) {
            Err(CatalogError::Invalid(f)) => f
                .iter()
                .map(|f| {
                    (
                        f.code,
                        f.file.clone().unwrap(),
                        f.line.unwrap(),
                        f.column.unwrap(),
                    )
                })
                .collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            invalid("bad.yaml"),
            [(Code::InvalidCatalog, "bad.yaml".to_owned(), 3, 6)]
        );
        assert_eq!(
            invalid("excel.csv"),
            [(Code::InvalidCatalog, "excel.csv".to_owned(), 2, 7)]
        );
        assert_eq!(
            invalid("utf16.csv"),
            [(Code::InvalidCatalog, "utf16.csv".to_owned(), 1, 1)]
        );
    }

    #[cfg(unix)]
    #[test]
    fn load_follows_no_link() {
        let d = dir(&[("real.csv", b"id,title\nA,B\n")]);
        std::os::unix::fs::symlink(d.path().join("real.csv"), d.path().join("link.csv")).unwrap();
        assert!(matches!(
            load(d.path(), "link.csv"),
            Err(CatalogError::Io { .. })
        ));
        assert!(load(d.path(), "real.csv").is_ok());
    }
}
