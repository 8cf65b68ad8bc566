//! `ismsbook adopt`: propose (and with `--write`, add) front matter for every document that has
//! none.

use clap::ValueEnum;
use ismsbook::adopt::soa::{self, Import};
use ismsbook::adopt::{self, Plan};
use ismsbook::error::Error;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// `ismsbook adopt --help`.
pub const LONG_ABOUT: &str = "Propose front matter for every Markdown file of a repository written for GitHub that has none, so it builds as a handbook.\n\n\
For each file that a build would read (the same rules: .gitignore, hidden folders, the root README.md, theme/ and the output folder left out) and that has no front matter, it infers: id (a type prefix — POL, STD, PRO, GDL, PLN, REG, REC — and the number after the highest in use), title (the first H1, Markdown or <h1>, emoji and markup removed; else the file name), type (from file and folder names; policy when they say nothing), owner (CODEOWNERS, mapped to the [owners] name of the handle; else an owner the text states — `Document Owner: CEO`, a `| Owner | CISO |` row, an Owner badge; else the only [owners] entry; else the placeholder `unassigned`, which `check` flags), version (as the text states it, else \"1.0\"), status approved, last_reviewed (the last commit that changed the file, else today), review_interval (when the text states a review cycle other than [review] interval_months) and controls (the Annex A controls the text names; 2013 ids mapped to 2022).\n\n\
Without --write it prints each proposal with where every value came from and changes nothing. With --write it adds the front matter at the top of each file (after a BOM, in the file's line endings), leaving every byte of the text as it was. Files that already have front matter, valid or not, are never touched, so a second run proposes nothing.\n\n\
With --soa PATH it also imports the Statement of Applicability the organisation already has: a Markdown file (the first table with control ids, and later tables with its columns: an SoA in one table per theme), a CSV (any delimiter Excel writes; a BOM, UTF-16) or an Excel workbook (.xlsx; the first sheet with control ids, or --sheet). The control ids are found by their content (A.5.1, 5.1, A 05.01, Annex A 5.1; ISO/IEC 27001:2013 ids mapped to 2022 and reported); the other columns by their headers in English, German or French (applicable / anwendbar / applicabilité, justification / Begründung, status / Umsetzungsstatus / statut, documents / Dokument / référence, notes / Bemerkungen / commentaire), or as --columns names them. Applicability and statuses are read from the usual words, symbols and emoji (Yes/No, Ja/Nein, ✅ ⚠️ ❌, N/A, \"partially implemented\", 60 %); document references from links, file names, paths, document ids and titles. Every cell that is not imported as written is reported with its row and column, never guessed. It changes soa.yaml (applicable, justification, status, note; each entry edited in place, comments kept) and adds each applicable control to the `controls` of the documents that implement it (nothing else in their front matter or text changes); a document without front matter gets them in the front matter proposed for it. Without --write it prints a summary and a diff.\n\n\
Exit status: 0, or 1 when a file could not be read, changed or written (it is named), or 2 when DIR or the SoA cannot be used.";

#[derive(clap::Args)]
pub struct AdoptArgs {
    /// Content root (the repository).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Add the proposed front matter to the files (without it, nothing is changed).
    #[arg(long)]
    write: bool,
    /// How to print the proposals.
    #[arg(long, value_enum, default_value_t = AdoptFormat::Human)]
    format: AdoptFormat,
    /// The date for files Git knows nothing of (YYYY-MM-DD); default SOURCE_DATE_EPOCH, else
    /// today.
    #[arg(long, value_name = "DATE")]
    today: Option<String>,
    /// Import an existing Statement of Applicability: a Markdown file, a CSV or an Excel
    /// workbook (.xlsx).
    #[arg(long, value_name = "PATH")]
    soa: Option<PathBuf>,
    /// The worksheet of the workbook to read (default: the first with control ids).
    #[arg(long, value_name = "NAME", requires = "soa")]
    sheet: Option<String>,
    /// Which column holds what, where the headers do not say: control, title, applicable,
    /// justification, exclusion, status, documents, note — e.g. `control=A,status=F,documents=7`.
    #[arg(long, value_name = "ROLE=COLUMN,…", requires = "soa")]
    columns: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AdoptFormat {
    /// Each proposal and where its values came from, on stdout; a summary on stderr.
    Human,
    /// The proposals as one JSON object, on stdout.
    Json,
}

pub fn run(args: AdoptArgs) -> Result<ExitCode, Error> {
    let today = ismsbook::dates::today(args.today.as_deref())?;
    let ctx = ismsbook::Context::new(&args.dir, None, today)?;
    let mut plan = adopt::plan(&ctx)?;
    let imported = match &args.soa {
        Some(path) => {
            let columns = match &args.columns {
                Some(spec) => soa::columns::parse_overrides(spec)
                    .map_err(|e| Error::Usage(format!("--columns: {e}")))?,
                None => Vec::new(),
            };
            let opts = soa::Options {
                path: path.clone(),
                sheet: args.sheet.clone(),
                columns,
            };
            Some(soa::import(&ctx, &opts, &mut plan)?)
        }
        None => None,
    };
    let mut written = Vec::new();
    if args.write {
        written = adopt::write(&ctx, &plan);
        if let Some(import) = &imported {
            written.extend(soa::write(&ctx, import));
        }
    }
    let failed: Vec<(&str, String)> = written
        .iter()
        .filter_map(|w| Some((w.path.as_str(), w.result.as_ref().err()?.to_string())))
        .collect();
    let mut out = std::io::stdout().lock();
    match args.format {
        AdoptFormat::Json => {
            #[derive(serde::Serialize)]
            struct WithSoa<'a> {
                #[serde(flatten)]
                plan: &'a Plan,
                #[serde(skip_serializing_if = "Option::is_none")]
                soa: Option<&'a Import>,
            }
            let json = serde_json::to_string_pretty(&WithSoa {
                plan: &plan,
                soa: imported.as_ref(),
            })
            .unwrap_or_default();
            let _ = writeln!(out, "{json}");
        }
        AdoptFormat::Human => {
            print_plan(&mut out, &plan);
            if let Some(import) = &imported {
                print_import(&mut out, import, !args.write);
            }
        }
    }
    let mut err = std::io::stderr().lock();
    // The proposals' writes come first, then the SoA's changes.
    let proposals = if args.write { plan.proposals.len() } else { 0 };
    let ok = |w: &&adopt::Written| w.result.is_ok();
    let front_matter_written = written.iter().take(proposals).filter(ok).count();
    let soa_written = written.iter().skip(proposals).filter(ok).count();
    summary(&mut err, &plan, args.write, front_matter_written);
    if let Some(import) = &imported {
        soa_summary(&mut err, import, args.write, soa_written);
    }
    for (path, why) in &failed {
        let _ = writeln!(err, "error: {path}: not written: {why}");
    }
    let soa_problems = imported.as_ref().is_some_and(|i| !i.problems.is_empty());
    let failing = !plan.problems.is_empty() || !failed.is_empty() || soa_problems;
    Ok(ExitCode::from(u8::from(failing)))
}

fn print_plan(out: &mut impl Write, plan: &Plan) {
    for p in &plan.proposals {
        let _ = writeln!(out, "{}", p.path);
        for line in p.front_matter.lines() {
            let _ = writeln!(out, "    {line}");
        }
        for f in &p.fields {
            let _ = writeln!(out, "  {:<15} {}", f.name, f.from);
        }
        if p.controls.is_empty() && !p.fields.iter().any(|f| f.name == "controls") {
            let _ = writeln!(out, "  {:<15} none named in the text", "controls");
        }
        for (i, c) in p.controls.iter().enumerate() {
            let name = if i == 0 { "controls" } else { "" };
            let _ = writeln!(out, "  {name:<15} {}", adopt::describe(c));
        }
        for c in &p.from_soa {
            let _ = writeln!(
                out,
                "  {:<15} {} {} — the SoA, {}",
                "", c.control, c.title, c.from
            );
        }
        let _ = writeln!(out);
    }
}

fn summary(err: &mut impl Write, plan: &Plan, wrote: bool, written: usize) {
    for note in &plan.notes {
        let _ = writeln!(err, "warning: {note}");
    }
    for left in &plan.invalid {
        let _ = writeln!(err, "warning: {}: {}", left.path, left.reason);
    }
    for problem in &plan.problems {
        let _ = writeln!(
            err,
            "error: {}: {}; left as it is",
            problem.path, problem.reason
        );
    }
    let n = plan.proposals.len();
    let files = |n: usize| if n == 1 { "file" } else { "files" };
    let has = |n: usize| if n == 1 { "has" } else { "have" };
    let mut line = if n == 0 {
        "nothing to adopt: every document has front matter".to_owned()
    } else if wrote {
        format!("added front matter to {written} of {n} {}", files(n))
    } else {
        format!(
            "{n} {} without front matter; run again with --write to add what is proposed",
            files(n)
        )
    };
    if plan.adopted > 0 {
        line.push_str(&format!(
            " ({} {} {} front matter already)",
            plan.adopted,
            files(plan.adopted),
            has(plan.adopted)
        ));
    }
    let _ = writeln!(err, "{line}");
}

/// The SoA as read: where, which columns, what was reported, what changes.
fn print_import(out: &mut impl Write, import: &Import, dry_run: bool) {
    let _ = write!(out, "SoA: {}", import.file);
    let sheets: Vec<String> = import
        .sheets
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| quoted_sheet(s))
        .collect();
    if !sheets.is_empty() {
        let _ = write!(out, ", {}", sheets.join(", "));
    }
    let unit = import.unit;
    if let Some(h) = import.header_row {
        let _ = write!(out, ": header on {unit} {h}");
    }
    let _ = writeln!(
        out,
        ", controls on {unit}s {}–{}",
        import.rows.first, import.rows.last
    );
    for c in &import.layout.columns {
        let _ = writeln!(out, "  {:<30} {}", c.described, c.role.name());
    }
    if !import.layout.ignored.is_empty() {
        let cols: Vec<String> = import
            .layout
            .ignored
            .iter()
            .map(|i| format!("{} {:?}", i.column, i.header))
            .collect();
        let _ = writeln!(out, "  not imported: {}", cols.join(", "));
    }
    let _ = writeln!(out, "  {}", counts(import));
    let (read_so, left_out): (Vec<_>, Vec<_>) = import.reported.iter().partition(|r| !r.left_out);
    let mut section = |title: &str, list: &[&soa::Reported]| {
        if list.is_empty() {
            return;
        }
        let _ = writeln!(out, "\n{title} ({}):", list.len());
        for r in list {
            let _ = writeln!(out, "  {} {:?}: {}", r.cell, r.text, r.why);
        }
    };
    section("cells read another way", &read_so);
    section("cells not imported", &left_out);
    let unresolved: Vec<&soa::Reported> = import.unresolved.iter().collect();
    section("document references not resolved", &unresolved);
    if !import.problems.is_empty() {
        let _ = writeln!(out, "\nfiles not changed ({}):", import.problems.len());
        for left in &import.problems {
            let (path, why) = (&left.path, &left.reason);
            let _ = writeln!(out, "  {path}: {why}");
        }
    }
    if import.changes.is_empty() {
        let why = if import.problems.is_empty() {
            "the repository says what the SoA says"
        } else {
            "the files above cannot be changed"
        };
        let _ = writeln!(out, "\nno file changes: {why}");
        return;
    }
    let n = import.changes.len();
    let _ = writeln!(
        out,
        "\nchanges ({n} {}):",
        if n == 1 { "file" } else { "files" }
    );
    for c in &import.changes {
        let _ = writeln!(out, "  {}: {}", c.path, c.summary);
    }
    if dry_run {
        for c in &import.changes {
            let _ = writeln!(out);
            let _ = write!(out, "{}", c.diff);
        }
    }
}

fn quoted_sheet(name: &str) -> String {
    if name.starts_with("table at line") {
        name.to_owned()
    } else {
        format!("sheet {name:?}")
    }
}

/// `93 controls (2 by ISO 27001:2013 ids): 3 not applicable, 85 statuses, …`.
fn counts(import: &Import) -> String {
    let n = import.controls.len();
    let excluded = import
        .controls
        .iter()
        .filter(|c| c.applicable == Some(false))
        .count();
    let statuses = import
        .controls
        .iter()
        .filter(|c| c.status.is_some())
        .count();
    let why = import
        .controls
        .iter()
        .filter(|c| c.justification.is_some())
        .count();
    let notes = import.controls.iter().filter(|c| c.note.is_some()).count();
    let mut by_how: Vec<(&'static str, usize)> = Vec::new();
    for p in import.pairs() {
        match by_how.iter_mut().find(|(l, _)| *l == p.how.label()) {
            Some((_, n)) => *n += 1,
            None => by_how.push((p.how.label(), 1)),
        }
    }
    let pairs: usize = by_how.iter().map(|(_, n)| n).sum();
    let how: Vec<String> = by_how.iter().map(|(l, n)| format!("{n} {l}")).collect();
    format!(
        "{n} controls: {excluded} not applicable, {statuses} statuses, {why} justifications, {notes} notes; {pairs} control → document pairs{}",
        if how.is_empty() {
            String::new()
        } else {
            format!(" ({})", how.join(", "))
        }
    )
}

/// `written`: how many of the changes were written (with `--write`).
fn soa_summary(err: &mut impl Write, import: &Import, wrote: bool, written: usize) {
    let reported = import.reported.iter().filter(|r| r.left_out).count();
    let unresolved = import.unresolved.len();
    let files = import.changes.len();
    let noun = if files == 1 { "file" } else { "files" };
    let changed = match (wrote, written < files) {
        (false, _) => format!("would change {files} {noun}"),
        (true, false) => format!("changed {files} {noun}"),
        (true, true) => format!("changed {written} of {files} {noun}"),
    };
    let mut line = format!("SoA: {} controls read; {changed}", import.controls.len());
    if reported + unresolved > 0 {
        line.push_str(&format!(
            "; {reported} cells not imported and {unresolved} references not resolved (listed above)"
        ));
    }
    if !wrote && files > 0 {
        line.push_str("; run again with --write to make the changes");
    }
    let _ = writeln!(err, "{line}");
}
