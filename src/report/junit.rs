//! `check --format junit`: JUnit XML for CI systems that read test reports and nothing else
//! (Jenkins, Azure DevOps, GitLab's test report).
//!
//! One `<testsuite name="ismsbook">` inside `<testsuites>`; one `<testcase>` per document
//! (classname: its type, else its folder; name: `ID title`, or the path when the front matter
//! has no id), and one per other file that carries findings (`soa.yaml`, `risks.yaml`,
//! `exceptions.yaml`, a catalog, `README.md`; classname `ismsbook`, name: the path).
//! Findings about the ISMS as a whole (unmapped controls, missing clauses) belong to
//! `ismsbook.toml`, as in the SARIF and GitLab reports. A document without findings is a
//! passing test case, so the report also says what was checked.
//!
//! A test case fails exactly when the run's exit code counts one of its findings: errors, and
//! warnings under `--deny warnings`. Those go in one `<failure>` per test case (`message`: the
//! finding's message, or all of them after their count; `type`: the code or codes; text: each
//! finding at `path:line:column` with its help). One element rather than one per finding,
//! because Jenkins and Azure DevOps show only a test case's first `<failure>`: every finding
//! would still be counted, but only the first could be read. The findings that do not fail
//! the run (warnings, notes) go in the test case's `<system-out>`, which all three show beside
//! the test; a passing test never turns red for a warning the gate lets through.
//!
//! The layout is that of Jenkins' JUnit schema (junit-10.xsd of the xUnit plugin), which also
//! Surefire and pytest write: `failure` and `system-out` inside `testcase`, `time` on suite
//! and cases (0: checking is not timed per document). Text from the ISMS is escaped for XML;
//! control and invisible characters are spelled out (`\u{1b}`) as in the other formats, since
//! XML 1.0 cannot carry most of them at all.

use super::{message_with_control, printable, printable_lines, repo_path, GLOBAL_FILE};
use crate::finding::{Finding, Severity};
use crate::model::Handbook;
use std::collections::BTreeMap;
use std::fmt::Write;

/// One `<testcase>`.
struct Case<'a> {
    classname: String,
    name: String,
    findings: Vec<&'a Finding>,
}

/// The JUnit XML report. `uri_prefix` is the content root's path in the repository (paths in
/// failures are repository-relative, as in the other CI formats); `deny_warnings` is
/// `--deny warnings`, which makes warnings fail test cases as it makes them fail the run.
pub fn render(
    findings: &[Finding],
    hb: &Handbook,
    tool_version: &str,
    uri_prefix: &str,
    deny_warnings: bool,
) -> String {
    // Keyed by content-relative path, so test cases come in path order.
    let mut cases: BTreeMap<&str, Case> = BTreeMap::new();
    for doc in &hb.documents {
        let path = doc.src.path.as_str();
        let classname = match doc.doc_type() {
            Some(t) => t.as_str().to_owned(),
            None => match path.rsplit_once('/') {
                Some((folder, _)) => folder.to_owned(),
                None => "document".to_owned(),
            },
        };
        let name = if doc.id == doc.src.path || doc.id.is_empty() {
            repo_path(uri_prefix, path)
        } else if doc.title.trim().is_empty() {
            doc.id.clone()
        } else {
            format!("{} {}", doc.id, doc.title)
        };
        cases.insert(
            path,
            Case {
                classname,
                name,
                findings: Vec::new(),
            },
        );
    }
    for f in findings {
        let path = f.file.as_deref().unwrap_or(GLOBAL_FILE);
        cases
            .entry(path)
            .or_insert_with(|| Case {
                classname: "ismsbook".to_owned(),
                name: repo_path(uri_prefix, path),
                findings: Vec::new(),
            })
            .findings
            .push(f);
    }

    let fails = |f: &Finding| {
        f.severity == Severity::Error || (deny_warnings && f.severity == Severity::Warning)
    };
    let tests = cases.len();
    let failures = cases
        .values()
        .filter(|c| c.findings.iter().any(|f| fails(f)))
        .count();

    let mut out = String::with_capacity(256 + tests * 160);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"ismsbook\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" time=\"0\">"
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"ismsbook\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"0\">"
    );
    out.push_str("    <properties>\n");
    let _ = writeln!(
        out,
        "      <property name=\"ismsbook.version\" value=\"{}\"/>",
        attr(tool_version)
    );
    // The day reviews and expiries were judged against: a report read later must say so.
    let _ = writeln!(
        out,
        "      <property name=\"ismsbook.today\" value=\"{}\"/>",
        hb.today
    );
    out.push_str("    </properties>\n");
    for case in cases.values() {
        let (failing, other): (Vec<&Finding>, Vec<&Finding>) =
            case.findings.iter().partition(|f| fails(f));
        let _ = write!(
            out,
            "    <testcase classname=\"{}\" name=\"{}\" time=\"0\"",
            attr(&case.classname),
            attr(&case.name)
        );
        if failing.is_empty() && other.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        if let Some(first) = failing.first() {
            let message = if failing.len() == 1 {
                message_with_control(first).into_owned()
            } else {
                let all: Vec<_> = failing.iter().map(|f| message_with_control(f)).collect();
                format!("{} findings: {}", failing.len(), all.join("; "))
            };
            let mut codes: Vec<&str> = Vec::new();
            for f in &failing {
                if !codes.contains(&f.code.as_str()) {
                    codes.push(f.code.as_str());
                }
            }
            let _ = write!(
                out,
                "      <failure message=\"{}\" type=\"{}\">",
                attr(&message),
                attr(&codes.join(", "))
            );
            for f in &failing {
                out.push_str(&text(&describe(f, uri_prefix)));
            }
            out.push_str("</failure>\n");
        }
        if !other.is_empty() {
            out.push_str("      <system-out>");
            for f in &other {
                out.push_str(&text(&describe(f, uri_prefix)));
            }
            out.push_str("</system-out>\n");
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// `content/policies/a.md:12:5: error[broken-link]: message` and an indented help line, as a
/// log line a reader can paste into an editor.
fn describe(f: &Finding, uri_prefix: &str) -> String {
    let mut s = repo_path(uri_prefix, f.file.as_deref().unwrap_or(GLOBAL_FILE));
    if f.file.is_some() {
        if let Some(line) = f.line {
            let _ = write!(s, ":{line}");
            if let Some(col) = f.column {
                let _ = write!(s, ":{col}");
            }
        }
    }
    let _ = writeln!(
        s,
        ": {}[{}]: {}",
        f.severity.as_str(),
        f.code,
        message_with_control(f)
    );
    if let Some(help) = &f.help {
        let _ = writeln!(s, "  help: {help}");
    }
    s
}

/// Whether XML 1.0 allows `c` in a document at all (its `Char` production).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// Element text: markup escaped, control characters spelled out, a CR kept as a reference
/// (a parser would turn a literal one into a line feed).
fn text(s: &str) -> String {
    escape(&printable_lines(s), false)
}

/// An attribute value: also `"` escaped, and tabs and line breaks as references, which
/// attribute-value normalisation would otherwise turn into spaces.
fn attr(s: &str) -> String {
    escape(&printable(s), true)
}

fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            // What `printable` leaves and XML still refuses (U+FFFE, U+FFFF).
            c if !xml_char(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_only_characters_xml_allows() {
        assert_eq!(
            attr("a<b & \"c\"\u{1b}[2J\tx\u{fffe}"),
            "a&lt;b &amp; &quot;c&quot;\\u{1b}[2J&#9;x\u{fffd}"
        );
        assert_eq!(text("x > y\r\nz\u{7}"), "x &gt; y&#13;\nz\\u{7}");
    }
}
