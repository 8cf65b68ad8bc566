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

mod guard;
mod incremental;
mod interrupt;
mod lock;
mod swap;

use guard::*;
pub use incremental::{Incremental, WriteStats};
pub use interrupt::clean_up_on_interrupt;
use interrupt::*;
use lock::*;
use swap::*;

pub const MARKER: &str = ".ismsbook-output";

/// A staging folder inside the output folder: this prefix, the process id, and `.old` for the
/// previous site's files during the swap.
const INSIDE_STAGING: &str = ".ismsbook-staging-";

/// The lock file inside the output folder (beside it, it is `.<name>.ismsbook-lock`).
const LOCK: &str = ".ismsbook-lock";

/// How far `build` may go in replacing an existing output folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReplaceRules {
    /// `--force`: replace a non-empty folder without ismsbook's marker, or one holding files
    /// ismsbook did not write. Never `/`, the home folder, the content folder or one of its
    /// parents, a Git repository (or a folder inside or holding one), the theme folder, or a
    /// folder inside the content folder holding content sources; and inside the content
    /// folder, only its configured output.
    pub force: bool,
    /// The content's own output folder (`output` in `ismsbook.toml`, else `site`): inside the
    /// content folder, the only one `--force` may replace.
    pub configured: Option<PathBuf>,
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
    /// Whether `--force` accepted foreign files in the output; the swap checks only what it
    /// never replaces.
    force: Force,
    written: Mutex<BTreeSet<String>>,
    /// Folders of the staging folder made so far: a page's folder is made once, not looked
    /// at again for each of its pages.
    folders: Mutex<HashSet<PathBuf>>,
    /// Every name staged so far as macOS and Windows compare names (case and Unicode form
    /// aside): two names one file there are one name here.
    names: Mutex<HashSet<String>>,
    committed: bool,
    /// Released (and its file removed) after the staging folder is gone: declared last.
    _lock: OutputLock,
}

impl Staging {
    /// Prepares a staging folder for `out`, after checking that `out` may be replaced.
    pub fn create(out: &Path, content_root: &Path) -> Result<Staging, Error> {
        Staging::create_with(out, content_root, ReplaceRules::default())
    }

    /// Like [`Staging::create`], with `--force` and the like.
    pub fn create_with(
        out: &Path,
        content_root: &Path,
        opts: ReplaceRules,
    ) -> Result<Staging, Error> {
        let OutputTarget { out, root, shown } = resolve(out, content_root)?;
        let parent = out
            .parent()
            .ok_or_else(|| Error::Output(format!("{} has no parent folder", out.display())))?
            .to_path_buf();
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let lock = OutputLock::acquire(&out)?;
        let force = Force::of(&opts, &out, &root);
        inspect(&out, &shown, &root, force)?;
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
            force,
            written: Mutex::new(BTreeSet::new()),
            folders: Mutex::new(HashSet::new()),
            names: Mutex::new(HashSet::new()),
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
        self.put(MARKER, &[manifest.as_bytes()], false)?;
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
    /// `first`: no file of this name was staged before (the staging folder starts empty).
    fn put(&self, rel: &str, parts: &[&[u8]], first: bool) -> Result<bool, Error> {
        halt_if_interrupted();
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            let mut folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
            if !folders.contains(parent) {
                std::fs::create_dir_all(parent).map_err(|e| self.fail(parent, e))?;
                folders.insert(parent.to_path_buf());
            }
        }
        // A name written twice must not truncate a file shared with the previous site.
        if !first {
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(self.fail(&path, e)),
            }
        }
        if self.previous.contains(rel) || (rel == MARKER && !self.previous.is_empty()) {
            let old = self.out.join(rel);
            if same_bytes(&old, parts) && std::fs::hard_link(&old, &path).is_ok() {
                return Ok(false);
            }
        }
        let file = std::fs::File::create(&path).map_err(|e| self.fail(&path, e))?;
        // Windows writes one slice per vectored call: a buffer gathers the parts there.
        #[cfg(unix)]
        let written = {
            let mut file = file;
            write_all_vectored(&mut file, parts)
        };
        #[cfg(not(unix))]
        let written = {
            use std::io::Write;
            let mut file = std::io::BufWriter::new(file);
            parts
                .iter()
                .try_for_each(|p| file.write_all(p))
                .and_then(|()| file.flush())
        };
        written.map_err(|e| self.fail(&path, e))?;
        Ok(true)
    }

    /// An I/O error while staging; when the process is being interrupted, the interrupt wins
    /// (the folder may be vanishing under the writer).
    fn fail(&self, path: &Path, e: std::io::Error) -> Error {
        halt_if_interrupted();
        Error::io(path, e)
    }
}

/// Writes `parts` in order, as few system calls as the kernel allows (one for most pages: they
/// come in a few dozen parts, which a buffered writer wrote in a call per 8 KB).
#[cfg(unix)]
fn write_all_vectored(file: &mut impl std::io::Write, parts: &[&[u8]]) -> std::io::Result<()> {
    let mut slices: Vec<std::io::IoSlice<'_>> = parts
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| std::io::IoSlice::new(p))
        .collect();
    let mut rest = &mut slices[..];
    while !rest.is_empty() {
        match file.write_vectored(rest) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => std::io::IoSlice::advance_slices(&mut rest, n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
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
        .map(|m| marker_lines(&m).map(str::to_owned).collect())
        .unwrap_or_default()
}

/// The lines of a marker that can name a file ismsbook wrote: relative paths of plain names.
/// The marker is a file in the output folder, which a checked-out repository can hold too, so
/// it is not trusted: `../x` or `/home/…` would have `watch` delete that file as a page the
/// site no longer has.
fn marker_lines(manifest: &str) -> impl Iterator<Item = &str> {
    // A `\` is part of a name on Unix (an attachment may have one), a separator on Windows.
    let separator = |c: char| c == '\0' || (cfg!(windows) && matches!(c, '\\' | ':'));
    manifest.lines().filter(move |rel| {
        !rel.is_empty()
            && rel
                .split('/')
                .all(|n| !n.is_empty() && n != "." && n != ".." && !n.contains(separator))
    })
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

    fn write_byte_parts(&self, rel: &str, parts: &[&[u8]]) -> Result<(), Error> {
        self.write_all_parts(rel, parts)
    }
}

impl Staging {
    fn write_all_parts(&self, rel: &str, parts: &[&[u8]]) -> Result<(), Error> {
        let first = self.claim(rel);
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_owned());
        self.put(rel, parts, first)?;
        Ok(())
    }

    /// Whether no file of this name (as the file system may compare it) was staged before.
    fn claim(&self, rel: &str) -> bool {
        self.names
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(crate::model::links::loose_key(rel))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that takes at most 7 bytes per call, as a file may.
    #[cfg(unix)]
    struct Short(Vec<u8>);

    #[cfg(unix)]
    impl std::io::Write for Short {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let n = buf.len().min(7);
            self.0.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn write_vectored(&mut self, bufs: &[std::io::IoSlice<'_>]) -> std::io::Result<usize> {
            let mut n = 0;
            for b in bufs {
                let take = b.len().min(7 - n);
                self.0.extend_from_slice(&b[..take]);
                n += take;
                if n == 7 {
                    break;
                }
            }
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn names_one_file_on_macos_are_one_name() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("content");
        std::fs::create_dir_all(&root).unwrap();
        let staging = Staging::create(&tmp.path().join("site"), &root).unwrap();
        assert!(staging.claim("docs/Café.html"));
        // Lower case, and the accent as a combining mark (NFD): the same file on APFS.
        assert!(!staging.claim("docs/cafe\u{301}.html"));
        assert!(!staging.claim("DOCS/CAFÉ.HTML"));
        assert!(staging.claim("docs/cafe.html"));
    }

    #[cfg(unix)]
    #[test]
    fn parts_are_written_whole_and_in_order_through_short_writes() {
        let many: Vec<String> = (0..3000).map(|i| format!("<{i}>")).collect();
        let mut parts: Vec<&[u8]> = vec![b"", b"head-", b"", b"x"];
        parts.extend(many.iter().map(|s| s.as_bytes()));
        parts.push(b"");
        let mut out = Short(Vec::new());
        write_all_vectored(&mut out, &parts).unwrap();
        assert_eq!(out.0, parts.concat());
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap()
    }

    /// A name staged twice: the first write may be a hard link to the previous site's file,
    /// which the second must replace, not write through.
    #[test]
    fn a_name_staged_twice_leaves_the_previous_sites_file_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let (root, out) = (tmp.path().join("content"), tmp.path().join("site"));
        std::fs::create_dir_all(&root).unwrap();
        let first = Staging::create(&out, &root).unwrap();
        first.write("docs/a.html", b"same").unwrap();
        first.commit().unwrap();

        let second = Staging::create(&out, &root).unwrap();
        second.write("docs/a.html", b"same").unwrap();
        second.write("docs/b.html", b"beside").unwrap();
        second.write("docs/a.html", b"changed").unwrap();
        assert_eq!(
            read(&out.join("docs/a.html")),
            "same",
            "the site being shown"
        );
        assert_eq!(read(&second.path().join("docs/a.html")), "changed");
        second.commit().unwrap();
        assert_eq!(read(&out.join("docs/a.html")), "changed");
        assert_eq!(read(&out.join("docs/b.html")), "beside");
    }
}
