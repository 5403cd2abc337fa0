//! S101's scan: a run of ASCII spaces, tabs or no-break spaces between a Han character and an ASCII digit,
//! either order (`已建立 289 个`). What the regex it replaced matched (`[ \t\u00a0](?:(?<=[HAN].)[ \t\u00a0]*
//! (?=[0-9])|(?<=[0-9].)[ \t\u00a0]*(?=[HAN]))`, run by `finditer`): a match starts a run, since a space
//! inside a run has a space before it, and takes the whole run, since only a digit or a Han character may
//! follow it. S103's scan is the same between a Han character and an ASCII letter, S102's between two Han
//! characters over its own spaces (ideographic, not tab).

use crate::lint::chars::is_han;

#[inline]
fn is_space(c: u32) -> bool {
    matches!(c, 0x20 | 0x09 | 0xa0)
}

#[inline]
fn is_digit(c: u32) -> bool {
    (0x30..=0x39).contains(&c)
}

/// `(start, end)` of every run of `space` characters that has a character before it, in text order (a run
/// at the text's start has nothing on its left side to check).
fn space_runs<'t>(text: &'t [u32], space: impl Fn(u32) -> bool + 't) -> impl Iterator<Item = (usize, usize)> + 't {
    let mut i = 1;
    std::iter::from_fn(move || {
        while i < text.len() {
            if !space(text[i]) || space(text[i - 1]) {
                i += 1;
                continue;
            }
            let start = i;
            i += text[i..].iter().take_while(|&&c| space(c)).count();
            return Some((start, i));
        }
        None
    })
}

/// `(start, end)` of every run of spaces with a Han character on one side and an ASCII digit on the other,
/// in text order.
pub fn han_digit_spaces(text: &[u32]) -> Vec<(usize, usize)> {
    space_runs(text, is_space)
        .filter(|&(i, end)| {
            text.get(end).is_some_and(|&after| {
                let before = text[i - 1];
                (is_han(before) && is_digit(after)) || (is_digit(before) && is_han(after))
            })
        })
        .collect()
}

#[inline]
fn is_latin(c: u32) -> bool {
    matches!(c, 0x41..=0x5a | 0x61..=0x7a)
}

/// S102's spaces: `(start, end)` of every run of ASCII, ideographic or no-break spaces between two Han
/// characters, in text order (`[ \u3000\u00a0](?<=[HAN].)[ \u3000\u00a0]*(?=[HAN])` by `finditer`).
pub fn han_spaces(text: &[u32]) -> Vec<(usize, usize)> {
    space_runs(text, |c| matches!(c, 0x20 | 0x3000 | 0xa0))
        .filter(|&(i, end)| is_han(text[i - 1]) && text.get(end).is_some_and(|&after| is_han(after)))
        .collect()
}

/// S103's spaces: `(start, end, word start, word end)` of every run of spaces with a Han character on one
/// side and an ASCII letter on the other, in text order, with the run of ASCII letters next to it. What the
/// regex it replaced matched (`([ \t\u00a0](?<=[HAN].)[ \t\u00a0]*)(?=([A-Za-z][A-Za-z]*))|([ \t\u00a0]
/// (?<=[A-Za-z].)[ \t\u00a0]*)(?=[HAN])`, by `finditer`) and the letters the rule then walked back over.
pub fn han_latin_spaces(text: &[u32]) -> Vec<(usize, usize, usize, usize)> {
    space_runs(text, is_space)
        .filter_map(|(i, end)| {
            let (before, after) = (text[i - 1], *text.get(end)?);
            if is_han(before) && is_latin(after) {
                Some((i, end, end, end + text[end..].iter().take_while(|&&c| is_latin(c)).count()))
            } else if is_latin(before) && is_han(after) {
                Some((i, end, i - text[..i].iter().rev().take_while(|&&c| is_latin(c)).count(), i))
            } else {
                None
            }
        })
        .collect()
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

    #[test]
    fn runs_between_han() {
        let found = |text: &str| han_spaces(&code_points(text));
        assert_eq!(found("会议 指出\u{3000}\u{a0} 要"), vec![(2, 3), (5, 8)]);
        assert_eq!(found(" 中 a 中\t中 9"), vec![]);
        assert_eq!(found("〇 㐀 豈"), vec![(1, 2), (3, 4)]);
    }

    #[test]
    fn runs_between_han_and_latin_with_their_words() {
        let found = |text: &str| han_latin_spaces(&code_points(text));
        assert_eq!(found("下载 APP 办理"), vec![(2, 3, 3, 6), (6, 7, 3, 6)]);
        assert_eq!(found("中\t\u{a0} ab1"), vec![(1, 4, 4, 6)]);
        assert_eq!(found("ａ 中 Ａ"), vec![]); // full-width letters are not [A-Za-z]
        assert_eq!(found(" a 中\u{3000}b"), vec![(2, 3, 1, 2)]); // an ideographic space is S102's
        assert_eq!(found("中 9"), vec![]);
    }
}
