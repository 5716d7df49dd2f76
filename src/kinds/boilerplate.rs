//! Boilerplate: lines of scraped web residue (share buttons, newsletter and donation pleas,
//! links to the original article, separators, lone symbols), and a trailing block of
//! related-article links. The fix deletes the lines and is never safe.

use crate::{
    diagnostic::Edit,
    document::Document,
    kinds::{
        CompileContext, Sink, pattern::CompiledPattern, pattern::compile_patterns,
        repetition::line_deletion,
    },
    rules::{PackError, RuleMeta, spec::RuleSpec},
    text::normalize::line_key,
};
use std::collections::HashMap;

/// A compiled boilerplate rule.
#[derive(Debug)]
pub enum BoilerplateRule {
    /// Flags each line holding a match of one of the patterns; with a word limit, only lines
    /// of at most that many words are searched.
    Lines(Vec<CompiledPattern>, Option<usize>),
    /// Flags a block of short title-like lines at the end of the document.
    TrailingLinks {
        /// The least number of lines in the block.
        min_lines: usize,
        /// The most words a link title may have.
        max_words: usize,
    },
}

impl BoilerplateRule {
    /// Validates and compiles a `kind = "boilerplate"` rule.
    pub fn compile(spec: &RuleSpec, ctx: &CompileContext) -> Result<Self, PackError> {
        match ctx.mode(&spec.mode, &["lines", "trailing-links"])? {
            "lines" => Ok(BoilerplateRule::Lines(
                compile_patterns(spec, ctx)?,
                spec.max_words,
            )),
            _ => Ok(BoilerplateRule::TrailingLinks {
                min_lines: spec.min_lines.unwrap_or(3).max(2),
                max_words: spec.min_words.unwrap_or(25),
            }),
        }
    }

    /// Reports the boilerplate of `doc`.
    pub fn check(&self, meta: &RuleMeta, doc: &Document, sink: &mut Sink) {
        match self {
            BoilerplateRule::Lines(patterns, max_words) => {
                check_lines(patterns, *max_words, meta, doc, sink)
            }
            BoilerplateRule::TrailingLinks {
                min_lines,
                max_words,
            } => check_trailing_links(*min_lines, *max_words, meta, doc, sink),
        }
    }
}

/// The byte range of the line holding `pos`, without its terminator.
fn line_around(text: &str, pos: usize) -> std::ops::Range<usize> {
    let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    let end = if text[..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    start..end
}

/// The bytes of a long word with its blank: a line longer than `max_words + 1` of them is not
/// counted (it cannot be page furniture).
const LONG_WORD_BYTES: usize = 24;

/// The byte ranges of the lines of `text` that hold at most `max_words` words.
fn short_lines(text: &str, max_words: usize) -> Vec<std::ops::Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        // A line of more bytes than that many long words has more words: no need to count.
        if line.len() <= (max_words + 1) * LONG_WORD_BYTES
            && !line.trim().is_empty()
            && line.split_whitespace().nth(max_words).is_none()
        {
            lines.push(start..start + line.len());
        }
        start += line.len();
    }
    lines
}

fn check_lines(
    patterns: &[CompiledPattern],
    max_words: Option<usize>,
    meta: &RuleMeta,
    doc: &Document,
    sink: &mut Sink,
) {
    let mut flagged_lines: Vec<usize> = Vec::new();
    // The places to search: the whole text, or its short lines.
    let searched = match max_words {
        Some(limit) => short_lines(doc.text, limit),
        None => vec![0..doc.text.len()],
    };
    for pattern in patterns {
        let found = searched.iter().flat_map(|range| {
            pattern
                .regex
                .find_iter(&doc.text[range.clone()])
                .map(move |m| (range.start + m.start())..(range.start + m.end()))
        });
        for m in found {
            if doc.is_protected(&m) || !pattern.preceded_ok(doc.text, m.start) {
                continue;
            }
            if pattern.judges_groups()
                && !pattern
                    .regex
                    .captures_at(&doc.text[..m.end], m.start)
                    .is_some_and(|caps| {
                        let before = pattern.groups_before(doc.text, m.start);
                        pattern.accepts(&caps, before.as_ref())
                    })
            {
                continue;
            }
            let line = line_around(doc.text, m.start);
            if flagged_lines.contains(&line.start) {
                continue;
            }
            flagged_lines.push(line.start);
            let text = doc.text[line.clone()].trim();
            let terminator = doc.text[line.end..]
                .find('\n')
                .map_or(line.end, |i| line.end + i + 1);
            let fix = (
                vec![Edit::delete(line_deletion(
                    doc.text, line.start, terminator,
                ))],
                "Delete the line".to_string(),
            );
            sink.report(
                meta,
                line,
                meta.render_message(text, "", ""),
                Some(fix),
                None,
            );
            sink.set_last_severity(pattern.severity);
        }
    }
}

/// Whether a line reads like the title of a linked article: short, starting with a letter or
/// digit, and without the final punctuation of a sentence.
fn is_link_title(line: &str, max_words: usize) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    words >= 1
        && words <= max_words
        && line.starts_with(|c: char| c.is_alphanumeric())
        && !line.ends_with(['.', '!', '?', ':', ';', ',', '…'])
}

fn check_trailing_links(
    min_lines: usize,
    max_words: usize,
    meta: &RuleMeta,
    doc: &Document,
    sink: &mut Sink,
) {
    let text = doc.text;
    let mut lines: Vec<std::ops::Range<usize>> = Vec::new();
    let mut end = text.trim_end().len();
    loop {
        let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        let content = text[start..end].trim_end_matches('\r');
        if !content.trim().is_empty() {
            if !is_link_title(content, max_words) {
                break;
            }
            lines.push(start..start + content.len());
        }
        if start == 0 {
            break;
        }
        end = start - 1;
    }
    if lines.len() < min_lines {
        return;
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for line in &lines {
        *counts.entry(line_key(&text[line.clone()])).or_default() += 1;
    }
    let repeated = lines
        .iter()
        .filter(|l| counts[&line_key(&text[(*l).clone()])] > 1)
        .count();
    if repeated * 2 < lines.len() {
        return;
    }
    let block = lines.last().expect("at least min_lines").start..lines[0].end;
    if doc.is_protected(&block) {
        return;
    }
    let deletion = line_deletion(text, block.start, text.len());
    let message = meta.render_message(&lines.len().to_string(), "", "");
    let fix = (
        vec![Edit::delete(deletion)],
        format!("Delete the {} trailing link lines", lines.len()),
    );
    sink.report(meta, block, message, Some(fix), None);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_titles() {
        assert!(is_link_title(
            "Génocide à Gaza : des armes, des affaires et des complices",
            25
        ));
        assert!(!is_link_title(
            "Soutien à tous ceux qui lèvent la tête !",
            25
        ));
        assert!(!is_link_title("- une liste", 25));
    }
}
