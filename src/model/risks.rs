//! The risk register: `risks.yaml`, or `risks.csv` as ISMS managers keep it in a spreadsheet.
//! Plain data with the place of every value, read once in the load stage; the checks judge it.

use crate::catalog::Catalog;
use crate::config::Config;
use crate::finding::{Code, Finding};
use crate::model::frameworks::{qualified, CtlRef, Frameworks, FwKey};
use crate::source::discover::{Limit, MAX_SETTINGS_BYTES};
use crate::source::yaml;
use crate::source::Source;
use jiff::civil::Date;
use serde_json::Value;
use std::collections::HashMap;

pub const YAML_FILE: &str = "risks.yaml";
pub const CSV_FILE: &str = "risks.csv";
/// Both names a register may have, at the content root.
pub const FILE_NAMES: [&str; 2] = [YAML_FILE, CSV_FILE];

/// The fields of a risk, as `risks.yaml` writes them.
const FIELDS: [&str; 13] = [
    "id",
    "title",
    "owner",
    "likelihood",
    "impact",
    "treatment",
    "controls",
    "residual_likelihood",
    "residual_impact",
    "accepted_by",
    "accepted_on",
    "last_reviewed",
    "review_interval",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Treatment {
    Mitigate,
    Accept,
    Transfer,
    Avoid,
}

impl Treatment {
    const ALL: [(&'static str, Treatment); 4] = [
        ("mitigate", Treatment::Mitigate),
        ("accept", Treatment::Accept),
        ("transfer", Treatment::Transfer),
        ("avoid", Treatment::Avoid),
    ];

    pub fn as_str(self) -> &'static str {
        Treatment::ALL
            .iter()
            .find(|(_, t)| *t == self)
            .map_or("", |(s, _)| s)
    }
}

/// A 1-based place in the register: line and column (YAML), or row and column (CSV).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At {
    pub line: u32,
    pub column: u32,
}

/// One control a risk's treatment names, as written and as resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskControl {
    pub raw: String,
    /// None when the id names no control (an `unknown-control` finding says so).
    pub control: Option<CtlRef>,
    pub at: At,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Risk {
    pub id: String,
    pub title: String,
    pub owner: Option<String>,
    pub likelihood: Option<u32>,
    pub impact: Option<u32>,
    pub treatment: Option<Treatment>,
    /// Whether a treatment was written (an unknown one is `invalid-risk`, not untreated).
    pub treatment_written: bool,
    pub controls: Vec<RiskControl>,
    pub residual_likelihood: Option<u32>,
    pub residual_impact: Option<u32>,
    pub accepted_by: Option<String>,
    pub accepted_on: Option<Date>,
    pub last_reviewed: Option<Date>,
    /// Months; `[review] interval_months` when not written.
    pub review_interval: u32,
    /// The register file and where the risk starts (its YAML item, its CSV row).
    pub file: &'static str,
    pub at: At,
    /// The last line of its entry (before the next item or row): findings on lines
    /// `at.line..=last_line` are about this risk.
    pub last_line: u32,
    /// Where each field written is, by its `risks.yaml` name.
    fields: HashMap<&'static str, At>,
}

impl Risk {
    /// Likelihood × impact before treatment.
    pub fn inherent(&self) -> Option<u32> {
        Some(self.likelihood? * self.impact?)
    }

    /// Likelihood × impact after treatment; the inherent score when no residual is written
    /// (an untreated risk stays as it is).
    pub fn residual(&self) -> Option<u32> {
        match (self.residual_likelihood, self.residual_impact) {
            (Some(l), Some(i)) => Some(l * i),
            _ => self.inherent(),
        }
    }

    /// The day the risk is next due for review.
    pub fn next_review(&self) -> Option<Date> {
        self.last_reviewed
            .map(|d| crate::dates::add_months(d, self.review_interval))
    }

    /// No `last_reviewed` at all (a date that is not one is `invalid-risk`, not this).
    pub fn never_reviewed(&self) -> bool {
        self.last_reviewed.is_none() && !self.written("last_reviewed")
    }

    /// Overdue for review on `today`, as `overdue-risk-review` judges it: its next review is
    /// past, or it was never reviewed.
    pub fn review_overdue(&self, today: Date) -> bool {
        match self.next_review() {
            Some(next) => next < today,
            None => self.never_reviewed(),
        }
    }

    /// Whether the register writes a value for the field (valid or not).
    pub fn written(&self, field: &str) -> bool {
        self.fields.contains_key(field)
    }

    /// Where a field is written, else where the risk starts.
    pub fn at(&self, field: &str) -> At {
        self.fields.get(field).copied().unwrap_or(self.at)
    }
}

/// The register and the problems in its file.
#[derive(Debug, Default, Clone)]
pub struct Register {
    /// Whether `risks.yaml` or `risks.csv` exists (the site has risk pages only then).
    pub present: bool,
    pub risks: Vec<Risk>,
    pub findings: Vec<Finding>,
}

/// A value as written: text, or a list (YAML sequences; CSV cells are split later).
enum Raw {
    Text(String),
    List(Vec<(String, At)>),
    /// A YAML mapping or other shape no field takes.
    Other,
}

struct Record {
    at: At,
    /// The last line of the entry.
    last_line: u32,
    fields: Vec<(&'static str, Raw, At)>,
}

impl Register {
    /// Reads `risks.yaml` or `risks.csv` (neither: an empty register). A file that cannot be
    /// read stops the run, as `soa.yaml` does.
    pub fn load(
        source: &dyn Source,
        config: &Config,
        frameworks: &Frameworks,
    ) -> Result<Register, crate::error::Error> {
        let read = |name: &str| -> Result<Option<Vec<u8>>, crate::error::Error> {
            let limit = Limit {
                bytes: MAX_SETTINGS_BYTES,
                what: "the risk register is",
                advice: "it holds one short entry per risk; is this the right file?",
            };
            match source.read_limited(name, limit) {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(crate::error::Error::io(std::path::Path::new(name), e)),
            }
        };
        let yaml = read(YAML_FILE)?;
        let csv = read(CSV_FILE)?;
        let mut reg = match (&yaml, &csv) {
            (Some(y), _) => Register::parse_yaml(&String::from_utf8_lossy(y), config, frameworks),
            (None, Some(c)) => Register::parse_csv(c, config, frameworks),
            (None, None) => Register::default(),
        };
        reg.present = yaml.is_some() || csv.is_some();
        if yaml.is_some() && csv.is_some() {
            reg.findings.push(
                Finding::at(
                    Code::InvalidRisk,
                    CSV_FILE,
                    1,
                    1,
                    "both risks.yaml and risks.csv are present; risks.yaml is read and risks.csv is ignored",
                )
                .help("keep one register: delete risks.csv, or delete risks.yaml to use the spreadsheet"),
            );
        }
        Ok(reg)
    }

    pub fn parse_yaml(text: &str, config: &Config, frameworks: &Frameworks) -> Register {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reg = Register::default();
        let bad = |line: u32, column: u32, msg: String| {
            Finding::at(Code::InvalidRisk, YAML_FILE, line, column, msg)
        };
        let (value, index) = match yaml::load(text) {
            Ok(loaded) => loaded,
            Err(e) => {
                reg.findings
                    .push(bad(e.pos().line, e.pos().column, e.message()));
                return reg;
            }
        };
        let items = match &value {
            Value::Array(items) => items.as_slice(),
            Value::Null => &[],
            _ => {
                reg.findings.push(
                    bad(1, 1, "risks.yaml must be a list of risks".into())
                        .help("start each risk with `- id: R-001`"),
                );
                return reg;
            }
        };
        let pos = |pointer: &str, or: At| {
            index.locate(pointer).map_or(or, |p| At {
                line: p.line,
                column: p.column,
            })
        };
        let mut records = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = pos(&format!("/{i}"), At { line: 1, column: 1 });
            let Some(map) = item.as_object() else {
                reg.findings.push(
                    bad(
                        at.line,
                        at.column,
                        format!("item {} is not a risk (a mapping of fields)", i + 1),
                    )
                    .help("write each risk as `- id: R-001` followed by its fields"),
                );
                continue;
            };
            let mut fields = Vec::new();
            for (key, v) in map {
                let pointer = format!("/{i}/{}", key.replace('~', "~0").replace('/', "~1"));
                let fat = pos(&pointer, at);
                let Some(&name) = FIELDS.iter().find(|f| **f == key.as_str()) else {
                    let mut f = bad(
                        fat.line,
                        fat.column,
                        format!("`{key}` is not a field of a risk"),
                    );
                    if let Some(s) = crate::suggest::did_you_mean(key, FIELDS.iter().copied()) {
                        f = f.help(format!("did you mean `{s}`?"));
                    }
                    reg.findings.push(f);
                    continue;
                };
                let raw = match v {
                    Value::Array(list) => Raw::List(
                        list.iter()
                            .enumerate()
                            .filter_map(|(j, x)| {
                                scalar(x).map(|s| (s, pos(&format!("{pointer}/{j}"), fat)))
                            })
                            .collect(),
                    ),
                    Value::Null => continue,
                    v => scalar(v).map_or(Raw::Other, Raw::Text),
                };
                fields.push((name, raw, fat));
            }
            // Up to the next item, valid or not.
            let last_line = if i + 1 < items.len() {
                pos(
                    &format!("/{}", i + 1),
                    At {
                        line: u32::MAX,
                        column: 1,
                    },
                )
                .line
                .saturating_sub(1)
            } else {
                u32::MAX
            };
            records.push(Record {
                at,
                last_line: last_line.max(at.line),
                fields,
            });
        }
        reg.build(records, YAML_FILE, config, frameworks);
        reg
    }

    /// A spreadsheet export: headers in any order and case (`Residual Likelihood`,
    /// `residual-likelihood`), any delimiter, BOM, CRLF; columns it does not know are left
    /// alone (registers carry notes and computed scores).
    pub fn parse_csv(bytes: &[u8], config: &Config, frameworks: &Frameworks) -> Register {
        let mut reg = Register::default();
        let sheet = match crate::adopt::soa::read::delimited::read(CSV_FILE, bytes) {
            Ok(s) => s,
            Err(e) => {
                reg.findings
                    .push(Finding::at(Code::InvalidRisk, CSV_FILE, 1, 1, e));
                return reg;
            }
        };
        let mut rows = sheet.rows.iter();
        let Some(header) = rows.next() else {
            return reg;
        };
        let columns: Vec<Option<&'static str>> =
            header.cells.iter().map(|c| header_field(&c.text)).collect();
        for required in ["id", "title"] {
            if !columns.contains(&Some(required)) {
                reg.findings.push(
                    Finding::at(
                        Code::InvalidRisk,
                        CSV_FILE,
                        header.number,
                        1,
                        format!("risks.csv has no `{required}` column"),
                    )
                    .help(format!(
                        "the first row names the columns; add one headed `{required}` (columns: {})",
                        FIELDS.join(", ")
                    )),
                );
                return reg;
            }
        }
        // Two columns read as one field (a sheet with "Likelihood" under both an Inherent and a
        // Residual heading): whichever won, scores would be silently wrong.
        for (i, field) in columns.iter().enumerate() {
            let Some(field) = field else { continue };
            let Some(j) = columns
                .iter()
                .skip(i + 1)
                .position(|c| c == &Some(*field))
                .map(|k| k + i + 1)
            else {
                continue;
            };
            let head = |k: usize| header.cells.get(k).map_or("", |c| c.text.trim());
            reg.findings.push(
                Finding::at(
                    Code::InvalidRisk,
                    CSV_FILE,
                    header.number,
                    1,
                    format!(
                        "risks.csv has two `{field}` columns: {} `{}` and {} `{}`",
                        column_letter(i),
                        head(i),
                        column_letter(j),
                        head(j)
                    ),
                )
                .help("rename one: residual scores go in `residual_likelihood` and `residual_impact`; the register is not read until then"),
            );
            return reg;
        }
        let text = String::from_utf8_lossy(bytes);
        let lines: Vec<&str> = text.lines().collect();
        let line_of = |number: u32| {
            let i = usize::try_from(number).ok()?.checked_sub(1)?;
            lines.get(i).map(|l| l.trim_start_matches('\u{feff}'))
        };
        let delimiter = line_of(header.number).map_or(',', guess_delimiter);
        let mut records = Vec::new();
        let mut rows = rows.peekable();
        while let Some(row) = rows.next() {
            // A quoted cell may hold line breaks: the row runs up to the next one.
            let last_line = rows
                .peek()
                .map_or(u32::MAX, |next| next.number.saturating_sub(1))
                .max(row.number);
            let at = At {
                line: row.number,
                column: 1,
            };
            let line = line_of(row.number).unwrap_or("");
            let mut fields = Vec::new();
            for (col, cell) in row.cells.iter().enumerate() {
                let Some(Some(name)) = columns.get(col) else {
                    continue;
                };
                // Findings point at the cell's first character, as at any other file's.
                let cat = At {
                    line: row.number,
                    column: cell_column(line, delimiter, col),
                };
                if cell.text.trim().is_empty() {
                    continue;
                }
                let raw = if *name == "controls" {
                    Raw::List(
                        cell.text
                            .split([',', ';', '\n'])
                            .map(|s| (s.to_owned(), cat))
                            .collect(),
                    )
                } else {
                    Raw::Text(cell.text.clone())
                };
                fields.push((*name, raw, cat));
            }
            records.push(Record {
                at,
                last_line,
                fields,
            });
        }
        reg.build(records, CSV_FILE, config, frameworks);
        reg
    }

    fn build(
        &mut self,
        records: Vec<Record>,
        file: &'static str,
        config: &Config,
        frameworks: &Frameworks,
    ) {
        let scale = config.risk.scale;
        let csv = file == CSV_FILE;
        let mut seen: HashMap<String, u32> = HashMap::new();
        for rec in records {
            let mut problems: Vec<Finding> = Vec::new();
            let mut bad = |at: At, msg: String, help: Option<String>| {
                let mut f = Finding::at(Code::InvalidRisk, file, at.line, at.column, msg);
                if let Some(h) = help {
                    f = f.help(h);
                }
                problems.push(f);
            };
            let mut risk = Risk {
                id: String::new(),
                title: String::new(),
                owner: None,
                likelihood: None,
                impact: None,
                treatment: None,
                treatment_written: false,
                controls: Vec::new(),
                residual_likelihood: None,
                residual_impact: None,
                accepted_by: None,
                accepted_on: None,
                last_reviewed: None,
                review_interval: config.review.interval_months,
                file,
                at: rec.at,
                last_line: rec.last_line,
                fields: HashMap::new(),
            };
            // Messages name the risk even about fields read before its id.
            let name_for_messages = rec
                .fields
                .iter()
                .find_map(|(name, raw, _)| match raw {
                    Raw::Text(t) if *name == "id" => Some(risk_name(t.trim())),
                    _ => None,
                })
                .unwrap_or_else(|| risk_name(""));
            for (name, raw, at) in rec.fields {
                let text = match raw {
                    Raw::Text(t) => t.trim().to_owned(),
                    Raw::List(list) if name == "controls" => {
                        risk.fields.insert(name, at);
                        for (c, cat) in list {
                            let c = c.trim();
                            if !c.is_empty() {
                                risk.controls.push(RiskControl {
                                    raw: c.to_owned(),
                                    control: None,
                                    at: cat,
                                });
                            }
                        }
                        continue;
                    }
                    _ => {
                        risk.fields.insert(name, at);
                        bad(at, format!("`{name}` must be a single value"), None);
                        continue;
                    }
                };
                // An empty value (`accepted_by:`, an empty cell) is no value.
                if text.is_empty() {
                    continue;
                }
                risk.fields.insert(name, at);
                let score = |what: &str| -> Result<u32, (String, Option<String>)> {
                    match text.parse::<u32>() {
                        Ok(n) if (1..=scale).contains(&n) => Ok(n),
                        _ => Err((
                            format!("{what} `{text}` is not a whole number from 1 to {scale}"),
                            Some(format!(
                                "the scale is set by [risk] scale = {scale} in ismsbook.toml"
                            )),
                        )),
                    }
                };
                let date = |what: &str| -> Result<Date, (String, Option<String>)> {
                    crate::dates::parse(&text).map_err(|e| {
                        let help = if csv {
                            "format the column as yyyy-mm-dd before exporting (Excel: Format Cells › Custom › yyyy-mm-dd): `01/05/2026` is 1 May in the UK and 5 January in the US".to_owned()
                        } else {
                            "write the date as YYYY-MM-DD, e.g. 2026-05-01".to_owned()
                        };
                        (format!("{what}: {e}"), Some(help))
                    })
                };
                let result: Result<(), (String, Option<String>)> = (|| {
                    match name {
                        "id" => risk.id = text.clone(),
                        "title" => risk.title = text.clone(),
                        "owner" => risk.owner = Some(text.clone()),
                        "accepted_by" => risk.accepted_by = Some(text.clone()),
                        "likelihood" => risk.likelihood = Some(score("likelihood")?),
                        "impact" => risk.impact = Some(score("impact")?),
                        "residual_likelihood" => {
                            risk.residual_likelihood = Some(score("residual_likelihood")?)
                        }
                        "residual_impact" => risk.residual_impact = Some(score("residual_impact")?),
                        "accepted_on" => risk.accepted_on = Some(date("accepted_on")?),
                        "last_reviewed" => risk.last_reviewed = Some(date("last_reviewed")?),
                        "review_interval" => match text.parse::<u32>() {
                            Ok(n) if (1..=120).contains(&n) => risk.review_interval = n,
                            _ => {
                                return Err((
                                    format!("review_interval `{text}` is not a number of months from 1 to 120"),
                                    Some("e.g. review_interval: 12".into()),
                                ))
                            }
                        },
                        "treatment" => {
                            risk.treatment_written = true;
                            let lower = text.to_lowercase();
                            match Treatment::ALL.iter().find(|(s, _)| *s == lower) {
                                Some((_, t)) => risk.treatment = Some(*t),
                                None => {
                                    let names = Treatment::ALL.map(|(s, _)| s);
                                    let hint = crate::suggest::did_you_mean(&lower, names.iter().copied())
                                        .map(|s| format!("did you mean `{s}`? "))
                                        .unwrap_or_default();
                                    return Err((
                                        format!("treatment `{text}` is not one of mitigate, accept, transfer, avoid"),
                                        Some(format!("{hint}ISO/IEC 27005 names modify (mitigate), retain (accept), share (transfer) and avoid")),
                                    ));
                                }
                            }
                        }
                        "controls" => risk.controls.extend(text.split([',', ';', '\n']).filter(|s| !s.trim().is_empty()).map(|s| RiskControl {
                            raw: s.trim().to_owned(),
                            control: None,
                            at,
                        })),
                        _ => {}
                    }
                    Ok(())
                })();
                if let Err((msg, help)) = result {
                    bad(at, format!("{name_for_messages}: {msg}"), help);
                }
            }
            if risk.id.is_empty() {
                bad(
                    rec.at,
                    format!(
                        "a risk{} has no id",
                        if risk.title.is_empty() {
                            String::new()
                        } else {
                            format!(" (`{}`)", risk.title)
                        }
                    ),
                    Some("give every risk a unique id, e.g. R-001".into()),
                );
                self.findings.append(&mut problems);
                continue;
            }
            if risk.title.is_empty() {
                bad(
                    rec.at,
                    format!("risk {} has no title", risk.id),
                    Some("say in a line what could happen, e.g. \"Ransomware encrypts production databases\"".into()),
                );
            }
            if let Some(first) = seen.get(&risk.id) {
                bad(
                    risk.at("id"),
                    format!(
                        "risk id {} is used twice (line {first} and line {}); the first one counts",
                        risk.id, rec.at.line
                    ),
                    Some("give each risk its own id".into()),
                );
                self.findings.append(&mut problems);
                continue;
            }
            seen.insert(risk.id.clone(), rec.at.line);
            // Without both scores a risk is analysed nowhere (ISO/IEC 27001 6.1.2 d): on no heat
            // map, above no appetite.
            let missing: Vec<&str> = ["likelihood", "impact"]
                .into_iter()
                .filter(|f| !risk.written(f))
                .collect();
            if !missing.is_empty() {
                bad(
                    rec.at,
                    format!(
                        "risk {} has no {}, so it has no score",
                        risk.id,
                        missing.join(" and ")
                    ),
                    Some(format!(
                        "rate it: likelihood and impact from 1 to {}",
                        config.risk.scale
                    )),
                );
            }
            // One residual value alone would leave the residual score the inherent one, silently.
            match (
                risk.written("residual_likelihood"),
                risk.written("residual_impact"),
            ) {
                (true, false) | (false, true) => {
                    let (has, lacks) = if risk.written("residual_likelihood") {
                        ("residual_likelihood", "residual_impact")
                    } else {
                        ("residual_impact", "residual_likelihood")
                    };
                    bad(
                        risk.at(has),
                        format!("risk {} has {has} but no {lacks}", risk.id),
                        Some("write both (the residual score is their product), or neither when treatment changes nothing".into()),
                    );
                }
                _ => {}
            }
            for c in &mut risk.controls {
                match resolve(&c.raw, frameworks) {
                    Ok(r) => c.control = r,
                    Err((msg, help)) => {
                        let mut f = Finding::at(
                            Code::UnknownControl,
                            file,
                            c.at.line,
                            c.at.column,
                            format!("risk {}: {msg}", risk.id),
                        )
                        .control(&c.raw);
                        if let Some(h) = help {
                            f = f.help(h);
                        }
                        problems.push(f);
                    }
                }
            }
            self.findings.append(&mut problems);
            self.risks.push(risk);
        }
    }
}

/// A spreadsheet's name for a column: A, B, … Z, AA, AB, …
fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

fn risk_name(id: &str) -> String {
    if id.is_empty() {
        "risk".into()
    } else {
        format!("risk {id}")
    }
}

/// A YAML scalar as text (numbers and booleans as written).
pub(crate) fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The separator of a spreadsheet's header line: the candidate it holds most of.
fn guess_delimiter(header: &str) -> char {
    [',', ';', '\t', '|']
        .into_iter()
        .max_by_key(|d| (header.matches(*d).count(), std::cmp::Reverse(*d as u32)))
        .unwrap_or(',')
}

/// The 1-based character column where cell `index` of a CSV line starts (quotes respected);
/// 1 when the line does not hold it (a cell after a line break inside quotes).
fn cell_column(line: &str, delimiter: char, index: usize) -> u32 {
    if index == 0 {
        return 1;
    }
    let mut quoted = false;
    let mut seen = 0;
    for (n, c) in line.chars().enumerate() {
        if c == '"' {
            quoted = !quoted;
        } else if c == delimiter && !quoted {
            seen += 1;
            if seen == index {
                return u32::try_from(n + 2).unwrap_or(1);
            }
        }
    }
    1
}

/// The field a spreadsheet header names: case, spaces, `-` and `_` ignored, with the names
/// registers commonly use.
fn header_field(header: &str) -> Option<&'static str> {
    let key: String = header
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    let key = match key.as_str() {
        "risk_id" => "id",
        "risk" | "risk_title" | "name" => "title",
        "risk_owner" => "owner",
        other => other,
    };
    FIELDS.iter().copied().find(|f| *f == key)
}

/// Resolves a control id: Annex A bare, a declared framework's as `prefix:ID`. `Ok(None)`
/// when its framework's catalog is itself invalid (that finding says what to fix first).
pub(crate) fn resolve(
    raw: &str,
    frameworks: &Frameworks,
) -> Result<Option<CtlRef>, (String, Option<String>)> {
    let catalog = Catalog::iso27001_2022();
    if let Some((prefix, id)) = qualified(raw) {
        if frameworks.is_invalid(prefix) {
            return Ok(None);
        }
        let Some(fw) = frameworks.get(prefix) else {
            let declared = frameworks.ids();
            let help = if prefix.eq_ignore_ascii_case(crate::config::ANNEX_A_ID) {
                format!("Annex A controls are written without a prefix: `{id}`")
            } else if let Some(s) = crate::suggest::did_you_mean(prefix, declared.iter().copied()) {
                format!("did you mean `{s}:{id}`?")
            } else {
                format!("declare the framework under [[frameworks]] in ismsbook.toml (id = \"{prefix}\"), or correct the prefix")
            };
            return Err((
                format!(
                    "`{raw}`: no framework `{prefix}` is declared in ismsbook.toml; declared: {}",
                    if declared.is_empty() {
                        "none".to_owned()
                    } else {
                        declared.join(", ")
                    }
                ),
                Some(help),
            ));
        };
        return match frameworks.resolve(raw) {
            Some(c) => Ok(Some(c)),
            None => Err((
                format!(
                    "`{raw}` is not a current control of {} (`{}`)",
                    fw.name, fw.id
                ),
                crate::suggest::did_you_mean(id, fw.catalog.controls.iter().map(|c| c.id.as_str()))
                    .map(|s| format!("did you mean `{}:{s}`?", fw.id)),
            )),
        };
    }
    match catalog.find(raw) {
        Some(idx) => Ok(Some(CtlRef {
            fw: FwKey::AnnexA,
            idx,
        })),
        None => Err((
            format!("`{raw}` is not an ISO/IEC 27001:2022 Annex A control"),
            catalog.hint_2013(raw).or_else(|| {
                crate::suggest::did_you_mean(
                    &crate::catalog::normalize_control_id(raw),
                    catalog.controls.iter().map(|c| c.id.as_str()),
                )
                .map(|s| format!("did you mean {s}?"))
            }),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_headers_name_fields_whatever_their_spelling() {
        for h in [
            "Residual Likelihood",
            "residual_likelihood",
            "residual-likelihood",
            " RESIDUAL LIKELIHOOD ",
        ] {
            assert_eq!(header_field(h), Some("residual_likelihood"), "{h}");
        }
        assert_eq!(header_field("Risk ID"), Some("id"));
        assert_eq!(header_field("Notes"), None);
    }

    #[test]
    fn a_cell_is_found_by_its_character_column() {
        let line = "\"Theft; of laptop\";R-002;3";
        assert_eq!(guess_delimiter("Title;Risk ID;Likelihood"), ';');
        assert_eq!(cell_column(line, ';', 0), 1);
        assert_eq!(cell_column(line, ';', 1), 20);
        assert_eq!(cell_column(line, ';', 2), 26);
        assert_eq!(cell_column(line, ';', 7), 1);
    }

    #[test]
    fn scores_and_the_next_review() {
        let config = Config::default();
        let reg = Register::parse_yaml(
            "- id: R-1\n  title: T\n  likelihood: 4\n  impact: 5\n  treatment: Mitigate\n  controls: A.8.13; A.5.30\n  last_reviewed: 2026-01-31\n  review_interval: 1\n- id: R-2\n  title: U\n  likelihood: 4\n  impact: 5\n  residual_likelihood: 1\n  residual_impact: 2\n",
            &config,
            &Frameworks::default(),
        );
        assert!(reg.findings.is_empty(), "{:?}", reg.findings);
        let [a, b] = reg.risks.as_slice() else {
            panic!("two risks: {:?}", reg.risks);
        };
        assert_eq!((a.inherent(), a.residual()), (Some(20), Some(20)));
        assert_eq!(a.treatment, Some(Treatment::Mitigate));
        assert_eq!(a.controls.len(), 2);
        assert_eq!(
            a.next_review().map(|d| d.to_string()).as_deref(),
            Some("2026-02-28")
        );
        assert_eq!((b.residual(), b.next_review()), (Some(2), None));
        assert_eq!(b.review_interval, 12);
    }
}
