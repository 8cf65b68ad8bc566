//! `ismsbook adopt --soa`: an organisation's existing Statement of Applicability — a
//! consultant's Excel workbook, a CSV exported by German Excel, a GitHub Markdown SoA, the
//! build's own `soa.xlsx` edited in Excel — imported into `soa.yaml` and the `controls` of the
//! documents it names, run as users run it. Every cell that cannot be read is reported with its
//! place and nothing is guessed; a dry run changes no byte; a second `--write` changes nothing.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use yaml_rust2::{Yaml, YamlLoader};

// ----- running adopt --soa -----

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn soa_fixture(name: &str) -> PathBuf {
    fixtures_dir().join("soa-import").join(name)
}

/// The example handbook (43 documents with front matter, a commented `soa.yaml`).
fn example() -> Repo {
    Repo::copy_of(&manifest().join("content-example"), &|rel| rel != "site")
}

/// `ismsbook adopt ROOT --soa SOA --today TODAY extra…`.
fn adopt(root: &Path, soa: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "adopt".to_owned(),
        path_str(root),
        "--soa".into(),
        path_str(soa),
        "--today".into(),
        TODAY.into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let run = ismsbook(&args);
    run.no_panic();
    run
}

/// The whole JSON answer of `adopt --soa … --format json`, after checking the exit status.
#[track_caller]
fn adopt_json(root: &Path, soa: &Path, extra: &[&str], code: i32) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(extra);
    let run = adopt(root, soa, &all);
    run.expect(code);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout))
}

/// Every file under `dir` (relative path → bytes), leaving out `.git`.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(dir)
        .into_iter()
        .filter(|(p, _)| !p.starts_with(".git/"))
        .collect()
}

/// The paths whose bytes differ between two snapshots (added and removed files included).
fn changed(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut paths: Vec<String> = before
        .keys()
        .chain(after.keys())
        .filter(|p| before.get(*p) != after.get(*p))
        .cloned()
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

// ----- what the JSON and soa.yaml say -----

fn list<'a>(v: &'a Value, key: &str) -> &'a Vec<Value> {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("no `{key}` array in {v:#}"))
}

/// The ids of `soa.controls`, in output order.
fn control_ids(soa: &Value) -> Vec<String> {
    list(soa, "controls")
        .iter()
        .map(|c| c["control"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[track_caller]
fn imported<'a>(soa: &'a Value, id: &str) -> &'a Value {
    list(soa, "controls")
        .iter()
        .find(|c| c["control"] == id)
        .unwrap_or_else(|| panic!("{id} not imported; controls: {:?}", control_ids(soa)))
}

/// The one entry of `soa[key]` (`reported`, `unresolved`) at `cell`.
#[track_caller]
fn at<'a>(soa: &'a Value, key: &str, cell: &str) -> &'a Value {
    let hits: Vec<&Value> = list(soa, key)
        .iter()
        .filter(|r| r["cell"] == cell)
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "expected one `{key}` at {cell:?}, got {:#}",
        soa[key]
    );
    hits[0]
}

fn yaml(text: &str) -> Yaml {
    let docs = YamlLoader::load_from_str(text)
        .unwrap_or_else(|e| panic!("soa.yaml does not parse ({e}):\n{text}"));
    docs.into_iter().next().unwrap_or(Yaml::Null)
}

fn soa_yaml(repo: &Repo) -> Yaml {
    yaml(&read(&repo.path("soa.yaml")))
}

/// `soa.yaml`'s `key` of control `id` as text (`false` for `applicable: false`).
fn decision(soa: &Yaml, id: &str, key: &str) -> Option<String> {
    match &soa[id][key] {
        Yaml::String(s) => Some(s.clone()),
        Yaml::Boolean(b) => Some(b.to_string()),
        Yaml::BadValue | Yaml::Null => None,
        other => panic!("{id}.{key} is {other:?}"),
    }
}

fn has_entry(soa: &Yaml, id: &str) -> bool {
    !soa[id].is_badvalue()
}

/// A document's `controls:` line (the example writes flow lists on one line).
#[track_caller]
fn controls_line(text: &str) -> &str {
    text.lines()
        .find(|l| l.starts_with("controls:"))
        .unwrap_or_else(|| panic!("no controls line in\n{text}"))
}

/// The text with its `controls:` line left out.
fn without_controls(text: &str) -> String {
    text.split_inclusive('\n')
        .filter(|l| !l.starts_with("controls:"))
        .collect()
}

/// `document` gained exactly `id` at the end of its flow list, and no other byte changed.
#[track_caller]
fn gained(before: &str, after: &str, id: &str) {
    assert_eq!(
        without_controls(after),
        without_controls(before),
        "more than `controls` changed"
    );
    let old = controls_line(before);
    let want = format!("{}, \"{id}\"]", old.trim_end().trim_end_matches(']'));
    assert_eq!(controls_line(after), want);
}

// ----- 1. a consultant's workbook -----

/// One row of the consultant's SoA: the id as Excel stores a typed `5.1` (a number).
struct Row {
    id: f64,
    title: &'static str,
    applicable: &'static str,
    /// LR, CO, BR/BP, RRA.
    reasons: [bool; 4],
    exclusion: &'static str,
    status: &'static str,
    reference: &'static str,
    owner: &'static str,
    notes: &'static str,
}

const fn row(
    id: f64,
    title: &'static str,
    applicable: &'static str,
    reasons: [bool; 4],
    status: &'static str,
    reference: &'static str,
    owner: &'static str,
) -> Row {
    Row {
        id,
        title,
        applicable,
        reasons,
        exclusion: "",
        status,
        reference,
        owner,
        notes: "",
    }
}

const X: bool = true;
const O: bool = false;

/// Sheet rows (0-based, as rust_xlsxwriter counts) of the consultant's SoA, with section rows
/// as `Err(title)`. The file's rows are one more: the header is on row 4.
fn consultant_rows() -> Vec<(u32, Result<Row, &'static str>)> {
    vec![
        (4, Err("5 Organisational controls")),
        (
            5,
            Ok(row(
                5.1,
                "Policies for information security",
                "Y",
                [X, O, X, X],
                "Implemented",
                "POL-001 Information Security Policy",
                "CISO",
            )),
        ),
        (
            6,
            Ok(row(
                5.2,
                "Information security roles and responsibilities",
                "Y",
                [O, O, X, O],
                "Implemented",
                "Information Security Policy",
                "CISO",
            )),
        ),
        (
            7,
            Ok(row(
                5.9,
                "Inventory of information and other associated assets",
                "Y",
                [O, O, X, X],
                "Implemented",
                "Asset Management Policy",
                "Head of IT",
            )),
        ),
        // 5.10 typed into Excel: the number 5.1.
        (
            8,
            Ok(row(
                5.1,
                "Acceptable use of information and other associated assets",
                "Y",
                [O, O, X, O],
                "Implemented",
                "Acceptable Use Policy\nData Classification and Handling Policy",
                "Head of IT",
            )),
        ),
        (
            9,
            Ok(row(
                5.13,
                "Labelling of information",
                "Y",
                [O, O, O, O],
                "❓",
                "Data Classification and Handling Policy",
                "CISO",
            )),
        ),
        (
            10,
            Ok(Row {
                notes: "Quarterly access reviews started in October.",
                ..row(
                    5.15,
                    "Access control",
                    "Y",
                    [X, X, O, X],
                    "Partially implemented",
                    "POL-002 Access Control Policy",
                    "CISO",
                )
            }),
        ),
        (
            11,
            Ok(row(
                5.16,
                "Identity management",
                "Y",
                [O, O, X, X],
                "⚠️",
                "POL-002 Access Control Policy",
                "Head of IT",
            )),
        ),
        (
            12,
            Ok(row(
                5.17,
                "Authentication information",
                "Y",
                [O, X, O, X],
                "In progress",
                "Access Control Policy; Cryptography Policy",
                "Head of IT",
            )),
        ),
        (13, Err("6 People controls")),
        (
            14,
            Ok(row(
                6.3,
                "Information security awareness, education and training",
                "Y",
                [O, X, X, O],
                "In progress",
                "HR Handbook v3.pdf",
                "HR Manager",
            )),
        ),
        (15, Err("7 Physical controls")),
        (
            16,
            Ok(Row {
                exclusion:
                    "We own and operate no premises; the co-working provider monitors its building.",
                ..row(
                    7.4,
                    "Physical security monitoring",
                    "N",
                    [O, O, O, O],
                    "N/A",
                    "",
                    "Facilities",
                )
            }),
        ),
        (17, Err("8 Technological controls")),
        (
            18,
            Ok(row(
                8.18,
                "Use of privileged utility programs",
                "Y",
                [O, O, O, X],
                "Partially implemented",
                "Acess Control Policy",
                "Head of IT",
            )),
        ),
        (
            19,
            Ok(row(
                8.24,
                "Use of cryptography",
                "Y",
                [O, X, O, O],
                "Implemented",
                "Cryptography Policy",
                "CTO",
            )),
        ),
    ]
}

/// The consultant's workbook: a cover sheet with version numbers first, then the SoA with
/// merged title rows, a blank row, the header on row 4, theme section rows between the
/// blocks, ids typed as numbers, X marks in the reason columns.
fn consultant_workbook() -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let cover = book.add_worksheet();
    cover.set_name("Cover").unwrap();
    cover.write_string(0, 0, "Version").unwrap();
    cover.write_string(0, 1, "Date").unwrap();
    cover.write_string(0, 2, "Change").unwrap();
    for (r, (v, d, c)) in [
        (4.0, "2025-10-30", "Re-issued for ISO/IEC 27001:2022"),
        (4.1, "2026-10-28", "Annual review"),
    ]
    .into_iter()
    .enumerate()
    {
        let r = r as u32 + 1;
        cover.write_number(r, 0, v).unwrap();
        cover.write_string(r, 1, d).unwrap();
        cover.write_string(r, 2, c).unwrap();
    }
    let soa = book.add_worksheet();
    soa.set_name("SoA").unwrap();
    soa.merge_range(
        0,
        0,
        0,
        11,
        "Statement of Applicability – Northwind Analytics Ltd",
        &bold,
    )
    .unwrap();
    soa.merge_range(
        1,
        0,
        1,
        11,
        "Version 4.1, approved 2026-10-28",
        &Format::new(),
    )
    .unwrap();
    for (c, h) in [
        "Control",
        "Control title",
        "Applicable (Y/N)",
        "LR",
        "CO",
        "BR/BP",
        "RRA",
        "Justification for exclusion",
        "Implementation status",
        "Policy / procedure reference",
        "Owner",
        "Notes",
    ]
    .into_iter()
    .enumerate()
    {
        soa.write_string_with_format(3, c as u16, h, &bold).unwrap();
    }
    for (r, row) in consultant_rows() {
        let row = match row {
            Ok(row) => row,
            Err(section) => {
                soa.merge_range(r, 0, r, 11, section, &bold).unwrap();
                continue;
            }
        };
        soa.write_number(r, 0, row.id).unwrap();
        let texts = [
            (1, row.title),
            (2, row.applicable),
            (7, row.exclusion),
            (8, row.status),
            (9, row.reference),
            (10, row.owner),
            (11, row.notes),
        ];
        for (c, t) in texts {
            if !t.is_empty() {
                soa.write_string(r, c, t).unwrap();
            }
        }
        for (i, ticked) in row.reasons.into_iter().enumerate() {
            if ticked {
                soa.write_string(r, 3 + i as u16, "X").unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// The example handbook and the consultant's workbook beside it (outside the content root, as
/// a file from the consultant's e-mail is).
fn consultant() -> (Repo, PathBuf) {
    let repo = example();
    let soa = repo.tmp().join("SoA Northwind v4.1.xlsx");
    std::fs::write(&soa, consultant_workbook()).unwrap();
    (repo, soa)
}

#[test]
fn consultant_workbook_is_read_past_its_cover_titles_and_section_rows() {
    let (repo, soa) = consultant();
    let out = adopt_json(repo.root(), &soa, &[], 0);
    let s = &out["soa"];
    assert_eq!(s["sheets"], serde_json::json!(["SoA"]));
    assert_eq!(s["unit"], "row");
    assert_eq!(s["header_row"], 4);
    assert_eq!(s["rows"], serde_json::json!({"first": 6, "last": 20}));
    assert_eq!(
        control_ids(s),
        [
            "A.5.1", "A.5.2", "A.5.9", "A.5.10", "A.5.13", "A.5.15", "A.5.16", "A.5.17", "A.6.3",
            "A.7.4", "A.8.18", "A.8.24"
        ]
    );
    // The owner column is named as not imported; the section rows and titles are passed over
    // without a word.
    let ignored = s["layout"]["ignored"].to_string();
    assert!(ignored.contains("Owner"), "{ignored}");
    let places: Vec<&str> = list(s, "reported")
        .iter()
        .map(|r| r["cell"].as_str().unwrap())
        .collect();
    for row in [1, 2, 5, 14, 16, 18] {
        assert!(
            !places.iter().any(|p| p.starts_with(&format!("row {row},"))),
            "row {row} reported: {places:?}"
        );
    }
}

#[test]
fn excel_number_5_1_after_5_9_is_read_as_a_5_10_and_reported() {
    let (repo, soa) = consultant();
    let out = adopt_json(repo.root(), &soa, &[], 0);
    let s = &out["soa"];
    let r = at(s, "reported", "row 9, column A");
    assert_eq!(r["text"], "5.1");
    assert!(r["why"].as_str().unwrap().contains("A.5.10"), "{r}");
    assert_eq!(r["left_out"], false);
    assert_eq!(imported(s, "A.5.10")["row"], 9);
    // The first 5.1 is A.5.1 itself, not merged with row 9.
    assert_eq!(imported(s, "A.5.1")["row"], 6);
    // And the human report says so, with the place.
    let run = adopt(repo.root(), &soa, &[]);
    run.expect(0);
    assert!(
        run.stdout
            .contains("row 9, column A \"5.1\": read as A.5.10"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_question_mark_status_is_reported_with_its_cell_and_nothing_is_written_for_it() {
    let (repo, soa) = consultant();
    let out = adopt_json(repo.root(), &soa, &[], 0);
    let r = at(&out["soa"], "reported", "row 10, column I");
    assert_eq!(r["text"], "❓");
    assert_eq!(r["left_out"], true);
    assert!(imported(&out["soa"], "A.5.13")["status"].is_null());

    let run = adopt(repo.root(), &soa, &[]);
    assert!(
        run.stdout.contains("row 10, column I \"❓\""),
        "{}",
        run.stdout
    );
    adopt(repo.root(), &soa, &["--write"]).expect(0);
    let y = soa_yaml(&repo);
    assert!(
        !has_entry(&y, "A.5.13"),
        "A.5.13 written:\n{}",
        read(&repo.path("soa.yaml"))
    );
}

#[test]
fn reason_ticks_become_the_justification_and_statuses_land_in_soa_yaml() {
    let (repo, soa) = consultant();
    adopt(repo.root(), &soa, &["--write"]).expect(0);
    let y = soa_yaml(&repo);
    let just = |id| decision(&y, id, "justification");
    assert_eq!(
        just("A.5.1").as_deref(),
        Some("Legal requirement; Business requirement; Risk treatment")
    );
    assert_eq!(just("A.5.2").as_deref(), Some("Business requirement"));
    assert_eq!(
        just("A.5.15").as_deref(),
        Some("Legal requirement; Contractual obligation; Risk treatment")
    );
    assert_eq!(
        just("A.6.3").as_deref(),
        Some("Contractual obligation; Business requirement")
    );
    let status = |id| decision(&y, id, "status");
    // "Partially implemented", ⚠️ and "In progress" are all partial.
    for id in ["A.5.15", "A.5.16", "A.5.17", "A.6.3", "A.8.18"] {
        assert_eq!(status(id).as_deref(), Some("partial"), "{id}");
    }
    assert_eq!(
        decision(&y, "A.5.15", "note").as_deref(),
        Some("Quarterly access reviews started in October.")
    );
    // An empty notes cell never removes what the file says.
    assert!(decision(&y, "A.6.3", "note")
        .unwrap()
        .starts_with("Annual awareness training"));
    // "Implemented", where approved documents implement the control, is what the handbook
    // shows already.
    for id in ["A.5.1", "A.5.2", "A.8.24"] {
        assert!(
            matches!(status(id).as_deref(), None | Some("implemented")),
            "{id}"
        );
    }
}

#[test]
fn the_exclusion_column_justifies_an_excluded_control() {
    let (repo, soa) = consultant();
    adopt(repo.root(), &soa, &["--write"]).expect(0);
    let y = soa_yaml(&repo);
    assert_eq!(
        decision(&y, "A.7.4", "applicable").as_deref(),
        Some("false")
    );
    assert_eq!(
        decision(&y, "A.7.4", "justification").as_deref(),
        Some("We own and operate no premises; the co-working provider monitors its building.")
    );
    // Still loads as the build reads it.
    let (_, report) = repo.check(&[]);
    let soa_findings: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.file.as_deref() == Some("soa.yaml"))
        .collect();
    assert!(soa_findings.is_empty(), "{soa_findings:?}");
}

#[test]
fn documents_the_workbook_names_get_the_control_and_no_other_byte_changes() {
    let (repo, soa) = consultant();
    let before = tree(repo.root());
    let run = adopt(repo.root(), &soa, &["--write"]);
    run.expect(0);
    let after = tree(repo.root());
    assert_eq!(
        changed(&before, &after),
        [
            "policies/access-control.md",
            "policies/cryptography.md",
            "policies/data-classification.md",
            "soa.yaml"
        ],
        "{}",
        run.stdout
    );
    let text =
        |tree: &BTreeMap<String, Vec<u8>>, p: &str| String::from_utf8(tree[p].clone()).unwrap();
    // The second document of a cell with a line break between two titles.
    gained(
        &text(&before, "policies/data-classification.md"),
        &text(&after, "policies/data-classification.md"),
        "A.5.10",
    );
    // `Access Control Policy; Cryptography Policy`.
    gained(
        &text(&before, "policies/cryptography.md"),
        &text(&after, "policies/cryptography.md"),
        "A.5.17",
    );
    // A close title.
    gained(
        &text(&before, "policies/access-control.md"),
        &text(&after, "policies/access-control.md"),
        "A.8.18",
    );
}

#[test]
fn a_misspelt_title_is_used_and_reported_and_an_unknown_document_is_unresolved() {
    let (repo, soa) = consultant();
    let out = adopt_json(repo.root(), &soa, &[], 0);
    let s = &out["soa"];
    let close = at(s, "reported", "row 19, column J");
    assert_eq!(close["text"], "Acess Control Policy");
    let why = close["why"].as_str().unwrap();
    assert!(why.contains("close title"), "{why}");
    assert!(why.contains("policies/access-control.md"), "{why}");
    let pair = &imported(s, "A.8.18")["documents"][0];
    assert_eq!(pair["path"], "policies/access-control.md");
    assert_eq!(pair["how"], "close-title");

    let hr = at(s, "unresolved", "row 15, column J");
    assert_eq!(hr["text"], "HR Handbook v3.pdf");
    assert!(list(imported(s, "A.6.3"), "documents").is_empty());

    let run = adopt(repo.root(), &soa, &[]);
    assert!(
        run.stdout
            .contains("row 15, column J \"HR Handbook v3.pdf\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("row 19, column J \"Acess Control Policy\""),
        "{}",
        run.stdout
    );
}

#[test]
fn a_second_write_changes_nothing() {
    let (repo, soa) = consultant();
    adopt(repo.root(), &soa, &["--write"]).expect(0);
    let once = tree(repo.root());
    let run = adopt(repo.root(), &soa, &["--write"]);
    run.expect(0);
    assert_eq!(changed(&once, &tree(repo.root())), Vec::<String>::new());
    assert!(run.stdout.contains("no file changes"), "{}", run.stdout);
    assert!(run.stderr.contains("changed 0 files"), "{}", run.stderr);
    // The JSON says the same.
    let out = adopt_json(repo.root(), &soa, &[], 0);
    assert!(
        list(&out["soa"], "changes").is_empty(),
        "{:#}",
        out["soa"]["changes"]
    );
}

#[test]
fn a_dry_run_changes_no_file_and_prints_a_unified_diff() {
    let (repo, soa) = consultant();
    let whole = tree(repo.tmp());
    let run = adopt(repo.root(), &soa, &[]);
    run.expect(0);
    assert_eq!(changed(&whole, &tree(repo.tmp())), Vec::<String>::new());
    for header in [
        "--- a/soa.yaml",
        "+++ b/soa.yaml",
        "--- a/policies/cryptography.md",
        "+++ b/policies/cryptography.md",
    ] {
        assert!(run.stdout.contains(header), "{header}:\n{}", run.stdout);
    }
    assert!(
        run.stdout
            .contains("+  justification: Legal requirement; Business requirement; Risk treatment"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("--write"), "{}", run.stderr);
}

// ----- 2. a CSV as German Excel exports it -----

/// `soa-de.csv`: UTF-8 with a BOM, `;`, CRLF, ids as `5,1` and `A.5.15`, ja/nein, German
/// statuses, a quoted cell with a line break and one with a `;`.
fn german() -> (Repo, PathBuf) {
    let fixture = soa_fixture("soa-de.csv");
    let bytes = std::fs::read(&fixture).unwrap();
    // The fixture is what Excel writes; a checkout that converted it would test nothing.
    assert!(bytes.starts_with(b"\xEF\xBB\xBFNr.;Ma\xC3\x9Fnahme;"));
    assert!(bytes.windows(2).filter(|w| w == b"\r\n").count() >= 10);
    let repo = example();
    let soa = repo.tmp().join("SoA_Export.csv");
    std::fs::write(&soa, bytes).unwrap();
    (repo, soa)
}

#[test]
fn german_excel_csv_statuses_and_applicability_land_in_soa_yaml() {
    let (repo, soa) = german();
    let before = tree(repo.root());
    adopt(repo.root(), &soa, &["--write"]).expect(0);
    // Only soa.yaml: every document the CSV names lists its control already.
    assert_eq!(changed(&before, &tree(repo.root())), ["soa.yaml"]);
    let y = soa_yaml(&repo);
    let status = |id| decision(&y, id, "status");
    assert_eq!(status("A.5.6").as_deref(), Some("planned"), "geplant");
    assert_eq!(status("A.5.7").as_deref(), Some("planned"), "geplant");
    assert_eq!(status("A.5.8").as_deref(), Some("implemented"), "umgesetzt");
    assert_eq!(
        status("A.5.16").as_deref(),
        Some("partial"),
        "teilweise umgesetzt"
    );
    assert_eq!(
        status("A.8.12").as_deref(),
        Some("not-implemented"),
        "nicht umgesetzt"
    );
    assert_eq!(
        status("A.8.34").as_deref(),
        Some("partial"),
        "teilweise umgesetzt"
    );
    assert_eq!(
        decision(&y, "A.7.4", "applicable").as_deref(),
        Some("false")
    );
    assert_eq!(
        decision(&y, "A.7.4", "justification").as_deref(),
        Some("Keine eigenen Räumlichkeiten; der Coworking-Anbieter überwacht das Gebäude.")
    );
    // `ja` writes nothing: a control absent from soa.yaml is applicable.
    for id in [
        "A.5.1", "A.5.6", "A.5.8", "A.5.15", "A.5.16", "A.8.12", "A.8.34",
    ] {
        assert_eq!(decision(&y, id, "applicable"), None, "{id}");
    }
    assert_eq!(
        decision(&y, "A.5.15", "justification").as_deref(),
        Some("Gesetzliche Anforderung (DSGVO Art. 32)")
    );
    // The quoted cell with a line break (CRLF inside the quotes) is one note of two lines.
    assert_eq!(
        decision(&y, "A.5.7", "note").as_deref(),
        Some("Mitgliedschaft bei NCSC CiSP beantragt.\nZiel: Freigabe Q1 2027")
    );
    // Written by the importer, the file keeps its comments.
    let text = read(&repo.path("soa.yaml"));
    assert!(text.starts_with("# Statement of Applicability decisions for Northwind"));
    assert!(text.contains("# --- Physical controls ---"));
}

#[test]
fn german_csv_ids_with_a_decimal_comma_and_rows_where_each_record_starts() {
    let (repo, soa) = german();
    let out = adopt_json(repo.root(), &soa, &[], 0);
    let s = &out["soa"];
    assert_eq!(
        control_ids(s),
        ["A.5.1", "A.5.6", "A.5.7", "A.5.8", "A.5.15", "A.5.16", "A.7.4", "A.8.12", "A.8.34"]
    );
    assert_eq!(imported(s, "A.5.1")["written"], "5,1");
    assert_eq!(imported(s, "A.8.12")["written"], "8,12");
    // The record of A.5.7 spans lines 4 and 5: the rows after it are numbered as the file's lines.
    assert_eq!(imported(s, "A.5.7")["row"], 4);
    assert_eq!(imported(s, "A.5.8")["row"], 6);
    assert_eq!(imported(s, "A.8.34")["row"], 11);
    assert!(list(s, "reported").is_empty(), "{:#}", s["reported"]);
    assert!(list(s, "unresolved").is_empty(), "{:#}", s["unresolved"]);
    let roles: Vec<(&str, &str)> = list(&s["layout"], "columns")
        .iter()
        .map(|c| {
            (
                c["described"].as_str().unwrap(),
                c["role"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        roles,
        [
            ("A \"Nr.\"", "control"),
            ("B \"Maßnahme\"", "title"),
            ("C \"Anwendbar\"", "applicable"),
            ("D \"Begründung\"", "justification"),
            ("E \"Umsetzungsstatus\"", "status"),
            ("F \"Dokument\"", "documents"),
            ("G \"Bemerkung\"", "note"),
        ]
    );
}

// ----- 3. a GitHub Markdown SoA, one table per theme -----

const GITHUB_SOA: &str = "Statement-of-Applicability.md";

/// A GitHub ISMS repository (no front matter anywhere) with its SoA at the root, linking the
/// policies as `./policies/…`.
fn github() -> Repo {
    Repo::fixture("soa-import/github")
}

/// The line of the fixture's SoA holding `text` (1-based).
fn soa_line(text: &str) -> u32 {
    let soa = read(&soa_fixture("github").join(GITHUB_SOA));
    soa.lines()
        .position(|l| l.contains(text))
        .unwrap_or_else(|| panic!("{text} is in the SoA")) as u32
        + 1
}

#[test]
fn markdown_soa_bold_ids_status_badges_and_relative_links_are_read() {
    let repo = github();
    let out = adopt_json(repo.root(), &repo.path(GITHUB_SOA), &[], 0);
    let s = &out["soa"];
    assert_eq!(s["unit"], "line");
    assert_eq!(s["header_row"], soa_line("| ISO 27001 Control |"));
    let status = |id| imported(s, id)["status"].as_str().unwrap_or("-").to_owned();
    assert_eq!(status("A.5.1"), "implemented");
    assert_eq!(status("A.5.14"), "partial");
    assert_eq!(status("A.5.23"), "planned");
    let pair = &imported(s, "A.5.1")["documents"];
    assert_eq!(pair[0]["path"], "policies/information-security-policy.md");
    assert_eq!(pair[0]["how"], "link");
    assert_eq!(
        imported(s, "A.5.15")["documents"][0]["path"],
        "policies/access-control-policy.md"
    );
    assert_eq!(imported(s, "A.5.1")["row"], soa_line("| **A.5.1** |"));
}

#[test]
fn a_markdown_row_whose_id_is_no_control_is_reported_and_skipped() {
    let repo = github();
    let out = adopt_json(repo.root(), &repo.path(GITHUB_SOA), &[], 0);
    let s = &out["soa"];
    let line = soa_line("**A.5.14.1**");
    let r = at(s, "reported", &format!("line {line}, column A"));
    assert_eq!(r["text"], "A.5.14.1");
    assert_eq!(r["left_out"], true);
    assert!(!control_ids(s).iter().any(|c| c.starts_with("A.5.14.")));
    // A.5.14's own row is not changed by the row after it.
    assert_eq!(imported(s, "A.5.14")["status"], "partial");
    let run = adopt(repo.root(), &repo.path(GITHUB_SOA), &[]);
    assert!(
        run.stdout
            .contains(&format!("line {line}, column A \"A.5.14.1\"")),
        "{}",
        run.stdout
    );
}

#[test]
fn markdown_soa_in_one_table_per_theme_is_read_whole() {
    let repo = github();
    let out = adopt_json(repo.root(), &repo.path(GITHUB_SOA), &[], 0);
    let s = &out["soa"];
    assert_eq!(list(s, "sheets").len(), 4, "{:#}", s["sheets"]);
    assert_eq!(
        control_ids(s),
        [
            "A.5.1", "A.5.12", "A.5.14", "A.5.15", "A.5.23", "A.6.3", "A.6.7", "A.7.1", "A.7.4",
            "A.8.5", "A.8.24", "A.8.32"
        ]
    );
    let status = |id| imported(s, id)["status"].as_str().unwrap_or("-").to_owned();
    assert_eq!(status("A.6.3"), "partial");
    assert_eq!(status("A.6.7"), "implemented");
    assert_eq!(status("A.7.1"), "implemented");
    assert_eq!(status("A.8.32"), "not-implemented");
    assert_eq!(imported(s, "A.7.4")["applicable"], false);
    assert_eq!(
        imported(s, "A.6.7")["documents"][0]["path"],
        "policies/remote-work-policy.md"
    );
    assert_eq!(imported(s, "A.6.3")["row"], soa_line("| **A.6.3** |"));
}

#[test]
fn markdown_evidence_text_is_kept_as_the_note_or_the_justification_of_an_excluded_control() {
    let repo = github();
    let out = adopt_json(repo.root(), &repo.path(GITHUB_SOA), &[], 0);
    let s = &out["soa"];
    let covered = "Covered by AWS physical controls";
    assert_eq!(imported(s, "A.7.1")["note"], covered);
    assert_eq!(imported(s, "A.7.4")["justification"], covered);
    at(
        s,
        "reported",
        &format!("line {}, column C", soa_line("| **A.7.4** |")),
    );
    adopt(repo.root(), &repo.path(GITHUB_SOA), &["--write"]).expect(0);
    let y = soa_yaml(&repo);
    assert_eq!(decision(&y, "A.7.1", "note").as_deref(), Some(covered));
    assert_eq!(
        decision(&y, "A.7.4", "applicable").as_deref(),
        Some("false")
    );
    assert_eq!(
        decision(&y, "A.7.4", "justification").as_deref(),
        Some(covered)
    );
}

#[test]
fn markdown_links_are_relative_to_the_soa_files_folder() {
    let repo = github();
    let soa = read(&repo.path(GITHUB_SOA)).replace("](./policies/", "](../policies/");
    std::fs::remove_file(repo.path(GITHUB_SOA)).unwrap();
    repo.write("compliance/SoA.md", soa);
    let out = adopt_json(repo.root(), &repo.path("compliance/SoA.md"), &[], 0);
    let s = &out["soa"];
    for (id, path) in [
        ("A.5.1", "policies/information-security-policy.md"),
        ("A.5.23", "policies/cloud-security-policy.md"),
        ("A.8.24", "policies/cryptography-policy.md"),
    ] {
        let d = &imported(s, id)["documents"][0];
        assert_eq!(d["path"], path, "{id}");
        assert_eq!(d["how"], "link", "{id}");
    }
    assert!(list(s, "unresolved").is_empty(), "{:#}", s["unresolved"]);
}

#[test]
fn a_document_without_front_matter_gets_the_soa_controls_in_the_proposed_front_matter() {
    let repo = github();
    let soa = repo.path(GITHUB_SOA);
    let out = adopt_json(repo.root(), &soa, &[], 0);
    let proposal = list(&out, "proposals")
        .iter()
        .find(|p| p["path"] == "policies/access-control-policy.md")
        .unwrap_or_else(|| panic!("no proposal: {:#}", out["proposals"]));
    let from: Vec<(&str, &str)> = list(proposal, "from_soa")
        .iter()
        .map(|c| (c["control"].as_str().unwrap(), c["from"].as_str().unwrap()))
        .collect();
    let l15 = soa_line("| **A.5.15** |");
    let l85 = soa_line("| **A.8.5** |");
    assert_eq!(
        from,
        [
            ("A.5.15", format!("line {l15}, column C").as_str()),
            ("A.8.5", format!("line {l85}, column C").as_str())
        ]
    );
    let fm = proposal["front_matter"].as_str().unwrap();
    assert!(fm.contains("controls: [\"A.5.15\", \"A.8.5\"]"), "{fm}");

    let body = read(&repo.path("policies/access-control-policy.md"));
    adopt(repo.root(), &soa, &["--write"]).expect(0);
    let text = read(&repo.path("policies/access-control-policy.md"));
    let (front, rest) = text
        .strip_prefix("---\n")
        .and_then(|t| t.split_once("\n---\n"))
        .unwrap_or_else(|| panic!("no front matter:\n{text}"));
    assert!(
        front
            .lines()
            .any(|l| l == "controls: [\"A.5.15\", \"A.8.5\"]"),
        "{front}"
    );
    assert_eq!(rest, body, "the text is as it was");
    // The handbook loads it.
    let (_, report) = repo.check(&[]);
    assert!(
        report
            .in_file("policies/access-control-policy.md")
            .iter()
            .all(|f| f.code != "invalid-front-matter"),
        "{}",
        report.dump()
    );
}

#[test]
fn the_soa_file_inside_the_repository_is_not_proposed_as_implementing_what_it_lists() {
    let repo = github();
    let out = adopt_json(repo.root(), &repo.path(GITHUB_SOA), &[], 0);
    if let Some(p) = list(&out, "proposals")
        .iter()
        .find(|p| p["path"] == GITHUB_SOA)
    {
        assert!(list(p, "controls").is_empty(), "{:#}", p["controls"]);
        let fm = p["front_matter"].as_str().unwrap();
        assert!(!fm.contains("controls:"), "{fm}");
    }
}

// ----- 4. the round trip: the build's soa.xlsx, edited in Excel, imported back -----

/// The example handbook, built: its `soa.xlsx` and `soa.csv` are in `repo.out()`.
fn built() -> Repo {
    let repo = example();
    // The example has findings on purpose (exit 1); the export is written all the same.
    repo.build(&[]);
    assert!(repo.out().join("soa.xlsx").is_file(), "no soa.xlsx");
    repo
}

/// A copy of the build's `soa.xlsx` as Excel saves it after an edit: every cell and every
/// hyperlink kept, the cells `edit` returns text for (control id, column index, text) changed.
fn edited_export(
    repo: &Repo,
    name: &str,
    edit: &dyn Fn(&str, usize, &str) -> Option<String>,
) -> PathBuf {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    use rust_xlsxwriter::{Url, Workbook};
    let mut book: Xlsx<_> = open_workbook(repo.out().join("soa.xlsx")).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    assert_eq!(range.start(), Some((0, 0)));
    let links = book.hyperlinks_by_sheet_name(&sheet).unwrap();
    let mut copy = Workbook::new();
    let ws = copy.add_worksheet();
    ws.set_name(&sheet).unwrap();
    let mut edits = 0;
    for (r, row) in range.rows().enumerate() {
        let control = match row.first() {
            Some(Data::String(s)) => s.clone(),
            _ => String::new(),
        };
        for (c, cell) in row.iter().enumerate() {
            let text = match cell {
                Data::String(s) => s.clone(),
                Data::Empty => String::new(),
                other => panic!("soa.xlsx holds a {other:?}"),
            };
            let text = match edit(&control, c, &text) {
                Some(new) => {
                    edits += 1;
                    new
                }
                None => text,
            };
            if text.is_empty() {
                continue;
            }
            let (r, c) = (r as u32, c as u16);
            let link = links
                .iter()
                .find(|h| h.range.start == (r, u32::from(c)))
                .and_then(|h| h.target.clone());
            match link {
                Some(target) => {
                    ws.write_url_with_text(r, c, Url::new(format!("file:///{target}")), text)
                        .unwrap();
                }
                None => {
                    ws.write_string(r, c, text).unwrap();
                }
            }
        }
    }
    let path = repo.tmp().join(name);
    std::fs::write(&path, copy.save_to_buffer().unwrap()).unwrap();
    assert!(edits <= 1, "{edits} cells edited");
    path
}

/// Column F, "Implementation status", of control `id` set to `status`.
fn status_edit(
    id: &'static str,
    from: &'static str,
    to: &'static str,
) -> impl Fn(&str, usize, &str) -> Option<String> {
    move |control, col, text| {
        (control == id && col == 5).then(|| {
            assert_eq!(text, from, "{id}'s exported status");
            to.to_owned()
        })
    }
}

fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

#[test]
fn round_trip_a_changed_status_changes_exactly_that_line() {
    let repo = built();
    let copy = edited_export(
        &repo,
        "soa edited.xlsx",
        &status_edit("A.5.8", "Partially implemented", "Planned"),
    );
    let before = tree(repo.root());
    let run = adopt(repo.root(), &copy, &["--write"]);
    run.expect(0);
    let after = tree(repo.root());
    assert_eq!(changed(&before, &after), ["soa.yaml"], "{}", run.stdout);
    let (old, new) = (
        String::from_utf8(before["soa.yaml"].clone()).unwrap(),
        String::from_utf8(after["soa.yaml"].clone()).unwrap(),
    );
    let (old, new) = (lines(&old), lines(&new));
    assert_eq!(old.len(), new.len());
    let differ: Vec<usize> = (0..old.len()).filter(|&i| old[i] != new[i]).collect();
    assert_eq!(differ.len(), 1, "{differ:?}");
    let i = differ[0];
    assert_eq!(old[i], "  status: partial\n");
    assert_eq!(new[i], "  status: planned\n");
    assert_eq!(new[i - 1], "A.5.8:\n");
}

#[test]
fn round_trip_a_status_for_a_control_without_one_adds_its_entry_in_catalog_order() {
    let repo = built();
    let copy = edited_export(
        &repo,
        "soa edited.xlsx",
        &status_edit("A.5.1", "Implemented", "Partially implemented"),
    );
    let before = tree(repo.root());
    adopt(repo.root(), &copy, &["--write"]).expect(0);
    let after = tree(repo.root());
    assert_eq!(changed(&before, &after), ["soa.yaml"]);
    let (old, new) = (
        String::from_utf8(before["soa.yaml"].clone()).unwrap(),
        String::from_utf8(after["soa.yaml"].clone()).unwrap(),
    );
    let (old, mut new) = (lines(&old), lines(&new));
    let at = new
        .iter()
        .position(|l| *l == "A.5.1:\n")
        .unwrap_or_else(|| panic!("no A.5.1 entry:\n{}", new.concat()));
    assert_eq!(new[at + 1], "  status: partial\n");
    // Before A.5.5, the first entry in the file.
    assert_eq!(new[at + 2], "A.5.5:\n");
    new.drain(at..at + 2);
    assert_eq!(new, old, "more than the new entry changed");
}

#[test]
fn round_trip_an_unchanged_export_changes_nothing() {
    let repo = built();
    let resaved = edited_export(&repo, "soa resaved.xlsx", &|_, _, _| None);
    let before = tree(repo.root());
    for soa in [
        repo.out().join("soa.xlsx"),
        repo.out().join("soa.csv"),
        resaved,
    ] {
        let run = adopt(repo.root(), &soa, &["--write"]);
        run.expect(0);
        assert!(
            run.stdout.contains("no file changes"),
            "{}: {}",
            soa.display(),
            run.stdout
        );
        assert!(run.stderr.contains("changed 0 files"), "{}", run.stderr);
        assert_eq!(changed(&before, &tree(repo.root())), Vec::<String>::new());
        let out = adopt_json(repo.root(), &soa, &[], 0);
        assert_eq!(list(&out["soa"], "controls").len(), 93);
        assert!(
            list(&out["soa"], "reported").is_empty(),
            "{:#}",
            out["soa"]["reported"]
        );
        assert!(
            list(&out["soa"], "unresolved").is_empty(),
            "{:#}",
            out["soa"]["unresolved"]
        );
    }
}

/// A.5.3's documents cell, as exported, with a third document typed after the two.
const A53_EXPORTED: &str = "POL-002 Access Control Policy; PRO-004 Change Management Procedure";
const A53_EDITED: &str = "POL-002 Access Control Policy; PRO-004 Change Management Procedure; STD-002 Secure Development Standard";

fn a53_gains_secure_development(repo: &Repo, soa: &Path) {
    let before = tree(repo.root());
    let run = adopt(repo.root(), soa, &["--write"]);
    run.expect(0);
    let after = tree(repo.root());
    assert_eq!(
        changed(&before, &after),
        ["standards/secure-development.md"],
        "{}",
        run.stdout
    );
    let text = |t: &BTreeMap<String, Vec<u8>>| {
        String::from_utf8(t["standards/secure-development.md"].clone()).unwrap()
    };
    gained(&text(&before), &text(&after), "A.5.3");
}

#[test]
fn round_trip_csv_a_document_typed_into_a_cell_naming_several_gets_the_control() {
    let repo = built();
    let csv = read(&repo.out().join("soa.csv"));
    assert!(csv.contains(A53_EXPORTED));
    let soa = repo.tmp().join("soa edited.csv");
    std::fs::write(&soa, csv.replace(A53_EXPORTED, A53_EDITED)).unwrap();
    a53_gains_secure_development(&repo, &soa);
}

#[test]
fn round_trip_xlsx_a_document_typed_into_a_cell_naming_several_gets_the_control() {
    let repo = built();
    let copy = edited_export(&repo, "soa edited.xlsx", &|control, col, text| {
        (control == "A.5.3" && col == 6).then(|| {
            assert_eq!(text, A53_EXPORTED);
            A53_EDITED.to_owned()
        })
    });
    a53_gains_secure_development(&repo, &copy);
}

#[test]
fn round_trip_xlsx_every_document_of_a_cell_naming_several_is_read() {
    let repo = built();
    let x = adopt_json(repo.root(), &repo.out().join("soa.xlsx"), &[], 0);
    let c = adopt_json(repo.root(), &repo.out().join("soa.csv"), &[], 0);
    let docs = |v: &Value, id: &str| -> Vec<String> {
        list(imported(&v["soa"], id), "documents")
            .iter()
            .map(|d| d["path"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        docs(&c, "A.5.3"),
        [
            "policies/access-control.md",
            "procedures/change-management.md"
        ]
    );
    for id in control_ids(&c["soa"]) {
        assert_eq!(docs(&x, &id), docs(&c, &id), "{id}");
    }
}

// ----- 6. choosing the sheet and the columns; files that are no SoA -----

/// A workbook whose first sheet with control ids is the risk register (a column of the
/// controls that treat each risk), the SoA on the second sheet.
fn risks_then_soa() -> Vec<u8> {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    let risks = book.add_worksheet();
    risks.set_name("Risks").unwrap();
    for (r, cells) in [
        ["Risk ID", "Risk", "Treatment", "Annex A control", "Status"],
        ["R-01", "Ransomware", "Reduce", "A.8.7", "Implemented"],
        ["R-02", "Supplier breach", "Reduce", "A.5.19", "Implemented"],
        ["R-03", "Lost laptop", "Reduce", "A.8.1", "Implemented"],
        ["R-04", "Phishing", "Reduce", "A.6.3", "Implemented"],
    ]
    .iter()
    .enumerate()
    {
        for (c, t) in cells.iter().enumerate() {
            risks.write_string(r as u32, c as u16, *t).unwrap();
        }
    }
    let soa = book.add_worksheet();
    soa.set_name("SoA").unwrap();
    for (r, cells) in [
        ["Control", "Title", "Applicable?", "Status"],
        ["A.5.7", "Threat intelligence", "Yes", "Implemented"],
        [
            "A.5.8",
            "Information security in project management",
            "Yes",
            "Planned",
        ],
        [
            "A.8.34",
            "Protection of information systems during audit testing",
            "Yes",
            "60 %",
        ],
    ]
    .iter()
    .enumerate()
    {
        for (c, t) in cells.iter().enumerate() {
            soa.write_string(r as u32, c as u16, *t).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

fn risks_workbook(repo: &Repo) -> PathBuf {
    let path = repo.tmp().join("ISMS workbook.xlsx");
    std::fs::write(&path, risks_then_soa()).unwrap();
    path
}

#[test]
fn sheet_option_reads_the_named_sheet() {
    let repo = example();
    let book = risks_workbook(&repo);
    // Without --sheet the first sheet with ids is read: the risk register.
    let first = adopt_json(repo.root(), &book, &[], 0);
    assert_eq!(first["soa"]["sheets"], serde_json::json!(["Risks"]));
    let out = adopt_json(repo.root(), &book, &["--sheet", "SoA"], 0);
    let s = &out["soa"];
    assert_eq!(s["sheets"], serde_json::json!(["SoA"]));
    assert_eq!(control_ids(s), ["A.5.7", "A.5.8", "A.8.34"]);
    assert_eq!(imported(s, "A.5.8")["status"], "planned");
    assert_eq!(imported(s, "A.8.34")["status"], "partial");
    adopt(repo.root(), &book, &["--sheet", "SoA", "--write"]).expect(0);
    let y = soa_yaml(&repo);
    assert_eq!(
        decision(&y, "A.5.7", "status").as_deref(),
        Some("implemented")
    );
    assert_eq!(decision(&y, "A.5.8", "status").as_deref(), Some("planned"));
    assert_eq!(decision(&y, "A.8.34", "status").as_deref(), Some("partial"));
    // Nothing from the risk register.
    assert_eq!(decision(&y, "A.8.7", "status"), None);
}

#[test]
fn an_unknown_sheet_is_exit_2_naming_the_sheets_there_are() {
    let repo = example();
    let book = risks_workbook(&repo);
    let before = tree(repo.root());
    let run = adopt(repo.root(), &book, &["--sheet", "SoA 2027", "--write"]);
    run.expect(2);
    assert!(
        run.stderr.contains("no sheet \"SoA 2027\""),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("\"Risks\", \"SoA\""), "{}", run.stderr);
    assert!(run.stderr.contains("ISMS workbook.xlsx"), "{}", run.stderr);
    assert_eq!(changed(&before, &tree(repo.root())), Vec::<String>::new());
}

/// A CSV whose status column has a header adopt does not know (`Stand 11/2026`).
const UNLABELLED: &str = "Control,Title,Applicable,Owner,Next review,Stand 11/2026\r\nA.5.7,Threat intelligence,Yes,CISO,2027-03-01,Implemented\r\nA.5.8,Information security in project management,Yes,CISO,2027-03-01,Planned\r\nA.8.34,Protection of information systems during audit testing,Yes,Head of IT,2027-03-01,In progress\r\n";

#[test]
fn columns_option_names_the_status_column() {
    let repo = example();
    let soa = repo.tmp().join("soa.csv");
    std::fs::write(&soa, UNLABELLED).unwrap();
    let plain = adopt_json(repo.root(), &soa, &[], 0);
    assert!(
        list(&plain["soa"], "controls")
            .iter()
            .all(|c| c["status"].is_null()),
        "{:#}",
        plain["soa"]["controls"]
    );
    let out = adopt_json(repo.root(), &soa, &["--columns", "status=F"], 0);
    let s = &out["soa"];
    assert_eq!(imported(s, "A.5.7")["status"], "implemented");
    assert_eq!(imported(s, "A.5.8")["status"], "planned");
    assert_eq!(imported(s, "A.8.34")["status"], "partial");
    let described = s["layout"]["columns"].to_string();
    assert!(described.contains("F (--columns)"), "{described}");
    // A number names the same column.
    let by_number = adopt_json(repo.root(), &soa, &["--columns", "status=6"], 0);
    assert_eq!(imported(&by_number["soa"], "A.5.8")["status"], "planned");
}

#[test]
fn a_bad_columns_spec_is_exit_2_saying_what_is_wrong() {
    let repo = example();
    let soa = repo.tmp().join("soa.csv");
    std::fs::write(&soa, UNLABELLED).unwrap();
    for (spec, says) in [
        ("state=F", "`state` is not a column"),
        ("status", "write role=column"),
        ("status=F1", "`F1` is not a column"),
    ] {
        let run = adopt(repo.root(), &soa, &["--columns", spec]);
        run.expect(2);
        assert!(run.stderr.contains("--columns"), "{spec}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{spec}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{spec}: {}", run.stdout);
    }
    // The roles it takes are listed.
    let run = adopt(repo.root(), &soa, &["--columns", "state=F"]);
    assert!(run.stderr.contains("status"), "{}", run.stderr);
}

#[test]
fn a_file_without_control_ids_is_exit_2() {
    let repo = example();
    let soa = repo.tmp().join("risk-register.csv");
    std::fs::write(
        &soa,
        "Risk ID;Risk;Likelihood;Impact;Score\r\nR-01;Ransomware;4;5;20\r\nR-02;Supplier breach;3;4;12\r\n",
    )
    .unwrap();
    let before = tree(repo.root());
    let run = adopt(repo.root(), &soa, &["--write"]);
    run.expect(2);
    assert!(run.stderr.contains("risk-register.csv"), "{}", run.stderr);
    assert!(
        run.stderr.contains("no table with control ids"),
        "{}",
        run.stderr
    );
    assert_eq!(changed(&before, &tree(repo.root())), Vec::<String>::new());
}

#[test]
fn an_unsupported_file_type_is_exit_2() {
    let repo = example();
    for name in ["SoA v4.1.docx", "SoA v4.1.pdf"] {
        let soa = repo.tmp().join(name);
        std::fs::write(&soa, b"PK\x03\x04 not read").unwrap();
        let run = adopt(repo.root(), &soa, &["--write"]);
        run.expect(2);
        assert!(run.stderr.contains(name), "{}", run.stderr);
        assert!(run.stderr.contains("not a format"), "{}", run.stderr);
        assert!(run.stderr.contains(".xlsx"), "{}", run.stderr);
    }
}

// ----- 7. a document whose front matter does not load -----

#[test]
fn a_document_whose_front_matter_does_not_load_is_not_touched_and_is_named() {
    let (repo, soa) = consultant();
    let path = repo.path("policies/access-control.md");
    let broken = read(&path).replace("tags: [access, identity]", "tags: [access, identity");
    std::fs::write(&path, &broken).unwrap();
    let run = adopt(repo.root(), &soa, &["--write"]);
    run.expect(1);
    assert_eq!(read(&path), broken, "the broken document was changed");
    let named = format!("{}\n{}", run.stdout, run.stderr);
    assert!(named.contains("policies/access-control.md"), "{named}");
    assert!(named.contains("front matter does not load"), "{named}");
    let out = adopt_json(repo.root(), &soa, &[], 1);
    let problems = out["soa"]["problems"].to_string();
    assert!(
        problems.contains("policies/access-control.md"),
        "{problems}"
    );
    // The documents that load got their controls.
    assert!(controls_line(&read(&repo.path("policies/cryptography.md"))).contains("\"A.5.17\""));
}

// ----- more of what real SoAs hold -----

#[test]
fn excel_unicode_text_export_utf16_with_tabs_is_read() {
    // Excel's "Unicode Text (*.txt)": UTF-16LE with a BOM, tab-separated, CRLF, a quoted cell
    // with a line break, 5.10 written as 5.1.
    let text = "Control\tControl title\tApplicable?\tImplementation status\tImplementing documents\tNotes\r\n\
        5.8\tInformation security in project management\tYes\t✅\tPRO-004\t\r\n\
        5.9\tInventory of information and other associated assets\tYes\tImplemented\tPOL-004\t\r\n\
        5.1\tAcceptable use of information and other associated assets\tYes\t60 %\tPOL-003\t\"Signed by 92% of staff;\nthe rest by Q1\"\r\n\
        8.34\tProtection of information systems during audit testing\tNo – no audit tests run on production\t\t\t\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let repo = example();
    let soa = repo.tmp().join("SoA.txt");
    std::fs::write(&soa, bytes).unwrap();
    let out = adopt_json(repo.root(), &soa, &[], 0);
    let s = &out["soa"];
    assert_eq!(control_ids(s), ["A.5.8", "A.5.9", "A.5.10", "A.8.34"]);
    at(s, "reported", "row 4, column A");
    adopt(repo.root(), &soa, &["--write"]).expect(0);
    let y = soa_yaml(&repo);
    assert_eq!(
        decision(&y, "A.5.8", "status").as_deref(),
        Some("implemented")
    );
    assert_eq!(decision(&y, "A.5.10", "status").as_deref(), Some("partial"));
    assert_eq!(
        decision(&y, "A.5.10", "note").as_deref(),
        Some("Signed by 92% of staff;\nthe rest by Q1")
    );
    assert_eq!(
        decision(&y, "A.8.34", "applicable").as_deref(),
        Some("false")
    );
    assert_eq!(
        decision(&y, "A.8.34", "justification").as_deref(),
        Some("no audit tests run on production")
    );
    assert!(
        controls_line(&read(&repo.path("procedures/change-management.md"))).contains("\"A.5.8\"")
    );
}

#[test]
fn a_crlf_soa_yaml_and_a_block_list_of_controls_keep_their_comments_and_line_endings() {
    let repo = Repo::new();
    repo.write(
        "soa.yaml",
        "# SoA decisions, kept by the CISO\r\nA.5.7:\r\n  status: planned   # from the 2025 SoA\r\n\r\nA.7.4:\r\n  applicable: false\r\n  justification: \"No premises\"\r\n",
    );
    let doc = "---\r\nid: POL-001\r\ntitle: Access Control Policy\r\ntype: policy\r\nowner: CISO\r\nversion: \"1.0\"\r\nstatus: approved\r\nlast_reviewed: 2026-06-01\r\ncontrols:\r\n  - A.5.15   # access control\r\n  - A.5.18\r\n---\r\n# Access Control Policy\r\n\r\nAccess is reviewed every quarter.\r\n";
    repo.write("policies/access.md", doc);
    // Excel's `sep=` line, a 2013 id and its 2022 control on two rows, `'` before a dash.
    let soa = repo.tmp().join("soa.csv");
    std::fs::write(
        &soa,
        "sep=;\r\nControl;Title;Applicable;Status;Policy;Comments\r\nA.9.2.3;Management of privileged access rights;Yes;Implemented;Access Control Policy;\r\nA.8.2;Privileged access rights;Yes;Partially implemented;POL-001;\r\nA.7.6;Working in secure areas;No – we have no secure areas;;;\r\nA.6.7;Remote working;Yes;;POL-001;'-- see the HR handbook\r\n",
    )
    .unwrap();
    let out = adopt_json(repo.root(), &soa, &[], 0);
    let s = &out["soa"];
    // The 2013 id is read as its 2022 control, and the 2022 row decides.
    let old = list(s, "reported")
        .iter()
        .filter(|r| r["cell"] == "row 3, column A")
        .map(|r| r["why"].as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(old.contains("2013"), "{old}");
    assert!(old.contains("row 4"), "{old}");
    assert_eq!(imported(s, "A.8.2")["status"], "partial");

    adopt(repo.root(), &soa, &["--write"]).expect(0);
    let yaml_text = read(&repo.path("soa.yaml"));
    assert!(
        yaml_text.starts_with("# SoA decisions, kept by the CISO\r\nA.5.7:\r\n  status: planned   # from the 2025 SoA\r\n"),
        "{yaml_text:?}"
    );
    assert_eq!(
        yaml_text.matches('\n').count(),
        yaml_text.matches("\r\n").count()
    );
    let y = yaml(&yaml_text);
    assert_eq!(decision(&y, "A.8.2", "status").as_deref(), Some("partial"));
    assert_eq!(
        decision(&y, "A.7.6", "applicable").as_deref(),
        Some("false")
    );
    assert_eq!(
        decision(&y, "A.7.6", "justification").as_deref(),
        Some("we have no secure areas")
    );
    assert_eq!(
        decision(&y, "A.6.7", "note").as_deref(),
        Some("-- see the HR handbook")
    );
    let after = read(&repo.path("policies/access.md"));
    assert_eq!(
        after,
        doc.replace("  - A.5.18\r\n", "  - A.5.18\r\n  - A.6.7\r\n  - A.8.2\r\n")
    );
}

#[test]
fn a_repository_without_soa_yaml_gets_one_that_says_where_it_came_from() {
    let repo = github();
    assert!(!repo.path("soa.yaml").exists());
    adopt(repo.root(), &repo.path(GITHUB_SOA), &["--write"]).expect(0);
    let text = read(&repo.path("soa.yaml"));
    assert!(text.starts_with('#'), "{text}");
    assert!(
        text.lines().take(3).any(|l| l.contains(GITHUB_SOA)),
        "{text}"
    );
    let y = yaml(&text);
    assert_eq!(decision(&y, "A.5.14", "status").as_deref(), Some("partial"));
    assert_eq!(decision(&y, "A.5.23", "status").as_deref(), Some("planned"));
    // The handbook reads it without a finding about it.
    let (_, report) = repo.check(&[]);
    assert!(report.in_file("soa.yaml").is_empty(), "{}", report.dump());
}

/// Rows that say something adopt cannot take as written.
const ODD_ROWS: &str = "Control,Title,Applicable,Status,Documents\r\nA.5.2,Information security roles and responsibilities,Yes,Implemented,POL-001\r\n5.1,Acceptable use of information and other associated assets,Yes,Implemented,POL-003\r\nA.5.15,Identity management,Yes,Implemented,POL-002\r\nA.5.7,Threat intelligence,Yes,Not applicable,\r\nA.5.8,Information security in project management,Yes,tbc,\r\n";

fn odd_rows() -> (Repo, Value) {
    let repo = example();
    let soa = repo.tmp().join("soa.csv");
    std::fs::write(&soa, ODD_ROWS).unwrap();
    let out = adopt_json(repo.root(), &soa, &[], 0);
    (repo, out)
}

#[test]
fn a_title_of_another_control_is_reported_and_tbc_is_left_out() {
    let (_repo, out) = odd_rows();
    let s = &out["soa"];
    let title = at(s, "reported", "row 4, column B");
    assert_eq!(title["text"], "Identity management");
    assert!(title["why"].as_str().unwrap().contains("A.5.16"), "{title}");
    assert_eq!(imported(s, "A.5.15")["row"], 4);
    let tbc = at(s, "reported", "row 6, column D");
    assert_eq!(tbc["text"], "tbc");
    assert_eq!(tbc["left_out"], true);
    assert!(imported(s, "A.5.8")["status"].is_null());
}

#[test]
fn a_5_1_with_the_title_of_a_5_10_is_a_5_10_and_the_report_says_why() {
    let (_repo, out) = odd_rows();
    let s = &out["soa"];
    assert_eq!(imported(s, "A.5.10")["row"], 3);
    let r = at(s, "reported", "row 3, column A");
    let why = r["why"].as_str().unwrap();
    assert!(why.contains("A.5.10"), "{why}");
    // A.5.2 is not A.5.9: the place is not the reason, the title is.
    assert!(!why.contains("after A.5.2"), "{why}");
    assert!(why.contains("title"), "{why}");
}

#[test]
fn a_not_applicable_status_on_a_row_that_says_applicable_is_reported() {
    let (_repo, out) = odd_rows();
    let s = &out["soa"];
    assert_eq!(imported(s, "A.5.7")["applicable"], true);
    let r = at(s, "reported", "row 5, column D");
    assert_eq!(r["text"], "Not applicable");
}
