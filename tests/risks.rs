//! The risk register as data (issue 18, first increment): `risks.yaml` or a spreadsheet's
//! `risks.csv`, `[risk]` in `ismsbook.toml`, the findings on risks with their positions, and
//! the SoA justification naming the risks a control treats.

mod common;

use common::*;

fn config(extra: &str) -> String {
    format!("{QUIET_GLOBALS}\n{extra}")
}

/// An approved policy implementing `controls`.
fn policy(controls: &[&str]) -> String {
    let mut s = String::from(
        "---\nid: POL-001\ntitle: Backup Policy\ntype: policy\nowner: CTO\nversion: \"1.0\"\nstatus: approved\nlast_reviewed: 2026-03-01\ncontrols:\n",
    );
    for c in controls {
        s.push_str(&format!("  - \"{c}\"\n"));
    }
    s.push_str("---\n# Backup Policy\n\nProduction data is backed up nightly. ✅\n");
    s
}

const SOA: &str = "A.7.4:\n  applicable: false\n  justification: No premises of our own; we work remotely.\nA.5.30:\n  justification: Business continuity requirement\n";

const REGISTER: &str = "\
# Risk register — reviewed by the ISMS committee
- id: R-001
  title: Ransomware encrypts production databases
  owner: CTO
  likelihood: 4
  impact: 5
  treatment: mitigate
  controls: [A.8.13, A.5.30, A.7.4]
  residual_likelihood: 2
  residual_impact: 4
  last_reviewed: 2026-05-01
- id: R-002
  title: Laptop theft
  likelihood: 3
  impact: 4
  treatment: accept
  last_reviewed: 2025-01-10
- id: R-003
  title: Supplier breach 🚚
  likelihood: 7
  impact: 3
  treatment: mitigte
  controls:
    - A.5.19
    - A.5.99
  last_reviewed: 01/05/2026
- id: R-001
  title: Again
- title: No id here
  treatment: mitigate
- id: R-004
  title: Phishing
  likelihood: 5
  impact: 5
  treatment: mitigate
  last_reviewed: 2026-10-01
";

fn yaml_repo() -> Repo {
    let repo = Repo::new();
    repo.write("ismsbook.toml", config(""));
    repo.write("policies/backup.md", policy(&["A.8.13", "A.5.30"]));
    repo.write("soa.yaml", SOA);
    repo.write("risks.yaml", REGISTER);
    repo
}

fn lines(report: &Report, code: &str, file: &str) -> Vec<u64> {
    report
        .in_file(file)
        .into_iter()
        .filter(|f| f.code == code)
        .map(|f| f.line.unwrap_or(0))
        .collect()
}

#[test]
fn a_yaml_register_gives_every_finding_at_its_line() {
    let repo = yaml_repo();
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let dump = report.dump();
    let f = "risks.yaml";
    // Problems in the file itself.
    assert_eq!(
        lines(&report, "invalid-risk", f),
        [20, 22, 26, 27, 29],
        "{dump}"
    );
    let invalid = report.with_code("invalid-risk");
    assert!(
        invalid.iter().any(|x| x
            .message
            .contains("likelihood `7` is not a whole number from 1 to 5")),
        "{dump}"
    );
    assert!(
        invalid
            .iter()
            .any(|x| x.message.contains("treatment `mitigte` is not one of")),
        "{dump}"
    );
    assert!(
        invalid.iter().any(|x| x
            .message
            .contains("`01/05/2026` is not a date in the form YYYY-MM-DD")),
        "{dump}"
    );
    assert!(
        invalid.iter().any(|x| x
            .message
            .contains("risk id R-001 is used twice (line 2 and line 27)")),
        "{dump}"
    );
    assert!(
        invalid
            .iter()
            .any(|x| x.message.contains("a risk (`No id here`) has no id")),
        "{dump}"
    );
    let unknown = report.one("unknown-control", f);
    assert_eq!(
        (unknown.line, unknown.column),
        (Some(25), Some(7)),
        "{dump}"
    );
    assert!(
        unknown
            .message
            .contains("risk R-003: `A.5.99` is not an ISO/IEC 27001:2022 Annex A control"),
        "{dump}"
    );
    // The rules.
    let excluded = report.one("excluded-control-treats-risk", f);
    assert_eq!(excluded.line, Some(8), "{dump}");
    assert_eq!(excluded.control.as_deref(), Some("A.7.4"));
    assert!(
        excluded
            .message
            .contains("risk R-001 relies on A.7.4, which soa.yaml excludes"),
        "{dump}"
    );
    let not_impl = report.one("risk-control-not-implemented", f);
    assert_eq!(
        (not_impl.line, not_impl.column, not_impl.severity.as_str()),
        (Some(24), Some(7), "warning"),
        "{dump}"
    );
    assert_eq!(not_impl.control.as_deref(), Some("A.5.19"));
    let untreated = report.one("risk-untreated", f);
    assert_eq!(untreated.line, Some(35), "{dump}");
    assert!(
        untreated
            .message
            .contains("risk R-004 is mitigated by no control"),
        "{dump}"
    );
    // R-002 is accepted by no one; R-004's residual (its inherent 25, nothing written) is
    // above the default appetite of 8. R-001's residual 8 is within it.
    assert_eq!(
        lines(&report, "risk-acceptance-missing", f),
        [12, 31],
        "{dump}"
    );
    assert!(report.with_code("risk-acceptance-missing").iter().any(|x| x.message.contains("risk R-004: its residual score 25 is above the appetite of 8, but accepted_by and accepted_on are missing")), "{dump}");
    // R-002 was due on 2026-01-10; R-003's date is not one (invalid-risk, not twice).
    let overdue = report.one("overdue-risk-review", f);
    assert_eq!(overdue.line, Some(17), "{dump}");
    assert!(
        overdue
            .message
            .contains("risk R-002 was due for review on 2026-01-10"),
        "{dump}"
    );
}

/// What Excel writes with "Save as CSV" in a European locale: a BOM, `;`, CRLF, a cell with
/// line breaks, the columns in the register's own order and spelling.
const EXCEL_CSV: &str = "\u{feff}Title;Risk ID;Residual Likelihood;residual-impact;Likelihood;Impact;Treatment;Controls;Owner;Last Reviewed;Accepted By;accepted_on;Notes\r\n\
Ransomware encrypts databases;R-001;2;4;4;5;Mitigate;\"A.8.13, A.5.30\r\nA.8.7\";CTO;2026-05-01;;;Backups tested quarterly\r\n\
Laptop theft;R-002;3;4;3;4;accept;;CFO;01/05/2026;CEO;2026-05-01;\r\n\
Cloud outage;R-003;;;6;3;transfer;csf:RC.RP-01;CTO;2026-06-01;;;\r\n\
;;;;;;;;;;;;\r\n";

#[test]
fn an_excel_export_is_read_with_rows_and_columns() {
    let repo = Repo::new();
    repo.write("ismsbook.toml", config(""));
    repo.write("policies/backup.md", policy(&["A.8.13", "A.5.30"]));
    repo.write("risks.csv", EXCEL_CSV);
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let dump = report.dump();
    let p = report.positions("risks.csv");
    let want: Vec<(String, u64, u64)> = vec![
        // Row 4, cell J (Last Reviewed): its first character is column 40 of the line.
        ("invalid-risk".into(), 4, 40),
        ("invalid-risk".into(), 5, 22),
        // The quoted cell with line breaks starts on the row's first line.
        ("risk-control-not-implemented".into(), 2, 54),
        ("unknown-control".into(), 5, 35),
    ];
    let mut got = p.clone();
    got.sort();
    let mut want_sorted = want.clone();
    want_sorted.sort();
    assert_eq!(got, want_sorted, "{dump}");
    let date = report
        .with_code("invalid-risk")
        .into_iter()
        .find(|f| f.line == Some(4))
        .unwrap();
    assert!(
        date.message.contains(
            "risk R-002: last_reviewed: `01/05/2026` is not a date in the form YYYY-MM-DD"
        ),
        "{dump}"
    );
    let csf = report.one("unknown-control", "risks.csv");
    assert!(
        csf.message
            .contains("risk R-003: `csf:RC.RP-01`: no framework `csf` is declared"),
        "{dump}"
    );
    assert!(
        report
            .one("risk-control-not-implemented", "risks.csv")
            .message
            .contains("risk R-001 relies on A.8.7"),
        "{dump}"
    );

    // Declared, the framework's control resolves; nothing implements it.
    repo.write(
        "ismsbook.toml",
        config("[[frameworks]]\nid = \"csf\"\ncatalog = \"nist-csf-2.0\"\n"),
    );
    let (_, report) = repo.check(&[]);
    assert!(
        report.with_code("unknown-control").is_empty(),
        "{}",
        report.dump()
    );
    assert_eq!(
        report.controls_with("risk-control-not-implemented"),
        ["A.8.7", "csf:RC.RP-01"],
        "{}",
        report.dump()
    );
}

#[test]
fn a_framework_applicability_file_excluding_a_treatment_control_is_named() {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        config("[[frameworks]]\nid = \"csf\"\ncatalog = \"nist-csf-2.0\"\napplicability = \"frameworks/csf.yaml\"\n"),
    );
    repo.write(
        "frameworks/csf.yaml",
        "RC.RP-01:\n  applicable: false\n  justification: Recovery is the hosting provider's.\n",
    );
    repo.write("policies/backup.md", policy(&["A.8.13"]));
    repo.write(
        "risks.yaml",
        "- id: R-010\n  title: Data centre fire\n  likelihood: 1\n  impact: 5\n  treatment: mitigate\n  controls:\n    - A.8.13\n    - csf:RC.RP-01\n    - csf:RC.RP-1\n  last_reviewed: 2026-09-01\n  review_interval: 6\n",
    );
    let (_, report) = repo.check(&[]);
    let dump = report.dump();
    let f = report.one("excluded-control-treats-risk", "risks.yaml");
    assert_eq!((f.line, f.column), (Some(8), Some(7)), "{dump}");
    assert!(
        f.message
            .contains("risk R-010 relies on csf:RC.RP-01, which frameworks/csf.yaml excludes"),
        "{dump}"
    );
    let u = report.one("unknown-control", "risks.yaml");
    assert_eq!(u.line, Some(9), "{dump}");
    assert!(u.message.contains("is not a current control of"), "{dump}");
    // Reviewed 2026-09-01 every 6 months: due 2027-03-01, not overdue.
    assert!(report.with_code("overdue-risk-review").is_empty(), "{dump}");
    assert!(
        report.with_code("risk-acceptance-missing").is_empty(),
        "{dump}"
    );
}

#[test]
fn both_registers_present_is_an_error_saying_which_is_read() {
    let repo = yaml_repo();
    repo.write("risks.csv", EXCEL_CSV);
    let (_, report) = repo.check(&[]);
    let both: Vec<_> = report
        .with_code("invalid-risk")
        .into_iter()
        .filter(|f| f.file.as_deref() == Some("risks.csv"))
        .collect();
    assert_eq!(both.len(), 1, "{}", report.dump());
    assert!(both[0]
        .message
        .contains("both risks.yaml and risks.csv are present; risks.yaml is read"));
}

#[test]
fn the_appetite_and_scale_come_from_the_configuration() {
    let repo = Repo::new();
    repo.write("policies/backup.md", policy(&["A.8.13"]));
    repo.write(
        "risks.yaml",
        "- id: R-001\n  title: Backups fail silently\n  likelihood: 8\n  impact: 3\n  treatment: mitigate\n  controls: [A.8.13]\n  residual_likelihood: 3\n  residual_impact: 3\n  last_reviewed: 2026-09-01\n",
    );
    // Scale 5: likelihood 8 is off it.
    repo.write("ismsbook.toml", config(""));
    let (_, report) = repo.check(&[]);
    assert_eq!(
        lines(&report, "invalid-risk", "risks.yaml"),
        [3],
        "{}",
        report.dump()
    );
    // Scale 10, default appetite 33: the residual 9 is within it.
    repo.write("ismsbook.toml", config("[risk]\nscale = 10\n"));
    let (run, report) = repo.check(&[]);
    run.expect(0);
    assert!(report.findings.is_empty(), "{}", report.dump());
    // Appetite 6: the residual 9 needs an acceptance.
    repo.write(
        "ismsbook.toml",
        config("[risk]\nscale = 10\nappetite = 6\n"),
    );
    let (_, report) = repo.check(&[]);
    assert_eq!(
        lines(&report, "risk-acceptance-missing", "risks.yaml"),
        [1],
        "{}",
        report.dump()
    );
}

#[test]
fn bad_risk_settings_stop_the_run_with_the_line_and_a_fix() {
    let cases = [
        ("[risk]\nscale = 11\n", "line 7: [risk] scale = 11 is out of range; likelihood and impact need a scale of 2 to 10 points"),
        ("[risk]\nscale = 1\n", "[risk] scale = 1 is out of range"),
        ("[risk]\nappetite = 26\n", "line 7: [risk] appetite = 26 is out of range; a score is likelihood × impact, so on a scale of 5 use 1 to 25, e.g. appetite = 8"),
        ("[risk]\napetite = 8\n", "did you mean `appetite`?"),
    ];
    for (toml, expected) in cases {
        let repo = Repo::new();
        repo.write("ismsbook.toml", config(toml));
        repo.write("policies/backup.md", policy(&["A.8.13"]));
        let run = repo.check_human(&[]);
        run.expect(2);
        assert!(
            run.stderr.contains("ismsbook.toml"),
            "{toml}\n{}",
            run.stderr
        );
        assert!(run.stderr.contains(expected), "{toml}\n{}", run.stderr);
    }
}

#[test]
fn the_soa_justification_names_the_risks_a_control_treats() {
    let repo = yaml_repo();
    repo.build(&[]).expect(1);
    let csv = read(&repo.out().join("soa.csv"));
    let row = |id: &str| {
        csv.lines()
            .find(|l| l.starts_with(&format!("{id},")))
            .unwrap_or_else(|| panic!("no row {id} in\n{csv}"))
            .to_owned()
    };
    // A written justification first, then the risks.
    assert!(
        row("A.5.30").contains("Business continuity requirement. Treats R-001"),
        "{}",
        row("A.5.30")
    );
    // None written: the documents, then the risks.
    assert!(
        row("A.8.13").contains("Implemented by the documents listed. Treats R-001"),
        "{}",
        row("A.8.13")
    );
    // Nothing implements it, a risk needs it.
    assert!(row("A.5.19").contains("Treats R-003"), "{}", row("A.5.19"));
    // An excluded control keeps its reason for exclusion (the finding says what is wrong).
    assert!(!row("A.7.4").contains("Treats"), "{}", row("A.7.4"));
    let html = read(&repo.out().join("soa.html"));
    assert!(html.contains("Business continuity requirement. Treats R-001"));
}

#[test]
fn a_saved_register_rebuilds_everything_in_watch_mode() {
    use std::collections::HashSet;
    let repo = Repo::new();
    repo.write("ismsbook.toml", config(""));
    repo.write("policies/backup.md", policy(&["A.8.13", "A.5.30"]));
    repo.write("soa.yaml", SOA);
    let out = repo.tmp().join("watched");
    let mut session = common::watch_session(repo.root(), &out);
    session.rebuild(&HashSet::new()).expect("first build");
    for (name, text) in [
        ("risks.yaml", REGISTER.to_owned()),
        ("risks.csv", EXCEL_CSV.replace("R-001", "R-101")),
    ] {
        if name == "risks.csv" {
            std::fs::remove_file(repo.path("risks.yaml")).expect("remove risks.yaml");
        }
        repo.write(name, text);
        let rebuilt = session
            .rebuild(&HashSet::from([name.to_owned(), "risks.yaml".to_owned()]))
            .expect("rebuild after the save");
        assert_eq!(
            rebuilt.rendered, None,
            "{name}: every page is rendered again"
        );
        assert!(
            rebuilt
                .findings
                .iter()
                .any(|f| f.code.as_str() == "invalid-risk"),
            "{name}"
        );
        let want = if name == "risks.yaml" {
            "Treats R-001"
        } else {
            "Treats R-101"
        };
        assert!(read(&out.join("soa.csv")).contains(want), "{name}");
    }
}

/// What a register kept by hand gets wrong most: a risk never rated, half a residual rating,
/// an Excel date format, and a sheet with "Likelihood" under both an Inherent and a Residual
/// heading once the merged heading row is deleted.
#[test]
fn incomplete_ratings_and_ambiguous_columns_are_named() {
    let repo = Repo::new();
    repo.write("ismsbook.toml", config(""));
    repo.write("policies/backup.md", policy(&["A.8.13"]));
    // Keys in any order: the id comes last, and messages still name the risk.
    repo.write(
        "risks.yaml",
        "- title: Backup tapes lost in transit\n  treatment: transfer\n  last_reviewed: 2026-06-01\n  id: R-010\n\
         - accepted_on: 31.12.2026\n  accepted_by: CEO\n  likelihood: 4\n  impact: 5\n  treatment: accept\n  last_reviewed: 2026-06-01\n  title: Cloud region outage\n  id: R-011\n\
         - id: R-012\n  title: Ransomware\n  likelihood: 4\n  impact: 5\n  treatment: mitigate\n  controls: [A.8.13]\n  residual_likelihood: 1\n  last_reviewed:\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let dump = report.dump();
    let messages: Vec<(String, u64, String)> = report
        .in_file("risks.yaml")
        .into_iter()
        .map(|f| (f.code.clone(), f.line.unwrap_or(0), f.message.clone()))
        .collect();
    let has = |code: &str, line: u64, text: &str| {
        assert!(
            messages
                .iter()
                .any(|(c, l, m)| c == code && *l == line && m.contains(text)),
            "{code} at {line} with {text:?}:\n{dump}"
        );
    };
    has("invalid-risk", 1, "risk R-010 has no likelihood and impact");
    has("invalid-risk", 5, "risk R-011: accepted_on: `31.12.2026`");
    has(
        "invalid-risk",
        19,
        "risk R-012 has residual_likelihood but no residual_impact",
    );
    // An empty last_reviewed is none: never reviewed, so overdue.
    has(
        "overdue-risk-review",
        13,
        "risk R-012 has never been reviewed",
    );
    // The unreadable date is one finding, not also a missing acceptance.
    assert!(
        !messages
            .iter()
            .any(|(c, _, m)| c == "risk-acceptance-missing" && m.contains("R-011")),
        "{dump}"
    );

    // The same sheet from Excel with two Likelihood columns: refused, naming both.
    let repo = Repo::new();
    repo.write("ismsbook.toml", config(""));
    repo.write(
        "risks.csv",
        "\u{feff}Risk ID;Risk;Likelihood;Impact;Likelihood;Impact;Treatment\r\nR-1;Ransomware;4;5;1;5;mitigate\r\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let found = report.in_file("risks.csv");
    assert!(
        found.iter().any(|f| f.code == "invalid-risk"
            && f.line == Some(1)
            && f.message
                == "risks.csv has two `likelihood` columns: C `Likelihood` and E `Likelihood`"),
        "{}",
        report.dump()
    );
}
