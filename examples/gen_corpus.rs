//! Deterministic corpus generator for benchmarks: `cargo run --release --example gen_corpus -- N DIR`
//! writes N realistic documents plus ismsbook.toml and soa.yaml (`-- --frameworks N DIR`: with
//! NIST CSF 2.0 declared, a crosswalk to Annex A and `csf:` ids in some documents); `-- --links N DIR` (add
//! `--one-line`) writes one document holding N broken links. The generator itself lives in
//! `benches/corpus/`, shared with `cargo bench --bench handbook`.

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::path::Path;

const USAGE: &str =
    "usage: gen_corpus [--frameworks] N DIR | gen_corpus --links N DIR [--one-line]";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let links = args.first().is_some_and(|a| a == "--links");
    let frameworks = args.first().is_some_and(|a| a == "--frameworks");
    let rest = &args[usize::from(links || frameworks)..];
    let n: usize = rest.first().ok_or(USAGE)?.parse()?;
    let dir = Path::new(rest.get(1).ok_or(USAGE)?);
    if links {
        let one_line = rest.get(2).is_some_and(|a| a == "--one-line");
        corpus::links_document(dir, n, one_line)?;
        eprintln!("wrote one document with {n} links to {}", dir.display());
        return Ok(());
    }
    let written = corpus::generate_with(n, dir, frameworks)?;
    eprintln!(
        "wrote {} documents ({:.1} MB) to {}",
        written.paths.len(),
        written.bytes as f64 / 1e6,
        dir.display()
    );
    Ok(())
}
