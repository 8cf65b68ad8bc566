//! Command line: parse arguments, run the subcommand (`cmd/`, one file each), map the outcome
//! to an exit status (0 clean, 1 failing findings, 2 input that could not be processed).

mod alloc;
mod cmd;

use clap::{Parser, ValueEnum};
use std::io::IsTerminal;
use std::process::ExitCode;

// A build allocates many small strings on every core; glibc's allocator spent a tenth of the
// build in malloc and free, contended across threads.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "ismsbook",
    version,
    about = "Build a cross-referenced ISO/IEC 27001 ISMS handbook from Markdown policies"
)]
struct Cli {
    #[command(subcommand)]
    command: cmd::Command,
    /// Colour in terminal output.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    match cmd::run(cli.command, color) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}: {e}", cmd::error_label(color));
            ExitCode::from(2)
        }
    }
}
