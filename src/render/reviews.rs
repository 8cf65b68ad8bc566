//! Review calendar (`reviews.html`, `reviews.ics`) and owners (`owners.html`): who must review
//! what, and when.

use super::parts::Rows;
use super::site::{href, DocRef, Site};
use crate::i18n::Lang;
use crate::model::{DocIdx, Document, ReviewState};
use crate::source::meta::Status;
use crate::source::scan::slug;
use fluent_bundle::FluentArgs;
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

    fn label(self, lang: &Lang) -> String {
        lang.text(match self {
            Bucket::Overdue => "doc-reviews-overdue",
            Bucket::Within30 => "doc-reviews-due-30",
            Bucket::Within90 => "doc-reviews-due-90",
            Bucket::Later => "doc-reviews-later",
            Bucket::Unscheduled => "doc-reviews-unscheduled",
        })
        .into_owned()
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

/// Groups the documents without an owner (and names their anchor, the same in every
/// language); readers see [`owner_name`].
const NO_OWNER: &str = "(no owner)";

fn owner_of(d: &Document) -> &str {
    d.src.meta.owner().unwrap_or(NO_OWNER)
}

/// An owner as readers see it: "(no owner)" in the interface language.
fn owner_name(lang: &Lang, owner: &str) -> String {
    if owner == NO_OWNER {
        lang.text("doc-no-owner").into_owned()
    } else {
        owner.to_owned()
    }
}

/// `key`'s text with `args`, HTML-escaped, with `html` (a link, a command) where the text
/// puts `$slot`: each language places the markup where its sentence wants it.
pub(super) fn text_around(
    lang: &Lang,
    key: &str,
    mut args: FluentArgs,
    slot: &str,
    html: &str,
) -> String {
    // A private-use character: no translation or date contains it.
    const MARK: &str = "\u{E000}";
    args.set(slot.to_owned(), MARK);
    super::escape::text(&lang.fmt(key, &args)).replacen(MARK, html, 1)
}

#[derive(Serialize)]
pub struct ReviewsPage {
    /// "Reviews judged as of …", with the link to reviews.ics (escaped HTML).
    lead_html: String,
    buckets: Vec<BucketView>,
    owners: Vec<OwnerSummary>,
}

#[derive(Serialize)]
struct BucketView {
    key: &'static str,
    label: String,
    count: usize,
    /// Where its rows go (reviews-row.hbs, a [`ReviewRow`] each).
    rows_html: String,
}

#[derive(Serialize)]
pub struct ReviewRow<'a> {
    doc: DocRef<'a>,
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

/// `reviews.html`: the reviewed documents by when their review falls, and a line per owner.
pub fn page<'a>(site: &'a Site, page: &str) -> (ReviewsPage, Rows<ReviewRow<'a>>) {
    let docs = reviewed(site);
    let anchors = owner_anchors(docs.iter().map(|(_, d)| owner_of(d)));
    let mut in_bucket: Vec<Vec<ReviewRow>> = Bucket::ALL.iter().map(|_| Vec::new()).collect();
    // Per owner (in the order of `anchors`): documents in each bucket.
    let mut per_owner: BTreeMap<&str, [usize; Bucket::ALL.len()]> = BTreeMap::new();
    for &(i, d) in &docs {
        let b = Bucket::of(d);
        per_owner.entry(owner_of(d)).or_default()[b as usize] += 1;
        in_bucket[b as usize].push(ReviewRow {
            doc: site.doc_ref(page, i),
            owner_href: href(
                page,
                "owners.html",
                anchors.get(owner_of(d)).map(String::as_str),
            ),
            when: site
                .review_badge(i)
                .map(|b| b.label.clone())
                .unwrap_or_else(|| site.lang.date_or_dash(d.review.next)),
        });
    }
    let mut rows = Rows::default();
    let buckets = Bucket::ALL
        .iter()
        .zip(in_bucket)
        .map(|(&b, list)| BucketView {
            key: b.key(),
            label: b.label(site.lang),
            count: list.len(),
            rows_html: rows.push(list),
        })
        .collect();
    let owners = anchors
        .iter()
        .map(|(&name, anchor)| {
            let count = per_owner.get(name).copied().unwrap_or_default();
            OwnerSummary {
                name: owner_name(site.lang, name),
                href: href(page, "owners.html", Some(anchor)),
                overdue: count[Bucket::Overdue as usize],
                due_30: count[Bucket::Within30 as usize],
                due_90: count[Bucket::Within90 as usize],
                total: count.iter().sum(),
            }
        })
        .collect();
    let mut args = FluentArgs::new();
    args.set("date", site.lang.date(site.hb.today));
    let link = format!(
        "<a href=\"{}\">reviews.ics</a>",
        super::escape::text(&href(page, "reviews.ics", None))
    );
    let view = ReviewsPage {
        lead_html: text_around(site.lang, "doc-reviews-lead", args, "link", &link),
        buckets,
        owners,
    };
    (view, rows)
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
    /// Where their documents go (owners-row.hbs, a [`DocRef`] each).
    rows_html: String,
}

/// `owners.html`: each owner's published documents, by id.
pub fn owners<'a>(site: &'a Site, page: &str) -> (OwnersPage, Rows<DocRef<'a>>) {
    let docs: Vec<(DocIdx, &Document)> = site.documents().collect();
    let anchors = owner_anchors(docs.iter().map(|(_, d)| owner_of(d)));
    let mut by_owner: BTreeMap<&str, Vec<(DocIdx, &Document)>> = BTreeMap::new();
    for &(i, d) in &docs {
        by_owner.entry(owner_of(d)).or_default().push((i, d));
    }
    let mut rows = Rows::default();
    let owners = anchors
        .iter()
        .map(|(&name, anchor)| {
            let mut mine = by_owner.remove(name).unwrap_or_default();
            mine.sort_by(|(_, a), (_, b)| a.id.cmp(&b.id));
            let state = |s: ReviewState| mine.iter().filter(|(_, d)| d.review.state == s).count();
            OwnerView {
                name: owner_name(site.lang, name),
                anchor: anchor.clone(),
                count: mine.len(),
                overdue: state(ReviewState::Overdue),
                due_soon: state(ReviewState::DueSoon),
                rows_html: rows.push(mine.iter().map(|&(i, _)| site.doc_ref(page, i)).collect()),
            }
        })
        .collect();
    (OwnersPage { owners }, rows)
}

/// `reviews.ics` (RFC 5545): one all-day event per scheduled review. UIDs derive from the
/// document id, so a subscribed calendar updates events instead of duplicating them.
pub fn ics(site: &Site) -> String {
    let hb = site.hb;
    let lang = site.lang;
    // Our texts in a calendar app: the language they are in (RFC 5545 3.2.10), so a client
    // can pick a spell checker or a voice. English, the default, says none, as it always has.
    let in_lang = if lang.tag() == crate::i18n::DEFAULT {
        String::new()
    } else {
        format!(";LANGUAGE={}", lang.tag())
    };
    let fmt = |key: &str, pairs: &[(&str, &str)]| {
        let mut args = FluentArgs::new();
        for (name, value) in pairs {
            args.set(*name, (*value).to_owned());
        }
        lang.fmt(key, &args)
    };
    // Labels of the description lines, once per file.
    let owner_label = lang.text("doc-owner");
    let document_label = lang.text("doc-document");
    let version_label = lang.text("doc-version");
    let controls_label = lang.text("nav-controls");
    let file_label = lang.text("doc-ics-file");
    let exception_text = lang.text("doc-ics-exception-text");
    let review_category = text(&lang.text("doc-ics-category-review"));
    let exception_category = text(&lang.text("doc-ics-category-exception"));
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
        text(&fmt("doc-ics-calendar", &[("title", &hb.config.title)]))
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
            "SUMMARY{in_lang}:{}",
            text(&fmt(
                "doc-ics-review",
                &[("id", &d.id), ("title", &d.title)]
            ))
        ));
        let mut desc = format!(
            "{owner_label}: {}\n{document_label}: {}",
            owner_name(lang, owner_of(d)),
            d.src.path
        );
        if let Some(v) = &d.src.meta.version {
            let _ = write!(desc, "\n{version_label}: {v}");
        }
        line(&format!("DESCRIPTION{in_lang}:{}", text(&desc)));
        if let Some(base) = &hb.config.base_url {
            line(&format!(
                "URL:{}{}",
                base.trim_end_matches('/').to_owned() + "/",
                d.url
            ));
        }
        line(&format!("CATEGORIES{in_lang}:{review_category}"));
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
            "SUMMARY{in_lang}:{}",
            text(&fmt(
                "doc-ics-exception",
                &[("id", &e.id), ("title", &e.title)]
            ))
        ));
        let controls: Vec<&str> = e.controls.iter().map(|c| c.raw.as_str()).collect();
        let mut desc = format!(
            "{exception_text}\n{controls_label}: {}",
            controls.join(", ")
        );
        for (key, value) in [
            ("doc-ics-scope", &e.scope),
            ("doc-ics-approver", &e.approver),
        ] {
            if let Some(v) = value {
                let _ = write!(desc, "\n{}: {v}", lang.text(key));
            }
        }
        let _ = write!(
            desc,
            "\n{file_label}: {}",
            crate::model::exceptions::FILE_NAME
        );
        line(&format!("DESCRIPTION{in_lang}:{}", text(&desc)));
        if let Some(base) = &hb.config.base_url {
            line(&format!(
                "URL:{}{}",
                base.trim_end_matches('/').to_owned() + "/",
                super::exceptions::PAGE
            ));
        }
        line(&format!("CATEGORIES{in_lang}:{exception_category}"));
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
    fn markup_goes_where_the_translation_puts_it_and_the_text_is_escaped() {
        let de = Lang::load("de", None).unwrap();
        let mut args = FluentArgs::new();
        args.set("date", "06.12.2026");
        let html = text_around(&de, "doc-reviews-lead", args, "link", "<a href=\"x\">x</a>");
        assert!(
            html.starts_with(
                "Überprüfungen mit Stand 06.12.2026. Abonnieren Sie <a href=\"x\">x</a> in"
            ),
            "{html}"
        );
        // A date (or any argument) is text: it cannot add markup.
        let mut args = FluentArgs::new();
        args.set("date", "<b>");
        let html = text_around(&de, "doc-reviews-lead", args, "link", "");
        assert!(html.contains("Stand &lt;b&gt;."), "{html}");
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
