//! Renderers: they turn diagnostics into text and never look for problems themselves.

pub mod concise;
pub mod json;
pub mod pretty;
pub mod summary;

use crate::diagnostic::Diagnostic;

/// The output formats of `mtlint check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Source snippets with labels and help lines (ariadne).
    Pretty,
    /// One line per diagnostic: `path:line:col: rule message`.
    Concise,
    /// One JSON array of every diagnostic.
    Json,
    /// One JSON object per line.
    Jsonl,
}

/// Renders the diagnostics of one file in `format` (JSON objects without the array brackets,
/// separated by `,\n` for `json`).
pub fn render_file(
    format: OutputFormat,
    path: &str,
    text: &str,
    diagnostics: &[Diagnostic],
    color: bool,
) -> String {
    match format {
        OutputFormat::Pretty => pretty::render(path, text, diagnostics, color),
        OutputFormat::Concise => concise::render(path, text, diagnostics),
        OutputFormat::Json => json::render_objects(path, text, diagnostics).join(",\n"),
        OutputFormat::Jsonl => {
            let mut out = json::render_objects(path, text, diagnostics).join("\n");
            if !out.is_empty() {
                out.push('\n');
            }
            out
        }
    }
}
