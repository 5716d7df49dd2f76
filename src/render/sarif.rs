//! SARIF 2.1.0 for code scanning: one run whose driver lists the rules that were reported, one
//! result per diagnostic with its region (1-based lines, columns in Unicode code points, as the
//! run's `columnKind` says), its fix, and a `partialFingerprints` entry that follows it across
//! unrelated edits. Paths under the current folder are relative URIs against the base
//! `%SRCROOT%` (the current folder, given in `originalUriBaseIds`); others are `file://` URIs.
//! A run holds at most [`MAX_RESULTS`] results; a notification says how many were left out.

use crate::{
    diagnostic::{Applicability, Diagnostic, Severity},
    document::LineIndex,
    rules::RuleMeta,
};
use serde_json::{Value, json};
use std::{
    path::{Path, PathBuf},
    sync::LazyLock,
};

/// The schema URI written in every log.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The most results one run holds: GitHub code scanning refuses a run with more.
pub const MAX_RESULTS: usize = 25_000;

/// The base id relative URIs are resolved against: the folder mtlint ran in.
pub const SRCROOT: &str = "%SRCROOT%";

/// The key of mtlint's fingerprint in `partialFingerprints` (see [`crate::fingerprint`]).
pub const FINGERPRINT_KEY: &str = "mtlintContextHash/v1";

static CURRENT_FOLDER: LazyLock<Option<PathBuf>> = LazyLock::new(|| {
    std::env::current_dir()
        .ok()
        .map(|d| crate::config::normalize(&d))
});

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
    percent_encode(path)
}

/// A `file://` URI of an absolute path (a folder's ends with `/`).
pub fn file_uri(path: &Path, folder: bool) -> String {
    let mut text = path.to_string_lossy().replace('\\', "/");
    if !text.starts_with('/') {
        text.insert(0, '/');
    }
    if folder && !text.ends_with('/') {
        text.push('/');
    }
    format!("file://{}", percent_encode(&text))
}

/// The `artifactLocation` of the file `path` as the report names it: relative to `base` (the
/// current folder) with `uriBaseId` when it is under it, else an absolute `file://` URI.
pub fn artifact_location(path: &str, base: Option<&Path>) -> Value {
    let absolute = crate::config::normalize(&match base {
        Some(base) => base.join(path),
        None => PathBuf::from(path),
    });
    match base.and_then(|b| absolute.strip_prefix(b).ok()) {
        Some(relative) if !relative.as_os_str().is_empty() => {
            let relative: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            json!({"uri": uri(&relative.join("/")), "uriBaseId": SRCROOT})
        }
        _ if absolute.is_absolute() => json!({"uri": file_uri(&absolute, false)}),
        _ => json!({"uri": uri(path)}),
    }
}

fn percent_encode(path: &str) -> String {
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

/// The SARIF results of one file's diagnostics, serialized (one line each), in order.
pub fn render_results(
    path: &str,
    text: &str,
    index: &LineIndex,
    diagnostics: &[Diagnostic],
) -> Vec<String> {
    if diagnostics.is_empty() {
        return Vec::new();
    }
    let location = artifact_location(path, CURRENT_FOLDER.as_deref());
    let fingerprints = crate::fingerprint::numbered(text, diagnostics);
    diagnostics
        .iter()
        .zip(fingerprints)
        .map(|(d, fingerprint)| {
            let mut result = json!({
                "ruleId": &*d.rule,
                "level": level(d.severity),
                "message": {"text": &d.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": &location,
                    "region": region(index, text, d.span.start, d.span.end),
                }}],
                "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
                "properties": {"category": d.category.as_str()},
            });
            if let Some(fix) = &d.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        json!({"deletedRegion": region(index, text, e.start, e.end),
                               "insertedContent": {"text": &e.replacement}})
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": {"text": format!("{} ({})", fix.message, match fix.applicability {
                        Applicability::Safe => "safe fix",
                        Applicability::Unsafe => "unsafe fix",
                    })},
                    "artifactChanges": [{"artifactLocation": &location, "replacements": replacements}],
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

/// The whole SARIF log: the results of [`render_results`] (`files` holds each file's, one per
/// line; past [`MAX_RESULTS`] they are left out and a notification says how many), the
/// descriptors of `rules`, and whether every input could be read (`successful`).
pub fn render_log(files: &[String], rules: &[&RuleMeta], successful: bool) -> String {
    let mut results: Vec<&str> = Vec::new();
    let mut dropped = 0usize;
    for line in files
        .iter()
        .flat_map(|f| f.lines())
        .filter(|l| !l.is_empty())
    {
        if results.len() < MAX_RESULTS {
            results.push(line);
        } else {
            dropped += 1;
        }
    }
    let driver = json!({
        "name": "mtlint",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "informationUri": env!("CARGO_PKG_REPOSITORY"),
        "rules": rules.iter().map(|m| descriptor(m)).collect::<Vec<_>>(),
    });
    let mut invocation = json!({"executionSuccessful": successful});
    if dropped > 0 {
        invocation["toolExecutionNotifications"] = json!([{
            "level": "warning",
            "descriptor": {"id": "result-limit"},
            "message": {"text": format!(
                "{dropped} more results were left out: a run holds at most {MAX_RESULTS}. \
                 Run mtlint with --format json (or on fewer files) for every problem."
            )},
        }]);
    }
    let base = CURRENT_FOLDER.as_deref().map_or_else(
        || json!({}),
        |folder| json!({SRCROOT: {"uri": file_uri(folder, true)}}),
    );
    let mut out = format!(
        "{{\n\"$schema\": \"{SCHEMA_URI}\",\n\"version\": \"2.1.0\",\n\"runs\": [{{\n\"tool\": {{\"driver\": {driver}}},\n\"invocations\": [{invocation}],\n\"originalUriBaseIds\": {base},\n\"columnKind\": \"unicodeCodePoints\",\n\"results\": ["
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
        let log: Value = serde_json::from_str(&render_log(&[], &[], true)).unwrap();
        assert_eq!(log["version"], "2.1.0");
        assert_eq!(log["runs"][0]["columnKind"], "unicodeCodePoints");
        assert_eq!(
            log["runs"][0]["invocations"][0]["executionSuccessful"],
            true
        );
    }

    #[test]
    fn locations_are_relative_to_the_base_or_file_uris() {
        let base = Path::new("/work/repo");
        assert_eq!(
            artifact_location("./docs/a b.md", Some(base)),
            json!({"uri": "docs/a%20b.md", "uriBaseId": SRCROOT})
        );
        assert_eq!(
            artifact_location("/work/repo/sub/../x.txt", Some(base)),
            json!({"uri": "x.txt", "uriBaseId": SRCROOT})
        );
        assert_eq!(
            artifact_location("../other/é.txt", Some(base)),
            json!({"uri": "file:///work/other/%C3%A9.txt"})
        );
        assert_eq!(file_uri(base, true), "file:///work/repo/");
    }

    #[test]
    fn results_past_the_limit_are_left_out_with_a_notification() {
        let line = r#"{"ruleId":"a/b","message":{"text":"x"}}"#;
        let files = vec![vec![line; MAX_RESULTS - 1].join("\n"), [line; 3].join("\n")];
        let log: Value = serde_json::from_str(&render_log(&files, &[], true)).unwrap();
        let run = &log["runs"][0];
        assert_eq!(run["results"].as_array().unwrap().len(), MAX_RESULTS);
        let note = &run["invocations"][0]["toolExecutionNotifications"][0];
        assert!(
            note["message"]["text"]
                .as_str()
                .unwrap()
                .starts_with("2 more results")
        );
    }
}
