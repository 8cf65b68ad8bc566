//! The site pages of frameworks beyond Annex A (`frameworks/`): the overview with coverage
//! (implemented apart from covered via mapping), a framework's controls, a page per control,
//! the documents × frameworks matrix, and what Annex A and document pages gain. A site without
//! `[[frameworks]]` has none of it.

mod common;

use common::*;

const TOML: &str = r#"
[[frameworks]]
id = "csf"
catalog = "nist-csf-2.0"
applicability = "frameworks/csf-applicability.yaml"

[[frameworks]]
id = "acme"
catalog = "frameworks/acme-baseline.yaml"

[[mappings]]
from = "csf"
to = "iso27001"
file = "frameworks/csf-to-iso27001.yaml"
"#;

/// As an applicability file is kept (written with a BOM and CRLF): comments, a justification,
/// a CSF id with its prefix.
const APPLICABILITY: &str = r#"# CSF 2.0 applicability, agreed with the CISO 2026-02-10
PR.AA-06:
  applicable: false
  justification: "No premises of our own: we work remotely & in co-working spaces"
csf:GV.OC-01:
  applicable: true
  note: Mission statement reviewed yearly
"#;

/// The crosswalk, one entry a line (the entry on line 4 is read backwards by A.5.26).
const CROSSWALK: &str = r#"# NIST CSF 2.0 → ISO/IEC 27001:2022 (informative references)
csf:GV.PO-01: {to: [A.5.1], relationship: subset-of}
csf:PR.AA-01: {to: [A.5.16, A.5.17], relationship: subset-of, note: "Identities and credentials"}
csf:RS.MA-01: {to: [A.5.26], relationship: equivalent-to}
"#;

/// A catalog of the organisation's own, whose statement holds markup and an ampersand.
const ACME: &str = r#"name: ACME Security Baseline
controls:
  - id: BK-1
    title: Encrypted backups
    group: Operations
    statement: "Backups are encrypted <script>alert(1)</script> & keys kept apart"
  - id: BK-2
    title: Restore tests
    group: Operations
"#;

const POLICY: &str = r#"---
id: POL-001
title: Information Security Policy
type: policy
owner: CISO
version: "2.1"
status: approved
approver: Managing Director
approved_on: 2026-02-01
last_reviewed: 2026-02-01
controls:
  - A.5.1
  - A.5.16
  - "csf:RS.MA-01"
  - "acme:BK-1"
---
# Information Security Policy

## Purpose

This policy sets out how ACME GmbH protects the confidentiality, integrity and availability of
the information it handles. 🔐

## Incidents

Security incidents are reported to the CISO without delay and handled with our suppliers.
"#;

/// A draft still in review, with Windows line endings as an editor on Windows saves it.
const DRAFT: &str = r#"---
id: PRC-007
title: Incident Response Procedure
type: procedure
owner: Head of IT
version: "0.3"
status: draft
last_reviewed: 2026-01-15
controls: [A.5.26, "csf:RS.MA-01"]
---
# Incident Response Procedure

| Step | Who | When |
|------|-----|------|
| Triage | On-call engineer | 30 min |
"#;

fn repo() -> Repo {
    let repo = Repo::new();
    repo.write("ismsbook.toml", format!("{QUIET_GLOBALS}{TOML}"));
    repo.write(
        "frameworks/csf-applicability.yaml",
        format!("\u{feff}{}", APPLICABILITY.replace('\n', "\r\n")),
    );
    repo.write("frameworks/csf-to-iso27001.yaml", CROSSWALK);
    repo.write("frameworks/acme-baseline.yaml", ACME);
    repo.write("policies/information-security.md", POLICY);
    repo.write(
        "procedures/incident-response.md",
        DRAFT.replace('\n', "\r\n"),
    );
    repo
}

fn built() -> Repo {
    let repo = repo();
    let run = repo.build(&["--drafts"]);
    assert!(
        repo.out().join("index.html").is_file(),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    repo
}

/// The number in the cell `data-coverage="<kind>"` of the table row with id `row`.
#[track_caller]
fn cell(html: &str, row: &str, kind: &str) -> usize {
    let start = html
        .find(&format!("<tr id=\"{row}\""))
        .unwrap_or_else(|| panic!("no row {row}"));
    let tr = &html[start..start + html[start..].find("</tr>").unwrap_or(0)];
    let marker = format!("data-coverage=\"{kind}\">");
    let at = tr
        .find(&marker)
        .unwrap_or_else(|| panic!("no {kind} in {tr}"))
        + marker.len();
    let n = &tr[at..at + tr[at..].find('<').unwrap_or(0)];
    n.parse().unwrap_or_else(|_| panic!("{n:?} in {tr}"))
}

#[test]
fn every_framework_page_is_written_and_links_resolve() {
    let repo = built();
    for page in [
        "frameworks/index.html",
        "frameworks/matrix.html",
        "frameworks/csf/index.html",
        "frameworks/csf/PR.AA-01.html",
        "frameworks/csf/PR.AA.html",
        "frameworks/csf/ID.AM-06.html",
        "frameworks/acme/index.html",
        "frameworks/acme/BK-1.html",
    ] {
        assert!(repo.out().join(page).is_file(), "{page} missing");
        assert!(duplicate_ids(&repo.page(page)).is_empty(), "{page}");
    }
    assert_eq!(broken_internal_links(&repo.out()), Vec::<String>::new());
    assert_links_relative(&repo.out());
    let nav = repo.page("documents/index.html");
    assert!(has_link(
        "documents/index.html",
        &nav,
        "frameworks/index.html",
        "Frameworks"
    ));
}

#[test]
fn coverage_keeps_implemented_apart_from_covered_via_mapping() {
    let repo = built();
    for (page, prefix) in [("frameworks/index.html", "fw-"), ("index.html", "dash-fw-")] {
        let html = repo.page(page);
        let csf = format!("{prefix}csf");
        // RS.MA-01 by the approved policy (the draft does not count).
        assert_eq!(cell(&html, &csf, "implemented"), 1, "{page}");
        // GV.PO-01 is a subset of A.5.1, which the policy implements.
        assert_eq!(cell(&html, &csf, "via-mapping"), 1, "{page}");
        // PR.AA-01 maps to A.5.16 (implemented) and A.5.17 (not).
        assert_eq!(cell(&html, &csf, "partial-via-mapping"), 1, "{page}");
        let annex = format!("{prefix}iso27001");
        assert_eq!(cell(&html, &annex, "implemented"), 2, "{page}");
        // A.5.26 is equivalent to RS.MA-01, read from the other side.
        assert_eq!(cell(&html, &annex, "via-mapping"), 1, "{page}");
        assert_eq!(
            cell(&html, &format!("{prefix}acme"), "implemented"),
            1,
            "{page}"
        );
    }
    let overview = repo.page("frameworks/index.html");
    // Annex A first, linking its own index.
    let annex = overview.find("id=\"fw-iso27001\"").unwrap_or(usize::MAX);
    assert!(annex < overview.find("id=\"fw-csf\"").unwrap_or(0));
    assert!(has_link(
        "frameworks/index.html",
        &overview,
        "controls/index.html",
        "ISO/IEC 27001:2022 Annex A"
    ));
    let crosswalks = section(&overview, "isb-crosswalks");
    assert!(
        crosswalks
            .contains("<code>frameworks/csf-to-iso27001.yaml</code></td><td class=\"num\">3</td>"),
        "{crosswalks}"
    );
}

#[test]
fn the_framework_page_lists_controls_by_group_and_withdrawn_ones_folded() {
    let repo = built();
    let page = "frameworks/csf/index.html";
    let html = repo.page(page);
    // Function, then category (a link to its page), then the subcategory rows.
    let function = html
        .find("<span class=\"doc-id\">GV</span> GOVERN</h2>")
        .expect("the function as h2");
    let category = html
        .find("<span class=\"doc-id\">GV.OC</span> Organizational Context</a></h3>")
        .expect("the category as h3, linking its page");
    let row = html.find("GV.OC-01</a>").expect("the subcategory row");
    assert!(function < category && category < row);
    assert!(has_link(
        page,
        &html,
        "frameworks/csf/GV.OC-01.html",
        "GV.OC-01"
    ));
    assert!(html.contains("<span class=\"badge badge-via-mapping\">Covered via mapping</span>"));
    assert!(html.contains("<span class=\"badge badge-implemented\">Implemented</span>"));
    let folded = html
        .find("<details class=\"withdrawn\">")
        .expect("withdrawn folded");
    let (current, details) = html.split_at(folded);
    assert!(has_link(
        page,
        details,
        "frameworks/csf/ID.AM-06.html",
        "ID.AM-06"
    ));
    assert!(has_link(
        page,
        details,
        "frameworks/csf/GV.RR-02.html",
        "GV.RR-02"
    ));
    // Withdrawn ones only there.
    assert!(!current.contains("ID.AM-06"));
}

#[test]
fn a_control_page_lists_its_documents_and_mapped_annex_a_controls() {
    let repo = built();
    let page = "frameworks/csf/RS.MA-01.html";
    let html = repo.page(page);
    assert!(html.contains(
        "The incident response plan is executed in coordination with relevant third parties"
    ));
    let implemented = section(&html, "isb-implemented-by");
    assert!(has_link(
        page,
        implemented,
        "policies/information-security.html",
        "POL-001 Information Security Policy"
    ));
    assert!(implemented.contains("CISO"));
    let drafts = section(&html, "isb-not-approved");
    assert!(has_link(
        page,
        drafts,
        "procedures/incident-response.html",
        "PRC-007 Incident Response Procedure"
    ));
    let mapped = section(&html, "isb-mapped");
    assert!(
        has_link(page, mapped, "controls/A.5.26.html", "A.5.26"),
        "{mapped}"
    );
    assert!(mapped.contains("equivalent-to"));
    assert!(mapped.contains("frameworks/csf-to-iso27001.yaml:4"));
    // A.5.26 is named only by the draft: not implemented.
    assert!(mapped.contains("not implemented"));

    let page = "frameworks/csf/PR.AA-01.html";
    let html = repo.page(page);
    let mapped = section(&html, "isb-mapped");
    assert!(has_link(page, mapped, "controls/A.5.16.html", "A.5.16"));
    assert!(has_link(page, mapped, "controls/A.5.17.html", "A.5.17"));
    assert!(mapped.contains("subset-of"));
    assert!(mapped.contains("Identities and credentials"));
    assert!(html.contains("badge-partial-via-mapping"));

    // An exclusion from the applicability file, its reason and where it is written.
    let html = repo.page("frameworks/csf/PR.AA-06.html");
    assert!(html.contains("No — excluded"));
    assert!(html.contains("we work remotely &amp; in co-working spaces"));
    assert!(
        html.contains("frameworks/csf-applicability.yaml:2"),
        "{html}"
    );
}

#[test]
fn annex_a_pages_show_the_mapping_from_the_other_side() {
    let repo = built();
    let page = "controls/A.5.1.html";
    let html = repo.page(page);
    let mapped = section(&html, "isb-mapped");
    assert!(
        has_link(page, mapped, "frameworks/csf/GV.PO-01.html", "GV.PO-01"),
        "{mapped}"
    );
    // GV.PO-01 is a subset of A.5.1: A.5.1 is a superset of GV.PO-01.
    assert!(
        mapped.contains("superset-of") && !mapped.contains(">subset-of<"),
        "{mapped}"
    );
    assert!(mapped.contains("frameworks/csf-to-iso27001.yaml:2"));
    // A control no crosswalk names has no such section.
    assert!(!repo.page("controls/A.8.1.html").contains("isb-mapped"));
    // The document page lists its framework controls beside the Annex A ones.
    let page = "policies/information-security.html";
    let html = repo.page(page);
    assert!(has_link(
        page,
        &html,
        "frameworks/csf/RS.MA-01.html",
        "csf:RS.MA-01"
    ));
    assert!(has_link(
        page,
        &html,
        "frameworks/acme/BK-1.html",
        "acme:BK-1"
    ));
    assert!(has_link(page, &html, "controls/A.5.1.html", "A.5.1"));
}

#[test]
fn a_withdrawn_control_names_its_successors_as_links() {
    let repo = built();
    let page = "frameworks/csf/ID.AM-06.html";
    let html = repo.page(page);
    assert!(html.contains("Withdrawn from NIST Cybersecurity Framework 2.0"));
    assert!(has_link(
        page,
        &html,
        "frameworks/csf/GV.RR-02.html",
        "GV.RR-02"
    ));
    assert!(has_link(
        page,
        &html,
        "frameworks/csf/GV.SC-02.html",
        "GV.SC-02"
    ));
}

#[test]
fn matrix_cells_link_each_documents_controls() {
    let repo = built();
    let page = "frameworks/matrix.html";
    let html = repo.page(page);
    let row = &html[html.find("POL-001</a>").expect("policy row")..];
    let row = &row[..row.find("</tr>").unwrap_or(row.len())];
    assert!(has_link(page, row, "controls/A.5.1.html", "A.5.1"));
    assert!(has_link(
        page,
        row,
        "frameworks/csf/RS.MA-01.html",
        "RS.MA-01"
    ));
    assert!(has_link(page, row, "frameworks/acme/BK-1.html", "BK-1"));
    assert!(has_link(
        page,
        &html,
        "procedures/incident-response.html",
        "PRC-007"
    ));
}

#[test]
fn a_user_catalogs_statement_is_escaped() {
    let repo = built();
    for page in ["frameworks/acme/BK-1.html", "frameworks/acme/index.html"] {
        let html = repo.page(page);
        assert!(!html.contains("<script>alert(1)"), "{page}");
    }
    let html = repo.page("frameworks/acme/BK-1.html");
    assert!(
        html.contains(
            "Backups are encrypted &lt;script&gt;alert(1)&lt;/script&gt; &amp; keys kept apart"
        ),
        "{html}"
    );
}

#[test]
fn a_site_without_frameworks_has_no_frameworks_pages() {
    let repo = Repo::new();
    repo.write("ismsbook.toml", QUIET_GLOBALS);
    repo.write(
        "policies/information-security.md",
        POLICY.replace("  - \"csf:RS.MA-01\"\n  - \"acme:BK-1\"\n", ""),
    );
    repo.build(&[]);
    assert!(repo.out().join("index.html").is_file());
    assert!(!repo.out().join("frameworks").exists());
    for page in [
        "index.html",
        "controls/A.5.1.html",
        "policies/information-security.html",
    ] {
        let html = repo.page(page);
        assert!(!html.contains("frameworks/"), "{page}");
        assert!(!html.contains("isb-mapped"), "{page}");
    }
}

#[test]
fn a_document_cannot_take_a_framework_pages_path() {
    let repo = repo();
    repo.write(
        "frameworks/csf/PR.AA-01.md",
        "---\nid: NOTE-1\ntitle: Notes\nowner: CISO\nstatus: approved\nversion: \"1\"\nlast_reviewed: 2026-02-01\n---\n# Notes\n",
    );
    let run = repo.build(&[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("frameworks/csf/PR.AA-01.html"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_watch_rebuild_writes_the_framework_pages_a_full_build_does() {
    use std::collections::HashSet;
    let repo = repo();
    let watched = repo.tmp().join("watched");
    let mut session = common::watch_session(repo.root(), &watched);
    session.rebuild(&HashSet::new()).expect("first build");
    // The policy implements GV.PO-01 instead of RS.MA-01: A.5.26, which it does not name,
    // shows RS.MA-01 no longer implemented and loses its coverage via mapping.
    let rel = "policies/information-security.md";
    let text = POLICY.replace("\"csf:RS.MA-01\"", "\"csf:GV.PO-01\"");
    repo.write(rel, &text);
    let rebuilt = session
        .rebuild(&HashSet::from([rel.to_owned()]))
        .expect("rebuild after the save");
    assert!(rebuilt.rendered.is_some(), "an incremental rebuild");
    let full = repo.tmp().join("full");
    repo.build_to(&full, &[]);
    let (a, b) = (snapshot(&watched), snapshot(&full));
    let names = |m: &std::collections::BTreeMap<String, Vec<u8>>| -> Vec<String> {
        m.keys()
            .filter(|k| !k.starts_with(".ismsbook"))
            .cloned()
            .collect()
    };
    assert_eq!(names(&a), names(&b));
    for name in names(&a) {
        assert!(a[&name] == b[&name], "{name} differs from a full build's");
    }
    let page = String::from_utf8_lossy(&a["frameworks/csf/GV.PO-01.html"]);
    assert!(page.contains("POL-001 Information Security Policy"));
}

/// A catalog's ids are the author's text: pages get file names safe for any of them, distinct
/// even where the file system ignores case, and never the framework's own index.
#[test]
fn control_pages_of_awkward_ids_stay_in_their_folder_and_apart() {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        format!("{QUIET_GLOBALS}[[frameworks]]\nid = \"own\"\ncatalog = \"own.csv\"\n"),
    );
    repo.write(
        "own.csv",
        "id,title,group\r\nindex,Index control,General\r\nAC-1,Access,General\r\nac-1,Access again,General\r\n../escape,Escape,General\r\nA/B,Slash,General\r\nctl?x#y,Query,General\r\n",
    );
    let run = repo.build(&[]);
    let folder = repo.out().join("frameworks/own");
    for name in [
        "index.html",
        "index-2.html",
        "AC-1.html",
        "ac-1-2.html",
        "_.._escape.html",
        "A_B.html",
        "ctl_x_y.html",
    ] {
        assert!(folder.join(name).is_file(), "{name}: {}", run.stderr);
    }
    assert!(!repo.out().join("frameworks/escape.html").exists());
    assert_eq!(broken_internal_links(&repo.out()), Vec::<String>::new());
    let page = "frameworks/own/index.html";
    let html = repo.page(page);
    assert!(has_link(page, &html, "frameworks/own/ac-1-2.html", "ac-1"));
    assert!(has_link(
        page,
        &html,
        "frameworks/own/index-2.html",
        "index"
    ));
    let sitemap = repo.page("sitemap.xml");
    assert!(
        sitemap.contains("<loc>frameworks/own/A_B.html</loc>"),
        "{sitemap}"
    );
}

/// `unmapped-control` about a CSF requirement is shown on its page, and the dashboard's finding
/// links there (not to a page under controls/, which only Annex A has).
#[test]
fn findings_about_a_frameworks_control_link_its_page() {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        "[[frameworks]]\nid = \"csf\"\ncatalog = \"nist-csf-2.0\"\n",
    );
    repo.write(
        "policies/information-security.md",
        POLICY.replace("  - \"acme:BK-1\"\n", ""),
    );
    repo.build(&[]);
    let dashboard = repo.page("index.html");
    assert!(
        dashboard.contains(
            "<a class=\"location\" href=\"frameworks/csf/GV.OC-01.html\">csf:GV.OC-01</a>"
        ),
        "no link to GV.OC-01's page"
    );
    assert!(!dashboard.contains("controls/csf:"));
    let page = repo.page("frameworks/csf/GV.OC-01.html");
    assert!(section(&page, "isb-findings").contains("unmapped-control"));
    assert_eq!(broken_internal_links(&repo.out()), Vec::<String>::new());
}
