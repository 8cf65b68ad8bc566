//! The handbook's reader-facing outputs: Statement of Applicability (HTML and CSV), review
//! calendar (HTML and iCalendar), owners, print, handbook.json, search index, sitemap, and what
//! `--drafts` and `--audience` leave out.

mod common;

use common::*;
use serde_json::Value;

/// A small ISMS: an approved policy linking a draft, an internal and a confidential document.
fn repo() -> Repo {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        format!("organisation = \"Acme, Ltd\"\nbase_url = \"https://isms.acme.example/\"\n{QUIET_GLOBALS}"),
    );
    repo.write(
        "soa.yaml",
        "A.7.4:\n  applicable: false\n  justification: \"=HYPERLINK(\\\"http://x\\\")\"\nA.5.7:\n  status: planned\n  note: Feed chosen in Q1.\n",
    );
    repo.doc(
        "policies/isp.md",
        &Fm::new("POL-1").title("Security Policy").line("classification: public").line("controls: [A.5.1, A.5.15]"),
        "## Scope\n\nSee [[STD-1]], [the draft](../standards/draft.md), [[REG-1]] and [[A.5.15]].\n\nQuixotic wording.\n",
    );
    repo.doc(
        "standards/draft.md",
        &Fm::new("STD-1")
            .title("Draft Standard")
            .doc_type("standard")
            .status("draft")
            .line("controls: [A.5.7]"),
        "Work in progress.\n",
    );
    repo.doc(
        "procedures/internal.md",
        &Fm::new("PRO-1")
            .title("Internal Procedure")
            .doc_type("procedure")
            .owner("Head of IT")
            .line("controls: [A.8.13]"),
        "## Steps\n\nBack up. See [policy scope](../policies/isp.md#scope).\n",
    );
    repo.doc(
        "registers/risks.md",
        &Fm::new("REG-1")
            .title("Risk Register")
            .doc_type("register")
            .owner("Risk Owner")
            .line("classification: confidential")
            .line("next_review: 2026-12-10")
            .line("controls: [A.5.12]"),
        "Restricted content.\n",
    );
    repo
}

#[test]
fn drafts_are_left_out_unless_asked_and_links_to_them_become_text() {
    let repo = repo();
    repo.build(&[]).expect(0);
    let out = repo.out();
    assert!(!out.join("standards/draft.html").exists());
    let isp = repo.page("policies/isp.html");
    assert!(isp.contains("the draft"), "{isp}");
    assert!(
        !isp.contains("draft.html"),
        "a link to a left-out draft: {isp}"
    );
    assert!(
        !isp.contains("broken-link"),
        "a left-out document is not a broken link: {isp}"
    );
    assert!(!read(&out.join("assets/nav.js")).contains("STD-1"));
    assert!(!read(&out.join("search-index.js")).contains("\"i\":\"STD-1\""));
    assert!(
        broken_internal_links(&out).is_empty(),
        "{:?}",
        broken_internal_links(&out)
    );

    let drafts = Repo::copy_of(repo.root(), &|_| true);
    drafts.build(&["--drafts"]).expect(0);
    let draft = drafts.page("standards/draft.html");
    assert!(draft.contains("Draft: not approved"), "{draft}");
    assert!(drafts
        .page("policies/isp.html")
        .contains("href=\"../standards/draft.html\""));
}

#[test]
fn audience_leaves_out_documents_above_its_classification() {
    let repo = repo();
    repo.build(&["--audience", "internal"]).expect(0);
    let out = repo.out();
    assert!(out.join("procedures/internal.html").is_file());
    assert!(!out.join("registers/risks.html").exists());
    let isp = repo.page("policies/isp.html");
    // [[REG-1]] stays as written, plain text: not a dead link, and not its title either.
    assert!(
        isp.contains("REG-1") && !isp.contains("Risk Register") && !isp.contains("risks.html"),
        "{isp}"
    );

    let public = Repo::copy_of(repo.root(), &|_| true);
    public.build(&["--audience", "public"]).expect(0);
    let out = public.out();
    assert!(out.join("policies/isp.html").is_file());
    assert!(!out.join("procedures/internal.html").exists());
    for page in html_files(&out) {
        let html = public.page(&page);
        assert!(
            !html.contains("Internal Procedure") && !html.contains("Risk Register"),
            "{page} names a left-out document"
        );
    }
    for file in [
        "handbook.json",
        "soa.csv",
        "reviews.ics",
        "assets/nav.js",
        "findings.json",
        "sitemap.xml",
    ] {
        let text = read(&out.join(file));
        assert!(
            !text.contains("PRO-1") && !text.contains("REG-1"),
            "{file} names a left-out document"
        );
    }
    let search = read(&out.join("search-index.js"));
    assert!(
        !search.contains("\"i\":\"PRO-1\"") && !search.contains("Risk Register"),
        "{search}"
    );
    assert!(
        broken_internal_links(&out).is_empty(),
        "{:?}",
        broken_internal_links(&out)
    );

    // The default comes from ismsbook.toml.
    let configured = Repo::copy_of(repo.root(), &|_| true);
    configured.write(
        "ismsbook.toml",
        format!("audience = \"public\"\n{QUIET_GLOBALS}"),
    );
    configured.build(&[]).expect(0);
    assert!(!configured.out().join("procedures/internal.html").exists());
}

#[test]
fn statement_of_applicability_page_and_csv() {
    let repo = repo();
    repo.build(&[]).expect(0);
    let soa = repo.page("soa.html");
    assert_eq!(soa.matches("<tr data-control=").count(), 93);
    assert!(
        soa.contains("Acme, Ltd") && soa.contains("2026-11-29"),
        "header"
    );
    let row = |id: &str| {
        let start = soa.find(&format!("data-control=\"{id}\"")).unwrap();
        soa[start..start + soa[start..].find("</tr>").unwrap()].to_owned()
    };
    assert!(
        row("A.5.1").contains("POL-1") && row("A.5.1").contains("Implemented"),
        "{}",
        row("A.5.1")
    );
    assert!(row("A.7.4").contains("<td>No</td>"), "{}", row("A.7.4"));
    assert!(row("A.5.7").contains("Planned"), "{}", row("A.5.7"));
    assert!(row("A.8.1").contains("Not implemented"), "{}", row("A.8.1"));

    let bytes = std::fs::read(repo.out().join("soa.csv")).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 BOM for spreadsheets"
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "Control");
    assert_eq!(&header[4], "Justification");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 93);
    let a74 = rows.iter().find(|r| &r[0] == "A.7.4").unwrap();
    assert_eq!(&a74[3], "No");
    // A justification that looks like a formula stays text in Excel.
    assert_eq!(&a74[4], "'=HYPERLINK(\"http://x\")");
    let a515 = rows.iter().find(|r| &r[0] == "A.5.15").unwrap();
    assert_eq!(&a515[6], "POL-1 Security Policy");
    assert_eq!(&a515[7], "CISO");
}

#[test]
fn review_calendar_is_valid_icalendar_with_stable_uids() {
    let repo = repo();
    repo.build(&[]).expect(0);
    let text = read(&repo.out().join("reviews.ics"));
    assert!(
        text.split_inclusive('\n').all(|l| l.ends_with("\r\n")),
        "CRLF line endings"
    );
    assert!(
        text.split("\r\n").all(|l| l.len() <= 75),
        "folded at 75 octets"
    );
    let unfolded = icalendar::parser::unfold(&text);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("valid iCalendar");
    let prop = |c: &icalendar::parser::Component, name: &str| {
        c.properties
            .iter()
            .find(|p| p.name.as_str() == name)
            .map(|p| p.val.as_str().to_owned())
    };
    let events: Vec<_> = cal
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    // Published, not retired documents: POL-1, PRO-1, REG-1 (the draft is left out).
    assert_eq!(events.len(), 3);
    let reg = events
        .iter()
        .find(|e| prop(e, "UID").unwrap().contains("REG-1"))
        .unwrap();
    assert_eq!(prop(reg, "DTSTART").as_deref(), Some("20261210"));
    assert_eq!(prop(reg, "DTEND").as_deref(), Some("20261211"));
    assert!(prop(reg, "SUMMARY").unwrap().contains("Risk Register"));
    assert!(prop(reg, "DESCRIPTION").unwrap().contains("Risk Owner"));
    // Same input, same UIDs: a subscribed calendar updates instead of duplicating.
    let again = Repo::copy_of(repo.root(), &|_| true);
    again.build(&[]).expect(0);
    let uids = |t: &str| {
        t.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&text), uids(&read(&again.out().join("reviews.ics"))));

    let reviews = repo.page("reviews.html");
    let due = &reviews[reviews.find("id=\"reviews-due-30\"").unwrap()
        ..reviews.find("id=\"reviews-due-90\"").unwrap()];
    assert!(due.contains("REG-1"), "{due}");
    let owners = repo.page("owners.html");
    assert!(
        owners.contains("id=\"owner-risk-owner\"") && owners.contains("Head of IT"),
        "{owners}"
    );
}

#[test]
fn print_page_has_every_approved_document_with_unique_ids_and_in_page_links() {
    let repo = repo();
    repo.build(&[]).expect(0);
    let print = repo.page("print.html");
    for id in ["doc-pol-1", "doc-pro-1", "doc-reg-1", "isb-print-soa"] {
        assert!(print.contains(&format!("id=\"{id}\"")), "{id} missing");
    }
    assert!(
        !print.contains("Work in progress"),
        "drafts are not printed"
    );
    assert_eq!(duplicate_ids(&print), Vec::<String>::new());
    // Cross-links between printed documents point inside the page, and resolve.
    assert!(print.contains("href=\"#doc-pol-1--scope\""), "{print}");
    assert!(print.contains("id=\"doc-pol-1--scope\""));
    for (target, _) in links("print.html", &print) {
        if let Some(frag) = target.strip_prefix("print.html#") {
            assert!(
                print.contains(&format!("id=\"{frag}\"")),
                "#{frag} has no target"
            );
        }
    }
    assert!(
        print.contains("@media print")
            || read(&repo.out().join("assets/style.css")).contains("break-before: page")
    );
}

#[test]
fn footnotes_of_different_documents_stay_apart_in_print() {
    let repo = Repo::new();
    repo.quiet_globals()
        .doc("a.md", &Fm::new("A"), "First.[^1]\n\n[^1]: Note of A.\n")
        .doc("b.md", &Fm::new("B"), "Second.[^1]\n\n[^1]: Note of B.\n");
    repo.build(&[]).expect(0);
    let print = repo.page("print.html");
    assert_eq!(duplicate_ids(&print), Vec::<String>::new());
    // Each reference leads to its own document's note.
    for (doc, note) in [("doc-a", "Note of A."), ("doc-b", "Note of B.")] {
        let target = format!("{doc}--1");
        assert!(print.contains(&format!("href=\"#{target}\"")), "{print}");
        let at = print
            .find(&format!("id=\"{target}\""))
            .unwrap_or_else(|| panic!("no #{target} in {print}"));
        let definition = print[at..].split("</div>").next().unwrap_or_default();
        assert!(definition.contains(note), "{definition}");
    }
    // Document pages keep plain footnote ids.
    assert!(repo.page("a.html").contains("href=\"#1\""));
}

#[test]
fn handbook_json_search_index_and_sitemap() {
    let repo = repo();
    repo.build(&[]).expect(0);
    let out = repo.out();
    let hb: Value = serde_json::from_str(&read(&out.join("handbook.json"))).unwrap();
    assert_eq!(hb["format"], 1);
    assert_eq!(hb["controls"].as_array().unwrap().len(), 93);
    assert_eq!(hb["soa"].as_array().unwrap().len(), 93);
    let docs = hb["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 3);
    let pol = docs.iter().find(|d| d["id"] == "POL-1").unwrap();
    assert_eq!(pol["url"], "policies/isp.html");
    assert_eq!(pol["controls"], serde_json::json!(["A.5.1", "A.5.15"]));
    assert_eq!(pol["links_to"], serde_json::json!(["REG-1"]));
    assert_eq!(pol["linked_from"], serde_json::json!(["PRO-1"]));
    let a515 = hb["controls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "A.5.15")
        .unwrap();
    assert_eq!(a515["implemented_by"], serde_json::json!(["POL-1"]));
    assert_eq!(a515["status"], "implemented");

    let script = read(&out.join("search-index.js"));
    let json = script
        .strip_prefix("window.ISMSBOOK_SEARCH = ")
        .unwrap()
        .trim_end()
        .trim_end_matches(';');
    let index: Value = serde_json::from_str(json).unwrap();
    let entries = index.as_array().unwrap();
    assert_eq!(entries.len(), 3 + 93, "documents and controls");
    let pol = entries.iter().find(|e| e["i"] == "POL-1").unwrap();
    assert!(
        pol["w"]
            .as_str()
            .unwrap()
            .split(' ')
            .any(|w| w == "quixotic"),
        "body words are searchable"
    );
    assert_eq!(pol["u"], "policies/isp.html");

    let sitemap = read(&out.join("sitemap.xml"));
    assert!(
        sitemap.contains("<loc>https://isms.acme.example/policies/isp.html</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("draft.html"));
}

#[test]
fn soa_shows_the_git_commit_it_was_built_from() {
    let repo = repo();
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .args(["-c", "user.name=T", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(repo.root())
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "ISMS"]);
    let head = std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(repo.root())
        .output()
        .unwrap();
    let head = String::from_utf8(head.stdout).unwrap().trim().to_owned();
    repo.build(&[]).expect(0);
    let soa = repo.page("soa.html");
    assert!(
        soa.contains(&format!("commit <code>{head}</code>")),
        "{soa}"
    );
    assert!(!soa.contains("uncommitted"));
    // Each document page shows its history, and handbook.json its last change.
    let isp = repo.page("policies/isp.html");
    assert!(
        isp.contains("id=\"isb-history\"")
            && isp.contains("<td>ISMS</td>")
            && isp.contains("<td>T</td>"),
        "{isp}"
    );
    let hb: Value = serde_json::from_str(&read(&repo.out().join("handbook.json"))).unwrap();
    let pol = hb["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "POL-1")
        .unwrap();
    assert!(
        pol["last_changed"].as_str().is_some_and(|d| d.len() == 10),
        "{pol}"
    );
}
