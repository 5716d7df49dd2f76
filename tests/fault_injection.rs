//! Fault injection for `--fix`: a full disk, read-only files and folders, symbolic and hard
//! links, files of another owner, a program writing the file while it is being fixed, and
//! mtlint killed in the middle of a run. After each, every file holds either its old or its new
//! content, with its metadata.
//!
//! The disk-full and read-only-folder cases mount a small tmpfs and need root; without it they
//! are skipped with a message. The concurrent writer and the kill at a chosen file use the
//! test hooks of debug builds (`MTLINT_TEST_HOOK_*`, see `src/hooks.rs`).

mod common;

use common::*;
use std::{
    fs,
    os::unix::fs::MetadataExt,
    path::{Path, PathBuf},
    process::Command,
    time::Duration,
};

/// Asserts that `path` holds `old` or `new`, with mode `mode`, and says which.
fn assert_old_or_new(path: &Path, old: &str, new: &str, mode_bits: u32) -> bool {
    let content = fs::read_to_string(path).unwrap();
    assert!(
        content == old || content == new,
        "{}: neither the old nor the new content: {content:?}",
        path.display()
    );
    assert_eq!(mode(path), mode_bits, "{}: mode changed", path.display());
    content == new
}

/// A tmpfs of `size` mounted on a new folder; unmounted when dropped.
struct Mounted {
    dir: tempfile::TempDir,
}

impl Mounted {
    fn new(size: &str) -> Option<Mounted> {
        if !is_root() {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(Mounted { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn remount_read_only(&self) -> bool {
        Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.path())
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// Whether the binary under test has the test hooks (`MTLINT_TEST_HOOK_*`), which only debug
/// builds compile; says so when it has not, and the test is skipped.
fn test_hooks_built() -> bool {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: a release build has no test hooks (src/hooks.rs)");
    }
    cfg!(debug_assertions)
}

#[test]
fn a_full_disk_keeps_the_original() {
    let Some(disk) = Mounted::new("256k") else {
        return skip("disk full", "needs root to mount a small tmpfs");
    };
    // A fix that makes the file longer, on a disk with no room left.
    let old = "Les voyageurs arrivent à l’aéroport worldwide de la capitale.\n".repeat(400);
    let path = write(disk.path(), "a.txt", &old);
    set_mode(&path, 0o640);
    let mut filler = fs::File::create(disk.path().join("filler")).unwrap();
    let block = vec![b'x'; 4096];
    use std::io::Write;
    while filler.write_all(&block).is_ok() {}
    let _ = filler.flush();
    let output = mtlint(disk.path())
        .args(["check", "--fix", "--unsafe-fixes", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    assert!(
        stderr_of(&output).contains("a.txt: cannot write"),
        "{}",
        stderr_of(&output)
    );
    assert!(!assert_old_or_new(&path, &old, "", 0o640));
    assert!(temp_files(disk.path()).is_empty());
}

#[test]
fn read_only_files_and_folders_are_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "ro.txt", DOUBLED);
    set_mode(&file, 0o444);
    mtlint(dir.path())
        .args(["check", "--fix", "ro.txt"])
        .assert()
        .code(2);
    assert!(!assert_old_or_new(&file, DOUBLED, DOUBLED_FIXED, 0o444));

    // A read-only folder: a read-only mount as root (root writes in any 0555 folder), the
    // folder's mode otherwise.
    let mounted = Mounted::new("1m");
    let folder: PathBuf = match &mounted {
        Some(disk) => disk.path().to_path_buf(),
        None => dir.path().join("ro-folder"),
    };
    fs::create_dir_all(&folder).unwrap();
    let file = write(&folder, "a.txt", DOUBLED);
    set_mode(&file, 0o644);
    match &mounted {
        Some(disk) => assert!(disk.remount_read_only()),
        None if is_root() => {
            return skip("read-only folder", "root without a tmpfs mount");
        }
        None => set_mode(&folder, 0o555),
    }
    let output = mtlint(&folder)
        .args(["check", "--fix", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("cannot create a temporary file"),
        "{}",
        stderr_of(&output)
    );
    assert!(!assert_old_or_new(&file, DOUBLED, DOUBLED_FIXED, 0o644));
    if mounted.is_none() {
        set_mode(&folder, 0o755);
    }
}

#[test]
fn symbolic_links_are_followed_and_hard_links_kept() {
    let dir = tempfile::tempdir().unwrap();
    let target = write(dir.path(), "elsewhere/real.txt", DOUBLED);
    set_mode(&target, 0o604);
    std::os::unix::fs::symlink(&target, dir.path().join("link.txt")).unwrap();
    std::os::unix::fs::symlink("missing.txt", dir.path().join("dangling.txt")).unwrap();
    let linked = write(dir.path(), "linked.txt", DOUBLED);
    fs::hard_link(&linked, dir.path().join("elsewhere/other-name.txt")).unwrap();
    mtlint(dir.path())
        .args(["check", "--fix", "link.txt", "dangling.txt", "linked.txt"])
        .assert()
        .code(2);
    assert!(
        fs::symlink_metadata(dir.path().join("link.txt"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(assert_old_or_new(&target, DOUBLED, DOUBLED_FIXED, 0o604));
    assert!(!dir.path().join("missing.txt").exists());
    assert!(!assert_old_or_new(&linked, DOUBLED, DOUBLED_FIXED, 0o644));
    assert_eq!(fs::metadata(&linked).unwrap().nlink(), 2);
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn files_of_another_owner_keep_their_owner() {
    if !is_root() {
        return skip("foreign owner", "needs root to give a file another owner");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "theirs.txt", DOUBLED);
    set_mode(&path, 0o600);
    std::os::unix::fs::chown(&path, Some(4321), Some(4321)).unwrap();
    mtlint(dir.path())
        .args(["check", "--fix", "theirs.txt"])
        .assert()
        .code(0);
    assert!(assert_old_or_new(&path, DOUBLED, DOUBLED_FIXED, 0o600));
    let meta = fs::metadata(&path).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (4321, 4321));
}

#[test]
fn a_concurrent_writer_never_loses_its_edit() {
    if !test_hooks_built() {
        return;
    }
    let edit = "written by another program\n";
    let stages = [
        "BEFORE_TEMP",
        "BEFORE_FINAL_CHECK",
        "BEFORE_RENAME",
        "AFTER_RENAME",
    ];
    // In place (shell redirection), and by replacing the file (as editors save).
    let writers = [
        format!("printf '{}' > \"$1\"", edit.trim_end().to_owned() + "\\n"),
        format!(
            "printf '{}' > \"$1.new\" && mv \"$1.new\" \"$1\"",
            edit.trim_end().to_owned() + "\\n"
        ),
    ];
    // With the atomic swap of two files, and with a plain rename (as where the system
    // cannot swap), in which case a replacement after the last check cannot be seen.
    for swap in [true, false] {
        for stage in stages {
            for (i, writer) in writers.iter().enumerate() {
                let replaces = i == 1;
                if !swap && replaces && stage == "BEFORE_RENAME" {
                    continue;
                }
                let dir = tempfile::tempdir().unwrap();
                let path = write(dir.path(), "a.txt", DOUBLED);
                let mut command = mtlint(dir.path());
                if !swap {
                    command.env("MTLINT_TEST_NO_EXCHANGE", "1");
                }
                let output = command
                    .env(format!("MTLINT_TEST_HOOK_{stage}"), writer)
                    .args(["check", "--fix", "a.txt"])
                    .output()
                    .unwrap();
                let context = format!("{stage}, swap {swap}, {writer}");
                assert_eq!(
                    fs::read_to_string(&path).unwrap(),
                    edit,
                    "{context}: the other program's edit was lost ({})",
                    stderr_of(&output)
                );
                if stage != "AFTER_RENAME" {
                    assert_eq!(output.status.code(), Some(2), "{context}");
                    assert!(stderr_of(&output).contains("a.txt: "), "{context}");
                }
                assert!(temp_files(dir.path()).is_empty(), "{context}");
            }
        }
    }
}

/// `count` files of a folder, half of them with something to fix, mode 0640.
fn many_files(
    count: usize,
) -> (
    tempfile::TempDir,
    Vec<(PathBuf, &'static str, &'static str)>,
) {
    let dir = tempfile::tempdir().unwrap();
    let files = (0..count)
        .map(|i| {
            let (old, new) = if i % 2 == 0 {
                (DOUBLED, DOUBLED_FIXED)
            } else {
                (DOUBLED_FIXED, DOUBLED_FIXED)
            };
            let path = write(dir.path(), &format!("f{i:04}.txt"), old);
            set_mode(&path, 0o640);
            (path, old, new)
        })
        .collect();
    (dir, files)
}

/// Every file holds its old or its new content with its mode; returns how many were fixed and
/// how many temporary files a killed run left.
fn check_many(dir: &Path, files: &[(PathBuf, &str, &str)]) -> (usize, usize) {
    let fixed = files
        .iter()
        .filter(|(path, old, new)| old != new && assert_old_or_new(path, old, new, 0o640))
        .count();
    (fixed, temp_files(dir).len())
}

#[test]
fn sigkill_at_a_chosen_file_leaves_every_file_old_or_new() {
    if !test_hooks_built() {
        return;
    }
    let (dir, files) = many_files(400);
    // Killed right before the rename of one file in the middle of the run.
    let status = Command::new(binary())
        .current_dir(dir.path())
        .env(
            "MTLINT_TEST_HOOK_BEFORE_RENAME",
            "case \"$1\" in */f0200.txt) kill -KILL $PPID;; esac",
        )
        .args(["check", "--fix", "-j", "2", "."])
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(9));
    let (fixed, temps) = check_many(dir.path(), &files);
    assert!(fixed < 200, "the run was cut short ({fixed} fixed)");
    // Only a kill between a temporary file's creation and its rename leaves it behind.
    assert!(temps <= 2, "{temps} temporary files left");
    assert_eq!(
        fs::read_to_string(dir.path().join("f0200.txt")).unwrap(),
        DOUBLED
    );
}

#[test]
fn sigkill_at_any_moment_leaves_every_file_old_or_new() {
    let (dir, files) = many_files(2000);
    let mut child = Command::new(binary())
        .current_dir(dir.path())
        .args(["check", "--fix", "-j", "2", "."])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Killed once the run is well under way, wherever it is then: what is checked holds at
    // every moment.
    let to_fix: Vec<&PathBuf> = files
        .iter()
        .filter(|(_, old, new)| old != new)
        .map(|(path, _, _)| path)
        .collect();
    while child.try_wait().unwrap().is_none() {
        let done = to_fix
            .iter()
            .filter(|p| fs::read_to_string(p).is_ok_and(|t| t == DOUBLED_FIXED))
            .count();
        if done >= 100 {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = child.kill();
    let _ = child.wait();
    let (fixed, temps) = check_many(dir.path(), &files);
    println!("killed after {fixed} of 1000 fixes; {temps} temporary files left");
    // One per worker thread at most: those between their creation and their rename.
    assert!(temps <= 2, "{temps} temporary files left");
}
