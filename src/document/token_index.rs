//! Finding the token that starts or ends at a byte offset without a binary search over every
//! token of the document: a table gives, for each block of 64 bytes, the first
//! token that ends in it or later, and the few tokens from there are looked at in turn. In a
//! long document a binary search misses the cache at most of its steps; the rules ask this at
//! almost every word.

use crate::text::tokenize::Token;

/// The bytes of text per entry of the table (64), as a power of two.
const BLOCK_SHIFT: u32 = 6;

/// For each block of 64 bytes of a text, the index of the first of its tokens
/// that ends at the block's start or later.
#[derive(Debug, Default)]
pub struct TokenIndex {
    first: Vec<u32>,
}

impl TokenIndex {
    /// The index of `tokens`, sorted and disjoint, of a text of `text_len` bytes.
    pub fn new(tokens: &[Token], text_len: usize) -> TokenIndex {
        let blocks = (text_len >> BLOCK_SHIFT) + 1;
        let mut first = Vec::with_capacity(blocks);
        let mut next = 0;
        for block in 0..blocks {
            let start = block << BLOCK_SHIFT;
            while tokens.get(next).is_some_and(|t| t.end < start) {
                next += 1;
            }
            first.push(u32::try_from(next).unwrap_or(u32::MAX));
        }
        TokenIndex { first }
    }

    /// The first token that may end at `pos` or later: every token before it ends before
    /// `pos`.
    fn from(&self, pos: usize) -> usize {
        let block = (pos >> BLOCK_SHIFT).min(self.first.len().saturating_sub(1));
        self.first.get(block).map_or(0, |&i| i as usize)
    }

    /// The index of the token of `tokens` (those the index was built from) that starts at
    /// byte `pos`, if any.
    pub fn starting_at(&self, tokens: &[Token], pos: usize) -> Option<usize> {
        self.find(tokens, pos, |token| token.start)
    }

    /// The index of the token of `tokens` (those the index was built from) that ends at
    /// byte `pos`, if any.
    pub fn ending_at(&self, tokens: &[Token], pos: usize) -> Option<usize> {
        self.find(tokens, pos, |token| token.end)
    }

    /// The index of the token whose `edge` (its start or its end, both increasing along the
    /// tokens) is `pos`, looked for from the first token that may reach it.
    fn find(&self, tokens: &[Token], pos: usize, edge: fn(&Token) -> usize) -> Option<usize> {
        let mut i = self.from(pos);
        while let Some(token) = tokens.get(i) {
            if edge(token) >= pos {
                return (edge(token) == pos).then_some(i);
            }
            i += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize::tokenize;

    #[test]
    fn lookups_agree_with_a_binary_search() {
        let long = format!(
            "{}Été : l’« API » a 3,5 Go… x{}",
            "a bb ccc ".repeat(40),
            " mot".repeat(50)
        );
        for text in ["", "x", " x ", "a", long.as_str()] {
            let tokens = tokenize(text);
            let index = TokenIndex::new(&tokens, text.len());
            for pos in 0..=text.len() + 1 {
                assert_eq!(
                    index.starting_at(&tokens, pos),
                    tokens.binary_search_by_key(&pos, |t| t.start).ok(),
                    "start {pos} in {text:?}"
                );
                assert_eq!(
                    index.ending_at(&tokens, pos),
                    tokens.binary_search_by_key(&pos, |t| t.end).ok(),
                    "end {pos} in {text:?}"
                );
            }
        }
    }
}
