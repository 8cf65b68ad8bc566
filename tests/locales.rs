//! The interface languages: every shipped `.ftl` file says exactly what English says (same
//! messages, same variables), the example handbook builds in each without a missing text, and
//! an organisation's own `theme/locales/<lang>.ftl` changes single words or adds a language.

mod common;

use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const SHIPPED: &[&str] = &["en", "de", "fr", "es", "ja"];

fn locale(lang: &str) -> String {
    read(&Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("theme/locales/{lang}.ftl")))
}

/// Message id → the `$variables` its text uses, read the way Fluent reads a file: a message
/// starts at a line `id = …` in the first column; indented lines continue it.
fn messages(text: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let starts_message =
            line.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && line.contains(" =");
        if starts_message {
            let id = line
                .split(" =")
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned();
            assert!(
                out.insert(id.clone(), BTreeSet::new()).is_none(),
                "`{id}` is defined twice"
            );
            current = Some(id);
        } else if !line.starts_with(' ') {
            current = None;
        }
        if let Some(id) = &current {
            let vars = out.get_mut(id).expect("the current message");
            let mut rest = line;
            while let Some(at) = rest.find('$') {
                let name: String = rest[at + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                vars.insert(name);
                rest = &rest[at + 1..];
            }
        }
    }
    out
}

#[test]
fn every_language_has_exactly_the_messages_and_variables_english_has() {
    let english = messages(&locale("en"));
    assert!(
        english.len() > 50,
        "only {} English messages",
        english.len()
    );
    for lang in &SHIPPED[1..] {
        let other = messages(&locale(lang));
        let missing: Vec<&String> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<&String> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{lang}.ftl lacks {missing:?} and has {extra:?} that en.ftl does not"
        );
        for (id, vars) in &english {
            // A translation may leave a number out where the language needs no count
            // ("heute fällig"), but may never use a variable the code does not pass. `date`
            // is given its parts in two spellings (`$month` 03, `$m` 3).
            let mut given = vars.clone();
            if id == "date" {
                given.extend(["year", "month", "day", "m", "d"].map(String::from));
            }
            let unknown: Vec<&String> = other[id].difference(&given).collect();
            assert!(
                unknown.is_empty(),
                "{lang}.ftl: `{id}` uses {unknown:?}, which English's `{id}` is not given"
            );
        }
    }
}

#[test]
fn shipped_files_parse_and_their_plurals_have_a_default() {
    for lang in SHIPPED {
        let text = locale(lang);
        // Parsed as ismsbook parses it: a syntax error anywhere is reported with its line.
        let ids = ismsbook::i18n::message_ids(&text).unwrap_or_else(|e| panic!("{lang}.ftl: {e}"));
        assert_eq!(ids.len(), messages(&text).len(), "{lang}.ftl");
        for (n, line) in text.lines().enumerate() {
            if line.contains("->") {
                // The selector runs to its closing brace.
                let rest: String = text
                    .lines()
                    .skip(n)
                    .take_while(|l| l.trim() != "}")
                    .collect::<Vec<_>>()
                    .join("\n");
                assert!(
                    rest.contains("*["),
                    "{lang}.ftl:{}: a selector needs a default variant `*[other]`",
                    n + 1
                );
            }
        }
    }
}

/// content-example in `lang`, into its own output folder.
fn build_example(repo: &Repo, lang: &str) -> (Run, std::path::PathBuf) {
    let out = repo.tmp().join(format!("site-{lang}"));
    let run = repo.build_to(&out, &["--language", lang]);
    (run, out)
}

#[test]
fn the_example_builds_in_every_shipped_language_without_a_missing_text() {
    let repo = Repo::copy_of(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example"),
        &|rel| rel != "site",
    );
    let (english, english_out) = build_example(&repo, "en");
    english.expect(1);
    let english_files = all_files(&english_out);
    for (lang, footer_date) in [
        ("de", "29.11.2026"),
        ("fr", "29/11/2026"),
        ("es", "29/11/2026"),
        ("ja", "2026年11月29日"),
    ] {
        let (run, out) = build_example(&repo, lang);
        // The same findings as in English: the language changes words, never the verdict.
        run.expect(1);
        assert!(
            !run.stderr.contains("has no text for"),
            "{lang}: texts fell back to English:\n{}",
            run.stderr
        );
        assert_eq!(
            all_files(&out),
            english_files,
            "{lang}: other files than English"
        );
        let index = read(&out.join("index.html"));
        assert!(index.contains(&format!("<html lang=\"{lang}\"")), "{lang}");
        assert!(
            index.contains(footer_date),
            "{lang}: footer date {footer_date}"
        );
        // Finding messages stay English on the site, for engineers and logs.
        assert!(
            index.contains("<code>overdue-review</code> review was due on 2026-"),
            "{lang}: finding messages are English"
        );
        // Crosswalk relationships are words of ours too (English keeps the keywords).
        let relationship = match lang {
            "de" => "Obermenge von",
            "fr" => "sur-ensemble de",
            "es" => "superconjunto de",
            _ => "上位集合",
        };
        assert!(
            read(&out.join("controls/A.5.15.html"))
                .contains(&format!("class=\"relationship\">{relationship}<")),
            "{lang}: the relationship on A.5.15"
        );
        if lang == "ja" {
            // Japanese punctuation, not a Latin colon and comma, between our words.
            let risks = read(&out.join("risks/index.html"));
            assert!(risks.contains("</strong>：<a ") && risks.contains("CEO、2026年10月28日"));
        }
        let strings = read(&out.join("assets/strings.js"));
        assert!(
            strings.starts_with("window.ISMSBOOK_STRINGS = {"),
            "{strings}"
        );
        assert!(!strings.contains("\"No results\""), "{lang}: {strings}");
    }
}

/// A content folder with one approved policy and the whole-ISMS findings switched off.
fn one_policy() -> Repo {
    let repo = Repo::new();
    repo.quiet_globals();
    repo.doc(
        "policies/access.md",
        &Fm::new("POL-001")
            .title("Access control policy")
            .line("controls: [A.5.15]"),
        "# Access\n",
    );
    repo
}

#[test]
fn ismsbook_toml_selects_the_language_and_the_flag_wins() {
    let repo = one_policy();
    repo.write(
        "ismsbook.toml",
        format!("language = \"ja\"\n{QUIET_GLOBALS}"),
    );
    repo.build(&[]).expect(0);
    let page = read(&repo.out().join("index.html"));
    assert!(page.contains("<html lang=\"ja\""));
    assert!(page.contains("ダッシュボード"), "Japanese navigation");
    repo.build(&["--language", "de-CH"]).expect(0);
    let page = read(&repo.out().join("index.html"));
    assert!(
        page.contains("<html lang=\"de-CH\""),
        "the regional tag is kept"
    );
    assert!(
        page.contains("Übersicht"),
        "Swiss German reads the German words"
    );
}

#[test]
fn an_organisation_changes_one_word_and_adds_a_language_of_its_own() {
    let repo = one_policy();
    // One message, saved by a Windows editor (BOM, CRLF): the rest stays built in.
    repo.write(
        "theme/locales/de.ftl",
        "\u{feff}# Unser Wort\r\nnav-dashboard = Cockpit\r\n",
    );
    repo.build(&["--language", "de"]).expect(0);
    let page = read(&repo.out().join("index.html"));
    assert!(page.contains(">Cockpit</a>"), "the organisation's word");
    assert!(
        page.contains(">Dokumente</a>"),
        "the built-in German for the rest"
    );

    // Italian is not built in: a file with some words is enough, English stands in for the
    // rest and the build says which.
    repo.write(
        "theme/locales/it.ftl",
        "nav-dashboard = Cruscotto\nnav-documents = Documenti\n",
    );
    let run = repo.build(&["--language", "it"]);
    run.expect(0);
    let page = read(&repo.out().join("index.html"));
    assert!(page.contains("<html lang=\"it\""));
    assert!(page.contains(">Cruscotto</a>") && page.contains(">Controls</a>"));
    assert!(
        run.stderr.contains("language `it` has no text for")
            && run.stderr.contains("theme/locales/it.ftl"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_or_unknown_language_fails_the_build_and_keeps_the_last_site() {
    let repo = one_policy();
    repo.build(&[]).expect(0);
    let before = snapshot(&repo.out());

    let run = repo.build(&["--language", "xx"]);
    run.expect(2);
    assert!(
        run.stderr.contains("language `xx` is not built in")
            && run.stderr.contains("en, de, fr, es, ja"),
        "{}",
        run.stderr
    );

    repo.write(
        "theme/locales/de.ftl",
        "nav-dashboard = Cockpit\nnav-documents = { $n\n",
    );
    let run = repo.build(&["--language", "de"]);
    run.expect(2);
    assert!(run.stderr.contains("de.ftl:"), "{}", run.stderr);

    // A template asking for a text no language file has names the template and line.
    std::fs::remove_file(repo.path("theme/locales/de.ftl")).expect("remove");
    repo.write(
        "theme/templates/owners.hbs",
        "{{#> layout}}{{#*inline \"content\"}}\n<h1>{{t \"owners-titel\"}}</h1>\n{{/inline}}{{/layout}}\n",
    );
    let run = repo.build(&[]);
    run.expect(2);
    assert!(
        run.stderr.contains("owners.hbs")
            && run.stderr.contains("line 2")
            && run.stderr.contains("owners-titel"),
        "{}",
        run.stderr
    );
    assert_eq!(
        snapshot(&repo.out()),
        before,
        "the last good site is untouched"
    );
}

#[test]
fn watch_mode_speaks_the_new_language_after_ismsbook_toml_or_its_file_changes() {
    use std::collections::HashSet;
    let repo = one_policy();
    let out = repo.tmp().join("watched");
    let mut session = common::watch_session(repo.root(), &out);
    session.rebuild(&HashSet::new()).expect("first build");
    assert!(read(&out.join("policies/access.html")).contains("<html lang=\"en\""));

    repo.write(
        "ismsbook.toml",
        format!("language = \"de\"\n{QUIET_GLOBALS}"),
    );
    session
        .rebuild(&HashSet::from(["ismsbook.toml".to_owned()]))
        .expect("rebuild in German");
    let page = read(&out.join("policies/access.html"));
    assert!(page.contains("<html lang=\"de\"") && page.contains(">Übersicht</a>"));

    // The organisation's own word, saved while watching.
    repo.write("theme/locales/de.ftl", "nav-dashboard = Cockpit\n");
    session
        .rebuild(&HashSet::from(["theme/locales/de.ftl".to_owned()]))
        .expect("rebuild with the new word");
    assert!(read(&out.join("policies/access.html")).contains(">Cockpit</a>"));
    assert!(read(&out.join("index.html")).contains(">Cockpit</a>"));
}

#[test]
fn markdown_s_own_words_follow_the_language() {
    let repo = one_policy();
    repo.write(
        "policies/access.md",
        Fm::new("POL-001")
            .title("Access control policy")
            .line("controls: [A.5.15]")
            .doc("# Access\r\n\r\n> [!WARNING]\r\n> Shared accounts are forbidden.\r\n\r\n- [x] MFA for admins\r\n- [ ] MFA for everyone 🔐\r\n"),
    );
    repo.build(&["--language", "de"]).expect(0);
    let page = read(&repo.out().join("policies/access.html"));
    assert!(
        page.contains("<p class=\"markdown-alert-title\">Warnung</p>"),
        "the alert's title"
    );
    assert!(
        page.contains("checked aria-label=\"erledigt\"") && page.contains("aria-label=\"offen\"")
    );
    let strings = read(&repo.out().join("assets/strings.js"));
    assert!(strings.contains("Dieses Diagramm konnte nicht gezeichnet werden"));
    repo.build(&["--language", "ja"]).expect(0);
    let page = read(&repo.out().join("policies/access.html"));
    assert!(page.contains(">警告</p>") && page.contains("aria-label=\"未完了\""));
}
