//! `print.html`: the whole handbook for "Print to PDF" — cover, contents, every approved
//! document, the Statement of Applicability. Ids are prefixed per document so they stay unique,
//! and links between included documents become in-page anchors. Above `[print] max_documents`
//! the documents go into one printable page per document type (`print/policy.html`, in parts
//! `print/procedure-2.html` when a type alone is above it), and print.html lists those pages
//! beside the SoA: a page of tens of megabytes is one no browser opens or prints well.

use super::markdown;
use super::pages::{around_body, link_outputs, splice, BODY};
use super::parts::{Lists, Rows};
use super::site::{doc_meta, href, types_label, DocMeta, Site};
use super::soa;
use super::theme::Theme;
use crate::error::Error;
use crate::model::{DocIdx, Handbook};
use crate::source::meta::{DocType, Status};
use crate::source::scan::{slug, Heading};
use crate::source::SourceDoc;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// What print.hbs is given, for print.html and for each page of documents.
#[derive(Serialize)]
pub struct PrintPage {
    /// Contents entries of the documents on this page (the sections themselves are rendered
    /// separately, see [`render`]).
    documents: Vec<PrintTocEntry>,
    /// A marker the sections replace.
    documents_html: &'static str,
    /// The Statement of Applicability: on print.html only.
    soa: Vec<SoaTheme>,
    /// An included document has a Mermaid diagram: the page loads Mermaid.
    diagrams: bool,
    /// On print.html of a split handbook: the printable pages of documents.
    volumes: Vec<VolumeEntry>,
    /// On a page of documents: which ("Procedures (part 2 of 3)").
    volume: Option<String>,
}

const SECTIONS: &str = "<!--ismsbook:print-sections-->";

/// A theme of the SoA as print.html shows it; its rows (print-soa-row.hbs, an SoA row each)
/// are written where it puts `rows_html`.
#[derive(Serialize)]
struct SoaTheme {
    number: u8,
    label: String,
    rows_html: String,
}

#[derive(Serialize)]
struct PrintTocEntry {
    anchor: String,
    id: String,
    title: String,
}

#[derive(Serialize)]
struct VolumeEntry {
    href: String,
    title: String,
    count: String,
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

pub const PAGE: &str = "print.html";

/// One printable page of documents: print.html itself, or one type's (part of its) documents.
#[derive(Clone, PartialEq)]
struct Volume {
    url: String,
    doc_type: Option<DocType>,
    /// Which part of its type's documents, of how many, when a type is split.
    part: Option<(usize, usize)>,
    docs: Vec<DocIdx>,
}

/// Which documents print.html holds, on which printable page, in what order, under which
/// anchors: decided once per build, before the pages are rendered, so each document's section
/// can be made from the same parse as its page.
#[derive(Clone, PartialEq)]
pub struct Plan {
    volumes: Vec<Volume>,
    /// By document: the index of its volume and its anchor.
    place: HashMap<DocIdx, (usize, String)>,
}

/// The approved documents of `docs`, by type, then id: the order of a document register.
fn in_order(hb: &Handbook, docs: impl Iterator<Item = DocIdx>) -> Vec<DocIdx> {
    let mut included: Vec<DocIdx> = docs
        .filter(|&i| hb.documents[i].status() == Some(Status::Approved))
        .collect();
    included.sort_by(|&a, &b| {
        let (da, db) = (&hb.documents[a], &hb.documents[b]);
        (da.doc_type(), &da.id).cmp(&(db.doc_type(), &db.id))
    });
    included
}

/// `print/policy.html`, or `print/procedure-2.html` for a part.
fn volume_url(t: Option<DocType>, part: Option<usize>) -> String {
    let name = t.map_or("other", DocType::as_str);
    match part {
        Some(n) => format!("print/{name}-{n}.html"),
        None => format!("print/{name}.html"),
    }
}

/// The ordered documents grouped by type, each group in chunks of at most `max`.
fn by_type(hb: &Handbook, ordered: &[DocIdx], max: usize) -> Vec<Volume> {
    let mut volumes = Vec::new();
    for group in ordered.chunk_by(|&a, &b| hb.documents[a].doc_type() == hb.documents[b].doc_type())
    {
        let t = hb.documents[group[0]].doc_type();
        // Parts of even size: 1,012 policies at 500 a page are three of 338, not 500, 500, 12.
        let parts = group.len().div_ceil(max);
        for (n, docs) in group.chunks(group.len().div_ceil(parts)).enumerate() {
            let part = (parts > 1).then_some((n + 1, parts));
            volumes.push(Volume {
                url: volume_url(t, part.map(|(n, _)| n)),
                doc_type: t,
                part,
                docs: docs.to_vec(),
            });
        }
    }
    volumes
}

/// Every path a printable page of documents may take in a build of `hb` (any audience): the
/// pages are named by type and part, so a document cannot be published where one goes.
pub fn paths(hb: &Handbook) -> Vec<String> {
    let max = hb.config.print.max_documents;
    let ordered = in_order(hb, 0..hb.documents.len());
    if ordered.len() <= max {
        return Vec::new();
    }
    let mut paths = Vec::new();
    for v in by_type(hb, &ordered, max) {
        // A type in parts here may fit one page for an audience that sees fewer documents.
        if v.part.is_some_and(|(n, _)| n == 1) {
            paths.push(volume_url(v.doc_type, None));
        }
        paths.push(v.url);
    }
    paths
}

impl Plan {
    pub fn new(site: &Site) -> Plan {
        let hb = site.hb;
        let max = hb.config.print.max_documents;
        let included = in_order(hb, site.documents().map(|(i, _)| i));
        let volumes = if included.len() <= max {
            vec![Volume {
                url: PAGE.to_owned(),
                doc_type: None,
                part: None,
                docs: included,
            }]
        } else {
            by_type(hb, &included, max)
        };
        let mut used = HashSet::new();
        let mut place = HashMap::new();
        for (v, volume) in volumes.iter().enumerate() {
            for &i in &volume.docs {
                let base = format!("doc-{}", slug(&hb.documents[i].id));
                let anchor = if used.insert(base.clone()) {
                    base
                } else {
                    format!("doc-{i}")
                };
                used.insert(anchor.clone());
                place.insert(i, (v, anchor));
            }
        }
        Plan { volumes, place }
    }

    /// Whether document `i` has a section.
    pub fn includes(&self, i: DocIdx) -> bool {
        self.place.contains_key(&i)
    }

    /// The printable pages of documents besides print.html (none for a handbook on one page).
    pub fn volume_urls(&self) -> impl Iterator<Item = &str> {
        self.volumes
            .iter()
            .map(|v| v.url.as_str())
            .filter(|u| *u != PAGE)
    }

    /// Where printable page `v` goes.
    pub fn volume_url(&self, v: usize) -> &str {
        &self.volumes[v].url
    }

    /// Where a link to `doc` (and `anchor`) points from the printable page `page`.
    fn in_page(
        &self,
        site: &Site,
        page: &str,
        doc: DocIdx,
        anchor: Option<&str>,
    ) -> Option<String> {
        let target = |a: &str| match anchor {
            Some(h) => format!("{a}--{h}"),
            None => a.to_owned(),
        };
        match self.place.get(&doc) {
            Some((v, a)) if self.volumes[*v].url == page => Some(format!("#{}", target(a))),
            Some((v, a)) => Some(href(page, &self.volumes[*v].url, Some(&target(a)))),
            None if site.is_published(doc) => Some(href(page, &site.hb.documents[doc].url, anchor)),
            None => None,
        }
    }
}

/// One printable page in pieces, written one after another ([`PrintHtml::parts`]): the frame
/// around the documents, and each document's section (rendered on its own, in parallel, so no
/// giant value passes through the template engine).
pub struct PrintHtml {
    pub url: String,
    page: String,
    /// Where the sections go in `page` (the [`SECTIONS`] marker's offset).
    at: usize,
    sections: Vec<Section>,
    /// The SoA's rows, where the page puts them.
    soa: Lists,
}

impl PrintHtml {
    /// Writes the page, in parts.
    pub fn write(&self, sink: &dyn super::Sink) -> Result<(), Error> {
        sink.write_parts(&self.url, &self.parts())
    }

    fn parts(&self) -> Vec<&str> {
        let mut parts = Vec::with_capacity(self.sections.len() * 3 + 8);
        parts.extend(self.soa.splice(&self.page[..self.at]));
        for s in &self.sections {
            parts.extend(splice(&s.html, &s.body));
        }
        parts.extend(self.soa.splice(&self.page[self.at + SECTIONS.len()..]));
        parts
    }
}

/// How a printable page is framed: its url, its title and what print.hbs is given.
pub type Frame<'f> = dyn Fn(&str, String, PrintPage) -> Result<String, Error> + Sync + 'f;

impl Plan {
    /// The documents of `docs` (published, to be rendered now) in the order their printable
    /// pages can be written: each page's with its index, then the others. Every page is listed,
    /// if none of its documents is in `docs` too (watch mode renders a few; the page needs all).
    pub fn batches(&self, docs: &[DocIdx]) -> Vec<(Option<usize>, Vec<DocIdx>)> {
        let wanted: HashSet<DocIdx> = docs.iter().copied().collect();
        let mut batches: Vec<(Option<usize>, Vec<DocIdx>)> = self
            .volumes
            .iter()
            .enumerate()
            .map(|(v, volume)| {
                let mine = volume.docs.iter().copied().filter(|i| wanted.contains(i));
                (Some(v), mine.collect())
            })
            .collect();
        let rest = docs.iter().copied().filter(|i| !self.includes(*i));
        batches.push((None, rest.collect()));
        batches
    }

    /// How many printable pages of documents there are (print.html alone counts for one).
    pub fn volume_count(&self) -> usize {
        self.volumes.len()
    }

    /// Whether print.html lists pages of documents rather than holding the documents.
    fn is_split(&self) -> bool {
        self.volumes.iter().any(|v| v.url != PAGE)
    }
}

/// The printable pages of documents as a build wrote them: watch mode keeps those no change
/// reached instead of making them again (at 10,000 documents, all of them: over half a second).
pub struct Written {
    plan: Plan,
    /// Each document's parse, by index, when the pages were written.
    docs: Vec<Arc<SourceDoc>>,
}

impl Written {
    pub fn new(plan: &Plan, hb: &Handbook) -> Written {
        Written {
            plan: plan.clone(),
            docs: hb.documents.iter().map(|d| Arc::clone(&d.src)).collect(),
        }
    }

    /// Which pages of `plan` would be written as they were: the handbook is in parts (one
    /// page holds the SoA, which any change can alter), planned the same way, each document of
    /// the page parsed from the same file, and none of them among the pages this build renders
    /// again (`rendered`: a change reached them, through what they show of another document).
    pub fn still_current(
        &self,
        plan: &Plan,
        hb: &Handbook,
        rendered: &HashMap<DocIdx, Section>,
    ) -> Vec<bool> {
        if !plan.is_split() || *plan != self.plan {
            return Vec::new();
        }
        let same = |i: DocIdx| {
            !rendered.contains_key(&i)
                && self
                    .docs
                    .get(i)
                    .zip(hb.documents.get(i))
                    .is_some_and(|(old, d)| Arc::ptr_eq(old, &d.src))
        };
        plan.volumes
            .iter()
            .map(|v| v.docs.iter().all(|&i| same(i)))
            .collect()
    }
}

/// print.html of a split handbook (none otherwise): the cover, the printable pages of
/// documents with their sizes, and the Statement of Applicability.
pub fn index(
    site: &Site,
    theme: &Theme,
    plan: &Plan,
    frame: &Frame<'_>,
) -> Result<Option<PrintHtml>, Error> {
    if !plan.is_split() {
        return Ok(None);
    }
    let volumes = plan
        .volumes
        .iter()
        .map(|v| VolumeEntry {
            href: href(PAGE, &v.url, None),
            title: volume_title(site, v),
            count: site
                .lang
                .count("doc-print-volume-count", v.docs.len() as i64),
        })
        .collect();
    let (soa, rows) = soa_rows(site, plan);
    let page = frame(
        PAGE,
        site.lang.text("doc-print-page-title").into_owned(),
        PrintPage {
            documents: Vec::new(),
            documents_html: SECTIONS,
            soa,
            diagrams: false,
            volumes,
            volume: None,
        },
    )?;
    let soa = Lists::render(theme, "print-soa-row", &rows)?;
    PrintHtml::new(PAGE.to_owned(), page, Vec::new(), soa).map(Some)
}

/// The Statement of Applicability as print.html shows it: its themes, and their rows apart.
fn soa_rows(site: &Site, plan: &Plan) -> (Vec<SoaTheme>, Rows<soa::Row>) {
    let rows = soa::rows(site, PAGE, &|i| {
        plan.in_page(site, PAGE, i, None).unwrap_or_default()
    });
    let mut lists = Rows::default();
    let themes = soa::by_theme(rows)
        .into_iter()
        .map(|t| SoaTheme {
            number: t.number,
            label: t.label,
            rows_html: lists.push(t.rows),
        })
        .collect();
    (themes, lists)
}

/// Printable page `v` of the plan: print.html itself (with the SoA) for a handbook on one
/// page. `known` holds sections already made with the pages; the others are made here.
pub fn volume(
    site: &Site,
    theme: &Theme,
    plan: &Plan,
    v: usize,
    known: &mut HashMap<DocIdx, Section>,
    frame: &Frame<'_>,
) -> Result<PrintHtml, Error> {
    let hb = site.hb;
    let volume = &plan.volumes[v];
    let toc = volume
        .docs
        .iter()
        .map(|&i| PrintTocEntry {
            anchor: plan.place[&i].1.clone(),
            id: hb.documents[i].id.clone(),
            title: hb.documents[i].title.clone(),
        })
        .collect();
    // Only the bodies that mention Mermaid are parsed for this.
    let diagrams = volume
        .docs
        .par_iter()
        .any(|&i| markdown::has_diagram(hb.documents[i].src.body()));
    let split = plan.is_split();
    let name = split.then(|| volume_title(site, volume));
    let title = site.lang.text("doc-print-page-title");
    let (soa, rows) = match split {
        true => (Vec::new(), Rows::default()),
        false => soa_rows(site, plan),
    };
    let page = frame(
        &volume.url,
        match &name {
            Some(name) => format!("{name} · {title}"),
            None => title.into_owned(),
        },
        PrintPage {
            documents: toc,
            documents_html: SECTIONS,
            soa,
            diagrams,
            volumes: Vec::new(),
            volume: name,
        },
    )?;
    let pending: Vec<(DocIdx, Option<Section>)> =
        volume.docs.iter().map(|&i| (i, known.remove(&i))).collect();
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
    let soa = Lists::render(theme, "print-soa-row", &rows)?;
    PrintHtml::new(volume.url.clone(), page, sections, soa)
}

impl PrintHtml {
    fn new(
        url: String,
        page: String,
        sections: Vec<Section>,
        soa: Lists,
    ) -> Result<PrintHtml, Error> {
        let at = page.find(SECTIONS).ok_or_else(|| {
            Error::Template("print.hbs must contain {{{documents_html}}} once".into())
        })?;
        Ok(PrintHtml {
            url,
            page,
            at,
            sections,
            soa,
        })
    }
}

/// "Procedures", or "Procedures (part 2 of 3)".
fn volume_title(site: &Site, v: &Volume) -> String {
    let name = types_label(site.lang, v.doc_type);
    match v.part {
        Some((n, of)) => {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("name", name);
            args.set("part", n);
            args.set("parts", of);
            site.lang.fmt("doc-print-volume-part", &args)
        }
        None => name,
    }
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
    let (v, anchor) = &plan.place[&i];
    let (page, anchor) = (plan.volumes[*v].url.as_str(), anchor.clone());
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
        &mut link_outputs(hb, i, page, &|doc, a| plan.in_page(site, page, doc, a)),
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
