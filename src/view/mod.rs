//! Views of a text that the rules read, mapped back to the text's own bytes.
//!
//! Rules see one plain form of every text: line breaks as LF, characters composed (NFC). A
//! [`TextView`] holds that form and the map back to the text, so that diagnostics are reported
//! at the text's own offsets and fixes edit the text's own bytes, written in its own style
//! (CRLF stays CRLF, decomposed accents stay decomposed). A fix whose edits would split a
//! composed character, or touch what is not prose, is dropped rather than applied.

pub mod map;
pub mod normalize;

use crate::diagnostic::{Diagnostic, Edit, Fix};
use map::OffsetMap;
use normalize::{Normalized, Style};

/// A text and the normalized form the rules read.
pub struct TextView<'a> {
    source: &'a str,
    normalized: Option<Normalized>,
}

impl<'a> TextView<'a> {
    /// The view of `source`: `source` itself when it is already normalized.
    pub fn new(source: &'a str) -> TextView<'a> {
        TextView {
            source,
            normalized: normalize::normalize(source),
        }
    }

    /// The text the rules read.
    pub fn text(&self) -> &str {
        self.normalized.as_ref().map_or(self.source, |n| &n.text)
    }

    /// The text the view was made from.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// Whether the rules read the source itself.
    pub fn is_identity(&self) -> bool {
        self.normalized.is_none()
    }

    /// Moves diagnostics found in [`TextView::text`] onto the source: spans widened to whole
    /// characters, edits written in the source's style; a fix that cannot be carried over
    /// exactly is dropped and its diagnostic kept.
    pub fn map_back(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let Some(normalized) = &self.normalized else {
            return diagnostics;
        };
        diagnostics
            .into_iter()
            .map(|mut d| {
                d.span = normalized.map.range(&d.span);
                d.fix = d
                    .fix
                    .and_then(|fix| map_fix(fix, &normalized.map, &normalized.style));
                d
            })
            .collect()
    }
}

/// `fix` with every edit carried over through `map` and written in `style`, or `None` when one
/// of its edits cannot be.
fn map_fix(fix: Fix, map: &OffsetMap, style: &Style) -> Option<Fix> {
    let edits = fix
        .edits
        .iter()
        .map(|edit| {
            let range = map
                .edit_range(&(edit.start..edit.end), edit.replacement.is_empty())
                .ok()?;
            Some(Edit::new(
                range,
                style.encode(&edit.replacement).into_owned(),
            ))
        })
        .collect::<Option<Vec<Edit>>>()?;
    Some(Fix { edits, ..fix })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Category, Severity};

    fn diagnostic(span: std::ops::Range<usize>, replacement: &str) -> Diagnostic {
        Diagnostic {
            rule: "test/rule".into(),
            category: Category::Punctuation,
            severity: Severity::Warning,
            message: String::new(),
            span: span.clone(),
            fix: Some(Fix {
                applicability: Applicability::Safe,
                message: String::new(),
                edits: vec![Edit::new(span, replacement)],
            }),
        }
    }

    #[test]
    fn diagnostics_of_a_crlf_text_land_on_its_bytes() {
        let source = "Titre\r\n\r\nLa fin..\r\n";
        let view = TextView::new(source);
        assert_eq!(view.text(), "Titre\n\nLa fin..\n");
        let at = view.text().find("..").unwrap();
        let mapped = view.map_back(vec![diagnostic(at..at + 3, ".\n")]);
        let edit = &mapped[0].fix.as_ref().unwrap().edits[0];
        assert_eq!(&source[edit.start..edit.end], "..\r\n");
        assert_eq!(edit.replacement, ".\r\n");
    }

    #[test]
    fn a_fix_splitting_a_composed_unit_is_dropped() {
        // U+0344 decomposes to a diaeresis and an acute: "a\u{344}" composes to "ä" and a
        // combining acute, one unit of two characters in the view.
        let source = "x a\u{344} y";
        let view = TextView::new(source);
        assert_eq!(view.text(), "x \u{e4}\u{301} y");
        let mapped = view.map_back(vec![diagnostic(2..4, "o")]);
        assert!(
            mapped[0].fix.is_none(),
            "the edit would cut the composed unit"
        );
        assert_eq!(&source[mapped[0].span.clone()], "a\u{344}");
    }
}
