//! A map from the byte offsets of a derived text (a view) back to the offsets of the text it
//! was derived from (its source): outside the listed pieces the view copies the source byte
//! for byte; each piece stands for a source range as a whole (a composed character for its
//! decomposed spelling, LF for CRLF, a decoded entity for its markup).

use std::ops::Range;

/// One place where the view differs from its source: `view` stands for `source` as a whole.
/// Either side may be empty: markup left out of the view has an empty `view`, a separator the
/// view adds between two runs of prose has an empty `source`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The bytes of the view.
    pub view: Range<usize>,
    /// The bytes of the source they stand for.
    pub source: Range<usize>,
    /// Whether an edit may replace the piece (false for markup, and for separators that stand
    /// between two runs of prose).
    pub editable: bool,
}

/// Why an edit of the view cannot be carried over to the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unmappable {
    /// An end of the edit falls inside a piece (the middle of a composed character).
    SplitsPiece,
    /// The edit would change markup or a separator that no edit may touch.
    TouchesProtected,
}

/// The map of a view back to its source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// Sorted by view offset then source offset; no two overlap on either side.
    pieces: Vec<Piece>,
}

/// Where a view offset falls.
struct Location<'m> {
    /// The piece it falls strictly inside, if any.
    inside: Option<&'m Piece>,
    /// The source offset just before the markup left out at this point.
    before: usize,
    /// The source offset just after the markup left out at this point.
    after: usize,
    /// The index of the first piece starting at or after the offset.
    next: usize,
}

impl OffsetMap {
    /// A map of the given pieces, sorted by view offset and then source offset, disjoint on
    /// both sides.
    pub fn new(pieces: Vec<Piece>) -> OffsetMap {
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

    fn locate(&self, at: usize) -> Location<'_> {
        let first_at = self.pieces.partition_point(|p| p.view.start < at);
        let previous = first_at.checked_sub(1).map(|i| &self.pieces[i]);
        if let Some(p) = previous
            && at < p.view.end
        {
            return Location {
                inside: Some(p),
                before: p.source.start,
                after: p.source.end,
                next: first_at,
            };
        }
        let before = previous.map_or(at, |p| p.source.end + (at - p.view.end));
        let after = self.pieces[first_at..]
            .iter()
            .take_while(|p| p.view.start == at && p.view.is_empty())
            .last()
            .map_or(before, |p| p.source.end);
        Location {
            inside: None,
            before,
            after,
            next: first_at,
        }
    }

    /// The source offset where a range starting at view offset `at` starts: a piece it falls
    /// inside is taken whole, markup left out at that point is left before it.
    pub fn start(&self, at: usize) -> usize {
        let location = self.locate(at);
        location.inside.map_or(location.after, |p| p.source.start)
    }

    /// The source offset where a range ending at view offset `at` ends: a piece it falls
    /// inside is taken whole, markup left out at that point is left after it.
    pub fn end(&self, at: usize) -> usize {
        let location = self.locate(at);
        location.inside.map_or(location.before, |p| p.source.end)
    }

    /// The source range that view range `range` covers, widened to whole pieces.
    pub fn range(&self, range: &Range<usize>) -> Range<usize> {
        let start = self.start(range.start);
        let end = self.end(range.end).max(start);
        start..end
    }

    /// The source range that an edit of view range `range` must replace: both ends on piece
    /// boundaries, and no protected piece inside. A deletion that reaches into a separator at
    /// either end stops at the separator (which stays); an insertion next to left-out markup
    /// goes before it.
    pub fn edit_range(
        &self,
        range: &Range<usize>,
        deletion: bool,
    ) -> Result<Range<usize>, Unmappable> {
        let mut range = range.clone();
        if deletion {
            self.trim_separators(&mut range);
        }
        let (start, end) = (self.locate(range.start), self.locate(range.end));
        if start.inside.is_some() || end.inside.is_some() {
            return Err(Unmappable::SplitsPiece);
        }
        if range.is_empty() {
            return Ok(start.before..start.before);
        }
        let touches_protected = self.pieces[start.next..]
            .iter()
            .take_while(|p| {
                p.view.start < range.end || (p.view.start == range.end && p.view.is_empty())
            })
            .any(|p| {
                let beside =
                    p.view.is_empty() && (p.view.start == range.start || p.view.start == range.end);
                !p.editable && !beside
            });
        if touches_protected {
            return Err(Unmappable::TouchesProtected);
        }
        Ok(start.after..end.before.max(start.after))
    }

    /// Narrows a deletion that reaches into a separator at either end to stop at it.
    fn trim_separators(&self, range: &mut Range<usize>) {
        let is_separator = |p: &Piece| !p.editable && p.source.is_empty() && !p.view.is_empty();
        let last = self.pieces.partition_point(|p| p.view.end < range.end);
        if let Some(p) = self.pieces.get(last)
            && is_separator(p)
            && p.view.start < range.end
        {
            range.end = p.view.start.max(range.start);
        }
        let first = self.pieces.partition_point(|p| p.view.end <= range.start);
        if let Some(p) = self.pieces.get(first)
            && is_separator(p)
            && p.view.start <= range.start
        {
            range.start = p.view.end.min(range.end);
        }
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
        assert_eq!(m.edit_range(&(2..4), false), Ok(2..5));
        assert_eq!(m.edit_range(&(3..4), false), Err(Unmappable::SplitsPiece));
        assert_eq!(m.edit_range(&(0..2), false), Ok(0..2));
    }

    #[test]
    fn left_out_markup_stays_outside_ranges() {
        // Source "<b>chat</b> dort": view "chat dort".
        let m = OffsetMap::new(vec![
            Piece {
                view: 0..0,
                source: 0..3,
                editable: false,
            },
            Piece {
                view: 4..4,
                source: 7..11,
                editable: false,
            },
        ]);
        assert_eq!(m.range(&(0..4)), 3..7, "the word, without its tags");
        assert_eq!(m.range(&(5..9)), 12..16);
        assert_eq!(m.edit_range(&(0..4), false), Ok(3..7));
        assert_eq!(
            m.edit_range(&(4..4), false),
            Ok(7..7),
            "insertions go before markup"
        );
        assert_eq!(
            m.edit_range(&(2..6), false),
            Err(Unmappable::TouchesProtected),
            "an edit across a tag would delete it"
        );
    }

    #[test]
    fn deletions_may_reach_into_a_separator() {
        // Two runs of prose "Partager" and "Suite", separated in the view by a blank line
        // that stands for markup (source 8..20).
        let m = OffsetMap::new(vec![
            Piece {
                view: 8..8,
                source: 8..20,
                editable: false,
            },
            Piece {
                view: 8..10,
                source: 20..20,
                editable: false,
            },
        ]);
        assert_eq!(m.edit_range(&(0..9), true), Ok(0..8));
        assert_eq!(m.edit_range(&(0..10), true), Ok(0..8));
        assert_eq!(m.edit_range(&(9..15), true), Ok(20..25));
        assert_eq!(m.edit_range(&(0..9), false), Err(Unmappable::SplitsPiece));
        assert_eq!(
            m.edit_range(&(0..15), true),
            Err(Unmappable::TouchesProtected),
            "deleting across the separator would delete the markup"
        );
        assert_eq!(m.range(&(10..15)), 20..25);
    }

    #[test]
    fn protected_pieces_refuse_edits_but_not_insertions_beside_them() {
        let m = OffsetMap::new(vec![Piece {
            view: 5..7,
            source: 5..20,
            editable: false,
        }]);
        assert_eq!(
            m.edit_range(&(4..7), false),
            Err(Unmappable::TouchesProtected)
        );
        assert_eq!(m.edit_range(&(4..6), false), Err(Unmappable::SplitsPiece));
        assert_eq!(m.edit_range(&(0..5), false), Ok(0..5));
        assert_eq!(m.edit_range(&(7..7), false), Ok(20..20));
        assert_eq!(m.edit_range(&(7..9), false), Ok(20..22));
    }
}
