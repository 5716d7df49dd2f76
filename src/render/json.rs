//! The JSON output contract: one object per diagnostic with path, rule, category, severity,
//! message, start and end (line, column in Unicode scalar values, byte offset) and fix; for
//! JSON Lines inputs, the record (its line) and the record's `id`.

use crate::{
    diagnostic::{Diagnostic, Edit},
    document::LineIndex,
    formats::{Format, json::record_id},
};
use serde::Serialize;
use serde_json::value::RawValue;

/// A position in the output contract.
#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
    offset: usize,
}

/// A fix in the output contract.
#[derive(Serialize)]
struct FixRecord<'a> {
    applicability: &'a str,
    message: &'a str,
    edits: std::borrow::Cow<'a, [Edit]>,
}

/// A diagnostic in the output contract, keys in the documented order.
#[derive(Serialize)]
struct Record<'a> {
    path: &'a str,
    /// The line of the JSON Lines record the diagnostic is in.
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<usize>,
    /// The record's `id` field, when it has one.
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

/// The JSON object of each diagnostic, serialized, in order.
pub fn render_objects(
    path: &str,
    text: &str,
    index: &LineIndex,
    diagnostics: &[Diagnostic],
) -> Vec<String> {
    if diagnostics.is_empty() {
        return Vec::new();
    }
    if Format::from_path(path) != Format::Jsonl {
        return diagnostics
            .iter()
            .map(|d| to_json(path, text, index, d))
            .collect();
    }
    // Records are the lines that LF ends (a raw U+2028 inside a JSON string is no record
    // break, though it is a line break for line and column).
    let starts: Vec<usize> = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1))
        .collect();
    // The id of the last record looked up: diagnostics come sorted, a record's together.
    let mut last: Option<(usize, Option<Box<RawValue>>)> = None;
    diagnostics
        .iter()
        .map(|d| {
            let line = starts.partition_point(|&s| s <= d.span.start);
            if last.as_ref().is_none_or(|(l, _)| *l != line) {
                let start = starts[line - 1];
                let end = text[start..].find('\n').map_or(text.len(), |at| start + at);
                let id = record_id(&text[start..end]).and_then(|id| RawValue::from_string(id).ok());
                last = Some((line, id));
            }
            let id = last.as_ref().and_then(|(_, id)| id.as_deref());
            record_json(path, text, index, d, Some(index.base().line + line), id)
        })
        .collect()
}

/// The JSON text of one diagnostic.
pub fn to_json(path: &str, text: &str, index: &LineIndex, d: &Diagnostic) -> String {
    record_json(path, text, index, d, None, None)
}

/// The JSON text of one diagnostic, with its record and the record's id.
fn record_json(
    path: &str,
    text: &str,
    index: &LineIndex,
    d: &Diagnostic,
    record: Option<usize>,
    id: Option<&RawValue>,
) -> String {
    let position = |offset: usize| {
        let (line, column) = index.position(text, offset);
        Position {
            line,
            column,
            offset: index.file_offset(offset),
        }
    };
    let record = Record {
        path,
        record,
        id,
        rule: &d.rule,
        category: d.category.as_str(),
        severity: d.severity.as_str(),
        message: &d.message,
        start: position(d.span.start),
        end: position(d.span.end),
        fix: d.fix.as_ref().map(|fix| FixRecord {
            applicability: fix.applicability.as_str(),
            message: &fix.message,
            edits: if index.base().offset == 0 {
                std::borrow::Cow::Borrowed(&fix.edits)
            } else {
                std::borrow::Cow::Owned(
                    fix.edits
                        .iter()
                        .map(|e| {
                            Edit::new(
                                index.file_offset(e.start)..index.file_offset(e.end),
                                e.replacement.clone(),
                            )
                        })
                        .collect(),
                )
            },
        }),
    };
    serde_json::to_string(&record).expect("a diagnostic always serializes")
}
