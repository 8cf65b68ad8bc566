//! Stage 1, load: find the documents, read them, and parse each one on its own.

pub mod discover;
pub mod document;
pub mod frontmatter;
pub mod mentions;
pub mod meta;
pub mod scan;
pub mod schema;
pub mod yaml;

pub use discover::{Found, Source, Stamp, WorkTree};

/// The Statement of Applicability's decisions, at the content root.
pub const SOA_FILE: &str = "soa.yaml";
pub use document::SourceDoc;
