//! Findings are data: produced by the loader and the checks, consumed by every report format
//! and by the rendered site. Nothing that produces a finding prints it.

use serde::Serialize;
use std::fmt;

/// Stable finding codes (the README's "Findings" table). The string form is part of the public
/// contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    InvalidFrontMatter,
    DuplicateId,
    UnknownControl,
    BrokenLink,
    OverdueReview,
    ReviewDueSoon,
    UnmappedControl,
    UnjustifiedExclusion,
    ExcludedControlMapped,
    MissingMandatoryDocument,
    UnmappedDocument,
    UnknownField,
    /// A document that cannot be read as UTF-8 text (or at all).
    UnreadableFile,
    /// `soa.yaml` is not valid YAML or violates `schema/soa.schema.json`.
    InvalidSoa,
    /// A document's owner is not in the `[owners]` table of `ismsbook.toml`.
    UnknownOwner,
    /// An approved document's body or controls changed since the commit that set its version.
    ChangedWithoutVersionBump,
    /// An approved document's content changed after the date of its approval.
    ApprovalStale,
    /// Two documents whose pages would be one file where names ignore case.
    PageCollision,
    /// Raw HTML in a body that the sanitiser removed (script, event handlers, unsafe URLs…).
    RawHtmlRemoved,
    /// A link readers cannot see: no text and no image (`[[POL-1|]]`, `[](x.md)`).
    EmptyLinkText,
    /// The body names an Annex A control its `controls` do not list.
    ControlMentioned,
    /// Links reach a heading through its `{#custom-id}`, which GitHub does not honour.
    CustomHeadingId,
    /// A link to a file of the repository that the site neither copies nor links (`LICENSE`,
    /// `.github/…` without `[repository]`): shown as text.
    LinkOutsideHandbook,
    /// A framework's catalog (`[[frameworks]] catalog`) is not a usable OSCAL or simple catalog.
    InvalidCatalog,
    /// A document lists a control its framework's catalog marks withdrawn (`csf:ID.AM-06`).
    WithdrawnControl,
    /// A crosswalk (`[[mappings]]` file) names a control its framework does not have, or is
    /// not a usable mapping file.
    InvalidMapping,
    /// A risk in `risks.yaml`/`risks.csv` that cannot be read: no id or title, a duplicate id,
    /// a score off the scale, an unknown treatment, a bad date.
    InvalidRisk,
    /// A risk with no treatment, or `mitigate` without controls.
    RiskUntreated,
    /// A control a risk's treatment relies on that nothing implements.
    RiskControlNotImplemented,
    /// A control a risk's treatment relies on is excluded from the SoA (or a framework's
    /// applicability file).
    ExcludedControlTreatsRisk,
    /// A residual score above the appetite, or an `accept` treatment, without who and when.
    RiskAcceptanceMissing,
    /// A risk whose review is overdue, or that has never been reviewed.
    OverdueRiskReview,
    /// An exception in `exceptions.yaml` that cannot be read: no id, title, controls or
    /// expiry, a duplicate id, a bad date, a risk not in the register.
    InvalidException,
    /// An exception past its last valid day.
    ExceptionExpired,
    /// An exception whose last valid day is within `[review] warn_days`.
    ExceptionExpiringSoon,
    /// An exception without who approved it and when.
    ExceptionUnapproved,
}

impl Code {
    pub const ALL: [Code; 36] = [
        Code::InvalidFrontMatter,
        Code::DuplicateId,
        Code::UnknownControl,
        Code::BrokenLink,
        Code::OverdueReview,
        Code::ReviewDueSoon,
        Code::UnmappedControl,
        Code::UnjustifiedExclusion,
        Code::ExcludedControlMapped,
        Code::MissingMandatoryDocument,
        Code::UnmappedDocument,
        Code::UnknownField,
        Code::UnreadableFile,
        Code::InvalidSoa,
        Code::UnknownOwner,
        Code::ChangedWithoutVersionBump,
        Code::ApprovalStale,
        Code::PageCollision,
        Code::RawHtmlRemoved,
        Code::EmptyLinkText,
        Code::ControlMentioned,
        Code::LinkOutsideHandbook,
        Code::CustomHeadingId,
        Code::InvalidCatalog,
        Code::WithdrawnControl,
        Code::InvalidMapping,
        Code::InvalidRisk,
        Code::RiskUntreated,
        Code::RiskControlNotImplemented,
        Code::ExcludedControlTreatsRisk,
        Code::RiskAcceptanceMissing,
        Code::OverdueRiskReview,
        Code::InvalidException,
        Code::ExceptionExpired,
        Code::ExceptionExpiringSoon,
        Code::ExceptionUnapproved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::InvalidFrontMatter => "invalid-front-matter",
            Code::DuplicateId => "duplicate-id",
            Code::UnknownControl => "unknown-control",
            Code::BrokenLink => "broken-link",
            Code::OverdueReview => "overdue-review",
            Code::ReviewDueSoon => "review-due-soon",
            Code::UnmappedControl => "unmapped-control",
            Code::UnjustifiedExclusion => "unjustified-exclusion",
            Code::ExcludedControlMapped => "excluded-control-mapped",
            Code::MissingMandatoryDocument => "missing-mandatory-document",
            Code::UnmappedDocument => "unmapped-document",
            Code::UnknownField => "unknown-field",
            Code::UnreadableFile => "unreadable-file",
            Code::InvalidSoa => "invalid-soa",
            Code::UnknownOwner => "unknown-owner",
            Code::ChangedWithoutVersionBump => "changed-without-version-bump",
            Code::ApprovalStale => "approval-stale",
            Code::PageCollision => "page-collision",
            Code::RawHtmlRemoved => "raw-html-removed",
            Code::EmptyLinkText => "empty-link-text",
            Code::ControlMentioned => "control-mentioned",
            Code::LinkOutsideHandbook => "link-outside-handbook",
            Code::CustomHeadingId => "custom-heading-id",
            Code::InvalidCatalog => "invalid-catalog",
            Code::WithdrawnControl => "withdrawn-control",
            Code::InvalidMapping => "invalid-mapping",
            Code::InvalidRisk => "invalid-risk",
            Code::RiskUntreated => "risk-untreated",
            Code::RiskControlNotImplemented => "risk-control-not-implemented",
            Code::ExcludedControlTreatsRisk => "excluded-control-treats-risk",
            Code::RiskAcceptanceMissing => "risk-acceptance-missing",
            Code::OverdueRiskReview => "overdue-risk-review",
            Code::InvalidException => "invalid-exception",
            Code::ExceptionExpired => "exception-expired",
            Code::ExceptionExpiringSoon => "exception-expiring-soon",
            Code::ExceptionUnapproved => "exception-unapproved",
        }
    }

    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn default_severity(self) -> Severity {
        match self {
            Code::ReviewDueSoon
            | Code::UnmappedControl
            | Code::ExcludedControlMapped
            | Code::MissingMandatoryDocument
            | Code::UnmappedDocument
            | Code::UnknownField
            | Code::UnknownOwner
            | Code::ChangedWithoutVersionBump
            | Code::ApprovalStale
            | Code::EmptyLinkText
            | Code::LinkOutsideHandbook
            | Code::WithdrawnControl
            | Code::RiskControlNotImplemented
            | Code::ExceptionExpiringSoon => Severity::Warning,
            Code::RawHtmlRemoved | Code::ControlMentioned | Code::CustomHeadingId => Severity::Note,
            _ => Severity::Error,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// How much a finding matters. A note never fails a run (not even with `--deny warnings`): it
/// tells the author what the build did on their behalf.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One problem found in the ISMS. `file` is relative to the content root with `/` separators;
/// `line`/`column` are 1-based and only present together with `file`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub document: Option<String>,
    pub control: Option<String>,
    /// The framework of `control`: `iso27001` for an Annex A id, else the declared prefix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub framework: Option<String>,
    /// A hint on how to fix it ("did you mean", "quote the id"); not part of the JSON contract.
    #[serde(skip)]
    pub help: Option<String>,
}

impl Finding {
    /// A finding at a place in a file; severity is the code's default until configuration applies.
    pub fn at(code: Code, file: &str, line: u32, column: u32, message: impl Into<String>) -> Self {
        Finding {
            code,
            severity: code.default_severity(),
            message: message.into(),
            file: Some(file.to_owned()),
            line: Some(line),
            column: Some(column),
            document: None,
            control: None,
            framework: None,
            help: None,
        }
    }

    /// A finding about the ISMS as a whole (e.g. an unmapped control).
    pub fn global(code: Code, message: impl Into<String>) -> Self {
        Finding {
            code,
            severity: code.default_severity(),
            message: message.into(),
            file: None,
            line: None,
            column: None,
            document: None,
            control: None,
            framework: None,
            help: None,
        }
    }

    pub fn document(mut self, id: &str) -> Self {
        self.document = Some(id.to_owned());
        self
    }

    /// The control the finding is about: `A.5.15`, or `csf:PR.AA-01` for a declared framework.
    pub fn control(mut self, id: &str) -> Self {
        self.framework = Some(match crate::model::frameworks::qualified(id) {
            Some((prefix, _)) => prefix.to_owned(),
            None => crate::config::ANNEX_A_ID.to_owned(),
        });
        self.control = Some(id.to_owned());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Order used everywhere findings are listed: by file (whole-ISMS findings last), line, code.
    pub fn sort_key(&self) -> impl Ord + '_ {
        (
            self.file.is_none(),
            self.file.as_deref(),
            self.line,
            self.column,
            self.code.as_str(),
            self.control.as_deref().map(natural),
            &self.message,
        )
    }
}

/// `A.5.10` sorts after `A.5.9`: numbers compare as numbers.
fn natural(id: &str) -> Vec<(u32, &str)> {
    id.split('.')
        .map(|p| (p.parse().unwrap_or(u32::MAX), p))
        .collect()
}

pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Counts by severity, as printed in summaries.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    /// Not part of the JSON summary when zero (older consumers know errors and warnings).
    #[serde(skip_serializing_if = "is_zero")]
    pub notes: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

pub fn count(findings: &[Finding]) -> Counts {
    count_refs(&findings.iter().collect::<Vec<_>>())
}

pub fn count_refs(findings: &[&Finding]) -> Counts {
    let mut c = Counts::default();
    for f in findings {
        match f.severity {
            Severity::Error => c.errors += 1,
            Severity::Warning => c.warnings += 1,
            Severity::Note => c.notes += 1,
        }
    }
    c
}
