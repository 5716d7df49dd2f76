//! The tokens of a document as long as the token one before them, and those as long as the
//! token two before them, found in one pass over the tokens for both token-level repetition
//! rules (a word written twice in a row, a coordinated duplicate): a token can only repeat one
//! of the same length, and most tokens are as long as neither, so that each rule then reads
//! only the few that are.

use crate::text::tokenize::Token;

/// The indices of the tokens of a document as long (in bytes) as the token one before them,
/// and of those as long as the token two before them, in order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SameLengths {
    /// The tokens as long as the token right before them.
    pub one_back: Vec<usize>,
    /// The tokens as long as the token two before them.
    pub two_back: Vec<usize>,
}

impl SameLengths {
    /// The tokens of `tokens` as long as the one, and as the one two, before them.
    pub fn of(tokens: &[Token]) -> SameLengths {
        // Room enough, so that the lists seldom grow: in the seed corpus, one token in
        // fourteen is as long as the one before it, one in eight as the one two before it.
        let room = tokens.len() / 4;
        let mut same = SameLengths {
            one_back: Vec::with_capacity(room),
            two_back: Vec::with_capacity(room),
        };
        // No token is as long as `usize::MAX`: the first tokens have none before them.
        let (mut one_back, mut two_back) = (usize::MAX, usize::MAX);
        for (i, token) in tokens.iter().enumerate() {
            let length = token.end - token.start;
            if length == one_back {
                same.one_back.push(i);
            }
            if length == two_back {
                same.two_back.push(i);
            }
            (two_back, one_back) = (one_back, length);
        }
        same
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokens as long as the one `back` before them, each compared in turn: the reference.
    fn as_long_as_back(tokens: &[Token], back: usize) -> Vec<usize> {
        let length = |token: &Token| token.end - token.start;
        (back..tokens.len())
            .filter(|&i| length(&tokens[i]) == length(&tokens[i - back]))
            .collect()
    }

    #[test]
    fn tokens_as_long_as_one_before_are_those_of_the_pairs() {
        let mut texts = vec![
            "le le chat et et chien a b cc dd ee fff g fff fff".to_string(),
            String::new(),
            "un".to_string(),
            "un un".to_string(),
        ];
        texts.extend(crate::fixture_texts::fixture_texts(&["seeds", "mt"]));
        for text in &texts {
            let tokens = crate::text::tokenize::tokenize(text);
            let same = SameLengths::of(&tokens);
            assert_eq!(same.one_back, as_long_as_back(&tokens, 1), "{text:?}");
            assert_eq!(same.two_back, as_long_as_back(&tokens, 2), "{text:?}");
        }
        let tokens = crate::text::tokenize::tokenize(&texts[0]);
        let same = SameLengths::of(&tokens);
        assert!(same.one_back.len() >= 3 && same.two_back.len() >= 3);
    }
}
