//! The `grammar` kind: token sequences matched against the morphology lexicon ("de le" →
//! "du", "une problème", "ils a", "ont arrivés"). A rule is a list of `[[rule.match]]` entries,
//! each a sequence of token conditions (see [`token`]) with agreement checks between tokens, a
//! marked span, and a message and suggestion built from the matched tokens (see [`template`]).
//! Every entry of every grammar rule is indexed by its first token and tried in the engine's
//! single pass over the tokens.

mod cache;
mod facts;
mod matcher;
mod template;
mod token;
mod words;

pub use matcher::{GrammarMatcher, GrammarPass};

use crate::{
    diagnostic::{Applicability, Severity},
    kinds::{
        CompileContext,
        conditions::{Condition, Context, Side},
    },
    rules::{
        PackError,
        spec::{FixSafety, GrammarEntrySpec, RuleSpec},
    },
};
use template::Template;
use token::TokenTest;
use toml::Spanned;

/// A relation between two matched tokens: they share (`agree`) or do not share a value of a
/// feature, among the readings their conditions speak of.
#[derive(Debug, Clone)]
struct Relation {
    first: usize,
    second: usize,
    /// The tag bits of the feature (gender, number or person); 0 for the word itself.
    mask: u64,
    agree: bool,
}

/// One compiled `[[rule.match]]` entry.
#[derive(Debug)]
struct Entry {
    tokens: Vec<TokenTest>,
    mark: [usize; 2],
    message: Option<Template>,
    suggest: Option<Template>,
    fix: Option<Option<Applicability>>,
    severity: Option<Severity>,
    relations: Vec<Relation>,
    before: Option<TokenTest>,
    after: Option<TokenTest>,
    context: Context,
}

/// A compiled grammar rule.
#[derive(Debug)]
pub struct GrammarRule {
    entries: Vec<Entry>,
    message: Template,
    fallback: Option<Template>,
}

impl GrammarRule {
    /// Validates and compiles a `kind = "grammar"` rule.
    pub fn compile(spec: &RuleSpec, ctx: &CompileContext) -> Result<Self, PackError> {
        let specs = spec
            .matches
            .as_ref()
            .filter(|m| !m.is_empty())
            .ok_or_else(|| ctx.missing(spec, "match"))?;
        let template = |text: &str, tokens: usize| {
            Template::parse(text, tokens).map_err(|e| ctx.error(Some(spec.id.span()), e))
        };
        let entries = specs
            .iter()
            .map(|entry| compile_entry(entry, ctx))
            .collect::<Result<Vec<_>, _>>()?;
        let shortest = specs.iter().map(|e| e.tokens.len()).min().unwrap_or(0);
        // The rule's own messages may only name tokens every entry has.
        Ok(GrammarRule {
            message: template(&spec.message, shortest)?,
            fallback: spec
                .fallback_message
                .as_deref()
                .map(|m| template(m, shortest))
                .transpose()?,
            entries,
        })
    }
}

/// Parses `A B feature` of `agree` and `disagree`.
fn relation(
    written: &Spanned<String>,
    agree: bool,
    tokens: usize,
    ctx: &CompileContext,
) -> Result<Relation, PackError> {
    let error = |m: String| ctx.error(Some(written.span()), m);
    let parts: Vec<&str> = written.get_ref().split_whitespace().collect();
    let [first, second, feature] = parts.as_slice() else {
        return Err(error("expected `A B feature`, e.g. `0 1 gender`".into()));
    };
    let index = |s: &str| {
        s.parse::<usize>()
            .ok()
            .filter(|&i| i < tokens)
            .ok_or_else(|| error(format!("no token {s} in a pattern of {tokens}")))
    };
    let mask = match *feature {
        "gender" => 0b11 << 12,
        "number" => 0b11 << 14,
        "person" => 0b11_1111 << 28,
        "word" => 0,
        other => {
            return Err(error(format!(
                "unknown feature `{other}`; expected gender, number, person or word"
            )));
        }
    };
    Ok(Relation {
        first: index(first)?,
        second: index(second)?,
        mask,
        agree,
    })
}

fn compile_entry(entry: &GrammarEntrySpec, ctx: &CompileContext) -> Result<Entry, PackError> {
    let classes = ctx.classes.clone();
    let first_span = entry.tokens.first().map(|t| t.span());
    let tokens = entry
        .tokens
        .iter()
        .map(|t| TokenTest::parse(t, &classes, ctx))
        .collect::<Result<Vec<_>, _>>()?;
    let count = tokens.len();
    if count == 0 || tokens[0].optional {
        return Err(ctx.error(
            first_span,
            "a pattern needs tokens, and its first token cannot be optional",
        ));
    }
    let mark = entry.mark.unwrap_or([0, count - 1]);
    if mark[0] > mark[1] || mark[1] >= count {
        return Err(ctx.error(
            first_span,
            format!("`mark` {mark:?} is not a range of the {count} tokens"),
        ));
    }
    let template = |text: &Option<String>| {
        text.as_deref()
            .map(|t| Template::parse(t, count).map_err(|e| ctx.error(first_span.clone(), e)))
            .transpose()
    };
    let conditions = |list: &[Spanned<String>], side| {
        list.iter()
            .map(|c| Condition::parse(c, side, &classes, ctx))
            .collect::<Result<Vec<_>, _>>()
    };
    let neighbour = |t: &Option<Spanned<String>>| {
        t.as_ref()
            .map(|t| TokenTest::parse(t, &classes, ctx))
            .transpose()
    };
    let mut relations = Vec::new();
    for written in &entry.disagree {
        relations.push(relation(written, false, count, ctx)?);
    }
    for written in &entry.agree {
        relations.push(relation(written, true, count, ctx)?);
    }
    Ok(Entry {
        mark,
        message: template(&entry.message)?,
        suggest: template(&entry.suggest)?,
        fix: entry.fix.map(|f| match f {
            FixSafety::Safe => Some(Applicability::Safe),
            FixSafety::Unsafe => Some(Applicability::Unsafe),
            FixSafety::None => None,
        }),
        severity: entry.severity,
        relations,
        before: neighbour(&entry.before)?,
        after: neighbour(&entry.after)?,
        context: Context {
            prev: conditions(&entry.prev, Side::Before)?,
            next: conditions(&entry.next, Side::After)?,
            not_prev: conditions(&entry.not_prev, Side::Before)?,
            not_next: conditions(&entry.not_next, Side::After)?,
        },
        tokens,
    })
}

#[cfg(test)]
mod tests;
