# La interfaz de ismsbook en español. Las mismas claves que en.ftl (una prueba las compara).
# Para cambiar una palabra, un archivo theme/locales/es.ftl de la carpeta de contenido se lee encima, mensaje a mensaje.

## Shared: dates, counts and the names of things (src/render/site.rs)

date = { $day }/{ $month }/{ $year }
days =
    { $n ->
        [one] { $n } día
       *[other] { $n } días
    }
badge-overdue =
    { $n ->
        [one] vencida hace { $n } día
       *[other] vencida hace { $n } días
    }
badge-due-in =
    { $n ->
        [one] vence en { $n } día
       *[other] vence en { $n } días
    }
badge-due-today = vence hoy
none = —
status-draft = borrador
status-approved = aprobado
status-retired = retirado
status-unknown = desconocido
classification-public = público
classification-internal = interno
classification-confidential = confidencial
classification-restricted = restringido
doc-type-policy = Política
doc-type-standard = Norma
doc-type-procedure = Procedimiento
doc-type-guideline = Guía
doc-type-plan = Plan
doc-type-record = Registro
doc-type-register = Inventario
doc-type-document = Documento
doc-types-policy = Políticas
doc-types-standard = Normas
doc-types-procedure = Procedimientos
doc-types-guideline = Guías
doc-types-plan = Planes
doc-types-record = Registros
doc-types-register = Inventarios
doc-types-other = Otros documentos
severity-error = error
severity-warning = advertencia
severity-note = nota

## Every page's frame (layout.hbs, findings.hbs)

skip-to-content = Saltar al contenido
nav-sections = Secciones
nav-dashboard = Panel
nav-documents = Documentos
nav-controls = Controles
nav-frameworks = Marcos
nav-soa = DdA
nav-risks = Riesgos
nav-exceptions = Excepciones
nav-reviews = Revisiones
nav-owners = Responsables
nav-print = Imprimir
search-label = Buscar en el manual
search-placeholder = Buscar  ( / )
search-results = Resultados de la búsqueda
theme-toggle = Cambiar entre modo claro y oscuro
theme-toggle-title = Claro / oscuro
sidebar = Documentos
footer-generated = Generado por ismsbook el { $date }
footer-commit = a partir del commit
footer-as-of = Manual a fecha de { $date } (commit { $commit })
findings = Hallazgos
finding-details = detalles

## The browser's part (assets/strings.js, read by ismsbook.js and the live-reload overlay)

js-search-none = Sin resultados
js-search-count-one = { $n } resultado
js-search-count-other = { $n } resultados
js-reload-failed = ismsbook: la compilación ha fallado — esta página muestra la última compilación correcta
js-reload-dismiss = Cerrar

## Dashboard (index.hbs, src/render/pages.rs, src/render/timeline.rs)

## Documents, owners, reviews and print (documents.hbs, document.hbs, owners.hbs, reviews.hbs, print*.hbs, reviews.ics)

# La página de un documento (document.hbs)
doc-breadcrumb = Ruta de navegación
doc-handbook = Manual
doc-banner-confidential = Confidencial
doc-banner-restricted = Restringido
doc-banner-invalid = Los metadatos (front matter) de este documento no son válidos; los datos mostrados pueden estar incompletos. Consulte los hallazgos más abajo.
doc-banner-draft = Borrador: no aprobado, no vigente.
doc-banner-retired = Retirado: se conserva como referencia, ya no está vigente.
doc-metadata = Metadatos del documento
doc-owner = Responsable
doc-version = Versión
doc-status = Estado
doc-classification = Clasificación
doc-approved-by = Aprobado por
doc-approved-by-on = { $approver } el { $date }
doc-last-reviewed = Última revisión
doc-next-review = Próxima revisión
doc-other-frameworks = Otros marcos
doc-clauses = Cláusulas
doc-tags = Etiquetas
doc-last-changed = Última modificación
doc-source = Archivo fuente
doc-repository = Repositorio
doc-edit = Editar esta página
doc-view-history = Ver historial
doc-on-this-page = En esta página
doc-related = Documentos relacionados
doc-history = Historial de cambios
doc-history-shallow = Este es un clon superficial del repositorio: no se muestran los cambios más antiguos.
doc-history-date = Fecha
doc-history-change = Cambio
doc-history-author = Autor
doc-history-commit = Commit
doc-history-removed = eliminado
doc-history-front-matter = solo metadatos
# $command es la orden `git log` que los lista.
doc-history-older =
    { $n ->
        [one] { $n } cambio más antiguo está en el historial del repositorio ({ $command }).
       *[other] { $n } cambios más antiguos están en el historial del repositorio ({ $command }).
    }
doc-referenced-by = Referenciado por
doc-no-backlinks = Ningún otro documento enlaza aquí.
# La lista de documentos (documents.hbs)
doc-list-lead =
    { $n ->
        [one] { $n } documento, agrupado por tipo.
       *[other] { $n } documentos, agrupados por tipo.
    }
doc-id = ID
doc-title = Título
doc-document = Documento
# Responsables (owners.hbs)
doc-owners-lead = Quién es responsable de cada documento y qué revisiones tiene pendientes.
doc-owners-overdue =
    { $n ->
        [one] { $n } vencida
       *[other] { $n } vencidas
    }
doc-owners-due-soon =
    { $n ->
        [one] { $n } próxima a vencer
       *[other] { $n } próximas a vencer
    }
doc-no-owner = (sin responsable)
# El calendario de revisiones (reviews.hbs); $link es el enlace a reviews.ics.
doc-reviews-title = Calendario de revisiones
doc-reviews-lead = Revisiones evaluadas a fecha de { $date }. Suscríbase a { $link } en su aplicación de calendario para recibir cada revisión como un evento de día completo.
doc-reviews-overdue = Vencidas
doc-reviews-due-30 = En los próximos 30 días
doc-reviews-due-90 = En 31 a 90 días
doc-reviews-later = Más adelante
doc-reviews-unscheduled = Sin fecha de revisión
doc-reviews-none = Ninguna.
doc-reviews-by-owner = Por responsable
doc-reviews-next-30 = Próximos 30 días
doc-reviews-31-90 = 31–90 días
# reviews.ics: lo que muestran las aplicaciones de calendario
doc-ics-calendar = { $title }: revisiones
doc-ics-review = Revisión { $id } { $title }
doc-ics-category-review = Revisión del SGSI
doc-ics-exception = La excepción { $id } vence: { $title }
doc-ics-exception-text = Último día de validez de la excepción. Renuévela con una nueva fecha de vencimiento y una nueva aprobación, o ciérrela.
doc-ics-category-exception = Excepción del SGSI
doc-ics-scope = Alcance
doc-ics-approver = Aprobador
doc-ics-file = Archivo
# La versión imprimible (print.hbs, print-document.hbs)
doc-print-title = { $title } (versión imprimible)
doc-print-page-title = Manual imprimible
doc-print-isms = Sistema de Gestión de Seguridad de la Información
doc-print-generated = Generado
doc-print-commit = commit
doc-print-no-vcs = sin control de versiones
doc-print-shown = Mostrado
doc-print-contents = Contenido
doc-print-toc = Índice
doc-print-contents-text = Todos los documentos aprobados y la Declaración de Aplicabilidad
doc-print-back = Volver al manual
doc-print-hint = use la función Imprimir del navegador para guardar un PDF.
doc-print-soa = Declaración de Aplicabilidad
doc-print-control = Control
doc-print-applicable = Aplicable
doc-print-justification = Justificación
doc-print-implemented-by = Implementado por
doc-print-yes = Sí
doc-print-no = No
doc-print-exception = excepción vigente
doc-print-approved = Aprobación
doc-print-reviewed = Revisión
doc-print-reviewed-next = { $last } (próxima: { $next })

## Controls, SoA and frameworks (controls.hbs, control.hbs, soa.hbs, framework*.hbs, matrix.hbs, soa.csv/xlsx)

## Risks and exceptions (risks.hbs, risk.hbs, exceptions.hbs)
