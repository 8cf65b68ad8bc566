//! The handbook at a Git revision, read from the repository's objects, and `ismsbook diff`
//! between two of them (or one and the working tree).

use super::read::{self, Loaded};
use super::Context;
use crate::error::Error;
use crate::model::Handbook;
use crate::source::Source;
use crate::{checks, diff, git};
use rayon::prelude::*;
use std::path::Path;

/// The handbook as it was at a Git commit of the content folder (for `diff`): read from the
/// repository's objects, with the history up to that commit, nothing checked out.
pub fn load_revision(
    root: &Path,
    commit: &str,
    today: jiff::civil::Date,
) -> Result<Handbook, Error> {
    load_tree(&git::GitTree::open(root, commit)?, commit, today)
}

/// The handbook read from `tree`, the content folder at `commit`.
pub(super) fn load_tree(
    tree: &git::GitTree,
    commit: &str,
    today: jiff::civil::Date,
) -> Result<Handbook, Error> {
    let root = tree.root();
    let paths = tree.documents()?;
    let (log, loaded) = rayon::join(
        || git::Log::read(root, Some(commit)),
        || -> Vec<Loaded> {
            paths
                .par_iter()
                .map(|p| read::read_document(tree, p))
                .collect()
        },
    );
    let (docs, load_findings) = read::split(loaded.iter(), Vec::new());
    // Every document was read from this very commit: its newest version is the one loaded.
    let history = log.and_then(|log| read::resolve_history(log, root, &docs, &|_| true));
    let read = super::Read {
        docs,
        findings: load_findings,
        history,
    };
    super::assemble(tree, tree.config().clone(), today, read, &|_| Vec::new())
}

/// `build|check --as-of`: the handbook as committed at `as_of.commit`, read through the same
/// [`Source`] as `diff`, nothing read from the work tree but where the repository is. The site
/// goes to `output`, else to the `output` that commit's `ismsbook.toml` configured.
pub fn load_as_of(
    root: &Path,
    output: Option<&Path>,
    as_of: super::AsOf,
    today: jiff::civil::Date,
) -> Result<super::Project, Error> {
    if !root.is_dir() {
        return Err(Error::NoContentRoot(root.to_path_buf()));
    }
    read::refuse_git_directory(root)?;
    let tree = git::GitTree::open(root, &as_of.commit)?;
    let handbook = load_tree(&tree, &as_of.commit, today)?;
    let output = match output {
        Some(o) => o.to_path_buf(),
        None => root.join(&handbook.config.output),
    };
    Ok(super::Project {
        handbook,
        source: super::ProjectSource::Revision(Box::new(tree)),
        output,
        as_of: Some(as_of),
    })
}

/// `ismsbook diff`: the handbook at `base` compared with `head` (a revision, else the working
/// tree), both checked as of the same day.
pub fn diff_revisions(
    root: &Path,
    base: &str,
    head: Option<&str>,
    day: jiff::civil::Date,
) -> Result<diff::Diff, Error> {
    if !root.is_dir() {
        return Err(Error::NoContentRoot(root.to_path_buf()));
    }
    let base_commit = git::resolve(root, base).map_err(Error::Usage)?;
    let head_commit = head
        .map(|h| git::resolve(root, h).map_err(Error::Usage))
        .transpose()?;
    let (before, after) = rayon::join(
        || load_revision(root, &base_commit, day),
        || -> Result<Handbook, Error> {
            match &head_commit {
                Some(commit) => load_revision(root, commit, day),
                None => Ok(super::load(&Context::new(root, None, day)?)?.handbook),
            }
        },
    );
    let (before, after) = (before?, after?);
    let (base_findings, head_findings) =
        rayon::join(|| checks::run(&before), || checks::run(&after));
    Ok(diff::compare(
        &diff::Input {
            revision: diff::Revision {
                rev: base.to_owned(),
                commit: Some(base_commit),
            },
            handbook: &before,
            findings: &base_findings,
        },
        &diff::Input {
            revision: diff::Revision {
                rev: head.unwrap_or("working tree").to_owned(),
                commit: head_commit,
            },
            handbook: &after,
            findings: &head_findings,
        },
    ))
}
