//! Which output folders may be replaced at all, and which only with `--force`.

use super::incremental::is_temporary;
use super::*;

/// An output folder that passed [`resolve`].
pub(super) struct OutputTarget {
    /// Absolute, `..` and symbolic links resolved (a link given as the output: its target).
    pub(super) out: PathBuf,
    /// The content folder, resolved.
    pub(super) root: PathBuf,
    /// How messages name it: as given, and where a link leads.
    pub(super) shown: String,
}

/// The output folder to write, resolved, once its place rules nothing out: not `/`, the home
/// folder or one of its parents, the content folder or one of its parents, the theme folder or
/// a folder inside it, a Git repository's own folder (`.git`, or a bare repository) or a folder
/// inside one. A symbolic link is followed (the site goes into the folder it points to, and the
/// link stays), and all of this applies to both; a link to nothing is refused.
pub(super) fn resolve(out: &Path, content_root: &Path) -> Result<OutputTarget, Error> {
    let given = absolute(out)?;
    let root = content_root
        .canonicalize()
        .map_err(|e| Error::io(content_root, e))?;
    let real = match std::fs::symlink_metadata(&given) {
        Ok(meta) if meta.file_type().is_symlink() => match given.canonicalize() {
            Ok(real) => real,
            Err(e) => {
                let to = std::fs::read_link(&given)
                    .map(|t| t.display().to_string())
                    .unwrap_or_else(|_| "?".into());
                return Err(Error::Output(format!(
                    "{} is a symbolic link to {to}, which cannot be followed ({e}); ismsbook writes the site into the folder a link points to. Create that folder, or point -o at a folder",
                    given.display()
                )));
            }
        },
        Ok(_) => given.canonicalize().unwrap_or_else(|_| given.clone()),
        Err(_) => given.clone(),
    };
    let shown = if real == given {
        given.display().to_string()
    } else {
        format!("{} (a link to {})", given.display(), real.display())
    };
    let refuse = |what: String| {
        Err(Error::Output(format!(
            "{shown} {what}; refusing to replace it, even with --force. Choose an output folder inside or beside the content folder that holds only the site (e.g. -o site)"
        )))
    };
    let home = home_folder();
    let theme = root.join("theme");
    for o in [&given, &real] {
        if o.parent().is_none() {
            return refuse("is the root of the file system".into());
        }
        if *o == root {
            return refuse("is the content folder".into());
        }
        if root.starts_with(o) {
            return refuse("contains the content folder".into());
        }
        if let Some(home) = &home {
            if o == home {
                return refuse("is your home folder".into());
            }
            if home.starts_with(o) {
                return refuse("contains your home folder".into());
            }
        }
        if *o == theme {
            return refuse("is the theme folder of the content folder".into());
        }
        if o.starts_with(&theme) {
            return refuse("is inside the theme folder of the content folder".into());
        }
        if o.file_name().is_some_and(|n| n == ".git") {
            return refuse("is a Git repository's folder (.git)".into());
        }
        if o.components().any(|c| c.as_os_str() == ".git") {
            return refuse("is inside a Git repository's folder (.git)".into());
        }
        if let Some(git) = o.ancestors().find(|a| is_git_dir(a)) {
            return refuse(if git == o.as_path() {
                "is a Git repository".into()
            } else {
                format!("is inside the Git repository {}", git.display())
            });
        }
    }
    Ok(OutputTarget {
        out: real,
        root,
        shown,
    })
}

/// A Git repository's own folder (`.git`, or a bare repository): `HEAD`, `objects/`, `refs/`.
pub(super) fn is_git_dir(dir: &Path) -> bool {
    dir.join("HEAD").is_file() && dir.join("objects").is_dir() && dir.join("refs").is_dir()
}

/// `$HOME` (`%USERPROFILE%` on Windows), resolved, when set.
pub(super) fn home_folder() -> Option<PathBuf> {
    let var = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    let home = PathBuf::from(std::env::var_os(var).filter(|v| !v.is_empty())?);
    Some(home.canonicalize().unwrap_or(home))
}

/// `p` made absolute with its folders resolved (`..` and symbolic links, as far as they
/// exist), so comparisons with the content root hold. The last name stays as given: it may be a
/// link, which [`resolve`] follows knowingly.
pub(super) fn absolute(p: &Path) -> Result<PathBuf, Error> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io(p, e))?
            .join(p)
    };
    let (dir, name) = match (abs.components().next_back(), abs.parent()) {
        (Some(Component::Normal(name)), Some(parent)) => (parent.to_path_buf(), Some(name)),
        // Ends in `..` (or is `/`): all of it is folders.
        _ => (abs.clone(), None),
    };
    let mut missing = Vec::new();
    let mut base = None;
    for a in dir.ancestors() {
        if let Ok(real) = a.canonicalize() {
            base = Some(real);
            break;
        }
        if let Some(c) = a.components().next_back() {
            missing.push(c);
        }
    }
    let Some(mut resolved) = base else {
        return Ok(abs);
    };
    // Folders that do not exist yet cannot be links: `..` among them is plain.
    for c in missing.into_iter().rev() {
        match c {
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(n) => resolved.push(n),
            _ => {}
        }
    }
    if let Some(name) = name {
        resolved.push(name);
    }
    Ok(resolved)
}

/// What [`survey`] found in an output folder.
#[derive(Default)]
pub(super) struct Contents {
    /// Anything at all, ismsbook's own bookkeeping aside.
    any: bool,
    /// Files ismsbook did not write (not in the marker).
    foreign: Vec<String>,
    /// A `.git` entry: a repository, work tree or submodule.
    git: Option<String>,
    /// Foreign files that are content sources (`.md`, `ismsbook.toml`, `soa.yaml`).
    sources: Vec<String>,
}

/// Whether the existing folder `out` may be replaced. Never, even with `--force`, when it is not
/// a folder, holds a `.git` entry, or lies in the content folder and holds content sources
/// ismsbook did not write (it is part of the content, not a site). Otherwise, without
/// `--force`, only when it is empty or ismsbook wrote it and holds nothing else. Checked in
/// that order, so a refusal suggests `--force` only where `--force` would do.
/// What `--force` may do to one output folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Force {
    No,
    Yes,
    /// Asked for, but the folder is inside the content folder and is not its configured
    /// output: what is in it may belong to the content, so it is treated as without `--force`.
    NotHere,
}

impl Force {
    pub(super) fn of(opts: &ReplaceRules, out: &Path, root: &Path) -> Force {
        if !opts.force {
            return Force::No;
        }
        let configured = opts
            .configured
            .as_deref()
            .and_then(|c| absolute(c).ok())
            .map(|c| c.canonicalize().unwrap_or(c));
        if !out.starts_with(root) || configured.as_deref() == Some(out) {
            Force::Yes
        } else {
            Force::NotHere
        }
    }

    /// What a refusal says about `--force`.
    fn hint(self) -> &'static str {
        match self {
            Force::NotHere => ". --force does not apply here: inside the content folder it replaces only the configured output (`output` in ismsbook.toml, else `site`), so that it never deletes what belongs to the content; set `output` to this folder, or empty it yourself",
            _ => "",
        }
    }
}

pub(super) fn inspect(out: &Path, shown: &str, root: &Path, force: Force) -> Result<(), Error> {
    let meta = match std::fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(out, e)),
    };
    if !meta.is_dir() {
        return Err(Error::Output(format!(
            "{} exists and is not a folder; refusing to replace it, even with --force. Remove it yourself, or choose another output folder with -o",
            shown
        )));
    }
    let manifest = std::fs::read_to_string(out.join(MARKER)).ok();
    let known: BTreeSet<&str> = marker_lines(manifest.as_deref().unwrap_or("")).collect();
    let mut found = Contents::default();
    survey(out, out, &known, out.starts_with(root), &mut found);
    if let Some(git) = &found.git {
        return Err(Error::Output(format!(
            "{} holds a Git repository ({git}); refusing to replace it, even with --force, as that would delete it. Choose another output folder with -o (one that holds only the site)",
            shown
        )));
    }
    if !found.sources.is_empty() {
        return Err(Error::Output(format!(
            "{} holds content sources of {} ({}); refusing to replace it, even with --force, as that would delete them. Choose an output folder that holds only the site (e.g. -o site)",
            shown,
            root.display(),
            listing(&found.sources)
        )));
    }
    if force == Force::Yes || !found.any {
        return Ok(());
    }
    if manifest.is_none() {
        let advice = match force {
            Force::No => "Choose another folder with -o, empty it yourself, or pass --force to `build` to replace it and everything in it",
            _ => "Choose another folder with -o",
        };
        return Err(Error::Output(format!(
            "{} is not empty and was not written by ismsbook (no {MARKER} file); refusing to replace it. {advice}{}",
            shown,
            force.hint()
        )));
    }
    if found.foreign.is_empty() {
        return Ok(());
    }
    let advice = match force {
        Force::No => " (--force to `build` deletes them)",
        _ => "",
    };
    Err(Error::Output(format!(
        "{} holds {} file(s) ismsbook did not write ({}); refusing to delete them. Move them out of the output folder, or keep them in the content folder and link to them{advice}{}",
        shown,
        found.foreign.len(),
        listing(&found.foreign),
        force.hint()
    )))
}

/// The first few of `paths`, sorted, for a message.
pub(super) fn listing(paths: &[String]) -> String {
    let mut sorted: Vec<&str> = paths.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    let shown: Vec<&str> = sorted.iter().take(5).copied().collect();
    format!(
        "{}{}",
        shown.join(", "),
        if sorted.len() > 5 { ", …" } else { "" }
    )
}

/// Walks the output folder `base` (symbolic links are not followed), noting what it holds.
/// A file system's own folder at the top of a mount point (`lost+found` on ext4 volumes): not
/// the site's, not foreign, never moved or removed.
pub(super) fn is_file_systems_own(entry: &std::fs::DirEntry) -> bool {
    entry.file_name() == "lost+found" && entry.file_type().is_ok_and(|t| t.is_dir())
}

pub(super) fn survey(
    base: &Path,
    dir: &Path,
    known: &BTreeSet<&str>,
    in_content: bool,
    found: &mut Contents,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(_) => {
            // What cannot be seen cannot be known to be ismsbook's.
            if dir != base {
                found.foreign.push(rel_of(base, dir));
            }
            return;
        }
    };
    let mount_point = dir == base && is_mount_point(base);
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if dir == base && is_own_entry(&name) {
            continue;
        }
        if mount_point && is_file_systems_own(&entry) {
            continue;
        }
        found.any = true;
        let path = entry.path();
        let rel = rel_of(base, &path);
        if name == ".git" {
            found.git.get_or_insert(rel);
            continue;
        }
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            survey(base, &path, known, in_content, found);
            continue;
        }
        // A watch session killed mid-render leaves its temporaries; they are ismsbook's own.
        // ismsbook writes only plain files: a symbolic link is never its own, whatever the
        // marker says (`watch` would write through it).
        if ft.is_file() && (rel == MARKER || known.contains(rel.as_str()) || is_temporary(&name)) {
            continue;
        }
        if in_content && is_source_name(&name) {
            found.sources.push(rel.clone());
        }
        found.foreign.push(rel);
    }
}

/// A file the content folder is made of: a document, the configuration or the SoA.
pub(super) fn is_source_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md")
        || lower == crate::config::FILE_NAME
        || lower == crate::model::soa::FILE_NAME
}

/// `/`-separated path of `path` relative to `base`.
pub(super) fn rel_of(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .ok()
        .map(|r| {
            r.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        })
        .unwrap_or_default()
}

/// Whether `dir` is a mount point (its own file system, or a bind mount): such a folder cannot
/// be renamed, so the site is swapped in file by file instead.
pub(super) fn is_mount_point(dir: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(dir) else {
        return false;
    };
    if !meta.is_dir() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Some(parent) = dir.parent() {
            if std::fs::metadata(parent).is_ok_and(|p| p.dev() != meta.dev()) {
                return true;
            }
        }
    }
    #[cfg(target_os = "linux")]
    {
        // A bind mount of a folder of the same file system has the same device number.
        use std::os::unix::ffi::OsStrExt;
        if let Ok(info) = std::fs::read("/proc/self/mountinfo") {
            let wanted = dir.as_os_str().as_bytes();
            return info
                .split(|&b| b == b'\n')
                .filter_map(|line| line.split(|&b| b == b' ').nth(4))
                .any(|point| unescape_mount_point(point) == wanted);
        }
    }
    false
}

/// A mount point as `/proc/self/mountinfo` writes it: space, tab, newline and backslash as
/// `\ooo` octal escapes.
#[cfg(target_os = "linux")]
pub(super) fn unescape_mount_point(field: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(field.len());
    let mut i = 0;
    while i < field.len() {
        let octal = field
            .get(i + 1..i + 4)
            .filter(|d| field[i] == b'\\' && d.iter().all(|b| (b'0'..=b'7').contains(b)))
            .map(|d| d.iter().fold(0u32, |acc, b| acc * 8 + u32::from(b - b'0')))
            .and_then(|v| u8::try_from(v).ok());
        match octal {
            Some(byte) => {
                out.push(byte);
                i += 4;
            }
            None => {
                out.push(field[i]);
                i += 1;
            }
        }
    }
    out
}
