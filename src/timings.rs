//! `ISMSBOOK_TIMINGS=1`: how long each stage of a run took and the memory resident after it,
//! on stderr. Enough to tell which stage a slow handbook spends its time in, without a profiler.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| {
        std::env::var_os("ISMSBOOK_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0")
    })
}

/// Runs `f`, reporting its wall-clock time under `name` when timings are on.
pub fn stage<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let started = Instant::now();
    let result = f();
    eprintln!(
        "timing: {name:<10} {:>7.1} ms{}",
        started.elapsed().as_secs_f64() * 1e3,
        resident()
            .map(|mb| format!(", {mb} MB resident"))
            .unwrap_or_default()
    );
    result
}

/// The process's resident memory now, where the system tells (Linux).
fn resident() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb / 1024)
}
