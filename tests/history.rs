//! Git history: revision tables on pages, the history-based findings, and `ismsbook diff`, on
//! temporary repositories with scripted commits (fixed authors and dates). The content root is
//! a subfolder of the repository, as in most real ISMS repositories.

mod common;

use common::*;
use serde_json::{json, Value};

/// The repository is the Repo's temporary folder; the content root is `content/` in it.
struct Git<'a>(&'a Repo);

impl Git<'_> {
    fn run(&self, date: &str, args: &[&str]) -> String {
        git_at(self.0.tmp(), date, args)
    }

    fn commit_all(&self, date: &str, message: &str) -> String {
        self.run(date, &["add", "-A", "."]);
        self.run(date, &["commit", "-q", "-m", message]);
        self.run(date, &["rev-parse", "HEAD"])
    }
}

fn access(version: &str, approved: &str, reviewed: &str, owner: &str) -> Fm {
    Fm::new("POL-1")
        .title("Access control policy")
        .owner(owner)
        .version(&format!("\"{version}\""))
        .reviewed(reviewed)
        .line(&format!("approved_on: {approved}"))
        .line("controls: [\"5.15\"]")
}

fn crypto(version: &str, approved: &str) -> Fm {
    Fm::new("POL-2")
        .title("Cryptography policy")
        .version(&format!("\"{version}\""))
        .line(&format!("approved_on: {approved}"))
        .line("controls: [A.8.24]")
}

const ACCESS_1: &str = "# Access\n\nAccess is granted on need to know.\n";
const ACCESS_2: &str = "# Access\n\nAccess is granted on need to know and reviewed.\n";
const ACCESS_3: &str =
    "# Access\n\nAccess is granted on need to know and reviewed. Owners review access quarterly.\n";

/// The scripted history; returns the commit ids, oldest first.
///
/// 1. 2026-01-05 add POL-1, POL-2, STD-3 (standards/old-name.md), POL-9, soa.yaml
/// 2. 2026-02-10 POL-1: body, version 1.1, approved 2026-02-10
/// 3. 2026-03-01 POL-1: review date only
/// 4. 2026-03-15 POL-2: body, no new version (approved 2026-01-05)
/// 5. 2026-04-01 rename STD-3 to standards/authentication.md
/// 6. 2026-04-02 delete POL-9
/// 7. 2026-04-03 add POL-4; exclude A.7.4; POL-2 version 1.1, approved again; POL-1 body
///    (no new version) and owner
fn scripted() -> (Repo, Vec<String>) {
    let repo = Repo::new();
    let git = Git(&repo);
    git.run("2026-01-05", &["init", "-q"]);
    let mut commits = Vec::new();

    repo.quiet_globals()
        .doc(
            "policies/access.md",
            &access("1.0", "2026-01-05", "2026-01-05", "CISO"),
            ACCESS_1,
        )
        .doc(
            "policies/crypto.md",
            &crypto("1.0", "2026-01-05"),
            "# Crypto\n\nUse strong ciphers.\n",
        )
        .doc(
            "standards/old-name.md",
            &Fm::new("STD-3")
                .title("Authentication standard")
                .doc_type("standard")
                .line("controls: [A.8.5]"),
            "# Authentication\n\nUse MFA.\n",
        )
        .doc(
            "policies/legacy.md",
            &Fm::new("POL-9")
                .title("Legacy policy")
                .line("controls: [A.5.1]"),
            "# Legacy\n",
        )
        .write("soa.yaml", "A.7.4:\n  applicable: true\n");
    commits.push(git.commit_all("2026-01-05", "Add the ISMS"));

    repo.doc(
        "policies/access.md",
        &access("1.1", "2026-02-10", "2026-01-05", "CISO"),
        ACCESS_2,
    );
    commits.push(git.commit_all("2026-02-10", "Tighten access rules"));

    repo.doc(
        "policies/access.md",
        &access("1.1", "2026-02-10", "2026-03-01", "CISO"),
        ACCESS_2,
    );
    commits.push(git.commit_all("2026-03-01", "Review access policy"));

    repo.doc(
        "policies/crypto.md",
        &crypto("1.0", "2026-01-05"),
        "# Crypto\n\nUse strong ciphers and 256-bit keys.\n",
    );
    commits.push(git.commit_all("2026-03-15", "Mention key lengths"));

    git.run(
        "2026-04-01",
        &[
            "mv",
            "content/standards/old-name.md",
            "content/standards/authentication.md",
        ],
    );
    commits.push(git.commit_all("2026-04-01", "Rename the authentication standard"));

    git.run("2026-04-02", &["rm", "-q", "content/policies/legacy.md"]);
    commits.push(git.commit_all("2026-04-02", "Retire the legacy policy"));

    repo.doc(
        "policies/cloud.md",
        &Fm::new("POL-4")
            .title("Cloud services policy")
            .line("controls: [A.5.23]"),
        "# Cloud\n",
    )
    .write(
        "soa.yaml",
        "A.7.4:\n  applicable: false\n  justification: No premises of our own\n",
    )
    .doc(
        "policies/crypto.md",
        &crypto("1.1", "2026-04-03"),
        "# Crypto\n\nUse strong ciphers and 256-bit keys.\n",
    )
    .doc(
        "policies/access.md",
        &access("1.1", "2026-02-10", "2026-03-01", "CTO"),
        ACCESS_3,
    );
    commits.push(git.commit_all("2026-04-03", "Cloud policy, SoA and crypto approval"));
    (repo, commits)
}

/// `(code, file, line)` of the history findings, sorted.
fn history_findings(report: &Report) -> Vec<(String, String, u64)> {
    let mut out: Vec<(String, String, u64)> = report
        .findings
        .iter()
        .filter(|f| f.code == "changed-without-version-bump" || f.code == "approval-stale")
        .map(|f| {
            (
                f.code.clone(),
                f.file.clone().unwrap_or_default(),
                f.line.unwrap_or(0),
            )
        })
        .collect();
    out.sort();
    out
}

fn diff(repo: &Repo, args: &[&str]) -> Run {
    let mut all = vec!["diff", "-C"];
    let root = path_str(repo.root());
    all.push(&root);
    all.extend(["--today", TODAY]);
    all.extend(args);
    let run = ismsbook(&all);
    run.no_panic();
    run
}

#[test]
fn pages_show_each_documents_history_with_versions_and_last_content_change() {
    let (repo, commits) = scripted();
    // The history findings are warnings.
    repo.build(&[]).expect(0);
    let page = repo.page("policies/access.html");
    let rows = table_rows(&page, "isb-history");
    let short = |i: usize| commits[i][..7].to_owned();
    assert_eq!(
        rows,
        vec![
            vec![
                "2026-04-03".into(),
                String::new(),
                "Cloud policy, SoA and crypto approval".into(),
                "Ann Author".into(),
                short(6),
            ],
            vec![
                "2026-03-01".into(),
                String::new(),
                "Review access policy (front matter only)".into(),
                "Ann Author".into(),
                short(2),
            ],
            vec![
                "2026-02-10".into(),
                "1.1".into(),
                "Tighten access rules".into(),
                "Ann Author".into(),
                short(1),
            ],
            vec![
                "2026-01-05".into(),
                "1.0".into(),
                "Add the ISMS".into(),
                "Ann Author".into(),
                short(0),
            ],
        ]
    );
    // The last change of the text, not of the review date.
    assert!(
        page.contains("<dt>Last changed</dt><dd>2026-04-03</dd>"),
        "last changed"
    );
    let crypto = repo.page("policies/crypto.html");
    assert_eq!(table_rows(&crypto, "isb-history").len(), 3);
    // The renamed standard's history starts at the rename.
    let std3 = table_rows(&repo.page("standards/authentication.html"), "isb-history");
    assert_eq!(std3.len(), 1);
    assert_eq!(std3[0][2], "Rename the authentication standard");

    let data: Value = serde_json::from_str(&repo.page("handbook.json")).unwrap();
    let last_changed = |id: &str| {
        data["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == id)
            .map(|d| d["last_changed"].clone())
            .unwrap()
    };
    assert_eq!(last_changed("POL-1"), json!("2026-04-03"));
    assert_eq!(last_changed("POL-2"), json!("2026-03-15"));
    // The header names the commit the site was built from.
    assert!(repo.page("index.html").contains(&commits[6][..12]));
}

#[test]
fn changed_text_needs_a_new_version_and_a_new_approval() {
    let (repo, commits) = scripted();
    let git = Git(&repo);

    // At commit 4, POL-2's text changed without a new version, after its approval.
    git.run("2026-04-04", &["checkout", "-q", &commits[3]]);
    let (_, report) = repo.check(&[]);
    assert_eq!(
        history_findings(&report),
        [
            ("approval-stale".into(), "policies/crypto.md".into(), 9),
            (
                "changed-without-version-bump".into(),
                "policies/crypto.md".into(),
                6
            ),
        ]
    );
    let bump = report.one("changed-without-version-bump", "policies/crypto.md");
    assert_eq!(bump.severity, "warning");
    assert_eq!(
        bump.message,
        format!(
            "the body changed since version 1.0 was set in commit {} (2026-01-05), but `version` is still 1.0",
            &commits[0][..7]
        )
    );
    let stale = report.one("approval-stale", "policies/crypto.md");
    assert_eq!(
        stale.message,
        format!(
            "approved on 2026-01-05, but the content changed on 2026-03-15 in commit {} (\"Mention key lengths\")",
            &commits[3][..7]
        )
    );
    // A review-date-only change (commit 3 on POL-1) is no finding.
    assert!(
        report.in_file("policies/access.md").is_empty(),
        "{}",
        report.dump()
    );
    // The human format shows the help with the next version.
    let human = repo.check_human(&[]);
    assert!(
        human.stderr.contains("raise `version` (to \"1.1\", say)"),
        "{}",
        human.stderr
    );

    // At the last commit POL-2 is fixed, and POL-1's body changed without either.
    git.run("2026-04-04", &["checkout", "-q", "main"]);
    let (_, report) = repo.check(&[]);
    assert_eq!(
        history_findings(&report),
        [
            ("approval-stale".into(), "policies/access.md".into(), 9),
            (
                "changed-without-version-bump".into(),
                "policies/access.md".into(),
                6
            ),
        ]
    );

    // Raising the version and approving again in the working tree clears both at once.
    repo.doc(
        "policies/access.md",
        &access("1.2", "2026-11-29", "2026-03-01", "CTO"),
        ACCESS_3,
    );
    let (_, report) = repo.check(&[]);
    assert!(history_findings(&report).is_empty(), "{}", report.dump());

    // An uncommitted edit of an approved document is flagged before it is committed.
    git.commit_all("2026-11-29", "Version 1.2");
    repo.doc(
        "policies/access.md",
        &access("1.2", "2026-11-29", "2026-03-01", "CTO"),
        "# Access\n\nAnyone may access anything.\n",
    );
    let (_, report) = repo.check(&[]);
    assert_eq!(history_findings(&report).len(), 2, "{}", report.dump());
    assert_eq!(
        report.one("approval-stale", "policies/access.md").message,
        "approved on 2026-11-29, but the content has changed since (uncommitted changes)"
    );

    // The codes follow [checks] like every other finding.
    repo.write(
        "ismsbook.toml",
        format!(
            "{QUIET_GLOBALS}approval-stale = \"error\"\nchanged-without-version-bump = \"off\"\n"
        ),
    );
    let (run, report) = repo.check(&[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        report.one("approval-stale", "policies/access.md").severity,
        "error"
    );
    assert!(report.with_code("changed-without-version-bump").is_empty());
}

#[test]
fn diff_json_says_what_a_change_does_to_the_isms() {
    let (repo, commits) = scripted();
    let run = diff(&repo, &[&commits[3], "HEAD", "--format", "json"]);
    run.expect(0);
    let got: Value = serde_json::from_str(&run.stdout).unwrap();
    let finding = |code: &str, file: &str, line: u64, column: u64, doc: &str, message: String| {
        json!({
            "code": code, "severity": "warning", "message": message, "file": file,
            "line": line, "column": column, "document": doc, "control": null
        })
    };
    let expected = json!({
        "verdict": "1 document added, 2 changed, 1 renamed, 1 removed; coverage 4/93 → 4/92; 1 applicability change; 2 new warnings, 2 findings resolved",
        "outcome": "warnings",
        "base": {
            "rev": commits[3], "commit": commits[3], "documents": 4,
            "coverage": {"implemented": 4, "applicable": 93}, "errors": 0, "warnings": 2
        },
        "head": {
            "rev": "HEAD", "commit": commits[6], "documents": 4,
            "coverage": {"implemented": 4, "applicable": 92}, "errors": 0, "warnings": 2
        },
        "documents": [
            {"change": "added", "id": "POL-4", "title": "Cloud services policy",
             "path": "policies/cloud.md", "fields": [], "words": null},
            {"change": "changed", "id": "POL-1", "title": "Access control policy",
             "path": "policies/access.md",
             "fields": [{"field": "owner", "before": "CISO", "after": "CTO"}],
             "words": {"added": 4, "removed": 0}},
            {"change": "changed", "id": "POL-2", "title": "Cryptography policy",
             "path": "policies/crypto.md",
             "fields": [
                {"field": "version", "before": "1.0", "after": "1.1"},
                {"field": "approved_on", "before": "2026-01-05", "after": "2026-04-03"}
             ],
             "words": null},
            {"change": "renamed", "id": "STD-3", "title": "Authentication standard",
             "path": "standards/authentication.md", "previous_path": "standards/old-name.md",
             "fields": [], "words": null},
            {"change": "removed", "id": "POL-9", "title": "Legacy policy",
             "path": "policies/legacy.md", "fields": [], "words": null}
        ],
        "controls": {
            "newly_mapped": [
                {"id": "A.5.23", "title": "Information security for use of cloud services", "documents": ["POL-4"]}
            ],
            "unmapped": [
                {"id": "A.5.1", "title": "Policies for information security", "documents": ["POL-9"]}
            ],
            "applicability": [
                {"id": "A.7.4", "title": "Physical security monitoring", "before": true, "after": false,
                 "justification": "No premises of our own"}
            ]
        },
        // No framework declared at either revision.
        "frameworks": [],
        // Nor a risk register or exceptions file: the keys are there, empty.
        "risks": {
            "base": {"file": null, "risks": 0, "above_appetite": 0, "appetite": 8},
            "head": {"file": null, "risks": 0, "above_appetite": 0, "appetite": 8},
            "added": [], "removed": [], "changed": []
        },
        "exceptions": {
            "base": {"file": false, "exceptions": 0, "in_force": 0},
            "head": {"file": false, "exceptions": 0, "in_force": 0},
            "added": [], "removed": [], "changed": []
        },
        "findings": {
            "introduced": [
                finding("changed-without-version-bump", "policies/access.md", 6, 1, "POL-1", format!(
                    "the body changed since version 1.1 was set in commit {} (2026-02-10), but `version` is still 1.1",
                    &commits[1][..7])),
                finding("approval-stale", "policies/access.md", 9, 1, "POL-1", format!(
                    "approved on 2026-02-10, but the content changed on 2026-04-03 in commit {} (\"Cloud policy, SoA and crypto approval\")",
                    &commits[6][..7])),
            ],
            "resolved": [
                finding("changed-without-version-bump", "policies/crypto.md", 6, 1, "POL-2", format!(
                    "the body changed since version 1.0 was set in commit {} (2026-01-05), but `version` is still 1.0",
                    &commits[0][..7])),
                finding("approval-stale", "policies/crypto.md", 9, 1, "POL-2", format!(
                    "approved on 2026-01-05, but the content changed on 2026-03-15 in commit {} (\"Mention key lengths\")",
                    &commits[3][..7])),
            ]
        }
    });
    assert_eq!(
        got,
        expected,
        "got:\n{}",
        serde_json::to_string_pretty(&got).unwrap()
    );
}

#[test]
fn diff_markdown_is_a_pull_request_comment() {
    let (repo, commits) = scripted();
    // HEAD defaults to the working tree: an uncommitted change shows too.
    repo.doc(
        "policies/new.md",
        &Fm::new("POL-7").title("Remote <b>work</b> | policy"),
        "# Remote\n",
    );
    let run = diff(&repo, &[&commits[3]]);
    run.expect(0);
    let md = &run.stdout;
    let first = md.lines().next().unwrap();
    assert_eq!(
        first,
        "### ismsbook diff: ⚠️ 2 documents added, 2 changed, 1 renamed, 1 removed; coverage 4/93 → 4/92; 1 applicability change; 2 new warnings, 2 findings resolved"
    );
    for line in [
        &format!("Comparing `{}` (`{}`) with working tree: 4 documents → 5, 0 errors → 0.", commits[3], &commits[3][..12]),
        "| changed | **POL-1** Access control policy<br>`content/policies/access.md` | owner: CISO → CTO<br>text: +4 −0 words |",
        "| renamed | **STD-3** Authentication standard<br>`content/standards/authentication.md` | moved from `content/standards/old-name.md` |",
        "| removed | **POL-9** Legacy policy<br>`content/policies/legacy.md` |  |",
        "Coverage: 4 of 93 applicable controls implemented → 4 of 92.",
        "- **A.5.1** Policies for information security (POL-9)",
        "- **A.7.4** Physical security monitoring: applicable → not applicable — No premises of our own",
        "#### Findings introduced (2)",
        "#### Findings resolved (2)",
    ] {
        assert!(md.lines().any(|l| l == line), "missing line {line:?} in:\n{md}");
    }
    // Front-matter text cannot inject HTML or break the table.
    assert!(
        md.contains("Remote &lt;b&gt;work&lt;/b&gt; \\| policy"),
        "{md}"
    );
    assert!(!md.contains("<b>"), "{md}");
}

const CSF_CONFIG: &str = "[[frameworks]]\r\nid = \"csf\"\r\ncatalog = \"nist-csf-2.0\"\r\nname = \"NIST Cybersecurity Framework 2.0\"\r\n\r\n[[mappings]]\r\nfrom = \"csf\"\r\nto = \"iso27001\"\r\nfile = \"frameworks/csf-to-iso27001.yaml\"\r\n";

/// Two commits of a handbook declaring NIST CSF 2.0 with a crosswalk to Annex A. The second
/// adds a `csf:` id to a policy and a mapping entry, and retires the policy whose Annex A
/// control covered a CSF control through the crosswalk.
fn with_csf() -> (Repo, Vec<String>) {
    let repo = Repo::new();
    let git = Git(&repo);
    git.run("2026-01-05", &["init", "-q"]);
    repo.write("ismsbook.toml", format!("{QUIET_GLOBALS}{CSF_CONFIG}"))
        // Saved by Excel-minded editors: a BOM and CRLF line ends.
        .write(
            "frameworks/csf-to-iso27001.yaml",
            "\u{feff}# NIST CSF 2.0 → ISO/IEC 27001:2022 Annex A\r\ncsf:GV.OC-01: {to: [A.5.1], relationship: equivalent-to}\r\ncsf:PR.AA-02: [A.5.16]\r\n",
        )
        .doc(
            "policies/access.md",
            &Fm::new("POL-1")
                .title("Access control policy")
                .line("controls: [\"5.15\", A.5.16]"),
            "# Access\n",
        )
        .doc(
            "policies/legacy.md",
            &Fm::new("POL-9").title("Legacy policy").line("controls: [A.5.1]"),
            "# Legacy\n",
        );
    let mut commits = vec![git.commit_all("2026-01-05", "ISMS with CSF")];
    repo.doc(
        "policies/access.md",
        &Fm::new("POL-1")
            .title("Access control policy")
            .version("\"1.1\"")
            .line("controls: [\"5.15\", A.5.16, \"csf:PR.AA-01\"]"),
        "# Access\n",
    )
    .write(
        "frameworks/csf-to-iso27001.yaml",
        "\u{feff}# NIST CSF 2.0 → ISO/IEC 27001:2022 Annex A\r\ncsf:GV.OC-01: {to: [A.5.1], relationship: equivalent-to}\r\ncsf:PR.AA-02: [A.5.16]\r\ncsf:PR.AA-05: {to: [A.5.15], relationship: equal-to}\r\n",
    );
    git.run("2026-02-01", &["rm", "-q", "content/policies/legacy.md"]);
    commits.push(git.commit_all("2026-02-01", "Map PR.AA, retire the legacy policy"));
    (repo, commits)
}

#[test]
fn diff_reports_each_frameworks_coverage_direct_and_via_mapping_apart() {
    let (repo, commits) = with_csf();
    let run = diff(&repo, &[&commits[0], "HEAD", "--format", "json"]);
    run.expect(0);
    let got: Value = serde_json::from_str(&run.stdout).unwrap();
    // CSF 2.0 has 106 subcategories; the 22 categories above them are headings, not counted.
    // Base: GV.OC-01 via A.5.1 (POL-9), PR.AA-02 partly via A.5.16 (intersects-with).
    // Head: PR.AA-01 implemented, PR.AA-05 via A.5.15, GV.OC-01 lost with POL-9.
    assert_eq!(
        got["frameworks"],
        json!([{
            "id": "csf",
            "name": "NIST Cybersecurity Framework 2.0",
            "base": {"implemented": 0, "via_mapping": 1, "partial_via_mapping": 1, "applicable": 106},
            "head": {"implemented": 1, "via_mapping": 1, "partial_via_mapping": 1, "applicable": 106},
            "newly_covered": [
                {"id": "csf:PR.AA-01", "title": got["frameworks"][0]["newly_covered"][0]["title"],
                 "before": "uncovered", "after": "implemented", "documents": ["POL-1"], "via": []},
                {"id": "csf:PR.AA-05", "title": got["frameworks"][0]["newly_covered"][1]["title"],
                 "before": "uncovered", "after": "via-mapping", "documents": [], "via": ["A.5.15"]}
            ],
            "uncovered": [
                {"id": "csf:GV.OC-01", "title": got["frameworks"][0]["uncovered"][0]["title"],
                 "before": "via-mapping", "after": "uncovered", "documents": [], "via": ["A.5.1"]}
            ]
        }]),
        "{}",
        serde_json::to_string_pretty(&got["frameworks"]).unwrap()
    );
    // Titles are the subcategories' statements (their titles only repeat the ids).
    assert!(
        got["frameworks"][0]["newly_covered"][0]["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("Identities and credentials")),
        "{}",
        got["frameworks"][0]["newly_covered"][0]["title"]
    );
    // Annex A keeps its own fields, direct coverage only: A.5.1 lost its document.
    assert_eq!(
        got["base"]["coverage"],
        json!({"implemented": 3, "applicable": 93})
    );
    assert_eq!(
        got["head"]["coverage"],
        json!({"implemented": 2, "applicable": 93})
    );
    assert_eq!(got["controls"]["unmapped"][0]["id"], "A.5.1");
    // The policy's controls as a reviewer reads them: the CSF id keeps its prefix.
    let pol1 = &got["documents"][0];
    assert_eq!(pol1["id"], "POL-1");
    assert_eq!(
        pol1["fields"],
        json!([
            {"field": "version", "before": "1.0", "after": "1.1"},
            {"field": "controls", "before": ["A.5.15", "A.5.16"], "after": ["A.5.15", "A.5.16", "csf:PR.AA-01"]}
        ])
    );
    assert_eq!(
        got["verdict"],
        "1 document changed, 1 removed; coverage 3/93 → 2/93; csf coverage 0/106 → 1/106, via mapping 1 → 1; no new findings"
    );
    assert_eq!(got["outcome"], "warnings");

    let run = diff(&repo, &[&commits[0], "HEAD"]);
    run.expect(0);
    let md = &run.stdout;
    for line in [
        "#### Frameworks",
        "| Framework | Implemented | Covered via mapping | Partly via mapping | Applicable |",
        "| NIST Cybersecurity Framework 2.0 (`csf`) | 0 → 1 | 1 → 1 | 1 → 1 | 106 → 106 |",
        "**NIST Cybersecurity Framework 2.0, no longer covered:**",
        "**NIST Cybersecurity Framework 2.0, newly covered:**",
    ] {
        assert!(
            md.lines().any(|l| l == line),
            "missing line {line:?} in:\n{md}"
        );
    }
    for start in [
        "- **csf:GV.OC-01** ",
        "- **csf:PR.AA-01** Identities and credentials",
        "- **csf:PR.AA-05** ",
    ] {
        assert!(
            md.lines().any(|l| l.starts_with(start)),
            "no {start:?} in:\n{md}"
        );
    }
    assert!(
        md.contains(": covered via mapping → not covered (via A.5.1)"),
        "{md}"
    );
    assert!(md.contains(": not covered → implemented (POL-1)"), "{md}");
    assert!(
        md.contains(": not covered → covered via mapping (via A.5.15)"),
        "{md}"
    );

    // Declaring the framework is a change of its own; its controls are not listed one by one.
    let plain = {
        let git = Git(&repo);
        repo.write("ismsbook.toml", QUIET_GLOBALS);
        git.commit_all("2026-03-01", "Drop CSF")
    };
    let run = diff(&repo, &[&plain, &commits[1], "--format", "json"]);
    run.expect(0);
    let got: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(got["frameworks"][0]["base"], Value::Null);
    assert_eq!(got["frameworks"][0]["head"]["implemented"], 1);
    assert_eq!(got["frameworks"][0]["newly_covered"], json!([]));
    assert!(
        got["verdict"]
            .as_str()
            .is_some_and(|v| v.contains("csf declared (1/106, via mapping 1)")),
        "{}",
        got["verdict"]
    );
    let run = diff(&repo, &[&commits[1], &plain, "--format", "json"]);
    let got: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(got["frameworks"][0]["head"], Value::Null);
    assert!(
        got["verdict"]
            .as_str()
            .is_some_and(|v| v.contains("csf no longer declared")),
        "{}",
        got["verdict"]
    );
}

#[test]
fn diff_of_identical_revisions_and_bad_revisions() {
    let (repo, commits) = scripted();
    let run = diff(&repo, &["HEAD", "--format", "json"]);
    run.expect(0);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        v["verdict"],
        "no change to documents or controls; no new findings"
    );
    assert_eq!(v["outcome"], "ok");
    assert_eq!(v["head"]["commit"], Value::Null);
    assert_eq!(v["head"]["rev"], "working tree");
    assert_eq!(v["base"]["commit"], json!(commits[6]));

    let run = diff(&repo, &["no-such-branch"]);
    run.expect(2);
    assert!(
        run.stderr
            .contains("`no-such-branch` is not a commit of this repository"),
        "{}",
        run.stderr
    );

    let plain = Repo::new();
    plain.doc("a.md", &Fm::new("A"), "x\n");
    let run = diff(&plain, &["main"]);
    run.expect(2);
    assert!(
        run.stderr.contains("is not in a Git repository"),
        "{}",
        run.stderr
    );
}

#[test]
fn no_git_or_a_shallow_clone_still_builds() {
    // Outside Git: no history section, no history findings, no "Last changed".
    let plain = Repo::new();
    plain.quiet_globals().doc("a.md", &Fm::new("A"), "x\n");
    plain.build(&[]).expect(0);
    let page = plain.page("a.html");
    assert!(!page.contains("isb-history"), "{page}");

    // A shallow clone (CI's default) has the last commit only, and says so once.
    let (repo, _) = scripted();
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", repo.tmp().display());
    git_at(
        clone.path(),
        "2026-04-04",
        &["clone", "-q", "--depth", "1", &url, "c"],
    );
    let root = clone.path().join("c/content");
    let out = clone.path().join("out");
    let run = ismsbook(&[
        "build",
        &path_str(&root),
        "-o",
        &path_str(&out),
        "--today",
        TODAY,
    ]);
    run.no_panic().expect(0);
    assert_eq!(
        run.stderr.matches("note: this is a shallow clone").count(),
        1,
        "{}",
        run.stderr
    );
    let page = read(&out.join("policies/access.html"));
    assert_eq!(table_rows(&page, "isb-history").len(), 1);
    assert_eq!(page.matches("shallow clone").count(), 1, "{page}");
}

/// Cells of the table in the section headed by `heading_id`, as text.
fn table_rows(html: &str, heading_id: &str) -> Vec<Vec<String>> {
    let Some(start) = html.find(&format!("id=\"{heading_id}\"")) else {
        return Vec::new();
    };
    let section = &html[start..];
    let section = &section[..section.find("</section>").unwrap_or(section.len())];
    let Some(body) = section.split("<tbody>").nth(1) else {
        return Vec::new();
    };
    let body = &body[..body.find("</tbody>").unwrap_or(body.len())];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split("<td>")
                .skip(1)
                .map(|cell| {
                    html_unescape(&strip_tags(
                        &cell[..cell.find("</td>").unwrap_or(cell.len())],
                    ))
                })
                .collect()
        })
        .collect()
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in s.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_owned()
}

/// A committed file whose name ends in a character of several bytes: the history reads every
/// file of the content folder, and once cut such a name inside a character (a panic, exit 101).
#[test]
fn file_names_ending_in_multibyte_characters_are_read_from_history() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1"),
        "See [the plan](<Anhang ÄÖ>).\n",
    );
    repo.write("policies/Anhang ÄÖ", "attachment\n");
    repo.write("policies/logo 😀", "attachment\n");
    git(repo.root(), &["init", "-q"]);
    git(repo.root(), &["add", "."]);
    git(repo.root(), &["commit", "-q", "-m", "ISMS"]);
    let (run, report) = repo.check(&[]);
    run.no_panic().expect(0);
    assert!(
        report.with_code("broken-link").is_empty(),
        "{}",
        report.dump()
    );
    // A file of no type readers open, and no `[repository]` to link it on: text, a warning.
    assert_eq!(report.with_code("link-outside-handbook").len(), 1);
    repo.build(&[]).no_panic().expect(0);
    assert!(repo.page("policies/a.html").contains("See the plan."));
}
