//! The rows of the chosen sheets, cell by cell: the control ids, applicability, status,
//! justification, notes and documents of each row, every value not taken as written
//! reported with its cell; then the rows merged per control.

use super::columns::{Layout, Reason, Role};
use super::read::{column_name, Cell, Sheet};
use super::refs::{How, Ref, Targets};
use super::values::{self, IdMeaning, StatusRead, YesNo};
use super::{Imported, Pair, Reported};
use crate::catalog::{Catalog, ControlIdx};
use std::collections::BTreeMap;

/// Reads the rows of the chosen sheet.
pub(super) struct Rows<'a> {
    pub(super) sheet: &'a Sheet,
    pub(super) layout: &'a Layout,
    pub(super) catalog: &'a Catalog,
    pub(super) targets: &'a Targets,
    pub(super) base: &'a str,
    pub(super) unit: &'static str,
    pub(super) sheet_name: Option<String>,
    /// The file is a workbook: a text cell there has every digit as typed.
    pub(super) workbook: bool,
    /// The sheet's control column writes an id ending in 0 (`5.10`) as such: its zeros were
    /// not lost.
    pub(super) zeros_kept: bool,
    /// The control of the row before (for `5.1` after A.5.9).
    pub(super) previous: Option<ControlIdx>,
    pub(super) reported: Vec<Reported>,
    pub(super) unresolved: Vec<Reported>,
}

/// One row's reading, before rows are merged per control.
pub(super) struct RowRead {
    pub(super) controls: Vec<ControlIdx>,
    /// Which row decides a control named on several: 0 for a row naming it alone by its 2022
    /// id, 1 for a row naming it among others (`A.5.1–A.5.3`), 2 for a 2013 id.
    pub(super) rank: u8,
    pub(super) imported: Imported,
}

impl Rows<'_> {
    fn place(&self, row: u32, col: usize) -> String {
        let unit = self.unit;
        match &self.sheet_name {
            Some(sheet) => format!("sheet {sheet:?}, {unit} {row}, column {}", column_name(col)),
            None => format!("{unit} {row}, column {}", column_name(col)),
        }
    }

    fn report(&mut self, row: u32, col: usize, text: &str, why: String, left_out: bool) {
        self.reported.push(Reported {
            cell: self.place(row, col),
            text: text.to_owned(),
            why,
            left_out,
        });
    }

    fn cell(&self, r: usize, col: usize) -> &Cell {
        static EMPTY: Cell = Cell {
            text: String::new(),
            links: Vec::new(),
            numeric: false,
        };
        self.sheet.rows[r].cells.get(col).unwrap_or(&EMPTY)
    }

    /// Every row of the sheet from the first id on.
    pub(super) fn read_sheet(&mut self, read: &mut Vec<RowRead>) {
        let Some(control_col) = self.layout.first_of(Role::Control) else {
            return;
        };
        self.zeros_kept = self.sheet.rows.iter().any(|row| {
            row.cells
                .get(control_col)
                .and_then(|c| values::id_at_start(&c.text))
                .is_some_and(|id| {
                    !id.one_digit_tail
                        && id.parts.len() == 2
                        && id.parts.last().is_some_and(|n| n % 10 == 0)
                        && matches!(id.meaning(self.catalog), IdMeaning::Control(_))
                })
        });
        for r in self.layout.first..self.sheet.rows.len() {
            let previous = self.previous;
            let number = self.sheet.rows[r].number;
            let id_text = self.cell(r, control_col).text.clone();
            let Some(id) = values::id_at_start(&id_text) else {
                self.skipped_row(r, control_col);
                continue;
            };
            let title = self
                .layout
                .first_of(Role::Title)
                .map(|c| self.cell(r, c).text.as_str())
                .filter(|t| !t.is_empty())
                .unwrap_or(&id.rest);
            if let Some(clause) = id.clause(title, self.layout.clauses, self.catalog) {
                let why = format!(
                    "clause {} of ISO/IEC 27001 ({}), not an Annex A control; the row is not imported",
                    clause.id, clause.title
                );
                self.report(number, control_col, &id_text, why, true);
                continue;
            }
            let (mut controls, mut rank) = match id.meaning(self.catalog) {
                IdMeaning::Control(mut idx) => {
                    if let Some((with_zero, why)) = self.lost_zero(r, &id, idx, previous) {
                        let why = format!(
                            "read as {}: {why} (a spreadsheet turns 5.10 into the number 5.1)",
                            self.catalog.control(with_zero).id
                        );
                        self.report(number, control_col, &id_text, why, false);
                        idx = with_zero;
                    }
                    self.check_title(r, idx);
                    self.previous = Some(idx);
                    (vec![idx], 0)
                }
                IdMeaning::From2013(old, new) => {
                    let ids: Vec<&str> = new
                        .iter()
                        .map(|&i| self.catalog.control(i).id.as_str())
                        .collect();
                    self.report(
                        number,
                        control_col,
                        &id_text,
                        format!(
                            "{old} is an ISO/IEC 27001:2013 control; imported as {}",
                            ids.join(" and ")
                        ),
                        false,
                    );
                    (new, 2)
                }
                IdMeaning::Unknown(written) => {
                    self.report(
                        number,
                        control_col,
                        &id_text,
                        format!("{written} is not an Annex A control of ISO/IEC 27001:2022 or 2013; the row is not imported"),
                        true,
                    );
                    continue;
                }
            };
            let more = values::more_ids(&id);
            if !more.is_empty() {
                self.more_controls(r, control_col, &id_text, &more, &mut controls);
                rank = rank.max(1);
            }
            let imported = self.row(r, &controls, &id_text);
            read.push(RowRead {
                controls,
                rank,
                imported,
            });
        }
    }

    /// The controls of a cell naming several (`A.5.1, A.5.2`, `A.5.18–A.5.20`) after its first:
    /// the row applies to each, and that is reported.
    fn more_controls(
        &mut self,
        r: usize,
        col: usize,
        text: &str,
        more: &[(values::IdWritten, bool)],
        controls: &mut Vec<ControlIdx>,
    ) {
        let number = self.sheet.rows[r].number;
        for (id, range) in more {
            let from = controls.last().copied();
            match id.meaning(self.catalog) {
                IdMeaning::Control(idx) => {
                    // The controls between the ends of a range within one theme; across
                    // themes (`A.5.37–A.6.1`) only the ends.
                    if let Some(from) = from.filter(|&f| {
                        *range
                            && f < idx
                            && self.catalog.control(f).theme == self.catalog.control(idx).theme
                    }) {
                        controls.extend(from + 1..idx);
                    }
                    controls.push(idx);
                }
                IdMeaning::From2013(old, new) => {
                    let ids: Vec<&str> = new
                        .iter()
                        .map(|&i| self.catalog.control(i).id.as_str())
                        .collect();
                    let why = format!(
                        "{old} is an ISO/IEC 27001:2013 control; imported as {}",
                        ids.join(" and ")
                    );
                    self.report(number, col, text, why, false);
                    controls.extend(new);
                }
                IdMeaning::Unknown(written) => {
                    let why = format!("{written} is not an Annex A control of ISO/IEC 27001:2022 or 2013; the row is imported for the others only");
                    self.report(number, col, text, why, true);
                }
            }
        }
        let mut seen = Vec::new();
        controls.retain(|c| {
            let new = !seen.contains(c);
            seen.push(*c);
            new
        });
        if controls.len() > 1 {
            let ids: Vec<&str> = controls
                .iter()
                .map(|&i| self.catalog.control(i).id.as_str())
                .collect();
            let why = format!(
                "names {} controls; the row is imported for each: {}",
                ids.len(),
                ids.join(", ")
            );
            self.report(number, col, text, why, false);
        }
    }

    /// A row without an id in the control column: a section heading or a blank row passes
    /// silently; a row with values in the imported columns is reported.
    fn skipped_row(&mut self, r: usize, control_col: usize) {
        let data_cols: Vec<usize> = self
            .layout
            .columns
            .iter()
            .filter(|c| !matches!(c.role, Role::Control | Role::Title))
            .map(|c| c.index)
            .collect();
        let has_data = data_cols.iter().any(|&c| !self.cell(r, c).text.is_empty());
        if has_data {
            let text = self.cell(r, control_col).text.clone();
            let number = self.sheet.rows[r].number;
            self.report(
                number,
                control_col,
                &text,
                "no control id in this row; its values are not imported".into(),
                true,
            );
        }
    }

    /// `5.1` read as A.5.10: written with one digit after the dot, right after A.5.9 where a
    /// zero can have been lost (a workbook's number, a sheet that writes no 5.10 itself), or
    /// the title in the row is A.5.10's.
    fn lost_zero(
        &self,
        r: usize,
        id: &values::IdWritten,
        idx: ControlIdx,
        previous: Option<ControlIdx>,
    ) -> Option<(ControlIdx, String)> {
        let with_zero = id.with_trailing_zero(self.catalog)?;
        let title = self
            .layout
            .first_of(Role::Title)
            .map(|c| self.cell(r, c).text.as_str())
            .filter(|t| !t.is_empty())
            .or(Some(id.rest.as_str()).filter(|t| !t.is_empty()));
        if let Some(t) = title {
            let k = values::title_key(t);
            if k == values::title_key(&self.catalog.control(with_zero).title) {
                let title = &self.catalog.control(with_zero).title;
                return Some((with_zero, format!("the row's title is {title:?}")));
            }
            if k == values::title_key(&self.catalog.control(idx).title) {
                return None;
            }
        }
        let typed = self.workbook
            && self
                .layout
                .first_of(Role::Control)
                .is_some_and(|c| !self.cell(r, c).numeric);
        if typed || self.zeros_kept {
            return None;
        }
        let previous = previous.filter(|&p| p + 1 == with_zero)?;
        let why = format!(
            "{} right after {}",
            id.canonical().trim_start_matches("A."),
            self.catalog.control(previous).id
        );
        Some((with_zero, why))
    }

    /// A title in the row that is another control's: reported, the id kept.
    fn check_title(&mut self, r: usize, idx: ControlIdx) {
        let Some(col) = self.layout.first_of(Role::Title) else {
            return;
        };
        let text = self.cell(r, col).text.clone();
        let k = values::title_key(&text);
        if k.is_empty() || k == values::title_key(&self.catalog.control(idx).title) {
            return;
        }
        if let Some(other) = self
            .catalog
            .controls
            .iter()
            .position(|c| values::title_key(&c.title) == k)
        {
            let number = self.sheet.rows[r].number;
            let why = format!(
                "the title is that of {}, the id says {}; imported as {} — check the row",
                self.catalog.control(other).id,
                self.catalog.control(idx).id,
                self.catalog.control(idx).id
            );
            self.report(number, col, &text, why, false);
        }
    }

    fn row(&mut self, r: usize, controls: &[ControlIdx], written: &str) -> Imported {
        let number = self.sheet.rows[r].number;
        let layout = self.layout;
        let mut applicable = None;
        let mut applicable_cell = None;
        let mut reason_in_cell = None;
        if let Some(col) = layout.first_of(Role::Applicable) {
            let text = self.cell(r, col).text.clone();
            if !text.is_empty() {
                applicable_cell = Some((self.place(number, col), text.clone()));
                match values::yes_no(&text) {
                    Some(YesNo::Yes) => applicable = Some(true),
                    Some(YesNo::No | YesNo::NotApplicable) => applicable = Some(false),
                    None => self.report(
                        number,
                        col,
                        &text,
                        "not a yes or no (Yes/No, Ja/Nein, Oui/Non, ✅/❌, N/A); applicability left as it is".into(),
                        true,
                    ),
                }
                reason_in_cell = values::reason_after_yes_no(&text);
                // `Ja (teilweise)`: how far it applies or is done, not why.
                if reason_in_cell
                    .as_deref()
                    .is_some_and(|r| matches!(values::status(r), Some(StatusRead::Status(_))))
                {
                    reason_in_cell = None;
                    let why = "the words after the yes or no say how far, not why: not imported as the justification".into();
                    self.report(number, col, &text, why, true);
                }
            }
        }
        let mut status = None;
        if let Some(col) = layout.first_of(Role::Status) {
            let text = self.cell(r, col).text.clone();
            match values::status(&text) {
                Some(StatusRead::Status(s)) => status = Some(s),
                Some(StatusRead::Nothing) => {}
                Some(StatusRead::Applicable) => {
                    if applicable == Some(false) {
                        let why = "applicable, but the applicability column says it is not; not imported".into();
                        self.report(number, col, &text, why, true);
                    }
                    if applicable.is_none() {
                        applicable = Some(true);
                        applicable_cell = Some((self.place(number, col), text.clone()));
                    }
                }
                Some(StatusRead::NotApplicable) => {
                    if applicable == Some(true) {
                        let why = "not applicable, but the applicability column says it applies; not imported".into();
                        self.report(number, col, &text, why, true);
                    }
                    if applicable.is_none() {
                        applicable = Some(false);
                        applicable_cell = Some((self.place(number, col), text.clone()));
                        if layout.first_of(Role::Applicable).is_some() {
                            self.report(number, col, &text, "read as not applicable".into(), false);
                        }
                    }
                }
                None => self.report(
                    number,
                    col,
                    &text,
                    "not a status (implemented, partial, planned, not implemented, in English, German or French, ✅ ⚠️ ❌, a percentage); status left as it is".into(),
                    true,
                ),
            }
        }
        let texts = |role: Role| -> Vec<String> {
            layout
                .of(role)
                .map(|c| self.cell(r, c).text.clone())
                .filter(|t| !values::says_nothing(t) && !super::own::is_derived(t))
                .collect()
        };
        let mut why = texts(Role::Justification);
        if applicable == Some(false) {
            why.extend(texts(Role::Exclusion));
        }
        let reasons: Vec<&str> = layout
            .columns
            .iter()
            .filter_map(|c| match c.role {
                Role::Reason(reason) => Some((reason, c.index)),
                _ => None,
            })
            .filter(|(_, c)| values::yes_no(&self.cell(r, *c).text) == Some(YesNo::Yes))
            .map(|(reason, _): (Reason, usize)| reason.text())
            .collect();
        if !reasons.is_empty() {
            why.insert(0, reasons.join("; "));
        }
        if why.is_empty() {
            why.extend(reason_in_cell);
        }
        let mut notes = texts(Role::Note);
        if applicable != Some(false) {
            for col in layout.of(Role::Exclusion) {
                let text = self.cell(r, col).text.clone();
                // `Yes` or `No` where a control is not excluded says nothing either.
                let nothing = values::says_nothing(&text) || values::yes_no(&text).is_some();
                if !nothing && !super::own::is_derived(&text) {
                    let why = "a reason for an exclusion, but the row does not say the control is excluded; not imported".into();
                    self.report(number, col, &text, why, true);
                }
            }
        }
        let mut documents = Vec::new();
        // Words in a documents cell that name no document: what the organisation wrote
        // about the control, kept.
        let mut prose: Vec<(usize, String)> = Vec::new();
        for col in layout.of(Role::Documents).collect::<Vec<_>>() {
            let cell = self.cell(r, col).clone();
            for found in self.targets.cell(&cell, self.base) {
                match found {
                    Ref::Found {
                        target,
                        how,
                        written,
                    } => {
                        let path = self.targets.list[target].path.clone();
                        if how == How::CloseTitle {
                            let why = format!(
                                "matched {:?} ({path}) by a close title; check it",
                                self.targets.list[target].title
                            );
                            self.report(number, col, &written, why, false);
                        }
                        documents.push(Pair {
                            path,
                            how,
                            written,
                            cell: self.place(number, col),
                        });
                    }
                    Ref::Unresolved { written, why } => self.unresolved.push(Reported {
                        cell: self.place(number, col),
                        text: written,
                        why,
                        left_out: true,
                    }),
                    Ref::Prose(text) => prose.push((col, text)),
                }
            }
        }
        if !prose.is_empty() {
            let into_justification = applicable == Some(false) && why.is_empty();
            let kept = if into_justification {
                "justification"
            } else {
                "note"
            };
            for (col, text) in &prose {
                let msg = format!("names no document; kept as the {kept}");
                self.report(number, *col, text, msg, false);
            }
            let text: Vec<String> = prose.into_iter().map(|(_, t)| t).collect();
            if into_justification {
                why.push(text.join("; "));
            } else {
                notes.push(text.join("; "));
            }
        }
        let justification = (!why.is_empty()).then(|| why.join("\n"));
        let note = (!notes.is_empty()).then(|| notes.join("\n"));
        let control = controls
            .first()
            .map(|&i| self.catalog.control(i).id.clone())
            .unwrap_or_default();
        Imported {
            written: if written.trim() == control {
                String::new()
            } else {
                written.trim().to_owned()
            },
            control,
            row: number,
            applicable,
            justification,
            status,
            note,
            documents,
            applicable_cell,
        }
    }

    /// Rows per control: the first row naming a control with its 2022 id decides, else the
    /// first naming it with a 2013 id; a later row that says otherwise is reported. Documents
    /// of every row count.
    pub(super) fn merge(&mut self, read: Vec<RowRead>) -> Vec<Imported> {
        let mut by_control: BTreeMap<ControlIdx, Vec<(u8, Imported)>> = BTreeMap::new();
        for r in read {
            for &idx in &r.controls {
                let mut imported = r.imported.clone();
                imported.control = self.catalog.control(idx).id.clone();
                by_control.entry(idx).or_default().push((r.rank, imported));
            }
        }
        let mut out = Vec::new();
        for (_, mut rows) in by_control {
            // Stable: among rows of one rank the first in the file decides.
            rows.sort_by_key(|(rank, _)| *rank);
            let mut rows = rows.into_iter().map(|(_, r)| r);
            let Some(mut first) = rows.next() else {
                continue;
            };
            for other in rows {
                let mut differs = Vec::new();
                if other.applicable.is_some() && other.applicable != first.applicable {
                    differs.push("applicability");
                }
                if other.status.is_some() && other.status != first.status {
                    differs.push("status");
                }
                if other.justification.is_some() && other.justification != first.justification {
                    differs.push("justification");
                }
                if !differs.is_empty() {
                    let why = format!(
                        "{} is also on row {}, which decides it; this row's {} is not imported",
                        first.control,
                        first.row,
                        differs.join(" and ")
                    );
                    let control_col = self.layout.first_of(Role::Control).unwrap_or(0);
                    self.reported.push(Reported {
                        cell: self.place(other.row, control_col),
                        text: if other.written.is_empty() {
                            other.control.clone()
                        } else {
                            other.written.clone()
                        },
                        why,
                        left_out: true,
                    });
                }
                for d in other.documents {
                    if !first.documents.iter().any(|x| x.path == d.path) {
                        first.documents.push(d);
                    }
                }
            }
            out.push(first);
        }
        out
    }
}
