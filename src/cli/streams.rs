//! Standard output and standard error that never panic. A closed pipe (`mtlint rules | head`)
//! ends the output quietly, as in ripgrep; any other failure to write (a full disk) is an error
//! that makes the run exit 2, never 0.

use std::io::{self, Write};

/// Writes one line to standard error; a closed or broken standard error loses the line, not
/// the run.
macro_rules! stderr {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
pub(super) use stderr;

/// Writes text as it is (a rendered error that ends with its own newline) to standard error.
pub(super) fn stderr_text(text: &str) {
    let _ = io::stderr().write_all(text.as_bytes());
}

/// Why writing an output failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum WriteFailure {
    /// The reader went away (EPIPE): stop writing, say nothing.
    ClosedPipe,
    /// Anything else (ENOSPC, EIO…): an error, with its reason.
    Failed(String),
}

impl WriteFailure {
    pub(super) fn from(error: &io::Error) -> WriteFailure {
        if error.kind() == io::ErrorKind::BrokenPipe {
            WriteFailure::ClosedPipe
        } else {
            WriteFailure::Failed(crate::input::io_reason(error))
        }
    }
}

/// Writes `bytes` to `out` and flushes it.
pub(super) fn write_all(out: &mut impl Write, bytes: &[u8]) -> Result<(), WriteFailure> {
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| WriteFailure::from(&e))
}

/// Prints `text` on standard output for a command whose output is all it does (`rules`,
/// `rule`, `config`) and returns its exit status: 0, also when the reader closed the pipe early
/// (what it read is right); 2 with a message when the output could not be written.
pub(super) fn print_stdout(text: &str) -> i32 {
    match write_all(&mut io::stdout().lock(), text.as_bytes()) {
        Ok(()) | Err(WriteFailure::ClosedPipe) => 0,
        Err(WriteFailure::Failed(reason)) => {
            stderr!("error: cannot write to standard output: {reason}");
            2
        }
    }
}
