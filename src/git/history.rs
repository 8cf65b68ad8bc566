//! Revision history of every file of the content folder, from one `git log` pass (which commit
//! changed which file), one `git log --no-walk` pass (their authors and subjects) and one
//! `git cat-file --batch` pass over the document versions they name.
//!
//! Each version of a document is reduced to a [`Fingerprint`] (version, approval date, controls,
//! a hash of the body), which is all the history-based checks and the pages need.

use super::blobs;
use crate::catalog::canonical_ids;
use crate::source::meta::{self, Meta};
use crate::source::{frontmatter, yaml, SourceDoc};
use jiff::civil::Date;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

/// A commit on the first-parent line (a merge counts as the change it brings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub id: String,
    /// Committer date, in UTC: when the change reached the branch.
    pub date: Date,
    pub author: String,
    pub subject: String,
}

impl Commit {
    /// The abbreviated id shown to readers.
    pub fn short(&self) -> &str {
        self.id.get(..7).unwrap_or(&self.id)
    }
}

/// What the history checks compare between two versions of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub version: Option<String>,
    pub approved_on: Option<Date>,
    /// Canonical control ids, sorted.
    pub controls: Vec<String>,
    /// Hash of the body, line endings and trailing white space normalised.
    body: u64,
}

impl Fingerprint {
    pub fn of_doc(doc: &SourceDoc) -> Fingerprint {
        Fingerprint::new(Facts::of_meta(&doc.meta), doc.body())
    }

    fn new(facts: Facts, body: &str) -> Fingerprint {
        // Fingerprints are only compared within one run, so any fixed hash does; this one is a
        // fraction of SipHash's cost over a handbook's every line.
        let mut hasher = foldhash::fast::FixedState::default().build_hasher();
        for line in body.trim_end().lines() {
            line.trim_end().hash(&mut hasher);
        }
        Fingerprint {
            version: facts.version,
            approved_on: facts.approved_on,
            controls: facts.controls,
            body: hasher.finish(),
        }
    }

    /// Whether the body or the controls differ: what needs a new version and a new approval.
    /// Review dates, owner and other metadata do not count.
    pub fn content_differs(&self, other: &Fingerprint) -> bool {
        self.body != other.body || self.controls != other.controls
    }

    pub fn body_differs(&self, other: &Fingerprint) -> bool {
        self.body != other.body
    }
}

/// What a version's front matter says that the checks compare. Most commits change only the
/// body, so the same front matter recurs across versions and is parsed once.
#[derive(Debug, Clone)]
struct Facts {
    version: Option<String>,
    approved_on: Option<Date>,
    controls: Vec<String>,
}

impl Facts {
    fn of_meta(meta: &Meta) -> Facts {
        let controls = canonical_ids(meta.controls.iter().map(|c| c.value.as_str()));
        Facts {
            version: meta.version.clone(),
            approved_on: meta.approved_on,
            controls,
        }
    }

    /// From the YAML of a stored version; broken front matter says nothing (only the body
    /// can be compared then).
    fn of_yaml(yaml: Option<&str>) -> Facts {
        let meta = match yaml.map(yaml::load) {
            Some(Ok((value, index))) => meta::extract(&value, &index, 1),
            _ => meta::extract(&serde_json::Value::Null, &Default::default(), 1),
        };
        Facts::of_meta(&meta)
    }
}

/// The front matter (when opened and closed) and the body of a stored version.
fn split_stored(bytes: &[u8]) -> Option<(Option<&str>, &str)> {
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let split = frontmatter::split(text);
    Some((
        split.yaml.filter(|_| !split.unclosed),
        &text[split.body_offset..],
    ))
}

/// One commit's change to one file.
#[derive(Debug, Clone)]
pub struct Change {
    pub commit: Arc<Commit>,
    /// The file after the commit; `None` when the commit deleted it, or for files that are
    /// not documents.
    pub state: Option<Fingerprint>,
    pub deleted: bool,
    /// The body or controls differ from the version before (always true when added).
    pub content_changed: bool,
    /// `version` differs from the version before (true when added).
    pub version_changed: bool,
    /// `approved_on` differs from the version before (true when added).
    pub approval_changed: bool,
}

/// The changes to one file, newest first.
#[derive(Debug, Clone, Default)]
pub struct FileHistory {
    pub changes: Vec<Change>,
    /// The working-tree file is the committed one (unmodified): its fingerprint is
    /// [`FileHistory::head`]'s, and need not be computed again.
    pub worktree_is_head: bool,
}

impl FileHistory {
    /// The file as committed at the revision the history was read from.
    pub fn head(&self) -> Option<&Fingerprint> {
        self.changes.first()?.state.as_ref()
    }

    /// The newest commit that changed the body or the controls.
    pub fn last_content_change(&self) -> Option<&Change> {
        self.changes
            .iter()
            .find(|c| c.content_changed && !c.deleted)
    }

    /// The commit that set the committed `version` (the newest change of it).
    pub fn version_set(&self) -> Option<&Change> {
        self.changes
            .iter()
            .take_while(|c| !c.deleted)
            .find(|c| c.version_changed)
    }

    /// Content changes newer than the commit that set the committed `approved_on`, newest
    /// first.
    pub fn changes_since_approval(&self) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .take_while(|c| !c.deleted && !c.approval_changed)
            .filter(|c| c.content_changed)
    }
}

/// Which commits changed each file of the content folder.
#[derive(Debug, Default)]
pub struct History {
    by_path: HashMap<String, FileHistory>,
    /// A shallow clone (CI's default): older history is missing.
    pub shallow: bool,
}

impl History {
    /// The history of `path` (relative to the content root); empty for an uncommitted file.
    pub fn of(&self, path: &str) -> &FileHistory {
        static EMPTY: FileHistory = FileHistory {
            changes: Vec::new(),
            worktree_is_head: false,
        };
        self.by_path.get(path).unwrap_or(&EMPTY)
    }
}

/// One file's entry in a commit's raw diff.
struct RawChange {
    commit: Arc<Commit>,
    /// The blob after the change (all zeros when deleted).
    blob: String,
    deleted: bool,
}

/// The history of the content folder at `rev` (else `HEAD`), every stored version read (the
/// loaders use [`Log`] to skip the versions they hold).
#[cfg(test)]
pub(crate) fn history(root: &Path, rev: Option<&str>) -> Option<History> {
    Log::read(root, rev)?.resolve(root, &|_| None)
}

/// Which commits changed which files, before any stored version is read: one `git log` over
/// the first-parent line, with paths relative to the content folder, then one for the authors
/// and subjects of the commits it lists. Renames are not followed (a renamed document's
/// history starts at the rename).
pub struct Log {
    raw: Vec<(String, Vec<RawChange>)>,
    shallow: bool,
}

impl Log {
    pub fn read(root: &Path, rev: Option<&str>) -> Option<Log> {
        // Which commits changed which files, from output that holds no text anyone wrote:
        // only ids, times, modes, statuses and paths (a path cannot hold a NUL). Names and
        // subjects come from a second call, matched to the ids of this one, so no commit
        // message or author name can be read as a commit, a date or a change.
        let mut args = vec![
            "log",
            "-z",
            "--first-parent",
            "--no-renames",
            "--relative",
            "--raw",
            "--root",
            "--no-abbrev",
            "--no-color",
            "--no-show-signature",
            "--encoding=UTF-8",
            "--format=%H%x00%ct",
        ];
        args.extend(rev);
        args.extend(["--", "."]);
        let log = super::git_raw(root, &args)?;
        let walked = parse_walk(&log)?;
        let texts = commit_texts(root, &walked)?;
        let shallow =
            super::git(root, &["rev-parse", "--is-shallow-repository"]).as_deref() == Some("true");
        Some(Log {
            raw: by_path(walked, texts),
            shallow,
        })
    }

    /// The date of the newest commit that changed each file still there (paths relative to
    /// the content folder), without reading any stored version.
    pub fn last_changed(&self) -> impl Iterator<Item = (&str, Date)> {
        self.raw.iter().filter_map(|(path, changes)| {
            let newest = changes.first().filter(|c| !c.deleted)?;
            Some((path.as_str(), newest.commit.date))
        })
    }

    /// Reads the stored versions and compares each with the one before. `current(path)` is
    /// the fingerprint of a document whose newest committed version the caller already holds
    /// (an unmodified work-tree file, or the document as loaded from the same commit): that
    /// version is not read again, which for most documents is their only one.
    pub fn resolve(
        self,
        root: &Path,
        current: &(dyn Fn(&str) -> Option<Fingerprint> + Sync),
    ) -> Option<History> {
        let Log { raw, shallow } = self;
        let newest: Vec<(&str, &str)> = raw
            .iter()
            .filter(|(path, _)| is_document(path))
            .filter_map(|(path, changes)| {
                let c = changes.first().filter(|c| !c.deleted)?;
                Some((path.as_str(), c.blob.as_str()))
            })
            .collect();
        // On all cores: fingerprinting hashes every line of every document.
        let held: Vec<(&str, &str, Fingerprint)> = newest
            .par_iter()
            .filter_map(|&(path, blob)| current(path).map(|f| (path, blob, f)))
            .collect();
        let unmodified: HashSet<&str> = held.iter().map(|&(path, _, _)| path).collect();
        let held: HashMap<&str, Fingerprint> =
            held.into_iter().map(|(_, blob, f)| (blob, f)).collect();
        resolve(root, &raw, shallow, held, &unmodified)
    }
}

fn resolve(
    root: &Path,
    raw: &[(String, Vec<RawChange>)],
    shallow: bool,
    held: HashMap<&str, Fingerprint>,
    unmodified: &HashSet<&str>,
) -> Option<History> {
    // Every stored version of every document, once, in path order: the versions of one
    // document (which mostly share their front matter) sit side by side.
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut wanted: Vec<&str> = Vec::new();
    for (_, changes) in raw.iter().filter(|(path, _)| is_document(path)) {
        for c in changes.iter().filter(|c| !c.deleted) {
            if held.contains_key(c.blob.as_str()) {
                continue;
            }
            index.entry(c.blob.as_str()).or_insert_with(|| {
                wanted.push(c.blob.as_str());
                wanted.len() - 1
            });
        }
    }
    let prints = fingerprints(root, &wanted)?;
    let print_of = |blob: &str| match held.get(blob) {
        Some(f) => Some(f.clone()),
        None => index.get(blob).and_then(|&i| prints[i].clone()),
    };

    let by_path = raw
        .iter()
        .map(|(path, changes)| {
            let document = is_document(path);
            let mut out: Vec<Change> = Vec::with_capacity(changes.len());
            let mut before: Option<Fingerprint> = None;
            // Oldest first, to compare each version with the one before it.
            for c in changes.iter().rev() {
                let state = (document && !c.deleted)
                    .then(|| print_of(&c.blob))
                    .flatten();
                let (content, version, approval) = match (&before, &state) {
                    (Some(b), Some(s)) => (
                        s.content_differs(b),
                        s.version != b.version,
                        s.approved_on != b.approved_on,
                    ),
                    _ => (true, true, true),
                };
                out.push(Change {
                    commit: Arc::clone(&c.commit),
                    content_changed: content,
                    version_changed: version,
                    approval_changed: approval,
                    deleted: c.deleted,
                    state: state.clone(),
                });
                before = state;
            }
            out.reverse();
            let file = FileHistory {
                changes: out,
                worktree_is_head: unmodified.contains(path.as_str()),
            };
            (path.clone(), file)
        })
        .collect();
    Some(History { by_path, shallow })
}

fn is_document(path: &str) -> bool {
    // Bytes: the last three of a name ending in `😀` or `ÄÖ` are not a whole character.
    path.len() > 3 && path.as_bytes()[path.len() - 3..].eq_ignore_ascii_case(b".md")
}

/// One commit of the first-parent walk and the files it changed, as `git log --raw` lists
/// them.
#[derive(Debug, PartialEq)]
struct Walked {
    id: String,
    date: Date,
    /// Path, blob after the change, deleted.
    files: Vec<(String, String, bool)>,
}

/// Reads `git log -z --raw --format=%H%x00%ct` output: per commit `<id>` NUL `<time>` NUL,
/// then per changed file `[\n]:<old mode> <new mode> <old blob> <new blob> <status>` NUL
/// `<path>` NUL. Every field is checked; output of any other shape (which git does not
/// write) gives `None`, never a guess.
fn parse_walk(log: &str) -> Option<Vec<Walked>> {
    let mut tokens = log.split('\0').peekable();
    let mut out: Vec<Walked> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    while let Some(id) = tokens.next() {
        if id.is_empty() && tokens.peek().is_none() {
            break; // the terminator of the last field
        }
        if !super::is_object_id(id) || !seen.insert(id) {
            return None;
        }
        let date = commit_date(tokens.next()?);
        let mut files = Vec::new();
        while let Some(meta) = tokens
            .peek()
            .and_then(|t| t.strip_prefix('\n').unwrap_or(t).strip_prefix(':'))
        {
            tokens.next();
            let (blob, deleted) = raw_entry(meta)?;
            let path = tokens.next().filter(|p| !p.is_empty())?;
            files.push((path.to_owned(), blob.to_owned(), deleted));
        }
        out.push(Walked {
            id: id.to_owned(),
            date,
            files,
        });
    }
    Some(out)
}

/// The committer date of `%ct`, in UTC. Only a corrupt commit (which `git fsck` reports) has
/// none git can print: it counts as the latest date there is, so it is shown as odd and is
/// never taken for a change made before an approval.
fn commit_date(time: &str) -> Date {
    Some(time)
        .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|t| t.parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map_or(Date::MAX, |t| {
            t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date()
        })
}

/// `<old mode> <new mode> <old blob> <new blob> <status>` (after the `:`): the blob after the
/// change, and whether the change deleted the file.
fn raw_entry(meta: &str) -> Option<(&str, bool)> {
    let mut fields = meta.split(' ');
    let mode = |m: &str| m.len() == 6 && m.bytes().all(|b| matches!(b, b'0'..=b'7'));
    fields.next().filter(|m| mode(m))?;
    fields.next().filter(|m| mode(m))?;
    fields.next().filter(|b| super::is_object_id(b))?;
    let blob = fields.next().filter(|b| super::is_object_id(b))?;
    let status = fields.next()?;
    let (letter, score) = status.split_at_checked(1)?;
    if fields.next().is_some()
        || !"ACDMRTUX".contains(letter)
        || !score.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    Some((blob, letter == "D"))
}

/// Author name and subject of each walked commit, from `git log --no-walk` over their ids:
/// `<id>` NUL `<author>` NUL `<subject>` NUL per commit, in the order asked. Git prints a
/// message or name only up to a NUL byte (which `git commit` refuses, but a commit written
/// with `hash-object --literally` can hold), so the fields cannot hold one; should they ever,
/// each record is still checked against the id it must start with, and the commits from a
/// mismatch on get no text rather than another commit's. Control characters are replaced:
/// a subject is printed on terminals too.
fn commit_texts(root: &Path, walked: &[Walked]) -> Option<Vec<(String, String)>> {
    let mut texts = vec![(String::new(), String::new()); walked.len()];
    if walked.is_empty() {
        return Some(texts);
    }
    let ids: String = walked.iter().flat_map(|w| [w.id.as_str(), "\n"]).collect();
    let out = super::git_input(
        root,
        &[
            "log",
            "--no-walk=unsorted",
            "--stdin",
            "-z",
            "--no-color",
            "--no-show-signature",
            "--encoding=UTF-8",
            "--format=%H%x00%an%x00%s",
        ],
        ids,
    )?;
    let mut tokens = out.split('\0');
    for (w, text) in walked.iter().zip(&mut texts) {
        let (Some(id), Some(author), Some(subject)) = (tokens.next(), tokens.next(), tokens.next())
        else {
            break;
        };
        if id != w.id {
            break;
        }
        *text = (printable(author), printable(subject.trim_end()));
    }
    Some(texts)
}

/// `text` with each control character replaced by U+FFFD (a tab by a space).
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// Changes per path (sorted), newest first.
fn by_path(walked: Vec<Walked>, texts: Vec<(String, String)>) -> Vec<(String, Vec<RawChange>)> {
    let mut by_path: HashMap<String, Vec<RawChange>> = HashMap::new();
    for (w, (author, subject)) in walked.into_iter().zip(texts) {
        let commit = Arc::new(Commit {
            id: w.id,
            date: w.date,
            author,
            subject,
        });
        for (path, blob, deleted) in w.files {
            by_path.entry(path).or_default().push(RawChange {
                commit: Arc::clone(&commit),
                blob,
                deleted,
            });
        }
    }
    let mut out: Vec<(String, Vec<RawChange>)> = by_path.into_iter().collect();
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Fingerprints of the given blobs. Batches are read by `git cat-file` processes side by side
/// (inflating objects is most of the work, and it is Git's), so memory stays bounded by the
/// batches in flight, not by the size of the whole history. Each distinct front matter of a
/// batch is parsed once.
fn fingerprints(root: &Path, blobs: &[&str]) -> Option<Vec<Option<Fingerprint>>> {
    const BATCH: usize = 1024;
    let batches: Vec<Vec<Option<Fingerprint>>> = blobs
        .par_chunks(BATCH)
        .map(|chunk| {
            let mut bytes: Vec<Option<Vec<u8>>> = Vec::with_capacity(chunk.len());
            blobs::read_each(root, chunk, |_, b| bytes.push(b))?;
            let mut facts: HashMap<&str, Facts> = HashMap::new();
            let none = Facts::of_yaml(None);
            Some(
                bytes
                    .iter()
                    .map(|b| {
                        let (yaml, body) = b.as_deref().and_then(split_stored)?;
                        let f = match yaml {
                            Some(y) => facts.entry(y).or_insert_with(|| Facts::of_yaml(Some(y))),
                            None => &none,
                        };
                        Some(Fingerprint::new(f.clone(), body))
                    })
                    .collect(),
            )
        })
        .collect::<Option<_>>()?;
    Some(batches.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::git::testing::run;

    const FM: &str = "---\nid: POL-1\ntitle: T\ntype: policy\nowner: CISO\nstatus: approved\nlast_reviewed: 2026-01-10\n";

    fn doc(version: &str, extra: &str, body: &str) -> String {
        format!("{FM}version: \"{version}\"\n{extra}---\n{body}")
    }

    #[test]
    fn the_walk_is_read_field_by_field() {
        let (a, b, z) = ("a".repeat(40), "b".repeat(64), "0".repeat(40));
        let entry = |blob: &str, status: &str, path: &str| {
            format!(":100644 100644 {z} {blob} {status}\0{path}\0")
        };
        // A path is whatever follows its entry, even text that looks like structure.
        let odd = format!(":100644 100644 {z} {a} M");
        let log = format!(
            "{a}\01767603600\0\n{}{}{b}\0\0{z}\0\0",
            entry(&a, "M", "x.md"),
            entry(&z, "D", &odd),
        );
        let walk = parse_walk(&log).unwrap();
        let files = |i: usize| walk[i].files.clone();
        assert_eq!(walk.len(), 3);
        assert_eq!(walk[0].date, jiff::civil::date(2026, 1, 5));
        assert_eq!(
            files(0),
            [
                ("x.md".to_owned(), a.clone(), false),
                (odd.clone(), z.clone(), true)
            ]
        );
        // A commit without a readable time counts as the latest date.
        assert_eq!(walk[1].date, Date::MAX);
        assert!(files(1).is_empty() && files(2).is_empty());

        for bad in [
            format!("{}\01\0", &a[..39]),
            format!("{}\01\0", a.to_uppercase()),
            format!("{a}\01\0{a}\01\0"),
            format!("{a}\01\0\n{}", entry(&a, "M", "")),
            format!("{a}\01\0\n:100644 100644 {z} {a} M extra\0x.md\0"),
            format!("{a}\01\0\n:100644 10064 {z} {a} M\0x.md\0"),
            format!("{a}\01\0\n:100644 100644 {z} {a} Q\0x.md\0"),
            format!("{a}\01\0\n:100644 100644 {z} {a}\0x.md\0"),
            format!("{a}\01\0Subject\0"),
        ] {
            assert_eq!(parse_walk(&bad), None, "{bad:?}");
        }
        assert_eq!(parse_walk(""), Some(Vec::new()));
    }

    #[test]
    fn commit_text_is_printable() {
        assert_eq!(
            printable("a\u{1e}b\tc\u{1b}[31m"),
            "a\u{fffd}b c\u{fffd}[31m"
        );
    }

    #[test]
    fn history_of_files_in_a_subfolder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let docs = root.join("isms/policies");
        std::fs::create_dir_all(&docs).unwrap();
        let write = |text: &str| std::fs::write(docs.join("a.md"), text).unwrap();
        write(&doc("1.0", "", "# A\n\nRule one.\n"));
        std::fs::write(root.join("other.txt"), "x").unwrap();
        run(root, "2026-03-01", &["init", "-q"]);
        run(root, "2026-03-01", &["add", "."]);
        run(root, "2026-03-01", &["commit", "-q", "-m", "First version"]);
        write(&doc("1.0", "", "# A\r\n\r\nRule one.  \r\n\r\n"));
        run(root, "2026-03-02", &["commit", "-q", "-am", "Line endings"]);
        write(&doc(
            "1.0",
            "next_review: 2027-01-01\n",
            "# A\n\nRule one.\n",
        ));
        run(root, "2026-03-03", &["commit", "-q", "-am", "Review date"]);
        write(&doc("1.1", "controls: [\"5.15\"]\n", "# A\n\nRule two.\n"));
        run(
            root,
            "2026-03-04",
            &["commit", "-q", "-am", "Tighten access rules"],
        );

        let h = history(&root.join("isms"), None).unwrap();
        let file = h.of("policies/a.md");
        let subjects: Vec<&str> = file
            .changes
            .iter()
            .map(|c| c.commit.subject.as_str())
            .collect();
        assert_eq!(
            subjects,
            [
                "Tighten access rules",
                "Review date",
                "Line endings",
                "First version"
            ]
        );
        let flags: Vec<(bool, bool)> = file
            .changes
            .iter()
            .map(|c| (c.content_changed, c.version_changed))
            .collect();
        assert_eq!(
            flags,
            [(true, true), (false, false), (false, false), (true, true)]
        );
        let head = file.head().unwrap();
        assert_eq!(head.version.as_deref(), Some("1.1"));
        assert_eq!(head.controls, ["A.5.15"]);
        assert_eq!(
            file.version_set().unwrap().commit.subject,
            "Tighten access rules"
        );
        assert_eq!(
            file.last_content_change().unwrap().commit.date,
            jiff::civil::date(2026, 3, 4)
        );
        assert_eq!(file.changes[0].commit.author, "Ann Author");
        assert_eq!(file.changes[0].commit.short().len(), 7);
        assert!(
            h.of("other.txt").changes.is_empty(),
            "outside the content folder"
        );
        assert!(!h.shallow);

        // The history as it was one commit earlier.
        let before = history(&root.join("isms"), Some("HEAD~1")).unwrap();
        assert_eq!(before.of("policies/a.md").changes.len(), 3);
        assert_eq!(
            before
                .of("policies/a.md")
                .head()
                .unwrap()
                .version
                .as_deref(),
            Some("1.0")
        );
    }

    #[test]
    fn a_merged_branch_counts_as_one_change() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.md"), doc("1.0", "", "one\n")).unwrap();
        run(root, "2026-03-01", &["init", "-q"]);
        run(root, "2026-03-01", &["add", "."]);
        run(root, "2026-03-01", &["commit", "-q", "-m", "Add"]);
        run(root, "2026-03-02", &["checkout", "-q", "-b", "topic"]);
        std::fs::write(root.join("a.md"), doc("1.0", "", "two\n")).unwrap();
        run(
            root,
            "2026-03-02",
            &["commit", "-q", "-am", "Draft wording"],
        );
        std::fs::write(root.join("a.md"), doc("1.1", "", "three\n")).unwrap();
        run(
            root,
            "2026-03-03",
            &["commit", "-q", "-am", "Final wording"],
        );
        run(root, "2026-03-04", &["checkout", "-q", "main"]);
        run(
            root,
            "2026-03-04",
            &["merge", "-q", "--no-ff", "-m", "Merge topic", "topic"],
        );
        let h = history(root, None).unwrap();
        let file = h.of("a.md");
        let subjects: Vec<&str> = file
            .changes
            .iter()
            .map(|c| c.commit.subject.as_str())
            .collect();
        assert_eq!(subjects, ["Merge topic", "Add"]);
        assert!(file.changes[0].version_changed && file.changes[0].content_changed);
        assert_eq!(file.changes[0].commit.date, jiff::civil::date(2026, 3, 4));
    }

    #[test]
    fn deleted_and_re_added_files_start_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.md"), doc("1.0", "", "x\n")).unwrap();
        run(root, "2026-03-01", &["init", "-q"]);
        run(root, "2026-03-01", &["add", "."]);
        run(root, "2026-03-01", &["commit", "-q", "-m", "Add"]);
        run(root, "2026-03-02", &["rm", "-q", "a.md"]);
        run(root, "2026-03-02", &["commit", "-q", "-m", "Remove"]);
        std::fs::write(root.join("a.md"), doc("1.0", "", "x\n")).unwrap();
        run(root, "2026-03-03", &["add", "."]);
        run(root, "2026-03-03", &["commit", "-q", "-m", "Restore"]);
        let h = history(root, None).unwrap();
        let file = h.of("a.md");
        assert_eq!(file.changes.len(), 3);
        assert!(file.changes[1].deleted);
        assert_eq!(file.version_set().unwrap().commit.subject, "Restore");
    }
}
