//! Placeholder replaced by the bench harness (issue 8).
fn main() {}
