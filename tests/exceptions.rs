//! Approved deviations from controls (issue 18): `exceptions.yaml` read with the place of every
//! value, its findings judged against `--today`, `exceptions.html`, control pages and the
//! review calendar. `expires` is the last valid day: an exception expiring today is in force.

mod common;

use common::*;

/// The file as a Windows editor saves it: CRLF, comments, emoji, markup in a title.
const EXCEPTIONS: &str = "\
# Exceptions approved by the ISMS committee 🛡️
- id: EX-001
  title: Legacy billing server without endpoint protection 💾
  controls: [A.8.7, A.8.99]
  scope: billing-01
  reason: The vendor supports no agent before the 2027 upgrade.
  compensating: [A.8.20, A.8.16]
  risk: R-001
  approver: CISO
  approved_on: 2026-06-01
  expires: 2027-01-31        # 63 days left: active
- id: EX-002
  title: Shared admin account on the <PLC> & SCADA
  controls:
    - A.5.16
  risk: R-009
  approver: CISO
  approved_on: 2026-01-15
  expires: 2026-11-28        # yesterday
- id: EX-003
  title: \"Contractor laptops: no disk encryption\"
  controls: A.8.1
  aprover: CFO
  expires: 2026-12-29        # 30 days left: expiring
- id: EX-004
  title: Old VPN concentrator
  controls: [A.8.20]
  approver: CTO
  approved_on: 2026-13-01
  expires: 2026-11-29        # today, its last valid day
- id: EX-001
  title: Duplicate
- title: Nameless
  controls: [A.5.1]
- id: EX-005
  scope: office
  approver: CEO
  approved_on: 2026-10-01
  expires: 2026-09-30
";

const RISKS: &str = "- id: R-001\n  title: Malware on the billing server\n  likelihood: 2\n  impact: 4\n  treatment: mitigate\n  controls: [A.8.7]\n  last_reviewed: 2026-10-01\n";

fn crlf(s: &str) -> String {
    s.replace('\n', "\r\n")
}

fn repo() -> Repo {
    let repo = Repo::new();
    repo.write("ismsbook.toml", QUIET_GLOBALS);
    repo.write("risks.yaml", RISKS);
    repo.write("exceptions.yaml", crlf(EXCEPTIONS));
    repo
}

fn positions(report: &Report) -> Vec<(String, u64, u64)> {
    let mut p = report.positions("exceptions.yaml");
    p.sort();
    p
}

fn message<'a>(report: &'a Report, code: &str, line: u64) -> &'a str {
    report
        .in_file("exceptions.yaml")
        .into_iter()
        .find(|f| f.code == code && f.line == Some(line))
        .map_or("", |f| f.message.as_str())
}

#[test]
fn every_finding_is_at_its_line_and_column() {
    let repo = repo();
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let dump = report.dump();
    let want: Vec<(String, u64, u64)> = [
        ("exception-expired", 19, 3),
        ("exception-expired", 39, 3),
        ("exception-expiring-soon", 24, 3),
        ("exception-expiring-soon", 30, 3),
        ("exception-unapproved", 20, 3),
        ("invalid-exception", 16, 3),
        ("invalid-exception", 23, 3),
        ("invalid-exception", 29, 3),
        ("invalid-exception", 31, 3),
        ("invalid-exception", 33, 3),
        ("invalid-exception", 35, 3),
        ("invalid-exception", 39, 3),
        ("unknown-control", 4, 21),
    ]
    .into_iter()
    .map(|(c, l, col)| (c.to_owned(), l, col))
    .collect();
    let mut want = want;
    want.sort();
    assert_eq!(positions(&report), want, "{dump}");
    for (code, line, text) in [
        (
            "unknown-control",
            4,
            "exception EX-001: `A.8.99` is not an ISO/IEC 27001:2022 Annex A control",
        ),
        (
            "invalid-exception",
            16,
            "exception EX-002: risk R-009 is not in the risk register",
        ),
        (
            "invalid-exception",
            23,
            "exception EX-003: `aprover` is not a field of an exception",
        ),
        (
            "invalid-exception",
            29,
            "exception EX-004: approved_on: `2026-13-01` is not a real date",
        ),
        (
            "invalid-exception",
            31,
            "exception id EX-001 is used twice (line 2 and line 31); the first one counts",
        ),
        (
            "invalid-exception",
            33,
            "an exception (`Nameless`) has no id",
        ),
        (
            "invalid-exception",
            35,
            "exception EX-005 has no title and controls",
        ),
        (
            "invalid-exception",
            39,
            "exception EX-005: it expires on 2026-09-30, before it was approved on 2026-10-01",
        ),
        (
            "exception-expired",
            19,
            "exception EX-002 expired on 2026-11-28: A.5.16 applies in full again",
        ),
        (
            "exception-expiring-soon",
            24,
            "exception EX-003 expires on 2026-12-29 (30 days left)",
        ),
        (
            "exception-expiring-soon",
            30,
            "exception EX-004 expires on 2026-11-29 (today is its last valid day)",
        ),
        (
            "exception-unapproved",
            20,
            "exception EX-003 is not approved: approver and approved_on are missing",
        ),
    ] {
        assert!(
            message(&report, code, line).contains(text),
            "{code} at {line}: {text}\n{dump}"
        );
    }
    assert!(report
        .with_code("exception-expiring-soon")
        .iter()
        .all(|f| f.severity == "warning"));
    // What to do: the help says it (human output).
    let human = repo.check_human(&[]);
    for help in [
        "did you mean `approver`?",
        "renew it with a new expires, approver and approved_on, or close it",
        "renew it with a new expires and approval, or plan to close it",
    ] {
        assert!(human.stderr.contains(help), "{help}\n{}", human.stderr);
    }
}

#[test]
fn expires_is_the_last_valid_day_whatever_today_is() {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        format!("{QUIET_GLOBALS}\n[review]\nwarn_days = 10\n"),
    );
    repo.write(
        "exceptions.yaml",
        crlf("- id: EX-010\n  title: Printer VLAN 🖨️ shares the office network\n  controls: [A.8.22]\n  approver: CISO\n  approved_on: 2026-06-01\n  expires: 2026-12-31\n"),
    );
    let codes = |today: &str| -> Vec<String> {
        let (_, report) = repo.check(&["--today", today]);
        report
            .in_file("exceptions.yaml")
            .iter()
            .map(|f| f.code.clone())
            .collect()
    };
    // More than warn_days left: nothing to say.
    assert!(codes("2026-12-20").is_empty());
    // Exactly warn_days left, and the last valid day itself: expiring, not expired.
    assert_eq!(codes("2026-12-21"), ["exception-expiring-soon"]);
    assert_eq!(codes("2026-12-31"), ["exception-expiring-soon"]);
    // The day after: expired.
    assert_eq!(codes("2027-01-01"), ["exception-expired"]);
}

#[test]
fn an_absent_or_empty_file_is_no_exceptions() {
    let repo = Repo::new();
    repo.write("ismsbook.toml", QUIET_GLOBALS);
    let (_, report) = repo.check(&[]);
    assert!(report.in_file("exceptions.yaml").is_empty());
    repo.write("exceptions.yaml", "# none yet\r\n");
    let (_, report) = repo.check(&[]);
    assert!(
        report.in_file("exceptions.yaml").is_empty(),
        "{}",
        report.dump()
    );
    repo.write("exceptions.yaml", "id: EX-1\n");
    let (_, report) = repo.check(&[]);
    assert!(
        report
            .one("invalid-exception", "exceptions.yaml")
            .message
            .contains("must be a list of exceptions"),
        "{}",
        report.dump()
    );
}

/// The rows of `exceptions.html`, by their `data-exception`.
fn row(html: &str, id: &str) -> String {
    let start = html
        .find(&format!("data-exception=\"{id}\""))
        .unwrap_or_else(|| panic!("no row {id} in\n{html}"));
    let rest = &html[start..];
    rest[..rest.find("</tr>").unwrap_or(rest.len())].to_owned()
}

/// The "Exceptions in force" section of a control page, empty without one.
fn in_force(html: &str) -> String {
    html.find("Exceptions in force")
        .map(|i| {
            let rest = &html[i..];
            rest[..rest.find("</section>").unwrap_or(rest.len())].to_owned()
        })
        .unwrap_or_default()
}

#[test]
fn exceptions_html_lists_every_exception_with_its_state_escaped() {
    let repo = repo();
    repo.build(&[]).expect(1);
    let html = repo.page("exceptions.html");
    // File order; the duplicate and the nameless entry are left out.
    let order: Vec<usize> = ["EX-001", "EX-002", "EX-003", "EX-004", "EX-005"]
        .iter()
        .map(|id| html.find(&format!("data-exception=\"{id}\"")).unwrap_or(0))
        .collect();
    assert!(
        order.windows(2).all(|w| 0 < w[0] && w[0] < w[1]),
        "{order:?}"
    );
    assert_eq!(html.matches("data-exception=").count(), 5);
    assert!(!html.contains("Nameless") && !html.contains("Duplicate"));

    let ex1 = row(&html, "EX-001");
    assert!(
        ex1.contains("Legacy billing server without endpoint protection 💾"),
        "{ex1}"
    );
    assert!(
        ex1.contains("<a href=\"controls/A.8.7.html\">A.8.7</a>"),
        "{ex1}"
    );
    // An id that names no control is shown, not linked.
    assert!(ex1.contains(", A.8.99</td>"), "{ex1}");
    assert!(
        ex1.contains("<a href=\"controls/A.8.16.html\">A.8.16</a>"),
        "{ex1}"
    );
    assert!(
        ex1.contains("billing-01") && ex1.contains("CISO, 2026-06-01"),
        "{ex1}"
    );
    assert!(
        ex1.contains("2027-01-31 <span class=\"badge badge-ok\">active</span>"),
        "{ex1}"
    );

    let ex2 = row(&html, "EX-002");
    assert!(
        ex2.contains("Shared admin account on the &lt;PLC&gt; &amp; SCADA"),
        "{ex2}"
    );
    assert!(!html.contains("<PLC>"));
    assert!(ex2.contains("badge-error\">expired</span>"), "{ex2}");
    let ex3 = row(&html, "EX-003");
    // Unapproved, it is in force nowhere: its badge says so rather than counting down.
    assert!(ex3.contains("badge-error\">not approved</span>"), "{ex3}");
    assert!(!ex3.contains("expiring in"), "{ex3}");
    assert!(row(&html, "EX-004").contains("badge-error\">not approved</span>"));
    assert!(row(&html, "EX-001").contains("badge-ok\">active</span>"));
    assert!(row(&html, "EX-005").contains("badge-error\">expired</span>"));
    // Linked from every page's navigation.
    assert!(repo
        .page("index.html")
        .contains("href=\"exceptions.html\">Exceptions</a>"));
    assert!(repo
        .page("controls/A.5.1.html")
        .contains("href=\"../exceptions.html\">Exceptions</a>"));
}

#[test]
fn control_pages_show_the_exceptions_in_force() {
    let repo = repo();
    repo.build(&[]).expect(1);
    let a87 = in_force(&repo.page("controls/A.8.7.html"));
    assert!(
        a87.contains(
            "<a href=\"../exceptions.html#exception-ex-001\">EX-001 Legacy billing server"
        ),
        "{a87}"
    );
    assert!(
        a87.contains("billing-01") && a87.contains("2027-01-31"),
        "{a87}"
    );
    // Expired (EX-002), unapproved (EX-003), an approval date that is not one (EX-004): not in
    // force. A compensating control (A.8.20 for EX-001) is not deviated from.
    for c in ["A.5.16", "A.8.1", "A.8.20", "A.8.16"] {
        let section = in_force(&repo.page(&format!("controls/{c}.html")));
        assert!(section.is_empty(), "{c}: {section}");
    }
    // Its last valid day, it is still in force; the day after, gone.
    let build_on = |today: &str| {
        let out = repo.tmp().join(today);
        let run = ismsbook(&[
            "build",
            &path_str(repo.root()),
            "-o",
            &path_str(&out),
            "--today",
            today,
        ]);
        run.no_panic();
        in_force(&read(&out.join("controls/A.8.7.html")))
    };
    assert!(build_on("2027-01-31").contains("expiring today"));
    assert!(build_on("2027-02-01").is_empty());
}

#[test]
fn a_framework_control_page_shows_its_exception() {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        format!("{QUIET_GLOBALS}\n[[frameworks]]\nid = \"csf\"\ncatalog = \"nist-csf-2.0\"\n"),
    );
    repo.write(
        "exceptions.yaml",
        crlf("- id: EX-020\n  title: No restore test of the archive\n  controls: [csf:RC.RP-01, A.8.13]\n  approver: CISO\n  approved_on: 2026-10-01\n  expires: 2027-06-30\n"),
    );
    repo.build(&[]).expect(0);
    let page = in_force(&repo.page("frameworks/csf/RC.RP-01.html"));
    assert!(
        page.contains("<a href=\"../../exceptions.html#exception-ex-020\">EX-020 No restore test"),
        "{page}"
    );
    let list = row(&repo.page("exceptions.html"), "EX-020");
    assert!(
        list.contains("<a href=\"frameworks/csf/RC.RP-01.html\">csf:RC.RP-01</a>"),
        "{list}"
    );
}

#[test]
fn without_exceptions_yaml_there_is_no_page_and_no_link() {
    let repo = Repo::new();
    repo.write("ismsbook.toml", QUIET_GLOBALS);
    // A page of its own at the same place is not refused.
    repo.write(
        "exceptions.md",
        "---\nid: PRO-009\ntitle: Exception process\ntype: procedure\nowner: CISO\nversion: \"1.0\"\nstatus: approved\nlast_reviewed: 2026-09-01\n---\n# Exception process\n\nAsk the CISO.\n",
    );
    repo.build(&[]).expect(0);
    assert!(!repo.page("index.html").contains(">Exceptions</a>"));
    assert!(repo.page("exceptions.html").contains("Ask the CISO."));
}

#[test]
fn reviews_ics_carries_each_expiry() {
    let repo = repo();
    repo.write(
        "ismsbook.toml",
        format!("organisation = \"Acme, Inc.\"\nbase_url = \"https://isms.example.com/\"\n{QUIET_GLOBALS}"),
    );
    repo.build(&[]).expect(1);
    let ics = repo.page("reviews.ics").replace("\r\n ", "");
    let event = |uid: &str| -> String {
        let start = ics
            .find(&format!("UID:{uid}"))
            .unwrap_or_else(|| panic!("no {uid} in\n{ics}"));
        let rest = &ics[start..];
        rest[..rest.find("END:VEVENT").unwrap_or(rest.len())].to_owned()
    };
    let ex1 = event("exception-EX-001@acme-inc");
    assert!(ex1.contains("DTSTART;VALUE=DATE:20270131\r\n"), "{ex1}");
    assert!(ex1.contains("DTEND;VALUE=DATE:20270201\r\n"), "{ex1}");
    assert!(
        ex1.contains("SUMMARY:Exception EX-001 expires: Legacy billing server without endpoint protection 💾\r\n"),
        "{ex1}"
    );
    assert!(
        ex1.contains("Controls: A.8.7\\, A.8.99\\nScope: billing-01\\nApprover: CISO"),
        "{ex1}"
    );
    assert!(
        ex1.contains("URL:https://isms.example.com/exceptions.html\r\n"),
        "{ex1}"
    );
    // Text values are escaped; an expired exception keeps its date.
    let ex2 = event("exception-EX-002@acme-inc");
    assert!(ex2.contains("DTSTART;VALUE=DATE:20261128"), "{ex2}");
    assert!(
        ex2.contains(
            "SUMMARY:Exception EX-002 expires: Shared admin account on the <PLC> & SCADA\r\n"
        ),
        "{ex2}"
    );
    assert_eq!(ics.matches("UID:exception-").count(), 5);
    // Folded at 75 octets, emoji and all.
    let raw = repo.page("reviews.ics");
    assert!(raw.split("\r\n").all(|l| l.len() <= 75), "{raw}");
}

#[test]
fn a_saved_exceptions_file_rebuilds_everything_in_watch_mode() {
    use std::collections::HashSet;
    let repo = Repo::new();
    repo.write("ismsbook.toml", QUIET_GLOBALS);
    let out = repo.tmp().join("watched");
    let mut session = common::watch_session(repo.root(), &out);
    session.rebuild(&HashSet::new()).expect("first build");
    assert!(!out.join("exceptions.html").exists());
    repo.write("risks.yaml", RISKS);
    repo.write("exceptions.yaml", crlf(EXCEPTIONS));
    let rebuilt = session
        .rebuild(&HashSet::from(["exceptions.yaml".to_owned()]))
        .expect("rebuild after the save");
    assert_eq!(rebuilt.rendered, None, "every page is rendered again");
    assert!(rebuilt
        .findings
        .iter()
        .any(|f| f.code.as_str() == "exception-expired"));
    assert!(in_force(&read(&out.join("controls/A.8.7.html"))).contains("EX-001"));
    assert!(read(&out.join("exceptions.html")).contains("EX-005"));
}

#[test]
fn as_of_reads_the_exceptions_as_committed() {
    let repo = Repo::new();
    let tmp = repo.tmp().to_path_buf();
    git_at(&tmp, "2026-06-01", &["init", "-q"]);
    repo.write("ismsbook.toml", QUIET_GLOBALS);
    repo.write(
        "exceptions.yaml",
        crlf("- id: EX-030\n  title: Badge readers offline during the move\n  controls: [A.7.2]\n  approver: COO\n  approved_on: 2026-06-01\n  expires: 2026-07-15\n"),
    );
    git_at(&tmp, "2026-06-01", &["add", "-A", "."]);
    git_at(
        &tmp,
        "2026-06-01",
        &["commit", "-q", "-m", "Approve EX-030"],
    );
    // Never committed: the approval removed, the expiry moved back.
    repo.write(
        "exceptions.yaml",
        crlf("- id: EX-030\n  title: Badge readers offline during the move\n  controls: [A.7.2]\n  expires: 2026-06-10\n"),
    );
    let codes = |args: &[&str]| -> Vec<String> {
        let mut all = vec![
            "check".to_owned(),
            path_str(repo.root()),
            "--format".into(),
            "json".into(),
        ];
        all.extend(args.iter().map(|s| s.to_string()));
        let run = ismsbook(&all);
        run.no_panic();
        let mut codes: Vec<String> = Report::parse(&run.stdout)
            .in_file("exceptions.yaml")
            .iter()
            .map(|f| f.code.clone())
            .collect();
        codes.sort();
        codes
    };
    // As committed, on 2026-07-01: approved, 14 days left.
    assert_eq!(
        codes(&["--as-of", "2026-07-01"]),
        ["exception-expiring-soon"]
    );
    // The work tree on the same day.
    assert_eq!(
        codes(&["--today", "2026-07-01"]),
        ["exception-expired", "exception-unapproved"]
    );
}
