//! `--format summary-jsonl`: one JSON object per document (per file, or per record of a JSON
//! Lines file) with its score, so that a pipeline can keep or drop documents by how damaged
//! they are: `path` (and `record`, `id` for JSON Lines), `words`, `problems`,
//! `per_1000_words`, `categories`, `severities`, `foreign_share`.

use crate::{diagnostic::Diagnostic, score::Score};
use serde::Serialize;
use serde_json::value::RawValue;
use std::ops::Range;

/// One document of a file, as the summary reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Its bytes in the file.
    pub range: Range<usize>,
    /// The words of its prose.
    pub words: usize,
    /// The line of its record, in a JSON Lines file.
    pub record: Option<usize>,
    /// Its record's `id` field, as JSON text.
    pub id: Option<String>,
}

#[derive(Serialize)]
struct Summary<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a RawValue>,
    #[serde(flatten)]
    score: Score,
}

/// One line of JSON: the score of a document of the file `path` (its record and the record's
/// `id`, as JSON text, for JSON Lines).
pub fn line(path: &str, record: Option<usize>, id: Option<&str>, score: Score) -> String {
    let id = id.and_then(|id| RawValue::from_string(id.to_string()).ok());
    let summary = Summary {
        path,
        record,
        id: id.as_deref(),
        score,
    };
    let mut out = serde_json::to_string(&summary).expect("a summary serializes");
    out.push('\n');
    out
}

/// One line of JSON per unit of `text` (the file `path`), scoring the diagnostics that start
/// inside it.
pub fn render(path: &str, text: &str, units: &[Unit], diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for unit in units {
        let inside: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| unit.range.contains(&d.span.start) || unit.range.start == d.span.start)
            .cloned()
            .collect();
        out.push_str(&line(
            path,
            unit.record,
            unit.id.as_deref(),
            Score::with_words(unit.words, text, &inside),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Severity};

    #[test]
    fn one_line_per_unit_with_its_problems() {
        let text = "{\"id\": 7, \"text\": \"a.. b\"}\n{\"text\": \"c d\"}\n";
        let second = text.find("{\"text\": \"c").unwrap();
        let units = [
            Unit {
                range: 0..second,
                words: 2,
                record: Some(1),
                id: Some("7".into()),
            },
            Unit {
                range: second..text.len(),
                words: 2,
                record: Some(2),
                id: None,
            },
        ];
        let at = text.find("..").unwrap();
        let d = Diagnostic {
            rule: "punctuation/doubled-stop".into(),
            category: Category::Punctuation,
            severity: Severity::Warning,
            message: String::new(),
            span: at..at + 2,
            fix: None,
        };
        let out = render("c.jsonl", text, &units, &[d]);
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["id"], 7);
        assert_eq!(lines[0]["problems"], 1);
        assert_eq!(lines[0]["per_1000_words"], 500.0);
        assert_eq!(lines[0]["categories"]["punctuation"], 1);
        assert_eq!(lines[1]["record"], 2);
        assert!(lines[1].get("id").is_none());
        assert_eq!(lines[1]["problems"], 0);
    }
}
