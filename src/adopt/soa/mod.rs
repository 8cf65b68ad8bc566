//! `ismsbook adopt --soa PATH`: the Statement of Applicability an organisation already has
//! (a Markdown table, a CSV, an Excel workbook) into `soa.yaml` and into the `controls` of the
//! documents it names. Every value taken is traced to its cell; what cannot be read is
//! reported with its cell, never guessed.

pub mod edit;
pub mod read;
