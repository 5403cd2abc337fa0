//! Reading a dump: its blocks (paragraphs as printed: runs of non-blank lines, trimmed of outer white space),
//! as `newskit.split.blocks.make_blocks` defines them. Offsets are code points; lines are 1-based.

/// White space a block is trimmed of, and that a blank line may hold besides its line end: ASCII space, tab,
/// CR, FF, VT, U+3000 and NBSP (OCR indents).
#[inline]
fn is_blank(c: u32) -> bool {
    matches!(c, 0x20 | 0x09 | 0x0d | 0x0c | 0x0b | 0x3000 | 0xa0)
}

const NL: u32 = b'\n' as u32;

/// One block: `text[start..end]`, on lines `line_start..=line_end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockSpan {
    pub start: usize,
    pub end: usize,
    pub line_start: usize,
    pub line_end: usize,
}

/// The blocks of `text` in order. A separator is a line end followed by one or more blank lines (white
/// space only); what lies between separators, trimmed of white space and line ends, is a block unless empty.
pub fn blocks(text: &[u32]) -> Vec<BlockSpan> {
    let mut out = Vec::new();
    let mut line = 1usize; // the line `pos` is on
    let mut seg_start = 0usize;
    let mut seg_line = 1usize;
    let mut i = 0usize;
    let n = text.len();
    while i < n {
        if text[i] != NL {
            i += 1;
            continue;
        }
        // a separator is this line end and every blank line after it (the last one's line end included)
        let mut end = None;
        let mut lines = 0usize;
        let mut q = i + 1;
        loop {
            while q < n && is_blank(text[q]) {
                q += 1;
            }
            if q < n && text[q] == NL {
                lines += 1;
                q += 1;
                end = Some((q, lines));
            } else {
                break;
            }
        }
        match end {
            Some((sep_end, sep_lines)) => {
                push(text, seg_start, i, seg_line, &mut out);
                line += 1 + sep_lines;
                seg_start = sep_end;
                seg_line = line;
                i = sep_end;
            }
            None => {
                line += 1;
                i += 1;
            }
        }
    }
    push(text, seg_start, n, seg_line, &mut out);
    out
}

/// Add the segment `text[start..end]` (starting on line `line`) trimmed, if anything is left.
fn push(text: &[u32], mut start: usize, mut end: usize, mut line: usize, out: &mut Vec<BlockSpan>) {
    while start < end && (is_blank(text[start]) || text[start] == NL) {
        if text[start] == NL {
            line += 1;
        }
        start += 1;
    }
    while end > start && (is_blank(text[end - 1]) || text[end - 1] == NL) {
        end -= 1;
    }
    if start == end {
        return;
    }
    let inner = text[start..end].iter().filter(|&&c| c == NL).count();
    out.push(BlockSpan { start, end, line_start: line, line_end: line + inner });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::chars::code_points;

    fn spans(s: &str) -> Vec<(usize, usize, usize, usize)> {
        blocks(&code_points(s)).iter().map(|b| (b.start, b.end, b.line_start, b.line_end)).collect()
    }

    #[test]
    fn paragraphs_apart_by_blank_lines() {
        assert_eq!(spans("标题\n\n正文一\n正文二\n\n\n尾"), vec![(0, 2, 1, 1), (4, 11, 3, 4), (14, 15, 7, 7)]);
    }

    #[test]
    fn blank_lines_may_hold_white_space_and_blocks_are_trimmed() {
        // U+3000 indent kept out of the block; a line of spaces and NBSP is blank
        assert_eq!(spans("\u{3000}\u{3000}第一段 \n \u{a0}\t\n第二段"), vec![(2, 5, 1, 1), (11, 14, 3, 3)]);
    }

    #[test]
    fn empty_and_white_only_texts_have_no_blocks() {
        assert!(spans("").is_empty());
        assert!(spans("\n \n\u{3000}\n").is_empty());
    }

    #[test]
    fn leading_blank_lines_count_towards_the_line_number() {
        assert_eq!(spans("\n\n\n甲\n乙"), vec![(3, 6, 4, 5)]);
        assert_eq!(spans("\n甲"), vec![(1, 2, 2, 2)]);
    }

    #[test]
    fn a_single_line_end_does_not_separate() {
        assert_eq!(spans("甲\n \n"), vec![(0, 1, 1, 1)]);
        assert_eq!(spans("甲\n 乙"), vec![(0, 4, 1, 2)]);
    }
}
