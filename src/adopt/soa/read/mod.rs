//! An existing Statement of Applicability as it is written: sheets of rows of cells, each cell
//! with its text and links and each row with its place in the file, so that every decision
//! imported can be traced to its cell. What the cells mean is for [`super::columns`] and
//! [`super::values`]; here only the formats are read.

pub mod delimited;
pub mod markdown;
pub mod workbook;

use std::path::Path;

/// One table: a worksheet, a CSV file, or a Markdown table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    /// The worksheet's name; for Markdown `table at line N`; for CSV the file name.
    pub name: String,
    /// Rows in file order. Blank rows may be left out; `number` says where each row is.
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// Where the row is, 1-based: the worksheet row (as Excel numbers it), or the line of the
    /// file (CSV: where the record starts; Markdown: the table row's line).
    pub number: u32,
    /// Cells in column order; column `i` is Excel's column `i` (A = 0).
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    /// The text a reader sees, trimmed: Markdown markup removed, an image's alt text kept
    /// (a status badge says "Implemented"), `<br>` and line breaks in a cell as `\n`.
    pub text: String,
    /// Links in the cell, in order (Markdown links; a workbook cell's hyperlink).
    pub links: Vec<Link>,
    /// A number cell of a workbook: `5.10` typed into Excel is the number 5.1, so an id read
    /// from such a cell may have lost a trailing zero.
    pub numeric: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub text: String,
    pub target: String,
}

/// The format of a file, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Delimited,
    Workbook,
}

impl Format {
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "csv" | "tsv" | "txt" => Some(Format::Delimited),
            "xlsx" | "xlsm" => Some(Format::Workbook),
            _ => None,
        }
    }
}

/// Every table in the file. An error says what is wrong and what to do, in one sentence.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Vec<Sheet>, String> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let sheets = match Format::of(path) {
        Some(Format::Markdown) => markdown::read(bytes),
        Some(Format::Delimited) => delimited::read(&name, bytes).map(|s| vec![s]),
        Some(Format::Workbook) => workbook::read(bytes),
        None => {
            return Err(format!(
                "{name}: not a format adopt --soa reads; give a Markdown file (.md), a CSV (.csv) or an Excel workbook (.xlsx)"
            ))
        }
    };
    // The readers say what is wrong; which file it is in is said here, once.
    sheets.map_err(|e| format!("{name}: {e}"))
}

/// More than an SoA ever has (ISO/IEC 27001 Annex A has 93 controls; catalogues merged into
/// one table have a few hundred): a sheet beyond these is not an SoA, and reading it would
/// only cost memory.
pub(crate) const MAX_ROWS: u32 = 100_000;
pub(crate) const MAX_COLUMNS: u32 = 200;

/// The text of a file: UTF-8 (a BOM is dropped) or UTF-16 with its BOM (Excel's "Unicode
/// Text"). `remedy` says what to do when it is neither, e.g. "save the file as UTF-8".
pub(crate) fn decode(bytes: &[u8], remedy: &str) -> Result<String, String> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(
            "this is a zip archive (an Excel workbook?), not text; if it is a workbook, give it the extension .xlsx"
                .into(),
        );
    }
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes, remedy)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes, remedy)?
    } else {
        let rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(rest) {
            Ok(s) => s.to_owned(),
            Err(e) => {
                let at = e.valid_up_to();
                let skipped = bytes.len() - rest.len();
                let line = rest
                    .get(..at)
                    .map_or(0, |b| b.iter().filter(|&&b| b == b'\n').count())
                    + 1;
                return Err(format!(
                    "not UTF-8 text: the byte at offset {} (line {line}) is not UTF-8 (saved as Windows-1252 / \"ANSI\" or Latin-1?); {remedy}",
                    at + skipped
                ));
            }
        }
    };
    // A UTF-16 file without its BOM is valid UTF-8 full of NULs; so is a binary file.
    if let Some(at) = text.find('\0') {
        let line = text.get(..at).map_or(0, |t| t.matches('\n').count()) + 1;
        return Err(format!(
            "not a text file: line {line} holds a NUL byte (UTF-16 without a byte order mark, or a binary file); {remedy}"
        ));
    }
    Ok(text)
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, remedy: &str) -> Result<String, String> {
    let (pairs, rest) = bytes.as_chunks::<2>();
    if !rest.is_empty() {
        return Err(format!(
            "the file is UTF-16 but has an odd number of bytes (cut off?); {remedy}"
        ));
    }
    let units: Vec<u16> = pairs.iter().map(|&p| unit(p)).collect();
    String::from_utf16(&units).map_err(|_| {
        format!("the file is UTF-16 but holds an invalid character (a lone surrogate); {remedy}")
    })
}

/// A cell's text as a reader sees it: line breaks as `\n` (whatever the file wrote),
/// each line trimmed, no blank lines before or after.
pub(crate) fn tidy(s: &str) -> String {
    let s = s.replace("\r\n", "\n");
    let lines: Vec<&str> = s.split(['\n', '\r']).map(str::trim).collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    match (first, last) {
        (Some(a), Some(b)) => lines.get(a..=b).map(|l| l.join("\n")).unwrap_or_default(),
        _ => String::new(),
    }
}

/// Excel's name of the column at `index` (0 → A, 26 → AA).
pub fn column_name(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The index of a column written `A`, `ab` or `3` (1-based).
pub fn column_index(s: &str) -> Option<usize> {
    let s = s.trim();
    if let Ok(n) = s.parse::<usize>() {
        return n.checked_sub(1);
    }
    if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut n = 0usize;
    for b in s.bytes() {
        n = n * 26 + usize::from(b.to_ascii_uppercase() - b'A') + 1;
    }
    Some(n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_file() {
        let err = read(
            Path::new("exports/SoA.csv"),
            b"Control;Titel\r\nA.5.1;Ma\xDFnahme\r\n",
        )
        .unwrap_err();
        assert!(err.starts_with("SoA.csv: not UTF-8"), "{err}");
        let err = read(Path::new("SoA.xlsx"), b"not a zip").unwrap_err();
        assert!(err.starts_with("SoA.xlsx: not an Excel workbook"), "{err}");
    }

    #[test]
    fn tidy_trims_lines_and_keeps_breaks() {
        assert_eq!(
            tidy("  Risk R-01 \r\n Contract A\r\n\r\n"),
            "Risk R-01\nContract A"
        );
        assert_eq!(tidy("a\rb"), "a\nb");
        assert_eq!(tidy(" \n \n"), "");
    }

    #[test]
    fn column_names_both_ways() {
        for (i, name) in [
            (0, "A"),
            (3, "D"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (701, "ZZ"),
        ] {
            assert_eq!(column_name(i), name);
            assert_eq!(column_index(name), Some(i));
            assert_eq!(column_index(&name.to_lowercase()), Some(i));
        }
        assert_eq!(column_index("4"), Some(3));
        assert_eq!(column_index("0"), None);
        assert_eq!(column_index("A1"), None);
    }
}
