//! P101's scan: half-width `, : ; ! ? ( )` in Chinese text (`newskit.rules.punctuation.halfwidth_punctuation`
//! keeps the messages and the fixes; this finds the marks). One pass per text, no regex.

use crate::lint::chars::{is_cjk, is_han};

const OPEN: u32 = b'(' as u32;
const CLOSE: u32 = b')' as u32;
const NL: u32 = b'\n' as u32;
/// How far a half-width pair may reach on one line (P101's `_PAIR_RE`: `\(([^()\n]{0,200})\)`).
const PAIR_REACH: usize = 200;

/// What the scan found at one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// `(` at `open` and `)` at `close` around text holding a Han character: one finding for the pair.
    Pair { open: usize, close: usize },
    /// One mark to make full width, spanning `start..end` (a point mark with the spaces after it that
    /// full-width marks make needless).
    Single { start: usize, end: usize },
}

impl Mark {
    pub fn start(&self) -> usize {
        match *self {
            Mark::Pair { open, .. } => open,
            Mark::Single { start, .. } => start,
        }
    }
}

#[inline]
fn is_point(c: u32) -> bool {
    matches!(c, 0x2c | 0x3a | 0x3b | 0x21 | 0x3f) // , : ; ! ?
}

#[inline]
fn is_ascii_alnum(c: u32) -> bool {
    c < 0x80 && (c as u8).is_ascii_alphanumeric()
}

/// The half-width marks of `text` to report, in text order.
///
/// A pair `( … )` on one line (at most 200 characters inside) around a Han character is one finding; around
/// Latin or digits only it is a bracket-width choice and neither parenthesis is reported. Any other
/// parenthesis is reported when a Chinese character or mark stands beside it. A point mark is reported when
/// Chinese precedes it, or when Chinese follows it (after spaces) — after a Latin letter or digit only a Han
/// character following makes it Chinese (`APP,方便`, but `Thank you!”`).
pub fn halfwidth_marks(text: &[u32]) -> Vec<Mark> {
    let n = text.len();
    let at = |k: usize| if k < n { Some(text[k]) } else { None };
    let mut out = Vec::new();
    let mut i = 0usize;
    while i < n {
        let c = text[i];
        if c == OPEN {
            // a pair: the run of non-paren, non-line-end characters must end in `)` within reach
            let mut k = i + 1;
            let mut han = false;
            while k < n && k - i - 1 <= PAIR_REACH && !matches!(text[k], OPEN | CLOSE | NL) {
                han |= is_han(text[k]);
                k += 1;
            }
            if k < n && text[k] == CLOSE && k - i - 1 <= PAIR_REACH {
                if han {
                    out.push(Mark::Pair { open: i, close: k });
                }
                // the scan resumes after the pair (both parentheses are taken); points inside it still count
                scan_points(text, i + 1, k, &mut out);
                i = k + 1;
                continue;
            }
        }
        if c == OPEN || c == CLOSE {
            let prev = if i > 0 { Some(text[i - 1]) } else { None };
            if prev.is_some_and(is_cjk) || at(i + 1).is_some_and(is_cjk) {
                out.push(Mark::Single { start: i, end: i + 1 });
            }
        } else if is_point(c) {
            point(text, i, &mut out);
        }
        i += 1;
    }
    out
}

fn scan_points(text: &[u32], from: usize, to: usize, out: &mut Vec<Mark>) {
    for i in from..to {
        if is_point(text[i]) {
            point(text, i, out);
        }
    }
}

fn point(text: &[u32], i: usize, out: &mut Vec<Mark>) {
    let n = text.len();
    let prev = if i > 0 { Some(text[i - 1]) } else { None };
    let mut after = i + 1;
    while after < n && matches!(text[after], 0x20 | 0x09) {
        after += 1;
    }
    let next = if after < n { Some(text[after]) } else { None };
    let next_cjk = next.is_some_and(is_cjk);
    let chinese = prev.is_some_and(is_cjk)
        || if prev.is_some_and(is_ascii_alnum) { next.is_some_and(is_han) } else { next_cjk };
    if chinese {
        let end = if after > i + 1 && next_cjk { after } else { i + 1 };
        out.push(Mark::Single { start: i, end });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::chars::code_points;

    fn marks(s: &str) -> Vec<Mark> {
        halfwidth_marks(&code_points(s))
    }

    #[test]
    fn byline_pair_and_points() {
        // 本报讯(记者 魏涛)3月2日,省…
        let found = marks("本报讯(记者 魏涛)3月2日,省");
        assert_eq!(found, vec![Mark::Pair { open: 3, close: 9 }, Mark::Single { start: 14, end: 15 }]);
    }

    #[test]
    fn latin_pair_is_a_width_choice() {
        assert!(marks("核磁共振成像(NMRI)检查").is_empty());
    }

    #[test]
    fn lone_parenthesis_beside_chinese() {
        assert_eq!(marks("一)开始"), vec![Mark::Single { start: 1, end: 2 }]);
        assert!(marks("f(x") .is_empty());
    }

    #[test]
    fn points_between_digits_and_in_english_are_left() {
        assert!(marks("1,000元 10:30 Hello, world").is_empty());
        assert_eq!(marks("APP,方便"), vec![Mark::Single { start: 3, end: 4 }]);
        assert!(marks("Thank you!”").is_empty());
    }

    #[test]
    fn spaces_after_a_point_go_with_it_before_chinese() {
        assert_eq!(marks("好,  走"), vec![Mark::Single { start: 1, end: 4 }]);
        assert_eq!(marks("好, a"), vec![Mark::Single { start: 1, end: 2 }]);
    }

    #[test]
    fn a_pair_out_of_reach_is_two_lone_marks() {
        let long = format!("中({})中", "字".repeat(201));
        assert_eq!(marks(&long), vec![Mark::Single { start: 1, end: 2 }, Mark::Single { start: 203, end: 204 }]);
        let near = format!("中({})中", "字".repeat(200));
        assert_eq!(marks(&near), vec![Mark::Pair { open: 1, close: 202 }]);
    }

    #[test]
    fn points_inside_a_pair_are_checked() {
        assert_eq!(marks("(甲,乙)"), vec![Mark::Pair { open: 0, close: 4 }, Mark::Single { start: 2, end: 3 }]);
    }
}
