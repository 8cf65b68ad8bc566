//! `check --format json` and `OUT/findings.json`: the object documented in DESIGN.md.

use crate::finding::{count, Finding};
use crate::model::Handbook;
use serde::Serialize;

#[derive(Serialize)]
struct Report<'a> {
    findings: &'a [Finding],
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    documents: usize,
    controls: usize,
}

pub fn render(findings: &[Finding], hb: &Handbook) -> String {
    let c = count(findings);
    let report = Report {
        findings,
        summary: Summary {
            errors: c.errors,
            warnings: c.warnings,
            documents: hb.documents.len(),
            controls: hb.catalog.controls.len(),
        },
    };
    // Serialising plain structs of strings and numbers cannot fail.
    let mut s = serde_json::to_string_pretty(&report).unwrap_or_default();
    s.push('\n');
    s
}
