//! Interrupts: SIGINT, SIGTERM and SIGHUP end a build cleanly, its staging folders and lock
//! files removed, the previous site as it was.

use super::*;

/// Signal number that interrupted the run (0: none).
pub(super) static INTERRUPTED: AtomicI32 = AtomicI32::new(0);
/// Staging folders (and old sites being removed) of this process: what an interrupt removes.
pub(super) static ACTIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Lock files this process holds: an interrupt removes them too (the locks themselves go with
/// the process).
pub(super) static LOCKS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

pub(super) fn active() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    ACTIVE.lock().unwrap_or_else(|e| e.into_inner())
}

pub(super) fn held_locks() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    LOCKS.lock().unwrap_or_else(|e| e.into_inner())
}

/// A thread that must not go on once the process is being interrupted waits here for the
/// interrupt handler to remove the staging folder and end the process.
pub(super) fn halt_if_interrupted() {
    if INTERRUPTED.load(Ordering::SeqCst) != 0 {
        halt();
    }
}

pub(super) fn halt() -> ! {
    loop {
        std::thread::park();
    }
}

/// Makes SIGINT, SIGTERM and SIGHUP (Ctrl-C on Windows) end the process cleanly: the staging
/// folder of a build in progress is removed, the previous site stays as it was, and the exit
/// status is 128 + the signal number (130 for SIGINT, 143 for SIGTERM). Returns once the
/// handler is in place. For `build`; watch and serve handle their own shutdown.
pub fn clean_up_on_interrupt() -> Result<(), Error> {
    static INSTALLED: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    INSTALLED
        .get_or_init(|| crate::signals::on_interrupt(|signo| interrupted(signo)))
        .clone()
        .map_err(|e| Error::Output(format!("cannot handle interrupts: {e}")))
}

/// The interrupt itself: stop writers, remove what this process staged, exit 128 + signo.
pub(super) fn interrupted(signo: i32) -> ! {
    INTERRUPTED.store(signo, Ordering::SeqCst);
    // Held until exit: no staging folder is created, and no swap starts, after this point.
    let dirs = active();
    for dir in dirs.iter() {
        remove_all_eventually(dir);
    }
    for lock in held_locks().iter() {
        let _ = std::fs::remove_file(lock);
    }
    // After a swap only the old site is left to delete: the new one is already in place.
    if dirs
        .iter()
        .any(|d| d.extension().is_none_or(|x| x != "old"))
    {
        eprintln!("interrupted: the unfinished build was removed; the previous site is unchanged");
    } else {
        eprintln!("interrupted");
    }
    std::process::exit(128 + signo)
}

/// Removes `dir`, retrying while writers that were mid-file when the interrupt came finish.
pub(super) fn remove_all_eventually(dir: &Path) {
    for _ in 0..200 {
        let _ = std::fs::remove_dir_all(dir);
        if std::fs::symlink_metadata(dir).is_err() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}
