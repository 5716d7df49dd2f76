//! gettext PO catalogs (and POT templates), read line by line: the prose is every translation
//! (`msgstr`, and `msgstr[n]` for plurals), escapes decoded; the `msgid` (or `msgid_plural`
//! for the plural forms) is the source of each translation. Comments, contexts, keywords,
//! the quotes of each string line, the header entry (empty `msgid`) and obsolete entries
//! (`#~`) are markup.
//!
//! An entry marked `#, fuzzy` is linted like any other: its translation is a draft that a
//! reviewer is about to accept (machine-translation tools write every entry they fill in as
//! fuzzy), so it is where the problems are worth finding. An empty translation is a place
//! the bilingual checks see (untranslated), except in a fuzzy entry, where it means nothing.

use super::{Escape, FormatError, Prose, ProseBuilder};
use std::ops::Range;

/// One quoted string of a PO file, as written on one line.
struct Line {
    /// The bytes between the quotes.
    inner: Range<usize>,
}

/// A piece of a string's content: bytes as they are, or an escape and what it stands for.
enum Chunk {
    Plain(Range<usize>),
    Escaped(Range<usize>, char),
}

/// An entry being read.
#[derive(Default)]
struct Entry {
    fuzzy: bool,
    context: bool,
    msgid: Vec<Line>,
    msgid_plural: Vec<Line>,
    /// Each translation: its index (0 for `msgstr`) and its lines.
    msgstr: Vec<(usize, Vec<Line>)>,
    /// Where the keyword of the entry's first line stands (for errors).
    start: usize,
}

/// Which string the continuation lines of an entry add to.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    None,
    Context,
    Id,
    IdPlural,
    Str,
}

fn error(offset: usize, message: impl Into<String>) -> FormatError {
    FormatError {
        offset,
        message: message.into(),
    }
}

/// The content of the string starting at `at` (an opening quote) on a line ending at
/// `line_end`, and what follows it must be blank.
fn string_at(text: &str, at: usize, line_end: usize) -> Result<Line, FormatError> {
    let bytes = text.as_bytes();
    if bytes.get(at) != Some(&b'"') {
        return Err(error(at, "expected a quoted string"));
    }
    let mut i = at + 1;
    while i < line_end {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => {
                let rest = &text[i + 1..line_end];
                if !rest.trim().is_empty() {
                    return Err(error(i + 1, "unexpected text after a string"));
                }
                return Ok(Line { inner: at + 1..i });
            }
            _ => i += 1,
        }
    }
    Err(error(at, "unterminated string"))
}

/// Splits the content of a string into plain runs and decoded escapes.
fn chunks(text: &str, inner: &Range<usize>) -> Result<Vec<Chunk>, FormatError> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut run = inner.start;
    let mut i = inner.start;
    while i < inner.end {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        if run < i {
            out.push(Chunk::Plain(run..i));
        }
        let next = bytes.get(i + 1).copied().unwrap_or(b'"');
        let (decoded, len) = match next {
            b'n' => ('\n', 2),
            b't' => ('\t', 2),
            b'r' => ('\r', 2),
            b'"' => ('"', 2),
            b'\\' => ('\\', 2),
            b'a' => ('\u{7}', 2),
            b'b' => ('\u{8}', 2),
            b'f' => ('\u{c}', 2),
            b'v' => ('\u{b}', 2),
            b'0'..=b'7' => {
                let digits = bytes[i + 1..inner.end.min(i + 4)]
                    .iter()
                    .take_while(|b| (b'0'..=b'7').contains(b))
                    .count();
                let value = u32::from_str_radix(&text[i + 1..i + 1 + digits], 8).unwrap_or(0);
                (char::from_u32(value).unwrap_or('\u{fffd}'), 1 + digits)
            }
            b'x' => {
                let digits = bytes[i + 2..inner.end]
                    .iter()
                    .take_while(|b| b.is_ascii_hexdigit())
                    .take(2)
                    .count();
                if digits == 0 {
                    return Err(error(i, "invalid escape `\\x`"));
                }
                let value = u32::from_str_radix(&text[i + 2..i + 2 + digits], 16).unwrap_or(0);
                (char::from_u32(value).unwrap_or('\u{fffd}'), 2 + digits)
            }
            _ => return Err(error(i, "invalid escape sequence")),
        };
        out.push(Chunk::Escaped(i..i + len, decoded));
        i += len;
        run = i;
    }
    if run < inner.end {
        out.push(Chunk::Plain(run..inner.end));
    }
    Ok(out)
}

/// The decoded text of a string written over `lines`.
fn decode(text: &str, lines: &[Line]) -> String {
    let mut out = String::new();
    for line in lines {
        for chunk in chunks(text, &line.inner).unwrap_or_default() {
            match chunk {
                Chunk::Plain(range) => out.push_str(&text[range]),
                Chunk::Escaped(_, c) => out.push(c),
            }
        }
    }
    out
}

/// Writes each translation of the entries as a document of its own: a catalog's strings are
/// independent texts (two entries translated alike are no repetition).
struct Writer<'t> {
    text: &'t str,
    documents: Vec<Prose>,
}

impl Writer<'_> {
    fn entry(&mut self, entry: Entry) -> Result<(), FormatError> {
        if entry.msgid.is_empty() {
            if entry.msgstr.is_empty() && !entry.context {
                return Ok(());
            }
            return Err(error(entry.start, "an entry without `msgid`"));
        }
        if entry.msgstr.is_empty() {
            return Err(error(entry.start, "an entry without `msgstr`"));
        }
        let source = decode(self.text, &entry.msgid);
        if source.is_empty() && !entry.context {
            // The header entry: metadata, not prose.
            return Ok(());
        }
        let plural_source = if entry.msgid_plural.is_empty() {
            source.clone()
        } else {
            decode(self.text, &entry.msgid_plural)
        };
        for (index, lines) in entry.msgstr {
            let source = if index == 0 {
                source.clone()
            } else {
                plural_source.clone()
            };
            let mut prose = ProseBuilder::new(self.text, Escape::Po);
            for line in &lines {
                for chunk in chunks(self.text, &line.inner)? {
                    match chunk {
                        Chunk::Plain(range) => prose.copy(range),
                        Chunk::Escaped(range, c) => {
                            prose.decoded(range, c.encode_utf8(&mut [0; 4]))
                        }
                    }
                }
            }
            if !prose.is_empty() {
                prose.translated_from(0, source);
            } else if entry.fuzzy {
                continue;
            } else {
                let at = lines.first().map_or(entry.start, |l| l.inner.start);
                prose.empty_translation(at, source);
            }
            self.documents.push(prose.finish());
        }
        Ok(())
    }
}

/// The keyword a line starts with, the field it opens, and the plural index of `msgstr[n]`.
fn keyword(line: &str) -> Option<(usize, Field, Option<usize>)> {
    for (word, field) in [
        ("msgctxt", Field::Context),
        ("msgid_plural", Field::IdPlural),
        ("msgid", Field::Id),
    ] {
        if let Some(rest) = line.strip_prefix(word)
            && rest.starts_with([' ', '\t'])
        {
            return Some((word.len(), field, None));
        }
    }
    let rest = line.strip_prefix("msgstr")?;
    if rest.starts_with([' ', '\t']) {
        return Some((6, Field::Str, Some(0)));
    }
    let close = rest.strip_prefix('[')?.find(']')?;
    let index = rest[1..1 + close].trim().parse().ok()?;
    Some((6 + close + 2, Field::Str, Some(index)))
}

/// The translations of a PO file, one document each, or why it is not a valid PO file.
pub fn extract(text: &str) -> Result<Vec<Prose>, FormatError> {
    let mut writer = Writer {
        text,
        documents: Vec::new(),
    };
    let mut entry = Entry::default();
    let mut field = Field::None;
    let mut fuzzy_next = false;
    let mut at = 0;
    for raw in text.split_inclusive('\n') {
        let line_start = at;
        at += raw.len();
        let stripped = raw.trim_end_matches(['\n', '\r']);
        let line_end = line_start + stripped.len();
        let indent = stripped.len() - stripped.trim_start().len();
        let content = &text[line_start + indent..line_end];
        if content.is_empty() || content.starts_with('#') {
            // A comment or a blank line ends the entry whose translation has been read.
            if !entry.msgstr.is_empty() {
                writer.entry(std::mem::take(&mut entry))?;
                field = Field::None;
            }
            if content.is_empty() {
                fuzzy_next = false;
            } else if content.starts_with("#,")
                && content[2..].split(',').any(|f| f.trim() == "fuzzy")
            {
                fuzzy_next = true;
            }
            continue;
        }
        let content_start = line_start + indent;
        if content.starts_with('"') {
            let line = string_at(text, content_start, line_end)?;
            match field {
                Field::None => return Err(error(content_start, "a string without a keyword")),
                Field::Context => {}
                Field::Id => entry.msgid.push(line),
                Field::IdPlural => entry.msgid_plural.push(line),
                Field::Str => match entry.msgstr.last_mut() {
                    Some((_, lines)) => lines.push(line),
                    None => return Err(error(content_start, "a string without a keyword")),
                },
            }
            continue;
        }
        let Some((length, new_field, index)) = keyword(content) else {
            return Err(error(content_start, "unknown keyword"));
        };
        if matches!(new_field, Field::Context | Field::Id) && !entry.msgstr.is_empty() {
            writer.entry(std::mem::take(&mut entry))?;
        }
        if !entry.context && entry.msgid.is_empty() && entry.msgstr.is_empty() {
            entry.start = content_start;
            entry.fuzzy = std::mem::take(&mut fuzzy_next);
        }
        let after = content[length..].len() - content[length..].trim_start().len();
        let line = string_at(text, content_start + length + after, line_end)?;
        match new_field {
            Field::Context if entry.context || !entry.msgid.is_empty() => {
                return Err(error(content_start, "`msgctxt` twice in one entry"));
            }
            Field::Context => entry.context = true,
            Field::Id if !entry.msgid.is_empty() => {
                return Err(error(content_start, "`msgid` twice in one entry"));
            }
            Field::Id => entry.msgid.push(line),
            Field::IdPlural if entry.msgid.is_empty() => {
                return Err(error(content_start, "`msgid_plural` before `msgid`"));
            }
            Field::IdPlural => entry.msgid_plural.push(line),
            Field::Str if entry.msgid.is_empty() => {
                return Err(error(content_start, "`msgstr` before `msgid`"));
            }
            Field::Str => entry.msgstr.push((index.unwrap_or(0), vec![line])),
            Field::None => unreachable!("keywords open a field"),
        }
        field = new_field;
    }
    if !entry.msgstr.is_empty() || !entry.msgid.is_empty() {
        writer.entry(entry)?;
    }
    Ok(writer.documents)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATALOG: &str = r#"# French translation.
msgid ""
msgstr ""
"Project-Id-Version: demo 1.0\n"
"Language: fr\n"

#: src/main.c:12
#, c-format
msgid "Open %s"
msgstr "Ouvrir %s"

msgctxt "menu"
msgid "File"
msgstr ""
"Fich"
"ier"

#, fuzzy
msgid "Save"
msgstr ""

msgid "one file"
msgid_plural "%d files"
msgstr[0] "un fichier"
msgstr[1] "%d fichiers\tdans \"là\""

msgid "Untranslated"
msgstr ""

#~ msgid "Old"
#~ msgstr "Vieux"
"#;

    #[test]
    fn translations_are_the_prose() {
        let documents = extract(CATALOG).unwrap();
        let texts: Vec<&str> = documents.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Ouvrir %s",
                "Fichier",
                "un fichier",
                "%d fichiers\tdans \"là\"",
                "\n"
            ]
        );
        let sources: Vec<&str> = documents.iter().map(|d| d.sources[0].1.as_str()).collect();
        assert_eq!(
            sources,
            ["Open %s", "File", "one file", "%d files", "Untranslated"]
        );
        let (range, _) = &documents[4].sources[0];
        assert!(range.is_empty());
        let at = documents[4].map.range(range).start;
        assert_eq!(&CATALOG[at - 8..at + 1], "msgstr \"\"");
        let prose = &documents[3];
        let quote = prose.text.find("\"là").unwrap();
        assert_eq!(&CATALOG[prose.map.range(&(quote..quote + 1))], "\\\"");
    }

    #[test]
    fn the_header_alone_has_no_prose() {
        let documents = extract("msgid \"\"\nmsgstr \"Language: fr\\n\"\n").unwrap();
        assert!(documents.is_empty());
    }

    #[test]
    fn broken_files_are_errors() {
        for (bad, message) in [
            ("msgid \"a\nmsgstr \"b\"\n", "unterminated string"),
            ("msgid \"a\"\nmsgstr \"b\\q\"\n", "invalid escape sequence"),
            ("msgstr \"b\"\n", "`msgstr` before `msgid`"),
            ("msgid \"a\"\nmsgfoo \"b\"\n", "unknown keyword"),
            ("\"a\"\n", "a string without a keyword"),
            (
                "msgid \"a\" x\nmsgstr \"b\"\n",
                "unexpected text after a string",
            ),
            ("msgid \"a\"\n\n", "an entry without `msgstr`"),
        ] {
            let found = extract(bad).unwrap_err();
            assert_eq!(found.message, message, "{bad:?}");
        }
    }
}
