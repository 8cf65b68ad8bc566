//! Frameworks as their users write them (issue 17 review): what a listed CSF category or an
//! excluded control lends through a crosswalk, decisions on a category, repeated targets.

mod common;

use common::*;
use serde_json::Value;

const CHECKS: &str =
    "[checks]\nmissing-mandatory-document = \"off\"\nunmapped-document = \"off\"\n";

fn policy(id: &str, title: &str, controls: &[&str]) -> String {
    let list: Vec<String> = controls.iter().map(|c| format!("\"{c}\"")).collect();
    format!(
        "---\r\nid: {id}\r\ntitle: {title}\r\ntype: policy\r\nowner: CISO\r\nversion: \"1.2\"\r\nstatus: approved\r\nlast_reviewed: 2026-03-01\r\napprover: Management Board\r\napproved_on: 2026-03-02\r\ncontrols: [{}]\r\n---\r\n\r\n# 🔐 {title}\r\n\r\n> [!NOTE]\r\n> Reviewed every year by the CISO.\r\n\r\n- [x] least privilege\r\n",
        list.join(", ")
    )
}

/// CSF declared with an applicability file and a crosswalk to Annex A.
fn csf_repo(applicability: &str, crosswalk: &str, controls: &[&str]) -> Repo {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        format!(
            "title = \"Fernhill ISMS\"\n{CHECKS}\n[[frameworks]]\nid = \"csf\"\ncatalog = \"nist-csf-2.0\"\napplicability = \"frameworks/csf-applicability.yaml\"\n\n[[mappings]]\nfrom = \"csf\"\nto = \"iso27001\"\nfile = \"frameworks/csf-to-iso27001.yaml\"\n"
        ),
    );
    repo.write(
        "soa.yaml",
        "A.7.4:\n  applicable: false\n  justification: Fully remote; no premises of our own to monitor.\n",
    );
    repo.write("frameworks/csf-applicability.yaml", applicability);
    repo.write("frameworks/csf-to-iso27001.yaml", crosswalk);
    repo.write(
        "policies/access-control.md",
        policy("POL-001", "Access Control Policy", controls),
    );
    repo
}

fn framework<'a>(hb: &'a Value, id: &str) -> &'a Value {
    hb["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no framework {id} in handbook.json"))
}

fn control<'a>(fw: &'a Value, id: &str) -> &'a Value {
    fw["controls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no control {id}"))
}

#[test]
fn a_listed_category_or_an_excluded_control_lends_no_coverage_through_a_crosswalk() {
    // PR.IR is a category (a heading): listing it is allowed but implements nothing, so the
    // equivalent A.8.20 is not covered by it. A.7.4 is excluded in soa.yaml; the policy lists it
    // anyway (excluded-control-mapped), which must not make DE.CM-02 covered via mapping.
    let repo = csf_repo(
        "",
        "# CSF 2.0 → Annex A, our reading\r\n\
csf:PR.IR: {to: [A.8.20], relationship: equivalent-to}\r\n\
csf:DE.CM-02: {to: [A.7.4], relationship: subset-of}\r\n\
csf:GV.PO-01: {to: [A.5.1], relationship: subset-of}\r\n",
        &["A.5.1", "A.7.4", "csf:PR.IR"],
    );
    let (run, report) = repo.check(&[]);
    run.expect(0);
    let unmapped = report.controls_with("unmapped-control");
    for id in ["A.8.20", "csf:DE.CM-02"] {
        assert!(
            unmapped.iter().any(|c| c == id),
            "{id} gets no coverage: {}",
            report.dump()
        );
    }
    // The mapping from an implemented, applicable control still covers.
    assert!(
        !unmapped.iter().any(|c| c == "csf:GV.PO-01"),
        "{}",
        report.dump()
    );

    repo.build(&[]).expect(0);
    let hb: Value = serde_json::from_str(&repo.page("handbook.json")).unwrap();
    let csf = framework(&hb, "csf");
    assert_eq!(control(csf, "DE.CM-02")["coverage"], "uncovered");
    assert_eq!(
        control(csf, "DE.CM-02")["via_mapping"],
        serde_json::json!([])
    );
    assert_eq!(control(csf, "GV.PO-01")["coverage"], "via-mapping");
    let iso = framework(&hb, "iso27001");
    assert_eq!(control(iso, "A.8.20")["coverage"], "uncovered");
    assert_eq!(iso["counts"]["via_mapping"], 0);
    // The CSF page of DE.CM-02 shows the excluded target as not applicable, giving nothing.
    let page = repo.page("frameworks/csf/DE.CM-02.html");
    let row = page
        .split("<tr>")
        .find(|r| r.contains("A.7.4"))
        .expect("A.7.4 is listed among the mapped controls");
    assert!(row.contains("not applicable"), "{row}");
    assert!(!row.contains(">covers"), "{row}");
}

#[test]
fn a_decision_on_a_category_is_reported_not_silently_ignored() {
    let repo = csf_repo(
        "# Applicability of CSF 2.0 subcategories\r\n\
PR.AA:\r\n  applicable: false\r\n  justification: Identity is run by the parent company.\r\n\
PR.AA-06: {applicable: false, justification: \"No premises of our own\"}\r\n",
        "",
        &["A.5.15"],
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let f = report.one("invalid-soa", "frameworks/csf-applicability.yaml");
    assert_eq!(f.line, Some(2));
    assert_eq!(f.control.as_deref(), Some("csf:PR.AA"));
    assert!(
        f.message
            .starts_with("csf:PR.AA is a heading over 6 controls of NIST Cybersecurity Framework 2.0 (csf:PR.AA-01 … csf:PR.AA-06)"),
        "{}",
        f.message
    );
    // Its subcategories stay applicable; the one excluded by name is excluded.
    let unmapped = report.controls_with("unmapped-control");
    assert!(
        unmapped.iter().any(|c| c == "csf:PR.AA-01"),
        "{}",
        report.dump()
    );
    assert!(
        !unmapped.iter().any(|c| c == "csf:PR.AA-06"),
        "{}",
        report.dump()
    );
}

#[test]
fn a_target_written_twice_counts_once() {
    let repo = csf_repo(
        "",
        "csf:GV.PO-01: {to: [A.5.1, \"5.1\", A.5.1], relationship: subset-of}\n",
        &["A.5.1"],
    );
    let (run, _) = repo.check(&[]);
    run.expect(0);
    repo.build(&[]).expect(0);
    let hb: Value = serde_json::from_str(&repo.page("handbook.json")).unwrap();
    assert_eq!(hb["mappings"][0]["to"], serde_json::json!(["A.5.1"]));
    let gv = control(framework(&hb, "csf"), "GV.PO-01");
    assert_eq!(gv["via_mapping"], serde_json::json!(["A.5.1 (subset-of)"]));
}
