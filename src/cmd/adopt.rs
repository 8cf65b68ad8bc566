//! `ismsbook adopt`: propose (and with `--write`, add) front matter for every document that has
//! none.

use clap::ValueEnum;
use ismsbook::adopt::{self, Plan};
use ismsbook::error::Error;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// `ismsbook adopt --help`.
pub const LONG_ABOUT: &str = "Propose front matter for every Markdown file of a repository written for GitHub that has none, so it builds as a handbook.\n\n\
For each file that a build would read (the same rules: .gitignore, hidden folders, the root README.md, theme/ and the output folder left out) and that has no front matter, it infers: id (a type prefix — POL, STD, PRO, GDL, PLN, REG, REC — and the number after the highest in use), title (the first H1, Markdown or <h1>, emoji and markup removed; else the file name), type (from file and folder names; policy when they say nothing), owner (CODEOWNERS, mapped to the [owners] name of the handle; else an owner the text states — `Document Owner: CEO`, a `| Owner | CISO |` row, an Owner badge; else the only [owners] entry; else the placeholder `unassigned`, which `check` flags), version (as the text states it, else \"1.0\"), status approved, last_reviewed (the last commit that changed the file, else today), review_interval (when the text states a review cycle other than [review] interval_months) and controls (the Annex A controls the text names; 2013 ids mapped to 2022).\n\n\
Without --write it prints each proposal with where every value came from and changes nothing. With --write it adds the front matter at the top of each file (after a BOM, in the file's line endings), leaving every byte of the text as it was. Files that already have front matter, valid or not, are never touched, so a second run proposes nothing.\n\n\
Exit status: 0, or 1 when a file could not be read or written (it is named), or 2 when DIR cannot be used.";

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
    let plan = adopt::plan(&ctx)?;
    let written = match args.write {
        true => adopt::write(&ctx, &plan),
        false => Vec::new(),
    };
    let failed: Vec<(&str, String)> = written
        .iter()
        .filter_map(|w| Some((w.path.as_str(), w.result.as_ref().err()?.to_string())))
        .collect();
    let mut out = std::io::stdout().lock();
    match args.format {
        AdoptFormat::Json => {
            let json = serde_json::to_string_pretty(&plan).unwrap_or_default();
            let _ = writeln!(out, "{json}");
        }
        AdoptFormat::Human => print_plan(&mut out, &plan),
    }
    let mut err = std::io::stderr().lock();
    summary(&mut err, &plan, args.write, written.len() - failed.len());
    for (path, why) in &failed {
        let _ = writeln!(err, "error: {path}: not written: {why}");
    }
    let failing = !plan.problems.is_empty() || !failed.is_empty();
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
        if p.controls.is_empty() {
            let _ = writeln!(out, "  {:<15} none named in the text", "controls");
        }
        for (i, c) in p.controls.iter().enumerate() {
            let name = if i == 0 { "controls" } else { "" };
            let _ = writeln!(out, "  {name:<15} {}", adopt::describe(c));
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
