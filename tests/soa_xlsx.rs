//! `soa.xlsx`: read back with calamine and compared cell by cell with `soa.csv`; the header
//! frozen and filtered, formula-like text kept as text, links relative, the bytes the same for
//! the same handbook, and an unchanged rebuild leaving the file alone.

mod common;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::*;
use std::io::Read;
use std::path::Path;

/// A small ISMS written the way repositories are: CRLF, emoji, a justification that is a
/// formula, a control implemented by two documents.
fn repo() -> Repo {
    let repo = Repo::new();
    repo.write(
        "ismsbook.toml",
        format!("organisation = \"Acme\"\n{QUIET_GLOBALS}"),
    );
    repo.write(
        "soa.yaml",
        "A.7.4:\r\n  applicable: false\r\n  justification: \"=HYPERLINK(\\\"http://evil\\\")\"\r\nA.5.7:\r\n  status: planned\r\n  justification: \"+1 from the CISO; -- see minutes\\nsecond line\"\r\nA.8.1:\r\n  applicable: false\r\n  justification: \"@SUM(A1)\"\r\n",
    );
    repo.doc(
        "policies/isp.md",
        &Fm::new("POL-1")
            .title("🔐 Security Policy")
            .owner("CISO")
            .line("controls: [A.5.1, A.5.15]"),
        "# 🔐 Security Policy\r\n\r\n![badge](https://img.shields.io/badge/status-approved-green)\r\n\r\nText.\r\n",
    );
    repo.doc(
        "procedures/access review.md",
        &Fm::new("PRO-1")
            .title("Access Review, \"quarterly\"")
            .doc_type("procedure")
            .owner("Head of IT")
            .line("controls: [A.5.15, A.8.2]"),
        "Steps.\n",
    );
    repo
}

fn csv_rows(out: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(out.join("soa.csv")).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..]);
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// Every cell of the workbook's one sheet as text; a cell that is not a string fails.
fn xlsx_rows(out: &Path) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(out.join("soa.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["Statement of Applicability"]);
    let formulas = book
        .worksheet_formula("Statement of Applicability")
        .unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "a formula in soa.xlsx"
    );
    let range = book.worksheet_range("Statement of Applicability").unwrap();
    assert_eq!(range.start(), Some((0, 0)));
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => panic!("not a string cell: {other:?}"),
                })
                .collect()
        })
        .collect()
}

fn zip_entry(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// What soa.csv writes for a cell: `'` before one a spreadsheet would read as a formula.
fn csv_guarded(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

fn same_as_csv(out: &Path) -> Vec<Vec<String>> {
    let csv = csv_rows(out);
    let xlsx = xlsx_rows(out);
    assert_eq!(csv.len(), 94, "header and 93 controls");
    assert_eq!(xlsx.len(), csv.len());
    for (i, (x, c)) in xlsx.iter().zip(&csv).enumerate() {
        // Trailing empty cells are not stored in the sheet; the workbook's cells are strings,
        // so it holds formula-like text as written, where soa.csv puts a `'` before it.
        let mut x: Vec<String> = x.iter().map(|cell| csv_guarded(cell)).collect();
        x.resize(c.len(), String::new());
        assert_eq!(&x, c, "row {i}");
    }
    xlsx
}

#[test]
fn soa_xlsx_has_the_cells_of_soa_csv_as_text_with_frozen_filtered_header_and_links() {
    let repo = repo();
    repo.build(&[]).expect(0);
    let out = repo.out();
    let rows = same_as_csv(&out);
    let row = |id: &str| rows.iter().find(|r| r[0] == id).unwrap().clone();
    // Formula-like text is a string cell (checked in xlsx_rows), as written: no formula runs,
    // and nothing is added to what the SoA says.
    assert_eq!(row("A.7.4")[4], "=HYPERLINK(\"http://evil\")");
    assert_eq!(row("A.8.1")[4], "@SUM(A1)");
    assert_eq!(
        row("A.5.7")[4],
        "+1 from the CISO; -- see minutes\nsecond line"
    );
    assert_eq!(
        row("A.5.15")[6],
        "POL-1 🔐 Security Policy; PRO-1 Access Review, \"quarterly\""
    );

    let sheet = zip_entry(&out.join("soa.xlsx"), "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{sheet}"
    );
    // Ten columns: the exceptions in force are the last.
    assert!(sheet.contains(r#"<autoFilter ref="A1:J94"/>"#), "{sheet}");
    assert!(sheet.contains(r#"customWidth="1""#));
    // Links: the control's page from its id, the document's page when one implements it, the
    // control's page (which lists them) when several do; all relative, like the site's.
    let rels = zip_entry(&out.join("soa.xlsx"), "xl/worksheets/_rels/sheet1.xml.rels");
    for target in [
        "controls/A.5.1.html",
        "policies/isp.html",
        "procedures/access%20review.html",
        "controls/A.5.15.html",
    ] {
        assert!(
            rels.contains(&format!(r#"Target="{target}" TargetMode="External""#)),
            "{target}: {rels}"
        );
        let page = target.replace("%20", " ");
        assert!(out.join(&page).is_file(), "{page}");
    }
    assert!(!rels.contains("file:"), "{rels}");
    // A.5.15 has two documents: its id and its documents cell both link the control page.
    assert_eq!(
        rels.matches(r#"Target="controls/A.5.15.html""#).count(),
        2,
        "{rels}"
    );

    // The SoA page offers the workbook next to the CSV.
    let soa = repo.page("soa.html");
    assert!(soa.contains(r#"href="soa.xlsx" download"#), "{soa}");
    assert!(soa.contains(r#"href="soa.csv" download"#), "{soa}");
}

#[test]
fn soa_xlsx_bytes_depend_only_on_the_handbook() {
    let repo = repo();
    repo.build(&[]).expect(0);
    let first = std::fs::read(repo.out().join("soa.xlsx")).unwrap();
    // The creation time is the build's day, not the clock.
    let core = zip_entry(&repo.out().join("soa.xlsx"), "docProps/core.xml");
    assert!(
        core.contains(&format!(
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{TODAY}T00:00:00Z"
        )),
        "{core}"
    );
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let other = repo.tmp().join("other");
    repo.build_to(&other, &[]).expect(0);
    assert_eq!(std::fs::read(other.join("soa.xlsx")).unwrap(), first);
    // Zip entries carry a fixed date.
    let file = std::fs::File::open(other.join("soa.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    for i in 0..zip.len() {
        let entry = zip.by_index(i).unwrap();
        let t = entry.last_modified().unwrap();
        assert_eq!(
            (t.year(), t.month(), t.day()),
            (1980, 1, 1),
            "{:?}",
            entry.name()
        );
    }
}

#[cfg(unix)]
#[test]
fn an_unchanged_rebuild_leaves_soa_xlsx_alone_and_a_changed_decision_rewrites_it() {
    use std::os::unix::fs::MetadataExt;
    let stamp = |p: &Path| {
        let m = std::fs::metadata(p).unwrap();
        (m.ino(), m.modified().unwrap())
    };
    let repo = repo();
    repo.build(&[]).expect(0);
    let path = repo.out().join("soa.xlsx");
    let before = stamp(&path);
    std::thread::sleep(std::time::Duration::from_millis(20));
    repo.build(&[]).expect(0);
    assert_eq!(stamp(&path), before, "soa.xlsx was rewritten");

    let soa = read(&repo.path("soa.yaml")).replace("status: planned", "status: implemented");
    repo.write("soa.yaml", soa);
    repo.build(&[]).expect(0);
    assert_ne!(stamp(&path), before);
    let rows = same_as_csv(&repo.out());
    let a57 = rows.iter().find(|r| r[0] == "A.5.7").unwrap();
    assert_eq!(a57[5], "Implemented");
}

#[test]
fn the_example_handbooks_workbook_matches_its_csv() {
    let repo = Repo::copy_of(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example"),
        &|rel| rel != "site",
    );
    repo.build(&[]);
    let rows = same_as_csv(&repo.out());
    assert!(rows.iter().filter(|r| !r[6].is_empty()).count() > 30);
}
