//! The risk register as pages (issue 18): `risks/index.html` with the register and its inherent
//! and residual heat maps (inline SVG, each cell a count linking to its risks), a page per risk,
//! the risks each control treats on its page, `risks.csv`, the register and the exceptions in
//! `handbook.json`, and risks in the search index. The register here is a spreadsheet exported
//! from Excel: a BOM, `;` between cells, CRLF, headers in its own words.

mod common;

use common::*;
use serde_json::Value;
use std::sync::LazyLock;

/// As Excel saves "CSV UTF-8" in a German locale: BOM, `;`, CRLF, a notes column, a formula
/// someone pasted as a title, an owner that starts with `+`.
const REGISTER: &str = "\u{feff}Risk ID;Title;Owner;Likelihood;Impact;Treatment;Controls;Residual Likelihood;Residual Impact;Accepted By;Accepted On;Last Reviewed;Review Interval;Notes\n\
R-001;Ransomware encrypts production databases 🔒;CTO;4;5;mitigate;A.8.13, A.5.30, csf:RC.RP-01;2;4;;;2026-05-01;12;see BIA\n\
R-002;\"Phishing; stolen credentials\";CISO;4;4;mitigate;A.5.30;3;4;CEO;2026-06-01;2026-06-01;12;\n\
R-003;=HYPERLINK(\"http://evil.example\",\"click\");@SUM(1);2;2;accept;;;;;;2025-01-01;6;\n\
R 4/ä:<b>;Odd id <b>bold</b>;+CFO;3;3;avoid;;;;;;2026-10-01;12;\n\
R-005;Lost laptop;IT;1;1;mitigate;A.8.13;;;;;2026-09-01;12;\n\
r-005;Lost phone;IT;1;1;mitigate;A.8.13;;;;;2026-09-01;12;\n\
index;Not yet scored;CISO;;;mitigate;A.8.13;;;;;;12;\n";

const EXCEPTIONS: &str = "- id: EX-001\n  title: No MFA on the legacy mail gateway\n  controls: [A.5.30]\n  risk: R-002\n  approver: CISO\n  approved_on: 2026-06-01\n  expires: 2027-03-31\n";

const TOML: &str = "[[frameworks]]\nid = \"csf\"\ncatalog = \"nist-csf-2.0\"\n";

fn crlf(s: &str) -> String {
    s.replace('\n', "\r\n")
}

/// The fixture, built once for the tests that only read it.
static BUILT: LazyLock<Repo> = LazyLock::new(|| {
    let repo = Repo::shared("risk-pages");
    repo.write("ismsbook.toml", format!("{QUIET_GLOBALS}{TOML}"));
    repo.write("risks.csv", crlf(REGISTER));
    repo.write("exceptions.yaml", EXCEPTIONS);
    repo.doc(
        "policies/backup.md",
        &Fm::new("POL-001")
            .title("Backup policy")
            .line("controls: [A.8.13]"),
        "# Backup policy\n\nThe [risk register](../risks.csv) says why.\n",
    );
    // More documents implement A.8.13 than a risk page lists.
    for n in 2..=13 {
        repo.doc(
            &format!("policies/p-{n:02}.md"),
            &Fm::new(&format!("POL-{n:03}")).line("controls: [A.8.13]"),
            "# Backups elsewhere\n",
        );
    }
    repo.build(&[]).expect(1);
    repo
});

fn built() -> &'static Repo {
    &BUILT
}

/// One cell of a heat map as drawn: where it links, its accessible name, the count it shows.
#[derive(Debug)]
struct Cell {
    href: String,
    label: String,
    count: String,
}

/// The SVG of the heat map `key` (`inherent`, `residual`) on `html`.
fn svg<'a>(html: &'a str, key: &str) -> &'a str {
    let start = html
        .find(&format!("aria-labelledby=\"{key}-title\""))
        .unwrap_or_else(|| panic!("no {key} heat map"));
    let start = html[..start].rfind("<svg").expect("an svg element");
    let end = start + html[start..].find("</svg>").expect("the svg is closed");
    &html[start..end]
}

/// The linked cells of a heat map, parsed from the SVG's attributes and text.
fn cells(svg: &str) -> Vec<Cell> {
    let mut out = Vec::new();
    for part in svg.split("<a ").skip(1) {
        let part = &part[..part.find("</a>").expect("a closed link")];
        let attr = |name: &str| {
            let needle = format!("{name}=\"");
            let i = part.find(&needle).expect(name) + needle.len();
            html_unescape(&part[i..i + part[i..].find('"').expect("closed")])
        };
        let text = part.rfind("</text>").expect("a count");
        let count = &part[..text];
        let count = &count[count.rfind('>').expect("text") + 1..];
        out.push(Cell {
            href: attr("href"),
            label: attr("aria-label"),
            count: count.to_owned(),
        });
    }
    out
}

/// The list item a cell links to: `<li id="…">…</li>`.
fn cell_list<'a>(html: &'a str, anchor: &str) -> &'a str {
    let start = html
        .find(&format!("<li id=\"{anchor}\""))
        .unwrap_or_else(|| panic!("no list for {anchor}"));
    &html[start..start + html[start..].find("</li>").expect("closed")]
}

#[test]
fn heat_maps_count_each_cell_and_link_to_its_risks() {
    let repo = built();
    let page = "risks/index.html";
    let html = repo.page(page);
    let inherent = cells(svg(&html, "inherent"));
    // Six scored risks in five cells; `index` has no scores and is left off the map.
    let counts: Vec<(String, String, String)> = inherent
        .iter()
        .map(|c| (c.href.clone(), c.label.clone(), c.count.clone()))
        .collect();
    let want = [
        ("#inherent-l4-i4", "Likelihood 4, impact 4: 1 risk", "1"),
        ("#inherent-l4-i5", "Likelihood 4, impact 5: 1 risk", "1"),
        ("#inherent-l3-i3", "Likelihood 3, impact 3: 1 risk", "1"),
        ("#inherent-l2-i2", "Likelihood 2, impact 2: 1 risk", "1"),
        ("#inherent-l1-i1", "Likelihood 1, impact 1: 2 risks", "2"),
    ]
    .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()));
    assert_eq!(counts, want);
    assert!(html.contains("1 risk without a likelihood and impact is not on the map"));
    // Each cell's link lands on the list of its risks, which links to their pages.
    let ids = element_ids(&html);
    for c in &inherent {
        assert!(ids.contains(&c.href[1..]), "{c:?}");
    }
    let both = cell_list(&html, "inherent-l1-i1");
    assert!(
        has_link(page, both, "risks/R-005.html", "R-005")
            && has_link(page, both, "risks/r-005-2.html", "r-005"),
        "{both}"
    );
    // Residual scores where written, else the inherent ones.
    let residual: Vec<(String, String)> = cells(svg(&html, "residual"))
        .into_iter()
        .map(|c| (c.href, c.count))
        .collect();
    assert_eq!(
        residual,
        [
            ("#residual-l3-i3", "1"),
            ("#residual-l3-i4", "1"),
            ("#residual-l2-i2", "1"),
            ("#residual-l2-i4", "1"),
            ("#residual-l1-i1", "2"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert!(has_link(
        page,
        cell_list(&html, "residual-l2-i4"),
        "risks/R-001.html",
        "R-001"
    ));
    // Readable without sight: a title and a description name the map; empty cells are hidden
    // from the reader, and the colours are classes the stylesheet sets for both themes.
    let inherent_svg = svg(&html, "inherent");
    assert!(inherent_svg.contains("<title id=\"inherent-title\">Inherent risk heat map</title>"));
    assert!(inherent_svg.contains("6 risks shown, 3 above the appetite of 8."));
    assert_eq!(
        inherent_svg.matches("aria-hidden=\"true\"/>").count(),
        25 - 5
    );
    // No script draws or links anything.
    let main = &html[html.find("<main").expect("main")..html.find("</main>").expect("main")];
    assert!(!main.contains("<script"));
    let css = read(&repo.out().join("assets/style.css"));
    let dark = &css[css.find("@media (prefers-color-scheme: dark)").unwrap_or(0)..];
    assert!(css.contains(".hm-4 { fill: var(--hm-4)") && dark.contains("--hm-4:"));
    assert!(
        duplicate_ids(&html).is_empty(),
        "{:?}",
        duplicate_ids(&html)
    );
}

#[test]
fn the_register_lists_highest_residual_first_with_badges() {
    let repo = built();
    let html = repo.page("risks/index.html");
    let rows: Vec<String> = attr_values(&html, "data-risk")
        .iter()
        .map(|v| html_unescape(v))
        .collect();
    assert_eq!(
        rows,
        // 12, 9, 8, 4, then equal scores in register order, the unscored last.
        [
            "R-002",
            "R 4/ä:<b>",
            "R-001",
            "R-003",
            "R-005",
            "r-005",
            "index"
        ]
    );
    let row = |id: &str| {
        let start = html
            .find(&format!("data-risk=\"{id}\""))
            .unwrap_or_else(|| panic!("no row {id}"));
        html[start..start + html[start..].find("</tr>").unwrap_or(0)].to_owned()
    };
    let r2 = row("R-002");
    assert!(r2.contains("Phishing; stolen credentials"), "{r2}");
    assert!(
        r2.contains("12 <span class=\"badge badge-error\">above appetite</span>"),
        "{r2}"
    );
    assert!(
        r2.contains("CEO, 2026-06-01") && !r2.contains("acceptance missing"),
        "{r2}"
    );
    let r3 = row("R-003");
    assert!(r3.contains("acceptance missing"), "{r3}");
    assert!(
        r3.contains("2025-07-01 <span class=\"badge badge-error\">overdue by"),
        "{r3}"
    );
    assert!(
        row("index").contains("badge badge-error\">never reviewed</span>"),
        "{}",
        row("index")
    );
    // The author's text stays text.
    let odd = row("R 4/ä:&lt;b&gt;");
    assert!(odd.contains("Odd id &lt;b&gt;bold&lt;/b&gt;"), "{odd}");
    assert!(!html.contains("<b>bold"));
    // Linked from every page's navigation.
    assert!(repo
        .page("index.html")
        .contains("<a href=\"risks/index.html\">Risks</a>"));
    assert!(repo
        .page("controls/A.5.1.html")
        .contains("<a href=\"../risks/index.html\">Risks</a>"));
    assert!(
        broken_internal_links(&repo.out()).is_empty(),
        "{:?}",
        broken_internal_links(&repo.out())
    );
}

#[test]
fn a_risk_page_shows_scores_controls_exceptions_and_its_findings() {
    let repo = built();
    let page = "risks/R-001.html";
    let html = repo.page(page);
    assert!(html.contains(
        "<h1><span class=\"doc-id\">R-001</span> Ransomware encrypts production databases 🔒</h1>"
    ));
    assert!(html.contains("<span class=\"score hm-4\">20</span> (likelihood 4 × impact 5)"));
    assert!(html.contains("<span class=\"score hm-2\">8</span> (likelihood 2 × impact 4)"));
    assert!(!html.contains("above appetite"));
    // Controls with their state and the documents implementing them; a framework control
    // links to its framework's page.
    let treatment = section(&html, "isb-treatment");
    assert!(has_link(page, treatment, "controls/A.8.13.html", "A.8.13"));
    assert!(has_link(
        page,
        treatment,
        "policies/backup.html",
        "POL-001 Backup policy"
    ));
    assert!(has_link(
        page,
        treatment,
        "frameworks/csf/RC.RP-01.html",
        "csf:RC.RP-01"
    ));
    assert!(treatment.contains("Not implemented"), "{treatment}");
    // Five of the thirteen documents; the control's page has them all.
    let a813 = &treatment[treatment.find("data-control=\"A.8.13\"").expect("A.8.13")..];
    let a813 = &a813[..a813.find("</tr>").expect("row")];
    assert_eq!(a813.matches("<li><a href=").count(), 5, "{a813}");
    assert!(
        // The words come from the language file, escaped like any text (the apostrophe too).
        a813.contains(
            "… and 8 more on <a href=\"../controls/A.8.13.html\">the control&#x27;s page</a>"
        ),
        "{a813}"
    );
    // Its findings, and no other risk's.
    let findings = &html[html.find("isb-findings").expect("findings")..];
    assert!(
        findings.contains("risk R-001 relies on A.5.30"),
        "{findings}"
    );
    assert!(!findings.contains("R-003"), "{findings}");

    let r3 = repo.page("risks/R-003.html");
    assert!(r3.contains("<code>risk-acceptance-missing</code>"));
    assert!(r3.contains("<code>overdue-risk-review</code>"));
    assert!(!r3.contains("relies on A.5.30"));
    // The dashboard's finding leads to the risk's page.
    let dashboard = repo.page("index.html");
    assert!(
        dashboard.contains("href=\"risks/R-003.html\">risks.csv:4</a>"),
        "no link to the risk page"
    );

    // An exception naming the risk, linked to its entry; and back from exceptions.html.
    let r2 = repo.page("risks/R-002.html");
    assert!(has_link(
        "risks/R-002.html",
        &r2,
        "exceptions.html#exception-ex-001",
        "EX-001 No MFA on the legacy mail gateway"
    ));
    assert!(r2.contains("CEO, 2026-06-01"));
    assert!(has_link(
        "exceptions.html",
        &repo.page("exceptions.html"),
        "risks/R-002.html",
        "R-002"
    ));
}

#[test]
fn odd_and_colliding_ids_get_safe_distinct_pages() {
    let repo = built();
    let files: Vec<String> = all_files(&repo.out())
        .into_iter()
        .filter(|f| f.starts_with("risks/"))
        .collect();
    let mut want = [
        "risks/R-001.html",
        "risks/R-002.html",
        "risks/R-003.html",
        "risks/R_4____b_.html",
        "risks/R-005.html",
        "risks/r-005-2.html",
        "risks/index-2.html",
        "risks/index.html",
    ]
    .map(String::from)
    .to_vec();
    want.sort();
    let mut files = files;
    files.sort();
    assert_eq!(files, want);
    let odd = repo.page("risks/R_4____b_.html");
    assert!(odd.contains("<span class=\"doc-id\">R 4/ä:&lt;b&gt;</span>"));
    assert!(repo.page("risks/index-2.html").contains("Not yet scored"));
}

#[test]
fn control_pages_list_the_risks_they_treat() {
    let repo = built();
    let a530 = repo.page("controls/A.5.30.html");
    let risks = section(&a530, "isb-risks");
    assert!(has_link(
        "controls/A.5.30.html",
        risks,
        "risks/R-001.html",
        "R-001 Ransomware encrypts production databases 🔒"
    ));
    assert!(risks.contains(
        "Phishing; stolen credentials</a></td><td class=\"num\">12 <span class=\"badge badge-error\">above appetite</span>"
    ), "{risks}");
    let csf = repo.page("frameworks/csf/RC.RP-01.html");
    assert!(has_link(
        "frameworks/csf/RC.RP-01.html",
        section(&csf, "isb-risks"),
        "risks/R-001.html",
        "R-001 Ransomware encrypts production databases 🔒"
    ));
    // A control no risk names has no such section.
    assert!(!repo.page("controls/A.5.1.html").contains("isb-risks"));
}

#[test]
fn risks_csv_is_the_register_with_scores_and_no_formulas() {
    let repo = built();
    let bytes = std::fs::read(repo.out().join("risks.csv")).expect("risks.csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("a row").iter().map(String::from).collect())
        .collect();
    let get = |id: &str, col: &str| -> String {
        let c = header
            .iter()
            .position(|h| h == col)
            .unwrap_or_else(|| panic!("no {col}"));
        rows.iter()
            .find(|r| r[0] == id)
            .unwrap_or_else(|| panic!("no row {id}"))[c]
            .clone()
    };
    // File order, every risk.
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        ids,
        [
            "R-001",
            "R-002",
            "R-003",
            "R 4/ä:<b>",
            "R-005",
            "r-005",
            "index"
        ]
    );
    assert_eq!(get("R-001", "inherent_score"), "20");
    assert_eq!(get("R-001", "residual_score"), "8");
    assert_eq!(get("R-001", "controls"), "A.8.13, A.5.30, csf:RC.RP-01");
    assert_eq!(get("R-001", "next_review"), "2027-05-01");
    assert_eq!(get("R-002", "above_appetite"), "yes");
    assert_eq!(get("R-003", "review_overdue"), "yes");
    // Never reviewed is overdue, as overdue-risk-review says.
    assert_eq!(get("index", "next_review"), "");
    assert_eq!(get("index", "review_overdue"), "yes");
    assert_eq!(get("R-005", "review_overdue"), "no");
    // Formula injection neutralised: a spreadsheet shows these as text.
    assert_eq!(
        get("R-003", "title"),
        "'=HYPERLINK(\"http://evil.example\",\"click\")"
    );
    assert_eq!(get("R-003", "owner"), "'@SUM(1)");
    assert_eq!(get("R 4/ä:<b>", "owner"), "'+CFO");
    // The policy's link to the register file lands on this one, not a second copy.
    assert!(!repo.out().join("policies/risks.csv").exists());
}

#[test]
fn handbook_json_carries_the_register_and_the_exceptions() {
    let repo = built();
    let json: Value =
        serde_json::from_str(&repo.page("handbook.json")).expect("handbook.json is JSON");
    for key in [
        "format",
        "title",
        "generated",
        "documents",
        "controls",
        "soa",
        "findings",
        "summary",
        "frameworks",
        "mappings",
    ] {
        assert!(json.get(key).is_some(), "{key} kept");
    }
    assert_eq!(json["risk"]["appetite"], 8);
    let risks = json["risks"].as_array().expect("risks");
    assert_eq!(risks.len(), 7);
    let r1 = &risks[0];
    assert_eq!(r1["id"], "R-001");
    assert_eq!(r1["inherent"], 20);
    assert_eq!(r1["residual"], 8);
    assert_eq!(r1["above_appetite"], false);
    assert_eq!(r1["treatment"], "mitigate");
    assert_eq!(
        r1["controls"],
        serde_json::json!(["A.8.13", "A.5.30", "csf:RC.RP-01"])
    );
    assert_eq!(r1["next_review"], "2027-05-01");
    assert_eq!(r1["url"], "risks/R-001.html");
    assert_eq!(r1["source"], "risks.csv");
    assert_eq!(r1["line"], 2);
    assert_eq!(risks[1]["above_appetite"], true);
    assert_eq!(risks[1]["accepted_by"], "CEO");
    assert_eq!(risks[2]["review_overdue"], true);
    assert_eq!(risks[6]["inherent"], Value::Null);
    assert_eq!(risks[6]["review_overdue"], true);
    assert_eq!(risks[4]["review_overdue"], false);
    let ex = &json["exceptions"][0];
    assert_eq!(ex["id"], "EX-001");
    assert_eq!(ex["risk"], "R-002");
    assert_eq!(ex["controls"], serde_json::json!(["A.5.30"]));
    assert_eq!(ex["state"], "active");
    assert_eq!(ex["in_force"], true);
    assert_eq!(ex["expires"], "2027-03-31");
}

#[test]
fn search_finds_risks() {
    let repo = built();
    let script = repo.page("search-index.js");
    let json = script
        .trim_start_matches("window.ISMSBOOK_SEARCH = ")
        .trim_end()
        .trim_end_matches(';');
    let entries: Value = serde_json::from_str(json).expect("the index is JSON");
    let risk = entries
        .as_array()
        .expect("a list")
        .iter()
        .find(|e| e["i"] == "R-001")
        .expect("R-001 is in the index");
    assert_eq!(risk["k"], "Risk");
    assert_eq!(risk["u"], "risks/R-001.html");
    assert_eq!(risk["o"], "CTO");
    assert_eq!(risk["t"], "Ransomware encrypts production databases 🔒");
    assert!(risk["w"].as_str().unwrap_or_default().contains("mitigate"));
    assert!(entries
        .as_array()
        .expect("a list")
        .iter()
        .any(|e| e["i"] == "R 4/ä:<b>" && e["u"] == "risks/R_4____b_.html"));
}

#[test]
fn without_a_register_there_are_no_risk_pages_and_a_folder_of_that_name_is_free() {
    let repo = Repo::new();
    repo.write("ismsbook.toml", QUIET_GLOBALS);
    repo.doc(
        "risks/index.md",
        &Fm::new("REG-001").doc_type("record").title("Risk method"),
        "# Risk method\n\nWe score likelihood and impact.\n",
    );
    repo.build(&[]).expect(0);
    assert!(repo
        .page("risks/index.html")
        .contains("We score likelihood"));
    assert!(!repo.out().join("risks.csv").exists());
    assert!(!repo.page("index.html").contains(">Risks</a>"));
    let json: Value = serde_json::from_str(&repo.page("handbook.json")).expect("JSON");
    assert_eq!(json["risks"], serde_json::json!([]));
    assert_eq!(json["exceptions"], serde_json::json!([]));
    // With a register, the page would be overwritten: the build says so instead.
    repo.write("risks.yaml", "- id: R-1\n  title: T\n");
    let run = repo.build(&[]);
    run.no_panic();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "risks/index.md and generated by ismsbook would both be written to risks/index.html"
        ) || run.stderr.contains(
            "generated by ismsbook and risks/index.md would both be written to risks/index.html"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn ids_no_file_system_takes_as_they_are_still_get_pages() {
    let repo = Repo::new();
    repo.write("ismsbook.toml", QUIET_GLOBALS);
    let long = format!("R-{}", "x".repeat(300));
    repo.write(
        "risks.yaml",
        format!(
            "- id: \"..\"\n  title: Dots\n- id: con\n  title: A device name on Windows\n- id: \"🔥 1\"\n  title: Fire\n- id: {long}\n  title: Long\n- id: \"R.\"\n  title: Trailing dot\n"
        ),
    );
    let run = repo.build(&[]);
    run.no_panic();
    let mut pages: Vec<String> = all_files(&repo.out())
        .into_iter()
        .filter(|f| f.starts_with("risks/"))
        .collect();
    pages.sort();
    let mut want = vec![
        "risks/_.._.html".to_owned(),
        "risks/_con.html".to_owned(),
        "risks/__1.html".to_owned(),
        format!("risks/R-{}.html", "x".repeat(78)),
        "risks/R._.html".to_owned(),
        "risks/index.html".to_owned(),
    ];
    want.sort();
    assert_eq!(pages, want);
    let index = repo.page("risks/index.html");
    assert!(has_link(
        "risks/index.html",
        &index,
        "risks/__1.html",
        "🔥 1 Fire"
    ));
    assert!(broken_internal_links(&repo.out()).is_empty());
}
