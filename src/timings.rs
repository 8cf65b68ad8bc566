//! `ISMSBOOK_TIMINGS=1`: how long each stage of a run took, the processor time the whole
//! process spent meanwhile (all cores; twice the wall time means two busy cores, and stages
//! that run side by side each count the other's), and the memory resident after it, on stderr.
//! Enough to tell which stage a slow handbook spends its time in, and whether it keeps the
//! cores busy, without a profiler.

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
    let cpu_before = cpu_ms();
    let result = f();
    let wall = started.elapsed().as_secs_f64() * 1e3;
    let cpu = cpu_before
        .zip(cpu_ms())
        .map(|(before, after)| format!(", cpu {:>7.1} ms", after - before))
        .unwrap_or_default();
    eprintln!(
        "timing: {name:<10} {wall:>7.1} ms{cpu}{}",
        resident()
            .map(|mb| format!(", {mb} MB resident"))
            .unwrap_or_default()
    );
    result
}

/// The processor time of the whole process so far, in milliseconds (user and system).
#[cfg(unix)]
fn cpu_ms() -> Option<f64> {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: writes one `timespec` that lives on this stack.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) } == 0;
    ok.then(|| t.tv_sec as f64 * 1e3 + t.tv_nsec as f64 / 1e6)
}

#[cfg(not(unix))]
fn cpu_ms() -> Option<f64> {
    None
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
