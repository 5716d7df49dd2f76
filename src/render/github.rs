//! GitHub Actions workflow commands: `::warning file=…,line=…,col=…::message`, which GitHub
//! shows as annotations on the pull request.

use crate::{
    diagnostic::{Diagnostic, Severity},
    document::LineIndex,
};
use std::fmt::Write;

/// Escapes a command's message: `%`, `\r` and `\n`.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value: as the message, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Renders the diagnostics of one file, one workflow command each.
pub fn render(path: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(text);
    let path = path.strip_prefix("./").unwrap_or(path);
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let (line, col) = index.position(text, d.span.start);
        let (end_line, end_col) = index.position(text, d.span.end);
        let _ = writeln!(
            out,
            "::{level} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
            escape_property(path),
            escape_property(&d.rule),
            escape_data(&format!("{} [{}]", d.message, d.rule))
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("100% a\nb\r"), "100%25 a%0Ab%0D");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
