//! The two files an import changes, edited in place: `soa.yaml` (one entry per control) and
//! the `controls` list in a document's front matter. Everything not changed stays byte for
//! byte as it was: other keys, their order, comments, quoting, blank lines, line endings.
//!
//! Both editors find what to change with the YAML parser, splice new text into the original,
//! and read the result back with the loaders the build uses: if it does not read exactly as
//! intended (the decisions applied, everything else as before) they return an error and no
//! text, so a mistake here cannot damage a file. What they cannot change safely (flow-style
//! entries, anchors, unusual layouts) is an error naming the line, to be edited by hand.

mod front_matter;
mod soa_file;
mod yaml_src;

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
///
/// - A field the file already reads as decided is left alone; another value is replaced
///   where it is (all its lines, for a block or multi-line text; a comment after a one-line
///   value stays); a missing field is added after the entry's last field, at its indentation.
/// - `applicable: Some(true)` removes `applicable: false` (absent means applicable); when it
///   is the entry's only field it becomes `applicable: true` instead (an empty entry is not
///   valid).
/// - Blank text (`Some("  ")`) counts as `None`; text is trimmed, and written plain or quoted
///   on one line (`"…\n…"` for several lines). A control given twice takes each field from
///   the last decision that sets it.
/// - A new entry goes before the first entry later in the catalog, with that entry's own
///   comment lines kept on it; a section heading comment stays above its section (see
///   `soa_file::place`).
/// - A key is matched as the loader reads it: `A.5.10`, `5.10`, `"5.10"`, `'A.5.10'`; an
///   unquoted `5.10` is a number to YAML, but the loader keeps a key's text, so it is A.5.10
///   here too (never A.5.1).
/// - The file's line endings and BOM are kept; applying the same decisions again changes
///   nothing.
pub fn soa_yaml(
    original: &str,
    decisions: &[(ControlIdx, Decision)],
    catalog: &Catalog,
) -> Result<String, String> {
    soa_file::apply(original, decisions, catalog)
}

/// A document's bytes with `add` (canonical ids, `A.5.15`) in its front matter's `controls`
/// as well; `None` when every one is there already (in any spelling).
///
/// New ids follow the existing items, in `add`'s order, in the list's style (flow `[…]` on
/// one line or one item per line, block `- …` lines with the same indentation), quoted as
/// the items mostly are (plain only when all are); `controls: []` and `controls:` become
/// `controls: ["A.5.15"]`; without the key a `controls: […]` line ends the front matter.
/// An unquoted `5.10` already listed counts as A.5.10. A document without front matter is
/// an error (the caller writes front matter for those).
pub fn add_controls(original: &[u8], add: &[String]) -> Result<Option<Vec<u8>>, String> {
    front_matter::apply(original, add)
}
