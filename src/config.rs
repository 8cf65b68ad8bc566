//! `ismsbook.toml`: every key optional, unknown keys rejected with the file and line.

use crate::error::Error;
use crate::finding::{Code, Severity};
use crate::source::discover::{read_regular, Limit, MAX_SETTINGS_BYTES};
use crate::source::meta::Classification;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

pub const FILE_NAME: &str = "ismsbook.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub title: String,
    pub organisation: Option<String>,
    pub framework: String,
    /// Output folder, relative to the content root.
    pub output: String,
    /// Who the built site is for: documents classified above this are left out.
    pub audience: Audience,
    /// Public URL of the published site (for `sitemap.xml`), e.g. `https://isms.example.com/`.
    pub base_url: Option<String>,
    pub review: ReviewConfig,
    pub markdown: MarkdownConfig,
    /// Severity per finding code, as written in the file; resolved by [`Config::severity`].
    checks: BTreeMap<String, CheckLevel>,
    /// Owner (as written in front matter) → Git-hosting handle, for `ismsbook codeowners`.
    pub owners: BTreeMap<String, String>,
    /// Where the repository is on the web: links to its files, "Edit this page".
    pub repository: Option<Repository>,
    /// `[[frameworks]]`: control frameworks beyond Annex A, cited in front matter as `id:CONTROL`.
    pub frameworks: Vec<FrameworkDecl>,
    /// `[[mappings]]`: crosswalks between two frameworks (Annex A is `iso27001`).
    pub mappings: Vec<MappingDecl>,
    /// `[risk]`: the scale of likelihood and impact, and the risk appetite.
    pub risk: RiskConfig,
    /// The site's interface language (`de`, `ja`, `de-CH`); English when not set.
    pub language: Option<String>,
    /// `[print]`: how large one printable page may grow.
    pub print: PrintConfig,
}

/// `[print]`: print.html holds every approved document while there are at most
/// `max_documents`; above that, one printable page per document type (in parts of at most
/// `max_documents`), and print.html lists them beside the Statement of Applicability. A page
/// of tens of megabytes is one no browser opens or prints well.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PrintConfig {
    pub max_documents: usize,
}

impl Default for PrintConfig {
    fn default() -> Self {
        PrintConfig { max_documents: 500 }
    }
}

/// `[risk]`: likelihood and impact run 1..=`scale`; a residual score (likelihood × impact)
/// above the appetite needs a named acceptance.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RiskConfig {
    pub scale: u32,
    /// Unset: a third of the largest score, rounded down (8 on a 5-point scale).
    appetite: Option<u32>,
}

impl Default for RiskConfig {
    fn default() -> Self {
        RiskConfig {
            scale: 5,
            appetite: None,
        }
    }
}

impl RiskConfig {
    /// The highest residual score accepted without a named acceptance.
    pub fn appetite(&self) -> u32 {
        self.appetite.unwrap_or(self.scale * self.scale / 3)
    }
}

/// One `[[frameworks]]` entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkDecl {
    /// The prefix documents write in front of the framework's control ids (`csf`).
    pub id: String,
    /// A built-in catalog's name (`nist-csf-2.0`) or a path relative to the content root.
    pub catalog: String,
    /// Shown on pages; else the catalog's own name.
    pub name: Option<String>,
    /// A file in the `soa.yaml` format deciding which of its controls apply (absent: all).
    pub applicability: Option<String>,
}

/// One `[[mappings]]` entry: the controls of framework `from` mapped to controls of `to`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingDecl {
    pub from: String,
    pub to: String,
    /// A mapping file (`.yaml`) or an OSCAL mapping collection (`.json`, `.yaml`), relative to
    /// the content root.
    pub file: String,
}

/// The id of the built-in Annex A framework (the `to` of a mapping to Annex A).
pub const ANNEX_A_ID: &str = "iso27001";
/// The built-in Annex A framework's display name, wherever frameworks are named.
pub const ANNEX_A_NAME: &str = "ISO/IEC 27001:2022 Annex A";

/// `[repository]`: the repository's web address on its Git host.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repository {
    /// `https://github.com/acme/isms` (a trailing `/` or `.git` is dropped).
    pub url: String,
    #[serde(default = "default_branch")]
    pub branch: String,
    /// The content folder's path inside the repository (`handbook`); when not set, found
    /// from Git at the command line's edge, else the repository's root.
    pub path: Option<String>,
    /// Which kind of Git host: from the url's host name (`gitlab` in it: GitLab) unless set.
    pub host: Option<Host>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Host {
    Github,
    Gitlab,
}

fn default_branch() -> String {
    "main".into()
}

/// What a Git host shows of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Blob,
    /// The file's bytes (an image shown on a page).
    Raw,
    /// A folder's files.
    Tree,
    Edit,
    Commits,
}

impl Repository {
    /// The web page of `rel` (a path in the content folder): its text, its editor or its
    /// commits, on the configured branch. Path and branch are percent-encoded.
    pub fn page(&self, view: View, rel: &str) -> String {
        let host = self.host.unwrap_or_else(|| {
            match ammonia::url::Url::parse(&self.url)
                .ok()
                .and_then(|u| u.host_str().map(|h| h.contains("gitlab")))
            {
                Some(true) => Host::Gitlab,
                _ => Host::Github,
            }
        });
        let what = match (host, view) {
            (Host::Github, View::Blob) => "blob",
            (Host::Github, View::Raw) => "raw",
            (Host::Github, View::Tree) => "tree",
            (Host::Github, View::Edit) => "edit",
            (Host::Github, View::Commits) => "commits",
            (Host::Gitlab, View::Blob) => "-/blob",
            (Host::Gitlab, View::Raw) => "-/raw",
            (Host::Gitlab, View::Tree) => "-/tree",
            (Host::Gitlab, View::Edit) => "-/edit",
            (Host::Gitlab, View::Commits) => "-/commits",
        };
        let prefix = self.path.as_deref().unwrap_or("").trim_matches('/');
        let full = match (prefix.is_empty(), rel.is_empty()) {
            (true, _) => rel.to_owned(),
            (false, true) => prefix.to_owned(),
            (false, false) => format!("{prefix}/{rel}"),
        };
        let base = self.url.trim_end_matches('/');
        let base = base.strip_suffix(".git").unwrap_or(base);
        format!(
            "{base}/{what}/{}/{}",
            encode_path(&self.branch),
            encode_path(&full)
        )
    }

    fn validate(&self) -> Result<(), String> {
        let bad = |why: &str| {
            Err(format!(
                "[repository] url = {:?} {why}; write the repository's web address, e.g. url = \"https://github.com/acme/isms\"",
                self.url
            ))
        };
        let url = match ammonia::url::Url::parse(&self.url) {
            Ok(u) => u,
            Err(e) => return bad(&format!("is not a web address ({e})")),
        };
        if !matches!(url.scheme(), "https" | "http") {
            return bad("is not an https: or http: address");
        }
        if !url.username().is_empty() || url.password().is_some() {
            return bad("holds credentials, which every page would publish");
        }
        if url.query().is_some() || url.fragment().is_some() {
            return bad("has a query or a fragment (`?`, `#`)");
        }
        if url.host_str().is_none_or(str::is_empty) {
            return bad("names no host");
        }
        let odd = |s: &str| s.chars().any(|c| c.is_control() || c.is_whitespace());
        if self.branch.trim().is_empty() || odd(&self.branch) {
            return Err(format!(
                "[repository] branch = {:?} is not a branch name; e.g. branch = \"main\"",
                self.branch
            ));
        }
        if let Some(path) = &self.path {
            if path.chars().any(char::is_control) || path.split('/').any(|p| p == "..") {
                return Err(format!(
                    "[repository] path = {path:?} is not a folder of the repository; e.g. path = \"handbook\""
                ));
            }
        }
        Ok(())
    }
}

/// Percent-encodes each segment of a `/`-separated path (the `/`s stay).
fn encode_path(path: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    path.split('/')
        .map(|s| utf8_percent_encode(s, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReviewConfig {
    pub interval_months: u32,
    pub warn_days: u32,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    pub raw_html: RawHtml,
}

/// What raw HTML in a body (`<div align="center">`, `<script>`) becomes on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Kept where GitHub would keep it; script, handlers and unsafe URLs removed (a
    /// `raw-html-removed` note says what).
    #[default]
    #[serde(alias = "sanitize")]
    Sanitise,
    /// Shown as text.
    Escape,
    /// Published as written: every author can run script in every reader's browser.
    Trusted,
}

/// Readers of a build: `public` sees public documents, `internal` also internal ones, `all`
/// everything (confidential and restricted too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Public,
    Internal,
    #[default]
    All,
}

impl Audience {
    pub fn allows(self, c: Classification) -> bool {
        match self {
            Audience::Public => c == Classification::Public,
            Audience::Internal => matches!(c, Classification::Public | Classification::Internal),
            Audience::All => true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckLevel {
    Error,
    Warning,
    Note,
    Off,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "ISMS Handbook".into(),
            organisation: None,
            framework: "iso27001-2022".into(),
            output: "site".into(),
            audience: Audience::All,
            base_url: None,
            review: ReviewConfig::default(),
            markdown: MarkdownConfig::default(),
            checks: BTreeMap::new(),
            owners: BTreeMap::new(),
            repository: None,
            frameworks: Vec::new(),
            mappings: Vec::new(),
            risk: RiskConfig::default(),
            language: None,
            print: PrintConfig::default(),
        }
    }
}

impl Config {
    /// The interface language's tag (`language`, else English).
    pub fn language(&self) -> &str {
        self.language.as_deref().unwrap_or(crate::i18n::DEFAULT)
    }
}

impl Default for ReviewConfig {
    fn default() -> Self {
        ReviewConfig {
            interval_months: 12,
            warn_days: 30,
        }
    }
}

/// Adds "did you mean" to serde's ``unknown field `titel`, expected one of `title`, …``.
fn with_suggestion(msg: String) -> String {
    let Some(start) = msg.find("unknown field `") else {
        return msg;
    };
    let rest = &msg[start + "unknown field `".len()..];
    let Some((field, expected)) = rest.split_once('`') else {
        return msg;
    };
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    match crate::suggest::did_you_mean(field, candidates.iter().copied()) {
        Some(s) => format!("{}; did you mean `{s}`?", msg.trim_end()),
        None => msg,
    }
}

impl Config {
    /// Reads `<root>/ismsbook.toml`; a missing file means all defaults. Only a regular file in
    /// the root is read (not a link, which could print a line of a file elsewhere in an error,
    /// nor a named pipe, which would wait forever), and at most [`MAX_SETTINGS_BYTES`].
    pub fn load(root: &Path) -> Result<Config, Error> {
        let path = root.join(FILE_NAME);
        let canonical = root.canonicalize().map_err(|e| Error::io(root, e))?;
        let limit = Limit {
            bytes: MAX_SETTINGS_BYTES,
            what: "ismsbook.toml is",
            advice: "it holds a few settings; is this the right file?",
        };
        let bytes = match read_regular(&canonical, &canonical.join(FILE_NAME), Some(limit)) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let text = String::from_utf8(bytes).map_err(|e| Error::Config {
            path: path.clone(),
            msg: format!(
                "not UTF-8 text (byte {} is not valid): save it as UTF-8",
                e.utf8_error().valid_up_to() + 1
            ),
        })?;
        Config::parse(&text).map_err(|msg| Error::Config { path, msg })
    }

    pub fn parse(text: &str) -> Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| with_suggestion(e.to_string()))?;
        config.validate(text)?;
        Ok(config)
    }

    /// Rejects values serde accepts but the tool cannot use; `text` is the file, to say
    /// where.
    fn validate(&self, text: &str) -> Result<(), String> {
        if self.framework != "iso27001-2022" {
            return Err(format!(
                "framework = \"{}\" is not available; the built-in catalog is \"iso27001-2022\"",
                self.framework
            ));
        }
        if !(1..=120).contains(&self.review.interval_months) {
            return Err(format!(
                "[review] interval_months = {} is out of range; use 1 to 120 months",
                self.review.interval_months
            ));
        }
        if self.print.max_documents == 0 {
            return Err(
                "[print] max_documents = 0 would leave every document out; use a number of documents per printable page, e.g. max_documents = 500".into(),
            );
        }
        if let Some(repository) = &self.repository {
            repository.validate()?;
        }
        if self.output.trim().is_empty() {
            return Err("output must name a folder, e.g. output = \"site\"".into());
        }
        for key in self.checks.keys() {
            if Code::parse(key).is_none() {
                let known: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
                let hint = crate::suggest::did_you_mean(key, known.iter().copied())
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                return Err(format!(
                    "[checks] has an unknown finding code `{key}`{hint}"
                ));
            }
        }
        self.validate_frameworks(text)?;
        self.validate_mappings(text)?;
        self.validate_risk(text)?;
        // A handle is written into CODEOWNERS as it is: anything but one handle could add
        // owners or rules there.
        for (owner, handle) in &self.owners {
            if !crate::codeowners::is_handle(handle) {
                let at = Self::owner_line(text, owner)
                    .map(|line| format!("line {line}: "))
                    .unwrap_or_default();
                return Err(format!(
                    "{at}[owners] {owner:?} = {handle:?} is not a GitHub handle; write one \"@user\", \"@org/team\" or e-mail address"
                ));
            }
        }
        Ok(())
    }

    /// `[[frameworks]]`: ids usable as a prefix and unique, catalogs inside the content folder.
    fn validate_frameworks(&self, text: &str) -> Result<(), String> {
        let mut seen: Vec<&str> = Vec::new();
        for (i, fw) in self.frameworks.iter().enumerate() {
            let at = Self::framework_line(text, i)
                .map(|line| format!("line {line}: "))
                .unwrap_or_default();
            let id = fw.id.as_str();
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return Err(format!(
                    "{at}[[frameworks]] id = {id:?} is not a usable prefix; use letters, digits, `-` and `_`, e.g. id = \"csf\""
                ));
            }
            if id.eq_ignore_ascii_case(ANNEX_A_ID) {
                return Err(format!(
                    "{at}[[frameworks]] id = {id:?} names the built-in ISO/IEC 27001 Annex A framework; Annex A needs no entry, give this framework another id, e.g. id = \"csf\""
                ));
            }
            if seen.iter().any(|s| s.eq_ignore_ascii_case(id)) {
                return Err(format!(
                    "{at}[[frameworks]] id = {id:?} is declared twice (prefixes ignore case); give each framework its own id"
                ));
            }
            seen.push(id);
            let catalog = fw.catalog.trim();
            if !is_inside_path(catalog) {
                return Err(format!(
                    "{at}[[frameworks]] catalog = {:?} (framework {id:?}) is neither a built-in catalog ({}) nor a path inside the content folder; e.g. catalog = \"nist-csf-2.0\" or catalog = \"frameworks/soc2.yaml\"",
                    fw.catalog,
                    crate::frameworks::BUILTIN.join(", ")
                ));
            }
            if let Some(file) = &fw.applicability {
                if !is_inside_path(file) {
                    return Err(format!(
                        "{at}[[frameworks]] applicability = {file:?} (framework {id:?}) is not a path inside the content folder; e.g. applicability = \"frameworks/{id}-applicability.yaml\""
                    ));
                }
            }
            if fw.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
                return Err(format!(
                    "{at}[[frameworks]] name (framework {id:?}) is empty; leave it out to use the catalog's name"
                ));
            }
        }
        Ok(())
    }

    /// `[risk]`: a scale a register can use, an appetite within its scores.
    fn validate_risk(&self, text: &str) -> Result<(), String> {
        let at = |key: &str| {
            Self::risk_line(text, key)
                .map(|line| format!("line {line}: "))
                .unwrap_or_default()
        };
        let scale = self.risk.scale;
        if !(2..=10).contains(&scale) {
            return Err(format!(
                "{}[risk] scale = {scale} is out of range; likelihood and impact need a scale of 2 to 10 points, e.g. scale = 5",
                at("scale")
            ));
        }
        if let Some(appetite) = self.risk.appetite {
            let max = scale * scale;
            if !(1..=max).contains(&appetite) {
                return Err(format!(
                    "{}[risk] appetite = {appetite} is out of range; a score is likelihood × impact, so on a scale of {scale} use 1 to {max}, e.g. appetite = {}",
                    at("appetite"),
                    max / 3
                ));
            }
        }
        Ok(())
    }

    /// The line of `key` in the `[risk]` table of `text`.
    fn risk_line(text: &str, key: &str) -> Option<usize> {
        #[derive(Deserialize)]
        struct Risk {
            #[serde(default)]
            risk: BTreeMap<String, toml::Spanned<toml::Value>>,
        }
        let table: Risk = toml::from_str(text).ok()?;
        let start = table.risk.get(key)?.span().start;
        Some(text.get(..start)?.matches('\n').count() + 1)
    }

    /// `[[mappings]]`: both ends declared (or Annex A), two different frameworks, a file inside
    /// the content folder.
    fn validate_mappings(&self, text: &str) -> Result<(), String> {
        let known = |id: &str| {
            id.eq_ignore_ascii_case(ANNEX_A_ID)
                || self
                    .frameworks
                    .iter()
                    .any(|f| f.id.eq_ignore_ascii_case(id))
        };
        let mut declared: Vec<&str> = vec![ANNEX_A_ID];
        declared.extend(self.frameworks.iter().map(|f| f.id.as_str()));
        for (i, m) in self.mappings.iter().enumerate() {
            let at = Self::mapping_line(text, i)
                .map(|line| format!("line {line}: "))
                .unwrap_or_default();
            for (key, id) in [("from", &m.from), ("to", &m.to)] {
                if !known(id.trim()) {
                    let fix = crate::suggest::did_you_mean(id.trim(), declared.iter().copied())
                        .map(|s| format!("did you mean {s:?}?"))
                        .unwrap_or_else(|| "declare it under [[frameworks]] first".to_owned());
                    return Err(format!(
                        "{at}[[mappings]] {key} = {id:?} is not a declared framework (declared: {}); {fix}",
                        declared.join(", ")
                    ));
                }
            }
            if m.from.trim().eq_ignore_ascii_case(m.to.trim()) {
                return Err(format!(
                    "{at}[[mappings]] from = {:?} and to = {:?} are the same framework; a mapping joins two frameworks",
                    m.from, m.to
                ));
            }
            if !is_inside_path(&m.file) {
                return Err(format!(
                    "{at}[[mappings]] file = {:?} is not a path inside the content folder; e.g. file = \"frameworks/{}-to-{}.yaml\"",
                    m.file,
                    m.from.trim(),
                    m.to.trim()
                ));
            }
        }
        Ok(())
    }

    /// Every file the frameworks are read from (catalogs, applicability, mappings), relative
    /// to the content root: a change to one changes every page.
    pub fn framework_files(&self) -> Vec<&str> {
        fn clean(p: &str) -> &str {
            p.trim().trim_start_matches("./")
        }
        let mut files: Vec<&str> = Vec::new();
        for f in &self.frameworks {
            files.push(clean(&f.catalog));
            files.extend(f.applicability.as_deref().map(clean));
        }
        files.extend(self.mappings.iter().map(|m| clean(&m.file)));
        files
    }

    /// The line of the `i`th `[[mappings]]` entry's `from` in `text`.
    fn mapping_line(text: &str, i: usize) -> Option<usize> {
        #[derive(Deserialize)]
        struct Entry {
            from: toml::Spanned<toml::Value>,
        }
        #[derive(Deserialize)]
        struct Mappings {
            #[serde(default)]
            mappings: Vec<Entry>,
        }
        let table: Mappings = toml::from_str(text).ok()?;
        let start = table.mappings.get(i)?.from.span().start;
        Some(text.get(..start)?.matches('\n').count() + 1)
    }

    /// The line of the `i`th `[[frameworks]]` entry's id in `text`.
    fn framework_line(text: &str, i: usize) -> Option<usize> {
        #[derive(Deserialize)]
        struct Entry {
            id: toml::Spanned<toml::Value>,
        }
        #[derive(Deserialize)]
        struct Frameworks {
            #[serde(default)]
            frameworks: Vec<Entry>,
        }
        let table: Frameworks = toml::from_str(text).ok()?;
        let start = table.frameworks.get(i)?.id.span().start;
        Some(text.get(..start)?.matches('\n').count() + 1)
    }

    /// The line of `owner`'s entry in the `[owners]` table of `text`.
    fn owner_line(text: &str, owner: &str) -> Option<usize> {
        #[derive(Deserialize)]
        struct Owners {
            #[serde(default)]
            owners: BTreeMap<String, toml::Spanned<toml::Value>>,
        }
        let table: Owners = toml::from_str(text).ok()?;
        let start = table.owners.get(owner)?.span().start;
        Some(text.get(..start)?.matches('\n').count() + 1)
    }

    /// With `[repository] path` found by `detect` (the content folder's place in its Git
    /// repository) when the file does not set it; nothing is asked without `[repository]`.
    pub fn with_repository_path(mut self, detect: impl FnOnce() -> Option<String>) -> Config {
        if let Some(r) = self.repository.as_mut().filter(|r| r.path.is_none()) {
            r.path = detect();
        }
        self
    }

    /// The configured severity of a code, `None` when the check is switched off.
    pub fn severity(&self, code: Code) -> Option<Severity> {
        match self.checks.get(code.as_str()) {
            None => Some(code.default_severity()),
            Some(CheckLevel::Error) => Some(Severity::Error),
            Some(CheckLevel::Warning) => Some(Severity::Warning),
            Some(CheckLevel::Note) => Some(Severity::Note),
            Some(CheckLevel::Off) => None,
        }
    }
}

/// A relative path that stays inside the content folder (no `..`, no root or drive).
fn is_inside_path(path: &str) -> bool {
    let path = path.trim();
    let outside = path.starts_with('/')
        || path.starts_with('\\')
        || path.get(1..2) == Some(":")
        || path.split(['/', '\\']).any(|p| p == "..");
    !path.is_empty() && !path.chars().any(char::is_control) && !outside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_when_empty() {
        let c = Config::parse("").unwrap();
        assert_eq!(c.review.interval_months, 12);
        assert_eq!(c.output, "site");
        assert_eq!(c.severity(Code::UnmappedControl), Some(Severity::Warning));
    }

    #[test]
    fn check_levels_override_defaults() {
        let c =
            Config::parse("[checks]\nunmapped-control = \"error\"\nreview-due-soon = \"off\"\n")
                .unwrap();
        assert_eq!(c.severity(Code::UnmappedControl), Some(Severity::Error));
        assert_eq!(c.severity(Code::ReviewDueSoon), None);
    }

    #[test]
    fn raw_html_modes() {
        assert_eq!(
            Config::parse("").unwrap().markdown.raw_html,
            RawHtml::Sanitise
        );
        for (text, mode) in [
            ("sanitise", RawHtml::Sanitise),
            ("sanitize", RawHtml::Sanitise),
            ("escape", RawHtml::Escape),
            ("trusted", RawHtml::Trusted),
        ] {
            let c = Config::parse(&format!("[markdown]\nraw_html = \"{text}\"\n")).unwrap();
            assert_eq!(c.markdown.raw_html, mode);
        }
        let e = Config::parse("[markdown]\nraw_html = \"allow\"\n").unwrap_err();
        assert!(e.contains("sanitise"), "{e}");
    }

    #[test]
    fn owners_must_be_handles() {
        let c = Config::parse(
            "[owners]\n\"CISO\" = \"@acme/security\"\n\"DPO\" = \"dpo@acme.example\"\nCTO = \"@octocat\"\n",
        )
        .unwrap();
        assert_eq!(c.owners.len(), 3);
        let e = Config::parse(
            "title = \"T\"\n\n[owners]\n\"CISO\" = \"@acme/security\"\n\"Head of IT\" = \"@acme/it\\n* @mallory\"\n",
        )
        .unwrap_err();
        assert_eq!(
            e,
            "line 5: [owners] \"Head of IT\" = \"@acme/it\\n* @mallory\" is not a GitHub handle; write one \"@user\", \"@org/team\" or e-mail address"
        );
        assert!(!e.contains('\n'), "the message stays on one line");
        let e = Config::parse("[owners]\nCISO = \"security team\"\n").unwrap_err();
        assert!(e.starts_with("line 2: [owners] \"CISO\""), "{e}");
    }

    #[test]
    fn repository_pages_on_github_and_gitlab() {
        let c = Config::parse("[repository]\nurl = \"https://github.com/acme/isms.git/\"\n")
            .unwrap()
            .with_repository_path(|| Some("hand book".into()));
        let r = c.repository.as_ref().unwrap();
        assert_eq!(r.branch, "main");
        assert_eq!(
            r.page(View::Edit, "policies/a#b?.md"),
            "https://github.com/acme/isms/edit/main/hand%20book/policies/a%23b%3F.md"
        );
        let c = Config::parse(
            "[repository]\nurl = \"https://gitlab.acme.example/g/isms\"\nbranch = \"rel/1\"\npath = \"\"\n",
        )
        .unwrap()
        .with_repository_path(|| panic!("the file says where"));
        let r = c.repository.as_ref().unwrap();
        assert_eq!(
            r.page(View::Commits, "x.md"),
            "https://gitlab.acme.example/g/isms/-/commits/rel/1/x.md"
        );
        assert_eq!(
            r.page(View::Raw, "img/a.png"),
            "https://gitlab.acme.example/g/isms/-/raw/rel/1/img/a.png"
        );
        let c = Config::parse(
            "[repository]\nurl = \"https://git.acme.example/isms\"\nhost = \"gitlab\"\n",
        )
        .unwrap();
        assert!(c
            .repository
            .unwrap()
            .page(View::Blob, "x")
            .contains("/-/blob/main/"));
        let e = Config::parse("[repository]\nurl = \"https://x.example/r\"\nhost = \"gitea\"\n")
            .unwrap_err();
        assert!(e.contains("github"), "{e}");
        let e = Config::parse("[repository]\nbranch = \"main\"\n").unwrap_err();
        assert!(e.contains("url"), "{e}");
        let e = Config::parse("[repository]\nurl = \"https://x.example/r\"\npath = \"../up\"\n")
            .unwrap_err();
        assert!(e.contains("[repository] path"), "{e}");
    }

    #[test]
    fn frameworks_are_declared_with_a_prefix_and_a_catalog() {
        let c = Config::parse(
            "title = \"T\"\r\n\r\n[[frameworks]]\r\nid = \"csf\"\r\ncatalog = \"nist-csf-2.0\"\r\n\r\n[[frameworks]]\r\nid = \"soc2\"\r\ncatalog = \"frameworks/soc2.yaml\"\r\nname = \"SOC 2\"\r\n",
        )
        .unwrap();
        assert_eq!(c.frameworks.len(), 2);
        assert_eq!(c.frameworks[1].name.as_deref(), Some("SOC 2"));
        let e = Config::parse("[[frameworks]]\nid = \"csf\"\ncatalog = \"nist-csf-2.0\"\n\n[[frameworks]]\nid = \"CSF\"\ncatalog = \"x.yaml\"\n").unwrap_err();
        assert!(
            e.starts_with("line 6: [[frameworks]] id = \"CSF\" is declared twice"),
            "{e}"
        );
        let e =
            Config::parse("[[frameworks]]\nid = \"iso27001\"\ncatalog = \"x.yaml\"\n").unwrap_err();
        assert!(e.contains("built-in ISO/IEC 27001 Annex A"), "{e}");
        let e =
            Config::parse("[[frameworks]]\nid = \"nist csf\"\ncatalog = \"x.yaml\"\n").unwrap_err();
        assert!(e.contains("not a usable prefix"), "{e}");
        for bad in ["../other/c.yaml", "/etc/c.yaml", "C:\\\\c.yaml", ""] {
            let e = Config::parse(&format!("[[frameworks]]\nid = \"x\"\ncatalog = {bad:?}\n"))
                .unwrap_err();
            assert!(e.contains("inside the content folder"), "{bad}: {e}");
        }
        let e = Config::parse("[[frameworks]]\nid = \"csf\"\ncatalog = \"nist-csf-2.0\"\napplicability = \"../a.yaml\"\n").unwrap_err();
        assert!(e.contains("applicability = \"../a.yaml\""), "{e}");
        let e = Config::parse("[[frameworks]]\nid = \"csf\"\n").unwrap_err();
        assert!(e.contains("catalog"), "{e}");
        let e = Config::parse("[[mappings]]\nfrom = \"csf\"\n").unwrap_err();
        assert!(e.contains("missing field `to`"), "{e}");
        let fw = "[[frameworks]]\nid = \"csf\"\ncatalog = \"nist-csf-2.0\"\n";
        let e = Config::parse(&format!(
            "{fw}[[mappings]]\nfrom = \"cfs\"\nto = \"iso27001\"\nfile = \"m.yaml\"\n"
        ))
        .unwrap_err();
        assert!(
            e.starts_with("line 5: ") && e.contains("did you mean \"csf\""),
            "{e}"
        );
        let e = Config::parse(&format!(
            "{fw}[[mappings]]\nfrom = \"csf\"\nto = \"CSF\"\nfile = \"m.yaml\"\n"
        ))
        .unwrap_err();
        assert!(e.contains("the same framework"), "{e}");
        let e = Config::parse(&format!(
            "{fw}[[mappings]]\nfrom = \"csf\"\nto = \"iso27001\"\nfile = \"/m.yaml\"\n"
        ))
        .unwrap_err();
        assert!(e.contains("not a path inside the content folder"), "{e}");
        let ok = Config::parse(&format!("{fw}applicability = \"a.yaml\"\n[[mappings]]\nfrom = \"csf\"\nto = \"iso27001\"\nfile = \"./m.yaml\"\n")).unwrap();
        assert_eq!(ok.framework_files(), ["nist-csf-2.0", "a.yaml", "m.yaml"]);
    }

    #[test]
    fn unknown_keys_and_codes_are_rejected() {
        let e = Config::parse("titel = \"x\"\n").unwrap_err();
        assert!(e.contains("titel"), "{e}");
        let e = Config::parse("[checks]\nbroken-links = \"off\"\n").unwrap_err();
        assert!(e.contains("did you mean `broken-link`"), "{e}");
    }
}
