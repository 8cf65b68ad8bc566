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
