//! Watch mode renders only the pages a save can affect, and makes print.html and the search
//! index from those pages' parses plus fresh ones for the rest. After a save, its site must be
//! byte for byte the site a full build of the same content writes.

mod common;

use common::{ismsbook, path_str, Repo, TODAY};
use ismsbook::serve::rebuild::{Session, SessionOptions};
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
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example");
    let repo = Repo::copy_of(&example, &|rel| !rel.starts_with("site"));
    let toml = std::fs::read_to_string(repo.path("ismsbook.toml")).expect("read ismsbook.toml");
    std::fs::write(repo.path("ismsbook.toml"), toml + config).expect("configure");
    let watched = repo.tmp().join("watched");
    let mut session = Session::new(SessionOptions {
        root: repo.root().to_path_buf(),
        output: Some(watched.clone()),
        today: ismsbook::dates::parse(TODAY).expect("a date"),
        drafts: false,
        audience: None,
        language: None,
    });
    session.rebuild(&HashSet::new()).expect("first build");

    // An approved policy (so it is in print.html): a new heading, a link to another document,
    // a footnote and a code block, all of which print.html rewrites and search indexes.
    let rel = "policies/access-control.md";
    let mut text = std::fs::read_to_string(repo.path(rel)).expect("read the policy");
    text.push_str(
        "\n## Saved in watch mode\n\nSee [[POL-003]] and the [classification](data-classification.md)[^w].\n\n\
         ```yaml\nreview: quarterly\n```\n\n[^w]: Added while watching.\n",
    );
    std::fs::write(repo.path(rel), text).expect("save the policy");
    let rebuilt = session
        .rebuild(&HashSet::from([rel.to_owned()]))
        .expect("rebuild after the save");
    let rendered = rebuilt.rendered.expect("an incremental rebuild");
    assert!(
        rendered < rebuilt.documents,
        "only affected pages are rendered: {rendered} of {}",
        rebuilt.documents
    );

    let full = repo.tmp().join("full");
    let run = ismsbook(&[
        "build",
        &path_str(repo.root()),
        "-o",
        &path_str(&full),
        "--today",
        TODAY,
        "--quiet",
    ]);
    assert!(run.code == 0 || run.code == 1, "build failed: {run:?}");

    let (a, b) = (files(&watched), files(&full));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs from a full build's");
    }
    a
}
