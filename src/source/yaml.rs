//! YAML for front matter and `soa.yaml`: values as gray_matter's engine reads them (yaml-rust2's
//! loader; tests check the two agree), plus what its value tree cannot say: which line holds
//! the value at a JSON pointer, and where a syntax error is. One pass over the parser's events
//! gives both (parsing twice was a quarter of `check`); the values are built from the events
//! as JSON directly, the loader reading only what that builder leaves to it.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser, Tag};
use yaml_rust2::scanner::{Marker, ScanError};
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

/// Why YAML could not be turned into a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Aliases are refused: expanding nested ones is exponential ("billion laughs"), and
    /// neither front matter nor `soa.yaml` needs them.
    Alias(Pos),
    /// Nested deeper than [`MAX_DEPTH`]: refused before loading, whose recursion could
    /// overflow the stack.
    TooDeep(Pos),
    /// A tag other than YAML's core ones (`!!binary`, `!!python/object`, `!custom`): its meaning
    /// would be silently lost, the value read as plain text.
    Tag(Pos, String),
    Syntax(SyntaxError),
}

/// How deep mappings and sequences may nest (front matter needs 2, `soa.yaml` 2).
pub const MAX_DEPTH: usize = 64;

impl LoadError {
    pub fn pos(&self) -> Pos {
        match self {
            LoadError::Alias(p) | LoadError::TooDeep(p) | LoadError::Tag(p, _) => *p,
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
            LoadError::Tag(_, tag) => format!(
                "the YAML tag `{tag}` is not supported (its value would be read as plain text)"
            ),
            LoadError::Syntax(e) => format!("not valid YAML: {}", tidy(&e.message)),
        }
    }
}

/// Parses YAML with gray_matter's engine (yaml-rust2) into JSON values, with the positions of
/// its keys, in one pass over the parser's events: the position walk sees aliases unexpanded,
/// so a YAML bomb is refused before the loader would expand it.
pub fn load(text: &str) -> Result<(serde_json::Value, PositionIndex), LoadError> {
    let (index, loaded) = PositionIndex::scan(text, true);
    if let Some(pos) = index.too_deep {
        return Err(LoadError::TooDeep(pos));
    }
    if let Some(pos) = index.first_alias {
        return Err(LoadError::Alias(pos));
    }
    if let Some((pos, tag)) = index.first_tag.clone() {
        return Err(LoadError::Tag(pos, tag));
    }
    match loaded {
        Ok(value) => Ok((value, index)),
        Err(e) => Err(LoadError::Syntax(SyntaxError {
            pos: LineMap::new(text).pos(*e.marker()),
            message: e.info().to_owned(),
        })),
    }
}

/// A YAML value as JSON, the way gray_matter converts it (so values read as they always did):
/// reals parsed as `f64` (`5.10` is 5.1; non-finite ones become null), mapping keys as text.
fn to_json(y: &Yaml) -> serde_json::Value {
    use serde_json::Value;
    match y {
        Yaml::Real(s) => serde_json::Number::from_f64(s.parse().unwrap_or(0.0))
            .map_or(Value::Null, Value::Number),
        Yaml::Integer(i) => Value::from(*i),
        Yaml::String(s) => Value::String(s.clone()),
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Array(items) => Value::Array(items.iter().map(to_json).collect()),
        Yaml::Hash(map) => Value::Object(
            map.iter()
                .filter_map(|(k, v)| Some((key_text(k)?, to_json(v))))
                .collect(),
        ),
        _ => Value::Null,
    }
}

/// The first document as yaml-rust2's loader reads it, fed event by event, converted by
/// [`to_json`]; or the error that stopped it. (The loader's own `load_from_str` recurses once
/// per nesting level and forgets anchors between documents, where the parser keeps them.)
fn by_the_loader(text: &str) -> Result<serde_json::Value, ScanError> {
    let mut loader = YamlLoader::default();
    let mut parser = Parser::new_from_str(text);
    let mut documents = 0;
    loop {
        let (event, mark) = parser.next_token()?;
        let end = matches!(event, Event::StreamEnd);
        documents += usize::from(matches!(event, Event::DocumentEnd));
        loader.on_event(event, mark);
        if end {
            break;
        }
    }
    let first = |docs: &[Yaml]| docs.first().map_or(serde_json::Value::Null, to_json);
    if loader.documents().len() == documents {
        Ok(first(loader.documents()))
    } else {
        // The loader stopped at an error it keeps to itself (a duplicate key): ask again the
        // way that returns it. Only bad files take this parse.
        YamlLoader::load_from_str(text).map(|docs| first(&docs))
    }
}

/// A mapping key as JSON's text key (keys that are not scalars are left out, as by gray_matter).
fn key_text(y: &Yaml) -> Option<String> {
    Some(match y {
        Yaml::String(s) | Yaml::Real(s) => s.clone(),
        Yaml::Boolean(b) => b.to_string(),
        Yaml::Integer(i) => i.to_string(),
        Yaml::Null => "null".to_owned(),
        _ => return None,
    })
}

/// The first document's value as [`to_json`] of yaml-rust2's loader would make it, built from
/// the parser's events directly, without the loader's tree (that and its conversion were a
/// fifth of reading YAML). It reads what front matter and the registers hold: untagged scalars,
/// sequences, mappings with scalar keys, one document. Anything else — a tag, a key that is a
/// mapping or a sequence, two keys the same as JSON, a second document — it leaves to the loader
/// ([`Builder::value`] is `None`), which reads it as it always did or says what is wrong.
#[derive(Default)]
struct Builder {
    stack: Vec<Node>,
    root: Option<serde_json::Value>,
    documents: usize,
    leave_to_loader: bool,
}

enum Node {
    Seq(Vec<serde_json::Value>),
    Map {
        map: serde_json::Map<String, serde_json::Value>,
        key: Option<String>,
    },
}

impl Builder {
    fn on_event(&mut self, event: Event) {
        if self.leave_to_loader {
            return;
        }
        use serde_json::Value;
        match event {
            Event::DocumentStart => {
                self.documents += 1;
                self.leave_to_loader |= self.documents > 1;
            }
            Event::Scalar(text, style, _, tag) => {
                if tag.is_some() {
                    self.leave_to_loader = true;
                    return;
                }
                let scalar = match style {
                    yaml_rust2::scanner::TScalarStyle::Plain => Yaml::from_str(&text),
                    _ => Yaml::String(text),
                };
                match self.stack.last_mut() {
                    Some(Node::Map {
                        key: key @ None, ..
                    }) => match key_text(&scalar) {
                        Some(text) => *key = Some(text),
                        None => self.leave_to_loader = true,
                    },
                    _ => {
                        let value = match scalar {
                            Yaml::String(s) => Value::String(s),
                            other => to_json(&other),
                        };
                        self.add(value);
                    }
                }
            }
            Event::SequenceStart(_, tag) | Event::MappingStart(_, tag)
                if tag.is_some()
                    || matches!(self.stack.last(), Some(Node::Map { key: None, .. })) =>
            {
                self.leave_to_loader = true;
            }
            Event::SequenceStart(..) => self.stack.push(Node::Seq(Vec::new())),
            Event::MappingStart(..) => self.stack.push(Node::Map {
                map: serde_json::Map::new(),
                key: None,
            }),
            Event::SequenceEnd | Event::MappingEnd => match self.stack.pop() {
                Some(Node::Seq(items)) => self.add(Value::Array(items)),
                Some(Node::Map { map, .. }) => self.add(Value::Object(map)),
                None => self.leave_to_loader = true,
            },
            // Refused before the value is used (see `load`).
            Event::Alias(_) => self.leave_to_loader = true,
            _ => {}
        }
    }

    /// A finished value goes into its parent, or is the document.
    fn add(&mut self, value: serde_json::Value) {
        match self.stack.last_mut() {
            Some(Node::Seq(items)) => items.push(value),
            Some(Node::Map { map, key }) => {
                let key = key.take().unwrap_or_default();
                // The same key as JSON may be two keys to YAML (`1` and `"1"`) or one said twice:
                // the loader tells.
                if map.insert(key, value).is_some() {
                    self.leave_to_loader = true;
                }
            }
            None if self.root.is_none() => self.root = Some(value),
            None => self.leave_to_loader = true,
        }
    }

    fn value(self) -> Option<serde_json::Value> {
        match self.leave_to_loader || !self.stack.is_empty() {
            true => None,
            false => Some(self.root.unwrap_or(serde_json::Value::Null)),
        }
    }
}

/// Up to this many pointers a lookup scans them (front matter holds a few dozen).
const LOOKUP_SCAN_MAX: usize = 64;

/// Positions of every key and value, by JSON pointer (`/controls/1`). For a mapping entry the
/// position is that of the key, which is where an editor's cursor should go.
#[derive(Debug, Default)]
pub struct PositionIndex {
    entries: Vec<(String, Pos)>,
    /// The entries by pointer (the first of equal ones), for a file long enough that a scan
    /// per lookup would be quadratic (a risk register of 2,000 entries has 30,000 pointers).
    by_pointer: Option<std::collections::HashMap<String, Pos>>,
    /// Where the first alias (`*name`) is. Aliases are refused: expanding nested ones is
    /// exponential ("billion laughs"), and front matter never needs them.
    pub first_alias: Option<Pos>,
    /// Where nesting first went deeper than [`MAX_DEPTH`].
    pub too_deep: Option<Pos>,
    /// The first tag that is not one of YAML's core types, as written, and where.
    pub first_tag: Option<(Pos, String)>,
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
        PositionIndex::scan(text, false).0
    }

    /// One pass over the parser's events: the positions, and, with `values`, the documents as
    /// yaml-rust2's loader builds them (or the first syntax error). Event by event rather than
    /// `Parser::load`, which recurses once per nesting level (a deeply nested file would
    /// overflow the stack); the loader is no longer fed after an alias (expanding nested ones
    /// is exponential) or past the nesting limit, both refused anyway.
    fn scan(text: &str, values: bool) -> (PositionIndex, Result<serde_json::Value, ScanError>) {
        let mut recv = Collector {
            lines: LineMap::new(text),
            ..Collector::default()
        };
        let mut values_of = Builder::default();
        let mut indexing = true;
        let mut parser = Parser::new_from_str(text);
        let mut outcome = Ok(());
        loop {
            let (event, mark) = match parser.next_token() {
                Ok(next) => next,
                Err(e) => {
                    outcome = Err(e);
                    break;
                }
            };
            let stream_end = matches!(event, Event::StreamEnd);
            let document_end = matches!(event, Event::DocumentEnd);
            // Only the first document is indexed; the values are read to the end, as the
            // loader reads them.
            if indexing && !stream_end && !document_end {
                recv.on_event(&event, mark);
                if recv.too_deep.is_some() || (values && recv.first_alias.is_some()) {
                    break;
                }
            }
            if !values && (stream_end || document_end) {
                break;
            }
            indexing &= !document_end;
            if values {
                values_of.on_event(event);
            }
            if stream_end {
                break;
            }
        }
        let by_pointer = (recv.entries.len() > LOOKUP_SCAN_MAX).then(|| {
            let mut map = std::collections::HashMap::with_capacity(recv.entries.len());
            for (k, pos) in &recv.entries {
                map.entry(k.clone()).or_insert(*pos);
            }
            map
        });
        let index = PositionIndex {
            entries: recv.entries,
            by_pointer,
            first_alias: recv.first_alias,
            too_deep: recv.too_deep,
            first_tag: recv.first_tag,
        };
        let refused = index.too_deep.is_some() || index.first_alias.is_some();
        let loaded = outcome.and_then(|()| match values_of.value() {
            Some(value) => Ok(value),
            // Refused by `load`: the loader must not read it (its recursion, an alias bomb).
            None if refused => Ok(serde_json::Value::Null),
            // What the builder leaves to the loader (a duplicate key, a tag, a key that is a
            // mapping, a second document): the loader's own reading, or its error.
            None => by_the_loader(text),
        });
        (index, loaded)
    }

    /// The position of `pointer`, or of its nearest ancestor that has one.
    pub fn locate(&self, pointer: &str) -> Option<Pos> {
        let mut p = pointer;
        loop {
            let found = match &self.by_pointer {
                Some(map) => map.get(p).copied(),
                None => self
                    .entries
                    .iter()
                    .find(|(k, _)| k == p)
                    .map(|(_, pos)| *pos),
            };
            if let Some(pos) = found {
                return Some(pos);
            }
            p = &p[..p.rfind('/')?];
        }
    }
}

enum YamlFrame {
    Map { path: String, key: Option<String> },
    Seq { path: String, index: usize },
}

#[derive(Default)]
struct Collector {
    stack: Vec<YamlFrame>,
    entries: Vec<(String, Pos)>,
    first_alias: Option<Pos>,
    too_deep: Option<Pos>,
    first_tag: Option<(Pos, String)>,
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

/// YAML's core types (`!!str 5` is the text "5"): these say nothing the value does not.
fn is_core_tag(tag: &Tag) -> bool {
    tag.handle == "tag:yaml.org,2002:"
        && matches!(
            tag.suffix.as_str(),
            "str" | "int" | "float" | "bool" | "null" | "seq" | "map"
        )
}

impl Collector {
    /// Notes the first tag that is not a core type.
    fn tag(&mut self, tag: &Option<Tag>, mark: Marker) {
        if let Some(tag) = tag.as_ref().filter(|t| !is_core_tag(t)) {
            if self.first_tag.is_none() {
                let written = match tag.handle.as_str() {
                    "tag:yaml.org,2002:" => format!("!!{}", tag.suffix),
                    handle => format!("{handle}{}", tag.suffix),
                };
                self.first_tag = Some((self.lines.pos(mark), written));
            }
        }
    }

    /// Path of the node that starts now; records sequence items (mapping keys record themselves).
    fn node_path(&mut self, mark: Marker) -> String {
        match self.stack.last() {
            None => String::new(),
            Some(YamlFrame::Map { path, key }) => child(path, key.as_deref().unwrap_or("")),
            Some(YamlFrame::Seq { path, index }) => {
                let mut p = String::with_capacity(path.len() + 4);
                p.push_str(path);
                p.push('/');
                let _ = std::fmt::Write::write_fmt(&mut p, format_args!("{index}"));
                self.entries.push((p.clone(), self.lines.pos(mark)));
                p
            }
        }
    }

    /// A value (scalar or whole container) just ended: the parent moves on.
    fn value_done(&mut self) {
        match self.stack.last_mut() {
            Some(YamlFrame::Map { key, .. }) => *key = None,
            Some(YamlFrame::Seq { index, .. }) => *index += 1,
            None => {}
        }
    }

    fn on_event(&mut self, ev: &Event, mark: Marker) {
        match ev {
            Event::Scalar(value, _, _, tag) => {
                self.tag(tag, mark);
                if let Some(YamlFrame::Map {
                    path,
                    key: key @ None,
                }) = self.stack.last_mut()
                {
                    let p = child(path, value);
                    self.entries.push((p, self.lines.pos(mark)));
                    *key = Some(value.clone());
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
                self.stack.push(YamlFrame::Seq {
                    path: String::new(),
                    index: 0,
                });
            }
            Event::MappingStart(_, tag) => {
                self.tag(tag, mark);
                let path = self.node_path(mark);
                self.stack.push(YamlFrame::Map { path, key: None });
            }
            Event::SequenceStart(_, tag) => {
                self.tag(tag, mark);
                let path = self.node_path(mark);
                self.stack.push(YamlFrame::Seq { path, index: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.value_done();
            }
            _ => {}
        }
    }
}

/// `parent/segment`, the segment escaped as JSON pointers escape (`~` → `~0`, `/` → `~1`).
fn child(parent: &str, segment: &str) -> String {
    let mut p = String::with_capacity(parent.len() + 1 + segment.len());
    p.push_str(parent);
    p.push('/');
    if segment.contains(['~', '/']) {
        p.push_str(&escape_segment(segment));
    } else {
        p.push_str(segment);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "id: POL-1\ntitle: x\ncontrols:\n  - A.5.1\n  - 5.10\nnested:\n  a/b: 1\nflow: [1, 2]\n";

    #[test]
    fn values_are_those_of_gray_matters_engine() {
        use gray_matter::engine::{Engine, YAML};
        for text in [
            TEXT,
            "version: 5.10\nn: 010\nh: 0x1F\no: 0o17\nneg: -3\nbig: 99999999999999999999\n",
            "a: .inf\nb: -.Inf\nc: .nan\nd: 1e3\ne: 1.5e-2\n",
            "t: true\nf: False\nn: ~\nm: null\nempty:\nq: \"5.10\"\ns: '1'\n",
            "tagged: !!str 5\ni: !!int 7\nfl: !!float 2\nb: !!bool true\nbad: !!int x\n",
            "date: 2026-02-30\nlist: [a, 'b', 3]\nnested: {x: [1, {y: z}]}\n",
            "1: one\n2.5: two\ntrue: three\n~: four\n",
            "- a\n- b\n",
            "just text\n",
            "",
            "a: 1\n---\nb: 2\n",
            "multi: |\n  line one\n  line two\nfolded: >\n  a\n  b\n",
        ] {
            let ours = load(text).map(|(v, _)| v).ok();
            let theirs = YAML::parse(text)
                .and_then(|pod| pod.deserialize::<serde_json::Value>())
                .ok();
            assert_eq!(ours, theirs, "{text:?}");
        }
        // Errors: a duplicate key is found by the loader, a syntax error by the parser.
        let e = load("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(
            e.message(),
            "not valid YAML: duplicate key `a` (each key may appear once)"
        );
        assert_eq!(e.pos().line, 3);
        assert!(matches!(load("a: [1, 2\n"), Err(LoadError::Syntax(_))));
    }

    proptest::proptest! {
        #[test]
        fn values_are_built_as_the_loader_builds_them(
            lines in proptest::collection::vec(proptest::sample::select(vec![
                "a: 1", "b: 5.10", "a: x", "1: one", "\"1\": uno", "true: t", "~: n", "c:",
                "  - x", "  - 0x1F", "- item", "- k: v", "d: [1, 'b', {e: f}]", "e: {x: 1, x: 2}",
                "f: !!str 5", "g: !!int 7", "---", "h: |", "  text", "i: \"quoted\"", "j: .inf",
                "k: -.Inf", "l: .nan", "m: 1e3", "  n: 2", "? [a]", ": b", "o: +12", "p: 0o17",
                "q: 99999999999999999999", "r: ''", "a/b: slash", "x~y: tilde", "s: {}", "t: []",
                "u: null", "v: True", "w: -0", "1.0: real", "1.00: real", "y: &anchor 1",
                "z: [a, [b, [c]]]", "  - - deep", "...", "plain text", "\"q\": 1",
                "b: *anchor",
            ]), 0..10)
        ) {
            let text = lines.join("\n") + "\n";
            match load(&text) {
                Ok((value, _)) => {
                    let theirs = by_the_loader(&text);
                    proptest::prop_assert!(theirs.is_ok(), "{text:?}: {theirs:?}");
                    proptest::prop_assert_eq!(Some(value), theirs.ok(), "{:?}", text);
                }
                Err(LoadError::Syntax(_)) => {
                    proptest::prop_assert!(by_the_loader(&text).is_err(), "{text:?}");
                }
                // Refused before any value is used.
                Err(_) => {}
            }
        }
    }

    #[test]
    fn the_builder_leaves_what_it_does_not_read_to_the_loader() {
        for text in [
            "a: 1\na: 2\n",
            "1: one\n\"1\": uno\n",
            "? [a, b]\n: c\n",
            "n: !!int 7\n",
            "a: 1\n---\nb: 2\n",
        ] {
            let mut builder = Builder::default();
            let mut parser = Parser::new_from_str(text);
            while let Ok((event, _)) = parser.next_token() {
                let end = matches!(event, Event::StreamEnd);
                builder.on_event(event);
                if end {
                    break;
                }
            }
            assert!(builder.value().is_none(), "{text:?}");
        }
        // An alias in a later document may name an anchor of the first: the parser keeps it.
        assert_eq!(
            load("a: &x 1\n---\nb: *x\n").unwrap().0,
            serde_json::json!({"a": 1})
        );
        // `1` and `"1"` are two keys to YAML: the later wins in JSON, as before.
        assert_eq!(
            load("1: one\n\"1\": uno\n").unwrap().0,
            serde_json::json!({"1": "uno"})
        );
    }

    #[test]
    fn tags_other_than_the_core_types_are_refused() {
        for (text, tag, line) in [
            ("a: 1\nb: !!binary aGVsbG8=\n", "!!binary", 2),
            (
                "a: !!python/object:os.system x\n",
                "!!python/object:os.system",
                1,
            ),
            ("a:\n  - 1\n  - !custom v\n", "!custom", 3),
            ("a: !!set {x, y}\n", "!!set", 1),
        ] {
            match load(text) {
                Err(LoadError::Tag(pos, t)) => assert_eq!((t.as_str(), pos.line), (tag, line)),
                other => panic!("{text:?}: {other:?}"),
            }
        }
        let (v, _) = load("v: !!str 5\nn: !!int 7\n").unwrap();
        assert_eq!(v["v"], "5");
    }

    #[test]
    fn a_long_file_is_located_by_lookup_as_by_scan() {
        let text: String = (0..200)
            .map(|i| format!("- id: R-{i}\n  title: T{i}\n"))
            .collect();
        let idx = PositionIndex::build(&text);
        assert!(idx.by_pointer.is_some());
        assert_eq!(
            idx.locate("/150/title"),
            Some(Pos {
                line: 302,
                column: 3
            })
        );
        let scanned = |p: &str| {
            idx.entries
                .iter()
                .find(|(k, _)| k == p)
                .map(|(_, pos)| *pos)
        };
        // Unknown children fall back to their parent, as with a scan.
        assert_eq!(idx.locate("/150/owner"), scanned("/150"));
        assert_eq!(idx.locate("/150/owner").map(|p| p.line), Some(301));
        assert_eq!(idx.locate("/0"), scanned("/0"));
    }

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
