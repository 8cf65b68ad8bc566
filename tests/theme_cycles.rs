//! Theme partials that include each other are refused when the theme is loaded, before any
//! page renders: `build` exits 2 with the cycle and leaves the previous site as it was, and
//! `watch` reports it and keeps going. Without the check the recursion overflows the stack and
//! the process aborts, a staging folder left behind.

mod common;

use common::*;

fn handbook() -> Repo {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1").title("Alpha Policy"),
        "First version.\n",
    );
    repo
}

/// A page template including `a`, with `a` and `b` including each other.
fn write_cycle(repo: &Repo) {
    repo.write("theme/templates/a.hbs", "<div class=\"a\">{{> b}}</div>\n");
    repo.write("theme/templates/b.hbs", "<div class=\"b\">{{> a}}</div>\n");
    repo.write(
        "theme/templates/document.hbs",
        "{{#> layout}}{{#*inline \"content\"}}\n<h1>{{doc.title}}</h1>\n{{> a}}\n{{{doc.body_html}}}\n{{/inline}}{{/layout}}\n",
    );
}

#[test]
fn partials_including_each_other_fail_the_build_and_leave_the_site_alone() {
    let repo = handbook();
    repo.build(&[]).expect(0);
    let before = snapshot(&repo.out());
    write_cycle(&repo);
    let run = repo.build(&[]);
    run.expect(2);
    assert!(
        run.stderr
            .contains("theme: partials include each other: a.hbs -> b.hbs -> a.hbs"),
        "{}",
        run.stderr
    );
    assert_eq!(
        snapshot(&repo.out()),
        before,
        "the previous site is untouched"
    );
    assert!(
        staging_leftovers(repo.tmp()).is_empty(),
        "{:?}",
        staging_leftovers(repo.tmp())
    );
}

#[test]
fn cycles_are_found_inside_blocks_and_partial_blocks_and_through_findings() {
    let cases: &[(&[(&str, &str)], &str)] = &[
        // A self-include counts.
        (
            &[("a.hbs", "{{#if x}}{{> a}}{{/if}}")],
            "partial includes itself: a.hbs -> a.hbs",
        ),
        // Nested in blocks (`else` branches, `each`) and partial blocks.
        (
            &[
                ("a.hbs", "{{#each xs}}{{#if y}}y{{else}}{{#> b}}fallback{{/b}}{{/if}}{{/each}}"),
                ("b.hbs", "{{#with z}}{{#unless w}}{{#> c}}{{> a}}{{/c}}{{/unless}}{{/with}}"),
                ("c.hbs", "{{> @partial-block}}"),
            ],
            "partials include each other: a.hbs -> b.hbs -> a.hbs",
        ),
        // A cycle through a built-in partial, named as the author wrote it (`findings` is
        // copied into the pages that include it when the theme loads).
        (
            &[
                ("findings.hbs", "{{> a}}"),
                ("a.hbs", "{{> document}}"),
                (
                    "document.hbs",
                    "{{#> layout}}{{#*inline \"content\"}}{{> findings}}{{{doc.body_html}}}{{/inline}}{{/layout}}\n",
                ),
            ],
            "partials include each other: a.hbs -> document.hbs -> findings.hbs -> a.hbs",
        ),
        // Inline partials calling each other.
        (
            &[(
                "a.hbs",
                "{{#*inline \"p\"}}{{> q}}{{/inline}}{{#*inline \"q\"}}{{> p}}{{/inline}}{{> p}}",
            )],
            "partials include each other: inline \"p\" in a.hbs -> inline \"q\" in a.hbs -> inline \"p\" in a.hbs",
        ),
        // An inline partial is seen by the partials its template includes.
        (
            &[
                ("a.hbs", "{{#*inline \"k\"}}{{> b}}{{/inline}}{{> b}}"),
                ("b.hbs", "{{> k}}"),
            ],
            "partials include each other: b.hbs -> inline \"k\" in a.hbs -> b.hbs",
        ),
        // A name computed while rendering cannot be checked: it is refused (a cycle through
        // two of them overflowed the stack).
        (
            &[
                ("a.hbs", "{{> b}}"),
                ("b.hbs", "{{> (lookup doc \"id\")}}"),
            ],
            "b.hbs includes a partial whose name is computed while rendering",
        ),
    ];
    for (files, cycle) in cases {
        let repo = handbook();
        for (name, text) in *files {
            repo.write(&format!("theme/templates/{name}"), text);
        }
        // Included from every document page, so that rendering would reach it.
        if !files.iter().any(|(name, _)| *name == "document.hbs") {
            repo.write(
                "theme/templates/document.hbs",
                "{{#> layout}}{{#*inline \"content\"}}{{> a}}{{{doc.body_html}}}{{/inline}}{{/layout}}\n",
            );
        }
        let run = repo.build(&[]);
        run.expect(2);
        assert!(
            run.stderr.contains(&format!("theme: {cycle}")),
            "{files:?}: expected `{cycle}` in\n{}",
            run.stderr
        );
        assert!(!repo.out().exists());
        assert!(staging_leftovers(repo.tmp()).is_empty());
    }
}

#[test]
fn partials_without_cycles_still_render() {
    let repo = handbook();
    // `b` included twice and from two templates is a diamond, not a cycle; `@partial-block`
    // and a block whose partial is missing (its fallback renders) are no cycles either.
    repo.write(
        "theme/templates/a.hbs",
        "[a {{> b}} {{> b}} {{#> c}}in-c{{/c}}]",
    );
    repo.write("theme/templates/b.hbs", "[b]");
    repo.write("theme/templates/c.hbs", "[c {{> @partial-block}} {{> b}}]");
    repo.write(
        "theme/templates/document.hbs",
        "{{#> layout}}{{#*inline \"content\"}}{{> a}}{{#> missing}}fallback{{/missing}}{{{doc.body_html}}}{{/inline}}{{/layout}}\n",
    );
    repo.build(&[]).expect(0);
    let page = repo.page("policies/a.html");
    assert!(page.contains("[a [b] [b] [c in-c [b]]]fallback"), "{page}");
}

#[test]
fn the_built_in_theme_has_no_cycle() {
    handbook().build(&[]).expect(0);
}

// ---------------------------------------------------------------------------------------------
// Watch mode

#[test]
fn watch_reports_a_cycle_keeps_running_and_recovers() {
    let repo = handbook();
    let (root, out) = (path_str(repo.root()), path_str(&repo.out()));
    let mut watch = Live::start(&["watch", &root, "-o", &out, "--today", TODAY]);
    let page = repo.out().join("policies/a.html");
    let good = read(&page);
    write_cycle(&repo);
    let line = watch.wait_for("partials include each other");
    assert!(line.contains("a.hbs -> b.hbs -> a.hbs"), "{line}");
    watch.wait_for("the last good site stays in place");
    assert!(
        watch.child.try_wait().expect("child status").is_none(),
        "watch keeps running"
    );
    assert_eq!(read(&page), good, "the last good page stays");
    assert!(staging_leftovers(repo.tmp()).is_empty());
    // Breaking the cycle recovers on the next save.
    repo.write("theme/templates/b.hbs", "<div class=\"b\">no more</div>\n");
    watch.wait_for("Rebuilt ");
    let page = read(&page);
    assert!(
        page.contains("<div class=\"a\"><div class=\"b\">no more</div>"),
        "{page}"
    );
}
