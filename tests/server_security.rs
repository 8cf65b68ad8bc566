//! The dev server answers only requests that name it in `Host` (DNS rebinding): a web page whose
//! host name an attacker re-points at 127.0.0.1 reaches the port, but its requests carry the
//! attacker's host name, and get 421 and nothing of the handbook, on every route.

mod common;

use common::*;
use ismsbook::serve::server::Server;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

const SECRET: &str = "RESTRICTED-7c2e1a";

fn site() -> (tempfile::TempDir, Server) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("site");
    std::fs::create_dir_all(root.join("policies")).unwrap();
    std::fs::write(
        root.join("index.html"),
        format!("<html><body>{SECRET}</body></html>"),
    )
    .unwrap();
    std::fs::write(root.join("policies/p.html"), SECRET).unwrap();
    let server = Server::start(SocketAddr::from(([127, 0, 0, 1], 0)), root).expect("server starts");
    (tmp, server)
}

/// Sends `head` (request line and headers, without the blank line) and returns the status and
/// everything after it, reading for at most two seconds (an event stream does not end).
fn raw(addr: SocketAddr, head: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
    write!(s, "{head}\r\nConnection: close\r\n\r\n").unwrap();
    let mut bytes = Vec::new();
    let mut buf = [0; 4096];
    while let Ok(n) = s.read(&mut buf) {
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    (status, text)
}

fn get_with_host(addr: SocketAddr, path: &str, host: &str) -> (u16, String) {
    raw(addr, &format!("GET {path} HTTP/1.1\r\nHost: {host}"))
}

#[track_caller]
fn assert_refused(addr: SocketAddr, head: &str) {
    let (status, text) = raw(addr, head);
    assert_eq!(status, 421, "{head:?}:\n{text}");
    assert!(!text.contains(SECRET), "{head:?} leaked the page:\n{text}");
    assert!(!text.contains("livereload"), "{head:?}:\n{text}");
    assert!(
        text.contains("text/plain")
            && text.contains("localhost, 127.0.0.1 and [::1]")
            && text.contains(&format!("http://localhost:{}/", addr.port())),
        "{head:?}: the refusal says which host names work:\n{text}"
    );
}

#[test]
fn a_rebound_host_name_is_refused_on_every_route() {
    let (_tmp, server) = site();
    let addr = server.local_addr();
    let port = addr.port();
    for path in [
        "/",
        "/index.html",
        "/policies/p.html",
        "/policies",
        "/no-such-page.html",
        "/__ismsbook/livereload.js",
        "/__ismsbook/events",
    ] {
        for host in [
            format!("attacker.example:{port}"),
            "attacker.example".to_owned(),
            format!("attacker.example.:{port}"),
            // A name that merely starts or ends like an accepted one.
            format!("localhost.attacker.example:{port}"),
            format!("attacker-localhost:{port}"),
            format!("127.0.0.1.attacker.example:{port}"),
            format!("127.0.0.1.:{port}"),
            format!("127.0.0.2:{port}"),
        ] {
            assert_refused(addr, &format!("GET {path} HTTP/1.1\r\nHost: {host}"));
        }
    }
}

#[test]
fn malformed_missing_and_conflicting_hosts_are_refused() {
    let (_tmp, server) = site();
    let addr = server.local_addr();
    let port = addr.port();
    for head in [
        // No Host at all, in HTTP/1.1 and 1.0.
        "GET /index.html HTTP/1.1".to_owned(),
        "GET /index.html HTTP/1.0".to_owned(),
        "GET /__ismsbook/events HTTP/1.1\r\nAccept: text/event-stream".to_owned(),
        // Two Host headers, one of them foreign.
        format!("GET /index.html HTTP/1.1\r\nHost: localhost:{port}\r\nHost: attacker.example"),
        // An absolute target names the authority, whatever Host says.
        format!("GET http://attacker.example:{port}/index.html HTTP/1.1\r\nHost: localhost:{port}"),
        // Bad ports, an unbracketed IPv6 address, an empty host.
        "GET /index.html HTTP/1.1\r\nHost: localhost:http".to_owned(),
        "GET /index.html HTTP/1.1\r\nHost: localhost:99999".to_owned(),
        "GET /index.html HTTP/1.1\r\nHost: localhost:1:2".to_owned(),
        "GET /index.html HTTP/1.1\r\nHost: ::1".to_owned(),
        format!("GET /index.html HTTP/1.1\r\nHost: [::1]x:{port}"),
        format!("GET /index.html HTTP/1.1\r\nHost: :{port}"),
    ] {
        assert_refused(addr, &head);
    }
}

#[test]
fn the_server_s_own_names_are_served() {
    let (_tmp, server) = site();
    let addr = server.local_addr();
    let port = addr.port();
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "localhost".to_owned(),
        "127.0.0.1".to_owned(),
        "[::1]".to_owned(),
        // Host names compare without case, and with or without the root's trailing dot.
        format!("LOCALHOST:{port}"),
        format!("LocalHost:{port}"),
        format!("localhost.:{port}"),
        // The same address written differently.
        format!("[0:0:0:0:0:0:0:1]:{port}"),
        // Another port: an SSH tunnel or a forwarded port (rebinding changes the name).
        "localhost:8080".to_owned(),
    ] {
        let (status, text) = get_with_host(addr, "/policies/p.html", &host);
        assert_eq!(status, 200, "{host}:\n{text}");
        assert!(text.contains(SECRET), "{host}:\n{text}");
    }
    let (status, text) = get_with_host(addr, "/__ismsbook/livereload.js", "localhost");
    assert_eq!(status, 200, "{text}");
    // An absolute target naming the server is fine too.
    let (status, text) = raw(
        addr,
        &format!("GET http://localhost:{port}/policies/p.html HTTP/1.1\r\nHost: localhost:{port}"),
    );
    assert_eq!(status, 200, "{text}");
}

#[test]
fn the_events_endpoint_streams_only_to_its_own_names() {
    let (_tmp, server) = site();
    let addr = server.local_addr();
    let port = addr.port();
    server
        .notifier()
        .error("the build failed: restricted detail");
    let (status, text) = raw(
        addr,
        &format!(
            "GET /__ismsbook/events HTTP/1.1\r\nHost: attacker.example:{port}\r\nAccept: text/event-stream"
        ),
    );
    assert_eq!(status, 421, "{text}");
    assert!(!text.contains("restricted detail"), "{text}");
    assert!(!text.contains("event:"), "{text}");
    let (status, text) = raw(
        addr,
        &format!("GET /__ismsbook/events HTTP/1.1\r\nHost: LOCALHOST.:{port}\r\nAccept: text/event-stream"),
    );
    assert_eq!(status, 200, "{text}");
    assert!(
        text.contains("event: error") && text.contains("restricted detail"),
        "{text}"
    );
}

/// The real `ismsbook serve`: a restricted document is not handed to a rebound host name.
#[test]
fn serve_refuses_a_rebound_host_for_a_restricted_document() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "policies/secret.md",
        &Fm::new("POL-9").line("classification: restricted"),
        &format!("{SECRET}\n"),
    );
    let root = path_str(repo.root());
    let live = Live::start(&["serve", &root, "--port", "0", "--today", TODAY]);
    let addr: SocketAddr = live.addr.parse().expect("an IP address and port");
    let port = addr.port();
    let served = get_with_host(addr, "/policies/secret.html", &format!("localhost:{port}"));
    let rebound = get_with_host(
        addr,
        "/policies/secret.html",
        &format!("attacker.example:{port}"),
    );
    drop(live);
    assert_eq!(served.0, 200, "{}", served.1);
    assert!(served.1.contains(SECRET), "the page is served to localhost");
    assert_eq!(rebound.0, 421, "{}", rebound.1);
    assert!(!rebound.1.contains(SECRET), "{}", rebound.1);
}

/// Another site's page cannot include the index as a script (a script runs in the including
/// page, so it reads `window.ISMSBOOK_SEARCH`: every document's words, restricted ones
/// included), nor fetch anything else; it may still link to a page.
#[test]
fn another_site_s_page_cannot_include_the_search_index() {
    let (tmp, server) = site();
    std::fs::write(
        tmp.path().join("site/search-index.js"),
        format!("window.ISMSBOOK_SEARCH = [\"{SECRET}\"];"),
    )
    .unwrap();
    let addr = server.local_addr();
    let port = addr.port();
    let request = |path: &str, fetch: &str| {
        raw(
            addr,
            &format!("GET {path} HTTP/1.1\r\nHost: localhost:{port}{fetch}"),
        )
    };
    for (path, site, mode, dest) in [
        ("/search-index.js", "cross-site", "no-cors", "script"),
        ("/search-index.js", "same-site", "no-cors", "script"),
        ("/policies/p.html", "cross-site", "cors", "empty"),
        ("/policies/p.html", "cross-site", "navigate", "object"),
        ("/__ismsbook/events", "cross-site", "cors", "empty"),
    ] {
        let (status, text) = request(
            path,
            &format!(
                "\r\nSec-Fetch-Site: {site}\r\nSec-Fetch-Mode: {mode}\r\nSec-Fetch-Dest: {dest}"
            ),
        );
        assert_eq!(status, 403, "{path} {site} {mode} {dest}:\n{text}");
        assert!(!text.contains(SECRET), "{text}");
    }
    // The site's own pages, a typed address, a link from elsewhere, and clients that say
    // nothing (curl) are served.
    for fetch in [
        "\r\nSec-Fetch-Site: same-origin\r\nSec-Fetch-Mode: no-cors\r\nSec-Fetch-Dest: script",
        "\r\nSec-Fetch-Site: none\r\nSec-Fetch-Mode: navigate\r\nSec-Fetch-Dest: document",
        "\r\nSec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: navigate\r\nSec-Fetch-Dest: document",
        "",
    ] {
        let (status, text) = request("/search-index.js", fetch);
        assert_eq!(status, 200, "{fetch:?}:\n{text}");
        assert!(text.contains(SECRET), "{text}");
    }
}
