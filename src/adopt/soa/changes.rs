//! What an import changes: `soa.yaml` edited in place, and the `controls` of each document
//! the SoA names (in place, or in plain adopt's proposal for a file without front matter);
//! each change with a summary and a unified diff.

use super::edit;
use super::repo::Doc;
use super::{Change, Import, Imported, Reported};
use crate::adopt::{Plan, SoaControl};
use crate::catalog::{Catalog, ControlIdx};
use crate::error::Error;
use crate::model::soa::ImplStatus;
use crate::pipeline::Context;
use crate::source::document::{self, ParsedFile};
use crate::source::{Source, WorkTree};
use std::collections::BTreeMap;
use std::path::Path;

/// The change to `soa.yaml`, if any.
pub(super) fn soa_yaml_change(
    ctx: &Context,
    source: &WorkTree,
    import: &mut Import,
    docs: &[Doc],
    own: Option<&str>,
    catalog: &Catalog,
) -> Result<(), Error> {
    let name = crate::model::soa::FILE_NAME;
    let before = match source.read(name) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(&ctx.root.join(name), e)),
    };
    let original = match &before {
        Some(b) => match String::from_utf8(b.clone()) {
            Ok(t) => t,
            Err(_) => {
                import.problems.push(crate::adopt::Left {
                    path: name.to_owned(),
                    reason: "not UTF-8 text; save it as UTF-8, then import again".into(),
                });
                return Ok(());
            }
        },
        None => String::new(),
    };
    let current = crate::model::soa::Soa::parse(&original, catalog).decisions;
    // Controls an approved document implements, once the SoA's documents list them too. The
    // SoA itself, a document of the repository that names every control, implements none.
    let approved: BTreeMap<&str, bool> = docs
        .iter()
        .map(|d| {
            (
                d.target.path.as_str(),
                d.approved && Some(d.target.path.as_str()) != own,
            )
        })
        .collect();
    let implemented = |idx: ControlIdx, c: &Imported| {
        docs.iter().any(|d| {
            approved
                .get(d.target.path.as_str())
                .copied()
                .unwrap_or(false)
                && d.controls.contains(&idx)
        }) || c
            .documents
            .iter()
            .any(|p| approved.get(p.path.as_str()).copied().unwrap_or(false))
    };
    // A decision turned round without a reason of its own keeps the file's, which then
    // reads as the opposite reason: the file has no way to say it is gone, so it is said here.
    for c in &import.controls {
        let Some(existing) = catalog.find(&c.control).and_then(|i| current.get(&i)) else {
            continue;
        };
        let (Some(now), Some(old), None) =
            (c.applicable, &existing.justification, &c.justification)
        else {
            continue;
        };
        if now == existing.applicable {
            continue;
        }
        let (cell, text) = c.applicable_cell.clone().unwrap_or_default();
        let (becomes, was) = if now {
            ("applicable", "excluding")
        } else {
            ("excluded", "applying")
        };
        import.reported.push(Reported {
            cell,
            text,
            why: format!(
                "{} becomes {becomes} and soa.yaml keeps its justification for {was} it, {old:?}; write the new reason in the SoA or in soa.yaml",
                c.control
            ),
            left_out: false,
        });
    }
    let decisions: Vec<(ControlIdx, edit::Decision)> = import
        .controls
        .iter()
        .filter_map(|c| {
            let idx = catalog.find(&c.control)?;
            let existing = current.get(&idx);
            // The status the handbook already shows without one in soa.yaml (implemented when
            // an approved document implements the control, else not implemented) is not
            // written: the export's status column reads back as no change.
            let derived = if implemented(idx, c) {
                ImplStatus::Implemented
            } else {
                ImplStatus::NotImplemented
            };
            let status = match (c.status, existing.and_then(|d| d.status)) {
                (Some(s), None) if s == derived => None,
                (s, _) => s,
            };
            Some((
                idx,
                edit::Decision {
                    applicable: c.applicable,
                    justification: c.justification.as_deref().and_then(|j| {
                        without_treats(j, existing.and_then(|d| d.justification.as_deref()))
                    }),
                    status,
                    note: c.note.clone(),
                },
            ))
        })
        .collect();
    let edited = match edit::soa_yaml(&original, &decisions, catalog) {
        Ok(t) => t,
        Err(why) => {
            import.problems.push(crate::adopt::Left {
                path: name.to_owned(),
                reason: why,
            });
            return Ok(());
        }
    };
    let after = match &before {
        Some(_) => edited,
        None if edited.trim().is_empty() => return Ok(()),
        None => format!(
            "# Statement of Applicability decisions (ISO/IEC 27001:2022, 6.1.3 d), imported from\n# {} by ismsbook adopt --soa. A control not listed here is applicable.\n\n{edited}",
            Path::new(&import.file)
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned())
        ),
    };
    if after == original && before.is_some() {
        return Ok(());
    }
    let summary = soa_summary(&original, &after, catalog);
    import.changes.push(Change {
        path: name.to_owned(),
        summary,
        diff: unified(name, &original, &after),
        before,
        after: after.into_bytes(),
    });
    Ok(())
}

/// The justification as written, without the "Treats R-01, R-07" the export adds from the
/// risk register (ISO/IEC 27001 6.1.3 d): the register says it, soa.yaml need not. The export
/// joins the two with ". " after a justification without a full stop, so `existing` decides
/// whether that full stop was written. None: nothing but the risks.
fn without_treats(text: &str, existing: Option<&str>) -> Option<String> {
    let text = text.trim();
    // In whichever shipped language the SoA was exported.
    let Some(start) = super::own::treats_at(text) else {
        return Some(text.to_owned());
    };
    let written = text[..start].trim_end();
    // Nothing written, or what the export says for a control without a justification.
    if written.is_empty() || super::own::is_derived(written) {
        return None;
    }
    match (existing, written.strip_suffix(['.', '。'])) {
        (Some(old), Some(bare)) if old.trim() == bare => Some(old.to_owned()),
        _ => Some(written.to_owned()),
    }
}

/// `2 entries added, 3 changed`.
fn soa_summary(before: &str, after: &str, catalog: &Catalog) -> String {
    let b = crate::model::soa::Soa::parse(before, catalog).decisions;
    let a = crate::model::soa::Soa::parse(after, catalog).decisions;
    let added = a.keys().filter(|k| !b.contains_key(k)).count();
    let changed = a
        .iter()
        .filter(|(k, v)| {
            b.get(k).is_some_and(|old| {
                (old.applicable, &old.justification, old.status, &old.note)
                    != (v.applicable, &v.justification, v.status, &v.note)
            })
        })
        .count();
    let mut parts = Vec::new();
    if added > 0 {
        parts.push(format!(
            "{added} {} added",
            if added == 1 { "entry" } else { "entries" }
        ));
    }
    if changed > 0 {
        parts.push(format!("{changed} changed"));
    }
    if parts.is_empty() {
        parts.push("comments and layout only".into());
    }
    parts.join(", ")
}

/// Adds each document's controls: in place for files with front matter, into plain adopt's
/// proposal for files without.
pub(super) fn document_changes(
    docs: &[Doc],
    import: &mut Import,
    plan: &mut Plan,
    catalog: &Catalog,
) {
    let mut per_doc: BTreeMap<&str, Vec<(ControlIdx, String)>> = BTreeMap::new();
    for c in &import.controls {
        let Some(idx) = catalog.find(&c.control) else {
            continue;
        };
        for p in &c.documents {
            per_doc
                .entry(p.path.as_str())
                .or_default()
                .push((idx, p.cell.clone()));
        }
    }
    let by_path: BTreeMap<&str, &Doc> = docs.iter().map(|d| (d.target.path.as_str(), d)).collect();
    let mut changes = Vec::new();
    let mut problems = Vec::new();
    for (path, mut ids) in per_doc {
        ids.sort();
        ids.dedup_by_key(|(idx, _)| *idx);
        let Some(doc) = by_path.get(path) else {
            continue;
        };
        if let Some(why) = &doc.blocked {
            problems.push(crate::adopt::Left {
                path: path.to_owned(),
                reason: format!("controls not added: {why}"),
            });
            continue;
        }
        let canonical: Vec<String> = ids
            .iter()
            .map(|(i, _)| catalog.control(*i).id.clone())
            .collect();
        match &doc.bytes {
            Some(bytes) => match edit::add_controls(bytes, &canonical) {
                Ok(Some(after)) => {
                    let before_text = String::from_utf8_lossy(bytes);
                    let after_text = String::from_utf8_lossy(&after);
                    let added = added_ids(bytes, &after, catalog);
                    changes.push(Change {
                        path: path.to_owned(),
                        summary: format!("controls + {}", added.join(", ")),
                        diff: unified(path, &before_text, &after_text),
                        before: Some(bytes.clone()),
                        after,
                    });
                }
                Ok(None) => {}
                Err(why) => problems.push(crate::adopt::Left {
                    path: path.to_owned(),
                    reason: format!("controls not added: {why}"),
                }),
            },
            None => {
                let Some(proposal) = plan.proposals.iter_mut().find(|p| p.path == path) else {
                    continue;
                };
                let add = ids
                    .iter()
                    .map(|(i, cell)| SoaControl {
                        control: catalog.control(*i).id.clone(),
                        title: catalog.control(*i).title.clone(),
                        from: cell.clone(),
                    })
                    .collect();
                if let Err(why) = proposal.add_soa_controls(add) {
                    problems.push(crate::adopt::Left {
                        path: path.to_owned(),
                        reason: format!("controls not added: {why}"),
                    });
                }
            }
        }
    }
    import.changes.extend(changes);
    import.problems.extend(problems);
}

/// The controls `after` lists that `before` does not, canonical.
fn added_ids(before: &[u8], after: &[u8], catalog: &Catalog) -> Vec<String> {
    let ids = |bytes: &[u8]| -> Vec<ControlIdx> {
        match document::parse("x.md", bytes.to_vec()) {
            ParsedFile::Doc(d) => d
                .meta
                .controls
                .iter()
                .filter_map(|c| catalog.find(&c.value))
                .collect(),
            ParsedFile::Unreadable(_) => Vec::new(),
        }
    };
    let old = ids(before);
    let mut new: Vec<ControlIdx> = ids(after)
        .into_iter()
        .filter(|i| !old.contains(i))
        .collect();
    new.sort_unstable();
    new.dedup();
    new.into_iter()
        .map(|i| catalog.control(i).id.clone())
        .collect()
}

/// A unified diff, three lines of context.
fn unified(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::without_treats;

    #[test]
    fn the_risks_the_export_adds_are_not_imported() {
        assert_eq!(without_treats("Treats R-01, R-07", None), None);
        // Exported in German and Japanese.
        assert_eq!(
            without_treats(
                "Umgesetzt durch die aufgeführten Dokumente. Behandelt R-02",
                None
            ),
            None
        );
        assert_eq!(
            without_treats(
                "契約上の要求事項。対応リスク R-07",
                Some("契約上の要求事項")
            ),
            Some("契約上の要求事項".to_owned())
        );
        assert_eq!(
            without_treats("Implemented by the documents listed. Treats R-02", None),
            None
        );
        assert_eq!(
            without_treats(
                "Business continuity requirement. Treats R-07, R-11",
                Some("Business continuity requirement")
            ),
            Some("Business continuity requirement".to_owned())
        );
        assert_eq!(
            without_treats("Legal requirement. Treats R-07", Some("Legal requirement.")),
            Some("Legal requirement.".to_owned())
        );
        // An edit in Excel stays an edit.
        assert_eq!(
            without_treats(
                "Customer contracts require it. Treats R-07",
                Some("Legal requirement")
            ),
            Some("Customer contracts require it.".to_owned())
        );
        // Words that only start like the export's are the organisation's.
        assert_eq!(
            without_treats("Treats removable media as assets", None),
            Some("Treats removable media as assets".to_owned())
        );
        assert_eq!(
            without_treats("Required by contract", None),
            Some("Required by contract".to_owned())
        );
    }
}
