//! `ismsbook diff` on the risk register and `exceptions.yaml`: a temporary repository whose
//! history keeps the register in an Excel export (`risks.csv`), moves it to `risks.yaml`, then
//! raises, accepts, re-treats and adds risks, extends and adds exceptions, and lowers the
//! appetite. The content root is `content/` in the repository.

mod common;

use common::*;
use serde_json::{json, Value};

/// Judged as of this day: EX-002 (last valid day 2026-02-28) has expired.
const DAY: &str = "2026-03-15";

fn config(appetite: u32) -> String {
    format!("{QUIET_GLOBALS}\n[risk]\nscale = 5\nappetite = {appetite}\n")
}

/// An Excel export: BOM, `;`, CRLF, headers as people write them, a notes column.
const REGISTER_CSV: &str = "\u{feff}Risk ID;Risk;Owner;Likelihood;Impact;Treatment;Controls;Residual Likelihood;Residual Impact;Accepted By;Accepted On;Last Reviewed;Notes\r\n\
R-001;Ransomware encrypts production databases;CTO;4;5;Mitigate;A.8.13, A.5.30;2;3;;;2026-01-05;\"Restore tested; quarterly\"\r\n\
R-002;Laptop theft 💻;CISO;3;4;accept;;3;4;CEO;2026-01-05;2026-01-05;\r\n\
R-003;Office flood;Facilities;2;3;avoid;;;;;;2026-01-05;We move out in June\r\n\
R-004;Supplier breach;CPO;3;4;mitigate;A.8.7;2;2;;;2026-01-05;\r\n";

/// The same register, as YAML.
const REGISTER_YAML: &str = "\
- id: R-001
  title: Ransomware encrypts production databases
  owner: CTO
  likelihood: 4
  impact: 5
  treatment: mitigate
  controls: [A.5.30, A.8.13]
  residual_likelihood: 2
  residual_impact: 3
  last_reviewed: 2026-01-05
- id: R-002
  title: Laptop theft 💻
  owner: CISO
  likelihood: 3
  impact: 4
  treatment: accept
  residual_likelihood: 3
  residual_impact: 4
  accepted_by: CEO
  accepted_on: 2026-01-05
  last_reviewed: 2026-01-05
- id: R-003
  title: Office flood
  owner: Facilities
  likelihood: 2
  impact: 3
  treatment: avoid
  last_reviewed: 2026-01-05
- id: R-004
  title: Supplier breach
  owner: CPO
  likelihood: 3
  impact: 4
  treatment: mitigate
  controls: [A.8.7]
  residual_likelihood: 2
  residual_impact: 2
  last_reviewed: 2026-01-05
";

/// R-001's residual score rises above the appetite (accepted); R-002 is treated and falls
/// back within it; R-003 goes; R-004 is transferred with other controls and another owner;
/// R-005 comes in above the appetite, R-006 within it.
const REGISTER_RAISED: &str = "\
- id: R-001
  title: Ransomware encrypts production databases
  owner: CTO
  likelihood: 4
  impact: 5
  treatment: mitigate
  controls: [A.5.30, A.8.13]
  residual_likelihood: 4
  residual_impact: 3
  accepted_by: CEO
  accepted_on: 2026-03-01
  last_reviewed: 2026-03-01
- id: R-002
  title: Laptop theft 💻
  owner: CISO
  likelihood: 3
  impact: 4
  treatment: mitigate
  controls: [A.8.1]
  residual_likelihood: 2
  residual_impact: 2
  accepted_by: CEO
  accepted_on: 2026-01-05
  last_reviewed: 2026-01-05
- id: R-004
  title: Supplier breach
  owner: CISO
  likelihood: 3
  impact: 4
  treatment: transfer
  controls: [A.5.20]
  residual_likelihood: 2
  residual_impact: 2
  last_reviewed: 2026-01-05
- id: R-005
  title: Cloud provider outage ☁️
  owner: CTO
  likelihood: 4
  impact: 4
  treatment: accept
  accepted_by: CEO
  accepted_on: 2026-03-01
  last_reviewed: 2026-03-01
- id: R-006
  title: Lost USB stick
  owner: CISO
  likelihood: 2
  impact: 3
  treatment: mitigate
  controls: [A.8.1]
  last_reviewed: 2026-03-01
";

const EXCEPTIONS: &str = "\
- id: EX-001
  title: Legacy billing server without endpoint protection
  controls: [A.8.7]
  scope: billing-01
  reason: The vendor supports no agent before the 2027 upgrade.
  compensating: [A.8.20, A.8.16]
  risk: R-004
  approver: CISO
  approved_on: 2026-01-05
  expires: 2026-06-30
- id: EX-002
  title: Shared admin account on the badge system
  controls: [A.5.16]
  approver: CISO
  approved_on: 2025-06-01
  expires: 2026-02-28
- id: EX-003
  title: Unencrypted test laptops
  controls: [A.8.24]
  approver: CISO
  approved_on: 2026-01-05
  expires: 2026-12-31
- id: EX-006
  title: Paper visitor log at reception
  controls: [A.7.2]
  approver: CISO
  approved_on: 2026-01-05
  expires: 2026-04-30
";

/// EX-001 extended and re-approved; EX-002 gone; EX-003 shortened by another approver;
/// EX-006 extended without a new approval and widened to A.7.3; EX-004 new.
const EXCEPTIONS_CHANGED: &str = "\
- id: EX-001
  title: Legacy billing server without endpoint protection
  controls: [A.8.7]
  scope: billing-01
  reason: The vendor supports no agent before the 2027 upgrade.
  compensating: [A.8.20, A.8.16]
  risk: R-004
  approver: CISO
  approved_on: 2026-02-25
  expires: 2026-12-31
- id: EX-003
  title: Unencrypted test laptops
  controls: [A.8.24]
  approver: CTO
  approved_on: 2026-02-20
  expires: 2026-04-30
- id: EX-006
  title: Paper visitor log at reception
  controls: [A.7.2, A.7.3]
  approver: CISO
  approved_on: 2026-01-05
  expires: 2026-10-31
- id: EX-004
  title: Vendor VPN <without> MFA | temporary
  controls: [A.8.5]
  scope: vpn-vendor
  approver: CISO
  approved_on: 2026-03-01
  expires: 2026-09-30
";

/// 0. 2026-01-10 the ISMS with `risks.csv` and `exceptions.yaml` (appetite 8)
/// 1. 2026-02-01 the register moved to `risks.yaml`, nothing else
/// 2. 2026-03-01 risks raised, accepted, re-treated, removed and added; exceptions changed
/// 3. 2026-03-10 the appetite lowered to 5
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

    repo.write("ismsbook.toml", config(8))
        .doc(
            "policies/backup.md",
            &Fm::new("POL-1")
                .title("Backup policy")
                .reviewed("2026-01-05")
                .line("controls: [A.8.13, A.5.30]"),
            "# Backup\n\nProduction data is backed up nightly. ✅\n",
        )
        .write("risks.csv", REGISTER_CSV)
        .write("exceptions.yaml", EXCEPTIONS);
    commits.push(commit("2026-01-10", "Add the ISMS"));

    std::fs::remove_file(repo.path("risks.csv")).unwrap();
    repo.write("risks.yaml", REGISTER_YAML);
    commits.push(commit("2026-02-01", "Keep the register in YAML"));

    repo.write("risks.yaml", REGISTER_RAISED)
        .write("exceptions.yaml", EXCEPTIONS_CHANGED);
    commits.push(commit("2026-03-01", "Quarterly risk review"));

    repo.write("ismsbook.toml", config(5));
    commits.push(commit("2026-03-10", "Lower the risk appetite"));
    (repo, commits)
}

fn diff(repo: &Repo, args: &[&str]) -> Run {
    let root = path_str(repo.root());
    let mut all = vec!["diff", "-C", &root, "--today", DAY];
    all.extend(args);
    let run = ismsbook(&all);
    run.no_panic();
    run.expect(0);
    run
}

fn json_diff(repo: &Repo, base: &str, head: &str) -> Value {
    let run = diff(repo, &[base, head, "--format", "json"]);
    serde_json::from_str(&run.stdout).unwrap()
}

/// `(id, needs_attention)` of one list of a section.
fn ids(v: &Value, list: &str) -> Vec<(String, bool)> {
    v[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_owned(),
                c["needs_attention"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn entry<'a>(v: &'a Value, list: &str, id: &str) -> &'a Value {
    v[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in {list}: {v:#}"))
}

#[test]
fn a_register_moved_from_csv_to_yaml_compares_risk_by_risk() {
    let (repo, commits) = scripted();
    let got = json_diff(&repo, &commits[0], &commits[1]);
    assert_eq!(
        got["risks"],
        json!({
            "base": {"file": "risks.csv", "risks": 4, "above_appetite": 1, "appetite": 8},
            "head": {"file": "risks.yaml", "risks": 4, "above_appetite": 1, "appetite": 8},
            "added": [], "removed": [], "changed": []
        }),
        "{got:#}"
    );
    assert_eq!(
        got["exceptions"],
        json!({
            "base": {"file": true, "exceptions": 4, "in_force": 3},
            "head": {"file": true, "exceptions": 4, "in_force": 3},
            "added": [], "removed": [], "changed": []
        })
    );
    // No risk changed, so the title says nothing of risks; the comment says where it went.
    assert_eq!(
        got["verdict"],
        "no change to documents or controls; no new findings"
    );
    let md = diff(&repo, &[&commits[0], &commits[1]]).stdout;
    assert!(
        md.lines().any(|l| l
            == "Register (moved from `risks.csv` to `risks.yaml`): 4 risks (1 above the appetite of 8) → 4 risks (1 above the appetite of 8)."),
        "{md}"
    );
    assert!(!md.contains("| Change | Risk |"), "{md}");
    assert!(!md.contains("#### Exceptions"), "{md}");
}

#[test]
fn diff_json_reports_risks_and_exceptions_with_before_and_after() {
    let (repo, commits) = scripted();
    // From the spreadsheet to the raised YAML register: matched by id across formats.
    let got = json_diff(&repo, &commits[0], &commits[2]);
    let risks = &got["risks"];
    assert_eq!(
        risks["base"],
        json!({"file": "risks.csv", "risks": 4, "above_appetite": 1, "appetite": 8})
    );
    assert_eq!(
        risks["head"],
        json!({"file": "risks.yaml", "risks": 5, "above_appetite": 2, "appetite": 8})
    );
    assert_eq!(
        ids(risks, "added"),
        [("R-005".to_owned(), true), ("R-006".to_owned(), false)]
    );
    assert_eq!(ids(risks, "removed"), [("R-003".to_owned(), false)]);
    assert_eq!(
        ids(risks, "changed"),
        [
            ("R-001".to_owned(), true),
            ("R-002".to_owned(), true),
            ("R-004".to_owned(), true)
        ]
    );

    // Risen above the appetite, with the acceptance that now carries it.
    assert_eq!(
        entry(risks, "changed", "R-001"),
        &json!({
            "id": "R-001",
            "title": "Ransomware encrypts production databases",
            "before": {
                "title": "Ransomware encrypts production databases", "owner": "CTO",
                "likelihood": 4, "impact": 5, "inherent": 20, "treatment": "mitigate",
                "controls": ["A.5.30", "A.8.13"],
                "residual_likelihood": 2, "residual_impact": 3, "residual": 6,
                "above_appetite": false, "accepted_by": null, "accepted_on": null,
                "last_reviewed": "2026-01-05", "review_interval": 12, "next_review": "2027-01-05"
            },
            "after": {
                "title": "Ransomware encrypts production databases", "owner": "CTO",
                "likelihood": 4, "impact": 5, "inherent": 20, "treatment": "mitigate",
                "controls": ["A.5.30", "A.8.13"],
                "residual_likelihood": 4, "residual_impact": 3, "residual": 12,
                "above_appetite": true, "accepted_by": "CEO", "accepted_on": "2026-03-01",
                "last_reviewed": "2026-03-01", "review_interval": 12, "next_review": "2027-03-01"
            },
            "fields": [
                {"field": "residual_likelihood", "before": 2, "after": 4},
                {"field": "residual", "before": 6, "after": 12},
                {"field": "accepted_by", "before": null, "after": "CEO"},
                {"field": "accepted_on", "before": null, "after": "2026-03-01"},
                {"field": "last_reviewed", "before": "2026-01-05", "after": "2026-03-01"}
            ],
            "controls_added": [], "controls_removed": [],
            "appetite": "now_above",
            "needs_attention": true
        })
    );
    // Treated: back within the appetite, a new treatment and its control.
    let r2 = entry(risks, "changed", "R-002");
    assert_eq!(r2["appetite"], "back_within");
    assert_eq!(r2["controls_added"], json!(["A.8.1"]));
    assert_eq!(
        r2["fields"],
        json!([
            {"field": "treatment", "before": "accept", "after": "mitigate"},
            {"field": "controls", "before": [], "after": ["A.8.1"]},
            {"field": "residual_likelihood", "before": 3, "after": 2},
            {"field": "residual_impact", "before": 4, "after": 2},
            {"field": "residual", "before": 12, "after": 4}
        ])
    );
    let r4 = entry(risks, "changed", "R-004");
    assert_eq!(r4["appetite"], Value::Null);
    assert_eq!(
        (&r4["controls_added"], &r4["controls_removed"]),
        (&json!(["A.5.20"]), &json!(["A.8.7"]))
    );
    assert_eq!(
        r4["fields"],
        json!([
            {"field": "owner", "before": "CPO", "after": "CISO"},
            {"field": "treatment", "before": "mitigate", "after": "transfer"},
            {"field": "controls", "before": ["A.8.7"], "after": ["A.5.20"]}
        ])
    );
    // Added above the appetite (no residual written: the inherent score stands).
    let r5 = entry(risks, "added", "R-005");
    assert_eq!(
        (
            &r5["appetite"],
            &r5["before"],
            &r5["after"]["residual"],
            &r5["after"]["above_appetite"]
        ),
        (&json!("now_above"), &Value::Null, &json!(16), &json!(true))
    );
    assert_eq!(entry(risks, "added", "R-006")["appetite"], Value::Null);
    let r3 = entry(risks, "removed", "R-003");
    assert_eq!(
        (
            &r3["after"],
            &r3["before"]["treatment"],
            &r3["before"]["residual"]
        ),
        (&Value::Null, &json!("avoid"), &json!(6))
    );

    let ex = &got["exceptions"];
    assert_eq!(
        (&ex["base"], &ex["head"]),
        (
            &json!({"file": true, "exceptions": 4, "in_force": 3}),
            &json!({"file": true, "exceptions": 4, "in_force": 4})
        )
    );
    assert_eq!(ids(ex, "added"), [("EX-004".to_owned(), true)]);
    assert_eq!(ids(ex, "removed"), [("EX-002".to_owned(), false)]);
    assert_eq!(
        ids(ex, "changed"),
        [
            ("EX-001".to_owned(), true),
            ("EX-003".to_owned(), false),
            ("EX-006".to_owned(), true)
        ]
    );
    assert_eq!(
        entry(ex, "changed", "EX-001"),
        &json!({
            "id": "EX-001",
            "title": "Legacy billing server without endpoint protection",
            "before": {
                "title": "Legacy billing server without endpoint protection",
                "controls": ["A.8.7"], "scope": "billing-01",
                "reason": "The vendor supports no agent before the 2027 upgrade.",
                "compensating": ["A.8.16", "A.8.20"], "risk": "R-004",
                "approver": "CISO", "approved_on": "2026-01-05", "expires": "2026-06-30",
                "state": "active"
            },
            "after": {
                "title": "Legacy billing server without endpoint protection",
                "controls": ["A.8.7"], "scope": "billing-01",
                "reason": "The vendor supports no agent before the 2027 upgrade.",
                "compensating": ["A.8.16", "A.8.20"], "risk": "R-004",
                "approver": "CISO", "approved_on": "2026-02-25", "expires": "2026-12-31",
                "state": "active"
            },
            "fields": [
                {"field": "approved_on", "before": "2026-01-05", "after": "2026-02-25"},
                {"field": "expires", "before": "2026-06-30", "after": "2026-12-31"}
            ],
            "controls_added": [], "controls_removed": [],
            "expiry": {"change": "extended", "days": 184},
            "approval": "reapproved",
            "needs_attention": true
        })
    );
    let ex3 = entry(ex, "changed", "EX-003");
    assert_eq!(
        (&ex3["expiry"], &ex3["approval"]),
        (
            &json!({"change": "shortened", "days": -245}),
            &json!("approver_changed")
        )
    );
    let ex6 = entry(ex, "changed", "EX-006");
    assert_eq!(
        (&ex6["expiry"], &ex6["approval"], &ex6["controls_added"]),
        (
            &json!({"change": "extended", "days": 184}),
            &Value::Null,
            &json!(["A.7.3"])
        )
    );
    assert_eq!(entry(ex, "removed", "EX-002")["before"]["state"], "expired");
    assert_eq!(
        entry(ex, "added", "EX-004")["after"]["expires"],
        "2026-09-30"
    );

    let verdict = got["verdict"].as_str().unwrap();
    assert!(
        verdict.starts_with(
            "2 risks added, 3 changed, 1 removed (2 now above appetite, 1 back within); 1 exception added, 2 extended, 1 changed, 1 removed; "
        ),
        "{verdict}"
    );
}

#[test]
fn diff_markdown_calls_out_risks_and_exceptions_for_the_reviewer() {
    let (repo, commits) = scripted();
    let md = diff(&repo, &[&commits[1], &commits[2]]).stdout;
    for line in [
        "#### Risks",
        "Register: 4 risks (1 above the appetite of 8) → 5 risks (2 above the appetite of 8).",
        "**⚠️ Needs attention:**",
        "- **R-005** Cloud provider outage ☁️: added with a residual score of 16, now above the appetite of 8 — accepted by CEO on 2026-03-01",
        "- **R-001** Ransomware encrypts production databases: residual score 2×3 = 6 → 4×3 = 12, now above the appetite of 8 — accepted by CEO on 2026-03-01",
        "- **R-002** Laptop theft 💻: treatment accept → mitigate; controls added to the treatment: A.8.1",
        "- **R-004** Supplier breach: treatment mitigate → transfer; controls added to the treatment: A.5.20; controls removed from the treatment: A.8.7",
        "**Back within appetite:**",
        "- **R-002** Laptop theft 💻: residual score 3×4 = 12 → 2×2 = 4, within the appetite of 8",
        "| Change | Risk | What changed |",
        "| added | **R-006** Lost USB stick | inherent 2×3 = 6<br>residual 6<br>mitigate: A.8.1<br>owner CISO |",
        "| changed | **R-001** Ransomware encrypts production databases | residual: 2×3 = 6 → 4×3 = 12, now above the appetite of 8<br>accepted_by: — → CEO<br>accepted_on: — → 2026-03-01<br>last_reviewed: 2026-01-05 → 2026-03-01 |",
        "| changed | **R-004** Supplier breach | owner: CPO → CISO<br>treatment: mitigate → transfer<br>controls: +A.5.20 −A.8.7 |",
        "| removed | **R-003** Office flood | inherent 2×3 = 6<br>residual 6<br>avoid<br>owner Facilities |",
        "#### Exceptions",
        "4 exceptions (3 in force) → 4 exceptions (4 in force).",
        "- **EX-004** Vendor VPN &lt;without&gt; MFA \\| temporary: added — deviates from A.8.5 until 2026-09-30 (active); scope: vpn-vendor; approved by CISO on 2026-03-01",
        "- **EX-001** Legacy billing server without endpoint protection: extended from 2026-06-30 to 2026-12-31 (+184 days); re-approved: approved by CISO on 2026-02-25",
        "- **EX-006** Paper visitor log at reception: extended from 2026-04-30 to 2026-10-31 (+184 days); not re-approved (approved by CISO on 2026-01-05); now also deviates from A.7.3",
        "| extended | **EX-001** Legacy billing server without endpoint protection | approved_on: 2026-01-05 → 2026-02-25<br>expires: 2026-06-30 → 2026-12-31 (+184 days) |",
        "| shortened | **EX-003** Unencrypted test laptops | approver: CISO → CTO<br>approved_on: 2026-01-05 → 2026-02-20<br>expires: 2026-12-31 → 2026-04-30 (-245 days) |",
        "| removed | **EX-002** Shared admin account on the badge system | deviates from A.5.16 until 2026-02-28 (expired)<br>approved by CISO on 2025-06-01 |",
    ] {
        assert!(md.lines().any(|l| l == line), "missing line {line:?} in:\n{md}");
    }
    // Sections keep their order: frameworks, risks, exceptions, then findings.
    let at = |s: &str| md.find(s).unwrap_or(usize::MAX);
    assert!(at("#### Risks") < at("#### Exceptions"), "{md}");
    // The title names what changed.
    assert!(
        md.lines().next().unwrap().contains(
            "2 risks added, 3 changed, 1 removed (2 now above appetite, 1 back within); 1 exception added, 2 extended, 1 changed, 1 removed"
        ),
        "{md}"
    );
    assert!(!md.contains("<without>"), "{md}");
}

#[test]
fn a_lowered_appetite_puts_an_unchanged_risk_above_it() {
    let (repo, commits) = scripted();
    let got = json_diff(&repo, &commits[2], &commits[3]);
    let risks = &got["risks"];
    assert_eq!(
        (&risks["base"], &risks["head"]),
        (
            &json!({"file": "risks.yaml", "risks": 5, "above_appetite": 2, "appetite": 8}),
            &json!({"file": "risks.yaml", "risks": 5, "above_appetite": 3, "appetite": 5})
        )
    );
    assert_eq!(ids(risks, "changed"), [("R-006".to_owned(), true)]);
    let r6 = entry(risks, "changed", "R-006");
    assert_eq!(
        (
            &r6["fields"],
            &r6["appetite"],
            &r6["before"]["above_appetite"],
            &r6["after"]["above_appetite"]
        ),
        (&json!([]), &json!("now_above"), &json!(false), &json!(true))
    );
    // Nothing carries it above the new appetite: a new error says so.
    assert!(
        got["findings"]["introduced"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "risk-acceptance-missing"),
        "{got:#}"
    );
    let md = diff(&repo, &[&commits[2], &commits[3]]).stdout;
    for line in [
        "- **R-006** Lost USB stick: residual score 6, now above the appetite of 5 (was 8) — no acceptance recorded",
        "| changed | **R-006** Lost USB stick | residual 6, now above the appetite (8 → 5) |",
    ] {
        assert!(md.lines().any(|l| l == line), "missing line {line:?} in:\n{md}");
    }
}

#[test]
fn without_registers_the_keys_are_there_and_empty() {
    let repo = Repo::new();
    let tmp = repo.tmp().to_path_buf();
    git_at(&tmp, "2026-01-10", &["init", "-q"]);
    repo.quiet_globals().doc(
        "policies/backup.md",
        &Fm::new("POL-1").title("Backup policy"),
        "# Backup\n",
    );
    git_at(&tmp, "2026-01-10", &["add", "-A", "."]);
    git_at(&tmp, "2026-01-10", &["commit", "-q", "-m", "Start"]);
    let got = json_diff(&repo, "HEAD", "HEAD");
    assert_eq!(
        got["risks"],
        json!({
            "base": {"file": null, "risks": 0, "above_appetite": 0, "appetite": 8},
            "head": {"file": null, "risks": 0, "above_appetite": 0, "appetite": 8},
            "added": [], "removed": [], "changed": []
        })
    );
    assert_eq!(
        got["exceptions"],
        json!({
            "base": {"file": false, "exceptions": 0, "in_force": 0},
            "head": {"file": false, "exceptions": 0, "in_force": 0},
            "added": [], "removed": [], "changed": []
        })
    );
    let md = diff(&repo, &["HEAD", "HEAD"]).stdout;
    assert!(
        !md.contains("#### Risks") && !md.contains("#### Exceptions"),
        "{md}"
    );
}

#[test]
fn a_large_register_is_listed_up_to_the_comment_budget() {
    let repo = Repo::new();
    let tmp = repo.tmp().to_path_buf();
    git_at(&tmp, "2026-01-10", &["init", "-q"]);
    repo.write("ismsbook.toml", config(8));
    git_at(&tmp, "2026-01-10", &["add", "-A", "."]);
    git_at(&tmp, "2026-01-10", &["commit", "-q", "-m", "Start"]);
    // A whole register pasted in at once, every risk accepted above the appetite.
    let mut csv = String::from(
        "Risk ID,Risk,Owner,Likelihood,Impact,Treatment,Accepted By,Accepted On,Last Reviewed\r\n",
    );
    for i in 1..=150 {
        csv.push_str(&format!(
            "R-{i:03},\"Risk number {i}, with a long title that a spreadsheet holds without complaint\",CISO,5,5,accept,CEO,2026-03-01,2026-03-01\r\n"
        ));
    }
    repo.write("risks.csv", csv);
    git_at(&tmp, "2026-03-01", &["add", "-A", "."]);
    git_at(
        &tmp,
        "2026-03-01",
        &["commit", "-q", "-m", "Import the register"],
    );

    let got = json_diff(&repo, "HEAD~1", "HEAD");
    assert_eq!(got["risks"]["added"].as_array().unwrap().len(), 150);
    let md = diff(&repo, &["HEAD~1", "HEAD"]).stdout;
    assert!(md.chars().count() <= 65_536, "{}", md.len());
    // The base had no register: nothing to compare its size or appetite with.
    assert!(
        md.contains("Register: no register → 150 risks (150 above the appetite of 8)."),
        "{md}"
    );
    assert_eq!(
        md.lines()
            .filter(|l| l.starts_with("| added | **R-"))
            .count(),
        100
    );
    assert_eq!(
        md.lines()
            .filter(|l| l.starts_with("- **R-") && l.contains("now above the appetite of 8"))
            .count(),
        100
    );
    assert_eq!(
        md.matches("50 more risks not listed; run `ismsbook diff --format json` for all of them.")
            .count(),
        2,
        "{md}"
    );
    assert!(md
        .lines()
        .next()
        .unwrap()
        .contains("150 risks added (150 now above appetite)"));
}

/// A risk already above the appetite whose score rises again keeps an acceptance given for the
/// lower score: the reviewer is told. An exception extended with an earlier approval date is a
/// correction, not a renewal.
#[test]
fn a_rise_above_the_appetite_and_a_backdated_approval_are_called_out() {
    let repo = Repo::new();
    let tmp = repo.tmp().to_path_buf();
    git_at(&tmp, "2026-01-10", &["init", "-q"]);
    repo.write("ismsbook.toml", config(8));
    let register = |l: u32| {
        format!("- id: R-001\n  title: Ransomware\n  likelihood: 5\n  impact: 5\n  treatment: mitigate\n  controls: [A.8.13]\n  residual_likelihood: {l}\n  residual_impact: 5\n  accepted_by: CEO\n  accepted_on: 2026-01-05\n  last_reviewed: 2026-01-05\n")
    };
    let exception = |approved: &str, expires: &str| {
        format!("- id: EX-001\n  title: Legacy VPN\n  controls: [A.8.20]\n  approver: CISO\n  approved_on: {approved}\n  expires: {expires}\n")
    };
    repo.write("risks.yaml", register(2));
    repo.write("exceptions.yaml", exception("2026-01-05", "2026-06-30"));
    git_at(&tmp, "2026-01-10", &["add", "-A", "."]);
    git_at(&tmp, "2026-01-10", &["commit", "-q", "-m", "Register"]);
    repo.write("risks.yaml", register(4));
    repo.write("exceptions.yaml", exception("2025-12-01", "2026-12-31"));
    git_at(&tmp, "2026-02-10", &["add", "-A", "."]);
    git_at(&tmp, "2026-02-10", &["commit", "-q", "-m", "Rerate"]);

    let got = json_diff(&repo, "HEAD~1", "HEAD");
    assert_eq!(ids(&got["risks"], "changed"), [("R-001".to_owned(), true)]);
    let ex = entry(&got["exceptions"], "changed", "EX-001");
    assert_eq!(ex["expiry"]["change"], "extended");
    assert_eq!(ex["approval"], Value::Null, "{ex:#}");
    let md = diff(&repo, &["HEAD~1", "HEAD"]).stdout;
    assert!(
        md.contains("- **R-001** Ransomware: residual score 2×5 = 10 → 4×5 = 20, still above the appetite of 8 — accepted by CEO on 2026-01-05, given for 2×5 = 10"),
        "{md}"
    );
}
