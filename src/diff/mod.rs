//! `ismsbook diff`: what a change does to the ISMS, from the handbooks at two revisions —
//! documents added, removed, renamed and changed (which fields, how many words), control
//! coverage and applicability, risk register and exception changes, findings introduced and
//! resolved, and a one-line verdict.
//!
//! Pure over two models; loading them is the caller's job ([`crate::load_revision`]).

pub mod markdown;
pub mod risks;

use crate::catalog::canonical_ids;
use crate::finding::{self, Finding, Severity};
use crate::model::frameworks::{Coverage, Framework, FwKey, MapUse};
use crate::model::{Document, Handbook};
use crate::report::markdown::plural;
use serde::Serialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// One side of the comparison, as given on the command line.
#[derive(Debug, Clone, Serialize)]
pub struct Revision {
    /// What the user named: `origin/main`, `HEAD~3`, or `working tree`.
    pub rev: String,
    /// The full commit id; `null` for the working tree.
    pub commit: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Diff {
    /// The change in one line, for a pull-request comment's title.
    pub verdict: String,
    /// `ok`, `warnings` (new warnings or a control left unmapped) or `errors` (new errors).
    pub outcome: Outcome,
    pub base: Side,
    pub head: Side,
    /// Added, changed, renamed and removed documents, in that order, by id within each.
    pub documents: Vec<DocChange>,
    pub controls: ControlChanges,
    /// Every framework declared under `[[frameworks]]` at either revision (Annex A is
    /// `controls` and the sides' `coverage`), in the head's order, then those only the base
    /// declares.
    pub frameworks: Vec<FrameworkChange>,
    /// The risk register at both revisions, matched by risk id (present when neither has one).
    pub risks: risks::RiskChanges,
    /// `exceptions.yaml` at both revisions, matched by exception id.
    pub exceptions: risks::ExceptionChanges,
    pub findings: FindingChanges,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Ok,
    Warnings,
    Errors,
}

#[derive(Debug, Serialize)]
pub struct Side {
    #[serde(flatten)]
    pub revision: Revision,
    pub documents: usize,
    pub coverage: CoverageCount,
    pub errors: usize,
    pub warnings: usize,
}

/// Applicable controls implemented by an approved document, of all applicable controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CoverageCount {
    pub implemented: usize,
    pub applicable: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Changed,
    Renamed,
    Removed,
}

#[derive(Debug, Serialize)]
pub struct DocChange {
    pub change: ChangeKind,
    pub id: String,
    pub title: String,
    /// The path in the head revision (in the base one for a removed document).
    pub path: String,
    /// The path in the base revision, for a renamed document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_path: Option<String>,
    /// Front-matter fields whose value changed (for changed and renamed documents).
    pub fields: Vec<FieldChange>,
    /// Words of the body added and removed; `null` when the body did not change.
    pub words: Option<Words>,
}

#[derive(Debug, Serialize)]
pub struct FieldChange {
    pub field: &'static str,
    pub before: Value,
    pub after: Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Words {
    pub added: usize,
    pub removed: usize,
}

#[derive(Debug, Serialize)]
pub struct ControlChanges {
    /// Controls an approved document implements now and none did before.
    pub newly_mapped: Vec<ControlChange>,
    /// Applicable controls no approved document implements any more.
    pub unmapped: Vec<ControlChange>,
    /// Controls whose applicability in `soa.yaml` changed.
    pub applicability: Vec<Applicability>,
}

#[derive(Debug, Serialize)]
pub struct ControlChange {
    pub id: String,
    pub title: String,
    /// Documents implementing it: after the change for newly mapped controls, before it for
    /// unmapped ones.
    pub documents: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Applicability {
    pub id: String,
    pub title: String,
    pub before: bool,
    pub after: bool,
    /// The justification in the head revision (why it is excluded, when it now is).
    pub justification: Option<String>,
}

/// A declared framework's coverage at both revisions, direct and via mappings kept apart.
#[derive(Debug, Serialize)]
pub struct FrameworkChange {
    /// The prefix (`csf`).
    pub id: String,
    /// The display name (the head's, when both declare it).
    pub name: String,
    /// `null` when the revision does not declare the framework.
    pub base: Option<FrameworkCoverage>,
    pub head: Option<FrameworkCoverage>,
    /// Applicable controls covered (implemented, or completely via mappings) now and not
    /// before. Listed only when both revisions declare the framework: a newly declared one's
    /// counts say it all.
    pub newly_covered: Vec<CoverageChange>,
    /// Applicable controls covered before and not now (partly via mappings at best).
    pub uncovered: Vec<CoverageChange>,
}

/// Counts over a framework's applicable requirements. `implemented` counts direct coverage
/// only; a control both implemented and mapped is `implemented`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FrameworkCoverage {
    pub implemented: usize,
    pub via_mapping: usize,
    pub partial_via_mapping: usize,
    pub applicable: usize,
}

#[derive(Debug, Serialize)]
pub struct CoverageChange {
    /// The qualified id (`csf:PR.AA-01`).
    pub id: String,
    pub title: String,
    pub before: Coverage,
    pub after: Coverage,
    /// Approved documents implementing it: after the change for newly covered controls,
    /// before it for uncovered ones.
    pub documents: Vec<String>,
    /// The controls of other frameworks it is covered through, on the same side.
    pub via: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct FindingChanges {
    pub introduced: Vec<Finding>,
    pub resolved: Vec<Finding>,
}

/// A handbook with its findings, at one revision.
pub struct Input<'a> {
    pub revision: Revision,
    pub handbook: &'a Handbook,
    pub findings: &'a [Finding],
}

pub fn compare(base: &Input<'_>, head: &Input<'_>) -> Diff {
    let documents = documents(base.handbook, head.handbook);
    let controls = controls(base.handbook, head.handbook);
    let frameworks = frameworks(base.handbook, head.handbook);
    let risks = risks::risks(base.handbook, head.handbook);
    let exceptions = risks::exceptions(base.handbook, head.handbook);
    let findings = findings(base.findings, head.findings);
    let base = side(base);
    let head = side(head);
    let new_errors = count(&findings.introduced, Severity::Error);
    let new_warnings = count(&findings.introduced, Severity::Warning);
    let outcome = if new_errors > 0 {
        Outcome::Errors
    } else if new_warnings > 0
        || !controls.unmapped.is_empty()
        || frameworks.iter().any(|f| !f.uncovered.is_empty())
    {
        Outcome::Warnings
    } else {
        Outcome::Ok
    };
    // Risk and exception changes, as the verdict words them.
    let registers: Vec<String> = [risk_verdict(&risks), exception_verdict(&exceptions)]
        .into_iter()
        .flatten()
        .collect();
    let verdict = verdict(
        &documents,
        &controls,
        &frameworks,
        &registers,
        &findings,
        &base,
        &head,
    );
    Diff {
        verdict,
        outcome,
        base,
        head,
        documents,
        controls,
        frameworks,
        risks,
        exceptions,
        findings,
    }
}

fn side(input: &Input<'_>) -> Side {
    let (implemented, applicable) = input.handbook.coverage();
    let c = finding::count(input.findings);
    Side {
        revision: input.revision.clone(),
        documents: input.handbook.documents.len(),
        coverage: CoverageCount {
            implemented,
            applicable,
        },
        errors: c.errors,
        warnings: c.warnings,
    }
}

fn count(findings: &[Finding], severity: Severity) -> usize {
    findings.iter().filter(|f| f.severity == severity).count()
}

// ----- documents -----

fn documents(base: &Handbook, head: &Handbook) -> Vec<DocChange> {
    // Documents are matched by id (a document without one goes by its path), so a moved file
    // is a rename, not a removal and an addition.
    let index = |hb: &Handbook| -> HashMap<String, usize> {
        let mut m = HashMap::new();
        for (i, d) in hb.documents.iter().enumerate() {
            m.entry(d.id.clone()).or_insert(i);
        }
        m
    };
    let (before, after) = (index(base), index(head));
    let mut out = Vec::new();
    for (i, d) in head.documents.iter().enumerate() {
        if after.get(&d.id) != Some(&i) {
            continue; // a duplicate id: its first holder stands for it
        }
        let Some(&j) = before.get(&d.id) else {
            out.push(entry(ChangeKind::Added, d, None, Vec::new(), None));
            continue;
        };
        let old = &base.documents[j];
        let fields = field_changes(old, d);
        let words = word_changes(old.src.body(), d.src.body());
        if old.src.path != d.src.path {
            out.push(entry(
                ChangeKind::Renamed,
                d,
                Some(old.src.path.clone()),
                fields,
                words,
            ));
        } else if !fields.is_empty() || words.is_some() || old.src.text != d.src.text {
            out.push(entry(ChangeKind::Changed, d, None, fields, words));
        }
    }
    for (i, d) in base.documents.iter().enumerate() {
        if before.get(&d.id) == Some(&i) && !after.contains_key(&d.id) {
            out.push(entry(ChangeKind::Removed, d, None, Vec::new(), None));
        }
    }
    out.sort_by(|a, b| (a.change, &a.id).cmp(&(b.change, &b.id)));
    out
}

fn entry(
    change: ChangeKind,
    d: &Document,
    previous_path: Option<String>,
    fields: Vec<FieldChange>,
    words: Option<Words>,
) -> DocChange {
    DocChange {
        change,
        id: d.id.clone(),
        title: d.title.clone(),
        path: d.src.path.clone(),
        previous_path,
        fields,
        words,
    }
}

/// The front-matter fields a reviewer cares about, as JSON values for comparison and output.
fn fields(d: &Document) -> [(&'static str, Value); 15] {
    let m = &d.src.meta;
    let text = |s: Option<&str>| s.map_or(Value::Null, |s| Value::String(s.to_owned()));
    let date =
        |s: Option<jiff::civil::Date>| s.map_or(Value::Null, |d| Value::String(d.to_string()));
    let list = |items: Vec<String>| Value::Array(items.into_iter().map(Value::String).collect());
    let controls = canonical_ids(m.controls.iter().map(|c| c.value.as_str()));
    [
        ("title", text(m.title.as_deref())),
        ("type", text(m.doc_type.map(|t| t.as_str()))),
        ("owner", text(m.owner())),
        ("version", text(m.version.as_deref())),
        ("status", text(m.status.map(|s| s.as_str()))),
        (
            "classification",
            Value::String(m.classification.as_str().to_owned()),
        ),
        (
            "last_reviewed",
            date(m.last_reviewed.as_ref().map(|l| l.value)),
        ),
        ("next_review", date(m.next_review.as_ref().map(|l| l.value))),
        (
            "review_interval",
            m.review_interval.map_or(Value::Null, Value::from),
        ),
        ("approver", text(m.approver.as_deref())),
        ("approved_on", date(m.approved_on)),
        ("controls", list(controls)),
        (
            "clauses",
            list(m.clauses.iter().map(|c| c.value.clone()).collect()),
        ),
        (
            "related",
            list(m.related.iter().map(|c| c.value.clone()).collect()),
        ),
        ("tags", list(m.tags.clone())),
    ]
}

fn field_changes(before: &Document, after: &Document) -> Vec<FieldChange> {
    fields(before)
        .into_iter()
        .zip(fields(after))
        .filter(|((_, b), (_, a))| a != b)
        .map(|((field, before), (_, after))| FieldChange {
            field,
            before,
            after,
        })
        .collect()
}

/// Words added and removed between two bodies; `None` when they are the same text.
fn word_changes(before: &str, after: &str) -> Option<Words> {
    if before == after {
        return None;
    }
    let diff = similar::TextDiff::configure()
        // A pathological pair of huge bodies must not stall a CI job: past the deadline the
        // diff is coarser, never wrong.
        .timeout(std::time::Duration::from_secs(2))
        .diff_words(before, after);
    let mut words = Words {
        added: 0,
        removed: 0,
    };
    for change in diff.iter_all_changes() {
        let n = change.value().split_whitespace().count();
        match change.tag() {
            similar::ChangeTag::Insert => words.added += n,
            similar::ChangeTag::Delete => words.removed += n,
            similar::ChangeTag::Equal => {}
        }
    }
    Some(words)
}

// ----- controls -----

fn controls(base: &Handbook, head: &Handbook) -> ControlChanges {
    let ids = |hb: &Handbook, docs: &[usize]| -> Vec<String> {
        docs.iter().map(|&i| hb.documents[i].id.clone()).collect()
    };
    let mut out = ControlChanges {
        newly_mapped: Vec::new(),
        unmapped: Vec::new(),
        applicability: Vec::new(),
    };
    // Both handbooks use the same built-in catalog, indexed alike.
    for (i, control) in head.catalog.controls.iter().enumerate() {
        let (b, a) = (&base.controls[i], &head.controls[i]);
        let reference = |documents| ControlChange {
            id: control.id.clone(),
            title: control.title.clone(),
            documents,
        };
        let (was, is) = (!b.implemented_by.is_empty(), !a.implemented_by.is_empty());
        if is && !was {
            out.newly_mapped
                .push(reference(ids(head, &a.implemented_by)));
        } else if was && !is && a.applicable() {
            out.unmapped.push(reference(ids(base, &b.implemented_by)));
        }
        if a.applicable() != b.applicable() {
            out.applicability.push(Applicability {
                id: control.id.clone(),
                title: control.title.clone(),
                before: b.applicable(),
                after: a.applicable(),
                justification: a.decision.as_ref().and_then(|d| d.justification.clone()),
            });
        }
    }
    out
}

// ----- declared frameworks -----

fn frameworks(base: &Handbook, head: &Handbook) -> Vec<FrameworkChange> {
    let declared = &head.frameworks;
    let mut out: Vec<FrameworkChange> = head
        .frameworks
        .list
        .iter()
        .map(|h| {
            let b = base.frameworks.get(&h.id);
            framework_change(base, b, head, Some(h), &h.id, &h.name)
        })
        .collect();
    for b in &base.frameworks.list {
        if declared.get(&b.id).is_none() {
            out.push(framework_change(base, Some(b), head, None, &b.id, &b.name));
        }
    }
    out
}

fn counts(fw: &Framework) -> FrameworkCoverage {
    let c = fw.counts();
    FrameworkCoverage {
        implemented: c.implemented,
        via_mapping: c.via_mapping,
        partial_via_mapping: c.partial_via_mapping,
        applicable: c.applicable,
    }
}

fn framework_change(
    base_hb: &Handbook,
    base: Option<&Framework>,
    head_hb: &Handbook,
    head: Option<&Framework>,
    id: &str,
    name: &str,
) -> FrameworkChange {
    let mut change = FrameworkChange {
        id: id.to_owned(),
        name: name.to_owned(),
        base: base.map(counts),
        head: head.map(counts),
        newly_covered: Vec::new(),
        uncovered: Vec::new(),
    };
    let (Some(b), Some(h)) = (base, head) else {
        return change;
    };
    let covered = |c: Coverage| matches!(c, Coverage::Implemented | Coverage::ViaMapping);
    // The two revisions may hold different editions of a catalog of the user's: controls are
    // matched by id.
    for (i, control) in h.catalog.controls.iter().enumerate() {
        let after = h.coverage(i);
        let before = b
            .catalog
            .find(&control.id)
            .map_or(Coverage::NotApplicable, |j| b.coverage(j));
        let entry = |hb: &Handbook, fw: &Framework, idx: usize, before, after| {
            let state = &fw.controls[idx];
            CoverageChange {
                id: h.qualified_id(i),
                title: control.heading().to_owned(),
                before,
                after,
                documents: state
                    .implemented_by
                    .iter()
                    .filter_map(|&d| hb.documents.get(d))
                    .map(|d| d.id.clone())
                    .collect(),
                via: via(hb, &state.derived.full),
            }
        };
        if covered(after) && !covered(before) {
            change
                .newly_covered
                .push(entry(head_hb, h, i, before, after));
        } else if covered(before) && !covered(after) && after != Coverage::NotApplicable {
            if let Some(j) = b.catalog.find(&control.id) {
                change.uncovered.push(entry(base_hb, b, j, before, after));
            }
        }
    }
    change
}

/// The controls at the other end of the mappings that cover a control.
fn via(hb: &Handbook, uses: &[MapUse]) -> Vec<String> {
    let fws = &hb.frameworks;
    let mut out = Vec::new();
    for u in uses {
        let Some(m) = fws.mappings.get(u.mapping) else {
            continue;
        };
        let others = if u.reversed {
            std::slice::from_ref(&m.from)
        } else {
            &m.to[..]
        };
        for &c in others {
            if matches!(c.fw, FwKey::Declared(i) if i >= fws.list.len()) {
                continue;
            }
            let id = fws.qualified_id(c);
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}

// ----- findings -----

/// What identifies a finding across revisions: lines move with every edit, and a renamed
/// document keeps its id.
fn key(f: &Finding) -> (finding::Code, Option<&str>, &str) {
    let place = f
        .document
        .as_deref()
        .or(f.control.as_deref())
        .or(f.file.as_deref());
    (f.code, place, f.message.as_str())
}

fn findings(base: &[Finding], head: &[Finding]) -> FindingChanges {
    let before: HashSet<_> = base.iter().map(key).collect();
    let after: HashSet<_> = head.iter().map(key).collect();
    FindingChanges {
        introduced: head
            .iter()
            .filter(|f| !before.contains(&key(f)))
            .cloned()
            .collect(),
        resolved: base
            .iter()
            .filter(|f| !after.contains(&key(f)))
            .cloned()
            .collect(),
    }
}

// ----- verdict -----

fn verdict(
    documents: &[DocChange],
    controls: &ControlChanges,
    frameworks: &[FrameworkChange],
    registers: &[String],
    findings: &FindingChanges,
    base: &Side,
    head: &Side,
) -> String {
    let mut parts = Vec::new();
    let mut docs = Vec::new();
    for (kind, word) in [
        (ChangeKind::Added, "added"),
        (ChangeKind::Changed, "changed"),
        (ChangeKind::Renamed, "renamed"),
        (ChangeKind::Removed, "removed"),
    ] {
        let n = documents.iter().filter(|d| d.change == kind).count();
        if n > 0 && docs.is_empty() {
            let noun = if n == 1 { "document" } else { "documents" };
            docs.push(format!("{n} {noun} {word}"));
        } else if n > 0 {
            docs.push(format!("{n} {word}"));
        }
    }
    if !docs.is_empty() {
        parts.push(docs.join(", "));
    }
    if base.coverage != head.coverage {
        parts.push(format!(
            "coverage {}/{} → {}/{}",
            base.coverage.implemented,
            base.coverage.applicable,
            head.coverage.implemented,
            head.coverage.applicable
        ));
    }
    for f in frameworks {
        match (f.base, f.head) {
            (Some(b), Some(h)) if b != h => {
                let mut text = format!(
                    "{} coverage {}/{} → {}/{}",
                    f.id, b.implemented, b.applicable, h.implemented, h.applicable
                );
                if b.via_mapping + h.via_mapping > 0 {
                    let _ = write!(text, ", via mapping {} → {}", b.via_mapping, h.via_mapping);
                }
                parts.push(text);
            }
            (None, Some(h)) => parts.push(format!(
                "{} declared ({}/{}, via mapping {})",
                f.id, h.implemented, h.applicable, h.via_mapping
            )),
            (Some(_), None) => parts.push(format!("{} no longer declared", f.id)),
            _ => {}
        }
    }
    if !controls.applicability.is_empty() {
        parts.push(plural(controls.applicability.len(), "applicability change"));
    }
    parts.extend(registers.iter().cloned());
    let new_errors = count(&findings.introduced, Severity::Error);
    let new_warnings = count(&findings.introduced, Severity::Warning);
    let mut f = Vec::new();
    if new_errors > 0 {
        f.push(plural(new_errors, "new error"));
    }
    if new_warnings > 0 {
        f.push(plural(new_warnings, "new warning"));
    }
    if !findings.resolved.is_empty() {
        f.push(format!(
            "{} resolved",
            plural(findings.resolved.len(), "finding")
        ));
    }
    if f.is_empty() {
        f.push("no new findings".to_owned());
    }
    if parts.is_empty() {
        parts.push("no change to documents or controls".to_owned());
    }
    format!("{}; {}", parts.join("; "), f.join(", "))
}

/// "1 risk added, 2 changed (1 now above appetite, 1 back within)".
fn risk_verdict(r: &risks::RiskChanges) -> Option<String> {
    let mut text = counted(
        "risk",
        &[
            (r.added.len(), "added"),
            (r.changed.len(), "changed"),
            (r.removed.len(), "removed"),
        ],
    )?;
    let crossing = |c: risks::Crossing| {
        r.added
            .iter()
            .chain(&r.changed)
            .filter(|x| x.appetite == Some(c))
            .count()
    };
    let (above, within) = (
        crossing(risks::Crossing::NowAbove),
        crossing(risks::Crossing::BackWithin),
    );
    let mut notes = Vec::new();
    if above > 0 {
        notes.push(format!("{above} now above appetite"));
    }
    if within > 0 {
        notes.push(format!("{within} back within"));
    }
    if !notes.is_empty() {
        let _ = write!(text, " ({})", notes.join(", "));
    }
    Some(text)
}

/// "1 exception added, 1 extended, 1 changed, 1 removed": `changed` counts the changed ones
/// not extended.
fn exception_verdict(e: &risks::ExceptionChanges) -> Option<String> {
    let extended = e
        .changed
        .iter()
        .filter(|x| {
            x.expiry
                .is_some_and(|x| x.change == risks::Expiry::Extended)
        })
        .count();
    counted(
        "exception",
        &[
            (e.added.len(), "added"),
            (extended, "extended"),
            (e.changed.len().saturating_sub(extended), "changed"),
            (e.removed.len(), "removed"),
        ],
    )
}

/// "2 risks added, 1 changed": the noun with the first non-zero count only.
fn counted(noun: &str, counts: &[(usize, &str)]) -> Option<String> {
    let mut parts = Vec::new();
    for &(n, word) in counts.iter().filter(|(n, _)| *n > 0) {
        if parts.is_empty() {
            parts.push(format!("{} {word}", plural(n, noun)));
        } else {
            parts.push(format!("{n} {word}"));
        }
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}
