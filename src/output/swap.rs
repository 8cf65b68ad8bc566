//! Swapping a site into an output folder that cannot itself be renamed (a mount point): file
//! by file, each by a rename, everything put back if a step fails.

use super::*;

/// One step of [`swap_contents`], undone in reverse order if a later one fails.
pub(super) enum Step {
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
pub(super) fn swap_contents(
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

pub(super) fn move_in(
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
pub(super) fn place(
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
pub(super) fn make_parents(
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
pub(super) fn move_aside(
    out: &Path,
    saved: &Path,
    rel: &str,
    journal: &mut Vec<Step>,
) -> Result<(), Error> {
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
pub(super) fn collect_stale(
    base: &Path,
    dir: &Path,
    written: &BTreeSet<String>,
    folders: &HashSet<String>,
    stale: &mut Vec<String>,
) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mount_point = dir == base && is_mount_point(base);
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if dir == base && is_own_entry(&name) {
            continue;
        }
        if mount_point && is_file_systems_own(&entry) {
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
pub(super) fn roll_back(out: &Path, saved: &Path, journal: &[Step]) -> Vec<String> {
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
pub(super) fn same_file(path: &Path, meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(path).is_ok_and(|m| m.dev() == meta.dev() && m.ino() == meta.ino())
}

#[cfg(not(unix))]
pub(super) fn same_file(_path: &Path, _meta: &std::fs::Metadata) -> bool {
    false
}

/// Copies the folder `from` to `to` (hard links where the file system allows).
pub(super) fn copy_tree(from: &Path, to: &Path) -> Result<(), Error> {
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
pub(super) fn busy_in_tests() -> std::io::Result<()> {
    #[cfg(test)]
    if BUSY.with(|b| b.get()) {
        return Err(std::io::ErrorKind::ResourceBusy.into());
    }
    Ok(())
}

/// Before each step of [`swap_contents`] that changes the output folder; tests make the n-th
/// fail, as a full disk or a vanished folder would.
#[inline]
pub(super) fn fault() -> std::io::Result<()> {
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
