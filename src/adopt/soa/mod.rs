//! `ismsbook adopt --soa PATH`: the Statement of Applicability an organisation already has
//! (a Markdown table, a CSV, an Excel workbook) into `soa.yaml` and into the `controls` of the
//! documents it names. Every value taken is traced to its cell; what cannot be read is
//! reported with its cell, never guessed.
//!
//! The stages: [`read`] the file into sheets of cells; choose the sheets and find their
//! [`columns`] (`sheets`); read each row's cells ([`values`], [`refs`]) and merge rows per
//! control (`rows`); work out the changes (`changes`, with the repository's documents from
//! `repo`) and [`edit`] the files.

mod changes;
pub mod columns;
pub mod edit;
/// ismsbook's own export in every shipped language.
mod own;
pub mod read;
pub mod refs;
mod repo;
mod rows;
mod sheets;
pub mod values;

use super::Plan;
use crate::catalog::Catalog;
use crate::error::Error;
use crate::model::soa::ImplStatus;
use crate::pipeline::Context;
use crate::source::WorkTree;
use changes::{document_changes, soa_yaml_change};
use columns::{Layout, Role};
use refs::{How, Targets};
use repo::{documents, Doc};
use rows::Rows;
use serde::Serialize;
use sheets::choose_sheets;
use std::path::{Path, PathBuf};

/// A workbook larger than this is not an SoA (93 rows); refused before it is unpacked.
const MAX_SOA_BYTES: u64 = 64 * 1024 * 1024;

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
