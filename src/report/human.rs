//! rustc-style diagnostics for terminals and CI logs:
//!
//! ```text
//! error[overdue-review]: review was due on 2025-06-01 (546 days ago)
//!   --> policies/access-control.md:8:1
//!    |
//!  8 | last_reviewed: 2024-06-01
//!    | ^
//!    = help: review the document, then update last_reviewed
//! ```

use super::printable;
use crate::finding::{count, Finding, Severity};
use std::borrow::Cow;
use std::fmt::Write;

/// The files findings point into, for the quoted source lines.
pub trait SourceLines: Sync {
    /// The whole text of `file` (relative to the content root), when it can be quoted.
    fn text(&self, file: &str) -> Option<Cow<'_, str>>;
}

/// The file being quoted, with where its lines start: findings come sorted by file, so each
/// file is indexed once however many findings it has (a document with 100,000 broken links
/// must not be scanned 100,000 times).
struct Quoting<'s> {
    sources: &'s dyn SourceLines,
    file: Option<String>,
    text: Option<Cow<'s, str>>,
    starts: Vec<usize>,
    line: Option<(u32, QuotedLine)>,
}

impl<'s> Quoting<'s> {
    fn new(sources: &'s dyn SourceLines) -> Self {
        Quoting {
            sources,
            file: None,
            text: None,
            starts: Vec::new(),
            line: None,
        }
    }

    /// The shown part of line `line` of `file` around `col`, and the column within it.
    fn window(&mut self, file: &str, line: u32, col: u32) -> Option<(String, u32)> {
        if self.file.as_deref() != Some(file) {
            self.file = Some(file.to_owned());
            self.text = self.sources.text(file);
            self.starts = self.text.as_deref().map_or_else(Vec::new, |t| {
                std::iter::once(0)
                    .chain(memchr::memchr_iter(b'\n', t.as_bytes()).map(|i| i + 1))
                    .collect()
            });
            self.line = None;
        }
        let text = self.text.as_deref()?;
        let i = usize::try_from(line.checked_sub(1)?).ok()?;
        let start = *self.starts.get(i)?;
        let end = self.starts.get(i + 1).copied().unwrap_or(text.len());
        let mut from = start;
        if i == 0 {
            // A BOM is not part of what the author sees.
            from += text[start..end].strip_prefix('\u{feff}').map_or(0, |_| 3);
        }
        let content = text[from..end].trim_end_matches(['\r', '\n']);
        if self.line.as_ref().is_none_or(|(n, _)| *n != line) {
            self.line = Some((line, QuotedLine::new(content)));
        }
        let (_, quoted) = self.line.as_mut()?;
        Some(quoted.window(content, col))
    }
}

/// A quoted line's length in characters and a cursor into it, so that many findings on one
/// long line, in column order, cost the line's length once rather than once each.
struct QuotedLine {
    chars: usize,
    at_char: usize,
    at_byte: usize,
}

impl QuotedLine {
    fn new(text: &str) -> Self {
        QuotedLine {
            chars: text.chars().count(),
            at_char: 0,
            at_byte: 0,
        }
    }

    /// Byte offset of character `ch` of `text`, moving the cursor there.
    fn byte_of(&mut self, text: &str, ch: usize) -> usize {
        if ch < self.at_char {
            (self.at_char, self.at_byte) = (0, 0);
        }
        let rest = &text[self.at_byte..];
        let step = rest
            .char_indices()
            .nth(ch - self.at_char)
            .map_or(rest.len(), |(b, _)| b);
        self.at_byte += step;
        self.at_char = ch;
        self.at_byte
    }

    /// The part of `text` shown for a finding at `col` (1-based, in characters), with `…`
    /// where it is cut, and the column within it.
    fn window(&mut self, text: &str, col: u32) -> (String, u32) {
        let len = self.chars;
        if len <= LINE_SHOWN {
            return (text.to_owned(), col);
        }
        let at = (col.max(1) - 1) as usize;
        let start = at.saturating_sub(LINE_SHOWN / 3).min(len - LINE_SHOWN);
        let from = self.byte_of(text, start);
        let to = text[from..]
            .char_indices()
            .nth(LINE_SHOWN)
            .map_or(text.len(), |(b, _)| from + b);
        let mut shown = String::with_capacity(to - from + 8);
        let mut col = (at - start.min(at)) as u32 + 1;
        if start > 0 {
            shown.push('…');
            col += 1;
        }
        shown.push_str(&text[from..to]);
        if start + LINE_SHOWN < len {
            shown.push('…');
        }
        (shown, col)
    }
}

pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

/// Whole-ISMS findings shown per code before the rest are summed up in one line (a new ISMS has
/// 93 unmapped controls; the dashboard and the machine formats list them all).
pub const GLOBAL_SHOWN: usize = 10;

/// Characters of a source line shown around the column: a minified table or a generated
/// 20,000-character line must not flood the terminal.
const LINE_SHOWN: usize = 160;

pub fn render(findings: &[Finding], sources: &dyn SourceLines, style: &Style) -> String {
    use rayon::prelude::*;
    // The first GLOBAL_SHOWN whole-ISMS findings of each code are shown, the rest counted.
    let mut shown: std::collections::BTreeMap<crate::finding::Code, (usize, Severity)> =
        Default::default();
    let kept: Vec<&Finding> = findings
        .iter()
        .filter(|f| {
            if f.file.is_some() {
                return true;
            }
            let seen = shown.entry(f.code).or_insert((0, f.severity));
            seen.0 += 1;
            seen.0 <= GLOBAL_SHOWN
        })
        .collect();
    // Each file's findings are written apart, in parallel, and joined in order: a check of
    // 10,000 documents may have thousands of findings to quote.
    let mut out = kept
        .par_chunk_by(|a, b| a.file == b.file)
        .map(|same_file| {
            let mut out = String::new();
            let mut quoting = Quoting::new(sources);
            for f in same_file {
                write_finding(&mut out, f, &mut quoting, style);
            }
            out
        })
        .collect::<Vec<String>>()
        .concat();
    for (code, (n, severity)) in shown {
        if n > GLOBAL_SHOWN {
            let (label, color) = label(severity);
            let _ = writeln!(
                out,
                "{}: {} more like this, not shown (all are on the dashboard and in `check --format json`)\n",
                style.paint(color, &format!("{label}[{code}]")),
                n - GLOBAL_SHOWN
            );
        }
    }
    out
}

/// One finding as rustc writes a diagnostic: the message, where, the quoted line, the help.
fn write_finding(out: &mut String, f: &Finding, quoting: &mut Quoting<'_>, style: &Style) {
    let (label, color) = label(f.severity);
    let head = style.paint(color, &format!("{label}[{}]", f.code));
    let _ = writeln!(
        out,
        "{head}{} {}",
        style.paint("1", ":"),
        style.paint("1", &printable(&f.message))
    );
    let blue = |s: &str| style.paint("1;34", s);
    match (&f.file, f.line) {
        (Some(file), Some(line)) => {
            let col = f.column.unwrap_or(1);
            let width = line.to_string().len();
            let pad = " ".repeat(width);
            let _ = writeln!(out, "{pad}{} {}:{line}:{col}", blue("-->"), printable(file));
            if let Some((text, col)) = quoting.window(file, line, col) {
                // The caret under the character as printed (spelled-out escapes are wider).
                let before: String = text.chars().take(col.saturating_sub(1) as usize).collect();
                let caret_at: String = printable(&before)
                    .chars()
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let _ = writeln!(out, "{pad} {}", blue("|"));
                let text = printable(&text);
                let _ = writeln!(out, "{} {} {text}", blue(&line.to_string()), blue("|"));
                let _ = writeln!(
                    out,
                    "{pad} {} {caret_at}{}",
                    blue("|"),
                    style.paint(color, "^")
                );
            }
            if let Some(h) = &f.help {
                let _ = writeln!(out, "{pad} {} help: {}", blue("="), printable(h));
            }
        }
        _ => {
            if let Some(c) = &f.control {
                let _ = writeln!(out, "  {} control {}", blue("-->"), printable(c));
            }
            if let Some(h) = &f.help {
                let _ = writeln!(out, "   {} help: {}", blue("="), printable(h));
            }
        }
    }
    out.push('\n');
}

/// rustc's words and colours: red errors, yellow warnings, cyan notes.
fn label(severity: Severity) -> (&'static str, &'static str) {
    match severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
        Severity::Note => ("note", "1;36"),
    }
}

/// `2 errors, 1 warning`, and `, 3 notes` when there are notes.
pub fn counts(findings: &[Finding]) -> String {
    let c = count(findings);
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("1 {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    let mut text = format!(
        "{}, {}",
        plural(c.errors, "error"),
        plural(c.warnings, "warning")
    );
    if c.notes > 0 {
        text.push_str(&format!(", {}", plural(c.notes, "note")));
    }
    text
}

/// The closing line: `2 errors, 5 warnings (17 documents, 93 controls)`.
pub fn summary(findings: &[Finding], documents: usize, controls: usize) -> String {
    format!(
        "{} ({} documents, {} controls)",
        counts(findings),
        documents,
        controls
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Code;

    struct One;
    impl SourceLines for One {
        fn text(&self, _: &str) -> Option<Cow<'_, str>> {
            Some("\n\n\n\n\n\nlast_reviewed: 2025-01-01\n".into())
        }
    }

    #[test]
    fn rustc_style_with_snippet_and_caret() {
        let f = Finding::at(
            Code::OverdueReview,
            "policies/x.md",
            7,
            16,
            "review was due",
        )
        .help("review it");
        let text = render(&[f], &One, &Style { color: false });
        assert_eq!(
            text,
            "error[overdue-review]: review was due\n --> policies/x.md:7:16\n  |\n7 | last_reviewed: 2025-01-01\n  |                ^\n  = help: review it\n\n"
        );
    }

    #[test]
    fn many_whole_isms_findings_are_summed_up() {
        let many: Vec<Finding> = (0..25)
            .map(|i| Finding::global(Code::UnmappedControl, format!("control {i}")))
            .collect();
        let text = render(&many, &One, &Style { color: false });
        assert_eq!(
            text.matches("warning[unmapped-control]: control").count(),
            GLOBAL_SHOWN
        );
        assert!(
            text.contains("warning[unmapped-control]: 15 more like this"),
            "{text}"
        );
    }

    #[test]
    fn summary_line() {
        let f = Finding::global(Code::UnmappedControl, "x");
        assert_eq!(
            summary(&[f], 3, 93),
            "0 errors, 1 warning (3 documents, 93 controls)"
        );
    }
}

#[cfg(test)]
mod window_tests {
    fn window(text: &str, col: u32) -> (String, u32) {
        super::QuotedLine::new(text).window(text, col)
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        assert_eq!(window("short", 3), ("short".to_owned(), 3));
        let long: String = (0..1000)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        let (shown, col) = window(&long, 500);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert_eq!(shown.chars().count(), 162);
        // The caret still points at the same character.
        assert_eq!(shown.chars().nth(col as usize - 1), long.chars().nth(499));
        let (start, col) = window(&long, 1);
        assert!(!start.starts_with('…') && start.ends_with('…'));
        assert_eq!(col, 1);
        let (end, col) = window(&long, 1000);
        assert!(end.starts_with('…') && !end.ends_with('…'));
        assert_eq!(end.chars().nth(col as usize - 1), long.chars().nth(999));
    }
}
