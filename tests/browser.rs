//! End-to-end browser tests: builds `content-example` and runs `tests/browser/e2e.mjs`, which
//! drives headless Chromium (Debian's `/usr/bin/chromium`, through `playwright-core`) over the
//! site opened from disk: dashboard, sidebar, search, dark mode, print view, report pages, every
//! link and fragment, and a phone-sized viewport; and search in Japanese and Chinese on the build
//! of `tests/fixtures/cjk`. Screenshots go to `target/browser-screenshots/`.
//!
//! Opt-in, because it needs Chromium and Node.js packages: `ISMSBOOK_BROWSER_TESTS=1 cargo test`
//! after `npm ci` in `tests/browser` (`.ci/run` does both). With the variable set, a missing
//! Chromium or `node_modules` is a failure, not a skip.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// The date the example's reviews are judged against (it has overdue reviews then: exit 1).
const TODAY: &str = "2026-11-29";
/// How long the whole browser run may take before it is killed.
const NODE_TIMEOUT: Duration = Duration::from_secs(300);

#[test]
fn browser_end_to_end() {
    if std::env::var("ISMSBOOK_BROWSER_TESTS").as_deref() != Ok("1") {
        println!(
            "skipped: set ISMSBOOK_BROWSER_TESTS=1 (needs /usr/bin/chromium and `npm ci` in tests/browser)"
        );
        return;
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let browser_dir = manifest.join("tests/browser");
    let chromium =
        std::env::var("ISMSBOOK_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    assert!(
        Path::new(&chromium).is_file(),
        "ISMSBOOK_BROWSER_TESTS=1 but there is no Chromium at {chromium} (apt-get install chromium)"
    );
    assert!(
        browser_dir
            .join("node_modules/playwright-core/package.json")
            .is_file(),
        "ISMSBOOK_BROWSER_TESTS=1 but {} has no node_modules/playwright-core: run `npm ci` there",
        browser_dir.display()
    );

    // A copy of the example without a site it may have from an earlier build.
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let content = tmp.path().join("content");
    copy_dir(&manifest.join("content-example"), &content, true);
    let out = tmp.path().join("site");
    let build = Command::new(env!("CARGO_BIN_EXE_ismsbook"))
        .arg("build")
        .arg(&content)
        .arg("-o")
        .arg(&out)
        .args(["--today", TODAY, "--quiet"])
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("NO_COLOR")
        .output()
        .expect("the ismsbook binary runs");
    assert_eq!(
        build.status.code(),
        Some(1),
        "building content-example should exit 1 (overdue reviews)\n--- stderr\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(
        out.join("index.html").is_file(),
        "the build wrote no index.html"
    );

    // The Japanese and Chinese fixture, searched in its own test.
    let cjk = tmp.path().join("cjk-site");
    let build = Command::new(env!("CARGO_BIN_EXE_ismsbook"))
        .arg("build")
        .arg(manifest.join("tests/fixtures/cjk"))
        .arg("-o")
        .arg(&cjk)
        .args(["--today", TODAY, "--quiet"])
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("NO_COLOR")
        .output()
        .expect("the ismsbook binary runs");
    assert!(
        build.status.success() && cjk.join("index.html").is_file(),
        "building tests/fixtures/cjk failed\n--- stderr\n{}",
        String::from_utf8_lossy(&build.stderr)
    );

    // The example in German and Japanese, for the language test.
    let lang_sites: Vec<PathBuf> = ["de", "ja"]
        .iter()
        .map(|lang| {
            let site = tmp.path().join(format!("site-{lang}"));
            let build = Command::new(env!("CARGO_BIN_EXE_ismsbook"))
                .arg("build")
                .arg(&content)
                .arg("-o")
                .arg(&site)
                .args(["--today", TODAY, "--quiet", "--language", lang])
                .env_remove("SOURCE_DATE_EPOCH")
                .output()
                .expect("the ismsbook binary runs");
            assert!(
                build.status.code() == Some(1) && site.join("index.html").is_file(),
                "building content-example in {lang} failed\n--- stderr\n{}",
                String::from_utf8_lossy(&build.stderr)
            );
            site
        })
        .collect();

    let shots = manifest.join("target/browser-screenshots");
    std::fs::create_dir_all(&shots).expect("create target/browser-screenshots");

    let mut cmd = Command::new("node");
    cmd.arg(browser_dir.join("e2e.mjs"))
        .arg(&out)
        .arg(&shots)
        .arg(&content)
        .arg(&cjk)
        .args(&lang_sites)
        .current_dir(&browser_dir)
        .env("ISMSBOOK_CHROMIUM", &chromium)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // Its own process group, so a timeout ends Chromium with it.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let started = Instant::now();
    let mut child = cmd
        .spawn()
        .expect("`node` runs (install Node.js to run the browser tests)");
    let stdout = drain(child.stdout.take().expect("piped stdout"));
    let stderr = drain(child.stderr.take().expect("piped stderr"));
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for node") {
            break Some(status);
        }
        if started.elapsed() > NODE_TIMEOUT {
            kill_group(&mut child);
            break None;
        }
        thread::sleep(Duration::from_millis(100));
    };
    let stdout = stdout.join().expect("stdout reader");
    let stderr = stderr.join().expect("stderr reader");
    println!(
        "{stdout}{stderr}browser run: {:.1} s; screenshots in {}",
        started.elapsed().as_secs_f64(),
        shots.display()
    );
    let status = status.unwrap_or_else(|| {
        panic!(
            "the browser run was killed after {} s\n{stdout}{stderr}",
            NODE_TIMEOUT.as_secs()
        )
    });
    assert!(
        status.success(),
        "browser tests failed ({status})\n{stdout}{stderr}"
    );
    assert!(
        stdout.lines().any(|l| l.ends_with(" passed, 0 failed")),
        "the browser run ended without its summary line\n{stdout}{stderr}"
    );
}

/// `ismsbook serve` on a copy of the example, and `tests/browser/reload.mjs` editing files while
/// a page is open: the page must reload by itself, show an overlay for a failed build, recover.
#[test]
fn browser_live_reload() {
    if std::env::var("ISMSBOOK_BROWSER_TESTS").as_deref() != Ok("1") {
        println!("skipped: set ISMSBOOK_BROWSER_TESTS=1");
        return;
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let browser_dir = manifest.join("tests/browser");
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let content = tmp.path().join("content");
    copy_dir(&manifest.join("content-example"), &content, true);
    let mut serve = Command::new(env!("CARGO_BIN_EXE_ismsbook"))
        .arg("serve")
        .arg(&content)
        .args(["--port", "0", "--today", TODAY])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start ismsbook serve");
    // The first line names the address; the rest is drained so the pipe never fills.
    let mut stderr = std::io::BufReader::new(serve.stderr.take().expect("piped stderr"));
    let mut line = String::new();
    std::io::BufRead::read_line(&mut stderr, &mut line).expect("serve prints its address");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    let log = drain(stderr);
    // The first build must be done before the page is opened.
    let deadline = Instant::now() + Duration::from_secs(30);
    while !content.join("site/policies/access-control.html").is_file() {
        assert!(Instant::now() < deadline, "serve did not build the site");
        thread::sleep(Duration::from_millis(100));
    }
    let shots = manifest.join("target/browser-screenshots");
    std::fs::create_dir_all(&shots).expect("create target/browser-screenshots");
    let out = Command::new("node")
        .arg(browser_dir.join("reload.mjs"))
        .arg(format!("{url}policies/access-control.html"))
        .arg(&content)
        .arg(&shots)
        .current_dir(&browser_dir)
        .output()
        .expect("`node` runs");
    let _ = serve.kill();
    let _ = serve.wait();
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success() && stdout.lines().any(|l| l.ends_with(" passed, 0 failed")),
        "live reload in the browser failed\n{stdout}{}\n--- serve said\n{}",
        String::from_utf8_lossy(&out.stderr),
        log.join().unwrap_or_default()
    );
}

/// Reads a pipe to its end on another thread, so a full pipe never blocks the child.
fn drain(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = pipe.read_to_end(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    })
}

/// Kills the node process and, on Unix, the process group it leads (Chromium included).
fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    {
        let _ = Command::new("kill")
            .args(["-KILL", &format!("-{}", child.id())])
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Copies `from` into `to`; at the top level, `site/` (a previous build) is left out.
fn copy_dir(from: &Path, to: &Path, top: bool) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("create {}: {e}", to.display()));
    let entries =
        std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display()));
    for entry in entries {
        let entry = entry.expect("a folder entry");
        let name = entry.file_name();
        if top && name == "site" {
            continue;
        }
        let target: PathBuf = to.join(&name);
        let kind = entry.file_type().expect("a file type");
        if kind.is_dir() {
            copy_dir(&entry.path(), &target, false);
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("copy {}: {e}", entry.path().display()));
        }
    }
}
