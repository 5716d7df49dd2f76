//! Writing fixed text back to disk atomically: a temporary file in the same folder, then a
//! rename, keeping permissions, and never over a file that changed since it was read.

use std::{fs, io::Write, path::Path};

/// Replaces the content of `path` with `new_text`, provided the file still holds
/// `original` (the bytes read before linting). On any error the file is left as it was.
pub fn write_atomically(path: &Path, original: &[u8], new_text: &str) -> Result<(), String> {
    let current = fs::read(path).map_err(|e| {
        format!(
            "cannot re-read before writing: {}",
            crate::input::io_reason(&e)
        )
    })?;
    if current != original {
        return Err("changed on disk since it was read; not overwritten".to_string());
    }
    let permissions = fs::metadata(path)
        .map_err(|e| crate::input::io_reason(&e))?
        .permissions();
    replace_through_temp(path, new_text, Some(permissions))
}

/// Writes `content` to `path` (created or replaced) through a temporary file in the same
/// folder and a rename, so readers never see a half-written file.
pub fn write_file_atomically(path: &Path, content: &str) -> Result<(), String> {
    replace_through_temp(path, content, None)
}

/// Writes `content` to a temporary file beside `path`, flushes it, gives it `permissions`, and
/// renames it over `path`.
fn replace_through_temp(
    path: &Path,
    content: &str,
    permissions: Option<fs::Permissions>,
) -> Result<(), String> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".mtlint-")
        .tempfile_in(folder)
        .map_err(|e| {
            format!(
                "cannot create a temporary file in {}: {}",
                folder.display(),
                crate::input::io_reason(&e)
            )
        })?;
    temp.write_all(content.as_bytes())
        .map_err(|e| format!("cannot write: {e}"))?;
    temp.as_file()
        .sync_all()
        .map_err(|e| format!("cannot flush: {e}"))?;
    if let Some(permissions) = permissions {
        fs::set_permissions(temp.path(), permissions)
            .map_err(|e| format!("cannot keep permissions: {e}"))?;
    }
    temp.persist(path)
        .map_err(|e| format!("cannot replace the file: {}", e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_file_changed_since_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "new content").unwrap();
        let err = write_atomically(&path, b"old content", "fixed").unwrap_err();
        assert!(err.contains("changed on disk"));
        assert_eq!(fs::read_to_string(&path).unwrap(), "new content");
    }

    #[test]
    fn replaces_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomically(&path, b"old", "fixed").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "fixed");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left behind"
        );
    }
}
