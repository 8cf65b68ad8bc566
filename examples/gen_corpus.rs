//! Deterministic corpus generator for benchmarks: `cargo run --release --example gen_corpus -- N DIR`
//! writes N realistic documents plus ismsbook.toml and soa.yaml (`-- --frameworks N DIR`: with
//! NIST CSF 2.0 declared, a crosswalk to Annex A and `csf:` ids in some documents; `--risks`:
//! with a register of 2,000 risks and 500 exceptions; `--bodies`: raw HTML in 5% of bodies and a
//! Mermaid diagram in another 5%; `--all`: all three; `--hugo HUGO_DIR` after DIR also writes the
//! same documents as a Hugo site, to compare with `hugo --source HUGO_DIR`); `-- --links N DIR` (add
//! `--one-line`) writes one document holding N broken links. The generator itself lives in
//! `benches/corpus/`, shared with `cargo bench --bench handbook`.

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::path::Path;

const USAGE: &str = "usage: gen_corpus [--frameworks] [--risks] [--bodies] [--all] N DIR [--hugo HUGO_DIR] | gen_corpus --links N DIR [--one-line]";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let links = args.first().is_some_and(|a| a == "--links");
    let flags = if links {
        1
    } else {
        args.iter().take_while(|a| a.starts_with("--")).count()
    };
    let (flags, rest) = args.split_at(flags.min(args.len()));
    let mut extras = corpus::Extras::default();
    for flag in flags.iter().filter(|_| !links) {
        match flag.as_str() {
            "--frameworks" => extras.frameworks = true,
            "--risks" => extras.risks = true,
            "--bodies" => extras.bodies = true,
            "--all" => extras = corpus::Extras::all(),
            _ => return Err(USAGE.into()),
        }
    }
    let n: usize = rest.first().ok_or(USAGE)?.parse()?;
    let dir = Path::new(rest.get(1).ok_or(USAGE)?);
    if links {
        let one_line = rest.get(2).is_some_and(|a| a == "--one-line");
        corpus::links_document(dir, n, one_line)?;
        eprintln!("wrote one document with {n} links to {}", dir.display());
        return Ok(());
    }
    let written = corpus::generate_with(n, dir, extras)?;
    eprintln!(
        "wrote {} documents ({:.1} MB) to {}",
        written.paths.len(),
        written.bytes as f64 / 1e6,
        dir.display()
    );
    match (rest.get(2).map(String::as_str), rest.get(3)) {
        (Some("--hugo"), Some(hugo)) => {
            corpus::hugo_site(dir, &written.paths, Path::new(hugo))?;
            eprintln!("wrote the same documents as a Hugo site to {hugo}");
        }
        (None, _) => {}
        _ => return Err(USAGE.into()),
    }
    Ok(())
}
