//! The two files an import changes, edited in place: `soa.yaml` (one entry per control) and
//! the `controls` list in a document's front matter. Everything not changed stays byte for
//! byte as it was: other keys, their order, comments, quoting, blank lines, line endings.

use crate::catalog::{Catalog, ControlIdx};
use crate::model::soa::ImplStatus;

/// What an import decided for one control; `None` leaves a field as the file has it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decision {
    pub applicable: Option<bool>,
    pub justification: Option<String>,
    pub status: Option<ImplStatus>,
    pub note: Option<String>,
}

/// `soa.yaml` with each decision applied (the control's entry changed where it is, or a new
/// entry added in catalog order). `original` is the file's text (empty when there is none).
/// Fails, changing nothing, when the file is not the simple mapping it should be.
pub fn soa_yaml(
    _original: &str,
    _decisions: &[(ControlIdx, Decision)],
    _catalog: &Catalog,
) -> Result<String, String> {
    Err("editing soa.yaml is not written yet".into())
}

/// A document's bytes with `add` (canonical ids, `A.5.15`) in its front matter's `controls`
/// as well; `None` when every one is there already (in any spelling).
pub fn add_controls(_original: &[u8], _add: &[String]) -> Result<Option<Vec<u8>>, String> {
    Err("editing front matter is not written yet".into())
}
