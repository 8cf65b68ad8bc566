//! The dashboard's timeline of what falls due: per calendar month of the next twelve, from the
//! build's day, the document reviews, risk reviews and exception expiries, after a first column
//! of everything already past due. Counted in one pass over the items; drawn as inline SVG that
//! needs no script, prints, follows the theme's colours and reads to a screen reader.

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

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(d: Date) -> &'static str {
    usize::try_from(d.month() - 1)
        .ok()
        .and_then(|i| MONTH_NAMES.get(i))
        .copied()
        .unwrap_or("")
}

/// `3 document reviews, 1 risk review, 2 exception expiries`, leaving out what is none.
fn parts(c: &Counts, expired: bool) -> String {
    let mut out = Vec::new();
    let mut part = |n: usize, one: &str, many: &str| {
        if n > 0 {
            out.push(format!("{n} {}", if n == 1 { one } else { many }));
        }
    };
    part(c.documents, "document review", "document reviews");
    part(c.risks, "risk review", "risk reviews");
    if expired {
        part(c.exceptions, "expired exception", "expired exceptions");
    } else {
        part(c.exceptions, "exception expiry", "exception expiries");
    }
    if out.is_empty() {
        "nothing".into()
    } else {
        out.join(", ")
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

/// The timeline as the dashboard draws it: bars scaled to the fullest column.
pub fn view(t: &Timeline) -> TimelineView {
    let mut columns: Vec<(String, String, Option<String>, bool, Counts)> =
        vec![("Overdue".into(), "Overdue".into(), None, true, t.overdue)];
    for (i, c) in t.months.iter().enumerate() {
        let m = t.month(i);
        let name = month_name(m);
        let year = (i == 0 || m.month() == 1).then(|| m.year().to_string());
        columns.push((
            format!("{name} {}", m.year()),
            name.chars().take(3).collect(),
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
            let title = format!("{name}: {}", parts(&counts, overdue));
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
    let summary = format!(
        "What falls due: overdue now, {}; from {} {} to {} {}, {}.",
        parts(&t.overdue, true),
        month_name(first),
        first.year(),
        month_name(last),
        last.year(),
        parts(&ahead, false),
    );
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
        let v = view(&t);
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
}
