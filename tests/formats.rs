//! The PR-review formats (SARIF, GitHub workflow commands, Markdown) on hand-built findings.
//! The SARIF log is checked against the official OASIS SARIF 2.1.0 schema, vendored in
//! `tests/formats/` because tests run offline.

use ismsbook::finding::{Code, Finding};
use ismsbook::report::{github, markdown, sarif, FrameworkNames};
use serde_json::Value;

const SCHEMA: &str = include_str!("formats/sarif-schema-2.1.0.json");

fn sample() -> Vec<Finding> {
    vec![
        Finding::at(
            Code::OverdueReview,
            "policies/access-control.md",
            8,
            1,
            "review was due on 2025-06-01 (546 days ago)",
        )
        .document("POL-003")
        .help("review the document, then update last_reviewed"),
        Finding::at(
            Code::UnknownField,
            "policies/my policy#1.md",
            4,
            3,
            "unknown field `titel`",
        )
        .document("POL-004")
        .help("did you mean `title`?"),
        Finding::global(
            Code::UnmappedControl,
            "A.5.15 Access control is applicable but no approved document implements it",
        )
        .control("A.5.15"),
        Finding::global(
            Code::MissingMandatoryDocument,
            "no document declares clause 6.1.2 (risk assessment process), which requires documented information",
        ),
    ]
}

fn sarif_json(findings: &[Finding], prefix: &str) -> Value {
    let text = sarif::render(findings, "0.1.0", prefix, &FrameworkNames::default());
    assert!(text.ends_with("}\n"), "pretty JSON with a trailing newline");
    serde_json::from_str(&text).expect("SARIF output is JSON")
}

fn schema_errors(instance: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(SCHEMA).expect("vendored schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles without fetching anything");
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    for (findings, prefix) in [(sample(), "content/"), (sample(), ""), (vec![], "")] {
        let log = sarif_json(&findings, prefix);
        let errors = schema_errors(&log);
        assert!(errors.is_empty(), "schema violations: {errors:#?}");
    }
}

#[test]
fn the_schema_check_rejects_invalid_sarif() {
    let mut log = sarif_json(&sample(), "");
    log["runs"][0]["results"][0]["level"] = "fatal".into();
    log["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert_eq!(schema_errors(&log).len(), 2, "{:#?}", schema_errors(&log));
}

#[test]
fn sarif_has_one_rule_per_code_in_code_order() {
    let log = sarif_json(&[], "");
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"].as_array().unwrap().len(), 1);
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "ismsbook");
    assert_eq!(driver["version"], "0.1.0");
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), Code::ALL.len());
    for (rule, code) in rules.iter().zip(Code::ALL) {
        assert_eq!(rule["id"], code.as_str());
        assert_eq!(
            rule["defaultConfiguration"]["level"],
            code.default_severity().as_str()
        );
        for text in [
            &rule["shortDescription"]["text"],
            &rule["fullDescription"]["text"],
            &rule["help"]["text"],
            &rule["help"]["markdown"],
        ] {
            assert!(text.as_str().is_some_and(|t| t.len() > 10), "{rule:#}");
        }
    }
    assert_eq!(rules[0]["name"], "InvalidFrontMatter");
    assert_eq!(rules[9]["name"], "MissingMandatoryDocument");
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn sarif_results_point_at_repo_relative_files() {
    let log = sarif_json(&sample(), "content/");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    let r = &results[0];
    assert_eq!(r["ruleId"], "overdue-review");
    assert_eq!(r["level"], "error");
    let rules = &log["runs"][0]["tool"]["driver"]["rules"];
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
    }
    assert_eq!(
        r["message"]["text"],
        "review was due on 2025-06-01 (546 days ago)\nhelp: review the document, then update last_reviewed"
    );
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "content/policies/access-control.md"
    );
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(loc["region"]["startLine"], 8);
    assert_eq!(loc["region"]["startColumn"], 1);
    assert_eq!(r["properties"]["document"], "POL-003");
    assert!(r["properties"].get("control").is_none());

    // A space and `#` are not allowed in a URI: percent-encoded.
    let r = &results[1];
    assert_eq!(r["level"], "warning");
    assert_eq!(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "content/policies/my%20policy%231.md"
    );
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        3
    );
}

#[test]
fn sarif_prefix_is_joined_with_one_slash() {
    let f = [Finding::at(Code::BrokenLink, "a/b.md", 2, 5, "x")];
    for (prefix, uri) in [
        ("", "a/b.md"),
        ("content", "content/a/b.md"),
        ("content/", "content/a/b.md"),
        ("./docs/isms/", "docs/isms/a/b.md"),
    ] {
        let log = sarif_json(&f, prefix);
        assert_eq!(
            log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
                ["uri"],
            uri,
            "prefix {prefix:?}"
        );
    }
}

#[test]
fn sarif_whole_isms_findings_sit_on_the_config_file() {
    let findings = [
        Finding::global(Code::UnmappedControl, "applicable but unimplemented").control("A.8.28"),
        Finding::global(Code::UnmappedControl, "A.5.15 is applicable").control("A.5.15"),
    ];
    let log = sarif_json(&findings, "content/");
    let results = &log["runs"][0]["results"];
    for r in results.as_array().unwrap() {
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "content/ismsbook.toml");
        assert_eq!(loc["region"], serde_json::json!({"startLine": 1}));
        assert_eq!(r["level"], "warning");
    }
    // The control is named in the text, once.
    assert_eq!(
        results[0]["message"]["text"],
        "A.8.28: applicable but unimplemented"
    );
    assert_eq!(results[1]["message"]["text"], "A.5.15 is applicable");
    assert_eq!(results[0]["properties"]["control"], "A.8.28");
    assert!(schema_errors(&log).is_empty());
}

#[test]
fn sarif_fingerprints_survive_line_moves_and_day_counts() {
    let fp = |f: Finding| {
        let log = sarif_json(&[f], "");
        log["runs"][0]["results"][0]["partialFingerprints"]["ismsbook/v1"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let at = |line, msg: &str| Finding::at(Code::OverdueReview, "p.md", line, 1, msg);
    let a = fp(at(8, "review was due on 2025-06-01 (546 days ago)"));
    assert_eq!(a, fp(at(12, "review was due on 2025-06-01 (547 days ago)")));
    assert_ne!(
        a,
        fp(Finding::at(
            Code::OverdueReview,
            "q.md",
            8,
            1,
            "review was due on 2025-06-01 (546 days ago)"
        ))
    );
    assert_ne!(
        fp(Finding::global(Code::UnmappedControl, "x").control("A.5.1")),
        fp(Finding::global(Code::UnmappedControl, "x").control("A.5.2"))
    );

    // Equal findings in one run stay distinct alerts.
    let twice = [at(3, "same"), at(9, "same")];
    let log = sarif_json(&twice, "");
    let results = &log["runs"][0]["results"];
    let first = results[0]["partialFingerprints"]["ismsbook/v1"]
        .as_str()
        .unwrap();
    let second = results[1]["partialFingerprints"]["ismsbook/v1"]
        .as_str()
        .unwrap();
    assert!(
        first.ends_with(":1") && second.ends_with(":2"),
        "{first} {second}"
    );
    assert_eq!(first.split(':').next(), second.split(':').next());
}

#[test]
fn sarif_is_deterministic() {
    assert_eq!(
        sarif::render(&sample(), "1.2.3", "x/", &FrameworkNames::default()),
        sarif::render(&sample(), "1.2.3", "x/", &FrameworkNames::default())
    );
}

#[test]
fn github_commands_per_finding() {
    let out = github::render(&sample(), "content/", &FrameworkNames::default());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "::error file=content/policies/access-control.md,line=8,col=1,title=ismsbook overdue-review::review was due on 2025-06-01 (546 days ago)%0Ahelp: review the document, then update last_reviewed",
            "::warning file=content/policies/my policy#1.md,line=4,col=3,title=ismsbook unknown-field::unknown field `titel`%0Ahelp: did you mean `title`?",
            "::warning title=ismsbook unmapped-control::A.5.15 Access control is applicable but no approved document implements it",
            "::warning title=ismsbook missing-mandatory-document::no document declares clause 6.1.2 (risk assessment process), which requires documented information",
        ]
    );
    assert!(out.ends_with('\n'));
    assert_eq!(github::render(&[], "", &FrameworkNames::default()), "");
}

#[test]
fn github_escapes_data_and_properties() {
    let f = Finding::at(
        Code::BrokenLink,
        "odd/a,b:c%d.md",
        2,
        7,
        "100% broken: see [x](y.md),\r\nthen retry",
    );
    assert_eq!(
        github::render(&[f], "", &FrameworkNames::default()),
        "::error file=odd/a%2Cb%3Ac%25d.md,line=2,col=7,title=ismsbook broken-link::100%25 broken: see [x](y.md),%0D%0Athen retry\n"
    );
}

#[test]
fn github_uses_the_finding_severity_and_names_the_control() {
    let mut f = Finding::global(Code::UnmappedControl, "not implemented").control("A.8.28");
    f.severity = ismsbook::finding::Severity::Error;
    assert_eq!(
        github::render(&[f], "", &FrameworkNames::default()),
        "::error title=ismsbook unmapped-control::A.8.28: not implemented\n"
    );
    // A file without a line still gets its file annotation.
    let mut f = Finding::at(Code::UnreadableFile, "x.md", 1, 1, "not UTF-8");
    f.line = None;
    f.column = None;
    assert_eq!(
        github::render(&[f], "c", &FrameworkNames::default()),
        "::error file=c/x.md,title=ismsbook unreadable-file::not UTF-8\n"
    );
}

#[test]
fn markdown_verdict_and_counts() {
    let out = markdown::render(&sample(), 43, 93, "content/", &FrameworkNames::default());
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("### ismsbook: ❌ 1 error, 3 warnings"));
    assert!(out.contains("43 documents, 93 controls checked."));
    assert!(out.contains("| `overdue-review` | 1 | 0 |\n"));
    assert!(out.contains("| `unknown-field` | 0 | 1 |\n"));
    assert!(out.contains("| `unmapped-control` | 0 | 1 |\n"));
    assert!(out.contains(
        "| ❌ error | `overdue-review` | `content/policies/access-control.md:8` | review was due on 2025-06-01 (546 days ago)<br>help: review the document, then update last_reviewed |\n"
    ));
    // Whole-ISMS findings show the control, or say so.
    assert!(out.contains("| ⚠️ warning | `unmapped-control` | `A.5.15` | A.5.15 Access"));
    assert!(out.contains("| ⚠️ warning | `missing-mandatory-document` | whole ISMS | no document"));
    assert!(!out.contains("<details>"));

    let warnings_only = &sample()[1..];
    assert!(
        markdown::render(warnings_only, 1, 93, "", &FrameworkNames::default())
            .starts_with("### ismsbook: ✅ 0 errors, 3 warnings\n")
    );
    assert_eq!(
        markdown::render(&[], 1, 93, "", &FrameworkNames::default()),
        "### ismsbook: ✅ no findings\n\n1 document, 93 controls checked.\n"
    );
}

#[test]
fn markdown_cells_are_escaped() {
    let f = Finding::at(
        Code::BrokenLink,
        "a|b.md",
        3,
        1,
        "link <script>alert(1)</script> to `x|y<z>.md` | R&D\\\nsecond line",
    )
    .help("fix <b>it</b>");
    let out = markdown::render(&[f], 1, 93, "", &FrameworkNames::default());
    let row = out
        .lines()
        .find(|l| l.starts_with("| ❌ error"))
        .expect("a finding row");
    assert_eq!(
        row,
        "| ❌ error | `broken-link` | `a\\|b.md:3` | link &lt;script&gt;alert(1)&lt;/script&gt; to `x\\|y<z>.md` \\| R&amp;D\\\\<br>second line<br>help: fix &lt;b&gt;it&lt;/b&gt; |"
    );
    assert!(!out.contains("<script>"));
    // Every row keeps exactly the table's four cells: no unescaped `|` inside.
    let borders = row.replace("\\|", "").matches('|').count();
    assert_eq!(borders, 5);
}

#[test]
fn markdown_code_spans_with_backticks_in_paths() {
    let f = Finding::at(Code::BrokenLink, "we`ird.md", 1, 1, "an `unclosed tick");
    let out = markdown::render(&[f], 1, 93, "", &FrameworkNames::default());
    assert!(
        out.contains("| `` we`ird.md:1 `` | an `unclosed tick |"),
        "{out}"
    );
}

#[test]
fn markdown_folds_findings_beyond_twenty() {
    let many = |n: u32| -> Vec<Finding> {
        (1..=n)
            .map(|i| Finding::at(Code::BrokenLink, "p.md", i, 1, format!("link {i}")))
            .collect()
    };
    let out = markdown::render(&many(20), 1, 93, "", &FrameworkNames::default());
    assert!(!out.contains("<details>"));
    assert_eq!(out.matches("| ❌ error |").count(), 20);

    let out = markdown::render(&many(25), 1, 93, "", &FrameworkNames::default());
    assert_eq!(out.matches("| ❌ error |").count(), 25);
    let (open, folded) = out.split_once("<details>").expect("a fold");
    assert_eq!(open.matches("| ❌ error |").count(), 20);
    assert!(open.contains("| `p.md:20` | link 20 |"));
    assert!(folded.starts_with("<summary>5 more findings</summary>\n\n| Severity | Code | Location | Message |\n|---|---|---|---|\n| ❌ error | `broken-link` | `p.md:21` | link 21 |"));
    assert!(folded.ends_with("\n</details>\n"));

    let out = markdown::render(&many(21), 1, 93, "", &FrameworkNames::default());
    assert!(out.contains("<summary>1 more finding</summary>"));

    // A PR comment has a size limit: very long lists are cut, and say so.
    let out = markdown::render(&many(450), 1, 93, "", &FrameworkNames::default());
    assert!(out.starts_with("### ismsbook: ❌ 450 errors, 0 warnings\n"));
    assert!(out.contains("<summary>180 more findings</summary>"));
    assert!(out.contains("\n250 more findings not listed; run `ismsbook check` for all of them.\n"));
    assert!(out.len() < 65_536);
}

/// The CLI wiring: `check --format sarif|github|markdown` on the example, as CI runs it.
#[test]
fn check_formats_from_the_command_line() {
    let run = |format: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_ismsbook"))
            .args([
                "check",
                "content-example",
                "--today",
                "2026-11-29",
                "--format",
                format,
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("run ismsbook");
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8 output")
    };
    let sarif: Value = serde_json::from_str(&run("sarif")).expect("SARIF is JSON");
    assert_eq!(schema_errors(&sarif), Vec::<String>::new());
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    // The content root is a subfolder of this repository: paths are repository-relative.
    assert!(
        uris.contains(&"content-example/policies/clear-desk.md"),
        "{uris:?}"
    );
    let github = run("github");
    assert!(
        github.lines().any(|l| l.starts_with("::error file=content-example/policies/clear-desk.md,line=8,col=1,title=ismsbook overdue-review::")),
        "{github}"
    );
    let md = run("markdown");
    assert!(md.starts_with("### ismsbook: ❌ 8 errors"), "{md}");
}

/// Findings about controls of two frameworks, as `check` makes them beside NIST CSF 2.0.
fn framework_sample() -> Vec<Finding> {
    vec![
        Finding::at(
            Code::UnknownControl,
            "policies/access.md",
            10,
            5,
            "unknown control `soc2:CC6.1`: no framework `soc2` is declared",
        )
        .document("POL-1")
        .control("soc2:CC6.1"),
        Finding::global(
            Code::UnmappedControl,
            "A.5.15 Access control is applicable but no approved document implements it",
        )
        .control("A.5.15"),
        Finding::global(
            Code::UnmappedControl,
            "csf:PR.AA-01 (NIST Cybersecurity Framework 2.0) Identities and credentials for authorized users, services, and hardware are managed by the organization is applicable but no document implements it",
        )
        .control("csf:PR.AA-01"),
        Finding::global(
            Code::MissingMandatoryDocument,
            "no document declares clause 6.1.2 (risk assessment process)",
        ),
    ]
}

fn csf_names() -> FrameworkNames {
    FrameworkNames::new([(
        "csf".to_owned(),
        "NIST Cybersecurity Framework 2.0".to_owned(),
    )])
}

#[test]
fn sarif_names_the_framework_of_each_control_finding() {
    let text = sarif::render(&framework_sample(), "0.1.0", "content/", &csf_names());
    let log: Value = serde_json::from_str(&text).unwrap();
    assert!(schema_errors(&log).is_empty(), "{:#?}", schema_errors(&log));
    let results = log["runs"][0]["results"].as_array().unwrap();
    let props: Vec<(&Value, &Value)> = results
        .iter()
        .map(|r| {
            (
                &r["properties"]["framework"],
                &r["properties"]["frameworkName"],
            )
        })
        .collect();
    assert_eq!(
        props,
        [
            (&Value::from("soc2"), &Value::from("soc2")),
            (
                &Value::from("iso27001"),
                &Value::from("ISO/IEC 27001:2022 Annex A")
            ),
            (
                &Value::from("csf"),
                &Value::from("NIST Cybersecurity Framework 2.0")
            ),
            (&Value::Null, &Value::Null),
        ]
    );
    let message = |i: usize| results[i]["message"]["text"].as_str().unwrap();
    // An undeclared prefix is named as written.
    assert!(
        message(0).starts_with("[soc2] unknown control"),
        "{}",
        message(0)
    );
    assert_eq!(
        message(1),
        "[ISO/IEC 27001:2022 Annex A] A.5.15 Access control is applicable but no approved document implements it"
    );
    assert!(
        message(2).starts_with("[NIST Cybersecurity Framework 2.0] csf:PR.AA-01 "),
        "{}",
        message(2)
    );
    assert_eq!(
        message(3),
        "no document declares clause 6.1.2 (risk assessment process)"
    );
    // The rule says which controls it is about.
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let unmapped = rules
        .iter()
        .find(|r| r["id"] == "unmapped-control")
        .unwrap();
    let full = unmapped["fullDescription"]["text"].as_str().unwrap();
    assert!(
        full.contains("Annex A, or of a framework declared under [[frameworks]]"),
        "{full}"
    );

    // Annex A alone: the messages stay as they were; the property is there for tools.
    let log = sarif_json(&framework_sample()[1..2], "");
    let r = &log["runs"][0]["results"][0];
    assert_eq!(
        r["message"]["text"],
        "A.5.15 Access control is applicable but no approved document implements it"
    );
    assert_eq!(r["properties"]["framework"], "iso27001");
    assert!(r["properties"].get("frameworkName").is_none(), "{r:#}");
    // The fingerprint does not depend on the name shown.
    let fp = |text: &str| {
        let v: Value = serde_json::from_str(text).unwrap();
        v["runs"][0]["results"][0]["partialFingerprints"].clone()
    };
    assert_eq!(
        fp(&sarif::render(
            &framework_sample()[1..2],
            "0.1.0",
            "",
            &csf_names()
        )),
        fp(&sarif::render(
            &framework_sample()[1..2],
            "0.1.0",
            "",
            &FrameworkNames::default()
        ))
    );
}

#[test]
fn github_titles_name_the_framework() {
    let out = github::render(&framework_sample(), "content/", &csf_names());
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("::error file=content/policies/access.md,line=10,col=5,title=ismsbook unknown-control [soc2]::unknown control"),
        "{}",
        lines[0]
    );
    // `:` in a property is escaped (%3A), as the runner splits on it.
    assert_eq!(
        lines[1],
        "::warning title=ismsbook unmapped-control [ISO/IEC 27001%3A2022 Annex A]::A.5.15 Access control is applicable but no approved document implements it"
    );
    assert!(
        lines[2].starts_with("::warning title=ismsbook unmapped-control [NIST Cybersecurity Framework 2.0]::csf:PR.AA-01 "),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].starts_with("::warning title=ismsbook missing-mandatory-document::"),
        "{}",
        lines[3]
    );
    // A name from ismsbook.toml cannot end the title or add a property.
    let odd = FrameworkNames::new([("csf".to_owned(), "CSF, v2::x\u{202e}".to_owned())]);
    let out = github::render(&framework_sample()[2..3], "", &odd);
    assert!(
        out.starts_with("::warning title=ismsbook unmapped-control [CSF%2C v2%3A%3Ax\\u{202e}]::"),
        "{out}"
    );
}

#[test]
fn markdown_tables_gain_a_framework_column_beside_declared_frameworks() {
    let out = markdown::render(&framework_sample(), 1, 93, "content/", &csf_names());
    for line in [
        "| Severity | Code | Framework | Location | Message |",
        "|---|---|---|---|---|",
        "| ⚠️ warning | `unmapped-control` | ISO/IEC 27001:2022 Annex A | `A.5.15` | A.5.15 Access control is applicable but no approved document implements it |",
        "| ⚠️ warning | `missing-mandatory-document` |  | whole ISMS | no document declares clause 6.1.2 (risk assessment process) |",
    ] {
        assert!(out.lines().any(|l| l == line), "missing {line:?} in:\n{out}");
    }
    assert!(
        out.lines().any(|l| l.starts_with(
            "| ⚠️ warning | `unmapped-control` | NIST Cybersecurity Framework 2.0 | `csf:PR.AA-01` |"
        )),
        "{out}"
    );
    // Names are escaped like every other cell.
    let odd = FrameworkNames::new([("csf".to_owned(), "SOC <b>2</b> | TSC".to_owned())]);
    let out = markdown::render(&framework_sample()[2..3], 1, 93, "", &odd);
    assert!(
        out.contains("| SOC &lt;b&gt;2&lt;/b&gt; \\| TSC |"),
        "{out}"
    );
    // Annex A alone: the table is as it always was.
    let out = markdown::render(
        &framework_sample()[1..2],
        1,
        93,
        "",
        &FrameworkNames::default(),
    );
    assert!(
        out.contains("| Severity | Code | Location | Message |\n|---|---|---|---|\n| ⚠️ warning | `unmapped-control` | `A.5.15` |"),
        "{out}"
    );
}
