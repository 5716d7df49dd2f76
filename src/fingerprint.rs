//! Fingerprints that follow a problem across edits of its file: a hash of the rule, the flagged
//! text and its immediate context (the two words on each side, within the paragraph), blanks
//! collapsed. Editing elsewhere in the file, or elsewhere in the same paragraph, leaves it
//! unchanged; editing the flagged words or their neighbours changes it. Baselines, SARIF
//! `partialFingerprints` and GitLab Code Quality reports use it.

use crate::diagnostic::Diagnostic;
use std::collections::HashMap;

/// Words of context kept on each side of the flagged text.
pub const CONTEXT_WORDS: usize = 2;

/// How far (in bytes) to look on each side for the context words.
const REACH: usize = 160;

/// The 64-bit FNV-1a hash: stable across builds, platforms and versions (unlike the standard
/// library's hasher), which is what a fingerprint written to a file needs.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// `text` with every run of blanks (spaces, tabs, line breaks, no-break spaces) made one space,
/// trimmed.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Whether `s` holds a blank line (a paragraph break): a line break, blanks, a line break.
fn paragraph_break(s: &str) -> Option<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut last_newline: Option<usize> = None;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\n' => {
                if let Some(prev) = last_newline {
                    return Some((prev, i + 1));
                }
                last_newline = Some(i);
            }
            b' ' | b'\t' | b'\r' => {}
            _ => last_newline = None,
        }
    }
    None
}

/// The flagged text and its context, as "before ⟦flagged⟧ after" with blanks collapsed: what a
/// fingerprint hashes (readable, for tests and for people).
pub fn context(text: &str, span: std::ops::Range<usize>) -> String {
    let start = floor_boundary(text, span.start);
    let end = ceil_boundary(text, span.end.max(start));
    let mut before = &text[floor_boundary(text, start.saturating_sub(REACH))..start];
    // Only the current paragraph: cut after the last blank line.
    while let Some((_, after_break)) = paragraph_break(before) {
        before = &before[after_break..];
    }
    let mut after = &text[end..ceil_boundary(text, end + REACH)];
    if let Some((at, _)) = paragraph_break(after) {
        after = &after[..at];
    }
    let mut words_before: Vec<&str> = before
        .split_whitespace()
        .rev()
        .take(CONTEXT_WORDS)
        .collect();
    words_before.reverse();
    let words_after: Vec<&str> = after.split_whitespace().take(CONTEXT_WORDS).collect();
    // A word cut by the span is part of the context: "séance" of "séance..".
    format!(
        "{}⟦{}⟧{}",
        join_before(&words_before, before),
        collapse(&text[start..end]),
        join_after(&words_after, after)
    )
}

fn join_before(words: &[&str], before: &str) -> String {
    let mut out = words.join(" ");
    if !out.is_empty() && before.ends_with(char::is_whitespace) {
        out.push(' ');
    }
    out
}

fn join_after(words: &[&str], after: &str) -> String {
    let joined = words.join(" ");
    if !joined.is_empty() && after.starts_with(char::is_whitespace) {
        format!(" {joined}")
    } else {
        joined
    }
}

/// The fingerprint of diagnostic `d` of `text`: a hash of its rule and [`context`].
pub fn of(text: &str, d: &Diagnostic) -> u64 {
    let mut key = d.rule.as_bytes().to_vec();
    key.push(0);
    key.extend_from_slice(context(text, d.span.clone()).as_bytes());
    fnv1a(&key)
}

/// The fingerprints of the diagnostics of one file, as 16 hex digits, a colon and the number
/// of earlier diagnostics of the file with the same hash (so that two identical problems in the
/// same context stay distinct, as GitHub's own fingerprints do).
pub fn numbered(text: &str, diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let hash = of(text, d);
            let n = seen.entry(hash).or_default();
            let out = format!("{hash:016x}:{n}");
            *n += 1;
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Severity};

    fn d(text: &str, needle: &str) -> Diagnostic {
        let start = text.find(needle).unwrap();
        Diagnostic {
            rule: "spinner-synonym/english-word".into(),
            category: Category::SpinnerSynonym,
            severity: Severity::Warning,
            message: String::new(),
            span: start..start + needle.len(),
            fix: None,
        }
    }

    #[test]
    fn context_is_two_words_each_side_within_the_paragraph() {
        let text = "Titre\n\nIl a lancé le   cupboard de la maison hier.";
        assert_eq!(
            context(text, d(text, "cupboard").span),
            "lancé le ⟦cupboard⟧ de la"
        );
        let text = "Fin de la séance.. Ensuite on part";
        assert_eq!(
            context(text, d(text, "..").span),
            "la séance⟦..⟧ Ensuite on"
        );
        let text = "Premier paragraphe.\n \nle cupboard";
        assert_eq!(context(text, d(text, "cupboard").span), "le ⟦cupboard⟧");
    }

    #[test]
    fn edits_elsewhere_keep_the_fingerprint_and_nearby_edits_change_it() {
        let old = "Une phrase au début. Il a lancé le cupboard de la maison. Une fin.";
        let same =
            "Une autre phrase, réécrite, au début. Il a lancé le cupboard de la maison. Fin.";
        let near = "Une phrase au début. Il a ouvert le cupboard de la maison. Une fin.";
        let h = |t: &str| of(t, &d(t, "cupboard"));
        assert_eq!(h(old), h(same));
        assert_ne!(h(old), h(near));
    }

    #[test]
    fn repeats_are_numbered() {
        let text = "a b cupboard c d\n\na b cupboard c d";
        let first = d(text, "cupboard");
        let mut second = first.clone();
        let at = text.rfind("cupboard").unwrap();
        second.span = at..at + "cupboard".len();
        let prints = numbered(text, &[first, second]);
        assert_eq!(prints[0].len(), 18, "{prints:?}");
        assert_eq!(prints[0].replace(":0", ":1"), prints[1]);
    }
}
