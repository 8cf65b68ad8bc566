//! Where documents come from. A working tree today; a Git revision (for `diff`) provides the
//! same small interface.

use crate::error::Error;
use std::path::{Path, PathBuf};

pub trait Source: Sync {
    /// Markdown documents as `/`-separated paths relative to the content root, sorted.
    fn documents(&self) -> Result<Vec<String>, Error>;
    /// Bytes of a file relative to the content root (documents, `soa.yaml`, attachments).
    fn read(&self, rel: &str) -> std::io::Result<Vec<u8>>;
    /// Whether a non-document file exists (link targets such as images).
    fn is_file(&self, rel: &str) -> bool;
}

/// The content root on disk, walked with `ignore` so `.gitignore` is honoured.
pub struct WorkTree {
    root: PathBuf,
    /// Folders never read as content: the output and the theme overrides.
    excluded: Vec<PathBuf>,
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
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn rel_path(&self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(&self.root).ok()?;
        let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
        Some(parts?.join("/"))
    }
}

impl Source for WorkTree {
    fn documents(&self) -> Result<Vec<String>, Error> {
        let excluded = self.excluded.clone();
        let walker = ignore::WalkBuilder::new(&self.root)
            .hidden(true)
            .git_ignore(true)
            .git_exclude(true)
            // The user's global ignore file would make builds differ between machines.
            .git_global(false)
            // Content roots are often not repository roots (or not in Git at all in tests).
            .require_git(false)
            .follow_links(false)
            .filter_entry(move |e| !excluded.iter().any(|x| e.path() == x))
            .build();
        let mut docs = Vec::new();
        for entry in walker {
            let entry = entry.map_err(|e| Error::Io {
                path: self.root.clone(),
                source: std::io::Error::other(e.to_string()),
            })?;
            let is_md = entry.file_type().is_some_and(|t| t.is_file())
                && entry
                    .path()
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("md"));
            if !is_md {
                continue;
            }
            let Some(rel) = self.rel_path(entry.path()) else {
                return Err(Error::Usage(format!(
                    "{}: file names must be valid UTF-8",
                    entry.path().display()
                )));
            };
            // The repository's own README is for the Git host, not the handbook.
            if rel.eq_ignore_ascii_case("readme.md") {
                continue;
            }
            docs.push(rel);
        }
        docs.sort();
        Ok(docs)
    }

    fn read(&self, rel: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(self.root.join(rel))
    }

    fn is_file(&self, rel: &str) -> bool {
        let p = self.root.join(rel);
        // Never hand out files outside the root through a symlink.
        p.canonicalize()
            .is_ok_and(|c| c.starts_with(&self.root) && c.is_file())
    }
}
