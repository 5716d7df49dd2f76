//! Temporary files beside the files they will replace, registered while they exist so that an
//! interrupt (Ctrl-C, SIGTERM, SIGHUP) removes them before mtlint exits.

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
    sync::{Mutex, MutexGuard, Once},
};

/// The prefix of every temporary file mtlint creates.
pub const TEMP_PREFIX: &str = ".mtlint-";

/// The temporary files that exist right now, and whether an interrupt is being handled.
struct Registry {
    paths: Vec<PathBuf>,
    terminating: bool,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    paths: Vec::new(),
    terminating: false,
});

fn registry() -> MutexGuard<'static, Registry> {
    REGISTRY.lock().unwrap_or_else(|e| e.into_inner())
}

/// Removes the temporary files of an interrupted run, then exits with 128 + the signal number,
/// as a shell reports a process the signal killed. Installed once, by the commands that write
/// files; the files are removed under the registry's lock, so no rename is under way.
pub fn install_interrupt_cleanup() {
    static ONCE: Once = Once::new();
    #[cfg(unix)]
    ONCE.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        let spawned = std::thread::Builder::new()
            .name("mtlint-interrupt".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    let mut registry = registry();
                    registry.terminating = true;
                    for path in registry.paths.drain(..) {
                        let _ = fs::remove_file(path);
                    }
                    std::process::exit(128 + signal);
                }
            });
        drop(spawned);
    });
}

/// A temporary file in the folder of the file it will replace; removed when dropped unless it
/// was renamed over that file.
pub struct Temp {
    file: Option<tempfile::NamedTempFile>,
}

impl Temp {
    /// Creates a temporary file beside `target`, with `mode` (which the umask restricts).
    pub fn beside(target: &Path, mode: u32) -> Result<Temp, String> {
        let folder = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(mode));
        }
        #[cfg(not(unix))]
        let _ = mode;
        let mut registry = registry();
        if registry.terminating {
            return Err("interrupted".to_string());
        }
        let file = builder.tempfile_in(folder).map_err(|e| {
            format!(
                "cannot create a temporary file in {}: {}",
                folder.display(),
                crate::input::io_reason(&e)
            )
        })?;
        registry.paths.push(file.path().to_path_buf());
        Ok(Temp { file: Some(file) })
    }

    /// The open file.
    pub fn file(&self) -> &fs::File {
        self.file
            .as_ref()
            .expect("present until persisted")
            .as_file()
    }

    /// Writes `content` and flushes it to the disk.
    pub fn write_and_sync(&mut self, content: &[u8]) -> Result<(), String> {
        let file = self.file.as_mut().expect("present until persisted");
        file.write_all(content)
            .map_err(|e| format!("cannot write: {}", crate::input::io_reason(&e)))?;
        file.as_file()
            .sync_all()
            .map_err(|e| format!("cannot flush: {}", crate::input::io_reason(&e)))
    }

    /// Renames the temporary file over `target`.
    pub fn persist(mut self, target: &Path) -> Result<(), String> {
        let file = self.file.take().expect("present until persisted");
        let path = file.path().to_path_buf();
        let mut registry = registry();
        if registry.terminating {
            return Err("interrupted".to_string());
        }
        registry.paths.retain(|p| *p != path);
        // A failed rename hands the file back; dropping it (under the lock) removes it.
        file.persist(target).map(drop).map_err(|e| {
            format!(
                "cannot replace the file: {}",
                crate::input::io_reason(&e.error)
            )
        })
    }
}

/// Where the file a replacement displaced is, for the check after the replacement.
pub enum Displaced<'a> {
    /// At this path (the two files were swapped); removed once checked.
    Aside(&'a Path),
    /// Gone: the file system cannot swap two files, so the temporary file was renamed over it.
    Gone,
}

impl Temp {
    /// Puts the temporary file in place of `target`. Where the file system can swap two files
    /// atomically, the file it replaces is kept aside while `verify` inspects it; if `verify`
    /// fails, the two are swapped back, so `target` is again what it was. What is left at the
    /// temporary path is then removed. The swap, the check and the removal happen under the
    /// registry's lock, so an interrupt never falls between them.
    pub fn replace(
        mut self,
        target: &Path,
        verify: impl FnOnce(Displaced) -> Result<(), String>,
    ) -> Result<(), String> {
        let file = self.file.take().expect("present until persisted");
        let path = file.path().to_path_buf();
        let mut registry = registry();
        if registry.terminating {
            return Err("interrupted".to_string());
        }
        match exchange(&path, target) {
            Ok(()) => {
                let verdict = verify(Displaced::Aside(&path));
                registry.paths.retain(|p| *p != path);
                if let Err(problem) = &verdict
                    && let Err(e) = exchange(&path, target)
                {
                    // The other version cannot go back in place: keep it where it is.
                    let kept = file.into_temp_path().keep().ok();
                    return Err(format!(
                        "{problem}, but it could not be put back ({}); it is in {}",
                        crate::input::io_reason(&e),
                        kept.as_deref().unwrap_or(&path).display()
                    ));
                }
                drop(file);
                verdict
            }
            Err(e) if e.kind() == std::io::ErrorKind::Unsupported => {
                registry.paths.retain(|p| *p != path);
                let renamed = file.persist(target).map_err(|e| {
                    format!(
                        "cannot replace the file: {}",
                        crate::input::io_reason(&e.error)
                    )
                });
                drop(registry);
                renamed?;
                verify(Displaced::Gone)
            }
            Err(e) => {
                registry.paths.retain(|p| *p != path);
                drop(file);
                Err(format!(
                    "cannot replace the file: {}",
                    crate::input::io_reason(&e)
                ))
            }
        }
    }
}

/// Swaps the files at `a` and `b` atomically (`renameat2` with `RENAME_EXCHANGE`); an error of
/// kind `Unsupported` when the system or the file system cannot.
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    if crate::hooks::exchange_disabled() {
        return Err(std::io::ErrorKind::Unsupported.into());
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::{
            fs::{CWD, RenameFlags, renameat_with},
            io::Errno,
        };
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => Ok(()),
            Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => {
                Err(std::io::ErrorKind::Unsupported.into())
            }
            Err(e) => Err(e.into()),
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Err(std::io::ErrorKind::Unsupported.into())
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            let mut registry = registry();
            let path = file.path().to_path_buf();
            registry.paths.retain(|p| *p != path);
            drop(file);
        }
    }
}

/// Flushes the folder holding `path`, so that a rename in it survives a crash.
pub fn sync_folder(path: &Path) {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Ok(folder) = fs::File::open(folder) {
        let _ = folder.sync_all();
    }
}
