//! No injection: one hostile payload in every text a user controls (front matter, soa.yaml,
//! ismsbook.toml, link targets that end up in finding messages), then every file the build
//! writes is checked in its own language: HTML, JSON, JavaScript, CSV, iCalendar and XML.
//! Raw HTML in a document body is kept where GitHub keeps it, and sanitised (no script, no
//! handlers, no unsafe URLs); `javascript:` and friends in Markdown links are never emitted as
//! links.

mod common;

use common::*;
use serde_json::Value;
use std::sync::OnceLock;

/// Breaks out of attributes and elements, closes quotes, starts an entity and a template tag.
const P: &str = r#""><script>alert(1)</script>'&{{x}}"#;

/// `P` as a double-quoted YAML scalar.
fn yq(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// Cells a spreadsheet would run as formulas.
const FORMULAS: [&str; 6] = [
    "=HYPERLINK(\"http://evil.example\",\"x\")",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
];

fn built() -> &'static Repo {
    static REPO: OnceLock<Repo> = OnceLock::new();
    REPO.get_or_init(|| {
        let repo = Repo::shared_fixture("hostile");
        let p = yq(P);
        let toml_p = p.clone(); // a TOML basic string is a JSON string here
        repo.write(
            "ismsbook.toml",
            format!("title = {toml_p}\norganisation = {toml_p}\n[checks]\nunmapped-control = \"off\"\nmissing-mandatory-document = \"off\"\n"),
        );
        let fm = Fm::new("POL-7")
            .title(&p)
            .owner(&p)
            .version(&p)
            .line(&format!("approver: {p}"))
            .line("approved_on: 2026-06-02")
            .line(&format!("controls: [A.5.1, {p}]"))
            .line(&format!("clauses: [\"5.2\", {p}]"))
            .line(&format!("related: [{p}]"))
            .line(&format!("tags: [{p}, {}]", yq(FORMULAS[0])))
            .line(&format!("{p}: unknown field"))
            .line("next_review: 2026-12-10");
        let body = format!(
            "# Hostile links\n\n\
             [a](javascript:alert(1)) [b](JaVaScRiPt:alert(2)) [c]( javascript:alert(3))\n\
             [d](java&#x09;script:alert(4)) [e](&#x01;javascript:alert(5)) [f](vbscript:msgbox(6))\n\
             [g](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==) <javascript:alert(8)>\n\
             [h][ref] ![i](javascript:alert(9)) [j](%22%3E%3Cscript%3Ealert(11)%3C/script%3E.md) [[{P}]]\n\n\
             [ref]: javascript:alert(10)\n\n\
             <div class=\"authors-own\">raw <b>HTML</b> kept</div>\n"
        );
        repo.write("policies/payload.md", fm.doc(&body));
        // The payload as the id, and a title with what iCalendar must escape.
        repo.write(
            "policies/payload-id.md",
            Fm::new(&p)
                .title(&yq("Line one BEGIN:VEVENT SUMMARY:injected, a;b\\c"))
                .line("next_review: 2026-12-11")
                .doc("body\n"),
        );
        // Titles are one line (the schema says so), but a file name may try to start a new
        // calendar event.
        repo.write(
            "policies/evil\r\nBEGIN:VEVENT\nSUMMARY:injected, a;b\\c\u{7}.md",
            Fm::new("POL-8").line("next_review: 2026-12-12").doc("body\n"),
        );
        let mut soa = format!(
            "A.7.4:\n  applicable: false\n  justification: {p}\nA.8.28:\n  status: partial\n  note: {p}\n  justification: {p}\n"
        );
        for (i, f) in FORMULAS.iter().enumerate() {
            soa.push_str(&format!(
                "A.5.{}:\n  justification: {}\n  note: {}\n",
                10 + i,
                yq(f),
                yq(f)
            ));
        }
        repo.write("soa.yaml", soa);
        repo.build(&[]).expect(1);
        repo
    })
}

fn files(ext: &str) -> Vec<String> {
    let out = built().out();
    let list: Vec<String> = all_files(&out)
        .into_iter()
        .filter(|f| f.ends_with(ext))
        .collect();
    assert!(!list.is_empty(), "no .{ext} files");
    list
}

/// An URL as a browser reads it: entities decoded, tabs and newlines removed, leading control
/// characters and spaces dropped, lower case.
fn as_browser_reads(url: &str) -> String {
    html_unescape(url)
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .trim_start_matches(|c: char| c <= ' ')
        .to_ascii_lowercase()
}

#[test]
fn html_never_holds_the_payload_raw_and_links_no_script() {
    let repo = built();
    let mut shown = 0;
    for page in files(".html") {
        let html = repo.page(&page);
        let lower = html.to_ascii_lowercase();
        assert!(!html.contains("\"><script>"), "{page}: payload unescaped");
        assert!(!lower.contains("<script>alert"), "{page}: injected script");
        // Every script element is the layout's: a src, or the inline theme switch.
        for (i, _) in lower.match_indices("<script") {
            let tag = &lower[i..i + lower[i..].find('>').unwrap()];
            let body = &lower[i..i + lower[i..].find("</script>").unwrap()];
            assert!(
                tag.starts_with("<script src=\"") || body.contains("isb-theme"),
                "{page}: unexpected script {body}"
            );
        }
        for attr in ["href", "src", "action", "formaction"] {
            for v in attr_values(&html, attr) {
                let v = as_browser_reads(&v);
                assert!(
                    !v.starts_with("javascript:")
                        && !v.starts_with("vbscript:")
                        && !v.starts_with("data:text/html"),
                    "{page}: {attr}=\"{v}\""
                );
            }
        }
        // The payload is shown as text where it appears.
        if html_unescape(&html).contains(P) {
            shown += 1;
        }
    }
    assert!(
        shown > 10,
        "the payload is displayed (escaped) on many pages: {shown}"
    );
    let page = repo.page("policies/payload.html");
    // The author's raw HTML is kept.
    assert!(page.contains("<div>raw <b>HTML</b> kept</div>"), "{page}");
    // Unsafe links keep their text, unlinked.
    for text in [">a<", ">b<", ">c<", ">f<", ">g<"] {
        assert!(page.contains(text), "{text} missing");
    }
    // What remains of them is text: the autolink's text and the findings listed on the page.
    assert!(page.contains(">javascript:alert(8)</span>"));
}

#[test]
fn unsafe_link_schemes_are_findings() {
    let (_, report) = built().check(&[]);
    let broken: Vec<String> = report
        .in_file("policies/payload.md")
        .iter()
        .filter(|f| f.code == "broken-link")
        .map(|f| f.message.clone())
        .collect();
    for scheme in ["javascript", "vbscript", "data"] {
        assert!(
            broken
                .iter()
                .any(|m| m.to_ascii_lowercase().contains(scheme)),
            "{scheme}: {broken:#?}"
        );
    }
    // a, b, c, d, e, f, g, the autolink, the reference and the image.
    let unsafe_links = broken
        .iter()
        .filter(|m| m.contains("links are not allowed; the link was removed"))
        .count();
    assert_eq!(unsafe_links, 10, "{broken:#?}");
    // The scheme is named as a browser reads it, without the control characters hiding it.
    assert!(
        broken.iter().all(|m| !m.chars().any(char::is_control)),
        "{broken:#?}"
    );
    assert!(broken
        .iter()
        .any(|m| m == "broken link `java\\tscript:alert(4)`: `javascript:` links are not allowed; the link was removed"));
    // Finding messages carry the payload as it was written (each format escapes it).
    assert!(broken
        .iter()
        .any(|m| m.contains("<script>alert(11)</script>")));
}

#[test]
fn json_files_round_trip_the_payload() {
    let repo = built();
    for file in files(".json") {
        let text = read(&repo.out().join(&file));
        let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let mut strings = Vec::new();
        collect_strings(&v, &mut strings);
        assert!(
            strings.iter().any(|s| s.contains(P)),
            "{file}: the payload is not held as a JSON string"
        );
    }
}

fn collect_strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        Value::Object(o) => o.iter().for_each(|(k, x)| {
            out.push(k.clone());
            collect_strings(x, out)
        }),
        _ => {}
    }
}

#[test]
fn scripts_hold_data_as_json_that_cannot_close_a_script_element() {
    let repo = built();
    for (file, var) in [
        ("assets/nav.js", "window.ISMSBOOK_NAV = "),
        ("search-index.js", "window.ISMSBOOK_SEARCH = "),
    ] {
        let text = read(&repo.out().join(file));
        let json = text
            .strip_prefix(var)
            .and_then(|t| t.trim_end().strip_suffix(';'))
            .unwrap_or_else(|| panic!("{file} is one assignment: {text}"));
        let v: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{file}: {e}"));
        let mut strings = Vec::new();
        collect_strings(&v, &mut strings);
        assert!(strings.iter().any(|s| s.contains(P)), "{file}");
        let lower = text.to_ascii_lowercase();
        assert!(
            !lower.contains("</script") && !lower.contains("<!--"),
            "{file}"
        );
    }
}

#[test]
fn csv_cells_cannot_start_a_formula() {
    let repo = built();
    let text = read(&repo.out().join("soa.csv"));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let mut seen = 0;
    for record in reader.records() {
        let record = record.expect("valid CSV");
        for cell in record.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula cell: {cell:?}"
            );
            // (Leading tabs and line breaks are trimmed from soa.yaml text before that.)
            if FORMULAS
                .iter()
                .any(|f| cell == format!("'{}", f.trim_start()))
            {
                seen += 1;
            }
        }
    }
    assert!(
        seen >= FORMULAS.len(),
        "the formulas are kept, neutralised: {seen}"
    );
    assert!(text.contains(&format!("\"{}\"", P.replace('"', "\"\""))));
}

#[test]
fn icalendar_text_is_escaped_and_cannot_add_events() {
    let repo = built();
    let text = read(&repo.out().join("reviews.ics"));
    assert!(text.ends_with("\r\n"));
    let unfolded = text.replace("\r\n ", "");
    let lines: Vec<&str> = unfolded.split("\r\n").filter(|l| !l.is_empty()).collect();
    for line in &lines {
        let name = line.split([':', ';']).next().unwrap_or("");
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '-'),
            "not a content line: {line:?}"
        );
        assert!(!line.contains(['\n', '\r']), "{line:?}");
    }
    let begins = lines.iter().filter(|l| **l == "BEGIN:VEVENT").count();
    let ends = lines.iter().filter(|l| **l == "END:VEVENT").count();
    assert_eq!(begins, ends);
    assert!(
        !lines.iter().any(|l| l.starts_with("SUMMARY:injected")),
        "{unfolded}"
    );
    assert!(
        unfolded.contains("Line one BEGIN:VEVENT SUMMARY:injected\\, a\\;b\\\\c"),
        "{unfolded}"
    );
    assert!(
        unfolded.contains("policies/evil\\nBEGIN:VEVENT\\nSUMMARY:injected\\, a\\;b\\\\c"),
        "{unfolded}"
    );
    assert!(
        !unfolded.contains('\u{7}'),
        "control characters are dropped"
    );
    // The payload, escaped the iCalendar way (no comma or semicolon here to escape).
    assert!(unfolded.contains(P), "{unfolded}");
}

#[test]
fn xml_escapes_what_it_holds() {
    let repo = built();
    for file in files(".xml") {
        let text = read(&repo.out().join(&file));
        assert!(!text.contains("<script"), "{file}");
        for (i, _) in text.match_indices('&') {
            let entity = &text[i..text.len().min(i + 6)];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                    .iter()
                    .any(|e| entity.starts_with(e))
                    || entity.starts_with("&#"),
                "{file}: bare & at {entity}"
            );
        }
    }
}
