//! `ismsbook diff`: what a change does to the ISMS, for a pull-request comment.

use clap::ValueEnum;
use ismsbook::error::Error;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct DiffArgs {
    /// Git revision to compare from: a branch, tag or commit (in CI, the pull request's
    /// base, e.g. `origin/main`).
    base: String,
    /// Git revision to compare to (default: the working tree, uncommitted changes
    /// included).
    head: Option<String>,
    /// Content root (the ISMS folder inside the repository).
    #[arg(short = 'C', long = "dir", value_name = "DIR", default_value = ".")]
    dir: PathBuf,
    /// Output format: a pull-request comment, or the JSON object.
    #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
    format: DiffFormat,
    /// Judge reviews as of this date (YYYY-MM-DD); default SOURCE_DATE_EPOCH, else today.
    #[arg(long, value_name = "DATE")]
    today: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Markdown,
    Json,
}

/// Exits 0 whenever it could compare: the gate is `check`.
pub fn run(args: DiffArgs) -> Result<ExitCode, Error> {
    let today = ismsbook::dates::today(args.today.as_deref())?;
    let diff = ismsbook::diff_revisions(&args.dir, &args.base, args.head.as_deref(), today)?;
    let text = match args.format {
        DiffFormat::Markdown => {
            ismsbook::diff::markdown::render(&diff, &ismsbook::repo_prefix(&args.dir))
        }
        DiffFormat::Json => {
            // Serialising plain structs of strings and numbers cannot fail.
            let mut s = serde_json::to_string_pretty(&diff).unwrap_or_default();
            s.push('\n');
            s
        }
    };
    let _ = std::io::stdout().write_all(text.as_bytes());
    Ok(ExitCode::SUCCESS)
}
