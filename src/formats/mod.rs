//! File formats: each turns a file's text into the prose its readers read, one or more
//! documents of it, with the map back to the file's bytes and the way a replacement is written
//! in the file (escapes, entities). The engine lints the prose and never sees markup; a fix is
//! carried back through the map, and one that would touch a byte that is not prose is dropped.
//! Adding a format is adding a module here.

mod builder;
pub mod html;
pub mod json;
pub mod markdown;
pub mod po;
mod references;
pub mod subtitles;
pub mod tmx;
pub mod xliff;
mod xml;

pub use builder::{Escape, Prose, ProseBuilder};
pub use json::FieldPath;
pub use xml::CODE;

use serde::Deserialize;
use std::{borrow::Cow, fmt, ops::Range, sync::LazyLock};

/// A file format mtlint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text: every byte is prose.
    #[default]
    Text,
    /// Markdown (CommonMark with tables, footnotes and front matter).
    Markdown,
    /// HTML: text and the attributes people read.
    Html,
    /// JSON: the strings of the selected fields.
    Json,
    /// JSON Lines: one JSON record per line, each a document.
    Jsonl,
    /// SubRip subtitles: cue text.
    Srt,
    /// WebVTT subtitles: cue text.
    Vtt,
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
    pub const ALL: [Format; 11] = [
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Json,
        Format::Jsonl,
        Format::Srt,
        Format::Vtt,
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
            Format::Html => "html",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Srt => "srt",
            Format::Vtt => "vtt",
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
            Format::Html => &["html", "htm", "xhtml"],
            Format::Json => &["json"],
            Format::Jsonl => &["jsonl", "ndjson"],
            Format::Srt => &["srt"],
            Format::Vtt => &["vtt"],
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

/// How files are read, beyond their format: the JSON fields whose strings are prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// The fields of JSON and JSON Lines files whose strings are prose (default: `text`).
    pub fields: Vec<FieldPath>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            fields: FieldPath::default_fields(),
        }
    }
}

/// The default reading options, shared.
static DEFAULT_OPTIONS: LazyLock<ReadOptions> = LazyLock::new(ReadOptions::default);

impl ReadOptions {
    /// The default options: the `text` field of JSON files.
    pub fn shared_default() -> &'static ReadOptions {
        &DEFAULT_OPTIONS
    }
}

/// The prose of `text`, a file in `format`, read with the default options.
pub fn extract(format: Format, text: &str) -> Content {
    extract_with(format, text, ReadOptions::shared_default())
}

/// The prose of `text`, a file in `format`, read with `options`.
pub fn extract_with(format: Format, text: &str, options: &ReadOptions) -> Content {
    let one = |prose: Result<Prose, FormatError>| match prose {
        Ok(prose) => Content::Documents(vec![prose]),
        Err(error) => Content::Invalid(error),
    };
    match format {
        Format::Text => Content::Plain,
        Format::Markdown => Content::Documents(vec![markdown::extract(text)]),
        Format::Html => match html::extract(text) {
            Ok(documents) => Content::Documents(documents),
            Err(error) => Content::Invalid(error),
        },
        Format::Json => one(json::extract(text, &options.fields)),
        Format::Jsonl => Content::Documents(json::extract_lines(text, &options.fields)),
        Format::Srt => one(subtitles::extract(subtitles::Kind::Srt, text)),
        Format::Vtt => one(subtitles::extract(subtitles::Kind::Vtt, text)),
        Format::Po => segments(po::extract(text)),
        Format::Pot => match po::extract(text) {
            Ok(_) => Content::Documents(Vec::new()),
            Err(error) => Content::Invalid(error),
        },
        Format::Xliff => segments(xliff::extract(text)),
        Format::Tmx => segments(tmx::extract(text)),
    }
}

/// The content of a file read as one document per segment.
fn segments(read: Result<Vec<Prose>, FormatError>) -> Content {
    match read {
        Ok(documents) => Content::Documents(documents),
        Err(error) => Content::Invalid(error),
    }
}

/// A fingerprint of the structure of `text`, a file in `format` (its blocks, inline markup,
/// code and link targets, not its prose), or `None` for a format without structure. A fix
/// that changes it is not applied.
pub fn structure(format: Format, text: &str) -> Option<u64> {
    match format {
        Format::Markdown => Some(markdown::structure(text)),
        // The other formats keep their structure by construction: no edit can reach their
        // markup, and a file that no longer parses is never written.
        _ => None,
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

/// The parts of a file in `format` that its reader leaves out because they are not valid,
/// while it reads the rest: the records of a JSON Lines file that are not JSON. A pipeline
/// over millions of records lints the others; the run reports these as input errors.
pub fn invalid_records(format: Format, text: &str) -> Vec<FormatError> {
    match format {
        Format::Jsonl => json::invalid_records(text),
        _ => Vec::new(),
    }
}

/// The byte ranges of `text` (a file in `format`) that are not prose, sorted and disjoint:
/// markup, code, and everything a format leaves out of its documents.
pub fn non_prose(format: Format, text: &str) -> Vec<Range<usize>> {
    non_prose_with(format, text, ReadOptions::shared_default())
}

/// [`non_prose`] for a file read with `options`: what no document of the file reads as prose.
pub fn non_prose_with(format: Format, text: &str, options: &ReadOptions) -> Vec<Range<usize>> {
    match extract_with(format, text, options) {
        Content::Plain => Vec::new(),
        Content::Invalid(_) => std::iter::once(0..text.len()).collect(),
        Content::Documents(documents) => non_prose_of(&documents, text.len()),
    }
}

/// The byte ranges of a file of length `len` that none of `documents` reads as prose.
pub fn non_prose_of(documents: &[Prose], len: usize) -> Vec<Range<usize>> {
    let mut prose: Vec<Range<usize>> = Vec::new();
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
    let mut gaps = Vec::new();
    let mut cursor = 0;
    for range in prose {
        if range.start > cursor {
            gaps.push(cursor..range.start);
        }
        cursor = cursor.max(range.end);
    }
    if cursor < len {
        gaps.push(cursor..len);
    }
    gaps
}

/// How much of a file's prose language detection reads.
const SAMPLE_BYTES: usize = 2048;

/// How much of an HTML or JSON Lines file is read to find a sample of its prose (a page's
/// head of scripts and styles may fill the first kilobytes).
const SAMPLE_SOURCE_BYTES: usize = 16 * 1024;

/// A sample of the prose of `text` (a file in `format`) to detect its language from: the file
/// itself for plain text and Markdown, the start of its prose for formats with markup (the
/// head of a web page or the keys of a record would pass for English).
pub fn language_sample<'t>(format: Format, text: &'t str, options: &ReadOptions) -> Cow<'t, str> {
    let source = match format {
        Format::Text | Format::Markdown => return Cow::Borrowed(text),
        Format::Html | Format::Jsonl if text.len() > SAMPLE_SOURCE_BYTES => {
            let mut end = SAMPLE_SOURCE_BYTES;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            if format == Format::Jsonl {
                end = text[..end].rfind('\n').map_or(end, |at| at + 1);
            }
            &text[..end]
        }
        _ => text,
    };
    match extract_with(format, source, options) {
        Content::Documents(documents) => {
            let mut sample = String::new();
            for document in &documents {
                if sample.len() >= SAMPLE_BYTES {
                    break;
                }
                // A translation file's documents are its translations: their prose.
                sample.push_str(&document.text);
                sample.push_str("\n\n");
            }
            Cow::Owned(sample)
        }
        Content::Plain | Content::Invalid(_) => Cow::Borrowed(text),
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
        assert_eq!(Format::from_path("page.HTM"), Format::Html);
        assert_eq!(Format::from_path("corpus.ndjson"), Format::Jsonl);
        assert_eq!(Format::from_path("a.vtt"), Format::Vtt);
        assert_eq!(Format::from_path("po/fr.po"), Format::Po);
        assert_eq!(Format::from_path("messages.pot"), Format::Pot);
        assert_eq!(Format::from_path("app.fr.XLF"), Format::Xliff);
        assert_eq!(Format::from_path("app.xliff"), Format::Xliff);
        assert_eq!(Format::from_path("memory.tmx"), Format::Tmx);
    }

    #[test]
    fn folders_are_walked_for_every_format() {
        let mut globs: Vec<String> = Format::ALL
            .iter()
            .flat_map(|f| f.extensions())
            .map(|e| format!("*.{e}"))
            .collect();
        let mut walked: Vec<String> = crate::input::DEFAULT_INCLUDE
            .iter()
            .map(|g| g.to_string())
            .collect();
        globs.sort();
        walked.sort();
        assert_eq!(walked, globs);
        // The pre-commit hook selects the same files.
        let hooks = include_str!("../../.pre-commit-hooks.yaml");
        let pattern = hooks
            .lines()
            .find_map(|l| l.trim().strip_prefix("files: "))
            .expect("the hook names its files");
        let pattern = regex::Regex::new(pattern).expect("a valid pattern");
        for glob in &globs {
            let name = glob.replace('*', "page");
            assert!(pattern.is_match(&name), "{name}");
            assert!(pattern.is_match(&name.to_uppercase()), "{name}");
        }
        for other in ["a.py", "b.yaml", "c.toml", "d.rs", "html", "e.js"] {
            assert!(!pattern.is_match(other), "{other}");
        }
    }

    #[test]
    fn prose_of_any_document_is_prose() {
        let text = "{\"text\": \"un\"}\n{\"text\": \"deux\"}\n";
        let gaps: Vec<&str> = non_prose(Format::Jsonl, text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(gaps, ["{\"text\": \"", "\"}\n{\"text\": \"", "\"}\n"]);
    }

    #[test]
    fn language_is_sampled_from_prose() {
        let page = format!(
            "<html><head><script>{}</script></head><body><p>Le chat dort.</p></body></html>",
            "var x = 1; ".repeat(10)
        );
        assert_eq!(
            language_sample(Format::Html, &page, ReadOptions::shared_default()).trim(),
            "Le chat dort."
        );
    }
}
