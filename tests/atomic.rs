//! The output folder is replaced atomically and only when it is ismsbook's own: a build that
//! fails, is interrupted or runs out of disk leaves the previous site byte-for-byte as it was
//! and no staging folder behind; an unchanged rebuild rewrites no file; and no command deletes
//! what ismsbook did not write or modifies a source file.

mod common;

use common::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// A small repository, built once into `<tmp>/out`.
fn built_small() -> Repo {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("policies/a.md", &Fm::new("POL-1"), "# A\n\nFirst.\n");
    repo.doc(
        "policies/b.md",
        &Fm::new("POL-2"),
        "# B\n\nSee [[POL-1]].\n",
    );
    repo.build(&[]).expect(0);
    repo
}

/// Adds `n` documents with bodies long enough that building them takes a while.
fn add_corpus(repo: &Repo, n: usize) {
    let para = "Access to information is granted on a need-to-know basis and reviewed. ".repeat(12);
    for i in 0..n {
        let mut body = format!("# Document {i}\n\n");
        for s in 0..6 {
            body.push_str(&format!(
                "## Section {s}\n\n{para}\n\n- item one\n- item two [[POL-1]]\n\n"
            ));
        }
        repo.doc(
            &format!("bulk/d{:02}/doc-{i}.md", i % 50),
            &Fm::new(&format!("BULK-{i}")),
            &body,
        );
    }
}

#[cfg(unix)]
fn interrupt_mid_write(signal: &str, expected_code: i32) {
    let repo = built_small();
    let out = repo.out();
    let before = snapshot(&out);
    add_corpus(&repo, 3000);
    let child = build_caught_staging(&repo, Stdio::piped());
    let killed = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(killed.success());
    let output = child.wait_with_output().expect("wait for the build");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(expected_code), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        snapshot(&out) == before,
        "the previous site changed after {signal}"
    );
    assert!(
        staging_leftovers(repo.tmp()).is_empty(),
        "left behind: {:?}",
        staging_leftovers(repo.tmp())
    );
}

#[cfg(unix)]
#[test]
fn sigint_mid_write_exits_130_and_leaves_the_previous_site() {
    interrupt_mid_write("-INT", 130);
}

#[cfg(unix)]
#[test]
fn sigterm_mid_write_exits_143_and_leaves_the_previous_site() {
    interrupt_mid_write("-TERM", 143);
}

/// Writes a document far larger than the file size limit of the next build.
fn add_big_document(repo: &Repo) {
    let body = "A long register line that repeats to make this page large.\n\n".repeat(40_000);
    repo.doc("records/huge.md", &Fm::new("REC-1"), &body);
}

/// Disk full, for real: the output lives on a 2 MB tmpfs mounted in a private mount namespace
/// (`unshare -rm`, no root needed where user namespaces are allowed). The first build fits; the
/// second adds a 2.4 MB document and runs out of space mid-write. Skipped (with a note) where
/// user namespaces are not available; the RLIMIT_FSIZE test below covers the same path.
#[cfg(target_os = "linux")]
#[test]
fn disk_full_leaves_the_previous_site_and_no_staging_folder() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("policies/a.md", &Fm::new("POL-1"), "# A\n\nFirst.\n");
    let big = repo.tmp().join("big");
    std::fs::create_dir(&big).unwrap();
    add_big_document_at(&big);
    let disk = repo.tmp().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let bin = bin();
    let root = path_str(repo.root());
    let tmp = path_str(repo.tmp());
    // Inside the namespace: build once (fits), keep a copy and a listing, add the big
    // document, build again (fails), copy what is left out of the tmpfs for comparison.
    let script = format!(
        r#"set -u
mount -t tmpfs -o size=2m tmpfs '{tmp}/disk' || exit 77
'{bin}' build '{root}' -o '{tmp}/disk/out' --today {TODAY} -q 2>'{tmp}/first.err' || {{ echo "first build: $?"; cat '{tmp}/first.err'; exit 78; }}
cp -a '{tmp}/disk/out' '{tmp}/before'
cp '{tmp}/big/huge.md' '{root}/policies/huge.md'
'{bin}' build '{root}' -o '{tmp}/disk/out' --today {TODAY} 2>'{tmp}/second.err'
echo $? > '{tmp}/second.code'
ls -a '{tmp}/disk' > '{tmp}/listing'
cp -a '{tmp}/disk/out' '{tmp}/after'
"#
    );
    if in_mount_namespace(&script, &repo.tmp().join("first.err")).is_none() {
        return;
    }
    let code = read(&repo.tmp().join("second.code"));
    let stderr = read(&repo.tmp().join("second.err"));
    assert_eq!(code.trim(), "2", "{stderr}");
    assert!(
        stderr.contains("No space left on device"),
        "the error says why: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let before = snapshot(&repo.tmp().join("before"));
    assert!(before.contains_key("policies/a.html"));
    assert!(
        snapshot(&repo.tmp().join("after")) == before,
        "the previous site changed"
    );
    let listing = read(&repo.tmp().join("listing"));
    assert!(
        !listing.contains("ismsbook-staging"),
        "staging folder left on the full disk: {listing}"
    );
}

#[cfg(target_os = "linux")]
fn add_big_document_at(dir: &Path) {
    let body = "A long register line that repeats to make this page large.\n\n".repeat(40_000);
    std::fs::write(dir.join("huge.md"), Fm::new("REC-1").doc(&body)).unwrap();
}

/// A write that fails part-way, everywhere: RLIMIT_FSIZE (set with `prlimit`) makes any write
/// past 1 MB fail with EFBIG. SIGXFSZ, which would kill the process instead, is ignored by the
/// shell (`trap '' XFSZ`), and ignored signals stay ignored across `exec`.
#[cfg(target_os = "linux")]
#[test]
fn a_write_that_fails_midway_leaves_the_previous_site_and_no_staging_folder() {
    if Command::new("prlimit").arg("--version").output().is_err() {
        eprintln!("SKIPPED: prlimit is not installed");
        return;
    }
    let repo = built_small();
    let out = repo.out();
    let before = snapshot(&out);
    add_big_document(&repo);
    let script = format!(
        "trap '' XFSZ; exec prlimit --fsize=1000000 '{}' build '{}' -o '{}' --today {TODAY}",
        bin(),
        path_str(repo.root()),
        path_str(&out)
    );
    let output = Command::new("sh")
        .args(["-c", &script])
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run sh");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("File too large"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(snapshot(&out) == before, "the previous site changed");
    assert!(
        staging_leftovers(repo.tmp()).is_empty(),
        "{:?}",
        staging_leftovers(repo.tmp())
    );
}

#[cfg(unix)]
fn stamp(p: &Path) -> (u64, std::time::SystemTime) {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    (m.ino(), m.modified().expect("modification time"))
}

#[cfg(unix)]
#[test]
fn an_unchanged_rebuild_rewrites_no_file() {
    let repo = built_small();
    repo.write("docs/attachment.txt", "attached\n");
    repo.doc(
        "policies/c.md",
        &Fm::new("POL-3"),
        "[file](../docs/attachment.txt)\n",
    );
    repo.build(&[]).expect(0);
    let out = repo.out();
    let files = all_files(&out);
    assert!(files.len() > 100, "{files:?}");
    let stamps: Vec<_> = files.iter().map(|f| stamp(&out.join(f))).collect();
    // Modification times have a granularity: make sure a rewrite would show.
    std::thread::sleep(Duration::from_millis(20));
    repo.build(&[]).expect(0);
    assert_eq!(all_files(&out), files, "the same files");
    for (f, s) in files.iter().zip(&stamps) {
        assert_eq!(stamp(&out.join(f)), *s, "{f} was rewritten");
    }
    assert!(staging_leftovers(repo.tmp()).is_empty());

    // A changed document's page changes (and only the pages that show it).
    let a = read(&repo.path("policies/a.md")).replace("First.", "First, revised.");
    repo.write("policies/a.md", a);
    repo.build(&[]).expect(0);
    assert!(repo.page("policies/a.html").contains("First, revised."));
    assert_ne!(
        stamp(&out.join("policies/a.html")),
        stamps[files.iter().position(|f| f == "policies/a.html").unwrap()]
    );
    let unchanged = [
        "assets/style.css",
        "controls/A.5.1.html",
        "docs/attachment.txt",
    ];
    for f in unchanged {
        let i = files
            .iter()
            .position(|x| x == f)
            .unwrap_or_else(|| panic!("{f} missing"));
        assert_eq!(stamp(&out.join(f)), stamps[i], "{f} was rewritten");
    }
}

// ----- what may be replaced -----

#[test]
fn a_foreign_folder_is_refused_with_a_hint_and_replaced_with_force() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("a.md", &Fm::new("POL-1"), "body\n");
    let out = repo.out();
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("thesis.docx"), "years of work").unwrap();
    let before = snapshot(&out);
    let run = repo.build(&[]);
    run.expect(2);
    assert!(
        run.stderr
            .contains("was not written by ismsbook (no .ismsbook-output file)")
            && run.stderr.contains("--force"),
        "{}",
        run.stderr
    );
    assert!(snapshot(&out) == before);

    repo.build(&["--force"]).expect(0);
    assert!(!out.join("thesis.docx").exists());
    assert!(out.join("a.html").is_file() && out.join(".ismsbook-output").is_file());
    assert!(staging_leftovers(repo.tmp()).is_empty());

    // Its own output with a foreign file added: refused, named, then forced.
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let run = repo.build(&[]);
    run.expect(2);
    assert!(
        run.stderr.contains("notes.txt") && run.stderr.contains("--force"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&out.join("notes.txt")), "mine");
    repo.build(&["--force"]).expect(0);
    assert!(!out.join("notes.txt").exists());
}

#[test]
fn the_content_folder_its_parents_home_and_root_are_refused_even_with_force() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("a.md", &Fm::new("POL-1"), "body\n");
    let home = repo.tmp().join("people/me");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::write(home.join(".bashrc"), "alias ll='ls -l'\n").unwrap();
    let content_before = snapshot(repo.root());
    let home_before = snapshot(&home);
    let cases = [
        (repo.root().to_path_buf(), "is the content folder"),
        (repo.tmp().to_path_buf(), "contains the content folder"),
        (home.clone(), "is your home folder"),
        (repo.tmp().join("people"), "contains your home folder"),
        (
            Path::new("/").to_path_buf(),
            "is the root of the file system",
        ),
    ];
    for (out, why) in &cases {
        for force in [false, true] {
            let mut args = vec![
                "build".to_owned(),
                path_str(repo.root()),
                "-o".into(),
                path_str(out),
                "--today".into(),
                TODAY.into(),
            ];
            if force {
                args.push("--force".into());
            }
            let run = ismsbook_env(&args, &[("HOME", &path_str(&home))]);
            run.expect(2);
            assert!(
                run.stderr.contains(why) && run.stderr.contains("refusing"),
                "{} (force: {force}): {}",
                out.display(),
                run.stderr
            );
        }
    }
    assert!(
        snapshot(repo.root()) == content_before,
        "the content folder changed"
    );
    assert!(snapshot(&home) == home_before, "the home folder changed");
    assert!(staging_leftovers(repo.tmp()).is_empty());
    assert!(staging_leftovers(Path::new("/")).is_empty());
}

#[test]
fn no_command_but_init_modifies_a_source_file() {
    let repo = Repo::fixture("site");
    repo.write("theme/templates/.keep", "");
    let before = snapshot(repo.root());
    repo.build(&[]);
    repo.check(&[]);
    repo.check_human(&[]);
    ismsbook(&["check", &path_str(repo.root()), "--format", "sarif"]);
    ismsbook(&["codeowners", &path_str(repo.root())]);
    // The default output folder is inside the content root: everything else is unchanged.
    let run = ismsbook(&["build", &path_str(repo.root()), "--today", TODAY]);
    run.no_panic();
    let mut after = snapshot(repo.root());
    after.retain(|k, _| !k.starts_with("site/"));
    assert!(after == before, "a source file changed");
}

#[cfg(target_os = "linux")]
#[test]
fn staging_folders_of_dead_processes_are_cleaned_up() {
    let repo = built_small();
    // A pid that is not running (pid_max is at most 2^22).
    let dead = repo.tmp().join(".out.ismsbook-staging-99999999");
    std::fs::create_dir_all(dead.join("policies")).unwrap();
    std::fs::write(dead.join("policies/a.html"), "half").unwrap();
    let dead_old = repo.tmp().join(".out.ismsbook-staging-99999999.old");
    std::fs::create_dir_all(&dead_old).unwrap();
    // Not ours: a name that merely looks similar stays.
    let other = repo.tmp().join(".out.ismsbook-staging-notapid");
    std::fs::create_dir_all(&other).unwrap();
    repo.build(&[]).expect(0);
    assert!(!dead.exists() && !dead_old.exists());
    assert!(other.exists());
}
