//! `ismsbook codeowners` on hostile input: owners, file names and handles that would add or
//! widen CODEOWNERS rules if written as they are. Every rule the command prints must be one
//! existing document's path, matching that file only, and its owner's handle.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

const OWNERS: &str = "[owners]\n\"CISO\" = \"@acme/security\"\n\"DPO\" = \"dpo@acme.example\"\n";

/// A content root `content/` in a Git repository (so paths start at the repository root).
fn repo() -> Repo {
    let repo = Repo::new();
    let ok = Command::new("git")
        .args(["init", "-q"])
        .current_dir(repo.tmp())
        .status()
        .expect("git runs")
        .success();
    assert!(ok);
    repo.write("ismsbook.toml", format!("{QUIET_GLOBALS}{OWNERS}"));
    repo
}

fn codeowners(repo: &Repo) -> Run {
    let run = ismsbook(&["codeowners", &path_str(repo.root())]);
    run.no_panic();
    run
}

/// A CODEOWNERS pattern as `.gitignore` rules read it: `None` when it holds a wildcard or a
/// character range, else the path it names (relative to the repository root).
fn literal_path(pattern: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = pattern.strip_prefix('/')?.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(chars.next()?),
            '*' | '?' | '[' | ']' => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

/// The rules of `text` as (path, handle), after checking that every line that is not a
/// comment is exactly `<pattern> <handle>`, the pattern naming one existing file literally.
#[track_caller]
fn rules(repo: &Repo, text: &str) -> Vec<(String, String)> {
    assert!(!text.contains('\r'), "{text:?}");
    let mut out = Vec::new();
    for line in text.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // The pattern ends at the first space that is not escaped.
        let mut end = None;
        let mut escaped = false;
        for (i, c) in line.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                ' ' => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let end = end.unwrap_or_else(|| panic!("no owner on {line:?}"));
        let (pattern, handle) = (&line[..end], &line[end + 1..]);
        assert!(
            !handle.is_empty() && !handle.contains(char::is_whitespace),
            "one handle on {line:?}"
        );
        let path =
            literal_path(pattern).unwrap_or_else(|| panic!("{pattern:?} is not one file's path"));
        assert!(
            repo.tmp().join(&path).is_file(),
            "{path:?} (from {line:?}) is no file"
        );
        out.push((path, handle.to_owned()));
    }
    out.sort();
    out
}

fn rule(path: &str, handle: &str) -> (String, String) {
    (path.to_owned(), handle.to_owned())
}

#[test]
fn an_owner_with_a_line_break_adds_no_rule() {
    let repo = repo();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1").owner("\"CISO\\n* @mallory\""),
        "body\n",
    )
    .doc("policies/b.md", &Fm::new("POL-2").owner("DPO"), "body\n");
    let run = codeowners(&repo);
    run.expect(0);
    assert_eq!(
        rules(&repo, &run.stdout),
        [rule("content/policies/b.md", "dpo@acme.example")]
    );
    // An owner on two lines is no owner (the schema refuses it, and `check` says so); the
    // comment cannot carry it onto a line of its own either (unit tests of `quoted`).
    assert!(
        run.stdout
            .lines()
            .any(|l| l == "# /content/policies/a.md: no owner"),
        "{}",
        run.stdout
    );
    let (_, report) = repo.check(&[]);
    assert!(report
        .one("invalid-front-matter", "policies/a.md")
        .message
        .starts_with("owner: "));
}

#[test]
fn file_names_are_patterns_for_that_file_only() {
    let repo = repo();
    let names = [
        "*.md",
        "a b.md",
        "#1 rule.md",
        "back\\slash?.md",
        "!bang.md",
    ];
    for (i, name) in names.into_iter().enumerate() {
        let id = format!("POL-{}", 10 + i);
        repo.doc(&format!("policies/{name}"), &Fm::new(&id), "body\n");
    }
    repo.doc("my docs/c.md", &Fm::new("POL-3").owner("DPO"), "body\n");
    let run = codeowners(&repo);
    run.expect(0);
    assert_eq!(
        rules(&repo, &run.stdout),
        [
            rule("content/my docs/c.md", "dpo@acme.example"),
            rule("content/policies/!bang.md", "@acme/security"),
            rule("content/policies/#1 rule.md", "@acme/security"),
            rule("content/policies/*.md", "@acme/security"),
            rule("content/policies/a b.md", "@acme/security"),
            rule("content/policies/back\\slash?.md", "@acme/security"),
        ]
    );
    assert!(
        run.stdout
            .lines()
            .any(|l| l == "/content/policies/\\*.md @acme/security"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn names_no_pattern_can_hold_are_left_out_with_a_warning() {
    let repo = repo();
    let names = ["x\n* @mallory\n.md", "tab\there.md", "[abc].md"];
    for (i, name) in names.into_iter().enumerate() {
        let id = format!("POL-{}", 10 + i);
        repo.doc(&format!("policies/{name}"), &Fm::new(&id), "body\n");
    }
    repo.doc("policies/ok.md", &Fm::new("POL-1"), "body\n");
    let run = codeowners(&repo);
    run.expect(0);
    assert_eq!(
        rules(&repo, &run.stdout),
        [rule("content/policies/ok.md", "@acme/security")]
    );
    for shown in [
        "\"content/policies/x\\u{a}* @mallory\\u{a}.md\"",
        "\"content/policies/tab\\u{9}here.md\"",
        "\"content/policies/[abc].md\"",
    ] {
        assert!(
            run.stdout.lines().any(|l| l
                == format!(
                    "# {shown}: left out: the name cannot be written as a CODEOWNERS pattern"
                )),
            "{shown} in\n{}",
            run.stdout
        );
    }
    let warning = |name: &str, c: &str| {
        format!("warning: \"policies/{name}\": left out of CODEOWNERS: no pattern matches the character \"{c}\" in its path exactly; rename the file")
    };
    assert_eq!(
        run.stderr.lines().collect::<Vec<_>>(),
        [
            warning("[abc].md", "["),
            warning("tab\\u{9}here.md", "\\u{9}"),
            warning("x\\u{a}* @mallory\\u{a}.md", "\\u{a}"),
        ]
    );
}

#[test]
fn a_handle_that_is_not_one_is_refused_when_the_configuration_is_loaded() {
    let repo = repo();
    repo.doc("policies/a.md", &Fm::new("POL-1"), "body\n");
    for (handle, toml) in [
        (
            "@acme/security\\n* @mallory",
            "\"@acme/security\\n* @mallory\"",
        ),
        ("@acme/security @mallory", "\"@acme/security @mallory\""),
        ("security team", "\"security team\""),
        ("@acme.security", "\"@acme.security\""),
    ] {
        repo.write(
            "ismsbook.toml",
            format!("{QUIET_GLOBALS}[owners]\n\"DPO\" = \"dpo@acme.example\"\n\"CISO\" = {toml}\n"),
        );
        let config = repo.path("ismsbook.toml");
        let expected = format!(
            "error: {}: line 7: [owners] \"CISO\" = \"{handle}\" is not a GitHub handle; write one \"@user\", \"@org/team\" or e-mail address",
            config.display()
        );
        for command in ["codeowners", "check"] {
            let run = ismsbook(&[command, &path_str(repo.root())]);
            run.expect(2);
            assert!(run.stdout.is_empty(), "{}", run.stdout);
            assert!(
                run.stderr.lines().any(|l| l == expected),
                "{command}: expected {expected:?} in\n{}",
                run.stderr
            );
        }
    }
    assert!(Path::new(&repo.path("ismsbook.toml")).is_file());
}
