//! Stage 5, write: the site is rendered into a staging folder beside the output and swapped in
//! only when complete, so a failed or interrupted build leaves the previous site as it was. The
//! tool only ever replaces a folder it wrote itself (it carries a marker listing the files
//! written). A file whose bytes did not change is hard-linked from the previous site instead of
//! written again, so an unchanged rebuild rewrites no file (inode and modification time kept).
//!
//! Some folders are never replaced, whatever the flags: `/`, the home folder, the content
//! folder and its parents, a folder holding content sources or a Git repository (see
//! [`resolve`] and [`inspect`]). A symbolic link given as the output is written through: the
//! site goes into the folder it points to, and the link stays.
//!
//! The output folder is locked ([`OutputLock`]) while a build or a watch session writes it, so
//! two runs never write one folder at once. When the folder itself cannot be renamed (a mount
//! point) or the folder beside it cannot be written, the site is staged inside it instead and
//! moved in file by file ([`swap_contents`]), each file replacing the old one by a rename, and
//! everything is put back as it was if a step fails.

use crate::error::Error;
use crate::render::Sink;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Mutex;

pub const MARKER: &str = ".ismsbook-output";

/// A staging folder inside the output folder: this prefix, the process id, and `.old` for the
/// previous site's files during the swap.
const INSIDE_STAGING: &str = ".ismsbook-staging-";

/// The lock file inside the output folder (beside it, it is `.<name>.ismsbook-lock`).
const LOCK: &str = ".ismsbook-lock";

/// How far `build` may go in replacing an existing output folder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// `--force`: replace a non-empty folder without ismsbook's marker, or one holding files
    /// ismsbook did not write. Never `/`, the home folder, the content folder or one of its
    /// parents, a Git repository (or a folder inside or holding one), the theme folder, or a
    /// folder inside the content folder holding content sources.
    pub force: bool,
}

pub struct Staging {
    /// The output folder (a symbolic link resolved: the folder it points to).
    out: PathBuf,
    /// The content folder, resolved.
    root: PathBuf,
    /// The output as messages name it.
    shown: String,
    dir: PathBuf,
    /// Staged inside `out` and moved in file by file (`out` cannot be renamed as a whole).
    inside: bool,
    /// The previous site's files ismsbook wrote (from its marker), for re-use by hard link.
    previous: HashSet<String>,
    /// `--force` accepted foreign files in the output; the swap checks only what it never
    /// replaces.
    force: bool,
    written: Mutex<BTreeSet<String>>,
    committed: bool,
    /// Released (and its file removed) after the staging folder is gone: declared last.
    _lock: OutputLock,
}

/// Signal number that interrupted the run (0: none).
static INTERRUPTED: AtomicI32 = AtomicI32::new(0);
/// Staging folders (and old sites being removed) of this process: what an interrupt removes.
static ACTIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Lock files this process holds: an interrupt removes them too (the locks themselves go with
/// the process).
static LOCKS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn active() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    ACTIVE.lock().unwrap_or_else(|e| e.into_inner())
}

fn held_locks() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    LOCKS.lock().unwrap_or_else(|e| e.into_inner())
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
    for lock in held_locks().iter() {
        let _ = std::fs::remove_file(lock);
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
        let Target { out, root, shown } = resolve(out, content_root)?;
        let parent = out
            .parent()
            .ok_or_else(|| Error::Output(format!("{} has no parent folder", out.display())))?
            .to_path_buf();
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let lock = OutputLock::acquire(&out)?;
        inspect(&out, &shown, &root, opts.force)?;
        let inside = lock.inside || is_mount_point(&out);
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".into());
        remove_dead_stagings(&parent, &format!(".{name}.ismsbook-staging-"));
        remove_dead_stagings(&out, INSIDE_STAGING);
        let dir = if inside {
            out.join(format!("{INSIDE_STAGING}{}", std::process::id()))
        } else {
            parent.join(format!(".{name}.ismsbook-staging-{}", std::process::id()))
        };
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
            root,
            shown,
            dir,
            inside,
            previous,
            force: opts.force,
            written: Mutex::new(BTreeSet::new()),
            committed: false,
            _lock: lock,
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

    /// Swaps the staged site in: old output aside, staged in, old removed. Returns the folder
    /// written (for a symbolic link, the folder it points to).
    pub fn commit(mut self) -> Result<PathBuf, Error> {
        let written = std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        let manifest: String = written.iter().map(|p| format!("{p}\n")).collect();
        self.put(MARKER, &[manifest.as_bytes()])?;
        let old = old_site(&self.dir);
        // Held through the swap: an interrupt waits for it to finish.
        let mut registry = active();
        if INTERRUPTED.load(Ordering::SeqCst) != 0 {
            drop(registry);
            halt();
        }
        let had_old = self.out.exists();
        if had_old {
            // Re-check: files may have been added to the output while we were rendering.
            inspect(&self.out, &self.shown, &self.root, self.force)?;
        }
        if self.inside {
            swap_contents(&self.out, &self.dir, &old, &written, &self.previous)?;
            // The staging folder went into `old` with the previous site's files.
            self.committed = true;
            registry.retain(|d| d != &self.dir);
            registry.push(old.clone());
            drop(registry);
            let _ = std::fs::remove_dir_all(&old);
            active().retain(|d| d != &old);
            return Ok(self.out.clone());
        }
        if had_old {
            if let Err(e) = busy_in_tests().and_then(|()| std::fs::rename(&self.out, &old)) {
                if folder_cannot_move(&e) {
                    return self.commit_by_copy(registry, &written);
                }
                return Err(Error::io(&self.out, e));
            }
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

    /// The output folder could not be renamed although it did not look like a mount point
    /// (one this process cannot see as such): the staged site is copied into a staging folder
    /// inside it and moved in file by file. A failure leaves the previous site as it was.
    fn commit_by_copy(
        mut self,
        mut registry: std::sync::MutexGuard<'static, Vec<PathBuf>>,
        written: &BTreeSet<String>,
    ) -> Result<PathBuf, Error> {
        let inner = self
            .out
            .join(format!("{INSIDE_STAGING}{}", std::process::id()));
        let inner_old = old_site(&inner);
        for leftover in [&inner, &inner_old] {
            if leftover.exists() {
                std::fs::remove_dir_all(leftover).map_err(|e| Error::io(leftover, e))?;
            }
        }
        registry.push(inner.clone());
        let swapped = copy_tree(&self.dir, &inner)
            .and_then(|()| swap_contents(&self.out, &inner, &inner_old, written, &self.previous));
        if let Err(e) = swapped {
            let _ = std::fs::remove_dir_all(&inner);
            registry.retain(|d| d != &inner);
            // Dropping `self` removes the staging folder beside.
            return Err(e);
        }
        // The staged copy beside is no longer needed: removed like an old site.
        let beside_old = old_site(&self.dir);
        let beside = if std::fs::rename(&self.dir, &beside_old).is_ok() {
            beside_old
        } else {
            self.dir.clone()
        };
        self.committed = true;
        registry.retain(|d| d != &inner && d != &self.dir);
        registry.push(inner_old.clone());
        registry.push(beside.clone());
        drop(registry);
        let _ = std::fs::remove_dir_all(&inner_old);
        let _ = std::fs::remove_dir_all(&beside);
        active().retain(|d| d != &inner_old && d != &beside);
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

/// The rename of a whole output folder failed because of where it is, not what it holds: a
/// mount point (EBUSY), or another file system than the folder beside it (EXDEV).
fn folder_cannot_move(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ResourceBusy | std::io::ErrorKind::CrossesDevices
    )
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

/// Staging folders in `dir` named `prefix` + process id (+ `.old`) left by processes that no
/// longer run (killed with SIGKILL, or by a power cut): only where that can be told for sure
/// (Linux `/proc`).
fn remove_dead_stagings(dir: &Path, prefix: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = staging_pid(&file_name, prefix) else {
            continue;
        };
        if pid != std::process::id().to_string() && !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The process id in the name of a staging folder (`prefix` + digits, maybe + `.old`).
fn staging_pid<'a>(name: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = name.strip_prefix(prefix)?;
    let pid = rest.strip_suffix(".old").unwrap_or(rest);
    (!pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())).then_some(pid)
}

/// An entry of an output folder that is ismsbook's own bookkeeping, not part of the site: a
/// staging folder inside it, or its lock file.
fn is_own_entry(name: &str) -> bool {
    name == LOCK || staging_pid(name, INSIDE_STAGING).is_some()
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

/// Held while a build or a watch session writes an output folder, so that two never write one
/// folder at once (their swaps would collide). An advisory lock (`flock` on Unix), which the
/// system releases when the process ends, however it ends: a killed build never blocks the
/// next one. Its file sits beside the output as `.<name>.ismsbook-lock`, or inside it as
/// `.ismsbook-lock` when the folder beside cannot be written, and is removed on release.
struct OutputLock {
    file: std::fs::File,
    path: PathBuf,
    /// Whether the lock is held (file systems without locks: written unlocked).
    locked: bool,
    /// The lock file is inside the output folder: so must the staging be.
    inside: bool,
}

enum LockFailure {
    Busy(Error),
    Io(std::io::Error),
}

impl OutputLock {
    fn acquire(out: &Path) -> Result<OutputLock, Error> {
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".into());
        let beside = out.with_file_name(format!(".{name}{LOCK}"));
        let taken = match OutputLock::take(&beside, out) {
            Err(LockFailure::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
                ) && out.is_dir() =>
            {
                let inner = out.join(LOCK);
                OutputLock::take(&inner, out)
                    .map(|mut lock| {
                        lock.inside = true;
                        lock
                    })
                    .map_err(|f| (f, inner))
            }
            other => other.map_err(|f| (f, beside)),
        };
        taken.map_err(|(f, path)| match f {
            LockFailure::Busy(e) => e,
            LockFailure::Io(e) => Error::io(&path, e),
        })
    }

    fn take(path: &Path, out: &Path) -> Result<OutputLock, LockFailure> {
        use std::io::Write;
        // The holder removes the file when done: a file opened just before that is no longer
        // the lock, and is opened again.
        for _ in 0..20 {
            let file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)
                .map_err(LockFailure::Io)?;
            let locked = match file.try_lock() {
                Ok(()) => true,
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(LockFailure::Busy(busy(out, path)));
                }
                // No locks on this file system: write unlocked rather than not at all.
                Err(std::fs::TryLockError::Error(_)) => false,
            };
            if !is_file_at(&file, path) {
                if std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) {
                    return Err(LockFailure::Busy(Error::Output(format!(
                        "{} is not a plain file, so it cannot be ismsbook's lock for {}; remove it, then build again",
                        path.display(),
                        out.display()
                    ))));
                }
                continue;
            }
            if locked {
                // For the message another run shows while this one holds the lock.
                let _ = file.set_len(0);
                let _ = (&file).write_all(format!("{}\n", std::process::id()).as_bytes());
                held_locks().push(path.to_path_buf());
            }
            return Ok(OutputLock {
                file,
                path: path.to_path_buf(),
                locked,
                inside: false,
            });
        }
        Err(LockFailure::Busy(busy(out, path)))
    }
}

/// The error when another process holds the lock.
fn busy(out: &Path, lock: &Path) -> Error {
    let pid = std::fs::read_to_string(lock)
        .ok()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .map(|pid| format!(" (process {pid})"))
        .unwrap_or_default();
    Error::Output(format!(
        "another ismsbook build is writing to {}{pid}: a build, or a watch or serve session. Wait for it to finish (or stop it), then build again; or choose another output folder with -o",
        out.display()
    ))
}

/// Whether `path` is still the very file `file` has open (not removed, nor replaced).
#[cfg(unix)]
fn is_file_at(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_file_at(_file: &std::fs::File, path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        if self.locked {
            // Removed while still held, so no other run can have taken it in between.
            if is_file_at(&self.file, &self.path) {
                let _ = std::fs::remove_file(&self.path);
            }
            held_locks().retain(|p| p != &self.path);
        }
        // Closing the file (after this) releases the lock.
    }
}

/// An output folder that passed [`resolve`].
struct Target {
    /// Absolute, `..` and symbolic links resolved (a link given as the output: its target).
    out: PathBuf,
    /// The content folder, resolved.
    root: PathBuf,
    /// How messages name it: as given, and where a link leads.
    shown: String,
}

/// The output folder to write, resolved, once its place rules nothing out: not `/`, the home
/// folder or one of its parents, the content folder or one of its parents, the theme folder or
/// a folder inside it, a Git repository's own folder (`.git`, or a bare repository) or a folder
/// inside one. A symbolic link is followed (the site goes into the folder it points to, and the
/// link stays), and all of this applies to both; a link to nothing is refused.
fn resolve(out: &Path, content_root: &Path) -> Result<Target, Error> {
    let given = absolute(out)?;
    let root = content_root
        .canonicalize()
        .map_err(|e| Error::io(content_root, e))?;
    let real = match std::fs::symlink_metadata(&given) {
        Ok(meta) if meta.file_type().is_symlink() => match given.canonicalize() {
            Ok(real) => real,
            Err(e) => {
                let to = std::fs::read_link(&given)
                    .map(|t| t.display().to_string())
                    .unwrap_or_else(|_| "?".into());
                return Err(Error::Output(format!(
                    "{} is a symbolic link to {to}, which cannot be followed ({e}); ismsbook writes the site into the folder a link points to. Create that folder, or point -o at a folder",
                    given.display()
                )));
            }
        },
        Ok(_) => given.canonicalize().unwrap_or_else(|_| given.clone()),
        Err(_) => given.clone(),
    };
    let shown = if real == given {
        given.display().to_string()
    } else {
        format!("{} (a link to {})", given.display(), real.display())
    };
    let refuse = |what: String| {
        Err(Error::Output(format!(
            "{shown} {what}; refusing to replace it, even with --force. Choose an output folder inside or beside the content folder that holds only the site (e.g. -o site)"
        )))
    };
    let home = home_folder();
    let theme = root.join("theme");
    for o in [&given, &real] {
        if o.parent().is_none() {
            return refuse("is the root of the file system".into());
        }
        if *o == root {
            return refuse("is the content folder".into());
        }
        if root.starts_with(o) {
            return refuse("contains the content folder".into());
        }
        if let Some(home) = &home {
            if o == home {
                return refuse("is your home folder".into());
            }
            if home.starts_with(o) {
                return refuse("contains your home folder".into());
            }
        }
        if *o == theme {
            return refuse("is the theme folder of the content folder".into());
        }
        if o.starts_with(&theme) {
            return refuse("is inside the theme folder of the content folder".into());
        }
        if o.file_name().is_some_and(|n| n == ".git") {
            return refuse("is a Git repository's folder (.git)".into());
        }
        if o.components().any(|c| c.as_os_str() == ".git") {
            return refuse("is inside a Git repository's folder (.git)".into());
        }
        if let Some(git) = o.ancestors().find(|a| is_git_dir(a)) {
            return refuse(if git == o.as_path() {
                "is a Git repository".into()
            } else {
                format!("is inside the Git repository {}", git.display())
            });
        }
    }
    Ok(Target {
        out: real,
        root,
        shown,
    })
}

/// A Git repository's own folder (`.git`, or a bare repository): `HEAD`, `objects/`, `refs/`.
fn is_git_dir(dir: &Path) -> bool {
    dir.join("HEAD").is_file() && dir.join("objects").is_dir() && dir.join("refs").is_dir()
}

/// `$HOME` (`%USERPROFILE%` on Windows), resolved, when set.
fn home_folder() -> Option<PathBuf> {
    let var = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    let home = PathBuf::from(std::env::var_os(var).filter(|v| !v.is_empty())?);
    Some(home.canonicalize().unwrap_or(home))
}

/// `p` made absolute with its folders resolved (`..` and symbolic links, as far as they
/// exist), so comparisons with the content root hold. The last name stays as given: it may be a
/// link, which [`resolve`] follows knowingly.
fn absolute(p: &Path) -> Result<PathBuf, Error> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io(p, e))?
            .join(p)
    };
    let (dir, name) = match (abs.components().next_back(), abs.parent()) {
        (Some(Component::Normal(name)), Some(parent)) => (parent.to_path_buf(), Some(name)),
        // Ends in `..` (or is `/`): all of it is folders.
        _ => (abs.clone(), None),
    };
    let mut missing = Vec::new();
    let mut base = None;
    for a in dir.ancestors() {
        if let Ok(real) = a.canonicalize() {
            base = Some(real);
            break;
        }
        if let Some(c) = a.components().next_back() {
            missing.push(c);
        }
    }
    let Some(mut resolved) = base else {
        return Ok(abs);
    };
    // Folders that do not exist yet cannot be links: `..` among them is plain.
    for c in missing.into_iter().rev() {
        match c {
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(n) => resolved.push(n),
            _ => {}
        }
    }
    if let Some(name) = name {
        resolved.push(name);
    }
    Ok(resolved)
}

/// What [`survey`] found in an output folder.
#[derive(Default)]
struct Contents {
    /// Anything at all, ismsbook's own bookkeeping aside.
    any: bool,
    /// Files ismsbook did not write (not in the marker).
    foreign: Vec<String>,
    /// A `.git` entry: a repository, work tree or submodule.
    git: Option<String>,
    /// Foreign files that are content sources (`.md`, `ismsbook.toml`, `soa.yaml`).
    sources: Vec<String>,
}

/// Whether the existing folder `out` may be replaced. Never, even with `--force`, when it is not
/// a folder, holds a `.git` entry, or lies in the content folder and holds content sources
/// ismsbook did not write (it is part of the content, not a site). Otherwise, without
/// `--force`, only when it is empty or ismsbook wrote it and holds nothing else. Checked in
/// that order, so a refusal suggests `--force` only where `--force` would do.
fn inspect(out: &Path, shown: &str, root: &Path, force: bool) -> Result<(), Error> {
    let meta = match std::fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(out, e)),
    };
    if !meta.is_dir() {
        return Err(Error::Output(format!(
            "{} exists and is not a folder; refusing to replace it, even with --force. Remove it yourself, or choose another output folder with -o",
            shown
        )));
    }
    let manifest = std::fs::read_to_string(out.join(MARKER)).ok();
    let known: BTreeSet<&str> = manifest.as_deref().unwrap_or("").lines().collect();
    let mut found = Contents::default();
    survey(out, out, &known, out.starts_with(root), &mut found);
    if let Some(git) = &found.git {
        return Err(Error::Output(format!(
            "{} holds a Git repository ({git}); refusing to replace it, even with --force, as that would delete it. Choose another output folder with -o (one that holds only the site)",
            shown
        )));
    }
    if !found.sources.is_empty() {
        return Err(Error::Output(format!(
            "{} holds content sources of {} ({}); refusing to replace it, even with --force, as that would delete them. Choose an output folder that holds only the site (e.g. -o site)",
            shown,
            root.display(),
            listing(&found.sources)
        )));
    }
    if force || !found.any {
        return Ok(());
    }
    if manifest.is_none() {
        return Err(Error::Output(format!(
            "{} is not empty and was not written by ismsbook (no {MARKER} file); refusing to replace it. Choose another folder with -o, empty it yourself, or pass --force to `build` to replace it and everything in it",
            shown
        )));
    }
    if found.foreign.is_empty() {
        return Ok(());
    }
    Err(Error::Output(format!(
        "{} holds {} file(s) ismsbook did not write ({}); refusing to delete them. Move them out of the output folder, or keep them in the content folder and link to them (--force to `build` deletes them)",
        shown,
        found.foreign.len(),
        listing(&found.foreign)
    )))
}

/// The first few of `paths`, sorted, for a message.
fn listing(paths: &[String]) -> String {
    let mut sorted: Vec<&str> = paths.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    let shown: Vec<&str> = sorted.iter().take(5).copied().collect();
    format!(
        "{}{}",
        shown.join(", "),
        if sorted.len() > 5 { ", …" } else { "" }
    )
}

/// Walks the output folder `base` (symbolic links are not followed), noting what it holds.
fn survey(base: &Path, dir: &Path, known: &BTreeSet<&str>, in_content: bool, found: &mut Contents) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(_) => {
            // What cannot be seen cannot be known to be ismsbook's.
            if dir != base {
                found.foreign.push(rel_of(base, dir));
            }
            return;
        }
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if dir == base && is_own_entry(&name) {
            continue;
        }
        found.any = true;
        let path = entry.path();
        let rel = rel_of(base, &path);
        if name == ".git" {
            found.git.get_or_insert(rel);
            continue;
        }
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            survey(base, &path, known, in_content, found);
            continue;
        }
        // A watch session killed mid-render leaves its temporaries; they are ismsbook's own.
        if rel == MARKER || known.contains(rel.as_str()) || is_temporary(&name) {
            continue;
        }
        if in_content && is_source_name(&name) {
            found.sources.push(rel.clone());
        }
        found.foreign.push(rel);
    }
}

/// A file the content folder is made of: a document, the configuration or the SoA.
fn is_source_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md")
        || lower == crate::config::FILE_NAME
        || lower == crate::model::soa::FILE_NAME
}

/// `/`-separated path of `path` relative to `base`.
fn rel_of(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .ok()
        .map(|r| {
            r.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        })
        .unwrap_or_default()
}

/// Whether `dir` is a mount point (its own file system, or a bind mount): such a folder cannot
/// be renamed, so the site is swapped in file by file instead.
fn is_mount_point(dir: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(dir) else {
        return false;
    };
    if !meta.is_dir() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Some(parent) = dir.parent() {
            if std::fs::metadata(parent).is_ok_and(|p| p.dev() != meta.dev()) {
                return true;
            }
        }
    }
    #[cfg(target_os = "linux")]
    {
        // A bind mount of a folder of the same file system has the same device number.
        use std::os::unix::ffi::OsStrExt;
        if let Ok(info) = std::fs::read("/proc/self/mountinfo") {
            let wanted = dir.as_os_str().as_bytes();
            return info
                .split(|&b| b == b'\n')
                .filter_map(|line| line.split(|&b| b == b' ').nth(4))
                .any(|point| unescape_mount_point(point) == wanted);
        }
    }
    false
}

/// A mount point as `/proc/self/mountinfo` writes it: space, tab, newline and backslash as
/// `\ooo` octal escapes.
#[cfg(target_os = "linux")]
fn unescape_mount_point(field: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(field.len());
    let mut i = 0;
    while i < field.len() {
        let octal = field
            .get(i + 1..i + 4)
            .filter(|d| field[i] == b'\\' && d.iter().all(|b| (b'0'..=b'7').contains(b)))
            .map(|d| d.iter().fold(0u32, |acc, b| acc * 8 + u32::from(b - b'0')))
            .and_then(|v| u8::try_from(v).ok());
        match octal {
            Some(byte) => {
                out.push(byte);
                i += 4;
            }
            None => {
                out.push(field[i]);
                i += 1;
            }
        }
    }
    out
}

/// One step of [`swap_contents`], undone in reverse order if a later one fails.
enum Step {
    /// A new file renamed into place; `saved`: the old one was kept in the backup first.
    Placed { rel: String, saved: bool },
    /// A folder created for the new site.
    MadeDir(String),
    /// An old entry the new site does not have (or has as another kind), moved to the backup.
    MovedAside(String),
}

/// Swaps the site staged in `staged` (inside `out`, so on the same file system) into `out`
/// without renaming `out` itself: each file is renamed over the old one (readers see either
/// the old or the new file, never none: the old one is kept by a hard link in `backup`), then
/// what the new site no longer has is moved into `backup`. If any step fails, every step
/// before it is undone and the previous site is as it was. On success `staged` is moved into
/// `backup`, which the caller removes.
fn swap_contents(
    out: &Path,
    staged: &Path,
    backup: &Path,
    written: &BTreeSet<String>,
    previous: &HashSet<String>,
) -> Result<(), Error> {
    let saved = backup.join("site");
    std::fs::create_dir_all(&saved).map_err(|e| Error::io(&saved, e))?;
    let mut journal = Vec::new();
    let moved = move_in(out, staged, backup, written, previous, &mut journal);
    let Err(e) = moved else {
        let _ = std::fs::rename(staged, backup.join("staged"));
        return Ok(());
    };
    let lost = roll_back(out, &saved, &journal);
    if lost.is_empty() {
        let _ = std::fs::remove_dir_all(backup);
        return Err(e);
    }
    Err(Error::Output(format!(
        "{e}; and while putting the previous site back, {} file(s) could not be restored ({}): they are in {}",
        lost.len(),
        listing(&lost),
        saved.display()
    )))
}

fn move_in(
    out: &Path,
    staged: &Path,
    backup: &Path,
    written: &BTreeSet<String>,
    previous: &HashSet<String>,
    journal: &mut Vec<Step>,
) -> Result<(), Error> {
    let saved = backup.join("site");
    // First a marker listing the files of both sites (unless the new site adds none): should
    // the process die mid-way, the next build still knows every file here as its own.
    let both: BTreeSet<&str> = written
        .iter()
        .chain(previous.iter())
        .map(String::as_str)
        .collect();
    if both.len() != previous.len() {
        let interim = backup.join("marker");
        let text: String = both.iter().map(|p| format!("{p}\n")).collect();
        std::fs::write(&interim, text).map_err(|e| Error::io(&interim, e))?;
        place(out, &saved, MARKER, &interim, journal)?;
    }

    let mut folders: HashSet<String> = HashSet::new();
    for rel in written {
        if rel == MARKER {
            continue;
        }
        make_parents(out, &saved, rel, &mut folders, journal)?;
        place(out, &saved, rel, &staged.join(rel), journal)?;
    }

    let mut stale = Vec::new();
    collect_stale(out, out, written, &folders, &mut stale);
    for rel in stale {
        move_aside(out, &saved, &rel, journal)?;
    }

    // Last, the new marker over the interim one (undone with the interim one's step).
    let marker = out.join(MARKER);
    fault()
        .and_then(|()| std::fs::rename(staged.join(MARKER), &marker))
        .map_err(|e| Error::io(&marker, e))
}

/// Renames `from` to `out/rel`, keeping the file it replaces in `saved`.
fn place(
    out: &Path,
    saved: &Path,
    rel: &str,
    from: &Path,
    journal: &mut Vec<Step>,
) -> Result<(), Error> {
    let to = out.join(rel);
    match std::fs::symlink_metadata(&to) {
        Ok(meta) if meta.is_dir() => {
            move_aside(out, saved, rel, journal)?;
        }
        Ok(meta) => {
            if same_file(from, &meta) {
                // Hard-linked from the previous site: already in place, untouched.
                return Ok(());
            }
            let keep = saved.join(rel);
            if let Some(parent) = keep.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            // A hard link keeps the old file in place until the new one replaces it; where
            // links are not possible, it is moved aside for that moment.
            if std::fs::hard_link(&to, &keep).is_err() {
                fault()
                    .and_then(|()| std::fs::rename(&to, &keep))
                    .map_err(|e| Error::io(&to, e))?;
            }
            journal.push(Step::Placed {
                rel: rel.to_owned(),
                saved: true,
            });
            return fault()
                .and_then(|()| std::fs::rename(from, &to))
                .map_err(|e| Error::io(&to, e));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(&to, e)),
    }
    fault()
        .and_then(|()| std::fs::rename(from, &to))
        .map_err(|e| Error::io(&to, e))?;
    journal.push(Step::Placed {
        rel: rel.to_owned(),
        saved: false,
    });
    Ok(())
}

/// Makes sure the folders above `rel` exist in `out` as folders, noting them in `folders`.
fn make_parents(
    out: &Path,
    saved: &Path,
    rel: &str,
    folders: &mut HashSet<String>,
    journal: &mut Vec<Step>,
) -> Result<(), Error> {
    let mut at = 0;
    while let Some(i) = rel[at..].find('/') {
        let folder = &rel[..at + i];
        at += i + 1;
        if folders.contains(folder) {
            continue;
        }
        let path = out.join(folder);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => {}
            found => {
                if found.is_ok() {
                    move_aside(out, saved, folder, journal)?;
                }
                fault()
                    .and_then(|()| std::fs::create_dir(&path))
                    .map_err(|e| Error::io(&path, e))?;
                journal.push(Step::MadeDir(folder.to_owned()));
            }
        }
        folders.insert(folder.to_owned());
    }
    Ok(())
}

/// Moves `out/rel` (a file, link or whole folder) to `saved/rel`.
fn move_aside(out: &Path, saved: &Path, rel: &str, journal: &mut Vec<Step>) -> Result<(), Error> {
    let keep = saved.join(rel);
    if let Some(parent) = keep.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let from = out.join(rel);
    fault()
        .and_then(|()| std::fs::rename(&from, &keep))
        .map_err(|e| Error::io(&from, e))?;
    journal.push(Step::MovedAside(rel.to_owned()));
    Ok(())
}

/// Entries of `out` the new site does not have: files not written, folders holding none of
/// its files (whole). ismsbook's own bookkeeping (the staging folders, the lock) stays.
fn collect_stale(
    base: &Path,
    dir: &Path,
    written: &BTreeSet<String>,
    folders: &HashSet<String>,
    stale: &mut Vec<String>,
) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if dir == base && is_own_entry(&name) {
            continue;
        }
        let path = entry.path();
        let rel = rel_of(base, &path);
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && folders.contains(&rel) {
            collect_stale(base, &path, written, folders, stale);
        } else if is_dir || (rel != MARKER && !written.contains(&rel)) {
            stale.push(rel);
        }
    }
}

/// Undoes `journal`, last step first. Returns the old files that could not be put back.
fn roll_back(out: &Path, saved: &Path, journal: &[Step]) -> Vec<String> {
    let mut lost = Vec::new();
    for step in journal.iter().rev() {
        match step {
            Step::Placed { rel, saved: true } | Step::MovedAside(rel) => {
                if std::fs::rename(saved.join(rel), out.join(rel)).is_err() {
                    lost.push(rel.clone());
                }
            }
            Step::Placed { rel, saved: false } => {
                let _ = std::fs::remove_file(out.join(rel));
            }
            Step::MadeDir(rel) => {
                let _ = std::fs::remove_dir(out.join(rel));
            }
        }
    }
    lost
}

/// Whether `path` is the very file `meta` describes (a hard link to it).
#[cfg(unix)]
fn same_file(path: &Path, meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(path).is_ok_and(|m| m.dev() == meta.dev() && m.ino() == meta.ino())
}

#[cfg(not(unix))]
fn same_file(_path: &Path, _meta: &std::fs::Metadata) -> bool {
    false
}

/// Copies the folder `from` to `to` (hard links where the file system allows).
fn copy_tree(from: &Path, to: &Path) -> Result<(), Error> {
    std::fs::create_dir(to).map_err(|e| Error::io(to, e))?;
    for entry in std::fs::read_dir(from).map_err(|e| Error::io(from, e))? {
        let entry = entry.map_err(|e| Error::io(from, e))?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type().map_err(|e| Error::io(&src, e))?.is_dir() {
            copy_tree(&src, &dst)?;
        } else if std::fs::hard_link(&src, &dst).is_err() {
            std::fs::copy(&src, &dst).map_err(|e| Error::io(&dst, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
thread_local! {
    /// Tests: the step of [`swap_contents`] at which to fail (0: the first), if any.
    static FAIL_AT: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
    /// Tests: the output folder cannot be renamed, as a mount point this process does not see
    /// as one.
    static BUSY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Before the output folder is renamed aside; tests make it busy.
#[inline]
fn busy_in_tests() -> std::io::Result<()> {
    #[cfg(test)]
    if BUSY.with(|b| b.get()) {
        return Err(std::io::ErrorKind::ResourceBusy.into());
    }
    Ok(())
}

/// Before each step of [`swap_contents`] that changes the output folder; tests make the n-th
/// fail, as a full disk or a vanished folder would.
#[inline]
fn fault() -> std::io::Result<()> {
    #[cfg(test)]
    {
        let left = FAIL_AT.with(|f| f.get());
        if let Some(n) = left {
            FAIL_AT.with(|f| f.set(n.checked_sub(1)));
            if n == 0 {
                return Err(std::io::Error::other("injected failure"));
            }
        }
    }
    Ok(())
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
    /// For the whole session: no build swaps the folder away under it.
    _lock: OutputLock,
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
    /// new, empty, or written by ismsbook with nothing foreign in it. It stays locked until the
    /// writer is dropped.
    pub fn open(out: &Path, content_root: &Path) -> Result<Incremental, Error> {
        let Target { out, root, shown } = resolve(out, content_root)?;
        if let Some(parent) = out.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let lock = OutputLock::acquire(&out)?;
        inspect(&out, &shown, &root, false)?;
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
        // Left by a session that was killed mid-render, or a build killed mid-swap.
        remove_temporaries(&out);
        remove_dead_stagings(&out, INSIDE_STAGING);
        Ok(Incremental {
            out,
            known,
            seen: Mutex::default(),
            pending: Mutex::default(),
            flushed: 0,
            _lock: lock,
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
        // Replaced whole: a marker cut short by a full disk would make the files it no
        // longer lists look foreign.
        let marker = self.out.join(MARKER);
        write_file(&temporary(&marker), &[text.as_bytes()]).and_then(|()| {
            std::fs::rename(temporary(&marker), &marker).map_err(|e| {
                let _ = std::fs::remove_file(temporary(&marker));
                Error::io(&marker, e)
            })
        })?;
        Ok(stats)
    }

    /// Moves the written files into place. If one cannot be, the temporaries not yet moved are
    /// removed (they are no longer pending, and would hold their space until the next session).
    fn write_pending(&mut self, pending: &HashMap<String, u64>) -> Result<(), Error> {
        let mut failed = None;
        for (rel, hash) in pending {
            let path = self.out.join(rel);
            if failed.is_some() {
                let _ = std::fs::remove_file(temporary(&path));
                continue;
            }
            match std::fs::rename(temporary(&path), &path) {
                Ok(()) => {
                    self.known.insert(rel.clone(), *hash);
                }
                Err(e) => {
                    let _ = std::fs::remove_file(temporary(&path));
                    failed = Some(Error::io(&path, e));
                }
            }
        }
        failed.map_or(Ok(()), Err)
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
        write_file(&temporary(&path), parts)?;
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_owned(), hash);
        Ok(())
    }
}

/// Writes `parts` to a new file at `path`; on failure (a full disk) the part written is
/// removed, so that it does not hold the space the next attempt needs.
fn write_file(path: &Path, parts: &[&[u8]]) -> Result<(), Error> {
    use std::io::Write;
    let mut file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    for part in parts {
        if let Err(e) = file.write_all(part) {
            drop(file);
            let _ = std::fs::remove_file(path);
            return Err(Error::io(path, e));
        }
    }
    Ok(())
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

#[cfg(test)]
mod write_failure_tests {
    use super::*;

    const CHILD: &str = "ISMSBOOK_TEST_FAILING_WRITES";

    /// A write that fails part-way, as on a full disk: this test runs itself again under
    /// RLIMIT_FSIZE (`prlimit`), where a file cannot grow past 64 kB (EFBIG; the shell ignores
    /// SIGXFSZ, which would end the process instead). Without the fix the half-written
    /// temporary stayed in the output, holding its space, and nothing listed it to remove.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_failed_write_leaves_no_temporary_and_the_next_save_works() {
        if let Some(dir) = std::env::var_os(CHILD) {
            return fails_then_recovers(Path::new(&dir));
        }
        if std::process::Command::new("prlimit")
            .arg("--version")
            .output()
            .is_err()
        {
            eprintln!("SKIPPED: prlimit is not installed");
            return;
        }
        let tmp = tempfile::tempdir().unwrap();
        let exe = std::env::current_exe().unwrap();
        let name = format!(
            "{}::a_failed_write_leaves_no_temporary_and_the_next_save_works",
            module_path!().split_once("::").map_or("", |(_, m)| m)
        );
        let script = format!(
            "trap '' XFSZ; exec prlimit --fsize=65536 '{}' --exact '{name}' --nocapture --test-threads=1",
            exe.display()
        );
        let run = std::process::Command::new("sh")
            .args(["-c", &script])
            .env(CHILD, tmp.path())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&run.stdout);
        assert!(
            run.status.success() && stdout.contains("1 passed"),
            "{stdout}\n{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(tmp.path().join("done").exists(), "the child did not run");
    }

    /// In the child, under the limit.
    fn fails_then_recovers(dir: &Path) {
        let (content, out) = (dir.join("content"), dir.join("site"));
        std::fs::create_dir_all(&content).unwrap();
        let mut w = Incremental::open(&out, &content).unwrap();
        w.write("small.html", b"small").unwrap();
        w.commit().unwrap();

        // The session renders a page too large to fit, as a save does on a full disk.
        w.write("other.html", b"other").unwrap();
        let big = vec![b'x'; 200_000];
        let e = w.write("docs/big.html", &big).unwrap_err().to_string();
        assert!(e.contains("File too large"), "{e}");
        w.discard();
        let mut left = Vec::new();
        temporaries_under(&out, &mut left);
        assert!(left.is_empty(), "temporaries left: {left:?}");
        assert!(!out.join("docs/big.html").exists());

        // The next save, once the page fits again.
        w.write("small.html", b"small").unwrap();
        w.write("other.html", b"other").unwrap();
        w.write("docs/big.html", b"not so big now").unwrap();
        let stats = w.commit().unwrap();
        assert_eq!(stats.written, 2);
        assert_eq!(
            std::fs::read_to_string(out.join("docs/big.html")).unwrap(),
            "not so big now"
        );
        let marker = std::fs::read_to_string(out.join(MARKER)).unwrap();
        assert_eq!(marker, "docs/big.html\nother.html\nsmall.html\n");
        std::fs::write(dir.join("done"), "").unwrap();
    }

    /// Temporaries under `dir`.
    fn temporaries_under(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            if e.file_type().unwrap().is_dir() {
                temporaries_under(&e.path(), out);
            } else if is_temporary(&e.file_name().to_string_lossy()) {
                out.push(e.path());
            }
        }
    }
}

#[cfg(test)]
mod swap_tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Everything under `dir` but ismsbook's own bookkeeping: path → file bytes (`None`: a
    /// folder).
    fn tree(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
        fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Option<Vec<u8>>>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if dir == base && is_own_entry(&name) {
                    continue;
                }
                let rel = rel_of(base, &e.path());
                if e.file_type().unwrap().is_dir() {
                    out.insert(rel, None);
                    walk(base, &e.path(), out);
                } else {
                    out.insert(rel, Some(std::fs::read(e.path()).unwrap()));
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(dir, dir, &mut out);
        out
    }

    fn put(dir: &Path, rel: &str, text: &str) {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// The previous site: changed, unchanged and dropped files, and a file and a folder whose
    /// kinds the new site swaps.
    fn old_site(out: &Path) -> HashSet<String> {
        let files = [
            "a.html",
            "same.html",
            "gone.html",
            "docs/x.html",
            "olddir/y.html",
            "kind",
            "dirfile/z.html",
        ];
        for f in files {
            put(out, f, &format!("old {f}"));
        }
        put(out, MARKER, &files.map(|f| format!("{f}\n")).concat());
        files.iter().map(|f| f.to_string()).collect()
    }

    /// The new site, staged inside `out` as a build does (the unchanged file hard-linked).
    fn stage(out: &Path, staged: &Path) -> BTreeSet<String> {
        let _ = std::fs::remove_dir_all(staged);
        let files = [
            "a.html",
            "new.html",
            "docs/x.html",
            "kind/k.html",
            "dirfile",
        ];
        for f in files {
            put(staged, f, &format!("new {f}"));
        }
        std::fs::hard_link(out.join("same.html"), staged.join("same.html")).unwrap();
        let mut written: BTreeSet<String> = files.iter().map(|f| f.to_string()).collect();
        written.insert("same.html".into());
        put(
            staged,
            MARKER,
            &written.iter().map(|f| format!("{f}\n")).collect::<String>(),
        );
        written
    }

    #[test]
    fn a_swap_that_fails_at_any_step_leaves_the_previous_site_exactly() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let previous = old_site(&out);
        let before = tree(&out);
        let staged = out.join(format!("{INSIDE_STAGING}1"));
        let backup = old_site_path(&staged);
        let mut failures = 0;
        for step in 0.. {
            let written = stage(&out, &staged);
            FAIL_AT.with(|f| f.set(Some(step)));
            let result = swap_contents(&out, &staged, &backup, &written, &previous);
            FAIL_AT.with(|f| f.set(None));
            match result {
                Err(e) => {
                    failures += 1;
                    assert!(e.to_string().contains("injected failure"), "{e}");
                    assert!(
                        tree(&out) == before,
                        "step {step}: the previous site changed"
                    );
                    assert!(!backup.exists(), "step {step}: the backup was left");
                }
                Ok(()) => break,
            }
        }
        assert!(failures >= 10, "only {failures} steps were tried");
        let after = tree(&out);
        let text = |s: &str| Some(s.as_bytes().to_vec());
        assert_eq!(after.get("a.html"), Some(&text("new a.html")));
        assert_eq!(after.get("same.html"), Some(&text("old same.html")));
        assert_eq!(after.get("kind/k.html"), Some(&text("new kind/k.html")));
        assert_eq!(after.get("dirfile"), Some(&text("new dirfile")));
        for gone in ["gone.html", "olddir", "olddir/y.html", "dirfile/z.html"] {
            assert!(!after.contains_key(gone), "{gone} is still there");
        }
        assert_eq!(
            after.get(MARKER),
            Some(&text(
                "a.html\ndirfile\ndocs/x.html\nkind/k.html\nnew.html\nsame.html\n"
            ))
        );
        assert!(!staged.exists(), "the staging folder went into the backup");
        assert!(backup.join("staged").is_dir());
    }

    /// Builds `pages` (name, text) into `out` with a [`Staging`].
    fn build(out: &Path, content: &Path, pages: &[(&str, &str)]) -> Result<PathBuf, Error> {
        let staging = Staging::create(out, content)?;
        for (rel, text) in pages {
            staging.write(rel, text.as_bytes())?;
        }
        staging.commit()
    }

    #[test]
    fn an_output_folder_that_cannot_be_renamed_is_swapped_file_by_file() {
        let tmp = tempfile::tempdir().unwrap();
        let (content, out) = (tmp.path().join("content"), tmp.path().join("site"));
        std::fs::create_dir(&content).unwrap();
        build(
            &out,
            &content,
            &[("a.html", "old a"), ("docs/b.html", "old b")],
        )
        .unwrap();
        let before = tree(&out);
        // What is beside the site, and ismsbook's bookkeeping inside it (staging, lock).
        let listing = || {
            let names = |dir: &Path| -> Vec<String> {
                std::fs::read_dir(dir)
                    .unwrap()
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            };
            let mut found = names(tmp.path());
            found.extend(names(&out).into_iter().filter(|n| is_own_entry(n)));
            found.sort();
            found
        };
        BUSY.with(|b| b.set(true));
        // A failure while moving the files in: the previous site, and nothing left over.
        FAIL_AT.with(|f| f.set(Some(1)));
        let failed = build(&out, &content, &[("a.html", "new a"), ("c.html", "new c")]);
        FAIL_AT.with(|f| f.set(None));
        assert!(failed.is_err());
        assert!(tree(&out) == before, "the previous site changed");
        assert_eq!(listing(), ["content", "site"]);

        let done = build(&out, &content, &[("a.html", "new a"), ("c.html", "new c")]);
        BUSY.with(|b| b.set(false));
        assert_eq!(done.unwrap(), out);
        let after = tree(&out);
        let keys: Vec<&str> = after.keys().map(String::as_str).collect();
        assert_eq!(keys, [MARKER, "a.html", "c.html"]);
        assert_eq!(after["a.html"], Some(b"new a".to_vec()));
        assert_eq!(listing(), ["content", "site"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_swap_leaves_an_unchanged_file_untouched() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let previous = old_site(&out);
        let inode = std::fs::metadata(out.join("same.html")).unwrap().ino();
        let staged = out.join(format!("{INSIDE_STAGING}1"));
        let written = stage(&out, &staged);
        swap_contents(&out, &staged, &old_site_path(&staged), &written, &previous).unwrap();
        assert_eq!(
            std::fs::metadata(out.join("same.html")).unwrap().ino(),
            inode
        );
    }

    fn old_site_path(dir: &Path) -> PathBuf {
        super::old_site(dir)
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn mount_points_are_read_as_the_kernel_escapes_them() {
        assert_eq!(
            unescape_mount_point(br"/srv/my\040site\134x"),
            b"/srv/my site\\x".to_vec()
        );
        assert_eq!(unescape_mount_point(br"/a\0"), b"/a\\0".to_vec());
    }

    #[test]
    fn a_second_writer_is_refused_until_the_first_is_done_and_no_lock_file_is_left() {
        let tmp = tempfile::tempdir().unwrap();
        let (content, out) = (tmp.path().join("content"), tmp.path().join("site"));
        std::fs::create_dir(&content).unwrap();
        let lock_file = tmp.path().join(".site.ismsbook-lock");
        let first = Staging::create(&out, &content).unwrap();
        assert!(lock_file.is_file());
        for second in [
            Staging::create(&out, &content).err(),
            Incremental::open(&out, &content).err(),
        ] {
            let msg = second.expect("refused while locked").to_string();
            assert!(
                msg.contains("another ismsbook build is writing to")
                    && msg.contains(&out.display().to_string())
                    && msg.contains(&format!("process {}", std::process::id())),
                "{msg}"
            );
        }
        first.commit().unwrap();
        assert!(!lock_file.exists(), "the lock file was left");
        // A lock file left by a process that was killed does not block.
        std::fs::write(&lock_file, "4000000\n").unwrap();
        let mut w = Incremental::open(&out, &content).expect("a stale lock file does not block");
        assert!(
            Staging::create(&out, &content).is_err(),
            "the session holds it"
        );
        w.write("a.html", b"a").unwrap();
        w.commit().unwrap();
        drop(w);
        assert!(!lock_file.exists());
        drop(Staging::create(&out, &content).unwrap());
        let names: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }
}
