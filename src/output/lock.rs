//! One writer per output folder: a lock held for the whole build or watch session.

use super::*;

/// Held while a build or a watch session writes an output folder, so that two never write one
/// folder at once (their swaps would collide). An advisory lock (`flock` on Unix), which the
/// system releases when the process ends, however it ends: a killed build never blocks the
/// next one. Its file sits beside the output as `.<name>.ismsbook-lock`, or inside it as
/// `.ismsbook-lock` when the folder beside cannot be written, and is removed on release.
pub(super) struct OutputLock {
    file: std::fs::File,
    path: PathBuf,
    /// Whether the lock is held (file systems without locks: written unlocked).
    locked: bool,
    /// The lock file is inside the output folder: so must the staging be.
    pub(super) inside: bool,
}

pub(super) enum LockFailure {
    Busy(Error),
    Io(std::io::Error),
}

impl OutputLock {
    pub(super) fn acquire(out: &Path) -> Result<OutputLock, Error> {
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".into());
        let beside = out.with_file_name(format!(".{name}{LOCK}"));
        let taken = match OutputLock::take(&beside, out) {
            Err(LockFailure::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
                ) && out.is_dir() =>
            {
                let inner = out.join(LOCK);
                OutputLock::take(&inner, out)
                    .map(|mut lock| {
                        lock.inside = true;
                        lock
                    })
                    .map_err(|f| (f, inner))
            }
            other => other.map_err(|f| (f, beside)),
        };
        taken.map_err(|(f, path)| match f {
            LockFailure::Busy(e) => e,
            LockFailure::Io(e) => Error::io(&path, e),
        })
    }

    fn take(path: &Path, out: &Path) -> Result<OutputLock, LockFailure> {
        use std::io::Write;
        // The holder removes the file when done: a file opened just before that is no longer
        // the lock, and is opened again.
        for _ in 0..20 {
            let mut options = std::fs::OpenOptions::new();
            options.read(true).write(true).create(true).truncate(false);
            // Never through a link (a repository can commit one in the lock's place): opening
            // it would create or open the file it points to, anywhere.
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.custom_flags(libc::O_NOFOLLOW);
            }
            let file = match options.open(path) {
                Ok(file) => file,
                Err(_) if std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) => {
                    return Err(LockFailure::Busy(not_plain(path, out)));
                }
                Err(e) => return Err(LockFailure::Io(e)),
            };
            let locked = match file.try_lock() {
                Ok(()) => true,
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(LockFailure::Busy(busy(out, path)));
                }
                // No locks on this file system: write unlocked rather than not at all.
                Err(std::fs::TryLockError::Error(_)) => false,
            };
            if !is_file_at(&file, path) {
                if std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) {
                    return Err(LockFailure::Busy(not_plain(path, out)));
                }
                continue;
            }
            if locked {
                // For the message another run shows while this one holds the lock.
                let _ = file.set_len(0);
                let _ = (&file).write_all(format!("{}\n", std::process::id()).as_bytes());
                held_locks().push(path.to_path_buf());
            }
            return Ok(OutputLock {
                file,
                path: path.to_path_buf(),
                locked,
                inside: false,
            });
        }
        Err(LockFailure::Busy(busy(out, path)))
    }
}

/// The error when the lock's place holds something else: a link, a folder.
fn not_plain(path: &Path, out: &Path) -> Error {
    Error::Output(format!(
        "{} is not a plain file, so it cannot be ismsbook's lock for {}; remove it, then build again",
        path.display(),
        out.display()
    ))
}

/// The error when another process holds the lock.
pub(super) fn busy(out: &Path, lock: &Path) -> Error {
    let pid = std::fs::read_to_string(lock)
        .ok()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .map(|pid| format!(" (process {pid})"))
        .unwrap_or_default();
    Error::Output(format!(
        "another ismsbook build is writing to {}{pid}: a build, or a watch or serve session. Wait for it to finish (or stop it), then build again; or choose another output folder with -o",
        out.display()
    ))
}

/// Whether `path` is still the very file `file` has open (not removed, nor replaced).
#[cfg(unix)]
pub(super) fn is_file_at(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
pub(super) fn is_file_at(_file: &std::fs::File, path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        if self.locked {
            // Removed while still held, so no other run can have taken it in between.
            if is_file_at(&self.file, &self.path) {
                let _ = std::fs::remove_file(&self.path);
            }
            held_locks().retain(|p| p != &self.path);
        }
        // Closing the file (after this) releases the lock.
    }
}
