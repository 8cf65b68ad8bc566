//! Stage 4, render: the Handbook and its findings become pages, written through a [`Sink`].

pub mod data;
pub mod escape;
pub mod exceptions;
pub mod frameworks;
pub mod fwdata;
pub mod highlight;
pub mod markdown;
pub mod oscal;
pub mod outputs;
pub mod pages;
pub mod parts;
pub mod print;
pub mod reviews;
pub mod risks;
pub mod search;
pub mod site;
pub mod soa;
pub mod theme;
pub mod timeline;
pub mod xlsx;

use crate::error::Error;
use crate::finding::Finding;
use crate::model::{DocIdx, Handbook};
use crate::source::Source;
use rayon::prelude::*;
use serde::Serialize;
use site::{finding_view, PageFrame};
pub use site::{Publish, Site};
use std::collections::HashMap;
pub use theme::Theme;

/// Where rendered files go (the output stage's staging folder, or memory in tests).
pub trait Sink: Sync {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error>;

    /// A file this build still produces but did not render again (watch mode): keep it.
    fn keep(&self, _rel: &str) {}

    /// The files of the last build that `which` picks and this one did not write: keep them
    /// (watch mode, after a save that changed only prose: the same pages, a few of them
    /// different).
    fn keep_others(&self, _which: &dyn Fn(&str) -> bool) {}

    /// Writes a file given in parts, so a page need not be joined in memory.
    fn write_parts(&self, rel: &str, parts: &[&str]) -> Result<(), Error> {
        let parts: Vec<&[u8]> = parts.iter().map(|p| p.as_bytes()).collect();
        self.write_byte_parts(rel, &parts)
    }

    /// [`Sink::write_parts`] for bytes.
    fn write_byte_parts(&self, rel: &str, parts: &[&[u8]]) -> Result<(), Error> {
        self.write(rel, &parts.concat())
    }
}

/// What rendering the document pages made for the site-wide files, by document index.
#[derive(Default)]
pub struct Made {
    /// What the search index takes from each body rendered.
    search: Vec<Option<std::sync::Arc<search::Words>>>,
    /// Print sections of the printable pages not written yet (watch mode: its few pages come
    /// first, the printable pages with the site-wide files).
    print: Option<HashMap<DocIdx, print::Section>>,
    /// [`Selection::keep_lists`].
    keep_lists: bool,
}

/// What watch mode keeps of one build for the next, so the site-wide files are made again from
/// the parts a save did not change rather than from every body (a second each at 10,000
/// documents). Reused only where it was made from the very same parse of a document.
#[derive(Default)]
pub struct Memo {
    /// The search words of each published document.
    words: search::Remembered,
    /// The printable pages of documents, as written.
    print: Option<print::Written>,
}

/// Every path the renderer writes besides document pages, attachments and theme assets; a
/// document whose page would land on one of these is refused before anything is written.
pub fn generated_paths(hb: &Handbook) -> Vec<String> {
    let mut paths: Vec<String> = outputs::SITE_FILES
        .iter()
        // A root `exceptions.md` is a page of its own while there is no exceptions.yaml.
        .filter(|f| f.path != exceptions::PAGE || hb.exceptions_file)
        // Those of the register come with its pages, below.
        .filter(|f| f.path != risks::INDEX && f.path != risks::CSV)
        .map(|f| f.path.to_owned())
        .collect();
    paths.extend(risks::paths(hb));
    paths.extend(
        hb.catalog
            .controls
            .iter()
            .map(|c| site::control_page(&c.id)),
    );
    paths.extend(
        hb.frameworks
            .list
            .iter()
            .map(|f| fwdata::applicability_csv_path(&f.id)),
    );
    paths.extend(frameworks::paths(hb));
    paths.extend(print::paths(hb));
    paths
}

/// Which document and control pages to render (`None`: all). Watch mode renders only the
/// pages a change can affect.
#[derive(Debug, Default, Clone)]
pub struct Selection {
    pub documents: Option<std::collections::HashSet<crate::model::DocIdx>>,
    pub controls: Option<std::collections::HashSet<crate::catalog::ControlIdx>>,
    /// Keep the pages that list documents (every site-wide file but those made from bodies:
    /// print.html, the search index) as the last build wrote them: a save changed only the
    /// prose of bodies ([`crate::model::Document::differs_only_in_prose`]).
    pub keep_lists: bool,
}

pub struct Renderer<'a> {
    site: Site<'a>,
    print: print::Plan,
    /// The findings this build may show (none about documents it leaves out).
    findings: Vec<&'a Finding>,
    theme: &'a Theme,
    index: site::FindingIndex<'a>,
    /// Which crosswalk entries each control takes part in.
    mapped: frameworks::MapIndex,
    /// The layout, rendered once per folder depth.
    frames: theme::Frames,
    /// What the last build made that this one may reuse (watch mode).
    prior: Option<&'a Memo>,
}

impl<'a> Renderer<'a> {
    pub fn new(site: Site<'a>, findings: &'a [Finding], theme: &'a Theme) -> Self {
        let shown: Vec<&Finding> = findings.iter().filter(|f| site.shows(f)).collect();
        Renderer {
            print: print::Plan::new(&site),
            index: site::FindingIndex::new(&shown),
            mapped: frameworks::MapIndex::new(&site.hb.frameworks.mappings),
            frames: theme::Frames::default(),
            findings: shown,
            site,
            theme,
            prior: None,
        }
    }

    /// A renderer that reuses what `prior`, the last build's memory, holds of unchanged
    /// documents, and returns from [`Renderer::write_site_wide`] the memory of this build.
    pub fn remembering(self, prior: &'a Memo) -> Self {
        Renderer {
            prior: Some(prior),
            ..self
        }
    }

    fn page<T: Serialize>(
        &self,
        template: &str,
        url: &str,
        title: String,
        findings: &[&Finding],
        body: T,
    ) -> Result<String, Error> {
        let frame = PageFrame {
            site: &self.site.info,
            root: site::root_of(url),
            page_url: site::href("index.html", url, None),
            page_title: title,
            findings: findings
                .iter()
                .map(|f| finding_view(&self.site, url, f))
                .collect(),
            body,
        };
        let shell = theme::Shell {
            site: frame.site,
            root: &frame.root,
            page_url: &frame.page_url,
            page_title: &frame.page_title,
        };
        self.theme
            .render_page(template, &frame, &shell, &self.frames)
    }

    fn write_page<T: Serialize>(
        &self,
        sink: &dyn Sink,
        template: &str,
        url: &str,
        title: &str,
        findings: &[&Finding],
        body: T,
    ) -> Result<(), Error> {
        let html = self.page(template, url, title.to_owned(), findings, body)?;
        sink.write(url, html.as_bytes())
    }

    /// A page with long lists: `rows`, each row through `<template>-row.hbs`, written where
    /// the page's template puts each list's marker ([`parts`]).
    #[allow(clippy::too_many_arguments)]
    fn write_listed<T: Serialize, R: Serialize + Sync>(
        &self,
        sink: &dyn Sink,
        template: &str,
        url: &str,
        title: &str,
        findings: &[&Finding],
        view: T,
        rows: &parts::Rows<R>,
    ) -> Result<(), Error> {
        let lists = parts::Lists::render(self.theme, &format!("{template}-row"), rows)?;
        let html = self.page(template, url, title.to_owned(), findings, view)?;
        sink.write_parts(url, &lists.splice(&html))
    }

    /// Renders and writes the whole site.
    pub fn write_all(&self, source: &dyn Source, sink: &dyn Sink) -> Result<(), Error> {
        let made =
            crate::timings::stage("pages", || self.write_pages(sink, &Selection::default()))?;
        crate::timings::stage("site-wide", || self.write_site_wide(source, sink, made))?;
        Ok(())
    }

    /// The pages of documents and controls in `selection`; the others are only kept. Each
    /// body is parsed once, for its page, its print.html section and its search words; the
    /// last two are returned for [`Renderer::write_site_wide`] (with what it may keep).
    pub fn write_pages(&self, sink: &dyn Sink, selection: &Selection) -> Result<Made, Error> {
        let site = &self.site;
        let hb = site.hb;
        let published: Vec<usize> = site
            .documents()
            .map(|(i, _)| i)
            .filter(|i| {
                let wanted = selection.documents.as_ref().is_none_or(|s| s.contains(i));
                if !wanted {
                    sink.keep(&hb.documents[*i].url);
                }
                wanted
            })
            .collect();
        // Page by printable page: once a page's documents are rendered, its file is written
        // (beside the next batch) and their sections freed, so print sections never pile up
        // for the whole handbook (65 MB at 10,000 documents). Watch mode renders a few pages,
        // wanted at once: their sections wait for the site-wide files.
        let mut made = Made::default();
        made.search.resize_with(hb.documents.len(), || None);
        made.print = selection.documents.is_some().then(HashMap::new);
        made.keep_lists = selection.keep_lists;
        let written: std::sync::Mutex<Result<(), Error>> = std::sync::Mutex::new(Ok(()));
        let frame = |url: &str, title: String, body: print::PrintPage| {
            self.page("print", url, title, &[], body)
        };
        let frame: &print::Frame<'_> = &frame;
        rayon::scope(|scope| -> Result<(), Error> {
            for (volume, batch) in self.print.batches(&published) {
                let parts = batch
                    .par_iter()
                    .map(|&i| self.document_page(sink, i))
                    .collect::<Result<Vec<_>, Error>>()?;
                let mut sections = HashMap::new();
                for (i, words, section) in parts {
                    made.search[i] = Some(words);
                    sections.extend(section.map(|s| (i, s)));
                }
                if let Some(waiting) = &mut made.print {
                    waiting.extend(sections);
                    continue;
                }
                let Some(v) = volume else { continue };
                let written = &written;
                scope.spawn(move |_| {
                    let mut sections = sections;
                    let page =
                        print::volume(site, self.theme, &self.print, v, &mut sections, frame)
                            .and_then(|page| page.write(sink));
                    if let (Err(e), Ok(mut first)) = (page, written.lock()) {
                        if first.is_ok() {
                            *first = Err(e);
                        }
                    }
                });
            }
            Ok(())
        })?;
        written
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)?;
        let controls: Vec<usize> = (0..hb.catalog.controls.len())
            .filter(|c| {
                let wanted = selection.controls.as_ref().is_none_or(|s| s.contains(c));
                if !wanted {
                    sink.keep(&site::control_page(&hb.catalog.control(*c).id));
                }
                wanted
            })
            .collect();
        controls.into_par_iter().try_for_each(|c| {
            let ctl = hb.catalog.control(c);
            let url = site::control_page(&ctl.id);
            let findings = self
                .index
                .by_control
                .get(ctl.id.as_str())
                .map(Vec::as_slice)
                .unwrap_or_default();
            let title = format!("{} {}", ctl.id, ctl.title);
            self.write_page(
                sink,
                "control",
                &url,
                &title,
                findings,
                pages::control_page_view(site, &self.mapped, c, &url),
            )
        })?;
        Ok(made)
    }

    /// Everything that lists the whole handbook ([`outputs::SITE_FILES`]), the theme's assets
    /// and the attachments. Returns what the next build may reuse, when the renderer is
    /// [`Renderer::remembering`] (otherwise nothing).
    pub fn write_site_wide(
        &self,
        source: &dyn Source,
        sink: &dyn Sink,
        made: Made,
    ) -> Result<Memo, Error> {
        if made.keep_lists {
            // The theme's assets are written below, on every build: which of them a site has
            // can change with a body (Mermaid's, with its last diagram).
            let assets: std::collections::HashSet<String> = (self.theme.assets.iter())
                .map(|(name, _)| format!("assets/{name}"))
                .collect();
            sink.keep_others(&|rel| !assets.contains(rel));
            let memo = self.write_site_files(sink, made, &|f| f.from_bodies)?;
            self.write_assets_and_attachments(source, sink)?;
            return Ok(memo);
        }
        // The framework pages (all of them on every build, watch mode too: they list
        // documents, decisions and mappings of the whole handbook) beside the site-wide
        // files, whose big lists leave cores idle; the matrix, as long as the document list,
        // after them: beside them it raised the peak memory by a sixth.
        let (files, (frameworks, risks)) = rayon::join(
            || self.write_site_files(sink, made, &|_| true),
            || {
                rayon::join(
                    || self.write_framework_pages(sink),
                    || crate::timings::stage("risk-pages", || self.write_risk_pages(sink)),
                )
            },
        );
        let memo = files?;
        frameworks?;
        risks?;
        crate::timings::stage("frameworks/matrix.html", || {
            self.write_framework_matrix(sink)
        })?;
        self.write_assets_and_attachments(source, sink)?;
        Ok(memo)
    }

    /// The theme's assets and the attachments, written on every build.
    fn write_assets_and_attachments(
        &self,
        source: &dyn Source,
        sink: &dyn Sink,
    ) -> Result<(), Error> {
        // Mermaid only for a site with a diagram; only bodies that mention it are parsed.
        let diagrams = self
            .site
            .documents()
            .any(|(_, d)| markdown::has_diagram(d.src.body()));
        for (name, bytes) in self.theme.assets_to_write(diagrams) {
            sink.write(&format!("assets/{name}"), bytes)?;
        }
        for f in &self.site.hb.files {
            let bytes = source
                .read(f)
                .map_err(|e| Error::io(std::path::Path::new(f), e))?;
            sink.write(f, &bytes)?;
        }
        Ok(())
    }

    /// The files of [`outputs::SITE_FILES`] that `wanted` picks, side by side (written one
    /// after another, they left all cores but one idle while the template engine went through
    /// the big lists). Every one runs; the error
    /// reported is the first in the table's order. Returns what the next build may reuse, as
    /// [`Renderer::write_site_wide`].
    pub fn write_site_files(
        &self,
        sink: &dyn Sink,
        made: Made,
        wanted: &(dyn Fn(&outputs::SiteFile) -> bool + Sync),
    ) -> Result<Memo, Error> {
        let job = outputs::Job {
            renderer: self,
            sink,
            search: std::sync::Mutex::new(Some(made.search)),
            print: std::sync::Mutex::new(made.print),
            keep_lists: made.keep_lists,
            next: std::sync::Mutex::new(Memo::default()),
        };
        let results: Vec<Result<(), Error>> = outputs::SITE_FILES
            .par_iter()
            .chain(rayon::iter::once(&outputs::FRAMEWORK_FILES))
            .filter(|f| wanted(f))
            .map(|f| crate::timings::stage(f.path, || f.write(&job)))
            .collect();
        results.into_iter().collect::<Result<(), Error>>()?;
        Ok(job
            .next
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner))
    }
}

impl Renderer<'_> {
    /// Document `i`'s page, written; what the search index takes of its body and, when it is
    /// printed, its print section, all from one parse of the body.
    fn document_page(
        &self,
        sink: &dyn Sink,
        i: DocIdx,
    ) -> Result<
        (
            DocIdx,
            std::sync::Arc<search::Words>,
            Option<print::Section>,
        ),
        Error,
    > {
        let site = &self.site;
        let d = &site.hb.documents[i];
        let findings = self
            .index
            .by_file
            .get(d.src.path.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default();
        let title = format!("{} {}", d.id, d.title);
        let parsed = markdown::parse(d.src.body());
        let (view, body) = pages::document_page(site, i, &parsed);
        let html = self.page("document", &d.url, title, findings, view)?;
        sink.write_parts(&d.url, &pages::around_body(&html, &body, "document")?)?;
        let words = search::words(site, i, &parsed.plain_text());
        let section = match self.print.includes(i) {
            true => Some(print::section(site, self.theme, &self.print, i, &parsed)?),
            false => None,
        };
        Ok((i, words, section))
    }

    /// A page per risk of the register ([`risks`]), when there is a register.
    pub fn write_risk_pages(&self, sink: &dyn Sink) -> Result<(), Error> {
        let site = &self.site;
        let hb = site.hb;
        if !hb.risks_file {
            return Ok(());
        }
        let in_register: Vec<&Finding> = hb
            .risks
            .first()
            .and_then(|r| self.index.by_file.get(r.file))
            .map(|list| list.to_vec())
            .unwrap_or_default();
        let findings = risks::findings_by_risk(hb, &in_register);
        (0..hb.risks.len()).into_par_iter().try_for_each(|i| {
            let Some((url, r)) = site.risks.page(i).zip(hb.risks.get(i)) else {
                return Ok(());
            };
            let Some(view) = risks::risk_page(site, i, url) else {
                return Ok(());
            };
            let title = format!("{} {}", r.id, r.title);
            let shown = findings.get(i).map(Vec::as_slice).unwrap_or_default();
            self.write_page(sink, "risk", url, &title, shown, view)
        })
    }

    /// The `frameworks/` pages ([`frameworks`]) but the matrix, when frameworks are declared.
    pub fn write_framework_pages(&self, sink: &dyn Sink) -> Result<(), Error> {
        let site = &self.site;
        let hb = site.hb;
        if hb.frameworks.list.is_empty() {
            return Ok(());
        }
        self.write_page(
            sink,
            "frameworks",
            frameworks::INDEX,
            &site.lang.text("nav-frameworks"),
            &[],
            frameworks::overview(site, frameworks::INDEX),
        )?;
        self.write_framework_control_pages(sink)
    }

    /// `frameworks/matrix.html`, when frameworks are declared.
    pub fn write_framework_matrix(&self, sink: &dyn Sink) -> Result<(), Error> {
        let site = &self.site;
        if site.hb.frameworks.list.is_empty() {
            return Ok(());
        }
        let (view, rows) = frameworks::matrix(site, frameworks::MATRIX);
        let title = site.lang.text("ctl-matrix");
        self.write_listed(sink, "matrix", frameworks::MATRIX, &title, &[], view, &rows)
    }

    /// Each declared framework's index page and a page per catalog control.
    fn write_framework_control_pages(&self, sink: &dyn Sink) -> Result<(), Error> {
        let site = &self.site;
        let hb = site.hb;
        for (f, fw) in hb.frameworks.list.iter().enumerate() {
            let url = frameworks::framework_index(&fw.id);
            self.write_page(
                sink,
                "framework",
                &url,
                &fw.name,
                &[],
                frameworks::framework_page(site, f, &url),
            )?;
        }
        let controls: Vec<(usize, usize)> = hb
            .frameworks
            .list
            .iter()
            .enumerate()
            .flat_map(|(f, fw)| (0..fw.catalog.controls.len()).map(move |i| (f, i)))
            .collect();
        controls.into_par_iter().try_for_each(|(f, idx)| {
            let fw = &hb.frameworks.list[f];
            let url = site.ctl_page(crate::model::frameworks::CtlRef {
                fw: crate::model::frameworks::FwKey::Declared(f),
                idx,
            });
            let qualified = fw.qualified_id(idx);
            let findings = self
                .index
                .by_control
                .get(qualified.as_str())
                .map(Vec::as_slice)
                .unwrap_or_default();
            let title = format!("{qualified} {}", fw.catalog.control(idx).heading());
            self.write_page(
                sink,
                "framework-control",
                &url,
                &title,
                findings,
                frameworks::control_page(site, &self.mapped, f, idx, &url),
            )
        })
    }
}

/// `assets/nav.js`: the full navigation, loaded once by every page instead of being inlined
/// in each (which would make the site quadratic in the number of documents).
fn nav_script(site: &Site) -> String {
    #[derive(Serialize)]
    struct Group<'a> {
        label: String,
        items: Vec<(&'a str, &'a str, String)>,
    }
    let hb = site.hb;
    let groups: Vec<Group> = pages::grouped(site)
        .into_iter()
        .map(|(t, docs)| Group {
            label: site::types_label(site.lang, t),
            items: docs
                .into_iter()
                .map(|i| {
                    let d = &hb.documents[i];
                    (
                        d.id.as_str(),
                        d.title.as_str(),
                        site::href("index.html", &d.url, None),
                    )
                })
                .collect(),
        })
        .collect();
    let json = serde_json::json!({ "groups": groups }).to_string();
    // Like the search index: titles are the author's text, and must read as data whatever
    // they contain.
    format!("window.ISMSBOOK_NAV = {};\n", search::script_safe(&json))
}
