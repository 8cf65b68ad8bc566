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
doc-type-standard = Estándar
doc-type-procedure = Procedimiento
doc-type-guideline = Guía
doc-type-plan = Plan
doc-type-record = Registro
doc-type-register = Inventario
doc-type-document = Documento
doc-types-policy = Políticas
doc-types-standard = Estándares
doc-types-procedure = Procedimientos
doc-types-guideline = Guías
doc-types-plan = Planes
doc-types-record = Registros
doc-types-register = Inventarios
doc-types-other = Otros documentos
severity-error = error
severity-warning = advertencia
severity-note = nota
md-alert-note = Nota
md-alert-tip = Consejo
md-alert-important = Importante
md-alert-warning = Advertencia
md-alert-caution = Precaución
md-task-done = hecho
md-task-open = pendiente

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
js-diagram-failed = No se ha podido dibujar este diagrama; su código fuente se muestra debajo.

## Dashboard (index.hbs, src/render/pages.rs, src/render/timeline.rs)

dash-lead = Sistema de gestión de la seguridad de la información de { $organisation }, ISO/IEC 27001:2022.
dash-summary = Resumen
dash-card-coverage = controles del anexo A cubiertos
dash-coverage-meter = { $percent } % de los controles aplicables implementados
dash-coverage-note = { $applicable } { $applicable ->
        [one] aplicable
       *[other] aplicables
    }, { $excluded } { $excluded ->
        [one] excluido
       *[other] excluidos
    }, { $unmapped } sin documento
dash-card-documents = documentos
dash-documents-note =
    { $approved ->
        [one] { $approved } aprobado
       *[other] { $approved } aprobados
    }, { $drafts ->
        [one] { $drafts } borrador
       *[other] { $drafts } borradores
    }, { $retired ->
        [one] { $retired } retirado
       *[other] { $retired } retirados
    }
dash-card-overdue = revisiones vencidas
dash-overdue-note =
    { $days ->
        [one] { $n ->
            [one] { $n } vence
           *[other] { $n } vencen
        } en el próximo día
       *[other] { $n ->
            [one] { $n } vence
           *[other] { $n } vencen
        } en los próximos { $days } días
    }
dash-card-risks = riesgos por encima del apetito
dash-risks-note =
    { $unaccepted ->
        [one] { $unaccepted } no aceptado
       *[other] { $unaccepted } no aceptados
    }, { $overdue ->
        [one] { $overdue } revisión de riesgo vencida
       *[other] { $overdue } revisiones de riesgo vencidas
    }, { $count ->
        [one] { $count } riesgo en el registro
       *[other] { $count } riesgos en el registro
    }
dash-card-exceptions = excepciones vigentes
dash-exceptions-note =
    { $expired ->
        [one] { $expired } vencida
       *[other] { $expired } vencidas
    }, { $expiring } { $expiring ->
        [one] vence
       *[other] vencen
    } en los próximos { $days ->
        [one] { $days } día
       *[other] { $days } días
    }, { $count } en total
dash-card-errors = errores
dash-warnings-note =
    { $n ->
        [one] { $n } advertencia
       *[other] { $n } advertencias
    }
dash-timeline = Vencimientos
dash-month =
    { $m ->
        [1] enero
        [2] febrero
        [3] marzo
        [4] abril
        [5] mayo
        [6] junio
        [7] julio
        [8] agosto
        [9] septiembre
        [10] octubre
        [11] noviembre
       *[12] diciembre
    }
dash-month-short =
    { $m ->
        [1] ene
        [2] feb
        [3] mar
        [4] abr
        [5] may
        [6] jun
        [7] jul
        [8] ago
        [9] sept
        [10] oct
        [11] nov
       *[12] dic
    }
dash-month-year = { $month } de { $year }
dash-overdue = Vencido
dash-overdue-short = Vencido
dash-due-documents =
    { $n ->
        [one] { $n } revisión de documento
       *[other] { $n } revisiones de documentos
    }
dash-due-risks =
    { $n ->
        [one] { $n } revisión de riesgo
       *[other] { $n } revisiones de riesgos
    }
dash-due-exceptions =
    { $n ->
        [one] { $n } excepción que vence
       *[other] { $n } excepciones que vencen
    }
dash-due-expired =
    { $n ->
        [one] { $n } excepción vencida
       *[other] { $n } excepciones vencidas
    }
dash-due-nothing = nada
dash-due-separator = {", "}
dash-due-title = { $when }: { $items }
dash-due-summary = Vencimientos: vencido ya, { $overdue }; de { $from } a { $to }, { $ahead }.
dash-legend-documents = revisiones de documentos
dash-legend-risks = revisiones de riesgos
dash-legend-exceptions = vencimiento de excepciones
dash-legend-overdue = ; la primera columna reúne todo lo ya vencido (revisiones vencidas, excepciones vencidas).
dash-timeline-table = Vencimientos por mes
dash-col-month = Mes
dash-col-documents = Revisiones de documentos
dash-col-risks = Revisiones de riesgos
dash-col-exceptions = Vencimiento de excepciones
dash-risks-above = Riesgos por encima del apetito de riesgo
dash-risks-above-intro = Riesgo residual por encima del apetito de riesgo de { $appetite }; cada uno necesita la aceptación de su propietario del riesgo (ISO/IEC 27001 6.1.3 f).
dash-risks-above-none = Ningún riesgo residual supera el apetito de riesgo de { $appetite }.
dash-col-risk = Riesgo
dash-col-owner = Responsable
dash-col-risk-owner = Propietario del riesgo
dash-col-residual = Puntuación residual
dash-col-accepted = Aceptado
dash-accepted = aceptado
dash-not-accepted = no aceptado
dash-accepted-by = { $by }, { $date }
dash-risk-reviews = Revisiones de riesgos vencidas
dash-col-review-due = Vencimiento de la revisión
dash-never-reviewed = nunca revisado
dash-risk-reviews-none = No hay ninguna revisión de riesgo vencida.
dash-col-framework = Marco
dash-col-coverage = Cobertura
dash-col-implemented = Implementados
dash-col-via-mapping = Por correspondencia
dash-col-partial = Parcialmente por correspondencia
dash-col-uncovered = Sin cubrir
dash-col-applicable = Aplicables
dash-fw-meter = { $direct } % implementado, { $covered } % cubierto por correspondencia
dash-overdue-reviews = Revisiones vencidas
dash-col-document = Documento
dash-overdue-reviews-none = No hay ninguna revisión vencida.
dash-due-soon =
    { $days ->
        [one] Revisiones que vencen en { $days } día
       *[other] Revisiones que vencen en { $days } días
    }
dash-due-soon-none =
    { $days ->
        [one] Ninguna revisión vence en el próximo día.
       *[other] Ninguna revisión vence en los próximos { $days } días.
    }
dash-unmapped = Controles sin documento
dash-unmapped-intro = Controles aplicables que ningún documento aprobado implementa.
dash-unmapped-none = Todos los controles aplicables están implementados por un documento aprobado.
dash-search-control = Control
dash-search-risk = Riesgo
dash-search-theme-organizational = Controles organizacionales
dash-search-theme-people = Controles de personas
dash-search-theme-physical = Controles físicos
dash-search-theme-technological = Controles tecnológicos
dash-search-treatment = Tratamiento del riesgo: { $treatment }
dash-search-no-treatment = Sin tratamiento del riesgo
dash-search-residual = { $text } · riesgo residual { $score }
dash-search-treatment-mitigate = mitigar
dash-search-treatment-accept = aceptar
dash-search-treatment-transfer = transferir
dash-search-treatment-avoid = evitar

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
doc-print-isms = Sistema de gestión de la seguridad de la información
doc-print-generated = Generado
doc-print-commit = commit
doc-print-no-vcs = sin control de versiones
doc-print-shown = A fecha de
doc-print-contents = Contenido
doc-print-toc = Índice
doc-print-contents-text = Todos los documentos aprobados y la Declaración de Aplicabilidad
doc-print-contents-split = Todos los documentos aprobados, en una página imprimible por tipo de documento (listadas abajo), y la Declaración de Aplicabilidad
doc-print-contents-volume = Los documentos aprobados que se listan abajo
doc-print-all-parts = Todas las páginas imprimibles
doc-print-volume-part = { $name } (parte { $part } de { $parts })
doc-print-volume-count = { $n ->
    [one] 1 documento
   *[other] { $n } documentos
}
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
ctl-rel-equivalent-to = equivalente a
ctl-rel-equal-to = igual a
ctl-rel-subset-of = subconjunto de
ctl-rel-superset-of = superconjunto de
ctl-rel-intersects-with = se solapa con

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
ctl-col-residual = Puntuación residual
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
risk-cell-colon = { ": " }
risk-cell-separator = { "; " }

# Tratamientos: en risks.yaml (y en risks.csv, que queda en inglés) mitigate, accept, transfer, avoid.
risk-treatment-mitigate = mitigar
risk-treatment-accept = aceptar
risk-treatment-transfer = transferir
risk-treatment-avoid = evitar
risk-register = Registro de riesgos
risk-register-lead = Probabilidad e impacto de 1 a { $scale }; una puntuación residual (probabilidad × impacto) por encima del apetito de riesgo de { $appetite } requiere una aceptación con nombre.
risk-count =
    { $n ->
        [one] { $n } riesgo
       *[other] { $n } riesgos
    }
risk-above-count = { $n } por encima del apetito
risk-without-acceptance-count = { $n } sin aceptación
risk-review-overdue-count =
    { $n ->
        [one] { $n } revisión vencida
       *[other] { $n } revisiones vencidas
    }
risk-inherent-risk = Riesgo inherente
risk-residual-risk = Riesgo residual
risk-heatmap-title = Mapa de calor: { $title }
risk-heatmap-desc =
    { $shown ->
        [one] Probabilidad de 1 a { $scale } hacia arriba, impacto de 1 a { $scale } hacia la derecha; cada celda cuenta los riesgos valorados en ella. { $shown } riesgo mostrado, { $above } por encima del apetito de riesgo de { $appetite }.
       *[other] Probabilidad de 1 a { $scale } hacia arriba, impacto de 1 a { $scale } hacia la derecha; cada celda cuenta los riesgos valorados en ella. { $shown } riesgos mostrados, { $above } por encima del apetito de riesgo de { $appetite }.
    }
risk-cell-label =
    { $n ->
        [one] Probabilidad { $l }, impacto { $i }: { $n } riesgo
       *[other] Probabilidad { $l }, impacto { $i }: { $n } riesgos
    }
risk-cell-list = Probabilidad { $l } × impacto { $i } (puntuación { $score })
risk-axis-impact = Impacto →
risk-axis-likelihood = Probabilidad →
risk-unscored =
    { $n ->
        [one] { $n } riesgo sin probabilidad ni impacto no aparece en el mapa.
       *[other] { $n } riesgos sin probabilidad ni impacto no aparecen en el mapa.
    }
risk-by-cell = Riesgos por celda
risk-legend-label = Colores de los mapas de calor
risk-band-half = { $range }: como máximo la mitad del apetito
risk-band-within = { $range }: dentro del apetito
risk-band-above = { $range }: por encima del apetito
risk-band-twice = { $range }: por encima del doble del apetito
risk-legend-outline = contorno grueso: por encima del apetito
risk-register-heading = Registro
risk-register-order = Primero la puntuación residual más alta: lo que requiere atención va delante.
risk-risk = Riesgo
risk-owner = Propietario del riesgo
risk-treatment = Tratamiento
risk-inherent = Inherente
risk-residual = Residual
risk-acceptance = Aceptación del riesgo
risk-next-review = Próxima revisión
risk-treatment-none = ninguno
risk-badge-above = por encima del apetito
risk-badge-acceptance-missing = falta la aceptación
risk-badge-acceptance-date-missing = falta la fecha de aceptación
risk-badge-never-reviewed = nunca revisado
risk-register-empty = El registro no contiene ningún riesgo.
risk-breadcrumb = Ruta de navegación
risk-handbook = Manual
risk-assessment = Apreciación del riesgo
risk-treatment-none-decided = sin decidir
risk-inherent-score = Puntuación inherente
risk-residual-score = Puntuación residual
risk-pair = (probabilidad { $l } × impacto { $i })
risk-pair-as-inherent = (probabilidad { $l } × impacto { $i }, sin evaluación del riesgo residual: igual que el inherente)
risk-appetite = Apetito de riesgo
risk-last-reviewed = Última revisión
risk-review-every =
    { $n ->
        [one] (cada mes)
       *[other] (cada { $n } meses)
    }
risk-source = Fuente
risk-treatment-controls = Controles del tratamiento
risk-control = Control
risk-implementation = Estado de implementación
risk-implemented-by = Implementado por
risk-badge-unknown-control = control desconocido
risk-badge-excluded = excluido
risk-more-documents = … y { $n } más en
risk-more-documents-link = la página del control
risk-no-approved-document = ningún documento aprobado
risk-no-controls = El tratamiento no indica ningún control.
risk-exceptions-heading = Excepciones relativas a este riesgo
exc-lead = Desviaciones aprobadas respecto a los controles, cada una válida hasta su fecha de vencimiento inclusive.
exc-count =
    { $n ->
        [one] { $n } excepción
       *[other] { $n } excepciones
    }
exc-expired-count =
    { $n ->
        [one] { $n } vencida
       *[other] { $n } vencidas
    }
exc-expiring-count = { $n } por vencer
exc-exception = Excepción
exc-controls = Controles
exc-scope = Alcance
exc-reason = Motivo
exc-compensating = Controles compensatorios
exc-risk = Riesgo
exc-approved = Aprobación
exc-expires = Vencimiento
exc-badge-not-approved = no aprobada
exc-badge-expired = vencida
exc-badge-expiring-today = vence hoy
exc-badge-expiring-in =
    { $n ->
        [one] vence en { $n } día
       *[other] vence en { $n } días
    }
exc-badge-active = vigente
exc-badge-no-expiry = sin vencimiento
exc-empty = exceptions.yaml no contiene ninguna excepción.
