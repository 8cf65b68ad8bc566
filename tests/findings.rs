//! One small repository per problem: the exact finding code, file, line and column reported by
//! `check --format json`, the human output's hints, severities from `ismsbook.toml`, exit
//! statuses, and the order of findings.

mod common;

use common::*;

/// Findings of one file as `(code, line, column)`.
fn at(code: &str, line: u64, column: u64) -> (String, u64, u64) {
    (code.to_owned(), line, column)
}

// ----- invalid-front-matter -----

#[test]
fn yaml_syntax_error_points_into_the_front_matter() {
    let repo = Repo::new();
    repo.quiet_globals();
    // Line 4 holds a second `:` in a plain value: "mapping values are not allowed here".
    repo.write(
        "policies/a.md",
        "---\nid: POL-1\ntitle: T\nowner: a: b\ntype: policy\n---\nbody\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(
        report.positions("policies/a.md"),
        [at("invalid-front-matter", 4, 9)],
        "{}",
        report.dump()
    );
    let f = report.one("invalid-front-matter", "policies/a.md");
    assert_eq!(f.severity, "error");
    assert!(f.message.contains("not valid YAML"), "{}", f.message);
}

#[test]
fn missing_required_field_is_reported_at_line_1() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.write(
        "policies/a.md",
        "---\nid: POL-1\ntitle: T\ntype: policy\nversion: \"1\"\nstatus: approved\nlast_reviewed: 2026-06-01\n---\nbody\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let f = report.one("invalid-front-matter", "policies/a.md");
    assert_eq!((f.line, f.column), (Some(1), Some(1)));
    assert!(f.message.contains("owner"), "{}", f.message);
    assert_eq!(f.document.as_deref(), Some("POL-1"));
    assert_eq!(
        report.in_file("policies/a.md").len(),
        1,
        "{}",
        report.dump()
    );
}

#[test]
fn wrong_type_points_at_its_key() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1").line("review_interval: \"twelve\""),
        "body\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(
        report.positions("policies/a.md"),
        [at("invalid-front-matter", 9, 1)],
        "{}",
        report.dump()
    );
    assert!(
        report.findings[0].message.contains("review_interval"),
        "{}",
        report.dump()
    );
}

#[test]
fn impossible_date_is_rejected_at_its_line() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1").reviewed("2025-02-30"),
        "body\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(
        report.positions("policies/a.md"),
        [at("invalid-front-matter", 8, 1)],
        "{}",
        report.dump()
    );
    let f = report.one("invalid-front-matter", "policies/a.md");
    assert!(
        f.message.contains("last_reviewed") && f.message.contains("2025-02-30"),
        "{}",
        f.message
    );
}

#[test]
fn unquoted_control_id_is_reported_with_a_hint_to_quote_it() {
    let repo = Repo::new();
    repo.quiet_globals();
    // YAML reads 5.10 as the number 5.1.
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1").line("controls: [A.5.1, 5.10]"),
        "body\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(
        report.positions("policies/a.md"),
        [at("invalid-front-matter", 9, 19)],
        "{}",
        report.dump()
    );
    let f = report.one("invalid-front-matter", "policies/a.md");
    assert!(
        f.message.contains("5.10"),
        "the message must show the id as written: {}",
        f.message
    );
    assert!(
        !report.findings.iter().any(|f| f.code == "unknown-control"),
        "{}",
        report.dump()
    );

    let human = repo.check_human(&[]);
    human.expect(1);
    assert!(human.stderr.contains("help:"), "{}", human.stderr);
    assert!(
        human.stderr.contains("quote") && human.stderr.contains("\"5.10\""),
        "{}",
        human.stderr
    );
}

#[test]
fn document_without_front_matter() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.write("notes/plain.md", "# Just text\n\nNo metadata here.\n");
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(
        report.positions("notes/plain.md"),
        [at("invalid-front-matter", 1, 1)],
        "{}",
        report.dump()
    );
    assert!(
        report.findings[0].message.contains("no front matter"),
        "{}",
        report.dump()
    );
}

#[test]
fn unclosed_front_matter() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.write(
        "notes/open.md",
        "---\nid: POL-1\ntitle: T\n\n# Body that never got its closing line\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(
        report.positions("notes/open.md"),
        [at("invalid-front-matter", 1, 1)],
        "{}",
        report.dump()
    );
    assert!(
        report.findings[0].message.contains("never closed"),
        "{}",
        report.dump()
    );
}

#[test]
fn front_matter_that_is_not_a_mapping() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.write("notes/list.md", "---\n- a\n- b\n---\nbody\n");
    repo.write("notes/empty.md", "---\n---\nbody\n");
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(
        report.positions("notes/list.md"),
        [at("invalid-front-matter", 1, 1)],
        "{}",
        report.dump()
    );
    assert_eq!(
        report.positions("notes/empty.md"),
        [at("invalid-front-matter", 1, 1)],
        "{}",
        report.dump()
    );
}

#[test]
fn enum_typo_gets_a_suggestion_and_unquoted_version_a_quote_hint() {
    let repo = Repo::new();
    repo.quiet_globals();
    // Line 4: a typo in an enum; line 6: a version YAML reads as the number 1.1.
    let fm = Fm::new("POL-1").doc_type("polcy").version("1.10");
    repo.doc("policies/a.md", &fm, "body\n");
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(
        report.positions("policies/a.md"),
        [
            at("invalid-front-matter", 4, 1),
            at("invalid-front-matter", 6, 1)
        ],
        "{}",
        report.dump()
    );
    let human = repo.check_human(&[]);
    assert!(
        human.stderr.contains("did you mean `policy`?"),
        "{}",
        human.stderr
    );
    assert!(human.stderr.contains("\"1.10\""), "{}", human.stderr);
}

// ----- unknown-field -----

#[test]
fn unknown_field_is_a_warning_with_did_you_mean() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1").line("onwer: Someone"),
        "body\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(0);
    assert_eq!(
        report.positions("policies/a.md"),
        [at("unknown-field", 9, 1)],
        "{}",
        report.dump()
    );
    let f = report.one("unknown-field", "policies/a.md");
    assert_eq!(f.severity, "warning");
    assert!(f.message.contains("onwer"), "{}", f.message);

    let human = repo.check_human(&[]);
    human.expect(0);
    assert!(
        human.stderr.contains("warning[unknown-field]"),
        "{}",
        human.stderr
    );
    assert!(
        human.stderr.contains("did you mean") && human.stderr.contains("`owner`"),
        "{}",
        human.stderr
    );
    assert!(
        human.stderr.contains("policies/a.md:9:1"),
        "{}",
        human.stderr
    );
}

// ----- duplicate-id -----

#[test]
fn duplicate_id_is_reported_on_the_second_file_in_path_order() {
    let repo = Repo::new();
    repo.quiet_globals();
    // Written in the opposite order to make sure creation order does not matter.
    repo.doc("b/second.md", &Fm::new("POL-1"), "body\n");
    repo.doc("a/first.md", &Fm::new("POL-1"), "body\n");
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(
        report.positions("b/second.md"),
        [at("duplicate-id", 2, 1)],
        "{}",
        report.dump()
    );
    assert!(report.in_file("a/first.md").is_empty(), "{}", report.dump());
    let f = report.one("duplicate-id", "b/second.md");
    assert!(f.message.contains("a/first.md"), "{}", f.message);
    assert_eq!(f.document.as_deref(), Some("POL-1"));
}

// ----- unknown-control -----

#[test]
fn unknown_control_with_2013_successor_hint() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1")
            .line("controls:")
            .line("  - A.5.15")
            .line("  - A.9.2.1"),
        "body\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(
        report.positions("policies/a.md"),
        [at("unknown-control", 11, 5)],
        "{}",
        report.dump()
    );
    assert!(
        report.findings[0].message.contains("A.9.2.1"),
        "{}",
        report.dump()
    );

    let human = repo.check_human(&[]);
    human.expect(1);
    let block = human
        .stderr
        .split("error[unknown-control]")
        .nth(1)
        .expect("an unknown-control block");
    let block = block.split("\n\n").next().unwrap();
    assert!(
        block.contains("help:") && block.contains("A.5.16"),
        "{block}"
    );
}

#[test]
fn unknown_control_that_is_no_id_at_all() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1").line("controls: [A.5.1, A.5.99, A.9.9.9.9]"),
        "body\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(
        report.positions("policies/a.md"),
        [at("unknown-control", 9, 19), at("unknown-control", 9, 27)],
        "{}",
        report.dump()
    );
}

// ----- broken-link -----

#[test]
fn broken_links_are_reported_at_their_line_and_column() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "policies/target.md",
        &Fm::new("POL-2"),
        "# Target\n\n## Scope\n",
    );
    let body = "# Links\n\
                \n\
                A [missing](missing.md) document.\n\
                Good [anchor](target.md#scope) and [bad anchor](target.md#nope).\n\
                \n\
                Refs: [[POL-2]] [[NOPE-1]] and [[A.5.99]] and [[A.5.15]].\n\
                Outside: [x](../../escape.md) and [file](no-such.pdf)\n";
    repo.doc("policies/links.md", &Fm::new("POL-1"), body);
    let (run, report) = repo.check(&[]);
    run.expect(1);
    // The body starts at line 10.
    assert_eq!(
        report.positions("policies/links.md"),
        [
            at("broken-link", 12, 3),
            at("broken-link", 13, 36),
            at("broken-link", 15, 17),
            at("broken-link", 15, 32),
            at("broken-link", 16, 10),
            at("broken-link", 16, 35),
        ],
        "{}",
        report.dump()
    );
    let msgs: Vec<&str> = report
        .in_file("policies/links.md")
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert!(msgs[0].contains("missing.md"), "{msgs:?}");
    assert!(msgs[1].contains("nope"), "{msgs:?}");
    assert!(msgs[2].contains("NOPE-1"), "{msgs:?}");
    assert!(msgs[3].contains("A.5.99"), "{msgs:?}");
    assert!(msgs[4].contains("escape.md"), "{msgs:?}");
    assert!(msgs[5].contains("no-such.pdf"), "{msgs:?}");
    assert!(report
        .in_file("policies/links.md")
        .iter()
        .all(|f| f.document.as_deref() == Some("POL-1")));
    assert!(
        report.in_file("policies/target.md").is_empty(),
        "{}",
        report.dump()
    );
}

#[test]
fn related_id_that_does_not_exist() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("policies/b.md", &Fm::new("POL-2"), "body\n");
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1").line("related: [POL-2, POL-9]"),
        "body\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(
        report.positions("policies/a.md"),
        [at("broken-link", 9, 18)],
        "{}",
        report.dump()
    );
    assert!(
        report.findings[0].message.contains("POL-9"),
        "{}",
        report.dump()
    );
}

#[test]
fn wiki_link_to_a_2013_control_suggests_its_successor() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("policies/a.md", &Fm::new("POL-1"), "See [[A.9.2.1]].\n");
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(
        report.positions("policies/a.md"),
        [at("broken-link", 10, 5)],
        "{}",
        report.dump()
    );
    assert!(
        report.findings[0].message.contains("A.5.16"),
        "{}",
        report.dump()
    );
}

// ----- reviews -----

#[test]
fn overdue_and_due_soon_reviews() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "a/overdue.md",
        &Fm::new("POL-1").reviewed("2025-11-01"),
        "body\n",
    );
    repo.doc(
        "b/soon.md",
        &Fm::new("POL-2").reviewed("2025-12-15"),
        "body\n",
    );
    repo.doc(
        "c/current.md",
        &Fm::new("POL-3").reviewed("2026-06-01"),
        "body\n",
    );
    repo.doc(
        "d/retired.md",
        &Fm::new("POL-4").reviewed("2019-01-01").status("retired"),
        "body\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let overdue = report.one("overdue-review", "a/overdue.md");
    assert_eq!((overdue.line, overdue.column), (Some(8), Some(1)));
    assert_eq!(overdue.severity, "error");
    assert_eq!(
        overdue.message,
        "review was due on 2026-11-01 (28 days ago)"
    );
    assert_eq!(overdue.document.as_deref(), Some("POL-1"));
    let soon = report.one("review-due-soon", "b/soon.md");
    assert_eq!((soon.line, soon.column), (Some(8), Some(1)));
    assert_eq!(soon.severity, "warning");
    assert_eq!(soon.message, "review is due on 2026-12-15 (in 16 days)");
    assert!(
        report.in_file("c/current.md").is_empty(),
        "{}",
        report.dump()
    );
    assert!(
        report.in_file("d/retired.md").is_empty(),
        "retired documents are not reviewed:\n{}",
        report.dump()
    );
    assert_eq!(report.findings.len(), 2, "{}", report.dump());

    // A date where the first is still current and the second not yet due soon.
    let (run, report) = repo.check(&["--today", "2026-10-01"]);
    run.expect(0);
    assert!(report.findings.is_empty(), "{}", report.dump());
}

#[test]
fn next_review_overrides_last_reviewed() {
    let repo = Repo::new();
    repo.quiet_globals();
    // Reviewed long ago, but the next review was explicitly set in the future.
    repo.doc(
        "a/postponed.md",
        &Fm::new("POL-1")
            .reviewed("2020-01-01")
            .line("next_review: 2027-03-01"),
        "body\n",
    );
    // Reviewed recently, but the next review was explicitly set in the past.
    repo.doc(
        "b/early.md",
        &Fm::new("POL-2")
            .reviewed("2026-10-01")
            .line("next_review: 2026-11-20"),
        "body\n",
    );
    let (_, report) = repo.check(&[]);
    assert!(
        report
            .with_code("overdue-review")
            .iter()
            .all(|f| f.file.as_deref() != Some("a/postponed.md")),
        "{}",
        report.dump()
    );
    let f = report.one("overdue-review", "b/early.md");
    // The finding points at the field that set the date.
    assert_eq!((f.line, f.column), (Some(9), Some(1)));
    assert_eq!(f.message, "review was due on 2026-11-20 (9 days ago)");
}

#[test]
fn review_interval_in_months_with_end_of_month_clamping() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "a/six.md",
        &Fm::new("POL-1")
            .reviewed("2026-05-15")
            .line("review_interval: 6"),
        "body\n",
    );
    // 2026-05-31 + 6 months = 2026-11-30 (November has 30 days).
    repo.doc(
        "b/clamped.md",
        &Fm::new("POL-2")
            .reviewed("2026-05-31")
            .line("review_interval: 6"),
        "body\n",
    );
    // The default interval is 12 months: not due.
    repo.doc(
        "c/default.md",
        &Fm::new("POL-3").reviewed("2026-05-15"),
        "body\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(
        report.one("overdue-review", "a/six.md").message,
        "review was due on 2026-11-15 (14 days ago)"
    );
    assert_eq!(
        report.one("review-due-soon", "b/clamped.md").message,
        "review is due on 2026-11-30 (in 1 day)"
    );
    assert!(
        report.in_file("c/default.md").is_empty(),
        "{}",
        report.dump()
    );
}

#[test]
fn review_boundaries_today_and_warn_days() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "a/today.md",
        &Fm::new("POL-1").line("next_review: 2026-11-29"),
        "body\n",
    );
    repo.doc(
        "b/yesterday.md",
        &Fm::new("POL-2").line("next_review: 2026-11-28"),
        "body\n",
    );
    repo.doc(
        "c/in30.md",
        &Fm::new("POL-3").line("next_review: 2026-12-29"),
        "body\n",
    );
    repo.doc(
        "d/in31.md",
        &Fm::new("POL-4").line("next_review: 2026-12-30"),
        "body\n",
    );
    let (_, report) = repo.check(&[]);
    assert_eq!(
        report.one("review-due-soon", "a/today.md").message,
        "review is due today (2026-11-29)"
    );
    assert_eq!(
        report.one("overdue-review", "b/yesterday.md").message,
        "review was due on 2026-11-28 (1 day ago)"
    );
    assert_eq!(
        report.one("review-due-soon", "c/in30.md").message,
        "review is due on 2026-12-29 (in 30 days)"
    );
    assert!(report.in_file("d/in31.md").is_empty(), "{}", report.dump());
}

#[test]
fn review_settings_from_ismsbook_toml() {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        format!("{QUIET_GLOBALS}[review]\ninterval_months = 6\nwarn_days = 60\n"),
    );
    // 2026-05-01 + 6 months = 2026-11-01: overdue.
    repo.doc(
        "a/old.md",
        &Fm::new("POL-1").reviewed("2026-05-01"),
        "body\n",
    );
    // 2026-07-20 + 6 months = 2027-01-20: 52 days away, within 60.
    repo.doc(
        "b/soon.md",
        &Fm::new("POL-2").reviewed("2026-07-20"),
        "body\n",
    );
    let (_, report) = repo.check(&[]);
    assert_eq!(
        report.one("overdue-review", "a/old.md").message,
        "review was due on 2026-11-01 (28 days ago)"
    );
    assert_eq!(
        report.one("review-due-soon", "b/soon.md").message,
        "review is due on 2027-01-20 (in 52 days)"
    );
}

#[test]
fn source_date_epoch_is_used_when_today_is_absent() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "a/doc.md",
        &Fm::new("POL-1").line("next_review: 2026-12-10"),
        "body\n",
    );
    let root = path_str(repo.root());
    let args = ["check", root.as_str(), "--format", "json"];

    // 1797724800 = 2026-12-20T00:00:00Z: ten days late.
    let run = ismsbook_env(&args, &[("SOURCE_DATE_EPOCH", "1797724800")]);
    run.expect(1);
    let report = Report::parse(&run.stdout);
    assert_eq!(
        report.one("overdue-review", "a/doc.md").message,
        "review was due on 2026-12-10 (10 days ago)"
    );

    // 1795910400 = 2026-11-29T00:00:00Z: due in 11 days.
    let run = ismsbook_env(&args, &[("SOURCE_DATE_EPOCH", "1795910400")]);
    run.expect(0);
    let report = Report::parse(&run.stdout);
    assert_eq!(
        report.one("review-due-soon", "a/doc.md").message,
        "review is due on 2026-12-10 (in 11 days)"
    );

    // --today wins over SOURCE_DATE_EPOCH.
    let mut with_flag = args.to_vec();
    with_flag.extend(["--today", "2026-01-01"]);
    let run = ismsbook_env(&with_flag, &[("SOURCE_DATE_EPOCH", "1797724800")]);
    run.expect(0);
    assert!(
        Report::parse(&run.stdout).findings.is_empty(),
        "{}",
        run.stdout
    );
}

#[test]
fn invalid_dates_for_today_are_usage_errors() {
    let repo = Repo::new();
    let root = path_str(repo.root());
    let run = ismsbook(&["check", root.as_str(), "--today", "2026-02-30"]);
    run.expect(2);
    assert!(run.stderr.contains("--today"), "{}", run.stderr);
    let run = ismsbook_env(
        &["check", root.as_str()],
        &[("SOURCE_DATE_EPOCH", "yesterday")],
    );
    run.expect(2);
    assert!(run.stderr.contains("SOURCE_DATE_EPOCH"), "{}", run.stderr);
}

// ----- coverage: unmapped controls and soa.yaml -----

#[test]
fn unmapped_control_is_a_global_finding() {
    let repo = Repo::new();
    // Only A.5.1 is implemented; the 92 other controls are unmapped.
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1").line("controls: [A.5.1]"),
        "body\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(0);
    let unmapped = report.with_code("unmapped-control");
    assert_eq!(unmapped.len(), 92, "{}", report.dump());
    let f = unmapped
        .iter()
        .find(|f| f.control.as_deref() == Some("A.5.2"))
        .expect("A.5.2 is unmapped");
    assert_eq!(
        (f.file.as_deref(), f.line, f.column, f.document.as_deref()),
        (None, None, None, None)
    );
    assert_eq!(f.severity, "warning");
    assert!(f.message.contains("A.5.2"), "{}", f.message);
    assert!(!report
        .controls_with("unmapped-control")
        .contains(&"A.5.1".to_owned()));

    let human = repo.check_human(&[]);
    assert!(
        human.stderr.contains("warning[unmapped-control]"),
        "{}",
        human.stderr
    );
    assert!(human.stderr.contains("control A.5.2"), "{}", human.stderr);
}

#[test]
fn a_control_named_only_by_a_draft_is_still_unmapped() {
    let repo = Repo::new();
    repo.doc(
        "policies/approved.md",
        &Fm::new("POL-1").line("controls: [A.5.1]"),
        "body\n",
    );
    repo.doc(
        "policies/draft.md",
        &Fm::new("POL-2").status("draft").line("controls: [A.5.2]"),
        "body\n",
    );
    repo.doc(
        "policies/retired.md",
        &Fm::new("POL-3").status("retired").line("controls: [A.5.3]"),
        "body\n",
    );
    let (_, report) = repo.check(&[]);
    let unmapped = report.controls_with("unmapped-control");
    assert!(!unmapped.contains(&"A.5.1".to_owned()), "{unmapped:?}");
    assert!(
        unmapped.contains(&"A.5.2".to_owned()),
        "a draft does not implement a control: {unmapped:?}"
    );
    assert!(
        unmapped.contains(&"A.5.3".to_owned()),
        "a retired document does not implement a control: {unmapped:?}"
    );
    let f = report
        .with_code("unmapped-control")
        .into_iter()
        .find(|f| f.control.as_deref() == Some("A.5.2"))
        .unwrap();
    assert!(
        f.message.contains("POL-2"),
        "the message names the draft: {}",
        f.message
    );
}

#[test]
fn justified_exclusion_is_neither_unmapped_nor_unjustified() {
    let repo = Repo::new();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1").line("controls: [A.5.1]"),
        "body\n",
    );
    repo.write(
        "soa.yaml",
        "A.7.4:\n  applicable: false\n  justification: Fully remote company.\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(0);
    let unmapped = report.controls_with("unmapped-control");
    assert!(!unmapped.contains(&"A.7.4".to_owned()), "{unmapped:?}");
    assert_eq!(unmapped.len(), 91, "93 controls, 1 excluded, 1 implemented");
    assert!(report.in_file("soa.yaml").is_empty(), "{}", report.dump());
}

#[test]
fn soa_yaml_problems_at_their_lines() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1")
            .line("controls:")
            .line("  - A.5.1")
            .line("  - A.7.4"),
        "body\n",
    );
    repo.write(
        "soa.yaml",
        "# Statement of Applicability\n\
         A.7.4:\n  applicable: false\n\
         A.8.1:\n  status: partiall\n\
         A.12.1.1:\n  applicable: false\n  justification: 2013 id\n\
         A.5.1:\n  justification: Risk treatment.\n  status: implemented\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(
        report.positions("soa.yaml"),
        [
            at("unjustified-exclusion", 2, 1),
            at("invalid-soa", 5, 3),
            at("unknown-control", 6, 1)
        ],
        "{}",
        report.dump()
    );
    let unjustified = report.one("unjustified-exclusion", "soa.yaml");
    assert_eq!(unjustified.control.as_deref(), Some("A.7.4"));
    assert_eq!(unjustified.severity, "error");
    assert!(report
        .one("invalid-soa", "soa.yaml")
        .message
        .contains("partiall"));
    assert!(report
        .one("unknown-control", "soa.yaml")
        .message
        .contains("A.12.1.1"));
    // The document implementing the excluded control is told so, at that list item.
    let mapped = report.one("excluded-control-mapped", "policies/a.md");
    assert_eq!((mapped.line, mapped.column), (Some(11), Some(5)));
    assert_eq!(mapped.severity, "warning");
    assert_eq!(mapped.control.as_deref(), Some("A.7.4"));
    assert_eq!(
        report.in_file("policies/a.md").len(),
        1,
        "{}",
        report.dump()
    );

    let human = repo.check_human(&[]);
    // The 2013 id in soa.yaml gets its 2022 successor (A.12.1.1 → A.5.37).
    assert!(human.stderr.contains("A.5.37"), "{}", human.stderr);
}

#[test]
fn soa_yaml_unknown_key_in_an_entry_is_invalid_soa() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.write(
        "soa.yaml",
        "A.7.4:\n  applicable: false\n  justifcation: Remote company.\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let positions = report.positions("soa.yaml");
    assert!(
        positions.contains(&at("invalid-soa", 3, 3)),
        "{}",
        report.dump()
    );
    let human = repo.check_human(&[]);
    assert!(
        human.stderr.contains("justification"),
        "a did-you-mean for the typo: {}",
        human.stderr
    );
}

#[test]
fn soa_yaml_syntax_error_is_invalid_soa() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.write(
        "soa.yaml",
        "A.7.4:\n  applicable: false\n  justification: [unclosed\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let f = report.one("invalid-soa", "soa.yaml");
    assert!(f.line.unwrap() >= 3, "{}", report.dump());
}

#[test]
fn both_control_id_forms_count_as_coverage() {
    let repo = Repo::new();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1").line("controls: [\"5.15\", A.8.2, \"8.5\"]"),
        "body\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(0);
    let unmapped = report.controls_with("unmapped-control");
    for c in ["A.5.15", "A.8.2", "A.8.5"] {
        assert!(
            !unmapped.contains(&c.to_owned()),
            "{c} is implemented: {unmapped:?}"
        );
    }
    assert_eq!(unmapped.len(), 90);
    assert!(
        report.with_code("unknown-control").is_empty(),
        "{}",
        report.dump()
    );
}

#[test]
fn clause_outside_4_to_10_is_reported_once() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1").line("clauses: [\"5.2\", \"4.99\"]"),
        "body\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    // Well-formed but not a clause of the standard.
    assert_eq!(
        report.positions("policies/a.md"),
        [at("invalid-front-matter", 9, 18)],
        "{}",
        report.dump()
    );
    assert!(
        report.findings[0].message.contains("4.99"),
        "{}",
        report.dump()
    );
}

#[test]
fn malformed_clause_is_reported_once() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1").line("clauses: [\"11\"]"),
        "body\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(
        report.positions("policies/a.md"),
        [at("invalid-front-matter", 9, 11)],
        "{}",
        report.dump()
    );
}

#[test]
fn missing_mandatory_documents_and_sub_clauses() {
    let repo = Repo::new();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1").line("clauses: [\"5.2\", \"9.2.2\"]"),
        "body\n",
    );
    let (_, report) = repo.check(&[]);
    let missing: Vec<&str> = report
        .with_code("missing-mandatory-document")
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        missing.len(),
        11,
        "13 mandatory clauses, 2 declared: {missing:?}"
    );
    assert!(
        missing
            .iter()
            .all(|m| !m.contains("clause 5.2 ") && !m.contains("clause 9.2 ")),
        "{missing:?}"
    );
    assert!(
        missing.iter().any(|m| m.contains("clause 4.3 ")),
        "{missing:?}"
    );
}

#[test]
fn unmapped_document_is_reported_for_policies_only() {
    let repo = Repo::new();
    repo.doc("policies/a.md", &Fm::new("POL-1"), "body\n");
    repo.doc(
        "records/r.md",
        &Fm::new("REC-1").doc_type("record"),
        "body\n",
    );
    let (_, report) = repo.check(&[]);
    assert_eq!(
        report.positions("policies/a.md"),
        [at("unmapped-document", 1, 1)],
        "{}",
        report.dump()
    );
    assert!(
        report.in_file("records/r.md").is_empty(),
        "{}",
        report.dump()
    );
}

// ----- encodings -----

#[test]
fn bom_and_crlf_parse_without_findings_and_keep_line_numbers() {
    let repo = Repo::new();
    repo.quiet_globals();
    let clean = Fm::new("POL-1")
        .line("controls:")
        .line("  - A.5.1")
        .doc("# Title\n\nSee [[POL-2]].\n");
    repo.write(
        "a/clean.md",
        format!("\u{feff}{clean}").replace('\n', "\r\n"),
    );
    // The same layout with problems on known lines: an unknown control (line 11), a broken link (line 15).
    let problems = Fm::new("POL-2")
        .line("controls:")
        .line("  - A.5.1")
        .line("  - A.5.99")
        .doc("# Title\n\nSee [x](nope.md).\n");
    repo.write(
        "b/problems.md",
        format!("\u{feff}{problems}").replace('\n', "\r\n"),
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert!(report.in_file("a/clean.md").is_empty(), "{}", report.dump());
    assert_eq!(
        report.positions("b/problems.md"),
        [at("unknown-control", 11, 5), at("broken-link", 15, 5)],
        "{}",
        report.dump()
    );
    // The BOM is not part of the first key: the id is read.
    assert_eq!(report.findings[0].document.as_deref(), Some("POL-2"));
}

#[test]
fn non_utf8_file_is_unreadable() {
    let repo = Repo::new();
    repo.quiet_globals();
    let mut bytes = Fm::new("POL-1").doc("Caf").into_bytes();
    bytes.extend_from_slice(b"\xe9 latin-1\n");
    repo.write("policies/latin1.md", bytes);
    repo.doc("policies/ok.md", &Fm::new("POL-2"), "body\n");
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(
        report.positions("policies/latin1.md"),
        [at("unreadable-file", 10, 1)],
        "{}",
        report.dump()
    );
    assert_eq!(report.findings[0].severity, "error");
    assert!(report.in_file("policies/ok.md").is_empty());
    assert_eq!(
        report.summary_count("documents"),
        1,
        "an unreadable file is not a document"
    );
}

// ----- configuration of severities -----

#[test]
fn checks_can_be_switched_off_or_raised_to_errors() {
    let repo = Repo::new();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1")
            .line("controls: [A.5.1]")
            .line("clauses: [\"5.2\"]"),
        "body\n",
    );

    let (run, report) = repo.check(&[]);
    run.expect(0);
    assert_eq!(report.with_code("unmapped-control").len(), 92);

    repo.write("ismsbook.toml", "[checks]\nunmapped-control = \"off\"\n");
    let (run, report) = repo.check(&[]);
    run.expect(0);
    assert!(
        report.with_code("unmapped-control").is_empty(),
        "{}",
        report.dump()
    );
    assert!(
        !report.with_code("missing-mandatory-document").is_empty(),
        "other checks stay on"
    );

    repo.write("ismsbook.toml", "[checks]\nunmapped-control = \"error\"\n");
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let unmapped = report.with_code("unmapped-control");
    assert_eq!(unmapped.len(), 92);
    assert!(unmapped.iter().all(|f| f.severity == "error"));
    assert_eq!(report.summary_count("errors"), 92);

    repo.write("ismsbook.toml", "[checks]\noverdue-review = \"warning\"\n");
    repo.doc(
        "policies/old.md",
        &Fm::new("POL-2")
            .reviewed("2020-01-01")
            .line("controls: [A.5.2]"),
        "body\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(0);
    assert_eq!(
        report.one("overdue-review", "policies/old.md").severity,
        "warning"
    );
}

#[test]
fn deny_warnings_makes_warnings_fail() {
    let repo = Repo::new();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1").line("controls: [A.5.1]"),
        "body\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(0);
    assert!(report.summary_count("warnings") > 0 && report.summary_count("errors") == 0);
    let (run, _) = repo.check(&["--deny", "warnings"]);
    run.expect(1);
    repo.build(&[]).expect(0);
    repo.build(&["--deny", "warnings"]).expect(1);
    assert!(
        repo.out().join("index.html").is_file(),
        "a build with findings still writes the site"
    );
}

// ----- exit status 2 -----

#[test]
fn missing_content_folder_exits_2() {
    let repo = Repo::new();
    let missing = path_str(&repo.tmp().join("no-such-folder"));
    for cmd in ["check", "build"] {
        let run = ismsbook(&[cmd, missing.as_str(), "--today", TODAY]);
        run.expect(2);
        assert!(run.stderr.contains("no-such-folder"), "{}", run.stderr);
    }
    assert!(!repo.tmp().join("no-such-folder").exists());
}

#[test]
fn invalid_config_exits_2_naming_the_file_and_line() {
    let repo = Repo::new();
    repo.doc("policies/a.md", &Fm::new("POL-1"), "body\n");
    repo.write("ismsbook.toml", "title = \"Handbook\"\ntitel = \"typo\"\n");
    let run = repo.check_human(&[]);
    run.expect(2);
    assert!(run.stderr.contains("ismsbook.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("titel"), "{}", run.stderr);
    assert!(run.stderr.contains("line 2"), "{}", run.stderr);

    let run = repo.build(&[]);
    run.expect(2);
    assert!(run.stderr.contains("ismsbook.toml"), "{}", run.stderr);
    assert!(!repo.out().exists(), "a build that exits 2 writes nothing");

    // An unknown finding code in [checks] is rejected too, with a suggestion.
    repo.write("ismsbook.toml", "[checks]\nbroken-links = \"off\"\n");
    let run = repo.check_human(&[]);
    run.expect(2);
    assert!(run.stderr.contains("broken-link"), "{}", run.stderr);
    // So is a severity that is not error, warning or off.
    repo.write("ismsbook.toml", "[checks]\nbroken-link = \"fatal\"\n");
    repo.check_human(&[]).expect(2);
}

#[test]
fn json_format_writes_only_json_to_stdout() {
    let repo = Repo::new();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1").reviewed("2020-01-01"),
        "body\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert!(!report.findings.is_empty());
    assert!(run.stdout.trim_start().starts_with('{') && run.stdout.trim_end().ends_with('}'));
}

// ----- order -----

#[test]
fn findings_are_sorted_by_file_line_and_code() {
    let repo = Repo::new();
    repo.doc(
        "z/last.md",
        &Fm::new("POL-9").reviewed("2020-01-01").line("onwer: x"),
        "[a](nope.md)\n",
    );
    repo.doc(
        "a/first.md",
        &Fm::new("POL-1").line("controls: [A.1.1]"),
        "[[NOPE]]\n\n[b](gone.md)\n",
    );
    repo.doc("m/middle.md", &Fm::new("POL-1"), "body\n");
    repo.write("soa.yaml", "A.7.4:\n  applicable: false\n");
    let (run, report) = repo.check(&[]);
    let again = repo.check(&[]).0;
    assert_eq!(run.stdout, again.stdout, "output is stable from run to run");

    let files: Vec<Option<&str>> = report.findings.iter().map(|f| f.file.as_deref()).collect();
    let first_global = files
        .iter()
        .position(Option::is_none)
        .expect("global findings exist");
    assert!(
        files[first_global..].iter().all(Option::is_none),
        "whole-ISMS findings come last:\n{}",
        report.dump()
    );
    let located: Vec<(&str, u64, u64)> = report.findings[..first_global]
        .iter()
        .map(|f| {
            (
                f.file.as_deref().unwrap(),
                f.line.unwrap(),
                f.column.unwrap(),
            )
        })
        .collect();
    let mut sorted = located.clone();
    sorted.sort();
    assert_eq!(
        located,
        sorted,
        "findings not sorted by file, line:\n{}",
        report.dump()
    );
    assert_eq!(
        located
            .iter()
            .map(|l| l.0)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>(),
        ["a/first.md", "m/middle.md", "soa.yaml", "z/last.md"]
    );
    assert_eq!(
        report.positions("a/first.md"),
        [
            at("unknown-control", 9, 12),
            at("broken-link", 11, 1),
            at("broken-link", 13, 1)
        ],
        "{}",
        report.dump()
    );
}

#[test]
fn a_mis_cased_link_names_the_real_path() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "policies/Access-Control.md",
        &Fm::new("POL-2"),
        "# Access\n",
    );
    repo.doc(
        "policies/links.md",
        &Fm::new("POL-1"),
        "See [ac](access-control.md).\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let f = report.one("broken-link", "policies/links.md");
    assert!(
        f.message
            .contains("did you mean policies/Access-Control.md?"),
        "{}",
        f.message
    );
}

#[test]
fn owners_missing_from_the_owners_table_are_reported_and_codeowners_names_the_rest() {
    let repo = Repo::new();
    repo.write("ismsbook.toml", format!("{QUIET_GLOBALS}\n[owners]\n\"CISO\" = \"@acme/security\"\n\"Head of IT\" = \"@acme/it\"\n"));
    repo.doc("policies/a.md", &Fm::new("POL-1"), "body\n");
    repo.doc(
        "my docs/b.md",
        &Fm::new("POL-2").owner("Head of It"),
        "body\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(0);
    // Owner is line 5 of the front matter.
    assert_eq!(
        report.positions("my docs/b.md"),
        [at("unknown-owner", 5, 1)],
        "{}",
        report.dump()
    );
    let human = repo.check_human(&[]);
    assert!(
        human.stderr.contains("did you mean `Head of IT`?"),
        "{}",
        human.stderr
    );

    let out = ismsbook(&["codeowners", &path_str(repo.root())]);
    out.expect(0);
    assert!(
        out.stdout
            .lines()
            .any(|l| l == "/policies/a.md @acme/security"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("# /my\\ docs/b.md: owner \"Head of It\" has no handle"),
        "{}",
        out.stdout
    );

    // Without the table there is nothing to check, and codeowners says what to add.
    repo.write("ismsbook.toml", QUIET_GLOBALS);
    let (run, report) = repo.check(&[]);
    run.expect(0);
    assert!(report.with_code("unknown-owner").is_empty());
    let out = ismsbook(&["codeowners", &path_str(repo.root())]);
    out.expect(2);
    assert!(out.stderr.contains("[owners]"), "{}", out.stderr);
}
