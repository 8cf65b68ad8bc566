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

dash-lead = Sistema de gestión de la seguridad de la información de { $organisation }, ISO/IEC 27001:2022.
dash-summary = Resumen
dash-card-coverage = controles del anexo A cubiertos
dash-coverage-meter = { $percent } % de los controles aplicables implementados
dash-coverage-note = { $applicable } aplicables, { $excluded } excluidos, { $unmapped } sin documento
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
        [one] { $n } vencen en { $days } día
       *[other] { $n } vencen en { $days } días
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
        [one] { $expired } caducada
       *[other] { $expired } caducadas
    }, { $expiring } { $expiring ->
        [one] caduca
       *[other] caducan
    } en { $days ->
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
        [one] { $n } excepción que caduca
       *[other] { $n } excepciones que caducan
    }
dash-due-expired =
    { $n ->
        [one] { $n } excepción caducada
       *[other] { $n } excepciones caducadas
    }
dash-due-nothing = nada
dash-due-separator = {", "}
dash-due-title = { $when }: { $items }
dash-due-summary = Vencimientos: vencido ya, { $overdue }; de { $from } a { $to }, { $ahead }.
dash-legend-documents = revisiones de documentos
dash-legend-risks = revisiones de riesgos
dash-legend-exceptions = caducidad de excepciones
dash-legend-overdue = ; la primera columna reúne todo lo ya vencido (revisiones vencidas, excepciones caducadas).
dash-timeline-table = Vencimientos por mes
dash-col-month = Mes
dash-col-documents = Revisiones de documentos
dash-col-risks = Revisiones de riesgos
dash-col-exceptions = Caducidad de excepciones
dash-risks-above = Riesgos por encima del apetito de riesgo
dash-risks-above-intro = Riesgo residual por encima del apetito de riesgo de { $appetite }; cada uno necesita la aceptación de su propietario del riesgo (ISO/IEC 27001 6.1.3 f).
dash-risks-above-none = Ningún riesgo residual supera el apetito de riesgo de { $appetite }.
dash-col-risk = Riesgo
dash-col-owner = Responsable
dash-col-risk-owner = Propietario del riesgo
dash-col-residual = Riesgo residual
dash-col-accepted = Aceptado
dash-accepted = aceptado
dash-not-accepted = no aceptado
dash-accepted-by = { $by }, { $date }
dash-risk-reviews = Revisiones de riesgos vencidas
dash-col-review-due = Revisión prevista
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

## Controls, SoA and frameworks (controls.hbs, control.hbs, soa.hbs, framework*.hbs, matrix.hbs, soa.csv/xlsx)

## Risks and exceptions (risks.hbs, risk.hbs, exceptions.hbs)
