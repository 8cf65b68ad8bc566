//! `search-index.js`: the offline search index, a script (not JSON fetched by XHR) so search
//! works from `file://` and under any sub-path. Bodies are reduced to their distinct words,
//! which keeps the index a fraction of the handbook's size.

use super::markdown;
use super::parts::Pieces;
use super::site::{control_page, href, Site};
use crate::error::Error;
use crate::model::DocIdx;
use crate::source::SourceDoc;
use hashbrown::HashTable;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::Arc;

/// Words kept per document: enough for real policies, bounded for generated giants.
const MAX_TERMS: usize = 4000;
const SNIPPET: usize = 180;

/// One document or control in the index.
pub struct Entry {
    /// id, title, URL from the site root, kind, owner, controls, snippet, words.
    i: String,
    t: String,
    u: String,
    /// What the entry is, in the interface language; filled in from `kind` when the index is
    /// written, so the label is looked up once per kind, not once per document.
    k: String,
    kind: Kind,
    o: String,
    c: String,
    text: Arc<Words>,
}

/// What an entry takes from a body: its snippet and its words, the costly part of the index
/// (a parse of the body), shared with watch mode's memory of them.
pub struct Words {
    s: String,
    w: String,
}

impl Words {
    fn new(s: String, w: String) -> Arc<Words> {
        Arc::new(Words { s, w })
    }
}

impl Serialize for Entry {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut e = ser.serialize_struct("Entry", 8)?;
        e.serialize_field("i", &self.i)?;
        e.serialize_field("t", &self.t)?;
        e.serialize_field("u", &self.u)?;
        e.serialize_field("k", &self.k)?;
        e.serialize_field("o", &self.o)?;
        e.serialize_field("c", &self.c)?;
        e.serialize_field("s", &self.text.s)?;
        e.serialize_field("w", &self.text.w)?;
        e.end()
    }
}

/// The words of each published document, by path, with the parse they were made from: watch
/// mode makes the index again from these, parsing only the bodies a save changed.
pub type Remembered = HashMap<String, (Arc<SourceDoc>, Arc<Words>)>;

/// What an entry is: a document of a type, a control, a risk.
#[derive(Clone, Copy)]
enum Kind {
    Document(Option<crate::source::meta::DocType>),
    Control,
    Risk,
}

/// Plain text of a Markdown body.
fn plain_text(body: &str) -> String {
    markdown::parse(body).plain_text()
}

fn snippet(text: &str) -> String {
    // Only the words that can fit: the text may be megabytes long.
    let mut out = String::with_capacity(SNIPPET + 8);
    let mut chars = 0;
    for word in text.split_whitespace() {
        let space = (chars > 0).then_some(' ');
        for c in space.into_iter().chain(word.chars()) {
            if chars == SNIPPET {
                out.push('…');
                return out;
            }
            out.push(c);
            chars += 1;
        }
    }
    out
}

/// Distinct lower-cased words of two letters or more, in order of first appearance, at most
/// [`MAX_TERMS`] of them. One pass over the text: this runs over every body of the handbook.
///
/// Chinese and Japanese put no spaces between words: a run of [`is_cjk`] characters becomes its
/// overlapping pairs of characters (bigrams; a lone character stays itself), so the client,
/// which cuts a query the same way (`tokens` in `theme/assets/ismsbook.js`), finds any word of
/// two characters or more. "ISMS基本方針" gives `isms 基本 本方 方針`. Full-width and half-width
/// forms are folded first ([`fold_width`]): "ＩＳＭＳ" is `isms`, "ｾｷｭﾘﾃｨ" is `セキ キュ …`.
fn terms(text: &str) -> String {
    let mut terms = Terms {
        out: String::with_capacity((text.len() / 4).min(MAX_TERMS * 12)),
        seen: HashTable::new(),
        // A fast hash: the words are the author's, but a slower search index is all a flood
        // of colliding words could cause.
        hasher: foldhash::fast::FixedState::default(),
        word: String::with_capacity(32),
    };
    // The current word: where it starts, its length in characters, whether it is all ASCII
    // (then `word` holds it lower-cased already). Bytes, not chars: nearly all text is ASCII.
    let bytes = text.as_bytes();
    let (mut start, mut chars, mut ascii) = (0, 0, true);
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        let (len, in_word) = if b.is_ascii() {
            if b.is_ascii_alphanumeric() {
                terms.word.push(char::from(b.to_ascii_lowercase()));
            }
            (1, b.is_ascii_alphanumeric())
        } else {
            // `at` is always on a character boundary: it only moves by whole characters.
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            if c.is_alphanumeric() {
                ascii = false;
            }
            (c.len_utf8(), c.is_alphanumeric())
        };
        if in_word {
            chars += 1;
        } else {
            if chars > 0 && !terms.add(&text[start..at], chars, ascii) {
                return terms.out;
            }
            (start, chars, ascii) = (at + len, 0, true);
            terms.word.clear();
        }
        at += len;
    }
    if chars > 0 {
        terms.add(&text[start..], chars, ascii);
    }
    terms.out
}

/// Han (Chinese hanzi, Japanese kanji), Hiragana and Katakana, with the marks written inside
/// their words (々, ー, ゝ): the scripts written without spaces between words. Hangul is not
/// among them: Korean puts spaces between words, so its words are indexed like Latin ones.
/// Whole blocks, so the list stays short and the same in every browser whatever Unicode version
/// it knows; only the letters and digits in them count ([`terms`] splits at anything else).
/// `CJK` in `theme/assets/ismsbook.js` holds the same ranges (a test keeps them in step).
const CJK: [(char, char); 12] = [
    ('\u{3005}', '\u{3007}'),   // 々 〆 〇
    ('\u{3021}', '\u{3029}'),   // Suzhou numerals
    ('\u{3031}', '\u{3035}'),   // kana repeat marks
    ('\u{3038}', '\u{303C}'),   // 〻 〼 and numerals
    ('\u{3041}', '\u{309F}'),   // Hiragana
    ('\u{30A0}', '\u{30FF}'),   // Katakana, with ー
    ('\u{31F0}', '\u{31FF}'),   // Katakana phonetic extensions (Ainu)
    ('\u{3400}', '\u{4DBF}'),   // CJK Unified Ideographs Extension A
    ('\u{4E00}', '\u{9FFF}'),   // CJK Unified Ideographs
    ('\u{F900}', '\u{FAFF}'),   // CJK Compatibility Ideographs
    ('\u{1AFF0}', '\u{1B16F}'), // Kana Extended-B, Kana Supplement, Extended-A, Small Kana
    ('\u{20000}', '\u{3FFFF}'), // the Supplementary and Tertiary Ideographic Planes
];

fn is_cjk(c: char) -> bool {
    c >= '\u{3005}' && CJK.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// The Halfwidth and Fullwidth Forms block: ＩＳＭＳ, ２０２６, ｶﾀｶﾅ.
fn is_width_form(c: char) -> bool {
    ('\u{FF00}'..='\u{FFEF}').contains(&c)
}

/// `text` with each run of [`is_width_form`] characters replaced by its NFKC form: full-width
/// Latin letters and digits become ASCII, half-width Katakana full-width (ｶﾞ is ガ). Only that
/// block, as Lucene's CJK width filter does: NFKC of everything would also rewrite ™, ², ① or
/// ﬁ in handbooks that have no CJK text at all. The client folds queries the same way.
fn fold_width(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(is_width_form) {
        out.push_str(&rest[..at]);
        let run = &rest[at..];
        let end = run.find(|c| !is_width_form(c)).unwrap_or(run.len());
        out.extend(run[..end].nfkc());
        rest = &run[end..];
    }
    out.push_str(rest);
    out
}

struct Terms {
    out: String,
    /// Each distinct word as (start, length) in `out`.
    seen: HashTable<(usize, usize)>,
    hasher: foldhash::fast::FixedState,
    /// The current word, lower-cased, when it is all ASCII.
    word: String,
}

impl Terms {
    /// Adds `original` (`chars` characters long, all letters and digits) unless it is too
    /// short or known; false once the index holds [`MAX_TERMS`] words.
    fn add(&mut self, original: &str, chars: usize, ascii: bool) -> bool {
        if self.seen.len() >= MAX_TERMS {
            return false;
        }
        if !ascii {
            return self.add_unicode(original);
        }
        if chars < 2 {
            return true;
        }
        let word = std::mem::take(&mut self.word);
        self.insert(&word);
        self.word = word;
        true
    }

    /// A word with letters beyond ASCII: folded, cut again where folding made a character that
    /// is not a letter or digit (a lone ﾞ becomes a combining mark), then into runs of CJK and
    /// other characters. Other runs of two characters or more are words; CJK runs bigrams.
    fn add_unicode(&mut self, original: &str) -> bool {
        let folded;
        let word = if original.contains(is_width_form) {
            folded = fold_width(original);
            folded.as_str()
        } else {
            original
        };
        for piece in word.split(|c: char| !c.is_alphanumeric()) {
            let mut rest = piece;
            while let Some(first) = rest.chars().next() {
                let cjk = is_cjk(first);
                let end = rest.find(|c| is_cjk(c) != cjk).unwrap_or(rest.len());
                let (run, tail) = rest.split_at(end);
                rest = tail;
                let added = if cjk {
                    self.add_bigrams(run)
                } else if run.chars().nth(1).is_some() {
                    // The whole run at once: lowercasing depends on the word (a final sigma).
                    self.insert(&run.to_lowercase())
                } else {
                    true
                };
                if !added {
                    return false;
                }
            }
        }
        true
    }

    /// Each pair of neighbouring characters of a CJK `run`; a run of one character, itself.
    fn add_bigrams(&mut self, run: &str) -> bool {
        let mut pairs = 0;
        let mut prev: Option<usize> = None;
        for (at, c) in run.char_indices() {
            if let Some(p) = prev {
                if !self.insert(&run[p..at + c.len_utf8()]) {
                    return false;
                }
                pairs += 1;
            }
            prev = Some(at);
        }
        pairs > 0 || self.insert(run)
    }

    /// Adds `word` (lower-cased already) unless known; false, adding nothing, once the index
    /// holds [`MAX_TERMS`] words.
    fn insert(&mut self, word: &str) -> bool {
        if self.seen.len() >= MAX_TERMS {
            return false;
        }
        let hash = self.hasher.hash_one(word.as_bytes());
        let out = self.out.as_bytes();
        if self
            .seen
            .find(hash, |&(s, l)| out[s..s + l] == *word.as_bytes())
            .is_none()
        {
            if !self.out.is_empty() {
                self.out.push(' ');
            }
            let at = self.out.len();
            self.out.push_str(word);
            let (out, hasher) = (self.out.as_bytes(), &self.hasher);
            self.seen.insert_unique(hash, (at, word.len()), |&(s, l)| {
                hasher.hash_one(&out[s..s + l])
            });
        }
        true
    }
}

#[cfg(test)]
mod terms_tests {
    use proptest::prelude::*;

    /// The plain definition the one-pass version must agree with: the width forms folded, cut
    /// at anything but letters and digits, each word into runs of CJK and other characters;
    /// other runs of two characters or more lower-cased, CJK runs as bigrams (or the lone
    /// character); the first [`super::MAX_TERMS`] distinct ones.
    fn reference(text: &str) -> String {
        let mut folded = String::new();
        let mut run = String::new();
        for c in text.chars() {
            if super::is_width_form(c) {
                run.push(c);
            } else {
                folded.extend(unicode_normalization::UnicodeNormalization::nfkc(
                    run.as_str(),
                ));
                run.clear();
                folded.push(c);
            }
        }
        folded.extend(unicode_normalization::UnicodeNormalization::nfkc(
            run.as_str(),
        ));
        let mut terms: Vec<String> = Vec::new();
        for word in folded.split(|c: char| !c.is_alphanumeric()) {
            let chars: Vec<char> = word.chars().collect();
            for run in chars.chunk_by(|a, b| super::is_cjk(*a) == super::is_cjk(*b)) {
                if super::is_cjk(run[0]) {
                    if run.len() == 1 {
                        terms.push(run[0].to_string());
                    }
                    terms.extend(run.windows(2).map(|w| w.iter().collect()));
                } else if run.len() >= 2 {
                    terms.push(run.iter().collect::<String>().to_lowercase());
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        let mut out: Vec<String> = Vec::new();
        for term in terms {
            if seen.len() >= super::MAX_TERMS {
                break;
            }
            if seen.insert(term.clone()) {
                out.push(term);
            }
        }
        out.join(" ")
    }

    /// The whitespace-collapsed text, cut after [`super::SNIPPET`] characters.
    fn reference_snippet(text: &str) -> String {
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        match collapsed.char_indices().nth(super::SNIPPET) {
            Some((cut, _)) => format!("{}…", &collapsed[..cut]),
            None => collapsed,
        }
    }

    #[test]
    fn a_snippet_cut_at_a_word_end_ends_there() {
        let text = format!("{} next", "a".repeat(super::SNIPPET));
        assert_eq!(
            super::snippet(&text),
            format!("{}…", "a".repeat(super::SNIPPET))
        );
        assert_eq!(super::snippet(&text), reference_snippet(&text));
    }

    proptest! {
        #[test]
        fn snippets_match_the_definition(text in "[a-zé \n\t]{0,400}") {
            prop_assert_eq!(super::snippet(&text), reference_snippet(&text));
        }

        #[test]
        fn one_pass_terms_match_the_definition(text in "[a-zA-Z0-9ΣσςÄäßİ .,;-]{0,200}") {
            prop_assert_eq!(super::terms(&text), reference(&text));
        }

        /// Japanese and Chinese beside Latin, full-width and half-width forms (ﾞ alone folds to
        /// a combining mark, which is no letter), Korean, CJK punctuation.
        #[test]
        fn cjk_terms_match_the_definition(
            text in "[a-zA-Z0-9İς情報安全基本方針のをセキュリティー々ＩＳＭＳ２ｶﾞｷﾞ（）＿信息访问控制정보보호、。・「」 \n-]{0,200}"
        ) {
            prop_assert_eq!(super::terms(&text), reference(&text));
        }
    }

    #[test]
    fn at_most_max_terms() {
        let text: String = (0..5000).map(|i| format!("w{i} ")).collect();
        assert_eq!(super::terms(&text), reference(&text));
        assert_eq!(super::terms(&text).split(' ').count(), super::MAX_TERMS);
    }

    #[test]
    fn cjk_runs_are_bigrams_and_latin_words_stay_words() {
        // "ISMS基本方針 v2": the Latin word as before, the CJK run as its three bigrams.
        assert_eq!(super::terms("ISMS基本方針 v2"), "isms 基本 本方 方針 v2");
        // Kana and kanji together; ー and 々 belong to the run; 、。・ and 「」 cut it.
        assert_eq!(
            super::terms("情報セキュリティー、人々。「方針」・規程"),
            "情報 報セ セキ キュ ュリ リテ ティ ィー 人々 方針 規程"
        );
        // A lone CJK character is kept; a lone digit beside it is not, as a lone Latin letter.
        assert_eq!(super::terms("第3条 表 A"), "第 条 表");
        // Chinese, and a bigram seen twice is written once.
        assert_eq!(super::terms("访问控制。访问"), "访问 问控 控制");
        // Korean puts spaces between its words: they stay words.
        assert_eq!(super::terms("정보보호 정책"), "정보보호 정책");
    }

    #[test]
    fn full_width_and_half_width_forms_are_folded() {
        assert_eq!(super::terms("ＩＳＭＳ２０２６"), "isms2026");
        assert_eq!(super::terms("ＩＳＭＳ"), super::terms("isms"));
        // Half-width Katakana with a voiced mark is the full-width letter: ｷﾞ is ギ.
        assert_eq!(super::terms("ｾｷｭﾘﾃｨ ｷﾞｼﾞ"), super::terms("セキュリティ ギジ"));
        // Full-width punctuation still cuts: "（ＩＳＭＳ）" is the word isms alone.
        assert_eq!(super::terms("（ＩＳＭＳ）方針"), "isms 方針");
        // Outside the width block nothing is rewritten: ™ and ① stay what they were.
        assert_eq!(super::terms("ACME™ ①②"), "acme ①②");
    }

    #[test]
    fn a_cjk_body_stops_at_max_terms_bigrams() {
        // Every pair of distinct ideographs: far more bigrams than the index keeps.
        let text: String = (0..6000u32)
            .filter_map(|i| char::from_u32(0x4E00 + i))
            .collect();
        let t = super::terms(&text);
        assert_eq!(t.split(' ').count(), super::MAX_TERMS);
        assert_eq!(t, reference(&text));
    }

    #[test]
    fn words_lowercased_once_each_in_order() {
        assert_eq!(
            super::terms("Access ACCESS access, MFA-token; ΟΔΟΣ Straße a 42"),
            "access mfa token οδος straße 42"
        );
    }
}

/// What the index keeps of published document `i`'s body (and tags), from its plain text.
pub fn words(site: &Site, i: DocIdx, text: &str) -> Arc<Words> {
    let d = &site.hb.documents[i].src;
    let words = if d.meta.tags.is_empty() {
        terms(text)
    } else {
        terms(&format!("{} {}", d.meta.tags.join(" "), text))
    };
    // Kept until the index is written, with every other document's: an exact copy (see
    // `print::section`).
    Words::new(snippet(text), words.as_str().to_owned())
}

/// The index entry of published document `i` with the words of its body (and tags).
fn entry_with(site: &Site, i: DocIdx, text: Arc<Words>) -> Entry {
    let hb = site.hb;
    let d = &hb.documents[i];
    Entry {
        i: d.id.clone(),
        t: d.title.clone(),
        u: href("index.html", &d.url, None),
        k: String::new(),
        kind: Kind::Document(d.doc_type()),
        o: d.src.meta.owner().unwrap_or_default().to_owned(),
        c: d.controls
            .iter()
            .map(|&c| hb.catalog.control(c).id.to_owned())
            .chain(
                d.framework_controls
                    .iter()
                    .map(|&c| hb.frameworks.qualified_id(c)),
            )
            .collect::<Vec<_>>()
            .join(" "),
        text,
    }
}

/// The index script. `known` holds, by document index, the words taken while the pages were
/// rendered (from the same parse of each body); the others are taken here, from the words
/// `prior` remembers of the same parse, else from a parse of the body. Every entry is made
/// here, from the model and the words. With `prior` (watch
/// mode), also what to remember for the next build. The script comes in parts, to be written
/// without joining them (33 MB at 50,000 documents).
pub fn index_script(
    site: &Site,
    mut known: Vec<Option<Arc<Words>>>,
    prior: Option<&Remembered>,
) -> (Result<Vec<String>, Error>, Option<Remembered>) {
    let hb = site.hb;
    let lang = site.lang;
    known.resize_with(hb.documents.len(), || None);
    let mut published: Vec<(usize, Option<Arc<Words>>)> = site
        .documents()
        .map(|(i, _)| (i, known[i].take()))
        .collect();
    let mut entries: Vec<Entry> = published
        .par_iter_mut()
        .map(|(i, made)| {
            let src = &hb.documents[*i].src;
            let same = || {
                let (old, words) = prior?.get(&src.path)?;
                Arc::ptr_eq(old, src).then(|| Arc::clone(words))
            };
            let words = match (made.take(), same()) {
                (Some(made), _) => made,
                (None, Some(words)) => words,
                (None, None) => words(site, *i, &plain_text(src.body())),
            };
            entry_with(site, *i, words)
        })
        .collect();
    let next = prior.map(|_| {
        published
            .iter()
            .zip(&entries)
            .map(|((i, _), e)| {
                let src = &hb.documents[*i].src;
                (src.path.clone(), (Arc::clone(src), Arc::clone(&e.text)))
            })
            .collect()
    });
    // An Annex A control's snippet is its theme's name.
    let themes = {
        use crate::catalog::ControlTheme as T;
        let [organizational, people, physical, technological] = [
            "dash-search-theme-organizational",
            "dash-search-theme-people",
            "dash-search-theme-physical",
            "dash-search-theme-technological",
        ]
        .map(|key| lang.text(key).into_owned());
        move |t: T| match t {
            T::Organizational => organizational.clone(),
            T::People => people.clone(),
            T::Physical => physical.clone(),
            T::Technological => technological.clone(),
        }
    };
    entries.extend(hb.catalog.controls.iter().map(|c| Entry {
        i: c.id.clone(),
        t: c.title.clone(),
        u: control_page(&c.id),
        k: String::new(),
        kind: Kind::Control,
        o: String::new(),
        c: String::new(),
        text: Words::new(themes(c.theme), String::new()),
    }));
    // Every declared framework's current controls, found by qualified id (`csf:PR.AA-01`, and
    // `pr.aa-01` within it) and heading; a statement longer than the heading adds its words.
    // One entry per control, each of bounded size: the index grows with the catalogs.
    for (fi, f) in hb.frameworks.list.iter().enumerate() {
        entries.extend(f.catalog.current().map(|(idx, c)| {
            let heading = c.heading();
            let group = c
                .group
                .and_then(|g| f.catalog.groups.get(g))
                .map(|g| g.title.as_str())
                .unwrap_or_default();
            Entry {
                i: f.qualified_id(idx),
                t: heading.to_owned(),
                u: href(
                    "index.html",
                    &site.ctl_page(crate::model::frameworks::CtlRef {
                        fw: crate::model::frameworks::FwKey::Declared(fi),
                        idx,
                    }),
                    None,
                ),
                k: String::new(),
                kind: Kind::Control,
                o: String::new(),
                c: String::new(),
                text: Words::new(
                    if group.is_empty() {
                        f.name.clone()
                    } else {
                        format!("{} · {group}", f.name)
                    },
                    match c.statement.as_deref() {
                        Some(st) if st != heading => terms(st),
                        _ => String::new(),
                    },
                ),
            }
        }));
    }
    // Each risk of the register, found by id, title, owner and treatment (as the register
    // writes it and in the interface language); one bounded entry each.
    entries.extend(hb.risks.iter().enumerate().filter_map(|(i, r)| {
        let page = site.risks.page(i)?;
        let treatment = r.treatment.map(|t| t.as_str()).unwrap_or_default();
        let said = r
            .treatment
            .map(|t| lang.text(&format!("dash-search-treatment-{}", t.as_str())));
        let text = match &said {
            Some(t) => lang.with("dash-search-treatment", "treatment", t.to_string()),
            None => lang.text("dash-search-no-treatment").into_owned(),
        };
        let snippet = match r.residual() {
            Some(score) => {
                let mut args = fluent_bundle::FluentArgs::new();
                args.set("text", text);
                args.set("score", score);
                lang.fmt("dash-search-residual", &args)
            }
            None => text,
        };
        let words = match &said {
            Some(t) if t != treatment => format!("{treatment} {t}"),
            _ => treatment.to_owned(),
        };
        Some(Entry {
            i: r.id.clone(),
            t: r.title.clone(),
            u: href("index.html", page, None),
            k: String::new(),
            kind: Kind::Risk,
            o: r.owner.clone().unwrap_or_default(),
            c: r.controls
                .iter()
                .filter_map(|c| c.control)
                .map(|c| hb.frameworks.qualified_id(c))
                .collect::<Vec<_>>()
                .join(" "),
            text: Words::new(snippet, terms(&words)),
        })
    }));
    // Each kind's label once; most entries are documents of a handful of types.
    let control = lang.text("dash-search-control");
    let risk = lang.text("dash-search-risk");
    let mut types: Vec<(Option<crate::source::meta::DocType>, String)> = Vec::new();
    for e in &mut entries {
        e.k = match e.kind {
            Kind::Control => control.clone().into_owned(),
            Kind::Risk => risk.clone().into_owned(),
            Kind::Document(t) => match types.iter().find(|(k, _)| *k == t) {
                Some((_, label)) => label.clone(),
                None => {
                    let label = super::site::type_label(lang, t);
                    types.push((t, label.clone()));
                    label
                }
            },
        };
    }
    let script = Pieces::json_array(&entries)
        .and_then(|json| json.texts(script_safe))
        .map(|mut parts| {
            parts.insert(0, "window.ISMSBOOK_SEARCH = ".to_owned());
            parts.push(";\n".to_owned());
            parts
        });
    (script, next)
}

/// JSON that stays data wherever a script holds it, even inline in a page: `<`, `>` and `&`
/// as `\u` escapes (no `</script>` or `<!--`), and the line separators older engines reject.
/// Inside JSON those characters only occur in strings, where the escapes mean the same.
pub fn script_safe(json: &str) -> String {
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len() + json.len() / 32);
    let mut plain = 0;
    // Byte by byte, copying the runs between escapes (the index is megabytes of JSON, and a
    // character at a time cost more than writing the JSON).
    for (i, &b) in bytes.iter().enumerate() {
        let (escape, len) = match b {
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
            0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
                Some(0xA8) => ("\\u2028", 3),
                Some(0xA9) => ("\\u2029", 3),
                _ => continue,
            },
            _ => continue,
        };
        // `i` is an ASCII byte or a lead byte, and `i + len` follows a whole character.
        out.push_str(&json[plain..i]);
        out.push_str(escape);
        plain = i + len;
    }
    out.push_str(&json[plain..]);
    out
}

/// [`script_safe`] as its definition reads: character by character.
#[cfg(test)]
fn script_safe_by_chars(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn script_safe_escapes_as_its_definition(
            s in "[a-z<>&\"\\\\\u{2027}\u{2028}\u{2029}\u{2030}\u{20ac}\u{e28a}é ]{0,60}"
        ) {
            proptest::prop_assert_eq!(script_safe(&s), script_safe_by_chars(&s));
        }
    }

    #[test]
    fn script_safe_json_means_the_same_and_cannot_close_a_script() {
        let v = serde_json::json!({"t": "</script><!-- & \u{2028}"});
        let safe = script_safe(&v.to_string());
        assert!(!safe.contains('<') && !safe.contains('&') && !safe.contains('\u{2028}'));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&safe).unwrap(), v);
    }

    #[test]
    fn words_are_distinct_lowercase_and_unicode_aware() {
        assert_eq!(
            terms("Access access ACCESS: Zugriffsrechte für Überprüfung a"),
            "access zugriffsrechte für überprüfung"
        );
        let text = plain_text(
            "# Title\n\nSome *emphasis* and `code`.\n\n| a | b |\n|---|---|\n| c | d |\n",
        );
        assert_eq!(terms(&text), "title some emphasis and code");
    }

    /// `tokens` in the client must cut a query where `terms` cut the text, or a query finds
    /// nothing: the same ranges, the same width block.
    #[test]
    fn the_client_knows_the_same_cjk_ranges_and_width_forms() {
        let js = include_str!("../../theme/assets/ismsbook.js");
        let escape = |c: char| match u32::from(c) {
            n @ 0..=0xFFFF => format!("\\u{n:04X}"),
            n => format!("\\u{{{n:X}}}"),
        };
        let class: String = CJK
            .iter()
            .map(|&(lo, hi)| format!("{}-{}", escape(lo), escape(hi)))
            .collect();
        let line = format!("var CJK = /[{class}]/u;");
        assert!(js.contains(&line), "ismsbook.js lacks {line}");
        assert!(is_width_form('\u{FF00}') && is_width_form('\u{FFEF}'));
        assert!(!is_width_form('\u{FEFF}') && !is_width_form('\u{FFF0}'));
        assert!(js.contains(r"s.replace(/[\uFF00-\uFFEF]+/g"));
    }

    #[test]
    fn snippets_are_short() {
        let s = snippet(&"word ".repeat(100));
        assert!(s.chars().count() <= SNIPPET + 1 && s.ends_with('…'));
    }
}
