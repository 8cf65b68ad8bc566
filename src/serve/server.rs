//! The development HTTP server behind `ismsbook serve`: static files from the output folder,
//! plus live reload over server-sent events.
//!
//! - `GET`/`HEAD` of files under the root; `/` and `/dir/` serve `dir/index.html`; `/dir` (a
//!   folder) redirects to `/dir/` (307, so browsers do not remember it).
//! - Every response carries `Cache-Control: no-cache`: authors must see fresh pages.
//! - Paths are checked before any file is touched (see [`safe_segments`]): a request path is
//!   percent-decoded once, and is refused with **403** if a segment is empty (`//etc/passwd`),
//!   `.` or `..`, or contains `\`, NUL or another control character (or `:`, on Windows). Hidden files (a
//!   segment starting with `.`) are **404**, as if they did not exist. After joining with the
//!   root the path is canonicalized and must stay inside the canonical root, so a symlink in the
//!   output pointing outside is **403** too.
//! - Missing files get the site's `404.html`, or a built-in page, with status 404.
//! - `text/html` responses (pages and the 404 page) get
//!   `<script src="/__ismsbook/livereload.js"></script>` before `</body>`; files on disk are
//!   never modified, and `ismsbook build` output never contains the script.
//! - `GET /__ismsbook/events` is an SSE stream with events `reload` and `error` (the error text
//!   as `data:` lines). A connection opened while the last build is failing receives that error
//!   at once; [`Notifier::reload`] clears it.
//! - Before any of this, every request must name this server in its `Host` (see `Hosts`):
//!   `localhost`, `127.0.0.1` or `[::1]`, or the address given to `--bind`, each with or without
//!   a port. Anything else, a missing `Host` included, is **421** with a plain-text note of the
//!   accepted names, on every route. This stops DNS rebinding: a web page whose host name is
//!   re-pointed at 127.0.0.1 reaches this port, but its requests still carry its own host name.
//! - A request a browser marks as made by another site's page for its own use (`Sec-Fetch-Site`
//!   `cross-site` or `same-site`, other than a navigation) is **403**: a page anywhere could
//!   otherwise include `search-index.js` or `assets/nav.js` as a script and read them.
//!
//! The root is resolved per request, so the output folder may be swapped (renamed away and a
//! new one renamed in) while serving.

use crate::error::Error;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, Request, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::convert::Infallible;
use std::future::IntoFuture;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;
use tokio::sync::{broadcast, mpsc, watch};

/// The script tag injected into served HTML.
pub const SCRIPT_TAG: &str = r#"<script src="/__ismsbook/livereload.js"></script>"#;
/// The server-sent events endpoint.
pub const EVENTS_PATH: &str = "/__ismsbook/events";
/// The live reload script.
pub const SCRIPT_PATH: &str = "/__ismsbook/livereload.js";

const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How long `shutdown` waits for open connections before dropping them.
const GRACE: Duration = Duration::from_secs(1);

/// A running dev server. Dropping it (or calling [`Server::shutdown`]) stops it.
pub struct Server {
    addr: SocketAddr,
    notifier: Notifier,
    stop: watch::Sender<bool>,
    thread: Option<JoinHandle<()>>,
}

/// Tells open pages what happened. Cheap to clone; callable from any thread (no tokio context
/// needed).
#[derive(Clone)]
pub struct Notifier {
    shared: Arc<Shared>,
}

struct Shared {
    /// The error of the last build, if it failed; sent to new connections at once.
    current_error: Mutex<Option<String>>,
    events: broadcast::Sender<Notice>,
}

#[derive(Clone, Debug)]
enum Notice {
    Reload,
    Error(String),
}

impl Notifier {
    fn new() -> Self {
        let (events, _) = broadcast::channel(64);
        Notifier {
            shared: Arc::new(Shared {
                current_error: Mutex::new(None),
                events,
            }),
        }
    }

    /// The site changed: every open page reloads (and loses its error overlay).
    pub fn reload(&self) {
        let mut current = self.lock();
        *current = None;
        // No receivers (no open page) is not an error.
        let _ = self.shared.events.send(Notice::Reload);
    }

    /// A rebuild failed: every open page shows `message` (plain text, may be multi-line) in an
    /// overlay, and keeps showing the last good site. Pages opened later show it too, until the
    /// next [`Notifier::reload`].
    pub fn error(&self, message: &str) {
        let message = clean_message(message);
        let mut current = self.lock();
        *current = Some(message.clone());
        let _ = self.shared.events.send(Notice::Error(message));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<String>> {
        self.shared
            .current_error
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// The current error and a subscription to everything after it, taken atomically.
    fn subscribe(&self) -> (Option<String>, broadcast::Receiver<Notice>) {
        let current = self.lock();
        (current.clone(), self.shared.events.subscribe())
    }

    fn current(&self) -> Notice {
        match &*self.lock() {
            Some(message) => Notice::Error(message.clone()),
            None => Notice::Reload,
        }
    }
}

/// Plain text for the overlay: CRLF and CR become LF (SSE splits data lines on both), terminal
/// colour codes are dropped, and an empty message still says something.
fn clean_message(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{1b}' => {
                // CSI: ESC [ parameters… final byte in @..~
                if chars.peek() == Some(&'[') {
                    chars.next();
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                }
            }
            c => out.push(c),
        }
    }
    let trimmed = out.trim_end();
    if trimmed.trim().is_empty() {
        "the build failed".to_owned()
    } else {
        trimmed.to_owned()
    }
}

#[derive(Clone)]
struct App {
    root: Arc<PathBuf>,
    notifier: Notifier,
    stop: watch::Receiver<bool>,
    hosts: Arc<Hosts>,
}

/// The host names a request may use to reach the server: `localhost`, `127.0.0.1` and `[::1]`
/// always, and the address the server was bound to. The port is not compared: an SSH tunnel or
/// a forwarded port reaches this server under another port, and DNS rebinding changes the host
/// name, never only the port.
#[derive(Clone, Debug)]
struct Hosts {
    bind: IpAddr,
    /// The port actually bound, for the address suggested in a refusal.
    port: u16,
}

impl Hosts {
    /// The names a server bound to `addr` answers to.
    fn new(addr: SocketAddr) -> Hosts {
        Hosts {
            bind: addr.ip(),
            port: addr.port(),
        }
    }

    /// Whether `authority` (a `Host` header value: host, optionally `:port`) names this server.
    /// Names compare without regard to case and to one trailing dot (`LOCALHOST`, `localhost.`
    /// are `localhost`); addresses compare as addresses (`[::0:1]` is `[::1]`). Bound to every
    /// interface (`0.0.0.0`, `::`), any IP address is accepted, as the machine's own addresses
    /// are not listed here; a name other than `localhost` never is. An IP address cannot be
    /// rebound: the browser connects to exactly that address.
    fn accepts(&self, authority: &str) -> bool {
        let Some(host) = host_of(authority) else {
            return false;
        };
        match host {
            Host::Ip(ip) => {
                let ip = ip.to_canonical();
                ip == IpAddr::V4(Ipv4Addr::LOCALHOST)
                    || ip == IpAddr::V6(Ipv6Addr::LOCALHOST)
                    || ip == self.bind.to_canonical()
                    || self.bind.is_unspecified()
            }
            Host::Name(name) => {
                let name = name.strip_suffix('.').unwrap_or(name);
                name.eq_ignore_ascii_case("localhost")
            }
        }
    }

    /// The plain-text body of a refusal.
    fn refusal(&self, given: Option<&str>) -> String {
        let bind = self.bind.to_canonical();
        let mut names = vec!["localhost".to_owned(), "127.0.0.1".into(), "[::1]".into()];
        let local = [
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(Ipv6Addr::LOCALHOST),
        ];
        if bind.is_unspecified() {
            names.push("this machine's IP addresses".into());
        } else if !local.contains(&bind) {
            names.push(host_text(bind));
        }
        let last = names.pop().unwrap_or_default();
        let names = format!("{} and {last}", names.join(", "));
        let given = match given {
            // Printable ASCII only, and not much of it: this echoes what the client sent.
            Some(g) => format!(
                "not to `{}`",
                g.chars()
                    .filter(|c| c.is_ascii_graphic())
                    .take(100)
                    .collect::<String>()
            ),
            None => "and this request names no host".to_owned(),
        };
        // An address that reaches the server: `localhost` unless bound to one other address.
        let open = if bind.is_unspecified() || bind == local[0] {
            "localhost".to_owned()
        } else {
            host_text(bind)
        };
        format!(
            "421 Misdirected Request\nThis server answers only to the host names {names} (with \
             any port or none), {given}. Open http://{open}:{}/ instead.\n",
            self.port
        )
    }
}

enum Host<'a> {
    Ip(IpAddr),
    Name(&'a str),
}

/// The host part of `host[:port]` or `[v6]:port`, or `None` if malformed (a bad port, an
/// unbracketed IPv6 address, an empty host).
fn host_of(authority: &str) -> Option<Host<'_>> {
    let valid_port = |p: &str| {
        !p.is_empty()
            && p.len() <= 5
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u16>().is_ok()
    };
    if let Some(rest) = authority.strip_prefix('[') {
        let (ip, after) = rest.split_once(']')?;
        if !after.is_empty() && !after.strip_prefix(':').is_some_and(valid_port) {
            return None;
        }
        return ip
            .parse::<Ipv6Addr>()
            .ok()
            .map(|ip| Host::Ip(IpAddr::V6(ip)));
    }
    let host = match authority.split_once(':') {
        Some((host, port)) if valid_port(port) => host,
        Some(_) => return None,
        None => authority,
    };
    if host.is_empty() {
        return None;
    }
    Some(match host.parse::<Ipv4Addr>() {
        Ok(ip) => Host::Ip(IpAddr::V4(ip)),
        Err(_) => Host::Name(host),
    })
}

fn host_text(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

/// Where the request says it is going: the authority of an absolute-form target (which HTTP
/// says wins over `Host`) and every `Host` header. All must be accepted, and there must be
/// exactly one `Host` unless the target names the authority.
fn request_hosts_accepted(
    hosts: &Hosts,
    uri: &Uri,
    headers: &HeaderMap,
) -> Result<(), Option<String>> {
    let mut given: Vec<&str> = Vec::new();
    let mut host_headers = 0;
    for value in headers.get_all(header::HOST) {
        host_headers += 1;
        match value.to_str() {
            Ok(v) => given.push(v),
            Err(_) => return Err(Some(String::from_utf8_lossy(value.as_bytes()).into_owned())),
        }
    }
    if let Some(authority) = uri.authority() {
        given.push(authority.as_str());
    }
    if given.is_empty() {
        return Err(None);
    }
    if host_headers > 1 {
        return Err(Some(given.join(", ")));
    }
    match given.iter().find(|g| !hosts.accepts(g)) {
        Some(refused) => Err(Some((*refused).to_owned())),
        None => Ok(()),
    }
}

/// Whether a browser says another site's page asked for this for its own use. Such a page
/// cannot read a response across origins, but a script it includes runs in its own: its
/// `<script src="http://localhost:3000/search-index.js">` would hand it every document's words.
/// A link followed from another site (a navigation) is served, as the page cannot read what it
/// opens; so is a client that sends no `Sec-Fetch-Site` (curl, older browsers).
fn cross_site_subresource(headers: &HeaderMap) -> bool {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let navigation = get("sec-fetch-mode") == Some("navigate")
        && !matches!(get("sec-fetch-dest"), Some("object" | "embed"));
    matches!(get("sec-fetch-site"), Some("cross-site" | "same-site")) && !navigation
}

/// Runs before every route: a request that does not name this server gets 421 and nothing
/// else; one that another site's page makes for a script, style, image or fetch gets 403.
async fn check_host(State(app): State<App>, request: Request<Body>, next: Next) -> Response {
    match request_hosts_accepted(&app.hosts, request.uri(), request.headers()) {
        Ok(()) if cross_site_subresource(request.headers()) => {
            let mut response = text(
                StatusCode::FORBIDDEN,
                "403 Forbidden\nThe dev server does not answer requests that another site's page makes for its own use.\n",
            );
            no_cache(&mut response);
            response
        }
        Ok(()) => next.run(request).await,
        Err(given) => {
            let mut response = (
                StatusCode::MISDIRECTED_REQUEST,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                app.hosts.refusal(given.as_deref()),
            )
                .into_response();
            no_cache(&mut response);
            response.headers_mut().insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            response
        }
    }
}

impl Server {
    /// Binds `addr` (port 0: any free port) and serves files from `root`, the output folder,
    /// resolved per request. Answers only requests whose `Host` names the server (see the
    /// module documentation; `addr`'s address is one of the names). Runs on its own tokio runtime in a
    /// background thread. Returns once the listener is bound.
    pub fn start(addr: SocketAddr, root: PathBuf) -> Result<Server, Error> {
        let std_listener = std::net::TcpListener::bind(addr).map_err(|e| bind_error(addr, &e))?;
        let local = std_listener
            .local_addr()
            .map_err(|e| Error::Usage(format!("cannot listen on {addr}: {e}")))?;
        std_listener
            .set_nonblocking(true)
            .map_err(|e| Error::Usage(format!("cannot listen on {addr}: {e}")))?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("ismsbook-serve")
            .enable_all()
            .build()
            .map_err(|e| Error::Usage(format!("cannot start the web server: {e}")))?;
        let listener = {
            let _context = runtime.enter();
            tokio::net::TcpListener::from_std(std_listener)
                .map_err(|e| Error::Usage(format!("cannot listen on {addr}: {e}")))?
        };

        let notifier = Notifier::new();
        let (stop, stop_rx) = watch::channel(false);
        let app = App {
            root: Arc::new(root),
            notifier: notifier.clone(),
            stop: stop_rx.clone(),
            hosts: Arc::new(Hosts::new(local)),
        };
        // The layer comes last so that it wraps every route, the fallback included.
        let router = Router::new()
            .route(EVENTS_PATH, get(events))
            .route(SCRIPT_PATH, get(script))
            .fallback(files)
            .layer(axum::middleware::from_fn_with_state(
                app.clone(),
                check_host,
            ))
            .with_state(app);

        let thread = std::thread::Builder::new()
            .name("ismsbook-serve".to_owned())
            .spawn(move || {
                runtime.block_on(async move {
                    let server = axum::serve(listener, router)
                        .with_graceful_shutdown(stopped(stop_rx.clone()))
                        .into_future();
                    // Graceful first; connections still open after GRACE are dropped.
                    let deadline = async {
                        stopped(stop_rx).await;
                        tokio::time::sleep(GRACE).await;
                    };
                    tokio::select! {
                        _ = server => {}
                        _ = deadline => {}
                    }
                });
                runtime.shutdown_timeout(Duration::from_millis(200));
            })
            .map_err(|e| Error::Usage(format!("cannot start the web server: {e}")))?;

        Ok(Server {
            addr: local,
            notifier,
            stop,
            thread: Some(thread),
        })
    }

    /// The address actually bound (the real port when 0 was asked for).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn notifier(&self) -> Notifier {
        self.notifier.clone()
    }

    /// Stops accepting, closes event streams, joins the thread.
    pub fn shutdown(self) {
        drop(self);
    }

    fn stop_and_join(&mut self) {
        let _ = self.stop.send(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}

fn bind_error(addr: SocketAddr, e: &std::io::Error) -> Error {
    let (ip, port) = (addr.ip(), addr.port());
    Error::Usage(match e.kind() {
        std::io::ErrorKind::AddrInUse => format!(
            "port {port} on {ip} is in use; choose another with --port, or --port 0 for any free port"
        ),
        std::io::ErrorKind::AddrNotAvailable => format!(
            "cannot listen on {ip}: this machine has no such address; check --bind"
        ),
        std::io::ErrorKind::PermissionDenied => format!(
            "not allowed to listen on port {port} on {ip}; choose a port above 1023 with --port, or --port 0 for any free port"
        ),
        _ => format!("cannot listen on {addr}: {e}"),
    })
}

/// Resolves once the stop flag is set (or the server is gone).
async fn stopped(mut stop: watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

// ---------------------------------------------------------------------------------------------
// Live reload

async fn events(State(app): State<App>) -> Response {
    let (initial, mut notices) = app.notifier.subscribe();
    let (tx, rx) = mpsc::channel::<Result<SseEvent, Infallible>>(16);
    let notifier = app.notifier.clone();
    let mut stop = app.stop.clone();
    // Relay notices to this connection until the client goes away or the server stops; ending
    // the stream is what lets graceful shutdown finish.
    tokio::spawn(async move {
        if let Some(message) = initial {
            if tx
                .send(Ok(sse_event(&Notice::Error(message))))
                .await
                .is_err()
            {
                return;
            }
        }
        loop {
            let notice = tokio::select! {
                _ = stop.wait_for(|s| *s) => break,
                _ = tx.closed() => break,
                notice = notices.recv() => notice,
            };
            let notice = match notice {
                Ok(notice) => notice,
                // Missed some: the latest state says it all.
                Err(broadcast::error::RecvError::Lagged(_)) => notifier.current(),
                Err(broadcast::error::RecvError::Closed) => break,
            };
            if tx.send(Ok(sse_event(&notice))).await.is_err() {
                break;
            }
        }
    });
    let stream = tokio_stream::wrappers::ReceiverStream::new(rx);
    let mut response = Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response();
    no_cache(&mut response);
    response
}

fn sse_event(notice: &Notice) -> SseEvent {
    match notice {
        // An event without data is not dispatched by browsers.
        Notice::Reload => SseEvent::default().event("reload").data("reload"),
        Notice::Error(message) => SseEvent::default().event("error").data(message),
    }
}

async fn script() -> Response {
    let mut response = (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        LIVERELOAD_JS,
    )
        .into_response();
    no_cache(&mut response);
    response
}

/// Reloads on `reload`; shows an overlay on `error` (server-sent `error` events are
/// `MessageEvent`s with data, unlike EventSource's own connection errors); reconnects with
/// backoff and reloads once the server is back (it was restarted, the site may have changed).
const LIVERELOAD_JS: &str = include_str!("livereload.js");

// ---------------------------------------------------------------------------------------------
// Files

async fn files(State(app): State<App>, request: Request<Body>) -> Response {
    let method = request.method().clone();
    if method != Method::GET && method != Method::HEAD {
        let mut response = (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "405 Method Not Allowed\n",
        )
            .into_response();
        no_cache(&mut response);
        return response;
    }
    let raw_path = request.uri().path().to_owned();
    let query = request.uri().query().map(str::to_owned);
    let root = app.root.clone();
    let resolved = tokio::task::spawn_blocking(move || resolve(&root, &raw_path, query.as_deref()))
        .await
        .unwrap_or(Reply::Failed);
    let mut response = resolved.into_response();
    no_cache(&mut response);
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if method == Method::HEAD {
        // Keep the headers (Content-Length included) and drop the body.
        let (parts, _) = response.into_parts();
        return Response::from_parts(parts, Body::empty());
    }
    response
}

enum Reply {
    File {
        status: StatusCode,
        content_type: &'static str,
        body: Vec<u8>,
    },
    Redirect(String),
    Forbidden,
    /// The output folder is missing (being replaced, or not built yet).
    Unavailable,
    Failed,
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        match self {
            Reply::File {
                status,
                content_type,
                body,
            } => {
                let len = body.len();
                let mut response =
                    (status, [(header::CONTENT_TYPE, content_type)], body).into_response();
                response
                    .headers_mut()
                    .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
                response
            }
            Reply::Redirect(location) => match HeaderValue::from_str(&location) {
                Ok(location) => (
                    StatusCode::TEMPORARY_REDIRECT,
                    [(header::LOCATION, location)],
                )
                    .into_response(),
                Err(_) => Reply::Forbidden.into_response(),
            },
            Reply::Forbidden => text(StatusCode::FORBIDDEN, "403 Forbidden\n"),
            Reply::Unavailable => {
                let mut response = text(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "503 The site is being rebuilt; try again in a moment.\n",
                );
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
                response
            }
            Reply::Failed => text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "500 Cannot read the file\n",
            ),
        }
    }
}

fn text(status: StatusCode, body: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        body,
    )
        .into_response()
}

fn no_cache(response: &mut Response) {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
}

/// What a request path asks for, before touching the file system.
#[derive(Debug, PartialEq, Eq)]
enum PathCheck {
    /// Segments relative to the root; `dir` when the path ends with `/`.
    Ok { segments: Vec<String>, dir: bool },
    /// Traversal, absolute or malformed: 403.
    Forbidden,
    /// A hidden file or folder: 404.
    Hidden,
}

/// Checks a raw (still percent-encoded) request path. It is decoded exactly once, so `%252e`
/// stays the literal file name `%2e`, and is refused when, after decoding, any segment is
/// empty (`//etc/passwd`, `/%2F..`), `.` or `..`, or contains `\`, NUL or another control
/// character (or `:` on Windows: drive letters, streams), or the decoded text is not UTF-8. A segment starting with `.` is hidden.
fn safe_segments(raw: &str) -> PathCheck {
    let Some(rest) = raw.strip_prefix('/') else {
        return PathCheck::Forbidden;
    };
    let Ok(decoded) = percent_encoding::percent_decode_str(rest).decode_utf8() else {
        return PathCheck::Forbidden;
    };
    if decoded.is_empty() {
        return PathCheck::Ok {
            segments: Vec::new(),
            dir: true,
        };
    }
    let dir = decoded.ends_with('/');
    let body = if dir {
        &decoded[..decoded.len() - 1]
    } else {
        &decoded[..]
    };
    let mut segments = Vec::new();
    let mut hidden = false;
    for segment in body.split('/') {
        if segment.is_empty()
            || segment == "."
            || segment == ".."
            || segment
                .chars()
                .any(|c| c == '\\' || c.is_control() || (cfg!(windows) && c == ':'))
        {
            return PathCheck::Forbidden;
        }
        hidden |= segment.starts_with('.');
        segments.push(segment.to_owned());
    }
    if hidden {
        return PathCheck::Hidden;
    }
    PathCheck::Ok { segments, dir }
}

/// The canonical root, waiting briefly if it is missing: a rebuild swaps the output folder by
/// renaming the old one away and the new one in.
fn canonical_root(root: &Path) -> Option<PathBuf> {
    for attempt in 0..20 {
        if let Ok(canonical) = root.canonicalize() {
            if canonical.is_dir() {
                return Some(canonical);
            }
        }
        if attempt < 19 {
            std::thread::sleep(Duration::from_millis(25));
        }
    }
    None
}

/// Where a path inside the root really is: `Err(Forbidden)` if it resolves outside the root
/// (symlinks) or to a hidden file, `Ok(None)` if it does not exist.
fn inside(root: &Path, path: &Path) -> Result<Option<PathBuf>, Reply> {
    let canonical = match path.canonicalize() {
        Ok(c) => c,
        Err(_) => return Ok(None),
    };
    let Ok(rel) = canonical.strip_prefix(root) else {
        return Err(Reply::Forbidden);
    };
    if rel
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
    {
        return Ok(None);
    }
    Ok(Some(canonical))
}

fn resolve(root: &Path, raw_path: &str, query: Option<&str>) -> Reply {
    let (segments, dir) = match safe_segments(raw_path) {
        PathCheck::Ok { segments, dir } => (segments, dir),
        PathCheck::Forbidden => return Reply::Forbidden,
        PathCheck::Hidden => return not_found(root, raw_path),
    };
    let Some(root_canonical) = canonical_root(root) else {
        return Reply::Unavailable;
    };
    let mut path = root_canonical.clone();
    path.extend(&segments);
    let target = match inside(&root_canonical, &path) {
        Ok(Some(t)) => t,
        Ok(None) => return not_found(root, raw_path),
        Err(refused) => return refused,
    };
    let file = if target.is_dir() {
        if !dir {
            let mut location = format!("{raw_path}/");
            if let Some(q) = query {
                location.push('?');
                location.push_str(q);
            }
            return Reply::Redirect(location);
        }
        match inside(&root_canonical, &target.join("index.html")) {
            Ok(Some(index)) if index.is_file() => index,
            Ok(_) => return not_found(root, raw_path),
            Err(refused) => return refused,
        }
    } else if dir {
        // `/file.html/`: not a folder.
        return not_found(root, raw_path);
    } else {
        target
    };
    match serve_file(&file, StatusCode::OK) {
        Some(resolved) => resolved,
        None => Reply::Failed,
    }
}

fn serve_file(path: &Path, status: StatusCode) -> Option<Reply> {
    let bytes = std::fs::read(path).ok()?;
    let content_type = content_type(path);
    let body = if content_type.starts_with("text/html") {
        inject(&bytes)
    } else {
        bytes
    };
    Some(Reply::File {
        status,
        content_type,
        body,
    })
}

/// The site's `404.html` (if it is inside the root), else a built-in page; status 404.
fn not_found(root: &Path, raw_path: &str) -> Reply {
    if let Some(root) = canonical_root(root) {
        if let Ok(Some(page)) = inside(&root, &root.join("404.html")) {
            if page.is_file() {
                if let Some(resolved) = serve_file(&page, StatusCode::NOT_FOUND) {
                    return resolved;
                }
            }
        }
    }
    let shown = percent_encoding::percent_decode_str(raw_path).decode_utf8_lossy();
    let page = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Not found</title>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>\n\
         <body style=\"font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem\">\n\
         <h1>404 — not found</h1>\n<p>Nothing is published at <code>{}</code>.</p>\n\
         <p><a href=\"/\">Go to the handbook's start page</a></p>\n</body>\n</html>\n",
        crate::render::escape::text(&shown)
    );
    Reply::File {
        status: StatusCode::NOT_FOUND,
        content_type: "text/html; charset=utf-8",
        body: inject(page.as_bytes()),
    }
}

/// The page with the live reload script before its last `</body>` (any case), or appended.
fn inject(html: &[u8]) -> Vec<u8> {
    const CLOSE: &[u8] = b"</body>";
    let at = html
        .windows(CLOSE.len())
        .rposition(|w| w.eq_ignore_ascii_case(CLOSE))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + SCRIPT_TAG.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(SCRIPT_TAG.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(segments: &[&str], dir: bool) -> PathCheck {
        PathCheck::Ok {
            segments: segments.iter().map(|s| s.to_string()).collect(),
            dir,
        }
    }

    #[test]
    fn path_checks() {
        assert_eq!(safe_segments("/"), ok(&[], true));
        assert_eq!(safe_segments("/a/b.html"), ok(&["a", "b.html"], false));
        assert_eq!(safe_segments("/a/"), ok(&["a"], true));
        assert_eq!(safe_segments("/a%20b"), ok(&["a b"], false));
        // Decoded once: `%252e%252e` is the literal name `%2e%2e`.
        assert_eq!(safe_segments("/%252e%252e"), ok(&["%2e%2e"], false));
        for bad in [
            "/../secret",
            "/%2e%2e/secret",
            "/..%2fsecret",
            "/%2e%2e%2fsecret",
            "//etc/passwd",
            "/%2Fetc/passwd",
            "/%2F..",
            "/sub/..%5c..%5csecret",
            "/a/./b",
            "/a//b",
            "/a%00b",
            "/%ff",
            "relative",
        ] {
            assert_eq!(safe_segments(bad), PathCheck::Forbidden, "{bad}");
        }
        if cfg!(windows) {
            assert_eq!(safe_segments("/C:/Windows"), PathCheck::Forbidden);
        }
        assert_eq!(safe_segments("/.ismsbook-output"), PathCheck::Hidden);
        assert_eq!(safe_segments("/a/.git/config"), PathCheck::Hidden);
    }

    #[test]
    fn injection() {
        let html = b"<html><body><p>x</p></BODY></html>";
        let out = String::from_utf8(inject(html)).unwrap();
        assert_eq!(
            out,
            format!("<html><body><p>x</p>{SCRIPT_TAG}</BODY></html>")
        );
        let out = String::from_utf8(inject(b"<p>x</p>")).unwrap();
        assert_eq!(out, format!("<p>x</p>{SCRIPT_TAG}"));
    }

    #[test]
    fn host_names_follow_the_bind_address() {
        let hosts = |addr: &str| Hosts::new(addr.parse().expect("socket address"));
        // Loopback: its own names only.
        let local = hosts("127.0.0.1:3000");
        for ok in [
            "localhost",
            "localhost:3000",
            "[::1]:1",
            "127.0.0.1",
            "[::ffff:127.0.0.1]",
        ] {
            assert!(local.accepts(ok), "{ok}");
        }
        for refused in [
            "192.168.1.5:3000",
            "example.com",
            "[fe80::1]",
            "0.0.0.0:3000",
            "",
        ] {
            assert!(!local.accepts(refused), "{refused}");
        }
        // Another address given to --bind is accepted too, as an address.
        let lan = hosts("192.168.1.5:3000");
        assert!(lan.accepts("192.168.1.5:3000") && lan.accepts("localhost:3000"));
        assert!(!lan.accepts("192.168.1.6:3000") && !lan.accepts("myhost.local:3000"));
        let v6 = hosts("[fd00::5]:3000");
        assert!(v6.accepts("[fd00::5]:3000") && v6.accepts("[fd00:0::5]"));
        assert!(!v6.accepts("fd00::5") && !v6.accepts("[fd00::6]:3000"));
        // Every interface: any IP address (the machine's own are not listed), never a name.
        for any in ["0.0.0.0:3000", "[::]:3000"] {
            let all = hosts(any);
            assert!(
                all.accepts("192.168.1.5:3000") && all.accepts("[fd00::5]:3000"),
                "{any}"
            );
            assert!(
                !all.accepts("myhost.local:3000") && !all.accepts("attacker.example"),
                "{any}"
            );
        }
        // Refusals list the accepted names and suggest an address that reaches the server.
        let refusal = lan.refusal(None);
        assert!(
            refusal.contains("localhost, 127.0.0.1, [::1] and 192.168.1.5 (")
                && refusal.contains("names no host")
                && refusal.contains("http://192.168.1.5:3000/"),
            "{refusal}"
        );
        let refusal = v6.refusal(None);
        assert!(refusal.contains("and [fd00::5] (") && refusal.contains("http://[fd00::5]:3000/"));
        let other_loopback = hosts("127.0.0.2:3000");
        assert!(other_loopback.accepts("127.0.0.2:3000"));
        assert!(other_loopback
            .refusal(None)
            .contains("[::1] and 127.0.0.2 ("));
        let refusal = local.refusal(Some("a.example"));
        assert!(
            refusal.contains("localhost, 127.0.0.1 and [::1] (")
                && refusal.contains("not to `a.example`")
                && refusal.contains("http://localhost:3000/"),
            "{refusal}"
        );
        let all = hosts("0.0.0.0:1").refusal(None);
        assert!(
            all.contains("[::1] and this machine's IP addresses")
                && all.contains("http://localhost:1/"),
            "{all}"
        );
        // What the client sent is echoed as printable ASCII only.
        let echoed = local.refusal(Some("evil\u{1b}[31m <script>"));
        assert!(echoed.contains("`evil[31m<script>`"), "{echoed}");
    }

    #[test]
    fn messages_are_cleaned() {
        assert_eq!(clean_message("a\r\nb\rc\n"), "a\nb\nc");
        assert_eq!(clean_message("\u{1b}[1;31merror\u{1b}[0m: x"), "error: x");
        assert_eq!(clean_message(""), "the build failed");
    }
}
