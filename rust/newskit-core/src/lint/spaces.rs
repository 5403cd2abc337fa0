//! S101's scan: a run of ASCII spaces, tabs or no-break spaces between a Han character and an ASCII digit,
//! either order (`已建立 289 个`). What the regex it replaced matched (`[ \t\u00a0](?:(?<=[HAN].)[ \t\u00a0]*
//! (?=[0-9])|(?<=[0-9].)[ \t\u00a0]*(?=[HAN]))`, run by `finditer`): a match starts a run, since a space
//! inside a run has a space before it, and takes the whole run, since only a digit or a Han character may
//! follow it.

use crate::lint::chars::is_han;

#[inline]
fn is_space(c: u32) -> bool {
    matches!(c, 0x20 | 0x09 | 0xa0)
}

#[inline]
fn is_digit(c: u32) -> bool {
    (0x30..=0x39).contains(&c)
}

/// `(start, end)` of every run of spaces with a Han character on one side and an ASCII digit on the other,
/// in text order.
pub fn han_digit_spaces(text: &[u32]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 1;
    while i < text.len() {
        if !is_space(text[i]) || is_space(text[i - 1]) {
            i += 1;
            continue;
        }
        let end = i + text[i..].iter().take_while(|&&c| is_space(c)).count();
        if let Some(&after) = text.get(end) {
            let before = text[i - 1];
            if (is_han(before) && is_digit(after)) || (is_digit(before) && is_han(after)) {
                out.push((i, end));
            }
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::chars::code_points;

    fn found(text: &str) -> Vec<(usize, usize)> {
        han_digit_spaces(&code_points(text))
    }

    #[test]
    fn runs_between_han_and_digits() {
        assert_eq!(found("已建立 289 个群"), vec![(3, 4), (7, 8)]);
        assert_eq!(found("今年\t\u{a0} 9月"), vec![(2, 5)]);
        assert_eq!(found(" 9 月"), vec![(2, 3)]); // nothing before the first space
        assert_eq!(found("a 9 b"), vec![]);
        assert_eq!(found("中 "), vec![]);
        assert_eq!(found("中\u{3000}9"), vec![]); // an ideographic space is S102's
        assert_eq!(found("１ 中"), vec![]); // a full-width digit is not [0-9]
    }
}
