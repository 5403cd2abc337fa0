//! R101's scan: a unit of one to four Han characters written twice in a row (`改革改革`, `的的`). Every
//! position is tried, the longest unit first, as the regex it replaced did (`(?=([HAN]{1,4})\1)`, a
//! look-ahead with a backreference, which Rust `regex` cannot run and Python's `re` ran at a backtracking
//! attempt per character). Which repeats are slips stays in Python (`repeated_word.reduplication_pattern`).

use crate::lint::chars::is_han;

/// The longest unit tried.
pub const MAX_UNIT: usize = 4;

/// `(start, unit length)` for every position where a unit of Han characters is followed by itself, the
/// longest such unit at each position, in text order.
pub fn repeats(text: &[u32]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let n = text.len();
    for i in 0..n {
        let c = text[i];
        // A unit repeats only where its first character comes again one to four places on: tested first, for
        // every position at once without a branch, since almost none pass it.
        let again = (1..=MAX_UNIT).fold(0u32, |m, len| m | (u32::from(text.get(i + len) == Some(&c)) << len));
        if again == 0 || !is_han(c) {
            continue;
        }
        // The unit itself must be Han (its copy equals it); the longest that fits at i.
        let han = text[i..].iter().take(MAX_UNIT).take_while(|&&c| is_han(c)).count();
        let longest = MAX_UNIT.min(han).min((n - i) / 2);
        let repeated = |len: usize| again >> len & 1 == 1 && text[i..i + len] == text[i + len..i + 2 * len];
        if let Some(len) = (1..=longest).rev().find(|&len| repeated(len)) {
            out.push((i, len));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::chars::code_points;

    fn found(text: &str) -> Vec<(usize, usize)> {
        repeats(&code_points(text))
    }

    #[test]
    fn longest_unit_at_every_position() {
        assert_eq!(found("发展的的关键"), vec![(2, 1)]);
        assert_eq!(found("使用使用情况"), vec![(0, 2)]);
        assert_eq!(found("哈哈哈"), vec![(0, 1), (1, 1)]);
        assert_eq!(found("改革改革改革"), vec![(0, 2), (1, 2), (2, 2)]);
        assert_eq!(found("一二三四一二三四"), vec![(0, 4)]);
        assert_eq!(found("甲乙丙丁戊甲乙丙丁戊"), vec![], "five characters are no unit");
        assert_eq!(found("a中中"), vec![(1, 1)]);
        assert_eq!(found("中a中a中"), vec![]);
    }

    #[test]
    fn only_han_units_and_any_copy() {
        assert_eq!(found("aa，，11"), vec![]);
        // the copy need not be followed by more Han; the unit itself must be Han
        assert_eq!(found("他他。"), vec![(0, 1)]);
        assert_eq!(found("中a中a"), vec![]);
        assert_eq!(found(""), vec![]);
    }
}
