//! Reading the sources: each document on its own (a file that cannot be taken becomes a
//! finding), the Git history of what was read, and the names that would collide on disk.

use crate::error::Error;
use crate::finding::{Code, Finding};
use crate::git;
use crate::model;
use crate::source::document::{self, ParsedFile};
use crate::source::{self, Source, SourceDoc, Stamp};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// One document as read: parsed, or a finding saying why it could not be.
#[derive(Clone)]
pub enum Loaded {
    Doc(Arc<SourceDoc>),
    Unreadable(Finding),
}

/// The parsed documents of `loaded`, in order, and the findings of those that could not be.
pub fn split<'l>(
    loaded: impl Iterator<Item = &'l Loaded>,
    mut findings: Vec<Finding>,
) -> (Vec<Arc<SourceDoc>>, Vec<Finding>) {
    let mut docs = Vec::new();
    for l in loaded {
        match l {
            Loaded::Doc(d) => docs.push(Arc::clone(d)),
            Loaded::Unreadable(f) => findings.push(f.clone()),
        }
    }
    (docs, findings)
}

/// Reads the stored versions of the log, except the newest version of each document in
/// `docs` for which `unmodified(path)` says it is the text already loaded.
pub(super) fn resolve_history(
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
pub(super) fn set_aside_case_collisions(
    docs: &mut Vec<Arc<SourceDoc>>,
    findings: &mut Vec<Finding>,
) {
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
pub(super) fn refuse_git_directory(root: &Path) -> Result<(), Error> {
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

/// The repository's root README (`README.md`, any case GitHub shows): no page of the handbook,
/// but the first page readers see on the Git host, so its links are checked too. One that
/// cannot be read or is not UTF-8 is simply not checked: it is not the handbook's.
pub fn readme(source: &dyn Source) -> Option<model::Readme> {
    let path = ["README.md", "readme.md", "Readme.md", "README.MD"]
        .into_iter()
        .find(|p| source.is_file(p))?;
    let bytes = source.read(path).ok()?;
    match document::parse(path, bytes) {
        ParsedFile::Doc(d) => Some(model::Readme::new(d.path, d.scan)),
        ParsedFile::Unreadable(_) => None,
    }
}

/// Reads and parses one document; a file that cannot be read becomes a finding.
pub fn read_document(source: &dyn Source, path: &str) -> Loaded {
    read_document_stamped(source, path).0
}

/// [`read_document`], with the stamp the file had when it was read.
pub fn read_document_stamped(source: &dyn Source, path: &str) -> (Loaded, Option<Stamp>) {
    if let Some(f) = page_name_too_long(path) {
        return (Loaded::Unreadable(f), source.stamp(path));
    }
    let (read, stamp) = source.read_stamped(path);
    let loaded = match read {
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
    };
    (loaded, stamp)
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
