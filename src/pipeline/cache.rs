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

#[cfg(test)]
mod tests {
    use super::super::{load_cached, Context};
    use super::DocCache;
    use std::collections::HashSet;
    use std::sync::Arc;

    fn doc(id: &str, title: &str) -> String {
        format!("---\nid: {id}\ntitle: {title}\ntype: policy\nowner: CISO\nversion: \"1.0\"\nstatus: approved\nlast_reviewed: 2026-01-01\n---\nBody.\n")
    }

    /// The stamp a document is cached with is the one its file had when it was read: an
    /// unchanged file is not read again, and a file saved without a file event (an editor's
    /// save the watcher missed) is, because its stamp moved.
    #[test]
    fn a_cached_document_is_read_again_exactly_when_its_file_changed() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("content");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("a.md"), doc("POL-001", "First")).unwrap();
        std::fs::write(root.join("b.md"), doc("POL-002", "Other")).unwrap();
        let today = "2026-06-01".parse().unwrap();
        let ctx = Context::new(&root, Some(&tmp.path().join("site")), today).unwrap();
        let mut cache = DocCache::default();
        let none = HashSet::new();
        let first = load_cached(&ctx, &mut cache, &none).unwrap().handbook;
        assert_eq!(first.documents[0].title, "First");

        // Longer, so the size differs whatever the file system's time resolution.
        std::fs::write(root.join("a.md"), doc("POL-001", "First, revised")).unwrap();
        let second = load_cached(&ctx, &mut cache, &none).unwrap().handbook;
        assert_eq!(second.documents[0].title, "First, revised");
        assert!(!Arc::ptr_eq(
            &first.documents[0].src,
            &second.documents[0].src
        ));
        assert!(
            Arc::ptr_eq(&first.documents[1].src, &second.documents[1].src),
            "b.md did not change: its parse is reused"
        );
    }
}
