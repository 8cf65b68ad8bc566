//! The pages of frameworks beyond Annex A (`frameworks/`): an overview of every framework's
//! coverage and the crosswalks, one page per declared framework and per control of its catalog,
//! and the documents × frameworks matrix. Written only when `[[frameworks]]` are declared, so a
//! site of Annex A alone is as before.
//!
//! Coverage a control has of its own (an approved document lists it) and coverage derived
//! through a mapping are always shown apart.

use super::parts::Rows;
use super::site::*;
use crate::model::frameworks::{coverage_of, Coverage, CoverageCounts, CtlRef, FwKey, Mapping};
use crate::model::{ControlState, Handbook};
use serde::Serialize;
use std::collections::HashMap;

pub const INDEX: &str = "frameworks/index.html";
pub const MATRIX: &str = "frameworks/matrix.html";

/// `frameworks/<id>/index.html`.
pub fn framework_index(id: &str) -> String {
    format!("{}index.html", fw_folder(id))
}

/// Every path the framework pages take (none without declared frameworks).
pub fn paths(hb: &Handbook) -> Vec<String> {
    if hb.frameworks.list.is_empty() {
        return Vec::new();
    }
    let mut paths = vec![INDEX.to_owned(), MATRIX.to_owned()];
    for fw in &hb.frameworks.list {
        let folder = fw_folder(&fw.id);
        paths.push(framework_index(&fw.id));
        paths.extend(
            fw_page_names(fw)
                .into_iter()
                .map(|name| format!("{folder}{name}")),
        );
    }
    paths
}

/// Every mapping a control takes part in: `(mapping, reversed)`, `reversed` when the control
/// is one of the mapping's targets. Built once per build so no page scans all mappings.
#[derive(Default)]
pub struct MapIndex(HashMap<CtlRef, Vec<(usize, bool)>>);

impl MapIndex {
    pub fn new(mappings: &[Mapping]) -> MapIndex {
        let mut by: HashMap<CtlRef, Vec<(usize, bool)>> = HashMap::new();
        for (i, m) in mappings.iter().enumerate() {
            by.entry(m.from).or_default().push((i, false));
            for &t in &m.to {
                by.entry(t).or_default().push((i, true));
            }
        }
        MapIndex(by)
    }

    fn of(&self, c: CtlRef) -> &[(usize, bool)] {
        self.0.get(&c).map(Vec::as_slice).unwrap_or_default()
    }
}

fn state(hb: &Handbook, c: CtlRef) -> &ControlState {
    match c.fw {
        FwKey::AnnexA => &hb.controls[c.idx],
        FwKey::Declared(f) => &hb.frameworks.list[f].controls[c.idx],
    }
}

fn applicable(hb: &Handbook, c: CtlRef) -> bool {
    match c.fw {
        FwKey::AnnexA => hb.controls[c.idx].applicable(),
        FwKey::Declared(f) => hb.frameworks.list[f].applicable(c.idx),
    }
}

/// A control's id within its framework and what to call it beside the id.
fn id_and_heading(hb: &Handbook, c: CtlRef) -> (&str, &str) {
    match c.fw {
        FwKey::AnnexA => {
            let ctl = hb.catalog.control(c.idx);
            (&ctl.id, &ctl.title)
        }
        FwKey::Declared(f) => {
            let ctl = hb.frameworks.list[f].catalog.control(c.idx);
            (&ctl.id, ctl.heading())
        }
    }
}

// ----- coverage -----

/// A framework's coverage as numbers and as the segments of a stacked bar, direct
/// implementation and each kind of derived coverage apart.
#[derive(Serialize)]
pub struct CountsView {
    pub applicable: usize,
    pub implemented: usize,
    pub via_mapping: usize,
    pub partial_via_mapping: usize,
    pub uncovered: usize,
    /// Requirements excluded (or otherwise not applicable).
    pub not_applicable: usize,
    /// Percent of applicable requirements implemented directly, and covered by either way.
    pub percent_direct: usize,
    pub percent_covered: usize,
    pub segments: Vec<Segment>,
}

#[derive(Serialize)]
pub struct Segment {
    class: &'static str,
    label: String,
    count: usize,
    /// CSS width in percent of the applicable requirements.
    width: String,
}

/// A framework's name as pages show it: Annex A's in the interface language ("ISO/IEC
/// 27001:2022 Anhang A"), a declared one's as `ismsbook.toml` names it.
fn fw_name(site: &Site, fw: FwKey) -> String {
    match fw {
        FwKey::AnnexA => site.lang.text("ctl-annex-a-name").into_owned(),
        FwKey::Declared(_) => site.hb.frameworks.describe(fw).1.to_owned(),
    }
}

/// A coverage's name in the interface language ("Covered via mapping").
pub fn coverage_label(lang: &crate::i18n::Lang, c: Coverage) -> String {
    lang.text(match c {
        Coverage::NotApplicable => "ctl-cov-not-applicable",
        Coverage::Implemented => "ctl-cov-implemented",
        Coverage::ViaMapping => "ctl-cov-via-mapping",
        Coverage::PartialViaMapping => "ctl-cov-partial-via-mapping",
        Coverage::Uncovered => "ctl-cov-uncovered",
    })
    .into_owned()
}

fn counts_view(lang: &crate::i18n::Lang, c: CoverageCounts, requirements: usize) -> CountsView {
    let pct = |n: usize| (n * 100).checked_div(c.applicable).unwrap_or(0);
    let segments = [
        (Coverage::Implemented, c.implemented),
        (Coverage::ViaMapping, c.via_mapping),
        (Coverage::PartialViaMapping, c.partial_via_mapping),
        (Coverage::Uncovered, c.uncovered),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(cov, n)| Segment {
        class: cov.as_str(),
        label: coverage_label(lang, cov),
        count: n,
        width: format!("{:.2}", n as f64 * 100.0 / c.applicable.max(1) as f64),
    })
    .collect();
    CountsView {
        applicable: c.applicable,
        implemented: c.implemented,
        via_mapping: c.via_mapping,
        partial_via_mapping: c.partial_via_mapping,
        uncovered: c.uncovered,
        not_applicable: requirements.saturating_sub(c.applicable),
        percent_direct: pct(c.implemented),
        percent_covered: pct(c.implemented + c.via_mapping),
        segments,
    }
}

/// A coverage badge: `derived` when the coverage comes through a mapping.
#[derive(Serialize)]
pub struct CoverageBadge {
    class: &'static str,
    label: String,
    derived: bool,
}

fn badge(lang: &crate::i18n::Lang, c: Coverage) -> CoverageBadge {
    CoverageBadge {
        class: c.as_str(),
        label: coverage_label(lang, c),
        derived: matches!(c, Coverage::ViaMapping | Coverage::PartialViaMapping),
    }
}

/// One framework's line in the overview and on the dashboard.
#[derive(Serialize)]
pub struct FwSummary {
    id: String,
    name: String,
    href: String,
    annex_a: bool,
    counts: CountsView,
}

/// Annex A first (linking its controls index), then every declared framework.
pub fn summaries(site: &Site, page: &str) -> Vec<FwSummary> {
    let hb = site.hb;
    let annex = CoverageCounts::of(hb.controls.iter().map(|s| coverage_of(s.applicable(), s)));
    let (prefix, _) = hb.frameworks.describe(FwKey::AnnexA);
    let mut out = vec![FwSummary {
        id: prefix.to_owned(),
        name: fw_name(site, FwKey::AnnexA),
        href: href(page, "controls/index.html", None),
        annex_a: true,
        counts: counts_view(site.lang, annex, hb.controls.len()),
    }];
    out.extend(hb.frameworks.list.iter().map(|fw| FwSummary {
        id: fw.id.clone(),
        name: fw.name.clone(),
        href: href(page, &framework_index(&fw.id), None),
        annex_a: false,
        counts: counts_view(
            site.lang,
            fw.counts(),
            fw.requirement.iter().filter(|r| **r).count(),
        ),
    }));
    out
}

// ----- frameworks/index.html -----

#[derive(Serialize)]
pub struct OverviewPage {
    frameworks: Vec<FwSummary>,
    crosswalks: Vec<Crosswalk>,
    matrix_href: String,
}

#[derive(Serialize)]
struct Crosswalk {
    from: String,
    from_name: String,
    to: String,
    to_name: String,
    file: String,
    /// Entries whose controls resolved.
    entries: usize,
}

pub fn overview(site: &Site, page: &str) -> OverviewPage {
    let hb = site.hb;
    let name_of = |id: &str| -> String {
        if id.eq_ignore_ascii_case(crate::config::ANNEX_A_ID) {
            fw_name(site, FwKey::AnnexA)
        } else {
            hb.frameworks
                .get(id)
                .map(|f| f.name.clone())
                .unwrap_or_default()
        }
    };
    let mut entries: HashMap<(&str, &str), usize> = HashMap::new();
    for m in &hb.frameworks.mappings {
        *entries
            .entry((m.file.as_str(), hb.frameworks.describe(m.from.fw).0))
            .or_default() += 1;
    }
    let crosswalks = hb
        .config
        .mappings
        .iter()
        .map(|m| {
            let file = m.file.trim().trim_start_matches("./").to_owned();
            let from = m.from.trim();
            let count = entries
                .iter()
                .filter(|((f, p), _)| *f == file && p.eq_ignore_ascii_case(from))
                .map(|(_, n)| *n)
                .sum();
            Crosswalk {
                from: from.to_owned(),
                from_name: name_of(from),
                to: m.to.trim().to_owned(),
                to_name: name_of(m.to.trim()),
                file,
                entries: count,
            }
        })
        .collect();
    OverviewPage {
        frameworks: summaries(site, page),
        crosswalks,
        matrix_href: href(page, MATRIX, None),
    }
}

// ----- frameworks/<id>/index.html -----

#[derive(Serialize)]
pub struct FrameworkPage {
    framework: FwHead,
    counts: CountsView,
    sections: Vec<Section>,
    withdrawn: Vec<WithdrawnRow>,
    withdrawn_count: usize,
}

#[derive(Serialize)]
struct FwHead {
    id: String,
    name: String,
    href: String,
    version: Option<String>,
    applicability: Option<String>,
}

/// A group of the catalog as a heading, and the controls directly under it.
#[derive(Serialize)]
struct Section {
    /// `h2` for a top-level group, `h3` under it, and so on (at most `h6`).
    tag: &'static str,
    anchor: String,
    id: Option<String>,
    title: String,
    /// The group's own page, when the group is a control (a CSF category).
    href: Option<String>,
    rows: Vec<FwRow>,
}

#[derive(Serialize)]
struct FwRow {
    id: String,
    heading: String,
    href: String,
    applicable: bool,
    coverage: CoverageBadge,
    documents: usize,
    /// "3 documents".
    documents_label: String,
}

#[derive(Serialize)]
struct WithdrawnRow {
    id: String,
    title: String,
    href: String,
    successors: Vec<MaybeLink>,
}

/// An id that links to its page when the catalog has it.
#[derive(Serialize)]
struct MaybeLink {
    id: String,
    href: Option<String>,
}

fn fw_head(site: &Site, f: usize, page: &str) -> FwHead {
    let fw = &site.hb.frameworks.list[f];
    FwHead {
        id: fw.id.clone(),
        name: fw.name.clone(),
        href: href(page, &framework_index(&fw.id), None),
        version: fw.catalog.version.clone(),
        applicability: fw.applicability.clone(),
    }
}

const TAGS: [&str; 5] = ["h2", "h3", "h4", "h5", "h6"];

pub fn framework_page(site: &Site, f: usize, page: &str) -> FrameworkPage {
    let hb = site.hb;
    let fw = &hb.frameworks.list[f];
    let cat = &fw.catalog;
    let key = |idx| CtlRef {
        fw: FwKey::Declared(f),
        idx,
    };
    let lang = site.lang;
    let row = |idx: usize| {
        let c = cat.control(idx);
        let docs = fw.controls[idx].implemented_by.len();
        FwRow {
            id: c.id.clone(),
            heading: c.heading().to_owned(),
            href: href(page, &site.ctl_page(key(idx)), None),
            applicable: fw.applicable(idx),
            coverage: badge(lang, fw.coverage(idx)),
            documents: docs,
            documents_label: lang.count("ctl-documents", docs as i64),
        }
    };
    // A control is a row unless it is withdrawn (listed at the end) or a heading over current
    // controls (a CSF category, shown as its group's heading).
    let listed = |idx: usize| fw.requirement.get(idx).copied().unwrap_or(false);
    // Children lists built once: the catalog's own lookups scan everything per group.
    let mut sub: Vec<Vec<usize>> = vec![Vec::new(); cat.groups.len()];
    let mut top: Vec<usize> = Vec::new();
    for (g, grp) in cat.groups.iter().enumerate() {
        match grp.parent.and_then(|p| sub.get_mut(p)) {
            Some(children) => children.push(g),
            None => top.push(g),
        }
    }
    let mut in_group: Vec<Vec<usize>> = vec![Vec::new(); cat.groups.len()];
    let mut ungrouped: Vec<usize> = Vec::new();
    for (idx, c) in cat.controls.iter().enumerate() {
        if !listed(idx) {
            continue;
        }
        match c.group.and_then(|g| in_group.get_mut(g)) {
            Some(rows) => rows.push(idx),
            None => ungrouped.push(idx),
        }
    }
    let mut sections = Vec::new();
    // Depth first, with an explicit stack: a group is visited once even if a malformed
    // catalog nested groups in a loop.
    let mut seen = vec![false; cat.groups.len()];
    let mut stack: Vec<(usize, usize)> = top.iter().rev().map(|&g| (g, 0)).collect();
    while let Some((g, depth)) = stack.pop() {
        if std::mem::replace(&mut seen[g], true) {
            continue;
        }
        let grp = &cat.groups[g];
        sections.push(Section {
            tag: TAGS[depth.min(TAGS.len() - 1)],
            anchor: format!("group-{g}"),
            id: grp.id.clone(),
            title: grp.title.clone(),
            href: grp
                .control
                .filter(|&c| c < cat.controls.len())
                .map(|c| href(page, &site.ctl_page(key(c)), None)),
            rows: in_group[g].iter().map(|&i| row(i)).collect(),
        });
        stack.extend(sub[g].iter().rev().map(|&s| (s, depth + 1)));
    }
    if !ungrouped.is_empty() {
        sections.push(Section {
            tag: "h2",
            anchor: "group-other".into(),
            id: None,
            title: lang
                .text(if sections.is_empty() {
                    "ctl-fw-controls"
                } else {
                    "ctl-fw-other-controls"
                })
                .into_owned(),
            href: None,
            rows: ungrouped.into_iter().map(row).collect(),
        });
    }
    let withdrawn: Vec<WithdrawnRow> = cat
        .controls
        .iter()
        .enumerate()
        .filter(|(_, c)| c.withdrawn)
        .map(|(idx, c)| WithdrawnRow {
            id: c.id.clone(),
            title: c.title.clone(),
            href: href(page, &site.ctl_page(key(idx)), None),
            successors: successors(site, f, &c.successors, page),
        })
        .collect();
    FrameworkPage {
        framework: fw_head(site, f, page),
        counts: counts_view(
            site.lang,
            fw.counts(),
            fw.requirement.iter().filter(|r| **r).count(),
        ),
        sections,
        withdrawn_count: withdrawn.len(),
        withdrawn,
    }
}

fn successors(site: &Site, f: usize, ids: &[String], page: &str) -> Vec<MaybeLink> {
    let cat = &site.hb.frameworks.list[f].catalog;
    ids.iter()
        .map(|s| MaybeLink {
            id: s.clone(),
            href: cat.find(s).map(|idx| {
                href(
                    page,
                    &site.ctl_page(CtlRef {
                        fw: FwKey::Declared(f),
                        idx,
                    }),
                    None,
                )
            }),
        })
        .collect()
}

// ----- frameworks/<id>/<control>.html -----

#[derive(Serialize)]
pub struct FwControlPage<'a> {
    framework: FwHead,
    control: FwControlView<'a>,
}

#[derive(Serialize)]
struct FwControlView<'a> {
    id: String,
    qualified: String,
    /// The title, when it says more than the id (CSF subcategories are titled by their id).
    title: Option<String>,
    statement: Option<String>,
    label: Option<String>,
    kind: Option<String>,
    parent: Option<Link>,
    /// Current controls nested in this one (a CSF category's subcategories).
    children: Vec<Link>,
    withdrawn: bool,
    successors: Vec<MaybeLink>,
    /// A requirement of its own (not withdrawn, not a heading over other controls).
    requirement: bool,
    /// A heading over current controls (a CSF category): its coverage is theirs.
    grouping: bool,
    applicable: bool,
    justification: Option<String>,
    status: Option<String>,
    note: Option<String>,
    /// Where the decision is written: `file:line` of the applicability file.
    decided_at: Option<String>,
    coverage: CoverageBadge,
    implemented_by: Vec<DocRef<'a>>,
    not_approved: Vec<DocRef<'a>>,
    mapped: Vec<MappedView>,
    /// Approved deviations from this control in force today.
    exceptions: Vec<super::exceptions::InForce>,
    /// The risks whose treatment names the control.
    risks: Vec<super::risks::Treated>,
}

#[derive(Serialize)]
pub struct Link {
    id: String,
    title: String,
    href: String,
}

/// A control related to the page's control through a crosswalk entry.
#[derive(Serialize)]
pub struct MappedView {
    framework: String,
    id: String,
    title: String,
    href: String,
    /// The page's control's relationship to this one (`subset-of`): as written when the page's
    /// control is the entry's source, inverted when it is a target.
    relationship: &'static str,
    /// The relationship in the interface language (English keeps the keyword).
    relationship_label: String,
    /// The entry was written from the other side.
    reversed: bool,
    implemented: bool,
    applicable: bool,
    /// Whether this entry gives the page's control coverage: "covers", "covers in part".
    gives: Option<String>,
    note: Option<String>,
    /// `file:line` of the entry.
    at: String,
}

/// The controls of other frameworks mapped to `c`, in mapping order.
pub fn mapped(site: &Site, index: &MapIndex, c: CtlRef, page: &str) -> Vec<MappedView> {
    let hb = site.hb;
    let st = state(hb, c);
    let mut out = Vec::new();
    for &(mi, reversed) in index.of(c) {
        let Some(m) = hb.frameworks.mappings.get(mi) else {
            continue;
        };
        let (rel, others): (_, Vec<CtlRef>) = if reversed {
            (m.relationship.inverse(), vec![m.from])
        } else {
            (m.relationship, m.to.clone())
        };
        let use_ = crate::model::frameworks::MapUse {
            mapping: mi,
            reversed,
        };
        let gives = if st.derived.full.contains(&use_) {
            Some(site.lang.text("ctl-gives-full").into_owned())
        } else if st.derived.partial.contains(&use_) {
            Some(site.lang.text("ctl-gives-partial").into_owned())
        } else {
            None
        };
        for o in others {
            let (id, heading) = id_and_heading(hb, o);
            out.push(MappedView {
                framework: fw_name(site, o.fw),
                id: id.to_owned(),
                title: heading.to_owned(),
                href: href(page, &site.ctl_page(o), None),
                relationship: rel.as_str(),
                relationship_label: site
                    .lang
                    .text(&format!("ctl-rel-{}", rel.as_str()))
                    .into_owned(),
                reversed,
                implemented: crate::model::frameworks::directly_implemented(
                    &hb.controls,
                    &hb.frameworks.list,
                    o,
                ),
                applicable: applicable(hb, o),
                gives: gives.clone(),
                note: m.note.clone(),
                at: format!("{}:{}", m.file, m.line),
            });
        }
    }
    out
}

pub fn control_page<'a>(
    site: &'a Site,
    index: &MapIndex,
    f: usize,
    idx: usize,
    page: &str,
) -> FwControlPage<'a> {
    let hb = site.hb;
    let fw = &hb.frameworks.list[f];
    let cat = &fw.catalog;
    let c = cat.control(idx);
    let s = &fw.controls[idx];
    let me = CtlRef {
        fw: FwKey::Declared(f),
        idx,
    };
    let link = |i: usize| {
        let x = cat.control(i);
        Link {
            id: x.id.clone(),
            title: x.heading().to_owned(),
            href: href(
                page,
                &site.ctl_page(CtlRef {
                    fw: FwKey::Declared(f),
                    idx: i,
                }),
                None,
            ),
        }
    };
    let decision = s.decision.as_ref();
    let requirement = fw.requirement.get(idx).copied().unwrap_or(false);
    FwControlPage {
        framework: fw_head(site, f, page),
        control: FwControlView {
            id: c.id.clone(),
            qualified: fw.qualified_id(idx),
            title: (!c.title.is_empty() && c.title != c.id).then(|| c.title.clone()),
            statement: c.statement.clone(),
            label: c.label.clone(),
            kind: c.class.clone(),
            parent: c.parent.filter(|&p| p < cat.controls.len()).map(link),
            children: c
                .as_group
                .map(|g| {
                    cat.controls
                        .iter()
                        .enumerate()
                        .filter(|(_, x)| x.group == Some(g) && !x.withdrawn)
                        .map(|(i, _)| link(i))
                        .collect()
                })
                .unwrap_or_default(),
            withdrawn: c.withdrawn,
            successors: successors(site, f, &c.successors, page),
            requirement,
            grouping: !requirement && !c.withdrawn,
            applicable: fw.applicable(idx),
            justification: decision.and_then(|d| d.justification.clone()),
            status: if requirement {
                s.status().map(|st| super::soa::impl_label(site.lang, st))
            } else {
                None
            },
            note: decision.and_then(|d| d.note.clone()),
            decided_at: decision
                .zip(fw.applicability.as_ref())
                .map(|(d, file)| format!("{file}:{}", d.line)),
            coverage: badge(site.lang, fw.coverage(idx)),
            implemented_by: site.refs(page, &s.implemented_by),
            not_approved: site.refs(page, &s.not_in_force()),
            mapped: mapped(site, index, me, page),
            exceptions: super::exceptions::on_control(site, me, page),
            risks: super::risks::on_control(site, me, page),
        },
    }
}

// ----- frameworks/matrix.html -----

/// What matrix.hbs is given; its rows are rendered on their own (matrix-row.hbs, in parallel)
/// and written where it puts `rows_html`: a row per document, through the template engine as
/// one value, held 200 MB more at 50,000 documents than the page's 15 MB.
#[derive(Serialize)]
pub struct MatrixPage {
    columns: Vec<Column>,
    rows_html: String,
}

#[derive(Serialize)]
struct Column {
    id: String,
    name: String,
    href: String,
}

#[derive(Serialize)]
pub struct MatrixRow<'a> {
    id: &'a str,
    title: &'a str,
    href: String,
    /// CSS class; `status_label` is what readers see.
    status: &'static str,
    status_label: String,
    cells: Vec<Cell<'a>>,
}

#[derive(Serialize)]
struct Cell<'a> {
    links: Vec<MatrixLink<'a>>,
}

/// A control in a matrix cell: its id only (a title on each would double the page, which has
/// one link per control every document lists).
#[derive(Serialize)]
struct MatrixLink<'a> {
    id: &'a str,
    href: String,
}

/// One row per published document, one column per framework: each cell links the document's
/// controls of that framework, so the page grows with the controls listed, nothing more.
pub fn matrix<'a>(site: &Site<'a>, page: &str) -> (MatrixPage, Rows<MatrixRow<'a>>) {
    let hb = site.hb;
    let mut columns = vec![Column {
        id: crate::config::ANNEX_A_ID.to_owned(),
        name: fw_name(site, FwKey::AnnexA),
        href: href(page, "controls/index.html", None),
    }];
    columns.extend(hb.frameworks.list.iter().map(|fw| Column {
        id: fw.id.clone(),
        name: fw.name.clone(),
        href: href(page, &framework_index(&fw.id), None),
    }));
    let link = |c: CtlRef| MatrixLink {
        id: id_and_heading(hb, c).0,
        href: href(page, &site.ctl_page(c), None),
    };
    let rows: Vec<MatrixRow> = site
        .documents()
        .map(|(_, d)| {
            let mut cells: Vec<Cell> = (0..columns.len())
                .map(|_| Cell { links: Vec::new() })
                .collect();
            if let Some(cell) = cells.first_mut() {
                cell.links = d
                    .controls
                    .iter()
                    .map(|&idx| {
                        link(CtlRef {
                            fw: FwKey::AnnexA,
                            idx,
                        })
                    })
                    .collect();
            }
            for &c in &d.framework_controls {
                if let FwKey::Declared(f) = c.fw {
                    if let Some(cell) = cells.get_mut(f + 1) {
                        cell.links.push(link(c));
                    }
                }
            }
            MatrixRow {
                id: &d.id,
                title: &d.title,
                href: href(page, &d.url, None),
                status: status_text(d.status()),
                status_label: status_label(site.lang, d.status()),
                cells,
            }
        })
        .collect();
    let mut lists = Rows::default();
    let view = MatrixPage {
        columns,
        rows_html: lists.push(rows),
    };
    (view, lists)
}
