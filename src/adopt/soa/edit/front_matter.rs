//! A document's `controls` extended in place (see [`super::add_controls`]): the list is found
//! with the YAML parser, the new items are spliced in after the last one in the list's own
//! style, and the result is read back as a document before it is returned.

use super::yaml_src::{lone_cr, skip_node, Ev, Text};
use crate::adopt::write::newline_of;
use crate::catalog::{Catalog, ControlIdx};
use crate::finding::Code;
use crate::source::document::{self, ParsedFile, SourceDoc};
use crate::source::frontmatter;
use crate::source::meta::{Located, Meta};
use crate::source::yaml;
use yaml_rust2::parser::Event;
use yaml_rust2::scanner::TScalarStyle;

struct Item {
    value: String,
    style: TScalarStyle,
    start: usize,
}

/// Where `controls` is, and how it is written.
enum List {
    /// No `controls` key; the top-level keys' indentation.
    Absent(String),
    /// `controls:` with nothing (`token` `None`) or with `~`/`null` (its span).
    Null {
        colon: usize,
        token: Option<(usize, usize)>,
    },
    /// `controls: [ … ]`, from `[` to `]`.
    Flow {
        open: usize,
        close: usize,
        items: Vec<Item>,
    },
    /// `controls:` and `- …` lines (never empty: that would be a null).
    Block(Vec<Item>),
}

fn by_hand(src: &Text, at: usize, what: &str) -> String {
    format!(
        "front matter line {}: {what}; edit the `controls` list by hand, then run the import again",
        src.line_no(at)
    )
}

pub(super) fn apply(original: &[u8], add: &[String]) -> Result<Option<Vec<u8>>, String> {
    let whole = std::str::from_utf8(original)
        .map_err(|_| "the document is not UTF-8 text; re-save it as UTF-8".to_owned())?;
    let (bom, text) = match whole.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", whole),
    };
    let split = frontmatter::split(text);
    if split.unclosed {
        return Err("the front matter opened with `---` on line 1 is never closed; end it with a `---` line, then run the import again".into());
    }
    let Some(yaml_text) = split.yaml else {
        return Err("the document has no front matter".into());
    };
    let yaml_start = text.find('\n').map_or(0, |i| i + 1);
    let yaml_end = yaml_start + yaml_text.len();
    if let Some(line) = lone_cr(yaml_text) {
        return Err(format!("front matter line {}: a carriage return without a line feed; save the file with LF or CRLF line endings, then run the import again", line + 1));
    }
    if let Err(e) = yaml::load(yaml_text) {
        return Err(format!(
            "front matter line {}: {}; correct it, then run the import again",
            e.pos().line + 1,
            e.message()
        ));
    }
    let catalog = Catalog::iso27001_2022();
    let mut wanted: Vec<(ControlIdx, &str)> = Vec::new();
    for id in add {
        let idx = catalog
            .find(id)
            .ok_or_else(|| format!("`{id}` is not an ISO/IEC 27001:2022 Annex A control"))?;
        if !wanted.iter().any(|(i, _)| *i == idx) {
            wanted.push((idx, catalog.control(idx).id.as_str()));
        }
    }
    let src = Text::new(text);
    let events = src.events(yaml_start..yaml_end)?;
    let list = find_list(&src, &events)?;
    let items: &[Item] = match &list {
        List::Flow { items, .. } | List::Block(items) => items,
        _ => &[],
    };
    // As written: an unquoted `5.10` (a number to YAML, which the build asks to quote) is
    // taken for A.5.10, as its author meant.
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|(idx, _)| !items.iter().any(|it| catalog.find(&it.value) == Some(*idx)))
        .map(|(_, id)| *id)
        .collect();
    if missing.is_empty() {
        return Ok(None);
    }
    let quote = quote_like(items);
    let ids: Vec<String> = missing.iter().map(|id| quote(id)).collect();
    let nl = newline_of(text);
    let edits = splices(&src, &list, &ids, yaml_end, nl)?;
    let mut out = String::with_capacity(whole.len() + 64);
    out.push_str(bom);
    let mut cursor = 0;
    for (start, end, new) in edits {
        out.push_str(text.get(cursor..start).unwrap_or(""));
        out.push_str(&new);
        cursor = end;
    }
    out.push_str(text.get(cursor..).unwrap_or(""));
    let out = out.into_bytes();
    verify(original, &out, text.get(yaml_end..).unwrap_or(""), &missing)?;
    Ok(Some(out))
}

/// New items quoted as the existing ones mostly are: plain only when all of them are.
fn quote_like(items: &[Item]) -> impl Fn(&str) -> String {
    let count = |s: TScalarStyle| items.iter().filter(|i| i.style == s).count();
    let (plain, single, double) = (
        count(TScalarStyle::Plain),
        count(TScalarStyle::SingleQuoted),
        count(TScalarStyle::DoubleQuoted),
    );
    let q = if !items.is_empty() && plain == items.len() {
        ""
    } else if single > double {
        "'"
    } else {
        "\""
    };
    move |id: &str| format!("{q}{id}{q}")
}

fn find_list(src: &Text, events: &[Ev]) -> Result<List, String> {
    let get = |i: usize| events.get(i);
    // An empty front matter is left to be written whole, like a missing one.
    let empty = || {
        "the front matter is empty; write its fields (id, title, type, owner, …) first".to_owned()
    };
    let mut i = 1; // past StreamStart
    if !matches!(get(i).map(|e| &e.event), Some(Event::DocumentStart)) {
        return Err(empty());
    }
    i += 1;
    match get(i) {
        Some(
            ev @ Ev {
                event: Event::MappingStart(..),
                ..
            },
        ) => {
            if src.s.as_bytes().get(ev.at) == Some(&b'{') {
                return Err(by_hand(src, ev.at, "the front matter is one `{…}` mapping"));
            }
            i += 1;
        }
        Some(Ev {
            event: Event::Scalar(v, TScalarStyle::Plain, 0, None),
            ..
        }) if matches!(v.as_str(), "" | "~" | "null") => return Err(empty()),
        Some(ev) => return Err(by_hand(src, ev.at, "the front matter is not a mapping")),
        None => return Err(empty()),
    }
    let mut top: Option<String> = None;
    loop {
        let Some(ev) = get(i) else {
            return Ok(List::Absent(top.unwrap_or_default()));
        };
        let (key, style) = match &ev.event {
            Event::MappingEnd => return Ok(List::Absent(top.unwrap_or_default())),
            Event::Scalar(key, style, ..) => (key.as_str(), *style),
            _ => {
                // A complex key: never `controls`.
                i = skip_node(events, skip_node(events, i));
                continue;
            }
        };
        top.get_or_insert_with(|| {
            src.s
                .get(src.start(src.line_of(ev.at))..ev.at)
                .unwrap_or("")
                .to_owned()
        });
        if key != "controls" {
            i = skip_node(events, i + 1);
            continue;
        }
        let colon = src
            .colon_after_key(ev.at, style)
            .ok_or_else(|| by_hand(src, ev.at, "`controls` is laid out unusually"))?;
        let Some(value) = get(i + 1) else {
            return Err(by_hand(src, ev.at, "`controls` has no value"));
        };
        return match &value.event {
            Event::Scalar(v, TScalarStyle::Plain, 0, None) if v.is_empty() => {
                Ok(List::Null { colon, token: None })
            }
            Event::Scalar(v, TScalarStyle::Plain, 0, None)
                if matches!(v.as_str(), "~" | "null" | "Null" | "NULL") =>
            {
                Ok(List::Null {
                    colon,
                    token: Some((value.at, value.at + v.len())),
                })
            }
            Event::Scalar(..) => Err(by_hand(
                src,
                value.at,
                "`controls` is a single value, not a list (write `controls: [\"A.5.15\"]`)",
            )),
            Event::SequenceStart(0, None) => {
                let flow = src.s.as_bytes().get(value.at) == Some(&b'[');
                let mut items = Vec::new();
                let mut j = i + 2;
                loop {
                    let Some(item) = get(j) else {
                        return Err(by_hand(src, value.at, "`controls` is not closed"));
                    };
                    match &item.event {
                        Event::Scalar(v, style, 0, None) => items.push(Item {
                            value: v.clone(),
                            style: *style,
                            start: item.at,
                        }),
                        Event::SequenceEnd if flow => {
                            if src.s.as_bytes().get(item.at) != Some(&b']') {
                                return Err(by_hand(src, value.at, "the end of `controls` was not found"));
                            }
                            return Ok(List::Flow {
                                open: value.at,
                                close: item.at,
                                items,
                            });
                        }
                        Event::SequenceEnd => return Ok(List::Block(items)),
                        _ => {
                            return Err(by_hand(
                                src,
                                item.at,
                                "an item of `controls` is not a plain control id (a list, a mapping, an anchor or a tag)",
                            ))
                        }
                    }
                    j += 1;
                }
            }
            _ => Err(by_hand(
                src,
                value.at,
                "`controls` is not a plain list of control ids",
            )),
        };
    }
}

/// The splices (start, end, new text), in order, that add `ids` (already quoted).
fn splices(
    src: &Text,
    list: &List,
    ids: &[String],
    yaml_end: usize,
    nl: &str,
) -> Result<Vec<(usize, usize, String)>, String> {
    let inline = ids.join(", ");
    Ok(match list {
        List::Absent(top) => vec![(yaml_end, yaml_end, format!("{top}controls: [{inline}]{nl}"))],
        List::Null { colon, token: None } => vec![(colon + 1, colon + 1, format!(" [{inline}]"))],
        List::Null {
            token: Some((start, end)),
            ..
        } => vec![(*start, *end, format!("[{inline}]"))],
        List::Flow { open, close, items } => {
            let Some(last) = items.last() else {
                return Ok(vec![(open + 1, *close, inline)]);
            };
            let last_end = src
                .scalar_end(last.start, last.style, 0, true)
                .ok_or_else(|| {
                    by_hand(src, last.start, "the last item of `controls` does not end")
                })?;
            let last_line = src.line_of(last.start);
            let one_per_line = items
                .windows(2)
                .all(|w| matches!(w, [a, b] if src.line_of(a.start) < src.line_of(b.start)));
            let prefix = src.s.get(src.start(last_line)..last.start).unwrap_or("");
            if src.line_of(*open) != src.line_of(*close)
                && one_per_line
                && last_line != src.line_of(*close)
                && prefix.trim().is_empty()
            {
                // One item per line: new lines like the last one.
                let rest = src.s.get(last_end..src.end(last_line)).unwrap_or("");
                let at = src.after_line(last_end);
                if rest.trim_start().starts_with(',') {
                    let lines: String = ids.iter().map(|q| format!("{prefix}{q},{nl}")).collect();
                    vec![(at, at, lines)]
                } else {
                    let lines = ids.join(&format!(",{nl}{prefix}"));
                    vec![
                        (last_end, last_end, ",".to_owned()),
                        (at, at, format!("{prefix}{lines}{nl}")),
                    ]
                }
            } else {
                vec![(last_end, last_end, format!(", {inline}"))]
            }
        }
        List::Block(items) => {
            let Some(last) = items.last() else {
                return Err(by_hand(src, yaml_end, "`controls` is an empty list"));
            };
            let line = src.line_of(last.start);
            let prefix = src.s.get(src.start(line)..last.start).unwrap_or("");
            if prefix.trim() != "-" {
                return Err(by_hand(
                    src,
                    last.start,
                    "an item of `controls` is laid out unusually",
                ));
            }
            let dash = prefix.find('-').unwrap_or(0);
            let last_end = src
                .scalar_end(last.start, last.style, dash, false)
                .ok_or_else(|| {
                    by_hand(src, last.start, "the last item of `controls` does not end")
                })?;
            let at = src.after_line(last_end);
            let lines: String = ids.iter().map(|q| format!("{prefix}{q}{nl}")).collect();
            vec![(at, at, lines)]
        }
    })
}

fn doc(bytes: &[u8]) -> Option<SourceDoc> {
    match document::parse("document.md", bytes.to_vec()) {
        ParsedFile::Doc(d) => Some(*d),
        ParsedFile::Unreadable(_) => None,
    }
}

/// `m` without positions and controls: what must not change.
fn rest_of(m: &Meta) -> Meta {
    fn bare<T: Clone>(l: &Located<T>) -> Located<T> {
        Located {
            value: l.value.clone(),
            line: 0,
            column: 0,
        }
    }
    let mut m = m.clone();
    m.id = m.id.as_ref().map(bare);
    m.owner = m.owner.as_ref().map(bare);
    m.last_reviewed = m.last_reviewed.as_ref().map(bare);
    m.next_review = m.next_review.as_ref().map(bare);
    m.controls = Vec::new();
    m.clauses = m.clauses.iter().map(bare).collect();
    m.related = m.related.iter().map(bare).collect();
    m
}

/// The edited document must read as before with `added` at the end of `controls`, with its
/// text after the front matter unchanged and no new front-matter problem.
fn verify(original: &[u8], out: &[u8], tail: &str, added: &[&str]) -> Result<(), String> {
    let fail = |why: &str| {
        Err(format!("the document was not changed: {why}; this is a bug, please report it — add the controls by hand"))
    };
    if !out.ends_with(tail.as_bytes()) {
        return fail("the text after the front matter would change");
    }
    let (Some(before), Some(after)) = (doc(original), doc(out)) else {
        return fail("the edited file would not read");
    };
    let mut expected: Vec<&str> = before
        .meta
        .controls
        .iter()
        .map(|l| l.value.as_str())
        .collect();
    expected.extend(added);
    let got: Vec<&str> = after
        .meta
        .controls
        .iter()
        .map(|l| l.value.as_str())
        .collect();
    if got != expected {
        return fail(&format!("`controls` would read {got:?}, not {expected:?}"));
    }
    if rest_of(&after.meta) != rest_of(&before.meta) {
        return fail("another front matter field would read differently");
    }
    for code in [Code::InvalidFrontMatter, Code::UnknownField] {
        let count = |d: &SourceDoc| d.findings.iter().filter(|f| f.code == code).count();
        if count(&after) > count(&before) {
            return fail("the front matter would have a new problem");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::add_controls;
    use super::*;

    const FM: &str = "---\nid: POL-002\ntitle: Zugriffsrichtlinie 🔐 für Büros\ntype: policy\nowner: CISO\nversion: \"1.2\"\nstatus: approved\nlast_reviewed: 2026-01-10\n";
    /// A body with a `---` rule and a table, as GitHub Markdown has them.
    const BODY: &str = "\n# Access Control Policy\n\nAccess follows [[A.5.15]].\n\n---\n\n| Role | Access |\n|---|---|\n| Admin | all |\n";

    fn add(text: &str, ids: &[&str]) -> Result<Option<String>, String> {
        let ids: Vec<String> = ids.iter().map(|s| (*s).to_owned()).collect();
        Ok(add_controls(text.as_bytes(), &ids)?.map(|b| String::from_utf8(b).unwrap()))
    }

    /// `front` (the front matter's last lines) becomes `expected`; the body stays byte for
    /// byte; a second run adds nothing.
    fn check(front: &str, ids: &[&str], expected: &str) {
        let original = format!("{FM}{front}---\n{BODY}");
        let out = add(&original, ids).unwrap().unwrap();
        assert_eq!(out, format!("{FM}{expected}---\n{BODY}"));
        let fm_end = original.find("\n---\n").unwrap() + 5;
        assert!(out.ends_with(&original[fm_end..]));
        assert_eq!(add(&out, ids).unwrap(), None);
    }

    #[test]
    fn a_flow_list_gets_the_ids_before_its_bracket() {
        check(
            "controls: [\"A.5.15\", A.8.2]\n",
            &["A.5.18", "A.8.5"],
            "controls: [\"A.5.15\", A.8.2, \"A.5.18\", \"A.8.5\"]\n",
        );
        check(
            "controls: [A.5.15, 5.18] # main ones\n",
            &["A.8.2"],
            "controls: [A.5.15, 5.18, A.8.2] # main ones\n",
        );
        check(
            "controls: ['A.5.15', 'A.5.18']\n",
            &["A.8.2"],
            "controls: ['A.5.15', 'A.5.18', 'A.8.2']\n",
        );
        check("controls: []\n", &["A.8.2"], "controls: [\"A.8.2\"]\n");
        check(
            "controls: [ ]\n",
            &["A.8.2", "A.5.1"],
            "controls: [\"A.8.2\", \"A.5.1\"]\n",
        );
    }

    #[test]
    fn a_multi_line_flow_list_keeps_its_layout() {
        check(
            "controls: [\n  \"A.5.15\",\n  \"A.8.2\"\n  ]\n",
            &["A.5.18", "A.8.5"],
            "controls: [\n  \"A.5.15\",\n  \"A.8.2\",\n  \"A.5.18\",\n  \"A.8.5\"\n  ]\n",
        );
        check(
            "controls: [\n    A.5.15, # access\n    A.8.2,\n    # A.8.3 later\n  ]\n",
            &["A.5.18"],
            "controls: [\n    A.5.15, # access\n    A.8.2,\n    A.5.18,\n    # A.8.3 later\n  ]\n",
        );
        check(
            "controls: [\"A.5.15\",\n           \"A.8.2\"]\n",
            &["A.5.18"],
            "controls: [\"A.5.15\",\n           \"A.8.2\", \"A.5.18\"]\n",
        );
    }

    #[test]
    fn a_block_list_gets_lines_like_its_last_item() {
        check(
            "controls:\n  - A.5.15\n  - \"5.18\"\n",
            &["A.8.2"],
            "controls:\n  - A.5.15\n  - \"5.18\"\n  - \"A.8.2\"\n",
        );
        check(
            "controls:\n  # identity\n  - A.5.15   # access\n  # - A.5.16 (dropped)\n  - A.5.18\n# reviewed yearly\ntags: [iam]\n",
            &["A.8.2", "A.8.5"],
            "controls:\n  # identity\n  - A.5.15   # access\n  # - A.5.16 (dropped)\n  - A.5.18\n  - A.8.2\n  - A.8.5\n# reviewed yearly\ntags: [iam]\n",
        );
        check(
            "controls:\n- 'A.5.15'\ntags: [iam]\n",
            &["A.8.2"],
            "controls:\n- 'A.5.15'\n- 'A.8.2'\ntags: [iam]\n",
        );
    }

    #[test]
    fn a_null_or_missing_list_becomes_a_flow_list() {
        check("controls:\n", &["A.8.2"], "controls: [\"A.8.2\"]\n");
        check(
            "controls: ~ # none yet\n",
            &["A.8.2"],
            "controls: [\"A.8.2\"] # none yet\n",
        );
        check(
            "tags: [iam]\n",
            &["A.5.15", "A.8.2"],
            "tags: [iam]\ncontrols: [\"A.5.15\", \"A.8.2\"]\n",
        );
    }

    #[test]
    fn crlf_and_bom_are_kept() {
        let lf = format!("{FM}controls:\n  - A.5.15\n---\n{BODY}");
        let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
        let out = add(&crlf, &["A.8.2"]).unwrap().unwrap();
        let expected = add(&lf, &["A.8.2"]).unwrap().unwrap();
        assert_eq!(out, format!("\u{feff}{}", expected.replace('\n', "\r\n")));
        let out = add(
            &format!(
                "\u{feff}{}",
                format!("{FM}---\n{BODY}").replace('\n', "\r\n")
            ),
            &["A.8.2"],
        )
        .unwrap()
        .unwrap();
        assert!(out.starts_with('\u{feff}'));
        assert!(out.contains("last_reviewed: 2026-01-10\r\ncontrols: [\"A.8.2\"]\r\n---\r\n"));
    }

    #[test]
    fn ids_already_listed_in_another_spelling_add_nothing() {
        let text = format!("{FM}controls: [\"5.15\", a.8.2, 'A.5.18', 5.10]\n---\n{BODY}");
        assert_eq!(
            add(&text, &["A.5.15", "A.8.2", "A.5.18", "A.5.10"]).unwrap(),
            None
        );
        let text = format!("{FM}controls:\n  - 5.15\n---\n{BODY}");
        assert_eq!(add(&text, &["A.5.15"]).unwrap(), None);
        // Only the missing one, once.
        let out = add(
            &format!("{FM}controls: [\"5.15\"]\n---\n{BODY}"),
            &["A.5.15", "A.8.2", "A.8.2"],
        )
        .unwrap()
        .unwrap();
        assert!(out.contains("controls: [\"5.15\", \"A.8.2\"]\n"));
    }

    #[test]
    fn the_document_reads_the_added_controls() {
        let out = add(&format!("{FM}controls: [A.5.15]\n---\n{BODY}"), &["A.8.2"])
            .unwrap()
            .unwrap();
        let d = doc(out.as_bytes()).unwrap();
        assert!(d.findings.is_empty(), "{:?}", d.findings);
        let ids: Vec<_> = d.meta.controls.iter().map(|l| l.value.as_str()).collect();
        assert_eq!(ids, ["A.5.15", "A.8.2"]);
    }

    #[test]
    fn what_cannot_be_edited_safely_is_refused() {
        for (text, wants) in [
            (format!("# Policy\n{BODY}"), "no front matter"),
            ("---\nid: X\n# Policy\n".to_owned(), "never closed"),
            (format!("---\n---\n{BODY}"), "front matter is empty"),
            (
                format!("---\n# to do\n---\n{BODY}"),
                "front matter is empty",
            ),
            (
                format!("{FM}controls: A.5.15\n---\n{BODY}"),
                "front matter line 9:",
            ),
            (
                format!("{FM}controls: {{a: b}}\n---\n{BODY}"),
                "front matter line 9:",
            ),
            (
                format!("{FM}controls: [[A.5.15]]\n---\n{BODY}"),
                "front matter line 9:",
            ),
            (
                format!("{FM}controls: &c [A.5.15]\n---\n{BODY}"),
                "front matter line 9:",
            ),
            (
                format!("---\n{{id: X, controls: [A.5.15]}}\n---\n{BODY}"),
                "front matter line 2:",
            ),
            (
                format!("{FM}controls: [A.5.15\n---\n{BODY}"),
                "front matter line",
            ),
        ] {
            let e = add(&text, &["A.8.2"]).unwrap_err();
            assert!(e.contains(wants), "{text:?}: {e}");
        }
        let e = add(&format!("{FM}---\n{BODY}"), &["A.12.1.1"]).unwrap_err();
        assert!(
            e.contains("not an ISO/IEC 27001:2022 Annex A control"),
            "{e}"
        );
        assert!(add_controls(b"---\nid: \xff\n---\n", &["A.8.2".to_owned()]).is_err());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        const POOL: [&str; 6] = ["A.5.15", "A.5.18", "A.8.2", "A.8.5", "A.5.10", "A.8.34"];

        /// `id` as people write it: with or without `A.`, plain or quoted.
        fn spelled(id: &str, how: u8) -> String {
            let short = id.trim_start_matches("A.");
            match how % 5 {
                0 => id.to_owned(),
                1 => format!("\"{short}\""),
                2 => format!("'{id}'"),
                3 => format!("\"{id}\""),
                _ => format!("'{short}'"),
            }
        }

        fn list(style: u8, items: &[String]) -> String {
            match (style % 6, items.is_empty()) {
                (_, true) if style.is_multiple_of(2) => "controls: []\n".into(),
                (_, true) => "controls:\n".into(),
                (0, _) => format!("controls: [{}]\n", items.join(", ")),
                (1, _) => format!("controls: [\n  {}\n  ]\n", items.join(",\n  ")),
                (2, _) => format!("controls: [\n    {},\n  ]\n", items.join(",\n    ")),
                (3, _) => format!(
                    "controls:\n{}",
                    items
                        .iter()
                        .map(|i| format!("  - {i}  # why\n"))
                        .collect::<String>()
                ),
                (4, _) => format!(
                    "controls:\n{}",
                    items.iter().map(|i| format!("- {i}\n")).collect::<String>()
                ),
                _ => String::new(),
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(200))]
            #[test]
            fn any_list_gets_the_missing_ids_once(
                style in 0u8..6,
                have in prop::collection::vec((0usize..6, any::<u8>()), 0..4),
                adds in prop::collection::vec(0usize..6, 1..4),
                crlf in any::<bool>(),
            ) {
                // Style 5 has no `controls` key: nothing is listed.
                let have = if style == 5 { Vec::new() } else { have };
                let items: Vec<String> = have.iter().map(|&(i, how)| spelled(POOL[i], how)).collect();
                let mut text = format!("{FM}{}tags: [iam]\n---\n{BODY}", list(style, &items));
                if crlf {
                    text = format!("\u{feff}{}", text.replace('\n', "\r\n"));
                }
                let adds: Vec<&str> = adds.iter().map(|&i| POOL[i]).collect();
                let out = add(&text, &adds).unwrap();
                let all_there = adds.iter().all(|a| have.iter().any(|&(i, _)| POOL[i] == *a));
                prop_assert_eq!(out.is_none(), all_there);
                if let Some(out) = out {
                    prop_assert_eq!(add(&out, &adds).unwrap(), None);
                    let body_at = text.rfind("tags: [iam]").unwrap();
                    prop_assert!(out.ends_with(&text[body_at..]));
                    prop_assert!(!crlf || !out.replace("\r\n", "").contains('\n'));
                    let d = doc(out.as_bytes()).unwrap();
                    for a in &adds {
                        prop_assert!(d.meta.controls.iter().any(|c| Catalog::iso27001_2022().find(&c.value) == Catalog::iso27001_2022().find(a)));
                    }
                }
            }
        }
    }
}
