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
doc-type-standard = Standard
doc-type-procedure = Procédure
doc-type-guideline = Guide
doc-type-plan = Plan
doc-type-record = Enregistrement
doc-type-register = Registre
doc-type-document = Document
doc-types-policy = Politiques
doc-types-standard = Standards
doc-types-procedure = Procédures
doc-types-guideline = Guides
doc-types-plan = Plans
doc-types-record = Enregistrements
doc-types-register = Registres
doc-types-other = Autres documents
severity-error = erreur
severity-warning = avertissement
severity-note = remarque
md-alert-note = Remarque
md-alert-tip = Astuce
md-alert-important = Important
md-alert-warning = Avertissement
md-alert-caution = Attention
md-task-done = fait
md-task-open = à faire

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
js-diagram-failed = Ce diagramme n’a pas pu être dessiné ; sa source figure ci-dessous.

## Dashboard (index.hbs, src/render/pages.rs, src/render/timeline.rs)

dash-lead = Système de management de la sécurité de l'information de { $organisation }, ISO/IEC 27001:2022.
dash-summary = Synthèse
dash-card-coverage = mesures de l'annexe A couvertes
dash-coverage-meter = { $percent } % des mesures applicables mises en œuvre
dash-coverage-note = { $applicable } { $applicable ->
        [one] applicable
       *[other] applicables
    }, { $excluded } { $excluded ->
        [one] exclue
       *[other] exclues
    }, { $unmapped } sans document
dash-card-documents = documents
dash-documents-note =
    { $approved ->
        [one] { $approved } approuvé
       *[other] { $approved } approuvés
    }, { $drafts ->
        [one] { $drafts } brouillon
       *[other] { $drafts } brouillons
    }, { $retired ->
        [one] { $retired } retiré
       *[other] { $retired } retirés
    }
dash-card-overdue = revues en retard
dash-overdue-note =
    { $days ->
        [one] { $n } à échéance sous { $days } jour
       *[other] { $n } à échéance sous { $days } jours
    }
dash-card-risks = risques au-dessus de l'appétence
dash-risks-note =
    { $unaccepted ->
        [one] { $unaccepted } non accepté
       *[other] { $unaccepted } non acceptés
    }, { $overdue ->
        [one] { $overdue } revue de risque en retard
       *[other] { $overdue } revues de risque en retard
    }, { $count ->
        [one] { $count } risque au registre
       *[other] { $count } risques au registre
    }
dash-card-exceptions = dérogations en vigueur
dash-exceptions-note =
    { $expired ->
        [one] { $expired } expirée
       *[other] { $expired } expirées
    }, { $expiring } expirant sous { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    }, { $count } au total
dash-card-errors = erreurs
dash-warnings-note =
    { $n ->
        [one] { $n } avertissement
       *[other] { $n } avertissements
    }
dash-timeline = Échéances
dash-month =
    { $m ->
        [1] janvier
        [2] février
        [3] mars
        [4] avril
        [5] mai
        [6] juin
        [7] juillet
        [8] août
        [9] septembre
        [10] octobre
        [11] novembre
       *[12] décembre
    }
dash-month-short =
    { $m ->
        [1] janv.
        [2] févr.
        [3] mars
        [4] avr.
        [5] mai
        [6] juin
        [7] juil.
        [8] août
        [9] sept.
        [10] oct.
        [11] nov.
       *[12] déc.
    }
dash-month-year = { $month } { $year }
dash-overdue = En retard
dash-overdue-short = Retard
dash-due-documents =
    { $n ->
        [one] { $n } revue de document
       *[other] { $n } revues de document
    }
dash-due-risks =
    { $n ->
        [one] { $n } revue de risque
       *[other] { $n } revues de risque
    }
dash-due-exceptions =
    { $n ->
        [one] { $n } dérogation arrivant à échéance
       *[other] { $n } dérogations arrivant à échéance
    }
dash-due-expired =
    { $n ->
        [one] { $n } dérogation expirée
       *[other] { $n } dérogations expirées
    }
dash-due-nothing = rien
dash-due-separator = {", "}
dash-due-title = { $when } : { $items }
dash-due-summary = Échéances : en retard, { $overdue } ; de { $from } à { $to }, { $ahead }.
dash-legend-documents = revues de document
dash-legend-risks = revues de risque
dash-legend-exceptions = échéances de dérogation
dash-legend-overdue = ; la première colonne regroupe tout ce qui est échu (revues en retard, dérogations expirées).
dash-timeline-table = Échéances par mois
dash-col-month = Mois
dash-col-documents = Revues de document
dash-col-risks = Revues de risque
dash-col-exceptions = Échéances de dérogation
dash-risks-above = Risques au-dessus de l'appétence
dash-risks-above-intro = Risque résiduel au-dessus de l'appétence au risque de { $appetite } ; chacun doit être accepté par son propriétaire (ISO/IEC 27001 6.1.3 f).
dash-risks-above-none = Aucun risque résiduel ne dépasse l'appétence au risque de { $appetite }.
dash-col-risk = Risque
dash-col-owner = Responsable
dash-col-risk-owner = Propriétaire du risque
dash-col-residual = Score résiduel
dash-col-accepted = Accepté
dash-accepted = accepté
dash-not-accepted = non accepté
dash-accepted-by = { $by }, { $date }
dash-risk-reviews = Revues de risque en retard
dash-col-review-due = Échéance de revue
dash-never-reviewed = jamais revu
dash-risk-reviews-none = Aucune revue de risque n'est en retard.
dash-col-framework = Référentiel
dash-col-coverage = Couverture
dash-col-implemented = Mises en œuvre
dash-col-via-mapping = Par correspondance
dash-col-partial = Partiellement par correspondance
dash-col-uncovered = Non couvertes
dash-col-applicable = Applicables
dash-fw-meter = { $direct } % mises en œuvre, { $covered } % couvertes par correspondance
dash-overdue-reviews = Revues en retard
dash-col-document = Document
dash-overdue-reviews-none = Aucune revue n'est en retard.
dash-due-soon =
    { $days ->
        [one] Revues à échéance sous { $days } jour
       *[other] Revues à échéance sous { $days } jours
    }
dash-due-soon-none =
    { $days ->
        [one] Aucune revue n'arrive à échéance dans le prochain jour.
       *[other] Aucune revue n'arrive à échéance dans les { $days } prochains jours.
    }
dash-unmapped = Mesures sans document
dash-unmapped-intro = Mesures applicables qu'aucun document approuvé ne met en œuvre.
dash-unmapped-none = Chaque mesure applicable est mise en œuvre par un document approuvé.
dash-search-control = Mesure
dash-search-risk = Risque
dash-search-theme-organizational = Mesures organisationnelles
dash-search-theme-people = Mesures liées aux personnes
dash-search-theme-physical = Mesures physiques
dash-search-theme-technological = Mesures technologiques
dash-search-treatment = Traitement du risque : { $treatment }
dash-search-no-treatment = Aucun traitement du risque
dash-search-residual = { $text } · risque résiduel { $score }
dash-search-treatment-mitigate = réduire
dash-search-treatment-accept = accepter
dash-search-treatment-transfer = transférer
dash-search-treatment-avoid = éviter

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
doc-print-shown = État au
doc-print-contents = Contenu
doc-print-toc = Table des matières
doc-print-contents-text = Tous les documents approuvés et la Déclaration d'applicabilité
doc-print-contents-split = Tous les documents approuvés, sur une page imprimable par type de document (liste ci-dessous), et la Déclaration d'applicabilité
doc-print-contents-volume = Les documents approuvés listés ci-dessous
doc-print-all-parts = Toutes les pages imprimables
doc-print-volume-part = { $name } (partie { $part } sur { $parts })
doc-print-volume-count = { $n ->
    [one] { $n } document
   *[other] { $n } documents
}
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
ctl-rel-equivalent-to = équivalent à
ctl-rel-equal-to = égal à
ctl-rel-subset-of = sous-ensemble de
ctl-rel-superset-of = sur-ensemble de
ctl-rel-intersects-with = recoupe

# Thèmes de l'annexe A (A.5 … A.8) et états de mise en œuvre, tels que pages et exports les montrent.
ctl-theme-5 = Mesures organisationnelles
ctl-theme-6 = Mesures liées aux personnes
ctl-theme-7 = Mesures physiques
ctl-theme-8 = Mesures technologiques
ctl-impl-implemented = Mis en œuvre
ctl-impl-partial = Partiellement mis en œuvre
ctl-impl-planned = Prévu
ctl-impl-not-implemented = Non mis en œuvre
ctl-cov-not-applicable = Non applicable
ctl-cov-implemented = Mis en œuvre
ctl-cov-via-mapping = Couvert par correspondance
ctl-cov-partial-via-mapping = Partiellement couvert par correspondance
ctl-cov-uncovered = Non couvert
ctl-attr-control-type = Type de mesure
ctl-attr-properties = Propriétés de sécurité de l'information
ctl-attr-concepts = Concepts de cybersécurité
ctl-attr-capabilities = Capacités opérationnelles
ctl-attr-domains = Domaines de sécurité
ctl-handbook = Manuel
ctl-breadcrumb = Fil d'Ariane
ctl-annex-a = Mesures de sécurité de l'annexe A
ctl-annex-a-name = ISO/IEC 27001:2022 annexe A
ctl-soa-standard-name = ISO/IEC 27001:2022, annexe A
ctl-controls-lead = ISO/IEC 27001:2022 annexe A : { $covered ->
        [one] { $covered } des { $applicable } mesures applicables est mise
       *[other] { $covered } des { $applicable } mesures applicables sont mises
    } en œuvre par un document approuvé ({ $excluded } { $excluded ->
        [one] exclue
       *[other] exclues
    }).
ctl-col-control = Mesure
ctl-col-title = Titre
ctl-col-applicable = Applicable
ctl-col-implemented-by = Mise en œuvre par
ctl-col-document = Document
ctl-col-owner = Responsable
ctl-col-owners = Responsables
ctl-col-next-review = Prochaine revue
ctl-col-status = État
ctl-col-risk = Risque
ctl-col-residual = Score résiduel
ctl-col-exception = Dérogation
ctl-col-scope = Périmètre
ctl-col-expires = Expire le
ctl-col-framework = Référentiel
ctl-col-coverage = Couverture
ctl-col-requirement = Exigence
ctl-col-relationship = Relation
ctl-col-implemented = Mis en œuvre
ctl-col-coverage-given = Couverture apportée
ctl-col-mapping = Correspondance
ctl-col-via-mapping = Couvert par correspondance
ctl-col-partial-via-mapping = Partiellement par correspondance
ctl-col-not-covered = Non couvert
ctl-col-not-applicable = Non applicable
ctl-col-from = De
ctl-col-to = Vers
ctl-col-file = Fichier
ctl-col-entries = Entrées
ctl-col-now-part-of = Désormais dans
ctl-yes = Oui
ctl-no = Non
ctl-yes-short = oui
ctl-excluded = exclue
ctl-no-excluded = Non — exclue
ctl-unmapped = sans document
ctl-documents =
    { $n ->
        [one] { $n } document
       *[other] { $n } documents
    }
ctl-applicability = Applicabilité
ctl-justification = Justification
ctl-implementation = État de mise en œuvre
ctl-note = Remarque
ctl-no-document = Aucun document approuvé ne met en œuvre cette mesure.
ctl-not-in-force = Également citée par des documents non en vigueur
ctl-risks-treated = Risques traités
ctl-above-appetite = au-dessus de l'appétence au risque
ctl-exceptions-in-force = Dérogations en vigueur
ctl-mapped = Mesures correspondantes d'autres référentiels
ctl-mapped-reversed = (entrée lue depuis l'autre côté)
ctl-mapped-implemented = mise en œuvre
ctl-mapped-not-implemented = non mise en œuvre
ctl-mapped-not-applicable = non applicable
ctl-gives-full = couvre
ctl-gives-partial = couvre en partie
ctl-soa = Déclaration d'applicabilité
ctl-soa-organisation = Organisme
ctl-soa-standard = Norme
ctl-soa-generated = Générée le
ctl-soa-version = Version du manuel
ctl-soa-commit = commit
ctl-soa-no-vcs = hors gestion de versions
ctl-soa-summary = Synthèse
ctl-soa-summary-text = { $applicable } { $applicable ->
        [one] applicable
       *[other] applicables
    } ({ $implemented } { $implemented ->
        [one] mise
       *[other] mises
    } en œuvre par un document approuvé), { $excluded } { $excluded ->
        [one] exclue
       *[other] exclues
    }
ctl-soa-download-xlsx = Télécharger au format Excel
ctl-soa-download-csv = en CSV
ctl-soa-download-note = (les deux s'ouvrent dans Excel et LibreOffice)
ctl-soa-exception-in-force = Dérogation en vigueur :
# La justification que soa.csv et soa.xlsx donnent à une mesure qui n'en a pas ; `ismsbook adopt --soa`
# la reconnaît (dans chaque langue livrée) et ne l'importe pas.
ctl-soa-derived = Mise en œuvre par les documents indiqués
# Les risques qu'une mesure traite, après sa justification ; adopt --soa les retire.
ctl-soa-treats = Traite { $risks }
ctl-soa-then = { $written }. { $treats }
# Colonnes de soa.csv et soa.xlsx ; adopt --soa relit ces en-têtes dans chaque langue livrée.
ctl-soa-col-control = Mesure
ctl-soa-col-theme = Thème
ctl-soa-col-title = Titre
ctl-soa-col-applicable = Applicable
ctl-soa-col-justification = Justification
ctl-soa-col-status = État de mise en œuvre
ctl-soa-col-documents = Documents de mise en œuvre
ctl-soa-col-owners = Responsables
ctl-soa-col-next-review = Prochaine revue
ctl-soa-col-exceptions = Dérogations
# Colonnes de frameworks/<id>/applicability.csv (les autres sont celles de la DdA).
ctl-fw-col-group = Groupe
ctl-fw-col-coverage = Couverture
ctl-fw-col-mapped-via = Correspondance via
ctl-fw-partly = { $mapping }, en partie
ctl-fw-lead-start = Couverture de chaque référentiel.
ctl-fw-lead-implemented = Mis en œuvre
ctl-fw-lead-counts = compte les exigences citées par un document approuvé ;
ctl-fw-lead-via = couvert par correspondance
ctl-fw-lead-and = et
ctl-fw-lead-partial = partiellement par correspondance
ctl-fw-lead-derived = découlent des tables de correspondance vers des mesures mises en œuvre d'un autre référentiel et ne comptent jamais comme mises en œuvre.
ctl-fw-stack = { $implemented } mises en œuvre, { $via } couvertes par correspondance, { $partial } partiellement par correspondance, { $uncovered } non couvertes
ctl-fw-stack-of = { $implemented } mises en œuvre, { $via } couvertes par correspondance, { $partial } partiellement par correspondance, { $uncovered } non couvertes, sur { $applicable } applicables
ctl-legend-implemented = Mis en œuvre
ctl-legend-via = Couvert par correspondance
ctl-legend-partial = Partiellement par correspondance
ctl-legend-uncovered = Non couvert
ctl-crosswalks = Tables de correspondance
ctl-no-crosswalk = Aucune table de correspondance n'est déclarée ([[mappings]] dans ismsbook.toml).
ctl-matrix = Documents × référentiels
ctl-matrix-lead = Les mesures citées par chaque document, par référentiel.
ctl-fw-prefix = Préfixe
ctl-fw-catalog-version = version du catalogue
ctl-fw-applicability-from = applicabilité issue de
ctl-fw-of-applicable = sur { $n } exigences applicables,
ctl-fw-implemented-by-doc = mises en œuvre par un document approuvé,
ctl-fw-via = couvertes par correspondance,
ctl-fw-partial = partiellement par correspondance,
ctl-fw-uncovered = non couvertes
ctl-fw-not-applicable = { $n } { $n ->
        [one] non applicable
       *[other] non applicables
    }
ctl-fw-controls = Mesures
ctl-fw-other-controls = Autres mesures
ctl-withdrawn-controls = Mesures retirées ({ $n })
ctl-withdrawn-from = Retirée de { $name }.
ctl-now-part-of = Désormais dans :
ctl-id-in-documents = Identifiant dans les documents
ctl-decided-in = Décidé dans
ctl-derived-note = déduite d'une table de correspondance, pas mise en œuvre par un document propre
ctl-grouping-note = Compté sur les mesures qu'il contient, pas sur { $id } lui-même
ctl-controls-in = Mesures de { $id }

## Risks and exceptions (risks.hbs, risk.hbs, exceptions.hbs)
risk-cell-colon = { " : " }
risk-cell-separator = { " ; " }

# Traitements : dans risks.yaml (et dans risks.csv, qui reste en anglais) mitigate, accept, transfer, avoid.
risk-treatment-mitigate = réduire
risk-treatment-accept = accepter
risk-treatment-transfer = transférer
risk-treatment-avoid = éviter
risk-register = Registre des risques
risk-register-lead = Vraisemblance et impact de 1 à { $scale } ; un score résiduel (vraisemblance × impact) supérieur à l'appétence au risque de { $appetite } exige une acceptation nominative.
risk-count =
    { $n ->
        [one] { $n } risque
       *[other] { $n } risques
    }
risk-above-count = { $n } au-dessus de l'appétence
risk-without-acceptance-count = { $n } sans acceptation
risk-review-overdue-count =
    { $n ->
        [one] { $n } revue en retard
       *[other] { $n } revues en retard
    }
risk-inherent-risk = Risque inhérent
risk-residual-risk = Risque résiduel
risk-heatmap-title = Carte de chaleur : { $title }
risk-heatmap-desc =
    { $shown ->
        [one] Vraisemblance de 1 à { $scale } vers le haut, impact de 1 à { $scale } vers la droite ; chaque case compte les risques évalués à cet endroit. { $shown } risque affiché, dont { $above } au-dessus de l'appétence au risque de { $appetite }.
       *[other] Vraisemblance de 1 à { $scale } vers le haut, impact de 1 à { $scale } vers la droite ; chaque case compte les risques évalués à cet endroit. { $shown } risques affichés, dont { $above } au-dessus de l'appétence au risque de { $appetite }.
    }
risk-cell-label =
    { $n ->
        [one] Vraisemblance { $l }, impact { $i } : { $n } risque
       *[other] Vraisemblance { $l }, impact { $i } : { $n } risques
    }
risk-cell-list = Vraisemblance { $l } × impact { $i } (score { $score })
risk-axis-impact = Impact →
risk-axis-likelihood = Vraisemblance →
risk-unscored =
    { $n ->
        [one] { $n } risque sans vraisemblance ni impact n'apparaît pas sur la carte.
       *[other] { $n } risques sans vraisemblance ni impact n'apparaissent pas sur la carte.
    }
risk-by-cell = Risques par case
risk-legend-label = Couleurs des cartes de chaleur
risk-band-half = { $range } : au plus la moitié de l'appétence
risk-band-within = { $range } : dans les limites de l'appétence
risk-band-above = { $range } : au-dessus de l'appétence
risk-band-twice = { $range } : au-dessus du double de l'appétence
risk-legend-outline = contour épais : au-dessus de l'appétence
risk-register-heading = Registre
risk-register-order = Score résiduel le plus élevé en premier : ce qui demande de l'attention vient d'abord.
risk-risk = Risque
risk-owner = Propriétaire du risque
risk-treatment = Traitement
risk-inherent = Inhérent
risk-residual = Résiduel
risk-acceptance = Acceptation du risque
risk-next-review = Prochaine revue
risk-treatment-none = aucun
risk-badge-above = au-dessus de l'appétence
risk-badge-acceptance-missing = acceptation manquante
risk-badge-acceptance-date-missing = date d'acceptation manquante
risk-badge-never-reviewed = jamais revu
risk-register-empty = Le registre ne contient aucun risque.
risk-breadcrumb = Fil d'Ariane
risk-handbook = Manuel
risk-assessment = Appréciation
risk-treatment-none-decided = non décidé
risk-inherent-score = Score inhérent
risk-residual-score = Score résiduel
risk-pair = (vraisemblance { $l } × impact { $i })
risk-pair-as-inherent = (vraisemblance { $l } × impact { $i }, pas d'appréciation du risque résiduel : identique au risque inhérent)
risk-appetite = Appétence au risque
risk-last-reviewed = Dernière revue
risk-review-every =
    { $n ->
        [one] (tous les mois)
       *[other] (tous les { $n } mois)
    }
risk-source = Source
risk-treatment-controls = Mesures de traitement
risk-control = Mesure
risk-implementation = État de mise en œuvre
risk-implemented-by = Mise en œuvre par
risk-badge-unknown-control = mesure inconnue
risk-badge-excluded = exclue
risk-more-documents =
    { $n ->
        [one] … et { $n } autre sur
       *[other] … et { $n } autres sur
    }
risk-more-documents-link = la page de la mesure
risk-no-approved-document = aucun document approuvé
risk-no-controls = Le traitement ne cite aucune mesure.
risk-exceptions-heading = Dérogations liées à ce risque
exc-lead = Écarts approuvés par rapport aux mesures de sécurité, chacun valable jusqu'à sa date d'expiration incluse.
exc-count =
    { $n ->
        [one] { $n } dérogation
       *[other] { $n } dérogations
    }
exc-expired-count =
    { $n ->
        [one] { $n } expirée
       *[other] { $n } expirées
    }
exc-expiring-count =
    { $n ->
        [one] { $n } expire bientôt
       *[other] { $n } expirent bientôt
    }
exc-exception = Dérogation
exc-controls = Mesures
exc-scope = Périmètre
exc-reason = Motif
exc-compensating = Mesures compensatoires
exc-risk = Risque
exc-approved = Approbation
exc-expires = Expiration
exc-badge-not-approved = non approuvée
exc-badge-expired = expirée
exc-badge-expiring-today = expire aujourd'hui
exc-badge-expiring-in =
    { $n ->
        [one] expire dans { $n } jour
       *[other] expire dans { $n } jours
    }
exc-badge-active = en vigueur
exc-badge-no-expiry = sans date d'expiration
exc-empty = exceptions.yaml ne contient aucune dérogation.
