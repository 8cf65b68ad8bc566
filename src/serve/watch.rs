//! Watching the content root with `notify`. Events are only hints that a path may have changed:
//! editors save atomically (write a temporary file, rename it over the original), so event kinds
//! are not trusted; the rebuild re-reads whatever the events name, plus anything whose size or
//! modification time changed.

use crate::error::Error;
use notify::{RecursiveMode, Watcher};
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// Quiet time after the last event before rebuilding: an editor's save is several events.
pub const DEBOUNCE: Duration = Duration::from_millis(150);
/// A steady stream of events (a `git checkout`, a generator) still rebuilds this often.
const MAX_WAIT: Duration = Duration::from_millis(1000);

pub enum Message {
    /// A file system event's paths.
    Paths(Vec<PathBuf>),
    /// The watcher itself failed (e.g. too many watches): say so, suggest `--poll`.
    WatchError(String),
    /// Ctrl-C or shutdown.
    Stop,
}

/// Keeps the watcher alive; events arrive on the channel given to [`start`].
pub struct Watch {
    _watcher: Box<dyn Watcher + Send>,
}

pub fn start(root: &Path, poll: bool, tx: Sender<Message>) -> Result<Watch, Error> {
    let handler = move |res: notify::Result<notify::Event>| {
        let msg = match res {
            // Reading a file (ours included: every rebuild reads the sources) is not a change.
            Ok(event) if event.kind.is_access() => return,
            Ok(event) => Message::Paths(event.paths),
            Err(e) => Message::WatchError(e.to_string()),
        };
        let _ = tx.send(msg);
    };
    let mut watcher: Box<dyn Watcher + Send> = if poll {
        let config = notify::Config::default()
            .with_poll_interval(Duration::from_millis(500))
            .with_compare_contents(false);
        Box::new(notify::PollWatcher::new(handler, config).map_err(|e| watch_error(root, e))?)
    } else {
        Box::new(notify::recommended_watcher(handler).map_err(|e| watch_error(root, e))?)
    };
    watcher
        .watch(root, RecursiveMode::Recursive)
        .map_err(|e| watch_error(root, e))?;
    Ok(Watch { _watcher: watcher })
}

fn watch_error(root: &Path, e: notify::Error) -> Error {
    Error::Usage(format!(
        "cannot watch {}: {e}. On network drives, WSL mounts and some containers file events do not arrive; use --poll",
        root.display()
    ))
}

/// What the filter decided about an event path.
pub struct Filter {
    root: PathBuf,
    output: PathBuf,
}

impl Filter {
    pub fn new(root: &Path, output: &Path) -> Filter {
        let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        Filter {
            root: canon(root),
            output: canon(output),
        }
    }

    /// The path relative to the content root if a change there can matter to the site.
    pub fn relevant(&self, path: &Path) -> Option<String> {
        // Events may name paths that no longer exist (deleted, renamed away): compare by prefix.
        let path = match path.canonicalize() {
            Ok(p) => p,
            Err(_) => path
                .parent()
                .and_then(|p| p.canonicalize().ok())
                .and_then(|p| path.file_name().map(|n| p.join(n)))
                .unwrap_or_else(|| path.to_path_buf()),
        };
        if path.starts_with(&self.output) {
            return None;
        }
        let rel = path.strip_prefix(&self.root).ok()?;
        let mut parts = Vec::new();
        for c in rel.components() {
            let Component::Normal(os) = c else {
                return None;
            };
            parts.push(os.to_str()?);
        }
        let name = *parts.last()?;
        // Hidden folders are never content; `.gitignore` decides what is.
        let hidden_dir = parts[..parts.len() - 1].iter().any(|p| p.starts_with('.'));
        if hidden_dir || (is_editor_temp(name) && name != ".gitignore") {
            return None;
        }
        Some(parts.join("/"))
    }
}

/// Editors' temporary, swap and backup files: never content, and saving one is not a change.
pub fn is_editor_temp(name: &str) -> bool {
    name.starts_with('.') && name != ".gitignore"      // vim .x.swp, emacs .#lock, our own temp files
        || name.ends_with('~')                          // vim/emacs backups
        || name.ends_with(".swp") || name.ends_with(".swo") || name.ends_with(".swx")
        || name == "4913"                               // vim's write test
        || (name.starts_with('#') && name.ends_with('#')) // emacs auto-save
        || name.ends_with(".tmp") || name.ends_with(".bak")
        || name.contains("___jb_tmp___") || name.contains("___jb_old___") // JetBrains
        || name.ends_with(".crswap")                    // Chrome-based editors
        || name.starts_with(".~lock.") // LibreOffice
}

/// Blocks until relevant changes arrive, then gathers more until the tree has been quiet for
/// [`DEBOUNCE`]. Returns `None` on [`Message::Stop`].
pub fn next_batch(
    rx: &Receiver<Message>,
    filter: &Filter,
    on_watch_error: &mut dyn FnMut(&str),
) -> Option<HashSet<String>> {
    let mut batch = HashSet::new();
    let mut first: Option<Instant> = None;
    loop {
        let msg = match first {
            None => rx.recv().ok()?,
            Some(t0) => {
                let wait = DEBOUNCE.min(MAX_WAIT.saturating_sub(t0.elapsed()));
                match rx.recv_timeout(wait) {
                    Ok(m) => m,
                    Err(RecvTimeoutError::Timeout) => return Some(batch),
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            }
        };
        match msg {
            Message::Stop => return None,
            Message::WatchError(e) => on_watch_error(&e),
            Message::Paths(paths) => {
                for p in paths {
                    if let Some(rel) = filter.relevant(&p) {
                        batch.insert(rel);
                        first.get_or_insert_with(Instant::now);
                    }
                }
            }
        }
        if first.is_some_and(|t0| t0.elapsed() >= MAX_WAIT) {
            return Some(batch);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temp_files_are_ignored() {
        for name in [
            ".policy.md.swp",
            "policy.md~",
            "4913",
            "#policy.md#",
            ".#policy.md",
            "policy.md___jb_tmp___",
            ".x.ismsbook-tmp",
        ] {
            assert!(is_editor_temp(name), "{name}");
        }
        for name in [
            "policy.md",
            "soa.yaml",
            "ismsbook.toml",
            ".gitignore",
            "style.css",
        ] {
            assert!(!is_editor_temp(name), "{name}");
        }
    }

    #[test]
    fn filter_drops_output_hidden_and_temp_paths() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("site")).unwrap();
        std::fs::create_dir_all(root.join("policies")).unwrap();
        let f = Filter::new(root, &root.join("site"));
        assert_eq!(
            f.relevant(&root.join("policies/a.md")).as_deref(),
            Some("policies/a.md")
        );
        assert_eq!(
            f.relevant(&root.join("policies/gone.md")).as_deref(),
            Some("policies/gone.md")
        );
        assert_eq!(f.relevant(&root.join("site/index.html")), None);
        assert_eq!(f.relevant(&root.join(".git/index")), None);
        assert_eq!(f.relevant(&root.join("policies/.a.md.swp")), None);
        assert_eq!(
            f.relevant(&root.join("soa.yaml")).as_deref(),
            Some("soa.yaml")
        );
    }

    #[test]
    fn batches_wait_for_quiet() {
        let dir = tempfile::tempdir().unwrap();
        let f = Filter::new(dir.path(), &dir.path().join("site"));
        let (tx, rx) = std::sync::mpsc::channel();
        tx.send(Message::Paths(vec![dir.path().join("a.md")]))
            .unwrap();
        tx.send(Message::Paths(vec![
            dir.path().join(".a.md.swp"),
            dir.path().join("b.md"),
        ]))
        .unwrap();
        let batch = next_batch(&rx, &f, &mut |_| {}).unwrap();
        assert_eq!(batch, HashSet::from(["a.md".to_owned(), "b.md".to_owned()]));
        tx.send(Message::Stop).unwrap();
        assert!(next_batch(&rx, &f, &mut |_| {}).is_none());
    }
}
