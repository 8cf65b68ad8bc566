//! The Statement of Applicability (ISO 27001 6.1.3 d): every Annex A control with its
//! applicability, justification, implementation status and implementing documents, as a page
//! (`soa.html`) and a spreadsheet (`soa.csv`).

use super::parts::Rows;
use super::site::{control_page, href, Site};
use crate::catalog::ControlTheme;
use crate::i18n::Lang;
use crate::model::soa::ImplStatus;
use crate::model::DocIdx;
use serde::Serialize;
use std::sync::OnceLock;

/// An Annex A theme's name in the interface language ("Organizational controls").
pub fn theme_label(lang: &Lang, t: ControlTheme) -> String {
    lang.text(match t {
        ControlTheme::Organizational => "ctl-theme-5",
        ControlTheme::People => "ctl-theme-6",
        ControlTheme::Physical => "ctl-theme-7",
        ControlTheme::Technological => "ctl-theme-8",
    })
    .into_owned()
}

/// The key of an implementation status's name.
pub fn impl_key(s: ImplStatus) -> &'static str {
    match s {
        ImplStatus::Implemented => "ctl-impl-implemented",
        ImplStatus::Partial => "ctl-impl-partial",
        ImplStatus::Planned => "ctl-impl-planned",
        ImplStatus::NotImplemented => "ctl-impl-not-implemented",
    }
}

/// An implementation status in the interface language ("Partially implemented").
pub fn impl_label(lang: &Lang, s: ImplStatus) -> String {
    lang.text(impl_key(s)).into_owned()
}

/// English, for the machine-readable outputs that stay English whatever the site's language
/// (`handbook.json`).
pub fn english() -> &'static Lang {
    static EN: OnceLock<Lang> = OnceLock::new();
    EN.get_or_init(Lang::english)
}

#[derive(Serialize)]
pub struct Row {
    pub id: String,
    pub theme: String,
    /// The theme's clause (5 … 8), to group rows by.
    #[serde(skip)]
    pub theme_number: u8,
    pub title: String,
    pub href: String,
    pub applicable: bool,
    pub justification: String,
    pub status: String,
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

/// One row per control, in catalog order, in the site's language. `doc_href` says where a
/// document is linked from the page (the print page links inside itself).
pub fn rows(site: &Site, page: &str, doc_href: &dyn Fn(DocIdx) -> String) -> Vec<Row> {
    rows_in(site, site.lang, page, doc_href)
}

/// [`rows`] with the words of `lang`.
pub fn rows_in(
    site: &Site,
    lang: &Lang,
    page: &str,
    doc_href: &dyn Fn(DocIdx) -> String,
) -> Vec<Row> {
    let hb = site.hb;
    // Computed once: the same few words on every row.
    let themes = ControlTheme::ALL.map(|t| theme_label(lang, t));
    let derived = lang.text("ctl-soa-derived");
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
                    derived.clone().into_owned()
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
                Some(ids) if state.applicable() => with_risks(lang, justification, ids),
                _ => justification,
            };
            Row {
                id: ctl.id.clone(),
                theme: ControlTheme::ALL
                    .iter()
                    .zip(&themes)
                    .find(|(t, _)| **t == ctl.theme)
                    .map(|(_, l)| l.clone())
                    .unwrap_or_default(),
                theme_number: ctl.theme.number(),
                title: ctl.title.clone(),
                href: href(page, &control_page(&ctl.id), None),
                applicable: state.applicable(),
                justification,
                status: state
                    .status()
                    .map_or_else(|| "—".to_owned(), |s| impl_label(lang, s)),
                documents: docs
                    .iter()
                    .map(|&i| DocLink {
                        id: hb.documents[i].id.clone(),
                        title: hb.documents[i].title.clone(),
                        href: doc_href(i),
                    })
                    .collect(),
                owners: owners.join(", "),
                next_review: lang.date_or_dash(
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
fn with_risks(lang: &Lang, justification: String, ids: &[&str]) -> String {
    let treats = lang.with("ctl-soa-treats", "risks", ids.join(", "));
    let written = justification.trim_end();
    if written.is_empty() {
        treats
    } else if written.ends_with(['.', '!', '?', ';', ':', '。', '！', '？']) {
        format!("{written} {treats}")
    } else {
        // The language's full stop: "Contract. Treats R-1", "契約上の要求事項。対応リスク R-1".
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("written", written.to_owned());
        args.set("treats", treats);
        lang.fmt("ctl-soa-then", &args)
    }
}

#[derive(Serialize)]
pub struct SoaPage {
    themes: Vec<ThemeView>,
    applicable: usize,
    excluded: usize,
    implemented: usize,
}

#[derive(Serialize)]
struct ThemeView {
    number: u8,
    label: String,
    /// Where its rows go (soa-row.hbs, a [`Row`] each).
    rows_html: String,
}

#[derive(Serialize)]
pub struct ThemeRows {
    pub number: u8,
    pub label: String,
    pub rows: Vec<Row>,
}

/// The rows under their themes, named in the rows' language.
pub fn by_theme(rows: Vec<Row>) -> Vec<ThemeRows> {
    let mut themes: Vec<ThemeRows> = ControlTheme::ALL
        .iter()
        .map(|t| ThemeRows {
            number: t.number(),
            label: rows
                .iter()
                .find(|r| r.theme_number == t.number())
                .map(|r| r.theme.clone())
                .unwrap_or_else(|| t.label().to_owned()),
            rows: Vec::new(),
        })
        .collect();
    for row in rows {
        if let Some(t) = themes.iter_mut().find(|t| t.number == row.theme_number) {
            t.rows.push(row);
        }
    }
    themes
}

/// `soa.html`: a row per Annex A control under its theme. A row lists every document that
/// implements the control (1,600 each at 50,000 documents): the rows are written as parts.
pub fn page(site: &Site, page: &str) -> (SoaPage, Rows<Row>) {
    let hb = site.hb;
    let rows = rows(site, page, &|i| href(page, &hb.documents[i].url, None));
    let (implemented, applicable) = hb.coverage();
    let excluded = rows.len() - applicable;
    let mut lists = Rows::default();
    let themes = by_theme(rows)
        .into_iter()
        .map(|t| ThemeView {
            number: t.number,
            label: t.label,
            rows_html: lists.push(t.rows),
        })
        .collect();
    let view = SoaPage {
        applicable,
        excluded,
        implemented,
        themes,
    };
    (view, lists)
}

/// The keys of the spreadsheet columns of `soa.csv` and `soa.xlsx`. `ismsbook adopt --soa`
/// reads the headers back in every shipped language.
pub const HEADER_KEYS: [&str; 10] = [
    "ctl-soa-col-control",
    "ctl-soa-col-theme",
    "ctl-soa-col-title",
    "ctl-soa-col-applicable",
    "ctl-soa-col-justification",
    "ctl-soa-col-status",
    "ctl-soa-col-documents",
    "ctl-soa-col-owners",
    "ctl-soa-col-next-review",
    // Last, so spreadsheets and scripts reading the columns before it by position still work.
    "ctl-soa-col-exceptions",
];

/// The spreadsheet columns of `soa.csv` and `soa.xlsx` in `lang`.
pub(super) fn header(lang: &Lang) -> [String; 10] {
    HEADER_KEYS.map(|k| lang.text(k).into_owned())
}

/// A row's cells as written. soa.csv neutralises formula-like ones ([`neutralise`]); the
/// workbook needs not: its cells are strings, which Excel never reads as formulas.
pub(super) fn cells(r: &Row, yes: &str, no: &str) -> [String; 10] {
    let docs: Vec<String> = r
        .documents
        .iter()
        .map(|d| format!("{} {}", d.id, d.title))
        .collect();
    [
        r.id.clone(),
        r.theme.clone(),
        r.title.clone(),
        if r.applicable { yes } else { no }.to_owned(),
        r.justification.clone(),
        r.status.clone(),
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
    let (yes, no) = (site.lang.text("ctl-yes"), site.lang.text("ctl-no"));
    spreadsheet_csv(&header(site.lang), rows.iter().map(|r| cells(r, &yes, &no)))
}

/// A CSV file as soa.csv writes it, for every spreadsheet export: a BOM, the header, then each
/// row with formula-like cells neutralised.
pub fn spreadsheet_csv<H, R, C>(header: &[H], rows: impl Iterator<Item = R>) -> Vec<u8>
where
    H: AsRef<[u8]>,
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
    fn words_of_the_soa_agree_with_their_numbers() {
        let fr = Lang::load("fr", None).unwrap();
        assert_eq!(fr.count("ctl-fw-not-applicable", 1), "1 non applicable");
        assert_eq!(fr.count("ctl-fw-not-applicable", 3), "3 non applicables");
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("applicable", 88);
        args.set("implemented", 1);
        args.set("excluded", 0);
        assert_eq!(
            fr.fmt("ctl-soa-summary-text", &args),
            "88 applicables (1 mise en œuvre par un document approuvé), 0 exclue"
        );
        let de = Lang::load("de", None).unwrap();
        assert_eq!(de.count("ctl-documents", 1), "1 Dokument");
        assert_eq!(de.count("ctl-documents", 2), "2 Dokumente");
        assert_eq!(impl_label(&de, ImplStatus::Partial), "Teilweise umgesetzt");
        assert_eq!(
            theme_label(&Lang::load("ja", None).unwrap(), ControlTheme::People),
            "人的管理策"
        );
        // Every language says every word of these pages itself.
        for (tag, _) in crate::i18n::SHIPPED {
            let lang = Lang::load(tag, None).unwrap();
            for key in HEADER_KEYS {
                assert!(lang.says(key), "{tag}: {key}");
            }
        }
    }

    #[test]
    fn a_justification_ending_in_a_full_stop_of_any_script_takes_the_risks_after_a_space() {
        let en = Lang::english();
        assert_eq!(
            with_risks(&en, "Contract".into(), &["R-1", "R-2"]),
            "Contract. Treats R-1, R-2"
        );
        assert_eq!(
            with_risks(&en, "Contract.".into(), &["R-1"]),
            "Contract. Treats R-1"
        );
        let ja = Lang::load("ja", None).unwrap();
        assert_eq!(
            with_risks(&ja, "契約上の要求事項。".into(), &["R-1"]),
            "契約上の要求事項。 対応リスク R-1"
        );
        assert_eq!(
            with_risks(&ja, "契約上の要求事項".into(), &["R-1"]),
            "契約上の要求事項。対応リスク R-1"
        );
    }

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("@SUM(1)"), "'@SUM(1)");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("CISO"), "CISO");
        assert_eq!(neutralise("—"), "—");
    }
}
