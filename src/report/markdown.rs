//! `check --format markdown`: a compact summary for a pull-request comment or
//! `$GITHUB_STEP_SUMMARY`, where annotations alone fall short (GitHub shows ten per level).
//!
//! ```markdown
//! ### ismsbook: ❌ 1 error, 1 warning
//!
//! 43 documents, 93 controls checked.
//!
//! | Code | Errors | Warnings |
//! |---|--:|--:|
//! | `overdue-review` | 1 | 0 |
//! | `unmapped-control` | 0 | 1 |
//!
//! | Severity | Code | Location | Message |
//! |---|---|---|---|
//! | ❌ error | `overdue-review` | `content/policies/access.md:8` | review was due on 2025-06-01 |
//! | ⚠️ warning | `unmapped-control` | `A.5.15` | A.5.15 Access control is applicable but … |
//! ```
//!
//! Message text comes from the ISMS (titles, link targets) and GitHub renders HTML in comments,
//! so cells are escaped: HTML is neutralised outside code spans, `|` and newlines everywhere.
//!
//! Beside frameworks declared under `[[frameworks]]`, the findings table gains a Framework
//! column naming the framework of each finding about a control (Annex A included).

use super::{repo_path, FrameworkNames};
use crate::finding::{count, Code, Finding, Severity};
use std::fmt::Write;

/// Findings shown before the rest fold into `<details>`.
const VISIBLE: usize = 20;
/// Findings listed at all.
const LISTED: usize = 200;
/// A GitHub comment holds at most 65,536 characters: the findings listed stop before this many
/// bytes (a declared framework's findings carry long control statements).
const BUDGET: usize = 60_000;

/// A compact PR-comment summary: verdict, counts by code, then the findings.
pub fn render(
    findings: &[Finding],
    documents: usize,
    controls: usize,
    uri_prefix: &str,
    names: &FrameworkNames,
) -> String {
    let c = count(findings);
    let mut out = String::new();
    let verdict = if findings.is_empty() {
        "✅ no findings".to_owned()
    } else {
        let icon = if c.errors > 0 { "❌" } else { "✅" };
        let notes = if c.notes > 0 {
            format!(", {}", plural(c.notes, "note"))
        } else {
            String::new()
        };
        format!(
            "{icon} {}, {}{notes}",
            plural(c.errors, "error"),
            plural(c.warnings, "warning")
        )
    };
    let _ = writeln!(out, "### ismsbook: {verdict}\n");
    let _ = writeln!(
        out,
        "{}, {} checked.",
        plural(documents, "document"),
        plural(controls, "control")
    );
    if findings.is_empty() {
        return out;
    }

    // A notes column only when there are notes, so the usual table stays as it was.
    if c.notes > 0 {
        out.push_str("\n| Code | Errors | Warnings | Notes |\n|---|--:|--:|--:|\n");
    } else {
        out.push_str("\n| Code | Errors | Warnings |\n|---|--:|--:|\n");
    }
    for code in Code::ALL {
        let of = |s: Severity| {
            findings
                .iter()
                .filter(|f| f.code == code && f.severity == s)
                .count()
        };
        let (e, w, n) = (
            of(Severity::Error),
            of(Severity::Warning),
            of(Severity::Note),
        );
        if c.notes > 0 && e + w + n > 0 {
            let _ = writeln!(out, "| `{code}` | {e} | {w} | {n} |");
        } else if e + w > 0 {
            let _ = writeln!(out, "| `{code}` | {e} | {w} |");
        }
    }

    let candidates = &findings[..findings.len().min(LISTED)];
    let column = Column::new(names, candidates);
    // Two table headers, the <details> wrapper and the last line stay within 600 bytes.
    let mut size = out.len() + 600;
    let mut rows: Vec<String> = Vec::new();
    for f in candidates {
        let r = row(f, uri_prefix, column);
        if size + r.len() > BUDGET {
            break;
        }
        size += r.len();
        rows.push(r);
    }
    let (visible, folded) = rows.split_at(rows.len().min(VISIBLE));
    out.push('\n');
    header(&mut out, column);
    out.extend(visible.iter().map(String::as_str));
    if !folded.is_empty() {
        let _ = writeln!(
            out,
            "\n<details><summary>{}</summary>\n",
            plural(folded.len(), "more finding")
        );
        header(&mut out, column);
        out.extend(folded.iter().map(String::as_str));
        out.push_str("\n</details>\n");
    }
    let unlisted = findings.len() - rows.len();
    if unlisted > 0 {
        let _ = writeln!(
            out,
            "\n{} not listed; run `ismsbook check` for all of them.",
            plural(unlisted, "more finding")
        );
    }
    out
}

/// Whether a findings table has a Framework column, and the names for it: only when some
/// listed finding gets a framework named, so a table of Annex A alone stays as it was.
#[derive(Clone, Copy)]
pub(crate) struct Column<'a>(Option<&'a FrameworkNames>);

impl<'a> Column<'a> {
    pub(crate) fn new(names: &'a FrameworkNames, listed: &[Finding]) -> Column<'a> {
        Column(names.any(listed).then_some(names))
    }
}

pub(crate) fn table(out: &mut String, findings: &[Finding], uri_prefix: &str, column: Column<'_>) {
    header(out, column);
    for f in findings {
        out.push_str(&row(f, uri_prefix, column));
    }
}

fn header(out: &mut String, column: Column<'_>) {
    if column.0.is_some() {
        out.push_str(
            "| Severity | Code | Framework | Location | Message |\n|---|---|---|---|---|\n",
        );
    } else {
        out.push_str("| Severity | Code | Location | Message |\n|---|---|---|---|\n");
    }
}

/// One finding as a table row, with its line end.
fn row(f: &Finding, uri_prefix: &str, column: Column<'_>) -> String {
    let severity = match f.severity {
        Severity::Error => "❌ error",
        Severity::Warning => "⚠️ warning",
        Severity::Note => "ℹ️ note",
    };
    let location = match (&f.file, f.line) {
        (Some(file), Some(line)) => code_span(&format!("{}:{line}", repo_path(uri_prefix, file))),
        (Some(file), None) => code_span(&repo_path(uri_prefix, file)),
        (None, _) => match (&f.control, &f.document) {
            (Some(id), _) | (None, Some(id)) => code_span(id),
            (None, None) => "whole ISMS".to_owned(),
        },
    };
    let mut message = cell(&f.message);
    if let Some(help) = &f.help {
        message.push_str("<br>help: ");
        message.push_str(&cell(help));
    }
    let framework = match column.0 {
        Some(names) => format!(" {} |", names.label(f).map(cell).unwrap_or_default()),
        None => String::new(),
    };
    format!(
        "| {severity} | `{}` |{framework} {location} | {message} |\n",
        f.code
    )
}

pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Text as a table cell. Code spans (`` `---` ``, common in messages) are kept, since Markdown
/// shows their content literally; elsewhere `<`, `>` and `&` become entities so no HTML
/// reaches the comment. `|` is escaped everywhere: GFM splits table cells on it even inside
/// code spans.
pub(crate) fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('`') {
        let (before, from_tick) = rest.split_at(start);
        push_text(&mut out, before);
        let run = from_tick.len() - from_tick.trim_start_matches('`').len();
        let ticks = &from_tick[..run];
        let after = &from_tick[run..];
        match find_closing(after, run) {
            Some(end) => {
                out.push_str(ticks);
                push_code(&mut out, &after[..end]);
                out.push_str(ticks);
                rest = &after[end + run..];
            }
            None => {
                // An unmatched backtick run is literal text.
                out.push_str(ticks);
                rest = after;
            }
        }
    }
    push_text(&mut out, rest);
    out
}

/// Byte offset of the next run of exactly `n` backticks in `s` (CommonMark's code span end).
fn find_closing(s: &str, n: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let start = i;
            while i < bytes.len() && bytes[i] == b'`' {
                i += 1;
            }
            if i - start == n {
                return Some(start);
            }
        } else {
            i += 1;
        }
    }
    None
}

/// Text outside code spans, as GitHub will show it and nothing more: no HTML, no table
/// border, no image or link (`![x](https://…)` would load a remote image for every reader of
/// the comment, `[x](…)` could lead anywhere), no `@mention` (it would notify a person or a
/// whole team), no invisible or control characters.
fn push_text(out: &mut String, s: &str) {
    let mut prev: Option<char> = None;
    let mut chars = s.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // Escaped too, or a trailing `\` would turn our `\|` back into a cell border.
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '\r' => {}
            '\n' => out.push_str("<br>"),
            // A mention starts at `@` after a non-word character; a zero-width space after the
            // `@` keeps the text and stops the notification (e-mail addresses are left alone).
            '@' if !prev.is_some_and(|p| p.is_alphanumeric() || p == '_')
                && chars.peek().is_some_and(|n| n.is_alphanumeric()) =>
            {
                out.push_str("@&#8203;")
            }
            c => push_visible(out, c),
        }
        prev = Some(ch);
    }
}

/// A character, or its `\u{…}` spelling when it is a control or invisible character.
fn push_visible(out: &mut String, c: char) {
    let mut buf = [0u8; 4];
    out.push_str(&super::printable(c.encode_utf8(&mut buf)));
}

/// Inside a code span entities would show literally, and a line break ends the table row.
fn push_code(out: &mut String, s: &str) {
    for ch in s.chars() {
        match ch {
            '|' => out.push_str("\\|"),
            '\r' => {}
            '\n' => out.push(' '),
            c => push_visible(out, c),
        }
    }
}

/// `text` as a code span in a table cell, with a fence longer than any backtick run inside.
pub(crate) fn code_span(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for ch in text.chars() {
        run = if ch == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let mut inner = String::with_capacity(text.len());
    push_code(&mut inner, text);
    if longest > 0 {
        format!("{fence} {inner} {fence}")
    } else {
        format!("{fence}{inner}{fence}")
    }
}
