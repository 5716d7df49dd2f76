//! The phrase automaton's anchored walks as a dense table: one row per state reached from the
//! anchored start, one column per byte that some phrase holds, so that a step of a walk is two
//! loads and a test, with no other state kinds to tell apart.

use aho_corasick::{
    Anchored,
    automaton::{Automaton, StateID},
};
use std::collections::HashMap;

/// The anchored walks of an automaton, read from a table.
#[derive(Debug)]
pub(super) struct AnchoredTable {
    /// The column of each byte: 0 for a byte that no phrase holds, on which every walk dies.
    columns: [u16; 256],
    /// How many columns a row has.
    stride: usize,
    /// The step from each row and column: 0 when the walk dies, else the next row's first
    /// entry (row times stride) shifted left by one, with the low bit set when the next state
    /// is a match state. Row 0 is the dead state, row 1 the start.
    steps: Vec<u32>,
    /// The automaton's state of each row, to read the phrases of a match state.
    states: Vec<StateID>,
    /// The step from the start row on each byte (as in `steps`): the first step of every walk,
    /// read with one load.
    first: [u32; 256],
}

impl AnchoredTable {
    /// The table of the anchored walks of `automaton`, whose phrases are `patterns`; `None`
    /// when it has no anchored start.
    pub(super) fn new<A: Automaton>(automaton: &A, patterns: &[String]) -> Option<Self> {
        let start = automaton.start_state(Anchored::Yes).ok()?;
        let mut columns = [0u16; 256];
        // A byte of each column (column 0's is never read).
        let mut representatives = vec![0u8];
        for &byte in patterns.iter().flat_map(|pattern| pattern.as_bytes()) {
            if columns[usize::from(byte)] == 0 {
                columns[usize::from(byte)] =
                    u16::try_from(representatives.len()).expect("at most 256 columns");
                representatives.push(byte);
            }
        }
        let stride = representatives.len();
        let mut rows: HashMap<StateID, usize> = HashMap::from([(start, 1)]);
        let mut states = vec![start, start];
        let mut steps = vec![0u32; 2 * stride];
        let mut row = 1;
        while row < states.len() {
            for column in 1..stride {
                let next =
                    automaton.next_state(Anchored::Yes, states[row], representatives[column]);
                if automaton.is_dead(next) {
                    continue;
                }
                let next_row = *rows.entry(next).or_insert_with(|| {
                    states.push(next);
                    steps.resize(states.len() * stride, 0);
                    states.len() - 1
                });
                let entry = u32::try_from(next_row * stride).expect("a table under 2^31 entries");
                steps[row * stride + column] = entry << 1 | u32::from(automaton.is_match(next));
            }
            row += 1;
        }
        let first = std::array::from_fn(|byte| steps[stride + usize::from(columns[byte])]);
        Some(AnchoredTable {
            columns,
            stride,
            steps,
            states,
            first,
        })
    }

    /// Every occurrence of a phrase of `automaton` (the automaton of the table) in `folded`
    /// that starts at one of `starts`, as (start, end, pattern), in the order of
    /// `phrase::occurrences`: by start, then by end, the patterns of one span in the
    /// automaton's order. A walk stops at the first byte no phrase continues with. Not inlined:
    /// in a function of its own, the walk keeps its state in registers.
    #[inline(never)]
    pub(super) fn occurrences<A: Automaton>(
        &self,
        automaton: &A,
        folded: &[u8],
        starts: impl Iterator<Item = usize>,
    ) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        for start in starts {
            // `end` is where the walk stands after `step`: one byte past the byte stepped on.
            let mut step = folded
                .get(start)
                .map_or(0, |&byte| self.first[usize::from(byte)]);
            let mut end = start + 1;
            while step != 0 {
                let entry = (step >> 1) as usize;
                if step & 1 != 0 {
                    self.push_matches(automaton, entry, start, end - start, &mut found);
                }
                let Some(&byte) = folded.get(end) else {
                    break;
                };
                step = self.steps[entry + usize::from(self.columns[usize::from(byte)])];
                end += 1;
            }
        }
        found
    }

    /// Pushes to `found` the phrases of `length` bytes from `start` that the match state of
    /// the row beginning at entry `entry` holds, in the automaton's order.
    #[cold]
    fn push_matches<A: Automaton>(
        &self,
        automaton: &A,
        entry: usize,
        start: usize,
        length: usize,
        found: &mut Vec<(usize, usize, usize)>,
    ) {
        let state = self.states[entry / self.stride];
        for index in 0..automaton.match_len(state) {
            let pattern = automaton.match_pattern(state, index);
            // A state also holds the phrases that end its path but start later.
            if automaton.pattern_len(pattern) == length {
                found.push((start, start + length, pattern.as_usize()));
            }
        }
    }

    /// The automaton's state after a step on `byte` from the state of row `row`, as the table
    /// reads it: `None` when the walk dies.
    #[cfg(test)]
    fn step(&self, row: usize, byte: u8) -> Option<(StateID, bool)> {
        let step = self.steps[row * self.stride + usize::from(self.columns[usize::from(byte)])];
        (step != 0).then(|| {
            (
                self.states[(step >> 1) as usize / self.stride],
                step & 1 == 1,
            )
        })
    }

    /// How many states the table has a row for, the dead state aside.
    #[cfg(test)]
    fn rows(&self) -> usize {
        self.states.len() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{MatchKind, nfa::contiguous::NFA};

    #[test]
    fn every_step_of_the_table_is_the_automaton_step() {
        let patterns: Vec<String> = [
            "de la",
            "de",
            "la",
            "l'arbre",
            "l’arbre",
            "arbre",
            "à la",
            "é",
            "ab",
            "b",
            "\0x",
        ]
        .map(String::from)
        .to_vec();
        let nfa = NFA::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .unwrap();
        let table = AnchoredTable::new(&nfa, &patterns).unwrap();
        let mut checked = 0;
        for row in 1..=table.rows() {
            let state = table.states[row];
            for byte in 0..=255u8 {
                let next = nfa.next_state(Anchored::Yes, state, byte);
                let expected = (!nfa.is_dead(next)).then(|| (next, nfa.is_match(next)));
                assert_eq!(table.step(row, byte), expected, "row {row}, byte {byte}");
                checked += 1;
            }
        }
        for byte in 0..=255u8 {
            let first = table.first[usize::from(byte)];
            let expected = table.step(1, byte);
            assert_eq!(first != 0, expected.is_some(), "byte {byte}");
            if let Some((state, matched)) = expected {
                assert_eq!(table.states[(first >> 1) as usize / table.stride], state);
                assert_eq!(first & 1 == 1, matched);
            }
        }
        assert!(table.rows() >= 15, "{} rows", table.rows());
        assert_eq!(checked, table.rows() * 256);
    }
}
