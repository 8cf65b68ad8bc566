//! The development server behind `ismsbook serve`, driven over real sockets with a tiny
//! HTTP/1.1 client (raw request paths, so `/../` and `%2e%2e` reach the server unnormalised).

use ismsbook::serve::server::Server;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(5);
const SCRIPT_TAG: &str = r#"<script src="/__ismsbook/livereload.js"></script>"#;
const SECRET: &str = "TOP-SECRET-4f1d9c";

// ---------------------------------------------------------------------------------------------
// A tiny HTTP/1.1 client

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect_timeout(&addr, TIMEOUT).expect("connect to the server");
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    stream.set_write_timeout(Some(TIMEOUT)).unwrap();
    stream
}

fn read_head(reader: &mut BufReader<TcpStream>) -> (u16, Vec<(String, String)>) {
    let mut line = String::new();
    reader.read_line(&mut line).expect("status line");
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {line:?}"));
    let mut headers = Vec::new();
    loop {
        line.clear();
        reader.read_line(&mut line).expect("header line");
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        let (name, value) = l.split_once(':').expect("header");
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    (status, headers)
}

fn is_chunked(headers: &[(String, String)]) -> bool {
    headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    })
}

/// One chunk of a chunked body; `None` at the end.
fn read_chunk(reader: &mut BufReader<TcpStream>) -> Option<Vec<u8>> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let size = usize::from_str_radix(line.trim(), 16).expect("chunk size");
    let mut chunk = vec![0; size + 2];
    reader.read_exact(&mut chunk).ok()?;
    chunk.truncate(size);
    (size > 0).then_some(chunk)
}

fn request(addr: SocketAddr, method: &str, path: &str) -> Reply {
    let mut stream = connect(addr);
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let (status, headers) = read_head(&mut reader);
    let mut body = Vec::new();
    if method == "HEAD" {
        // No body follows, whatever Content-Length says.
    } else if is_chunked(&headers) {
        while let Some(chunk) = read_chunk(&mut reader) {
            body.extend(chunk);
        }
    } else {
        reader.read_to_end(&mut body).expect("body");
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn get(addr: SocketAddr, path: &str) -> Reply {
    request(addr, "GET", path)
}

/// A server-sent events connection.
struct Events {
    reader: BufReader<TcpStream>,
    chunked: bool,
    buffer: String,
}

#[derive(Debug, PartialEq)]
struct Ev {
    event: String,
    data: String,
}

impl Events {
    fn open(addr: SocketAddr) -> Events {
        let mut stream = connect(addr);
        write!(
            stream,
            "GET /__ismsbook/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let (status, headers) = read_head(&mut reader);
        assert_eq!(status, 200);
        let ct = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
            .map(|(_, v)| v.clone());
        assert_eq!(ct.as_deref(), Some("text/event-stream"));
        Events {
            chunked: is_chunked(&headers),
            reader,
            buffer: String::new(),
        }
    }

    /// The next event (comments skipped), or `None` on timeout or end of stream.
    fn next(&mut self, wait: Duration) -> Option<Ev> {
        let deadline = Instant::now() + wait;
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut ev = Ev {
                    event: "message".to_owned(),
                    data: String::new(),
                };
                let mut data = Vec::new();
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        ev.event = v.trim_start().to_owned();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push(v.strip_prefix(' ').unwrap_or(v).to_owned());
                    }
                }
                if data.is_empty() {
                    continue; // a comment (keep-alive)
                }
                ev.data = data.join("\n");
                return Some(ev);
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            self.reader
                .get_ref()
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .unwrap();
            let bytes = if self.chunked {
                read_chunk(&mut self.reader)?
            } else {
                let mut buf = vec![0; 4096];
                let n = self.reader.read(&mut buf).ok()?;
                if n == 0 {
                    return None;
                }
                buf.truncate(n);
                buf
            };
            self.buffer.push_str(&String::from_utf8_lossy(&bytes));
        }
    }

    /// Whether the server ended the stream within `wait`.
    fn ends_within(&mut self, wait: Duration) -> bool {
        let deadline = Instant::now() + wait;
        while Instant::now() < deadline {
            self.reader
                .get_ref()
                .set_read_timeout(Some(Duration::from_millis(100)))
                .unwrap();
            let mut buf = [0; 1024];
            match self.reader.read(&mut buf) {
                Ok(0) => return true,
                Ok(_) => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(_) => return true,
            }
        }
        false
    }
}

// ---------------------------------------------------------------------------------------------
// Fixtures

struct Site {
    tmp: tempfile::TempDir,
    server: Option<Server>,
}

impl Site {
    /// `<tmp>/site` as the root, a secret next to it in `<tmp>/secret`.
    fn new() -> Site {
        let tmp = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(tmp.path().join("site")).unwrap();
        std::fs::write(tmp.path().join("secret"), SECRET).unwrap();
        std::fs::write(tmp.path().join("secret.html"), SECRET).unwrap();
        Site { tmp, server: None }
    }

    fn root(&self) -> PathBuf {
        self.tmp.path().join("site")
    }

    fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> &Self {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
        self
    }

    fn start(mut self) -> Self {
        let server = Server::start(localhost(0), self.root()).expect("server starts");
        assert_ne!(server.local_addr().port(), 0);
        self.server = Some(server);
        self
    }

    fn server(&self) -> &Server {
        self.server.as_ref().unwrap()
    }

    fn addr(&self) -> SocketAddr {
        self.server().local_addr()
    }
}

fn localhost(port: u16) -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], port))
}

fn page(body: &str) -> String {
    format!("<!doctype html>\n<html><head><title>t</title></head><body>{body}</body></html>\n")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Files

#[test]
fn content_types_and_no_cache() {
    let site = Site::new();
    let cases = [
        ("index.html", "text/html; charset=utf-8"),
        ("assets/style.css", "text/css; charset=utf-8"),
        ("assets/app.js", "text/javascript; charset=utf-8"),
        ("search-index.json", "application/json"),
        ("feed.xml", "application/xml; charset=utf-8"),
        ("soa.csv", "text/csv; charset=utf-8"),
        ("reviews.ics", "text/calendar; charset=utf-8"),
        ("assets/logo.svg", "image/svg+xml"),
        ("img/a.png", "image/png"),
        ("img/b.jpg", "image/jpeg"),
        ("img/c.JPEG", "image/jpeg"),
        ("img/d.gif", "image/gif"),
        ("img/e.webp", "image/webp"),
        ("files/policy.pdf", "application/pdf"),
        ("notes.txt", "text/plain; charset=utf-8"),
        ("assets/font.woff2", "font/woff2"),
        ("files/blob.bin", "application/octet-stream"),
        ("files/no-extension", "application/octet-stream"),
    ];
    for (path, _) in cases {
        site.write(path, format!("content of {path}"));
    }
    let site = site.start();
    for (path, ct) in cases {
        let r = get(site.addr(), &format!("/{path}"));
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(ct), "{path}");
        assert_eq!(r.header("cache-control"), Some("no-cache"), "{path}");
        assert!(
            r.text().starts_with(&format!("content of {path}")),
            "{path}"
        );
    }
}

#[test]
fn folders_serve_index_and_redirect_without_slash() {
    let site = Site::new();
    site.write("index.html", page("home"))
        .write("sub/index.html", page("sub home"))
        .write("empty/other.html", page("other"));
    let site = site.start();
    let r = get(site.addr(), "/");
    assert_eq!(r.status, 200);
    assert!(r.text().contains("home"));
    let r = get(site.addr(), "/sub/");
    assert_eq!(r.status, 200);
    assert!(r.text().contains("sub home"));
    let r = get(site.addr(), "/sub");
    assert!(matches!(r.status, 301 | 302 | 307 | 308), "{}", r.status);
    assert_eq!(r.header("location"), Some("/sub/"));
    let r = get(site.addr(), "/sub?q=1");
    assert_eq!(r.header("location"), Some("/sub/?q=1"));
    // A query string does not change which file is served.
    let r = get(site.addr(), "/sub/index.html?v=2");
    assert_eq!(r.status, 200);
    // A folder without index.html is not listed.
    assert_eq!(get(site.addr(), "/empty/").status, 404);
    // A file is not a folder.
    assert_eq!(get(site.addr(), "/index.html/").status, 404);
}

#[test]
fn missing_files_get_a_404_page() {
    let site = Site::new().start();
    let r = get(site.addr(), "/nope.html");
    assert_eq!(r.status, 404);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    let body = r.text();
    assert!(body.contains("404"), "{body}");
    assert!(body.contains(SCRIPT_TAG), "{body}");
    // The path is shown escaped.
    let r = get(site.addr(), "/%3Cb%3Ex.html");
    assert_eq!(r.status, 404);
    assert!(r.text().contains("&lt;b&gt;x.html"), "{}", r.text());
    assert!(!r.text().contains("<b>"));

    // The site's own 404 page, when it has one.
    site.write("404.html", page("custom not found"));
    let r = get(site.addr(), "/missing/page.html");
    assert_eq!(r.status, 404);
    let body = r.text();
    assert!(body.contains("custom not found"), "{body}");
    assert!(body.contains(&format!("{SCRIPT_TAG}</body>")), "{body}");
}

#[test]
fn head_has_headers_and_no_body() {
    let site = Site::new();
    site.write("index.html", page("hello"))
        .write("a.css", "body{}");
    let site = site.start();
    let full = get(site.addr(), "/");
    let head = request(site.addr(), "HEAD", "/");
    assert_eq!(head.status, 200);
    assert_eq!(
        head.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(
        head.header("content-length"),
        Some(full.body.len().to_string().as_str())
    );
    assert!(head.body.is_empty());
    let head = request(site.addr(), "HEAD", "/a.css");
    assert_eq!(head.header("content-length"), Some("6"));
    assert_eq!(request(site.addr(), "HEAD", "/missing").status, 404);
}

#[test]
fn other_methods_are_refused() {
    let site = Site::new();
    site.write("index.html", page("x"));
    let site = site.start();
    let r = request(site.addr(), "POST", "/index.html");
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("GET, HEAD"));
}

#[test]
fn path_traversal_is_refused() {
    let site = Site::new();
    site.write("index.html", page("home"))
        .write("sub/index.html", page("sub"));
    #[cfg(unix)]
    {
        let outside = site.tmp.path();
        std::os::unix::fs::symlink(outside.join("secret"), site.root().join("link.txt")).unwrap();
        std::os::unix::fs::symlink(outside, site.root().join("linkdir")).unwrap();
        std::os::unix::fs::symlink(
            outside.join("secret.html"),
            site.root().join("sub/evil.html"),
        )
        .unwrap();
        // A symlink that stays inside the root is fine.
        std::os::unix::fs::symlink("index.html", site.root().join("alias.html")).unwrap();
    }
    let site = site.start();
    let mut attempts = [
        "/../secret",
        "/%2e%2e/secret",
        "/%2E%2E/secret",
        "/..%2fsecret",
        "/..%2Fsecret",
        "/%2e%2e%2fsecret",
        "/sub/../../secret",
        "/sub/%2e%2e/%2e%2e/secret",
        "//etc/passwd",
        "/%2Fetc/passwd",
        "/%2F..",
        "/sub/..%5c..%5csecret",
        "/..\\secret",
        "/sub/./../../secret",
        "/secret%00.html",
    ]
    .to_vec();
    if cfg!(unix) {
        // Symlinks inside the output that point outside it.
        attempts.extend([
            "/link.txt",
            "/linkdir/secret",
            "/linkdir/secret.html",
            "/linkdir/",
            "/sub/evil.html",
        ]);
    }
    for path in attempts {
        let r = get(site.addr(), path);
        // Always 403, never just "not found" (symlinks included).
        assert_eq!(r.status, 403, "{path}");
        assert!(!r.text().contains(SECRET), "{path} leaked the secret");
    }
    #[cfg(unix)]
    {
        let r = get(site.addr(), "/alias.html");
        assert_eq!(r.status, 200);
        assert!(r.text().contains("home"));
    }
    // The site still works.
    assert_eq!(get(site.addr(), "/sub/").status, 200);
}

#[test]
fn hidden_files_are_not_found() {
    let site = Site::new();
    site.write(".ismsbook-output", "manifest")
        .write(".git/config", "[core]")
        .write("sub/.env", "KEY=1");
    let site = site.start();
    for path in [
        "/.ismsbook-output",
        "/.git/config",
        "/.git/",
        "/sub/.env",
        "/%2eismsbook-output",
    ] {
        let r = get(site.addr(), path);
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.text().contains("manifest") && !r.text().contains("KEY=1"));
    }
}

#[test]
fn html_gets_the_reload_script_but_files_on_disk_do_not() {
    let site = Site::new();
    let html = page("<p>hello</p>");
    site.write("index.html", &html)
        .write("nobody.html", "<p>fragment</p>")
        .write("a.css", "body{}")
        .write("a.js", "let x = '</body>';");
    let site = site.start();
    let r = get(site.addr(), "/");
    let body = r.text();
    assert!(
        body.contains(&format!("<p>hello</p>{SCRIPT_TAG}</body>")),
        "{body}"
    );
    assert_eq!(body.matches(SCRIPT_TAG).count(), 1);
    assert_eq!(
        r.header("content-length"),
        Some(r.body.len().to_string().as_str())
    );
    assert_eq!(read(&site.root().join("index.html")), html);
    assert_eq!(
        get(site.addr(), "/nobody.html").text(),
        format!("<p>fragment</p>{SCRIPT_TAG}")
    );
    assert_eq!(get(site.addr(), "/a.css").text(), "body{}");
    assert_eq!(get(site.addr(), "/a.js").text(), "let x = '</body>';");

    let js = get(site.addr(), "/__ismsbook/livereload.js");
    assert_eq!(js.status, 200);
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    let js = js.text();
    assert!(js.contains("new EventSource(\"/__ismsbook/events\")"));
    assert!(js.contains("textContent"));
    assert!(js.contains("role"));
    assert!(!js.contains("innerHTML"));
}

// ---------------------------------------------------------------------------------------------
// Live reload

#[test]
fn events_carry_reload_and_errors() {
    let site = Site::new().start();
    let notifier = site.server().notifier();
    let mut events = Events::open(site.addr());
    assert_eq!(events.next(Duration::from_millis(200)), None);

    // From a plain thread, as the rebuild loop does.
    let n = notifier.clone();
    std::thread::spawn(move || n.reload()).join().unwrap();
    let ev = events.next(TIMEOUT).expect("a reload event");
    assert_eq!(ev.event, "reload");

    notifier.error("bad <yaml>\r\n  at policies/a.md:3\n\u{1b}[31mred\u{1b}[0m");
    let ev = events.next(TIMEOUT).expect("an error event");
    assert_eq!(
        ev,
        Ev {
            event: "error".to_owned(),
            data: "bad <yaml>\n  at policies/a.md:3\nred".to_owned()
        }
    );

    notifier.reload();
    assert_eq!(events.next(TIMEOUT).expect("reload").event, "reload");
}

#[test]
fn a_page_opened_after_a_failed_build_sees_the_error() {
    let site = Site::new().start();
    let notifier = site.server().notifier();
    notifier.error("bad <yaml>");
    let mut late = Events::open(site.addr());
    let ev = late.next(TIMEOUT).expect("the current error at once");
    assert_eq!(ev.event, "error");
    assert_eq!(ev.data, "bad <yaml>");

    notifier.error("still bad");
    let mut later = Events::open(site.addr());
    assert_eq!(later.next(TIMEOUT).unwrap().data, "still bad");
    assert_eq!(late.next(TIMEOUT).unwrap().data, "still bad");

    // A good build clears it.
    notifier.reload();
    assert_eq!(late.next(TIMEOUT).unwrap().event, "reload");
    let mut fresh = Events::open(site.addr());
    assert_eq!(fresh.next(Duration::from_millis(300)), None);
}

#[test]
fn shutdown_is_prompt_with_an_open_event_stream() {
    let site = Site::new().start();
    let addr = site.addr();
    let mut events = Events::open(addr);
    let Site { tmp: _tmp, server } = site;
    let started = Instant::now();
    server.unwrap().shutdown();
    let took = started.elapsed();
    assert!(took < Duration::from_secs(2), "shutdown took {took:?}");
    assert!(events.ends_within(Duration::from_secs(2)));
    // Nothing listens any more.
    assert!(TcpStream::connect_timeout(&addr, Duration::from_millis(500)).is_err());
}

#[test]
fn dropping_the_server_stops_it() {
    let site = Site::new().start();
    let addr = site.addr();
    let _events = Events::open(addr);
    let started = Instant::now();
    drop(site);
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(TcpStream::connect_timeout(&addr, Duration::from_millis(500)).is_err());
}

// ---------------------------------------------------------------------------------------------
// Binding

#[test]
fn a_port_in_use_is_a_clear_error() {
    let site = Site::new().start();
    let taken = site.addr();
    let err = match Server::start(taken, site.root()) {
        Ok(_) => panic!("bound a port already in use"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("in use"), "{err}");
    assert!(err.contains(&taken.port().to_string()), "{err}");
    assert!(err.contains("--port"), "{err}");
    // The first server is unaffected.
    assert_eq!(get(taken, "/nope").status, 404);
}

#[test]
fn port_zero_picks_a_free_port() {
    let a = Site::new().start();
    let b = Site::new().start();
    assert_eq!(a.addr().ip(), localhost(0).ip());
    assert_ne!(a.addr().port(), 0);
    assert_ne!(a.addr().port(), b.addr().port());
}

// ---------------------------------------------------------------------------------------------
// Rebuilds

#[test]
fn a_replaced_output_folder_is_served() {
    let site = Site::new();
    site.write("index.html", page("old build"))
        .write("gone.html", page("only in old"));
    let site = site.start();
    assert!(get(site.addr(), "/").text().contains("old build"));

    // What a rebuild does: rename the old site away, a new one in.
    let root = site.root();
    let old = site.tmp.path().join("site.old");
    std::fs::rename(&root, &old).unwrap();
    let staging = site.tmp.path().join("staging");
    std::fs::create_dir(&staging).unwrap();
    std::fs::write(staging.join("index.html"), page("new build")).unwrap();
    std::fs::rename(&staging, &root).unwrap();
    std::fs::remove_dir_all(&old).unwrap();

    let r = get(site.addr(), "/");
    assert_eq!(r.status, 200);
    assert!(r.text().contains("new build"), "{}", r.text());
    assert_eq!(get(site.addr(), "/gone.html").status, 404);
}

#[test]
fn a_missing_output_folder_is_a_temporary_error() {
    let site = Site::new();
    site.write("index.html", page("x"));
    let site = site.start();
    std::fs::remove_dir_all(site.root()).unwrap();
    let r = get(site.addr(), "/");
    assert_eq!(r.status, 503);
    assert_eq!(r.header("retry-after"), Some("1"));
    // And it comes back.
    site.write("index.html", page("back"));
    assert!(get(site.addr(), "/").text().contains("back"));
}
