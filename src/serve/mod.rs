//! `ismsbook serve` and `ismsbook watch`: rebuild on change, serve with live reload.

pub mod rebuild;
pub mod server;
pub mod watch;

use crate::error::Error;
use std::collections::HashSet;
use std::sync::mpsc;

/// What the watch loop tells its caller (the CLI prints these; the library prints nothing).
pub enum Event<'a> {
    Rebuilt(&'a rebuild::Rebuilt),
    Failed(&'a Error),
    WatchProblem(&'a str),
    /// Ready and watching (after the first build, successful or not).
    Watching,
}

/// Builds, then rebuilds on every change until Ctrl-C. With a server, open pages reload after
/// a good rebuild and show an error overlay after a failed one.
pub fn run(
    opts: rebuild::SessionOptions,
    poll: bool,
    notifier: Option<server::Notifier>,
    on_event: &mut dyn FnMut(Event<'_>),
) -> Result<(), Error> {
    let root = opts.root.clone();
    // Where the site goes before a build has succeeded (ismsbook.toml may be broken): `-o`,
    // else the configured or default folder.
    let planned = crate::pipeline::Context::new(&root, opts.output.as_deref(), opts.today)
        .map(|c| c.output)
        .unwrap_or_else(|_| {
            opts.output
                .clone()
                .unwrap_or_else(|| root.join(crate::config::Config::default().output))
        });
    let mut session = rebuild::Session::new(opts);
    let (tx, rx) = mpsc::channel();
    stop_on_signal(tx.clone());
    let _watch = watch::start(&root, poll, tx)?;
    let mut changed = HashSet::new();
    let mut filter: Option<watch::Filter> = None;
    loop {
        match session.rebuild(&changed) {
            Ok(r) => {
                on_event(Event::Rebuilt(&r));
                if let Some(n) = &notifier {
                    n.reload();
                }
            }
            Err(e) => {
                on_event(Event::Failed(&e));
                if let Some(n) = &notifier {
                    n.error(&e.to_string());
                }
            }
        }
        if filter.is_none() {
            on_event(Event::Watching);
        }
        // The output folder is known after the first successful build (it may move with
        // ismsbook.toml; events from an old output folder are merely extra rebuilds).
        let out = session
            .output()
            .map(|p| p.to_path_buf())
            .unwrap_or_else(|| planned.clone());
        let f = filter.get_or_insert_with(|| watch::Filter::new(&root, &out));
        match watch::next_batch(&rx, f, &mut |e| on_event(Event::WatchProblem(e))) {
            Some(batch) => {
                if std::env::var_os("ISMSBOOK_DEBUG_WATCH").is_some() {
                    eprintln!("changed: {batch:?}");
                }
                changed = batch
            }
            None => return Ok(()),
        }
    }
}

/// Ctrl-C (and SIGTERM, SIGHUP) end the loop cleanly instead of killing a rebuild half-way.
fn stop_on_signal(tx: mpsc::Sender<watch::Message>) {
    // Without signal handling Ctrl-C still ends the process, only less tidily.
    let _ = crate::signals::on_interrupt(move |_| {
        let _ = tx.send(watch::Message::Stop);
    });
}
