//! Save-to-rewritten-page latency of watch mode (debounce excluded), on a corpus made by
//! `gen_corpus`: `cargo run --release --example watch_latency -- DIR [RUNS]`.
//! Each run appends a line to one document, rebuilds the session, and checks that the
//! document's page was rewritten.

use ismsbook::serve::rebuild::{Session, SessionOptions};
use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().ok_or("usage: watch_latency DIR [RUNS]")?);
    let runs: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(10);
    let out = std::env::temp_dir().join(format!("ismsbook-latency-{}", std::process::id()));
    let mut session = Session::new(SessionOptions {
        root: root.clone(),
        output: Some(out.clone()),
        today: ismsbook::dates::today(Some("2026-11-29"))?,
        drafts: false,
        audience: None,
        language: None,
    });
    let t = Instant::now();
    let first = session.rebuild(&HashSet::new())?;
    println!(
        "initial build: {} documents, {} files, {:.0} ms",
        first.documents,
        first.stats.written,
        t.elapsed().as_secs_f64() * 1e3
    );
    // The first approved document in path order.
    let today = ismsbook::dates::today(Some("2026-11-29"))?;
    let doc = ismsbook::load(&ismsbook::Context::new(&root, Some(&out), today)?)?
        .handbook
        .documents
        .iter()
        .find(|d| d.is_approved())
        .map(|d| (d.src.path.clone(), d.url.clone()))
        .ok_or("no approved document")?;
    let source = root.join(&doc.0);
    let original = std::fs::read_to_string(&source)?;
    let mut times = Vec::new();
    let mut totals = Vec::new();
    for run in 0..runs {
        std::fs::write(
            &source,
            format!("{original}\nEdit number {run} of the latency benchmark.\n"),
        )?;
        let t = Instant::now();
        let r = session.rebuild(&HashSet::from([doc.0.clone()]))?;
        let ms = r.pages_written.as_secs_f64() * 1e3;
        let all = t.elapsed().as_secs_f64() * 1e3;
        let page = std::fs::read_to_string(out.join(&doc.1))?;
        assert!(
            page.contains(&format!("Edit number {run} of")),
            "page not rewritten"
        );
        times.push(ms);
        println!("run {run}: page written after {ms:.1} ms, whole site after {all:.1} ms; {} pages rendered again, {} files written", r.rendered.map_or("all".into(), |n| n.to_string()), r.stats.written);
        totals.push(all);
    }
    std::fs::write(&source, original)?;
    let _ = std::fs::remove_dir_all(&out);
    times.sort_by(f64::total_cmp);
    totals.sort_by(f64::total_cmp);
    println!(
        "whole site rewritten: median {:.1} ms",
        totals[totals.len() / 2]
    );
    println!(
        "save-to-rewritten-page: median {:.1} ms, min {:.1} ms, max {:.1} ms over {} runs",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1],
        times.len()
    );
    Ok(())
}
