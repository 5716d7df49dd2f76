//! Views of a file's text that the rules read, mapped back to the file's own bytes.
//!
//! Rules see one plain form of every text: line breaks as LF, characters composed (NFC), and
//! for files with markup only their prose ([`crate::formats`]). A [`TextView`] holds those
//! forms and the maps back, so that diagnostics are reported at the file's own offsets and
//! fixes edit the file's own bytes, written in its own way (CRLF stays CRLF, decomposed
//! accents stay decomposed, an ampersand in HTML becomes `&amp;`). A fix whose edits would
//! split a composed character or touch a byte that is not prose is dropped, not applied.

pub mod map;
pub mod normalize;

use crate::{
    diagnostic::{Diagnostic, Edit, Fix},
    formats::{self, Content, Escape, Format, FormatError, Prose, ReadOptions},
};
use map::OffsetMap;
use normalize::{Normalized, Style};
use std::ops::Range;

/// A file's text, its normalized form, and the prose the rules read.
pub struct TextView<'a> {
    source: &'a str,
    normalized: Option<Normalized>,
    content: Content,
}

/// One document of a view, as the rules read it.
pub struct DocumentView<'v> {
    /// The prose the rules read.
    pub text: &'v str,
    /// Ranges of `text` kept for context that no rule may flag or edit.
    pub protected: &'v [Range<usize>],
    /// The source text of each translated segment, by range of `text`.
    pub sources: &'v [(Range<usize>, String)],
    /// What identifies the document in its file, when the file holds several.
    pub label: Option<&'v str>,
    prose: Option<&'v Prose>,
}

impl<'a> TextView<'a> {
    /// The view of `source`, a file in `format`.
    pub fn new(source: &'a str, format: Format) -> TextView<'a> {
        TextView::with_options(source, format, ReadOptions::shared_default())
    }

    /// The view of `source`, a file in `format` read with `options`.
    pub fn with_options(source: &'a str, format: Format, options: &ReadOptions) -> TextView<'a> {
        let normalized = normalize::normalize(source);
        let text = normalized.as_ref().map_or(source, |n| n.text.as_str());
        let content = formats::extract_with(format, text, options);
        TextView {
            source,
            normalized,
            content,
        }
    }

    /// The normalized text of the whole file (LF line breaks, composed characters).
    pub fn normalized(&self) -> &str {
        self.normalized.as_ref().map_or(self.source, |n| &n.text)
    }

    /// The text the view was made from.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// Why the file cannot be read in its format, with the offset in the file.
    pub fn error(&self) -> Option<FormatError> {
        match &self.content {
            Content::Invalid(error) => Some(FormatError {
                offset: self.to_source(&(error.offset..error.offset)).start,
                message: error.message.clone(),
            }),
            _ => None,
        }
    }

    /// The documents of the file, as the rules read them.
    pub fn documents(&self) -> Vec<DocumentView<'_>> {
        match &self.content {
            Content::Plain => vec![DocumentView {
                text: self.normalized(),
                protected: &[],
                sources: &[],
                label: None,
                prose: None,
            }],
            Content::Documents(documents) => documents
                .iter()
                .map(|prose| DocumentView {
                    text: &prose.text,
                    protected: &prose.protected,
                    sources: &prose.sources,
                    label: prose.label.as_deref(),
                    prose: Some(prose),
                })
                .collect(),
            Content::Invalid(_) => Vec::new(),
        }
    }

    /// The byte ranges of the file that hold code, sorted: a suppression comment there is an
    /// example, not a directive.
    pub fn code(&self) -> Vec<Range<usize>> {
        let Content::Documents(documents) = &self.content else {
            return Vec::new();
        };
        let mut code: Vec<Range<usize>> = documents
            .iter()
            .flat_map(|d| d.code.iter().map(|r| self.to_source(r)))
            .collect();
        code.sort_by_key(|r| r.start);
        code
    }

    /// The byte ranges of the file that are not prose (markup, code, what every document of
    /// the format leaves out), sorted.
    pub fn non_prose(&self) -> Vec<Range<usize>> {
        match &self.content {
            Content::Plain => Vec::new(),
            Content::Invalid(_) => std::iter::once(0..self.source.len()).collect(),
            Content::Documents(documents) => {
                formats::non_prose_of(documents, self.normalized().len())
                    .iter()
                    .map(|r| self.to_source(r))
                    .collect()
            }
        }
    }

    /// The bytes of the file that `document` covers, from the start of its first prose to the
    /// end of its last.
    pub fn document_range(&self, document: &DocumentView) -> Range<usize> {
        match document.prose {
            None => 0..self.source.len(),
            Some(prose) => self.to_source(&prose.map.range(&(0..prose.text.len()))),
        }
    }

    /// A range of the normalized text, in the file's offsets.
    fn to_source(&self, range: &Range<usize>) -> Range<usize> {
        self.normalized
            .as_ref()
            .map_or(range.clone(), |n| n.map.range(range))
    }

    /// Moves diagnostics found in `document` onto the file: spans widened to whole characters,
    /// edits written in the file's way; a fix that cannot be carried over exactly is dropped
    /// and its diagnostic kept.
    pub fn map_back(
        &self,
        document: &DocumentView,
        diagnostics: Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        let layers: [Option<(&OffsetMap, Encoding)>; 2] = [
            document
                .prose
                .map(|prose| (&prose.map, Encoding::Escape(prose.escape))),
            self.normalized
                .as_ref()
                .map(|n| (&n.map, Encoding::Style(n.style))),
        ];
        if layers.iter().all(Option::is_none) {
            return diagnostics;
        }
        diagnostics
            .into_iter()
            .map(|mut d| {
                for (map, encoding) in layers.iter().flatten() {
                    d.span = map.range(&d.span);
                    d.fix = d.fix.and_then(|fix| map_fix(fix, map, *encoding));
                }
                d
            })
            .collect()
    }
}

/// How one layer writes a replacement back into the text below it.
#[derive(Debug, Clone, Copy)]
enum Encoding {
    Escape(Escape),
    Style(Style),
}

impl Encoding {
    fn encode(self, replacement: &str) -> String {
        match self {
            Encoding::Escape(escape) => escape.encode(replacement).into_owned(),
            Encoding::Style(style) => style.encode(replacement).into_owned(),
        }
    }
}

/// `fix` with every edit carried over through `map` and written with `encoding`, or `None`
/// when one of its edits cannot be.
fn map_fix(fix: Fix, map: &OffsetMap, encoding: Encoding) -> Option<Fix> {
    let edits = fix
        .edits
        .iter()
        .map(|edit| {
            let range = map
                .edit_range(&(edit.start..edit.end), edit.replacement.is_empty())
                .ok()?;
            Some(Edit::new(range, encoding.encode(&edit.replacement)))
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

    fn mapped(source: &str, format: Format, find: &str, replacement: &str) -> Diagnostic {
        let view = TextView::new(source, format);
        let documents = view.documents();
        let document = &documents[0];
        let at = document.text.find(find).expect("the text is in the prose");
        let mut found = view.map_back(document, vec![diagnostic(at..at + find.len(), replacement)]);
        found.remove(0)
    }

    #[test]
    fn diagnostics_of_a_crlf_text_land_on_its_bytes() {
        let source = "Titre\r\n\r\nLa fin..\r\n";
        let d = mapped(source, Format::Text, "..\n", ".\n");
        let edit = &d.fix.as_ref().unwrap().edits[0];
        assert_eq!(&source[edit.start..edit.end], "..\r\n");
        assert_eq!(edit.replacement, ".\r\n");
    }

    #[test]
    fn a_fix_splitting_a_composed_unit_is_dropped() {
        // U+0344 decomposes to a diaeresis and an acute: "a\u{344}" composes to "ä" and a
        // combining acute, one unit of two characters in the view.
        let source = "x a\u{344} y";
        assert_eq!(
            TextView::new(source, Format::Text).normalized(),
            "x \u{e4}\u{301} y"
        );
        let d = mapped(source, Format::Text, "\u{e4}", "o");
        assert!(d.fix.is_none(), "the edit would cut the composed unit");
        assert_eq!(&source[d.span.clone()], "a\u{344}");
    }

    #[test]
    fn markdown_fixes_go_through_both_layers() {
        let source = "Le *chat* dit\r\n\"bonjour\" & plus.\r\n";
        let d = mapped(source, Format::Markdown, "dit\n\"", "dit « *");
        let edit = &d.fix.as_ref().unwrap().edits[0];
        assert_eq!(&source[edit.start..edit.end], "dit\r\n\"");
        assert_eq!(edit.replacement, "dit « \\*");
        let d = mapped(source, Format::Markdown, "chat", "chien");
        let edit = &d.fix.as_ref().unwrap().edits[0];
        assert_eq!(&source[edit.start..edit.end], "chat", "the emphasis stays");
    }
}
