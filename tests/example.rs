//! The README's example handbook (`content-example/`, 43 documents) built end to end: exit
//! status, the documented output files, the dashboard, and no broken internal link anywhere.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

fn example_src() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example")
}

/// A copy of `content-example/` without a previously built `site/`.
fn example() -> Repo {
    Repo::copy_of(&example_src(), &|rel| rel != "site")
}

/// The example built once (into `<tmp>/out`) for all the tests that only read the site.
struct Built {
    repo: Repo,
    run: Run,
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let repo = Repo::shared("example");
        copy_dir(&example_src(), repo.root(), &|rel| rel != "site");
        let run = repo.build(&[]);
        Built { repo, run }
    })
}

/// Source documents of the example: every `.md` except the root README.md.
fn example_documents(repo: &Repo) -> Vec<String> {
    all_files(repo.root())
        .into_iter()
        .filter(|p| {
            p.ends_with(".md") && p != "README.md" && !p.split('/').any(|s| s.starts_with('.'))
        })
        .collect()
}

fn documents_with(report: &Report, code: &str) -> BTreeSet<String> {
    report
        .with_code(code)
        .iter()
        .map(|f| {
            f.document
                .clone()
                .expect("review findings name their document")
        })
        .collect()
}

#[test]
fn example_build_exits_1_and_writes_every_documented_file() {
    let Built { repo, run } = built();
    // Overdue reviews are errors: the site is still written, and the exit status is 1.
    run.expect(1);
    let out = repo.out();
    for f in [
        "index.html",
        "documents/index.html",
        "controls/index.html",
        "findings.json",
        "handbook.json",
        "soa.html",
        "soa.csv",
        "soa.xlsx",
        "reviews.html",
        "reviews.ics",
        "exceptions.html",
        "owners.html",
        "print.html",
        "search-index.js",
        "sitemap.xml",
        "assets/style.css",
        "assets/ismsbook.js",
        "assets/highlight.css",
        "assets/nav.js",
        ".ismsbook-output",
    ] {
        assert!(out.join(f).is_file(), "{f} missing from the example site");
    }

    // One page per Annex A control.
    let controls: Vec<String> = all_files(&out.join("controls"))
        .into_iter()
        .filter(|p| p.starts_with("A.") && p.ends_with(".html"))
        .collect();
    assert_eq!(controls.len(), 93, "{controls:?}");
    assert!(
        controls.contains(&"A.5.15.html".to_owned())
            && controls.contains(&"A.8.34.html".to_owned())
    );

    // One page per published document (drafts are left out without --drafts), at the same
    // relative path, and no other page.
    let docs = example_documents(repo);
    assert_eq!(docs.len(), 43, "the README promises 43 documents: {docs:?}");
    let drafts: Vec<&String> = docs
        .iter()
        .filter(|d| read(&repo.path(d)).contains("\nstatus: draft\n"))
        .collect();
    assert_eq!(drafts.len(), 2, "{drafts:?}");
    for d in &drafts {
        let page = format!("{}.html", d.strip_suffix(".md").unwrap());
        assert!(
            !out.join(&page).exists(),
            "draft {d} was published without --drafts"
        );
    }
    let mut expected: BTreeSet<String> = docs
        .iter()
        .filter(|d| !drafts.contains(d))
        .map(|d| format!("{}.html", d.strip_suffix(".md").unwrap()))
        .collect();
    for d in &expected {
        assert!(out.join(d).is_file(), "no page for {d}");
    }
    assert!(
        !out.join("README.html").exists(),
        "the root README.md is not a document"
    );
    expected.extend(
        [
            "index.html",
            "documents/index.html",
            "controls/index.html",
            "soa.html",
            "reviews.html",
            "exceptions.html",
            "owners.html",
            "print.html",
        ]
        .map(String::from),
    );
    expected.extend(controls.iter().map(|c| format!("controls/{c}")));
    // The register: its index and a page per risk, read here from the register itself.
    let register = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example/risks.yaml"));
    let risk_ids: Vec<&str> = register
        .lines()
        .filter_map(|l| l.strip_prefix("- id: "))
        .map(str::trim)
        .collect();
    assert_eq!(risk_ids.len(), 29, "{risk_ids:?}");
    expected.insert("risks/index.html".to_owned());
    expected.extend(risk_ids.iter().map(|id| format!("risks/{id}.html")));
    // The example declares NIST CSF 2.0: a page per control of NIST's catalog (withdrawn
    // ones too, to say where their requirements went), read here from the catalog itself.
    expected.extend(
        [
            "frameworks/index.html",
            "frameworks/matrix.html",
            "frameworks/csf/index.html",
        ]
        .map(String::from),
    );
    let csf: serde_json::Value = serde_json::from_str(&read(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/nist-csf-2.0.json"),
    ))
    .unwrap();
    fn ids(v: &serde_json::Value, out: &mut Vec<String>) {
        for key in ["groups", "controls"] {
            for item in v[key].as_array().into_iter().flatten() {
                if key == "controls" {
                    out.push(item["id"].as_str().unwrap().to_owned());
                }
                ids(item, out);
            }
        }
    }
    let mut csf_ids = Vec::new();
    ids(&csf["catalog"], &mut csf_ids);
    // 22 categories and 106 subcategories; 12 categories and 79 subcategories withdrawn.
    assert_eq!(csf_ids.len(), 22 + 106 + 12 + 79);
    expected.extend(csf_ids.iter().map(|id| format!("frameworks/csf/{id}.html")));
    let written: BTreeSet<String> = html_files(&out).into_iter().collect();
    assert_eq!(
        written, expected,
        "pages written differ from the documented set"
    );

    // The build's summary line matches the documents and controls.
    assert!(
        run.stderr.contains("(43 documents, 93 controls)"),
        "{}",
        run.stderr
    );

    // The marker lists exactly the files written (so a rebuild may replace them).
    let marker: BTreeSet<String> = read(&out.join(".ismsbook-output"))
        .lines()
        .map(str::to_owned)
        .collect();
    let files: BTreeSet<String> = all_files(&out)
        .into_iter()
        .filter(|f| f != ".ismsbook-output")
        .collect();
    assert_eq!(marker, files);
    assert!(
        run.stderr
            .contains(&format!("Wrote {} files to ", files.len())),
        "{}",
        run.stderr
    );
}

#[test]
fn example_pages_have_unique_element_ids() {
    let Built { repo, run } = built();
    run.expect(1);
    for page in html_files(&repo.out()) {
        let dups = duplicate_ids(&repo.page(&page));
        assert!(dups.is_empty(), "{page}: duplicate ids {dups:?}");
    }
}

#[test]
fn example_dashboard_shows_coverage_and_the_overdue_reviews() {
    let (check, report) = built().repo.check(&[]);
    check.expect(1);
    let overdue = documents_with(&report, "overdue-review");
    let due_soon = documents_with(&report, "review-due-soon");
    assert_eq!(
        overdue,
        ["POL-004", "POL-009", "REG-003"]
            .map(String::from)
            .into_iter()
            .collect(),
        "overdue documents of the example at {TODAY}:\n{}",
        report.dump()
    );
    assert!(!due_soon.is_empty());

    let Built { repo, run } = built();
    run.expect(1);
    let index = repo.page("index.html");

    // Coverage: applicable controls implemented by an approved document, out of 93.
    let soa = read(&repo.path("soa.yaml"));
    let excluded = soa
        .lines()
        .filter(|l| l.trim() == "applicable: false")
        .count();
    // Annex A's own: the declared CSF's unmapped controls are counted on its own line.
    let unmapped = report
        .controls_with("unmapped-control")
        .iter()
        .filter(|c| !c.contains(':'))
        .count();
    let covered = 93 - excluded - unmapped;
    assert!(
        index.contains(&format!("{covered}/93")),
        "dashboard should show {covered}/93:\n{index}"
    );

    // Overdue reviews are listed (with links to their pages), due-soon ones separately.
    let overdue_html = section(&index, "overdue");
    for id in &overdue {
        assert!(
            overdue_html.contains(id.as_str()),
            "{id} not in the overdue list:\n{overdue_html}"
        );
    }
    for id in &due_soon {
        assert!(
            !overdue_html.contains(id.as_str()),
            "{id} is due soon, not overdue:\n{overdue_html}"
        );
        assert!(
            section(&index, "due-soon").contains(id.as_str()),
            "{id} not in the due-soon list"
        );
    }
    assert!(
        overdue_html.contains("href=\"policies/clear-desk.html\""),
        "{overdue_html}"
    );

    // Unmapped controls are listed with links to their pages.
    let unmapped_html = section(&index, "unmapped");
    // Annex A's; the declared CSF's coverage has its own line, linking its pages.
    for c in report.controls_with("unmapped-control") {
        if c.contains(':') {
            continue;
        }
        let page = format!("controls/{c}.html");
        assert!(
            unmapped_html.contains(&format!("href=\"{page}\"")),
            "{c} not listed:\n{unmapped_html}"
        );
    }

    // The overdue document's own page carries an overdue badge.
    let clear_desk = repo.page("policies/clear-desk.html");
    assert!(clear_desk.contains("overdue by 233 days"), "{clear_desk}");
}

/// The example's risk register and exceptions show every finding they can have, each once and
/// on purpose (the comments in risks.yaml and exceptions.yaml say which entry shows which).
#[test]
fn example_register_and_exceptions_show_every_finding() {
    let (check, report) = built().repo.check(&[]);
    check.expect(1);
    let at = |code: &str| -> Vec<(String, u64, String)> {
        report
            .with_code(code)
            .iter()
            .map(|f| {
                (
                    f.file.clone().unwrap_or_default(),
                    f.line.unwrap_or(0),
                    f.message.clone(),
                )
            })
            .collect()
    };
    let one = |code: &str, file: &str, needle: &str| {
        let found = at(code);
        assert!(
            found.len() == 1 && found[0].0 == file && found[0].2.contains(needle),
            "{code}: expected one finding in {file} about {needle}, got {found:?}\n{}",
            report.dump()
        );
    };
    one("risk-acceptance-missing", "risks.yaml", "R-01");
    one(
        "excluded-control-treats-risk",
        "risks.yaml",
        "R-25 relies on A.7.11",
    );
    one("overdue-risk-review", "risks.yaml", "R-16");
    one(
        "exception-expired",
        "exceptions.yaml",
        "EX-01 expired on 2026-10-31: A.5.16, A.8.5 apply in full again",
    );
    one("exception-expiring-soon", "exceptions.yaml", "EX-02");
    one("exception-unapproved", "exceptions.yaml", "EX-04");
    // The treatment controls still in draft documents, as soa.yaml says (planned or partial).
    let mut not_implemented: Vec<String> = report
        .with_code("risk-control-not-implemented")
        .iter()
        .filter_map(|f| f.control.clone())
        .collect();
    not_implemented.sort();
    assert_eq!(not_implemented, ["A.5.7", "A.8.11", "A.8.33", "A.8.6"]);
    // The register and the exceptions are valid: the findings above are about what they say.
    for code in ["invalid-risk", "risk-untreated", "invalid-exception"] {
        assert!(at(code).is_empty(), "{code}: {:?}", at(code));
    }
    assert!(
        report
            .with_code("unknown-control")
            .iter()
            .all(|f| !matches!(f.file.as_deref(), Some("risks.yaml" | "exceptions.yaml"))),
        "{}",
        report.dump()
    );

    // At least 25 risks, across the four Annex A themes and all four treatments.
    let register = read(&built().repo.path("risks.yaml"));
    let risks = register
        .lines()
        .filter(|l| l.starts_with("- id: R-"))
        .count();
    assert!(risks >= 25, "{risks} risks");
    for treatment in ["mitigate", "accept", "transfer", "avoid"] {
        assert!(
            register.contains(&format!("treatment: {treatment}\n")),
            "no {treatment} risk"
        );
    }
    for theme in ["A.5.", "A.6.", "A.7.", "A.8."] {
        assert!(
            register
                .lines()
                .any(|l| l.trim_start().starts_with("controls:") && l.contains(theme)),
            "no risk treated by a control of {theme}"
        );
    }

    // The SoA justifies including a control by the risks it treats (ISO/IEC 27001 6.1.3 d).
    let soa = built().repo.page("soa.html");
    assert!(soa.contains("Treats R-07"), "A.8.13 treats R-07");
    // The exception in force is on its control's page; the unapproved one is on none.
    assert!(built().repo.page("controls/A.8.16.html").contains("EX-03"));
    assert!(!built().repo.page("controls/A.6.1.html").contains("EX-04"));
}

#[test]
fn example_site_has_no_broken_internal_link() {
    let Built { repo, run } = built();
    run.expect(1);
    let problems = broken_internal_links(&repo.out());
    assert!(
        problems.is_empty(),
        "{} broken internal links:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn example_site_links_are_all_relative() {
    let Built { repo, run } = built();
    run.expect(1);
    assert_links_relative(&repo.out());
}

#[test]
fn example_findings_json_equals_check_json() {
    let Built { repo, run } = built();
    run.expect(1);
    let written: serde_json::Value =
        serde_json::from_str(&repo.page("findings.json")).expect("findings.json is JSON");
    let (_, report) = repo.check(&[]);
    assert_eq!(
        written, report.raw,
        "findings.json differs from `check --format json`"
    );
    assert_eq!(report.summary_count("documents"), 43);
    assert_eq!(report.summary_count("controls"), 93);
    let errors = report
        .findings
        .iter()
        .filter(|f| f.severity == "error")
        .count() as u64;
    let warnings = report
        .findings
        .iter()
        .filter(|f| f.severity == "warning")
        .count() as u64;
    assert_eq!(
        (
            report.summary_count("errors"),
            report.summary_count("warnings")
        ),
        (errors, warnings)
    );
}

#[test]
fn example_human_output_matches_the_readme() {
    let run = built().repo.check_human(&[]);
    run.expect(1);
    // The block quoted in README.md ("Human output").
    let expected = "error[overdue-review]: review was due on 2026-04-10 (233 days ago)
 --> policies/clear-desk.md:8:1
  |
8 | last_reviewed: 2025-04-10
  | ^
  = help: review the document, then update last_reviewed (and next_review if set)
";
    assert!(
        run.stderr.contains(expected),
        "README block not found in:\n{}",
        run.stderr
    );
    assert!(
        run.stdout.is_empty(),
        "human findings go to stderr, stdout was:\n{}",
        run.stdout
    );
}

#[test]
fn example_builds_into_its_default_site_folder_twice() {
    // What README's quick start and .ci/run do: no -o, so the site goes to content-example/site.
    let repo = example();
    let root = path_str(repo.root());
    for _ in 0..2 {
        let run = ismsbook(&["build", root.as_str(), "--today", TODAY, "--quiet"]);
        run.expect(1);
        assert!(
            run.stderr.contains("(43 documents, 93 controls)"),
            "{}",
            run.stderr
        );
    }
    assert!(repo.path("site/index.html").is_file());
    assert!(staging_leftovers(repo.root()).is_empty());
}

/// The example's whole output, file by file (size and SHA-256), and its findings (`check
/// --format json`), against the manifest kept in `tests/golden/example-site.txt`: any change to
/// what the example builds shows up in review. When the change is deliberate, run with
/// `ISMSBOOK_BLESS=1` to rewrite the manifest, and say in the commit why the output changed.
#[test]
fn example_output_matches_the_golden_manifest() {
    use sha2::{Digest, Sha256};
    let hex = |bytes: &[u8]| -> String {
        Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    // Outside any Git repository, so no commit id is written into the pages.
    let repo = example();
    repo.build(&[]).expect(1);
    let out = repo.out();
    let mut manifest = String::new();
    for rel in all_files(&out) {
        let bytes = std::fs::read(out.join(&rel)).expect("read output file");
        manifest.push_str(&format!("{:>9} {} {rel}\n", bytes.len(), hex(&bytes)));
    }
    let (run, _) = repo.check(&[]);
    manifest.push_str(&format!(
        "{:>9} {} (check --format json)\n",
        run.stdout.len(),
        hex(run.stdout.as_bytes())
    ));
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/example-site.txt");
    if std::env::var_os("ISMSBOOK_BLESS").is_some() {
        std::fs::create_dir_all(golden.parent().expect("tests/golden")).expect("create folder");
        std::fs::write(&golden, &manifest).expect("write the manifest");
        return;
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_default();
    if manifest != expected {
        let old: BTreeSet<&str> = expected.lines().collect();
        let new: BTreeSet<&str> = manifest.lines().collect();
        let gone: Vec<&&str> = old.difference(&new).collect();
        let came: Vec<&&str> = new.difference(&old).collect();
        panic!(
            "the example's output changed ({} lines gone, {} new). If that is deliberate, run \
             `ISMSBOOK_BLESS=1 cargo test --test example golden` and say why in the commit.\n\
             gone:\n{}\nnew:\n{}",
            gone.len(),
            came.len(),
            gone.iter()
                .take(20)
                .map(|l| format!("  {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
            came.iter()
                .take(20)
                .map(|l| format!("  {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
}
