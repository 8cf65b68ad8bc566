//! Typed document metadata, read leniently from validated front matter: a field with the wrong
//! type is absent here (the schema check has already reported it).

use super::yaml::PositionIndex;
use crate::dates;
use jiff::civil::Date;
use serde::Serialize;
use serde_json::Value;

/// A value with the file position (1-based) of the key or list item it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocType {
    Policy,
    Standard,
    Procedure,
    Guideline,
    Plan,
    Record,
    Register,
}

impl DocType {
    pub const ALL: [DocType; 7] = [
        DocType::Policy,
        DocType::Standard,
        DocType::Procedure,
        DocType::Guideline,
        DocType::Plan,
        DocType::Record,
        DocType::Register,
    ];

    pub fn parse(s: &str) -> Option<DocType> {
        DocType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DocType::Policy => "policy",
            DocType::Standard => "standard",
            DocType::Procedure => "procedure",
            DocType::Guideline => "guideline",
            DocType::Plan => "plan",
            DocType::Record => "record",
            DocType::Register => "register",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DocType::Policy => "Policy",
            DocType::Standard => "Standard",
            DocType::Procedure => "Procedure",
            DocType::Guideline => "Guideline",
            DocType::Plan => "Plan",
            DocType::Record => "Record",
            DocType::Register => "Register",
        }
    }

    pub fn plural(self) -> &'static str {
        match self {
            DocType::Policy => "Policies",
            DocType::Standard => "Standards",
            DocType::Procedure => "Procedures",
            DocType::Guideline => "Guidelines",
            DocType::Plan => "Plans",
            DocType::Record => "Records",
            DocType::Register => "Registers",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Approved,
    Retired,
}

impl Status {
    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "draft" => Some(Status::Draft),
            "approved" => Some(Status::Approved),
            "retired" => Some(Status::Retired),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Approved => "approved",
            Status::Retired => "retired",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Classification {
    Public,
    #[default]
    Internal,
    Confidential,
    Restricted,
}

impl Classification {
    pub fn parse(s: &str) -> Option<Classification> {
        match s {
            "public" => Some(Classification::Public),
            "internal" => Some(Classification::Internal),
            "confidential" => Some(Classification::Confidential),
            "restricted" => Some(Classification::Restricted),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Classification::Public => "public",
            Classification::Internal => "internal",
            Classification::Confidential => "confidential",
            Classification::Restricted => "restricted",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// The declared id; absent when missing or invalid (the document then goes by its path).
    pub id: Option<Located<String>>,
    pub title: Option<String>,
    pub doc_type: Option<DocType>,
    pub owner: Option<Located<String>>,
    pub version: Option<String>,
    pub status: Option<Status>,
    pub last_reviewed: Option<Located<Date>>,
    pub review_interval: Option<u32>,
    pub next_review: Option<Located<Date>>,
    pub approver: Option<String>,
    pub approved_on: Option<Date>,
    pub classification: Classification,
    pub controls: Vec<Located<String>>,
    pub clauses: Vec<Located<String>>,
    pub related: Vec<Located<String>>,
    pub tags: Vec<String>,
}

impl Meta {
    pub fn owner(&self) -> Option<&str> {
        self.owner.as_ref().map(|l| l.value.as_str())
    }
}

/// Reads typed fields from the front-matter object. `line0` is the file line of the YAML's first
/// line, so positions from `index` become file positions.
pub fn extract(v: &Value, index: &PositionIndex, line0: u32) -> Meta {
    let located = |pointer: &str, value| locate(index, line0, pointer, value);
    let located_str = |pointer: &str, value: String| locate(index, line0, pointer, value);
    let string = |key: &str| v.get(key).and_then(Value::as_str).map(str::to_owned);
    // Text the schema refuses (too long, more than one line) is reported there and not used.
    let limits = super::schema::text_limits();
    let text = |key: &str, max: usize| {
        v.get(key)
            .and_then(Value::as_str)
            .filter(|s| s.chars().nth(max).is_none() && !s.chars().any(char::is_control))
            .map(str::to_owned)
    };
    let date = |key: &str| {
        string(key)
            .and_then(|s| dates::parse(&s).ok())
            .map(|d| located(&format!("/{key}"), d))
    };
    let list = |key: &str| -> Vec<Located<String>> {
        match v.get(key).and_then(Value::as_array) {
            Some(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    item.as_str()
                        .map(|s| located_str(&format!("/{key}/{i}"), s.trim().to_owned()))
                })
                .collect(),
            None => Vec::new(),
        }
    };
    let id_valid = v
        .get("id")
        .and_then(Value::as_str)
        .filter(|s| is_valid_id(s));
    Meta {
        id: id_valid.map(|s| located_str("/id", s.to_owned())),
        title: text("title", limits.title).filter(|s| !s.trim().is_empty()),
        doc_type: string("type").and_then(|s| DocType::parse(&s)),
        owner: text("owner", limits.owner)
            .filter(|s| !s.trim().is_empty())
            .map(|s| located_str("/owner", s)),
        version: text("version", limits.version),
        status: string("status").and_then(|s| Status::parse(&s)),
        last_reviewed: date("last_reviewed"),
        review_interval: v
            .get("review_interval")
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| (1..=120).contains(n)),
        next_review: date("next_review"),
        approver: text("approver", limits.approver),
        approved_on: date("approved_on").map(|d| d.value),
        classification: string("classification")
            .and_then(|s| Classification::parse(&s))
            .unwrap_or_default(),
        controls: list("controls"),
        clauses: list("clauses"),
        related: list("related"),
        tags: list("tags").into_iter().map(|l| l.value).collect(),
    }
}

fn locate<T>(index: &PositionIndex, line0: u32, pointer: &str, value: T) -> Located<T> {
    match index.locate(pointer) {
        Some(p) => Located {
            value,
            line: p.line + line0 - 1,
            column: p.column,
        },
        // Only for values whose key could not be found: point at the front matter's first line.
        None => Located {
            value,
            line: line0,
            column: 1,
        },
    }
}

/// Mirrors the schema's id pattern, so an id that failed validation is not used for links.
pub fn is_valid_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}
