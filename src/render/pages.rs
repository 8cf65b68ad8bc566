//! View models: everything a template shows, computed here so templates stay free of logic.
//! Every URL is relative to the page it appears on, so the site works under any sub-path and
//! from `file://`.

use super::markdown::{self, LinkOut};
use crate::finding::Finding;
use crate::model::links::Resolved;
use crate::model::{DocIdx, Document, Handbook, ReviewState};
use crate::source::meta::{Classification, DocType, Status};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::Serialize;
use std::collections::HashMap;

/// Characters that cannot stand raw in a URL path segment or fragment.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\'');

/// `../` repeated once per folder level of `page`.
pub fn root_of(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// URL of site path `target` (and optional fragment) as seen from `page`.
pub fn href(page: &str, target: &str, anchor: Option<&str>) -> String {
    let mut s = root_of(page);
    // A first segment with a colon would read as a URL scheme (`javascript:x.html`).
    if s.is_empty()
        && target
            .split('/')
            .next()
            .is_some_and(|seg| seg.contains(':'))
    {
        s.push_str("./");
    }
    for (i, seg) in target.split('/').enumerate() {
        if i > 0 {
            s.push('/');
        }
        s.extend(utf8_percent_encode(seg, SEGMENT));
    }
    if let Some(a) = anchor {
        s.push('#');
        s.extend(utf8_percent_encode(a, SEGMENT));
    }
    s
}

pub fn control_page(id: &str) -> String {
    format!("controls/{id}.html")
}

#[derive(Serialize)]
pub struct SiteInfo {
    pub title: String,
    pub organisation: Option<String>,
    pub today: String,
}

/// Fields every page's layout uses.
#[derive(Serialize)]
pub struct Frame<'a, T: Serialize> {
    pub site: &'a SiteInfo,
    pub root: String,
    pub page_url: String,
    pub page_title: String,
    pub findings: Vec<FindingView>,
    #[serde(flatten)]
    pub body: T,
}

#[derive(Serialize)]
pub struct FindingView {
    severity: &'static str,
    code: &'static str,
    message: String,
    location: Option<String>,
    /// The page the finding is about, when it is not the page showing it.
    href: Option<String>,
    help: Option<String>,
}

pub fn finding_view(hb: &Handbook, page: &str, f: &Finding) -> FindingView {
    let target = match (&f.file, &f.control) {
        (Some(file), _) => hb
            .by_path
            .get(file.as_str())
            .map(|&i| hb.documents[i].url.clone()),
        (None, Some(c)) => Some(control_page(c)),
        (None, None) => None,
    };
    FindingView {
        href: target.filter(|t| t != page).map(|t| href(page, &t, None)),
        severity: f.severity.as_str(),
        code: f.code.as_str(),
        message: f.message.clone(),
        location: f.file.as_ref().map(|file| match f.line {
            Some(line) => format!("{file}:{line}"),
            None => file.clone(),
        }),
        help: f.help.clone(),
    }
}

#[derive(Serialize, Clone)]
pub struct Badge {
    class: &'static str,
    label: String,
}

pub fn review_badge(d: &Document) -> Option<Badge> {
    let days = d.review.days_left?;
    match d.review.state {
        ReviewState::Overdue => Some(Badge {
            class: "error",
            label: format!("overdue by {}", days_text(-days)),
        }),
        ReviewState::DueSoon => Some(Badge {
            class: "warning",
            label: if days == 0 {
                "due today".into()
            } else {
                format!("due in {}", days_text(days))
            },
        }),
        _ => None,
    }
}

fn days_text(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

fn date_text(d: Option<jiff::civil::Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "—".into())
}

fn status_text(s: Option<Status>) -> &'static str {
    s.map(Status::as_str).unwrap_or("unknown")
}

#[derive(Serialize)]
pub struct DocRef {
    id: String,
    title: String,
    href: String,
    owner: String,
    status: &'static str,
    next_review: String,
    review_badge: Option<Badge>,
}

pub fn doc_ref(hb: &Handbook, page: &str, i: DocIdx) -> DocRef {
    let d = &hb.documents[i];
    DocRef {
        id: d.id.clone(),
        title: d.title.clone(),
        href: href(page, &d.url, None),
        owner: d.src.meta.owner.clone().unwrap_or_else(|| "—".into()),
        status: status_text(d.status()),
        next_review: date_text(d.review.next),
        review_badge: review_badge(d),
    }
}

// ----- document pages -----

#[derive(Serialize)]
pub struct DocumentPage {
    doc: DocView,
}

#[derive(Serialize)]
struct DocView {
    id: String,
    title: String,
    type_label: &'static str,
    owner: String,
    version: String,
    status: &'static str,
    classification: &'static str,
    banner: Option<String>,
    invalid: bool,
    draft: bool,
    retired: bool,
    approver: Option<String>,
    approved_on: Option<String>,
    last_reviewed: String,
    next_review: String,
    review_badge: Option<Badge>,
    controls: Vec<ControlRef>,
    clauses: Vec<ClauseRef>,
    tags: Vec<String>,
    related: Vec<DocRef>,
    backlinks: Vec<DocRef>,
    toc: Vec<TocEntry>,
    source_path: String,
    body_html: String,
}

#[derive(Serialize)]
struct ControlRef {
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
struct TocEntry {
    id: String,
    text: String,
    level: u8,
}

/// How each link of a document is written on its page.
fn link_outputs(hb: &Handbook, i: DocIdx) -> Vec<LinkOut> {
    let d = &hb.documents[i];
    let page = &d.url;
    d.src
        .scan
        .links
        .iter()
        .zip(&d.links)
        .map(|(link, r)| match r {
            Resolved::Document { doc, anchor } => LinkOut::Href {
                url: if *doc == i && anchor.is_some() {
                    format!(
                        "#{}",
                        utf8_percent_encode(anchor.as_deref().unwrap_or(""), SEGMENT)
                    )
                } else {
                    href(page, &hb.documents[*doc].url, anchor.as_deref())
                },
                text: (!link.own_text).then(|| hb.documents[*doc].title.clone()),
            },
            Resolved::Control(c) => {
                let ctl = hb.catalog.control(*c);
                LinkOut::Href {
                    url: href(page, &control_page(&ctl.id), None),
                    text: (!link.own_text).then(|| format!("{} {}", ctl.id, ctl.title)),
                }
            }
            Resolved::File(path) => LinkOut::Href {
                url: href(page, path, None),
                text: None,
            },
            Resolved::External => LinkOut::Href {
                url: link.dest.clone(),
                text: None,
            },
            Resolved::Broken(why) => LinkOut::Broken { why: why.clone() },
        })
        .collect()
}

pub fn document_page(hb: &Handbook, i: DocIdx) -> DocumentPage {
    let d = &hb.documents[i];
    let m = &d.src.meta;
    let page = d.url.as_str();
    let mut body_html = String::with_capacity(d.src.body().len() * 2);
    markdown::render(
        d.src.body(),
        &d.src.scan.headings,
        &link_outputs(hb, i),
        &mut body_html,
    );
    DocumentPage {
        doc: DocView {
            id: d.id.clone(),
            title: d.title.clone(),
            type_label: d.doc_type().map(DocType::label).unwrap_or("Document"),
            owner: m.owner.clone().unwrap_or_else(|| "—".into()),
            version: m.version.clone().unwrap_or_else(|| "—".into()),
            status: status_text(m.status),
            classification: m.classification.as_str(),
            banner: match m.classification {
                Classification::Confidential => Some("Confidential".into()),
                Classification::Restricted => Some("Restricted".into()),
                _ => None,
            },
            invalid: !d.src.front_matter_ok,
            draft: m.status == Some(Status::Draft),
            retired: m.status == Some(Status::Retired),
            approver: m.approver.clone(),
            approved_on: m.approved_on.map(|d| d.to_string()),
            last_reviewed: date_text(m.last_reviewed.as_ref().map(|l| l.value)),
            next_review: date_text(d.review.next),
            review_badge: review_badge(d),
            controls: d
                .controls
                .iter()
                .map(|&c| {
                    let ctl = hb.catalog.control(c);
                    ControlRef {
                        id: ctl.id.clone(),
                        title: ctl.title.clone(),
                        href: href(page, &control_page(&ctl.id), None),
                    }
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
            related: d
                .related
                .iter()
                .flatten()
                .map(|&r| doc_ref(hb, page, r))
                .collect(),
            backlinks: hb.backlinks[i]
                .iter()
                .map(|&b| doc_ref(hb, page, b))
                .collect(),
            toc: d
                .src
                .scan
                .headings
                .iter()
                .filter(|h| (2..=3).contains(&h.level))
                .map(|h| TocEntry {
                    id: h.id.clone(),
                    text: h.text.clone(),
                    level: h.level,
                })
                .collect(),
            source_path: d.src.path.clone(),
            body_html,
        },
    }
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
    label: &'static str,
    count: usize,
    docs: Vec<DocRef>,
}

/// Documents grouped by type (in the order of `DocType::ALL`, untyped last), by id within a group.
pub fn grouped(hb: &Handbook) -> Vec<(Option<DocType>, Vec<DocIdx>)> {
    let mut groups: Vec<(Option<DocType>, Vec<DocIdx>)> = DocType::ALL
        .iter()
        .map(|&t| (Some(t), Vec::new()))
        .chain(std::iter::once((None, Vec::new())))
        .collect();
    for (i, d) in hb.documents.iter().enumerate() {
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

pub fn documents_page(hb: &Handbook, page: &str) -> DocumentsPage {
    DocumentsPage {
        total: hb.documents.len(),
        groups: grouped(hb)
            .into_iter()
            .map(|(t, docs)| DocGroup {
                key: t.map(DocType::as_str).unwrap_or("other"),
                label: t.map(DocType::plural).unwrap_or("Other documents"),
                count: docs.len(),
                docs: docs.into_iter().map(|i| doc_ref(hb, page, i)).collect(),
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub struct Coverage {
    covered: usize,
    applicable: usize,
    total: usize,
    excluded: usize,
    unmapped: usize,
    percent: usize,
}

pub fn coverage(hb: &Handbook) -> Coverage {
    let (covered, applicable) = hb.coverage();
    Coverage {
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
    coverage: Coverage,
    documents: usize,
    approved: usize,
    drafts: usize,
    retired: usize,
    warn_days: u32,
    overdue_count: usize,
    due_soon_count: usize,
    overdue: Vec<ReviewRow>,
    due_soon: Vec<ReviewRow>,
    unmapped: Vec<ControlRef>,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct ReviewRow {
    id: String,
    title: String,
    href: String,
    owner: String,
    next_review: String,
    when: String,
}

pub fn dashboard(hb: &Handbook, findings: &[Finding], page: &str) -> Dashboard {
    let count = |s: Status| {
        hb.documents
            .iter()
            .filter(|d| d.status() == Some(s))
            .count()
    };
    let mut reviews: Vec<&Document> = hb
        .documents
        .iter()
        .filter(|d| d.review.days_left.is_some())
        .collect();
    reviews.sort_by_key(|d| (d.review.next, d.id.clone()));
    let rows = |state: ReviewState| {
        reviews
            .iter()
            .filter(|d| d.review.state == state)
            .map(|d| ReviewRow {
                id: d.id.clone(),
                title: d.title.clone(),
                href: href(page, &d.url, None),
                owner: d.src.meta.owner.clone().unwrap_or_else(|| "—".into()),
                next_review: date_text(d.review.next),
                when: review_badge(d).map(|b| b.label).unwrap_or_default(),
            })
            .collect()
    };
    let counts = crate::finding::count(findings);
    let overdue: Vec<ReviewRow> = rows(ReviewState::Overdue);
    let due_soon: Vec<ReviewRow> = rows(ReviewState::DueSoon);
    Dashboard {
        overdue_count: overdue.len(),
        due_soon_count: due_soon.len(),
        coverage: coverage(hb),
        documents: hb.documents.len(),
        approved: count(Status::Approved),
        drafts: count(Status::Draft),
        retired: count(Status::Retired),
        warn_days: hb.config.review.warn_days,
        overdue,
        due_soon,
        unmapped: hb
            .controls
            .iter()
            .zip(&hb.catalog.controls)
            .filter(|(s, _)| s.applicable() && s.implemented_by.is_empty())
            .map(|(_, c)| ControlRef {
                id: c.id.clone(),
                title: c.title.clone(),
                href: href(page, &control_page(&c.id), None),
            })
            .collect(),
        errors: counts.errors,
        warnings: counts.warnings,
    }
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
    label: &'static str,
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
    plural: bool,
    row_class: &'static str,
}

pub fn controls_page(hb: &Handbook, page: &str) -> ControlsPage {
    let c = coverage(hb);
    let themes = crate::catalog::Theme::ALL
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
                    plural: s.implemented_by.len() != 1,
                    row_class: match (s.applicable(), s.implemented_by.is_empty()) {
                        (false, _) => "row-excluded",
                        (true, true) => "row-unmapped",
                        (true, false) => "row-covered",
                    },
                })
                .collect();
            ThemeView {
                number: theme.number(),
                label: theme.label(),
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
pub struct ControlPage {
    control: ControlView,
}

#[derive(Serialize)]
struct ControlView {
    id: String,
    title: String,
    theme: &'static str,
    applicable: bool,
    justification: Option<String>,
    status: Option<&'static str>,
    note: Option<String>,
    attributes: Vec<Attribute>,
    implemented_by: Vec<DocRef>,
    not_approved: Vec<DocRef>,
}

#[derive(Serialize)]
struct Attribute {
    name: &'static str,
    values: String,
}

pub fn control_page_view(hb: &Handbook, idx: usize, page: &str) -> ControlPage {
    let ctl = hb.catalog.control(idx);
    let s = &hb.controls[idx];
    let decision = s.decision.as_ref();
    ControlPage {
        control: ControlView {
            id: ctl.id.clone(),
            title: ctl.title.clone(),
            theme: ctl.theme.label(),
            applicable: s.applicable(),
            justification: decision.and_then(|d| d.justification.clone()),
            status: decision.and_then(|d| d.status).map(|st| st.label()),
            note: decision.and_then(|d| d.note.clone()),
            attributes: ctl
                .attributes
                .iter()
                .map(|(name, values)| Attribute {
                    name,
                    values: values.join(", "),
                })
                .collect(),
            implemented_by: s
                .implemented_by
                .iter()
                .map(|&i| doc_ref(hb, page, i))
                .collect(),
            not_approved: s
                .referenced_by
                .iter()
                .filter(|i| !s.implemented_by.contains(i))
                .map(|&i| doc_ref(hb, page, i))
                .collect(),
        },
    }
}

/// Findings attached to each document (by source path) and each control (by id).
pub struct FindingIndex<'a> {
    pub by_file: HashMap<&'a str, Vec<&'a Finding>>,
    pub by_control: HashMap<&'a str, Vec<&'a Finding>>,
}

impl<'a> FindingIndex<'a> {
    pub fn new(findings: &'a [Finding]) -> Self {
        let mut by_file: HashMap<&str, Vec<&Finding>> = HashMap::new();
        let mut by_control: HashMap<&str, Vec<&Finding>> = HashMap::new();
        for f in findings {
            if let Some(file) = &f.file {
                by_file.entry(file).or_default().push(f);
            }
            if let Some(c) = &f.control {
                by_control.entry(c).or_default().push(f);
            }
        }
        FindingIndex {
            by_file,
            by_control,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_hrefs() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("policies/a/b.html"), "../../");
        assert_eq!(
            href("policies/x.html", "controls/A.5.1.html", None),
            "../controls/A.5.1.html"
        );
        assert_eq!(
            href("index.html", "my docs/a b.html", Some("sec 1")),
            "my%20docs/a%20b.html#sec%201"
        );
        assert_eq!(
            href("index.html", "javascript:alert(1).html", None),
            "./javascript:alert(1).html"
        );
    }
}
