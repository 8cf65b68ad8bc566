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
