//! The dashboard, the sidebar and the search index in the interface language (issue 19):
//! `content-example/` built with `--language de` and `--language ja` on 2026-12-06. Card labels
//! and notes, plurals, month names in the timeline, dates as the language writes them, the
//! sidebar's group labels (`nav.js`) and the kinds in `search-index.js`.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const TODAY: &str = "2026-12-06";

/// The example copied once for every build of this file.
fn example() -> &'static Repo {
    static REPO: OnceLock<Repo> = OnceLock::new();
    REPO.get_or_init(|| {
        let repo = Repo::shared("i18n-dashboard");
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example");
        copy_dir(&src, repo.root(), &|rel| rel != "site");
        repo
    })
}

/// The example built in `lang` as of `today`, into its own folder.
fn build(lang: &str, today: &str) -> PathBuf {
    let repo = example();
    let out = repo.tmp().join(format!("out-{lang}-{today}"));
    let run = ismsbook(&[
        "build",
        &path_str(repo.root()),
        "-o",
        &path_str(&out),
        "--today",
        today,
        "--language",
        lang,
    ]);
    // The example has findings of severity error on purpose: exit 1, site written.
    run.expect(1);
    out
}

fn german() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| build("de", TODAY))
}

fn japanese() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| build("ja", TODAY))
}

/// The dashboard without its findings list, whose messages stay English on purpose.
fn dashboard(out: &Path) -> String {
    let html = read(&out.join("index.html"));
    let end = html
        .find("<section class=\"findings\"")
        .expect("the example's dashboard lists findings");
    html[..end].to_owned()
}

/// Our English labels of the dashboard, none of which is an id, a title or a name in the
/// example's content.
const ENGLISH: &[&str] = &[
    ">Dashboard",
    "Information Security Management System of",
    "aria-label=\"Summary\"",
    "Annex A controls covered",
    "of applicable controls implemented",
    " applicable, ",
    " excluded, ",
    " unmapped<",
    ">documents<",
    " approved, ",
    " retired<",
    "overdue reviews",
    "due within",
    "risks above appetite",
    "not accepted",
    "risk review overdue",
    "in the register",
    "exceptions in force",
    " expiring within ",
    " in total",
    ">errors<",
    " warnings<",
    "What falls due",
    "Overdue",
    "document review",
    "risk review",
    "exception expir",
    "expired exception",
    "December",
    "January",
    ">Dec<",
    ">Mar<",
    "the first column is everything past due",
    ">Month<",
    "Risks above appetite",
    "Residual score",
    ">Owner<",
    ">Accepted<",
    ">Review due<",
    "never reviewed",
    ">Framework<",
    ">Coverage<",
    ">Implemented<",
    ">Via mapping<",
    ">Partially via mapping<",
    ">Not covered<",
    ">Applicable<",
    "% implemented",
    "with coverage via mapping",
    ">Document<",
    "Reviews due within",
    "Unmapped controls",
    "Applicable controls that no approved document implements",
    "overdue by",
    "due in ",
];

#[test]
fn the_german_dashboard_says_everything_in_german() {
    let html = dashboard(german());
    has_all(
        &html,
        &[
            "<title>Übersicht · Northwind Analytics ISMS Handbook</title>",
            "Informationssicherheitsmanagementsystem von Northwind Analytics Ltd, ISO/IEC 27001:2022.",
            "aria-label=\"Zusammenfassung\"",
            "Maßnahmen aus Anhang A abgedeckt",
            "aria-label=\"88 % der anwendbaren Maßnahmen umgesetzt\"",
            "88 anwendbar, 5 ausgeschlossen, 10 ohne Dokument",
            // A plural of a noun in a note: two drafts are "Entwürfe".
            "40 freigegeben, 2 Entwürfe, 1 außer Kraft",
            "überfällige Überprüfungen",
            "2 fällig innerhalb von 30 Tagen",
            // One overdue risk review, 29 risks: singular and plural in one note.
            "1 nicht akzeptiert, 1 Risikoüberprüfung überfällig, 29 Risiken im Register",
            "geltende Ausnahmen",
            "1 abgelaufen, 1 läuft innerhalb von 30 Tagen ab, 4 insgesamt",
            "54 Warnungen",
            "Risiken über dem Risikoappetit",
            "Restrisiko über dem Risikoappetit von 9; jedes braucht die Risikoakzeptanz seines Risikoeigentümers",
            ">nicht akzeptiert<",
            // Acceptance and review dates as Germans write them.
            "CEO, 28.10.2026",
            "Überfällige Risikoüberprüfungen",
            "<td>16.09.2026</td>",
            "seit 81 Tagen überfällig",
            "Überfällige Überprüfungen",
            "<td>10.04.2026</td>",
            "seit 240 Tagen überfällig",
            "Überprüfungen, die innerhalb von 30 Tagen fällig werden",
            "<td>15.12.2026</td>",
            "fällig in 9 Tagen",
            "Maßnahmen ohne Dokument",
            "Anwendbare Maßnahmen, die kein freigegebenes Dokument umsetzt.",
            ">Regelwerk<",
            ">Teilweise über Zuordnung<",
            "aria-label=\"42 % umgesetzt, 64 % über Zuordnung abgedeckt\"",
        ],
    );
    has_none(&html, ENGLISH);
    // Dates in reader-visible text are never ISO (ids and titles hold none).
    assert!(!html.contains(">2026-"), "an ISO date is left:\n{html}");
}

#[test]
fn the_german_timeline_names_the_months_and_counts_in_german() {
    let html = dashboard(german());
    let timeline = section(&html, "isb-timeline");
    has_all(
        timeline,
        &[
            "<title>Überfällig: 3 Dokumentüberprüfungen, 1 Risikoüberprüfung, 1 abgelaufene Ausnahme</title>",
            "<title>Dezember 2026: 2 Dokumentüberprüfungen, 1 ablaufende Ausnahme</title>",
            "<title>Juli 2027: 1 Dokumentüberprüfung, 8 Risikoüberprüfungen</title>",
            // Under the bars: short names, the overdue column's own short word.
            ">Verzug</text>",
            ">Dez</text>",
            ">Mär</text>",
            ">Okt</text>",
            "aria-label=\"Was fällig wird – jetzt überfällig: 3 Dokumentüberprüfungen, 1 Risikoüberprüfung, 1 abgelaufene Ausnahme; von Dezember 2026 bis November 2027: 37 Dokumentüberprüfungen, 28 Risikoüberprüfungen, 3 ablaufende Ausnahmen.\"",
            "ablaufende Ausnahmen; die erste Spalte zeigt alles bereits Fällige",
            // The table a screen reader reads instead of the picture.
            "<caption>Was fällig wird, nach Monat</caption>",
            "<th scope=\"col\">Monat</th><th scope=\"col\">Dokumentüberprüfungen</th>",
            "<th scope=\"row\">März 2027</th><td>5</td><td>2</td><td>1</td>",
            "<th scope=\"row\">Überfällig</th>",
        ],
    );
}

#[test]
fn one_day_is_singular_in_german() {
    // On 2026-10-01 the Supplier Register (review due 2026-09-30) is one day overdue.
    let out = build("de", "2026-10-01");
    let html = dashboard(&out);
    let overdue = section(&html, "overdue");
    has_all(
        overdue,
        &["<td>30.09.2026</td><td><span class=\"badge badge-error\">seit 1 Tag überfällig</span>"],
    );
    has_all(&html, &["seit 15 Tagen überfällig"]);
    has_none(&html, &["seit 1 Tagen", "overdue by"]);
}

#[test]
fn the_japanese_dashboard_says_everything_in_japanese() {
    let html = dashboard(japanese());
    has_all(
        &html,
        &[
            "<title>ダッシュボード · Northwind Analytics ISMS Handbook</title>",
            "対応済みの附属書A管理策",
            "適用 88、適用除外 5、文書なし 10",
            "承認済み 40、下書き 2、廃止 1",
            "未受容 1 件、期限超過のリスクレビュー 1 件、登録簿のリスク 29 件",
            "リスク選好を超えるリスク",
            "CEO、2026年10月28日",
            "<td>2026年4月10日</td>",
            "240日超過",
            "<title>2026年12月：文書レビュー 2 件、例外の期限 1 件</title>",
            "<th scope=\"row\">2027年3月</th>",
            ">12月</text>",
            ">超過</text>",
            "期限超過のレビュー",
            "文書のない管理策",
        ],
    );
    has_none(&html, ENGLISH);
    assert!(!html.contains(">2026-"), "an ISO date is left:\n{html}");
}

#[test]
fn the_sidebar_groups_are_named_in_the_language() {
    let de = read(&german().join("assets/nav.js"));
    has_all(
        &de,
        &[
            "\"label\":\"Richtlinien\"",
            "\"label\":\"Verfahrensanweisungen\"",
            "\"label\":\"Verzeichnisse\"",
        ],
    );
    has_none(&de, &["Policies", "Procedures", "Registers", "Records"]);
    let ja = read(&japanese().join("assets/nav.js"));
    has_all(&ja, &["\"label\":\"方針\"", "\"label\":\"手順書\""]);
    has_none(&ja, &["Policies", "Procedures"]);
}

#[test]
fn search_results_say_what_each_entry_is_in_the_language() {
    let de = read(&german().join("search-index.js"));
    has_all(
        &de,
        &[
            "\"k\":\"Richtlinie\"",
            "\"k\":\"Maßnahme\"",
            "\"k\":\"Risiko\"",
            "\"s\":\"Organisatorische Maßnahmen\"",
            "\"s\":\"Risikobehandlung: mindern · Restrisiko 10\"",
        ],
    );
    has_none(
        &de,
        &[
            "\"k\":\"Policy\"",
            "\"k\":\"Control\"",
            "\"k\":\"Risk\"",
            "Organizational controls",
            "Treatment:",
            "· residual",
        ],
    );
    // The register's own word is still found, and so is the translated one.
    assert!(de.contains("\"w\":\"mitigate mindern\""), "{de}");
    let ja = read(&japanese().join("search-index.js"));
    has_all(
        &ja,
        &[
            "\"k\":\"方針\"",
            "\"k\":\"管理策\"",
            "\"k\":\"リスク\"",
            "\"s\":\"組織的管理策\"",
        ],
    );
    has_none(&ja, &["\"k\":\"Control\"", "\"k\":\"Policy\""]);
}
