//! `ismsbook adopt`: front matter for a repository written for GitHub, proposed without
//! `--write` (nothing changes), added with it (the text byte for byte as it was).

mod common;

use common::{git_at, ismsbook, path_str, snapshot, Repo, TODAY};
use serde_json::Value;

const ACCESS: &str = "<h1 align=\"center\">🔐 Access Control Policy</h1>

<p align=\"center\">
  <img src=\"https://img.shields.io/badge/version-2.1-blue\" alt=\"Version\">
  <img src=\"https://img.shields.io/badge/status-approved-green\" alt=\"Status\">
</p>

## ⏱️ **Scope**

Access is granted per Annex A 5.15; privileged rights per ISO 27001:2013 A.9.2.3.

```text
A.8.7 in a code block is no mention
```
";

/// A CRLF file (as saved on Windows) whose title needs quoting in YAML.
const CRLF: &str = "# 📜 Information Security Policy: Overview #1\r\n\r\n**Version:** 1.3\r\n\r\nImplements A.5.1 and A.5.2.\r\n";

/// A file saved with a BOM, in a playbooks folder.
const BOM: &str = "\u{feff}# 🚨 Phishing Response :rotating_light:\n\nCovers A.5.24–A.5.26.\n";

/// A repository as GitHub ISMS repositories are: no front matter, emoji headings, badges,
/// CODEOWNERS, history. Commits: access control on 2025-03-04, the rest on 2025-06-10; the
/// risk register is not committed.
fn repo() -> Repo {
    let repo = Repo::new();
    let root = repo.root();
    repo.write("README.md", "# Our ISMS\n\nSee [policies](policies/).\n")
        .write(
            "ismsbook.toml",
            format!(
                "{}[owners]\n\"CISO\" = \"@acme/security\"\n\"Head of Ops\" = \"@acme/ops\"\n",
                common::QUIET_GLOBALS
            ),
        )
        .write(
            ".github/CODEOWNERS",
            "# Owners\n*       @acme/security\n/playbooks/ @acme/ops @someone\n",
        )
        .write(".github/workflows/ci.md", "# not a document\n")
        .write("policies/access-control-policy.md", ACCESS)
        .write("policies/information-security.md", CRLF)
        .write("playbooks/phishing.md", BOM)
        .write(
            "policies/existing.md",
            "---\nid: POL-007\ntitle: Existing\ntype: policy\nowner: CISO\nversion: \"3.0\"\nstatus: approved\nlast_reviewed: 2026-06-01\n---\n# Existing\n",
        )
        .write("policies/broken.md", "---\nid: [POL-9\n---\n# Broken\n");
    git_at(root, "2025-03-04", &["init", "-q"]);
    git_at(
        root,
        "2025-03-04",
        &["add", "policies/access-control-policy.md"],
    );
    git_at(
        root,
        "2025-03-04",
        &["commit", "-q", "-m", "Access control"],
    );
    git_at(root, "2025-06-10", &["add", "."]);
    git_at(root, "2025-06-10", &["commit", "-q", "-m", "The rest"]);
    repo.write("registers/risk_register.md", "Risks are listed below.\n");
    repo
}

fn adopt(repo: &Repo, extra: &[&str]) -> common::Run {
    let mut args = vec![
        "adopt".to_owned(),
        path_str(repo.root()),
        "--today".into(),
        TODAY.into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let run = ismsbook(&args);
    run.no_panic();
    run
}

fn plan(repo: &Repo) -> Value {
    let run = adopt(repo, &["--format", "json"]);
    run.expect(0);
    serde_json::from_str(&run.stdout).expect("JSON")
}

/// `path` → the proposal's front matter.
fn proposals(plan: &Value) -> Vec<(String, String)> {
    plan["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap().to_owned(),
                p["front_matter"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn dry_run_proposes_and_changes_no_byte() {
    let repo = repo();
    let before = snapshot(repo.root());
    let run = adopt(&repo, &[]);
    run.expect(0);
    assert_eq!(snapshot(repo.root()), before, "a dry run changed files");
    // Human output: the front matter, and for each control the line it was found on.
    assert!(
        run.stdout
            .contains("A.8.2 Privileged access rights — line 10 (as A.9.2.3, ISO/IEC 27001:2013)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("4 files without front matter; run again with --write"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("policies/broken.md: has front matter that does not load"),
        "{}",
        run.stderr
    );

    let plan = plan(&repo);
    assert_eq!(snapshot(repo.root()), before);
    let got = proposals(&plan);
    let paths: Vec<&str> = got.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "playbooks/phishing.md",
            "policies/access-control-policy.md",
            "policies/information-security.md",
            "registers/risk_register.md"
        ]
    );
    assert_eq!(
        got[1].1,
        "---\nid: POL-008\ntitle: Access Control Policy\ntype: policy\nowner: CISO\nversion: \"2.1\"\nstatus: approved\nlast_reviewed: 2025-03-04\ncontrols: [\"A.5.15\", \"A.8.2\"]\n---\n"
    );
    assert_eq!(
        got[0].1,
        "---\nid: PRO-001\ntitle: Phishing Response\ntype: procedure\nowner: Head of Ops\nversion: \"1.0\"\nstatus: approved\nlast_reviewed: 2025-06-10\ncontrols: [\"A.5.24\", \"A.5.25\", \"A.5.26\"]\n---\n"
    );
    assert_eq!(
        got[2].1,
        "---\nid: POL-009\ntitle: \"Information Security Policy: Overview #1\"\ntype: policy\nowner: CISO\nversion: \"1.3\"\nstatus: approved\nlast_reviewed: 2025-06-10\ncontrols: [\"A.5.1\", \"A.5.2\"]\n---\n"
    );
    // Not committed: today, and said so; no H1: the file name.
    assert_eq!(
        got[3].1,
        format!("---\nid: REG-001\ntitle: Risk Register\ntype: register\nowner: CISO\nversion: \"1.0\"\nstatus: approved\nlast_reviewed: {TODAY}\n---\n")
    );
    let fields = &plan["proposals"][3]["fields"];
    assert!(fields
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["name"] == "last_reviewed"
            && f["from"].as_str().unwrap().contains("not committed yet")));
}

/// The file without the front matter `adopt` added: BOM first, then the text as it was.
fn without_front_matter(bytes: &[u8], newline: &str) -> Vec<u8> {
    let bom = "\u{feff}".as_bytes();
    let (head, rest) = match bytes.strip_prefix(bom) {
        Some(rest) => (bom.to_vec(), rest),
        None => (Vec::new(), bytes),
    };
    let text = std::str::from_utf8(rest).unwrap();
    assert!(text.starts_with(&format!("---{newline}id: ")), "{text:?}");
    let end = format!("{newline}---{newline}");
    let at = text.find(&end).expect("closing ---") + end.len();
    let fm = &text[..at];
    // Every line of the front matter ends as the file's lines do.
    assert_eq!(
        fm.matches('\n').count(),
        fm.matches(newline).count(),
        "{fm:?}"
    );
    [head, text.as_bytes()[at..].to_vec()].concat()
}

#[test]
fn write_adds_front_matter_keeping_every_byte_and_the_repository_builds() {
    let repo = repo();
    let dry = proposals(&plan(&repo));
    let before = snapshot(repo.root());
    let run = adopt(&repo, &["--write"]);
    run.expect(0);
    assert!(
        run.stderr.contains("added front matter to 4 of 4 files"),
        "{}",
        run.stderr
    );
    let after = snapshot(repo.root());
    for (path, newline) in [
        ("policies/access-control-policy.md", "\n"),
        ("policies/information-security.md", "\r\n"),
        ("playbooks/phishing.md", "\n"),
        ("registers/risk_register.md", "\n"),
    ] {
        assert_eq!(
            without_front_matter(&after[path], newline),
            before[path],
            "{path}: the text changed"
        );
    }
    assert!(after["playbooks/phishing.md"].starts_with("\u{feff}---\nid: PRO-001\n".as_bytes()));
    // What was written is what the dry run proposed (in the file's line endings).
    for (path, fm) in &dry {
        let text = String::from_utf8_lossy(&after[path.as_str()]).replace("\r\n", "\n");
        assert!(
            text.trim_start_matches('\u{feff}').starts_with(fm.as_str()),
            "{path}"
        );
    }
    // Untouched: files with front matter (valid or not), the README, hidden files.
    for path in [
        "policies/existing.md",
        "policies/broken.md",
        "README.md",
        ".github/workflows/ci.md",
        ".github/CODEOWNERS",
    ] {
        assert_eq!(after[path], before[path], "{path}");
    }
    // No temporary file left.
    assert_eq!(
        after.keys().filter(|k| !before.contains_key(*k)).count(),
        0,
        "{:?}",
        after.keys().collect::<Vec<_>>()
    );

    // The repository loads: no invalid-front-matter but for the broken file left alone, and
    // every adopted file is published.
    let (_, report) = repo.check(&[]);
    let invalid: Vec<_> = report
        .with_code("invalid-front-matter")
        .iter()
        .map(|f| f.file.clone().unwrap())
        .collect();
    assert_eq!(invalid, ["policies/broken.md"], "{}", report.dump());
    assert!(
        report.with_code("unknown-field").is_empty(),
        "{}",
        report.dump()
    );
    let build = repo.build(&[]);
    assert!(matches!(build.code, 0 | 1), "{}", build.stderr);
    for page in [
        "policies/access-control-policy.html",
        "policies/information-security.html",
        "playbooks/phishing.html",
        "registers/risk_register.html",
    ] {
        assert!(repo.out().join(page).is_file(), "{page} not published");
    }
    assert!(repo
        .page("policies/information-security.html")
        .contains("Information Security Policy: Overview #1"));

    // A second run proposes nothing and changes nothing.
    let again = adopt(&repo, &["--write"]);
    again.expect(0);
    assert!(
        again.stderr.contains("nothing to adopt"),
        "{}",
        again.stderr
    );
    assert_eq!(snapshot(repo.root()), after);
}

#[test]
fn ids_are_never_reused_or_shifted() {
    let repo = repo();
    adopt(&repo, &["--write"]).expect(0);
    let written = snapshot(repo.root());
    // A new policy, sorted before the others: it gets the next number, and no adopted file
    // changes.
    repo.write("policies/aaa-clean-desk-policy.md", "# Clean Desk\n");
    let plan = plan(&repo);
    let got = proposals(&plan);
    assert_eq!(got.len(), 1);
    assert!(got[0].1.contains("id: POL-010\n"), "{}", got[0].1);
    adopt(&repo, &["--write"]).expect(0);
    let now = snapshot(repo.root());
    for (path, bytes) in &written {
        assert_eq!(&now[path], bytes, "{path}");
    }
}

#[test]
fn without_codeowners_or_owners_the_owner_is_a_placeholder_check_flags() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.write("policies/p.md", "# Password Policy\n");
    adopt(&repo, &["--write"]).expect(0);
    let text = std::fs::read_to_string(repo.path("policies/p.md")).unwrap();
    assert!(text.contains("owner: unassigned\n"), "{text}");
    assert!(
        text.contains(&format!("last_reviewed: {TODAY}\n")),
        "{text}"
    );
    let (_, report) = repo.check(&[]);
    let f = report.one("unknown-owner", "policies/p.md");
    assert!(f.message.contains("placeholder"), "{}", f.message);
    assert!(report.with_code("invalid-front-matter").is_empty());
}

#[test]
fn bad_input_is_reported_and_the_rest_adopted() {
    let repo = Repo::new();
    repo.write("policies/latin1.md", b"# Caf\xe9 policy\n".as_slice());
    repo.write("policies/good.md", "# Good\n");
    let run = adopt(&repo, &["--write"]);
    run.expect(1);
    assert!(
        run.stderr
            .contains("policies/latin1.md: not UTF-8 text (byte 6 is not valid)"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(repo.path("policies/latin1.md")).unwrap(),
        b"# Caf\xe9 policy\n"
    );
    assert!(std::fs::read_to_string(repo.path("policies/good.md"))
        .unwrap()
        .starts_with("---\nid: POL-001\n"));

    let missing = repo.path("no-such-folder");
    let run = ismsbook(&["adopt", &path_str(&missing)]);
    run.expect(2);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
}

#[test]
fn help_says_what_it_does() {
    let run = ismsbook(&["adopt", "--help"]);
    run.expect(0);
    // Help is wrapped to the terminal: compare words, not lines.
    let text = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for words in [
        "Propose front matter for every Markdown file",
        "Without --write it prints each proposal",
        "CODEOWNERS",
        "are never touched, so a second run proposes nothing",
    ] {
        assert!(text.contains(words), "{words}: {}", run.stdout);
    }
    let run = ismsbook(&["--help"]);
    assert!(run.stdout.contains("adopt"), "{}", run.stdout);
}

/// The header real GitHub ISMS repositories open with: the owner and review cycle as badges
/// and again as text. Saved with CRLF.
const STATED: &str = "<p align=\"center\">\r
  <a href=\"#\"><img src=\"https://img.shields.io/badge/Owner-CEO-0A66C2?style=for-the-badge\" alt=\"Owner\"/></a>\r
  <a href=\"#\"><img src=\"https://img.shields.io/badge/Version-2.6-555?style=for-the-badge\" alt=\"Version\"/></a>\r
  <a href=\"#\"><img src=\"https://img.shields.io/badge/Review-Semi_Annual-orange?style=for-the-badge\" alt=\"Review Cycle\"/></a>\r
</p>\r
\r
**📋 Document Owner:** CEO | **📄 Version:** 2.6 | **📅 Last Updated:** 2026-01-25 (UTC)  \r
**🔄 Review Cycle:** Semi-Annual | **⏰ Next Review:** 2026-07-25\r
\r
# 🔐 Access Control Policy\r
\r
## ⏱️ Scope\r
\r
Access per A.5.15.\r
";

/// Owner and cycle in a two-column table, the owner as `[owners]` spells it but in lower case.
const TABLE: &str = "# 🛡️ Data Protection Policy

| 📋 Field | Value |
|---|---|
| **Owner** | ciso |
| **Review frequency** | Annually |

## Scope

Personal data is protected.
";

/// German, the owner named as the team's handle; no review cycle stated.
const GERMAN: &str = "# Passwort-Richtlinie

**Verantwortlich:** @acme/security  
**Version:** 1.1

## Geltungsbereich

Alle Konten.
";

/// Only badges: the owner with shields' escapes (`_` space, `--` dash, `%26` &).
const BADGES: &str = "<h1 align=\"center\">🚨 Incident Response Plan</h1>

[![Owner](https://img.shields.io/badge/Owner-Head_of_R%26D--Ops-blue)](#) [![Review](https://img.shields.io/badge/Review-Quarterly-orange?style=flat)](#)

## 📞 Contacts

[![Owner](https://img.shields.io/badge/Owner-Vendor_X-blue)](#)
";

/// Owners of risks, not of the document, and a sentence: none of them is the owner.
const RISKS: &str = "# Risk Register

Owner: the CISO is accountable for keeping this register current.

## R-01 Phishing

- **Owner:** CTO
- **Review frequency:** Monthly

| Owner | CTO |
|---|---|
";

fn stated_repo() -> Repo {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        format!(
            "{}[review]\ninterval_months = 12\n\n[owners]\n\"CISO\" = \"@acme/security\"\n\"Head of Ops\" = \"@acme/ops\"\n",
            common::QUIET_GLOBALS
        ),
    )
    .write("policies/access-control-policy.md", STATED)
    .write("policies/data-protection-policy.md", TABLE)
    .write("richtlinien/passwort-richtlinie.md", GERMAN)
    .write("plans/incident-response-plan.md", BADGES)
    .write("registers/risk-register.md", RISKS);
    // Committed half a year before TODAY: overdue at 6 months, not at 12.
    git_at(repo.root(), "2026-05-01", &["init", "-q"]);
    git_at(repo.root(), "2026-05-01", &["add", "."]);
    git_at(repo.root(), "2026-05-01", &["commit", "-q", "-m", "ISMS"]);
    repo
}

fn field<'a>(plan: &'a Value, path: &str, name: &str) -> Option<&'a Value> {
    let p = plan["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"] == path)
        .unwrap_or_else(|| panic!("no proposal for {path}"));
    p["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
}

#[test]
fn owner_and_review_cycle_as_the_text_states_them() {
    let repo = stated_repo();
    let plan = plan(&repo);
    let got: std::collections::BTreeMap<String, String> = proposals(&plan).into_iter().collect();
    let fm = |path: &str| got[path].as_str();
    let d = "status: approved\nlast_reviewed: 2026-05-01\n";
    assert_eq!(
        fm("policies/access-control-policy.md"),
        format!("---\nid: POL-001\ntitle: Access Control Policy\ntype: policy\nowner: CEO\nversion: \"2.6\"\n{d}review_interval: 6\ncontrols: [\"A.5.15\"]\n---\n")
    );
    // `ciso` is the `[owners]` entry `CISO`; Annually is the default: not written.
    assert_eq!(
        fm("policies/data-protection-policy.md"),
        format!("---\nid: POL-002\ntitle: Data Protection Policy\ntype: policy\nowner: CISO\nversion: \"1.0\"\n{d}---\n")
    );
    // The handle is the team `[owners]` calls CISO.
    assert_eq!(
        fm("richtlinien/passwort-richtlinie.md"),
        format!("---\nid: POL-003\ntitle: Passwort-Richtlinie\ntype: policy\nowner: CISO\nversion: \"1.1\"\n{d}---\n")
    );
    // The header's badges, not the one in a section.
    assert_eq!(
        fm("plans/incident-response-plan.md"),
        format!("---\nid: PLN-001\ntitle: Incident Response Plan\ntype: plan\nowner: Head of R&D-Ops\nversion: \"1.0\"\n{d}review_interval: 3\n---\n")
    );
    assert_eq!(
        fm("registers/risk-register.md"),
        format!("---\nid: REG-001\ntitle: Risk Register\ntype: register\nowner: unassigned\nversion: \"1.0\"\n{d}---\n")
    );

    // Where each came from, by line.
    let from = |path: &str, name: &str| {
        field(&plan, path, name).map_or(String::new(), |f| f["from"].as_str().unwrap().to_owned())
    };
    let owner = from("policies/access-control-policy.md", "owner");
    assert!(owner.contains("line 7 (`Document Owner:`)"), "{owner}");
    assert!(owner.contains("not in [owners]"), "{owner}");
    let cycle = from("policies/access-control-policy.md", "review_interval");
    assert!(
        cycle.contains("line 8 (`Review Cycle:` Semi-Annual)"),
        "{cycle}"
    );
    let owner = from("policies/data-protection-policy.md", "owner");
    assert!(
        owner.contains("line 5 (the table row \"Owner\"); [owners] names it \"CISO\""),
        "{owner}"
    );
    let cycle = from("policies/data-protection-policy.md", "review_interval");
    assert!(
        cycle.starts_with("not written") && cycle.contains("interval_months = 12"),
        "{cycle}"
    );
    let owner = from("plans/incident-response-plan.md", "owner");
    assert!(owner.contains("line 3 (the Owner badge)"), "{owner}");
    assert!(from("registers/risk-register.md", "owner").contains("placeholder"));
    assert_eq!(from("registers/risk-register.md", "review_interval"), "");

    // Written, the repository loads and builds, the bodies as they were, and the interval
    // counts: the semi-annual policy is overdue, the annual one is not.
    let before = snapshot(repo.root());
    adopt(&repo, &["--write"]).expect(0);
    let after = snapshot(repo.root());
    assert_eq!(
        without_front_matter(&after["policies/access-control-policy.md"], "\r\n"),
        before["policies/access-control-policy.md"]
    );
    let (_, report) = repo.check(&[]);
    assert!(
        report.with_code("invalid-front-matter").is_empty(),
        "{}",
        report.dump()
    );
    assert!(
        report.with_code("unknown-field").is_empty(),
        "{}",
        report.dump()
    );
    let overdue: Vec<_> = report
        .with_code("overdue-review")
        .iter()
        .map(|f| f.file.clone().unwrap())
        .collect();
    assert_eq!(
        overdue,
        [
            "plans/incident-response-plan.md",
            "policies/access-control-policy.md"
        ],
        "{}",
        report.dump()
    );
    report.one("unknown-owner", "policies/access-control-policy.md");
    report.one("unknown-owner", "registers/risk-register.md");
    let build = repo.build(&[]);
    assert!(matches!(build.code, 0 | 1), "{}", build.stderr);
    assert!(repo
        .out()
        .join("richtlinien/passwort-richtlinie.html")
        .is_file());
    adopt(&repo, &[]).expect(0);
    assert_eq!(snapshot(repo.root()), after);
}
