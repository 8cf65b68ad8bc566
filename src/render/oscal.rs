//! `oscal/component-definition.json`: the handbook as an OSCAL 1.1.2 component definition, so
//! GRC tools (compliance-trestle, OSCAL-aware platforms) read which controls of which framework
//! the approved documents implement, with links to those documents.
//!
//! One component (type `policy`, the handbook) with one control implementation per framework
//! that has an implemented control: Annex A and each declared one. Only direct implementation
//! is exported: a control covered only via a mapping is left out, since a property marking it
//! derived is one a tool may ignore, and the control would then read as implemented. Every UUID
//! is a name-based (v5) one made from the handbook's title and the control, and the date is the
//! build's date, so the file is byte-stable for a given handbook, date and commit.

use super::fwdata::{self, Ctl};
use super::site::{href, Site};
use crate::error::Error;
use crate::model::frameworks::FwKey;
use crate::model::Handbook;
use serde::Serialize;
use uuid::Uuid;

pub const PATH: &str = "oscal/component-definition.json";
/// The namespace of ismsbook's own OSCAL properties.
pub const NS: &str = "https://ismsbook.dev/ns/oscal";
pub const OSCAL_VERSION: &str = "1.1.2";

/// Where the built-in catalogs are published as OSCAL; a control implementation's `source`.
const CSF_2_0_URL: &str = "https://raw.githubusercontent.com/usnistgov/oscal-content/main/nist.gov/CSF/v2.0/json/NIST_CSF_v2.0_catalog-min.json";
/// ISO/IEC 27001 has no public OSCAL catalog: the standard's URN (RFC 5141), edition 3 (2022).
const ANNEX_A_URN: &str = "urn:iso:std:iso-iec:27001:ed-3";

#[derive(Serialize)]
struct Root<'a> {
    #[serde(rename = "component-definition")]
    definition: Definition<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Definition<'a> {
    uuid: String,
    metadata: Metadata<'a>,
    components: Vec<Component>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Metadata<'a> {
    title: &'a str,
    last_modified: String,
    version: String,
    oscal_version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Component {
    uuid: String,
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
    description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    control_implementations: Vec<ControlImplementation>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ControlImplementation {
    uuid: String,
    source: String,
    description: String,
    props: Vec<Prop>,
    implemented_requirements: Vec<Requirement>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Requirement {
    uuid: String,
    control_id: String,
    description: String,
    props: Vec<Prop>,
    links: Vec<Link>,
}

#[derive(Serialize)]
struct Prop {
    name: &'static str,
    ns: &'static str,
    value: String,
}

#[derive(Serialize)]
struct Link {
    href: String,
    rel: &'static str,
    text: String,
}

fn prop(name: &'static str, value: &str) -> Option<Prop> {
    // OSCAL prop values are non-empty with no whitespace at either end.
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    (!value.is_empty()).then_some(Prop {
        name,
        ns: NS,
        value,
    })
}

/// An OSCAL token (`control-id`): a letter or `_`, then letters, digits, `.`, `-`, `_`. Catalog
/// ids are kept as written when they are one (`A.5.1`, `PR.AA-01`); others (`1.2 a`, from a
/// simple catalog) get `_` for each other character and in front of a leading digit, and a
/// `catalog-control-id` prop with the id as written.
pub fn token(id: &str) -> String {
    let mut out: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    out
}

/// The catalog a framework's control ids refer to.
fn source(hb: &Handbook, fw: FwKey) -> String {
    match fw {
        FwKey::AnnexA => ANNEX_A_URN.to_owned(),
        FwKey::Declared(i) => {
            let id = hb.frameworks.list.get(i).map(|f| f.id.as_str());
            let declared = hb
                .config
                .frameworks
                .iter()
                .find(|d| Some(d.id.as_str()) == id)
                .map(|d| d.catalog.trim().trim_start_matches("./"))
                .unwrap_or_default();
            match declared {
                "nist-csf-2.0" => CSF_2_0_URL.to_owned(),
                // A catalog file of the content folder, as ismsbook.toml names it.
                path => path.to_owned(),
            }
        }
    }
}

/// The OSCAL component definition, pretty-printed, in pieces (33 MB at 50,000 documents).
pub fn component_definition(site: &Site) -> Result<Vec<Vec<u8>>, Error> {
    let hb = site.hb;
    let title = hb.config.title.as_str();
    // Names under the handbook's own: two handbooks' files do not share UUIDs.
    let base = Uuid::new_v5(&Uuid::NAMESPACE_URL, NS.as_bytes());
    let handbook = Uuid::new_v5(
        &base,
        format!(
            "{title}\n{}",
            hb.config.base_url.as_deref().unwrap_or_default()
        )
        .as_bytes(),
    );
    let uuid = |name: &str| Uuid::new_v5(&handbook, name.as_bytes()).to_string();
    let doc_href = |d: usize| -> String {
        let url = &hb.documents[d].url;
        match hb.config.base_url.as_deref() {
            Some(b) => format!(
                "{}/{}",
                b.trim_end_matches('/'),
                href("index.html", url, None).trim_start_matches("./")
            ),
            None => href(PATH, url, None),
        }
    };
    let implementations: Vec<ControlImplementation> = fwdata::all(hb)
        .filter_map(|fw| {
            let (fw_id, fw_name) = hb.frameworks.describe(fw);
            let requirements: Vec<Requirement> = fwdata::controls(site, fw)
                .into_iter()
                .filter(|c| c.requirement && c.applicable)
                .filter_map(|c| requirement(site, fw_id, &c, &uuid, &doc_href))
                .collect();
            if requirements.is_empty() {
                // OSCAL wants at least one implemented requirement per implementation.
                return None;
            }
            Some(ControlImplementation {
                uuid: uuid(&format!("control-implementation/{fw_id}")),
                source: source(hb, fw),
                description: format!(
                    "{fw_name} controls implemented by the approved documents of {title}. Controls covered only through a mapping to another framework are not listed."
                ),
                props: prop("framework", fw_id).into_iter().collect(),
                implemented_requirements: requirements,
            })
        })
        .collect();
    let description = match hb.config.organisation.as_deref() {
        Some(org) => format!("The information security management system handbook of {org}: its approved policies, standards and procedures, and the controls they implement."),
        None => "The information security management system handbook: its approved policies, standards and procedures, and the controls they implement.".to_owned(),
    };
    let root = Root {
        definition: Definition {
            uuid: uuid("component-definition"),
            metadata: Metadata {
                title,
                last_modified: format!("{}T00:00:00Z", hb.today),
                version: site
                    .info
                    .version
                    .clone()
                    .unwrap_or_else(|| hb.today.to_string()),
                oscal_version: OSCAL_VERSION,
            },
            components: vec![Component {
                uuid: uuid("component"),
                kind: "policy",
                title: title.to_owned(),
                description,
                control_implementations: implementations,
            }],
        },
    };
    Ok(super::parts::Pieces::json_pretty(&root)?.into_vec())
}

/// The implemented requirement of one control, when a published approved document lists it.
fn requirement(
    site: &Site,
    fw_id: &str,
    c: &Ctl,
    uuid: &dyn Fn(&str) -> String,
    doc_href: &dyn Fn(usize) -> String,
) -> Option<Requirement> {
    let hb = site.hb;
    let docs: Vec<usize> = c
        .state
        .implemented_by
        .iter()
        .copied()
        .filter(|&d| site.is_published(d))
        .collect();
    if docs.is_empty() {
        return None;
    }
    let named: Vec<String> = docs
        .iter()
        .map(|&d| format!("{} {}", hb.documents[d].id, hb.documents[d].title))
        .collect();
    let control_id = token(c.id);
    let mut props: Vec<Prop> = Vec::new();
    if control_id != c.id {
        props.extend(prop("catalog-control-id", c.id));
    }
    props.extend(prop("coverage", "implemented"));
    if let Some(s) = c.state.status() {
        props.extend(prop("status", s.as_str()));
    }
    let mut owners: Vec<&str> = docs
        .iter()
        .filter_map(|&d| hb.documents[d].src.meta.owner())
        .collect();
    owners.sort_unstable();
    owners.dedup();
    props.extend(owners.into_iter().filter_map(|o| prop("owner", o)));
    Some(Requirement {
        uuid: uuid(&format!("implemented-requirement/{fw_id}/{}", c.id)),
        control_id,
        description: format!("Implemented by {}.", named.join("; ")),
        props,
        links: docs
            .iter()
            .zip(named)
            .map(|(&d, text)| Link {
                href: doc_href(d),
                rel: "reference",
                text,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::token;

    #[test]
    fn control_ids_become_oscal_tokens_only_when_they_are_not_one() {
        assert_eq!(token("A.5.1"), "A.5.1");
        assert_eq!(token("PR.AA-01"), "PR.AA-01");
        assert_eq!(token("CC6.1"), "CC6.1");
        assert_eq!(token("1.2 a)"), "_1.2_a_");
        assert_eq!(token("Art. 21(2)"), "Art._21_2_");
    }
}
