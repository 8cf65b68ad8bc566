//! The frameworks as data (issue 17): `frameworks/<id>/applicability.csv`, the `frameworks` and
//! `mappings` of `handbook.json`, the `framework` of control findings, and the search index's
//! framework controls. One build of `tests/fixtures/framework-data`: CSF 2.0 (built in, with
//! an applicability file and a crosswalk to Annex A) and SOC 2 (a simple catalog exported from
//! Excel, BOM and CRLF), policies with CRLF, a BOM and emoji, and a draft.

mod common;

use common::*;
use serde_json::Value;
use std::sync::OnceLock;

fn built() -> &'static Repo {
    static REPO: OnceLock<Repo> = OnceLock::new();
    REPO.get_or_init(|| {
        let repo = Repo::shared_fixture("framework-data");
        // Warnings only (unmapped controls): the build succeeds.
        repo.build(&[]).expect(0);
        repo
    })
}

fn json(rel: &str) -> Value {
    serde_json::from_str(&built().page(rel)).expect("valid JSON")
}

/// The CSV's rows as cells (the `csv` crate is not a dev-dependency: cells here hold no
/// newlines, so quotes are the only thing to undo).
fn rows(rel: &str) -> Vec<Vec<String>> {
    let bytes = std::fs::read(built().out().join(rel)).expect("read CSV");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "{rel} starts with a BOM"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    text.lines()
        .map(|line| {
            let mut cells = Vec::new();
            let (mut cell, mut quoted, mut chars) = (String::new(), false, line.chars().peekable());
            while let Some(c) = chars.next() {
                match c {
                    '"' if quoted && chars.peek() == Some(&'"') => {
                        cell.push('"');
                        chars.next();
                    }
                    '"' => quoted = !quoted,
                    ',' if !quoted => cells.push(std::mem::take(&mut cell)),
                    c => cell.push(c),
                }
            }
            cells.push(cell);
            cells
        })
        .collect()
}

fn row<'a>(rows: &'a [Vec<String>], id: &str) -> &'a [String] {
    rows.iter()
        .find(|r| r.first().map(String::as_str) == Some(id))
        .unwrap_or_else(|| panic!("no row {id}"))
}

#[test]
fn each_declared_framework_has_an_applicability_spreadsheet_with_coverage_kept_apart() {
    let csf = rows("frameworks/csf/applicability.csv");
    assert_eq!(
        csf[0],
        [
            "Control",
            "Group",
            "Title",
            "Applicable",
            "Justification",
            "Implementation status",
            "Coverage",
            "Implementing documents",
            "Mapped via"
        ]
    );
    // The 106 current subcategories, no categories (they are the Group), no withdrawn ones.
    assert_eq!(csf.len(), 1 + 106);
    assert!(csf.iter().all(|r| r.len() == 9), "every row has 9 cells");
    assert!(!csf.iter().any(|r| r[0] == "PR.AA" || r[0] == "ID.AM-06"));

    // Implemented directly: the approved document, and the mapping shown in its own column.
    assert_eq!(
        row(&csf, "GV.PO-01")[2..],
        [
            "Policy for managing cybersecurity risks is established based on organizational context, cybersecurity strategy, and priorities and is communicated and enforced",
            "Yes",
            "",
            "Implemented",
            "Implemented",
            "POL-001 Information Security Policy",
            "A.5.1 (subset-of)"
        ]
    );
    // Covered only via the mapping: no implementing document is claimed.
    let rs = row(&csf, "RS.MA-01");
    assert_eq!(rs[1], "RS.MA Incident Management");
    assert_eq!(
        rs[5..],
        [
            "Not implemented",
            "Covered via mapping",
            "",
            "A.5.26 (equivalent-to)"
        ]
    );
    // A weaker relationship, or a target not implemented (A.8.3): partly.
    assert_eq!(
        row(&csf, "PR.AA-02")[6..],
        [
            "Partially covered via mapping",
            "",
            "A.5.16 (intersects-with), partly"
        ]
    );
    assert_eq!(
        row(&csf, "PR.AA-05")[8],
        "A.5.15, A.8.3 (subset-of), partly"
    );
    // Excluded, with a justification that would be a formula to Excel: neutralised.
    assert_eq!(
        row(&csf, "PR.AA-06")[3..7],
        [
            "No",
            "'- no premises: Acme is fully remote, offices are co-working spaces",
            "—",
            "Not applicable"
        ]
    );
    // A draft's controls are not implemented by it.
    assert_eq!(row(&csf, "PR.DS-01")[6..8], ["Not covered", ""]);

    let soc2 = rows("frameworks/soc2/applicability.csv");
    assert_eq!(soc2.len(), 1 + 4);
    assert_eq!(
        row(&soc2, "CC6.1")[1..],
        [
            "CC6 Logical and Physical Access Controls",
            "Logical access security software, infrastructure and architectures",
            "Yes",
            "",
            "Implemented",
            "Implemented",
            "POL-002 Access Control Policy",
            ""
        ]
    );
    // Annex A keeps soa.csv, with its own columns; no second spreadsheet for it.
    assert!(built()
        .page("soa.csv")
        .starts_with("\u{feff}Control,Theme,Title,"));
    assert!(!built().out().join("frameworks/iso27001").exists());
}

#[test]
fn handbook_json_lists_every_framework_with_direct_and_derived_coverage_apart() {
    let hb = json("handbook.json");
    // The fields that were there before are unchanged.
    assert_eq!(hb["format"], 1);
    assert_eq!(hb["title"], "Acme ISMS Handbook");
    for key in ["documents", "controls", "soa", "findings"] {
        assert!(hb[key].is_array(), "{key}");
    }
    assert_eq!(hb["summary"]["controls"], 93);
    assert_eq!(hb["summary"]["implemented"], 8);

    let fws = hb["frameworks"].as_array().expect("frameworks");
    let ids: Vec<&str> = fws.iter().map(|f| f["id"].as_str().unwrap_or("")).collect();
    assert_eq!(ids, ["iso27001", "csf", "soc2"]);
    let (iso, csf, soc2) = (&fws[0], &fws[1], &fws[2]);
    assert_eq!(iso["name"], "ISO/IEC 27001:2022 Annex A");
    assert_eq!(iso["spreadsheet"], "soa.csv");
    assert_eq!(
        iso["counts"],
        serde_json::json!({"applicable": 93, "implemented": 8, "via_mapping": 0,
            "partial_via_mapping": 0, "uncovered": 85})
    );
    assert_eq!(csf["name"], "NIST CSF 2.0");
    assert_eq!(csf["catalog"], "nist-csf-2.0");
    assert_eq!(csf["applicability"], "frameworks/csf-applicability.yaml");
    assert_eq!(csf["spreadsheet"], "frameworks/csf/applicability.csv");
    // 106 subcategories, 2 excluded; GV.PO-01, GV.RR-02, PR.AA-01 implemented; RS.MA-01 via
    // mapping; PR.AA-02 and PR.AA-05 in part.
    assert_eq!(
        csf["counts"],
        serde_json::json!({"applicable": 104, "implemented": 3, "via_mapping": 1,
            "partial_via_mapping": 2, "uncovered": 98})
    );
    assert_eq!(soc2["catalog"], "frameworks/soc2-tsc.csv");
    assert_eq!(soc2["counts"]["implemented"], 2);

    let control = |fw: &Value, id: &str| -> Value {
        fw["controls"]
            .as_array()
            .and_then(|c| c.iter().find(|c| c["id"] == id))
            .cloned()
            .unwrap_or_else(|| panic!("no control {id}"))
    };
    let rs = control(csf, "RS.MA-01");
    assert_eq!(rs["qualified_id"], "csf:RS.MA-01");
    assert_eq!(rs["url"], "frameworks/csf/RS.MA-01.html");
    assert_eq!(rs["coverage"], "via-mapping");
    assert_eq!(rs["documents"], serde_json::json!([]));
    assert_eq!(
        rs["via_mapping"],
        serde_json::json!(["A.5.26 (equivalent-to)"])
    );
    // The Annex A side of the same mapping: implemented, and it names the mapping too.
    let a526 = control(iso, "A.5.26");
    assert_eq!(a526["coverage"], "implemented");
    assert_eq!(a526["documents"], serde_json::json!(["PRO-001"]));
    assert_eq!(rs["mappings"], a526["mappings"]);
    let m = &hb["mappings"][rs["mappings"][0].as_u64().expect("index") as usize];
    assert_eq!(
        *m,
        serde_json::json!({"from": "csf:RS.MA-01", "to": ["A.5.26"],
            "relationship": "equivalent-to", "note": null,
            "file": "frameworks/csf-to-iso27001.yaml", "line": 3})
    );
    assert_eq!(hb["mappings"][2]["note"], "identity proofing only in part");
    // A category is listed, as a heading that is never counted.
    let pr_aa = control(csf, "PR.AA");
    assert_eq!(pr_aa["requirement"], false);
    assert_eq!(pr_aa["coverage"], "not-applicable");
    let excluded = control(csf, "PR.AA-06");
    assert_eq!(excluded["applicable"], false);
    assert_eq!(
        excluded["justification"],
        "- no premises: Acme is fully remote, offices are co-working spaces"
    );
    // The draft implements nothing.
    assert_eq!(control(csf, "PR.DS-01")["documents"], serde_json::json!([]));
}

#[test]
fn control_findings_in_findings_json_carry_their_framework() {
    let findings = json("findings.json");
    let list = findings["findings"].as_array().expect("findings");
    let unmapped = |control: &str| {
        list.iter()
            .find(|f| f["code"] == "unmapped-control" && f["control"] == control)
            .unwrap_or_else(|| panic!("no unmapped-control for {control}"))
    };
    assert_eq!(unmapped("A.5.3")["framework"], "iso27001");
    assert_eq!(unmapped("csf:PR.DS-01")["framework"], "csf");
    assert_eq!(unmapped("soc2:CC7.3")["framework"], "soc2");
    // The partly covered control keeps its finding, which names the partial mapping.
    let partly = unmapped("csf:PR.AA-02");
    assert_eq!(partly["framework"], "csf");
    assert!(
        partly["message"]
            .as_str()
            .is_some_and(|m| m.contains("A.5.16")),
        "{partly}"
    );
    // Covered via mapping: no finding. Document findings have no framework.
    assert!(!list
        .iter()
        .any(|f| f["control"] == "csf:RS.MA-01" && f["code"] == "unmapped-control"));
    assert!(list
        .iter()
        .filter(|f| f["control"].is_null())
        .all(|f| f.get("framework").is_none()));
}

#[test]
fn search_finds_every_frameworks_controls_by_id_and_heading() {
    let script = built().page("search-index.js");
    let json = script
        .strip_prefix("window.ISMSBOOK_SEARCH = ")
        .and_then(|s| s.trim_end().strip_suffix(';'))
        .expect("search index script");
    let entries: Vec<Value> = serde_json::from_str(json).expect("index JSON");
    let entry = |id: &str| {
        entries
            .iter()
            .find(|e| e["i"] == id)
            .unwrap_or_else(|| panic!("no search entry {id}"))
    };
    let aa = entry("csf:PR.AA-01");
    assert_eq!(aa["u"], "frameworks/csf/PR.AA-01.html");
    assert_eq!(
        aa["t"],
        "Identities and credentials for authorized users, services, and hardware are managed by the organization"
    );
    assert_eq!(aa["k"], "Control");
    assert!(aa["s"]
        .as_str()
        .is_some_and(|s| s.starts_with("NIST CSF 2.0")));
    assert_eq!(entry("csf:PR.AA")["u"], "frameworks/csf/PR.AA.html");
    assert_eq!(entry("soc2:CC6.1")["u"], "frameworks/soc2/CC6.1.html");
    // Annex A entries as before, and a document lists the controls of every framework.
    assert_eq!(entry("A.5.15")["u"], "controls/A.5.15.html");
    assert_eq!(
        entry("POL-002")["c"],
        "A.5.15 A.5.16 A.5.17 A.5.18 csf:PR.AA-01 soc2:CC6.1 soc2:CC6.2"
    );
    // One entry per document and per current control: linear in the catalogs.
    let csf_current = entries
        .iter()
        .filter(|e| e["i"].as_str().is_some_and(|i| i.starts_with("csf:")))
        .count();
    assert_eq!(csf_current, 22 + 106);
    assert!(
        entries.iter().all(|e| e["i"] != "csf:ID.AM-06"),
        "withdrawn left out"
    );
}

#[test]
fn an_attachment_where_a_framework_file_goes_is_refused_before_anything_is_written() {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        format!("{QUIET_GLOBALS}[[frameworks]]\nid = \"csf\"\ncatalog = \"nist-csf-2.0\"\n"),
    );
    // An export kept beside the policies, linked from one: it would land on the build's own.
    repo.write(
        "frameworks/csf/applicability.csv",
        "\u{feff}Control,Applicable\r\nGV.OC-01,Yes\r\n",
    );
    repo.write(
        "policies/isp.md",
        "---\nid: POL-001\ntitle: Information Security Policy\ntype: policy\nowner: CISO\nversion: \"1.0\"\nstatus: approved\nlast_reviewed: 2026-06-01\ncontrols: [A.5.1]\n---\n# Information Security Policy\n\nOur CSF profile: [applicability](../frameworks/csf/applicability.csv).\n",
    );
    let run = repo.build(&[]);
    run.expect(2);
    assert!(
        run.stderr.contains("frameworks/csf/applicability.csv")
            && run.stderr.contains("rename or move one of them"),
        "{}",
        run.stderr
    );
    assert!(!repo.out().exists());
}
