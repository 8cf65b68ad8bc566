//! The Statement of Applicability (ISO 27001 6.1.3 d): every Annex A control with its
//! applicability, justification, implementation status and implementing documents, as a page
//! (`soa.html`) and a spreadsheet (`soa.csv`).

use super::site::{control_page, href, Site};
use crate::catalog::ControlTheme;
use crate::model::DocIdx;
use serde::Serialize;

#[derive(Serialize)]
pub struct Row {
    pub id: String,
    pub theme: &'static str,
    pub title: String,
    pub href: String,
    pub applicable: bool,
    pub justification: String,
    pub status: &'static str,
    pub documents: Vec<DocLink>,
    pub owners: String,
    pub next_review: String,
    /// The exceptions in force that deviate from the control (`exceptions.yaml`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<ExceptionLink>,
}

#[derive(Serialize)]
pub struct ExceptionLink {
    pub id: String,
    pub title: String,
    pub href: String,
}

#[derive(Serialize)]
pub struct DocLink {
    pub id: String,
    pub title: String,
    pub href: String,
}

/// One row per control, in catalog order. `doc_href` says where a document is linked from the
/// page (the print page links inside itself).
pub fn rows(site: &Site, page: &str, doc_href: &dyn Fn(DocIdx) -> String) -> Vec<Row> {
    let hb = site.hb;
    let treats = hb.risks_by_control();
    hb.catalog
        .controls
        .iter()
        .zip(&hb.controls)
        .enumerate()
        .map(|(idx, (ctl, state))| {
            let docs: Vec<DocIdx> = state
                .implemented_by
                .iter()
                .copied()
                .filter(|&i| site.is_published(i))
                .collect();
            let mut owners: Vec<&str> = docs
                .iter()
                .filter_map(|&i| hb.documents[i].src.meta.owner())
                .collect();
            owners.sort_unstable();
            owners.dedup();
            let decision = state.decision.as_ref();
            let justification = match decision.and_then(|d| d.justification.clone()) {
                Some(j) => j,
                // Without an explicit reason, the documents implementing it are the reason.
                None if state.applicable() && !state.implemented_by.is_empty() => {
                    "Implemented by the documents listed".into()
                }
                None => String::new(),
            };
            let ctl_ref = crate::model::frameworks::CtlRef {
                fw: crate::model::frameworks::FwKey::AnnexA,
                idx,
            };
            // ISO 27001 6.1.3 d: the risks a control treats justify including it.
            let risks = treats.get(&ctl_ref);
            let justification = match risks {
                Some(ids) if state.applicable() => with_risks(justification, ids),
                _ => justification,
            };
            Row {
                id: ctl.id.clone(),
                theme: ctl.theme.label(),
                title: ctl.title.clone(),
                href: href(page, &control_page(&ctl.id), None),
                applicable: state.applicable(),
                justification,
                status: state.status().map(|s| s.label()).unwrap_or("—"),
                documents: docs
                    .iter()
                    .map(|&i| DocLink {
                        id: hb.documents[i].id.clone(),
                        title: hb.documents[i].title.clone(),
                        href: doc_href(i),
                    })
                    .collect(),
                owners: owners.join(", "),
                next_review: site.lang.date_or_dash(
                    docs.iter()
                        .filter_map(|&i| hb.documents[i].review.next)
                        .min(),
                ),
                exceptions: super::exceptions::in_force_on(site, ctl_ref)
                    .map(|(e, anchor)| ExceptionLink {
                        id: e.id.clone(),
                        title: e.title.clone(),
                        href: href(page, super::exceptions::PAGE, Some(anchor)),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// A written justification first, then the risks the control treats: "Treats R-001, R-007".
fn with_risks(justification: String, ids: &[&str]) -> String {
    let treats = format!("Treats {}", ids.join(", "));
    let written = justification.trim_end();
    if written.is_empty() {
        treats
    } else if written.ends_with(['.', '!', '?', ';', ':']) {
        format!("{written} {treats}")
    } else {
        format!("{written}. {treats}")
    }
}

#[derive(Serialize)]
pub struct SoaPage {
    themes: Vec<ThemeRows>,
    applicable: usize,
    excluded: usize,
    implemented: usize,
}

#[derive(Serialize)]
pub struct ThemeRows {
    pub number: u8,
    pub label: &'static str,
    pub rows: Vec<Row>,
}

pub fn by_theme(rows: Vec<Row>) -> Vec<ThemeRows> {
    let mut themes: Vec<ThemeRows> = ControlTheme::ALL
        .iter()
        .map(|t| ThemeRows {
            number: t.number(),
            label: t.label(),
            rows: Vec::new(),
        })
        .collect();
    for row in rows {
        if let Some(t) = themes.iter_mut().find(|t| t.label == row.theme) {
            t.rows.push(row);
        }
    }
    themes
}

pub fn page(site: &Site, page: &str) -> SoaPage {
    let hb = site.hb;
    let rows = rows(site, page, &|i| href(page, &hb.documents[i].url, None));
    let (implemented, applicable) = hb.coverage();
    SoaPage {
        applicable,
        excluded: rows.len() - applicable,
        implemented,
        themes: by_theme(rows),
    }
}

/// The spreadsheet columns of `soa.csv` and `soa.xlsx`.
pub(super) const HEADER: [&str; 10] = [
    "Control",
    "Theme",
    "Title",
    "Applicable",
    "Justification",
    "Implementation status",
    "Implementing documents",
    "Owners",
    "Next review",
    // Last, so spreadsheets and scripts reading the columns before it by position still work.
    "Exceptions",
];

/// A row's cells as written. soa.csv neutralises formula-like ones ([`neutralise`]); the
/// workbook needs not: its cells are strings, which Excel never reads as formulas.
pub(super) fn cells(r: &Row) -> [String; 10] {
    let docs: Vec<String> = r
        .documents
        .iter()
        .map(|d| format!("{} {}", d.id, d.title))
        .collect();
    [
        r.id.clone(),
        r.theme.to_owned(),
        r.title.clone(),
        if r.applicable { "Yes" } else { "No" }.to_owned(),
        r.justification.clone(),
        r.status.to_owned(),
        docs.join("; "),
        r.owners.clone(),
        r.next_review.clone(),
        r.exceptions
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>()
            .join("; "),
    ]
}

/// `soa.csv`: UTF-8 with a BOM (so spreadsheets detect the encoding), quoted as needed, and
/// with formula-like cells neutralised so opening it cannot run anything.
pub fn csv(site: &Site) -> Vec<u8> {
    let rows = rows(site, "soa.csv", &|_| String::new());
    spreadsheet_csv(&HEADER, rows.iter().map(cells))
}

/// A CSV file as soa.csv writes it, for every spreadsheet export: a BOM, the header, then each
/// row with formula-like cells neutralised.
pub fn spreadsheet_csv<R, C>(header: &[&str], rows: impl Iterator<Item = R>) -> Vec<u8>
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        // Writing to a Vec cannot fail.
        let _ = w.write_record(header);
        for r in rows {
            let _ = w.write_record(r.into_iter().map(|c| neutralise(c.as_ref())));
        }
        let _ = w.flush();
    }
    out
}

/// A cell starting with `=`, `+`, `-`, `@`, tab or CR is a formula to Excel and LibreOffice:
/// prefix it with `'` so it stays text.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("@SUM(1)"), "'@SUM(1)");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("CISO"), "CISO");
        assert_eq!(neutralise("—"), "—");
    }
}
