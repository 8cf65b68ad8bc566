//! Front matter as text, and the file with it written in place: the body's bytes untouched, a
//! BOM kept first, the file's line endings used, one atomic rename.

use std::io::Write;
use std::path::Path;
use yaml_rust2::{Yaml, YamlEmitter};

/// `s` as a YAML scalar, quoted by the YAML library when plain text would read as something
/// else (`: `, `#`, `yes`, `1.0`, a leading `-`, …).
pub fn scalar(s: &str) -> String {
    let mut out = String::new();
    let mut emitter = YamlEmitter::new(&mut out);
    if emitter.dump(&Yaml::String(s.to_owned())).is_err() {
        return format!("{s:?}");
    }
    out.strip_prefix("---").unwrap_or(&out).trim().to_owned()
}

/// `s` in double quotes; only for values made of letters, digits, `.` and `-` (versions,
/// control ids), which need no escape.
pub fn quoted(s: &str) -> String {
    debug_assert!(s
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-'));
    format!("\"{s}\"")
}

/// The front-matter block from its `key: value` lines, with `newline` after each line.
pub fn block(lines: &[String], newline: &str) -> String {
    let mut out = format!("---{newline}");
    for l in lines {
        out.push_str(l);
        out.push_str(newline);
    }
    out.push_str("---");
    out.push_str(newline);
    out
}

/// The line ending a file uses: that of its first line (CRLF files stay CRLF).
pub fn newline_of(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// The file's new bytes: a BOM stays first, then the front matter, then every byte of the
/// rest as it was.
pub fn with_front_matter(original: &[u8], front_matter: &str) -> Vec<u8> {
    const BOM: &[u8] = "\u{feff}".as_bytes();
    let (bom, rest) = match original.strip_prefix(BOM) {
        Some(rest) => (BOM, rest),
        None => (&[][..], original),
    };
    let mut out = Vec::with_capacity(original.len() + front_matter.len());
    out.extend_from_slice(bom);
    out.extend_from_slice(front_matter.as_bytes());
    out.extend_from_slice(rest);
    out
}

/// Replaces `path` with `bytes` by a rename from a temporary file beside it (same folder, so
/// the rename is atomic), with the file's permissions. Refused when the file no longer holds
/// `original` (changed since it was read), and never through a symbolic link.
pub fn replace(path: &Path, original: &[u8], bytes: &[u8]) -> std::io::Result<()> {
    let meta = std::fs::symlink_metadata(path)?;
    if !meta.file_type().is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    let dir = path
        .parent()
        .ok_or_else(|| std::io::Error::other("no folder"))?;
    let tmp = write_beside(dir, "tmp", bytes, Some(meta.permissions()))?;
    let result = (|| {
        if std::fs::read(path)? != original {
            return Err(std::io::Error::other(
                "the file changed while ismsbook adopt was reading it; run it again",
            ));
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// `bytes` in a new file in `dir`, synced, under a hidden name (so neither a build nor `watch`
/// takes it for a document if it is left behind); its path. Removed again if writing fails.
fn write_beside(
    dir: &Path,
    suffix: &str,
    bytes: &[u8],
    permissions: Option<std::fs::Permissions>,
) -> std::io::Result<std::path::PathBuf> {
    let tmp = dir.join(format!(".ismsbook-adopt-{}.{suffix}", std::process::id()));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)?;
    let written = (|| {
        file.write_all(bytes)?;
        if let Some(p) = permissions {
            file.set_permissions(p)?;
        }
        file.sync_all()
    })();
    drop(file);
    match written {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Creates `path` with `bytes` (a new `soa.yaml`): written beside it under a hidden name, then
/// linked into place, so a file that appeared meanwhile is never overwritten.
pub fn create(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| std::io::Error::other("no folder"))?;
    let tmp = write_beside(dir, "new", bytes, None)?;
    let result = (|| {
        // A hard link fails when the target exists: no race with another writer. A file system
        // without hard links gets the file written in place, still never over another.
        match std::fs::hard_link(&tmp, path) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                let mut file = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(path)?;
                file.write_all(bytes)?;
                file.sync_all()
            }
            linked => linked,
        }
    })();
    let _ = std::fs::remove_file(&tmp);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_quoted_when_yaml_would_misread_them() {
        assert_eq!(scalar("Access Control Policy"), "Access Control Policy");
        for tricky in [
            "Policy: Access",
            "Policy #1",
            "yes",
            "1.0",
            "- list",
            "@acme/security",
            "a \"quote\"",
            "",
            "'single'",
            "[x]",
        ] {
            let s = scalar(tricky);
            let back = yaml_rust2::YamlLoader::load_from_str(&format!("k: {s}")).unwrap();
            assert_eq!(back[0]["k"].as_str(), Some(tricky), "{tricky:?} as {s}");
        }
    }

    #[test]
    fn bom_stays_first_and_newlines_follow_the_file() {
        assert_eq!(newline_of("a\r\nb\n"), "\r\n");
        assert_eq!(newline_of("a\nb\r\n"), "\n");
        assert_eq!(newline_of("one line"), "\n");
        let fm = block(&["id: X".to_owned()], "\r\n");
        assert_eq!(fm, "---\r\nid: X\r\n---\r\n");
        let out = with_front_matter("\u{feff}# T\r\n".as_bytes(), &fm);
        assert_eq!(out, "\u{feff}---\r\nid: X\r\n---\r\n# T\r\n".as_bytes());
    }
}
