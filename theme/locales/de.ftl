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

## Risks and exceptions (risks.hbs, risk.hbs, exceptions.hbs)
