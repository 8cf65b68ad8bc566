//! `check --format json` and `OUT/findings.json`: the object documented in the README
//! ("Findings").

use crate::finding::{count_refs, Finding};
use crate::model::Handbook;
use serde::Serialize;

#[derive(Serialize)]
struct Report<'a> {
    findings: &'a [&'a Finding],
    summary: FindingsSummary,
}

#[derive(Serialize)]
struct FindingsSummary {
    errors: usize,
    warnings: usize,
    /// Only when there are notes, so the object stays as documented otherwise.
    #[serde(skip_serializing_if = "is_zero")]
    notes: usize,
    documents: usize,
    controls: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

pub fn render(findings: &[&Finding], hb: &Handbook) -> String {
    let c = count_refs(findings);
    let report = Report {
        findings,
        summary: FindingsSummary {
            errors: c.errors,
            warnings: c.warnings,
            notes: c.notes,
            documents: hb.documents.len(),
            controls: hb.catalog.controls.len(),
        },
    };
    // Serialising plain structs of strings and numbers cannot fail.
    let mut s = serde_json::to_string_pretty(&report).unwrap_or_default();
    s.push('\n');
    s
}
