//! Files made in parts and written as parts, never joined in memory: the big machine-readable
//! files (serialised into bounded pieces rather than one string that doubles as it grows) and
//! the long lists of pages (each row rendered on its own, in parallel, and written where the
//! page's template puts its list's marker). At 50,000 documents a list page through the
//! template engine as one value took 40–160 MB beside its output; a row at a time, a few.

use super::{Sink, Theme};
use crate::error::Error;
use rayon::prelude::*;
use serde::Serialize;

/// The size a piece grows to before the next one is started.
const PIECE: usize = 1 << 20;

/// An [`std::io::Write`] that keeps what it is given as pieces of about a megabyte, each cut
/// where a character starts, so that each piece of valid UTF-8 is valid UTF-8 on its own.
#[derive(Default)]
pub struct Pieces {
    done: Vec<Vec<u8>>,
    current: Vec<u8>,
}

impl std::io::Write for Pieces {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.current.extend_from_slice(buf);
        if self.current.len() >= PIECE {
            // Back to where a character starts (a UTF-8 continuation byte is 0b10xx_xxxx).
            let mut cut = self.current.len();
            while cut > 0 && self.current[cut - 1] & 0xC0 == 0x80 {
                cut -= 1;
            }
            // The byte before the continuations starts the last character: it stays with
            // them, unless it is a whole character (ASCII) itself.
            if cut > 0 && self.current[cut - 1] >= 0xC0 {
                cut -= 1;
            }
            let rest = self.current.split_off(cut);
            let full = std::mem::replace(&mut self.current, Vec::with_capacity(PIECE + rest.len()));
            self.done.push(full);
            self.current.extend_from_slice(&rest);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Pieces {
    /// `value` as pretty-printed JSON (with a final newline), in pieces.
    pub fn json_pretty<T: Serialize>(value: &T) -> Result<Pieces, Error> {
        let mut pieces = Pieces::default();
        serde_json::to_writer_pretty(&mut pieces, value)
            .map_err(|e| Error::Output(format!("cannot serialise JSON: {e}")))?;
        std::io::Write::write_all(&mut pieces, b"\n")
            .map_err(|e| Error::Output(format!("cannot serialise JSON: {e}")))?;
        Ok(pieces)
    }

    /// `value` as compact JSON, in pieces.
    pub fn json<T: Serialize>(value: &T) -> Result<Pieces, Error> {
        let mut pieces = Pieces::default();
        serde_json::to_writer(&mut pieces, value)
            .map_err(|e| Error::Output(format!("cannot serialise JSON: {e}")))?;
        Ok(pieces)
    }

    /// `items` as a compact JSON array, the same bytes as [`Pieces::json`] of them, made in
    /// parallel: a run of items per piece (the search index is 10,000 entries and more).
    pub fn json_array<T: Serialize + Sync>(items: &[T]) -> Result<Pieces, Error> {
        const RUN: usize = 256;
        let mut done = items
            .par_chunks(RUN)
            .enumerate()
            .map(|(k, run)| {
                let mut out = Vec::with_capacity(RUN * 256);
                for (j, item) in run.iter().enumerate() {
                    out.push(if k == 0 && j == 0 { b'[' } else { b',' });
                    serde_json::to_writer(&mut out, item)?;
                }
                Ok(out)
            })
            .collect::<Result<Vec<Vec<u8>>, serde_json::Error>>()
            .map_err(|e| Error::Output(format!("cannot serialise JSON: {e}")))?;
        match done.last_mut() {
            Some(last) => last.push(b']'),
            None => done.push(b"[]".to_vec()),
        }
        Ok(Pieces {
            done,
            current: Vec::new(),
        })
    }

    /// The pieces, in order.
    pub fn into_vec(mut self) -> Vec<Vec<u8>> {
        if !self.current.is_empty() || self.done.is_empty() {
            self.done.push(self.current);
        }
        self.done
    }

    /// The pieces as text, each changed by `f` (in parallel: each is whole characters).
    pub fn texts(self, f: impl Fn(&str) -> String + Sync) -> Result<Vec<String>, Error> {
        self.into_vec()
            .par_iter()
            .map(|p| {
                std::str::from_utf8(p)
                    .map(&f)
                    .map_err(|e| Error::Output(format!("serialised text is not UTF-8: {e}")))
            })
            .collect()
    }
}

/// Writes `pieces` as one file.
pub fn write_pieces(sink: &dyn Sink, rel: &str, pieces: &[Vec<u8>]) -> Result<(), Error> {
    let parts: Vec<&[u8]> = pieces.iter().map(Vec::as_slice).collect();
    sink.write_byte_parts(rel, &parts)
}

/// A list's marker: `<!--ismsbook:rows-3-->`. Text the templates escape cannot forge it.
const MARK_OPEN: &str = "<!--ismsbook:rows-";
const MARK_CLOSE: &str = "-->";

/// The marker of a page's `k`-th list: what its view gives the template as `rows_html`, for
/// the template to write (with three braces) where the rows go.
pub fn marker(k: usize) -> String {
    format!("{MARK_OPEN}{k}{MARK_CLOSE}")
}

/// A page's long lists, as its view function makes them: rows of one kind, a list per place
/// in the page (a bucket, an owner, a type); the view holds each list's marker.
pub struct Rows<R> {
    lists: Vec<Vec<R>>,
}

impl<R> Default for Rows<R> {
    fn default() -> Self {
        Rows { lists: Vec::new() }
    }
}

impl<R> Rows<R> {
    /// Adds the page's next list; returns its marker, for the view.
    pub fn push(&mut self, rows: Vec<R>) -> String {
        self.lists.push(rows);
        marker(self.lists.len() - 1)
    }
}

/// A page's lists, rendered, to be put where the page's template wrote their markers.
pub struct Lists {
    rendered: Vec<String>,
}

impl Lists {
    /// Each row of `rows` through `template`, in parallel (a chunk of rows at a time, the
    /// lists side by side): the template engine sees one row at a time, never the list.
    pub fn render<R: Serialize + Sync>(
        theme: &Theme,
        template: &str,
        rows: &Rows<R>,
    ) -> Result<Lists, Error> {
        let rendered = rows
            .lists
            .par_iter()
            .map(|list| {
                // Short rows in chunks (the engine's set-up per call is paid once a chunk),
                // few long ones (a control's 1,600 documents) one by one.
                let chunk = (list.len() / 64).clamp(1, 256);
                let chunks = list
                    .par_chunks(chunk)
                    .map(|chunk| -> Result<String, Error> {
                        let mut html = String::new();
                        for row in chunk {
                            html.push_str(&theme.render(template, row)?);
                        }
                        Ok(html)
                    })
                    .collect::<Result<Vec<String>, Error>>()?;
                Ok(chunks.concat())
            })
            .collect::<Result<Vec<String>, Error>>()?;
        Ok(Lists { rendered })
    }

    /// `html`, the page rendered with the markers, in parts with each list wherever its marker
    /// is. A list whose marker the page leaves out is left out (a theme may drop a section); one
    /// whose marker is written twice is written twice (a theme's layout may show the content
    /// twice). A place written with two braces is refused when the theme loads
    /// ([`escaped_place`]).
    pub fn splice<'h>(&'h self, html: &'h str) -> Vec<&'h str> {
        let mut parts = Vec::with_capacity(2 * self.rendered.len() + 1);
        let mut rest = html;
        while let Some(at) = rest.find(MARK_OPEN) {
            let after = &rest[at + MARK_OPEN.len()..];
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let k = after[..digits].parse::<usize>().ok();
            match k.filter(|_| after[digits..].starts_with(MARK_CLOSE)) {
                Some(k) if k < self.rendered.len() => {
                    parts.push(&rest[..at]);
                    parts.push(self.rendered[k].as_str());
                    rest = &after[digits + MARK_CLOSE.len()..];
                }
                // Not one of this page's markers: text like it, left as it is.
                _ => {
                    parts.push(&rest[..at + MARK_OPEN.len()]);
                    rest = after;
                }
            }
        }
        parts.push(rest);
        parts
    }
}

/// Where `template` writes a value named `…_html` with two braces, which would escape the HTML
/// (a list's rows, a body) into text: the line and what it writes. Values whose names end in
/// `_html` are HTML the build made safe; they are written with three braces.
pub fn escaped_place(template: &str) -> Option<(usize, &str)> {
    let bytes = template.as_bytes();
    let mut from = 0;
    while let Some(at) = template[from..].find("{{").map(|i| i + from) {
        from = at + 2;
        if (at > 0 && bytes[at - 1] == b'{') || bytes.get(at + 2) == Some(&b'{') {
            continue;
        }
        let Some(len) = template[at + 2..].find("}}") else {
            break;
        };
        let inner =
            template[at + 2..at + 2 + len].trim_matches(|c: char| c == '~' || c.is_whitespace());
        let end = at + 2 + len + 2;
        let is_path = !inner.is_empty()
            && inner
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'/'));
        if is_path && inner.ends_with("_html") && bytes.get(end) != Some(&b'}') {
            let line = template[..at].matches('\n').count() + 1;
            return Some((line, &template[at..end]));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn pieces_are_cut_where_characters_start() {
        let mut p = Pieces::default();
        // 3-byte characters written one at a time, across several piece boundaries.
        let text = "€".repeat(PIECE);
        for c in text.as_bytes().chunks(7) {
            p.write_all(c).unwrap();
        }
        let pieces = p.into_vec();
        assert!(pieces.len() > 2);
        for piece in &pieces {
            assert!(std::str::from_utf8(piece).is_ok());
        }
        assert_eq!(pieces.concat(), text.as_bytes());
    }

    #[test]
    fn json_in_pieces_is_the_json_whole() {
        // Several pieces of text with `<`, U+2028 and 4-byte characters everywhere.
        let items: Vec<String> = (0..100_000)
            .map(|i| format!("<{i}>\u{2028}𝄞 «x»"))
            .collect();
        let value = serde_json::json!({ "items": items });
        let pretty = Pieces::json_pretty(&value).unwrap().into_vec();
        assert!(pretty.len() > 1);
        let whole = serde_json::to_string_pretty(&value).unwrap() + "\n";
        assert_eq!(pretty.concat(), whole.as_bytes());
        // Each piece changed on its own, as the search index is made script-safe.
        let safe = Pieces::json(&value)
            .unwrap()
            .texts(crate::render::search::script_safe)
            .unwrap();
        assert!(safe.len() > 1);
        let compact = serde_json::to_string(&value).unwrap();
        assert_eq!(safe.concat(), crate::render::search::script_safe(&compact));
    }

    #[test]
    fn a_json_array_made_in_parallel_is_the_array_whole() {
        for n in [0usize, 1, 2, 255, 256, 257, 1000] {
            let items: Vec<serde_json::Value> = (0..n)
                .map(|i| serde_json::json!({ "i": i, "t": format!("<{i}> \u{2028}𝄞 «x»") }))
                .collect();
            let pieces = Pieces::json_array(&items).unwrap().into_vec();
            assert_eq!(pieces.len(), n.div_ceil(256).max(1), "{n}");
            assert_eq!(pieces.concat(), serde_json::to_vec(&items).unwrap(), "{n}");
        }
    }

    #[test]
    fn an_empty_writer_is_one_empty_piece() {
        assert_eq!(Pieces::default().into_vec(), vec![Vec::<u8>::new()]);
    }

    fn lists(rendered: &[&str]) -> Lists {
        Lists {
            rendered: rendered.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn splice_puts_each_list_wherever_its_marker_is() {
        let l = lists(&["<tr>a</tr>", "", "<tr>c</tr>"]);
        let html = format!(
            "x{}y{}z<!--ismsbook:rows-9-->{}",
            marker(2),
            marker(0),
            marker(2)
        );
        let joined = l.splice(&html).concat();
        assert_eq!(
            joined,
            "x<tr>c</tr>y<tr>a</tr>z<!--ismsbook:rows-9--><tr>c</tr>"
        );
        // A list the page leaves out is left out.
        assert_eq!(l.splice("none").concat(), "none");
    }

    #[test]
    fn a_place_written_with_two_braces_is_found() {
        assert_eq!(
            escaped_place("{{{rows_html}}}\n{{#if rows_html}}x{{/if}}"),
            None
        );
        assert_eq!(
            escaped_place("a\n<tbody>\n{{ rows_html }}</tbody>"),
            Some((3, "{{ rows_html }}"))
        );
        assert_eq!(
            escaped_place("{{~../overdue_html~}}"),
            Some((1, "{{~../overdue_html~}}"))
        );
        assert_eq!(escaped_place("{{t \"x_html\"}} {{title}}"), None);
    }
}
