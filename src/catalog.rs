//! The control catalog (ISO/IEC 27001:2022 Annex A) and clause list, embedded from `schema/`.

use std::collections::HashMap;
use std::sync::OnceLock;

const ANNEX_A: &str = include_str!("../schema/iso27001-2022-annex-a.csv");
const MAPPING_2013: &str = include_str!("../schema/iso27001-2013-to-2022.csv");
const ATTRIBUTES: &str = include_str!("../schema/iso27001-2022-attributes.csv");
const CLAUSES: &str = include_str!("../schema/iso27001-2022-clauses.csv");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum ControlTheme {
    Organizational,
    People,
    Physical,
    Technological,
}

impl ControlTheme {
    pub const ALL: [ControlTheme; 4] = [
        ControlTheme::Organizational,
        ControlTheme::People,
        ControlTheme::Physical,
        ControlTheme::Technological,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ControlTheme::Organizational => "Organizational controls",
            ControlTheme::People => "People controls",
            ControlTheme::Physical => "Physical controls",
            ControlTheme::Technological => "Technological controls",
        }
    }

    /// The clause of Annex A the theme occupies (A.5 … A.8).
    pub fn number(self) -> u8 {
        match self {
            ControlTheme::Organizational => 5,
            ControlTheme::People => 6,
            ControlTheme::Physical => 7,
            ControlTheme::Technological => 8,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Control {
    /// Canonical id, `A.5.15`.
    pub id: String,
    pub theme: ControlTheme,
    pub title: String,
    /// ISO/IEC 27002:2022 attributes: control type, properties, concepts, capabilities, domains.
    pub attributes: Vec<(&'static str, Vec<String>)>,
}

#[derive(Debug, Clone)]
pub struct Clause {
    pub id: String,
    pub title: String,
    /// The clause explicitly requires documented information (or one of its sub-clauses does).
    pub requires_document: bool,
}

/// Index of a control in [`Catalog::controls`]; stable for the catalog's lifetime.
pub type ControlIdx = usize;

#[derive(Debug)]
pub struct Catalog {
    pub controls: Vec<Control>,
    pub clauses: Vec<Clause>,
    by_id: foldhash::HashMap<String, ControlIdx>,
    /// 2013 id (`A.9.2.1`) → 2022 ids.
    from_2013: HashMap<String, Vec<String>>,
}

/// Data lines of an embedded CSV: `#` comment lines removed, header kept.
fn csv_records(text: &str) -> Vec<csv::StringRecord> {
    let data: String = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    csv::Reader::from_reader(data.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .expect("embedded catalog CSV is valid (checked by tests)")
}

impl Catalog {
    /// The built-in ISO/IEC 27001:2022 catalog, parsed once.
    pub fn iso27001_2022() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(Catalog::parse)
    }

    fn parse() -> Catalog {
        let mut attributes: HashMap<String, Vec<(&'static str, Vec<String>)>> = HashMap::new();
        const ATTR_NAMES: [&str; 5] = [
            "Control type",
            "Information security properties",
            "Cybersecurity concepts",
            "Operational capabilities",
            "Security domains",
        ];
        for r in csv_records(ATTRIBUTES) {
            let values = (2..7)
                .map(|i| {
                    r[i].split(';')
                        .filter(|s| !s.is_empty())
                        .map(|s| s.replace('_', " "))
                        .collect()
                })
                .collect::<Vec<Vec<String>>>();
            attributes.insert(
                r[0].to_owned(),
                ATTR_NAMES.into_iter().zip(values).collect(),
            );
        }
        let controls: Vec<Control> = csv_records(ANNEX_A)
            .into_iter()
            .map(|r| Control {
                id: r[0].to_owned(),
                theme: match &r[1] {
                    "Organizational" => ControlTheme::Organizational,
                    "People" => ControlTheme::People,
                    "Physical" => ControlTheme::Physical,
                    _ => ControlTheme::Technological,
                },
                title: r[2].to_owned(),
                attributes: attributes.remove(&r[0]).unwrap_or_default(),
            })
            .collect();
        let by_id = controls
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let mut from_2013: HashMap<String, Vec<String>> = HashMap::new();
        for r in csv_records(MAPPING_2013) {
            if !r[0].is_empty() {
                from_2013
                    .entry(r[0].to_owned())
                    .or_default()
                    .push(r[2].to_owned());
            }
        }
        let clauses = csv_records(CLAUSES)
            .into_iter()
            .map(|r| Clause {
                id: r[0].to_owned(),
                title: r[1].to_owned(),
                requires_document: &r[2] == "yes",
            })
            .collect();
        Catalog {
            controls,
            clauses,
            by_id,
            from_2013,
        }
    }

    /// Looks up a control written `A.5.15`, `a.5.15` or `5.15`.
    pub fn find(&self, raw: &str) -> Option<ControlIdx> {
        // Most ids are written canonically; only the others need normalising (an allocation,
        // and this runs for every `[[ref]]` of every document).
        match self.by_id.get(raw) {
            Some(&i) => Some(i),
            None if raw.starts_with(|c: char| {
                c.is_ascii_digit() || c == 'a' || c == 'A' || c.is_whitespace()
            }) =>
            {
                self.by_id.get(&normalize_control_id(raw)).copied()
            }
            None => None,
        }
    }

    pub fn control(&self, idx: ControlIdx) -> &Control {
        &self.controls[idx]
    }

    /// The 2022 ids a 2013 control id became, if `raw` is a 2013 id.
    pub fn successors_2013(&self, raw: &str) -> Option<&[String]> {
        self.from_2013
            .get(&normalize_control_id(raw))
            .map(Vec::as_slice)
    }

    /// For an ISO/IEC 27001:2013 id, a hint naming its 2022 successors.
    pub fn hint_2013(&self, raw: &str) -> Option<String> {
        let new = self.successors_2013(raw)?;
        Some(format!(
            "{} is an ISO/IEC 27001:2013 control; in the 2022 edition it is {}",
            normalize_control_id(raw),
            new.join(" and ")
        ))
    }

    pub fn clause(&self, id: &str) -> Option<&Clause> {
        self.clauses.iter().find(|c| c.id == id)
    }
}

/// Control ids as written, canonical, sorted and without duplicates: what "the controls
/// changed" compares (`5.15` and `A.5.15` are the same control).
pub fn canonical_ids<'a>(raw: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    // A declared framework's id (`csf:PR.AA-01`) is no Annex A id to prefix with `A.`; its
    // prefix is matched ignoring case, so it is compared in one case.
    let canonical = |raw: &str| match crate::model::frameworks::qualified(raw) {
        Some((prefix, id)) => format!("{}:{id}", prefix.to_ascii_lowercase()),
        None => normalize_control_id(raw),
    };
    let mut ids: Vec<String> = raw.into_iter().map(canonical).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Canonical spelling of a control id: trims, upper-cases the `A`, adds a missing `A.` prefix.
pub fn normalize_control_id(raw: &str) -> String {
    let s = raw.trim();
    let rest = s
        .strip_prefix("A.")
        .or_else(|| s.strip_prefix("a."))
        .or_else(|| s.strip_prefix("A "))
        .unwrap_or(s);
    format!("A.{}", rest.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_ids_keep_other_frameworks_ids() {
        assert_eq!(
            canonical_ids(["5.15", " CSF : PR.AA-01", "csf:PR.AA-01", "a.5.1"]),
            ["A.5.1", "A.5.15", "csf:PR.AA-01"]
        );
    }

    #[test]
    fn catalog_has_93_controls_in_four_themes() {
        let c = Catalog::iso27001_2022();
        assert_eq!(c.controls.len(), 93);
        let count = |t| c.controls.iter().filter(|x| x.theme == t).count();
        assert_eq!(
            [
                count(ControlTheme::Organizational),
                count(ControlTheme::People),
                count(ControlTheme::Physical),
                count(ControlTheme::Technological)
            ],
            [37, 8, 14, 34]
        );
        assert!(c.controls.iter().all(|x| x.attributes.len() == 5));
    }

    #[test]
    fn ids_are_normalised() {
        let c = Catalog::iso27001_2022();
        assert_eq!(normalize_control_id("5.15"), "A.5.15");
        assert_eq!(normalize_control_id(" a.8.28 "), "A.8.28");
        assert_eq!(c.find("5.15"), c.find("A.5.15"));
        assert_eq!(c.control(c.find("8.28").unwrap()).title, "Secure coding");
        assert!(c.find("5.38").is_none());
    }

    #[test]
    fn maps_2013_ids() {
        let c = Catalog::iso27001_2022();
        assert_eq!(c.successors_2013("A.9.2.1").unwrap(), ["A.5.16"]);
        assert_eq!(c.successors_2013("18.2.3").unwrap(), ["A.5.36", "A.8.8"]);
        assert!(c.find("A.9.2.1").is_none());
    }

    #[test]
    fn clauses_requiring_documents() {
        let c = Catalog::iso27001_2022();
        let req: Vec<&str> = c
            .clauses
            .iter()
            .filter(|x| x.requires_document)
            .map(|x| x.id.as_str())
            .collect();
        assert_eq!(
            req,
            [
                "4.3", "5.2", "6.1.2", "6.1.3", "6.2", "7.2", "8.1", "8.2", "8.3", "9.1", "9.2",
                "9.3", "10.2"
            ]
        );
    }
}
