//! One line per diagnostic: `path:line:col: rule message`.

use crate::{diagnostic::Diagnostic, document::LineIndex};
use std::fmt::Write;

/// Renders the diagnostics of one file, one line each.
pub fn render(path: &str, text: &str, index: &LineIndex, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let (line, column) = index.position(text, d.span.start);
        let fixable = match &d.fix {
            Some(fix) if fix.applicability == crate::diagnostic::Applicability::Safe => " [*]",
            Some(_) => " [unsafe fix]",
            None => "",
        };
        let _ = writeln!(
            out,
            "{path}:{line}:{column}: {} {}{fixable}",
            d.rule, d.message
        );
    }
    out
}
