//! The documents of the repository an SoA may name: with front matter (edited in place), or
//! without (their front matter is what plain `adopt` proposes).

use super::refs::Target;
use crate::adopt::Plan;
use crate::catalog::{Catalog, ControlIdx};
use crate::error::Error;
use crate::source::document::{self, ParsedFile};
use crate::source::{Source, WorkTree};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// A document of the repository, as the import may change it.
pub(super) struct Doc {
    pub(super) target: Target,
    /// The file's bytes when it has front matter that loads (edited in place); `None` for a
    /// file plain adopt proposes front matter for.
    pub(super) bytes: Option<Vec<u8>>,
    /// Why the file cannot be changed (front matter that does not load, not UTF-8).
    pub(super) blocked: Option<String>,
    /// Approved (or proposed, which is approved): a document in force implements its controls.
    pub(super) approved: bool,
    /// The controls it lists (or is proposed to list).
    pub(super) controls: Vec<ControlIdx>,
}

pub(super) fn documents(source: &WorkTree, plan: &Plan) -> Result<Vec<Doc>, Error> {
    let catalog = Catalog::iso27001_2022();
    let paths = source.documents()?;
    let proposed: BTreeMap<&str, &crate::adopt::Proposal> = plan
        .proposals
        .iter()
        .map(|p| (p.path.as_str(), p))
        .collect();
    Ok(paths
        .par_iter()
        .map(|path| {
            if let Some(p) = proposed.get(path.as_str()) {
                return Doc {
                    target: Target {
                        path: path.clone(),
                        id: Some(p.id.clone()),
                        title: p.title.clone(),
                    },
                    bytes: None,
                    blocked: None,
                    approved: true,
                    controls: p.controls.iter().filter_map(|c| catalog.find(&c.control)).collect(),
                };
            }
            let fallback = Target {
                path: path.clone(),
                id: None,
                title: crate::adopt::infer::title_from_name(path),
            };
            let bytes = match source.read(path) {
                Ok(b) => b,
                Err(e) => {
                    return Doc {
                        target: fallback,
                        bytes: None,
                        blocked: Some(format!("cannot read it: {e}")),
                        approved: false,
                        controls: Vec::new(),
                    }
                }
            };
            match document::parse(path, bytes.clone()) {
                ParsedFile::Doc(doc) => {
                    let title = doc
                        .meta
                        .title
                        .clone()
                        .or_else(|| {
                            doc.scan
                                .headings
                                .iter()
                                .find(|h| h.level == 1)
                                .map(|h| h.text.clone())
                        })
                        .unwrap_or(fallback.title);
                    let ok = doc.front_matter_ok;
                    let approved = doc.meta.status == Some(crate::source::meta::Status::Approved);
                    let controls = doc
                        .meta
                        .controls
                        .iter()
                        .filter_map(|c| catalog.find(&c.value))
                        .collect();
                    Doc {
                        approved,
                        controls,
                        target: Target {
                            path: path.clone(),
                            id: doc.meta.id.map(|l| l.value),
                            title,
                        },
                        bytes: ok.then_some(bytes),
                        blocked: (!ok).then(|| {
                            "its front matter does not load; fix it (ismsbook check says how), then import again".to_owned()
                        }),
                    }
                }
                ParsedFile::Unreadable(f) => Doc {
                    target: fallback,
                    bytes: None,
                    blocked: Some(f.message),
                    approved: false,
                    controls: Vec::new(),
                },
            }
        })
        .collect())
}
