//! CSV as spreadsheets write it: any delimiter, a BOM, UTF-16 "Unicode text".

use super::{Cell, Row, Sheet, MAX_COLUMNS, MAX_ROWS};

const REMEDY: &str = "export the table again as \"CSV UTF-8 (Comma delimited)\" (Excel) or with the character set \"Unicode (UTF-8)\" (LibreOffice)";

/// Delimiters tried when the file does not name its own, in order of preference on a tie.
const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Records looked at to tell the delimiter.
const SNIFFED: usize = 20;

pub fn read(name: &str, bytes: &[u8]) -> Result<Sheet, String> {
    let text = super::decode(bytes, REMEDY)?;
    let (body, skipped_lines, named) = match separator_line(&text) {
        Some((delimiter, rest)) => (rest, 1, Some(delimiter)),
        None => (text.as_str(), 0, None),
    };
    let delimiter = named.unwrap_or_else(|| sniff(body));

    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut rows = Vec::new();
    let mut lines = Lines {
        bytes: body.as_bytes(),
        at: 0,
        breaks: 0,
    };
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line()) + skipped_lines;
                return Err(format!("line {line} cannot be read as CSV ({e}); {REMEDY}"));
            }
        }
        let start = record.position().map_or(0, |p| p.byte());
        let line = lines.first_line(start) + skipped_lines;
        let number = u32::try_from(line).unwrap_or(u32::MAX);
        let mut cells: Vec<Cell> = record
            .iter()
            .map(|field| Cell {
                text: clean(field),
                links: Vec::new(),
                numeric: false,
            })
            .collect();
        // Spreadsheets pad every line to the widest one; the padding is no data.
        while cells.last().is_some_and(|c| c.text.is_empty()) {
            cells.pop();
        }
        if cells.is_empty() {
            continue;
        }
        if cells.len() > MAX_COLUMNS as usize {
            return Err(format!(
                "line {number} has a value in column {}, beyond the {MAX_COLUMNS} columns an SoA is read from; export only the SoA table",
                cells.len()
            ));
        }
        if rows.len() >= MAX_ROWS as usize {
            return Err(format!(
                "more than {MAX_ROWS} rows: this is not an SoA table; export only the SoA table"
            ));
        }
        rows.push(Row { number, cells });
    }
    Ok(Sheet {
        name: name.to_owned(),
        rows,
    })
}

/// Line numbers of records, counted on from the previous record (records come in order, so
/// the whole file is counted once, not once per record).
struct Lines<'t> {
    bytes: &'t [u8],
    /// Bytes before `at` are counted: `breaks` line breaks.
    at: usize,
    breaks: usize,
}

impl Lines<'_> {
    /// The line of a record that csv says begins at byte `start`. Not csv's own line count:
    /// after a CRLF record it starts the next record at the `\n`, one line early. A record
    /// never begins with a line break (blank lines are no records), so those bytes are skipped.
    fn first_line(&mut self, start: u64) -> u64 {
        let start = usize::try_from(start)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        if start < self.at {
            self.at = 0;
            self.breaks = 0;
        }
        self.breaks += memchr::memchr_iter(b'\n', &self.bytes[self.at..start]).count();
        self.at = start;
        let leading = self.bytes[start..]
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .filter(|&&b| b == b'\n')
            .count();
        (self.breaks + leading) as u64 + 1
    }
}

/// Excel's `sep=;` first line, which names the delimiter and is no data: the delimiter and
/// the text after that line.
fn separator_line(text: &str) -> Option<(u8, &str)> {
    let (first, rest) = match text.split_once('\n') {
        Some((first, rest)) => (first, rest),
        None => (text, ""),
    };
    let value = first.trim_end_matches('\r');
    let head = value.get(..4)?;
    if !head.eq_ignore_ascii_case("sep=") {
        return None;
    }
    match value.get(4..)?.as_bytes() {
        [d] if d.is_ascii() && !matches!(d, b'"' | b'\r' | b'\n') => Some((*d, rest)),
        _ => None,
    }
}

/// The delimiter of a file that does not name it: the candidate that splits the first
/// records into the same number of fields (more than one) most often. Counting per record
/// and not in total is what keeps a German export's `;` from losing to the decimal commas
/// in its numbers (`5,1`): those come and go from line to line, the `;` are on every line.
fn sniff(text: &str) -> u8 {
    let mut best = (CANDIDATES[0], 0usize, 0usize);
    for d in CANDIDATES {
        let counts = delimiters_per_record(text, d);
        let mut tally: Vec<(usize, usize)> = Vec::new();
        for &c in counts.iter().filter(|&&c| c > 0) {
            match tally.iter_mut().find(|(n, _)| *n == c) {
                Some((_, seen)) => *seen += 1,
                None => tally.push((c, 1)),
            }
        }
        let Some((count, agreeing)) = tally.into_iter().max_by_key(|&(n, seen)| (seen, n)) else {
            continue;
        };
        if (agreeing, count) > (best.1, best.2) {
            best = (d, agreeing, count);
        }
    }
    best.0
}

/// How many times `d` separates fields in each of the first [`SNIFFED`] non-blank records:
/// a quoted field's delimiters and line breaks are its text.
fn delimiters_per_record(text: &str, d: u8) -> Vec<usize> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut counts = Vec::new();
    let mut state = State::FieldStart;
    let mut count = 0;
    let mut blank = true;
    for &b in text.as_bytes() {
        if state != State::Quoted && b == b'\n' {
            if !blank {
                counts.push(count);
                if counts.len() == SNIFFED {
                    return counts;
                }
            }
            (state, count, blank) = (State::FieldStart, 0, true);
            continue;
        }
        if !b.is_ascii_whitespace() {
            blank = false;
        }
        state = match (state, b) {
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::FieldStart, b'"') | (State::QuoteInQuoted, b'"') => State::Quoted,
            (_, b) if b == d => {
                count += 1;
                State::FieldStart
            }
            (State::FieldStart, b'\r') => State::FieldStart,
            _ => State::Unquoted,
        };
    }
    if !blank {
        counts.push(count);
    }
    counts
}

/// A field's text: trimmed, and without the `'` a careful CSV writer puts before a leading
/// `=`, `+`, `-` or `@` so that a spreadsheet does not take the text for a formula.
fn clean(field: &str) -> String {
    let text = super::tidy(field);
    let mut chars = text.chars();
    if chars.next() == Some('\'') && matches!(chars.next(), Some('=' | '+' | '-' | '@')) {
        return text.get(1..).unwrap_or_default().to_owned();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(row: &Row) -> Vec<&str> {
        row.cells.iter().map(|c| c.text.as_str()).collect()
    }

    /// German Excel "CSV (Trennzeichen-getrennt)" saved as UTF-8: BOM, CRLF, `;`, decimal
    /// commas in unquoted fields, an Alt+Enter line break inside quotes, a `;` inside quotes,
    /// a blank row of padding.
    const GERMAN: &str = "\u{FEFF}Maßnahme;Titel;Anwendbar;Begründung;Umsetzungsstatus\r\n\
5,1;Informationssicherheitsrichtlinien;Ja;Gesetzliche Anforderung, Risiko R-01;Umgesetzt\r\n\
5,2;Informationssicherheitsrollen und -verantwortlichkeiten;Ja;\"Risiko R-02\nVertrag mit Kunde A\";Teilweise umgesetzt\r\n\
;;;;\r\n\
5,3;Aufgabentrennung;Nein;\"Kleines Team; keine Trennung möglich\";Nicht anwendbar\r\n\
7,10;Speichermedien;Ja;Risiko R-07, R-08, R-09;Geplant\r\n";

    #[test]
    fn german_excel_export() {
        let sheet = read("SoA.csv", GERMAN.as_bytes()).unwrap();
        assert_eq!(sheet.name, "SoA.csv");
        let numbers: Vec<u32> = sheet.rows.iter().map(|r| r.number).collect();
        // The quoted line break makes line 4 part of the record of line 3; line 5 is blank.
        assert_eq!(numbers, [1, 2, 3, 6, 7]);
        assert_eq!(
            texts(&sheet.rows[0]),
            [
                "Maßnahme",
                "Titel",
                "Anwendbar",
                "Begründung",
                "Umsetzungsstatus"
            ]
        );
        assert_eq!(
            texts(&sheet.rows[2]),
            [
                "5,2",
                "Informationssicherheitsrollen und -verantwortlichkeiten",
                "Ja",
                "Risiko R-02\nVertrag mit Kunde A",
                "Teilweise umgesetzt"
            ]
        );
        assert_eq!(
            sheet.rows[3].cells[3].text,
            "Kleines Team; keine Trennung möglich"
        );
        assert_eq!(sheet.rows[4].cells[0].text, "7,10");
        assert!(sheet
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .all(|c| c.links.is_empty() && !c.numeric));
    }

    #[test]
    fn excel_separator_line_is_honoured_and_counted() {
        let text = "sep=;\r\nControl;Title;Applicable\r\nA.5.1;Policies, topic-specific;Yes\r\n";
        let sheet = read("soa.csv", text.as_bytes()).unwrap();
        assert_eq!(sheet.rows.len(), 2);
        assert_eq!(sheet.rows[0].number, 2);
        assert_eq!(sheet.rows[1].number, 3);
        assert_eq!(
            texts(&sheet.rows[1]),
            ["A.5.1", "Policies, topic-specific", "Yes"]
        );
        // With a BOM before it, and the BOM alone on the first line of another file.
        let with_bom = format!("\u{FEFF}{text}");
        assert_eq!(
            read("soa.csv", with_bom.as_bytes()).unwrap().rows,
            sheet.rows
        );
        let bom_line = "\u{FEFF}\r\nControl,Title\r\nA.5.1,Policies\r\n";
        let sheet = read("soa.csv", bom_line.as_bytes()).unwrap();
        assert_eq!(sheet.rows[0].number, 2);
        assert_eq!(sheet.rows[1].number, 3);
    }

    #[test]
    fn utf16_unicode_text_export() {
        // Excel's "Unicode Text (*.txt)": UTF-16LE with BOM, tab-separated, CRLF.
        let text = "Control\tTitle\tApplicable\tJustification\r\n\
A.5.1\tPolicies for information security\tYes\t\"Risk R-01\nISO 27001 requirement\"\r\n\
A.7.4\tPhysical security monitoring\tNo\tNo own premises 🏠\r\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let sheet = read("soa.txt", &le).unwrap();
        let numbers: Vec<u32> = sheet.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 2, 4]);
        assert_eq!(
            texts(&sheet.rows[1]),
            [
                "A.5.1",
                "Policies for information security",
                "Yes",
                "Risk R-01\nISO 27001 requirement"
            ]
        );
        assert_eq!(sheet.rows[2].cells[3].text, "No own premises 🏠");

        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(read("soa.txt", &be).unwrap().rows, sheet.rows);

        // Cut off in the middle of a character.
        let err = read("soa.txt", &le[..le.len() - 1]).unwrap_err();
        assert!(err.contains("odd number of bytes"), "{err}");
    }

    #[test]
    fn comma_csv_with_quotes_and_formula_guards() {
        let text = "Control ID,Control Name,Applicable,Justification,Owner\n\
\"A.5.1\",\"Policies for information security\",\"Yes\",\"Required by ISO 27001, clause 5.2; see \"\"Policy\"\"\",\"CISO\"\n\
A.5.7,  Threat intelligence  ,No,'- not in scope,'@security\n\
A.8.16,Monitoring activities,Yes,'=SUM(A1),Ops\n\
A.8.17,Clock synchronization,Yes,'Tis the season,Ops\n";
        let sheet = read("soa.csv", text.as_bytes()).unwrap();
        assert_eq!(sheet.rows.len(), 5);
        assert_eq!(
            texts(&sheet.rows[1]),
            [
                "A.5.1",
                "Policies for information security",
                "Yes",
                "Required by ISO 27001, clause 5.2; see \"Policy\"",
                "CISO"
            ]
        );
        assert_eq!(
            texts(&sheet.rows[2]),
            [
                "A.5.7",
                "Threat intelligence",
                "No",
                "- not in scope",
                "@security"
            ]
        );
        assert_eq!(sheet.rows[3].cells[3].text, "=SUM(A1)");
        assert_eq!(sheet.rows[4].cells[3].text, "'Tis the season");
    }

    #[test]
    fn sniffing_counts_per_record_outside_quotes() {
        // Decimal commas on every data line but not the header, and one line with three.
        let german = "Nr;Titel;Status\n5,1;A;Ja\n5,2;B, C, D;Ja\n5,3;\"x;y\";Nein\n";
        assert_eq!(sniff(german), b';');
        // Semicolons inside quoted text do not make `;` the delimiter.
        let english = "id,title,note\nA.5.1,x,\"a; b; c\"\nA.5.2,y,\"d; e\"\n";
        assert_eq!(sniff(english), b',');
        assert_eq!(sniff("a\tb\tc\n1\t2,5\t3\n"), b'\t');
        assert_eq!(sniff("| id | title |\n| A.5.1 | x |\n"), b'|');
        // One column: any delimiter reads it; the first is taken.
        assert_eq!(sniff("A.5.1\nA.5.2\n"), b',');
    }

    #[test]
    fn windows_1252_is_refused_with_its_place_and_the_fix() {
        let bytes = b"Control;Title\r\nA.5.1;Richtlinien\r\nA.5.2;Ma\xDFnahmen\r\n";
        let err = read("soa.csv", bytes).unwrap_err();
        assert!(err.contains("line 3"), "{err}");
        assert!(err.contains("offset 42"), "{err}");
        assert!(err.contains("CSV UTF-8 (Comma delimited)"), "{err}");
    }

    #[test]
    fn a_workbook_or_utf16_without_bom_is_not_taken_for_text() {
        let err = read("soa.csv", b"PK\x03\x04\x14\x00\x06\x00").unwrap_err();
        assert!(err.contains(".xlsx"), "{err}");
        let no_bom: Vec<u8> = "id,title\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let err = read("soa.csv", &no_bom).unwrap_err();
        assert!(err.contains("NUL"), "{err}");
    }

    proptest::proptest! {
        /// Whatever the cells hold (delimiters, quotes, line breaks, decimal commas), a file
        /// written as Excel writes it reads back cell for cell, each row at its line.
        #[test]
        fn excel_style_files_read_back(
            rows in proptest::collection::vec(
                proptest::collection::vec("[a-zA-Z0-9äß ,;\"\n.-]{0,10}", 3),
                0..12,
            )
        ) {
            let mut writer = csv::WriterBuilder::new()
                .delimiter(b';')
                .terminator(csv::Terminator::CRLF)
                .from_writer(b"\xEF\xBB\xBF".to_vec());
            writer.write_record(["Control", "Title", "Applicable"]).unwrap();
            let mut expected = vec![(1, vec!["Control".to_owned(), "Title".into(), "Applicable".into()])];
            let mut line = 2;
            for row in &rows {
                writer.write_record(row).unwrap();
                let mut cells: Vec<String> = row.iter().map(|c| super::super::tidy(c)).collect();
                while cells.last().is_some_and(String::is_empty) {
                    cells.pop();
                }
                if !cells.is_empty() {
                    expected.push((line, cells));
                }
                line += 1 + row.iter().map(|c| c.matches('\n').count()).sum::<usize>() as u32;
            }
            let bytes = writer.into_inner().unwrap();
            let sheet = read("soa.csv", &bytes).unwrap();
            let got: Vec<(u32, Vec<String>)> = sheet
                .rows
                .into_iter()
                .map(|r| (r.number, r.cells.into_iter().map(|c| c.text).collect()))
                .collect();
            proptest::prop_assert_eq!(got, expected);
        }

        #[test]
        fn any_bytes_read_or_fail_without_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            let _ = read("soa.csv", &bytes);
        }
    }

    #[test]
    fn empty_file_is_an_empty_sheet() {
        assert!(read("soa.csv", b"").unwrap().rows.is_empty());
        assert!(read("soa.csv", b"\xEF\xBB\xBF").unwrap().rows.is_empty());
    }
}
