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
        assert!(history(dir.path()).is_none());
    }

    #[test]
    fn history_of_files_in_a_subfolder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let run = |args: &[&str]| {
            let ok = Command::new("git")
                .args([
                    "-c",
                    "user.name=Ann Author",
                    "-c",
                    "user.email=a@example.com",
                ])
                .args(args)
                .current_dir(root)
                .env("GIT_COMMITTER_DATE", "2026-03-01T10:00:00Z")
                .env("GIT_AUTHOR_DATE", "2026-03-01T10:00:00Z")
                .status()
                .unwrap()
                .success();
            assert!(ok, "git {args:?}");
        };
        std::fs::create_dir_all(root.join("isms/policies")).unwrap();
        std::fs::write(root.join("isms/policies/a.md"), "one").unwrap();
        std::fs::write(root.join("other.txt"), "x").unwrap();
        run(&["init", "-q"]);
        run(&["add", "."]);
        run(&["commit", "-q", "-m", "First version"]);
        std::fs::write(root.join("isms/policies/a.md"), "two").unwrap();
        run(&["commit", "-q", "-am", "Tighten access rules"]);
        let h = history(&root.join("isms")).unwrap();
        let revs = h.of("policies/a.md");
        let subjects: Vec<&str> = revs.iter().map(|r| r.subject.as_str()).collect();
        assert_eq!(subjects, ["Tighten access rules", "First version"]);
        assert_eq!(revs[0].author, "Ann Author");
        assert_eq!(revs[0].date, jiff::civil::date(2026, 3, 1));
        assert!(h.of("other.txt").is_empty(), "outside the content folder");
        assert!(!h.shallow);
    }
}

/// One commit that changed a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// Abbreviated commit hash.
    pub commit: String,
    pub date: jiff::civil::Date,
    pub author: String,
    pub subject: String,
}

/// Which commits changed each file of the content folder, newest first, from one `git log`.
#[derive(Debug, Default)]
pub struct History {
    by_path: std::collections::HashMap<String, Vec<std::sync::Arc<Revision>>>,
    /// A shallow clone (CI's default): older history is missing.
    pub shallow: bool,
}

impl History {
    /// Revisions of `path` (relative to the content root), newest first.
    pub fn of(&self, path: &str) -> &[std::sync::Arc<Revision>] {
        self.by_path
            .get(path)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}

/// The history of the content folder, or `None` outside Git. One `git log` pass over the
/// first-parent line (merges count as the change they bring), paths relative to the content
/// folder.
pub fn history(root: &Path) -> Option<History> {
    let log = git_raw(
        root,
        &[
            "log",
            "-z",
            "--first-parent",
            "--no-renames",
            "--relative",
            "--format=%x1e%h%x1f%ct%x1f%an%x1f%s",
            "--name-only",
            "--",
            ".",
        ],
    )?;
    let mut history = History {
        shallow: git(root, &["rev-parse", "--is-shallow-repository"]).as_deref() == Some("true"),
        ..History::default()
    };
    for record in log.split('\u{1e}').filter(|r| !r.is_empty()) {
        let (header, files) = record.split_once('\0').unwrap_or((record, ""));
        let mut fields = header.splitn(4, '\u{1f}');
        let (Some(commit), Some(time), Some(author), Some(subject)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let Some(date) = time
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| jiff::Timestamp::from_second(s).ok())
            .map(|t| t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
        else {
            continue;
        };
        let rev = std::sync::Arc::new(Revision {
            commit: commit.to_owned(),
            date,
            author: author.to_owned(),
            subject: subject.to_owned(),
        });
        for file in files
            .split('\0')
            .map(|f| f.trim_start_matches('\n'))
            .filter(|f| !f.is_empty())
        {
            history
                .by_path
                .entry(file.to_owned())
                .or_default()
                .push(std::sync::Arc::clone(&rev));
        }
    }
    Some(history)
}

/// Like `git`, without trimming (the log is NUL-separated).
fn git_raw(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
