//! The frameworks as data for other tools: `frameworks/<id>/applicability.csv` for every
//! declared framework, and the `frameworks` and `mappings` parts of `handbook.json`. Annex A
//! keeps `soa.csv`; in `handbook.json` it is the first framework, `iso27001`.
//!
//! Direct implementation (an approved document lists the control) and coverage derived through
//! a mapping are separate columns and fields everywhere here, never one "covered" flag.

use super::site::Site;
use super::soa;
use crate::model::frameworks::{coverage_of, Coverage, CoverageCounts, CtlRef, FwKey, MapUse};
use crate::model::{ControlState, DocIdx, Handbook};
use serde::Serialize;
use std::collections::HashMap;

/// Where a declared framework's applicability spreadsheet goes.
pub fn applicability_csv_path(fw: &str) -> String {
    format!("frameworks/{fw}/applicability.csv")
}

/// Every framework: Annex A first, then the declared ones in the order of `ismsbook.toml`.
pub fn all(hb: &Handbook) -> impl Iterator<Item = FwKey> {
    std::iter::once(FwKey::AnnexA).chain((0..hb.frameworks.list.len()).map(FwKey::Declared))
}

/// A current control of any framework, as the data outputs list it.
pub struct Ctl<'a> {
    pub key: CtlRef,
    /// As the catalog writes it (`PR.AA-01`, `A.5.1`).
    pub id: &'a str,
    /// As documents write it (`csf:PR.AA-01`, `A.5.1`).
    pub qualified: String,
    pub heading: &'a str,
    /// The group it is listed under (an Annex A theme, a CSF category), when any.
    pub group: String,
    /// Its page, from the site root.
    pub page: String,
    /// A requirement of its own, not a heading over other controls (a CSF category).
    pub requirement: bool,
    pub applicable: bool,
    pub state: &'a ControlState,
}

impl Ctl<'_> {
    pub fn coverage(&self) -> Coverage {
        coverage_of(self.applicable, self.state)
    }
}

/// The current controls of `fw` (withdrawn ones left out), in catalog order.
pub fn controls<'a>(site: &Site<'a>, fw: FwKey) -> Vec<Ctl<'a>> {
    let hb = site.hb;
    match fw {
        FwKey::AnnexA => hb
            .catalog
            .controls
            .iter()
            .zip(&hb.controls)
            .enumerate()
            .map(|(idx, (c, state))| Ctl {
                key: CtlRef { fw, idx },
                id: &c.id,
                qualified: c.id.clone(),
                heading: &c.title,
                group: c.theme.label().to_owned(),
                page: site.ctl_page(CtlRef { fw, idx }),
                requirement: true,
                applicable: state.applicable(),
                state,
            })
            .collect(),
        FwKey::Declared(i) => {
            let Some(f) = hb.frameworks.list.get(i) else {
                return Vec::new();
            };
            f.catalog
                .current()
                .filter_map(|(idx, c)| {
                    let state = f.controls.get(idx)?;
                    let group = c
                        .group
                        .and_then(|g| f.catalog.groups.get(g))
                        .map(|g| match &g.id {
                            Some(id) if !g.title.starts_with(id.as_str()) => {
                                format!("{id} {}", g.title)
                            }
                            _ => g.title.clone(),
                        })
                        .unwrap_or_default();
                    Some(Ctl {
                        key: CtlRef { fw, idx },
                        id: &c.id,
                        qualified: f.qualified_id(idx),
                        heading: c.heading(),
                        group,
                        page: site.ctl_page(CtlRef { fw, idx }),
                        requirement: f.requirement.get(idx).copied().unwrap_or(false),
                        applicable: f.applicable(idx),
                        state,
                    })
                })
                .collect()
        }
    }
}

/// A mapping that gives a control coverage, seen from that control: the other side's ids and
/// the relationship read from this control (`A.5.1 (subset-of)`).
pub fn describe_use(hb: &Handbook, u: MapUse) -> Option<String> {
    let m = hb.frameworks.mappings.get(u.mapping)?;
    let fws = &hb.frameworks;
    Some(if u.reversed {
        format!(
            "{} ({})",
            fws.qualified_id(m.from),
            m.relationship.inverse().as_str()
        )
    } else {
        let to: Vec<String> = m.to.iter().map(|&c| fws.qualified_id(c)).collect();
        format!("{} ({})", to.join(", "), m.relationship.as_str())
    })
}

/// The approved, published documents implementing a control.
fn documents(site: &Site, state: &ControlState) -> Vec<DocIdx> {
    state
        .implemented_by
        .iter()
        .copied()
        .filter(|&i| site.is_published(i))
        .collect()
}

/// The keys of the columns of `frameworks/<id>/applicability.csv`: the SoA's, with coverage
/// and the mappings it comes through kept in columns of their own.
pub const CSV_HEADER_KEYS: [&str; 9] = [
    "ctl-soa-col-control",
    "ctl-fw-col-group",
    "ctl-soa-col-title",
    "ctl-soa-col-applicable",
    "ctl-soa-col-justification",
    "ctl-soa-col-status",
    "ctl-fw-col-coverage",
    "ctl-soa-col-documents",
    "ctl-fw-col-mapped-via",
];

/// `frameworks/<id>/applicability.csv` for declared framework `i`: one row per requirement
/// (headings such as CSF categories are the Group column), written like `soa.csv`.
pub fn applicability_csv(site: &Site, i: usize) -> Vec<u8> {
    let hb = site.hb;
    let lang = site.lang;
    let (yes, no) = (lang.text("ctl-yes"), lang.text("ctl-no"));
    let rows = controls(site, FwKey::Declared(i))
        .into_iter()
        .filter(|c| c.requirement)
        .map(|c| {
            let docs: Vec<String> = documents(site, c.state)
                .into_iter()
                .map(|d| format!("{} {}", hb.documents[d].id, hb.documents[d].title))
                .collect();
            let derived = &c.state.derived;
            let via: Vec<String> = derived
                .full
                .iter()
                .filter_map(|&u| describe_use(hb, u))
                .chain(derived.partial.iter().filter_map(|&u| {
                    describe_use(hb, u).map(|d| lang.with("ctl-fw-partly", "mapping", d))
                }))
                .collect();
            let decision = c.state.decision.as_ref();
            [
                c.id.to_owned(),
                c.group.clone(),
                c.heading.to_owned(),
                if c.applicable { &yes } else { &no }.clone().into_owned(),
                decision
                    .and_then(|d| d.justification.clone())
                    .unwrap_or_default(),
                c.state
                    .status()
                    .filter(|_| c.applicable)
                    .map_or_else(|| "—".to_owned(), |s| soa::impl_label(lang, s)),
                super::frameworks::coverage_label(lang, c.coverage()),
                docs.join("; "),
                via.join("; "),
            ]
        });
    let header = CSV_HEADER_KEYS.map(|k| lang.text(k).into_owned());
    soa::spreadsheet_csv(&header, rows)
}

/// `handbook.json`'s `frameworks`: one entry per framework, Annex A first.
#[derive(Serialize)]
pub struct FrameworkJson<'a> {
    /// `iso27001`, or the prefix declared in `ismsbook.toml`.
    id: &'a str,
    name: &'a str,
    /// A built-in catalog's name or the catalog file, as declared.
    catalog: &'a str,
    catalog_version: Option<&'a str>,
    /// The applicability file (`soa.yaml` for Annex A), when there is one.
    applicability: Option<&'a str>,
    /// Its applicability spreadsheet in the site.
    spreadsheet: String,
    counts: CoverageCounts,
    controls: Vec<FwControlJson<'a>>,
}

#[derive(Serialize)]
struct FwControlJson<'a> {
    id: &'a str,
    qualified_id: String,
    title: &'a str,
    group: String,
    url: String,
    /// False for a heading over other controls (a CSF category): never counted.
    requirement: bool,
    applicable: bool,
    justification: Option<&'a str>,
    status: Option<crate::model::soa::ImplStatus>,
    coverage: Coverage,
    /// Ids of the approved documents listing it: direct implementation only.
    documents: Vec<&'a str>,
    /// Mappings through which implemented controls cover it completely / in part.
    via_mapping: Vec<String>,
    partially_via_mapping: Vec<String>,
    /// Indexes into `mappings` of every mapping entry naming it, on either side.
    mappings: Vec<usize>,
}

/// `handbook.json`'s `mappings`: every resolved entry of every `[[mappings]]` file.
#[derive(Serialize)]
pub struct MappingJson<'a> {
    from: String,
    to: Vec<String>,
    relationship: &'static str,
    note: Option<&'a str>,
    file: &'a str,
    line: u32,
}

pub fn frameworks_json<'a>(site: &Site<'a>) -> Vec<FrameworkJson<'a>> {
    let hb: &'a Handbook = site.hb;
    // Mapping entries by the controls they name, built once: linear in the mappings.
    let mut named: HashMap<CtlRef, Vec<usize>> = HashMap::new();
    for (m, mapping) in hb.frameworks.mappings.iter().enumerate() {
        for &c in std::iter::once(&mapping.from).chain(&mapping.to) {
            let list = named.entry(c).or_default();
            if list.last() != Some(&m) {
                list.push(m);
            }
        }
    }
    all(hb)
        .map(|fw| {
            let ctls = controls(site, fw);
            let counts = CoverageCounts::of(ctls.iter().map(Ctl::coverage));
            let (id, name) = hb.frameworks.describe(fw);
            let (catalog, catalog_version, applicability): (&str, Option<&str>, Option<&str>) =
                match fw {
                    FwKey::AnnexA => ("iso27001-2022", None, Some("soa.yaml")),
                    FwKey::Declared(i) => {
                        let f = &hb.frameworks.list[i];
                        let declared = hb
                            .config
                            .frameworks
                            .iter()
                            .find(|d| d.id == f.id)
                            .map(|d| d.catalog.trim())
                            .unwrap_or_default();
                        (
                            declared,
                            f.catalog.version.as_deref(),
                            f.applicability.as_deref(),
                        )
                    }
                };
            let spreadsheet = match fw {
                FwKey::AnnexA => "soa.csv".to_owned(),
                FwKey::Declared(_) => applicability_csv_path(id),
            };
            let controls = ctls
                .into_iter()
                .map(|c| {
                    let uses = |list: &[MapUse]| -> Vec<String> {
                        list.iter().filter_map(|&u| describe_use(hb, u)).collect()
                    };
                    FwControlJson {
                        id: c.id,
                        coverage: c.coverage(),
                        url: c.page.clone(),
                        title: c.heading,
                        requirement: c.requirement,
                        applicable: c.applicable,
                        justification: c
                            .state
                            .decision
                            .as_ref()
                            .and_then(|d| d.justification.as_deref()),
                        status: c.state.status().filter(|_| c.applicable),
                        documents: documents(site, c.state)
                            .into_iter()
                            .map(|d| hb.documents[d].id.as_str())
                            .collect(),
                        via_mapping: uses(&c.state.derived.full),
                        partially_via_mapping: uses(&c.state.derived.partial),
                        mappings: named.get(&c.key).cloned().unwrap_or_default(),
                        qualified_id: c.qualified,
                        group: c.group,
                    }
                })
                .collect();
            FrameworkJson {
                id,
                name,
                catalog,
                catalog_version,
                // soa.yaml only when it decided something (it may be absent).
                applicability: applicability.filter(|_| {
                    fw != FwKey::AnnexA || hb.controls.iter().any(|s| s.decision.is_some())
                }),
                spreadsheet,
                counts,
                controls,
            }
        })
        .collect()
}

pub fn mappings_json(hb: &Handbook) -> Vec<MappingJson<'_>> {
    let fws = &hb.frameworks;
    fws.mappings
        .iter()
        .map(|m| MappingJson {
            from: fws.qualified_id(m.from),
            to: m.to.iter().map(|&c| fws.qualified_id(c)).collect(),
            relationship: m.relationship.as_str(),
            note: m.note.as_deref(),
            file: &m.file,
            line: m.line,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn spreadsheets_sit_under_the_framework() {
        assert_eq!(
            super::applicability_csv_path("csf"),
            "frameworks/csf/applicability.csv"
        );
    }
}
