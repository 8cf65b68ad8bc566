//! The root README is no page of the handbook, but it is the first page readers see on the Git
//! host: a link in it that does not resolve is reported like one in a document, at README.md's
//! line, and nothing of the README is published.

mod common;

use common::*;

/// Written as GitHub READMEs are: a centred logo and badges in raw HTML, emoji headings, a
/// table of contents into the handbook, CRLF line endings.
const README: &str = "<p align=\"center\">\r\n  <img src=\"docs/logo.png\" alt=\"Logo\">\r\n</p>\r\n\r\n# 🛡️ Acme ISMS\r\n\r\n[![Status](https://img.shields.io/badge/status-live-green)]()\r\n\r\n## 📚 Contents\r\n\r\n- [Access control](policies/access.md#-scope)\r\n- [Missing policy](policies/missing.md)\r\n- [Wrong anchor](policies/access.md#scope)\r\n- [Our contents](#-contents)\r\n- [Nowhere here](#-content)\r\n- [Licence](LICENSE)\r\n- [Architecture](SECURITY_ARCHITECTURE.md)\r\n\r\n<p><a href=\"policies/gone.md\">Gone</a></p>\r\n";

#[test]
fn broken_links_in_the_root_readme_are_found_at_its_lines() {
    let repo = Repo::new();
    repo.quiet_globals()
        .write("README.md", README)
        .write("LICENSE", "MIT\n")
        .write("docs/logo.png", b"\x89PNG\r\n\x1a\n")
        .doc(
            "policies/access.md",
            &Fm::new("POL-001"),
            "## 🔐 Scope\n\nAll systems.\n",
        );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let broken: Vec<(Option<&str>, Option<u64>)> = report
        .with_code("broken-link")
        .iter()
        .map(|f| (f.file.as_deref(), f.line))
        .collect();
    assert_eq!(
        broken,
        vec![
            (Some("README.md"), Some(12)),
            (Some("README.md"), Some(13)),
            (Some("README.md"), Some(15)),
            (Some("README.md"), Some(17)),
            (Some("README.md"), Some(19)),
        ],
        "{}",
        report.dump()
    );
    let messages: Vec<&str> = report
        .with_code("broken-link")
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert!(messages[1].contains("did you mean #-scope"), "{messages:?}");
    assert!(
        messages[2].contains("did you mean #-contents"),
        "{messages:?}"
    );
    // The README's links judge only: no finding says the licence is outside the handbook, and
    // neither the README nor what only it links is published.
    assert!(report.with_code("link-outside-handbook").is_empty());
    repo.build(&[]);
    assert!(!repo.out().join("README.html").exists());
    assert!(!repo.out().join("README.md").exists());
    assert!(!repo.out().join("docs/logo.png").exists());
}

#[test]
fn a_repository_without_a_readme_or_with_a_sound_one_has_no_readme_findings() {
    let repo = Repo::new();
    repo.quiet_globals()
        .doc("policies/access.md", &Fm::new("POL-001"), "## Scope\n");
    let (run, report) = repo.check(&[]);
    run.expect(0);
    assert!(report.in_file("README.md").is_empty());
    repo.write(
        "README.md",
        "# ISMS\n\nSee [access](policies/access.md#scope).\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(0);
    assert!(report.in_file("README.md").is_empty(), "{}", report.dump());
}
