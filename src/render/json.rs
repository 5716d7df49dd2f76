//! The JSON output contract: one object per diagnostic with path, rule, category, severity,
//! message, start and end (line, column in Unicode scalar values, byte offset) and fix; for
//! JSON Lines inputs, the record (its line) and the record's `id`.

use super::json_text::{push_number, push_string};
use crate::{
    diagnostic::{Diagnostic, Edit},
    document::LineIndex,
    formats::{Format, json::record_id},
};
use serde_json::value::RawValue;

/// The JSON object of each diagnostic, serialized, in order.
pub fn render_objects(
    path: &str,
    text: &str,
    index: &LineIndex,
    diagnostics: &[Diagnostic],
) -> Vec<String> {
    let mut objects = Vec::with_capacity(diagnostics.len());
    let mut object = String::new();
    each_object(path, text, index, diagnostics, &mut object, "", |object| {
        objects.push(std::mem::take(object))
    });
    objects
}

/// The JSON objects of the diagnostics, in order, with `separator` between each two.
pub fn render_joined(
    path: &str,
    text: &str,
    index: &LineIndex,
    diagnostics: &[Diagnostic],
    separator: &str,
) -> String {
    // Room for objects of the usual size (about 400 bytes), so that the text is seldom moved
    // as it grows.
    let mut out = String::with_capacity(diagnostics.len() * 512);
    each_object(path, text, index, diagnostics, &mut out, separator, |_| {});
    out
}

/// Writes the JSON object of each diagnostic to `out`, in order, with `separator` before it
/// when `out` is not empty, and calls `written` after each.
fn each_object(
    path: &str,
    text: &str,
    index: &LineIndex,
    diagnostics: &[Diagnostic],
    out: &mut String,
    separator: &str,
    mut written: impl FnMut(&mut String),
) {
    if diagnostics.is_empty() {
        return;
    }
    // Every object of the file begins with its path.
    let mut head = String::from("{\"path\":");
    push_string(&mut head, path);
    let begin = |out: &mut String| {
        if !out.is_empty() {
            out.push_str(separator);
        }
        out.push_str(&head);
    };
    if Format::from_path(path) != Format::Jsonl {
        for d in diagnostics {
            begin(out);
            write_record(out, text, index, d, None, None);
            written(out);
        }
        return;
    }
    // Records are the lines that LF ends (a raw U+2028 inside a JSON string is no record
    // break, though it is a line break for line and column).
    let starts: Vec<usize> = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1))
        .collect();
    // The id of the last record looked up: diagnostics come sorted, a record's together.
    let mut last: Option<(usize, Option<Box<RawValue>>)> = None;
    for d in diagnostics {
        let line = starts.partition_point(|&s| s <= d.span.start);
        if last.as_ref().is_none_or(|(l, _)| *l != line) {
            let start = starts[line - 1];
            let end = text[start..].find('\n').map_or(text.len(), |at| start + at);
            let id = record_id(&text[start..end]).and_then(|id| RawValue::from_string(id).ok());
            last = Some((line, id));
        }
        let id = last.as_ref().and_then(|(_, id)| id.as_deref());
        begin(out);
        write_record(out, text, index, d, Some(index.base().line + line), id);
        written(out);
    }
}

/// The JSON text of one diagnostic.
pub fn to_json(path: &str, text: &str, index: &LineIndex, d: &Diagnostic) -> String {
    let mut out = String::from("{\"path\":");
    push_string(&mut out, path);
    write_record(&mut out, text, index, d, None, None);
    out
}

/// Writes the rest of the JSON object of one diagnostic after its path, keys in the documented
/// order: path, record and the record's `id` (JSON Lines input only), rule, category,
/// severity, message, start, end (each line, column, offset), fix (null, or applicability,
/// message and edits, each start, end, replacement).
fn write_record(
    out: &mut String,
    text: &str,
    index: &LineIndex,
    d: &Diagnostic,
    record: Option<usize>,
    id: Option<&RawValue>,
) {
    if let Some(record) = record {
        out.push_str(",\"record\":");
        push_number(out, record);
    }
    if let Some(id) = id {
        out.push_str(",\"id\":");
        out.push_str(id.get());
    }
    out.push_str(",\"rule\":");
    push_string(out, &d.rule);
    // Category, severity and applicability names are lowercase words and hyphens: JSON
    // strings as they stand.
    out.push_str(",\"category\":\"");
    out.push_str(d.category.as_str());
    out.push_str("\",\"severity\":\"");
    out.push_str(d.severity.as_str());
    out.push_str("\",\"message\":");
    push_string(out, &d.message);
    out.push_str(",\"start\":");
    write_position(out, text, index, d.span.start);
    out.push_str(",\"end\":");
    write_position(out, text, index, d.span.end);
    out.push_str(",\"fix\":");
    let Some(fix) = &d.fix else {
        out.push_str("null}");
        return;
    };
    out.push_str("{\"applicability\":\"");
    out.push_str(fix.applicability.as_str());
    out.push_str("\",\"message\":");
    push_string(out, &fix.message);
    out.push_str(",\"edits\":[");
    for (n, edit) in fix.edits.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        write_edit(out, index, edit);
    }
    out.push_str("]}}");
}

/// Writes the line, column and (file) offset of byte `offset` of `text`.
fn write_position(out: &mut String, text: &str, index: &LineIndex, offset: usize) {
    let (line, column) = index.position(text, offset);
    out.push_str("{\"line\":");
    push_number(out, line);
    out.push_str(",\"column\":");
    push_number(out, column);
    out.push_str(",\"offset\":");
    push_number(out, index.file_offset(offset));
    out.push('}');
}

/// Writes an edit, its offsets the file's.
fn write_edit(out: &mut String, index: &LineIndex, edit: &Edit) {
    out.push_str("{\"start\":");
    push_number(out, index.file_offset(edit.start));
    out.push_str(",\"end\":");
    push_number(out, index.file_offset(edit.end));
    out.push_str(",\"replacement\":");
    push_string(out, &edit.replacement);
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Category, Fix, Severity};
    use serde::Serialize;

    /// The output contract as `serde_json` serializes it: what the hand-written objects must
    /// equal byte for byte.
    #[derive(Serialize)]
    struct Position {
        line: usize,
        column: usize,
        offset: usize,
    }

    #[derive(Serialize)]
    struct FixRecord<'a> {
        applicability: &'a str,
        message: &'a str,
        edits: Vec<Edit>,
    }

    #[derive(Serialize)]
    struct Record<'a> {
        path: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        record: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<&'a RawValue>,
        rule: &'a str,
        category: &'a str,
        severity: &'a str,
        message: &'a str,
        start: Position,
        end: Position,
        fix: Option<FixRecord<'a>>,
    }

    fn reference(path: &str, text: &str, d: &Diagnostic, record: Option<(usize, &str)>) -> String {
        let index = LineIndex::new(text);
        let position = |offset: usize| {
            let (line, column) = index.position(text, offset);
            Position {
                line,
                column,
                offset,
            }
        };
        let id = record.map(|(_, id)| RawValue::from_string(id.to_string()).unwrap());
        serde_json::to_string(&Record {
            path,
            record: record.map(|(line, _)| line),
            id: id.as_deref(),
            rule: &d.rule,
            category: d.category.as_str(),
            severity: d.severity.as_str(),
            message: &d.message,
            start: position(d.span.start),
            end: position(d.span.end),
            fix: d.fix.as_ref().map(|fix| FixRecord {
                applicability: fix.applicability.as_str(),
                message: &fix.message,
                edits: fix.edits.clone(),
            }),
        })
        .unwrap()
    }

    fn diagnostics() -> Vec<Diagnostic> {
        let plain = Diagnostic {
            rule: "english-leftover/english-word".into(),
            category: Category::EnglishLeftover,
            severity: Severity::Info,
            message: "“tab” is English \"quoted\" \\ \t\u{1}".into(),
            span: 8..11,
            fix: None,
        };
        let fixed = Diagnostic {
            rule: "typography/english-quotes".into(),
            category: Category::Typography,
            severity: Severity::Warning,
            message: "English quotation marks".into(),
            span: 13..22,
            fix: Some(Fix {
                applicability: Applicability::Unsafe,
                message: "Replace `“x”` with `« x »`".into(),
                edits: vec![Edit::new(13..16, "« "), Edit::new(19..22, "\n »")],
            }),
        };
        let empty = Diagnostic {
            fix: Some(Fix {
                applicability: Applicability::Safe,
                message: String::new(),
                edits: Vec::new(),
            }),
            ..plain.clone()
        };
        vec![plain, fixed, empty]
    }

    #[test]
    fn objects_are_what_serde_json_writes() {
        let text = "{\"id\": [1, \"a\"], \"text\": \"x “b” c\"}\nsecond line é";
        let index = LineIndex::new(text);
        for d in diagnostics() {
            assert_eq!(
                to_json("dir/\"a\".txt", text, &index, &d),
                reference("dir/\"a\".txt", text, &d, None)
            );
            assert_eq!(
                render_objects("a.jsonl", text, &index, std::slice::from_ref(&d)),
                [reference("a.jsonl", text, &d, Some((1, "[1, \"a\"]")))]
            );
        }
    }

    #[test]
    fn joined_objects_are_the_objects_with_the_separator() {
        let text = "Le tab et “x” puis.\nAutre ligne.";
        let index = LineIndex::new(text);
        let all = diagnostics();
        assert_eq!(
            render_joined("a.txt", text, &index, &all, ",\n"),
            render_objects("a.txt", text, &index, &all).join(",\n")
        );
        assert_eq!(render_joined("a.txt", text, &index, &[], "\n"), "");
    }
}
