//! ismsbook: an ISMS handbook from a repository of Markdown policies.
//!
//! The pipeline runs in plain stages, data flowing one way:
//! [`source`] (find and parse files) → [`model`] (the Handbook) → [`checks`] (findings) →
//! [`render`] (pages) → [`output`] (atomic write). [`report`] formats findings for people and CI.

pub mod catalog;
pub mod checks;
pub mod config;
pub mod dates;
pub mod error;
pub mod finding;
pub mod model;
pub mod output;
pub mod render;
pub mod report;
pub mod source;
pub mod suggest;

use error::Error;
use finding::{Code, Finding};
use model::soa::Soa;
use model::Handbook;
use rayon::prelude::*;
use source::document::{self, Parsed};
use source::{Source, WorkTree};
use std::path::{Path, PathBuf};

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
    if !opts.root.is_dir() {
        return Err(Error::NoContentRoot(opts.root.to_path_buf()));
    }
    let config = config::Config::load(opts.root)?;
    let output = match opts.output {
        Some(o) => o.to_path_buf(),
        None => opts.root.join(&config.output),
    };
    let source = WorkTree::new(opts.root, &output)?;
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let (today, _) = dates::resolve_today(opts.today, epoch.as_deref()).map_err(Error::Usage)?;

    let paths = source.documents()?;
    let parsed: Vec<Parsed> = paths
        .par_iter()
        .map(|p| match source.read(p) {
            Ok(bytes) => document::parse(p, bytes),
            Err(e) => Parsed::Unreadable(
                Finding::at(
                    Code::UnreadableFile,
                    p,
                    1,
                    1,
                    format!("cannot read file: {e}"),
                )
                .help("check the file's permissions"),
            ),
        })
        .collect();
    let mut docs = Vec::with_capacity(parsed.len());
    let mut load_findings = Vec::new();
    for p in parsed {
        match p {
            Parsed::Doc(d) => docs.push(*d),
            Parsed::Unreadable(f) => load_findings.push(f),
        }
    }
    let soa = Soa::load(&source, catalog::Catalog::iso27001_2022())?;
    let handbook = Handbook::assemble(config, today, docs, soa, load_findings, &source);
    Ok(Project {
        handbook,
        source,
        output,
    })
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
pub fn build(project: &Project, findings: &[Finding]) -> Result<BuildStats, Error> {
    let hb = &project.handbook;
    let theme = render::Theme::load(&project.source.root().join("theme"))?;
    refuse_collisions(hb)?;
    let staging = output::Staging::create(&project.output, project.source.root())?;
    let files = render::Renderer::new(hb, findings, &theme).write_all(&project.source, &staging)?;
    let output = staging.commit()?;
    Ok(BuildStats { files, output })
}

/// A document or attachment whose output path is one the renderer writes would be overwritten.
fn refuse_collisions(hb: &Handbook) -> Result<(), Error> {
    let generated: std::collections::HashSet<String> =
        render::generated_paths(hb).into_iter().collect();
    let outputs = hb
        .documents
        .iter()
        .map(|d| (&d.src.path, &d.url))
        .chain(hb.files.iter().map(|f| (f, f)));
    for (src, url) in outputs {
        if generated.contains(url.as_str()) || url == output::MARKER {
            return Err(Error::Usage(format!(
                "{src} would be written to {url}, which ismsbook generates itself; rename or move the file"
            )));
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
