//! `ismsbook check`: load and check, then report the findings in the format CI asks for.

use super::{exit_for, print_human, Common};
use clap::ValueEnum;
use ismsbook::error::Error;
use ismsbook::report;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Content root (the ISMS repository).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Output format for findings.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    format: CheckFormat,
    #[command(flatten)]
    common: Common,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    /// rustc-style diagnostics on stderr.
    Human,
    /// The findings object (see the README, "Findings"), on stdout.
    Json,
    /// SARIF 2.1.0 for GitHub code scanning, on stdout.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request), on stdout.
    Github,
    /// A Markdown summary for a pull-request comment, on stdout.
    Markdown,
    /// GitLab Code Quality report (merge request widget and diff), on stdout.
    Gitlab,
    /// JUnit XML, one test case per document (Jenkins, Azure DevOps, GitLab test reports), on
    /// stdout.
    Junit,
}

pub fn run(args: CheckArgs, color: bool) -> Result<ExitCode, Error> {
    let project = super::load(&args.dir, None, &args.common)?;
    let findings = ismsbook::timings::stage("check", || ismsbook::check(&project));
    let hb = &project.handbook;
    let prefix = ismsbook::repo_prefix(project.source.root());
    let names = report::FrameworkNames::of(hb);
    let text = match args.format {
        CheckFormat::Human => {
            ismsbook::timings::stage("report", || print_human(&project, &findings, color));
            String::new()
        }
        CheckFormat::Json => report::json::render(&findings.iter().collect::<Vec<_>>(), hb),
        CheckFormat::Sarif => {
            report::sarif::render(&findings, env!("CARGO_PKG_VERSION"), &prefix, &names)
        }
        CheckFormat::Github => report::github::render(&findings, &prefix, &names),
        CheckFormat::Markdown => report::markdown::render(
            &findings,
            hb.documents.len(),
            hb.catalog.controls.len(),
            &prefix,
            &names,
        ),
        CheckFormat::Gitlab => report::gitlab::render(&findings, &prefix, &names),
        CheckFormat::Junit => report::junit::render(
            &findings,
            hb,
            env!("CARGO_PKG_VERSION"),
            &prefix,
            args.common.deny.is_some(),
        ),
    };
    let _ = std::io::stdout().write_all(text.as_bytes());
    let code = exit_for(&findings, args.common.deny.is_some());
    super::end_without_freeing(project, findings);
    Ok(code)
}
