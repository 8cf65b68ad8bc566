//! `cargo bench --bench handbook -- [--quick] [--sizes 1000,10000,50000] [--iters N] [--dir DIR]
//! [--frameworks] [--risks] [--bodies] [--all] [--no-hugo]`
//!
//! `--bodies`: raw HTML in 5% of bodies and a Mermaid diagram in another 5%. `--all`: frameworks,
//! risks and bodies together, every feature on.
//!
//! Where `hugo` is on the PATH (Debian's `hugo` package), each size is also built by Hugo from a
//! copy of the same documents laid out as a Hugo site (content/, a minimal theme), alternated
//! with `ismsbook build --drafts` so both publish every document: the row users compare. Without
//! Hugo (or with `--no-hugo`) that row says it was skipped.
//!
//! `--frameworks`: the corpora declare NIST CSF 2.0 with a crosswalk to Annex A, and some
//! documents list `csf:` ids. `--risks`: the corpora also hold a risk register of 2,000 risks
//! (`risks.yaml`: every treatment, some above the appetite with and without an acceptance, some
//! reviews overdue; `csf:` controls too with `--frameworks`) and 500 exceptions
//! (`exceptions.yaml`: some expired, some expiring soon), and `[risk]` in ismsbook.toml. Every
//! other file is byte for byte the corpus without them, so two runs, with and without, give the
//! cost of the register (the aim: within 10% at 10,000 documents).
//!
//! Also: `check` of one document with 10,000 and 100,000 broken links (1,000 and 10,000 with
//! `--quick`), one per line and all on one line, to show the cost is linear in links.
//!
//! Times `build`, `check`, a no-op rebuild, a one-document rebuild and watch mode's rebuild on
//! generated corpora, against a floor measured in the same run: read every document, render
//! its Markdown body with pulldown-cmark on all cores, write the HTML. Ratios to the floor
//! travel between machines better than seconds do. A second floor writes what the build wrote:
//! every body read and rendered once, then the build's files, at its paths and of its sizes
//! (the same-bytes floor: what any generator of this site must at least do). Each measurement runs in a fresh child
//! process (this binary again, with a hidden subcommand) that reports its own peak memory
//! (`VmHWM`), so one measurement's heap never inflates the next one's.
//!
//! `--quick` (1,000 documents, one iteration) keeps the harness working in CI; nothing here
//! asserts on time, since CI machines are shared and noisy. `--dir DIR` puts the run's corpora
//! and sites in a new folder under DIR and keeps them (e.g. a tmpfs, to leave the disk out).
//!
//! Every measurement writes into a folder of its own, and nothing is deleted until the end
//! (a default run needs about 10 GB there, mostly the 50,000-document sites):
//! ext4 skips the inodes of files deleted in the last seconds to minutes when it allocates new
//! ones, so a build right after `rm -rf` of a large site paid several seconds of kernel time
//! (seen with `perf`: `recently_deleted`), to the floor and the build unequally. Dirty pages are
//! flushed (`sync`) before each measurement, so none pays for the previous one's writeback.

mod corpus;

use ismsbook::serve::rebuild::{Session, SessionOptions};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

// As in the binary: the measurements stand for what a user runs.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Reviews are judged against a fixed date, so the findings (and the pages) are the same on
/// every run.
const TODAY: &str = "2026-11-29";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(kind) = args.first().filter(|a| a.starts_with("__")) {
        child(kind, &args[1..]);
        return;
    }
    if let Err(e) = bench(&args) {
        eprintln!("handbook bench: {e}");
        std::process::exit(2);
    }
}

type Res<T> = Result<T, Box<dyn std::error::Error>>;

struct Args {
    sizes: Vec<usize>,
    iters: usize,
    watch_runs: usize,
    dir: Option<PathBuf>,
    /// Broken links in the small and the large one-document corpus.
    links: (usize, usize),
    /// Corpora declare NIST CSF 2.0 with a crosswalk, and some documents list `csf:` ids.
    frameworks: bool,
    /// Corpora hold a risk register and exceptions.
    risks: bool,
    /// Raw HTML and Mermaid diagrams in some bodies.
    bodies: bool,
    /// `hugo version`'s first line, when Hugo is there to compare with.
    hugo: Option<String>,
}

fn parse_args(args: &[String]) -> Res<Args> {
    let mut a = Args {
        sizes: vec![1_000, 10_000, 50_000],
        iters: 3,
        watch_runs: 5,
        dir: None,
        links: (10_000, 100_000),
        frameworks: false,
        risks: false,
        bodies: false,
        hugo: None,
    };
    let mut no_hugo = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--quick" => {
                a.sizes = vec![1_000];
                a.iters = 1;
                a.watch_runs = 1;
                a.links = (1_000, 10_000);
            }
            "--sizes" => {
                a.sizes = it
                    .next()
                    .ok_or("--sizes needs a list, e.g. 1000,10000")?
                    .split(',')
                    .map(|s| s.trim().replace('_', "").parse())
                    .collect::<Result<_, _>>()?;
            }
            "--iters" => a.iters = it.next().ok_or("--iters needs a number")?.parse()?,
            "--frameworks" => a.frameworks = true,
            "--risks" => a.risks = true,
            "--bodies" => a.bodies = true,
            "--all" => {
                let all = corpus::Extras::all();
                (a.frameworks, a.risks, a.bodies) = (all.frameworks, all.risks, all.bodies);
            }
            "--no-hugo" => no_hugo = true,
            "--dir" => a.dir = Some(it.next().ok_or("--dir needs a folder")?.into()),
            // `cargo bench` passes `--bench` to every bench binary.
            "--bench" => {}
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    a.iters = a.iters.max(1);
    if !no_hugo {
        a.hugo = Command::new("hugo")
            .arg("version")
            .stderr(Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|v| v.lines().next().map(str::to_owned));
    }
    Ok(a)
}

/// One child process's report.
#[derive(Clone, Copy, Default)]
struct Sample {
    secs: f64,
    peak_mb: f64,
    /// Watch mode: seconds until the changed page was written (`secs` is the whole rebuild).
    page_secs: f64,
}

/// Medians over the iterations of one measurement.
#[derive(Clone, Copy, Default)]
struct Measured {
    secs: f64,
    peak_mb: f64,
    page_secs: f64,
}

fn median(samples: &[Sample]) -> Measured {
    let mid = |f: fn(&Sample) -> f64| {
        let mut v: Vec<f64> = samples.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    Measured {
        secs: mid(|s| s.secs),
        peak_mb: mid(|s| s.peak_mb),
        page_secs: mid(|s| s.page_secs),
    }
}

#[derive(Default)]
struct SizeResult {
    docs: usize,
    corpus_mb: f64,
    floor: Measured,
    /// Read and render every body once, write the build's files with their sizes.
    same_bytes: Measured,
    /// What the build wrote: files and megabytes.
    site_files: usize,
    site_mb: f64,
    build: Measured,
    binary: Measured,
    noop: Measured,
    noop_rewritten: usize,
    /// A few of them by name, when there are only a few (which file still churns).
    noop_examples: Vec<String>,
    noop_files: usize,
    one_doc: Measured,
    one_doc_rewritten: usize,
    check: Measured,
    /// A line added to a body (a save of prose: the lists stay as they are).
    watch: Measured,
    /// The document's title changed (every list that shows it is made again).
    retitled: Measured,
    /// `ismsbook build --drafts` and Hugo on the same documents, alternated.
    hugo: Option<(Measured, Measured)>,
}

fn bench(args: &[String]) -> Res<()> {
    let a = parse_args(args)?;
    // A folder of this run's own: no output of an earlier run is ever built over.
    let run = format!("ismsbook-bench-{}", std::process::id());
    let base = match &a.dir {
        Some(d) => d.join(run),
        None => std::env::temp_dir().join(run),
    };
    std::fs::create_dir_all(&base)?;
    let mut results = Vec::new();
    let mut outcome = Ok(());
    for &n in &a.sizes {
        eprintln!("== {n} documents");
        match measure_size(&base, n, &a) {
            Ok(r) => results.push(r),
            Err(e) => {
                outcome = Err(e);
                break;
            }
        }
    }
    let links = match outcome {
        Ok(()) => measure_links(&base, &a),
        Err(e) => Err(e),
    };
    if a.dir.is_none() {
        let _ = std::fs::remove_dir_all(&base);
    }
    let links = links?;
    print_table(&results, &a);
    print_links(&links);
    Ok(())
}

/// `check` of one document holding many broken links, small and large: a CI gate must not
/// stall on one big generated document, so the large one should cost about 10× the small.
struct LinksResult {
    small: usize,
    large: usize,
    /// (layout, seconds for `small` links, seconds for `large` links).
    times: Vec<(&'static str, f64, f64)>,
}

fn measure_links(base: &Path, a: &Args) -> Res<LinksResult> {
    let (small, large) = a.links;
    let mut times = Vec::new();
    for layout in ["one per line", "all on one line"] {
        let mut secs = [0.0; 2];
        for (slot, n) in [small, large].into_iter().enumerate() {
            let root = base.join(format!("links-{}-{n}", times.len()));
            corpus::links_document(&root, n, layout == "all on one line")?;
            let mut best = f64::MAX;
            for _ in 0..a.iters {
                best = best.min(run_check(&root)?);
            }
            secs[slot] = best;
        }
        eprintln!(
            "  links, {layout}: {small} in {:.0} ms, {large} in {:.0} ms",
            secs[0] * 1e3,
            secs[1] * 1e3
        );
        times.push((layout, secs[0], secs[1]));
    }
    Ok(LinksResult {
        small,
        large,
        times,
    })
}

/// `ismsbook check` with its human report (findings quoted with their source lines), as a CI
/// log gets it; wall clock.
fn run_check(root: &Path) -> Res<f64> {
    let started = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_ismsbook"))
        .arg("check")
        .arg(root)
        .args(["--today", TODAY])
        .stderr(Stdio::null())
        .status()?;
    if status.code() != Some(1) {
        return Err(format!("ismsbook check of {} gave {status}", root.display()).into());
    }
    Ok(started.elapsed().as_secs_f64())
}

fn print_links(r: &LinksResult) {
    println!();
    println!(
        "`check` of one document with many broken links (best of the iterations; the last column \
         is the large time over 10× the small one: 1.0 is linear)"
    );
    println!();
    println!(
        "| links | {} | {} | large / (10 × small) |\n|---|---|---|---|",
        r.small, r.large
    );
    for (layout, small, large) in &r.times {
        println!(
            "| {layout} | {:.0} ms | {:.0} ms | {:.2} |",
            small * 1e3,
            large * 1e3,
            large / (10.0 * small)
        );
    }
}

fn measure_size(base: &Path, n: usize, a: &Args) -> Res<SizeResult> {
    let root = base.join(format!("corpus-{n}"));
    // Outputs of measurement `k`; see the module comment for why none is reused.
    let site_for = |k: &str| base.join(format!("site-{n}-{k}"));
    let floor_out = |i: usize| base.join(format!("floor-{n}-{i}"));
    let extras = corpus::Extras {
        frameworks: a.frameworks,
        risks: a.risks,
        bodies: a.bodies,
    };
    let corpus = corpus::generate_with(n, &root, extras)?;
    let mut r = SizeResult {
        docs: n,
        corpus_mb: corpus.bytes as f64 / 1e6,
        ..SizeResult::default()
    };
    // The page edited by the incremental measurements: the first approved document (drafts
    // are not published, so editing one would render nothing).
    let edited = corpus
        .paths
        .iter()
        .find(|p| {
            std::fs::read_to_string(root.join(p)).is_ok_and(|t| t.contains("\nstatus: approved\n"))
        })
        .ok_or("no approved document in the corpus")?
        .clone();
    let original = std::fs::read_to_string(root.join(&edited))?;
    let edit = |k: usize| {
        std::fs::write(
            root.join(&edited),
            format!("{original}\nEdit number {k} of the benchmark.\n"),
        )
    };

    let rs = root.to_string_lossy().into_owned();
    let text = |p: PathBuf| p.to_string_lossy().into_owned();
    let mut floor = Vec::new();
    let mut same_bytes = Vec::new();
    let mut build = Vec::new();
    let mut binary = Vec::new();
    let mut noop = Vec::new();
    let mut one_doc = Vec::new();
    let mut check = Vec::new();
    for i in 0..a.iters {
        floor.push(run_child("__floor", &[&rs, &text(floor_out(i))])?);
        eprintln!("  floor     {:.2} s", floor[i].secs);

        // Built once, then rebuilt in place: what the no-op and one-document runs measure.
        let site = site_for(&i.to_string());
        let ss = text(site.clone());
        build.push(run_child("__build", &[&rs, &ss])?);
        eprintln!("  build     {:.2} s", build[i].secs);

        let manifest = base.join(format!("manifest-{n}-{i}.txt"));
        let (files, bytes) = write_manifest(&site, &manifest)?;
        let out = text(base.join(format!("same-bytes-{n}-{i}")));
        same_bytes.push(run_child("__same_bytes", &[&rs, &text(manifest), &out])?);
        eprintln!(
            "  same bytes {:.2} s ({files} files, {:.0} MB)",
            same_bytes[i].secs,
            bytes as f64 / 1e6
        );
        (r.site_files, r.site_mb) = (files, bytes as f64 / 1e6);

        let before = snapshot(&site);
        noop.push(run_child("__build", &[&rs, &ss])?);
        let after = snapshot(&site);
        let changed = rewritten(&before, &after);
        r.noop_rewritten = changed.len();
        r.noop_examples = if changed.len() <= 3 {
            changed
                .iter()
                .filter_map(|p| p.strip_prefix(&site).ok())
                .map(|p| p.display().to_string())
                .collect()
        } else {
            Vec::new()
        };
        r.noop_files = after.len();
        eprintln!(
            "  no-op     {:.2} s, {} of {} files rewritten",
            noop[i].secs, r.noop_rewritten, r.noop_files
        );

        edit(i)?;
        let before = snapshot(&site);
        one_doc.push(run_child("__build", &[&rs, &ss])?);
        r.one_doc_rewritten = rewritten(&before, &snapshot(&site)).len();
        eprintln!(
            "  one doc   {:.2} s, {} files rewritten",
            one_doc[i].secs, r.one_doc_rewritten
        );
        std::fs::write(root.join(&edited), &original)?;

        check.push(run_child("__check", &[&rs])?);
        eprintln!("  check     {:.2} s", check[i].secs);

        // The shipped binary, as a user runs it: wall clock only (its memory is not ours to
        // read), to confirm the library-in-a-child measurements stand for it.
        binary.push(run_binary(&root, &site_for(&format!("binary-{i}")))?);
        eprintln!("  binary    {:.2} s", binary[i].secs);
    }
    let runs = a.watch_runs.to_string();
    let watch = run_child(
        "__watch",
        &[&rs, &text(site_for("watch")), &edited, &runs, "prose"],
    )?;
    eprintln!(
        "  watch     page {:.0} ms, site {:.0} ms",
        watch.page_secs * 1e3,
        watch.secs * 1e3
    );
    std::fs::write(root.join(&edited), &original)?;
    let retitled = run_child(
        "__watch",
        &[&rs, &text(site_for("watch-title")), &edited, &runs, "title"],
    )?;
    eprintln!(
        "  retitled  page {:.0} ms, site {:.0} ms",
        retitled.page_secs * 1e3,
        retitled.secs * 1e3
    );
    std::fs::write(root.join(&edited), &original)?;
    if a.hugo.is_some() {
        let hugo_root = base.join(format!("hugo-{n}"));
        corpus::hugo_site(&root, &corpus.paths, &hugo_root)?;
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for i in 0..a.iters {
            let mut build = Command::new(env!("CARGO_BIN_EXE_ismsbook"));
            build
                .arg("build")
                .arg(&root)
                .arg("-o")
                .arg(site_for(&format!("drafts-{i}")))
                .args(["--today", TODAY, "--quiet", "--drafts"]);
            ours.push(run_process(&mut build)?);
            let mut hugo = Command::new("hugo");
            hugo.args(["--quiet", "--source"])
                .arg(&hugo_root)
                .arg("--destination")
                .arg(base.join(format!("hugo-site-{n}-{i}")));
            theirs.push(run_process(&mut hugo)?);
            eprintln!(
                "  --drafts  {:.2} s, {:.0} MB; Hugo {:.2} s, {:.0} MB",
                ours[i].secs, ours[i].peak_mb, theirs[i].secs, theirs[i].peak_mb
            );
        }
        r.hugo = Some((median(&ours), median(&theirs)));
    }
    r.floor = median(&floor);
    r.same_bytes = median(&same_bytes);
    r.build = median(&build);
    r.binary = median(&binary);
    r.noop = median(&noop);
    r.one_doc = median(&one_doc);
    r.check = median(&check);
    r.watch = median(&[watch]);
    r.retitled = median(&[retitled]);
    Ok(r)
}

/// Runs this binary with a hidden subcommand and reads the report it prints.
fn run_child(kind: &str, args: &[&str]) -> Res<Sample> {
    let exe = std::env::current_exe()?;
    flush_writes();
    let started = Instant::now();
    let out = Command::new(exe)
        .arg(kind)
        .args(args)
        // The allocator as the ismsbook binary sets it up before its first allocation
        // (src/alloc.rs), so in-process measurements hold the memory a user's build holds.
        .env("MIMALLOC_ARENA_EAGER_COMMIT", "0")
        .env("MIMALLOC_PURGE_DELAY", "2")
        // Findings are printed as the CLI prints them, then dropped: a terminal would only add
        // noise to the timing.
        .stderr(Stdio::null())
        .stdout(Stdio::piped())
        .output()?;
    let wall = started.elapsed().as_secs_f64();
    if !out.status.success() {
        return Err(format!(
            "{kind} {args:?} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stdout).trim()
        )
        .into());
    }
    let report = String::from_utf8_lossy(&out.stdout);
    let mut fields = report.split_whitespace().map(str::parse::<f64>);
    let mut next = || -> Res<f64> { Ok(fields.next().ok_or("short child report")??) };
    let peak_kb = next()?;
    let page_secs = next()?;
    let secs = next()?;
    Ok(Sample {
        // Wall clock from the parent, process start-up and teardown included, as a user sees
        // it; watch mode reports its own, since its session set-up is not what it measures.
        secs: if kind == "__watch" { secs } else { wall },
        peak_mb: peak_kb / 1024.0,
        page_secs,
    })
}

/// Runs a program to its end: wall clock as a user sees it, and its peak memory (the child's
/// own `ru_maxrss`, from `wait4`). Exit 1 is `build` reporting findings, not a failure.
#[cfg(unix)]
fn run_process(cmd: &mut Command) -> Res<Sample> {
    flush_writes();
    let started = Instant::now();
    // Not piped: a pipe nobody reads while waiting would stall a child that prints findings.
    let child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn()?;
    let pid = i32::try_from(child.id())?;
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills; the pid is our own child, waited once.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let secs = started.elapsed().as_secs_f64();
    if waited != pid {
        return Err(format!("waiting for {cmd:?} failed").into());
    }
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    if !matches!(code, Some(0 | 1)) {
        return Err(format!("{cmd:?} failed (exit {code:?}); run it by hand to see why").into());
    }
    Ok(Sample {
        secs,
        // Kilobytes on Linux.
        peak_mb: usage.ru_maxrss as f64 / 1024.0,
        page_secs: 0.0,
    })
}

/// Elsewhere: wall clock only.
#[cfg(not(unix))]
fn run_process(cmd: &mut Command) -> Res<Sample> {
    flush_writes();
    let started = Instant::now();
    let status = cmd.stdout(Stdio::null()).stderr(Stdio::null()).status()?;
    if !matches!(status.code(), Some(0 | 1)) {
        return Err(format!("{cmd:?} failed: {status}").into());
    }
    Ok(Sample {
        secs: started.elapsed().as_secs_f64(),
        ..Sample::default()
    })
}

fn run_binary(root: &Path, site: &Path) -> Res<Sample> {
    flush_writes();
    let started = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_ismsbook"))
        .arg("build")
        .arg(root)
        .arg("-o")
        .arg(site)
        .args(["--today", TODAY, "--quiet"])
        .stderr(Stdio::null())
        .status()?;
    // 1: the corpus has findings (overdue reviews) on purpose; only 2 is a failure.
    if status.code() == Some(2) || status.code().is_none() {
        return Err(format!("ismsbook build failed: {status}").into());
    }
    Ok(Sample {
        secs: started.elapsed().as_secs_f64(),
        ..Sample::default()
    })
}

/// Writes every dirty page to disk, so a measurement does not wait on the previous one's.
fn flush_writes() {
    let _ = Command::new("sync").status();
}

/// Every file under `dir` with its inode and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (u64, std::time::SystemTime)> {
    use std::os::unix::fs::MetadataExt;
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let Ok(m) = e.metadata() else { continue };
            if m.is_dir() {
                stack.push(e.path());
            } else if let Ok(t) = m.modified() {
                files.insert(e.path(), (m.ino(), t));
            }
        }
    }
    files
}

/// Files that are new, or whose inode or modification time changed.
fn rewritten<'a>(
    before: &BTreeMap<PathBuf, (u64, std::time::SystemTime)>,
    after: &'a BTreeMap<PathBuf, (u64, std::time::SystemTime)>,
) -> Vec<&'a PathBuf> {
    after
        .iter()
        .filter(|(p, stamp)| before.get(*p) != Some(stamp))
        .map(|(p, _)| p)
        .collect()
}

// ---- children: each does one measurement and prints `peak_kb page_secs secs` ----

fn child(kind: &str, args: &[String]) {
    let arg = |i: usize| -> &str { args.get(i).map(String::as_str).unwrap_or_default() };
    let started = Instant::now();
    // (seconds to the page, seconds in all) where the child times itself; else measured here.
    let result: Res<Option<(f64, f64)>> = match kind {
        "__floor" => floor(Path::new(arg(0)), Path::new(arg(1))).map(|()| None),
        "__same_bytes" => {
            same_bytes(Path::new(arg(0)), Path::new(arg(1)), Path::new(arg(2))).map(|()| None)
        }
        "__build" => build(Path::new(arg(0)), Path::new(arg(1))).map(|()| None),
        "__check" => check(Path::new(arg(0))).map(|()| None),
        "__watch" => watch(
            Path::new(arg(0)),
            Path::new(arg(1)),
            arg(2),
            arg(3).parse().unwrap_or(1),
            arg(4) == "title",
        )
        .map(Some),
        _ => Err(format!("unknown child {kind}").into()),
    };
    match result {
        Ok(timed) => {
            let (page, secs) = timed.unwrap_or((0.0, started.elapsed().as_secs_f64()));
            println!("{} {page} {secs}", peak_kb());
        }
        Err(e) => {
            println!("error: {e}");
            std::process::exit(1);
        }
    }
}

/// This process's peak resident memory, from the kernel.
fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// The floor: what any Markdown site generator must do at least. Every `.md` file is read, its
/// front matter skipped, its body rendered with pulldown-cmark (the options ismsbook uses) on
/// all cores, and the HTML written to a fresh folder.
fn floor(root: &Path, out: &Path) -> Res<()> {
    markdown_files(root)?
        .par_iter()
        .try_for_each(|rel| -> std::io::Result<()> {
            let html = render_body(&root.join(rel))?;
            let dest = out.join(rel).with_extension("html");
            if let Some(parent) = dest.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(dest, html)
        })?;
    Ok(())
}

/// The `.md` files under `root`, relative to it.
fn markdown_files(root: &Path) -> Res<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        for e in std::fs::read_dir(root.join(&rel))? {
            let e = e?;
            let name = e.file_name();
            let path = rel.join(&name);
            if e.file_type()?.is_dir() {
                stack.push(path);
            } else if name.to_string_lossy().ends_with(".md") {
                files.push(path);
            }
        }
    }
    Ok(files)
}

/// A document's body (front matter cut off) as HTML, by pulldown-cmark alone.
fn render_body(path: &Path) -> std::io::Result<String> {
    let text = std::fs::read_to_string(path)?;
    let body = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(text.as_str(), |(_, body)| body);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(body, ismsbook::source::scan::options()),
    );
    Ok(html)
}

/// Lists the files of a built site, a line each: size, tab, path (ismsbook's marker left out).
/// Returns how many files and bytes.
fn write_manifest(site: &Path, manifest: &Path) -> Res<(usize, u64)> {
    let mut lines = String::new();
    let (mut files, mut bytes) = (0, 0);
    let mut stack = vec![site.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d)? {
            let e = e?;
            let m = e.metadata()?;
            if m.is_dir() {
                stack.push(e.path());
                continue;
            }
            let rel = e.path().strip_prefix(site)?.to_string_lossy().into_owned();
            if rel.starts_with(".ismsbook") {
                continue;
            }
            lines.push_str(&format!("{}\t{rel}\n", m.len()));
            (files, bytes) = (files + 1, bytes + m.len());
        }
    }
    std::fs::write(manifest, lines)?;
    Ok((files, bytes))
}

/// The same-bytes floor: every body read and rendered once (as [`floor`]), then as many files
/// written as the build wrote, at its paths and of its sizes (`manifest`), their bytes taken in
/// turn from the rendered bodies. What any generator of this site must at least do.
fn same_bytes(root: &Path, manifest: &Path, out: &Path) -> Res<()> {
    let rendered: Vec<String> = markdown_files(root)?
        .par_iter()
        .map(|rel| render_body(&root.join(rel)))
        .collect::<std::io::Result<_>>()?;
    let pool = rendered.concat().into_bytes();
    if pool.is_empty() {
        return Err("no body to render".into());
    }
    let manifest = std::fs::read_to_string(manifest)?;
    let mut at = 0;
    let mut files = Vec::new();
    for line in manifest.lines() {
        let (size, rel) = line.split_once('\t').ok_or("bad manifest line")?;
        let size: usize = size.parse()?;
        files.push((rel, at, size));
        at = (at + size) % pool.len();
    }
    files
        .par_iter()
        .try_for_each(|&(rel, from, size)| -> std::io::Result<()> {
            let dest = out.join(rel);
            if let Some(parent) = dest.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let mut bytes = Vec::with_capacity(size);
            let mut start = from;
            while bytes.len() < size {
                let end = pool.len().min(start + size - bytes.len());
                bytes.extend_from_slice(&pool[start..end]);
                start = 0;
            }
            std::fs::write(dest, bytes)
        })?;
    Ok(())
}

/// What `ismsbook build DIR -o OUT --today … --quiet` does.
fn build(root: &Path, out: &Path) -> Res<()> {
    let today = ismsbook::dates::today(Some(TODAY))?;
    let project = ismsbook::load(&ismsbook::Context::new(root, Some(out), today)?)?;
    let findings = ismsbook::check(&project);
    print_findings(&project, &findings);
    let publish = ismsbook::render::Publish {
        drafts: false,
        audience: project.handbook.config.audience,
    };
    ismsbook::build(&project, &findings, publish)?;
    Ok(())
}

/// What `ismsbook check DIR --today …` does.
fn check(root: &Path) -> Res<()> {
    let today = ismsbook::dates::today(Some(TODAY))?;
    let project = ismsbook::load(&ismsbook::Context::new(root, None, today)?)?;
    let findings = ismsbook::check(&project);
    print_findings(&project, &findings);
    Ok(())
}

/// The CLI prints every finding with its source line; that is part of what a run costs.
fn print_findings(project: &ismsbook::Project, findings: &[ismsbook::finding::Finding]) {
    use ismsbook::report::human;
    use std::io::Write;
    let hb = &project.handbook;
    let text = human::render(findings, project, &human::Style { color: false });
    let summary = human::summary(findings, hb.documents.len(), hb.catalog.controls.len());
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = writeln!(err, "{summary}");
}

/// Watch mode, as `examples/watch_latency.rs` measures it: after the session's first build,
/// `runs` times append a line to `doc` (or, with `retitle`, change its title) and rebuild;
/// medians of "page written" and "whole site consistent".
fn watch(root: &Path, out: &Path, doc: &str, runs: usize, retitle: bool) -> Res<(f64, f64)> {
    let mut session = Session::new(SessionOptions {
        root: root.to_path_buf(),
        output: Some(out.to_path_buf()),
        today: ismsbook::dates::today(Some(TODAY))?,
        drafts: false,
        audience: None,
        language: None,
    });
    session.rebuild(&HashSet::new())?;
    let source = root.join(doc);
    let original = std::fs::read_to_string(&source)?;
    let changed = HashSet::from([doc.to_owned()]);
    let (mut page, mut whole) = (Vec::new(), Vec::new());
    for run in 0..runs.max(1) {
        let edited = match retitle {
            true => original.replacen("\ntitle: ", &format!("\ntitle: Edit {run} of "), 1),
            false => format!("{original}\nWatch edit number {run} of the benchmark.\n"),
        };
        std::fs::write(&source, edited)?;
        let t = Instant::now();
        let r = session.rebuild(&changed)?;
        whole.push(t.elapsed().as_secs_f64());
        page.push(r.pages_written.as_secs_f64());
    }
    std::fs::write(&source, original)?;
    let mid = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    Ok((mid(page), mid(whole)))
}

// ---- the report ----

fn print_table(results: &[SizeResult], a: &Args) {
    let secs = |s: f64| {
        if s < 1.0 {
            format!("{:.0} ms", s * 1e3)
        } else {
            format!("{s:.2} s")
        }
    };
    let thousands = |n: usize| {
        let s = n.to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    };
    let cell = |m: &Measured, floor: &Measured, mem: bool| {
        let mut c = format!("{} ({:.2}×)", secs(m.secs), m.secs / floor.secs);
        if mem {
            c.push_str(&format!(", {:.0} MB", m.peak_mb));
        }
        c
    };
    if let Some(version) = &a.hugo {
        println!();
        println!("Compared with {version}.");
    }
    println!();
    println!(
        "Median of {} iteration(s); time (ratio to the floor measured in the same run), peak memory \
         (VmHWM of the measuring process). Wall-clock times on a shared machine are noisy: compare \
         ratios within one run.",
        a.iters
    );
    // Runs with and without extras are compared side by side: say which this one is.
    let mut extras = Vec::new();
    if a.frameworks {
        extras.push("NIST CSF 2.0 with a crosswalk".to_owned());
    }
    if a.risks {
        extras.push(format!(
            "a risk register of {} risks and {} exceptions",
            corpus::RISKS,
            corpus::EXCEPTIONS
        ));
    }
    if a.bodies {
        extras.push("raw HTML in 5% of bodies and a Mermaid diagram in another 5%".to_owned());
    }
    if !extras.is_empty() {
        println!();
        println!("The corpora also hold {}.", extras.join(" and "));
    }
    println!();
    let mut header = "| what |".to_owned();
    let mut rule = "|---|".to_owned();
    for r in results {
        header.push_str(&format!(
            " {} documents ({:.0} MB) |",
            thousands(r.docs),
            r.corpus_mb
        ));
        rule.push_str("---|");
    }
    println!("{header}\n{rule}");
    type Row<'a> = (&'a str, Box<dyn Fn(&SizeResult) -> String + 'a>);
    let rows: Vec<Row> = vec![
        (
            "floor: read, pulldown-cmark on all cores, write",
            Box::new(|r| format!("{}, {:.0} MB", secs(r.floor.secs), r.floor.peak_mb)),
        ),
        (
            "same-bytes floor: read, render each body once, write the build's files and bytes",
            Box::new(|r| {
                format!(
                    "{}, {:.0} MB ({} files, {:.0} MB)",
                    secs(r.same_bytes.secs),
                    r.same_bytes.peak_mb,
                    thousands(r.site_files),
                    r.site_mb
                )
            }),
        ),
        (
            "`build` (every page, SoA, print, search index, handbook.json)",
            Box::new(|r| {
                format!(
                    "{}; {:.1}× the same-bytes floor",
                    cell(&r.build, &r.floor, true),
                    r.build.secs / r.same_bytes.secs
                )
            }),
        ),
        (
            "`build`, the release binary (wall clock)",
            Box::new(|r| cell(&r.binary, &r.floor, false)),
        ),
        (
            "`build` again, nothing changed (files rewritten)",
            Box::new(|r| {
                format!(
                    "{}; {} of {} rewritten",
                    cell(&r.noop, &r.floor, true),
                    thousands(r.noop_rewritten),
                    thousands(r.noop_files)
                )
            }),
        ),
        (
            "`build` again, one document changed (files rewritten)",
            Box::new(|r| {
                format!(
                    "{}; {} rewritten",
                    cell(&r.one_doc, &r.floor, true),
                    thousands(r.one_doc_rewritten)
                )
            }),
        ),
        ("`check`", Box::new(|r| cell(&r.check, &r.floor, true))),
        (
            "`serve`/`watch`: one document saved → its page rewritten",
            Box::new(|r| {
                format!(
                    "{} ({:.2}×)",
                    secs(r.watch.page_secs),
                    r.watch.page_secs / r.floor.secs
                )
            }),
        ),
        (
            "`serve`/`watch`: … → whole site consistent",
            Box::new(|r| cell(&r.watch, &r.floor, true)),
        ),
        (
            "`serve`/`watch`: a document's title changed → whole site consistent",
            Box::new(|r| cell(&r.retitled, &r.floor, true)),
        ),
        (
            "`build --drafts` (every document published) vs Hugo on the same documents",
            Box::new(|r| match &r.hugo {
                Some((ours, hugo)) => format!(
                    "{}, {:.0} MB; Hugo {}, {:.0} MB: {:.1}× faster",
                    secs(ours.secs),
                    ours.peak_mb,
                    secs(hugo.secs),
                    hugo.peak_mb,
                    hugo.secs / ours.secs
                ),
                None => "skipped (no `hugo` on the PATH, or `--no-hugo`)".to_owned(),
            }),
        ),
    ];
    for (label, f) in &rows {
        let mut line = format!("| {label} |");
        for r in results {
            line.push_str(&format!(" {} |", f(r)));
        }
        println!("{line}");
    }
    println!();
    println!("Targets (2 cores; informational, never asserted):");
    let mark = |ok: bool| if ok { "met" } else { "MISSED" };
    let at = |n: usize| results.iter().find(|r| r.docs == n);
    if !(a.frameworks && a.risks && a.bodies) {
        println!("- (the targets are set with every feature on: run with --all)");
    }
    if let Some(r) = at(10_000) {
        match &r.hugo {
            Some((ours, hugo)) => println!(
                "- build 10,000 at least 5× faster than Hugo in the same run: {:.1}× — {}",
                hugo.secs / ours.secs,
                mark(hugo.secs / ours.secs >= 5.0)
            ),
            None => println!("- build 10,000 at least 5× faster than Hugo: not measured (no hugo)"),
        }
        println!(
            "- build 10,000 peak memory at most 250 MB: {:.0} MB — {}",
            r.build.peak_mb,
            mark(r.build.peak_mb <= 250.0)
        );
        println!(
            "- serve, one document saved → whole site consistent at 10,000 within 250 ms: {} — {}",
            secs(r.watch.secs),
            mark(r.watch.secs <= 0.25)
        );
        println!(
            "- check 10,000 within 300 ms: {} — {}",
            secs(r.check.secs),
            mark(r.check.secs <= 0.3)
        );
        let floor = r.build.secs / r.same_bytes.secs;
        println!(
            "- build 10,000 within 3× the same-bytes floor: {floor:.1}× — {}",
            mark(floor <= 3.0)
        );
    }
    if let (Some(big), Some(r)) = (at(50_000), at(10_000)) {
        let growth = big.build.secs / r.build.secs;
        println!(
            "- build 50,000 at most 5× build 10,000: {growth:.2}× — {}",
            mark(growth <= 5.0)
        );
        println!(
            "- build 50,000 peak memory at most 800 MB: {:.0} MB — {}",
            big.build.peak_mb,
            mark(big.build.peak_mb <= 800.0)
        );
    }
    for r in results {
        let named = if r.noop_examples.is_empty() {
            String::new()
        } else {
            format!(" ({})", r.noop_examples.join(", "))
        };
        println!(
            "- unchanged rebuild of {} rewrites no file: {} rewritten{named} — {}",
            thousands(r.docs),
            thousands(r.noop_rewritten),
            mark(r.noop_rewritten == 0)
        );
    }
}
