//! YAML positions. Values come from gray_matter (front matter) or yaml-rust2 (soa.yaml); this
//! module answers "which line holds the value at this JSON pointer?" and "where is the syntax
//! error?", which neither crate's value tree can.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;
use yaml_rust2::{Yaml, YamlLoader};

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

/// The syntax error in `text`, if yaml-rust2 (gray_matter's engine) rejects it.
pub fn syntax_error(text: &str) -> Option<SyntaxError> {
    YamlLoader::load_from_str(text).err().map(|e| SyntaxError {
        pos: Pos {
            line: e.marker().line().max(1) as u32,
            column: e.marker().col() as u32 + 1,
        },
        message: e.info().to_owned(),
    })
}

/// Parses YAML into JSON values (for files we read without gray_matter, e.g. `soa.yaml`).
pub fn to_json(text: &str) -> Result<serde_json::Value, SyntaxError> {
    let docs = YamlLoader::load_from_str(text).map_err(|e| SyntaxError {
        pos: Pos {
            line: e.marker().line().max(1) as u32,
            column: e.marker().col() as u32 + 1,
        },
        message: e.info().to_owned(),
    })?;
    Ok(docs
        .into_iter()
        .next()
        .map(|d| yaml_to_json(&d))
        .unwrap_or(serde_json::Value::Null))
}

fn yaml_to_json(y: &Yaml) -> serde_json::Value {
    use serde_json::Value;
    match y {
        Yaml::Real(s) => s
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .unwrap_or_else(|| Value::String(s.clone())),
        Yaml::Integer(i) => Value::from(*i),
        Yaml::String(s) => Value::String(s.clone()),
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Array(a) => Value::Array(a.iter().map(yaml_to_json).collect()),
        Yaml::Hash(h) => Value::Object(
            h.iter()
                .map(|(k, v)| {
                    let key = match k {
                        Yaml::String(s) | Yaml::Real(s) => s.clone(),
                        Yaml::Integer(i) => i.to_string(),
                        Yaml::Boolean(b) => b.to_string(),
                        _ => "null".to_owned(),
                    };
                    (key, yaml_to_json(v))
                })
                .collect(),
        ),
        _ => Value::Null,
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
}

impl PositionIndex {
    pub fn build(text: &str) -> PositionIndex {
        let mut recv = Collector::default();
        // A syntax error just leaves the index partial; the error itself is reported elsewhere.
        let _ = Parser::new_from_str(text).load(&mut recv, false);
        PositionIndex {
            entries: recv.entries,
            first_alias: recv.first_alias,
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
}

fn pos(m: Marker) -> Pos {
    Pos {
        line: m.line().max(1) as u32,
        column: m.col() as u32 + 1,
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
                self.entries.push((p.clone(), pos(mark)));
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
                    self.entries.push((p, pos(mark)));
                    *key = Some(value);
                } else {
                    self.node_path(mark);
                    self.value_done();
                }
            }
            Event::Alias(_) => {
                self.first_alias.get_or_insert(pos(mark));
                self.node_path(mark);
                self.value_done();
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
    fn reports_syntax_errors_with_positions() {
        let e = syntax_error("id: x\ntitle: \"unclosed\nowner: y\n").unwrap();
        assert!(e.pos.line >= 2, "{e:?}");
        let e = syntax_error("id: a\nid: b\n").unwrap();
        assert!(e.message.contains("duplicated key"), "{e:?}");
        assert!(syntax_error("id: a\n").is_none());
    }

    #[test]
    fn converts_to_json() {
        let v = to_json("A.7.4:\n  applicable: false\n  justification: remote\n").unwrap();
        assert_eq!(v["A.7.4"]["applicable"], serde_json::Value::Bool(false));
        assert_eq!(to_json("").unwrap(), serde_json::Value::Null);
    }
}
