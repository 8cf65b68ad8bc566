//! Finding formats. Each takes the sorted findings and returns text; none decides exit codes.

pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;

use crate::config::{ANNEX_A_ID, ANNEX_A_NAME};
use crate::finding::Finding;
use crate::model::Handbook;
use std::borrow::Cow;

/// The display names of the frameworks a handbook declares, for the formats that name the
/// framework of a finding about a control. Annex A is named only beside declared frameworks:
/// alone, its bare ids are unambiguous, and the reports stay as they always were.
#[derive(Debug, Clone, Default)]
pub struct FrameworkNames {
    /// `(prefix, name)` of every declared framework.
    declared: Vec<(String, String)>,
}

impl FrameworkNames {
    pub fn new(declared: impl IntoIterator<Item = (String, String)>) -> FrameworkNames {
        let mut names = FrameworkNames::default();
        for (id, name) in declared {
            if !names
                .declared
                .iter()
                .any(|(d, _)| d.eq_ignore_ascii_case(&id))
            {
                names.declared.push((id, name));
            }
        }
        names
    }

    /// The frameworks `hb` declares.
    pub fn of(hb: &Handbook) -> FrameworkNames {
        FrameworkNames::new(
            hb.frameworks
                .list
                .iter()
                .map(|f| (f.id.clone(), f.name.clone())),
        )
    }

    /// What to call the framework of `f`'s control: its declared name, Annex A's name, or the
    /// prefix itself when no framework of that prefix is declared. `None` when the finding is
    /// about no control, or about an Annex A control while no other framework is declared.
    pub fn label<'a>(&'a self, f: &'a Finding) -> Option<&'a str> {
        let fw = f.framework.as_deref()?;
        if fw.eq_ignore_ascii_case(ANNEX_A_ID) {
            return (!self.declared.is_empty()).then_some(ANNEX_A_NAME);
        }
        Some(
            self.declared
                .iter()
                .find(|(id, _)| id.eq_ignore_ascii_case(fw))
                .map_or(fw, |(_, name)| name.as_str()),
        )
    }

    /// Whether any of `findings` gets a framework named.
    pub fn any(&self, findings: &[Finding]) -> bool {
        findings.iter().any(|f| self.label(f).is_some())
    }
}

/// A finding's file as a path from the repository root: `uri_prefix` (the content root inside
/// the repository, `""` when it is the root) joined to the content-relative `file`.
/// Shared by the PR-facing formats, whose consumers resolve paths against the repository.
pub fn repo_path(uri_prefix: &str, file: &str) -> String {
    let prefix = uri_prefix.replace('\\', "/");
    let prefix = prefix.trim_start_matches("./");
    let file = file.trim_start_matches("./");
    if prefix.is_empty() || prefix == "." {
        file.to_owned()
    } else if prefix.ends_with('/') {
        format!("{prefix}{file}")
    } else {
        format!("{prefix}/{file}")
    }
}

/// Characters that change how text around them looks without being seen themselves: bidi
/// embeddings, overrides and isolates (Trojan Source), zero-width spaces and joiners, marks.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061c}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// Text from the ISMS (file names, titles, source lines) as it may reach a terminal, a CI log or
/// a pull-request comment: control characters (an ESC sequence could rewrite the log) and
/// invisible formatting characters (bidi overrides reorder what a reviewer reads) are spelled
/// out as `\u{1b}`. Tabs are kept.
pub fn printable(s: &str) -> Cow<'_, str> {
    spelled(s, |c| (c.is_control() && c != '\t') || is_invisible(c))
}

/// Like [`printable`], keeping line breaks (for formats that encode them themselves).
pub fn printable_lines(s: &str) -> Cow<'_, str> {
    spelled(s, |c| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || is_invisible(c)
    })
}

fn spelled(s: &str, hidden: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(&hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if hidden(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The content root's path inside its Git repository, with a trailing `/` (`""` at the top or
/// outside Git): CI formats report files relative to the repository root.
pub fn repo_prefix(root: &std::path::Path) -> String {
    let Ok(root) = root.canonicalize() else {
        return String::new();
    };
    let Some(top) = root.ancestors().find(|dir| dir.join(".git").exists()) else {
        return String::new();
    };
    let rel = root.strip_prefix(top).unwrap_or(std::path::Path::new(""));
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("{}/", parts.join("/"))
    }
}

/// Where the CI formats put whole-ISMS findings (unmapped controls, missing clauses): code
/// scanning and GitLab reject a result without a file, and the configuration is where the
/// ISMS as a whole is declared.
pub const GLOBAL_FILE: &str = "ismsbook.toml";

/// What makes a finding the same finding in the next run, for the formats whose consumers
/// track findings across runs: code, file, document, control and message, each ended by a NUL.
/// Line numbers are left out (editing above a finding must not re-open it).
///
/// This is SARIF's recipe, which folds every digit run of the message to `0` ("546 days ago"
/// changes daily); it stays as it is, because changing it would re-key every open code-scanning
/// alert. Folding all digits makes the 13 "no document declares clause …" findings one
/// identity, told apart only by their occurrence count; [`identity_keeping_numbers`] avoids
/// that. Equal identities in one run are told apart by the caller with an occurrence count.
pub fn identity(f: &Finding) -> String {
    identity_with(f, |message, out| {
        let mut in_digits = false;
        for ch in message.chars() {
            if ch.is_ascii_digit() {
                if !in_digits {
                    out.push('0');
                }
                in_digits = true;
            } else {
                out.push(ch);
                in_digits = false;
            }
        }
    })
}

/// Like [`identity`], folding only the numbers that change with the day of the run (a number
/// of days: "546 days ago", "in 3 days", "11 days left"): clause numbers, control ids and
/// dates keep findings apart, so resolving one finding does not renumber the others.
pub fn identity_keeping_numbers(f: &Finding) -> String {
    identity_with(f, |message, out| {
        let mut rest = message;
        while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
            out.push_str(&rest[..start]);
            let end = rest[start..]
                .find(|c: char| !c.is_ascii_digit())
                .map_or(rest.len(), |n| start + n);
            let after = &rest[end..];
            if after.starts_with(" day") {
                out.push('0');
            } else {
                out.push_str(&rest[start..end]);
            }
            rest = after;
        }
        out.push_str(rest);
    })
}

fn identity_with(f: &Finding, message: impl Fn(&str, &mut String)) -> String {
    let mut out = String::with_capacity(f.message.len() + 64);
    for part in [
        f.code.as_str(),
        f.file.as_deref().unwrap_or(""),
        f.document.as_deref().unwrap_or(""),
        f.control.as_deref().unwrap_or(""),
    ] {
        out.push_str(part);
        out.push('\0');
    }
    message(&f.message, &mut out);
    out.push('\0');
    out
}

/// A whole-ISMS finding has no file to point at, so its control must be in the text; most
/// messages already name it.
pub fn message_with_control(f: &Finding) -> Cow<'_, str> {
    match (&f.file, &f.control) {
        (None, Some(c)) if !f.message.contains(c.as_str()) => {
            Cow::Owned(format!("{c}: {}", f.message))
        }
        _ => Cow::Borrowed(&f.message),
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::{Code, Finding};

    #[test]
    fn identities_fold_day_counts_and_sarif_folds_every_number() {
        let at = |msg: &str| Finding::at(Code::OverdueReview, "p.md", 8, 1, msg);
        let a = at("review was due on 2025-06-01 (546 days ago)");
        let b = at("review was due on 2025-06-01 (547 days ago)");
        let c = at("review was due on 2025-07-01 (547 days ago)");
        assert_eq!(
            super::identity_keeping_numbers(&a),
            super::identity_keeping_numbers(&b)
        );
        assert_ne!(
            super::identity_keeping_numbers(&a),
            super::identity_keeping_numbers(&c)
        );
        assert!(super::identity_keeping_numbers(&a).contains("2025-06-01 (0 days ago)"));
        assert_eq!(super::identity(&a), super::identity(&c));
        let clause = |n: &str| {
            Finding::global(
                Code::MissingMandatoryDocument,
                format!("no document declares clause {n}"),
            )
        };
        assert_ne!(
            super::identity_keeping_numbers(&clause("4.3")),
            super::identity_keeping_numbers(&clause("5.2"))
        );
        assert_eq!(
            super::identity(&clause("4.3")),
            super::identity(&clause("5.2"))
        );
        // Multi-byte text around numbers is kept whole.
        assert!(super::identity_keeping_numbers(&at("é12 days 🔐3")).ends_with("é0 days 🔐3\0"));
    }
    #[test]
    fn printable_spells_out_escapes_and_invisible_characters() {
        assert_eq!(super::printable("policies/a b-ü.md"), "policies/a b-ü.md");
        assert_eq!(
            super::printable("x\u{1b}[2Jy\u{202e}txt.md\u{200b}\tz"),
            "x\\u{1b}[2Jy\\u{202e}txt.md\\u{200b}\tz"
        );
    }
}
