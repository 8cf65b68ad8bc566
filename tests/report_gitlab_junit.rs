//! `check --format gitlab` (GitLab Code Quality) and `check --format junit` (JUnit XML), run by
//! the binary on an ISMS in the `content/` folder of a Git repository, as GitLab and Jenkins
//! jobs run it: paths must be repository-relative, fingerprints must survive edits above a
//! finding, and the XML must parse whatever a user's file holds.
//!
//! The JUnit report is checked against the rules of Jenkins' JUnit schema (the xUnit plugin's
//! junit-10.xsd), written out in `junit10_violations`: the schema file itself is not vendored,
//! since no XSD validator is among this crate's dependencies and the checks below say the same
//! thing in Rust.

mod common;

use common::{git, ismsbook, path_str, Repo, TODAY};
use quick_xml::events::Event;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// `policies/access.md` as exported from a Windows editor: CRLF, an emoji in title and body,
/// an overdue review, the same broken reference twice, and a reference whose id holds `<`,
/// `&`, `"` and a raw control character (U+0001).
const ACCESS: &str = "---\r\nid: POL-001\r\ntitle: \"Zugangskontrolle 🔐 & <Access>\"\r\ntype: policy\r\nowner: CISO\r\nversion: \"1.0\"\r\nstatus: approved\r\nlast_reviewed: 2024-01-10\r\ncontrols: [\"A.5.15\"]\r\n---\r\n# Access 🔐\r\n\r\nAccess is granted per role (see [[POL-404]]).\r\n\r\nExceptions: [[POL-<&\"\u{1}>]].\r\n\r\nAgain: [[POL-404]].\r\n";

/// The ISMS in `content/` of a fresh Git repository (committed, so the root is found as Git
/// finds it): two policies (one clean), a note without front matter, an exclusion without a
/// justification, an exception about to expire, and the 13 missing mandatory clauses as the
/// whole-ISMS findings.
fn fixture() -> Repo {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        "[checks]\nunmapped-control = \"off\"\nunmapped-document = \"off\"\n",
    )
    .write("policies/access.md", ACCESS)
    .write(
        "policies/clean-desk.md",
        "---\nid: POL-002\ntitle: Clean desk\ntype: policy\nowner: CISO\nversion: \"2.1\"\nstatus: approved\nlast_reviewed: 2026-10-01\ncontrols: [\"A.7.7\"]\n---\n# Clean desk\n\nClear your desk 🧹 at the end of the day.\n",
    )
    .write(
        "drafts/ideas.md",
        "# Notes without front matter\n\nTo be written.\n",
    )
    .write("soa.yaml", "A.5.1:\n  applicable: false\n")
    .write(
        "exceptions.yaml",
        "- id: EX-01\n  title: Legacy VPN for the warehouse scanners\n  controls: [A.8.20]\n  scope: Warehouse scanners\n  reason: The scanners support no other VPN.\n  approver: CISO\n  approved_on: 2026-06-01\n  expires: 2026-12-10\n",
    );
    git(repo.tmp(), &["init", "-q"]);
    git(repo.tmp(), &["add", "-A"]);
    git(repo.tmp(), &["commit", "-qm", "ISMS"]);
    repo
}

fn check(repo: &Repo, format: &str, extra: &[&str]) -> (i32, String) {
    let mut args = vec![
        "check".to_owned(),
        path_str(repo.root()),
        "--format".into(),
        format.into(),
        "--today".into(),
        TODAY.into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let run = ismsbook(&args);
    run.no_panic();
    (run.code, run.stdout)
}

fn gitlab(repo: &Repo) -> Vec<Value> {
    let (code, out) = check(repo, "gitlab", &[]);
    assert_eq!(code, 1, "errors fail the run as with any format");
    let v: Value = serde_json::from_str(&out).expect("the Code Quality report is JSON");
    v.as_array().expect("the report is a JSON array").clone()
}

#[test]
fn gitlab_report_has_every_finding_with_the_keys_gitlab_reads() {
    let repo = fixture();
    let issues = gitlab(&repo);
    let (_, json) = check(&repo, "json", &[]);
    let json: Value = serde_json::from_str(&json).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(issues.len(), findings.len(), "one issue per finding");
    assert_eq!(findings.len(), 20);

    for (issue, f) in issues.iter().zip(findings) {
        let keys: BTreeSet<&str> = issue
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            BTreeSet::from([
                "check_name",
                "description",
                "fingerprint",
                "location",
                "severity",
                "type"
            ])
        );
        assert_eq!(issue["type"], "issue");
        assert_eq!(issue["check_name"], f["code"]);
        let description = issue["description"].as_str().unwrap();
        assert!(description.starts_with(
            f["message"]
                .as_str()
                .unwrap()
                .split('\u{1}')
                .next()
                .unwrap()
        ));
        let severity = match f["severity"].as_str().unwrap() {
            "error" => "major",
            "warning" => "minor",
            _ => "info",
        };
        assert_eq!(issue["severity"], severity);
        let fp = issue["fingerprint"].as_str().unwrap();
        assert!(
            fp.len() == 32 && fp.bytes().all(|b| b.is_ascii_hexdigit()),
            "{fp}"
        );
        // Repository-relative: the content root is `content/` of the repository.
        let path = issue["location"]["path"].as_str().unwrap();
        let begin = issue["location"]["lines"]["begin"].as_u64().unwrap();
        match f["file"].as_str() {
            Some(file) => {
                assert_eq!(path, format!("content/{file}"));
                assert_eq!(begin, f["line"].as_u64().unwrap());
            }
            None => {
                assert_eq!(path, "content/ismsbook.toml", "whole-ISMS findings");
                assert_eq!(begin, 1);
            }
        }
    }

    // The reference with markup characters and a control character from the file: the JSON
    // string carries `<&"` as they are and the control character spelled out, never raw.
    let odd = issues
        .iter()
        .find(|i| i["description"].as_str().unwrap().contains("POL-<&\""))
        .expect("the odd reference is reported");
    let text = odd["description"].as_str().unwrap();
    assert!(text.contains("POL-<&\"\\u{1}>"), "{text}");
    assert!(!text.chars().any(|c| c.is_control()), "{text:?}");
    assert_eq!(odd["location"]["lines"]["begin"], 15);
    // The help goes with the message: the widget shows nothing else of ours.
    let broken = &issues
        .iter()
        .find(|i| i["description"].as_str().unwrap().contains("`POL-404`"))
        .unwrap()["description"];
    assert!(
        broken
            .as_str()
            .unwrap()
            .contains("did you mean [[POL-001]]"),
        "{broken}"
    );
}

/// `(check_name, path, begin)` per fingerprint.
fn by_fingerprint(issues: &[Value]) -> BTreeMap<String, (String, String, u64)> {
    issues
        .iter()
        .map(|i| {
            (
                i["fingerprint"].as_str().unwrap().to_owned(),
                (
                    i["check_name"].as_str().unwrap().to_owned(),
                    i["location"]["path"].as_str().unwrap().to_owned(),
                    i["location"]["lines"]["begin"].as_u64().unwrap(),
                ),
            )
        })
        .collect()
}

#[test]
fn gitlab_fingerprints_are_unique_and_survive_a_line_inserted_above() {
    let repo = fixture();
    let before = by_fingerprint(&gitlab(&repo));
    assert_eq!(
        before.len(),
        20,
        "every finding has its own fingerprint, the two identical broken references and the 13 missing clauses included"
    );

    // A blank line above the references (CRLF, as the file is written).
    let edited = ACCESS.replacen("# Access 🔐\r\n", "# Access 🔐\r\n\r\n", 1);
    repo.write("policies/access.md", edited);
    let after = by_fingerprint(&gitlab(&repo));
    // The same findings keep their fingerprints; the edit of an approved document adds one
    // finding of its own (the body changed since the commit that set its version).
    let new: Vec<&str> = after
        .iter()
        .filter(|(fp, _)| !before.contains_key(*fp))
        .map(|(_, (code, _, _))| code.as_str())
        .collect();
    assert_eq!(new, ["changed-without-version-bump"]);
    for (fp, (code, path, line)) in &before {
        let (code2, path2, line2) = &after[fp];
        assert_eq!((code, path), (code2, path2));
        let moved = code == "broken-link";
        assert_eq!(*line2, if moved { line + 1 } else { *line }, "{code} {fp}");
    }

    // A day later the overdue review reads "689 days ago": still the same finding.
    let (_, next_day) = {
        let run = ismsbook(&[
            "check",
            &path_str(repo.root()),
            "--format",
            "gitlab",
            "--today",
            "2026-11-30",
        ]);
        (run.code, run.stdout)
    };
    let next_day: Vec<Value> = serde_json::from_str(&next_day).unwrap();
    let overdue = |issues: &[Value]| {
        issues
            .iter()
            .find(|i| i["check_name"] == "overdue-review")
            .unwrap()
            .clone()
    };
    let today = overdue(&gitlab(&repo));
    let tomorrow = overdue(&next_day);
    assert_ne!(today["description"], tomorrow["description"]);
    assert_eq!(today["fingerprint"], tomorrow["fingerprint"]);

    // Writing the missing clause 4.3 resolves that finding alone: the other 12 keep theirs.
    let clauses = |issues: &[Value]| -> BTreeSet<String> {
        issues
            .iter()
            .filter(|i| i["check_name"] == "missing-mandatory-document")
            .map(|i| i["fingerprint"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = clauses(&gitlab(&repo));
    repo.write(
        "scope.md",
        "---\nid: SCOPE-1\ntitle: ISMS scope\ntype: record\nowner: CISO\nversion: \"1.0\"\nstatus: approved\nlast_reviewed: 2026-10-01\nclauses: [\"4.3\"]\n---\n# Scope\n",
    );
    let fewer = clauses(&gitlab(&repo));
    assert_eq!(fewer.len(), 12);
    assert!(
        fewer.is_subset(&all),
        "no other clause finding was re-keyed"
    );
}

// ----- JUnit -----

/// An element of the parsed report: name, attributes (decoded), children, text (decoded).
#[derive(Debug)]
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<El>,
    text: String,
}

impl El {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
}

/// Parses the whole document with quick-xml, failing on anything that is not well-formed XML
/// (mismatched tags, bad references, duplicate attributes, text outside the root).
fn parse_xml(xml: &str) -> El {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<El> = Vec::new();
    let mut root = None;
    let element = |e: &quick_xml::events::BytesStart| El {
        name: e.name().0.to_owned(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("well-formed attribute");
                (
                    a.key.0.to_owned(),
                    a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .expect("attribute value decodes")
                        .into_owned(),
                )
            })
            .collect(),
        children: Vec::new(),
        text: String::new(),
    };
    loop {
        match reader
            .read_event()
            .expect("the JUnit report is well-formed XML")
        {
            Event::Decl(_) => {}
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let el = element(&e);
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::End(_) => {
                let el = stack.pop().expect("an open element");
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                let t = t.xml10_content();
                match stack.last_mut() {
                    Some(el) => el.text.push_str(&t),
                    None => assert!(t.trim().is_empty(), "text outside the root: {t:?}"),
                }
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().expect("a valid character reference") {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.xml10_content();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .unwrap_or_else(|| panic!("undefined entity &{name};"))
                            .to_owned()
                    }
                };
                stack
                    .last_mut()
                    .expect("inside an element")
                    .text
                    .push_str(&c);
            }
            Event::Eof => break,
            other => panic!("unexpected XML event {other:?}"),
        }
    }
    assert!(stack.is_empty(), "every element is closed");
    root.expect("a root element")
}

/// Where the report breaks the rules of Jenkins' JUnit schema (junit-10.xsd of the xUnit
/// plugin): which elements may hold which, which attributes are allowed and required.
fn junit10_violations(root: &El) -> Vec<String> {
    fn check(
        el: &El,
        allowed_attrs: &[&str],
        required: &[&str],
        children: &[&str],
        out: &mut Vec<String>,
    ) {
        for (a, _) in &el.attrs {
            if !allowed_attrs.contains(&a.as_str()) {
                out.push(format!("<{}> has attribute {a}", el.name));
            }
        }
        for r in required {
            if el.attr(r).is_none() {
                out.push(format!("<{}> lacks attribute {r}", el.name));
            }
        }
        for c in &el.children {
            if !children.contains(&c.name.as_str()) {
                out.push(format!("<{}> holds <{}>", el.name, c.name));
            }
        }
    }
    // SUREFIRE_TIME: digits, optionally thousands groups and a fraction.
    fn time_ok(t: &str) -> bool {
        let (int, frac) = t.split_once('.').unwrap_or((t, ""));
        int.chars().all(|c| c.is_ascii_digit() || c == ',')
            && frac.chars().all(|c| c.is_ascii_digit())
    }
    let mut out = Vec::new();
    let suites: Vec<&El> = match root.name.as_str() {
        "testsuites" => {
            check(
                root,
                &["name", "time", "tests", "failures", "errors"],
                &[],
                &["testsuite"],
                &mut out,
            );
            root.children.iter().collect()
        }
        "testsuite" => vec![root],
        other => {
            out.push(format!("root element <{other}>"));
            vec![]
        }
    };
    for suite in suites {
        check(
            suite,
            &[
                "name",
                "tests",
                "failures",
                "errors",
                "group",
                "time",
                "skipped",
                "timestamp",
                "hostname",
                "id",
                "package",
                "file",
                "log",
                "url",
            ],
            &["name", "tests", "failures", "errors"],
            &[
                "testsuite",
                "properties",
                "testcase",
                "system-out",
                "system-err",
            ],
            &mut out,
        );
        if !suite.attr("time").is_none_or(time_ok) {
            out.push("testsuite time".into());
        }
        for props in suite.all("properties") {
            check(props, &[], &[], &["property"], &mut out);
            for p in props.all("property") {
                check(p, &["name", "value"], &["name", "value"], &[], &mut out);
            }
        }
        for case in suite.all("testcase") {
            check(
                case,
                &["name", "time", "classname", "group"],
                &["name"],
                &[
                    "skipped",
                    "error",
                    "failure",
                    "rerunFailure",
                    "rerunError",
                    "flakyFailure",
                    "flakyError",
                    "system-out",
                    "system-err",
                ],
                &mut out,
            );
            for c in &case.children {
                let attrs: &[&str] = match c.name.as_str() {
                    "failure" | "error" | "skipped" => &["type", "message"],
                    _ => &[],
                };
                check(c, attrs, &[], &[], &mut out);
            }
        }
    }
    out
}

fn junit(repo: &Repo, extra: &[&str]) -> (String, El) {
    let (code, out) = check(repo, "junit", extra);
    assert_eq!(code, 1, "errors fail the run as with any format");
    let root = parse_xml(&out);
    (out, root)
}

fn cases(root: &El) -> Vec<&El> {
    root.all("testsuite")
        .flat_map(|s| s.all("testcase"))
        .collect()
}

#[test]
fn junit_report_is_well_formed_and_follows_jenkins_schema() {
    let repo = fixture();
    let (xml, root) = junit(&repo, &[]);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
    // Nothing XML 1.0 forbids, even from a file holding a control character.
    assert!(
        !xml.chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')),
        "raw control characters in the report"
    );
    assert_eq!(junit10_violations(&root), Vec::<String>::new());

    assert_eq!(root.name, "testsuites");
    let suites: Vec<&El> = root.all("testsuite").collect();
    assert_eq!(suites.len(), 1);
    assert_eq!(suites[0].attr("name"), Some("ismsbook"));
    let props: BTreeMap<&str, &str> = suites[0]
        .all("properties")
        .flat_map(|p| p.all("property"))
        .map(|p| (p.attr("name").unwrap(), p.attr("value").unwrap()))
        .collect();
    assert_eq!(props.get("ismsbook.today"), Some(&TODAY));

    // One test case per document, and one per other file with findings; whole-ISMS findings
    // sit on ismsbook.toml.
    let names: Vec<(&str, &str)> = cases(&root)
        .iter()
        .map(|c| (c.attr("classname").unwrap(), c.attr("name").unwrap()))
        .collect();
    assert_eq!(
        names,
        [
            ("drafts", "content/drafts/ideas.md"),
            ("ismsbook", "content/exceptions.yaml"),
            ("ismsbook", "content/ismsbook.toml"),
            ("policy", "POL-001 Zugangskontrolle 🔐 & <Access>"),
            ("policy", "POL-002 Clean desk"),
            ("ismsbook", "content/soa.yaml"),
        ]
    );
}

#[test]
fn junit_counts_and_failures_follow_the_exit_code() {
    let repo = fixture();
    let (_, root) = junit(&repo, &[]);
    let suite = root.all("testsuite").next().unwrap();
    let failed: Vec<&str> = cases(&root)
        .iter()
        .filter(|c| c.all("failure").next().is_some())
        .map(|c| c.attr("name").unwrap())
        .collect();
    assert_eq!(
        failed,
        [
            "content/drafts/ideas.md",
            "POL-001 Zugangskontrolle 🔐 & <Access>",
            "content/soa.yaml"
        ]
    );
    for el in [&root, suite] {
        assert_eq!(el.attr("tests"), Some("6"));
        assert_eq!(el.attr("failures"), Some("3"));
        assert_eq!(el.attr("errors"), Some("0"));
    }
    assert!(cases(&root).iter().all(|c| c.all("failure").count() <= 1));

    let access = cases(&root)
        .into_iter()
        .find(|c| c.attr("name").unwrap().starts_with("POL-001"))
        .unwrap();
    let failure = access.all("failure").next().unwrap();
    assert_eq!(failure.attr("type"), Some("overdue-review, broken-link"));
    let message = failure.attr("message").unwrap();
    assert!(
        message.starts_with("4 findings: review was due on 2025-01-10"),
        "{message}"
    );
    // The user's `<&"` survive escaping; the control character is spelled out.
    assert!(message.contains("`POL-<&\"\\u{1}>`"), "{message}");
    let text = &failure.text;
    for at in [
        "content/policies/access.md:8:1: error[overdue-review]",
        "content/policies/access.md:13:",
        "content/policies/access.md:15:",
        "content/policies/access.md:17:",
        "  help: review the document, then update last_reviewed",
    ] {
        assert!(text.contains(at), "{at} in {text}");
    }
    assert!(text.contains("POL-<&\"\\u{1}>"), "{text}");

    // The warning that does not fail the run is output beside a passing test.
    let exceptions = cases(&root)
        .into_iter()
        .find(|c| c.attr("name") == Some("content/exceptions.yaml"))
        .unwrap();
    assert!(exceptions.all("failure").next().is_none());
    let out = &exceptions.all("system-out").next().unwrap().text;
    assert!(
        out.contains("content/exceptions.yaml:8:3: warning[exception-expiring-soon]"),
        "{out}"
    );
    let clean = cases(&root)
        .into_iter()
        .find(|c| c.attr("name") == Some("POL-002 Clean desk"))
        .unwrap();
    assert!(
        clean.children.is_empty(),
        "a clean document is a passing test"
    );

    // --deny warnings fails the warnings' test cases as it fails the run on them.
    let (_, denied) = junit(&repo, &["--deny", "warnings"]);
    let failed: Vec<&str> = cases(&denied)
        .iter()
        .filter(|c| c.all("failure").next().is_some())
        .map(|c| c.attr("name").unwrap())
        .collect();
    assert_eq!(
        failed,
        [
            "content/drafts/ideas.md",
            "content/exceptions.yaml",
            "content/ismsbook.toml",
            "POL-001 Zugangskontrolle 🔐 & <Access>",
            "content/soa.yaml"
        ]
    );
    assert_eq!(denied.attr("failures"), Some("5"));
    let toml = cases(&denied)
        .into_iter()
        .find(|c| c.attr("name") == Some("content/ismsbook.toml"))
        .unwrap();
    let failure = toml.all("failure").next().unwrap();
    assert_eq!(failure.attr("type"), Some("missing-mandatory-document"));
    assert!(failure
        .attr("message")
        .unwrap()
        .starts_with("13 findings: "));
}

#[test]
fn ci_formats_keep_the_exit_codes() {
    let repo = fixture();
    for format in ["gitlab", "junit"] {
        assert_eq!(check(&repo, format, &[]).0, 1, "{format}: errors");
    }
    // Without errors: 0, and 1 again with --deny warnings.
    let clean = Repo::new();
    clean
        .write(
            "ismsbook.toml",
            "[checks]\nunmapped-control = \"off\"\nunmapped-document = \"off\"\n",
        )
        .write(
            "policies/clean-desk.md",
            "---\nid: POL-002\ntitle: Clean desk\ntype: policy\nowner: CISO\nversion: \"2.1\"\nstatus: approved\nlast_reviewed: 2026-10-01\ncontrols: [\"A.7.7\"]\n---\n# Clean desk\n",
        );
    for format in ["gitlab", "junit"] {
        let (code, out) = check(&clean, format, &[]);
        assert_eq!(code, 0, "{format}: warnings only\n{out}");
        assert_eq!(
            check(&clean, format, &["--deny", "warnings"]).0,
            1,
            "{format}"
        );
    }
    // Outside Git, paths are relative to the content root.
    let (_, out) = check(&clean, "gitlab", &[]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["location"]["path"], "ismsbook.toml");
    let (_, out) = check(&clean, "junit", &[]);
    let root = parse_xml(&out);
    assert_eq!(junit10_violations(&root), Vec::<String>::new());
    assert_eq!(root.attr("tests"), Some("2"));
    assert_eq!(root.attr("failures"), Some("0"));
}
