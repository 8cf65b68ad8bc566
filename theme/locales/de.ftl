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
md-alert-note = Hinweis
md-alert-tip = Tipp
md-alert-important = Wichtig
md-alert-warning = Warnung
md-alert-caution = Vorsicht
md-task-done = erledigt
md-task-open = offen

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
js-diagram-failed = Dieses Diagramm konnte nicht gezeichnet werden; sein Quelltext steht darunter.

## Dashboard (index.hbs, src/render/pages.rs, src/render/timeline.rs)

dash-lead = Informationssicherheitsmanagementsystem von { $organisation }, ISO/IEC 27001:2022.
dash-summary = Zusammenfassung
dash-card-coverage = Maßnahmen aus Anhang A abgedeckt
dash-coverage-meter = { $percent } % der anwendbaren Maßnahmen umgesetzt
dash-coverage-note = { $applicable } anwendbar, { $excluded } ausgeschlossen, { $unmapped } ohne Dokument
dash-card-documents = Dokumente
dash-documents-note =
    { $approved } freigegeben, { $drafts ->
        [one] { $drafts } Entwurf
       *[other] { $drafts } Entwürfe
    }, { $retired } außer Kraft
dash-card-overdue = überfällige Überprüfungen
dash-overdue-note =
    { $days ->
        [one] { $n } fällig innerhalb von { $days } Tag
       *[other] { $n } fällig innerhalb von { $days } Tagen
    }
dash-card-risks = Risiken über dem Risikoappetit
dash-risks-note =
    { $unaccepted } nicht akzeptiert, { $overdue ->
        [one] { $overdue } Risikoüberprüfung überfällig
       *[other] { $overdue } Risikoüberprüfungen überfällig
    }, { $count ->
        [one] { $count } Risiko im Register
       *[other] { $count } Risiken im Register
    }
dash-card-exceptions = geltende Ausnahmen
dash-exceptions-note =
    { $expired } abgelaufen, { $expiring } { $expiring ->
        [one] läuft
       *[other] laufen
    } innerhalb von { $days ->
        [one] { $days } Tag
       *[other] { $days } Tagen
    } ab, { $count } insgesamt
dash-card-errors = Fehler
dash-warnings-note =
    { $n ->
        [one] { $n } Warnung
       *[other] { $n } Warnungen
    }
dash-timeline = Was fällig wird
dash-month =
    { $m ->
        [1] Januar
        [2] Februar
        [3] März
        [4] April
        [5] Mai
        [6] Juni
        [7] Juli
        [8] August
        [9] September
        [10] Oktober
        [11] November
       *[12] Dezember
    }
dash-month-short =
    { $m ->
        [1] Jan
        [2] Feb
        [3] Mär
        [4] Apr
        [5] Mai
        [6] Jun
        [7] Jul
        [8] Aug
        [9] Sep
        [10] Okt
        [11] Nov
       *[12] Dez
    }
dash-month-year = { $month } { $year }
dash-overdue = Überfällig
dash-overdue-short = Verzug
dash-due-documents =
    { $n ->
        [one] { $n } Dokumentüberprüfung
       *[other] { $n } Dokumentüberprüfungen
    }
dash-due-risks =
    { $n ->
        [one] { $n } Risikoüberprüfung
       *[other] { $n } Risikoüberprüfungen
    }
dash-due-exceptions =
    { $n ->
        [one] { $n } ablaufende Ausnahme
       *[other] { $n } ablaufende Ausnahmen
    }
dash-due-expired =
    { $n ->
        [one] { $n } abgelaufene Ausnahme
       *[other] { $n } abgelaufene Ausnahmen
    }
dash-due-nothing = nichts
dash-due-separator = {", "}
dash-due-title = { $when }: { $items }
dash-due-summary = Was fällig wird – jetzt überfällig: { $overdue }; von { $from } bis { $to }: { $ahead }.
dash-legend-documents = Dokumentüberprüfungen
dash-legend-risks = Risikoüberprüfungen
dash-legend-exceptions = ablaufende Ausnahmen
dash-legend-overdue = ; die erste Spalte zeigt alles bereits Fällige (überfällige Überprüfungen, abgelaufene Ausnahmen).
dash-timeline-table = Was fällig wird, nach Monat
dash-col-month = Monat
dash-col-documents = Dokumentüberprüfungen
dash-col-risks = Risikoüberprüfungen
dash-col-exceptions = Ablaufende Ausnahmen
dash-risks-above = Risiken über dem Risikoappetit
dash-risks-above-intro = Restrisiko über dem Risikoappetit von { $appetite }; jedes braucht die Risikoakzeptanz seines Risikoeigentümers (ISO/IEC 27001 6.1.3 f).
dash-risks-above-none = Kein Restrisiko liegt über dem Risikoappetit von { $appetite }.
dash-col-risk = Risiko
dash-col-owner = Verantwortlich
dash-col-risk-owner = Risikoeigentümer
dash-col-residual = Restrisikowert
dash-col-accepted = Akzeptiert
dash-accepted = akzeptiert
dash-not-accepted = nicht akzeptiert
dash-accepted-by = { $by }, { $date }
dash-risk-reviews = Überfällige Risikoüberprüfungen
dash-col-review-due = Überprüfung fällig
dash-never-reviewed = nie überprüft
dash-risk-reviews-none = Keine Risikoüberprüfung ist überfällig.
dash-col-framework = Regelwerk
dash-col-coverage = Abdeckung
dash-col-implemented = Umgesetzt
dash-col-via-mapping = Über Zuordnung
dash-col-partial = Teilweise über Zuordnung
dash-col-uncovered = Nicht abgedeckt
dash-col-applicable = Anwendbar
dash-fw-meter = { $direct } % umgesetzt, { $covered } % über Zuordnung abgedeckt
dash-overdue-reviews = Überfällige Überprüfungen
dash-col-document = Dokument
dash-overdue-reviews-none = Keine Überprüfung ist überfällig.
dash-due-soon =
    { $days ->
        [one] Überprüfungen, die innerhalb von { $days } Tag fällig werden
       *[other] Überprüfungen, die innerhalb von { $days } Tagen fällig werden
    }
dash-due-soon-none =
    { $days ->
        [one] Innerhalb von { $days } Tag wird keine Überprüfung fällig.
       *[other] Innerhalb von { $days } Tagen wird keine Überprüfung fällig.
    }
dash-unmapped = Maßnahmen ohne Dokument
dash-unmapped-intro = Anwendbare Maßnahmen, die kein freigegebenes Dokument umsetzt.
dash-unmapped-none = Jede anwendbare Maßnahme wird von einem freigegebenen Dokument umgesetzt.
dash-search-control = Maßnahme
dash-search-risk = Risiko
dash-search-theme-organizational = Organisatorische Maßnahmen
dash-search-theme-people = Personenbezogene Maßnahmen
dash-search-theme-physical = Physische Maßnahmen
dash-search-theme-technological = Technologische Maßnahmen
dash-search-treatment = Risikobehandlung: { $treatment }
dash-search-no-treatment = Keine Risikobehandlung
dash-search-residual = { $text } · Restrisiko { $score }
dash-search-treatment-mitigate = mindern
dash-search-treatment-accept = akzeptieren
dash-search-treatment-transfer = übertragen
dash-search-treatment-avoid = vermeiden

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
doc-ics-exception-text = Letzter Gültigkeitstag der Ausnahme. Verlängern Sie sie mit neuem Ablaufdatum und neuer Freigabe, oder schließen Sie sie.
doc-ics-category-exception = ISMS-Ausnahme
doc-ics-scope = Geltungsbereich
doc-ics-approver = Freigegeben von
doc-ics-file = Datei
# Die Druckfassung (print.hbs, print-document.hbs)
doc-print-title = { $title } (Druckfassung)
doc-print-page-title = Druckfassung des Handbuchs
doc-print-isms = Informationssicherheitsmanagementsystem
doc-print-generated = Erstellt
doc-print-commit = Commit
doc-print-no-vcs = nicht unter Versionsverwaltung
doc-print-shown = Stand
doc-print-contents = Inhalt
doc-print-toc = Inhaltsverzeichnis
doc-print-contents-text = Alle freigegebenen Dokumente und die Anwendbarkeitserklärung
doc-print-contents-split = Alle freigegebenen Dokumente, je Dokumenttyp auf einer eigenen Druckseite (unten aufgeführt), und die Anwendbarkeitserklärung
doc-print-contents-volume = Die unten aufgeführten freigegebenen Dokumente
doc-print-all-parts = Alle Druckseiten
doc-print-volume-part = { $name } (Teil { $part } von { $parts })
doc-print-volume-count = { $n ->
    [one] 1 Dokument
   *[other] { $n } Dokumente
}
doc-print-back = Zurück zum Handbuch
doc-print-hint = Mit der Druckfunktion des Browsers als PDF speichern.
doc-print-soa = Anwendbarkeitserklärung
doc-print-control = Maßnahme
doc-print-applicable = Anwendbar
doc-print-justification = Begründung
doc-print-implemented-by = Umgesetzt durch
doc-print-yes = Ja
doc-print-no = Nein
doc-print-exception = Geltende Ausnahme
doc-print-approved = Freigegeben
doc-print-reviewed = Überprüft
doc-print-reviewed-next = { $last } (nächste { $next })

## Controls, SoA and frameworks (controls.hbs, control.hbs, soa.hbs, framework*.hbs, matrix.hbs, soa.csv/xlsx)
ctl-rel-equivalent-to = gleichwertig mit
ctl-rel-equal-to = gleich
ctl-rel-subset-of = Teilmenge von
ctl-rel-superset-of = Obermenge von
ctl-rel-intersects-with = überschneidet sich mit

# Themen des Anhangs A (A.5 … A.8) und Umsetzungsstände, wie Seiten und Exporte sie zeigen.
ctl-theme-5 = Organisatorische Maßnahmen
ctl-theme-6 = Personenbezogene Maßnahmen
ctl-theme-7 = Physische Maßnahmen
ctl-theme-8 = Technologische Maßnahmen
ctl-impl-implemented = Umgesetzt
ctl-impl-partial = Teilweise umgesetzt
ctl-impl-planned = Geplant
ctl-impl-not-implemented = Nicht umgesetzt
ctl-cov-not-applicable = Nicht anwendbar
ctl-cov-implemented = Umgesetzt
ctl-cov-via-mapping = Über Zuordnung abgedeckt
ctl-cov-partial-via-mapping = Über Zuordnung teilweise abgedeckt
ctl-cov-uncovered = Nicht abgedeckt
ctl-attr-control-type = Art der Maßnahme
ctl-attr-properties = Informationssicherheitseigenschaften
ctl-attr-concepts = Cybersicherheitskonzepte
ctl-attr-capabilities = Operative Fähigkeiten
ctl-attr-domains = Sicherheitsdomänen
ctl-handbook = Handbuch
ctl-breadcrumb = Navigationspfad
ctl-annex-a = Maßnahmen nach Anhang A
ctl-annex-a-name = ISO/IEC 27001:2022 Anhang A
ctl-soa-standard-name = ISO/IEC 27001:2022, Anhang A
ctl-controls-lead = ISO/IEC 27001:2022 Anhang A: { $covered } von { $applicable } anwendbaren Maßnahmen sind durch ein freigegebenes Dokument umgesetzt ({ $excluded } ausgeschlossen).
ctl-col-control = Maßnahme
ctl-col-title = Titel
ctl-col-applicable = Anwendbar
ctl-col-implemented-by = Umgesetzt durch
ctl-col-document = Dokument
ctl-col-owner = Verantwortlich
ctl-col-owners = Verantwortliche
ctl-col-next-review = Nächste Überprüfung
ctl-col-status = Umsetzungsstand
ctl-col-risk = Risiko
ctl-col-residual = Restrisikowert
ctl-col-exception = Ausnahme
ctl-col-scope = Geltungsbereich
ctl-col-expires = Läuft ab
ctl-col-framework = Regelwerk
ctl-col-coverage = Abdeckung
ctl-col-requirement = Anforderung
ctl-col-relationship = Beziehung
ctl-col-implemented = Umgesetzt
ctl-col-coverage-given = Ergibt Abdeckung
ctl-col-mapping = Zuordnung
ctl-col-via-mapping = Über Zuordnung abgedeckt
ctl-col-partial-via-mapping = Teilweise über Zuordnung
ctl-col-not-covered = Nicht abgedeckt
ctl-col-not-applicable = Nicht anwendbar
ctl-col-from = Von
ctl-col-to = Nach
ctl-col-file = Datei
ctl-col-entries = Einträge
ctl-col-now-part-of = Jetzt Teil von
ctl-yes = Ja
ctl-no = Nein
ctl-yes-short = ja
ctl-excluded = ausgeschlossen
ctl-no-excluded = Nein — ausgeschlossen
ctl-unmapped = ohne Dokument
ctl-documents =
    { $n ->
        [one] { $n } Dokument
       *[other] { $n } Dokumente
    }
ctl-applicability = Anwendbarkeit
ctl-justification = Begründung
ctl-implementation = Umsetzungsstand
ctl-note = Anmerkung
ctl-no-document = Kein freigegebenes Dokument setzt diese Maßnahme um.
ctl-not-in-force = Auch genannt von Dokumenten, die nicht in Kraft sind
ctl-risks-treated = Behandelte Risiken
ctl-above-appetite = über dem Risikoappetit
ctl-exceptions-in-force = Geltende Ausnahmen
ctl-mapped = Zugeordnete Maßnahmen anderer Regelwerke
ctl-mapped-reversed = (Eintrag von der anderen Seite gelesen)
ctl-mapped-implemented = umgesetzt
ctl-mapped-not-implemented = nicht umgesetzt
ctl-mapped-not-applicable = nicht anwendbar
ctl-gives-full = deckt ab
ctl-gives-partial = deckt teilweise ab
ctl-soa = Anwendbarkeitserklärung
ctl-soa-organisation = Organisation
ctl-soa-standard = Norm
ctl-soa-generated = Erstellt
ctl-soa-version = Stand des Handbuchs
ctl-soa-commit = Commit
ctl-soa-no-vcs = nicht unter Versionsverwaltung
ctl-soa-summary = Zusammenfassung
ctl-soa-summary-text = { $applicable } anwendbar ({ $implemented } durch ein freigegebenes Dokument umgesetzt), { $excluded } ausgeschlossen
ctl-soa-download-xlsx = Als Excel-Arbeitsmappe herunterladen
ctl-soa-download-csv = als CSV
ctl-soa-download-note = (beide lassen sich in Excel und LibreOffice öffnen)
ctl-soa-exception-in-force = Geltende Ausnahme:
# Die Begründung, die soa.csv und soa.xlsx einer Maßnahme ohne eigene geben; `ismsbook adopt --soa`
# erkennt sie (in jeder mitgelieferten Sprache) und übernimmt sie nicht.
ctl-soa-derived = Umgesetzt durch die aufgeführten Dokumente
# Die Risiken, die eine Maßnahme behandelt, nach ihrer Begründung; adopt --soa lässt sie wieder weg.
ctl-soa-treats = Behandelt { $risks }
ctl-soa-then = { $written }. { $treats }
# Spalten von soa.csv und soa.xlsx; adopt --soa liest diese Überschriften in jeder Sprache zurück.
ctl-soa-col-control = Maßnahme
ctl-soa-col-theme = Thema
ctl-soa-col-title = Titel
ctl-soa-col-applicable = Anwendbar
ctl-soa-col-justification = Begründung
ctl-soa-col-status = Umsetzungsstand
ctl-soa-col-documents = Umsetzende Dokumente
ctl-soa-col-owners = Verantwortliche
ctl-soa-col-next-review = Nächste Überprüfung
ctl-soa-col-exceptions = Ausnahmen
# Spalten von frameworks/<id>/applicability.csv (die übrigen sind die der SoA).
ctl-fw-col-group = Gruppe
ctl-fw-col-coverage = Abdeckung
ctl-fw-col-mapped-via = Zugeordnet über
ctl-fw-partly = { $mapping }, teilweise
ctl-fw-lead-start = Die Abdeckung jedes Regelwerks.
ctl-fw-lead-implemented = Umgesetzt
ctl-fw-lead-counts = zählt Anforderungen, die ein freigegebenes Dokument nennt;
ctl-fw-lead-via = über Zuordnung abgedeckt
ctl-fw-lead-and = und
ctl-fw-lead-partial = teilweise über Zuordnung
ctl-fw-lead-derived = ergeben sich aus Zuordnungstabellen zu umgesetzten Maßnahmen eines anderen Regelwerks und zählen nie als umgesetzt.
ctl-fw-stack = { $implemented } umgesetzt, { $via } über Zuordnung abgedeckt, { $partial } teilweise über Zuordnung, { $uncovered } nicht abgedeckt
ctl-fw-stack-of = { $implemented } umgesetzt, { $via } über Zuordnung abgedeckt, { $partial } teilweise über Zuordnung, { $uncovered } nicht abgedeckt, von { $applicable } anwendbaren
ctl-legend-implemented = Umgesetzt
ctl-legend-via = Über Zuordnung abgedeckt
ctl-legend-partial = Teilweise über Zuordnung
ctl-legend-uncovered = Nicht abgedeckt
ctl-crosswalks = Zuordnungstabellen
ctl-no-crosswalk = Keine Zuordnungstabelle ist deklariert ([[mappings]] in ismsbook.toml).
ctl-matrix = Dokumente × Regelwerke
ctl-matrix-lead = Die Maßnahmen, die jedes Dokument nennt, nach Regelwerk.
ctl-fw-prefix = Präfix
ctl-fw-catalog-version = Katalogversion
ctl-fw-applicability-from = Anwendbarkeit aus
ctl-fw-of-applicable = von { $n } anwendbaren Anforderungen sind
ctl-fw-implemented-by-doc = durch ein freigegebenes Dokument umgesetzt,
ctl-fw-via = über Zuordnung abgedeckt,
ctl-fw-partial = teilweise über Zuordnung abgedeckt,
ctl-fw-uncovered = nicht abgedeckt
ctl-fw-not-applicable = { $n } nicht anwendbar
ctl-fw-controls = Maßnahmen
ctl-fw-other-controls = Weitere Maßnahmen
ctl-withdrawn-controls = Zurückgezogene Maßnahmen ({ $n })
ctl-withdrawn-from = Aus { $name } zurückgezogen.
ctl-now-part-of = Jetzt Teil von:
ctl-id-in-documents = Kennung in Dokumenten
ctl-decided-in = Entschieden in
ctl-derived-note = aus einer Zuordnungstabelle abgeleitet, nicht durch ein eigenes Dokument umgesetzt
ctl-grouping-note = Gezählt über die enthaltenen Maßnahmen, nicht über { $id } selbst
ctl-controls-in = Maßnahmen in { $id }

## Risks and exceptions (risks.hbs, risk.hbs, exceptions.hbs)
risk-cell-colon = { ": " }
risk-cell-separator = { "; " }

# Behandlungen: in risks.yaml (und in risks.csv, die englisch bleibt) mitigate, accept, transfer, avoid.
risk-treatment-mitigate = mindern
risk-treatment-accept = akzeptieren
risk-treatment-transfer = übertragen
risk-treatment-avoid = vermeiden
risk-register = Risikoregister
risk-register-lead = Eintrittswahrscheinlichkeit und Auswirkung von 1 bis { $scale }; ein Restrisiko (Eintrittswahrscheinlichkeit × Auswirkung) über dem Risikoappetit von { $appetite } erfordert eine namentliche Risikoakzeptanz.
risk-count =
    { $n ->
        [one] { $n } Risiko
       *[other] { $n } Risiken
    }
risk-above-count = { $n } über dem Risikoappetit
risk-without-acceptance-count = { $n } ohne Risikoakzeptanz
risk-review-overdue-count =
    { $n ->
        [one] { $n } Überprüfung überfällig
       *[other] { $n } Überprüfungen überfällig
    }
risk-inherent-risk = Inhärentes Risiko
risk-residual-risk = Restrisiko
risk-heatmap-title = Heatmap: { $title }
risk-heatmap-desc =
    { $shown ->
        [one] Eintrittswahrscheinlichkeit von 1 bis { $scale } nach oben, Auswirkung von 1 bis { $scale } nach rechts; jedes Feld zählt die dort bewerteten Risiken. { $shown } Risiko dargestellt, davon { $above } über dem Risikoappetit von { $appetite }.
       *[other] Eintrittswahrscheinlichkeit von 1 bis { $scale } nach oben, Auswirkung von 1 bis { $scale } nach rechts; jedes Feld zählt die dort bewerteten Risiken. { $shown } Risiken dargestellt, davon { $above } über dem Risikoappetit von { $appetite }.
    }
risk-cell-label =
    { $n ->
        [one] Eintrittswahrscheinlichkeit { $l }, Auswirkung { $i }: { $n } Risiko
       *[other] Eintrittswahrscheinlichkeit { $l }, Auswirkung { $i }: { $n } Risiken
    }
risk-cell-list = Eintrittswahrscheinlichkeit { $l } × Auswirkung { $i } (Wert { $score })
risk-axis-impact = Auswirkung →
risk-axis-likelihood = Eintrittswahrscheinlichkeit →
risk-unscored =
    { $n ->
        [one] { $n } Risiko ohne Eintrittswahrscheinlichkeit und Auswirkung ist nicht in der Heatmap.
       *[other] { $n } Risiken ohne Eintrittswahrscheinlichkeit und Auswirkung sind nicht in der Heatmap.
    }
risk-by-cell = Risiken je Feld
risk-legend-label = Farben der Heatmaps
risk-band-half = { $range }: höchstens die Hälfte des Risikoappetits
risk-band-within = { $range }: innerhalb des Risikoappetits
risk-band-above = { $range }: über dem Risikoappetit
risk-band-twice = { $range }: über dem doppelten Risikoappetit
risk-legend-outline = kräftiger Rahmen: über dem Risikoappetit
risk-register-heading = Register
risk-register-order = Höchstes Restrisiko zuerst: Was Aufmerksamkeit braucht, steht oben.
risk-risk = Risiko
risk-owner = Risikoeigentümer
risk-treatment = Risikobehandlung
risk-inherent = Inhärentes Risiko
risk-residual = Restrisiko
risk-acceptance = Risikoakzeptanz
risk-next-review = Nächste Überprüfung
risk-treatment-none = keine
risk-badge-above = über dem Risikoappetit
risk-badge-acceptance-missing = Risikoakzeptanz fehlt
risk-badge-acceptance-date-missing = Datum der Risikoakzeptanz fehlt
risk-badge-never-reviewed = nie überprüft
risk-register-empty = Das Register enthält kein Risiko.
risk-breadcrumb = Navigationspfad
risk-handbook = Handbuch
risk-assessment = Risikobeurteilung
risk-treatment-none-decided = nicht festgelegt
risk-inherent-score = Inhärentes Risiko
risk-residual-score = Restrisikowert
risk-pair = (Eintrittswahrscheinlichkeit { $l } × Auswirkung { $i })
risk-pair-as-inherent = (Eintrittswahrscheinlichkeit { $l } × Auswirkung { $i }, keine Bewertung des Restrisikos: gleich dem inhärenten Risiko)
risk-appetite = Risikoappetit
risk-last-reviewed = Zuletzt überprüft
risk-review-every =
    { $n ->
        [one] (jeden Monat)
       *[other] (alle { $n } Monate)
    }
risk-source = Quelle
risk-treatment-controls = Maßnahmen der Risikobehandlung
risk-control = Maßnahme
risk-implementation = Umsetzungsstand
risk-implemented-by = Umgesetzt durch
risk-badge-unknown-control = unbekannte Maßnahme
risk-badge-excluded = ausgeschlossen
risk-more-documents = … und { $n } weitere auf
risk-more-documents-link = der Seite der Maßnahme
risk-no-approved-document = kein freigegebenes Dokument
risk-no-controls = Die Risikobehandlung nennt keine Maßnahme.
risk-exceptions-heading = Ausnahmen zu diesem Risiko
exc-lead = Freigegebene Abweichungen von Maßnahmen, jeweils bis einschließlich ihres Ablaufdatums gültig.
exc-count =
    { $n ->
        [one] { $n } Ausnahme
       *[other] { $n } Ausnahmen
    }
exc-expired-count = { $n } abgelaufen
exc-expiring-count =
    { $n ->
        [one] { $n } läuft bald ab
       *[other] { $n } laufen bald ab
    }
exc-exception = Ausnahme
exc-controls = Maßnahmen
exc-scope = Geltungsbereich
exc-reason = Grund
exc-compensating = Kompensierende Maßnahmen
exc-risk = Risiko
exc-approved = Freigegeben
exc-expires = Läuft ab
exc-badge-not-approved = nicht freigegeben
exc-badge-expired = abgelaufen
exc-badge-expiring-today = läuft heute ab
exc-badge-expiring-in =
    { $n ->
        [one] läuft in { $n } Tag ab
       *[other] läuft in { $n } Tagen ab
    }
exc-badge-active = in Kraft
exc-badge-no-expiry = kein Ablaufdatum
exc-empty = exceptions.yaml enthält keine Ausnahme.
