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
ctl-controls-lead = ISO/IEC 27001:2022 annexe A : { $covered } des { $applicable } mesures applicables sont mises en œuvre par un document approuvé ({ $excluded } { $excluded ->
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
ctl-col-residual = Risque résiduel
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
ctl-unmapped = non rattachée
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
ctl-soa-no-vcs = pas sous contrôle de version
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
