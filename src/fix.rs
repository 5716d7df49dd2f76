//! Applying fixes: pick the applicable fixes, drop those whose edits conflict, apply, lint
//! again, and repeat until nothing changes or the bound is reached.

use crate::{
    diagnostic::{Diagnostic, Edit},
    engine::Engine,
    formats::{Format, FormatError},
};

/// The most lint-then-fix rounds before giving up on reaching a fixed point.
pub const MAX_ROUNDS: usize = 10;

/// The outcome of fixing one document.
#[derive(Debug, Clone)]
pub struct FixOutcome {
    /// The fixed text.
    pub text: String,
    /// How many fixes were applied over all rounds.
    pub applied: usize,
    /// The diagnostics of the fixed text.
    pub remaining: Vec<Diagnostic>,
    /// The rule of each applied fix, in the order applied (`--show-fixes`).
    pub applied_rules: Vec<std::sync::Arc<str>>,
}

/// Applies the fixes of `diagnostics` that `unsafe_fixes` allows to `text`, skipping any fix
/// with an edit that conflicts with an edit already accepted. Returns the new text and the
/// number of fixes applied.
pub fn apply_once(text: &str, diagnostics: &[Diagnostic], unsafe_fixes: bool) -> (String, usize) {
    let (fixed, rules) = apply_once_by_rule(text, diagnostics, unsafe_fixes);
    (fixed, rules.len())
}

/// [`apply_once`], returning the rule of each applied fix instead of their number.
pub fn apply_once_by_rule(
    text: &str,
    diagnostics: &[Diagnostic],
    unsafe_fixes: bool,
) -> (String, Vec<std::sync::Arc<str>>) {
    let mut accepted: Vec<&Edit> = Vec::new();
    let mut applied = Vec::new();
    let mut fixes: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.fix_applies(unsafe_fixes))
        .filter_map(|d| Some((&d.rule, d.fix.as_ref()?)))
        .collect();
    fixes.sort_by_key(|(_, f)| f.edits.first().map(|e| (e.start, e.end)));
    for (rule, fix) in fixes {
        let valid = fix.edits.iter().all(|e| {
            e.start <= e.end
                && e.end <= text.len()
                && text.is_char_boundary(e.start)
                && text.is_char_boundary(e.end)
        });
        let conflicts = fix.edits.iter().enumerate().any(|(i, e)| {
            accepted.iter().any(|a| e.conflicts_with(a))
                || fix.edits[..i].iter().any(|o| e.conflicts_with(o))
        });
        if valid && !conflicts {
            accepted.extend(fix.edits.iter());
            applied.push(rule.clone());
        }
    }
    accepted.sort_by_key(|e| (e.start, e.end));
    let mut fixed = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in accepted {
        fixed.push_str(&text[cursor..edit.start]);
        fixed.push_str(&edit.replacement);
        cursor = edit.end;
    }
    fixed.push_str(&text[cursor..]);
    (fixed, applied)
}

/// [`apply_once_by_rule`], keeping only fixes that leave the structure of a file in `format`
/// as it was: all of them when they do together, otherwise each one that does, in order.
fn apply_keeping_structure(
    text: &str,
    diagnostics: &[Diagnostic],
    unsafe_fixes: bool,
    format: Format,
) -> (String, Vec<std::sync::Arc<str>>) {
    let all = apply_once_by_rule(text, diagnostics, unsafe_fixes);
    let Some(structure) = crate::formats::structure(format, text) else {
        return all;
    };
    if all.1.is_empty() || crate::formats::structure(format, &all.0) == Some(structure) {
        return all;
    }
    let mut kept: Vec<Diagnostic> = Vec::new();
    let mut best = (text.to_string(), Vec::new());
    for d in diagnostics.iter().filter(|d| d.fix_applies(unsafe_fixes)) {
        kept.push(d.clone());
        let trial = apply_once_by_rule(text, &kept, unsafe_fixes);
        if trial.1.len() > best.1.len()
            && crate::formats::structure(format, &trial.0) == Some(structure)
        {
            best = trial;
        } else {
            kept.pop();
        }
    }
    best
}

/// Lints and fixes `text` until no applicable fix remains (at most [`MAX_ROUNDS`] rounds). A
/// text its format cannot read is left as it is, with no diagnostics.
pub fn fix_until_stable(
    engine: &Engine,
    text: &str,
    format: Format,
    unsafe_fixes: bool,
) -> FixOutcome {
    fix_with(text, unsafe_fixes, format, |current| {
        engine.check(current, format)
    })
    .unwrap_or_else(|_| FixOutcome {
        text: text.to_string(),
        applied: 0,
        applied_rules: Vec::new(),
        remaining: Vec::new(),
    })
}

/// The lint-then-fix loop over any linting function (the engine alone, or the engine with a
/// configuration applied), until no applicable fix remains (at most [`MAX_ROUNDS`] rounds).
/// A round whose fixes would leave a text its format cannot read is undone, and the loop
/// stops there; a text that is not valid to begin with is an error. In a round whose fixes
/// would change the structure of the file (Markdown lines read as a table once a line is
/// deleted), only the fixes that keep it are applied.
pub fn fix_with(
    text: &str,
    unsafe_fixes: bool,
    format: Format,
    lint: impl Fn(&str) -> Result<Vec<Diagnostic>, FormatError>,
) -> Result<FixOutcome, FormatError> {
    let mut current = text.to_string();
    let mut applied_rules = Vec::new();
    let mut applied = 0;
    let mut diagnostics = lint(&current)?;
    for _ in 0..MAX_ROUNDS {
        let (fixed, rules) = apply_keeping_structure(&current, &diagnostics, unsafe_fixes, format);
        let count = rules.len();
        if count == 0 || fixed == current {
            break;
        }
        let Ok(next) = lint(&fixed) else {
            break;
        };
        applied += count;
        applied_rules.extend(rules);
        current = fixed;
        diagnostics = next;
    }
    Ok(FixOutcome {
        text: current,
        applied_rules,
        applied,
        remaining: diagnostics,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Category, Fix, Severity};

    fn diagnostic(edits: Vec<Edit>, applicability: Applicability) -> Diagnostic {
        Diagnostic {
            rule: "test/rule".into(),
            category: Category::Punctuation,
            severity: Severity::Warning,
            message: String::new(),
            span: 0..1,
            fix: Some(Fix {
                applicability,
                message: String::new(),
                edits,
            }),
        }
    }

    #[test]
    fn conflicting_edits_are_skipped() {
        let text = "abcdef";
        let diagnostics = [
            diagnostic(vec![Edit::new(0..2, "X")], Applicability::Safe),
            diagnostic(vec![Edit::new(1..3, "Y")], Applicability::Safe),
            diagnostic(vec![Edit::new(4..4, "-")], Applicability::Safe),
            diagnostic(vec![Edit::new(5..6, "Z")], Applicability::Unsafe),
        ];
        assert_eq!(
            apply_once(text, &diagnostics, false),
            ("Xcd-ef".to_string(), 2)
        );
        assert_eq!(
            apply_once(text, &diagnostics, true),
            ("Xcd-eZ".to_string(), 3)
        );
    }

    #[test]
    fn insertion_before_replacement_at_same_point() {
        let text = "a:\"b";
        let diagnostics = [
            diagnostic(vec![Edit::new(2..2, " ")], Applicability::Safe),
            diagnostic(vec![Edit::new(2..3, "« ")], Applicability::Safe),
        ];
        assert_eq!(apply_once(text, &diagnostics, false).0, "a: « b");
    }
}
