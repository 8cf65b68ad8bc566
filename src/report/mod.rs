//! Finding formats. Each takes the sorted findings and returns text; none decides exit codes.

pub mod human;
pub mod json;
