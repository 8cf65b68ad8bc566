//! `ismsbook codeowners`: a CODEOWNERS file from the documents' owners and `[owners]`.

use ismsbook::error::Error;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct CodeownersArgs {
    /// Content root (the ISMS repository).
    #[arg(default_value = ".")]
    dir: PathBuf,
}

pub fn run(args: CodeownersArgs) -> Result<ExitCode, Error> {
    let today = ismsbook::dates::today(None)?;
    let project = ismsbook::load(&ismsbook::Context::new(&args.dir, None, today)?)?;
    let prefix = ismsbook::repo_prefix(project.source.root());
    let out = ismsbook::codeowners::render(&project.handbook, &prefix)?;
    for warning in &out.warnings {
        eprintln!("warning: {warning}");
    }
    let _ = std::io::stdout().write_all(out.text.as_bytes());
    Ok(ExitCode::SUCCESS)
}
