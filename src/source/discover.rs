//! Where documents come from. A working tree today; a Git revision (for `diff`) provides the
//! same small interface.

use crate::error::Error;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

pub trait Source: Sync {
    /// Markdown documents as `/`-separated paths relative to the content root, sorted.
    fn documents(&self) -> Result<Vec<String>, Error>;
    /// Bytes of a file relative to the content root (documents, `soa.yaml`, attachments).
    fn read(&self, rel: &str) -> std::io::Result<Vec<u8>>;
    /// Whether a non-document file exists (link targets such as images).
    fn is_file(&self, rel: &str) -> bool;
    /// Size and modification time, to notice changes cheaply; `None` when unknown.
    fn stamp(&self, _rel: &str) -> Option<Stamp> {
        None
    }
}

/// What identifies a version of a file without reading it: modification time and size.
pub type Stamp = (std::time::SystemTime, u64);

/// The content root on disk, walked with `ignore` so `.gitignore` is honoured.
pub struct WorkTree {
    root: PathBuf,
    /// Folders never read as content: the output and the theme overrides.
    excluded: Vec<PathBuf>,
    /// One walk, done on first use: documents, and the other files links may point at.
    listing: OnceLock<Result<Arc<Listing>, String>>,
}

#[derive(Default)]
pub struct Listing {
    documents: Vec<String>,
    /// Attachments: visible, not ignored, regular files (symlinks are not followed).
    files: HashSet<String>,
}

impl WorkTree {
    pub fn new(root: &Path, output: &Path) -> Result<WorkTree, Error> {
        if !root.is_dir() {
            return Err(Error::NoContentRoot(root.to_path_buf()));
        }
        let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
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
            excluded: vec![output, root.join("theme")],
            root,
            listing: OnceLock::new(),
        })
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
        let excluded = self.excluded.clone();
        // Parent folders' ignore files count only inside a Git work tree, as in Git; elsewhere
        // they would make the result depend on where the folder happens to sit.
        let in_git = self.root.ancestors().any(|dir| dir.join(".git").exists());
        let walker = ignore::WalkBuilder::new(&self.root)
            .hidden(true)
            .git_ignore(true)
            .git_exclude(true)
            // The user's global ignore file would make builds differ between machines.
            .git_global(false)
            // Content roots are often not repository roots (or not in Git at all in tests).
            .require_git(false)
            .parents(in_git)
            .follow_links(false)
            .filter_entry(move |e| !excluded.iter().any(|x| e.path() == x))
            .build();
        let mut listing = Listing::default();
        for entry in walker {
            let entry = entry.map_err(|e| format!("{}: {e}", self.root.display()))?;
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
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
                listing.documents.push(rel);
            } else {
                listing.files.insert(rel);
            }
        }
        listing.documents.sort();
        Ok(listing)
    }
}

impl Listing {
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
        std::fs::read(self.root.join(rel))
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
}
