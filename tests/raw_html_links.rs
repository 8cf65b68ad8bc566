//! Links written in raw HTML (`<a href>`, `<img src>`), as GitHub repositories write them: a
//! centred badge row, a table of contents in `<details>` with emoji anchors, an image, a
//! broken anchor and file, a link to `LICENSE`, a `javascript:` link (the sanitiser's, not a
//! broken link). They are checked and
//! written as the Markdown links beside them, with raw HTML sanitised and trusted, in the page
//! and in print.html.

mod common;

use common::*;

const REPO_URL: &str = "https://github.com/acme/isms";

/// The body of `data-protection.md` (its first line is file line 10).
const BODY: &str = "\
<h1 align=\"center\">🛡️ Data Protection Policy</h1>

<p align=\"center\">
  <a href=\"./access-control.md\"><img src=\"https://img.shields.io/badge/related-access%20control-blue\" alt=\"Access control\"></a> <a href=\"LICENSE\"><img src=\"https://img.shields.io/badge/licence-MIT-green\" alt=\"Licence\"></a>
</p>

<details>
<summary>📑 Table of contents</summary>

- <a href=\"#️-data-retention\">Data retention</a>
- <a href=\"#-asset-landscape-overview\">Asset landscape</a>
- <a href=\"#missing\">Nowhere</a>

</details>

<div align=\"center\"><img src=\"img/flow.png\" alt=\"Flow\" width=\"400\"></div>

See <a href=\"access-control.md#scope\">the scope</a>, <a href=\"missing.md\">the missing policy</a>,
<a href=\"draft.md\">the draft</a>, <a href=\"javascript:alert(1)\">a script</a>,
<a href=\"https://www.iso.org/standard/27001\">the standard</a> and
<a href=\"img/flow.png?raw=1&amp;v=2\">the flow, full size</a>.

## ⏱️ Data Retention

Kept for 7 years.

## 🗺️ Asset Landscape Overview

```html
<a href=\"in-code.md\">code, not a link</a>
```
";

/// The file line of the first body line holding `text`.
fn line_of(text: &str) -> u64 {
    line_in(BODY, text, 10)
}

fn repository(config: &str) -> Repo {
    let repo = Repo::new();
    repo.write("ismsbook.toml", format!("{QUIET_GLOBALS}{config}"))
        .doc(
            "data-protection.md",
            &Fm::new("POL-001").title("Data Protection Policy"),
            BODY,
        )
        .doc(
            "access-control.md",
            &Fm::new("POL-002").title("Access Control Policy"),
            "## Scope\n\nEveryone.\n",
        )
        .doc(
            "draft.md",
            &Fm::new("POL-003")
                .title("Secret Draft Title")
                .status("draft"),
            "Not yet.\n",
        )
        .write("LICENSE", "MIT License\n")
        .write("img/flow.png", "PNG");
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

fn dp(text: &str) -> (String, u64) {
    ("data-protection.md".to_owned(), line_of(text))
}

/// The start tag of the element whose content begins with `text` (for `<a>`), or of the
/// `<img>` with `alt="text"`.
fn tag_of<'p>(page: &'p str, text: &str) -> &'p str {
    let at = page
        .find(&format!(">{text}"))
        .or_else(|| page.find(&format!("alt=\"{text}\"")))
        .unwrap_or_else(|| panic!("{text} is on the page: {page}"));
    let start = page[..at].rfind('<').expect("a tag");
    let end = at + page[at..].find('>').expect("its end");
    &page[start..=end.min(page.len() - 1)]
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let from = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let to = tag[from..].find('"')?;
    Some(html_unescape(&tag[from..from + to]))
}

fn href(page: &str, text: &str) -> Option<String> {
    attr(tag_of(page, text), "href")
}

/// The `href` of the `<a>` around the image with `alt="alt"` (`None` without one).
fn href_around(page: &str, alt: &str) -> Option<String> {
    let at = page.find(&format!("alt=\"{alt}\"")).expect("the image");
    let start = page[..at].rfind("<a").expect("a link around it");
    let end = start + page[start..].find('>').expect("its end");
    attr(&page[start..=end], "href")
}

#[test]
fn raw_html_links_are_checked_as_markdown_links() {
    let repo = repository("");
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(
        findings_of(&report, "broken-link"),
        [
            dp("#-asset-landscape-overview"),
            dp("#missing"),
            dp("missing.md"),
        ],
        "{}",
        report.dump()
    );
    let broken = report.with_code("broken-link");
    let says = |dest: &str| {
        broken
            .iter()
            .find(|f| f.message.contains(dest))
            .unwrap_or_else(|| panic!("{dest}: {}", report.dump()))
            .message
            .clone()
    };
    // The hint offers the id as GitHub makes it, and how to write it.
    assert!(
        says("#-asset-landscape-overview").contains(
            "did you mean #\u{fe0f}-asset-landscape-overview (written #%EF%B8%8F-asset-landscape-overview)?"
        ),
        "{}",
        report.dump()
    );
    assert!(says("missing.md").contains("no document at missing.md"));
    // A script URL is the sanitiser's: removed, and noted as raw HTML is.
    assert_eq!(
        findings_of(&report, "raw-html-removed"),
        [dp("javascript:")],
        "{}",
        report.dump()
    );
    // The column is the attribute's.
    let f = broken
        .iter()
        .find(|f| f.message.contains("missing.md"))
        .expect("missing.md");
    let line = BODY
        .lines()
        .nth(line_of("missing.md") as usize - 10)
        .unwrap();
    let col = line[..line.find("href=\"missing.md").unwrap()]
        .chars()
        .count() as u64
        + 1;
    assert_eq!(f.column, Some(col), "{}", report.dump());
    // `LICENSE` is a file of the repository, no page: text with a warning.
    assert_eq!(
        findings_of(&report, "link-outside-handbook"),
        [dp("href=\"LICENSE\"")]
    );

    // Shown as text, raw HTML has no links.
    let repo = repository("\n[markdown]\nraw_html = \"escape\"\n");
    let (run, report) = repo.check(&[]);
    run.expect(0);
    assert_eq!(findings_of(&report, "broken-link"), [], "{}", report.dump());
    assert_eq!(findings_of(&report, "link-outside-handbook"), []);
}

/// What both raw HTML modes write: `trusted` says whether the page is built with trusted HTML.
fn assert_written_as_markdown_links(repo: &Repo, trusted: bool) {
    repo.build(&[]).expect(1);
    let page = repo.page("data-protection.html");
    // Documents: their pages, the anchor kept; the badge links to the other policy's page.
    assert_eq!(
        href_around(&page, "Access control").as_deref(),
        Some("access-control.html")
    );
    assert_eq!(
        href(&page, "the scope").as_deref(),
        Some("access-control.html#scope")
    );
    assert_eq!(
        href(&page, "Data retention").as_deref(),
        Some("#%EF%B8%8F-data-retention")
    );
    // Images and attachments are copied (a query dropped, as from a Markdown link).
    assert_eq!(
        attr(tag_of(&page, "Flow"), "src").as_deref(),
        Some("img/flow.png")
    );
    assert_eq!(
        href(&page, "the flow, full size").as_deref(),
        Some("img/flow.png")
    );
    assert_eq!(read(&repo.out().join("img/flow.png")), "PNG");
    assert_eq!(
        href(&page, "the standard").as_deref(),
        Some("https://www.iso.org/standard/27001")
    );
    // Broken, unsafe and unpublished: the element and its text stay, unlinked; never the
    // draft's title.
    for text in [
        "Asset landscape",
        "Nowhere",
        "the missing policy",
        "the draft",
    ] {
        assert_eq!(href(&page, text), None, "{text}: {}", tag_of(&page, text));
    }
    assert!(!page.contains("Secret Draft Title"), "{page}");
    for h in attr_values(&page, "href") {
        let md = h.split('#').next().unwrap_or("").ends_with(".md");
        assert!(
            !md || h.starts_with(REPO_URL),
            "a link to Markdown is left: {h}"
        );
    }
    // Code is no HTML.
    assert!(page.contains("in-code.md"), "{page}");
    assert!(!page.contains("href=\"in-code"), "{page}");

    // Referenced by, and handbook.json, count raw HTML links too.
    let other = repo.page("access-control.html");
    let referenced = &other[other.find("Referenced by").expect("the section")..];
    assert!(
        referenced.contains("POL-001 Data Protection Policy"),
        "{referenced}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&read(&repo.out().join("handbook.json"))).expect("JSON");
    let pol1 = json["documents"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["id"] == "POL-001"))
        .expect("POL-001");
    assert_eq!(pol1["links_to"], serde_json::json!(["POL-002"]), "{pol1}");

    // print.html: documents and headings are sections of the one page.
    let print = read(&repo.out().join("print.html"));
    assert_eq!(
        href(&print, "the scope").as_deref(),
        Some("#doc-pol-002--scope")
    );
    assert_eq!(
        href(&print, "Data retention").as_deref(),
        Some("#doc-pol-001--\u{fe0f}-data-retention")
    );
    assert_eq!(
        attr(tag_of(&print, "Flow"), "src").as_deref(),
        Some("img/flow.png")
    );
    for text in ["Nowhere", "the missing policy", "the draft"] {
        assert_eq!(href(&print, text), None, "{text}");
    }
    // Script is removed where raw HTML is sanitised, kept where it is trusted.
    let script = trusted.then(|| "javascript:alert(1)".to_owned());
    assert_eq!(href(&page, "a script"), script);
    assert_eq!(href(&print, "a script"), script);
    if trusted {
        // Trusted HTML is written as it was, but for the links.
        assert!(
            page.contains(
                "<div align=\"center\"><img src=\"img/flow.png\" alt=\"Flow\" width=\"400\"></div>"
            ),
            "{page}"
        );
    }
}

#[test]
fn sanitised_raw_html_links_are_written_as_markdown_links() {
    let repo = repository("");
    assert_written_as_markdown_links(&repo, false);
    let page = repo.page("data-protection.html");
    assert_eq!(href_around(&page, "Licence"), None);
}

#[test]
fn trusted_raw_html_links_are_written_as_markdown_links() {
    let repo = repository(&format!(
        "\n[markdown]\nraw_html = \"trusted\"\n\n[repository]\nurl = \"{REPO_URL}\"\n"
    ));
    let (_, report) = repo.check(&[]);
    assert_eq!(findings_of(&report, "link-outside-handbook"), []);
    assert_written_as_markdown_links(&repo, true);
    // With a Git host, `LICENSE` is linked there.
    let page = repo.page("data-protection.html");
    assert_eq!(
        href_around(&page, "Licence"),
        Some(format!("{REPO_URL}/blob/main/LICENSE"))
    );
}
