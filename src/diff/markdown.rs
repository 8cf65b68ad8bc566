//! `diff --format markdown`: a pull-request comment. The verdict is the title; documents,
//! controls, frameworks, risks, exceptions and findings follow, each section only when it has
//! something to say.
//!
//! Titles, ids and messages come from the ISMS and GitHub renders HTML in comments, so every
//! such text goes through the same escaping as `check --format markdown`.

use super::risks::{
    ApprovalChange, Crossing, ExceptionChange, ExceptionValues, Expiry, RiskChange, RiskValues,
};
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
    risks(&mut out, diff);
    exceptions(&mut out, diff);

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
    fit(&mut out);
    out
}

/// The most a GitHub comment holds (characters; bytes are never fewer).
const COMMENT_LIMIT: usize = 65_536;

/// Cuts a comment that would not fit at the last whole line that does, and says so: every
/// table is capped at [`LISTED`] rows, but many sections at once can still add up.
fn fit(out: &mut String) {
    const NOTE: &str =
        "\n… cut to fit a GitHub comment; run `ismsbook diff --format json` for everything.\n";
    if out.len() <= COMMENT_LIMIT {
        return;
    }
    let mut end = COMMENT_LIMIT - NOTE.len();
    while !out.is_char_boundary(end) {
        end -= 1;
    }
    let cut = out[..end].rfind('\n').map_or(0, |i| i + 1);
    out.truncate(cut);
    out.push_str(NOTE);
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

// ----- risks -----

/// The register before → after, the risks a reviewer must look at (now above the appetite, a
/// treatment or its controls changed), those back within it, then every change in a table.
fn risks(out: &mut String, diff: &Diff) {
    let r = &diff.risks;
    let moved = match (r.base.file, r.head.file) {
        (Some(b), Some(h)) if b != h => Some((b, h)),
        _ => None,
    };
    if r.added.is_empty() && r.removed.is_empty() && r.changed.is_empty() && moved.is_none() {
        return;
    }
    out.push_str("\n#### Risks\n\n");
    let side = |s: &super::risks::RegisterSide| {
        if s.file.is_none() {
            return "no register".to_owned();
        }
        format!(
            "{} ({} above the appetite of {})",
            plural(s.risks, "risk"),
            s.above_appetite,
            s.appetite
        )
    };
    let moved = moved
        .map(|(b, h)| format!(" (moved from {} to {})", code_span(b), code_span(h)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "Register{moved}: {} → {}.\n",
        side(&r.base),
        side(&r.head)
    );
    // Without a register at the base, its appetite is nobody's business: no "(was …)".
    let base_appetite = if r.base.file.is_some() {
        r.base.appetite
    } else {
        r.head.appetite
    };
    let appetite = (base_appetite, r.head.appetite);

    let attention: Vec<&RiskChange> = r
        .added
        .iter()
        .chain(&r.changed)
        .filter(|c| c.needs_attention)
        .collect();
    if !attention.is_empty() {
        out.push_str("**⚠️ Needs attention:**\n\n");
        for c in attention.iter().take(LISTED) {
            let _ = writeln!(
                out,
                "- **{}** {}: {}",
                cell(&c.id),
                cell(&c.title),
                risk_callout(c, appetite)
            );
        }
        more(out, attention.len(), "risk");
        out.push('\n');
    }
    let within: Vec<&RiskChange> = r
        .changed
        .iter()
        .filter(|c| c.appetite == Some(Crossing::BackWithin))
        .collect();
    if !within.is_empty() {
        out.push_str("**Back within appetite:**\n\n");
        for c in within.iter().take(LISTED) {
            let (b, a) = (c.before.as_ref(), c.after.as_ref());
            let _ = writeln!(
                out,
                "- **{}** {}: residual score {} → {}, within the appetite of {}",
                cell(&c.id),
                cell(&c.title),
                residual(b),
                residual(a),
                appetite.1
            );
        }
        more(out, within.len(), "risk");
        out.push('\n');
    }

    let rows: Vec<(&str, &RiskChange)> = r
        .added
        .iter()
        .map(|c| ("added", c))
        .chain(r.changed.iter().map(|c| ("changed", c)))
        .chain(r.removed.iter().map(|c| ("removed", c)))
        .collect();
    if rows.is_empty() {
        return;
    }
    out.push_str("| Change | Risk | What changed |\n|---|---|---|\n");
    for (kind, c) in rows.iter().take(LISTED) {
        let what = match (&c.before, &c.after) {
            (Some(b), Some(a)) => risk_fields(c, b, a, appetite),
            (None, Some(v)) | (Some(v), None) => risk_summary(v),
            (None, None) => String::new(),
        };
        let _ = writeln!(
            out,
            "| {kind} | **{}** {} | {what} |",
            cell(&c.id),
            cell(&c.title)
        );
    }
    more(out, rows.len(), "risk");
}

/// Why a risk needs attention, in a line.
fn risk_callout(c: &RiskChange, (base_appetite, appetite): (u32, u32)) -> String {
    let mut parts = Vec::new();
    if c.appetite == Some(Crossing::NowAbove) {
        let after = c.after.as_ref();
        let was = if base_appetite == appetite {
            String::new()
        } else {
            format!(" (was {base_appetite})")
        };
        let score = match &c.before {
            None => format!("added with a residual score of {}", residual(after)),
            Some(b) if b.residual == after.and_then(|a| a.residual) => {
                format!("residual score {}", residual(after))
            }
            Some(b) => format!("residual score {} → {}", residual(Some(b)), residual(after)),
        };
        parts.push(format!(
            "{score}, now above the appetite of {appetite}{was} — {}",
            after.map_or_else(String::new, acceptance)
        ));
    }
    if let (Some(b), Some(a)) = (&c.before, &c.after) {
        if c.appetite.is_none() && b.above_appetite && a.above_appetite && a.residual > b.residual {
            parts.push(format!(
                "residual score {} → {}, still above the appetite of {appetite} — {}",
                residual(Some(b)),
                residual(Some(a)),
                if a.accepted_on.is_some() && a.accepted_on == b.accepted_on {
                    format!("{}, given for {}", acceptance(a), residual(Some(b)))
                } else {
                    acceptance(a)
                }
            ));
        }
        if b.treatment != a.treatment {
            parts.push(format!("treatment {} → {}", treatment(b), treatment(a)));
        }
    }
    if !c.controls_added.is_empty() {
        parts.push(format!(
            "controls added to the treatment: {}",
            ids(&c.controls_added)
        ));
    }
    if !c.controls_removed.is_empty() {
        parts.push(format!(
            "controls removed from the treatment: {}",
            ids(&c.controls_removed)
        ));
    }
    parts.join("; ")
}

/// A changed risk's fields: scores as likelihood × impact, controls as added and removed.
fn risk_fields(c: &RiskChange, b: &RiskValues, a: &RiskValues, appetite: (u32, u32)) -> String {
    let changed = |names: &[&str]| c.fields.iter().any(|f| names.contains(&f.field));
    let mut parts = Vec::new();
    for f in &c.fields {
        match f.field {
            "likelihood" | "impact" | "residual_likelihood" | "residual_impact" => {}
            "inherent" => parts.push(format!(
                "inherent: {} → {}",
                score(b.likelihood, b.impact, b.inherent),
                score(a.likelihood, a.impact, a.inherent)
            )),
            "residual" => parts.push(format!(
                "residual: {} → {}{}",
                residual(Some(b)),
                residual(Some(a)),
                crossing(c.appetite, appetite.1)
            )),
            "controls" => {
                let mut both: Vec<String> = c
                    .controls_added
                    .iter()
                    .map(|i| format!("+{}", cell(i)))
                    .collect();
                both.extend(c.controls_removed.iter().map(|i| format!("−{}", cell(i))));
                parts.push(format!("controls: {}", both.join(" ")));
            }
            field => parts.push(format!(
                "{}: {} → {}",
                cell(field),
                value(&f.before),
                value(&f.after)
            )),
        }
    }
    // Likelihood and impact can trade places with the score unchanged; say so.
    if changed(&["likelihood", "impact"]) && !changed(&["inherent"]) {
        parts.push(format!(
            "inherent: {} → {}",
            score(b.likelihood, b.impact, b.inherent),
            score(a.likelihood, a.impact, a.inherent)
        ));
    }
    if changed(&["residual_likelihood", "residual_impact"]) && !changed(&["residual"]) {
        parts.push(format!(
            "residual: {} → {}",
            residual(Some(b)),
            residual(Some(a))
        ));
    }
    // The appetite moved under an unchanged score.
    if c.appetite.is_some() && !changed(&["residual"]) {
        let now = match c.appetite {
            Some(Crossing::NowAbove) => "now above",
            _ => "back within",
        };
        parts.push(format!(
            "residual {}, {now} the appetite ({} → {})",
            residual(Some(a)),
            appetite.0,
            appetite.1,
        ));
    }
    parts.join("<br>")
}

fn crossing(c: Option<Crossing>, appetite: u32) -> String {
    match c {
        Some(Crossing::NowAbove) => format!(", now above the appetite of {appetite}"),
        Some(Crossing::BackWithin) => format!(", back within the appetite of {appetite}"),
        None => String::new(),
    }
}

/// An added or removed risk in a line.
fn risk_summary(v: &RiskValues) -> String {
    let mut parts = vec![
        format!("inherent {}", score(v.likelihood, v.impact, v.inherent)),
        format!("residual {}", residual(Some(v))),
    ];
    let mut t = treatment(v);
    if !v.controls.is_empty() {
        let _ = write!(t, ": {}", ids(&v.controls));
    }
    parts.push(t);
    if let Some(o) = &v.owner {
        parts.push(format!("owner {}", cell(o)));
    }
    if v.accepted_by.is_some() || v.accepted_on.is_some() {
        parts.push(acceptance(v));
    }
    parts.join("<br>")
}

fn acceptance(v: &RiskValues) -> String {
    match (&v.accepted_by, &v.accepted_on) {
        (Some(by), Some(on)) => format!("accepted by {} on {}", cell(by), cell(on)),
        (Some(by), None) => format!("accepted by {} (no date)", cell(by)),
        (None, Some(on)) => format!("accepted on {} (by no one named)", cell(on)),
        (None, None) => "no acceptance recorded".to_owned(),
    }
}

fn treatment(v: &RiskValues) -> String {
    v.treatment
        .map_or("no treatment".to_owned(), |t| t.as_str().to_owned())
}

fn residual(v: Option<&RiskValues>) -> String {
    v.map_or("—".to_owned(), |v| {
        score(v.residual_likelihood, v.residual_impact, v.residual)
    })
}

/// `4×5 = 20`, or the score alone when its parts are not written.
fn score(likelihood: Option<u32>, impact: Option<u32>, score: Option<u32>) -> String {
    match (likelihood, impact, score) {
        (Some(l), Some(i), _) => format!("{l}×{i} = {}", l * i),
        (_, _, Some(s)) => s.to_string(),
        _ => "—".to_owned(),
    }
}

fn ids(list: &[String]) -> String {
    list.iter().map(|i| cell(i)).collect::<Vec<_>>().join(", ")
}

// ----- exceptions -----

/// The exceptions before → after, those added or extended (a deviation a reviewer approves),
/// then every change in a table.
fn exceptions(out: &mut String, diff: &Diff) {
    let e = &diff.exceptions;
    if e.added.is_empty() && e.removed.is_empty() && e.changed.is_empty() {
        return;
    }
    out.push_str("\n#### Exceptions\n\n");
    let side = |s: &super::risks::ExceptionsSide| {
        format!(
            "{} ({} in force)",
            plural(s.exceptions, "exception"),
            s.in_force
        )
    };
    let _ = writeln!(out, "{} → {}.\n", side(&e.base), side(&e.head));

    let attention: Vec<&ExceptionChange> = e
        .added
        .iter()
        .chain(&e.changed)
        .filter(|c| c.needs_attention)
        .collect();
    if !attention.is_empty() {
        out.push_str("**⚠️ Needs attention:**\n\n");
        for c in attention.iter().take(LISTED) {
            let _ = writeln!(
                out,
                "- **{}** {}: {}",
                cell(&c.id),
                cell(&c.title),
                exception_callout(c)
            );
        }
        more(out, attention.len(), "exception");
        out.push('\n');
    }

    out.push_str("| Change | Exception | What changed |\n|---|---|---|\n");
    let rows: Vec<(&str, &ExceptionChange)> = e
        .added
        .iter()
        .map(|c| ("added", c))
        .chain(e.changed.iter().map(|c| {
            let kind = match c.expiry.map(|x| x.change) {
                Some(Expiry::Extended) => "extended",
                Some(Expiry::Shortened) => "shortened",
                None => "changed",
            };
            (kind, c)
        }))
        .chain(e.removed.iter().map(|c| ("removed", c)))
        .collect();
    for (kind, c) in rows.iter().take(LISTED) {
        let what = match (&c.before, &c.after) {
            (Some(_), Some(_)) => exception_fields(c),
            (None, Some(v)) | (Some(v), None) => exception_summary(v),
            (None, None) => String::new(),
        };
        let _ = writeln!(
            out,
            "| {kind} | **{}** {} | {what} |",
            cell(&c.id),
            cell(&c.title)
        );
    }
    more(out, rows.len(), "exception");
}

/// Why an exception needs attention, in a line.
fn exception_callout(c: &ExceptionChange) -> String {
    let Some(a) = &c.after else {
        return String::new();
    };
    let Some(b) = &c.before else {
        return format!("added — {}", exception_summary(a).replace("<br>", "; "));
    };
    let mut parts = Vec::new();
    if let Some(x) = c.expiry.filter(|x| x.change == Expiry::Extended) {
        parts.push(format!(
            "extended from {} to {} ({})",
            opt(&b.expires),
            opt(&a.expires),
            days(x.days)
        ));
        parts.push(match c.approval {
            Some(ApprovalChange::Unapproved) => "no approval recorded any more".to_owned(),
            Some(_) => format!("re-approved: {}", approval(a)),
            None if a.approver.is_some() && a.approved_on.is_some() => {
                format!("not re-approved ({})", approval(a))
            }
            None => "not approved".to_owned(),
        });
    }
    if !c.controls_added.is_empty() {
        parts.push(format!("now also deviates from {}", ids(&c.controls_added)));
    }
    parts.join("; ")
}

fn exception_fields(c: &ExceptionChange) -> String {
    let mut parts = Vec::new();
    for f in &c.fields {
        match f.field {
            "controls" => {
                let mut both: Vec<String> = c
                    .controls_added
                    .iter()
                    .map(|i| format!("+{}", cell(i)))
                    .collect();
                both.extend(c.controls_removed.iter().map(|i| format!("−{}", cell(i))));
                parts.push(format!("controls: {}", both.join(" ")));
            }
            "expires" => {
                let moved = c
                    .expiry
                    .map(|x| format!(" ({})", days(x.days)))
                    .unwrap_or_default();
                parts.push(format!(
                    "expires: {} → {}{moved}",
                    value(&f.before),
                    value(&f.after)
                ));
            }
            field => parts.push(format!(
                "{}: {} → {}",
                cell(field),
                value(&f.before),
                value(&f.after)
            )),
        }
    }
    parts.join("<br>")
}

/// An added or removed exception in a line.
fn exception_summary(v: &ExceptionValues) -> String {
    let mut parts = Vec::new();
    let until = match &v.expires {
        Some(d) => format!(" until {}", cell(d)),
        None => " with no expiry".to_owned(),
    };
    let state = v.state.map(|s| format!(" ({s})")).unwrap_or_default();
    parts.push(format!("deviates from {}{until}{state}", ids(&v.controls)));
    if let Some(s) = &v.scope {
        parts.push(format!("scope: {}", cell(s)));
    }
    if !v.compensating.is_empty() {
        parts.push(format!("compensating: {}", ids(&v.compensating)));
    }
    if let Some(r) = &v.risk {
        parts.push(format!("risk {}", cell(r)));
    }
    parts.push(approval(v));
    parts.join("<br>")
}

fn approval(v: &ExceptionValues) -> String {
    match (&v.approver, &v.approved_on) {
        (Some(by), Some(on)) => format!("approved by {} on {}", cell(by), cell(on)),
        (Some(by), None) => format!("approver {} (no approval date)", cell(by)),
        (None, Some(on)) => format!("approved on {} (no approver)", cell(on)),
        (None, None) => "not approved".to_owned(),
    }
}

fn opt(v: &Option<String>) -> String {
    v.as_deref().map_or("—".to_owned(), cell)
}

fn days(n: i64) -> String {
    if n.abs() == 1 {
        format!("{n:+} day")
    } else {
        format!("{n:+} days")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_too_long_for_github_is_cut_at_a_line_and_says_so() {
        let mut out = String::new();
        while out.len() < 2 * COMMENT_LIMIT {
            out.push_str("| added | **R-1** Überschwemmung im Rechenzentrum 🌊 | residual 25 |\n");
        }
        fit(&mut out);
        assert!(out.len() <= COMMENT_LIMIT, "{}", out.len());
        let (kept, note) = out.split_at(out.rfind("\n…").unwrap_or(0) + 1);
        assert!(note.starts_with("… cut to fit a GitHub comment"), "{note}");
        assert!(kept
            .trim_end()
            .lines()
            .all(|l| l.ends_with("residual 25 |")));

        let mut short = "### ismsbook diff: ✅\n".to_owned();
        fit(&mut short);
        assert_eq!(short, "### ismsbook diff: ✅\n");
    }
}
