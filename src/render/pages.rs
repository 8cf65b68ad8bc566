//! View models of the document, list, dashboard and control pages: everything a template
//! shows, computed here so templates stay free of logic.

use super::markdown::{self, LinkOut};
use super::parts::Rows;
use super::site::*;
use crate::config::View;
use crate::error::Error;
use crate::finding::Finding;
use crate::model::exceptions::ExceptionState;
use crate::model::links::ResolvedLink;
use crate::model::{DocIdx, Document, Handbook, ReviewState};
use crate::source::meta::{Classification, DocType, Status};
use serde::Serialize;

// ----- document pages -----

#[derive(Serialize)]
pub struct DocumentPage<'a> {
    doc: DocView<'a>,
}

#[derive(Serialize)]
struct DocView<'a> {
    id: String,
    title: String,
    #[serde(flatten)]
    meta: DocMeta,
    /// The classification, for a confidential or restricted document (the page shows a
    /// banner; `restricted` says which text).
    banner: Option<String>,
    restricted: bool,
    invalid: bool,
    draft: bool,
    retired: bool,
    review_badge: Option<Badge>,
    controls: Vec<ControlLink>,
    /// Controls of declared frameworks (`csf:PR.AA-01`).
    framework_controls: Vec<ControlLink>,
    clauses: Vec<ClauseRef>,
    tags: Vec<String>,
    related: Vec<DocRef<'a>>,
    backlinks: Vec<DocRef<'a>>,
    toc: Vec<PageTocEntry>,
    /// The id of the body's leading H1, left out because it repeats the title: the title
    /// carries it, so links to it land there.
    title_id: Option<String>,
    /// The body has a Mermaid diagram: the page loads Mermaid (no other page does).
    diagrams: bool,
    /// Commits that changed the document, newest first (Git only).
    history: Vec<RevisionView>,
    /// Changes beyond the newest [`HISTORY_ROWS`], left out of the page.
    history_older: usize,
    /// Says so, with the `git log` command that lists them (escaped HTML).
    history_older_html: Option<String>,
    history_partial: bool,
    last_changed: Option<String>,
    source_path: String,
    /// The document on the Git host (`[repository]`): its editor and its commits.
    edit_url: Option<String>,
    history_url: Option<String>,
    /// [`BODY`]: the body is written around the template's output, not through it.
    body_html: &'static str,
}

#[derive(Serialize)]
struct ControlLink {
    id: String,
    title: String,
    href: String,
}

#[derive(Serialize)]
struct ClauseRef {
    id: String,
    title: String,
}

#[derive(Serialize)]
struct RevisionView {
    date: String,
    author: String,
    subject: String,
    commit: String,
    /// The `version` the commit set, only where it changed.
    version: Option<String>,
    /// What kind of change it was, when not a change of the text: "front matter only",
    /// "removed".
    note: Option<String>,
}

/// A document page lists this many changes at most (a register edited daily would otherwise
/// carry its whole log); the rest is in `git log`.
const HISTORY_ROWS: usize = 50;

impl RevisionView {
    fn new(lang: &crate::i18n::Lang, c: &crate::git::Change) -> Self {
        let version = c
            .state
            .as_ref()
            .filter(|_| c.version_changed)
            .and_then(|s| s.version.clone());
        let note = if c.deleted {
            Some(lang.text("doc-history-removed").into_owned())
        } else if !c.content_changed {
            Some(lang.text("doc-history-front-matter").into_owned())
        } else {
            None
        };
        RevisionView {
            date: lang.date(c.commit.date),
            author: c.commit.author.clone(),
            subject: c.commit.subject.clone(),
            commit: c.commit.short().to_owned(),
            version,
            note,
        }
    }
}

#[derive(Serialize)]
struct PageTocEntry {
    id: String,
    text: String,
    level: u8,
}

/// Where a document (and anchor) is linked from the page being rendered; `None` when this
/// build leaves the document out, so the link becomes plain text.
pub type DocHref<'f> = &'f dyn Fn(DocIdx, Option<&str>) -> Option<String>;

/// How each link of document `i` is written on `page`: a link of raw HTML as its Markdown twin
/// would be, its URL only (the element and its content stay; where the Markdown link would be
/// text or marked broken, the attribute is removed).
pub fn link_outputs(
    hb: &Handbook,
    i: DocIdx,
    page: &str,
    doc_href: DocHref<'_>,
) -> markdown::BodyLinks {
    let d = &hb.documents[i];
    let mut out = markdown::BodyLinks::default();
    for (link, r) in d.src.scan.links.iter().zip(d.links.iter()) {
        let written = link_output(hb, link, r, page, doc_href);
        if !link.html {
            out.markdown.push(written);
            continue;
        }
        let url = match written {
            LinkOut::Href { url, .. } => Some(url),
            LinkOut::Plain { .. } | LinkOut::Broken { .. } => None,
        };
        out.html.insert((link.image, link.dest.clone()), url);
    }
    out
}

fn link_output(
    hb: &Handbook,
    link: &crate::source::scan::Link,
    r: &ResolvedLink,
    page: &str,
    doc_href: DocHref<'_>,
) -> LinkOut {
    match r {
        ResolvedLink::Document { doc, anchor } => match doc_href(*doc, anchor.as_deref()) {
            Some(url) => LinkOut::Href {
                url,
                text: (!link.own_text).then(|| hb.documents[*doc].title.clone()),
            },
            // A left-out document keeps the author's text: even its title may be
            // more than this audience should see.
            None => LinkOut::Plain { text: None },
        },
        ResolvedLink::Control(c) => {
            let ctl = hb.catalog.control(*c);
            LinkOut::Href {
                url: href(page, &control_page(&ctl.id), None),
                text: (!link.own_text).then(|| format!("{} {}", ctl.id, ctl.title)),
            }
        }
        ResolvedLink::File(path) => LinkOut::Href {
            url: href(page, path, None),
            text: None,
        },
        ResolvedLink::Repository(url) => LinkOut::Href {
            url: url.clone(),
            text: None,
        },
        ResolvedLink::Outside { .. } => LinkOut::Plain { text: None },
        ResolvedLink::External => LinkOut::Href {
            url: link.dest.clone(),
            text: None,
        },
        ResolvedLink::AsText => LinkOut::Plain { text: None },
        ResolvedLink::Broken(why) => LinkOut::Broken { why: why.clone() },
    }
}

/// The page's data, and the body's HTML that goes where the template put [`BODY`].
pub fn document_page<'a>(
    site: &'a Site,
    i: DocIdx,
    parsed: &markdown::ParsedBody<'_>,
) -> (DocumentPage<'a>, String) {
    let hb = site.hb;
    let d = &hb.documents[i];
    let m = &d.src.meta;
    let page = d.url.as_str();
    let mut body_html = String::with_capacity(d.src.body().len() * 2);
    let raw_html = d.src.scan.raw_html_mode(hb.config.markdown.raw_html);
    let dropped = parsed.repeated_title(&d.title, &d.src.scan.headings, raw_html);
    markdown::render(
        parsed,
        &d.src.scan.headings,
        &mut link_outputs(hb, i, page, &|doc, anchor| {
            if !site.is_published(doc) {
                None
            } else if doc == i {
                // The page itself (`#x`, or `[![badge](…)]()`): by its own name, not a
                // path through the folders.
                Some(match anchor {
                    Some(a) => fragment(a),
                    None => page.rsplit('/').next().unwrap_or(page).to_owned(),
                })
            } else {
                Some(href(page, &hb.documents[doc].url, anchor))
            }
        }),
        markdown::BodyStyle {
            footnotes: "",
            raw_html,
            drop_title: dropped.is_some(),
            words: &site.md_words,
        },
        &mut body_html,
    );
    let meta = doc_meta(site.lang, d);
    let history_older = site
        .history
        .map(|h| h.of(&d.src.path).changes.len().saturating_sub(HISTORY_ROWS))
        .unwrap_or_default();
    let page = DocumentPage {
        doc: DocView {
            id: d.id.clone(),
            title: d.title.clone(),
            banner: (m.classification >= Classification::Confidential)
                .then(|| meta.classification_label.clone()),
            meta,
            restricted: m.classification == Classification::Restricted,
            invalid: !d.src.front_matter_ok,
            draft: m.status == Some(Status::Draft),
            retired: m.status == Some(Status::Retired),
            review_badge: review_badge(site.lang, d),
            controls: d
                .controls
                .iter()
                .map(|&c| {
                    let ctl = hb.catalog.control(c);
                    ControlLink {
                        id: ctl.id.clone(),
                        title: ctl.title.clone(),
                        href: href(page, &control_page(&ctl.id), None),
                    }
                })
                .collect(),
            framework_controls: d
                .framework_controls
                .iter()
                .map(|&c| ControlLink {
                    id: hb.frameworks.qualified_id(c),
                    title: match c.fw {
                        crate::model::frameworks::FwKey::AnnexA => {
                            hb.catalog.control(c.idx).title.clone()
                        }
                        crate::model::frameworks::FwKey::Declared(f) => hb.frameworks.list[f]
                            .catalog
                            .control(c.idx)
                            .heading()
                            .to_owned(),
                    },
                    href: href(page, &site.ctl_page(c), None),
                })
                .collect(),
            clauses: m
                .clauses
                .iter()
                .map(|c| ClauseRef {
                    id: c.value.clone(),
                    title: hb
                        .catalog
                        .clause(&c.value)
                        .map(|x| x.title.clone())
                        .unwrap_or_default(),
                })
                .collect(),
            tags: m.tags.clone(),
            related: site.refs(
                page,
                &d.related.iter().flatten().copied().collect::<Vec<_>>(),
            ),
            backlinks: site.refs(page, &hb.backlinks[i]),
            toc: d
                .src
                .scan
                .headings
                .iter()
                .filter(|h| (2..=3).contains(&h.level))
                .map(|h| PageTocEntry {
                    id: h.id.clone(),
                    text: h.text.clone(),
                    level: h.level,
                })
                .collect(),
            title_id: dropped.and_then(|t| t.id),
            diagrams: parsed.diagrams,
            history: site
                .history
                .map(|h| {
                    h.of(&d.src.path)
                        .changes
                        .iter()
                        .take(HISTORY_ROWS)
                        .map(|c| RevisionView::new(site.lang, c))
                        .collect()
                })
                .unwrap_or_default(),
            history_older,
            history_older_html: (history_older > 0).then(|| {
                let mut args = fluent_bundle::FluentArgs::new();
                args.set("n", history_older);
                let command = format!(
                    "<code>{}</code>",
                    super::escape::text(&format!("git log -- {}", d.src.path))
                );
                super::reviews::text_around(
                    site.lang,
                    "doc-history-older",
                    args,
                    "command",
                    &command,
                )
            }),
            history_partial: site.history.is_some_and(|h| h.shallow),
            last_changed: site.last_changed(d).map(|x| site.lang.date(x)),
            source_path: d.src.path.clone(),
            edit_url: hb
                .config
                .repository
                .as_ref()
                .map(|r| r.page(View::Edit, &d.src.path)),
            history_url: hb
                .config
                .repository
                .as_ref()
                .map(|r| r.page(View::Commits, &d.src.path)),
            body_html: BODY,
        },
    };
    (page, body_html)
}

/// Stands for a body's HTML in a template's output. A body is the largest part of its page:
/// passed through the template engine it was copied into its data, then into the content's
/// output, then into the layout's, growing each string as it went. Text the built-in templates
/// escape cannot forge the marker (`<` becomes `&lt;`); a body's own HTML is put in after.
pub const BODY: &str = "<!--ismsbook:body-->";

/// `html` with `body` wherever its template put [`BODY`], as parts to write one after another
/// (`html` alone when a theme leaves the body out). `template` names the template for errors.
pub fn around_body<'h>(
    html: &'h str,
    body: &'h str,
    template: &str,
) -> Result<Vec<&'h str>, Error> {
    if html.contains("&lt;!--ismsbook:body--&gt;") {
        // `{{body_html}}` instead of `{{{body_html}}}`: the body would be lost, not shown.
        return Err(Error::Template(format!(
            "{template}.hbs writes the body HTML with two braces, which escapes it: use three ({{{{{{ … }}}}}})"
        )));
    }
    Ok(splice(html, body))
}

/// [`around_body`] without the check, for output it has checked already.
pub(super) fn splice<'h>(html: &'h str, body: &'h str) -> Vec<&'h str> {
    let mut parts = Vec::with_capacity(3);
    for (i, part) in html.split(BODY).enumerate() {
        if i > 0 {
            parts.push(body);
        }
        parts.push(part);
    }
    parts
}

// ----- lists and dashboard -----

#[derive(Serialize)]
pub struct DocumentsPage {
    total: usize,
    groups: Vec<DocGroup>,
}

#[derive(Serialize)]
struct DocGroup {
    key: &'static str,
    label: String,
    count: usize,
    /// Where its documents go (documents-row.hbs, a [`DocRef`] each).
    rows_html: String,
}

/// Published documents grouped by type (in the order of `DocType::ALL`, untyped last), by id
/// within a group.
pub fn grouped(site: &Site) -> Vec<(Option<DocType>, Vec<DocIdx>)> {
    let hb = site.hb;
    let mut groups: Vec<(Option<DocType>, Vec<DocIdx>)> = DocType::ALL
        .iter()
        .map(|&t| (Some(t), Vec::new()))
        .chain(std::iter::once((None, Vec::new())))
        .collect();
    for (i, d) in site.documents() {
        let slot = d
            .doc_type()
            .map(|t| t as usize)
            .unwrap_or(DocType::ALL.len());
        groups[slot].1.push(i);
    }
    for (_, docs) in &mut groups {
        docs.sort_by(|&a, &b| hb.documents[a].id.cmp(&hb.documents[b].id));
    }
    groups.retain(|(_, docs)| !docs.is_empty());
    groups
}

/// `documents/index.html`: the published documents by type.
pub fn documents_page<'a>(site: &'a Site, page: &str) -> (DocumentsPage, Rows<DocRef<'a>>) {
    let groups = grouped(site);
    let mut rows = Rows::default();
    let view = DocumentsPage {
        total: groups.iter().map(|(_, docs)| docs.len()).sum(),
        groups: groups
            .into_iter()
            .map(|(t, docs)| DocGroup {
                key: t.map(DocType::as_str).unwrap_or("other"),
                label: types_label(site.lang, t),
                count: docs.len(),
                rows_html: rows.push(site.refs(page, &docs)),
            })
            .collect(),
    };
    (view, rows)
}

#[derive(Serialize)]
pub struct CoverageView {
    covered: usize,
    applicable: usize,
    total: usize,
    excluded: usize,
    unmapped: usize,
    percent: usize,
}

pub fn coverage(hb: &Handbook) -> CoverageView {
    let (covered, applicable) = hb.coverage();
    CoverageView {
        covered,
        applicable,
        total: hb.controls.len(),
        excluded: hb.controls.len() - applicable,
        unmapped: applicable - covered,
        percent: (covered * 100).checked_div(applicable).unwrap_or(100),
    }
}

#[derive(Serialize)]
pub struct Dashboard {
    coverage: CoverageView,
    documents: usize,
    approved: usize,
    drafts: usize,
    retired: usize,
    warn_days: u32,
    overdue_count: usize,
    due_soon_count: usize,
    /// Where the overdue reviews go (index-row.hbs, a [`DashboardReview`] each).
    overdue_html: String,
    /// Where the reviews due soon go, likewise.
    due_soon_html: String,
    unmapped: Vec<ControlLink>,
    errors: usize,
    warnings: usize,
    /// Coverage of every framework, Annex A first; empty unless frameworks are declared.
    frameworks: Vec<super::frameworks::FwSummary>,
    frameworks_href: String,
    /// What falls due in the next twelve months, overdue first.
    timeline: super::timeline::TimelineView,
    /// None without a risk register.
    risks: Option<DashboardRisks>,
    /// None without `exceptions.yaml`.
    exceptions: Option<DashboardExceptions>,
}

#[derive(Serialize)]
struct DashboardRisks {
    appetite: u32,
    count: usize,
    /// Residual score above the appetite: those without an acceptance first, then the
    /// highest score, then register order.
    above: Vec<RiskRow>,
    above_count: usize,
    unaccepted: usize,
    overdue: Vec<RiskRow>,
    overdue_count: usize,
    /// The card's note: "1 not accepted, 2 risk reviews overdue, 29 risks in the register".
    note: String,
    /// "Residual score above the appetite of 9; …", already escaped (for `{{{intro}}}`), with
    /// its apostrophe as written: Handlebars would write `&#x27;`.
    intro: String,
}

#[derive(Serialize)]
struct RiskRow {
    id: String,
    title: String,
    href: String,
    owner: String,
    residual: Option<u32>,
    /// `CEO, 2026-05-01`; None without both.
    accepted: Option<String>,
    next_review: String,
    badge: Badge,
}

#[derive(Serialize)]
struct DashboardExceptions {
    href: String,
    count: usize,
    in_force: usize,
    expired: usize,
    expiring: usize,
    warn_days: u32,
}

#[derive(Serialize)]
pub struct DashboardReview {
    id: String,
    title: String,
    href: String,
    owner: String,
    next_review: String,
    when: String,
    /// The badge's class: `error` overdue, `warning` due soon.
    badge: &'static str,
}

/// The dashboard counts the whole ISMS (coverage and reviews are facts about it), but lists and
/// links only what this build publishes.
pub fn dashboard(
    site: &Site,
    findings: &[&Finding],
    page: &str,
) -> (Dashboard, Rows<DashboardReview>) {
    let hb = site.hb;
    let count = |s: Status| {
        hb.documents
            .iter()
            .filter(|d| d.status() == Some(s))
            .count()
    };
    let mut reviews: Vec<&Document> = site
        .documents()
        .map(|(_, d)| d)
        .filter(|d| d.review.days_left.is_some())
        .collect();
    reviews.sort_by_key(|d| (d.review.next, d.id.clone()));
    let rows = |state: ReviewState, badge: &'static str| {
        reviews
            .iter()
            .filter(|d| d.review.state == state)
            .map(|d| DashboardReview {
                id: d.id.clone(),
                title: d.title.clone(),
                href: href(page, &d.url, None),
                owner: d.src.meta.owner().unwrap_or("—").to_owned(),
                next_review: site.lang.date_or_dash(d.review.next),
                when: review_badge(site.lang, d)
                    .map(|b| b.label)
                    .unwrap_or_default(),
                badge,
            })
            .collect()
    };
    let counts = crate::finding::count_refs(findings);
    let overdue: Vec<DashboardReview> = rows(ReviewState::Overdue, "error");
    let due_soon: Vec<DashboardReview> = rows(ReviewState::DueSoon, "warning");
    let mut lists = Rows::default();
    let view = Dashboard {
        overdue_count: overdue.len(),
        due_soon_count: due_soon.len(),
        coverage: coverage(hb),
        documents: hb.documents.len(),
        approved: count(Status::Approved),
        drafts: count(Status::Draft),
        retired: count(Status::Retired),
        warn_days: hb.config.review.warn_days,
        overdue_html: lists.push(overdue),
        due_soon_html: lists.push(due_soon),
        unmapped: hb
            .controls
            .iter()
            .zip(&hb.catalog.controls)
            .filter(|(s, _)| s.applicable() && s.implemented_by.is_empty())
            .map(|(_, c)| ControlLink {
                id: c.id.clone(),
                title: c.title.clone(),
                href: href(page, &control_page(&c.id), None),
            })
            .collect(),
        errors: counts.errors,
        warnings: counts.warnings,
        frameworks: if site.info.frameworks {
            super::frameworks::summaries(site, page)
        } else {
            Vec::new()
        },
        frameworks_href: href(page, super::frameworks::INDEX, None),
        timeline: super::timeline::view(&timeline(site, &reviews), site.lang),
        risks: dashboard_risks(site, page),
        exceptions: hb.exceptions_file.then(|| {
            let warn = hb.config.review.warn_days;
            let state = |s: ExceptionState| {
                hb.exceptions
                    .iter()
                    .filter(|e| e.state(hb.today, warn) == Some(s))
                    .count()
            };
            DashboardExceptions {
                href: href(page, super::exceptions::PAGE, None),
                count: hb.exceptions.len(),
                in_force: hb
                    .exceptions
                    .iter()
                    .filter(|e| e.in_force(hb.today))
                    .count(),
                expired: state(ExceptionState::Expired),
                expiring: state(ExceptionState::Expiring),
                warn_days: warn,
            }
        }),
    };
    (view, lists)
}

/// The timeline's items: the reviews of the documents the dashboard lists (`reviews`, retired
/// ones not due), every risk's next review (never reviewed: overdue, as the check says), and
/// every exception's last valid day.
fn timeline(site: &Site, reviews: &[&Document]) -> super::timeline::Timeline {
    use super::timeline::{count, Due, Kind};
    let hb = site.hb;
    let docs = reviews
        .iter()
        .filter(|d| !matches!(d.review.state, ReviewState::NotDue | ReviewState::Unknown))
        .filter_map(|d| d.review.next)
        .map(|n| (Kind::Document, Due::On(n)));
    let risks = hb.risks.iter().filter_map(|r| match r.next_review() {
        Some(n) => Some((Kind::Risk, Due::On(n))),
        None => r.never_reviewed().then_some((Kind::Risk, Due::Overdue)),
    });
    let exceptions = hb
        .exceptions
        .iter()
        .filter_map(|e| e.expires)
        .map(|d| (Kind::Exception, Due::On(d)));
    count(hb.today, docs.chain(risks).chain(exceptions))
}

fn dashboard_risks(site: &Site, page: &str) -> Option<DashboardRisks> {
    let hb = site.hb;
    if hb.risks.is_empty() {
        return None;
    }
    let appetite = hb.config.risk.appetite();
    let lang = site.lang;
    let row = |i: usize, r: &crate::model::risks::Risk, badge: Badge| RiskRow {
        id: r.id.clone(),
        title: r.title.clone(),
        href: href(page, site.risks.page(i).unwrap_or_default(), None),
        owner: r.owner.clone().unwrap_or_else(|| "—".into()),
        residual: r.residual(),
        accepted: match (&r.accepted_by, r.accepted_on) {
            (Some(by), Some(on)) => {
                let mut args = fluent_bundle::FluentArgs::new();
                args.set("by", by.clone());
                args.set("date", lang.date(on));
                Some(lang.fmt("dash-accepted-by", &args))
            }
            _ => None,
        },
        next_review: site.lang.date_or_dash(r.next_review()),
        badge,
    };
    let mut above: Vec<(usize, &crate::model::risks::Risk)> = hb
        .risks
        .iter()
        .enumerate()
        .filter(|(_, r)| r.residual().is_some_and(|s| s > appetite))
        .collect();
    let accepted =
        |r: &crate::model::risks::Risk| r.accepted_by.is_some() && r.accepted_on.is_some();
    above.sort_by_key(|&(i, r)| (accepted(r), std::cmp::Reverse(r.residual()), i));
    let unaccepted = above.iter().filter(|(_, r)| !accepted(r)).count();
    let yes = lang.text("dash-accepted");
    let no = lang.text("dash-not-accepted");
    let above: Vec<RiskRow> = above
        .into_iter()
        .map(|(i, r)| {
            let badge = if accepted(r) {
                Badge {
                    class: "ok",
                    label: yes.clone().into_owned(),
                }
            } else {
                Badge {
                    class: "error",
                    label: no.clone().into_owned(),
                }
            };
            row(i, r, badge)
        })
        .collect();
    // Overdue as `overdue-risk-review` says: never reviewed first, then the longest overdue.
    let mut overdue: Vec<(Option<jiff::civil::Date>, usize, &crate::model::risks::Risk)> = hb
        .risks
        .iter()
        .enumerate()
        .filter(|(_, r)| r.review_overdue(hb.today))
        .map(|(i, r)| (r.next_review(), i, r))
        .collect();
    overdue.sort_by_key(|&(n, i, _)| (n, i));
    let never = lang.text("dash-never-reviewed");
    let overdue: Vec<RiskRow> = overdue
        .into_iter()
        .map(|(n, i, r)| {
            let label = match n {
                Some(n) => lang.count("badge-overdue", crate::dates::days_between(n, hb.today)),
                None => never.clone().into_owned(),
            };
            row(
                i,
                r,
                Badge {
                    class: "error",
                    label,
                },
            )
        })
        .collect();
    Some(DashboardRisks {
        appetite,
        count: hb.risks.len(),
        above_count: above.len(),
        above,
        unaccepted,
        note: {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("unaccepted", unaccepted);
            args.set("overdue", overdue.len());
            args.set("count", hb.risks.len());
            lang.fmt("dash-risks-note", &args)
        },
        // Element content: an apostrophe needs no escape there.
        intro: super::escape::text(&lang.with("dash-risks-above-intro", "appetite", appetite))
            .replace("&#39;", "'"),
        overdue_count: overdue.len(),
        overdue,
    })
}

// ----- controls -----

#[derive(Serialize)]
pub struct ControlsPage {
    covered: usize,
    applicable: usize,
    excluded: usize,
    themes: Vec<ThemeView>,
}

#[derive(Serialize)]
struct ThemeView {
    number: u8,
    label: String,
    covered: usize,
    applicable: usize,
    controls: Vec<ControlRow>,
}

#[derive(Serialize)]
struct ControlRow {
    id: String,
    title: String,
    href: String,
    applicable: bool,
    implemented: usize,
    /// "3 documents".
    implemented_label: String,
    row_class: &'static str,
}

pub fn controls_page(site: &Site, page: &str) -> ControlsPage {
    let hb = site.hb;
    let lang = site.lang;
    let c = coverage(hb);
    let themes = crate::catalog::ControlTheme::ALL
        .iter()
        .map(|&theme| {
            let rows: Vec<ControlRow> = hb
                .catalog
                .controls
                .iter()
                .zip(&hb.controls)
                .filter(|(ctl, _)| ctl.theme == theme)
                .map(|(ctl, s)| ControlRow {
                    id: ctl.id.clone(),
                    title: ctl.title.clone(),
                    href: href(page, &control_page(&ctl.id), None),
                    applicable: s.applicable(),
                    implemented: s.implemented_by.len(),
                    implemented_label: lang.count("ctl-documents", s.implemented_by.len() as i64),
                    row_class: match (s.applicable(), s.implemented_by.is_empty()) {
                        (false, _) => "row-excluded",
                        (true, true) => "row-unmapped",
                        (true, false) => "row-covered",
                    },
                })
                .collect();
            ThemeView {
                number: theme.number(),
                label: super::soa::theme_label(lang, theme),
                covered: rows
                    .iter()
                    .filter(|r| r.applicable && r.implemented > 0)
                    .count(),
                applicable: rows.iter().filter(|r| r.applicable).count(),
                controls: rows,
            }
        })
        .collect();
    ControlsPage {
        covered: c.covered,
        applicable: c.applicable,
        excluded: c.excluded,
        themes,
    }
}

#[derive(Serialize)]
pub struct ControlPage<'a> {
    control: ControlView<'a>,
}

#[derive(Serialize)]
struct ControlView<'a> {
    id: String,
    title: String,
    theme: String,
    applicable: bool,
    justification: Option<String>,
    status: Option<String>,
    note: Option<String>,
    attributes: Vec<Attribute>,
    implemented_by: Vec<DocRef<'a>>,
    not_approved: Vec<DocRef<'a>>,
    /// Controls of declared frameworks mapped to this one.
    mapped: Vec<super::frameworks::MappedView>,
    /// Approved deviations from this control in force today.
    exceptions: Vec<super::exceptions::InForce>,
    /// The risks whose treatment names the control.
    risks: Vec<super::risks::Treated>,
}

#[derive(Serialize)]
struct Attribute {
    name: String,
    values: String,
}

pub fn control_page_view<'a>(
    site: &'a Site,
    mapped: &super::frameworks::MapIndex,
    idx: usize,
    page: &str,
) -> ControlPage<'a> {
    let hb = site.hb;
    let ctl = hb.catalog.control(idx);
    let s = &hb.controls[idx];
    let decision = s.decision.as_ref();
    let me = crate::model::frameworks::CtlRef {
        fw: crate::model::frameworks::FwKey::AnnexA,
        idx,
    };
    ControlPage {
        control: ControlView {
            id: ctl.id.clone(),
            title: ctl.title.clone(),
            theme: super::soa::theme_label(site.lang, ctl.theme),
            applicable: s.applicable(),
            justification: decision.and_then(|d| d.justification.clone()),
            status: s.status().map(|st| super::soa::impl_label(site.lang, st)),
            note: decision.and_then(|d| d.note.clone()),
            attributes: ctl
                .attributes
                .iter()
                .map(|(name, values)| Attribute {
                    name: attribute_label(site.lang, name),
                    values: values.join(", "),
                })
                .collect(),
            implemented_by: site.refs(page, &s.implemented_by),
            not_approved: site.refs(page, &s.not_in_force()),
            mapped: super::frameworks::mapped(site, mapped, me, page),
            exceptions: super::exceptions::on_control(site, me, page),
            risks: super::risks::on_control(site, me, page),
        },
    }
}

/// An ISO/IEC 27002 attribute's name in the interface language (its values are the
/// standard's own hashtags and stay as written).
fn attribute_label(lang: &crate::i18n::Lang, name: &str) -> String {
    let key = match name {
        "Control type" => "ctl-attr-control-type",
        "Information security properties" => "ctl-attr-properties",
        "Cybersecurity concepts" => "ctl-attr-concepts",
        "Operational capabilities" => "ctl-attr-capabilities",
        "Security domains" => "ctl-attr-domains",
        _ => return name.to_owned(),
    };
    lang.text(key).into_owned()
}

#[cfg(test)]
mod body_tests {
    use super::{around_body, BODY};

    #[test]
    fn the_body_goes_wherever_the_template_put_it() {
        let html = format!("<main>{BODY}</main>");
        assert_eq!(
            around_body(&html, "<p>b</p>", "document").unwrap().concat(),
            "<main><p>b</p></main>"
        );
        let twice = format!("{BODY}|{BODY}");
        assert_eq!(
            around_body(&twice, "b", "document").unwrap().concat(),
            "b|b"
        );
        assert_eq!(
            around_body("<main></main>", "b", "document")
                .unwrap()
                .concat(),
            "<main></main>"
        );
    }

    #[test]
    fn an_escaped_body_is_an_error_not_a_lost_body() {
        let err = around_body("&lt;!--ismsbook:body--&gt;", "b", "document").unwrap_err();
        assert!(err.to_string().contains("document.hbs"), "{err}");
    }
}
