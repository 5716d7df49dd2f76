//! Compiler-style reports with ariadne: the source line, a label under the problem, and a help
//! line with the suggested fix. Colour only when asked for.

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use ariadne::{Color, Config, IndexType, Label, Report, ReportKind, Source};

/// Renders the diagnostics of one file as ariadne reports.
pub fn render(path: &str, text: &str, diagnostics: &[Diagnostic], color: bool) -> String {
    if diagnostics.is_empty() {
        return String::new();
    }
    let source = Source::from(text);
    let mut out = Vec::new();
    for d in diagnostics {
        let (kind, paint) = match d.severity {
            Severity::Error => (ReportKind::Error, Color::Red),
            Severity::Warning => (ReportKind::Warning, Color::Yellow),
            Severity::Info => (ReportKind::Advice, Color::Cyan),
        };
        let span = (path, d.span.clone());
        let mut label = Label::new(span.clone()).with_message(d.category.as_str());
        if color {
            label = label.with_color(paint);
        }
        let mut report = Report::build(kind, span)
            .with_config(
                Config::default()
                    .with_color(color)
                    .with_index_type(IndexType::Byte)
                    .with_compact(false),
            )
            .with_code(&d.rule)
            .with_message(&d.message)
            .with_label(label);
        if let Some(fix) = &d.fix {
            let safety = match fix.applicability {
                Applicability::Safe => "fixable with --fix",
                Applicability::Unsafe => "fixable with --unsafe-fixes",
            };
            report = report.with_help(format!("{} ({safety})", fix.message));
        }
        if report.finish().write((path, &source), &mut out).is_err() {
            out.extend_from_slice(format!("{path}: {} {}\n", d.rule, d.message).as_bytes());
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
