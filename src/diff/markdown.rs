//! `diff --format markdown`: a pull-request comment. The verdict is the title; documents,
//! controls and findings follow, each section only when it has something to say.
//!
//! Titles, ids and messages come from the ISMS and GitHub renders HTML in comments, so every
//! such text goes through the same escaping as `check --format markdown`.

use super::{ChangeKind, Diff, DocChange, FrameworkCoverage, Outcome};
use crate::report::markdown::{cell, code_span, plural, table, Column};
use crate::report::FrameworkNames;
use serde_json::Value;
use std::fmt::Write;

/// Rows listed per table; a GitHub comment holds at most 65,536 characters.
const LISTED: usize = 100;

pub fn render(diff: &Diff, uri_prefix: &str) -> String {
    let mut out = String::new();
    let icon = match diff.outcome {
        Outcome::Ok => "✅",
        Outcome::Warnings => "⚠️",
        Outcome::Errors => "❌",
    };
    let _ = writeln!(out, "### ismsbook diff: {icon} {}\n", cell(&diff.verdict));
    let name = |r: &super::Revision| match &r.commit {
        Some(c) => format!(
            "{} ({})",
            code_span(&r.rev),
            code_span(c.get(..12).unwrap_or(c))
        ),
        None => cell(&r.rev),
    };
    let _ = writeln!(
        out,
        "Comparing {} with {}: {} → {}, {} → {}.",
        name(&diff.base.revision),
        name(&diff.head.revision),
        plural(diff.base.documents, "document"),
        diff.head.documents,
        plural(diff.base.errors, "error"),
        diff.head.errors,
    );

    if !diff.documents.is_empty() {
        out.push_str("\n#### Documents\n\n| Change | Document | What changed |\n|---|---|---|\n");
        for d in diff.documents.iter().take(LISTED) {
            let _ = writeln!(
                out,
                "| {} | **{}** {}<br>{} | {} |",
                kind(d.change),
                cell(&d.id),
                cell(&d.title),
                code_span(&format!("{uri_prefix}{}", d.path)),
                what_changed(d, uri_prefix)
            );
        }
        more(&mut out, diff.documents.len(), "document");
    }

    let c = &diff.controls;
    let (b, h) = (diff.base.coverage, diff.head.coverage);
    if b != h || !c.newly_mapped.is_empty() || !c.unmapped.is_empty() || !c.applicability.is_empty()
    {
        out.push_str("\n#### Controls\n\n");
        let _ = writeln!(
            out,
            "Coverage: {} of {} applicable controls implemented → {} of {}.\n",
            b.implemented, b.applicable, h.implemented, h.applicable
        );
        for (label, list) in [
            (
                "No longer implemented by any approved document",
                &c.unmapped,
            ),
            ("Newly implemented", &c.newly_mapped),
        ] {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "**{label}:**\n");
            for r in list.iter().take(LISTED) {
                let _ = writeln!(
                    out,
                    "- **{}** {} ({})",
                    cell(&r.id),
                    cell(&r.title),
                    r.documents
                        .iter()
                        .map(|d| cell(d))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            more(&mut out, list.len(), "control");
            out.push('\n');
        }
        if !c.applicability.is_empty() {
            out.push_str("**Statement of Applicability:**\n\n");
            for a in c.applicability.iter().take(LISTED) {
                let state = |x: bool| if x { "applicable" } else { "not applicable" };
                let why = a
                    .justification
                    .as_deref()
                    .filter(|_| !a.after)
                    .map(|j| format!(" — {}", cell(j)))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "- **{}** {}: {} → {}{why}",
                    cell(&a.id),
                    cell(&a.title),
                    state(a.before),
                    state(a.after)
                );
            }
            more(&mut out, c.applicability.len(), "control");
        }
    }

    frameworks(&mut out, diff);

    // Frameworks declared at either revision, for the findings of both.
    let names = FrameworkNames::new(
        diff.frameworks
            .iter()
            .map(|f| (f.id.clone(), f.name.clone())),
    );
    let f = &diff.findings;
    for (label, list) in [
        ("Findings introduced", &f.introduced),
        ("Findings resolved", &f.resolved),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n#### {label} ({})\n", list.len());
        let listed = &list[..list.len().min(LISTED)];
        table(&mut out, listed, uri_prefix, Column::new(&names, listed));
        more(&mut out, list.len(), "finding");
    }
    out
}

/// Each declared framework's coverage before and after, then the controls that became covered
/// or uncovered, when any of it changed.
fn frameworks(out: &mut String, diff: &Diff) {
    let changed: Vec<_> = diff
        .frameworks
        .iter()
        .filter(|f| f.base != f.head || !f.newly_covered.is_empty() || !f.uncovered.is_empty())
        .collect();
    if changed.is_empty() {
        return;
    }
    out.push_str(
        "\n#### Frameworks\n\n| Framework | Implemented | Covered via mapping | Partly via mapping | Applicable |\n|---|--:|--:|--:|--:|\n",
    );
    for f in &changed {
        let pair = |n: fn(&FrameworkCoverage) -> usize| {
            let side = |c: &Option<FrameworkCoverage>| {
                c.as_ref().map_or("—".to_owned(), |c| n(c).to_string())
            };
            format!("{} → {}", side(&f.base), side(&f.head))
        };
        let _ = writeln!(
            out,
            "| {} ({}) | {} | {} | {} | {} |",
            cell(&f.name),
            code_span(&f.id),
            pair(|c| c.implemented),
            pair(|c| c.via_mapping),
            pair(|c| c.partial_via_mapping),
            pair(|c| c.applicable),
        );
    }
    for f in &changed {
        for (label, list) in [
            ("no longer covered", &f.uncovered),
            ("newly covered", &f.newly_covered),
        ] {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n**{}, {label}:**\n", cell(&f.name));
            for c in list.iter().take(LISTED) {
                let mut by: Vec<String> = c.documents.iter().map(|d| cell(d)).collect();
                by.extend(c.via.iter().map(|v| format!("via {}", cell(v))));
                let by = if by.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", by.join(", "))
                };
                let _ = writeln!(
                    out,
                    "- **{}** {}: {} → {}{by}",
                    cell(&c.id),
                    cell(&c.title),
                    c.before.label().to_lowercase(),
                    c.after.label().to_lowercase(),
                );
            }
            more(out, list.len(), "control");
        }
    }
}

fn kind(k: ChangeKind) -> &'static str {
    match k {
        ChangeKind::Added => "added",
        ChangeKind::Changed => "changed",
        ChangeKind::Renamed => "renamed",
        ChangeKind::Removed => "removed",
    }
}

fn what_changed(d: &DocChange, uri_prefix: &str) -> String {
    let mut parts = Vec::new();
    if let Some(from) = &d.previous_path {
        parts.push(format!(
            "moved from {}",
            code_span(&format!("{uri_prefix}{from}"))
        ));
    }
    for f in &d.fields {
        parts.push(format!(
            "{}: {} → {}",
            cell(f.field),
            value(&f.before),
            value(&f.after)
        ));
    }
    if let Some(w) = d.words {
        parts.push(format!("text: +{} −{} words", w.added, w.removed));
    }
    parts.join("<br>")
}

fn value(v: &Value) -> String {
    match v {
        Value::Null => "—".to_owned(),
        Value::String(s) => cell(s),
        Value::Array(items) if items.is_empty() => "—".to_owned(),
        Value::Array(items) => items.iter().map(value).collect::<Vec<_>>().join(", "),
        other => cell(&other.to_string()),
    }
}

fn more(out: &mut String, total: usize, word: &str) {
    if total > LISTED {
        let _ = writeln!(
            out,
            "\n{} not listed; run `ismsbook diff --format json` for all of them.",
            plural(total - LISTED, &format!("more {word}"))
        );
    }
}
