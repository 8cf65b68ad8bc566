//! `soa.yaml` changed in place (see [`super::soa_yaml`]): the file is walked once with the
//! YAML parser to find each entry, field and value span; the changes are splices into the
//! original text; the result is read back with the loader and compared before it is returned.

use super::yaml_src::{indent, lone_cr, one_line_scalar, skip_node, Ev, Text};
use super::Decision;
use crate::adopt::write::newline_of;
use crate::catalog::{Catalog, ControlIdx};
use crate::model::soa::{self, ImplStatus, Soa};
use crate::source::yaml;
use std::collections::BTreeMap;
use yaml_rust2::parser::Event;
use yaml_rust2::scanner::TScalarStyle;

/// What the file is to say for one control; blank text counts as no decision.
#[derive(Debug, Default, Clone)]
struct Wanted {
    applicable: Option<bool>,
    justification: Option<String>,
    status: Option<ImplStatus>,
    note: Option<String>,
}

/// A control's fields as the loader reads them (no entry: applicable and nothing else).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reads {
    applicable: bool,
    justification: Option<String>,
    status: Option<ImplStatus>,
    note: Option<String>,
}

impl Reads {
    fn of(d: Option<&soa::Decision>) -> Reads {
        Reads {
            applicable: d.is_none_or(|d| d.applicable),
            justification: d.and_then(|d| d.justification.clone()),
            status: d.and_then(|d| d.status),
            note: d.and_then(|d| d.note.clone()),
        }
    }

    fn with(&self, w: &Wanted) -> Reads {
        Reads {
            applicable: w.applicable.unwrap_or(self.applicable),
            justification: w.justification.clone().or(self.justification.clone()),
            status: w.status.or(self.status),
            note: w.note.clone().or(self.note.clone()),
        }
    }
}

enum Change {
    /// Field name and its YAML value as written.
    Set(&'static str, String),
    /// `applicable: false` goes (absent means applicable).
    DropApplicable,
}

struct Value {
    start: usize,
    end: usize,
    style: TScalarStyle,
    /// Nothing written after `key:` (a null).
    empty: bool,
}

struct Field {
    name: String,
    key_at: usize,
    colon: usize,
    /// `None`: a list or mapping, which the import does not edit.
    value: Option<Value>,
}

enum Body {
    Block(Vec<Field>),
    /// `A.5.1:` and nothing else.
    Empty,
    /// `A.5.1: {status: planned}`
    Flow,
    /// A text or a list where the fields should be.
    Other(&'static str),
}

struct Entry {
    key: String,
    key_at: usize,
    colon: usize,
    idx: Option<ControlIdx>,
    body: Body,
    /// End of the entry's last line of content (its comments at the top level left out).
    end: usize,
}

struct Layout {
    entries: Vec<Entry>,
    /// Indentation of the top-level keys (none in any real file).
    top: String,
    /// Extra indentation of an entry's fields.
    step: usize,
    /// Entries are separated by blank lines.
    spaced: bool,
}

struct Edit {
    start: usize,
    end: usize,
    text: String,
    /// At one offset: changes to an entry first (0), then new entries in catalog order (1).
    order: (u8, usize),
}

fn by_hand(src: &Text, at: usize, what: &str) -> String {
    format!(
        "soa.yaml line {}: {what}; the import changes only the simple form (`A.5.1:` and its fields, one per line) — edit the file by hand, then run the import again",
        src.line_no(at)
    )
}

pub(super) fn apply(
    original: &str,
    decisions: &[(ControlIdx, Decision)],
    catalog: &Catalog,
) -> Result<String, String> {
    let (bom, text) = match original.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", original),
    };
    let wanted = merge(decisions, catalog)?;
    if let Some(line) = lone_cr(text) {
        return Err(format!("soa.yaml line {line}: a carriage return without a line feed; save the file with LF or CRLF line endings, then run the import again"));
    }
    if let Err(e) = yaml::load(text) {
        return Err(format!(
            "soa.yaml line {}: {}; correct it, then run the import again",
            e.pos().line,
            e.message()
        ));
    }
    let before = Soa::parse(text, catalog);
    let changes: Vec<(ControlIdx, Vec<Change>)> = wanted
        .iter()
        .map(|(&idx, w)| (idx, changes(w, &Reads::of(before.decisions.get(&idx)))))
        .filter(|(_, c)| !c.is_empty())
        .collect();
    // Nothing to change: the file is not looked at further (an anchor somewhere is no reason
    // to fail).
    if changes.is_empty() {
        return Ok(original.to_owned());
    }
    let src = Text::new(text);
    let layout = walk(&src, catalog)?;
    let nl = newline_of(text);
    let mut edits = Vec::new();
    let mut new_entries = Vec::new();
    for (idx, changes) in changes {
        // The loader takes the first entry of a control listed twice; so does this.
        match layout.entries.iter().find(|e| e.idx == Some(idx)) {
            Some(entry) => edit_entry(&src, &layout, entry, &changes, nl, &mut edits)?,
            None => new_entries.push((idx, changes)),
        }
    }
    place_new(&src, &layout, &new_entries, catalog, nl, &mut edits);
    let out = splice(text, edits, nl)?;
    verify(&before, &out, &wanted, catalog)?;
    Ok(format!("{bom}{out}"))
}

/// The decisions by control in catalog order; a control given twice takes each field from
/// the last decision that sets it.
fn merge(
    decisions: &[(ControlIdx, Decision)],
    catalog: &Catalog,
) -> Result<BTreeMap<ControlIdx, Wanted>, String> {
    let text = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let mut out: BTreeMap<ControlIdx, Wanted> = BTreeMap::new();
    for (idx, d) in decisions {
        if catalog.controls.get(*idx).is_none() {
            return Err(format!("soa.yaml: no Annex A control has index {idx}"));
        }
        let w = out.entry(*idx).or_default();
        w.applicable = d.applicable.or(w.applicable);
        w.justification = text(&d.justification).or(w.justification.take());
        w.status = d.status.or(w.status);
        w.note = text(&d.note).or(w.note.take());
    }
    Ok(out)
}

/// What must change for the file to read `w`, in the order new fields are written.
fn changes(w: &Wanted, now: &Reads) -> Vec<Change> {
    let mut out = Vec::new();
    match w.applicable {
        Some(false) if now.applicable => out.push(Change::Set("applicable", "false".into())),
        Some(true) if !now.applicable => out.push(Change::DropApplicable),
        _ => {}
    }
    if let Some(j) = w
        .justification
        .as_ref()
        .filter(|&j| now.justification.as_ref() != Some(j))
    {
        out.push(Change::Set("justification", one_line_scalar(j)));
    }
    if let Some(s) = w.status.filter(|&s| now.status != Some(s)) {
        out.push(Change::Set("status", s.as_str().into()));
    }
    if let Some(n) = w.note.as_ref().filter(|&n| now.note.as_ref() != Some(n)) {
        out.push(Change::Set("note", one_line_scalar(n)));
    }
    out
}

/// Refuses anchors and tags: a value's start would not be where the parser says, and an
/// anchored value may be used elsewhere.
fn plain_node(src: &Text, ev: &Ev, anchor: usize, tag: bool) -> Result<(), String> {
    if anchor != 0 || tag {
        return Err(by_hand(
            src,
            ev.at,
            "a YAML anchor or tag (`&name`, `!!str`) is used",
        ));
    }
    Ok(())
}

fn is_null(v: &str, style: TScalarStyle) -> bool {
    style == TScalarStyle::Plain && matches!(v, "" | "~" | "null" | "Null" | "NULL")
}

fn walk(src: &Text, catalog: &Catalog) -> Result<Layout, String> {
    let events = src.events(0..src.s.len())?;
    let at = |i: usize| events.get(i).map(|e| &e.event);
    let mut entries = Vec::new();
    let mut i = 1; // past StreamStart
    if matches!(at(i), Some(Event::DocumentStart)) {
        i += 1;
        match events.get(i) {
            Some(
                ev @ Ev {
                    event: Event::MappingStart(anchor, tag),
                    ..
                },
            ) => {
                plain_node(src, ev, *anchor, tag.is_some())?;
                if src.s.as_bytes().get(ev.at) == Some(&b'{') {
                    return Err(by_hand(src, ev.at, "the whole file is one `{…}` mapping"));
                }
                i = entries_of(src, &events, i + 1, catalog, &mut entries)?;
            }
            Some(Ev {
                event: Event::Scalar(v, style, 0, None),
                ..
            }) if is_null(v, *style) => {
                i += 1;
            }
            Some(ev) => {
                return Err(by_hand(
                    src,
                    ev.at,
                    "the file is not a mapping from control ids to their fields",
                ))
            }
            None => {}
        }
        if matches!(at(i), Some(Event::DocumentEnd)) {
            i += 1;
        }
        if let Some(
            ev @ Ev {
                event: Event::DocumentStart,
                ..
            },
        ) = events.get(i)
        {
            return Err(by_hand(src, ev.at, "a second YAML document starts"));
        }
    }
    let top = match entries.first() {
        Some(e) => src
            .s
            .get(src.start(src.line_of(e.key_at))..e.key_at)
            .unwrap_or(""),
        None => "",
    };
    if let Some(e) = entries.iter().find(|e| {
        src.s.get(src.start(src.line_of(e.key_at))..e.key_at) != Some(top) || !top.trim().is_empty()
    }) {
        return Err(by_hand(src, e.key_at, "an entry does not start its line"));
    }
    let top = top.to_owned();
    // Where each entry's content ends: its last line that is neither blank nor a comment at
    // the top level, before the next entry (or `...`).
    let key_lines: Vec<usize> = entries.iter().map(|e| src.line_of(e.key_at)).collect();
    for (n, e) in entries.iter_mut().enumerate() {
        let first = src.line_of(e.key_at);
        let stop = key_lines.get(n + 1).copied().unwrap_or(src.lines());
        let mut last = first;
        for line in first + 1..stop {
            if src.line(line).trim_end() == "..." {
                break;
            }
            if !src.is_blank(line) && !src.is_comment(line, top.len()) {
                last = line;
            }
        }
        e.end = src.end(last);
    }
    let step = entries
        .iter()
        .find_map(|e| match &e.body {
            Body::Block(fields) => fields.first(),
            _ => None,
        })
        .map(|f| indent(src.line(src.line_of(f.key_at))))
        .filter(|&n| n > top.len())
        .map_or(2, |n| n - top.len());
    // Spaced when most neighbours with only blank lines between them have one.
    let (mut spaced, mut tight) = (0, 0);
    for pair in entries.windows(2) {
        let [a, b] = pair else { continue };
        let between = src.line_of(a.end) + 1..src.line_of(b.key_at);
        if between.clone().any(|l| !src.is_blank(l)) {
            continue;
        }
        if between.is_empty() {
            tight += 1;
        } else {
            spaced += 1;
        }
    }
    Ok(Layout {
        entries,
        top,
        step,
        spaced: spaced > tight,
    })
}

/// The top-level entries from event `i` (after the mapping's start); returns the index past
/// the mapping's end.
fn entries_of(
    src: &Text,
    events: &[Ev],
    mut i: usize,
    catalog: &Catalog,
    entries: &mut Vec<Entry>,
) -> Result<usize, String> {
    loop {
        let Some(ev) = events.get(i) else {
            return Ok(i);
        };
        let (key, style) = match &ev.event {
            Event::MappingEnd => return Ok(i + 1),
            Event::Scalar(key, style, anchor, tag) => {
                plain_node(src, ev, *anchor, tag.is_some())?;
                (key.clone(), *style)
            }
            _ => return Err(by_hand(src, ev.at, "a key is not a control id")),
        };
        let key_at = ev.at;
        let colon = src
            .colon_after_key(key_at, style)
            .ok_or_else(|| by_hand(src, key_at, "a key is not followed by `:` on its line"))?;
        i += 1;
        let Some(value) = events.get(i) else {
            return Ok(i);
        };
        let body = match &value.event {
            Event::Scalar(v, style, anchor, tag) => {
                plain_node(src, value, *anchor, tag.is_some())?;
                i += 1;
                if v.is_empty() && *style == TScalarStyle::Plain {
                    Body::Empty
                } else {
                    Body::Other("a single value")
                }
            }
            Event::MappingStart(anchor, tag) => {
                plain_node(src, value, *anchor, tag.is_some())?;
                if src.s.as_bytes().get(value.at) == Some(&b'{') {
                    i = skip_node(events, i);
                    Body::Flow
                } else {
                    let (fields, next) = fields_of(src, events, i + 1)?;
                    i = next;
                    Body::Block(fields)
                }
            }
            Event::SequenceStart(..) => {
                i = skip_node(events, i);
                Body::Other("a list")
            }
            _ => return Err(by_hand(src, value.at, "a YAML alias is used")),
        };
        entries.push(Entry {
            idx: catalog.find(&key),
            key,
            key_at,
            colon,
            body,
            end: colon + 1,
        });
    }
}

fn fields_of(src: &Text, events: &[Ev], mut i: usize) -> Result<(Vec<Field>, usize), String> {
    let mut fields = Vec::new();
    loop {
        let Some(ev) = events.get(i) else {
            return Ok((fields, i));
        };
        let (name, style) = match &ev.event {
            Event::MappingEnd => return Ok((fields, i + 1)),
            Event::Scalar(name, style, anchor, tag) => {
                plain_node(src, ev, *anchor, tag.is_some())?;
                (name.clone(), *style)
            }
            _ => return Err(by_hand(src, ev.at, "a field name is not plain text")),
        };
        let key_at = ev.at;
        let colon = src
            .colon_after_key(key_at, style)
            .ok_or_else(|| by_hand(src, key_at, "a field is not followed by `:` on its line"))?;
        let parent = key_at - src.start(src.line_of(key_at));
        i += 1;
        let Some(v) = events.get(i) else {
            return Ok((fields, i));
        };
        let value = match &v.event {
            Event::Scalar(text, style, anchor, tag) => {
                plain_node(src, v, *anchor, tag.is_some())?;
                i += 1;
                if text.is_empty() && *style == TScalarStyle::Plain {
                    Some(Value {
                        start: colon + 1,
                        end: colon + 1,
                        style: *style,
                        empty: true,
                    })
                } else {
                    let start = match style {
                        // The parser points at the first content line, not at `|` or `>`.
                        TScalarStyle::Literal | TScalarStyle::Folded => src
                            .value_start_after(colon + 1)
                            .filter(|&s| matches!(src.s.as_bytes().get(s), Some(b'|' | b'>')))
                            .ok_or_else(|| {
                                by_hand(src, v.at, "a block text is laid out unusually")
                            })?,
                        _ => v.at,
                    };
                    let end = src
                        .scalar_end(start, *style, parent, false)
                        .ok_or_else(|| by_hand(src, v.at, "a value's end was not found"))?;
                    Some(Value {
                        start,
                        end,
                        style: *style,
                        empty: false,
                    })
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                i = skip_node(events, i);
                None
            }
            _ => return Err(by_hand(src, v.at, "a YAML alias is used")),
        };
        fields.push(Field {
            name,
            key_at,
            colon,
            value,
        });
    }
}

/// The splice that makes `value` (of the field whose `:` is at `colon`) read `text`: the value
/// alone when it is on the key's line (a comment after it stays); else everything from the
/// `:` to the end of the value's last line (comments on its lines and a block text's header
/// go with it).
fn replace(src: &Text, colon: usize, value: &Value, text: &str) -> Edit {
    let block = matches!(value.style, TScalarStyle::Literal | TScalarStyle::Folded);
    let line = src.line_of(colon);
    if value.empty || (!block && src.line_of(value.start) == line && src.line_of(value.end) == line)
    {
        let (start, text) = if value.empty {
            (colon + 1, format!(" {text}"))
        } else {
            (value.start, text.to_owned())
        };
        return Edit {
            start,
            end: value.end,
            text,
            order: (0, 0),
        };
    }
    Edit {
        start: colon + 1,
        end: src.end(src.line_of(value.end)),
        text: format!(" {text}"),
        order: (0, 0),
    }
}

fn edit_entry(
    src: &Text,
    layout: &Layout,
    entry: &Entry,
    changes: &[Change],
    nl: &str,
    edits: &mut Vec<Edit>,
) -> Result<(), String> {
    let id = &entry.key;
    let fields = match &entry.body {
        Body::Block(fields) => fields.as_slice(),
        Body::Empty => &[],
        Body::Flow => {
            return Err(by_hand(
                src,
                entry.key_at,
                &format!("the entry `{id}` is written on one line (`{{…}}`)"),
            ))
        }
        Body::Other(what) => {
            return Err(by_hand(
                src,
                entry.key_at,
                &format!("`{id}` holds {what} where its fields (applicable, justification, status, note) should be"),
            ))
        }
    };
    if let Some(f) = fields.iter().find(|f| f.value.is_none()) {
        return Err(by_hand(
            src,
            f.key_at,
            &format!("`{}` of `{id}` holds a list or mapping, not a text", f.name),
        ));
    }
    let field_indent = match fields.first() {
        Some(f) => src
            .s
            .get(src.start(src.line_of(f.key_at))..f.key_at)
            .unwrap_or("")
            .to_owned(),
        None => format!("{}{}", layout.top, " ".repeat(layout.step)),
    };
    let value_of = |name: &str| {
        fields
            .iter()
            .find(|f| f.name == name)
            .and_then(|f| f.value.as_ref().map(|v| (f, v)))
    };
    let mut added = String::new();
    for change in changes {
        match change {
            Change::Set(name, text) => match value_of(name) {
                Some((f, v)) => edits.push(replace(src, f.colon, v, text)),
                None => added.push_str(&format!("{field_indent}{name}: {text}{nl}")),
            },
            Change::DropApplicable => {
                let (f, v) = value_of("applicable").ok_or_else(|| {
                    by_hand(
                        src,
                        entry.key_at,
                        &format!("`applicable` of `{id}` was not found"),
                    )
                })?;
                if fields.iter().any(|g| g.name != "applicable") {
                    edits.push(Edit {
                        start: src.start(src.line_of(f.key_at)),
                        end: src.after_line(v.end),
                        text: String::new(),
                        order: (0, 0),
                    });
                } else {
                    // Alone, it stays as `true`: an entry with no fields is not valid.
                    edits.push(replace(src, f.colon, v, "true"));
                }
            }
        }
    }
    if !added.is_empty() {
        let last = fields
            .iter()
            .filter_map(|f| f.value.as_ref().map(|v| v.end))
            .max()
            .unwrap_or(entry.colon);
        let at = src.after_line(last);
        edits.push(Edit {
            start: at,
            end: at,
            text: added,
            order: (0, 0),
        });
    }
    Ok(())
}

/// Where a new entry for `idx` goes, and whether a blank line goes before and after it.
///
/// Before the first entry whose control comes later in the catalog, with the comment lines
/// directly above that entry kept on it. When that entry belongs to another theme (A.6 after
/// A.5), the new one goes right after the previous entry instead, so it stays in its own
/// section and a section heading such as `# --- People controls` stays above the first
/// People control; with no previous entry, before such a heading. After the last entry
/// otherwise, at the end of the file.
fn place(src: &Text, layout: &Layout, idx: ControlIdx, catalog: &Catalog) -> (usize, bool, bool) {
    let theme = |i: Option<ControlIdx>| i.and_then(|i| catalog.controls.get(i)).map(|c| c.theme);
    let entries = &layout.entries;
    let top = layout.top.len();
    let next = entries.iter().position(|e| e.idx.is_some_and(|i| i > idx));
    let prev = entries
        .get(..next.unwrap_or(entries.len()))
        .unwrap_or(&[])
        .iter()
        .rev()
        .find(|e| e.idx.is_some());
    let below_blank = |at: usize| layout.spaced && src.blank_before(at) == Some(false);
    match (next.and_then(|n| entries.get(n)), prev) {
        (Some(n), Some(p)) if theme(n.idx) != theme(Some(idx)) => {
            let at = src.after_line(p.end);
            (at, layout.spaced, layout.spaced && src.filled_at(at))
        }
        (Some(n), p) => {
            let key_line = src.line_of(n.key_at);
            let mut first = key_line;
            while first > 0 && src.is_comment(first - 1, top) {
                first -= 1;
            }
            // The file's opening comment is not the first entry's own.
            if p.is_none() && (first == 0 || src.line(first - 1).trim_end() == "---") {
                first = key_line;
            }
            let mut at = src.start(first);
            let mut after = layout.spaced;
            if p.is_none() && theme(n.idx) != theme(Some(idx)) {
                // A comment paragraph set apart by blank lines above and below: the heading
                // of the next entry's section.
                let mut j = first;
                while j > 0 && src.is_blank(j - 1) {
                    j -= 1;
                }
                if j < first && j > 0 && src.is_comment(j - 1, top) {
                    let mut h = j - 1;
                    while h > 0 && src.is_comment(h - 1, top) {
                        h -= 1;
                    }
                    if h > 0 && src.is_blank(h - 1) {
                        at = src.start(h);
                        after = true;
                    }
                }
            }
            (at, below_blank(at), after)
        }
        (None, _) => {
            let at = src.s.len();
            (at, below_blank(at), false)
        }
    }
}

fn place_new(
    src: &Text,
    layout: &Layout,
    new_entries: &[(ControlIdx, Vec<Change>)],
    catalog: &Catalog,
    nl: &str,
    edits: &mut Vec<Edit>,
) {
    let field = format!("{}{}", layout.top, " ".repeat(layout.step));
    // Entries at one place share its blank lines; they come in catalog order.
    let mut groups: BTreeMap<usize, (bool, bool, Vec<String>)> = BTreeMap::new();
    for (idx, changes) in new_entries {
        let Some(control) = catalog.controls.get(*idx) else {
            continue;
        };
        let mut text = format!("{}{}:{nl}", layout.top, control.id);
        for c in changes {
            if let Change::Set(name, value) = c {
                text.push_str(&format!("{field}{name}: {value}{nl}"));
            }
        }
        let (at, before, after) = place(src, layout, *idx, catalog);
        groups
            .entry(at)
            .or_insert((before, after, Vec::new()))
            .2
            .push(text);
    }
    for (at, (before, after, texts)) in groups {
        let mut text = String::new();
        if before {
            text.push_str(nl);
        }
        text.push_str(&texts.join(if layout.spaced { nl } else { "" }));
        if after {
            text.push_str(nl);
        }
        edits.push(Edit {
            start: at,
            end: at,
            text,
            order: (1, 0),
        });
    }
}

/// `text` with the edits made; they must not overlap.
fn splice(text: &str, mut edits: Vec<Edit>, nl: &str) -> Result<String, String> {
    edits.sort_by_key(|e| (e.start, e.order));
    if !text.is_empty() && !text.ends_with('\n') {
        if let Some(e) = edits.iter_mut().find(|e| e.start == text.len()) {
            e.text.insert_str(0, nl);
        }
    }
    let mut out = String::with_capacity(text.len() + 256);
    let mut cursor = 0;
    for e in edits {
        let kept = text
            .get(cursor..e.start)
            .filter(|_| e.end >= e.start)
            .ok_or("soa.yaml was not changed: the planned edits overlap (a bug; please report it) — edit the file by hand")?;
        out.push_str(kept);
        out.push_str(&e.text);
        cursor = e.end;
    }
    out.push_str(text.get(cursor..).unwrap_or(""));
    Ok(out)
}

/// The edited file must read, for every control, what it read before with the decisions
/// laid over it, and with no new problem: a mistake here must never reach the disk.
fn verify(
    before: &Soa,
    out: &str,
    wanted: &BTreeMap<ControlIdx, Wanted>,
    catalog: &Catalog,
) -> Result<(), String> {
    let after = Soa::parse(out, catalog);
    if after.findings.len() > before.findings.len() {
        let new = after
            .findings
            .iter()
            .find(|f| !before.findings.iter().any(|b| b.message == f.message))
            .or(after.findings.last())
            .map_or(String::new(), |f| f.message.clone());
        return Err(format!("soa.yaml was not changed: the edited file would have a new problem ({new}); this is a bug, please report it — edit the file by hand"));
    }
    for (idx, control) in catalog.controls.iter().enumerate() {
        let was = Reads::of(before.decisions.get(&idx));
        let expected = wanted.get(&idx).map_or(was.clone(), |w| was.with(w));
        let got = Reads::of(after.decisions.get(&idx));
        if got != expected {
            return Err(format!(
                "soa.yaml was not changed: after the edit {} would read {got:?} instead of {expected:?}; this is a bug, please report it — edit the file by hand",
                control.id
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content-example/soa.yaml"
    ));

    fn cat() -> &'static Catalog {
        Catalog::iso27001_2022()
    }

    fn idx(id: &str) -> ControlIdx {
        cat().find(id).unwrap()
    }

    fn status(s: ImplStatus) -> Decision {
        Decision {
            status: Some(s),
            ..Decision::default()
        }
    }

    fn edit(text: &str, decisions: &[(&str, Decision)]) -> Result<String, String> {
        let d: Vec<_> = decisions
            .iter()
            .map(|(id, d)| (idx(id), d.clone()))
            .collect();
        let out = apply(text, &d, cat())?;
        // Idempotent: the same decisions change nothing the second time.
        assert_eq!(apply(&out, &d, cat()).as_deref(), Ok(out.as_str()));
        Ok(out)
    }

    /// The lines removed and added, in order.
    fn diff(a: &str, b: &str) -> Vec<String> {
        similar::TextDiff::from_lines(a, b)
            .iter_all_changes()
            .filter(|c| c.tag() != similar::ChangeTag::Equal)
            .map(|c| format!("{}{}", c.tag(), c.value().trim_end_matches(['\r', '\n'])))
            .collect()
    }

    fn reads(text: &str, id: &str) -> Option<soa::Decision> {
        let soa = Soa::parse(text, cat());
        assert!(soa.findings.is_empty(), "{:?}", soa.findings);
        soa.decisions.get(&idx(id)).cloned()
    }

    #[test]
    fn a_changed_status_is_that_one_line() {
        let out = edit(EXAMPLE, &[("A.5.7", status(ImplStatus::Implemented))]).unwrap();
        assert_eq!(
            diff(EXAMPLE, &out),
            ["-  status: planned", "+  status: implemented"]
        );
        assert!(out.contains("A.5.7:\n  justification: Risk treatment (R-07 ransomware and R-12 supply-chain compromise).\n  status: implemented\n  note: Threat"));
    }

    #[test]
    fn a_justification_is_added_after_the_last_field() {
        let d = Decision {
            justification: Some(
                "Business requirement: every project starts with a security review.".into(),
            ),
            status: Some(ImplStatus::Partial),
            ..Decision::default()
        };
        let out = edit(EXAMPLE, &[("A.5.8", d)]).unwrap();
        assert_eq!(
            diff(EXAMPLE, &out),
            ["+  justification: \"Business requirement: every project starts with a security review.\""]
        );
        let note = "  note: Security questions are part of the product discovery template, but internal (non-product) projects have no formal security gate yet.\n";
        assert!(out.contains(&format!("{note}  justification: \"Business")));
        assert_eq!(
            reads(&out, "A.5.8").unwrap().justification.as_deref(),
            Some("Business requirement: every project starts with a security review.")
        );
    }

    #[test]
    fn new_entries_go_in_catalog_order_inside_their_section() {
        let out = edit(
            EXAMPLE,
            &[
                ("A.6.1", status(ImplStatus::Implemented)),
                ("A.5.10", status(ImplStatus::Planned)),
                ("A.5.37", status(ImplStatus::Partial)),
                ("A.8.1", status(ImplStatus::Implemented)),
            ],
        )
        .unwrap();
        assert!(
            out.contains("  note: Security questions are part of the product discovery template, but internal (non-product) projects have no formal security gate yet.\nA.5.10:\n  status: planned\nA.5.20:\n"),
            "{out}"
        );
        // A.5.37 stays with the organizational controls, A.6.1 goes under the People heading.
        assert!(out.contains("Data Protection Act 2018, customer DPAs).\n  status: implemented\nA.5.37:\n  status: partial\n\n# --- People controls ----------------------------------------------------------\n\nA.6.1:\n  status: implemented\nA.6.3:\n"), "{out}");
        assert!(out.contains("# --- Technological controls ---------------------------------------------------\n\nA.8.1:\n  status: implemented\nA.8.6:\n"), "{out}");
        // Only added lines: every comment and entry is where it was.
        assert!(diff(EXAMPLE, &out).iter().all(|l| l.starts_with('+')));
        assert_eq!(diff(EXAMPLE, &out).len(), 8);
    }

    #[test]
    fn a_new_entry_before_all_others_goes_under_the_files_opening_comment() {
        let text = "# Our SoA\nA.8.6:\n  status: partial\n";
        let out = edit(text, &[("A.5.1", status(ImplStatus::Implemented))]).unwrap();
        assert_eq!(
            out,
            "# Our SoA\nA.5.1:\n  status: implemented\nA.8.6:\n  status: partial\n"
        );
        // …and above the heading of a later section.
        let text = "# Our SoA\n\n# --- Technological\n\nA.8.6:\n  status: partial\n";
        let out = edit(text, &[("A.5.1", status(ImplStatus::Implemented))]).unwrap();
        assert_eq!(out, "# Our SoA\n\nA.5.1:\n  status: implemented\n\n# --- Technological\n\nA.8.6:\n  status: partial\n");
        // A comment on the entry itself stays on it.
        let text = "A.5.1:\n  status: planned\n# reviewed in May\nA.5.9:\n  status: partial\n";
        let out = edit(text, &[("A.5.3", status(ImplStatus::Implemented))]).unwrap();
        assert_eq!(out, "A.5.1:\n  status: planned\nA.5.3:\n  status: implemented\n# reviewed in May\nA.5.9:\n  status: partial\n");
    }

    #[test]
    fn new_entries_at_the_end_and_in_spaced_files() {
        let text = "A.5.1:\n  status: planned\n\nA.5.9:\n  status: partial\n";
        let out = edit(
            text,
            &[
                ("A.5.3", status(ImplStatus::Implemented)),
                ("A.5.4", status(ImplStatus::Implemented)),
                ("A.8.34", status(ImplStatus::Planned)),
            ],
        )
        .unwrap();
        assert_eq!(out, "A.5.1:\n  status: planned\n\nA.5.3:\n  status: implemented\n\nA.5.4:\n  status: implemented\n\nA.5.9:\n  status: partial\n\nA.8.34:\n  status: planned\n");
        // No line end at the end of the file: one is added before the new entry.
        let out = edit(
            "A.5.1:\n  status: planned",
            &[("A.5.3", status(ImplStatus::Planned))],
        )
        .unwrap();
        assert_eq!(
            out,
            "A.5.1:\n  status: planned\nA.5.3:\n  status: planned\n"
        );
    }

    #[test]
    fn an_empty_file_gets_only_the_entries() {
        let d = Decision {
            applicable: Some(false),
            justification: Some("No premises.".into()),
            status: Some(ImplStatus::NotImplemented),
            note: Some("Two lines:\nthe second".into()),
        };
        let out = edit(
            "",
            &[
                ("A.7.4", d),
                (
                    "A.5.1",
                    Decision {
                        applicable: Some(true),
                        ..Decision::default()
                    },
                ),
            ],
        )
        .unwrap();
        assert_eq!(out, "A.7.4:\n  applicable: false\n  justification: No premises.\n  status: not-implemented\n  note: \"Two lines:\\nthe second\"\n");
        assert_eq!(
            reads(&out, "A.7.4").unwrap().note.as_deref(),
            Some("Two lines:\nthe second")
        );
        // Nothing to say: nothing written.
        assert_eq!(
            edit(
                "",
                &[(
                    "A.5.1",
                    Decision {
                        applicable: Some(true),
                        ..Decision::default()
                    }
                )]
            )
            .unwrap(),
            ""
        );
    }

    #[test]
    fn applicable_again_removes_the_exclusion() {
        let d = Decision {
            applicable: Some(true),
            ..Decision::default()
        };
        let out = edit(EXAMPLE, &[("A.7.4", d.clone())]).unwrap();
        assert_eq!(diff(EXAMPLE, &out), ["-  applicable: false"]);
        assert!(reads(&out, "A.7.4").unwrap().applicable);
        // The only field: it says true, an entry with no field being invalid.
        let out = edit(
            "A.7.4:\n  applicable: false # remote only\n",
            &[("A.7.4", d.clone())],
        )
        .unwrap();
        assert_eq!(out, "A.7.4:\n  applicable: true # remote only\n");
        // Already applicable (absent, or written true): nothing changes.
        assert_eq!(
            edit(EXAMPLE, &[("A.5.7", d.clone()), ("A.5.1", d)]).unwrap(),
            EXAMPLE
        );
    }

    #[test]
    fn an_exclusion_is_added() {
        let d = Decision {
            applicable: Some(false),
            justification: Some("We write no software.".into()),
            ..Decision::default()
        };
        let out = edit(EXAMPLE, &[("A.8.28", d)]).unwrap();
        assert_eq!(
            diff(EXAMPLE, &out),
            [
                "+  applicable: false",
                "+  justification: We write no software."
            ]
        );
        let r = reads(&out, "A.8.28").unwrap();
        assert!(!r.applicable);
        assert_eq!(r.status, Some(ImplStatus::Partial));
    }

    #[test]
    fn crlf_and_bom_are_kept() {
        let crlf = format!("\u{feff}{}", EXAMPLE.replace('\n', "\r\n"));
        let decisions = [
            ("A.5.7", status(ImplStatus::Implemented)),
            ("A.5.10", status(ImplStatus::Planned)),
            (
                "A.7.4",
                Decision {
                    justification: Some("Fully remote.".into()),
                    ..Decision::default()
                },
            ),
        ];
        let lf = edit(EXAMPLE, &decisions).unwrap();
        let out = edit(&crlf, &decisions).unwrap();
        assert_eq!(out, format!("\u{feff}{}", lf.replace('\n', "\r\n")));
    }

    #[test]
    fn multi_line_values_are_replaced_whole() {
        let d = Decision {
            justification: Some("We own no premises.".into()),
            ..Decision::default()
        };
        let out = edit(EXAMPLE, &[("A.7.4", d.clone())]).unwrap();
        let diff = diff(EXAMPLE, &out);
        assert_eq!(diff.len(), 6, "{diff:?}");
        assert_eq!(diff[0], "-  justification: >-");
        assert_eq!(diff[5], "+  justification: We own no premises.");
        assert!(out.contains(
            "A.7.4:\n  applicable: false\n  justification: We own no premises.\nA.7.5:\n"
        ));
        // Plain and quoted text over several lines, a literal block with a comment line inside.
        let text = "A.7.4:\n  justification:\n    first line\n    second line # why\n  # about the status\n  status: planned\nA.7.5:\n  justification: \"one\n    two\" # kept?\n  note: |\n    a\n    # not a comment\n\n    b\n\nA.7.6:\n  status: planned\n";
        let out = edit(
            text,
            &[
                ("A.7.4", d.clone()),
                (
                    "A.7.5",
                    Decision {
                        justification: Some("x".into()),
                        note: Some("why".into()),
                        ..Decision::default()
                    },
                ),
            ],
        )
        .unwrap();
        assert_eq!(out, "A.7.4:\n  justification: We own no premises.\n  # about the status\n  status: planned\nA.7.5:\n  justification: x\n  note: why\n\nA.7.6:\n  status: planned\n");
    }

    #[test]
    fn keys_in_every_spelling() {
        let text = "\"5.10\": # quoted\n  status: planned\n5.1:\n  status: planned\n'A.5.2':\n  status: planned\na.5.3:\n  status: planned\n";
        let out = edit(
            text,
            &[
                ("A.5.10", status(ImplStatus::Implemented)),
                ("A.5.1", status(ImplStatus::Partial)),
                ("A.5.2", status(ImplStatus::Implemented)),
                ("A.5.3", status(ImplStatus::Implemented)),
            ],
        )
        .unwrap();
        assert_eq!(out, "\"5.10\": # quoted\n  status: implemented\n5.1:\n  status: partial\n'A.5.2':\n  status: implemented\na.5.3:\n  status: implemented\n");
        // Unquoted 5.10 is a number to YAML, but a key keeps its text: the loader reads
        // A.5.10 (not A.5.1), and so does the editor.
        let text = "5.10:\n  status: planned\n5.1:\n  status: partial\n";
        assert_eq!(
            reads(text, "A.5.10").unwrap().status,
            Some(ImplStatus::Planned)
        );
        let out = edit(text, &[("A.5.10", status(ImplStatus::Implemented))]).unwrap();
        assert_eq!(
            out,
            "5.10:\n  status: implemented\n5.1:\n  status: partial\n"
        );
    }

    #[test]
    fn fields_get_their_entrys_indentation() {
        let text = "A.5.1:\n    status: planned\nA.5.9:\n";
        let out = edit(
            text,
            &[
                (
                    "A.5.1",
                    Decision {
                        note: Some("a note".into()),
                        ..Decision::default()
                    },
                ),
                ("A.5.9", status(ImplStatus::Planned)),
                ("A.5.3", status(ImplStatus::Planned)),
            ],
        )
        .unwrap();
        assert_eq!(out, "A.5.1:\n    status: planned\n    note: a note\nA.5.3:\n    status: planned\nA.5.9:\n    status: planned\n");
    }

    #[test]
    fn what_cannot_be_edited_safely_is_refused_with_its_line() {
        let flow = "A.5.1:\n  status: planned\nA.5.7: {status: planned}\n";
        let e = edit(flow, &[("A.5.7", status(ImplStatus::Implemented))]).unwrap_err();
        assert!(
            e.starts_with("soa.yaml line 3:") && e.contains("by hand"),
            "{e}"
        );
        // Left alone when it needs no change; so is the file when nothing changes.
        let anchored = "A.5.7:\n  status: &s planned\n";
        assert_eq!(
            edit(anchored, &[("A.5.7", status(ImplStatus::Planned))]).unwrap(),
            anchored
        );
        assert_eq!(
            edit(
                flow,
                &[
                    ("A.5.7", status(ImplStatus::Planned)),
                    ("A.5.1", status(ImplStatus::Partial))
                ]
            )
            .unwrap(),
            "A.5.1:\n  status: partial\nA.5.7: {status: planned}\n"
        );
        for (text, line) in [
            ("{A.5.7: {status: planned}}\n", 1),
            ("- A.5.7\n", 1),
            ("A.5.1:\n  status: planned\nA.5.7: planned\n", 3),
            ("A.5.7:\n  status: &s planned\n", 2),
            ("A.5.7:\n  note: [a, b]\n  status: planned\n", 2),
            (
                "A.5.1:\n  status: planned\n---\nA.5.7:\n  status: planned\n",
                3,
            ),
            ("A.5.7:\r  status: planned\n", 1),
            ("A.5.7:\n  status: planned\n  status: partial\n", 3),
        ] {
            let e = edit(text, &[("A.5.7", status(ImplStatus::Implemented))]).unwrap_err();
            assert!(
                e.starts_with(&format!("soa.yaml line {line}:")),
                "{text:?}: {e}"
            );
        }
    }

    #[test]
    fn odd_but_simple_entries_are_edited() {
        // An empty entry, a trailing comment, an invalid status, a quoted field name.
        let text = "A.5.1:\nA.5.2:\n  status: planned # target Q1\nA.5.3:\n  status: partiall\nA.5.4:\n  \"note\": old\n";
        let out = edit(
            text,
            &[
                ("A.5.1", status(ImplStatus::Planned)),
                ("A.5.2", status(ImplStatus::Implemented)),
                ("A.5.3", status(ImplStatus::Partial)),
                (
                    "A.5.4",
                    Decision {
                        note: Some("new: with a colon".into()),
                        ..Decision::default()
                    },
                ),
            ],
        )
        .unwrap();
        assert_eq!(out, "A.5.1:\n  status: planned\nA.5.2:\n  status: implemented # target Q1\nA.5.3:\n  status: partial\nA.5.4:\n  \"note\": \"new: with a colon\"\n");
    }

    #[test]
    fn unknown_keys_and_other_problems_stay_as_they_were() {
        let text = "version: 4\nA.12.1.1:\n  applicable: false\nA.5.1:\n  status: planned\n";
        let out = edit(
            text,
            &[
                ("A.5.1", status(ImplStatus::Implemented)),
                ("A.5.2", status(ImplStatus::Planned)),
            ],
        )
        .unwrap();
        assert_eq!(out, "version: 4\nA.12.1.1:\n  applicable: false\nA.5.1:\n  status: implemented\nA.5.2:\n  status: planned\n");
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn text() -> impl Strategy<Value = Option<String>> {
            prop::option::of(prop::sample::select(vec![
                "Legal requirement.",
                "Contractual: customer DPAs",
                "yes",
                "# not a comment",
                "two\nlines",
                "quote \" and 'single'",
                "emoji 🔐 and é",
                "  padded  ",
                "- looks like a list",
                "1.0",
                "",
            ]))
            .prop_map(|s| s.map(str::to_owned))
        }

        fn decision() -> impl Strategy<Value = Decision> {
            let status = prop::option::of(prop::sample::select(vec![
                ImplStatus::Implemented,
                ImplStatus::Partial,
                ImplStatus::Planned,
                ImplStatus::NotImplemented,
            ]));
            (prop::option::of(any::<bool>()), text(), status, text()).prop_map(
                |(applicable, justification, status, note)| Decision {
                    applicable,
                    justification,
                    status,
                    note,
                },
            )
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]
            #[test]
            fn any_decisions_read_back_and_leave_the_rest(
                decisions in prop::collection::vec((0..93usize, decision()), 0..12),
                crlf in any::<bool>(),
            ) {
                let original = if crlf { EXAMPLE.replace('\n', "\r\n") } else { EXAMPLE.to_owned() };
                let out = apply(&original, &decisions, cat()).unwrap();
                prop_assert_eq!(apply(&out, &decisions, cat()).unwrap(), out.clone());
                prop_assert!(!crlf || !out.replace("\r\n", "").contains('\n'));
                let before = Soa::parse(&original, cat());
                let after = Soa::parse(&out, cat());
                prop_assert!(after.findings.is_empty(), "{:?}", after.findings);
                let wanted = merge(&decisions, cat()).unwrap();
                for i in 0..cat().controls.len() {
                    let was = Reads::of(before.decisions.get(&i));
                    let want = wanted.get(&i).map_or(was.clone(), |w| was.with(w));
                    prop_assert_eq!(Reads::of(after.decisions.get(&i)), want);
                }
                // Every comment line is still there, in order.
                let comments = |t: &str| t.lines().filter(|l| l.starts_with('#')).map(str::to_owned).collect::<Vec<_>>();
                prop_assert_eq!(comments(&out), comments(&original));
            }
        }
    }
}
