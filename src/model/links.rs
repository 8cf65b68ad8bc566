//! Cross-references: every link and `[[ref]]` of every document, resolved against the whole
//! handbook. A cheap pass over per-document scans, so re-parsing one file stays cheap.

use super::DocIdx;
use crate::catalog::{Catalog, ControlIdx};
use crate::config::{RawHtml, Repository, View};
use crate::source::scan::{Link, LinkTarget};
use crate::source::{Found, Source, SourceDoc};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolvedLink {
    Document {
        doc: DocIdx,
        anchor: Option<String>,
    },
    Control(ControlIdx),
    /// An attachment, copied to the same relative path in the output.
    File(String),
    /// A file of the repository that is no page and not copied (`LICENSE`,
    /// `.github/workflows/ci.yml`): its page on the Git host, this URL.
    Repository(String),
    /// Such a file when no `[repository]` is configured: the link text stays, unlinked, and a
    /// `link-outside-handbook` warning says how to link it.
    Outside {
        path: String,
        kind: OutsideKind,
    },
    External,
    /// A link of raw HTML that the page shows as text (`[markdown] raw_html = "escape"`, or
    /// HTML too deep to sanitise): no link, nothing to check.
    AsText,
    /// Why it does not resolve, for the finding and the page.
    Broken(String),
}

/// Why a file of the repository is not in the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutsideKind {
    /// Neither a page nor a file readers open (`LICENSE`, a script).
    File,
    /// In a hidden folder, or hidden itself: never copied.
    Hidden,
    /// A folder: the site has no page listing it.
    Folder,
}

pub struct Index<'a> {
    pub docs: &'a [Arc<SourceDoc>],
    pub by_path: &'a super::DocIndex,
    pub by_id: &'a super::DocIndex,
    /// [`loose_key`] of each path → document, to suggest the right spelling of a link whose
    /// case or Unicode form (NFC/NFD) differs.
    pub by_lower_path: &'a super::DocIndex,
    pub catalog: &'a Catalog,
    pub source: &'a dyn Source,
    /// `[repository]`: where files that are no pages are linked.
    pub repository: Option<&'a Repository>,
    /// What raw HTML becomes: shown as text, its ids are no link targets.
    pub raw_html: RawHtml,
}

/// Files a reader opens in the browser or an office program: copied with the site when linked.
/// Anything else (source files, `LICENSE`) is linked on the Git host.
const READER_FILES: &[&str] = &[
    "pdf", "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp", "ico", "tif", "tiff", "docx",
    "xlsx", "pptx", "doc", "xls", "ppt", "odt", "ods", "odp", "vsdx", "txt", "csv",
];

fn extension(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// Whether an id holds a character that shows nothing on its own (the variation selector an
/// emoji leaves behind, a zero-width joiner).
pub fn has_invisible(id: &str) -> bool {
    use unicode_general_category::{get_general_category, GeneralCategory as G};
    id.chars().any(|c| {
        matches!(
            get_general_category(c),
            G::NonspacingMark | G::EnclosingMark | G::Format
        )
    })
}

/// A path compared as macOS compares names: lower-cased, in one Unicode form (NFC). Lower
/// case first: case mappings keep combining marks apart, NFC then joins them.
pub fn loose_key(path: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if path.is_ascii() {
        // Already in NFC: as it is, lower-cased.
        return path.to_ascii_lowercase();
    }
    path.to_lowercase().nfc().collect()
}

impl Index<'_> {
    /// A link from a file that is no document (the root README), for every target but a
    /// `#fragment` of that file's own, which only its caller can judge.
    /// `html_as_text`: that file's raw HTML is shown as text, so it has no links.
    pub fn resolve_from_outside(&self, link: &Link, html_as_text: bool) -> ResolvedLink {
        match &link.target {
            LinkTarget::Anchor(_) => ResolvedLink::External,
            _ if link.html && html_as_text => ResolvedLink::AsText,
            // `from` is read for same-page anchors only, excluded above.
            _ => self.target(usize::MAX, link),
        }
    }

    pub fn resolve(&self, from: DocIdx, link: &Link) -> ResolvedLink {
        if link.html && self.docs[from].scan.raw_html_mode(self.raw_html) == RawHtml::Escape {
            return ResolvedLink::AsText;
        }
        self.target(from, link)
    }

    fn target(&self, from: DocIdx, link: &Link) -> ResolvedLink {
        match &link.target {
            LinkTarget::Document { path, anchor } => match self.by_path.get(path) {
                Some(&doc) => self.with_anchor(doc, anchor.clone()),
                None => match self.source.find(path) {
                    Found::Missing => self.no_document(path),
                    found => self.not_a_page(path, found, link),
                },
            },
            LinkTarget::Anchor(anchor) => self.with_anchor(from, Some(anchor.clone())),
            LinkTarget::File { path } => self.not_a_page(path, self.source.find(path), link),
            LinkTarget::Reference(r) => self.reference(r),
            LinkTarget::OutsideRoot(dest) => {
                ResolvedLink::Broken(format!("{dest} points outside the content folder"))
            }
            // Raw HTML's script URLs are the sanitiser's: removed with a `raw-html-removed`
            // note, or kept where raw HTML is trusted to run script.
            LinkTarget::External | LinkTarget::Unsafe if link.html => ResolvedLink::External,
            LinkTarget::External => ResolvedLink::External,
            LinkTarget::Unsafe => ResolvedLink::Broken(format!(
                "`{}:` links are not allowed; the link was removed",
                // As a browser reads the scheme: without the control characters and white
                // space that hide it.
                link.dest
                    .split(':')
                    .next()
                    .unwrap_or("script")
                    .chars()
                    .filter(|c| !c.is_control() && !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase()
            )),
        }
    }

    /// A Markdown path that is neither a document nor a file: perhaps one spelt otherwise.
    fn no_document(&self, path: &str) -> ResolvedLink {
        match self
            .by_lower_path
            .get(&loose_key(path))
            .map(|&d| &self.docs[d].path)
        {
            Some(p) => {
                let why = if p.to_lowercase() == path.to_lowercase() {
                    "paths are case-sensitive"
                } else {
                    "the link spells it in another Unicode form (composed or decomposed accents): paths must match byte for byte"
                };
                ResolvedLink::Broken(format!("no document at {path}; did you mean {p}? ({why})"))
            }
            None => ResolvedLink::Broken(format!("no document at {path}")),
        }
    }

    /// A link to a file that is no page of the handbook, as GitHub would follow it: copied when
    /// readers open it, else on the Git host, else text with a warning; broken only where
    /// GitHub's would be (missing, ignored, inside `.git`).
    fn not_a_page(&self, path: &str, found: Found, link: &Link) -> ResolvedLink {
        let on_host = || {
            self.repository.map(|r| {
                // An image shows the file itself, a link its page.
                let view = match found {
                    Found::Folder => View::Tree,
                    _ if link.image => View::Raw,
                    _ => View::Blob,
                };
                let mut url = r.page(view, path);
                if let Some((_, fragment)) = link.dest.split_once('#') {
                    url.push('#');
                    url.push_str(fragment);
                }
                ResolvedLink::Repository(url)
            })
        };
        let ext = extension(path);
        match found {
            Found::Missing => ResolvedLink::Broken(format!("file not found: {path}")),
            Found::Ignored => ResolvedLink::Broken(format!(
                "{path} is ignored by Git (.gitignore), so it is not in the repository either; commit it, or link another file"
            )),
            Found::File if READER_FILES.contains(&ext.as_str()) => {
                ResolvedLink::File(path.to_owned())
            }
            Found::File if ext == "md" => {
                on_host().unwrap_or_else(|| ResolvedLink::File(path.to_owned()))
            }
            Found::File | Found::Hidden | Found::Folder => {
                on_host().unwrap_or_else(|| ResolvedLink::Outside {
                    path: path.to_owned(),
                    kind: match found {
                        Found::Folder => OutsideKind::Folder,
                        Found::Hidden => OutsideKind::Hidden,
                        _ => OutsideKind::File,
                    },
                })
            }
        }
    }

    fn with_anchor(&self, doc: DocIdx, anchor: Option<String>) -> ResolvedLink {
        // GitHub's page script also finds `#Data-Retention` at the id `data-retention`: such
        // a link works there, so it does here, written with the id itself (a browser alone
        // matches ids exactly).
        let anchor = anchor.map(|a| {
            if a.is_empty() || self.anchors(doc).any(|id| id == a) {
                return a;
            }
            let lower = a.to_lowercase();
            match self.anchors(doc).any(|id| id == lower) {
                true => lower,
                false => a,
            }
        });
        match anchor {
            Some(a) if !a.is_empty() && !self.anchors(doc).any(|id| id == a) => {
                let path = &self.docs[doc].path;
                let ids: Vec<&str> = self.anchors(doc).collect();
                let hint = crate::suggest::did_you_mean(&a, ids.iter().copied())
                    .map(|s| match has_invisible(s) {
                        // `#️-data-retention` looks like `#-data-retention`: say how to write it.
                        true => format!(
                            "; did you mean #{s} (written {})?",
                            crate::render::site::fragment(s)
                        ),
                        false => format!("; did you mean #{s}?"),
                    })
                    .unwrap_or_default();
                ResolvedLink::Broken(format!("no heading #{a} in {path}{hint}"))
            }
            anchor => ResolvedLink::Document {
                doc,
                anchor: anchor.filter(|a| !a.is_empty()),
            },
        }
    }

    /// What a `#fragment` can reach in a document: its headings' ids, and the ids of its raw
    /// HTML where that is kept.
    fn anchors(&self, doc: DocIdx) -> impl Iterator<Item = &str> {
        let scan = &self.docs[doc].scan;
        let html = match scan.raw_html_mode(self.raw_html) {
            RawHtml::Escape => &[][..],
            _ => &scan.anchors[..],
        };
        scan.headings
            .iter()
            .map(|h| h.id.as_str())
            .chain(html.iter().map(String::as_str))
    }

    /// `[[X]]`: a control id, a document id, or a document path.
    fn reference(&self, r: &str) -> ResolvedLink {
        let r = r.trim();
        let (target, anchor) = match r.split_once('#') {
            Some((t, a)) => (t.trim(), Some(a.trim().to_owned())),
            None => (r, None),
        };
        if let Some(c) = self.catalog.find(target) {
            return ResolvedLink::Control(c);
        }
        if let Some(&doc) = self.by_id.get(target) {
            return self.with_anchor(doc, anchor);
        }
        let as_path = if target.ends_with(".md") {
            target.to_owned()
        } else {
            format!("{target}.md")
        };
        if let Some(&doc) = self.by_path.get(&as_path) {
            return self.with_anchor(doc, anchor);
        }
        if let Some(h) = self.catalog.hint_2013(target) {
            return ResolvedLink::Broken(format!(
                "[[{target}]] is not an ISO/IEC 27001:2022 control; {h}"
            ));
        }
        let hint = crate::suggest::did_you_mean(target, self.by_id.keys().map(String::as_str))
            .map(|s| format!("; did you mean [[{s}]]?"))
            .unwrap_or_default();
        ResolvedLink::Broken(format!("no document or control with id `{target}`{hint}"))
    }
}
