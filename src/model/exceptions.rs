//! Approved deviations from controls: `exceptions.yaml` at the content root. Plain data with the
//! place of every value, read once in the load stage; the checks judge expiry and approval.

use crate::finding::{Code, Finding};
use crate::model::frameworks::{CtlRef, Frameworks};
use crate::model::risks::{resolve, scalar, At, Register};
use crate::source::discover::{Limit, MAX_SETTINGS_BYTES};
use crate::source::yaml;
use crate::source::Source;
use jiff::civil::Date;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

pub const FILE_NAME: &str = "exceptions.yaml";

/// The fields of an exception, as `exceptions.yaml` writes them.
const FIELDS: [&str; 10] = [
    "id",
    "title",
    "controls",
    "scope",
    "reason",
    "compensating",
    "risk",
    "approver",
    "approved_on",
    "expires",
];

/// One control an exception names (deviated from, or compensating), as written and resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExceptionControl {
    pub raw: String,
    /// None when the id names no control (an `unknown-control` finding says so).
    pub control: Option<CtlRef>,
    pub at: At,
}

/// Where an exception stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExceptionState {
    /// Past its last valid day.
    Expired,
    /// Valid, with `[review] warn_days` or fewer days left.
    Expiring,
    Active,
}

impl ExceptionState {
    pub fn as_str(self) -> &'static str {
        match self {
            ExceptionState::Expired => "expired",
            ExceptionState::Expiring => "expiring",
            ExceptionState::Active => "active",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    pub id: String,
    pub title: String,
    /// The controls deviated from.
    pub controls: Vec<ExceptionControl>,
    pub scope: Option<String>,
    pub reason: Option<String>,
    pub compensating: Vec<ExceptionControl>,
    /// The risk (of the register) the deviation is assessed as.
    pub risk: Option<String>,
    pub approver: Option<String>,
    pub approved_on: Option<Date>,
    /// The last day the exception is valid: it has expired the day after.
    pub expires: Option<Date>,
    /// Where the exception starts (its YAML item).
    pub at: At,
    /// Where each field written is, by its name.
    fields: HashMap<&'static str, At>,
}

impl Exception {
    /// Whether the file writes a value for the field (valid or not).
    pub fn written(&self, field: &str) -> bool {
        self.fields.contains_key(field)
    }

    /// Where a field is written, else where the exception starts.
    pub fn at(&self, field: &str) -> At {
        self.fields.get(field).copied().unwrap_or(self.at)
    }

    /// Whether both who approved it and when are written.
    pub fn approved(&self) -> bool {
        self.approver.is_some() && self.approved_on.is_some()
    }

    /// Days from `today` to the last valid day (0: expires today, still valid).
    pub fn days_left(&self, today: Date) -> Option<i64> {
        self.expires.map(|e| crate::dates::days_between(today, e))
    }

    /// Expired, expiring within `warn_days`, or active on `today`; None without a valid
    /// `expires` (an `invalid-exception` says so).
    pub fn state(&self, today: Date, warn_days: u32) -> Option<ExceptionState> {
        Some(match self.days_left(today)? {
            d if d < 0 => ExceptionState::Expired,
            d if d <= i64::from(warn_days) => ExceptionState::Expiring,
            _ => ExceptionState::Active,
        })
    }

    /// In force on `today`: approved, and not expired. Control pages show these.
    pub fn in_force(&self, today: Date) -> bool {
        self.approved() && self.days_left(today).is_some_and(|d| d >= 0)
    }
}

/// The exceptions and the problems in their file.
#[derive(Debug, Default, Clone)]
pub struct Exceptions {
    /// Whether `exceptions.yaml` exists (the site links its page only then).
    pub present: bool,
    pub list: Vec<Exception>,
    pub findings: Vec<Finding>,
}

impl Exceptions {
    /// Reads `exceptions.yaml` (absent: none). A file that cannot be read stops the run, as
    /// `soa.yaml` does. `risks` is the register an exception's `risk` must name.
    pub fn load(
        source: &dyn Source,
        frameworks: &Frameworks,
        risks: &Register,
    ) -> Result<Exceptions, crate::error::Error> {
        let limit = Limit {
            bytes: MAX_SETTINGS_BYTES,
            what: "the exceptions file is",
            advice: "it holds one short entry per exception; is this the right file?",
        };
        match source.read_limited(FILE_NAME, limit) {
            Ok(bytes) => Ok(Exceptions::parse(
                &String::from_utf8_lossy(&bytes),
                frameworks,
                risks,
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Exceptions::default()),
            Err(e) => Err(crate::error::Error::io(std::path::Path::new(FILE_NAME), e)),
        }
    }

    pub fn parse(text: &str, frameworks: &Frameworks, risks: &Register) -> Exceptions {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut out = Exceptions {
            present: true,
            ..Exceptions::default()
        };
        let bad = |at: At, msg: String| {
            Finding::at(Code::InvalidException, FILE_NAME, at.line, at.column, msg)
        };
        let (value, index) = match yaml::load(text) {
            Ok(loaded) => loaded,
            Err(e) => {
                let p = e.pos();
                out.findings.push(bad(
                    At {
                        line: p.line,
                        column: p.column,
                    },
                    e.message(),
                ));
                return out;
            }
        };
        let items = match &value {
            Value::Array(items) => items.as_slice(),
            Value::Null => &[],
            _ => {
                out.findings.push(
                    bad(
                        At { line: 1, column: 1 },
                        "exceptions.yaml must be a list of exceptions".into(),
                    )
                    .help("start each exception with `- id: EX-001`"),
                );
                return out;
            }
        };
        let pos = |pointer: &str, or: At| {
            index.locate(pointer).map_or(or, |p| At {
                line: p.line,
                column: p.column,
            })
        };
        let risk_ids: HashSet<&str> = risks.risks.iter().map(|r| r.id.as_str()).collect();
        let mut seen: HashMap<String, u32> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            let at = pos(&format!("/{i}"), At { line: 1, column: 1 });
            let Some(map) = item.as_object() else {
                out.findings.push(
                    bad(
                        at,
                        format!("item {} is not an exception (a mapping of fields)", i + 1),
                    )
                    .help("write each exception as `- id: EX-001` followed by its fields"),
                );
                continue;
            };
            let mut problems = Vec::new();
            let mut ex = Exception {
                id: String::new(),
                title: String::new(),
                controls: Vec::new(),
                scope: None,
                reason: None,
                compensating: Vec::new(),
                risk: None,
                approver: None,
                approved_on: None,
                expires: None,
                at,
                fields: HashMap::new(),
            };
            for (key, v) in map {
                let pointer = format!("/{i}/{}", key.replace('~', "~0").replace('/', "~1"));
                let fat = pos(&pointer, at);
                // The item's findings point at its first key, where `- ` starts the entry.
                if (fat.line, fat.column) < (ex.at.line, ex.at.column) || ex.at == at {
                    ex.at = fat;
                }
                let Some(&name) = FIELDS.iter().find(|f| **f == key.as_str()) else {
                    let mut f = bad(fat, format!("`{key}` is not a field of an exception"));
                    if let Some(s) = crate::suggest::did_you_mean(key, FIELDS.iter().copied()) {
                        f = f.help(format!("did you mean `{s}`?"));
                    }
                    problems.push(f);
                    continue;
                };
                if v.is_null() {
                    continue;
                }
                if name == "controls" || name == "compensating" {
                    ex.fields.insert(name, fat);
                    // A list, or one id (or several separated by commas) written as text.
                    let ids: Vec<(String, At)> = match v {
                        Value::Array(list) => list
                            .iter()
                            .enumerate()
                            .filter_map(|(j, x)| {
                                scalar(x).map(|s| (s, pos(&format!("{pointer}/{j}"), fat)))
                            })
                            .collect(),
                        v => scalar(v)
                            .map(|s| s.split([',', ';']).map(|p| (p.to_owned(), fat)).collect())
                            .unwrap_or_default(),
                    };
                    let list =
                        ids.into_iter()
                            .filter(|(s, _)| !s.trim().is_empty())
                            .map(|(s, at)| ExceptionControl {
                                raw: s.trim().to_owned(),
                                control: None,
                                at,
                            });
                    if name == "controls" {
                        ex.controls.extend(list);
                    } else {
                        ex.compensating.extend(list);
                    }
                    continue;
                }
                let Some(text) = scalar(v).map(|t| t.trim().to_owned()) else {
                    problems.push(bad(fat, format!("`{name}` must be a single value")));
                    continue;
                };
                // An empty value is no value (`expires: ""` is a missing expiry).
                if text.is_empty() {
                    continue;
                }
                ex.fields.insert(name, fat);
                let mut date = |what: &str| match crate::dates::parse(&text) {
                    Ok(d) => Some(d),
                    Err(e) => {
                        problems.push(
                            bad(fat, format!("{what}: {e}"))
                                .help("write the date as YYYY-MM-DD, e.g. 2027-01-31"),
                        );
                        None
                    }
                };
                match name {
                    "id" => ex.id = text.clone(),
                    "title" => ex.title = text.clone(),
                    "scope" => ex.scope = Some(text.clone()),
                    "reason" => ex.reason = Some(text.clone()),
                    "risk" => ex.risk = Some(text.clone()),
                    "approver" => ex.approver = Some(text.clone()),
                    "approved_on" => ex.approved_on = date("approved_on"),
                    "expires" => ex.expires = date("expires"),
                    _ => {}
                }
            }
            // Name the exception in the messages about its values.
            let name = if ex.id.is_empty() {
                "exception".to_owned()
            } else {
                format!("exception {}", ex.id)
            };
            for f in &mut problems {
                f.message = format!("{name}: {}", f.message);
            }
            if ex.id.is_empty() {
                let title = if ex.title.is_empty() {
                    String::new()
                } else {
                    format!(" (`{}`)", ex.title)
                };
                problems.push(
                    bad(ex.at, format!("an exception{title} has no id"))
                        .help("give every exception a unique id, e.g. EX-001"),
                );
                out.findings.append(&mut problems);
                continue;
            }
            if let Some(first) = seen.get(&ex.id) {
                problems.push(
                    bad(
                        ex.at("id"),
                        format!(
                            "exception id {} is used twice (line {first} and line {}); the first one counts",
                            ex.id, ex.at.line
                        ),
                    )
                    .help("give each exception its own id"),
                );
                out.findings.append(&mut problems);
                continue;
            }
            seen.insert(ex.id.clone(), ex.at.line);
            let missing: Vec<&str> = [
                ("title", ex.title.is_empty()),
                ("controls", ex.controls.is_empty()),
                ("expires", !ex.written("expires")),
            ]
            .into_iter()
            .filter_map(|(k, m)| m.then_some(k))
            .collect();
            if !missing.is_empty() {
                problems.push(
                    bad(
                        ex.at,
                        format!(
                            "exception {} has no {}",
                            ex.id,
                            join_and(&missing)
                        ),
                    )
                    .help("an exception names what it deviates from (title, controls) and the last day it is valid (expires: YYYY-MM-DD)"),
                );
            }
            if let (Some(a), Some(e)) = (ex.approved_on, ex.expires) {
                if e < a {
                    problems.push(
                        bad(
                            ex.at("expires"),
                            format!(
                                "exception {}: it expires on {e}, before it was approved on {a}",
                                ex.id
                            ),
                        )
                        .help("correct the dates: expires is the last day the exception is valid"),
                    );
                }
            }
            if let Some(r) = &ex.risk {
                if !risk_ids.contains(r.as_str()) {
                    let mut f = bad(
                        ex.at("risk"),
                        format!("exception {}: risk {r} is not in the risk register", ex.id),
                    );
                    f = f.help(
                        match crate::suggest::did_you_mean(r, risk_ids.iter().copied()) {
                            Some(s) => format!("did you mean {s}?"),
                            None => "add the risk the deviation carries to risks.yaml (or risks.csv), or correct the id".to_owned(),
                        },
                    );
                    problems.push(f);
                }
            }
            for c in ex.controls.iter_mut().chain(ex.compensating.iter_mut()) {
                match resolve(&c.raw, frameworks) {
                    Ok(r) => c.control = r,
                    Err((msg, help)) => {
                        let mut f = Finding::at(
                            Code::UnknownControl,
                            FILE_NAME,
                            c.at.line,
                            c.at.column,
                            format!("exception {}: {msg}", ex.id),
                        )
                        .control(&c.raw);
                        if let Some(h) = help {
                            f = f.help(h);
                        }
                        problems.push(f);
                    }
                }
            }
            out.findings.append(&mut problems);
            out.list.push(ex);
        }
        out
    }
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[&str]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_owned(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expires_is_the_last_valid_day() {
        let ex = Exceptions::parse(
            "- id: EX-1\n  title: T\n  controls: A.8.7\n  approver: CISO\n  approved_on: 2026-06-01\n  expires: 2026-12-31\n",
            &Frameworks::default(),
            &Register::default(),
        );
        assert!(ex.findings.is_empty(), "{:?}", ex.findings);
        let [e] = ex.list.as_slice() else {
            panic!("one exception: {:?}", ex.list);
        };
        let day = |s: &str| crate::dates::parse(s).unwrap_or(Date::MAX);
        assert_eq!(
            e.state(day("2026-12-31"), 30),
            Some(ExceptionState::Expiring)
        );
        assert!(e.in_force(day("2026-12-31")));
        assert_eq!(
            e.state(day("2027-01-01"), 30),
            Some(ExceptionState::Expired)
        );
        assert!(!e.in_force(day("2027-01-01")));
        assert_eq!(
            e.state(day("2026-12-01"), 30),
            Some(ExceptionState::Expiring)
        );
        assert_eq!(e.state(day("2026-11-30"), 30), Some(ExceptionState::Active));
        assert_eq!(join_and(&["a", "b", "c"]), "a, b and c");
    }
}
