//! Risk register and exception changes between two revisions: risks added, removed and
//! changed (scores, treatment, controls, owner, acceptance, review) and the ones a reviewer
//! must look at — a residual score rising above `[risk] appetite`, a treatment or its controls
//! changed, an exception added or extended.
//!
//! Risks and exceptions are matched by id, so a register kept in `risks.csv` at one revision
//! and in `risks.yaml` at the other compares risk by risk.

use super::FieldChange;
use crate::catalog::canonical_ids;
use crate::model::exceptions::{Exception, ExceptionControl, ExceptionState};
use crate::model::risks::{Risk, Treatment};
use crate::model::Handbook;
use jiff::civil::Date;
use serde::Serialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Serialize)]
pub struct RiskChanges {
    pub base: RegisterSide,
    pub head: RegisterSide,
    /// In the head's register order.
    pub added: Vec<RiskChange>,
    /// In the base's register order.
    pub removed: Vec<RiskChange>,
    /// In the head's register order.
    pub changed: Vec<RiskChange>,
}

/// The register at one revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RegisterSide {
    /// `risks.yaml` or `risks.csv`; `null` when the revision has no risk.
    pub file: Option<&'static str>,
    pub risks: usize,
    /// Risks whose residual score is above the appetite of this revision.
    pub above_appetite: usize,
    /// `[risk] appetite` of this revision's `ismsbook.toml`.
    pub appetite: u32,
}

#[derive(Debug, Serialize)]
pub struct RiskChange {
    pub id: String,
    /// The head's title (the base's for a removed risk).
    pub title: String,
    /// The risk at the base revision; `null` when it was added.
    pub before: Option<RiskValues>,
    /// The risk at the head revision; `null` when it was removed.
    pub after: Option<RiskValues>,
    /// Fields whose value changed (changed risks only), scores included.
    pub fields: Vec<FieldChange>,
    /// Controls the treatment names now and did not before (changed risks only).
    pub controls_added: Vec<String>,
    pub controls_removed: Vec<String>,
    /// Whether the residual score crossed the appetite (each side's own).
    pub appetite: Option<Crossing>,
    /// Now above the appetite, its treatment changed, or controls added to or removed from it.
    pub needs_attention: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Crossing {
    /// Above the appetite now, and not before (or added above it).
    NowAbove,
    /// Within the appetite now, and above it before.
    BackWithin,
}

/// A risk as a reviewer compares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskValues {
    pub title: String,
    pub owner: Option<String>,
    pub likelihood: Option<u32>,
    pub impact: Option<u32>,
    pub inherent: Option<u32>,
    pub treatment: Option<Treatment>,
    /// Canonical ids, sorted.
    pub controls: Vec<String>,
    pub residual_likelihood: Option<u32>,
    pub residual_impact: Option<u32>,
    /// The inherent score when no residual is written.
    pub residual: Option<u32>,
    pub above_appetite: bool,
    pub accepted_by: Option<String>,
    pub accepted_on: Option<String>,
    pub last_reviewed: Option<String>,
    pub review_interval: u32,
    pub next_review: Option<String>,
}

impl RiskValues {
    fn of(r: &Risk, appetite: u32) -> RiskValues {
        RiskValues {
            title: r.title.clone(),
            owner: r.owner.clone(),
            likelihood: r.likelihood,
            impact: r.impact,
            inherent: r.inherent(),
            treatment: r.treatment,
            controls: canonical_ids(r.controls.iter().map(|c| c.raw.as_str())),
            residual_likelihood: r.residual_likelihood,
            residual_impact: r.residual_impact,
            residual: r.residual(),
            above_appetite: r.residual().is_some_and(|s| s > appetite),
            accepted_by: r.accepted_by.clone(),
            accepted_on: date(r.accepted_on),
            last_reviewed: date(r.last_reviewed),
            review_interval: r.review_interval,
            next_review: date(r.next_review()),
        }
    }

    /// The fields compared, in the register's order; derived scores beside their parts.
    fn fields(&self) -> [(&'static str, Value); 14] {
        [
            ("title", Value::String(self.title.clone())),
            ("owner", text(self.owner.as_deref())),
            ("likelihood", number(self.likelihood)),
            ("impact", number(self.impact)),
            ("inherent", number(self.inherent)),
            ("treatment", text(self.treatment.map(Treatment::as_str))),
            ("controls", list(&self.controls)),
            ("residual_likelihood", number(self.residual_likelihood)),
            ("residual_impact", number(self.residual_impact)),
            ("residual", number(self.residual)),
            ("accepted_by", text(self.accepted_by.as_deref())),
            ("accepted_on", text(self.accepted_on.as_deref())),
            ("last_reviewed", text(self.last_reviewed.as_deref())),
            ("review_interval", Value::from(self.review_interval)),
        ]
    }
}

pub fn risks(base: &Handbook, head: &Handbook) -> RiskChanges {
    let (appetite_b, appetite_h) = (base.config.risk.appetite(), head.config.risk.appetite());
    let side = |hb: &Handbook, appetite: u32| RegisterSide {
        file: hb.risks.first().map(|r| r.file),
        risks: hb.risks.len(),
        above_appetite: hb
            .risks
            .iter()
            .filter(|r| r.residual().is_some_and(|s| s > appetite))
            .count(),
        appetite,
    };
    let mut out = RiskChanges {
        base: side(base, appetite_b),
        head: side(head, appetite_h),
        added: Vec::new(),
        removed: Vec::new(),
        changed: Vec::new(),
    };
    // Ids are unique within a register (a repeated one is an invalid-risk and left out).
    let before: HashMap<&str, &Risk> = base.risks.iter().map(|r| (r.id.as_str(), r)).collect();
    let after: HashSet<&str> = head.risks.iter().map(|r| r.id.as_str()).collect();
    for r in &head.risks {
        let now = RiskValues::of(r, appetite_h);
        let Some(old) = before.get(r.id.as_str()) else {
            let appetite = now.above_appetite.then_some(Crossing::NowAbove);
            out.added.push(RiskChange {
                id: r.id.clone(),
                title: r.title.clone(),
                before: None,
                after: Some(now),
                fields: Vec::new(),
                controls_added: Vec::new(),
                controls_removed: Vec::new(),
                needs_attention: appetite.is_some(),
                appetite,
            });
            continue;
        };
        let was = RiskValues::of(old, appetite_b);
        let fields = changes(&was.fields(), &now.fields());
        let controls_added = missing_from(&now.controls, &was.controls);
        let controls_removed = missing_from(&was.controls, &now.controls);
        let appetite = match (was.above_appetite, now.above_appetite) {
            (false, true) => Some(Crossing::NowAbove),
            (true, false) => Some(Crossing::BackWithin),
            _ => None,
        };
        // A lowered appetite can put an unchanged risk above it: that is a change too.
        if fields.is_empty() && appetite.is_none() {
            continue;
        }
        // Already above the appetite and rising: the acceptance given was for a lower score.
        let rising_above = was.above_appetite && now.above_appetite && now.residual > was.residual;
        let needs_attention = appetite == Some(Crossing::NowAbove)
            || rising_above
            || was.treatment != now.treatment
            || !controls_added.is_empty()
            || !controls_removed.is_empty();
        out.changed.push(RiskChange {
            id: r.id.clone(),
            title: r.title.clone(),
            before: Some(was),
            after: Some(now),
            fields,
            controls_added,
            controls_removed,
            appetite,
            needs_attention,
        });
    }
    for r in &base.risks {
        if !after.contains(r.id.as_str()) {
            out.removed.push(RiskChange {
                id: r.id.clone(),
                title: r.title.clone(),
                before: Some(RiskValues::of(r, appetite_b)),
                after: None,
                fields: Vec::new(),
                controls_added: Vec::new(),
                controls_removed: Vec::new(),
                appetite: None,
                needs_attention: false,
            });
        }
    }
    out
}

// ----- exceptions -----

#[derive(Debug, Serialize)]
pub struct ExceptionChanges {
    pub base: ExceptionsSide,
    pub head: ExceptionsSide,
    /// In the head's file order.
    pub added: Vec<ExceptionChange>,
    /// In the base's file order.
    pub removed: Vec<ExceptionChange>,
    /// In the head's file order.
    pub changed: Vec<ExceptionChange>,
}

/// `exceptions.yaml` at one revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ExceptionsSide {
    /// Whether `exceptions.yaml` exists.
    pub file: bool,
    pub exceptions: usize,
    /// Approved and not expired on the day both sides are judged.
    pub in_force: usize,
}

#[derive(Debug, Serialize)]
pub struct ExceptionChange {
    pub id: String,
    /// The head's title (the base's for a removed exception).
    pub title: String,
    pub before: Option<ExceptionValues>,
    pub after: Option<ExceptionValues>,
    /// Fields whose value changed (changed exceptions only).
    pub fields: Vec<FieldChange>,
    /// Controls deviated from now and not before, and the other way round.
    pub controls_added: Vec<String>,
    pub controls_removed: Vec<String>,
    /// A later or earlier last valid day; `null` when it did not move (or is not written on
    /// both sides).
    pub expiry: Option<ExpiryChange>,
    pub approval: Option<ApprovalChange>,
    /// Added, extended, or deviating from more controls: a reviewer approves a deviation.
    pub needs_attention: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ExpiryChange {
    pub change: Expiry,
    /// Days the last valid day moved: positive when extended, negative when shortened.
    pub days: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expiry {
    Extended,
    Shortened,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalChange {
    /// Approved now (approver and date), not before.
    Approved,
    /// Approved before, not now.
    Unapproved,
    /// Another approver.
    ApproverChanged,
    /// The same approver, a new approval date.
    Reapproved,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExceptionValues {
    pub title: String,
    /// Canonical ids, sorted.
    pub controls: Vec<String>,
    pub scope: Option<String>,
    pub reason: Option<String>,
    pub compensating: Vec<String>,
    pub risk: Option<String>,
    pub approver: Option<String>,
    pub approved_on: Option<String>,
    /// The last valid day.
    pub expires: Option<String>,
    /// `active`, `expiring` or `expired` on the day both sides are judged; `null` without
    /// a valid `expires`.
    pub state: Option<&'static str>,
}

impl ExceptionValues {
    fn of(e: &Exception, hb: &Handbook) -> ExceptionValues {
        let ids = |list: &[ExceptionControl]| canonical_ids(list.iter().map(|c| c.raw.as_str()));
        ExceptionValues {
            title: e.title.clone(),
            controls: ids(&e.controls),
            scope: e.scope.clone(),
            reason: e.reason.clone(),
            compensating: ids(&e.compensating),
            risk: e.risk.clone(),
            approver: e.approver.clone(),
            approved_on: date(e.approved_on),
            expires: date(e.expires),
            // As exceptions.html says: an unapproved exception is in force nowhere.
            state: match e.state(hb.today, hb.config.review.warn_days) {
                Some(ExceptionState::Expired) => Some("expired"),
                _ if !e.approved() => Some("not approved"),
                s => s.map(|s| s.as_str()),
            },
        }
    }

    fn fields(&self) -> [(&'static str, Value); 9] {
        [
            ("title", Value::String(self.title.clone())),
            ("controls", list(&self.controls)),
            ("scope", text(self.scope.as_deref())),
            ("reason", text(self.reason.as_deref())),
            ("compensating", list(&self.compensating)),
            ("risk", text(self.risk.as_deref())),
            ("approver", text(self.approver.as_deref())),
            ("approved_on", text(self.approved_on.as_deref())),
            ("expires", text(self.expires.as_deref())),
        ]
    }
}

pub fn exceptions(base: &Handbook, head: &Handbook) -> ExceptionChanges {
    let side = |hb: &Handbook| ExceptionsSide {
        file: hb.exceptions_file,
        exceptions: hb.exceptions.len(),
        in_force: hb
            .exceptions
            .iter()
            .filter(|e| e.in_force(hb.today))
            .count(),
    };
    let mut out = ExceptionChanges {
        base: side(base),
        head: side(head),
        added: Vec::new(),
        removed: Vec::new(),
        changed: Vec::new(),
    };
    let before: HashMap<&str, &Exception> =
        base.exceptions.iter().map(|e| (e.id.as_str(), e)).collect();
    let after: HashSet<&str> = head.exceptions.iter().map(|e| e.id.as_str()).collect();
    for e in &head.exceptions {
        let now = ExceptionValues::of(e, head);
        let Some(old) = before.get(e.id.as_str()) else {
            out.added.push(ExceptionChange {
                id: e.id.clone(),
                title: e.title.clone(),
                before: None,
                after: Some(now),
                fields: Vec::new(),
                controls_added: Vec::new(),
                controls_removed: Vec::new(),
                expiry: None,
                approval: None,
                needs_attention: true,
            });
            continue;
        };
        let was = ExceptionValues::of(old, base);
        let fields = changes(&was.fields(), &now.fields());
        if fields.is_empty() {
            continue;
        }
        let expiry = expiry_change(old.expires, e.expires);
        let approval = match (old.approved(), e.approved()) {
            (false, true) => Some(ApprovalChange::Approved),
            (true, false) => Some(ApprovalChange::Unapproved),
            (true, true) if old.approver != e.approver => Some(ApprovalChange::ApproverChanged),
            // Approved again means approved later: an earlier date is a correction, not a renewal.
            (true, true) if e.approved_on > old.approved_on => Some(ApprovalChange::Reapproved),
            _ => None,
        };
        let controls_added = missing_from(&now.controls, &was.controls);
        let controls_removed = missing_from(&was.controls, &now.controls);
        let needs_attention =
            expiry.is_some_and(|x| x.change == Expiry::Extended) || !controls_added.is_empty();
        out.changed.push(ExceptionChange {
            id: e.id.clone(),
            title: e.title.clone(),
            before: Some(was),
            after: Some(now),
            fields,
            controls_added,
            controls_removed,
            expiry,
            approval,
            needs_attention,
        });
    }
    for e in &base.exceptions {
        if !after.contains(e.id.as_str()) {
            out.removed.push(ExceptionChange {
                id: e.id.clone(),
                title: e.title.clone(),
                before: Some(ExceptionValues::of(e, base)),
                after: None,
                fields: Vec::new(),
                controls_added: Vec::new(),
                controls_removed: Vec::new(),
                expiry: None,
                approval: None,
                needs_attention: false,
            });
        }
    }
    out
}

fn expiry_change(before: Option<Date>, after: Option<Date>) -> Option<ExpiryChange> {
    let days = crate::dates::days_between(before?, after?);
    let change = match days {
        d if d > 0 => Expiry::Extended,
        d if d < 0 => Expiry::Shortened,
        _ => return None,
    };
    Some(ExpiryChange { change, days })
}

// ----- helpers -----

fn changes<const N: usize>(
    before: &[(&'static str, Value); N],
    after: &[(&'static str, Value); N],
) -> Vec<FieldChange> {
    before
        .iter()
        .zip(after)
        .filter(|((_, b), (_, a))| a != b)
        .map(|((field, b), (_, a))| FieldChange {
            field,
            before: b.clone(),
            after: a.clone(),
        })
        .collect()
}

/// The items of `of` that `other` lacks, in `of`'s order.
fn missing_from(of: &[String], other: &[String]) -> Vec<String> {
    of.iter().filter(|c| !other.contains(c)).cloned().collect()
}

fn date(d: Option<Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

fn text(s: Option<&str>) -> Value {
    s.map_or(Value::Null, |s| Value::String(s.to_owned()))
}

fn number(n: Option<u32>) -> Value {
    n.map_or(Value::Null, Value::from)
}

fn list(items: &[String]) -> Value {
    Value::Array(items.iter().cloned().map(Value::String).collect())
}
