//! The Python exceptions of the module: `mtlint.ConfigError` for an invalid configuration or
//! rule pack (with the file and line), `mtlint.FormatError` for a text that is not valid in
//! its format (with the line and column).

use mtlint::{
    LinterError,
    config::ConfigError as LibConfigError,
    document::LineIndex,
    formats::{Format, FormatError as LibFormatError},
    rules::PackError,
};
use pyo3::{create_exception, exceptions::PyValueError, prelude::*};
use std::ops::Range;

create_exception!(
    mtlint,
    ConfigError,
    PyValueError,
    "An invalid configuration or rule pack. `str(error)` is `file:line: message`; the \
     attributes `path`, `line` (None when the place is unknown) and `message` give the parts."
);

create_exception!(
    mtlint,
    FormatError,
    PyValueError,
    "A text that is not valid in its format (and is left alone). `str(error)` is \
     `path:line:column: message`; the attributes `path`, `line`, `column`, `offset` (a byte \
     offset into the UTF-8 text) and `message` give the parts."
);

/// Why a linter cannot be built, before it becomes a Python exception.
pub enum BuildError {
    /// An invalid configuration, rule pack, or a file they name that cannot be read.
    Config {
        /// The file (or `<config>`, `<dict>`).
        path: String,
        /// The 1-based line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// An invalid argument (a language).
    Value(String),
}

impl From<LibConfigError> for BuildError {
    fn from(e: LibConfigError) -> BuildError {
        BuildError::Config {
            line: e.line(),
            path: e.source_name,
            message: e.message,
        }
    }
}

impl From<PackError> for BuildError {
    fn from(e: PackError) -> BuildError {
        BuildError::Config {
            line: e.span.as_ref().map(|span| line_of(&e.source_text, span)),
            path: e.source_name,
            message: e.message,
        }
    }
}

impl From<LinterError> for BuildError {
    fn from(e: LinterError) -> BuildError {
        match e {
            LinterError::Config(e) => e.into(),
            LinterError::Pack(e) => e.into(),
            LinterError::Io { path, reason } => BuildError::Config {
                path: path.display().to_string(),
                line: None,
                message: reason,
            },
            LinterError::Invalid(message) => BuildError::Config {
                path: "<config>".to_string(),
                line: None,
                message,
            },
        }
    }
}

impl From<BuildError> for PyErr {
    fn from(e: BuildError) -> PyErr {
        match e {
            BuildError::Value(message) => PyValueError::new_err(message),
            BuildError::Config {
                path,
                line,
                message,
            } => Python::attach(|py| {
                let text = match line {
                    Some(line) => format!("{path}:{line}: {message}"),
                    None => format!("{path}: {message}"),
                };
                let error = ConfigError::new_err(text);
                let value = error.value(py);
                let set = || -> PyResult<()> {
                    value.setattr("path", path)?;
                    value.setattr("line", line)?;
                    value.setattr("message", message)?;
                    Ok(())
                };
                match set() {
                    Ok(()) => error,
                    Err(e) => e,
                }
            }),
        }
    }
}

/// The `mtlint.FormatError` of `error`, met in `text` read as `format` from `path`.
pub fn format_error(
    py: Python<'_>,
    path: &str,
    text: &str,
    format: Format,
    error: LibFormatError,
) -> PyErr {
    let (line, column) = LineIndex::new(text).position(text, error.offset);
    let exception = FormatError::new_err(format!(
        "{path}:{line}:{column}: not valid {format}: {}",
        error.message
    ));
    let value = exception.value(py);
    let set = || -> PyResult<()> {
        value.setattr("path", path)?;
        value.setattr("line", line)?;
        value.setattr("column", column)?;
        value.setattr("offset", error.offset)?;
        value.setattr("message", &error.message)?;
        Ok(())
    };
    match set() {
        Ok(()) => exception,
        Err(e) => e,
    }
}

/// The 1-based line of the start of `span` in `text`.
fn line_of(text: &str, span: &Range<usize>) -> usize {
    text[..span.start.min(text.len())].matches('\n').count() + 1
}
