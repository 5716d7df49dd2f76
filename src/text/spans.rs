//! Byte ranges sorted by start, asked in logarithmic time whether one of them overlaps or
//! contains a given range: what the engine needs to drop a diagnostic covered by another, and
//! the fix loop to find the diagnostics a fix wrote over, without comparing every pair.

use std::ops::Range;

/// Ranges sorted by start, with the furthest end reached by each prefix of them.
pub struct SpanIndex {
    /// The ranges, sorted by start.
    spans: Vec<Range<usize>>,
    /// `reach[k]`: the largest end among `spans[..=k]`.
    reach: Vec<usize>,
}

impl SpanIndex {
    /// Indexes `spans` (in any order).
    pub fn new(mut spans: Vec<Range<usize>>) -> SpanIndex {
        spans.sort_by_key(|s| s.start);
        let reach = spans
            .iter()
            .scan(0, |furthest, s| {
                *furthest = (*furthest).max(s.end);
                Some(*furthest)
            })
            .collect();
        SpanIndex { spans, reach }
    }

    /// Whether there is no range.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The furthest end among the ranges whose start passes `test`, a test that holds for a
    /// prefix of the ranges sorted by start (`None`: no range passes).
    fn reach_where(&self, test: impl Fn(usize) -> bool) -> Option<usize> {
        let count = self.spans.partition_point(|s| test(s.start));
        count.checked_sub(1).map(|last| self.reach[last])
    }

    /// Whether some range overlaps `range` (shares at least one byte with it).
    pub fn overlaps(&self, range: &Range<usize>) -> bool {
        self.reach_where(|start| start < range.end)
            .is_some_and(|end| end > range.start)
    }

    /// Whether some range contains `range` (starts at or before it, ends at or after it).
    pub fn contains(&self, range: &Range<usize>) -> bool {
        self.reach_where(|start| start <= range.start)
            .is_some_and(|end| end >= range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every range of `0..12` against each index built from a few ranges, compared with the
    /// answer of a scan of them all.
    #[test]
    fn answers_as_a_scan_of_every_range() {
        let sets: [&[Range<usize>]; 5] = [
            &[],
            &[3..5, 3..5],
            &[0..10, 2..3, 4..6],
            &[6..7, 1..4, 1..2, 9..11, 5..5],
            &[2..8, 3..4, 3..4, 7..12],
        ];
        for set in sets {
            let index = SpanIndex::new(set.to_vec());
            assert_eq!(index.is_empty(), set.is_empty());
            for start in 0..12 {
                for end in start..12 {
                    let range = start..end;
                    let overlaps = set
                        .iter()
                        .any(|s| s.start < range.end && range.start < s.end);
                    let contains = set
                        .iter()
                        .any(|s| s.start <= range.start && range.end <= s.end);
                    assert_eq!(index.overlaps(&range), overlaps, "{set:?} {range:?}");
                    assert_eq!(index.contains(&range), contains, "{set:?} {range:?}");
                }
            }
        }
    }
}
