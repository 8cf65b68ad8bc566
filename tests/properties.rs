//! Property tests: control id normalisation and catalog look-ups, and the date arithmetic that
//! next-review dates are computed with.

use ismsbook::catalog::{normalize_control_id, Catalog};
use ismsbook::dates;
use jiff::civil::Date;
use proptest::prelude::*;

// ----- control ids -----

fn catalog() -> &'static Catalog {
    Catalog::iso27001_2022()
}

/// Any control of the catalog, by index.
fn control_idx() -> impl Strategy<Value = usize> {
    0..catalog().controls.len()
}

/// Whitespace an author might leave around an id (YAML trims most of it, `[[ ]]` does not).
fn blank() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[ \t]{0,3}").unwrap()
}

/// The accepted spellings: an id is `A.5.15`, `a.5.15`, `A 5.15` or `5.15`, maybe padded.
fn accepted(raw: &str) -> bool {
    let s = raw.trim();
    let rest = s
        .strip_prefix("A.")
        .or_else(|| s.strip_prefix("a."))
        .or_else(|| s.strip_prefix("A "))
        .unwrap_or(s)
        .trim();
    let mut parts = rest.split('.');
    let (Some(theme), Some(number), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    ["5", "6", "7", "8"].contains(&theme)
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
}

proptest! {
    #[test]
    fn every_spelling_of_a_control_finds_it(
        idx in control_idx(),
        prefix in prop::sample::select(vec!["A.", "a.", "A ", "", "A. "]),
        before in blank(),
        after in blank(),
    ) {
        let c = catalog();
        let id = &c.control(idx).id;
        let bare = id.strip_prefix("A.").unwrap();
        let raw = format!("{before}{prefix}{bare}{after}");
        prop_assert_eq!(&normalize_control_id(&raw), id);
        prop_assert_eq!(c.find(&raw), Some(idx), "{:?}", raw);
    }

    #[test]
    fn normalising_is_idempotent(raw in "\\PC{0,12}|[aA]?[. ]?[ \t]*[0-9.]{0,6}[ \t]*") {
        let once = normalize_control_id(&raw);
        prop_assert_eq!(normalize_control_id(&once), once.clone());
        prop_assert!(once.starts_with("A."));
        // The canonical spelling is found directly, without normalising again.
        prop_assert_eq!(catalog().find(&once), catalog().find(&raw));
    }

    #[test]
    fn only_control_ids_are_found(raw in "\\PC{0,12}|[aA]?[. ]?[ \t]*[0-9]{1,2}\\.[0-9]{1,3}[ \t]*") {
        let c = catalog();
        match c.find(&raw) {
            Some(idx) => {
                prop_assert!(accepted(&raw), "{:?} accepted", raw);
                prop_assert_eq!(&normalize_control_id(&raw), &c.control(idx).id);
            }
            // An accepted shape is either in the catalog or an unknown number (A.5.38).
            None => prop_assert!(!c.controls.iter().any(|x| x.id == normalize_control_id(&raw))),
        }
        // 2013 look-ups never panic, and every successor they name is a 2022 control.
        if let Some(new) = c.successors_2013(&raw) {
            prop_assert!(!new.is_empty());
            for id in new {
                prop_assert!(c.find(id).is_some(), "{} maps to unknown {}", raw, id);
            }
            prop_assert!(c.hint_2013(&raw).is_some());
        }
    }
}

#[test]
fn the_2013_mapping_names_only_2022_controls() {
    // Exhaustive over the embedded table, not sampled: A.5.1.1 … A.18.2.3.
    let c = catalog();
    let mut mapped = 0;
    for a in 5..=18 {
        for b in 1..=7 {
            for n in 1..=9 {
                if let Some(new) = c.successors_2013(&format!("A.{a}.{b}.{n}")) {
                    mapped += 1;
                    assert!(new.iter().all(|id| c.find(id).is_some()), "{new:?}");
                }
            }
        }
    }
    assert!(mapped >= 100, "{mapped} 2013 controls mapped");
}

// ----- dates -----

/// Any date from 1900 to 2200 (days drawn within the month's length).
fn date() -> impl Strategy<Value = Date> {
    (1900i16..=2200, 1i8..=12, 1i8..=31).prop_map(|(y, m, d)| {
        let first = Date::new(y, m, 1).unwrap();
        Date::new(y, m, d.min(first.days_in_month())).unwrap()
    })
}

/// Months since year 0, so month arithmetic can be checked without a calendar library.
fn month_index(d: Date) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month()) - 1
}

proptest! {
    #[test]
    fn adding_months_lands_in_the_right_month_with_the_day_clamped(d in date(), months in 0u32..=240) {
        let next = dates::add_months(d, months);
        prop_assert_eq!(month_index(next), month_index(d) + i64::from(months));
        // The same day, or the last day of a shorter month.
        let first = Date::new(next.year(), next.month(), 1).unwrap();
        prop_assert_eq!(next.day(), d.day().min(first.days_in_month()));
        prop_assert!(next >= d);
    }

    #[test]
    fn adding_months_is_monotonic(d in date(), a in 0u32..=240, b in 0u32..=240) {
        let (lo, hi) = (a.min(b), a.max(b));
        prop_assert!(dates::add_months(d, lo) <= dates::add_months(d, hi));
        // One step of `a + b` months never falls behind two steps (clamping only loses days).
        let two_steps = dates::add_months(dates::add_months(d, a), b);
        prop_assert!(dates::add_months(d, a + b) >= two_steps);
    }

    #[test]
    fn huge_intervals_saturate_instead_of_panicking(d in date(), months in any::<u32>()) {
        let next = dates::add_months(d, months);
        prop_assert!(next >= d);
        if month_index(d) + i64::from(months) > month_index(Date::MAX) {
            prop_assert_eq!(next, Date::MAX);
        }
    }

    #[test]
    fn day_differences_agree_with_adding_days(d in date(), n in -40_000i64..40_000) {
        let Ok(later) = d.checked_add(jiff::Span::new().days(n)) else {
            return Ok(());
        };
        prop_assert_eq!(dates::days_between(d, later), n);
        prop_assert_eq!(dates::days_between(later, d), -n);
    }

    #[test]
    fn iso_dates_round_trip(d in date()) {
        let text = d.to_string();
        prop_assert_eq!(dates::parse(&text), Ok(d));
        prop_assert_eq!(dates::parse(&format!(" {text}\t")), Ok(d));
    }

    #[test]
    fn date_parsing_never_panics(s in "\\PC{0,16}|[0-9]{4}-[0-9]{2}-[0-9]{2}") {
        if let Ok(d) = dates::parse(&s) {
            prop_assert_eq!(d.to_string(), s.trim());
        }
    }
}

#[test]
fn month_ends_and_leap_years() {
    use jiff::civil::date;
    let cases = [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2025, 3, 31), 1, date(2025, 4, 30)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2099, 12, 31), 2, date(2100, 2, 28)),
        (date(2025, 10, 31), 0, date(2025, 10, 31)),
        (date(9999, 11, 30), 1, date(9999, 12, 30)),
        (date(9999, 11, 30), 2, Date::MAX),
    ];
    for (start, months, want) in cases {
        assert_eq!(dates::add_months(start, months), want, "{start} + {months}");
    }
}
