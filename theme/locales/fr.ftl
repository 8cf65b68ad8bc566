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

# La page d'un document (document.hbs)
doc-breadcrumb = Fil d'Ariane
doc-handbook = Manuel
doc-banner-confidential = Confidentiel
doc-banner-restricted = Diffusion restreinte
doc-banner-invalid = L'en-tête (front matter) de ce document est invalide ; les métadonnées affichées peuvent être incomplètes. Voir les constats ci-dessous.
doc-banner-draft = Brouillon : non approuvé, pas en vigueur.
doc-banner-retired = Retiré : conservé pour référence, plus en vigueur.
doc-metadata = Métadonnées du document
doc-owner = Responsable
doc-version = Version
doc-status = Statut
doc-classification = Classification
doc-approved-by = Approuvé par
doc-approved-by-on = { $approver } le { $date }
doc-last-reviewed = Dernière revue
doc-next-review = Prochaine revue
doc-other-frameworks = Autres référentiels
doc-clauses = Articles
doc-tags = Étiquettes
doc-last-changed = Dernière modification
doc-source = Source
doc-repository = Dépôt
doc-edit = Modifier cette page
doc-view-history = Voir l'historique
doc-on-this-page = Sur cette page
doc-related = Documents associés
doc-history = Historique
doc-history-shallow = Ce dépôt est un clone superficiel : les modifications plus anciennes ne sont pas affichées.
doc-history-date = Date
doc-history-change = Modification
doc-history-author = Auteur
doc-history-commit = Commit
doc-history-removed = supprimé
doc-history-front-matter = métadonnées uniquement
# $command est la commande `git log` qui les liste.
doc-history-older =
    { $n ->
        [one] { $n } modification plus ancienne figure dans l'historique du dépôt ({ $command }).
       *[other] { $n } modifications plus anciennes figurent dans l'historique du dépôt ({ $command }).
    }
doc-referenced-by = Référencé par
doc-no-backlinks = Aucun autre document ne renvoie ici.
# La liste des documents (documents.hbs)
doc-list-lead =
    { $n ->
        [one] { $n } document, regroupé par type.
       *[other] { $n } documents, regroupés par type.
    }
doc-id = ID
doc-title = Titre
doc-document = Document
# Responsables (owners.hbs)
doc-owners-lead = Qui est responsable de chaque document, et quelles revues sont à faire.
doc-owners-overdue = { $n } en retard
doc-owners-due-soon = { $n } bientôt à échéance
doc-no-owner = (sans responsable)
# Le calendrier des revues (reviews.hbs) ; $link est le lien vers reviews.ics.
doc-reviews-title = Calendrier des revues
doc-reviews-lead = Revues évaluées au { $date }. Abonnez-vous à { $link } dans votre application d'agenda pour recevoir chaque revue comme un événement d'une journée entière.
doc-reviews-overdue = En retard
doc-reviews-due-30 = À faire dans les 30 prochains jours
doc-reviews-due-90 = À faire dans 31 à 90 jours
doc-reviews-later = Plus tard
doc-reviews-unscheduled = Sans date de revue
doc-reviews-none = Aucune.
doc-reviews-by-owner = Par responsable
doc-reviews-next-30 = 30 prochains jours
doc-reviews-31-90 = 31 à 90 jours
# reviews.ics : ce qu'affichent les applications d'agenda
doc-ics-calendar = { $title } : revues
doc-ics-review = Revue { $id } { $title }
doc-ics-category-review = Revue SMSI
doc-ics-exception = Expiration de la dérogation { $id } : { $title }
doc-ics-exception-text = Dernier jour de validité de la dérogation. Renouvelez-la avec une nouvelle date d'expiration et une nouvelle approbation, ou clôturez-la.
doc-ics-category-exception = Dérogation SMSI
doc-ics-scope = Périmètre
doc-ics-approver = Approbateur
doc-ics-file = Fichier
# La version imprimable (print.hbs, print-document.hbs)
doc-print-title = { $title } (version imprimable)
doc-print-page-title = Manuel imprimable
doc-print-isms = Système de management de la sécurité de l'information
doc-print-generated = Généré le
doc-print-commit = commit
doc-print-no-vcs = hors gestion de versions
doc-print-shown = Affiché
doc-print-contents = Contenu
doc-print-toc = Table des matières
doc-print-contents-text = Tous les documents approuvés et la Déclaration d'applicabilité
doc-print-back = Retour au manuel
doc-print-hint = utilisez la fonction Imprimer du navigateur pour enregistrer un PDF.
doc-print-soa = Déclaration d'applicabilité
doc-print-control = Mesure
doc-print-applicable = Applicable
doc-print-justification = Justification
doc-print-implemented-by = Mise en œuvre par
doc-print-yes = Oui
doc-print-no = Non
doc-print-exception = dérogation en vigueur
doc-print-approved = Approbation
doc-print-reviewed = Revue
doc-print-reviewed-next = { $last } (prochaine : { $next })

## Controls, SoA and frameworks (controls.hbs, control.hbs, soa.hbs, framework*.hbs, matrix.hbs, soa.csv/xlsx)

## Risks and exceptions (risks.hbs, risk.hbs, exceptions.hbs)
