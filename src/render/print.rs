//! `print.html`: the whole handbook in one page for "Print to PDF" — cover, contents, every
//! approved document, the Statement of Applicability. Ids are prefixed per document so they stay
//! unique, and links between included documents become in-page anchors.

use super::markdown;
use super::pages::link_outputs;
use super::site::{date_text, href, status_text, Site};
use super::soa::{self, ThemeRows};
use crate::model::DocIdx;
use crate::source::meta::Status;
use crate::source::scan::{slug, Heading};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

#[derive(Serialize)]
pub struct PrintPage {
    documents: Vec<PrintDoc>,
    soa: Vec<ThemeRows>,
}

#[derive(Serialize)]
struct PrintDoc {
    anchor: String,
    id: String,
    title: String,
    type_label: &'static str,
    owner: String,
    version: String,
    status: &'static str,
    classification: &'static str,
    confidential: bool,
    approver: Option<String>,
    approved_on: Option<String>,
    last_reviewed: String,
    next_review: String,
    controls: String,
    body_html: String,
}

const PAGE: &str = "print.html";

pub fn page(site: &Site) -> PrintPage {
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
    let documents = included
        .iter()
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
                &mut body_html,
            );
            PrintDoc {
                anchor,
                id: d.id.clone(),
                title: d.title.clone(),
                type_label: d.doc_type().map(|t| t.label()).unwrap_or("Document"),
                owner: m.owner.clone().unwrap_or_else(|| "—".into()),
                version: m.version.clone().unwrap_or_else(|| "—".into()),
                status: status_text(m.status),
                classification: m.classification.as_str(),
                confidential: m.classification > crate::source::meta::Classification::Internal,
                approver: m.approver.clone(),
                approved_on: m.approved_on.map(|d| d.to_string()),
                last_reviewed: date_text(m.last_reviewed.as_ref().map(|l| l.value)),
                next_review: date_text(d.review.next),
                controls: d
                    .controls
                    .iter()
                    .map(|&c| hb.catalog.control(c).id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                body_html,
            }
        })
        .collect();
    let rows = soa::rows(site, PAGE, &|i| in_page(i, None).unwrap_or_default());
    PrintPage {
        documents,
        soa: soa::by_theme(rows),
    }
}
