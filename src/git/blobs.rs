//! Reads many Git objects through one `git cat-file --batch` process instead of one process
//! per file.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::Stdio;

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
    // One id per line: anything else would ask for other objects and shift every answer.
    if !ids.iter().all(|id| super::is_object_id(id)) {
        return None;
    }
    let mut child = super::command(root)
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
    for (i, &asked) in ids.iter().enumerate() {
        header.clear();
        if reader.read_line(&mut header).ok()? == 0 {
            complete = false;
            break;
        }
        // `<id> <type> <size>` then the bytes, or `<id> missing`. Any other answer (which git
        // does not give) leaves unknown where the next one starts: the rest is not read, so
        // no object's bytes are ever taken for another's.
        let fields: Vec<&str> = header.trim_end_matches('\n').split(' ').collect();
        let (is_blob, size) = match fields[..] {
            [id, "missing"] if id == asked => {
                each(i, None);
                continue;
            }
            [id, kind, size] if id == asked => match size.parse::<usize>() {
                Ok(size) => (kind == "blob", size),
                Err(_) => {
                    complete = false;
                    break;
                }
            },
            _ => {
                complete = false;
                break;
            }
        };
        let mut bytes = vec![0; size];
        let mut newline = [0u8; 1];
        if reader.read_exact(&mut bytes).is_err() || reader.read_exact(&mut newline).is_err() {
            complete = false;
            break;
        }
        each(i, is_blob.then_some(bytes));
    }
    drop(reader);
    let _ = writer.join();
    let _ = child.wait();
    complete.then_some(())
}
