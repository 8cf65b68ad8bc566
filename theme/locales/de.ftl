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

## Controls, SoA and frameworks (controls.hbs, control.hbs, soa.hbs, framework*.hbs, matrix.hbs, soa.csv/xlsx)

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
ctl-breadcrumb = Brotkrümelnavigation
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
ctl-col-residual = Restrisiko
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
ctl-unmapped = nicht zugeordnet
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
ctl-soa-no-vcs = nicht unter Versionskontrolle
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
