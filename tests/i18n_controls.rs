//! The controls, the Statement of Applicability and the frameworks in the site's language: the
//! example handbook built in German and Japanese, its pages and spreadsheets read as a reader
//! (and Excel) sees them, and the German `soa.csv` imported back with `adopt --soa`, which must
//! find nothing to change. handbook.json stays English.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

const DAY: &str = "2026-12-06";

/// The example handbook, copied and built in `lang` to `<tmp>/out-<lang>`.
fn built(lang: &str) -> (Repo, PathBuf) {
    let repo = Repo::copy_of(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example"),
        &|rel| rel != "site",
    );
    let out = repo.tmp().join(format!("out-{lang}"));
    let run = ismsbook(&[
        "build",
        &path_str(repo.root()),
        "-o",
        &path_str(&out),
        "--today",
        DAY,
        "--language",
        lang,
    ]);
    // The example has findings on purpose (exit 1); the site is written all the same.
    run.no_panic();
    assert!(out.join("soa.html").is_file(), "{}", run.stderr);
    (repo, out)
}

/// A page's `<main>`, where the words of ours are (the findings' messages stay English).
fn main_of(out: &Path, page: &str) -> String {
    let html = read(&out.join(page));
    let start = html.find("<main").unwrap_or(0);
    let end = html.find("</main>").unwrap_or(html.len());
    let main = &html[start..end];
    // Finding messages are English on purpose: leave their list out.
    match main.find("isb-findings") {
        Some(at) => main[..at].to_owned(),
        None => main.to_owned(),
    }
}

fn has(text: &str, want: &str, what: &str) {
    assert!(text.contains(want), "{what}: no {want:?} in\n{text}");
}

/// English labels of these pages that must not be left on a translated one.
const ENGLISH: &[&str] = &[
    "Statement of Applicability",
    "Annex A controls",
    "Organizational controls",
    "Technological controls",
    "Partially implemented",
    ">Implemented by<",
    ">Justification<",
    ">Next review<",
    ">Applicable<",
    ">Owners<",
    "Implemented by the documents listed",
    "Treats R-",
    "Download as Excel",
    "Risks treated",
    "Exceptions in force",
    "Mapped controls in other frameworks",
    "above appetite",
    "No approved document implements",
    "Covered via mapping",
    "Not covered",
    "Crosswalks",
    "Documents × frameworks",
    "Withdrawn controls",
    "Id in documents",
    "Breadcrumb",
    ">Handbook<",
    "Control type",
    " document<",
    " documents<",
    "Annex A<",
    "(entry read from the other side)",
];

const PAGES: &[&str] = &[
    "soa.html",
    "controls/index.html",
    "controls/A.5.7.html",
    "controls/A.5.3.html",
    "frameworks/index.html",
    "frameworks/csf/index.html",
    "frameworks/csf/GV.OC-02.html",
    "frameworks/matrix.html",
];

fn no_english(out: &Path) {
    for page in PAGES {
        let main = main_of(out, page);
        for word in ENGLISH {
            assert!(!main.contains(word), "{page} still says {word:?}:\n{main}");
        }
    }
}

fn first_line(bytes: &[u8]) -> String {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    text.lines().next().unwrap_or_default().to_owned()
}

fn csv_row(out: &Path, file: &str, id: &str) -> String {
    let text = read(&out.join(file));
    text.lines()
        .find(|l| l.starts_with(&format!("{id},")))
        .unwrap_or_else(|| panic!("{file} has no row {id}"))
        .to_owned()
}

/// `adopt --soa` of the build's own export: nothing to change, nothing reported.
fn round_trips(repo: &Repo, soa: &Path) {
    let before = snapshot(repo.root());
    let run = ismsbook(&[
        "adopt",
        &path_str(repo.root()),
        "--soa",
        &path_str(soa),
        "--today",
        DAY,
        "--write",
    ]);
    run.expect(0);
    assert!(
        run.stdout.contains("no file changes"),
        "{}: {}",
        soa.display(),
        run.stdout
    );
    assert_eq!(snapshot(repo.root()), before, "{}", run.stdout);
    let run = ismsbook(&[
        "adopt",
        &path_str(repo.root()),
        "--soa",
        &path_str(soa),
        "--today",
        DAY,
        "--format",
        "json",
    ]);
    run.expect(0);
    let out: Value = serde_json::from_str(&run.stdout).unwrap();
    let soa_out = &out["soa"];
    assert_eq!(soa_out["controls"].as_array().map(Vec::len), Some(93));
    for key in ["reported", "unresolved"] {
        assert_eq!(
            soa_out[key].as_array().map(Vec::len),
            Some(0),
            "{key}: {:#}",
            soa_out[key]
        );
    }
    // Every column of the export is known: the theme, owners, review and exceptions are
    // deliberately not imported, nothing is unknown.
    let ignored: Vec<&str> = soa_out["layout"]["ignored"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["header"].as_str())
        .collect();
    assert_eq!(ignored.len(), 4, "{:#}", soa_out["layout"]);
}

#[test]
fn german_controls_soa_and_frameworks() {
    let (repo, out) = built("de");

    let soa = main_of(&out, "soa.html");
    has(&soa, "<h1>Anwendbarkeitserklärung</h1>", "soa.html");
    has(&soa, "<dt>Erstellt</dt><dd>06.12.2026</dd>", "soa.html");
    has(&soa, "ISO/IEC 27001:2022, Anhang A", "soa.html");
    has(&soa, "A.5 Organisatorische Maßnahmen", "soa.html");
    has(&soa, "<th scope=\"col\">Umsetzungsstand</th>", "soa.html");
    has(&soa, "Teilweise umgesetzt", "soa.html");
    has(
        &soa,
        "Umgesetzt durch die aufgeführten Dokumente. Behandelt R-16",
        "soa.html",
    );
    has(&soa, "Als Excel-Arbeitsmappe herunterladen", "soa.html");

    // The spreadsheets: translated headers, words and dates.
    assert_eq!(
        first_line(&std::fs::read(out.join("soa.csv")).unwrap()),
        "\u{feff}Maßnahme,Thema,Titel,Anwendbar,Begründung,Umsetzungsstand,Umsetzende Dokumente,Verantwortliche,Nächste Überprüfung,Ausnahmen"
    );
    assert_eq!(
        csv_row(&out, "soa.csv", "A.5.1"),
        "A.5.1,Organisatorische Maßnahmen,Policies for information security,Ja,Umgesetzt durch die aufgeführten Dokumente,Umgesetzt,POL-001 Information Security Policy,CISO,10.02.2027,"
    );
    assert_eq!(
        first_line(&std::fs::read(out.join("frameworks/csf/applicability.csv")).unwrap()),
        "\u{feff}Maßnahme,Gruppe,Titel,Anwendbar,Begründung,Umsetzungsstand,Abdeckung,Umsetzende Dokumente,Zugeordnet über"
    );
    {
        use calamine::{open_workbook, Data, Reader, Xlsx};
        let mut book: Xlsx<_> = open_workbook(out.join("soa.xlsx")).unwrap();
        assert_eq!(book.sheet_names(), ["Anwendbarkeitserklärung"]);
        let range = book.worksheet_range("Anwendbarkeitserklärung").unwrap();
        assert_eq!(
            range.get((0, 5)),
            Some(&Data::String("Umsetzungsstand".into()))
        );
        assert_eq!(range.get((1, 3)), Some(&Data::String("Ja".into())));
    }

    let controls = main_of(&out, "controls/index.html");
    has(&controls, "<h1>Maßnahmen nach Anhang A</h1>", "controls");
    has(&controls, "78 von 88 anwendbaren Maßnahmen", "controls");
    has(&controls, ">1 Dokument<", "controls");
    has(&controls, ">2 Dokumente<", "controls");
    has(&controls, ">ohne Dokument<", "controls");

    let a57 = main_of(&out, "controls/A.5.7.html");
    has(&a57, "<dt>Umsetzungsstand</dt><dd>Geplant</dd>", "A.5.7");
    has(&a57, "<dt>Begründung</dt>", "A.5.7");
    has(&a57, "<dt>Art der Maßnahme</dt>", "A.5.7");
    has(&a57, "Behandelte Risiken", "A.5.7");
    has(&a57, "über dem Risikoappetit", "A.5.7");
    has(&a57, "Zugeordnete Maßnahmen anderer Regelwerke", "A.5.7");
    has(&a57, "deckt teilweise ab", "A.5.7");
    has(
        &a57,
        "Kein freigegebenes Dokument setzt diese Maßnahme um.",
        "A.5.7",
    );
    // Control titles stay as the catalog gives them.
    has(&a57, "Threat intelligence", "A.5.7");

    let fws = main_of(&out, "frameworks/index.html");
    has(&fws, "<h1>Regelwerke</h1>", "frameworks");
    has(&fws, "ISO/IEC 27001:2022 Anhang A", "frameworks");
    has(&fws, "Über Zuordnung abgedeckt", "frameworks");
    has(&fws, "Zuordnungstabellen", "frameworks");
    let csf = main_of(&out, "frameworks/csf/index.html");
    has(&csf, "Präfix <code>csf</code>", "csf");
    has(&csf, "(1 nicht anwendbar)", "csf");
    let gv = main_of(&out, "frameworks/csf/GV.OC-02.html");
    has(&gv, "<dt>Kennung in Dokumenten</dt>", "GV.OC-02");
    has(&gv, "<dt>Abdeckung</dt>", "GV.OC-02");
    let matrix = main_of(&out, "frameworks/matrix.html");
    has(&matrix, "<h1>Dokumente × Regelwerke</h1>", "matrix");
    has(&matrix, ">freigegeben</span>", "matrix");

    no_english(&out);

    // Machine-readable: handbook.json's SoA stays English.
    let json: Value = serde_json::from_str(&read(&out.join("handbook.json"))).unwrap();
    assert_eq!(json["soa"][0]["theme"], "Organizational controls");
    assert_eq!(json["soa"][0]["status"], "Implemented");
    assert_eq!(
        json["soa"][0]["justification"],
        "Implemented by the documents listed"
    );

    // An SoA exported in German reads back with no changes.
    round_trips(&repo, &out.join("soa.csv"));
    round_trips(&repo, &out.join("soa.xlsx"));
}

#[test]
fn japanese_controls_soa_and_frameworks() {
    let (repo, out) = built("ja");

    let soa = main_of(&out, "soa.html");
    has(&soa, "<h1>適用宣言書</h1>", "soa.html");
    has(&soa, "2026年12月6日", "soa.html");
    has(&soa, "A.5 組織的管理策", "soa.html");
    has(&soa, "一部実施", "soa.html");
    assert_eq!(
        first_line(&std::fs::read(out.join("soa.csv")).unwrap()),
        "\u{feff}管理策,テーマ,タイトル,適用可否,根拠,実施状況,実施文書,責任者,次回レビュー,例外"
    );
    assert!(csv_row(&out, "soa.csv", "A.5.1")
        .contains(",組織的管理策,Policies for information security,適用,"));

    let a57 = main_of(&out, "controls/A.5.7.html");
    has(&a57, "<dt>実施状況</dt><dd>計画中</dd>", "A.5.7");
    has(&a57, "<dt>根拠</dt>", "A.5.7");
    has(&a57, "対応するリスク", "A.5.7");
    let controls = main_of(&out, "controls/index.html");
    has(&controls, "1 件の文書", "controls");
    let fws = main_of(&out, "frameworks/index.html");
    has(&fws, "<h1>フレームワーク</h1>", "frameworks");
    has(&fws, "マッピングにより充足", "frameworks");

    no_english(&out);
    round_trips(&repo, &out.join("soa.csv"));
}
