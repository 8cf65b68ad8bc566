//! `ismsbook build`: load, check, print the findings, write the site.

use super::{exit_for, print_human, AudienceArg, Common};
use ismsbook::error::Error;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct BuildArgs {
    /// Content root (the ISMS repository).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Output folder (default: `output` in ismsbook.toml, else DIR/site).
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
    /// Publish draft documents too (marked as drafts).
    #[arg(long)]
    drafts: bool,
    /// Leave out documents classified above this audience (default: `audience` in
    /// ismsbook.toml, else all).
    #[arg(long, value_enum)]
    audience: Option<AudienceArg>,
    /// The site's interface language (en, de, fr, es, ja, or one the theme adds); default:
    /// `language` in ismsbook.toml, else English. Findings printed here stay English.
    #[arg(long, value_name = "LANG")]
    language: Option<String>,
    /// Print only findings and errors.
    #[arg(short, long)]
    quiet: bool,
    /// Replace the output folder even if ismsbook did not write it, or holds files it did
    /// not write (deleting them). Never `/`, the home folder, the content folder or its
    /// parents, the theme folder, a folder holding a Git repository (or inside one); inside
    /// the content folder, only its configured output (`output` in ismsbook.toml, else
    /// `site`), and never one holding content sources (`.md`, ismsbook.toml, soa.yaml).
    #[arg(long)]
    force: bool,
}

pub fn run(args: BuildArgs, color: bool) -> Result<ExitCode, Error> {
    // Ctrl-C or a kill mid-build removes the unfinished staging folder (exit 130/143).
    ismsbook::output::clean_up_on_interrupt()?;
    let started = std::time::Instant::now();
    let mut project = super::load(&args.dir, args.output.as_deref(), &args.common)?;
    if let Some(language) = args.language {
        project.handbook.config.language = Some(language);
    }
    let findings = ismsbook::timings::stage("check", || ismsbook::check(&project));
    ismsbook::timings::stage("report", || print_human(&project, &findings, color));
    let audience = args
        .audience
        .map(Into::into)
        .unwrap_or(project.handbook.config.audience);
    let publish = ismsbook::render::Publish {
        drafts: args.drafts,
        audience,
    };
    let stats = ismsbook::timings::stage("build", || {
        ismsbook::build_with(&project, &findings, publish, args.force)
    })?;
    if !stats.untranslated.is_empty() {
        let language = project.handbook.config.language();
        let n = stats.untranslated.len();
        eprintln!(
            "warning: language `{language}` has no text for {n} message{} ({}); English is shown \
             instead — add {} to theme/locales/{language}.ftl",
            if n == 1 { "" } else { "s" },
            stats
                .untranslated
                .iter()
                .take(5)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
                + if n > 5 { ", …" } else { "" },
            if n == 1 { "it" } else { "them" },
        );
    }
    if !args.quiet {
        eprintln!(
            "Wrote {} files to {} in {:.2}s",
            stats.files,
            stats.output.display(),
            started.elapsed().as_secs_f64()
        );
    }
    let code = exit_for(&findings, args.common.deny.is_some());
    super::end_without_freeing(project, findings);
    Ok(code)
}
