//! File formats: each turns a file's text into the prose its readers read, one or more
//! documents of it, with the map back to the file's bytes and the way a replacement is written
//! in the file (escapes, entities). The engine lints the prose and never sees markup; a fix is
//! carried back through the map, and one that would touch a byte that is not prose is dropped.
//! Adding a format is adding a module here.

mod builder;
pub mod markdown;

pub use builder::{Escape, Prose, ProseBuilder};

use serde::Deserialize;
use std::fmt;

/// A file format mtlint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text: every byte is prose.
    #[default]
    Text,
    /// Markdown (CommonMark with tables, footnotes and front matter).
    Markdown,
}

impl Format {
    /// Every format, in the order `mtlint` documents them.
    pub const ALL: [Format; 2] = [Format::Text, Format::Markdown];

    /// The name used in rule packs (`formats = ["markdown"]`) and messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
        }
    }

    /// The file name extensions of the format (lowercase, without the dot).
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Text => &["txt", "text"],
            Format::Markdown => &["md", "markdown", "mdown", "mkd"],
        }
    }

    /// The format a file name's extension names, if any.
    pub fn from_extension(path: &str) -> Option<Format> {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let (_, extension) = name.rsplit_once('.')?;
        let extension = extension.to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.extensions().contains(&extension.as_str()))
    }

    /// The format of a file: the one its extension names, plain text otherwise.
    pub fn from_path(path: &str) -> Format {
        Format::from_extension(path).unwrap_or_default()
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a file cannot be read as its format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// The byte offset of the problem in the text given to [`extract`].
    pub offset: usize,
    /// What is wrong, in a few words.
    pub message: String,
}

/// What a file holds for the rules.
#[derive(Debug, Clone)]
pub enum Content {
    /// The whole text is prose (plain text).
    Plain,
    /// The prose of each document of the file (one for most formats).
    Documents(Vec<Prose>),
    /// The file is not valid in its format.
    Invalid(FormatError),
}

/// The prose of `text`, a file in `format`.
pub fn extract(format: Format, text: &str) -> Content {
    match format {
        Format::Text => Content::Plain,
        Format::Markdown => Content::Documents(vec![markdown::extract(text)]),
    }
}

/// A fingerprint of the structure of `text`, a file in `format` (its blocks, inline markup,
/// code and link targets, not its prose), or `None` for a format without structure. A fix
/// that changes it is not applied.
pub fn structure(format: Format, text: &str) -> Option<u64> {
    match format {
        Format::Text => None,
        Format::Markdown => Some(markdown::structure(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_extensions() {
        assert_eq!(Format::from_path("a/b/README.md"), Format::Markdown);
        assert_eq!(Format::from_path("notes.MARKDOWN"), Format::Markdown);
        assert_eq!(Format::from_path("a.txt"), Format::Text);
        assert_eq!(Format::from_path("Makefile"), Format::Text);
        assert_eq!(Format::from_extension("Makefile"), None);
        assert_eq!(Format::from_extension("dir.md/file"), None);
    }
}
