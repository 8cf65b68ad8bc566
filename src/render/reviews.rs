//! Review calendar (`reviews.html`, `reviews.ics`) and owners (`owners.html`): who must review
//! what, and when.

use super::site::{doc_ref, href, review_badge, DocRef, Site};
use crate::model::{DocIdx, Document, ReviewState};
use crate::source::meta::Status;
use crate::source::scan::slug;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;

/// When a review falls, relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Bucket {
    Overdue,
    Within30,
    Within90,
    Later,
    Unscheduled,
}

impl Bucket {
    const ALL: [Bucket; 5] = [
        Bucket::Overdue,
        Bucket::Within30,
        Bucket::Within90,
        Bucket::Later,
        Bucket::Unscheduled,
    ];

    fn of(d: &Document) -> Bucket {
        match d.review.days_left {
            None => Bucket::Unscheduled,
            Some(n) if n < 0 => Bucket::Overdue,
            Some(n) if n <= 30 => Bucket::Within30,
            Some(n) if n <= 90 => Bucket::Within90,
            Some(_) => Bucket::Later,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Bucket::Overdue => "overdue",
            Bucket::Within30 => "due-30",
            Bucket::Within90 => "due-90",
            Bucket::Later => "later",
            Bucket::Unscheduled => "unscheduled",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Bucket::Overdue => "Overdue",
            Bucket::Within30 => "Due in the next 30 days",
            Bucket::Within90 => "Due in 31 to 90 days",
            Bucket::Later => "Later",
            Bucket::Unscheduled => "No review date",
        }
    }
}

/// Documents that are reviewed: published and not retired, soonest first.
fn reviewed<'a>(site: &'a Site) -> Vec<(DocIdx, &'a Document)> {
    let mut docs: Vec<(DocIdx, &Document)> = site
        .documents()
        .filter(|(_, d)| {
            d.review.state != ReviewState::NotDue && d.status() != Some(Status::Retired)
        })
        .collect();
    docs.sort_by(|(_, a), (_, b)| {
        (a.review.next.is_none(), a.review.next, &a.id).cmp(&(
            b.review.next.is_none(),
            b.review.next,
            &b.id,
        ))
    });
    docs
}

/// Owner names → anchors on `owners.html`, unique and stable.
fn owner_anchors<'a>(names: impl Iterator<Item = &'a str>) -> BTreeMap<&'a str, String> {
    let mut used = HashSet::new();
    let mut out = BTreeMap::new();
    let mut names: Vec<&str> = names.collect();
    names.sort_by_key(|n| (n.to_lowercase(), *n));
    names.dedup();
    for name in names {
        let base = format!("owner-{}", slug(name));
        let anchor = (0..)
            .map(|n| {
                if n == 0 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                }
            })
            .find(|a| used.insert(a.clone()))
            .unwrap_or(base);
        out.insert(name, anchor);
    }
    out
}

const NO_OWNER: &str = "(no owner)";

fn owner_of(d: &Document) -> &str {
    d.src.meta.owner().unwrap_or(NO_OWNER)
}

#[derive(Serialize)]
pub struct ReviewsPage {
    buckets: Vec<BucketView>,
    owners: Vec<OwnerSummary>,
}

#[derive(Serialize)]
struct BucketView {
    key: &'static str,
    label: &'static str,
    count: usize,
    rows: Vec<ReviewRow>,
}

#[derive(Serialize)]
struct ReviewRow {
    doc: DocRef,
    owner_href: String,
    when: String,
}

#[derive(Serialize)]
struct OwnerSummary {
    name: String,
    href: String,
    overdue: usize,
    due_30: usize,
    due_90: usize,
    total: usize,
}

pub fn page(site: &Site, page: &str) -> ReviewsPage {
    let docs = reviewed(site);
    let anchors = owner_anchors(docs.iter().map(|(_, d)| owner_of(d)));
    let buckets = Bucket::ALL
        .iter()
        .map(|&b| {
            let rows: Vec<ReviewRow> = docs
                .iter()
                .filter(|(_, d)| Bucket::of(d) == b)
                .map(|&(i, d)| ReviewRow {
                    doc: doc_ref(site.hb, site.lang, page, i),
                    owner_href: href(
                        page,
                        "owners.html",
                        anchors.get(owner_of(d)).map(String::as_str),
                    ),
                    when: review_badge(site.lang, d)
                        .map(|b| b.label)
                        .unwrap_or_else(|| site.lang.date_or_dash(d.review.next)),
                })
                .collect();
            BucketView {
                key: b.key(),
                label: b.label(),
                count: rows.len(),
                rows,
            }
        })
        .collect();
    let owners = anchors
        .iter()
        .map(|(&name, anchor)| {
            let mine: Vec<Bucket> = docs
                .iter()
                .filter(|(_, d)| owner_of(d) == name)
                .map(|(_, d)| Bucket::of(d))
                .collect();
            let count = |b: Bucket| mine.iter().filter(|&&x| x == b).count();
            OwnerSummary {
                name: name.to_owned(),
                href: href(page, "owners.html", Some(anchor)),
                overdue: count(Bucket::Overdue),
                due_30: count(Bucket::Within30),
                due_90: count(Bucket::Within90),
                total: mine.len(),
            }
        })
        .collect();
    ReviewsPage { buckets, owners }
}

#[derive(Serialize)]
pub struct OwnersPage {
    owners: Vec<OwnerView>,
}

#[derive(Serialize)]
struct OwnerView {
    name: String,
    anchor: String,
    count: usize,
    overdue: usize,
    due_soon: usize,
    documents: Vec<DocRef>,
}

pub fn owners(site: &Site, page: &str) -> OwnersPage {
    let docs: Vec<(DocIdx, &Document)> = site.documents().collect();
    let anchors = owner_anchors(docs.iter().map(|(_, d)| owner_of(d)));
    OwnersPage {
        owners: anchors
            .iter()
            .map(|(&name, anchor)| {
                let mut mine: Vec<&(DocIdx, &Document)> =
                    docs.iter().filter(|(_, d)| owner_of(d) == name).collect();
                mine.sort_by(|(_, a), (_, b)| a.id.cmp(&b.id));
                let state =
                    |s: ReviewState| mine.iter().filter(|(_, d)| d.review.state == s).count();
                OwnerView {
                    name: name.to_owned(),
                    anchor: anchor.clone(),
                    count: mine.len(),
                    overdue: state(ReviewState::Overdue),
                    due_soon: state(ReviewState::DueSoon),
                    documents: mine
                        .iter()
                        .map(|&&(i, _)| doc_ref(site.hb, site.lang, page, i))
                        .collect(),
                }
            })
            .collect(),
    }
}

/// `reviews.ics` (RFC 5545): one all-day event per scheduled review. UIDs derive from the
/// document id, so a subscribed calendar updates events instead of duplicating them.
pub fn ics(site: &Site) -> String {
    let hb = site.hb;
    let domain = hb
        .config
        .organisation
        .as_deref()
        .map(slug)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "ismsbook".into());
    let mut out = String::new();
    let mut line = |s: &str| fold(&mut out, s);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!(
        "PRODID:-//ismsbook//ismsbook {}//EN",
        env!("CARGO_PKG_VERSION")
    ));
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!(
        "X-WR-CALNAME:{}",
        text(&format!("{} reviews", hb.config.title))
    ));
    // DTSTAMP is required; the build date (not the clock) keeps the file reproducible.
    let stamp = format!("{}T000000Z", compact(hb.today));
    for (_, d) in reviewed(site) {
        let Some(next) = d.review.next else { continue };
        line("BEGIN:VEVENT");
        line(&format!("UID:review-{}@{domain}", text(&d.id)));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;VALUE=DATE:{}", compact(next)));
        line(&format!(
            "DTEND;VALUE=DATE:{}",
            compact(next.tomorrow().unwrap_or(next))
        ));
        line(&format!(
            "SUMMARY:{}",
            text(&format!("Review {} {}", d.id, d.title))
        ));
        let mut desc = format!("Owner: {}\nDocument: {}", owner_of(d), d.src.path);
        if let Some(v) = &d.src.meta.version {
            let _ = write!(desc, "\nVersion: {v}");
        }
        line(&format!("DESCRIPTION:{}", text(&desc)));
        if let Some(base) = &hb.config.base_url {
            line(&format!(
                "URL:{}{}",
                base.trim_end_matches('/').to_owned() + "/",
                d.url
            ));
        }
        line("CATEGORIES:ISMS review");
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    // Each exception's last valid day: renew it or close it by then. The UID derives from its
    // id, so a renewal moves the event.
    for e in &hb.exceptions {
        let Some(expires) = e.expires else { continue };
        line("BEGIN:VEVENT");
        line(&format!("UID:exception-{}@{domain}", text(&e.id)));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;VALUE=DATE:{}", compact(expires)));
        line(&format!(
            "DTEND;VALUE=DATE:{}",
            compact(expires.tomorrow().unwrap_or(expires))
        ));
        line(&format!(
            "SUMMARY:{}",
            text(&format!("Exception {} expires: {}", e.id, e.title))
        ));
        let controls: Vec<&str> = e.controls.iter().map(|c| c.raw.as_str()).collect();
        let mut desc = format!(
            "Last valid day of the exception. Renew it with a new expiry and approval, or close it.\nControls: {}",
            controls.join(", ")
        );
        for (label, value) in [("Scope", &e.scope), ("Approver", &e.approver)] {
            if let Some(v) = value {
                let _ = write!(desc, "\n{label}: {v}");
            }
        }
        let _ = write!(desc, "\nFile: {}", crate::model::exceptions::FILE_NAME);
        line(&format!("DESCRIPTION:{}", text(&desc)));
        if let Some(base) = &hb.config.base_url {
            line(&format!(
                "URL:{}{}",
                base.trim_end_matches('/').to_owned() + "/",
                super::exceptions::PAGE
            ));
        }
        line("CATEGORIES:ISMS exception");
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

fn compact(d: jiff::civil::Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 3.3.11); other
/// control characters are not allowed in TEXT and are dropped.
fn text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace(['\n', '\r'], "\\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\t')
        .collect()
}

/// Content lines end in CRLF and are folded at 75 octets, never inside a UTF-8 character.
fn fold(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_on_char_boundaries() {
        let mut out = String::new();
        fold(&mut out, &format!("SUMMARY:{}", "é".repeat(60)));
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "é".repeat(60))
        );
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
