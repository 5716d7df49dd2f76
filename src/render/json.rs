//! The JSON output contract: one object per diagnostic with path, rule, category, severity,
//! message, start and end (line, column in Unicode scalar values, byte offset) and fix.

use crate::{diagnostic::Diagnostic, document::LineIndex};
use serde_json::{Value, json};

/// The JSON object of each diagnostic, serialized, in order.
pub fn render_objects(path: &str, text: &str, diagnostics: &[Diagnostic]) -> Vec<String> {
    if diagnostics.is_empty() {
        return Vec::new();
    }
    let index = LineIndex::new(text);
    diagnostics
        .iter()
        .map(|d| to_value(path, text, &index, d).to_string())
        .collect()
}

/// The JSON value of one diagnostic.
pub fn to_value(path: &str, text: &str, index: &LineIndex, d: &Diagnostic) -> Value {
    let position = |offset: usize| {
        let (line, column) = index.position(text, offset);
        json!({"line": line, "column": column, "offset": offset})
    };
    let fix = d.fix.as_ref().map(|fix| {
        json!({
            "applicability": fix.applicability.as_str(),
            "message": fix.message,
            "edits": fix.edits.iter().map(|e| json!({"start": e.start, "end": e.end, "replacement": e.replacement})).collect::<Vec<_>>(),
        })
    });
    json!({
        "path": path,
        "rule": &*d.rule,
        "category": d.category.as_str(),
        "severity": d.severity.as_str(),
        "message": d.message,
        "start": position(d.span.start),
        "end": position(d.span.end),
        "fix": fix,
    })
}
