//! Finding the files to lint (recursively, respecting `.gitignore` inside a git repository,
//! filtered by globs) and reading them as text in their [`Encoding`], with errors that name the
//! file and the reason. Files, FIFOs, devices and standard input are read with the same size
//! limit, without ever holding more than the limit in memory.

use crate::config::PathForms;
use crate::encoding::{Decoded, Encoding};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::{
    fmt, fs,
    io::{self, Read},
    path::{Path, PathBuf},
};

/// The file names linted when walking a folder: the extensions of every format mtlint reads
/// (`include` adds to them).
pub const DEFAULT_INCLUDE: &[&str] = &[
    "*.txt",
    "*.text",
    "*.md",
    "*.markdown",
    "*.mdown",
    "*.mkd",
    "*.html",
    "*.htm",
    "*.xhtml",
    "*.json",
    "*.jsonl",
    "*.ndjson",
    "*.srt",
    "*.vtt",
    "*.po",
    "*.pot",
    "*.xlf",
    "*.xliff",
    "*.tmx",
];

/// Inputs larger than this (files, FIFOs, standard input) are refused rather than read into
/// memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// The size limit of an input: [`MAX_FILE_BYTES`], or a smaller one that a debug build's test
/// hook sets.
pub fn max_input_bytes() -> u64 {
    crate::hooks::max_input_bytes().unwrap_or(MAX_FILE_BYTES)
}

/// A problem with one input, reported on stderr; the run goes on with the other inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The path as the user wrote it or as the walk found it.
    pub path: String,
    /// Why it cannot be linted.
    pub reason: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

/// Globs that decide which files of a walked folder are linted.
pub struct FileFilter {
    include: GlobSet,
    exclude: GlobSet,
}

fn glob_set(patterns: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        builder.add(Glob::new(pattern).map_err(|e| format!("invalid glob `{pattern}`: {e}"))?);
    }
    builder.build().map_err(|e| e.to_string())
}

impl FileFilter {
    /// Builds a filter; `include` empty means [`DEFAULT_INCLUDE`].
    pub fn new(include: &[String], exclude: &[String]) -> Result<FileFilter, String> {
        let include = if include.is_empty() {
            DEFAULT_INCLUDE.iter().map(|s| s.to_string()).collect()
        } else {
            include.to_vec()
        };
        Ok(FileFilter {
            include: glob_set(&include)?,
            exclude: glob_set(exclude)?,
        })
    }

    /// The forms of `path` a glob is matched against: relative to `root`, as given, and its
    /// file name.
    fn forms<'p>(path: &'p Path, root: &Path) -> PathForms<'p> {
        let relative = path.strip_prefix(root).unwrap_or(path);
        PathForms::of(
            [relative, path]
                .into_iter()
                .chain(path.file_name().map(Path::new)),
        )
    }

    /// Whether a file found under `root` is linted.
    pub fn accepts(&self, path: &Path, root: &Path) -> bool {
        let forms = Self::forms(path, root);
        forms.matched_by(&self.include) && !forms.matched_by(&self.exclude)
    }

    /// Whether a path under `root` is excluded.
    pub fn excludes(&self, path: &Path, root: &Path) -> bool {
        Self::forms(path, root).matched_by(&self.exclude)
    }
}

/// Expands the command-line paths into the sorted list of files to lint. Paths named on the
/// command line are always linted, whatever they are (a file, a FIFO, `/dev/stdin`) unless
/// they are folders; folders are walked respecting `.ignore`, and `.gitignore` inside a git
/// repository (as ripgrep does without `--no-require-git`).
pub fn collect_files(paths: &[PathBuf], filter: &FileFilter) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for root in paths {
        let shown = root.display().to_string();
        match fs::metadata(root) {
            Err(e) => errors.push(InputError {
                path: shown,
                reason: io_reason(&e),
            }),
            Ok(meta) if !meta.is_dir() => files.push(root.clone()),
            Ok(_) => {
                let walker = ignore::WalkBuilder::new(root)
                    .sort_by_file_name(|a, b| a.cmp(b))
                    .build();
                for entry in walker {
                    match entry {
                        Ok(entry) => {
                            let path = entry.path();
                            if entry.file_type().is_some_and(|t| t.is_file())
                                && filter.accepts(path, root)
                            {
                                files.push(path.to_path_buf());
                            }
                        }
                        Err(e) => errors.push(walk_error(&e, &shown)),
                    }
                }
            }
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

fn walk_error(error: &ignore::Error, fallback: &str) -> InputError {
    let mut path = fallback.to_string();
    let mut current = error;
    let reason = loop {
        match current {
            ignore::Error::WithPath { path: p, err } => {
                path = p.display().to_string();
                current = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                current = err
            }
            ignore::Error::Io(e) => break io_reason(e),
            other => break other.to_string(),
        }
    };
    InputError { path, reason }
}

/// A readable description of an I/O error, without the OS error number noise.
pub fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
}

/// The identity of a file (device and inode): two paths naming the same file have the same.
pub fn file_identity(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// What reading an input gave.
#[derive(Debug)]
pub enum Loaded {
    /// Text, and the encoding it was stored in (to write fixes back in the same encoding, and
    /// to check before writing that the file still holds these bytes).
    Text(String, Encoding),
    /// A binary file (it holds NUL characters): skipped with a note.
    Binary,
}

/// Why an input could not be read or decoded.
#[derive(Debug)]
pub enum ReadError {
    /// Reading failed, or the input is larger than the limit.
    Io(String),
    /// The bytes are not text in their encoding; they are kept, to be passed on unchanged.
    Undecodable {
        /// Why the bytes are not text.
        reason: String,
        /// The bytes as read.
        bytes: Vec<u8>,
    },
}

impl ReadError {
    /// The reason, for messages.
    pub fn reason(&self) -> &str {
        match self {
            ReadError::Io(reason) | ReadError::Undecodable { reason, .. } => reason,
        }
    }
}

/// Reads at most `limit` bytes of `reader`; a longer input is an error, found after reading
/// one byte past the limit (memory never holds more than that).
pub fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    read_limited_sized(reader, limit, 0)
}

/// [`read_limited`] of an input expected to hold `expected` bytes (a file's length; 0 when
/// unknown): the buffer is sized for them at once instead of growing as they are read.
fn read_limited_sized(reader: impl Read, limit: u64, expected: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::with_capacity(usize::try_from(expected.min(limit)).unwrap_or(0));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > limit {
        return Err(format!("input too large (over {limit} bytes, the limit)"));
    }
    Ok(bytes)
}

/// Reads `path` (a file, a FIFO, a device) as text.
pub fn read_file(path: &Path) -> Result<Loaded, InputError> {
    let shown = path.display().to_string();
    let error = |reason: String| InputError {
        path: shown.clone(),
        reason,
    };
    let limit = max_input_bytes();
    let file = fs::File::open(path).map_err(|e| error(io_reason(&e)))?;
    let meta = file.metadata().map_err(|e| error(io_reason(&e)))?;
    if meta.is_dir() {
        return Err(error("is a folder".to_string()));
    }
    if meta.is_file() && meta.len() > limit {
        return Err(error(format!(
            "file too large ({} bytes; the limit is {limit})",
            meta.len()
        )));
    }
    let expected = if meta.is_file() { meta.len() } else { 0 };
    let bytes = read_limited_sized(file, limit, expected).map_err(error)?;
    decode(bytes).map_err(|e| error(format!("{}; the file is left untouched", e.reason())))
}

/// Reads standard input as text, with the same size limit as files.
pub fn read_stdin() -> Result<Loaded, ReadError> {
    let bytes = read_limited(io::stdin().lock(), max_input_bytes()).map_err(ReadError::Io)?;
    decode(bytes)
}

/// Decodes bytes as text in the encoding they announce, or says why they are not text.
pub fn decode(bytes: Vec<u8>) -> Result<Loaded, ReadError> {
    match Encoding::decode(bytes) {
        Ok(Decoded::Text(text, encoding)) => Ok(Loaded::Text(text, encoding)),
        Ok(Decoded::Binary) => Ok(Loaded::Binary),
        Err(error) => Err(ReadError::Undecodable {
            reason: error.reason,
            bytes: error.bytes,
        }),
    }
}
