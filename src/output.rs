//! Stage 5, write: the site is rendered into a staging folder beside the output and swapped in
//! only when complete, so a failed build leaves the previous site as it was. The tool only ever
//! replaces a folder it wrote itself (it carries a marker listing the files written).

use crate::error::Error;
use crate::render::Sink;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub const MARKER: &str = ".ismsbook-output";

pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    written: Mutex<BTreeSet<String>>,
    committed: bool,
}

impl Staging {
    /// Prepares a staging folder for `out`, after checking that `out` may be replaced.
    pub fn create(out: &Path, content_root: &Path) -> Result<Staging, Error> {
        let out = replaceable(out, content_root)?;
        let parent = out
            .parent()
            .ok_or_else(|| Error::Output(format!("{} has no parent folder", out.display())))?;
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("site");
        let dir = parent.join(format!(".{name}.ismsbook-staging-{}", std::process::id()));
        if dir.exists() {
            // Left by an earlier run of this same process id that was killed: ours to remove.
            std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        std::fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Staging {
            out,
            dir,
            written: Mutex::new(BTreeSet::new()),
            committed: false,
        })
    }

    /// Number of files written so far.
    pub fn count(&self) -> usize {
        self.written.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Swaps the staged site in: old output aside, staged in, old removed.
    pub fn commit(mut self) -> Result<PathBuf, Error> {
        let written = std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        let manifest: String = written.iter().map(|p| format!("{p}\n")).collect();
        let marker = self.dir.join(MARKER);
        std::fs::write(&marker, manifest).map_err(|e| Error::io(&marker, e))?;
        let old = self.dir.with_file_name(format!(
            "{}.old",
            self.dir
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("staging")
        ));
        let had_old = self.out.exists();
        if had_old {
            // Re-check: files may have been added to the output while we were rendering.
            check_replaceable(&self.out)?;
            std::fs::rename(&self.out, &old).map_err(|e| Error::io(&self.out, e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.out) {
            if had_old {
                let _ = std::fs::rename(&old, &self.out);
            }
            return Err(Error::io(&self.out, e));
        }
        self.committed = true;
        if had_old {
            // The new site is already in place: failing to delete the old copy must not turn a
            // good build into a failed one.
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(self.out.clone())
    }
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        self.write_all_parts(rel, &[bytes])
    }

    fn write_parts(&self, rel: &str, parts: &[String]) -> Result<(), Error> {
        let parts: Vec<&[u8]> = parts.iter().map(|p| p.as_bytes()).collect();
        self.write_all_parts(rel, &parts)
    }
}

impl Staging {
    fn write_all_parts(&self, rel: &str, parts: &[&[u8]]) -> Result<(), Error> {
        use std::io::Write;
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let file = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut file = std::io::BufWriter::new(file);
        for part in parts {
            file.write_all(part).map_err(|e| Error::io(&path, e))?;
        }
        file.flush().map_err(|e| Error::io(&path, e))?;
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
        }
    }
}

/// The output folder as an absolute path, once it is known to be safe to replace: not the
/// content folder or one of its parents, and new, empty, or ismsbook's own.
fn replaceable(out: &Path, content_root: &Path) -> Result<PathBuf, Error> {
    let out = absolute(out)?;
    let root = content_root
        .canonicalize()
        .map_err(|e| Error::io(content_root, e))?;
    if root.starts_with(&out) {
        return Err(Error::Output(format!(
            "{} contains the content folder; choose an output folder inside or beside it (e.g. -o site)",
            out.display()
        )));
    }
    if out.exists() {
        check_replaceable(&out)?;
    }
    Ok(out)
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
                "{} is not empty and was not written by ismsbook (no {MARKER} file); refusing to replace it. Choose another folder with -o, or empty it yourself",
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
        "{} holds {} file(s) ismsbook did not write ({}{}); refusing to delete them. Move them out of the output folder, or keep them in the content folder and link to them",
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
        if rel != MARKER && !known.contains(rel.as_str()) {
            out.push(rel);
        }
    }
}

/// Watch mode's writer: pages are rendered into memory, compared with what the output folder
/// holds, and only when the whole render succeeded are the changed files written (each to a
/// temporary name, then renamed, so a reader never sees half a page). Files ismsbook wrote
/// before and no longer writes are removed; a failed render changes nothing.
pub struct Incremental {
    out: PathBuf,
    /// Path → hash of the bytes on disk, for files ismsbook wrote.
    known: HashMap<String, u64>,
    seen: Mutex<HashSet<String>>,
    pending: Mutex<Vec<(String, Vec<u8>)>>,
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
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

impl Incremental {
    /// Opens `out` for in-place updates, with the same safety rules as a full build: it must be
    /// new, empty, or written by ismsbook with nothing foreign in it.
    pub fn open(out: &Path, content_root: &Path) -> Result<Incremental, Error> {
        let out = replaceable(out, content_root)?;
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

    /// Forgets a failed render's pages (those not yet written by `commit_partial`).
    pub fn discard(&mut self) {
        self.flushed = 0;
        self.seen
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        self.pending
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
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

    fn write_pending(&mut self, pending: &[(String, Vec<u8>)]) -> Result<(), Error> {
        for (rel, bytes) in pending {
            let path = self.out.join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            let tmp = path.with_file_name(format!(
                ".{}.ismsbook-tmp",
                path.file_name().and_then(|n| n.to_str()).unwrap_or("page")
            ));
            std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
            std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))?;
            self.known.insert(rel.clone(), hash(bytes));
        }
        Ok(())
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
        self.seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_owned());
        if self.known.get(rel) != Some(&hash(bytes)) {
            self.pending
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((rel.to_owned(), bytes.to_vec()));
        }
        Ok(())
    }
}
