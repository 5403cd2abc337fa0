//! Where a finding lands and how it is quoted: line and column of both ends, the one-line excerpt around the
//! span and the fingerprint an ignore matches (`newskit.rules.base.LintContext.findings`). Done here for
//! every finding of a rule at once: in Python these few slices, a bisection and a SHA-1 were most of the
//! cost of a finding, and a page of half-width commas has hundreds.

/// Characters of context either side of a flagged span (`newskit.rules.base.EXCERPT_CONTEXT`).
pub const EXCERPT_CONTEXT: usize = 12;
const NL: u32 = b'\n' as u32;
/// What a line end is shown as inside an excerpt (the excerpt stays on one line).
const LINE_END_MARK: char = '⏎';

/// A finding's place in its document, 1-based lines and columns in code points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// the span clamped to `start <= end`
    pub end: usize,
    /// the excerpt is the text's `[excerpt_start, excerpt_end)`, as `Page::excerpt` shows it
    pub excerpt_start: usize,
    pub excerpt_end: usize,
    pub excerpt_offset: usize,
    /// the first 12 hex digits of SHA-1 over `code \0 flagged text \0 the excerpt's text before the span`
    pub fingerprint: String,
}

/// One document: its code points and where each line starts (`Document.line_starts`).
pub struct Page {
    text: Vec<u32>,
    line_starts: Vec<usize>,
}

/// The first 12 hex digits of a digest (its first six bytes), without the formatter's machinery.
fn hex12(digest: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    digest.iter().take(6).flat_map(|&b| [HEX[(b >> 4) as usize] as char, HEX[(b & 15) as usize] as char]).collect()
}

fn push_utf8(out: &mut String, cps: &[u32]) {
    out.extend(cps.iter().map(|&c| char::from_u32(c).unwrap_or('\u{fffd}')));
}

impl Page {
    /// `line_starts` must start with 0 and be sorted (what `Document.from_text` builds).
    pub fn new(text: Vec<u32>, line_starts: Vec<usize>) -> Page {
        Page { text, line_starts }
    }

    /// `Document.position`: 1-based (line, column) of an offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1) - 1;
        (line + 1, offset - self.line_starts.get(line).copied().unwrap_or(0) + 1)
    }

    fn slice(&self, lo: usize, hi: usize) -> &[u32] {
        let n = self.text.len();
        let (lo, hi) = (lo.min(n), hi.min(n));
        if lo < hi {
            &self.text[lo..hi]
        } else {
            &[]
        }
    }

    /// Everything about the finding of rule `code` at `[start, end)` but its message and fix.
    pub fn locate(&self, code: &str, start: usize, end: usize) -> Located {
        let end = end.max(start);
        let (line, column) = self.position(start);
        let line_start = start + 1 - column;
        let line_end = self.text.get(start..).and_then(|rest| rest.iter().position(|&c| c == NL)).map(|k| start + k);
        let (end_line, end_column) = match line_end {
            Some(le) if end > le => self.position(end),
            _ => (line, end - line_start + 1),
        };
        let lo = line_start.max(start.saturating_sub(EXCERPT_CONTEXT));
        let mut hi = line_end.unwrap_or(self.text.len()).min(end + EXCERPT_CONTEXT);
        if hi < end {
            hi = end; // the span crosses a line end: the excerpt reaches its end
        }
        let mut key = String::with_capacity(code.len() + 4 * (end - start + EXCERPT_CONTEXT) + 2);
        key.push_str(code);
        key.push('\0');
        push_utf8(&mut key, self.slice(start, end));
        key.push('\0');
        push_utf8(&mut key, self.slice(lo, start));
        let fingerprint = hex12(&sha1_smol::Sha1::from(key.as_bytes()).digest().bytes());
        Located { line, column, end_line, end_column, end, excerpt_start: lo, excerpt_end: hi, excerpt_offset: start - lo,
                  fingerprint }
    }

    /// Whether the excerpt of `[lo, hi)` is that slice of the text as it is: no line end to mark and no lone
    /// surrogate to replace (the binding then slices the document's own string instead of building one).
    pub fn excerpt_is_verbatim(&self, lo: usize, hi: usize) -> bool {
        !self.slice(lo, hi).iter().any(|&c| c == NL || (0xd800..0xe000).contains(&c))
    }

    /// The excerpt of `[lo, hi)`: that slice of the text on one line, a line end shown as `⏎`.
    pub fn excerpt(&self, lo: usize, hi: usize) -> String {
        let mut excerpt = String::with_capacity(3 * (hi.saturating_sub(lo)));
        push_utf8(&mut excerpt, self.slice(lo, hi));
        if excerpt.contains('\n') {
            excerpt = excerpt.replace('\n', &LINE_END_MARK.to_string());
        }
        excerpt
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::chars::code_points;

    fn page(text: &str) -> Page {
        let cps = code_points(text);
        let mut starts = vec![0];
        starts.extend(cps.iter().enumerate().filter(|(_, &c)| c == NL).map(|(i, _)| i + 1));
        Page::new(cps, starts)
    }

    #[test]
    fn positions_are_one_based_code_points() {
        let p = page("第一行\n第二行,\n");
        assert_eq!(p.position(0), (1, 1));
        assert_eq!(p.position(4), (2, 1));
        assert_eq!(p.position(7), (2, 4));
        assert_eq!(p.position(9), (3, 1));
    }

    #[test]
    fn a_span_on_one_line() {
        let p = page("标题\n本报讯(记者 魏涛)3月2日,省人社厅。\n");
        let f = p.locate("P101", 17, 18);
        assert_eq!((f.line, f.column, f.end_line, f.end_column), (2, 15, 2, 16));
        assert_eq!(p.excerpt(f.excerpt_start, f.excerpt_end), "讯(记者 魏涛)3月2日,省人社厅。");
        assert!(p.excerpt_is_verbatim(f.excerpt_start, f.excerpt_end));
        assert_eq!(f.excerpt_offset, 12);
        // hashlib.sha1("P101\0,\0讯(记者 魏涛)3月2日".encode()).hexdigest()[:12]
        assert_eq!(f.fingerprint, "a8d407282c6f");
    }

    #[test]
    fn a_span_across_a_line_end() {
        let p = page("甲乙丙\n丁戊\n");
        let f = p.locate("R201", 1, 5);
        assert_eq!((f.line, f.column, f.end_line, f.end_column), (1, 2, 2, 2));
        assert_eq!(p.excerpt(f.excerpt_start, f.excerpt_end), "甲乙丙⏎丁");
        assert!(!p.excerpt_is_verbatim(f.excerpt_start, f.excerpt_end));
        assert_eq!(f.excerpt_offset, 1);
    }


    #[test]
    fn empty_and_reversed_spans_and_the_end() {
        let p = page("甲乙");
        let f = p.locate("X", 2, 1);
        assert_eq!((f.end, f.line, f.column, f.end_column), (2, 1, 3, 3));
        assert_eq!(p.excerpt(f.excerpt_start, f.excerpt_end), "甲乙");
        assert_eq!(f.excerpt_offset, 2);
    }
}
