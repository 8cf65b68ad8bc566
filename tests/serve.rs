//! `ismsbook serve` end to end: a real process on a free loopback port, real HTTP and
//! server-sent events, real file changes in a content folder.

mod common;

use common::*;
use std::process::Command;
use std::time::{Duration, Instant};

/// A serve session on a content folder, with the folder.
struct Serve {
    live: Live,
    addr: String,
    repo: Repo,
}

impl Serve {
    fn start(repo: Repo) -> Serve {
        let root = path_str(repo.root());
        let live = Live::start(&["serve", &root, "--port", "0", "--today", TODAY]);
        Serve {
            addr: live.addr.clone(),
            live,
            repo,
        }
    }

    fn wait_for(&self, needle: &str) -> String {
        self.live.wait_for(needle)
    }

    fn get(&self, path: &str) -> (u16, String) {
        let (status, _, body) = http_get(&self.addr, path);
        (status, body)
    }
}

fn handbook() -> Repo {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1").title("Alpha Policy"),
        "## Scope\n\nFirst version. See [[POL-2]].\n",
    );
    repo.doc(
        "policies/b.md",
        &Fm::new("POL-2").title("Beta Policy"),
        "Beta body.\n",
    );
    repo
}

const WAIT: Duration = Duration::from_secs(10);

#[test]
fn a_save_reloads_open_pages_with_the_new_content() {
    let s = Serve::start(handbook());
    let (status, page) = s.get("/policies/a.html");
    assert_eq!(status, 200);
    assert!(
        page.contains("First version") && page.contains("/__ismsbook/livereload.js"),
        "{page}"
    );
    assert!(
        !read(&s.repo.path("site/policies/a.html")).contains("livereload"),
        "the reload script is only injected when serving"
    );
    let mut events = Events::connect(&s.addr);
    s.repo.doc(
        "policies/a.md",
        &Fm::new("POL-1").title("Alpha Policy"),
        "## Scope\n\nSecond version. See [[POL-2]].\n",
    );
    assert_eq!(
        events.next_event(WAIT).map(|e| e.0).as_deref(),
        Some("reload")
    );
    assert!(s.get("/policies/a.html").1.contains("Second version"));
    // Only affected pages are rendered again: a renamed document's title must still reach the
    // pages that link to it.
    s.repo.doc(
        "policies/b.md",
        &Fm::new("POL-2").title("Gamma Policy"),
        "Beta body.\n",
    );
    assert_eq!(
        events.next_event(WAIT).map(|e| e.0).as_deref(),
        Some("reload")
    );
    let a = s.get("/policies/a.html").1;
    assert!(
        a.contains("Gamma Policy") && !a.contains("Beta Policy"),
        "{a}"
    );
    assert!(s.get("/documents/index.html").1.contains("Gamma Policy"));
}

#[test]
fn atomic_saves_are_seen_and_swap_files_are_not() {
    let s = Serve::start(handbook());
    let mut events = Events::connect(&s.addr);
    // A swap file is not a change.
    s.repo.write("policies/.a.md.swp", "swap");
    s.repo.write("policies/a.md~", "backup");
    assert_eq!(events.next_event(Duration::from_millis(1500)), None);
    // Write a temporary file, then rename it over the document, as editors do.
    let tmp = s.repo.path("policies/a.md.tmp");
    std::fs::write(
        &tmp,
        Fm::new("POL-1")
            .title("Alpha Policy")
            .doc("Atomically saved.\n"),
    )
    .unwrap();
    std::fs::rename(&tmp, s.repo.path("policies/a.md")).unwrap();
    assert_eq!(
        events.next_event(WAIT).map(|e| e.0).as_deref(),
        Some("reload")
    );
    assert!(s.get("/policies/a.html").1.contains("Atomically saved."));
}

#[test]
fn a_bad_save_shows_the_error_keeps_the_last_good_site_and_recovers() {
    let s = Serve::start(handbook());
    let mut events = Events::connect(&s.addr);
    // A broken template is a build that cannot be processed.
    s.repo
        .write("theme/templates/document.hbs", "{{#if doc.title}}unclosed");
    let (event, data) = events.next_event(WAIT).expect("an error event");
    assert_eq!(event, "error");
    assert!(data.contains("document.hbs"), "{data}");
    s.wait_for("the last good site stays in place");
    let (status, page) = s.get("/policies/a.html");
    assert_eq!(status, 200);
    assert!(
        page.contains("First version"),
        "the last good page is still served"
    );
    // A page opened now learns about the failure at once.
    let mut late = Events::connect(&s.addr);
    assert_eq!(late.next_event(WAIT).map(|e| e.0).as_deref(), Some("error"));
    // Fixing it recovers by itself.
    std::fs::remove_file(s.repo.path("theme/templates/document.hbs")).unwrap();
    assert_eq!(
        events.next_event(WAIT).map(|e| e.0).as_deref(),
        Some("reload")
    );
    assert_eq!(s.get("/policies/a.html").0, 200);
}

#[test]
fn bad_front_matter_is_a_finding_printed_as_a_diff() {
    let s = Serve::start(handbook());
    let mut events = Events::connect(&s.addr);
    s.repo.write(
        "policies/b.md",
        "---\nid: POL-2\ntitle: [unclosed\n---\nBeta body.\n",
    );
    assert_eq!(
        events.next_event(WAIT).map(|e| e.0).as_deref(),
        Some("reload")
    );
    let line = s.wait_for("+1 error: invalid-front-matter in policies/b.md:");
    assert!(line.contains("not valid YAML"), "{line}");
    // The document is still published, with its warning banner.
    assert!(s
        .get("/policies/b.html")
        .1
        .contains("front matter is invalid"));
}

#[test]
fn a_deleted_document_disappears_and_links_to_it_become_findings() {
    let s = Serve::start(handbook());
    let mut events = Events::connect(&s.addr);
    std::fs::remove_file(s.repo.path("policies/b.md")).unwrap();
    assert_eq!(
        events.next_event(WAIT).map(|e| e.0).as_deref(),
        Some("reload")
    );
    assert_eq!(s.get("/policies/b.html").0, 404);
    s.wait_for("+1 error: broken-link in policies/a.md");
    let (status, json) = s.get("/findings.json");
    assert_eq!(status, 200);
    assert!(
        json.contains("no document or control with id `POL-2`"),
        "{json}"
    );
    // A new document and a renamed folder are picked up too.
    s.repo.doc(
        "procedures/new.md",
        &Fm::new("PRO-9").doc_type("procedure"),
        "New.\n",
    );
    assert_eq!(
        events.next_event(WAIT).map(|e| e.0).as_deref(),
        Some("reload")
    );
    assert_eq!(s.get("/procedures/new.html").0, 200);
    std::fs::rename(s.repo.path("procedures"), s.repo.path("guides")).unwrap();
    assert_eq!(
        events.next_event(WAIT).map(|e| e.0).as_deref(),
        Some("reload")
    );
    assert_eq!(s.get("/guides/new.html").0, 200);
    assert_eq!(s.get("/procedures/new.html").0, 404);
}

#[test]
fn only_files_inside_the_output_are_served() {
    let s = Serve::start(handbook());
    s.repo.write("secret.txt", "TOP SECRET");
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "//etc/passwd",
        "/.ismsbook-output",
    ] {
        let (status, body) = s.get(path);
        assert!(status == 403 || status == 404, "{path}: {status}");
        assert!(
            !body.contains("TOP SECRET") && !body.contains("root:"),
            "{path}"
        );
    }
    let (status, _, body) = http_get(&s.addr, "/no-such-page.html");
    assert_eq!(status, 404);
    assert!(body.contains("livereload"), "the 404 page reloads too");
    let (_, headers, _) = http_get(&s.addr, "/assets/style.css");
    assert!(
        headers
            .iter()
            .any(|(k, v)| k == "content-type" && v.starts_with("text/css")),
        "{headers:?}"
    );
}

#[test]
fn ctrl_c_stops_cleanly_and_an_unchanged_restart_rewrites_nothing() {
    let mut s = Serve::start(handbook());
    // SIGINT, as Ctrl-C sends.
    let pid = s.live.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let deadline = Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(st) = s.live.child.try_wait().unwrap() {
            break st;
        }
        assert!(Instant::now() < deadline, "serve did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    let repo = std::mem::take(&mut s.repo);
    let before = snapshot(&repo.path("site"));
    let again = Serve::start(repo);
    let built = again.live.said("Built ").expect("a first build");
    assert!(built.contains(": 0 files written"), "{built}");
    assert_eq!(snapshot(&again.repo.path("site")), before);
}

#[test]
fn links_into_a_changed_document_are_checked_again() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1"),
        "See [later](b.md#later).\n",
    );
    repo.doc("policies/b.md", &Fm::new("POL-2"), "## Sooner\n");
    let s = Serve::start(repo);
    let mut events = Events::connect(&s.addr);
    // a.md did not change, but the heading it links to now exists.
    s.repo.doc(
        "policies/b.md",
        &Fm::new("POL-2"),
        "## Sooner\n\n## Later\n",
    );
    assert_eq!(
        events.next_event(WAIT).map(|e| e.0).as_deref(),
        Some("reload")
    );
    s.wait_for("−1 error: broken-link in policies/a.md");
    let page = s.get("/policies/a.html").1;
    assert!(page.contains("policies/b.html#later\""), "{page}");
    // And breaks again when it goes.
    s.repo
        .doc("policies/b.md", &Fm::new("POL-2"), "## Sooner\n");
    assert_eq!(
        events.next_event(WAIT).map(|e| e.0).as_deref(),
        Some("reload")
    );
    s.wait_for("+1 error: broken-link in policies/a.md");
    assert!(!s
        .get("/policies/a.html")
        .1
        .contains("policies/b.html#later\""));
}
