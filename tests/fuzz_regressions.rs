//! Replays the fuzz corpora in ordinary `cargo test`: every seed in `fuzz/corpus/<target>/` and
//! every input a fuzzer once crashed on, kept in `fuzz/regressions/<target>/`, runs through the
//! same entry point and invariants as the fuzz target (`ismsbook::fuzzing::check_*`).

use ismsbook::adopt::Proposed;
use ismsbook::config::RawHtml;
use ismsbook::finding::Code;
use ismsbook::fuzzing;
use ismsbook::source::document::ParsedFile;
use std::path::{Path, PathBuf};

/// Every input of a target, corpus seeds and regressions, sorted by path.
fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(dir).join(target)) else {
            continue;
        };
        for e in entries {
            let path = e.expect("readable folder").path();
            // A folder may hold a README or a `.gitkeep`.
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_file() && !name.starts_with('.') && name != "README.md" {
                let bytes = std::fs::read(&path).expect("readable input");
                files.push((path, bytes));
            }
        }
    }
    files.sort();
    files
}

/// Runs `f` on every input of `target`, naming the input that panics.
fn replay(target: &str, min_inputs: usize, f: impl Fn(&[u8])) {
    let inputs = inputs(target);
    assert!(
        inputs.len() >= min_inputs,
        "fuzz/corpus/{target} has {} inputs",
        inputs.len()
    );
    let mut failed = Vec::new();
    for (path, bytes) in &inputs {
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(bytes))).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(failed.is_empty(), "panicked on: {failed:#?}");
}

#[test]
fn document_inputs_parse_or_are_reported_unreadable() {
    replay("document", 10, |bytes| {
        match fuzzing::check_document(bytes) {
            ParsedFile::Doc(d) => {
                // Findings carry the document's id when it declares one.
                let id = d.meta.id.as_ref().map(|l| l.value.clone());
                assert!(d.findings.iter().all(|f| f.document == id));
                if !d.front_matter_ok {
                    assert!(
                        d.findings
                            .iter()
                            .any(|f| f.code == Code::InvalidFrontMatter),
                        "invalid front matter without a finding"
                    );
                }
            }
            ParsedFile::Unreadable(f) => assert_eq!(f.code, Code::UnreadableFile),
        }
    });
}

#[test]
fn render_inputs_give_a_page_or_an_unreadable_file_finding() {
    replay("render", 10, |bytes| {
        // The whole site, not only what the fuzz target renders.
        let r = fuzzing::check_render(bytes, fuzzing::Scope::Site, RawHtml::Sanitise);
        // As the fuzz target does: raw HTML also trusted, and through its link rewriting.
        if bytes.contains(&b'<') {
            fuzzing::check_render(bytes, fuzzing::Scope::Site, RawHtml::Trusted);
            if let Ok(text) = std::str::from_utf8(bytes) {
                fuzzing::check_raw_links(text);
            }
        }
        match &r.parsed {
            Ok(d) => {
                let page = r.page.as_deref().expect("a readable document has a page");
                // The page shows the document's id, escaped like any other text.
                let id = d.meta.id.as_ref().map_or(fuzzing::DOC_PATH, |l| &l.value);
                let escaped = ismsbook::render::escape::text(id);
                assert!(page.contains(&escaped), "{id} not on its page");
            }
            Err(f) => {
                assert_eq!(f.code, Code::UnreadableFile);
                assert!(r.findings.iter().any(|g| g.code == Code::UnreadableFile));
            }
        }
        // The whole site was written: the document list and the machine-readable model.
        for file in ["documents/index.html", "handbook.json", "findings.json"] {
            assert!(r.files.iter().any(|(p, _)| p == file), "{file} missing");
        }
    });
}

#[test]
fn soa_inputs_give_decisions_or_findings() {
    replay("soa", 5, |bytes| {
        let soa = fuzzing::check_soa(bytes);
        // Unknown and duplicate keys are findings, not decisions; a file that is not a
        // mapping decides nothing.
        let text = String::from_utf8_lossy(bytes);
        if text.trim().starts_with('-') {
            assert!(soa.decisions.is_empty());
            assert!(!soa.findings.is_empty());
        }
    });
}

#[test]
fn config_inputs_parse_or_explain_why_not() {
    replay("config", 5, |bytes| {
        if let Err(msg) = fuzzing::check_config(bytes) {
            assert!(!msg.is_empty());
        }
    });
}

#[test]
fn adopt_inputs_get_front_matter_that_loads_once() {
    replay("adopt", 8, |bytes| {
        if let Proposed::Proposal(p) = fuzzing::check_adopt(bytes) {
            // The proposal says where each field came from.
            assert!(
                p.fields.iter().all(|f| !f.from.is_empty()),
                "{:?}",
                p.fields
            );
        }
    });
}

#[test]
fn trusted_links_are_rewritten_in_place() {
    // The rewriting check itself finds what it should: a link rewritten, every other byte kept.
    fuzzing::check_raw_links(
        "<p align=center><A class=x HREF = 'other.md' title=t>o</A> <img\n src=diagram.png alt='a > b'>\n<!-- <a href=\"fuzz.md\"> --><a href=\"other&#46;md#scope\">s</a></p>",
    );
}

#[test]
fn soa_import_inputs_read_and_merge_into_soa_yaml() {
    replay("soa_import", 5, fuzzing::check_soa_import);
}

#[test]
fn framework_files_read_as_catalogs_and_mappings_without_panic() {
    replay("frameworks", 5, fuzzing::check_framework_files);
}

#[test]
fn register_inputs_give_risks_exceptions_or_findings_in_the_file() {
    replay("registers", 4, fuzzing::check_registers);
}
