//! `ismsbook adopt`: front matter for the Markdown files of a repository written for GitHub,
//! inferred from what each file and the repository already say — the first heading, folder
//! and file name, CODEOWNERS, a stated owner, version and review cycle, the last commit, the
//! Annex A controls the text names. [`plan`] proposes and changes nothing; [`write`] adds each proposal to its file.
//!
//! The files are those a build reads (the same discovery), and only those without front
//! matter: a file that has some, valid or not, is never touched, so a second run proposes
//! nothing.

pub mod infer;
pub mod owners;
pub mod soa;
pub mod stated;
pub mod write;

use crate::catalog::Catalog;
use crate::config::Config;
use crate::error::Error;
use crate::finding::Code;
use crate::pipeline::Context;
use crate::source::document::{self, ParsedFile};
use crate::source::meta::DocType;
use crate::source::{frontmatter, scan, Source, WorkTree};
use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// One field of a proposal: as written into the front matter, and where it came from.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub name: &'static str,
    /// The YAML value as written (`"1.0"`, `Access Control Policy`).
    pub value: String,
    pub from: String,
}

/// A control the text names, proposed for `controls`.
#[derive(Debug, Clone, Serialize)]
pub struct ControlFound {
    pub control: String,
    pub title: String,
    /// As the text names it: `A.5.15`, `A.9.2.3` (2013), `A.5.1–A.5.3`.
    pub written: String,
    pub from_2013: bool,
    pub line: u32,
}

/// Front matter for one file.
#[derive(Debug, Clone, Serialize)]
pub struct Proposal {
    pub path: String,
    /// The block to add, with `\n` line endings (written with the file's own).
    pub front_matter: String,
    pub fields: Vec<Field>,
    pub controls: Vec<ControlFound>,
    /// Controls the imported Statement of Applicability assigns to the document
    /// (`adopt --soa`), with the cell each came from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub from_soa: Vec<SoaControl>,
    /// The id and title proposed, as values (not YAML).
    #[serde(skip)]
    pub id: String,
    #[serde(skip)]
    pub title: String,
    #[serde(skip)]
    lines: Vec<String>,
    #[serde(skip)]
    original: Vec<u8>,
}

/// A control an imported SoA assigns to a document without front matter.
#[derive(Debug, Clone, Serialize)]
pub struct SoaControl {
    pub control: String,
    pub title: String,
    /// `SoA.xlsx, sheet SoA, row 12, column G`.
    pub from: String,
}

/// A file left as it is, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Left {
    pub path: String,
    pub reason: String,
}

#[derive(Debug, Default, Serialize)]
pub struct Plan {
    pub proposals: Vec<Proposal>,
    /// Files with valid front matter: nothing to do.
    pub adopted: usize,
    /// Files with front matter that does not load: left for a person to fix.
    pub invalid: Vec<Left>,
    /// Files that could not be read (not UTF-8, too large, a link, a folder not readable).
    pub problems: Vec<Left>,
    /// About the repository as a whole (a CODEOWNERS that cannot be read).
    pub notes: Vec<String>,
}

/// Status of every adopted document: they are the policies the team works by (GitHub shows
/// them as such), and a draft is left out of the site unless the build is given `--drafts`.
const STATUS: &str = "approved";

/// The version of a document whose text states none.
const DEFAULT_VERSION: &str = "1.0";

enum Read {
    Candidate(String, Vec<u8>),
    Adopted(Option<String>),
    Invalid(Option<String>, String),
    Problem(String),
}

/// Proposes front matter for every document without it; changes nothing.
pub fn plan(ctx: &Context) -> Result<Plan, Error> {
    let source = WorkTree::new(&ctx.root, &ctx.output)?;
    let paths = source.documents()?;
    let mut out = Plan::default();
    for f in source.listing()?.problems() {
        out.problems.push(Left {
            path: f.file.clone().unwrap_or_default(),
            reason: f.message.clone(),
        });
    }
    let read: Vec<(String, Read)> = paths
        .par_iter()
        .map(|path| (path.clone(), read(&source, path)))
        .collect();
    let mut taken: HashSet<String> = HashSet::new();
    let mut candidates = Vec::new();
    for (path, r) in read {
        match r {
            Read::Candidate(text, bytes) => candidates.push((path, text, bytes)),
            Read::Adopted(id) => {
                out.adopted += 1;
                taken.extend(id);
            }
            Read::Invalid(id, reason) => {
                taken.extend(id);
                out.invalid.push(Left { path, reason });
            }
            Read::Problem(reason) => out.problems.push(Left { path, reason }),
        }
    }
    if candidates.is_empty() {
        return Ok(out);
    }
    // One `git log` for every file's last commit.
    let dates: Option<HashMap<String, Date>> = crate::git::Log::read(&ctx.root, None)
        .map(|log| log.last_changed().map(|(p, d)| (p.to_owned(), d)).collect());
    let codeowners = match owners::Codeowners::find(&ctx.root) {
        Ok(c) => c,
        Err(e) => {
            out.notes.push(format!("CODEOWNERS not read: {e}"));
            None
        }
    };
    let known = Known {
        config: &ctx.config,
        today: ctx.today,
        codeowners: codeowners.as_ref(),
        dates: dates.as_ref(),
    };
    let mut next = next_numbers(&taken);
    for (path, text, bytes) in candidates {
        let proposed = propose(&known, path, &text, bytes, |prefix| {
            let n = next.entry(prefix).or_insert(1);
            let mut id = format!("{prefix}-{:03}", *n);
            while taken.contains(&id) {
                *n += 1;
                id = format!("{prefix}-{:03}", *n);
            }
            *n += 1;
            taken.insert(id.clone());
            id
        });
        match proposed {
            Ok(proposal) => out.proposals.push(proposal),
            Err(left) => out.problems.push(left),
        }
    }
    Ok(out)
}

/// What the repository says beyond a file's own text.
struct Known<'a> {
    config: &'a Config,
    today: Date,
    codeowners: Option<&'a owners::Codeowners>,
    /// Each file's last commit; `None` outside a Git repository.
    dates: Option<&'a HashMap<String, Date>>,
}

/// What [`propose_file`] makes of one file.
#[derive(Debug)]
pub enum Proposed {
    Proposal(Proposal),
    /// The file has front matter (valid or not): nothing to propose.
    HasFrontMatter,
    /// Not proposed, and why (not UTF-8; the proposal would not load).
    Problem(String),
}

/// The proposal for one file on its own, as [`plan`] makes it in a folder without Git,
/// CODEOWNERS or other documents (ids start at 1): what the fuzz target runs, no files needed.
pub fn propose_file(config: &Config, today: Date, path: &str, bytes: Vec<u8>) -> Proposed {
    let (text, bytes) = match classify(path, bytes) {
        Read::Candidate(text, bytes) => (text, bytes),
        Read::Adopted(_) | Read::Invalid(..) => return Proposed::HasFrontMatter,
        Read::Problem(why) => return Proposed::Problem(why),
    };
    let known = Known {
        config,
        today,
        codeowners: None,
        dates: None,
    };
    match propose(&known, path.to_owned(), &text, bytes, |p| {
        format!("{p}-001")
    }) {
        Ok(p) => Proposed::Proposal(p),
        Err(left) => Proposed::Problem(left.reason),
    }
}

/// Front matter for one file without it; `id` gives the id for a prefix. Refused (a problem to
/// report) when the result would not load.
fn propose(
    known: &Known,
    path: String,
    text: &str,
    bytes: Vec<u8>,
    id: impl FnOnce(&'static str) -> String,
) -> Result<Proposal, Left> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (doc_type, type_from) = infer::doc_type(&path);
    let id = id(infer::id_prefix(doc_type));
    let id_from = format!("the next free number for {}", doc_type.as_str());
    let (title, title_from) = match infer::title(body) {
        Some((t, line)) => (t, format!("the first heading, line {line}")),
        None => (
            infer::title_from_name(&path),
            "the file name (no H1 in the text)".to_owned(),
        ),
    };
    let said = stated::stated(body);
    let (owner, owner_from) = owner(known, &path, said.owner.as_ref());
    let (version, version_from) = match infer::version(body) {
        Some((v, line, how)) => (v, format!("{how}, line {line}")),
        None => (
            DEFAULT_VERSION.to_owned(),
            "no version stated in the text".to_owned(),
        ),
    };
    let (reviewed, reviewed_from) = match known.dates {
        Some(dates) => match dates.get(&path) {
            Some(d) => (*d, "the last commit that changed the file".to_owned()),
            None => (known.today, "not committed yet: today".to_owned()),
        },
        None => (known.today, "not in a Git repository: today".to_owned()),
    };
    let controls = controls(body, &path);
    let mut lines = vec![
        format!("id: {}", write::scalar(&id)),
        format!("title: {}", write::scalar(&title)),
        format!("type: {}", doc_type.as_str()),
        format!("owner: {}", write::scalar(&owner)),
        format!("version: {}", write::quoted(&version)),
        format!("status: {STATUS}"),
        format!("last_reviewed: {reviewed}"),
    ];
    let interval = review_interval(known.config, said.review_interval.as_ref());
    if let Some((Some(months), _)) = &interval {
        lines.push(format!("review_interval: {months}"));
    }
    if !controls.is_empty() {
        let ids: Vec<String> = controls.iter().map(|c| write::quoted(&c.control)).collect();
        lines.push(format!("controls: [{}]", ids.join(", ")));
    }
    let mut fields = vec![
        field("id", &lines[0], id_from),
        field("title", &lines[1], title_from),
        field("type", &lines[2], type_from),
        field("owner", &lines[3], owner_from),
        field("version", &lines[4], version_from),
        field(
            "status",
            &lines[5],
            "the files are the policies in force; drafts are published only with --drafts"
                .to_owned(),
        ),
        field("last_reviewed", &lines[6], reviewed_from),
    ];
    if let Some((months, from)) = interval {
        fields.push(Field {
            name: "review_interval",
            value: months.map(|m| m.to_string()).unwrap_or_default(),
            from,
        });
    }
    let proposal = Proposal {
        front_matter: write::block(&lines, "\n"),
        path,
        fields,
        controls,
        from_soa: Vec::new(),
        id,
        title,
        lines,
        original: bytes,
    };
    // What is written must load: checked on the very bytes, with the loader itself.
    match loads(&proposal) {
        Ok(()) => Ok(proposal),
        Err(why) => Err(Left {
            path: proposal.path,
            reason: format!("the proposed front matter would not load ({why}); add it by hand"),
        }),
    }
}

fn field(name: &'static str, line: &str, from: String) -> Field {
    let value = line.split_once(": ").map_or(line, |(_, v)| v).to_owned();
    Field { name, value, from }
}

fn read(source: &WorkTree, path: &str) -> Read {
    match source.read(path) {
        Ok(bytes) => classify(path, bytes),
        Err(e) => Read::Problem(format!("cannot read it: {e}")),
    }
}

/// A file's bytes: a candidate (no front matter), adopted, invalid, or not text.
fn classify(path: &str, bytes: Vec<u8>) -> Read {
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t.to_owned(),
        Err(e) => {
            return Read::Problem(format!(
                "not UTF-8 text (byte {} is not valid): re-save it as UTF-8, then run adopt again",
                e.valid_up_to() + 1
            ))
        }
    };
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let split = frontmatter::split(body);
    if split.yaml.is_none() && !split.unclosed {
        return Read::Candidate(text, bytes);
    }
    let ParsedFile::Doc(doc) = document::parse(path, bytes) else {
        return Read::Problem("not UTF-8 text".into());
    };
    let id = doc.meta.id.as_ref().map(|l| l.value.clone());
    if doc.front_matter_ok {
        return Read::Adopted(id);
    }
    let why = doc
        .findings
        .iter()
        .find(|f| f.code == Code::InvalidFrontMatter)
        .map(|f| format!("line {}: {}", f.line.unwrap_or(1), f.message))
        .unwrap_or_else(|| "it does not load".into());
    Read::Invalid(
        id,
        format!("has front matter that does not load ({why}); left for you to fix"),
    )
}

/// For each id prefix, the number after the highest in use (`POL-7` in use: next is 8), so an
/// id once given is never given again, whatever is adopted later.
fn next_numbers(taken: &HashSet<String>) -> HashMap<&'static str, u32> {
    let mut next = HashMap::new();
    for t in DocType::ALL {
        let prefix = infer::id_prefix(t);
        let highest = taken
            .iter()
            .filter_map(|id| {
                let (p, n) = id.split_once('-')?;
                (p.eq_ignore_ascii_case(prefix) && n.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| n.parse::<u32>().ok())
                    .flatten()
            })
            .max()
            .unwrap_or(0);
        next.insert(prefix, highest.saturating_add(1));
    }
    next
}

fn owner(known: &Known, path: &str, in_text: Option<&stated::Stated<String>>) -> (String, String) {
    let table = &known.config.owners;
    if let Some((c, (handle, rule))) = known.codeowners.and_then(|c| Some((c, c.owner_of(path)?))) {
        let file = &c.file;
        let (owner, known) = owners::owner_for_handle(table, handle);
        let from = if known {
            format!("{file} line {rule} ({handle}, which [owners] names {owner:?})")
        } else if table.is_empty() {
            format!("{file} line {rule}")
        } else {
            format!(
                "{file} line {rule}; {handle} is not in [owners], so `check` warns until it is added (unknown-owner)"
            )
        };
        return (owner, from);
    }
    if let Some(said) = in_text {
        let where_ = format!("stated in the text, line {} ({})", said.line, said.how);
        // The name `[owners]` uses for it: `ciso` is `CISO`, `@acme/security` is its owner.
        let key = table.keys().find(|k| k.eq_ignore_ascii_case(&said.value));
        let (owner, known) = match key {
            Some(k) => (k.clone(), true),
            None => owners::owner_for_handle(table, &said.value),
        };
        let from = if known && owner != said.value {
            format!("{where_}; [owners] names it {owner:?}")
        } else if known || table.is_empty() {
            where_
        } else {
            format!(
                "{where_}; {:?} is not in [owners], so `check` warns until it is added (unknown-owner)",
                said.value
            )
        };
        return (owner, from);
    }
    if table.len() == 1 {
        if let Some(only) = table.keys().next() {
            return (
                only.clone(),
                "the only owner in [owners] of ismsbook.toml".to_owned(),
            );
        }
    }
    (
        owners::PLACEHOLDER.to_owned(),
        "a placeholder: no CODEOWNERS rule names an owner and [owners] has no single one; `check` warns (unknown-owner) until you name the owner".to_owned(),
    )
}

/// The months to write for `review_interval`, or `None` when the text states the configured
/// default (nothing to write), with why; `None` when the text states no cycle.
fn review_interval(
    config: &Config,
    in_text: Option<&stated::Stated<u32>>,
) -> Option<(Option<u32>, String)> {
    let said = in_text?;
    let default = config.review.interval_months;
    let where_ = format!("stated in the text, line {} ({})", said.line, said.how);
    Some(if said.value == default {
        (
            None,
            format!("not written: {where_} is the default, [review] interval_months = {default}"),
        )
    } else {
        (Some(said.value), where_)
    })
}

fn controls(body: &str, path: &str) -> Vec<ControlFound> {
    let catalog = Catalog::iso27001_2022();
    let mut found: Vec<(usize, ControlFound)> = scan::scan(body, 1, path)
        .mentions
        .into_iter()
        .filter_map(|m| {
            let idx = catalog.find(&m.control)?;
            Some((
                idx,
                ControlFound {
                    title: catalog.control(idx).title.clone(),
                    control: m.control,
                    written: m.written,
                    from_2013: m.from_2013,
                    line: m.line,
                },
            ))
        })
        .collect();
    found.sort_by_key(|(idx, _)| *idx);
    found.into_iter().map(|(_, c)| c).collect()
}

/// The file as it would be written loads with valid front matter and no unknown field.
fn loads(p: &Proposal) -> Result<(), String> {
    match document::parse(&p.path, p.written()) {
        ParsedFile::Doc(doc) => match doc
            .findings
            .iter()
            .find(|f| matches!(f.code, Code::InvalidFrontMatter | Code::UnknownField))
        {
            Some(f) => Err(f.message.clone()),
            None => Ok(()),
        },
        ParsedFile::Unreadable(f) => Err(f.message),
    }
}

impl Proposal {
    /// Proposes no `controls` (the file is the SoA being imported), and says why.
    pub fn clear_controls(&mut self, why: &str) {
        self.controls.clear();
        self.lines.retain(|l| !l.starts_with("controls:"));
        self.front_matter = write::block(&self.lines, "\n");
        self.fields.push(Field {
            name: "controls",
            value: String::new(),
            from: why.to_owned(),
        });
    }

    /// Adds controls from an imported SoA to the proposal (`controls` in catalog order, each
    /// once); refused, leaving the proposal as it was, if the result would not load.
    pub fn add_soa_controls(&mut self, add: Vec<SoaControl>) -> Result<(), String> {
        let catalog = Catalog::iso27001_2022();
        let mut ids: Vec<(usize, String)> = self
            .controls
            .iter()
            .map(|c| c.control.clone())
            .chain(add.iter().map(|c| c.control.clone()))
            .filter_map(|id| Some((catalog.find(&id)?, id)))
            .collect();
        ids.sort();
        ids.dedup_by_key(|(idx, _)| *idx);
        let line = format!(
            "controls: [{}]",
            ids.iter()
                .map(|(_, id)| write::quoted(id))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let before = self.lines.clone();
        match self.lines.iter_mut().find(|l| l.starts_with("controls:")) {
            Some(l) => *l = line,
            None => self.lines.push(line),
        }
        self.front_matter = write::block(&self.lines, "\n");
        if let Err(why) = loads(self) {
            self.lines = before;
            self.front_matter = write::block(&self.lines, "\n");
            return Err(why);
        }
        self.from_soa.extend(add);
        Ok(())
    }

    /// The file's bytes with the front matter added, as [`write`] writes them.
    pub fn written(&self) -> Vec<u8> {
        write::with_front_matter(&self.original, &self.front_matter_for_file())
    }

    /// The block with the file's own line endings.
    fn front_matter_for_file(&self) -> String {
        let text = String::from_utf8_lossy(&self.original);
        write::block(&self.lines, write::newline_of(&text))
    }
}

/// What writing one proposal did.
pub struct Written {
    pub path: String,
    pub result: std::io::Result<()>,
}

/// Adds each proposal's front matter to its file (see [`write::replace`]).
pub fn write(ctx: &Context, plan: &Plan) -> Vec<Written> {
    let root = &ctx.root;
    plan.proposals
        .iter()
        .map(|p| Written {
            path: p.path.clone(),
            result: write::replace(&root.join(&p.path), &p.original, &p.written()),
        })
        .collect()
}

/// Controls by line, for a report: `A.5.15 line 12 (Annex A 5.15)`.
pub fn describe(c: &ControlFound) -> String {
    let mut s = format!("{} {} — line {}", c.control, c.title, c.line);
    if c.from_2013 {
        s.push_str(&format!(" (as {}, ISO/IEC 27001:2013)", c.written));
    } else if c.written != c.control {
        s.push_str(&format!(" (in {})", c.written));
    }
    s
}
