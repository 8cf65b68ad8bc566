//! Cross-references: every link and `[[ref]]` of every document, resolved against the whole
//! handbook. A cheap pass over per-document scans, so re-parsing one file stays cheap.

use super::DocIdx;
use crate::catalog::{Catalog, ControlIdx};
use crate::source::scan::{Link, LinkTarget};
use crate::source::{Source, SourceDoc};
use std::collections::HashMap;
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
    External,
    /// Why it does not resolve, for the finding and the page.
    Broken(String),
}

pub struct Index<'a> {
    pub docs: &'a [Arc<SourceDoc>],
    pub by_path: &'a HashMap<String, DocIdx>,
    pub by_id: &'a HashMap<String, DocIdx>,
    /// [`loose_key`] of each path → document, to suggest the right spelling of a link whose
    /// case or Unicode form (NFC/NFD) differs.
    pub by_lower_path: &'a HashMap<String, DocIdx>,
    pub catalog: &'a Catalog,
    pub source: &'a dyn Source,
}

/// A path compared as macOS compares names: lower-cased, in one Unicode form (NFC). Lower
/// case first: case mappings keep combining marks apart, NFC then joins them.
pub fn loose_key(path: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    path.to_lowercase().nfc().collect()
}

impl Index<'_> {
    pub fn resolve(&self, from: DocIdx, link: &Link) -> ResolvedLink {
        match &link.target {
            LinkTarget::Document { path, anchor } => match self.by_path.get(path) {
                Some(&doc) => self.with_anchor(doc, anchor.clone()),
                None if self.source.is_file(path) => {
                    ResolvedLink::Broken(format!("{path} is not a document of the handbook"))
                }
                None => match self
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
                        ResolvedLink::Broken(format!(
                            "no document at {path}; did you mean {p}? ({why})"
                        ))
                    }
                    None => ResolvedLink::Broken(format!("no document at {path}")),
                },
            },
            LinkTarget::Anchor(anchor) => self.with_anchor(from, Some(anchor.clone())),
            LinkTarget::File { path } if self.source.is_file(path) => {
                ResolvedLink::File(path.clone())
            }
            LinkTarget::File { path } => ResolvedLink::Broken(format!("file not found: {path}")),
            LinkTarget::Reference(r) => self.reference(r),
            LinkTarget::OutsideRoot(dest) => {
                ResolvedLink::Broken(format!("{dest} points outside the content folder"))
            }
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

    fn with_anchor(&self, doc: DocIdx, anchor: Option<String>) -> ResolvedLink {
        match anchor {
            Some(a) if !a.is_empty() && !self.docs[doc].scan.headings.iter().any(|h| h.id == a) => {
                let path = &self.docs[doc].path;
                let ids: Vec<&str> = self.docs[doc]
                    .scan
                    .headings
                    .iter()
                    .map(|h| h.id.as_str())
                    .collect();
                let hint = crate::suggest::did_you_mean(&a, ids.iter().copied())
                    .map(|s| format!("; did you mean #{s}?"))
                    .unwrap_or_default();
                ResolvedLink::Broken(format!("no heading #{a} in {path}{hint}"))
            }
            anchor => ResolvedLink::Document {
                doc,
                anchor: anchor.filter(|a| !a.is_empty()),
            },
        }
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
