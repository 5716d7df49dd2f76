//! Errors in a rule pack, reported with ariadne at the offending line of the TOML file.

use std::{fmt, ops::Range};

/// A rule pack that cannot be used, with the place in its source that says why.
#[derive(Debug, Clone)]
pub struct PackError {
    /// The pack's file name (or `rules/x.toml` for a built-in pack).
    pub source_name: String,
    /// The pack's text.
    pub source_text: String,
    /// The byte range of the offending TOML, when known.
    pub span: Option<Range<usize>>,
    /// What is wrong.
    pub message: String,
}

impl PackError {
    /// Renders the error as an ariadne report pointing into the pack's source.
    pub fn render(&self, color: bool) -> String {
        let name = self.source_name.as_str();
        let title = format!("invalid rule pack {name}: {}", self.message);
        let span = self.span.clone().unwrap_or(0..0);
        crate::render::source_error::render(
            name,
            &self.source_text,
            span,
            &title,
            &self.message,
            color,
        )
        .unwrap_or_else(|| self.to_string())
    }
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.span {
            Some(span) => {
                let line = self.source_text[..span.start.min(self.source_text.len())]
                    .matches('\n')
                    .count()
                    + 1;
                write!(f, "{}:{line}: {}", self.source_name, self.message)
            }
            None => write!(f, "{}: {}", self.source_name, self.message),
        }
    }
}

impl std::error::Error for PackError {}
