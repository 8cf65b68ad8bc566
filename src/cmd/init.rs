//! `ismsbook init`: a new ISMS repository with starter documents.

use ismsbook::error::Error;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct InitArgs {
    /// Folder to create the repository in (created if missing; must not hold an ISMS yet).
    #[arg(default_value = ".")]
    dir: PathBuf,
}

pub fn run(args: InitArgs) -> Result<ExitCode, Error> {
    let report = ismsbook::init::init(&args.dir)?;
    for path in &report.created {
        println!("created {}", args.dir.join(path).display());
    }
    println!(
        "\nNext: write your ISMS into the starter documents, then run\n  ismsbook build {} --drafts\n(the starters are drafts until you approve them; drafts are published only with --drafts)",
        args.dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
