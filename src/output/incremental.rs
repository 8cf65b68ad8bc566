//! Watch mode's writer: only changed files, each written under a temporary name and renamed
//! into place when the whole render succeeded.

use super::*;

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

pub(super) fn hash(bytes: &[u8]) -> u64 {
    hash_parts(&[bytes])
}

/// The hash of the parts joined, without joining them.
pub(super) fn hash_parts(parts: &[&[u8]]) -> u64 {
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
        let OutputTarget { out, root, shown } = resolve(out, content_root)?;
        if let Some(parent) = out.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let lock = OutputLock::acquire(&out)?;
        inspect(&out, &shown, &root, Force::No)?;
        let mut known = HashMap::new();
        // What is already there counts as written: an unchanged site rewrites nothing.
        // Only files inside the folder, reached without a link: a file that is not still
        // produced is removed at the commit.
        if let Ok(manifest) = std::fs::read_to_string(out.join(MARKER)) {
            for rel in marker_lines(&manifest) {
                if !plain_file_inside(&out, rel) {
                    continue;
                }
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

/// Whether `out/rel` is a plain file whose folders below `out` are folders, not links.
fn plain_file_inside(out: &Path, rel: &str) -> bool {
    let mut path = out.to_path_buf();
    let mut names = rel.split('/').peekable();
    while let Some(name) = names.next() {
        path.push(name);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            return false;
        };
        let wanted = if names.peek().is_some() {
            meta.is_dir()
        } else {
            meta.is_file()
        };
        if !wanted {
            return false;
        }
    }
    true
}

/// Where a changed file waits for its commit: beside its place, hidden. A name too long to take
/// the dot and the suffix within 255 bytes is cut, and the hash of the whole name keeps it apart
/// from its neighbours.
pub(super) fn temporary(path: &Path) -> PathBuf {
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

pub(super) const TEMPORARY: &str = ".ismsbook-tmp";

pub(super) fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(TEMPORARY)
}

/// Removes the [`temporary`] files under `dir`.
pub(super) fn remove_temporaries(dir: &Path) {
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

    fn keep_others(&self, which: &dyn Fn(&str) -> bool) {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        for rel in self.known.keys().filter(|rel| which(rel)) {
            if !seen.contains(rel) {
                seen.insert(rel.clone());
            }
        }
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        self.write_parts_bytes(rel, &[bytes])
    }

    fn write_byte_parts(&self, rel: &str, parts: &[&[u8]]) -> Result<(), Error> {
        self.write_parts_bytes(rel, parts)
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
pub(super) fn write_file(path: &Path, parts: &[&[u8]]) -> Result<(), Error> {
    use std::io::Write;
    // A new file, never an existing one opened through a link found in its place (which
    // would write the page wherever the link points).
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(path, e)),
        _ => {}
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
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
