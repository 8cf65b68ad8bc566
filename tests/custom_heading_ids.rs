//! `{#custom-id}` heading attributes: ismsbook honours them, GitHub shows them as text. A team
//! that reads its policies on GitHub too is told, once per such heading that links reach,
//! which links work only in the handbook and which id works in both.

mod common;

use common::*;

/// Written as a real repository writes it: an emoji heading with a custom id, CRLF endings.
const CLASSIFICATION: &str = "## 🔐 Confidentiality Levels {#confidentiality-levels}\r\n\r\nPublic, internal, confidential.\r\n\r\n## ⏱️ Retention {#retention}\r\n\r\nSeven years.\r\n\r\n## Unlinked {#unlinked}\r\n\r\nNobody links here.\r\n";

#[test]
fn links_that_reach_a_custom_id_get_one_note_per_heading_naming_the_github_id() {
    let repo = Repo::new();
    repo.quiet_globals()
        .doc(
            "policies/classification.md",
            &Fm::new("POL-001"),
            CLASSIFICATION,
        )
        .doc(
            "policies/access.md",
            &Fm::new("POL-002"),
            "See [levels](classification.md#confidentiality-levels) and\n[again](classification.md#confidentiality-levels), [retention](classification.md#retention).\n\nAlso [[POL-001#unlinked]], which only the handbook knows.\n",
        );
    let (run, report) = repo.check(&["--deny", "warnings"]);
    // Notes never fail a run.
    run.expect(0);
    let notes = report.with_code("custom-heading-id");
    let at: Vec<(Option<&str>, Option<u64>)> =
        notes.iter().map(|f| (f.file.as_deref(), f.line)).collect();
    // The front matter of `Fm` is 9 lines; the body starts on line 10.
    assert_eq!(
        at,
        vec![
            (Some("policies/classification.md"), Some(10)),
            (Some("policies/classification.md"), Some(14)),
        ],
        "{}",
        report.dump()
    );
    assert!(notes.iter().all(|f| f.severity == "note"));
    assert!(
        notes[0]
            .message
            .starts_with("2 links to #confidentiality-levels"),
        "{}",
        notes[0].message
    );
    assert!(notes[1]
        .message
        .starts_with("1 link to #retention works in the handbook but is broken"));
    // The help names the GitHub id, percent-encoded when it holds an invisible mark.
    let human = repo.check_human(&[]);
    assert!(
        human.stderr.contains("link #-confidentiality-levels"),
        "{}",
        human.stderr
    );
    assert!(
        human.stderr.contains("link #%EF%B8%8F-retention"),
        "{}",
        human.stderr
    );
    // The links themselves resolve in the handbook: no broken link.
    assert!(
        report.with_code("broken-link").is_empty(),
        "{}",
        report.dump()
    );
}

#[test]
fn the_note_can_be_switched_off() {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        "[checks]\nunmapped-control = \"off\"\nmissing-mandatory-document = \"off\"\nunmapped-document = \"off\"\ncustom-heading-id = \"off\"\n",
    )
    .doc("a.md", &Fm::new("POL-001"), CLASSIFICATION)
    .doc(
        "b.md",
        &Fm::new("POL-002"),
        "[levels](a.md#confidentiality-levels)\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(0);
    assert!(report.with_code("custom-heading-id").is_empty());
}
