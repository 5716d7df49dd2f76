//! Writing to disk without losing a byte: fixed files and reports are written to a temporary
//! file in the same folder, given the metadata of the file they replace, flushed, and renamed
//! over it.
//!
//! A fixed file is replaced only when that is safe: a symbolic link is followed and its target
//! fixed in place; a file that is not a regular file, that has several hard links, that is
//! read-only (unless allowed), or whose owner, group or extended attributes the replacement
//! could not keep, is refused with a message. The file must still hold the bytes that were
//! linted, checked once more just before the replacement. The replacement swaps the two files
//! atomically where the file system can (Linux `renameat2`), so that the replaced file can be
//! checked again: if another program wrote or replaced it between the last check and the swap,
//! the swap is undone and its version kept. Elsewhere the temporary file is renamed over the
//! original, and a write that reached the original meanwhile is copied back.

mod metadata;
mod temp;

pub use temp::{TEMP_PREFIX, install_interrupt_cleanup};

use crate::{
    hooks::{self, Stage},
    input::io_reason,
};
use metadata::{Kept, Stamp, kind_name};
use std::{
    fs,
    io::{Read, Seek, Write},
    path::{Path, PathBuf},
};
use temp::{Displaced, Temp, sync_folder};

/// How careful a replacement must be about the file it replaces.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions {
    /// Replace a read-only file (keeping it read-only) instead of refusing.
    pub allow_read_only: bool,
}

/// Replaces the content of `path` (a symbolic link is followed) with `fixed`, provided the file
/// still holds `original`, the bytes that were linted. On any error the file is left as it was,
/// or as another program left it.
pub fn write_fixed(
    path: &Path,
    original: &[u8],
    fixed: &[u8],
    options: WriteOptions,
) -> Result<(), String> {
    let target = resolve(path)?;
    // Checked before opening: opening a FIFO would wait for a writer.
    let named = fs::metadata(&target)
        .map_err(|e| format!("cannot re-read before writing: {}", io_reason(&e)))?;
    refuse_unsafe(&named, options, "fixes are not written")?;
    let file = fs::File::open(&target)
        .map_err(|e| format!("cannot re-read before writing: {}", io_reason(&e)))?;
    let meta = metadata_of(&file)?;
    if Stamp::of(&meta).identity() != Stamp::of(&named).identity() {
        return Err("changed on disk since it was read; not overwritten".to_string());
    }
    let current = read_from_start(&file)?;
    if current != original {
        return Err("changed on disk since it was read; not overwritten".to_string());
    }
    let stamp = Stamp::of(&metadata_of(&file)?);
    let kept = Kept::of(&file, &meta)?;
    hooks::run(Stage::BeforeTemp, &target);
    let mut temp = Temp::beside(&target, 0o600)?;
    temp.write_and_sync(fixed)?;
    kept.apply_to(temp.file())?;
    let written = Stamp::of(&metadata_of(temp.file())?);
    hooks::run(Stage::BeforeFinalCheck, &target);
    let now = fs::metadata(&target)
        .map_err(|e| format!("cannot check before writing: {}", io_reason(&e)))?;
    if Stamp::of(&now) != stamp {
        return Err("changed on disk while being fixed; not overwritten".to_string());
    }
    hooks::run(Stage::BeforeRename, &target);
    temp.replace(&target, |displaced| {
        hooks::run(Stage::AfterRename, &target);
        match displaced {
            // The original, swapped out: it must be the file that was read, unchanged;
            // otherwise the swap is undone.
            Displaced::Aside(aside) => {
                let moved = fs::symlink_metadata(aside)
                    .map_err(|e| format!("cannot check after writing: {}", io_reason(&e)))?;
                if Stamp::of(&moved).identity() != stamp.identity() {
                    return Err("was replaced by another program while being fixed; its \
                                version is kept"
                        .to_string());
                }
                let after = read_from_start(&file)?;
                if after != original || Stamp::of(&moved).content_differs(&stamp) {
                    return Err("was modified by another program while being fixed; its \
                                version is kept"
                        .to_string());
                }
                Ok(())
            }
            // Renamed over: a write that reached the original between the last check and the
            // rename went to the file just replaced; put that version back.
            Displaced::Gone => {
                sync_folder(&target);
                let after = read_from_start(&file)?;
                if after != original || Stamp::of(&metadata_of(&file)?).content_differs(&stamp) {
                    return Err(put_back(&target, &after, &kept, &written));
                }
                Ok(())
            }
        }
    })?;
    sync_folder(&target);
    Ok(())
}

/// Puts `content`, the version another program wrote while the file was being fixed, back in
/// place of the fixed file (the one with stamp `ours`), and says what happened.
fn put_back(target: &Path, content: &[u8], kept: &Kept, ours: &Stamp) -> String {
    let still_ours =
        fs::metadata(target).is_ok_and(|m| Stamp::of(&m).identity() == ours.identity());
    if !still_ours {
        return "was replaced by another program while being fixed; its version is kept"
            .to_string();
    }
    let restored = Temp::beside(target, 0o600).and_then(|mut temp| {
        temp.write_and_sync(content)?;
        kept.apply_to(temp.file())?;
        temp.persist(target)
    });
    sync_folder(target);
    match restored {
        Ok(()) => "was modified by another program while being fixed; its version was put back, \
                   without the fixes"
            .to_string(),
        Err(e) => format!(
            "was modified by another program while being fixed, and its version could not be \
             put back ({e}); the fixed text is in place"
        ),
    }
}

/// Writes a report (`--output-file`, `--write-baseline`) to `path`. A FIFO or a device
/// (`/dev/null`, `/dev/stdout`) is written to, never replaced. A regular file is replaced through
/// a temporary file keeping its mode, owner, group and extended attributes; a new file gets the
/// mode the umask allows.
pub fn write_report(path: &Path, content: &[u8]) -> Result<(), String> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err("is a folder".to_string()),
        Ok(meta) if !meta.is_file() => {
            let mut out = fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| format!("cannot open {}: {}", kind_name(&meta), io_reason(&e)))?;
            out.write_all(content)
                .and_then(|()| out.flush())
                .map_err(|e| format!("cannot write: {}", io_reason(&e)))
        }
        Ok(named) => {
            refuse_unsafe(&named, WriteOptions::default(), "not replaced")?;
            let target = resolve(path)?;
            let file =
                fs::File::open(&target).map_err(|e| format!("cannot open: {}", io_reason(&e)))?;
            let meta = metadata_of(&file)?;
            let kept = Kept::of(&file, &meta)?;
            let mut temp = Temp::beside(&target, 0o600)?;
            temp.write_and_sync(content)?;
            kept.apply_to(temp.file())?;
            temp.persist(&target)?;
            sync_folder(&target);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if fs::symlink_metadata(path).is_ok() {
                return Err("is a symbolic link to nothing".to_string());
            }
            let mut temp = Temp::beside(path, 0o666)?;
            temp.write_and_sync(content)?;
            temp.persist(path)?;
            sync_folder(path);
            Ok(())
        }
        Err(e) => Err(io_reason(&e)),
    }
}

/// Writes `content` to `path` like [`write_report`].
pub fn write_file_atomically(path: &Path, content: &str) -> Result<(), String> {
    write_report(path, content.as_bytes())
}

/// The file a path names, symbolic links followed.
fn resolve(path: &Path) -> Result<PathBuf, String> {
    fs::canonicalize(path).map_err(|e| format!("cannot resolve the path: {}", io_reason(&e)))
}

fn metadata_of(file: &fs::File) -> Result<fs::Metadata, String> {
    file.metadata()
        .map_err(|e| format!("cannot read its metadata: {}", io_reason(&e)))
}

/// Refuses to replace what a rename would damage: a file that is not a regular file, a file
/// with several hard links, a read-only file (unless allowed).
fn refuse_unsafe(meta: &fs::Metadata, options: WriteOptions, outcome: &str) -> Result<(), String> {
    if !meta.is_file() {
        return Err(format!("is {}; {outcome}", kind_name(meta)));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(format!(
                "has {} hard links, which a replacement would separate; {outcome}",
                meta.nlink()
            ));
        }
    }
    if meta.permissions().readonly() && !options.allow_read_only {
        let hint = if outcome == "fixes are not written" {
            " (--fix-read-only fixes it and keeps it read-only)"
        } else {
            ""
        };
        return Err(format!("is read-only; {outcome}{hint}"));
    }
    Ok(())
}

/// The whole content of `file`, read from its start.
fn read_from_start(mut file: &fs::File) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    file.rewind()
        .and_then(|()| file.read_to_end(&mut bytes))
        .map_err(|e| format!("cannot re-read before writing: {}", io_reason(&e)))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_file_changed_since_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "new content").unwrap();
        let err =
            write_fixed(&path, b"old content", b"fixed", WriteOptions::default()).unwrap_err();
        assert!(err.contains("changed on disk"));
        assert_eq!(fs::read_to_string(&path).unwrap(), "new content");
    }

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).unwrap().permissions().mode() & 0o7777
    }

    #[cfg(unix)]
    #[test]
    fn replaces_and_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_fixed(&path, b"old", b"fixed", WriteOptions::default()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "fixed");
        assert_eq!(mode(&path), 0o640);
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left behind"
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        let link = dir.path().join("link.txt");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink("real.txt", &link).unwrap();
        write_fixed(&link, b"old", b"fixed", WriteOptions::default()).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "fixed");
    }

    #[cfg(unix)]
    #[test]
    fn hard_links_and_read_only_files_are_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "old").unwrap();
        fs::hard_link(&path, dir.path().join("b.txt")).unwrap();
        let err = write_fixed(&path, b"old", b"new", WriteOptions::default()).unwrap_err();
        assert!(err.contains("2 hard links"), "{err}");
        fs::remove_file(dir.path().join("b.txt")).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        let err = write_fixed(&path, b"old", b"new", WriteOptions::default()).unwrap_err();
        assert!(err.contains("read-only"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        let allow = WriteOptions {
            allow_read_only: true,
        };
        write_fixed(&path, b"old", b"new", allow).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(mode(&path), 0o444);
    }

    #[cfg(unix)]
    #[test]
    fn reports_respect_the_umask_and_the_existing_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("fresh.json");
        write_report(&fresh, b"{}").unwrap();
        // The umask of the test process decides; 0600 is what a temporary file gets alone.
        let umask = {
            let probe = dir.path().join("probe");
            fs::write(&probe, "").unwrap();
            0o666 & !mode(&probe)
        };
        assert_eq!(mode(&fresh), 0o666 & !umask);
        let existing = dir.path().join("existing.json");
        fs::write(&existing, "old").unwrap();
        fs::set_permissions(&existing, fs::Permissions::from_mode(0o604)).unwrap();
        write_report(&existing, b"new").unwrap();
        assert_eq!(mode(&existing), 0o604);
        assert_eq!(fs::read_to_string(&existing).unwrap(), "new");
    }
}
