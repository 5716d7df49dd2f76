//! Fault-injection hooks for the test suite, compiled only into debug builds (`cargo test`
//! builds the binary in debug): a release binary ignores these variables entirely.
//!
//! - `MTLINT_TEST_MAX_INPUT_BYTES=N` lowers the size limit of every input to N bytes.
//! - `MTLINT_TEST_NO_EXCHANGE=1` replaces files by a plain rename, as on systems that cannot
//!   swap two files atomically.
//! - `MTLINT_TEST_HOOK_<STAGE>=COMMAND` runs `sh -c COMMAND sh PATH` at a stage of writing a
//!   file, and waits for it: a test can edit the file, or signal or kill mtlint, at the exact
//!   moment it wants. The stages of replacing a file, in order: `BEFORE_TEMP` (the content was
//!   checked, the temporary file is not written yet), `BEFORE_FINAL_CHECK` (the temporary file is
//!   complete), `BEFORE_RENAME` (every check passed; the rename comes next), `AFTER_RENAME`.

use std::path::Path;

/// A moment of writing a file at which a test may act.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The original was read back and compared; no temporary file yet.
    BeforeTemp,
    /// The temporary file is written and flushed; the last checks come next.
    BeforeFinalCheck,
    /// Every check passed; the rename comes next.
    BeforeRename,
    /// The rename is done; the check of the replaced file comes next.
    AfterRename,
}

impl Stage {
    #[cfg(debug_assertions)]
    fn variable(self) -> &'static str {
        match self {
            Stage::BeforeTemp => "MTLINT_TEST_HOOK_BEFORE_TEMP",
            Stage::BeforeFinalCheck => "MTLINT_TEST_HOOK_BEFORE_FINAL_CHECK",
            Stage::BeforeRename => "MTLINT_TEST_HOOK_BEFORE_RENAME",
            Stage::AfterRename => "MTLINT_TEST_HOOK_AFTER_RENAME",
        }
    }
}

/// Runs the test hook of `stage`, if a debug build was given one, with the path of the file
/// being written as `$1`.
pub fn run(stage: Stage, path: &Path) {
    #[cfg(debug_assertions)]
    if let Some(command) = std::env::var_os(stage.variable()) {
        use std::process::{Command, Stdio};
        let _ = Command::new("sh")
            .arg("-c")
            .arg(command)
            .arg("sh")
            .arg(path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    #[cfg(not(debug_assertions))]
    let _ = (stage, path);
}

/// The input size limit a debug build's test sets, if any.
pub fn max_input_bytes() -> Option<u64> {
    #[cfg(debug_assertions)]
    {
        std::env::var("MTLINT_TEST_MAX_INPUT_BYTES")
            .ok()
            .and_then(|v| v.parse().ok())
    }
    #[cfg(not(debug_assertions))]
    None
}

/// Whether a debug build's test asks to replace files by a plain rename.
pub fn exchange_disabled() -> bool {
    #[cfg(debug_assertions)]
    {
        std::env::var_os("MTLINT_TEST_NO_EXCHANGE").is_some()
    }
    #[cfg(not(debug_assertions))]
    false
}
