//! Where documents come from. A working tree today; a Git revision (for `diff`) provides the
//! same small interface.
//!
//! What the work tree publishes: regular files under the root, reached without following a
//! symbolic link, neither hidden (a name starting with `.`, at any depth) nor ignored by
//! `.gitignore` (or `.git/info/exclude`); not the output folder, not `theme/`. Every read opens
//! the file once and checks what it opened (see [`read_regular`]).

use crate::error::Error;
use crate::finding::{Code, Finding};
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

pub trait Source: Sync {
    /// Markdown documents as `/`-separated paths relative to the content root, sorted.
    fn documents(&self) -> Result<Vec<String>, Error>;
    /// Bytes of a file relative to the content root (documents, `soa.yaml`, attachments).
    fn read(&self, rel: &str) -> std::io::Result<Vec<u8>>;
    /// Like [`Source::read`], refusing a file over `limit` (a work tree never reads past it).
    fn read_limited(&self, rel: &str, limit: Limit) -> std::io::Result<Vec<u8>> {
        let bytes = self.read(rel)?;
        match bytes.len() as u64 > limit.bytes {
            true => Err(limit.exceeded(Some(bytes.len() as u64))),
            false => Ok(bytes),
        }
    }
    /// Whether a non-document file exists (link targets such as images).
    fn is_file(&self, rel: &str) -> bool;
    /// What a link finds at `rel`, a path that is no document: asked once per such link, so
    /// a source may look at that one path then (never walking hidden folders or `.git`).
    fn find(&self, rel: &str) -> Found {
        match self.is_file(rel) {
            true => Found::File,
            false => Found::Missing,
        }
    }
    /// Size and modification time, to notice changes cheaply; `None` when unknown.
    fn stamp(&self, _rel: &str) -> Option<Stamp> {
        None
    }
    /// [`Source::read`] with the stamp the file had before it was read (a save meanwhile is
    /// then read again next time, never missed). A work tree takes both from one open.
    fn read_stamped(&self, rel: &str) -> (std::io::Result<Vec<u8>>, Option<Stamp>) {
        let stamp = self.stamp(rel);
        (self.read(rel), stamp)
    }
}

/// What is at a path a link names, as far as publishing it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// A visible file of the content folder, which the build may copy.
    File,
    /// A regular file in a hidden folder, or with a hidden name (`.github/workflows/ci.yml`):
    /// in the repository, but never copied (hidden files hold settings and secrets).
    Hidden,
    /// A file that `.gitignore` leaves out: not in the repository either.
    Ignored,
    /// A folder of the repository (`[policies](policies/)`): the Git host lists it.
    Folder,
    /// Nothing: no file, not a regular file, behind a symbolic link, or inside `.git`.
    Missing,
}

/// What identifies a version of a file without reading it: modification time and size.
pub type Stamp = (std::time::SystemTime, u64);

/// Documents larger than this are not read: a finding says so, and the rest of the handbook
/// builds (policies are a few dozen kilobytes; a 10 MB one is a mistake or an export).
pub const MAX_DOCUMENT_BYTES: u64 = 10 * 1024 * 1024;

/// `ismsbook.toml` and `soa.yaml` are a few kilobytes; more than this is not a settings file.
pub const MAX_SETTINGS_BYTES: u64 = 1024 * 1024;

/// The longest file name, in bytes, that ext4 and APFS accept (NTFS counts 255 UTF-16 units,
/// which a name of 255 bytes never exceeds): a page name longer than this cannot be written.
pub const MAX_NAME_BYTES: usize = 255;

/// The most a read may return, and how to say so.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub bytes: u64,
    /// Whose limit it is, as the subject of the message: "documents are", "soa.yaml is".
    pub what: &'static str,
    /// What to do about it.
    pub advice: &'static str,
}

impl Limit {
    pub const DOCUMENT: Limit = Limit {
        bytes: MAX_DOCUMENT_BYTES,
        what: "documents are",
        advice: "split it into several documents",
    };

    /// The error for a file of `size` bytes (`None`: it grew past the limit while being read).
    pub fn exceeded(&self, size: Option<u64>) -> std::io::Error {
        let mb = |n: u64| n.div_ceil(1024 * 1024);
        let size = match size {
            Some(n) => format!("{} MB", mb(n)),
            None => format!("over {} MB", mb(self.bytes)),
        };
        std::io::Error::other(format!(
            "it is {size}; {} limited to {} MB: {}",
            self.what,
            mb(self.bytes),
            self.advice
        ))
    }
}

/// More documents than this and the content folder is most likely the wrong one (a home
/// folder, `/`): the walk stops with an error instead of reading them all.
pub const MAX_DOCUMENTS: usize = 100_000;

/// The content root on disk, walked with `ignore` so `.gitignore` is honoured.
pub struct WorkTree {
    root: PathBuf,
    /// Folders never read as content: the output and the theme overrides.
    excluded: Vec<PathBuf>,
    /// One walk, done on first use: documents, and the other files links may point at.
    listing: OnceLock<Result<Arc<Listing>, String>>,
    /// The root held open, for opening files beneath it (Linux; `None` where it cannot be).
    #[cfg(target_os = "linux")]
    root_dir: OnceLock<Option<std::os::fd::OwnedFd>>,
    /// `openat2` refused as unknown or not permitted: every open goes by path.
    #[cfg(target_os = "linux")]
    no_openat2: std::sync::atomic::AtomicBool,
}

#[derive(Default)]
pub struct Listing {
    documents: Vec<String>,
    /// Attachments: visible, not ignored, regular files (symlinks are not followed).
    files: HashSet<String>,
    /// The folders walked (`""`, the root, too): a link into any other is broken without a
    /// look at the disk.
    folders: HashSet<String>,
    /// Folders the walk could not read (`unreadable-file`): the rest of the tree still builds.
    problems: Vec<Finding>,
}

/// What the threads of the parallel walk share: each hands its listing (and the error that
/// stopped it) to `done` when its thread is finished.
struct Walk<'a> {
    tree: &'a WorkTree,
    max_documents: usize,
    documents: AtomicUsize,
    done: Mutex<Vec<(Listing, Option<String>)>>,
}

/// Makes a visitor per thread of the parallel walk.
struct Visitors<'s>(&'s Walk<'s>);

struct Visitor<'s> {
    of: &'s Walk<'s>,
    listing: Listing,
    error: Option<String>,
}

impl<'s> ignore::ParallelVisitorBuilder<'s> for Visitors<'s> {
    fn build(&mut self) -> Box<dyn ignore::ParallelVisitor + 's> {
        Box::new(Visitor {
            of: self.0,
            listing: Listing::default(),
            error: None,
        })
    }
}

impl ignore::ParallelVisitor for Visitor<'_> {
    fn visit(&mut self, entry: Result<ignore::DirEntry, ignore::Error>) -> ignore::WalkState {
        let of = self.of;
        match of
            .tree
            .take(entry, &mut self.listing, &of.documents, of.max_documents)
        {
            Ok(()) => ignore::WalkState::Continue,
            Err(e) => {
                self.error = Some(e);
                ignore::WalkState::Quit
            }
        }
    }
}

impl Drop for Visitor<'_> {
    fn drop(&mut self) {
        let part = (std::mem::take(&mut self.listing), self.error.take());
        if let Ok(mut done) = self.of.done.lock() {
            done.push(part);
        }
    }
}

impl WorkTree {
    pub fn new(root: &Path, output: &Path) -> Result<WorkTree, Error> {
        if !root.is_dir() {
            return Err(Error::NoContentRoot(root.to_path_buf()));
        }
        let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
        // A symbolic link given as the output is written through; it is no document either.
        let link = std::fs::symlink_metadata(output)
            .is_ok_and(|m| m.file_type().is_symlink())
            .then(|| match (output.parent(), output.file_name()) {
                (Some(parent), Some(name)) => {
                    let parent = if parent.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        parent
                    };
                    parent.canonicalize().ok().map(|p| p.join(name))
                }
                _ => None,
            })
            .flatten();
        // The output may not exist yet; compare by its canonical parent.
        let output = match output.canonicalize() {
            Ok(p) => p,
            Err(_) => match (output.parent(), output.file_name()) {
                (Some(parent), Some(name)) => parent
                    .canonicalize()
                    .map(|p| p.join(name))
                    .unwrap_or_else(|_| output.to_path_buf()),
                _ => output.to_path_buf(),
            },
        };
        Ok(WorkTree {
            excluded: [output, root.join("theme")]
                .into_iter()
                .chain(link)
                .collect(),
            root,
            listing: OnceLock::new(),
            #[cfg(target_os = "linux")]
            root_dir: OnceLock::new(),
            #[cfg(target_os = "linux")]
            no_openat2: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// Opens `rel` with `openat2` beneath the root held open, refusing any symbolic link and
    /// any `..` out of it: what the kernel opens is then inside the root, and no check of where
    /// it landed is needed. `None` when the kernel cannot (before Linux 5.6, or a sandbox
    /// refusing the call) or will not (a link on the way, a missing file): the caller opens by
    /// path and checks, as elsewhere, and words any error.
    #[cfg(target_os = "linux")]
    fn open_beneath(&self, rel: &str) -> Option<std::fs::File> {
        use rustix::fs::{openat2, Mode, OFlags, ResolveFlags};
        use std::sync::atomic::Ordering;
        if self.no_openat2.load(Ordering::Relaxed) {
            return None;
        }
        // Held only if it is the root the walk saw: a folder on the way swapped for a link
        // since would make "beneath" mean beneath somewhere else.
        let dir = self.root_dir.get_or_init(|| {
            let fd = rustix::fs::open(
                &self.root,
                OFlags::PATH | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::empty(),
            )
            .ok()?;
            let dir = std::fs::File::from(fd);
            (opened_path(&dir).as_deref() == Some(self.root.as_path())).then(|| dir.into())
        });
        match openat2(
            dir.as_ref()?,
            rel,
            OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC,
            Mode::empty(),
            ResolveFlags::BENEATH | ResolveFlags::NO_SYMLINKS | ResolveFlags::NO_MAGICLINKS,
        ) {
            Ok(fd) => Some(std::fs::File::from(fd)),
            Err(e) => {
                // Not this kernel (before 5.6) or not in this sandbox: no more attempts.
                if e == rustix::io::Errno::NOSYS || e == rustix::io::Errno::PERM {
                    self.no_openat2.store(true, Ordering::Relaxed);
                }
                None
            }
        }
    }

    #[cfg(not(target_os = "linux"))]
    fn open_beneath(&self, _rel: &str) -> Option<std::fs::File> {
        None
    }

    /// Re-uses an earlier walk instead of walking again: watch mode, when a change only
    /// modified files the walk already knew.
    pub fn assume_listing(&self, listing: Arc<Listing>) {
        let _ = self.listing.set(Ok(listing));
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn rel_path(&self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(&self.root).ok()?;
        let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
        Some(parts?.join("/"))
    }

    /// The files found by the walk (walking now if it has not happened yet).
    pub fn listing(&self) -> Result<&Arc<Listing>, Error> {
        self.listing
            .get_or_init(|| self.walk().map(Arc::new))
            .as_ref()
            .map_err(|msg| Error::Usage(msg.clone()))
    }

    fn walk(&self) -> Result<Listing, String> {
        self.walk_limited(MAX_DOCUMENTS)
    }

    fn walk_limited(&self, max_documents: usize) -> Result<Listing, String> {
        let excluded = self.excluded.clone();
        // Parent folders' ignore files count only inside a Git work tree, as in Git; elsewhere
        // they would make the result depend on where the folder happens to sit.
        let in_git = self.root.ancestors().any(|dir| dir.join(".git").exists());
        let walker = ignore::WalkBuilder::new(&self.root)
            .hidden(true)
            // `.ignore` is a convention of search tools, not Git's: `diff` (which reads Git's
            // objects) and watch mode know nothing of it, so honouring it would make them
            // disagree with `build`.
            .ignore(false)
            .git_ignore(true)
            .git_exclude(true)
            // The user's global ignore file would make builds differ between machines.
            .git_global(false)
            // Content roots are often not repository roots (or not in Git at all in tests).
            .require_git(false)
            .parents(in_git)
            .follow_links(false)
            // Hidden names are never content, whatever the ignore files say: `hidden(true)`
            // alone gives way to a `!.name` line in `.gitignore`, and `serve` answers 404 for
            // hidden paths. (The filter sees every entry but the root.)
            .filter_entry(move |e| {
                !e.file_name().as_encoded_bytes().starts_with(b".")
                    && !excluded.iter().any(|x| e.path() == x)
            })
            .build_parallel();
        // Folders are listed on every core; each thread keeps its own listing, merged after.
        let walk = Walk {
            tree: self,
            max_documents,
            documents: AtomicUsize::new(0),
            done: Mutex::new(Vec::new()),
        };
        walker.visit(&mut Visitors(&walk));
        let mut listing = Listing::default();
        let mut errors = Vec::new();
        for (part, error) in walk
            .done
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
        {
            listing.documents.extend(part.documents);
            listing.files.extend(part.files);
            listing.folders.extend(part.folders);
            listing.problems.extend(part.problems);
            errors.extend(error);
        }
        // An error stops every thread; of those met before they stopped, the first in order.
        if let Some(e) = errors.into_iter().min() {
            return Err(e);
        }
        listing.documents.sort();
        listing.problems.sort_by(|a, b| a.file.cmp(&b.file));
        Ok(listing)
    }

    /// Takes one entry of the walk into `listing`; `Err` stops the walk.
    fn take(
        &self,
        entry: Result<ignore::DirEntry, ignore::Error>,
        listing: &mut Listing,
        documents: &AtomicUsize,
        max_documents: usize,
    ) -> Result<(), String> {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => match self.walk_problem(&e) {
                Some(Some(finding)) => {
                    listing.problems.push(finding);
                    return Ok(());
                }
                // Gone between the listing of its folder and now.
                Some(None) => return Ok(()),
                None => return Err(format!("{}: {e}", self.root.display())),
            },
        };
        let Some(file_type) = entry.file_type() else {
            return Ok(());
        };
        if file_type.is_symlink() {
            // Not followed (so nothing outside the root is published, and a loop cannot
            // trap the walk), but a linked document or folder is reported when read rather
            // than silently left out.
            let to_folder = std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir());
            let is_md = entry
                .path()
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("md"));
            if to_folder || is_md {
                if let Some(rel) = self.rel_path(entry.path()) {
                    listing.documents.push(rel);
                }
            }
            return Ok(());
        }
        if file_type.is_dir() {
            if let Some(rel) = self.rel_path(entry.path()) {
                listing.folders.insert(rel);
            }
            return Ok(());
        }
        if !file_type.is_file() {
            return Ok(());
        }
        let Some(rel) = self.rel_path(entry.path()) else {
            return Err(format!(
                "{}: file names must be valid UTF-8",
                entry.path().display()
            ));
        };
        let is_md = entry
            .path()
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("md"));
        // The repository's own README is for the Git host, not the handbook.
        if is_md && !rel.eq_ignore_ascii_case("readme.md") {
            if documents.fetch_add(1, Ordering::Relaxed) >= max_documents {
                return Err(format!(
                    "{}: more than {max_documents} Markdown documents; is this the right content folder? (a handbook is limited to {max_documents} documents)",
                    self.root.display()
                ));
            }
            listing.documents.push(rel);
        } else {
            listing.files.insert(rel);
        }
        Ok(())
    }

    /// What to do with an error of the walk: `Some(Some(finding))` for a folder (or file)
    /// inside the root that cannot be read, so the rest still builds; `Some(None)` for an
    /// entry that disappeared meanwhile; `None` to stop (the root itself, anything else).
    fn walk_problem(&self, e: &ignore::Error) -> Option<Option<Finding>> {
        let (path, io) = path_and_io(e)?;
        let rel = self.rel_path(path).filter(|rel| !rel.is_empty())?;
        if io.kind() == std::io::ErrorKind::NotFound {
            return Some(None);
        }
        let folder = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir());
        let why = match io.kind() {
            std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            _ => io.to_string(),
        };
        let (what, help) = match folder {
            true => (
                "folder",
                "check the folder's permissions (`chmod u+rx`); the documents in it are left out until it can be read",
            ),
            false => ("file", "check the file's permissions"),
        };
        Some(Some(
            Finding::at(
                Code::UnreadableFile,
                &rel,
                1,
                1,
                format!("cannot read {what}: {why}"),
            )
            .help(help),
        ))
    }
}

/// The path and the I/O error inside an error of the walk, if it has both.
fn path_and_io(e: &ignore::Error) -> Option<(&Path, &std::io::Error)> {
    match e {
        ignore::Error::WithPath { path, err } => Some((path.as_path(), err.io_error()?)),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            path_and_io(err)
        }
        _ => None,
    }
}

impl Listing {
    /// Findings of the walk itself: folders that could not be read.
    pub fn problems(&self) -> &[Finding] {
        &self.problems
    }

    /// Whether the walk found `rel`, as a document or another file.
    pub fn contains(&self, rel: &str) -> bool {
        self.files.contains(rel)
            || self
                .documents
                .binary_search_by(|d| d.as_str().cmp(rel))
                .is_ok()
    }
}

impl Source for WorkTree {
    fn documents(&self) -> Result<Vec<String>, Error> {
        Ok(self.listing()?.documents.clone())
    }

    fn read(&self, rel: &str) -> std::io::Result<Vec<u8>> {
        self.read_stamped(rel).0
    }

    fn read_stamped(&self, rel: &str) -> (std::io::Result<Vec<u8>>, Option<Stamp>) {
        let is_md = rel.to_ascii_lowercase().ends_with(".md");
        let limit = is_md.then_some(Limit::DOCUMENT);
        let mut stamp = None;
        let read = match self.open_beneath(rel) {
            Some(file) => read_opened(&file, limit, &mut stamp, |_| Ok(())),
            None => read_regular_stamped(&self.root, &self.root.join(rel), limit, &mut stamp),
        };
        (read, stamp)
    }

    fn read_limited(&self, rel: &str, limit: Limit) -> std::io::Result<Vec<u8>> {
        match self.open_beneath(rel) {
            Some(file) => read_opened(&file, Some(limit), &mut None, |_| Ok(())),
            None => read_regular(&self.root, &self.root.join(rel), Some(limit)),
        }
    }

    fn stamp(&self, rel: &str) -> Option<Stamp> {
        let m = std::fs::metadata(self.root.join(rel)).ok()?;
        Some((m.modified().ok()?, m.len()))
    }

    fn is_file(&self, rel: &str) -> bool {
        // Only what the walk saw: never a hidden, ignored or symlinked file, so a link cannot
        // publish `.env`, `.git/config` or anything outside the root.
        self.listing().is_ok_and(|l| l.files.contains(rel))
    }

    fn find(&self, rel: &str) -> Found {
        let Ok(listing) = self.listing() else {
            return Found::Missing;
        };
        if listing.files.contains(rel) {
            return Found::File;
        }
        if listing.folders.contains(rel) {
            return Found::Folder;
        }
        if listing.contains(rel) {
            // A document the handbook set aside (a name collision, unreadable): no file to
            // link either.
            return Found::Missing;
        }
        // The walk left it out (or never saw it: hidden folders are not walked). Look at this
        // one path: a regular file, reached without a symbolic link, not inside `.git`.
        let parts: Vec<&str> = rel.split('/').collect();
        let odd =
            |p: &&str| p.is_empty() || matches!(*p, "." | "..") || p.eq_ignore_ascii_case(".git");
        if parts.iter().any(odd) {
            return Found::Missing;
        }
        if !parts.iter().any(|p| p.starts_with('.')) {
            // Visible: in a folder the walk entered (a real one, inside the root), an ignored
            // file; anywhere else missing, or in an ignored folder, broken either way (and
            // known without a look at the disk, however many links point there).
            let parent = rel.rsplit_once('/').map_or("", |(p, _)| p);
            let ignored = listing.folders.contains(parent)
                && std::fs::symlink_metadata(self.root.join(rel)).is_ok_and(|m| m.is_file());
            return match ignored {
                true => Found::Ignored,
                false => Found::Missing,
            };
        }
        let mut path = self.root.clone();
        for (i, part) in parts.iter().enumerate() {
            path.push(part);
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                return Found::Missing;
            };
            let last = i + 1 == parts.len();
            let kind = meta.file_type();
            if last && kind.is_dir() && !self.excluded.iter().any(|x| path.starts_with(x)) {
                return Found::Folder;
            }
            if kind.is_symlink() || (last && !kind.is_file()) || (!last && !kind.is_dir()) {
                return Found::Missing;
            }
        }
        if self.excluded.iter().any(|x| path.starts_with(x)) {
            return Found::Missing;
        }
        match self.ignored(&path) {
            true => Found::Ignored,
            false => Found::Hidden,
        }
    }
}

impl WorkTree {
    /// Whether Git ignores the file at `path` (inside the root): the `.gitignore` files of its
    /// folders, the deepest that has a say deciding, then `.git/info/exclude`. The walk decides
    /// this for visible files; this is for the hidden ones it does not enter.
    fn ignored(&self, path: &Path) -> bool {
        use ignore::gitignore::GitignoreBuilder;
        use ignore::Match;
        let top = self.root.ancestors().find(|d| d.join(".git").exists());
        let says = |dir: &Path, file: PathBuf| -> Option<bool> {
            if !file.is_file() {
                return None;
            }
            let mut builder = GitignoreBuilder::new(dir);
            builder.add(&file);
            match builder
                .build()
                .ok()?
                .matched_path_or_any_parents(path, false)
            {
                Match::Ignore(_) => Some(true),
                Match::Whitelist(_) => Some(false),
                Match::None => None,
            }
        };
        let stop = top.unwrap_or(&self.root);
        for dir in path.ancestors().skip(1) {
            if let Some(ignored) = says(dir, dir.join(".gitignore")) {
                return ignored;
            }
            if dir == stop || !dir.starts_with(stop) {
                break;
            }
        }
        top.and_then(|t| says(t, t.join(".git/info/exclude")))
            .unwrap_or(false)
    }
}

/// Reads the file at `path` inside `root` (canonical) in one open that neither follows a
/// symbolic link nor waits on a named pipe, then checks what was opened — a regular file, still
/// inside `root`, within `limit` — and reads that same handle, at most `limit` + 1 bytes. A file
/// swapped for a link or a pipe after the walk saw it is refused, never published.
///
/// A folder on the way swapped for a link is caught on Linux by where the open file really is
/// (`/proc/self/fd`); elsewhere by resolving the path again just after the open, which a second
/// swap in that instant could still pass. The work tree opens its files with `openat2` beneath
/// the root first, where the kernel refuses links on the way ([`WorkTree`]'s `open_beneath`),
/// and comes here only when that open fails.
pub fn read_regular(root: &Path, path: &Path, limit: Option<Limit>) -> std::io::Result<Vec<u8>> {
    read_regular_stamped(root, path, limit, &mut None)
}

/// [`read_regular`], setting `stamp` to the opened file's size and modification time before
/// reading it (one `fstat` serves both: a stamp apart was a tenth of `check`'s system calls).
fn read_regular_stamped(
    root: &Path,
    path: &Path,
    limit: Option<Limit>,
    stamp: &mut Option<Stamp>,
) -> std::io::Result<Vec<u8>> {
    let file = open_no_follow(path).map_err(|e| explain_open_error(path, e))?;
    read_opened(&file, limit, stamp, |file| {
        match opened_path(file).or_else(|| path.canonicalize().ok()) {
            Some(real) if real.starts_with(root) => Ok(()),
            Some(real) => Err(std::io::Error::other(format!(
                "it is outside the content folder (at {}), reached through a folder that is a symbolic link; links are not followed, so that nothing outside the content folder is published",
                real.display()
            ))),
            None => Err(std::io::Error::other(
                "it was moved or removed while being read; build again",
            )),
        }
    })
}

/// Reads an opened file once `inside` agrees it is where it may be: a regular file, within
/// `limit`, at most `limit` + 1 bytes read; `stamp` is set from the same `fstat`.
fn read_opened(
    file: &std::fs::File,
    limit: Option<Limit>,
    stamp: &mut Option<Stamp>,
    inside: impl FnOnce(&std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<Vec<u8>> {
    let meta = file.metadata()?;
    *stamp = meta.modified().ok().map(|m| (m, meta.len()));
    if !meta.is_file() {
        return Err(not_a_file(&meta.file_type()));
    }
    inside(file)?;
    if let Some(limit) = limit.filter(|l| meta.len() > l.bytes) {
        return Err(limit.exceeded(Some(meta.len())));
    }
    let cap = limit.map_or(u64::MAX, |l| l.bytes.saturating_add(1));
    let mut bytes = Vec::with_capacity(meta.len().min(cap) as usize);
    file.take(cap).read_to_end(&mut bytes)?;
    match limit {
        // It grew after the size was checked.
        Some(limit) if bytes.len() as u64 > limit.bytes => Err(limit.exceeded(None)),
        _ => Ok(bytes),
    }
}

fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: opening a named pipe returns at once instead of waiting for a writer
        // (reads of a regular file are not affected).
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(std::io::Error::other("a symbolic link"));
    }
    options.open(path)
}

/// Where the open file really is, from the kernel (Linux); `None` elsewhere.
fn opened_path(file: &std::fs::File) -> Option<PathBuf> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())).ok()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = file;
        None
    }
}

/// The open was refused: say why in the user's terms (a link, a pipe), else the error as is
/// (`NotFound` stays `NotFound`: a missing `soa.yaml` is no error).
fn explain_open_error(path: &Path, e: std::io::Error) -> std::io::Error {
    if e.kind() == std::io::ErrorKind::NotFound {
        return e;
    }
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return e;
    };
    if meta.file_type().is_symlink() {
        let target = std::fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        let what = match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => "a symbolic link to a folder",
            Ok(_) => "a symbolic link",
            Err(_) => "a symbolic link that leads nowhere (a loop or a missing target)",
        };
        return std::io::Error::other(format!(
            "it is {what} (-> {target}); links are not followed, so that nothing outside the content folder is published: copy or move the file into the content folder instead"
        ));
    }
    if !meta.is_file() {
        return not_a_file(&meta.file_type());
    }
    e
}

fn not_a_file(t: &std::fs::FileType) -> std::io::Error {
    #[cfg(unix)]
    let special = {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            Some("a named pipe (FIFO)")
        } else if t.is_socket() {
            Some("a socket")
        } else if t.is_char_device() || t.is_block_device() {
            Some("a device")
        } else {
            None
        }
    };
    #[cfg(not(unix))]
    let special = None;
    let what = match special {
        Some(what) => what,
        None if t.is_dir() => "a folder",
        None => "a special file",
    };
    std::io::Error::other(format!(
        "it is {what}, not a file; only regular files are read: replace it with the file itself"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_stops_at_the_document_limit() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        for i in 0..4 {
            std::fs::write(tmp.path().join(format!("d{i}.md")), "x").expect("write");
        }
        let tree = WorkTree::new(tmp.path(), &tmp.path().join("site")).expect("tree");
        assert_eq!(tree.walk_limited(4).map(|l| l.documents.len()), Ok(4));
        let err = tree.walk_limited(3).err().expect("over the limit");
        assert!(err.contains("more than 3 Markdown documents"), "{err}");
    }

    /// Runs `read` on another thread: a read that waits (on a pipe) fails the test instead of
    /// hanging it.
    fn without_waiting<T: Send + 'static>(read: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(read());
        });
        rx.recv_timeout(std::time::Duration::from_secs(10))
            .expect("the read returned instead of waiting")
    }

    fn tree_in(dir: &Path) -> WorkTree {
        WorkTree::new(dir, &dir.join("site")).expect("tree")
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_without_waiting_for_a_writer() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        for name in ["pipe.md", "soa.yaml"] {
            let status = std::process::Command::new("mkfifo")
                .arg(tmp.path().join(name))
                .status()
                .expect("mkfifo runs");
            assert!(status.success());
        }
        let tree = Arc::new(tree_in(tmp.path()));
        let t = Arc::clone(&tree);
        let err = without_waiting(move || t.read("pipe.md")).expect_err("a pipe is refused");
        assert!(
            err.to_string()
                .contains("it is a named pipe (FIFO), not a file"),
            "{err}"
        );
        let t = Arc::clone(&tree);
        let limit = Limit {
            bytes: 10,
            what: "soa.yaml is",
            advice: "x",
        };
        let err = without_waiting(move || t.read_limited("soa.yaml", limit)).expect_err("refused");
        assert!(err.to_string().contains("named pipe"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn links_are_refused_at_the_file_and_on_the_way_to_it() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let (root, outside) = (tmp.path().join("root"), tmp.path().join("outside"));
        std::fs::create_dir_all(&root).expect("root");
        std::fs::create_dir_all(&outside).expect("outside");
        std::fs::write(outside.join("secret.md"), "SECRET").expect("write");
        std::os::unix::fs::symlink(outside.join("secret.md"), root.join("link.md")).expect("ln");
        let tree = tree_in(&root);
        let err = tree.read("link.md").expect_err("a link is refused");
        assert!(
            err.to_string().starts_with("it is a symbolic link (-> "),
            "{err}"
        );
        // As if the folder `docs` had been swapped for a link after the walk listed
        // `docs/secret.md`: O_NOFOLLOW sees only the last component, the check after the open
        // sees where the file really is.
        std::os::unix::fs::symlink(&outside, root.join("docs")).expect("ln");
        let err = tree.read("docs/secret.md").expect_err("outside the root");
        assert!(
            err.to_string().contains("it is outside the content folder"),
            "{err}"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn files_are_opened_beneath_the_root_never_through_a_link() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let (root, outside) = (tmp.path().join("root"), tmp.path().join("outside"));
        std::fs::create_dir_all(root.join("a")).expect("root");
        std::fs::create_dir_all(&outside).expect("outside");
        std::fs::write(root.join("a/doc.md"), "inside").expect("write");
        std::fs::write(outside.join("secret.md"), "SECRET").expect("write");
        std::os::unix::fs::symlink(root.join("a"), root.join("inner")).expect("ln");
        std::os::unix::fs::symlink(&outside, root.join("docs")).expect("ln");
        let tree = tree_in(&root);
        // A kernel before 5.6, or a sandbox refusing openat2, leaves every open to the path.
        let kernel_can = rustix::fs::openat2(
            rustix::fs::CWD,
            ".",
            rustix::fs::OFlags::PATH,
            rustix::fs::Mode::empty(),
            rustix::fs::ResolveFlags::empty(),
        )
        .is_ok();
        assert_eq!(tree.open_beneath("a/doc.md").is_some(), kernel_can);
        for through_a_link in ["inner/doc.md", "docs/secret.md", "../outside/secret.md"] {
            assert!(
                tree.open_beneath(through_a_link).is_none(),
                "{through_a_link}"
            );
        }
        // Refused there, they are opened by path and checked: a link within the root is
        // harmless, one out of it is not.
        assert_eq!(tree.read("inner/doc.md").expect("inside"), b"inside");
        let err = tree.read("docs/secret.md").expect_err("outside the root");
        assert!(
            err.to_string().contains("outside the content folder"),
            "{err}"
        );
        let (read, stamp) = tree.read_stamped("a/doc.md");
        assert_eq!(read.expect("read"), b"inside");
        assert_eq!(stamp.map(|(_, len)| len), Some(6));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_root_reached_through_a_new_link_is_not_opened_beneath() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let (ws, other) = (tmp.path().join("ws"), tmp.path().join("other"));
        for (dir, text) in [(&ws, "ours"), (&other, "SECRET")] {
            std::fs::create_dir_all(dir.join("root")).expect("root");
            std::fs::write(dir.join("root/a.md"), text).expect("write");
        }
        let tree = tree_in(&ws.join("root"));
        // After the walk, a folder above the root is swapped for a link elsewhere.
        std::fs::rename(&ws, tmp.path().join("ws-old")).expect("rename");
        std::os::unix::fs::symlink(&other, &ws).expect("ln");
        assert!(tree.open_beneath("a.md").is_none());
        let err = tree.read("a.md").expect_err("elsewhere");
        assert!(
            err.to_string().contains("outside the content folder"),
            "{err}"
        );
    }

    #[test]
    fn the_size_limit_holds_on_what_is_read() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        std::fs::write(tmp.path().join("soa.yaml"), "x".repeat(11)).expect("write");
        std::fs::write(tmp.path().join("ok.yaml"), "x".repeat(10)).expect("write");
        let tree = tree_in(tmp.path());
        let limit = Limit {
            bytes: 10,
            what: "soa.yaml is",
            advice: "shorten it",
        };
        let err = tree.read_limited("soa.yaml", limit).expect_err("over");
        assert!(err.to_string().contains("soa.yaml is limited to"), "{err}");
        assert_eq!(
            tree.read_limited("ok.yaml", limit)
                .expect("at the limit")
                .len(),
            10
        );
        assert_eq!(
            tree.read("missing.md").expect_err("missing").kind(),
            std::io::ErrorKind::NotFound
        );
    }

    #[test]
    fn an_unreadable_folder_is_a_finding_and_the_root_an_error() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let tree = tree_in(tmp.path());
        let denied = |path: PathBuf| ignore::Error::WithDepth {
            depth: 1,
            err: Box::new(ignore::Error::WithPath {
                path,
                err: Box::new(ignore::Error::Io(
                    std::io::ErrorKind::PermissionDenied.into(),
                )),
            }),
        };
        std::fs::create_dir(tmp.path().join("locked")).expect("mkdir");
        let f = tree
            .walk_problem(&denied(tree.root().join("locked")))
            .flatten()
            .expect("a finding");
        assert_eq!(
            (f.code, f.file.as_deref()),
            (Code::UnreadableFile, Some("locked"))
        );
        assert_eq!(f.message, "cannot read folder: permission denied");
        assert!(tree
            .walk_problem(&denied(tree.root().to_path_buf()))
            .is_none());
    }

    #[test]
    fn hidden_names_are_never_content_whatever_gitignore_says() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let write = |rel: &str| {
            let p = tmp.path().join(rel);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, "x").expect("write");
        };
        for rel in [
            ".hidden/doc.md",
            "a/.env",
            "a/.note.md",
            "a/doc.md",
            "a/kept.txt",
        ] {
            write(rel);
        }
        std::fs::write(
            tmp.path().join(".gitignore"),
            "!.hidden/
!.env
!.note.md
",
        )
        .expect("write");
        // `.ignore` is not Git's: it leaves nothing out.
        std::fs::write(
            tmp.path().join(".ignore"),
            "kept.txt
",
        )
        .expect("write");
        let listing = tree_in(tmp.path()).walk().expect("walk");
        assert_eq!(listing.documents, ["a/doc.md"]);
        assert_eq!(listing.files, HashSet::from(["a/kept.txt".to_owned()]));
    }
}
