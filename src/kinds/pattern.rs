//! Regular-expression rules with a replacement template. Each regex runs once over the whole
//! document; a named group `span` narrows what the diagnostic points at, and the fix is the
//! smallest set of edits that turns the match into the expanded template.

use crate::{
    document::Document,
    kinds::{CompileContext, Sink, quoted, template::Template},
    rules::{PackError, RuleMeta, spec::RuleSpec},
};
use regex::Regex;

/// One compiled regular expression.
#[derive(Debug)]
pub struct CompiledPattern {
    /// The expression.
    pub regex: Regex,
    /// The replacement template, when the rule fixes.
    pub replace: Option<Template>,
    /// Whether matches inside « guillemets » are ignored.
    pub outside_guillemets: bool,
    /// What the text before a match must end with, compiled as `(?:…)$`.
    pub preceded_by: Option<Regex>,
    /// The severity of this expression's matches, when it differs from the rule's.
    pub severity: Option<crate::diagnostic::Severity>,
}

impl CompiledPattern {
    /// Whether the match starting at byte `start` of `text` passes the `preceded-by` test. The
    /// test sees at most 64 bytes back, and never past the start of the line.
    pub fn preceded_ok(&self, text: &str, start: usize) -> bool {
        let Some(before) = &self.preceded_by else {
            return true;
        };
        let mut low = start.saturating_sub(64);
        while !text.is_char_boundary(low) {
            low += 1;
        }
        if let Some(newline) = text[low..start].rfind('\n') {
            low += newline + 1;
        }
        before.is_match(&text[low..start])
    }
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
            let preceded_by = match &p.preceded_by {
                Some(before) => Some(Regex::new(&format!("(?:{})$", before.get_ref())).map_err(
                    |e| {
                        ctx.error(
                            Some(before.span()),
                            format!("invalid regular expression: {e}"),
                        )
                    },
                )?),
                None => None,
            };
            let replace = match &p.replace {
                Some(template) => {
                    let parsed = Template::parse(template.get_ref());
                    if let Some(problem) = parsed.missing_group(&regex) {
                        return Err(ctx.error(Some(template.span()), problem));
                    }
                    Some(parsed)
                }
                None => None,
            };
            Ok(CompiledPattern {
                regex,
                replace,
                outside_guillemets: p.outside_guillemets,
                preceded_by,
                severity: p.severity,
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
            for found in pattern.regex.find_iter(doc.text) {
                if doc.is_protected(&found.range())
                    || !pattern.preceded_ok(doc.text, found.start())
                    || (pattern.outside_guillemets && doc.inside_guillemets(found.start()))
                {
                    continue;
                }
                let Some(caps) = pattern.regex.captures_at(doc.text, found.start()) else {
                    continue;
                };
                let whole = caps.get(0).expect("group 0 always matches");
                let span = caps.name("span").unwrap_or(whole).range();
                if span.is_empty() {
                    continue;
                }
                let fix = pattern.replace.as_ref().map(|template| {
                    let replacement = template.expand(&caps);
                    let edits = template.edits(&caps);
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
                sink.set_last_severity(pattern.severity);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guillemet_nesting() {
        let text = "« il a dit “oui” » puis “non”\n\n« encore “x”\n\n“y”";
        let doc = crate::document::Document::new(text, crate::formats::Format::Text);
        let inside = |needle: &str, nth: usize| {
            let at = text.match_indices(needle).nth(nth).unwrap().0;
            doc.inside_guillemets(at)
        };
        assert!(inside("“", 0));
        assert!(!inside("“", 1));
        assert!(
            inside("“", 2),
            "a guillemet left open goes on to the paragraph's end"
        );
        assert!(!inside("“", 3), "and stops there");
    }

    #[test]
    fn span_replacement() {
        assert_eq!(replacement_of_span("n. . U", "n. U", 0, &(1..4)), ".");
    }
}
