//! Reads many Git objects through one `git cat-file --batch` process instead of one process
//! per file.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// Calls `each(index, bytes)` for every object in `ids`, in order (`None` for a missing
/// object). Returns `None` when `git` cannot be run or its output is cut short.
pub fn read_each(
    root: &Path,
    ids: &[&str],
    mut each: impl FnMut(usize, Option<Vec<u8>>),
) -> Option<()> {
    if ids.is_empty() {
        return Some(());
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let stdout = child.stdout.take()?;
    // Writing every request before reading would deadlock once the pipes fill up: a thread
    // feeds requests while this one reads the answers.
    let requests: String = ids.iter().flat_map(|id| [id, "\n"]).collect();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(requests.as_bytes());
    });
    let mut reader = BufReader::with_capacity(1 << 16, stdout);
    let mut header = String::new();
    let mut complete = true;
    for i in 0..ids.len() {
        header.clear();
        if reader.read_line(&mut header).ok()? == 0 {
            complete = false;
            break;
        }
        // `<id> blob <size>` or `<id> missing`.
        let mut fields = header.split_whitespace();
        let size = match (fields.next(), fields.next(), fields.next()) {
            (Some(_), Some(_), Some(size)) => size.parse::<usize>().ok(),
            _ => None,
        };
        let Some(size) = size else {
            each(i, None);
            continue;
        };
        let mut bytes = vec![0; size];
        let mut newline = [0u8; 1];
        if reader.read_exact(&mut bytes).is_err() || reader.read_exact(&mut newline).is_err() {
            complete = false;
            break;
        }
        each(i, Some(bytes));
    }
    drop(reader);
    let _ = writer.join();
    let _ = child.wait();
    complete.then_some(())
}
