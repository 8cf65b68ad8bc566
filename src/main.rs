//! Command line: parse arguments, call the library, map the outcome to an exit status
//! (0 clean, 1 failing findings, 2 input that could not be processed).

use clap::{Parser, Subcommand, ValueEnum};
use ismsbook::config::Audience;
use ismsbook::finding::{Finding, Severity};
use ismsbook::report;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
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
    command: Command,
    /// Colour in terminal output.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Subcommand)]
enum Command {
    /// Build the static handbook site (findings are printed and shown in the site).
    Build {
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
    },
    /// Check the ISMS without writing a site: validation, references, reviews, coverage.
    Check {
        /// Content root (the ISMS repository).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output format for findings.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        #[command(flatten)]
        common: Common,
    },
    /// Build, then rebuild whenever a file changes (writes the output folder).
    Watch {
        #[command(flatten)]
        live: Live,
    },
    /// Build, serve the site on a local web server, and rebuild and reload open pages on every
    /// change.
    Serve {
        #[command(flatten)]
        live: Live,
        /// Address to listen on. Only this machine can connect to 127.0.0.1. Requests must name
        /// the server as localhost, 127.0.0.1, [::1] or this address (any IP address of the
        /// machine for 0.0.0.0 or ::); other host names are refused, against DNS rebinding.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 3000)]
        port: u16,
        /// Open the handbook in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Say what a change does to the ISMS: documents added, removed, renamed and changed,
    /// control coverage and applicability, findings introduced and resolved.
    Diff {
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
    },
    /// Print a CODEOWNERS file that makes each document's owner a reviewer of its changes
    /// (needs an [owners] table in ismsbook.toml).
    Codeowners {
        /// Content root (the ISMS repository).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Start a new ISMS repository: configuration, soa.yaml and starter documents for the
    /// clauses of ISO/IEC 27001 that require documented information.
    Init {
        /// Folder to create the repository in (created if missing; must not hold an ISMS yet).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
}

/// Options shared by `watch` and `serve`.
#[derive(clap::Args)]
struct Live {
    /// Content root (the ISMS repository).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Output folder (default: `output` in ismsbook.toml, else DIR/site).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Judge reviews as of this date (YYYY-MM-DD); default SOURCE_DATE_EPOCH, else today.
    #[arg(long, value_name = "DATE")]
    today: Option<String>,
    /// Publish draft documents too.
    #[arg(long)]
    drafts: bool,
    /// Leave out documents classified above this audience.
    #[arg(long, value_enum)]
    audience: Option<AudienceArg>,
    /// Poll for changes instead of relying on file system events (network drives, WSL
    /// mounts, some containers).
    #[arg(long)]
    poll: bool,
}

#[derive(clap::Args)]
struct Common {
    /// Judge reviews as of this date (YYYY-MM-DD); default SOURCE_DATE_EPOCH, else today.
    #[arg(long, value_name = "DATE")]
    today: Option<String>,
    /// Also fail (exit 1) on warnings.
    #[arg(long, value_enum, value_name = "LEVEL")]
    deny: Option<Deny>,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Markdown,
    Json,
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

#[derive(Clone, Copy, ValueEnum)]
enum Deny {
    Warnings,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
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
    match run(cli.command, color) {
        Ok(code) => code,
        Err(e) => {
            let label = if color {
                "\x1b[1;31merror\x1b[0m"
            } else {
                "error"
            };
            eprintln!("{label}: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command, color: bool) -> Result<ExitCode, ismsbook::error::Error> {
    match command {
        Command::Build {
            dir,
            output,
            common,
            drafts,
            audience,
            quiet,
            force,
        } => {
            // Ctrl-C or a kill mid-build removes the unfinished staging folder (exit 130/143).
            ismsbook::output::clean_up_on_interrupt()?;
            let started = std::time::Instant::now();
            let project = ismsbook::timings::stage("load", || {
                ismsbook::load(&ismsbook::LoadOptions {
                    root: &dir,
                    output: output.as_deref(),
                    today: common.today.as_deref(),
                })
            })?;
            let findings = ismsbook::timings::stage("check", || ismsbook::check(&project));
            ismsbook::timings::stage("report", || print_human(&project, &findings, color));
            let audience = audience
                .map(audience_of)
                .unwrap_or(project.handbook.config.audience);
            let stats = ismsbook::timings::stage("build", || {
                ismsbook::build_with(
                    &project,
                    &findings,
                    ismsbook::render::Publish { drafts, audience },
                    force,
                )
            })?;
            if !quiet {
                eprintln!(
                    "Wrote {} files to {} in {:.2}s",
                    stats.files,
                    stats.output.display(),
                    started.elapsed().as_secs_f64()
                );
            }
            Ok(exit_for(&findings, common.deny.is_some()))
        }
        Command::Watch { live } => {
            let poll = live.poll;
            let opts = live_options(live);
            // What no save can mend (a missing folder, a Git directory, an unreadable
            // ismsbook.toml) stops here, as for `serve`, rather than waiting for a change.
            ismsbook::output_dir(&ismsbook::LoadOptions {
                root: &opts.root,
                output: opts.output.as_deref(),
                today: opts.today.as_deref(),
            })?;
            ismsbook::serve::run(opts, poll, None, &mut |e| print_live(e, color))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            live,
            bind,
            port,
            open,
        } => {
            let poll = live.poll;
            let opts = live_options(live);
            let out = ismsbook::output_dir(&ismsbook::LoadOptions {
                root: &opts.root,
                output: opts.output.as_deref(),
                today: opts.today.as_deref(),
            })?;
            let server =
                ismsbook::serve::server::Server::start(std::net::SocketAddr::new(bind, port), out)?;
            let url = format!("http://{}/", server.local_addr());
            eprintln!("Serving the handbook at {url} (Ctrl-C to stop)");
            if !bind.is_loopback() {
                eprintln!("warning: listening on {bind}: other machines on the network can read the handbook (at this machine's IP address: host names other than localhost are refused, against DNS rebinding)");
            }
            if open {
                open_browser(&url);
            }
            let result = ismsbook::serve::run(opts, poll, Some(server.notifier()), &mut |e| {
                print_live(e, color)
            });
            server.shutdown();
            result?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff {
            base,
            head,
            dir,
            format,
            today,
        } => {
            let diff = ismsbook::diff_revisions(&dir, &base, head.as_deref(), today.as_deref())?;
            let text = match format {
                DiffFormat::Markdown => {
                    ismsbook::diff::markdown::render(&diff, &ismsbook::repo_prefix(&dir))
                }
                DiffFormat::Json => {
                    let mut s = serde_json::to_string_pretty(&diff).unwrap_or_default();
                    s.push('\n');
                    s
                }
            };
            let _ = std::io::stdout().write_all(text.as_bytes());
            Ok(ExitCode::SUCCESS)
        }
        Command::Codeowners { dir } => {
            let project = ismsbook::load(&ismsbook::LoadOptions {
                root: &dir,
                output: None,
                today: None,
            })?;
            let prefix = ismsbook::repo_prefix(project.source.root());
            let out = ismsbook::codeowners::render(&project.handbook, &prefix)?;
            for warning in &out.warnings {
                eprintln!("warning: {warning}");
            }
            let _ = std::io::stdout().write_all(out.text.as_bytes());
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir } => {
            let report = ismsbook::init::init(&dir)?;
            for path in &report.created {
                println!("created {}", dir.join(path).display());
            }
            println!(
                "\nNext: write your ISMS into the starter documents, then run\n  ismsbook build {} --drafts\n(the starters are drafts until you approve them; drafts are published only with --drafts)",
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Check {
            dir,
            format,
            common,
        } => {
            let project = ismsbook::timings::stage("load", || {
                ismsbook::load(&ismsbook::LoadOptions {
                    root: &dir,
                    output: None,
                    today: common.today.as_deref(),
                })
            })?;
            let findings = ismsbook::timings::stage("check", || ismsbook::check(&project));
            let hb = &project.handbook;
            let prefix = ismsbook::repo_prefix(project.source.root());
            let text = match format {
                Format::Human => {
                    ismsbook::timings::stage("report", || print_human(&project, &findings, color));
                    String::new()
                }
                Format::Json => report::json::render(&findings, hb),
                Format::Sarif => {
                    report::sarif::render(&findings, env!("CARGO_PKG_VERSION"), &prefix)
                }
                Format::Github => report::github::render(&findings, &prefix),
                Format::Markdown => report::markdown::render(
                    &findings,
                    hb.documents.len(),
                    hb.catalog.controls.len(),
                    &prefix,
                ),
            };
            let _ = std::io::stdout().write_all(text.as_bytes());
            Ok(exit_for(&findings, common.deny.is_some()))
        }
    }
}

fn live_options(live: Live) -> ismsbook::serve::rebuild::Options {
    ismsbook::serve::rebuild::Options {
        root: live.dir,
        output: live.output,
        today: live.today,
        drafts: live.drafts,
        audience: live.audience.map(audience_of),
    }
}

fn audience_of(a: AudienceArg) -> Audience {
    match a {
        AudienceArg::Public => Audience::Public,
        AudienceArg::Internal => Audience::Internal,
        AudienceArg::All => Audience::All,
    }
}

/// What watch mode shows: the full findings once, then what each rebuild changed.
fn print_live(event: ismsbook::serve::Event<'_>, color: bool) {
    use ismsbook::serve::Event;
    let mut err = std::io::stderr().lock();
    match event {
        Event::Rebuilt(r) if r.first => {
            let style = report::human::Style { color };
            let _ =
                err.write_all(report::human::render(&r.findings, &NoSnippets, &style).as_bytes());
            let _ = writeln!(
                err,
                "Built {} documents in {} ms into {}: {} files written; {}",
                r.documents,
                r.elapsed.as_millis(),
                r.output.display(),
                r.stats.written,
                report::human::counts(&r.findings)
            );
        }
        Event::Rebuilt(r) if r.diff.is_empty() && r.stats.written + r.stats.removed == 0 => {
            let _ = writeln!(err, "No change ({} ms)", r.elapsed.as_millis());
        }
        Event::Rebuilt(r) => {
            for line in &r.diff {
                let _ = writeln!(err, "{line}");
            }
            let _ = writeln!(
                err,
                "Rebuilt {} documents in {} ms: {} files written, {} removed; {}",
                r.documents,
                r.elapsed.as_millis(),
                r.stats.written,
                r.stats.removed,
                report::human::counts(&r.findings)
            );
        }
        Event::Failed(e) => {
            let label = if color {
                "\x1b[1;31merror\x1b[0m"
            } else {
                "error"
            };
            // An output folder that is locked or unsafe is no file to fix.
            let next = match e {
                ismsbook::error::Error::Output(_) => "it is tried again on the next change",
                _ => "fix the file and save again",
            };
            let _ = writeln!(
                err,
                "{label}: {e}\n(the last good site stays in place; {next})"
            );
        }
        Event::WatchProblem(p) => {
            let _ = writeln!(err, "warning: file watching: {p} (try --poll)");
        }
        Event::Watching => {
            let _ = writeln!(err, "Watching for changes (Ctrl-C to stop)");
        }
    }
}

/// Watch mode lists findings without source snippets: the files are changing under it.
struct NoSnippets;

impl report::human::SourceLines for NoSnippets {
    fn text(&self, _: &str) -> Option<std::borrow::Cow<'_, str>> {
        None
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("Open {url} in your browser");
    }
}

fn print_human(project: &ismsbook::Project, findings: &[Finding], color: bool) {
    let style = report::human::Style { color };
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(report::human::render(findings, project, &style).as_bytes());
    let hb = &project.handbook;
    let _ = writeln!(
        err,
        "{}",
        report::human::summary(findings, hb.documents.len(), hb.catalog.controls.len())
    );
    if hb.history.as_ref().is_some_and(|h| h.shallow) {
        let _ = writeln!(
            err,
            "note: this is a shallow clone: document histories, changed-without-version-bump and approval-stale see only the commits fetched (in CI, check out with fetch-depth: 0)"
        );
    }
}

fn exit_for(findings: &[Finding], deny_warnings: bool) -> ExitCode {
    let failing = findings.iter().any(|f| {
        f.severity == Severity::Error || (deny_warnings && f.severity == Severity::Warning)
    });
    ExitCode::from(u8::from(failing))
}
