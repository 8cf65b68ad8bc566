//! Applicability files and crosswalks of declared frameworks: which controls apply, which are
//! implemented by documents, and which are covered only through a mapping to implemented
//! controls of another framework — the two always kept apart in findings.

mod common;

use common::*;
use serde_json::Value;

const CHECKS: &str =
    "[checks]\nmissing-mandatory-document = \"off\"\nunmapped-document = \"off\"\n";

const SOC2_CATALOG: &str = "\u{feff}id,title,group\r\n\
CC6.1,Logical access security software,CC6 Logical and Physical Access\r\n\
CC6.2,\"Registration and authorization of new users\",CC6 Logical and Physical Access\r\n\
CC6.3,\"Role-based access, least privilege\",CC6 Logical and Physical Access\r\n\
CC7.1,Detection of configuration changes and vulnerabilities,CC7 System Operations\r\n\
CC7.2,Monitoring of system components for anomalies,CC7 System Operations\r\n";

fn doc(id: &str, title: &str, status: &str, controls: &[&str]) -> String {
    let mut s = format!(
        "---\nid: {id}\ntitle: {title}\ntype: policy\nowner: CISO\nversion: \"1.0\"\nstatus: {status}\nlast_reviewed: 2026-03-01\ncontrols:\n"
    );
    for c in controls {
        s.push_str(&format!("  - \"{c}\"\n"));
    }
    s.push_str(&format!(
        "---\n# {title}\n\nWhat we do, and who does it. 🔐\n"
    ));
    s
}

/// A SOC 2 handbook: the catalog from an Excel export, a crosswalk to Annex A, three documents.
fn soc2_repo(mapping_file: &str, mapping: &str) -> Repo {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        format!(
            "{CHECKS}\n[[frameworks]]\nid = \"soc2\"\ncatalog = \"frameworks/soc2.csv\"\nname = \"SOC 2\"\n\n[[mappings]]\nfrom = \"soc2\"\nto = \"iso27001\"\nfile = \"{mapping_file}\"\n"
        ),
    );
    repo.write("frameworks/soc2.csv", SOC2_CATALOG);
    repo.write(mapping_file, mapping);
    repo.write(
        "policies/access-control.md",
        doc(
            "POL-002",
            "Access Control Policy",
            "approved",
            &["A.5.15", "A.8.5", "A.5.16"],
        ),
    );
    repo.write(
        "standards/logging.md",
        doc(
            "STD-004",
            "Logging and Monitoring Standard",
            "draft",
            &["A.8.16"],
        ),
    );
    repo.write(
        "procedures/incident.md",
        doc(
            "PRO-007",
            "Incident Management Procedure",
            "approved",
            &["soc2:CC7.2"],
        ),
    );
    repo
}

const SOC2_TO_ISO: &str = "# SOC 2 → ISO/IEC 27001:2022, our reading of both\r\n\
soc2:CC6.1: {to: [A.5.15, A.8.5], relationship: subset-of}\r\n\
soc2:CC6.2: {to: [A.5.16, A.5.18], relationship: subset-of, note: provisioning}\r\n\
CC6.3: [A.5.15]\r\n\
soc2:CC7.1:\r\n  to: [A.8.16]\r\n  relationship: equivalent-to\r\n\
soc2:CC7.2: {to: [A.5.26], relationship: superset-of}\r\n";

/// The findings of `code` about controls of `framework`, by control.
fn about(report: &Report, code: &str, framework: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = report.raw["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code && f["framework"] == framework)
        .map(|f| {
            (
                f["control"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn coverage_via_mapping_is_derived_from_implemented_controls_and_never_taken_for_direct() {
    let repo = soc2_repo("frameworks/soc2-to-iso.yaml", SOC2_TO_ISO);
    let (run, report) = repo.check(&[]);
    run.expect(0);
    let unmapped = about(&report, "unmapped-control", "soc2");
    let ids: Vec<&str> = unmapped.iter().map(|(c, _)| c.as_str()).collect();
    // CC6.1: subset of two implemented controls → covered. CC7.2: implemented directly.
    // CC6.2: one of its targets (A.5.18) is not implemented; CC6.3 only intersects; CC7.1's
    // target is implemented by a draft only.
    assert_eq!(
        ids,
        ["soc2:CC6.2", "soc2:CC6.3", "soc2:CC7.1"],
        "{}",
        report.dump()
    );
    let msg = |id: &str| &unmapped.iter().find(|(c, _)| c == id).unwrap().1;
    assert_eq!(
        msg("soc2:CC6.2"),
        "soc2:CC6.2 (SOC 2) Registration and authorization of new users is applicable but no document implements it; it is only partially covered via mapping: subset-of A.5.16, A.5.18 (frameworks/soc2-to-iso.yaml:3)"
    );
    assert!(
        msg("soc2:CC6.3").ends_with(
            "partially covered via mapping: intersects-with A.5.15 (frameworks/soc2-to-iso.yaml:4)"
        ),
        "{}",
        msg("soc2:CC6.3")
    );
    assert!(
        !msg("soc2:CC7.1").contains("partially"),
        "{}",
        msg("soc2:CC7.1")
    );

    // Read backwards: CC7.2 (implemented) is a superset of A.5.26, so A.5.26 is covered; the
    // draft's A.8.16 is not implemented and gains nothing from CC7.1, which is itself uncovered.
    let iso: Vec<String> = about(&report, "unmapped-control", "iso27001")
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert!(!iso.contains(&"A.5.26".to_owned()), "{iso:?}");
    assert!(!iso.contains(&"A.5.15".to_owned()), "{iso:?}");
    assert!(iso.contains(&"A.5.24".to_owned()), "{iso:?}");
    assert!(iso.contains(&"A.8.16".to_owned()), "{iso:?}");
    assert_eq!(iso.len(), 93 - 3 - 1, "{iso:?}");
}

#[test]
fn an_oscal_mapping_collection_gives_the_same_coverage_as_the_yaml_form() {
    let oscal = r#"{
  "mapping-collection": {
    "uuid": "6c1b2a58-5a3c-4f0f-9d7e-0b8a2f6f1e01",
    "metadata": {
      "title": "SOC 2 to ISO/IEC 27001:2022",
      "last-modified": "2026-10-01T09:00:00+00:00",
      "version": "2026.1",
      "oscal-version": "1.1.3"
    },
    "provenance": {
      "method": "human",
      "matching-rationale": "semantic",
      "status": "complete",
      "mapping-description": "Our reading of both texts."
    },
    "mappings": [
      {
        "uuid": "6c1b2a58-5a3c-4f0f-9d7e-0b8a2f6f1e02",
        "source-resource": {"type": "catalog", "href": "soc2.csv"},
        "target-resource": {"type": "catalog", "href": "https://www.iso.org/standard/27001"},
        "maps": [
          {"uuid": "6c1b2a58-5a3c-4f0f-9d7e-0b8a2f6f1e03", "relationship": "subset-of",
           "sources": [{"type": "control", "id-ref": "CC6.1"}],
           "targets": [{"type": "control", "id-ref": "A.5.15"}, {"type": "control", "id-ref": "A.8.5"}]},
          {"uuid": "6c1b2a58-5a3c-4f0f-9d7e-0b8a2f6f1e04", "relationship": "subset-of",
           "sources": [{"type": "control", "id-ref": "CC6.2"}],
           "targets": [{"type": "control", "id-ref": "A.5.16"}, {"type": "control", "id-ref": "A.5.18"}]},
          {"uuid": "6c1b2a58-5a3c-4f0f-9d7e-0b8a2f6f1e05", "relationship": "intersects-with",
           "sources": [{"type": "control", "id-ref": "CC6.3"}],
           "targets": [{"type": "control", "id-ref": "A.5.15"}]},
          {"uuid": "6c1b2a58-5a3c-4f0f-9d7e-0b8a2f6f1e06", "relationship": "equivalent-to",
           "sources": [{"type": "control", "id-ref": "CC7.1"}],
           "targets": [{"type": "control", "id-ref": "A.8.16"}]},
          {"uuid": "6c1b2a58-5a3c-4f0f-9d7e-0b8a2f6f1e07", "relationship": "superset-of",
           "sources": [{"type": "control", "id-ref": "CC7.2"}],
           "targets": [{"type": "control", "id-ref": "A.5.26"}]}
        ]
      }
    ]
  }
}"#;
    let from_oscal = soc2_repo("frameworks/soc2-to-iso.json", oscal);
    let from_yaml = soc2_repo("frameworks/soc2-to-iso.yaml", SOC2_TO_ISO);
    let (run, a) = from_oscal.check(&[]);
    run.expect(0);
    let (_, b) = from_yaml.check(&[]);
    let ids = |r: &Report, fw: &str| -> Vec<String> {
        about(r, "unmapped-control", fw)
            .into_iter()
            .map(|(c, _)| c)
            .collect()
    };
    assert_eq!(ids(&a, "soc2"), ids(&b, "soc2"));
    assert_eq!(ids(&a, "iso27001"), ids(&b, "iso27001"));
    assert!(a.with_code("invalid-mapping").is_empty(), "{}", a.dump());
}

#[test]
fn unknown_ids_in_a_mapping_are_invalid_mapping_at_their_place_and_the_rest_still_counts() {
    let mapping = "soc2:CC6.1: {to: [A.5.15, A.8.5], relationship: subset-of}\n\
soc2:CC6.9: [A.5.15]\n\
soc2:CC6.2: {to: [A.5.16, A.5.99], relationship: subset-of}\n\
soc2:CC6.3: {to: [A.5.15], relationship: overlaps}\n\
csf:PR.AA-01: [A.5.16]\n\
soc2:CC7.1: [\"5.10\", 8.16]\n";
    let repo = soc2_repo("frameworks/soc2-to-iso.yaml", mapping);
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let got = report.positions("frameworks/soc2-to-iso.yaml");
    assert_eq!(
        got,
        [
            ("invalid-mapping".to_owned(), 2, 1),
            ("invalid-mapping".to_owned(), 3, 27),
            // At the `relationship` key.
            ("invalid-mapping".to_owned(), 4, 28),
            ("invalid-mapping".to_owned(), 5, 1),
        ],
        "{}",
        report.dump()
    );
    let f = &report.in_file("frameworks/soc2-to-iso.yaml");
    assert_eq!(
        f[0].message,
        "`soc2:CC6.9` is not a control of SOC 2 (`soc2`)"
    );
    assert_eq!(
        f[1].message,
        "`A.5.99` is not an ISO/IEC 27001:2022 Annex A control"
    );
    assert!(
        f[2].message.contains("`overlaps` is not a relationship"),
        "{}",
        f[2].message
    );
    assert!(f[3].message.contains("prefix `csf`"), "{}", f[3].message);
    let human = repo.check_human(&[]);
    assert!(
        human.stderr.contains("did you mean CC6.1?")
            || human.stderr.contains("did you mean CC6.2?")
            || human.stderr.contains("did you mean CC6.3?"),
        "{}",
        human.stderr
    );
    assert!(
        human.stderr.contains("soc2:CC6.2: {to: [A.5.16, A.5.99]"),
        "{}",
        human.stderr
    );
    // CC6.1 still counts; CC6.2 is left out whole (half a target list would claim more than
    // was written), so it stays uncovered; `5.10` read as written is A.5.10, not A.5.1.
    let unmapped: Vec<String> = about(&report, "unmapped-control", "soc2")
        .into_iter()
        .map(|(c, m)| {
            assert!(!m.contains("partially"), "{m}");
            c
        })
        .collect();
    assert!(!unmapped.contains(&"soc2:CC6.1".to_owned()), "{unmapped:?}");
    assert!(unmapped.contains(&"soc2:CC6.2".to_owned()), "{unmapped:?}");
    let cc71 = about(&report, "unmapped-control", "soc2")
        .into_iter()
        .find(|(c, _)| c == "soc2:CC7.1");
    assert!(
        cc71.is_none_or(|(_, m)| !m.contains("A.5.1,")),
        "5.10 must not become A.5.1"
    );
}

#[test]
fn an_applicability_file_excludes_controls_with_the_care_of_soa_yaml() {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        format!("{CHECKS}\n[[frameworks]]\nid = \"csf\"\ncatalog = \"nist-csf-2.0\"\napplicability = \"frameworks/csf-applicability.yaml\"\n"),
    );
    repo.write(
        "frameworks/csf-applicability.yaml",
        "# NIST CSF 2.0 profile: what applies to us\r\n\
PR.AA-06:\r\n  applicable: false\r\n  justification: \"No premises of our own: WeWork manages physical access\"\r\n\
csf:PR.PS-03:\r\n  applicable: false\r\n\
GV.SC-10: {status: planned, note: \"Exit plans for suppliers: Q2\"}\r\n\
PR.AA-99: {applicable: false, justification: typo}\r\n\
ID.AM-06: {applicable: true}\r\n",
    );
    repo.write(
        "policies/physical.md",
        doc(
            "POL-010",
            "Physical Security Policy",
            "approved",
            &["A.7.1", "csf:PR.AA-06", "csf:PR.AA-01"],
        ),
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let at = report.positions("frameworks/csf-applicability.yaml");
    assert_eq!(
        at,
        [
            ("unjustified-exclusion".to_owned(), 5, 1),
            ("unknown-control".to_owned(), 8, 1),
            ("withdrawn-control".to_owned(), 9, 1),
        ],
        "{}",
        report.dump()
    );
    let withdrawn = report.one("withdrawn-control", "frameworks/csf-applicability.yaml");
    assert_eq!(withdrawn.control.as_deref(), Some("csf:ID.AM-06"));
    let mapped = report.one("excluded-control-mapped", "policies/physical.md");
    assert_eq!(mapped.line, Some(11), "{}", report.dump());
    assert!(
        mapped.message.contains("csf:PR.AA-06"),
        "{}",
        mapped.message
    );
    assert!(
        mapped.message.contains("frameworks/csf-applicability.yaml"),
        "{}",
        mapped.message
    );

    // Excluded controls and categories (PR.AA, a heading over subcategories) raise no
    // unmapped-control; the implemented one neither. 106 current subcategories in CSF 2.0.
    let unmapped: Vec<String> = about(&report, "unmapped-control", "csf")
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(unmapped.len(), 106 - 2 - 1, "{unmapped:?}");
    for absent in [
        "csf:PR.AA-06",
        "csf:PR.PS-03",
        "csf:PR.AA-01",
        "csf:PR.AA",
        "csf:ID.AM-06",
    ] {
        assert!(
            !unmapped.iter().any(|c| c == absent),
            "{absent} in {unmapped:?}"
        );
    }
    assert!(unmapped.iter().any(|c| c == "csf:GV.SC-10"));
    let human = repo.check_human(&[]);
    assert!(
        human.stderr.contains("did you mean PR.AA-0"),
        "{}",
        human.stderr
    );
}

#[test]
fn findings_about_controls_name_their_framework_in_json() {
    let repo = soc2_repo("frameworks/soc2-to-iso.yaml", SOC2_TO_ISO);
    let (_, report) = repo.check(&[]);
    let findings = report.raw["findings"].as_array().unwrap();
    for f in findings {
        match &f["control"] {
            Value::String(c) if c.starts_with("soc2:") => assert_eq!(f["framework"], "soc2"),
            Value::String(_) => assert_eq!(f["framework"], "iso27001", "{f}"),
            _ => assert!(f.get("framework").is_none(), "{f}"),
        }
    }
    assert!(findings.iter().any(|f| f["framework"] == "soc2"));
}

#[test]
fn a_missing_mapping_or_applicability_file_stops_the_run() {
    let repo = soc2_repo("frameworks/soc2-to-iso.yaml", SOC2_TO_ISO);
    std::fs::remove_file(repo.path("frameworks/soc2-to-iso.yaml")).unwrap();
    let run = repo.check_human(&[]);
    run.expect(2);
    assert!(
        run.stderr.contains(
            "[[mappings]] file \"frameworks/soc2-to-iso.yaml\" (soc2 to iso27001) cannot be read"
        ),
        "{}",
        run.stderr
    );
    repo.build(&[]).expect(2);
    assert!(!repo.out().exists());
}

#[test]
fn a_pull_request_comment_with_a_whole_framework_unmapped_fits_in_a_github_comment() {
    // A freshly declared CSF: over a hundred unmapped-control warnings with long statements.
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        format!("{CHECKS}\n[[frameworks]]\nid = \"csf\"\ncatalog = \"nist-csf-2.0\"\n"),
    );
    repo.write(
        "policies/access-control.md",
        doc("POL-002", "Access Control Policy", "approved", &["A.5.15"]),
    );
    let run = repo.check_human(&["--format", "markdown"]);
    run.expect(0);
    let chars = run.stdout.chars().count();
    assert!(chars < 65_536, "{chars} characters");
    assert!(
        run.stdout
            .contains("more findings not listed; run `ismsbook check`"),
        "{}",
        &run.stdout[run.stdout.len() - 300..]
    );
    // As many as fit are listed, not a handful.
    assert!(
        run.stdout.matches("unmapped-control` |").count() > 100,
        "{}",
        run.stdout.len()
    );
}
