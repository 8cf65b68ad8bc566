//! Rules over the Git history of approved documents: a changed text needs a new `version`
//! (ISO/IEC 27001 7.5.3) and a new approval (7.5.2). Review dates and other metadata may change
//! freely. Comparisons use [`Fingerprint`]s, so the working tree counts as the newest change.

use crate::finding::{Code, Finding};
use crate::git::{Change, FileHistory, Fingerprint};
use crate::model::{Document, Handbook};
use crate::source::SourceDoc;
use rayon::prelude::*;

pub fn changes(hb: &Handbook) -> Vec<Finding> {
    let Some(history) = &hb.history else {
        return Vec::new();
    };
    hb.documents
        .par_iter()
        .filter(|d| d.is_approved())
        .flat_map_iter(|d| {
            let file = history.of(&d.src.path);
            let mut out = Vec::new();
            let Some(head) = file.head() else {
                // Not committed yet: nothing to compare with.
                return out;
            };
            let now = if file.worktree_is_head {
                head.clone()
            } else {
                Fingerprint::of_doc(&d.src)
            };
            out.extend(version_bump(d, file, head, &now));
            out.extend(approval(d, file, head, &now));
            out
        })
        .collect()
}

/// The body or controls differ from the commit that set the current version.
fn version_bump(
    d: &Document,
    file: &FileHistory,
    head: &Fingerprint,
    now: &Fingerprint,
) -> Option<Finding> {
    let version = now.version.as_deref()?;
    if now.version != head.version {
        return None; // being raised in the working tree
    }
    let set = file.version_set()?;
    let then = set.state.as_ref()?;
    if !now.content_differs(then) {
        return None;
    }
    let what = match (now.body_differs(then), now.controls != then.controls) {
        (true, true) => "the body and the controls changed",
        (false, true) => "the controls changed",
        _ => "the body changed",
    };
    let (line, column) = key_position(&d.src, "version");
    let help = match next_version(version) {
        Some(next) => format!("raise `version` (to \"{next}\", say) or revert the change; changes of review dates need no new version"),
        None => "raise `version` or revert the change; changes of review dates need no new version".to_owned(),
    };
    Some(
        Finding::at(
            Code::ChangedWithoutVersionBump,
            &d.src.path,
            line,
            column,
            format!(
                "{what} since version {version} was set in commit {} ({}), but `version` is still {version}",
                set.commit.short(),
                set.commit.date
            ),
        )
        .document(&d.id)
        .help(help),
    )
}

/// The content changed after `approved_on`, in a change the approval does not cover.
fn approval(
    d: &Document,
    file: &FileHistory,
    head: &Fingerprint,
    now: &Fingerprint,
) -> Option<Finding> {
    let approved_on = now.approved_on?;
    if now.approved_on != head.approved_on {
        return None; // being approved again in the working tree
    }
    let message = if now.content_differs(head) {
        format!(
            "approved on {approved_on}, but the content has changed since (uncommitted changes)"
        )
    } else {
        // A change committed together with the approval (a merged pull request) is covered
        // by it, whatever the commit's date.
        let late: &Change = file
            .changes_since_approval()
            .find(|c| c.commit.date > approved_on)?;
        format!(
            "approved on {approved_on}, but the content changed on {} in commit {} (\"{}\")",
            late.commit.date,
            late.commit.short(),
            late.commit.subject
        )
    };
    let (line, column) = key_position(&d.src, "approved_on");
    Some(
        Finding::at(Code::ApprovalStale, &d.src.path, line, column, message)
            .document(&d.id)
            .help("have the changed document approved again, then update `approved_on` and `approver`"),
    )
}

/// Where a top-level front-matter key is written (the first line when it cannot be found).
fn key_position(src: &SourceDoc, key: &str) -> (u32, u32) {
    let front = &src.text[..src.body_offset];
    front
        .lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or((1, 1), |i| (i as u32 + 1, 1))
}

/// `1.2` → `1.3`, `2` → `3`: a suggestion for the next version, when the scheme is numeric.
fn next_version(v: &str) -> Option<String> {
    let (head, last) = match v.rsplit_once('.') {
        Some((head, last)) => (Some(head), last),
        None => (None, v),
    };
    let next = last.parse::<u64>().ok()?.checked_add(1)?;
    Some(match head {
        Some(head) => format!("{head}.{next}"),
        None => next.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::next_version;

    #[test]
    fn next_versions() {
        assert_eq!(next_version("1.2").as_deref(), Some("1.3"));
        assert_eq!(next_version("1.9").as_deref(), Some("1.10"));
        assert_eq!(next_version("3").as_deref(), Some("4"));
        assert_eq!(next_version("2.0.1").as_deref(), Some("2.0.2"));
        assert_eq!(next_version("draft"), None);
        assert_eq!(next_version("1.2-rc"), None);
    }
}
