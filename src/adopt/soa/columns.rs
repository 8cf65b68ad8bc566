//! Which column of an SoA holds what: the control ids found by their content, the other
//! columns by their headers in English, German and French, or as `--columns` names them.

use super::read::{column_index, column_name, Sheet};
use super::values::{id_at_start, words, IdMeaning, IdWritten};
use crate::catalog::Catalog;
use serde::Serialize;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Control,
    Title,
    Applicable,
    Justification,
    /// The justification of an exclusion, in its own column.
    Exclusion,
    /// One reason for including a control, ticked per row (`LR`, `CO`, `BR/BP`, `RRA`).
    Reason(Reason),
    Status,
    Documents,
    Note,
}

/// The reasons ISO 27001 6.1.3 d names for including a control, as consultants' workbooks
/// tick them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    Legal,
    Contractual,
    Business,
    Risk,
}

impl Reason {
    pub fn text(self) -> &'static str {
        match self {
            Reason::Legal => "Legal requirement",
            Reason::Contractual => "Contractual obligation",
            Reason::Business => "Business requirement",
            Reason::Risk => "Risk treatment",
        }
    }
}

impl Role {
    /// The names `--columns` takes.
    pub const NAMES: [(&'static str, Role); 8] = [
        ("control", Role::Control),
        ("title", Role::Title),
        ("applicable", Role::Applicable),
        ("justification", Role::Justification),
        ("exclusion", Role::Exclusion),
        ("status", Role::Status),
        ("documents", Role::Documents),
        ("note", Role::Note),
    ];

    pub fn name(self) -> &'static str {
        match self {
            Role::Reason(Reason::Legal) => "reason: legal",
            Role::Reason(Reason::Contractual) => "reason: contractual",
            Role::Reason(Reason::Business) => "reason: business",
            Role::Reason(Reason::Risk) => "reason: risk",
            r => Role::NAMES
                .iter()
                .find(|(_, x)| *x == r)
                .map_or("", |(n, _)| n),
        }
    }

    /// Roles a sheet may have several columns of (two document columns, notes and comments).
    fn many(self) -> bool {
        matches!(
            self,
            Role::Documents | Role::Note | Role::Justification | Role::Reason(_)
        )
    }
}

/// `control=A,status=F,documents=G` (letters or 1-based numbers).
pub fn parse_overrides(s: &str) -> Result<Vec<(Role, usize)>, String> {
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((name, col)) = part.split_once('=') else {
            return Err(format!("`{part}`: write role=column, e.g. status=F"));
        };
        let name = name.trim().to_ascii_lowercase();
        let role = Role::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, r)| *r)
            .ok_or_else(|| {
                let names: Vec<&str> = Role::NAMES.iter().map(|(n, _)| *n).collect();
                format!(
                    "`{name}` is not a column adopt --soa reads; use one of {}",
                    names.join(", ")
                )
            })?;
        let idx = column_index(col)
            .ok_or_else(|| format!("`{col}` is not a column: use a letter (F) or a number (6)"))?;
        if !role.many() && out.iter().any(|(r, _)| *r == role) {
            return Err(format!(
                "{name} is named twice; a sheet has one {name} column"
            ));
        }
        if out.iter().any(|(_, c)| *c == idx) {
            return Err(format!(
                "column {} is named twice; give each column one role",
                column_name(idx)
            ));
        }
        out.push((role, idx));
    }
    Ok(out)
}

/// How many cells of column `col` start with a control id (of either edition, not a clause).
pub fn control_ids(sheet: &Sheet, col: usize, catalog: &Catalog) -> usize {
    ids_in(sheet, col, catalog)
}

/// What a header says of its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    Role(Role),
    /// Known, and not imported: owner, theme, review date, other frameworks' mappings.
    NotImported,
    /// Not a header adopt knows.
    Unknown,
}

/// The role a header names, if any.
pub fn role_of_header(header: &str) -> Header {
    match header_role(header) {
        Ok(Some(r)) => Header::Role(r),
        Ok(None) => Header::Unknown,
        Err(()) => Header::NotImported,
    }
}

fn header_role(header: &str) -> Result<Option<Role>, ()> {
    let w = words(header);
    if w.is_empty() {
        return Ok(None);
    }
    // ismsbook's own export, in any shipped language.
    match super::own::header(&w) {
        Some(Header::Role(r)) => return Ok(Some(r)),
        Some(Header::NotImported) => return Err(()),
        Some(Header::Unknown) | None => {}
    }
    let has = |keys: &[&str]| keys.iter().any(|k| w.contains(k));
    let word = |keys: &[&str]| w.split([' ', '/', '.']).any(|x| keys.contains(&x));
    if let Some(reason) = reason_header(&w) {
        return Ok(Some(Role::Reason(reason)));
    }
    const WHY: &[&str] = &[
        "justif",
        "reason",
        "rationale",
        "begründ",
        "grund",
        "motif",
        "raison",
        "why",
    ];
    if has(WHY) {
        // "for inclusion/exclusion" holds the reasons of both: the justification.
        let exclusion = has(&[
            "exclu",
            "ausschluss",
            "nicht anwendbar",
            "nicht-anwendbar",
            "non applic",
            "non-applic",
            "not applicable",
        ]);
        let inclusion = has(&["inclu", "selection", "sélection", "auswahl", "einbezieh"]);
        return Ok(Some(if exclusion && !inclusion {
            Role::Exclusion
        } else {
            Role::Justification
        }));
    }
    // How a control is implemented, in words: a note, not the status.
    if has(&[
        "implement",
        "umsetzung",
        "umgesetzt",
        "mise en œuvre",
        "mise en oeuvre",
    ]) && has(&[
        "detail",
        "descri",
        "how",
        "explanation",
        "approach",
        "beschreibung",
        "erläuterung",
        "wie ",
    ]) {
        return Ok(Some(Role::Note));
    }
    if has(&[
        "note",
        "comment",
        "remark",
        "bemerk",
        "kommentar",
        "anmerk",
        "remarque",
        "observation",
        "hinweis",
    ]) {
        return Ok(Some(Role::Note));
    }
    if has(&[
        "owner",
        "verantwort",
        "propriétaire",
        "responsable",
        "review",
        "überprüf",
        "revue",
        "theme",
        "thema",
        "thème",
        "categor",
        "kategorie",
        "catégorie",
        "nist",
        "cis ",
        "mapping",
        "objective",
        "zielsetzung",
        "objectif",
        "attribut",
        "datum",
        "date",
        "priority",
        "priorität",
        "priorité",
        "risk",
        "risiko",
        // The exceptions in force (soa.csv's last column): exceptions.yaml holds them.
        "exception",
        "ausnahme",
        "dérogation",
        "derogation",
        "waiver",
        "cost",
        "kosten",
        "coût",
    ]) || w == "cis"
        || w.starts_with("cis ")
    {
        return Err(());
    }
    let control_word = word(&[
        "control",
        "controls",
        "contrôle",
        "controle",
        "maßnahme",
        "massnahme",
        "mesure",
        "kontrolle",
    ]);
    if !control_word
        && has(&[
            "document",
            "dokument",
            "polic",
            "richtlinie",
            "procedure",
            "verfahren",
            "procédure",
            "evidence",
            "nachweis",
            "preuve",
            "reference",
            "referenz",
            "référence",
            "link",
            "implemented by",
            "umgesetzt durch",
            "mis en œuvre par",
            "politique",
            "regelung",
            "artefact",
            "artifact",
            "source",
        ])
    {
        return Ok(Some(Role::Documents));
    }
    if has(&[
        "status",
        "statut",
        "état",
        "etat",
        "umsetzung",
        "umgesetzt",
        "implement",
        "mise en",
        "mis en",
        "maturity",
        "reifegrad",
        "maturité",
        "progress",
        "fortschritt",
    ]) {
        return Ok(Some(Role::Status));
    }
    if has(&[
        "applicab",
        "applies",
        "anwendbar",
        "selected",
        "included",
        "inclu",
        "scope",
        "ausgewählt",
        "relevant",
        "retenu",
        "y/n",
        "j/n",
        "o/n",
    ]) {
        return Ok(Some(Role::Applicable));
    }
    if has(&[
        "title",
        "titel",
        "titre",
        "intitul",
        "name",
        "bezeichnung",
        "summary",
        "description",
        "beschreibung",
        "libellé",
        "wording",
    ]) || word(&["nom"])
    {
        return Ok(Some(Role::Title));
    }
    if control_word
        || has(&[
            "clause", "annex", "anhang", "iso", "number", "nummer", "numéro",
        ])
        || word(&["id", "ref", "nr", "no", "n°", "#", "ctrl"])
    {
        return Ok(Some(Role::Control));
    }
    Ok(None)
}

fn reason_header(w: &str) -> Option<Reason> {
    Some(match w {
        "lr" | "legal" | "legal requirement" | "legal requirements" | "gesetzlich" | "légal" => {
            Reason::Legal
        }
        "co"
        | "cr"
        | "contractual"
        | "contractual obligation"
        | "contractual obligations"
        | "contractual requirement"
        | "vertraglich"
        | "contractuel" => Reason::Contractual,
        "br"
        | "bp"
        | "br/bp"
        | "br/bp)"
        | "business"
        | "business requirement"
        | "business requirements"
        | "best practice"
        | "geschäftlich" => Reason::Business,
        "rra"
        | "ra"
        | "risk assessment"
        | "results of risk assessment"
        | "risk treatment"
        | "risikobehandlung" => Reason::Risk,
        _ => return None,
    })
}

/// The columns of one sheet, as found.
#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    /// Index in `sheet.rows` of the header row, when one was found.
    #[serde(skip)]
    pub header: Option<usize>,
    /// Index in `sheet.rows` of the first row with a control id.
    #[serde(skip)]
    pub first: usize,
    pub columns: Vec<Column>,
    /// Columns with a header that are not imported, with the header.
    pub ignored: Vec<Ignored>,
    /// The control column lists the clauses of ISO/IEC 27001 too (a bare `4.1`): its bare
    /// ids are clauses, and only ids written with `A` are controls.
    #[serde(skip)]
    pub clauses: bool,
}

/// A column with a header that is not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ignored {
    /// `E`.
    pub column: String,
    pub header: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub role: Role,
    pub index: usize,
    /// `C "Applicable?"`, or `C (--columns)`.
    pub described: String,
}

impl Layout {
    pub fn of(&self, role: Role) -> impl Iterator<Item = usize> + '_ {
        self.columns
            .iter()
            .filter(move |c| c.role == role)
            .map(|c| c.index)
    }

    pub fn first_of(&self, role: Role) -> Option<usize> {
        self.of(role).next()
    }
}

/// Whether column `col` lists clauses of ISO/IEC 27001 (a bare `4.1`–`4.4`, which no Annex A
/// has): a toolkit's clauses sheet, or clauses above the controls in one sheet.
pub fn lists_clauses(sheet: &Sheet, col: usize) -> bool {
    sheet
        .rows
        .iter()
        .filter_map(|r| r.cells.get(col))
        .filter_map(|c| id_at_start(&c.text))
        .any(|id| id.is_clause_4())
}

/// Whether `id` names a control of either edition, not a clause (`5.1 Leadership and
/// commitment`, or any bare id in a column that lists clauses).
fn names_control(id: &IdWritten, clauses: bool, catalog: &Catalog) -> bool {
    !matches!(id.meaning(catalog), IdMeaning::Unknown(_))
        && id.clause(&id.rest, clauses, catalog).is_none()
}

/// How many cells of column `col` start with an id that names a control of either edition.
fn ids_in(sheet: &Sheet, col: usize, catalog: &Catalog) -> usize {
    let clauses = lists_clauses(sheet, col);
    sheet
        .rows
        .iter()
        .filter_map(|r| r.cells.get(col))
        .filter_map(|c| id_at_start(&c.text))
        .filter(|id| names_control(id, clauses, catalog))
        .count()
}

/// The column with the most control ids; among equals the one with the least other text (an
/// id column rather than `5.1 Policies …` titles), then the leftmost.
pub fn control_column(sheet: &Sheet, catalog: &Catalog) -> Option<(usize, usize)> {
    let width = sheet.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    (0..width)
        .map(|col| {
            let extra: usize = sheet
                .rows
                .iter()
                .filter_map(|r| r.cells.get(col))
                .filter_map(|c| id_at_start(&c.text))
                .map(|id| id.rest.len())
                .sum();
            (col, ids_in(sheet, col, catalog), extra)
        })
        .filter(|&(_, n, _)| n > 0)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)).then(b.0.cmp(&a.0)))
        .map(|(col, n, _)| (col, n))
}

/// The layout of a sheet whose control column is `control` (found, or from `--columns`).
pub fn layout(
    sheet: &Sheet,
    control: usize,
    overrides: &[(Role, usize)],
    catalog: &Catalog,
) -> Layout {
    let clauses = lists_clauses(sheet, control);
    let first = sheet
        .rows
        .iter()
        .position(|r| {
            r.cells
                .get(control)
                .and_then(|c| id_at_start(&c.text))
                .is_some_and(|id| names_control(&id, clauses, catalog))
        })
        .unwrap_or(0);
    // The header: the nearest row above the first id with a recognised header in it, among
    // the six rows above it that hold no id. A row with an id (a clause, a control of no
    // edition) is a row of the table, whose `Implemented` or `Information Security Policy`
    // is no header.
    let header = (0..first)
        .rev()
        .filter(|&i| {
            sheet.rows[i]
                .cells
                .get(control)
                .is_none_or(|c| id_at_start(&c.text).is_none())
        })
        .take(6)
        .find(|&i| {
            sheet.rows[i].cells.iter().enumerate().any(|(c, cell)| {
                c != control && matches!(role_of_header(&cell.text), Header::Role(_))
            })
        });
    let header_text = |col: usize| -> String {
        let Some(h) = header else {
            return String::new();
        };
        let here = sheet.rows[h].cells.get(col).map_or("", |c| c.text.as_str());
        if !here.is_empty() || h == 0 {
            return here.to_owned();
        }
        // A group title merged over several columns sits in the row above.
        sheet.rows[h - 1]
            .cells
            .get(col)
            .map_or(String::new(), |c| c.text.clone())
    };
    let width = sheet.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut columns = vec![Column {
        role: Role::Control,
        index: control,
        described: describe(control, &header_text(control), overrides),
    }];
    let mut ignored = Vec::new();
    let overridden: Vec<usize> = overrides.iter().map(|(_, c)| *c).collect();
    for col in 0..width {
        if col == control {
            continue;
        }
        let text = header_text(col);
        if let Some((role, _)) = overrides.iter().find(|(_, c)| *c == col) {
            columns.push(Column {
                role: *role,
                index: col,
                described: describe(col, &text, overrides),
            });
            continue;
        }
        let role = match role_of_header(&text) {
            // A second id column (`Maßnahme` over the titles) holds text about the control.
            Header::Role(Role::Control) => Some(Role::Title),
            Header::Role(r) => Some(r),
            Header::NotImported | Header::Unknown => None,
        };
        let taken = |r: Role| {
            overrides.iter().any(|(o, _)| *o == r) && !overridden.contains(&col)
                || (!r.many() && columns.iter().any(|c| c.role == r))
        };
        match role {
            Some(r) if !taken(r) => columns.push(Column {
                role: r,
                index: col,
                described: describe(col, &text, overrides),
            }),
            _ if !text.is_empty() => ignored.push(Ignored {
                column: column_name(col),
                header: text,
            }),
            _ => {}
        }
    }
    columns.sort_by_key(|c| c.index);
    Layout {
        header,
        first,
        columns,
        ignored,
        clauses,
    }
}

fn describe(col: usize, header: &str, overrides: &[(Role, usize)]) -> String {
    let name = column_name(col);
    if overrides.iter().any(|(_, c)| *c == col) {
        format!("{name} (--columns)")
    } else if header.is_empty() {
        name
    } else {
        format!("{name} {:?}", header.replace('\n', " "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adopt::soa::read::{Cell, Row};

    fn role(h: &str) -> Option<Role> {
        match role_of_header(h) {
            Header::Role(r) => Some(r),
            _ => None,
        }
    }

    #[test]
    fn headers_in_english_german_and_french() {
        use Role::*;
        for (h, want) in [
            ("Control", Some(Control)),
            ("ISO 27001 Control", Some(Control)),
            ("Control No.", Some(Control)),
            ("Nr.", Some(Control)),
            ("Control title", Some(Title)),
            ("Control Summary", Some(Title)),
            ("Maßnahme", Some(Control)),
            ("Mesure", Some(Control)),
            ("Applicable?", Some(Applicable)),
            ("Applicable (Y/N)", Some(Applicable)),
            ("Anwendbar", Some(Applicable)),
            ("Applicabilité", Some(Applicable)),
            ("Justification", Some(Justification)),
            ("Justification for inclusion", Some(Justification)),
            ("Justification for exclusion", Some(Exclusion)),
            ("Justification for inclusion/exclusion", Some(Justification)),
            ("Reason for inclusion or exclusion", Some(Justification)),
            ("Begründung für Nicht-Anwendbarkeit", Some(Exclusion)),
            ("Implementation details", Some(Note)),
            ("How implemented", Some(Note)),
            ("Implementation description", Some(Note)),
            ("Beschreibung der Umsetzung", Some(Note)),
            ("Umgesetzt?", Some(Status)),
            ("Begründung", Some(Justification)),
            ("Begründung für Ausschluss", Some(Exclusion)),
            ("Reason for selection", Some(Justification)),
            ("Implementation status", Some(Status)),
            ("Umsetzungsstatus", Some(Status)),
            ("Statut", Some(Status)),
            ("Implemented?", Some(Status)),
            ("Implementing documents", Some(Documents)),
            ("Hack23 Policy/Evidence / Planned Action", Some(Documents)),
            ("Dokument", Some(Documents)),
            ("Référence", Some(Documents)),
            ("Notes", Some(Note)),
            ("Bemerkungen", Some(Note)),
            ("Commentaire", Some(Note)),
            ("LR", Some(Reason(super::Reason::Legal))),
            ("BR/BP", Some(Reason(super::Reason::Business))),
            ("RRA", Some(Reason(super::Reason::Risk))),
            ("Something else", None),
        ] {
            assert_eq!(role(h), want, "{h}");
        }
        for h in [
            "Owner",
            "Owners",
            "Next review",
            "NIST CSF 2.0 Mapping",
            "CIS v8.1 Mapping",
            "Theme",
            "Linked risks",
            "Risk reference",
            "Exceptions",
            "Ausnahmen",
            "Dérogations",
        ] {
            assert_eq!(role_of_header(h), Header::NotImported, "{h}");
        }
    }

    #[test]
    fn overrides_by_letter_or_number() {
        assert_eq!(
            parse_overrides("control=A, status=F,documents=7").unwrap(),
            [(Role::Control, 0), (Role::Status, 5), (Role::Documents, 6)]
        );
        assert!(parse_overrides("state=F").unwrap_err().contains("status"));
        assert!(parse_overrides("status=F1").is_err());
        assert!(parse_overrides("status").is_err());
        assert!(parse_overrides("status=B,status=C")
            .unwrap_err()
            .contains("status is named twice"));
        assert!(parse_overrides("status=B,note=2")
            .unwrap_err()
            .contains("column B is named twice"));
        assert_eq!(
            parse_overrides("documents=B,documents=C").unwrap(),
            [(Role::Documents, 1), (Role::Documents, 2)]
        );
    }

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: "t".into(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| Row {
                    number: i as u32 + 1,
                    cells: r
                        .iter()
                        .map(|t| Cell {
                            text: (*t).into(),
                            ..Cell::default()
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_id_column_is_found_by_content_and_the_header_above_the_first_id() {
        let c = Catalog::iso27001_2022();
        let s = sheet(&[
            &["Statement of Applicability — Acme Ltd", "", "", ""],
            &["", "", "", ""],
            &[
                "Maßnahme",
                "Nr.",
                "Anwendbar",
                "Umsetzungsstatus",
                "Verantwortlich",
            ],
            &[
                "Informationssicherheitsrichtlinien",
                "5.1",
                "ja",
                "umgesetzt",
                "CISO",
            ],
            &[
                "Informationssicherheitsrollen",
                "5.2",
                "ja",
                "teilweise",
                "CISO",
            ],
        ]);
        let (col, n) = control_column(&s, c).unwrap();
        assert_eq!((col, n), (1, 2));
        let l = layout(&s, col, &[], c);
        assert_eq!((l.header, l.first), (Some(2), 3));
        let roles: Vec<(Role, usize)> = l.columns.iter().map(|c| (c.role, c.index)).collect();
        assert_eq!(
            roles,
            [
                (Role::Title, 0),
                (Role::Control, 1),
                (Role::Applicable, 2),
                (Role::Status, 3)
            ]
        );
        assert_eq!(
            l.ignored,
            [Ignored {
                column: "E".into(),
                header: "Verantwortlich".into()
            }]
        );
    }

    #[test]
    fn overrides_win_over_headers() {
        let c = Catalog::iso27001_2022();
        let s = sheet(&[
            &["Control", "Status", "Custom"],
            &["A.5.1", "Implemented", "Planned"],
        ]);
        let l = layout(&s, 0, &[(Role::Status, 2)], c);
        let roles: Vec<(Role, usize)> = l.columns.iter().map(|c| (c.role, c.index)).collect();
        assert_eq!(roles, [(Role::Control, 0), (Role::Status, 2)]);
        assert_eq!(
            l.ignored,
            [Ignored {
                column: "B".into(),
                header: "Status".into()
            }]
        );
    }
}
