//! A Git revision of the content folder as a [`Source`]: `diff` loads the handbook at two
//! revisions through the same interface the working tree provides, without checking anything
//! out (the repository and its work tree are never touched).

use super::blobs;
use crate::config::{Config, FILE_NAME as CONFIG};
use crate::error::Error;
use crate::source::discover::MAX_DOCUMENT_BYTES;
use crate::source::Source;
use crate::source::SOA_FILE as SOA;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

pub struct GitTree {
    root: PathBuf,
    documents: Vec<String>,
    /// Every other file, by path, with its blob id.
    files: HashMap<String, String>,
    /// Files in hidden folders or with hidden names: never read, but links may name them.
    hidden: HashSet<String>,
    /// Every folder holding a file (`""`, the root, too).
    folders: HashSet<String>,
    /// Contents of the documents, `soa.yaml` and `ismsbook.toml`, read in one batch.
    loaded: HashMap<String, Vec<u8>>,
    /// Documents over [`MAX_DOCUMENT_BYTES`], with their size: not read.
    too_large: HashMap<String, u64>,
    config: Config,
}

impl GitTree {
    /// The content folder `root` (inside a Git work tree) as it was at `commit`.
    pub fn open(root: &Path, commit: &str) -> Result<GitTree, Error> {
        let listing = super::git_raw(
            root,
            &["ls-tree", "-r", "-z", "-l", "--end-of-options", commit],
        )
        .ok_or_else(|| Error::Usage(format!("cannot list the files of commit {commit}")))?;
        // `<mode> <type> <blob> <size>\t<path>`, paths relative to `root` (git runs there).
        let mut too_large = HashMap::new();
        let entries: Vec<(String, String)> = listing
            .split('\0')
            .filter_map(|entry| {
                let (info, path) = entry.split_once('\t')?;
                let mut info = info.split_whitespace();
                let (_mode, kind, blob) = (info.next()?, info.next()?, info.next()?);
                let size: u64 = info.next()?.parse().unwrap_or(0);
                if is_markdown(path) && size > MAX_DOCUMENT_BYTES {
                    too_large.insert(path.to_owned(), size);
                }
                (kind == "blob" && super::is_object_id(blob))
                    .then(|| (path.to_owned(), blob.to_owned()))
            })
            .collect();
        let (hidden, mut entries): (Vec<_>, Vec<_>) = entries
            .into_iter()
            .partition(|(path, _)| path.split('/').any(|part| part.starts_with('.')));
        entries.sort_unstable();

        let mut tree = GitTree {
            root: root.to_path_buf(),
            documents: Vec::new(),
            files: HashMap::new(),
            folders: entries
                .iter()
                .chain(&hidden)
                .flat_map(|(path, _)| {
                    path.match_indices('/')
                        .map(|(i, _)| path[..i].to_owned())
                        .chain([String::new()])
                })
                .collect(),
            hidden: hidden.into_iter().map(|(path, _)| path).collect(),
            loaded: HashMap::new(),
            too_large,
            config: Config::default(),
        };
        // Read like the work tree reads: a document over the size limit is not loaded.
        let wanted: Vec<&(String, String)> = entries
            .iter()
            .filter(|(p, _)| {
                (is_markdown(p) && !tree.too_large.contains_key(p)) || p == CONFIG || p == SOA
            })
            .collect();
        let ids: Vec<&str> = wanted.iter().map(|(_, b)| b.as_str()).collect();
        let mut missing = false;
        blobs::read_each(root, &ids, |i, bytes| match bytes {
            Some(b) => {
                tree.loaded.insert(wanted[i].0.clone(), b);
            }
            None => missing = true,
        })
        .filter(|()| !missing)
        .ok_or_else(|| Error::Usage(format!("cannot read the files of commit {commit}")))?;

        if let Some(text) = tree.loaded.get(CONFIG) {
            tree.config = Config::parse(&String::from_utf8_lossy(text))
                .map_err(|msg| Error::Config {
                    path: PathBuf::from(format!("{}:{CONFIG}", short(commit))),
                    msg,
                })?
                .with_repository_path(|| crate::pipeline::repository_path(root));
        }
        // The same files as a build of that commit would read: not the output, not the theme,
        // not the repository's README.
        let output = format!("{}/", tree.config.output.trim_matches('/'));
        for (path, blob) in entries {
            if path.starts_with(&output) || path.starts_with("theme/") {
                continue;
            }
            if is_markdown(&path) && !path.eq_ignore_ascii_case("readme.md") {
                tree.documents.push(path);
            } else {
                tree.files.insert(path, blob);
            }
        }
        Ok(tree)
    }

    /// `ismsbook.toml` as it was at the commit.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The content folder in the work tree (never read from: only where the repository is).
    pub fn root(&self) -> &Path {
        &self.root
    }
}

fn short(commit: &str) -> &str {
    commit.get(..12).unwrap_or(commit)
}

fn is_markdown(path: &str) -> bool {
    Path::new(path)
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("md"))
}

impl Source for GitTree {
    fn documents(&self) -> Result<Vec<String>, Error> {
        Ok(self.documents.clone())
    }

    fn read(&self, rel: &str) -> std::io::Result<Vec<u8>> {
        if let Some(bytes) = self.loaded.get(rel) {
            return Ok(bytes.clone());
        }
        if let Some(size) = self.too_large.get(rel) {
            return Err(std::io::Error::other(format!(
                "it is {} MB; documents are limited to {} MB: split it into several documents",
                size.div_ceil(1024 * 1024),
                MAX_DOCUMENT_BYTES / (1024 * 1024)
            )));
        }
        let not_found = || std::io::Error::new(std::io::ErrorKind::NotFound, rel.to_owned());
        let blob = self.files.get(rel).ok_or_else(not_found)?;
        let mut out = None;
        blobs::read_each(&self.root, &[blob.as_str()], |_, b| out = b);
        out.ok_or_else(not_found)
    }

    fn is_file(&self, rel: &str) -> bool {
        self.files.contains_key(rel)
    }

    fn find(&self, rel: &str) -> crate::source::Found {
        use crate::source::Found;
        if self.files.contains_key(rel) {
            Found::File
        } else if self.hidden.contains(rel) {
            Found::Hidden
        } else if self.folders.contains(rel) {
            Found::Folder
        } else {
            // Ignored files are not in a commit: as missing there as on the Git host.
            Found::Missing
        }
    }
}

/// Paths of a listing, for tests.
#[cfg(test)]
fn names(tree: &GitTree) -> (Vec<String>, std::collections::HashSet<String>) {
    (tree.documents.clone(), tree.files.keys().cloned().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::git::testing::run;

    #[test]
    fn a_revision_reads_like_a_work_tree_without_touching_it() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path();
        let root = top.join("isms");
        for (path, text) in [
            ("isms/policies/a b.md", "---\nid: A\n---\nold\n"),
            ("isms/README.md", "readme"),
            ("isms/.hidden/x.md", "hidden"),
            ("isms/site/index.md", "output"),
            ("isms/theme/x.md", "theme"),
            ("isms/img/logo.png", "png"),
            ("isms/soa.yaml", "A.5.1: {applicable: true}\n"),
            ("isms/ismsbook.toml", "title = \"Old\"\n"),
            ("outside.md", "not content"),
        ] {
            std::fs::create_dir_all(top.join(path).parent().unwrap()).unwrap();
            std::fs::write(top.join(path), text).unwrap();
        }
        run(top, "2026-03-01", &["init", "-q"]);
        run(top, "2026-03-01", &["add", "-f", "."]);
        run(top, "2026-03-01", &["commit", "-q", "-m", "One"]);
        let first = crate::git::resolve(&root, "HEAD").unwrap();
        std::fs::write(root.join("policies/a b.md"), "new").unwrap();
        std::fs::write(root.join("ismsbook.toml"), "title = \"New\"\n").unwrap();

        let tree = GitTree::open(&root, &first).unwrap();
        let (docs, files) = names(&tree);
        assert_eq!(docs, ["policies/a b.md"]);
        let mut files: Vec<String> = files.into_iter().collect();
        files.sort();
        assert_eq!(
            files,
            ["README.md", "img/logo.png", "ismsbook.toml", "soa.yaml"]
        );
        assert_eq!(
            tree.read("policies/a b.md").unwrap(),
            b"---\nid: A\n---\nold\n"
        );
        assert_eq!(tree.read("img/logo.png").unwrap(), b"png");
        assert!(tree.read("nope.md").is_err());
        assert!(tree.is_file("img/logo.png"));
        assert_eq!(tree.config().title, "Old");
        // The work tree still has the new text.
        assert_eq!(std::fs::read(root.join("policies/a b.md")).unwrap(), b"new");
    }
}
