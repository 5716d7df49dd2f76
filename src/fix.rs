//! Applying fixes: pick the applicable fixes, drop those whose edits conflict or delete more
//! than they may, apply, lint again, and repeat until nothing changes, the bound is reached, or
//! a rule's fix is found not to converge.
//!
//! Two guards bound what a fix may delete:
//! - a fix never deletes text that is not blank outside the span its diagnostic reports (the
//!   line, the block, the word the rule names);
//! - an unsafe fix never deletes more than [`UNSAFE_DELETION_SHARE`] of the text, unless that
//!   is at most [`UNSAFE_DELETION_FLOOR`] bytes.
//!
//! A rule whose fix makes the text grow and then fixes more, inside what it wrote (a
//! replacement that the rule matches again: `e` → `ee`), does not converge; nor do fixes that
//! bring the text back to an earlier state, make it grow past twice its size and 1 KB, or are
//! still pending after [`MAX_ROUNDS`] rounds. The fixing then starts again from the original
//! text without the fixes of the rules involved, which [`FixOutcome::diverged`] names.

use crate::{
    diagnostic::{Applicability, Diagnostic, Edit},
    engine::Engine,
    formats::Format,
    text::spans::SpanIndex,
};
use std::{
    collections::{BTreeMap, BTreeSet, HashMap, HashSet},
    hash::{Hash, Hasher},
    ops::Range,
    sync::Arc,
};

/// The most lint-then-fix rounds before giving up on reaching a fixed point.
pub const MAX_ROUNDS: usize = 10;

/// The largest share of a text one unsafe fix may delete (a half).
pub const UNSAFE_DELETION_SHARE: (usize, usize) = (1, 2);

/// An unsafe fix may always delete this many bytes, whatever the share (a short document may
/// be one boilerplate line).
pub const UNSAFE_DELETION_FLOOR: usize = 512;

/// How many times fixing starts over without rules that did not converge.
const MAX_RESTARTS: usize = 3;

/// The outcome of fixing one document.
#[derive(Debug, Clone)]
pub struct FixOutcome {
    /// The fixed text.
    pub text: String,
    /// How many fixes were applied over all rounds.
    pub applied: usize,
    /// The diagnostics of the fixed text.
    pub remaining: Vec<Diagnostic>,
    /// The rules whose fixes did not converge and were therefore not applied.
    pub diverged: Vec<Arc<str>>,
    /// The rule of each applied fix, in the order applied (`--show-fixes`).
    pub applied_rules: Vec<Arc<str>>,
}

/// Whether the fix of `d` stays within what a fix may delete from `text`: nothing but blanks
/// outside the diagnostic's span, and, for an unsafe fix, no more than a bounded share of the
/// text. A diagnostic without a fix passes. The engine asks this of every fix on the prose
/// its rules read (where an escaped line break is a line break).
pub fn fix_is_bounded(text: &str, d: &Diagnostic) -> bool {
    fix_is_bounded_within(text, text.len(), d)
}

/// [`fix_is_bounded`] for `text`, one part of a document of `document_len` bytes of prose: the
/// share an unsafe fix may delete is a share of the whole document.
fn fix_is_bounded_within(text: &str, document_len: usize, d: &Diagnostic) -> bool {
    if !fix_fits_within(text, document_len, d) {
        return false;
    }
    let Some(fix) = &d.fix else {
        return true;
    };
    if !fix.edits.iter().all(|e| elision_fits(text, e)) {
        return false;
    }
    let blank = |range: Range<usize>| range.is_empty() || text[range].trim().is_empty();
    !fix.edits.iter().any(|e| {
        e.replacement.trim().is_empty()
            && !(blank(e.start..e.end.min(d.span.start).max(e.start))
                && blank(e.start.max(d.span.end).min(e.end)..e.end))
    })
}

/// Words French writes elided before a vowel ("d’Internet", "l’image", "qu’un"), in full
/// before a consonant.
const ELIDABLE: [&str; 13] = [
    "de", "le", "la", "que", "ne", "je", "me", "te", "se", "du", "au", "jusque", "lorsque",
];

/// Whether the replacement of edit `e` begins with a sound that suits the word before it: no
/// vowel after "de", "le", "que" written in full ("de Internet"), no consonant after an elided
/// "d’", "l’", "qu’" ("l’photo"). A word beginning with h or y goes either way ("l’homme", "le
/// hêtre", "le yaourt", "l’ypérite"), and an edit that does not begin a word is not concerned.
fn elision_fits(text: &str, e: &Edit) -> bool {
    let Some(first) = e.replacement.chars().next().filter(|c| c.is_alphabetic()) else {
        return true;
    };
    let first = first.to_lowercase().next().unwrap_or(first);
    if matches!(first, 'h' | 'y') {
        return true;
    }
    let vowel = "aeiouàâäéèêëîïôöûüÿœæ".contains(first);
    let before = &text[..e.start];
    if let Some(word) = before.strip_suffix([' ', '\u{a0}']) {
        return !(vowel && ELIDABLE.contains(&last_word(word).as_str()));
    }
    if let Some(word) = before.strip_suffix(['\'', '’']) {
        let elides = matches!(
            last_word(word).as_str(),
            "l" | "d" | "qu" | "n" | "j" | "m" | "t" | "s" | "jusqu" | "lorsqu" | "puisqu"
        );
        return !elides || vowel;
    }
    true
}

/// The last run of letters of `text`, in lowercase.
fn last_word(text: &str) -> String {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(text.len(), |(at, _)| at);
    text[start..].to_lowercase()
}

/// Whether the fix of `d` can be applied to `text` (its edits fall on character boundaries)
/// and, for an unsafe fix, deletes no more than a bounded share of it: what the fix loop asks
/// of every fix on the file it edits.
pub fn fix_fits(text: &str, d: &Diagnostic) -> bool {
    fix_fits_within(text, text.len(), d)
}

/// [`fix_fits`] for `text`, one part of a document of `document_len` bytes.
fn fix_fits_within(text: &str, document_len: usize, d: &Diagnostic) -> bool {
    let Some(fix) = &d.fix else {
        return true;
    };
    let valid = fix.edits.iter().all(|e| {
        e.start <= e.end
            && e.end <= text.len()
            && text.is_char_boundary(e.start)
            && text.is_char_boundary(e.end)
    });
    if !valid {
        return false;
    }
    if fix.applicability == Applicability::Unsafe {
        let removed: usize = fix.edits.iter().map(|e| e.end - e.start).sum();
        let added: usize = fix.edits.iter().map(|e| e.replacement.len()).sum();
        let deleted = removed.saturating_sub(added);
        let (num, den) = UNSAFE_DELETION_SHARE;
        if deleted > UNSAFE_DELETION_FLOOR && deleted * den > document_len * num {
            return false;
        }
    }
    true
}

/// Removes the fixes that [`fix_is_bounded`] refuses, so that no report offers them. `text` is
/// the prose of a document of `document_len` bytes, or one part of it.
pub fn drop_unbounded_fixes(text: &str, document_len: usize, diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        if !fix_is_bounded_within(text, document_len, d) {
            d.fix = None;
        }
    }
}

/// A fix applied in a round: its rule, whether it made the text longer, and the ranges of the
/// new text its replacements wrote.
struct Applied {
    rule: Arc<str>,
    grew: bool,
    written: Vec<Range<usize>>,
}

/// The edits accepted in a round, by position: none conflicts with another
/// ([`Edit::conflicts_with`]), so ordered by start, then end, their ends never decrease.
#[derive(Default)]
struct AcceptedEdits<'a> {
    by_position: BTreeMap<(usize, usize), Vec<&'a Edit>>,
}

impl<'a> AcceptedEdits<'a> {
    fn insert(&mut self, edit: &'a Edit) {
        self.by_position
            .entry((edit.start, edit.end))
            .or_default()
            .push(edit);
    }

    /// Whether an accepted edit conflicts with `edit`. Only edits that start at or before
    /// `edit` ends and end at or after it starts can: those are the last ones by position up
    /// to `edit`'s end, back to the first that ends before `edit` starts.
    fn conflict_with(&self, edit: &Edit) -> bool {
        self.by_position
            .range(..=(edit.end, usize::MAX))
            .rev()
            .take_while(|((_, end), _)| *end >= edit.start)
            .any(|(_, edits)| edits.iter().any(|a| edit.conflicts_with(a)))
    }
}

/// Applies the fixes of `diagnostics` that `unsafe_fixes` allows to `text`, skipping any fix
/// that [`fix_is_bounded`] refuses or with an edit that conflicts with an edit already
/// accepted. Returns the new text and the number of fixes applied.
pub fn apply_once(text: &str, diagnostics: &[Diagnostic], unsafe_fixes: bool) -> (String, usize) {
    let (fixed, applied) = apply_round(text, diagnostics, unsafe_fixes, &BTreeSet::new());
    (fixed, applied.len())
}

fn apply_round(
    text: &str,
    diagnostics: &[Diagnostic],
    unsafe_fixes: bool,
    excluded: &BTreeSet<Arc<str>>,
) -> (String, Vec<Applied>) {
    let mut accepted: Vec<(&Edit, usize)> = Vec::new();
    let mut taken = AcceptedEdits::default();
    let mut fixes: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.fix_applies(unsafe_fixes) && !excluded.contains(&d.rule))
        .collect();
    fixes.sort_by_key(|d| {
        d.fix
            .as_ref()
            .and_then(|f| f.edits.first())
            .map(|e| (e.start, e.end))
    });
    let mut applied: Vec<Applied> = Vec::new();
    for d in fixes {
        let fix = d.fix.as_ref().expect("filtered on fix_applies");
        let conflicts = fix.edits.iter().enumerate().any(|(i, e)| {
            taken.conflict_with(e) || fix.edits[..i].iter().any(|o| e.conflicts_with(o))
        });
        if fix_fits(text, d) && !conflicts {
            accepted.extend(fix.edits.iter().map(|e| (e, applied.len())));
            fix.edits.iter().for_each(|e| taken.insert(e));
            let removed: usize = fix.edits.iter().map(|e| e.end - e.start).sum();
            let added: usize = fix.edits.iter().map(|e| e.replacement.len()).sum();
            applied.push(Applied {
                rule: d.rule.clone(),
                grew: added > removed,
                written: Vec::new(),
            });
        }
    }
    accepted.sort_by_key(|(e, _)| (e.start, e.end));
    let mut fixed = String::with_capacity(text.len());
    let mut cursor = 0;
    for (edit, owner) in accepted {
        fixed.push_str(&text[cursor..edit.start]);
        let at = fixed.len();
        fixed.push_str(&edit.replacement);
        applied[owner].written.push(at..fixed.len());
        cursor = edit.end;
    }
    fixed.push_str(&text[cursor..]);
    (fixed, applied)
}

/// [`apply_round`], keeping only the fixes that leave the structure of a file in `format` as
/// it was (Markdown lines read as a table once a line before them is deleted): all of them
/// when they do together, otherwise each one that does, in order.
fn apply_round_keeping_structure(
    text: &str,
    diagnostics: &[Diagnostic],
    unsafe_fixes: bool,
    excluded: &BTreeSet<Arc<str>>,
    format: Format,
) -> (String, Vec<Applied>) {
    let all = apply_round(text, diagnostics, unsafe_fixes, excluded);
    let Some(structure) = crate::formats::structure(format, text) else {
        return all;
    };
    if all.1.is_empty() || crate::formats::structure(format, &all.0) == Some(structure) {
        return all;
    }
    let mut kept: Vec<Diagnostic> = Vec::new();
    let mut best = (text.to_string(), Vec::new());
    for d in diagnostics
        .iter()
        .filter(|d| d.fix_applies(unsafe_fixes) && !excluded.contains(&d.rule))
    {
        kept.push(d.clone());
        let trial = apply_round(text, &kept, unsafe_fixes, excluded);
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
    try_fix_with(text, unsafe_fixes, format, |current| {
        engine.check(current, format)
    })
    .unwrap_or_else(|_| FixOutcome {
        text: text.to_string(),
        applied: 0,
        remaining: Vec::new(),
        diverged: Vec::new(),
        applied_rules: Vec::new(),
    })
}

/// How a sequence of rounds ended.
enum Rounds {
    /// No applicable fix remains.
    Converged(FixOutcome),
    /// These rules' fixes do not converge.
    Diverged(BTreeSet<Arc<str>>),
}

/// The lint-then-fix loop over any linting function (the engine alone, or the engine with a
/// configuration applied) on a file in `format`, until no applicable fix remains. Rules whose
/// fixes do not converge are left out, starting again from `text`; in a round whose fixes
/// would change the file's structure, only the fixes that keep it are applied.
pub fn fix_with(
    text: &str,
    unsafe_fixes: bool,
    format: Format,
    lint: impl Fn(&str) -> Vec<Diagnostic>,
) -> FixOutcome {
    match try_fix_with(text, unsafe_fixes, format, |current| {
        Ok::<_, std::convert::Infallible>(lint(current))
    }) {
        Ok(outcome) => outcome,
        Err(never) => match never {},
    }
}

/// [`fix_with`] over a linting function that may fail (a text its format cannot read): an
/// error on `text` itself is returned; a round whose fixes would give a text that fails is
/// undone, and the loop stops there.
pub fn try_fix_with<E>(
    text: &str,
    unsafe_fixes: bool,
    format: Format,
    lint: impl Fn(&str) -> Result<Vec<Diagnostic>, E>,
) -> Result<FixOutcome, E> {
    let mut outcome = fix_leaving_out_diverging(text, unsafe_fixes, format, &lint)?;
    // A rule left out because its fixes did not converge from `text` may converge from the
    // fixed text: fixing that again (until it changes no more, or up to a bound) keeps a fixed
    // text fixed, so that fixing twice gives what fixing once does.
    for _ in 0..MAX_REFIXES {
        if outcome.diverged.is_empty() {
            break;
        }
        let again = fix_leaving_out_diverging(&outcome.text, unsafe_fixes, format, &lint)?;
        if again.text == outcome.text {
            break;
        }
        let mut applied_rules = std::mem::take(&mut outcome.applied_rules);
        applied_rules.extend(again.applied_rules);
        outcome = FixOutcome {
            applied: outcome.applied + again.applied,
            applied_rules,
            ..again
        };
    }
    Ok(outcome)
}

/// How many times a fixed text from which a rule's fixes were left out is fixed again.
const MAX_REFIXES: usize = 3;

/// The fixing of [`try_fix_with`] from `text`, once: the rules whose fixes do not converge
/// are left out, starting again from `text`.
fn fix_leaving_out_diverging<E>(
    text: &str,
    unsafe_fixes: bool,
    format: Format,
    lint: &impl Fn(&str) -> Result<Vec<Diagnostic>, E>,
) -> Result<FixOutcome, E> {
    let first = lint(text)?;
    let mut excluded: BTreeSet<Arc<str>> = BTreeSet::new();
    for _ in 0..=MAX_RESTARTS {
        match rounds(text, first.clone(), unsafe_fixes, format, lint, &excluded) {
            Rounds::Converged(mut outcome) => {
                // What was not applied is not offered either.
                for d in &mut outcome.remaining {
                    if excluded.contains(&d.rule) {
                        d.fix = None;
                    }
                }
                outcome.diverged = excluded.into_iter().collect();
                return Ok(outcome);
            }
            Rounds::Diverged(rules) => excluded.extend(rules),
        }
    }
    // Nothing converges: keep the text as it was, and offer none of its fixes.
    let mut remaining = first;
    for d in &mut remaining {
        if let Some(fix) = d.fix.take()
            && (unsafe_fixes || fix.applicability == Applicability::Safe)
        {
            excluded.insert(d.rule.clone());
        }
    }
    Ok(FixOutcome {
        text: text.to_string(),
        applied: 0,
        remaining,
        diverged: excluded.into_iter().collect(),
        applied_rules: Vec::new(),
    })
}

fn fingerprint(text: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// How many applicable fixes each rule has in `diagnostics`.
fn fix_counts(diagnostics: &[Diagnostic], unsafe_fixes: bool) -> HashMap<Arc<str>, usize> {
    let mut counts = HashMap::new();
    for d in diagnostics.iter().filter(|d| d.fix_applies(unsafe_fixes)) {
        *counts.entry(d.rule.clone()).or_insert(0) += 1;
    }
    counts
}

/// The rounds of fixing `text` (whose diagnostics are `diagnostics`) without the fixes of the
/// `excluded` rules, until nothing is left to fix or a rule is found not to converge: it made
/// the text grow, fixes again inside what it wrote, and has more fixes than it applied (the
/// text doubles); the text comes back to an earlier state; the text grows past twice its
/// size and 1 KB; or fixes are still pending after [`MAX_ROUNDS`] rounds.
fn rounds<E>(
    text: &str,
    mut diagnostics: Vec<Diagnostic>,
    unsafe_fixes: bool,
    format: Format,
    lint: &impl Fn(&str) -> Result<Vec<Diagnostic>, E>,
    excluded: &BTreeSet<Arc<str>>,
) -> Rounds {
    let pending = |diagnostics: &[Diagnostic], current: &str| -> BTreeSet<Arc<str>> {
        diagnostics
            .iter()
            .filter(|d| {
                d.fix_applies(unsafe_fixes) && !excluded.contains(&d.rule) && fix_fits(current, d)
            })
            .map(|d| d.rule.clone())
            .collect()
    };
    let size_bound = text.len().saturating_mul(2).saturating_add(1024);
    let mut current = text.to_string();
    let mut applied_total = 0;
    let mut applied_rules: Vec<Arc<str>> = Vec::new();
    let mut seen = HashSet::from([fingerprint(&current)]);
    let mut settled = false;
    for _ in 0..MAX_ROUNDS {
        let (fixed, applied) =
            apply_round_keeping_structure(&current, &diagnostics, unsafe_fixes, excluded, format);
        if applied.is_empty() || fixed == current {
            settled = true;
            break;
        }
        // A round that leaves a text the linter cannot read is undone.
        let Ok(next) = lint(&fixed) else {
            settled = true;
            break;
        };
        applied_total += applied.len();
        applied_rules.extend(applied.iter().map(|a| a.rule.clone()));
        current = fixed;
        diagnostics = next;
        let grew: BTreeSet<Arc<str>> = applied
            .iter()
            .filter(|a| a.grew)
            .map(|a| a.rule.clone())
            .collect();
        if current.len() > size_bound && !grew.is_empty() {
            return Rounds::Diverged(grew);
        }
        let mut applied_counts: HashMap<Arc<str>, usize> = HashMap::new();
        for a in &applied {
            *applied_counts.entry(a.rule.clone()).or_insert(0) += 1;
        }
        let regrowing: BTreeSet<Arc<str>> = fix_counts(&diagnostics, unsafe_fixes)
            .into_iter()
            .filter(|(rule, count)| {
                grew.contains(rule)
                    && !excluded.contains(rule)
                    && *count > applied_counts.get(rule).copied().unwrap_or(0)
                    && {
                        let written = written_by(&applied, rule);
                        diagnostics.iter().any(|d| {
                            d.rule == *rule
                                && d.fix_applies(unsafe_fixes)
                                && written.overlaps(&at_least_one_byte(&d.span))
                        })
                    }
            })
            .map(|(rule, _)| rule)
            .collect();
        if !regrowing.is_empty() {
            return Rounds::Diverged(regrowing);
        }
        if !seen.insert(fingerprint(&current)) {
            // Back to an earlier text: the fixes pending now go round in circles.
            let cycling = pending(&diagnostics, &current);
            if !cycling.is_empty() {
                return Rounds::Diverged(cycling);
            }
        }
    }
    if !settled {
        // The rounds ran out: the fixes still pending are not converging.
        let still = pending(&diagnostics, &current);
        if !still.is_empty() {
            return Rounds::Diverged(still);
        }
    }
    for d in &mut diagnostics {
        if !fix_fits(&current, d) {
            d.fix = None;
        }
    }
    Rounds::Converged(FixOutcome {
        text: current,
        applied: applied_total,
        remaining: diagnostics,
        diverged: Vec::new(),
        applied_rules,
    })
}

/// The ranges of the new text that the applied fixes of `rule` wrote, empty ones (deletions)
/// left out: a diagnostic they overlap stands on the fix's own output.
fn written_by(applied: &[Applied], rule: &Arc<str>) -> SpanIndex {
    SpanIndex::new(
        applied
            .iter()
            .filter(|a| a.rule == *rule)
            .flat_map(|a| a.written.iter().filter(|w| !w.is_empty()).cloned())
            .collect(),
    )
}

/// `span`, or the byte it starts at when it is empty (a point between two characters counts
/// as the byte after it).
fn at_least_one_byte(span: &Range<usize>) -> Range<usize> {
    span.start..span.end.max(span.start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Category, Fix, Severity};

    /// Edits accepted greedily from every range of `0..7` (replacements and insertions, in
    /// three orders), asked about every range: the same answers as a scan of them all.
    #[test]
    fn accepted_edits_answer_as_a_scan() {
        let ranges: Vec<(usize, usize)> = (0..7)
            .flat_map(|start| (start..7).map(move |end| (start, end)))
            .collect();
        let edits: Vec<Edit> = ranges
            .iter()
            .map(|&(start, end)| Edit {
                start,
                end,
                replacement: "x".into(),
            })
            .collect();
        for order in 0..3 {
            let mut offered: Vec<&Edit> = edits.iter().collect();
            match order {
                0 => {}
                1 => offered.reverse(),
                _ => offered.sort_by_key(|e| (e.end - e.start, e.start)),
            }
            let mut taken = AcceptedEdits::default();
            let mut scanned: Vec<&Edit> = Vec::new();
            for e in offered {
                let by_scan = scanned.iter().any(|a| e.conflicts_with(a));
                assert_eq!(taken.conflict_with(e), by_scan, "{e:?} after {scanned:?}");
                if !by_scan {
                    taken.insert(e);
                    scanned.push(e);
                }
                for probe in &edits {
                    let by_scan = scanned.iter().any(|a| probe.conflicts_with(a));
                    assert_eq!(taken.conflict_with(probe), by_scan, "{probe:?}");
                }
            }
        }
    }

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
    fn replacements_keep_elision_right() {
        let edit = |text: &str, word: &str, replacement: &str| {
            let start = text.find(word).unwrap();
            Edit::new(start..start + word.len(), replacement.to_string())
        };
        let text = "Il est privé de Web et l’cupboard reste là.";
        assert!(!elision_fits(text, &edit(text, "Web", "Internet")));
        assert!(elision_fits(text, &edit(text, "Web", "réseau")));
        assert!(elision_fits(text, &edit(text, "cupboard", "armoire")));
        assert!(!elision_fits(text, &edit(text, "cupboard", "placard")));
        assert!(elision_fits(text, &edit(text, "Web", "hôpital")));
        assert!(elision_fits(text, &edit(text, "reste", "est")));
        assert!(elision_fits(text, &edit(text, "Web", "yaourt")));
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

    fn at(
        rule: &str,
        span: Range<usize>,
        edits: Vec<Edit>,
        applicability: Applicability,
    ) -> Diagnostic {
        Diagnostic {
            rule: rule.into(),
            span,
            ..diagnostic(edits, applicability)
        }
    }

    #[test]
    fn deletions_stay_within_the_span_and_a_share_of_the_text() {
        let text = "Titre\n\nPartagez-le !\n\nSuite du texte.\n";
        let line = 7..20;
        // The line and the blank lines around it: fine.
        let d = at(
            "b/x",
            line.clone(),
            vec![Edit::delete(7..22)],
            Applicability::Unsafe,
        );
        assert!(fix_is_bounded(text, &d));
        // Beyond the span, into prose: refused.
        let d = at(
            "b/x",
            line,
            vec![Edit::delete(7..30)],
            Applicability::Unsafe,
        );
        assert!(!fix_is_bounded(text, &d));
        // A replacement outside the span is not a deletion: the guard leaves it alone.
        let d = at(
            "b/x",
            7..8,
            vec![Edit::new(0..5, "Titre")],
            Applicability::Safe,
        );
        assert!(fix_is_bounded(text, &d));
        // An unsafe deletion of most of a long text is refused, a safe one is not bounded.
        let long = "mot ".repeat(1000);
        let d = at(
            "b/x",
            0..3000,
            vec![Edit::delete(0..3000)],
            Applicability::Unsafe,
        );
        assert!(!fix_is_bounded(&long, &d));
        let d = at(
            "b/x",
            0..3000,
            vec![Edit::delete(0..3000)],
            Applicability::Safe,
        );
        assert!(fix_is_bounded(&long, &d));
        // Short texts may lose a whole line.
        let d = at(
            "b/x",
            0..13,
            vec![Edit::delete(0..13)],
            Applicability::Unsafe,
        );
        assert!(fix_is_bounded("Partagez-le !", &d));
    }

    /// A linter with one rule: every `e` becomes `ee`, and a rule that swaps `x` and `y`.
    fn growing_lint(text: &str) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for (i, c) in text.char_indices() {
            let (rule, replacement) = match c {
                'e' => ("test/grow", "ee"),
                'x' => ("test/swap", "y"),
                'y' => ("test/swap", "x"),
                '.' if text[i + 1..].starts_with('.') => ("test/stop", ""),
                _ => continue,
            };
            let end = if rule == "test/stop" { i + 2 } else { i + 1 };
            let edit = if rule == "test/stop" {
                Edit::delete(i + 1..end)
            } else {
                Edit::new(i..end, replacement)
            };
            found.push(at(rule, i..end, vec![edit], Applicability::Safe));
        }
        found
    }

    #[test]
    fn rules_that_do_not_converge_are_left_out() {
        let outcome = fix_with("le texte.. x", false, Format::Text, growing_lint);
        assert_eq!(outcome.text, "le texte. x");
        let diverged: Vec<&str> = outcome.diverged.iter().map(|r| &**r).collect();
        assert_eq!(diverged, ["test/grow", "test/swap"]);
        assert!(outcome.remaining.iter().all(|d| d.fix.is_none()));
        // A chain that shrinks converges.
        let outcome = fix_with("a.... b", false, Format::Text, growing_lint);
        assert_eq!(outcome.text, "a. b");
        assert!(outcome.diverged.is_empty());
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
