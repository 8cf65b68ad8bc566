//! SoA tables in Markdown (GitHub-flavoured): every table of the file, one [`Sheet`] each.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{Cell, Link, Row, Sheet};

pub fn read(bytes: &[u8]) -> Result<Vec<Sheet>, String> {
    let text = super::decode(bytes, "save the file as UTF-8")?;
    let lines = Lines::new(&text);
    // Front matter is left out of the parse, not cut from the text, so that offsets stay those
    // of the file. (pulldown's own metadata blocks would also take `---` pairs further down,
    // swallowing a table between two rules.)
    let body_start = front_matter_end(&text);
    let body = text.get(body_start..).unwrap_or_default();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;

    let mut sheets = Vec::new();
    let mut table: Option<Sheet> = None;
    let mut row: Option<Row> = None;
    let mut cell: Option<CellText> = None;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let line = lines.of(body_start + range.start);
        match event {
            Event::Start(Tag::Table(_)) => {
                table = Some(Sheet {
                    name: format!("table at line {line}"),
                    rows: Vec::new(),
                });
            }
            Event::End(TagEnd::Table) => sheets.extend(table.take()),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                row = Some(Row {
                    number: line,
                    cells: Vec::new(),
                });
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let (Some(t), Some(r)) = (table.as_mut(), row.take()) {
                    if r.cells
                        .iter()
                        .any(|c| !c.text.is_empty() || !c.links.is_empty())
                    {
                        t.rows.push(r);
                    }
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(CellText::default()),
            Event::End(TagEnd::TableCell) => {
                if let (Some(r), Some(c)) = (row.as_mut(), cell.take()) {
                    r.cells.push(c.finish());
                }
            }
            _ => {
                if let Some(c) = cell.as_mut() {
                    c.event(event);
                }
            }
        }
    }
    Ok(sheets)
}

/// Byte offset where the body begins: after a front matter block (`---` … `---` or `...`)
/// opening the file, else 0.
fn front_matter_end(text: &str) -> usize {
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "---" => offset += first.len(),
        _ => return 0,
    }
    for line in lines {
        offset += line.len();
        let l = line.trim_end();
        if l == "---" || l == "..." {
            return offset;
        }
    }
    // Not closed: no front matter, as a front matter parser sees it.
    0
}

/// Line numbers of byte offsets: 1-based, counting `\n` (so CRLF files count right).
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Self {
        Lines(memchr::memchr_iter(b'\n', text.as_bytes()).collect())
    }

    fn of(&self, offset: usize) -> u32 {
        let before = self.0.partition_point(|&nl| nl < offset);
        u32::try_from(before + 1).unwrap_or(u32::MAX)
    }
}

/// The visible text and links of one cell, as its events arrive.
#[derive(Default)]
struct CellText {
    text: String,
    links: Vec<Link>,
    /// Links begun and not yet ended: the text so far and the destination. Markdown links do
    /// not nest, but a raw `<a>` may be open around one.
    open: Vec<(String, String)>,
    /// Which entries of `open` came from a raw `<a href>`, so that `</a>` closes the right one.
    open_html: Vec<usize>,
}

impl CellText {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) => self.push(&t),
            Event::SoftBreak => self.push(" "),
            Event::HardBreak => self.push("\n"),
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.open.push((String::new(), dest_url.into_string()))
            }
            Event::End(TagEnd::Link) => self.close(),
            Event::InlineHtml(h) | Event::Html(h) => self.html(&h),
            // Emphasis, strikethrough, images (their alt text arrives as Text): markup only.
            _ => {}
        }
    }

    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        for (text, _) in &mut self.open {
            text.push_str(s);
        }
    }

    fn close(&mut self) {
        if let Some((text, target)) = self.open.pop() {
            self.links.push(Link {
                text: text.split_whitespace().collect::<Vec<_>>().join(" "),
                target,
            });
        }
    }

    /// Raw inline HTML, one tag (or comment) per event: `<br>` is a line break, `<a href>` a
    /// link, any other tag is dropped and its content (which arrives as text) kept.
    fn html(&mut self, h: &str) {
        let Some(tag) = h.trim().strip_prefix('<') else {
            return;
        };
        if tag.starts_with('!') || tag.starts_with('?') {
            return;
        }
        let closing = tag.starts_with('/');
        let tag = tag.trim_start_matches('/');
        let name_end = tag
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tag.len());
        let name = tag.get(..name_end).unwrap_or_default().to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("br", _) => self.push("\n"),
            ("a", false) => {
                if let Some(href) = attribute(tag, "href") {
                    self.open_html.push(self.open.len());
                    self.open.push((String::new(), href));
                }
            }
            ("a", true) => {
                if let Some(at) = self.open_html.pop() {
                    // Close what was opened inside the <a> first (a Markdown link left open
                    // cannot be: pulldown ends it before), then the <a> itself.
                    while self.open.len() > at + 1 {
                        self.close();
                    }
                    self.close();
                }
            }
            _ => {}
        }
    }

    fn finish(mut self) -> Cell {
        while !self.open.is_empty() {
            self.close();
        }
        Cell {
            text: tidy(&self.text),
            links: self.links,
            numeric: false,
        }
    }
}

/// A cell's text: each line with its runs of spaces made one and trimmed, no blank lines
/// before or after.
fn tidy(s: &str) -> String {
    let collapsed: Vec<String> = s
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    super::tidy(&collapsed.join("\n"))
}

/// The value of attribute `name` in the inside of a start tag (`a href="x" title='y'`).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower.get(from..)?.find(name) {
        let at = from + found;
        from = at + name.len();
        // A whole attribute name: preceded by a space, followed by `=`.
        let before = lower.get(..at)?.chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let rest = tag.get(from..)?.trim_start();
        let Some(value) = rest.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let raw = match value.chars().next() {
            Some(q @ ('"' | '\'')) => value.get(1..)?.split(q).next()?,
            _ => value
                .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .next()?,
        };
        return Some(raw.replace("&amp;", "&"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str) -> Cell {
        Cell {
            text: text.into(),
            links: Vec::new(),
            numeric: false,
        }
    }

    fn link(text: &str, target: &str) -> Link {
        Link {
            text: text.into(),
            target: target.into(),
        }
    }

    fn texts(row: &Row) -> Vec<&str> {
        row.cells.iter().map(|c| c.text.as_str()).collect()
    }

    /// A handbook page as GitHub ISMS repositories write it: front matter, a heading, two
    /// tables, CRLF line ends, a BOM, badges and links in the cells.
    const HANDBOOK: &str = "\u{FEFF}---\r\n\
title: Statement of Applicability\r\n\
owner: CISO | Security Team\r\n\
---\r\n\
\r\n\
# Statement of Applicability\r\n\
\r\n\
| Control | Name | Evidence | Status | NIST CSF 2.0 |\r\n\
|---------|------|----------|--------|--------------|\r\n\
| **A.5.1** | Policies for information security | [📋 Information Security Policy](./Information_Security_Policy.md#-roles) | [![Implemented](https://img.shields.io/badge/Status-Implemented-success?style=flat-square)]() | [![GV.PO-01](https://img.shields.io/badge/NIST-GV.PO--01-green?style=flat-square)](https://csf.tools/reference/nist-cybersecurity-framework/v2-0/gv/gv-po/gv-po-01) <br><sub>GV.PO-01: Policy for managing   cybersecurity risks is established</sub> |\r\n\
| **A.5.3** | Segregation of duties | [🚫 Segregation of Duties Policy](./Segregation_of_Duties_Policy.md) • [🔍 SoD Validation Checklist](./templates/SoD_Compensating_Controls_Validation_Checklist.md) | [![Implemented](https://img.shields.io/badge/Status-Implemented-success?style=flat-square)]() | [![PR.AC-03](https://img.shields.io/badge/NIST-PR.AC--03-green?style=flat-square)](https://csf.tools/x) <br><sub>PR.AC-03: Privileged access is managed.</sub> |\r\n\
| `A.8.1` | User endpoint devices \\| laptops &amp; phones | <a href=\"https://example.com/mdm?a=1&amp;b=2\">MDM <b>policy</b></a> | *Planned* | |\r\n\
\r\n\
## Excluded\r\n\
\r\n\
Control | Justification\r\n\
--- | ---\r\n\
A.7.5 | No own premises:<br/>  all staff   remote<BR>since 2021\r\n";

    #[test]
    fn every_table_with_rows_at_their_lines() {
        let sheets = read(HANDBOOK.as_bytes()).unwrap();
        assert_eq!(sheets.len(), 2);
        assert_eq!(sheets[0].name, "table at line 8");
        let numbers: Vec<u32> = sheets[0].rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [8, 10, 11, 12]);
        assert_eq!(
            texts(&sheets[0].rows[0]),
            ["Control", "Name", "Evidence", "Status", "NIST CSF 2.0"]
        );
        assert_eq!(sheets[1].name, "table at line 16");
        let numbers: Vec<u32> = sheets[1].rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [16, 18]);
        assert_eq!(
            texts(&sheets[1].rows[1]),
            ["A.7.5", "No own premises:\nall staff remote\nsince 2021"]
        );
    }

    #[test]
    fn badges_links_and_html_of_a_github_isms_row() {
        let sheets = read(HANDBOOK.as_bytes()).unwrap();
        let row = &sheets[0].rows[2];
        assert_eq!(row.number, 11);
        assert_eq!(row.cells[0], cell("A.5.3"));
        assert_eq!(row.cells[1], cell("Segregation of duties"));
        assert_eq!(
            row.cells[2].text,
            "🚫 Segregation of Duties Policy • 🔍 SoD Validation Checklist"
        );
        assert_eq!(
            row.cells[2].links,
            [
                link(
                    "🚫 Segregation of Duties Policy",
                    "./Segregation_of_Duties_Policy.md"
                ),
                link(
                    "🔍 SoD Validation Checklist",
                    "./templates/SoD_Compensating_Controls_Validation_Checklist.md"
                ),
            ]
        );
        assert_eq!(row.cells[3].text, "Implemented");
        assert_eq!(row.cells[3].links, [link("Implemented", "")]);
        assert_eq!(
            row.cells[4].text,
            "PR.AC-03\nPR.AC-03: Privileged access is managed."
        );
        assert_eq!(
            row.cells[4].links,
            [link("PR.AC-03", "https://csf.tools/x")]
        );

        let first = &sheets[0].rows[1];
        assert_eq!(first.cells[0].text, "A.5.1");
        assert_eq!(
            first.cells[2].links,
            [link(
                "📋 Information Security Policy",
                "./Information_Security_Policy.md#-roles"
            )]
        );
        assert_eq!(
            first.cells[4].text,
            "GV.PO-01\nGV.PO-01: Policy for managing cybersecurity risks is established"
        );
    }

    #[test]
    fn code_escaped_pipes_entities_and_raw_links() {
        let sheets = read(HANDBOOK.as_bytes()).unwrap();
        let row = &sheets[0].rows[3];
        assert_eq!(row.number, 12);
        assert_eq!(
            texts(row),
            [
                "A.8.1",
                "User endpoint devices | laptops & phones",
                "MDM policy",
                "Planned",
                ""
            ]
        );
        assert_eq!(
            row.cells[2].links,
            [link("MDM policy", "https://example.com/mdm?a=1&b=2")]
        );
    }

    #[test]
    fn front_matter_is_not_a_table_and_lines_count_without_it() {
        // Without the front matter taken out, `title` + `---` would be a setext heading and
        // a `|` in it could start a table.
        let text = "---\nsoa: |\n  a | b\n---\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let sheets = read(text.as_bytes()).unwrap();
        assert_eq!(sheets.len(), 1);
        assert_eq!(sheets[0].name, "table at line 5");
        assert_eq!(sheets[0].rows[1].number, 7);

        // Rules around a table are rules, not front matter.
        let text = "Intro\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n";
        let sheets = read(text.as_bytes()).unwrap();
        assert_eq!(sheets.len(), 1);
        assert_eq!(sheets[0].rows[1].number, 7);
    }

    #[test]
    fn a_file_without_tables_has_no_sheets() {
        assert_eq!(read(b"# SoA\n\nNothing here yet.\n").unwrap(), []);
        assert_eq!(read(b"").unwrap(), []);
    }

    #[test]
    fn not_utf8_says_to_save_as_utf8() {
        // "Maßnahme" in Windows-1252, on line 3.
        let bytes = b"# SoA\n\n| Ma\xDFnahme | Titel |\n|---|---|\n";
        let err = read(bytes).unwrap_err();
        assert!(err.contains("line 3"), "{err}");
        assert!(err.contains("save the file as UTF-8"), "{err}");
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_without_panic(text in "[|a-z<>/=\"' *`\\\n\r!\\[\\]()-]{0,200}") {
            let _ = read(text.as_bytes());
            let _ = read(format!("| a | b |\n|---|---|\n{text}").as_bytes());
        }
    }

    #[test]
    fn html_attributes() {
        assert_eq!(
            attribute("a class=\"x\" href='./p.md'", "href").as_deref(),
            Some("./p.md")
        );
        assert_eq!(
            attribute("a data-href=\"no\" href=y.md>", "href").as_deref(),
            Some("y.md")
        );
        assert_eq!(attribute("a name=\"top\"", "href"), None);
    }
}
