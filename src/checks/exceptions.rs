//! Rules over `exceptions.yaml`: every exception approved, and none used past its last day.

use crate::finding::{Code, Finding};
use crate::model::exceptions::FILE_NAME;
use crate::model::exceptions::{Exception, ExceptionState};
use crate::model::Handbook;

fn at(code: Code, e: &Exception, field: &str, message: String) -> Finding {
    let a = e.at(field);
    Finding::at(code, FILE_NAME, a.line, a.column, message)
}

/// The controls an exception deviates from, as written: "A.8.7, csf:PR.PS-05".
fn controls(e: &Exception) -> String {
    if e.controls.is_empty() {
        return "the controls it covers".to_owned();
    }
    e.controls
        .iter()
        .map(|c| c.raw.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `exception-expired` (the day after `expires`) and `exception-expiring-soon` (within
/// `[review] warn_days`, `expires` itself included).
pub fn expiry(hb: &Handbook) -> Vec<Finding> {
    let warn = hb.config.review.warn_days;
    hb.exceptions
        .iter()
        .filter_map(|e| {
            let expires = e.expires?;
            let days = e.days_left(hb.today)?;
            match e.state(hb.today, warn)? {
                ExceptionState::Expired => Some(
                    at(
                        Code::ExceptionExpired,
                        e,
                        "expires",
                        format!(
                            "exception {} expired on {expires}: {} {} in full again",
                            e.id,
                            controls(e),
                            if e.controls.len() == 1 { "applies" } else { "apply" }
                        ),
                    )
                    .help("renew it with a new expires, approver and approved_on, or close it: remove it once the control is in place"),
                ),
                ExceptionState::Expiring => Some(
                    at(
                        Code::ExceptionExpiringSoon,
                        e,
                        "expires",
                        format!(
                            "exception {} expires on {expires} ({})",
                            e.id,
                            match days {
                                0 => "today is its last valid day".to_owned(),
                                1 => "1 day left".to_owned(),
                                n => format!("{n} days left"),
                            }
                        ),
                    )
                    .help("renew it with a new expires and approval, or plan to close it before then"),
                ),
                ExceptionState::Active => None,
            }
        })
        .collect()
}

/// `exception-unapproved`: no `approver` or no `approved_on`.
pub fn unapproved(hb: &Handbook) -> Vec<Finding> {
    hb.exceptions
        .iter()
        .filter_map(|e| {
            // A date that is not one is already `invalid-exception`.
            let missing: Vec<&str> = [
                ("approver", e.approver.is_none()),
                (
                    "approved_on",
                    e.approved_on.is_none() && !e.written("approved_on"),
                ),
            ]
            .into_iter()
            .filter_map(|(k, m)| m.then_some(k))
            .collect();
            if missing.is_empty() {
                return None;
            }
            Some(
                at(
                    Code::ExceptionUnapproved,
                    e,
                    "id",
                    format!(
                        "exception {} is not approved: {} {} missing",
                        e.id,
                        missing.join(" and "),
                        if missing.len() > 1 { "are" } else { "is" }
                    ),
                )
                .help("have the deviation approved and write who (approver) and when (approved_on, YYYY-MM-DD), or close the exception"),
            )
        })
        .collect()
}
