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
