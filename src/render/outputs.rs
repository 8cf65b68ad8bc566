//! The site-wide files, declared once: where each goes and how it is made. The build writes
//! them from this table, collision checks read their paths from it, and the fuzz targets pick
//! the ones built from document text. A new site-wide page is one entry here, one template and
//! one view function.

use super::{
    data, fwdata, highlight, oscal, pages, parts, print, reviews, search, soa, xlsx, Renderer, Sink,
};
use crate::error::Error;
use crate::finding::Finding;
use crate::model::DocIdx;
use std::collections::HashMap;
use std::sync::Mutex;

/// One file every build writes once.
pub struct SiteFile {
    pub path: &'static str,
    /// Built from what documents say (their text, titles, owners): the fuzz targets render
    /// these for a hostile document.
    pub from_documents: bool,
    /// Made from the text of bodies, not only from what the model says of each document: the
    /// one kind a save that changed only prose makes differ (the other files are kept).
    pub from_bodies: bool,
    write: fn(&Job<'_, '_>) -> Result<(), Error>,
}

/// What the entries' writers share: the renderer, where files go, and what rendering the
/// document pages made (taken by the one writer that uses it).
pub(super) struct Job<'j, 'a> {
    pub(super) renderer: &'j Renderer<'a>,
    pub(super) sink: &'j dyn Sink,
    pub(super) search: Mutex<Option<Vec<Option<std::sync::Arc<search::Words>>>>>,
    /// Sections of printable pages still to write (watch mode), taken by print.html's writer.
    pub(super) print: Mutex<Option<HashMap<DocIdx, print::Section>>>,
    /// Keep what lists documents ([`super::Selection::keep_lists`]).
    pub(super) keep_lists: bool,
    /// What the writers made that the next build may reuse (watch mode: the renderer has a
    /// [`super::Memo`] of the last build).
    pub(super) next: Mutex<super::Memo>,
}

impl SiteFile {
    pub(super) fn write(&self, job: &Job<'_, '_>) -> Result<(), Error> {
        (self.write)(job)
    }
}

/// A page of the site: its template, title, the findings it lists, and its view.
fn page<T: serde::Serialize>(
    job: &Job<'_, '_>,
    template: &str,
    url: &str,
    title: &str,
    all_findings: bool,
    view: T,
) -> Result<(), Error> {
    listed(
        job,
        template,
        url,
        title,
        all_findings,
        view,
        &parts::Rows::<()>::default(),
    )
}

/// A page with long lists ([`Renderer::write_listed`]).
fn listed<T: serde::Serialize, R: serde::Serialize + Sync>(
    job: &Job<'_, '_>,
    template: &str,
    url: &str,
    title: &str,
    all_findings: bool,
    view: T,
    rows: &parts::Rows<R>,
) -> Result<(), Error> {
    let findings: &[&Finding] = if all_findings {
        &job.renderer.findings
    } else {
        &[]
    };
    job.renderer
        .write_listed(job.sink, template, url, title, findings, view, rows)
}

pub const SITE_FILES: &[SiteFile] = &[
    SiteFile {
        path: "print.html",
        from_documents: false,
        from_bodies: true,
        write: |job| {
            // A full build wrote the printable pages with the document pages (print.html too,
            // for a handbook on one page); watch mode writes them now.
            let r = job.renderer;
            let frame = |url: &str, title: String, body: print::PrintPage| {
                r.page("print", url, title, &[], body)
            };
            let deferred = job.print.lock().ok().and_then(|mut p| p.take());
            let hb = r.site.hb;
            if let Some(mut known) = deferred {
                let before = r.prior.and_then(|m| m.print.as_ref());
                let current = before.map_or(Vec::new(), |b| b.still_current(&r.print, hb, &known));
                for v in 0..r.print.volume_count() {
                    if current.get(v) == Some(&true) {
                        job.sink.keep(r.print.volume_url(v));
                        continue;
                    }
                    let page = print::volume(&r.site, r.theme, &r.print, v, &mut known, &frame)?;
                    page.write(job.sink)?;
                }
            }
            if r.prior.is_some() {
                if let Ok(mut next) = job.next.lock() {
                    next.print = Some(print::Written::new(&r.print, hb));
                }
            }
            // The list of printable pages and the SoA, kept after a save of prose.
            if job.keep_lists {
                return Ok(());
            }
            match print::index(&r.site, r.theme, &r.print, &frame)? {
                Some(page) => page.write(job.sink),
                None => Ok(()),
            }
        },
    },
    SiteFile {
        path: "index.html",
        from_documents: false,
        from_bodies: false,
        write: |job| {
            let r = job.renderer;
            let (view, rows) = pages::dashboard(&r.site, &r.findings, "index.html");
            let title = r.site.lang.text("nav-dashboard");
            listed(job, "index", "index.html", &title, true, view, &rows)
        },
    },
    SiteFile {
        path: "documents/index.html",
        from_documents: false,
        from_bodies: false,
        write: |job| {
            let url = "documents/index.html";
            let (view, rows) = pages::documents_page(&job.renderer.site, url);
            let title = job.renderer.site.lang.text("nav-documents");
            listed(job, "documents", url, &title, false, view, &rows)
        },
    },
    SiteFile {
        path: "controls/index.html",
        from_documents: false,
        from_bodies: false,
        write: |job| {
            let url = "controls/index.html";
            let site = &job.renderer.site;
            let view = pages::controls_page(site, url);
            page(
                job,
                "controls",
                url,
                &site.lang.text("ctl-annex-a"),
                false,
                view,
            )
        },
    },
    SiteFile {
        path: "soa.html",
        from_documents: false,
        from_bodies: false,
        write: |job| {
            let site = &job.renderer.site;
            let (view, rows) = soa::page(site, "soa.html");
            let title = site.lang.text("ctl-soa");
            listed(job, "soa", "soa.html", &title, false, view, &rows)
        },
    },
    SiteFile {
        path: "soa.csv",
        from_documents: false,
        from_bodies: false,
        write: |job| job.sink.write("soa.csv", &soa::csv(&job.renderer.site)),
    },
    SiteFile {
        path: "soa.xlsx",
        from_documents: false,
        from_bodies: false,
        write: |job| {
            let bytes = xlsx::xlsx(&job.renderer.site)?;
            job.sink.write("soa.xlsx", &bytes)
        },
    },
    SiteFile {
        path: super::exceptions::PAGE,
        from_documents: false,
        from_bodies: false,
        write: |job| {
            let site = &job.renderer.site;
            // Only with an exceptions.yaml (the navigation links it only then).
            if !site.hb.exceptions_file {
                return Ok(());
            }
            let url = super::exceptions::PAGE;
            let view = super::exceptions::page(site, url);
            let title = site.lang.text("nav-exceptions");
            page(job, "exceptions", url, &title, false, view)
        },
    },
    SiteFile {
        path: super::risks::INDEX,
        from_documents: false,
        from_bodies: false,
        write: |job| {
            let site = &job.renderer.site;
            // Only with a register (the navigation links it only then).
            if !site.hb.risks_file {
                return Ok(());
            }
            let url = super::risks::INDEX;
            let view = super::risks::page(site, url);
            let title = site.lang.text("risk-register");
            page(job, "risks", url, &title, false, view)
        },
    },
    SiteFile {
        path: super::risks::CSV,
        from_documents: false,
        from_bodies: false,
        write: |job| {
            let site = &job.renderer.site;
            if !site.hb.risks_file {
                return Ok(());
            }
            job.sink.write(super::risks::CSV, &super::risks::csv(site))
        },
    },
    SiteFile {
        path: "reviews.html",
        from_documents: false,
        from_bodies: false,
        write: |job| {
            let (view, rows) = reviews::page(&job.renderer.site, "reviews.html");
            let title = job.renderer.site.lang.text("doc-reviews-title");
            listed(job, "reviews", "reviews.html", &title, false, view, &rows)
        },
    },
    SiteFile {
        path: "reviews.ics",
        from_documents: true,
        from_bodies: false,
        write: |job| {
            let ics = reviews::ics(&job.renderer.site);
            job.sink.write("reviews.ics", ics.as_bytes())
        },
    },
    SiteFile {
        path: "owners.html",
        from_documents: false,
        from_bodies: false,
        write: |job| {
            let (view, rows) = reviews::owners(&job.renderer.site, "owners.html");
            let title = job.renderer.site.lang.text("nav-owners");
            listed(job, "owners", "owners.html", &title, false, view, &rows)
        },
    },
    SiteFile {
        path: "assets/highlight.css",
        from_documents: false,
        from_bodies: false,
        write: |job| {
            let css = highlight::stylesheet();
            job.sink.write("assets/highlight.css", css.as_bytes())
        },
    },
    SiteFile {
        path: "assets/nav.js",
        from_documents: false,
        from_bodies: false,
        write: |job| {
            let script = super::nav_script(&job.renderer.site);
            job.sink.write("assets/nav.js", script.as_bytes())
        },
    },
    SiteFile {
        path: "assets/strings.js",
        from_documents: false,
        from_bodies: false,
        write: |job| {
            let lang = job.renderer.site.lang;
            let json = serde_json::Value::Object(lang.browser_strings()).to_string();
            let script = format!(
                "window.ISMSBOOK_STRINGS = {};\n",
                search::script_safe(&json)
            );
            job.sink.write("assets/strings.js", script.as_bytes())
        },
    },
    SiteFile {
        path: "search-index.js",
        from_documents: true,
        from_bodies: true,
        write: |job| {
            let known = job
                .search
                .lock()
                .map(|mut s| s.take())
                .unwrap_or_default()
                .unwrap_or_default();
            let r = job.renderer;
            let prior = r.prior.map(|m| &m.words);
            let (script, words) = search::index_script(&r.site, known, prior);
            if let (Some(words), Ok(mut next)) = (words, job.next.lock()) {
                next.words = words;
            }
            let script = script?;
            let parts: Vec<&str> = script.iter().map(String::as_str).collect();
            job.sink.write_parts("search-index.js", &parts)
        },
    },
    SiteFile {
        path: "findings.json",
        from_documents: true,
        from_bodies: false,
        write: |job| {
            let json = crate::report::json::render(&job.renderer.findings, job.renderer.site.hb);
            job.sink.write("findings.json", json.as_bytes())
        },
    },
    SiteFile {
        path: "handbook.json",
        from_documents: true,
        from_bodies: false,
        write: |job| {
            let json = data::handbook_json(&job.renderer.site, &job.renderer.findings)?;
            parts::write_pieces(job.sink, "handbook.json", &json)
        },
    },
    SiteFile {
        path: oscal::PATH,
        from_documents: true,
        from_bodies: false,
        write: |job| {
            let json = oscal::component_definition(&job.renderer.site)?;
            parts::write_pieces(job.sink, oscal::PATH, &json)
        },
    },
    SiteFile {
        path: "sitemap.xml",
        from_documents: false,
        from_bodies: false,
        write: |job| {
            job.sink
                .write("sitemap.xml", data::sitemap(&job.renderer.site).as_bytes())
        },
    },
];

/// The files one per declared framework (`frameworks/<id>/applicability.csv`), written with the
/// table's files. Not in [`SITE_FILES`]: their paths depend on the handbook, and
/// [`super::generated_paths`] lists them.
pub const FRAMEWORK_FILES: SiteFile = SiteFile {
    path: "frameworks/",
    from_documents: true,
    from_bodies: false,
    write: |job| {
        let site = &job.renderer.site;
        for (i, f) in site.hb.frameworks.list.iter().enumerate() {
            let path = fwdata::applicability_csv_path(&f.id);
            job.sink.write(&path, &fwdata::applicability_csv(site, i))?;
        }
        Ok(())
    },
};
