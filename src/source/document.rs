//! One document from its bytes: a pure function, so a changed file can be re-parsed alone
//! (watch mode) and a Git revision parses exactly like the working tree.

use super::frontmatter;
use super::meta::{self, Meta};
use super::scan::{self, BodyScan};
use super::schema;
use super::yaml;
use crate::finding::{Code, Finding};

#[derive(Debug, Clone)]
pub struct SourceDoc {
    /// Path relative to the content root, `/`-separated: `policies/access-control.md`.
    pub path: String,
    /// The file's text without a BOM (CRLF kept: positions stay those of the file).
    pub text: String,
    pub body_offset: usize,
    pub body_line: u32,
    pub meta: Meta,
    pub scan: BodyScan,
    /// Problems found while reading this file alone (front matter syntax and schema).
    pub findings: Vec<Finding>,
    /// False when the front matter is missing or invalid: the page then carries a warning banner.
    pub front_matter_ok: bool,
}

impl SourceDoc {
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    /// The text of a 1-based file line, for diagnostics.
    pub fn line_text(&self, line: u32) -> Option<&str> {
        self.text.lines().nth(line.checked_sub(1)? as usize)
    }
}

/// Result of reading a file that may not be a usable document at all.
#[derive(Clone)]
pub enum ParsedFile {
    Doc(Box<SourceDoc>),
    /// Not UTF-8: reported, not published.
    Unreadable(Finding),
}

const EMPTY_META: Meta = Meta {
    id: None,
    title: None,
    doc_type: None,
    owner: None,
    version: None,
    status: None,
    last_reviewed: None,
    review_interval: None,
    next_review: None,
    approver: None,
    approved_on: None,
    classification: meta::Classification::Internal,
    controls: Vec::new(),
    clauses: Vec::new(),
    related: Vec::new(),
    tags: Vec::new(),
};

pub fn parse(path: &str, bytes: Vec<u8>) -> ParsedFile {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            return ParsedFile::Unreadable(
                Finding::at(
                    Code::UnreadableFile,
                    path,
                    line,
                    1,
                    "file is not valid UTF-8 text",
                )
                .help("re-save the file with UTF-8 encoding"),
            );
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    ParsedFile::Doc(Box::new(parse_text(path, text)))
}

fn parse_text(path: &str, text: String) -> SourceDoc {
    let split = frontmatter::split(&text);
    let mut findings = Vec::new();
    let mut meta = EMPTY_META;
    let mut ok = false;
    match split.yaml {
        _ if split.unclosed => findings.push(
            Finding::at(Code::InvalidFrontMatter, path, 1, 1, "front matter opened with `---` is never closed")
                .help("end the front matter with a line containing only `---`"),
        ),
        None => findings.push(
            Finding::at(Code::InvalidFrontMatter, path, 1, 1, "document has no front matter")
                .help("start the file with a YAML block between `---` lines holding id, title, type, owner, version, status and last_reviewed"),
        ),
        Some(yaml_text) => match yaml::load(yaml_text) {
            Err(e) => {
                let f = Finding::at(
                    Code::InvalidFrontMatter,
                    path,
                    split.yaml_line + e.pos().line - 1,
                    e.pos().column,
                    format!("front matter: {}", e.message()),
                );
                findings.push(match e {
                    yaml::LoadError::Alias(_) => f.help("write the value out in full"),
                    yaml::LoadError::Tag(..) => {
                        f.help("remove the tag: front matter holds text, dates, numbers and lists")
                    }
                    yaml::LoadError::TooDeep(_) => {
                        f.help("front matter holds flat fields and short lists")
                    }
                    yaml::LoadError::Syntax(_) => {
                        match unclosed_bracket(yaml_text, e.pos().line) {
                            Some((bracket, line)) => f.help(format!(
                                "the `{bracket}` on line {} is never closed; quote the value if the bracket is part of the text",
                                split.yaml_line + line - 1
                            )),
                            None => f,
                        }
                    }
                });
            }
            Ok((value, index)) => {
                let (validator, schema_value) = schema::document();
                let problems = schema::validate(
                    validator,
                    schema_value,
                    &value,
                    &schema::ValidationTarget {
                        file: path,
                        line0: split.yaml_line,
                        yaml: yaml_text,
                        index: &index,
                        invalid: Code::InvalidFrontMatter,
                        unknown_field: Code::UnknownField,
                        object_line: 1,
                    },
                );
                ok = !problems.iter().any(|f| f.code == Code::InvalidFrontMatter);
                findings.extend(problems);
                meta = meta::extract(&value, &index, split.yaml_line);
            }
        },
    }
    let (body_offset, body_line) = (split.body_offset, split.body_line);
    let scan = scan::scan(&text[body_offset..], body_line, path);
    let id = meta.id.as_ref().map(|l| l.value.clone());
    for f in &mut findings {
        f.document = id.clone();
    }
    SourceDoc {
        path: path.to_owned(),
        text,
        body_offset,
        body_line,
        meta,
        scan,
        findings,
        front_matter_ok: ok,
    }
}

/// The first `[` or `{` (and its 1-based line in `yaml`) still open at the end of line
/// `upto`: YAML reports an unclosed flow collection where it gives up, often lines later.
/// Quoted text is skipped; this is a hint, not a parser.
fn unclosed_bracket(yaml: &str, upto: u32) -> Option<(char, u32)> {
    let mut open: Vec<(char, u32)> = Vec::new();
    for (line_no, line) in (1u32..).zip(yaml.lines()).take(upto as usize) {
        let mut quote: Option<char> = None;
        let mut prev = ' ';
        for c in line.chars() {
            let after_space = prev.is_whitespace();
            prev = c;
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '#') if after_space => break,
                (None, '[' | '{') => open.push((c, line_no)),
                (None, ']' | '}') => {
                    open.pop();
                }
                _ => {}
            }
        }
    }
    open.first().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> SourceDoc {
        match parse("p/x.md", text.as_bytes().to_vec()) {
            ParsedFile::Doc(d) => *d,
            ParsedFile::Unreadable(f) => panic!("{f:?}"),
        }
    }

    const FM: &str = "---\nid: POL-1\ntitle: T\ntype: policy\nowner: CISO\nversion: \"1.0\"\nstatus: approved\nlast_reviewed: 2026-01-10\ncontrols: [\"5.15\", A.8.2]\n---\n";

    #[test]
    fn bom_and_crlf_documents_parse_like_plain_ones() {
        let plain = doc(&format!("{FM}# Hello\n\n[x](y.md)\n"));
        let crlf_text = format!("\u{feff}{FM}# Hello\n\n[x](y.md)\n").replace('\n', "\r\n");
        let crlf = doc(&crlf_text);
        assert!(plain.findings.is_empty(), "{:?}", plain.findings);
        assert!(crlf.findings.is_empty(), "{:?}", crlf.findings);
        assert_eq!(plain.meta, crlf.meta);
        assert_eq!(crlf.meta.id.as_ref().unwrap().value, "POL-1");
        assert_eq!(crlf.meta.controls[1].line, 9);
        assert_eq!(plain.scan.links[0].line, 13);
        assert_eq!(crlf.scan.links[0].line, 13);
        assert_eq!(crlf.body_line, 11);
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let d = doc("---\nid: POL-1\ntitle: \"broken\nowner: x\n---\nbody\n");
        assert_eq!(d.findings.len(), 1);
        assert_eq!(d.findings[0].code, Code::InvalidFrontMatter);
        assert!(d.findings[0].line.unwrap() >= 3, "{:?}", d.findings[0]);
        assert!(!d.front_matter_ok);
    }

    #[test]
    fn yaml_aliases_are_refused_before_expansion() {
        let mut text = String::from("---\nid: X\na0: &a0 [x,x,x,x,x,x,x,x,x,x]\n");
        for i in 1..40 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p}]\n"
            ));
        }
        text.push_str("---\n");
        let d = doc(&text);
        assert_eq!(d.findings.len(), 1, "{:?}", d.findings);
        assert_eq!(d.findings[0].line, Some(4));
        assert!(d.findings[0].message.contains("alias"));
    }

    #[test]
    fn missing_front_matter_and_non_utf8() {
        let d = doc("# Just text\n");
        assert_eq!(d.findings[0].message, "document has no front matter");
        match parse("bad.md", b"---\nid: x\n\xff\n".to_vec()) {
            ParsedFile::Unreadable(f) => {
                assert_eq!((f.code, f.line), (Code::UnreadableFile, Some(3)))
            }
            ParsedFile::Doc(_) => panic!("non-UTF-8 accepted"),
        }
    }
}
