//! JUnit XML for CI dashboards: one `testsuite` per file, one failing `testcase` per
//! diagnostic, and one passing `testcase` for a clean file.

use crate::{diagnostic::Diagnostic, document::LineIndex};
use std::fmt::Write;

/// Escapes text for XML attributes and content, dropping characters XML 1.0 forbids.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The `testsuite` element of one file.
pub fn render(path: &str, text: &str, index: &LineIndex, diagnostics: &[Diagnostic]) -> String {
    let name = escape(path);
    let mut out = format!(
        "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
        diagnostics.len().max(1),
        diagnostics.len()
    );
    if diagnostics.is_empty() {
        let _ = writeln!(out, "    <testcase name=\"mtlint\" classname=\"{name}\"/>");
    }
    for d in diagnostics {
        let (line, col) = index.position(text, d.span.start);
        let _ = writeln!(
            out,
            "    <testcase name=\"{} at {line}:{col}\" classname=\"{name}\" file=\"{name}\" line=\"{line}\">\n      <failure message=\"{}\" type=\"{}\">{name}:{line}:{col}: {}: {} [{}]</failure>\n    </testcase>",
            escape(&d.rule),
            escape(&d.message),
            d.severity.as_str(),
            d.severity.as_str(),
            escape(&d.message),
            escape(&d.rule),
        );
    }
    out.push_str("  </testsuite>\n");
    out
}

/// The whole report around the `testsuite` elements of [`render`].
pub fn render_report(suites: &[String], tests: usize, failures: usize) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"mtlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n"
    );
    for suite in suites {
        out.push_str(suite);
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>\u{1}"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
    }
}
