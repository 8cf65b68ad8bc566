//! Deterministic corpus generator for benchmarks: `cargo run --release --example gen_corpus -- N DIR`.
//! Writes N realistic documents plus ismsbook.toml and soa.yaml; the generator itself lives in
//! `benches/corpus/`, shared with `cargo bench --bench handbook`.

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().ok_or("usage: gen_corpus N DIR")?.parse()?;
    let dir = args.next().ok_or("usage: gen_corpus N DIR")?;
    let dir = Path::new(&dir);
    let written = corpus::generate(n, dir)?;
    eprintln!(
        "wrote {} documents ({:.1} MB) to {}",
        written.paths.len(),
        written.bytes as f64 / 1e6,
        dir.display()
    );
    Ok(())
}
