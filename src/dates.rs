//! Civil-date arithmetic for reviews, and the "today" that reviews are judged against.

use jiff::civil::Date;

/// Parses an ISO date `YYYY-MM-DD` (what YAML front matter and `--today` use).
pub fn parse(s: &str) -> Result<Date, String> {
    let s = s.trim();
    // jiff also accepts some other forms; the contract is exactly YYYY-MM-DD.
    let shape_ok = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(format!("`{s}` is not a date in the form YYYY-MM-DD"));
    }
    s.parse::<Date>()
        .map_err(|e| format!("`{s}` is not a real date: {e}"))
}

/// Adds whole months, clamping to the end of the month (2025-01-31 + 1 month = 2025-02-28).
pub fn add_months(d: Date, months: u32) -> Date {
    // try_months: a huge count is an error, not a panic.
    jiff::Span::new()
        .try_months(i64::from(months))
        .ok()
        .and_then(|span| d.checked_add(span).ok())
        .unwrap_or(Date::MAX)
}

/// Days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    // Both are civil dates, so the difference in days is exact.
    from.until(to).map(|s| i64::from(s.get_days())).unwrap_or(0)
}

/// Where today's date came from, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TodaySource {
    Flag,
    SourceDateEpoch,
    Clock,
}

/// The day a run judges reviews against: `--today` (`flag`), else the `SOURCE_DATE_EPOCH`
/// environment variable (UTC), else the local clock. Resolved once, at the command line's edge.
pub fn today(flag: Option<&str>) -> Result<Date, crate::error::Error> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    resolve_today(flag, epoch.as_deref())
        .map(|(d, _)| d)
        .map_err(crate::error::Error::Usage)
}

/// `--today`, else `SOURCE_DATE_EPOCH` (UTC), else the local clock.
pub fn resolve_today(
    flag: Option<&str>,
    source_date_epoch: Option<&str>,
) -> Result<(Date, TodaySource), String> {
    if let Some(s) = flag {
        return parse(s)
            .map(|d| (d, TodaySource::Flag))
            .map_err(|e| format!("--today: {e}"));
    }
    if let Some(s) = source_date_epoch.filter(|s| !s.trim().is_empty()) {
        let secs: i64 = s
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH=`{s}` is not a number of seconds"))?;
        let ts = jiff::Timestamp::from_second(secs)
            .map_err(|e| format!("SOURCE_DATE_EPOCH=`{s}`: {e}"))?;
        return Ok((
            ts.to_zoned_datetime(jiff::tz::TimeZone::UTC).date(),
            TodaySource::SourceDateEpoch,
        ));
    }
    Ok((jiff::ZonedDateTime::now().date(), TodaySource::Clock))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn month_arithmetic_clamps() {
        assert_eq!(add_months(date(2025, 1, 31), 1), date(2025, 2, 28));
        assert_eq!(add_months(date(2024, 2, 29), 12), date(2025, 2, 28));
        assert_eq!(add_months(date(2025, 6, 1), 12), date(2026, 6, 1));
        assert_eq!(add_months(date(2025, 11, 15), 3), date(2026, 2, 15));
        assert_eq!(add_months(date(2025, 11, 15), u32::MAX), Date::MAX);
    }

    #[test]
    fn day_differences() {
        assert_eq!(days_between(date(2026, 1, 1), date(2026, 1, 31)), 30);
        assert_eq!(days_between(date(2026, 1, 31), date(2026, 1, 1)), -30);
        assert_eq!(days_between(date(2025, 6, 1), date(2026, 11, 29)), 546);
    }

    #[test]
    fn parses_only_real_iso_dates() {
        assert_eq!(parse("2026-03-01").unwrap(), date(2026, 3, 1));
        assert!(parse("2025-02-30").unwrap_err().contains("not a real date"));
        assert!(parse("01/03/2026").is_err());
        assert!(parse("2026-3-1").is_err());
    }

    #[test]
    fn today_precedence() {
        let (d, s) = resolve_today(Some("2026-01-02"), Some("0")).unwrap();
        assert_eq!((d, s), (date(2026, 1, 2), TodaySource::Flag));
        let (d, s) = resolve_today(None, Some("1767225600")).unwrap();
        assert_eq!((d, s), (date(2026, 1, 1), TodaySource::SourceDateEpoch));
        assert!(resolve_today(None, Some("yesterday")).is_err());
        assert_eq!(resolve_today(None, None).unwrap().1, TodaySource::Clock);
    }
}
