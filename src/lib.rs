//! ismsbook: an ISMS handbook from a repository of Markdown policies.
//!
//! The pipeline runs in plain stages, data flowing one way:
//! [`source`] (find and parse files) → [`model`] (the Handbook) → [`checks`] (findings) →
//! [`render`] (pages) → [`output`] (atomic write), driven in one place by [`pipeline`].
//! [`report`] formats findings for people and CI. [`adopt`] writes front matter into a
//! repository written for GitHub, before its first build.

pub mod adopt;
pub mod catalog;
pub mod checks;
pub mod codeowners;
pub mod config;
pub mod dates;
pub mod diff;
pub mod error;
pub mod finding;
pub mod frameworks;
#[doc(hidden)]
pub mod fuzzing;
pub mod git;
pub mod i18n;
pub mod init;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod sanitise;
pub mod serve;
pub mod signals;
pub mod source;
pub mod suggest;
pub mod timings;

pub use pipeline::{
    build, build_with, check, diff_revisions, load, load_as_of, load_cached, load_revision,
    render_into, BuildStats, Context, DocCache, Project,
};
pub use report::repo_prefix;
