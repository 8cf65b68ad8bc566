//! The written site: escaping, link rewriting, heading ids, highlighting, backlinks, control
//! pages, banners, what counts as content, theme overrides, and the output folder's safety rules.
//!
//! `tests/fixtures/site` is a small clean handbook (exit 0); `tests/fixtures/hostile` puts
//! script-like strings in every user-controlled value.

mod common;

use common::*;
use serde_json::Value;
use std::sync::OnceLock;

/// A copy of `tests/fixtures/<name>` built into `<tmp>/out` with exit status 0.
fn built(name: &str) -> Repo {
    let repo = Repo::fixture(name);
    repo.build(&[]).expect(0);
    repo
}

/// `tests/fixtures/site`, built once for the tests that only read the site.
fn site() -> &'static Repo {
    static SITE: OnceLock<Repo> = OnceLock::new();
    // With --drafts: the fixture's draft is published, and marked.
    SITE.get_or_init(|| built_shared("site", &["--drafts"]))
}

/// `tests/fixtures/hostile`, built once.
fn hostile() -> &'static Repo {
    static HOSTILE: OnceLock<Repo> = OnceLock::new();
    HOSTILE.get_or_init(|| built_shared("hostile", &[]))
}

fn built_shared(name: &str, args: &[&str]) -> Repo {
    let repo = Repo::shared_fixture(name);
    repo.build(args).expect(0);
    repo
}

/// The `window.ISMSBOOK_NAV` object of `assets/nav.js`.
fn nav(repo: &Repo) -> Value {
    let js = repo.page("assets/nav.js");
    let json = js
        .trim_end()
        .strip_prefix("window.ISMSBOOK_NAV = ")
        .and_then(|s| s.strip_suffix(';'))
        .unwrap_or_else(|| panic!("unexpected nav.js shape:\n{js}"));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("nav.js does not hold JSON ({e}):\n{js}"))
}

/// `[id, title, href]` of every navigation item.
fn nav_items(repo: &Repo) -> Vec<(String, String, String)> {
    let nav = nav(repo);
    let mut out = Vec::new();
    for group in nav["groups"].as_array().expect("groups") {
        for item in group["items"].as_array().expect("items") {
            let s = |i: usize| {
                item[i]
                    .as_str()
                    .expect("nav item fields are strings")
                    .to_owned()
            };
            out.push((s(0), s(1), s(2)));
        }
    }
    out
}

/// The rendered Markdown body of a document page.
fn body(html: &str) -> &str {
    let start = html.find("<div class=\"body\">").expect("document body");
    let end = html[start..]
        .find("</article>")
        .map(|e| start + e)
        .unwrap_or(html.len());
    &html[start..end]
}

/// Every start tag (`<name …>`) in `html`.
fn tags(html: &str) -> Vec<&str> {
    html.match_indices('<')
        .filter(|(i, _)| html[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|(i, _)| html[i..].find('>').map(|e| &html[i..=i + e]))
        .collect()
}

// ----- the clean fixture -----

const FIXTURE_PAGES: [&str; 6] = [
    "my docs/glossary terms.html",
    "policies/access-control.html",
    "policies/information-security-policy.html",
    "procedures/incidents/incident-response.html",
    "records/board-minutes.html",
    "standards/draft-standard.html",
];

#[test]
fn fixture_builds_cleanly_with_one_page_per_document() {
    let repo = site();
    let out = repo.out();
    for p in FIXTURE_PAGES {
        assert!(out.join(p).is_file(), "{p} missing");
    }
    assert!(
        !out.join("README.html").exists(),
        "the root README.md is not a document"
    );
    let findings = Report::parse(&repo.page("findings.json"));
    assert_eq!(findings.summary_count("documents"), 6);
    assert_eq!(findings.summary_count("errors"), 0, "{}", findings.dump());
    let docs_index = repo.page("documents/index.html");
    for id in [
        "POL-001", "POL-002", "PRO-001", "GDL-001", "STD-001", "REC-001",
    ] {
        assert!(docs_index.contains(id), "{id} not on documents/index.html");
    }
    // Grouped by type.
    let policies = section(&docs_index, "type-policy");
    assert!(
        policies.contains("POL-001")
            && policies.contains("POL-002")
            && !policies.contains("PRO-001"),
        "{policies}"
    );
    assert!(section(&docs_index, "type-procedure").contains("PRO-001"));
    // Owner, status and next review are listed.
    assert!(
        policies.contains("Head of IT") && policies.contains("2027-03-01"),
        "{policies}"
    );
    assert!(section(&docs_index, "type-standard").contains("draft"));
    // A document page shows its metadata.
    let ac = repo.page("policies/access-control.html");
    for shown in [
        "Head of IT",
        "1.3",
        "2026-03-01",
        "2027-03-01",
        "policies/access-control.md",
    ] {
        assert!(ac.contains(shown), "{shown} not on the page");
    }
    let controls = repo.page("controls/index.html");
    assert!(
        has_link(
            "controls/index.html",
            &controls,
            "controls/A.5.15.html",
            "A.5.15"
        ),
        "{controls}"
    );
}

#[test]
fn every_internal_link_resolves_and_every_link_is_relative() {
    let repo = site();
    let problems = broken_internal_links(&repo.out());
    assert!(
        problems.is_empty(),
        "broken internal links:\n{}",
        problems.join("\n")
    );
    assert_links_relative(&repo.out());
    // External links are kept as written.
    let isp = repo.page("policies/information-security-policy.html");
    assert!(
        isp.contains("href=\"mailto:security@example.com\""),
        "{isp}"
    );
    assert!(
        isp.contains("href=\"https://www.iso.org/standard/27001\""),
        "{isp}"
    );
}

#[test]
fn element_ids_are_unique_on_every_page() {
    let repo = site();
    for page in html_files(&repo.out()) {
        let dups = duplicate_ids(&repo.page(&page));
        assert!(dups.is_empty(), "{page}: duplicate ids {dups:?}");
    }
}

#[test]
fn heading_ids_do_not_collide_with_the_page_template_ids() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("policies/b.md", &Fm::new("POL-2"), "# B\n");
    let body = "# A\n\n## Related\n\n## Main\n\n## Backlinks\n\n## Implemented by\n\nSee [related](#related).\n";
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1").line("related: [POL-2]"),
        body,
    );
    repo.build(&[]).expect(0);
    let html = repo.page("policies/a.html");
    let dups = duplicate_ids(&html);
    assert!(
        dups.is_empty(),
        "duplicate ids {dups:?}: `#main` (the skip link) and [related](#related) are ambiguous"
    );
}

#[test]
fn the_link_checker_itself_reports_broken_links() {
    // Guards the helper the no-broken-link tests rely on.
    let repo = built("site");
    let page = repo.out().join("policies/access-control.html");
    let mut html = read(&page);
    html.push_str("<a href=\"../nowhere.html\">x</a><a href=\"information-security-policy.html#no-such-id\">y</a>");
    html.push_str("<img src=\"img/missing.png\"><a href=\"#purpose\">z</a>");
    std::fs::write(&page, html).unwrap();
    let problems = broken_internal_links(&repo.out());
    assert_eq!(problems.len(), 4, "{problems:#?}");
}

#[test]
fn relative_markdown_links_become_page_links_with_their_anchor() {
    let repo = site();
    let page = "policies/information-security-policy.html";
    let isp = repo.page(page);
    let b = body(&isp);
    assert!(
        has_link(
            page,
            b,
            "policies/access-control.html#roles--responsibilities",
            "access control"
        ),
        "{b}"
    );
    assert!(
        has_link(
            page,
            b,
            "policies/access-control.html#custom-scope",
            "its scope section"
        ),
        "{b}"
    );
    assert!(
        has_link(
            page,
            b,
            "procedures/incidents/incident-response.html",
            "incident procedure"
        ),
        "{b}"
    );
    // A link within the page stays a bare fragment.
    assert!(b.contains("<a href=\"#purpose\">the purpose</a>"), "{b}");
    assert!(
        !b.contains(".md"),
        "no link to Markdown source is left: {b}"
    );

    let page = "procedures/incidents/incident-response.html";
    let pro = repo.page(page);
    let b = body(&pro);
    assert!(
        has_link(
            page,
            b,
            "policies/access-control.html#custom-scope",
            "access policy"
        ),
        "{b}"
    );
    // A folder and file name with spaces, and a non-ASCII anchor, are percent-encoded.
    assert!(
        b.contains("my%20docs/glossary%20terms.html#%C3%BCber-uns\""),
        "{b}"
    );
    assert!(
        has_link(page, b, "my docs/glossary terms.html#über-uns", "glossary"),
        "{b}"
    );
}

#[test]
fn wiki_links_show_the_title_and_control_links_are_relative() {
    let repo = site();
    let page = "policies/information-security-policy.html";
    let isp = repo.page(page);
    let b = body(&isp);
    // [[POL-002]] shows the target's title; [[POL-002|text]] keeps the text.
    assert!(
        has_link(
            page,
            b,
            "policies/access-control.html",
            "Access Control Policy"
        ),
        "{b}"
    );
    assert!(
        has_link(page, b, "policies/access-control.html", "our access rules"),
        "{b}"
    );
    assert!(!b.contains("[[") && !b.contains("]]"), "{b}");
    // [[A.5.15]] links the control page, relative to the page's folder.
    assert!(
        b.contains("<a href=\"../controls/A.5.15.html\">A.5.15 Access control</a>"),
        "{b}"
    );

    let pro = repo.page("procedures/incidents/incident-response.html");
    assert!(
        body(&pro).contains("href=\"../../controls/A.5.25.html\""),
        "{pro}"
    );
    let page = "my docs/glossary terms.html";
    let glossary = repo.page(page);
    assert!(has_link(
        page,
        body(&glossary),
        "procedures/incidents/incident-response.html",
        "Incident Response Procedure"
    ));
    let page = "records/board-minutes.html";
    let record = repo.page(page);
    assert!(has_link(
        page,
        body(&record),
        "policies/information-security-policy.html",
        "Information Security Policy"
    ));
}

#[test]
fn headings_get_github_ids_and_custom_ids() {
    let repo = site();
    let ac = repo.page("policies/access-control.html");
    let b = body(&ac);
    assert!(
        b.contains("<h2 id=\"roles--responsibilities\">Roles &amp; Responsibilities</h2>"),
        "{b}"
    );
    assert!(b.contains("<h2 id=\"custom-scope\">Scope</h2>"), "{b}");
    assert!(b.contains("<h2 id=\"example-configuration\">"), "{b}");
    // (The page's findings may quote it: a custom-heading-id note, when links use it.)
    assert!(
        !b.contains("{#custom-scope}"),
        "the attribute syntax is not shown"
    );
    // The page's table of contents links the same ids.
    assert!(ac.contains("href=\"#roles--responsibilities\""), "{ac}");
    assert!(ac.contains("href=\"#custom-scope\""), "{ac}");
    let glossary = repo.page("my docs/glossary terms.html");
    assert!(element_ids(&glossary).contains("über-uns"), "{glossary}");
}

#[test]
fn fenced_code_is_highlighted() {
    let repo = site();
    let ac = repo.page("policies/access-control.html");
    let b = body(&ac);
    let pre = b.find("<pre").expect("a code block");
    let code = &b[pre..b[pre..].find("</pre>").map(|e| pre + e).unwrap()];
    assert!(code.contains("class=\"hl-"), "{code}");
    assert!(code.contains("language-rust"), "{code}");
    assert!(code.contains("granted"), "{code}");
    let css = repo.page("assets/highlight.css");
    assert!(css.contains(".hl-"), "highlight.css has no hl- rules");
    assert!(
        ac.contains("assets/highlight.css"),
        "pages load highlight.css"
    );
}

#[test]
fn backlinks_list_the_referencing_documents() {
    let repo = site();
    let page = "policies/access-control.html";
    let ac = repo.page(page);
    let refs = section(&ac, "isb-backlinks");
    assert!(refs.contains("Referenced by"), "{refs}");
    // Linked by POL-001 (body links and `related`) and PRO-001 (body link).
    assert!(
        has_link(
            page,
            refs,
            "policies/information-security-policy.html",
            "POL-001 Information Security Policy"
        ),
        "{refs}"
    );
    assert!(
        has_link(
            page,
            refs,
            "procedures/incidents/incident-response.html",
            "PRO-001 Incident Response Procedure"
        ),
        "{refs}"
    );
    assert_eq!(
        refs.matches("<li>").count(),
        2,
        "each document once: {refs}"
    );

    // POL-001 is named as related by PRO-001 and linked by REC-001.
    let isp = repo.page("policies/information-security-policy.html");
    let refs = section(&isp, "isb-backlinks");
    assert!(
        refs.contains("PRO-001") && refs.contains("REC-001"),
        "{refs}"
    );
    assert!(
        !refs.contains("POL-001"),
        "a document's links to itself are not backlinks: {refs}"
    );

    let std = repo.page("standards/draft-standard.html");
    assert!(
        !section(&std, "isb-backlinks").contains("<li>"),
        "nothing links the draft standard"
    );
}

#[test]
fn control_pages_list_approved_implementers_only() {
    let repo = site();
    let page = "controls/A.5.15.html";
    let a515 = repo.page(page);
    let implemented = section(&a515, "isb-implemented-by");
    assert!(
        has_link(
            page,
            implemented,
            "policies/access-control.html",
            "POL-002 Access Control Policy"
        ),
        "{implemented}"
    );
    // "5.18" in front matter is A.5.18.
    assert!(section(&repo.page("controls/A.5.18.html"), "isb-implemented-by").contains("POL-002"));

    // The draft standard names A.8.5 but does not implement it.
    let a85 = repo.page("controls/A.8.5.html");
    let implemented = section(&a85, "isb-implemented-by");
    assert!(
        !implemented.contains("STD-001"),
        "a draft is not in force: {implemented}"
    );
    assert!(
        implemented.contains("No approved document implements this control"),
        "{implemented}"
    );
    assert!(
        a85.contains("STD-001"),
        "the draft is still mentioned as not in force"
    );
    assert!(
        a85.contains("unmapped-control"),
        "the control's finding is shown on its page"
    );

    // An excluded control shows its justification.
    let a74 = repo.page("controls/A.7.4.html");
    assert!(a74.contains("excluded"), "{a74}");
    assert!(
        a74.contains("Fully remote company; no premises of our own to monitor."),
        "{a74}"
    );

    // The document page lists its controls.
    let ac = repo.page("policies/access-control.html");
    for c in ["A.5.15", "A.5.18", "A.8.2"] {
        assert!(
            ac.contains(&format!("href=\"../controls/{c}.html\"")),
            "{c} not listed on POL-002"
        );
    }
}

#[test]
fn classification_banner() {
    let repo = site();
    let record = repo.page("records/board-minutes.html");
    assert!(record.contains("banner-confidential"), "{record}");
    assert!(record.contains(">Confidential<"), "{record}");
    let isp = repo.page("policies/information-security-policy.html");
    assert!(
        !isp.contains("class=\"banner"),
        "a public document has no banner"
    );
}

#[test]
fn nav_js_lists_every_document_with_a_working_href() {
    let repo = site();
    let items = nav_items(repo);
    assert_eq!(items.len(), 6, "{items:?}");
    for (id, title, href) in &items {
        assert!(!title.is_empty(), "{id}");
        assert!(
            repo.out().join(percent_decode(href)).is_file(),
            "nav href {href} of {id} does not exist"
        );
    }
    assert!(items.contains(&(
        "POL-002".into(),
        "Access Control Policy".into(),
        "policies/access-control.html".into()
    )));
    // The navigation is shared, not inlined in every page.
    let ac = repo.page("policies/access-control.html");
    assert!(ac.contains("src=\"../assets/nav.js\""), "{ac}");
    assert!(
        !ac.contains("Board Minutes 2026-06"),
        "another document's title is not inlined"
    );
}

#[test]
fn linked_images_are_copied_to_the_site() {
    let repo = site();
    let copied = repo.out().join("procedures/incidents/img/flow.svg");
    assert_eq!(
        std::fs::read(&copied).expect("image copied"),
        std::fs::read(repo.path("procedures/incidents/img/flow.svg")).unwrap()
    );
    let page = "procedures/incidents/incident-response.html";
    let pro = repo.page(page);
    let src = attr_values(body(&pro), "src");
    assert_eq!(src.len(), 1, "{src:?}");
    assert_eq!(
        resolve(page, &src[0]).as_deref(),
        Some("procedures/incidents/img/flow.svg"),
        "{src:?}"
    );
}

// ----- escaping -----

const HOSTILE: [&str; 6] = [
    "<script>alert(1)</script>",
    "<script>alert(2)</script>",
    "<script>alert('site')</script>",
    "\"><img src=x onerror=alert(1)>",
    "\"><img src=x onerror=alert('org')>",
    "' onmouseover='alert(1)",
];

#[test]
fn front_matter_values_are_html_escaped_everywhere() {
    let repo = hostile();
    let pages = html_files(&repo.out());
    assert!(pages.len() > 95);
    for page in &pages {
        let html = repo.page(page);
        for bad in HOSTILE {
            assert!(!html.contains(bad), "{page} contains the raw value {bad}");
        }
        assert!(!html.contains("<img"), "{page}: an injected <img> element");
        assert!(!html.contains("<b>1.0"), "{page}: an injected <b> element");
        // The only scripts are the ones the layout loads, and its inline theme switch.
        for (i, _) in html.match_indices("<script") {
            let tag = &html[i..i + html[i..].find('>').unwrap()];
            if tag == "<script" {
                let body = &html[i..i + html[i..].find("</script>").unwrap()];
                assert!(
                    body.contains("localStorage.getItem(\"isb-theme\")") && !body.contains("alert"),
                    "{page}: unexpected inline script {body}"
                );
                continue;
            }
            assert!(
                tag.starts_with("<script src=\""),
                "{page}: unexpected script {tag}"
            );
        }
        // No value broke out of an attribute: no tag carries an event handler attribute.
        for tag in tags(&html) {
            let handler = tag
                .split_whitespace()
                .skip(1)
                .any(|a| a.to_ascii_lowercase().starts_with("on") && a.contains('='));
            assert!(!handler, "{page}: event handler in {tag}");
        }
    }
    // The values are shown, escaped, where they belong.
    let doc = repo.page("policies/hostile.html");
    assert!(
        doc.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "title not shown escaped:\n{doc}"
    );
    assert!(
        doc.contains("&quot;&gt;&lt;img src"),
        "owner not shown escaped:\n{doc}"
    );
    let victim = repo.page("policies/victim.html");
    assert!(
        body(&victim).contains("&lt;script&gt;alert(1)&lt;/script&gt;</a>"),
        "[[POL-666]] shows the escaped title"
    );
    let index = repo.page("index.html");
    // The site title and organisation from ismsbook.toml, escaped.
    assert!(
        html_unescape(&index).contains("<title>Dashboard · <script>alert('site')</script></title>"),
        "{index}"
    );
    assert!(
        html_unescape(&index).contains("\"><img src=x onerror=alert('org')>"),
        "the organisation is shown: {index}"
    );
}

#[test]
fn nav_js_holds_hostile_titles_as_json_strings() {
    let repo = hostile();
    let items = nav_items(repo);
    assert!(
        items
            .iter()
            .any(|(id, title, _)| id == "POL-666" && title == "<script>alert(1)</script>"),
        "the title round-trips as JSON string content: {items:?}"
    );
}

// ----- body links -----

#[test]
fn javascript_links_are_removed_and_reported() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1"),
        "[click](javascript:alert(1)) and [again]( JavaScript:alert(2)) and [vb](vbscript:msgbox) and [data](data:text/html,x)\n",
    );
    let (_, report) = repo.check(&[]);
    let broken = report.with_code("broken-link");
    assert_eq!(broken.len(), 4, "{}", report.dump());
    assert!(
        broken
            .iter()
            .all(|f| f.file.as_deref() == Some("policies/a.md") && f.line == Some(10)),
        "{}",
        report.dump()
    );
    repo.build(&[]).expect(1);
    let html = repo.page("policies/a.html");
    for href in attr_values(&html, "href") {
        let h = html_unescape(&href).trim().to_ascii_lowercase();
        assert!(
            !h.starts_with("javascript:") && !h.starts_with("vbscript:") && !h.starts_with("data:"),
            "href=\"{href}\""
        );
    }
    let lower = body(&html).to_ascii_lowercase();
    assert!(
        !lower.contains("javascript:alert") && !lower.contains("vbscript:msgbox"),
        "{html}"
    );
    // The link text stays, unlinked.
    assert!(body(&html).contains(">click</span>"), "{html}");
}

#[test]
fn root_relative_link_to_a_document_is_resolved_or_reported() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("policies/b.md", &Fm::new("POL-2"), "# B\n");
    // On GitHub this link resolves from the repository root to policies/b.md.
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1"),
        "See [b](/policies/b.md).\n",
    );
    let (_, report) = repo.check(&[]);
    let reported = report
        .in_file("policies/a.md")
        .iter()
        .any(|f| f.code == "broken-link" && f.line == Some(10));
    repo.build(&[]);
    let html = repo.page("policies/a.html");
    let resolved = body(&html).contains("href=\"b.html\"")
        || body(&html).contains("href=\"../policies/b.html\"");
    assert!(
        !html.contains("href=\"/policies/b.md\""),
        "a site-absolute link to Markdown source:\n{}",
        body(&html)
    );
    assert!(
        resolved || reported,
        "neither resolved nor reported:\n{}",
        report.dump()
    );
}

#[test]
fn broken_link_around_an_image_keeps_the_html_balanced() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.write(
        "policies/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    );
    repo.doc("policies/b.md", &Fm::new("POL-2"), "# B\n");
    let text = "A [![logo](logo.svg)](missing.md) B\n\nC [![gone](nope.png)](b.md) D\n\nE [![ok](logo.svg)](b.md) F\n";
    repo.doc("policies/a.md", &Fm::new("POL-1"), text);
    let (_, report) = repo.check(&[]);
    assert_eq!(
        report.positions("policies/a.md"),
        [
            ("broken-link".to_owned(), 10, 3),
            ("broken-link".to_owned(), 12, 4)
        ],
        "{}",
        report.dump()
    );
    repo.build(&[]).expect(1);
    let html = repo.page("policies/a.html");
    let b = body(&html);
    for (open, close) in [("<span", "</span>"), ("<a ", "</a>"), ("<p>", "</p>")] {
        assert_eq!(
            b.matches(open).count(),
            b.matches(close).count(),
            "unbalanced {open}:\n{b}"
        );
    }
    assert!(
        b.contains("</span> B</p>"),
        "the broken link ends before the following text:\n{b}"
    );
}

// ----- what a page shows -----

#[test]
fn documents_with_invalid_front_matter_are_still_published_with_a_banner() {
    let repo = Repo::new();
    repo.quiet_globals();
    // Missing owner.
    repo.write(
        "policies/incomplete.md",
        "---\nid: POL-1\ntitle: Incomplete Policy\ntype: policy\nversion: \"1\"\nstatus: approved\nlast_reviewed: 2026-06-01\n---\n# Incomplete\n\nText.\n",
    );
    repo.write(
        "notes/plain.md",
        "# Plain Notes\n\nNo front matter at all.\n",
    );
    repo.write(
        "notes/broken-yaml.md",
        "---\nid: X\ntitle: \"unclosed\n---\n# Broken YAML\n",
    );
    repo.doc("policies/fine.md", &Fm::new("POL-2"), "# Fine\n");
    repo.build(&[]).expect(1);
    for page in [
        "policies/incomplete.html",
        "notes/plain.html",
        "notes/broken-yaml.html",
    ] {
        let html = repo.page(page);
        assert!(
            html.contains("banner-invalid"),
            "{page} has no warning banner:\n{html}"
        );
        assert!(
            html.contains("invalid-front-matter"),
            "{page} does not show its finding"
        );
    }
    assert!(repo
        .page("policies/incomplete.html")
        .contains("Incomplete Policy"));
    assert!(
        repo.page("notes/plain.html").contains("Plain Notes"),
        "the first heading stands in for the title"
    );
    assert!(!repo.page("policies/fine.html").contains("banner-invalid"));
    assert_eq!(
        nav_items(&repo).len(),
        4,
        "invalid documents are in the navigation too"
    );
}

#[test]
fn findings_are_shown_on_the_pages_they_concern() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1").reviewed("2025-01-15"),
        "A [gone](gone.md) link.\n",
    );
    repo.doc("policies/b.md", &Fm::new("POL-2"), "Fine.\n");
    repo.build(&[]).expect(1);
    let a = repo.page("policies/a.html");
    let findings = section(&a, "isb-findings");
    assert!(
        findings.contains("broken-link") && findings.contains("gone.md"),
        "{findings}"
    );
    assert!(findings.contains("overdue-review"), "{findings}");
    assert!(a.contains("overdue by"), "the review badge is shown:\n{a}");
    // The broken link's text is kept, marked and not linked.
    assert!(body(&a).contains("class=\"broken-link\""), "{a}");
    assert!(!body(&a).contains("href=\"gone"), "{a}");
    assert!(
        !repo.page("policies/b.html").contains("isb-findings"),
        "a clean page lists no findings"
    );
    let index = repo.page("index.html");
    assert!(section(&index, "overdue").contains("POL-1"), "{index}");
}

// ----- what is content -----

#[test]
fn output_ignored_and_hidden_files_are_not_content() {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        format!("output = \"public\"\n{QUIET_GLOBALS}"),
    );
    repo.doc("policies/a.md", &Fm::new("POL-1"), "# A\n");
    // A nested README is a document; only the root one is not.
    repo.doc("policies/README.md", &Fm::new("POL-2"), "# Policies\n");
    repo.write("README.md", "# Repository readme, no front matter\n");
    repo.write(".gitignore", "ignored/\n*.tmp.md\n");
    repo.write("ignored/x.md", "# ignored, no front matter\n");
    repo.write("policies/scratch.tmp.md", "# ignored, no front matter\n");
    repo.write(
        ".github/pull_request_template.md",
        "# hidden, no front matter\n",
    );
    repo.write("policies/.hidden/secret.md", "# hidden, no front matter\n");
    repo.write("theme/notes.md", "# theme folder, no front matter\n");
    // Copied into public/assets/: if the output were read back, this would become a document.
    repo.write(
        "theme/assets/notes.md",
        "# an extra asset, no front matter\n",
    );

    let root = path_str(repo.root());
    let build = || {
        let run = ismsbook(&["build", root.as_str(), "--today", TODAY]);
        run.expect(0);
        Report::parse(&read(&repo.path("public/findings.json")))
    };
    let first = build();
    assert_eq!(first.summary_count("documents"), 2, "{}", first.dump());
    assert!(
        repo.path("public/assets/notes.md").is_file(),
        "extra theme assets are copied"
    );
    assert!(repo.path("public/policies/README.html").is_file());
    assert!(!repo.path("public/README.html").exists());
    for p in [
        "ignored/x.html",
        "policies/scratch.tmp.html",
        ".github/pull_request_template.html",
        "theme/notes.html",
    ] {
        assert!(
            !repo.path("public").join(p).exists(),
            "{p} should not be published"
        );
    }
    let second = build();
    assert_eq!(
        second.summary_count("documents"),
        2,
        "the output was read as content:\n{}",
        second.dump()
    );
    let (_, check) = repo.check(&[]);
    assert_eq!(check.summary_count("documents"), 2, "{}", check.dump());
    assert!(staging_leftovers(repo.root()).is_empty());
}

#[test]
fn default_output_is_site_inside_the_content_root() {
    let repo = Repo::fixture("site");
    let root = path_str(repo.root());
    let run = ismsbook(&["build", root.as_str(), "--today", TODAY, "--quiet"]);
    run.expect(0);
    assert!(
        !run.stderr.contains("Wrote"),
        "--quiet prints only findings: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("warning[unmapped-control]"),
        "{}",
        run.stderr
    );
    assert!(repo.path("site/index.html").is_file());
    assert!(repo.path("site/.ismsbook-output").is_file());
    // Building again replaces ismsbook's own output.
    let run = ismsbook(&["build", root.as_str(), "--today", TODAY]);
    run.expect(0);
    assert!(run.stderr.contains("Wrote"), "{}", run.stderr);
    assert_eq!(
        Report::parse(&read(&repo.path("site/findings.json"))).summary_count("documents"),
        6
    );
}

// ----- theme -----

#[test]
fn template_override_in_the_content_root_is_used() {
    let repo = Repo::fixture("site");
    let builtin = read(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("theme/templates/document.hbs"),
    );
    let custom = builtin.replacen(
        "<article class=\"document\">",
        "<article class=\"document\"><p>OVERRIDE-MARKER-7731</p>",
        1,
    );
    assert_ne!(
        custom, builtin,
        "the built-in document.hbs changed shape; update this test"
    );
    repo.write("theme/templates/document.hbs", custom);
    repo.build(&[]).expect(0);
    assert!(repo
        .page("policies/access-control.html")
        .contains("OVERRIDE-MARKER-7731"));
    assert!(
        !repo
            .page("controls/A.5.15.html")
            .contains("OVERRIDE-MARKER-7731"),
        "only document pages use document.hbs"
    );
    assert!(!repo.page("index.html").contains("OVERRIDE-MARKER-7731"));
}

#[test]
fn broken_template_override_exits_2_and_keeps_the_previous_site() {
    let repo = built("site");
    let before = snapshot(&repo.out());
    repo.write("theme/templates/document.hbs", "{{#> layout}}{{#*inline \"content\"}}\n{{#if doc.id}}never closed\n{{/inline}}{{/layout}}\n");
    let run = repo.build(&[]);
    run.expect(2);
    assert!(
        run.stderr.contains("document.hbs"),
        "stderr should name the template:\n{}",
        run.stderr
    );
    assert!(snapshot(&repo.out()) == before, "the previous site changed");
    assert!(
        staging_leftovers(repo.tmp()).is_empty(),
        "{:?}",
        staging_leftovers(repo.tmp())
    );
}

#[test]
fn template_render_error_exits_2_and_keeps_the_previous_site() {
    let repo = built("site");
    let before = snapshot(&repo.out());
    // Parses, but fails while rendering (templates are strict: no silent empty strings).
    repo.write("theme/templates/control.hbs", "{{#> layout}}{{#*inline \"content\"}}\n{{control.no_such_field}}\n{{/inline}}{{/layout}}\n");
    let run = repo.build(&[]);
    run.expect(2);
    assert!(
        run.stderr.contains("control.hbs"),
        "stderr should name the template:\n{}",
        run.stderr
    );
    assert!(run.stderr.contains("no_such_field"), "{}", run.stderr);
    assert!(snapshot(&repo.out()) == before, "the previous site changed");
    assert!(
        staging_leftovers(repo.tmp()).is_empty(),
        "{:?}",
        staging_leftovers(repo.tmp())
    );
}

#[test]
fn asset_override_replaces_the_builtin_and_extra_assets_are_copied() {
    let repo = Repo::fixture("site");
    let css = "/* custom theme */\nbody { background: #123456; }\n";
    repo.write("theme/assets/style.css", css);
    repo.write(
        "theme/assets/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    );
    repo.build(&[]).expect(0);
    assert_eq!(repo.page("assets/style.css"), css);
    assert!(repo.out().join("assets/logo.svg").is_file());
    // The other built-in assets are still written.
    let js = repo.page("assets/ismsbook.js");
    assert!(js.contains("ISMSBOOK_NAV"), "{js}");
}

// ----- output safety -----

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let repo = Repo::fixture("site");
    let out = repo.out();
    std::fs::create_dir_all(out.join("photos")).unwrap();
    std::fs::write(out.join("thesis.docx"), "years of work").unwrap();
    std::fs::write(out.join("photos/cat.jpg"), "meow").unwrap();
    let before = snapshot(&out);
    let run = repo.build(&[]);
    run.expect(2);
    assert!(
        run.stderr.contains(".ismsbook-output") || run.stderr.contains("not written by ismsbook"),
        "{}",
        run.stderr
    );
    assert!(
        snapshot(&out) == before,
        "files in a folder ismsbook did not write were touched"
    );
    assert!(staging_leftovers(repo.tmp()).is_empty());

    // An empty folder is fine.
    let empty = repo.tmp().join("empty");
    std::fs::create_dir(&empty).unwrap();
    repo.build_to(&empty, &[]).expect(0);
    assert!(empty.join("index.html").is_file());
}

#[test]
fn refuses_to_delete_files_it_did_not_write_in_its_own_output() {
    let repo = built("site");
    let out = repo.out();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    std::fs::write(out.join("policies/extra.html"), "mine too").unwrap();
    let before = snapshot(&out);
    let run = repo.build(&[]);
    run.expect(2);
    assert!(run.stderr.contains("notes.txt"), "{}", run.stderr);
    assert!(snapshot(&out) == before);
    assert!(staging_leftovers(repo.tmp()).is_empty());
}

#[test]
fn rebuild_replaces_its_own_output_and_drops_stale_pages() {
    let repo = built("site");
    let out = repo.out();
    assert!(out.join("records/board-minutes.html").is_file());
    std::fs::remove_file(repo.path("records/board-minutes.md")).unwrap();
    let ac = read(&repo.path("policies/access-control.md")).replace(
        "title: Access Control Policy",
        "title: Access Policy Renamed",
    );
    repo.write("policies/access-control.md", ac);
    repo.build(&[]).expect(0);
    assert!(
        !out.join("records/board-minutes.html").exists(),
        "a removed document's page is gone"
    );
    assert!(!out.join("records").exists() || all_files(&out.join("records")).is_empty());
    assert!(repo
        .page("policies/access-control.html")
        .contains("Access Policy Renamed"));
    let marker: Vec<String> = read(&out.join(".ismsbook-output"))
        .lines()
        .map(str::to_owned)
        .collect();
    assert!(
        !marker.iter().any(|l| l.contains("board-minutes")),
        "{marker:?}"
    );
    assert!(staging_leftovers(repo.tmp()).is_empty());
}

#[test]
fn refuses_an_output_that_contains_the_content_root() {
    let repo = Repo::fixture("site");
    let before = snapshot(repo.root());
    for out in [repo.root().to_path_buf(), repo.tmp().to_path_buf()] {
        let run = repo.build_to(&out, &[]);
        run.expect(2);
        assert!(
            snapshot(repo.root()) == before,
            "the content folder was modified"
        );
    }
    assert!(staging_leftovers(repo.tmp()).is_empty());

    // An output path that is a file is refused too.
    let file = repo.tmp().join("a-file");
    std::fs::write(&file, "keep").unwrap();
    repo.build_to(&file, &[]).expect(2);
    assert_eq!(read(&file), "keep");
}
