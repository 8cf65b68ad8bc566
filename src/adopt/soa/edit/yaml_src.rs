//! YAML text seen as lines and byte offsets, for changing it in place: the parser's events
//! with the byte offset each starts at, and where a scalar that starts at an offset ends
//! (yaml-rust2 reports only where things start).

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

/// One parser event and the byte offset (in the whole text) its marker points at. Block
/// collections point somewhere inside themselves; only flow ones (`{`, `[`) and scalars
/// point at their first character.
pub struct Ev {
    pub event: Event,
    pub at: usize,
}

pub struct Text<'a> {
    pub s: &'a str,
    /// Byte offset of each line's first character; a text ending in `\n` has a last, empty line.
    starts: Vec<usize>,
}

impl<'a> Text<'a> {
    pub fn new(s: &'a str) -> Text<'a> {
        let mut starts = vec![0];
        starts.extend(s.match_indices('\n').map(|(i, _)| i + 1));
        Text { s, starts }
    }

    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// 0-based index of the line holding byte `at`.
    pub fn line_of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    /// 1-based line number of byte `at`, for messages.
    pub fn line_no(&self, at: usize) -> usize {
        self.line_of(at) + 1
    }

    pub fn start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.s.len())
    }

    /// Where line `line`'s text ends, before its `\n` or `\r\n`.
    pub fn end(&self, line: usize) -> usize {
        let next = self.start(line + 1);
        let mut end = next;
        if line + 1 < self.starts.len() {
            end -= 1;
            if end > 0 && self.s.as_bytes().get(end - 1) == Some(&b'\r') {
                end -= 1;
            }
        }
        end.max(self.start(line))
    }

    /// Line `line`'s text without its line ending.
    pub fn line(&self, line: usize) -> &'a str {
        self.s.get(self.start(line)..self.end(line)).unwrap_or("")
    }

    /// The offset just after the line ending of the line holding `at` (the end of the text
    /// for its last line).
    pub fn after_line(&self, at: usize) -> usize {
        self.start(self.line_of(at) + 1)
    }

    pub fn is_blank(&self, line: usize) -> bool {
        self.line(line).trim().is_empty()
    }

    /// A line holding only a comment, indented at most `max_indent` spaces.
    pub fn is_comment(&self, line: usize, max_indent: usize) -> bool {
        let l = self.line(line);
        indent(l) <= max_indent && l.trim_start().starts_with('#')
    }

    /// The parser's events for `self.s[range]`, offsets in the whole text. The caller has
    /// checked the YAML loads, so an error here is unexpected; it is still only an `Err`.
    pub fn events(&self, range: std::ops::Range<usize>) -> Result<Vec<Ev>, String> {
        let part = self.s.get(range.clone()).unwrap_or("");
        // yaml-rust2 counts characters; map them to bytes (identity for ASCII text).
        let bytes: Option<Vec<usize>> = (!part.is_ascii()).then(|| {
            part.char_indices()
                .map(|(b, _)| b)
                .chain(std::iter::once(part.len()))
                .collect()
        });
        let to_byte = |chars: usize| match &bytes {
            Some(map) => map.get(chars).copied().unwrap_or(part.len()),
            None => chars.min(part.len()),
        };
        let mut parser = Parser::new_from_str(part);
        let mut out = Vec::new();
        loop {
            let (event, mark) = parser
                .next_token()
                .map_err(|e| format!("line {}: not valid YAML: {}", e.marker().line(), e.info()))?;
            let end = matches!(event, Event::StreamEnd);
            out.push(Ev {
                event,
                at: range.start + to_byte(mark.index()),
            });
            if end {
                return Ok(out);
            }
        }
    }

    /// Where the scalar starting at `start` ends (exclusive): a quoted one after its closing
    /// quote, a plain one at the end of its last line (its comment left out), a block one
    /// (`start` at its `|` or `>`) at the end of its last content line. `parent` is the
    /// indentation of the key or `-` it belongs to: continuation lines are indented further.
    /// `flow`: inside `[…]`, where a plain scalar also ends at `,` and `]`.
    pub fn scalar_end(
        &self,
        start: usize,
        style: TScalarStyle,
        parent: usize,
        flow: bool,
    ) -> Option<usize> {
        let bytes = self.s.as_bytes();
        match style {
            TScalarStyle::DoubleQuoted => {
                let mut i = start + 1;
                while let Some(&b) = bytes.get(i) {
                    match b {
                        b'\\' => i += 2,
                        b'"' => return Some(i + 1),
                        _ => i += 1,
                    }
                }
                None
            }
            TScalarStyle::SingleQuoted => {
                let mut i = start + 1;
                while let Some(&b) = bytes.get(i) {
                    match (b, bytes.get(i + 1)) {
                        (b'\'', Some(b'\'')) => i += 2,
                        (b'\'', _) => return Some(i + 1),
                        _ => i += 1,
                    }
                }
                None
            }
            TScalarStyle::Plain if flow => {
                let line = self.line_of(start);
                let rest = self.s.get(start..self.end(line))?;
                let mut cut = rest.len();
                let mut prev_space = false;
                for (i, c) in rest.char_indices() {
                    if matches!(c, ',' | ']' | '}') || (c == '#' && prev_space) {
                        cut = i;
                        break;
                    }
                    prev_space = c == ' ' || c == '\t';
                }
                Some(start + rest.get(..cut)?.trim_end().len())
            }
            TScalarStyle::Plain => {
                let first = self.line_of(start);
                let mut end = start + without_comment(self.s.get(start..self.end(first))?).len();
                for line in first + 1..self.lines() {
                    let l = self.line(line);
                    if l.trim().is_empty() {
                        continue;
                    }
                    if indent(l) <= parent || l.trim_start().starts_with('#') {
                        break;
                    }
                    end = self.start(line) + without_comment(l).len();
                }
                Some(end)
            }
            TScalarStyle::Literal | TScalarStyle::Folded => {
                let first = self.line_of(start);
                let mut end = self.end(first);
                for line in first + 1..self.lines() {
                    let l = self.line(line);
                    if l.trim().is_empty() {
                        continue;
                    }
                    if indent(l) <= parent {
                        break;
                    }
                    end = self.end(line);
                }
                Some(end)
            }
        }
    }

    /// The colon after the key that starts at `key_at` (an implicit key: on one line).
    pub fn colon_after_key(&self, key_at: usize, style: TScalarStyle) -> Option<usize> {
        let line_end = self.end(self.line_of(key_at));
        let bytes = self.s.as_bytes();
        let mut i = match style {
            TScalarStyle::DoubleQuoted | TScalarStyle::SingleQuoted => {
                self.scalar_end(key_at, style, 0, true)?
            }
            TScalarStyle::Plain => {
                // A plain key ends at the first `:` followed by a space or the line's end.
                let mut i = key_at;
                loop {
                    if i >= line_end {
                        return None;
                    }
                    if bytes.get(i) == Some(&b':')
                        && (i + 1 >= line_end || matches!(bytes.get(i + 1), Some(b' ' | b'\t')))
                    {
                        return Some(i);
                    }
                    i += 1;
                }
            }
            _ => return None,
        };
        while matches!(bytes.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        (i < line_end && bytes.get(i) == Some(&b':')).then_some(i)
    }

    /// The first character after `from` that is not a space, a line end or part of a comment:
    /// where a value written after `key:` begins.
    pub fn value_start_after(&self, from: usize) -> Option<usize> {
        let bytes = self.s.as_bytes();
        let mut i = from;
        while let Some(&b) = bytes.get(i) {
            match b {
                b' ' | b'\t' | b'\r' | b'\n' => i += 1,
                b'#' => i = self.after_line(i),
                _ => return Some(i),
            }
        }
        None
    }

    /// Whether the line just before offset `at` (a line start, or the end of the text) is
    /// blank; `None` when there is none.
    pub fn blank_before(&self, at: usize) -> Option<bool> {
        let before = self.s.get(..at)?;
        let before = before
            .strip_suffix('\n')
            .map(|b| b.strip_suffix('\r').unwrap_or(b))
            .unwrap_or(before);
        if before.is_empty() && at == 0 {
            return None;
        }
        Some(before.rsplit('\n').next().unwrap_or("").trim().is_empty())
    }

    /// Whether the line starting at `at` has text (false at the end of the text).
    pub fn filled_at(&self, at: usize) -> bool {
        self.s
            .get(at..)
            .and_then(|rest| rest.split('\n').next())
            .is_some_and(|l| !l.trim().is_empty())
    }
}

/// Leading spaces of a line.
pub fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// A plain scalar's line without a trailing `# comment` and trailing spaces.
fn without_comment(line: &str) -> &str {
    let mut prev_space = false;
    for (i, c) in line.char_indices() {
        if c == '#' && prev_space {
            return line.get(..i).unwrap_or(line).trim_end();
        }
        prev_space = c == ' ' || c == '\t';
    }
    line.trim_end()
}

/// The 1-based line of the first carriage return not followed by a line feed: YAML ends a
/// line there, this module's line arithmetic does not, so such files are refused.
pub fn lone_cr(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let at = bytes
        .iter()
        .enumerate()
        .position(|(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))?;
    Some(bytes.get(..at)?.iter().filter(|&&b| b == b'\n').count() + 1)
}

/// The event index just past the node starting at `i` (a scalar, or a collection with
/// everything up to its end).
pub fn skip_node(events: &[Ev], i: usize) -> usize {
    let mut depth = 0usize;
    let mut j = i;
    while let Some(ev) = events.get(j) {
        match ev.event {
            Event::MappingStart(..) | Event::SequenceStart(..) => depth += 1,
            Event::MappingEnd | Event::SequenceEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
        j += 1;
        if depth == 0 {
            break;
        }
    }
    j
}

/// `s` as a YAML scalar that fits on the rest of a `key: ` line: plain or quoted as
/// [`crate::adopt::write::scalar`] chooses, double-quoted with escapes when that would not
/// be one line or would not read back as `s`.
pub fn one_line_scalar(s: &str) -> String {
    let v = crate::adopt::write::scalar(s);
    let reads_back = || {
        yaml_rust2::YamlLoader::load_from_str(&format!("k: {v}"))
            .ok()
            .and_then(|docs| docs.first().and_then(|d| d["k"].as_str().map(|k| k == s)))
            .unwrap_or(false)
    };
    if !v.contains(['\n', '\r']) && reads_back() {
        return v;
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Other control characters, and what YAML may take for line breaks.
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_ends_with_crlf() {
        let t = Text::new("a: 1\r\nb: 2\r\n");
        assert_eq!(t.lines(), 3);
        assert_eq!(t.line(0), "a: 1");
        assert_eq!(t.line(1), "b: 2");
        assert_eq!(t.line(2), "");
        assert_eq!(t.after_line(2), 6);
        assert_eq!(t.line_of(6), 1);
        assert_eq!(lone_cr("a\r\nb\rc"), Some(2));
        assert_eq!(lone_cr("a\r\n"), None);
    }

    #[test]
    fn scalar_ends() {
        let s = "k: \"a \\\" b\" # c\nn: 'it''s'\np: one\n  two # c\n\n  three\nq: x\nf: >-\n  # not a comment\n\n  more\ng: [A.5.1 , 'x']\n";
        let t = Text::new(s);
        let at = |needle: &str| s.find(needle).unwrap();
        let end = |needle: &str, style, flow| {
            &s[at(needle)..t.scalar_end(at(needle), style, 0, flow).unwrap()]
        };
        assert_eq!(
            end("\"a", TScalarStyle::DoubleQuoted, false),
            "\"a \\\" b\""
        );
        assert_eq!(end("'it", TScalarStyle::SingleQuoted, false), "'it''s'");
        assert_eq!(
            end("one", TScalarStyle::Plain, false),
            "one\n  two # c\n\n  three"
        );
        assert_eq!(
            end(">-", TScalarStyle::Folded, false),
            ">-\n  # not a comment\n\n  more"
        );
        assert_eq!(end("A.5.1", TScalarStyle::Plain, true), "A.5.1");
        assert_eq!(
            t.colon_after_key(at("'it"), TScalarStyle::SingleQuoted),
            None
        );
        assert_eq!(
            t.colon_after_key(at("q:"), TScalarStyle::Plain),
            Some(at("q:") + 1)
        );
    }

    #[test]
    fn one_line_scalars_read_back() {
        for s in [
            "plain words",
            "two\nlines",
            "yes",
            "a: b",
            "tab\there",
            "quote \" and \\",
            "emoji 🔐 ok",
            "\u{7}bell",
            "ends with colon:",
        ] {
            let v = one_line_scalar(s);
            assert!(!v.contains('\n'), "{v}");
            let back = yaml_rust2::YamlLoader::load_from_str(&format!("k: {v} # c")).unwrap();
            assert_eq!(back[0]["k"].as_str(), Some(s), "{s:?} as {v}");
        }
        assert_eq!(one_line_scalar("plain words"), "plain words");
    }
}
