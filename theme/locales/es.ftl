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

# Temas del anexo A (A.5 … A.8) y estados de implementación, como los muestran páginas y exportaciones.
ctl-theme-5 = Controles organizacionales
ctl-theme-6 = Controles de personas
ctl-theme-7 = Controles físicos
ctl-theme-8 = Controles tecnológicos
ctl-impl-implemented = Implementado
ctl-impl-partial = Implementado parcialmente
ctl-impl-planned = Planificado
ctl-impl-not-implemented = No implementado
ctl-cov-not-applicable = No aplicable
ctl-cov-implemented = Implementado
ctl-cov-via-mapping = Cubierto por correspondencia
ctl-cov-partial-via-mapping = Cubierto parcialmente por correspondencia
ctl-cov-uncovered = No cubierto
ctl-attr-control-type = Tipo de control
ctl-attr-properties = Propiedades de seguridad de la información
ctl-attr-concepts = Conceptos de ciberseguridad
ctl-attr-capabilities = Capacidades operativas
ctl-attr-domains = Dominios de seguridad
ctl-handbook = Manual
ctl-breadcrumb = Ruta de navegación
ctl-annex-a = Controles del anexo A
ctl-annex-a-name = ISO/IEC 27001:2022 anexo A
ctl-soa-standard-name = ISO/IEC 27001:2022, anexo A
ctl-controls-lead = ISO/IEC 27001:2022 anexo A: { $covered } de { $applicable } controles aplicables están implementados por un documento aprobado ({ $excluded } { $excluded ->
        [one] excluido
       *[other] excluidos
    }).
ctl-col-control = Control
ctl-col-title = Título
ctl-col-applicable = Aplicable
ctl-col-implemented-by = Implementado por
ctl-col-document = Documento
ctl-col-owner = Responsable
ctl-col-owners = Responsables
ctl-col-next-review = Próxima revisión
ctl-col-status = Estado
ctl-col-risk = Riesgo
ctl-col-residual = Riesgo residual
ctl-col-exception = Excepción
ctl-col-scope = Alcance
ctl-col-expires = Vence
ctl-col-framework = Marco
ctl-col-coverage = Cobertura
ctl-col-requirement = Requisito
ctl-col-relationship = Relación
ctl-col-implemented = Implementado
ctl-col-coverage-given = Cobertura aportada
ctl-col-mapping = Correspondencia
ctl-col-via-mapping = Cubierto por correspondencia
ctl-col-partial-via-mapping = Parcialmente por correspondencia
ctl-col-not-covered = No cubierto
ctl-col-not-applicable = No aplicable
ctl-col-from = De
ctl-col-to = A
ctl-col-file = Archivo
ctl-col-entries = Entradas
ctl-col-now-part-of = Ahora parte de
ctl-yes = Sí
ctl-no = No
ctl-yes-short = sí
ctl-excluded = excluido
ctl-no-excluded = No — excluido
ctl-unmapped = sin documento
ctl-documents =
    { $n ->
        [one] { $n } documento
       *[other] { $n } documentos
    }
ctl-applicability = Aplicabilidad
ctl-justification = Justificación
ctl-implementation = Estado de implementación
ctl-note = Nota
ctl-no-document = Ningún documento aprobado implementa este control.
ctl-not-in-force = También lo citan documentos no vigentes
ctl-risks-treated = Riesgos tratados
ctl-above-appetite = por encima del apetito de riesgo
ctl-exceptions-in-force = Excepciones vigentes
ctl-mapped = Controles correspondientes de otros marcos
ctl-mapped-reversed = (entrada leída desde el otro lado)
ctl-mapped-implemented = implementado
ctl-mapped-not-implemented = no implementado
ctl-mapped-not-applicable = no aplicable
ctl-gives-full = cubre
ctl-gives-partial = cubre en parte
ctl-soa = Declaración de Aplicabilidad
ctl-soa-organisation = Organización
ctl-soa-standard = Norma
ctl-soa-generated = Generada
ctl-soa-version = Versión del manual
ctl-soa-commit = commit
ctl-soa-no-vcs = sin control de versiones
ctl-soa-summary = Resumen
ctl-soa-summary-text = { $applicable } { $applicable ->
        [one] aplicable
       *[other] aplicables
    } ({ $implemented } { $implemented ->
        [one] implementado
       *[other] implementados
    } por un documento aprobado), { $excluded } { $excluded ->
        [one] excluido
       *[other] excluidos
    }
ctl-soa-download-xlsx = Descargar como libro de Excel
ctl-soa-download-csv = como CSV
ctl-soa-download-note = (ambos se abren en Excel y LibreOffice)
ctl-soa-exception-in-force = Excepción vigente:
# La justificación que soa.csv y soa.xlsx dan a un control sin una propia; `ismsbook adopt --soa`
# la reconoce (en cada idioma incluido) y no la importa.
ctl-soa-derived = Implementado por los documentos indicados
# Los riesgos que trata un control, tras su justificación; adopt --soa los quita de nuevo.
ctl-soa-treats = Trata { $risks }
ctl-soa-then = { $written }. { $treats }
# Columnas de soa.csv y soa.xlsx; adopt --soa vuelve a leer estos encabezados en cada idioma incluido.
ctl-soa-col-control = Control
ctl-soa-col-theme = Tema
ctl-soa-col-title = Título
ctl-soa-col-applicable = Aplicable
ctl-soa-col-justification = Justificación
ctl-soa-col-status = Estado de implementación
ctl-soa-col-documents = Documentos que lo implementan
ctl-soa-col-owners = Responsables
ctl-soa-col-next-review = Próxima revisión
ctl-soa-col-exceptions = Excepciones
# Columnas de frameworks/<id>/applicability.csv (las demás son las de la DdA).
ctl-fw-col-group = Grupo
ctl-fw-col-coverage = Cobertura
ctl-fw-col-mapped-via = Correspondencia vía
ctl-fw-partly = { $mapping }, en parte
ctl-fw-lead-start = Cobertura de cada marco.
ctl-fw-lead-implemented = Implementado
ctl-fw-lead-counts = cuenta los requisitos que cita un documento aprobado;
ctl-fw-lead-via = cubierto por correspondencia
ctl-fw-lead-and = y
ctl-fw-lead-partial = parcialmente por correspondencia
ctl-fw-lead-derived = se derivan de tablas de correspondencia con controles implementados de otro marco y nunca cuentan como implementados.
ctl-fw-stack = { $implemented } implementados, { $via } cubiertos por correspondencia, { $partial } parcialmente por correspondencia, { $uncovered } no cubiertos
ctl-fw-stack-of = { $implemented } implementados, { $via } cubiertos por correspondencia, { $partial } parcialmente por correspondencia, { $uncovered } no cubiertos, de { $applicable } aplicables
ctl-legend-implemented = Implementado
ctl-legend-via = Cubierto por correspondencia
ctl-legend-partial = Parcialmente por correspondencia
ctl-legend-uncovered = No cubierto
ctl-crosswalks = Tablas de correspondencia
ctl-no-crosswalk = No se ha declarado ninguna tabla de correspondencia ([[mappings]] en ismsbook.toml).
ctl-matrix = Documentos × marcos
ctl-matrix-lead = Los controles que cita cada documento, por marco.
ctl-fw-prefix = Prefijo
ctl-fw-catalog-version = versión del catálogo
ctl-fw-applicability-from = aplicabilidad según
ctl-fw-of-applicable = de { $n } requisitos aplicables,
ctl-fw-implemented-by-doc = implementados por un documento aprobado,
ctl-fw-via = cubiertos por correspondencia,
ctl-fw-partial = parcialmente por correspondencia,
ctl-fw-uncovered = no cubiertos
ctl-fw-not-applicable = { $n } { $n ->
        [one] no aplicable
       *[other] no aplicables
    }
ctl-fw-controls = Controles
ctl-fw-other-controls = Otros controles
ctl-withdrawn-controls = Controles retirados ({ $n })
ctl-withdrawn-from = Retirado de { $name }.
ctl-now-part-of = Ahora parte de:
ctl-id-in-documents = Identificador en documentos
ctl-decided-in = Decidido en
ctl-derived-note = derivado de una tabla de correspondencia, no implementado por un documento propio
ctl-grouping-note = Se cuenta por los controles que contiene, no por { $id } en sí
ctl-controls-in = Controles de { $id }

## Risks and exceptions (risks.hbs, risk.hbs, exceptions.hbs)
