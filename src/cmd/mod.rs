//! One file per subcommand, each with its arguments and what it runs; what they share is here.

mod adopt;
mod build;
mod check;
mod codeowners;
mod diff;
mod init;
mod serve;

use clap::{Subcommand, ValueEnum};
use ismsbook::config::Audience;
use ismsbook::error::Error;
use ismsbook::finding::{Finding, Severity};
use ismsbook::report;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum Command {
    /// Build the static handbook site (findings are printed and shown in the site).
    Build(build::BuildArgs),
    /// Check the ISMS without writing a site: validation, references, reviews, coverage.
    Check(check::CheckArgs),
    /// Build, then rebuild whenever a file changes (writes the output folder).
    Watch(serve::WatchArgs),
    /// Build, serve the site on a local web server, and rebuild and reload open pages on every
    /// change.
    Serve(serve::ServeArgs),
    /// Say what a change does to the ISMS: documents added, removed, renamed and changed,
    /// control coverage and applicability, findings introduced and resolved.
    Diff(diff::DiffArgs),
    /// Print a CODEOWNERS file that makes each document's owner a reviewer of its changes
    /// (needs an [owners] table in ismsbook.toml).
    Codeowners(codeowners::CodeownersArgs),
    /// Start a new ISMS repository: configuration, soa.yaml and starter documents for the
    /// clauses of ISO/IEC 27001 that require documented information.
    Init(init::InitArgs),
    /// Propose front matter for every document that has none (a repository written for
    /// GitHub); --write adds it, leaving the text as it was.
    #[command(long_about = adopt::LONG_ABOUT)]
    Adopt(adopt::AdoptArgs),
}

pub fn run(command: Command, color: bool) -> Result<ExitCode, Error> {
    match command {
        Command::Build(args) => build::run(args, color),
        Command::Check(args) => check::run(args, color),
        Command::Watch(args) => serve::watch(args, color),
        Command::Serve(args) => serve::serve(args, color),
        Command::Diff(args) => diff::run(args),
        Command::Codeowners(args) => codeowners::run(args),
        Command::Init(args) => init::run(args),
        Command::Adopt(args) => adopt::run(args),
    }
}

/// `error` as printed before a message that stops a run, red on a terminal.
pub fn error_label(color: bool) -> &'static str {
    if color {
        "\x1b[1;31merror\x1b[0m"
    } else {
        "error"
    }
}

/// `--today`, `--as-of` and `--deny`, shared by `build` and `check`.
#[derive(clap::Args)]
struct Common {
    /// Judge reviews as of this date (YYYY-MM-DD); default SOURCE_DATE_EPOCH, else today
    /// (with --as-of: the date it names).
    #[arg(long, value_name = "DATE")]
    today: Option<String>,
    /// The handbook exactly as committed at a Git revision (branch, tag, commit), or at the
    /// last first-parent commit on or before the end of a date (YYYY-MM-DD); the work tree's
    /// files are not read.
    #[arg(long, value_name = "REV|DATE")]
    as_of: Option<String>,
    /// Also fail (exit 1) on warnings.
    #[arg(long, value_enum, value_name = "LEVEL")]
    deny: Option<Deny>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Deny {
    Warnings,
}

#[derive(Clone, Copy, ValueEnum)]
enum AudienceArg {
    /// Only public documents.
    Public,
    /// Public and internal documents.
    Internal,
    /// Everything, confidential and restricted included.
    All,
}

impl From<AudienceArg> for Audience {
    fn from(a: AudienceArg) -> Audience {
        match a {
            AudienceArg::Public => Audience::Public,
            AudienceArg::Internal => Audience::Internal,
            AudienceArg::All => Audience::All,
        }
    }
}

/// The project `build` and `check` work on: the work tree, or the revision `--as-of` names
/// (whose day reviews are then judged against, unless `--today` says otherwise).
fn load(dir: &Path, output: Option<&Path>, common: &Common) -> Result<ismsbook::Project, Error> {
    let Some(spec) = &common.as_of else {
        let today = ismsbook::dates::today(common.today.as_deref())?;
        let ctx = ismsbook::Context::new(dir, output, today)?;
        return ismsbook::timings::stage("load", || ismsbook::load(&ctx));
    };
    if !dir.is_dir() {
        return Err(Error::NoContentRoot(dir.to_path_buf()));
    }
    let (commit, date) = ismsbook::git::as_of(dir, spec).map_err(Error::Usage)?;
    // Only an explicit --today wins: SOURCE_DATE_EPOCH is the build's clock, not the audit's.
    let today = match &common.today {
        Some(t) => ismsbook::dates::today(Some(t))?,
        None => date,
    };
    let as_of = ismsbook::pipeline::AsOf { commit, date };
    ismsbook::timings::stage("load", || ismsbook::load_as_of(dir, output, as_of, today))
}

/// The findings as rustc prints diagnostics, then the summary line, on stderr.
fn print_human(project: &ismsbook::Project, findings: &[Finding], color: bool) {
    let style = report::human::Style { color };
    let mut err = std::io::stderr().lock();
    if let Some(as_of) = &project.as_of {
        let _ = writeln!(
            err,
            "The handbook {}: committed files only, the work tree is not read",
            as_of.text()
        );
    }
    let _ = err.write_all(report::human::render(findings, project, &style).as_bytes());
    let hb = &project.handbook;
    let summary = report::human::summary(findings, hb.documents.len(), hb.catalog.controls.len());
    match &project.as_of {
        Some(as_of) => {
            let _ = writeln!(err, "{summary}, {}", as_of.text());
        }
        None => {
            let _ = writeln!(err, "{summary}");
        }
    }
    if hb.history.as_ref().is_some_and(|h| h.shallow) {
        let _ = writeln!(
            err,
            "note: this is a shallow clone: document histories, changed-without-version-bump and approval-stale see only the commits fetched (in CI, check out with fetch-depth: 0)"
        );
    }
}

/// 1 when a finding fails the run (an error, or a warning with `--deny warnings`), else 0.
fn exit_for(findings: &[Finding], deny_warnings: bool) -> ExitCode {
    let failing = findings.iter().any(|f| {
        f.severity == Severity::Error || (deny_warnings && f.severity == Severity::Warning)
    });
    ExitCode::from(u8::from(failing))
}

/// The model and findings of a command that is about to exit: the process's end returns their
/// memory at once, where freeing them allocation by allocation took a tenth of `check` on
/// 10,000 documents. Nothing in them has work to do when dropped (no files, no locks).
pub(crate) fn end_without_freeing(
    project: ismsbook::Project,
    findings: Vec<ismsbook::finding::Finding>,
) {
    std::mem::forget(project);
    std::mem::forget(findings);
}
