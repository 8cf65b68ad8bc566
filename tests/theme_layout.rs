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
