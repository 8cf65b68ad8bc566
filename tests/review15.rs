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
