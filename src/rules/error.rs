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
    /// Renders the error as an ariadne report pointing into the pack's source; when the
    /// offending line is too long to show (a generated expression of megabytes), as one line
    /// naming the file and the line. Long messages are cut.
    pub fn render(&self, color: bool) -> String {
        let name = self.source_name.as_str();
        let span = self.span.clone().unwrap_or(0..0);
        let line_len = |at: usize| {
            let at = at.min(self.source_text.len());
            let start = self.source_text[..at].rfind('\n').map_or(0, |i| i + 1);
            let end = self.source_text[at..]
                .find('\n')
                .map_or(self.source_text.len(), |i| at + i);
            end - start
        };
        if self.message.len() > MAX_SHOWN
            || span.len() > MAX_SHOWN
            || line_len(span.start) > MAX_SHOWN
        {
            let short = PackError {
                message: clip(&self.message, MAX_SHOWN),
                ..self.clone()
            };
            return format!("Error: invalid rule pack {short}\n");
        }
        let title = format!("invalid rule pack {name}: {}", self.message);
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

/// The longest message, span or source line an error shows whole.
const MAX_SHOWN: usize = 400;

/// `text` cut to at most `max` bytes (at a character boundary), with "…" when cut.
fn clip(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes in all)", &text[..end], text.len())
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
