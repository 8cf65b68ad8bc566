//! What every page shares: which documents this build publishes, relative URLs, and the small
//! view pieces (document references, badges, findings) that many templates show.
//! Every URL is relative to the page it appears on, so the site works under any sub-path and
//! from `file://`.

use crate::config::Audience;
use crate::finding::Finding;
use crate::model::frameworks::{CtlRef, Framework, FwKey};
use crate::model::{DocIdx, Document, Handbook, ReviewState};
use crate::source::meta::Status;
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
    let ups = page.matches('/').count();
    // Sized once: a page links to hundreds of others, each through here.
    let mut s =
        String::with_capacity(3 * ups + target.len() + anchor.map_or(0, |a| a.len() + 1) + 2);
    for _ in 0..ups {
        s.push_str("../");
    }
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

/// `#anchor`, encoded, for links within the same page.
pub fn fragment(anchor: &str) -> String {
    format!("#{}", utf8_percent_encode(anchor, SEGMENT))
}

/// An Annex A control's page; a declared framework's control pages are named by
/// [`Site::ctl_page`], which keeps file names safe and distinct.
pub fn control_page(id: &str) -> String {
    format!("controls/{id}.html")
}

/// `frameworks/<id>/`: a declared framework's pages (its id is letters, digits, `-` and `_`).
pub fn fw_folder(id: &str) -> String {
    format!("frameworks/{id}/")
}

/// The file name of each control's page in `fw`, indexed like its catalog. A catalog's ids are
/// the author's text: characters that do not belong in a file name become `_`, and ids that
/// would land on the same file on a case-insensitive file system (or on the framework's
/// `index.html`) get `-2`, `-3`… in catalog order, so no page overwrites another.
pub fn fw_page_names(fw: &Framework) -> Vec<String> {
    let mut used: std::collections::HashSet<String> = std::iter::once("index".to_owned()).collect();
    fw.catalog
        .controls
        .iter()
        .map(|c| {
            let mut stem: String =
                c.id.chars()
                    .map(|ch| {
                        if ch.is_ascii_alphanumeric() || matches!(ch, '.' | '-' | '_' | '(' | ')') {
                            ch
                        } else {
                            '_'
                        }
                    })
                    .collect();
            if stem.is_empty() || stem.starts_with('.') {
                stem.insert(0, '_');
            }
            let mut name = stem.clone();
            let mut n = 2;
            while !used.insert(name.to_ascii_lowercase()) {
                name = format!("{stem}-{n}");
                n += 1;
            }
            name.push_str(".html");
            name
        })
        .collect()
}

#[derive(Serialize)]
pub struct SiteInfo {
    pub title: String,
    pub organisation: Option<String>,
    /// The date reviews are judged against, shown as the date the handbook was generated.
    pub today: String,
    /// The Git commit the handbook was built from, when known.
    pub version: Option<String>,
    /// `as of 2026-03-01 (commit 3f2a9c1d07be)` when built from a past revision (`--as-of`).
    pub as_of: Option<String>,
    /// Drafts are part of this build (they carry a banner).
    pub drafts: bool,
    /// Frameworks beyond Annex A are declared: the site has `frameworks/` pages.
    pub frameworks: bool,
    /// `exceptions.yaml` exists: the site has `exceptions.html`.
    pub exceptions: bool,
    /// `risks.yaml` or `risks.csv` exists: the site has `risks/` pages.
    pub risks: bool,
}

/// What a build publishes: drafts only when asked, nothing classified above the audience.
#[derive(Debug, Clone, Copy)]
pub struct Publish {
    pub drafts: bool,
    pub audience: Audience,
}

/// The handbook as this build shows it.
pub struct Site<'a> {
    pub hb: &'a Handbook,
    pub info: SiteInfo,
    published: Vec<bool>,
    /// Revision history from Git, when the content folder is in a repository.
    pub history: Option<&'a crate::git::History>,
    /// By declared framework, the file name of each control's page ([`fw_page_names`]).
    fw_pages: Vec<Vec<String>>,
    /// The exceptions in force by control, and their anchors.
    pub exceptions: super::exceptions::Index,
    /// The risk pages, and the risks by control.
    pub risks: super::risks::Index,
}

impl<'a> Site<'a> {
    pub fn new(hb: &'a Handbook, publish: Publish, version: Option<String>) -> Self {
        let published = hb
            .documents
            .iter()
            .map(|d| {
                (publish.drafts || d.status() != Some(Status::Draft))
                    && publish.audience.allows(d.src.meta.classification)
            })
            .collect();
        Site {
            hb,
            info: SiteInfo {
                title: hb.config.title.clone(),
                organisation: hb.config.organisation.clone(),
                today: hb.today.to_string(),
                version,
                as_of: None,
                drafts: publish.drafts,
                frameworks: !hb.frameworks.list.is_empty(),
                exceptions: hb.exceptions_file,
                risks: hb.risks_file,
            },
            published,
            history: hb.history.as_deref(),
            fw_pages: hb.frameworks.list.iter().map(fw_page_names).collect(),
            exceptions: super::exceptions::Index::new(hb),
            risks: super::risks::Index::new(hb),
        }
    }

    /// Says on every page that the handbook is shown as it stood at a past revision.
    pub fn as_of(mut self, as_of: Option<String>) -> Self {
        self.info.as_of = as_of;
        self
    }

    /// The site path of a control's page: `controls/A.5.1.html` for Annex A,
    /// `frameworks/<id>/<control>.html` for a declared framework.
    pub fn ctl_page(&self, c: CtlRef) -> String {
        match c.fw {
            FwKey::AnnexA => control_page(&self.hb.catalog.control(c.idx).id),
            FwKey::Declared(f) => {
                let name = self
                    .fw_pages
                    .get(f)
                    .and_then(|names| names.get(c.idx))
                    .map(String::as_str)
                    .unwrap_or("index.html");
                format!("{}{name}", fw_folder(&self.hb.frameworks.list[f].id))
            }
        }
    }

    /// The page of the control a finding names (`A.5.1`, `csf:PR.AA-01`), when it has one.
    pub fn finding_control_page(&self, f: &Finding, id: &str) -> Option<String> {
        match f.framework.as_deref() {
            Some(fw) if !fw.eq_ignore_ascii_case(crate::config::ANNEX_A_ID) => {
                let (prefix, bare) = crate::model::frameworks::qualified(id)?;
                let i = self.hb.frameworks.position(prefix)?;
                let idx = self.hb.frameworks.list[i].catalog.find(bare)?;
                Some(self.ctl_page(CtlRef {
                    fw: FwKey::Declared(i),
                    idx,
                }))
            }
            _ => Some(control_page(id)),
        }
    }

    /// When the document's body or controls last changed in a commit (Git only).
    pub fn last_changed(&self, doc: &Document) -> Option<jiff::civil::Date> {
        Some(
            self.history?
                .of(&doc.src.path)
                .last_content_change()?
                .commit
                .date,
        )
    }

    pub fn is_published(&self, i: DocIdx) -> bool {
        self.published[i]
    }

    /// Published documents, in path order.
    pub fn documents(&self) -> impl Iterator<Item = (DocIdx, &'a Document)> + '_ {
        self.hb
            .documents
            .iter()
            .enumerate()
            .filter(|(i, _)| self.published[*i])
    }

    /// References to the published documents among `docs`.
    pub fn refs(&self, page: &str, docs: &[DocIdx]) -> Vec<DocRef> {
        docs.iter()
            .filter(|&&i| self.published[i])
            .map(|&i| doc_ref(self.hb, page, i))
            .collect()
    }

    /// Whether a finding may be shown in this build: not about a document it leaves out.
    pub fn shows(&self, f: &Finding) -> bool {
        match f.file.as_deref().and_then(|file| self.hb.by_path.get(file)) {
            Some(&i) => self.published[i],
            None => true,
        }
    }
}

/// Fields every page's layout uses.
#[derive(Serialize)]
pub struct PageFrame<'a, T: Serialize> {
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

pub fn finding_view(site: &Site, page: &str, f: &Finding) -> FindingView {
    let hb = site.hb;
    let target = match (&f.file, &f.control) {
        (Some(file), _) => match hb.by_path.get(file.as_str()) {
            Some(&i) => Some(hb.documents[i].url.clone()),
            // A finding in the register leads to the page of the risk it is about.
            None => f
                .line
                .and_then(|line| site.risks.page_at(hb, file, line))
                .map(str::to_owned),
        },
        (None, Some(c)) => site.finding_control_page(f, c),
        (None, None) => None,
    };
    FindingView {
        href: target.filter(|t| t != page).map(|t| href(page, &t, None)),
        severity: f.severity.as_str(),
        code: f.code.as_str(),
        message: f.message.clone(),
        location: match (&f.file, f.line) {
            (Some(file), Some(line)) => Some(format!("{file}:{line}")),
            (Some(file), None) => Some(file.clone()),
            (None, _) => f.control.clone(),
        },
        help: f.help.clone(),
    }
}

#[derive(Serialize, Clone)]
pub struct Badge {
    pub class: &'static str,
    pub label: String,
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

pub fn days_text(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

pub fn date_text(d: Option<jiff::civil::Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "—".into())
}

pub fn status_text(s: Option<Status>) -> &'static str {
    s.map(Status::as_str).unwrap_or("unknown")
}

/// A document's metadata as pages show it (the document page's panel, the print page).
#[derive(Serialize)]
pub struct DocMeta {
    pub type_label: &'static str,
    pub owner: String,
    pub version: String,
    pub status: &'static str,
    pub classification: &'static str,
    pub approver: Option<String>,
    pub approved_on: Option<String>,
    pub last_reviewed: String,
    pub next_review: String,
}

pub fn doc_meta(d: &Document) -> DocMeta {
    let m = &d.src.meta;
    DocMeta {
        type_label: d.doc_type().map(|t| t.label()).unwrap_or("Document"),
        owner: m.owner().unwrap_or("—").to_owned(),
        version: m.version.clone().unwrap_or_else(|| "—".into()),
        status: status_text(m.status),
        classification: m.classification.as_str(),
        approver: m.approver.clone(),
        approved_on: m.approved_on.map(|d| d.to_string()),
        last_reviewed: date_text(m.last_reviewed.as_ref().map(|l| l.value)),
        next_review: date_text(d.review.next),
    }
}

#[derive(Serialize)]
pub struct DocRef {
    pub id: String,
    pub title: String,
    pub href: String,
    pub owner: String,
    pub status: &'static str,
    pub next_review: String,
    pub review_badge: Option<Badge>,
}

pub fn doc_ref(hb: &Handbook, page: &str, i: DocIdx) -> DocRef {
    let d = &hb.documents[i];
    DocRef {
        id: d.id.clone(),
        title: d.title.clone(),
        href: href(page, &d.url, None),
        owner: d.src.meta.owner().unwrap_or("—").to_owned(),
        status: status_text(d.status()),
        next_review: date_text(d.review.next),
        review_badge: review_badge(d),
    }
}

/// Findings attached to each document (by source path) and each control (by id).
pub struct FindingIndex<'a> {
    pub by_file: HashMap<&'a str, Vec<&'a Finding>>,
    pub by_control: HashMap<&'a str, Vec<&'a Finding>>,
}

impl<'a> FindingIndex<'a> {
    pub fn new(findings: &[&'a Finding]) -> Self {
        let mut by_file: HashMap<&str, Vec<&Finding>> = HashMap::new();
        let mut by_control: HashMap<&str, Vec<&Finding>> = HashMap::new();
        for &f in findings {
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
