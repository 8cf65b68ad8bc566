//! `[print] max_documents`: above it, one printable page per document type (in even parts when a
//! type alone is above it) under `print/`, and print.html lists them beside the Statement of
//! Applicability. Every link between the pages must still land on its document and heading.

mod common;

use common::*;
use std::collections::BTreeSet;

/// Eight approved documents (five policies, a procedure, a register and a confidential
/// standard) and a draft; policies link across pages, one shows an image.
fn repo(max: usize) -> Repo {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        format!("{QUIET_GLOBALS}\n[print]\nmax_documents = {max}\n"),
    );
    for n in 1..=5 {
        repo.doc(
            &format!("policies/pol-{n}.md"),
            &Fm::new(&format!("POL-{n}")).title(&format!("Policy number {n}")),
            &format!(
                "## Scope {n}\n\nSee [[PRO-1]], [the steps](../procedures/backup.md#steps), [[POL-1]] and [the next](pol-{}.md#scope-{}).\n\n![Network](../images/net.png)\n",
                n % 5 + 1,
                n % 5 + 1
            ),
        );
    }
    repo.doc(
        "procedures/backup.md",
        &Fm::new("PRO-1")
            .title("Backup procedure")
            .doc_type("procedure")
            .line("controls: [A.8.13]"),
        "## Steps\n\nBack up nightly, as [the policy](../policies/pol-3.md#scope-3) says.\n",
    );
    repo.doc(
        "registers/assets.md",
        &Fm::new("REG-1")
            .title("Asset register")
            .doc_type("register")
            .line("controls: [A.5.9]"),
        "| Asset | Owner |\n|---|---|\n| Laptop | IT |\n",
    );
    repo.doc(
        "standards/draft.md",
        &Fm::new("STD-1").doc_type("standard").status("draft"),
        "Work in progress.\n",
    );
    repo.doc(
        "standards/secret.md",
        &Fm::new("STD-2")
            .title("Secret standard")
            .doc_type("standard")
            .line("classification: confidential"),
        "Only for the security team.\n",
    );
    repo.write("images/net.png", b"\x89PNG\r\n\x1a\n");
    repo
}

/// Printable pages of documents the build wrote, by path.
fn volumes(repo: &Repo) -> BTreeSet<String> {
    html_files(&repo.out())
        .into_iter()
        .filter(|p| p.starts_with("print/"))
        .collect()
}

/// `page` (its HTML `html`) links to site path `target` with the text `text`.
fn assert_link(page: &str, html: &str, target: &str, text: &str) {
    assert!(
        has_link(page, html, target, text),
        "{page} has no link to {target} reading {text:?}:\n{html}"
    );
}

/// Every link on `page` into the site lands on a file that exists and, with a fragment, on an
/// element of that file with that id.
fn assert_links_land(repo: &Repo, page: &str) {
    let html = repo.page(page);
    for (target, text) in links(page, &html) {
        if target.contains("://") || target.starts_with("mailto:") {
            continue;
        }
        let (file, fragment) = match target.split_once('#') {
            Some((f, a)) => (f, Some(a)),
            None => (target.as_str(), None),
        };
        let path = repo.out().join(file);
        assert!(
            path.is_file(),
            "{page}: `{text}` links to {target}, which was not written"
        );
        if let Some(id) = fragment {
            let there = read(&path);
            assert!(
                there.contains(&format!("id=\"{id}\"")),
                "{page}: `{text}` links to {target}, which has no #{id}"
            );
        }
    }
}

#[test]
fn a_handbook_within_the_limit_prints_on_one_page() {
    let repo = repo(8);
    repo.build(&[]).expect(0);
    assert!(volumes(&repo).is_empty(), "{:?}", volumes(&repo));
    let print = repo.page("print.html");
    for id in [
        "doc-pol-1",
        "doc-pol-5",
        "doc-pro-1",
        "doc-reg-1",
        "doc-std-2",
        "isb-print-soa",
    ] {
        assert!(print.contains(&format!("id=\"{id}\"")), "{id} missing");
    }
    assert!(print.contains("href=\"#doc-pro-1--steps\""), "{print}");
    assert_links_land(&repo, "print.html");
}

#[test]
fn above_the_limit_each_type_gets_its_own_page_in_even_parts() {
    let repo = repo(2);
    repo.build(&[]).expect(0);
    // Five policies at two a page are three parts of 2, 2 and 1; the procedure, the register and
    // the (approved, confidential) standard fit one page each; the draft is printed nowhere.
    let expected: BTreeSet<String> = [
        "print/policy-1.html",
        "print/policy-2.html",
        "print/policy-3.html",
        "print/procedure.html",
        "print/register.html",
        "print/standard.html",
    ]
    .map(String::from)
    .into();
    assert_eq!(volumes(&repo), expected);

    let index = repo.page("print.html");
    // The index: the parts in type order with their sizes, then the SoA; no document itself.
    let listed: Vec<(String, String)> = links("print.html", &index)
        .into_iter()
        .filter(|(t, _)| t.starts_with("print/") && !t.contains('#'))
        .collect();
    assert_eq!(
        listed,
        [
            ("print/policy-1.html", "Policies (part 1 of 3)"),
            ("print/policy-2.html", "Policies (part 2 of 3)"),
            ("print/policy-3.html", "Policies (part 3 of 3)"),
            ("print/standard.html", "Standards"),
            ("print/procedure.html", "Procedures"),
            ("print/register.html", "Registers"),
        ]
        .map(|(t, x)| (t.to_owned(), x.to_owned()))
        .to_vec()
    );
    assert!(
        index.contains("Policies (part 3 of 3)</a> (1 document)"),
        "{index}"
    );
    assert!(
        index.contains("Policies (part 1 of 3)</a> (2 documents)"),
        "{index}"
    );
    assert!(index.contains("id=\"isb-print-soa\""));
    assert!(!index.contains("class=\"print-doc\" id=\"doc-"), "{index}");
    // The SoA's "implemented by" leads into the page that prints the document.
    assert_link(
        "print.html",
        &index,
        "print/procedure.html#doc-pro-1",
        "PRO-1",
    );

    let first = repo.page("print/policy-1.html");
    assert!(
        first.contains("<title>Policies (part 1 of 3) · "),
        "{first}"
    );
    assert!(first.contains("id=\"doc-pol-1\"") && first.contains("id=\"doc-pol-2\""));
    assert!(!first.contains("id=\"doc-pol-3\"") && !first.contains("isb-print-soa"));
    // Links to a document on the same page stay in the page; to another page, go there.
    assert!(first.contains("href=\"#doc-pol-1\""), "{first}");
    assert_link(
        "print/policy-1.html",
        &first,
        "print/procedure.html#doc-pro-1--steps",
        "the steps",
    );
    let on_first =
        |target: &str, text: &str| assert_link("print/policy-1.html", &first, target, text);
    // POL-1's "next" is POL-2, on this page; POL-2's is POL-3, on the next part.
    on_first("print/policy-1.html#doc-pol-2--scope-2", "the next");
    on_first("print/policy-2.html#doc-pol-3--scope-3", "the next");
    on_first("print.html", "All printable parts");
    on_first("index.html", "Back to the handbook");
    // The image is found from the page's folder.
    assert!(first.contains("src=\"../images/net.png\""), "{first}");
    assert!(repo.out().join("images/net.png").is_file());

    for page in volumes(&repo)
        .iter()
        .map(String::as_str)
        .chain(["print.html"])
    {
        assert_links_land(&repo, page);
        assert_eq!(
            duplicate_ids(&repo.page(page)),
            Vec::<String>::new(),
            "{page}"
        );
    }
    assert_links_relative(&repo.out());
}

#[test]
fn the_audience_decides_what_is_printed_and_a_smaller_one_may_fit_one_page() {
    let first = repo(2);
    first.build(&["--audience", "internal"]).expect(0);
    // The confidential standard is not published for internal readers: no standards page.
    assert!(!volumes(&first).contains("print/standard.html"));
    assert!(volumes(&first).contains("print/procedure.html"));

    // Nine approved documents, eight for internal readers: above eight on the whole, so split;
    // within eight for internal readers, so one page, and the parts of the first build are gone
    // with the rest of its site.
    let repo = repo(8);
    repo.doc("policies/pol-6.md", &Fm::new("POL-6"), "Sixth.\n");
    repo.build(&[]).expect(0);
    assert!(!volumes(&repo).is_empty());
    repo.build(&["--audience", "internal"]).expect(0);
    assert!(volumes(&repo).is_empty(), "{:?}", volumes(&repo));
    assert!(repo.page("print.html").contains("id=\"doc-pol-6\""));
    assert!(!repo.page("print.html").contains("id=\"doc-std-2\""));
}

#[test]
fn the_pages_are_translated() {
    let repo = repo(2);
    repo.build(&["--language", "de"]).expect(0);
    let index = repo.page("print.html");
    assert_link(
        "print.html",
        &index,
        "print/policy-1.html",
        "Richtlinien (Teil 1 von 3)",
    );
    assert!(
        index.contains("(1 Dokument)") && index.contains("(2 Dokumente)"),
        "{index}"
    );
    let part = repo.page("print/policy-3.html");
    assert_link(
        "print/policy-3.html",
        &part,
        "print.html",
        "Alle Druckseiten",
    );
    repo.build(&["--language", "ja"]).expect(0);
    let index = repo.page("print.html");
    assert_link(
        "print.html",
        &index,
        "print/policy-1.html",
        "方針（第 1 部／全 3 部）",
    );
    assert!(index.contains("(2 件)"), "{index}");
}

#[test]
fn a_document_where_a_printable_page_goes_is_refused_and_zero_is_no_limit() {
    let repo = repo(2);
    repo.doc("print/policy.md", &Fm::new("POL-9"), "Named like a page.\n");
    let run = repo.build(&[]);
    run.expect(2);
    assert!(
        run.stderr.contains("print/policy.html") && run.stderr.contains("print/policy.md"),
        "{}",
        run.stderr
    );
    // Within the limit the name is free.
    repo.write(
        "ismsbook.toml",
        format!("{QUIET_GLOBALS}\n[print]\nmax_documents = 50\n"),
    );
    repo.build(&[]).expect(0);
    assert!(repo.out().join("print/policy.html").is_file());
    assert!(repo
        .page("print/policy.html")
        .contains("Named like a page."));

    repo.write(
        "ismsbook.toml",
        format!("{QUIET_GLOBALS}\n[print]\nmax_documents = 0\n"),
    );
    let run = repo.build(&[]);
    run.expect(2);
    assert!(
        run.stderr.contains("[print] max_documents = 0"),
        "{}",
        run.stderr
    );
    // The last good site is untouched.
    assert!(repo.out().join("print/policy.html").is_file());
}
