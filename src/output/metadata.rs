//! What a replaced file keeps: owner, group, mode and extended attributes (which also hold
//! ACLs and security labels), copied onto the temporary file before the rename. What cannot be
//! copied stops the replacement with a message saying what would be lost.

use crate::input::io_reason;
use std::{fs, time::SystemTime};

/// The metadata of a file that its replacement must carry.
#[derive(Debug, Clone)]
pub struct Kept {
    #[cfg(unix)]
    uid: u32,
    #[cfg(unix)]
    gid: u32,
    permissions: fs::Permissions,
    #[cfg(unix)]
    xattrs: Vec<(std::ffi::OsString, Vec<u8>)>,
}

impl Kept {
    /// Reads what `file` (open, with metadata `meta`) must keep.
    pub fn of(file: &fs::File, meta: &fs::Metadata) -> Result<Kept, String> {
        let _ = file;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            use xattr::FileExt;
            let mut xattrs = Vec::new();
            match file.list_xattr() {
                Ok(names) => {
                    for name in names {
                        match file.get_xattr(&name) {
                            Ok(Some(value)) => xattrs.push((name, value)),
                            Ok(None) => {}
                            Err(e) => {
                                return Err(format!(
                                    "cannot read its extended attribute `{}`: {}",
                                    name.to_string_lossy(),
                                    io_reason(&e)
                                ));
                            }
                        }
                    }
                }
                // A file system without extended attributes: nothing to keep.
                Err(e) if e.kind() == std::io::ErrorKind::Unsupported => {}
                Err(e) => {
                    return Err(format!(
                        "cannot list its extended attributes: {}",
                        io_reason(&e)
                    ));
                }
            }
            Ok(Kept {
                uid: meta.uid(),
                gid: meta.gid(),
                permissions: meta.permissions(),
                xattrs,
            })
        }
        #[cfg(not(unix))]
        Ok(Kept {
            permissions: meta.permissions(),
        })
    }

    /// Gives `temp` the owner, group, extended attributes and mode of the original, in that
    /// order (a change of owner clears set-id bits and file capabilities, so they come after).
    pub fn apply_to(&self, temp: &fs::File) -> Result<(), String> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            use xattr::FileExt;
            let now = temp
                .metadata()
                .map_err(|e| format!("cannot read the temporary file: {}", io_reason(&e)))?;
            if now.uid() != self.uid || now.gid() != self.gid {
                std::os::unix::fs::fchown(temp, Some(self.uid), Some(self.gid)).map_err(|e| {
                    let what = if now.uid() != self.uid {
                        format!("owner (uid {})", self.uid)
                    } else {
                        format!("group (gid {})", self.gid)
                    };
                    format!("cannot keep its {what}: {}; not rewritten", io_reason(&e))
                })?;
            }
            for (name, value) in &self.xattrs {
                let same = temp.get_xattr(name).ok().flatten().as_deref() == Some(value);
                if !same {
                    temp.set_xattr(name, value).map_err(|e| {
                        format!(
                            "cannot keep its extended attribute `{}`: {}; not rewritten",
                            name.to_string_lossy(),
                            io_reason(&e)
                        )
                    })?;
                }
            }
        }
        temp.set_permissions(self.permissions.clone()).map_err(|e| {
            format!(
                "cannot keep its permissions: {}; not rewritten",
                io_reason(&e)
            )
        })
    }
}

/// What says whether a file changed: where it is (device, inode) and its size and times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    identity: (u64, u64),
    len: u64,
    modified: Option<SystemTime>,
    changed: (i64, i64),
}

impl Stamp {
    /// The stamp of a file's metadata.
    pub fn of(meta: &fs::Metadata) -> Stamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Stamp {
                identity: (meta.dev(), meta.ino()),
                len: meta.len(),
                modified: meta.modified().ok(),
                changed: (meta.ctime(), meta.ctime_nsec()),
            }
        }
        #[cfg(not(unix))]
        Stamp {
            identity: (0, 0),
            len: meta.len(),
            modified: meta.modified().ok(),
            changed: (0, 0),
        }
    }

    /// The device and inode.
    pub fn identity(&self) -> (u64, u64) {
        self.identity
    }

    /// Whether the content may differ: size or modification time differ. (The change time is
    /// left out: unlinking a file changes it.)
    pub fn content_differs(&self, other: &Stamp) -> bool {
        self.len != other.len || self.modified != other.modified
    }
}

/// A name for the kind of a file that is not a regular file.
pub fn kind_name(meta: &fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}
