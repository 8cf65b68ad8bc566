//! Review of `adopt --soa`: bugs a user would hit importing a real Statement of Applicability,
//! each with the test that found it.

mod common;

use common::*;
use serde_json::Value;

/// A repository with the documents an SoA usually names.
fn repo() -> Repo {
    let repo = Repo::new();
    repo.quiet_globals();
    for (path, id, title) in [
        (
            "policies/information-security-policy.md",
            "POL-001",
            "Information Security Policy",
        ),
        (
            "policies/access-control.md",
            "POL-002",
            "Access Control Policy",
        ),
        (
            "policies/remote-working.md",
            "POL-003",
            "Remote Working Policy",
        ),
        (
            "policies/data-protection.md",
            "POL-004",
            "Data Protection Policy",
        ),
        (
            "policies/asset-management.md",
            "POL-005",
            "Asset Management Policy",
        ),
    ] {
        repo.doc(path, &Fm::new(id).title(title), "Text.\n");
    }
    repo
}

/// `adopt ROOT --soa FILE --format json` with the SoA outside the repository; the run and
/// the `soa` part of its JSON.
fn import(repo: &Repo, name: &str, soa: &[u8], extra: &[&str]) -> (Run, Value) {
    let file = repo.tmp().join(name);
    std::fs::write(&file, soa).expect("write the SoA");
    let mut args = vec![
        "adopt".to_owned(),
        path_str(repo.root()),
        "--soa".into(),
        path_str(&file),
        "--format".into(),
        "json".into(),
        "--today".into(),
        "2026-12-06".into(),
    ];
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    let run = ismsbook(&args);
    let json: Value = serde_json::from_str(&run.stdout).unwrap_or(Value::Null);
    (run, json["soa"].clone())
}

/// The controls imported, with their status (or `-`).
fn statuses(soa: &Value) -> Vec<(String, String)> {
    soa["controls"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|c| {
                    (
                        c["control"].as_str().unwrap_or("").to_owned(),
                        c["status"].as_str().unwrap_or("-").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The reports (`reported` and `unresolved`) as `cell: text: why`.
fn reports(soa: &Value) -> Vec<String> {
    ["reported", "unresolved"]
        .iter()
        .flat_map(|k| soa[k].as_array().cloned().unwrap_or_default())
        .map(|r| {
            format!(
                "{}: {}: {}",
                r["cell"].as_str().unwrap_or(""),
                r["text"].as_str().unwrap_or(""),
                r["why"].as_str().unwrap_or("")
            )
        })
        .collect()
}

fn pairs(soa: &Value) -> Vec<(String, String)> {
    soa["controls"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .flat_map(|c| {
            let control = c["control"].as_str().unwrap_or("").to_owned();
            c["documents"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(move |d| (control.clone(), d["path"].as_str().unwrap_or("").to_owned()))
        })
        .collect()
}

fn strs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

/// `A.5.1, A.5.2`, `5.1/5.2` and `A.5.18–A.5.20` in one control cell: only the first id was
/// imported, the others dropped without a word.
#[test]
fn several_ids_in_one_control_cell_apply_the_row_to_each() {
    let repo = repo();
    let csv = "Control,Status,Documents\r\n\
               \"A.5.1, A.5.2\",Partial,Information Security Policy\r\n\
               5.9/5.11,Planned,Asset Management Policy\r\n\
               A.5.18–A.5.20,Partial,Access Control Policy\r\n\
               A.8.1 & A.8.2,Partial,\r\n\
               A.8.28 – Secure coding,Planned,\r\n";
    let (run, soa) = import(&repo, "SoA.csv", csv.as_bytes(), &[]);
    run.expect(0);
    assert_eq!(
        statuses(&soa),
        strs(&[
            ("A.5.1", "partial"),
            ("A.5.2", "partial"),
            ("A.5.9", "planned"),
            ("A.5.11", "planned"),
            ("A.5.18", "partial"),
            ("A.5.19", "partial"),
            ("A.5.20", "partial"),
            ("A.8.1", "partial"),
            ("A.8.2", "partial"),
            ("A.8.28", "planned"),
        ])
    );
    let p = pairs(&soa);
    assert!(
        p.contains(&("A.5.19".into(), "policies/access-control.md".into())),
        "{p:?}"
    );
    let r = reports(&soa);
    assert!(
        r.iter()
            .any(|r| r.starts_with("row 4, column A: A.5.18–A.5.20:")
                && r.contains("A.5.18, A.5.19, A.5.20")),
        "{r:#?}"
    );
}

/// A row naming a control alone decides it over a row that names it among others.
#[test]
fn a_row_of_its_own_decides_over_a_row_naming_several() {
    let repo = repo();
    let csv = "Control,Status\nA.5.1-A.5.3,Implemented\nA.5.2,Planned\n";
    let (run, soa) = import(&repo, "SoA.csv", csv.as_bytes(), &[]);
    run.expect(0);
    assert_eq!(
        statuses(&soa),
        strs(&[
            ("A.5.1", "implemented"),
            ("A.5.2", "planned"),
            ("A.5.3", "implemented")
        ])
    );
}

/// A workbook as ISO toolkits ship it (`rust_xlsxwriter`, as Excel saves numbers): each sheet
/// a list of rows; a cell starting with `=` is written as a number, one written `[text](url)`
/// as text with a hyperlink on the whole cell.
fn workbook(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(*name).expect("sheet name");
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                let link = text
                    .strip_prefix('[')
                    .and_then(|t| t.strip_suffix(')'))
                    .and_then(|t| t.split_once("]("));
                match text.strip_prefix('=').map(str::parse::<f64>) {
                    Some(Ok(n)) => ws.write_number(r, c, n),
                    _ if text.is_empty() => continue,
                    _ => match link {
                        Some((t, url)) => {
                            ws.write_url(r, c, rust_xlsxwriter::Url::new(url).set_text(t))
                        }
                        None => ws.write_string(r, c, *text),
                    },
                }
                .expect("cell");
            }
        }
    }
    book.save_to_buffer().expect("workbook")
}

/// A toolkit's workbook lists the clauses 4–10 on a sheet before the SoA: the clauses sheet
/// was taken for the SoA (its `5.1`, `6.1.2`, `8.1` read as A.5.1, the 2013 A.6.1.2, A.8.1)
/// and the SoA sheet never read.
#[test]
fn a_clauses_sheet_before_the_soa_is_not_taken_for_it() {
    let repo = repo();
    let clauses: &[&[&str]] = &[
        &["Clause", "Requirement", "Status", "Evidence"],
        &[
            "=4.1",
            "Understanding the organization and its context",
            "Implemented",
            "",
        ],
        &[
            "=4.2",
            "Understanding the needs and expectations of interested parties",
            "Implemented",
            "",
        ],
        &["=5.1", "Leadership and commitment", "Implemented", ""],
        &[
            "=5.2",
            "Policy",
            "Implemented",
            "Information Security Policy",
        ],
        &[
            "=5.3",
            "Organizational roles, responsibilities and authorities",
            "Partial",
            "",
        ],
        &[
            "6.1.2",
            "Information security risk assessment",
            "Partial",
            "",
        ],
        &["=7.1", "Resources", "Implemented", ""],
        &["=8.1", "Operational planning and control", "Planned", ""],
        &[
            "=9.1",
            "Monitoring, measurement, analysis and evaluation",
            "Planned",
            "",
        ],
    ];
    let soa: &[&[&str]] = &[
        &["Control", "Title", "Applicable", "Status", "Documents"],
        &[
            "A.5.1",
            "Policies for information security",
            "Yes",
            "Partial",
            "Information Security Policy",
        ],
        &[
            "A.5.3",
            "Segregation of duties",
            "Yes",
            "Planned",
            "Access Control Policy",
        ],
        &[
            "A.8.1",
            "User endpoint devices",
            "Yes",
            "Partial",
            "Remote Working Policy",
        ],
    ];
    let (run, soa_json) = import(
        &repo,
        "ISMS Toolkit.xlsx",
        &workbook(&[("Clauses", clauses), ("Annex A SoA", soa)]),
        &[],
    );
    run.expect(0);
    assert_eq!(soa_json["sheets"], serde_json::json!(["Annex A SoA"]));
    assert_eq!(
        statuses(&soa_json),
        strs(&[
            ("A.5.1", "partial"),
            ("A.5.3", "planned"),
            ("A.8.1", "partial")
        ])
    );
}

/// One sheet with the clauses first and then Annex A (`A.5.1`): clause 5.3's and 8.1's rows
/// decided A.5.3 and A.8.1, and the controls' own rows were reported as the duplicates.
#[test]
fn clause_rows_in_the_soa_sheet_are_not_controls() {
    let repo = repo();
    let csv = "Ref,Requirement,Status,Evidence\n\
               4.1,Understanding the organization and its context,Implemented,\n\
               5.3,\"Organizational roles, responsibilities and authorities\",Partial,\n\
               6.1.2,Information security risk assessment,Implemented,\n\
               8.1,Operational planning and control,Planned,\n\
               A.5.3,Segregation of duties,Implemented,Access Control Policy\n\
               A.8.1,User endpoint devices,Partial,Remote Working Policy\n";
    let (run, soa) = import(&repo, "compliance.csv", csv.as_bytes(), &[]);
    run.expect(0);
    assert_eq!(
        statuses(&soa),
        strs(&[("A.5.3", "implemented"), ("A.8.1", "partial")])
    );
    // Without clause 4 in the column, the title says it is the clause.
    let csv = "Ref,Title,Status\n\
               5.3,Segregation of duties,Partial\n\
               5.4,Management responsibilities,Partial\n\
               5.1,Leadership and commitment,Implemented\n\
               5.2,Policy,Implemented\n";
    let (run, soa) = import(&repo, "compliance.csv", csv.as_bytes(), &[]);
    run.expect(0);
    assert_eq!(
        statuses(&soa),
        strs(&[("A.5.3", "partial"), ("A.5.4", "partial")])
    );
    let r = reports(&soa);
    assert!(
        r.iter().any(|r| r.starts_with("row 5, column A: 5.2:")
            && r.contains("clause 5.2 of ISO/IEC 27001 (Policy)")),
        "{r:#?}"
    );
}

/// The header is the row above the table, not a row of it: rows before the first control
/// whose id is no control (`4.1`, a typo) hold `Implemented` and a document's title, which
/// were read as the headers "status" and "documents" of the sheet.
#[test]
fn a_row_of_the_table_is_not_taken_for_its_header() {
    let repo = repo();
    let csv = "Ref,Requirement,Status,Evidence\n\
               A.4.9,Typo row,Implemented,Information Security Policy\n\
               A.5.1,Policies for information security,Partial,Information Security Policy\n\
               A.5.2,Information security roles and responsibilities,Planned,\n";
    let (run, soa) = import(&repo, "SoA.csv", csv.as_bytes(), &[]);
    run.expect(0);
    assert_eq!(soa["header_row"], 1, "{soa:#}");
    assert_eq!(
        statuses(&soa),
        strs(&[("A.5.1", "partial"), ("A.5.2", "planned")])
    );
}

/// The justifications and statuses of an SoA whose headers are "Justification for
/// inclusion/exclusion" and "Implementation details" then "Status": the first was read as the
/// justification of exclusions only (an applicable control's reason was dropped without a
/// word), the second as the status column, which left the real one not imported.
#[test]
fn inclusion_exclusion_justifications_and_implementation_details() {
    let repo = repo();
    let csv = "Control;Applicable (Y/N);Justification for inclusion/exclusion;Implementation details;Status;Linked risks\r\n\
               A.5.1;Y;Required by the board;Policy set approved yearly;Implemented;R-01\r\n\
               A.7.4;N;No premises of our own;;;\r\n\
               A.5.7;Y;Risk R-07;Feeds from NCSC;Planned;R-07\r\n";
    let (run, soa) = import(&repo, "SoA.csv", csv.as_bytes(), &[]);
    run.expect(0);
    let roles: Vec<String> = soa["layout"]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["role"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        roles,
        ["control", "applicable", "justification", "note", "status"],
        "{soa:#}"
    );
    let c = &soa["controls"];
    assert_eq!(c[0]["control"], "A.5.1");
    assert_eq!(c[0]["justification"], "Required by the board");
    assert_eq!(c[0]["note"], "Policy set approved yearly");
    assert_eq!(c[0]["status"], "implemented");
    assert_eq!(c[2]["control"], "A.7.4");
    assert_eq!(c[2]["applicable"], false);
    assert_eq!(c[2]["justification"], "No premises of our own");
    assert_eq!(c[1]["status"], "planned");
}

/// A column for the reasons of exclusions, and nothing that says the control is excluded:
/// the reason was dropped without a word.
#[test]
fn an_exclusion_reason_without_an_exclusion_is_reported() {
    let repo = repo();
    let csv = "Control,Status,Reason for exclusion\n\
               A.7.4,Implemented,\n\
               A.7.5,Not implemented,We have no server rooms\n\
               A.7.6,Implemented,N/A\n\
               A.7.7,Implemented,—\n";
    let (run, soa) = import(&repo, "SoA.csv", csv.as_bytes(), &[]);
    run.expect(0);
    let r = reports(&soa);
    assert!(
        r.iter()
            .any(|r| r.starts_with("row 3, column C: We have no server rooms:")),
        "{r:#?}"
    );
    assert_eq!(r.len(), 1, "{r:#?}");
}

/// The build's `soa.xlsx` links a documents cell naming several documents, as a whole, to the
/// control's page. Only the first document was read (the link's text resolved to it by its
/// id) and the others were dropped, so a document added to the cell in Excel was not imported.
#[test]
fn every_document_of_a_linked_cell_is_read() {
    let repo = repo();
    let soa: &[&[&str]] = &[
        &["Control", "Implementation status", "Implementing documents"],
        &[
            "A.5.3",
            "Implemented",
            "[POL-002 Access Control Policy; POL-004 Data Protection Policy](file:///controls/A.5.3.html)",
        ],
        &[
            "A.5.34",
            "Implemented",
            "[Data Protection Policy; Information Security Policy](https://isms.example.com/policies/data-protection.html)",
        ],
    ];
    let (run, json) = import(&repo, "soa.xlsx", &workbook(&[("SoA", soa)]), &[]);
    run.expect(0);
    assert_eq!(
        pairs(&json),
        strs(&[
            ("A.5.3", "policies/access-control.md"),
            ("A.5.3", "policies/data-protection.md"),
            ("A.5.34", "policies/data-protection.md"),
            ("A.5.34", "policies/information-security-policy.md"),
        ])
    );
}

/// `-`, `—` and `N/A` are how spreadsheets leave a cell blank: they were imported as the
/// justification or note (replacing what soa.yaml said, and passing for the justification of
/// an exclusion), and `N/A` in a documents cell was reported as a reference to no document.
#[test]
fn placeholder_cells_say_nothing() {
    let repo = repo();
    repo.write(
        "soa.yaml",
        "A.5.7:\n  justification: Risk R-07.\n  status: planned\n  note: Feeds from NCSC.\n",
    );
    let csv = "Control,Applicable,Justification,Status,Documents,Notes\n\
               A.5.7,Yes,-,Planned,—,n/a\n\
               A.7.4,No,N/A,N/A,N/A,-\n";
    let (run, soa) = import(&repo, "SoA.csv", csv.as_bytes(), &[]);
    run.expect(0);
    let c = &soa["controls"];
    assert_eq!(c[0]["control"], "A.5.7");
    assert_eq!(c[0].get("justification"), None, "{c:#}");
    assert_eq!(c[0].get("note"), None, "{c:#}");
    assert_eq!(c[1]["control"], "A.7.4");
    assert_eq!(c[1].get("justification"), None, "{c:#}");
    assert_eq!(reports(&soa), Vec::<String>::new());
    let yaml = soa["changes"][0]["diff"].as_str().unwrap_or("");
    assert!(!yaml.contains("-  justification"), "{yaml}");
}

/// Statuses as people type them: `Yes, partially` was read as implemented (the first word
/// only); `No – planned for Q3` as not implemented; `Not started` as planned (nothing says a
/// plan exists); the ticks of an "Implemented?" column (`Y`, `N`, `TRUE`, `x`) not at all.
#[test]
fn statuses_with_a_qualifier_and_yes_no_ticks() {
    let repo = repo();
    let csv = "Control\tImplemented?\n\
               A.5.1\tYes, partially\n\
               A.5.2\tNo – planned for Q3\n\
               A.5.3\tNot started\n\
               A.5.4\tY\n\
               A.5.5\tN\n\
               A.5.6\tTRUE\n\
               A.5.7\tFALSE\n\
               A.5.8\tImplemented - see policy\n\
               A.5.9\tJa, teilweise\n";
    let (run, soa) = import(&repo, "SoA.tsv", csv.as_bytes(), &[]);
    run.expect(0);
    assert_eq!(
        statuses(&soa),
        strs(&[
            ("A.5.1", "partial"),
            ("A.5.2", "planned"),
            ("A.5.3", "not-implemented"),
            ("A.5.4", "implemented"),
            ("A.5.5", "not-implemented"),
            ("A.5.6", "implemented"),
            ("A.5.7", "not-implemented"),
            ("A.5.8", "implemented"),
            ("A.5.9", "partial"),
        ])
    );
}

/// A close title is a typo or a word more or less, never another document: `Data Retention
/// Policy` was matched to the Data Protection Policy (three letters apart), `Asset Policy` to
/// the Audit Policy, and `Remote Access Policy` to the Access Policy (its words are all in it).
/// A wrong document is worse than none.
#[test]
fn a_close_title_is_never_another_documents() {
    let repo = repo();
    repo.doc(
        "policies/audit.md",
        &Fm::new("POL-010").title("Audit Policy"),
        "Text.\n",
    )
    .doc(
        "policies/access.md",
        &Fm::new("POL-011").title("Access Policy"),
        "Text.\n",
    )
    .doc(
        "policies/clear-desk.md",
        &Fm::new("POL-012").title("Clear Desk and Screen Policy"),
        "Text.\n",
    );
    let csv = "Control,Documents\n\
               A.5.1,Data Retention Policy\n\
               A.5.2,Asset Policy\n\
               A.5.3,Remote Access Policy\n\
               A.5.4,Network Access Policy\n\
               A.5.5,Acess Control Policy\n\
               A.5.6,Data Protection\n\
               A.5.7,Access Control Policy v2\n\
               A.5.8,Clear Desk Policy\n\
               A.5.9,Asset Managment Policy\n";
    let (run, soa) = import(&repo, "SoA.csv", csv.as_bytes(), &[]);
    run.expect(0);
    assert_eq!(
        pairs(&soa),
        strs(&[
            // A word less: the Asset Management Policy, reported as a close title.
            ("A.5.2", "policies/asset-management.md"),
            ("A.5.5", "policies/access-control.md"),
            ("A.5.6", "policies/data-protection.md"),
            ("A.5.7", "policies/access-control.md"),
            ("A.5.8", "policies/clear-desk.md"),
            ("A.5.9", "policies/asset-management.md"),
        ])
    );
}

/// A document's name that is no document of the repository (`Data Retention Policy`, not
/// written yet) was kept as the control's note, as if it were prose about the control; it is
/// a reference that resolves to nothing.
#[test]
fn a_document_name_that_names_no_document_is_unresolved_not_a_note() {
    let repo = repo();
    let csv = "Control,Documents\n\
               A.5.33,Data Retention Policy\n\
               A.5.34,Richtlinie zum Datenschutz\n\
               A.5.35,Covered by AWS physical controls\n";
    let (run, soa) = import(&repo, "SoA.csv", csv.as_bytes(), &[]);
    run.expect(0);
    let unresolved: Vec<&str> = soa["unresolved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        unresolved,
        ["Data Retention Policy", "Richtlinie zum Datenschutz"]
    );
    let c = &soa["controls"];
    assert_eq!(c[0].get("note"), None, "{c:#}");
    assert_eq!(c[2]["note"], "Covered by AWS physical controls");
}

/// A web address written in a documents cell (a CSV has no hyperlinks) was said to be "no
/// document's id, file name or title", or, ending in a file name of the repository, taken for
/// that file, though it may be another repository's: as with a hyperlink, it is a web address.
#[test]
fn a_web_address_in_a_documents_cell_is_said_to_be_one() {
    let repo = repo();
    let csv = "Control,Documents\n\
               A.5.15,https://contoso.sharepoint.com/sites/isms/Shared%20Documents/Access%20Control%20Policy.docx\n\
               A.5.16,https://github.com/other-org/isms/blob/main/policies/access-control.md\n";
    let (run, soa) = import(&repo, "SoA.csv", csv.as_bytes(), &[]);
    run.expect(0);
    assert_eq!(pairs(&soa), []);
    let why: Vec<&str> = soa["unresolved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["why"].as_str().unwrap())
        .collect();
    assert_eq!(
        why,
        [
            "a web address, not a file of the repository",
            "a web address, not a file of the repository"
        ]
    );
}

/// `5.1` right after A.5.9 is read as A.5.10 (Excel turns a typed 5.10 into 5.1). Where the
/// zero cannot have been lost, that misread A.5.1 as A.5.10 and A.5.1 was never imported:
/// in a sheet that writes 5.10 itself elsewhere, and in a workbook's text cell.
#[test]
fn the_lost_zero_rule_only_where_a_zero_can_have_been_lost() {
    let repo = repo();
    // Sorted by status, not by id; 5.10 written with its zero.
    let csv = "Control,Status\n\
               5.9,Implemented\n\
               5.1,Partial\n\
               5.10,Planned\n\
               8.1,Planned\n";
    let (run, soa) = import(&repo, "SoA.csv", csv.as_bytes(), &[]);
    run.expect(0);
    assert_eq!(
        statuses(&soa),
        strs(&[
            ("A.5.1", "partial"),
            ("A.5.9", "implemented"),
            ("A.5.10", "planned"),
            ("A.8.1", "planned")
        ])
    );
    // A workbook: the number 5.1 after 5.9 lost its zero; the text "5.1" did not.
    let rows: &[&[&str]] = &[
        &["Control", "Status"],
        &["=5.9", "Implemented"],
        &["=5.1", "Planned"],
        &["5.9", "Implemented"],
        &["5.1", "Partial"],
    ];
    let (run, soa) = import(&repo, "SoA.xlsx", &workbook(&[("SoA", rows)]), &[]);
    run.expect(0);
    assert_eq!(
        statuses(&soa),
        strs(&[
            ("A.5.1", "partial"),
            ("A.5.9", "implemented"),
            ("A.5.10", "planned")
        ])
    );
    // Exported by Excel as CSV, every 5.10 is 5.1: the rule still holds.
    let csv = "Control,Status\n5.9,Implemented\n5.1,Planned\n5.11,Partial\n";
    let (run, soa) = import(&repo, "SoA.csv", csv.as_bytes(), &[]);
    run.expect(0);
    assert_eq!(
        statuses(&soa),
        strs(&[
            ("A.5.9", "implemented"),
            ("A.5.10", "planned"),
            ("A.5.11", "partial")
        ])
    );
}

/// A file that cannot be read stops the run (exit 2) with one message naming it once; it
/// named it twice (`error: /tmp/x/SoA.xlsx: SoA.xlsx: not an Excel workbook …`).
#[test]
fn an_unreadable_soa_is_named_once() {
    let repo = repo();
    for (name, bytes) in [
        ("SoA.xlsx", &b"not a zip"[..]),
        ("SoA.csv", &b"Control;Titel\r\nA.5.1;Ma\xDFnahme\r\n"[..]),
    ] {
        let (run, _) = import(&repo, name, bytes, &[]);
        run.expect(2);
        assert_eq!(run.stderr.matches(name).count(), 1, "{}", run.stderr);
        assert!(
            run.stderr.contains(&path_str(&repo.tmp().join(name))),
            "{}",
            run.stderr
        );
    }
}

/// The SoA a Markdown file of the repository: plain adopt proposes front matter for it too, and
/// its controls are the ones its table names, all of them. The statuses it says are
/// implemented were then dropped as "what the handbook already shows", because the SoA itself
/// was counted as the approved document implementing them.
#[test]
fn the_soa_in_the_repository_does_not_implement_its_own_controls() {
    let repo = repo();
    repo.write(
        "isms/statement-of-applicability.md",
        "# Statement of Applicability\n\n\
         | Control | Title | Status |\n|---|---|---|\n\
         | A.5.7 | Threat intelligence | Implemented |\n\
         | A.5.8 | Information security in project management | Partial |\n\
         | A.5.9 | Inventory of information and other associated assets | Implemented |\n",
    );
    let file = repo.path("isms/statement-of-applicability.md");
    let run = ismsbook(&[
        "adopt",
        &path_str(repo.root()),
        "--soa",
        &path_str(&file),
        "--format",
        "json",
        "--today",
        "2026-12-06",
    ]);
    run.expect(0);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let diff = json["soa"]["changes"][0]["diff"].as_str().unwrap_or("");
    assert!(diff.contains("+A.5.7:\n+  status: implemented\n"), "{diff}");
    assert!(diff.contains("+A.5.9:\n+  status: implemented\n"), "{diff}");
    // Its own proposal lists no controls, and says why.
    let own = json["proposals"]
        .as_array()
        .and_then(|ps| {
            ps.iter()
                .find(|p| p["path"] == "isms/statement-of-applicability.md")
        })
        .expect("the SoA file is proposed front matter");
    assert!(
        !own["front_matter"]
            .as_str()
            .unwrap_or("")
            .contains("controls"),
        "{own}"
    );
    assert!(
        own["fields"].to_string().contains("the SoA being imported"),
        "{own}"
    );
}

/// An SoA that turns an exclusion into an applicable control (or the reverse) without a
/// justification of its own left soa.yaml's, which then read as the opposite reason: "We own
/// no premises" as the reason A.7.4 applies, "Legal requirement" as the reason A.5.5 is
/// excluded (which also kept `unjustified-exclusion` quiet). The importer cannot say what the
/// new reason is; it says that the old one must go.
#[test]
fn a_justification_left_from_the_opposite_decision_is_reported() {
    let repo = repo();
    repo.write(
        "soa.yaml",
        "A.5.5:\n  justification: Legal requirement (UK GDPR Art. 33).\nA.7.4:\n  applicable: false\n  justification: We own no premises.\n",
    );
    let csv = "Control,Applicable,Justification\n\
               A.5.5,No,\n\
               A.7.4,Yes,\n\
               A.7.5,No,No server rooms\n";
    let (run, soa) = import(&repo, "SoA.csv", csv.as_bytes(), &[]);
    run.expect(0);
    let r = reports(&soa);
    assert!(
        r.iter().any(|r| r.starts_with("row 2, column B: No:")
            && r.contains("\"Legal requirement (UK GDPR Art. 33).\"")),
        "{r:#?}"
    );
    assert!(
        r.iter().any(
            |r| r.starts_with("row 3, column B: Yes:") && r.contains("\"We own no premises.\"")
        ),
        "{r:#?}"
    );
    assert_eq!(r.len(), 2, "{r:#?}");
}

/// `Ja (teilweise)` in the applicability column: "teilweise" (partly) became the control's
/// justification, replacing soa.yaml's. And a status `N/A` on a row whose applicability
/// column says `Yes` was dropped without a word.
#[test]
fn applicability_qualified_or_contradicted() {
    let repo = repo();
    repo.write(
        "soa.yaml",
        "A.5.1:\n  justification: Board decision 2026-03.\n",
    );
    let csv = "Maßnahme;Anwendbar;Begründung;Umsetzungsstatus\r\n\
               A.5.1;Ja (teilweise);;umgesetzt\r\n\
               A.5.2;Ja;;N/A\r\n\
               A.5.3;Ja (vertraglich);;umgesetzt\r\n";
    let (run, soa) = import(&repo, "SoA.csv", csv.as_bytes(), &[]);
    run.expect(0);
    let c = &soa["controls"];
    assert_eq!(c[0].get("justification"), None, "{c:#}");
    assert_eq!(c[2]["justification"], "vertraglich");
    let r = reports(&soa);
    assert!(
        r.iter().any(|r| r.starts_with("row 3, column D: N/A:")),
        "{r:#?}"
    );
}

/// An SoA in one Markdown table per theme, one of them with a column more (notes) or in
/// another order: only the tables with exactly the first one's columns were read, the others
/// left out without a word (their controls never imported).
#[test]
fn every_theme_table_is_read_or_reported() {
    let repo = repo();
    let md = "# SoA\n\n## Organizational\n\n\
              | Control | Title | Status |\n|---|---|---|\n\
              | A.5.1 | Policies | Implemented |\n| A.5.2 | Roles | Partial |\n| A.5.3 | Segregation | Partial |\n\n\
              ## People\n\n\
              | Control | Title | Status | Notes |\n|---|---|---|---|\n\
              | A.6.1 | Screening | Partial | Checks by agency |\n| A.6.2 | Terms | Partial | |\n| A.6.3 | Awareness | Planned | |\n\n\
              ## Physical\n\n\
              | Control | Status | Title |\n|---|---|---|\n\
              | A.7.1 | Partial | Perimeters |\n| A.7.2 | Partial | Entry |\n| A.7.3 | Partial | Offices |\n\n\
              ## Risk treatment plan\n\n\
              | Control | Owner | Due |\n|---|---|---|\n\
              | A.5.7 | CISO | 2027-03 |\n| A.5.23 | CTO | 2027-06 |\n| A.8.16 | CTO | 2027-09 |\n";
    let (run, soa) = import(&repo, "SoA.md", md.as_bytes(), &[]);
    run.expect(0);
    assert_eq!(
        statuses(&soa),
        strs(&[
            ("A.5.1", "implemented"),
            ("A.5.2", "partial"),
            ("A.5.3", "partial"),
            ("A.6.1", "partial"),
            ("A.6.2", "partial"),
            ("A.6.3", "planned"),
            ("A.7.1", "partial"),
            ("A.7.2", "partial"),
            ("A.7.3", "partial"),
        ])
    );
    assert_eq!(soa["controls"][3]["note"], "Checks by agency");
    let r = reports(&soa);
    assert!(
        r.iter()
            .any(|r| r.starts_with("table at line 29:")
                && r.contains("--sheet \"table at line 29\"")),
        "{r:#?}"
    );
}

/// A change that cannot be written (here soa.yaml, made immutable) when plain adopt writes
/// nothing: the summary subtracted every SoA change from the successful writes and the run
/// panicked ("attempt to subtract with overflow"); in a release build it would print a count
/// in the quintillions. Needs `chattr` (root on Linux); elsewhere there is nothing to run.
#[test]
fn a_change_not_written_is_counted_not_a_panic() {
    let repo = repo();
    repo.write("soa.yaml", "A.5.1:\n  status: planned\n");
    let yaml = path_str(&repo.path("soa.yaml"));
    let immutable = std::process::Command::new("chattr")
        .args(["+i", &yaml])
        .status()
        .is_ok_and(|s| s.success());
    if !immutable {
        eprintln!("chattr +i is not available here; skipped");
        return;
    }
    let csv = "Control,Status,Documents\nA.5.1,Partial,Access Control Policy\n";
    let (run, _) = import(&repo, "SoA.csv", csv.as_bytes(), &["--write"]);
    let _ = std::process::Command::new("chattr")
        .args(["-i", &yaml])
        .status();
    run.expect(1);
    assert!(
        run.stderr.contains("changed 1 of 2 files"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("error: soa.yaml: not written"),
        "{}",
        run.stderr
    );
}

/// An SoA whose one "Status" column says whether each control applies (`Applicable`,
/// `Excluded`): every applicable row was reported as "not a status".
#[test]
fn applicable_in_a_status_column_says_the_control_applies() {
    let repo = repo();
    let csv = "Control,Status,Justification\n\
               A.5.1,Applicable,Board decision\n\
               A.7.4,Excluded,No premises\n\
               A.5.2,Included,\n";
    let (run, soa) = import(&repo, "SoA.csv", csv.as_bytes(), &[]);
    run.expect(0);
    assert_eq!(reports(&soa), Vec::<String>::new());
    let c = &soa["controls"];
    assert_eq!(c[0]["applicable"], true);
    assert_eq!(c[0].get("status"), None);
    assert_eq!(c[2]["applicable"], false);
}

/// `--columns` that cannot be what the user meant: a column without control ids named the
/// control column read nothing and said "the repository says what the SoA says"; a column
/// past the last, a role on the control column, a role or a column named twice were ignored
/// without a word.
#[test]
fn columns_that_cannot_be_meant_are_refused() {
    let repo = repo();
    let csv = "Control,Status\nA.5.1,Implemented\nA.5.2,Partial\nA.5.3,Planned\n";
    for (columns, says) in [
        ("control=B", "column B holds no control ids"),
        ("status=Z", "no column Z"),
        ("status=A", "column A is the control column"),
        ("documents=1", "column A is the control column"),
        ("status=B,status=C", "status is named twice"),
        ("status=B,note=B", "column B is named twice"),
    ] {
        let (run, _) = import(&repo, "SoA.csv", csv.as_bytes(), &["--columns", columns]);
        run.expect(2);
        assert!(run.stderr.contains(says), "{columns}: {}", run.stderr);
    }
    // Several document or note columns are fine.
    let csv = "Control,Policy,Evidence\nA.5.1,Access Control Policy,Information Security Policy\n";
    let (run, soa) = import(
        &repo,
        "SoA.csv",
        csv.as_bytes(),
        &["--columns", "documents=B,documents=C"],
    );
    run.expect(0);
    assert_eq!(pairs(&soa).len(), 2);
}

/// A document the SoA names whose front matter does not load cannot be changed; the output
/// listed it, then said "no file changes: the repository says what the SoA says", which it
/// does not.
#[test]
fn files_not_changed_are_not_said_to_agree() {
    let repo = repo();
    repo.write(
        "policies/broken.md",
        "---\nid: POL-020\ntitle: Backup Policy\ntype: policy\nowner: [unclosed\n---\nText.\n",
    );
    let file = repo.tmp().join("SoA.csv");
    std::fs::write(&file, "Control,Documents\nA.8.13,policies/broken.md\n").unwrap();
    let run = ismsbook(&[
        "adopt",
        &path_str(repo.root()),
        "--soa",
        &path_str(&file),
        "--today",
        "2026-12-06",
    ]);
    run.expect(1);
    assert!(
        run.stdout.contains("files not changed (1):"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("the repository says what the SoA says"),
        "{}",
        run.stdout
    );
}

/// A control the SoA excludes, with a document in its documents cell (the reason it needs no
/// control of its own, or a leftover): the control was added to that document's `controls`,
/// so the handbook then said the document implements an excluded control
/// (`excluded-control-mapped`).
#[test]
fn an_excluded_control_is_not_given_to_documents() {
    let repo = repo();
    let csv = "Control,Applicable,Justification,Documents\n\
               A.7.4,No,Fully remote,Remote Working Policy\n\
               A.8.1,Yes,,Remote Working Policy\n";
    let (run, soa) = import(&repo, "SoA.csv", csv.as_bytes(), &[]);
    run.expect(0);
    let changed: Vec<&str> = soa["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["summary"].as_str().unwrap())
        .collect();
    assert!(changed.contains(&"controls + A.8.1"), "{changed:?}");
    let r = reports(&soa);
    assert!(
        r.iter()
            .any(|r| r.starts_with("row 2, column D: Remote Working Policy:")
                && r.contains("excluded")),
        "{r:#?}"
    );
}

/// `8.1 User endpoint devices` right after 8.9 is A.8.1, its title says so: the title was
/// compared word for word with the catalog's "User end point devices", did not match, and the
/// row was read as A.8.10 (Information deletion).
#[test]
fn a_title_spelt_otherwise_still_says_which_control() {
    let repo = repo();
    let csv = "Control,Title,Status\n\
               8.9,Configuration management,Implemented\n\
               8.1,User endpoint devices,Partial\n\
               8.1,Information deletion,Planned\n";
    let (run, soa) = import(&repo, "SoA.csv", csv.as_bytes(), &[]);
    run.expect(0);
    assert_eq!(
        statuses(&soa),
        strs(&[
            ("A.8.1", "partial"),
            ("A.8.9", "implemented"),
            ("A.8.10", "planned")
        ])
    );
}

/// A GitHub ISMS file holding the SoA and, further down, tables for other frameworks (NIS2,
/// SOC 2) with the same columns and a "Cross-Reference" column naming Annex A controls: those
/// tables were read as parts of the SoA, so every document of a NIS2 requirement was given the
/// controls its cross-reference names (47 wrong control → document pairs on a real repository).
/// A later table is part of the SoA only when its ids sit under the first table's control header.
#[test]
fn tables_of_other_frameworks_with_cross_references_are_not_the_soa() {
    let repo = repo();
    let md = "# Compliance\n\n## ISO 27001\n\n\
              | ISO 27001 Control | Summary | Evidence | Status |\n|---|---|---|---|\n\
              | A.5.1 | Policies | [Policy](policies/information-security-policy.md) | Implemented |\n\
              | A.5.2 | Roles | [Policy](policies/information-security-policy.md) | Implemented |\n\
              | A.5.3 | Segregation | [Access](policies/access-control.md) | Implemented |\n\n\
              ## NIS2\n\n\
              | NIS2 Requirement | Summary | Evidence | Status | Cross-Reference |\n|---|---|---|---|---|\n\
              | Art. 21(2)(a) | Risk analysis | [Remote](policies/remote-working.md) | Implemented | A.5.1, A.5.2 |\n\
              | Art. 21(2)(b) | Incidents | [Remote](policies/remote-working.md) | Implemented | A.5.3 |\n\
              | Art. 21(2)(c) | Continuity | [Assets](policies/asset-management.md) | Implemented | A.5.2 |\n";
    let (run, soa) = import(&repo, "SoA.md", md.as_bytes(), &[]);
    run.expect(0);
    assert_eq!(soa["sheets"], serde_json::json!(["table at line 5"]));
    let pairs: Vec<String> = soa["controls"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|c| {
            c["documents"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |d| format!("{} {}", c["control"], d["path"]))
        })
        .collect();
    assert!(
        pairs
            .iter()
            .all(|p| !p.contains("remote-working") && !p.contains("asset-management")),
        "{pairs:#?}"
    );
    assert_eq!(pairs.len(), 3, "{pairs:#?}");
}
