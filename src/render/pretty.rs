//! Compiler-style reports, as rustc and ruff print them: the severity, rule and message, the
//! place, the source line (cut around the problem when it is long) with carets under the
//! problem, and a help line with the suggested fix. Colour only when asked for.
//!
//! ```text
//! warning[punctuation/doubled-stop]: Doubled full stop
//!  --> notes.txt:1:17
//!   |
//! 1 | Fin de la séance.. Ensuite
//!   |                 ^^
//!   = fix: Replace `..` with `.`
//! ```

use super::excerpt::{excerpt, shorten_quotes};
use crate::{
    diagnostic::{Applicability, Diagnostic, Severity},
    document::LineIndex,
};
use std::fmt::Write;

/// ANSI styles, or nothing without colour.
struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn gutter(&self, text: &str) -> String {
        self.paint("1;34", text)
    }
}

fn severity_style(severity: Severity) -> (&'static str, &'static str) {
    match severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
        Severity::Info => ("info", "1;36"),
    }
}

/// The byte range of the line of `text` holding `offset`, without its line break.
fn line_bounds(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |n| n + 1);
    let mut end = text[offset..].find('\n').map_or(text.len(), |n| offset + n);
    if end > start && text.as_bytes()[end - 1] == b'\r' {
        end -= 1;
    }
    (start, end.max(start))
}

/// Renders the diagnostics of one file.
pub fn render(
    path: &str,
    text: &str,
    index: &LineIndex,
    diagnostics: &[Diagnostic],
    color: bool,
) -> String {
    if diagnostics.is_empty() {
        return String::new();
    }
    let style = Style { color };
    let mut out = String::new();
    for d in diagnostics {
        render_one(&mut out, &style, index, path, text, d);
    }
    out
}

fn render_one(
    out: &mut String,
    style: &Style,
    index: &LineIndex,
    path: &str,
    text: &str,
    d: &Diagnostic,
) {
    let (name, code) = severity_style(d.severity);
    let (line, column) = index.position(text, d.span.start);
    let start = d.span.start.min(text.len());
    let end = d.span.end.clamp(start, text.len());
    let (line_start, line_end) = line_bounds(text, start);
    // A span over several lines: its first line to the line's end, and its last line.
    let last = (end > line_end + 1 && end > start).then(|| {
        let (last_start, last_end) = line_bounds(text, end - 1);
        let (last_line, _) = index.position(text, last_start);
        (last_line, last_start, last_end)
    });
    let widest = last.map_or(line, |(l, _, _)| l);
    let pad = " ".repeat(widest.to_string().len());
    let _ = writeln!(
        out,
        "{}: {}",
        style.paint(code, &format!("{name}[{}]", d.rule)),
        style.paint("1", &shorten_quotes(&d.message))
    );
    let _ = writeln!(out, "{pad}{} {path}:{line}:{column}", style.gutter("-->"));
    let bar = style.gutter("|");
    let _ = writeln!(out, "{pad} {bar}");
    let first = excerpt(
        &text[line_start..line_end],
        start - line_start..end.min(line_end) - line_start,
    );
    let number = |n: usize| style.gutter(&format!("{n:>width$}", width = pad.len()));
    let _ = writeln!(out, "{} {bar} {}", number(line), first.text);
    let _ = writeln!(out, "{pad} {bar} {}", style.paint(code, &first.carets));
    if let Some((last_line, last_start, last_end)) = last {
        if last_line > line + 1 {
            let _ = writeln!(out, "{}", style.gutter("..."));
        }
        let shown = excerpt(
            &text[last_start..last_end],
            0..end.min(last_end) - last_start,
        );
        let _ = writeln!(out, "{} {bar} {}", number(last_line), shown.text);
        let _ = writeln!(out, "{pad} {bar} {}", style.paint(code, &shown.carets));
    }
    if let Some(fix) = &d.fix {
        // What `--fix` applies is a fix; what only `--unsafe-fixes` applies, an unsafe fix.
        let label = match fix.applicability {
            Applicability::Safe => "fix",
            Applicability::Unsafe => "unsafe fix",
        };
        let _ = writeln!(
            out,
            "{pad} {} {}: {}",
            style.gutter("="),
            style.paint("1", label),
            shorten_quotes(&fix.message)
        );
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Fix};

    fn diagnostic(span: std::ops::Range<usize>) -> Diagnostic {
        Diagnostic {
            rule: "punctuation/doubled-stop".into(),
            category: Category::Punctuation,
            severity: Severity::Warning,
            message: "Doubled full stop".to_string(),
            span,
            fix: None,
        }
    }

    #[test]
    fn one_line() {
        let text = "Titre\nFin de la séance.. Ensuite\n";
        let start = text.find("..").unwrap();
        let mut d = diagnostic(start..start + 2);
        d.fix = Some(Fix {
            applicability: Applicability::Safe,
            message: "Replace `..` with `.`".to_string(),
            edits: Vec::new(),
        });
        let out = render("a.txt", text, &LineIndex::new(text), &[d], false);
        assert_eq!(
            out,
            "warning[punctuation/doubled-stop]: Doubled full stop\n --> a.txt:2:17\n  |\n2 | Fin de la séance.. Ensuite\n  |                 ^^\n  = fix: Replace `..` with `.`\n\n"
        );
    }

    #[test]
    fn several_lines_show_the_first_and_the_last() {
        let text = "un\ndeux\ntrois\nquatre\n";
        let start = text.find("deux").unwrap();
        let end = text.find("quatre").unwrap() + 3;
        let out = render(
            "a.txt",
            text,
            &LineIndex::new(text),
            &[diagnostic(start..end)],
            false,
        );
        assert!(
            out.contains("2 | deux\n  | ^^^^\n...\n4 | quatre\n  | ^^^\n"),
            "{out}"
        );
    }

    #[test]
    fn colour_only_when_asked() {
        let text = "Fin.. x\n";
        let out = render(
            "a.txt",
            text,
            &LineIndex::new(text),
            &[diagnostic(3..5)],
            true,
        );
        assert!(out.contains("\x1b[1;33mwarning[punctuation/doubled-stop]\x1b[0m"));
        assert!(
            !render(
                "a.txt",
                text,
                &LineIndex::new(text),
                &[diagnostic(3..5)],
                false
            )
            .contains('\x1b')
        );
    }
}
