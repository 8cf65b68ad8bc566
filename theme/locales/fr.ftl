# L'interface d'ismsbook en français. Mêmes clés que en.ftl (un test les compare).
# Pour changer un mot, un fichier theme/locales/fr.ftl du dossier de contenu est lu par-dessus, message par message.

## Shared: dates, counts and the names of things (src/render/site.rs)

date = { $day }/{ $month }/{ $year }
days =
    { $n ->
        [one] { $n } jour
       *[other] { $n } jours
    }
badge-overdue =
    { $n ->
        [one] en retard de { $n } jour
       *[other] en retard de { $n } jours
    }
badge-due-in =
    { $n ->
        [one] échéance dans { $n } jour
       *[other] échéance dans { $n } jours
    }
badge-due-today = échéance aujourd'hui
none = —
status-draft = brouillon
status-approved = approuvé
status-retired = retiré
status-unknown = inconnu
classification-public = public
classification-internal = interne
classification-confidential = confidentiel
classification-restricted = diffusion restreinte
doc-type-policy = Politique
doc-type-standard = Norme
doc-type-procedure = Procédure
doc-type-guideline = Guide
doc-type-plan = Plan
doc-type-record = Enregistrement
doc-type-register = Registre
doc-type-document = Document
doc-types-policy = Politiques
doc-types-standard = Normes
doc-types-procedure = Procédures
doc-types-guideline = Guides
doc-types-plan = Plans
doc-types-record = Enregistrements
doc-types-register = Registres
doc-types-other = Autres documents
severity-error = erreur
severity-warning = avertissement
severity-note = remarque

## Every page's frame (layout.hbs, findings.hbs)

skip-to-content = Aller au contenu
nav-sections = Rubriques
nav-dashboard = Tableau de bord
nav-documents = Documents
nav-controls = Mesures
nav-frameworks = Référentiels
nav-soa = DdA
nav-risks = Risques
nav-exceptions = Dérogations
nav-reviews = Revues
nav-owners = Responsables
nav-print = Imprimer
search-label = Rechercher dans le manuel
search-placeholder = Rechercher  ( / )
search-results = Résultats de la recherche
theme-toggle = Basculer entre le mode clair et le mode sombre
theme-toggle-title = Clair / sombre
sidebar = Documents
footer-generated = Généré par ismsbook le { $date }
footer-commit = à partir du commit
footer-as-of = Manuel au { $date } (commit { $commit })
findings = Constats
finding-details = détails

## The browser's part (assets/strings.js, read by ismsbook.js and the live-reload overlay)

js-search-none = Aucun résultat
js-search-count-one = { $n } résultat
js-search-count-other = { $n } résultats
js-reload-failed = ismsbook : la génération a échoué — cette page affiche la dernière génération réussie
js-reload-dismiss = Fermer

## Dashboard (index.hbs, src/render/pages.rs, src/render/timeline.rs)

## Documents, owners, reviews and print (documents.hbs, document.hbs, owners.hbs, reviews.hbs, print*.hbs, reviews.ics)

## Controls, SoA and frameworks (controls.hbs, control.hbs, soa.hbs, framework*.hbs, matrix.hbs, soa.csv/xlsx)

## Risks and exceptions (risks.hbs, risk.hbs, exceptions.hbs)
