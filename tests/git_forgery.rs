//! Commit text cannot forge history. A commit message or author name that embeds the bytes a
//! parser might take for structure (ASCII record and unit separators, NUL in a commit written
//! with `git hash-object --literally`) and a fake "approval" row must not add a row to a
//! document's history, nor hide the real change from `approval-stale`.

mod common;

use common::*;

/// A hash no commit of these repositories has, and 2026-01-05 09:00 UTC (the approval day).
const FAKE: &str = "b0a2db0a2db0a2db0a2db0a2db0a2db0a2db0a2d";
const FAKE_TIME: &str = "1767603600";
/// 2026-03-15 09:00 UTC: when the unapproved change is committed.
const CHANGE_TIME: &str = "1773565200";

const BODY_1: &str = "# Access\n\nAccess is granted on need to know.\n";
const BODY_2: &str = "# Access\n\nAnyone may access anything.\n";

fn ann(repo: &Repo, date: &str, args: &[&str]) -> String {
    git_as(repo.tmp(), "Ann Author", date, args, b"")
}

/// POL-1, approved on 2026-01-05 in the repository's first commit; returns that commit.
fn approved() -> (Repo, String) {
    let repo = Repo::new();
    repo.quiet_globals().doc(
        "policies/access.md",
        &Fm::new("POL-1")
            .title("Access control policy")
            .reviewed("2026-01-05")
            .line("approved_on: 2026-01-05"),
        BODY_1,
    );
    ann(&repo, "2026-01-05", &["init", "-q"]);
    ann(&repo, "2026-01-05", &["add", "-A", "."]);
    ann(
        &repo,
        "2026-01-05",
        &["commit", "-q", "-m", "Approve the access policy"],
    );
    let first = ann(&repo, "2026-01-05", &["rev-parse", "HEAD"]);
    (repo, first)
}

/// The unapproved change to the body, written and staged, not committed.
fn change_body(repo: &Repo) {
    let page = std::fs::read_to_string(repo.path("policies/access.md")).unwrap();
    repo.write("policies/access.md", page.replace(BODY_1, BODY_2));
    ann(repo, "2026-03-15", &["add", "-A", "."]);
}

/// Cells of the rows of the page's history table: date, version, subject, author, commit.
fn history_rows(repo: &Repo) -> Vec<Vec<String>> {
    repo.build(&[]).expect(0);
    let html = repo.page("policies/access.html");
    let section = section(&html, "isb-history");
    let body = section
        .split("<tbody>")
        .nth(1)
        .expect("the page has a history table");
    let body = &body[..body.find("</tbody>").unwrap_or(body.len())];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split("<td>")
                .skip(1)
                .map(|cell| {
                    let cell = &cell[..cell.find("</td>").unwrap_or(cell.len())];
                    let mut text = String::new();
                    let mut in_tag = false;
                    for ch in cell.chars() {
                        match ch {
                            '<' => in_tag = true,
                            '>' => in_tag = false,
                            c if !in_tag => text.push(c),
                            _ => {}
                        }
                    }
                    html_unescape(text.trim())
                })
                .collect()
        })
        .collect()
}

/// Asserts that the history shows exactly the two real commits (the change with `subject`
/// and `author`, then the approval), and that `approval-stale` names the change.
#[track_caller]
fn assert_real_history(repo: &Repo, first: &str, change: &str, subject: &str, author: &str) {
    let row = |date: &str, version: &str, subject: &str, author: &str, id: &str| {
        vec![
            date.to_owned(),
            version.to_owned(),
            subject.to_owned(),
            author.to_owned(),
            id[..7].to_owned(),
        ]
    };
    assert_eq!(
        history_rows(repo),
        vec![
            row("2026-03-15", "", subject, author, change),
            row(
                "2026-01-05",
                "1.0",
                "Approve the access policy",
                "Ann Author",
                first
            ),
        ]
    );
    let (_, report) = repo.check(&[]);
    assert_eq!(
        report.one("approval-stale", "policies/access.md").message,
        format!(
            "approved on 2026-01-05, but the content changed on 2026-03-15 in commit {} (\"{subject}\")",
            &change[..7]
        ),
        "{}",
        report.dump()
    );
    let mut codes: Vec<&str> = report
        .in_file("policies/access.md")
        .iter()
        .map(|f| f.code.as_str())
        .collect();
    codes.sort_unstable();
    assert_eq!(
        codes,
        ["approval-stale", "changed-without-version-bump"],
        "{}",
        report.dump()
    );
}

/// What the pages show of commit text: control characters are replaced, never interpreted.
fn shown(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

#[test]
fn separators_in_a_commit_message_forge_no_history_row() {
    let (repo, first) = approved();
    change_body(&repo);
    let message =
        format!("Tweak wording\u{1e}{FAKE}\u{1f}{FAKE_TIME}\u{1f}Board\u{1f}approved by the Board");
    ann(&repo, "2026-03-15", &["commit", "-q", "-m", &message]);
    let change = ann(&repo, "2026-03-15", &["rev-parse", "HEAD"]);
    assert_real_history(&repo, &first, &change, &shown(&message), "Ann Author");
}

#[test]
fn separators_in_an_author_name_forge_no_history_row() {
    let (repo, first) = approved();
    change_body(&repo);
    let author =
        format!("Mallory\u{1e}{FAKE}\u{1f}{FAKE_TIME}\u{1f}Board\u{1f}approved by the Board");
    git_as(
        repo.tmp(),
        &author,
        "2026-03-15",
        &["commit", "-q", "-m", "Tweak wording"],
        b"",
    );
    let change = ann(&repo, "2026-03-15", &["rev-parse", "HEAD"]);
    assert_real_history(&repo, &first, &change, "Tweak wording", &shown(&author));
}

/// Git refuses NUL in a commit message, but `hash-object --literally` writes any bytes. Git
/// prints such a message up to the NUL, and an author line with a NUL as no name at all.
#[test]
fn nul_in_a_literally_written_commit_forges_no_history_row() {
    for (author, message, shown_author) in [
        (
            "Ann Author",
            format!(
                "Tweak wording\0\n:100644 100644 {FAKE} {FAKE} M\0policies/access.md\0{FAKE}\0{FAKE_TIME}\0Board\0approved by the Board\0"
            ),
            "Ann Author",
        ),
        (
            "Ann\0Board\0approved by the Board",
            "Tweak wording\n".to_owned(),
            "",
        ),
    ] {
        let (repo, first) = approved();
        change_body(&repo);
        let tree = ann(&repo, "2026-03-15", &["write-tree"]);
        let object = format!(
            "tree {tree}\nparent {first}\nauthor {author} <ann@example.com> {CHANGE_TIME} +0000\ncommitter Ann Author <ann@example.com> {CHANGE_TIME} +0000\n\n{message}"
        );
        let change = git_as(
            repo.tmp(),
            "Ann Author",
            "2026-03-15",
            &["hash-object", "-t", "commit", "-w", "--literally", "--stdin"],
            object.as_bytes(),
        );
        ann(&repo, "2026-03-15", &["update-ref", "HEAD", &change]);
        assert_real_history(&repo, &first, &change, "Tweak wording", shown_author);
    }
}
