//! Watch mode's memory between rebuilds: the documents as last read, the last walk, the last
//! links resolved, and the history (read once per session).

use super::read::Loaded;
use crate::git;
use crate::model;
use crate::source::{self, SourceDoc};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Documents parsed by an earlier load, with the file stamp they were read at, so watch mode
/// re-reads only files that changed.
#[derive(Default)]
pub struct DocCache {
    pub(super) entries: HashMap<String, (Option<source::Stamp>, Loaded)>,
    /// The last walk of the content root.
    pub(super) listing: Option<Arc<source::discover::Listing>>,
    /// The last build's documents, in order, with their resolved links.
    pub(super) resolved: Vec<(Arc<SourceDoc>, Arc<[model::links::ResolvedLink]>)>,
    /// The configuration those links were resolved with: `[repository]` makes the URLs of
    /// files on the Git host, `[markdown] raw_html` whether raw HTML has links at all.
    pub(super) resolved_with: Option<LinkConfig>,
    /// Git history, read once per cache: watch mode does not re-read it on every save.
    pub(super) history: Option<Option<Arc<git::History>>>,
    /// The files beside the documents as last read, with the stamps their files had (at
    /// 10,000 documents with a register of 2,000 risks and a framework catalog, reading them
    /// was most of a save's rebuild).
    pub(super) registers: Option<(RegisterStamps, super::Registers)>,
    /// Whether the last load found a file of the registers with another stamp than the load
    /// before it (or none was made): what watch mode was not told of changed too.
    pub(super) registers_changed: bool,
}

impl DocCache {
    /// Whether a file beside the documents (or ismsbook.toml) changed since the load before
    /// the last, whether or not a file event said so.
    pub fn registers_changed(&self) -> bool {
        self.registers_changed
    }
}

/// Each file the registers are read from (and ismsbook.toml), with its stamp (`None`: absent).
pub(super) type RegisterStamps = Vec<(String, Option<source::Stamp>)>;

/// What of ismsbook.toml a link's resolution depends on.
pub(super) type LinkConfig = (Option<crate::config::Repository>, crate::config::RawHtml);

pub(super) fn link_config(config: &crate::config::Config) -> LinkConfig {
    (config.repository.clone(), config.markdown.raw_html)
}

/// Links of the last build that are still right: same documents in the same order, no
/// document id changed, and the link neither targets a changed document nor was broken (a
/// change may have mended it). Everything else is resolved again.
pub(super) fn reusable_links(
    before: &[(Arc<SourceDoc>, Arc<[model::links::ResolvedLink]>)],
    docs: &[Arc<SourceDoc>],
) -> Vec<Option<Arc<[model::links::ResolvedLink]>>> {
    use model::links::ResolvedLink;
    if before.len() != docs.len()
        || before
            .iter()
            .zip(docs)
            .any(|((old, _), new)| old.path != new.path)
    {
        return Vec::new();
    }
    let changed: HashSet<usize> = (0..docs.len())
        .filter(|&i| !Arc::ptr_eq(&before[i].0, &docs[i]))
        .collect();
    let id = |d: &SourceDoc| d.meta.id.as_ref().map(|l| l.value.clone());
    if changed.iter().any(|&i| id(&before[i].0) != id(&docs[i])) {
        return Vec::new();
    }
    before
        .iter()
        .enumerate()
        .map(|(i, (_, links))| {
            let still_valid = !changed.contains(&i)
                && links.iter().all(|r| match r {
                    // What a link to a file outside the handbook finds may change with the
                    // file: asked again.
                    ResolvedLink::Broken(_) | ResolvedLink::Outside { .. } => false,
                    ResolvedLink::Document { doc, .. } => !changed.contains(doc),
                    _ => true,
                });
            still_valid.then(|| Arc::clone(links))
        })
        .collect()
}
