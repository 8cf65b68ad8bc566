//! Control frameworks beyond Annex A (`[[frameworks]]` in `ismsbook.toml`): their catalogs,
//! read from the built-in NIST CSF 2.0, an OSCAL catalog, or a simple YAML/CSV list of controls.
//! Plain data: nothing here reads configuration, checks documents or renders pages.

pub mod catalog;
pub mod mapping;
pub mod oscal;
pub mod simple;

pub use catalog::{
    builtin, load, load_file, load_with, CatalogError, FrameworkCatalog, FwControl, FwGroup,
    BUILTIN, CATALOG_LIMIT,
};
pub use mapping::{parse_mapping, MapEntry, MappingFile, Relationship};
pub use oscal::parse_oscal;
pub use simple::{parse_simple_csv, parse_simple_yaml};
