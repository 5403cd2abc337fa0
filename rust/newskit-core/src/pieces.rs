//! Text indices of a text assembled from slices of a document, mapped back to document offsets, as
//! `newskit.model.MappedText` maps them: the lint finding builder maps rules' spans with it, and the split
//! record builder a dateline's.

/// A text assembled from slices of the document (`newskit.model.MappedText`): for each piece, its offset in
/// the text and its span `[start, end)` in the document, in text order; and the text's length. Text indices
/// map back to document offsets exactly as `MappedText.source_span` and `contiguous_span` do (the bulk finding
/// builder maps a rule's spans here; tests/rules/test_findings_in.py holds the two to each other).
pub struct PieceMap<'a> {
    pub pieces: &'a [(i64, i64, i64)],
    pub len: i64,
}

impl PieceMap<'_> {
    fn piece(&self, i: i64) -> (i64, i64, i64) {
        if self.pieces.len() == 1 {
            return self.pieces[0];
        }
        let k = self.pieces.partition_point(|p| p.0 <= i);
        self.pieces[k.max(1) - 1]
    }

    /// `MappedText.to_source`: the document offset of text index `i`.
    pub fn to_source(&self, i: i64) -> i64 {
        let Some(last) = self.pieces.last() else { return 0 };
        if i >= self.len {
            return last.2;
        }
        let (offset, start, end) = self.piece(i);
        (start + (i - offset)).min(end)
    }

    /// `MappedText.source_span`: the document span covering text `[i, j)` (it may cross a rejoined break).
    pub fn source_span(&self, i: i64, j: i64) -> (i64, i64) {
        if j <= i {
            let s = self.to_source(i);
            return (s, s);
        }
        (self.to_source(i), self.to_source(j - 1) + 1)
    }

    /// `MappedText.contiguous_span`: the document span of text `[i, j)` when it lies inside one piece.
    pub fn contiguous_span(&self, i: i64, j: i64) -> Option<(i64, i64)> {
        if self.pieces.is_empty() {
            return None;
        }
        let (offset, start, end) = self.piece(i);
        if i < offset || j > offset + (end - start) {
            return None;
        }
        Some((start + (i - offset), start + (j - offset)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapped_spans() {
        // "甲乙" from document [10, 12) and "丙丁" from [20, 22): text "甲乙丙丁"
        let pieces = [(0, 10, 12), (2, 20, 22)];
        let m = PieceMap { pieces: &pieces, len: 4 };
        assert_eq!(m.source_span(0, 2), (10, 12));
        assert_eq!(m.source_span(1, 3), (11, 21));
        assert_eq!(m.source_span(3, 3), (21, 21));
        assert_eq!(m.source_span(2, 9), (20, 23)); // as Python: one past the last piece's end
        assert_eq!(m.contiguous_span(2, 4), Some((20, 22)));
        assert_eq!(m.contiguous_span(1, 3), None);
        let one = [(0, 5, 9)];
        let m = PieceMap { pieces: &one, len: 4 };
        assert_eq!((m.source_span(1, 3), m.contiguous_span(1, 3)), ((6, 8), Some((6, 8))));
        let none = PieceMap { pieces: &[], len: 0 };
        assert_eq!((none.source_span(0, 1), none.contiguous_span(0, 1)), ((0, 1), None));
    }
}
