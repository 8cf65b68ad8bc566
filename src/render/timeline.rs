//! The dashboard's timeline of what falls due: per calendar month of the next twelve, from the
//! build's day, the document reviews, risk reviews and exception expiries, after a first column
//! of everything already past due. Counted in one pass over the items; drawn as inline SVG that
//! needs no script, prints, follows the theme's colours and reads to a screen reader.

use crate::i18n::Lang;
use fluent_bundle::FluentArgs;
use jiff::civil::Date;
use serde::Serialize;

/// Calendar months shown after the overdue column, the build's own month first.
pub const MONTHS: usize = 12;

/// What falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A document's next review.
    Document,
    /// A risk's next review.
    Risk,
    /// An exception's last valid day.
    Exception,
}

/// When an item falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Due on the day.
    On(Date),
    /// Past due without a day to show (a risk never reviewed).
    Overdue,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub documents: usize,
    pub risks: usize,
    pub exceptions: usize,
}

impl Counts {
    pub fn total(&self) -> usize {
        self.documents + self.risks + self.exceptions
    }

    fn add(&mut self, kind: Kind) {
        match kind {
            Kind::Document => self.documents += 1,
            Kind::Risk => self.risks += 1,
            Kind::Exception => self.exceptions += 1,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// The first day of the build's month: the first of the twelve months.
    pub start: Date,
    /// Due before the build's day: an overdue review, an expired exception.
    pub overdue: Counts,
    /// By calendar month, `start`'s first.
    pub months: [Counts; MONTHS],
}

impl Timeline {
    /// The first day of the `i`th month after `start`.
    pub fn month(&self, i: usize) -> Date {
        crate::dates::add_months(self.start, u32::try_from(i).unwrap_or(u32::MAX))
    }
}

/// Sorts each item into the overdue column (due before `today`: an exception expiring today
/// is still valid, a review due today is not late) or its calendar month; items due twelve
/// months on or later are not shown.
pub fn count(today: Date, items: impl IntoIterator<Item = (Kind, Due)>) -> Timeline {
    let start = today.first_of_month();
    let mut t = Timeline {
        start,
        overdue: Counts::default(),
        months: [Counts::default(); MONTHS],
    };
    let base = i32::from(today.year()) * 12 + i32::from(today.month());
    for (kind, due) in items {
        match due {
            Due::Overdue => t.overdue.add(kind),
            Due::On(d) if d < today => t.overdue.add(kind),
            Due::On(d) => {
                let i = i32::from(d.year()) * 12 + i32::from(d.month()) - base;
                if let Some(c) = usize::try_from(i).ok().and_then(|i| t.months.get_mut(i)) {
                    c.add(kind);
                }
            }
        }
    }
    t
}

/// The words the timeline needs, looked up once per build.
struct Words<'l> {
    lang: &'l Lang,
    separator: String,
    nothing: String,
}

impl Words<'_> {
    /// `December`, `Dezember`, `12月`.
    fn month(&self, d: Date) -> String {
        self.lang.with("dash-month", "m", d.month())
    }

    /// `December 2026`, `2026年12月`.
    fn month_year(&self, d: Date) -> String {
        let mut args = FluentArgs::new();
        args.set("month", self.month(d));
        // The year as written, not as a number the language would group (`2.026`).
        args.set("year", d.year().to_string());
        self.lang.fmt("dash-month-year", &args)
    }

    /// `3 document reviews, 1 risk review, 2 exception expiries`, leaving out what is none.
    fn parts(&self, c: &Counts, expired: bool) -> String {
        let exceptions = if expired {
            "dash-due-expired"
        } else {
            "dash-due-exceptions"
        };
        let out: Vec<String> = [
            ("dash-due-documents", c.documents),
            ("dash-due-risks", c.risks),
            (exceptions, c.exceptions),
        ]
        .into_iter()
        .filter(|&(_, n)| n > 0)
        .map(|(key, n)| self.lang.count(key, i64::try_from(n).unwrap_or(i64::MAX)))
        .collect();
        if out.is_empty() {
            self.nothing.clone()
        } else {
            out.join(&self.separator)
        }
    }
}

// The drawing's geometry, in SVG user units (the picture scales to the page's width).
const COLUMN: u32 = 52;
const BAR: u32 = 30;
const LEFT: u32 = 4;
const TOP: u32 = 20;
const PLOT: u32 = 140;
const LABELS: u32 = 34;

#[derive(Serialize)]
pub struct Segment {
    class: &'static str,
    x: u32,
    width: u32,
    y: String,
    height: String,
}

#[derive(Serialize)]
pub struct Column {
    /// `Overdue`, `December 2026`: the table's row header and the bar's title.
    name: String,
    /// The label under the bar, and the year under it (the first month and each January).
    label: String,
    year: Option<String>,
    overdue: bool,
    counts: Counts,
    total: usize,
    /// What the bar's `<title>` says.
    title: String,
    /// Centre of the column, for the labels.
    mid: u32,
    total_y: String,
    segments: Vec<Segment>,
}

#[derive(Serialize)]
pub struct TimelineView {
    /// The picture's summary for a screen reader (`aria-label`).
    summary: String,
    width: u32,
    height: u32,
    baseline: u32,
    label_y: u32,
    year_y: u32,
    columns: Vec<Column>,
    /// The overdue column's background.
    overdue_band: u32,
}

/// The timeline as the dashboard draws it, in the interface language: bars scaled to the
/// fullest column.
pub fn view(t: &Timeline, lang: &Lang) -> TimelineView {
    let words = Words {
        lang,
        separator: lang.text("dash-due-separator").into_owned(),
        nothing: lang.text("dash-due-nothing").into_owned(),
    };
    let mut columns: Vec<(String, String, Option<String>, bool, Counts)> = vec![(
        lang.text("dash-overdue").into_owned(),
        lang.text("dash-overdue-short").into_owned(),
        None,
        true,
        t.overdue,
    )];
    for (i, c) in t.months.iter().enumerate() {
        let m = t.month(i);
        let year = (i == 0 || m.month() == 1).then(|| m.year().to_string());
        columns.push((
            words.month_year(m),
            lang.with("dash-month-short", "m", m.month()),
            year,
            false,
            *c,
        ));
    }
    let max = columns
        .iter()
        .map(|c| c.4.total())
        .max()
        .unwrap_or(0)
        .max(1);
    // Bars are scaled to the fullest column, as a float written with one decimal so the
    // output is the same on every machine.
    let unit = f64::from(PLOT) / max as f64;
    let baseline = TOP + PLOT;
    let columns: Vec<Column> = (0u32..)
        .zip(columns)
        .map(|(i, (name, label, year, overdue, counts))| {
            let x = LEFT + i * COLUMN;
            let mut top = f64::from(baseline);
            let mut segments = Vec::new();
            for (class, n) in [
                ("tl-documents", counts.documents),
                ("tl-risks", counts.risks),
                ("tl-exceptions", counts.exceptions),
            ] {
                if n == 0 {
                    continue;
                }
                let h = n as f64 * unit;
                top -= h;
                segments.push(Segment {
                    class,
                    x: x + (COLUMN - BAR) / 2,
                    width: BAR,
                    y: format!("{top:.1}"),
                    height: format!("{h:.1}"),
                });
            }
            let mut args = FluentArgs::new();
            args.set("when", name.clone());
            args.set("items", words.parts(&counts, overdue));
            let title = lang.fmt("dash-due-title", &args);
            Column {
                total: counts.total(),
                total_y: format!("{:.1}", top - 5.0),
                title,
                name,
                label,
                year,
                overdue,
                counts,
                mid: x + COLUMN / 2,
                segments,
            }
        })
        .collect();
    let first = t.month(0);
    let last = t.month(MONTHS - 1);
    let ahead = t.months.iter().fold(Counts::default(), |a, c| Counts {
        documents: a.documents + c.documents,
        risks: a.risks + c.risks,
        exceptions: a.exceptions + c.exceptions,
    });
    let mut args = FluentArgs::new();
    args.set("overdue", words.parts(&t.overdue, true));
    args.set("from", words.month_year(first));
    args.set("to", words.month_year(last));
    args.set("ahead", words.parts(&ahead, false));
    let summary = lang.fmt("dash-due-summary", &args);
    TimelineView {
        summary,
        width: LEFT * 2 + COLUMN * (MONTHS as u32 + 1),
        height: baseline + LABELS,
        baseline,
        label_y: baseline + 15,
        year_y: baseline + 29,
        overdue_band: COLUMN,
        columns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn on(y: i16, m: i8, d: i8) -> Due {
        Due::On(date(y, m, d))
    }

    #[test]
    fn items_land_in_their_calendar_month_from_the_builds_month() {
        let today = date(2026, 3, 15);
        let t = count(
            today,
            [
                // Today and later this month: the first month, not overdue.
                (Kind::Document, on(2026, 3, 15)),
                (Kind::Exception, on(2026, 3, 31)),
                (Kind::Risk, on(2026, 4, 1)),
                (Kind::Document, on(2026, 4, 30)),
                (Kind::Document, on(2026, 5, 1)),
            ],
        );
        assert_eq!(t.start, date(2026, 3, 1));
        assert_eq!(t.overdue, Counts::default());
        assert_eq!(
            t.months[0],
            Counts {
                documents: 1,
                risks: 0,
                exceptions: 1
            }
        );
        assert_eq!(
            t.months[1],
            Counts {
                documents: 1,
                risks: 1,
                exceptions: 0
            }
        );
        assert_eq!(t.months[2].documents, 1);
        assert!(t.months[3..].iter().all(|c| c.total() == 0));
    }

    #[test]
    fn the_year_rolls_over() {
        let today = date(2026, 11, 29);
        let t = count(
            today,
            [
                (Kind::Document, on(2026, 12, 31)),
                (Kind::Risk, on(2027, 1, 1)),
                (Kind::Exception, on(2027, 10, 31)),
            ],
        );
        assert_eq!(t.months[1].documents, 1);
        assert_eq!(t.months[2].risks, 1);
        // November 2026 is month 0, so October 2027 is month 11, the last.
        assert_eq!(t.months[11].exceptions, 1);
        assert_eq!(t.month(2), date(2027, 1, 1));
        assert_eq!(t.month(11), date(2027, 10, 1));
    }

    #[test]
    fn everything_past_due_is_overdue_whatever_its_month() {
        let today = date(2027, 1, 10);
        let t = count(
            today,
            [
                // Earlier this month, last year, long ago: all overdue, none in a month.
                (Kind::Document, on(2027, 1, 9)),
                (Kind::Risk, on(2026, 12, 31)),
                (Kind::Risk, Due::Overdue),
                (Kind::Exception, on(2019, 5, 1)),
            ],
        );
        assert_eq!(
            t.overdue,
            Counts {
                documents: 1,
                risks: 2,
                exceptions: 1
            }
        );
        assert!(t.months.iter().all(|c| c.total() == 0));
    }

    #[test]
    fn items_twelve_months_on_or_later_are_left_out() {
        let today = date(2026, 11, 29);
        let t = count(
            today,
            [
                (Kind::Document, on(2027, 10, 31)),
                (Kind::Document, on(2027, 11, 1)),
                (Kind::Risk, on(2030, 1, 1)),
                (Kind::Exception, Due::On(Date::MAX)),
            ],
        );
        let all: usize = t.months.iter().map(Counts::total).sum();
        assert_eq!(all, 1);
        assert_eq!(t.months[11].documents, 1);
        assert_eq!(t.overdue.total(), 0);
    }

    #[test]
    fn the_view_has_the_overdue_column_first_and_says_what_each_bar_holds() {
        let t = count(
            date(2026, 12, 5),
            [
                (Kind::Document, on(2026, 11, 1)),
                (Kind::Exception, on(2026, 12, 4)),
                (Kind::Risk, on(2027, 1, 20)),
                (Kind::Risk, on(2027, 1, 21)),
            ],
        );
        let v = view(&t, &Lang::english());
        assert_eq!(v.columns.len(), 13);
        let names: Vec<&str> = v.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names[..3],
            ["Overdue", "December 2026", "January 2027"],
            "{names:?}"
        );
        assert_eq!(
            v.columns[0].title,
            "Overdue: 1 document review, 1 expired exception"
        );
        assert_eq!(v.columns[2].title, "January 2027: 2 risk reviews");
        assert_eq!(v.columns[1].title, "December 2026: nothing");
        // The year under the first month and under January only.
        let years: Vec<Option<&str>> = v.columns.iter().map(|c| c.year.as_deref()).collect();
        assert_eq!(years[1..3], [Some("2026"), Some("2027")]);
        assert!(years[3..].iter().all(Option::is_none));
        // The fullest columns reach the top of the plot.
        assert_eq!(v.columns[2].segments.len(), 1);
        assert_eq!(v.columns[2].segments[0].y, format!("{:.1}", f64::from(TOP)));
        assert_eq!(
            v.summary,
            "What falls due: overdue now, 1 document review, 1 expired exception; from December 2026 to November 2027, 2 risk reviews."
        );
    }

    #[test]
    fn the_view_speaks_the_interface_language() {
        let t = count(
            date(2026, 12, 5),
            [
                (Kind::Document, on(2026, 11, 1)),
                (Kind::Document, on(2026, 12, 20)),
                (Kind::Document, on(2026, 12, 21)),
                (Kind::Exception, on(2027, 3, 4)),
            ],
        );
        let de = Lang::load("de", None).unwrap();
        let v = view(&t, &de);
        assert_eq!(v.columns[0].name, "Überfällig");
        assert_eq!(v.columns[0].title, "Überfällig: 1 Dokumentüberprüfung");
        assert_eq!(v.columns[1].title, "Dezember 2026: 2 Dokumentüberprüfungen");
        assert_eq!(v.columns[2].title, "Januar 2027: nichts");
        assert_eq!(v.columns[4].label, "Mär");
        assert!(de.missing().is_empty(), "{:?}", de.missing());
        let ja = Lang::load("ja", None).unwrap();
        let v = view(&t, &ja);
        assert_eq!(v.columns[4].title, "2027年3月：例外の期限 1 件");
        assert_eq!(v.columns[4].label, "3月");
        assert_eq!(
            v.summary,
            "今後の期限。期限超過：文書レビュー 1 件。2026年12月〜2027年11月：文書レビュー 2 件、例外の期限 1 件。"
        );
    }
}
