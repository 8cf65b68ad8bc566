//! Which sheets of an SoA file to read: the one `--sheet` names, else the first with control
//! ids and every later one with the same columns; each with its [`Layout`], and `--columns`
//! checked against it.

use super::columns::{self, Layout, Role};
use super::read::{column_name, Sheet};
use super::{Options, Reported};
use crate::catalog::Catalog;

/// The sheets read, each with its layout, and the reports of sheets left out.
pub(super) type Chosen<'s> = (Vec<(&'s Sheet, Layout)>, Vec<Reported>);

/// The sheet named by `--sheet`; else the first with control ids and every later one with the
/// same columns (a Markdown SoA in one table per theme); each with its layout. Later sheets
/// with control ids under other columns are reported.
pub(super) fn choose_sheets<'s>(
    sheets: &'s [Sheet],
    opts: &Options,
    catalog: &Catalog,
) -> Result<Chosen<'s>, String> {
    let forced = opts
        .columns
        .iter()
        .find(|(r, _)| *r == Role::Control)
        .map(|(_, c)| *c);
    let names = || {
        sheets
            .iter()
            .map(|s| format!("{:?}", s.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let layout = |s: &Sheet, col: usize| columns::layout(s, col, &opts.columns, catalog);
    if let Some(want) = &opts.sheet {
        let sheet = sheets
            .iter()
            .find(|s| s.name == *want)
            .or_else(|| sheets.iter().find(|s| s.name.eq_ignore_ascii_case(want)))
            .ok_or_else(|| format!("no sheet {want:?}; it has {}", names()))?;
        let col = match forced {
            Some(c) if columns::control_ids(sheet, c, catalog) == 0 => {
                return Err(no_ids_in(c));
            }
            Some(c) => c,
            None => columns::control_column(sheet, catalog)
                .map(|(c, _)| c)
                .ok_or_else(|| {
                    format!("sheet {want:?} has no column of control ids (A.5.1, 5.1, …); name it with --columns control=A")
                })?,
        };
        check_overrides(sheet, col, &opts.columns)?;
        return Ok((vec![(sheet, layout(sheet, col))], Vec::new()));
    }
    // At least three ids, so that a version table (`5.1`, `5.2`) or a stray mention does not
    // pass for the SoA.
    let found: Vec<(&Sheet, usize, usize)> = sheets
        .iter()
        .filter_map(|s| match forced {
            Some(c) => {
                let n = columns::control_ids(s, c, catalog);
                (n > 0).then_some((s, c, n))
            }
            None => {
                let (col, n) = columns::control_column(s, catalog)?;
                Some((s, col, n))
            }
        })
        .collect();
    if let (Some(c), true) = (forced, found.is_empty() && !sheets.is_empty()) {
        return Err(no_ids_in(c));
    }
    let Some(&(first, col, _)) = found
        .iter()
        .find(|(_, _, n)| *n >= 3)
        .or_else(|| found.iter().max_by_key(|(_, _, n)| *n))
    else {
        return Err(match sheets.len() {
            0 => "no table in it".to_owned(),
            _ => format!(
                "no table with control ids (A.5.1, 5.1, A.9.2.3, …) in {}; give the sheet with --sheet and the column with --columns control=A",
                names()
            ),
        });
    };
    check_overrides(first, col, &opts.columns)?;
    let first_layout = layout(first, col);
    // The columns that decide, in any order: a table with a notes column more (or a title
    // column less) is another part of the same SoA.
    let roles = |l: &Layout| -> std::collections::BTreeSet<Role> {
        l.columns
            .iter()
            .map(|c| c.role)
            .filter(|r| !matches!(r, Role::Title | Role::Note))
            .collect()
    };
    // The control column's header: a later table whose ids sit under another header (a
    // "Cross-reference" column of a NIS2 or SOC 2 table naming Annex A controls) is another
    // table, not a part of the SoA.
    let control_header = |s: &Sheet, l: &Layout| -> Option<String> {
        let h = l.header?;
        let col = l.first_of(Role::Control)?;
        Some(super::values::words(&s.rows.get(h)?.cells.get(col)?.text))
    };
    let first_header = control_header(first, &first_layout);
    let mut out = vec![(first, first_layout.clone())];
    let mut left = Vec::new();
    let mut after = false;
    for &(s, c, n) in &found {
        if std::ptr::eq(s, first) {
            after = true;
            continue;
        }
        // A later table with the first one's columns is part of the same SoA, however few
        // its rows (a theme with two controls).
        if !after {
            continue;
        }
        let l = layout(s, c);
        let same_ids = match &first_header {
            Some(h) => control_header(s, &l).as_ref() == Some(h),
            None => c == col,
        };
        // Ids that lead the row, or sit under a control header: a table of controls. Ids in a
        // cross-reference column of some other table are no candidate, and no news.
        let leads = c == 0
            || l.header
                .and_then(|h| s.rows.get(h)?.cells.get(c))
                .is_some_and(|cell| {
                    columns::role_of_header(&cell.text) == columns::Header::Role(Role::Control)
                });
        if l.header.is_some() && same_ids && roles(&l) == roles(&first_layout) {
            out.push((s, l));
        } else if leads {
            let place = |s: &Sheet| {
                if s.name.starts_with("table at line") {
                    s.name.clone()
                } else {
                    format!("sheet {:?}", s.name)
                }
            };
            let columns: Vec<&str> = roles(&l).iter().map(|r| r.name()).collect();
            let first_id = s
                .rows
                .get(l.first)
                .and_then(|r| r.cells.get(c))
                .map_or(String::new(), |cell| cell.text.clone());
            left.push(Reported {
                cell: place(s),
                text: first_id,
                why: format!(
                    "{n} control ids, with other columns ({}) than {}; not imported: give it alone with --sheet {:?} to import it",
                    columns.join(", "),
                    place(first),
                    s.name
                ),
                left_out: true,
            });
        }
    }
    Ok((out, left))
}

fn no_ids_in(col: usize) -> String {
    format!(
        "column {} holds no control ids (A.5.1, 5.1, …); name the column that does with --columns control=…",
        column_name(col)
    )
}

/// `--columns` that name a column the sheet does not have, or give the control column
/// another role: refused, since they would be ignored.
fn check_overrides(
    sheet: &Sheet,
    control: usize,
    overrides: &[(Role, usize)],
) -> Result<(), String> {
    let width = sheet.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    for &(role, col) in overrides {
        if col >= width {
            return Err(format!(
                "--columns {}={}: there is no column {} (the last with a value is {})",
                role.name(),
                column_name(col),
                column_name(col),
                column_name(width.saturating_sub(1))
            ));
        }
        if col == control && role != Role::Control {
            return Err(format!(
                "--columns {}={}: column {} is the control column",
                role.name(),
                column_name(col),
                column_name(col)
            ));
        }
    }
    Ok(())
}
