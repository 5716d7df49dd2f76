//! The rule kinds: the few Rust matchers that TOML rules instantiate, and what they share.

pub mod balance;
pub mod bilingual;
pub mod boilerplate;
pub mod conditions;
pub mod edits;
pub mod gate;
pub mod grammar;
pub mod language;
pub mod lexicon;
pub mod pattern;
pub mod phrase;
pub mod repetition;
pub mod template;

use crate::{
    diagnostic::{Applicability, Diagnostic, Fix},
    rules::{PackError, RuleMeta, spec::RuleSpec},
};
pub use conditions::WordClass;
use std::{collections::BTreeMap, ops::Range, sync::Arc};
use toml::Spanned;

/// A rule compiled into its kind's matcher.
#[derive(Debug)]
pub enum CompiledKind {
    /// Phrase substitution (fused into one Aho-Corasick automaton by the engine).
    Phrase(phrase::PhraseRule),
    /// Regular expression with a replacement template.
    Pattern(pattern::PatternRule),
    /// Repeated words, coordinated duplicates and repeated lines.
    Repetition(repetition::RepetitionRule),
    /// Scraped boilerplate lines.
    Boilerplate(boilerplate::BoilerplateRule),
    /// Unbalanced brackets and guillemets.
    Balance(balance::BalanceRule),
    /// English words and homographs found with the shipped lexicons.
    Lexicon(Box<lexicon::LexiconRule>),
    /// Paragraphs in another language.
    Language(Box<language::LanguageRule>),
    /// A translated segment compared with its source.
    Bilingual(Box<bilingual::BilingualRule>),
    /// Token sequences over the morphology lexicon (fused into the engine's token pass).
    Grammar(Box<grammar::GrammarRule>),
}

/// What a kind needs while compiling a rule: the shared word classes and a way to point at errors.
pub struct CompileContext<'a> {
    /// The pack's file name.
    pub source_name: &'a str,
    /// The pack's text.
    pub source_text: &'a str,
    /// Word classes from every loaded pack.
    pub classes: Arc<BTreeMap<String, WordClass>>,
    /// The word sets of those classes the lexicon rules look up, shared by every pack's rules.
    pub class_sets: &'a lexicon::ClassSets,
    /// Whether regular expressions are compiled on first use, their syntax alone checked
    /// now (the built-in packs, whose expressions the test suite compiles); otherwise they
    /// are compiled now, so that any error shows at load.
    pub lazy: bool,
}

impl CompileContext<'_> {
    /// An error at `span` of the pack being compiled.
    pub fn error(&self, span: Option<Range<usize>>, message: impl Into<String>) -> PackError {
        PackError {
            source_name: self.source_name.to_string(),
            source_text: self.source_text.to_string(),
            span,
            message: message.into(),
        }
    }

    /// An error naming a key that `kind` needs.
    pub fn missing(&self, spec: &RuleSpec, key: &str) -> PackError {
        self.error(
            Some(spec.kind.span()),
            format!(
                "rule `{}` of kind `{}` needs `{key}`",
                spec.id.get_ref(),
                spec.kind.get_ref()
            ),
        )
    }

    /// Checks that a `mode` value is one of `allowed`, defaulting to the first.
    pub fn mode<'s>(
        &self,
        mode: &'s Option<Spanned<String>>,
        allowed: &[&'s str],
    ) -> Result<&'s str, PackError> {
        match mode {
            None => Ok(allowed[0]),
            Some(m) if allowed.contains(&m.get_ref().as_str()) => Ok(m.get_ref().as_str()),
            Some(m) => Err(self.error(
                Some(m.span()),
                format!(
                    "unknown mode `{}`; expected one of: {}",
                    m.get_ref(),
                    allowed.join(", ")
                ),
            )),
        }
    }
}

const KINDS: [&str; 9] = [
    "phrase",
    "pattern",
    "repetition",
    "boilerplate",
    "balance",
    "lexicon",
    "language",
    "bilingual",
    "grammar",
];

/// Compiles a rule's spec into its kind, rejecting keys that belong to other kinds.
pub fn compile(spec: &RuleSpec, ctx: &CompileContext) -> Result<CompiledKind, PackError> {
    let kind = spec.kind.get_ref().as_str();
    let present: [(&str, bool, &[&str]); 30] = [
        (
            "outside-guillemets",
            spec.outside_guillemets.is_some(),
            &["pattern"],
        ),
        ("skip-tables", spec.skip_tables.is_some(), &["pattern"]),
        ("check", spec.check.is_some(), &["bilingual"]),
        ("match", spec.matches.is_some(), &["grammar"]),
        ("case", spec.case.is_some(), &["phrase"]),
        (
            "skip-proper-nouns",
            spec.skip_proper_nouns.is_some(),
            &["phrase"],
        ),
        ("entries", spec.entries.is_some(), &["phrase"]),
        ("requires", spec.requires.is_some(), &["pattern"]),
        (
            "patterns",
            spec.patterns.is_some(),
            &["pattern", "boilerplate"],
        ),
        (
            "mode",
            spec.mode.is_some(),
            &["repetition", "boilerplate", "lexicon"],
        ),
        ("allow", spec.allow.is_some(), &["repetition", "lexicon"]),
        ("conjunctions", spec.conjunctions.is_some(), &["repetition"]),
        (
            "min-words",
            spec.min_words.is_some(),
            &["repetition", "boilerplate", "language"],
        ),
        ("min-lines", spec.min_lines.is_some(), &["boilerplate"]),
        ("max-words", spec.max_words.is_some(), &["boilerplate"]),
        ("pairs", spec.pairs.is_some(), &["balance"]),
        ("misoriented", spec.misoriented.is_some(), &["balance"]),
        (
            "unpaired-severity",
            spec.unpaired_severity.is_some(),
            &["balance"],
        ),
        (
            "distant-severity",
            spec.distant_severity.is_some(),
            &["repetition"],
        ),
        (
            "content-words",
            spec.content_words.is_some(),
            &["repetition"],
        ),
        ("not-after", spec.not_after.is_some(), &["repetition"]),
        ("english-lead", spec.english_lead.is_some(), &["lexicon"]),
        ("weak-severity", spec.weak_severity.is_some(), &["lexicon"]),
        (
            "unexplained-severity",
            spec.unexplained_severity.is_some(),
            &["lexicon"],
        ),
        (
            "fallback-message",
            spec.fallback_message.is_some(),
            &["lexicon", "grammar"],
        ),
        (
            "english-min-zipf",
            spec.english_min_zipf.is_some(),
            &["lexicon"],
        ),
        (
            "french-max-zipf",
            spec.french_max_zipf.is_some(),
            &["lexicon"],
        ),
        ("languages", spec.languages.is_some(), &["language"]),
        (
            "min-confidence",
            spec.min_confidence.is_some(),
            &["language"],
        ),
        (
            "native-stopwords",
            spec.native_stopwords.is_some() || spec.foreign_stopwords.is_some(),
            &["language"],
        ),
    ];
    if !KINDS.contains(&kind) {
        return Err(ctx.error(
            Some(spec.kind.span()),
            format!(
                "unknown rule kind `{kind}`; expected one of: {}",
                KINDS.join(", ")
            ),
        ));
    }
    if let Some((key, _, _)) = present
        .iter()
        .find(|(_, set, kinds)| *set && !kinds.contains(&kind))
    {
        return Err(ctx.error(
            Some(spec.kind.span()),
            format!("key `{key}` does not apply to rules of kind `{kind}`"),
        ));
    }
    Ok(match kind {
        "phrase" => CompiledKind::Phrase(phrase::PhraseRule::compile(spec, ctx)?),
        "pattern" => CompiledKind::Pattern(pattern::PatternRule::compile(spec, ctx)?),
        "repetition" => CompiledKind::Repetition(repetition::RepetitionRule::compile(spec, ctx)?),
        "boilerplate" => {
            CompiledKind::Boilerplate(boilerplate::BoilerplateRule::compile(spec, ctx)?)
        }
        "balance" => CompiledKind::Balance(balance::BalanceRule::compile(spec, ctx)?),
        "lexicon" => CompiledKind::Lexicon(Box::new(lexicon::LexiconRule::compile(spec, ctx)?)),
        "bilingual" => {
            CompiledKind::Bilingual(Box::new(bilingual::BilingualRule::compile(spec, ctx)?))
        }
        "grammar" => CompiledKind::Grammar(Box::new(grammar::GrammarRule::compile(spec, ctx)?)),
        _ => CompiledKind::Language(Box::new(language::LanguageRule::compile(spec, ctx)?)),
    })
}

/// Collects the diagnostics of one document.
#[derive(Default)]
pub struct Sink {
    /// The diagnostics so far.
    pub diagnostics: Vec<Diagnostic>,
}

impl Sink {
    /// Records a diagnostic of `rule` over `span`, with an optional fix made of `edits`.
    /// The fix takes the rule's applicability unless `applicability` overrides it; a rule
    /// declared without fixes never gets one.
    pub fn report(
        &mut self,
        rule: &RuleMeta,
        span: Range<usize>,
        message: String,
        fix: Option<(Vec<crate::diagnostic::Edit>, String)>,
        applicability: Option<Applicability>,
    ) {
        let fix = match (rule.fix, fix) {
            (Some(default), Some((edits, fix_message))) if !edits.is_empty() => Some(Fix {
                applicability: applicability.unwrap_or(default),
                message: fix_message,
                edits,
            }),
            _ => None,
        };
        self.diagnostics.push(Diagnostic {
            rule: rule.id.clone(),
            category: rule.category,
            severity: rule.severity,
            message,
            span,
            fix,
        });
    }

    /// Gives the last reported diagnostic another severity than its rule's default, for the
    /// weaker cases a rule's pack marks as such.
    pub fn set_last_severity(&mut self, severity: Option<crate::diagnostic::Severity>) {
        if let (Some(severity), Some(last)) = (severity, self.diagnostics.last_mut()) {
            last.severity = severity;
        }
    }
}

/// Reports `span` (whose text is `matched`) with suggestions already written in the match's
/// case: the first becomes the fix, the others are listed in it; with none, the rule's
/// fallback message (if any) is used and there is no fix.
pub fn report_with_suggestions(
    sink: &mut Sink,
    rule: &RuleMeta,
    span: Range<usize>,
    matched: &str,
    suggestions: &[String],
    applicability: Option<Applicability>,
) {
    let first = suggestions.first().map_or("", String::as_str);
    // The other suggestions, quoted and joined by ", ", written into one string.
    let mut others = String::with_capacity(
        suggestions
            .iter()
            .skip(1)
            .map(|other| other.len() + 4)
            .sum(),
    );
    for (k, other) in suggestions.iter().skip(1).enumerate() {
        if k > 0 {
            others.push_str(", ");
        }
        push_quoted(&mut others, other);
    }
    let message = match (&rule.fallback_message, suggestions.is_empty()) {
        (Some(fallback), true) => fallback.replace("{match}", matched),
        _ => rule.render_message(matched, first, &others),
    };
    let fix = suggestions.first().map(|suggestion| {
        const REPLACE: &str = "Replace with ";
        const OTHERS: &str = " (other candidates: ";
        // Room for the whole description (a suggestion of one line is quoted in two more
        // bytes), so that it is written with no copy as it grows.
        let mut description = String::with_capacity(
            REPLACE.len() + suggestion.len() + 2 + OTHERS.len() + others.len() + 1,
        );
        description.push_str(REPLACE);
        push_quoted(&mut description, suggestion);
        if !others.is_empty() {
            description.push_str(OTHERS);
            description.push_str(&others);
            description.push(')');
        }
        (
            vec![crate::diagnostic::Edit::new(
                span.clone(),
                suggestion.clone(),
            )],
            description,
        )
    });
    sink.report(rule, span, message, fix, applicability);
}

/// Quotes text for a fix description: `text`, with line breaks shown as ⏎.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_quoted(&mut out, text);
    out
}

/// Appends [`quoted`]`(text)` to `out`.
pub(crate) fn push_quoted(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('`');
    // Most texts are one line: copied whole, with no search for line breaks set up.
    if memchr::memchr(b'\n', text.as_bytes()).is_none() {
        out.push_str(text);
        out.push('`');
        return;
    }
    let mut lines = text.split('\n');
    if let Some(first) = lines.next() {
        out.push_str(first);
    }
    for line in lines {
        out.push('⏎');
        out.push_str(line);
    }
    out.push('`');
}

/// The expressions of the built-in pattern rules and of the built-in boilerplate line rules,
/// in pack order: every expression the pattern engine searches with.
#[cfg(test)]
pub(crate) fn builtin_line_and_pattern_expressions() -> Vec<&'static pattern::CompiledPattern> {
    crate::rules::builtin_rules_where(|rule| match &rule.kind {
        CompiledKind::Pattern(rule) => Some(&rule.patterns),
        CompiledKind::Boilerplate(boilerplate::BoilerplateRule::Lines(patterns, _)) => {
            Some(patterns)
        }
        _ => None,
    })
    .into_iter()
    .flatten()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn quoting_shows_line_breaks() {
        for text in ["", "mot", "\n", "a\nb", "\na\n\nb\n", "é’\n"] {
            assert_eq!(quoted(text), format!("`{}`", text.replace('\n', "⏎")));
        }
    }
}
