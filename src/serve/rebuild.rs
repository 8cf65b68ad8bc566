//! One watch session: the documents stay parsed in memory between rebuilds, a rebuild re-reads
//! only the files that changed, and only files whose bytes changed are written.

use crate::error::Error;
use crate::finding::{Finding, Severity};
use crate::output::{Incremental, WriteStats};
use crate::render::Publish;
use crate::{DocCache, LoadOptions};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub struct Options {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub today: Option<String>,
    pub drafts: bool,
    pub audience: Option<crate::config::Audience>,
}

pub struct Session {
    opts: Options,
    cache: DocCache,
    writer: Option<Incremental>,
    /// Findings of the last successful build, to report what a change fixed or broke.
    last: Option<Vec<Finding>>,
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
    pub elapsed: Duration,
    pub output: PathBuf,
}

impl Session {
    pub fn new(opts: Options) -> Session {
        Session {
            opts,
            cache: DocCache::default(),
            writer: None,
            last: None,
        }
    }

    /// Rebuilds after `changed` paths (relative to the content root, `/`-separated) changed.
    /// On error nothing is written and the previous site stays as it was.
    pub fn rebuild(&mut self, changed: &HashSet<String>) -> Result<Rebuilt, Error> {
        let started = Instant::now();
        let project = crate::load_cached(
            &LoadOptions {
                root: &self.opts.root,
                output: self.opts.output.as_deref(),
                today: self.opts.today.as_deref(),
            },
            &mut self.cache,
            changed,
        )?;
        let findings = crate::check(&project);
        let publish = Publish {
            drafts: self.opts.drafts,
            audience: self
                .opts
                .audience
                .unwrap_or(project.handbook.config.audience),
        };
        // The output folder can change with ismsbook.toml; open the writer for the current one.
        if self
            .writer
            .as_ref()
            .is_none_or(|w| !same_path(w.path(), &project.output))
        {
            self.writer = Some(Incremental::open(&project.output, project.source.root())?);
        }
        let writer = self
            .writer
            .as_mut()
            .ok_or_else(|| Error::Output("no output folder".into()))?;
        if let Err(e) = crate::render_into(&project, &findings, publish, writer) {
            writer.discard();
            return Err(e);
        }
        let stats = writer.commit()?;
        let output = writer.path().to_path_buf();
        let first = self.last.is_none();
        let diff = self
            .last
            .as_ref()
            .map(|old| diff(old, &findings))
            .unwrap_or_default();
        self.last = Some(findings.clone());
        Ok(Rebuilt {
            first,
            findings,
            diff,
            stats,
            documents: project.handbook.documents.len(),
            elapsed: started.elapsed(),
            output,
        })
    }

    pub fn output(&self) -> Option<&Path> {
        self.writer.as_ref().map(|w| w.path())
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
