//! `ismsbook watch` and `ismsbook serve`: rebuild on every change; `serve` also serves the site
//! and reloads open pages.

use super::{error_label, AudienceArg};
use ismsbook::error::Error;
use ismsbook::report;
use ismsbook::serve::Event;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options shared by `watch` and `serve`.
#[derive(clap::Args)]
pub struct WatchArgs {
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
    /// The site's interface language; default: `language` in ismsbook.toml, else English.
    #[arg(long, value_name = "LANG")]
    language: Option<String>,
    /// Poll for changes instead of relying on file system events (network drives, WSL
    /// mounts, some containers).
    #[arg(long)]
    poll: bool,
}

#[derive(clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    live: WatchArgs,
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
}

impl WatchArgs {
    /// The session's options, once what no save can mend (a missing folder, a Git directory,
    /// an unreadable ismsbook.toml) has stopped the run rather than wait for a change; and the
    /// output folder.
    fn session(self) -> Result<(ismsbook::serve::rebuild::SessionOptions, PathBuf), Error> {
        let today = ismsbook::dates::today(self.today.as_deref())?;
        let out = ismsbook::Context::new(&self.dir, self.output.as_deref(), today)?.output;
        let opts = ismsbook::serve::rebuild::SessionOptions {
            root: self.dir,
            output: self.output,
            today,
            drafts: self.drafts,
            audience: self.audience.map(Into::into),
            language: self.language,
        };
        Ok((opts, out))
    }
}

pub fn watch(args: WatchArgs, color: bool) -> Result<ExitCode, Error> {
    let poll = args.poll;
    let (opts, _) = args.session()?;
    ismsbook::serve::run(opts, poll, None, &mut |e| print_live(e, color))?;
    Ok(ExitCode::SUCCESS)
}

pub fn serve(args: ServeArgs, color: bool) -> Result<ExitCode, Error> {
    let poll = args.live.poll;
    let (opts, out) = args.live.session()?;
    let bind = args.bind;
    let server =
        ismsbook::serve::server::Server::start(std::net::SocketAddr::new(bind, args.port), out)?;
    let url = format!("http://{}/", server.local_addr());
    eprintln!("Serving the handbook at {url} (Ctrl-C to stop)");
    if !bind.is_loopback() {
        eprintln!("warning: listening on {bind}: other machines on the network can read the handbook (at this machine's IP address: host names other than localhost are refused, against DNS rebinding)");
    }
    if args.open {
        open_browser(&url);
    }
    let result = ismsbook::serve::run(opts, poll, Some(server.notifier()), &mut |e| {
        print_live(e, color)
    });
    server.shutdown();
    result?;
    Ok(ExitCode::SUCCESS)
}

/// What watch mode shows: the full findings once, then what each rebuild changed.
fn print_live(event: Event<'_>, color: bool) {
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
            // An output folder that is locked or unsafe is no file to fix.
            let next = match e {
                Error::Output(_) => "it is tried again on the next change",
                _ => "fix the file and save again",
            };
            let _ = writeln!(
                err,
                "{}: {e}\n(the last good site stays in place; {next})",
                error_label(color)
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
