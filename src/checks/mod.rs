//! Stage 3, check: one small pure function per rule over the Handbook. Checks return findings;
//! configuration then sets each finding's severity (or drops it), and the result is sorted.

pub mod exceptions;
mod history;
pub mod risks;

use crate::finding::{self, Code, Finding};
use crate::model::frameworks::qualified;
use crate::model::links::ResolvedLink;
use crate::model::{Handbook, ReviewState};
use crate::source::meta::{DocType, Status};
use rayon::prelude::*;
use std::collections::HashMap;

/// Every finding for the handbook, with configured severities, in stable order.
pub fn run(hb: &Handbook) -> Vec<Finding> {
    let rules: [fn(&Handbook) -> Vec<Finding>; 25] = [
        duplicate_ids,
        ids_of_controls,
        raw_html_removed,
        empty_link_texts,
        unknown_controls,
        framework_controls,
        broken_links,
        custom_heading_ids,
        reviews,
        unmapped_controls,
        unjustified_exclusions,
        excluded_controls_mapped,
        missing_mandatory_documents,
        unmapped_documents,
        unknown_clauses,
        unknown_owners,
        controls_mentioned,
        history::changes,
        risks::untreated,
        risks::controls_not_implemented,
        risks::excluded_controls,
        risks::acceptances,
        risks::reviews,
        exceptions::expiry,
        exceptions::unapproved,
    ];
    // The rules are independent: run them side by side.
    let mut all: Vec<Finding> = hb.load_findings.clone();
    all.par_extend(rules.par_iter().flat_map_iter(|rule| rule(hb)));
    let mut out: Vec<Finding> = all
        .into_iter()
        .filter_map(|mut f| {
            f.severity = hb.config.severity(f.code)?;
            Some(f)
        })
        .collect();
    finding::sort(&mut out);
    out
}

fn duplicate_ids(hb: &Handbook) -> Vec<Finding> {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    let mut out = Vec::new();
    for d in &hb.documents {
        let Some(id) = &d.src.meta.id else { continue };
        match seen.get(id.value.as_str()) {
            Some(first) => out.push(
                Finding::at(
                    Code::DuplicateId,
                    &d.src.path,
                    id.line,
                    id.column,
                    format!("id `{}` is already used by {first}", id.value),
                )
                .document(&id.value)
                .help("give every document its own id; links and URLs depend on it"),
            ),
            None => {
                seen.insert(&id.value, &d.src.path);
            }
        }
    }
    out
}

/// `[[A.5.15]]` links the control: a document with that id could never be linked by it.
fn ids_of_controls(hb: &Handbook) -> Vec<Finding> {
    hb.documents
        .iter()
        .filter_map(|d| {
            let id = d.src.meta.id.as_ref()?;
            let control = hb.catalog.control(hb.catalog.find(&id.value)?);
            Some(
                Finding::at(
                    Code::DuplicateId,
                    &d.src.path,
                    id.line,
                    id.column,
                    format!(
                        "id `{}` is the id of Annex A control {} ({}): `[[{}]]` links the control, never this document",
                        id.value, control.id, control.title, id.value
                    ),
                )
                .document(&id.value)
                .help("give the document an id of its own (e.g. POL-015), and list the control in `controls:`"),
            )
        })
        .collect()
}

/// Lines on which sanitising removed raw HTML are listed per document up to this many; the
/// rest are summed up in one more note.
const RAW_HTML_LINES: usize = 10;

/// Things removed named per line; more are summed up as "and more".
const RAW_HTML_WHATS: usize = 8;

/// What sanitising removed from raw HTML, one note per line (only when sanitising is on).
fn raw_html_removed(hb: &Handbook) -> Vec<Finding> {
    if hb.config.markdown.raw_html != crate::config::RawHtml::Sanitise {
        return Vec::new();
    }
    let mut out = Vec::new();
    for d in &hb.documents {
        if let Some((line, column, why)) = d.src.scan.raw_html_as_text {
            use crate::source::scan::AsText;
            let (why, help) = match why {
                AsText::Deep(depth) => (
                    format!(
                        "with the Markdown around it, it nests up to {depth} levels deep, and more than {} take too long to sanitise",
                        crate::sanitise::MAX_DEPTH
                    ),
                    "nest it less deeply, or write it in Markdown",
                ),
                AsText::Attributes(n) => (
                    format!(
                        "a tag has {n} attributes, and more than {} take too long to sanitise",
                        crate::sanitise::MAX_ATTRIBUTES
                    ),
                    "give the tag fewer attributes, or write it in Markdown",
                ),
                AsText::Unfinished => (
                    "a tag is still open where the raw HTML ends, so the Markdown after it would be read as the tag's attributes".to_owned(),
                    "end the tag with `>` before the blank line that follows it",
                ),
            };
            out.push(
                Finding::at(
                    Code::RawHtmlRemoved,
                    &d.src.path,
                    line,
                    column,
                    format!("raw HTML shown as text, not sanitised: {why}"),
                )
                .document(&d.id)
                .help(help),
            );
            continue;
        }
        let removed = &d.src.scan.raw_html;
        // Per line, the first few things removed (a tag may have thousands of attributes).
        let mut lines: Vec<(u32, u32, Vec<&str>)> = Vec::new();
        for r in removed {
            match lines.last_mut() {
                Some((line, _, whats)) if *line == r.line => {
                    if whats.len() <= RAW_HTML_WHATS && !whats.contains(&r.what.as_str()) {
                        whats.push(&r.what);
                    }
                }
                _ => lines.push((r.line, r.column, vec![&r.what])),
            }
        }
        let more = lines
            .get(RAW_HTML_LINES)
            .map(|&(line, column, _)| (line, column));
        let unlisted = lines.len().saturating_sub(RAW_HTML_LINES);
        for (line, column, whats) in lines.into_iter().take(RAW_HTML_LINES) {
            out.push(
                Finding::at(
                    Code::RawHtmlRemoved,
                    &d.src.path,
                    line,
                    column,
                    if whats.len() > RAW_HTML_WHATS {
                        format!(
                            "raw HTML removed from the page: {}, and more",
                            whats[..RAW_HTML_WHATS].join(", ")
                        )
                    } else {
                        format!("raw HTML removed from the page: {}", whats.join(", "))
                    },
                )
                .document(&d.id)
                .help("pages keep the HTML GitHub keeps; write this in Markdown, or see [markdown] raw_html in the README"),
            );
        }
        if let Some((line, column)) = more {
            out.push(
                Finding::at(
                    Code::RawHtmlRemoved,
                    &d.src.path,
                    line,
                    column,
                    format!("raw HTML also removed from {unlisted} more lines of this document, from here on"),
                )
                .document(&d.id),
            );
        }
    }
    out
}

/// Links with nothing to see or click: `[[POL-1|]]`, `[](policy.md)`.
fn empty_link_texts(hb: &Handbook) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in &hb.documents {
        for link in d.src.scan.links.iter().filter(|l| l.empty_text) {
            let dest = visible(&link.dest);
            let (message, help) = if matches!(
                link.target,
                crate::source::scan::LinkTarget::Reference(_)
            ) {
                (
                        format!("`[[{dest}|]]` has no text after `|`; the page shows the title of `{dest}` instead"),
                        "write the text after `|`, or drop the `|`",
                    )
            } else {
                (
                    format!("link to `{dest}` has no text, so readers cannot see or click it"),
                    "write the link text between the brackets",
                )
            };
            out.push(
                Finding::at(
                    Code::EmptyLinkText,
                    &d.src.path,
                    link.line,
                    link.column,
                    message,
                )
                .document(&d.id)
                .help(help),
            );
        }
    }
    out
}

fn unknown_controls(hb: &Handbook) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in &hb.documents {
        for c in &d.src.meta.controls {
            // `prefix:ID` names another framework's control: `framework_controls` judges it.
            if hb.catalog.find(&c.value).is_some() || qualified(&c.value).is_some() {
                continue;
            }
            let mut f = Finding::at(
                Code::UnknownControl,
                &d.src.path,
                c.line,
                c.column,
                format!("`{}` is not an ISO/IEC 27001:2022 Annex A control", c.value),
            )
            .document(&d.id);
            if let Some(h) = hb.catalog.hint_2013(&c.value) {
                f = f.help(h);
            } else {
                let ids = hb.catalog.controls.iter().map(|c| c.id.as_str());
                if let Some(s) = crate::suggest::did_you_mean(
                    &crate::catalog::normalize_control_id(&c.value),
                    ids,
                ) {
                    f = f.help(format!("did you mean {s}?"));
                }
            }
            out.push(f);
        }
    }
    out
}

/// `controls` entries written `prefix:ID`: the prefix must be declared, the id in its catalog
/// and not withdrawn.
fn framework_controls(hb: &Handbook) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in &hb.documents {
        for c in &d.src.meta.controls {
            let Some((prefix, id)) = qualified(&c.value) else {
                continue;
            };
            let at = |code: Code, message: String| {
                Finding::at(code, &d.src.path, c.line, c.column, message).document(&d.id)
            };
            let Some(fw) = hb.frameworks.get(prefix) else {
                if hb.frameworks.is_invalid(prefix) {
                    // Its catalog's `invalid-catalog` findings say what to fix first.
                    continue;
                }
                let declared = hb.frameworks.ids();
                let f =
                    at(
                        Code::UnknownControl,
                        format!(
                        "`{}`: no framework `{prefix}` is declared in ismsbook.toml; declared: {}",
                        c.value.trim(),
                        if declared.is_empty() { "none".to_owned() } else { declared.join(", ") }
                    ),
                    );
                let help = if prefix.eq_ignore_ascii_case(crate::config::ANNEX_A_ID) {
                    format!("Annex A controls are written without a prefix: `{id}`")
                } else if let Some(s) =
                    crate::suggest::did_you_mean(prefix, declared.iter().copied())
                {
                    format!("did you mean `{s}:{id}`?")
                } else {
                    format!("declare the framework under [[frameworks]] in ismsbook.toml (id = \"{prefix}\", catalog = \"nist-csf-2.0\" or a catalog file), or correct the prefix")
                };
                out.push(f.help(help));
                continue;
            };
            let cat = &fw.catalog;
            let Some(idx) = cat.find(id) else {
                let mut f = at(
                    Code::UnknownControl,
                    format!(
                        "`{}` is not a control of {} (`{}`)",
                        c.value.trim(),
                        fw.name,
                        fw.id
                    ),
                );
                let ids = cat.controls.iter().map(|c| c.id.as_str());
                if let Some(s) = crate::suggest::did_you_mean(id, ids) {
                    f = f.help(format!("did you mean `{}:{s}`?", fw.id));
                }
                out.push(f);
                continue;
            };
            let control = cat.control(idx);
            if !control.withdrawn {
                continue;
            }
            let (message, help) = match control.successors.as_slice() {
                [] => (
                    format!(
                        "{} was withdrawn in {}; it has no successor",
                        control.id, fw.name
                    ),
                    "remove it from `controls`".to_owned(),
                ),
                successors => (
                    format!(
                        "{} was withdrawn in {}; use {}",
                        control.id,
                        fw.name,
                        successors.join(" or ")
                    ),
                    format!(
                        "write {} in `controls` instead, whichever the document implements",
                        successors
                            .iter()
                            .map(|s| format!("`{}:{s}`", fw.id))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    ),
                ),
            };
            out.push(
                at(Code::WithdrawnControl, message)
                    .control(&format!("{}:{}", fw.id, control.id))
                    .help(help),
            );
        }
    }
    out
}

fn broken_links(hb: &Handbook) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in &hb.documents {
        for (link, r) in d.src.scan.links.iter().zip(d.links.iter()) {
            if let ResolvedLink::Broken(why) = r {
                out.push(
                    Finding::at(
                        Code::BrokenLink,
                        &d.src.path,
                        link.line,
                        link.column,
                        format!("broken link `{}`: {why}", visible(&link.dest)),
                    )
                    .document(&d.id),
                );
            }
            if let ResolvedLink::Outside { path, kind } = r {
                use crate::model::links::OutsideKind;
                let (what, or) = match kind {
                    OutsideKind::Hidden => (
                        "is in a hidden folder (or hidden itself), never copied into the site",
                        "link a copy in the content folder",
                    ),
                    OutsideKind::File => (
                        "is no page and not a file readers open in the browser",
                        "link a copy in a format readers open (PDF, text)",
                    ),
                    OutsideKind::Folder => (
                        "is a folder, which the site has no page for",
                        "link a document that lists what it holds",
                    ),
                };
                let path = match path.is_empty() {
                    true => "the content folder",
                    false => path.as_str(),
                };
                out.push(
                    Finding::at(
                        Code::LinkOutsideHandbook,
                        &d.src.path,
                        link.line,
                        link.column,
                        format!(
                            "link `{}` is shown as plain text: {path} {what}; set [repository] url in ismsbook.toml to link it on the Git host, or {or}",
                            visible(&link.dest)
                        ),
                    )
                    .document(&d.id),
                );
            }
        }
        for (rel, target) in d.src.meta.related.iter().zip(&d.related) {
            if target.is_none() {
                let hint =
                    crate::suggest::did_you_mean(&rel.value, hb.by_id.keys().map(String::as_str))
                        .map(|s| format!("; did you mean `{s}`?"))
                        .unwrap_or_default();
                out.push(
                    Finding::at(
                        Code::BrokenLink,
                        &d.src.path,
                        rel.line,
                        rel.column,
                        format!("related document `{}` does not exist{hint}", rel.value),
                    )
                    .document(&d.id),
                );
            }
        }
    }
    // The root README is no page, but GitHub shows it first: its broken links are as real.
    let readme = hb
        .readme
        .iter()
        .flat_map(|r| r.broken.iter().map(move |b| (&r.path, b)));
    for (path, (link, why)) in readme {
        out.push(
            Finding::at(
                Code::BrokenLink,
                path,
                link.line,
                link.column,
                format!("broken link `{}`: {why}", visible(&link.dest)),
            )
            .help("the README is not published in the handbook, but it is the first page readers see on the Git host"),
        );
    }
    out
}

/// One note per `{#custom-id}` heading that Markdown links reach (GitHub ignores the
/// attribute, so there those links are broken); `[[ID#anchor]]` references are ismsbook's own.
fn custom_heading_ids(hb: &Handbook) -> Vec<Finding> {
    use crate::source::scan::LinkTarget;
    use std::collections::HashMap;
    let custom: HashMap<(usize, &str), usize> = hb
        .documents
        .iter()
        .enumerate()
        .flat_map(|(i, d)| {
            d.src
                .scan
                .headings
                .iter()
                .filter(|h| h.custom)
                .map(move |h| ((i, h.id.as_str()), 0))
        })
        .collect();
    if custom.is_empty() {
        return Vec::new();
    }
    let mut reached = custom;
    for d in &hb.documents {
        for (link, r) in d.src.scan.links.iter().zip(d.links.iter()) {
            if let (
                false,
                ResolvedLink::Document {
                    doc,
                    anchor: Some(a),
                },
            ) = (matches!(link.target, LinkTarget::Reference(_)), r)
            {
                if let Some(n) = reached.get_mut(&(*doc, a.as_str())) {
                    *n += 1;
                }
            }
        }
    }
    let mut out = Vec::new();
    for ((i, id), n) in reached.into_iter().filter(|&(_, n)| n > 0) {
        let d = &hb.documents[i];
        let Some(h) = d.src.scan.headings.iter().find(|h| h.custom && h.id == id) else {
            continue;
        };
        let github = crate::source::scan::slug(&h.text);
        // `#️-scope` looks like `#-scope`: written percent-encoded, it cannot be mistyped.
        let github = match crate::model::links::has_invisible(&github) {
            true => crate::render::site::fragment(&github),
            false => format!("#{github}"),
        };
        let links = match n {
            1 => "1 link to #{id} works in the handbook but is".replace("{id}", id),
            n => format!("{n} links to #{id} work in the handbook but are"),
        };
        out.push(
            Finding::at(
                Code::CustomHeadingId,
                &d.src.path,
                h.line,
                1,
                format!(
                    "{links} broken on GitHub, which shows `{{#{id}}}` as text and does not give the heading that id"
                ),
            )
            .document(&d.id)
            .help(format!(
                "remove `{{#{id}}}` and link {github}, the heading's id on GitHub and here; or set custom-heading-id = \"off\" under [checks] if nobody reads the repository on GitHub"
            )),
        );
    }
    out
}

fn reviews(hb: &Handbook) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in &hb.documents {
        let (Some(next), Some(days)) = (d.review.next, d.review.days_left) else {
            continue;
        };
        let m = &d.src.meta;
        // Point at the field that sets the date.
        let Some((line, column)) = m
            .next_review
            .as_ref()
            .map(|l| (l.line, l.column))
            .or_else(|| m.last_reviewed.as_ref().map(|l| (l.line, l.column)))
        else {
            continue;
        };
        let f = match d.review.state {
            ReviewState::Overdue => Finding::at(
                Code::OverdueReview,
                &d.src.path,
                line,
                column,
                format!("review was due on {next} ({} ago)", plural_days(-days)),
            )
            .help("review the document, then update last_reviewed (and next_review if set)"),
            ReviewState::DueSoon => Finding::at(
                Code::ReviewDueSoon,
                &d.src.path,
                line,
                column,
                if days == 0 {
                    format!("review is due today ({next})")
                } else {
                    format!("review is due on {next} (in {})", plural_days(days))
                },
            ),
            _ => continue,
        };
        out.push(f.document(&d.id));
    }
    out
}

fn plural_days(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

fn unmapped_controls(hb: &Handbook) -> Vec<Finding> {
    let mut out: Vec<Finding> = hb
        .controls
        .iter()
        .zip(&hb.catalog.controls)
        .filter(|(s, _)| {
            s.applicable() && s.implemented_by.is_empty() && s.derived.full.is_empty()
        })
        .map(|(s, c)| {
            let why = unimplemented_why(hb, s);
            Finding::global(Code::UnmappedControl, format!("{} {} is applicable but {why}{}", c.id, c.title, partially(hb, s)))
                .control(&c.id)
                .help(format!("list {} in the controls of an approved document, or exclude it in soa.yaml with a justification", c.id))
        })
        .collect();
    for fw in &hb.frameworks.list {
        for (idx, s) in fw.controls.iter().enumerate() {
            if !fw.applicable(idx) || !s.implemented_by.is_empty() || !s.derived.full.is_empty() {
                continue;
            }
            let c = fw.catalog.control(idx);
            let id = fw.qualified_id(idx);
            let exclude = match &fw.applicability {
                Some(file) => format!("exclude it in {file} with a justification"),
                None => "declare an applicability file for the framework (applicability = \"…\" under its [[frameworks]]) and exclude it there with a justification".to_owned(),
            };
            out.push(
                Finding::global(
                    Code::UnmappedControl,
                    format!("{id} ({}) {} is applicable but {}{}", fw.name, shortened(c.heading(), 120), unimplemented_why(hb, s), partially(hb, s)),
                )
                .control(&id)
                .help(format!("list {id} in the controls of an approved document, map it to implemented controls in a [[mappings]] file, or {exclude}")),
            );
        }
    }
    out
}

/// Why an applicable control counts as not implemented.
fn unimplemented_why(hb: &Handbook, s: &crate::model::ControlState) -> String {
    if s.referenced_by.is_empty() {
        "no document implements it".to_owned()
    } else {
        format!(
            "only documents that are not approved name it ({})",
            s.referenced_by
                .iter()
                .map(|&i| hb.documents[i].id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

/// "; it is only partially covered via …" naming the partial mappings, or nothing.
fn partially(hb: &Handbook, s: &crate::model::ControlState) -> String {
    if s.derived.partial.is_empty() {
        return String::new();
    }
    let mut via: Vec<String> = Vec::new();
    for u in &s.derived.partial {
        let m = &hb.frameworks.mappings[u.mapping];
        let (rel, others): (&str, Vec<String>) = if u.reversed {
            (
                m.relationship.inverse().as_str(),
                vec![hb.frameworks.qualified_id(m.from)],
            )
        } else {
            (
                m.relationship.as_str(),
                m.to.iter()
                    .map(|&t| hb.frameworks.qualified_id(t))
                    .collect(),
            )
        };
        via.push(format!(
            "{rel} {} ({}:{})",
            others.join(", "),
            m.file,
            m.line
        ));
    }
    format!(
        "; it is only partially covered via mapping: {}",
        via.join("; ")
    )
}

fn shortened(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

fn unjustified_exclusions(hb: &Handbook) -> Vec<Finding> {
    let mut out: Vec<Finding> = hb.controls
        .iter()
        .zip(&hb.catalog.controls)
        .filter_map(|(s, c)| {
            let d = s.decision.as_ref()?;
            (!d.applicable && d.justification.is_none()).then(|| {
                Finding::at(
                    Code::UnjustifiedExclusion,
                    crate::model::soa::FILE_NAME,
                    d.line,
                    1,
                    format!("{} {} is excluded without a justification", c.id, c.title),
                )
                .control(&c.id)
                .help("ISO 27001 6.1.3 d) requires a justification for every excluded control: add `justification: ...`")
            })
        })
        .collect();
    for fw in &hb.frameworks.list {
        let Some(file) = &fw.applicability else {
            continue;
        };
        for (idx, s) in fw.controls.iter().enumerate() {
            let Some(d) = &s.decision else { continue };
            if d.applicable || d.justification.is_some() || fw.catalog.control(idx).withdrawn {
                continue;
            }
            let id = fw.qualified_id(idx);
            out.push(
                Finding::at(
                    Code::UnjustifiedExclusion,
                    file,
                    d.line,
                    1,
                    format!("{id} ({}) is excluded without a justification", fw.name),
                )
                .control(&id)
                .help("say why the control does not apply: add `justification: ...`"),
            );
        }
    }
    out
}

fn excluded_controls_mapped(hb: &Handbook) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in &hb.documents {
        for c in &d.src.meta.controls {
            if let Some(r) = hb.frameworks.resolve(&c.value) {
                let crate::model::frameworks::FwKey::Declared(f) = r.fw else {
                    continue;
                };
                let fw = &hb.frameworks.list[f];
                if fw.controls[r.idx].applicable() {
                    continue;
                }
                let id = fw.qualified_id(r.idx);
                let file = fw
                    .applicability
                    .as_deref()
                    .unwrap_or("its applicability file");
                out.push(
                    Finding::at(
                        Code::ExcludedControlMapped,
                        &d.src.path,
                        c.line,
                        c.column,
                        format!("{id} is marked not applicable in {file}, but this document implements it"),
                    )
                    .document(&d.id)
                    .control(&id)
                    .help(format!("remove the control from this document, or make it applicable in {file}")),
                );
                continue;
            }
            if qualified(&c.value).is_some() {
                continue;
            }
            let Some(idx) = hb.catalog.find(&c.value) else {
                continue;
            };
            if hb.controls[idx].applicable() {
                continue;
            }
            let id = &hb.catalog.control(idx).id;
            out.push(
                Finding::at(
                    Code::ExcludedControlMapped,
                    &d.src.path,
                    c.line,
                    c.column,
                    format!("{id} is marked not applicable in soa.yaml, but this document implements it"),
                )
                .document(&d.id)
                .control(id)
                .help("remove the control from this document, or make it applicable in soa.yaml"),
            );
        }
    }
    out
}

fn missing_mandatory_documents(hb: &Handbook) -> Vec<Finding> {
    let declared: Vec<&str> = hb
        .documents
        .iter()
        .filter(|d| d.status() != Some(Status::Retired))
        .flat_map(|d| d.src.meta.clauses.iter().map(|c| c.value.as_str()))
        .collect();
    hb.catalog
        .clauses
        .iter()
        .filter(|c| c.requires_document)
        .filter(|c| {
            // A document declaring 9.2.2 covers 9.2.
            !declared.iter().any(|d| {
                *d == c.id
                    || d.strip_prefix(c.id.as_str())
                        .is_some_and(|rest| rest.starts_with('.'))
            })
        })
        .map(|c| {
            Finding::global(
                Code::MissingMandatoryDocument,
                format!(
                    "no document declares clause {} ({}), which requires documented information",
                    c.id, c.title
                ),
            )
            .help(format!(
                "add `clauses: [\"{}\"]` to the document that covers it",
                c.id
            ))
        })
        .collect()
}

fn unmapped_documents(hb: &Handbook) -> Vec<Finding> {
    hb.documents
        .iter()
        .filter(|d| d.src.front_matter_ok && d.status() != Some(Status::Retired))
        .filter(|d| matches!(d.doc_type(), Some(DocType::Policy | DocType::Standard | DocType::Procedure)))
        .filter(|d| d.src.meta.controls.is_empty() && d.src.meta.clauses.is_empty())
        .map(|d| {
            Finding::at(Code::UnmappedDocument, &d.src.path, 1, 1, format!("{} maps to no control and no clause", d.id))
                .document(&d.id)
                .help("add the Annex A controls it implements (`controls:`) or the clauses it satisfies (`clauses:`)")
        })
        .collect()
}

fn unknown_clauses(hb: &Handbook) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in &hb.documents {
        for c in &d.src.meta.clauses {
            // Values outside the schema's pattern (clauses 4-10, at most three levels) were
            // already reported by it.
            let parts: Vec<&str> = c.value.split('.').collect();
            let well_formed = parts.len() <= 3
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                && parts[0].parse::<u32>().is_ok_and(|n| (4..=10).contains(&n));
            if well_formed && hb.catalog.clause(&c.value).is_none() {
                out.push(
                    Finding::at(
                        Code::InvalidFrontMatter,
                        &d.src.path,
                        c.line,
                        c.column,
                        format!(
                            "clauses: `{}` is not a clause of ISO/IEC 27001:2022 (clauses 4 to 10)",
                            c.value
                        ),
                    )
                    .document(&d.id),
                );
            }
        }
    }
    out
}

/// With an `[owners]` table, every owner must be in it (or `codeowners` cannot name a reviewer).
/// The placeholder `ismsbook adopt` writes when it finds no owner is flagged with or without.
fn unknown_owners(hb: &Handbook) -> Vec<Finding> {
    let owners = &hb.config.owners;
    hb.documents
        .iter()
        .filter_map(|d| {
            let owner = d.src.meta.owner.as_ref()?;
            if owner.value == crate::adopt::owners::PLACEHOLDER {
                return Some(
                    Finding::at(
                        Code::UnknownOwner,
                        &d.src.path,
                        owner.line,
                        owner.column,
                        format!(
                            "owner `{}` is a placeholder: `ismsbook adopt` found no CODEOWNERS rule or [owners] entry naming who is accountable for this document",
                            owner.value
                        ),
                    )
                    .document(&d.id)
                    .help("write the accountable person or role, e.g. `owner: CISO`"),
                );
            }
            if owners.is_empty() || owners.contains_key(&owner.value) {
                return None;
            }
            let hint =
                match crate::suggest::did_you_mean(&owner.value, owners.keys().map(String::as_str))
                {
                    Some(s) => {
                        format!("did you mean `{s}`? Otherwise add it to [owners] in ismsbook.toml")
                    }
                    None => format!(
                        "add `\"{}\" = \"@handle\"` under [owners] in ismsbook.toml",
                        owner.value
                    ),
                };
            Some(
                Finding::at(
                    Code::UnknownOwner,
                    &d.src.path,
                    owner.line,
                    owner.column,
                    format!("owner `{}` is not in the [owners] table", owner.value),
                )
                .document(&d.id)
                .help(hint),
            )
        })
        .collect()
}

/// A control the text names that `controls` leaves out: one note per control and document, at
/// the first place the text names it.
fn controls_mentioned(hb: &Handbook) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in &hb.documents {
        for m in &d.src.scan.mentions {
            let Some(idx) = hb.catalog.find(&m.control) else {
                continue;
            };
            if d.controls.contains(&idx) {
                continue;
            }
            let control = hb.catalog.control(idx);
            let named = if m.from_2013 {
                format!(
                    "{} (ISO/IEC 27001:2013), which is {} ({}) in the 2022 edition,",
                    m.written, control.id, control.title
                )
            } else {
                format!("{} ({}),", control.id, control.title)
            };
            out.push(
                Finding::at(
                    Code::ControlMentioned,
                    &d.src.path,
                    m.line,
                    m.column,
                    format!("the text mentions {named} which `controls` does not list"),
                )
                .document(&d.id)
                .control(&control.id)
                .help(format!(
                    "add \"{}\" to `controls` if this document implements it, or ignore this note (`control-mentioned = \"off\"` under [checks] hides them)",
                    control.id
                )),
            );
        }
    }
    out
}

/// Text as written, with control characters (a tab or a `\x01` hiding a `javascript:` scheme)
/// spelled out, so a message shows what is in the file.
fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}
