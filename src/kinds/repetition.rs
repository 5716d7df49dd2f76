//! Repetition: a word written twice ("le le"), a coordinated duplicate ("opportun et opportun"),
//! and a line that repeats an earlier one once typography is normalised.

use crate::{
    diagnostic::{Applicability, Edit},
    document::Document,
    kinds::{CompileContext, Sink, quoted},
    rules::{PackError, RuleMeta, spec::RuleSpec},
    text::normalize::{is_blank, line_key, line_key_hash, straight_apostrophes},
};
use std::collections::{HashMap, HashSet};

/// What a repetition rule looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The same word twice in a row.
    Word,
    /// The same word on both sides of a conjunction.
    Coordinated,
    /// A line equal to an earlier line.
    Line,
}

/// A compiled repetition rule.
#[derive(Debug)]
pub struct RepetitionRule {
    /// What it looks for.
    pub mode: Mode,
    allow: HashSet<String>,
    conjunctions: HashSet<String>,
    /// The fewest words of a line the `line` mode weighs.
    pub min_words: usize,
    distant_severity: Option<crate::diagnostic::Severity>,
    content_words: bool,
}

impl RepetitionRule {
    /// Validates and compiles a `kind = "repetition"` rule.
    pub fn compile(spec: &RuleSpec, ctx: &CompileContext) -> Result<Self, PackError> {
        let mode = match ctx.mode(&spec.mode, &["word", "coordinated", "line"])? {
            "word" => Mode::Word,
            "coordinated" => Mode::Coordinated,
            _ => Mode::Line,
        };
        let lower = |list: &Option<Vec<String>>| -> HashSet<String> {
            list.iter()
                .flatten()
                .map(|w| straight_apostrophes(&w.to_lowercase()))
                .collect()
        };
        let conjunctions = lower(&spec.conjunctions);
        if mode == Mode::Coordinated && conjunctions.is_empty() {
            return Err(ctx.missing(spec, "conjunctions"));
        }
        Ok(RepetitionRule {
            mode,
            allow: lower(&spec.allow),
            conjunctions,
            min_words: spec.min_words.unwrap_or(4),
            distant_severity: spec.distant_severity,
            content_words: spec.content_words.unwrap_or(false),
        })
    }

    fn allowed(&self, word: &str) -> bool {
        self.allow.contains(word)
            || (crate::text::normalize::has_curly_apostrophe(word)
                && self.allow.contains(&straight_apostrophes(word)))
    }

    /// The token-level check, called for token `i` in the engine's single pass over the tokens.
    pub fn visit_token(&self, meta: &RuleMeta, doc: &Document, i: usize, sink: &mut Sink) {
        match self.mode {
            Mode::Word => self.repeated_word(meta, doc, i, sink),
            Mode::Coordinated => self.coordinated(meta, doc, i, sink),
            Mode::Line => {}
        }
    }

    fn repeated_word(&self, meta: &RuleMeta, doc: &Document, i: usize, sink: &mut Sink) {
        if i == 0 {
            return;
        }
        let (first, second) = (doc.tokens[i - 1], doc.tokens[i]);
        if !first.is_wordlike()
            || !second.is_wordlike()
            || doc.folded_word(i - 1) != doc.folded_word(i)
        {
            return;
        }
        if self.allowed(doc.folded_word(i)) || !only_blanks(&doc.text[first.end..second.start]) {
            return;
        }
        let span = first.start..second.end;
        if doc.is_protected(&span) {
            return;
        }
        let word = doc.word(i);
        let fix = (
            vec![Edit::delete(first.end..second.end)],
            format!("Remove the second {}", quoted(word)),
        );
        sink.report(
            meta,
            span,
            meta.render_message(word, "", ""),
            Some(fix),
            None,
        );
    }

    fn coordinated(&self, meta: &RuleMeta, doc: &Document, i: usize, sink: &mut Sink) {
        if i < 2 {
            return;
        }
        let (first, conjunction, second) = (doc.tokens[i - 2], doc.tokens[i - 1], doc.tokens[i]);
        let word = doc.folded_word(i);
        if word != doc.folded_word(i - 2)
            || doc.word(i) != doc.word(i - 2)
            || !first.is_wordlike()
            || !second.is_wordlike()
        {
            return;
        }
        if !self.conjunctions.contains(doc.folded_word(i - 1))
            || word.chars().count() < 3
            || self.allowed(word)
            || (self.content_words && !is_content_word(word))
        {
            return;
        }
        if !only_blanks(&doc.text[first.end..conjunction.start])
            || !only_blanks(&doc.text[conjunction.end..second.start])
        {
            return;
        }
        let span = first.start..second.end;
        if doc.is_protected(&span) {
            return;
        }
        let shown = &doc.text[span.clone()];
        let fix = (
            vec![Edit::delete(first.end..second.end)],
            format!("Keep one {}", quoted(doc.word(i - 2))),
        );
        sink.report(
            meta,
            span,
            meta.render_message(shown, doc.word(i - 2), ""),
            Some(fix),
            None,
        );
    }

    /// The line-level check: every line that repeats an earlier one.
    pub fn check_lines(&self, meta: &RuleMeta, doc: &Document, sink: &mut Sink) {
        if self.mode != Mode::Line {
            return;
        }
        let text = doc.text;
        let mut seen: HashMap<u64, Vec<(usize, usize)>> = HashMap::new();
        let mut offset = 0;
        for raw in text.split_inclusive('\n') {
            let line_start = offset;
            offset += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            if line
                .split_whitespace()
                .nth(self.min_words.saturating_sub(1))
                .is_none()
            {
                continue;
            }
            let content = line_start..line_start + line.len();
            if doc.is_protected(&content) {
                continue;
            }
            let hash = line_key_hash(line);
            // In one part of a large document, a line that an earlier part holds repeats it:
            // right after it when that copy ends the previous part and only blanks follow.
            let earlier_part = doc.part().and_then(|part| {
                let first = part.facts.first_part_of_line(hash)?;
                (first < part.index).then(|| {
                    first + 1 == part.index
                        && part.facts.line_ends_its_part(hash)
                        && text[..line_start].chars().all(is_blank)
                })
            });
            let adjacent = if let Some(adjacent) = earlier_part {
                adjacent && !has_empty_pair(line)
            } else {
                let earlier = seen.entry(hash).or_default();
                let key = || line_key(line);
                let Some(&(_, earlier_end)) = earlier.iter().find(|(start, end)| {
                    line_key(text[*start..*end].trim_end_matches(['\n', '\r'])) == key()
                }) else {
                    earlier.push((line_start, offset));
                    continue;
                };
                // A line with an empty pair of quotes or brackets lost words in extraction, and
                // its copy may have lost different ones: only an intact line is certainly
                // repeated.
                text[earlier_end..line_start].chars().all(is_blank) && !has_empty_pair(line)
            };
            let deletion = line_deletion_of(doc, line_start, offset);
            let applicability = if adjacent {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            let fix = (
                vec![Edit::delete(deletion)],
                "Delete the repeated line".to_string(),
            );
            sink.report(
                meta,
                content,
                meta.render_message(line.trim(), "", ""),
                Some(fix),
                Some(applicability),
            );
            if !adjacent {
                sink.set_last_severity(self.distant_severity);
            }
        }
    }
}

/// Whether `line` holds an empty pair of quotes or brackets ("« »", "()"), the mark of words
/// that extraction removed.
pub fn has_empty_pair(line: &str) -> bool {
    const PAIRS: [(char, char); 5] = [('«', '»'), ('“', '”'), ('"', '"'), ('(', ')'), ('[', ']')];
    let chars: Vec<char> = line.chars().collect();
    chars.iter().enumerate().any(|(at, &open)| {
        PAIRS.iter().any(|&(o, close)| {
            o == open
                && chars[at + 1..]
                    .iter()
                    .find(|c| !is_blank(**c))
                    .is_some_and(|&c| c == close)
        })
    })
}

/// Whether `word` is a French content word (noun, adjective, verb or adverb) and not a
/// determiner, pronoun, preposition or conjunction, which extraction gaps often double.
fn is_content_word(word: &str) -> bool {
    crate::lexicon::lexicons()
        .french(word)
        .is_some_and(|f| f.content_word())
}

/// The bytes to delete to remove the line `start..end` (its terminator included) together with
/// the blank lines after it, or before it when it ends the document.
pub fn line_deletion(text: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    line_deletion_in(text, start, end, true)
}

/// [`line_deletion`] for `doc`: a part of a larger document does not end it, unless it is the
/// last part.
pub fn line_deletion_of(doc: &Document, start: usize, end: usize) -> std::ops::Range<usize> {
    line_deletion_in(
        doc.text,
        start,
        end,
        doc.part().is_none_or(|part| part.last),
    )
}

fn line_deletion_in(
    text: &str,
    start: usize,
    end: usize,
    ends_document: bool,
) -> std::ops::Range<usize> {
    let mut after = end;
    for raw in text[end..].split_inclusive('\n') {
        if !raw.ends_with('\n') || !raw.chars().all(is_blank) {
            break;
        }
        after += raw.len();
    }
    if after < text.len() || start == 0 || !ends_document {
        return start..after;
    }
    let before = text[..start].trim_end_matches(is_blank).len();
    let before = text[before..start]
        .find(['\r', '\n'])
        .map_or(start, |i| before + i);
    let kept_terminator = text[..after].len() - text[..after].trim_end_matches(['\r', '\n']).len();
    let kept_terminator = kept_terminator
        .min(text[start..after].len() - text[start..after].trim_end_matches(['\r', '\n']).len());
    before..after - kept_terminator
}

fn only_blanks(between: &str) -> bool {
    between.chars().all(is_blank) && between.matches('\n').count() <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deleting_lines_keeps_one_separator() {
        let text = "T\n\nT\n\nSuite";
        let range = line_deletion(text, 3, 5);
        let mut fixed = text.to_string();
        fixed.replace_range(range, "");
        assert_eq!(fixed, "T\n\nSuite");

        let text = "A\n\nT\n\nT";
        let range = line_deletion(text, 6, 7);
        let mut fixed = text.to_string();
        fixed.replace_range(range, "");
        assert_eq!(fixed, "A\n\nT");

        let text = "A\n\nT\n\nT\n";
        let range = line_deletion(text, 6, 8);
        let mut fixed = text.to_string();
        fixed.replace_range(range, "");
        assert_eq!(fixed, "A\n\nT\n");
    }
}
