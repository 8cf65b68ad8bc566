//! Entry points for the fuzz targets under `fuzz/` and for their replay test
//! (`tests/fuzz_regressions.rs`): each runs one input through the same code a build runs, so a
//! crash the fuzzer finds is replayed by `cargo test` exactly as it was found.
//! Not a stable API.

use crate::adopt::{self, Proposed};
use crate::catalog::Catalog;
use crate::config::{Audience, Config, RawHtml};
use crate::error::Error;
use crate::finding::{Code, Finding};
use crate::model::soa::Soa;
use crate::pipeline::Loaded;
use crate::render::{self, Publish, Renderer, Selection, Site, Theme};
use crate::source::document::{self, ParsedFile};
use crate::source::frontmatter;
use crate::source::{Source, SourceDoc};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

/// Where the fuzzed document sits in its one-document handbook.
pub const DOC_PATH: &str = "policies/fuzz.md";

/// A second document, so links and `[[refs]]` in the fuzzed one have something to resolve to:
/// `[x](other.md#scope)`, `[[POL-OTHER]]`, `[[POL-OTHER#scope]]`.
const OTHER_PATH: &str = "policies/other.md";
const OTHER: &str = "---\nid: POL-OTHER\ntitle: Other policy\ntype: policy\nowner: CISO\nversion: \"1.0\"\nstatus: approved\nlast_reviewed: 2026-01-10\ncontrols: [A.5.1]\n---\n# Other policy\n\n## Scope\n\nSee [the fuzzed one](fuzz.md).\n";

/// The day every fuzzed build and proposal runs on.
const TODAY: jiff::civil::Date = jiff::civil::date(2026, 6, 1);

/// An attachment, so file links can resolve too.
const ATTACHMENT: &str = "policies/diagram.png";

/// Stage 1 for one document: split, YAML, schema, meta, body scan.
pub fn parse_document(bytes: &[u8]) -> ParsedFile {
    document::parse(DOC_PATH, bytes.to_vec())
}

/// The content repository of one fuzzed document (plus [`OTHER`] and an attachment), in memory.
struct Memory {
    files: HashMap<String, Vec<u8>>,
    documents: Vec<String>,
}

impl Source for Memory {
    fn documents(&self) -> Result<Vec<String>, Error> {
        Ok(self.documents.clone())
    }

    fn read(&self, rel: &str) -> std::io::Result<Vec<u8>> {
        self.files
            .get(rel)
            .cloned()
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
    }

    fn is_file(&self, rel: &str) -> bool {
        // Like the work tree: documents are not attachments.
        self.files.contains_key(rel) && !self.documents.iter().any(|d| d == rel)
    }
}

/// Collects what a render writes.
#[derive(Default)]
pub struct MemorySink {
    pub files: Mutex<Vec<(String, Vec<u8>)>>,
}

impl render::Sink for MemorySink {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        self.files
            .lock()
            .map_err(|_| Error::Output("sink poisoned".into()))?
            .push((rel.to_owned(), bytes.to_vec()));
        Ok(())
    }
}

/// What [`render_document`] produced.
pub struct Rendered {
    /// The fuzzed document, or the `unreadable-file` finding that replaced it.
    pub parsed: Result<Arc<SourceDoc>, Finding>,
    /// Every finding of the handbook (checks run over the model).
    pub findings: Vec<Finding>,
    /// The fuzzed document's page (`policies/fuzz.html`), when it was readable.
    pub page: Option<String>,
    /// Every file written, by path.
    pub files: Vec<(String, Vec<u8>)>,
}

fn theme() -> Result<&'static Theme, Error> {
    static THEME: OnceLock<Result<Theme, String>> = OnceLock::new();
    THEME
        .get_or_init(|| {
            // A folder that does not exist: the built-in theme, without overrides.
            Theme::load(
                std::path::Path::new("/nonexistent/ismsbook-fuzz-theme"),
                "en",
            )
            .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| Error::Template(e.clone()))
}

/// How much of the site [`render_document`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The document's page and the files built from every document's content (search index,
    /// `handbook.json`, `findings.json`, the review calendar): fast enough to fuzz.
    Document,
    /// Also every site-wide page (dashboard, lists, SoA, print, assets): what the replay test
    /// runs. Not the 93 control pages, which show no document content.
    Site,
}

/// Stages 1–4 for one document: parse it, assemble a handbook of it and [`OTHER`], resolve its
/// links, run the checks, and render it, its raw HTML as `raw_html` says.
pub fn render_document(bytes: &[u8], scope: Scope, raw_html: RawHtml) -> Result<Rendered, Error> {
    let mut files: HashMap<String, Vec<u8>> = HashMap::new();
    files.insert(DOC_PATH.to_owned(), bytes.to_vec());
    files.insert(OTHER_PATH.to_owned(), OTHER.as_bytes().to_vec());
    files.insert(ATTACHMENT.to_owned(), b"\x89PNG".to_vec());
    let mut documents = vec![DOC_PATH.to_owned(), OTHER_PATH.to_owned()];
    documents.sort();
    let source = Memory { files, documents };

    // The pipeline's own stages: each document read as the work tree reads it, then assembled.
    let loaded: Vec<Loaded> = source
        .documents
        .iter()
        .map(|p| crate::pipeline::read_document(&source, p))
        .collect();
    let parsed = match source.documents.iter().position(|p| p == DOC_PATH) {
        Some(i) => match &loaded[i] {
            Loaded::Doc(d) => Ok(Arc::clone(d)),
            Loaded::Unreadable(f) => Err(f.clone()),
        },
        None => return Err(Error::Usage("the fuzzed document was not loaded".into())),
    };
    let (docs, findings) = crate::pipeline::split(loaded.iter(), Vec::new());
    let read = crate::pipeline::Read {
        docs,
        findings,
        history: None,
    };
    let mut config = Config::default();
    config.markdown.raw_html = raw_html;
    let hb = crate::pipeline::assemble(&source, config, TODAY, read, &|_| Vec::new())?;
    let findings = crate::checks::run(&hb);
    let theme = theme()?;
    crate::pipeline::refuse_collisions(&hb, theme)?;
    let publish = Publish {
        drafts: true,
        audience: Audience::All,
    };
    let site = Site::new(&hb, publish, None, &theme.lang);
    let renderer = Renderer::new(site, &findings, theme);
    let sink = MemorySink::default();
    let selection = Selection {
        documents: None,
        controls: Some(HashSet::new()),
        keep_lists: false,
    };
    let made = renderer.write_pages(&sink, &selection)?;
    match scope {
        Scope::Site => renderer.write_site_wide(&source, &sink, made)?,
        // The site-wide files built from document text, not the whole site (fuzzing speed).
        Scope::Document => renderer.write_site_files(&sink, made, &|f| f.from_documents)?,
    };
    let files = sink
        .files
        .into_inner()
        .map_err(|_| Error::Output("sink poisoned".into()))?;
    let page_url = crate::model::page_path(DOC_PATH);
    let page = files
        .iter()
        .find(|(p, _)| *p == page_url)
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned());
    Ok(Rendered {
        parsed,
        findings,
        page,
        files,
    })
}

/// `soa.yaml` as a build reads it.
pub fn parse_soa(bytes: &[u8]) -> Soa {
    let source = Memory {
        files: HashMap::from([(crate::model::soa::FILE_NAME.to_owned(), bytes.to_vec())]),
        documents: Vec::new(),
    };
    match Soa::load(&source, Catalog::iso27001_2022()) {
        Ok(soa) => soa,
        // Only a read error can fail, and memory does not have those.
        Err(e) => Soa {
            findings: vec![Finding::global(Code::InvalidSoa, e.to_string())],
            ..Soa::default()
        },
    }
}

/// `ismsbook.toml` as a build reads it (`Config::load` reads the file as UTF-8 text).
pub fn parse_config(bytes: &[u8]) -> Result<Config, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    let config = Config::parse(text)?;
    // What a build asks of a loaded configuration.
    for code in Code::ALL {
        let _ = config.severity(code);
    }
    Ok(config)
}

// ----- the invariants each target asserts (a violation panics, which the fuzzer reports) -----

/// Positions point into the file: 1-based, and no further than one line past its end.
fn assert_position(f: &Finding, file: &str, lines: usize) {
    assert_eq!(f.file.as_deref(), Some(file), "{f:?}");
    if let Some(line) = f.line {
        assert!(
            line >= 1 && line as usize <= lines + 1,
            "line {line} of {lines}: {f:?}"
        );
    }
    if let Some(column) = f.column {
        assert!(column >= 1, "{f:?}");
    }
}

/// [`parse_document`]: a document or an `unreadable-file` finding, never a panic; a document's
/// body and findings point into its text.
pub fn check_document(bytes: &[u8]) -> ParsedFile {
    let parsed = parse_document(bytes);
    match &parsed {
        ParsedFile::Doc(d) => {
            let text = std::str::from_utf8(bytes).expect("a document is UTF-8");
            assert_eq!(d.text, text.strip_prefix('\u{feff}').unwrap_or(text));
            assert!(d.text.is_char_boundary(d.body_offset));
            let lines = d.text.lines().count();
            assert!(d.body_line >= 1 && d.body_line as usize <= lines + 1);
            for f in &d.findings {
                assert_position(f, DOC_PATH, lines);
            }
            if d.front_matter_ok {
                assert!(
                    !d.findings
                        .iter()
                        .any(|f| f.code == Code::InvalidFrontMatter),
                    "{:?}",
                    d.findings
                );
                assert!(d.meta.id.is_some(), "valid front matter has an id");
            }
            for l in &d.scan.links {
                assert!(l.line >= d.body_line && l.column >= 1, "{l:?}");
            }
            for h in &d.scan.headings {
                assert!(!h.id.is_empty(), "{h:?}");
            }
        }
        ParsedFile::Unreadable(f) => {
            assert_eq!(f.code, Code::UnreadableFile);
            assert!(std::str::from_utf8(bytes).is_err(), "{f:?}");
        }
    }
    parsed
}

/// [`render_document`]: the build never fails on a document's content; every page is UTF-8
/// HTML, the machine-readable files are JSON, and the document gets its page when readable.
pub fn check_render(bytes: &[u8], scope: Scope, raw_html: RawHtml) -> Rendered {
    let r = match render_document(bytes, scope, raw_html) {
        Ok(r) => r,
        Err(e) => panic!("a document's content stopped the build: {e}"),
    };
    let text = std::str::from_utf8(bytes).ok();
    match (&r.parsed, &r.page) {
        (Ok(_), Some(page)) => {
            assert!(page.contains("</html>"), "{page}");
            // Without raw HTML in the input, no script URL can reach an href, whatever the mode.
            if text.is_some_and(|t| !t.contains('<')) {
                let lower = page.to_ascii_lowercase();
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    assert!(
                        !lower.contains(&format!("href=\"{scheme}")),
                        "{scheme} link in {page}"
                    );
                }
            }
        }
        (Err(f), None) => assert_eq!(f.code, Code::UnreadableFile),
        (Ok(_), None) => panic!("a readable document has no page"),
        (Err(f), Some(_)) => panic!("an unreadable document has a page: {f:?}"),
    }
    // Generated files are text, but the workbook, a zip archive; attachments are copied as
    // they are.
    for (path, bytes) in r.files.iter().filter(|(p, _)| p != ATTACHMENT) {
        if path.ends_with(".xlsx") {
            assert!(
                bytes.starts_with(b"PK\x03\x04"),
                "{path} is not a zip archive"
            );
            continue;
        }
        let s = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{path} is not UTF-8: {e}"));
        if path.ends_with(".json") {
            serde_json::from_str::<serde_json::Value>(s)
                .unwrap_or_else(|e| panic!("{path} is not JSON: {e}\n{s}"));
        }
    }
    let lines = String::from_utf8_lossy(bytes).lines().count();
    for f in &r.findings {
        if f.file.as_deref() == Some(DOC_PATH) {
            assert_position(f, DOC_PATH, lines);
        }
    }
    r
}

/// [`parse_soa`]: findings point into `soa.yaml`; decisions are about catalog controls.
pub fn check_soa(bytes: &[u8]) -> Soa {
    let soa = parse_soa(bytes);
    let text = String::from_utf8_lossy(bytes);
    let lines = text.lines().count();
    let catalog = Catalog::iso27001_2022();
    for f in &soa.findings {
        assert_position(f, crate::model::soa::FILE_NAME, lines);
    }
    for (&idx, d) in &soa.decisions {
        assert!(idx < catalog.controls.len());
        assert!(d.line >= 1 && d.line as usize <= lines + 1, "{d:?}");
    }
    soa
}

/// The framework readers on one file: as an OSCAL or simple catalog (JSON/YAML and CSV) and as
/// a mapping file. Each gives data or findings placed in the file, never a panic; a catalog
/// read without findings has unique ids and successors inside it.
pub fn check_framework_files(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let lines = text.lines().count();
    let read = |_: &str| Ok(bytes.to_vec());
    for file in ["catalog.yaml", "catalog.json", "catalog.csv"] {
        let got = crate::frameworks::catalog::load_with(file, &read);
        match got {
            Ok(cat) => {
                let mut ids: Vec<&str> = cat.controls.iter().map(|c| c.id.as_str()).collect();
                ids.sort_unstable();
                let n = ids.len();
                ids.dedup();
                assert_eq!(ids.len(), n, "duplicate ids accepted");
                for c in &cat.controls {
                    assert!(!c.id.is_empty() && !c.id.contains(':'), "{c:?}");
                    for s in &c.successors {
                        assert!(cat.find(s).is_some(), "successor {s} not in the catalog");
                    }
                }
            }
            Err(crate::frameworks::CatalogError::Invalid(findings)) => {
                assert!(!findings.is_empty());
                for f in &findings {
                    assert_position(f, file, lines);
                }
            }
            Err(e) => panic!("{file}: read from memory cannot fail this way: {e}"),
        }
    }
    let m = crate::frameworks::parse_mapping(bytes, "map.yaml");
    for f in &m.findings {
        assert_position(f, "map.yaml", lines);
    }
    for e in &m.entries {
        assert!(!e.targets.is_empty() && !e.source.is_empty(), "{e:?}");
        assert!(e.source_at.line >= 1 && e.source_at.line as usize <= lines + 1);
    }
}

/// The configuration and frameworks registers are read with: CSF 2.0 declared (as `csf`), so
/// `csf:` control ids resolve, and a 4-point scale, so scores above it are out of range.
fn register_setting() -> &'static (Config, crate::model::frameworks::Frameworks) {
    static SETTING: OnceLock<(Config, crate::model::frameworks::Frameworks)> = OnceLock::new();
    SETTING.get_or_init(|| {
        let config = Config::parse(
            "[[frameworks]]\nid = \"csf\"\ncatalog = \"nist-csf-2.0\"\n\n[risk]\nscale = 4\n",
        )
        .unwrap_or_default();
        let source = Memory {
            files: HashMap::new(),
            documents: Vec::new(),
        };
        let frameworks =
            crate::model::frameworks::Frameworks::load(&config, &source, &mut Vec::new())
                .unwrap_or_default();
        (config, frameworks)
    })
}

/// The register exceptions are checked against: their `risk` names one of these, or not.
const REGISTER_FOR_EXCEPTIONS: &str =
    "- id: R-001\n  title: Ransomware\n- id: R-002\n  title: Phishing\n";

/// The risk register and exception readers on one file: as `risks.yaml`, as `risks.csv` and as
/// `exceptions.yaml`. Each gives data or findings placed in the file, never a panic; what they
/// keep has a unique, non-empty id, scores on the scale, trimmed non-empty control ids, and
/// places inside the file.
pub fn check_registers(bytes: &[u8]) {
    use crate::model::exceptions::{self, Exceptions};
    use crate::model::risks::{self, Register};
    let (config, frameworks) = register_setting();
    let text = String::from_utf8_lossy(bytes);
    let lines = text.lines().count();
    let inside = |line: u32| line >= 1 && line as usize <= lines + 1;
    let scale = 1..=config.risk.scale;
    for (file, reg) in [
        (
            risks::YAML_FILE,
            Register::parse_yaml(&text, config, frameworks),
        ),
        (
            risks::CSV_FILE,
            Register::parse_csv(bytes, config, frameworks),
        ),
    ] {
        for f in &reg.findings {
            assert_position(f, file, lines);
        }
        let mut ids = HashSet::new();
        for r in &reg.risks {
            assert!(!r.id.is_empty() && r.id.trim() == r.id, "{r:?}");
            assert!(ids.insert(r.id.as_str()), "duplicate risk {} kept", r.id);
            assert_eq!(r.file, file);
            assert!(inside(r.at.line) && r.at.column >= 1, "{r:?}");
            for score in [
                r.likelihood,
                r.impact,
                r.residual_likelihood,
                r.residual_impact,
            ]
            .into_iter()
            .flatten()
            {
                assert!(scale.contains(&score), "score {score} kept: {r:?}");
            }
            assert!((1..=120).contains(&r.review_interval), "{r:?}");
            for c in &r.controls {
                assert!(!c.raw.is_empty() && c.raw.trim() == c.raw, "{c:?}");
                assert!(inside(c.at.line) && c.at.column >= 1, "{c:?}");
            }
            // What the checks and pages compute from a risk.
            let _ = (r.inherent(), r.residual(), r.next_review());
        }
    }
    let known = Register::parse_yaml(REGISTER_FOR_EXCEPTIONS, config, frameworks);
    let ex = Exceptions::parse(&text, frameworks, &known);
    assert!(ex.present);
    for f in &ex.findings {
        assert_position(f, exceptions::FILE_NAME, lines);
    }
    let mut ids = HashSet::new();
    for e in &ex.list {
        assert!(!e.id.is_empty() && e.id.trim() == e.id, "{e:?}");
        assert!(
            ids.insert(e.id.as_str()),
            "duplicate exception {} kept",
            e.id
        );
        assert!(inside(e.at.line) && e.at.column >= 1, "{e:?}");
        for c in e.controls.iter().chain(&e.compensating) {
            assert!(!c.raw.is_empty() && c.raw.trim() == c.raw, "{c:?}");
            assert!(inside(c.at.line) && c.at.column >= 1, "{c:?}");
        }
        let _ = (e.state(TODAY, 30), e.in_force(TODAY), e.days_left(TODAY));
    }
}

/// [`parse_config`]: a configuration or a message, never a panic; what it accepts is valid.
pub fn check_config(bytes: &[u8]) -> Result<Config, String> {
    let c = parse_config(bytes);
    match &c {
        Ok(config) => {
            assert!((1..=120).contains(&config.review.interval_months));
            assert!(!config.output.trim().is_empty());
        }
        Err(msg) => assert!(!msg.is_empty()),
    }
    c
}

/// The links [`check_raw_links`] rewrites, each to a marker no input holds (inputs with
/// U+E000 are skipped), so every rewritten attribute can be found in the output.
const RAW_LINK_REWRITES: [(bool, &str, &str); 4] = [
    (false, "other.md", "\u{e000}a"),
    (false, "other.md#scope", "\u{e000}b"),
    (false, "fuzz.md", "\u{e000}c"),
    (true, "diagram.png", "\u{e000}d"),
];

/// Trusted raw HTML's link rewriting (`raw_links::rewrite`) on the input as one run of HTML:
/// the output is the input with only whole `href`/`src` attributes replaced, each one whose
/// value (as a browser decodes it) is a rewritten link; every other byte stays.
pub fn check_raw_links(html: &str) {
    use crate::render::markdown::raw_links;
    if html.contains('\u{e000}') {
        return;
    }
    let rewrites: crate::sanitise::LinkRewrites = RAW_LINK_REWRITES
        .iter()
        .map(|&(img, from, to)| ((img, from.to_owned()), Some(to.to_owned())))
        .collect();
    let out = raw_links::rewrite(html, &rewrites);
    // Walk the output: between two rewritten attributes, the input's bytes as they were.
    let mut at = 0;
    let mut rest: &str = &out;
    while let Some(m) = rest.find("=\"\u{e000}") {
        let (attr, key) = if rest[..m].ends_with("href") {
            ("href", false)
        } else if rest[..m].ends_with("src") {
            ("src", true)
        } else {
            panic!("a marker outside a link attribute: {out}");
        };
        let before = &rest[..m - attr.len()];
        assert!(
            html[at..].starts_with(before),
            "bytes changed before byte {at}:\n{html}\n-> {out}"
        );
        at += before.len();
        let marker = &rest[m + 2..m + 2 + "\u{e000}a".len()];
        let &(img, from, _) = RAW_LINK_REWRITES
            .iter()
            .find(|(_, _, to)| *to == marker)
            .unwrap_or_else(|| panic!("unknown marker in {out}"));
        assert_eq!(
            img, key,
            "{attr} rewritten with a marker of the other kind: {out}"
        );
        // The input's attribute there: its name, `=`, and a value decoding to the link.
        let b = html.as_bytes();
        assert!(
            html.get(at..at + attr.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(attr)),
            "not an {attr} attribute at byte {at}: {html}"
        );
        let space = |i: &mut usize| {
            while b
                .get(*i)
                .is_some_and(|&c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c))
            {
                *i += 1;
            }
        };
        let mut i = at + attr.len();
        space(&mut i);
        assert_eq!(b.get(i), Some(&b'='), "no value at byte {i}: {html}");
        i += 1;
        space(&mut i);
        let (value, end) = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => match b[i + 1..].iter().position(|&c| c == q) {
                Some(e) => (&html[i + 1..i + 1 + e], i + 1 + e + 1),
                None => (&html[i + 1..], b.len()),
            },
            _ => {
                let e = b[i..]
                    .iter()
                    .position(|&c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'>'))
                    .map_or(b.len(), |e| i + e);
                (&html[i..e], e)
            }
        };
        assert_eq!(raw_links::decode(value), from, "at byte {at}: {html}");
        at = end;
        rest = &rest[m + 2 + marker.len()..];
        assert!(rest.starts_with('"'), "{out}");
        rest = &rest[1..];
    }
    assert_eq!(&html[at..], rest, "bytes changed after byte {at}");
}

/// What [`check_adopt`] proposes with: two owners, so a stated owner is matched to the table.
fn adopt_config() -> Config {
    let mut config = Config::default();
    config.owners.insert("CISO".into(), "@acme/ciso".into());
    config.owners.insert("IT Team".into(), "@acme/it".into());
    config
}

/// `ismsbook adopt` on the input as a document without front matter, then as written with a
/// BOM and with CRLF line endings: see [`check_adopt_one`].
pub fn check_adopt(bytes: &[u8]) -> Proposed {
    let first = check_adopt_one(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        if !text.starts_with('\u{feff}') {
            check_adopt_one(format!("\u{feff}{text}").as_bytes());
        }
        let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
        if crlf != text {
            check_adopt_one(crlf.as_bytes());
        }
    }
    first
}

/// One proposal ([`adopt::propose_file`]) and the file as `--write` writes it: a UTF-8 file
/// without front matter always gets a proposal; written, it loads with valid front matter and
/// no unknown field, the title is one line of at most 300 characters, every byte of the file
/// follows the front matter as it was (a BOM stays first), and a second run proposes nothing.
pub fn check_adopt_one(bytes: &[u8]) -> Proposed {
    let config = adopt_config();
    let proposed = adopt::propose_file(&config, TODAY, DOC_PATH, bytes.to_vec());
    let Ok(text) = std::str::from_utf8(bytes) else {
        assert!(matches!(proposed, Proposed::Problem(_)), "{proposed:?}");
        return proposed;
    };
    let bom = text.starts_with('\u{feff}');
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let split = frontmatter::split(body);
    let has_front_matter = split.yaml.is_some() || split.unclosed;
    let p = match &proposed {
        Proposed::HasFrontMatter => {
            assert!(has_front_matter, "no front matter, yet nothing proposed");
            return proposed;
        }
        Proposed::Problem(why) => panic!("no proposal for a text without front matter: {why}"),
        Proposed::Proposal(p) => p,
    };
    assert!(!has_front_matter, "a proposal for a file with front matter");
    let written = p.written();
    // A BOM, the front matter, then the file's bytes (after its BOM) as they were.
    let bom_len = if bom { 3 } else { 0 };
    assert_eq!(&written[..bom_len], &bytes[..bom_len]);
    let after_bom = &written[bom_len..];
    assert!(after_bom.ends_with(&bytes[bom_len..]), "the body changed");
    let block = std::str::from_utf8(&after_bom[..after_bom.len() - (bytes.len() - bom_len)])
        .expect("front matter is text");
    let newline = adopt::write::newline_of(body);
    assert!(
        block.starts_with(&format!("---{newline}")) && block.ends_with(&format!("---{newline}")),
        "{block:?}"
    );
    assert_eq!(
        block.lines().count(),
        p.front_matter.lines().count(),
        "one line per field: {block:?}"
    );
    let doc = match document::parse(DOC_PATH, written.clone()) {
        ParsedFile::Doc(d) => d,
        ParsedFile::Unreadable(f) => panic!("the written file is unreadable: {f:?}"),
    };
    assert!(doc.front_matter_ok, "{block}\n{:?}", doc.findings);
    let bad: Vec<_> = doc
        .findings
        .iter()
        .filter(|f| matches!(f.code, Code::InvalidFrontMatter | Code::UnknownField))
        .collect();
    assert!(bad.is_empty(), "{block}\n{bad:?}");
    assert_eq!(doc.body(), body, "the loader reads another body");
    let title = doc.meta.title.as_deref().expect("a title");
    assert!(
        !title.trim().is_empty() && !title.contains(['\n', '\r']) && title.chars().count() <= 300,
        "title {title:?}"
    );
    assert_eq!(
        doc.meta.id.as_ref().map(|l| l.value.as_str()),
        Some("POL-001")
    );
    match adopt::propose_file(&config, TODAY, DOC_PATH, written) {
        Proposed::HasFrontMatter => {}
        again => panic!("a second run proposes again: {again:?}"),
    }
    proposed
}

/// The documents an imported SoA may name, as [`check_soa_import`] resolves references.
fn soa_import_targets() -> crate::adopt::soa::refs::Targets {
    use crate::adopt::soa::refs::{Target, Targets};
    let doc = |path: &str, id: &str, title: &str| Target {
        path: path.into(),
        id: Some(id.into()),
        title: title.into(),
    };
    Targets::new(vec![
        doc(
            "policies/access-control.md",
            "POL-002",
            "Access Control Policy",
        ),
        doc("policies/cryptography.md", "POL-010", "Cryptography Policy"),
        doc(
            "procedures/incident-management.md",
            "PRO-002",
            "Incident Management Procedure",
        ),
    ])
}

/// The `soa.yaml` an imported SoA is merged into: comments, sections, a multi-line value.
const SOA_YAML: &str = "# Statement of Applicability\n\n# --- Organizational controls ---\n\nA.5.7:\n  justification: Risk treatment (R-07).\n  status: planned\nA.5.8:\n  status: partial\n  note: >\n    Security questions are part of the template,\n    not yet for internal projects.\n\n# --- Physical controls ---\n\nA.7.4:\n  applicable: false\n  justification: Fully remote company.\n";

/// `adopt --soa` on one file: the first byte says the format (Markdown, CSV, workbook), the
/// rest is the file. Reading it never panics; every control imported is a 2022 Annex A id,
/// every document one of the targets, every report names its cell; the decisions merge into a
/// `soa.yaml` that reads back as decided, and a second merge changes nothing.
pub fn check_soa_import(data: &[u8]) {
    use crate::adopt::soa::{self, edit};
    let Some((&format, bytes)) = data.split_first() else {
        return;
    };
    let path = match format % 3 {
        0 => "SoA.md",
        1 => "SoA.csv",
        _ => "SoA.xlsx",
    };
    let targets = soa_import_targets();
    let opts = soa::Options::default();
    let Ok(table) = soa::read_table(std::path::Path::new(path), bytes, &opts, &targets, "") else {
        return;
    };
    let catalog = Catalog::iso27001_2022();
    let paths: HashSet<&str> = targets.list.iter().map(|t| t.path.as_str()).collect();
    for c in &table.controls {
        let idx = catalog
            .find(&c.control)
            .expect("an imported control is in the catalog");
        assert_eq!(catalog.control(idx).id, c.control, "not canonical");
        for p in &c.documents {
            assert!(paths.contains(p.path.as_str()), "{} is no target", p.path);
            assert!(!p.cell.is_empty());
        }
    }
    for r in table.reported.iter().chain(&table.unresolved) {
        assert!(!r.cell.is_empty() && !r.why.is_empty(), "{r:?}");
    }
    let decisions: Vec<_> = table
        .controls
        .iter()
        .filter_map(|c| {
            Some((
                catalog.find(&c.control)?,
                edit::Decision {
                    applicable: c.applicable,
                    justification: c.justification.clone(),
                    status: c.status,
                    note: c.note.clone(),
                },
            ))
        })
        .collect();
    let merged = edit::soa_yaml(SOA_YAML, &decisions, catalog)
        .unwrap_or_else(|e| panic!("the decisions do not merge into soa.yaml: {e}"));
    let again = edit::soa_yaml(&merged, &decisions, catalog).expect("merges twice");
    assert_eq!(merged, again, "a second merge changed soa.yaml");
    let soa = Soa::parse(&merged, catalog);
    assert!(soa.findings.is_empty(), "{:?}", soa.findings);
}
