//! The page layout: the built-in one is rendered once per folder depth and filled in with each
//! page's title, URL and content; a theme's own `layout.hbs` is rendered for every page, so it
//! may use those values however it likes (in conditions, in helpers).

mod common;

use common::*;

fn repo() -> Repo {
    let repo = Repo::new();
    repo.quiet_globals()
        .doc(
            "policies/access.md",
            &Fm::new("POL-1").title("Access & \"Control\" <x> = 'yes'"),
            "Body of the policy.\n",
        )
        .doc(
            "procedures/deep/steps.md",
            &Fm::new("PRO-1").title("Backup steps").doc_type("procedure"),
            "Body of the procedure.\n",
        );
    repo
}

#[test]
fn the_built_in_layout_takes_each_page_s_title_url_and_depth() {
    let repo = repo();
    repo.build(&[]).expect(0);
    let policy = repo.page("policies/access.html");
    // Escaped as Handlebars escapes a value.
    assert!(
        policy.contains(
            "<title>POL-1 Access &amp; &quot;Control&quot; &lt;x&gt; &#x3D; &#x27;yes&#x27; · ISMS Handbook</title>"
        ),
        "{policy}"
    );
    assert!(
        policy.contains("data-page=\"policies/access.html\""),
        "{policy}"
    );
    assert!(policy.contains("data-root=\"../\""), "{policy}");
    assert!(policy.contains("href=\"../assets/style.css\""), "{policy}");
    assert!(policy.contains("Body of the policy."));
    assert!(!policy.contains('\u{E000}'), "no mark is left in a page");

    let steps = repo.page("procedures/deep/steps.html");
    assert!(
        steps.contains("<title>PRO-1 Backup steps · ISMS Handbook</title>"),
        "{steps}"
    );
    assert!(
        steps.contains("data-page=\"procedures/deep/steps.html\""),
        "{steps}"
    );
    assert!(steps.contains("href=\"../../assets/style.css\""), "{steps}");
    assert!(steps.contains("Body of the procedure.") && !steps.contains("Body of the policy."));

    let index = repo.page("index.html");
    assert!(index.contains("data-root=\"\"") && index.contains("href=\"assets/style.css\""));
}

#[test]
fn a_theme_s_own_layout_may_use_the_page_s_values_in_conditions() {
    let repo = repo();
    repo.write(
        "theme/templates/layout.hbs",
        "<!DOCTYPE html><html><head><title>{{#if page_title}}{{page_title}}{{else}}untitled{{/if}}</title></head>\n\
         <body data-url=\"{{page_url}}\" data-root=\"{{root}}\">{{#if (eq page_url \"index.html\")}}<p>HOME</p>{{/if}}\n\
         {{> content}}\n</body></html>\n",
    );
    repo.build(&[]).expect(0);
    let index = repo.page("index.html");
    assert!(index.contains("<p>HOME</p>"), "{index}");
    let policy = repo.page("policies/access.html");
    assert!(!policy.contains("<p>HOME</p>"), "{policy}");
    assert!(
        policy.contains("<title>POL-1 Access &amp; &quot;Control&quot;"),
        "{policy}"
    );
    assert!(
        policy.contains("data-url=\"policies/access.html\" data-root=\"../\""),
        "{policy}"
    );
    assert!(policy.contains("Body of the policy."));
    let steps = repo.page("procedures/deep/steps.html");
    assert!(
        steps.contains("data-url=\"procedures/deep/steps.html\" data-root=\"../../\""),
        "{steps}"
    );
    assert!(!steps.contains("<p>HOME</p>") && steps.contains("Body of the procedure."));
}

/// The framework matrix: its page template wraps the rows, each row rendered on its own from
/// `matrix-row.hbs` (a page with a row per document through the template engine as one value
/// held 200 MB at 50,000 documents). A theme may replace either.
#[test]
fn the_matrix_rows_come_from_their_own_template_and_the_page_must_place_them() {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example");
    let repo = Repo::copy_of(&example, &|rel| rel != "site");
    repo.build(&[]).expect(1);
    let built_in = repo.page("frameworks/matrix.html");
    let data: serde_json::Value =
        serde_json::from_str(&repo.page("handbook.json")).expect("handbook.json");
    let published = data["documents"].as_array().map_or(0, Vec::len);
    assert!(published > 30);
    assert_eq!(
        built_in.matches("<tr><th scope=\"row\">").count(),
        published,
        "a row per published document"
    );
    assert!(built_in.contains("<tbody>\n<tr><th scope=\"row\">"));
    assert!(built_in.contains("</tr>\n</tbody></table>"));

    repo.write(
        "theme/templates/matrix-row.hbs",
        "<tr class=\"mine\"><th>{{id}}: {{title}}</th></tr>\n",
    );
    repo.build(&[]).expect(1);
    let themed = repo.page("frameworks/matrix.html");
    assert!(themed.contains("<tr class=\"mine\"><th>POL-002: Access Control Policy</th></tr>"));
    assert!(!themed.contains("<tr><th scope=\"row\">"));

    // Two braces escape the place of the rows: refused, naming the template, nothing written.
    let page = std::fs::read_to_string(example.join("../theme/templates/matrix.hbs"))
        .expect("read the built-in matrix.hbs");
    repo.write(
        "theme/templates/matrix.hbs",
        page.replace("{{{rows_html}}}", "{{rows_html}}"),
    );
    let run = repo.build(&[]);
    run.expect(2);
    assert!(run.stderr.contains("matrix.hbs"), "{}", run.stderr);
    assert_eq!(
        repo.page("frameworks/matrix.html"),
        themed,
        "the last site stays"
    );
}

/// Every other page with a list as long as the handbook (a row per document, or per control
/// with every document that implements it) is made the same way: the page's template places
/// each list with `{{{…_html}}}` and each row comes from `<page>-row.hbs`, which a theme may
/// replace. A page template that escapes a list's place (two braces) would lose its rows: the
/// build stops, names the template, and the last site stays.
#[test]
fn every_long_list_comes_from_its_row_template_and_its_page_must_place_it() {
    struct Listed {
        page: &'static str,
        template: &'static str,
        /// What a theme's row template writes for a row (a field of the row).
        row: &'static str,
        /// A row of the example's page, as `row` writes it.
        sample: &'static str,
        /// The start of the built-in row, not in the page once the theme's row replaces it.
        built_in: &'static str,
        /// Where the page template places its list(s).
        places: &'static [&'static str],
    }
    let listed = [
        Listed {
            page: "reviews.html",
            template: "reviews",
            row: "{{doc.id}}",
            sample: "POL-002",
            built_in: "<tr><td><a href=\"policies/access-control.html\">POL-002 ",
            places: &["{{{rows_html}}}"],
        },
        Listed {
            page: "owners.html",
            template: "owners",
            row: "{{id}}",
            sample: "POL-002",
            built_in: "<tr><td><a href=\"policies/access-control.html\">POL-002 ",
            places: &["{{{rows_html}}}"],
        },
        Listed {
            page: "documents/index.html",
            template: "documents",
            row: "{{id}}",
            sample: "POL-002",
            built_in: "<tr><td><a href=\"../policies/access-control.html\">POL-002</a>",
            places: &["{{{rows_html}}}"],
        },
        Listed {
            page: "index.html",
            template: "index",
            row: "{{id}}",
            // Overdue since April 2026 (the example's clear-desk policy).
            sample: "POL-009",
            built_in: "<tr><td><a href=\"policies/clear-desk.html\">POL-009 ",
            places: &["{{{overdue_html}}}", "{{{due_soon_html}}}"],
        },
        Listed {
            page: "soa.html",
            template: "soa",
            row: "{{id}}",
            sample: "A.5.1",
            built_in: "<tr data-control=\"A.5.1\"",
            places: &["{{{rows_html}}}"],
        },
        Listed {
            page: "print.html",
            template: "print-soa",
            row: "{{id}}",
            sample: "A.5.1",
            built_in: "<tr><td>A.5.1 ",
            places: &["{{{rows_html}}}"],
        },
    ];
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example");
    let repo = Repo::copy_of(&example, &|rel| rel != "site");
    repo.build(&[]).expect(1);
    for l in &listed {
        let page = repo.page(l.page);
        assert!(page.contains(l.built_in), "{}: {}", l.page, l.built_in);
    }

    for l in &listed {
        repo.write(
            &format!("theme/templates/{}-row.hbs", l.template),
            format!("<tr class=\"mine\">{}</tr>\n", l.row),
        );
    }
    repo.build(&[]).expect(1);
    let mut themed = Vec::new();
    for l in &listed {
        let page = repo.page(l.page);
        let mine = format!("<tr class=\"mine\">{}</tr>", l.sample);
        assert!(page.contains(&mine), "{}: {mine}", l.page);
        assert!(!page.contains(l.built_in), "{}", l.page);
        themed.push(page);
    }

    let pages = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("theme/templates");
    for l in &listed {
        // print.hbs holds the SoA's rows; the other row templates are named after their page.
        let template = l.template.trim_end_matches("-soa");
        let name = format!("theme/templates/{template}.hbs");
        let original = std::fs::read_to_string(pages.join(format!("{template}.hbs")))
            .expect("read a built-in template");
        for place in l.places {
            assert!(original.contains(place), "{template}.hbs places {place}");
            let escaped = original.replace(place, &place[1..place.len() - 1]);
            repo.write(&name, escaped);
            let run = repo.build(&[]);
            run.expect(2);
            assert!(
                run.stderr.contains(&format!("{template}.hbs"))
                    && run.stderr.contains("three braces"),
                "{}",
                run.stderr
            );
            for (l, before) in listed.iter().zip(&themed) {
                assert_eq!(&repo.page(l.page), before, "the last site stays");
            }
        }
        repo.write(&name, original);
    }
}

fn built_in_template(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("theme/templates")
        .join(name);
    std::fs::read_to_string(path).expect("read a built-in template")
}

/// What a theme may do with the places of lists, as it could before they were written apart:
/// move one (the SoA before the printed documents), leave one out (the dashboard without the
/// reviews due soon), or show the content twice from its own layout.
#[test]
fn a_theme_may_move_drop_or_repeat_a_list() {
    let repo = Repo::new();
    repo.quiet_globals()
        .doc(
            "policies/a.md",
            &Fm::new("POL-1").line("controls: [A.5.1]"),
            "Body A.\n",
        )
        .doc(
            "policies/b.md",
            &Fm::new("POL-2")
                .reviewed("2024-01-01")
                .line("controls: [A.5.1]"),
            "Body B.\n",
        );
    let print = built_in_template("print.hbs");
    let start = print
        .find("{{#if soa}}\n<section")
        .expect("the SoA's section");
    let end = start + print[start..].find("{{/if}}\n</main>").expect("its end") + 8;
    let soa = &print[start..end];
    let moved = print.replacen(soa, "", 1).replacen(
        "{{{documents_html}}}",
        &format!("{soa}{{{{{{documents_html}}}}}}"),
        1,
    );
    repo.write("theme/templates/print.hbs", moved);
    let index = built_in_template("index.hbs");
    let start = index
        .find("<section aria-labelledby=\"due-soon\">")
        .expect("due soon");
    let end = start + index[start..].find("</section>").expect("its end") + 10;
    repo.write(
        "theme/templates/index.hbs",
        format!("{}{}", &index[..start], &index[end..]),
    );
    repo.write(
        "theme/templates/layout.hbs",
        "<!DOCTYPE html><html><body><main>{{> content}}</main><aside>{{> content}}</aside></body></html>\n",
    );
    repo.build(&[]).expect(1);

    let print = repo.page("print.html");
    let soa_row = print.find("<tr><td>A.5.1 ").expect("the SoA's row");
    assert!(soa_row < print.find("Body A.").expect("a printed document"));
    let dashboard = repo.page("index.html");
    assert!(!dashboard.contains("id=\"due-soon\"") && !dashboard.contains("ismsbook:rows"));
    let reviews = repo.page("reviews.html");
    let row = "<td><a href=\"policies/b.html\">POL-2 ";
    assert_eq!(reviews.matches(row).count(), 2, "{reviews}");
}

/// Titles and owners written like the places of lists stay text on every page with lists.
#[test]
fn text_like_a_list_s_place_stays_text() {
    let repo = Repo::new();
    repo.quiet_globals().doc(
        "policies/a.md",
        &Fm::new("POL-1")
            .title("\"<!--ismsbook:rows-0-->\"")
            .owner("\"<!--ismsbook:rows-1-->\"")
            .reviewed("2024-01-01")
            .line("controls: [A.5.1]"),
        "Body.\n",
    );
    repo.build(&[]).expect(1);
    for page in [
        "index.html",
        "reviews.html",
        "owners.html",
        "documents/index.html",
        "soa.html",
        "print.html",
    ] {
        let html = repo.page(page);
        assert!(!html.contains("<!--ismsbook:rows"), "{page}");
        assert!(html.contains("&lt;!--ismsbook:rows-0--&gt;"), "{page}");
    }
}
