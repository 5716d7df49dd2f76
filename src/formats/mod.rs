//! File formats: each turns a file's text into the prose its readers read, one or more
//! documents of it, with the map back to the file's bytes and the way a replacement is written
//! in the file (escapes, entities). The engine lints the prose and never sees markup; a fix is
//! carried back through the map, and one that would touch a byte that is not prose is dropped.
//! Adding a format is adding a module here.

mod builder;
pub mod markdown;
pub mod po;
pub mod tmx;
pub mod xliff;
mod xml;

pub use builder::{Escape, Prose, ProseBuilder};
pub use xml::CODE;

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
    /// A gettext PO catalog: the translations are prose, the `msgid`s their sources.
    Po,
    /// A gettext PO template: checked to be valid, holds no translation and so no prose.
    Pot,
    /// XLIFF 1.2 or 2.x: the target segments are prose, the source segments their sources.
    Xliff,
    /// A TMX translation memory: the segments not in the source language are prose.
    Tmx,
}

impl Format {
    /// Every format, in the order `mtlint` documents them.
    pub const ALL: [Format; 6] = [
        Format::Text,
        Format::Markdown,
        Format::Po,
        Format::Pot,
        Format::Xliff,
        Format::Tmx,
    ];

    /// The name used in rule packs (`formats = ["markdown"]`) and messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Po => "po",
            Format::Pot => "pot",
            Format::Xliff => "xliff",
            Format::Tmx => "tmx",
        }
    }

    /// The file name extensions of the format (lowercase, without the dot).
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Text => &["txt", "text"],
            Format::Markdown => &["md", "markdown", "mdown", "mkd"],
            Format::Po => &["po"],
            Format::Pot => &["pot"],
            Format::Xliff => &["xlf", "xliff"],
            Format::Tmx => &["tmx"],
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
        Format::Po => segments(po::extract(text)),
        Format::Pot => match po::extract(text) {
            Ok(_) => Content::Documents(Vec::new()),
            Err(error) => Content::Invalid(error),
        },
        Format::Xliff => segments(xliff::extract(text)),
        Format::Tmx => segments(tmx::extract(text)),
    }
}

/// A fingerprint of the structure of `text`, a file in `format` (its blocks, inline markup,
/// code and link targets, not its prose), or `None` for a format without structure. A fix
/// that changes it is not applied.
pub fn structure(format: Format, text: &str) -> Option<u64> {
    match format {
        Format::Markdown => Some(markdown::structure(text)),
        // The translation formats keep their structure by construction: no edit can reach
        // their markup, and a file that no longer parses is never written.
        Format::Text | Format::Po | Format::Pot | Format::Xliff | Format::Tmx => None,
    }
}

/// The content of a file read as one document per segment.
fn segments(read: Result<Vec<Prose>, FormatError>) -> Content {
    match read {
        Ok(documents) => Content::Documents(documents),
        Err(error) => Content::Invalid(error),
    }
}

/// The language that `text`, a file in `format`, says its translations are in (a PO header's
/// `Language:`, XLIFF's `target-language` or `trgLang`), as a lowercase primary subtag.
pub fn declared_language(format: Format, text: &str) -> Option<String> {
    let keys: &[&str] = match format {
        Format::Po => &["\"Language: "],
        Format::Xliff => &["target-language=\"", "trgLang=\""],
        _ => return None,
    };
    let value = keys.iter().find_map(|key| {
        let at = text.find(key)? + key.len();
        let rest = &text[at..];
        Some(&rest[..rest.find(['\\', '"', '\n'])?])
    })?;
    let primary = value
        .trim()
        .split(['-', '_', '@', '.'])
        .next()?
        .to_ascii_lowercase();
    (!primary.is_empty() && primary.chars().all(|c| c.is_ascii_lowercase())).then_some(primary)
}

/// What a language detector should read of `text`, a file in `format`: the file itself, or
/// for the files that also hold the source language (PO, XLIFF, TMX) the first 2 KB of
/// their translations.
pub fn language_sample(format: Format, text: &str) -> std::borrow::Cow<'_, str> {
    if !matches!(format, Format::Po | Format::Xliff | Format::Tmx) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut sample = String::new();
    if let Content::Documents(documents) = extract(format, text) {
        for document in &documents {
            for (range, _) in &document.sources {
                sample.push_str(&document.text[range.clone()]);
                sample.push('\n');
                if sample.len() >= 2048 {
                    return std::borrow::Cow::Owned(sample);
                }
            }
        }
    }
    std::borrow::Cow::Owned(sample)
}

/// The byte ranges of `text` (a file in `format`) that are not prose, sorted and disjoint:
/// markup, code, and everything a format leaves out of its documents. A byte is prose when
/// some document reads it: the markup is what every document leaves out.
pub fn non_prose(format: Format, text: &str) -> Vec<std::ops::Range<usize>> {
    match extract(format, text) {
        Content::Plain => Vec::new(),
        Content::Invalid(_) => std::iter::once(0..text.len()).collect(),
        Content::Documents(documents) => non_prose_of(&documents, text.len()),
    }
}

/// The byte ranges of a file of length `len` that none of `documents` reads as prose.
pub fn non_prose_of(documents: &[Prose], len: usize) -> Vec<std::ops::Range<usize>> {
    let mut prose: Vec<std::ops::Range<usize>> = Vec::new();
    for document in documents {
        let mut cursor = 0;
        for gap in document.non_prose(len) {
            if gap.start > cursor {
                prose.push(cursor..gap.start);
            }
            cursor = gap.end;
        }
        if cursor < len {
            prose.push(cursor..len);
        }
    }
    prose.sort_by_key(|r| r.start);
    let mut regions = Vec::new();
    let mut cursor = 0;
    for range in prose {
        if range.start > cursor {
            regions.push(cursor..range.start);
        }
        cursor = cursor.max(range.end);
    }
    if cursor < len {
        regions.push(cursor..len);
    }
    regions
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
        assert_eq!(Format::from_path("po/fr.po"), Format::Po);
        assert_eq!(Format::from_path("messages.pot"), Format::Pot);
        assert_eq!(Format::from_path("app.fr.XLF"), Format::Xliff);
        assert_eq!(Format::from_path("app.xliff"), Format::Xliff);
        assert_eq!(Format::from_path("memory.tmx"), Format::Tmx);
    }
}
