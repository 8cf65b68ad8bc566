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

/// Documents larger than this are not read: a finding says so, and the rest of the handbook
/// builds (policies are a few dozen kilobytes; a 10 MB one is a mistake or an export).
pub const MAX_DOCUMENT_BYTES: u64 = 10 * 1024 * 1024;

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
        self.walk_limited(MAX_DOCUMENTS)
    }

    fn walk_limited(&self, max_documents: usize) -> Result<Listing, String> {
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
            let Some(file_type) = entry.file_type() else {
                continue;
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
                continue;
            }
            if !file_type.is_file() {
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
                if listing.documents.len() >= max_documents {
                    return Err(format!(
                        "{}: more than {max_documents} Markdown documents; is this the right content folder? (a handbook is limited to {max_documents} documents)",
                        self.root.display()
                    ));
                }
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
        let path = self.root.join(rel);
        let meta = std::fs::symlink_metadata(&path)?;
        if meta.file_type().is_symlink() {
            let target = std::fs::read_link(&path)
                .map(|t| t.display().to_string())
                .unwrap_or_default();
            let what = match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => "a symbolic link to a folder",
                Ok(_) => "a symbolic link",
                Err(_) => "a symbolic link that leads nowhere (a loop or a missing target)",
            };
            return Err(std::io::Error::other(format!(
                "it is {what} (-> {target}); links are not followed, so that nothing outside the content folder is published: copy or move the file into the content folder instead"
            )));
        }
        if meta.len() > MAX_DOCUMENT_BYTES && rel.to_ascii_lowercase().ends_with(".md") {
            return Err(std::io::Error::other(format!(
                "it is {} MB; documents are limited to {} MB: split it into several documents",
                meta.len().div_ceil(1024 * 1024),
                MAX_DOCUMENT_BYTES / (1024 * 1024)
            )));
        }
        std::fs::read(path)
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
}
