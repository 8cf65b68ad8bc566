//! Bad input: every broken file gets a clear finding (or, for whole-run inputs such as the
//! configuration, an error) naming the file and, where there is one, the line — never a panic —
//! and every other document still builds.
//!
//! `tests/fixtures/bad` holds the small text cases (`broken/`) next to good documents
//! (`policies/`); the big, deep, binary and linked cases are generated here into `generated/`.

mod common;

use common::*;
use std::sync::OnceLock;

/// `tests/fixtures/bad` plus the generated cases, checked and built once.
struct Corpus {
    repo: Repo,
    report: Report,
    check: Run,
    build: Run,
}

fn fm(id: &str) -> Fm {
    Fm::new(id)
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let repo = Repo::shared_fixture("bad");
        let mut bom = b"\xef\xbb\xbf".to_vec();
        bom.extend(fm("GEN-BOM").doc("# Byte order mark\n").as_bytes());
        repo.write("generated/bom.md", bom);
        repo.write(
            "generated/crlf.md",
            fm("GEN-CRLF")
                .doc("# Windows line ends\n\n[one](../policies/good-one.md) [gone](missing.md)\n")
                .replace('\n', "\r\n"),
        );
        let mut latin1 = fm("GEN-LATIN1").doc("# Caf").into_bytes();
        latin1.extend(b"\xe9 cr\xe8me\n");
        repo.write("generated/non-utf8.md", latin1);
        // 21 MB: over the 10 MB document limit.
        repo.write(
            "generated/huge.md",
            fm("GEN-HUGE").doc(&format!("{}\n", "x".repeat(99)).repeat(210_000)),
        );
        // 10,000 levels of nesting in the body, on one line each.
        repo.write(
            "generated/deep-list.md",
            fm("GEN-LIST").doc(&format!("{}deepest item\n", "- ".repeat(10_000))),
        );
        repo.write(
            "generated/deep-quote.md",
            fm("GEN-QUOTE").doc(&format!("{} deepest quote\n", ">".repeat(10_000))),
        );
        repo.write(
            "generated/deep-mixed.md",
            fm("GEN-MIXED").doc(&format!("{}deepest mix\n", "> - ".repeat(5_000))),
        );
        // 1,000 levels of block nesting in the front matter.
        let mut yaml = String::from("tags:\n");
        for depth in 1..=1000 {
            yaml.push_str(&" ".repeat(depth));
            yaml.push_str("-\n");
        }
        repo.write(
            "generated/deep-yaml.md",
            format!("{}body\n", fm("GEN-YAML").line(yaml.trim_end()).render()),
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::symlink;
            std::fs::create_dir_all(repo.path("generated/loop")).unwrap();
            symlink("../loop", repo.path("generated/loop/self")).unwrap();
            symlink("/etc/passwd", repo.path("generated/outside.md")).unwrap();
            symlink("/etc", repo.path("generated/outside-folder")).unwrap();
        }
        let (check, report) = repo.check(&[]);
        let build = repo.build(&[]);
        Corpus {
            repo,
            report,
            check,
            build,
        }
    })
}

/// The one finding for `file`: its code, line and message.
#[track_caller]
fn only_finding(file: &str) -> (String, u64, String) {
    let c = corpus();
    let all = c.report.in_file(file);
    assert_eq!(all.len(), 1, "{file}:\n{}", c.report.dump());
    let f = all[0];
    (f.code.clone(), f.line.unwrap_or(0), f.message.clone())
}

#[track_caller]
fn assert_finding(file: &str, code: &str, line: u64, message: &str) {
    let (c, l, m) = only_finding(file);
    assert_eq!((c.as_str(), l), (code, line), "{file}: {m}");
    assert!(
        m.contains(message),
        "{file}: `{m}` should contain `{message}`"
    );
}

#[test]
fn the_corpus_is_checked_and_built_without_a_panic() {
    let c = corpus();
    c.check.expect(1);
    c.build.expect(1);
    // The human report names every broken file too.
    let human = c.repo.check_human(&[]);
    human.expect(1);
    for f in &c.report.findings {
        let file = f
            .file
            .as_deref()
            .expect("every finding here names its file");
        assert!(human.stderr.contains(&format!("--> {file}:")), "{file}");
    }
}

#[test]
fn every_good_document_still_builds() {
    let c = corpus();
    for page in [
        "policies/good-one.html",
        "policies/good-two.html",
        "policies/with space ü.html",
        "generated/bom.html",
        "generated/crlf.html",
        "generated/deep-list.html",
        "generated/deep-quote.html",
        "generated/deep-mixed.html",
    ] {
        assert!(c.repo.out().join(page).is_file(), "{page} was not built");
    }
    for file in [
        "policies/good-one.md",
        "policies/good-two.md",
        "policies/with space ü.md",
        "generated/bom.md",
        "generated/deep-list.md",
        "generated/deep-quote.md",
        "generated/deep-mixed.md",
    ] {
        assert!(
            c.report.in_file(file).is_empty(),
            "{file}:\n{}",
            c.report.dump()
        );
    }
    let one = c.repo.page("policies/good-one.html");
    assert!(has_link(
        "policies/good-one.html",
        &one,
        "policies/good-two.html",
        "Good two"
    ));
    // File names with spaces and Unicode: the page links back, and the site's links resolve.
    let spaced = c.repo.page("policies/with space ü.html");
    assert!(spaced.contains("Ünïcödé"), "{spaced}");
    assert!(broken_internal_links(&c.repo.out()).is_empty());
    // Files with invalid front matter are published with a warning banner; unreadable ones
    // (binary, too large, links) are not published at all.
    assert!(c.repo.out().join("broken/tab-indent.html").is_file());
    for gone in [
        "generated/non-utf8.html",
        "generated/huge.html",
        "generated/outside.html",
    ] {
        assert!(!c.repo.out().join(gone).exists(), "{gone}");
    }
    assert!(!c.repo.out().join("generated/outside-folder").exists());
}

#[test]
fn malformed_yaml() {
    assert_finding(
        "broken/unclosed-bracket.md",
        "invalid-front-matter",
        4,
        "not valid YAML",
    );
    let human = corpus().repo.check_human(&[]).stderr.clone();
    assert!(
        human.contains("help: the `[` on line 3 is never closed"),
        "{human}"
    );
    assert_finding(
        "broken/tab-indent.md",
        "invalid-front-matter",
        6,
        "front matter: not valid YAML: tabs disallowed within this context (block indentation)",
    );
    assert_finding(
        "broken/duplicate-key.md",
        "invalid-front-matter",
        9,
        "front matter: not valid YAML: duplicate key `owner` (each key may appear once)",
    );
    assert_finding(
        "broken/yaml-bomb.md",
        "invalid-front-matter",
        4,
        "YAML aliases (*name) are not supported",
    );
    assert_finding(
        "generated/deep-yaml.md",
        "invalid-front-matter",
        9 + 64,
        "YAML nested more than 64 levels deep is not supported",
    );
}

#[test]
fn wrong_types() {
    assert_finding(
        "broken/list-title.md",
        "invalid-front-matter",
        3,
        r#"title: ["a","list"] is not of type "string""#,
    );
    assert_finding(
        "broken/date-word.md",
        "invalid-front-matter",
        8,
        r#"last_reviewed: "yesterday" is not a valid date"#,
    );
    assert_finding(
        "broken/date-feb-30.md",
        "invalid-front-matter",
        8,
        r#"last_reviewed: "2026-02-30" is not a valid date"#,
    );
}

#[test]
fn missing_unterminated_and_empty_front_matter() {
    assert_finding(
        "broken/no-front-matter.md",
        "invalid-front-matter",
        1,
        "document has no front matter",
    );
    assert_finding(
        "broken/empty.md",
        "invalid-front-matter",
        1,
        "document has no front matter",
    );
    assert_finding(
        "broken/unterminated.md",
        "invalid-front-matter",
        1,
        "front matter opened with `---` is never closed",
    );
}

#[test]
fn bom_crlf_and_non_utf8() {
    let c = corpus();
    // CRLF: the broken link is found on its file line (3 lines after the 9-line front matter).
    let crlf = c.report.one("broken-link", "generated/crlf.md");
    assert_eq!(crlf.line, Some(12), "{}", c.report.dump());
    assert!(c
        .repo
        .page("generated/crlf.html")
        .contains("Windows line ends"));
    assert!(c
        .repo
        .page("generated/bom.html")
        .contains("Byte order mark"));
    assert_finding(
        "generated/non-utf8.md",
        "unreadable-file",
        10,
        "file is not valid UTF-8 text",
    );
}

#[test]
fn a_document_over_the_size_limit_is_skipped_with_a_finding() {
    assert_finding(
        "generated/huge.md",
        "unreadable-file",
        1,
        "cannot read file: it is 21 MB; documents are limited to 10 MB: split it into several documents",
    );
}

#[test]
fn deep_nesting_renders_without_overflowing_the_stack() {
    let c = corpus();
    let list = c.repo.page("generated/deep-list.html");
    assert!(list.contains("deepest item"));
    assert!(list.matches("<ul>").count() >= 10_000, "every level kept");
    let quote = c.repo.page("generated/deep-quote.html");
    assert!(quote.contains("deepest quote"));
    assert!(quote.matches("<blockquote>").count() >= 10_000);
    assert!(c
        .repo
        .page("generated/deep-mixed.html")
        .contains("deepest mix"));
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_reported_not_followed() {
    assert_finding(
        "generated/outside.md",
        "unreadable-file",
        1,
        "cannot read file: it is a symbolic link (-> /etc/passwd); links are not followed, so that nothing outside the content folder is published",
    );
    assert_finding(
        "generated/outside-folder",
        "unreadable-file",
        1,
        "it is a symbolic link to a folder (-> /etc)",
    );
    assert_finding(
        "generated/loop/self",
        "unreadable-file",
        1,
        "it is a symbolic link to a folder (-> ../loop)",
    );
    let c = corpus();
    assert!(!c.repo.page("print.html").contains("root:x:0:0"));
}

/// A file nobody may read. As root (containers, CI), `chmod 000` does not stop reading: the
/// test then checks only that the file builds normally, and says so.
#[cfg(unix)]
#[test]
fn an_unreadable_file_gets_a_finding_and_the_rest_builds() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("policies/ok.md", &Fm::new("POL-1"), "# Fine\n");
    repo.doc("policies/locked.md", &Fm::new("POL-2"), "# Locked\n");
    let locked = repo.path("policies/locked.md");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let privileged = std::fs::read(&locked).is_ok();
    let (run, report) = repo.check(&[]);
    let build = repo.build(&[]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(repo.out().join("policies/ok.html").is_file());
    if privileged {
        eprintln!(
            "running with privileges that read a chmod 000 file: unreadable assertion skipped"
        );
        run.expect(0);
        build.expect(0);
        return;
    }
    run.expect(1);
    build.expect(1);
    let f = report.one("unreadable-file", "policies/locked.md");
    assert!(
        f.message.contains("cannot read file") && f.message.contains("Permission denied"),
        "{}",
        f.message
    );
    assert!(!repo.out().join("policies/locked.html").exists());
}

#[test]
fn two_files_differing_only_in_case_are_a_finding_naming_both() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("policies/Access.md", &Fm::new("POL-1"), "# One\n");
    repo.doc("policies/access.md", &Fm::new("POL-2"), "# Two\n");
    repo.doc("policies/other.md", &Fm::new("POL-3"), "# Three\n");
    // One would overwrite the other on a case-insensitive file system (macOS, Windows): the
    // first in path order is published, the other is a finding, in check and build alike.
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let f = report.one("page-collision", "policies/access.md");
    assert_eq!((f.line, f.severity.as_str()), (Some(1), "error"));
    assert_eq!(
        f.message,
        "policies/Access.md and policies/access.md would both be published as policies/access.html (names that differ only in case are one file on Windows and macOS); this one is left out"
    );
    repo.build(&[]).expect(1);
    assert!(read(&repo.out().join("policies/Access.html")).contains("One"));
    assert!(repo.out().join("policies/other.html").exists());
    let files = all_files(&repo.out());
    assert!(
        !files.contains(&"policies/access.html".to_owned()),
        "{files:?}"
    );
}

#[test]
fn an_unknown_config_key_is_an_error_with_a_suggestion() {
    let repo = Repo::new();
    repo.doc("a.md", &Fm::new("POL-1"), "body\n");
    repo.write("ismsbook.toml", "titel = \"Acme\"\n");
    let run = repo.check_human(&[]);
    run.expect(2);
    assert!(
        run.stderr.contains("ismsbook.toml")
            && run.stderr.contains("line 1, column 1")
            && run.stderr.contains("unknown field `titel`")
            && run.stderr.contains("did you mean `title`?"),
        "{}",
        run.stderr
    );
    repo.write("ismsbook.toml", "[review]\ninterval_month = 3\n");
    let run = repo.build(&[]);
    run.expect(2);
    assert!(
        run.stderr.contains("line 2") && run.stderr.contains("did you mean `interval_months`?"),
        "{}",
        run.stderr
    );
    assert!(!repo.out().exists());
    repo.write("ismsbook.toml", "title = [1,\n");
    let run = repo.check_human(&[]);
    run.expect(2);
    assert!(run.stderr.contains("ismsbook.toml"), "{}", run.stderr);
    repo.write("ismsbook.toml", b"title = \"\xff\"\n");
    let run = repo.check_human(&[]);
    run.expect(2);
    assert!(
        run.stderr.contains("ismsbook.toml") && run.stderr.contains("UTF-8"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_invalid_soa_yaml_gets_findings_and_the_site_still_builds() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("a.md", &Fm::new("POL-1"), "body\n");
    repo.write(
        "soa.yaml",
        "A.7.4:\n  applicable: maybe\n  justification: [x]\n  statu: partial\nA.99.1:\n  applicable: true\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(
        report.positions("soa.yaml"),
        [
            ("invalid-soa".to_owned(), 2, 3),
            ("invalid-soa".to_owned(), 3, 3),
            ("invalid-soa".to_owned(), 4, 3),
            ("unknown-control".to_owned(), 5, 1),
        ],
        "{}",
        report.dump()
    );
    let messages: Vec<&str> = report
        .in_file("soa.yaml")
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            r#"A.7.4.applicable: "maybe" is not of type "boolean""#,
            r#"A.7.4.justification: ["x"] is not of type "string""#,
            "unknown field `statu`",
            "`A.99.1` is not an ISO/IEC 27001:2022 Annex A control",
        ]
    );
    repo.build(&[]).expect(1);
    assert!(repo.page("a.html").contains("body"));
    assert!(repo.out().join("soa.html").is_file());

    // Not YAML at all.
    repo.write("soa.yaml", "A.5.1: [\n");
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let f = report.one("invalid-soa", "soa.yaml");
    assert!(f.message.contains("not valid YAML"), "{}", f.message);
    repo.build(&[]).expect(1);
}

#[test]
fn a_broken_template_override_names_the_template_and_line() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("a.md", &Fm::new("POL-1"), "body\n");
    repo.build(&[]).expect(0);
    let before = snapshot(&repo.out());
    repo.write(
        "theme/templates/document.hbs",
        "{{#> layout}}{{#*inline \"content\"}}\n<p>fine</p>\n{{#if doc.id}}never closed\n{{/inline}}{{/layout}}\n",
    );
    let run = repo.build(&[]);
    run.expect(2);
    assert!(
        run.stderr.contains("theme/templates/document.hbs")
            && run.stderr.contains("Template error in \"document\":5:1"),
        "{}",
        run.stderr
    );
    assert!(snapshot(&repo.out()) == before);
    // A template that parses but fails while rendering.
    repo.write(
        "theme/templates/document.hbs",
        "{{#> layout}}{{#*inline \"content\"}}\n<p>fine</p>\n{{doc.no_such_field}}\n{{/inline}}{{/layout}}\n",
    );
    let run = repo.build(&[]);
    run.expect(2);
    assert!(
        run.stderr.contains("document.hbs")
            && run.stderr.contains("line 3")
            && run.stderr.contains("no_such_field"),
        "{}",
        run.stderr
    );
    assert!(snapshot(&repo.out()) == before);
    assert!(staging_leftovers(repo.tmp()).is_empty());
}
