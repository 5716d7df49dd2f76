//! JSON and JSON Lines, validated by serde_json. The prose is the string values the selected
//! fields hold (`--field`: a JSON pointer `/a/b` or a dotted path `a.b`, `*` for any key;
//! default `text`): a selected object or array gives every string inside it. Strings are
//! unescaped for the rules (an escape is replaced only whole) and replacements are escaped
//! back. Keys, numbers, punctuation and the strings of other fields are markup. A `.json` file
//! is one document whose strings are blocks; each line of a `.jsonl` file is a document of its
//! own (a record), and a line that is not valid JSON is left as it is (see
//! [`invalid_records`]).

use super::{Escape, FormatError, Prose, ProseBuilder};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::{borrow::Cow, fmt, ops::Range};

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    /// An object key, or an array index when it is a number.
    Key(String),
    /// Every value of an object or array.
    Any,
}

/// The values of a JSON document whose strings are prose: a JSON pointer (`/a/b`, with `~0`
/// and `~1` for `~` and `/`) or a dotted path (`a.b`). A step `*` matches any key; a key step
/// that meets an array applies to each element (`items.text` reads the text of every item).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPath {
    steps: Vec<Step>,
    written: String,
}

impl FieldPath {
    /// Parses a field path as written on the command line.
    pub fn parse(written: &str) -> Result<FieldPath, String> {
        let step = |s: &str| match s {
            "*" => Step::Any,
            _ => Step::Key(s.to_string()),
        };
        let steps: Vec<Step> = if let Some(pointer) = written.strip_prefix('/') {
            pointer
                .split('/')
                .map(|s| step(&s.replace("~1", "/").replace("~0", "~")))
                .collect()
        } else {
            if written.is_empty() || written.split('.').any(str::is_empty) {
                return Err(format!(
                    "`{written}` is not a field: write a dotted path (`text`, `meta.title`) or a JSON pointer (`/meta/title`)"
                ));
            }
            written.split('.').map(step).collect()
        };
        Ok(FieldPath {
            steps,
            written: written.to_string(),
        })
    }

    /// The field that mtlint reads by default: `text`.
    pub fn default_fields() -> Vec<FieldPath> {
        vec![FieldPath::parse("text").expect("a valid field")]
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written)
    }
}

/// The entries of a JSON object, in order, duplicates kept.
struct Entries<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'de> Deserialize<'de> for Entries<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries<'de>, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<Cow<'de, str>, &'de RawValue>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}

/// The children of a JSON value: an object's entries (with their keys) or an array's
/// elements (with their indexes); nothing for a scalar.
fn children(value: &RawValue) -> Vec<(Cow<'_, str>, &RawValue)> {
    match value.get().as_bytes().first() {
        Some(b'{') => serde_json::from_str::<Entries>(value.get())
            .map(|e| e.0)
            .unwrap_or_default(),
        Some(b'[') => serde_json::from_str::<Vec<&RawValue>>(value.get())
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(i, v)| (Cow::Owned(i.to_string()), v))
            .collect(),
        _ => Vec::new(),
    }
}

/// Adds to `found` the string literals (as slices of the file) that `steps` select in `value`.
fn select<'a>(value: &'a RawValue, steps: &[Step], found: &mut Vec<&'a str>) {
    let raw = value.get();
    if steps.is_empty() && raw.starts_with('"') {
        found.push(raw);
    } else {
        select_in(&children(value), raw.starts_with('['), steps, found);
    }
}

/// Adds to `found` the string literals that `steps` select in the children of a value (an
/// array's when `is_array`).
fn select_in<'a>(
    children: &[(Cow<'a, str>, &'a RawValue)],
    is_array: bool,
    steps: &[Step],
    found: &mut Vec<&'a str>,
) {
    let Some((step, rest)) = steps.split_first() else {
        for (_, child) in children {
            select(child, steps, found);
        }
        return;
    };
    for (key, child) in children {
        match step {
            Step::Any => select(child, rest, found),
            Step::Key(wanted) if wanted == key => select(child, rest, found),
            // A key that is not an index applies to each element of an array.
            Step::Key(wanted) if is_array && wanted.parse::<usize>().is_err() => {
                select(child, steps, found)
            }
            Step::Key(_) => {}
        }
    }
}

/// The offset of a slice of `file` in it.
fn offset_in(file: &str, slice: &str) -> usize {
    slice.as_ptr() as usize - file.as_ptr() as usize
}

/// The character a `\u` escape at the start of `raw` (`\uXXXX`, or a surrogate pair of two)
/// stands for, and the length of the escape.
fn unicode_escape(raw: &str) -> (usize, char) {
    let unit = |at: usize| {
        raw.get(at..at + 6)
            .filter(|s| s.starts_with("\\u"))
            .and_then(|s| u32::from_str_radix(&s[2..], 16).ok())
    };
    match unit(0) {
        Some(high @ 0xD800..=0xDBFF) => match unit(6) {
            Some(low @ 0xDC00..=0xDFFF) => {
                let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                (12, char::from_u32(code).unwrap_or('\u{FFFD}'))
            }
            _ => (6, '\u{FFFD}'),
        },
        Some(code) => (6, char::from_u32(code).unwrap_or('\u{FFFD}')),
        None => (2, '\u{FFFD}'),
    }
}

/// Adds the contents of the string literal `literal` (a slice of `file`, quotes included) as
/// one block: runs without escapes as they are, each escape decoded.
fn add_string(prose: &mut ProseBuilder, file: &str, literal: &str) {
    let start = offset_in(file, literal) + 1;
    let contents = &literal[1..literal.len() - 1];
    prose.end_block();
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'\\', &contents.as_bytes()[at..]) {
        let escape = at + found;
        let (len, decoded) = match contents.as_bytes().get(escape + 1) {
            Some(b'u') => {
                let (len, c) = unicode_escape(&contents[escape..]);
                (len, c.to_string())
            }
            Some(&c) => {
                let decoded = match c {
                    b'n' => '\n',
                    b't' => '\t',
                    b'r' => '\r',
                    b'b' => '\u{8}',
                    b'f' => '\u{c}',
                    other => char::from(other),
                };
                (2, decoded.to_string())
            }
            None => break,
        };
        prose.copy(start + copied..start + escape);
        prose.decoded(start + escape..start + escape + len, &decoded);
        copied = escape + len;
        at = copied;
    }
    prose.copy(start + copied..start + contents.len());
    prose.end_block();
}

/// Adds the selected strings of `value` (a slice of `file`) to `prose`, in the order of the
/// file.
fn add_selected(prose: &mut ProseBuilder, file: &str, value: &RawValue, fields: &[FieldPath]) {
    let mut found = Vec::new();
    for field in fields {
        select(value, &field.steps, &mut found);
    }
    add_literals(prose, file, found);
}

/// Adds the string literals `found` (slices of `file`, in any order, perhaps repeated) to
/// `prose`, each once, in the order of the file.
fn add_literals(prose: &mut ProseBuilder, file: &str, mut found: Vec<&str>) {
    found.sort_by_key(|s| offset_in(file, s));
    found.dedup_by_key(|s| offset_in(file, s));
    for literal in found {
        add_string(prose, file, literal);
    }
}

/// One valid record of a JSON Lines file, parsed once: an object's entries, or another value.
enum Record<'a> {
    /// A record that is an object: its entries, in order, duplicates kept.
    Object(Vec<(Cow<'a, str>, &'a RawValue)>),
    /// A record that is an array or a scalar.
    Other(&'a RawValue),
}

impl<'a> Record<'a> {
    /// The record `text` holds, or `None` when it is not valid JSON or is an object whose
    /// entries cannot be read (which then holds no prose).
    fn parse(text: &'a str) -> Option<Record<'a>> {
        if text.trim_start().starts_with('{') {
            serde_json::from_str::<Entries>(text)
                .ok()
                .map(|entries| Record::Object(entries.0))
        } else {
            serde_json::from_str::<&RawValue>(text)
                .ok()
                .map(Record::Other)
        }
    }

    /// The string literals (slices of the record) that `fields` select, unsorted.
    fn selected(&self, fields: &[FieldPath]) -> Vec<&'a str> {
        let mut found = Vec::new();
        for field in fields {
            match self {
                Record::Object(entries) => select_in(entries, false, &field.steps, &mut found),
                Record::Other(value) => select(value, &field.steps, &mut found),
            }
        }
        found
    }

    /// The record's `id` field, as JSON text, if it is an object that has one.
    fn id(&self) -> Option<String> {
        match self {
            Record::Object(entries) => entries
                .iter()
                .find(|(key, _)| key == "id")
                .map(|(_, id)| id.get().to_string()),
            Record::Other(_) => None,
        }
    }
}

/// Where serde_json's error is in `text`, as a byte offset.
fn error_offset(text: &str, error: &serde_json::Error) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(error.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let mut offset = (line_start + error.column().saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Why `text` is not one JSON value, if it is not.
fn parse(text: &str) -> Result<&RawValue, FormatError> {
    serde_json::from_str::<&RawValue>(text).map_err(|e| FormatError {
        offset: error_offset(text, &e),
        message: e
            .to_string()
            .rsplit_once(" at line ")
            .map_or_else(|| e.to_string(), |(m, _)| m.to_string()),
    })
}

/// The prose of a JSON file.
pub fn extract(text: &str, fields: &[FieldPath]) -> Result<Prose, FormatError> {
    let value = parse(text)?;
    let mut prose = ProseBuilder::new(text, Escape::Json);
    add_selected(&mut prose, text, value, fields);
    Ok(prose.finish())
}

/// The records of a JSON Lines file: each non-blank line, with its number (from 1) and its
/// byte range.
pub fn records(text: &str) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
    let mut start = 0;
    text.split_inclusive('\n')
        .enumerate()
        .filter_map(move |(index, line)| {
            let range = start..start + line.trim_end_matches(['\n', '\r']).len();
            start += line.len();
            (!line.trim().is_empty()).then_some((index + 1, range))
        })
}

/// The `id` field of a record, as JSON text, if it has one.
pub fn record_id(record: &str) -> Option<String> {
    Record::parse(record)?.id()
}

/// The documents of a JSON Lines file: one per valid record holding selected strings,
/// labelled with the record's `id` (its JSON text) or its line. Invalid lines are left out.
/// Each record is parsed once, for its strings and its `id` both.
pub fn extract_lines(text: &str, fields: &[FieldPath]) -> Vec<Prose> {
    let mut documents = Vec::new();
    for (line, range) in records(text) {
        let Some(record) = Record::parse(&text[range]) else {
            continue;
        };
        let mut prose = ProseBuilder::new(text, Escape::Json);
        add_literals(&mut prose, text, record.selected(fields));
        if prose.is_empty() {
            continue;
        }
        prose.label(record.id().unwrap_or_else(|| format!("line {line}")));
        documents.push(prose.finish());
    }
    documents
}

/// The records of a JSON Lines file that are not valid JSON, each with the offset of its
/// problem: they are left as they are, and the run reports them.
pub fn invalid_records(text: &str) -> Vec<FormatError> {
    records(text)
        .filter_map(|(_, range)| {
            let record = &text[range.clone()];
            parse(record).err().map(|e| FormatError {
                offset: range.start + e.offset,
                message: e.message,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(written: &[&str]) -> Vec<FieldPath> {
        written
            .iter()
            .map(|f| FieldPath::parse(f).unwrap())
            .collect()
    }

    #[test]
    fn field_paths() {
        assert_eq!(
            FieldPath::parse("a.b").unwrap(),
            FieldPath::parse("/a/b")
                .map(|mut f| {
                    f.written = "a.b".into();
                    f
                })
                .unwrap()
        );
        assert_eq!(
            FieldPath::parse("/a~1b/c~0").unwrap().steps,
            [Step::Key("a/b".into()), Step::Key("c~".into())]
        );
        assert!(FieldPath::parse("").is_err());
        assert!(FieldPath::parse("a..b").is_err());
    }

    /// A record parsed once gives the strings and the `id` that reading it as one value, then
    /// its children, gives: for objects, arrays, scalars, nested paths, duplicate keys, keys
    /// that do not decode and invalid records.
    #[test]
    fn records_parsed_once_read_as_whole_values() {
        let records = [
            r#"{"id": 3, "text": "un"}"#,
            r#"  {"a": {"text": ["b", {"text": "c"}]}, "id": [1, 2], "text": "d"}"#,
            r#"[{"text": "e"}, "f"]"#,
            r#""g""#,
            r#"{"id": 1, "id": 2, "text": "h", "text": "i"}"#,
            r#"{"\ud800": 1, "text": "j"}"#,
            r#"{"text": "k", "id": "\ud800"}"#,
            r#"{"text": "l"} trailing"#,
            r#"{"text": "m"#,
            "12",
        ];
        let paths = fields(&["text", "a.*", "*", "a.text", "/1", "id"]);
        for record in records {
            let whole = serde_json::from_str::<&RawValue>(record).ok();
            let parsed = Record::parse(record);
            let id = whole.and_then(|value| {
                children(value)
                    .into_iter()
                    .find(|(key, _)| key == "id" && value.get().starts_with('{'))
                    .map(|(_, id)| id.get().to_string())
            });
            assert_eq!(parsed.as_ref().and_then(Record::id), id, "{record}");
            for path in &paths {
                let mut expected = Vec::new();
                if let Some(value) = whole {
                    select(value, &path.steps, &mut expected);
                }
                let found = parsed
                    .as_ref()
                    .map(|r| r.selected(std::slice::from_ref(path)))
                    .unwrap_or_default();
                assert_eq!(found, expected, "{record} {path}");
            }
        }
    }

    #[test]
    fn selected_strings_unescaped() {
        let text =
            r#"{"id": 7, "text": "L\u2019\u00e9t\u00e9 \"chaud\"\nfin", "url": "https://x"}"#;
        let prose = extract(text, &FieldPath::default_fields()).unwrap();
        assert_eq!(prose.text, "L’été \"chaud\"\nfin");
        let quote = prose.text.find('"').unwrap();
        assert_eq!(&text[prose.map.range(&(quote..quote + 1))], "\\\"");
        assert_eq!(prose.escape, Escape::Json);
    }

    #[test]
    fn paths_through_objects_and_arrays() {
        let text = r#"{"meta": {"title": "Titre", "tags": ["a", "b"]}, "items": [{"text": "un"}, {"text": "deux", "n": 1}], "text": {"fr": "x", "en": "y"}}"#;
        let read = |f: &[&str]| extract(text, &fields(f)).unwrap().text;
        assert_eq!(read(&["meta.title"]), "Titre");
        assert_eq!(read(&["/meta/tags/1"]), "b");
        assert_eq!(read(&["items.text"]), "un\n\ndeux");
        assert_eq!(read(&["text"]), "x\n\ny");
        assert_eq!(read(&["meta.*", "meta.title"]), "Titre\n\na\n\nb");
        assert_eq!(read(&["missing"]), "");
    }

    #[test]
    fn surrogate_pairs_are_one_piece() {
        let text = r#"{"text": "a \ud83d\ude00 b"}"#;
        let prose = extract(text, &FieldPath::default_fields()).unwrap();
        assert_eq!(prose.text, "a 😀 b");
        let smile = prose.text.find('😀').unwrap();
        assert_eq!(
            &text[prose.map.range(&(smile..smile + 4))],
            "\\ud83d\\ude00"
        );
    }

    #[test]
    fn records_are_documents_and_invalid_lines_are_left_out() {
        let text =
            "{\"id\": \"a1\", \"text\": \"Un\"}\n\n{\"text\": \"Deux\"}\n{\"text\": oops}\n[1]\n";
        let documents = extract_lines(text, &FieldPath::default_fields());
        let read: Vec<(&str, Option<&str>)> = documents
            .iter()
            .map(|d| (d.text.as_str(), d.label.as_deref()))
            .collect();
        assert_eq!(read, [("Un", Some("\"a1\"")), ("Deux", Some("line 3"))]);
        let invalid = invalid_records(text);
        assert_eq!(invalid.len(), 1);
        assert_eq!(&text[invalid[0].offset..invalid[0].offset + 4], "oops");
        assert_eq!(
            record_id("{\"id\": 12, \"text\": \"x\"}").as_deref(),
            Some("12")
        );
        assert_eq!(record_id("[\"id\"]"), None);
    }

    #[test]
    fn invalid_json_names_the_place() {
        let error = extract(
            "{\"text\": \"a\",\n  \"b\": }",
            &FieldPath::default_fields(),
        )
        .unwrap_err();
        assert_eq!(error.offset, 21);
        assert!(
            error.message.starts_with("expected value"),
            "{}",
            error.message
        );
    }
}
