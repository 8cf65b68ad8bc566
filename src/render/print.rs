//! `print.html`: the whole handbook in one page for "Print to PDF" — cover, contents, every
//! approved document, the Statement of Applicability. Ids are prefixed per document so they stay
//! unique, and links between included documents become in-page anchors.

use super::markdown;
use super::pages::{around_body, link_outputs, splice, BODY};
use super::site::{doc_meta, href, DocMeta, Site};
use super::soa::{self, ThemeRows};
use super::theme::Theme;
use crate::error::Error;
use crate::model::DocIdx;
use crate::source::meta::Status;
use crate::source::scan::{slug, Heading};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

#[derive(Serialize)]
pub struct PrintPage {
    /// Contents entries (the sections themselves are rendered separately, see [`render`]).
    documents: Vec<PrintTocEntry>,
    /// A marker the sections replace.
    documents_html: &'static str,
    soa: Vec<ThemeRows>,
    /// An included document has a Mermaid diagram: the page loads Mermaid.
    diagrams: bool,
}

const SECTIONS: &str = "<!--ismsbook:print-sections-->";

#[derive(Serialize)]
struct PrintTocEntry {
    anchor: String,
    id: String,
    title: String,
}

#[derive(Serialize)]
struct PrintDoc {
    anchor: String,
    id: String,
    title: String,
    #[serde(flatten)]
    meta: DocMeta,
    confidential: bool,
    controls: String,
    /// The id of the body's leading H1, left out because it repeats the title.
    title_id: Option<String>,
    /// [`BODY`]: the body is written around the template's output.
    body_html: &'static str,
}

const PAGE: &str = "print.html";

/// Which documents print.html holds, in what order, under which anchors: decided once per
/// build, before the pages are rendered, so each document's section can be made from the same
/// parse as its page.
pub struct Plan {
    included: Vec<DocIdx>,
    anchors: HashMap<DocIdx, String>,
}

impl Plan {
    pub fn new(site: &Site) -> Plan {
        let hb = site.hb;
        let mut included: Vec<DocIdx> = site
            .documents()
            .filter(|(_, d)| d.status() == Some(Status::Approved))
            .map(|(i, _)| i)
            .collect();
        // By type, then id: the order of a document register.
        included.sort_by(|&a, &b| {
            let (da, db) = (&hb.documents[a], &hb.documents[b]);
            (da.doc_type(), &da.id).cmp(&(db.doc_type(), &db.id))
        });
        let mut used = HashSet::new();
        let anchors: HashMap<DocIdx, String> = included
            .iter()
            .map(|&i| {
                let base = format!("doc-{}", slug(&hb.documents[i].id));
                let anchor = if used.insert(base.clone()) {
                    base
                } else {
                    format!("doc-{i}")
                };
                used.insert(anchor.clone());
                (i, anchor)
            })
            .collect();
        Plan { included, anchors }
    }

    /// Whether document `i` has a section.
    pub fn includes(&self, i: DocIdx) -> bool {
        self.anchors.contains_key(&i)
    }

    /// Where a link to `doc` (and `anchor`) points from print.html.
    fn in_page(&self, site: &Site, doc: DocIdx, anchor: Option<&str>) -> Option<String> {
        match (self.anchors.get(&doc), anchor) {
            (Some(a), Some(h)) => Some(format!("#{a}--{h}")),
            (Some(a), None) => Some(format!("#{a}")),
            (None, _) if site.is_published(doc) => {
                Some(href(PAGE, &site.hb.documents[doc].url, anchor))
            }
            (None, _) => None,
        }
    }
}

/// print.html in pieces, written one after another ([`PrintHtml::parts`]): the frame around
/// the documents, and each document's section (rendered on its own, in parallel, so no giant
/// value passes through the template engine).
pub struct PrintHtml {
    page: String,
    /// Where the sections go in `page` (the [`SECTIONS`] marker's offset).
    at: usize,
    sections: Vec<Section>,
}

impl PrintHtml {
    pub fn parts(&self) -> Vec<&str> {
        let mut parts = Vec::with_capacity(self.sections.len() * 3 + 2);
        parts.push(&self.page[..self.at]);
        for s in &self.sections {
            parts.extend(splice(&s.html, &s.body));
        }
        parts.push(&self.page[self.at + SECTIONS.len()..]);
        parts
    }
}

/// The page. `known` holds, by document index, sections already made with the pages; the
/// others are made here.
pub fn render(
    site: &Site,
    theme: &Theme,
    plan: &Plan,
    mut known: Vec<Option<Section>>,
    frame: &dyn Fn(PrintPage) -> Result<String, Error>,
) -> Result<PrintHtml, Error> {
    let hb = site.hb;
    known.resize_with(hb.documents.len(), || None);
    let toc = plan
        .included
        .iter()
        .map(|&i| PrintTocEntry {
            anchor: plan.anchors[&i].clone(),
            id: hb.documents[i].id.clone(),
            title: hb.documents[i].title.clone(),
        })
        .collect();
    let rows = soa::rows(site, PAGE, &|i| {
        plan.in_page(site, i, None).unwrap_or_default()
    });
    // Only the bodies that mention Mermaid are parsed for this.
    let diagrams = plan
        .included
        .par_iter()
        .any(|&i| markdown::has_diagram(hb.documents[i].src.body()));
    let page = frame(PrintPage {
        documents: toc,
        documents_html: SECTIONS,
        soa: soa::by_theme(rows),
        diagrams,
    })?;
    let at = page.find(SECTIONS).ok_or_else(|| {
        Error::Template("print.hbs must contain {{{documents_html}}} once".into())
    })?;
    let pending: Vec<(DocIdx, Option<Section>)> = plan
        .included
        .iter()
        .map(|&i| (i, known[i].take()))
        .collect();
    let sections = pending
        .into_par_iter()
        .map(|(i, made)| match made {
            Some(html) => Ok(html),
            None => section(
                site,
                theme,
                plan,
                i,
                &markdown::parse(hb.documents[i].src.body()),
            ),
        })
        .collect::<Result<Vec<Section>, Error>>()?;
    Ok(PrintHtml { page, at, sections })
}

/// One document's part of print.html: the template's output and the body that goes where it
/// put [`BODY`].
pub struct Section {
    html: String,
    body: String,
}

/// The section of included document `i`, from its parsed body: ids prefixed with the
/// document's anchor, links to other included documents turned into in-page anchors.
pub fn section(
    site: &Site,
    theme: &Theme,
    plan: &Plan,
    i: DocIdx,
    parsed: &markdown::ParsedBody<'_>,
) -> Result<Section, Error> {
    let hb = site.hb;
    let d = &hb.documents[i];
    let m = &d.src.meta;
    let anchor = plan.anchors[&i].clone();
    let headings: Vec<Heading> = d
        .src
        .scan
        .headings
        .iter()
        .map(|h| Heading {
            id: format!("{anchor}--{}", h.id),
            ..h.clone()
        })
        .collect();
    let mut body_html = String::with_capacity(d.src.body().len() * 2);
    let raw_html = d.src.scan.raw_html_mode(hb.config.markdown.raw_html);
    let dropped = parsed.repeated_title(&d.title, &headings, raw_html);
    markdown::render(
        parsed,
        &headings,
        &mut link_outputs(hb, i, PAGE, &|doc, a| plan.in_page(site, doc, a)),
        markdown::BodyStyle {
            footnotes: &format!("{anchor}--"),
            raw_html,
            drop_title: dropped.is_some(),
            words: &site.md_words,
        },
        &mut body_html,
    );
    let doc = PrintDoc {
        anchor,
        id: d.id.clone(),
        title: d.title.clone(),
        meta: doc_meta(site.lang, d),
        confidential: m.classification > crate::source::meta::Classification::Internal,
        controls: d
            .controls
            .iter()
            .map(|&c| hb.catalog.control(c).id.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        // An HTML `<h1 id>` is not prefixed: links to it are not rewritten either.
        title_id: dropped.and_then(|t| t.id),
        body_html: BODY,
    };
    let html = theme.render("print-document", &doc)?;
    // Checked now, spliced when print.html is written.
    around_body(&html, &body_html, "print-document")?;
    // Kept until then, with every other section: exact copies, since both strings grew with
    // spare room, and shrinking in place may keep it (mimalloc keeps a block it would not
    // halve; measured: 100 MB at 10,000 documents).
    Ok(Section {
        html: html.as_str().to_owned(),
        body: body_html.as_str().to_owned(),
    })
}
