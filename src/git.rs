//! What Git says about the content repository. Uses the `git` program (one call per fact,
//! not per file); a folder outside Git, or a machine without `git`, simply has no answers.

use std::path::Path;
use std::process::Command;

fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// The commit the handbook is built from (`3f2a9c1d07be`), marked when the content folder has
/// uncommitted changes, so a printed SoA says exactly which version it shows.
pub fn version(root: &Path) -> Option<String> {
    let commit = git(root, &["rev-parse", "--short=12", "HEAD"]).filter(|c| !c.is_empty())?;
    let dirty = git(
        root,
        &["status", "--porcelain", "--untracked-files=no", "--", "."],
    )
    .is_some_and(|s| !s.is_empty());
    Some(if dirty {
        format!("{commit} (with uncommitted changes)")
    } else {
        commit
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_version_outside_git() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(version(dir.path()), None);
    }
}
