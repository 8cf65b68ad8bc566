//! `control-mentioned`: a note where a body names an Annex A control its `controls` leave out.

mod common;

use common::{path_str, Fm, Repo, TODAY};

/// A policy written the way GitHub ISMS repositories are, listing A.5.15 in `controls` and
/// naming more in its text (line numbers in the comments are file lines).
fn repo() -> Repo {
    let repo = Repo::new();
    repo.quiet_globals();
    let fm = Fm::new("POL-1")
        .title("Access Control Policy")
        .line("controls: [A.5.15]");
    // Front matter: lines 1-10; the body starts on line 11.
    let body = "\
<h1 align=\"center\">🔐 Access Control Policy</h1>

[![Status](https://img.shields.io/badge/status-approved-green)](https://example.org/)

## ⏱️ **Scope**

This policy implements **Annex A 5.15** and A.5.18 (ISO 27001 A.8.2 too).
Legacy mapping: ISO/IEC 27001:2013 A.9.2.3, and A.5.18 again.
`A.8.5` in code is not a mention, nor is [this link](https://example.org/A.8.6).

```text
A.8.7 in a code block
```
";
    repo.doc("policies/access-control.md", &fm, body);
    repo
}

#[test]
fn a_note_per_control_the_text_names_and_controls_leave_out() {
    let repo = repo();
    let (run, report) = repo.check(&[]);
    run.expect(0);
    let notes = report.with_code("control-mentioned");
    let got: Vec<_> = notes
        .iter()
        .map(|f| {
            (
                f.control.clone().unwrap(),
                f.line.unwrap(),
                f.severity.as_str(),
            )
        })
        .collect();
    // A.5.15 is listed; A.8.2 is named twice (as itself, and as 2013's A.9.2.3): one note, at
    // the first place.
    assert_eq!(
        got,
        [
            ("A.5.18".to_owned(), 17, "note"),
            ("A.8.2".to_owned(), 17, "note"),
        ],
        "{}",
        report.dump()
    );
    let a518 = notes[0];
    assert_eq!(a518.column, Some(45));
    assert_eq!(a518.document.as_deref(), Some("POL-1"));
    assert!(
        a518.message.contains("mentions A.5.18 (Access rights)")
            && a518.message.contains("`controls` does not list"),
        "{}",
        a518.message
    );
    assert_eq!(report.raw["summary"]["notes"], 2);
}

#[test]
fn a_control_named_only_by_its_2013_id_says_so() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "p.md",
        &Fm::new("POL-1"),
        "# P\n\nUser access per ISO 27001:2013 A.9.2.3.\n",
    );
    let (_, report) = repo.check(&[]);
    let f = report.one("control-mentioned", "p.md");
    assert_eq!(f.line, Some(12));
    assert_eq!(f.control.as_deref(), Some("A.8.2"));
    assert!(
        f.message.contains(
            "A.9.2.3 (ISO/IEC 27001:2013), which is A.8.2 (Privileged access rights) in the 2022 edition"
        ),
        "{}",
        f.message
    );
}

#[test]
fn notes_never_fail_and_are_configurable() {
    let repo = repo();
    repo.check(&["--deny", "warnings"]).0.expect(0);
    repo.write(
        "ismsbook.toml",
        format!("{}control-mentioned = \"off\"\n", common::QUIET_GLOBALS),
    );
    let (run, report) = repo.check(&[]);
    run.expect(0);
    assert!(report.with_code("control-mentioned").is_empty());
    repo.write(
        "ismsbook.toml",
        format!("{}control-mentioned = \"error\"\n", common::QUIET_GLOBALS),
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(report.with_code("control-mentioned")[0].severity, "error");
}

#[test]
fn shown_in_every_format() {
    let repo = repo();
    let human = repo.check_human(&[]);
    human.expect(0);
    assert!(
        human.stderr.contains("note[control-mentioned]")
            && human.stderr.contains("policies/access-control.md:17:"),
        "{}",
        human.stderr
    );
    for (format, expect) in [
        ("sarif", "control-mentioned"),
        ("github", "::notice"),
        ("markdown", "control-mentioned"),
    ] {
        let run = common::ismsbook(&[
            "check",
            &path_str(repo.root()),
            "--format",
            format,
            "--today",
            TODAY,
        ]);
        run.expect(0);
        assert!(
            run.stdout.contains(expect) && run.stdout.contains("A.5.18"),
            "{format}:\n{}",
            run.stdout
        );
    }
}
