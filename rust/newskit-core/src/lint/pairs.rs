//! P106's quick test: whether a text's paired marks nest (`newskit.rules.punctuation.unbalanced_pairs`,
//! which then finds and words the problems of the few texts that fail it).

/// Paired marks, opener and closer; ASCII parentheses count as the full-width ones.
const PAIRS: [(u32, u32); 9] = [
    (0x201c, 0x201d), // “ ”
    (0x2018, 0x2019), // ‘ ’
    (0xff08, 0xff09), // （ ）
    (0x300a, 0x300b), // 《 》
    (0x3008, 0x3009), // 〈 〉
    (0x3010, 0x3011), // 【 】
    (0x3014, 0x3015), // 〔 〕
    (0x300c, 0x300d), // 「 」
    (0x300e, 0x300f), // 『 』
];
const RIGHT_SINGLE_QUOTE: u32 = 0x2019;

#[inline]
fn width_normal(c: u32) -> u32 {
    match c {
        0x28 => 0xff08,
        0x29 => 0xff09,
        _ => c,
    }
}

/// Whether `c` may be a paired mark at all: one test for the characters of a text that are not (nearly all).
#[inline]
fn may_pair(c: u32) -> bool {
    matches!(c, 0x28 | 0x29 | 0x2018..=0x201d | 0x3008..=0x3015 | 0xff08 | 0xff09)
}

/// `’` between two ASCII letters is an apostrophe (`Xi’an`, `China’s`), not a closing quote: the walk's test.
fn apostrophe(text: &[u32], i: usize) -> bool {
    let latin = |c: u32| char::from_u32(c).is_some_and(|c| c.is_ascii_alphabetic());
    i > 0 && i + 1 < text.len() && latin(text[i - 1]) && latin(text[i + 1])
}

/// True when `text`'s paired marks, read in order, nest: every closer closes the innermost open mark of its
/// own kind, and none stays open; an apostrophe is no mark. (The Python it replaced deleted adjacent matched
/// pairs until none was left, and left every text holding a `’` to the walk: most of those are apostrophes.)
pub fn balanced(text: &[u32]) -> bool {
    let mut stack: Vec<u32> = Vec::new();
    for (i, &c) in text.iter().enumerate() {
        if !may_pair(c) || (c == RIGHT_SINGLE_QUOTE && apostrophe(text, i)) {
            continue;
        }
        let c = width_normal(c);
        if PAIRS.iter().any(|&(open, _)| open == c) {
            stack.push(c);
        } else if let Some(&(open, _)) = PAIRS.iter().find(|&&(_, close)| close == c) {
            if stack.pop() != Some(open) {
                return false;
            }
        }
    }
    stack.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::chars::code_points;

    fn ok(text: &str) -> bool {
        balanced(&code_points(text))
    }

    #[test]
    fn nesting() {
        assert!(ok("他说：“《人民日报》（海外版）报道。”"));
        assert!(ok("成像(NMRI）和（a)"));
        assert!(ok("没有标点"));
        assert!(!ok("“《人民日报”》"));
        assert!(!ok("“未完"));
        assert!(!ok("多了）"));
        assert!(ok("Xi’an") && ok("“China’s”") && ok("‘甲’"));
        assert!(!ok("’an") && !ok("Xi’") && !ok("Xi’甲") && !ok("‘Xi’an"));
    }
}
