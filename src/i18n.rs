//! The site's interface language: every word of ours a reader sees (labels, badges, status
//! names, export headers, the search box), from Project Fluent files.
//!
//! One `.ftl` file per language ships in the binary (`theme/locales/<lang>.ftl`). A content
//! folder's own `theme/locales/<lang>.ftl` is read over it message by message, so an
//! organisation can change one word without copying the file, or add a language of its own
//! (English stands in for what it does not say). Finding messages stay English: they are for
//! engineers and logs; only the labels around them are translated.

use crate::error::Error;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use jiff::civil::Date;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Mutex;
use unic_langid::LanguageIdentifier;

/// The languages that ship, with their files.
pub const SHIPPED: &[(&str, &str)] = &[
    ("en", include_str!("../theme/locales/en.ftl")),
    ("de", include_str!("../theme/locales/de.ftl")),
    ("fr", include_str!("../theme/locales/fr.ftl")),
    ("es", include_str!("../theme/locales/es.ftl")),
    ("ja", include_str!("../theme/locales/ja.ftl")),
];

/// The language used when `ismsbook.toml` names none.
pub const DEFAULT: &str = "en";

type Bundle = FluentBundle<FluentResource>;

pub struct Lang {
    /// As `<html lang>` and `.ics` files want it: `de`, `de-CH`, `ja`.
    tag: String,
    bundle: Bundle,
    /// English, for keys the selected language's files do not have (a language an
    /// organisation added itself); `None` when the language is English.
    fallback: Option<Bundle>,
    /// Keys that fell back to English or to their own name while rendering.
    missing: Mutex<BTreeSet<String>>,
    /// `date` as fixed text around the date's parts, when the language's pattern is that
    /// simple (checked against Fluent for every month): a page shows dozens of dates, and
    /// formatting each through Fluent costs a dozen allocations.
    date_shape: Option<Vec<DatePiece>>,
}

/// A piece of a date as the language writes it.
#[derive(Debug, Clone, PartialEq)]
enum DatePiece {
    Text(String),
    Year,
    Month2,
    Day2,
    Month,
    Day,
}

impl std::fmt::Debug for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lang").field("tag", &self.tag).finish()
    }
}

impl Lang {
    /// English with no overrides: for tests and code paths without a content folder.
    pub fn english() -> Lang {
        Lang::load(DEFAULT, None).unwrap_or_else(|e| unreachable!("built-in English: {e}"))
    }

    /// The language `tag` (`de`, `de-CH`, `ja-JP`): the shipped file of its primary language,
    /// then `<locales>/<tag>.ftl` (or the primary language's file there) over it.
    pub fn load(tag: &str, locales: Option<&Path>) -> Result<Lang, Error> {
        let id: LanguageIdentifier = tag.parse().map_err(|_| {
            Error::Usage(format!(
                "language `{tag}` is no language tag; write one such as `de`, `fr`, `ja` or `de-CH`"
            ))
        })?;
        let primary = id.language.as_str().to_owned();
        let shipped = SHIPPED.iter().find(|(l, _)| *l == primary).map(|(_, s)| *s);
        // An organisation's own words: `<tag>.ftl`, else the primary language's file.
        let own = match locales {
            Some(dir) => {
                let exact = dir.join(format!("{tag}.ftl"));
                let general = dir.join(format!("{primary}.ftl"));
                match read_ftl(&exact)? {
                    Some(text) => Some((exact, text)),
                    None if tag != primary => read_ftl(&general)?.map(|t| (general, t)),
                    None => None,
                }
            }
            None => None,
        };
        if shipped.is_none() && own.is_none() {
            let names: Vec<&str> = SHIPPED.iter().map(|(l, _)| *l).collect();
            return Err(Error::Usage(format!(
                "language `{tag}` is not built in (built in: {}); to add it, write \
                 theme/locales/{primary}.ftl in the content folder (English stands in for \
                 any message it leaves out)",
                names.join(", ")
            )));
        }
        let mut bundle = new_bundle(id.clone());
        if let Some(text) = shipped {
            add(
                &mut bundle,
                text.to_owned(),
                &format!("built-in {primary}.ftl"),
            )?;
        }
        if let Some((path, text)) = own {
            let res = parse(text, &path.display().to_string())?;
            bundle.add_resource_overriding(res);
        }
        let fallback = if primary == DEFAULT {
            None
        } else {
            let mut en = new_bundle(DEFAULT.parse().unwrap_or_default());
            add(&mut en, SHIPPED[0].1.to_owned(), "built-in en.ftl")?;
            // The organisation's English file may define the keys its own templates use.
            if let Some(path) = locales.map(|d| d.join("en.ftl")) {
                if let Some(text) = read_ftl(&path)? {
                    en.add_resource_overriding(parse(text, &path.display().to_string())?);
                }
            }
            Some(en)
        };
        let mut lang = Lang {
            tag: id.to_string(),
            bundle,
            fallback,
            missing: Mutex::new(BTreeSet::new()),
            date_shape: None,
        };
        lang.date_shape = lang.date_shape();
        Ok(lang)
    }

    /// The `date` pattern as pieces, if formatting with markers for the parts and putting
    /// the parts in again gives what Fluent gives for a day of every month (a pattern that
    /// selects on the month, to write its name, is left to Fluent).
    fn date_shape(&self) -> Option<Vec<DatePiece>> {
        const MARKERS: [(char, DatePiece); 5] = [
            ('\u{E000}', DatePiece::Year),
            ('\u{E001}', DatePiece::Month2),
            ('\u{E002}', DatePiece::Day2),
            ('\u{E003}', DatePiece::Month),
            ('\u{E004}', DatePiece::Day),
        ];
        let mut args = FluentArgs::new();
        for (name, (marker, _)) in ["year", "month", "day", "m", "d"]
            .iter()
            .zip(MARKERS.iter())
        {
            args.set(*name, marker.to_string());
        }
        let marked = self.format("date", Some(&args)).into_owned();
        let mut pieces = Vec::new();
        let mut text = String::new();
        for c in marked.chars() {
            match MARKERS.iter().find(|(m, _)| *m == c) {
                Some((_, piece)) => {
                    if !text.is_empty() {
                        pieces.push(DatePiece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(piece.clone());
                }
                None => text.push(c),
            }
        }
        if !text.is_empty() {
            pieces.push(DatePiece::Text(text));
        }
        let same = (1..=12).all(|m| {
            [1, 28].iter().all(|&d| {
                let day = Date::new(2031, m, d).unwrap_or_default();
                shape_date(&pieces, day) == self.date_through_fluent(day)
            })
        });
        same.then_some(pieces)
    }

    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// Whether `key` has a text in this language or in English.
    pub fn has(&self, key: &str) -> bool {
        self.bundle.has_message(key) || self.fallback.as_ref().is_some_and(|b| b.has_message(key))
    }

    /// Whether `key` is said in this language itself (not by English standing in).
    pub fn says(&self, key: &str) -> bool {
        self.bundle.has_message(key)
    }

    /// The text of `key` without arguments.
    pub fn text(&self, key: &str) -> Cow<'_, str> {
        self.format(key, None)
    }

    /// The text of `key` with `args` (numbers select plural forms by the language's rules).
    pub fn fmt(&self, key: &str, args: &FluentArgs) -> String {
        self.format(key, Some(args)).into_owned()
    }

    /// `key` with one numeric argument `n`: "3 days", "1 Tag", "3日".
    pub fn count(&self, key: &str, n: i64) -> String {
        let mut args = FluentArgs::new();
        args.set("n", n);
        self.fmt(key, &args)
    }

    /// `key` with one text argument.
    pub fn with(&self, key: &str, name: &str, value: impl Into<FluentValue<'static>>) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), value.into());
        self.fmt(key, &args)
    }

    fn format<'s>(&'s self, key: &str, args: Option<&FluentArgs>) -> Cow<'s, str> {
        for (i, bundle) in std::iter::once(&self.bundle)
            .chain(self.fallback.as_ref())
            .enumerate()
        {
            let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
                continue;
            };
            if i > 0 {
                self.note_missing(key);
            }
            // Errors (an argument the text names but the caller did not give) still format,
            // with the argument's name in braces: visible on the page, never fatal.
            let mut errors = Vec::new();
            return bundle.format_pattern(pattern, args, &mut errors);
        }
        self.note_missing(key);
        Cow::Owned(key.to_owned())
    }

    fn note_missing(&self, key: &str) {
        if let Ok(mut m) = self.missing.lock() {
            if !m.contains(key) {
                m.insert(key.to_owned());
            }
        }
    }

    /// The keys this language did not say while rendering (English or the key itself stood in).
    pub fn missing(&self) -> Vec<String> {
        self.missing
            .lock()
            .map(|m| m.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// A date as the language writes it (`date` in the `.ftl` file: `2026-03-01`,
    /// `01.03.2026`, `2026年3月1日`).
    pub fn date(&self, d: Date) -> String {
        match &self.date_shape {
            Some(pieces) => shape_date(pieces, d),
            None => self.date_through_fluent(d),
        }
    }

    fn date_through_fluent(&self, d: Date) -> String {
        let mut args = FluentArgs::new();
        args.set("year", d.year().to_string());
        args.set("month", format!("{:02}", d.month()));
        args.set("day", format!("{:02}", d.day()));
        args.set("m", i64::from(d.month()));
        args.set("d", i64::from(d.day()));
        self.fmt("date", &args)
    }

    /// [`Lang::date`], or "—" for no date.
    pub fn date_or_dash(&self, d: Option<Date>) -> String {
        d.map(|d| self.date(d)).unwrap_or_else(|| "—".into())
    }

    /// The texts the browser's scripts show (keys `js-…`, without the prefix) as a JSON
    /// object; `{n}` stands where a script puts a number.
    pub fn browser_strings(&self) -> serde_json::Map<String, serde_json::Value> {
        let mut args = FluentArgs::new();
        args.set("n", "{n}");
        message_ids(SHIPPED[0].1)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|key| {
                let short = key.strip_prefix("js-")?.to_owned();
                Some((short, serde_json::Value::String(self.fmt(&key, &args))))
            })
            .collect()
    }

    /// "3 days", "1 Tag": a number of days.
    pub fn days(&self, n: i64) -> String {
        self.count("days", n)
    }
}

fn shape_date(pieces: &[DatePiece], d: Date) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(16);
    for piece in pieces {
        // Writing into a String cannot fail.
        let _ = match piece {
            DatePiece::Text(t) => out.write_str(t),
            DatePiece::Year => write!(out, "{}", d.year()),
            DatePiece::Month2 => write!(out, "{:02}", d.month()),
            DatePiece::Day2 => write!(out, "{:02}", d.day()),
            DatePiece::Month => write!(out, "{}", d.month()),
            DatePiece::Day => write!(out, "{}", d.day()),
        };
    }
    out
}

fn new_bundle(id: LanguageIdentifier) -> Bundle {
    let mut b = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks around every argument would land in titles, CSV cells and
    // calendar summaries; our arguments are numbers, dates and names in the page's direction.
    b.set_use_isolating(false);
    b
}

fn add(bundle: &mut Bundle, text: String, origin: &str) -> Result<(), Error> {
    let res = parse(text, origin)?;
    bundle.add_resource(res).map_err(|errors| {
        let first = errors.first().map(|e| e.to_string()).unwrap_or_default();
        Error::Template(format!("{origin}: {first}"))
    })
}

/// A Fluent file, or its first syntax error with the line it is on.
fn parse(text: String, origin: &str) -> Result<FluentResource, Error> {
    FluentResource::try_new(text).map_err(|(res, errors)| {
        let first = errors.first();
        let line = first.map_or(1, |e| {
            res.source()[..e.pos.start.min(res.source().len())]
                .matches('\n')
                .count()
                + 1
        });
        let what = first.map(|e| e.kind.to_string()).unwrap_or_default();
        Error::Template(format!(
            "{origin}:{line}: {what} (Fluent syntax: `key = text`, see https://projectfluent.org/fluent/guide/)"
        ))
    })
}

/// The file's text, `None` when it does not exist.
fn read_ftl(path: &Path) -> Result<Option<String>, Error> {
    // Like every theme file: a link could publish whatever it points at on the build machine.
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Error::Template(format!(
            "{} is a symbolic link; theme files must be regular files inside the content folder",
            path.display()
        )));
    }
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8(bytes).map_err(|_| {
                Error::Template(format!(
                    "{}: not UTF-8; save it as UTF-8 text",
                    path.display()
                ))
            })?;
            // Editors on Windows save a byte order mark, which Fluent would read as text.
            Ok(Some(
                text.strip_prefix('\u{feff}')
                    .map(str::to_owned)
                    .unwrap_or(text),
            ))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::Template(format!("{}: {e}", path.display()))),
    }
}

/// The message ids a Fluent file defines (terms, `-name`, are private to it).
pub fn message_ids(text: &str) -> Result<BTreeSet<String>, String> {
    let res = FluentResource::try_new(text.to_owned())
        .map_err(|(_, e)| format!("{} syntax errors", e.len()))?;
    Ok(res
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates_and_plurals_per_language() {
        let en = Lang::english();
        assert_eq!(en.date(date(2026, 3, 1)), "2026-03-01");
        assert_eq!(en.days(1), "1 day");
        assert_eq!(en.days(240), "240 days");
        let de = Lang::load("de", None).unwrap();
        assert_eq!(de.date(date(2026, 3, 1)), "01.03.2026");
        assert_eq!(de.days(1), "1 Tag");
        assert_eq!(de.days(2), "2 Tage");
        let ja = Lang::load("ja", None).unwrap();
        assert_eq!(ja.date(date(2026, 3, 1)), "2026年3月1日");
        let fr = Lang::load("fr", None).unwrap();
        // French counts 0 and 1 as singular.
        assert_eq!(fr.days(0), "0 jour");
        assert_eq!(fr.days(2), "2 jours");
        assert!(de.missing().is_empty(), "{:?}", de.missing());
    }

    #[test]
    fn regional_tags_use_their_language_and_unknown_ones_are_refused() {
        let ch = Lang::load("de-CH", None).unwrap();
        assert_eq!(ch.tag(), "de-CH");
        assert_eq!(ch.days(2), "2 Tage");
        let e = Lang::load("it", None).unwrap_err().to_string();
        assert!(e.contains("theme/locales/it.ftl"), "{e}");
        assert!(Lang::load("not a tag!", None).is_err());
    }

    #[test]
    fn own_files_change_single_words_and_add_languages() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("de.ftl"),
            "\u{feff}days = { $n } Kalendertage\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("it.ftl"), "days = { $n } giorni\n").unwrap();
        let de = Lang::load("de", Some(dir.path())).unwrap();
        assert_eq!(de.days(3), "3 Kalendertage");
        assert_eq!(de.date(date(2026, 3, 1)), "01.03.2026");
        let it = Lang::load("it", Some(dir.path())).unwrap();
        assert_eq!(it.days(3), "3 giorni");
        // Italian does not say how to write a date: English stands in, and it is noted.
        assert_eq!(it.date(date(2026, 3, 1)), "2026-03-01");
        assert_eq!(it.missing(), vec!["date".to_owned()]);
        // A date pattern that names the month is formatted by Fluent, not the fast path.
        std::fs::write(
            dir.path().join("es.ftl"),
            "date = { $d } de { $m ->\n    [1] enero\n    [12] diciembre\n   *[other] { $m }\n} de { $year }\n",
        )
        .unwrap();
        let es = Lang::load("es", Some(dir.path())).unwrap();
        assert!(es.date_shape.is_none());
        assert_eq!(es.date(date(2026, 12, 6)), "6 de diciembre de 2026");
        assert_eq!(es.date(date(2026, 3, 6)), "6 de 3 de 2026");
        assert!(Lang::load("ja", None).unwrap().date_shape.is_some());
        std::fs::write(dir.path().join("fr.ftl"), "days = { $n\n").unwrap();
        let e = Lang::load("fr", Some(dir.path())).unwrap_err().to_string();
        assert!(e.contains("fr.ftl:") && e.contains("Expected"), "{e}");
    }
}
