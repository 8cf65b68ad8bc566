//! The document pages, the document list, owners, the review calendar (page and reviews.ics)
//! and print.html in the interface language: the example handbook built in German, French and
//! Japanese says our words in that language, dates as that language writes them, and none of
//! the English labels is left (document text, ids and control titles stay as written).

mod common;

use common::*;
use std::path::Path;
use std::sync::OnceLock;

/// The day the sites are judged on: POL-009 is then 240 days overdue, POL-006 due in 9 days.
const DAY: &str = "2026-12-06";

struct Site {
    _repo: Repo,
    out: std::path::PathBuf,
}

impl Site {
    fn page(&self, rel: &str) -> String {
        read(&self.out.join(rel))
    }

    /// A page without the documents' own text (their bodies are English in the example, and
    /// may say "Owner" or "Yes" in a table of their own).
    fn chrome(&self, rel: &str) -> String {
        let html = self.page(rel);
        let mut out = String::with_capacity(html.len());
        let mut rest = html.as_str();
        while let Some(at) = rest.find("<div class=\"body\">") {
            out.push_str(&rest[..at]);
            rest = match rest[at..].find("</article>") {
                Some(end) => &rest[at + end..],
                None => "",
            };
        }
        out.push_str(rest);
        out
    }

    /// reviews.ics with its folded lines joined (RFC 5545 3.1).
    fn ics(&self) -> String {
        self.page("reviews.ics").replace("\r\n ", "")
    }
}

/// content-example built once per language (in a copy, without a previously built site).
fn site(lang: &str) -> &'static Site {
    static SITES: [OnceLock<Site>; 4] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    let slot = match lang {
        "de" => 0,
        "ja" => 1,
        "fr" => 2,
        _ => 3,
    };
    SITES[slot].get_or_init(|| {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example");
        let repo = Repo::copy_of(&src, &|rel| rel != "site");
        let out = repo.tmp().join(format!("out-{lang}"));
        let mut args = vec![
            "build".to_owned(),
            path_str(repo.root()),
            "-o".into(),
            path_str(&out),
            "--today".into(),
            DAY.into(),
        ];
        if lang != "en" {
            args.extend(["--language".to_owned(), lang.to_owned()]);
        }
        let run = ismsbook(&args);
        run.no_panic();
        assert!(
            out.join("print.html").exists(),
            "the {lang} site was written: {}",
            run.stderr
        );
        Site { _repo: repo, out }
    })
}

/// The pages of this area, as readers see them around the documents' text.
const PAGES: &[&str] = &[
    "policies/acceptable-use.html",
    "policies/clear-desk.html",
    "plans/risk-treatment-plan.html",
    "registers/risk-register.html",
    "documents/index.html",
    "owners.html",
    "reviews.html",
    "print.html",
];

/// Our English labels, as element text: none may be left on a translated page.
const ENGLISH: &[&str] = &[
    ">Owner<",
    ">Classification<",
    ">Approved by<",
    ">Last reviewed<",
    ">Next review<",
    ">Controls<",
    ">Other frameworks<",
    ">Clauses<",
    ">Tags<",
    ">Source<",
    ">Last changed<",
    ">On this page<",
    ">Related documents<",
    ">Referenced by<",
    ">Handbook<",
    ">Documents<",
    ">Owners<",
    ">Document<",
    ">Id<",
    ">Title<",
    ">approved<",
    ">draft<",
    ">internal<",
    ">public<",
    ">confidential<",
    ">Confidential<",
    ">Restricted<",
    ">Review calendar<",
    ">Overdue<",
    ">Later<",
    ">None.<",
    ">By owner<",
    ">Next 30 days<",
    ">31–90 days<",
    "Due in the next 30 days",
    "grouped by type",
    "Who is accountable",
    " overdue</span>",
    " due soon</span>",
    "Reviews judged as of",
    "(printable)",
    "Information Security Management System<",
    ">Generated<",
    ">Contents<",
    ">Statement of Applicability<",
    ">Control<",
    ">Applicable<",
    ">Justification<",
    ">Implemented by<",
    ">Yes<",
    ">No<",
    ">Approved<",
    ">Reviewed<",
    "(next ",
    "Back to the handbook",
    "to save a PDF",
    "Draft: not approved",
    "Retired: kept for reference",
    "front matter is invalid",
    "No other document links here",
];

/// Words a language writes as English does.
fn same_word(lang: &str, label: &str) -> bool {
    let fr: &[&str] = &[
        ">Classification<",
        ">Source<",
        ">Document<",
        ">Documents<",
        ">Applicable<",
        ">Justification<",
        ">public<",
        "\\nDocument: ",
    ];
    lang == "fr" && fr.contains(&label)
}

fn assert_no_english(lang: &str) {
    let s = site(lang);
    for page in PAGES {
        let html = s.chrome(page);
        for english in ENGLISH.iter().filter(|e| !same_word(lang, e)) {
            assert!(
                !html.contains(english),
                "{lang} {page} still says {english:?}"
            );
        }
    }
    let ics = s.ics();
    for english in [
        "SUMMARY:Review ",
        "Owner: ",
        "\\nDocument: ",
        "ISMS review",
        " reviews\r\n",
    ]
    .into_iter()
    .filter(|e| !same_word(lang, e))
    {
        assert!(
            !ics.contains(english),
            "{lang} reviews.ics says {english:?}"
        );
    }
}

#[test]
fn a_german_document_page_speaks_german_with_german_dates() {
    let s = site("de");
    let page = s.chrome("policies/acceptable-use.html");
    for expected in [
        "aria-label=\"Navigationspfad\"><a href=\"../index.html\">Handbuch</a> › <a href=\"../documents/index.html\">Dokumente</a>",
        "<p class=\"doc-kind\">Richtlinie · ",
        "<dt>Verantwortlich</dt><dd>it-ops@northwind.example</dd>",
        "<dt>Status</dt><dd><span class=\"badge badge-approved\">freigegeben</span></dd>",
        "<dt>Klassifizierung</dt><dd>intern</dd>",
        "<dt>Freigegeben von</dt><dd>ISMS Steering Group am 13.05.2026</dd>",
        "<dt>Zuletzt überprüft</dt><dd>06.05.2026</dd>",
        "<dt>Nächste Überprüfung</dt><dd>06.05.2027</dd>",
        "<dt>Maßnahmen</dt>",
        "<h2>Auf dieser Seite</h2>",
        "<h2 id=\"isb-related\">Mitgeltende Dokumente</h2>",
        "<h2 id=\"isb-backlinks\">Referenziert von</h2>",
    ] {
        assert!(page.contains(expected), "{expected}\n{page}");
    }
    // An overdue review: the badge's plural in the dative ("seit 240 Tagen").
    let overdue = s.chrome("policies/clear-desk.html");
    assert!(
        overdue.contains(
            "<dt>Nächste Überprüfung</dt><dd>10.04.2026 <span class=\"badge badge-error\">seit 240 Tagen überfällig</span>"
        ),
        "{overdue}"
    );
    // Confidential and restricted documents carry their banner in German.
    assert!(s
        .chrome("plans/risk-treatment-plan.html")
        .contains("<div class=\"banner banner-confidential\" role=\"note\">Vertraulich</div>"));
    assert!(s.chrome("registers/risk-register.html").contains(
        "<div class=\"banner banner-restricted\" role=\"note\">Streng vertraulich</div>"
    ));
}

#[test]
fn german_lists_owners_and_review_calendar() {
    let s = site("de");
    let list = s.chrome("documents/index.html");
    assert!(list.contains("<title>Dokumente"), "{list}");
    assert!(list.contains("<h1>Dokumente</h1>"), "{list}");
    assert!(
        list.contains("<p class=\"lead\">41 Dokumente, nach Dokumentart gruppiert.</p>"),
        "{list}"
    );
    assert!(
        list.contains("<h2 id=\"type-policy\">Richtlinien <span class=\"count\">12</span></h2>")
    );
    assert!(list.contains("<th scope=\"col\">Nächste Überprüfung</th>"));
    assert!(list.contains(
        "<span class=\"badge badge-approved\">freigegeben</span></td><td>10.02.2027</td>"
    ));

    let owners = s.chrome("owners.html");
    assert!(owners.contains("<h1>Verantwortliche</h1>"), "{owners}");
    assert!(owners.contains("Wer für welches Dokument verantwortlich ist"));
    assert!(owners.contains("<span class=\"badge badge-error\">1 überfällig</span>"));

    let reviews = s.chrome("reviews.html");
    assert!(reviews.contains("<title>Überprüfungskalender"), "{reviews}");
    assert!(reviews.contains(
        "<p class=\"lead\">Überprüfungen mit Stand 06.12.2026. Abonnieren Sie <a href=\"reviews.ics\">reviews.ics</a> in Ihrer Kalender-App"
    ));
    assert!(reviews
        .contains("<h2 id=\"reviews-overdue\">Überfällig <span class=\"count\">3</span></h2>"));
    assert!(reviews.contains("Fällig in den nächsten 30 Tagen"));
    assert!(reviews.contains(
        "<td>10.04.2026</td><td><span class=\"badge badge-error\">seit 240 Tagen überfällig</span>"
    ));
    assert!(reviews.contains("<span class=\"badge badge-warning\">fällig in 9 Tagen</span>"));
    assert!(reviews.contains("<h2 id=\"reviews-by-owner\">Nach Verantwortlichen</h2>"));
}

#[test]
fn german_print_view() {
    let print = site("de").chrome("print.html");
    for expected in [
        "<html lang=\"de\"",
        "<title>Northwind Analytics ISMS Handbook (Druckfassung)</title>",
        "<p class=\"doc-kind\">Informationssicherheitsmanagementsystem</p>",
        "<dt>Erstellt</dt><dd>06.12.2026</dd>",
        "<h2 id=\"isb-print-toc\">Inhaltsverzeichnis</h2>",
        "<h1 id=\"isb-print-soa-title\">Anwendbarkeitserklärung</h1>",
        "<th scope=\"col\">Maßnahme</th><th scope=\"col\">Anwendbar</th><th scope=\"col\">Begründung</th>",
        "<td>Ja</td>",
        "<tr><th scope=\"row\">Status</th><td>freigegeben</td><th scope=\"row\">Klassifizierung</th><td>öffentlich</td></tr>",
        "<th scope=\"row\">Überprüft</th><td>10.02.2026 (nächste 10.02.2027)</td>",
        "<div class=\"banner banner-confidential\">vertraulich</div>",
    ] {
        assert!(print.contains(expected), "{expected}");
    }
}

#[test]
fn german_calendar_events_say_what_they_are_in_german() {
    let ics = site("de").ics();
    for expected in [
        "X-WR-CALNAME:Northwind Analytics ISMS Handbook: Überprüfungen\r\n",
        "SUMMARY;LANGUAGE=de:Überprüfung POL-009 Clear Desk and Clear Screen Policy\r\n",
        "DESCRIPTION;LANGUAGE=de:Verantwortlich: CISO\\nDokument: policies/clear-desk.md\\nVersion: 1.1\r\n",
        "CATEGORIES;LANGUAGE=de:ISMS-Überprüfung\r\n",
        "SUMMARY;LANGUAGE=de:Ausnahme EX-01 läuft ab: ",
        "DESCRIPTION;LANGUAGE=de:Letzter Gültigkeitstag der Ausnahme.",
        "\\nMaßnahmen: A.5.16\\, A.8.5\\nGeltungsbereich: ",
    ] {
        assert!(ics.contains(expected), "{expected}\n{ics}");
    }
    // Still a valid calendar: every content line within 75 octets.
    for line in site("de").page("reviews.ics").split("\r\n") {
        assert!(line.len() <= 75, "{line:?}");
    }
}

#[test]
fn no_english_label_is_left_in_german_french_or_japanese() {
    for lang in ["de", "fr", "ja"] {
        assert_no_english(lang);
    }
}

#[test]
fn french_and_japanese_pages() {
    let fr = site("fr");
    let page = fr.chrome("policies/acceptable-use.html");
    assert!(
        page.contains("<dt>Prochaine revue</dt><dd>06/05/2027</dd>"),
        "{page}"
    );
    assert!(page.contains("<span class=\"badge badge-approved\">approuvé</span>"));
    assert!(page.contains("<dt>Approuvé par</dt><dd>ISMS Steering Group le 13/05/2026</dd>"));
    assert!(fr
        .chrome("documents/index.html")
        .contains("41 documents, regroupés par type."));
    assert!(fr
        .chrome("reviews.html")
        .contains("<h1>Calendrier des revues</h1>"));
    assert!(fr
        .ics()
        .contains("SUMMARY;LANGUAGE=fr:Revue POL-009 Clear Desk and Clear Screen Policy\r\n"));

    let ja = site("ja");
    let page = ja.chrome("policies/acceptable-use.html");
    assert!(
        page.contains("<dt>次回レビュー</dt><dd>2027年5月6日</dd>"),
        "{page}"
    );
    assert!(page.contains("<span class=\"badge badge-approved\">承認済み</span>"));
    assert!(page.contains("<dt>承認者</dt><dd>ISMS Steering Group（2026年5月13日）</dd>"));
    assert!(ja
        .chrome("documents/index.html")
        .contains("<p class=\"lead\">41 件の文書（種類別）</p>"));
    assert!(ja.chrome("owners.html").contains("期限超過 1 件"));
    assert!(ja
        .chrome("reviews.html")
        .contains("<h1>レビュー予定表</h1>"));
    let print = ja.chrome("print.html");
    assert!(print.contains("<html lang=\"ja\""));
    assert!(print.contains("<h1 id=\"isb-print-soa-title\">適用宣言書</h1>"));
    assert!(ja
        .ics()
        .contains("SUMMARY;LANGUAGE=ja:レビュー：POL-009 Clear Desk and Clear Screen Policy\r\n"));
}

#[test]
fn english_stays_as_it_was() {
    let en = site("en");
    let reviews = en.chrome("reviews.html");
    assert!(reviews.contains(
        "<p class=\"lead\">Reviews judged as of 2026-12-06. Subscribe to <a href=\"reviews.ics\">reviews.ics</a> in your calendar app to get every review as an all-day event.</p>"
    ));
    assert!(en
        .chrome("documents/index.html")
        .contains("<p class=\"lead\">41 documents, grouped by type.</p>"));
    let ics = en.ics();
    assert!(ics.contains("SUMMARY:Review POL-009 Clear Desk and Clear Screen Policy\r\n"));
    assert!(ics.contains("CATEGORIES:ISMS review\r\n"));
    assert!(!ics.contains("LANGUAGE="));
    assert!(en
        .chrome("plans/risk-treatment-plan.html")
        .contains("<div class=\"banner banner-confidential\" role=\"note\">Confidential</div>"));
}

/// A document with more changes than its page lists: the rows, their notes and dates, and the
/// sentence about the older ones (with its `git log` command) in German.
#[test]
fn german_history_of_a_long_edited_document() {
    let repo = Repo::new();
    let dir = repo.tmp();
    git_at(dir, "2026-01-05", &["init", "-q"]);
    let fm = |reviewed: &str| {
        Fm::new("POL-1")
            .title("Zugangssteuerung")
            .owner("CISO")
            .version("\"1.0\"")
            .reviewed(reviewed)
            .line("controls: [\"5.15\"]")
    };
    repo.quiet_globals();
    for n in 0..52 {
        let date = if n == 0 { "2026-01-05" } else { "2026-02-10" };
        repo.doc(
            "policies/access.md",
            &fm("2026-01-05"),
            &format!("# Zugang\n\nÄnderung {n}.\n"),
        );
        git_at(dir, date, &["add", "-A", "."]);
        git_at(dir, date, &["commit", "-q", "-m", &format!("Änderung {n}")]);
    }
    // The newest change touches the front matter only.
    repo.doc(
        "policies/access.md",
        &fm("2026-03-01"),
        "# Zugang\n\nÄnderung 51.\n",
    );
    git_at(dir, "2026-03-01", &["add", "-A", "."]);
    git_at(dir, "2026-03-01", &["commit", "-q", "-m", "Überprüft"]);

    repo.build(&["--language", "de"]);
    let page = repo.page("policies/access.html");
    assert!(
        page.contains("<h2 id=\"isb-history\">Änderungshistorie</h2>"),
        "{page}"
    );
    assert!(page.contains(
        "<th scope=\"col\">Datum</th><th scope=\"col\">Version</th><th scope=\"col\">Änderung</th>"
    ));
    assert!(
        page.contains(
            "<tr><td>01.03.2026</td><td></td><td>Überprüft <span class=\"muted\">(nur Metadaten (Front Matter))</span></td>"
        ),
        "{page}"
    );
    assert!(
        page.contains("<dt>Zuletzt geändert</dt><dd>10.02.2026</dd>"),
        "{page}"
    );
    // 53 changes, 50 rows: three in `git log`, said in German around the command.
    assert!(
        page.contains(
            "<p class=\"muted\">3 ältere Änderungen stehen in der Historie des Repositorys (<code>git log -- policies/access.md</code>).</p>"
        ),
        "{page}"
    );
    assert!(!page.contains("older changes"));
}

/// The banners of a draft and of invalid front matter, and a document without an owner (on
/// the owners page, the review calendar and in reviews.ics), in German.
#[test]
fn german_banners_and_a_document_without_owner() {
    let repo = Repo::new();
    repo.quiet_globals()
        // Saved on Windows: BOM and CRLF; no owner.
        .write(
            "policies/mobile.md",
            "\u{feff}---\r\nid: POL-7\r\ntitle: Mobile devices\r\ntype: policy\r\nstatus: approved\r\nversion: \"1.0\"\r\nlast_reviewed: 2026-06-01\r\n---\r\n# Mobile devices\r\n\r\nText.\r\n",
        )
        .doc(
            "policies/travel.md",
            &Fm::new("POL-8").title("Travel").status("draft"),
            "# Travel\n\nText.\n",
        );
    repo.build(&["--language", "de", "--drafts"]);
    let draft = repo.page("policies/travel.html");
    assert!(
        draft.contains("<div class=\"banner banner-draft\" role=\"note\">Entwurf: nicht freigegeben, nicht in Kraft.</div>"),
        "{draft}"
    );
    assert!(draft.contains("<span class=\"badge badge-draft\">Entwurf</span>"));
    let mobile = repo.page("policies/mobile.html");
    assert!(
        mobile.contains("<div class=\"banner banner-invalid\" role=\"alert\">Die Metadaten (Front Matter) dieses Dokuments sind ungültig;"),
        "{mobile}"
    );
    let owners = repo.page("owners.html");
    // The anchor stays the same in every language; the name is German.
    assert!(
        owners.contains("<h2 id=\"owner-no-owner\">(ohne Verantwortliche) "),
        "{owners}"
    );
    assert!(!owners.contains("(no owner)"));
    assert!(repo
        .page("reviews.html")
        .contains("<a href=\"owners.html#owner-no-owner\">—</a>"));
    let ics = repo.page("reviews.ics").replace("\r\n ", "");
    assert!(
        ics.contains("DESCRIPTION;LANGUAGE=de:Verantwortlich: (ohne Verantwortliche)\\nDokument: policies/mobile.md"),
        "{ics}"
    );
}
