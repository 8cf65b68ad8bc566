//! One watch session: the documents stay parsed in memory between rebuilds, a rebuild re-reads
//! only the files that changed, and only files whose bytes changed are written.

use crate::catalog::ControlIdx;
use crate::error::Error;
use crate::finding::{Finding, Severity};
use crate::model::links::ResolvedLink;
use crate::model::{DocIdx, Document, Handbook};
use crate::output::{Incremental, WriteStats};
use crate::pipeline::{self, Context, DocCache};
use crate::render::Publish;
use crate::render::{Memo, Renderer, Selection, Site, Theme};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct SessionOptions {
    pub root: PathBuf,
    /// `-o`; else `output` from `ismsbook.toml`, read again on every rebuild.
    pub output: Option<PathBuf>,
    pub today: jiff::civil::Date,
    pub drafts: bool,
    pub audience: Option<crate::config::Audience>,
    /// `--language`: wins over `language` in ismsbook.toml.
    pub language: Option<String>,
}

pub struct Session {
    opts: SessionOptions,
    cache: DocCache,
    writer: Option<Incremental>,
    /// Findings of the last successful build, to report what a change fixed or broke.
    last: Option<Vec<Finding>>,
    /// What the last successful build rendered from, to tell which pages a change affects.
    prev: Option<Snapshot>,
    theme: Option<Theme>,
    version: Option<Option<String>>,
    /// What the last successful build made that the next may reuse (search words, printable
    /// pages).
    memo: Memo,
}

/// What a successful rebuild did.
pub struct Rebuilt {
    /// The session's first successful build (print all findings, not a diff).
    pub first: bool,
    pub findings: Vec<Finding>,
    /// `+1 error: …` / `−1 warning: …` lines against the previous build (empty on the first).
    pub diff: Vec<String>,
    pub stats: WriteStats,
    pub documents: usize,
    /// Document pages rendered again (`None`: all of them).
    pub rendered: Option<usize>,
    /// When the pages a change affects were on disk (the rest of the site follows).
    pub pages_written: Duration,
    pub elapsed: Duration,
    pub output: PathBuf,
}

impl Session {
    pub fn new(opts: SessionOptions) -> Session {
        Session {
            opts,
            cache: DocCache::default(),
            writer: None,
            last: None,
            prev: None,
            theme: None,
            version: None,
            memo: Memo::default(),
        }
    }

    /// Rebuilds after `changed` paths (relative to the content root, `/`-separated) changed.
    /// Pages a change can affect are rendered and written first, then the pages that list the
    /// whole handbook. If rendering fails, what it had not yet written stays as it was.
    pub fn rebuild(&mut self, changed: &HashSet<String>) -> Result<Rebuilt, Error> {
        let rebuilt = self.try_rebuild(changed);
        if rebuilt.is_err() {
            // The next save's paths will not name this one's, and the pages this one wrote
            // before it failed are on disk: the next build renders everything, and removes
            // what it does not write.
            self.prev = None;
        }
        rebuilt
    }

    fn try_rebuild(&mut self, changed: &HashSet<String>) -> Result<Rebuilt, Error> {
        let started = Instant::now();
        // ismsbook.toml may have changed: the context is made again for every rebuild.
        let ctx = Context::new(
            &self.opts.root,
            self.opts.output.as_deref(),
            self.opts.today,
        )?;
        let mut project = pipeline::load_cached(&ctx, &mut self.cache, changed)?;
        if let Some(language) = &self.opts.language {
            project.handbook.config.language = Some(language.clone());
        }
        let hb = &project.handbook;
        let findings = crate::timings::stage("check", || pipeline::check(&project));
        let publish = Publish {
            drafts: self.opts.drafts,
            audience: self.opts.audience.unwrap_or(hb.config.audience),
        };
        // The output folder can change with ismsbook.toml; open the writer for the current one.
        if self
            .writer
            .as_ref()
            .is_none_or(|w| !same_path(w.path(), &project.output))
        {
            self.writer = Some(Incremental::open(&project.output, project.source.root())?);
            self.prev = None;
        }
        // Templates are compiled once, and again only when the theme changes.
        // A new `language` in ismsbook.toml is a new theme: every word of every page changes.
        let theme_changed = changed
            .iter()
            .any(|p| p == "theme" || p.starts_with("theme/"))
            || self.theme.as_ref().is_some_and(|t| {
                !t.lang
                    .tag()
                    .eq_ignore_ascii_case(project.handbook.config.language())
            });
        if self.theme.is_none() || theme_changed {
            // A broken theme is loaded again on every rebuild until it is fixed, rather than
            // the previous one quietly standing in for it.
            self.theme = None;
            self.theme = Some(Theme::load(
                &project.source.root().join("theme"),
                project.handbook.config.language(),
            )?);
        }
        let theme = self
            .theme
            .as_ref()
            .ok_or_else(|| Error::Template("no theme".into()))?;
        // Output paths follow source paths: with the same files as last time (and the same
        // theme) there is nothing new that could collide.
        let same_files = !theme_changed && self.prev.as_ref().is_some_and(|p| p.same_files(hb));
        if !same_files {
            pipeline::refuse_collisions(hb, theme)?;
        }
        // Asked once per session: `git status` over a large tree costs more than a whole
        // rebuild, and a flip to "uncommitted changes" on the first save would re-render every
        // page. A commit made while watching shows after a restart.
        let version = self
            .version
            .get_or_insert_with(|| crate::git::version(project.source.root()))
            .clone();
        // A file beside the documents that changed unannounced (a missed event) counts too.
        let registers_changed = self.cache.registers_changed();
        let selection = crate::timings::stage("selection", || match &self.prev {
            Some(prev)
                if !registers_changed
                    && !prev.needs_everything(
                        changed,
                        hb.today,
                        &version,
                        &hb.config.framework_files(),
                    ) =>
            {
                prev.affected(hb, &findings, self.last.as_deref().unwrap_or_default())
            }
            _ => Selection::default(),
        });
        let writer = self
            .writer
            .as_mut()
            .ok_or_else(|| Error::Output("no output folder".into()))?;
        let site = Site::new(hb, publish, version.clone(), &theme.lang);
        let renderer = Renderer::new(site, &findings, theme).remembering(&self.memo);
        let pages = crate::timings::stage("pages", || {
            renderer
                .write_pages(writer, &selection)
                .and_then(|made| writer.commit_partial().map(|_| made))
        });
        let (made, pages_written) = match pages {
            Ok(made) => (made, started.elapsed()),
            Err(e) => {
                writer.discard();
                return Err(e);
            }
        };
        // What the next save is compared with, made while the site-wide files are written.
        let sink: &Incremental = writer;
        let (site_wide, snapshot) = rayon::join(
            || {
                crate::timings::stage("site-wide", || {
                    renderer.write_site_wide(&project.source, sink, made)
                })
            },
            || crate::timings::stage("snapshot", || Snapshot::of(hb, version.clone())),
        );
        let memo = match site_wide {
            Ok(memo) => memo,
            Err(e) => {
                writer.discard();
                return Err(e);
            }
        };
        let stats = crate::timings::stage("commit", || writer.commit())?;
        let output = writer.path().to_path_buf();
        let first = self.last.is_none();
        let diff = crate::timings::stage("diff", || {
            self.last
                .as_ref()
                .map(|old| diff(old, &findings))
                .unwrap_or_default()
        });
        let old_prev = self.prev.replace(snapshot);
        self.last = Some(findings.clone());
        let documents = hb.documents.len();
        drop(renderer);
        let old_memo = std::mem::replace(&mut self.memo, memo);
        // Freeing this build's model and the last one's snapshot and memory takes tens of
        // milliseconds at 10,000 documents: done beside, not before the pages reload.
        let handbook = project.handbook;
        rayon::spawn(move || drop((handbook, old_prev, old_memo)));
        Ok(Rebuilt {
            first,
            findings,
            diff,
            stats,
            documents,
            rendered: selection.documents.as_ref().map(HashSet::len),
            pages_written,
            elapsed: started.elapsed(),
            output,
        })
    }

    pub fn output(&self) -> Option<&Path> {
        self.writer.as_ref().map(|w| w.path())
    }
}

/// The inputs of the last build's pages, as far as a change to one document can reach.
struct Snapshot {
    docs: HashMap<String, DocFacts>,
    today: jiff::civil::Date,
    /// Attachments copied into the site.
    files: Vec<String>,
    /// Every page shows the commit it was built from.
    version: Option<String>,
}

struct DocFacts {
    /// The document; an unchanged file keeps the very same parse (`doc.src`) between rebuilds.
    doc: Document,
    /// Documents whose pages show this one (it links to them, names them as related, or they
    /// link to it), by path.
    neighbours: Vec<String>,
}

/// Paths of the documents whose pages show document `i`.
fn neighbours(hb: &Handbook, i: DocIdx) -> Vec<String> {
    let d = &hb.documents[i];
    let linked = d.links.iter().filter_map(|r| match r {
        ResolvedLink::Document { doc, .. } => Some(*doc),
        _ => None,
    });
    let related = d.related.iter().flatten().copied();
    linked
        .chain(related)
        .chain(hb.backlinks[i].iter().copied())
        .filter(|&j| j != i)
        .map(|j| hb.documents[j].src.path.clone())
        .collect()
}

fn group<'a>(
    findings: &'a [Finding],
    key: impl Fn(&'a Finding) -> Option<&'a String>,
) -> HashMap<&'a str, Vec<&'a Finding>> {
    let mut m: HashMap<&str, Vec<&Finding>> = HashMap::new();
    for f in findings {
        if let Some(k) = key(f) {
            m.entry(k.as_str()).or_default().push(f);
        }
    }
    m
}

impl Snapshot {
    fn of(hb: &Handbook, version: Option<String>) -> Snapshot {
        Snapshot {
            docs: hb
                .documents
                .par_iter()
                .enumerate()
                .map(|(i, d)| {
                    let facts = DocFacts {
                        doc: d.clone(),
                        neighbours: neighbours(hb, i),
                    };
                    (d.src.path.clone(), facts)
                })
                .collect(),
            today: hb.today,
            files: hb.files.clone(),
            version,
        }
    }

    /// The same documents and attachments as last time.
    fn same_files(&self, hb: &Handbook) -> bool {
        self.files == hb.files
            && self.docs.len() == hb.documents.len()
            && hb
                .documents
                .iter()
                .all(|d| self.docs.contains_key(&d.src.path))
    }

    /// Configuration, the SoA, the risk register, the exceptions, a framework's catalog, the theme, `.gitignore`, the date or the
    /// commit changed: every page may differ.
    fn needs_everything(
        &self,
        changed: &HashSet<String>,
        today: jiff::civil::Date,
        version: &Option<String>,
        frameworks: &[&str],
    ) -> bool {
        today != self.today
            || *version != self.version
            || changed.iter().any(|p| {
                p == crate::config::FILE_NAME
                    || p == crate::model::soa::FILE_NAME
                    // The register changes the SoA's justifications and every risk finding.
                    || crate::model::risks::FILE_NAMES.contains(&p.as_str())
                    // Exceptions show on control pages, the nav and the calendar.
                    || p == crate::model::exceptions::FILE_NAME
                    || frameworks.contains(&p.as_str())
                    || p == ".gitignore"
                    || p == "theme"
                    || p.starts_with("theme/")
            })
    }

    /// The document and control pages that can differ from the last build, and whether the
    /// pages that list documents can.
    fn affected(&self, hb: &Handbook, findings: &[Finding], last: &[Finding]) -> Selection {
        let mut paths: HashSet<&str> = HashSet::new();
        let mut controls: HashSet<ControlIdx> = HashSet::new();
        // A save that changed only the prose of bodies (the usual save while writing): the
        // lists stay as they are.
        let mut prose_only = findings == last && self.same_files(hb);
        for (i, d) in hb.documents.iter().enumerate() {
            let prev = self.docs.get(&d.src.path);
            if prev.is_some_and(|p| Arc::ptr_eq(&p.doc.src, &d.src)) {
                continue;
            }
            prose_only = prose_only && prev.is_some_and(|p| d.differs_only_in_prose(&p.doc));
            paths.insert(&d.src.path);
            for n in neighbours(hb, i) {
                if let Some(&j) = hb.by_path.get(&n) {
                    paths.insert(&hb.documents[j].src.path);
                }
            }
            controls.extend(d.controls.iter().copied());
            if let Some(p) = prev {
                paths.extend(p.neighbours.iter().map(String::as_str));
                controls.extend(p.doc.controls.iter().copied());
            }
        }
        // Deleted documents: whatever showed them.
        for (path, p) in &self.docs {
            if !hb.by_path.contains_key(path) {
                paths.extend(p.neighbours.iter().map(String::as_str));
                controls.extend(p.doc.controls.iter().copied());
            }
        }
        // Pages whose findings changed (a link another document's change broke or mended).
        // Usually nothing changed there, and one comparison says so.
        if findings != last {
            let (now, before) = (
                group(findings, |f| f.file.as_ref()),
                group(last, |f| f.file.as_ref()),
            );
            for file in now.keys().chain(before.keys()) {
                if now.get(file) != before.get(file) {
                    if let Some(&i) = hb.by_path.get(*file) {
                        paths.insert(&hb.documents[i].src.path);
                    }
                }
            }
            let (now, before) = (
                group(findings, |f| f.control.as_ref()),
                group(last, |f| f.control.as_ref()),
            );
            for id in now.keys().chain(before.keys()) {
                if now.get(id) != before.get(id) {
                    controls.extend(hb.catalog.find(id));
                }
            }
        }
        if prose_only {
            // Nothing another page shows of a document changed: only the saved ones' pages.
            let saved = (0..hb.documents.len()).filter(|&i| {
                let d = &hb.documents[i];
                self.docs
                    .get(&d.src.path)
                    .is_none_or(|p| !Arc::ptr_eq(&p.doc.src, &d.src))
            });
            return Selection {
                documents: Some(saved.collect()),
                controls: Some(HashSet::new()),
                keep_lists: true,
            };
        }
        Selection {
            documents: Some(
                paths
                    .iter()
                    .filter_map(|p| hb.by_path.get(*p).copied())
                    .collect(),
            ),
            // With crosswalks, an Annex A control's page shows whether the controls mapped to
            // it are implemented, which any document's change can alter: all 93 of them.
            controls: hb.frameworks.mappings.is_empty().then_some(controls),
            keep_lists: false,
        }
    }
}

fn same_path(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    canon(a) == canon(b)
}

type Key<'a> = (Severity, &'a str, Option<&'a str>, Option<&'a str>, &'a str);

fn by_key(list: &[Finding]) -> BTreeMap<Key<'_>, Vec<&Finding>> {
    let mut m: BTreeMap<Key<'_>, Vec<&Finding>> = BTreeMap::new();
    for f in list {
        let key = (
            f.severity,
            f.code.as_str(),
            f.file.as_deref(),
            f.control.as_deref(),
            f.message.as_str(),
        );
        m.entry(key).or_default().push(f);
    }
    m
}

/// Findings that appeared and disappeared. Lines are left out of the comparison, so editing
/// above a finding does not report it as fixed and new again.
pub fn diff(old: &[Finding], new: &[Finding]) -> Vec<String> {
    // Most saves change no finding, and one comparison says so.
    if old == new {
        return Vec::new();
    }
    let (before, after) = (by_key(old), by_key(new));
    let mut lines = Vec::new();
    let mut report = |sign: char, f: &Finding| {
        let place = match (&f.file, f.line, &f.control) {
            (Some(file), Some(line), _) => format!(" in {file}:{line}"),
            (Some(file), None, _) => format!(" in {file}"),
            (None, _, Some(c)) => format!(" for {c}"),
            _ => String::new(),
        };
        lines.push(format!(
            "{sign}1 {}: {}{place}: {}",
            f.severity.as_str(),
            f.code,
            f.message
        ));
    };
    for (k, fs) in &after {
        let had = before.get(k).map_or(0, Vec::len);
        for f in fs.iter().skip(had) {
            report('+', f);
        }
    }
    for (k, fs) in &before {
        let has = after.get(k).map_or(0, Vec::len);
        for f in fs.iter().skip(has) {
            report('−', f);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Code;

    #[test]
    fn diff_reports_new_and_fixed_findings_but_not_moved_ones() {
        let a = Finding::at(
            Code::BrokenLink,
            "p/x.md",
            12,
            3,
            "broken link `y.md`: no document at p/y.md",
        );
        let moved = Finding::at(
            Code::BrokenLink,
            "p/x.md",
            14,
            3,
            "broken link `y.md`: no document at p/y.md",
        );
        let b = Finding::at(Code::OverdueReview, "p/z.md", 8, 1, "review was due");
        assert_eq!(
            diff(std::slice::from_ref(&a), &[moved]),
            Vec::<String>::new()
        );
        assert_eq!(
            diff(&[a], &[b]),
            vec![
                "+1 error: overdue-review in p/z.md:8: review was due".to_owned(),
                "−1 error: broken-link in p/x.md:12: broken link `y.md`: no document at p/y.md"
                    .to_owned(),
            ]
        );
    }
}
