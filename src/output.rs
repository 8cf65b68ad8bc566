//! Stage 5, write: the site is rendered into a staging folder beside the output and swapped in
//! only when complete, so a failed or interrupted build leaves the previous site as it was. The
//! tool only ever replaces a folder it wrote itself (it carries a marker listing the files
//! written). A file whose bytes did not change is hard-linked from the previous site instead of
//! written again, so an unchanged rebuild rewrites no file (inode and modification time kept).

use crate::error::Error;
use crate::render::Sink;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Mutex;

pub const MARKER: &str = ".ismsbook-output";

/// How far `build` may go in replacing an existing output folder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// `--force`: replace a non-empty folder without ismsbook's marker, or one holding files
    /// ismsbook did not write. Never the content folder, one of its parents, the home folder
    /// or `/`.
    pub force: bool,
}

pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    /// The previous site's files ismsbook wrote (from its marker), for re-use by hard link.
    previous: HashSet<String>,
    /// `--force` accepted the output as it is: the swap does not check it again.
    force: bool,
    written: Mutex<BTreeSet<String>>,
    committed: bool,
}

/// Signal number that interrupted the run (0: none).
static INTERRUPTED: AtomicI32 = AtomicI32::new(0);
/// Staging folders (and old sites being removed) of this process: what an interrupt removes.
static ACTIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn active() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    ACTIVE.lock().unwrap_or_else(|e| e.into_inner())
}

/// A thread that must not go on once the process is being interrupted waits here for the
/// interrupt handler to remove the staging folder and end the process.
fn halt_if_interrupted() {
    if INTERRUPTED.load(Ordering::SeqCst) != 0 {
        halt();
    }
}

fn halt() -> ! {
    loop {
        std::thread::park();
    }
}

/// Makes SIGINT, SIGTERM and SIGHUP (Ctrl-C on Windows) end the process cleanly: the staging
/// folder of a build in progress is removed, the previous site stays as it was, and the exit
/// status is 128 + the signal number (130 for SIGINT, 143 for SIGTERM). Returns once the
/// handler is in place. For `build`; watch and serve handle their own shutdown.
pub fn clean_up_on_interrupt() -> Result<(), Error> {
    static INSTALLED: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    INSTALLED
        .get_or_init(|| {
            let (ready, wait) = std::sync::mpsc::channel();
            std::thread::Builder::new()
                .name("ismsbook-signals".into())
                .spawn(move || {
                    let runtime = match tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    {
                        Ok(r) => r,
                        Err(e) => {
                            let _ = ready.send(Err(e.to_string()));
                            return;
                        }
                    };
                    let signo = runtime.block_on(wait_for_signal(ready));
                    if let Some(signo) = signo {
                        interrupted(signo);
                    }
                })
                .map_err(|e| e.to_string())?;
            wait.recv()
                .map_err(|_| "the signal handler thread ended".to_owned())?
        })
        .clone()
        .map_err(|e| Error::Output(format!("cannot handle interrupts: {e}")))
}

#[cfg(unix)]
async fn wait_for_signal(ready: std::sync::mpsc::Sender<Result<(), String>>) -> Option<i32> {
    use tokio::signal::unix::{signal, SignalKind};
    let streams = (|| {
        Ok::<_, std::io::Error>((
            signal(SignalKind::interrupt())?,
            signal(SignalKind::terminate())?,
            signal(SignalKind::hangup())?,
        ))
    })();
    let (mut int, mut term, mut hup) = match streams {
        Ok(s) => s,
        Err(e) => {
            let _ = ready.send(Err(e.to_string()));
            return None;
        }
    };
    let _ = ready.send(Ok(()));
    tokio::select! {
        _ = int.recv() => Some(2),
        _ = term.recv() => Some(15),
        _ = hup.recv() => Some(1),
    }
}

#[cfg(not(unix))]
async fn wait_for_signal(ready: std::sync::mpsc::Sender<Result<(), String>>) -> Option<i32> {
    let _ = ready.send(Ok(()));
    tokio::signal::ctrl_c().await.ok().map(|_| 2)
}

/// The interrupt itself: stop writers, remove what this process staged, exit 128 + signo.
fn interrupted(signo: i32) -> ! {
    INTERRUPTED.store(signo, Ordering::SeqCst);
    // Held until exit: no staging folder is created, and no swap starts, after this point.
    let dirs = active();
    for dir in dirs.iter() {
        remove_all_eventually(dir);
    }
    // After a swap only the old site is left to delete: the new one is already in place.
    if dirs
        .iter()
        .any(|d| d.extension().is_none_or(|x| x != "old"))
    {
        eprintln!("interrupted: the unfinished build was removed; the previous site is unchanged");
    } else {
        eprintln!("interrupted");
    }
    std::process::exit(128 + signo)
}

/// Removes `dir`, retrying while writers that were mid-file when the interrupt came finish.
fn remove_all_eventually(dir: &Path) {
    for _ in 0..200 {
        let _ = std::fs::remove_dir_all(dir);
        if std::fs::symlink_metadata(dir).is_err() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

impl Staging {
    /// Prepares a staging folder for `out`, after checking that `out` may be replaced.
    pub fn create(out: &Path, content_root: &Path) -> Result<Staging, Error> {
        Staging::create_with(out, content_root, Options::default())
    }

    /// Like [`Staging::create`], with `--force` and the like.
    pub fn create_with(out: &Path, content_root: &Path, opts: Options) -> Result<Staging, Error> {
        let out = replaceable(out, content_root, opts)?;
        let parent = out
            .parent()
            .ok_or_else(|| Error::Output(format!("{} has no parent folder", out.display())))?;
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("site");
        remove_dead_stagings(parent, name);
        let dir = parent.join(format!(".{name}.ismsbook-staging-{}", std::process::id()));
        let previous = previous_files(&out);
        let mut registry = active();
        if INTERRUPTED.load(Ordering::SeqCst) != 0 {
            drop(registry);
            halt();
        }
        // Left by an earlier run of this same process id that was killed: ours to remove.
        for leftover in [dir.clone(), old_site(&dir)] {
            if leftover.exists() {
                std::fs::remove_dir_all(&leftover).map_err(|e| Error::io(&leftover, e))?;
            }
        }
        registry.push(dir.clone());
        if let Err(e) = std::fs::create_dir(&dir) {
            registry.retain(|d| d != &dir);
            return Err(Error::io(&dir, e));
        }
        drop(registry);
        Ok(Staging {
            out,
            dir,
            previous,
            force: opts.force,
            written: Mutex::new(BTreeSet::new()),
            committed: false,
        })
    }

    /// The staging folder (removed on drop unless committed).
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Number of files written so far.
    pub fn count(&self) -> usize {
        self.written.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Swaps the staged site in: old output aside, staged in, old removed.
    pub fn commit(mut self) -> Result<PathBuf, Error> {
        let written = std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        let manifest: String = written.iter().map(|p| format!("{p}\n")).collect();
        self.put(MARKER, &[manifest.as_bytes()])?;
        let old = old_site(&self.dir);
        let mut registry = active();
        if INTERRUPTED.load(Ordering::SeqCst) != 0 {
            drop(registry);
            halt();
        }
        let had_old = self.out.exists();
        if had_old {
            // Re-check: files may have been added to the output while we were rendering.
            if !self.force {
                check_replaceable(&self.out)?;
            }
            std::fs::rename(&self.out, &old).map_err(|e| Error::io(&self.out, e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.out) {
            if had_old {
                let _ = std::fs::rename(&old, &self.out);
            }
            return Err(Error::io(&self.out, e));
        }
        self.committed = true;
        registry.retain(|d| d != &self.dir);
        if had_old {
            registry.push(old.clone());
        }
        drop(registry);
        if had_old {
            // The new site is already in place: failing to delete the old copy must not turn a
            // good build into a failed one.
            let _ = std::fs::remove_dir_all(&old);
            active().retain(|d| d != &old);
        }
        Ok(self.out.clone())
    }

    /// Writes one file into the staging folder, or hard-links the previous site's copy when
    /// its bytes are the same. Returns whether new bytes were written.
    fn put(&self, rel: &str, parts: &[&[u8]]) -> Result<bool, Error> {
        use std::io::Write;
        halt_if_interrupted();
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| self.fail(parent, e))?;
        }
        // A name written twice must not truncate a file shared with the previous site.
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(self.fail(&path, e)),
        }
        if self.previous.contains(rel) || (rel == MARKER && !self.previous.is_empty()) {
            let old = self.out.join(rel);
            if same_bytes(&old, parts) && std::fs::hard_link(&old, &path).is_ok() {
                return Ok(false);
            }
        }
        let file = std::fs::File::create(&path).map_err(|e| self.fail(&path, e))?;
        let mut file = std::io::BufWriter::new(file);
        for part in parts {
            file.write_all(part).map_err(|e| self.fail(&path, e))?;
        }
        file.flush().map_err(|e| self.fail(&path, e))?;
        Ok(true)
    }

    /// An I/O error while staging; when the process is being interrupted, the interrupt wins
    /// (the folder may be vanishing under the writer).
    fn fail(&self, path: &Path, e: std::io::Error) -> Error {
        halt_if_interrupted();
        Error::io(path, e)
    }
}

/// Where the previous site goes during the swap: beside the staging folder `dir`.
fn old_site(dir: &Path) -> PathBuf {
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("staging");
    dir.with_file_name(format!("{name}.old"))
}

/// Whether the file at `old` holds exactly the bytes of `parts` (and is a plain file).
fn same_bytes(old: &Path, parts: &[&[u8]]) -> bool {
    use std::io::Read;
    let Ok(meta) = std::fs::symlink_metadata(old) else {
        return false;
    };
    let len: usize = parts.iter().map(|p| p.len()).sum();
    if !meta.is_file() || meta.len() != len as u64 {
        return false;
    }
    let Ok(mut file) = std::fs::File::open(old) else {
        return false;
    };
    let mut buf = vec![0u8; 64 * 1024];
    for part in parts {
        let mut rest: &[u8] = part;
        while !rest.is_empty() {
            let want = rest.len().min(buf.len());
            if file.read_exact(&mut buf[..want]).is_err() || buf[..want] != rest[..want] {
                return false;
            }
            rest = &rest[want..];
        }
    }
    // Nothing after: the file did not grow since its length was read.
    matches!(file.read(&mut buf[..1]), Ok(0))
}

/// Files listed in the marker of the site at `out` (empty when there is none).
fn previous_files(out: &Path) -> HashSet<String> {
    std::fs::read_to_string(out.join(MARKER))
        .map(|m| m.lines().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// Staging folders for `name` left by processes that no longer run (killed with SIGKILL, or by
/// a power cut): only where that can be told for sure (Linux `/proc`).
fn remove_dead_stagings(parent: &Path, name: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let prefix = format!(".{name}.ismsbook-staging-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let pid = rest.strip_suffix(".old").unwrap_or(rest);
        if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if pid != std::process::id().to_string() && !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        self.write_all_parts(rel, &[bytes])
    }

    fn write_parts(&self, rel: &str, parts: &[&str]) -> Result<(), Error> {
        let parts: Vec<&[u8]> = parts.iter().map(|p| p.as_bytes()).collect();
        self.write_all_parts(rel, &parts)
    }
}

impl Staging {
    fn write_all_parts(&self, rel: &str, parts: &[&[u8]]) -> Result<(), Error> {
        self.put(rel, parts)?;
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_owned());
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Only our own staging folder: the previous output is untouched.
            let _ = std::fs::remove_dir_all(&self.dir);
            active().retain(|d| d != &self.dir);
        }
    }
}

/// The output folder as an absolute path, once it is known to be safe to replace: not `/`,
/// the content folder or one of its parents, the home folder or one of its parents; and new,
/// empty, or ismsbook's own (unless `--force`).
fn replaceable(out: &Path, content_root: &Path, opts: Options) -> Result<PathBuf, Error> {
    let out = absolute(out)?;
    let root = content_root
        .canonicalize()
        .map_err(|e| Error::io(content_root, e))?;
    // What `out` really is, when it exists (a symbolic link to the home folder is the home
    // folder).
    let real = out.canonicalize().unwrap_or_else(|_| out.clone());
    let refuse = |what: &str| {
        Err(Error::Output(format!(
            "{} {what}; refusing to replace it, even with --force. Choose an output folder inside or beside the content folder (e.g. -o site)",
            out.display()
        )))
    };
    for o in [&out, &real] {
        if o.parent().is_none() {
            return refuse("is the root of the file system");
        }
        if *o == root {
            return refuse("is the content folder");
        }
        if root.starts_with(o) {
            return refuse("contains the content folder");
        }
        if let Some(home) = home_folder() {
            if *o == home {
                return refuse("is your home folder");
            }
            if home.starts_with(o) {
                return refuse("contains your home folder");
            }
        }
    }
    if out.exists() {
        if opts.force {
            if !out.is_dir() {
                return Err(Error::Output(format!(
                    "{} exists and is not a folder",
                    out.display()
                )));
            }
        } else {
            check_replaceable(&out)?;
        }
    }
    Ok(out)
}

/// `$HOME` (`%USERPROFILE%` on Windows), resolved, when set.
fn home_folder() -> Option<PathBuf> {
    let var = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    let home = PathBuf::from(std::env::var_os(var).filter(|v| !v.is_empty())?);
    Some(home.canonicalize().unwrap_or(home))
}

fn absolute(p: &Path) -> Result<PathBuf, Error> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io(p, e))?
            .join(p)
    };
    // Resolve `..` through the existing parent so comparisons with the content root hold.
    match (abs.parent(), abs.file_name()) {
        (Some(parent), Some(name)) if parent.exists() => Ok(parent
            .canonicalize()
            .map_err(|e| Error::io(parent, e))?
            .join(name)),
        _ => Ok(abs),
    }
}

/// The output may be replaced only if it is empty, or was written by ismsbook and holds
/// nothing that ismsbook did not write.
fn check_replaceable(out: &Path) -> Result<(), Error> {
    if !out.is_dir() {
        return Err(Error::Output(format!(
            "{} exists and is not a folder",
            out.display()
        )));
    }
    let mut entries = std::fs::read_dir(out).map_err(|e| Error::io(out, e))?;
    if entries.next().is_none() {
        return Ok(());
    }
    let manifest = match std::fs::read_to_string(out.join(MARKER)) {
        Ok(m) => m,
        Err(_) => {
            return Err(Error::Output(format!(
                "{} is not empty and was not written by ismsbook (no {MARKER} file); refusing to replace it. Choose another folder with -o, empty it yourself, or pass --force to `build` to replace it and everything in it",
                out.display()
            )))
        }
    };
    let known: BTreeSet<&str> = manifest.lines().collect();
    let mut foreign = Vec::new();
    collect_foreign(out, out, &known, &mut foreign);
    if foreign.is_empty() {
        return Ok(());
    }
    foreign.sort();
    let shown: Vec<&str> = foreign.iter().take(5).map(String::as_str).collect();
    Err(Error::Output(format!(
        "{} holds {} file(s) ismsbook did not write ({}{}); refusing to delete them. Move them out of the output folder, or keep them in the content folder and link to them (--force to `build` deletes them)",
        out.display(),
        foreign.len(),
        shown.join(", "),
        if foreign.len() > 5 { ", …" } else { "" }
    )))
}

fn collect_foreign(base: &Path, dir: &Path, known: &BTreeSet<&str>, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            collect_foreign(base, &path, known, out);
            continue;
        }
        let rel = path
            .strip_prefix(base)
            .ok()
            .map(|r| {
                r.components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .unwrap_or_default();
        // A watch session killed mid-render leaves its temporaries; they are ismsbook's own.
        let ours = path
            .file_name()
            .is_some_and(|n| is_temporary(&n.to_string_lossy()));
        if rel != MARKER && !known.contains(rel.as_str()) && !ours {
            out.push(rel);
        }
    }
}

/// Watch mode's writer: each rendered file is compared with what the output folder holds, and a
/// changed one is written beside its place under a temporary name; only when the whole render
/// succeeded are they renamed into place, so a reader never sees half a page or half a site.
/// Files ismsbook wrote before and no longer writes are removed; a failed render changes
/// nothing. (Pages were held in memory until the commit: 2.5 GB for 50,000 documents.)
pub struct Incremental {
    out: PathBuf,
    /// Path → hash of the bytes on disk, for files ismsbook wrote.
    known: HashMap<String, u64>,
    seen: Mutex<HashSet<String>>,
    /// Written under [`temporary`] names, with the hash of their bytes.
    pending: Mutex<HashMap<String, u64>>,
    /// Written by `commit_partial` since the last `commit`.
    flushed: usize,
}

/// What a commit did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

fn hash(bytes: &[u8]) -> u64 {
    hash_parts(&[bytes])
}

/// The hash of the parts joined, without joining them.
fn hash_parts(parts: &[&[u8]]) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    h.write_usize(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        h.write(part);
    }
    h.finish()
}

impl Incremental {
    /// Opens `out` for in-place updates, with the same safety rules as a full build: it must be
    /// new, empty, or written by ismsbook with nothing foreign in it.
    pub fn open(out: &Path, content_root: &Path) -> Result<Incremental, Error> {
        let out = replaceable(out, content_root, Options::default())?;
        let mut known = HashMap::new();
        // What is already there counts as written: an unchanged site rewrites nothing.
        if let Ok(manifest) = std::fs::read_to_string(out.join(MARKER)) {
            for rel in manifest.lines() {
                if let Ok(bytes) = std::fs::read(out.join(rel)) {
                    known.insert(rel.to_owned(), hash(&bytes));
                }
            }
        }
        std::fs::create_dir_all(&out).map_err(|e| Error::io(&out, e))?;
        // Left by a session that was killed mid-render.
        remove_temporaries(&out);
        Ok(Incremental {
            out,
            known,
            seen: Mutex::default(),
            pending: Mutex::default(),
            flushed: 0,
        })
    }

    pub fn path(&self) -> &Path {
        &self.out
    }

    /// Forgets a failed render's pages (those not yet moved into place by `commit_partial`).
    pub fn discard(&mut self) {
        self.flushed = 0;
        self.seen
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        let pending = std::mem::take(self.pending.get_mut().unwrap_or_else(|e| e.into_inner()));
        for (rel, _) in pending {
            let _ = std::fs::remove_file(temporary(&self.out.join(rel)));
        }
    }

    /// Writes the files rendered so far that changed, so they can be seen before the rest of
    /// the build is done; [`Incremental::commit`] finishes the build.
    pub fn commit_partial(&mut self) -> Result<usize, Error> {
        let pending = std::mem::take(self.pending.get_mut().unwrap_or_else(|e| e.into_inner()));
        self.write_pending(&pending)?;
        self.flushed += pending.len();
        Ok(pending.len())
    }

    /// Writes the changed files, removes the ones no longer produced, updates the marker.
    pub fn commit(&mut self) -> Result<WriteStats, Error> {
        let seen = std::mem::take(self.seen.get_mut().unwrap_or_else(|e| e.into_inner()));
        let pending = std::mem::take(self.pending.get_mut().unwrap_or_else(|e| e.into_inner()));
        let flushed = std::mem::take(&mut self.flushed);
        let mut stats = WriteStats {
            written: flushed + pending.len(),
            unchanged: seen.len().saturating_sub(flushed + pending.len()),
            ..WriteStats::default()
        };
        self.write_pending(&pending)?;
        let stale: Vec<String> = self
            .known
            .keys()
            .filter(|k| !seen.contains(*k))
            .cloned()
            .collect();
        for rel in stale {
            // Only files ismsbook wrote are in `known`; a file already gone is fine.
            let _ = std::fs::remove_file(self.out.join(&rel));
            self.known.remove(&rel);
            stats.removed += 1;
        }
        let mut manifest: Vec<&String> = self.known.keys().collect();
        manifest.sort();
        let text: String = manifest.iter().map(|p| format!("{p}\n")).collect();
        let marker = self.out.join(MARKER);
        std::fs::write(&marker, text).map_err(|e| Error::io(&marker, e))?;
        Ok(stats)
    }

    /// Moves the written files into place.
    fn write_pending(&mut self, pending: &HashMap<String, u64>) -> Result<(), Error> {
        for (rel, hash) in pending {
            let path = self.out.join(rel);
            std::fs::rename(temporary(&path), &path).map_err(|e| Error::io(&path, e))?;
            self.known.insert(rel.clone(), *hash);
        }
        Ok(())
    }
}

impl Drop for Incremental {
    fn drop(&mut self) {
        self.discard();
    }
}

/// Where a changed file waits for its commit: beside its place, hidden. A name too long to take
/// the dot and the suffix within 255 bytes is cut, and the hash of the whole name keeps it apart
/// from its neighbours.
fn temporary(path: &Path) -> PathBuf {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("page");
    if 1 + name.len() + TEMPORARY.len() <= 255 {
        return path.with_file_name(format!(".{name}{TEMPORARY}"));
    }
    let cut = (0..=200)
        .rev()
        .find(|&i| name.is_char_boundary(i))
        .unwrap_or(0);
    path.with_file_name(format!(
        ".{}-{:016x}{TEMPORARY}",
        &name[..cut],
        hash(name.as_bytes())
    ))
}

const TEMPORARY: &str = ".ismsbook-tmp";

fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(TEMPORARY)
}

/// Removes the [`temporary`] files under `dir`.
fn remove_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            remove_temporaries(&entry.path());
        } else if ft.is_file() && is_temporary(&entry.file_name().to_string_lossy()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

impl Sink for Incremental {
    fn keep(&self, rel: &str) {
        self.seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_owned());
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        self.write_parts_bytes(rel, &[bytes])
    }

    fn write_parts(&self, rel: &str, parts: &[&str]) -> Result<(), Error> {
        let parts: Vec<&[u8]> = parts.iter().map(|p| p.as_bytes()).collect();
        self.write_parts_bytes(rel, &parts)
    }
}

impl Incremental {
    /// Writes a file under its temporary name, unless its bytes are those already in place.
    fn write_parts_bytes(&self, rel: &str, parts: &[&[u8]]) -> Result<(), Error> {
        use std::io::Write;
        self.seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_owned());
        let hash = hash_parts(parts);
        if self.known.get(rel) == Some(&hash) {
            return Ok(());
        }
        let path = self.out.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let tmp = temporary(&path);
        let mut file = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        for part in parts {
            file.write_all(part).map_err(|e| Error::io(&tmp, e))?;
        }
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_owned(), hash);
        Ok(())
    }
}

#[cfg(test)]
mod incremental_tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                if e.path().is_dir() {
                    stack.push(e.path());
                } else {
                    out.push(e.path().strip_prefix(dir).unwrap().display().to_string());
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn files_appear_only_at_the_commit_and_a_discard_leaves_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let (content, out) = (tmp.path().join("content"), tmp.path().join("site"));
        std::fs::create_dir(&content).unwrap();
        let mut w = Incremental::open(&out, &content).unwrap();
        w.write_parts("docs/a.html", &["<p>", "a", "</p>"]).unwrap();
        assert!(
            !out.join("docs/a.html").exists(),
            "not in place before the commit"
        );
        w.discard();
        assert_eq!(
            names(&out),
            Vec::<String>::new(),
            "a discard leaves no temporary"
        );

        w.write_parts("docs/a.html", &["<p>", "a", "</p>"]).unwrap();
        let stats = w.commit().unwrap();
        assert_eq!(stats.written, 1);
        assert_eq!(
            std::fs::read_to_string(out.join("docs/a.html")).unwrap(),
            "<p>a</p>"
        );
        assert_eq!(
            names(&out),
            vec![MARKER.to_owned(), "docs/a.html".to_owned()]
        );

        // The same bytes again: nothing written.
        w.write("docs/a.html", b"<p>a</p>").unwrap();
        assert_eq!(w.commit().unwrap().written, 0);
    }

    #[test]
    fn temporary_names_of_long_names_fit_and_stay_apart() {
        let (a, b) = ("ä".repeat(127), format!("{}b", "ä".repeat(126)));
        let (ta, tb) = (temporary(Path::new(&a)), temporary(Path::new(&b)));
        for t in [&ta, &tb] {
            let name = t.file_name().unwrap().to_str().unwrap();
            assert!(name.len() <= 255 && is_temporary(name), "{name}");
        }
        assert_ne!(ta, tb);
        assert_eq!(
            temporary(Path::new("x/a.html")),
            Path::new("x/.a.html.ismsbook-tmp")
        );
    }

    #[test]
    fn temporaries_of_a_killed_session_are_removed_and_never_block_a_build() {
        let tmp = tempfile::tempdir().unwrap();
        let (content, out) = (tmp.path().join("content"), tmp.path().join("site"));
        std::fs::create_dir(&content).unwrap();
        let mut w = Incremental::open(&out, &content).unwrap();
        w.write("a.html", b"a").unwrap();
        w.commit().unwrap();
        // As if killed mid-render: a temporary beside the page.
        std::fs::write(out.join(".a.html.ismsbook-tmp"), b"half").unwrap();
        drop(w);
        let staging = Staging::create(&out, &content).expect("a build may replace the site");
        drop(staging);
        Incremental::open(&out, &content).unwrap();
        assert_eq!(names(&out), vec![MARKER.to_owned(), "a.html".to_owned()]);
    }
}
