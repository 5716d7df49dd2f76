//! Bilingual checks: each translated segment of a file that holds its source (PO, XLIFF, TMX)
//! compared with that source — untranslated segments, placeholders and literals lost or added,
//! English words of the source left in the translation. The configuration's terminology
//! (source term → required translation) is checked by [`terminology`].

pub mod placeables;
pub mod terminology;
mod untranslated;

use crate::{
    document::Document,
    kinds::{CompileContext, Sink, WordClass},
    rules::{PackError, RuleMeta, spec::RuleSpec},
    text::tokenize::{TokenKind, tokenize},
};
use placeables::{Family, compare, placeables, spells};
use std::{collections::HashSet, ops::Range};
use untranslated::Verdict;

/// The comparisons a bilingual rule can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// The target is empty, the source unchanged, or still in the source language.
    Untranslated,
    /// Variables, markup tags and inline codes of the source missing or added.
    Placeholders,
    /// Numbers, URLs and e-mail addresses of the source missing or added.
    Literals,
    /// English words of the source left in the target.
    SourceWords,
}

/// The names of the checks in a pack's `check` key.
const CHECKS: [(&str, Check); 4] = [
    ("untranslated", Check::Untranslated),
    ("placeholders", Check::Placeholders),
    ("literals", Check::Literals),
    ("source-words", Check::SourceWords),
];

/// A compiled `kind = "bilingual"` rule.
#[derive(Debug)]
pub struct BilingualRule {
    check: Check,
    /// English and French function words (`en-function`, `fr-function` classes), to tell a
    /// target still in English.
    functions: Option<(WordClass, WordClass)>,
}

/// French dictionary frequency (Zipf) at or above which a word of the source is French as
/// well ("configuration", "message", "date").
const SOURCE_WORD_MAX_FRENCH: f32 = 2.0;
/// French usage (Zipf) at or above which an English word is an established loanword
/// ("email", "web")...
const LOANWORD_MIN_USAGE: f32 = 3.0;
/// ...unless English uses it this much more (Zipf): "check", "download".
const LOANWORD_ENGLISH_LEAD: f32 = 1.5;

impl BilingualRule {
    /// Validates and compiles a `kind = "bilingual"` rule.
    pub fn compile(spec: &RuleSpec, ctx: &CompileContext) -> Result<Self, PackError> {
        let Some(name) = &spec.check else {
            return Err(ctx.missing(spec, "check"));
        };
        let Some((_, check)) = CHECKS.iter().find(|(n, _)| n == name.get_ref()) else {
            let names: Vec<&str> = CHECKS.iter().map(|(n, _)| *n).collect();
            return Err(ctx.error(
                Some(name.span()),
                format!(
                    "unknown check `{}`; expected one of: {}",
                    name.get_ref(),
                    names.join(", ")
                ),
            ));
        };
        let functions = ctx
            .classes
            .get("en-function")
            .cloned()
            .zip(ctx.classes.get("fr-function").cloned());
        Ok(BilingualRule {
            check: *check,
            functions,
        })
    }

    /// Compares every translated segment of `doc` with its source.
    pub fn check(&self, rule: &RuleMeta, doc: &Document, lang: &str, sink: &mut Sink) {
        for (range, source) in doc.sources {
            if source.trim().is_empty() {
                continue;
            }
            let target = &doc.text[range.clone()];
            let verdict = untranslated::judge(doc, range, source, self.functions.as_ref(), lang);
            match self.check {
                Check::Untranslated => {
                    if let Some(message) = verdict.message() {
                        let span = trimmed(target, range);
                        sink.report(rule, span, rule.render_message(message, "", ""), None, None);
                    }
                }
                _ if verdict != Verdict::Translated => {}
                Check::Placeholders => self.placeables(rule, doc, range, source, true, sink),
                Check::Literals => self.placeables(rule, doc, range, source, false, sink),
                Check::SourceWords if lang == "fr" => source_words(rule, doc, range, source, sink),
                Check::SourceWords => {}
            }
        }
    }

    /// Reports the placeables of one family group that the target lost or added.
    fn placeables(
        &self,
        rule: &RuleMeta,
        doc: &Document,
        range: &Range<usize>,
        source: &str,
        codes: bool,
        sink: &mut Sink,
    ) {
        let target = &doc.text[range.clone()];
        let wanted = |family: Family| {
            matches!(family, Family::Variable | Family::Tag | Family::Code) == codes
        };
        let in_source: Vec<_> = placeables(source)
            .into_iter()
            .filter(|p| wanted(p.family))
            .collect();
        let in_target: Vec<_> = placeables(target)
            .into_iter()
            .filter(|p| wanted(p.family))
            .collect();
        if in_source.is_empty() && in_target.is_empty() {
            return;
        }
        let (missing, added) = compare(&in_source, &in_target);
        let span = trimmed(target, range);
        for (family, key) in missing {
            if family == Family::Number && spells(target, &key) {
                continue;
            }
            let what = format!(
                "the {} {} of the source is missing from the translation",
                family.name(),
                shown(family, &key)
            );
            sink.report(
                rule,
                span.clone(),
                rule.render_message(&what, "", ""),
                None,
                None,
            );
        }
        for p in added {
            if p.family == Family::Number && untranslated::spells_english(source, &p.key) {
                continue;
            }
            let what = format!(
                "the {} {} is not in the source",
                p.family.name(),
                shown(p.family, &p.key)
            );
            let at = range.start + p.range.start..range.start + p.range.end;
            sink.report(rule, at, rule.render_message(&what, "", ""), None, None);
        }
    }
}

/// How a placeable is named in a message.
fn shown(family: Family, key: &str) -> String {
    match family {
        Family::Code => "(a tag of the file)".to_string(),
        _ => format!("`{key}`"),
    }
}

/// `range` narrowed to the text of `target` without its surrounding blanks (the whole range
/// when it holds only blanks).
fn trimmed(target: &str, range: &Range<usize>) -> Range<usize> {
    let start = target.len() - target.trim_start().len();
    let end = target.trim_end().len();
    if start >= end {
        return range.clone();
    }
    range.start + start..range.start + end
}

/// Whether the word at `word` stands between quotes: a term cited as it is (“'else'”,
/// « workers »).
fn quoted(text: &str, word: &Range<usize>) -> bool {
    let before = text[..word.start]
        .trim_end_matches([' ', '\u{a0}', '\u{202f}'])
        .chars()
        .next_back();
    let after = text[word.end..]
        .trim_start_matches([' ', '\u{a0}', '\u{202f}'])
        .chars()
        .next();
    matches!(before, Some('\'' | '"' | '«' | '“' | '‘' | '`' | '<'))
        && matches!(after, Some('\'' | '"' | '»' | '”' | '’' | '`' | '>'))
}

/// Whether the word at `word` begins an indented line of the segment `segment`: a keyword or
/// an option listed in a command's help ("  footer", "  expanded (or x)").
fn listed(text: &str, segment: &Range<usize>, word: &Range<usize>) -> bool {
    let line_start = text[segment.start..word.start]
        .rfind('\n')
        .map_or(segment.start, |at| segment.start + at + 1);
    let indent = &text[line_start..word.start];
    !indent.is_empty() && indent.chars().all(|c| c == ' ' || c == '\t')
}

/// Reports the words of the target that are English words of the source left untranslated.
fn source_words(
    rule: &RuleMeta,
    doc: &Document,
    range: &Range<usize>,
    source: &str,
    sink: &mut Sink,
) {
    if untranslated::same_letters(&doc.text[range.clone()], source) {
        // The source kept whole and recased ("Boga" → "boga"): a name.
        return;
    }
    let mut words: HashSet<String> = HashSet::new();
    let mut names: HashSet<String> = HashSet::new();
    for (n, token) in tokenize(source).iter().enumerate() {
        if token.kind != TokenKind::Word {
            continue;
        }
        let word = &source[token.range()];
        let folded = word.to_lowercase();
        // The first word of a message followed by a colon names a program or a command
        // ("wait: pid %ld is not a child").
        if n == 0 && source[token.end..].starts_with(':') {
            names.insert(folded.clone());
        }
        // A word capitalized past the start of the source is a name (a product, a menu).
        if n > 0 && word.chars().next().is_some_and(char::is_uppercase) {
            names.insert(folded.clone());
        }
        words.insert(folded);
    }
    let first = doc.tokens.partition_point(|t| t.start < range.start);
    for i in first..doc.tokens.len() {
        let token = doc.tokens[i];
        if token.end > range.end {
            break;
        }
        let folded = doc.folded_word(i);
        if token.kind != TokenKind::Word
            || folded.chars().count() <= 3
            || !words.contains(folded)
            || names.contains(folded)
            || doc.is_protected(&token.range())
            || doc.joined_to_code(&token.range())
        {
            continue;
        }
        let word = doc.word(i);
        if word.chars().filter(|c| c.is_uppercase()).count() > 1
            || (token.start > range.start && word.chars().next().is_some_and(char::is_uppercase))
            || quoted(doc.text, &token.range())
            || listed(doc.text, range, &token.range())
        {
            // An acronym, a name, a word quoted or listed as a keyword: kept on purpose.
            continue;
        }
        let readings = doc.readings()[i];
        let Some(english) = readings.english().filter(|e| !e.proper()) else {
            continue;
        };
        if readings
            .french()
            .is_some_and(|f| f.proper() || f.zipf() >= SOURCE_WORD_MAX_FRENCH)
        {
            continue;
        }
        let usage = readings.french_usage().unwrap_or(0.0);
        if usage >= LOANWORD_MIN_USAGE && english.zipf() - usage < LOANWORD_ENGLISH_LEAD {
            continue;
        }
        sink.report(
            rule,
            token.range(),
            rule.render_message(word, "", ""),
            None,
            None,
        );
    }
}
