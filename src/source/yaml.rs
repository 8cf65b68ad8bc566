//! YAML for front matter and `soa.yaml`: values from gray_matter's engine, plus what its value
//! tree cannot say: which line holds the value at a JSON pointer, and where a syntax error is.

use gray_matter::engine::{Engine, YAML};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;
use yaml_rust2::YamlLoader;

/// A 1-based position inside the YAML text itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

/// Why YAML could not be turned into a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Aliases are refused: expanding nested ones is exponential ("billion laughs"), and
    /// neither front matter nor `soa.yaml` needs them.
    Alias(Pos),
    /// Nested deeper than [`MAX_DEPTH`]: refused before loading, whose recursion could
    /// overflow the stack.
    TooDeep(Pos),
    Syntax(SyntaxError),
}

/// How deep mappings and sequences may nest (front matter needs 2, `soa.yaml` 2).
pub const MAX_DEPTH: usize = 64;

impl LoadError {
    pub fn pos(&self) -> Pos {
        match self {
            LoadError::Alias(p) | LoadError::TooDeep(p) => *p,
            LoadError::Syntax(e) => e.pos,
        }
    }

    pub fn message(&self) -> String {
        match self {
            LoadError::Alias(_) => {
                "YAML aliases (*name) are not supported; write the value out in full".into()
            }
            LoadError::TooDeep(_) => {
                format!("YAML nested more than {MAX_DEPTH} levels deep is not supported")
            }
            LoadError::Syntax(e) => format!("not valid YAML: {}", tidy(&e.message)),
        }
    }
}

/// Parses YAML with gray_matter's engine (yaml-rust2) into JSON values, with the positions of
/// its keys. The position walk sees aliases unexpanded, so a YAML bomb is refused before the
/// loader would expand it.
pub fn load(text: &str) -> Result<(serde_json::Value, PositionIndex), LoadError> {
    let index = PositionIndex::build(text);
    if let Some(pos) = index.too_deep {
        return Err(LoadError::TooDeep(pos));
    }
    if let Some(pos) = index.first_alias {
        return Err(LoadError::Alias(pos));
    }
    let parsed = YAML::parse(text).and_then(|pod| pod.deserialize::<serde_json::Value>());
    match parsed {
        Ok(value) => Ok((value, index)),
        // gray_matter's error is a string; the same engine, asked directly, says where.
        Err(e) => Err(LoadError::Syntax(
            YamlLoader::load_from_str(text).err().map_or_else(
                || SyntaxError {
                    pos: Pos { line: 1, column: 1 },
                    message: e.to_string(),
                },
                |e| SyntaxError {
                    pos: LineMap::new(text).pos(*e.marker()),
                    message: e.info().to_owned(),
                },
            ),
        )),
    }
}

/// Positions of every key and value, by JSON pointer (`/controls/1`). For a mapping entry the
/// position is that of the key, which is where an editor's cursor should go.
#[derive(Debug, Default)]
pub struct PositionIndex {
    entries: Vec<(String, Pos)>,
    /// Where the first alias (`*name`) is. Aliases are refused: expanding nested ones is
    /// exponential ("billion laughs"), and front matter never needs them.
    pub first_alias: Option<Pos>,
    /// Where nesting first went deeper than [`MAX_DEPTH`].
    pub too_deep: Option<Pos>,
}

/// yaml-rust2's messages, readable: `String("id"): duplicated key in mapping` becomes
/// ``duplicate key `id` ``.
fn tidy(message: &str) -> String {
    if let Some(key) = message
        .strip_suffix(": duplicated key in mapping")
        .map(|k| {
            k.strip_prefix("String(\"")
                .and_then(|k| k.strip_suffix("\")"))
                .unwrap_or(k)
        })
    {
        return format!("duplicate key `{key}` (each key may appear once)");
    }
    if message == "recursion limit exceeded" {
        return format!("nested too deeply (more than {MAX_DEPTH} levels are not supported)");
    }
    message.to_owned()
}

impl PositionIndex {
    pub fn build(text: &str) -> PositionIndex {
        let mut recv = Collector {
            lines: LineMap::new(text),
            ..Collector::default()
        };
        // Event by event rather than `Parser::load`, which recurses once per nesting level
        // (a deeply nested file would overflow the stack). A syntax error just leaves the index
        // partial; the error itself is reported elsewhere.
        let mut parser = Parser::new_from_str(text);
        while let Ok((event, mark)) = parser.next_token() {
            if matches!(event, Event::StreamEnd | Event::DocumentEnd) {
                break;
            }
            recv.on_event(event, mark);
            if recv.too_deep.is_some() {
                break;
            }
        }
        PositionIndex {
            entries: recv.entries,
            first_alias: recv.first_alias,
            too_deep: recv.too_deep,
        }
    }

    /// The position of `pointer`, or of its nearest ancestor that has one.
    pub fn locate(&self, pointer: &str) -> Option<Pos> {
        let mut p = pointer;
        loop {
            if let Some((_, pos)) = self.entries.iter().find(|(k, _)| k == p) {
                return Some(*pos);
            }
            p = &p[..p.rfind('/')?];
        }
    }
}

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, index: usize },
}

#[derive(Default)]
struct Collector {
    stack: Vec<Frame>,
    entries: Vec<(String, Pos)>,
    first_alias: Option<Pos>,
    too_deep: Option<Pos>,
    lines: LineMap,
}

/// YAML ends a line at LF, CRLF and a lone CR; the file's lines (in findings, the body scan and
/// the source lines quoted under a finding) end at LF only. Maps the parser's line and column
/// to the file's, so a stray CR cannot shift a finding onto a line that does not exist.
#[derive(Default)]
struct LineMap {
    /// Per YAML line (0-based): its file line (1-based) and the characters before it on that line.
    starts: Vec<(u32, u32)>,
}

impl LineMap {
    fn new(text: &str) -> LineMap {
        let mut starts = vec![(1, 0)];
        let (mut line, mut column) = (1u32, 0u32);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\n' => {
                    line = line.saturating_add(1);
                    column = 0;
                    starts.push((line, 0));
                }
                // CRLF: the LF ends the line.
                '\r' if chars.peek() == Some(&'\n') => column = column.saturating_add(1),
                '\r' => {
                    column = column.saturating_add(1);
                    starts.push((line, column));
                }
                _ => column = column.saturating_add(1),
            }
        }
        LineMap { starts }
    }

    fn pos(&self, m: Marker) -> Pos {
        let (line, before) = self
            .starts
            .get(m.line().max(1) - 1)
            .or(self.starts.last())
            .copied()
            .unwrap_or((1, 0));
        Pos {
            line,
            column: before
                .saturating_add(u32::try_from(m.col()).unwrap_or(u32::MAX))
                .saturating_add(1),
        }
    }
}

fn escape_segment(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

impl Collector {
    /// Path of the node that starts now; records sequence items (mapping keys record themselves).
    fn node_path(&mut self, mark: Marker) -> String {
        match self.stack.last() {
            None => String::new(),
            Some(Frame::Map { path, key }) => {
                format!("{path}/{}", escape_segment(key.as_deref().unwrap_or("")))
            }
            Some(Frame::Seq { path, index }) => {
                let p = format!("{path}/{index}");
                self.entries.push((p.clone(), self.lines.pos(mark)));
                p
            }
        }
    }

    /// A value (scalar or whole container) just ended: the parent moves on.
    fn value_done(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Map { key, .. }) => *key = None,
            Some(Frame::Seq { index, .. }) => *index += 1,
            None => {}
        }
    }
}

impl MarkedEventReceiver for Collector {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, ..) => {
                if let Some(Frame::Map {
                    path,
                    key: key @ None,
                }) = self.stack.last_mut()
                {
                    let p = format!("{path}/{}", escape_segment(&value));
                    self.entries.push((p, self.lines.pos(mark)));
                    *key = Some(value);
                } else {
                    self.node_path(mark);
                    self.value_done();
                }
            }
            Event::Alias(_) => {
                let at = self.lines.pos(mark);
                self.first_alias.get_or_insert(at);
                self.node_path(mark);
                self.value_done();
            }
            Event::MappingStart(..) | Event::SequenceStart(..)
                if self.stack.len() >= MAX_DEPTH || self.too_deep.is_some() =>
            {
                // Past the limit nothing is indexed (the document is refused), but depth is
                // still tracked so the paths stay balanced.
                let at = self.lines.pos(mark);
                self.too_deep.get_or_insert(at);
                self.stack.push(Frame::Seq {
                    path: String::new(),
                    index: 0,
                });
            }
            Event::MappingStart(..) => {
                let path = self.node_path(mark);
                self.stack.push(Frame::Map { path, key: None });
            }
            Event::SequenceStart(..) => {
                let path = self.node_path(mark);
                self.stack.push(Frame::Seq { path, index: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.value_done();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "id: POL-1\ntitle: x\ncontrols:\n  - A.5.1\n  - 5.10\nnested:\n  a/b: 1\nflow: [1, 2]\n";

    #[test]
    fn locates_keys_and_items() {
        let idx = PositionIndex::build(TEXT);
        assert_eq!(idx.locate("/title"), Some(Pos { line: 2, column: 1 }));
        assert_eq!(idx.locate("/controls"), Some(Pos { line: 3, column: 1 }));
        assert_eq!(idx.locate("/controls/1"), Some(Pos { line: 5, column: 5 }));
        assert_eq!(idx.locate("/nested/a~1b"), Some(Pos { line: 7, column: 3 }));
        assert_eq!(idx.locate("/flow/1").map(|p| p.line), Some(8));
        // Unknown children fall back to their parent.
        assert_eq!(idx.locate("/title/9"), Some(Pos { line: 2, column: 1 }));
    }

    #[test]
    fn deep_nesting_is_refused_without_recursing() {
        // Block nesting: refused at the level past the limit (line 1 + MAX_DEPTH).
        let deep: String = (1..=5_000)
            .map(|d| format!("{}- \n", " ".repeat(d)))
            .collect();
        let e = load(&format!("a:\n{deep}")).unwrap_err();
        let at = MAX_DEPTH as u32 + 1;
        assert_eq!(
            e,
            LoadError::TooDeep(Pos {
                line: at,
                column: at
            })
        );
        // Flow nesting: the scanner's own limit, with a readable message.
        let flow = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        let e = load(&flow).unwrap_err();
        assert!(e.message().contains("nested too deeply"), "{e:?}");
    }

    #[test]
    fn a_lone_carriage_return_does_not_start_a_file_line() {
        // YAML breaks lines at a lone CR too; the file (and every finding) does not.
        let idx = PositionIndex::build("a: 1\r\nb: 2\rc: 3\nd: 4\n");
        assert_eq!(idx.locate("/b"), Some(Pos { line: 2, column: 1 }));
        assert_eq!(idx.locate("/c"), Some(Pos { line: 2, column: 6 }));
        assert_eq!(idx.locate("/d"), Some(Pos { line: 3, column: 1 }));
        let text = "a: 1\r\r\r\r\rb c\nd: [\n";
        let e = load(text).unwrap_err();
        assert!(e.pos().line as usize <= text.lines().count() + 1, "{e:?}");
    }

    #[test]
    fn reports_syntax_errors_with_positions() {
        let e = load(
            "id: x
title: \"unclosed
owner: y
",
        )
        .unwrap_err();
        assert!(e.pos().line >= 2, "{e:?}");
        let e = load(
            "id: a
id: b
",
        )
        .unwrap_err();
        assert_eq!(
            e.message(),
            "not valid YAML: duplicate key `id` (each key may appear once)"
        );
        assert_eq!(
            load(
                "a: &x 1
b: *x
"
            )
            .unwrap_err(),
            LoadError::Alias(Pos { line: 2, column: 4 })
        );
    }

    #[test]
    fn loads_values() {
        let (v, _) = load(
            "A.7.4:
  applicable: false
  justification: remote
",
        )
        .unwrap();
        assert_eq!(v["A.7.4"]["applicable"], serde_json::Value::Bool(false));
        let (v, _) = load(
            "id: POL-1
controls: [A.5.1, 5.10]
last_reviewed: 2026-03-01
",
        )
        .unwrap();
        assert_eq!(v["last_reviewed"], "2026-03-01");
        // The YAML pitfall the schema must catch: 5.10 is a float.
        assert!(v["controls"][1].is_number());
        assert_eq!(load("").unwrap().0, serde_json::Value::Null);
    }
}
