//! Finding formats. Each takes the sorted findings and returns text; none decides exit codes.

pub mod github;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;

use crate::finding::Finding;
use std::borrow::Cow;

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
    #[test]
    fn printable_spells_out_escapes_and_invisible_characters() {
        assert_eq!(super::printable("policies/a b-ü.md"), "policies/a b-ü.md");
        assert_eq!(
            super::printable("x\u{1b}[2Jy\u{202e}txt.md\u{200b}\tz"),
            "x\\u{1b}[2Jy\\u{202e}txt.md\\u{200b}\tz"
        );
    }
}
