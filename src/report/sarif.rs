//! `check --format sarif`: a SARIF 2.1.0 log for GitHub code scanning (`upload-sarif`).
//!
//! Hand-rolled serde structs rather than serde-sarif (whose generated types need serde's derive
//! feature switched on by someone else to compile): we need a dozen fields.
//! Every finding code is a rule, so alerts carry the code's documentation; paths are made
//! relative to the repository root with `uri_prefix`; whole-ISMS findings are pinned to
//! `ismsbook.toml` line 1 because code scanning rejects results without a location.
//! A finding about a control carries its framework's prefix in `properties.framework`; beside
//! declared frameworks its message starts with the framework's name (`[NIST CSF 2.0] …`) and
//! `properties.frameworkName` holds it.

use super::{identity, message_with_control, repo_path, FrameworkNames, GLOBAL_FILE};
use crate::finding::{Code, Finding, Severity};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/ismsbook/ismsbook";
/// Versioned so a change to the fingerprint recipe can't silently re-key existing alerts.
const FINGERPRINT_KEY: &str = "ismsbook/v1";

/// Characters a relative URI path may not contain literally (RFC 3986); `:` too, because a
/// colon in the first segment would read as a scheme.
const URI_PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b':')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

#[derive(Serialize)]
struct SarifLog<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    /// Our columns count characters (see `source::schema`), not UTF-16 units.
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    information_uri: &'static str,
    version: &'a str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: [&'static str; 2],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<ResultProperties<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<u32>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    control: Option<&'a str>,
    /// `iso27001` or the declared prefix.
    #[serde(skip_serializing_if = "Option::is_none")]
    framework: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    framework_name: Option<&'a str>,
}

/// SARIF 2.1.0 log for GitHub code scanning. `uri_prefix` is prepended to each finding's file
/// so locations are relative to the repository root ("content/" when the content root is a
/// subfolder, "" when it is the repository root).
pub fn render(
    findings: &[Finding],
    tool_version: &str,
    uri_prefix: &str,
    names: &FrameworkNames,
) -> String {
    let rules = Code::ALL.iter().map(|&c| rule(c)).collect();
    let mut seen: HashMap<u64, u32> = HashMap::new();
    let results = findings
        .iter()
        .map(|f| {
            let (path, line, column) = match &f.file {
                Some(file) => (file.as_str(), f.line.unwrap_or(1), f.column),
                None => (GLOBAL_FILE, 1, None),
            };
            let key = fingerprint(f);
            let n = seen.entry(key).or_insert(0);
            *n += 1;
            let name = names.label(f);
            let mut text = match name {
                Some(name) => format!("[{name}] {}", message_with_control(f)),
                None => message_with_control(f).into_owned(),
            };
            if let Some(help) = &f.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let properties =
                (f.document.is_some() || f.control.is_some()).then_some(ResultProperties {
                    document: f.document.as_deref(),
                    control: f.control.as_deref(),
                    framework: f.framework.as_deref(),
                    framework_name: name,
                });
            SarifResult {
                rule_id: f.code.as_str(),
                rule_index: Code::ALL.iter().position(|&c| c == f.code).unwrap_or(0),
                level: level(f.severity),
                message: Text { text },
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: utf8_percent_encode(&repo_path(uri_prefix, path), URI_PATH)
                                .to_string(),
                            uri_base_id: "%SRCROOT%",
                        },
                        region: Region {
                            start_line: line.max(1),
                            start_column: column.map(|c| c.max(1)),
                        },
                    },
                }],
                partial_fingerprints: BTreeMap::from([(
                    FINGERPRINT_KEY,
                    format!("{key:016x}:{n}"),
                )]),
                properties,
            }
        })
        .collect();
    let log = SarifLog {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "ismsbook",
                    information_uri: INFORMATION_URI,
                    version: tool_version,
                    rules,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    // Serialising plain structs of strings and numbers cannot fail.
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// FNV-1a (64 bit) of the finding's [`identity`]: stable across Rust versions and platforms,
/// unlike `DefaultHasher`; the caller appends the occurrence count.
fn fingerprint(f: &Finding) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in identity(f).bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// `invalid-front-matter` → `InvalidFrontMatter` (SARIF's readable rule name).
fn pascal_case(code: &str) -> String {
    code.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|first| first.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn rule(code: Code) -> Rule {
    let (short, full, fix) = describe(code);
    Rule {
        id: code.as_str(),
        name: pascal_case(code.as_str()),
        short_description: Text {
            text: short.to_owned(),
        },
        full_description: Text {
            text: full.to_owned(),
        },
        help: Help {
            text: format!("{full}\n\nHow to fix: {fix}"),
            markdown: format!("**{code}**: {full}\n\n**How to fix:** {fix}"),
        },
        default_configuration: Configuration {
            level: level(code.default_severity()),
        },
        properties: RuleProperties {
            tags: ["isms", "iso27001"],
        },
    }
}

/// (short description, full description, how to fix) per code: what code scanning shows on
/// the alert page, where the reader may never have seen ismsbook's README.
fn describe(code: Code) -> (&'static str, &'static str, &'static str) {
    match code {
        Code::InvalidFrontMatter => (
            "Front matter is missing, is not valid YAML, or violates the document schema.",
            "Every document starts with a YAML block between `---` lines holding id, title, type, owner, version, status and last_reviewed. The block must parse as YAML and match schema/document.schema.json: required fields, allowed values, real dates.",
            "Correct the field at the reported line. Quote control ids and versions (`\"5.10\"`, `\"1.3\"`): unquoted, YAML reads 5.10 as the number 5.1.",
        ),
        Code::DuplicateId => (
            "Two documents share the same id.",
            "Document ids are stable identifiers used in `[[links]]`, page URLs and the Statement of Applicability, so each must be unique across the ISMS.",
            "Give one of the documents a new, unused id and update the links that meant it.",
        ),
        Code::UnknownControl => (
            "A control id is not in its framework's catalog.",
            "A `controls` entry or an applicability key names a control that its framework does not contain: a bare id is an ISO/IEC 27001:2022 Annex A control, `prefix:ID` one of a framework declared under [[frameworks]] (the result's message starts with the framework's name). The mapping counts for nothing.",
            "Use a catalog id such as `A.5.15` (`5.15` is accepted) or `csf:PR.AA-01` with a declared prefix. Check for typos and for ids from the 2013 edition.",
        ),
        Code::BrokenLink => (
            "A link or [[reference]] does not resolve.",
            "A relative Markdown link, heading anchor, `[[document-id]]` or `[[control-id]]` reference, or `related` entry points to a document, heading or control that does not exist.",
            "Point the link at an existing file, heading or id, or remove it.",
        ),
        Code::OverdueReview => (
            "The document's review date has passed.",
            "ISO/IEC 27001 clause 7.5 requires documented information to be kept suitable, so each document is reviewed on schedule. The next review is `next_review`, else `last_reviewed` plus `review_interval` months.",
            "Review the document with its owner, then update `last_reviewed` (and `version`, `approver` and `approved_on` if it changed).",
        ),
        Code::ReviewDueSoon => (
            "The document's next review is due soon.",
            "The next review date falls within the `[review] warn_days` window of ismsbook.toml.",
            "Schedule the review with the document owner before the due date.",
        ),
        Code::UnmappedControl => (
            "An applicable control is implemented by no approved document.",
            "A control of ISO/IEC 27001:2022 Annex A, or of a framework declared under [[frameworks]] (the result's message starts with the framework's name when there are several), that soa.yaml or the framework's applicability file does not exclude is applicable, and the Statement of Applicability must show how it is implemented, but no document with `status: approved` lists it in `controls`, nor does a crosswalk cover it completely through implemented controls of another framework.",
            "List the control in the `controls` of an approved document, or set `applicable: false` with a `justification` for it in soa.yaml (or the framework's applicability file).",
        ),
        Code::UnjustifiedExclusion => (
            "A control is excluded without a justification.",
            "ISO/IEC 27001 6.1.3 d) requires the Statement of Applicability to justify every excluded Annex A control.",
            "Add a `justification` to the control's entry in soa.yaml, or make the control applicable again.",
        ),
        Code::ExcludedControlMapped => (
            "A document implements a control marked not applicable.",
            "soa.yaml excludes the control, yet a document lists it in `controls`: either the exclusion or the mapping is wrong.",
            "Remove the control from the document's `controls`, or make it applicable in soa.yaml.",
        ),
        Code::MissingMandatoryDocument => (
            "No document covers a clause that requires documented information.",
            "ISO/IEC 27001 requires documented information for several clauses (for example 4.3 scope, 5.2 policy, 6.1.2 risk assessment process), and no document declares the clause in `clauses`.",
            "Add the clause, quoted (`\"6.1.2\"`), to the `clauses` of the document that satisfies it, or write that document.",
        ),
        Code::UnmappedDocument => (
            "A policy, standard or procedure maps to no control and no clause.",
            "A document that implements nothing does not appear in the Statement of Applicability or in coverage, so its purpose in the ISMS is not evident.",
            "Add the Annex A controls it implements (`controls:`) or the clauses it satisfies (`clauses:`).",
        ),
        Code::UnknownField => (
            "A front-matter field is not defined by the schema.",
            "Unknown fields are usually typos (`titel`, `last_review`); their values never reach the handbook.",
            "Rename the field as suggested, or remove it.",
        ),
        Code::UnreadableFile => (
            "A document could not be read as UTF-8 text.",
            "The file could not be read, or is not valid UTF-8, so it can be neither checked nor published.",
            "Save the file as UTF-8 and check that it is readable.",
        ),
        Code::InvalidSoa => (
            "soa.yaml is not valid YAML or violates its schema.",
            "The applicability decisions in soa.yaml must parse as YAML and match schema/soa.schema.json: each key is a control id with `applicable`, `justification`, `status` or `note`.",
            "Correct the entry at the reported line.",
        ),
        Code::UnknownOwner => (
            "A document's owner has no entry in the [owners] table.",
            "When ismsbook.toml has an [owners] table (owner → Git-hosting handle, used by `ismsbook codeowners` to make owners reviewers of their documents), every document's owner must be listed in it.",
            "Add the owner to [owners] in ismsbook.toml, or correct the owner's spelling in the document.",
        ),
        Code::ChangedWithoutVersionBump => (
            "An approved document changed without a new version.",
            "ISO/IEC 27001 7.5.3 requires changes to documented information to be controlled, so each changed version must be identifiable. The document's body or controls differ from the commit that set its current `version`. Changes of review dates or other metadata need no new version.",
            "Raise `version` in the document's front matter, or revert the change.",
        ),
        Code::PageCollision => (
            "Two documents would be published as the same page.",
            "The documents' paths differ only in letter case, so their pages would be one file on Windows and macOS, and the site would differ between machines. The first in path order is published; the other is left out.",
            "Rename or move one of the documents.",
        ),
        Code::ApprovalStale => (
            "An approved document changed after its approval.",
            "ISO/IEC 27001 7.5.2 requires documented information to be approved as suitable. The document's body or controls changed in a commit dated after `approved_on`, so the approval does not cover the text in force.",
            "Have the changed document approved again and update `approved_on` (and `approver`).",
        ),
        Code::RawHtmlRemoved => (
            "Raw HTML in a document was removed from the published page.",
            "Raw HTML in Markdown is sanitised as GitHub does: script, style, frames, forms, event handlers (on*) and javascript:/data: URLs are removed, so that no author's change can run script in every reader's browser. The rest of the document is published.",
            "Write the content in Markdown, or remove the HTML the note names. If every author may run script in readers' browsers, set [markdown] raw_html = \"trusted\" in ismsbook.toml.",
        ),
        Code::EmptyLinkText => (
            "A link has no text, so readers cannot see it.",
            "A link with neither text nor an image (`[[POL-1|]]`, `[](policy.md)`) is an invisible element on the page: readers cannot find or click it.",
            "Write the link text, or use [[ID]] without `|` to show the document's title.",
        ),
        Code::ControlMentioned => (
            "The text names an Annex A control the document's `controls` do not list.",
            "A document's `controls` say which Annex A controls it implements: the Statement of Applicability and the control pages are built from them, never from the text. A control the text names (A.5.15, Annex A 5.15, or an ISO/IEC 27001:2013 id mapped to its 2022 successor) but `controls` leaves out may be one the document implements and the SoA does not credit to it.",
            "Add the control to `controls` if the document implements it; otherwise leave it (the note never fails a build), or set control-mentioned = \"off\" under [checks] in ismsbook.toml.",
        ),
        Code::CustomHeadingId => (
            "Links reach a heading through a `{#custom-id}` attribute, which GitHub does not honour.",
            "ismsbook gives a heading written `## Title {#custom-id}` the id custom-id, but GitHub shows the attribute as part of the heading's text and derives the id from all of it: every link to #custom-id works in the handbook and is broken on GitHub, where the same team reads its policies.",
            "Remove the attribute and link the heading's GitHub id (the one the note names), which works in both; or ignore the note (custom-heading-id = \"off\" under [checks]) if nobody reads the repository on GitHub.",
        ),
        Code::LinkOutsideHandbook => (
            "A link to a file of the repository that the site does not publish is shown as text.",
            "The file exists, so the link works on the Git host, but it is no page of the handbook and not a file readers open in the browser (a source file, LICENSE), or it is in a hidden folder, which is never copied into the site. Without the repository's web address the site cannot link it.",
            "Set [repository] url (and branch) in ismsbook.toml so such links go to the file on the Git host, or link a copy in a format readers open (PDF, text) inside the content folder.",
        ),
        Code::InvalidCatalog => (
            "A framework's control catalog cannot be read as a catalog.",
            "A framework declared under [[frameworks]] in ismsbook.toml takes its controls from a catalog: an OSCAL catalog (.json or .yaml, with a top-level `catalog`) or a simple catalog (.yaml with `name` and `controls`, or .csv with the columns id, title, group and optionally statement). Every control needs an id without spaces or `:` (documents cite it as prefix:id) and a title; ids must be unique, and a withdrawn control's successors must be in the catalog.",
            "Correct the entry at the reported line, or point `catalog` at the right file.",
        ),
        Code::WithdrawnControl => (
            "A document lists a control its framework has withdrawn.",
            "A framework's catalog keeps withdrawn controls so old ids are recognised, and names the controls that took over their requirements (NIST CSF 2.0 withdrew ID.AM-06 in favour of GV.RR-02 and GV.SC-02). A withdrawn control is no longer part of the framework: the document's claim to implement it counts for nothing.",
            "Replace the entry in `controls` with the successor the message names (written with the same prefix), or remove it if the document implements none of them.",
        ),
        Code::InvalidMapping => (
            "A crosswalk between two frameworks names a control that does not exist, or cannot be read.",
            "A mapping file declared under [[mappings]] in ismsbook.toml maps controls of its `from` framework to controls of its `to` framework, each entry with a relationship (equivalent-to, equal-to, subset-of, superset-of, intersects-with). An entry whose ids are not in the two catalogs would give coverage to nothing, or to the wrong control; it is left out.",
            "Correct the id at the reported line (the message suggests the nearest one), or remove the entry.",
        ),
        Code::InvalidRisk => (
            "A risk in the risk register cannot be read.",
            "The risk register (risks.yaml, or risks.csv exported from a spreadsheet) holds one risk per entry or row: a unique id, a title, likelihood and impact on the [risk] scale, a treatment (mitigate, accept, transfer, avoid), its controls, residual scores, acceptance and review dates as YYYY-MM-DD. A risk without an id, or with an id used before, is left out.",
            "Correct the value at the reported line (CSV: row and column). Keep only one of risks.yaml and risks.csv.",
        ),
        Code::RiskUntreated => (
            "A risk has no treatment, or is mitigated by no control.",
            "ISO/IEC 27001 6.1.3 requires a treatment option for every assessed risk and, for risks that are modified, the controls that implement it.",
            "Write the risk's treatment and, for mitigate, the controls that reduce it.",
        ),
        Code::RiskControlNotImplemented => (
            "A control a risk's treatment relies on is not implemented.",
            "No approved document lists the control, so the treatment exists on paper only. Complete coverage through a mapping to implemented controls of another framework counts; partial coverage does not.",
            "List the control in the `controls` of the approved document that implements it, or change the risk's treatment.",
        ),
        Code::ExcludedControlTreatsRisk => (
            "A control a risk's treatment relies on is excluded from the Statement of Applicability.",
            "ISO/IEC 27001 6.1.3 d requires the SoA to include the controls the risk treatment needs. Excluding one that a risk relies on is among the commonest audit nonconformities.",
            "Include the control in soa.yaml (or the framework's applicability file), or treat the risk with other controls.",
        ),
        Code::RiskAcceptanceMissing => (
            "A residual risk above the appetite, or an accepted risk, has no named acceptance.",
            "ISO/IEC 27001 6.1.3 f requires risk owners to accept the residual risks. A residual likelihood × impact above [risk] appetite in ismsbook.toml, or the treatment accept, needs accepted_by and accepted_on.",
            "Have the risk owner accept the residual risk and write accepted_by and accepted_on (YYYY-MM-DD).",
        ),
        Code::OverdueRiskReview => (
            "A risk's review is overdue, or it has never been reviewed.",
            "ISO/IEC 27001 8.2 requires risk assessments at planned intervals. A risk is due review_interval months (default [review] interval_months) after last_reviewed.",
            "Review the risk and update last_reviewed.",
        ),
        Code::InvalidException => (
            "An exception in exceptions.yaml cannot be read.",
            "exceptions.yaml lists approved deviations from controls: a unique id, a title, the controls deviated from, the scope, the reason, compensating controls, the risk of the register it carries, who approved it and when, and the last day it is valid (expires, YYYY-MM-DD). An exception without an id, or with an id used before, is left out.",
            "Correct the value at the reported line.",
        ),
        Code::ExceptionExpired => (
            "An exception is past its last valid day.",
            "An exception is an approved deviation from a control for a limited time; `expires` is its last valid day. After it the control applies in full again, and the deviation is a nonconformity unless it is renewed.",
            "Renew the exception (a new expires with a new approver and approved_on), or close it once the control is in place by removing it from exceptions.yaml.",
        ),
        Code::ExceptionExpiringSoon => (
            "An exception expires within the `[review] warn_days` window.",
            "An exception's last valid day falls within `[review] warn_days` of ismsbook.toml.",
            "Decide before it expires: renew it with a new expires and approval, or plan to close it.",
        ),
        Code::ExceptionUnapproved => (
            "An exception has no named approval.",
            "A deviation from a control is an exception only when someone with the authority accepts it (ISO/IEC 27001 6.1.3 f): exceptions.yaml needs approver and approved_on.",
            "Have the deviation approved and write approver and approved_on (YYYY-MM-DD), or close the exception.",
        ),
    }
}
