//! French fixed expressions (`data/locutions.txt`): a candidate that completes one with the
//! words around a flagged English word is the likelier original ("par example" → "par
//! exemple", not "par instance").

use super::*;
use std::{collections::HashMap, sync::OnceLock};

static LOCUTIONS: &str = include_str!("../../../data/locutions.txt");

/// The words of each listed expression ("l'" kept apart from the word it is elided before),
/// by each of its words.
type ByWord = HashMap<&'static str, Vec<Vec<&'static str>>, FnvBuild>;

/// The expressions, read on first use.
fn by_word() -> &'static ByWord {
    static BY_WORD: OnceLock<ByWord> = OnceLock::new();
    BY_WORD.get_or_init(|| {
        let mut by_word = ByWord::default();
        for line in LOCUTIONS
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let words = expression_words(line);
            for &word in &words {
                let list = by_word.entry(word).or_default();
                if !list.contains(&words) {
                    list.push(words.clone());
                }
            }
        }
        by_word
    })
}

/// The words of an expression as the tokenizer cuts them: "à l'origine" → "à", "l'", "origine".
fn expression_words(line: &str) -> Vec<&str> {
    let mut words = Vec::new();
    for piece in line.split(' ').filter(|p| !p.is_empty()) {
        match piece.find('\'') {
            Some(at) if at + 1 < piece.len() => {
                words.push(&piece[..=at]);
                words.push(&piece[at + 1..]);
            }
            _ => words.push(piece),
        }
    }
    words
}

/// Whether a listed expression holds `word`: only such a word may complete one
/// ([`completes_locution`]).
pub(super) fn in_a_locution(word: &str) -> bool {
    by_word().contains_key(word)
}

/// Whether `candidate`, put in place of token `i`, completes a listed expression with the
/// tokens around it, each next to the other on the same line.
pub(super) fn completes_locution(doc: &Document, i: usize, candidate: &str) -> bool {
    let Some(expressions) = by_word().get(candidate) else {
        return false;
    };
    expressions.iter().any(|words| {
        words
            .iter()
            .enumerate()
            .filter(|(_, w)| **w == candidate)
            .any(|(k, _)| fits_around(doc, i, k, words))
    })
}

/// Whether the tokens around token `i` are the words of `words` but the `k`-th, which token
/// `i` stands for.
fn fits_around(doc: &Document, i: usize, k: usize, words: &[&str]) -> bool {
    let Some(first) = i.checked_sub(k) else {
        return false;
    };
    let last = first + words.len() - 1;
    if last >= doc.tokens.len() {
        return false;
    }
    (first..=last).all(|j| {
        let joined = j == first || {
            let gap = &doc.text[doc.tokens[j - 1].end..doc.tokens[j].start];
            gap.is_empty() || gap == " " || gap == "\u{a0}"
        };
        joined
            && (j == i || {
                let token = doc.tokens[j];
                matches!(token.kind, TokenKind::Word | TokenKind::Elision)
                    && straightened(doc.folded_word(j)) == words[j - first]
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elided_words_are_cut_as_the_tokenizer_cuts_them() {
        assert_eq!(expression_words("à l'origine"), ["à", "l'", "origine"]);
        assert_eq!(expression_words("par exemple"), ["par", "exemple"]);
    }

    #[test]
    fn every_listed_expression_is_read() {
        let by_word = by_word();
        assert!(by_word["exemple"].contains(&vec!["par", "exemple"]));
        assert!(by_word["origine"].contains(&vec!["à", "l'", "origine"]));
        assert!(!by_word.contains_key("#"));
    }

    #[test]
    fn a_candidate_knows_whether_an_expression_holds_it() {
        assert!(in_a_locution("exemple") && in_a_locution("l'"));
        assert!(!in_a_locution("instance") && !in_a_locution(""));
        for english in ["example", "origin", "instance", "load", "government"] {
            for candidate in super::super::candidates::base_candidates(english).iter() {
                assert_eq!(
                    candidate.in_locution,
                    by_word().contains_key(&*candidate.word),
                    "{english}: {}",
                    candidate.word
                );
            }
        }
    }
}
