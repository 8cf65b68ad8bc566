//! Excel workbooks (`.xlsx`), read with calamine: every worksheet, one [`Sheet`] each.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use calamine::{DataRef, ExcelDateTime, Reader, SheetType, Xlsx, XlsxError};

use super::{column_name, Cell, Link, Row, Sheet, MAX_COLUMNS, MAX_ROWS};

const SAVE_AS: &str = "open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx)";

/// Cells with a value in one sheet: an SoA has a few thousand; this bounds the memory a
/// sheet can take within [`MAX_ROWS`] × [`MAX_COLUMNS`].
const MAX_CELLS: usize = 1_000_000;

pub fn read(bytes: &[u8]) -> Result<Vec<Sheet>, String> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(if holds_utf16(bytes, "EncryptionInfo") {
            format!(
                "the workbook is password-protected (encrypted), which cannot be read; {}, without the password",
                SAVE_AS.replace("open it in", "open it with its password in")
            )
        } else {
            format!("this is an Excel 97-2003 workbook (.xls), not an .xlsx; {SAVE_AS}")
        });
    }
    if !bytes.starts_with(b"PK") {
        return Err(format!(
            "not an Excel workbook (.xlsx is a zip archive, this file is not one); {SAVE_AS}"
        ));
    }
    if bytes
        .get(..100)
        .is_some_and(|head| memchr::memmem::find(head, b"opendocument").is_some())
    {
        return Err(
            "this is an OpenDocument spreadsheet (.ods), not an .xlsx; in LibreOffice save it as \"Excel 2007-365 (.xlsx)\""
                .into(),
        );
    }
    // calamine parses what the file says (zip directory, XML, cell references) and may
    // panic on a malformed file where it trusts it; that is the file's fault, said as such.
    catch_unwind(AssertUnwindSafe(|| read_xlsx(bytes))).unwrap_or_else(|_| {
        Err(format!(
            "the workbook is damaged (its contents cannot be read); {SAVE_AS}"
        ))
    })
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, String> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        XlsxError::Zip(e) => {
            format!("the workbook is damaged or cut off (as a zip archive: {e}); {SAVE_AS}")
        }
        XlsxError::Password => {
            format!("the workbook is password-protected, which cannot be read; {SAVE_AS}")
        }
        e => format!("cannot be read as an Excel workbook ({e}); {SAVE_AS}"),
    })?;
    let names: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let broken = |e: XlsxError| format!("sheet '{name}' cannot be read ({e}); {SAVE_AS}");
        let mut rows = BTreeMap::<u32, Vec<Cell>>::new();
        let mut count = 0usize;
        let mut cells = match book.worksheet_cells_reader(&name) {
            Ok(cells) => cells,
            // Listed as a worksheet, but a chart or dialog: nothing to read.
            Err(XlsxError::NotAWorksheet(_)) => continue,
            Err(e) => return Err(broken(e)),
        };
        // Cells arrive one by one (never the whole used range at once), so that a sheet with
        // a stray value in row 1,048,576 or a million formatted cells is refused, not loaded.
        while let Some(cell) = cells.next_cell().map_err(broken)? {
            let (text, numeric) = value(cell.get_value());
            if text.is_empty() {
                continue;
            }
            let (r, c) = cell.get_position();
            if r >= MAX_ROWS || c >= MAX_COLUMNS {
                return Err(format!(
                    "sheet '{name}' has a value in cell {}{}, beyond the {MAX_ROWS} rows and {MAX_COLUMNS} columns an SoA is read from; copy the SoA table alone into a new workbook and import that",
                    column_name(c as usize),
                    u64::from(r) + 1
                ));
            }
            count += 1;
            if count > MAX_CELLS {
                return Err(format!(
                    "sheet '{name}' has more than {MAX_CELLS} cells with values: this is no SoA table; copy the SoA table alone into a new workbook and import that"
                ));
            }
            let row = rows.entry(r).or_default();
            let c = c as usize;
            if row.len() <= c {
                row.resize(c + 1, Cell::default());
            }
            if let Some(slot) = row.get_mut(c) {
                *slot = Cell {
                    text,
                    links: Vec::new(),
                    numeric,
                };
            }
        }
        drop(cells);
        let links = book.hyperlinks_by_sheet_name(&name).map_err(broken)?;
        attach(&mut rows, &links);
        sheets.push(Sheet {
            name,
            rows: rows
                .into_iter()
                .map(|(r, cells)| Row {
                    number: r + 1,
                    cells,
                })
                .collect(),
        });
    }
    Ok(sheets)
}

/// A cell's hyperlinks into its `links`: text as the cell shows it, target as Excel's
/// HYPERLINK() writes it (`https://…`, `file.docx#Sheet1!A1`, `#'Sheet 2'!B5` inside).
fn attach(rows: &mut BTreeMap<u32, Vec<Cell>>, links: &[calamine::Hyperlink]) {
    // A hyperlink may span a range; what is visited is bounded, not the range's area.
    let mut budget = MAX_CELLS;
    for h in links {
        let target = match (&h.target, &h.location) {
            (Some(t), Some(l)) => format!("{t}#{l}"),
            (Some(t), None) => t.clone(),
            (None, Some(l)) => format!("#{l}"),
            (None, None) => continue,
        };
        let ((r0, c0), (r1, c1)) = (h.range.start, h.range.end);
        if r0 > r1 || c0 > c1 {
            continue;
        }
        for row in rows.range_mut(r0..=r1).map(|(_, row)| row) {
            for cell in row
                .iter_mut()
                .skip(c0 as usize)
                .take((c1 - c0) as usize + 1)
            {
                if budget == 0 {
                    return;
                }
                budget -= 1;
                let text = match &h.displayed_text {
                    Some(d) if cell.text.is_empty() => d.clone(),
                    _ => cell.text.clone(),
                };
                cell.links.push(Link {
                    text,
                    target: target.clone(),
                });
            }
        }
    }
}

/// The text of a value as Excel shows it, and whether it is a number.
fn value(v: &DataRef<'_>) -> (String, bool) {
    match v {
        DataRef::String(s) => (super::tidy(s), false),
        DataRef::SharedString(s) => (super::tidy(s), false),
        DataRef::Float(f) => (number(*f), true),
        DataRef::Int(i) => (i.to_string(), true),
        DataRef::Bool(b) => ((if *b { "TRUE" } else { "FALSE" }).into(), false),
        DataRef::DateTime(d) => (date_time(d), false),
        DataRef::DateTimeIso(s) => {
            let s = s.trim();
            (s.strip_suffix("T00:00:00").unwrap_or(s).to_owned(), false)
        }
        DataRef::DurationIso(s) => (s.trim().to_owned(), false),
        DataRef::Error(e) => (e.to_string(), false),
        DataRef::Empty => (String::new(), false),
    }
}

/// A number as Excel shows it in a General cell: at most 15 significant digits (so a sum
/// that came to 0.30000000000000004 is 0.3), then the shortest text that reads back the
/// same (5.1 → `5.1`, 5 → `5`).
fn number(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    let shown: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    if shown == 0.0 {
        return "0".into();
    }
    shown.to_string()
}

/// An ISO date (`2024-03-31`), with the time when there is one (`2024-03-31T14:30:00`);
/// a time of day alone as `14:30:00`; a duration as hours (`36:00:00`).
fn date_time(d: &ExcelDateTime) -> String {
    let serial = d.as_f64();
    if d.is_duration() {
        let seconds = (serial * 86_400.0).round();
        if !seconds.is_finite() || seconds.abs() > 1e12 {
            return number(serial);
        }
        let s = seconds.abs() as u64;
        let sign = if seconds < 0.0 { "-" } else { "" };
        return format!("{sign}{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
    }
    let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
    if (0.0..1.0).contains(&serial) {
        format!("{h:02}:{mi:02}:{s:02}")
    } else if (h, mi, s) == (0, 0, 0) {
        format!("{y:04}-{mo:02}-{day:02}")
    } else {
        format!("{y:04}-{mo:02}-{day:02}T{h:02}:{mi:02}:{s:02}")
    }
}

/// Whether `text` is in `bytes` as UTF-16LE, as the stream names of an OLE file are.
fn holds_utf16(bytes: &[u8], text: &str) -> bool {
    let needle: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    memchr::memmem::find(bytes, &needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{ExcelDateTime as XlsxDate, Format, Url, Workbook};

    fn texts(row: &Row) -> Vec<&str> {
        row.cells.iter().map(|c| c.text.as_str()).collect()
    }

    /// An SoA as organisations keep it in Excel: a merged title across A1:F1, a blank row,
    /// a note, the header on row 4, ids typed as numbers (5.1) and as text (A.5.10), dates,
    /// a link to the policy; a second sheet of risks that starts at B3.
    fn soa_workbook() -> Vec<u8> {
        let mut book = Workbook::new();
        let soa = book.add_worksheet();
        soa.set_name("SoA 2024").unwrap();
        soa.merge_range(
            0,
            0,
            0,
            5,
            "Statement of Applicability – ISO/IEC 27001:2022",
            &Format::new().set_bold(),
        )
        .unwrap();
        soa.write_string(2, 0, "Version 3, approved by the CISO")
            .unwrap();
        for (c, h) in [
            "Control",
            "Title",
            "Applicable",
            "Justification",
            "Status",
            "Last review",
        ]
        .iter()
        .enumerate()
        {
            soa.write_string(3, c as u16, *h).unwrap();
        }
        soa.write_number(4, 0, 5.1).unwrap();
        soa.write_string(4, 1, "  Policies for information security ")
            .unwrap();
        soa.write_boolean(4, 2, true).unwrap();
        soa.write_url_with_text(
            4,
            3,
            Url::new("https://intranet.example.com/isms/policy.docx"),
            "Information Security Policy",
        )
        .unwrap();
        soa.write_string(4, 4, "Implemented").unwrap();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        soa.write_datetime_with_format(4, 5, XlsxDate::from_ymd(2024, 3, 31).unwrap(), &date)
            .unwrap();
        soa.write_string(5, 0, "A.5.10").unwrap();
        soa.write_string(5, 1, "Acceptable use of information")
            .unwrap();
        soa.write_string(5, 2, "Yes").unwrap();
        soa.write_string(5, 3, "Risk R-03\r\nContract with customer A")
            .unwrap();
        soa.write_number(5, 4, 7.0).unwrap();
        soa.write_datetime_with_format(
            5,
            5,
            XlsxDate::from_ymd(2024, 4, 2)
                .unwrap()
                .and_hms(14, 30, 0)
                .unwrap(),
            &Format::new().set_num_format("yyyy-mm-dd hh:mm"),
        )
        .unwrap();
        soa.write_string(6, 0, "A.5.11").unwrap();
        soa.write_url(6, 1, Url::new("internal:'Risks'!B4"))
            .unwrap();

        let risks = book.add_worksheet();
        risks.set_name("Risks").unwrap();
        risks.write_string(2, 1, "Risk").unwrap();
        risks.write_string(2, 2, "Controls").unwrap();
        risks.write_string(3, 1, "R-03").unwrap();
        risks.write_number(3, 2, 0.1 + 0.2).unwrap();
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn rows_and_columns_where_excel_puts_them() {
        let sheets = read(&soa_workbook()).unwrap();
        let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["SoA 2024", "Risks"]);

        let soa = &sheets[0];
        let numbers: Vec<u32> = soa.rows.iter().map(|r| r.number).collect();
        // Row 2 is blank; the merged title has its value in A1 only.
        assert_eq!(numbers, [1, 3, 4, 5, 6, 7]);
        assert_eq!(
            texts(&soa.rows[0]),
            ["Statement of Applicability – ISO/IEC 27001:2022"]
        );
        assert_eq!(
            texts(&soa.rows[2]),
            [
                "Control",
                "Title",
                "Applicable",
                "Justification",
                "Status",
                "Last review"
            ]
        );

        // The second sheet starts at B3: column B is still index 1, row 3 still number 3.
        let risks = &sheets[1];
        assert_eq!(risks.rows[0].number, 3);
        assert_eq!(texts(&risks.rows[0]), ["", "Risk", "Controls"]);
        assert_eq!(risks.rows[1].number, 4);
        assert_eq!(texts(&risks.rows[1]), ["", "R-03", "0.3"]);
    }

    #[test]
    fn values_as_excel_shows_them() {
        let sheets = read(&soa_workbook()).unwrap();
        let row5 = &sheets[0].rows[3];
        assert_eq!(
            texts(row5),
            [
                "5.1",
                "Policies for information security",
                "TRUE",
                "Information Security Policy",
                "Implemented",
                "2024-03-31"
            ]
        );
        assert!(row5.cells[0].numeric);
        assert!(!row5.cells[1].numeric);
        assert!(!row5.cells[5].numeric);

        let row6 = &sheets[0].rows[4];
        assert_eq!(
            texts(row6),
            [
                "A.5.10",
                "Acceptable use of information",
                "Yes",
                "Risk R-03\nContract with customer A",
                "7",
                "2024-04-02T14:30:00"
            ]
        );
        assert!(!row6.cells[0].numeric);
        assert!(row6.cells[4].numeric);
    }

    #[test]
    fn hyperlinks_of_cells() {
        let sheets = read(&soa_workbook()).unwrap();
        let policy = &sheets[0].rows[3].cells[3];
        assert_eq!(
            policy.links,
            [Link {
                text: "Information Security Policy".into(),
                target: "https://intranet.example.com/isms/policy.docx".into(),
            }]
        );
        let internal = &sheets[0].rows[5].cells[1];
        assert_eq!(internal.links.len(), 1);
        assert_eq!(internal.links[0].target, "#'Risks'!B4");
        assert!(sheets[0].rows[4].cells.iter().all(|c| c.links.is_empty()));
    }

    #[test]
    fn numbers_and_dates_as_text() {
        assert_eq!(number(5.1), "5.1");
        assert_eq!(number(5.0), "5");
        assert_eq!(number(5.10), "5.1");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(12345678.0), "12345678");
        assert_eq!(number(0.25), "0.25");
        let na = DataRef::Error(calamine::CellErrorType::NA);
        assert_eq!(value(&na), ("#N/A".to_string(), false));
        let noon = ExcelDateTime::new(45383.5, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(date_time(&noon), "2024-04-01T12:00:00");
        let time = ExcelDateTime::new(0.75, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(date_time(&time), "18:00:00");
        let long = ExcelDateTime::new(1.5, calamine::ExcelDateTimeType::TimeDelta, false);
        assert_eq!(date_time(&long), "36:00:00");
    }

    #[test]
    fn a_value_far_out_is_refused_not_loaded() {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "Control").unwrap();
        sheet.write_string(1_048_575, 0, "stray").unwrap();
        let err = read(&book.save_to_buffer().unwrap()).unwrap_err();
        assert!(err.contains("A1048576"), "{err}");

        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 250, "far right").unwrap();
        let err = read(&book.save_to_buffer().unwrap()).unwrap_err();
        assert!(err.contains("IQ1"), "{err}");
    }

    /// The workbook of [`soa_workbook`] with its first worksheet's XML changed by `edit`.
    fn with_sheet_xml(edit: impl Fn(&str) -> String) -> Vec<u8> {
        use std::io::{Read, Write};
        let good = soa_workbook();
        let mut archive = zip::ZipArchive::new(Cursor::new(&good)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            let name = file.name().unwrap().to_string();
            let mut text = Vec::new();
            file.read_to_end(&mut text).unwrap();
            if name == "xl/worksheets/sheet1.xml" {
                text = edit(&String::from_utf8(text).unwrap()).into_bytes();
            }
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(&text).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn malformed_worksheet_xml_is_an_error_not_a_panic() {
        // The round trip itself reads.
        assert!(read(&with_sheet_xml(str::to_owned)).is_ok());
        let edits: [&dyn Fn(&str) -> String; 4] = [
            &|x| x.replacen(" r=\"A1\"", " r=\"A0\"", 1),
            &|x| x.replacen(" r=\"A1\"", " r=\"1A\"", 1),
            &|x| x.replace("</sheetData>", ""),
            &|x| x.get(..x.len() / 2).unwrap_or_default().to_owned(),
        ];
        for edit in edits {
            let err = read(&with_sheet_xml(edit)).unwrap_err();
            assert!(err.starts_with("sheet 'SoA 2024' cannot be read"), "{err}");
            assert!(err.contains("Excel Workbook (.xlsx)"), "{err}");
        }
        // A used range that ends before it starts: calamine subtracts, which overflows (a
        // panic where overflow is checked, as in tests). Caught, it is a damaged workbook.
        let reversed = with_sheet_xml(|x| {
            x.replace("<dimension ref=\"A1:F7\"/>", "<dimension ref=\"F7:A1\"/>")
        });
        if let Err(err) = read(&reversed) {
            assert!(err.contains("damaged"), "{err}");
        }
    }

    #[test]
    fn what_is_not_an_xlsx_is_an_error_saying_what_to_do() {
        let err = read(b"Control;Title\r\nA.5.1;Policies\r\n").unwrap_err();
        assert!(err.contains("not an Excel workbook"), "{err}");
        assert!(err.contains("Excel Workbook (.xlsx)"), "{err}");

        let mut xls = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        xls.resize(2048, 0);
        let err = read(&xls).unwrap_err();
        assert!(err.contains(".xls"), "{err}");

        let mut encrypted = xls.clone();
        encrypted.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
        let err = read(&encrypted).unwrap_err();
        assert!(err.contains("password"), "{err}");

        let good = soa_workbook();
        for cut in [10, good.len() / 3, good.len() / 2, good.len() - 30] {
            let err = read(&good[..cut]).unwrap_err();
            assert!(err.contains("Excel Workbook (.xlsx)"), "{err}");
        }

        // The zip directory intact, a worksheet's bytes garbled.
        let mut junk = good.clone();
        let mid = junk.len() / 2;
        for b in junk.iter_mut().skip(mid - 200).take(400) {
            *b = b'<';
        }
        assert!(read(&junk).is_err());
        assert!(read(b"PK\x03\x04 not really").is_err());
        assert!(read(b"").is_err());
    }
}
