//! ismsbook: an ISMS handbook from a repository of Markdown policies.
//!
//! The pipeline runs in plain stages, data flowing one way:
//! [`source`] (find and parse files) → [`model`] (the Handbook) → [`checks`] (findings) →
//! [`render`] (pages) → [`output`] (atomic write). [`report`] formats findings for people and CI.

pub mod catalog;
pub mod checks;
pub mod codeowners;
pub mod config;
pub mod dates;
pub mod error;
pub mod finding;
#[doc(hidden)]
pub mod fuzzing;
pub mod git;
pub mod init;
pub mod model;
pub mod output;
pub mod render;
pub mod report;
pub mod serve;
pub mod source;
pub mod suggest;

use error::Error;
use finding::{Code, Finding};
use model::soa::Soa;
use model::Handbook;
use rayon::prelude::*;
use source::document::{self, Parsed};
use source::{Source, SourceDoc, WorkTree};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct LoadOptions<'a> {
    pub root: &'a Path,
    /// `-o`; else `output` from `ismsbook.toml`, relative to the root.
    pub output: Option<&'a Path>,
    /// `--today`; else `SOURCE_DATE_EPOCH`; else the clock.
    pub today: Option<&'a str>,
}

/// A loaded content repository: the model plus where it came from and where it goes.
pub struct Project {
    pub handbook: Handbook,
    pub source: WorkTree,
    pub output: PathBuf,
}

/// Stages 1 and 2: read every document (in parallel) and assemble the Handbook.
pub fn load(opts: &LoadOptions<'_>) -> Result<Project, Error> {
    load_cached(opts, &mut DocCache::default(), &HashSet::new())
}

/// Documents parsed by an earlier load, with the file stamp they were read at, so watch mode
/// re-reads only files that changed.
#[derive(Default)]
pub struct DocCache {
    entries: HashMap<String, (Option<source::Stamp>, Loaded)>,
    /// The last walk of the content root.
    listing: Option<Arc<source::discover::Listing>>,
    /// The last build's documents, in order, with their resolved links.
    resolved: Vec<(Arc<SourceDoc>, Arc<[model::links::Resolved]>)>,
}

#[derive(Clone)]
enum Loaded {
    Doc(Arc<SourceDoc>),
    Unreadable(Finding),
}

/// Like [`load`], re-using `cache`: a document is read again when it is in `changed`, when its
/// size or modification time differs, or when it is new. `cache` is updated to the result.
pub fn load_cached(
    opts: &LoadOptions<'_>,
    cache: &mut DocCache,
    changed: &HashSet<String>,
) -> Result<Project, Error> {
    if !opts.root.is_dir() {
        return Err(Error::NoContentRoot(opts.root.to_path_buf()));
    }
    let config = config::Config::load(opts.root)?;
    let output = match opts.output {
        Some(o) => o.to_path_buf(),
        None => opts.root.join(&config.output),
    };
    let source = WorkTree::new(opts.root, &output)?;
    // When every change is to a file the last walk found and that is still there, the set of
    // files is the same: skip walking the tree again.
    let mut modified_only = false;
    if let Some(listing) = &cache.listing {
        modified_only = !changed.is_empty()
            && changed
                .iter()
                .all(|p| listing.contains(p) && source.root().join(p).is_file());
        if modified_only {
            source.assume_listing(Arc::clone(listing));
        }
    }
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let (today, _) = dates::resolve_today(opts.today, epoch.as_deref()).map_err(Error::Usage)?;

    let paths = source.documents()?;
    cache.listing = Some(Arc::clone(source.listing()?));
    let loaded: Vec<(String, Option<source::Stamp>, Loaded)> = paths
        .into_par_iter()
        .map(|p| {
            let stamp = source.stamp(&p);
            if let Some((old, loaded)) = cache.entries.get(&p) {
                if stamp.is_some() && *old == stamp && !changed.contains(&p) {
                    return (p, stamp, loaded.clone());
                }
            }
            let loaded = match source.read(&p) {
                Ok(bytes) => match document::parse(&p, bytes) {
                    Parsed::Doc(d) => Loaded::Doc(Arc::from(d)),
                    Parsed::Unreadable(f) => Loaded::Unreadable(f),
                },
                Err(e) => Loaded::Unreadable(
                    Finding::at(
                        Code::UnreadableFile,
                        &p,
                        1,
                        1,
                        format!("cannot read file: {e}"),
                    )
                    .help("check the file's permissions"),
                ),
            };
            (p, stamp, loaded)
        })
        .collect();
    let mut docs = Vec::with_capacity(loaded.len());
    let mut load_findings = Vec::new();
    for (_, _, l) in &loaded {
        match l {
            Loaded::Doc(d) => docs.push(Arc::clone(d)),
            Loaded::Unreadable(f) => load_findings.push(f.clone()),
        }
    }
    cache.entries = loaded
        .into_iter()
        .map(|(p, stamp, l)| (p, (stamp, l)))
        .collect();
    let soa = Soa::load(&source, catalog::Catalog::iso27001_2022())?;
    let prior = if modified_only {
        reusable_links(&cache.resolved, &docs)
    } else {
        Vec::new()
    };
    let handbook = Handbook::assemble(config, today, docs, soa, load_findings, &source, &prior);
    cache.resolved = handbook
        .documents
        .iter()
        .map(|d| (Arc::clone(&d.src), Arc::clone(&d.links)))
        .collect();
    Ok(Project {
        handbook,
        source,
        output,
    })
}

/// Links of the last build that are still right: same documents in the same order, no
/// document id changed, and the link neither targets a changed document nor was broken (a
/// change may have mended it). Everything else is resolved again.
fn reusable_links(
    before: &[(Arc<SourceDoc>, Arc<[model::links::Resolved]>)],
    docs: &[Arc<SourceDoc>],
) -> Vec<Option<Arc<[model::links::Resolved]>>> {
    use model::links::Resolved;
    if before.len() != docs.len()
        || before
            .iter()
            .zip(docs)
            .any(|((old, _), new)| old.path != new.path)
    {
        return Vec::new();
    }
    let changed: HashSet<usize> = (0..docs.len())
        .filter(|&i| !Arc::ptr_eq(&before[i].0, &docs[i]))
        .collect();
    let id = |d: &SourceDoc| d.meta.id.as_ref().map(|l| l.value.clone());
    if changed.iter().any(|&i| id(&before[i].0) != id(&docs[i])) {
        return Vec::new();
    }
    before
        .iter()
        .enumerate()
        .map(|(i, (_, links))| {
            let still_valid = !changed.contains(&i)
                && links.iter().all(|r| match r {
                    Resolved::Broken(_) => false,
                    Resolved::Document { doc, .. } => !changed.contains(doc),
                    _ => true,
                });
            still_valid.then(|| Arc::clone(links))
        })
        .collect()
}

/// Stage 3: every finding, with configured severities, sorted.
pub fn check(project: &Project) -> Vec<Finding> {
    checks::run(&project.handbook)
}

pub struct BuildStats {
    pub files: usize,
    pub output: PathBuf,
}

/// Stages 4 and 5: render the site into a staging folder and swap it in.
pub fn build(
    project: &Project,
    findings: &[Finding],
    publish: render::Publish,
) -> Result<BuildStats, Error> {
    let staging = output::Staging::create(&project.output, project.source.root())?;
    render_into(project, findings, publish, &staging)?;
    let files = staging.count();
    let output = staging.commit()?;
    Ok(BuildStats { files, output })
}

/// Stage 4 alone: render every file of the site into `sink`.
pub fn render_into(
    project: &Project,
    findings: &[Finding],
    publish: render::Publish,
    sink: &dyn render::Sink,
) -> Result<(), Error> {
    let hb = &project.handbook;
    let theme = render::Theme::load(&project.source.root().join("theme"))?;
    refuse_collisions(hb, &theme)?;
    let history = git::history(project.source.root());
    let site = render::Site::new(
        hb,
        publish,
        git::version(project.source.root()),
        history.as_ref(),
    );
    render::Renderer::new(site, findings, &theme).write_all(&project.source, sink)
}

/// Every output file must have exactly one source: a document, an attachment, a theme asset or
/// a generated page. Compared case-insensitively, so the result does not depend on the file system.
pub(crate) fn refuse_collisions(hb: &Handbook, theme: &render::Theme) -> Result<(), Error> {
    use std::collections::hash_map::Entry;
    let mut claimed: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let generated = render::generated_paths(hb)
        .into_iter()
        .map(|p| (p, "generated by ismsbook".to_owned()));
    let assets = theme
        .assets
        .iter()
        .map(|(name, _)| (format!("assets/{name}"), format!("theme/assets/{name}")));
    let docs = hb
        .documents
        .iter()
        .map(|d| (d.url.clone(), d.src.path.clone()));
    let files = hb.files.iter().map(|f| (f.clone(), f.clone()));
    let marker = std::iter::once((
        output::MARKER.to_owned(),
        "ismsbook's output marker".to_owned(),
    ));
    for (url, from) in generated
        .chain(assets)
        .chain(marker)
        .chain(docs)
        .chain(files)
    {
        match claimed.entry(url.to_lowercase()) {
            Entry::Occupied(first) => {
                return Err(Error::Usage(format!(
                    "{from} and {} would both be written to {url}; rename or move one of them",
                    first.get()
                )))
            }
            Entry::Vacant(slot) => {
                slot.insert(from);
            }
        }
    }
    Ok(())
}

/// The content root's path inside its Git repository, with a trailing `/` (`""` at the top or
/// outside Git): CI formats report files relative to the repository root.
pub fn repo_prefix(root: &Path) -> String {
    let Ok(root) = root.canonicalize() else {
        return String::new();
    };
    let Some(top) = root.ancestors().find(|dir| dir.join(".git").exists()) else {
        return String::new();
    };
    let rel = root.strip_prefix(top).unwrap_or(Path::new(""));
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("{}/", parts.join("/"))
    }
}

impl report::human::SourceLines for Project {
    fn line(&self, file: &str, line: u32) -> Option<String> {
        let hb = &self.handbook;
        if let Some(&i) = hb.by_path.get(file) {
            return hb.documents[i].src.line_text(line).map(str::to_owned);
        }
        let bytes = self.source.read(file).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        text.lines()
            .nth(line.checked_sub(1)? as usize)
            .map(str::to_owned)
    }
}
