//! Machine-readable outputs: `handbook.json` (the model as this build publishes it) and
//! `sitemap.xml`.

use super::site::Site;
use super::{fwdata, soa};
use crate::error::Error;
use crate::finding::{count_refs, Finding};
use crate::model::links::ResolvedLink;
use serde::Serialize;

/// A JSON array made as it is written, an item at a time.
struct Streamed<'a, T>(Box<dyn Fn() -> Box<dyn Iterator<Item = T> + 'a> + 'a>);

impl<T: Serialize> Serialize for Streamed<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

#[derive(Serialize)]
struct HandbookJson<'a> {
    /// Version of this file's layout; bumped on incompatible changes.
    format: u32,
    title: &'a str,
    organisation: Option<&'a str>,
    generated: String,
    version: Option<&'a str>,
    /// Made as it is written: a list of 50,000 held 20 MB beside the file.
    documents: Streamed<'a, DocumentJson<'a>>,
    controls: Vec<ControlJson<'a>>,
    soa: Vec<soa::Row>,
    findings: &'a [&'a Finding],
    summary: SummaryJson,
    /// Every framework (Annex A first, as `iso27001`) with its controls' coverage: direct
    /// implementation and coverage via mapping in separate fields.
    frameworks: Vec<fwdata::FrameworkJson<'a>>,
    /// Every resolved entry of the `[[mappings]]` files; controls refer to them by index.
    mappings: Vec<fwdata::MappingJson<'a>>,
    /// `[risk]`: the scale of likelihood and impact, and the appetite.
    risk: RiskSettingsJson,
    /// The risk register in file order, with scores and the next review.
    risks: Vec<super::risks::RiskJson<'a>>,
    /// The exceptions in file order, with their state on the build's day.
    exceptions: Vec<ExceptionJson<'a>>,
}

#[derive(Serialize)]
struct RiskSettingsJson {
    scale: u32,
    appetite: u32,
}

#[derive(Serialize)]
struct ExceptionJson<'a> {
    id: &'a str,
    title: &'a str,
    /// Qualified ids of the controls deviated from, as written when they name no control.
    controls: Vec<String>,
    scope: Option<&'a str>,
    reason: Option<&'a str>,
    compensating: Vec<String>,
    risk: Option<&'a str>,
    approver: Option<&'a str>,
    approved_on: Option<String>,
    expires: Option<String>,
    /// `active`, `expiring` or `expired` on the build's day; null without a valid expiry.
    state: Option<&'static str>,
    days_left: Option<i64>,
    /// Approved and not expired: the deviation applies.
    in_force: bool,
    line: u32,
}

fn exceptions_json(hb: &crate::model::Handbook) -> Vec<ExceptionJson<'_>> {
    let ids = |list: &[crate::model::exceptions::ExceptionControl]| -> Vec<String> {
        list.iter()
            .map(|c| {
                c.control
                    .map_or_else(|| c.raw.clone(), |x| hb.frameworks.qualified_id(x))
            })
            .collect()
    };
    hb.exceptions
        .iter()
        .map(|e| ExceptionJson {
            id: &e.id,
            title: &e.title,
            controls: ids(&e.controls),
            scope: e.scope.as_deref(),
            reason: e.reason.as_deref(),
            compensating: ids(&e.compensating),
            risk: e.risk.as_deref(),
            approver: e.approver.as_deref(),
            approved_on: e.approved_on.map(|d| d.to_string()),
            expires: e.expires.map(|d| d.to_string()),
            state: e
                .state(hb.today, hb.config.review.warn_days)
                .map(|s| s.as_str()),
            days_left: e.days_left(hb.today),
            in_force: e.in_force(hb.today),
            line: e.at.line,
        })
        .collect()
}

#[derive(Serialize)]
struct DocumentJson<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(rename = "type")]
    doc_type: Option<&'static str>,
    owner: Option<&'a str>,
    version: Option<&'a str>,
    status: Option<&'static str>,
    classification: &'static str,
    approver: Option<&'a str>,
    approved_on: Option<String>,
    last_reviewed: Option<String>,
    next_review: Option<String>,
    review: crate::model::ReviewState,
    /// Date of the last commit that changed the file (Git only).
    last_changed: Option<String>,
    source: &'a str,
    url: &'a str,
    controls: Vec<&'a str>,
    clauses: Vec<&'a str>,
    tags: &'a [String],
    /// Ids of the published documents this one links to or names as related.
    links_to: Vec<&'a str>,
    /// Ids of the published documents that link here.
    linked_from: Vec<&'a str>,
}

#[derive(Serialize)]
struct ControlJson<'a> {
    id: &'a str,
    theme: &'static str,
    title: &'a str,
    applicable: bool,
    status: Option<crate::model::soa::ImplStatus>,
    implemented_by: Vec<&'a str>,
}

#[derive(Serialize)]
struct SummaryJson {
    documents: usize,
    controls: usize,
    applicable: usize,
    implemented: usize,
    errors: usize,
    warnings: usize,
}

/// `handbook.json`, pretty-printed, in pieces (80 MB at 50,000 documents).
pub fn handbook_json<'a>(
    site: &'a Site<'a>,
    findings: &'a [&'a Finding],
) -> Result<Vec<Vec<u8>>, Error> {
    let hb = site.hb;
    let id = |i: usize| hb.documents[i].id.as_str();
    let document = move |(i, d): (usize, &'a crate::model::Document)| {
        let m = &d.src.meta;
        let mut links_to: Vec<&str> = d
            .links
            .iter()
            .filter_map(|r| match r {
                ResolvedLink::Document { doc, .. } if *doc != i && site.is_published(*doc) => {
                    Some(id(*doc))
                }
                _ => None,
            })
            .chain(
                d.related
                    .iter()
                    .flatten()
                    .filter(|&&r| site.is_published(r))
                    .map(|&r| id(r)),
            )
            .collect();
        links_to.sort_unstable();
        links_to.dedup();
        DocumentJson {
            id: &d.id,
            title: &d.title,
            doc_type: d.doc_type().map(|t| t.as_str()),
            owner: m.owner(),
            version: m.version.as_deref(),
            status: d.status().map(|s| s.as_str()),
            classification: m.classification.as_str(),
            approver: m.approver.as_deref(),
            approved_on: m.approved_on.map(|x| x.to_string()),
            last_reviewed: m.last_reviewed.as_ref().map(|x| x.value.to_string()),
            next_review: d.review.next.map(|x| x.to_string()),
            review: d.review.state,
            last_changed: site.last_changed(d).map(|x| x.to_string()),
            source: &d.src.path,
            url: &d.url,
            controls: d
                .controls
                .iter()
                .map(|&c| hb.catalog.control(c).id.as_str())
                .collect(),
            clauses: m.clauses.iter().map(|c| c.value.as_str()).collect(),
            tags: &m.tags,
            links_to,
            linked_from: hb.backlinks[i]
                .iter()
                .filter(|&&b| site.is_published(b))
                .map(|&b| id(b))
                .collect(),
        }
    };
    let controls = hb
        .catalog
        .controls
        .iter()
        .zip(&hb.controls)
        .map(|(c, s)| ControlJson {
            id: &c.id,
            theme: c.theme.label(),
            title: &c.title,
            applicable: s.applicable(),
            status: s.status(),
            implemented_by: s
                .implemented_by
                .iter()
                .filter(|&&i| site.is_published(i))
                .map(|&i| id(i))
                .collect(),
        })
        .collect();
    let (implemented, applicable) = hb.coverage();
    let counts = count_refs(findings);
    let doc = HandbookJson {
        format: 1,
        title: &hb.config.title,
        organisation: hb.config.organisation.as_deref(),
        generated: hb.today.to_string(),
        version: site.info.version.as_deref(),
        summary: SummaryJson {
            documents: site.documents().count(),
            controls: hb.catalog.controls.len(),
            applicable,
            implemented,
            errors: counts.errors,
            warnings: counts.warnings,
        },
        documents: Streamed(Box::new(move || Box::new(site.documents().map(document)))),
        controls,
        // Machine-readable: English whatever the site's language.
        soa: soa::rows_in(site, soa::english(), "handbook.json", &|i| {
            hb.documents[i].url.clone()
        }),
        findings,
        frameworks: fwdata::frameworks_json(site),
        mappings: fwdata::mappings_json(hb),
        risk: RiskSettingsJson {
            scale: hb.config.risk.scale,
            appetite: hb.config.risk.appetite(),
        },
        risks: super::risks::risks_json(site),
        exceptions: exceptions_json(hb),
    };
    Ok(super::parts::Pieces::json_pretty(&doc)?.into_vec())
}

/// `sitemap.xml`. The protocol wants absolute URLs: with `base_url` in ismsbook.toml they are;
/// without it the paths are relative to the site root.
pub fn sitemap(site: &Site) -> String {
    let base = site
        .hb
        .config
        .base_url
        .as_deref()
        .map(|b| format!("{}/", b.trim_end_matches('/')))
        .unwrap_or_default();
    let mut urls: Vec<String> = [
        "index.html",
        "documents/index.html",
        "controls/index.html",
        "soa.html",
        "reviews.html",
        "owners.html",
    ]
    .iter()
    .map(|u| u.to_string())
    .collect();
    urls.extend(
        site.documents()
            .map(|(_, d)| super::site::href("index.html", &d.url, None)),
    );
    urls.extend(
        site.hb
            .catalog
            .controls
            .iter()
            .map(|c| super::site::control_page(&c.id)),
    );
    // The register's pages (not risks.csv: the sitemap lists pages).
    urls.extend(
        super::risks::paths(site.hb)
            .iter()
            .filter(|p| p.ends_with(".html"))
            .map(|p| super::site::href("index.html", p, None)),
    );
    urls.extend(
        super::frameworks::paths(site.hb)
            .iter()
            .map(|p| super::site::href("index.html", p, None)),
    );
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for u in urls {
        let loc = format!("{base}{}", u.trim_start_matches("./"));
        out.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            super::escape::text(&loc)
        ));
    }
    out.push_str("</urlset>\n");
    out
}
