//! `exceptions.html` (every exception with its state), the exceptions in force on control
//! pages, and their expiry dates in `reviews.ics`.

use super::site::{href, Badge, Site};
use crate::model::exceptions::{Exception, ExceptionControl, ExceptionState};
use crate::model::frameworks::CtlRef;
use crate::source::scan::slug;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

pub const PAGE: &str = "exceptions.html";

/// Built once per site, so that control pages stay linear in size.
#[derive(Default)]
pub struct Index {
    /// The exceptions in force on the build's day (approved, not expired) by each control
    /// they deviate from, in file order.
    by_control: HashMap<CtlRef, Vec<usize>>,
    /// Each exception's anchor on `exceptions.html`, unique.
    anchors: Vec<String>,
    /// Each exception's state badge, worded on first use: control and risk pages repeat them.
    badges: OnceLock<Vec<Badge>>,
}

impl Index {
    pub fn new(hb: &crate::model::Handbook) -> Index {
        let mut by_control: HashMap<CtlRef, Vec<usize>> = HashMap::new();
        let mut used = HashSet::new();
        let mut anchors = Vec::with_capacity(hb.exceptions.len());
        for (i, e) in hb.exceptions.iter().enumerate() {
            // Ids are unique, their slugs not always (`EX 1`, `EX-1`).
            let base = format!("exception-{}", slug(&e.id));
            let a = if used.contains(&base) {
                format!("{base}-{}", i + 1)
            } else {
                base
            };
            used.insert(a.clone());
            anchors.push(a);
            if !e.in_force(hb.today) {
                continue;
            }
            for c in e.controls.iter().filter_map(|c| c.control) {
                let list = by_control.entry(c).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        Index {
            by_control,
            anchors,
            badges: OnceLock::new(),
        }
    }

    pub(super) fn anchor(&self, i: usize) -> &str {
        self.anchors.get(i).map_or("", String::as_str)
    }
}

/// The state badge of exception `i`.
pub(super) fn badge(site: &Site, i: usize) -> Badge {
    site.exceptions
        .badges
        .get_or_init(|| {
            site.hb
                .exceptions
                .iter()
                .map(|e| word_badge(site, e))
                .collect()
        })
        .get(i)
        .cloned()
        .unwrap_or(Badge {
            class: "error",
            label: String::new(),
        })
}

fn word_badge(site: &Site, e: &Exception) -> Badge {
    let (hb, lang) = (site.hb, site.lang);
    // An unapproved exception is in force nowhere, whatever its expiry says.
    let expired = e.state(hb.today, hb.config.review.warn_days) == Some(ExceptionState::Expired);
    if !e.approved() && !expired {
        return Badge {
            class: "error",
            label: lang.text("exc-badge-not-approved").into_owned(),
        };
    }
    match (
        e.state(hb.today, hb.config.review.warn_days),
        e.days_left(hb.today),
    ) {
        (Some(ExceptionState::Expired), _) => Badge {
            class: "error",
            label: lang.text("exc-badge-expired").into_owned(),
        },
        (Some(ExceptionState::Expiring), Some(0)) => Badge {
            class: "warning",
            label: lang.text("exc-badge-expiring-today").into_owned(),
        },
        (Some(ExceptionState::Expiring), Some(n)) => Badge {
            class: "warning",
            label: lang.count("exc-badge-expiring-in", n),
        },
        (Some(_), _) => Badge {
            class: "ok",
            label: lang.text("exc-badge-active").into_owned(),
        },
        (None, _) => Badge {
            class: "error",
            label: lang.text("exc-badge-no-expiry").into_owned(),
        },
    }
}

#[derive(Serialize)]
struct CtlLink {
    id: String,
    /// None when the id names no control (an `unknown-control` finding says so).
    href: Option<String>,
}

fn links(site: &Site, page: &str, list: &[ExceptionControl]) -> Vec<CtlLink> {
    list.iter()
        .map(|c| CtlLink {
            id: c
                .control
                .map_or_else(|| c.raw.clone(), |r| site.hb.frameworks.qualified_id(r)),
            href: c.control.map(|r| href(page, &site.ctl_page(r), None)),
        })
        .collect()
}

#[derive(Serialize)]
struct ExceptionView {
    id: String,
    anchor: String,
    title: String,
    controls: Vec<CtlLink>,
    compensating: Vec<CtlLink>,
    scope: Option<String>,
    reason: Option<String>,
    risk: Option<String>,
    /// The risk's page, when the register has it.
    risk_href: Option<String>,
    approver: Option<String>,
    approved_on: Option<String>,
    approved: bool,
    expires: String,
    badge: Badge,
}

#[derive(Serialize)]
pub struct ExceptionsPage {
    exceptions: Vec<ExceptionView>,
    count: usize,
    expired: usize,
    expiring: usize,
}

pub fn page(site: &Site, page: &str) -> ExceptionsPage {
    let hb = site.hb;
    let exceptions: Vec<ExceptionView> = hb
        .exceptions
        .iter()
        .enumerate()
        .map(|(i, e)| ExceptionView {
            id: e.id.clone(),
            anchor: site.exceptions.anchor(i).to_owned(),
            title: e.title.clone(),
            controls: links(site, page, &e.controls),
            compensating: links(site, page, &e.compensating),
            scope: e.scope.clone(),
            reason: e.reason.clone(),
            risk: e.risk.clone(),
            risk_href: e
                .risk
                .as_deref()
                .and_then(|r| site.risks.page_of(r))
                .map(|p| href(page, p, None)),
            approver: e.approver.clone(),
            approved_on: e.approved_on.map(|d| site.lang.date(d)),
            approved: e.approved(),
            expires: site.lang.date_or_dash(e.expires),
            badge: badge(site, i),
        })
        .collect();
    let state = |s: ExceptionState| {
        hb.exceptions
            .iter()
            .filter(|e| e.state(hb.today, hb.config.review.warn_days) == Some(s))
            .count()
    };
    ExceptionsPage {
        count: exceptions.len(),
        expired: state(ExceptionState::Expired),
        expiring: state(ExceptionState::Expiring),
        exceptions,
    }
}

/// An exception in force, as a control page lists it.
#[derive(Serialize)]
pub struct InForce {
    id: String,
    title: String,
    href: String,
    scope: Option<String>,
    expires: String,
    badge: Badge,
}

/// The exceptions in force that deviate from `c`, each with its anchor on [`PAGE`], in file
/// order: what the SoA's row for `c` names.
pub fn in_force_on<'s>(
    site: &'s Site,
    c: CtlRef,
) -> impl Iterator<Item = (&'s Exception, &'s str)> {
    site.exceptions
        .by_control
        .get(&c)
        .into_iter()
        .flatten()
        .filter_map(|&i| {
            site.hb
                .exceptions
                .get(i)
                .map(|e| (e, site.exceptions.anchor(i)))
        })
}

/// The exceptions in force that deviate from `c`, for its page.
pub fn on_control(site: &Site, c: CtlRef, page: &str) -> Vec<InForce> {
    let Some(list) = site.exceptions.by_control.get(&c) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|&i| site.hb.exceptions.get(i).map(|e| (i, e)))
        .map(|(i, e)| InForce {
            id: e.id.clone(),
            title: e.title.clone(),
            href: href(page, PAGE, Some(site.exceptions.anchor(i))),
            scope: e.scope.clone(),
            expires: site.lang.date_or_dash(e.expires),
            badge: badge(site, i),
        })
        .collect()
}
