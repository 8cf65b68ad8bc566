//! Validation of front matter (and `soa.yaml`) against the JSON Schemas in `schema/`, turned into
//! findings at the line of the offending key.

use super::yaml::PositionIndex;
use crate::finding::{Code, Finding};
use crate::suggest::did_you_mean;
use jsonschema::error::ValidationErrorKind;
use jsonschema::Validator;
use serde_json::Value;
use std::sync::OnceLock;

pub const DOCUMENT_SCHEMA: &str = include_str!("../../schema/document.schema.json");
pub const SOA_SCHEMA: &str = include_str!("../../schema/soa.schema.json");

fn compile(text: &str) -> (Validator, Value) {
    let schema: Value =
        serde_json::from_str(text).expect("embedded schema is JSON (checked by tests)");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .expect("embedded schema compiles (checked by tests)");
    (validator, schema)
}

/// The document schema, compiled once and shared across threads.
pub fn document() -> &'static (Validator, Value) {
    static V: OnceLock<(Validator, Value)> = OnceLock::new();
    V.get_or_init(|| compile(DOCUMENT_SCHEMA))
}

pub fn soa() -> &'static (Validator, Value) {
    static V: OnceLock<(Validator, Value)> = OnceLock::new();
    V.get_or_init(|| compile(SOA_SCHEMA))
}

/// Longest text the schema allows in the document's text fields (`maxLength`): longer values
/// are reported and not used, since a title repeats on every page that lists the document.
#[derive(Debug, Clone, Copy)]
pub struct TextLimits {
    pub title: usize,
    pub owner: usize,
    pub approver: usize,
    pub version: usize,
}

pub fn text_limits() -> &'static TextLimits {
    static L: OnceLock<TextLimits> = OnceLock::new();
    L.get_or_init(|| {
        let (_, schema) = document();
        let max = |field: &str| {
            schema["properties"][field]["maxLength"]
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or(usize::MAX)
        };
        TextLimits {
            title: max("title"),
            owner: max("owner"),
            approver: max("approver"),
            version: max("version"),
        }
    })
}

/// A value as shown in a message: long ones cut, so a megabyte of text cannot become a
/// megabyte of terminal output on every run.
fn shown(value: &Value) -> String {
    const SHOWN: usize = 60;
    let text = value.to_string();
    match text.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}… ({} characters)", &text[..cut], text.chars().count()),
        None => text,
    }
}

/// The schema's pattern for text on one line (no line breaks or other control characters).
const ONE_LINE: &str = "^[^\\u0000-\\u001f\\u007f]*$";

/// Where findings go: the file, the first YAML line's file line, and which code reports what.
pub struct ValidationTarget<'a> {
    pub file: &'a str,
    pub line0: u32,
    pub yaml: &'a str,
    pub index: &'a PositionIndex,
    /// Code for schema violations (unknown fields are `unknown-field` in front matter).
    pub invalid: Code,
    pub unknown_field: Code,
    /// Where "missing field" findings point: the opening delimiter's line.
    pub object_line: u32,
}

/// Validates `value` and reports each violation once, at the line of the offending key or item.
pub fn validate(
    validator: &Validator,
    schema: &Value,
    value: &Value,
    t: &ValidationTarget<'_>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for err in validator.iter_errors(value) {
        let pointer = err.instance_path().as_str().to_owned();
        let (line, column) = match t.index.locate(&pointer) {
            Some(p) if !pointer.is_empty() => (t.line0 + p.line - 1, p.column),
            _ => (t.object_line, 1),
        };
        let field = field_name(&pointer);
        let finding = |code: Code, msg: String| Finding::at(code, t.file, line, column, msg);
        match err.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let known = known_properties(schema, &pointer);
                for key in unexpected {
                    let child =
                        format!("{}/{}", pointer, key.replace('~', "~0").replace('/', "~1"));
                    let (line, column) = match t.index.locate(&child) {
                        Some(p) => (t.line0 + p.line - 1, p.column),
                        None => (line, column),
                    };
                    let mut f = Finding::at(
                        t.unknown_field,
                        t.file,
                        line,
                        column,
                        format!("unknown field `{key}`"),
                    );
                    f = match did_you_mean(key, known.iter().map(String::as_str)) {
                        Some(s) => f.help(format!("did you mean `{s}`?")),
                        None if !known.is_empty() => {
                            f.help(format!("known fields: {}", known.join(", ")))
                        }
                        None => f,
                    };
                    out.push(f);
                }
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                out.push(finding(
                    t.invalid,
                    format!("missing required field `{name}`"),
                ));
            }
            ValidationErrorKind::MaxLength { limit } => {
                let n = err.instance().as_str().map_or(0, |s| s.chars().count());
                out.push(
                    finding(
                        t.invalid,
                        format!("{field}: {n} characters long; at most {limit} are allowed"),
                    )
                    .help("shorten it; the full text belongs in the body"),
                );
            }
            ValidationErrorKind::MaxItems { limit } => {
                let n = err.instance().as_array().map_or(0, Vec::len);
                out.push(finding(
                    t.invalid,
                    format!("{field}: {n} entries; at most {limit} are allowed"),
                ));
            }
            ValidationErrorKind::Pattern { pattern } if pattern == ONE_LINE => {
                out.push(
                    finding(
                        t.invalid,
                        format!(
                            "{field}: {} holds a line break or another control character",
                            shown(err.instance())
                        ),
                    )
                    .help("write it on one line, as plain text"),
                );
            }
            ValidationErrorKind::Minimum { .. }
            | ValidationErrorKind::Maximum { .. }
            | ValidationErrorKind::Type { .. }
                if err.instance().is_number() && !is_string_expected(schema, &pointer) =>
            {
                // The value as written: YAML's `.inf` or `1e9` reach the schema as other numbers.
                let raw = raw_scalar(t.yaml, t.index, &pointer)
                    .unwrap_or_else(|| err.instance().to_string());
                let why = match err.kind() {
                    ValidationErrorKind::Minimum { limit } => {
                        format!("is less than the minimum of {limit}")
                    }
                    ValidationErrorKind::Maximum { limit } => {
                        format!("is more than the maximum of {limit}")
                    }
                    _ => "is not a whole number".to_owned(),
                };
                out.push(finding(t.invalid, format!("{field}: {raw} {why}")));
            }
            ValidationErrorKind::Type { .. }
                if err.instance().is_number() && is_string_expected(schema, &pointer) =>
            {
                let raw = raw_scalar(t.yaml, t.index, &pointer)
                    .unwrap_or_else(|| err.instance().to_string());
                let what = if pointer.starts_with("/controls/") {
                    "control id"
                } else {
                    "value"
                };
                out.push(
                    finding(
                        t.invalid,
                        format!("{field}: {what} {raw} is a number in YAML, not text"),
                    )
                    .help(format!(
                        "quote it: \"{raw}\" (YAML reads 5.10 as the number 5.1)"
                    )),
                );
            }
            ValidationErrorKind::Format { format } if format == "date" => {
                out.push(
                    finding(
                        t.invalid,
                        format!("{field}: {} is not a valid date", err.instance()),
                    )
                    .help("write dates as YYYY-MM-DD, e.g. 2026-03-01"),
                );
            }
            ValidationErrorKind::Enum { options } => {
                let allowed: Vec<&str> = options
                    .as_array()
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let got = err.instance();
                let mut f = finding(
                    t.invalid,
                    format!(
                        "{field}: {} is not one of {}",
                        shown(got),
                        allowed.join(", ")
                    ),
                );
                if let Some(s) = got
                    .as_str()
                    .and_then(|g| did_you_mean(g, allowed.iter().copied()))
                {
                    f = f.help(format!("did you mean `{s}`?"));
                }
                out.push(f);
            }
            _ => {
                let label = if field.is_empty() {
                    "front matter".to_owned()
                } else {
                    field.clone()
                };
                let message = err.to_string();
                let message = if message.chars().count() > 200 {
                    // The message quotes the value, which may be huge.
                    format!("{} is not valid here", shown(err.instance()))
                } else {
                    message
                };
                out.push(finding(t.invalid, format!("{label}: {message}")));
            }
        }
    }
    out
}

/// `/controls/1` → `controls[1]`, `/id` → `id`.
fn field_name(pointer: &str) -> String {
    let mut out = String::new();
    for seg in pointer.split('/').skip(1) {
        if seg.chars().all(|c| c.is_ascii_digit()) && !out.is_empty() {
            out.push_str(&format!("[{seg}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&seg.replace("~1", "/").replace("~0", "~"));
        }
    }
    out
}

/// The subschema that applies at `pointer` (objects by `properties`/`additionalProperties`,
/// arrays by `items`), enough for our two flat schemas.
fn subschema<'s>(schema: &'s Value, pointer: &str) -> Option<&'s Value> {
    let mut s = schema;
    for seg in pointer.split('/').skip(1) {
        s = if let Some(items) = s.get("items") {
            items
        } else if let Some(p) = s.get("properties").and_then(|p| p.get(seg)) {
            p
        } else {
            s.get("additionalProperties").filter(|a| a.is_object())?
        };
    }
    Some(s)
}

fn known_properties(schema: &Value, pointer: &str) -> Vec<String> {
    subschema(schema, pointer)
        .and_then(|s| s.get("properties"))
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

fn is_string_expected(schema: &Value, pointer: &str) -> bool {
    subschema(schema, pointer).and_then(|s| s.get("type")) == Some(&Value::String("string".into()))
}

/// The scalar as written in the YAML source (`5.10`, not the parsed 5.1).
pub(crate) fn raw_scalar(yaml: &str, index: &PositionIndex, pointer: &str) -> Option<String> {
    let p = index.locate(pointer)?;
    let line = yaml.lines().nth(p.line as usize - 1)?;
    let from: String = line.chars().skip(p.column as usize - 1).collect();
    // For a key position (`version: 1.10`) the value follows the colon.
    let value = match pointer.rsplit('/').next() {
        Some(last) if !last.chars().all(|c| c.is_ascii_digit()) => {
            from.split_once(':').map(|(_, v)| v.to_owned())?
        }
        _ => from,
    };
    let token: String = value
        .trim_start()
        .chars()
        .take_while(|c| !matches!(c, ',' | ']' | '}' | '#') && !c.is_whitespace())
        .collect();
    (!token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(yaml: &str) -> Vec<Finding> {
        let (value, index) = super::super::yaml::load(yaml).unwrap();
        let (v, s) = document();
        validate(
            v,
            s,
            &value,
            &ValidationTarget {
                file: "x.md",
                line0: 2,
                yaml,
                index: &index,
                invalid: Code::InvalidFrontMatter,
                unknown_field: Code::UnknownField,
                object_line: 1,
            },
        )
    }

    const OK: &str = "id: POL-1\ntitle: T\ntype: policy\nowner: CISO\nversion: \"1.0\"\nstatus: approved\nlast_reviewed: 2026-01-10\n";

    #[test]
    fn valid_front_matter_has_no_findings() {
        assert_eq!(run(OK), vec![]);
    }

    #[test]
    fn unknown_field_with_suggestion_at_its_line() {
        let f = run(&format!("{OK}onwer: x\n"));
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].code, f[0].line), (Code::UnknownField, Some(9)));
        assert_eq!(f[0].help.as_deref(), Some("did you mean `owner`?"));
    }

    #[test]
    fn float_control_id_says_quote_it() {
        let f = run(&format!("{OK}controls:\n  - A.5.1\n  - 5.10\n"));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (f[0].code, f[0].line, f[0].column),
            (Code::InvalidFrontMatter, Some(11), Some(5))
        );
        assert!(f[0].message.contains("5.10"), "{}", f[0].message);
        assert!(f[0].help.as_deref().unwrap().contains("\"5.10\""));
    }

    #[test]
    fn bad_dates_enums_and_missing_fields() {
        let f = run("id: POL-1\ntitle: T\ntype: polcy\nversion: 1.10\nstatus: approved\nlast_reviewed: 2025-02-30\n");
        let msgs: Vec<_> = f
            .iter()
            .map(|f| (f.line.unwrap(), f.message.as_str()))
            .collect();
        assert!(
            msgs.contains(&(1, "missing required field `owner`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|(l, m)| *l == 4 && m.contains("polcy")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|(l, m)| *l == 5 && m.contains("1.10")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|(l, m)| *l == 7 && m.contains("not a valid date")),
            "{msgs:?}"
        );
        let enum_f = f.iter().find(|f| f.message.contains("polcy")).unwrap();
        assert_eq!(enum_f.help.as_deref(), Some("did you mean `policy`?"));
    }
}
