//! End-to-end tests of writing without losing a byte: fixed files keep their links, owner,
//! mode and extended attributes or are refused; reports go where they should; a closed or full
//! standard output ends the run the right way. Every input lives in a temporary folder.

mod common;

use common::*;
use predicates::prelude::*;
use std::{
    fs,
    os::unix::fs::{FileTypeExt, MetadataExt},
    path::Path,
    process::{Command, Stdio},
};

// ---------------------------------------------------------------------------------------------
// Writing fixed files
// ---------------------------------------------------------------------------------------------

#[test]
fn fix_follows_a_symlink_and_fixes_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let real = write(dir.path(), "real.txt", DOUBLED);
    std::os::unix::fs::symlink("real.txt", dir.path().join("link.txt")).unwrap();
    mtlint(dir.path())
        .args(["check", "--fix", "link.txt"])
        .assert()
        .code(0);
    let link = fs::symlink_metadata(dir.path().join("link.txt")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is still a link");
    assert_eq!(fs::read_to_string(real).unwrap(), DOUBLED_FIXED);
}

#[test]
fn fix_keeps_owner_group_mode_and_extended_attributes() {
    use xattr::FileExt;
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.txt", DOUBLED);
    set_mode(&path, 0o640);
    let root = is_root();
    if root {
        std::os::unix::fs::chown(&path, Some(1234), Some(2345)).unwrap();
    }
    let xattrs = fs::File::open(&path)
        .unwrap()
        .set_xattr("user.mtlint-test", b"kept")
        .is_ok();
    mtlint(dir.path())
        .args(["check", "--fix", "a.txt"])
        .assert()
        .code(0);
    assert_eq!(fs::read_to_string(&path).unwrap(), DOUBLED_FIXED);
    assert_eq!(mode(&path), 0o640);
    let meta = fs::metadata(&path).unwrap();
    if root {
        assert_eq!(
            (meta.uid(), meta.gid()),
            (1234, 2345),
            "owner and group kept"
        );
    }
    if xattrs {
        let value = fs::File::open(&path)
            .unwrap()
            .get_xattr("user.mtlint-test")
            .unwrap();
        assert_eq!(value.as_deref(), Some(&b"kept"[..]));
    } else {
        skip(
            "extended attributes",
            "the file system refuses user.* attributes",
        );
    }
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn hard_links_and_read_only_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let linked = write(dir.path(), "a.txt", DOUBLED);
    fs::hard_link(&linked, dir.path().join("b.txt")).unwrap();
    mtlint(dir.path())
        .args(["check", "--fix", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a.txt: has 2 hard links"));
    assert_eq!(
        fs::metadata(&linked).unwrap().nlink(),
        2,
        "the links stay joined"
    );
    assert_eq!(fs::read_to_string(&linked).unwrap(), DOUBLED);

    let read_only = write(dir.path(), "ro.txt", DOUBLED);
    set_mode(&read_only, 0o444);
    mtlint(dir.path())
        .args(["check", "--fix", "ro.txt"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("ro.txt: is read-only")
                .and(predicate::str::contains("--fix-read-only")),
        );
    assert_eq!(fs::read_to_string(&read_only).unwrap(), DOUBLED);
    mtlint(dir.path())
        .args(["check", "--fix", "--fix-read-only", "ro.txt"])
        .assert()
        .code(0);
    assert_eq!(fs::read_to_string(&read_only).unwrap(), DOUBLED_FIXED);
    assert_eq!(mode(&read_only), 0o444, "still read-only");
}

/// Makes a FIFO at `path` and feeds it `content` from a thread (opening a FIFO for writing
/// waits for a reader).
fn fifo_with(path: &Path, content: &'static str) -> std::thread::JoinHandle<()> {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = fs::write(path, content);
    })
}

#[test]
fn a_fifo_named_on_the_command_line_is_read_and_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let writer = fifo_with(&fifo, DOUBLED);
    mtlint(dir.path())
        .args(["check", "--format", "concise", "pipe.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "pipe.txt:1:17: punctuation/doubled-stop",
        ));
    writer.join().unwrap();
    fs::remove_file(&fifo).unwrap();
    let writer = fifo_with(&fifo, DOUBLED);
    mtlint(dir.path())
        .args(["check", "--fix", "pipe.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "pipe.txt: is a FIFO; fixes are not written",
        ));
    writer.join().unwrap();
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn ctrl_c_and_sigterm_remove_the_temporary_files() {
    for (signal, code) in [("INT", 130), ("TERM", 143)] {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "a.txt", DOUBLED);
        // Signal mtlint while its temporary file exists, and wait until it is gone.
        let hook =
            format!("kill -{signal} $PPID; while kill -0 $PPID 2>/dev/null; do sleep 0.01; done");
        mtlint(dir.path())
            .env("MTLINT_TEST_HOOK_BEFORE_RENAME", hook)
            .args(["check", "--fix", "a.txt"])
            .assert()
            .code(code);
        assert_eq!(temp_files(dir.path()), Vec::<String>::new());
        assert_eq!(fs::read_to_string(&path).unwrap(), DOUBLED);
    }
}

#[test]
fn an_edit_racing_the_fix_is_kept_and_reported() {
    // Written into the file between the last check and the rename: put back.
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.txt", DOUBLED);
    mtlint(dir.path())
        .env(
            "MTLINT_TEST_HOOK_BEFORE_RENAME",
            "printf 'the other edit\\n' > \"$1\"",
        )
        .args(["check", "--fix", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a.txt: was modified by another program while being fixed; its version is kept",
        ));
    assert_eq!(fs::read_to_string(&path).unwrap(), "the other edit\n");
    // Replaced (as editors save) while the temporary file was written: not overwritten.
    write(dir.path(), "a.txt", DOUBLED);
    mtlint(dir.path())
        .env(
            "MTLINT_TEST_HOOK_BEFORE_FINAL_CHECK",
            "printf 'Saved.. by an editor\\n' > \"$1.new\" && mv \"$1.new\" \"$1\"",
        )
        .args(["check", "--fix", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a.txt: changed on disk while being fixed; not overwritten",
        ));
    assert_eq!(fs::read_to_string(&path).unwrap(), "Saved.. by an editor\n");
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn reports_respect_the_umask_and_the_mode_of_the_file_they_replace() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", DOUBLED);
    let existing = write(dir.path(), "old.json", "[]");
    set_mode(&existing, 0o604);
    let script = format!(
        "umask 022 && {bin} check a.txt --format json --output-file new.json; \
         {bin} check a.txt --format json --output-file old.json; \
         {bin} check a.txt --baseline base.json --write-baseline",
        bin = binary().display()
    );
    let status = Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(dir.path())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success() || status.code() == Some(1));
    assert_eq!(mode(&dir.path().join("new.json")), 0o644);
    assert_eq!(mode(&existing), 0o604);
    assert!(
        fs::read_to_string(&existing)
            .unwrap()
            .contains("doubled-stop")
    );
    assert_eq!(mode(&dir.path().join("base.json")), 0o644);
}

#[test]
fn output_file_writes_into_a_fifo_or_device_instead_of_replacing_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", DOUBLED);
    let fifo = dir.path().join("report.fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    mtlint(dir.path())
        .args(["check", "a.txt", "--format", "concise", "--output-file"])
        .arg(&fifo)
        .assert()
        .code(1);
    assert!(
        fs::metadata(&fifo).unwrap().file_type().is_fifo(),
        "the FIFO was replaced"
    );
    assert!(reader.join().unwrap().contains("punctuation/doubled-stop"));
    if is_root() {
        // A private copy of /dev/null: the real one is never put at risk.
        let null = dir.path().join("null");
        let made = Command::new("mknod")
            .arg(&null)
            .args(["c", "1", "3"])
            .status()
            .is_ok_and(|s| s.success());
        if made {
            mtlint(dir.path())
                .args(["check", "a.txt", "--output-file", "null"])
                .assert()
                .code(1);
            assert!(fs::metadata(&null).unwrap().file_type().is_char_device());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Outputs and pipes
// ---------------------------------------------------------------------------------------------

#[test]
fn output_file_naming_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", DOUBLED);
    write(dir.path(), "b.txt", DOUBLED);
    // `--output-file *.txt`: the first document would become the report.
    for args in [
        &[
            "check",
            "--format",
            "json",
            "--output-file",
            "a.txt",
            "b.txt",
        ][..],
        &["check", "--format", "json", "--output-file", "b.txt", "."][..],
    ] {
        mtlint(dir.path())
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("would be overwritten"));
    }
    assert_eq!(
        fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        DOUBLED
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("b.txt")).unwrap(),
        DOUBLED
    );
}

/// `/dev/full`, where every write fails with "no space left".
fn dev_full() -> Option<fs::File> {
    fs::OpenOptions::new().write(true).open("/dev/full").ok()
}

#[test]
fn a_failed_write_to_standard_output_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", DOUBLED);
    let Some(full) = dev_full() else {
        return skip("standard output errors", "no /dev/full");
    };
    let output = Command::new(binary())
        .current_dir(dir.path())
        .args(["check", "--fix", "--exit-zero", "-"])
        .stdin(fs::File::open(dir.path().join("a.txt")).unwrap())
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("cannot write the fixed text to standard output"));
    let output = Command::new(binary())
        .current_dir(dir.path())
        .args(["check", "a.txt"])
        .stdout(dev_full().unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("cannot write the report to standard output"));
}

/// Runs mtlint with standard output (and, if asked, standard error) on a pipe whose reader is
/// already gone, and returns the exit status and what standard error got otherwise.
fn with_closed_pipe(dir: &Path, args: &[&str], stderr_too: bool) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let stderr = if stderr_too {
        Stdio::from(writer.try_clone().unwrap())
    } else {
        Stdio::piped()
    };
    let output = Command::new(binary())
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(stderr)
        .output()
        .unwrap();
    (output.status.code(), stderr_of(&output))
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", DOUBLED);
    write(dir.path(), "docs/bad.txt", b"invalide \xff\n");
    for args in [
        &["rules"][..],
        &["rules", "--json"][..],
        &["rule", "punctuation/doubled-stop"][..],
        &["config"][..],
    ] {
        let (code, stderr) = with_closed_pipe(dir.path(), args, false);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
    let (code, stderr) = with_closed_pipe(dir.path(), &["check", "a.txt"], false);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    // `mtlint check docs 2>&1 | head -1`: the error line meets the closed pipe too.
    let (code, _) = with_closed_pipe(dir.path(), &["check", "docs"], true);
    assert_eq!(code, Some(2));
}
