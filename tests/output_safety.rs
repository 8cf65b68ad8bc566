//! What a build may write over, and how: `--force` never deletes content sources, a Git
//! repository or the home folder; a symbolic link given as the output is written through and
//! stays; a mount point is swapped file by file; and one output folder has one writer at a time.

mod common;

use common::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A content folder in Git, with a theme override.
fn repo_in_git() -> Repo {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("policies/a.md", &Fm::new("POL-1"), "# A\n\nFirst.\n");
    repo.write("theme/assets/extra.css", "body { color: black }\n");
    git(repo.root(), &["init", "-q"]);
    git(repo.root(), &["add", "."]);
    git(repo.root(), &["commit", "-q", "-m", "ISMS"]);
    repo
}

/// `ismsbook build <args> --today TODAY` run in `cwd`.
fn build_in(cwd: &Path, args: &[&str]) -> Run {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--today", TODAY]);
    let out = Command::new(bin())
        .args(&all)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run ismsbook");
    let run = Run {
        code: out.status.code().expect("exited normally"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        args: all.iter().map(|a| a.to_string()).collect(),
    };
    run.no_panic();
    run
}

/// Names in `dir` that are ismsbook's bookkeeping: staging folders and lock files.
fn bookkeeping(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.contains("ismsbook-staging") || n.contains("ismsbook-lock"))
                .collect()
        })
        .unwrap_or_default()
}

/// A refusal that `--force` would not change must not suggest it.
#[track_caller]
fn assert_refused_for_good(run: &Run, why: &str) {
    run.expect(2);
    assert!(
        run.stderr.contains(why)
            && run.stderr.contains("refusing")
            && run.stderr.contains("even with --force"),
        "expected \"{why}\": {}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("pass --force") && !run.stderr.contains("--force to `build`"),
        "suggests --force although it would not help: {}",
        run.stderr
    );
}

// ----- what --force may replace -----

#[test]
fn force_never_deletes_content_sources_a_git_repository_or_the_theme() {
    let repo = repo_in_git();
    let root = repo.root();
    // A site folder inside the content folder that holds a source someone saved there.
    repo.write("old-site/index.html", "<p>old</p>\n");
    repo.write("old-site/soa.yaml", "controls: {}\n");
    // Another repository beside, and a folder holding a work tree further down.
    let other = repo.tmp().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "mine\n").unwrap();
    git(&other, &["init", "-q"]);
    let nested = repo.tmp().join("nested");
    std::fs::create_dir_all(nested.join("vendor/lib")).unwrap();
    std::fs::write(nested.join("index.html"), "<p>x</p>\n").unwrap();
    std::fs::write(nested.join("vendor/lib/.git"), "gitdir: ../../../x\n").unwrap();
    let before = [
        (root.to_path_buf(), snapshot(root)),
        (other.clone(), snapshot(&other)),
        (nested.clone(), snapshot(&nested)),
    ];
    let cases: [(PathBuf, &str); 8] = [
        (root.join("policies"), "holds content sources of"),
        (root.join("old-site"), "holds content sources of"),
        (root.join(".git"), "is a Git repository's folder (.git)"),
        (
            root.join(".git/refs"),
            "is inside a Git repository's folder (.git)",
        ),
        (
            root.join("theme"),
            "is the theme folder of the content folder",
        ),
        (root.join("theme/assets"), "is inside the theme folder"),
        (other.clone(), "holds a Git repository (.git)"),
        (nested.clone(), "holds a Git repository (vendor/lib/.git)"),
    ];
    for (out, why) in &cases {
        for force in [false, true] {
            let mut args = vec![];
            if force {
                args.push("--force");
            }
            let run = repo.build_to(out, &args);
            assert_refused_for_good(&run, why);
            assert!(
                run.stderr.contains(&out.display().to_string()),
                "the message names the folder: {}",
                run.stderr
            );
        }
    }
    // Relative, from inside the content folder, as people type it.
    assert_refused_for_good(
        &build_in(root, &[".", "-o", "policies", "--force"]),
        "holds content sources of",
    );
    assert_refused_for_good(&build_in(root, &[".", "-o", ".git", "--force"]), ".git");
    for (dir, snap) in &before {
        assert!(snapshot(dir) == *snap, "{} changed", dir.display());
    }
    assert!(bookkeeping(repo.tmp()).is_empty() && bookkeeping(root).is_empty());
}

#[test]
fn force_replaces_another_generators_folder_only_where_the_content_puts_its_output() {
    let repo = repo_in_git();
    let root = repo.root();
    repo.write("public/index.html", "<h1>made by another generator</h1>\n");
    repo.write("public/css/site.css", "h1 {}\n");
    let config = read(&repo.path("ismsbook.toml"));
    let mut sources = snapshot(root);
    sources.retain(|k, _| !k.starts_with("public/"));

    let run = build_in(root, &[".", "-o", "public"]);
    run.expect(2);
    assert!(
        run.stderr.contains("was not written by ismsbook") && run.stderr.contains("pass --force"),
        "{}",
        run.stderr
    );
    // Inside the content folder, --force replaces only the configured output: `public/` may
    // hold what belongs to the content (`-o policies/img --force` would delete images).
    let run = build_in(root, &[".", "-o", "public", "--force"]);
    run.expect(2);
    assert!(
        run.stderr.contains("--force does not apply here") && !run.stderr.contains("pass --force"),
        "{}",
        run.stderr
    );
    assert!(repo.path("public/css/site.css").is_file());
    // Once ismsbook.toml names it as the output, --force replaces it.
    repo.write("ismsbook.toml", format!("output = \"public\"\n{config}"));
    build_in(root, &[".", "--force"]).expect(0);
    assert!(read(&repo.path("public/policies/a.html")).contains("First."));
    assert!(!repo.path("public/css/site.css").exists());
    // Its own site now: replaced without --force, as CI does on every run.
    build_in(root, &[".", "-o", "public"]).expect(0);
    repo.write("ismsbook.toml", &config);
    // The default output, `site` inside the content folder.
    build_in(root, &["."]).expect(0);
    build_in(root, &["."]).expect(0);
    assert!(repo.path("site/index.html").is_file());
    // Outside the content folder, --force replaces another generator's folder.
    let elsewhere = repo.tmp().join("elsewhere");
    std::fs::create_dir_all(elsewhere.join("css")).unwrap();
    std::fs::write(elsewhere.join("css/site.css"), "h1 {}\n").unwrap();
    build_in(root, &[".", "-o", &path_str(&elsewhere), "--force"]).expect(0);
    assert!(elsewhere.join("policies/a.html").is_file());
    assert!(!elsewhere.join("css/site.css").exists());

    let mut after = snapshot(root);
    after.retain(|k, _| !k.starts_with("public/") && !k.starts_with("site/"));
    let changed: Vec<&String> = after
        .keys()
        .chain(sources.keys())
        .filter(|k| after.get(*k) != sources.get(*k))
        .collect();
    assert!(changed.is_empty(), "sources changed: {changed:?}");
    assert!(bookkeeping(root).is_empty(), "{:?}", bookkeeping(root));
}

// ----- symbolic links -----

#[cfg(unix)]
#[test]
fn a_symlinked_output_is_written_through_and_the_link_stays() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("policies/a.md", &Fm::new("POL-1"), "# A\n\nFirst.\n");
    let www = repo.tmp().join("www");
    let target = www.join("isms");
    std::fs::create_dir_all(&target).unwrap();
    // The default output, `site` in the content folder, deployed as a link.
    let link = repo.path("site");
    std::os::unix::fs::symlink("../www/isms", &link).unwrap();

    let run = ismsbook(&["build", &path_str(repo.root()), "--today", TODAY]);
    run.expect(0);
    let check = |link: &Path, text: &str| {
        let meta = std::fs::symlink_metadata(link).expect("the link is there");
        assert!(meta.file_type().is_symlink(), "the link was replaced");
        assert_eq!(
            std::fs::canonicalize(link).unwrap(),
            target.canonicalize().unwrap()
        );
        assert!(read(&target.join("policies/a.html")).contains(text));
        assert!(target.join(".ismsbook-output").is_file());
        assert_eq!(
            std::fs::read_dir(&www).unwrap().count(),
            1,
            "only the site beside the target: {:?}",
            bookkeeping(&www)
        );
        assert!(bookkeeping(repo.root()).is_empty());
    };
    check(&link, "First.");
    assert_eq!(std::fs::read_link(&link).unwrap(), Path::new("../www/isms"));
    // The same, named relative to the current folder.
    build_in(repo.root(), &[".", "-o", "site"]).expect(0);
    check(&link, "First.");

    repo.doc("policies/a.md", &Fm::new("POL-1"), "# A\n\nSecond.\n");
    ismsbook(&["build", &path_str(repo.root()), "--today", TODAY]).expect(0);
    check(&link, "Second.");

    // A link outside the content folder, named with -o (the one inside, no longer the output,
    // would be a document that is a link).
    std::fs::remove_file(&link).unwrap();
    let outside = repo.tmp().join("deployed");
    std::os::unix::fs::symlink(&target, &outside).unwrap();
    repo.doc("policies/a.md", &Fm::new("POL-1"), "# A\n\nThird.\n");
    repo.build_to(&outside, &[]).expect(0);
    check(&outside, "Third.");
    assert!(bookkeeping(repo.tmp()).is_empty());
}

#[cfg(unix)]
#[test]
fn a_link_to_nothing_or_to_a_folder_never_replaced_is_refused() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("policies/a.md", &Fm::new("POL-1"), "# A\n");
    let home = repo.tmp().join("people/me");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::write(home.join(".profile"), "PATH=$PATH\n").unwrap();
    let before = (snapshot(repo.root()), snapshot(&home));

    let dangling = repo.tmp().join("dangling");
    let nowhere = repo.tmp().join("nowhere");
    std::os::unix::fs::symlink(&nowhere, &dangling).unwrap();
    let run = repo.build_to(&dangling, &["--force"]);
    run.expect(2);
    assert!(
        run.stderr.contains("is a symbolic link to")
            && run.stderr.contains(&path_str(&nowhere))
            && run.stderr.contains("Create that folder"),
        "{}",
        run.stderr
    );
    assert!(!nowhere.exists());
    assert!(std::fs::symlink_metadata(&dangling).is_ok());

    let to_sources = repo.tmp().join("to-sources");
    std::os::unix::fs::symlink(repo.path("policies"), &to_sources).unwrap();
    let run = repo.build_to(&to_sources, &["--force"]);
    assert_refused_for_good(&run, "holds content sources of");
    assert!(run.stderr.contains("a link to"), "{}", run.stderr);

    let to_home = repo.tmp().join("to-home");
    std::os::unix::fs::symlink(&home, &to_home).unwrap();
    let run = ismsbook_env(
        &[
            "build",
            &path_str(repo.root()),
            "-o",
            &path_str(&to_home),
            "--force",
            "--today",
            TODAY,
        ],
        &[("HOME", &path_str(&home))],
    );
    assert_refused_for_good(&run, "is your home folder");

    assert!(before == (snapshot(repo.root()), snapshot(&home)));
    assert!(bookkeeping(repo.tmp()).is_empty());
}

// ----- mount points -----

/// The output folder is a mount point (a tmpfs here, as a container volume would be): it
/// cannot be renamed, so each build swaps its contents. Run in a private mount namespace
/// (`unshare -rm`); skipped, with a note, where that is not allowed. Also a mount point whose
/// parent is read-only: the lock goes inside the folder, and is not a foreign file.
#[cfg(target_os = "linux")]
#[test]
fn an_output_that_is_a_mount_point_is_swapped_file_by_file() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("policies/a.md", &Fm::new("POL-1"), "# A\n\nFirst.\n");
    let big = repo.tmp().join("big");
    std::fs::create_dir(&big).unwrap();
    let body = "A long register line that repeats to make this page large.\n\n".repeat(40_000);
    std::fs::write(big.join("huge.md"), Fm::new("REC-1").doc(&body)).unwrap();
    for d in ["disk", "ro"] {
        std::fs::create_dir(repo.tmp().join(d)).unwrap();
    }
    let (bin, root, tmp) = (bin(), path_str(repo.root()), path_str(repo.tmp()));
    let build = format!("'{bin}' build '{root}' --today {TODAY}");
    let script = format!(
        r#"set -u
cd '{tmp}'
mount -t tmpfs -o size=2m tmpfs disk || exit 77
mkdir disk/lost+found
{build} -o disk 2>err1; echo $? > code1
stat -c %i disk/assets/style.css > ino1
sed -i 's/First\./Second./' '{root}/policies/a.md'
{build} -o disk 2>err2; echo $? > code2
stat -c %i disk/assets/style.css > ino2
mkdir disk/.ismsbook-staging-99999999
{build} -o disk 2>err3; echo $? > code3
ls -a disk > listing3; ls -a > listing3beside
cp -a disk before4
cp big/huge.md '{root}/policies/huge.md'
{build} -o disk 2>err4; echo $? > code4
ls -a disk > listing4
cp -a disk after4
rm '{root}/policies/huge.md'
mount -t tmpfs -o size=4m tmpfs ro && mkdir ro/site && mount -t tmpfs -o size=2m tmpfs ro/site && mount -o remount,ro ro || exit 79
{build} -o ro/site 2>err5; echo $? > code5
echo 4000000 > ro/site/.ismsbook-lock
{build} -o ro/site 2>err6; echo $? > code6
ls -a ro/site > listing6
cp -a ro/site site6
"#
    );
    if in_mount_namespace(&script, &repo.tmp().join("code1")).is_none() {
        return;
    }
    let at = |name: &str| read(&repo.tmp().join(name));
    for n in ["1", "2", "3", "5", "6"] {
        assert_eq!(
            at(&format!("code{n}")).trim(),
            "0",
            "{}",
            at(&format!("err{n}"))
        );
    }
    // The second build changed the page, and left the unchanged file as it was.
    assert_eq!(at("ino1"), at("ino2"), "an unchanged file was rewritten");
    assert!(read(&repo.tmp().join("before4/policies/a.html")).contains("Second."));
    // A dead process's staging inside is not foreign, and is removed; nothing is left.
    for listing in ["listing3", "listing3beside", "listing4", "listing6"] {
        let text = at(listing);
        assert!(
            !text.contains("ismsbook-staging") && !text.contains("ismsbook-lock"),
            "{listing}: {text}"
        );
    }
    // The file system's own folder at the top of the volume needs no --force and stays.
    for listing in ["listing3", "listing4"] {
        assert!(
            at(listing).contains("lost+found"),
            "{listing}: {}",
            at(listing)
        );
    }
    // Disk full: refused whole, the previous site as it was, and no staging on the disk.
    let err4 = at("err4");
    assert_eq!(at("code4").trim(), "2", "{err4}");
    assert!(err4.contains("No space left on device"), "{err4}");
    assert!(
        snapshot(&repo.tmp().join("after4")) == snapshot(&repo.tmp().join("before4")),
        "the previous site changed"
    );
    assert!(repo.tmp().join("site6/policies/a.html").is_file());
}

// ----- one writer at a time -----

#[test]
fn a_build_waits_for_no_one_and_never_writes_where_a_watch_session_writes() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("policies/a.md", &Fm::new("POL-1"), "# A\n\nFirst.\n");
    let out = repo.out();
    let mut session = common::watch_session(repo.root(), &out);
    session
        .rebuild(&HashSet::new())
        .expect("the session's first build");
    let before = snapshot(&out);
    for extra in [&[][..], &["--force"][..]] {
        let run = repo.build(extra);
        run.expect(2);
        assert!(
            run.stderr.contains(&format!(
                "another ismsbook build is writing to {} (process {})",
                out.display(),
                std::process::id()
            )) && run.stderr.contains("watch or serve session"),
            "{}",
            run.stderr
        );
    }
    assert!(
        snapshot(&out) == before,
        "the site changed under the session"
    );
    drop(session);
    assert!(
        bookkeeping(repo.tmp()).is_empty(),
        "{:?}",
        bookkeeping(repo.tmp())
    );
    repo.build(&[]).expect(0);
    assert!(
        bookkeeping(repo.tmp()).is_empty(),
        "{:?}",
        bookkeeping(repo.tmp())
    );
}

/// The marker is a file in the output folder, which a repository can commit (`git add -f
/// site/`): what it lists must never make `watch` or `serve` delete or write outside the
/// folder, however it is forged.
#[cfg(unix)]
#[test]
fn a_forged_marker_never_has_a_watch_session_delete_or_write_outside_the_output() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("policies/a.md", &Fm::new("POL-1"), "# A\n\nFirst.\n");
    let out = repo.out();
    let outside = repo.tmp().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    let victim = outside.join("victim.txt");
    std::fs::write(&victim, "keep").unwrap();
    std::fs::write(outside.join("a.html"), "keep").unwrap();
    std::fs::create_dir_all(&out).unwrap();
    let session = |out: &Path| common::watch_session(repo.root(), out);

    // Paths out of the folder: up, absolute, into the content.
    std::fs::write(
        out.join(".ismsbook-output"),
        format!(
            "../policies/a.md\n{}\n../outside/victim.txt\n",
            victim.display()
        ),
    )
    .unwrap();
    let mut s = session(&out);
    s.rebuild(&HashSet::new())
        .expect("the session's first build");
    drop(s);
    assert_eq!(read(&victim), "keep");
    assert!(
        repo.path("policies/a.md").is_file(),
        "a document was deleted"
    );
    assert!(out.join("policies/a.html").is_file());

    // A folder of the output that is a link, listed in the marker with a page under it.
    let linked = repo.tmp().join("linked-site");
    std::fs::create_dir_all(&linked).unwrap();
    std::os::unix::fs::symlink(&outside, linked.join("policies")).unwrap();
    std::fs::write(
        linked.join(".ismsbook-output"),
        "policies\npolicies/a.html\npolicies/victim.txt\n",
    )
    .unwrap();
    let mut s = session(&linked);
    let Err(e) = s.rebuild(&HashSet::new()) else {
        panic!("a link in the output is not the site's");
    };
    let e = e.to_string();
    drop(s);
    assert!(e.contains("did not write (policies)"), "{e}");
    assert_eq!(
        read(&outside.join("a.html")),
        "keep",
        "written through the link"
    );
    assert_eq!(read(&victim), "keep");

    // A link named like a page waiting for its commit, which the session would write through.
    let tmp_link = repo.tmp().join("tmp-link-site");
    std::fs::create_dir_all(&tmp_link).unwrap();
    std::fs::write(tmp_link.join(".ismsbook-output"), "").unwrap();
    std::os::unix::fs::symlink(&victim, tmp_link.join(".index.html.ismsbook-tmp")).unwrap();
    let mut s = session(&tmp_link);
    let Err(e) = s.rebuild(&HashSet::new()) else {
        panic!("a link in the output is not the site's");
    };
    drop(s);
    assert!(e.to_string().contains("(.index.html.ismsbook-tmp)"), "{e}");
    assert_eq!(read(&victim), "keep", "a page was written through the link");
}

/// The marker is read strictly (no `..`, no absolute path), but a `\\` is part of a name on
/// Unix: an attachment with one stays the site's own, and the next build replaces it.
#[cfg(unix)]
#[test]
fn an_attachment_with_a_backslash_in_its_name_is_the_site_s_own_next_time() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "policies/a.md",
        &Fm::new("POL-1"),
        "See [the chart](<chart\\1.png>).\n",
    );
    repo.write("policies/chart\\1.png", b"\x89PNG\r\n\x1a\n");
    repo.build(&[]).expect(0);
    assert!(repo.out().join("policies/chart\\1.png").is_file());
    repo.build(&[]).expect(0);
}

/// A link in the lock's place (a repository can commit `.site.ismsbook-lock`) is refused, and
/// never followed: opening it would create the file it points to, wherever that is.
#[cfg(unix)]
#[test]
fn a_link_in_the_lock_s_place_is_never_followed() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("policies/a.md", &Fm::new("POL-1"), "# A\n\nFirst.\n");
    let target = repo.tmp().join("created-through-the-link");
    let out = repo.out();
    let name = out.file_name().unwrap().to_string_lossy();
    let lock = out.with_file_name(format!(".{name}.ismsbook-lock"));
    std::os::unix::fs::symlink(&target, &lock).unwrap();
    let run = repo.build(&[]);
    run.expect(2);
    assert!(
        run.stderr
            .contains(&format!("{} is not a plain file", lock.display())),
        "{}",
        run.stderr
    );
    assert!(!target.exists(), "the lock was opened through the link");
    assert!(!out.exists());
}

/// Builds started together into one folder: each either writes the site or says another is
/// writing; never a collision in the swap ("Directory not empty"), never a folder left over.
#[test]
fn builds_started_together_never_collide() {
    let repo = Repo::new();
    repo.quiet_globals();
    for i in 0..150 {
        repo.doc(
            &format!("docs/d{i}.md"),
            &Fm::new(&format!("DOC-{i}")),
            &format!("# Document {i}\n\n{}\n", "Text of a paragraph. ".repeat(40)),
        );
    }
    repo.build(&[]).expect(0);
    let out = repo.out();
    for round in 0..3 {
        let children: Vec<_> = (0..3)
            .map(|_| {
                Command::new(bin())
                    .args([
                        "build",
                        &path_str(repo.root()),
                        "-o",
                        &path_str(&out),
                        "--today",
                        TODAY,
                        "-q",
                    ])
                    .env_remove("SOURCE_DATE_EPOCH")
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("start a build")
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().expect("wait for a build");
            let stderr = String::from_utf8_lossy(&output.stderr);
            match output.status.code() {
                Some(0) => {}
                Some(2) => assert!(
                    stderr.contains("another ismsbook build is writing to"),
                    "round {round}: {stderr}"
                ),
                other => panic!("round {round}: exit {other:?}: {stderr}"),
            }
        }
        assert!(
            bookkeeping(repo.tmp()).is_empty(),
            "round {round}: {:?}",
            bookkeeping(repo.tmp())
        );
    }
    // The site is whole and ismsbook's own: the next build replaces it without --force.
    assert!(read(&out.join("docs/d149.html")).contains("Document 149"));
    repo.build(&[]).expect(0);
}

/// A build killed outright (no chance to clean up) leaves its lock file, which does not block
/// the next build, which removes it.
#[cfg(unix)]
#[test]
fn a_killed_build_never_blocks_the_next_one() {
    let repo = Repo::new();
    repo.quiet_globals();
    let para = "Access to information is granted on a need-to-know basis and reviewed. ".repeat(12);
    for i in 0..1500 {
        repo.doc(
            &format!("bulk/d{:02}/doc-{i}.md", i % 30),
            &Fm::new(&format!("BULK-{i}")),
            &format!("# Document {i}\n\n{para}\n\n{para}\n"),
        );
    }
    let mut child = build_caught_staging(&repo, Stdio::null());
    child.kill().expect("kill the build");
    child.wait().expect("reap the build");
    assert!(
        repo.tmp().join(".out.ismsbook-lock").is_file(),
        "{:?}",
        bookkeeping(repo.tmp())
    );
    repo.build(&[]).expect(0);
    assert!(
        bookkeeping(repo.tmp()).is_empty(),
        "{:?}",
        bookkeeping(repo.tmp())
    );
}
