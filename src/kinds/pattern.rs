//! Regular-expression rules with a replacement template. Each regex runs once over the whole
//! document; a named group `span` narrows what the diagnostic points at, and the fix is the
//! smallest set of edits that turns the match into the expanded template.

use crate::{
    document::Document,
    kinds::{CompileContext, Sink, edits::minimal_edits, quoted},
    rules::{PackError, RuleMeta, spec::RuleSpec},
};
use regex::Regex;

/// One compiled regular expression.
#[derive(Debug)]
pub struct CompiledPattern {
    /// The expression.
    pub regex: Regex,
    /// The replacement template, when the rule fixes.
    pub replace: Option<String>,
    /// Whether matches inside « guillemets » are ignored.
    pub outside_guillemets: bool,
}

/// A compiled pattern rule.
#[derive(Debug)]
pub struct PatternRule {
    /// Its expressions, run one after the other.
    pub patterns: Vec<CompiledPattern>,
}

/// Compiles the `patterns` of a rule, pointing at the bad expression on error.
pub fn compile_patterns(
    spec: &RuleSpec,
    ctx: &CompileContext,
) -> Result<Vec<CompiledPattern>, PackError> {
    let specs = spec
        .patterns
        .as_ref()
        .ok_or_else(|| ctx.missing(spec, "patterns"))?;
    if specs.is_empty() {
        return Err(ctx.missing(spec, "patterns"));
    }
    specs
        .iter()
        .map(|p| {
            let regex = Regex::new(p.regex.get_ref()).map_err(|e| {
                ctx.error(
                    Some(p.regex.span()),
                    format!("invalid regular expression: {e}"),
                )
            })?;
            Ok(CompiledPattern {
                regex,
                replace: p.replace.clone(),
                outside_guillemets: p.outside_guillemets,
            })
        })
        .collect()
}

impl PatternRule {
    /// Validates and compiles a `kind = "pattern"` rule.
    pub fn compile(spec: &RuleSpec, ctx: &CompileContext) -> Result<Self, PackError> {
        Ok(PatternRule {
            patterns: compile_patterns(spec, ctx)?,
        })
    }

    /// Reports every match in `doc`.
    pub fn check(&self, meta: &RuleMeta, doc: &Document, sink: &mut Sink) {
        for pattern in &self.patterns {
            for caps in pattern.regex.captures_iter(doc.text) {
                let whole = caps.get(0).expect("group 0 always matches");
                let span = caps.name("span").unwrap_or(whole).range();
                if span.is_empty() || doc.is_protected(&whole.range()) {
                    continue;
                }
                if pattern.outside_guillemets && inside_guillemets(doc.text, whole.start()) {
                    continue;
                }
                let fix = pattern.replace.as_ref().map(|template| {
                    let mut replacement = String::new();
                    caps.expand(template, &mut replacement);
                    let edits = minimal_edits(whole.start(), whole.as_str(), &replacement);
                    let shown = &doc.text[span.clone()];
                    let replaced =
                        replacement_of_span(whole.as_str(), &replacement, whole.start(), &span);
                    (
                        edits,
                        format!("Replace {} with {}", quoted(shown), quoted(&replaced)),
                    )
                });
                if fix.as_ref().is_some_and(|(edits, _)| edits.is_empty()) {
                    continue;
                }
                let matched = &doc.text[span.clone()];
                sink.report(meta, span, meta.render_message(matched, "", ""), fix, None);
            }
        }
    }
}

/// What the `span` part of a match becomes once the whole match is replaced (best effort:
/// the text that stands between the unchanged prefix and suffix).
fn replacement_of_span(old: &str, new: &str, base: usize, span: &std::ops::Range<usize>) -> String {
    let prefix = &old[..span.start - base];
    let suffix = &old[span.end - base..];
    match (new.strip_prefix(prefix), new.ends_with(suffix)) {
        (Some(rest), true) if rest.len() >= suffix.len() => {
            rest[..rest.len() - suffix.len()].to_string()
        }
        _ => new.to_string(),
    }
}

/// Whether byte `pos` stands inside « guillemets » opened earlier in the same paragraph.
pub fn inside_guillemets(text: &str, pos: usize) -> bool {
    let paragraph_start = text[..pos].rfind("\n\n").map_or(0, |i| i + 2);
    let before = &text[paragraph_start..pos];
    before.matches('«').count() > before.matches('»').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guillemet_nesting() {
        let text = "« il a dit “oui” » puis “non”";
        assert!(inside_guillemets(text, text.find('“').unwrap()));
        assert!(!inside_guillemets(text, text.rfind('“').unwrap()));
    }

    #[test]
    fn span_replacement() {
        assert_eq!(replacement_of_span("n. . U", "n. U", 0, &(1..4)), ".");
    }
}
