//! Rules over the risk register: every risk treated, its controls applicable and in force,
//! acceptances named, reviews on time.

use crate::finding::{Code, Finding};
use crate::model::frameworks::{Coverage, CtlRef, FwKey};
use crate::model::risks::{Risk, Treatment};
use crate::model::Handbook;

fn at(code: Code, r: &Risk, field: &str, message: String) -> Finding {
    let a = r.at(field);
    Finding::at(code, r.file, a.line, a.column, message)
}

/// `risk-untreated`: no treatment decided, or `mitigate` naming no control.
pub fn untreated(hb: &Handbook) -> Vec<Finding> {
    hb.risks
        .iter()
        .filter_map(|r| match r.treatment {
            // An unknown treatment is already `invalid-risk`.
            None if r.treatment_written => None,
            None => Some(
                at(
                    Code::RiskUntreated,
                    r,
                    "id",
                    format!("risk {} has no treatment", r.id),
                )
                .help("decide one of mitigate, accept, transfer, avoid (ISO/IEC 27001 6.1.3)"),
            ),
            Some(Treatment::Mitigate) if r.controls.is_empty() => Some(
                at(
                    Code::RiskUntreated,
                    r,
                    "treatment",
                    format!("risk {} is mitigated by no control", r.id),
                )
                .help("list the controls that reduce it under `controls`, e.g. [A.8.13, A.5.30]"),
            ),
            Some(_) => None,
        })
        .collect()
}

/// The controls of a risk that resolved, with where each is written.
fn resolved(r: &Risk) -> impl Iterator<Item = (CtlRef, &crate::model::risks::RiskControl)> {
    r.controls
        .iter()
        .filter_map(|c| c.control.map(|ctl| (ctl, c)))
}

/// Whether a control applies, and how it is covered.
fn coverage(hb: &Handbook, c: CtlRef) -> Coverage {
    match c.fw {
        FwKey::AnnexA => hb.controls.get(c.idx).map_or(Coverage::Uncovered, |s| {
            crate::model::frameworks::coverage_of(s.applicable(), s)
        }),
        FwKey::Declared(i) => hb
            .frameworks
            .list
            .get(i)
            .filter(|f| c.idx < f.controls.len())
            .map_or(Coverage::Uncovered, |f| f.coverage(c.idx)),
    }
}

/// `risk-control-not-implemented`: a treatment control no approved document implements.
/// Complete coverage through a mapping counts as implemented; partial coverage does not.
pub fn controls_not_implemented(hb: &Handbook) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in &hb.risks {
        for (ctl, c) in resolved(r) {
            let why = match coverage(hb, ctl) {
                Coverage::Uncovered => "no approved document implements it",
                Coverage::PartialViaMapping => {
                    "no approved document implements it, and mappings cover it only in part (complete coverage through a mapping would count)"
                }
                _ => continue,
            };
            let id = hb.frameworks.qualified_id(ctl);
            out.push(
                Finding::at(
                    Code::RiskControlNotImplemented,
                    r.file,
                    c.at.line,
                    c.at.column,
                    format!("risk {} relies on {id}, but {why}", r.id),
                )
                .control(&id)
                .help(format!(
                    "list {id} in the `controls` of the approved document that implements it"
                )),
            );
        }
    }
    out
}

/// `excluded-control-treats-risk`: the SoA (or a framework's applicability file) excludes a
/// control a risk's treatment relies on.
pub fn excluded_controls(hb: &Handbook) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in &hb.risks {
        for (ctl, c) in resolved(r) {
            let (excluded, file) = match ctl.fw {
                FwKey::AnnexA => (
                    hb.controls.get(ctl.idx).is_some_and(|s| !s.applicable()),
                    crate::model::soa::FILE_NAME.to_owned(),
                ),
                FwKey::Declared(i) => match hb.frameworks.list.get(i) {
                    Some(f) => (
                        f.controls.get(ctl.idx).is_some_and(|s| !s.applicable()),
                        hb.config
                            .frameworks
                            .iter()
                            .find(|d| d.id.eq_ignore_ascii_case(&f.id))
                            .and_then(|d| d.applicability.clone())
                            .unwrap_or_else(|| "its applicability file".to_owned()),
                    ),
                    None => continue,
                },
            };
            if !excluded {
                continue;
            }
            let id = hb.frameworks.qualified_id(ctl);
            out.push(
                Finding::at(
                    Code::ExcludedControlTreatsRisk,
                    r.file,
                    c.at.line,
                    c.at.column,
                    format!("risk {} relies on {id}, which {file} excludes", r.id),
                )
                .control(&id)
                .help(format!(
                    "include {id} in {file}, or treat the risk with other controls"
                )),
            );
        }
    }
    out
}

/// `risk-acceptance-missing`: a residual score above `[risk] appetite`, or an `accept`
/// treatment, without `accepted_by` and `accepted_on`.
pub fn acceptances(hb: &Handbook) -> Vec<Finding> {
    let appetite = hb.config.risk.appetite();
    let mut out = Vec::new();
    for r in &hb.risks {
        let residual = r.residual();
        let above = residual.is_some_and(|s| s > appetite);
        let accept = r.treatment == Some(Treatment::Accept);
        if !(above || accept) {
            continue;
        }
        let missing: Vec<&str> = [
            ("accepted_by", r.accepted_by.is_none()),
            // A date that is not one is `invalid-risk` already, not a missing one.
            (
                "accepted_on",
                r.accepted_on.is_none() && !r.written("accepted_on"),
            ),
        ]
        .into_iter()
        .filter_map(|(k, m)| m.then_some(k))
        .collect();
        if missing.is_empty() {
            continue;
        }
        let why = match (above, residual) {
            (true, Some(s)) => {
                format!("its residual score {s} is above the appetite of {appetite}")
            }
            _ => "its treatment is accept".to_owned(),
        };
        out.push(
            at(
                Code::RiskAcceptanceMissing,
                r,
                "id",
                format!(
                    "risk {}: {why}, but {} {} missing",
                    r.id,
                    missing.join(" and "),
                    if missing.len() > 1 { "are" } else { "is" }
                ),
            )
            .help("the risk owner accepts the residual risk: write who (accepted_by) and when (accepted_on, YYYY-MM-DD)"),
        );
    }
    out
}

/// `overdue-risk-review`: reviewed longer ago than its interval, or never.
pub fn reviews(hb: &Handbook) -> Vec<Finding> {
    hb.risks
        .iter()
        .filter(|r| r.review_overdue(hb.today))
        .map(|r| match r.next_review() {
            None => at(
                Code::OverdueRiskReview,
                r,
                "id",
                format!("risk {} has never been reviewed (no last_reviewed)", r.id),
            )
            .help("review the risk and write the date as last_reviewed (YYYY-MM-DD)"),
            Some(next) => at(
                Code::OverdueRiskReview,
                r,
                "last_reviewed",
                format!(
                    "risk {} was due for review on {next} ({} months after {})",
                    r.id,
                    r.review_interval,
                    r.last_reviewed.map(|d| d.to_string()).unwrap_or_default()
                ),
            )
            .help("review the risk and update last_reviewed"),
        })
        .collect()
}
