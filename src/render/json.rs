//! The JSON output contract: one object per diagnostic with path, rule, category, severity,
//! message, start and end (line, column in Unicode scalar values, byte offset) and fix.

use crate::{
    diagnostic::{Diagnostic, Edit},
    document::LineIndex,
};
use serde::Serialize;

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
    edits: &'a [Edit],
}

/// A diagnostic in the output contract, keys in the documented order.
#[derive(Serialize)]
struct Record<'a> {
    path: &'a str,
    rule: &'a str,
    category: &'a str,
    severity: &'a str,
    message: &'a str,
    start: Position,
    end: Position,
    fix: Option<FixRecord<'a>>,
}

/// The JSON object of each diagnostic, serialized, in order.
pub fn render_objects(path: &str, text: &str, diagnostics: &[Diagnostic]) -> Vec<String> {
    if diagnostics.is_empty() {
        return Vec::new();
    }
    let index = LineIndex::new(text);
    diagnostics
        .iter()
        .map(|d| to_json(path, text, &index, d))
        .collect()
}

/// The JSON text of one diagnostic.
pub fn to_json(path: &str, text: &str, index: &LineIndex, d: &Diagnostic) -> String {
    let position = |offset: usize| {
        let (line, column) = index.position(text, offset);
        Position {
            line,
            column,
            offset,
        }
    };
    let record = Record {
        path,
        rule: &d.rule,
        category: d.category.as_str(),
        severity: d.severity.as_str(),
        message: &d.message,
        start: position(d.span.start),
        end: position(d.span.end),
        fix: d.fix.as_ref().map(|fix| FixRecord {
            applicability: fix.applicability.as_str(),
            message: &fix.message,
            edits: &fix.edits,
        }),
    };
    serde_json::to_string(&record).expect("a diagnostic always serializes")
}
