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
pub mod diff;
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
pub mod sanitise;
pub mod serve;
pub mod signals;
pub mod source;
pub mod suggest;
pub mod timings;

use error::Error;
use finding::{Code, Finding};
use model::soa::Soa;
use model::Handbook;
use rayon::prelude::*;
use source::document::{self, ParsedFile};
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
    resolved: Vec<(Arc<SourceDoc>, Arc<[model::links::ResolvedLink]>)>,
    /// Git history, read once per cache: watch mode does not re-read it on every save.
    history: Option<Option<Arc<git::History>>>,
}

#[derive(Clone)]
enum Loaded {
    Doc(Arc<SourceDoc>),
    Unreadable(Finding),
}

/// Where the site goes: `-o`, else `output` from `ismsbook.toml`, relative to the root.
pub fn output_dir(opts: &LoadOptions<'_>) -> Result<PathBuf, Error> {
    if !opts.root.is_dir() {
        return Err(Error::NoContentRoot(opts.root.to_path_buf()));
    }
    refuse_git_directory(opts.root)?;
    Ok(output_of(opts, &config::Config::load(opts.root)?))
}

fn output_of(opts: &LoadOptions<'_>, config: &config::Config) -> PathBuf {
    match opts.output {
        Some(o) => o.to_path_buf(),
        None => opts.root.join(&config.output),
    }
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
    refuse_git_directory(opts.root)?;
    let config = config::Config::load(opts.root)?;
    let output = output_of(opts, &config);
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
    // `git log` runs in another process while the documents are parsed.
    // `git log` runs in another process while the documents are parsed; the stored versions
    // are read after, so the ones equal to the work tree need not be.
    let (log, loaded) = rayon::join(
        || match &cache.history {
            Some(_) => None,
            None => {
                git::Log::read(source.root(), None).map(|log| (log, git::modified(source.root())))
            }
        },
        || -> Vec<(String, Option<source::Stamp>, Loaded)> {
            paths
                .into_par_iter()
                .map(|p| {
                    let stamp = source.stamp(&p);
                    if let Some((old, loaded)) = cache.entries.get(&p) {
                        if stamp.is_some() && *old == stamp && !changed.contains(&p) {
                            return (p, stamp, loaded.clone());
                        }
                    }
                    let loaded = read_document(&source, &p);
                    (p, stamp, loaded)
                })
                .collect()
        },
    );
    let mut docs = Vec::with_capacity(loaded.len());
    let mut load_findings = source.listing()?.problems().to_vec();
    for (_, _, l) in &loaded {
        match l {
            Loaded::Doc(d) => docs.push(Arc::clone(d)),
            Loaded::Unreadable(f) => load_findings.push(f.clone()),
        }
    }
    let history = match (&cache.history, log) {
        (Some(h), _) => h.clone(),
        (None, None) => None,
        (None, Some((log, modified))) => {
            // Without the list of modified files nothing is known to equal HEAD.
            let unmodified = |path: &str| modified.as_ref().is_some_and(|m| !m.contains(path));
            resolve_history(log, source.root(), &docs, &unmodified)
        }
    };
    cache.history = Some(history.clone());
    cache.entries = loaded
        .into_iter()
        .map(|(p, stamp, l)| (p, (stamp, l)))
        .collect();
    set_aside_case_collisions(&mut docs, &mut load_findings);
    let soa = Soa::load(&source, catalog::Catalog::iso27001_2022())?;
    let prior = if modified_only {
        reusable_links(&cache.resolved, &docs)
    } else {
        Vec::new()
    };
    let inputs = model::Inputs {
        config,
        today,
        docs,
        soa,
        load_findings,
        history,
    };
    let handbook = Handbook::assemble(inputs, &source, &prior);
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

/// The handbook as it was at a Git commit of the content folder (for `diff`): read from the
/// repository's objects, with the history up to that commit, nothing checked out.
pub fn load_revision(
    root: &Path,
    commit: &str,
    today: jiff::civil::Date,
) -> Result<Handbook, Error> {
    let tree = git::GitTree::open(root, commit)?;
    let paths = tree.documents()?;
    let (log, loaded) = rayon::join(
        || git::Log::read(root, Some(commit)),
        || -> Vec<Loaded> { paths.par_iter().map(|p| read_document(&tree, p)).collect() },
    );
    let mut docs = Vec::with_capacity(loaded.len());
    let mut load_findings = Vec::new();
    for l in loaded {
        match l {
            Loaded::Doc(d) => docs.push(d),
            Loaded::Unreadable(f) => load_findings.push(f),
        }
    }
    // Every document was read from this very commit: its newest version is the one loaded.
    let history = log.and_then(|log| resolve_history(log, root, &docs, &|_| true));
    set_aside_case_collisions(&mut docs, &mut load_findings);
    let soa = Soa::load(&tree, catalog::Catalog::iso27001_2022())?;
    let config = tree.config().clone();
    let inputs = model::Inputs {
        config,
        today,
        docs,
        soa,
        load_findings,
        history,
    };
    Ok(Handbook::assemble(inputs, &tree, &[]))
}

/// `ismsbook diff`: the handbook at `base` compared with `head` (a revision, else the working
/// tree), both checked as of the same day.
pub fn diff_revisions(
    root: &Path,
    base: &str,
    head: Option<&str>,
    today: Option<&str>,
) -> Result<diff::Diff, Error> {
    if !root.is_dir() {
        return Err(Error::NoContentRoot(root.to_path_buf()));
    }
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let (day, _) = dates::resolve_today(today, epoch.as_deref()).map_err(Error::Usage)?;
    let base_commit = git::resolve(root, base).map_err(Error::Usage)?;
    let head_commit = head
        .map(|h| git::resolve(root, h).map_err(Error::Usage))
        .transpose()?;
    let (before, after) = rayon::join(
        || load_revision(root, &base_commit, day),
        || -> Result<Handbook, Error> {
            match &head_commit {
                Some(commit) => load_revision(root, commit, day),
                None => Ok(load(&LoadOptions {
                    root,
                    output: None,
                    today: Some(&day.to_string()),
                })?
                .handbook),
            }
        },
    );
    let (before, after) = (before?, after?);
    let (base_findings, head_findings) =
        rayon::join(|| checks::run(&before), || checks::run(&after));
    Ok(diff::compare(
        &diff::Input {
            revision: diff::Revision {
                rev: base.to_owned(),
                commit: Some(base_commit),
            },
            handbook: &before,
            findings: &base_findings,
        },
        &diff::Input {
            revision: diff::Revision {
                rev: head.unwrap_or("working tree").to_owned(),
                commit: head_commit,
            },
            handbook: &after,
            findings: &head_findings,
        },
    ))
}

/// Reads the stored versions of the log, except the newest version of each document in
/// `docs` for which `unmodified(path)` says it is the text already loaded.
fn resolve_history(
    log: git::Log,
    root: &Path,
    docs: &[Arc<SourceDoc>],
    unmodified: &(dyn Fn(&str) -> bool + Sync),
) -> Option<Arc<git::History>> {
    let by_path: HashMap<&str, &SourceDoc> = docs.iter().map(|d| (d.path.as_str(), &**d)).collect();
    log.resolve(root, &|path| {
        let doc = by_path.get(path).filter(|_| unmodified(path))?;
        Some(git::Fingerprint::of_doc(doc))
    })
    .map(Arc::new)
}

/// Documents whose pages differ only in case, or in the Unicode form of their names (NFC, as
/// typed on Linux and Windows, or NFD, as macOS writes it), would be one file on macOS (and, for
/// case, Windows): the first in path order stays, the others become findings (so `check` and
/// `build` agree, and every other document still builds).
fn set_aside_case_collisions(docs: &mut Vec<Arc<SourceDoc>>, findings: &mut Vec<Finding>) {
    let mut first: HashMap<String, String> = HashMap::new();
    docs.retain(|d| {
        let page = model::page_path(&d.path);
        match first.entry(model::links::loose_key(&page)) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(d.path.clone());
                true
            }
            std::collections::hash_map::Entry::Occupied(other) => {
                let message = if other.get().to_lowercase() == d.path.to_lowercase() {
                    format!(
                        "{} and {} would both be published as {page} (names that differ only in case are one file on Windows and macOS); this one is left out",
                        other.get(),
                        d.path
                    )
                } else {
                    // The two may look the same: say which is which.
                    let form = |p: &str| match unicode_normalization::is_nfc(p) {
                        true => "composed, NFC",
                        false => "decomposed, NFD",
                    };
                    format!(
                        "{} ({}) and {} ({}) would both be published as {page} (a name written in two Unicode forms is one file on macOS); this one is left out",
                        other.get(),
                        form(other.get()),
                        d.path,
                        form(&d.path)
                    )
                };
                findings.push(
                    Finding::at(Code::PageCollision, &d.path, 1, 1, message)
                    .help("rename or move one of the two documents"),
                );
                false
            }
        }
    });
}

/// A bare Git repository, or a folder inside a Git directory, holds Git's objects, not the
/// handbook's files: building there would find no document and write `site/` into Git's own
/// folder. Refused before anything is read or written.
fn refuse_git_directory(root: &Path) -> Result<(), Error> {
    let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
    // What Git itself checks: `objects/` and `refs/` beside a `HEAD` naming a branch or commit.
    let is_git_dir = |d: &Path| {
        use std::io::Read;
        let mut head = String::new();
        d.join("objects").is_dir()
            && d.join("refs").is_dir()
            && d.join("HEAD").is_file()
            && std::fs::File::open(d.join("HEAD"))
                .and_then(|f| f.take(100).read_to_string(&mut head))
                .is_ok()
            && (head.starts_with("ref: ")
                || (head.trim().len() >= 40 && head.trim().bytes().all(|b| b.is_ascii_hexdigit())))
    };
    let Some(git_dir) = root
        .ancestors()
        .find(|d| d.file_name().is_some_and(|n| n == ".git") || is_git_dir(d))
    else {
        return Ok(());
    };
    let shown = root.display();
    let checkout = git_dir
        .parent()
        .filter(|_| git_dir.file_name().is_some_and(|n| n == ".git"));
    Err(Error::Usage(match checkout {
        Some(checkout) => format!(
            "{shown} {} the Git directory of {}, not a content folder: build the checked-out files (`ismsbook build {}`)",
            if git_dir == root { "is" } else { "is inside" },
            checkout.display(),
            checkout.display()
        ),
        None => {
            let bare = git_dir.display();
            let place = match git_dir == root {
                true => format!("{shown} is a bare Git repository"),
                false => format!("{shown} is inside the bare Git repository {bare}"),
            };
            format!(
                "{place} (Git's objects, no checked-out files), not a content folder: build a checkout of it (`git clone {bare} isms && ismsbook build isms`), or compare two of its revisions with `ismsbook diff BASE HEAD -C {bare}`"
            )
        }
    }))
}

/// Reads and parses one document; a file that cannot be read becomes a finding.
fn read_document(source: &dyn Source, path: &str) -> Loaded {
    if let Some(f) = page_name_too_long(path) {
        return Loaded::Unreadable(f);
    }
    match source.read(path) {
        Ok(bytes) => match document::parse(path, bytes) {
            ParsedFile::Doc(d) => Loaded::Doc(Arc::from(d)),
            ParsedFile::Unreadable(f) => Loaded::Unreadable(f),
        },
        Err(e) => {
            let f = Finding::at(
                Code::UnreadableFile,
                path,
                1,
                1,
                format!("cannot read file: {e}"),
            );
            // Other errors (a symlink refused, a size limit) carry their own advice.
            Loaded::Unreadable(if e.kind() == std::io::ErrorKind::PermissionDenied {
                f.help("check the file's permissions")
            } else {
                f
            })
        }
    }
}

/// A document whose page name (`.html` for `.md`, two bytes more) would be longer than a file
/// name may be: the page could not be written, so the document is left out with a finding
/// (`unreadable-file`: like a file over the size limit, it is one the handbook cannot take as it
/// is), rather than failing the whole build. Attachments keep their names, so they always fit.
fn page_name_too_long(path: &str) -> Option<Finding> {
    let page = model::page_path(path);
    let name = page.rsplit('/').next().unwrap_or(&page);
    if name.len() <= source::discover::MAX_NAME_BYTES {
        return None;
    }
    let own = path.rsplit('/').next().unwrap_or(path).len();
    Some(
        Finding::at(
            Code::UnreadableFile,
            path,
            1,
            1,
            format!(
                "the file name is {own} bytes long; its page's name would be {} bytes, over the {} bytes a file name may have, so it cannot be published",
                name.len(),
                source::discover::MAX_NAME_BYTES
            ),
        )
        .help(format!(
            "shorten the file name to at most {} bytes (a letter outside ASCII takes 2 to 4)",
            own - (name.len() - source::discover::MAX_NAME_BYTES)
        )),
    )
}

/// Links of the last build that are still right: same documents in the same order, no
/// document id changed, and the link neither targets a changed document nor was broken (a
/// change may have mended it). Everything else is resolved again.
fn reusable_links(
    before: &[(Arc<SourceDoc>, Arc<[model::links::ResolvedLink]>)],
    docs: &[Arc<SourceDoc>],
) -> Vec<Option<Arc<[model::links::ResolvedLink]>>> {
    use model::links::ResolvedLink;
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
                    ResolvedLink::Broken(_) => false,
                    ResolvedLink::Document { doc, .. } => !changed.contains(doc),
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
    render_into(project, findings, publish, &staging)?;
    let files = staging.count();
    let output = timings::stage("swap", || staging.commit())?;
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
    let site = render::Site::new(hb, publish, git::version(project.source.root()));
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
    fn text(&self, file: &str) -> Option<std::borrow::Cow<'_, str>> {
        let hb = &self.handbook;
        if let Some(&i) = hb.by_path.get(file) {
            return Some(hb.documents[i].src.text.as_str().into());
        }
        let bytes = self.source.read(file).ok()?;
        String::from_utf8(bytes).ok().map(Into::into)
    }
}
