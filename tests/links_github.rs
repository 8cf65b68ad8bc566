//! Links and anchors as GitHub resolves them, on a repository written the way GitHub
//! repositories are: badges linked to nothing, emoji headings (with and without the variation
//! selector U+FE0F), raw HTML anchors, links to the root README, `.github/`, `LICENSE`, scripts,
//! a PDF, a missing and an ignored file, one file with CRLF line endings. Built without and with
//! `[repository]`, and compared across Git revisions with `diff`.

mod common;

use common::*;

const REPO_URL: &str = "https://github.com/acme/isms";

/// The body of `policies/data-protection.md`, one link per line from its first body line, so
/// each finding's line says which link it is.
const DATA_PROTECTION: &str = "\
[![Status](https://img.shields.io/badge/status-approved-green)]() [![Owner](https://img.shields.io/badge/owner-CISO-blue)](#)
- [Retention](#%EF%B8%8F-data-retention)
- [Retention without the selector](#-data-retention)
- [Access](#-access)
- [Access, as capitalised](#-Access)
- [Legacy](#legacy)
- [Box](#x)
- [Nowhere](#nowhere)
- [Read me](../README.md)
- [CI](../.github/workflows/ci.yml)
- [Licence](../LICENSE)
- [Evidence](../docs/evidence.pdf)
- [Backup](../scripts/backup.sh)
- [Missing](../docs/missing.pdf)
- [Secrets](../secrets.txt)
- [Git config](../.git/config)
- [Dependabot](/.github/dependabot.yml#L3)
- ![Architecture](../.github/architecture.png)
- [Local settings](../.github/local.yml)
- [All policies](./)
- [Workflows](../.github/workflows/)

# Data Protection Policy

## ⏱️ **Data Retention**

Kept for 7 years.

## 🔐 Access

<a name=\"legacy\"></a>
<div id=\"x\">Boxed</div>
";

/// Lines of the links above (the body starts at line 10).
fn line_of(text: &str) -> u64 {
    line_in(DATA_PROTECTION, text, 10)
}

fn repository(config: &str) -> Repo {
    let repo = Repo::new();
    repo.write("ismsbook.toml", format!("{QUIET_GLOBALS}{config}"))
        .doc(
            "policies/data-protection.md",
            &Fm::new("POL-001").title("Data Protection Policy"),
            DATA_PROTECTION,
        )
        // Written on Windows: CRLF line endings throughout.
        .write(
            "policies/access-control.md",
            Fm::new("POL-002")
                .title("Access Control Policy")
                .doc("# Access Control\n\nSee [retention](data-protection.md#%EF%B8%8F-data-retention).\n\nAnd [not retention](data-protection.md#-data-retention).\n")
                .replace('\n', "\r\n"),
        )
        .write(
            "README.md",
            "# ISMS\n\n[![CI](https://github.com/acme/isms/actions/workflows/ci.yml/badge.svg)]()\n",
        )
        .write("LICENSE", "MIT License\n")
        .write(".github/workflows/ci.yml", "on: push\n")
        .write(".github/dependabot.yml", "version: 2\n")
        .write(".github/architecture.png", "PNG")
        .write(".gitignore", "secrets.txt\n.github/local.yml\n")
        .write(".github/local.yml", "token: x\n")
        .write("secrets.txt", "hunter2\n")
        .write("docs/evidence.pdf", "%PDF-1.4\n")
        .write("scripts/backup.sh", "#!/bin/sh\n");
    repo
}

fn findings_of(report: &Report, code: &str) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = report
        .with_code(code)
        .iter()
        .map(|f| (f.file.clone().unwrap_or_default(), f.line.unwrap_or(0)))
        .collect();
    v.sort();
    v
}

fn dp(line: &str) -> (String, u64) {
    ("policies/data-protection.md".to_owned(), line_of(line))
}

/// The `href` of the link whose text is `text` on `page`, `None` if it is not a link.
fn href_of(page: &str, text: &str) -> Option<String> {
    let end = page.find(&format!(">{text}</a>"))?;
    let start = page[..end].rfind("<a ")?;
    let tag = &page[start..end];
    let from = tag.find("href=\"")? + "href=\"".len();
    let to = tag[from..].find('"')?;
    Some(html_unescape(&tag[from..from + to]))
}

#[test]
fn links_resolve_as_on_github_without_a_repository() {
    let repo = repository("");
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let broken = findings_of(&report, "broken-link");
    assert_eq!(
        broken,
        [
            ("policies/access-control.md".to_owned(), 14),
            dp("(#-data-retention)"),
            dp("(#nowhere)"),
            dp("missing.pdf"),
            dp("secrets.txt"),
            dp(".git/config"),
            dp("local.yml"),
        ],
        "{}",
        report.dump()
    );
    for name in ["secrets.txt", "local.yml"] {
        let ignored = report
            .with_code("broken-link")
            .into_iter()
            .find(|f| f.message.contains(name))
            .expect("the ignored file");
        assert!(ignored.message.contains("ignored"), "{}", ignored.message);
    }
    // The hint for a missing anchor offers the ids as GitHub makes them.
    let nowhere = report
        .with_code("broken-link")
        .into_iter()
        .find(|f| {
            f.message.contains("#-data-retention")
                && f.file.as_deref() == Some("policies/data-protection.md")
        })
        .expect("the anchor without the selector");
    assert!(
        nowhere
            .message
            .contains("did you mean #\u{fe0f}-data-retention (written #%EF%B8%8F-data-retention)?"),
        "{}",
        nowhere.message
    );

    let outside = report.with_code("link-outside-handbook");
    assert_eq!(
        findings_of(&report, "link-outside-handbook"),
        [
            dp("ci.yml"),
            dp("LICENSE"),
            dp("backup.sh"),
            dp("dependabot.yml"),
            dp("architecture.png"),
            dp("(./)"),
            dp("(../.github/workflows/)"),
        ]
    );
    for f in outside {
        assert_eq!(f.severity, "warning");
        assert!(
            f.message.contains("set [repository] url in ismsbook.toml"),
            "{}",
            f.message
        );
    }

    repo.build(&[]).expect(1);
    let page = repo.page("policies/data-protection.html");
    // Heading ids as GitHub's, the variation selector kept, the emoji's `-` too.
    assert!(
        page.contains("<h2 id=\"\u{fe0f}-data-retention\">"),
        "{page}"
    );
    assert!(page.contains("<h2 id=\"-access\">"), "{page}");
    // Raw HTML anchors survive sanitising.
    assert!(page.contains("<a name=\"legacy\">"), "{page}");
    assert!(page.contains("<div id=\"x\">"), "{page}");
    // Badges link to the page itself.
    assert!(
        page.contains("<a href=\"data-protection.html\"><img src=\"https://img.shields.io/badge/status-approved-green\""),
        "{page}"
    );
    // Percent-encoded, as GitHub writes it; a browser decodes it to the id.
    assert_eq!(
        href_of(&page, "Retention").as_deref(),
        Some("#%EF%B8%8F-data-retention")
    );
    assert_eq!(href_of(&page, "Legacy").as_deref(), Some("#legacy"));
    // GitHub's page script finds a fragment in another case too; here it is written as the id.
    assert_eq!(
        href_of(&page, "Access, as capitalised").as_deref(),
        Some("#-access")
    );
    // Readers' files are copied; README too (no Git host to link it on).
    assert_eq!(
        href_of(&page, "Evidence").as_deref(),
        Some("../docs/evidence.pdf")
    );
    assert_eq!(href_of(&page, "Read me").as_deref(), Some("../README.md"));
    assert_eq!(read(&repo.out().join("docs/evidence.pdf")), "%PDF-1.4\n");
    assert_eq!(
        read(&repo.out().join("README.md")).lines().next(),
        Some("# ISMS")
    );
    // The rest is text: nothing hidden, ignored or of the repository's own is copied.
    for text in ["CI", "Licence", "Backup", "Dependabot"] {
        assert_eq!(href_of(&page, text), None, "{text} is not linked");
        assert!(page.contains(text));
    }
    for never in [".github", "LICENSE", "scripts", "secrets.txt", ".git"] {
        assert!(!repo.out().join(never).exists(), "{never} was copied");
    }
    assert!(
        !page.contains("Edit this page"),
        "no repository, no edit link"
    );
}

#[test]
fn with_a_repository_files_are_linked_on_the_git_host() {
    let repo = repository(&format!("\n[repository]\nurl = \"{REPO_URL}\"\n"));
    let (_, report) = repo.check(&[]);
    assert_eq!(findings_of(&report, "link-outside-handbook"), []);
    assert_eq!(
        findings_of(&report, "broken-link").len(),
        7,
        "{}",
        report.dump()
    );
    repo.build(&[]).expect(1);
    let page = repo.page("policies/data-protection.html");
    let blob = |p: &str| format!("{REPO_URL}/blob/main/{p}");
    assert_eq!(href_of(&page, "CI"), Some(blob(".github/workflows/ci.yml")));
    assert_eq!(href_of(&page, "Licence"), Some(blob("LICENSE")));
    // Folders are listed on the Git host.
    let tree = |p: &str| format!("{REPO_URL}/tree/main/{p}");
    assert_eq!(href_of(&page, "All policies"), Some(tree("policies")));
    assert_eq!(href_of(&page, "Workflows"), Some(tree(".github/workflows")));
    assert_eq!(href_of(&page, "Backup"), Some(blob("scripts/backup.sh")));
    assert_eq!(href_of(&page, "Read me"), Some(blob("README.md")));
    assert_eq!(
        href_of(&page, "Dependabot"),
        Some(blob(".github/dependabot.yml#L3"))
    );
    assert!(
        page.contains(&format!(
            "<img src=\"{REPO_URL}/raw/main/.github/architecture.png\" alt=\"Architecture\""
        )),
        "{page}"
    );
    // A file readers open is still copied.
    assert_eq!(
        href_of(&page, "Evidence").as_deref(),
        Some("../docs/evidence.pdf")
    );
    assert!(!repo.out().join("README.md").exists());
    assert!(!repo.out().join(".github").exists());
    assert_eq!(
        href_of(&page, "Edit this page"),
        Some(format!("{REPO_URL}/edit/main/policies/data-protection.md"))
    );
    assert_eq!(
        href_of(&page, "View history"),
        Some(format!(
            "{REPO_URL}/commits/main/policies/data-protection.md"
        ))
    );
}

#[test]
fn a_content_folder_inside_the_repository_and_gitlab_addresses() {
    // The content folder is `content/` of the Git repository: found from Git.
    let repo = repository(
        "\n[repository]\nurl = \"https://gitlab.example.com/acme/isms.git/\"\nbranch = \"release/2026\"\n",
    );
    git(repo.tmp(), &["init", "-q"]);
    repo.build(&[]).expect(1);
    let page = repo.page("policies/data-protection.html");
    let base = "https://gitlab.example.com/acme/isms";
    assert_eq!(
        href_of(&page, "Licence"),
        Some(format!("{base}/-/blob/release/2026/content/LICENSE"))
    );
    assert_eq!(
        href_of(&page, "Edit this page"),
        Some(format!(
            "{base}/-/edit/release/2026/content/policies/data-protection.md"
        ))
    );
    // Set in the file, the path wins; names are percent-encoded.
    let repo = repository(&format!(
        "\n[repository]\nurl = \"{REPO_URL}\"\npath = \"ISMS handbook\"\nhost = \"gitlab\"\n"
    ));
    repo.write("policies/Über uns.md", Fm::new("POL-003").doc("Text\n"));
    repo.build(&[]).expect(1);
    let page = repo.page("policies/Über uns.html");
    assert_eq!(
        href_of(&page, "View history"),
        Some(format!(
            "{REPO_URL}/-/commits/main/ISMS%20handbook/policies/%C3%9Cber%20uns.md"
        ))
    );
}

#[test]
fn raw_html_shown_as_text_has_no_anchors() {
    let repo = repository("\n[markdown]\nraw_html = \"escape\"\n");
    let (_, report) = repo.check(&[]);
    let broken = findings_of(&report, "broken-link");
    assert!(broken.contains(&dp("(#legacy)")), "{}", report.dump());
    assert!(broken.contains(&dp("(#x)")), "{}", report.dump());
    assert!(!broken.contains(&dp("(#-access)")), "{}", report.dump());
}

#[test]
fn a_bad_repository_address_is_a_configuration_error() {
    for (url, says) in [
        ("https://token:x@github.com/acme/isms", "credentials"),
        ("ftp://github.com/acme/isms", "https"),
        ("https://github.com/acme/isms?tab=readme", "query"),
        ("github.com/acme/isms", "not a web address"),
        ("javascript:alert(1)//", "https"),
    ] {
        let repo = repository(&format!("\n[repository]\nurl = \"{url}\"\n"));
        let run = repo.check_human(&[]);
        run.expect(2);
        assert!(
            run.stderr.contains("[repository] url") && run.stderr.contains(says),
            "{url}: {}",
            run.stderr
        );
    }
    let repo = repository("\n[repository]\nurl = \"https://github.com/a/b\"\nbranch = \"a b\"\n");
    repo.check_human(&[]).expect(2);
}

#[test]
fn diff_reads_the_same_links_from_git_revisions() {
    let repo = repository("");
    git(repo.root(), &["init", "-q"]);
    git(repo.root(), &["add", "."]);
    git(repo.root(), &["commit", "-q", "-m", "One"]);
    // The next commit fixes the anchor written without the variation selector.
    let fixed = DATA_PROTECTION.replace("(#-data-retention)", "(#%EF%B8%8F-data-retention)");
    repo.doc(
        "policies/data-protection.md",
        &Fm::new("POL-001").title("Data Protection Policy"),
        &fixed,
    );
    git(repo.root(), &["commit", "-q", "-am", "Two"]);
    // From the first commit to the working tree: a link the revision resolved otherwise than
    // the work tree (`.github/` is hidden in both) would show as a change.
    let run = ismsbook(&[
        "diff",
        "HEAD~1",
        "-C",
        &path_str(repo.root()),
        "--format",
        "json",
        "--today",
        TODAY,
    ]);
    run.expect(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let text = v.to_string();
    // Only the fixed anchor changes: the links into `.github/` (in the commit, hidden) and
    // the rest resolve in both revisions as in the work tree.
    assert!(text.contains("#-data-retention"), "{text}");
    for same in [
        "ci.yml",
        "LICENSE",
        "backup.sh",
        "dependabot.yml",
        "#nowhere",
    ] {
        assert!(
            !text.contains(same),
            "{same} changed between revisions: {text}"
        );
    }
}
