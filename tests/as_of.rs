//! `build|check --as-of REV|DATE`: the handbook exactly as committed at a revision or a date,
//! on a temporary repository with dated commits (the content root is `content/` in it), compared
//! with a checkout of the same commit.

mod common;

use common::*;

/// The scripted history; returns the commit ids, oldest first.
///
/// 1. 2026-01-10 add POL-1 (reviewed 2025-06-01) and POL-2 (legacy), soa.yaml
/// 2. 2026-02-15 POL-1: new text, version 1.1, reviewed 2026-02-15
/// 3. 2026-03-20 POL-2 retired
/// 4. 2026-04-05 POL-2 deleted; POL-3 added, last reviewed 2025-01-20 (overdue from the start)
///
/// Then, uncommitted: POL-1's text edited in the work tree.
fn scripted() -> (Repo, Vec<String>) {
    let repo = Repo::new();
    let tmp = repo.tmp().to_path_buf();
    let commit = |date: &str, message: &str| {
        git_at(&tmp, date, &["add", "-A", "."]);
        git_at(&tmp, date, &["commit", "-q", "-m", message]);
        git_at(&tmp, date, &["rev-parse", "HEAD"])
    };
    git_at(&tmp, "2026-01-10", &["init", "-q"]);
    let mut commits = Vec::new();

    repo.quiet_globals()
        .doc(
            "policies/access.md",
            &Fm::new("POL-1")
                .title("Access control policy")
                .reviewed("2025-06-01")
                .line("controls: [A.5.15]"),
            "# Access\n\nAccess is granted on need to know.\n",
        )
        .doc(
            "policies/legacy.md",
            &Fm::new("POL-2")
                .title("Legacy remote access policy")
                .reviewed("2025-12-01")
                .line("controls: [A.6.7]"),
            "# Legacy\n\nVPN tokens are handed out at reception 🔑.\n",
        )
        .write("soa.yaml", "A.7.4:\n  applicable: true\n");
    commits.push(commit("2026-01-10", "Add the ISMS"));

    repo.doc(
        "policies/access.md",
        &Fm::new("POL-1")
            .title("Access control policy")
            .version("\"1.1\"")
            .reviewed("2026-02-15")
            .line("controls: [A.5.15]"),
        "# Access\n\nAccess is granted on need to know and reviewed quarterly.\n",
    );
    commits.push(commit("2026-02-15", "Tighten access rules"));

    repo.doc(
        "policies/legacy.md",
        &Fm::new("POL-2")
            .title("Legacy remote access policy")
            .status("retired")
            .reviewed("2025-12-01")
            .line("controls: [A.6.7]"),
        "# Legacy\n\nVPN tokens are handed out at reception 🔑.\n",
    );
    commits.push(commit("2026-03-20", "Retire the legacy policy"));

    std::fs::remove_file(repo.path("policies/legacy.md")).unwrap();
    repo.doc(
        "policies/suppliers.md",
        &Fm::new("POL-3")
            .title("Supplier security policy")
            .reviewed("2025-01-20")
            .line("controls: [A.5.19]"),
        "# Suppliers\n\nSuppliers sign our security annex.\n",
    );
    commits.push(commit(
        "2026-04-05",
        "Supplier policy; remove the legacy policy",
    ));

    // Never committed: no --as-of build may show it.
    repo.doc(
        "policies/access.md",
        &Fm::new("POL-1")
            .title("Access control policy")
            .version("\"1.2\"")
            .reviewed("2026-02-15")
            .line("controls: [A.5.15]"),
        "# Access\n\nUNCOMMITTED DRAFT TEXT\n",
    );
    (repo, commits)
}

fn root(repo: &Repo) -> String {
    path_str(repo.root())
}

/// `check --format json` of `dir` with `args`.
fn check_json(dir: &str, args: &[&str]) -> (Run, Report) {
    let mut all = vec!["check", dir, "--format", "json"];
    all.extend(args);
    let run = ismsbook(&all);
    run.no_panic();
    let report = Report::parse(&run.stdout);
    (run, report)
}

/// The content folder of a fresh clone of the repository checked out at `commit`.
fn checkout(repo: &Repo, commit: &str) -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().unwrap();
    let clone = tmp.path().join("clone");
    git(
        repo.tmp(),
        &["clone", "-q", &path_str(repo.tmp()), &path_str(&clone)],
    );
    git(&clone, &["checkout", "-q", "--detach", commit]);
    let content = path_str(&clone.join("content"));
    (tmp, content)
}

fn codes_for(report: &Report, document: &str) -> Vec<String> {
    let mut codes: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.document.as_deref() == Some(document))
        .map(|f| f.code.clone())
        .collect();
    codes.sort();
    codes
}

#[test]
fn check_as_of_a_date_equals_a_checkout_of_that_days_commit() {
    let (repo, commits) = scripted();
    // Each day with the commit that stood at its end.
    for (day, i) in [
        ("2026-01-10", 0),
        ("2026-01-31", 0),
        ("2026-03-19", 1),
        ("2026-03-20", 2),
        ("2026-12-31", 3),
    ] {
        let (run, as_of) = check_json(&root(&repo), &["--as-of", day]);
        let (_keep, checked_out) = checkout(&repo, &commits[i]);
        let (_, expected) = check_json(&checked_out, &["--today", day]);
        assert_eq!(
            as_of.findings, expected.findings,
            "--as-of {day} (commit {i})\n{}",
            run.stderr
        );
        assert_eq!(as_of.summary, expected.summary, "--as-of {day}");
    }

    // 2026-01-31: POL-1's review of 2025-06-01 was not overdue yet, POL-2 was there, POL-3
    // was not.
    let (_, jan) = check_json(&root(&repo), &["--as-of", "2026-01-31"]);
    assert!(codes_for(&jan, "POL-1").is_empty(), "{}", jan.dump());
    assert!(jan
        .findings
        .iter()
        .all(|f| f.document.as_deref() != Some("POL-3")));
    // At the end of the year POL-3's review is overdue, and POL-2 is gone.
    let (_, dec) = check_json(&root(&repo), &["--as-of", "2026-12-31"]);
    assert_eq!(
        codes_for(&dec, "POL-3"),
        ["overdue-review"],
        "{}",
        dec.dump()
    );
    assert!(dec
        .findings
        .iter()
        .all(|f| f.document.as_deref() != Some("POL-2")));
}

#[test]
fn build_as_of_a_commit_shows_its_text_and_says_as_of_on_every_page() {
    let (repo, commits) = scripted();
    let out = repo.tmp().join("site-jan");
    let run = ismsbook(&[
        "build",
        &root(&repo),
        "-o",
        &path_str(&out),
        "--as-of",
        &commits[0],
    ]);
    run.expect(0);
    let short = &commits[0][..12];
    let stamp = format!("as of 2026-01-10 (commit {short})");
    assert!(run.stderr.contains(&stamp), "{}", run.stderr);

    let access = read(&out.join("policies/access.html"));
    assert!(
        access.contains("Access is granted on need to know."),
        "{access}"
    );
    assert!(!access.contains("reviewed quarterly"));
    assert!(!access.contains("UNCOMMITTED"));
    let legacy = read(&out.join("policies/legacy.html"));
    assert!(legacy.contains("VPN tokens are handed out at reception 🔑."));
    assert!(!out.join("policies/suppliers.html").exists());
    // Reviews judged on the commit's day: generated "on" that day.
    assert!(access.contains("Generated by ismsbook on 2026-01-10"));

    for page in html_files(&out) {
        let html = read(&out.join(&page));
        assert!(html.contains(&stamp), "{page} does not say {stamp}");
    }
    // Nothing of the work tree's uncommitted edit, anywhere in the site.
    for file in all_files(&out) {
        let bytes = std::fs::read(out.join(&file)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("UNCOMMITTED"), "{file}");
    }
    // The work tree is untouched.
    assert!(read(&repo.path("policies/access.md")).contains("UNCOMMITTED DRAFT TEXT"));

    // A branch name works as well; the newest commit has the supplier policy.
    let out = repo.tmp().join("site-main");
    ismsbook(&[
        "build",
        &root(&repo),
        "-o",
        &path_str(&out),
        "--as-of",
        "main",
    ])
    .expect(1);
    let access = read(&out.join("policies/access.html"));
    assert!(access.contains("reviewed quarterly"));
    assert!(!access.contains("UNCOMMITTED"));
    assert!(out.join("policies/suppliers.html").exists());
    assert!(!out.join("policies/legacy.html").exists());
}

#[test]
fn a_plain_build_says_no_as_of() {
    let (repo, _) = scripted();
    repo.build(&[]).expect(1);
    let access = repo.page("policies/access.html");
    assert!(access.contains("UNCOMMITTED DRAFT TEXT"));
    assert!(!access.contains("as of 20"), "{access}");
}

#[test]
fn an_explicit_today_wins_over_the_as_of_date() {
    let (repo, commits) = scripted();
    // On the commit's own day nothing is overdue; judged on 2027-03-01, POL-1's review of
    // 2026-02-15 is.
    let (_, own_day) = check_json(&root(&repo), &["--as-of", &commits[1]]);
    assert!(
        codes_for(&own_day, "POL-1").is_empty(),
        "{}",
        own_day.dump()
    );
    let (run, later) = check_json(
        &root(&repo),
        &["--as-of", &commits[1], "--today", "2027-03-01"],
    );
    assert_eq!(
        codes_for(&later, "POL-1"),
        ["overdue-review"],
        "{}",
        run.stderr
    );
    let (_keep, checked_out) = checkout(&repo, &commits[1]);
    let (_, expected) = check_json(&checked_out, &["--today", "2027-03-01"]);
    assert_eq!(later.findings, expected.findings);
    // SOURCE_DATE_EPOCH is the build's clock, not the audit's: --as-of's day still applies.
    let run = ismsbook_env(
        &[
            "check",
            &root(&repo),
            "--format",
            "json",
            "--as-of",
            &commits[1],
        ],
        &[("SOURCE_DATE_EPOCH", "1804000000")],
    );
    assert!(codes_for(&Report::parse(&run.stdout), "POL-1").is_empty());
}

#[test]
fn human_findings_say_as_of_in_their_header_and_summary() {
    let (repo, commits) = scripted();
    let run = ismsbook(&["check", &root(&repo), "--as-of", "2026-03-25"]);
    run.expect(0);
    let stamp = format!("as of 2026-03-25 (commit {})", &commits[2][..12]);
    let first = run.stderr.lines().next().unwrap_or_default();
    assert!(first.contains(&stamp), "{}", run.stderr);
    let last = run.stderr.lines().last().unwrap_or_default();
    assert!(last.contains(&stamp), "{}", run.stderr);
}

#[test]
fn errors_say_what_is_wrong_and_exit_2() {
    let (repo, _) = scripted();
    let r = root(&repo);
    let before = ismsbook(&["check", &r, "--as-of", "2025-12-31"]);
    before.expect(2);
    assert!(
        before
            .stderr
            .contains("the repository's first commit is on 2026-01-10"),
        "{}",
        before.stderr
    );
    let unknown = ismsbook(&["build", &r, "--as-of", "no-such-tag"]);
    unknown.expect(2);
    assert!(
        unknown.stderr.contains("`no-such-tag` is not a commit"),
        "{}",
        unknown.stderr
    );
    for bad in ["2026-02-30", "2026-2-1"] {
        let run = ismsbook(&["check", &r, "--as-of", bad]);
        run.expect(2);
        assert!(run.stderr.contains("YYYY-MM-DD") || run.stderr.contains("not a real date"));
        assert!(run.stderr.contains(bad), "{}", run.stderr);
    }

    let outside = Repo::new();
    outside
        .quiet_globals()
        .doc("a.md", &Fm::new("POL-1"), "# A\n");
    for spec in ["HEAD", "2026-01-10"] {
        let run = ismsbook(&["check", &root(&outside), "--as-of", spec]);
        run.expect(2);
        assert!(
            run.stderr.contains("is not in a Git repository"),
            "{}",
            run.stderr
        );
    }
    // The output of a failed run was never written.
    assert!(!outside.out().exists());
}

#[test]
fn watch_and_serve_do_not_take_as_of() {
    let (repo, _) = scripted();
    for cmd in ["watch", "serve"] {
        let run = ismsbook(&[cmd, &root(&repo), "--as-of", "HEAD"]);
        run.expect(2);
        assert!(run.stderr.contains("--as-of"), "{}", run.stderr);
    }
}
