//! What the loader reads, and what it refuses: files swapped for links, names too long for a
//! page, folders it cannot read, settings files that are pipes or links, a bare Git repository,
//! hidden folders, and one name in two Unicode forms. Each case is a finding (or, for the
//! settings and the content folder itself, an error) and everything else still builds.

mod common;

use common::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs the binary like [`ismsbook`], but fails (instead of hanging the suite) when it does not
/// finish within a few seconds: the old loader waited forever on a named pipe.
fn ismsbook_timed(args: &[String]) -> Run {
    let mut child = Command::new(bin())
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the ismsbook binary runs");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "`ismsbook {}` did not finish: it waits on something",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    let run = Run {
        code: out.status.code().expect("exited normally"),
        stdout: String::new(),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        args: args.to_vec(),
    };
    run.no_panic();
    run
}

fn build_args(repo: &Repo) -> Vec<String> {
    let (root, out) = (path_str(repo.root()), path_str(&repo.out()));
    ["build", &root, "-o", &out, "--today", TODAY]
        .map(str::to_owned)
        .to_vec()
}

/// Every file of the site, as text where it is text: nothing from outside may be in any.
fn site_text(out: &Path) -> String {
    all_files(out)
        .iter()
        .map(|f| String::from_utf8_lossy(&std::fs::read(out.join(f)).expect("read")).into_owned())
        .collect()
}

/// A repository with one good document, `policies/ok.md`, that every test expects to be built.
fn repo_with_a_good_document() -> Repo {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("policies/ok.md", &Fm::new("POL-OK"), "# Fine\n");
    repo
}

#[track_caller]
fn assert_rest_built(repo: &Repo) {
    assert!(
        repo.out().join("policies/ok.html").is_file(),
        "the good document is published: {:?}",
        html_files(&repo.out())
    );
}

// ----- 7: a document is read in one open that follows no link -----

#[cfg(unix)]
#[test]
fn a_document_that_is_a_link_to_an_outside_file_is_refused_and_not_published() {
    let repo = repo_with_a_good_document();
    let secret = repo.tmp().join("secret.md");
    std::fs::write(&secret, Fm::new("POL-SECRET").doc("TOP-SECRET-TEXT\n")).unwrap();
    std::os::unix::fs::symlink(&secret, repo.path("policies/leak.md")).unwrap();
    // An attachment linked from a document, itself a link out: not copied either.
    std::fs::write(repo.tmp().join("secret.txt"), "TOP-SECRET-TEXT\n").unwrap();
    std::os::unix::fs::symlink(repo.tmp().join("secret.txt"), repo.path("policies/a.txt")).unwrap();
    repo.doc("policies/linker.md", &Fm::new("POL-L"), "[a](a.txt)\n");

    let (run, report) = repo.check(&[]);
    run.expect(1);
    let f = report.one("unreadable-file", "policies/leak.md");
    assert_eq!((f.line, f.column), (Some(1), Some(1)));
    assert!(
        f.message.starts_with(&format!(
            "cannot read file: it is a symbolic link (-> {}); links are not followed",
            secret.display()
        )),
        "{}",
        f.message
    );
    assert_eq!(
        report.one("broken-link", "policies/linker.md").line,
        Some(Fm::new("POL-L").body_line())
    );

    repo.build(&[]).expect(1);
    assert_rest_built(&repo);
    assert!(!repo.out().join("policies/leak.html").exists());
    assert!(!repo.out().join("policies/a.txt").exists());
    assert!(!site_text(&repo.out()).contains("TOP-SECRET-TEXT"));
}

// ----- 13: a page name must fit in 255 bytes -----

#[test]
fn a_file_name_too_long_for_its_page_is_a_finding_and_the_rest_builds() {
    let repo = repo_with_a_good_document();
    // 254 bytes: `.html` makes the page 256, one over what a file name may be.
    let long = format!("policies/{}.md", "x".repeat(251));
    repo.doc(&long, &Fm::new("POL-LONG"), "# Long\n");
    // 253 bytes: the page is exactly 255 and is published. Attachments keep their names, so a
    // 255-byte one is copied as it is.
    let longest = format!("policies/{}.md", "y".repeat(250));
    let attachment = format!("{}.pdf", "z".repeat(251));
    repo.doc(
        &longest,
        &Fm::new("POL-LONGEST"),
        &format!("[file]({attachment})\n"),
    );
    repo.write(&format!("policies/{attachment}"), "pdf");

    let (run, report) = repo.check(&[]);
    run.expect(1);
    let f = report.one("unreadable-file", &long);
    assert_eq!(
        f.message,
        "the file name is 254 bytes long; its page's name would be 256 bytes, over the 255 bytes a file name may have, so it cannot be published"
    );
    assert_eq!(report.findings.len(), 1, "{}", report.dump());
    assert_eq!(report.summary_count("documents"), 2);
    // The human report says what to do.
    let human = repo.check_human(&[]);
    assert!(
        human
            .stderr
            .contains("help: shorten the file name to at most 253 bytes"),
        "{}",
        human.stderr
    );

    repo.build(&[]).expect(1);
    assert_rest_built(&repo);
    let page = format!("policies/{}.html", "y".repeat(250));
    assert!(repo.out().join(&page).is_file());
    assert_eq!(
        read(&repo.out().join(format!("policies/{attachment}"))),
        "pdf"
    );
    assert_eq!(
        html_files(&repo.out())
            .iter()
            .filter(|p| p.contains("xxxx"))
            .count(),
        0
    );
}

// ----- 14: a folder that cannot be read -----

/// Runs the binary as `nobody`, for whom `chmod 000` holds (the tests run as root in CI);
/// `None` when that cannot be done here.
#[cfg(unix)]
fn as_nobody(args: &[String]) -> Option<Run> {
    let setpriv = |extra: &[String]| {
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", bin()])
            .args(extra)
            .env_remove("SOURCE_DATE_EPOCH")
            .env_remove("NO_COLOR")
            .output()
            .ok()
    };
    let probe = setpriv(&["--version".to_owned()])?;
    if !probe.status.success() {
        return None;
    }
    let out = setpriv(args)?;
    Some(Run {
        code: out.status.code()?,
        stdout: String::from_utf8(out.stdout).ok()?,
        stderr: String::from_utf8(out.stderr).ok()?,
        args: args.to_vec(),
    })
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_a_finding_and_the_rest_builds() {
    use std::os::unix::fs::PermissionsExt;
    let repo = repo_with_a_good_document();
    repo.doc("locked/inside.md", &Fm::new("POL-IN"), "# Inside\n");
    let mode = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m));
    // `nobody` may read the content and write the output beside it.
    mode(repo.tmp(), 0o777).unwrap();
    mode(&repo.path("locked"), 0o000).unwrap();
    let root = path_str(repo.root());
    let check = as_nobody(&[
        "check".into(),
        root.clone(),
        "--format".into(),
        "json".into(),
        "--today".into(),
        TODAY.into(),
    ]);
    let build = as_nobody(&build_args(&repo));
    mode(&repo.path("locked"), 0o755).unwrap();
    let (Some(check), Some(build)) = (check, build) else {
        eprintln!("cannot run as another user here (setpriv): unreadable-folder test skipped");
        return;
    };
    check.expect(1);
    let report = Report::parse(&check.stdout);
    let f = report.one("unreadable-file", "locked");
    assert_eq!(f.message, "cannot read folder: permission denied");
    assert_eq!(report.findings.len(), 1, "{}", report.dump());
    assert_eq!(report.summary_count("documents"), 1);
    build.expect(1);
    assert!(
        build
            .stderr
            .contains("help: check the folder's permissions"),
        "{}",
        build.stderr
    );
    assert_rest_built(&repo);
    assert!(!repo.out().join("locked").exists());
}

// ----- 15: ismsbook.toml and soa.yaml are regular files of the content folder -----

#[cfg(unix)]
fn mkfifo(p: &Path) {
    let status = Command::new("mkfifo").arg(p).status().expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", p.display());
}

#[cfg(unix)]
#[test]
fn settings_that_are_pipes_stop_the_run_at_once_with_what_to_do() {
    for name in ["ismsbook.toml", "soa.yaml"] {
        let repo = Repo::new();
        repo.doc("policies/ok.md", &Fm::new("POL-OK"), "# Fine\n");
        mkfifo(&repo.path(name));
        let run = ismsbook_timed(&build_args(&repo));
        run.expect(2);
        assert!(
            run.stderr.contains(&format!(
                "{name}: it is a named pipe (FIFO), not a file; only regular files are read: replace it with the file itself"
            )),
            "{}",
            run.stderr
        );
        assert!(!repo.out().exists(), "a failed build writes nothing");
    }
}

#[cfg(unix)]
#[test]
fn settings_that_are_links_are_not_followed_and_nothing_of_the_target_is_shown() {
    for name in ["ismsbook.toml", "soa.yaml"] {
        let repo = Repo::new();
        repo.doc("policies/ok.md", &Fm::new("POL-OK"), "# Fine\n");
        // Not TOML, not an SoA: the old loader printed this line in its parse error.
        let outside = repo.tmp().join("outside.txt");
        std::fs::write(&outside, "root:x:0:0:SECRET-LINE\n").unwrap();
        std::os::unix::fs::symlink(&outside, repo.path(name)).unwrap();
        let run = ismsbook_timed(&build_args(&repo));
        run.expect(2);
        assert!(
            run.stderr.contains(&format!(
                "{name}: it is a symbolic link (-> {}); links are not followed",
                outside.display()
            )),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("SECRET-LINE"), "{}", run.stderr);
        assert!(!repo.out().exists());
    }
}

#[test]
fn settings_over_a_megabyte_stop_the_run() {
    for name in ["ismsbook.toml", "soa.yaml"] {
        let repo = Repo::new();
        repo.doc("policies/ok.md", &Fm::new("POL-OK"), "# Fine\n");
        repo.write(name, format!("# {}\n", "x".repeat(2 * 1024 * 1024)));
        let run = ismsbook_timed(&build_args(&repo));
        run.expect(2);
        assert!(
            run.stderr
                .contains(&format!("it is 3 MB; {name} is limited to 1 MB")),
            "{}",
            run.stderr
        );
    }
}

// ----- 16: a bare Git repository is not a content folder -----

#[test]
fn a_bare_git_repository_or_a_git_directory_is_refused() {
    let repo = repo_with_a_good_document();
    git(repo.root(), &["init", "-q"]);
    git(repo.root(), &["add", "."]);
    git(repo.root(), &["commit", "-q", "-m", "One"]);
    let bare = repo.tmp().join("isms.git");
    git(
        repo.tmp(),
        &["clone", "-q", "--bare", &path_str(repo.root()), "isms.git"],
    );
    let before = snapshot(&bare);

    let run = ismsbook(&["build", &path_str(&bare), "--today", TODAY]);
    run.expect(2);
    assert!(
        run.stderr.contains(&format!(
            "{} is a bare Git repository (Git's objects, no checked-out files), not a content folder: build a checkout of it (`git clone",
            bare.display()
        )),
        "{}",
        run.stderr
    );
    assert_eq!(
        snapshot(&bare),
        before,
        "nothing is written into the repository"
    );
    ismsbook(&["check", &path_str(&bare.join("refs"))]).expect(2);
    // `watch` and `serve` stop at once too: no save can make a Git directory a content folder.
    let bare_arg = path_str(&bare);
    for args in [
        vec!["watch", &bare_arg],
        vec!["serve", &bare_arg, "--port", "0"],
    ] {
        let command = args[0];
        let mut child = std::process::Command::new(bin())
            .args(&args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("ismsbook runs");
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break Some(status);
            }
            if started.elapsed() > std::time::Duration::from_secs(20) {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        assert_eq!(
            status.and_then(|s| s.code()),
            Some(2),
            "{command} kept running"
        );
    }
    assert_eq!(
        snapshot(&bare),
        before,
        "nothing is written into the repository"
    );

    let dot_git = repo.path(".git");
    let run = ismsbook(&["check", &path_str(&dot_git.join("objects"))]);
    run.expect(2);
    assert!(
        run.stderr.contains(&format!(
            "is inside the Git directory of {}, not a content folder: build the checked-out files",
            repo.root().display()
        )),
        "{}",
        run.stderr
    );
    // The checkout itself builds, and `diff` still reads the bare repository's revisions.
    repo.build(&[]).expect(0);
    let diff = ismsbook(&["diff", "HEAD", "HEAD", "-C", &path_str(&bare)]);
    diff.expect(0);
}

// ----- 17: hidden names are never content -----

#[test]
fn hidden_folders_are_not_published_even_when_gitignore_lets_them_in() {
    let repo = repo_with_a_good_document();
    repo.write(".gitignore", "!.hidden/\n!.draft.md\n");
    repo.doc(".hidden/secret.md", &Fm::new("POL-HIDDEN"), "HIDDEN-TEXT\n");
    repo.doc("policies/.draft.md", &Fm::new("POL-DRAFT"), "HIDDEN-TEXT\n");
    repo.write("policies/.notes.txt", "HIDDEN-TEXT\n");
    // `.ignore` is not Git's: it leaves nothing out (diff and watch know nothing of it).
    repo.write(".ignore", "policies/b.md\n");
    repo.doc(
        "policies/b.md",
        &Fm::new("POL-B"),
        "[h](../.hidden/secret.md) [n](.notes.txt)\n",
    );

    let (run, report) = repo.check(&[]);
    run.expect(0);
    assert_eq!(report.summary_count("documents"), 2, "{}", report.dump());
    // The files exist (on GitHub the links work), but hidden ones are never copied: the links
    // are text, with a warning.
    let outside = report.with_code("link-outside-handbook");
    assert_eq!(outside.len(), 2, "{}", report.dump());
    assert!(outside
        .iter()
        .all(|f| f.file.as_deref() == Some("policies/b.md")));

    repo.build(&[]).expect(0);
    assert_rest_built(&repo);
    assert!(repo.out().join("policies/b.html").is_file());
    assert!(!repo.out().join(".hidden").exists());
    assert!(!site_text(&repo.out()).contains("HIDDEN-TEXT"));
}

// ----- 18: one name in two Unicode forms -----

/// Linux keeps the two spellings apart; macOS would not let the test write both.
#[cfg(target_os = "linux")]
#[test]
fn nfc_and_nfd_spellings_of_one_name_are_a_page_collision() {
    let (nfc, nfd) = ("policies/\u{fc}ber.md", "policies/u\u{308}ber.md");
    let repo = repo_with_a_good_document();
    repo.doc(nfd, &Fm::new("POL-NFD"), "# Decomposed\n");
    repo.doc(nfc, &Fm::new("POL-NFC"), "# Composed\n");
    // Upper case and NFD together are the same name again.
    repo.doc(
        "policies/U\u{308}BER.md",
        &Fm::new("POL-UPPER"),
        "# Upper\n",
    );
    repo.doc(
        "policies/links.md",
        &Fm::new("POL-LINKS"),
        "[kept](U\u{308}BER.md)\n\n[other form](\u{fc}ber.md)\n",
    );

    let (run, report) = repo.check(&[]);
    run.expect(1);
    // The first in path order (`U` < `u` < `ü`) stays; the other two are left out.
    assert_eq!(
        report.with_code("page-collision").len(),
        2,
        "{}",
        report.dump()
    );
    let f = report.one("page-collision", nfc);
    assert_eq!(
        f.message,
        format!(
            "policies/U\u{308}BER.md (decomposed, NFD) and {nfc} (composed, NFC) would both be published as policies/\u{fc}ber.html (a name written in two Unicode forms is one file on macOS); this one is left out"
        )
    );
    report.one("page-collision", nfd);
    assert_eq!(report.summary_count("documents"), 3, "{}", report.dump());
    // Links resolve by the bytes of the name: the kept document's own spelling only.
    let broken = report.one("broken-link", "policies/links.md");
    assert_eq!(
        broken.line,
        Some(Fm::new("POL-LINKS").body_line() + 2),
        "{}",
        report.dump()
    );
    assert_eq!(
        broken.message,
        format!("broken link `\u{fc}ber.md`: no document at {nfc}; did you mean policies/U\u{308}BER.md? (the link spells it in another Unicode form (composed or decomposed accents): paths must match byte for byte)")
    );

    repo.build(&[]).expect(1);
    assert_rest_built(&repo);
    let pages: Vec<String> = html_files(&repo.out())
        .into_iter()
        .filter(|p| p.to_lowercase().contains("ber.html"))
        .collect();
    assert_eq!(pages, ["policies/U\u{308}BER.html"]);
}
