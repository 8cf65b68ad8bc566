//! `check --format gitlab`: a GitLab Code Quality report (`artifacts: reports: codequality`),
//! the subset of the Code Climate issue format GitLab reads, so findings show in the merge
//! request's Code Quality widget and beside the changed lines of its diff:
//!
//! ```json
//! [{"type": "issue", "check_name": "overdue-review", "description": "review was due …",
//!   "severity": "major", "fingerprint": "3f0c…", "location": {"path": "content/policies/access.md",
//!   "lines": {"begin": 8}}}]
//! ```
//!
//! GitLab compares the report of the merge request with the target branch's by `fingerprint`:
//! a finding whose fingerprint is new is "introduced", one that disappeared is "resolved". So
//! the fingerprint is a hash of the finding's line-independent identity
//! ([`identity_keeping_numbers`]: code, file, document, control, and the message with its day
//! counts folded) and of its occurrence among equal identities, never of its line: inserting a
//! line above a finding leaves it the same finding, an overdue review does not turn into a new
//! finding every day, and covering clause 4.3 resolves that one finding without renumbering
//! the other missing clauses. GitLab shows only one of several issues sharing a fingerprint,
//! hence the occurrence count (two identical broken links in one document).

use super::{
    identity_keeping_numbers, message_with_control, printable, repo_path, FrameworkNames,
    GLOBAL_FILE,
};
use crate::finding::{Finding, Severity};
use serde::Serialize;
use std::collections::HashMap;

/// Names the fingerprint recipe: a change to it must be a new namespace, so old and new reports
/// never compare equal by accident.
const FINGERPRINT_NAMESPACE: &str = "https://github.com/ismsbook/ismsbook/gitlab-code-quality/v1";

#[derive(Serialize)]
struct Issue {
    /// Code Climate requires it; GitLab ignores it.
    #[serde(rename = "type")]
    kind: &'static str,
    check_name: &'static str,
    description: String,
    severity: &'static str,
    fingerprint: String,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
}

/// The report: a JSON array, one issue per finding. `uri_prefix` is the content root's path in
/// the repository (see `repo_prefix`); GitLab matches `location.path` against the repository.
pub fn render(findings: &[Finding], uri_prefix: &str, names: &FrameworkNames) -> String {
    let namespace =
        uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, FINGERPRINT_NAMESPACE.as_bytes());
    let mut seen: HashMap<String, u32> = HashMap::new();
    let issues: Vec<Issue> = findings
        .iter()
        .map(|f| {
            let key = identity_keeping_numbers(f);
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            // SHA-1 based (uuid v5), printed as 32 hex digits like the MD5 sums GitLab's own
            // analysers use; 128 bits leave no practical chance of two findings colliding.
            let fingerprint = uuid::Uuid::new_v5(&namespace, format!("{key}{n}").as_bytes())
                .simple()
                .to_string();
            let (path, line) = match &f.file {
                Some(file) => (repo_path(uri_prefix, file), f.line.unwrap_or(1)),
                None => (repo_path(uri_prefix, GLOBAL_FILE), 1),
            };
            let mut description = match names.label(f) {
                Some(name) => format!("[{name}] {}", message_with_control(f)),
                None => message_with_control(f).into_owned(),
            };
            // The widget shows one line of text and nothing else of ours, so the hint goes in it.
            if let Some(help) = &f.help {
                description.push_str(" (help: ");
                description.push_str(help);
                description.push(')');
            }
            Issue {
                kind: "issue",
                check_name: f.code.as_str(),
                // JSON escapes control characters, but GitLab shows the text to reviewers as it
                // is: escapes and bidi overrides from a user's file are spelled out.
                description: printable(&description).into_owned(),
                severity: severity(f.severity),
                fingerprint,
                location: Location {
                    path,
                    lines: Lines { begin: line.max(1) },
                },
            }
        })
        .collect();
    // Serialising plain structs of strings and numbers cannot fail.
    let mut s = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".to_owned());
    s.push('\n');
    s
}

/// GitLab's scale is info, minor, major, critical, blocker. An error fails the check, so it
/// ranks above warnings (`major`, as ESLint's and other linters' GitLab formatters map errors);
/// `critical` and `blocker` are left to security scanners, which GitLab's widget lists in the
/// same place and which a stale review should not outrank. A note never fails a run: `info`.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Note => "info",
    }
}
