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
    match Format::of(path) {
        Some(Format::Markdown) => markdown::read(bytes),
        Some(Format::Delimited) => delimited::read(&name, bytes).map(|s| vec![s]),
        Some(Format::Workbook) => workbook::read(bytes),
        None => Err(format!(
            "{name}: not a format adopt --soa reads; give a Markdown file (.md), a CSV (.csv) or an Excel workbook (.xlsx)"
        )),
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
