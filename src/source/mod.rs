//! Stage 1, load: find the documents, read them, and parse each one on its own.

pub mod discover;
pub mod document;
pub mod frontmatter;
pub mod meta;
pub mod scan;
pub mod schema;
pub mod yaml;

pub use discover::{Source, Stamp, WorkTree};
pub use document::SourceDoc;
