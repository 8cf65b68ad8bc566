//! Watch mode renders only the pages a save can affect, and makes print.html and the search
//! index from those pages' parses plus fresh ones for the rest. After a save, its site must be
//! byte for byte the site a full build of the same content writes.

mod common;

use common::{ismsbook, path_str, Repo, TODAY};
use ismsbook::serve::rebuild::{Rebuilt, Session};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// Every file of a site by relative path, without ismsbook's own marker (it lists the files,
/// which both sites have the same of, but is not part of what is published).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read site folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .expect("inside the site")
                    .to_string_lossy()
                    .replace('\\', "/");
                if !rel.starts_with(".ismsbook") {
                    out.insert(rel, std::fs::read(&path).expect("read site file"));
                }
            }
        }
    }
    out
}

#[test]
fn a_watch_rebuild_writes_the_same_site_as_a_full_build() {
    let a = watch_and_build("");
    let print = String::from_utf8_lossy(&a["print.html"]);
    assert!(
        print.contains("Saved in watch mode"),
        "the save is in print.html"
    );
    let index = String::from_utf8_lossy(&a["search-index.js"]);
    assert!(
        index.contains("watching"),
        "the save is in the search index"
    );
}

#[test]
fn a_watch_rebuild_of_a_handbook_printed_in_parts_writes_the_same_parts() {
    // Three documents a printable page: policies in parts, print.html their list.
    let a = watch_and_build("\n[print]\nmax_documents = 3\n");
    let parts: Vec<&String> = a.keys().filter(|k| k.starts_with("print/")).collect();
    assert!(parts.len() > 2, "{parts:?}");
    let saved: Vec<&&String> = parts
        .iter()
        .filter(|p| String::from_utf8_lossy(&a[p.as_str()]).contains("Saved in watch mode"))
        .collect();
    assert_eq!(
        saved.len(),
        1,
        "the save is on one printable page: {saved:?}"
    );
    assert!(saved[0].starts_with("print/policy"), "{saved:?}");
    assert!(!String::from_utf8_lossy(&a["print.html"]).contains("Saved in watch mode"));
}

/// Copies the example (with `config` added to its ismsbook.toml), watches it, saves a policy,
/// and checks the watched site against a full build of the same content; returns its files.
fn watch_and_build(config: &str) -> BTreeMap<String, Vec<u8>> {
    let mut watched = Watched::new(config);
    // An approved policy (so it is in print.html): a new heading, a link to another document,
    // a footnote and a code block, all of which print.html rewrites and search indexes.
    watched.save("policies/access-control.md", &|text| {
        text.to_owned()
            + "\n## Saved in watch mode\n\nSee [[POL-003]] and the [classification](data-classification.md)[^w].\n\n\
               ```yaml\nreview: quarterly\n```\n\n[^w]: Added while watching.\n"
    })
}

#[test]
fn saves_one_after_another_keep_the_site_that_of_a_full_build() {
    // Printable pages of three documents, which watch mode keeps when no save reached them;
    // each save below reaches another page through what it shows of a document.
    let mut watched = Watched::new("\n[print]\nmax_documents = 3\n");
    let jml = |files: &BTreeMap<String, Vec<u8>>| -> Vec<String> {
        files
            .iter()
            .filter(|(name, bytes)| {
                name.starts_with("print/")
                    // The section of PRO-005, the Joiners, Movers and Leavers Procedure.
                    && String::from_utf8_lossy(bytes).contains("id=\"doc-pro-005\"")
            })
            .map(|(name, _)| name.clone())
            .collect()
    };
    let policy = "policies/access-control.md";
    let a = watched.save(policy, &|t| t.to_owned() + "\nA sentence saved first.\n");
    let printed_in = jml(&a);
    assert_eq!(printed_in.len(), 1, "{printed_in:?}");
    assert!(
        printed_in[0].starts_with("print/procedure"),
        "{printed_in:?}"
    );
    // The procedure links to the policy by id ([[POL-002]]): the link shows its new title.
    let a = watched.save(policy, &|t| {
        t.replace(
            "title: Access Control Policy",
            "title: Identity and Access Policy",
        )
    });
    let procedures = String::from_utf8_lossy(&a[&printed_in[0]]);
    assert!(
        procedures.contains("Identity and Access Policy"),
        "{}",
        printed_in[0]
    );
    // The same body, saved again unchanged, and another document's body.
    watched.save(policy, &|t| t.to_owned());
    watched.save("policies/cryptography.md", &|t| {
        t.to_owned() + "\nKeys are rotated yearly.\n"
    });
    // The handbook's one diagram taken out, then put back: Mermaid's files go and come back
    // with it, while every list is kept.
    let incident = "procedures/incident-management.md";
    let diagram = std::fs::read_to_string(watched.repo.path(incident)).expect("read");
    let a = watched.save(incident, &|t| t.replace("```mermaid", "```text"));
    assert!(!a.contains_key("assets/mermaid.min.js"));
    let a = watched.save(incident, &|_| diagram.clone());
    assert!(a.contains_key("assets/mermaid.min.js"));
    // A draft leaves the printable pages: every page is planned again.
    let a = watched.save("procedures/joiners-movers-leavers.md", &|t| {
        t.replace("status: approved", "status: draft")
    });
    assert!(jml(&a).is_empty(), "{:?}", jml(&a));
}

#[test]
fn after_failed_rebuilds_the_next_good_save_writes_the_site_of_a_full_build() {
    let mut watched = Watched::new("");
    // A document whose page would be owners.html: refused, the site stays as it was.
    let collision = watched.change("owners.md", Some("# Owners\n".to_owned()));
    assert!(collision.is_err());
    // The register saved while the build fails: no later save names it again.
    let risks = watched.repo.read("risks.yaml");
    let moved = risks.replacen("owner: Head of Engineering", "owner: Head of Product", 1);
    assert_ne!(moved, risks);
    assert!(watched.change("risks.yaml", Some(moved)).is_err());
    // Mended by removing the document: a save that names only it.
    watched
        .change("owners.md", None)
        .expect("a good build again");
    let a = watched.matches_full_build("the collision was removed");
    assert!(String::from_utf8_lossy(&a["risks.csv"]).contains("Head of Product"));
}

#[test]
fn a_framework_file_named_like_a_document_is_read_again_when_saved() {
    // The applicability of a declared framework may have any name, `.md` too: a document
    // path then, which must not pass for a save of prose.
    let file = "frameworks/csf-applicability.md";
    let mut watched = Watched::with(&|repo| {
        let yaml = repo.read("frameworks/csf-applicability.yaml");
        std::fs::remove_file(repo.path("frameworks/csf-applicability.yaml")).expect("move");
        std::fs::write(repo.path(file), yaml).expect("move");
        let toml = repo.read("ismsbook.toml");
        let toml = toml.replace("frameworks/csf-applicability.yaml", file);
        std::fs::write(repo.path("ismsbook.toml"), toml).expect("configure");
    });
    let text = watched.repo.read(file).replace("\r\n", "\n");
    let implemented = text.replacen(
        "ID.RA-02:\n  status: planned",
        "ID.RA-02:\n  status: implemented",
        1,
    );
    assert_ne!(implemented, text);
    watched
        .change(file, Some(implemented))
        .expect("rebuild after the save");
    watched.matches_full_build(&format!("saving {file}"));
}

#[test]
fn a_register_changed_without_a_file_event_is_read_again_at_the_next_save() {
    let mut watched = Watched::new("");
    // Saved where events are lost (a network drive, a container): nobody names the file.
    let risks = watched.repo.read("risks.yaml");
    let moved = risks.replacen("owner: Head of Engineering", "owner: Head of Product", 1);
    assert_ne!(moved, risks);
    std::fs::write(watched.repo.path("risks.yaml"), moved).expect("save the register");
    // Then a save of prose, which alone would keep every list: every page is made again.
    let rel = "policies/cryptography.md";
    let text = watched.repo.read(rel) + "\nKeys are rotated yearly.\n";
    let rebuilt = watched.change(rel, Some(text)).expect("rebuild");
    assert_eq!(rebuilt.rendered, None, "every page rendered again");
    let a = watched.matches_full_build("a save after an unannounced one");
    assert!(String::from_utf8_lossy(&a["risks.csv"]).contains("Head of Product"));
}

/// A copy of the example being watched, saved and compared with full builds.
struct Watched {
    repo: Repo,
    session: Session,
    out: std::path::PathBuf,
    builds: usize,
}

impl Watched {
    /// The example with `config` added to its ismsbook.toml, built once in watch mode.
    fn new(config: &str) -> Watched {
        Watched::with(&|repo| {
            let toml = repo.read("ismsbook.toml");
            std::fs::write(repo.path("ismsbook.toml"), toml + config).expect("configure");
        })
    }

    /// The example as `setup` leaves it, built once in watch mode.
    fn with(setup: &dyn Fn(&Repo)) -> Watched {
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example");
        let repo = Repo::copy_of(&example, &|rel| !rel.starts_with("site"));
        setup(&repo);
        let out = repo.tmp().join("watched");
        let mut session = common::watch_session(repo.root(), &out);
        session.rebuild(&HashSet::new()).expect("first build");
        Watched {
            repo,
            session,
            out,
            builds: 0,
        }
    }

    /// Writes `rel` (removes it for `None`) and rebuilds, as a save in the editor does.
    fn change(
        &mut self,
        rel: &str,
        text: Option<String>,
    ) -> Result<Rebuilt, ismsbook::error::Error> {
        match text {
            Some(text) => std::fs::write(self.repo.path(rel), text).expect("save"),
            None => std::fs::remove_file(self.repo.path(rel)).expect("remove"),
        }
        self.session.rebuild(&HashSet::from([rel.to_owned()]))
    }

    /// Saves `rel` as `edit` makes it, rebuilds (only the pages the save can affect), and
    /// checks the site against a full build of the same content; returns its files.
    fn save(&mut self, rel: &str, edit: &dyn Fn(&str) -> String) -> BTreeMap<String, Vec<u8>> {
        let text = self.repo.read(rel);
        let rebuilt = self
            .change(rel, Some(edit(&text)))
            .expect("rebuild after the save");
        let rendered = rebuilt.rendered.expect("an incremental rebuild");
        assert!(
            rendered < rebuilt.documents,
            "only affected pages are rendered: {rendered} of {}",
            rebuilt.documents
        );
        self.matches_full_build(&format!("saving {rel}"))
    }

    /// The watched site is the site a full build of the content writes; returns its files.
    fn matches_full_build(&mut self, after: &str) -> BTreeMap<String, Vec<u8>> {
        self.builds += 1;
        let full = self.repo.tmp().join(format!("full-{}", self.builds));
        let run = ismsbook(&[
            "build",
            &path_str(self.repo.root()),
            "-o",
            &path_str(&full),
            "--today",
            TODAY,
            "--quiet",
        ]);
        assert!(run.code == 0 || run.code == 1, "build failed: {run:?}");
        let (a, b) = (files(&self.out), files(&full));
        assert_eq!(
            a.keys().collect::<Vec<_>>(),
            b.keys().collect::<Vec<_>>(),
            "the same files after {after}"
        );
        for (name, bytes) in &a {
            assert!(
                bytes == &b[name],
                "{name} differs from a full build's after {after}"
            );
        }
        a
    }
}
