//! Helpers shared by the end-to-end tests of reading, writing and fixing.
#![allow(dead_code)]

use assert_cmd::Command;
use std::{
    fs,
    os::unix::fs::{MetadataExt, PermissionsExt},
    path::{Path, PathBuf},
};

/// One `punctuation/doubled-stop` warning with a safe fix.
pub const DOUBLED: &str = "Fin de la séance.. Ensuite\n";
/// [`DOUBLED`] fixed.
pub const DOUBLED_FIXED: &str = "Fin de la séance. Ensuite\n";

/// The binary, run in `dir`.
pub fn mtlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mtlint").expect("the mtlint binary is built");
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd
}

/// The path of the binary, for commands that `assert_cmd` cannot express.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_mtlint"))
}

pub fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, content).unwrap();
    path
}

pub fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Whether the tests run as root (then they can change owners and mount file systems).
pub fn is_root() -> bool {
    let dir = tempfile::tempdir().unwrap();
    let probe = write(dir.path(), "probe", "");
    fs::metadata(probe).unwrap().uid() == 0
}

/// The permission bits of `path`.
pub fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

pub fn set_mode(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// The temporary files mtlint left in `dir`.
pub fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".mtlint-"))
        .collect()
}

/// Says why a test is skipped, where `cargo test` shows it.
pub fn skip(test: &str, why: &str) {
    println!("SKIPPED {test}: {why}");
    eprintln!("SKIPPED {test}: {why}");
}
