//! Stage 4, render: the Handbook and its findings become pages, written through a [`Sink`].

pub mod highlight;
pub mod markdown;
pub mod pages;
pub mod theme;

use crate::error::Error;
use crate::finding::Finding;
use crate::model::Handbook;
use crate::source::Source;
use pages::{finding_view, Frame, SiteInfo};
use rayon::prelude::*;
use serde::Serialize;
pub use theme::Theme;

/// Where rendered files go (the output stage's staging folder, or memory in tests).
pub trait Sink: Sync {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error>;
}

/// Every path the renderer writes besides document pages and attachments; a document whose page
/// would land on one of these is refused before anything is written.
pub fn generated_paths(hb: &Handbook) -> Vec<String> {
    let mut paths: Vec<String> = [
        "index.html",
        "documents/index.html",
        "controls/index.html",
        "findings.json",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    paths.extend(
        hb.catalog
            .controls
            .iter()
            .map(|c| pages::control_page(&c.id)),
    );
    // Theme assets (style.css, ismsbook.js, extras) are claimed by the theme itself.
    paths.extend(["assets/nav.js", "assets/highlight.css"].map(String::from));
    paths
}

pub struct Renderer<'a> {
    hb: &'a Handbook,
    findings: &'a [Finding],
    theme: &'a Theme,
    site: SiteInfo,
    index: pages::FindingIndex<'a>,
}

impl<'a> Renderer<'a> {
    pub fn new(hb: &'a Handbook, findings: &'a [Finding], theme: &'a Theme) -> Self {
        Renderer {
            hb,
            findings,
            theme,
            site: SiteInfo {
                title: hb.config.title.clone(),
                organisation: hb.config.organisation.clone(),
                today: hb.today.to_string(),
            },
            index: pages::FindingIndex::new(findings),
        }
    }

    fn page<T: Serialize>(
        &self,
        template: &str,
        url: &str,
        title: String,
        findings: Vec<&Finding>,
        body: T,
    ) -> Result<String, Error> {
        let frame = Frame {
            site: &self.site,
            root: pages::root_of(url),
            page_url: pages::href("index.html", url, None),
            page_title: title,
            findings: findings
                .into_iter()
                .map(|f| finding_view(self.hb, url, f))
                .collect(),
            body,
        };
        self.theme.render(template, &frame)
    }

    /// Renders and writes the whole site.
    pub fn write_all(&self, source: &dyn Source, sink: &dyn Sink) -> Result<(), Error> {
        let hb = self.hb;
        let none = Vec::new();
        hb.documents.par_iter().enumerate().try_for_each(|(i, d)| {
            let findings = self
                .index
                .by_file
                .get(d.src.path.as_str())
                .unwrap_or(&none)
                .clone();
            let html = self.page(
                "document",
                &d.url,
                format!("{} {}", d.id, d.title),
                findings,
                pages::document_page(hb, i),
            )?;
            sink.write(&d.url, html.as_bytes())
        })?;
        (0..hb.catalog.controls.len())
            .into_par_iter()
            .try_for_each(|c| {
                let id = &hb.catalog.control(c).id;
                let url = pages::control_page(id);
                let findings = self
                    .index
                    .by_control
                    .get(id.as_str())
                    .unwrap_or(&none)
                    .clone();
                let title = format!("{} {}", id, hb.catalog.control(c).title);
                let html = self.page(
                    "control",
                    &url,
                    title,
                    findings,
                    pages::control_page_view(hb, c, &url),
                )?;
                sink.write(&url, html.as_bytes())
            })?;
        let all: Vec<&Finding> = self.findings.iter().collect();
        let index = self.page(
            "index",
            "index.html",
            "Dashboard".into(),
            all,
            pages::dashboard(hb, self.findings, "index.html"),
        )?;
        sink.write("index.html", index.as_bytes())?;
        let docs = self.page(
            "documents",
            "documents/index.html",
            "Documents".into(),
            Vec::new(),
            pages::documents_page(hb, "documents/index.html"),
        )?;
        sink.write("documents/index.html", docs.as_bytes())?;
        let controls = self.page(
            "controls",
            "controls/index.html",
            "Annex A controls".into(),
            Vec::new(),
            pages::controls_page(hb, "controls/index.html"),
        )?;
        sink.write("controls/index.html", controls.as_bytes())?;

        for (name, bytes) in &self.theme.assets {
            sink.write(&format!("assets/{name}"), bytes)?;
        }
        sink.write("assets/highlight.css", highlight::stylesheet().as_bytes())?;
        sink.write("assets/nav.js", nav_script(hb).as_bytes())?;
        sink.write(
            "findings.json",
            crate::report::json::render(self.findings, hb).as_bytes(),
        )?;
        for f in &hb.files {
            let bytes = source
                .read(f)
                .map_err(|e| Error::io(std::path::Path::new(f), e))?;
            sink.write(f, &bytes)?;
        }
        Ok(())
    }
}

/// `assets/nav.js`: the full navigation, loaded once by every page instead of being inlined
/// in each (which would make the site quadratic in the number of documents).
fn nav_script(hb: &Handbook) -> String {
    #[derive(Serialize)]
    struct Group<'a> {
        label: &'a str,
        items: Vec<(&'a str, &'a str, String)>,
    }
    let groups: Vec<Group> = pages::grouped(hb)
        .into_iter()
        .map(|(t, docs)| Group {
            label: t.map(|t| t.plural()).unwrap_or("Other documents"),
            items: docs
                .into_iter()
                .map(|i| {
                    let d = &hb.documents[i];
                    (
                        d.id.as_str(),
                        d.title.as_str(),
                        pages::href("index.html", &d.url, None),
                    )
                })
                .collect(),
        })
        .collect();
    let json = serde_json::json!({ "groups": groups });
    format!("window.ISMSBOOK_NAV = {json};\n")
}
