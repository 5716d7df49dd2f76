//! Renderers: they turn diagnostics into text and never look for problems themselves.

pub mod concise;
pub mod excerpt;
pub mod github;
pub mod gitlab;
pub mod json;
mod json_text;
pub mod junit;
pub mod pretty;
pub mod sarif;
pub mod source_error;
pub mod statistics;
pub mod summary;
pub mod summary_jsonl;

use crate::{
    diagnostic::Diagnostic,
    document::{Base, LineIndex},
};

/// The output formats of `mtlint check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Source snippets, cut around the problem on long lines, with carets and help lines.
    Pretty,
    /// One line per diagnostic: `path:line:col: rule message`.
    Concise,
    /// One JSON array of every diagnostic.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML.
    Junit,
    /// GitLab Code Quality report (a JSON array of issues).
    Gitlab,
    /// One JSON object per document (per file, per JSON Lines record) with its score.
    SummaryJsonl,
}

/// Renders the diagnostics of one file in `format` (JSON objects without the array brackets,
/// separated by `,\n`, for `json` and `gitlab`; SARIF results one per line; a `testsuite`
/// element for `junit`).
pub fn render_file(
    format: OutputFormat,
    path: &str,
    text: &str,
    diagnostics: &[Diagnostic],
    color: bool,
) -> String {
    render_part(format, path, text, Base::default(), diagnostics, color)
}

/// [`render_file`] for `text`, a part of the file that stands at `base` in it (a part of a
/// large file linted on its own): lines and offsets are the file's.
pub fn render_part(
    format: OutputFormat,
    path: &str,
    text: &str,
    base: Base,
    diagnostics: &[Diagnostic],
    color: bool,
) -> String {
    let index = LineIndex::with_base(text, base);
    let index = &index;
    match format {
        OutputFormat::Pretty => pretty::render(path, text, index, diagnostics, color),
        OutputFormat::Concise => concise::render(path, text, index, diagnostics),
        OutputFormat::Json => json::render_joined(path, text, index, diagnostics, ",\n"),
        OutputFormat::Gitlab => gitlab::render_objects(path, text, index, diagnostics).join(",\n"),
        OutputFormat::Sarif => sarif::render_results(path, text, index, diagnostics).join("\n"),
        OutputFormat::Github => github::render(path, text, index, diagnostics),
        OutputFormat::Junit => junit::render(path, text, index, diagnostics),
        OutputFormat::SummaryJsonl => {
            let unit = summary_jsonl::Unit {
                range: 0..text.len(),
                words: crate::score::count_words(text),
                record: None,
                id: None,
            };
            summary_jsonl::render(path, text, &[unit], diagnostics)
        }
        OutputFormat::Jsonl => {
            let mut out = json::render_joined(path, text, index, diagnostics, "\n");
            if !out.is_empty() {
                out.push('\n');
            }
            out
        }
    }
}
