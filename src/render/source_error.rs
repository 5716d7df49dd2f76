//! An error in a file the user wrote (a rule pack, a configuration), drawn by ariadne at the
//! offending place of the file.

use ariadne::{Config, IndexType, Label, Report, ReportKind, Source};
use std::ops::Range;

/// Draws an error titled `title` with `label` under `span` of `text` (the file `name`), or
/// `None` when ariadne cannot draw it.
pub fn render(
    name: &str,
    text: &str,
    span: Range<usize>,
    title: &str,
    label: &str,
    color: bool,
) -> Option<String> {
    let mut out = Vec::new();
    Report::build(ReportKind::Error, (name, span.clone()))
        .with_config(
            Config::default()
                .with_color(color)
                .with_index_type(IndexType::Byte),
        )
        .with_message(title)
        .with_label(Label::new((name, span)).with_message(label))
        .finish()
        .write((name, Source::from(text)), &mut out)
        .ok()?;
    Some(String::from_utf8_lossy(&out).into_owned())
}
