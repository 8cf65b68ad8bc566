//! The documents an SoA cell names, resolved to files of the repository: by link, path or
//! file name, document id, or title — a close title match is said to be one. What resolves
//! to nothing is returned as it was written, for the report.

use super::read::Cell;
use super::values::{says_nothing, words};
use serde::Serialize;
use std::collections::HashMap;

/// A document of the repository an SoA may name.
#[derive(Debug, Clone)]
pub struct Target {
    /// Repository path, `/`-separated.
    pub path: String,
    pub id: Option<String>,
    pub title: String,
}

/// How a reference was resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum How {
    Link,
    Path,
    Id,
    Title,
    /// A title close to the one written (a typo, a word more or less): check it.
    CloseTitle,
}

impl How {
    pub fn label(&self) -> &'static str {
        match self {
            How::Link => "by link",
            How::Path => "by file name",
            How::Id => "by id",
            How::Title => "by title",
            How::CloseTitle => "by a close title",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ref {
    Found {
        target: usize,
        how: How,
        written: String,
    },
    Unresolved {
        written: String,
        why: String,
    },
    /// Words that name no document and do not look like a reference either (`Covered by AWS
    /// physical controls`, `Add NDA register`): what the organisation wrote about the control.
    Prose(String),
}

/// The documents, indexed for lookup.
pub struct Targets {
    pub list: Vec<Target>,
    by_path: HashMap<String, usize>,
    /// Lower-case file name and stem → documents (several files may share a name).
    by_name: HashMap<String, Vec<usize>>,
    by_id: HashMap<String, usize>,
    by_title: HashMap<String, Vec<usize>>,
}

/// A title's letters and digits, lower case: `🔐 Access-Control Policy` → `accesscontrolpolicy`.
fn key(s: &str) -> String {
    words(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

impl Targets {
    pub fn new(list: Vec<Target>) -> Targets {
        let mut t = Targets {
            by_path: HashMap::new(),
            by_name: HashMap::new(),
            by_id: HashMap::new(),
            by_title: HashMap::new(),
            list: Vec::new(),
        };
        for (i, d) in list.iter().enumerate() {
            t.by_path.insert(d.path.to_lowercase(), i);
            let name = d.path.rsplit('/').next().unwrap_or(&d.path).to_lowercase();
            let stem = name
                .rsplit_once('.')
                .map_or(name.as_str(), |(s, _)| s)
                .to_owned();
            t.by_name.entry(stem.clone()).or_default().push(i);
            if stem != name {
                t.by_name.entry(name).or_default().push(i);
            }
            if let Some(id) = &d.id {
                t.by_id.insert(id.to_lowercase(), i);
            }
            t.by_title.entry(key(&d.title)).or_default().push(i);
        }
        t.list = list;
        t
    }

    /// The references in a cell: its links first, then the text around them, split into
    /// pieces (`;`, line breaks, `•`), each resolved.
    pub fn cell(&self, cell: &Cell, base: &str) -> Vec<Ref> {
        let mut out = Vec::new();
        let mut text = cell.text.clone();
        for link in &cell.links {
            let target = link.target.trim();
            if target.is_empty() || target.starts_with('#') {
                continue;
            }
            let found = self.link(target, &link.text, base);
            // A workbook's hyperlink on the whole cell (the export links a cell naming several
            // documents to the control's page): the cell's text names the documents
            // (`POL-001 …; STD-002 …`), each of them, not only the first the link's text
            // starts with.
            let whole_cell = link.text.trim() == cell.text.trim() && cell.links.len() == 1;
            if whole_cell {
                let pieces = self.pieces(&cell.text);
                let named =
                    !pieces.is_empty() && pieces.iter().all(|r| matches!(r, Ref::Found { .. }));
                match found {
                    Ref::Found { how: How::Link, .. } if named => {
                        return dedup(std::iter::once(found).chain(pieces).collect());
                    }
                    _ if named => return dedup(pieces),
                    Ref::Unresolved { .. } => return vec![found],
                    Ref::Found { .. } | Ref::Prose(_) => {}
                }
            }
            // The link's text is the same reference: not to be read twice.
            if let Some(at) = text
                .find(link.text.trim())
                .filter(|_| !link.text.trim().is_empty())
            {
                text.replace_range(at..at + link.text.trim().len(), "\n");
            }
            out.push(found);
        }
        out.extend(self.pieces(&text));
        dedup(out)
    }

    /// The references in text: pieces split at `;`, line breaks, `•`, each resolved.
    fn pieces(&self, text: &str) -> Vec<Ref> {
        let mut out = Vec::new();
        for piece in text.split(['\n', ';', '•', '·', '|']) {
            let piece = piece.trim_matches(|c: char| {
                c.is_whitespace() || matches!(c, ',' | '-' | '–' | '—' | '/')
            });
            if words(piece).chars().all(|c| !c.is_alphanumeric()) || says_nothing(piece) {
                continue;
            }
            // The piece as one document's id, path or title; else its parts (`Access Control
            // Policy, Cryptography Policy`) each on its own; only then a close title for the
            // whole, which would take the first of two titles for one.
            let parts: Vec<&str> = piece
                .split([','])
                .flat_map(|p| p.split(" and ").flat_map(|p| p.split(" & ")))
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            let found_parts = || -> Option<Vec<Ref>> {
                (parts.len() > 1)
                    .then(|| parts.iter().map(|p| self.text(p)).collect())
                    .flatten()
            };
            if is_web_address(piece) {
                // As a hyperlink's: its file name may be another repository's.
                out.push(Ref::Unresolved {
                    written: piece.to_owned(),
                    why: WEB_ADDRESS.into(),
                });
            } else if let Some(found) = self.exact(piece) {
                out.push(found);
            } else if let Some(found) = found_parts() {
                out.extend(found);
            } else if let Some(found) = self.close(piece) {
                out.push(found);
            } else if !looks_like_reference(piece) {
                out.push(Ref::Prose(piece.to_owned()));
            } else {
                out.push(Ref::Unresolved {
                    written: piece.to_owned(),
                    why: "no document has this id, file name or title".into(),
                });
            }
        }
        out
    }

    fn link(&self, target: &str, text: &str, base: &str) -> Ref {
        let written = target.to_owned();
        if is_web_address(target) {
            // A web address may still carry the document's title as its text.
            return match self.text(text.trim()) {
                Some(found) => found,
                None => Ref::Unresolved {
                    written,
                    why: WEB_ADDRESS.into(),
                },
            };
        }
        let path = target.split(['#', '?']).next().unwrap_or(target);
        let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let joined = if let Some(abs) = path.strip_prefix('/') {
            abs.to_owned()
        } else if base.is_empty() {
            path.into_owned()
        } else {
            format!("{base}/{path}")
        };
        match normalise(&joined).and_then(|p| self.by_path.get(&p.to_lowercase())) {
            Some(&i) => Ref::Found {
                target: i,
                how: How::Link,
                written,
            },
            // `[POL-005 Access Control](../site/policies/access-control.html)`: the text may
            // name the document the link does not.
            None => self.text(text.trim()).unwrap_or(Ref::Unresolved {
                written,
                why: "links to a file that is not a document of the handbook".into(),
            }),
        }
    }

    /// A piece of text naming one document, if it does, by its id, path, title or a close
    /// title.
    fn text(&self, piece: &str) -> Option<Ref> {
        self.exact(piece).or_else(|| self.close(piece))
    }

    fn close(&self, piece: &str) -> Option<Ref> {
        Some(Ref::Found {
            target: self.close_title(piece)?,
            how: How::CloseTitle,
            written: piece.to_owned(),
        })
    }

    /// A piece of text naming one document by its id, path or title, if it does.
    fn exact(&self, piece: &str) -> Option<Ref> {
        let written = piece.to_owned();
        let found = |target: usize, how: How| {
            Some(Ref::Found {
                target,
                how,
                written: written.clone(),
            })
        };
        // `Information Security Policy § Roles`: the section does not matter here.
        let piece = piece.split(['§', '#']).next().unwrap_or(piece).trim();
        let piece =
            piece.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '/');
        if piece.is_empty() {
            return None;
        }
        // A document id first: `POL-001`, `POL-001 Information Security Policy`.
        let first = piece.split_whitespace().next().unwrap_or(piece);
        let first = first.trim_end_matches([':', ',', '.']);
        if let Some(&i) = self.by_id.get(&first.to_lowercase()) {
            return found(i, How::Id);
        }
        let lower = piece.to_lowercase();
        if let Some(p) = normalise(&lower) {
            if let Some(&i) = self.by_path.get(&p) {
                return found(i, How::Path);
            }
        }
        let name = lower.rsplit('/').next().unwrap_or(&lower);
        if let Some([i]) = self.by_name.get(name).map(Vec::as_slice) {
            return found(*i, How::Path);
        }
        let k = key(piece);
        if k.is_empty() {
            return None;
        }
        if let Some([i]) = self.by_title.get(&k).map(Vec::as_slice) {
            return found(*i, How::Title);
        }
        None
    }

    /// The one document whose title is a typo away (each word a letter or two off, its first
    /// letter right), or whose title's words include every word written from its first on
    /// (`Access Control` → `Access Control Policy`), or begin the words written (`Access
    /// Control Policy v2`). Never a title with another word in its place (`Data Retention
    /// Policy` is not the Data Protection Policy) or before it (`Remote Access Policy` is not
    /// the Access Policy): a wrong document is worse than none.
    fn close_title(&self, piece: &str) -> Option<usize> {
        let mine: Vec<String> = significant(piece);
        let titles = self.list.iter().map(|d| d.title.as_str());
        if let Some(t) = crate::suggest::did_you_mean(piece, titles) {
            let k = key(t);
            if let Some([i]) = self.by_title.get(&k).map(Vec::as_slice) {
                if typo_of(&mine, &significant(t)) {
                    return Some(*i);
                }
            }
        }
        if mine.len() < 2 {
            return None;
        }
        let mut hits = self.list.iter().enumerate().filter(|(_, d)| {
            let theirs = significant(&d.title);
            in_order_from_first(&mine, &theirs) || theirs.len() >= 2 && mine.starts_with(&theirs)
        });
        let first = hits.next()?;
        hits.next().is_none().then_some(first.0)
    }
}

/// `written` is `title` with typos: as many words, each the same or a letter or two off with
/// the same first letter (`Acess` for `Access`; not `Retention` for `Protection`).
fn typo_of(written: &[String], title: &[String]) -> bool {
    written.len() == title.len()
        && written.iter().zip(title).all(|(w, t)| {
            w == t
                || w.chars().next() == t.chars().next()
                    && crate::suggest::did_you_mean(w, [t.as_str()]).is_some()
        })
}

/// Every word of `written`, in order, is in `title`, the first being its first.
fn in_order_from_first(written: &[String], title: &[String]) -> bool {
    if written.first() != title.first() {
        return false;
    }
    let mut rest = title.iter();
    written.iter().all(|w| rest.any(|t| t == w))
}

const WEB_ADDRESS: &str = "a web address, not a file of the repository";

/// `https://…`, `mailto:…`, `//host/…`, `www.…`: not a path of the repository.
fn is_web_address(s: &str) -> bool {
    let first = s.split_whitespace().next().unwrap_or("");
    first.contains("://")
        || first.starts_with("mailto:")
        || first.starts_with("//")
        || first.to_ascii_lowercase().starts_with("www.")
}

/// One document named twice in a cell (by link and by title) is one pair.
fn dedup(mut refs: Vec<Ref>) -> Vec<Ref> {
    let mut seen = Vec::new();
    refs.retain(|r| match r {
        Ref::Found { target, .. } if seen.contains(target) => false,
        Ref::Found { target, .. } => {
            seen.push(*target);
            true
        }
        Ref::Unresolved { .. } | Ref::Prose(_) => true,
    });
    refs
}

/// A file name (`HR-Handbook.pdf`), a path, or a document id (`POL-014`): what names a
/// document even when none is found. Anything else is prose.
fn looks_like_reference(piece: &str) -> bool {
    let first = piece.split_whitespace().next().unwrap_or("");
    let id_like = first.split_once('-').is_some_and(|(p, n)| {
        (2..=6).contains(&p.len())
            && p.bytes().all(|b| b.is_ascii_uppercase())
            && !n.is_empty()
            && n.bytes().all(|b| b.is_ascii_digit())
    });
    let file_like = piece.split_whitespace().any(|w| {
        w.split_once('/')
            .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())
            || w.rsplit_once('.').is_some_and(|(stem, ext)| {
                !stem.is_empty()
                    && matches!(
                        ext.to_ascii_lowercase().as_str(),
                        "md" | "markdown"
                            | "pdf"
                            | "docx"
                            | "doc"
                            | "xlsx"
                            | "xls"
                            | "pptx"
                            | "txt"
                            | "html"
                            | "htm"
                            | "odt"
                    )
            })
    });
    id_like || file_like || document_name(piece)
}

/// The name of a document rather than words about the control: a few words in title case
/// ending in what documents are (`Data Retention Policy`, `Backup Procedure`), or starting
/// with it in German and French (`Richtlinie zum Datenschutz`, `Politique de sauvegarde`).
/// `Add NDA register` is a note.
fn document_name(piece: &str) -> bool {
    const LAST: &[&str] = &[
        "policy",
        "policies",
        "procedure",
        "procedures",
        "standard",
        "plan",
        "guideline",
        "guidelines",
        "register",
        "manual",
        "handbook",
        "charter",
        "richtlinie",
        "leitlinie",
        "handbuch",
    ];
    const FIRST: &[&str] = &[
        "richtlinie",
        "leitlinie",
        "verfahrensanweisung",
        "handbuch",
        "politique",
        "procédure",
        "charte",
        "directive",
    ];
    const SMALL: &[&str] = &["and", "of", "for", "the", "&", "on", "to", "in"];
    let ws: Vec<&str> = piece.split_whitespace().collect();
    if ws.is_empty() || ws.len() > 6 {
        return false;
    }
    let lower = |w: &&str| w.to_lowercase();
    let title_case = ws.iter().all(|w| {
        SMALL.contains(&w.to_lowercase().as_str()) || w.starts_with(|c: char| !c.is_lowercase())
    });
    (title_case
        && ws
            .last()
            .map(lower)
            .is_some_and(|w| LAST.contains(&w.as_str())))
        || ws
            .first()
            .map(lower)
            .is_some_and(|w| FIRST.contains(&w.as_str()))
}

/// A title's words that say something (`the`, `and`, `of` left out).
fn significant(s: &str) -> Vec<String> {
    const SMALL: &[&str] = &[
        "the", "and", "of", "for", "a", "an", "&", "und", "der", "die", "das", "de", "la", "le",
        "et", "des", "du",
    ];
    words(s)
        .split(' ')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty() && !SMALL.contains(&w.as_str()))
        .collect()
}

/// `a/./b/../c.md` → `a/c.md`; `None` when it climbs out of the repository.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split(['/', '\\']) {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adopt::soa::read::Link;

    fn targets() -> Targets {
        Targets::new(vec![
            Target {
                path: "policies/Access_Control_Policy.md".into(),
                id: Some("POL-005".into()),
                title: "Access Control Policy".into(),
            },
            Target {
                path: "policies/Clear_Desk_Policy.md".into(),
                id: None,
                title: "Clear Desk and Screen Policy".into(),
            },
            Target {
                path: "Information_Security_Policy.md".into(),
                id: Some("POL-001".into()),
                title: "🔐 Information Security Policy".into(),
            },
        ])
    }

    fn cell(text: &str, links: &[(&str, &str)]) -> Cell {
        Cell {
            text: text.into(),
            links: links
                .iter()
                .map(|(t, l)| Link {
                    text: (*t).into(),
                    target: (*l).into(),
                })
                .collect(),
            numeric: false,
        }
    }

    fn found(refs: &[Ref]) -> Vec<(usize, How)> {
        refs.iter()
            .filter_map(|r| match r {
                Ref::Found { target, how, .. } => Some((*target, how.clone())),
                Ref::Unresolved { .. } | Ref::Prose(_) => None,
            })
            .collect()
    }

    #[test]
    fn links_ids_file_names_and_titles() {
        let t = targets();
        let c = cell(
            "🔐 Information Security Policy § Roles • Access Control Policy",
            &[(
                "🔐 Information Security Policy § Roles",
                "../Information_Security_Policy.md#-roles",
            )],
        );
        assert_eq!(
            found(&t.cell(&c, "policies")),
            [(2, How::Link), (0, How::Title)]
        );
        let c = cell("POL-005 Access Control Policy; Clear_Desk_Policy.md", &[]);
        assert_eq!(found(&t.cell(&c, "")), [(0, How::Id), (1, How::Path)]);
        let c = cell("Access Control Policy, Information Security Policy", &[]);
        assert_eq!(found(&t.cell(&c, "")), [(0, How::Title), (2, How::Title)]);
    }

    #[test]
    fn close_titles_are_said_to_be_close_and_the_rest_is_unresolved() {
        let t = targets();
        let c = cell(
            "Acess Control Policy\nClear Desk Policy\nHR-Handbook.pdf\nPOL-099\nCovered by AWS physical controls",
            &[("Confluence", "https://wiki.example.com/x")],
        );
        let refs = t.cell(&c, "");
        assert_eq!(found(&refs), [(0, How::CloseTitle), (1, How::CloseTitle)]);
        let unresolved: Vec<&str> = refs
            .iter()
            .filter_map(|r| match r {
                Ref::Unresolved { written, .. } => Some(written.as_str()),
                Ref::Found { .. } | Ref::Prose(_) => None,
            })
            .collect();
        assert_eq!(
            unresolved,
            ["https://wiki.example.com/x", "HR-Handbook.pdf", "POL-099"]
        );
        assert!(refs.contains(&Ref::Prose("Covered by AWS physical controls".into())));
    }

    #[test]
    fn names_of_documents_are_references_and_the_rest_prose() {
        for piece in [
            "Data Retention Policy",
            "Backup and Restore Procedure",
            "Richtlinie zum Datenschutz",
            "Politique de sauvegarde",
            "HR-Handbook.pdf",
            "POL-014",
        ] {
            assert!(looks_like_reference(piece), "{piece}");
        }
        for piece in [
            "Covered by AWS physical controls",
            "Add NDA register",
            "see the access policy",
            "Handled by the provider under its own security policy and audited every year",
        ] {
            assert!(!looks_like_reference(piece), "{piece}");
        }
    }

    #[test]
    fn a_link_to_a_file_that_is_no_document_is_unresolved() {
        let t = targets();
        let c = cell("Checklist", &[("Checklist", "./templates/Checklist.md")]);
        assert!(
            matches!(&t.cell(&c, "")[..], [Ref::Unresolved { why, .. }] if why.contains("not a document"))
        );
        assert!(t
            .cell(&cell("x", &[("x", "../../etc/passwd")]), "")
            .iter()
            .all(|r| matches!(r, Ref::Unresolved { .. })));
    }
}
