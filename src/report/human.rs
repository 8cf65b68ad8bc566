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

use crate::finding::{count, Finding, Severity};
use std::fmt::Write;

/// Source lines for snippets: (file, 1-based line) → the line's text.
pub trait SourceLines {
    fn line(&self, file: &str, line: u32) -> Option<String>;
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

/// Control characters from documents (ESC sequences could rewrite a CI log) shown as `\u{..}`.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Whole-ISMS findings shown per code before the rest are summed up in one line (a new ISMS has
/// 93 unmapped controls; the dashboard and the machine formats list them all).
pub const GLOBAL_SHOWN: usize = 10;

/// Characters of a source line shown around the column: a minified table or a generated
/// 20,000-character line must not flood the terminal.
const LINE_SHOWN: usize = 160;

/// The part of `text` shown for a finding at `col` (1-based, in characters), with `…` where
/// it is cut, and the column within it.
fn window(text: &str, col: u32) -> (String, u32) {
    let len = text.chars().count();
    if len <= LINE_SHOWN {
        return (text.to_owned(), col);
    }
    let at = (col.max(1) - 1) as usize;
    let start = at.saturating_sub(LINE_SHOWN / 3).min(len - LINE_SHOWN);
    let mut shown: String = text.chars().skip(start).take(LINE_SHOWN).collect();
    let mut col = (at - start.min(at)) as u32 + 1;
    if start > 0 {
        shown.insert(0, '…');
        col += 1;
    }
    if start + LINE_SHOWN < len {
        shown.push('…');
    }
    (shown, col)
}

pub fn render(findings: &[Finding], sources: &dyn SourceLines, style: &Style) -> String {
    let mut out = String::new();
    let mut shown: std::collections::BTreeMap<crate::finding::Code, (usize, Severity)> =
        Default::default();
    for f in findings {
        if f.file.is_none() {
            let seen = shown.entry(f.code).or_insert((0, f.severity));
            seen.0 += 1;
            if seen.0 > GLOBAL_SHOWN {
                continue;
            }
        }
        let (label, color) = match f.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
        };
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
                let _ = writeln!(out, "{pad}{} {file}:{line}:{col}", blue("-->"));
                if let Some(text) = sources.line(file, line) {
                    let text = text
                        .trim_end_matches(['\r', '\n'])
                        .trim_start_matches('\u{feff}');
                    let (text, col) = window(text, col);
                    let caret_at: String = text
                        .chars()
                        .take(col.saturating_sub(1) as usize)
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
                    let _ = writeln!(out, "  {} control {c}", blue("-->"));
                }
                if let Some(h) = &f.help {
                    let _ = writeln!(out, "   {} help: {h}", blue("="));
                }
            }
        }
        out.push('\n');
    }
    for (code, (n, severity)) in shown {
        if n > GLOBAL_SHOWN {
            let (label, color) = match severity {
                Severity::Error => ("error", "1;31"),
                Severity::Warning => ("warning", "1;33"),
            };
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

/// The closing line: `2 errors, 5 warnings (17 documents, 93 controls)`.
pub fn summary(findings: &[Finding], documents: usize, controls: usize) -> String {
    let c = count(findings);
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("1 {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    format!(
        "{}, {} ({} documents, {} controls)",
        plural(c.errors, "error"),
        plural(c.warnings, "warning"),
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
        fn line(&self, _: &str, line: u32) -> Option<String> {
            (line == 7).then(|| "last_reviewed: 2025-01-01".to_owned())
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
    use super::window;

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
