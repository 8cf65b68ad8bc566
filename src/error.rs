//! Errors that stop a run (exit status 2): the input could not be processed at all.
//! Problems inside documents are findings, not errors.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("content folder {} does not exist or is not a folder", .0.display())]
    NoContentRoot(PathBuf),
    #[error("{}: {msg}", path.display())]
    Config { path: PathBuf, msg: String },
    #[error("theme: {0}")]
    Template(String),
    #[error("output: {0}")]
    Output(String),
    #[error("{0}")]
    Usage(String),
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
