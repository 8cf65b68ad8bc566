//! `ismsbook init`: start a new content repository with configuration, an empty Statement of
//! Applicability and starter documents for the documented information that ISO/IEC 27001
//! clauses 4 to 10 require. The starters live as real files in `init/` and are embedded here.
//!
//! Init never overwrites or deletes anything it did not create: it refuses a folder that
//! already holds an ISMS, keeps an existing `README.md` or `.gitignore`, and if writing fails
//! part-way it removes only what it created itself.

use crate::error::Error;
use jiff::civil::Date;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Replaced by the date init runs, so no starter document is due for review.
const TODAY: &str = "{{today}}";

/// What a starter file does when its path already exists.
#[derive(Clone, Copy, PartialEq, Eq)]
enum IfExists {
    /// Refuse to start: the folder already holds (part of) an ISMS.
    Refuse,
    /// Leave the existing file as it is (a Git repository's own README or .gitignore).
    Keep,
}

/// The starter files: path in the new repository, contents, and what an existing file means.
/// Written in this order.
const FILES: &[(&str, &str, IfExists)] = &[
    (
        "ismsbook.toml",
        include_str!("../init/ismsbook.toml"),
        IfExists::Refuse,
    ),
    (
        "soa.yaml",
        include_str!("../init/soa.yaml"),
        IfExists::Refuse,
    ),
    // Stored without the dot, so it does not act as an ignore file of ismsbook's own repository.
    (
        ".gitignore",
        include_str!("../init/gitignore"),
        IfExists::Keep,
    ),
    (
        "README.md",
        include_str!("../init/README.md"),
        IfExists::Keep,
    ),
    (
        "policies/information-security-policy.md",
        include_str!("../init/policies/information-security-policy.md"),
        IfExists::Refuse,
    ),
    (
        "plans/isms-scope.md",
        include_str!("../init/plans/isms-scope.md"),
        IfExists::Refuse,
    ),
    (
        "plans/risk-treatment-plan.md",
        include_str!("../init/plans/risk-treatment-plan.md"),
        IfExists::Refuse,
    ),
    (
        "plans/security-objectives.md",
        include_str!("../init/plans/security-objectives.md"),
        IfExists::Refuse,
    ),
    (
        "plans/competence-awareness.md",
        include_str!("../init/plans/competence-awareness.md"),
        IfExists::Refuse,
    ),
    (
        "plans/isms-operating-plan.md",
        include_str!("../init/plans/isms-operating-plan.md"),
        IfExists::Refuse,
    ),
    (
        "plans/internal-audit-programme.md",
        include_str!("../init/plans/internal-audit-programme.md"),
        IfExists::Refuse,
    ),
    (
        "procedures/risk-assessment-methodology.md",
        include_str!("../init/procedures/risk-assessment-methodology.md"),
        IfExists::Refuse,
    ),
    (
        "procedures/monitoring-measurement.md",
        include_str!("../init/procedures/monitoring-measurement.md"),
        IfExists::Refuse,
    ),
    (
        "procedures/management-review.md",
        include_str!("../init/procedures/management-review.md"),
        IfExists::Refuse,
    ),
    (
        "procedures/nonconformity-corrective-action.md",
        include_str!("../init/procedures/nonconformity-corrective-action.md"),
        IfExists::Refuse,
    ),
];

/// What [`init`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InitReport {
    /// Files created, relative to the folder, in creation order.
    pub created: Vec<PathBuf>,
    /// Starter files that already existed (`README.md`, `.gitignore`) and were left unchanged.
    pub kept: Vec<PathBuf>,
}

/// Starts a new ISMS in `dir` (created if missing), dated today: `SOURCE_DATE_EPOCH` when set,
/// else the clock.
pub fn init(dir: &Path) -> Result<InitReport, Error> {
    init_on(dir, crate::dates::today(None)?)
}

/// [`init`] with an explicit date for `last_reviewed` in the starter documents.
pub fn init_on(dir: &Path, today: Date) -> Result<InitReport, Error> {
    refuse_existing_isms(dir)?;
    let mut undo = Undo::default();
    // On an error, `undo` is dropped and removes what this run created.
    let report = write_all(dir, today, &mut undo)?;
    undo.forget();
    Ok(report)
}

/// The relative paths of the starter files, in the order [`init`] writes them.
pub fn starter_files() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|(path, _, _)| *path)
}

fn refuse_existing_isms(dir: &Path) -> Result<(), Error> {
    let meta = match std::fs::metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    if !meta.is_dir() {
        return Err(Error::Usage(format!(
            "{} exists and is not a folder; give `ismsbook init` a new or existing folder",
            dir.display()
        )));
    }
    let refuse = |what: String| {
        Err(Error::Usage(format!(
            "{} already contains {what}; `ismsbook init` starts a new ISMS and never overwrites \
             files (to build this one, run `ismsbook build {}`)",
            dir.display(),
            dir.display()
        )))
    };
    if dir
        .join(crate::config::FILE_NAME)
        .symlink_metadata()
        .is_ok()
    {
        return refuse(format!("an {}", crate::config::FILE_NAME));
    }
    if let Some(doc) = first_document(dir) {
        return refuse(format!("the Markdown document {doc}"));
    }
    for (rel, _, if_exists) in FILES {
        if *if_exists == IfExists::Refuse && dir.join(rel).symlink_metadata().is_ok() {
            return refuse((*rel).to_owned());
        }
    }
    Ok(())
}

/// The first `.md` file that a build of `dir` would read as a document (the build's own walk:
/// hidden and Git-ignored files, `theme/` and `site/` do not count, nor the root `README.md`).
/// A folder the walk cannot read cannot hold a document we would overwrite: files are created
/// with `create_new`.
fn first_document(dir: &Path) -> Option<String> {
    let output = dir.join(crate::config::Config::default().output);
    let tree = crate::source::WorkTree::new(dir, &output).ok()?;
    crate::source::Source::documents(&tree)
        .ok()?
        .into_iter()
        .next()
}

fn write_all(dir: &Path, today: Date, undo: &mut Undo) -> Result<InitReport, Error> {
    let today = today.to_string();
    let mut report = InitReport::default();
    make_dirs(dir, undo)?;
    for (rel, template, if_exists) in FILES {
        let path = dir.join(rel);
        if *if_exists == IfExists::Keep && path.symlink_metadata().is_ok() {
            report.kept.push(PathBuf::from(rel));
            continue;
        }
        if let Some(parent) = path.parent() {
            make_dirs(parent, undo)?;
        }
        let mut file = match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(Error::Usage(format!(
                    "{} already exists; `ismsbook init` never overwrites files",
                    path.display()
                )))
            }
            Err(e) => return Err(Error::io(&path, e)),
        };
        undo.files.push(path.clone());
        file.write_all(template.replace(TODAY, &today).as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| Error::io(&path, e))?;
        report.created.push(PathBuf::from(rel));
    }
    Ok(report)
}

/// Creates `dir` and any missing parents, remembering each one created.
fn make_dirs(dir: &Path, undo: &mut Undo) -> Result<(), Error> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        make_dirs(parent, undo)?;
    }
    match std::fs::create_dir(dir) {
        Ok(()) => {
            undo.dirs.push(dir.to_path_buf());
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) => Err(Error::io(dir, e)),
    }
}

/// What one run created, removed again (newest first) if the run fails.
#[derive(Default)]
struct Undo {
    files: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
}

impl Undo {
    fn forget(&mut self) {
        self.files.clear();
        self.dirs.clear();
    }
}

impl Drop for Undo {
    fn drop(&mut self) {
        for f in self.files.iter().rev() {
            let _ = std::fs::remove_file(f);
        }
        // `remove_dir` only removes empty folders: anything someone else put there stays.
        for d in self.dirs.iter().rev() {
            let _ = std::fs::remove_dir(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_document_template_has_a_dated_front_matter() {
        for (rel, text, _) in FILES {
            if rel.ends_with(".md") && *rel != "README.md" {
                assert!(text.starts_with("---\n"), "{rel}");
                assert!(
                    text.contains(&format!("last_reviewed: {TODAY}\n")),
                    "{rel} has no last_reviewed placeholder"
                );
            }
        }
    }

    #[test]
    fn config_template_is_valid() {
        let (_, toml, _) = FILES[0];
        let c = crate::config::Config::parse(toml).unwrap();
        assert_eq!(c.output, "site");
        // The commented example is valid too once uncommented.
        let uncommented = toml
            .replace("# [checks]", "[checks]")
            .replace("# unmapped-control", "unmapped-control");
        crate::config::Config::parse(&uncommented).unwrap();
    }
}
