//! `ismsbook adopt --soa PATH`: the Statement of Applicability an organisation already has
//! (a Markdown table, a CSV, an Excel workbook) into `soa.yaml` and into the `controls` of the
//! documents it names. Every value taken is traced to its cell; what cannot be read is
//! reported with its cell, never guessed.
//!
//! The stages: [`read`] the file into sheets of cells; find the sheet and its [`columns`];
//! read each row's cells ([`values`], [`refs`]); merge rows per control; [`edit`] the files.

pub mod columns;
pub mod edit;
pub mod read;
pub mod refs;
pub mod values;

use super::{Plan, SoaControl};
use crate::catalog::{Catalog, ControlIdx};
use crate::error::Error;
use crate::model::soa::ImplStatus;
use crate::pipeline::Context;
use crate::source::document::{self, ParsedFile};
use crate::source::{Source, WorkTree};
use columns::{Layout, Reason, Role};
use rayon::prelude::*;
use read::{column_name, Cell, Sheet};
use refs::{How, Ref, Target, Targets};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use values::{IdMeaning, StatusRead, YesNo};

/// A workbook larger than this is not an SoA (93 rows); refused before it is unpacked.
const MAX_SOA_BYTES: u64 = 64 * 1024 * 1024;

/// What the export writes for a control without a justification of its own: not a decision
/// to import back.
const DERIVED_JUSTIFICATION: &str = "Implemented by the documents listed";

/// What to import, as the command line says it.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub path: PathBuf,
    pub sheet: Option<String>,
    pub columns: Vec<(Role, usize)>,
}

/// A cell not imported as written, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Reported {
    /// `row 12, column C`.
    pub cell: String,
    pub text: String,
    pub why: String,
    /// The cell's value was left out (`true`) or read another way and imported (`false`).
    pub left_out: bool,
}

/// What the SoA decides for one control, with the row it came from.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    pub control: String,
    pub row: u32,
    /// As written, when not the 2022 id itself (`5.1`, `A.9.2.3`).
    pub written: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applicable: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ImplStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub documents: Vec<Pair>,
    /// The cell that says whether the control applies, and its text.
    #[serde(skip)]
    pub applicable_cell: Option<(String, String)>,
}

/// One control → document assignment.
#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    pub path: String,
    pub how: How,
    pub written: String,
    pub cell: String,
}

/// One file the import changes.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub path: String,
    /// What changes, in words: `controls + A.5.16, A.5.18`, `3 entries added, 1 changed`.
    pub summary: String,
    /// A unified diff of the change.
    pub diff: String,
    #[serde(skip)]
    pub before: Option<Vec<u8>>,
    #[serde(skip)]
    pub after: Vec<u8>,
}

#[derive(Debug, Serialize)]
pub struct Import {
    pub file: String,
    /// The worksheets or tables read: the first with control ids, and every later one with
    /// the same columns (an SoA split by theme).
    pub sheets: Vec<String>,
    /// `row` (a workbook's or CSV's rows) or `line` (a Markdown file's).
    pub unit: &'static str,
    /// Rows as the file numbers them: the header's, and the first and last with a control.
    pub header_row: Option<u32>,
    pub rows: RowSpan,
    pub layout: Layout,
    pub controls: Vec<Imported>,
    pub reported: Vec<Reported>,
    pub unresolved: Vec<Reported>,
    pub changes: Vec<Change>,
    /// Files that could not be changed, and why (front matter that does not load, …).
    pub problems: Vec<super::Left>,
}

/// The first and last row (or line) with a control.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RowSpan {
    pub first: u32,
    pub last: u32,
}

impl Import {
    pub fn pairs(&self) -> impl Iterator<Item = &Pair> {
        self.controls.iter().flat_map(|c| &c.documents)
    }
}

/// Reads the SoA and works out every change; writes nothing. Plain adopt's `plan` is updated
/// with the SoA's controls for documents that have no front matter yet.
pub fn import(ctx: &Context, opts: &Options, plan: &mut Plan) -> Result<Import, Error> {
    let catalog = Catalog::iso27001_2022();
    let bytes = read_soa(&opts.path)?;
    let file = opts.path.display().to_string();
    let usage = |msg: String| Error::Usage(format!("{file}: {msg}"));
    // The reader's message starts with the file's name; the path the user gave says more.
    let name = opts
        .path
        .file_name()
        .map(|n| format!("{}: ", n.to_string_lossy()))
        .unwrap_or_default();
    let source = WorkTree::new(&ctx.root, &ctx.output)?;
    let docs = documents(&source, plan)?;
    let targets = Targets::new(docs.iter().map(|d| d.target.clone()).collect());
    let base = soa_folder(&ctx.root, &opts.path);
    let table = read_table(&opts.path, &bytes, opts, &targets, &base)
        .map_err(|e| usage(e.strip_prefix(name.as_str()).unwrap_or(&e).to_owned()))?;
    let own = own_document(&base, &opts.path, &docs);
    // The SoA names every control; it implements none of them.
    if let Some(p) = plan
        .proposals
        .iter_mut()
        .find(|p| Some(&p.path) == own.as_ref() && !p.controls.is_empty())
    {
        p.clear_controls(
            "none: this file is the SoA being imported; the controls it names are decisions, implemented by the documents it names",
        );
    }
    let Table {
        sheets,
        unit,
        header_row,
        layout,
        mut controls,
        mut reported,
        unresolved,
    } = table;
    // A document named for an excluded control does not implement it (it is the reason, or a
    // leftover): given the control, it would implement an excluded one.
    for c in controls.iter_mut().filter(|c| c.applicable == Some(false)) {
        let idx = catalog.find(&c.control);
        for p in c.documents.drain(..) {
            // One that lists it already (the export's row for it) is left as it is.
            let listed = docs
                .iter()
                .any(|d| d.target.path == p.path && idx.is_some_and(|i| d.controls.contains(&i)));
            if listed {
                continue;
            }
            reported.push(Reported {
                cell: p.cell,
                text: p.written,
                why: format!(
                    "{} is excluded; {} is not given it as a control it implements",
                    c.control, p.path
                ),
                left_out: true,
            });
        }
    }
    let first_row = controls.iter().map(|c| c.row).min().unwrap_or(0);
    let last_row = controls.iter().map(|c| c.row).max().unwrap_or(0);

    let mut import = Import {
        file,
        sheets,
        unit,
        header_row,
        rows: RowSpan {
            first: first_row,
            last: last_row,
        },
        layout,
        controls,
        reported,
        unresolved,
        changes: Vec::new(),
        problems: Vec::new(),
    };
    soa_yaml_change(ctx, &source, &mut import, &docs, own.as_deref(), catalog)?;
    document_changes(&docs, &mut import, plan, catalog);
    Ok(import)
}

/// An SoA table as read, before anything in the repository is changed.
#[derive(Debug)]
pub struct Table {
    pub sheets: Vec<String>,
    pub unit: &'static str,
    pub header_row: Option<u32>,
    /// The first sheet's layout.
    pub layout: Layout,
    /// Per control, in catalog order.
    pub controls: Vec<Imported>,
    pub reported: Vec<Reported>,
    pub unresolved: Vec<Reported>,
}

/// Reads the SoA's bytes (the format from `path`'s extension) into decisions per control,
/// documents resolved against `targets` (links relative to `base`). Touches no file.
pub fn read_table(
    path: &Path,
    bytes: &[u8],
    opts: &Options,
    targets: &Targets,
    base: &str,
) -> Result<Table, String> {
    let catalog = Catalog::iso27001_2022();
    let sheets = read::read(path, bytes)?;
    let (chosen, sheets_left) = choose_sheets(&sheets, opts, catalog)?;
    let markdown = read::Format::of(path) == Some(read::Format::Markdown);
    let mut rows = Rows {
        sheet: chosen[0].0,
        layout: &chosen[0].1,
        catalog,
        targets,
        base,
        unit: if markdown { "line" } else { "row" },
        sheet_name: None,
        workbook: read::Format::of(path) == Some(read::Format::Workbook),
        zeros_kept: false,
        previous: None,
        reported: sheets_left,
        unresolved: Vec::new(),
    };
    let mut read_rows = Vec::new();
    for (sheet, layout) in &chosen {
        rows.sheet = sheet;
        rows.layout = layout;
        // Several worksheets: the place of a cell names its sheet (a Markdown table's lines
        // are already the file's).
        if chosen.len() > 1 && !markdown {
            rows.sheet_name = Some(sheet.name.clone());
        }
        rows.read_sheet(&mut read_rows);
    }
    let controls = rows.merge(read_rows);
    let (sheet, layout) = &chosen[0];
    Ok(Table {
        sheets: chosen.iter().map(|(s, _)| s.name.clone()).collect(),
        unit: rows.unit,
        header_row: layout.header.map(|h| sheet.rows[h].number),
        layout: layout.clone(),
        controls,
        reported: rows.reported,
        unresolved: rows.unresolved,
    })
}

fn read_soa(path: &Path) -> Result<Vec<u8>, Error> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(Error::Usage(format!(
            "{}: not a file; give the SoA's Markdown file, CSV or workbook",
            path.display()
        )));
    }
    if meta.len() > MAX_SOA_BYTES {
        return Err(Error::Usage(format!(
            "{}: {} MB is not an SoA (a workbook of 93 rows is well under 1 MB); is this the right file?",
            path.display(),
            meta.len() / (1024 * 1024)
        )));
    }
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// The sheets read, each with its layout, and the reports of sheets left out.
type Chosen<'s> = (Vec<(&'s Sheet, Layout)>, Vec<Reported>);

/// The sheet named by `--sheet`; else the first with control ids and every later one with the
/// same columns (a Markdown SoA in one table per theme); each with its layout. Later sheets
/// with control ids under other columns are reported.
fn choose_sheets<'s>(
    sheets: &'s [Sheet],
    opts: &Options,
    catalog: &Catalog,
) -> Result<Chosen<'s>, String> {
    let forced = opts
        .columns
        .iter()
        .find(|(r, _)| *r == Role::Control)
        .map(|(_, c)| *c);
    let names = || {
        sheets
            .iter()
            .map(|s| format!("{:?}", s.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let layout = |s: &Sheet, col: usize| columns::layout(s, col, &opts.columns, catalog);
    if let Some(want) = &opts.sheet {
        let sheet = sheets
            .iter()
            .find(|s| s.name == *want)
            .or_else(|| sheets.iter().find(|s| s.name.eq_ignore_ascii_case(want)))
            .ok_or_else(|| format!("no sheet {want:?}; it has {}", names()))?;
        let col = match forced {
            Some(c) if columns::control_ids(sheet, c, catalog) == 0 => {
                return Err(no_ids_in(c));
            }
            Some(c) => c,
            None => columns::control_column(sheet, catalog)
                .map(|(c, _)| c)
                .ok_or_else(|| {
                    format!("sheet {want:?} has no column of control ids (A.5.1, 5.1, …); name it with --columns control=A")
                })?,
        };
        check_overrides(sheet, col, &opts.columns)?;
        return Ok((vec![(sheet, layout(sheet, col))], Vec::new()));
    }
    // At least three ids, so that a version table (`5.1`, `5.2`) or a stray mention does not
    // pass for the SoA.
    let found: Vec<(&Sheet, usize, usize)> = sheets
        .iter()
        .filter_map(|s| match forced {
            Some(c) => {
                let n = columns::control_ids(s, c, catalog);
                (n > 0).then_some((s, c, n))
            }
            None => {
                let (col, n) = columns::control_column(s, catalog)?;
                Some((s, col, n))
            }
        })
        .collect();
    if let (Some(c), true) = (forced, found.is_empty() && !sheets.is_empty()) {
        return Err(no_ids_in(c));
    }
    let Some(&(first, col, _)) = found
        .iter()
        .find(|(_, _, n)| *n >= 3)
        .or_else(|| found.iter().max_by_key(|(_, _, n)| *n))
    else {
        return Err(match sheets.len() {
            0 => "no table in it".to_owned(),
            _ => format!(
                "no table with control ids (A.5.1, 5.1, A.9.2.3, …) in {}; give the sheet with --sheet and the column with --columns control=A",
                names()
            ),
        });
    };
    check_overrides(first, col, &opts.columns)?;
    let first_layout = layout(first, col);
    // The columns that decide, in any order: a table with a notes column more (or a title
    // column less) is another part of the same SoA.
    let roles = |l: &Layout| -> std::collections::BTreeSet<Role> {
        l.columns
            .iter()
            .map(|c| c.role)
            .filter(|r| !matches!(r, Role::Title | Role::Note))
            .collect()
    };
    let mut out = vec![(first, first_layout.clone())];
    let mut left = Vec::new();
    let mut after = false;
    for &(s, c, n) in &found {
        if std::ptr::eq(s, first) {
            after = true;
            continue;
        }
        // A later table with the first one's columns is part of the same SoA, however few
        // its rows (a theme with two controls).
        if !after {
            continue;
        }
        let l = layout(s, c);
        if l.header.is_some() && roles(&l) == roles(&first_layout) {
            out.push((s, l));
        } else {
            let place = |s: &Sheet| {
                if s.name.starts_with("table at line") {
                    s.name.clone()
                } else {
                    format!("sheet {:?}", s.name)
                }
            };
            let columns: Vec<&str> = roles(&l).iter().map(|r| r.name()).collect();
            let first_id = s
                .rows
                .get(l.first)
                .and_then(|r| r.cells.get(c))
                .map_or(String::new(), |cell| cell.text.clone());
            left.push(Reported {
                cell: place(s),
                text: first_id,
                why: format!(
                    "{n} control ids, with other columns ({}) than {}; not imported: give it alone with --sheet {:?} to import it",
                    columns.join(", "),
                    place(first),
                    s.name
                ),
                left_out: true,
            });
        }
    }
    Ok((out, left))
}

fn no_ids_in(col: usize) -> String {
    format!(
        "column {} holds no control ids (A.5.1, 5.1, …); name the column that does with --columns control=…",
        column_name(col)
    )
}

/// `--columns` that name a column the sheet does not have, or give the control column
/// another role: refused, since they would be ignored.
fn check_overrides(
    sheet: &Sheet,
    control: usize,
    overrides: &[(Role, usize)],
) -> Result<(), String> {
    let width = sheet.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    for &(role, col) in overrides {
        if col >= width {
            return Err(format!(
                "--columns {}={}: there is no column {} (the last with a value is {})",
                role.name(),
                column_name(col),
                column_name(col),
                column_name(width.saturating_sub(1))
            ));
        }
        if col == control && role != Role::Control {
            return Err(format!(
                "--columns {}={}: column {} is the control column",
                role.name(),
                column_name(col),
                column_name(col)
            ));
        }
    }
    Ok(())
}

/// The SoA's folder inside the repository (links in it are relative to it); the root when the
/// SoA is elsewhere.
fn soa_folder(root: &Path, soa: &Path) -> String {
    let abs = |p: &Path| std::fs::canonicalize(p).ok();
    let (Some(root), Some(soa)) = (abs(root), abs(soa)) else {
        return String::new();
    };
    soa.parent()
        .and_then(|dir| dir.strip_prefix(&root).ok())
        .map(|rel| {
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .unwrap_or_default()
}

/// The SoA itself when it is a document of the repository (a Markdown SoA), by its path.
fn own_document(base: &str, soa: &Path, docs: &[Doc]) -> Option<String> {
    let name = soa.file_name()?.to_string_lossy();
    let path = if base.is_empty() {
        name.into_owned()
    } else {
        format!("{base}/{name}")
    };
    docs.iter().any(|d| d.target.path == path).then_some(path)
}

/// A document of the repository, as the import may change it.
struct Doc {
    target: Target,
    /// The file's bytes when it has front matter that loads (edited in place); `None` for a
    /// file plain adopt proposes front matter for.
    bytes: Option<Vec<u8>>,
    /// Why the file cannot be changed (front matter that does not load, not UTF-8).
    blocked: Option<String>,
    /// Approved (or proposed, which is approved): a document in force implements its controls.
    approved: bool,
    /// The controls it lists (or is proposed to list).
    controls: Vec<ControlIdx>,
}

fn documents(source: &WorkTree, plan: &Plan) -> Result<Vec<Doc>, Error> {
    let catalog = Catalog::iso27001_2022();
    let paths = source.documents()?;
    let proposed: BTreeMap<&str, &super::Proposal> = plan
        .proposals
        .iter()
        .map(|p| (p.path.as_str(), p))
        .collect();
    Ok(paths
        .par_iter()
        .map(|path| {
            if let Some(p) = proposed.get(path.as_str()) {
                return Doc {
                    target: Target {
                        path: path.clone(),
                        id: Some(p.id.clone()),
                        title: p.title.clone(),
                    },
                    bytes: None,
                    blocked: None,
                    approved: true,
                    controls: p.controls.iter().filter_map(|c| catalog.find(&c.control)).collect(),
                };
            }
            let fallback = Target {
                path: path.clone(),
                id: None,
                title: super::infer::title_from_name(path),
            };
            let bytes = match source.read(path) {
                Ok(b) => b,
                Err(e) => {
                    return Doc {
                        target: fallback,
                        bytes: None,
                        blocked: Some(format!("cannot read it: {e}")),
                        approved: false,
                        controls: Vec::new(),
                    }
                }
            };
            match document::parse(path, bytes.clone()) {
                ParsedFile::Doc(doc) => {
                    let title = doc
                        .meta
                        .title
                        .clone()
                        .or_else(|| {
                            doc.scan
                                .headings
                                .iter()
                                .find(|h| h.level == 1)
                                .map(|h| h.text.clone())
                        })
                        .unwrap_or(fallback.title);
                    let ok = doc.front_matter_ok;
                    let approved = doc.meta.status == Some(crate::source::meta::Status::Approved);
                    let controls = doc
                        .meta
                        .controls
                        .iter()
                        .filter_map(|c| catalog.find(&c.value))
                        .collect();
                    Doc {
                        approved,
                        controls,
                        target: Target {
                            path: path.clone(),
                            id: doc.meta.id.map(|l| l.value),
                            title,
                        },
                        bytes: ok.then_some(bytes),
                        blocked: (!ok).then(|| {
                            "its front matter does not load; fix it (ismsbook check says how), then import again".to_owned()
                        }),
                    }
                }
                ParsedFile::Unreadable(f) => Doc {
                    target: fallback,
                    bytes: None,
                    blocked: Some(f.message),
                    approved: false,
                    controls: Vec::new(),
                },
            }
        })
        .collect())
}

/// Reads the rows of the chosen sheet.
struct Rows<'a> {
    sheet: &'a Sheet,
    layout: &'a Layout,
    catalog: &'a Catalog,
    targets: &'a Targets,
    base: &'a str,
    unit: &'static str,
    sheet_name: Option<String>,
    /// The file is a workbook: a text cell there has every digit as typed.
    workbook: bool,
    /// The sheet's control column writes an id ending in 0 (`5.10`) as such: its zeros were
    /// not lost.
    zeros_kept: bool,
    /// The control of the row before (for `5.1` after A.5.9).
    previous: Option<ControlIdx>,
    reported: Vec<Reported>,
    unresolved: Vec<Reported>,
}

/// One row's reading, before rows are merged per control.
struct RowRead {
    controls: Vec<ControlIdx>,
    /// Which row decides a control named on several: 0 for a row naming it alone by its 2022
    /// id, 1 for a row naming it among others (`A.5.1–A.5.3`), 2 for a 2013 id.
    rank: u8,
    imported: Imported,
}

impl Rows<'_> {
    fn place(&self, row: u32, col: usize) -> String {
        let unit = self.unit;
        match &self.sheet_name {
            Some(sheet) => format!("sheet {sheet:?}, {unit} {row}, column {}", column_name(col)),
            None => format!("{unit} {row}, column {}", column_name(col)),
        }
    }

    fn report(&mut self, row: u32, col: usize, text: &str, why: String, left_out: bool) {
        self.reported.push(Reported {
            cell: self.place(row, col),
            text: text.to_owned(),
            why,
            left_out,
        });
    }

    fn cell(&self, r: usize, col: usize) -> &Cell {
        static EMPTY: Cell = Cell {
            text: String::new(),
            links: Vec::new(),
            numeric: false,
        };
        self.sheet.rows[r].cells.get(col).unwrap_or(&EMPTY)
    }

    /// Every row of the sheet from the first id on.
    fn read_sheet(&mut self, read: &mut Vec<RowRead>) {
        let Some(control_col) = self.layout.first_of(Role::Control) else {
            return;
        };
        self.zeros_kept = self.sheet.rows.iter().any(|row| {
            row.cells
                .get(control_col)
                .and_then(|c| values::id_at_start(&c.text))
                .is_some_and(|id| {
                    !id.one_digit_tail
                        && id.parts.len() == 2
                        && id.parts.last().is_some_and(|n| n % 10 == 0)
                        && matches!(id.meaning(self.catalog), IdMeaning::Control(_))
                })
        });
        for r in self.layout.first..self.sheet.rows.len() {
            let previous = self.previous;
            let number = self.sheet.rows[r].number;
            let id_text = self.cell(r, control_col).text.clone();
            let Some(id) = values::id_at_start(&id_text) else {
                self.skipped_row(r, control_col);
                continue;
            };
            let title = self
                .layout
                .first_of(Role::Title)
                .map(|c| self.cell(r, c).text.as_str())
                .filter(|t| !t.is_empty())
                .unwrap_or(&id.rest);
            if let Some(clause) = id.clause(title, self.layout.clauses, self.catalog) {
                let why = format!(
                    "clause {} of ISO/IEC 27001 ({}), not an Annex A control; the row is not imported",
                    clause.id, clause.title
                );
                self.report(number, control_col, &id_text, why, true);
                continue;
            }
            let (mut controls, mut rank) = match id.meaning(self.catalog) {
                IdMeaning::Control(mut idx) => {
                    if let Some((with_zero, why)) = self.lost_zero(r, &id, idx, previous) {
                        let why = format!(
                            "read as {}: {why} (a spreadsheet turns 5.10 into the number 5.1)",
                            self.catalog.control(with_zero).id
                        );
                        self.report(number, control_col, &id_text, why, false);
                        idx = with_zero;
                    }
                    self.check_title(r, idx);
                    self.previous = Some(idx);
                    (vec![idx], 0)
                }
                IdMeaning::From2013(old, new) => {
                    let ids: Vec<&str> = new
                        .iter()
                        .map(|&i| self.catalog.control(i).id.as_str())
                        .collect();
                    self.report(
                        number,
                        control_col,
                        &id_text,
                        format!(
                            "{old} is an ISO/IEC 27001:2013 control; imported as {}",
                            ids.join(" and ")
                        ),
                        false,
                    );
                    (new, 2)
                }
                IdMeaning::Unknown(written) => {
                    self.report(
                        number,
                        control_col,
                        &id_text,
                        format!("{written} is not an Annex A control of ISO/IEC 27001:2022 or 2013; the row is not imported"),
                        true,
                    );
                    continue;
                }
            };
            let more = values::more_ids(&id);
            if !more.is_empty() {
                self.more_controls(r, control_col, &id_text, &more, &mut controls);
                rank = rank.max(1);
            }
            let imported = self.row(r, &controls, &id_text);
            read.push(RowRead {
                controls,
                rank,
                imported,
            });
        }
    }

    /// The controls of a cell naming several (`A.5.1, A.5.2`, `A.5.18–A.5.20`) after its first:
    /// the row applies to each, and that is reported.
    fn more_controls(
        &mut self,
        r: usize,
        col: usize,
        text: &str,
        more: &[(values::IdWritten, bool)],
        controls: &mut Vec<ControlIdx>,
    ) {
        let number = self.sheet.rows[r].number;
        for (id, range) in more {
            let from = controls.last().copied();
            match id.meaning(self.catalog) {
                IdMeaning::Control(idx) => {
                    // The controls between the ends of a range within one theme; across
                    // themes (`A.5.37–A.6.1`) only the ends.
                    if let Some(from) = from.filter(|&f| {
                        *range
                            && f < idx
                            && self.catalog.control(f).theme == self.catalog.control(idx).theme
                    }) {
                        controls.extend(from + 1..idx);
                    }
                    controls.push(idx);
                }
                IdMeaning::From2013(old, new) => {
                    let ids: Vec<&str> = new
                        .iter()
                        .map(|&i| self.catalog.control(i).id.as_str())
                        .collect();
                    let why = format!(
                        "{old} is an ISO/IEC 27001:2013 control; imported as {}",
                        ids.join(" and ")
                    );
                    self.report(number, col, text, why, false);
                    controls.extend(new);
                }
                IdMeaning::Unknown(written) => {
                    let why = format!("{written} is not an Annex A control of ISO/IEC 27001:2022 or 2013; the row is imported for the others only");
                    self.report(number, col, text, why, true);
                }
            }
        }
        let mut seen = Vec::new();
        controls.retain(|c| {
            let new = !seen.contains(c);
            seen.push(*c);
            new
        });
        if controls.len() > 1 {
            let ids: Vec<&str> = controls
                .iter()
                .map(|&i| self.catalog.control(i).id.as_str())
                .collect();
            let why = format!(
                "names {} controls; the row is imported for each: {}",
                ids.len(),
                ids.join(", ")
            );
            self.report(number, col, text, why, false);
        }
    }

    /// A row without an id in the control column: a section heading or a blank row passes
    /// silently; a row with values in the imported columns is reported.
    fn skipped_row(&mut self, r: usize, control_col: usize) {
        let data_cols: Vec<usize> = self
            .layout
            .columns
            .iter()
            .filter(|c| !matches!(c.role, Role::Control | Role::Title))
            .map(|c| c.index)
            .collect();
        let has_data = data_cols.iter().any(|&c| !self.cell(r, c).text.is_empty());
        if has_data {
            let text = self.cell(r, control_col).text.clone();
            let number = self.sheet.rows[r].number;
            self.report(
                number,
                control_col,
                &text,
                "no control id in this row; its values are not imported".into(),
                true,
            );
        }
    }

    /// `5.1` read as A.5.10: written with one digit after the dot, right after A.5.9 where a
    /// zero can have been lost (a workbook's number, a sheet that writes no 5.10 itself), or
    /// the title in the row is A.5.10's.
    fn lost_zero(
        &self,
        r: usize,
        id: &values::IdWritten,
        idx: ControlIdx,
        previous: Option<ControlIdx>,
    ) -> Option<(ControlIdx, String)> {
        let with_zero = id.with_trailing_zero(self.catalog)?;
        let title = self
            .layout
            .first_of(Role::Title)
            .map(|c| self.cell(r, c).text.as_str())
            .filter(|t| !t.is_empty())
            .or(Some(id.rest.as_str()).filter(|t| !t.is_empty()));
        if let Some(t) = title {
            let k = values::title_key(t);
            if k == values::title_key(&self.catalog.control(with_zero).title) {
                let title = &self.catalog.control(with_zero).title;
                return Some((with_zero, format!("the row's title is {title:?}")));
            }
            if k == values::title_key(&self.catalog.control(idx).title) {
                return None;
            }
        }
        let typed = self.workbook
            && self
                .layout
                .first_of(Role::Control)
                .is_some_and(|c| !self.cell(r, c).numeric);
        if typed || self.zeros_kept {
            return None;
        }
        let previous = previous.filter(|&p| p + 1 == with_zero)?;
        let why = format!(
            "{} right after {}",
            id.canonical().trim_start_matches("A."),
            self.catalog.control(previous).id
        );
        Some((with_zero, why))
    }

    /// A title in the row that is another control's: reported, the id kept.
    fn check_title(&mut self, r: usize, idx: ControlIdx) {
        let Some(col) = self.layout.first_of(Role::Title) else {
            return;
        };
        let text = self.cell(r, col).text.clone();
        let k = values::title_key(&text);
        if k.is_empty() || k == values::title_key(&self.catalog.control(idx).title) {
            return;
        }
        if let Some(other) = self
            .catalog
            .controls
            .iter()
            .position(|c| values::title_key(&c.title) == k)
        {
            let number = self.sheet.rows[r].number;
            let why = format!(
                "the title is that of {}, the id says {}; imported as {} — check the row",
                self.catalog.control(other).id,
                self.catalog.control(idx).id,
                self.catalog.control(idx).id
            );
            self.report(number, col, &text, why, false);
        }
    }

    fn row(&mut self, r: usize, controls: &[ControlIdx], written: &str) -> Imported {
        let number = self.sheet.rows[r].number;
        let layout = self.layout;
        let mut applicable = None;
        let mut applicable_cell = None;
        let mut reason_in_cell = None;
        if let Some(col) = layout.first_of(Role::Applicable) {
            let text = self.cell(r, col).text.clone();
            if !text.is_empty() {
                applicable_cell = Some((self.place(number, col), text.clone()));
                match values::yes_no(&text) {
                    Some(YesNo::Yes) => applicable = Some(true),
                    Some(YesNo::No | YesNo::NotApplicable) => applicable = Some(false),
                    None => self.report(
                        number,
                        col,
                        &text,
                        "not a yes or no (Yes/No, Ja/Nein, Oui/Non, ✅/❌, N/A); applicability left as it is".into(),
                        true,
                    ),
                }
                reason_in_cell = values::reason_after_yes_no(&text);
                // `Ja (teilweise)`: how far it applies or is done, not why.
                if reason_in_cell
                    .as_deref()
                    .is_some_and(|r| matches!(values::status(r), Some(StatusRead::Status(_))))
                {
                    reason_in_cell = None;
                    let why = "the words after the yes or no say how far, not why: not imported as the justification".into();
                    self.report(number, col, &text, why, true);
                }
            }
        }
        let mut status = None;
        if let Some(col) = layout.first_of(Role::Status) {
            let text = self.cell(r, col).text.clone();
            match values::status(&text) {
                Some(StatusRead::Status(s)) => status = Some(s),
                Some(StatusRead::Nothing) => {}
                Some(StatusRead::Applicable) => {
                    if applicable == Some(false) {
                        let why = "applicable, but the applicability column says it is not; not imported".into();
                        self.report(number, col, &text, why, true);
                    }
                    if applicable.is_none() {
                        applicable = Some(true);
                        applicable_cell = Some((self.place(number, col), text.clone()));
                    }
                }
                Some(StatusRead::NotApplicable) => {
                    if applicable == Some(true) {
                        let why = "not applicable, but the applicability column says it applies; not imported".into();
                        self.report(number, col, &text, why, true);
                    }
                    if applicable.is_none() {
                        applicable = Some(false);
                        applicable_cell = Some((self.place(number, col), text.clone()));
                        if layout.first_of(Role::Applicable).is_some() {
                            self.report(number, col, &text, "read as not applicable".into(), false);
                        }
                    }
                }
                None => self.report(
                    number,
                    col,
                    &text,
                    "not a status (implemented, partial, planned, not implemented, in English, German or French, ✅ ⚠️ ❌, a percentage); status left as it is".into(),
                    true,
                ),
            }
        }
        let texts = |role: Role| -> Vec<String> {
            layout
                .of(role)
                .map(|c| self.cell(r, c).text.clone())
                .filter(|t| !values::says_nothing(t) && t != DERIVED_JUSTIFICATION)
                .collect()
        };
        let mut why = texts(Role::Justification);
        if applicable == Some(false) {
            why.extend(texts(Role::Exclusion));
        }
        let reasons: Vec<&str> = layout
            .columns
            .iter()
            .filter_map(|c| match c.role {
                Role::Reason(reason) => Some((reason, c.index)),
                _ => None,
            })
            .filter(|(_, c)| values::yes_no(&self.cell(r, *c).text) == Some(YesNo::Yes))
            .map(|(reason, _): (Reason, usize)| reason.text())
            .collect();
        if !reasons.is_empty() {
            why.insert(0, reasons.join("; "));
        }
        if why.is_empty() {
            why.extend(reason_in_cell);
        }
        let mut notes = texts(Role::Note);
        if applicable != Some(false) {
            for col in layout.of(Role::Exclusion) {
                let text = self.cell(r, col).text.clone();
                // `Yes` or `No` where a control is not excluded says nothing either.
                let nothing = values::says_nothing(&text) || values::yes_no(&text).is_some();
                if !nothing && text != DERIVED_JUSTIFICATION {
                    let why = "a reason for an exclusion, but the row does not say the control is excluded; not imported".into();
                    self.report(number, col, &text, why, true);
                }
            }
        }
        let mut documents = Vec::new();
        // Words in a documents cell that name no document: what the organisation wrote
        // about the control, kept.
        let mut prose: Vec<(usize, String)> = Vec::new();
        for col in layout.of(Role::Documents).collect::<Vec<_>>() {
            let cell = self.cell(r, col).clone();
            for found in self.targets.cell(&cell, self.base) {
                match found {
                    Ref::Found {
                        target,
                        how,
                        written,
                    } => {
                        let path = self.targets.list[target].path.clone();
                        if how == How::CloseTitle {
                            let why = format!(
                                "matched {:?} ({path}) by a close title; check it",
                                self.targets.list[target].title
                            );
                            self.report(number, col, &written, why, false);
                        }
                        documents.push(Pair {
                            path,
                            how,
                            written,
                            cell: self.place(number, col),
                        });
                    }
                    Ref::Unresolved { written, why } => self.unresolved.push(Reported {
                        cell: self.place(number, col),
                        text: written,
                        why,
                        left_out: true,
                    }),
                    Ref::Prose(text) => prose.push((col, text)),
                }
            }
        }
        if !prose.is_empty() {
            let into_justification = applicable == Some(false) && why.is_empty();
            let kept = if into_justification {
                "justification"
            } else {
                "note"
            };
            for (col, text) in &prose {
                let msg = format!("names no document; kept as the {kept}");
                self.report(number, *col, text, msg, false);
            }
            let text: Vec<String> = prose.into_iter().map(|(_, t)| t).collect();
            if into_justification {
                why.push(text.join("; "));
            } else {
                notes.push(text.join("; "));
            }
        }
        let justification = (!why.is_empty()).then(|| why.join("\n"));
        let note = (!notes.is_empty()).then(|| notes.join("\n"));
        let control = controls
            .first()
            .map(|&i| self.catalog.control(i).id.clone())
            .unwrap_or_default();
        Imported {
            written: if written.trim() == control {
                String::new()
            } else {
                written.trim().to_owned()
            },
            control,
            row: number,
            applicable,
            justification,
            status,
            note,
            documents,
            applicable_cell,
        }
    }

    /// Rows per control: the first row naming a control with its 2022 id decides, else the
    /// first naming it with a 2013 id; a later row that says otherwise is reported. Documents
    /// of every row count.
    fn merge(&mut self, read: Vec<RowRead>) -> Vec<Imported> {
        let mut by_control: BTreeMap<ControlIdx, Vec<(u8, Imported)>> = BTreeMap::new();
        for r in read {
            for &idx in &r.controls {
                let mut imported = r.imported.clone();
                imported.control = self.catalog.control(idx).id.clone();
                by_control.entry(idx).or_default().push((r.rank, imported));
            }
        }
        let mut out = Vec::new();
        for (_, mut rows) in by_control {
            // Stable: among rows of one rank the first in the file decides.
            rows.sort_by_key(|(rank, _)| *rank);
            let mut rows = rows.into_iter().map(|(_, r)| r);
            let Some(mut first) = rows.next() else {
                continue;
            };
            for other in rows {
                let mut differs = Vec::new();
                if other.applicable.is_some() && other.applicable != first.applicable {
                    differs.push("applicability");
                }
                if other.status.is_some() && other.status != first.status {
                    differs.push("status");
                }
                if other.justification.is_some() && other.justification != first.justification {
                    differs.push("justification");
                }
                if !differs.is_empty() {
                    let why = format!(
                        "{} is also on row {}, which decides it; this row's {} is not imported",
                        first.control,
                        first.row,
                        differs.join(" and ")
                    );
                    let control_col = self.layout.first_of(Role::Control).unwrap_or(0);
                    self.reported.push(Reported {
                        cell: self.place(other.row, control_col),
                        text: if other.written.is_empty() {
                            other.control.clone()
                        } else {
                            other.written.clone()
                        },
                        why,
                        left_out: true,
                    });
                }
                for d in other.documents {
                    if !first.documents.iter().any(|x| x.path == d.path) {
                        first.documents.push(d);
                    }
                }
            }
            out.push(first);
        }
        out
    }
}

/// The change to `soa.yaml`, if any.
fn soa_yaml_change(
    ctx: &Context,
    source: &WorkTree,
    import: &mut Import,
    docs: &[Doc],
    own: Option<&str>,
    catalog: &Catalog,
) -> Result<(), Error> {
    let name = crate::model::soa::FILE_NAME;
    let before = match source.read(name) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(&ctx.root.join(name), e)),
    };
    let original = match &before {
        Some(b) => match String::from_utf8(b.clone()) {
            Ok(t) => t,
            Err(_) => {
                import.problems.push(super::Left {
                    path: name.to_owned(),
                    reason: "not UTF-8 text; save it as UTF-8, then import again".into(),
                });
                return Ok(());
            }
        },
        None => String::new(),
    };
    let current = crate::model::soa::Soa::parse(&original, catalog).decisions;
    // Controls an approved document implements, once the SoA's documents list them too. The
    // SoA itself, a document of the repository that names every control, implements none.
    let approved: BTreeMap<&str, bool> = docs
        .iter()
        .map(|d| {
            (
                d.target.path.as_str(),
                d.approved && Some(d.target.path.as_str()) != own,
            )
        })
        .collect();
    let implemented = |idx: ControlIdx, c: &Imported| {
        docs.iter().any(|d| {
            approved
                .get(d.target.path.as_str())
                .copied()
                .unwrap_or(false)
                && d.controls.contains(&idx)
        }) || c
            .documents
            .iter()
            .any(|p| approved.get(p.path.as_str()).copied().unwrap_or(false))
    };
    // A decision turned round without a reason of its own keeps the file's, which then
    // reads as the opposite reason: the file has no way to say it is gone, so it is said here.
    for c in &import.controls {
        let Some(existing) = catalog.find(&c.control).and_then(|i| current.get(&i)) else {
            continue;
        };
        let (Some(now), Some(old), None) =
            (c.applicable, &existing.justification, &c.justification)
        else {
            continue;
        };
        if now == existing.applicable {
            continue;
        }
        let (cell, text) = c.applicable_cell.clone().unwrap_or_default();
        let (becomes, was) = if now {
            ("applicable", "excluding")
        } else {
            ("excluded", "applying")
        };
        import.reported.push(Reported {
            cell,
            text,
            why: format!(
                "{} becomes {becomes} and soa.yaml keeps its justification for {was} it, {old:?}; write the new reason in the SoA or in soa.yaml",
                c.control
            ),
            left_out: false,
        });
    }
    let decisions: Vec<(ControlIdx, edit::Decision)> = import
        .controls
        .iter()
        .filter_map(|c| {
            let idx = catalog.find(&c.control)?;
            let existing = current.get(&idx);
            // The status the handbook already shows without one in soa.yaml (implemented when
            // an approved document implements the control, else not implemented) is not
            // written: the export's status column reads back as no change.
            let derived = if implemented(idx, c) {
                ImplStatus::Implemented
            } else {
                ImplStatus::NotImplemented
            };
            let status = match (c.status, existing.and_then(|d| d.status)) {
                (Some(s), None) if s == derived => None,
                (s, _) => s,
            };
            Some((
                idx,
                edit::Decision {
                    applicable: c.applicable,
                    justification: c.justification.clone(),
                    status,
                    note: c.note.clone(),
                },
            ))
        })
        .collect();
    let edited = match edit::soa_yaml(&original, &decisions, catalog) {
        Ok(t) => t,
        Err(why) => {
            import.problems.push(super::Left {
                path: name.to_owned(),
                reason: why,
            });
            return Ok(());
        }
    };
    let after = match &before {
        Some(_) => edited,
        None if edited.trim().is_empty() => return Ok(()),
        None => format!(
            "# Statement of Applicability decisions (ISO/IEC 27001:2022, 6.1.3 d), imported from\n# {} by ismsbook adopt --soa. A control not listed here is applicable.\n\n{edited}",
            Path::new(&import.file)
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned())
        ),
    };
    if after == original && before.is_some() {
        return Ok(());
    }
    let summary = soa_summary(&original, &after, catalog);
    import.changes.push(Change {
        path: name.to_owned(),
        summary,
        diff: unified(name, &original, &after),
        before,
        after: after.into_bytes(),
    });
    Ok(())
}

/// `2 entries added, 3 changed`.
fn soa_summary(before: &str, after: &str, catalog: &Catalog) -> String {
    let b = crate::model::soa::Soa::parse(before, catalog).decisions;
    let a = crate::model::soa::Soa::parse(after, catalog).decisions;
    let added = a.keys().filter(|k| !b.contains_key(k)).count();
    let changed = a
        .iter()
        .filter(|(k, v)| {
            b.get(k).is_some_and(|old| {
                (old.applicable, &old.justification, old.status, &old.note)
                    != (v.applicable, &v.justification, v.status, &v.note)
            })
        })
        .count();
    let mut parts = Vec::new();
    if added > 0 {
        parts.push(format!(
            "{added} {} added",
            if added == 1 { "entry" } else { "entries" }
        ));
    }
    if changed > 0 {
        parts.push(format!("{changed} changed"));
    }
    if parts.is_empty() {
        parts.push("comments and layout only".into());
    }
    parts.join(", ")
}

/// Adds each document's controls: in place for files with front matter, into plain adopt's
/// proposal for files without.
fn document_changes(docs: &[Doc], import: &mut Import, plan: &mut Plan, catalog: &Catalog) {
    let mut per_doc: BTreeMap<&str, Vec<(ControlIdx, String)>> = BTreeMap::new();
    for c in &import.controls {
        let Some(idx) = catalog.find(&c.control) else {
            continue;
        };
        for p in &c.documents {
            per_doc
                .entry(p.path.as_str())
                .or_default()
                .push((idx, p.cell.clone()));
        }
    }
    let by_path: BTreeMap<&str, &Doc> = docs.iter().map(|d| (d.target.path.as_str(), d)).collect();
    let mut changes = Vec::new();
    let mut problems = Vec::new();
    for (path, mut ids) in per_doc {
        ids.sort();
        ids.dedup_by_key(|(idx, _)| *idx);
        let Some(doc) = by_path.get(path) else {
            continue;
        };
        if let Some(why) = &doc.blocked {
            problems.push(super::Left {
                path: path.to_owned(),
                reason: format!("controls not added: {why}"),
            });
            continue;
        }
        let canonical: Vec<String> = ids
            .iter()
            .map(|(i, _)| catalog.control(*i).id.clone())
            .collect();
        match &doc.bytes {
            Some(bytes) => match edit::add_controls(bytes, &canonical) {
                Ok(Some(after)) => {
                    let before_text = String::from_utf8_lossy(bytes);
                    let after_text = String::from_utf8_lossy(&after);
                    let added = added_ids(bytes, &after, catalog);
                    changes.push(Change {
                        path: path.to_owned(),
                        summary: format!("controls + {}", added.join(", ")),
                        diff: unified(path, &before_text, &after_text),
                        before: Some(bytes.clone()),
                        after,
                    });
                }
                Ok(None) => {}
                Err(why) => problems.push(super::Left {
                    path: path.to_owned(),
                    reason: format!("controls not added: {why}"),
                }),
            },
            None => {
                let Some(proposal) = plan.proposals.iter_mut().find(|p| p.path == path) else {
                    continue;
                };
                let add = ids
                    .iter()
                    .map(|(i, cell)| SoaControl {
                        control: catalog.control(*i).id.clone(),
                        title: catalog.control(*i).title.clone(),
                        from: cell.clone(),
                    })
                    .collect();
                if let Err(why) = proposal.add_soa_controls(add) {
                    problems.push(super::Left {
                        path: path.to_owned(),
                        reason: format!("controls not added: {why}"),
                    });
                }
            }
        }
    }
    import.changes.extend(changes);
    import.problems.extend(problems);
}

/// The controls `after` lists that `before` does not, canonical.
fn added_ids(before: &[u8], after: &[u8], catalog: &Catalog) -> Vec<String> {
    let ids = |bytes: &[u8]| -> Vec<ControlIdx> {
        match document::parse("x.md", bytes.to_vec()) {
            ParsedFile::Doc(d) => d
                .meta
                .controls
                .iter()
                .filter_map(|c| catalog.find(&c.value))
                .collect(),
            ParsedFile::Unreadable(_) => Vec::new(),
        }
    };
    let old = ids(before);
    let mut new: Vec<ControlIdx> = ids(after)
        .into_iter()
        .filter(|i| !old.contains(i))
        .collect();
    new.sort_unstable();
    new.dedup();
    new.into_iter()
        .map(|i| catalog.control(i).id.clone())
        .collect()
}

/// A unified diff, three lines of context.
fn unified(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// Writes each change (atomically, refusing a file changed since it was read).
pub fn write(ctx: &Context, import: &Import) -> Vec<super::Written> {
    import
        .changes
        .iter()
        .map(|c| {
            let path = ctx.root.join(&c.path);
            let result = match &c.before {
                Some(before) => super::write::replace(&path, before, &c.after),
                None => super::write::create(&path, &c.after),
            };
            super::Written {
                path: c.path.clone(),
                result,
            }
        })
        .collect()
}
