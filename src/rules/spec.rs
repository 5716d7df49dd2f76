//! The TOML schema of a rule pack, as serde reads it. Validation happens in `rules::load`.

use crate::diagnostic::{Category, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// A whole `rules/*.toml` file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackSpec {
    /// The pack's header.
    pub pack: PackHeader,
    /// Named word classes that rule conditions refer to as `@name`.
    #[serde(default)]
    pub classes: BTreeMap<String, Vec<String>>,
    /// The rules of the pack.
    #[serde(default, rename = "rule")]
    pub rules: Vec<RuleSpec>,
}

/// The `[pack]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackHeader {
    /// Short name of the pack.
    pub name: String,
    /// The language the pack's rules apply to (`fr`), or `*` for every language.
    pub lang: String,
    /// What the pack is about.
    #[serde(default)]
    pub description: String,
}

/// How safe a rule's fixes are, as written in a pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FixSafety {
    /// `--fix` applies it.
    Safe,
    /// Only `--unsafe-fixes` applies it.
    Unsafe,
    /// The rule never offers a fix.
    None,
}

/// One `[[rule]]` table. Kind-specific keys are optional here and checked against the kind.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSpec {
    /// Stable id, `category/name`.
    pub id: Spanned<String>,
    /// The Rust rule kind that implements the rule.
    pub kind: Spanned<String>,
    /// The family of artifact.
    pub category: Category,
    /// Default severity.
    pub severity: Severity,
    /// Message template; `{match}`, `{suggestion}` and `{others}` are filled in.
    pub message: String,
    /// Safety of the rule's fixes.
    pub fix: FixSafety,
    /// One-line summary for `mtlint rules`.
    pub summary: String,
    /// What the rule finds.
    pub what: String,
    /// Why it is wrong.
    pub why: String,
    /// Formats the rule runs on (default: all).
    pub formats: Option<Vec<crate::formats::Format>>,
    /// Examples that the test suite runs.
    #[serde(default)]
    pub examples: Vec<ExampleSpec>,

    /// phrase: `sensitive` or `insensitive` (default) matching.
    pub case: Option<Spanned<String>>,
    /// phrase: skip matches capitalized mid-sentence when the entry is lowercase (default true).
    pub skip_proper_nouns: Option<bool>,
    /// phrase: put a one-word suggestion in the form that agrees in gender and number with the
    /// determiner and noun around the match, and offer no fix when it cannot agree.
    pub inflect: Option<bool>,
    /// phrase: the phrases and their suggestions.
    pub entries: Option<Vec<PhraseEntrySpec>>,

    /// pattern, boilerplate: regular expressions.
    pub patterns: Option<Vec<PatternSpec>>,
    /// pattern: a regular expression that a document must match for the rule's expressions to
    /// be searched at all (one scan of the document instead of one per expression).
    pub requires: Option<Spanned<String>>,
    /// pattern: ignore the matches of every expression that stand inside « guillemets » (a
    /// quotation, or an example of what a program prints).
    pub outside_guillemets: Option<bool>,
    /// pattern: ignore the matches on a line that reads as a row of a table (its columns
    /// aligned with runs of spaces, or separated by tabs): data, not prose.
    pub skip_tables: Option<bool>,

    /// repetition: `word`, `coordinated` or `line`; boilerplate: `lines` or `trailing-links`.
    pub mode: Option<Spanned<String>>,
    /// repetition: words that may repeat.
    pub allow: Option<Vec<String>>,
    /// repetition (coordinated): the conjunctions between the two copies.
    pub conjunctions: Option<Vec<String>>,
    /// repetition (line), boilerplate (trailing-links): the least number of words or lines.
    pub min_words: Option<usize>,
    /// boilerplate (trailing-links): the least number of lines in the block.
    pub min_lines: Option<usize>,
    /// boilerplate (lines): only lines of at most this many words are tested (scraped
    /// furniture is short; prose lines are not searched at all).
    pub max_words: Option<usize>,

    /// balance: opening and closing characters.
    pub pairs: Option<Vec<[String; 2]>>,
    /// balance: report a closing guillemet used as an opening one (and the reverse).
    pub misoriented: Option<bool>,
    /// balance: the severity of unclosed and unmatched characters (default: the rule's).
    pub unpaired_severity: Option<Severity>,
    /// repetition (line): the severity of a repeat that is not right after its earlier copy.
    pub distant_severity: Option<Severity>,
    /// repetition (coordinated): only content words (nouns, adjectives, verbs, adverbs) count.
    pub content_words: Option<bool>,
    /// repetition (coordinated): phrases after which a word coordinated with itself is an idiom
    /// ("il y a" in "il y a fagots et fagots").
    pub not_after: Option<Vec<String>>,
    /// lexicon (gender): the severity of a disagreement that no thesaurus candidate explains.
    pub unexplained_severity: Option<Severity>,
    /// lexicon: the severity of a report whose evidence is weaker than the rule's default
    /// (an English word French text also uses, a word read as an English compound).
    pub weak_severity: Option<Severity>,

    /// lexicon: the message when no suggestion is found (`{match}` is filled in).
    pub fallback_message: Option<String>,
    /// lexicon: the least English Zipf frequency of a reported word.
    pub english_min_zipf: Option<f32>,
    /// lexicon: English words at least this frequent in French usage are established loanwords.
    pub french_max_zipf: Option<f32>,
    /// lexicon: ...unless their English frequency leads their French one by this much (Zipf).
    pub english_lead: Option<f32>,

    /// language: the languages the detector may answer (ISO 639-3 codes, e.g. `fra`, `eng`).
    pub languages: Option<Vec<String>>,
    /// language: the least confidence (0 to 1) of a reported detection.
    pub min_confidence: Option<f64>,
    /// language: frequent words of the document's language.
    pub native_stopwords: Option<Vec<String>>,
    /// language: frequent words of the languages to report.
    pub foreign_stopwords: Option<Vec<String>>,

    /// bilingual: which comparison of a segment with its source the rule makes.
    pub check: Option<Spanned<String>>,
    /// grammar: the token sequences to find.
    #[serde(rename = "match")]
    pub matches: Option<Vec<GrammarEntrySpec>>,
}

/// One token sequence of a grammar rule (see `kinds::grammar` for the token syntax).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GrammarEntrySpec {
    /// One condition per token, in order.
    pub tokens: Vec<Spanned<String>>,
    /// The first and last token (0-based) of the reported span; default: every token.
    pub mark: Option<[usize; 2]>,
    /// Overrides the rule's message (`{0}`, `{1.gender}`, `{suggestion}`...).
    pub message: Option<String>,
    /// The replacement of the marked span (`{0}`, `{1|inflect:0}`, `{'}`...); no fix without it.
    pub suggest: Option<String>,
    /// Overrides the rule's fix safety.
    pub fix: Option<FixSafety>,
    /// Overrides the rule's severity.
    pub severity: Option<Severity>,
    /// `A B feature`: tokens A and B share no value of the feature (gender, number, person).
    #[serde(default)]
    pub disagree: Vec<Spanned<String>>,
    /// `A B feature`: tokens A and B share a value of the feature.
    #[serde(default)]
    pub agree: Vec<Spanned<String>>,
    /// A token condition the word right before the match must meet, when a word stands there.
    pub before: Option<Spanned<String>>,
    /// A token condition the word right after the match must meet, when a word stands there.
    pub after: Option<Spanned<String>>,
    /// What must come just before (one of), as in phrase entries.
    #[serde(default)]
    pub prev: Vec<Spanned<String>>,
    /// What must come just after (one of).
    #[serde(default)]
    pub next: Vec<Spanned<String>>,
    /// What must not come just before.
    #[serde(default)]
    pub not_prev: Vec<Spanned<String>>,
    /// What must not come just after.
    #[serde(default)]
    pub not_next: Vec<Spanned<String>>,
}

/// A rule example: `bad` (with `fixed` when the rule fixes) or `good`; with `source`, the
/// text is a translation of it (a bilingual example).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    /// The source text that `bad` or `good` translates.
    pub source: Option<String>,
    /// Text the rule must flag.
    pub bad: Option<String>,
    /// What `bad` becomes once the rule's fixes are applied.
    pub fixed: Option<String>,
    /// Text the rule must leave silent.
    pub good: Option<String>,
}

/// One entry of a phrase rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PhraseEntrySpec {
    /// The phrases (one or more words) to find.
    pub phrases: Vec<String>,
    /// Replacements, best first. The first one is the fix.
    #[serde(default)]
    pub suggest: Vec<String>,
    /// The words just before must be one of these (word, `word word`, `@class`, punctuation).
    #[serde(default)]
    pub prev: Vec<Spanned<String>>,
    /// The words just after must be one of these.
    #[serde(default)]
    pub next: Vec<Spanned<String>>,
    /// The words just before must not be one of these.
    #[serde(default)]
    pub not_prev: Vec<Spanned<String>>,
    /// The words just after must not be one of these.
    #[serde(default)]
    pub not_next: Vec<Spanned<String>>,
    /// Overrides the rule's fix safety for this entry.
    pub fix: Option<FixSafety>,
}

/// One regular expression of a pattern or boilerplate rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PatternSpec {
    /// The regular expression (Rust `regex` syntax).
    pub regex: Spanned<String>,
    /// Replacement template (`$1`, `${name}`); absent when the rule does not fix.
    pub replace: Option<Spanned<String>>,
    /// Ignore matches that stand inside « guillemets » (nested quotes are correct there).
    #[serde(default)]
    pub outside_guillemets: bool,
    /// The severity of this expression's matches, when weaker evidence than the rule's default.
    pub severity: Option<Severity>,
    /// A regular expression that the text just before the match must end with (a look-behind:
    /// `^` there means the start of the line).
    pub preceded_by: Option<Spanned<String>>,
    /// Templates (`${name}`, `${a}${b}`) whose expansion must be a French dictionary word for
    /// the match to count ("inter- national" is a cut word because "international" is French).
    #[serde(default)]
    pub french: Vec<String>,
    /// Templates whose expansion must not be a French dictionary word.
    #[serde(default)]
    pub not_french: Vec<String>,
    /// A mark whose every use in the document counts (`","`): when the matches are fewer than
    /// `min-share` of those uses, the artifact is occasional, not systematic, and is info.
    pub share_of: Option<String>,
    /// The least share of the uses of `share-of` that the matches must make up (default 0.4).
    pub min_share: Option<f32>,
    /// Templates whose expansion (lowercase) must not belong to a word class: `{ "${prev}" =
    /// "abbreviation" }`, or to any of several: `"abbreviation|fr-function"`.
    #[serde(default)]
    pub not_class: BTreeMap<String, String>,
}
