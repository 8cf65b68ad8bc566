//! `print.html`: the whole handbook in one page for "Print to PDF" — cover, contents, every
//! approved document, the Statement of Applicability. Ids are prefixed per document so they stay
//! unique, and links between included documents become in-page anchors.

use super::markdown;
use super::pages::link_outputs;
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
    documents: Vec<TocEntry>,
    /// A marker the sections replace.
    documents_html: &'static str,
    soa: Vec<ThemeRows>,
}

const SECTIONS: &str = "<!--ismsbook:print-sections-->";

#[derive(Serialize)]
struct TocEntry {
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
    body_html: String,
}

const PAGE: &str = "print.html";

/// The page, in parts to write one after another: the frame up to the documents, each
/// document's section (rendered on its own, in parallel, so no giant value passes through the
/// template engine), and the rest of the frame.
pub fn render(
    site: &Site,
    theme: &Theme,
    frame: &dyn Fn(PrintPage) -> Result<String, Error>,
) -> Result<Vec<String>, Error> {
    let (toc, sections, soa) = sections(site, theme)?;
    let page = frame(PrintPage {
        documents: toc,
        documents_html: SECTIONS,
        soa,
    })?;
    let (head, tail) = page.split_once(SECTIONS).ok_or_else(|| {
        Error::Template("print.hbs must contain {{{documents_html}}} once".into())
    })?;
    let mut parts = Vec::with_capacity(sections.len() + 2);
    parts.push(head.to_owned());
    parts.extend(sections);
    parts.push(tail.to_owned());
    Ok(parts)
}

type Sections = (Vec<TocEntry>, Vec<String>, Vec<ThemeRows>);

fn sections(site: &Site, theme: &Theme) -> Result<Sections, Error> {
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
    let in_page = |doc: DocIdx, anchor: Option<&str>| -> Option<String> {
        match (anchors.get(&doc), anchor) {
            (Some(a), Some(h)) => Some(format!("#{a}--{h}")),
            (Some(a), None) => Some(format!("#{a}")),
            (None, _) if site.is_published(doc) => Some(href(PAGE, &hb.documents[doc].url, anchor)),
            (None, _) => None,
        }
    };
    let toc = included
        .iter()
        .map(|&i| TocEntry {
            anchor: anchors[&i].clone(),
            id: hb.documents[i].id.clone(),
            title: hb.documents[i].title.clone(),
        })
        .collect();
    let documents = included
        .par_iter()
        .map(|&i| {
            let d = &hb.documents[i];
            let m = &d.src.meta;
            let anchor = anchors[&i].clone();
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
            let mut body_html = String::new();
            markdown::render(
                d.src.body(),
                &headings,
                &link_outputs(hb, i, PAGE, &in_page),
                &format!("{anchor}--"),
                &mut body_html,
            );
            let doc = PrintDoc {
                anchor,
                id: d.id.clone(),
                title: d.title.clone(),
                meta: doc_meta(d),
                confidential: m.classification > crate::source::meta::Classification::Internal,
                controls: d
                    .controls
                    .iter()
                    .map(|&c| hb.catalog.control(c).id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                body_html,
            };
            theme.render("print-document", &doc)
        })
        .collect::<Result<Vec<String>, Error>>();
    let rows = soa::rows(site, PAGE, &|i| in_page(i, None).unwrap_or_default());
    Ok((toc, documents?, soa::by_theme(rows)))
}
