//! Helpers shared by the integration tests: run the real `ismsbook` binary on fixture
//! repositories in temporary folders, parse its JSON findings, and inspect the written site.
//!
//! Every test binary includes this module with `mod common;` and uses a different subset of it.
#![allow(dead_code)]

use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The date every test judges reviews against (unless it tests dates itself).
pub const TODAY: &str = "2026-11-29";

/// `ismsbook.toml` that switches off the findings every small fixture has about the whole ISMS
/// (93 unmapped controls, 13 missing mandatory documents), so a test sees only what it provokes.
pub const QUIET_GLOBALS: &str =
    "[checks]\nunmapped-control = \"off\"\nmissing-mandatory-document = \"off\"\nunmapped-document = \"off\"\n";

/// A watch session (`serve` without the server) on the content folder `root`, writing to
/// `out`, judging reviews as of [`TODAY`]; nothing built yet.
pub fn watch_session(root: &Path, out: &Path) -> ismsbook::serve::rebuild::Session {
    ismsbook::serve::rebuild::Session::new(ismsbook::serve::rebuild::SessionOptions {
        root: root.to_path_buf(),
        output: Some(out.to_path_buf()),
        today: ismsbook::dates::parse(TODAY).expect("a date"),
        drafts: false,
        audience: None,
        language: None,
    })
}

// ----- running the binary -----

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub args: Vec<String>,
}

impl Run {
    /// Asserts the exit status, printing the whole run when it differs.
    #[track_caller]
    pub fn expect(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            code,
            "`ismsbook {}` exited {} (expected {code})\n--- stdout\n{}\n--- stderr\n{}",
            self.args.join(" "),
            self.code,
            self.stdout,
            self.stderr
        );
        self.no_panic()
    }

    /// Findings never hide behind a panic.
    #[track_caller]
    pub fn no_panic(&self) -> &Self {
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("RUST_BACKTRACE"),
            "`ismsbook {}` panicked:\n{}",
            self.args.join(" "),
            self.stderr
        );
        self
    }
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_ismsbook")
}

/// Runs the binary with `args`; `SOURCE_DATE_EPOCH` and `NO_COLOR` from the test environment
/// are removed so runs do not depend on the caller's shell.
pub fn ismsbook<S: AsRef<str>>(args: &[S]) -> Run {
    ismsbook_env(args, &[])
}

/// Like [`ismsbook`], with extra environment variables.
pub fn ismsbook_env<S: AsRef<str>>(args: &[S], env: &[(&str, &str)]) -> Run {
    let args: Vec<String> = args.iter().map(|a| a.as_ref().to_owned()).collect();
    let mut cmd = Command::new(bin());
    cmd.args(&args)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("the ismsbook binary runs");
    Run {
        code: out
            .status
            .code()
            .expect("ismsbook exited normally, not by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        args,
    }
}

pub fn path_str(p: &Path) -> String {
    p.to_str().expect("temporary paths are UTF-8").to_owned()
}

// ----- JSON findings -----

/// One entry of `findings` in `check --format json` / `findings.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: String,
    pub severity: String,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub document: Option<String>,
    pub control: Option<String>,
}

/// The whole JSON report.
#[derive(Debug, Clone)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub summary: Value,
    pub raw: Value,
}

fn opt_str(v: &Value, key: &str) -> Option<String> {
    match &v[key] {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => panic!("`{key}` should be a string or null, got {other}"),
    }
}

fn opt_u64(v: &Value, key: &str) -> Option<u64> {
    match &v[key] {
        Value::Null => None,
        other => Some(
            other
                .as_u64()
                .unwrap_or_else(|| panic!("`{key}` should be a number or null, got {other}")),
        ),
    }
}

impl Report {
    pub fn parse(text: &str) -> Report {
        let raw: Value =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"));
        let findings = raw["findings"]
            .as_array()
            .unwrap_or_else(|| panic!("no `findings` array in\n{text}"))
            .iter()
            .map(|f| Finding {
                code: f["code"].as_str().expect("code is a string").to_owned(),
                severity: f["severity"]
                    .as_str()
                    .expect("severity is a string")
                    .to_owned(),
                message: f["message"]
                    .as_str()
                    .expect("message is a string")
                    .to_owned(),
                file: opt_str(f, "file"),
                line: opt_u64(f, "line"),
                column: opt_u64(f, "column"),
                document: opt_str(f, "document"),
                control: opt_str(f, "control"),
            })
            .collect();
        Report {
            findings,
            summary: raw["summary"].clone(),
            raw,
        }
    }

    pub fn with_code(&self, code: &str) -> Vec<&Finding> {
        self.findings.iter().filter(|f| f.code == code).collect()
    }

    pub fn in_file(&self, file: &str) -> Vec<&Finding> {
        self.findings
            .iter()
            .filter(|f| f.file.as_deref() == Some(file))
            .collect()
    }

    /// The only finding with `code` in `file`; fails listing all findings otherwise.
    #[track_caller]
    pub fn one(&self, code: &str, file: &str) -> &Finding {
        let hits: Vec<&Finding> = self
            .findings
            .iter()
            .filter(|f| f.code == code && f.file.as_deref() == Some(file))
            .collect();
        assert_eq!(
            hits.len(),
            1,
            "expected exactly one {code} in {file}, got:\n{}",
            self.dump()
        );
        hits[0]
    }

    /// `(code, line, column)` of every finding in `file`, in output order.
    pub fn positions(&self, file: &str) -> Vec<(String, u64, u64)> {
        self.in_file(file)
            .into_iter()
            .map(|f| (f.code.clone(), f.line.unwrap_or(0), f.column.unwrap_or(0)))
            .collect()
    }

    pub fn controls_with(&self, code: &str) -> Vec<String> {
        self.with_code(code)
            .iter()
            .filter_map(|f| f.control.clone())
            .collect()
    }

    pub fn summary_count(&self, key: &str) -> u64 {
        self.summary[key]
            .as_u64()
            .unwrap_or_else(|| panic!("summary.{key} missing in {}", self.summary))
    }

    /// Human-readable listing for assertion messages.
    pub fn dump(&self) -> String {
        self.findings
            .iter()
            .map(|f| {
                format!(
                    "  {} {} {}:{}:{} doc={:?} control={:?} {}",
                    f.severity,
                    f.code,
                    f.file.as_deref().unwrap_or("-"),
                    f.line.unwrap_or(0),
                    f.column.unwrap_or(0),
                    f.document,
                    f.control,
                    f.message
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

// ----- content repositories in temporary folders -----

/// A content root in a fresh temporary folder (`<tmp>/content`), with `<tmp>/out` as the
/// default output of [`Repo::build`] (outside the content root).
pub struct Repo {
    /// Removed when the Repo is dropped; `None` for a [`Repo::shared`] one.
    _tmp: Option<tempfile::TempDir>,
    base: PathBuf,
    root: PathBuf,
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

impl Repo {
    pub fn new() -> Repo {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let base = tmp.path().to_path_buf();
        let root = base.join("content");
        std::fs::create_dir(&root).expect("create content root");
        Repo {
            _tmp: Some(tmp),
            base,
            root,
        }
    }

    /// A repository meant to live in a `static` and be shared, read-only, by the tests of one
    /// test binary (so an expensive build runs once). It lives under Cargo's target tmp folder,
    /// as `<name>-<pid>`; leftovers of earlier runs are removed by the next run.
    pub fn shared(name: &str) -> Repo {
        let parent = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ismsbook-shared");
        std::fs::create_dir_all(&parent).expect("create shared test folder");
        let prefix = format!("{name}-");
        for entry in std::fs::read_dir(&parent)
            .expect("read shared test folder")
            .flatten()
        {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            let Some(pid) = file_name.strip_prefix(&prefix) else {
                continue;
            };
            // Left by a test process that has ended (Linux), or old enough to be (elsewhere).
            let ended = Path::new("/proc/self").exists() && !Path::new("/proc").join(pid).exists();
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600);
            if ended || old {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
        let base = parent.join(format!("{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let root = base.join("content");
        std::fs::create_dir_all(&root).expect("create content root");
        Repo {
            _tmp: None,
            base,
            root,
        }
    }

    /// A shared (see [`Repo::shared`]) copy of `tests/fixtures/<name>`.
    pub fn shared_fixture(name: &str) -> Repo {
        let repo = Repo::shared(name);
        copy_dir(&fixtures_dir().join(name), &repo.root, &|_| true);
        repo
    }

    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Repo {
        let repo = Repo::new();
        copy_dir(&fixtures_dir().join(name), &repo.root, &|_| true);
        repo
    }

    /// A copy of any folder, skipping relative paths for which `keep` is false.
    pub fn copy_of(src: &Path, keep: &dyn Fn(&str) -> bool) -> Repo {
        let repo = Repo::new();
        copy_dir(src, &repo.root, keep);
        repo
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The temporary folder holding the content root (for outputs beside it).
    pub fn tmp(&self) -> &Path {
        &self.base
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// The text of a file of the content folder.
    pub fn read(&self, rel: &str) -> String {
        read(&self.root.join(rel))
    }

    /// The default output of [`Repo::build`].
    pub fn out(&self) -> PathBuf {
        self.base.join("out")
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        let p = self.root.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create parent folder");
        }
        std::fs::write(&p, contents).expect("write fixture file");
        self
    }

    /// Writes `---\n{front matter}---\n{body}` (see [`Fm`]).
    pub fn doc(&self, rel: &str, fm: &Fm, body: &str) -> &Self {
        self.write(rel, fm.doc(body))
    }

    pub fn quiet_globals(&self) -> &Self {
        self.write("ismsbook.toml", QUIET_GLOBALS)
    }

    /// `ismsbook check <root> --format json --today TODAY <extra>`.
    pub fn check(&self, extra: &[&str]) -> (Run, Report) {
        let mut args = vec![
            "check".to_owned(),
            path_str(&self.root),
            "--format".into(),
            "json".into(),
        ];
        if !extra.contains(&"--today") {
            args.extend(["--today".to_owned(), TODAY.to_owned()]);
        }
        args.extend(extra.iter().map(|s| s.to_string()));
        let run = ismsbook(&args);
        run.no_panic();
        let report = Report::parse(&run.stdout);
        (run, report)
    }

    /// `ismsbook check <root> --today TODAY <extra>` with human output (on stderr).
    pub fn check_human(&self, extra: &[&str]) -> Run {
        let mut args = vec![
            "check".to_owned(),
            path_str(&self.root),
            "--today".into(),
            TODAY.into(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        let run = ismsbook(&args);
        run.no_panic();
        run
    }

    /// `ismsbook build <root> -o <tmp>/out --today TODAY <extra>`.
    pub fn build(&self, extra: &[&str]) -> Run {
        self.build_to(&self.out(), extra)
    }

    pub fn build_to(&self, out: &Path, extra: &[&str]) -> Run {
        let mut args = vec![
            "build".to_owned(),
            path_str(&self.root),
            "-o".into(),
            path_str(out),
            "--today".into(),
            TODAY.into(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        let run = ismsbook(&args);
        run.no_panic();
        run
    }

    /// Text of a file of the default output.
    pub fn page(&self, rel: &str) -> String {
        read(&self.out().join(rel))
    }
}

impl Default for Repo {
    fn default() -> Self {
        Repo::new()
    }
}

#[track_caller]
/// The file line of the first line of `body` that holds `text`, for a body starting at line
/// `first` of its file (after the front matter).
pub fn line_in(body: &str, text: &str, first: u64) -> u64 {
    let i = body
        .lines()
        .position(|l| l.contains(text))
        .unwrap_or_else(|| panic!("{text} is in the body"));
    first + i as u64
}

pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

/// Copies `src` into `dst` recursively; `keep` sees `/`-separated paths relative to `src`.
pub fn copy_dir(src: &Path, dst: &Path, keep: &dyn Fn(&str) -> bool) {
    fn walk(base: &Path, dir: &Path, dst: &Path, keep: &dyn Fn(&str) -> bool) {
        for entry in
            std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        {
            let entry = entry.expect("directory entry");
            let path = entry.path();
            let rel = rel_path(base, &path);
            if !keep(&rel) {
                continue;
            }
            let target = dst.join(&rel);
            if entry.file_type().expect("file type").is_dir() {
                std::fs::create_dir_all(&target).expect("create folder");
                walk(base, &path, dst, keep);
            } else {
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent).expect("create folder");
                }
                std::fs::copy(&path, &target).expect("copy file");
            }
        }
    }
    std::fs::create_dir_all(dst).expect("create destination");
    walk(src, src, dst, keep);
}

/// `/`-separated path of `path` relative to `base`.
pub fn rel_path(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .expect("path under base")
        .components()
        .map(|c| c.as_os_str().to_str().expect("UTF-8 path").to_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Every file under `dir` (relative `/`-separated path → bytes), for byte-for-byte comparisons.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    all_files(dir)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(dir.join(&rel)).expect("read file");
            (rel, bytes)
        })
        .collect()
}

/// Every file under `dir`, as sorted relative paths (hidden files included).
pub fn all_files(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in
            std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        {
            let entry = entry.expect("directory entry");
            let path = entry.path();
            if entry.file_type().expect("file type").is_dir() {
                walk(base, &path, out);
            } else {
                out.push(rel_path(base, &path));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Every `.html` file under `dir`, relative.
pub fn html_files(dir: &Path) -> Vec<String> {
    all_files(dir)
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .collect()
}

/// Entries of `dir` whose name contains `ismsbook-staging` (left-over staging folders).
pub fn staging_leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.contains("ismsbook-staging"))
                .collect()
        })
        .unwrap_or_default()
}

// ----- front matter -----

/// A valid front matter, line by line:
///
/// ```text
/// 1 ---
/// 2 id: <id>
/// 3 title: <title>
/// 4 type: policy
/// 5 owner: CISO
/// 6 version: "1.0"
/// 7 status: approved
/// 8 last_reviewed: 2026-06-01
/// 9… extra lines, in order
///   ---
/// ```
///
/// Setters take YAML as written (quote values yourself).
#[derive(Debug, Clone)]
pub struct Fm {
    pub id: String,
    pub title: String,
    pub doc_type: String,
    pub owner: String,
    pub version: String,
    pub status: String,
    pub last_reviewed: String,
    pub extra: Vec<String>,
}

impl Fm {
    pub fn new(id: &str) -> Fm {
        Fm {
            id: id.to_owned(),
            title: format!("Title of {id}"),
            doc_type: "policy".into(),
            owner: "CISO".into(),
            version: "\"1.0\"".into(),
            status: "approved".into(),
            last_reviewed: "2026-06-01".into(),
            extra: Vec::new(),
        }
    }

    pub fn title(mut self, v: &str) -> Fm {
        self.title = v.to_owned();
        self
    }

    pub fn doc_type(mut self, v: &str) -> Fm {
        self.doc_type = v.to_owned();
        self
    }

    pub fn owner(mut self, v: &str) -> Fm {
        self.owner = v.to_owned();
        self
    }

    pub fn version(mut self, v: &str) -> Fm {
        self.version = v.to_owned();
        self
    }

    pub fn status(mut self, v: &str) -> Fm {
        self.status = v.to_owned();
        self
    }

    pub fn reviewed(mut self, v: &str) -> Fm {
        self.last_reviewed = v.to_owned();
        self
    }

    /// Appends a raw YAML line (line 9 for the first, 10 for the second, …).
    pub fn line(mut self, l: &str) -> Fm {
        self.extra.push(l.to_owned());
        self
    }

    /// The front matter with its `---` delimiters and a final newline.
    pub fn render(&self) -> String {
        let mut s = format!(
            "---\nid: {}\ntitle: {}\ntype: {}\nowner: {}\nversion: {}\nstatus: {}\nlast_reviewed: {}\n",
            self.id, self.title, self.doc_type, self.owner, self.version, self.status, self.last_reviewed
        );
        for l in &self.extra {
            s.push_str(l);
            s.push('\n');
        }
        s.push_str("---\n");
        s
    }

    /// The whole document: front matter, then `body`.
    pub fn doc(&self, body: &str) -> String {
        format!("{}{body}", self.render())
    }

    /// File line of the first body line.
    pub fn body_line(&self) -> u64 {
        10 + self.extra.len() as u64
    }
}

// ----- HTML -----

/// Decodes the character references ismsbook and its libraries write.
pub fn html_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|&e| e <= 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let ch = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes `%XX` escapes (UTF-8).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).expect("percent-decoded URL is UTF-8")
}

/// Values of every `attr="…"` attribute in `html` (raw, still HTML-escaped).
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!("{attr}=\"");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find(&needle) {
        let start = from + i;
        let value_start = start + needle.len();
        from = value_start;
        // Only a whole attribute name: preceded by whitespace (not `data-href=`).
        if !html[..start].ends_with(|c: char| c.is_ascii_whitespace()) {
            continue;
        }
        let Some(len) = html[value_start..].find('"') else {
            break;
        };
        out.push(html[value_start..value_start + len].to_owned());
        from = value_start + len + 1;
    }
    out
}

/// Every element id in `html`, unescaped.
pub fn element_ids(html: &str) -> HashSet<String> {
    attr_values(html, "id")
        .iter()
        .map(|v| html_unescape(v))
        .collect()
}

/// A URL scheme such as `https:` or `mailto:`.
pub fn has_scheme(url: &str) -> bool {
    match url.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Resolves `/`-separated `rel` against the folder of `page` (both relative to the site root);
/// `None` when it climbs above the root.
pub fn resolve(page: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Every internal `href`/`src` in the site at `out` that does not resolve to an existing file,
/// or whose `#fragment` names no element id of the target page, as readable problem lines.
pub fn broken_internal_links(out: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let mut ids_cache: BTreeMap<String, HashSet<String>> = BTreeMap::new();
    let mut checked = 0usize;
    for page in html_files(out) {
        let html = read(&out.join(&page));
        for attr in ["href", "src"] {
            for raw in attr_values(&html, attr) {
                let url = html_unescape(&raw);
                if has_scheme(&url) {
                    continue;
                }
                checked += 1;
                if url.starts_with('/') {
                    problems.push(format!("{page}: {attr}=\"{raw}\" is site-absolute"));
                    continue;
                }
                let (path, fragment) = match url.split_once('#') {
                    Some((p, f)) => (p, Some(percent_decode(f))),
                    None => (url.as_str(), None),
                };
                let path = path.split('?').next().unwrap_or(path);
                let target = if path.is_empty() {
                    page.clone()
                } else {
                    match resolve(&page, &percent_decode(path)) {
                        Some(t) => t,
                        None => {
                            problems
                                .push(format!("{page}: {attr}=\"{raw}\" climbs out of the site"));
                            continue;
                        }
                    }
                };
                if !out.join(&target).is_file() {
                    problems.push(format!(
                        "{page}: {attr}=\"{raw}\" → {target} does not exist"
                    ));
                    continue;
                }
                if let Some(frag) = fragment.filter(|f| !f.is_empty()) {
                    if target.ends_with(".html") {
                        let ids = ids_cache
                            .entry(target.clone())
                            .or_insert_with(|| element_ids(&read(&out.join(&target))));
                        if !ids.contains(&frag) {
                            problems.push(format!(
                                "{page}: {attr}=\"{raw}\" → no id=\"{frag}\" in {target}"
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(
        checked > 0,
        "no internal link found at all in {}",
        out.display()
    );
    problems
}

/// The text between the element with `id="<start_id>"` and the next `</section>`.
#[track_caller]
pub fn section<'a>(html: &'a str, start_id: &str) -> &'a str {
    let marker = format!("id=\"{start_id}\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {marker} in page:\n{html}"));
    let end = html[start..]
        .find("</section>")
        .map(|e| start + e)
        .unwrap_or(html.len());
    &html[start..end]
}

/// Every `<a href="…">text</a>` in `html` (a page at site path `page`), as the site path it
/// resolves to (with `#fragment` if any, percent-decoded) and the link's inner HTML.
/// External links keep their URL.
pub fn links(page: &str, html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find("<a href=\"") {
        let start = from + i + "<a href=\"".len();
        let Some(len) = html[start..].find('"') else {
            break;
        };
        let url = html_unescape(&html[start..start + len]);
        let Some(gt) = html[start..].find('>') else {
            break;
        };
        let text_start = start + gt + 1;
        let Some(end) = html[text_start..].find("</a>") else {
            break;
        };
        let text = html[text_start..text_start + end].to_owned();
        from = text_start + end;
        let target = if has_scheme(&url) {
            url
        } else {
            let (path, fragment) = match url.split_once('#') {
                Some((p, f)) => (p, Some(percent_decode(f))),
                None => (url.as_str(), None),
            };
            let mut t = if path.is_empty() {
                page.to_owned()
            } else {
                resolve(page, &percent_decode(path)).unwrap_or_else(|| format!("<outside>{path}"))
            };
            if let Some(f) = fragment {
                t.push('#');
                t.push_str(&f);
            }
            t
        };
        out.push((target, text));
    }
    out
}

/// Whether `html` (the page at `page`) has a link to site path `target` with inner HTML `text`.
pub fn has_link(page: &str, html: &str, target: &str, text: &str) -> bool {
    links(page, html)
        .iter()
        .any(|(t, x)| t == target && x == text)
}

/// Element ids that occur more than once in `html`.
pub fn duplicate_ids(html: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut dups: Vec<String> = attr_values(html, "id")
        .into_iter()
        .filter(|id| !seen.insert(id.clone()))
        .collect();
    dups.sort();
    dups.dedup();
    dups
}

/// Every `href`/`src` in the site is relative (works under any sub-path and from `file://`)
/// and none points at Markdown source.
pub fn assert_links_relative(out: &Path) {
    for page in html_files(out) {
        let html = read(&out.join(&page));
        for attr in ["href", "src"] {
            for v in attr_values(&html, attr) {
                let v = html_unescape(&v);
                assert!(!v.starts_with('/'), "{page}: site-absolute {attr}=\"{v}\"");
                assert!(
                    !v.to_ascii_lowercase().starts_with("file:"),
                    "{page}: {attr}=\"{v}\""
                );
                let path = v.split('#').next().unwrap_or_default();
                assert!(
                    !path.ends_with(".md"),
                    "{page}: {attr}=\"{v}\" points at Markdown source"
                );
            }
        }
    }
}

// ----- HTTP (for `serve`) -----

/// A minimal HTTP/1.1 GET over loopback, with the path sent as written (so traversal attempts
/// reach the server unnormalised). Returns status, headers (lower-cased names) and body.
pub fn http_get(addr: &str, path: &str) -> (u16, Vec<(String, String)>, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).expect("connect to ismsbook serve");
    s.set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect::<Vec<_>>();
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_owned()
    };
    (status, headers, body)
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

/// A server-sent-events subscription: `next_event` returns `(event, data)`.
pub struct Events {
    reader: std::io::BufReader<std::net::TcpStream>,
}

impl Events {
    pub fn connect(addr: &str) -> Events {
        use std::io::{BufRead, Write};
        let mut s = std::net::TcpStream::connect(addr).expect("connect for events");
        write!(
            s,
            "GET /__ismsbook/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_millis(200)))
            .unwrap();
        let mut reader = std::io::BufReader::new(s);
        // Skip the response head.
        let mut line = String::new();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while std::time::Instant::now() < deadline {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(_) if line == "\r\n" => break,
                _ => {}
            }
        }
        Events { reader }
    }

    /// The next event within `timeout`, or `None`.
    pub fn next_event(&mut self, timeout: std::time::Duration) -> Option<(String, String)> {
        use std::io::BufRead;
        let deadline = std::time::Instant::now() + timeout;
        let (mut event, mut data) = (String::new(), Vec::new());
        let mut line = String::new();
        while std::time::Instant::now() < deadline {
            line.clear();
            match self.reader.read_line(&mut line) {
                Ok(0) => return None,
                Ok(_) => {
                    // Chunked framing lines (sizes) carry no colon-separated field; skip them.
                    let l = line.trim_end_matches(['\r', '\n']);
                    if let Some(v) = l.strip_prefix("event:") {
                        event = v.trim().to_owned();
                    } else if let Some(v) = l.strip_prefix("data:") {
                        data.push(v.strip_prefix(' ').unwrap_or(v).to_owned());
                    } else if l.is_empty() && !event.is_empty() {
                        return Some((event, data.join("\n")));
                    }
                }
                Err(_) => {}
            }
        }
        None
    }
}

// ----- Git -----

/// Runs `git args…` in `dir` as `author`, committing at `date` (`YYYY-MM-DD`, 09:00 UTC), with
/// `stdin` as its input and no user or system configuration (so a developer's settings cannot
/// change what a test sees); its trimmed standard output. Fails the test when git fails.
pub fn git_as(dir: &Path, author: &str, date: &str, args: &[&str], stdin: &[u8]) -> String {
    use std::io::Write;
    let mut child = Command::new("git")
        .args(["-c", &format!("user.name={author}")])
        .args(["-c", "user.email=ann@example.com"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", format!("{date}T09:00:00Z"))
        .env("GIT_COMMITTER_DATE", format!("{date}T09:00:00Z"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("git runs");
    child
        .stdin
        .take()
        .expect("git's stdin")
        .write_all(stdin)
        .expect("write to git");
    let out = child.wait_with_output().expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} in {}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// [`git_as`] by Ann Author on `date`.
pub fn git_at(dir: &Path, date: &str, args: &[&str]) -> String {
    git_as(dir, "Ann Author", date, args, b"")
}

/// [`git_as`] by Ann Author on 2026-03-01.
pub fn git(dir: &Path, args: &[&str]) -> String {
    git_at(dir, "2026-03-01", args)
}

// ----- builds caught mid-write -----

/// Starts `ismsbook build` of `repo` into its default output and returns once the build is
/// writing into its staging folder (20 files there), so a test can interrupt or kill it
/// mid-write. `stderr` is the child's standard error (piped, to read the interrupt's message).
pub fn build_caught_staging(repo: &Repo, stderr: std::process::Stdio) -> std::process::Child {
    let out = repo.out();
    let mut child = Command::new(bin())
        .args(["build", &path_str(repo.root()), "-o", &path_str(&out)])
        .args(["--today", TODAY])
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(std::process::Stdio::null())
        .stderr(stderr)
        .spawn()
        .expect("start ismsbook build");
    let staging = repo
        .tmp()
        .join(format!(".out.ismsbook-staging-{}", child.id()));
    let started = std::time::Instant::now();
    while !(staging.is_dir() && all_files(&staging).len() >= 20) {
        if let Some(status) = child.try_wait().expect("poll the build") {
            panic!("the build ended ({status}) before it could be caught; make the corpus larger");
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(300),
            "no staging folder appeared"
        );
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child
}

// ----- watch and serve sessions -----

/// A running `ismsbook serve` or `ismsbook watch`, killed when dropped, with what it printed on
/// stderr. Started with [`Live::start`], which returns once it is watching.
pub struct Live {
    pub child: std::process::Child,
    /// `host:port` a `serve` session listens on (empty for `watch`).
    pub addr: String,
    log: std::sync::mpsc::Receiver<String>,
    /// Every stderr line read so far.
    seen: std::cell::RefCell<Vec<String>>,
}

impl Live {
    /// Runs `ismsbook args…` (`serve …` or `watch …`) and waits for it to watch for changes.
    pub fn start(args: &[&str]) -> Live {
        use std::io::BufRead;
        let mut child = Command::new(bin())
            .args(args)
            .env_remove("SOURCE_DATE_EPOCH")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start ismsbook");
        let (tx, log) = std::sync::mpsc::channel();
        let stderr = child.stderr.take().expect("stderr is piped");
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                let _ = tx.send(line);
            }
        });
        let mut live = Live {
            child,
            addr: String::new(),
            log,
            seen: Default::default(),
        };
        if args.first() == Some(&"serve") {
            let url = live.wait_for("Serving the handbook at ");
            live.addr = url
                .split("http://")
                .nth(1)
                .and_then(|r| r.split('/').next())
                .expect("serve prints its address")
                .to_owned();
        }
        live.wait_for("Watching for changes");
        live
    }

    /// The first stderr line read so far that starts with `prefix`.
    pub fn said(&self, prefix: &str) -> Option<String> {
        self.seen
            .borrow()
            .iter()
            .find(|l| l.starts_with(prefix))
            .cloned()
    }

    /// Waits (up to 20 s) for a stderr line containing `needle`, and returns it; fails with
    /// everything said so far if it does not come or the process ends.
    pub fn wait_for(&self, needle: &str) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while std::time::Instant::now() < deadline {
            if let Ok(line) = self.log.recv_timeout(std::time::Duration::from_millis(100)) {
                self.seen.borrow_mut().push(line.clone());
                if line.contains(needle) {
                    return line;
                }
            }
        }
        panic!(
            "no `{needle}` from ismsbook; it said:\n{}",
            self.seen.borrow().join("\n")
        );
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ----- a private mount namespace -----

/// Runs `script` with `sh` in a private user and mount namespace (`unshare -rm`), where it may
/// mount a tmpfs without being root. The script exits 77 when the mount fails, before it writes
/// `started`. `None`, with a note, where namespaces are not available here (no `unshare`, or
/// no tmpfs could be mounted); a script that fails otherwise fails the test.
pub fn in_mount_namespace(script: &str, started: &Path) -> Option<std::process::Output> {
    let Ok(run) = Command::new("unshare")
        .args(["-rm", "sh", "-c", script])
        .output()
    else {
        eprintln!("SKIPPED: unshare is not installed");
        return None;
    };
    match run.status.code() {
        Some(0) => Some(run),
        Some(77) | Some(1) if !started.exists() => {
            eprintln!(
                "SKIPPED: cannot mount a tmpfs in a user namespace here: {}",
                String::from_utf8_lossy(&run.stderr)
            );
            None
        }
        other => panic!(
            "namespace script failed ({other:?}):\n{}\n{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        ),
    }
}

// ----- pages in another language -----

/// Every one of `wanted` is in `html` (a page or part of one).
#[track_caller]
pub fn has_all(html: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(html.contains(w), "missing {w:?} in:\n{html}");
    }
}

/// None of `unwanted` (English labels of ours) is left in `html`.
#[track_caller]
pub fn has_none(html: &str, unwanted: &[&str]) {
    for w in unwanted {
        assert!(!html.contains(w), "English {w:?} left in:\n{html}");
    }
}
