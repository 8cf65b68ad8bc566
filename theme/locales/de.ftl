# Die Oberfläche von ismsbook auf Deutsch. Dieselben Schlüssel wie en.ftl (ein Test vergleicht sie).
# Einzelne Wörter ändert eine eigene theme/locales/de.ftl im Inhaltsordner, Nachricht für Nachricht.

## Shared: dates, counts and the names of things (src/render/site.rs)

date = { $day }.{ $month }.{ $year }
days =
    { $n ->
        [one] { $n } Tag
       *[other] { $n } Tage
    }
badge-overdue =
    { $n ->
        [one] seit { $n } Tag überfällig
       *[other] seit { $n } Tagen überfällig
    }
badge-due-in =
    { $n ->
        [one] fällig in { $n } Tag
       *[other] fällig in { $n } Tagen
    }
badge-due-today = heute fällig
none = —
status-draft = Entwurf
status-approved = freigegeben
status-retired = außer Kraft
status-unknown = unbekannt
classification-public = öffentlich
classification-internal = intern
classification-confidential = vertraulich
classification-restricted = streng vertraulich
doc-type-policy = Richtlinie
doc-type-standard = Standard
doc-type-procedure = Verfahrensanweisung
doc-type-guideline = Leitfaden
doc-type-plan = Plan
doc-type-record = Aufzeichnung
doc-type-register = Verzeichnis
doc-type-document = Dokument
doc-types-policy = Richtlinien
doc-types-standard = Standards
doc-types-procedure = Verfahrensanweisungen
doc-types-guideline = Leitfäden
doc-types-plan = Pläne
doc-types-record = Aufzeichnungen
doc-types-register = Verzeichnisse
doc-types-other = Weitere Dokumente
severity-error = Fehler
severity-warning = Warnung
severity-note = Hinweis

## Every page's frame (layout.hbs, findings.hbs)

skip-to-content = Zum Inhalt springen
nav-sections = Bereiche
nav-dashboard = Übersicht
nav-documents = Dokumente
nav-controls = Maßnahmen
nav-frameworks = Regelwerke
nav-soa = SoA
nav-risks = Risiken
nav-exceptions = Ausnahmen
nav-reviews = Überprüfungen
nav-owners = Verantwortliche
nav-print = Drucken
search-label = Handbuch durchsuchen
search-placeholder = Suchen  ( / )
search-results = Suchergebnisse
theme-toggle = Zwischen hellem und dunklem Modus wechseln
theme-toggle-title = Hell / dunkel
sidebar = Dokumente
footer-generated = Erstellt mit ismsbook am { $date }
footer-commit = aus Commit
footer-as-of = Handbuch mit Stand { $date } (Commit { $commit })
findings = Feststellungen
finding-details = Details

## The browser's part (assets/strings.js, read by ismsbook.js and the live-reload overlay)

js-search-none = Keine Treffer
js-search-count-one = { $n } Treffer
js-search-count-other = { $n } Treffer
js-reload-failed = ismsbook: Der Build ist fehlgeschlagen – diese Seite zeigt den letzten erfolgreichen Build
js-reload-dismiss = Schließen

## Dashboard (index.hbs, src/render/pages.rs, src/render/timeline.rs)

## Documents, owners, reviews and print (documents.hbs, document.hbs, owners.hbs, reviews.hbs, print*.hbs, reviews.ics)

# Die Dokumentseite (document.hbs)
doc-breadcrumb = Navigationspfad
doc-handbook = Handbuch
doc-banner-confidential = Vertraulich
doc-banner-restricted = Streng vertraulich
doc-banner-invalid = Die Metadaten (Front Matter) dieses Dokuments sind ungültig; die angezeigten Angaben können unvollständig sein. Siehe die Feststellungen unten.
doc-banner-draft = Entwurf: nicht freigegeben, nicht in Kraft.
doc-banner-retired = Außer Kraft: nur noch zur Information aufbewahrt, nicht mehr gültig.
doc-metadata = Angaben zum Dokument
doc-owner = Verantwortlich
doc-version = Version
doc-status = Status
doc-classification = Klassifizierung
doc-approved-by = Freigegeben von
doc-approved-by-on = { $approver } am { $date }
doc-last-reviewed = Zuletzt überprüft
doc-next-review = Nächste Überprüfung
doc-other-frameworks = Weitere Regelwerke
doc-clauses = Normkapitel
doc-tags = Schlagwörter
doc-last-changed = Zuletzt geändert
doc-source = Quelldatei
doc-repository = Repository
doc-edit = Diese Seite bearbeiten
doc-view-history = Versionsverlauf anzeigen
doc-on-this-page = Auf dieser Seite
doc-related = Mitgeltende Dokumente
doc-history = Änderungshistorie
doc-history-shallow = Dies ist ein flacher Klon (shallow clone) des Repositorys: Ältere Änderungen werden nicht angezeigt.
doc-history-date = Datum
doc-history-change = Änderung
doc-history-author = Autor
doc-history-commit = Commit
doc-history-removed = entfernt
doc-history-front-matter = nur Metadaten (Front Matter)
# $command ist der `git log`-Befehl, der sie auflistet.
doc-history-older =
    { $n ->
        [one] { $n } ältere Änderung steht in der Historie des Repositorys ({ $command }).
       *[other] { $n } ältere Änderungen stehen in der Historie des Repositorys ({ $command }).
    }
doc-referenced-by = Referenziert von
doc-no-backlinks = Kein anderes Dokument verweist hierher.
# Die Dokumentliste (documents.hbs)
doc-list-lead =
    { $n ->
        [one] { $n } Dokument, nach Dokumentart gruppiert.
       *[other] { $n } Dokumente, nach Dokumentart gruppiert.
    }
doc-id = ID
doc-title = Titel
doc-document = Dokument
# Verantwortliche (owners.hbs)
doc-owners-lead = Wer für welches Dokument verantwortlich ist und welche Überprüfungen anstehen.
doc-owners-overdue = { $n } überfällig
doc-owners-due-soon = { $n } bald fällig
doc-no-owner = (ohne Verantwortliche)
# Der Überprüfungskalender (reviews.hbs); $link ist der Link auf reviews.ics.
doc-reviews-title = Überprüfungskalender
doc-reviews-lead = Überprüfungen mit Stand { $date }. Abonnieren Sie { $link } in Ihrer Kalender-App, um jede Überprüfung als ganztägigen Termin zu erhalten.
doc-reviews-overdue = Überfällig
doc-reviews-due-30 = Fällig in den nächsten 30 Tagen
doc-reviews-due-90 = Fällig in 31 bis 90 Tagen
doc-reviews-later = Später
doc-reviews-unscheduled = Ohne Überprüfungstermin
doc-reviews-none = Keine.
doc-reviews-by-owner = Nach Verantwortlichen
doc-reviews-next-30 = Nächste 30 Tage
doc-reviews-31-90 = 31–90 Tage
# reviews.ics: was Kalender-Apps anzeigen
doc-ics-calendar = { $title }: Überprüfungen
doc-ics-review = Überprüfung { $id } { $title }
doc-ics-category-review = ISMS-Überprüfung
doc-ics-exception = Ausnahme { $id } läuft ab: { $title }
doc-ics-exception-text = Letzter Gültigkeitstag der Ausnahme. Verlängern Sie sie mit neuem Ablaufdatum und neuer Genehmigung, oder schließen Sie sie.
doc-ics-category-exception = ISMS-Ausnahme
doc-ics-scope = Geltungsbereich
doc-ics-approver = Genehmigt von
doc-ics-file = Datei
# Die Druckfassung (print.hbs, print-document.hbs)
doc-print-title = { $title } (Druckfassung)
doc-print-page-title = Druckfassung des Handbuchs
doc-print-isms = Informationssicherheits-Managementsystem
doc-print-generated = Erstellt
doc-print-commit = Commit
doc-print-no-vcs = nicht unter Versionsverwaltung
doc-print-shown = Stand
doc-print-contents = Inhalt
doc-print-toc = Inhaltsverzeichnis
doc-print-contents-text = Alle freigegebenen Dokumente und die Anwendbarkeitserklärung
doc-print-back = Zurück zum Handbuch
doc-print-hint = Mit der Druckfunktion des Browsers als PDF speichern.
doc-print-soa = Anwendbarkeitserklärung
doc-print-control = Maßnahme
doc-print-applicable = Anwendbar
doc-print-justification = Begründung
doc-print-implemented-by = Umgesetzt durch
doc-print-yes = Ja
doc-print-no = Nein
doc-print-exception = Ausnahme in Kraft
doc-print-approved = Freigegeben
doc-print-reviewed = Überprüft
doc-print-reviewed-next = { $last } (nächste { $next })

## Controls, SoA and frameworks (controls.hbs, control.hbs, soa.hbs, framework*.hbs, matrix.hbs, soa.csv/xlsx)

## Risks and exceptions (risks.hbs, risk.hbs, exceptions.hbs)
