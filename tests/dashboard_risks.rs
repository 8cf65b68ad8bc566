//! The dashboard with a risk register and exceptions (issue 18): risks above appetite and
//! overdue risk reviews, the exceptions' states, the twelve-month timeline of what falls due
//! (inline SVG), and the exceptions in force on the SoA's rows, `soa.csv` and `soa.xlsx`.
//! Every date is judged against `--today 2026-11-29`.

mod common;

use common::*;

/// The register as an ISMS manager's editor saves it: CRLF, comments, emoji, markup in a
/// title, an id with a character that cannot stand in a file name.
const RISKS: &str = "\
# Risk register 2026 — reviewed by the ISMS committee
- id: R-001
  title: Ransomware encrypts production databases 🔒
  owner: CTO
  likelihood: 5
  impact: 5
  treatment: mitigate
  controls: [A.8.7, A.8.13]
  residual_likelihood: 4
  residual_impact: 4          # 16: above appetite, accepted
  accepted_by: CEO
  accepted_on: 2026-05-01
  last_reviewed: 2026-05-01   # next review 2027-05-01
- id: R-002
  title: Supplier <b>outage</b> & no exit plan
  owner: COO
  likelihood: 3
  impact: 4
  treatment: mitigate
  controls: [A.5.19]
  residual_likelihood: 3
  residual_impact: 3          # 9: above appetite, not accepted
  last_reviewed: 2025-10-01   # due 2026-10-01: overdue
- id: R-003
  title: Key staff leave without handover
  owner: HR
  likelihood: 5
  impact: 4                   # no residual: 20, not accepted; never reviewed
  treatment: accept
- id: R-004
  title: Lost laptop
  owner: Head of IT
  likelihood: 2
  impact: 2
  treatment: mitigate
  controls: [A.8.1]
  last_reviewed: 2026-01-10   # due 2027-01-10
- id: R/006
  title: Phishing of finance staff
  owner: CFO
  likelihood: 4
  impact: 4
  treatment: mitigate
  controls: [A.6.3]
  residual_likelihood: 3
  residual_impact: 4          # 12: above appetite, accepted
  accepted_by: CISO
  accepted_on: 2026-09-01
  last_reviewed: 2026-09-01
  review_interval: 3          # due 2026-12-01
";

const EXCEPTIONS: &str = "\
- id: EX-001
  title: Legacy billing server without endpoint protection 💾
  controls: [A.8.7]
  approver: CISO
  approved_on: 2026-06-01
  expires: 2027-01-31         # in force
- id: EX-002
  title: Shared admin account
  controls: [A.5.16]
  approver: CISO
  approved_on: 2026-01-15
  expires: 2026-11-28         # expired yesterday
- id: EX-003
  title: Build agents <unpatched>
  controls: [A.8.7, A.5.15]
  approver: CTO
  approved_on: 2026-10-01
  expires: 2026-12-20         # in force, expiring within 30 days
- id: EX-004
  title: Contractor laptops without disk encryption
  controls: [A.8.1]
  expires: 2027-03-31         # not approved: not in force
- id: EX-005
  title: Lab network without monitoring
  controls: [A.8.7]
  approver: CISO
  approved_on: 2026-11-01
  expires: 2028-01-31         # in force, beyond the timeline
";

fn crlf(s: &str) -> String {
    s.replace('\n', "\r\n")
}

fn repo() -> Repo {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        format!("{QUIET_GLOBALS}\n[risk]\nscale = 5\nappetite = 8\n"),
    );
    repo.write("risks.yaml", crlf(RISKS));
    repo.write("exceptions.yaml", crlf(EXCEPTIONS));
    let doc = |path: &str, fm: Fm| {
        repo.doc(
            path,
            &fm.line("controls: [A.8.7, A.5.15]"),
            "# Policy\r\n\r\nText.\r\n",
        );
    };
    // Next reviews, twelve months on: overdue, this month (today or later), December,
    // January, and one a year from today (past the timeline's last month).
    doc("policies/one.md", Fm::new("POL-1").reviewed("2025-11-01"));
    doc("procedures/two.md", Fm::new("PRO-2").reviewed("2025-11-30"));
    doc("procedures/one.md", Fm::new("PRO-1").reviewed("2025-12-31"));
    doc("policies/two.md", Fm::new("POL-2").reviewed("2026-01-15"));
    doc("standards/one.md", Fm::new("STD-1").reviewed("2026-11-29"));
    // Retired, and a draft this build does not publish: neither is due.
    doc(
        "policies/old.md",
        Fm::new("POL-9").status("retired").reviewed("2020-01-01"),
    );
    doc(
        "policies/draft.md",
        Fm::new("POL-8").status("draft").reviewed("2024-01-01"),
    );
    repo
}

/// The `<g>` of the timeline for a month (`Overdue`, `December 2026`).
fn bar(html: &str, month: &str) -> String {
    let start = html
        .find(&format!("<g data-month=\"{month}\""))
        .unwrap_or_else(|| panic!("no bar {month} in\n{html}"));
    let rest = &html[start..];
    rest[..rest.find("</g>").unwrap_or(rest.len())].to_owned()
}

/// (documents, risks, exceptions) of a bar, as its data attributes say.
fn counts(bar: &str) -> (u32, u32, u32) {
    let attr = |name: &str| -> u32 {
        let key = format!("data-{name}=\"");
        let at = bar
            .find(&key)
            .unwrap_or_else(|| panic!("no {key} in {bar}"))
            + key.len();
        bar[at..]
            .split('"')
            .next()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{key} in {bar}"))
    };
    (attr("documents"), attr("risks"), attr("exceptions"))
}

#[test]
fn the_dashboard_lists_risks_above_appetite_unaccepted_first_and_overdue_risk_reviews() {
    let repo = repo();
    repo.build(&[]).no_panic();
    let html = repo.page("index.html");
    let above = section(&html, "isb-risks-above");
    let order: Vec<usize> = ["R-003", "R-002", "R-001", "R/006"]
        .iter()
        .map(|id| {
            above
                .find(&format!("data-risk=\"{id}\""))
                .unwrap_or_else(|| panic!("{id} not listed in\n{above}"))
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{above}");
    // Below the appetite: not listed.
    assert!(!above.contains("R-004"), "{above}");
    assert!(above.contains("appetite of 8"), "{above}");
    let row = |id: &str| {
        let start = above.find(&format!("data-risk=\"{id}\"")).unwrap_or(0);
        let rest = &above[start..];
        rest[..rest.find("</tr>").unwrap_or(rest.len())].to_owned()
    };
    let r2 = row("R-002");
    assert!(
        r2.contains("<a href=\"risks/R-002.html\">R-002</a>")
            && r2.contains("Supplier &lt;b&gt;outage&lt;/b&gt; &amp; no exit plan")
            && r2.contains("<td class=\"num\">9</td>")
            && r2.contains("badge-error\">not accepted"),
        "{r2}"
    );
    let r1 = row("R-001");
    assert!(
        r1.contains("<td class=\"num\">16</td>") && r1.contains("CEO, 2026-05-01"),
        "{r1}"
    );
    assert!(row("R-003").contains("<td class=\"num\">20</td>"));
    // The id's `/` cannot make a folder: the page is risks/R_006.html.
    assert!(
        row("R/006").contains("<a href=\"risks/R_006.html\">R/006</a>"),
        "{}",
        row("R/006")
    );
    assert!(!html.contains("<b>outage"));

    let reviews = section(&html, "isb-risk-reviews");
    let never = reviews.find("data-risk=\"R-003\"").unwrap_or(usize::MAX);
    let late = reviews.find("data-risk=\"R-002\"").unwrap_or(usize::MAX);
    assert!(never < late && late < usize::MAX, "{reviews}");
    assert!(reviews.contains("never reviewed"), "{reviews}");
    assert!(
        reviews.contains("2026-10-01") && reviews.contains("overdue by 59 days"),
        "{reviews}"
    );
    for current in ["R-001", "R-004", "R/006"] {
        assert!(!reviews.contains(current), "{current}: {reviews}");
    }

    // The summary cards.
    assert!(html.contains("<div class=\"card-value\">4</div><div class=\"card-label\"><a href=\"#isb-risks-above\">risks above appetite</a>"), "{html}");
    assert!(html.contains("2 not accepted, 2 risk reviews overdue, 5 risks in the register"));
    assert!(html.contains("<div class=\"card-value\">3</div><div class=\"card-label\"><a href=\"exceptions.html\">exceptions in force</a>"), "{html}");
    assert!(html.contains("1 expired, 1 expiring within 30 days, 5 in total"));
}

#[test]
fn the_timeline_counts_what_falls_due_by_month_overdue_first() {
    let repo = repo();
    repo.build(&[]).no_panic();
    let html = repo.page("index.html");
    let timeline = section(&html, "isb-timeline");
    // Inline SVG, no script; a summary for screen readers and the numbers as a table.
    assert!(!timeline.contains("<script"));
    assert!(
        timeline.contains("role=\"img\" aria-label=\"What falls due: overdue now, 1 document review, 2 risk reviews, 1 expired exception; from November 2026 to October 2027, 3 document reviews, 3 risk reviews, 3 exception expiries.\""),
        "{timeline}"
    );
    let months: Vec<String> = timeline
        .match_indices("<g data-month=\"")
        .map(|(i, m)| {
            let rest = &timeline[i + m.len()..];
            rest[..rest.find('"').unwrap_or(0)].to_owned()
        })
        .collect();
    assert_eq!(months.len(), 13, "{months:?}");
    assert_eq!(months[0], "Overdue");
    assert_eq!(months[1], "November 2026");
    assert_eq!(months[3], "January 2027");
    assert_eq!(months[12], "October 2027");

    // Overdue: POL-1's review, R-002's and R-003's (never made), EX-002's expiry.
    assert_eq!(counts(&bar(timeline, "Overdue")), (1, 2, 1));
    assert!(bar(timeline, "Overdue").contains(
        "<title>Overdue: 1 document review, 2 risk reviews, 1 expired exception</title>"
    ));
    // PRO-2, due tomorrow.
    assert_eq!(counts(&bar(timeline, "November 2026")), (1, 0, 0));
    // PRO-1, R/006 (three-month interval), EX-003.
    assert_eq!(counts(&bar(timeline, "December 2026")), (1, 1, 1));
    // POL-2, R-004, EX-001.
    assert_eq!(counts(&bar(timeline, "January 2027")), (1, 1, 1));
    assert_eq!(counts(&bar(timeline, "March 2027")), (0, 0, 1));
    assert_eq!(counts(&bar(timeline, "May 2027")), (0, 1, 0));
    // STD-1 (November 2027) and EX-005 (2028) are past the last month; the retired and the
    // unpublished draft are not due.
    let all: u32 = months[1..]
        .iter()
        .map(|m| {
            let (d, r, e) = counts(&bar(timeline, m));
            d + r + e
        })
        .sum();
    assert_eq!(all, 9);
    // A bar of three segments, each in its own class (coloured by the theme's variables).
    let dec = bar(timeline, "December 2026");
    for class in ["tl-documents", "tl-risks", "tl-exceptions"] {
        assert_eq!(
            dec.matches(&format!("class=\"{class}\"")).count(),
            1,
            "{dec}"
        );
    }
    assert!(dec.contains(">3</text>"), "{dec}");
    assert!(
        timeline.contains(
            "<tr><th scope=\"row\">December 2026</th><td>1</td><td>1</td><td>1</td></tr>"
        ),
        "{timeline}"
    );
    let css = repo.page("assets/style.css");
    assert!(css.contains(".tl-documents { fill: var(--accent)"));
}

#[test]
fn without_a_register_or_exceptions_the_dashboard_has_only_the_document_timeline() {
    let repo = Repo::new();
    repo.write("ismsbook.toml", QUIET_GLOBALS);
    repo.doc(
        "policies/one.md",
        &Fm::new("POL-1").reviewed("2025-11-01"),
        "Text.\n",
    );
    repo.build(&[]).no_panic();
    let html = repo.page("index.html");
    assert!(!html.contains("isb-risks-above") && !html.contains("Overdue risk reviews"));
    assert!(!html.contains("exceptions in force"));
    assert_eq!(counts(&bar(&html, "Overdue")), (1, 0, 0));
    assert!(
        html.contains("from November 2026 to October 2027, nothing."),
        "{html}"
    );
}

#[test]
fn soa_rows_name_the_exceptions_in_force() {
    let repo = repo();
    repo.build(&[]).no_panic();
    let soa = repo.page("soa.html");
    let row = |id: &str| {
        let start = soa
            .find(&format!("data-control=\"{id}\""))
            .unwrap_or_else(|| panic!("no row {id}"));
        let rest = &soa[start..];
        rest[..rest.find("</tr>").unwrap_or(rest.len())].to_owned()
    };
    let a87 = row("A.8.7");
    assert!(
        a87.contains("Exception in force: <a href=\"exceptions.html#exception-ex-001\" title=\"Legacy billing server without endpoint protection 💾\">EX-001</a>, <a href=\"exceptions.html#exception-ex-003\" title=\"Build agents &lt;unpatched&gt;\">EX-003</a>, <a href=\"exceptions.html#exception-ex-005\""),
        "{a87}"
    );
    assert!(row("A.5.15").contains("#exception-ex-003\""));
    // Expired, unapproved, none: nothing.
    for id in ["A.5.16", "A.8.1", "A.5.1"] {
        assert!(!row(id).contains("Exception in force"), "{id}: {}", row(id));
    }
    // The anchors are on exceptions.html.
    let page = repo.page("exceptions.html");
    for a in ["exception-ex-001", "exception-ex-003", "exception-ex-005"] {
        assert!(page.contains(&format!("id=\"{a}\"")), "{a}");
    }

    // soa.csv: the same nine columns, then the exceptions in force.
    let bytes = std::fs::read(repo.out().join("soa.csv")).expect("soa.csv");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "Control",
            "Theme",
            "Title",
            "Applicable",
            "Justification",
            "Implementation status",
            "Implementing documents",
            "Owners",
            "Next review",
            "Exceptions"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let cell = |id: &str| -> String {
        rows.iter()
            .find(|r| r.get(0) == Some(id))
            .and_then(|r| r.get(9))
            .unwrap_or_else(|| panic!("no row {id}"))
            .to_owned()
    };
    assert_eq!(cell("A.8.7"), "EX-001; EX-003; EX-005");
    assert_eq!(cell("A.5.15"), "EX-003");
    assert_eq!(cell("A.5.16"), "");
    assert_eq!(cell("A.8.1"), "");

    // soa.xlsx: the same last column, its cells linked to exceptions.html (a workbook link
    // carries no fragment).
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(repo.out().join("soa.xlsx")).expect("soa.xlsx");
    let range = calamine::Reader::worksheet_range(&mut book, "Statement of Applicability")
        .expect("the SoA sheet");
    let text = |r: u32, c: u32| {
        range
            .get_value((r, c))
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    assert_eq!(text(0, 9), "Exceptions");
    let a87_row = (1..range.height() as u32)
        .find(|&r| text(r, 0) == "A.8.7")
        .expect("A.8.7 in soa.xlsx");
    assert_eq!(text(a87_row, 9), "EX-001; EX-003; EX-005");
    let file = std::fs::File::open(repo.out().join("soa.xlsx")).expect("soa.xlsx");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut rels = String::new();
    std::io::Read::read_to_string(
        &mut zip
            .by_name("xl/worksheets/_rels/sheet1.xml.rels")
            .expect("links"),
        &mut rels,
    )
    .expect("text");
    assert!(
        rels.contains(r#"Target="exceptions.html" TargetMode="External""#),
        "{rels}"
    );

    // handbook.json's SoA rows carry them too, only where there are some.
    let json: serde_json::Value =
        serde_json::from_str(&repo.page("handbook.json")).expect("handbook.json");
    let soa_rows = json["soa"].as_array().expect("soa rows");
    let a87 = soa_rows.iter().find(|r| r["id"] == "A.8.7").expect("A.8.7");
    let ids: Vec<&str> = a87["exceptions"]
        .as_array()
        .expect("exceptions")
        .iter()
        .filter_map(|e| e["id"].as_str())
        .collect();
    assert_eq!(ids, ["EX-001", "EX-003", "EX-005"]);
    let a51 = soa_rows.iter().find(|r| r["id"] == "A.5.1").expect("A.5.1");
    assert!(a51.get("exceptions").is_none());
}

#[test]
fn an_exported_soa_with_its_exceptions_column_imports_unchanged() {
    let repo = repo();
    repo.build(&[]).no_panic();
    let run = ismsbook(&[
        "adopt",
        &path_str(repo.root()),
        "--soa",
        &path_str(&repo.out().join("soa.csv")),
        "--format",
        "json",
    ]);
    run.no_panic();
    let out: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!("{e}\n{}\n{}", run.stdout, run.stderr);
    });
    let ignored = out["soa"]["layout"]["ignored"].to_string();
    assert!(ignored.contains("Exceptions"), "{ignored}");
    let columns = out["soa"]["layout"]["columns"].to_string();
    assert!(!columns.contains("Exceptions"), "{columns}");
}
