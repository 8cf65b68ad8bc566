//! The risk register, risk pages and exceptions in the interface language (issue 19): the
//! README's example built in German and Japanese, and a small register in French and German
//! for the singular forms. risks.csv stays English: ismsbook reads it back as a register.

mod common;

use common::*;
use std::path::Path;
use std::sync::OnceLock;

/// The example on 2026-12-06, in `lang`, built once per language for all tests.
struct Built {
    repo: Repo,
}

fn example(lang: &'static str) -> &'static Built {
    static DE: OnceLock<Built> = OnceLock::new();
    static JA: OnceLock<Built> = OnceLock::new();
    let cell = if lang == "de" { &DE } else { &JA };
    cell.get_or_init(|| {
        let repo = Repo::shared(&format!("i18n-risks-{lang}"));
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example"),
            repo.root(),
            &|rel| rel != "site",
        );
        let out = repo.out();
        let run = ismsbook(&[
            "build",
            &path_str(repo.root()),
            "-o",
            &path_str(&out),
            "--today",
            "2026-12-06",
            "--language",
            lang,
        ]);
        run.no_panic();
        // Overdue reviews in the example are errors: the site is written, the exit status is 1.
        run.expect(1);
        Built { repo }
    })
}

fn page(lang: &'static str, rel: &str) -> String {
    example(lang).repo.page(rel)
}

/// The page's `<main>`: the frame (navigation, footer) is another helper's.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("<main>");
    let end = html.find("</main>").expect("</main>");
    &html[start..end]
}

/// Labels of ours that must not be left in English on a translated register page.
const ENGLISH_REGISTER: &[&str] = &[
    "Risk register",
    "Likelihood",
    "Impact →",
    "heat map",
    "above appetite",
    "without acceptance",
    "overdue for review",
    "Risks by cell",
    "Colours of the heat maps",
    "at most half the appetite",
    "within the appetite",
    "above twice the appetite",
    "heavy outline",
    "Highest residual score first",
    ">Owner<",
    ">Treatment<",
    ">Inherent<",
    ">Residual<",
    ">Acceptance<",
    ">Next review<",
    ">mitigate<",
    ">accept<",
    ">transfer<",
    ">avoid<",
    "overdue by",
    " risks<",
];

#[test]
fn the_german_register_speaks_german_down_to_the_heat_map() {
    let html = page("de", "risks/index.html");
    assert!(html.contains("<title>Risikoregister · "), "page title");
    let main = main_of(&html);
    has_all(
        main,
        &[
            "<h1>Risikoregister</h1>",
            "Eintrittswahrscheinlichkeit und Auswirkung von 1 bis 5; ein Restrisiko",
            "über dem Risikoappetit von 9",
            "29 Risiken",
            "5 über dem Risikoappetit",
            "1 ohne Risikoakzeptanz",
            // German plural after a count of one: singular noun.
            "1 Überprüfung überfällig",
            // The heat maps: their headings, the SVG's own title and description, the axes.
            "<h2 id=\"inherent-heading\">Inhärentes Risiko</h2>",
            "<h2 id=\"residual-heading\">Restrisiko</h2>",
            "<title id=\"inherent-title\">Heatmap: Inhärentes Risiko</title>",
            "<title id=\"residual-title\">Heatmap: Restrisiko</title>",
            "29 Risiken dargestellt, davon 16 über dem Risikoappetit von 9.",
            ">Auswirkung →</text>",
            ">Eintrittswahrscheinlichkeit →</text>",
            // Cells: singular and plural.
            "aria-label=\"Eintrittswahrscheinlichkeit 4, Auswirkung 1: 1 Risiko\"",
            "aria-label=\"Eintrittswahrscheinlichkeit 4, Auswirkung 4: 4 Risiken\"",
            "<strong>Eintrittswahrscheinlichkeit 4 × Auswirkung 5 (Wert 20)</strong>",
            "Risiken je Feld",
            // The legend, for an appetite of 9 on a 5-point scale.
            "aria-label=\"Farben der Heatmaps\"",
            "1–4: höchstens die Hälfte des Risikoappetits",
            "5–9: innerhalb des Risikoappetits",
            "10–18: über dem Risikoappetit",
            "19–25: über dem doppelten Risikoappetit",
            "kräftiger Rahmen: über dem Risikoappetit",
            // The register table.
            "<th scope=\"col\">Risikoeigentümer</th><th scope=\"col\">Risikobehandlung</th>",
            "<th scope=\"col\">Nächste Überprüfung</th>",
            ">mindern<",
            ">akzeptieren<",
            ">übertragen<",
            ">vermeiden<",
            "<span class=\"badge badge-error\">über dem Risikoappetit</span>",
            // R-16's review, missed in September: dative plural and a German date.
            "16.09.2026 <span class=\"badge badge-error\">seit 81 Tagen überfällig</span>",
            // Acceptance dates as Germans write them.
            "COO, 26.08.2026",
        ],
    );
    has_none(main, ENGLISH_REGISTER);
    // Dates a reader sees are German; ISO dates are left only in author text, if anywhere.
    assert!(!main.contains("2026-08-26"), "{main}");
}

#[test]
fn a_german_risk_page_says_scores_reviews_and_acceptance_in_german() {
    let html = page("de", "risks/R-16.html");
    let main = main_of(&html);
    has_all(
        main,
        &[
            "aria-label=\"Navigationspfad\"",
            ">Handbuch</a> › <a href=\"../risks/index.html\">Risikoregister</a>",
            "<p class=\"doc-kind\">Risiko</p>",
            "<dt>Risikoeigentümer</dt>",
            "<dt>Risikobehandlung</dt><dd>mindern</dd>",
            "(Eintrittswahrscheinlichkeit 3 × Auswirkung 4)",
            "(Eintrittswahrscheinlichkeit 2 × Auswirkung 3)",
            "<dt>Risikoappetit</dt><dd>9</dd>",
            "<dt>Zuletzt überprüft</dt><dd>16.03.2026</dd>",
            "<dt>Nächste Überprüfung</dt><dd>16.09.2026 (alle 6 Monate) <span class=\"badge badge-error\">seit 81 Tagen überfällig</span>",
            "Maßnahmen der Risikobehandlung",
            "<th scope=\"col\">Maßnahme</th><th scope=\"col\">Umsetzungsstand</th><th scope=\"col\">Umgesetzt durch</th>",
        ],
    );
    has_none(
        main,
        &[
            "Breadcrumb",
            ">Handbook<",
            "Risk register",
            ">Risk<",
            "Inherent score",
            "Residual score",
            "likelihood",
            "Last reviewed",
            "Next review",
            "every 6 months",
            "Treatment controls",
            ">Implemented<",
            "Partially implemented",
            ">mitigate<",
        ],
    );
    // A risk without a residual rating says so; an accepted one names who and when.
    let r04 = page("de", "risks/R-04.html");
    has_all(
        main_of(&r04),
        &[
            "<dd>akzeptieren</dd>",
            "keine Bewertung des Restrisikos: gleich dem inhärenten Risiko",
            "<dt>Risikoakzeptanz</dt><dd>Head of Platform, 15.09.2026</dd>",
        ],
    );
    assert!(!r04.contains("no residual assessment"), "{r04}");
    // Exceptions naming a risk carry their German state.
    let r09 = page("de", "risks/R-09.html");
    has_all(
        main_of(&r09),
        &[
            "Ausnahmen zu diesem Risiko",
            "<th scope=\"col\">Ausnahme</th><th scope=\"col\">Läuft ab</th>",
            "30.06.2027 <span class=\"badge badge-ok\">in Kraft</span>",
        ],
    );
}

#[test]
fn german_exceptions_count_days_in_german() {
    let html = page("de", "exceptions.html");
    assert!(html.contains("<title>Ausnahmen · "), "page title");
    let main = main_of(&html);
    has_all(
        main,
        &[
            "<h1>Ausnahmen</h1>",
            "Freigegebene Abweichungen von Maßnahmen",
            "4 Ausnahmen",
            "<span class=\"badge badge-error\">1 abgelaufen</span>",
            "<span class=\"badge badge-warning\">1 läuft bald ab</span>",
            "<th scope=\"col\">Geltungsbereich</th><th scope=\"col\">Grund</th><th scope=\"col\">Kompensierende Maßnahmen</th>",
            // EX-02 ends on 20 December: fourteen days after 6 December, dative plural.
            "20.12.2026 <span class=\"badge badge-warning\">läuft in 14 Tagen ab</span>",
            "31.10.2026 <span class=\"badge badge-error\">abgelaufen</span>",
            "30.06.2027 <span class=\"badge badge-ok\">in Kraft</span>",
            "<span class=\"badge badge-error\">nicht freigegeben</span>",
            "CISO, 04.05.2026",
        ],
    );
    has_none(
        main,
        &[
            ">Exceptions<",
            "Approved deviations",
            "4 exceptions",
            "expiring",
            "expired",
            ">active<",
            "not approved",
            ">Scope<",
            ">Reason<",
            "Compensating controls",
            ">Expires<",
            "2026-12-20",
            "2026-05-04",
        ],
    );
}

#[test]
fn the_japanese_register_and_exceptions_read_in_japanese() {
    let html = page("ja", "risks/index.html");
    assert!(html.contains("<title>リスク登録簿 · "), "page title");
    let main = main_of(&html);
    has_all(
        main,
        &[
            "<h1>リスク登録簿</h1>",
            "リスク 29 件",
            "リスク選好超過 5 件",
            "<title id=\"inherent-title\">固有リスクのヒートマップ</title>",
            "<title id=\"residual-title\">残留リスクのヒートマップ</title>",
            ">影響度 →</text>",
            ">発生可能性 →</text>",
            "aria-label=\"発生可能性 4、影響度 4：4 件\"",
            "1–4：リスク選好の半分以下",
            "太枠：リスク選好を超過",
            "<th scope=\"col\">リスク所有者</th><th scope=\"col\">リスク対応</th><th scope=\"col\">固有</th><th scope=\"col\">残留</th>",
            ">低減<",
            ">受容<",
            ">移転<",
            ">回避<",
            "COO、2026年8月26日",
        ],
    );
    has_none(main, ENGLISH_REGISTER);
    let r16 = page("ja", "risks/R-16.html");
    has_all(
        main_of(&r16),
        &[
            "<dt>次回レビュー</dt><dd>2026年9月16日 （6 か月ごと）",
            "（発生可能性 2 × 影響度 3）",
            "<th scope=\"col\">実施状況</th>",
        ],
    );
    let ex = page("ja", "exceptions.html");
    let main = main_of(&ex);
    has_all(
        main,
        &[
            "<h1>例外</h1>",
            "例外 4 件",
            "2026年12月20日 <span class=\"badge badge-warning\">あと 14 日で期限切れ</span>",
            "2026年10月31日 <span class=\"badge badge-error\">期限切れ</span>",
            "<span class=\"badge badge-error\">未承認</span>",
            "<th scope=\"col\">補完的管理策</th>",
        ],
    );
    has_none(main, &["expiring", "expired", "not approved", "Expires"]);
}

#[test]
fn risks_csv_stays_english_in_every_language() {
    let csv = page("de", "risks.csv");
    let english = read(&example("ja").repo.out().join("risks.csv"));
    assert_eq!(csv, english, "risks.csv differs between languages");
    assert!(csv.contains("id,title,owner,likelihood,impact"), "{csv}");
    assert!(csv.contains(",mitigate,"), "{csv}");
    assert!(!csv.contains("mindern"), "{csv}");
}

/// A small register as a Windows editor saves it, for the forms the example does not reach:
/// an exception on its last day and one the day before, a risk never reviewed.
const EXCEPTIONS: &str = "\u{feff}# Ausnahmen / dérogations 🛡️\r\n\
- id: EX-1\r\n  title: Ancien serveur de paie\r\n  controls: [A.8.7]\r\n  approver: RSSI\r\n  approved_on: 2026-06-01\r\n  expires: 2026-11-30\r\n\
- id: EX-2\r\n  title: Compte partagé\r\n  controls: [A.5.16]\r\n  approver: RSSI\r\n  approved_on: 2026-06-01\r\n  expires: 2026-11-29\r\n";

const RISKS: &str = "- id: R-1\r\n  title: Vol de portable\r\n  likelihood: 2\r\n  impact: 3\r\n  treatment: transfer\r\n  controls: [A.8.1]\r\n";

fn small(config: &str) -> Repo {
    let repo = Repo::new();
    repo.write("ismsbook.toml", format!("{config}{QUIET_GLOBALS}"));
    repo.write("exceptions.yaml", EXCEPTIONS);
    repo.write("risks.yaml", RISKS);
    repo
}

#[test]
fn singular_days_today_and_never_reviewed_in_french_and_german() {
    // French from ismsbook.toml.
    let repo = small("language = \"fr\"\n");
    repo.build(&[]).no_panic();
    let ex = repo.page("exceptions.html");
    has_all(
        main_of(&ex),
        &[
            "2 dérogations",
            "30/11/2026 <span class=\"badge badge-warning\">expire dans 1 jour</span>",
            "29/11/2026 <span class=\"badge badge-warning\">expire aujourd&#x27;hui</span>",
            "RSSI, 01/06/2026",
        ],
    );
    let index = repo.page("risks/index.html");
    has_all(
        main_of(&index),
        &[
            "<h1>Registre des risques</h1>",
            "<p>1 risque ·",
            ">transférer<",
            "<span class=\"badge badge-error\">jamais revu</span>",
            "aria-label=\"Vraisemblance 2, impact 3 : 1 risque\"",
        ],
    );
    has_none(main_of(&index), &["never reviewed", ">transfer<"]);
    let r1 = repo.page("risks/R-1.html");
    has_all(
        main_of(&r1),
        &[
            "<dt>Traitement</dt><dd>transférer</dd>",
            "(tous les 12 mois)",
            "jamais revu",
        ],
    );
    // German from the command line, over the file's French.
    let out = repo.tmp().join("de");
    repo.build_to(&out, &["--language", "de"]).no_panic();
    let ex = read(&out.join("exceptions.html"));
    has_all(
        main_of(&ex),
        &[
            "2 Ausnahmen",
            "<span class=\"badge badge-warning\">2 laufen bald ab</span>",
            "30.11.2026 <span class=\"badge badge-warning\">läuft in 1 Tag ab</span>",
            "29.11.2026 <span class=\"badge badge-warning\">läuft heute ab</span>",
        ],
    );
    let index = read(&out.join("risks/index.html"));
    has_all(
        main_of(&index),
        &[
            "<p>1 Risiko ·",
            "<span class=\"badge badge-error\">nie überprüft</span>",
        ],
    );
}
