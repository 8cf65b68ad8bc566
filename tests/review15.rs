//! Review of issue 15's change: bugs a user would hit, each with the test that found it.

mod common;

use common::*;

/// A leading H1 that repeats the title is left out; the links inside it must not shift the
/// links after it onto each other's targets.
#[test]
fn a_dropped_title_with_a_link_does_not_shift_the_links_after_it() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-001").title("Access Control Policy"),
        "# [Access Control Policy](https://example.com/home) ![](logo.png)\n\nSee [the backup policy](b.md) and [mail](mailto:x@example.com).\n",
    )
    .doc("policies/b.md", &Fm::new("POL-002").title("Backup Policy"), "Text.\n")
    .write("policies/logo.png", b"\x89PNG\r\n\x1a\n");
    repo.build(&[]).expect(0);
    let page = repo.page("policies/a.html");
    assert!(
        page.contains("<a href=\"b.html\">the backup policy</a>")
            || page.contains("<a href=\"../policies/b.html\">the backup policy</a>"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"mailto:x@example.com\">mail</a>"),
        "{page}"
    );
}

/// Raw HTML links on one long line (a generated table, minified HTML): each link's column was
/// found by copying and counting the rest of the line, quadratic in the links. 50,000 took
/// minutes; 10 MB documents are allowed.
#[test]
fn many_raw_html_links_on_one_line_are_checked_in_linear_time() {
    let repo = Repo::new();
    repo.quiet_globals();
    let mut body = String::from("Intro\n\n");
    for i in 0..50_000 {
        body.push_str(&format!("<a href=\"gone{i}.md\">l</a> "));
    }
    body.push_str("<a/href=\"x.md\">slash</a> ".repeat(20_000).as_str());
    body.push('\n');
    repo.doc("policies/a.md", &Fm::new("POL-001"), &body);
    let started = std::time::Instant::now();
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let took = started.elapsed();
    assert!(report.with_code("broken-link").len() >= 50_000);
    // Columns are still those of each attribute.
    let positions = report.positions("policies/a.md");
    assert!(
        positions.contains(&("broken-link".into(), 12, 4)),
        "{:?}",
        &positions[..3]
    );
    assert!(
        positions.contains(&("broken-link".into(), 12, 29)),
        "{:?}",
        &positions[..3]
    );
    assert!(
        took.as_secs() < 20,
        "50,000 raw links on one line took {took:?}"
    );
}

/// Watch mode keeps the link resolutions of unchanged documents between saves; a link to a
/// file on the Git host depends on `[repository]` in ismsbook.toml, so a save of that file
/// must not leave the old address (or a removed one) on the pages.
#[test]
fn watch_mode_follows_a_changed_repository_address() {
    use std::collections::HashSet;
    let repo = Repo::new();
    let config = |url: &str| format!("{QUIET_GLOBALS}\n[repository]\nurl = \"{url}\"\n");
    repo.write("ismsbook.toml", config("https://github.com/acme/old"))
        .write("LICENSE", "MIT\n")
        .doc(
            "policies/a.md",
            &Fm::new("POL-001"),
            "See the [licence](../LICENSE).\n",
        );
    let site = repo.tmp().join("watched");
    let mut session = common::watch_session(repo.root(), &site);
    session.rebuild(&HashSet::new()).expect("first build");
    let page = || read(&site.join("policies/a.html"));
    assert!(page().contains("https://github.com/acme/old/blob/main/LICENSE"));

    repo.write("ismsbook.toml", config("https://github.com/acme/new"));
    session
        .rebuild(&HashSet::from(["ismsbook.toml".to_owned()]))
        .expect("rebuild after the save");
    assert!(
        page().contains("https://github.com/acme/new/blob/main/LICENSE"),
        "{}",
        page()
    );

    repo.write("ismsbook.toml", QUIET_GLOBALS);
    let rebuilt = session
        .rebuild(&HashSet::from(["ismsbook.toml".to_owned()]))
        .expect("rebuild after the save");
    assert!(!page().contains("github.com/acme"), "{}", page());
    assert!(
        rebuilt
            .findings
            .iter()
            .any(|f| f.code.as_str() == "link-outside-handbook"),
        "{:?}",
        rebuilt.findings
    );
}

/// An `<h1>` in an HTML block inside a quote (or a list): the block's lines reach the parser
/// without their `> `, so the title's place in the file is not the sum of their lengths. An
/// emoji before it made adopt slice the text inside the emoji and panic.
#[test]
fn adopt_finds_an_html_title_inside_a_quote_after_an_emoji() {
    let repo = Repo::new();
    repo.write(
        "policies/access.md",
        "Intro\n\n> <div align=\"center\">\n> 🛡<h1>Access Policy</h1>\n> </div>\n\nText\n",
    );
    let run = ismsbook(&["adopt", &path_str(repo.root()), "--format", "json"]);
    run.expect(0);
    let plan: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let fields = &plan["proposals"][0]["fields"];
    let title = fields
        .as_array()
        .and_then(|f| f.iter().find(|f| f["name"] == "title"))
        .expect("a title field");
    assert_eq!(title["value"], "Access Policy");
    assert_eq!(title["from"], "the first heading, line 4");
}

/// Trusted raw HTML's link values are decoded to be looked up; each `&` looked for its `;`
/// to the end of the value, so a long value of `&`s (a query string, a generated URL) took a
/// minute per megabyte squared.
#[test]
fn a_long_trusted_link_value_full_of_ampersands_is_decoded_in_linear_time() {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        format!("{QUIET_GLOBALS}\n[markdown]\nraw_html = \"trusted\"\n"),
    );
    let long = format!("https://example.org/?{}", "a&".repeat(500_000));
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-001"),
        &format!("<a href=\"b.md\">b</a> <a href=\"{long}\">y</a>\n"),
    )
    .doc("policies/b.md", &Fm::new("POL-002"), "Text.\n");
    let started = std::time::Instant::now();
    repo.build(&[]).expect(0);
    let took = started.elapsed();
    let page = repo.page("policies/a.html");
    assert!(
        page.contains("<a href=\"../policies/b.html\">b</a>"),
        "b.md rewritten"
    );
    assert!(
        page.contains(&long) || page.contains(&long.replace('&', "&amp;")),
        "the long link stays"
    );
    assert!(took.as_secs() < 20, "a 1 MB link value took {took:?}");
}

/// adopt reads each line as text, tags removed: every `<` looked for its `>` to the end of
/// the line, so a long line of `<` and no `>` took 16 s per megabyte squared.
#[test]
fn adopt_reads_a_long_line_of_unclosed_tags_in_linear_time() {
    let repo = Repo::new();
    repo.write(
        "policies/access.md",
        format!(
            "# Access Policy\n\n{}\n\nOwner: CISO\n",
            "<a".repeat(1_000_000)
        ),
    );
    let started = std::time::Instant::now();
    let run = ismsbook(&["adopt", &path_str(repo.root()), "--format", "json"]);
    run.expect(0);
    let took = started.elapsed();
    let plan: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert!(plan["proposals"][0]["front_matter"]
        .as_str()
        .is_some_and(|f| f.contains("owner: CISO")));
    assert!(took.as_secs() < 20, "a 2 MB line took {took:?}");
}
