//! Finding the files to lint (recursively, respecting `.gitignore`, filtered by globs) and
//! reading them as UTF-8 text, with errors that name the file and the reason.

use globset::{Glob, GlobSet, GlobSetBuilder};
use std::{
    fmt, fs,
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
];

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

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

    fn matches(set: &GlobSet, path: &Path, root: &Path) -> bool {
        let relative = path.strip_prefix(root).unwrap_or(path);
        set.is_match(relative)
            || set.is_match(path)
            || path.file_name().is_some_and(|n| set.is_match(n))
    }

    /// Whether a file found under `root` is linted.
    pub fn accepts(&self, path: &Path, root: &Path) -> bool {
        Self::matches(&self.include, path, root) && !self.excludes(path, root)
    }

    /// Whether a path under `root` is excluded.
    pub fn excludes(&self, path: &Path, root: &Path) -> bool {
        Self::matches(&self.exclude, path, root)
    }
}

/// Expands the command-line paths into the sorted list of files to lint. Files named on the
/// command line are always linted; folders are walked respecting `.gitignore` and `.ignore`.
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
            Ok(meta) if meta.is_file() => files.push(root.clone()),
            Ok(_) => {
                let walker = ignore::WalkBuilder::new(root)
                    .require_git(false)
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

/// What reading an input gave.
#[derive(Debug)]
pub enum Loaded {
    /// UTF-8 text, with the bytes as read (to detect changes before writing).
    Text(String),
    /// A binary file (it holds NUL bytes): skipped with a note.
    Binary,
}

/// Reads `path` as UTF-8 text.
pub fn read_file(path: &Path) -> Result<Loaded, InputError> {
    let shown = path.display().to_string();
    let error = |reason: String| InputError {
        path: shown.clone(),
        reason,
    };
    let meta = fs::metadata(path).map_err(|e| error(io_reason(&e)))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(error(format!(
            "file too large ({} bytes; the limit is {MAX_FILE_BYTES})",
            meta.len()
        )));
    }
    let bytes = fs::read(path).map_err(|e| error(io_reason(&e)))?;
    decode(bytes).map_err(error)
}

/// Decodes bytes as UTF-8 text, or says why they are not text.
pub fn decode(bytes: Vec<u8>) -> Result<Loaded, String> {
    if memchr::memchr(0, &bytes).is_some() {
        return Ok(Loaded::Binary);
    }
    String::from_utf8(bytes).map(Loaded::Text).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!("invalid UTF-8 at byte {at}; the file is left untouched")
    })
}
