//! The pipeline, in one place: a [`Context`] resolved at the command line's edge, then
//! load → assemble → check → render → write. `build` and `check` run it whole, `watch` and
//! `serve` incrementally ([`load_cached`] and a [`crate::render::Selection`]), `diff` once per
//! side ([`load_revision`]); the fuzz targets and the bench call the same stages.

mod cache;
mod read;
mod revision;

pub use cache::DocCache;
pub use read::{read_document, split, Loaded};
pub use revision::{diff_revisions, load_as_of, load_revision};

use crate::config::Config;
use crate::error::Error;
use crate::finding::Finding;
use crate::model::soa::Soa;
use crate::model::{self, Handbook};
use crate::source::{self, Source, WorkTree};
use crate::{catalog, checks, git, output, render, report, timings};
use jiff::civil::Date;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What one run works on, resolved once: the content folder, its configuration, where the site
/// goes (`-o`, else `output` from `ismsbook.toml`, relative to the root), and the day reviews
/// are judged against.
pub struct Context {
    pub root: PathBuf,
    pub config: Config,
    pub output: PathBuf,
    pub today: Date,
}

impl Context {
    /// Reads `ismsbook.toml` of `root`, refusing what is no content folder (a missing folder,
    /// a Git directory).
    pub fn new(root: &Path, output: Option<&Path>, today: Date) -> Result<Context, Error> {
        if !root.is_dir() {
            return Err(Error::NoContentRoot(root.to_path_buf()));
        }
        read::refuse_git_directory(root)?;
        let config = Config::load(root)?.with_repository_path(|| repository_path(root));
        let output = match output {
            Some(o) => o.to_path_buf(),
            None => root.join(&config.output),
        };
        Ok(Context {
            root: root.to_path_buf(),
            config,
            output,
            today,
        })
    }
}

/// The content folder's place in its Git repository (`handbook`; empty at its top): where
/// `[repository]` links find its files when the configuration does not say.
pub fn repository_path(root: &Path) -> Option<String> {
    Some(report::repo_prefix(root).trim_end_matches('/').to_owned())
}

/// What was read from a source before the model is made.
pub struct Read {
    /// Parsed documents, in path order.
    pub docs: Vec<Arc<source::SourceDoc>>,
    /// Problems found while reading.
    pub findings: Vec<Finding>,
    pub history: Option<Arc<git::History>>,
}

/// Link resolutions kept from the last build, by index of the documents kept (watch mode).
pub type PriorLinks<'a> =
    dyn Fn(&[Arc<source::SourceDoc>]) -> Vec<Option<Arc<[model::links::ResolvedLink]>>> + 'a;

/// The files beside the documents: `soa.yaml`, the declared frameworks and their crosswalks,
/// the risk register and `exceptions.yaml`. They do not depend on the documents, so
/// [`load_cached`] reads them while the documents are parsed (and watch mode keeps them while
/// only documents change).
#[derive(Clone)]
pub struct Registers {
    soa: Soa,
    frameworks: model::frameworks::Frameworks,
    risks: model::risks::Register,
    exceptions: model::exceptions::Exceptions,
    /// Problems found in the declared frameworks' files.
    findings: Vec<Finding>,
}

impl Registers {
    /// The files they are read from, wherever they exist, and ismsbook.toml, which says how.
    fn files(config: &Config) -> Vec<String> {
        let named = [
            crate::config::FILE_NAME,
            model::soa::FILE_NAME,
            model::exceptions::FILE_NAME,
        ];
        let risks = model::risks::FILE_NAMES;
        let frameworks = config.framework_files();
        let all = named.into_iter().chain(risks).chain(frameworks);
        all.map(str::to_owned).collect()
    }

    pub fn load(source: &dyn Source, config: &Config) -> Result<Registers, Error> {
        let mut findings = Vec::new();
        let soa = Soa::load(source, catalog::Catalog::iso27001_2022())?;
        let frameworks = model::frameworks::Frameworks::load(config, source, &mut findings)?;
        let risks = model::risks::Register::load(source, config, &frameworks)?;
        let exceptions = model::exceptions::Exceptions::load(source, &frameworks, &risks)?;
        Ok(Registers {
            soa,
            frameworks,
            risks,
            exceptions,
            findings,
        })
    }
}

/// Stage 2, the same for every loader (the work tree, a Git revision, the fuzz targets'
/// memory): names that would collide on disk are set aside with findings, the files beside
/// the documents are read ([`Registers`]), and the model is assembled. `prior` gives the
/// still-valid link resolutions of the documents kept (watch mode), by index.
pub fn assemble(
    source: &dyn Source,
    config: Config,
    today: Date,
    read: Read,
    prior: &PriorLinks<'_>,
) -> Result<Handbook, Error> {
    let registers = Registers::load(source, &config)?;
    Ok(assemble_with(source, config, today, read, registers, prior))
}

/// [`assemble`] with the files beside the documents already read.
pub fn assemble_with(
    source: &dyn Source,
    config: Config,
    today: Date,
    read: Read,
    registers: Registers,
    prior: &PriorLinks<'_>,
) -> Handbook {
    let Read {
        mut docs,
        mut findings,
        history,
    } = read;
    read::set_aside_case_collisions(&mut docs, &mut findings);
    findings.extend(registers.findings);
    let prior = prior(&docs);
    let readme = read::readme(source);
    let inputs = model::Inputs {
        readme,
        config,
        today,
        docs,
        soa: registers.soa,
        frameworks: registers.frameworks,
        risks: registers.risks,
        exceptions: registers.exceptions,
        load_findings: findings,
        history,
    };
    Handbook::assemble(inputs, source, &prior)
}

/// A loaded content repository: the model plus where it came from and where it goes.
pub struct Project {
    pub handbook: Handbook,
    pub source: ProjectSource,
    pub output: PathBuf,
    /// Built as committed at a past revision (`--as-of`), not from the work tree.
    pub as_of: Option<AsOf>,
}

/// The revision `--as-of` named: its full commit id and the day it stands for.
#[derive(Debug, Clone)]
pub struct AsOf {
    pub commit: String,
    pub date: Date,
}

impl AsOf {
    /// `as of 2026-03-01 (commit 3f2a9c1d07be)`, as pages and the findings header say it.
    pub fn text(&self) -> String {
        format!("as of {} (commit {})", self.date, self.short())
    }

    /// The commit id as pages show it.
    pub fn short(&self) -> &str {
        self.commit.get(..12).unwrap_or(&self.commit)
    }
}

/// Where a project's files are read from: the work tree, or a Git revision (`--as-of`).
pub enum ProjectSource {
    WorkTree(WorkTree),
    Revision(Box<git::GitTree>),
}

impl ProjectSource {
    /// The content folder in the work tree.
    pub fn root(&self) -> &Path {
        match self {
            ProjectSource::WorkTree(w) => w.root(),
            ProjectSource::Revision(t) => t.root(),
        }
    }

    fn inner(&self) -> &dyn Source {
        match self {
            ProjectSource::WorkTree(w) => w,
            ProjectSource::Revision(t) => t.as_ref(),
        }
    }
}

impl Source for ProjectSource {
    fn documents(&self) -> Result<Vec<String>, Error> {
        self.inner().documents()
    }
    fn read(&self, rel: &str) -> std::io::Result<Vec<u8>> {
        self.inner().read(rel)
    }
    fn read_limited(&self, rel: &str, limit: source::discover::Limit) -> std::io::Result<Vec<u8>> {
        self.inner().read_limited(rel, limit)
    }
    fn is_file(&self, rel: &str) -> bool {
        self.inner().is_file(rel)
    }
    fn find(&self, rel: &str) -> source::Found {
        self.inner().find(rel)
    }
    fn stamp(&self, rel: &str) -> Option<source::Stamp> {
        self.inner().stamp(rel)
    }
    fn read_stamped(&self, rel: &str) -> (std::io::Result<Vec<u8>>, Option<source::Stamp>) {
        self.inner().read_stamped(rel)
    }
}

/// Stages 1 and 2: read every document (in parallel) and assemble the Handbook.
pub fn load(ctx: &Context) -> Result<Project, Error> {
    load_cached(ctx, &mut DocCache::default(), &HashSet::new())
}

/// Like [`load`], re-using `cache`: a document is read again when it is in `changed`, when its
/// size or modification time differs, or when it is new. `cache` is updated to the result.
pub fn load_cached(
    ctx: &Context,
    cache: &mut DocCache,
    changed: &HashSet<String>,
) -> Result<Project, Error> {
    let source = WorkTree::new(&ctx.root, &ctx.output)?;
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
    // The files beside the documents are read again unless every one of them has the stamp
    // it had (as documents are) and none is among the changed paths. Stamped before they
    // are read: a file saved meanwhile is read again next time.
    let stamps: cache::RegisterStamps = Registers::files(&ctx.config)
        .into_iter()
        .map(|f| {
            let stamp = source.stamp(&f);
            (f, stamp)
        })
        .collect();
    let before = cache.registers.take();
    let same_stamps = before.as_ref().is_some_and(|(b, _)| *b == stamps);
    cache.registers_changed = !same_stamps;
    let kept_registers = match before {
        Some((_, kept))
            if modified_only && same_stamps && !stamps.iter().any(|(f, _)| changed.contains(f)) =>
        {
            Some(kept)
        }
        _ => None,
    };
    let paths = timings::stage("walk", || source.documents())?;
    cache.listing = Some(Arc::clone(source.listing()?));
    // `git log` runs in another process while the documents are parsed, and the files beside
    // them are read; the stored versions are read after, so the ones equal to the work tree
    // need not be.
    let ((log, registers), loaded) = timings::stage("read", || {
        rayon::join(
            || {
                let log = match &cache.history {
                    Some(_) => None,
                    None => git::Log::read(source.root(), None)
                        .map(|log| (log, git::modified(source.root()))),
                };
                let registers = match kept_registers {
                    Some(kept) => Ok(kept),
                    None => Registers::load(&source, &ctx.config),
                };
                (log, registers)
            },
            || -> Vec<(String, Option<source::Stamp>, Loaded)> {
                paths
                    .into_par_iter()
                    .map(|p| {
                        // Stamped apart only when a cached parse may spare the read.
                        if let Some((old, loaded)) = cache.entries.get(&p) {
                            let stamp = source.stamp(&p);
                            if stamp.is_some() && *old == stamp && !changed.contains(&p) {
                                return (p, stamp, loaded.clone());
                            }
                        }
                        let (loaded, stamp) = read::read_document_stamped(&source, &p);
                        (p, stamp, loaded)
                    })
                    .collect()
            },
        )
    });
    let (docs, load_findings) = read::split(
        loaded.iter().map(|(_, _, l)| l),
        source.listing()?.problems().to_vec(),
    );
    let history = match (&cache.history, log) {
        (Some(h), _) => h.clone(),
        (None, None) => None,
        (None, Some((log, modified))) => {
            // Without the list of modified files nothing is known to equal HEAD.
            let unmodified = |path: &str| modified.as_ref().is_some_and(|m| !m.contains(path));
            read::resolve_history(log, source.root(), &docs, &unmodified)
        }
    };
    cache.history = Some(history.clone());
    cache.entries = loaded
        .into_iter()
        .map(|(p, stamp, l)| (p, (stamp, l)))
        .collect();
    let read = Read {
        docs,
        findings: load_findings,
        history,
    };
    let link_config = cache::link_config(&ctx.config);
    let same_config = cache.resolved_with.as_ref() == Some(&link_config);
    let registers = registers?;
    cache.registers = Some((stamps, registers.clone()));
    let handbook = timings::stage("model", || {
        let config = ctx.config.clone();
        assemble_with(&source, config, ctx.today, read, registers, &|docs| {
            if modified_only && same_config {
                cache::reusable_links(&cache.resolved, docs)
            } else {
                Vec::new()
            }
        })
    });
    cache.resolved_with = Some(link_config);
    cache.resolved = handbook
        .documents
        .iter()
        .map(|d| (Arc::clone(&d.src), Arc::clone(&d.links)))
        .collect();
    Ok(Project {
        handbook,
        source: ProjectSource::WorkTree(source),
        output: ctx.output.clone(),
        as_of: None,
    })
}

/// Stage 3: every finding, with configured severities, sorted.
pub fn check(project: &Project) -> Vec<Finding> {
    checks::run(&project.handbook)
}

pub struct BuildStats {
    pub files: usize,
    pub output: PathBuf,
    /// Texts the interface language did not have (English or the key stood in), e.g. for a
    /// language an organisation added with only some of the words.
    pub untranslated: Vec<String>,
}

/// Stages 4 and 5: render the site into a staging folder and swap it in.
pub fn build(
    project: &Project,
    findings: &[Finding],
    publish: render::Publish,
) -> Result<BuildStats, Error> {
    build_with(project, findings, publish, false)
}

/// [`build`], with `--force` when `force`.
pub fn build_with(
    project: &Project,
    findings: &[Finding],
    publish: render::Publish,
    force: bool,
) -> Result<BuildStats, Error> {
    let root = project.source.root();
    let opts = output::ReplaceRules {
        force,
        configured: Some(root.join(&project.handbook.config.output)),
    };
    let staging = output::Staging::create_with(&project.output, root, opts)?;
    let untranslated = render_into(project, findings, publish, &staging)?;
    let files = staging.count();
    let output = timings::stage("swap", || staging.commit())?;
    Ok(BuildStats {
        files,
        output,
        untranslated,
    })
}

/// Stage 4 alone: render every file of the site into `sink`. Returns the texts the interface
/// language lacked.
pub fn render_into(
    project: &Project,
    findings: &[Finding],
    publish: render::Publish,
    sink: &dyn render::Sink,
) -> Result<Vec<String>, Error> {
    let hb = &project.handbook;
    let theme = render::Theme::load(&project.source.root().join("theme"), hb.config.language())?;
    refuse_collisions(hb, &theme)?;
    let site = match &project.as_of {
        // The revision built, never the work tree's HEAD.
        Some(as_of) => render::Site::new(hb, publish, Some(as_of.short().to_owned()), &theme.lang)
            .as_of(Some(as_of)),
        None => render::Site::new(
            hb,
            publish,
            git::version(project.source.root()),
            &theme.lang,
        ),
    };
    render::Renderer::new(site, findings, &theme).write_all(&project.source, sink)?;
    Ok(theme.lang.missing())
}

/// Every output file must have exactly one source: a document, an attachment, a theme asset or
/// a generated page. Compared case-insensitively, so the result does not depend on the file system.
pub fn refuse_collisions(hb: &Handbook, theme: &render::Theme) -> Result<(), Error> {
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

impl report::human::SourceLines for Project {
    fn text(&self, file: &str) -> Option<std::borrow::Cow<'_, str>> {
        let hb = &self.handbook;
        if let Some(&i) = hb.by_path.get(file) {
            return Some(hb.documents[i].src.text.as_str().into());
        }
        let bytes = self.source.read(file).ok()?;
        String::from_utf8(bytes).ok().map(Into::into)
    }
}
