//! What ismsbook's own `soa.csv` and `soa.xlsx` write, in every shipped language: the column
//! headers, yes and no, the implementation statuses, the justification of a control without
//! one and the risks it treats. Read from the shipped language files themselves, so an SoA
//! exported in any of them reads back unchanged and the two can never drift apart.

use super::columns::{Header, Role};
use super::values::{words, YesNo};
use crate::i18n::{Lang, SHIPPED};
use crate::model::soa::ImplStatus;
use crate::render::soa::{impl_key, HEADER_KEYS};
use std::sync::OnceLock;

/// What adopt does with each column of the export, in `HEADER_KEYS` order: the theme, owners,
/// next review and exceptions are the handbook's to say, not the SoA's.
const ROLES: [Header; 10] = [
    Header::Role(Role::Control),
    Header::NotImported,
    Header::Role(Role::Title),
    Header::Role(Role::Applicable),
    Header::Role(Role::Justification),
    Header::Role(Role::Status),
    Header::Role(Role::Documents),
    Header::NotImported,
    Header::NotImported,
    Header::NotImported,
];

const STATUSES: [ImplStatus; 4] = [
    ImplStatus::Implemented,
    ImplStatus::Partial,
    ImplStatus::Planned,
    ImplStatus::NotImplemented,
];

#[derive(Default)]
struct Own {
    /// Headers as [`words`] reads them.
    headers: Vec<(String, Header)>,
    yes_no: Vec<(String, YesNo)>,
    statuses: Vec<(String, ImplStatus)>,
    /// The justification the export writes for a control without one, as written.
    derived: Vec<String>,
    /// "Treats R-01, R-07": the text before and after the risk ids.
    treats: Vec<(String, String)>,
}

fn own() -> &'static Own {
    static OWN: OnceLock<Own> = OnceLock::new();
    OWN.get_or_init(|| {
        let mut own = Own::default();
        // A shipped file that does not load fails the build's own tests; adopt reads the
        // others.
        for lang in SHIPPED
            .iter()
            .filter_map(|(tag, _)| Lang::load(tag, None).ok())
        {
            for (key, role) in HEADER_KEYS.iter().zip(ROLES) {
                own.headers.push((words(&lang.text(key)), role));
            }
            own.yes_no.push((words(&lang.text("ctl-yes")), YesNo::Yes));
            own.yes_no.push((words(&lang.text("ctl-no")), YesNo::No));
            for s in STATUSES {
                own.statuses.push((words(&lang.text(impl_key(s))), s));
            }
            own.derived
                .push(lang.text("ctl-soa-derived").trim().to_owned());
            // A character no id has marks where the ids go.
            let marked = lang.with("ctl-soa-treats", "risks", "\u{1}");
            if let Some((before, after)) = marked.split_once('\u{1}') {
                if !before.trim().is_empty() {
                    own.treats.push((before.to_owned(), after.to_owned()));
                }
            }
        }
        own
    })
}

/// What a header of the export says of its column (`w` as [`words`] reads the cell).
pub fn header(w: &str) -> Option<Header> {
    own().headers.iter().find(|(h, _)| h == w).map(|(_, r)| *r)
}

/// The export's yes or no (`w` as [`words`] reads the cell): `Ja`, `適用除外`.
pub fn yes_no(w: &str) -> Option<YesNo> {
    own().yes_no.iter().find(|(t, _)| t == w).map(|(_, v)| *v)
}

/// The export's name of a status (`w` as [`words`] reads the cell): `Teilweise umgesetzt`.
pub fn status(w: &str) -> Option<ImplStatus> {
    own().statuses.iter().find(|(t, _)| t == w).map(|(_, s)| *s)
}

/// Whether `text` is the justification the export writes for a control without one.
pub fn is_derived(text: &str) -> bool {
    let text = text.trim().trim_end_matches(['.', '。']);
    own().derived.iter().any(|d| d == text)
}

/// Where the risks the export adds after a justification begin ("Treats R-01, R-07", in any
/// shipped language), when `text` ends with them.
pub fn treats_at(text: &str) -> Option<usize> {
    own().treats.iter().find_map(|(before, after)| {
        let body = text.strip_suffix(after.as_str())?;
        body.rmatch_indices(before.as_str())
            .map(|(i, _)| i)
            // After a space, or straight after a Japanese full stop.
            .find(|&i| i == 0 || body[..i].ends_with([' ', '。']))
            .filter(|&i| {
                let ids = &body[i + before.len()..];
                ids.split(", ")
                    .all(|id| !id.is_empty() && !id.contains(char::is_whitespace))
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_says_its_own_words() {
        assert_eq!(
            header(&words("Umsetzende Dokumente")),
            Some(Header::Role(Role::Documents))
        );
        assert_eq!(header(&words("実施状況")), Some(Header::Role(Role::Status)));
        assert_eq!(header(&words("Thème")), Some(Header::NotImported));
        assert_eq!(yes_no(&words("適用除外")), Some(YesNo::No));
        assert_eq!(yes_no(&words("Sí")), Some(YesNo::Yes));
        assert_eq!(
            status(&words("Teilweise umgesetzt")),
            Some(ImplStatus::Partial)
        );
        assert_eq!(status(&words("計画中")), Some(ImplStatus::Planned));
        assert!(is_derived("Umgesetzt durch die aufgeführten Dokumente."));
        assert!(is_derived("Implemented by the documents listed"));
        assert_eq!(
            treats_at("Vertraglich gefordert. Behandelt R-01, R-07"),
            Some(23)
        );
        assert_eq!(treats_at("対応リスク R-01"), Some(0));
        assert_eq!(treats_at("契約。対応リスク R-01"), Some("契約。".len()));
        assert!(is_derived("記載の文書により実施。"));
        assert_eq!(treats_at("Behandelt Wechseldatenträger als Werte"), None);
    }

    #[test]
    fn no_word_means_two_things_in_two_languages() {
        let o = own();
        for (w, r) in &o.headers {
            for (w2, r2) in &o.headers {
                assert!(w != w2 || r == r2, "header {w:?} is {r:?} and {r2:?}");
            }
        }
        for (w, s) in &o.statuses {
            assert!(
                o.statuses.iter().all(|(w2, s2)| w != w2 || s == s2),
                "{w:?}"
            );
        }
        for (w, v) in &o.yes_no {
            assert!(o.yes_no.iter().all(|(w2, v2)| w != w2 || v == v2), "{w:?}");
        }
        // Every language was read.
        assert_eq!(o.derived.len(), SHIPPED.len());
        assert_eq!(o.treats.len(), SHIPPED.len());
    }
}
