//! The prose of one document of a file, and the builder that format readers write it with:
//! prose copied from the file as it is, decoded text standing for escapes and entities,
//! protected text kept for context (inline code), placeholders for inline tags, and a blank
//! line between blocks. Whatever a reader skips is markup.

use crate::view::map::{OffsetMap, Piece};
use std::{borrow::Cow, ops::Range};

/// How a replacement is written into a file of a format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Escape {
    /// As it is.
    #[default]
    Plain,
    /// Markdown: characters that would start markup are backslash-escaped.
    Markdown,
    /// HTML and XML text: `&`, `<`, `>` and `"` as entities.
    Markup,
    /// The inside of a JSON string.
    Json,
    /// The inside of a gettext PO string.
    Po,
}

impl Escape {
    /// `replacement` written for the file.
    pub fn encode<'r>(self, replacement: &'r str) -> Cow<'r, str> {
        let special: &[char] = match self {
            Escape::Plain => return Cow::Borrowed(replacement),
            Escape::Markdown => &['\\', '*', '_', '`', '[', ']', '<', '"'],
            Escape::Markup => &['&', '<', '>', '"'],
            Escape::Json => {
                if !replacement.contains(|c: char| c == '"' || c == '\\' || c.is_control()) {
                    return Cow::Borrowed(replacement);
                }
                let quoted = serde_json::to_string(replacement).expect("a string serializes");
                return Cow::Owned(quoted[1..quoted.len() - 1].to_string());
            }
            Escape::Po => &['\\', '"', '\n', '\t'],
        };
        if !replacement.contains(special) {
            return Cow::Borrowed(replacement);
        }
        let mut out = String::with_capacity(replacement.len() + 8);
        for c in replacement.chars() {
            match (self, c) {
                (Escape::Markdown, c) if special.contains(&c) => {
                    out.push('\\');
                    out.push(c);
                }
                (Escape::Markup, '&') => out.push_str("&amp;"),
                (Escape::Markup, '<') => out.push_str("&lt;"),
                (Escape::Markup, '>') => out.push_str("&gt;"),
                (Escape::Markup, '"') => out.push_str("&quot;"),
                (Escape::Po, '\n') => out.push_str("\\n"),
                (Escape::Po, '\t') => out.push_str("\\t"),
                (Escape::Po, c) if c == '\\' || c == '"' => {
                    out.push('\\');
                    out.push(c);
                }
                (_, c) => out.push(c),
            }
        }
        Cow::Owned(out)
    }
}

/// The prose of one document of a file.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    /// What the rules read: the document's runs of prose, a blank line between blocks.
    pub text: String,
    /// The map from `text` back to the file.
    pub map: OffsetMap,
    /// How a replacement is written in the file.
    pub escape: Escape,
    /// Ranges of `text` kept for context that no rule may flag or edit (inline code).
    pub protected: Vec<Range<usize>>,
    /// The source text of each translated segment, by range of `text` (bilingual formats).
    pub sources: Vec<(Range<usize>, String)>,
    /// What identifies the document in its file, when the file holds several (a record id).
    pub label: Option<String>,
    /// The byte ranges of the file that hold code (code blocks, inline code, scripts): a
    /// suppression comment there is an example, not a directive.
    pub code: Vec<Range<usize>>,
}

impl Prose {
    /// The byte ranges of the file (of length `file_len`) that this document does not read as
    /// prose, sorted and disjoint.
    pub fn non_prose(&self, file_len: usize) -> Vec<Range<usize>> {
        let mut prose: Vec<Range<usize>> = Vec::new();
        let mut add = |range: Range<usize>| {
            if range.is_empty() {
                return;
            }
            match prose.last_mut() {
                Some(last) if last.end >= range.start => last.end = last.end.max(range.end),
                _ => prose.push(range),
            }
        };
        let mut view_at = 0;
        let mut source_at = 0;
        for piece in self.map.pieces() {
            add(source_at..source_at + (piece.view.start - view_at));
            if piece.editable {
                add(piece.source.clone());
            }
            view_at = piece.view.end;
            source_at = piece.source.end;
        }
        add(source_at..source_at + (self.text.len() - view_at));
        let mut gaps = Vec::new();
        let mut cursor = 0;
        for range in prose {
            if range.start > cursor {
                gaps.push(cursor..range.start);
            }
            cursor = range.end;
        }
        if cursor < file_len {
            gaps.push(cursor..file_len);
        }
        gaps
    }
}

/// Writes the prose of a document while a format reader walks its file in order.
pub struct ProseBuilder<'s> {
    file: &'s str,
    prose: Prose,
    pieces: Vec<Piece>,
    /// The file offset up to which the file has been read.
    cursor: usize,
    /// A blank line is due before the next prose.
    block_ended: bool,
}

impl<'s> ProseBuilder<'s> {
    /// A builder over `file`, whose replacements are written with `escape`.
    pub fn new(file: &'s str, escape: Escape) -> ProseBuilder<'s> {
        ProseBuilder {
            file,
            prose: Prose {
                escape,
                ..Prose::default()
            },
            pieces: Vec::new(),
            cursor: 0,
            block_ended: false,
        }
    }

    /// The file offset up to which the file has been read.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Whether nothing has been written yet.
    pub fn is_empty(&self) -> bool {
        self.prose.text.is_empty()
    }

    /// Moves to file offset `at`, leaving what lies between out as markup, after the blank
    /// line that ends the previous block. Returns false for an offset already passed (a reader
    /// must walk the file in order; what comes back is ignored).
    fn advance_to(&mut self, at: usize) -> bool {
        if at < self.cursor {
            return false;
        }
        if self.block_ended && !self.prose.text.is_empty() {
            let start = self.prose.text.len();
            self.prose.text.push_str("\n\n");
            self.pieces.push(Piece {
                view: start..start + 2,
                source: self.cursor..self.cursor,
                editable: false,
            });
        }
        self.block_ended = false;
        if at > self.cursor {
            let here = self.prose.text.len();
            self.pieces.push(Piece {
                view: here..here,
                source: self.cursor..at,
                editable: false,
            });
            self.cursor = at;
        }
        true
    }

    /// Adds the file's bytes `range` as prose, as they are.
    pub fn copy(&mut self, range: Range<usize>) {
        if range.is_empty() || !self.advance_to(range.start) {
            return;
        }
        self.prose.text.push_str(&self.file[range.clone()]);
        self.cursor = range.end;
    }

    /// Adds `text` as the prose that the file's bytes `range` stand for (an escape or an
    /// entity, decoded): an edit may replace it only whole.
    pub fn decoded(&mut self, range: Range<usize>, text: &str) {
        if self.file.get(range.clone()) == Some(text) {
            return self.copy(range);
        }
        self.piece(range, text, true);
    }

    /// Adds the file's bytes `range` for context only: no rule flags or edits them (inline
    /// code).
    pub fn protected(&mut self, range: Range<usize>) {
        let text = &self.file[range.clone()];
        let start = self.prose.text.len();
        if self.piece(range, text, false) {
            let end = self.prose.text.len();
            self.prose.protected.push(start..end);
        }
    }

    /// Adds `placeholder` for the file's bytes `range` (an inline tag or variable): it keeps
    /// the words around it apart, and no edit may touch it.
    pub fn placeholder(&mut self, range: Range<usize>, placeholder: &str) {
        let start = self.prose.text.len();
        if self.piece(range, placeholder, false) {
            let end = self.prose.text.len();
            self.prose.protected.push(start..end);
        }
    }

    fn piece(&mut self, range: Range<usize>, text: &str, editable: bool) -> bool {
        if text.is_empty() || !self.advance_to(range.start) {
            return false;
        }
        let start = self.prose.text.len();
        self.prose.text.push_str(text);
        self.pieces.push(Piece {
            view: start..self.prose.text.len(),
            source: range.clone(),
            editable,
        });
        self.cursor = range.end;
        true
    }

    /// Records that the file's bytes `range` hold code (whether or not they are also kept as
    /// protected context).
    pub fn code(&mut self, range: Range<usize>) {
        self.prose.code.push(range);
    }

    /// Ends a block (a paragraph, a heading, a cell): the next prose starts after a blank
    /// line.
    pub fn end_block(&mut self) {
        self.block_ended = true;
    }

    /// Records that the prose written from `view_start` on translates `source` (bilingual
    /// formats); call it once the segment is written.
    pub fn translated_from(&mut self, view_start: usize, source: String) {
        let range = view_start..self.prose.text.len();
        self.prose.sources.push((range, source));
    }

    /// Records that a segment translating `source` is empty in the file, at file offset `at`
    /// (between the quotes of an empty string, inside an empty element): the segment has a
    /// place there, and a line break after it keeps the markup that follows out of that place.
    pub fn empty_translation(&mut self, at: usize, source: String) {
        if !self.advance_to(at) {
            return;
        }
        let here = self.prose.text.len();
        self.prose.sources.push((here..here, source));
        self.prose.text.push('\n');
        self.pieces.push(Piece {
            view: here..here + 1,
            source: at..at,
            editable: false,
        });
        self.block_ended = true;
    }

    /// The length of the prose written so far.
    pub fn len(&self) -> usize {
        self.prose.text.len()
    }

    /// Sets what identifies the document in its file.
    pub fn label(&mut self, label: String) {
        self.prose.label = Some(label);
    }

    /// The finished prose.
    pub fn finish(mut self) -> Prose {
        if self.cursor < self.file.len() {
            let here = self.prose.text.len();
            self.pieces.push(Piece {
                view: here..here,
                source: self.cursor..self.file.len(),
                editable: false,
            });
        }
        self.prose.map = OffsetMap::new(self.pieces);
        self.prose
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(Escape::Markup.encode("a & « b »"), "a &amp; « b »");
        assert_eq!(Escape::Json.encode("l’\"x\"\n"), "l’\\\"x\\\"\\n");
        assert_eq!(Escape::Po.encode("a \"b\"\n"), "a \\\"b\\\"\\n");
        assert_eq!(Escape::Markdown.encode("a*b"), "a\\*b");
        assert_eq!(Escape::Plain.encode("a*b"), "a*b");
    }

    #[test]
    fn markup_left_out_and_blocks_apart() {
        let file = "<p>Le <b>chat</b> &amp; le <code>ls</code></p><p>Fin</p>";
        let mut b = ProseBuilder::new(file, Escape::Markup);
        b.copy(3..6);
        b.copy(9..13);
        b.copy(17..18);
        b.decoded(18..23, "&");
        b.copy(23..27);
        b.protected(33..35);
        b.end_block();
        b.copy(49..52);
        let prose = b.finish();
        assert_eq!(prose.text, "Le chat & le ls\n\nFin");
        assert_eq!(&prose.text[prose.protected[0].clone()], "ls");
        let chat = prose.text.find("chat").unwrap();
        assert_eq!(&file[prose.map.range(&(chat..chat + 4))], "chat");
        let amp = prose.text.find('&').unwrap();
        assert_eq!(&file[prose.map.range(&(amp..amp + 1))], "&amp;");
        let fin = prose.text.find("Fin").unwrap();
        assert_eq!(&file[prose.map.range(&(fin..fin + 3))], "Fin");
        let gaps: Vec<&str> = prose
            .non_prose(file.len())
            .into_iter()
            .map(|r| &file[r])
            .collect();
        assert_eq!(
            gaps,
            ["<p>", "<b>", "</b>", "<code>ls</code></p><p>", "</p>"]
        );
    }
}
