//! Coverage: how each control of any framework is met — by documents of its own, or derived
//! through crosswalks to implemented controls of another framework — and the counts of it.

use super::{CtlRef, Framework, FwKey, Mapping};
use crate::model::ControlState;

/// How a control is met. Direct implementation and coverage derived through a mapping are kept
/// apart everywhere they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Coverage {
    /// Not applicable (excluded, withdrawn, or a heading over other controls).
    NotApplicable,
    /// An approved document lists it.
    Implemented,
    /// Not listed, but mapped `equal-to`/`equivalent-to`/`subset-of` to controls that are all
    /// implemented.
    ViaMapping,
    /// Not listed; mapped by a weaker relationship, or to controls of which only some are
    /// implemented.
    PartialViaMapping,
    Uncovered,
}

impl Coverage {
    pub fn as_str(self) -> &'static str {
        match self {
            Coverage::NotApplicable => "not-applicable",
            Coverage::Implemented => "implemented",
            Coverage::ViaMapping => "via-mapping",
            Coverage::PartialViaMapping => "partial-via-mapping",
            Coverage::Uncovered => "uncovered",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Coverage::NotApplicable => "Not applicable",
            Coverage::Implemented => "Implemented",
            Coverage::ViaMapping => "Covered via mapping",
            Coverage::PartialViaMapping => "Partially covered via mapping",
            Coverage::Uncovered => "Not covered",
        }
    }
}

/// The coverage of one control from its state.
pub fn coverage_of(applicable: bool, state: &ControlState) -> Coverage {
    if !applicable {
        Coverage::NotApplicable
    } else if !state.implemented_by.is_empty() {
        Coverage::Implemented
    } else if !state.derived.full.is_empty() {
        Coverage::ViaMapping
    } else if !state.derived.partial.is_empty() {
        Coverage::PartialViaMapping
    } else {
        Coverage::Uncovered
    }
}

/// Counts of a framework's applicable requirements by coverage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct CoverageCounts {
    pub applicable: usize,
    pub implemented: usize,
    pub via_mapping: usize,
    pub partial_via_mapping: usize,
    pub uncovered: usize,
}

impl CoverageCounts {
    pub fn of(all: impl Iterator<Item = Coverage>) -> CoverageCounts {
        let mut c = CoverageCounts::default();
        for cov in all {
            match cov {
                Coverage::NotApplicable => continue,
                Coverage::Implemented => c.implemented += 1,
                Coverage::ViaMapping => c.via_mapping += 1,
                Coverage::PartialViaMapping => c.partial_via_mapping += 1,
                Coverage::Uncovered => c.uncovered += 1,
            }
            c.applicable += 1;
        }
        c
    }
}

/// A mapping that gives a control coverage; `reversed` when the control is one of its targets
/// (an `equal-to` mapping read backwards, or a `superset-of` one whose source is implemented).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MapUse {
    pub mapping: usize,
    pub reversed: bool,
}

/// Coverage a control has through mappings, beside any documents of its own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Derived {
    /// Mappings through which implemented controls cover it completely.
    pub full: Vec<MapUse>,
    /// Mappings through which it is covered in part.
    pub partial: Vec<MapUse>,
}

/// Whether a control is implemented on its own: an applicable requirement an approved document
/// lists. A listed heading (a CSF category) or an excluded control is not, so neither lends
/// coverage through a mapping.
pub fn directly_implemented(annex_a: &[ControlState], fws: &[Framework], c: CtlRef) -> bool {
    match c.fw {
        FwKey::AnnexA => annex_a
            .get(c.idx)
            .is_some_and(|s| coverage_of(s.applicable(), s) == Coverage::Implemented),
        FwKey::Declared(i) => fws.get(i).is_some_and(|f| {
            c.idx < f.controls.len() && f.coverage(c.idx) == Coverage::Implemented
        }),
    }
}

/// Fills in what mappings give each control: for every mapping, its source from its targets,
/// and each target from its source read backwards. Only direct implementation counts at the
/// other end, so coverage never travels along a chain of mappings.
pub fn derive_coverage(
    annex_a: &mut [ControlState],
    frameworks: &mut [Framework],
    mappings: &[Mapping],
) {
    let implemented = directly_implemented;
    let mut gains: Vec<(CtlRef, MapUse, bool)> = Vec::new();
    for (mi, m) in mappings.iter().enumerate() {
        let done: Vec<bool> =
            m.to.iter()
                .map(|&t| implemented(annex_a, frameworks, t))
                .collect();
        if done.iter().any(|&d| d) {
            let full = m.relationship.covers_source() && done.iter().all(|&d| d);
            gains.push((
                m.from,
                MapUse {
                    mapping: mi,
                    reversed: false,
                },
                full,
            ));
        }
        if implemented(annex_a, frameworks, m.from) {
            let full = m.relationship.inverse().covers_source();
            for &t in &m.to {
                gains.push((
                    t,
                    MapUse {
                        mapping: mi,
                        reversed: true,
                    },
                    full,
                ));
            }
        }
    }
    for (c, used, full) in gains {
        let state = match c.fw {
            FwKey::AnnexA => annex_a.get_mut(c.idx),
            FwKey::Declared(i) => frameworks
                .get_mut(i)
                .and_then(|f| f.controls.get_mut(c.idx)),
        };
        if let Some(s) = state {
            if full {
                s.derived.full.push(used);
            } else {
                s.derived.partial.push(used);
            }
        }
    }
}
