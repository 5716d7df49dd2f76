//! Boilerplate: lines of scraped web residue (share buttons, newsletter and donation pleas,
//! links to the original article, separators, lone symbols), and a trailing block of
//! related-article links. The fix deletes the lines and is never safe. A line is flagged only
//! when it reads as page furniture: short, and mostly made of what the patterns match, so that
//! a paragraph of prose that merely contains a boilerplate phrase is never deleted.

use crate::{
    diagnostic::Edit,
    document::Document,
    kinds::{
        CompileContext, Sink,
        pattern::CompiledPattern,
        pattern::compile_patterns,
        repetition::{line_deletion, line_deletion_of},
    },
    rules::{PackError, RuleMeta, spec::RuleSpec},
    text::normalize::line_key,
};
use candidates::{LONG_WORD_BYTES, LineFinder, ShortLines};
use line_start::LineStart;
use std::{collections::HashMap, ops::Range, sync::OnceLock};

pub mod candidates;
mod line_start;

/// A compiled boilerplate rule.
#[derive(Debug)]
pub enum BoilerplateRule {
    /// Flags each line holding a match of one of the patterns; with a word limit, only lines
    /// of at most that many words are searched.
    Lines(Vec<CompiledPattern>, LineSearch),
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
            "lines" => {
                let patterns = compile_patterns(spec, ctx)?;
                // The patterns searched in the whole text look for their lines first.
                let finders = spec
                    .patterns
                    .iter()
                    .flatten()
                    .map(|pattern| {
                        spec.max_words
                            .is_none()
                            .then(|| LineFinder::register(pattern.regex.get_ref()))
                    })
                    .collect();
                if let Some(limit) = spec.max_words {
                    ShortLines::register(limit);
                }
                let search = LineSearch {
                    max_words: spec.max_words,
                    starts: patterns.iter().map(|_| OnceLock::new()).collect(),
                    finders,
                };
                Ok(BoilerplateRule::Lines(patterns, search))
            }
            _ => Ok(BoilerplateRule::TrailingLinks {
                min_lines: spec.min_lines.unwrap_or(3).max(2),
                max_words: spec.min_words.unwrap_or(25),
            }),
        }
    }

    /// Reports the boilerplate of `doc`.
    pub fn check(&self, meta: &RuleMeta, doc: &Document, sink: &mut Sink) {
        match self {
            BoilerplateRule::Lines(patterns, search) => {
                check_lines(patterns, search, meta, doc, sink)
            }
            BoilerplateRule::TrailingLinks {
                min_lines,
                max_words,
            } => {
                // The closing block of a document: only its last part ends it.
                if doc.part().is_none_or(|part| part.last) {
                    check_trailing_links(*min_lines, *max_words, meta, doc, sink)
                }
            }
        }
    }
}

/// `line` without the carriage return that ends it, if any.
fn without_cr(text: &str, line: std::ops::Range<usize>) -> std::ops::Range<usize> {
    if text[line.clone()].ends_with('\r') {
        line.start..line.end - 1
    } else {
        line
    }
}

/// The most words a boilerplate line may have: a longer line is prose, whatever it contains.
pub const MAX_LINE_WORDS: usize = 60;

/// Whether a line reads as page furniture (a button label, a plea, a separator) rather than
/// prose that happens to contain a boilerplate phrase: it is short (at most
/// [`MAX_LINE_WORDS`] words) and the matches cover at least half of its letters and digits.
/// Patterns that describe a whole plea therefore match the whole sentence that holds it.
fn reads_as_furniture(line: &str, matches: &[std::ops::Range<usize>]) -> bool {
    if line.split_whitespace().count() > MAX_LINE_WORDS {
        return false;
    }
    let mut covered = vec![false; line.len()];
    for m in matches {
        covered[m.clone()].fill(true);
    }
    let (mut letters, mut matched) = (0usize, 0usize);
    for (at, c) in line.char_indices() {
        if c.is_alphanumeric() {
            letters += 1;
            matched += usize::from(covered[at]);
        }
    }
    letters == 0 || matched * 2 >= letters
}

/// The byte ranges of the lines of `doc` that hold at most `max_words` words.
fn short_lines(doc: &Document, max_words: usize) -> Vec<std::ops::Range<usize>> {
    if let Some(lines) = doc.short_lines(max_words) {
        return lines;
    }
    let text = doc.text;
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

/// How a `lines` rule searches: the word limit of its lines, or the lines each of its
/// patterns may match on.
#[derive(Debug)]
pub struct LineSearch {
    /// With a limit, only lines of at most that many words are searched.
    max_words: Option<usize>,
    /// For each pattern searched in the whole text, its entry in the shared search of
    /// candidate lines.
    finders: Vec<Option<LineFinder>>,
    /// For each pattern, the first bytes of its matches when it is anchored at the start of
    /// a line ([`LineStart`]), read from its syntax the first time it searches lines.
    starts: Vec<OnceLock<Option<LineStart>>>,
}

impl LineSearch {
    /// The first bytes of the matches of pattern `index`, when it is anchored at line starts.
    fn line_start(&self, index: usize, pattern: &CompiledPattern) -> Option<&LineStart> {
        self.starts[index]
            .get_or_init(|| LineStart::of_source(pattern.regex.source()))
            .as_ref()
    }
}

fn check_lines(
    patterns: &[CompiledPattern],
    search: &LineSearch,
    meta: &RuleMeta,
    doc: &Document,
    sink: &mut Sink,
) {
    // The places to search: the whole text, or its short lines; found only when a pattern's
    // gate admits the document (most documents have none of a rule's words).
    let mut searched: Option<Vec<Range<usize>>> = None;
    // The matches of every pattern: the line's range, the pattern's index and the part of
    // the match on the line.
    let mut found_on_lines: Vec<(Range<usize>, usize, Range<usize>)> = Vec::new();
    for (index, pattern) in patterns.iter().enumerate() {
        if !pattern.regex.admits(doc) {
            continue;
        }
        // The lines that hold one of the strings of its matches, when the pattern can be
        // searched line by line: its matches in them are its matches in the whole text.
        let candidates = search.finders[index].and_then(|finder| doc.boilerplate_lines(finder));
        let searched = match candidates {
            Some(lines) => lines,
            None => searched.get_or_insert_with(|| match search.max_words {
                Some(limit) => short_lines(doc, limit),
                None => std::iter::once(0..doc.text.len()).collect(),
            }),
        };
        // Searched line by line, an expression anchored at line starts skips the lines whose
        // first byte cannot begin one of its matches.
        let start = (candidates.is_some() || search.max_words.is_some())
            .then(|| search.line_start(index, pattern))
            .flatten();
        let found = searched
            .iter()
            .filter(|range| start.is_none_or(|start| start.may_match(&doc.text[(*range).clone()])))
            .flat_map(|range| {
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
            let line = without_cr(doc.text, doc.line_around(m.start));
            // The part of the match on the line (an empty match may sit on its terminator).
            let start = m.start.clamp(line.start, line.end);
            let inside = start - line.start..m.end.clamp(start, line.end) - line.start;
            found_on_lines.push((line, index, inside));
        }
    }
    // By line, and on each line by pattern: the severity of a line is that of the first
    // pattern that matched it.
    found_on_lines.sort_by_key(|(line, index, _)| (line.start, *index));
    let mut matches = Vec::new();
    let mut rest = found_on_lines.as_slice();
    while let [(line, first, _), ..] = rest {
        let count = rest
            .iter()
            .take_while(|(other, _, _)| other.start == line.start)
            .count();
        let (on_line, after) = rest.split_at(count);
        rest = after;
        let (line, severity) = (line.clone(), patterns[*first].severity);
        matches.clear();
        matches.extend(on_line.iter().map(|(_, _, inside)| inside.clone()));
        if !reads_as_furniture(&doc.text[line.clone()], &matches) {
            continue;
        }
        let text = doc.text[line.clone()].trim();
        let terminator = doc.text[line.end..]
            .find('\n')
            .map_or(line.end, |i| line.end + i + 1);
        let fix = (
            vec![Edit::delete(line_deletion_of(doc, line.start, terminator))],
            "Delete the line".to_string(),
        );
        sink.report(
            meta,
            line,
            meta.render_message(text, "", ""),
            Some(fix),
            None,
        );
        sink.set_last_severity(severity);
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
    #[allow(clippy::single_range_in_vec_init)] // one match covering a range, as meant
    fn furniture_is_short_and_mostly_matched() {
        let whole = |text: &str| vec![0..text.len()];
        let line = "Partagez-le avec un ami !";
        assert!(reads_as_furniture(line, &whole(line)));
        let prose = "Pour voter en mars, inscrivez-vous sur les listes électorales avant \
                     le 7 février, rappelle la mairie.";
        let at = prose.find("inscrivez-vous").unwrap();
        let word = vec![at..at + "inscrivez-vous".len()];
        assert!(!reads_as_furniture(prose, &word));
        let long = "plea ".repeat(MAX_LINE_WORDS + 1);
        assert!(!reads_as_furniture(&long, &whole(&long)));
        assert!(reads_as_furniture("×", &whole("×")));
    }

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
