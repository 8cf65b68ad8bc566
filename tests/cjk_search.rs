//! Search in Japanese and Chinese (issue 19): text without spaces between words is indexed as
//! overlapping character bigrams. The fixture `tests/fixtures/cjk` is a Japanese company's
//! 情報セキュリティ基本方針 (saved by Windows Notepad: BOM, CRLF; full-width ＩＳＭＳ and digits;
//! a table) and its Shanghai subsidiary's access control standard in Simplified Chinese.

mod common;

use common::*;
use serde_json::Value;
use std::collections::HashSet;
use std::sync::LazyLock;

/// The fixture, built once; its search index as JSON.
static INDEX: LazyLock<Vec<Value>> = LazyLock::new(|| {
    let repo = Repo::fixture("cjk");
    repo.build(&["--quiet"]).expect(0);
    let script = repo.page("search-index.js");
    let json = script
        .strip_prefix("window.ISMSBOOK_SEARCH = ")
        .and_then(|s| s.trim_end().strip_suffix(';'))
        .unwrap_or_else(|| panic!("search-index.js is not the index script: {script:.200}"));
    serde_json::from_str(json).expect("the index is JSON")
});

/// The words (`w`) of the index entry with id `id`.
fn words(id: &str) -> HashSet<String> {
    let entry = INDEX
        .iter()
        .find(|e| e["i"] == id)
        .unwrap_or_else(|| panic!("no {id} in the search index"));
    entry["w"]
        .as_str()
        .expect("w is a string")
        .split(' ')
        .map(str::to_owned)
        .collect()
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3005}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}' | '\u{20000}'..='\u{3FFFF}')
}

#[track_caller]
fn assert_has(words: &HashSet<String>, expected: &[&str]) {
    let missing: Vec<&&str> = expected.iter().filter(|w| !words.contains(**w)).collect();
    assert!(
        missing.is_empty(),
        "missing {missing:?} among {} words: {words:?}",
        words.len()
    );
}

#[test]
fn a_japanese_policy_is_indexed_as_bigrams() {
    let w = words("POL-001");
    assert_has(
        &w,
        &[
            // 情報セキュリティ基本方針, in the title and the body.
            "情報", "報セ", "セキ", "キュ", "ュリ", "リテ", "ティ", "基本", "本方", "方針",
            // Body text only: 派遣社員 (temporary staff) in the scope section.
            "派遣", "遣社", "社員",
            // A table cell: 取締役　管理本部長 (ideographic space between).
            "取締", "締役", "管理", "本部", "部長",
            // Full-width ＩＳＭＳ and the tag ISMS are one word; 年１回の is 年 and 回の (the
            // full-width digit is 1, and a lone digit, as a lone Latin letter, is not kept).
            "isms", "年", "回の",
            // マネジメントレビュー: the ー inside the Katakana word belongs to it.
            "レビ", "ビュ", "ュー",
        ],
    );
    for word in &w {
        let cjk = word.chars().filter(|&c| is_cjk(c)).count();
        assert!(
            cjk == 0 || (cjk == word.chars().count() && cjk <= 2),
            "{word:?} is neither a Latin word nor a CJK bigram"
        );
        assert!(
            !word.contains(['、', '。', '（', '「', '　', '\r', 'Ｉ']),
            "punctuation, a CR or a full-width letter in {word:?}"
        );
    }
    // Bigrams are written once each: the body repeats 情報セキュリティ many times.
    let raw = INDEX
        .iter()
        .find(|e| e["i"] == "POL-001")
        .and_then(|e| e["w"].as_str())
        .unwrap_or_default();
    assert_eq!(raw.split(' ').count(), w.len(), "a word twice in {raw}");
}

#[test]
fn a_chinese_standard_is_indexed_as_bigrams_beside_its_latin_words() {
    let w = words("STD-101");
    assert_has(
        &w,
        &[
            "访问", "问控", "控制", "账号", "多因", "因素",
            "认证", // 访问控制, 账号, 多因素认证
            "mfa", "it", "部应", // （MFA）, IT部应…
            // 《情報セキュリティ基本方針》 cited in Japanese: Japanese bigrams.
            "基本", "方針",
        ],
    );
    // Simplified 针 is not Japanese 針: no folding between the two.
    assert!(!w.contains("方针"));
}

/// The title stays as written (the client matches it as typed, folding the query and the title
/// the same way); only the words are cut.
#[test]
fn titles_and_snippets_are_kept_as_written() {
    let pol = INDEX
        .iter()
        .find(|e| e["i"] == "POL-001")
        .expect("POL-001 in the index");
    assert_eq!(pol["t"], "情報セキュリティ基本方針");
    assert_eq!(pol["u"], "policies/information-security-policy.html");
    let snippet = pol["s"].as_str().expect("a snippet");
    assert!(
        snippet.starts_with("情報セキュリティ基本方針 株式会社サンプル（以下「当社」）は、"),
        "{snippet}"
    );
    assert!(snippet.chars().count() <= 181 && snippet.ends_with('…'));
}
