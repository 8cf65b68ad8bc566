//! Bodies written for GitHub render as GitHub renders them: Mermaid diagrams (drawn in the
//! browser by the vendored Mermaid, loaded only where a page has one), alerts, `<details>`,
//! task lists, footnotes, table alignment, and a leading H1 that repeats the title shown once.
//!
//! The fixture is written the way GitHub repositories are: CRLF line ends, emoji in headings,
//! badges under `<h1 align="center">`, no care for ismsbook.

mod common;

use common::*;
use std::sync::OnceLock;

const ACCESS: &str = "---\r\nid: POL-001\r\ntitle: Access Control Policy\r\ntype: policy\r\nowner: CISO\r\nversion: \"1.0\"\r\nstatus: approved\r\nlast_reviewed: 2026-06-01\r\n---\r\n\
# 🛡️ Access **Control** Policy\r\n\
\r\n\
[![Status](https://img.shields.io/badge/status-approved-green)](https://github.com/example/isms/actions)\r\n\
\r\n\
## Purpose\r\n\
\r\n\
> [!WARNING]\r\n\
> Shared accounts are **not** allowed.\r\n\
\r\n\
> [!NOTE]\r\n\
> See the [incident plan](../plans/incident.md#scope).\r\n\
\r\n\
## Review\r\n\
\r\n\
- [x] Quarterly access review\r\n\
- [ ] Automated deprovisioning\r\n\
\r\n\
| Role | Access | Approver |\r\n\
|:-----|:------:|---------:|\r\n\
| Admin | Full | CISO |\r\n\
\r\n\
Privileged access is logged.[^log]\r\n\
\r\n\
[^log]: Kept for 12 months.\r\n";

const INCIDENT: &str = "---\r\nid: PLN-001\r\ntitle: Incident Response Plan\r\ntype: plan\r\nowner: CISO\r\nversion: \"1.0\"\r\nstatus: approved\r\nlast_reviewed: 2026-06-01\r\n---\r\n\
<h1 align=\"center\">\r\n\
  🚨 Incident Response Plan\r\n\
</h1>\r\n\
<p align=\"center\">\r\n\
  <img src=\"https://img.shields.io/badge/ISO%2027001-A.5.24-blue\" alt=\"ISO 27001 A.5.24\">\r\n\
</p>\r\n\
\r\n\
## Scope\r\n\
\r\n\
```mermaid\r\n\
flowchart TD\r\n\
    A[Report] --> B{Severity?}\r\n\
    B -->|High| C[\"Call <b>CISO</b>\"]\r\n\
```\r\n\
\r\n\
> [!CAUTION]\r\n\
> Do not power off affected machines.\r\n\
\r\n\
<details>\r\n\
<summary>Contact list</summary>\r\n\
\r\n\
- Security desk\r\n\
\r\n\
</details>\r\n\
\r\n\
Back to [the policy](../policies/access-control.md) and [the standard](../standards/passwords.md#password-standard).\r\n";

/// A setext H1 equal to the title, and a body H1 that is another heading.
const SETEXT: &str = "---\nid: STD-001\ntitle: Password Standard\ntype: standard\nowner: CISO\nversion: \"1.0\"\nstatus: approved\nlast_reviewed: 2026-06-01\n---\nPassword **standard**\n====================\n\nText.\n";
const OTHER_H1: &str = "---\nid: STD-002\ntitle: Cryptography Standard\ntype: standard\nowner: CISO\nversion: \"1.0\"\nstatus: approved\nlast_reviewed: 2026-06-01\n---\n# Appendix: Key Lengths\n\nText.\n";
const TIPS: &str = "---\nid: GDL-001\ntitle: Tips\ntype: guideline\nowner: CISO\nversion: \"1.0\"\nstatus: approved\nlast_reviewed: 2026-06-01\n---\n> [!TIP]\n> Lock your screen.\n\n> [!IMPORTANT]\n> Report phishing.\n\n```mermaid\ngraph TD\n  A --> B --\n```\n";

fn github() -> &'static Repo {
    static REPO: OnceLock<Repo> = OnceLock::new();
    REPO.get_or_init(|| {
        let repo = Repo::shared("github-rendering");
        repo.quiet_globals()
            .write("policies/access-control.md", ACCESS)
            .write("plans/incident.md", INCIDENT)
            .write("standards/passwords.md", SETEXT)
            .write("standards/crypto.md", OTHER_H1)
            .write("guidelines/tips.md", TIPS);
        repo.build(&[]).expect(0);
        repo
    })
}

/// The `<h1` elements of a document page's article (the layout has none of its own).
fn h1s(html: &str) -> Vec<&str> {
    html.match_indices("<h1")
        .map(|(at, _)| {
            let end = html[at..].find("</h1>").map_or(html.len(), |e| at + e + 5);
            &html[at..end]
        })
        .collect()
}

/// A document's section of print.html.
fn print_section<'a>(print: &'a str, anchor: &str) -> &'a str {
    let start = print
        .find(&format!("<article class=\"print-doc\" id=\"{anchor}\""))
        .unwrap_or_else(|| panic!("no section {anchor} in print.html"));
    let end = print[start..]
        .find("</article>")
        .map_or(print.len(), |e| start + e);
    &print[start..end]
}

#[test]
fn a_markdown_h1_that_repeats_the_title_is_shown_once_and_its_id_lands_on_the_title() {
    let repo = github();
    let page = repo.page("policies/access-control.html");
    let h1 = h1s(&page);
    assert_eq!(h1.len(), 1, "{h1:#?}");
    // The template's title, with the dropped heading's id: links to it land on the title.
    assert!(
        h1[0].starts_with("<h1 id=\"")
            && h1[0].ends_with(">Access Control Policy</h1>")
            && !h1[0].contains("🛡"),
        "{}",
        h1[0]
    );
    let id = attr_values(h1[0], "id").remove(0);
    // Not in the page's contents; the headings after keep their ids.
    assert!(!section_of(&page, "toc").contains(&id), "{page}");
    assert!(page.contains("<h2 id=\"purpose\">Purpose</h2>"), "{page}");
    // The badge under the heading stays.
    assert!(
        page.contains("img.shields.io/badge/status-approved"),
        "{page}"
    );

    let print = repo.page("print.html");
    let section = print_section(&print, "doc-pol-001");
    let h1 = h1s(section);
    assert_eq!(h1.len(), 1, "{h1:#?}");
    assert!(
        h1[0].contains("<span id=\"doc-pol-001--") && h1[0].contains("Access Control Policy"),
        "{}",
        h1[0]
    );
}

/// The part of `html` from the element with class `class` to its first closing `</nav>`.
fn section_of<'a>(html: &'a str, class: &str) -> &'a str {
    match html.find(&format!("class=\"{class}\"")) {
        Some(start) => {
            let end = html[start..]
                .find("</nav>")
                .map_or(html.len(), |e| start + e);
            &html[start..end]
        }
        None => "",
    }
}

#[test]
fn an_html_h1_that_repeats_the_title_is_dropped_and_the_badges_after_it_stay() {
    let repo = github();
    let page = repo.page("plans/incident.html");
    let h1 = h1s(&page);
    assert_eq!(h1.len(), 1, "{h1:#?}");
    assert!(h1[0].ends_with(">Incident Response Plan</h1>"), "{}", h1[0]);
    assert!(!page.contains("🚨"), "{page}");
    assert!(
        page.contains("<p align=\"center\">") && page.contains("alt=\"ISO 27001 A.5.24\""),
        "the badges of the title's HTML block are gone:\n{page}"
    );
    let print = repo.page("print.html");
    assert_eq!(h1s(print_section(&print, "doc-pln-001")).len(), 1);
}

#[test]
fn setext_titles_are_dropped_and_other_h1s_kept() {
    let repo = github();
    let page = repo.page("standards/passwords.html");
    let h1 = h1s(&page);
    assert_eq!(h1.len(), 1, "{page}");
    // A link to the dropped heading lands on the title.
    assert!(
        h1[0].starts_with("<h1 id=\"password-standard\">"),
        "{}",
        h1[0]
    );
    let incident = repo.page("plans/incident.html");
    assert!(
        has_link(
            "plans/incident.html",
            &incident,
            "standards/passwords.html#password-standard",
            "the standard"
        ),
        "{incident}"
    );
    let page = repo.page("standards/crypto.html");
    let h1 = h1s(&page);
    assert_eq!(h1.len(), 2, "{h1:#?}");
    assert!(h1[1].contains("Appendix: Key Lengths"), "{}", h1[1]);
    // Nothing was dropped: the title carries no id of the body's.
    assert!(h1[0].starts_with("<h1>"), "{}", h1[0]);
}

#[test]
fn mermaid_blocks_are_escaped_source_for_the_browser_and_only_their_pages_load_mermaid() {
    let repo = github();
    let page = repo.page("plans/incident.html");
    assert!(
        page.contains("<pre class=\"mermaid-source\">flowchart TD\n")
            && page.contains("Call &lt;b&gt;CISO&lt;/b&gt;"),
        "{page}"
    );
    assert!(!page.contains("language-mermaid"), "highlighted: {page}");
    assert!(!page.contains("<b>CISO"), "{page}");
    assert!(
        page.contains("<script src=\"../assets/mermaid.min.js\" defer></script>")
            && page.contains("<script src=\"../assets/diagrams.js\" defer></script>"),
        "{page}"
    );
    // The vendored file and its licence are written, as built in.
    let vendored = std::fs::read(repo.out().join("assets/mermaid.min.js")).unwrap();
    assert_eq!(
        vendored,
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("theme/assets/vendor/mermaid.min.js")
        )
        .unwrap()
    );
    assert!(repo.out().join("assets/mermaid.LICENSE.txt").is_file());
    assert!(repo.out().join("assets/diagrams.js").is_file());
    // Pages without a diagram do not load it.
    for rel in html_files(&repo.out()) {
        let html = repo.page(&rel);
        let loads = html.contains("mermaid.min.js");
        let has = html.contains("class=\"mermaid-source\"");
        if rel == "print.html" {
            assert!(loads && has, "print.html: {loads} {has}");
        } else {
            assert_eq!(
                loads, has,
                "{rel} loads Mermaid: {loads}, has a diagram: {has}"
            );
        }
    }
    assert!(!repo
        .page("policies/access-control.html")
        .contains("diagrams.js"));
}

#[test]
fn a_site_without_diagrams_has_no_mermaid() {
    let repo = Repo::new();
    repo.quiet_globals()
        .write("standards/passwords.md", SETEXT)
        // "mermaid" in text and in a code block of another language is no diagram.
        .write(
            "policies/tools.md",
            Fm::new("POL-002").doc("We draw with Mermaid.\n\n```text\nmermaid\n```\n"),
        );
    repo.build(&[]).expect(0);
    for f in ["mermaid.min.js", "mermaid.LICENSE.txt", "diagrams.js"] {
        assert!(!repo.out().join("assets").join(f).exists(), "{f} written");
    }
    for rel in html_files(&repo.out()) {
        assert!(!repo.page(&rel).contains("mermaid.min.js"), "{rel}");
    }
}

#[test]
fn the_theme_can_replace_mermaid() {
    let repo = Repo::new();
    repo.quiet_globals()
        .write("plans/incident.md", INCIDENT)
        .write("policies/access-control.md", ACCESS)
        .write("standards/passwords.md", SETEXT)
        .write("theme/assets/mermaid.min.js", "window.mermaid = null;\n");
    repo.build(&[]).expect(0);
    assert_eq!(
        repo.page("assets/mermaid.min.js"),
        "window.mermaid = null;\n"
    );
}

#[test]
fn alerts_are_titled_boxes_on_pages_and_in_print() {
    let repo = github();
    let tips = repo.page("guidelines/tips.html");
    for (class, word) in [("tip", "Tip"), ("important", "Important")] {
        assert!(
            tips.contains(&format!(
                "<div class=\"markdown-alert markdown-alert-{class}\">\n<p class=\"markdown-alert-title\">{word}</p>"
            )),
            "{class}: {tips}"
        );
    }
    assert!(!tips.contains("<blockquote"), "{tips}");
    let policy = repo.page("policies/access-control.html");
    assert!(
        policy.contains("<div class=\"markdown-alert markdown-alert-warning\">\n<p class=\"markdown-alert-title\">Warning</p>\n<p>Shared accounts are <strong>not</strong> allowed.</p>\n</div>"),
        "{policy}"
    );
    assert!(policy.contains("markdown-alert-note"), "{policy}");
    // Sanitised (the body has raw HTML) and in print.html.
    let incident = repo.page("plans/incident.html");
    assert!(
        incident.contains("<div class=\"markdown-alert markdown-alert-caution\">\n<p class=\"markdown-alert-title\">Caution</p>"),
        "{incident}"
    );
    let print = repo.page("print.html");
    assert!(
        print_section(&print, "doc-pln-001").contains("markdown-alert-caution"),
        "{print}"
    );
    let css = repo.page("assets/style.css");
    for kind in ["note", "tip", "important", "warning", "caution"] {
        assert!(
            css.contains(&format!(".markdown-alert-{kind} {{")),
            "{kind}"
        );
    }
}

#[test]
fn details_task_lists_footnotes_and_table_alignment_survive() {
    let repo = github();
    let incident = repo.page("plans/incident.html");
    assert!(
        incident.contains("<details>") && incident.contains("<summary>Contact list</summary>"),
        "{incident}"
    );
    let policy = repo.page("policies/access-control.html");
    assert!(
        policy.contains("<input type=\"checkbox\" disabled checked aria-label=\"done\">")
            && policy.contains("<input type=\"checkbox\" disabled aria-label=\"not done\">"),
        "{policy}"
    );
    assert!(
        policy.contains("<th style=\"text-align: center\">Access</th>")
            && policy.contains("<td style=\"text-align: right\">CISO</td>"),
        "{policy}"
    );
    assert!(
        policy.contains("<sup class=\"footnote-reference\"><a href=\"#log\">1</a></sup>")
            && policy.contains("<div class=\"footnote-definition\" id=\"log\">"),
        "{policy}"
    );
    // The same through the sanitiser: a body with raw HTML.
    let repo = Repo::new();
    repo.quiet_globals().write(
        "policies/a.md",
        Fm::new("POL-001").doc(
            "<div align=\"center\">Logo</div>\n\n- [x] done\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n\nNote.[^n]\n\n[^n]: Text.\n\n<details open><summary>More</summary>\n\nHidden.\n\n</details>\n",
        ),
    );
    repo.build(&[]).expect(0);
    let page = repo.page("policies/a.html");
    for needle in [
        "<input type=\"checkbox\" disabled=\"\" checked=\"\" aria-label=\"done\">",
        "<th style=\"text-align:center\">a</th>",
        "<td style=\"text-align:right\">2</td>",
        "<sup class=\"footnote-reference\"><a href=\"#n\">1</a></sup>",
        "<div class=\"footnote-definition\" id=\"n\">",
        "<details open=\"\"><summary>More</summary>",
    ] {
        assert!(page.contains(needle), "{needle} not in:\n{page}");
    }
}
