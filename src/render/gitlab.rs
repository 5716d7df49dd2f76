//! GitLab Code Quality reports (`artifacts:reports:codequality`): a JSON array of issues with a
//! description, the rule as `check_name`, a fingerprint unique within the report and stable
//! across unrelated edits, a severity (`info`, `minor`, `major`) and the location (a path
//! relative to the current folder, the repository root in a CI job, and the lines).

use crate::{
    diagnostic::{Diagnostic, Severity},
    document::LineIndex,
};
use serde_json::json;

/// The GitLab severity of a diagnostic's severity.
pub fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// `path` relative to the current folder with `/` separators, as GitLab expects.
fn relative_path(path: &str) -> String {
    let absolute = crate::config::absolute(std::path::Path::new(path));
    let cwd = crate::config::absolute(std::path::Path::new("."));
    match absolute.strip_prefix(&cwd) {
        Ok(relative) => relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => path.replace('\\', "/"),
    }
}

/// The issues of one file, one JSON object each, in order.
pub fn render_objects(
    path: &str,
    text: &str,
    index: &LineIndex,
    diagnostics: &[Diagnostic],
) -> Vec<String> {
    if diagnostics.is_empty() {
        return Vec::new();
    }
    let path = relative_path(path);
    let fingerprints = crate::fingerprint::numbered(text, diagnostics);
    diagnostics
        .iter()
        .zip(fingerprints)
        .map(|(d, fingerprint)| {
            let (begin, column) = index.position(text, d.span.start);
            let (end, end_column) = index.position(text, d.span.end);
            // Unique within the report: the path is part of it.
            let fingerprint = format!(
                "{:016x}",
                crate::fingerprint::fnv1a(format!("{path}\0{fingerprint}").as_bytes())
            );
            json!({
                "type": "issue",
                "check_name": &*d.rule,
                "description": format!("{} [{}]", d.message, d.rule),
                "categories": ["Style"],
                "severity": severity(d.severity),
                "fingerprint": fingerprint,
                "location": {
                    "path": &path,
                    "lines": {"begin": begin, "end": end},
                    "positions": {
                        "begin": {"line": begin, "column": column},
                        "end": {"line": end, "column": end_column},
                    },
                },
            })
            .to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Category;

    #[test]
    fn an_issue_has_what_gitlab_reads() {
        let text = "Titre\nFin.. là\n";
        let d = Diagnostic {
            rule: "punctuation/doubled-stop".into(),
            category: Category::Punctuation,
            severity: Severity::Warning,
            message: "Doubled full stop".to_string(),
            span: 9..11,
            fix: None,
        };
        let issues = render_objects("./docs/a.txt", text, &LineIndex::new(text), &[d.clone(), d]);
        let first: serde_json::Value = serde_json::from_str(&issues[0]).unwrap();
        let second: serde_json::Value = serde_json::from_str(&issues[1]).unwrap();
        assert_eq!(first["location"]["path"], "docs/a.txt");
        assert_eq!(first["location"]["lines"]["begin"], 2);
        assert_eq!(first["severity"], "minor");
        assert_eq!(first["check_name"], "punctuation/doubled-stop");
        assert_ne!(first["fingerprint"], second["fingerprint"]);
    }
}
