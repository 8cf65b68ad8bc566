//! The risk register as pages: `risks/index.html` (the register with inherent and residual heat
//! maps), `risks/<id>.html` per risk, the risks each control treats on its page, and
//! `risks.csv`. Written only when `risks.yaml` or `risks.csv` exists.

use super::site::{due_badge, fragment, href, Badge, Site};
use super::soa::DocLink;
use crate::finding::Finding;
use crate::i18n::Lang;
use crate::model::frameworks::{coverage_of, Coverage, CtlRef, FwKey};
use crate::model::risks::{Risk, Treatment};
use crate::model::soa::ImplStatus;
use crate::model::Handbook;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

pub const INDEX: &str = "risks/index.html";
pub const FOLDER: &str = "risks/";
pub const CSV: &str = "risks.csv";

/// Longest file name stem of a risk page: ids are the author's text, and a file system
/// refuses names over 255 bytes.
const MAX_STEM: usize = 80;

/// Documents listed per control on a risk page; the control's page lists them all. A control
/// of a large handbook is implemented by hundreds of documents, and 2,000 risk pages each
/// repeating them would outweigh the rest of the site.
const DOCS_PER_CONTROL: usize = 5;

/// Names Windows refuses for a file whatever its extension.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// The site path of each risk's page, indexed like `hb.risks`. Ids are the author's text:
/// characters that do not belong in a file name become `_`, and ids that would land on the
/// same file on a case-insensitive file system (or on `index.html`) get `-2`, `-3`… in
/// register order, so no page overwrites another.
pub fn page_paths(hb: &Handbook) -> Vec<String> {
    let mut used: HashSet<String> = std::iter::once("index".to_owned()).collect();
    hb.risks
        .iter()
        .map(|r| {
            let mut stem: String =
                r.id.chars()
                    .take(MAX_STEM)
                    .map(|ch| {
                        if ch.is_ascii_alphanumeric() || matches!(ch, '.' | '-' | '_') {
                            ch
                        } else {
                            '_'
                        }
                    })
                    .collect();
            let lower = stem.to_ascii_lowercase();
            let base = lower.split('.').next().unwrap_or_default();
            if stem.is_empty() || stem.starts_with('.') || RESERVED.contains(&base) {
                stem.insert(0, '_');
            }
            // Windows drops a trailing dot from a file name.
            if stem.ends_with('.') {
                stem.push('_');
            }
            let mut name = stem.clone();
            let mut n = 2;
            while !used.insert(name.to_ascii_lowercase()) {
                name = format!("{stem}-{n}");
                n += 1;
            }
            format!("{FOLDER}{name}.html")
        })
        .collect()
}

/// Every file the risk pages add, for the collision check: none without a register.
pub fn paths(hb: &Handbook) -> Vec<String> {
    if !hb.risks_file {
        return Vec::new();
    }
    let mut paths = vec![INDEX.to_owned(), CSV.to_owned()];
    paths.extend(page_paths(hb));
    paths
}

/// Built once per site, so that control and risk pages stay linear in size.
#[derive(Default)]
pub struct Index {
    /// Each risk's page, from the site root.
    pages: Vec<String>,
    /// The risks whose treatment names each control, in register order.
    by_control: HashMap<CtlRef, Vec<usize>>,
    /// The exceptions naming each risk id, in file order.
    exceptions: HashMap<String, Vec<usize>>,
    /// Each risk by its id.
    by_id: HashMap<String, usize>,
    /// The pages' fixed words, looked up on first use (the index is built before the
    /// language is at hand, and a register of 2,000 risks should not look them up 2,000 times).
    words: OnceLock<Words>,
}

/// The words risk pages repeat, in the interface language.
struct Words {
    /// By [`Treatment`]: mitigate, accept, transfer, avoid.
    treatments: [String; 4],
    never_reviewed: String,
    /// By [`ImplStatus`]: implemented, partial, planned, not implemented.
    impl_status: [String; 4],
    via_mapping: String,
    partial_via_mapping: String,
}

impl Words {
    fn new(lang: &Lang) -> Words {
        let t = |key: &str| lang.text(key).into_owned();
        Words {
            treatments: [
                t("risk-treatment-mitigate"),
                t("risk-treatment-accept"),
                t("risk-treatment-transfer"),
                t("risk-treatment-avoid"),
            ],
            never_reviewed: t("risk-badge-never-reviewed"),
            // The words the control pages and the SoA use, so a status reads the same there.
            impl_status: [
                t("ctl-impl-implemented"),
                t("ctl-impl-partial"),
                t("ctl-impl-planned"),
                t("ctl-impl-not-implemented"),
            ],
            via_mapping: t("ctl-cov-via-mapping"),
            partial_via_mapping: t("ctl-cov-partial-via-mapping"),
        }
    }

    fn treatment(&self, t: Treatment) -> String {
        let i = match t {
            Treatment::Mitigate => 0,
            Treatment::Accept => 1,
            Treatment::Transfer => 2,
            Treatment::Avoid => 3,
        };
        self.treatments.get(i).cloned().unwrap_or_default()
    }

    fn impl_status(&self, s: ImplStatus) -> String {
        let i = match s {
            ImplStatus::Implemented => 0,
            ImplStatus::Partial => 1,
            ImplStatus::Planned => 2,
            ImplStatus::NotImplemented => 3,
        };
        self.impl_status.get(i).cloned().unwrap_or_default()
    }
}

fn words<'s>(site: &'s Site) -> &'s Words {
    site.risks.words.get_or_init(|| Words::new(site.lang))
}

impl Index {
    pub fn new(hb: &Handbook) -> Index {
        if !hb.risks_file {
            return Index::default();
        }
        let mut by_control: HashMap<CtlRef, Vec<usize>> = HashMap::new();
        for (i, r) in hb.risks.iter().enumerate() {
            for c in r.controls.iter().filter_map(|c| c.control) {
                let list = by_control.entry(c).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        let mut exceptions: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in hb.exceptions.iter().enumerate() {
            if let Some(risk) = &e.risk {
                exceptions.entry(risk.clone()).or_default().push(i);
            }
        }
        Index {
            pages: page_paths(hb),
            by_control,
            exceptions,
            by_id: hb
                .risks
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id.clone(), i))
                .collect(),
            words: OnceLock::new(),
        }
    }

    /// The page of risk `i`, from the site root.
    pub fn page(&self, i: usize) -> Option<&str> {
        self.pages.get(i).map(String::as_str)
    }

    /// The page of the risk whose register entry holds `line` of `file`.
    pub fn page_at(&self, hb: &Handbook, file: &str, line: u32) -> Option<&str> {
        let first = hb.risks.first()?;
        if first.file != file {
            return None;
        }
        let i = hb
            .risks
            .partition_point(|r| r.at.line <= line)
            .checked_sub(1)?;
        hb.risks
            .get(i)
            .filter(|r| line <= r.last_line)
            .and_then(|_| self.page(i))
    }

    /// The page of the risk with id `id`.
    pub fn page_of(&self, id: &str) -> Option<&str> {
        self.page(*self.by_id.get(id)?)
    }
}

/// Where a score stands against the appetite: the heat map's colour band.
fn band(score: u32, appetite: u32) -> &'static str {
    if score * 2 <= appetite {
        "hm-1"
    } else if score <= appetite {
        "hm-2"
    } else if score <= appetite * 2 {
        "hm-3"
    } else {
        "hm-4"
    }
}

fn review_badge(site: &Site, r: &Risk) -> Option<Badge> {
    let (hb, lang) = (site.hb, site.lang);
    let Some(next) = r.next_review() else {
        return r.never_reviewed().then(|| Badge {
            class: "error",
            label: words(site).never_reviewed.clone(),
        });
    };
    let days = crate::dates::days_between(hb.today, next);
    if days < 0 {
        Some(due_badge(lang, days, true))
    } else if days <= i64::from(hb.config.review.warn_days) {
        Some(due_badge(lang, days, false))
    } else {
        None
    }
}

/// Whether the residual score is above the appetite.
fn above(hb: &Handbook, r: &Risk) -> bool {
    r.residual().is_some_and(|s| s > hb.config.risk.appetite())
}

/// An acceptance is needed: the residual score is above the appetite, or the risk is accepted.
fn needs_acceptance(hb: &Handbook, r: &Risk) -> bool {
    above(hb, r) || r.treatment == Some(Treatment::Accept)
}

fn acceptance_text(lang: &Lang, r: &Risk) -> Option<String> {
    match (&r.accepted_by, r.accepted_on) {
        // "CEO, 28.10.2026", "CEO、2026年10月28日": the dashboard's words for the same thing.
        (Some(by), Some(on)) => {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("by", by.clone());
            args.set("date", lang.date(on));
            Some(lang.fmt("dash-accepted-by", &args))
        }
        (Some(by), None) => Some(by.clone()),
        (None, Some(on)) => Some(lang.date(on)),
        (None, None) => None,
    }
}

fn controls_text(hb: &Handbook, r: &Risk) -> Vec<String> {
    r.controls
        .iter()
        .map(|c| {
            c.control
                .map_or_else(|| c.raw.clone(), |x| hb.frameworks.qualified_id(x))
        })
        .collect()
}

// ----- risks/index.html -----

#[derive(Serialize)]
struct RiskRow {
    id: String,
    title: String,
    href: String,
    owner: Option<String>,
    treatment: Option<String>,
    inherent: Option<u32>,
    residual: Option<u32>,
    above: bool,
    acceptance: Option<String>,
    acceptance_missing: bool,
    next_review: String,
    review_badge: Option<Badge>,
}

#[derive(Serialize)]
struct Tick {
    at: u32,
    label: u32,
}

#[derive(Serialize)]
struct Cell {
    x: u32,
    y: u32,
    /// The middle of the cell, where its count is written.
    cx: u32,
    cy: u32,
    band: &'static str,
    above: bool,
    count: usize,
    /// The list of its risks below the map; none for an empty cell.
    href: Option<String>,
    label: String,
}

#[derive(Serialize)]
struct CellRisks {
    anchor: String,
    label: String,
    risks: Vec<RiskLink>,
}

#[derive(Serialize)]
struct RiskLink {
    id: String,
    title: String,
    href: String,
}

#[derive(Serialize)]
struct Heatmap {
    /// `inherent` or `residual`: the prefix of its element ids.
    key: &'static str,
    title: String,
    /// The SVG's title: "Inherent risk heat map".
    svg_title: String,
    desc: String,
    cell: u32,
    width: u32,
    height: u32,
    /// The grid's box, and where the axis titles go.
    grid_x: u32,
    grid_y: u32,
    grid_w: u32,
    x_title_x: u32,
    x_title_y: u32,
    y_title_x: i64,
    x_ticks: Vec<Tick>,
    y_ticks: Vec<Tick>,
    tick_x_y: u32,
    tick_y_x: u32,
    cells: Vec<Cell>,
    lists: Vec<CellRisks>,
    unscored: usize,
}

#[derive(Serialize)]
struct Band {
    class: &'static str,
    label: String,
}

#[derive(Serialize)]
pub struct RisksPage {
    count: usize,
    scale: u32,
    appetite: u32,
    above: usize,
    overdue: usize,
    acceptance_missing: usize,
    heatmaps: Vec<Heatmap>,
    legend: Vec<Band>,
    rows: Vec<RiskRow>,
    csv_href: String,
}

const CELL: u32 = 48;
const LEFT: u32 = 58;
const TOP: u32 = 6;
const BOTTOM: u32 = 46;
const RIGHT: u32 = 6;

/// A likelihood × impact grid: likelihood up the side (1 at the bottom), impact along the
/// foot; each cell counts the risks with that pair and links to their list under the map.
fn heatmap(
    site: &Site,
    page: &str,
    key: &'static str,
    title: String,
    pair: &dyn Fn(&Risk) -> Option<(u32, u32)>,
) -> Heatmap {
    let (hb, lang) = (site.hb, site.lang);
    let n = hb.config.risk.scale;
    let appetite = hb.config.risk.appetite();
    let size = usize::try_from(n).unwrap_or(0);
    // By (likelihood - 1) * n + (impact - 1).
    let mut in_cell: Vec<Vec<usize>> = vec![Vec::new(); size * size];
    let mut unscored = 0;
    for (i, r) in hb.risks.iter().enumerate() {
        let slot = pair(r)
            .filter(|&(l, m)| (1..=n).contains(&l) && (1..=n).contains(&m))
            .and_then(|(l, m)| usize::try_from((l - 1) * n + (m - 1)).ok())
            .and_then(|s| in_cell.get_mut(s));
        match slot {
            Some(list) => list.push(i),
            None => unscored += 1,
        }
    }
    let mut cells = Vec::with_capacity(size * size);
    let mut lists = Vec::new();
    // Top row first: the highest likelihood.
    for l in (1..=n).rev() {
        for m in 1..=n {
            let risks = usize::try_from((l - 1) * n + (m - 1))
                .ok()
                .and_then(|s| in_cell.get(s))
                .map(Vec::as_slice)
                .unwrap_or_default();
            let score = l * m;
            let anchor = format!("{key}-l{l}-i{m}");
            let count = risks.len();
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("l", l);
            args.set("i", m);
            args.set("n", count);
            let label = lang.fmt("risk-cell-label", &args);
            let (x, y) = (LEFT + (m - 1) * CELL, TOP + (n - l) * CELL);
            cells.push(Cell {
                x,
                y,
                cx: x + CELL / 2,
                cy: y + CELL / 2 + 6,
                band: band(score, appetite),
                above: score > appetite,
                count,
                href: (count > 0).then(|| fragment(&anchor)),
                label,
            });
            if count > 0 {
                lists.push((
                    score,
                    CellRisks {
                        anchor,
                        label: {
                            args.set("score", score);
                            lang.fmt("risk-cell-list", &args)
                        },
                        risks: risks
                            .iter()
                            .filter_map(|&i| {
                                let r = hb.risks.get(i)?;
                                Some(RiskLink {
                                    id: r.id.clone(),
                                    title: r.title.clone(),
                                    href: href(page, site.risks.page(i)?, None),
                                })
                            })
                            .collect(),
                    },
                ));
            }
        }
    }
    // Highest score first; cells of one score keep the map's order (higher likelihood first).
    lists.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    let shown: usize = cells.iter().map(|c| c.count).sum();
    let above_count: usize = cells.iter().filter(|c| c.above).map(|c| c.count).sum();
    let grid = n * CELL;
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("scale", n);
    args.set("shown", shown);
    args.set("above", above_count);
    args.set("appetite", appetite);
    Heatmap {
        key,
        svg_title: lang.with("risk-heatmap-title", "title", title.clone()),
        title,
        desc: lang.fmt("risk-heatmap-desc", &args),
        cell: CELL,
        width: LEFT + grid + RIGHT,
        height: TOP + grid + BOTTOM,
        grid_x: LEFT,
        grid_y: TOP,
        grid_w: grid,
        x_title_x: LEFT + grid / 2,
        x_title_y: TOP + grid + 38,
        y_title_x: -i64::from(TOP + grid / 2),
        x_ticks: (1..=n)
            .map(|m| Tick {
                at: LEFT + (m - 1) * CELL + CELL / 2,
                label: m,
            })
            .collect(),
        y_ticks: (1..=n)
            .map(|l| Tick {
                at: TOP + (n - l) * CELL + CELL / 2 + 5,
                label: l,
            })
            .collect(),
        tick_x_y: TOP + grid + 18,
        tick_y_x: LEFT - 10,
        cells,
        lists: lists.into_iter().map(|(_, c)| c).collect(),
        unscored,
    }
}

fn legend(lang: &Lang, scale: u32, appetite: u32) -> Vec<Band> {
    let max = scale * scale;
    let range = |from: u32, to: u32| {
        if from == to {
            format!("{from}")
        } else {
            format!("{from}–{to}")
        }
    };
    let mut out = Vec::new();
    let half = appetite / 2;
    if half >= 1 {
        out.push(Band {
            class: "hm-1",
            label: lang.with("risk-band-half", "range", range(1, half)),
        });
    }
    out.push(Band {
        class: "hm-2",
        label: lang.with("risk-band-within", "range", range(half + 1, appetite)),
    });
    if appetite < max {
        out.push(Band {
            class: "hm-3",
            label: lang.with(
                "risk-band-above",
                "range",
                range(appetite + 1, (appetite * 2).min(max)),
            ),
        });
    }
    if appetite * 2 < max {
        out.push(Band {
            class: "hm-4",
            label: lang.with("risk-band-twice", "range", range(appetite * 2 + 1, max)),
        });
    }
    out
}

/// The register, highest residual score first: what needs attention leads, as in a risk
/// treatment plan; equal scores by inherent score, then in register order.
fn register_order(hb: &Handbook) -> Vec<usize> {
    let mut order: Vec<usize> = (0..hb.risks.len()).collect();
    order.sort_by_key(|&i| {
        let r = &hb.risks[i];
        (
            std::cmp::Reverse(r.residual()),
            std::cmp::Reverse(r.inherent()),
            i,
        )
    });
    order
}

pub fn page(site: &Site, page: &str) -> RisksPage {
    let hb = site.hb;
    let appetite = hb.config.risk.appetite();
    let rows: Vec<RiskRow> = register_order(hb)
        .into_iter()
        .filter_map(|i| {
            let r = hb.risks.get(i)?;
            Some(RiskRow {
                id: r.id.clone(),
                title: r.title.clone(),
                href: href(page, site.risks.page(i)?, None),
                owner: r.owner.clone(),
                treatment: r.treatment.map(|t| words(site).treatment(t)),
                inherent: r.inherent(),
                residual: r.residual(),
                above: above(hb, r),
                acceptance: acceptance_text(site.lang, r),
                acceptance_missing: needs_acceptance(hb, r)
                    && (r.accepted_by.is_none() || r.accepted_on.is_none()),
                next_review: site.lang.date_or_dash(r.next_review()),
                review_badge: review_badge(site, r),
            })
        })
        .collect();
    RisksPage {
        count: rows.len(),
        scale: hb.config.risk.scale,
        appetite,
        above: rows.iter().filter(|r| r.above).count(),
        overdue: rows
            .iter()
            .filter(|r| r.review_badge.as_ref().is_some_and(|b| b.class == "error"))
            .count(),
        acceptance_missing: rows.iter().filter(|r| r.acceptance_missing).count(),
        heatmaps: vec![
            heatmap(
                site,
                page,
                "inherent",
                site.lang.text("risk-inherent-risk").into_owned(),
                &|r| Some((r.likelihood?, r.impact?)),
            ),
            heatmap(
                site,
                page,
                "residual",
                site.lang.text("risk-residual-risk").into_owned(),
                &|r| {
                    match (r.residual_likelihood, r.residual_impact) {
                        (Some(l), Some(i)) => Some((l, i)),
                        // As the score: without a residual pair the risk stays where it is.
                        _ => Some((r.likelihood?, r.impact?)),
                    }
                },
            ),
        ],
        legend: legend(site.lang, hb.config.risk.scale, appetite),
        rows,
        csv_href: href(page, CSV, None),
    }
}

// ----- risks/<id>.html -----

#[derive(Serialize)]
struct TreatmentControl {
    id: String,
    title: Option<String>,
    /// None when the id names no control (an `unknown-control` finding says so).
    href: Option<String>,
    applicable: bool,
    status: Option<String>,
    coverage: Option<Badge>,
    /// Id, title and link only: these are most of a risk page's rendering time.
    documents: Vec<DocLink>,
    /// Implementing documents beyond those listed (see the control's page).
    more_documents: usize,
}

#[derive(Serialize)]
struct ExceptionLink {
    id: String,
    title: String,
    href: Option<String>,
    expires: String,
    badge: Badge,
}

#[derive(Serialize)]
struct RiskView {
    id: String,
    title: String,
    owner: Option<String>,
    treatment: Option<String>,
    likelihood: Option<u32>,
    impact: Option<u32>,
    inherent: Option<u32>,
    inherent_band: Option<&'static str>,
    residual_likelihood: Option<u32>,
    residual_impact: Option<u32>,
    residual: Option<u32>,
    residual_band: Option<&'static str>,
    /// No residual pair is written: the residual score is the inherent one.
    residual_as_inherent: bool,
    /// "(likelihood 3 × impact 4)", and for the residual score whether it is the inherent one.
    inherent_pair: Option<String>,
    residual_pair: Option<String>,
    appetite: u32,
    above: bool,
    acceptance_needed: bool,
    accepted_by: Option<String>,
    accepted_on: Option<String>,
    last_reviewed: String,
    review_interval: u32,
    next_review: String,
    review_badge: Option<Badge>,
    source: String,
    controls: Vec<TreatmentControl>,
    exceptions: Vec<ExceptionLink>,
}

#[derive(Serialize)]
pub struct RiskPage {
    risk: RiskView,
    register_href: String,
}

fn coverage_badge(words: &Words, c: Coverage) -> Option<Badge> {
    let label = match c {
        Coverage::ViaMapping => &words.via_mapping,
        Coverage::PartialViaMapping => &words.partial_via_mapping,
        _ => return None,
    };
    Some(Badge {
        class: c.as_str(),
        label: label.clone(),
    })
}

fn treatment_control(
    site: &Site,
    page: &str,
    c: &crate::model::risks::RiskControl,
) -> TreatmentControl {
    let hb = site.hb;
    let Some(ctl) = c.control else {
        return TreatmentControl {
            id: c.raw.clone(),
            title: None,
            href: None,
            applicable: true,
            status: None,
            coverage: None,
            documents: Vec::new(),
            more_documents: 0,
        };
    };
    let (title, applicable, state, coverage) = match ctl.fw {
        FwKey::AnnexA => {
            let s = hb.controls.get(ctl.idx);
            let applicable = s.is_none_or(|s| s.applicable());
            (
                Some(hb.catalog.control(ctl.idx).title.clone()),
                applicable,
                s,
                s.map(|s| coverage_of(applicable, s)),
            )
        }
        FwKey::Declared(f) => match hb.frameworks.list.get(f) {
            Some(fw) if ctl.idx < fw.controls.len() => (
                Some(fw.catalog.control(ctl.idx).heading().to_owned()),
                fw.applicable(ctl.idx),
                fw.controls.get(ctl.idx),
                Some(fw.coverage(ctl.idx)),
            ),
            _ => (None, true, None, None),
        },
    };
    let published: Vec<usize> = state
        .map(|s| {
            s.implemented_by
                .iter()
                .copied()
                .filter(|&d| site.is_published(d))
                .collect()
        })
        .unwrap_or_default();
    let listed = published.get(..DOCS_PER_CONTROL).unwrap_or(&published);
    TreatmentControl {
        id: hb.frameworks.qualified_id(ctl),
        title,
        href: Some(href(page, &site.ctl_page(ctl), None)),
        applicable,
        status: state
            .and_then(|s| s.status())
            .map(|s| words(site).impl_status(s)),
        // Only coverage the status does not already say: that derived through a mapping.
        coverage: coverage.and_then(|c| coverage_badge(words(site), c)),
        documents: listed
            .iter()
            .filter_map(|&d| hb.documents.get(d))
            .map(|d| DocLink {
                id: d.id.clone(),
                title: d.title.clone(),
                href: href(page, &d.url, None),
            })
            .collect(),
        more_documents: published.len() - listed.len(),
    }
}

pub fn risk_page(site: &Site, i: usize, page: &str) -> Option<RiskPage> {
    let hb = site.hb;
    let r = hb.risks.get(i)?;
    let appetite = hb.config.risk.appetite();
    let mut controls: Vec<TreatmentControl> = Vec::with_capacity(r.controls.len());
    let mut seen = HashSet::new();
    for c in &r.controls {
        // A control written twice is listed once.
        if seen.insert(c.control.map_or_else(|| Err(c.raw.clone()), Ok)) {
            controls.push(treatment_control(site, page, c));
        }
    }
    let exceptions = site
        .risks
        .exceptions
        .get(&r.id)
        .map(|list| {
            list.iter()
                .filter_map(|&e| {
                    let x = hb.exceptions.get(e)?;
                    Some(ExceptionLink {
                        id: x.id.clone(),
                        title: x.title.clone(),
                        href: hb.exceptions_file.then(|| {
                            href(
                                page,
                                super::exceptions::PAGE,
                                Some(site.exceptions.anchor(e)),
                            )
                        }),
                        expires: site.lang.date_or_dash(x.expires),
                        badge: super::exceptions::badge(site, e),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let residual_as_inherent = r.residual_likelihood.is_none() || r.residual_impact.is_none();
    let pair = |key: &str, l: Option<u32>, i: Option<u32>| {
        let (l, i) = l.zip(i)?;
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("l", l);
        args.set("i", i);
        Some(site.lang.fmt(key, &args))
    };
    let (residual_l, residual_i) = if residual_as_inherent {
        (r.likelihood, r.impact)
    } else {
        (r.residual_likelihood, r.residual_impact)
    };
    Some(RiskPage {
        risk: RiskView {
            id: r.id.clone(),
            title: r.title.clone(),
            owner: r.owner.clone(),
            treatment: r.treatment.map(|t| words(site).treatment(t)),
            likelihood: r.likelihood,
            impact: r.impact,
            inherent: r.inherent(),
            inherent_band: r.inherent().map(|s| band(s, appetite)),
            residual_likelihood: residual_l,
            residual_impact: residual_i,
            residual: r.residual(),
            residual_band: r.residual().map(|s| band(s, appetite)),
            residual_as_inherent,
            inherent_pair: pair("risk-pair", r.likelihood, r.impact),
            residual_pair: pair(
                if residual_as_inherent {
                    "risk-pair-as-inherent"
                } else {
                    "risk-pair"
                },
                residual_l,
                residual_i,
            ),
            appetite,
            above: above(hb, r),
            acceptance_needed: needs_acceptance(hb, r),
            accepted_by: r.accepted_by.clone(),
            accepted_on: r.accepted_on.map(|d| site.lang.date(d)),
            last_reviewed: site.lang.date_or_dash(r.last_reviewed),
            review_interval: r.review_interval,
            next_review: site.lang.date_or_dash(r.next_review()),
            review_badge: review_badge(site, r),
            source: format!("{}:{}", r.file, r.at.line),
            controls,
            exceptions,
        },
        register_href: href(page, INDEX, None),
    })
}

/// The findings about each risk: those in the register file on the lines of its entry.
pub fn findings_by_risk<'f>(hb: &Handbook, in_register: &[&'f Finding]) -> Vec<Vec<&'f Finding>> {
    let mut out: Vec<Vec<&Finding>> = vec![Vec::new(); hb.risks.len()];
    // Risks are in file order, so their first lines ascend.
    let starts: Vec<u32> = hb.risks.iter().map(|r| r.at.line).collect();
    for &f in in_register {
        let Some(line) = f.line else { continue };
        let i = starts.partition_point(|&s| s <= line);
        let Some(i) = i.checked_sub(1) else { continue };
        if hb.risks.get(i).is_some_and(|r| line <= r.last_line) {
            if let Some(list) = out.get_mut(i) {
                list.push(f);
            }
        }
    }
    out
}

// ----- control pages -----

/// A risk a control's page lists.
#[derive(Serialize)]
pub struct Treated {
    id: String,
    title: String,
    href: String,
    residual: Option<u32>,
    above: bool,
}

/// The risks whose treatment names `c`, for its page.
pub fn on_control(site: &Site, c: CtlRef, page: &str) -> Vec<Treated> {
    let Some(list) = site.risks.by_control.get(&c) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|&i| {
            let r = site.hb.risks.get(i)?;
            Some(Treated {
                id: r.id.clone(),
                title: r.title.clone(),
                href: href(page, site.risks.page(i)?, None),
                residual: r.residual(),
                above: above(site.hb, r),
            })
        })
        .collect()
}

// ----- risks.csv -----

const HEADER: [&str; 19] = [
    "id",
    "title",
    "owner",
    "likelihood",
    "impact",
    "inherent_score",
    "treatment",
    "controls",
    "residual_likelihood",
    "residual_impact",
    "residual_score",
    "above_appetite",
    "accepted_by",
    "accepted_on",
    "last_reviewed",
    "review_interval",
    "next_review",
    "review_overdue",
    "page",
];

/// `risks.csv`: the register in file order with its scores, as soa.csv is written (a BOM,
/// formula-like cells neutralised). The headers are the field names `risks.yaml` uses, so the
/// file reads back as a register.
pub fn csv(site: &Site) -> Vec<u8> {
    let hb = site.hb;
    let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let date = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let rows = hb.risks.iter().enumerate().map(|(i, r)| {
        [
            r.id.clone(),
            r.title.clone(),
            r.owner.clone().unwrap_or_default(),
            num(r.likelihood),
            num(r.impact),
            num(r.inherent()),
            r.treatment
                .map(Treatment::as_str)
                .unwrap_or_default()
                .to_owned(),
            controls_text(hb, r).join(", "),
            num(r.residual_likelihood),
            num(r.residual_impact),
            num(r.residual()),
            if above(hb, r) { "yes" } else { "no" }.to_owned(),
            r.accepted_by.clone().unwrap_or_default(),
            date(r.accepted_on),
            date(r.last_reviewed),
            r.review_interval.to_string(),
            date(r.next_review()),
            if r.review_overdue(hb.today) {
                "yes"
            } else {
                "no"
            }
            .to_owned(),
            site.risks.page(i).unwrap_or_default().to_owned(),
        ]
    });
    super::soa::spreadsheet_csv(&HEADER, rows)
}

// ----- handbook.json -----

#[derive(Serialize)]
pub struct RiskJson<'a> {
    id: &'a str,
    title: &'a str,
    owner: Option<&'a str>,
    likelihood: Option<u32>,
    impact: Option<u32>,
    inherent: Option<u32>,
    treatment: Option<Treatment>,
    /// Qualified ids (`A.8.13`, `csf:RC.RP-01`) of the controls that resolved.
    controls: Vec<String>,
    /// Ids as written that name no control.
    unknown_controls: Vec<&'a str>,
    residual_likelihood: Option<u32>,
    residual_impact: Option<u32>,
    residual: Option<u32>,
    above_appetite: bool,
    accepted_by: Option<&'a str>,
    accepted_on: Option<String>,
    last_reviewed: Option<String>,
    review_interval: u32,
    next_review: Option<String>,
    review_overdue: bool,
    source: &'a str,
    line: u32,
    url: Option<&'a str>,
}

pub fn risks_json<'a>(site: &'a Site) -> Vec<RiskJson<'a>> {
    let hb = site.hb;
    hb.risks
        .iter()
        .enumerate()
        .map(|(i, r)| RiskJson {
            id: &r.id,
            title: &r.title,
            owner: r.owner.as_deref(),
            likelihood: r.likelihood,
            impact: r.impact,
            inherent: r.inherent(),
            treatment: r.treatment,
            controls: r
                .controls
                .iter()
                .filter_map(|c| c.control)
                .map(|c| hb.frameworks.qualified_id(c))
                .collect(),
            unknown_controls: r
                .controls
                .iter()
                .filter(|c| c.control.is_none())
                .map(|c| c.raw.as_str())
                .collect(),
            residual_likelihood: r.residual_likelihood,
            residual_impact: r.residual_impact,
            residual: r.residual(),
            above_appetite: above(hb, r),
            accepted_by: r.accepted_by.as_deref(),
            accepted_on: r.accepted_on.map(|d| d.to_string()),
            last_reviewed: r.last_reviewed.map(|d| d.to_string()),
            review_interval: r.review_interval,
            next_review: r.next_review().map(|d| d.to_string()),
            review_overdue: r.review_overdue(hb.today),
            source: r.file,
            line: r.at.line,
            url: site.risks.page(i),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_follow_the_appetite() {
        assert_eq!(band(4, 8), "hm-1");
        assert_eq!(band(5, 8), "hm-2");
        assert_eq!(band(8, 8), "hm-2");
        assert_eq!(band(9, 8), "hm-3");
        assert_eq!(band(16, 8), "hm-3");
        assert_eq!(band(17, 8), "hm-4");
        let en = Lang::english();
        let labels: Vec<String> = legend(&en, 5, 8).into_iter().map(|b| b.label).collect();
        assert_eq!(
            labels,
            [
                "1–4: at most half the appetite",
                "5–8: within the appetite",
                "9–16: above the appetite",
                "17–25: above twice the appetite"
            ]
        );
        // Appetite 1 on a 2-point scale: no lower half, no band past twice.
        let labels: Vec<String> = legend(&en, 2, 1).into_iter().map(|b| b.label).collect();
        assert_eq!(
            labels,
            [
                "1: within the appetite",
                "2: above the appetite",
                "3–4: above twice the appetite"
            ]
        );
    }
}
