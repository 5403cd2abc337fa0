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

/// True when `text` holds no `’` (an apostrophe or a closing quote: the slow path tells them apart) and its
/// paired marks, read in order, nest: every closer closes the innermost open mark of its own kind, and none
/// stays open. (The Python it replaced deleted adjacent matched pairs until none was left: the same test.)
pub fn balanced(text: &[u32]) -> bool {
    let mut stack: Vec<u32> = Vec::new();
    for &c in text {
        if c == RIGHT_SINGLE_QUOTE {
            return false;
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
        assert!(!ok("Xi’an"));
        assert!(!ok("‘甲’")); // ’ always takes the slow path
    }
}
