//! Inputs that try to publish what they should not, or to crash the tool.

mod common;

use common::*;

#[test]
fn links_cannot_publish_hidden_ignored_or_symlinked_files() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.write(".env", "SECRET=1\n");
    repo.write(".gitignore", "secret.txt\n");
    repo.write("secret.txt", "TOPSECRET\n");
    repo.write("docs/ok.txt", "fine\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/hostname", repo.path("docs/host.txt")).unwrap();
    repo.doc(
        "docs/page.md",
        &Fm::new("POL-1"),
        "[a](../.env) [b](../secret.txt) [c](host.txt) [d](ok.txt)\n",
    );
    let (run, report) = repo.check(&[]);
    run.expect(1);
    let broken: Vec<u64> = report
        .with_code("broken-link")
        .iter()
        .map(|f| f.column.unwrap_or(0))
        .collect();
    assert_eq!(broken.len(), 2, "{}", report.dump());
    // `.env` is in the repository (on GitHub the link works) but hidden: never copied, the
    // link is text with a warning.
    assert_eq!(report.with_code("link-outside-handbook").len(), 1);
    repo.build(&[]).expect(1);
    let out = repo.out();
    assert!(!out.join(".env").exists());
    assert!(!out.join("secret.txt").exists());
    assert!(!out.join("docs/host.txt").exists());
    assert_eq!(read(&out.join("docs/ok.txt")), "fine\n");
}

#[cfg(unix)]
#[test]
fn theme_symlinks_are_refused_and_nothing_is_written() {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc("a.md", &Fm::new("POL-1"), "body\n");
    std::fs::create_dir_all(repo.path("theme/assets")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", repo.path("theme/assets/leak.txt")).unwrap();
    let run = repo.build(&[]);
    run.expect(2);
    assert!(
        run.stderr.contains("leak.txt") && run.stderr.contains("symbolic link"),
        "{}",
        run.stderr
    );
    assert!(!repo.out().exists());
}

#[test]
fn two_sources_for_one_output_file_are_refused() {
    let repo = Repo::new();
    repo.quiet_globals();
    // An attachment where the site writes a file of its own.
    repo.doc("x.md", &Fm::new("POL-1"), "[raw](soa.csv)\n");
    repo.write("soa.csv", "a,b\n");
    let run = repo.build(&[]);
    run.expect(2);
    assert!(
        run.stderr.contains("soa.csv") && run.stderr.contains("both be written"),
        "{}",
        run.stderr
    );
    assert!(!repo.out().exists());
}

#[test]
fn yaml_alias_bombs_and_huge_intervals_do_not_take_the_tool_down() {
    let repo = Repo::new();
    repo.quiet_globals();
    let mut fm = String::from("---\nid: X\na0: &a0 [x,x,x,x,x,x,x,x,x,x]\n");
    for i in 1..12 {
        let p = i - 1;
        fm.push_str(&format!(
            "a{i}: &a{i} [*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p}]\n"
        ));
    }
    fm.push_str("---\nbody\n");
    repo.write("bomb.md", fm);
    let (run, report) = repo.check(&[]);
    run.expect(1);
    assert_eq!(
        report.positions("bomb.md"),
        [("invalid-front-matter".to_owned(), 4, 10)],
        "{}",
        report.dump()
    );

    repo.write("ismsbook.toml", "[review]\ninterval_months = 240000\n");
    let run = repo.check_human(&[]);
    run.expect(2);
    assert!(run.stderr.contains("interval_months"), "{}", run.stderr);
}
