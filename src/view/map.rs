//! A map from the byte offsets of a derived text (a view) back to the offsets of the text it
//! was derived from (its source): outside the listed pieces the view copies the source byte
//! for byte; each piece stands for a source range as a whole (a composed character for its
//! decomposed spelling, LF for CRLF, a decoded entity for its markup).

use std::ops::Range;

/// One place where the view differs from its source: `view` stands for `source` as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The bytes of the view.
    pub view: Range<usize>,
    /// The bytes of the source they stand for.
    pub source: Range<usize>,
    /// Whether an edit may replace the piece (false for markup or separators that stand
    /// between two runs of prose and that no fix may touch).
    pub editable: bool,
}

/// Why an edit of the view cannot be carried over to the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unmappable {
    /// An end of the edit falls inside a piece (the middle of a composed character).
    SplitsPiece,
    /// The edit touches a piece no edit may change (markup between two runs of prose).
    TouchesProtected,
}

/// The map of a view back to its source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// Sorted by view offset, disjoint, each with a non-empty view range.
    pieces: Vec<Piece>,
}

impl OffsetMap {
    /// A map of the given pieces, which must be sorted, disjoint and non-empty in the view, and
    /// whose source ranges must follow the same order.
    pub fn new(pieces: Vec<Piece>) -> OffsetMap {
        debug_assert!(pieces.iter().all(|p| p.view.start < p.view.end));
        debug_assert!(
            pieces
                .windows(2)
                .all(|w| w[0].view.end <= w[1].view.start && w[0].source.end <= w[1].source.start)
        );
        OffsetMap { pieces }
    }

    /// Whether the view is the source byte for byte.
    pub fn is_identity(&self) -> bool {
        self.pieces.is_empty()
    }

    /// The pieces, in order.
    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// The piece holding or starting at view offset `at` (the last piece that starts at or
    /// before it), by index.
    fn piece_at_or_before(&self, at: usize) -> Option<usize> {
        self.pieces
            .partition_point(|p| p.view.start <= at)
            .checked_sub(1)
    }

    /// The source offset where a range starting at view offset `at` starts: a piece it falls
    /// inside is taken whole.
    pub fn start(&self, at: usize) -> usize {
        match self.piece_at_or_before(at).map(|i| &self.pieces[i]) {
            None => at,
            Some(p) if at < p.view.end => p.source.start,
            Some(p) => p.source.end + (at - p.view.end),
        }
    }

    /// The source offset where a range ending at view offset `at` ends: a piece it falls
    /// inside is taken whole.
    pub fn end(&self, at: usize) -> usize {
        match self.piece_at_or_before(at).map(|i| &self.pieces[i]) {
            None => at,
            Some(p) if at == p.view.start => p.source.start,
            Some(p) if at < p.view.end => p.source.end,
            Some(p) => p.source.end + (at - p.view.end),
        }
    }

    /// The source range that view range `range` covers, widened to whole pieces.
    pub fn range(&self, range: &Range<usize>) -> Range<usize> {
        let start = self.start(range.start);
        let end = self.end(range.end).max(start);
        start..end
    }

    /// The source range that an edit of view range `range` must replace: both ends on piece
    /// boundaries and no protected piece touched (an insertion may sit right beside one).
    pub fn edit_range(&self, range: &Range<usize>) -> Result<Range<usize>, Unmappable> {
        let cuts = |at: usize| {
            self.piece_at_or_before(at)
                .is_some_and(|i| self.pieces[i].view.start < at && at < self.pieces[i].view.end)
        };
        if cuts(range.start) || cuts(range.end) {
            return Err(Unmappable::SplitsPiece);
        }
        let first = self.pieces.partition_point(|p| p.view.end <= range.start);
        let touched = self.pieces[first..]
            .iter()
            .take_while(|p| p.view.start < range.end)
            .any(|p| !p.editable);
        if touched {
            return Err(Unmappable::TouchesProtected);
        }
        Ok(self.range(range))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "e\u{301}" (3 bytes) composed to "é" (2 bytes) at source 2..5, and "\r\n" at 8..10 to "\n".
    fn map() -> OffsetMap {
        OffsetMap::new(vec![
            Piece {
                view: 2..4,
                source: 2..5,
                editable: true,
            },
            Piece {
                view: 7..8,
                source: 8..10,
                editable: true,
            },
        ])
    }

    #[test]
    fn offsets_shift_after_pieces() {
        let m = map();
        assert_eq!(m.start(0), 0);
        assert_eq!(m.start(2), 2);
        assert_eq!(m.start(4), 5);
        assert_eq!(m.end(4), 5);
        assert_eq!(m.start(7), 8);
        assert_eq!(m.end(8), 10);
        assert_eq!(m.start(9), 11);
    }

    #[test]
    fn ranges_widen_to_whole_pieces() {
        let m = map();
        assert_eq!(m.range(&(3..4)), 2..5);
        assert_eq!(m.range(&(0..8)), 0..10);
        assert_eq!(m.range(&(4..4)), 5..5);
    }

    #[test]
    fn edits_may_not_split_a_piece() {
        let m = map();
        assert_eq!(m.edit_range(&(2..4)), Ok(2..5));
        assert_eq!(m.edit_range(&(3..4)), Err(Unmappable::SplitsPiece));
        assert_eq!(m.edit_range(&(0..2)), Ok(0..2));
    }

    #[test]
    fn protected_pieces_refuse_edits_but_not_insertions_beside_them() {
        let m = OffsetMap::new(vec![Piece {
            view: 5..7,
            source: 5..20,
            editable: false,
        }]);
        assert_eq!(m.edit_range(&(4..7)), Err(Unmappable::TouchesProtected));
        assert_eq!(m.edit_range(&(4..6)), Err(Unmappable::SplitsPiece));
        assert_eq!(m.edit_range(&(0..5)), Ok(0..5));
        assert_eq!(m.edit_range(&(7..7)), Ok(20..20));
        assert_eq!(m.edit_range(&(7..9)), Ok(20..22));
    }
}
