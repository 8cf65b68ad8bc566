//! Who owns a file, as the repository's CODEOWNERS says (GitHub's rules: the file in
//! `.github/`, else at the top, else in `docs/`; the last rule that matches wins; patterns
//! as in `.gitignore`), turned into an owner of `[owners]` when one has that handle.

use crate::source::discover::{read_regular, Limit};
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What an owner placeholder looks like: `check` flags it (`unknown-owner`), so a document
/// adopted without a known owner is not mistaken for owned.
pub const PLACEHOLDER: &str = "unassigned";

pub struct Codeowners {
    /// Where the file is, relative to the repository's top, for messages.
    pub file: String,
    top: PathBuf,
    /// The content folder inside the repository (`isms/`, or empty).
    prefix: String,
    rules: Vec<Rule>,
}

struct Rule {
    line: u32,
    matcher: Gitignore,
    owners: Vec<String>,
}

impl Codeowners {
    /// The CODEOWNERS of the repository holding `root` (or of `root` itself outside Git);
    /// `None` when there is none. A file that cannot be read is an error to report.
    pub fn find(root: &Path) -> Result<Option<Codeowners>, String> {
        // Canonical, as reading refuses a path that leaves it through a link.
        let root = root
            .canonicalize()
            .map_err(|e| format!("{}: {e}", root.display()))?;
        let top = root
            .ancestors()
            .find(|dir| dir.join(".git").exists())
            .unwrap_or(&root)
            .to_path_buf();
        let prefix = crate::report::repo_prefix(&root);
        for rel in [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"] {
            let path = top.join(rel);
            if std::fs::symlink_metadata(&path).is_err() {
                continue;
            }
            let limit = Limit {
                bytes: 3 * 1024 * 1024,
                what: "CODEOWNERS files are",
                advice: "GitHub reads at most 3 MB of it",
            };
            let bytes =
                read_regular(&top, &path, Some(limit)).map_err(|e| format!("{rel}: {e}"))?;
            let text = String::from_utf8_lossy(&bytes);
            return Ok(Some(Codeowners::parse(&top, &prefix, rel, &text)));
        }
        Ok(None)
    }

    fn parse(top: &Path, prefix: &str, file: &str, text: &str) -> Codeowners {
        let mut rules = Vec::new();
        for (line, raw) in (1u32..).zip(text.lines()) {
            let mut tokens = split(raw.trim()).into_iter();
            let Some(pattern) = tokens.next() else {
                continue;
            };
            // Comments, and negation, which CODEOWNERS does not have.
            if pattern.starts_with('#') || pattern.starts_with('!') {
                continue;
            }
            let owners: Vec<String> = tokens.take_while(|t| !t.starts_with('#')).collect();
            let mut builder = GitignoreBuilder::new(top);
            if builder.add_line(None, &pattern).is_err() {
                continue;
            }
            if let Ok(matcher) = builder.build() {
                rules.push(Rule {
                    line,
                    matcher,
                    owners,
                });
            }
        }
        Codeowners {
            file: file.to_owned(),
            top: top.to_path_buf(),
            prefix: prefix.to_owned(),
            rules,
        }
    }

    /// The first owner of the last rule matching `path` (relative to the content root), and
    /// that rule's line; `None` when no rule matches or the matching one names nobody.
    pub fn owner_of(&self, path: &str) -> Option<(&str, u32)> {
        let full = self.top.join(format!("{}{path}", self.prefix));
        let rule = self.rules.iter().rev().find(|r| {
            r.matcher
                .matched_path_or_any_parents(&full, false)
                .is_ignore()
        })?;
        Some((rule.owners.first()?.as_str(), rule.line))
    }
}

/// A line's words, `\ ` keeping a space inside a pattern.
fn split(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                word.push('\\');
                if let Some(next) = chars.next() {
                    word.push(next);
                }
            }
            c if c.is_whitespace() => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The owner to write for a handle: the `[owners]` name that maps to it, else the handle.
pub fn owner_for_handle(owners: &BTreeMap<String, String>, handle: &str) -> (String, bool) {
    match owners.iter().find(|(_, h)| h.eq_ignore_ascii_case(handle)) {
        Some((name, _)) => (name.clone(), true),
        None => (handle.to_owned(), false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_matching_rule_wins() {
        let top = Path::new("/repo");
        let text = "# comment\n* @acme/all\n/policies/ @acme/security @bob\n*.pdf @docs\npolicies/hr-*.md @acme/hr # people\n/my\\ file.md @x\n/nobody.md\n";
        let c = Codeowners::parse(top, "", "CODEOWNERS", text);
        assert_eq!(c.owner_of("README-x.md"), Some(("@acme/all", 2)));
        assert_eq!(
            c.owner_of("policies/access.md"),
            Some(("@acme/security", 3))
        );
        assert_eq!(c.owner_of("policies/hr-leave.md"), Some(("@acme/hr", 5)));
        assert_eq!(c.owner_of("my file.md"), Some(("@x", 6)));
        assert_eq!(c.owner_of("nobody.md"), None);
        // The content folder inside the repository.
        let c = Codeowners::parse(top, "isms/", "CODEOWNERS", "/isms/policies/ @sec\n");
        assert_eq!(c.owner_of("policies/a.md"), Some(("@sec", 1)));
        assert_eq!(c.owner_of("a.md"), None);
    }

    #[test]
    fn handles_become_owners_of_the_table() {
        let owners = BTreeMap::from([("CISO".to_owned(), "@acme/security".to_owned())]);
        assert_eq!(
            owner_for_handle(&owners, "@Acme/Security"),
            ("CISO".to_owned(), true)
        );
        assert_eq!(
            owner_for_handle(&owners, "@bob"),
            ("@bob".to_owned(), false)
        );
    }
}
