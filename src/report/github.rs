//! `check --format github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request's changed files:
//!
//! ```text
//! ::error file=content/policies/access.md,line=8,col=1,title=ismsbook overdue-review::review was due on 2025-06-01%0Ahelp: review it
//! ::warning title=ismsbook unmapped-control::A.5.15 Access control is applicable but no approved document implements it
//! ::warning title=ismsbook unmapped-control [NIST CSF 2.0]::csf:PR.AA-01 is applicable but …
//! ```
//!
//! The title names the framework of a finding about a control when the handbook declares
//! frameworks beyond Annex A ([`FrameworkNames`]).
//!
//! GitHub shows only 10 annotations per level per step (50 per job), so CI should also post the
//! Markdown summary (`report::markdown`).

use super::{message_with_control, printable, printable_lines, repo_path, FrameworkNames};
use crate::finding::{Finding, Severity};
use std::fmt::Write;

pub fn render(findings: &[Finding], uri_prefix: &str, names: &FrameworkNames) -> String {
    let mut out = String::new();
    for f in findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut props = Vec::new();
        if let Some(file) = &f.file {
            // The path as the file system has it, unless it holds characters that could spoof
            // the log (such a name cannot be annotated anyway).
            let path = repo_path(uri_prefix, file);
            props.push(format!("file={}", property(&printable(&path))));
            if let Some(line) = f.line {
                props.push(format!("line={line}"));
                if let Some(col) = f.column {
                    props.push(format!("col={col}"));
                }
            }
        }
        let title = match names.label(f) {
            Some(name) => format!("ismsbook {} [{name}]", f.code),
            None => format!("ismsbook {}", f.code),
        };
        props.push(format!("title={}", property(&printable(&title))));
        let mut message = message_with_control(f).into_owned();
        if let Some(help) = &f.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = writeln!(
            out,
            "::{command} {}::{}",
            props.join(","),
            data(&printable_lines(&message))
        );
    }
    out
}

/// Escaping for the message part: the runner splits commands on newlines and decodes `%XX`.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Property values are also split on `,` and ended by `::`.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}
