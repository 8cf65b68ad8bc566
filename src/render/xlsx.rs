//! `soa.xlsx`: the Statement of Applicability as an Excel workbook, for the auditors and
//! consultants who work in one. The same columns and rows as `soa.csv`, every cell written as a
//! string, never a formula (so formula-like text needs no `'` before it, as in the CSV), with
//! a frozen header row, filters, column widths, wrapped long text and links to the pages.
//! Its bytes depend only on the handbook: the creation time is the build's `today` and the zip
//! entries carry a fixed date, so an unchanged rebuild leaves the file alone.

use super::site::{control_page, Site};
use super::soa;
use crate::error::Error;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

/// Column widths (in characters) of `soa::HEADER_KEYS`'s columns, and whether they wrap.
const COLUMNS: [(f64, bool); 10] = [
    (10.0, false), // Control
    (14.0, false), // Theme
    (40.0, true),  // Title
    (11.0, false), // Applicable
    (60.0, true),  // Justification
    (22.0, false), // Implementation status
    (50.0, true),  // Implementing documents
    (24.0, true),  // Owners
    (12.0, false), // Next review
    (16.0, true),  // Exceptions
];
const CONTROL: u16 = 0;
const DOCUMENTS: u16 = 6;
const EXCEPTIONS: u16 = 9;

/// The sheet's name when the language's title is no name Excel takes (over 31 characters, or
/// with `[]:*?/\` in it, as an organisation's own wording might be).
pub const SHEET: &str = "Statement of Applicability";

pub fn xlsx(site: &Site) -> Result<Vec<u8>, Error> {
    workbook(site).map_err(|e| Error::Output(format!("soa.xlsx: {e}")))
}

fn workbook(site: &Site) -> Result<Vec<u8>, XlsxError> {
    let hb = site.hb;
    // soa.xlsx sits at the root of the site, as document URLs are written.
    let rows = soa::rows(site, "soa.xlsx", &|i| hb.documents[i].url.clone());
    let lang = site.lang;
    let title = lang.text("ctl-soa");
    let (yes, no) = (lang.text("ctl-yes"), lang.text("ctl-no"));
    let mut book = Workbook::new();
    let today = hb.today;
    let created = ExcelDateTime::from_ymd(
        u16::try_from(today.year()).unwrap_or(1900),
        today.month().unsigned_abs(),
        today.day().unsigned_abs(),
    )?;
    book.set_properties(
        &DocProperties::new()
            .set_title(title.as_ref())
            .set_creation_datetime(&created),
    );
    let sheet = book.add_worksheet();
    if sheet.set_name(title.as_ref()).is_err() {
        sheet.set_name(SHEET)?;
    }
    let header = Format::new().set_bold().set_align(FormatAlign::Top);
    let plain = Format::new().set_align(FormatAlign::Top);
    let wrapped = plain.clone().set_text_wrap();
    let link = plain.clone().set_hyperlink();
    let wrapped_link = wrapped.clone().set_hyperlink();
    let names = soa::header(lang);
    for (col, (name, (width, _))) in (0u16..).zip(names.iter().zip(COLUMNS)) {
        sheet.set_column_width(col, width)?;
        sheet.write_string_with_format(0, col, name, &header)?;
    }
    for (row, r) in (1u32..).zip(&rows) {
        let cells = soa::cells(r, &yes, &no);
        for (col, (text, (_, wrap))) in (0u16..).zip(cells.iter().zip(COLUMNS)) {
            let target = match col {
                CONTROL => Some(control_page(&r.id)),
                // One link a cell: the document's page, or the control's page, which lists
                // all of them.
                DOCUMENTS => match r.documents.as_slice() {
                    [] => None,
                    [d] => linkable(&d.href),
                    _ => Some(control_page(&r.id)),
                },
                // The page, not the exception's place on it: a workbook link cannot carry a
                // fragment (see `linkable`).
                EXCEPTIONS if !r.exceptions.is_empty() => Some(super::exceptions::PAGE.to_owned()),
                _ => None,
            };
            let format = match (wrap, target.is_some()) {
                (false, false) => &plain,
                (true, false) => &wrapped,
                (false, true) => &link,
                (true, true) => &wrapped_link,
            };
            // An over-long URL (Excel takes 2,080 characters) leaves the text without a link.
            let linked = target.is_some_and(|t| {
                let url = rust_xlsxwriter::Url::new(format!("file:///{t}")).set_text(text);
                sheet.write_url_with_format(row, col, url, format).is_ok()
            });
            if !linked {
                // Excel holds at most 32,767 characters in a cell.
                sheet.write_string_with_format(row, col, cap(text), format)?;
            }
        }
    }
    let last = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last, soa::HEADER_KEYS.len() as u16 - 1)?;
    book.save_to_buffer()
}

/// A page's URL as a relative hyperlink, `None` if rust_xlsxwriter would misread it: it
/// splits a link at `#`, and takes a `%` for an escape when it sees one of a few it knows.
fn linkable(url: &str) -> Option<String> {
    if url.contains(['#', '%']) {
        return None;
    }
    // `C:x.html` would read as a Windows drive.
    Some(if url.split('/').next().is_some_and(|s| s.contains(':')) {
        format!("./{url}")
    } else {
        url.to_owned()
    })
}

/// At most Excel's 32,767 UTF-16 units, cut on a character.
fn cap(text: &str) -> &str {
    const MAX: usize = 32_767;
    let mut units = 0;
    for (i, c) in text.char_indices() {
        units += c.len_utf16();
        if units > MAX {
            return &text[..i];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_capped_on_a_character() {
        let long = "é".repeat(40_000);
        assert_eq!(cap(&long).chars().count(), 32_767);
        assert_eq!(cap("short"), "short");
        let emoji = "😀".repeat(20_000);
        assert_eq!(cap(&emoji).encode_utf16().count(), 32_766);
    }

    #[test]
    fn links_rust_xlsxwriter_would_misread_are_left_out() {
        assert_eq!(linkable("a#b.html"), None);
        assert_eq!(linkable("100%25.html"), None);
        assert_eq!(linkable("C:x.html").as_deref(), Some("./C:x.html"));
        assert_eq!(
            linkable("policies/a.html").as_deref(),
            Some("policies/a.html")
        );
    }
}
