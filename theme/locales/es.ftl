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

## Controls, SoA and frameworks (controls.hbs, control.hbs, soa.hbs, framework*.hbs, matrix.hbs, soa.csv/xlsx)

## Risks and exceptions (risks.hbs, risk.hbs, exceptions.hbs)
