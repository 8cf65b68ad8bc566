//! Frameworks beyond Annex A, as far as they go today: `[[frameworks]]` in `ismsbook.toml`,
//! their catalogs loaded and checked (`invalid-catalog`), and `prefix:ID` entries in `controls`
//! (`unknown-control`, `withdrawn-control`), which leave Annex A alone.

mod common;

use common::*;

/// `ismsbook.toml` that silences the repository-wide findings, plus `extra`.
fn config(extra: &str) -> String {
    format!("{QUIET_GLOBALS}\n{extra}")
}

const CSF: &str = "[[frameworks]]\nid = \"csf\"\ncatalog = \"nist-csf-2.0\"\n";

/// An approved policy whose `controls` are `controls` (YAML list lines); the first list line is
/// line 10 of the file.
fn policy(controls: &[&str]) -> String {
    let mut s = String::from(
        "---\nid: POL-001\ntitle: Access Control Policy\ntype: policy\nowner: CISO\nversion: \"1.0\"\nstatus: approved\nlast_reviewed: 2026-03-01\ncontrols:\n",
    );
    for c in controls {
        s.push_str(&format!("  - {c}\n"));
    }
    s.push_str("---\n# Access Control Policy\n\nAccess is granted on need to know.\n");
    s
}

// ----- ismsbook.toml -----

#[test]
fn a_declared_builtin_framework_passes_and_its_controls_are_accepted() {
    let repo = Repo::new();
    repo.write("ismsbook.toml", config(CSF));
    repo.write(
        "policies/access.md",
        policy(&["A.5.15", "\"csf:PR.AA-01\"", "\"CSF : PR.AA-05\""]),
    );
    let (run, report) = repo.check(&[]);
    run.expect(0);
    assert!(report.findings.is_empty(), "{}", report.dump());
}

#[test]
fn bad_framework_entries_stop_the_run_with_the_key_and_a_fix() {
    let cases = [
        (
            "[[frameworks]]\nid = \"nist csf\"\ncatalog = \"nist-csf-2.0\"\n",
            "[[frameworks]] id = \"nist csf\" is not a usable prefix",
        ),
        (
            "[[frameworks]]\nid = \"iso27001\"\ncatalog = \"nist-csf-2.0\"\n",
            "names the built-in ISO/IEC 27001 Annex A framework",
        ),
        (
            "[[frameworks]]\nid = \"csf\"\ncatalog = \"nist-csf-2.0\"\n[[frameworks]]\nid = \"Csf\"\ncatalog = \"c.csv\"\n",
            "line 10: [[frameworks]] id = \"Csf\" is declared twice",
        ),
        (
            "[[frameworks]]\nid = \"csf\"\ncatalog = \"../elsewhere/csf.json\"\n",
            "nor a path inside the content folder",
        ),
        (
            "[[frameworks]]\nid = \"csf\"\ncatalog = \"nist-csf-2.0\"\napplicability = \"frameworks/csf.yaml\"\n",
            "[[frameworks]] applicability \"frameworks/csf.yaml\" (csf) cannot be read",
        ),
        (
            "[[mappings]]\nfrom = \"csf\"\nto = \"iso27001\"\nfile = \"m.yaml\"\n",
            "[[mappings]] from = \"csf\" is not a declared framework (declared: iso27001)",
        ),
        (
            "[[frameworks]]\nid = \"csf\"\ncatalog = \"nist-csf-2.0\"\n[[mappings]]\nfrom = \"csf\"\nto = \"iso27001\"\nfile = \"m.yaml\"\n",
            "[[mappings]] file \"m.yaml\" (csf to iso27001) cannot be read",
        ),
        // Neither built in nor a catalog file: the message lists what is.
        (
            "[[frameworks]]\nid = \"csf\"\ncatalog = \"nist-csf-1.1\"\n",
            "catalog `nist-csf-1.1` is neither built in (nist-csf-2.0)",
        ),
        (
            "[[frameworks]]\nid = \"soc2\"\ncatalog = \"frameworks/soc2.yaml\"\n",
            "[[frameworks]] \"soc2\": catalog \"frameworks/soc2.yaml\" cannot be read",
        ),
    ];
    for (toml, expected) in cases {
        let repo = Repo::new();
        repo.write("ismsbook.toml", config(toml));
        repo.write("policies/access.md", policy(&["A.5.15"]));
        let run = repo.check_human(&[]);
        run.expect(2);
        assert!(
            run.stderr.contains("ismsbook.toml"),
            "{toml}\n{}",
            run.stderr
        );
        assert!(run.stderr.contains(expected), "{toml}\n{}", run.stderr);
        // A build stops the same way and writes nothing.
        repo.build(&[]).expect(2);
        assert!(!repo.out().exists());
    }
}

// ----- catalogs -----

#[test]
fn a_simple_catalog_from_excel_is_read_and_its_ids_checked() {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        config(
            "[[frameworks]]\nid = \"soc2\"\ncatalog = \"frameworks/soc2.csv\"\nname = \"SOC 2\"\n",
        ),
    );
    // Excel's "CSV UTF-8": a byte order mark and CRLF line ends.
    repo.write(
        "frameworks/soc2.csv",
        "\u{feff}id,title,group\r\nCC6.1,Logical access security software,CC6 Logical and Physical Access\r\nCC6.2,\"Registration, authorization\",CC6 Logical and Physical Access\r\n",
    );
    repo.write(
        "policies/access.md",
        policy(&["\"soc2:CC6.1\"", "\"soc2:CC6.3\""]),
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let f = report.one("unknown-control", "policies/access.md");
    assert_eq!((f.line, f.column), (Some(11), Some(5)), "{}", report.dump());
    assert_eq!(f.message, "`soc2:CC6.3` is not a control of SOC 2 (`soc2`)");
    assert_eq!(report.findings.len(), 1, "{}", report.dump());
    let human = repo.check_human(&[]);
    assert!(
        human.stderr.contains("did you mean `soc2:CC6.1`?")
            || human.stderr.contains("did you mean `soc2:CC6.2`?"),
        "{}",
        human.stderr
    );
}

#[test]
fn an_invalid_catalog_fails_check_and_build_in_every_format() {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        config("[[frameworks]]\nid = \"c17\"\ncatalog = \"frameworks/iso27017.yaml\"\n"),
    );
    repo.write(
        "frameworks/iso27017.yaml",
        "name: ISO 27017\ncontrols:\n  - {id: CLD.6.3.1, title: Shared roles}\n  - id: CLD.9.5.1\n",
    );
    // Its ids are not judged against a broken catalog: only the catalog's finding shows.
    repo.write(
        "policies/access.md",
        policy(&["\"c17:CLD.6.3.1\"", "\"c17:nope\""]),
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let f = report.one("invalid-catalog", "frameworks/iso27017.yaml");
    assert_eq!(f.severity, "error");
    assert_eq!(f.line, Some(4), "{}", report.dump());
    assert!(f.message.contains("CLD.9.5.1"), "{}", f.message);
    assert_eq!(report.findings.len(), 1, "{}", report.dump());

    for format in ["sarif", "github", "markdown"] {
        let run = repo.check_human(&["--format", format]);
        run.expect(1);
        assert!(
            run.stdout.contains("invalid-catalog"),
            "{format}: {}",
            run.stdout
        );
        assert!(
            run.stdout.contains("iso27017.yaml"),
            "{format}: {}",
            run.stdout
        );
    }
    let human = repo.check_human(&[]);
    human.expect(1);
    assert!(human.stderr.contains("invalid-catalog"), "{}", human.stderr);

    repo.build(&[]).expect(1);
}

#[test]
fn two_frameworks_may_share_a_catalog_file() {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        config("[[frameworks]]\nid = \"soc2\"\ncatalog = \"frameworks/soc2.yaml\"\n[[frameworks]]\nid = \"tsc\"\ncatalog = \"frameworks/soc2.yaml\"\nname = \"TSC\"\n"),
    );
    repo.write(
        "frameworks/soc2.yaml",
        "name: SOC 2 Trust Services Criteria\ncontrols:\n  - {id: CC6.1, title: Logical access security software, group: CC6 Logical and Physical Access}\n",
    );
    repo.write(
        "policies/access.md",
        policy(&["\"soc2:CC6.1\"", "\"tsc:CC6.1\"", "\"tsc:CC9.9\""]),
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let f = report.one("unknown-control", "policies/access.md");
    // The second declaration of the same file has its own name.
    assert_eq!(f.message, "`tsc:CC9.9` is not a control of TSC (`tsc`)");
}

// ----- front matter -----

#[test]
fn an_undeclared_prefix_is_an_unknown_control_naming_the_declared_ones() {
    let repo = Repo::new();
    repo.write("ismsbook.toml", config(CSF));
    repo.write(
        "policies/access.md",
        policy(&["A.5.15", "\"nist:PR.AA-01\"", "\"Csf:PR.AA-01\""]),
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let f = report.one("unknown-control", "policies/access.md");
    assert_eq!(
        f.message,
        "`nist:PR.AA-01`: no framework `nist` is declared in ismsbook.toml; declared: csf"
    );
    assert_eq!((f.line, f.column), (Some(11), Some(5)));
    assert_eq!(f.document.as_deref(), Some("POL-001"));
    assert_eq!(report.findings.len(), 1, "{}", report.dump());

    // Without any declaration the message says so; `iso27001:` gets told to drop the prefix.
    let repo = Repo::new();
    repo.quiet_globals();
    repo.write("policies/access.md", policy(&["\"iso27001:A.5.15\""]));
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let f = report.one("unknown-control", "policies/access.md");
    assert!(f.message.ends_with("declared: none"), "{}", f.message);
    let human = repo.check_human(&[]);
    assert!(
        human
            .stderr
            .contains("Annex A controls are written without a prefix: `A.5.15`"),
        "{}",
        human.stderr
    );
}

#[test]
fn an_id_not_in_the_catalog_gets_a_did_you_mean() {
    let repo = Repo::new();
    repo.write("ismsbook.toml", config(CSF));
    repo.write("policies/access.md", policy(&["\"csf:PR.AA-1\""]));
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let f = report.one("unknown-control", "policies/access.md");
    assert_eq!(
        f.message,
        "`csf:PR.AA-1` is not a control of NIST Cybersecurity Framework 2.0 (`csf`)"
    );
    let human = repo.check_human(&[]);
    assert!(
        human.stderr.contains("did you mean `csf:PR.AA-01`?"),
        "{}",
        human.stderr
    );
}

#[test]
fn a_withdrawn_control_is_a_warning_naming_its_successors() {
    let repo = Repo::new();
    repo.write("ismsbook.toml", config(CSF));
    repo.write(
        "policies/access.md",
        policy(&["A.5.15", "\"csf:ID.AM-06\""]),
    );
    let (run, report) = repo.check(&[]);
    run.expect(0);
    let f = report.one("withdrawn-control", "policies/access.md");
    assert_eq!(f.severity, "warning");
    assert_eq!(
        f.message,
        "ID.AM-06 was withdrawn in NIST Cybersecurity Framework 2.0; use GV.RR-02 or GV.SC-02"
    );
    assert_eq!(f.control.as_deref(), Some("csf:ID.AM-06"));
    assert_eq!((f.line, f.column), (Some(11), Some(5)));
    // `--strict`-like severities come from [checks], as for every code.
    repo.write(
        "ismsbook.toml",
        config(CSF).replace("[checks]\n", "[checks]\nwithdrawn-control = \"error\"\n"),
    );
    repo.check(&[]).0.expect(1);
}

#[test]
fn qualified_ids_leave_annex_a_alone() {
    let repo = Repo::new();
    // unmapped-document on: a policy listing only another framework's controls is mapped.
    repo.write(
        "ismsbook.toml",
        format!(
            "[checks]\nunmapped-control = \"off\"\nmissing-mandatory-document = \"off\"\n\n{CSF}"
        ),
    );
    repo.write("policies/access.md", policy(&["\"csf:PR.AA-01\""]));
    // A.5.15 is excluded: a qualified id must not make it "excluded but mapped".
    repo.write(
        "soa.yaml",
        "A.5.15:\n  applicable: false\n  justification: No logical access in scope.\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(0);
    assert!(report.findings.is_empty(), "{}", report.dump());
    repo.build(&[]).expect(0);
    // No Annex A control counts the policy as implementing it.
    let hb: serde_json::Value =
        serde_json::from_str(&repo.page("handbook.json")).expect("handbook.json");
    let implementing: Vec<&serde_json::Value> = hb["controls"]
        .as_array()
        .expect("controls")
        .iter()
        .filter(|c| c["implemented_by"] != serde_json::json!([]))
        .collect();
    assert!(implementing.is_empty(), "{implementing:?}");
    let doc = &hb["documents"][0];
    assert_eq!(doc["id"], "POL-001");
    assert_eq!(doc["controls"], serde_json::json!([]));
}

#[test]
fn an_oscal_catalog_file_names_its_withdrawn_controls_successors() {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        config("[[frameworks]]\nid = \"ecs\"\ncatalog = \"frameworks/ecs.json\"\n"),
    );
    // As OSCAL tools write it, saved on Windows (CRLF).
    let catalog = r##"{
  "catalog": {
    "uuid": "5a7b9e00-0000-4000-8000-000000000002",
    "metadata": {"title": "Example Corp Security Standard", "version": "2.1", "oscal-version": "1.1.2"},
    "groups": [{
      "id": "ac", "title": "Access control",
      "controls": [
        {"id": "ac-1", "title": "Access policy"},
        {"id": "ac-2", "title": "Manual review",
         "props": [{"name": "status", "value": "withdrawn"}],
         "links": [{"href": "#ac-1", "rel": "moved-to"}]},
        {"id": "ac-3", "title": "Paper records",
         "props": [{"name": "status", "value": "withdrawn"}]}
      ]
    }]
  }
}
"##
    .replace('\n', "\r\n");
    repo.write("frameworks/ecs.json", catalog);
    repo.write(
        "policies/access.md",
        policy(&["\"ecs:AC-1\"", "\"ecs:ac-2\"", "\"ecs:ac-3\""]),
    );
    let (run, report) = repo.check(&[]);
    run.expect(0);
    let got: Vec<(Option<u64>, &str)> = report
        .with_code("withdrawn-control")
        .iter()
        .map(|f| (f.line, f.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                Some(11),
                "ac-2 was withdrawn in Example Corp Security Standard; use ac-1"
            ),
            (
                Some(12),
                "ac-3 was withdrawn in Example Corp Security Standard; it has no successor"
            ),
        ],
        "{}",
        report.dump()
    );
    assert_eq!(report.findings.len(), 2, "{}", report.dump());
    let human = repo.check_human(&[]);
    assert!(
        human
            .stderr
            .contains("write `ecs:ac-1` in `controls` instead"),
        "{}",
        human.stderr
    );
}

#[test]
fn the_human_report_quotes_the_catalog_line() {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        config("[[frameworks]]\nid = \"soc2\"\ncatalog = \"frameworks/soc2.yaml\"\n"),
    );
    repo.write(
        "frameworks/soc2.yaml",
        "name: SOC 2\r\ncontrols:\r\n  - {id: CC6.1, title: Logical access}\r\n  - {id: CC 6.2, title: Registration 🔐}\r\n",
    );
    repo.write("policies/access.md", policy(&["A.5.15"]));
    let run = repo.check_human(&[]);
    run.expect(1);
    assert!(
        run.stderr.contains("frameworks/soc2.yaml:4"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("{id: CC 6.2, title: Registration 🔐}"),
        "{}",
        run.stderr
    );
}

#[test]
fn qualified_ids_may_be_written_unquoted() {
    let repo = Repo::new();
    repo.write("ismsbook.toml", config(CSF));
    repo.write(
        "policies/access.md",
        policy(&["csf:PR.AA-01", "csf:PR.AA-99"]),
    );
    repo.write(
        "policies/backup.md",
        policy(&[])
            .replace("id: POL-001", "id: POL-002")
            .replace("controls:\n", "controls: [A.8.13, csf:PR.DS-11]\n"),
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(report.findings.len(), 1, "{}", report.dump());
    let f = report.one("unknown-control", "policies/access.md");
    assert_eq!(f.line, Some(11));
}

/// `check --format github|sarif|markdown` take the framework's name from `ismsbook.toml`.
#[test]
fn pr_formats_name_the_framework_from_the_configuration() {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        "[checks]\nmissing-mandatory-document = \"off\"\n\n[[frameworks]]\nid = \"csf\"\ncatalog = \"nist-csf-2.0\"\nname = \"NIST CSF 2.0\"\n",
    );
    repo.write(
        "policies/access.md",
        policy(&["A.5.15", "\"csf:PR.AA-01\""]),
    );
    let run = |format: &str| {
        let root = path_str(repo.root());
        let run = ismsbook(&["check", &root, "--today", TODAY, "--format", format]);
        run.no_panic();
        run.stdout
    };
    let github = run("github");
    assert!(
        github.lines().any(|l| {
            l.starts_with(
            "::warning title=ismsbook unmapped-control [NIST CSF 2.0]::csf:PR.AA-02 (NIST CSF 2.0) "
        )
        }),
        "{github}"
    );
    assert!(
        github.lines().any(|l| l.starts_with(
            "::warning title=ismsbook unmapped-control [ISO/IEC 27001%3A2022 Annex A]::A.5.1 "
        )),
        "{github}"
    );
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).expect("SARIF is JSON");
    let named = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["properties"]["control"] == "csf:PR.AA-02")
        .expect("csf:PR.AA-02 is unmapped");
    assert_eq!(named["properties"]["framework"], "csf");
    assert_eq!(named["properties"]["frameworkName"], "NIST CSF 2.0");
    let md = run("markdown");
    assert!(
        md.lines()
            .any(|l| l == "| Severity | Code | Framework | Location | Message |"),
        "{md}"
    );
    assert!(md.contains("| NIST CSF 2.0 | `csf:PR.AA-02` |"), "{md}");
}
