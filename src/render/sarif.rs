//! SARIF 2.1.0 for code scanning: one run whose driver lists the rules that were reported, one
//! result per diagnostic with its region (1-based lines, columns in Unicode code points, as the
//! run's `columnKind` says) and its fix.

use crate::{
    diagnostic::{Applicability, Diagnostic, Severity},
    document::LineIndex,
    rules::RuleMeta,
};
use serde_json::{Value, json};

/// The schema URI written in every log.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF level of a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `path` as a relative URI reference: `/` separators and the characters URIs reserve
/// percent-encoded.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '.' | '_' | '~' | '/' => out.push(c),
            _ => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    out
}

fn region(index: &LineIndex, text: &str, start: usize, end: usize) -> Value {
    let (start_line, start_column) = index.position(text, start);
    let (end_line, end_column) = index.position(text, end);
    json!({"startLine": start_line, "startColumn": start_column,
           "endLine": end_line, "endColumn": end_column})
}

/// The SARIF results of one file's diagnostics, serialized, in order.
pub fn render_results(path: &str, text: &str, diagnostics: &[Diagnostic]) -> Vec<String> {
    let index = LineIndex::new(text);
    let uri = uri(path);
    diagnostics
        .iter()
        .map(|d| {
            let mut result = json!({
                "ruleId": &*d.rule,
                "level": level(d.severity),
                "message": {"text": &d.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": &uri},
                    "region": region(&index, text, d.span.start, d.span.end),
                }}],
                "properties": {"category": d.category.as_str()},
            });
            if let Some(fix) = &d.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        json!({"deletedRegion": region(&index, text, e.start, e.end),
                               "insertedContent": {"text": &e.replacement}})
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": {"text": format!("{} ({})", fix.message, match fix.applicability {
                        Applicability::Safe => "safe fix",
                        Applicability::Unsafe => "unsafe fix",
                    })},
                    "artifactChanges": [{"artifactLocation": {"uri": &uri}, "replacements": replacements}],
                }]);
            }
            result.to_string()
        })
        .collect()
}

/// The SARIF descriptor of a rule.
fn descriptor(m: &RuleMeta) -> Value {
    let fix = match m.fix {
        Some(Applicability::Safe) => "Fix: safe, applied by `--fix`.",
        Some(Applicability::Unsafe) => "Fix: unsafe, applied by `--fix --unsafe-fixes`.",
        None => "Fix: none.",
    };
    json!({
        "id": &*m.id,
        "name": &*m.id,
        "shortDescription": {"text": &m.summary},
        "fullDescription": {"text": m.what.trim()},
        "help": {"text": format!("{}\n\n{fix}\n\nRun `mtlint rule {}` for examples.", m.why.trim(), m.id)},
        "defaultConfiguration": {"level": level(m.severity)},
        "properties": {"category": m.category.as_str(), "kind": &m.kind, "pack": &m.pack},
    })
}

/// The whole SARIF log: `results` (from [`render_results`]) and the descriptors of `rules`.
pub fn render_log(results: &[String], rules: &[&RuleMeta]) -> String {
    let driver = json!({
        "name": "mtlint",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules.iter().map(|m| descriptor(m)).collect::<Vec<_>>(),
    });
    let mut out = format!(
        "{{\n\"$schema\": \"{SCHEMA_URI}\",\n\"version\": \"2.1.0\",\n\"runs\": [{{\n\"tool\": {{\"driver\": {driver}}},\n\"columnKind\": \"unicodeCodePoints\",\n\"results\": ["
    );
    if !results.is_empty() {
        out.push('\n');
        out.push_str(&results.join(",\n"));
        out.push('\n');
    }
    out.push_str("]\n}]\n}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(uri("./a b/é#.md"), "a%20b/%C3%A9%23.md");
        assert_eq!(uri("docs\\x.txt"), "docs/x.txt");
    }

    #[test]
    fn an_empty_log_is_valid_json() {
        let log: Value = serde_json::from_str(&render_log(&[], &[])).unwrap();
        assert_eq!(log["version"], "2.1.0");
        assert_eq!(log["runs"][0]["columnKind"], "unicodeCodePoints");
    }
}
