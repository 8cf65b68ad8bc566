//! Stage 2, model: the Handbook — documents, controls, applicability and the cross-reference
//! graph, derived once from the loaded sources. Everything later reads it; nothing mutates it.

pub mod exceptions;
pub mod frameworks;
pub mod links;
pub mod risks;
pub mod soa;

use crate::catalog::{Catalog, ControlIdx};
use crate::config::Config;
use crate::dates;
use crate::finding::Finding;
use crate::source::meta::{DocType, Status};
use crate::source::{Source, SourceDoc};
use jiff::civil::Date;
use links::ResolvedLink;
use rayon::prelude::*;
use soa::{Decision, Soa};
use std::collections::HashMap;
use std::sync::Arc;

pub type DocIdx = usize;

/// Documents by path or id: looked up for every link of every document, so hashed with a fast
/// seeded hash rather than SipHash.
pub type DocIndex = foldhash::HashMap<String, DocIdx>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewState {
    Overdue,
    DueSoon,
    Current,
    /// No usable review date (front matter invalid).
    Unknown,
    /// Retired documents are not reviewed.
    NotDue,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Review {
    pub next: Option<Date>,
    /// Days from today to the next review (negative when overdue).
    pub days_left: Option<i64>,
    pub state: ReviewState,
}

#[derive(Debug, Clone)]
pub struct Document {
    /// Shared with the loader's cache, so a rebuild re-uses unchanged documents without copying.
    pub src: Arc<SourceDoc>,
    /// The declared id, or the source path when the front matter has none.
    pub id: String,
    pub title: String,
    /// Output page, relative to the site root: `policies/access-control.html`.
    pub url: String,
    pub review: Review,
    /// Known controls this document declares (deduplicated, catalog order).
    pub controls: Vec<ControlIdx>,
    /// Current controls of declared frameworks it declares (`csf:PR.AA-01`), deduplicated,
    /// by framework and catalog order.
    pub framework_controls: Vec<frameworks::CtlRef>,
    /// One resolution per link in `src.scan.links`.
    /// Shared, so a rebuild can re-use the resolutions of documents a change cannot affect.
    pub links: Arc<[ResolvedLink]>,
    /// One entry per `related` id: the document it names, if any.
    pub related: Vec<Option<DocIdx>>,
}

impl Document {
    pub fn status(&self) -> Option<Status> {
        self.src.meta.status
    }

    pub fn doc_type(&self) -> Option<DocType> {
        self.src.meta.doc_type
    }

    /// Only approved documents implement controls (a draft is not yet in force).
    pub fn is_approved(&self) -> bool {
        self.status() == Some(Status::Approved)
    }

    /// Whether this document, read again, differs from `before` only in the prose of its
    /// body: the same front matter, headings, links (resolving alike), anchors, mentions and
    /// problems, at the same lines. Only its own page, its printable section and its search
    /// words can then differ; every page that lists documents stays as it was. Every field is
    /// named, so a new one must be placed on one side or the other.
    pub fn differs_only_in_prose(&self, before: &Document) -> bool {
        let Document {
            src,
            id,
            title,
            url,
            review,
            controls,
            framework_controls,
            links,
            related,
        } = self;
        let SourceDoc {
            path,
            text,
            body_offset,
            body_line,
            meta,
            scan,
            findings,
            front_matter_ok,
        } = &**src;
        let old = &before.src;
        *path == old.path
            && *body_offset == old.body_offset
            && text.get(..*body_offset) == old.text.get(..old.body_offset)
            && *body_line == old.body_line
            && *meta == old.meta
            && *scan == old.scan
            && *findings == old.findings
            && *front_matter_ok == old.front_matter_ok
            && *id == before.id
            && *title == before.title
            && *url == before.url
            && *review == before.review
            && *controls == before.controls
            && *framework_controls == before.framework_controls
            && *links == before.links
            && *related == before.related
    }
}

#[derive(Debug, Clone, Default)]
pub struct ControlState {
    /// Approved documents implementing the control.
    pub implemented_by: Vec<DocIdx>,
    /// Every document naming the control, whatever its status.
    pub referenced_by: Vec<DocIdx>,
    pub decision: Option<Decision>,
    /// Coverage through crosswalks to other frameworks' implemented controls.
    pub derived: frameworks::Derived,
}

impl ControlState {
    pub fn applicable(&self) -> bool {
        self.decision.as_ref().is_none_or(|d| d.applicable)
    }

    /// Implementation status: as declared in `soa.yaml`, else implemented when an approved
    /// document implements it; none for an excluded control.
    pub fn status(&self) -> Option<soa::ImplStatus> {
        if !self.applicable() {
            return None;
        }
        Some(self.decision.as_ref().and_then(|d| d.status).unwrap_or(
            if self.implemented_by.is_empty() {
                soa::ImplStatus::NotImplemented
            } else {
                soa::ImplStatus::Implemented
            },
        ))
    }

    /// Documents naming the control that are not in force (drafts, retired).
    pub fn not_in_force(&self) -> Vec<DocIdx> {
        // Both lists are in document order, so one merge pass finds the difference.
        let mut implemented = self.implemented_by.iter().peekable();
        self.referenced_by
            .iter()
            .filter(|&&d| {
                while implemented.next_if(|&&i| i < d).is_some() {}
                implemented.next_if_eq(&&d).is_none()
            })
            .copied()
            .collect()
    }
}

pub struct Handbook {
    pub config: Config,
    pub today: Date,
    pub catalog: &'static Catalog,
    pub documents: Vec<Document>,
    /// Indexed like `catalog.controls`.
    pub controls: Vec<ControlState>,
    /// Documents that link to or name as related each document (sorted, no duplicates).
    pub backlinks: Vec<Vec<DocIdx>>,
    pub by_id: DocIndex,
    pub by_path: DocIndex,
    /// Problems found while loading: unreadable files, `soa.yaml`, front matter.
    pub load_findings: Vec<Finding>,
    /// Attachments linked from documents, to copy into the output.
    pub files: Vec<String>,
    /// Revision history from Git, when the content folder is in a repository.
    pub history: Option<Arc<crate::git::History>>,
    /// The root README, when there is one, with its links resolved.
    pub readme: Option<Readme>,
    /// Frameworks beyond Annex A declared in `ismsbook.toml`, with their catalogs.
    pub frameworks: frameworks::Frameworks,
    /// The risk register (`risks.yaml` or `risks.csv`), in file order.
    pub risks: Vec<risks::Risk>,
    /// Whether `risks.yaml` or `risks.csv` exists: the site has risk pages only then.
    pub risks_file: bool,
    /// Approved deviations from controls (`exceptions.yaml`), in file order.
    pub exceptions: Vec<exceptions::Exception>,
    /// Whether `exceptions.yaml` exists: the site has an exceptions page only then.
    pub exceptions_file: bool,
}

/// The repository's root README: not a page (it is the Git host's front page), but a link in
/// it that does not resolve is as broken for its readers as one in a document.
pub struct Readme {
    pub path: String,
    scan: crate::source::scan::BodyScan,
    /// Each link that does not resolve, and why.
    pub broken: Vec<(crate::source::scan::Link, String)>,
}

impl Readme {
    pub fn new(path: String, scan: crate::source::scan::BodyScan) -> Readme {
        Readme {
            path,
            scan,
            broken: Vec::new(),
        }
    }

    /// Resolves the links as a document's are; `#fragment`s against the README's own headings
    /// and HTML anchors.
    fn resolve(mut self, index: &links::Index<'_>) -> Readme {
        use crate::source::scan::LinkTarget;
        let html_kept = self.scan.raw_html_mode(index.raw_html) != crate::config::RawHtml::Escape;
        let own = |a: &str| {
            a.is_empty()
                || self.scan.headings.iter().any(|h| h.id == a)
                || (html_kept && self.scan.anchors.iter().any(|x| x == a))
        };
        let mut broken = Vec::new();
        for link in &self.scan.links {
            let why = match &link.target {
                LinkTarget::Anchor(a) if own(a) || own(&a.to_lowercase()) => None,
                LinkTarget::Anchor(a) => {
                    let ids = self.scan.headings.iter().map(|h| h.id.as_str());
                    let hint = crate::suggest::did_you_mean(a, ids)
                        .map(|s| format!("; did you mean #{s}?"))
                        .unwrap_or_default();
                    Some(format!("no heading #{a} in {}{hint}", self.path))
                }
                // Not published: whatever it links is not copied or written, only judged.
                _ => match index.resolve_from_outside(link, !html_kept) {
                    ResolvedLink::Broken(why) => Some(why),
                    _ => None,
                },
            };
            if let Some(why) = why {
                broken.push((link.clone(), why));
            }
        }
        self.broken = broken;
        self
    }
}

/// `policies/x.md` → `policies/x.html`.
pub fn page_path(source_path: &str) -> String {
    let stem = match source_path.len().checked_sub(3) {
        Some(n)
            if source_path
                .get(n..)
                .is_some_and(|e| e.eq_ignore_ascii_case(".md")) =>
        {
            &source_path[..n]
        }
        _ => source_path,
    };
    format!("{stem}.html")
}

/// What a handbook is assembled from, all of it read before: the model is made once, whole,
/// and nothing changes it after.
pub struct Inputs {
    pub config: Config,
    /// The day reviews are judged against.
    pub today: Date,
    /// Parsed documents, in path order.
    pub docs: Vec<Arc<SourceDoc>>,
    pub soa: Soa,
    pub frameworks: frameworks::Frameworks,
    pub risks: risks::Register,
    pub exceptions: exceptions::Exceptions,
    /// The root README's links, checked though it is not published.
    pub readme: Option<Readme>,
    /// Problems found while reading: unreadable files and folders, name collisions.
    pub load_findings: Vec<Finding>,
    /// Revision history from Git, when the content folder is in a repository.
    pub history: Option<Arc<crate::git::History>>,
}

impl Handbook {
    /// Assembles the model. `source` answers whether link targets exist; `prior` (watch mode)
    /// holds still-valid resolutions of unchanged documents' links.
    pub fn assemble(
        inputs: Inputs,
        source: &dyn Source,
        prior: &[Option<Arc<[ResolvedLink]>>],
    ) -> Handbook {
        let Inputs {
            config,
            today,
            docs,
            soa,
            mut frameworks,
            risks,
            exceptions,
            readme,
            mut load_findings,
            history,
        } = inputs;
        let catalog = Catalog::iso27001_2022();
        // Three independent indexes of 10,000s of paths and ids: build them side by side.
        let ((by_path, by_id), by_lower_path) = rayon::join(
            || {
                rayon::join(
                    || -> DocIndex {
                        docs.iter()
                            .enumerate()
                            .map(|(i, d)| (d.path.clone(), i))
                            .collect()
                    },
                    || {
                        let mut by_id = DocIndex::default();
                        for (i, d) in docs.iter().enumerate() {
                            if let Some(id) = &d.meta.id {
                                // The first in path order keeps the id; the others are
                                // duplicate-id findings.
                                by_id.entry(id.value.clone()).or_insert(i);
                            }
                        }
                        by_id
                    },
                )
            },
            || -> DocIndex {
                docs.iter()
                    .enumerate()
                    .rev()
                    .map(|(i, d)| (links::loose_key(&d.path), i))
                    .collect()
            },
        );
        let index = links::Index {
            docs: &docs,
            by_path: &by_path,
            by_id: &by_id,
            by_lower_path: &by_lower_path,
            catalog,
            source,
            repository: config.repository.as_ref(),
            raw_html: config.markdown.raw_html,
        };
        // `prior` (watch mode) holds still-valid resolutions of unchanged documents.
        let resolved: Vec<Arc<[ResolvedLink]>> = docs
            .par_iter()
            .enumerate()
            .map(|(i, d)| match prior.get(i) {
                Some(Some(links)) => Arc::clone(links),
                _ => d.scan.links.iter().map(|l| index.resolve(i, l)).collect(),
            })
            .collect();
        let readme = readme.map(|r| r.resolve(&index));
        let related: Vec<Vec<Option<DocIdx>>> = docs
            .iter()
            .map(|d| {
                d.meta
                    .related
                    .iter()
                    .map(|r| by_id.get(&r.value).copied())
                    .collect()
            })
            .collect();

        let mut backlinks: Vec<Vec<DocIdx>> = vec![Vec::new(); docs.len()];
        let mut files = Vec::new();
        for (from, (links, rel)) in resolved.iter().zip(&related).enumerate() {
            for r in links.iter() {
                match r {
                    ResolvedLink::Document { doc, .. } if *doc != from => {
                        backlinks[*doc].push(from)
                    }
                    ResolvedLink::File(p) => files.push(p.clone()),
                    _ => {}
                }
            }
            for &to in rel.iter().flatten() {
                if to != from {
                    backlinks[to].push(from);
                }
            }
        }
        for b in &mut backlinks {
            b.sort_unstable();
            b.dedup();
        }
        files.sort();
        files.dedup();
        // With a register the site writes its own `risks.csv` (the register with its scores):
        // a link to the register file lands on that, not on a second copy.
        if risks.present {
            files.retain(|f| f != risks::CSV_FILE);
        }

        let mut controls: Vec<ControlState> = vec![ControlState::default(); catalog.controls.len()];
        for (idx, decision) in soa.decisions {
            controls[idx].decision = Some(decision);
        }
        load_findings.extend(soa.findings);
        load_findings.extend(risks.findings);
        load_findings.extend(exceptions.findings);

        let title_limit = crate::source::schema::text_limits().title;
        // Each document on its own (in parallel), then the per-control lists in document order.
        let documents: Vec<Document> = docs
            .into_par_iter()
            .zip(resolved)
            .zip(related)
            .map(|((src, links), related)| {
                let mut ctrl: Vec<ControlIdx> = src
                    .meta
                    .controls
                    .iter()
                    // `prefix:ID` is another framework's control, never an Annex A one.
                    .filter(|c| frameworks::qualified(&c.value).is_none())
                    .filter_map(|c| catalog.find(&c.value))
                    .collect();
                ctrl.sort_unstable();
                ctrl.dedup();
                let mut fw_ctrl: Vec<frameworks::CtlRef> = src
                    .meta
                    .controls
                    .iter()
                    .filter_map(|c| frameworks.resolve(&c.value))
                    .collect();
                fw_ctrl.sort_unstable();
                fw_ctrl.dedup();
                Document {
                    id: src
                        .meta
                        .id
                        .as_ref()
                        .map(|l| l.value.clone())
                        .unwrap_or_else(|| src.path.clone()),
                    title: src
                        .meta
                        .title
                        .clone()
                        .or_else(|| {
                            src.scan
                                .headings
                                .iter()
                                .find(|h| h.level == 1)
                                .map(|h| shortened(&h.text, title_limit))
                        })
                        .unwrap_or_else(|| src.path.clone()),
                    url: page_path(&src.path),
                    review: review(&src, &config, today),
                    controls: ctrl,
                    framework_controls: fw_ctrl,
                    links,
                    related,
                    src,
                }
            })
            .collect();
        for (i, d) in documents.iter().enumerate() {
            for &c in &d.controls {
                controls[c].referenced_by.push(i);
                if d.is_approved() {
                    controls[c].implemented_by.push(i);
                }
            }
            for c in &d.framework_controls {
                if let frameworks::FwKey::Declared(f) = c.fw {
                    let state = &mut frameworks.list[f].controls[c.idx];
                    state.referenced_by.push(i);
                    if d.is_approved() {
                        state.implemented_by.push(i);
                    }
                }
            }
            load_findings.extend(d.src.findings.iter().cloned());
        }
        frameworks::derive_coverage(&mut controls, &mut frameworks.list, &frameworks.mappings);

        Handbook {
            config,
            today,
            catalog,
            documents,
            controls,
            backlinks,
            by_id,
            by_path,
            load_findings,
            files,
            history,
            readme,
            frameworks,
            risks_file: risks.present,
            risks: risks.risks,
            exceptions: exceptions.list,
            exceptions_file: exceptions.present,
        }
    }

    /// The ids of the risks whose treatment names each control, in register order.
    pub fn risks_by_control(&self) -> HashMap<frameworks::CtlRef, Vec<&str>> {
        let mut by: HashMap<frameworks::CtlRef, Vec<&str>> = HashMap::new();
        for r in &self.risks {
            for c in r.controls.iter().filter_map(|c| c.control) {
                let ids = by.entry(c).or_default();
                // Risks come one at a time, so a control listed twice by one risk is the last
                // id; searching the whole list would grow with the register squared.
                if ids.last() != Some(&r.id.as_str()) {
                    ids.push(&r.id);
                }
            }
        }
        by
    }

    /// Applicable controls implemented by at least one approved document, and all applicable.
    pub fn coverage(&self) -> (usize, usize) {
        let applicable = self.controls.iter().filter(|c| c.applicable());
        let total = applicable.clone().count();
        (
            applicable.filter(|c| !c.implemented_by.is_empty()).count(),
            total,
        )
    }
}

/// A heading used as a title, cut to the length the schema allows titles (it is repeated on
/// every page that lists the document).
fn shortened(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// Next review = `next_review`, else `last_reviewed` + interval (document's, else config's).
fn review(src: &SourceDoc, config: &Config, today: Date) -> Review {
    let m = &src.meta;
    let next = m.next_review.as_ref().map(|d| d.value).or_else(|| {
        m.last_reviewed.as_ref().map(|d| {
            dates::add_months(
                d.value,
                m.review_interval.unwrap_or(config.review.interval_months),
            )
        })
    });
    let days_left = next.map(|n| dates::days_between(today, n));
    let state = match (m.status, days_left) {
        (Some(Status::Retired), _) => ReviewState::NotDue,
        (_, None) => ReviewState::Unknown,
        (_, Some(d)) if d < 0 => ReviewState::Overdue,
        (_, Some(d)) if d <= i64::from(config.review.warn_days) => ReviewState::DueSoon,
        _ => ReviewState::Current,
    };
    Review {
        next,
        days_left,
        state,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_paths() {
        assert_eq!(
            page_path("policies/access-control.md"),
            "policies/access-control.html"
        );
        assert_eq!(page_path("x.MD"), "x.html");
    }
}
